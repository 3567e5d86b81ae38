"""Which applications the index pages show, and which go to the archive of an earlier month, so
that the index pages stay the size of the search going on, not of the whole journal.

An application stays on the index pages while it is open, while it has something due or overdue,
or when it closed this month; the others are archived by the month they closed in. Contacts are
paged by the initial of the name (`initial`). Pure: `today` comes in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from .applications import Application
from .checklist import Item, State
from .model import Status
from .summaries import Person, alphabetical, said

CLOSED = frozenset({Status.REJECTED, Status.WITHDRAWN, Status.DECLINED, Status.ACCEPTED})
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
ARCHIVED_PAGES = ("timeline.html", "checklist.html", "lessons.html")


@dataclass(frozen=True)
class Period:
    """A month of the archive: the applications that closed in it, in the journal's order."""

    month: str  # "2026-10"
    applications: tuple[Application, ...]

    @property
    def label(self) -> str:
        year, month = self.month.split("-")
        return f"{MONTHS[int(month) - 1]} {year}"

    @property
    def lessons(self) -> int:
        """How many of its interviews have a reflection or feedback: its Lessons page's."""
        return sum(1 for application in self.applications for n in application.interviews
                   if said(n.note.reflection) or n.note.feedback)

    @property
    def folder(self) -> str:
        """Where its pages are in the report: `archive/2026-10/`."""
        return f"archive/{self.month}/"


@dataclass(frozen=True)
class Archive:
    current: tuple[Application, ...]  # what the index pages show
    periods: tuple[Period, ...]  # newest first

    def neighbours(self, period: Period) -> tuple[Period | None, Period | None]:
        """The month before and the month after, among those of the archive."""
        index = [p.month for p in self.periods].index(period.month)
        older = self.periods[index + 1] if index + 1 < len(self.periods) else None
        newer = self.periods[index - 1] if index > 0 else None
        return older, newer


def archive(applications: Iterable[Application], items_of: Mapping[str, list[Item]],
            today: date) -> Archive:
    """The applications of the index pages, and the others by the month they closed in."""
    current: list[Application] = []
    months: dict[str, list[Application]] = {}
    this_month = month_of(today)
    for application in applications:
        month = month_of(application.decided)
        if is_open(application, items_of.get(application.key, [])) or month >= this_month:
            current.append(application)
        else:
            months.setdefault(month, []).append(application)
    periods = tuple(Period(month, tuple(months[month]))
                    for month in sorted(months, reverse=True))
    return Archive(tuple(current), periods)


def is_open(application: Application, items: list[Item]) -> bool:
    """Whether the application goes on: not closed, or something of it due or overdue."""
    if application.status not in CLOSED and application.ended is None:
        return True
    return any(item.state in (State.DUE, State.OVERDUE) for item in items)


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


@dataclass(frozen=True)
class Letter:
    """A page of the contacts: the people whose name starts with one letter."""

    name: str  # "a" to "z", or "other"
    people: tuple[Person, ...]

    @property
    def label(self) -> str:
        return "Other" if self.name == "other" else self.name.upper()

    @property
    def path(self) -> str:
        return f"contacts/{self.name}.html"


def letters(people: Iterable[Person]) -> tuple[Letter, ...]:
    """The people by the initial of their name, `a` to `z`, then the other names."""
    found: dict[str, list[Person]] = {}
    for person in people:
        found.setdefault(initial(person.name), []).append(person)
    order = sorted(found, key=lambda name: (name == "other", name))
    return tuple(Letter(name, tuple(found[name])) for name in order)


def neighbours(things: tuple[Letter, ...], one: Letter) -> tuple[Letter | None, Letter | None]:
    """The letter before and the letter after."""
    index = [letter.name for letter in things].index(one.name)
    return (things[index - 1] if index > 0 else None,
            things[index + 1] if index + 1 < len(things) else None)


def initial(name: str) -> str:
    """The letter a name is filed under, `a` to `z`, accents aside (`Émile` under e); `other`
    for a name that starts with anything else."""
    first = alphabetical(name)[0][:1]
    return first if "a" <= first <= "z" else "other"
