"""What the index pages sum up from the journal: the dashboard of today and the figures on it,
everyone met, and the lessons of interviews (your reflections and their feedback) grouped by
theme.

The templates get ready-made lists; the grouping and counting happen here, in Python, where they
are tested.
"""

from __future__ import annotations

import hashlib
import itertools
import statistics
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, tzinfo
from typing import TYPE_CHECKING, Any

from .applications import (
    Application,
    as_interviewer,
    cancelled,
    chronological,
    comparable,
    decision_alone,
    everyone,
    search_over,
)
from .checklist import Item, State, due_soon, lapsed_count
from .model import Feedback, Interviewer, NoteFile, Reflection, Stage, Status
from .outlook import upcoming_interviews
from .silence import no_answers
from .slugs import slug

if TYPE_CHECKING:
    from .site import Site


@dataclass(frozen=True)
class Person:
    name: str
    company: str
    details: Interviewer  # as the drafts of their latest application know them
    applications: tuple[Application, ...]
    last_contact: date
    next_update: date | None


@dataclass(frozen=True)
class Lesson:
    """An interview looked back on: your reflection on it (or None) and the feedback they gave."""

    application: Application
    note: NoteFile
    reflection: Reflection | None
    feedback: tuple[Feedback, ...] = ()

    @property
    def status(self) -> Status:
        """Where the application stood after this interview, as its note says: not where it
        stands now."""
        return self.note.note.status

    @property
    def themes(self) -> tuple[str, ...]:
        """Its note's tags, then the themes of its feedback, each once."""
        found = [*self.note.note.tags, *(t for given in self.feedback for t in given.themes)]
        return tuple(dict.fromkeys(found))


@dataclass(frozen=True)
class Theme:
    """Interviews that share a tag or a stage, newest first."""

    kind: str  # "tag" or "stage"
    name: str
    lessons: tuple[Lesson, ...]

    @property
    def count(self) -> int:
        return len(self.lessons)

    @property
    def anchor(self) -> str:
        """Its id on the Lessons page: tags are free text, so only its kind and name's slug,
        with a hash of the name, are safe and unique."""
        digest = hashlib.sha1(self.name.encode()).hexdigest()[:6]
        return f"{self.kind}-{slug(self.name, whole=True) or 'x'}-{digest}"


@dataclass(frozen=True)
class Review:
    """The lessons of the whole search grouped, so that patterns show."""

    by_tag: list[Theme]  # alphabetical
    by_stage: list[Theme]  # in the order of the rounds
    went_well: list[Lesson]  # newest first, as the rest
    to_improve: list[Lesson]
    feedback: list[tuple[Lesson, Feedback]]
    recurring: list[Theme]  # a tag or stage of two interviews or more: most first


@dataclass(frozen=True)
class SearchOver:
    """The search ended with an offer accepted: which, when, and what is left to do."""

    application: Application
    since: date
    remaining: list[Item]  # the withdrawals, and what the accepted application still asks


@dataclass(frozen=True)
class Dashboard:
    overdue: list[Item]
    today: list[Item]
    week: list[Item]
    interviews: list[NoteFile]
    waiting: list[Application]
    no_answer: list[tuple[Application, date]]  # and the day of the message unanswered
    figures: dict[str, str]
    search_over: SearchOver | None = None
    lapsed: int = 0  # items overdue for more than `lapse_after` days: counted, not listed
    lapse_after: int = 30


def dashboard(site: Site) -> Dashboard:
    lapse_after = site.config.drafts.drop_overdue_after
    soon = due_soon(site.items, site.today, lapse_after)
    silent = no_answers(site.applications, site.config.rules, site.today, site.config.timezone)
    unanswered = {app.key for app, _ in silent}
    return Dashboard(
        overdue=soon["overdue"],
        today=soon["due today"],
        week=soon["this week"],
        interviews=upcoming_interviews(site.applications, site.today, site.config.timezone),
        waiting=[a for a in site.applications if a.status in (Status.WAITING, Status.NEXT_ROUND)
                 and a.key not in unanswered and a.ended is None],
        no_answer=silent,
        figures=figures(site),
        search_over=ended(site),
        lapsed=lapsed_count(site.items, site.today, lapse_after),
        lapse_after=lapse_after,
    )


def ended(site: Site) -> SearchOver | None:
    """The end of the search, if an offer was accepted, with every item still open."""
    accepted = search_over(site.applications)
    if accepted is None:
        return None
    left = [i for i in site.items if i.state in (State.OVERDUE, State.DUE, State.UPCOMING)]
    return SearchOver(accepted, accepted.decided, left)


def figures(site: Site) -> dict[str, str]:
    tz = site.config.timezone
    held = [n for a in site.applications if a.status is not Status.EVENT
            for n in a.interviews if n.note.date.day_in(tz) <= site.today
            and not cancelled(a, n, tz) and not decision_alone(n)]
    offers = [a for a in site.applications
              if a.status in (Status.OFFER, Status.ACCEPTED, Status.DECLINED)]
    waits = response_days(site.applications, site.today)
    wait = statistics.median_low(waits) if waits else None
    typical = f"{wait} {counted(wait, 'day')}" if wait is not None else "not known yet"
    return {
        counted(len(site.applications), "application"): str(len(site.applications)),
        counted(len(held), "interview") + " held": str(len(held)),
        counted(len(offers), "offer"): str(len(offers)),
        "typical wait for an answer": typical,
    }


def counted(count: int, word: str) -> str:
    """`word`, in the plural unless `count` is one."""
    return word if count == 1 else word + "s"


def response_days(applications: list[Application], today: date) -> list[int]:
    """For each interview with news since: days until the next round or the decision."""
    waits = []
    for application in applications:
        notes = application.interviews
        for before, after in itertools.pairwise(notes):
            waits.append((after.note.date.day - before.note.date.day).days)
        latest = application.latest.note
        if latest.decided is not None and latest.date.day <= today:
            waits.append((latest.decided.day - latest.date.day).days)
    return [wait for wait in waits if wait >= 0]


def people(site: Site) -> list[Person]:
    """Everyone met or named in `people`, once per company: the same name at two companies is
    two people; none at an interview to come, or one the end of the search cancelled."""
    met: dict[tuple[str, str], list[tuple[Application, NoteFile, Interviewer]]] = {}
    tz = site.config.timezone
    for application in site.applications:
        for note_file in application.interviews:
            if note_file.note.date.day_in(tz) > site.today or cancelled(application, note_file, tz):
                continue
            for person in everyone(note_file.note):
                key = (comparable(application.company), person.name)
                met.setdefault(key, []).append((application, note_file, as_interviewer(person)))
    updates = {i.application: i.due for i in site.items if i.rule == "update"}
    order = chronological(tz)
    return sorted((_person(meetings, updates, order, tz) for meetings in met.values()),
                  key=lambda p: (alphabetical(p.name), alphabetical(p.company)))


def alphabetical(text: str) -> tuple[str, str]:
    """A sort key as in a dictionary, roughly: accents aside first (`Émile` among the e's, not
    after `Zoë`), then as written."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return bare.casefold(), text.casefold()


def _person(meetings: list[tuple[Application, NoteFile, Interviewer]],
            updates: dict[str, date], order: Callable[[NoteFile], Any], tz: tzinfo) -> Person:
    application, _, latest = max(meetings, key=lambda meeting: order(meeting[1]))
    details = application.known(latest)  # as its drafts have them
    applications = tuple({a.key: a for a, _, _ in meetings}.values())  # hashing one is slow
    contacts = [n.note.date.day_in(tz) for _, n, _ in meetings]
    contacts += [f.date.day_in(tz) for a in applications for n in a.interviews
                 for f in n.note.followups if f.to == details.name]
    contacts += [n.note.decided.day_in(tz) for a in applications for n in a.interviews
                 if n.note.decided is not None and n.note.decided_by == details.name]
    next_updates = [updates[a.key] for a in applications if a.key in updates]
    return Person(details.name, application.company, details, applications, max(contacts),
                  min(next_updates, default=None))


def lessons(site: Site, applications: Iterable[Application] | None = None) -> list[Lesson]:
    """Every interview with a reflection or feedback, of `applications` (all, if not given),
    newest first."""
    found = [Lesson(a, n, n.note.reflection if said(n.note.reflection) else None,
                    n.note.feedback)
             for a in (site.applications if applications is None else applications)
             for n in a.interviews if said(n.note.reflection) or n.note.feedback]
    return sorted(found, key=lambda lesson: lesson.note.note.date.day, reverse=True)


def said(reflection: Reflection | None) -> bool:
    """Whether a reflection has anything in it."""
    return reflection is not None and bool(reflection.went_well or reflection.to_improve)


def review(found: list[Lesson]) -> Review:
    """`lessons` grouped by tag (and feedback theme), by stage, by what went well and what to
    improve, and the feedback on its own; with the tags and stages that come back."""
    tags: dict[str, list[Lesson]] = {}
    stages: dict[Stage, list[Lesson]] = {}
    for lesson in found:
        for tag in lesson.themes:
            tags.setdefault(tag, []).append(lesson)
        if lesson.note.note.stage is not None:
            stages.setdefault(lesson.note.note.stage, []).append(lesson)
    by_tag = [Theme("tag", tag, tuple(tags[tag])) for tag in sorted(tags, key=alphabetical)]
    by_stage = [Theme("stage", stage.value, tuple(stages[stage]))
                for stage in Stage if stage in stages]
    recurring = sorted((t for t in by_tag + by_stage if t.count >= 2), key=lambda t: -t.count)
    return Review(
        by_tag=by_tag, by_stage=by_stage,
        went_well=[lesson for lesson in found if lesson.reflection and lesson.reflection.went_well],
        to_improve=[lesson for lesson in found
                    if lesson.reflection and lesson.reflection.to_improve],
        feedback=sorted(((lesson, given) for lesson in found for given in lesson.feedback),
                        key=lambda pair: pair[1].date.day, reverse=True),
        recurring=recurring,
    )
