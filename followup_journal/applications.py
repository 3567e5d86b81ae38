"""Applications: the notes of one company and role, in the order the interviews happened, and
the people of the process (`interviewers` and `people`) as known across those notes."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, tzinfo
from functools import cached_property
from typing import Any

from .model import Interviewer, Note, NoteFile, Offer, Person, Role, Stage, Status
from .slugs import slug, unique

Details = Mapping[str, Mapping[str, str]]  # of each person by name: their lasting details


@dataclass(frozen=True)
class Met:
    """The people met at a company of several applications, as its notes describe them."""

    details: Details = field(default_factory=dict)
    version: str = ""  # changes with their details


@dataclass(frozen=True)
class Joining:
    """The offer accepted that ended the search, and whom an application thanks for their
    help: each referrer and reference is thanked once, from one application (`_ended`)."""

    key: str  # of the application whose offer was accepted
    company: str
    role: str
    thanks: tuple[str, ...] = ()  # the names of the people this application thanks


@dataclass(frozen=True)
class Application:
    key: str  # unique in the journal, fit for a file name
    interviews: tuple[NoteFile, ...]  # oldest first
    met: Met = field(default_factory=Met, compare=False, repr=False)
    ended: date | None = None  # the day the search it is part of ended: an offer accepted
    joining: Joining | None = None  # and where, once it did

    @property
    def latest(self) -> NoteFile:
        return self.interviews[-1]

    @cached_property
    def identity(self) -> str:
        """What its notes have in common, unlike its key, which may go to another application
        while one of its notes cannot be read (two roles that make one slug, `C` and `C++`)."""
        return grouped_as(self.latest.note)

    @property
    def company(self) -> str:
        return self.latest.note.company

    @property
    def role(self) -> str:
        return self.latest.note.role

    @property
    def status(self) -> Status:
        """The status of the latest note: where the application stands now."""
        return self.latest.note.status

    @property
    def decided(self) -> date:
        """When the current status was decided: as noted, else the latest interview's day."""
        latest = self.latest.note
        return (latest.decided or latest.date).day

    @property
    def offer_note(self) -> NoteFile | None:
        """The note of its latest offer: the latest note saying `offer`, else, for an offer
        accepted or declined in the note that made it, that note."""
        offers = [n for n in self.interviews if n.note.status is Status.OFFER]
        if offers:
            return offers[-1]
        return self.latest if self.status in (Status.ACCEPTED, Status.DECLINED) else None

    @property
    def offer(self) -> Offer | None:
        """What its notes say the offer leaves open: the latest `offer` given."""
        return next((n.note.offer for n in reversed(self.interviews) if n.note.offer), None)

    def known(self, person: Interviewer) -> Interviewer:
        """`person` with what their note leaves out (an email, a title) from the latest note
        at the company that gives it, in this application or another: `fj new` starts each
        round's note with the names alone."""
        found = self._details.get(person.name, {})
        missing: dict[str, Any] = {detail: value for detail, value in found.items()
                   if getattr(person, detail) is None}
        return replace(person, **missing) if missing else person

    @cached_property
    def _details(self) -> Details:
        return self.met.details or details_of(reversed(self.interviews))

    @cached_property
    def people(self) -> tuple[Interviewer, ...]:
        """Everyone its notes name, interviewers and others, once each, the latest named
        first, each as `known` describes them."""
        found: dict[str, Interviewer] = {}
        for note_file in reversed(self.interviews):
            for person in everyone(note_file.note):
                found.setdefault(person.name, self.known(as_interviewer(person)))
        return tuple(found.values())

    def named(self, name: str) -> Interviewer | None:
        """The person of this application of that exact name, if its notes know one."""
        return next((person for person in self.people if person.name == name), None)

    def with_role(self, role: Role) -> Interviewer | None:
        """The person its latest notes say has that role, if any does."""
        return next((person for person in self.people if person.role is role), None)


def everyone(note: Note) -> tuple[Person, ...]:
    """The people a note names: its interviewers, then the others of the process."""
    return (*note.interviewers, *note.people)


def as_interviewer(person: Person) -> Interviewer:
    """A person of `people` as the messages take one: an interviewer with nothing learned."""
    if isinstance(person, Interviewer):
        return person
    return Interviewer(**{f.name: getattr(person, f.name) for f in dataclasses.fields(Person)})


LASTING = ("role", "greeting", "title", "email", "linkedin")  # what holds from one meeting on


def details_of(notes: Iterable[NoteFile]) -> dict[str, dict[str, str]]:
    """Each person's lasting details, each as the first of `notes` that gives it says."""
    found: dict[str, dict[str, str]] = {}
    for note_file in notes:
        for person in everyone(note_file.note):
            known = found.setdefault(person.name, {})
            for detail in LASTING:
                value = getattr(person, detail)
                if value is not None:
                    known.setdefault(detail, value)
    return found


DECISIONS = {Status.OFFER, Status.REJECTED, Status.WITHDRAWN, Status.ACCEPTED,
             Status.DECLINED}
STAGES = list(Stage)


def chronological(tz: tzinfo) -> Callable[[NoteFile], tuple[date, bool, int, float, str]]:
    """The order of notes: by day in the journal's timezone; on one day, a decision after the
    interviews, a later stage after an earlier one, then by the time of day."""
    def order(note_file: NoteFile) -> tuple[date, bool, int, float, str]:
        note = note_file.note
        return (note.date.day_in(tz), note.status in DECISIONS,
                STAGES.index(note.stage) if note.stage else -1,
                note.date.at.timestamp() if note.date.at else float("-inf"),
                note_file.path.as_posix())
    return order


def group_applications(notes: Iterable[NoteFile], tz: tzinfo) -> list[Application]:
    """Notes of the same company and role (ignoring case and spacing) form one application."""
    groups: dict[str, list[NoteFile]] = {}
    for note_file in notes:
        groups.setdefault(grouped_as(note_file.note), []).append(note_file)
    order = chronological(tz)
    applications = []
    keys: set[str] = set()
    for group in sorted(groups.values(), key=lambda notes: min(map(order, notes))):
        interviews = tuple(sorted(group, key=order))
        name = slug(f"{interviews[-1].note.company} {interviews[-1].note.role}")
        key = unique(name or "application", keys)
        applications.append(Application(key, interviews))
    return _ended(_with_colleagues(applications, order))


def search_over(applications: Iterable[Application]) -> Application | None:
    """The application whose offer was accepted, which ended the search (the latest, if
    several were)."""
    accepted = [a for a in applications if a.status is Status.ACCEPTED]
    return max(accepted, key=lambda a: a.decided, default=None)


def cancelled(app: Application, note_file: NoteFile, tz: tzinfo) -> bool:
    """An interview still to come when the search ended: its withdrawal cancelled it."""
    return (app.ended is not None and note_file.note.status is Status.SCHEDULED
            and note_file.note.date.day_in(tz) > app.ended)


def decision_alone(note_file: NoteFile) -> bool:
    """A note of a decision with no one interviewing: the call of an offer, a no by email."""
    return note_file.note.status in DECISIONS and not note_file.note.interviewers


HELPERS = (Role.REFERRER, Role.REFERENCE)  # the people thanked for their help at the end


def _ended(applications: list[Application]) -> list[Application]:
    """Each application with the day an offer was accepted, if one was: a journal is one
    search, and that day ended it (an interview still to come included). Each referrer and
    reference (known by name) is thanked from the accepted application if it names them as
    one, else from the first application that does (an event's people are not)."""
    accepted = search_over(applications)
    if accepted is None:
        return applications
    thanked_from: dict[str, str] = {}
    for application in (accepted, *applications):
        if application.status is not Status.EVENT:
            for person in application.people:
                if person.role in HELPERS:
                    thanked_from.setdefault(person.name, application.key)
    return [replace(a, ended=accepted.decided, joining=Joining(
        accepted.key, accepted.company, accepted.role,
        tuple(name for name, key in thanked_from.items() if key == a.key)))
        for a in applications]


def _with_colleagues(applications: list[Application],
                     order: Callable[[NoteFile], tuple[object, ...]]) -> list[Application]:
    """Each application of a company of several with the people met at it (one `Met` for the
    company); an application alone at its company finds them in its own notes."""
    by_company: dict[str, list[Application]] = {}
    for application in applications:
        by_company.setdefault(comparable(application.company), []).append(application)
    met: dict[str, Met] = {}
    for same in by_company.values():
        if len(same) > 1:
            company = _met(sorted((n for a in same for n in a.interviews), key=order,
                                  reverse=True))
            met.update((application.key, company) for application in same)
    return [replace(a, met=met[a.key]) if a.key in met else a for a in applications]


def _met(notes: list[NoteFile]) -> Met:
    details = details_of(notes)
    described = repr(sorted((name, sorted(known.items())) for name, known in details.items()))
    version = hashlib.blake2b(described.encode("utf-8", "surrogatepass"), digest_size=16)
    return Met(details, version.hexdigest())


def grouped_as(note: Note) -> str:
    """What the notes of one application have in common: company and role, as `comparable`;
    the notes of an event (of one name and organiser) are never an interview's."""
    event = "event\n" if note.status is Status.EVENT else ""
    return f"{event}{comparable(note.company)}\n{comparable(note.role)}"


def comparable(text: str) -> str:
    """What two spellings of one company or role have in common: case, spacing and width
    aside (the full-width letters a Japanese input method may type, the bold ones pasted from a
    profile). In NFKC before case folding, and after it, which may undo it (`ΐ`)."""
    folded = unicodedata.normalize("NFKC", re.sub(r"\s+", " ", text).strip()).casefold()
    return unicodedata.normalize("NFKC", folded)
