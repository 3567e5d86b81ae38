"""Warnings about valid notes: what would make their follow-ups weaker than they could be, or
wrong (a name that is no one's, a date before its interview, a past interview still scheduled)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, tzinfo

from .applications import Application, cancelled
from .model import NoteFile, Status
from .problems import Problem, Severity, closest
from .rules import Timing, triggers, withdrawing


def note_warnings(note_file: NoteFile) -> list[Problem]:
    """What a note says that cannot be right, whatever the others say."""
    return [*dates_before_the_interview(note_file), *namesakes(note_file)]


def namesakes(note_file: NoteFile) -> Iterator[Problem]:
    """Two interviewers of one name: the rules, drafts and logged follow-ups know people by
    name, so they would be one person, with one thank-you."""
    seen: set[str] = set()
    for index, person in enumerate(note_file.note.interviewers):
        if person.name in seen:
            pos = note_file.position(f"interviewers[{index}].name")
            yield Problem(note_file.path, pos.line, pos.col, (
                f"a second interviewer named `{person.name}`: both would get one thank-you; "
                "tell them apart in the name (a middle initial, say)"), Severity.WARNING)
        seen.add(person.name)


def dates_before_the_interview(note_file: NoteFile) -> Iterator[Problem]:
    """A date that can only come after the interview, before it: the day they named for news,
    a thank-you sent, or the day of an offer or of your answer to it. Most likely a slip of the
    year or month, which would make a check-in or the thanks for an offer look months overdue.
    A day of slack, for interviews in another timezone; other dates may well come before (an
    item sent ahead, a LinkedIn invitation, a withdrawal or a no before an interview to come)."""
    note = note_file.note
    after = [("next_steps.by", note.next_steps.by if note.next_steps else None)]
    if note.status in (Status.OFFER, Status.ACCEPTED, Status.DECLINED):
        after.append(("decided", note.decided))
    after += [(f"followups[{i}].date", f.date) for i, f in enumerate(note.followups)
              if f.kind == "thank-you"]
    interview = note.date.day
    for field, when in after:
        if when is not None and (interview - when.day).days > 1:
            pos = note_file.position(field)
            yield Problem(
                note_file.path, pos.line, pos.col,
                f"`{field}` ({when.day.isoformat()}) is before the interview "
                f"({interview.isoformat()}): check the year and month", Severity.WARNING,
            )


WarningsOf = Callable[[Application, Mapping[str, Timing], tzinfo], list[Problem]]


def application_warnings(applications: list[Application], timings: Mapping[str, Timing],
                         tz: tzinfo, warnings_of: WarningsOf | None = None) -> list[Problem]:
    """The warnings of each application, in order; `warnings_of` finds one's (a build passes
    one that remembers them from the build before)."""
    find = warnings_of or warnings_of_application
    return [problem for app in applications for problem in find(app, timings, tz)]


def warnings_of_application(app: Application, timings: Mapping[str, Timing],
                            tz: tzinfo) -> list[Problem]:
    """What its notes, the people of its company and the day its search ended make wrong or
    weak in an application, whatever the day."""
    return [*unknown_recipients(app), *weak_thank_yous(app, timings, tz),
            *guessed_recipients(app, timings, tz)]


def weak_thank_yous(app: Application, timings: Mapping[str, Timing],
                    tz: tzinfo) -> Iterator[Problem]:
    """What would leave a thank-you still to draft weak: nothing specific to mention, or no
    address that any note at the company gives."""
    for trigger in triggers(app, timings, tz, ["thank-you"]):
        if not trigger.held or trigger.done is not None:
            continue
        note_file, person = trigger.note, trigger.recipient
        assert person is not None  # a thank-you goes to its interviewer
        pos = note_file.position(f"interviewers[{trigger.index}].name")
        if not (person.highlights or note_file.note.highlights):
            yield Problem(
                note_file.path, pos.line, pos.col,
                f"nothing specific to mention in the thank-you to {person.name}: "
                "add `highlights` to the note or to this interviewer", Severity.WARNING,
            )
        if not person.email:
            yield Problem(
                note_file.path, pos.line, pos.col,
                f"no `email` for {person.name}: the thank-you draft has a placeholder for it",
                Severity.WARNING,
            )


@dataclass(frozen=True)
class Unmatched:
    """A name that is no one's of its application: a `to` whose entry marks nothing done, or
    a `next_steps.owner`, `decided_by` or feedback's `given_by` whose message has no address."""

    note_file: NoteFile
    field: str  # as `followups[0].to`
    name: str
    meant: str | None  # the person it most likely means

    @property
    def index(self) -> int:
        """Of the follow-up or the thing to send, in its note."""
        return int(self.field[self.field.index("[") + 1:self.field.index("]")])

    @property
    def marks_nothing_done(self) -> bool:
        return self.field.endswith("].to")

    def problem(self) -> Problem:
        """The warning `fj check` gives, at the name."""
        pos = self.note_file.position(self.field)
        result = "marks nothing done" if self.marks_nothing_done else "has no address to write to"
        return Problem(self.note_file.path, pos.line, pos.col, (
            f"`{self.field}`: {self.name!r} is not the name of anyone in this application "
            f"(`interviewers`, `people`), so it {result}{self._hint}"), Severity.WARNING)

    @property
    def _hint(self) -> str:
        return f" (did you mean `{self.meant}`?)" if self.meant else ""


def unmatched_names(app: Application) -> Iterator[Unmatched]:
    """The names in an application's notes that are no one's exact name in it."""
    names = {person.name for person in app.people}
    for note_file in app.interviews:
        note = note_file.note
        named = [(f"followups[{i}].to", f.to) for i, f in enumerate(note.followups)]
        named += [(f"to_send[{i}].to", t.to) for i, t in enumerate(note.to_send)]
        named += [("next_steps.owner", note.next_steps.owner if note.next_steps else None),
                  ("decided_by", note.decided_by)]
        named += [(f"feedback[{i}].given_by", f.given_by) for i, f in enumerate(note.feedback)]
        for field, name in named:
            if name is not None and name not in names:
                yield Unmatched(note_file, field, name, _whom_you_mean(name, names))


def unknown_recipients(app: Application) -> Iterator[Problem]:
    """A `to`, an owner, a decider or a giver of feedback must be someone's exact name in the
    application."""
    return (found.problem() for found in unmatched_names(app))


def guessed_recipients(app: Application, timings: Mapping[str, Timing],
                       tz: tzinfo) -> Iterator[Problem]:
    """A message to write whose recipient the notes do not tell (`rules.addressee`): it goes
    to the latest interview's first interviewer, who may well be the wrong person."""
    advice = {"check-in": ("check-in", "name who gives the news in `next_steps.owner`"),
              "rejection-thanks": ("reply to their no", "name who told you in `decided_by`"),
              "feedback": ("request for feedback", "name who told you in `decided_by`"),
              "decline": ("reply declining the offer", "name who made it in `decided_by`"),
              "withdrawal": ("withdrawal", "name who gives the news in `next_steps.owner`")}
    for trigger in triggers(app, timings, tz):
        if not trigger.guessed or not trigger.held or trigger.done is not None:
            continue
        if len(app.people) < 2 or trigger.rule not in advice:
            continue  # one person can only be the right one; updates are weeks away
        whom = trigger.recipient.name if trigger.recipient else "no one"
        steps = trigger.rule == "check-in" and trigger.note.note.next_steps is not None
        field = "next_steps" if steps else "status"
        pos = trigger.note.position(field)
        message, how = advice[trigger.rule]
        yield Problem(
            trigger.note.path, pos.line, pos.col,
            f"cannot tell who gets the {message}, so it goes to {whom}: {how}, or give "
            "someone a `role` (recruiter, hiring-manager) in `people`", Severity.WARNING,
        )


def _whom_you_mean(name: str, names: set[str]) -> str | None:
    """The person `name` most likely means: for one word, the one whose first or last name
    it is (the likeliest slip: `Alex` for `Alex Martin`), else the closest spelling."""
    said = name.casefold().split()
    same = sorted(full for full in names if len(said) == 1 and said[0] in _first_and_last(full))
    if same and len({full.casefold() for full in same}) == 1:  # one person, however spelt
        return same[0]
    return closest(name, names)


def _first_and_last(name: str) -> set[str]:
    words = name.casefold().split()
    return {words[0], words[-1]} if words else set()


def stale_schedules(applications: list[Application], today: date,
                    tz: tzinfo) -> Iterator[Problem]:
    """An interview in the past (in the journal's timezone) still marked `scheduled` gets no
    drafts: say so; unless the search ended while its application was open, since then only
    the withdrawal (which cancels an interview to come) is drafted for it, whatever its status,
    and unless the search's end cancelled it (its application withdrawn since)."""
    for app in applications:
        if withdrawing(app):
            continue
        for note_file in app.interviews:
            note = note_file.note
            if (note.status is Status.SCHEDULED and note.date.day_in(tz) < today
                    and not cancelled(app, note_file, tz)):
                pos = note_file.position("status")
                yield Problem(
                    note_file.path, pos.line, pos.col,
                    "the interview date has passed but `status` is still scheduled: update it "
                    "(waiting, next-round, ...) to get its follow-ups drafted",
                    Severity.WARNING,
                )
