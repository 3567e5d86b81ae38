"""Places in the text of a TOML file for its problems: the line where a key is written, and
where a syntax error is when tomllib names only the end of the file."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from .problems import Problem

STRING_LINES = 200  # how far back a string left open is looked for
# What tomllib says of a text that ends inside a string.
INSIDE_A_STRING = {"Unterminated string", "Unescaped '\\' in a string", 'Expected "\'"',
                   "Expected \"'''\""}


def locate(lines: list[str], table: str, key: str) -> tuple[int, int]:
    """Line and column of `key` in `[table]` ("" for the top), else of the table, else 1:1."""
    current, table_line = "", 1
    for number, line in enumerate(lines, start=1):
        header = re.match(r"\s*\[([^\]]+)\]", line)
        if header:
            current = header.group(1).strip()
            if current == table:
                table_line = number
            own = f"{table}.{key}".lstrip(".")
            if current == own or current.startswith(f"{own}."):  # a table of its own
                return number, 1
            continue
        found = re.match(rf"(\s*){re.escape(key)}\s*=", line)
        if current == table and key and found:
            return number, len(found.group(1)) + 1
    return table_line, 1


def locate_item(lines: list[str], array: str, index: int, key: str) -> tuple[int, int]:
    """Line and column of `key` in the `index`th `[[array]]` table, else of its header."""
    header = re.compile(rf"\s*\[\[\s*{re.escape(array)}\s*\]\]")
    found, start = -1, 0
    for number, line in enumerate(lines, start=1):
        if header.match(line):
            found += 1
            if found == index:
                start = number
            continue
        if found == index and re.match(r"\s*\[", line):
            break
        key_here = re.match(rf"(\s*){re.escape(key)}\s*=", line)
        if found == index and key and key_here:
            return number, len(key_here.group(1)) + 1
    return max(start, 1), 1


def toml_error(path: Path, lines: list[str], error: tomllib.TOMLDecodeError) -> Problem:
    """The syntax error tomllib found, where the user can find it."""
    found = re.search(r"(.*) \(at line (\d+), column (\d+)\)", str(error))
    if found:
        message, line, col = found.group(1), int(found.group(2)), int(found.group(3))
    else:
        message = str(error).removesuffix(" (at end of document)")
        line, col = end(lines)
        opening = string_left_open(lines, message)
        if opening:
            (line, col), message = opening, "the text in quotes that opens here is never closed"
    if message == "Illegal character '\\n'":
        message = "the text in quotes is not closed on its line"
    return Problem(path, line, col, f"invalid TOML: {message}")


def string_left_open(lines: list[str], message: str) -> tuple[int, int] | None:
    """Where a string that runs on to the end of the file opens; tomllib names only the end.

    As tomllib reads it: the text up to the opening quote does not end inside a string, and
    the text up to any later quote does. Looked for over the last STRING_LINES lines.
    """
    quote = {"Unterminated string": '"', 'Expected "\'"': "'", "Expected \"'''\"": "'"}
    if message not in quote:
        return None
    for number in range(len(lines), max(0, len(lines) - STRING_LINES), -1):
        before = "".join(line + "\n" for line in lines[:number - 1])
        if _ends_in_a_string(before):
            continue
        line = lines[number - 1]
        if quote[message] not in line:  # `tags = [`, the string on a line after
            continue
        quotes = [c for c, char in enumerate(line) if char == quote[message]]
        col = next((c for c in reversed(quotes) if not _ends_in_a_string(before + line[:c])),
                   quotes[0])
        while col > 0 and line[col - 1] == quote[message]:  # the first of `"""`
            col -= 1
        return number, col + 1
    return None


def end(lines: list[str]) -> tuple[int, int]:
    """Line and column just after the last character that is not a blank."""
    written = "\n".join(lines).rstrip().split("\n")
    return len(written), len(written[-1]) + 1


def _ends_in_a_string(text: str) -> bool:
    """Whether tomllib, reading `text`, is inside a string when the text ends."""
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return (str(error).endswith(" (at end of document)")
                and str(error).removesuffix(" (at end of document)") in INSIDE_A_STRING)
    return False
