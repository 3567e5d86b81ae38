"""The timeline picture: one lane per application, a mark for everything that happened or is due.

Pure layout: positions are computed here, the theme's template draws them as inline SVG.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from functools import cache, cached_property, lru_cache

from .applications import DECISIONS, Application, cancelled, decision_alone
from .checklist import Item, State
from .model import Status, When

WIDTH = 1000  # drawing units; the SVG scales to the page
LABELS = 230  # room for application names on the left
LANE = 34


@dataclass(frozen=True)
class Mark:
    kind: str  # interview, scheduled, cancelled, followup, due, overdue, upcoming, event, decision
    x: float
    title: str
    status: str = ""  # a decision's, when it is not the application's (an offer since accepted)


@dataclass(frozen=True)
class Lane:
    application: Application
    y: float
    scale: tuple[date, int]  # the first day drawn and the days drawn: where the days fall
    open_items: tuple[Item, ...]  # the application's: due, overdue or upcoming
    tz: tzinfo  # the journal's: the day an interview falls on, for the end of a search

    # Made when the lane is drawn, not when it is laid out: a rebuild draws again only the
    # lanes whose part of the page changed (at 10,000 notes, 0.4 s of marks made for nothing).
    @cached_property
    def marks(self) -> tuple[Mark, ...]:
        return _marks(self.application, self.open_items, _placing(*self.scale), self.tz)

    @property
    def start(self) -> float:
        return min(mark.x for mark in self.marks)

    @property
    def end(self) -> float:
        return max(mark.x for mark in self.marks)


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Timeline:
    lanes: tuple[Lane, ...]
    ticks: tuple[Tick, ...]
    today: float
    height: float
    width: int = WIDTH
    labels: int = LABELS


def layout(applications: list[Application], items: list[Item], today: date,
           tz: tzinfo) -> Timeline:
    open_items = [i for i in items if i.state in (State.DUE, State.OVERDUE, State.UPCOMING)]
    days = [today] + [d for a in applications for d in _days(a)] + [i.due for i in open_items]
    first, last = min(days) - timedelta(days=3), max(days) + timedelta(days=3)
    span = max((last - first).days, 1)
    x = _placing(first, span)
    items_of: dict[str, list[Item]] = {}
    for item in open_items:
        items_of.setdefault(item.application, []).append(item)
    lanes = tuple(Lane(application, 30 + index * LANE, (first, span),
                       tuple(items_of.get(application.key, ())), tz)
                  for index, application in enumerate(applications))
    ticks = tuple(Tick(x(day), day.strftime("%d %b")) for day in _mondays(first, last, span))
    return Timeline(lanes, ticks, x(today), 40 + len(lanes) * LANE)


@lru_cache(maxsize=4)  # the lanes of one timeline share one scale
def _placing(first: date, span: int) -> Callable[[date], float]:
    """Where each day falls, from the first day drawn and the number of days drawn."""

    @cache  # each day placed once: there are far fewer days than marks
    def x(day: date) -> float:
        return round(LABELS + (WIDTH - LABELS - 10) * (day - first).days / span, 1)

    return x


def _marks(application: Application, items: tuple[Item, ...], at: Callable[[date], float],
           tz: tzinfo) -> tuple[Mark, ...]:
    """The marks of a lane in the order things happen: by day, then in the order of a search
    (the interview, what followed it, the decision, what is still to do), then by time where the
    note gives one."""
    marks: list[tuple[tuple[object, ...], Mark]] = []

    def add(kind: str, when: When | date, title: str, step: int, status: str = "") -> None:
        moment = when.at.timestamp() if isinstance(when, When) and when.at else None
        day = when.day if isinstance(when, When) else when
        order = (at(day), step, moment is None, moment or 0.0, title)
        marks.append((order, Mark(kind, at(day), title, status)))

    for note_file in application.interviews:
        note = note_file.note
        stage = f" ({note.stage})" if note.stage else ""
        if note_file.event is not None:  # an event note: its event is its mark
            pass
        elif cancelled(application, note_file, tz):  # by the withdrawal: crossed out
            add("cancelled", note.date, f"{note.date.day}: interview cancelled{stage}", 0)
        elif decision_alone(note_file):  # the call of an offer: its decision, not an interview
            if note_file is not application.latest:  # the latest is the application's, below
                when = note.decided or note.date
                add("decision", when, f"{when.day}: {note.status}", 2, note.status)
        elif note.status is Status.SCHEDULED:  # still to come: drawn hollow, said in words
            add("scheduled", note.date, f"{note.date.day}: interview to come{stage}", 0)
        else:
            add("interview", note.date, f"{note.date.day}: interview{stage}", 0)
        for followup in note.followups:
            whom = f" to {followup.to}" if followup.to else ""
            add("followup", followup.date, f"{followup.date.day}: {followup.kind}{whom}", 1)
        for event in note.events:
            add("event", event.date, f"{event.date.day}: {event.name}", 1)
    if application.status in DECISIONS:
        add("decision", application.decided, f"{application.decided}: {application.status}", 2)
    for item in items:
        add(str(item.state), item.due, f"due {item.due}: {item.what}", 3)
    return tuple(mark for _, mark in sorted(marks, key=lambda found: found[0]))


def _days(application: Application) -> list[date]:
    days = [application.decided]
    for note_file in application.interviews:
        note = note_file.note
        days.append(note.date.day)
        days += [f.date.day for f in note.followups] + [e.date.day for e in note.events]
    return days


def _mondays(first: date, last: date, span: int) -> list[date]:
    step = 7 if span <= 120 else 28
    day = first + timedelta(days=(7 - first.weekday()) % 7)
    mondays = []
    while day <= last:
        mondays.append(day)
        day += timedelta(days=step)
    return mondays
