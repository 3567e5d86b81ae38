"""The note format's types, defined once for two uses: reading each value of a note's front
matter (`frontmatter.py` walks the YAML tree), and describing the format as JSON Schema, which
editors use to check notes as they are typed.

Each type of value is read here from the text the user typed (`SCALARS`), and described beside
it in JSON Schema (`json_schema`), so that the two agree.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import types
import typing
import unicodedata
from collections.abc import Callable
from datetime import tzinfo
from enum import StrEnum
from typing import Any

from .dates import DAY, DAY_AND_TIME, parse_when
from .model import UNWRITTEN, Email, Note, Prose, Url, When
from .problems import CONTROL, did_you_mean, printable

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
# An http(s) address, or one without a scheme (`www.example.com/x`): a host with a dot, an
# optional port, then anything without spaces. Written so that JSON Schema can use it too.
WEB_ADDRESS = re.compile(r"([hH][tT][tT][pP][sS]?://)?[^\s/:@?#]+\.[^\s/:@?#]+(:\d+)?([/?#]\S*)?")
OTHER_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):(?!\d)")
LINE_BREAKS = "\n\r\x85\u2028\u2029"  # as YAML counts them
# Text on one line holds no control character: a line break in a name or a subject would split
# the header line of a draft it goes to. Prose may hold line breaks and tabs.
NOT_ONE_LINE = re.compile(CONTROL.pattern + "+")
NOT_PROSE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]+")


@functools.cache  # resolving the hints compiles each annotation: once per class is enough
def record_fields(cls: type) -> list[tuple[dataclasses.Field[Any], Any]]:
    """The fields of a model dataclass with their resolved type hints."""
    hints = typing.get_type_hints(cls)
    return [(field, hints[field.name]) for field in dataclasses.fields(cls)]


def is_required(field: dataclasses.Field[Any]) -> bool:
    return field.default is dataclasses.MISSING


def without_none(hint: Any) -> Any:
    """`X` from `X | None`; the record decides what an empty value means."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        (inner,) = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return inner
    return hint


def control_characters(text: str, refused: re.Pattern[str]) -> str | None:
    """What is wrong with the first run of `refused` characters in `text`, if there is one."""
    found = refused.search(text)
    if found is None:
        return None
    run = found.group()
    shown = printable(run)
    if refused is NOT_PROSE:
        return f"a control character ({shown}): remove it"
    if not run.strip(LINE_BREAKS):
        return f"a line break ({shown}) in a one-line field: write the value on one line"
    if not run.strip("\t"):
        return f"a tab ({shown}) in a one-line field: use a space"
    return f"a control character ({shown}) in a one-line field: remove it"


def text_value(text: str, _tz: tzinfo) -> str:
    """The text in one Unicode form (NFC), so that a name typed with `ë` as one character
    and as `e` and a combining mark (as some tools paste it) is the same name everywhere."""
    return unicodedata.normalize("NFC", text)


def email_value(text: str, _tz: tzinfo) -> str:
    if not EMAIL.fullmatch(text.strip()):
        raise ValueError(f"{text!r} is not an email address")
    return text.strip()


def url_value(text: str, _tz: tzinfo) -> str:
    """An http(s) link; a bare `www.example.com/x` gets `https://`, any other scheme is refused."""
    text = text.strip()
    found = WEB_ADDRESS.fullmatch(text)
    if found is None:
        scheme = OTHER_SCHEME.match(text)
        if scheme and scheme.group(1).lower() not in ("http", "https"):
            raise ValueError(f"only http:// and https:// links are allowed, not {scheme.group(0)}")
        raise ValueError(f"{text!r} is not a web address")
    return text if found.group(1) else "https://" + text


def bool_value(text: str, _tz: tzinfo) -> bool:
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    raise ValueError(f"write true or false, not {text!r}")


def enum_value(enum: type[StrEnum], text: str) -> StrEnum:
    value = next((member for member in written(enum) if member.value == text), None)
    if value is None:
        choices = [member.value for member in written(enum)]
        hint = did_you_mean(text, choices)
        raise ValueError(f"{text!r} is not one of {', '.join(choices)}{hint}")
    return value


def written(enum: type[StrEnum]) -> list[StrEnum]:
    """The values of `enum` a note may hold (`model.UNWRITTEN` aside)."""
    return [member for member in enum if member not in UNWRITTEN]


SCALARS: dict[Any, Callable[[str, tzinfo], Any]] = {
    str: text_value,
    Prose: text_value,
    Email: email_value,
    Url: url_value,
    bool: bool_value,
    When: parse_when,
}


def describe(hint: Any) -> str:
    """What a single value of this type is, in words."""
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        return "one of " + ", ".join(member.value for member in written(hint))
    names = {str: "text", Prose: "text", Email: "an email address", Url: "a web address",
             bool: "true or false", When: "a date"}
    return names[hint]


# JSON Schema ------------------------------------------------------------------------------------

WHEN_PATTERN = f"^({DAY.pattern}|{DAY_AND_TIME.pattern})$"
# Something besides spaces, no control character, and a block's closing line breaks at the end.
ONE_LINE_CHAR = r"[^\x00-\x1f\x7f-\x9f\u2028\u2029]"
ONE_LINE_TEXT = rf"^{ONE_LINE_CHAR}*\S{ONE_LINE_CHAR}*\n*$"


def json_schema() -> dict[str, Any]:
    """The note format as a JSON Schema (draft-07, which editors' YAML servers support best)."""
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "followup-journal note",
        "description": "The YAML front matter of one interview note.",
        **_schema(Note),
    }


def _schema(hint: Any) -> dict[str, Any]:
    hint = without_none(hint)
    if typing.get_origin(hint) is tuple:
        return {"type": "array", "items": _schema(typing.get_args(hint)[0])}
    if isinstance(hint, type) and dataclasses.is_dataclass(hint) and hint not in SCALARS:
        return _record_schema(hint)
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        return {"type": "string", "enum": [member.value for member in written(hint)]}
    return {
        str: {"type": "string", "pattern": ONE_LINE_TEXT},
        Prose: {"type": "string", "pattern": r"\S"},
        Email: {"type": "string", "format": "email"},
        Url: {"type": "string", "pattern": f"^{WEB_ADDRESS.pattern}$"},
        bool: {"type": "boolean"},
        When: {"type": "string", "pattern": WHEN_PATTERN},
    }[hint]


def _record_schema(cls: type) -> dict[str, Any]:
    properties = {}
    for field, hint in record_fields(cls):
        schema = {"description": field.metadata["doc"], **_schema(hint)}
        if not is_required(field):  # may be left empty, as the reader allows
            empty = [{"type": "null"}, {"type": "string", "pattern": r"^\s*$"}]
            schema = {"description": schema["description"], "anyOf": [schema, *empty]}
        properties[field.name] = schema
    record = {
        "type": "object",
        "properties": properties,
        "required": [field.name for field, _ in record_fields(cls) if is_required(field)],
        "additionalProperties": False,
    }
    shorthand = getattr(cls, "__shorthand__", None)
    if shorthand:
        return {"anyOf": [{"type": "string"}, record]}
    return record
