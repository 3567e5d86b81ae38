"""journal.toml: found from where the user stands, and every problem in it reported at once."""

from __future__ import annotations

from datetime import UTC
from zoneinfo import ZoneInfo

import pytest

from followup_journal.config import JournalNotFound, find_journal, load_config

NO_NAME = "no `name` in [me]"


def load(journal, text):
    """The config and its problems, but for the missing-name warning (tested on its own)."""
    journal.write("journal.toml", text)
    config, problems = load_config(journal.root, lambda: UTC)
    return config, [p.format(p.path.name) for p in sorted(problems) if NO_NAME not in p.message]


def test_without_a_name_the_drafts_are_signed_with_a_placeholder(journal):
    journal.write("journal.toml", '[me]\nemail = "ana@example.com"\n')
    _, problems = load_config(journal.root, lambda: UTC)
    assert [p.format("journal.toml") for p in problems] == [
        "journal.toml:1:1: warning: no `name` in [me]: the drafts are signed with a placeholder "
        "until you set it"
    ]


def test_the_journal_is_found_from_a_folder_inside_it(journal):
    inner = journal.root / "notes" / "2026"
    inner.mkdir(parents=True)
    assert find_journal(None, inner) == journal.root


def test_a_named_folder_without_config_is_refused(tmp_path):
    with pytest.raises(JournalNotFound, match=r"no journal\.toml in .*fj init"):
        find_journal(tmp_path, tmp_path)


def test_a_named_folder_inside_a_journal_is_refused_with_the_journal_named(journal):
    notes = journal.root / "notes"
    notes.mkdir()
    with pytest.raises(JournalNotFound) as refused:
        find_journal(notes, journal.root)
    assert f"it is inside the journal {journal.root.resolve()}" in str(refused.value)
    assert "fj init" not in str(refused.value)


def test_no_journal_above_the_current_folder(tmp_path):
    with pytest.raises(JournalNotFound, match="or any folder above it"):
        find_journal(None, tmp_path)


def test_defaults_when_keys_are_left_out(journal):
    config, problems = load(journal, "")
    assert problems == []
    assert config.timezone is UTC  # the computer's, as given by the caller
    assert config.output == journal.root / "_site"
    assert config.exclude == ("README.md", "node_modules")


def test_values_are_read(journal):
    config, problems = load(journal, """
        timezone = "America/Sao_Paulo"
        output = "report"
        exclude = ["archive/"]
        [me]
        name = "João Gonçalves"
        signature = \"\"\"João
        +55 11 91234-5678\"\"\"
    """)
    assert problems == []
    assert config.timezone == ZoneInfo("America/Sao_Paulo")
    assert config.output == journal.root / "report"
    assert config.me.signature == "João\n+55 11 91234-5678"


def test_every_problem_is_reported_at_once_at_its_line(journal):
    _, problems = load(journal, """
        timezone = "Europe/Lisbn"
        exclude = "README.md"
        colour = "blue"

        [me]
        name = 42
        emial = "ana@example.com"
    """)
    assert problems == [
        "journal.toml:1:1: error: unknown timezone 'Europe/Lisbn' (did you mean "
        "`Europe/Lisbon`?); use a name such as \"Europe/Berlin\" or \"America/New_York\"",
        "journal.toml:2:1: error: `exclude` should be a list of patterns, like [\"drafts/*\"]",
        "journal.toml:3:1: warning: unknown key `colour` in journal.toml",
        "journal.toml:6:1: error: `name` should be text in quotes",
        "journal.toml:7:1: warning: unknown key `emial` in [me] (did you mean `email`?)",
    ]


def test_a_timezone_in_the_wrong_case_suggests_the_right_one(journal):
    _, problems = load(journal, 'timezone = "utc"\n')
    assert problems[0].startswith("journal.toml:1:1: error: unknown timezone 'utc' (did you mean "
                                  "`UTC`?)")


def test_a_setting_written_under_me_says_where_it_belongs(journal):
    _, problems = load(journal, '[me]\nname = "Ana"\nexclude = ["old"]\n')
    assert problems == [
        "journal.toml:3:1: warning: unknown key `exclude` in [me]; `exclude` goes above the first "
        "[table] line"
    ]


def test_a_config_that_is_not_utf8_is_an_error_at_the_byte(journal):
    (journal.root / "journal.toml").write_bytes(b'[me]\nname = "Jos\xe9"\n')  # no name then
    _, problems = load_config(journal.root, lambda: UTC)
    assert [p.format("journal.toml") for p in problems] == [
        "journal.toml:2:12: error: not UTF-8 text (byte 0xe9); save the file as UTF-8"
    ]


def test_the_output_folder_must_be_inside_the_journal(journal):
    for outside in ["..", "/tmp", ".", "notes", "themes/site", ".git", ".git/site"]:
        config, problems = load(journal, f'output = "{outside}"\n')
        assert problems == [
            f"journal.toml:1:1: error: `output` must be a folder of its own inside the journal "
            f"(not the notes, themes or .git), not '{outside}'"
        ]
        assert config.output == journal.root / "_site"


def test_invalid_toml_is_reported_with_its_position(journal):
    _, problems = load(journal, 'timezone = "UTC"\nname = Ana\n')
    assert problems == ["journal.toml:2:8: error: invalid TOML: Invalid value"]


def test_invalid_toml_at_the_end_of_the_file_points_at_its_last_character(journal):
    _, problems = load(journal, '[me]\nname = "Ana"\nemail = ["a",\n\n')
    assert problems == ["journal.toml:3:14: error: invalid TOML: Invalid value"]


def test_a_string_left_open_is_the_only_problem_said(journal):
    journal.write("journal.toml", 'timezone = "Europe/Lisbon\n\n[me]\nname = "Ana Souza"\n')
    _, problems = load_config(journal.root, lambda: UTC)
    assert [p.format("journal.toml") for p in problems] == [
        "journal.toml:1:26: error: invalid TOML: the text in quotes is not closed on its line"]


def test_a_string_left_open_to_the_end_is_pointed_at_where_it_opens(journal):
    cases = {
        "[me]\nname = 'Ana\nemail = \"a@b.c\"\n": "2:8",
        '[me]\nsignature = """Best,\nAna"""\nname = """Ana\n\n[rules]\n': "4:8",
        "[me]\nname = '''Ana\n": "2:8",
        'timezone = "UTC': "1:12",
        '[me]\nsignature = """Ana \\\n  +351 \\\n  end\n': "2:13",  # lines joined by \\
        '[me]\nname = "Ana \\"Jr': "2:8",  # an escaped quote opens nothing
        'exclude = ["""a""", "b': "1:21",
        'exclude = [\n  "a",\n  """b\n': "3:3",
        '[me]\nname = """Ana "AJ" Souza\n': "2:8",  # quotes inside it open nothing
        "[me]\nsignature = '''Ana's desk\nline\n": "2:13",
        "exclude = ['say \"\"\"hi', \"b": "1:25",  # three quotes inside another string
        '[me]\nname = """Ana \\""" AJ\n': "2:8",
        '[me]\nsignature = "caf\\u00e9 and more': "2:13",  # a text cut in an escape is no guide
    }
    for text, place in cases.items():
        _, problems = load(journal, text)
        assert problems == [f"journal.toml:{place}: error: invalid TOML: the text in quotes that "
                            "opens here is never closed"], text


def test_an_unknown_table_is_pointed_at_where_it_is_written(journal):
    _, problems = load(journal, '[me]\nname = "Ana"\n\n[rule.update]\ndue = "3w"\n')
    assert problems == ["journal.toml:4:1: warning: unknown key `rule` in journal.toml (did you "
                        "mean `rules`?)"]
