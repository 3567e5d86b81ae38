"""Applications, in memory: which notes make one, its key, its status and the people met.

No disk: notes are parsed from text and grouped.
"""

from __future__ import annotations

from datetime import date
from itertools import permutations
from pathlib import Path

from conftest import LISBON, dedent

from followup_journal.applications import Application, group_applications
from followup_journal.model import Interviewer, NoteFile
from followup_journal.parse import parse_note


def note(company: str = "Acme", role: str = "SRE", day: str = "2026-11-18 10:00",
         status: str = "waiting", people: str = "  - name: Jane Doe\n", extra: str = "",
         name: str = "a") -> NoteFile:
    text = (f"---\ncompany: {company}\nrole: {role}\ndate: {day}\nstatus: {status}\n"
            f"interviewers:\n{people}{dedent(extra)}---\n")
    result = parse_note(Path(f"notes/{name}.md"), text.encode(), LISBON)
    assert result.note is not None, result.problems
    return result.note


def grouped(*notes: NoteFile) -> list[Application]:
    return group_applications(list(notes), LISBON)


def test_the_latest_interview_decides_the_status_whatever_order_the_notes_are_read_in():
    first = note(day="2026-11-10", status="next-round", name="1")
    second = note(day="2026-11-18", status="next-round", name="2")
    third = note(day="2026-11-25", status="offer", name="3")
    for order in permutations([first, second, third]):
        [application] = grouped(*order)
        assert application.status == "offer"
        assert [n.path.stem for n in application.interviews] == ["1", "2", "3"]


def test_an_offer_is_decided_on_the_day_noted_else_on_the_day_of_the_last_interview():
    [noted] = grouped(note(status="offer", extra="decided: 2026-11-30\n"))
    [unnoted] = grouped(note(day="2026-11-10", status="next-round", name="1"),
                        note(day="2026-11-20 16:00", status="offer", name="2"))
    assert (noted.decided, unnoted.decided) == (date(2026, 11, 30), date(2026, 11, 20))


def test_a_key_is_the_company_and_role_fit_for_a_file_name():
    [application] = grouped(note(company="Zoë & Co. GmbH", role="Senior SRE / On-call (Remote)"))
    assert application.key == "zoe-co-gmbh-senior-sre-on-call-remote"
    [nameless] = grouped(note(company="'???'", role="'!!!'"))
    assert nameless.key == "application"


def test_two_applications_with_no_letter_in_their_names_are_numbered_from_application():
    first = note(company="'???'", role="'!!!'", day="2026-11-10", name="a")
    second = note(company="'+'", role="'#'", day="2026-11-18", name="b")
    assert [a.key for a in grouped(first, second)] == ["application", "application-2"]


def test_two_applications_whose_names_make_one_key_each_get_their_own():
    c = note(role="C", day="2026-11-10", name="c")
    cpp = note(role="C++", day="2026-11-18", name="cpp")
    applications = grouped(cpp, c)
    assert [(a.role, a.key) for a in applications] == [("C", "acme-c"), ("C++", "acme-c-2")]


def test_keys_and_the_order_of_applications_do_not_depend_on_the_order_notes_are_read_in():
    notes = [note(company="Beta", day="2026-11-02", name="b"),
             note(role="C", day="2026-11-10", name="c"),
             note(role="C++", day="2026-11-18", name="cpp"),
             note(company="Gamma", day="2026-11-05", name="g")]
    seen = {tuple(a.key for a in grouped(*order)) for order in permutations(notes)}
    assert seen == {("beta-sre", "gamma-sre", "acme-c", "acme-c-2")}  # as they began


def test_other_roles_at_one_company_are_other_applications():
    applications = grouped(note(role="SRE", name="1"), note(role="Platform Engineer", name="2"))
    assert sorted(a.key for a in applications) == ["acme-platform-engineer", "acme-sre"]


def test_the_key_and_name_follow_the_latest_spelling():
    other, application = grouped(
        note(company="acme", role="sre", day="2026-11-10", name="1"),
        note(company="ACME  Inc", role="SRE", day="2026-11-18", name="2"),
        note(company="Acme Inc", role="SRE", day="2026-11-25", name="3"))
    assert (other.key, len(application.interviews)) == ("acme-sre", 2)  # another company
    assert (application.company, application.key) == ("Acme Inc", "acme-inc-sre")


JANE_IN_FULL = """\
  - name: Jane Doe
    email: jane@example.com
    title: Engineering Manager
    greeting: Dr Doe
    linkedin: https://www.linkedin.com/in/jane
    learned: She runs marathons
    highlights: [Queues]
"""


def test_an_email_given_in_an_earlier_round_is_known_in_the_next():
    [application] = grouped(note(day="2026-11-10", people=JANE_IN_FULL, name="1"),
                            note(day="2026-11-18", name="2"))
    jane = application.known(application.latest.note.interviewers[0])
    assert (jane.email, jane.title, jane.greeting, jane.linkedin) == (
        "jane@example.com", "Engineering Manager", "Dr Doe", "https://www.linkedin.com/in/jane")


def test_what_was_learned_or_discussed_in_one_round_is_not_carried_to_the_next():
    [application] = grouped(note(day="2026-11-10", people=JANE_IN_FULL, name="1"),
                            note(day="2026-11-18", name="2"))
    jane = application.known(application.latest.note.interviewers[0])
    assert (jane.learned, jane.highlights) == (None, ())


def test_what_a_note_says_of_a_person_wins_over_what_other_notes_say():
    [application] = grouped(
        note(day="2026-11-10", people=JANE_IN_FULL, name="1"),
        note(day="2026-11-18", name="2",
             people="  - name: Jane Doe\n    email: jane@new.example\n"))
    earlier = application.known(application.interviews[0].note.interviewers[0])
    assert earlier.email == "jane@example.com"  # its own, though a later note gives another
    later = application.known(application.latest.note.interviewers[0])
    assert (later.email, later.title) == ("jane@new.example", "Engineering Manager")


def test_the_latest_note_at_the_company_gives_a_persons_details_across_its_applications():
    applications = grouped(
        note(role="SRE", day="2026-11-10", name="1",
             people="  - name: Jane Doe\n    email: jane@old.example\n"),
        note(role="Platform Engineer", day="2026-11-20", name="2",
             people="  - name: Jane Doe\n    email: jane@new.example\n"),
        note(role="SRE", day="2026-11-25", name="3"))
    sre = next(a for a in applications if a.role == "SRE")
    assert sre.known(Interviewer("Jane Doe")).email == "jane@new.example"


def test_a_persons_details_stay_at_their_company():
    applications = grouped(
        note(company="Acme", name="1", people="  - name: Jane Doe\n    email: jane@acme.example\n"),
        note(company="Beta", name="2"))
    beta = next(a for a in applications if a.company == "Beta")
    assert beta.known(Interviewer("Jane Doe")).email is None


def test_a_person_is_known_by_the_exact_name_only():
    [application] = grouped(note(day="2026-11-10", people=JANE_IN_FULL, name="1"),
                            note(day="2026-11-18", name="2"))
    assert application.known(Interviewer("Jane")).email is None
