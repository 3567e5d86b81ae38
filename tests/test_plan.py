"""Planning, in memory: the checklist and the drafts a journal calls for, from the same rules.

No disk: notes are parsed from text, grouped, and planned as of a day.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import LISBON, dedent
from hypothesis import given, settings
from hypothesis import strategies as st

from followup_journal.applications import Application, group_applications
from followup_journal.checklist import State, checklist
from followup_journal.drafts import plan_drafts
from followup_journal.parse import parse_note
from followup_journal.rules import DEFAULT_TIMINGS, RULES, Timing

TODAY = date(2026, 12, 31)


def applications(*texts: str) -> list[Application]:
    results = [parse_note(Path(f"notes/{n:02}.md"), dedent(text).encode(), LISBON)
               for n, text in enumerate(texts)]
    assert all(r.note for r in results), [r.problems for r in results]
    return group_applications([r.note for r in results if r.note], LISBON)


def note(company: str = "Acme", day: str = "2026-11-18", status: str = "waiting",
         people: tuple[str, ...] = ("Jane Doe",), extra: str = "") -> str:
    listed = "".join(f"  - name: {name}\n" for name in people)
    return (f"---\ncompany: {company}\nrole: SRE\ndate: {day} 10:00\nstatus: {status}\n"
            f"interviewers:\n{listed}highlights: [Queues]\n{dedent(extra).rstrip()}\n---\n")


def switched_off(*names: str, separate: bool = False) -> dict[str, Timing]:
    return {name: Timing(t.due, t.late, name not in names, separate)
            for name, t in DEFAULT_TIMINGS.items()}


def drafted(apps: list[Application], timings: dict[str, Timing] | None = None) -> list[str]:
    specs = plan_drafts(apps, timings or DEFAULT_TIMINGS, LISBON)
    return sorted(f"{spec.note.path.stem}/{spec.file_name}" for spec in specs)


def test_one_linkedin_invitation_per_person_however_many_rounds_they_were_in():
    apps = applications(note(people=("Jane Doe", "Omar Haddad")),
                        note(day="2026-11-25", people=("Jane Doe", "Li Wei")))
    assert [d for d in drafted(apps) if "linkedin" in d] == [
        "00/linkedin-jane-doe.md", "00/linkedin-omar-haddad.md", "01/linkedin-li-wei.md"]
    assert [d for d in drafted(apps) if "thank-you" in d] == [
        "00/thank-you-jane-doe.md", "00/thank-you-omar-haddad.md",
        "01/thank-you-jane-doe.md", "01/thank-you-li-wei.md"]


EVERY_RULE = (
    note(extra="""
        to_send: [A benchmark write-up]
        next_steps: {said: We decide by Friday, by: 2026-11-20}
        events: [{name: Tech talk, date: 2026-12-01}]
    """),
    note(company="Beta", status="rejected",
         extra="feedback: [{given_by: Jane Doe, date: 2026-11-20, said: Clear on queues}]"),
    note(company="Iota", status="rejected"),  # no feedback given yet: the reply asks for it
    note(company="Gamma", extra="followups: [{kind: check-in, date: 2026-11-30}]"),
    note(company="Delta", status="offer"),
    note(company="Eta", status="declined"),
    "---\nevent: Rust Meetup\ndate: 2026-11-18 18:30\nattended: true\n"
    "speakers: [{name: Dana Fox}]\npeople: [{name: Lee Park}]\n---\n",
)
SEARCH_OVER = (note(company="Zeta", status="accepted"),
               note(company="Theta", extra="people: [{name: Rita Almeida, role: referrer}]"))


def journal_for(rule: str) -> tuple[str, ...]:
    """A journal that calls for the rule: an acceptance ends the search, and every rule but
    the withdrawal and the thanks to who helped with it."""
    return SEARCH_OVER if rule in ("withdrawal", "reference-thanks") else EVERY_RULE


@pytest.mark.parametrize("name", [name for name, rule in RULES.items() if rule.message])
def test_a_rule_switched_off_has_no_item_and_no_draft(name):
    apps = applications(*journal_for(name))
    on = plan_drafts(apps, switched_off(separate=True), LISBON)
    assert name in {spec.kind for spec in on}  # the journal calls for it while it is on

    timings = switched_off(name, separate=True)
    assert name not in {spec.kind for spec in plan_drafts(apps, timings, LISBON)}
    assert name not in {item.rule for item in checklist(apps, timings, TODAY, LISBON)}
    assert len(plan_drafts(apps, timings, LISBON)) == len(on) - sum(s.kind == name for s in on)


def test_items_due_the_same_day_are_by_application_then_by_what_matters_most():
    apps = applications(note(company="Beta", extra="to_send: [Slides]"),
                        note(company="Acme", extra="to_send: [Code]"))
    found = [(item.application, item.rule, str(item.due))
             for item in checklist(apps, switched_off(separate=True), date(2026, 11, 18),
                                   LISBON)]
    assert found == [
        ("acme-sre", "thank-you", "2026-11-19"), ("acme-sre", "info", "2026-11-19"),
        ("beta-sre", "thank-you", "2026-11-19"), ("beta-sre", "info", "2026-11-19"),
        ("acme-sre", "linkedin", "2026-11-20"), ("beta-sre", "linkedin", "2026-11-20"),
        ("acme-sre", "follow", "2026-11-21"), ("beta-sre", "follow", "2026-11-21"),
        ("acme-sre", "check-in", "2026-12-03"), ("beta-sre", "check-in", "2026-12-03"),
        ("acme-sre", "update", "2026-12-16"), ("beta-sre", "update", "2026-12-16"),
    ]


# Generated journals --------------------------------------------------------------------------

PEOPLE = ["Jane Doe", "Omar Haddad", "Li Wei"]
KINDS = ["thank-you", "info", "linkedin", "check-in", "nudge", "rejection-thanks", "feedback",
         "update"]
HELD = ["waiting", "next-round", "rejected", "offer", "withdrawn"]


@st.composite
def generated_note(draw: st.DrawFn) -> str:
    """A note of one of two applications, held on a day of autumn, with what can trigger a
    rule or mark it done."""
    def day() -> str:
        return str(date(2026, 10, 1) + timedelta(days=draw(st.integers(0, 60))))

    people = draw(st.lists(st.sampled_from(PEOPLE), min_size=1, max_size=3, unique=True))
    lines = [f"to_send: [{', '.join(draw(st.lists(st.sampled_from(['Code', 'Slides']))))}]"]
    if draw(st.booleans()):
        lines.append(f"next_steps: {{by: {day()}}}")
    followups = [f"{{kind: {draw(st.sampled_from(KINDS))}, date: {day()}"
                 + (f", to: {draw(st.sampled_from(PEOPLE))}" if draw(st.booleans()) else "") + "}"
                 for _ in range(draw(st.integers(0, 3)))]
    lines.append(f"followups: [{', '.join(followups)}]")
    return note(draw(st.sampled_from(["Acme", "Beta"])), day(), draw(st.sampled_from(HELD)),
                tuple(people), "\n".join(lines) + "\n")


@settings(max_examples=150, deadline=None)
@given(st.lists(generated_note(), min_size=1, max_size=5),
       st.sets(st.sampled_from(list(RULES))))
def test_a_draft_for_each_open_item_that_has_a_message_and_for_nothing_else(texts, off):
    """As of a day after every interview, each checklist item not done whose rule has a
    message has its draft, which the item names, and no other draft is planned."""
    apps = applications(*texts)
    timings = switched_off(*off)
    specs = plan_drafts(apps, timings, LISBON)
    items = checklist(apps, timings, TODAY, LISBON)

    open_items = Counter((item.rule, item.note, item.draft) for item in items
                         if item.state is not State.DONE and RULES[item.rule].message)
    assert Counter((spec.kind, spec.note.path, spec.file_name) for spec in specs) == open_items
    assert not {spec.kind for spec in specs} & off
    linkedin = Counter((spec.application.key, spec.person.name if spec.person else None)
                       for spec in specs if spec.kind == "linkedin")
    assert all(count == 1 for count in linkedin.values()), linkedin
    rank = list(RULES)
    assert items == sorted(items, key=lambda i: (i.due, i.application, rank.index(i.rule)))


def test_every_rule_is_a_kind_a_follow_up_can_log_and_names_its_own_triggers():
    from followup_journal.model import FollowUpKind

    assert {name for name, rule in RULES.items() if rule.message} <= set(FollowUpKind)
    apps = applications(*EVERY_RULE)
    for name, rule in RULES.items():
        assert {t.rule for app in apps for t in rule.triggers(app, LISBON)} <= {name}
