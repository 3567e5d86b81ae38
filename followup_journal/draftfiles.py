"""Writing drafts beside their notes without ever losing a word the user wrote.

Each drafts folder keeps a record of every draft the tool wrote there (`draftrecord.py`). A
draft whose text still matches its record is the tool's own and may be regenerated; any other
file is the user's and is never replaced. A draft of the tool's that its notes no longer call
for (done, past, or overdue for long) is removed, unless the user edited it (`remove_unwanted`);
the drafts of a note that is gone are reported, for the user to keep or delete.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .atomicwrite import atomic_write, flush_to_disk, stage_many, temporary_of, unlink_all
from .config import Me
from .draftrecord import (
    MADE,
    RECORD,
    Record,
    fingerprint,
    parse_record,
    read_if_there,
    record_text,
)
from .drafts import DraftSpec, draft_files, drafts_folder
from .parallel import can_share, in_two
from .problems import Problem

if TYPE_CHECKING:
    import jinja2

    from .scan import Scan


@dataclass
class DraftsResult:
    written: int = 0  # drafts put in place
    removed: int = 0  # unedited drafts no longer wanted, removed
    edited: list[Path] = field(default_factory=list)  # the user's versions, left as they are
    kept: list[Path] = field(default_factory=list)  # of those, where the tool's version changed
    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def joined(cls, results: Iterable[DraftsResult]) -> DraftsResult:
        """One result from those of several batches, in their order."""
        joined = cls()
        for result in results:
            joined.written += result.written
            joined.removed += result.removed
            joined.edited += result.edited
            joined.kept += result.kept
            joined.problems += result.problems
        return joined


SHARED = 200  # drafts from which a forked child makes half of them


def make_drafts(specs: list[DraftSpec], me: Me, env: jinja2.Environment) -> DraftsResult:
    """Render and write the drafts `specs` call for. Many of them (a first build, a new day) are
    shared with a forked child, half of the drafts folders each: making files is most of their
    time, and this disk makes two at once in little more time than one. A template error in one
    half may then come after the other half's drafts are written: they are right, and recorded
    as the tool's, so the next build treats them as its own. Where no child can be forked
    (`fj watch`, `fj serve`), they are written as one batch, with one wait for the disk."""
    if len(specs) < SHARED or not can_share():
        return write_drafts(draft_files(specs, me, env))
    return DraftsResult.joined(in_two(lambda half: write_drafts(draft_files(half, me, env)),
                                      halves_by_folder(specs), minimum=2))


def halves_by_folder(specs: list[DraftSpec]) -> list[list[DraftSpec]]:
    """`specs` in two by drafts folder: the first half of the folders in name order, then the
    rest. Two processes must never write in one folder: each would rewrite its record."""
    by_folder: dict[Path, list[DraftSpec]] = {}
    for spec in specs:
        by_folder.setdefault(drafts_folder(spec.note), []).append(spec)
    folders = sorted(by_folder)
    half = len(folders) // 2
    return [[spec for folder in part for spec in by_folder[folder]]
            for part in (folders[:half], folders[half:])]


def write_drafts(drafts: dict[Path, bytes]) -> DraftsResult:
    """Write each draft (by path) unless the user has edited the file there.

    A folder's record is put in place before its new drafts, naming for each both the version
    it had and the one it is getting; once they are in place, it names the new one alone. So
    wherever a build stops (Ctrl-C, a kill, a power cut), each draft is a version its record
    calls the tool's, and the next build replaces it.
    """
    result = DraftsResult()
    by_folder: dict[Path, dict[str, bytes]] = {}
    for path, data in drafts.items():
        by_folder.setdefault(path.parent, {})[path.name] = data
    pending: list[Pending] = []
    for folder in sorted(by_folder):
        try:
            pending.append(_plan_folder(folder, by_folder[folder], result))
        except OSError as error:  # one unwritable folder must not stop the others
            _cannot_write(folder, error, result)
    try:
        _stage([p for p in pending if p.writes], result)
        for planned in pending:
            try:
                _finish_folder(planned, result)
            except OSError as error:
                _cannot_write(planned.folder, error, result)
    finally:  # stopped (Ctrl-C), or a folder failed half way: no temporary is left
        unlink_all([temporary for folder in pending for temporary in folder.staged.values()])
    _write_records([p for p in pending if p.on_disk != record_text(p.record)], result)
    return result


@dataclass
class Pending:
    """A drafts folder half written: its record, and its new drafts staged beside them."""

    folder: Path
    on_disk: bytes | None  # the record's text in the folder
    record: Record  # the record, as the drafts put in place make it
    writes: list[tuple[str, bytes, str, bytes | None]]  # name, our text, its fingerprint, and
    # what was there
    staged: dict[str, Path] = field(default_factory=dict)  # by draft name, and RECORD
    intended: bytes | None = None  # the record while the drafts are put in place

    def intent(self) -> bytes:
        """The record while the drafts are put in place: each written one's old and new text."""
        both = {name: set(digests) for name, digests in self.record.items()}
        for name, _, ours, _ in self.writes:
            both.setdefault(name, set()).add(ours)
        return record_text(both)


def remove_unwanted(folders: list[Path], wanted: set[Path], result: DraftsResult) -> None:
    """Remove from `folders` each draft of the tool's not `wanted`, unless the user edited it,
    and then a folder the tool made that holds nothing else."""
    for folder in folders:
        try:
            result.removed += _remove_in(folder, wanted)
        except OSError as error:  # one unwritable folder must not stop the others
            _cannot_write(folder, error, result)


def _remove_in(folder: Path, wanted: set[Path]) -> int:
    """The drafts first, then the record: stopped in between, it names a draft that is gone,
    which is no harm. Returns how many drafts it removed."""
    on_disk = read_if_there(folder / RECORD)
    if on_disk is None:  # no record: every file in it is the user's
        return 0
    record = parse_record(on_disk)
    removed = 0
    for name in sorted(record.keys() - {MADE}):
        path = folder / name
        if path in wanted or path.is_symlink():
            continue
        current = read_if_there(path)
        if current is not None and fingerprint(current) not in record[name]:
            continue  # edited: the user's words
        if current is not None:
            path.unlink(missing_ok=True)
            removed += 1
        del record[name]
    if record.keys() == {MADE} and [p.name for p in folder.iterdir()] == [RECORD]:
        (folder / RECORD).unlink()
        folder.rmdir()
    elif record_text(record) != on_disk:
        atomic_write(folder / RECORD, record_text(record))
    return removed


def clear_leftovers(scan: Scan) -> None:
    """Remove the temporary drafts and records that a build stopped mid-write (Ctrl-C, a kill)
    left in the drafts folders: only the tool's own names (`.thank-you.md.fj-k2j4x9q1.tmp`).
    No other build is writing meanwhile: builds of a journal take turns (`lock.py`)."""
    for folder, stamps in list(scan.drafts_stamps.items()):
        leftovers = [name for name, _ in stamps if _is_draft_or_record(temporary_of(name))]
        for name in leftovers:
            with contextlib.suppress(OSError):  # a folder we may not write is reported later
                (Path(folder) / name).unlink(missing_ok=True)
        if leftovers:
            scan.restamp_drafts(Path(folder))


def _is_draft_or_record(name: str | None) -> bool:
    return name is not None and (name.endswith(".md") or name == RECORD)


def _cannot_write(folder: Path, error: OSError, result: DraftsResult) -> None:
    """Said once per folder; naming the file in the way, if one is (not a temporary file that
    could not be made: that is the folder's doing)."""
    if any(problem.path == folder for problem in result.problems):
        return
    culprit = Path(error.filename) if error.filename else None
    named = f" ({culprit.name})" if (culprit and culprit.parent == folder and culprit.exists()
                                     and not temporary_of(culprit.name)) else ""
    message = f"cannot write drafts here: {error.strerror or error}{named}"
    result.problems.append(Problem(folder, 1, 1, message))


def _plan_folder(folder: Path, drafts: dict[str, bytes], result: DraftsResult) -> Pending:
    """Which drafts of a folder to write: never one the user has edited."""
    on_disk = read_if_there(folder / RECORD)
    record = parse_record(on_disk)
    if not folder.exists():
        record[MADE] = set()
    pending = Pending(folder, on_disk, record, [])
    for name, data in sorted(drafts.items()):
        path = folder / name
        current = read_if_there(path)
        ours = fingerprint(data)
        if current is not None and fingerprint(current) == ours:
            record[name] = {ours}  # the same text is ours whoever wrote it
            continue
        if current is not None and fingerprint(current) not in record.get(name, ()):
            result.edited.append(path)
            if ours not in record.get(name, ()):  # say so once, when our version changes
                result.kept.append(path)
                record[name] = {ours}
            continue  # the user's words: never replaced
        pending.writes.append((name, data, ours, current))
    return pending


def _stage(pending: list[Pending], result: DraftsResult) -> None:
    """Write every new draft, and each folder's record as it is while they are put in place, to
    a temporary file beside it; then wait for the disk once for all of them: a draft must
    survive a power cut, and one wait is much faster than one each."""
    writes = [(folder, name, data) for folder in pending for name, data, _, _ in folder.writes]
    for folder in pending:
        folder.intended = folder.intent()
        writes.append((folder, RECORD, folder.intended))
    staged = stage_many([(folder.folder / name, data) for folder, name, data in writes])
    try:
        for (folder, name, _), temporary in zip(writes, staged, strict=True):
            if isinstance(temporary, Path):
                folder.staged[name] = temporary
            else:
                _cannot_write(folder.folder, temporary, result)
    except BaseException:  # stopped (Ctrl-C) before every temporary is in `staged`
        unlink_all([temporary for temporary in staged if isinstance(temporary, Path)])
        raise
    flush_to_disk([temporary for folder in pending for temporary in folder.staged.values()])


def _finish_folder(pending: Pending, result: DraftsResult) -> None:
    """Put the record in place, then the staged drafts, unless the user saved one meanwhile."""
    intent = pending.staged.get(RECORD)
    if intent is None:  # no record, no drafts: they would pass for the user's
        return
    intent.replace(pending.folder / RECORD)
    del pending.staged[RECORD]
    pending.on_disk = pending.intended
    for name, _, ours, before in pending.writes:
        staged = pending.staged.get(name)
        if staged is None:
            continue
        path = pending.folder / name
        if read_if_there(path) != before:  # saved by the user while we were at it
            staged.unlink(missing_ok=True)
        else:
            staged.replace(path)
            pending.record[name] = {ours}
            result.written += 1
        del pending.staged[name]  # only now: until then, a Ctrl-C clean-up still finds it


def _write_records(pending: list[Pending], result: DraftsResult) -> None:
    """The records as the drafts put in place left them, durably, with one wait for the disk
    for all of them."""
    changed = [(p.folder / RECORD, record_text(p.record)) for p in pending]
    if not changed:
        return
    staged = []
    for (path, _), temporary in zip(changed, stage_many(changed), strict=True):
        if isinstance(temporary, Path):
            staged.append((temporary, path))
        else:
            _cannot_write(path.parent, temporary, result)
    try:
        flush_to_disk([temporary for temporary, _ in staged])
        for temporary, path in staged:
            temporary.replace(path)
    except BaseException:  # those already in place are gone: missing_ok
        unlink_all([temporary for temporary, _ in staged])
        raise
