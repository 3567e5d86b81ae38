"""Writing the report: atomically, only what changed, and removing only files the tool made.

The output folder keeps a manifest of the files the tool wrote there. A rebuild replaces those
that changed, removes those no longer made (the pages of a deleted note), and refuses to replace
any other file it finds in the way. A build claims its files first (`claim_site`), then writes
them, from any process (`write_page`), then removes what is no longer made (`settle_site`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .atomicwrite import atomic_write, stage, temporary_of, write_new
from .errors import FjError
from .scan import DRAFTS_SUFFIX
from .sourcetext import Unreadable, read_file

MANIFEST = ".followup-journal-files"
MANIFEST_LIMIT = 1 << 28  # bytes: a manifest of 10,000 notes' pages takes about 2 MB


class OutputRefused(FjError):
    """The output folder cannot be written as asked, and nothing was written."""


@dataclass(frozen=True)
class WriteResult:
    written: int
    unchanged: int


def check_output(output: Path, journal_root: Path, notes: list[Path]) -> None:
    """Refuse an output folder whose cleaning could reach the user's files: the journal, a folder
    holding it, its themes, or a folder with notes in it."""
    out, root = _real(output), _real(journal_root)
    if out == root or root.is_relative_to(out):
        raise OutputRefused(f"the report cannot go in {output}: it holds the journal itself")
    if out.is_relative_to(root / "themes"):
        raise OutputRefused(f"the report cannot go in {output}: that is the journal's themes")
    if out.is_relative_to(root / ".git"):
        raise OutputRefused(f"the report cannot go in {output}: that is git's own folder")
    within = out.relative_to(root).parts if out.is_relative_to(root) else ()
    if any(part.endswith(DRAFTS_SUFFIX) for part in within):
        raise OutputRefused(f"the report cannot go in {output}: that is a note's drafts folder")
    # A folder at a time (they are few), and each note that is a link to elsewhere.
    holding = {folder for folder in {note.parent for note in notes}
               if _real(folder).is_relative_to(out)}
    inside = [note for note in notes if note.parent in holding
              or (note.is_symlink() and _real(note).is_relative_to(out))]
    if inside:
        raise OutputRefused(f"the report cannot go in {output}: it holds notes ({inside[0]})")


def _real(path: Path) -> Path:
    """Where `path` leads, as far as it leads: a link in a loop is left as it is (the note's own
    error says so), where `Path.resolve` would raise."""
    return Path(os.path.realpath(path))


@dataclass(frozen=True)
class Claim:
    """A build's files, checked and claimed in the manifest before any is written."""

    output: Path
    owned: frozenset[str]  # the files the last build left
    keep: frozenset[str]  # the files this one leaves: those it writes, and those still right


def claim_site(output: Path, names: Iterable[str], unchanged: frozenset[str],
               render: Callable[[str], bytes]) -> Claim:
    """Check that the files `names` can be written (`render` makes one, to compare with a file
    found in its place) and claim them, so that a build cut short can be run again.

    Nothing is written when the answer is no.
    """
    owned = frozenset(read_manifest(output))
    names = set(names)
    keep = frozenset(names | (unchanged & owned))
    folders = _Folders(output)
    for name in sorted(names | (owned - keep)):  # the files to be written or removed
        folders.check_inside(name)
    strangers = [name for name in sorted(names - owned) if folders.holds(name)
                 and not holds(output / name, render(name))]
    if strangers:
        raise OutputRefused(f"{output / strangers[0]} was not made by followup-journal: move it "
                            "away, or build into another folder with --out")
    for leftover in folders.leftovers(names):
        leftover.unlink(missing_ok=True)
    _write_manifest(output, owned | keep)
    return Claim(output, owned, keep)


def write_page(output: Path, name: str, data: bytes | Iterable[bytes]) -> bool:
    """Write one claimed file of the report, unless it already holds `data` (bytes, or pieces
    of them); whether it wrote. A new file is written in place; one already there is replaced
    whole, so that a browser or `fj serve` reading it never gets half a page."""
    path = output / name
    if write_new(path, data):
        return True
    if isinstance(data, bytes):
        return write_if_changed(path, data, durable=False)
    temporary = stage(path, lambda file: file.writelines(data))
    try:
        if _same_bytes(temporary, path):
            temporary.unlink()
            return False
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return True


def _same_bytes(one: Path, other: Path, block: int = 1 << 20) -> bool:
    try:
        if one.stat().st_size != other.stat().st_size:
            return False
        with one.open("rb") as first, other.open("rb") as second:
            while True:
                part = first.read(block)
                if part != second.read(block):
                    return False
                if not part:
                    return True
    except FileNotFoundError:
        return False


def settle_site(claim: Claim, written: int) -> WriteResult:
    """Remove the files the last build made and this one did not, and say which are left."""
    for name in sorted(claim.owned - claim.keep):
        path = claim.output / name
        if path.is_file():
            path.unlink()
            _remove_empty_parents(path.parent, claim.output)
    _write_manifest(claim.output, claim.keep)
    return WriteResult(written, len(claim.keep) - written)


def _write_manifest(output: Path, names: Iterable[str]) -> None:
    write_if_changed(output / MANIFEST, "".join(f"{name}\n" for name in sorted(names)).encode())


class _Folders:
    """The output's folders, each listed and resolved once however many files it holds."""

    def __init__(self, output: Path) -> None:
        self.output = output
        self.real_output = output.resolve()
        self._links: dict[str, dict[str, bool]] = {}  # file name: whether a symbolic link
        self._inside: dict[str, bool] = {}

    def check_inside(self, name: str) -> None:
        """Never write or delete through a symbolic link that leads out of the output folder."""
        folder, _, file = name.rpartition("/")
        if folder not in self._inside:
            self._inside[folder] = (self.output / folder).resolve().is_relative_to(
                self.real_output)
        if self._entries(folder).get(file) or not self._inside[folder]:
            path = self.output / name
            raise OutputRefused(f"{path} leads outside {self.output} (a symbolic link?): "
                                "not touching it")

    def leftovers(self, names: Iterable[str]) -> list[Path]:
        """The temporary files of `names` (`.index.html.fj-k2j4x9q1.tmp`) that a build killed in the
        middle of writing them left behind (builds take turns: no other is writing now)."""
        by_folder: dict[str, set[str]] = {}
        for name in names:
            folder, _, file = name.rpartition("/")
            by_folder.setdefault(folder, set()).add(file)
        found = [self.output / folder / entry
                 for folder, files in by_folder.items()
                 for entry in self._entries(folder)
                 if temporary_of(entry) in files]
        return sorted(found)

    def holds(self, name: str) -> bool:
        folder, _, file = name.rpartition("/")
        return file in self._entries(folder)

    def _entries(self, folder: str) -> dict[str, bool]:
        if folder not in self._links:
            try:
                with os.scandir(self.output / folder) as entries:
                    self._links[folder] = {e.name: e.is_symlink() for e in entries}
            except (FileNotFoundError, NotADirectoryError):
                self._links[folder] = {}
        return self._links[folder]


def read_manifest(output: Path) -> set[str]:
    try:
        text = read_file(output / MANIFEST, MANIFEST_LIMIT).decode("utf-8")
    except (Unreadable, UnicodeDecodeError):  # no manifest, or none the tool wrote
        return set()
    # Only plain relative paths: a manifest edited to name ../notes cannot make us delete notes.
    # A colon only where it would name a drive (`C:`): a note may be named `acme:round2.md`.
    return {line for line in text.splitlines()
            if line and not line.startswith(("/", "\\")) and line[1:2] != ":"
            and ".." not in line.replace("\\", "/").split("/")}


def write_if_changed(path: Path, data: bytes, durable: bool = True) -> bool:
    """Write `data` atomically unless the file already holds it; whether it wrote."""
    if holds(path, data):
        return False
    atomic_write(path, data, durable)
    return True


def holds(path: Path, data: bytes) -> bool:
    """Whether the regular file at `path` holds `data`: a named pipe or a device in its place is
    never read (it would make the build wait), and no more than `data`'s length is."""
    try:
        return read_file(path, len(data)) == data
    except Unreadable:
        return False


def _remove_empty_parents(folder: Path, output: Path) -> None:
    while folder != output and folder.is_relative_to(output) and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
