"""The user's files as text: decoding their bytes, and places in them as editors count."""

from __future__ import annotations

import bisect

from .model import Position


class Unreadable(Exception):
    """A file that cannot be read at all; carries the one problem that says why."""

    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


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

    Only `\\n` ends a line, as in editors; YAML's own marks also count U+2028 and friends.
    """

    def __init__(self, text: str, first_line: int = 1) -> None:
        self.starts = [0] + [index + 1 for index, char in enumerate(text) if char == "\n"]
        self.first_line = first_line

    def position(self, offset: int) -> Position:
        line = bisect.bisect_right(self.starts, offset) - 1
        return Position(self.first_line + line, offset - self.starts[line] + 1)
