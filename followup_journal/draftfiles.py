"""Writing drafts beside their notes without ever losing a word the user wrote.

Each drafts folder keeps a record of the SHA-256 of every draft the tool wrote there (of its
text with LF line endings and no BOM, so an editor or git changing those is not an edit). A
draft whose text still matches its record is the tool's own and may be regenerated; any other
file is the user's and is never replaced. The tool deletes no draft: the drafts of a note that
is gone are reported, for the user to keep or delete.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .drafts import DRAFTS_SUFFIX, LINKEDIN_LIMIT, Draft, drafts_folder, parse_draft
from .problems import Problem, Severity
from .writer import atomic_write, write_if_changed

RECORD = ".followup-journal-drafts"


@dataclass
class DraftsResult:
    written: list[Path] = field(default_factory=list)
    edited: list[Path] = field(default_factory=list)  # the user's versions, left as they are
    kept: list[Path] = field(default_factory=list)  # of those, where the tool's version changed
    orphans: list[Path] = field(default_factory=list)  # drafts folders whose note is gone
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class DraftFile:
    """A draft as it is on disk now, edited or not."""

    path: Path
    draft: Draft
    edited: bool


def fingerprint(data: bytes) -> str:
    """SHA-256 of the text as the user sees it: BOM and CRLF do not count as edits."""
    text = data.decode("utf-8", "replace").removeprefix("\ufeff").replace("\r\n", "\n")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write_drafts(drafts: dict[Path, bytes], folders_on_disk: list[Path],
                 notes: set[Path]) -> DraftsResult:
    """Write each draft (by path) unless the user has edited the file there, and find the drafts
    folders whose note is gone."""
    result = DraftsResult()
    by_folder: dict[Path, dict[str, bytes]] = {}
    for path, data in drafts.items():
        by_folder.setdefault(path.parent, {})[path.name] = data
    for folder in sorted(by_folder):
        try:
            _write_folder(folder, by_folder[folder], result)
        except OSError as error:  # one unwritable folder must not stop the others
            message = f"cannot write drafts here: {error.strerror or error}"
            result.problems.append(Problem(folder, 1, 1, message))
    result.orphans = [folder for folder in folders_on_disk if note_of(folder) not in notes]
    return result


def note_of(folder: Path) -> Path:
    return folder.with_name(folder.name.removesuffix(DRAFTS_SUFFIX) + ".md")


def _write_folder(folder: Path, drafts: dict[str, bytes], result: DraftsResult) -> None:
    record = read_record(folder)
    for name, data in sorted(drafts.items()):
        path = folder / name
        current = _read(path)
        ours = fingerprint(data)
        if current is not None and fingerprint(current) == ours:
            record[name] = ours  # the same text is ours whoever wrote it
            continue
        if current is not None and record.get(name) != fingerprint(current):
            result.edited.append(path)
            if record.get(name) != ours:  # say so once, when our version changes
                result.kept.append(path)
                record[name] = ours
            continue  # the user's words: never replaced
        if _read(path) != current:  # saved by the user while we were at it
            continue
        atomic_write(path, data)
        record[name] = ours
        result.written.append(path)
    _write_record(folder, record)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def read_record(folder: Path) -> dict[str, str]:
    try:
        text = (folder / RECORD).read_text("utf-8")
    except (FileNotFoundError, NotADirectoryError, UnicodeDecodeError):
        return {}
    record = {}
    for line in text.splitlines():
        digest, _, name = line.partition("  ")
        if len(digest) == 64 and name and "/" not in name and "\\" not in name:
            record[name] = digest
    return record


def _write_record(folder: Path, record: dict[str, str]) -> None:
    lines = "".join(f"{digest}  {name}\n" for name, digest in sorted(record.items()))
    write_if_changed(folder / RECORD, lines.encode("utf-8"))


def read_drafts(note_path: Path) -> list[DraftFile]:
    """The drafts beside a note, in name order; unreadable ones are left out."""
    folder = drafts_folder(note_path)
    record = read_record(folder)
    found = []
    try:
        paths = sorted(folder.glob("*.md")) if folder.is_dir() else []
        for path in paths:
            data = path.read_bytes()
            draft = parse_draft(data.decode("utf-8", "replace"))
            found.append(DraftFile(path, draft, record.get(path.name) != fingerprint(data)))
    except OSError:
        return found
    return found


def drafts_beside(note_paths: list[Path]) -> dict[Path, list[DraftFile]]:
    return {path: read_drafts(path) for path in note_paths}


def draft_warnings(drafts: list[DraftFile]) -> list[Problem]:
    """A LinkedIn note the user made longer than LinkedIn takes."""
    return [
        Problem(d.path, 1, 1, f"this LinkedIn note has {len(d.draft.body)} characters; LinkedIn "
                              f"takes {LINKEDIN_LIMIT}", Severity.WARNING)
        for d in drafts
        if d.path.name.startswith("linkedin") and len(d.draft.body) > LINKEDIN_LIMIT
    ]
