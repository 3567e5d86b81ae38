"""The timeline's layout, in memory: a lane per application and a mark for each thing on it.

No disk: notes are parsed from text, grouped, and laid out as of a day.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from conftest import LISBON, dedent

from followup_journal.applications import Application, group_applications
from followup_journal.checklist import checklist
from followup_journal.parse import parse_note
from followup_journal.rules import DEFAULT_TIMINGS
from followup_journal.timeline import LABELS, WIDTH, Timeline, layout

TODAY = date(2026, 11, 26)


def note(company: str = "Acme", day: str = "2026-11-18", status: str = "waiting",
         extra: str = "", name: str = "a") -> str:
    return (f"---\ncompany: {company}\nrole: SRE\ndate: {day}\nstatus: {status}\n"
            f"interviewers:\n  - name: Jane Doe\n    email: jane@example.com\n"
            f"highlights: [Queues]\n{dedent(extra)}---\n")


def applications(*texts: str) -> list[Application]:
    results = [parse_note(Path(f"notes/{n:02}.md"), text.encode(), LISBON)
               for n, text in enumerate(texts)]
    assert all(r.note for r in results), [r.problems for r in results]
    return group_applications([r.note for r in results if r.note], LISBON)


def timeline(*texts: str, today: date = TODAY) -> Timeline:
    apps = applications(*texts)
    return layout(apps, checklist(apps, DEFAULT_TIMINGS, today, LISBON), today, LISBON)


def history(picture: Timeline, lane: int = 0) -> list[tuple[str, str]]:
    """The marks of a lane as (kind, title), leaving out what is still to do."""
    return [(m.kind, m.title) for m in picture.lanes[lane].marks
            if m.kind not in ("due", "overdue", "upcoming")]


def test_one_lane_per_application_top_to_bottom_and_all_within_the_picture():
    picture = timeline(note("Acme", "2026-11-10"), note("Beta", "2026-11-18"),
                       note("Gamma", "2026-11-12"))
    assert [lane.application.company for lane in picture.lanes] == ["Acme", "Gamma", "Beta"]
    ys = [lane.y for lane in picture.lanes]
    assert ys == sorted(ys) and len(set(ys)) == 3 and ys[-1] < picture.height


def test_an_applications_interviews_follow_ups_events_and_decision_come_in_date_order():
    first = note(day="2026-11-02", status="next-round", extra="""\
        stage: screen
        followups:
          - {kind: thank-you, date: 2026-11-03, to: Jane Doe}
        events:
          - {name: Tech talk, date: 2026-11-06}  # the day after following them is due
    """)
    second = note(day="2026-11-12", status="rejected", extra="""\
        stage: onsite
        decided: 2026-11-20
        followups:
          - {kind: rejection-thanks, date: 2026-11-21}
    """)
    picture = timeline(second, first)
    assert history(picture) == [
        ("interview", "2026-11-02: interview (screen)"),
        ("followup", "2026-11-03: thank-you to Jane Doe"),
        ("event", "2026-11-06: Tech talk"),
        ("interview", "2026-11-12: interview (onsite)"),
        ("decision", "2026-11-20: rejected"),
        ("followup", "2026-11-21: rejection-thanks"),
    ]
    xs = [mark.x for mark in picture.lanes[0].marks]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)  # a place of its own for each day


def test_only_a_decided_application_has_a_decision_mark():
    for status in ("scheduled", "waiting", "next-round"):
        kinds = {kind for kind, _ in history(timeline(note(status=status)))}
        assert "decision" not in kinds, status
    for status in ("offer", "rejected", "withdrawn", "accepted"):
        assert ("decision", f"2026-11-18: {status}") in history(timeline(note(status=status)))


def test_what_is_still_to_do_is_marked_by_its_state_and_what_is_done_is_not():
    thanked = note(extra="followups: [{kind: thank-you, date: 2026-11-18, to: Jane Doe}]\n")
    picture = timeline(thanked, today=date(2026, 11, 20))
    to_do = [(m.kind, m.title) for m in picture.lanes[0].marks if m.title.startswith("due")]
    assert [(kind, title.partition(":")[0]) for kind, title in to_do] == [
        ("due", "due 2026-11-20"), ("due", "due 2026-11-21"), ("upcoming", "due 2026-12-03"),
        ("upcoming", "due 2026-12-16")]  # LinkedIn, following the company, a check-in with no
    # date named, an update
    assert not [title for _, title in to_do if "Thank-you" in title]
    late = timeline(note(), today=date(2026, 11, 25))
    assert [(m.kind, m.title.partition(":")[0]) for m in late.lanes[0].marks
            if "Thank-you" in m.title] == [("overdue", "due 2026-11-19")]


def test_an_applications_lane_holds_its_own_items_only():
    picture = timeline(note("Acme"), note("Beta", status="withdrawn"))
    beta = picture.lanes[1]
    assert beta.application.company == "Beta"
    assert [m.kind for m in beta.marks] == ["interview", "decision"]


def test_every_mark_and_today_fall_within_the_picture_with_room_around():
    for today in (date(2026, 10, 1), TODAY, date(2027, 3, 1)):  # before, among, after
        picture = timeline(note(day="2026-11-02"), note("Beta", day="2026-11-25 09:00"),
                           today=today)
        xs = [m.x for lane in picture.lanes for m in lane.marks] + [picture.today]
        assert min(xs) > LABELS and max(xs) < WIDTH - 10, today


def test_one_day_is_at_one_place_in_every_lane():
    picture = timeline(note("Acme", day="2026-11-18 09:00"), note("Beta", day="2026-11-18 17:00"),
                       today=date(2026, 11, 18))
    acme, beta = (lane.marks[0] for lane in picture.lanes)
    assert acme.x == beta.x == picture.today


def test_weekly_ticks_on_mondays_then_every_four_weeks_over_a_long_span():
    short = timeline(note(day="2026-11-02"), today=date(2026, 11, 30))
    days = [datetime.strptime(f"{t.label} 2026", "%d %b %Y").date() for t in short.ticks]
    assert days == [date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16),
                    date(2026, 11, 23), date(2026, 11, 30)]
    long = timeline(note(day="2026-01-05"), today=date(2026, 11, 30))
    labels = [t.label for t in long.ticks]
    assert labels[:3] == ["05 Jan", "02 Feb", "02 Mar"]


def test_an_empty_journal_has_an_empty_timeline_not_an_error():
    picture = timeline()
    assert (picture.lanes, picture.today) == ((), (LABELS + WIDTH - 10) / 2)


def test_an_interview_to_come_is_a_mark_of_its_own_kind_that_says_so():
    picture = timeline(note(day="2026-11-02", status="next-round", extra="stage: screen\n"),
                       note(day="2026-11-30", status="scheduled", extra="stage: onsite\n"))
    assert history(picture) == [
        ("interview", "2026-11-02: interview (screen)"),
        ("scheduled", "2026-11-30: interview to come (onsite)"),
    ]


def test_an_interview_the_end_of_the_search_cancelled_is_drawn_cancelled_not_to_come():
    # found by living with the tool: on 7 Dec it was still a hollow "interview to come"
    accepted = note("Kestrel", "2026-11-20", "accepted", "decided: 2026-12-04\n")
    picture = timeline(accepted, note("Acme", "2026-12-02", "scheduled"),
                       note("Beta", "2026-12-05", "scheduled", "stage: onsite\n"),
                       note("Gamma", "2026-12-09", "scheduled"), today=date(2026, 12, 7))
    drawn = {lane.application.company: history(picture, index)
             for index, lane in enumerate(picture.lanes)}
    assert drawn["Acme"] == [("scheduled", "2026-12-02: interview to come")]  # before the end
    assert drawn["Beta"] == [("cancelled", "2026-12-05: interview cancelled (onsite)")]
    assert drawn["Gamma"] == [("cancelled", "2026-12-09: interview cancelled")]


def test_a_note_of_a_decision_alone_is_drawn_as_that_decision_not_as_an_interview():
    # found by living with the tool: the call of an offer was a dot "interview (other)"
    onsite = note(day="2026-11-12", extra="stage: onsite\n")
    alone = "---\ncompany: Acme\nrole: SRE\ndate: {0}\nstatus: {1}\ndecided: {0}\n---\n"
    picture = timeline(onsite, alone.format("2026-11-16", "offer"),
                       alone.format("2026-11-20", "accepted"))
    assert history(picture) == [
        ("interview", "2026-11-12: interview (onsite)"),
        ("decision", "2026-11-16: offer"),
        ("decision", "2026-11-20: accepted"),
    ]
    assert [m.status for m in picture.lanes[0].marks if m.kind == "decision"] == ["offer", ""]
