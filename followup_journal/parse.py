"""Reading one note: bytes in, a `NoteFile` or precise problems out. Pure: no disk, no clock.

Our own split of the front matter keeps the line numbers of the user's file, which
python-frontmatter's loader does not (it strips, and drops front matter that is not a mapping).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path

import yaml

from .checks import note_warnings
from .frontmatter import FrontMatterReader, is_event
from .model import NoteFile, Positions
from .problems import Problem
from .sourcetext import Lines, Unreadable, decode

# libyaml's parser when PyYAML has it: the same nodes and marks, many times faster. Its error
# messages are vaguer, so a note it refuses is read again by PyYAML's own parser to explain why.
# It recurses in C and crashes the process past about 20,000 levels of nesting; every level
# takes two characters at least, so front matter longer than this goes to PyYAML, whose own
# recursion limit is caught below.
FAST_LOADER = getattr(yaml, "CSafeLoader", None)
FAST_LOADER_LIMIT = 16_000
# The tag each kind of node gets: the fields read the text as typed, so YAML need not guess.
PLAIN_TAGS = {yaml.ScalarNode: "tag:yaml.org,2002:str", yaml.SequenceNode: "tag:yaml.org,2002:seq",
              yaml.MappingNode: "tag:yaml.org,2002:map"}
DELIMITER = "---"
FIRST_YAML_LINE = 2  # the line after the opening `---`
QUOTE_THEN_HASH = re.compile("[\"']#")

# What the YAML parser's most common complaints usually mean in a hand-written note.
YAML_HINTS = {
    "found character '\\t'": "indent with spaces, not tabs",
    "mapping values are not allowed here": (
        "a value with `: ` in it needs quotes; or check the indentation"
    ),
    "expected <block end>": (
        "check the indentation, and quote a whole value that starts with [, { or a quote"
    ),
    "found undefined alias": "a value starting with `*` needs quotes",
    "cannot start any token": "a value starting with this character needs quotes",
    "end of stream": "it is never closed",
}


if FAST_LOADER is not None:

    class Composer(yaml.cyaml.CParser):  # type: ignore[name-defined,misc]
        """libyaml's parser, giving each node its kind's plain tag: guessing tags from the text
        (a date? a number?), which no field reads, took a third of composing a note."""

        def resolve(self, kind: type[yaml.Node], value: object, implicit: object) -> str:
            return PLAIN_TAGS[kind]

        def descend_resolver(self, parent: object, index: object) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass

    FAST_LOADER = Composer


@dataclass(frozen=True)
class NoteResult:
    path: Path
    note: NoteFile | None
    problems: tuple[Problem, ...]


def parse_note(path: Path, data: bytes, tz: tzinfo) -> NoteResult:
    """Read one note's bytes; times without an offset are in `tz`."""
    try:
        text = decode(data)
        yaml_text, body = split_front_matter(text)
        lines = Lines(yaml_text, FIRST_YAML_LINE)
        root = compose_whole(yaml_text, lines)
    except Unreadable as error:
        return NoteResult(path, None, (Problem(path, error.line, error.col, error.message),))
    reader = FrontMatterReader(path, lines, tz)
    if is_event(root):
        event = reader.read_event(root)
        note = event.as_note() if event else None
    else:
        event, note = None, reader.read_note(root)
    if note is None:
        return NoteResult(path, None, tuple(reader.problems))
    note_file = NoteFile(path, note, body, Positions(reader.where), event)
    return NoteResult(path, note_file, (*reader.problems, *note_warnings(note_file)))


def split_front_matter(text: str) -> tuple[str, str]:
    """The YAML between the `---` lines (starting on FIRST_YAML_LINE) and the Markdown body."""
    lines = text.split("\n")
    if lines[0].rstrip() != DELIMITER:
        raise Unreadable(1, 1, "no front matter: a note starts with a line `---`, then its "
                               "fields, then another `---`")
    for index in range(1, len(lines)):
        if lines[index].rstrip() == DELIMITER:
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :])
    raise Unreadable(1, 1, "the front matter is never closed: add a line `---` after its fields")


def compose_whole(yaml_text: str, lines: Lines) -> yaml.Node:
    """`compose` of the front matter with its last line's line break, which is the YAML's too: a
    `|` block ending it reads as it does anywhere else, and as it does once `fj log` adds a line
    after it. An error is read again without it, to be placed on the last line, not past it."""
    try:
        return compose(yaml_text + "\n", lines)
    except Unreadable:
        return compose(yaml_text, lines)


def compose(yaml_text: str, lines: Lines) -> yaml.Node:
    """The YAML node tree, without YAML's guesses at types; YAML errors become `Unreadable`."""
    root = _compose(yaml_text, lines)
    if QUOTE_THEN_HASH.search(yaml_text):  # rare: most notes need no look at their quotes
        _refuse_text_after_quotes(root, yaml_text, lines)
    return root


def _compose(yaml_text: str, lines: Lines) -> yaml.Node:
    """Read by libyaml when it can; what it refuses, by PyYAML, whose messages say why."""
    if FAST_LOADER is not None and len(yaml_text) <= FAST_LOADER_LIMIT:
        try:
            return _not_empty(yaml.compose(yaml_text, Loader=FAST_LOADER))
        except yaml.YAMLError:
            pass  # explained below, in PyYAML's words
    try:
        root = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        raise yaml_problem(error, yaml_text, lines) from None
    except yaml.reader.ReaderError as error:
        where = lines.position(error.position)
        message = f"character U+{error.character:04X} is not allowed in YAML"
        raise Unreadable(where.line, where.col, message) from None
    except yaml.YAMLError as error:
        raise Unreadable(FIRST_YAML_LINE, 1, f"invalid YAML: {error}") from None
    except RecursionError:
        raise Unreadable(FIRST_YAML_LINE, 1, "the front matter is nested too deeply") from None
    _refuse_half_characters(root, lines)
    return _not_empty(root)


def _refuse_text_after_quotes(root: yaml.Node, text: str, lines: Lines) -> None:
    """`role: "Backend"#Engineer II` is invalid YAML, since a comment's `#` needs a space before
    it; PyYAML and libyaml read a comment there all the same, and drop `Engineer II` unsaid."""
    ends = {node.end_mark.index for node in _nodes(root)
            if isinstance(node, yaml.ScalarNode) and node.style in ('"', "'")}
    for found in QUOTE_THEN_HASH.finditer(text):
        after = found.start() + 1
        if after in ends:
            line_end = text.find("\n", after)
            rest = text[after:line_end if line_end >= 0 else len(text)].rstrip()
            where = lines.position(after)
            raise Unreadable(where.line, where.col, (
                f"invalid YAML: text after the closing quote: `{rest}` (put the whole value in "
                "the quotes; a comment needs a space before its `#`)"))


def _nodes(root: yaml.Node) -> Iterator[yaml.Node]:
    """Every node of the tree once, keys too; an alias is the node it names, and a list may
    even hold itself."""
    stack, seen = [root], set[int]()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in node.value for n in pair)


def _refuse_half_characters(root: yaml.Node | None, lines: Lines) -> None:
    """PyYAML's own parser, unlike libyaml, takes an escape such as `"\\ud800"`: half of a
    character, which no file or terminal can hold, so the note could never be written out."""
    for node in _nodes(root) if root is not None else ():
        if isinstance(node, yaml.ScalarNode):
            half = next((c for c in node.value if "\ud800" <= c <= "\udfff"), None)
            if half is not None:
                where = lines.position(node.start_mark.index)
                raise Unreadable(where.line, where.col, (
                    f"`\\u{ord(half):04x}` is half of a character (a lone surrogate): write "
                    "the character itself, or its `\\U` escape"))


def yaml_problem(error: yaml.MarkedYAMLError, text: str, lines: Lines) -> Unreadable:
    """PyYAML's complaint, placed where the user's mistake most likely is."""
    problem = error.problem or error.context or "unreadable"
    opened, found = error.context_mark, error.problem_mark
    # A `[` or `{` left open is noticed lines later: the mistake is where it was opened.
    if (opened is not None and found is not None
            and (error.context or "").startswith("while parsing a flow")
            and _left_open(text, opened.index, found.index)):
        where, then = lines.position(opened.index), lines.position(found.index)
        bracket = "[" if "sequence" in (error.context or "") else "{"
        return Unreadable(where.line, where.col, (
            f"invalid YAML: this `{bracket}` is not closed on its line ({problem} at "
            f"{then.line}:{then.col}); quote a whole value that starts with {bracket}"))
    # At the end of the text, the useful place is where the unclosed thing was opened.
    at_end = "end of stream" in problem and opened is not None
    mark = opened if at_end else found or opened
    where = lines.position(mark.index) if mark else lines.position(0)
    what = f"{error.context}, {problem}" if at_end else problem
    return Unreadable(where.line, where.col, with_hint(f"invalid YAML: {what}"))


def _left_open(text: str, opened: int, found: int) -> bool:
    """Whether the `[` or `{` at `opened` was left open (`role: [Backend Engineer`), the error
    `found` on a later line: one that does not close it, and that starts no further in than what
    holds the bracket (its key, or its `- `): the next key, read as more of the list. A list
    written over several lines indents them further, or closes on the line of the error."""
    line_end = text.find("\n", found)
    if line_end < 0:
        line_end = len(text)
    found_line = text[text.rfind("\n", 0, found) + 1:line_end]
    if "\n" not in text[opened:found] or _closes(text[opened:line_end]):
        return False
    before = text[text.rfind("\n", 0, opened) + 1:opened]
    if before.strip(" -"):  # `name: [`, `- name: [`: held by the key
        holder = len(before) - len(before.lstrip(" -"))
    else:  # `- [`: held by its dash
        holder = before.rfind("-") if "-" in before else len(before)
    return len(found_line) - len(found_line.lstrip(" ")) <= holder


def _closes(flow: str) -> bool:
    """Whether the bracket `flow` starts with is closed in it, as YAML reads it: brackets in
    quotes and comments aside, an apostrophe in a word being no quote."""
    depth = 0
    try:
        for token in yaml.scan(flow, Loader=yaml.SafeLoader):
            if isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
                depth += 1
            elif isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)):
                depth -= 1
                if depth == 0:
                    return True
    except yaml.YAMLError:  # what follows is no better: only a bracket seen closing counts
        pass
    return False


def _not_empty(root: yaml.Node | None) -> yaml.Node:
    if root is None:
        raise Unreadable(1, 1, "the front matter is empty: a note needs at least "
                               "company, role, date and status")
    return root


def with_hint(message: str) -> str:
    hint = next((hint for clue, hint in YAML_HINTS.items() if clue in message), None)
    return f"{message} ({hint})" if hint else message
