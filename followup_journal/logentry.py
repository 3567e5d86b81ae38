"""The edits `fj log` makes to a note, as text: one entry added to `followups`, or `sent:` set on
a `to_send` item. Pure: the note's text in, the new text out; no disk.

Each edit touches as little as it can: every other character of the file (comments, key order,
quoting, blank lines, line endings, a byte order mark) stays as it was. The places to edit are
found in the YAML node tree of the front matter, read by PyYAML's own parser, whose marks count
characters as Python does.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .parse import DELIMITER
from .problems import CONTROL

NULLS = {"~", "null", "Null", "NULL"}  # and nothing at all: a value left out
ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r", "\\": "\\\\", '"': '\\"'}
TO_ESCAPE = re.compile(r'[\\"\ufeff]|' + CONTROL.pattern)
DOCUMENT_END = re.compile(r"\.\.\.(\s|$)")  # a line `...`, which ends the YAML document


class CannotEdit(Exception):
    """The front matter is written in a way this module does not edit (a `{...}` mapping at its
    top, say); the line to add by hand is in the message."""


@dataclass(frozen=True)
class Edited:
    text: str  # the whole new file
    lines: tuple[tuple[int, str], ...]  # each line added or rewritten: (its number, its text)


def add_followup(text: str, fields: dict[str, str]) -> Edited:
    """`text` with one item added at the end of its `followups`: `fields` (key: value as read
    from YAML) in the style of the items before it, or on one line `{...}` when there are none."""
    source = Source(text)
    root = source.root
    entry = flow_mapping(fields)
    found = _value_of(root, "followups")
    if found is None:  # no `followups:` key: one at the end of the front matter
        column = source.column(root.start_mark.index)
        key = " " * column + "followups:"
        return source.insert_lines(source.last_line(), [key, " " * (column + 2) + "- " + entry])
    key_node, value = found
    if isinstance(value, ScalarNode) and value.value == "" and not value.style:  # nothing
        column = source.column(key_node.start_mark.index)
        return source.insert_lines(source.line_after(key_node.end_mark.index),
                                   [" " * (column + 2) + "- " + entry])
    if isinstance(value, ScalarNode) and value.value in NULLS and not value.style:
        return source.replace(value.start_mark.index, value.end_mark.index, f"[{entry}]")
    if not isinstance(value, SequenceNode):
        raise CannotEdit("`followups` is not a list")
    if value.flow_style:
        return source.add_to_flow(value, entry)
    return source.insert_lines(source.line_after(end_of(value)), block_item(source, value, fields))


def set_sent(text: str, index: int, when: str) -> Edited:
    """`text` with `sent: when` on its `to_send[index]` item."""
    source = Source(text)
    found = _value_of(source.root, "to_send")
    if found is None or not isinstance(found[1], SequenceNode) or index >= len(found[1].value):
        raise CannotEdit(f"the note has no `to_send[{index}]`")
    item = found[1].value[index]
    if isinstance(item, ScalarNode):
        # A plain string is the shorthand for `{what: ...}`; it becomes that mapping on its own
        # line, its `what` written as it was typed, so that it can hold `sent` too.
        if item.style in ("|", ">"):
            raise CannotEdit("the item is a `|` or `>` block")
        what = source.text[item.start_mark.index:item.end_mark.index]
        if "\n" in what or (not item.style and not plain(item.value, flow=True)):
            what = scalar(item.value, flow=True)
        mapping = f"{{what: {what}, sent: {scalar(when, flow=True)}}}"
        return source.replace(item.start_mark.index, item.end_mark.index, mapping)
    if not isinstance(item, MappingNode):
        raise CannotEdit(f"`to_send[{index}]` is not a mapping")
    sent = _value_of(item, "sent")
    if sent is not None:  # a `sent:` left empty gets its value
        start, end = sent[1].start_mark.index, sent[1].end_mark.index
        return source.replace(start, end, ("" if start < end else " ") + scalar(when, True))
    if item.flow_style:
        return source.add_to_flow(item, f"sent: {scalar(when, flow=True)}")
    column = source.column(item.start_mark.index)
    line = " " * column + "sent: " + scalar(when, flow=False)
    return source.insert_lines(source.line_after(end_of(item)), [line])


def front_matter_end(text: str) -> int:
    """The number (1-based) of the line `---` that closes the front matter; 0 when none does."""
    raw = text.removeprefix("\ufeff").split("\n")
    return next((n + 1 for n in range(1, len(raw)) if raw[n].rstrip() == DELIMITER), 0)


# Writing values -------------------------------------------------------------------------------


def scalar(value: str, flow: bool) -> str:
    """`value` as YAML that reads back as exactly this text: plain when it can be, else in
    double quotes (a comma, a `: `, a ` #`, quotes, spaces at either end)."""
    if plain(value, flow):
        return value
    return '"' + TO_ESCAPE.sub(_escape, value) + '"'


def _escape(found: re.Match[str]) -> str:
    char = found.group()
    return ESCAPES.get(char, f"\\u{ord(char):04x}")


def plain(value: str, flow: bool) -> bool:
    """Whether `value` written without quotes reads back as itself, as text."""
    if not value.strip() or value != value.strip() or value in NULLS or CONTROL.search(value):
        return False
    document = f"[{{k: {value}}}]" if flow else f"k: {value}"
    try:
        root = yaml.compose(document, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return False
    try:
        read = root.value[0].value[0][1] if flow else root.value[0][1]  # type: ignore[union-attr]
    except (AttributeError, IndexError, TypeError):
        return False
    return isinstance(read, ScalarNode) and not read.style and read.value == value


def flow_mapping(fields: dict[str, str]) -> str:
    return "{" + ", ".join(f"{key}: {scalar(value, True)}" for key, value in fields.items()) + "}"


def block_item(source: Source, sequence: SequenceNode, fields: dict[str, str]) -> list[str]:
    """The lines of a new item of a block list, indented and laid out as its last item is: a
    mapping over several lines, or one `{...}` line."""
    dash = source.column(sequence.start_mark.index)
    last = sequence.value[-1]
    before = source.text[source.line_start(last.start_mark.index):last.start_mark.index]
    gap = len(before) - before.index("-") - 1 if before.strip() == "-" else 1
    if not isinstance(last, MappingNode) or last.flow_style:
        return [" " * dash + "-" + " " * gap + flow_mapping(fields)]
    pairs = [f"{key}: {scalar(value, flow=False)}" for key, value in fields.items()]
    indent = " " * (dash + 1 + gap)
    return [" " * dash + "-" + " " * gap + pairs[0], *(indent + pair for pair in pairs[1:])]


# Finding places -------------------------------------------------------------------------------


def _value_of(mapping: Node, key: str) -> tuple[Node, Node] | None:
    if not isinstance(mapping, MappingNode):
        return None
    return next(((k, v) for k, v in mapping.value
                 if isinstance(k, ScalarNode) and k.value == key), None)


def end_of(node: Node) -> int:
    """Where what `node` holds ends: its last value's end (a block's own end mark may reach to
    the next key, past comments and blank lines)."""
    if isinstance(node, ScalarNode) or getattr(node, "flow_style", False):
        return int(node.end_mark.index)
    return max((end_of(child) for child in _children(node)), default=int(node.start_mark.index))


def _children(node: Node) -> Iterator[Node]:
    if isinstance(node, SequenceNode):
        yield from node.value
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            yield key
            yield value


class Source:
    """A note's text and its front matter's YAML, with places in the one found in the other.

    `text` is the front matter as YAML reads it: the file's lines between the `---` lines with
    their line endings (`\\r\\n` or `\\n`) made `\\n`. Edits are made to the file's own lines.
    """

    def __init__(self, whole: str) -> None:
        self.bom = "\ufeff" if whole.startswith("\ufeff") else ""
        self.raw = whole[len(self.bom):].split("\n")  # each line with its `\r`, if any
        if self.raw[0].rstrip() != DELIMITER:
            raise CannotEdit("the note has no front matter")
        self.closing = front_matter_end(whole) - 1
        if self.closing < 1:
            raise CannotEdit("the front matter is never closed")
        lines = [line.removesuffix("\r") for line in self.raw[1:self.closing]]
        self.text = "\n".join(lines)
        self.starts = [0]
        for line in lines:
            self.starts.append(self.starts[-1] + len(line) + 1)
        try:  # with its last line's break, as the note parser reads it (`|+` keeps it)
            root = yaml.compose(self.text + "\n", Loader=yaml.SafeLoader)
        except yaml.YAMLError as error:
            raise CannotEdit(f"the front matter is not valid YAML ({error})") from None
        if not isinstance(root, MappingNode) or root.flow_style:
            raise CannotEdit("the front matter is not `key: value` lines")
        self.root = root
        crlf = sum(line.endswith("\r") for line in self.raw[:self.closing])
        self.eol = "\r\n" if crlf * 2 > self.closing else "\n"

    def last_line(self) -> int:
        """Where a key added at the end goes: before the closing `---`, or before the `...` that
        ends the YAML document there (a line after that would start a second one). After a `|`
        or `>` block it changes nothing of its text: the YAML is read with its last line break."""
        return next((n for n in range(1, self.closing) if DOCUMENT_END.match(self.raw[n])),
                    self.closing)

    def line_of(self, index: int) -> int:
        """The file's line (0-based) of a place in the YAML text."""
        return bisect.bisect_right(self.starts, index)  # the YAML starts on the file's 2nd line

    def line_start(self, index: int) -> int:
        return self.starts[self.line_of(index) - 1]

    def column(self, index: int) -> int:
        return index - self.line_start(index)

    def line_after(self, index: int) -> int:
        """The file's line (0-based) after the one that holds what ends at `index`."""
        return self.line_of(max(index - 1, 0)) + 1

    def insert_lines(self, at: int, new: list[str]) -> Edited:
        """`new` as lines of their own before the file's line `at` (0-based)."""
        raw = [*self.raw[:at], *(line + self.eol.removesuffix("\n") for line in new),
               *self.raw[at:]]
        return Edited(self._joined(raw), tuple((at + 1 + n, line) for n, line in enumerate(new)))

    def replace(self, start: int, end: int, new: str) -> Edited:
        """The YAML text from `start` to `end`, on one line, replaced by `new`."""
        at = self.line_of(start)
        if self.line_of(end) != at:
            raise CannotEdit("the value spans several lines")
        offset = start - self.starts[at - 1]
        line = self.raw[at]
        changed = line[:offset] + new + line[offset + end - start:]
        raw = [*self.raw[:at], changed, *self.raw[at + 1:]]
        return Edited(self._joined(raw), ((at + 1, changed.removesuffix("\r")),))

    def add_to_flow(self, node: Node, entry: str) -> Edited:
        """`entry` as the last of a `[...]` or `{...}`, after the one before it."""
        values = list(_children(node))
        if not values:
            close = node.end_mark.index - 1  # the `]`
            return self.replace(close, close, entry)
        after = end_of(values[-1])
        return self.replace(after, after, f", {entry}")

    def _joined(self, raw: list[str]) -> str:
        return self.bom + "\n".join(raw)
