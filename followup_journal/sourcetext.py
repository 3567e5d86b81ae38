"""The user's files as text: reading them, decoding their bytes, and places in them as editors
count."""

from __future__ import annotations

import bisect
import errno
import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from .model import Position

if TYPE_CHECKING:
    from yaml.error import Mark

# A note is a few kilobytes; a whole interview transcript pasted in is some hundred. A file past
# this is not a note (a log, a dump, a disk image), and a note's Markdown takes one to a few
# seconds per megabyte to build: refusing it keeps one stray file from stalling every build.
MAX_FILE_BYTES = 1 << 20
# Opening a named pipe waits for a writer unless it is non-blocking, which regular files ignore.
OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
              | getattr(os, "O_BINARY", 0))
NEWLINE = re.compile("\n")
YAML_ONLY_BREAKS = "\r\x85\u2028\u2029"  # line breaks to YAML, not to an editor
KINDS = {stat.S_IFIFO: "a named pipe", stat.S_IFCHR: "a character device",
         stat.S_IFBLK: "a block device", stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a folder"}


class Unreadable(Exception):
    """A file that cannot be read at all; carries the one problem that says why."""

    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


def read_file(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file at `path` (or that a link there leads to), at most `limit`
    of them; anything else (a pipe, a device, a link to nowhere) is `Unreadable`, never a wait.
    """
    try:
        _refuse_irregular(path, path.stat(), limit)  # a device or a socket is not even opened
        with os.fdopen(os.open(path, OPEN_FLAGS), "rb") as file:
            # What was opened is checked, not what was there a moment before.
            _refuse_irregular(path, os.fstat(file.fileno()), limit)
            data = file.read(limit + 1)  # one more: a file that grew since is still refused
            if len(data) > limit:
                size = max(os.fstat(file.fileno()).st_size, len(data))
                raise Unreadable(1, 1, _too_large(size, limit))
    except OSError as error:
        raise Unreadable(1, 1, _os_problem(path, error)) from None
    return data


def _refuse_irregular(path: Path, status: os.stat_result, limit: int) -> None:
    if not stat.S_ISREG(status.st_mode):
        kind = KINDS.get(stat.S_IFMT(status.st_mode), "another kind of file")
        link = "a symbolic link to " if path.is_symlink() else ""
        raise Unreadable(1, 1, f"not a regular file ({link}{kind}): only regular files are read")
    if status.st_size > limit:
        raise Unreadable(1, 1, _too_large(status.st_size, limit))


def _too_large(size: int, limit: int) -> str:
    return (f"too large: {size:,} bytes ({size / (1 << 20):.1f} MiB), over the limit of "
            f"{limit / (1 << 20):g} MiB ({limit:,} bytes); keep long material in another file")


def _os_problem(path: Path, error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "a symbolic link that leads round in a loop: it leads to no file"
    if error.errno == errno.ENOENT and path.is_symlink():
        return "a symbolic link to a file that is not there"
    return f"cannot read: {error.strerror or error}"


def decode(data: bytes) -> str:
    """UTF-8 text with a leading BOM dropped and CRLF line endings made LF."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        line = data.count(b"\n", 0, error.start) + 1
        col = len(data[line_start : error.start].decode("utf-8", "replace")) + 1
        bad = data[error.start : error.start + 1].hex()
        message = f"not UTF-8 text (byte 0x{bad}); save the file as UTF-8"
        raise Unreadable(line, col, message) from None
    return as_typed(text)


def as_typed(text: str) -> str:
    """The text as its writer sees it: a byte order mark and Windows line endings, which editors
    and git may add or remove, left out."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


class Lines:
    """Turns a character offset in `text` into a line and column of the file it came from.

    Only `\\n` ends a line, as in editors; YAML's own marks also count U+2028 and friends. The
    offsets of the lines are found only when first asked for: most notes have no problem, and
    their fields' places come from YAML's marks (`place`).
    """

    def __init__(self, text: str, first_line: int = 1) -> None:
        self.text = text
        self.first_line = first_line
        # Where YAML ends lines where an editor does not, its marks' lines and columns are off.
        self.marks_agree = not any(char in text for char in YAML_ONLY_BREAKS)
        self._starts: list[int] | None = None

    def position(self, offset: int) -> Position:
        starts = self._starts
        if starts is None:
            starts = self._starts = [0] + [found.end() for found in NEWLINE.finditer(self.text)]
        line = bisect.bisect_right(starts, offset) - 1
        return Position(self.first_line + line, offset - starts[line] + 1)

    def place(self, mark: Mark) -> tuple[int, int]:
        """The line and column of a YAML mark in `text`, as `position` gives them."""
        if self.marks_agree:
            return self.first_line + mark.line, mark.column + 1
        line, col = self.position(mark.index)
        return line, col
