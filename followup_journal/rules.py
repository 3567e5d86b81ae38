"""The follow-up practice, declared once: each rule, the advice behind it, its timing, and the
occasions (triggers) it finds in an application.

A trigger exists because of what the notes say (an interview, a promise, a date they named, a
no), whatever the day. Everything else derives from the triggers: the checklist
(`checklist.py`) dates each one and says where it stands as of a day; the drafts (`drafts.py`)
write a message for each one not yet done whose rule has one; `checks.py` warns about the
thank-yous still to write. Adding a follow-up kind is one `@rule` here, its template
`drafts/NAME.md.j2` if it has a message, and a model field if it needs new data.

Pure: the notes in, triggers out; no disk, no clock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from .applications import Application
from .model import Interviewer, NoteFile, Status, ToSend, When

H, D = timedelta(hours=1), timedelta(days=1)
WEEKDAYS = frozenset(range(5))  # Monday to Friday, as `date.weekday` numbers them


@dataclass(frozen=True)
class Timing:
    """When a rule's item is due and late, after its trigger; a rule can be switched off.

    `working_days` are the journal's (a message due on another day is due on the next of
    them); `answer_within` is the check-in's: the working days after the last interview in
    which an answer is expected when they named no date.
    """

    due: timedelta
    late: timedelta
    enabled: bool = True
    working_days: frozenset[int] = WEEKDAYS
    answer_within: int = 10


@dataclass(frozen=True)
class Trigger:
    """One occasion for a rule in an application: what, for whom, counted from when."""

    rule: str
    what: str  # as the checklist says it
    note: NoteFile  # the note it comes from, whose drafts folder holds its message
    start: When | date  # what the rule's timing counts from
    person: str | None = None  # whom the checklist names
    recipient: Interviewer | None = None  # whom its message goes to
    thing: ToSend | None = None  # what was promised
    index: int = 0  # of the interviewer, or of the thing, in the note
    opens: date | None = None  # the first day it can be done, if not the start's
    done: date | None = None  # as the follow-up log (or `sent`) says
    held: bool = True  # whether the notes say it took place: only then is a message drafted
    contacts: tuple[When, ...] = ()  # for a recurring rule: every contact, to count from
    unnamed: bool = False  # no date named: counted from `answer_within` working days after start


Triggers = Callable[[Application, tzinfo], Iterator[Trigger]]


@dataclass(frozen=True)
class Rule:
    name: str  # also the follow-up `kind` that marks its items done
    title: str
    practice: str  # the advice behind it, shown on the checklist page
    default: Timing
    triggers: Triggers
    statuses: frozenset[Status] | None = None  # where the application must stand (None: any)
    message: bool = True  # drafted from the theme's `drafts/NAME.md.j2`
    per_person: bool = False  # a message to each person, named after them
    waits: bool = False  # listed only from the day it opens (the interview), not before
    recurring: bool = False  # due again a cadence after the last contact
    lapses: bool = False  # once late, it is past, not overdue (an event)
    moves: bool = True  # a due day that is not a working day moves to the next working day
    answers: bool = False  # with no date named, counts from `answer_within` (a config key)


RULES: dict[str, Rule] = {}  # in the order of what matters most when several are late


def rule(name: str, title: str, practice: str, default: Timing,
         **options: object) -> Callable[[Triggers], Triggers]:
    """Register the decorated trigger function as the rule `name`."""
    def register(triggers: Triggers) -> Triggers:
        RULES[name] = Rule(name, title, practice, default, triggers, **options)  # type: ignore[arg-type]
        return triggers
    return register


CLOSED = {Status.WITHDRAWN}  # no rule applies
NO_NEWS_YET = frozenset({Status.SCHEDULED, Status.WAITING, Status.NEXT_ROUND})
KEEP_IN_TOUCH = frozenset({Status.WAITING, Status.NEXT_ROUND, Status.REJECTED})
WAITING_ON_THEM = frozenset({Status.WAITING, Status.NEXT_ROUND})


def triggers(app: Application, timings: Mapping[str, Timing], tz: tzinfo,
             rules: Iterable[str] = ()) -> Iterator[Trigger]:
    """The triggers of every rule switched on that applies to the application (or of those
    `rules` only), rule by rule."""
    if app.status in CLOSED:
        return
    for each in (RULES[name] for name in rules) if rules else RULES.values():
        if timing_of(each.name, timings).enabled and (each.statuses is None
                                                      or app.status in each.statuses):
            yield from each.triggers(app, tz)


def timing_of(name: str, timings: Mapping[str, Timing]) -> Timing:
    return timings.get(name, RULES[name].default)


# The rules -------------------------------------------------------------------------------------


@rule("thank-you", "Thank-you note", "Thank each interviewer by name within a day: name "
      "something specific you discussed, restate your interest.", Timing(24 * H, 48 * H),
      waits=True, per_person=True)
def thank_yous(app: Application, tz: tzinfo) -> Iterator[Trigger]:
    for note_file in app.interviews:
        for index, person in enumerate(note_file.note.interviewers):
            yield Trigger("thank-you", f"Thank-you note to {person.name}", note_file,
                          note_file.note.date, person.name, app.known(person), index=index,
                          done=logged_to(note_file, "thank-you", person.name),
                          held=held(note_file))


@rule("info", "Send what you promised", "Send the work sample or link you promised with, or "
      "soon after, the thank-you.", Timing(24 * H, 72 * H), waits=True)
def promised_items(app: Application, tz: tzinfo) -> Iterator[Trigger]:
    for note_file in app.interviews:
        for index, thing in enumerate(note_file.note.to_send):
            whom = f" to {thing.to}" if thing.to else ""
            sent = thing.sent.day if thing.sent else logged_to(note_file, "info", thing.to)
            yield Trigger("info", f"Send “{thing.what}”{whom}", note_file, note_file.note.date,
                          thing.to, recipient(app, note_file, thing.to), thing, index,
                          done=sent, held=held(note_file))


@rule("linkedin", "Connect on LinkedIn", "Connect with each interviewer, with a short note.",
      Timing(2 * D, 7 * D), waits=True, per_person=True, moves=False)
def linkedin_connections(app: Application, tz: tzinfo) -> Iterator[Trigger]:
    """Once per person in an application, from the first interview with them."""
    met: set[str] = set()
    for note_file in app.interviews:
        for index, person in enumerate(note_file.note.interviewers):
            if person.name in met:
                continue
            met.add(person.name)
            yield Trigger("linkedin", f"Connect with {person.name} on LinkedIn", note_file,
                          note_file.note.date, person.name, app.known(person), index=index,
                          done=first_logged(app, "linkedin", person.name),
                          held=held(note_file))


@rule("check-in", "Check in on next steps", "When the date they named has passed with no news "
      "(or, if they named none, a fair wait), follow up and refer to it.", Timing(1 * D, 4 * D),
      statuses=NO_NEWS_YET, answers=True)
def check_ins(app: Application, tz: tzinfo) -> Iterator[Trigger]:
    """Only the latest interview's promise counts: a later note means news came. When it names
    no date, an answer is expected within the rule's `answer_within` after the interview."""
    latest = app.latest
    steps = latest.note.next_steps
    said = f": “{steps.said}”" if steps and steps.said else ""
    whom, done = recipient(app, latest, None), logged(latest, "check-in")
    if steps is not None and steps.by is not None:
        yield Trigger("check-in", f"Check in on next steps{said}", latest, steps.by,
                      recipient=whom, opens=steps.by.day_in(tz) + D, done=done,
                      held=any_held(app))
    elif app.status in WAITING_ON_THEM:
        yield Trigger("check-in", f"Check in on next steps{said}", latest, latest.note.date,
                      recipient=whom, done=done, held=any_held(app), unnamed=True)


@rule("nudge", "Check in once more", "When a check-in gets no answer, follow up once more, "
      "briefly, a week later.", Timing(7 * D, 10 * D), statuses=NO_NEWS_YET)
def nudges(app: Application, tz: tzinfo) -> Iterator[Trigger]:
    """After the first check-in logged in the latest note, while no news came. A second
    check-in, on a later day, is the nudge too."""
    latest = app.latest
    sent = [f.date for f in latest.note.followups if f.kind == "check-in"]
    if not sent:
        return
    first = min(sent, key=lambda when: when.day)
    again = [when.day for when in sent if when.day > first.day]
    done = min(filter(None, [logged(latest, "nudge"), *again]), default=None)
    yield Trigger("nudge", "Check in once more: no answer to your check-in", latest, first,
                  recipient=recipient(app, latest, None), done=done, held=any_held(app))


@rule("rejection-thanks", "Thank them after a no", "Reply graciously: thank them for the "
      "opportunity and say you remain interested.", Timing(1 * D, 3 * D),
      statuses=frozenset({Status.REJECTED}))
def rejection_thanks(app: Application, tz: tzinfo) -> Iterator[Trigger]:
    yield after_a_no(app, "rejection-thanks", "Thank them for the opportunity")


@rule("feedback", "Ask for feedback", "Ask what you could improve: specific, open to "
      "criticism, and thankful whatever the answer.", Timing(2 * D, 7 * D),
      statuses=frozenset({Status.REJECTED}))
def feedback_requests(app: Application, tz: tzinfo) -> Iterator[Trigger]:
    yield after_a_no(app, "feedback", "Ask for feedback on your interviews")


def after_a_no(app: Application, name: str, what: str) -> Trigger:
    return Trigger(name, what, app.latest, app.decided, recipient=recipient(app, app.latest, None),
                   done=first_logged(app, name))


@rule("update", "Keep in touch", "Every few weeks, send a short update or an article that "
      "matters to them.", Timing(28 * D, 35 * D), statuses=KEEP_IN_TOUCH, recurring=True)
def keep_in_touch(app: Application, tz: tzinfo) -> Iterator[Trigger]:
    """Recurring: due a cadence after the last contact of any kind (`checklist.py`)."""
    contacts = [n.note.date for n in app.interviews]
    contacts += [f.date for n in app.interviews for f in n.note.followups]
    yield Trigger("update", "Send a short update or an article", app.latest, app.latest.note.date,
                  recipient=recipient(app, app.latest, None), held=any_held(app),
                  contacts=tuple(contacts))


@rule("event", "Attend a company event", "Attend the company's events and webinars.",
      Timing(0 * D, 0 * D), message=False, lapses=True, moves=False)
def events(app: Application, tz: tzinfo) -> Iterator[Trigger]:
    for note_file in app.interviews:
        for event in note_file.note.events:
            day = event.date.day_in(tz)
            yield Trigger("event", f"Attend {event.name}", note_file, event.date,
                          done=day if event.attended else None, opens=day - 14 * D)


RANK = {name: rank for rank, name in enumerate(RULES)}
DEFAULT_TIMINGS = {name: each.default for name, each in RULES.items()}


# Helpers ---------------------------------------------------------------------------------------


def held(note_file: NoteFile) -> bool:
    """Whether the note says its interview took place."""
    return note_file.note.status is not Status.SCHEDULED


def any_held(app: Application) -> bool:
    return any(map(held, app.interviews))


def recipient(app: Application, note_file: NoteFile, name: str | None) -> Interviewer | None:
    """The interviewer named (someone no note at the company knows gets a placeholder
    address), or for no name the first of the note's interviewers with an email address, else
    the first at all; each as the company's notes know them (`Application.known`)."""
    people = [app.known(p) for p in note_file.note.interviewers]
    if name is not None:
        return next((p for p in people if p.name == name), app.known(Interviewer(name)))
    with_email = [p for p in people if p.email]
    return next(iter(with_email or people), None)


def logged(note_file: NoteFile, kind: str) -> date | None:
    """The first day a follow-up of this kind was logged in the note, to anyone."""
    days = [f.date.day for f in note_file.note.followups if f.kind == kind]
    return min(days, default=None)


def logged_to(note_file: NoteFile, kind: str, person: str | None) -> date | None:
    """The first day a follow-up of this kind was logged to `person` (None: to no one named).

    A follow-up that names no one counts for everyone it could be for.
    """
    days = [f.date.day for f in note_file.note.followups
            if f.kind == kind and f.to in (person, None)]
    return min(days, default=None)


def first_logged(app: Application, kind: str, person: str | None = None) -> date | None:
    """The first day a follow-up of this kind was logged in any note of the application, to
    `person` if one is given."""
    days = [day for n in app.interviews
            if (day := logged_to(n, kind, person) if person else logged(n, kind)) is not None]
    return min(days, default=None)
