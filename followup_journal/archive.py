"""Which applications the index pages show, and which go to the archive of an earlier month, so
that the index pages follow what is going on now, not the size of the whole journal.

An application stays on the index pages (`current`) while it had activity in the last `RECENT`
days, has an interview to come, or has an item due or overdue that has not lapsed; the others,
closed or gone quiet, are archived by the month of their last activity. Contacts are paged by
the initial of the name (`initial`). Pure: `today` comes in.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from .applications import Application
from .checklist import Item, State, lapsed
from .rules import RULES
from .summaries import Person, alphabetical, said

RECENT = timedelta(days=30)  # activity this long before today keeps an application current
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
ARCHIVED_PAGES = ("timeline.html", "checklist.html", "lessons.html")


@dataclass(frozen=True)
class Period:
    """A month of the archive: the applications whose last activity was in it, in the
    journal's order."""

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
            today: date, lapse_after: int) -> Archive:
    """The applications of the index pages, and the others by the month of their last
    activity. `lapse_after`: the days after which an overdue item has lapsed."""
    current: list[Application] = []
    months: dict[str, list[Application]] = {}
    for application in applications:
        items = items_of.get(application.key, [])
        if is_current(application, items, today, lapse_after):
            current.append(application)
        else:
            months.setdefault(month_of(last_activity(application, today)), []).append(
                application)
    periods = tuple(Period(month, tuple(months[month]))
                    for month in sorted(months, reverse=True))
    return Archive(tuple(current), periods)


def is_current(application: Application, items: list[Item], today: date,
               lapse_after: int) -> bool:
    """Whether the application is part of what goes on now: activity in the last `RECENT`
    days or to come (an interview), or an item due, or overdue and not lapsed. A recurring
    item (keeping in touch) comes back for as long as the search lasts: it alone keeps no
    application current, or every quiet one would come back every few weeks."""
    if any(day > today for day in activity(application)):
        return True
    if last_activity(application, today) >= today - RECENT:
        return True
    return any(not RULES[item.rule].recurring
               and (item.state is State.DUE or (item.state is State.OVERDUE
                                                and not lapsed(item, today, lapse_after)))
               for item in items)


def last_activity(application: Application, today: date) -> date:
    """The last day by `today` of a note, a follow-up logged or a decision."""
    return max((day for day in activity(application) if day <= today),
               default=application.interviews[0].note.date.day)


def activity(application: Application) -> Iterator[date]:
    """The days of its notes, of the follow-ups logged in them and of the decisions noted, as
    written."""
    for note_file in application.interviews:
        note = note_file.note
        yield note.date.day
        yield from (followup.date.day for followup in note.followups)
        if note.decided is not None:
            yield note.decided.day


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
