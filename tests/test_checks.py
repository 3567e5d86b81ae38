"""Warnings about valid notes, in memory: each check on notes parsed from text.

No disk: the checks run on notes and applications made from text.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from conftest import LISBON, dedent

from followup_journal.applications import Application, group_applications
from followup_journal.checks import (
    application_warnings,
    dates_before_the_interview,
    namesakes,
    stale_schedules,
    unknown_recipients,
)
from followup_journal.model import NoteFile
from followup_journal.parse import parse_note
from followup_journal.problems import Problem, Severity
from followup_journal.rules import DEFAULT_TIMINGS


def note(extra: str = "", status: str = "waiting", day: str = "2026-11-18 10:00",
         people: Iterable[str] = ("Jane Doe", "Omar Haddad"), company: str = "Acme",
         name: str = "a") -> NoteFile:
    listed = "".join(f"  - name: {person}\n" for person in people)
    text = (f"---\ncompany: {company}\nrole: SRE\ndate: {day}\nstatus: {status}\n"
            f"interviewers:\n{listed}{dedent(extra)}---\n")
    result = parse_note(Path(f"notes/{name}.md"), text.encode(), LISBON)
    assert result.note is not None, result.problems
    return result.note


def grouped(*notes: NoteFile) -> list[Application]:
    return group_applications(list(notes), LISBON)


def said(problems: Iterable[Problem]) -> list[str]:
    """Each problem as `file:line:col: severity: message`, in file order."""
    return [f"{p.path.name}:{p.line}:{p.col}: {p.severity}: {p.message}"
            for p in sorted(problems)]


def test_a_to_that_names_no_interviewer_warns_where_it_is_written_with_whom_it_may_mean():
    [app] = grouped(note("""\
        followups:
          - {kind: thank-you, date: 2026-11-19, to: omar}
        to_send:
          - {what: Slides, to: Jane Do}
    """))
    assert said(unknown_recipients(app)) == [
        "a.md:10:41: warning: `followups[0].to`: 'omar' is not the name of anyone in "
        "this application (`interviewers`, `people`), so it marks nothing done "
        "(did you mean `Omar Haddad`?)",
        "a.md:12:20: warning: `to_send[0].to`: 'Jane Do' is not the name of anyone in "
        "this application (`interviewers`, `people`), so it marks nothing done "
        "(did you mean `Jane Doe`?)",
    ]


def test_a_name_in_another_case_suggests_the_interviewer():
    [app] = grouped(note("followups: [{kind: info, date: 2026-11-19, to: jane doe}]\n"))
    assert [p.message.endswith("(did you mean `Jane Doe`?)") for p in unknown_recipients(app)] \
        == [True]


def test_a_first_name_two_interviewers_share_suggests_neither_of_them_by_it():
    [app] = grouped(note("followups: [{kind: info, date: 2026-11-19, to: Alex}]\n",
                         people=("Alex Martin", "Alex Stone")))
    [problem] = unknown_recipients(app)
    assert "did you mean" not in problem.message


def test_a_to_naming_someone_met_in_another_round_of_the_application_is_fine():
    first = note(people=("Jane Doe",), day="2026-11-10", name="1")
    second = note("followups: [{kind: check-in, date: 2026-11-30, to: Jane Doe}]\n",
                  people=("Li Wei",), day="2026-11-18", name="2")
    [app] = grouped(first, second)
    assert list(unknown_recipients(app)) == []


def test_a_to_naming_an_interviewer_of_another_application_warns():
    beta = note(people=("Li Wei",), company="Beta", name="b")
    acme = note("followups: [{kind: thank-you, date: 2026-11-19, to: Li Wei}]\n", name="a")
    problems = application_warnings(grouped(acme, beta), DEFAULT_TIMINGS, LISBON)
    assert [p.path.name for p in problems if "'Li Wei' is not the name" in p.message] == ["a.md"]


def test_a_date_they_named_or_a_thank_you_sent_before_the_interview_warns():
    text = """\
        next_steps: {by: 2025-11-25}
        followups:
          - {kind: thank-you, date: 2026-10-19}
          - {kind: check-in, date: 2026-10-19}
    """
    assert said(dates_before_the_interview(note(text))) == [
        "a.md:9:14: warning: `next_steps.by` (2025-11-25) is before the interview (2026-11-18): "
        "check the year and month",
        "a.md:11:23: warning: `followups[0].date` (2026-10-19) is before the interview "
        "(2026-11-18): check the year and month",
    ]


def test_an_offer_or_an_answer_to_it_decided_before_the_interview_warns():
    # `decided: 2027-01-02` for 2027-02-01 made the thanks for the offer a month overdue.
    assert said(dates_before_the_interview(note("decided: 2026-10-30\n", "offer"))) == [
        "a.md:9:1: warning: `decided` (2026-10-30) is before the interview (2026-11-18): "
        "check the year and month"]
    for status in ("accepted", "declined"):
        assert any(dates_before_the_interview(note("decided: 2026-10-30\n", status)))
    # Withdrawing from an interview still to come, or their no before it, may come first.
    for status in ("withdrawn", "rejected"):
        assert not any(dates_before_the_interview(note("decided: 2026-10-30\n", status)))


def test_a_day_before_the_interview_is_slack_for_timezones_two_days_are_not():
    def warned(day: str) -> bool:
        return any(dates_before_the_interview(note(f"next_steps: {{by: {day}}}\n")))

    assert [warned(day) for day in ("2026-11-18", "2026-11-17", "2026-11-16")] == [
        False, False, True]


def test_two_interviewers_of_one_name_warn_at_each_after_the_first():
    people = ("Jane Doe", "Omar Haddad", "Jane Doe", "Jane Doe", "jane doe")
    problems = list(namesakes(note(people=people)))
    assert [(p.line, p.severity) for p in problems] == [(9, Severity.WARNING),
                                                       (10, Severity.WARNING)]
    assert "a second interviewer named `Jane Doe`" in problems[0].message


def test_a_past_interview_still_scheduled_warns_at_its_status():
    apps = grouped(note(status="scheduled", day="2026-11-18 10:00"))
    assert said(stale_schedules(apps, date(2026, 11, 19), LISBON)) == [
        "a.md:5:1: warning: the interview date has passed but `status` is still scheduled: "
        "update it (waiting, next-round, ...) to get its follow-ups drafted"]


def test_an_interview_today_or_ahead_or_no_longer_scheduled_is_not_stale():
    apps = grouped(note(status="scheduled", day="2026-11-19 23:00", name="today"),
                   note(status="scheduled", day="2026-12-01", company="Beta", name="ahead"),
                   note(status="waiting", day="2026-11-01", company="Gamma", name="held"))
    assert list(stale_schedules(apps, date(2026, 11, 19), LISBON)) == []


def test_an_interview_cancelled_by_the_end_of_the_search_is_not_stale():
    # Its withdrawal cancels it, and nothing but the withdrawal is drafted for it.
    accepted = note("decided: 2026-11-20\n", "accepted", "2026-11-10", company="Zeta",
                    name="zeta")
    apps = grouped(note(status="scheduled", day="2026-11-24 10:00"), accepted)
    assert list(stale_schedules(apps, date(2026, 11, 30), LISBON)) == []
    # found by an adversarial test: nor once a note of that day says the application withdrawn,
    # though its pages still say the interview was cancelled
    withdrawn = note(status="withdrawn", day="2026-11-24", name="withdrawn")
    apps = grouped(note(status="scheduled", day="2026-11-24 10:00"), withdrawn, accepted)
    assert list(stale_schedules(apps, date(2026, 11, 30), LISBON)) == []


def test_whether_an_interview_has_passed_is_judged_by_the_journals_day():
    tokyo = grouped(note(status="scheduled", day="2026-11-19T01:00+09:00"))  # 18th in Lisbon
    assert len(list(stale_schedules(tokyo, date(2026, 11, 19), LISBON))) == 1


def test_a_thank_you_to_draft_without_an_address_or_anything_to_mention_warns_at_the_person():
    [app] = grouped(note(people=("Jane Doe",)))
    assert said(application_warnings([app], DEFAULT_TIMINGS, LISBON)) == [
        "a.md:7:5: warning: no `email` for Jane Doe: the thank-you draft has a placeholder "
        "for it",
        "a.md:7:5: warning: nothing specific to mention in the thank-you to Jane Doe: add "
        "`highlights` to the note or to this interviewer",
    ]


def test_a_check_in_whose_recipient_the_notes_do_not_tell_is_warned_about():
    def guesses(app: Application) -> list[str]:
        return [w for w in said(application_warnings([app], DEFAULT_TIMINGS, LISBON))
                if "cannot tell" in w]

    [app] = grouped(note("next_steps: {by: 2026-11-25}\n"))
    assert guesses(app) == [
        "a.md:9:1: warning: cannot tell who gets the check-in, so it goes to Jane Doe: name who "
        "gives the news in `next_steps.owner`, or give someone a `role` (recruiter, "
        "hiring-manager) in `people`"]
    for told in ("next_steps: {by: 2026-11-25, owner: Omar Haddad}\n",
                 "next_steps: {by: 2026-11-25}\npeople: [{name: Sofia, role: recruiter}]\n"):
        [app] = grouped(note(told))
        assert guesses(app) == []


def test_an_owner_or_decider_no_note_names_is_warned_about_with_whom_it_may_mean():
    [app] = grouped(note("decided_by: Jane\nnext_steps: {owner: Omar Hadad}\n",
                         status="rejected"))
    assert said(unknown_recipients(app)) == [
        "a.md:9:1: warning: `decided_by`: 'Jane' is not the name of anyone in this application "
        "(`interviewers`, `people`), so it has no address to write to (did you mean `Jane Doe`?)",
        "a.md:10:14: warning: `next_steps.owner`: 'Omar Hadad' is not the name of anyone in this "
        "application (`interviewers`, `people`), so it has no address to write to (did you mean "
        "`Omar Haddad`?)"]
