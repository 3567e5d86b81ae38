"""Writing drafts beside their notes without ever losing a word the user wrote.

Each drafts folder keeps a record of the SHA-256 of every draft the tool wrote there. A draft
whose bytes still match its record is the tool's own and may be regenerated; any other file is
the user's and is never replaced or removed. Writes are atomic and happen only when bytes change.
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
    kept: list[Path] = field(default_factory=list)  # edited by the user; ours would now differ
    removed: list[Path] = field(default_factory=list)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_drafts(drafts: dict[Path, bytes], notes: set[Path], journal_root: Path) -> DraftsResult:
    """Write each draft (by path) unless the user has edited the file there; remove the tool's
    unedited drafts whose note is gone."""
    result = DraftsResult()
    by_folder: dict[Path, dict[str, bytes]] = {}
    for path, data in drafts.items():
        by_folder.setdefault(path.parent, {})[path.name] = data
    for folder in sorted(by_folder):
        _write_folder(folder, by_folder[folder], result)
    for folder in sorted(journal_root.rglob(f"*{DRAFTS_SUFFIX}")):
        note = folder.with_name(folder.name.removesuffix(DRAFTS_SUFFIX) + ".md")
        if folder.is_dir() and note not in notes and not note.exists():
            _remove_orphans(folder, result)
    return result


def _write_folder(folder: Path, drafts: dict[str, bytes], result: DraftsResult) -> None:
    record = read_record(folder)
    for name, data in sorted(drafts.items()):
        path = folder / name
        try:
            current = path.read_bytes()
        except FileNotFoundError:
            current = None
        if current == data:
            record[name] = sha256(data)  # the same bytes are ours whoever wrote them
            continue
        if current is not None and record.get(name) != sha256(current):
            result.kept.append(path)  # the user's words: never replaced
            continue
        atomic_write(path, data)
        record[name] = sha256(data)
        result.written.append(path)
    _write_record(folder, record)


def _remove_orphans(folder: Path, result: DraftsResult) -> None:
    """The note is gone: remove the drafts the tool made and nobody edited; keep the rest."""
    record = read_record(folder)
    for name, digest in sorted(record.items()):
        path = folder / name
        if path.is_file() and not path.is_symlink() and sha256(path.read_bytes()) == digest:
            path.unlink()
            result.removed.append(path)
            del record[name]
    if record or any(p.name != RECORD for p in folder.iterdir()):
        _write_record(folder, {n: d for n, d in record.items() if (folder / n).exists()})
        return
    (folder / RECORD).unlink(missing_ok=True)
    folder.rmdir()


def read_record(folder: Path) -> dict[str, str]:
    try:
        text = (folder / RECORD).read_text("utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
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


@dataclass(frozen=True)
class DraftFile:
    """A draft as it is on disk now, edited or not."""

    path: Path
    draft: Draft
    edited: bool


def read_drafts(note_path: Path) -> list[DraftFile]:
    """The drafts beside a note, in name order."""
    folder = drafts_folder(note_path)
    if not folder.is_dir():
        return []
    record = read_record(folder)
    found = []
    for path in sorted(folder.glob("*.md")):
        data = path.read_bytes()
        text = data.decode("utf-8", "replace")
        found.append(DraftFile(path, parse_draft(text), record.get(path.name) != sha256(data)))
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
