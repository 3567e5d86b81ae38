"""The journal's data model: what one interview note holds, as immutable values.

These dataclasses are the single definition of the note format. `schema.py` reads their fields,
types and `doc` texts to validate front matter and to print the JSON Schema, so a field added here
is checked, documented and offered to editors in one place. Field names are the YAML keys the user
types; keep them stable.
"""

from __future__ import annotations

import dataclasses
from array import array
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from enum import StrEnum
from pathlib import Path
from typing import Any, ClassVar, NamedTuple, NewType

from .stages import Stage as Stage  # apart for the CLI's sake (stages.py); used from here

Url = NewType("Url", str)
"""An http(s) address, checked like a Markdown link."""

Email = NewType("Email", str)

Prose = NewType("Prose", str)
"""Free text that may run over several lines; any other text is one line."""


def doc(text: str, default: Any = dataclasses.MISSING) -> Any:
    """A dataclass field with its user-facing description; no default means required."""
    return dataclasses.field(default=default, metadata={"doc": text})


class Status(StrEnum):
    """Where the application stands after this interview."""

    SCHEDULED = "scheduled"
    WAITING = "waiting"
    NEXT_ROUND = "next-round"
    OFFER = "offer"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EVENT = "event"  # an event note's (`UNWRITTEN`): its `event:` says it


UNWRITTEN = frozenset({Status.EVENT})
"""Values the model has that no one writes in a note: the reader refuses them, the schema and
the error messages do not offer them."""


class Role(StrEnum):
    """A person's part in the process, which decides who gets which message."""

    RECRUITER = "recruiter"
    COORDINATOR = "coordinator"
    HIRING_MANAGER = "hiring-manager"
    REFERRER = "referrer"
    REFERENCE = "reference"  # gave you a reference for the application
    INTERVIEWER = "interviewer"


class FollowUpKind(StrEnum):
    """The kinds of follow-up a log entry can record; the rules match on these."""

    THANK_YOU = "thank-you"
    INFO = "info"
    CHECK_IN = "check-in"
    NUDGE = "nudge"
    FEEDBACK = "feedback"
    REJECTION_THANKS = "rejection-thanks"
    UPDATE = "update"
    LINKEDIN = "linkedin"
    OFFER_THANKS = "offer-thanks"
    DECLINE = "decline"
    WITHDRAWAL = "withdrawal"
    FEEDBACK_THANKS = "feedback-thanks"
    EVENT_THANKS = "event-thanks"
    REFERENCE_THANKS = "reference-thanks"
    FOLLOW = "follow"
    OTHER = "other"


@dataclass(frozen=True)
class When:
    """A day, and the moment on it when the note gives a time (always timezone-aware)."""

    day: date
    at: datetime | None = None

    def day_in(self, tz: tzinfo) -> date:
        """The day this falls on in the journal's timezone (a bare day is that day)."""
        return self.at.astimezone(tz).date() if self.at else self.day

    def __str__(self) -> str:
        if self.at is None:
            return self.day.isoformat()
        return self.at.isoformat(sep=" ", timespec="minutes")


@dataclass(frozen=True)
class Person:
    """Someone of the process: a recruiter, the hiring manager, a referrer. The notes of an
    application know each person by name across its notes."""

    name: str = doc("Full name, as you would write it in a greeting.")
    role: Role | None = doc("Their part in the process: who gets the check-in, the reply to "
                            "a decision and the updates; a `referrer` (who referred you) and a "
                            "`reference` (who gave you a reference) are thanked once the "
                            "search is over.", None)
    greeting: str | None = doc("What to call them in a message (\"Misaki\", \"Dr Nguyễn\"); "
                               "default: the first word of the name.", None)
    title: str | None = doc("Job title.", None)
    email: Email | None = doc("Email address, for the messages to them.", None)
    linkedin: Url | None = doc("LinkedIn profile address.", None)


@dataclass(frozen=True)
class Interviewer(Person):
    """A person you met in the interview, who gets a thank-you of their own."""

    learned: Prose | None = doc("Something personal you learned about them.", None)
    highlights: tuple[Prose, ...] = doc("Specific points you discussed with this person.", ())


@dataclass(frozen=True)
class NextSteps:
    said: Prose | None = doc("What they said would happen next, in their words.", None)
    by: When | None = doc("The date they named for it.", None)
    owner: str | None = doc("Who said they would get back to you (a name from `interviewers` or "
                            "`people`): the check-in goes to them.", None)


@dataclass(frozen=True)
class ToSend:
    __shorthand__ = "what"  # a plain string in the note fills this field

    what: str = doc("What you promised or want to send.")
    to: str | None = doc("Who it goes to (a name from `interviewers` or `people`).", None)
    link: Url | None = doc("Where it is, if it is online.", None)
    sent: When | None = doc("When you sent it.", None)
    why: Prose | None = doc("Why it matters to them, as you would tell them: the qualification "
                            "or question it answers (\"It shows how I cut our on-call load, "
                            "which we did not get to.\").", None)


@dataclass(frozen=True)
class FollowUp:
    kind: FollowUpKind = doc("What kind of follow-up it was.")
    date: When = doc("When you sent or did it.")
    to: str | None = doc("Who it went to (a name from `interviewers` or `people`).", None)
    note: Prose | None = doc("Anything worth remembering about it.", None)


@dataclass(frozen=True)
class Event:
    name: str = doc("The event, webinar or meetup.")
    date: When = doc("When it takes place.")
    link: Url | None = doc("Its web page.", None)
    attended: bool = doc("Whether you went.", False)


@dataclass(frozen=True)
class Reflection:
    went_well: Prose | None = doc("What went well.", None)
    to_improve: Prose | None = doc("What to do better next time.", None)


@dataclass(frozen=True)
class Offer:
    respond_by: When | None = doc("The date by which they asked for your answer.", None)
    written: bool = doc("Whether you have the offer in writing.", False)
    start: When | None = doc("The start date they proposed.", None)


@dataclass(frozen=True)
class Feedback:
    """What someone of the process told you about your interviews or your qualifications."""

    given_by: str = doc("Who gave it (a name from `interviewers` or `people`): the thank-you "
                        "for it goes to them.")
    date: When = doc("When they gave it.")
    said: Prose = doc("What they said, in their words as far as you can.")
    themes: tuple[str, ...] = doc("What it is about, in your own labels (as `tags`), for the "
                                  "Lessons page to group it by.", ())


@dataclass(frozen=True)
class EventNote:
    """An event of its own (a meetup, a conference talk, a webinar), in a note whose front
    matter has `event:` where an interview note has `role` and `status`."""

    event: str = doc("The event's name: the meetup, talk or webinar.")
    date: When = doc("When it takes place: 2026-11-18 or 2026-11-18 18:30.")
    company: str | None = doc("Who organises it; default: the event's name.", None)
    link: Url | None = doc("Its web page.", None)
    attended: bool = doc("Whether you went: only then is a thank-you drafted.", False)
    location: str | None = doc("Where it takes place.", None)
    speakers: tuple[Interviewer, ...] = doc("The speakers or the host: each gets a "
                                            "thank-you after you attended.", ())
    people: tuple[Interviewer, ...] = doc("People you met there: they become contacts to "
                                          "keep in touch with.", ())
    highlights: tuple[Prose, ...] = doc("What you took from the talk, to mention in the "
                                        "thank-you.", ())
    followups: tuple[FollowUp, ...] = doc("A log of follow-ups you have done.", ())
    tags: tuple[str, ...] = doc("Your own labels.", ())

    def as_note(self) -> Note:
        """The note the rest of the journal sees: an application of its own, of the
        organiser and the event, with the status `event` and the people met and the speakers
        as its people (those met first, so their fields keep their places)."""
        return Note(company=self.company or self.event, role=self.event, date=self.date,
                    status=Status.EVENT, location=self.location,
                    people=(*self.people, *self.speakers), highlights=self.highlights,
                    followups=self.followups,
                    events=(Event(self.event, self.date, self.link, self.attended),),
                    tags=self.tags)


class Position(NamedTuple):
    """A place in the user's file, 1-based, as editors count."""

    line: int
    col: int


@dataclass(frozen=True)
class Note:
    """One interview. Notes with the same company and role form one application."""

    company: str = doc("The company you interviewed with.")
    role: str = doc("The role you applied for.")
    date: When = doc("When the interview took place, or will: 2026-11-18 or 2026-11-18 14:30.")
    status: Status = doc("Where the application stands after this interview.")
    decided: When | None = doc("When they told you their decision (an offer, a no), or you "
                               "gave yours (accepted, declined).", None)
    decided_by: str | None = doc("Who told you the decision (a name from `interviewers` or "
                                 "`people`): the reply goes to them.", None)
    stage: Stage | None = doc("Which round this was.", None)
    location: str | None = doc("Where it took place: an office, a video call.", None)
    posting: Url | None = doc("The job posting's address.", None)
    interviewers: tuple[Interviewer, ...] = doc("The people you met.", ())
    people: tuple[Person, ...] = doc("Others of the process you did not meet in this "
                                     "interview: a recruiter, the hiring manager, a referrer, a "
                                     "reference.", ())
    highlights: tuple[Prose, ...] = doc("Specific points discussed in the interview.", ())
    next_steps: NextSteps | None = doc("What they said about next steps, and by when.", None)
    to_send: tuple[ToSend, ...] = doc("Things you promised or want to send.", ())
    followups: tuple[FollowUp, ...] = doc("A log of follow-ups you have done.", ())
    events: tuple[Event, ...] = doc("Company events and webinars to attend.", ())
    tags: tuple[str, ...] = doc("Your own labels.", ())
    reflection: Reflection | None = doc("Looking back: what went well, what to improve.", None)
    offer: Offer | None = doc("What the offer leaves open, on the note of the offer: when they "
                              "want your answer, whether it is in writing, the start date.", None)
    feedback: tuple[Feedback, ...] = doc("Feedback they gave you.", ())


class Positions(Mapping[str, tuple[int, int]]):
    """Where each field of a note was written: (line, column) by field path.

    Every field of every note has one, and they are kept in the build cache, so they are
    compact: the field paths are one tuple shared by all notes with the same fields in the same
    order, the numbers one array. As a dict of tuples, they took a third of the notes' memory.
    """

    __slots__ = ("_numbers", "_paths")
    _shared: ClassVar[dict[tuple[str, ...], tuple[str, ...]]] = {}

    def __init__(self, where: Mapping[str, tuple[int, int]]) -> None:
        paths = tuple(where)
        self._paths = self._shared.setdefault(paths, paths)
        self._numbers = array("I", [number for pair in where.values() for number in pair])

    def __getitem__(self, field_path: str) -> tuple[int, int]:
        try:
            index = 2 * self._paths.index(field_path)
        except ValueError:
            raise KeyError(field_path) from None
        return self._numbers[index], self._numbers[index + 1]

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)

    def __reduce__(self) -> tuple[object, ...]:
        return _positions, (self._paths, self._numbers)


def _positions(paths: tuple[str, ...], numbers: array[int]) -> Positions:
    """Positions as pickled: one tuple of field paths again for every note that has them."""
    positions = Positions.__new__(Positions)
    positions._paths = Positions._shared.setdefault(paths, paths)
    positions._numbers = numbers
    return positions


@dataclass(frozen=True)
class NoteFile:
    """A valid note as read from disk: its fields, body, and where each field was written."""

    path: Path
    note: Note
    body: str
    where: Positions = dataclasses.field(compare=False, repr=False)
    event: EventNote | None = None  # for an event note, what it says as written

    def position(self, field_path: str) -> Position:
        """Where `field_path` (as `interviewers[0].name`) was written, else the note's start."""
        return Position(*self.where.get(field_path, (1, 1)))
