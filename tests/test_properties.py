"""Properties over many generated inputs: every input gets a model or problems, never a crash."""

from __future__ import annotations

import tomllib
import unicodedata
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from conftest import LISBON
from hypothesis import given, settings
from hypothesis import strategies as st

from followup_journal.dates import parse_when
from followup_journal.model import Note
from followup_journal.parse import NoteResult, parse_note
from followup_journal.problems import Severity
from followup_journal.scaffold import quoted, yaml_scalar
from followup_journal.schema import record_fields
from followup_journal.slugs import slug

FIELD_NAMES = [field.name for field, _ in record_fields(Note)]


def read(data: bytes) -> NoteResult:
    return parse_note(Path("n.md"), data, LISBON)


def assert_answered(result: NoteResult, data: bytes) -> None:
    """A model or at least one error, never both; problems point inside the file."""
    errors = [p for p in result.problems if p.severity is Severity.ERROR]
    assert (result.note is None) == bool(errors)
    lines = data.count(b"\n") + 1
    for problem in result.problems:
        assert 1 <= problem.line <= lines + 1, problem
        assert problem.col >= 1, problem


@given(st.text())
def test_any_text_gives_a_model_or_problems(text):
    data = text.encode("utf-8")
    assert_answered(read(data), data)


@given(st.text())
def test_any_text_as_front_matter_gives_a_model_or_problems(text):
    data = f"---\n{text}\n---\nbody\n".encode()
    assert_answered(read(data), data)


@given(st.binary())
def test_any_bytes_give_a_model_or_problems(data):
    assert_answered(read(b"---\n" + data), b"---\n" + data)


scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text() \
    | st.dates() | st.datetimes()
keys = st.sampled_from([*FIELD_NAMES, "name", "date", "kind", "by", "what"]) | st.text(max_size=8)
yaml_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
    max_leaves=20,
)


@settings(max_examples=300)
@given(st.dictionaries(keys, yaml_values, max_size=10))
def test_any_yaml_mapping_gives_a_model_or_problems(front_matter):
    text = yaml.safe_dump(front_matter, allow_unicode=True, default_flow_style=False)
    data = f"---\n{text}---\n".encode()
    assert_answered(read(data), data)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


names = st.text(min_size=1).filter(str.strip)


# What `fj new` takes: text on one line, without control characters.
one_line_names = st.text(st.characters(exclude_categories=["Cc", "Cs", "Zl", "Zp"]),
                         min_size=1).filter(str.strip)


@given(company=one_line_names, role=one_line_names)
def test_names_written_by_fj_new_read_back_exactly(company, role):
    text = f"---\ncompany: {yaml_scalar(company)}\nrole: {yaml_scalar(role)}\n" \
           "date: 2026-11-18\nstatus: waiting\n---\n"
    note = read(text.encode()).note.note
    # as typed, in NFC: the form the reader keeps all text in
    assert (note.company, note.role) == (nfc(company), nfc(role))
    # and every other YAML reader (these use YAML 1.1, where `no` is false) agrees
    assert yaml.safe_load(text.split("---\n")[1])["company"] == company


@given(st.text())
def test_a_name_given_to_fj_init_reads_back_exactly_from_the_config(name):
    assert tomllib.loads(f"name = {quoted(name)}")["name"] == name


@given(names)
def test_file_name_parts_are_safe_on_every_file_system(name):
    part = slug(name)
    assert "/" not in part and "\\" not in part and ".." not in part
    assert part == part.strip("-")
    assert len(part) <= 60 and len(part.encode("utf-8", "surrogatepass")) <= 80
    words = part.split("-")
    assert all(unicodedata.category(word[0])[0] != "M" for word in words if word)  # no lone mark


ZONES = [LISBON, ZoneInfo("America/New_York"), ZoneInfo("Asia/Tokyo"),
         ZoneInfo("Australia/Lord_Howe"), ZoneInfo("UTC")]


@given(st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59)),
       st.sampled_from(ZONES))
def test_a_written_time_reads_back_as_the_same_wall_clock_time_or_says_why_not(moment, zone):
    text = moment.strftime("%Y-%m-%d %H:%M").zfill(16)
    try:
        when = parse_when(text, zone)
    except ValueError as error:  # a time the clocks skip, or beyond what UTC can express
        assert "does not exist in" in str(error) or "out of range" in str(error)
        return
    assert when.at.replace(tzinfo=None) == moment.replace(second=0, microsecond=0)
    assert when.at.tzinfo is zone
