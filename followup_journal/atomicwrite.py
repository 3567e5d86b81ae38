"""Writing a file so that it holds the old bytes or the new ones, never a torn mix of both.

New bytes go to a temporary file beside the one they replace (`stage`), which is then renamed
over it: a rename is all or nothing. A process killed in the middle leaves only its temporary
files, named so that the next build can tell them apart (`temporary_of`) and remove them. A
report page that is not there yet needs none of that (`write_new`): nothing can be reading it.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import BinaryIO

# The temporary files `stage` makes: `.index.html.fj-k2j4x9q1.tmp` for index.html (mkstemp's
# eight random characters). Killed mid-write, a build leaves them; the next one removes them.
TEMPORARY_INFIX = ".fj-"
NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
TEMPORARY = re.compile(rf"\.(.+){re.escape(TEMPORARY_INFIX)}[a-z0-9_]{{8}}\.tmp")


def temporary_of(name: str) -> str | None:
    """The name of the file a temporary one (as `stage` names them) was to replace, if it is
    one."""
    found = TEMPORARY.fullmatch(name) if name.endswith(".tmp") else None
    return found.group(1) if found else None


def atomic_write(path: Path, data: bytes | Callable[[BinaryIO], object],
                 durable: bool = True) -> None:
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


def write_new(path: Path, data: bytes | Iterable[bytes]) -> bool:
    """Write `data` (bytes, or pieces of them) straight into a new file at `path`, with the
    permissions the umask gives, unless a file (or a link, or a folder) is already there:
    then nothing is written, and False. Stopped or failing half way, it removes the file: a
    process killed meanwhile leaves it short, for the next build to replace."""
    try:
        try:
            handle = os.open(path, NEW_FILE, 0o666)
        except FileNotFoundError:  # a new folder
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = os.open(path, NEW_FILE, 0o666)
    except FileExistsError:
        return False
    try:
        with os.fdopen(handle, "wb") as file:
            if isinstance(data, bytes):
                file.write(data)
            else:
                file.writelines(data)
    except BaseException as error:
        path.unlink(missing_ok=True)
        if isinstance(error, OSError) and error.errno and error.filename is None:
            raise OSError(error.errno, error.strerror, str(path)) from error  # a full disk
        raise
    return True


def stage(path: Path, data: bytes | Callable[[BinaryIO], object]) -> Path:
    """`data` in a new temporary file beside `path`, with the permissions `path` has or would
    get, ready to be renamed over it. `data` is bytes, or a function writing them to a file."""
    prefix = f".{path.name}{TEMPORARY_INFIX}"
    try:
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=".tmp")
    except FileNotFoundError:  # a new folder
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=".tmp")
    temporary = Path(name)
    try:
        temporary.chmod(_mode_for(path))  # mkstemp makes 0600; keep what users would get
        with os.fdopen(handle, "wb") as file:
            if isinstance(data, bytes):
                file.write(data)
            else:
                data(file)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        if error.errno and error.filename is None:  # a failed write (a full disk): name it
            raise OSError(error.errno, error.strerror, str(path)) from error
        raise
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def stage_many(files: Sequence[tuple[Path, bytes]]) -> list[Path | OSError]:
    """`stage` for each file: its temporary, or the error that kept it from being made.
    Stopped (Ctrl-C), it leaves none.

    One after the other: with a few threads, each waiting on the file system in turn, staging
    37,000 drafts took twice as long (each thread waited for the others to let go of Python).
    """
    staged: list[Path | OSError] = []
    try:
        for path, data in files:
            try:
                staged.append(stage(path, data))
            except OSError as error:
                staged.append(error)
    except BaseException:
        unlink_all([temporary for temporary in staged if isinstance(temporary, Path)])
        raise
    return staged


def unlink_all(paths: Iterable[Path]) -> None:
    """Remove the files that are there (temporary ones, some already renamed)."""
    for path in paths:
        path.unlink(missing_ok=True)


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
