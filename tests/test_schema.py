"""`fj schema`: the JSON Schema an editor uses agrees with the reader on what a valid note is."""

from __future__ import annotations

import dataclasses
import json
import re
import typing

import jsonschema
import pytest
import yaml
from conftest import GOOD_NOTE, REPO, SAMPLE, dedent, parse, run_fj

from followup_journal.model import Note
from followup_journal.parse import split_front_matter
from followup_journal.schema import SCALARS, record_fields, without_none


class Yaml12Loader(yaml.SafeLoader):
    """Loads YAML the way editors' YAML 1.2 servers do: no timestamps, only true/false."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool",
                           "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@pytest.fixture(scope="module")
def validator():
    result = run_fj("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def front_matter(text: str) -> object:
    yaml_text, _ = split_front_matter(text)
    return yaml.load(yaml_text, Loader=Yaml12Loader)


def schema_errors(validator, text: str) -> list[str]:
    return [error.message for error in validator.iter_errors(front_matter(text))]


def documented_notes() -> list[str]:
    """Every complete note shown in the format documentation (a fenced block starting `---`)."""
    text = (REPO / "docs/format.md").read_text("utf-8")
    blocks = re.findall(r"^```(?:yaml|markdown|md)\n(.*?)^```", text, re.MULTILINE | re.DOTALL)
    return [block for block in blocks if block.startswith("---\n")]


def valid_notes() -> list[str]:
    examples = [GOOD_NOTE, *documented_notes()]
    samples = [path.read_text("utf-8") for path in sorted((SAMPLE / "notes").glob("*.md"))]
    # The schema describes interview notes; an event note has a format of its own.
    return [*examples, *(text for text in samples if "\nevent:" not in text)]


def test_the_format_documentation_shows_a_complete_note():
    assert documented_notes() != []


def test_every_valid_note_passes_the_schema(validator):
    notes = valid_notes()
    assert len(notes) >= 14
    for text in notes:
        assert parse(text.encode()).note is not None
        assert schema_errors(validator, text) == [], text


BROKEN = {
    "a status that does not exist": ("status: waiting", "status: pending"),
    "a missing required field": ("role: Backend Engineer\n", ""),
    "an unknown key": ("interviewers:", "interviewer:"),
    "text where a list goes": ("highlights:\n  - Their", "highlights: Their"),
    "a link that runs script": ("status: waiting", "status: waiting\nposting: javascript:x()"),
    "a date in another form": ("2026-11-18 14:30", "18/11/2026"),
    "a required field left blank": ("company: Acme Robotics", 'company: ""'),
    "a line break in a name": ("name: Jane Doe", 'name: "Jane\\nDoe"'),
    "a blank list item": ("- Their move of billing to an event queue", '- "  "'),
    "yes for a boolean": (
        "status: waiting", "status: waiting\nevents: [{name: M, date: 2026-12-01, attended: yes}]"
    ),
}


@pytest.mark.parametrize("old, new", BROKEN.values(), ids=BROKEN.keys())
def test_what_the_reader_refuses_the_schema_flags_too(validator, old, new):
    text = GOOD_NOTE.replace(old, new)
    assert text != GOOD_NOTE
    assert parse(text.encode()).problems != ()
    assert schema_errors(validator, text) != []


def test_the_schema_describes_each_field_for_hover_help(validator):
    properties = validator.schema["properties"]
    assert properties["status"]["description"] == "Where the application stands after this " \
                                                  "interview."
    item = properties["interviewers"]["anyOf"][0]["items"]
    assert item["required"] == ["name"]
    assert "learned" in item["properties"]


def test_optional_fields_may_be_left_blank_in_both(validator):
    text = GOOD_NOTE.replace("status: waiting", 'status: waiting\nposting: ""\nstage:\ntags: " "')
    assert parse(text.encode()).problems == ()
    assert schema_errors(validator, text) == []


def test_a_to_send_item_may_be_plain_text(validator):
    text = dedent(GOOD_NOTE).replace("status: waiting", "status: waiting\nto_send: [Slides]")
    assert schema_errors(validator, text) == []


def every_field_path(cls: type, prefix: str = "") -> set[str]:
    """`interviewers[].name` and so on: every field of the format, nested ones too."""
    paths = set()
    for field, hint in record_fields(cls):
        path = f"{prefix}{field.name}"
        paths.add(path)
        inner = without_none(hint)
        if typing.get_origin(inner) is tuple:
            inner, path = typing.get_args(inner)[0], path + "[]"
        if dataclasses.is_dataclass(inner) and inner not in SCALARS:
            paths |= every_field_path(inner, path + ".")
    return paths


def test_the_complete_example_in_the_docs_uses_every_field():
    [example] = [note for note in documented_notes() if "posting:" in note]
    used = {re.sub(r"\[\d+\]", "[]", key) for key in parse(example.encode()).note.where}
    assert every_field_path(Note) - used == set()
