"""Reading notes: bytes in, a `NoteFile` or precise problems out.

`parse_note` is pure and never raises for bad input; `read_journal` is the only part that touches
the disk. Our own split of the front matter keeps the line numbers of the user's file, which
python-frontmatter's loader does not (it strips, and drops front matter that is not a mapping).
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path

import yaml

from .checks import note_warnings
from .config import Config
from .model import NoteFile
from .problems import Problem
from .schema import FrontMatterReader

DELIMITER = "---"
DRAFTS_SUFFIX = ".drafts"

# What the YAML parser's most common complaints usually mean in a hand-written note.
YAML_HINTS = {
    "found character '\\t'": "indent with spaces, not tabs",
    "mapping values are not allowed here": "a value with `: ` in it needs quotes",
    "expected <block end>": (
        "check the indentation, and quote a whole value that starts with [, { or a quote"
    ),
    "found undefined alias": "a value starting with `*` needs quotes",
    "cannot start any token": "a value starting with this character needs quotes",
}


class Unreadable(Exception):
    """A note that cannot be read at all; carries the one problem that says why."""

    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


@dataclass(frozen=True)
class NoteResult:
    path: Path
    note: NoteFile | None
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Journal:
    config: Config
    results: tuple[NoteResult, ...]

    @property
    def notes(self) -> list[NoteFile]:
        return [result.note for result in self.results if result.note is not None]

    @property
    def problems(self) -> list[Problem]:
        return [problem for result in self.results for problem in result.problems]


def parse_note(path: Path, data: bytes, tz: tzinfo) -> NoteResult:
    """Read one note's bytes; times without an offset are in `tz`."""
    try:
        text = decode(data)
        yaml_text, first_line, body = split_front_matter(text)
        root = compose(yaml_text, first_line)
    except Unreadable as error:
        return NoteResult(path, None, (Problem(path, error.line, error.col, error.message),))
    reader = FrontMatterReader(path, first_line, tz)
    note = reader.read_note(root)
    if note is None:
        return NoteResult(path, None, tuple(reader.problems))
    note_file = NoteFile(path, note, body, reader.where)
    return NoteResult(path, note_file, (*reader.problems, *note_warnings(note_file)))


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
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def split_front_matter(text: str) -> tuple[str, int, str]:
    """The YAML between the `---` lines, the file line it starts on, and the Markdown body."""
    lines = text.split("\n")
    if lines[0].rstrip() != DELIMITER:
        raise Unreadable(1, 1, "no front matter: a note starts with a line `---`, then its "
                               "fields, then another `---`")
    for index in range(1, len(lines)):
        if lines[index].rstrip() == DELIMITER:
            return "\n".join(lines[1:index]), 2, "\n".join(lines[index + 1 :])
    raise Unreadable(1, 1, "the front matter is never closed: add a line `---` after its fields")


def compose(yaml_text: str, first_line: int) -> yaml.Node:
    """The YAML node tree, without YAML's guesses at types; YAML errors become `Unreadable`."""
    try:
        root = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = with_hint(f"invalid YAML: {error.problem or error.context}")
        line, col = (mark.line, mark.column) if mark else (0, 0)
        raise Unreadable(first_line + line, col + 1, message) from None
    except yaml.reader.ReaderError as error:
        before = yaml_text[: error.position]
        line, col = before.count("\n"), error.position - (before.rfind("\n") + 1)
        message = f"character U+{error.character:04X} is not allowed in YAML"
        raise Unreadable(first_line + line, col + 1, message) from None
    except yaml.YAMLError as error:
        raise Unreadable(first_line, 1, f"invalid YAML: {error}") from None
    except RecursionError:
        raise Unreadable(first_line, 1, "the front matter is nested too deeply") from None
    if root is None:
        raise Unreadable(1, 1, "the front matter is empty: a note needs at least "
                               "company, role, date and status")
    return root


def with_hint(message: str) -> str:
    hint = next((hint for clue, hint in YAML_HINTS.items() if clue in message), None)
    return f"{message} ({hint})" if hint else message


# Reading from disk ------------------------------------------------------------------------------


def read_journal(config: Config) -> Journal:
    """Every note of the journal, valid or not, in a stable order."""
    results = []
    for path in find_notes(config):
        try:
            data = path.read_bytes()
        except OSError as error:
            results.append(NoteResult(path, None, (Problem(path, 1, 1, f"cannot read: {error}"),)))
            continue
        results.append(parse_note(path, data, config.timezone))
    return Journal(config, tuple(results))


def find_notes(config: Config) -> list[Path]:
    """`*.md` files below the journal root, skipping output, drafts, themes, hidden and excluded."""
    return sorted(_walk(config))


def _walk(config: Config) -> Iterator[Path]:
    skipped = {config.output.resolve(), config.root.resolve() / "themes"}
    for folder, dirs, files in os.walk(config.root):
        here = Path(folder)
        dirs[:] = [
            name for name in dirs
            if not name.startswith(".")
            and not name.endswith(DRAFTS_SUFFIX)
            and (here / name).resolve() not in skipped
            and not excluded(config, here / name)
        ]
        for name in files:
            path = here / name
            if name.endswith(".md") and not name.startswith(".") and not excluded(config, path):
                yield path


def excluded(config: Config, path: Path) -> bool:
    """Whether a config `exclude` pattern matches: a pattern with `/` matches the path from the
    journal root, one without matches the name in any folder."""
    relative = path.relative_to(config.root).as_posix()
    return any(
        fnmatch.fnmatchcase(relative if "/" in pattern else path.name, pattern.strip("/"))
        for pattern in config.exclude
    )
