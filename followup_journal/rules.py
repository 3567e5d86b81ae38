"""The follow-up practice as rules: from the applications and a day, the checklist of what to do.

Pure: the notes, the timings and `today` in, items out; no disk, no clock. Every rule has a
trigger (an interview took place, a promised date passed, a no, the last contact), a due and a
late time after it, and the statuses it applies to. Windows are measured in real elapsed time and
turned into days of the journal's timezone, so they stay right across daylight-saving changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from pathlib import Path
from typing import TypedDict

from .applications import Application
from .model import FollowUpKind, NoteFile, Status, When

H, D = timedelta(hours=1), timedelta(days=1)


class State(StrEnum):
    DONE = "done"
    OVERDUE = "overdue"
    DUE = "due"
    UPCOMING = "upcoming"
    NOT_APPLICABLE = "not applicable"


@dataclass(frozen=True)
class Timing:
    """When a rule's item is due and late, after its trigger; a rule can be switched off."""

    due: timedelta
    late: timedelta
    enabled: bool = True


@dataclass(frozen=True)
class Rule:
    name: str  # also the follow-up `kind` that marks its items done, where there is one
    title: str
    practice: str  # the advice behind it, shown on the checklist page
    default: Timing


# In the order of what matters most when several are late.
RULES = {rule.name: rule for rule in [
    Rule("thank-you", "Thank-you note", "Thank each interviewer by name within a day: name "
         "something specific you discussed, restate your interest.", Timing(24 * H, 48 * H)),
    Rule("info", "Send what you promised", "Send the work sample or link you promised with, or "
         "soon after, the thank-you.", Timing(24 * H, 72 * H)),
    Rule("linkedin", "Connect on LinkedIn", "Connect with each interviewer, with a short note.",
         Timing(2 * D, 7 * D)),
    Rule("check-in", "Check in on next steps", "When the date they named has passed with no "
         "news, follow up and refer to it.", Timing(1 * D, 4 * D)),
    Rule("rejection-thanks", "Thank them after a no", "Reply graciously: thank them for the "
         "opportunity and say you remain interested.", Timing(1 * D, 3 * D)),
    Rule("feedback", "Ask for feedback", "Ask what you could improve: specific, open to "
         "criticism, and thankful whatever the answer.", Timing(2 * D, 7 * D)),
    Rule("update", "Keep in touch", "Every few weeks, send a short update or an article that "
         "matters to them.", Timing(28 * D, 35 * D)),
    Rule("event", "Attend a company event", "Attend the company's events and webinars.",
         Timing(0 * D, 0 * D)),
]}
RANK = {name: rank for rank, name in enumerate(RULES)}

DEFAULT_TIMINGS = {name: rule.default for name, rule in RULES.items()}
CLOSED = {Status.WITHDRAWN}
NO_NEWS_YET = {Status.SCHEDULED, Status.WAITING, Status.NEXT_ROUND}
KEEP_IN_TOUCH = {Status.WAITING, Status.NEXT_ROUND, Status.REJECTED}


@dataclass(frozen=True)
class Item:
    """One thing to do: what, for whom, in which application, and where it stands today."""

    rule: str
    what: str
    application: str  # Application.key
    note: Path  # the interview note it comes from
    person: str | None
    opens: date  # the day from which it can be done
    due: date
    late: date  # overdue after this day
    done: date | None = None
    state: State = State.UPCOMING


def checklist(
    applications: list[Application], timings: Mapping[str, Timing], today: date, tz: tzinfo
) -> list[Item]:
    """Every item of every application, with its state as of `today`, in a stable order."""
    return in_order([i for a in applications for i in application_items(a, timings, today, tz)])


def application_items(application: Application, timings: Mapping[str, Timing], today: date,
                      tz: tzinfo) -> list[Item]:
    """The items of one application, with their states as of `today`."""
    if application.status in CLOSED:
        return []
    items: list[Item] = []
    for name, make in RULE_ITEMS.items():
        timing = timings.get(name, DEFAULT_TIMINGS[name])
        if timing.enabled:
            items.extend(make(application, Window(timing, tz), today))
    return [replace(item, state=state_of(item, today)) for item in items]


def in_order(items: list[Item]) -> list[Item]:
    """By due day; items due the same day by application (its key, alphabetical), then by what
    matters most (a thank-you before a LinkedIn invitation)."""
    return sorted(items, key=lambda i: (i.due, i.application, RANK[i.rule]))


def due_soon(items: list[Item], today: date) -> dict[str, list[Item]]:
    """What needs doing: overdue, due today (or past its target but not yet late), this week."""
    week_end = today + 7 * D
    overdue = [i for i in items if i.state is State.OVERDUE]
    return {
        # A late thank-you matters more than a late LinkedIn invitation: the rules are listed
        # in the order of what matters most.
        "overdue": sorted(overdue, key=lambda i: (RANK[i.rule], i.due)),
        "due today": [i for i in items if i.state is State.DUE and i.due <= today],
        "this week": [i for i in items if i.state in (State.DUE, State.UPCOMING)
                      and today < i.due <= week_end],
    }


def state_of(item: Item, today: date) -> State:
    if item.done is not None:
        return State.DONE
    if today < item.opens:
        return State.UPCOMING
    if today <= item.late:
        return State.DUE
    return State.NOT_APPLICABLE if item.rule == "event" else State.OVERDUE


class Dates(TypedDict):
    """When an item opens, is due and is late."""

    opens: date
    due: date
    late: date


@dataclass(frozen=True)
class Window:
    timing: Timing
    tz: tzinfo

    def after(self, start: When | date, delta: timedelta) -> date:
        """The day, in the journal's timezone, that `delta` after `start` falls on.

        From a moment, `delta` is real elapsed time (24 hours is 24 hours across a clock
        change). From a bare day it counts whole days of the calendar: 24 hours after an
        interview on the 18th is the 19th, whatever the clocks do.
        """
        if isinstance(start, When) and start.at is not None:
            return (start.at.astimezone(UTC) + delta).astimezone(self.tz).date()
        day = start.day if isinstance(start, When) else start
        return (datetime.combine(day, time()) + delta).date()

    def dates(self, start: When | date, opens: date | None = None) -> Dates:
        """Opens, due and late for a trigger; due and late never before it opens."""
        first = opens or (start.day_in(self.tz) if isinstance(start, When) else start)
        return Dates(opens=first, due=max(first, self.after(start, self.timing.due)),
                     late=max(first, self.after(start, self.timing.late)))


# The rules ---------------------------------------------------------------------------------------


def thank_yous(app: Application, window: Window, today: date) -> Iterator[Item]:
    for note_file in took_place(app, window.tz, today):
        for person in note_file.note.interviewers:
            yield Item("thank-you", f"Thank-you note to {person.name}", app.key, note_file.path,
                       person.name, done=logged_to(note_file, "thank-you", person.name),
                       **window.dates(note_file.note.date))


def promised_items(app: Application, window: Window, today: date) -> Iterator[Item]:
    for note_file in took_place(app, window.tz, today):
        for thing in note_file.note.to_send:
            whom = f" to {thing.to}" if thing.to else ""
            sent = thing.sent.day if thing.sent else logged_to(note_file, "info", thing.to)
            yield Item("info", f"Send “{thing.what}”{whom}", app.key, note_file.path, thing.to,
                       done=sent,
                       **window.dates(note_file.note.date))


def linkedin_connections(app: Application, window: Window, today: date) -> Iterator[Item]:
    """Once per person in an application, from the first interview with them."""
    met: set[str] = set()
    for note_file in took_place(app, window.tz, today):
        for person in note_file.note.interviewers:
            if person.name in met:
                continue
            met.add(person.name)
            yield Item("linkedin", f"Connect with {person.name} on LinkedIn", app.key,
                       note_file.path, person.name,
                       done=first_logged(app, "linkedin", person.name),
                       **window.dates(note_file.note.date))


def check_ins(app: Application, window: Window, today: date) -> Iterator[Item]:
    """Only the latest interview's promise counts: a later note means news came."""
    steps = app.latest.note.next_steps
    if app.status not in NO_NEWS_YET or steps is None or steps.by is None:
        return
    said = f": “{steps.said}”" if steps.said else ""
    yield Item("check-in", f"Check in on next steps{said}", app.key, app.latest.path, None,
               done=logged(app.latest, "check-in"),
               **window.dates(steps.by, opens=steps.by.day_in(window.tz) + D))


def rejection_thanks(app: Application, window: Window, today: date) -> Iterator[Item]:
    yield from _after_a_no(app, window, "rejection-thanks", "Thank them for the opportunity")


def feedback_requests(app: Application, window: Window, today: date) -> Iterator[Item]:
    yield from _after_a_no(app, window, "feedback", "Ask for feedback on your interviews")


def _after_a_no(app: Application, window: Window, rule: str, what: str) -> Iterator[Item]:
    if app.status is Status.REJECTED:
        yield Item(rule, what, app.key, app.latest.path, None, done=first_logged(app, rule),
                   **window.dates(app.decided))


def keep_in_touch(app: Application, window: Window, today: date) -> Iterator[Item]:
    """Recurring: the next update is due a cadence after the last contact of any kind."""
    if app.status not in KEEP_IN_TOUCH:
        return
    contacts = [n.note.date.day_in(window.tz) for n in took_place(app, window.tz, today)]
    contacts += [f.date.day_in(window.tz) for n in app.interviews for f in n.note.followups]
    if not contacts:
        return
    # A missed update does not pile up: the next one is due a cadence later.
    last = max(contacts)
    step = max(window.timing.due, D)
    while window.after(last, window.timing.late) < today:
        last = window.after(last, step)
    due = window.after(last, window.timing.due)
    yield Item("update", "Send a short update or an article", app.key, app.latest.path, None,
               opens=due, due=due, late=window.after(last, window.timing.late))


def events(app: Application, window: Window, today: date) -> Iterator[Item]:
    for note_file in app.interviews:
        for event in note_file.note.events:
            day = event.date.day_in(window.tz)
            yield Item("event", f"Attend {event.name}", app.key, note_file.path, None,
                       done=day if event.attended else None,
                       **window.dates(event.date, opens=day - 14 * D))


# Helpers -----------------------------------------------------------------------------------------


def took_place(app: Application, tz: tzinfo, today: date) -> list[NoteFile]:
    """The interviews of an application that have taken place by `today`."""
    return [n for n in app.interviews if n.note.date.day_in(tz) <= today]


def logged(note_file: NoteFile, kind: str) -> date | None:
    """The first day a follow-up of this kind was logged in the note, to anyone."""
    days = [f.date.day for f in note_file.note.followups if f.kind is FollowUpKind(kind)]
    return min(days, default=None)


def logged_to(note_file: NoteFile, kind: str, person: str | None) -> date | None:
    """The first day a follow-up of this kind was logged to `person` (None: to no one named).

    A follow-up that names no one counts for everyone it could be for.
    """
    days = [f.date.day for f in note_file.note.followups
            if f.kind is FollowUpKind(kind) and f.to in (person, None)]
    return min(days, default=None)


def first_logged(app: Application, kind: str, person: str | None = None) -> date | None:
    """The first day a follow-up of this kind was logged in any note of the application, to
    `person` if one is given."""
    days = [day for n in app.interviews
            if (day := logged_to(n, kind, person) if person else logged(n, kind)) is not None]
    return min(days, default=None)


RULE_ITEMS: dict[str, Callable[[Application, Window, date], Iterator[Item]]] = {
    "thank-you": thank_yous,
    "info": promised_items,
    "linkedin": linkedin_connections,
    "check-in": check_ins,
    "rejection-thanks": rejection_thanks,
    "feedback": feedback_requests,
    "update": keep_in_touch,
    "event": events,
}
