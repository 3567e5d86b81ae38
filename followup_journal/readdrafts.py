"""The drafts beside the notes as they are now, read back for the report and `fj check`: each
one's text, and whether the user has edited it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .draftrecord import fingerprint, read_record
from .drafts import (
    DRAFTS_SUFFIX,
    LINKEDIN_FREE_LIMIT,
    LINKEDIN_LIMIT,
    Draft,
    drafts_folder,
    parse_draft,
)
from .problems import Problem, Severity
from .sourcetext import Unreadable, read_file


@dataclass(frozen=True)
class DraftFile:
    """A draft as it is on disk now, edited or not."""

    path: Path
    draft: Draft
    edited: bool


def note_of(folder: Path) -> Path:
    return folder.with_name(folder.name.removesuffix(DRAFTS_SUFFIX) + ".md")


def read_drafts(note_path: Path) -> list[DraftFile]:
    """The drafts beside a note, in name order; hidden files (an editor's lock or swap file)
    and unreadable ones (a named pipe, a file of megabytes) are left out."""
    folder = drafts_folder(note_path)
    try:
        paths = sorted(folder.glob("*.md")) if folder.is_dir() else []
    except OSError:  # `write_drafts` says so
        return []
    try:
        record = read_record(folder)
    except OSError:  # every draft counts as the user's, as when the record is gone
        record = {}
    found = []
    for path in paths:
        if path.name.startswith("."):
            continue
        try:
            data = read_file(path)
        except Unreadable:
            continue
        draft = parse_draft(data.decode("utf-8", "replace"))
        found.append(DraftFile(path, draft, fingerprint(data) not in record.get(path.name, ())))
    return found


def drafts_beside(note_paths: list[Path]) -> dict[Path, list[DraftFile]]:
    return {path: read_drafts(path) for path in note_paths}


def draft_warnings(drafts: list[DraftFile]) -> list[Problem]:
    """A LinkedIn note longer than a free account may send (a warning), or than LinkedIn takes
    at all (an error)."""
    found = []
    for d in drafts:
        length = len(d.draft.body)
        if not d.path.name.startswith("linkedin") or length <= LINKEDIN_FREE_LIMIT:
            continue
        if length > LINKEDIN_LIMIT:
            found.append(Problem(d.path, 1, 1, f"this LinkedIn note has {length} characters; "
                                 f"LinkedIn takes {LINKEDIN_LIMIT}"))
        else:
            found.append(Problem(d.path, 1, 1, f"this LinkedIn note has {length} characters; "
                                 f"from a free account LinkedIn takes {LINKEDIN_FREE_LIMIT}",
                                 Severity.WARNING))
    return found
