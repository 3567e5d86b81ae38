"""The build: scan, read, plan, drafts, render, write; each stage redoing only what changed.

A `Builder` runs the stages in `_build`, top to bottom. What makes a rebuild fast is the
`Memory` (`memory.py`) each stage consults: a note whose file has not changed is not read
again, an application whose notes and drafts have not changed is not drafted again
(`drafting.py`), a page whose inputs have not changed is not rendered again (`publish.py`).
`fj watch` and `fj serve` keep one builder for the whole session; `fj build` saves its memory in
the cache (`cache.py`), so a build in a new process is fast too. The result is always the same
bytes a build from scratch would write.
"""

from __future__ import annotations

import gc
import hashlib
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date, tzinfo
from pathlib import Path

import jinja2

from . import __version__
from .applications import Application
from .checklist import Item, State, application_items, lapsed
from .checks import WarningsOf, warnings_of_application
from .config import Config
from .draftfiles import clear_leftovers
from .drafting import Drafts, day_of, draft_stage
from .events import record
from .history import Base
from .memory import ItemsKey, Memory, NotesRead
from .model import NoteFile
from .outcome import Outcome, drafts_key, recent_base, render_key
from .outputs import Options
from .parallel import parallel_map
from .parse import NoteResult
from .plan import Plan, plan
from .problems import Problem
from .publish import publish
from .read import Journal, load_note
from .rules import Timing
from .scan import THEMES_FOLDER, Scan, Stamp, racy, scan_journal
from .since import Since, changes_since, notes_then
from .site import Site
from .sourcetext import Unreadable, read_file
from .theme import environment
from .writer import WriteResult, check_output


class Builder:
    """Builds a journal's report and drafts, again and again, redoing only what changed."""

    def __init__(self, config: Config, output: Path, eml: bool = False,
                 memory: Memory | None = None, templates: Path | None = None) -> None:
        self.config = config
        self.output = output
        self.eml = eml
        self.templates = templates  # where compiled templates are kept, if anywhere
        self.memory = memory or Memory()
        self._checked: tuple[Path, Path, frozenset[Path]] | None = None
        self._env: jinja2.Environment | None = None
        self.last_scan: Scan | None = None  # the files as the last build left them
        self._then: tuple[tuple[str, str], list[NoteFile]] | None = None  # `_notes_then`

    def build(self, today: date, scan: Scan | None = None, history: Base | None = None
              ) -> Outcome:
        """Build the report and drafts as of `today`, from the files as `scan` found them (if
        it was just made) or as they are now, and the dashboard's changes since the commit
        `history` names (if it was just looked up) or the one `recent_base` finds now."""
        templates = self._env
        with _long_lived_frozen():
            outcome = self._build(today, scan if scan is not None else scan_journal(self.config),
                                  history or recent_base(self.config, today))
        renewed = templates is not None and self._env is not templates
        del templates
        if renewed:  # the templates of before hold reference cycles, frozen: a full pass frees them
            gc.collect()
        return outcome

    def finds_as_built(self, config: Config, today: date) -> bool:
        """Whether a build with `config` on `today` would find everything as the last one did:
        each note, draft and theme file, and the config itself."""
        built, now = self.last_scan, scan_journal(config)
        key = render_key(drafts_key(config), self.output, today, self.eml,
                         recent_base(config, today))
        if built is None or built.digest(self.memory.render_key) != now.digest(key):
            return False
        # A note saved just as it was read may have changed again without its stamp showing it.
        return all(stamp is not None or not digest or _digest_of(path) == digest
                   for path, (stamp, digest, _) in self.memory.notes.items())

    def _build(self, today: date, scan: Scan, history: Base) -> Outcome:
        """The stages, top to bottom: read, plan, drafts, render and write."""
        self._forget_what_changed(today, history)
        clear_leftovers(scan)
        journal, moved = self._read(scan)
        _freeze_what_lives()  # the notes too live to the end of the build
        self._check_output(journal)
        planned = self._plan(journal, today)
        env = self.environment()
        drafts = draft_stage(self.memory, self.config, journal, planned.applications, scan, env,
                             moved, day_of(self.config, planned.items, today))
        site = Site(self.config, today, planned.applications, planned.items,
                    broken_notes(journal, self.config), drafts.on_disk,
                    tuple(drafts.result.edited), drafts.orphans, drafts.orphans_edited,
                    drafts.wanted, drafts.versions, recent=self._recent(planned, history))
        written = publish(self.memory, site, env, self.output, Options(eml=self.eml))
        self.last_scan = scan
        return outcome_of(journal, planned, drafts, written, self.output)

    def _forget_what_changed(self, today: date, history: Base) -> None:
        """What the last build made with another tool, config, theme, day, output or commit to
        compare with is made again: the memory's parts that depend on it are forgotten."""
        drafts = drafts_key(self.config)
        pages = render_key(drafts, self.output, today, self.eml, history)
        parse_key = (__version__, repr(self.config.timezone))
        memory = self.memory
        if memory.parse_key != parse_key:
            memory.notes, memory.parse_key = {}, parse_key
        if memory.drafts_key != drafts:
            memory.forget_drafts(drafts)
        if memory.render_key != pages:
            memory.forget_rendering(pages)
            self._env = None  # the theme, the config or the day changed

    # Stages ---------------------------------------------------------------------------------------

    def _read(self, scan: Scan) -> tuple[Journal, dict[str, list[Path]]]:
        """Every note: as remembered when its file has not changed, else read again; and the
        notes gone since the last build, by digest (to find one moved as it was)."""
        remembered, fresh = self.memory.notes, {}
        for path, now in scan.notes.items():
            known = remembered.get(path)
            if known is not None and now is not None and known[0] == now:
                fresh[path] = known
        unread = [(path, now) for path, now in scan.notes.items() if path not in fresh]
        record("read", (path for path, _ in unread))
        fresh.update(zip((path for path, _ in unread),
                         parallel_map(read_note, self.config, unread), strict=True))
        moved = _gone_by_digest(remembered, scan)
        # In the scan's order, as a build from scratch has them.
        self.memory.notes = {path: fresh[path] for path in scan.notes}
        results = [entry[2] for entry in self.memory.notes.values()]
        return Journal.of(self.config, results, scan.problems), moved

    def _check_output(self, journal: Journal) -> None:
        """Refuse an output folder whose cleaning could reach the user's files; again whenever
        the notes or the output folder (`journal.toml` changed under `fj watch`) change."""
        checked = (self.output, self.config.root, frozenset(r.path for r in journal.results))
        if checked != self._checked:
            check_output(self.output, self.config.root, sorted(checked[2]))
            self._checked = checked

    def _plan(self, journal: Journal, today: date) -> Plan:
        """The plan, with the items of each application as remembered when its notes are the
        same."""
        remembered: dict[ItemsKey, list[Item]] = self.memory.items
        fresh: dict[ItemsKey, list[Item]] = {}

        def items_of(application: Application, timings: Mapping[str, Timing], day: date,
                     tz: tzinfo) -> list[Item]:
            # Items name the key; the end of the search comes from another application.
            key = (application.key, self.memory.notes_read(application), application.ended,
                   application.joining)
            known = remembered.get(key)
            fresh[key] = known if known is not None else application_items(
                application, timings, day, tz)
            return fresh[key]

        planned = plan(journal, today, items_of, self._warnings_of())
        self.memory.items = fresh
        return planned

    def _warnings_of(self) -> WarningsOf:
        """What finds each application's warnings as remembered when its notes, the people of
        its company and the day its search ended are the same; the memory keeps those the plan's
        problems find (`outcome_of`)."""
        remembered = self.memory.warnings
        fresh: dict[tuple[str, NotesRead, date | None, str], list[Problem]] = {}
        self.memory.warnings = fresh

        def warnings_of(application: Application, timings: Mapping[str, Timing],
                        tz: tzinfo) -> list[Problem]:
            key = (application.key, self.memory.notes_read(application), application.ended,
                   application.met.version)
            known = remembered.get(key)
            if known is None:
                record("warned", [application.key])
                known = warnings_of_application(application, timings, tz)
            fresh[key] = known
            return known

        return warnings_of

    def _recent(self, planned: Plan, history: Base) -> Since | None:
        """The dashboard's changes since a week ago, for a journal in git."""
        if not history.repository:
            return None
        return changes_since(planned, history, overdue=False, notes_of=self._notes_then)

    def _notes_then(self, commit: str) -> list[NoteFile]:
        """The notes of a commit, read once a session; those whose bytes are those of a note
        read now are not parsed again."""
        key = (commit, repr(self.config))
        if self._then is None or self._then[0] != key:
            self._then = key, notes_then(self.config, commit, self.memory.notes)
        return self._then[1]

    def environment(self) -> jinja2.Environment:
        """The theme's templates, compiled once per session and cached on disk between them."""
        if self._env is None:
            self._env = environment(self.config.root / THEMES_FOLDER, self.templates)
        return self._env


def outcome_of(journal: Journal, planned: Plan, drafts: Drafts, written: WriteResult,
               output: Path) -> Outcome:
    """What the build did and found, for the command to report."""
    problems = [*planned.problems, *drafts.problems]
    lapse_after = journal.config.drafts.drop_overdue_after  # as the agenda counts them
    return Outcome(
        notes=len(journal.results), files=written.written + written.unchanged,
        written=written.written, drafts_written=drafts.result.written,
        drafts_removed=drafts.result.removed,
        kept=tuple(drafts.result.kept), orphans=drafts.orphans,
        orphans_edited=drafts.orphans_edited,
        due=sum(1 for i in planned.items
                if (i.state is State.OVERDUE and not lapsed(i, planned.today, lapse_after))
                or (i.state is State.DUE and i.due <= planned.today)),
        problems=tuple(sorted(problems)), output=output,
    )


@contextmanager
def _long_lived_frozen() -> Iterator[None]:
    """The memory of the last build lives through this one: the garbage collector need not go
    over it again and again, as it otherwise does while a build makes millions of objects (at
    10,000 notes, 2 s of a 6 s rebuild).

    Frozen objects are never collected, and rendering leaves reference cycles (Jinja's macros
    and contexts), which a session of `fj watch` would otherwise pile up from one rebuild to the
    next. So what the build made is collected before it is frozen in turn (`_freeze_what_lives`)
    and at the end: only the objects made since the last freeze are looked at, a small part.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.collect()
        gc.unfreeze()


def _freeze_what_lives() -> None:
    """Freeze what lives now, once its garbage is collected (frozen, it never would be)."""
    gc.collect()
    gc.freeze()


# Files and their stamps -------------------------------------------------------------------------


def _digest_of(path: Path) -> str:
    try:
        return hashlib.sha256(read_file(path)).hexdigest()
    except Unreadable:
        return ""


def read_note(config: Config, file: tuple[Path, Stamp | None]) -> tuple[Stamp | None, str,
                                                                        NoteResult]:
    """A note's result, with the stamp it had (unless too recent to trust) and a digest."""
    path, now = file
    data, result = load_note(path, config.timezone)
    if data is None:
        return None, "", result
    trusted = None if racy(now, time.time_ns()) else now
    return trusted, hashlib.sha256(data).hexdigest(), result


def _gone_by_digest(remembered: dict[Path, tuple[Stamp | None, str, NoteResult]],
                    scan: Scan) -> dict[str, list[Path]]:
    """The notes gone since the last build, by digest: to find one moved as it was (`git mv`)."""
    gone: dict[str, list[Path]] = {}
    for path, (_, sha, _) in remembered.items():
        if path not in scan.notes and sha:
            gone.setdefault(sha, []).append(path)
    return gone


def broken_notes(journal: Journal, config: Config) -> dict[str, list[Problem]]:
    """The errors of each note that could not be read, by its path in the journal."""
    return {
        result.path.relative_to(config.root).as_posix(): [
            p for p in result.problems if p.severity == "error"
        ]
        for result in journal.results
        if result.note is None
    }
