"""What `fj agenda` shows beside the follow-ups due: the interviews to prepare for, the notes
left out with their first error, and the warnings that change an item.

Pure: applications, items and `today` in; no disk, no clock. The dashboard takes its upcoming
interviews from here too, so that the report and the agenda list the same ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, tzinfo
from typing import TYPE_CHECKING

from .applications import DECISIONS, Application
from .checklist import Item
from .checks import Unmatched, note_warnings, stale_schedules, unmatched_names
from .model import NoteFile, Status
from .problems import Problem, Severity

if TYPE_CHECKING:
    from .parse import NoteResult


def upcoming_interviews(applications: list[Application], today: date,
                        tz: tzinfo) -> list[NoteFile]:
    """The interviews still `scheduled` on `today` or later (in the journal's timezone), of
    applications not yet decided, in a search not over, soonest first."""
    found = [n for a in applications if a.status not in DECISIONS and a.ended is None
             for n in a.interviews
             if n.note.status is Status.SCHEDULED and n.note.date.day_in(tz) >= today]
    return sorted(found, key=lambda n: soonest(n, tz))


def soonest(note_file: NoteFile, tz: tzinfo) -> tuple[date, float, str]:
    """Interviews of several applications in the order they come: by day, then time of day."""
    when = note_file.note.date
    return (when.day_in(tz), when.at.timestamp() if when.at else float("-inf"),
            note_file.path.as_posix())


def left_out(results: Iterable[NoteResult]) -> list[Problem]:
    """The first error of each note that could not be read, in the order of the notes."""
    return [min(p for p in result.problems if p.severity is Severity.ERROR)
            for result in results
            if result.note is None and any(p.severity is Severity.ERROR for p in result.problems)]


@dataclass(frozen=True)
class ItemWarning:
    """A warning about something that changes the checklist, and the items it changes, when
    they can be told for sure."""

    problem: Problem
    items: tuple[Item, ...] = ()
    unmatched: Unmatched | None = None  # for a `to` that marks nothing: the name, and whom meant


def item_warnings(applications: list[Application], items: list[Item], today: date,
                  tz: tzinfo) -> list[ItemWarning]:
    """The warnings that change an item, by note and place: a `to` that marks nothing done, an
    interview past but still `scheduled` (its items get no drafts), a date before its interview
    (an item done or due on the wrong day), two interviewers of one name (one thank-you).

    A warning that only makes a message weaker (no email, nothing specific to say) is left to
    `fj check`."""
    # Each of the rest is about a note, or several of its items: said once, not beside each.
    found = [*marking_nothing(applications, items),
             *(ItemWarning(p) for p in stale_schedules(applications, today, tz)),
             *(ItemWarning(p) for a in applications for n in a.interviews
               for p in note_warnings(n))]
    return sorted(found, key=lambda warning: warning.problem)


PER_NOTE = {"thank-you", "info"}  # a log entry marks these only in its own note


def marking_nothing(applications: list[Application],
                    items: list[Item]) -> Iterator[ItemWarning]:
    """A `to` that names no one of the application, with the open item it would have marked
    done: of the logged kind, for the person it most likely means (for a thing to send, the
    thing itself)."""
    for app in applications:
        for found in unmatched_names(app):
            if not found.marks_nothing_done:  # an owner or a decider: only an address is lost
                continue
            path = found.note_file.path
            rule: str = "info"
            person: str | None = found.name
            if not found.field.startswith("to_send"):
                rule, person = found.note_file.note.followups[found.index].kind, found.meant
            tied = tuple(i for i in items if i.application == app.key and i.done is None
                         and i.rule == rule and person is not None and i.person == person
                         and (i.note == path or rule not in PER_NOTE))
            yield ItemWarning(found.problem(), tied, found)
