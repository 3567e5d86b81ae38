"""A job search of four weeks, replayed day by day: notes written and edited as a job seeker
does, each message sent recorded with `fj log`, and `fj agenda --json` read every day.

The agenda of each day, condensed to what a person acts on (what, to whom, when, in what
state), is compared with `tests/replay/agenda.txt`, which a person read and checked: the right
recipient of each message, one message per person per occasion, the second check-in and the
application with no answer, due days moved off weekends, the interviews to come. When the
practice changes on purpose, regenerate it and read the diff:

    FJ_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_replay.py
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from conftest import CONFIG, dedent, run_fj

EXPECTED = Path(__file__).parent / "replay" / "agenda.txt"
FIRST, LAST = date(2026, 11, 2), date(2026, 11, 30)  # Monday 2 November to Monday 30th

Step = Callable[[Path, str], None]  # the journal, and the moment of the day it is done


def write(name: str, text: str) -> Step:
    def step(root: Path, _: str) -> None:
        (root / "notes" / name).write_text(dedent(text).lstrip("\n"), "utf-8")
    return step


def edit(name: str, old: str, new: str) -> Step:
    """A change made by hand in an editor: the rest of the note, `fj log`'s lines too, stays."""
    def step(root: Path, _: str) -> None:
        path = root / "notes" / name
        text = path.read_text("utf-8")
        assert dedent(old) in text, (name, old)
        path.write_text(text.replace(dedent(old), dedent(new), 1), "utf-8")
    return step


def log(*args: str) -> Step:
    def step(root: Path, now: str) -> None:
        result = run_fj("log", *args, "-j", str(root), "--date", now)
        assert result.exit_code == 0, (args, result.output)
    return step


KESTREL = "2026-11-04-kestrel-screen.md"
QUIET = "2026-11-02-quietwater-technical.md"
NORD = "2026-11-06-nordlicht-screen.md"

SEARCH: dict[str, list[Step]] = {
    # A technical round at Quietwater today, with two engineers; the recruiter set it up.
    "2026-11-02": [write(QUIET, """
        ---
        company: Quietwater Systems
        role: Platform Engineer
        date: 2026-11-02 14:00
        stage: technical
        status: waiting
        interviewers:
          - {name: Lena Park, email: lena@quietwater.example, highlights: [Their Kafka cutover]}
          - {name: Ravi Shah, email: ravi@quietwater.example, highlights: [On-call load]}
        people:
          - {name: Mia Chen, role: recruiter, email: mia@quietwater.example}
        next_steps: {said: We will decide by Monday, by: 2026-11-09}
        ---
        """), write(KESTREL, """
        ---
        company: Kestrel Games
        role: Backend Engineer
        date: 2026-11-04 10:00
        stage: screen
        status: scheduled
        interviewers:
          - {name: Jonas Weber, role: hiring-manager, email: jonas@kestrel.example}
        people:
          - {name: Sofia Brandt, role: recruiter, email: sofia@kestrel.example}
        ---
        """)],
    "2026-11-03": [log("thank-you", "Lena Park"), log("thank-you", "Ravi Shah")],
    # The Kestrel screen went well; a write-up promised to Jonas.
    "2026-11-04": [edit(KESTREL, "status: scheduled\n", """\
        status: next-round
        highlights: [Matchmaking latency]
        next_steps:
          said: Sofia will schedule the technical round
          by: 2026-11-11
          owner: Sofia Brandt
        to_send:
          - {what: My latency benchmark write-up, to: Jonas Weber, link: https://example.org/bench}
        """)],
    "2026-11-05": [log("thank-you", "Jonas Weber"), log("linkedin", "Jonas Weber"),
                   log("linkedin", "Lena Park")],
    # A Friday-afternoon screen: its thank-you would fall on Saturday.
    "2026-11-06": [write(NORD, """
        ---
        company: Nordlicht Energie
        role: Backend Engineer
        date: 2026-11-06 16:00
        stage: screen
        status: waiting
        interviewers:
          - {name: Anna Berg, email: anna@nordlicht.example, highlights: [Grid forecasting]}
        people:
          - {name: Henrik Dahl, role: hiring-manager, email: henrik@nordlicht.example}
        next_steps: {said: Henrik decides after the screens, by: 2026-11-13}
        ---
        """)],
    "2026-11-09": [log("thank-you", "Anna Berg"), write("2026-11-12-kestrel-technical.md", """
        ---
        company: Kestrel Games
        role: Backend Engineer
        date: 2026-11-12 15:00
        stage: technical
        status: scheduled
        interviewers:
          - {name: Jonas Weber}
          - {name: Li Wei, email: li@kestrel.example}
        ---
        """)],
    # Quietwater's date has passed with no news: a check-in the day it falls due, then the
    # second one; neither is answered, and the application has no answer from the 24th.
    "2026-11-10": [log("check-in", "--app", "quietwater")],
    # The technical round: two things promised to Li Wei, one to no one in particular.
    "2026-11-12": [edit("2026-11-12-kestrel-technical.md", "status: scheduled\n", """\
        status: next-round
        highlights: [Rollback of a bad config push]
        next_steps: {said: Sofia will send the offer details, by: 2026-11-19, owner: Sofia Brandt}
        to_send:
          - {what: The load-test scripts, to: Li Wei, link: https://example.org/load}
          - {what: My on-call runbook, to: Li Wei}
          - Slides of the talk
        """)],
    "2026-11-13": [log("thank-you", "Li Wei"), log("thank-you", "Jonas Weber")],
    # A no from Nordlicht, given by the hiring manager.
    "2026-11-16": [write("2026-11-16-nordlicht-decision.md", """
        ---
        company: Nordlicht Energie
        role: Backend Engineer
        date: 2026-11-06 16:00
        status: rejected
        decided: 2026-11-16 11:00
        decided_by: Henrik Dahl
        ---
        """), write("2026-11-24-havfrue-screen.md", """
        ---
        company: Havfrue Marine
        role: Data Engineer
        date: 2026-11-24 09:30
        stage: screen
        status: scheduled
        interviewers:
          - {name: Ola Nordmann, email: ola@havfrue.example}
        ---
        """)],
    "2026-11-17": [log("rejection-thanks", "--app", "nordlicht"),
                   log("nudge", "--app", "quietwater")],
    "2026-11-18": [log("linkedin", "Li Wei")],
    "2026-11-20": [write("2026-11-20-kestrel-offer.md", """
        ---
        company: Kestrel Games
        role: Backend Engineer
        date: 2026-11-20 17:00
        status: offer
        decided: 2026-11-20 17:00
        decided_by: Sofia Brandt
        ---
        """)],
    "2026-11-24": [edit("2026-11-24-havfrue-screen.md", "status: scheduled", "status: waiting")],
    "2026-11-25": [log("thank-you", "Ola Nordmann")],
    # Kestrel's offer accepted: the search is over, the others get a withdrawal, nothing else.
    "2026-11-26": [log("offer-thanks", "--app", "kestrel"), write("2026-11-26-kestrel-yes.md", """
        ---
        company: Kestrel Games
        role: Backend Engineer
        date: 2026-11-26 10:00
        status: accepted
        decided: 2026-11-26 10:00
        decided_by: Sofia Brandt
        ---
        """)],
    "2026-11-27": [log("withdrawal", "--app", "quietwater")],
}


def condensed(agenda: dict[str, Any]) -> list[str]:
    """What a person acts on: each item (number, state, due day, what, to whom), the
    interviews to come, the applications with no answer, the warnings."""
    lines = []
    for section in ("overdue", "due_today", "this_week"):
        for item in agenda[section]:
            since = f" since {item['due_since']}" if "due_since" in item else ""
            whom = f" → {item['person']}" if item["person"] else ""
            lines.append(f"  {item['number']}. {section} {item['state']} due {item['due']}{since}"
                         f" [{item['rule']}]{whom}: {item['what']} · {item['application']}")
    lines += [f"  interview {i['date']}: {i['application']} ({i['stage']})"
              for i in agenda["upcoming_interviews"]]
    lines += [f"  no answer since {a['since']}: {a['application']}"
              for a in agenda.get("no_answer", [])]
    if agenda.get("search_over"):
        over = agenda["search_over"]
        lines.append(f"  search over since {over['since']}: {over['application']}")
    lines += [f"  warning {w['note']}:{w['line']}: {w['message']}" for w in agenda["warnings"]]
    return lines


def replay(root: Path) -> str:
    (root / "notes").mkdir(parents=True)
    (root / "journal.toml").write_text(CONFIG, "utf-8")
    days = []
    day = FIRST
    while day <= LAST:
        for step in SEARCH.get(day.isoformat(), []):
            step(root, f"{day.isoformat()} 18:00")
        result = run_fj("agenda", str(root), "--json", "--today", day.isoformat())
        assert result.exit_code == 0, (day, result.output)
        days.append(f"{day:%a %Y-%m-%d}\n" + "\n".join(condensed(json.loads(result.stdout))))
        day += timedelta(days=1)
    return "\n\n".join(days) + "\n"


def test_a_search_of_four_weeks_gets_the_agenda_a_person_checked(tmp_path):
    found = replay(tmp_path / "search")
    if os.environ.get("FJ_UPDATE_GOLDEN"):
        EXPECTED.parent.mkdir(exist_ok=True)
        EXPECTED.write_text(found, "utf-8")
    assert found == EXPECTED.read_text("utf-8")
