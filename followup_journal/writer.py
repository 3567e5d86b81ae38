"""Writing the report: atomically, only what changed, and removing only files the tool made.

The output folder keeps a manifest of the files the tool wrote there. A rebuild replaces those
that changed, removes those no longer made (the pages of a deleted note), and refuses to replace
any other file it finds in the way.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import FjError

MANIFEST = ".followup-journal-files"


class OutputRefused(FjError):
    """The output folder cannot be written as asked, and nothing was written."""


@dataclass(frozen=True)
class WriteResult:
    written: int
    unchanged: int
    removed: int


def check_output(output: Path, journal_root: Path, notes: list[Path]) -> None:
    """Refuse an output folder whose cleaning could reach the user's files: the journal, a folder
    holding it, its themes, or a folder with notes in it."""
    out, root = output.resolve(), journal_root.resolve()
    if out == root or root.is_relative_to(out):
        raise OutputRefused(f"the report cannot go in {output}: it holds the journal itself")
    if out.is_relative_to(root / "themes"):
        raise OutputRefused(f"the report cannot go in {output}: that is the journal's themes")
    holding = [note for note in notes if note.resolve().is_relative_to(out)]
    if holding:
        raise OutputRefused(f"the report cannot go in {output}: it holds notes ({holding[0]})")


def write_site(output: Path, files: dict[str, bytes],
               unchanged: frozenset[str] = frozenset()) -> WriteResult:
    """Make `output` hold exactly `files` and `unchanged` among the files the tool owns there.

    `unchanged` names files of the last build that a rebuild knows are still right as they are.
    """
    owned = read_manifest(output)
    keep = set(files) | (unchanged & owned)
    real_output = output.resolve()
    for name in sorted(set(files) | (owned - keep)):  # the files to be written or removed
        _check_inside(output, real_output, output / name)
    strangers = [name for name in sorted(files) if name not in owned and (output / name).exists()
                 and (output / name).read_bytes() != files[name]]
    if strangers:
        raise OutputRefused(f"{output / strangers[0]} was not made by followup-journal: move it "
                            "away, or build into another folder with --out")
    # Claim the new files before writing them, so a build cut short can be run again.
    _write_manifest(output, owned | keep)
    written = sum(write_if_changed(output / name, data, durable=False)
                  for name, data in sorted(files.items()))
    removed = 0
    for name in sorted(owned - keep):
        path = output / name
        if path.is_file():
            path.unlink()
            removed += 1
            _remove_empty_parents(path.parent, output)
    _write_manifest(output, keep)
    return WriteResult(written, len(keep) - written, removed)


def _write_manifest(output: Path, names: set[str]) -> None:
    write_if_changed(output / MANIFEST, "".join(f"{name}\n" for name in sorted(names)).encode())


def _check_inside(output: Path, real_output: Path, path: Path) -> None:
    """Never write or delete through a symbolic link that leads out of the output folder."""
    if path.is_symlink() or not path.parent.resolve().is_relative_to(real_output):
        raise OutputRefused(f"{path} leads outside {output} (a symbolic link?): not touching it")


def read_manifest(output: Path) -> set[str]:
    try:
        text = (output / MANIFEST).read_text("utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        return set()
    # Only plain relative paths: a manifest edited to name ../notes cannot make us delete notes.
    return {line for line in text.splitlines()
            if line and not line.startswith(("/", "\\")) and ":" not in line
            and ".." not in line.replace("\\", "/").split("/")}


def write_if_changed(path: Path, data: bytes, durable: bool = True) -> bool:
    """Write `data` atomically unless the file already holds it; whether it wrote."""
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    atomic_write(path, data, durable)
    return True


def atomic_write(path: Path, data: bytes, durable: bool = True) -> None:
    """A temporary file in the same folder, then renamed over: old or new, never torn.

    `durable` also waits for the disk, so the new file survives a power cut; the report, which
    is rebuilt at will, skips that wait.
    """
    temporary = stage(path, data)
    try:
        if durable:
            flush_to_disk([temporary])
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def stage(path: Path, data: bytes) -> Path:
    """`data` in a new temporary file beside `path`, with the permissions `path` has or would
    get, ready to be renamed over it."""
    try:
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except FileNotFoundError:  # a new folder
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        temporary.chmod(_mode_for(path))  # mkstemp makes 0600; keep what users would get
        with os.fdopen(handle, "wb") as file:
            file.write(data)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def flush_to_disk(paths: list[Path]) -> None:
    """Wait until the files are on the disk: one at a time, or for many all at once."""
    if len(paths) > 1 and hasattr(os, "sync"):
        os.sync()
        return
    for path in paths:
        with path.open("rb") as file:
            os.fsync(file.fileno())


def _mode_for(path: Path) -> int:
    """The file's own permissions when it exists, else those the umask gives a new file."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        return 0o666 & ~_umask()


@cache
def _umask() -> int:
    mask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(mask)
    return mask


def _remove_empty_parents(folder: Path, output: Path) -> None:
    while folder != output and folder.is_relative_to(output) and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
