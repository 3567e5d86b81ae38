"""What changed in the search since a day, for `fj changes` and the dashboard: the notes as the
last commit on or before that day left them (`history.py`), read by the parser of every note
(`parse.py`), compared with the journal now, uncommitted edits included (`changes.py`).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path

from .changes import Change, Kind, became_overdue, compare, dated_in
from .config import Config
from .history import Base, HistoryError, notes_at
from .model import NoteFile
from .parse import NoteResult, parse_note
from .plan import Plan
from .scan import DRAFTS_SUFFIX, THEMES_FOLDER, excluded

Known = Mapping[Path, tuple[object, str, NoteResult]]  # a build's notes read: digest, result


@dataclass(frozen=True)
class Since:
    """The changes since `base.day`, up to `today`."""

    base: Base
    today: date
    changes: tuple[Change, ...]

    @property
    def day(self) -> date:
        return self.base.day

    def of(self, *kinds: Kind) -> list[Change]:
        return [change for change in self.changes if change.kind in kinds]


def changes_since(plan: Plan, base: Base, overdue: bool = True,
                  notes_of: Callable[[str], list[NoteFile]] | None = None) -> Since:
    """What changed since `base.day`: compared with its commit when there is one, else the
    notes dated in the period; and, with `overdue`, the items that became overdue. `notes_of`
    gives the notes of a commit (default: `notes_then`, every file parsed)."""
    journal, tz = plan.journal, plan.journal.config.timezone
    then = None
    if base.commit is not None:
        try:
            then = (notes_of or partial(notes_then, journal.config, known={}))(base.commit)
        except HistoryError as error:
            base = replace(base, commit=None, missing=f"cannot read commit {base.commit}: {error}")
    if then is not None:
        found = compare(then, journal.notes, tz)
    else:
        found = dated_in(plan.applications, base.day, plan.today, tz)
    if overdue:
        found += became_overdue(plan.applications, plan.items, base.day, plan.today)
    return Since(base, plan.today, tuple(found))


def notes_then(config: Config, commit: str, known: Known) -> list[NoteFile]:
    """The journal's valid notes as they were in `commit`; those whose bytes are those of a
    note `known` (as a build read it: its digest and result) are not parsed again."""
    notes = []
    for relative, data in sorted(notes_at(config.root, commit).items()):
        if not is_note(config, relative):
            continue
        path = config.root / relative
        remembered = known.get(path)
        if remembered is not None and remembered[1] == hashlib.sha256(data).hexdigest():
            result = remembered[2]
        else:
            result = parse_note(path, data, config.timezone)
        if result.note is not None:
            notes.append(result.note)
    return notes


def is_note(config: Config, relative: str) -> bool:
    """Whether a file at this path from the journal's folder is a note, as the scan tells: a
    `.md` file outside hidden folders, drafts folders, `themes/`, the report and `exclude`."""
    parts = relative.split("/")
    folders = ["/".join(parts[:end]) for end in range(1, len(parts))]
    output = os.path.relpath(config.output, config.root).replace(os.sep, "/")
    return (relative.endswith(".md") and not any(p.startswith(".") for p in parts)
            and not any(p.endswith(DRAFTS_SUFFIX) for p in parts[:-1])
            and not any(f in (THEMES_FOLDER, output) for f in folders)
            and not any(excluded(config.exclude, p) for p in [*folders, relative]))
