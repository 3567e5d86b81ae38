"""Reading one note's front matter: its tree of YAML nodes into a `Note`, every problem on the way.

Front matter is read as a tree of YAML nodes, never through YAML's own type guessing, so the text a
user typed is interpreted by the field it belongs to: `no` stays the word "no" in a name, `10:00`
stays a time, `01234` stays the digits written. Each value that does not fit becomes a problem at
the line and column of the node in the user's file.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import sys
import types
import typing
from collections.abc import Mapping
from datetime import tzinfo
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .model import EventNote, Note, Position, Prose
from .problems import Problem, Severity, did_you_mean
from .schema import (
    NOT_ONE_LINE,
    NOT_PROSE,
    SCALARS,
    control_characters,
    describe,
    enum_value,
    is_required,
    record_fields,
    without_none,
)
from .sourcetext import Lines

BAD: Any = object()
"""Stands in for a value that did not convert; its problem has already been recorded."""

NULLS = {"", "~", "null", "Null", "NULL"}
NODE_KINDS = {ScalarNode: "a single value", SequenceNode: "a list", MappingNode: "a mapping"}


def is_empty(node: Node) -> bool:
    """A value left out: nothing after the colon, `null`, `~`, or only blanks in quotes."""
    if not isinstance(node, ScalarNode):
        return False
    plain = not node.style  # None from PyYAML's own reader, "" from libyaml's
    return (plain and node.value in NULLS) or not node.value.strip()


@functools.cache  # one mapping shared by every parse, so read-only
def fields_by_name(cls: type) -> Mapping[str, tuple[dataclasses.Field[Any], Any]]:
    return types.MappingProxyType({field.name: (field, hint) for field, hint in record_fields(cls)})


@functools.cache  # once per type: a note has hundreds of values, a journal thousands of notes
def shape(hint: Any) -> tuple[str, Any]:
    """How a value of this type is read: ("list", item type), ("record", class) or
    ("scalar", type)."""
    hint = without_none(hint)
    if typing.get_origin(hint) is tuple:
        return "list", typing.get_args(hint)[0]
    if dataclasses.is_dataclass(hint) and hint not in SCALARS:
        return "record", hint
    return "scalar", hint


class FrontMatterReader:
    """Turns the YAML node tree of one note into a `Note`, collecting every problem on the way."""

    def __init__(self, path: Path, lines: Lines, tz: tzinfo) -> None:
        self.path = path
        self.lines = lines  # places in the YAML text as places in the user's file
        self.tz = tz
        self.problems: list[Problem] = []
        self.where: dict[str, tuple[int, int]] = {}

    def position(self, node: Node) -> Position:
        return self.lines.position(node.start_mark.index)

    def mark(self, field_path: str, node: Node) -> None:
        """Remember where a field was written (its name interned: the same in every note)."""
        self.where[sys.intern(field_path)] = self.lines.place(node.start_mark)

    def report(self, node: Node, message: str, severity: Severity = Severity.ERROR) -> None:
        pos = self.position(node)
        self.problems.append(Problem(self.path, pos.line, pos.col, message, severity))

    def read_note(self, root: Node) -> Note | None:
        if not self._no_aliases(root):
            return None
        note = self.convert(root, Note, "")
        return None if note is BAD else note

    def read_event(self, root: Node) -> EventNote | None:
        """An event note's front matter (`is_event`): an `EventNote`, or None and problems."""
        if not self._no_aliases(root):
            return None
        event = self.convert(root, EventNote, "")
        return None if event is BAD else event


    def convert(self, node: Node, hint: Any, path: str) -> Any:
        kind, hint = shape(hint)
        if kind == "list":
            return self._list(node, hint, path)
        if kind == "record":
            return self._record(node, hint, path)
        if not isinstance(node, ScalarNode):
            self.report(node, f"`{path}` should be {describe(hint)}, not {NODE_KINDS[type(node)]}")
            return BAD
        if is_empty(node):
            self.report(node, f"`{path}` is empty")
            return BAD
        return self._scalar(node, hint, path)

    def _scalar(self, node: ScalarNode, hint: Any, path: str) -> Any:
        parse = SCALARS.get(hint) or (lambda text, _: enum_value(hint, text))
        text = node.value
        if hint is not Prose and node.style in ("|", ">"):
            text = text.rstrip("\n")  # the line break that ends a block: no part of one line
        control = control_characters(text, NOT_PROSE if hint is Prose else NOT_ONE_LINE)
        if control:
            self.report(node, f"`{path}`: {control}")
            return BAD
        try:
            return parse(text, self.tz)
        except ValueError as error:
            self.report(node, f"`{path}`: {error}")
            return BAD

    def _list(self, node: Node, item_hint: Any, path: str) -> Any:
        if not isinstance(node, SequenceNode):
            self.report(node, f"`{path}` should be a list, one `- item` per line")
            return BAD
        items = []
        for index, item_node in enumerate(node.value):
            item_path = f"{path}[{index}]"
            self.mark(item_path, item_node)
            items.append(self.convert(item_node, item_hint, item_path))
        return BAD if BAD in items else tuple(items)

    def _record(self, node: Node, cls: type, path: str) -> Any:
        shorthand = getattr(cls, "__shorthand__", None)
        if shorthand and isinstance(node, ScalarNode) and not is_empty(node):
            value = self._scalar(node, fields_by_name(cls)[shorthand][1], path)
            return BAD if value is BAD else cls(**{shorthand: value})
        if not isinstance(node, MappingNode):
            what = "The front matter" if not path else f"`{path}`"
            self.report(node, f"{what} should be a mapping of `key: value` lines")
            return BAD
        fields = fields_by_name(cls)
        values: dict[str, Any] = {}
        seen: dict[str, Node] = {}
        unknown: dict[str, Node] = {}
        failed = False
        for key_node, value_node in node.value:
            key = self._key(key_node, seen)
            if key is None:
                failed = True
                continue
            if key not in fields:
                unknown[key] = key_node
                continue
            field_path = f"{path}.{key}" if path else key
            self.mark(field_path, key_node)
            field, field_hint = fields[key]
            if is_empty(value_node) and not is_required(field):
                continue
            values[key] = self.convert(value_node, field_hint, field_path)
        missing = [name for name, (field, _) in fields.items()
                   if is_required(field) and name not in seen]
        self._report_unknown_and_missing(node, path, unknown, missing, list(fields))
        return BAD if missing or failed or BAD in values.values() else cls(**values)

    def _report_unknown_and_missing(
        self, node: Node, path: str, unknown: dict[str, Node], missing: list[str],
        known: list[str],
    ) -> None:
        """Unknown keys are warnings; a missing field that one of them misspells is an error
        at the misspelling, where the fix is."""
        prefix = f"{path}." if path else ""
        for name in missing:
            typo = difflib.get_close_matches(name, unknown, n=1, cutoff=0.6)
            if typo:
                message = f"missing required field `{prefix}{name}`: is `{typo[0]}` a misspelling?"
                self.report(unknown.pop(typo[0]), message)
            else:
                self.report(node, f"missing required field `{prefix}{name}`")
        for key, key_node in unknown.items():
            hint = did_you_mean(key, known)
            self.report(key_node, f"unknown key `{key}`{hint}", Severity.WARNING)

    def _key(self, key_node: Node, seen: dict[str, Node]) -> str | None:
        if not isinstance(key_node, ScalarNode):
            self.report(key_node, "a key must be a plain name, not a list or mapping")
            return None
        key = key_node.value
        if key in seen:
            first = self.position(seen[key]).line
            self.report(key_node, f"duplicate key `{key}` (first given on line {first})")
            return None
        seen[key] = key_node
        return key

    def _no_aliases(self, root: Node) -> bool:
        """YAML aliases make one node appear twice (or inside itself); notes do not need them."""
        if "*" not in self.lines.text:  # every alias is written `*name`
            return True
        seen: set[int] = set()
        stack = [root]
        while stack:
            node = stack.pop()
            if id(node) in seen:
                self.report(node, "YAML anchors and aliases (&name, *name) are not supported; "
                            "write the value out")
                return False
            seen.add(id(node))
            if isinstance(node, SequenceNode):
                stack.extend(node.value)
            elif isinstance(node, MappingNode):
                stack.extend(n for pair in node.value for n in pair)
        return True


def is_event(root: Node) -> bool:
    """Whether front matter is an event note's: a mapping with an `event` key."""
    return isinstance(root, MappingNode) and any(
        isinstance(key, ScalarNode) and key.value == "event" for key, _ in root.value)
