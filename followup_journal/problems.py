"""Problems found in the user's files, each pinned to a line and column they can jump to."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")  # and U+2028, U+2029: line breaks too


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: Path
    line: int
    col: int
    message: str
    severity: Severity = Severity.ERROR

    def format(self, shown_path: str | None = None) -> str:
        """`path:line:col: severity: message`, the form editors and CI annotators understand:
        one line, even for a file name with a line break in it."""
        where = printable(shown_path if shown_path is not None else str(self.path))
        return f"{where}:{self.line}:{self.col}: {self.severity}: {printable(self.message)}"


def printable(text: str) -> str:
    """Text safe to print on a terminal, on one line: control characters escaped."""
    return CONTROL.sub(lambda found: repr(found.group())[1:-1], text)


def has_errors(problems: Iterable[Problem], strict: bool = False) -> bool:
    """Whether these problems fail a run; with `strict`, warnings do too."""
    return any(strict or p.severity is Severity.ERROR for p in problems)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """` (did you mean `x`?)` when a choice is close to `word`, else an empty string."""
    close = closest(word, choices)
    return f" (did you mean `{close}`?)" if close else ""


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice closest to `word`, if one is close enough to be a slip."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def shown(path: Path | str) -> str:
    """A path as the user can click or type it: relative to the current folder when possible,
    and on one line, its control characters escaped (`notes/a\\nb.md`)."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive, on Windows
        return printable(str(path))
    return printable(str(Path(path).absolute()) if relative.startswith("..") else relative)


def failure(error: Exception) -> str:
    """An expected failure in one line: an `FjError`'s message, or what the system said with
    the file it names (its control characters escaped, as in every path shown)."""
    if not isinstance(error, OSError):
        return str(error)
    where = f": {shown(error.filename)}" if error.filename else ""
    return f"{error.strerror or error}{where}"
