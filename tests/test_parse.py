"""Parsing one note (`parse.py`): its bytes become a model, or problems at the exact place in the
user's file."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from conftest import GOOD_NOTE, LISBON, dedent, parse, problems_of

from followup_journal.applications import group_applications
from followup_journal.checks import application_warnings
from followup_journal.model import FollowUpKind, Stage, Status
from followup_journal.rules import DEFAULT_TIMINGS, Timing


def test_a_good_note_becomes_a_model_with_its_body():
    result = parse(GOOD_NOTE)
    assert result.problems == ()
    note = result.note.note
    assert (note.company, note.role, note.status) == ("Acme Robotics", "Backend Engineer",
                                                      Status.WAITING)
    assert note.date.at == datetime(2026, 11, 18, 14, 30, tzinfo=LISBON)
    assert note.interviewers[0].name == "Jane Doe"
    assert note.highlights == ("Their move of billing to an event queue",)
    assert result.note.body == "It went well.\n"


def test_every_field_of_the_format_is_read():
    result = parse("""
        ---
        company: Acme
        role: SRE
        date: 2026-11-18
        status: rejected
        stage: final
        location: Video call
        posting: https://jobs.example.com/42
        interviewers:
          - name: Jane Doe
            title: CTO
            email: jane@example.com
            linkedin: www.linkedin.com/in/janedoe
            learned: Sails on weekends
            highlights: [Chaos engineering]
        next_steps: {said: We decide Friday, by: 2026-11-20}
        to_send:
          - My talk's slides
          - {what: Benchmark repo, to: Jane Doe, link: https://git.example.com/b}
        followups:
          - {kind: thank-you, to: Jane Doe, date: 2026-11-18 20:00}
        events:
          - {name: SRE meetup, date: 2026-12-01, attended: true}
        tags: [infra, remote]
        reflection:
          went_well: Clear answers
          to_improve: Ask more questions
        ---
    """)
    assert result.problems == ()
    note = result.note.note
    assert note.stage is Stage.FINAL
    assert note.interviewers[0].linkedin == "https://www.linkedin.com/in/janedoe"
    assert note.next_steps.by.day == date(2026, 11, 20)
    assert [item.what for item in note.to_send] == ["My talk's slides", "Benchmark repo"]
    assert note.to_send[1].link == "https://git.example.com/b"
    assert note.followups[0].kind is FollowUpKind.THANK_YOU
    assert note.events[0].attended is True
    assert note.tags == ("infra", "remote")
    assert note.reflection.to_improve == "Ask more questions"


# Dates ------------------------------------------------------------------------------------------


def date_of(text: str):
    return parse(GOOD_NOTE.replace("2026-11-18 14:30", text)).note.note.date


def test_a_day_without_a_time_has_no_moment():
    when = date_of("2026-11-18")
    assert (when.day, when.at) == (date(2026, 11, 18), None)


def test_a_time_without_an_offset_is_in_the_journal_timezone():
    assert date_of("2026-07-01 9:30").at == datetime(2026, 7, 1, 9, 30, tzinfo=LISBON)
    assert date_of("2026-07-01 9:30").at.utcoffset() == timedelta(hours=1)  # summer time
    assert date_of("2026-12-01T09:30").at.utcoffset() == timedelta(0)


def test_an_offset_or_z_is_kept():
    assert date_of("2026-11-18T14:30-05:00").at.utcoffset() == timedelta(hours=-5)
    assert date_of("2026-11-18 14:30 +01:00").at.utcoffset() == timedelta(hours=1)
    assert date_of("2026-11-18T14:30:00Z").at.tzinfo == UTC


def test_an_impossible_date_is_an_error_at_the_value():
    text = GOOD_NOTE.replace("2026-11-18 14:30", "2026-02-30")
    assert problems_of(text) == [
        "4:7: error: `date`: '2026-02-30' is not a real date or time (February 2026 has 28 "
        "days)"
    ]
    assert problems_of(text.replace("2026-02-30", "2026-13-01 10:00")) == [
        "4:7: error: `date`: '2026-13-01 10:00' is not a real date or time (months go from 01 to "
        "12)"
    ]
    assert problems_of(text.replace("2026-02-30", "2026-02-01 25:00")) == [
        "4:7: error: `date`: '2026-02-01 25:00' is not a real date or time"
    ]


def test_a_local_time_the_clocks_skip_is_an_error():
    text = GOOD_NOTE.replace("2026-11-18 14:30", "2026-03-29 01:30")
    assert problems_of(text) == [
        "4:7: error: `date`: '2026-03-29 01:30' does not exist in Europe/Lisbon: the clocks skip "
        "that hour (daylight saving time)"
    ]


def test_a_time_at_the_edge_of_the_calendar_is_an_error_not_a_crash():
    text = dedent(GOOD_NOTE.replace("2026-11-18 14:30", "9999-12-31 23:59"))
    [problem] = parse(text, ZoneInfo("America/New_York")).problems
    assert problem.message == ("`date`: '9999-12-31 23:59' is out of range: write a year from "
                               "1900 to 2999")


@pytest.mark.parametrize("written, instead", [
    ("date: 2026-11-18 14:30", "date: 9999-12-30"),
    ("status: waiting", "status: waiting\nnext_steps: {by: 9999-12-20}"),
    ("status: waiting", "status: offer\noffer: {respond_by: 0001-01-02}"),
])
def test_a_day_at_the_edge_of_the_calendar_is_an_error_not_a_crash_of_the_rules(
        journal, written, instead):
    """Found by an adversarial test: the days the rules count to from such a day do not
    exist, and `fj check` stopped with a traceback."""
    journal.note("2026-11-18-acme.md", GOOD_NOTE.replace(written, instead))
    result = journal.run("check")
    assert result.exit_code == 1
    assert "is out of range: write a year from 1900 to 2999" in result.output


def test_a_local_time_that_happens_twice_is_the_first_one():
    at = date_of("2026-10-25 01:30").at  # clocks go back at 02:00 in Lisbon
    assert at.utcoffset() == timedelta(hours=1)


def test_text_that_is_not_a_date_names_the_accepted_forms():
    text = GOOD_NOTE.replace("2026-11-18 14:30", "next Tuesday")
    assert problems_of(text) == [
        "4:7: error: `date`: 'next Tuesday' is not a date; write 2026-11-18, 2026-11-18 14:30, "
        "or 2026-11-18T14:30+01:00"
    ]


# Errors that stop a note from being read ---------------------------------------------------------


def test_invalid_yaml_is_reported_at_its_line_in_the_file():
    text = GOOD_NOTE.replace("role: Backend Engineer", "role: [Backend Engineer")
    assert problems_of(text) == [  # pointed at the `[` left open, not where it was noticed
        "3:7: error: invalid YAML: this `[` is not closed on its line (expected ',' or ']', but "
        "got ':' at 4:5); quote a whole value that starts with ["
    ]
    assert parse(text).note is None


def test_a_bracket_left_open_in_a_list_item_is_reported_where_it_was_opened():
    text = GOOD_NOTE.replace("  - name: Jane Doe", "  - name: [Jane Doe")
    assert problems_of(text)[0].startswith("7:11: error: invalid YAML: this `[` is not closed")


def test_a_mistake_inside_a_list_over_several_lines_is_reported_where_it_is():
    text = GOOD_NOTE.replace("status: waiting", "status: waiting\ntags: [\n  remote,\n"
                                                "  bad: value: x,\n]")
    assert problems_of(text) == ["8:13: error: invalid YAML: expected ',' or ']', but got ':'"]


def test_a_mistake_inside_a_mapping_wrapped_onto_the_next_line_is_reported_where_it_is():
    text = GOOD_NOTE.replace("status: waiting", """status: waiting
followups:
  - {kind: thank-you, to: Jane Doe, date: 2026-11-18 17:30,
    note: Sent: the deck}
  - {kind: linkedin, to: Jane Doe,
    date: 2026-11-19}""")
    assert problems_of(text)[0].startswith("8:15: error: invalid YAML: ")
    unclosed = text.replace("Sent: the deck", "Sent the deck").replace("2026-11-19}", "2026-11-19")
    assert problems_of(unclosed)[0].startswith(
        "9:5: error: invalid YAML: this `{` is not closed on its line")


@pytest.mark.parametrize(("flow", "where"), [
    ("tags: [backend   # todo]\nstage: screen", "6:7: error: invalid YAML: this `[` is not"),
    ("tags: [backend\nstage: screen  # moved up]", "6:7: error: invalid YAML: this `[` is not"),
    ("next_steps: {said: We'll decide soon,\nby: 2026-11-30: x}", "7:15: error: "),
    ("tags: ['a]', b\nc: d]", "7:2: error: "),
])
def test_brackets_in_comments_quotes_and_words_are_read_as_yaml_reads_them(flow, where):
    text = GOOD_NOTE.replace("status: waiting", f"status: waiting\n{flow}")
    assert problems_of(text)[0].startswith(where)


def test_a_tab_for_indentation_is_invalid_yaml_at_the_tab():
    text = GOOD_NOTE.replace("  - name: Jane Doe", "\t- name: Jane Doe")
    assert problems_of(text) == [
        "7:1: error: invalid YAML: found character '\\t' that cannot start any token (indent "
        "with spaces, not tabs)"
    ]


def test_a_colon_in_a_value_is_explained():
    text = GOOD_NOTE.replace("role: Backend Engineer", "role: Engineer: Backend")
    assert problems_of(text) == [
        "3:15: error: invalid YAML: mapping values are not allowed here (a value with `: ` in it "
        "needs quotes; or check the indentation)"
    ]


def test_an_unclosed_quote_is_reported_where_it_opens():
    text = GOOD_NOTE.replace("company: Acme Robotics", 'company: "Acme Robotics')
    assert problems_of(text) == [
        "2:10: error: invalid YAML: while scanning a quoted scalar, found unexpected end of stream "
        "(it is never closed)"
    ]


@pytest.mark.parametrize("long", [False, True], ids=["libyaml", "pyyaml"])
def test_text_after_a_closing_quote_is_an_error_not_a_comment(long):
    # Found by an adversarial test: `#Engineer II` was read as a comment and dropped unsaid.
    text = GOOD_NOTE.replace("role: Backend Engineer", 'role: "Backend"#Engineer II')
    if long:  # past what libyaml is given
        text = text.replace("status: waiting", "status: waiting\nlocation: " + "x" * 17_000)
    assert problems_of(text) == [
        "3:16: error: invalid YAML: text after the closing quote: `#Engineer II` (put the whole "
        "value in the quotes; a comment needs a space before its `#`)"]
    in_a_list = GOOD_NOTE.replace("status: waiting", "status: waiting\ntags: ['a', 'b'#c\n  ]")
    assert problems_of(in_a_list)[0].startswith("6:16: error: invalid YAML: text after the "
                                                "closing quote: `#c` ")


def test_a_hash_after_a_quote_is_fine_where_yaml_allows_it():
    text = GOOD_NOTE.replace("role: Backend Engineer", """role: "Backend" # Engineer II
location: 'Room "#4"'  # he said "hi"#
tags: [C#, "a\\"#b", 'c'  #d
  ]""")
    note = parse(text).note.note
    assert (note.role, note.location, note.tags) == ("Backend", 'Room "#4"', ("C#", 'a"#b', "c"))


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff"])
def test_an_escape_for_half_a_character_is_an_error_not_a_crash_later(escape):
    # PyYAML's own parser reads it; no file or terminal could take the text it makes.
    text = GOOD_NOTE.replace("  - name: Jane Doe", f'  - name: "Jane {escape} Doe"')
    assert problems_of(text) == [
        f"7:11: error: `{escape}` is half of a character (a lone surrogate): write the character "
        "itself, or its `\\U` escape"]
    [jane] = parse(text.replace(escape, "\\U0001F600")).note.note.interviewers
    assert jane.name == "Jane 😀 Doe"


def test_aliases_that_hold_themselves_are_refused_not_followed_for_ever():
    looped = GOOD_NOTE.replace("status: waiting", 'status: waiting\nreflection: "\\ud800"\n'
                               "tags: &x [a, *x]")
    assert problems_of(looped)[0].startswith("6:13: error: `\\ud800` is half of a character")
    levels = "".join(f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]\n" for n in range(1, 10))
    huge = GOOD_NOTE.replace("status: waiting", "status: waiting\na0: &a0 x\n" + levels
                             + "reflection: " + "y" * 17_000)  # past what libyaml is given
    assert "aliases (&name, *name) are not supported" in problems_of(huge)[0]


def test_unicode_line_separators_do_not_shift_line_numbers():
    text = GOOD_NOTE.replace("  - Their move of", '  - "Their\u2028\u0085move"\n  - Of')
    assert problems_of(text.replace("status: waiting", "status: wating"))[0].startswith("5:9: ")
    assert parse(text).note.note.highlights[0].startswith("Their\u2028")



def test_a_warning_after_a_unicode_line_separator_is_at_its_field():
    text = GOOD_NOTE.replace("  - Their move of billing to an event queue",
                             '  - "Their\u2028\u0085move"\nnext_steps: {by: 2026-10-01}')
    [warning] = parse(text).problems
    assert warning.format().startswith("note.md:11:14: warning: `next_steps.by` (2026-10-01)")


def test_prose_keeps_its_line_breaks_and_tabs_and_a_block_may_hold_one_line():
    text = GOOD_NOTE.replace("status: waiting", """status: waiting
location: >
  Building 2,
  room 4
reflection:
  went_well: |
    Clear answers.
    Good questions.
  to_improve: "Ask\\tmore\\nquestions\u2028"
followups: [{kind: other, date: 2026-11-19, note: "Called;\\nleft a message"}]""")
    result = parse(text)
    assert result.problems == ()
    note = result.note.note
    assert note.location == "Building 2, room 4"
    assert note.reflection.went_well == "Clear answers.\nGood questions.\n"
    assert note.reflection.to_improve == "Ask\tmore\nquestions\u2028"
    assert note.followups[0].note == "Called;\nleft a message"


def test_front_matter_that_is_a_list_is_not_a_mapping():
    assert problems_of("---\n- company: Acme\n---\n") == [
        "2:1: error: The front matter should be a mapping of `key: value` lines"
    ]


def test_front_matter_that_is_a_single_value_is_not_a_mapping():
    assert problems_of("---\nAcme onsite\n---\n") == [
        "2:1: error: The front matter should be a mapping of `key: value` lines"
    ]


def test_a_file_without_front_matter():
    assert problems_of("# Acme onsite\n\nIt went well.\n") == [
        "1:1: error: no front matter: a note starts with a line `---`, then its fields, then "
        "another `---`"
    ]


def test_front_matter_that_is_never_closed():
    assert problems_of("---\ncompany: Acme\n") == [
        "1:1: error: the front matter is never closed: add a line `---` after its fields"
    ]


def test_empty_front_matter():
    assert problems_of("---\n---\nbody\n") == [
        "1:1: error: the front matter is empty: a note needs at least company, role, date and "
        "status"
    ]


def test_a_duplicate_key_points_at_the_second_and_names_the_first():
    text = GOOD_NOTE.replace("status: waiting", "status: waiting\nrole: Platform Engineer")
    assert problems_of(text) == [
        "6:1: error: duplicate key `role` (first given on line 3)"
    ]
    assert parse(text).note is None


def test_a_duplicate_key_inside_an_interviewer():
    text = GOOD_NOTE.replace("    email: jane@example.com",
                             "    email: jane@example.com\n    email: j.doe@example.com")
    assert problems_of(text) == [
        "9:5: error: duplicate key `email` (first given on line 8)"
    ]


def test_bytes_that_are_not_utf8_point_at_the_bad_byte():
    data = "---\ncompany: Société Générale\n".encode("latin-1") + b"role: x\n---\n"
    assert problems_of(data) == [
        "2:14: error: not UTF-8 text (byte 0xe9); save the file as UTF-8"
    ]


def test_a_missing_required_field_is_reported_at_the_start_of_the_fields():
    text = GOOD_NOTE.replace("role: Backend Engineer\n", "")
    assert problems_of(text) == ["2:1: error: missing required field `role`"]


def test_all_missing_fields_are_reported_together():
    assert problems_of("---\ntags: [x]\n---\n") == [
        "2:1: error: missing required field `company`",
        "2:1: error: missing required field `date`",
        "2:1: error: missing required field `role`",
        "2:1: error: missing required field `status`",
    ]


def test_a_misspelt_required_field_is_an_error_at_the_misspelling():
    text = GOOD_NOTE.replace("status: waiting", "stauts: waiting")
    assert problems_of(text) == [
        "5:1: error: missing required field `status`: is `stauts` a misspelling?"
    ]


def test_a_required_field_left_empty():
    text = GOOD_NOTE.replace("role: Backend Engineer", "role:")
    assert problems_of(text) == ["3:6: error: `role` is empty"]


def test_a_missing_field_inside_a_list_item_points_at_the_item():
    text = GOOD_NOTE.replace("  - name: Jane Doe\n    email", "  - email")
    assert problems_of(text) == ["7:5: error: missing required field `interviewers[0].name`"]


def test_a_list_where_text_is_expected():
    text = GOOD_NOTE.replace("company: Acme Robotics", "company:\n  - Acme\n  - Robotics")
    assert problems_of(text) == ["3:3: error: `company` should be text, not a list"]


def test_text_where_a_list_is_expected():
    text = GOOD_NOTE.replace("highlights:\n  - Their", "highlights: Their")
    assert problems_of(text) == [
        "9:13: error: `highlights` should be a list, one `- item` per line"
    ]


def test_a_word_that_is_not_a_status_suggests_the_closest():
    text = GOOD_NOTE.replace("status: waiting", "status: wating")
    assert problems_of(text) == [
        "5:9: error: `status`: 'wating' is not one of scheduled, waiting, next-round, offer, "
        "rejected, withdrawn, accepted, declined (did you mean `waiting`?)"
    ]


def test_problems_in_several_fields_are_all_reported():
    text = GOOD_NOTE.replace("status: waiting", "status: maybe").replace(
        "jane@example.com", "jane at example")
    assert problems_of(text) == [
        "5:9: error: `status`: 'maybe' is not one of scheduled, waiting, next-round, offer, "
        "rejected, withdrawn, accepted, declined",
        "8:12: error: `interviewers[0].email`: 'jane at example' is not an email address",
    ]


def web_address(text: str) -> str:
    note = parse(GOOD_NOTE.replace("status: waiting", f"status: waiting\nposting: '{text}'"))
    if note.note is None:
        return note.problems[0].message
    return note.note.note.posting


def test_web_addresses_are_checked_and_completed():
    assert web_address("www.example.com/jobs/1") == "https://www.example.com/jobs/1"
    assert web_address("example.com:8080/jobs?id=2") == "https://example.com:8080/jobs?id=2"
    assert web_address("HTTPS://EXAMPLE.COM") == "HTTPS://EXAMPLE.COM"
    for bad in ["//example.com/x", "https://exa mple.com", "https:", "careers", "localhost:8080"]:
        assert web_address(bad) == f"`posting`: {bad!r} is not a web address"
    assert web_address("mailto:jane@example.com") == (
        "`posting`: only http:// and https:// links are allowed, not mailto:"
    )


def test_links_other_than_http_are_refused():
    text = GOOD_NOTE.replace("status: waiting", "status: waiting\nposting: javascript:alert(1)")
    assert problems_of(text) == [
        "6:10: error: `posting`: only http:// and https:// links are allowed, not javascript:"
    ]


def test_aliases_are_refused():
    text = GOOD_NOTE.replace("highlights:\n  - Their move of billing to an event queue",
                             "highlights: &h [Queues]\ntags: *h")
    assert problems_of(text) == [
        "9:13: error: YAML anchors and aliases (&name, *name) are not supported; write the "
        "value out"
    ]


def test_a_list_as_a_key_is_refused():
    text = GOOD_NOTE.replace("status: waiting", "status: waiting\n? [a, b]\n: c")
    assert problems_of(text) == [
        "6:3: error: a key must be a plain name, not a list or mapping"
    ]


def test_deeply_nested_yaml_is_an_error_not_a_crash():
    # 5,000 levels: read by libyaml, or (PyYAML 6.0.4 and later) refused by it and read by
    # PyYAML's own parser, which runs out of recursion. 50,000: deep enough to crash older
    # libyaml's recursive composer, so never given to it.
    [problem] = problems_of("---\ntags: " + "[" * 5_000 + "]" * 5_000 + "\n---\n")
    assert problem in ["2:8: error: `tags[0]` should be text, not a list",
                       "2:1: error: the front matter is nested too deeply"]
    assert problems_of("---\ntags: " + "[" * 50_000 + "]" * 50_000 + "\n---\n") == [
        "2:1: error: the front matter is nested too deeply"]


# What is simply accepted -------------------------------------------------------------------------


def test_a_byte_order_mark_is_accepted():
    result = parse(b"\xef\xbb\xbf" + GOOD_NOTE.encode())
    assert result.problems == ()
    assert result.note.note.company == "Acme Robotics"


def test_crlf_line_endings_are_accepted_and_lines_still_count_right():
    crlf = GOOD_NOTE.replace("\n", "\r\n").encode()
    assert parse(crlf).problems == ()
    bad = GOOD_NOTE.replace("status: waiting", "status: wating").replace("\n", "\r\n").encode()
    assert [(p.line, p.col) for p in parse(bad).problems] == [(5, 9)]


def test_yaml_1_1_words_stay_as_the_user_wrote_them():
    result = parse("""
        ---
        company: no
        role: 01234
        date: 2026-11-18 10:00
        status: waiting
        location: 10:00
        tags: [yes, off, 0x1F, 1e3]
        highlights: [Norway]
        ---
    """)
    note = result.note.note
    assert (note.company, note.role, note.location) == ("no", "01234", "10:00")
    assert note.tags == ("yes", "off", "0x1F", "1e3")
    assert note.date.at.hour == 10


def test_a_yes_no_boolean_is_an_error_not_a_guess():
    text = GOOD_NOTE.replace("status: waiting",
                             "status: waiting\nevents:\n  - {name: Meetup, date: 2026-12-01, "
                             "attended: no}")
    assert problems_of(text) == [
        "7:48: error: `events[0].attended`: write true or false, not 'no'"
    ]


def test_empty_optional_fields_are_allowed():
    text = GOOD_NOTE.replace("status: waiting", "status: waiting\nstage:\nposting:\ntags:")
    result = parse(text)
    assert result.problems == ()
    assert (result.note.note.stage, result.note.note.tags) == (None, ())


def test_null_and_tilde_mean_empty_and_quoted_they_are_words():
    text = GOOD_NOTE.replace("status: waiting", "status: waiting\nstage: null\nlocation: ~")
    note = parse(text).note.note
    assert (note.stage, note.location) == (None, None)
    assert parse(text.replace("location: ~", 'location: "~"')).note.note.location == "~"


def test_a_list_item_of_null_or_tilde_is_empty():
    text = GOOD_NOTE.replace("status: waiting", "status: waiting\ntags: [remote, ~]")
    assert problems_of(text) == ["6:16: error: `tags[1]` is empty"]


def test_a_name_typed_with_a_combining_accent_is_the_same_name():
    text = GOOD_NOTE.replace("Jane Doe", "Zo\u00eb Brand").replace(
        "status: waiting", "status: waiting\nfollowups:\n"
                           "  - {kind: thank-you, to: Zoe\u0308 Brand, date: 2026-11-18}")
    note = parse(text).note.note
    assert note.followups[0].to == note.interviewers[0].name == "Zo\u00eb Brand"
    shorthand = parse(text.replace("followups:", "to_send: [Re\u0301sume\u0301]\nfollowups:"))
    assert shorthand.note.note.to_send[0].what == "R\u00e9sum\u00e9"
    assert thank_you_warnings(text) == []  # the follow-up names an interviewer


# Warnings ---------------------------------------------------------------------------------------


def test_an_unknown_key_is_a_warning_with_a_suggestion():
    text = GOOD_NOTE.replace("interviewers:", "interviewer:")
    result = parse(text)
    assert problems_of(text) == [
        "6:1: warning: unknown key `interviewer` (did you mean `interviewers`?)"
    ]
    assert result.note is not None


def test_an_unknown_key_inside_an_interviewer_is_warned_at_its_line():
    text = GOOD_NOTE.replace("    email: jane", "    emial: jane")
    assert problems_of(text) == ["8:5: warning: unknown key `emial` (did you mean `email`?)"]


def test_dates_that_can_only_come_after_the_interview_are_warned_when_before_it():
    text = GOOD_NOTE.replace("status: waiting", """status: waiting
next_steps:
  by: 2026-10-13
followups:
  - {date: 2025-11-19, kind: thank-you, to: Jane Doe}""")
    assert problems_of(text) == [
        "7:3: warning: `next_steps.by` (2026-10-13) is before the interview (2026-11-18): check "
        "the year and month",
        "9:6: warning: `followups[0].date` (2025-11-19) is before the interview (2026-11-18): "
        "check the year and month",
    ]


def test_dates_that_may_come_before_the_interview_are_not_warned():
    text = GOOD_NOTE.replace("status: waiting", """status: withdrawn
decided: 2026-11-10
to_send:
  - {what: The diagram, to: Jane Doe, sent: 2026-11-16}
followups:
  - {date: 2026-11-02, kind: linkedin, to: Jane Doe}
  - {date: 2026-11-17 23:30, kind: thank-you, to: Jane Doe}""")  # the interview's day, in Tokyo
    assert problems_of(text) == []


def test_an_unknown_key_without_a_close_match_has_no_suggestion():
    text = GOOD_NOTE.replace("status: waiting", "status: waiting\nsalary: 100k")
    assert problems_of(text) == ["6:1: warning: unknown key `salary`"]


WITHOUT_HIGHLIGHTS = """
    ---
    company: Acme
    role: SRE
    date: 2026-11-18
    status: waiting
    interviewers:
      - name: Jane Doe
        email: jane@example.com
      - name: Omar Haddad
        email: omar@example.com
        highlights: [Incident reviews]
    ---
"""


def thank_you_warnings(text: str, thank_you: Timing = DEFAULT_TIMINGS["thank-you"]) -> list[str]:
    """The warnings of a note's application, as `line:col: severity: message`."""
    applications = group_applications([parse(text).note], LISBON)
    rules = {**DEFAULT_TIMINGS, "thank-you": thank_you}
    return [f"{p.line}:{p.col}: {p.severity}: {p.message}"
            for p in sorted(application_warnings(applications, rules, LISBON))
            if "the thank-you" in p.message]


def test_a_thank_you_with_nothing_specific_to_mention_is_warned_at_the_person():
    assert thank_you_warnings(WITHOUT_HIGHLIGHTS) == [
        "7:5: warning: nothing specific to mention in the thank-you to Jane Doe: add "
        "`highlights` to the note or to this interviewer"
    ]


def test_no_highlight_warning_where_no_thank_you_is_drafted():
    assert thank_you_warnings(WITHOUT_HIGHLIGHTS.replace("waiting", "scheduled")) == []
    assert thank_you_warnings(WITHOUT_HIGHLIGHTS.replace("waiting", "withdrawn")) == []
    assert thank_you_warnings(WITHOUT_HIGHLIGHTS, replace(DEFAULT_TIMINGS["thank-you"],
                                                          enabled=False)) == []
    thanked = WITHOUT_HIGHLIGHTS.replace(
        "highlights: [Incident reviews]\n",
        "highlights: [Incident reviews]\n    followups: [{kind: thank-you, to: Jane Doe, "
        "date: 2026-11-18}]\n",
    )
    assert thank_you_warnings(thanked) == []
    with_note_highlights = WITHOUT_HIGHLIGHTS.replace("status: waiting",
                                                      "status: waiting\n    highlights: [SLOs]")
    assert thank_you_warnings(with_note_highlights) == []


def test_a_list_where_one_word_is_expected_names_the_words():
    text = GOOD_NOTE.replace("status: waiting", "status: [waiting, offer]")
    assert problems_of(text) == [
        "5:9: error: `status` should be one of scheduled, waiting, next-round, offer, rejected, "
        "withdrawn, accepted, declined, not a list"
    ]


def test_where_fields_were_written_survives_the_cache_even_past_line_65535():
    import pickle

    from followup_journal.model import Positions

    where = {"company": (2, 1), "interviewers[0].name": (70_000, 11)}
    positions = pickle.loads(pickle.dumps(Positions(where)))
    assert dict(positions) == where
    assert positions.get("role", (1, 1)) == (1, 1)


def test_two_interviewers_of_one_name_are_warned_about():
    text = GOOD_NOTE.replace("  - name: Jane Doe\n    email: jane@example.com\n",
                             "  - name: Jane Doe\n    email: jane@example.com\n"
                             "  - name: Jane Doe\n    email: jane.d@example.com\n")
    assert problems_of(text) == [
        "9:5: warning: a second interviewer named `Jane Doe`: both would get one thank-you; "
        "tell them apart in the name (a middle initial, say)"]
    assert problems_of(text.replace("name: Jane Doe\n    email: jane.d", "name: Jane B. Doe\n"
                                    "    email: jane.d")) == []


# Event notes -------------------------------------------------------------------------------------

EVENT_NOTE = """
    ---
    event: Rust Berlin Meetup
    date: 2026-11-12 18:30
    company: Acme
    link: https://example.com/meetup
    attended: true
    speakers:
      - name: Dana Fox
        email: dana@acme.example
    people:
      - name: Lee Park
        title: Staff Engineer
        learned: Runs the platform team
    highlights: [How Acme moved billing to async Rust]
    ---
    Good talk.
    """


def test_an_event_note_is_read_as_an_event_of_its_own():
    result = parse(EVENT_NOTE)
    assert result.problems == ()
    assert result.note is not None and result.note.event is not None
    event, note = result.note.event, result.note.note
    assert (event.event, event.company, event.attended) == ("Rust Berlin Meetup", "Acme", True)
    assert [p.name for p in event.speakers] == ["Dana Fox"]
    assert event.people[0].learned == "Runs the platform team"
    # The rest of the journal sees an application of the organiser and the event.
    assert (note.company, note.role, note.status) == ("Acme", "Rust Berlin Meetup", Status.EVENT)
    assert [e.name for e in note.events] == ["Rust Berlin Meetup"]
    assert result.note.body == "Good talk.\n"


def test_an_event_note_s_mistakes_are_errors_where_they_are():
    text = EVENT_NOTE.replace("2026-11-12 18:30", "2026-13-12").replace(
        "attended: true", "attended: maybe\n    role: Speaker")
    assert problems_of(text) == [
        "3:7: error: `date`: '2026-13-12' is not a real date or time (months go from 01 to 12)",
        "6:11: error: `attended`: write true or false, not 'maybe'",
        "7:1: warning: unknown key `role` (did you mean `people`?)",
    ]
    assert problems_of("---\nevent: Meetup\n---\n") == [
        "2:1: error: missing required field `date`"]


def test_status_event_is_not_for_interview_notes():
    assert problems_of(GOOD_NOTE.replace("status: waiting", "status: event")) == [
        "5:9: error: `status`: 'event' is not one of scheduled, waiting, next-round, offer, "
        "rejected, withdrawn, accepted, declined"]
