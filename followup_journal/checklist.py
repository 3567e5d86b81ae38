"""The checklist: each rule's triggers (`rules.py`) dated, and where each stands as of a day.

Pure: applications, timings and `today` in, items out; no disk, no clock. A trigger is due and
late its rule's timing after it starts. Windows are measured in real elapsed time and turned
into days of the journal's timezone, so they stay right across daylight-saving changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from pathlib import Path
from typing import TypedDict

from .applications import Application
from .model import When
from .rules import RANK, RULES, D, Timing, Trigger, timing_of, triggers, withdrawing


class State(StrEnum):
    DONE = "done"
    OVERDUE = "overdue"
    DUE = "due"
    UPCOMING = "upcoming"
    NOT_APPLICABLE = "not applicable"


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
    draft: str | None = None  # the file name of its message in the note's drafts folder
    sends: tuple[int, ...] = ()  # the note's `to_send` items its message sends too
    thing: str | None = None  # what was promised, as the note's `to_send` says it
    also: tuple[str, ...] = ()  # the rules whose message its message is too
    recipient: str | None = None  # the name its message goes to

    @property
    def what_to_whom(self) -> str:
        """What it asks, with whom it is for when `what` does not name them: `Check in on
        next steps (to Jane Doe)`."""
        named = self.person is None or self.person in self.what
        return self.what if named else f"{self.what} (to {self.person})"


ItemsOf = Callable[[Application, Mapping[str, Timing], date, tzinfo], list[Item]]


def checklist(applications: list[Application], timings: Mapping[str, Timing], today: date,
              tz: tzinfo, items_of: ItemsOf | None = None) -> list[Item]:
    """Every item of every application, with its state as of `today`, in a stable order;
    `items_of` makes each application's items (a build passes one that remembers them)."""
    make = items_of or application_items
    return in_order([i for a in applications for i in make(a, timings, today, tz)])


def application_items(application: Application, timings: Mapping[str, Timing], today: date,
                      tz: tzinfo) -> list[Item]:
    """The items of one application, with their states as of `today`, rule by rule. Once the
    search ended while it was open, its withdrawal, and the items done before (its history)."""
    found = [item for trigger in triggers(application, timings, tz)
             for item in _items(trigger, application.key, window_of(trigger.rule, timings, tz),
                                today)]
    if not withdrawing(application):
        return found
    before = application_items(replace(application, ended=None), timings, today, tz)
    return [i for i in before if i.state is State.DONE] + found


def window_of(name: str, timings: Mapping[str, Timing], tz: tzinfo) -> Window:
    """The window of the rule `name` with the journal's timings."""
    return Window(timing_of(name, timings), tz, RULES[name].moves)


def dated(trigger: Trigger, application: str, timings: Mapping[str, Timing], tz: tzinfo,
          today: date) -> list[Item]:
    """The item of one trigger as of `today`, if it has one yet."""
    return list(_items(trigger, application, window_of(trigger.rule, timings, tz), today))


def _items(trigger: Trigger, application: str, window: Window, today: date) -> Iterator[Item]:
    rule, what = RULES[trigger.rule], trigger.what
    if rule.recurring:
        found = window.recurring(trigger.contacts, today)
    elif trigger.unnamed:
        expected = window.working_days_after(trigger.start, window.timing.answer_within)
        found = window.dates(expected, expected + D)
        what += (f" (no date was named: {window.timing.answer_within} working days after the "
                 "interview)")
    else:
        found = window.dates(trigger.start, trigger.opens)
    if found is None or (rule.waits and today < found["opens"]):
        return
    item = Item(trigger.rule, what, application, trigger.note.path, trigger.person,
                done=trigger.done, draft=trigger.draft, sends=trigger.things, also=trigger.also,
                thing=trigger.thing.what if trigger.thing else None,
                recipient=trigger.recipient.name if trigger.recipient else None, **found)
    yield replace(item, state=state_of(item, today))


def in_order(items: list[Item]) -> list[Item]:
    """By due day; items due the same day by application (its key, alphabetical), then by what
    matters most (a thank-you before a LinkedIn invitation)."""
    return sorted(items, key=lambda i: (i.due, i.application, RANK[i.rule]))


def due_soon(items: list[Item], today: date, lapse_after: int) -> dict[str, list[Item]]:
    """What needs doing: overdue (and not `lapsed`), due today (or past its target but not yet
    late), this week."""
    week_end = today + 7 * D
    overdue = [i for i in items if i.state is State.OVERDUE and not lapsed(i, today, lapse_after)]
    return {
        # A late thank-you matters more than a late LinkedIn invitation: the rules are listed
        # in the order of what matters most.
        "overdue": sorted(overdue, key=lambda i: (RANK[i.rule], i.due)),
        "due today": [i for i in items if i.state is State.DUE and i.due <= today],
        "this week": [i for i in items if i.state in (State.DUE, State.UPCOMING)
                      and today < i.due <= week_end],
    }


def lapsed(item: Item, today: date, after: int) -> bool:
    """Whether an item has been overdue for more than `after` days (`[drafts]`
    `drop_overdue_after`): its moment has passed, and it is no longer something to do now."""
    return item.state is State.OVERDUE and (today - item.late).days > after


def lapsed_count(items: list[Item], today: date, after: int) -> int:
    """How many items have lapsed: the one line the agenda and the dashboard give them."""
    return sum(1 for item in items if lapsed(item, today, after))


def state_of(item: Item, today: date) -> State:
    if item.done is not None:
        return State.DONE
    if today < item.opens:
        return State.UPCOMING
    if today <= item.late:
        return State.DUE
    return State.NOT_APPLICABLE if RULES[item.rule].lapses else State.OVERDUE


class Dates(TypedDict):
    """When an item opens, is due and is late."""

    opens: date
    due: date
    late: date


@dataclass(frozen=True)
class Window:
    """A rule's timing in the journal's timezone. For a rule that `moves`, a due day that is
    not a working day moves to the next one, and the late day by as many days, so the grace
    between them stays."""

    timing: Timing
    tz: tzinfo
    moves: bool = False

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

    def working_day(self, day: date) -> date:
        """`day`, or the next working day after it."""
        while day.weekday() not in self.timing.working_days:
            day += D
        return day

    def working_days_after(self, start: When | date, count: int) -> date:
        """The day `count` working days after the day of `start` (in the journal's timezone)."""
        day = start.day_in(self.tz) if isinstance(start, When) else start
        for _ in range(count):
            day = self.working_day(day + D)
        return day

    def dates(self, start: When | date, opens: date | None = None) -> Dates:
        """Opens, due and late for a trigger; due and late never before it opens."""
        first = opens or (start.day_in(self.tz) if isinstance(start, When) else start)
        return self._moved(first, max(first, self.after(start, self.timing.due)),
                           max(first, self.after(start, self.timing.late)))

    def recurring(self, contacts: tuple[When, ...], today: date) -> Dates | None:
        """The next of a recurring item: a cadence after the last contact by `today`. A missed
        one does not pile up: the next is due a cadence later."""
        days = [day for contact in contacts if (day := contact.day_in(self.tz)) <= today]
        if not days:
            return None
        last = max(days)
        step = max(self.timing.due, D)
        while (found := self._cadence(last))["late"] < today:
            last = self.after(last, step)
        return found

    def _cadence(self, last: date) -> Dates:
        due = self.after(last, self.timing.due)
        return self._moved(due, due, self.after(last, self.timing.late))

    def _moved(self, opens: date, due: date, late: date) -> Dates:
        if self.moves:
            moved = self.working_day(due)
            due, late = moved, late + (moved - due)
        return Dates(opens=opens, due=due, late=late)
