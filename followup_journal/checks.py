"""Warnings about valid notes: things that would make their follow-ups weaker than they could be."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from .applications import Application
from .model import FollowUpKind, NoteFile, Status
from .problems import Problem, Severity, did_you_mean


def note_warnings(note_file: NoteFile) -> list[Problem]:
    return [*thank_yous_without_highlights(note_file), *thank_yous_without_email(note_file)]


def thank_yous_without_email(note_file: NoteFile) -> Iterator[Problem]:
    """The thank-you draft needs an address; without one it carries a placeholder."""
    note = note_file.note
    if note.status is Status.SCHEDULED:
        return
    thanked = {f.to for f in note.followups if f.kind is FollowUpKind.THANK_YOU}
    for index, person in enumerate(note.interviewers):
        if person.email or person.name in thanked or None in thanked:
            continue
        pos = note_file.position(f"interviewers[{index}].name")
        yield Problem(
            note_file.path, pos.line, pos.col,
            f"no `email` for {person.name}: the thank-you draft has a placeholder for it",
            Severity.WARNING,
        )


def thank_yous_without_highlights(note_file: NoteFile) -> Iterator[Problem]:
    """A thank-you is good when it names something specific; warn where the note gives nothing."""
    note = note_file.note
    if note.status is Status.SCHEDULED or note.highlights:
        return
    thanked = {f.to for f in note.followups if f.kind is FollowUpKind.THANK_YOU}
    for index, person in enumerate(note.interviewers):
        if person.highlights or person.name in thanked or None in thanked:
            continue
        pos = note_file.position(f"interviewers[{index}].name")
        yield Problem(
            note_file.path, pos.line, pos.col,
            f"nothing specific to mention in the thank-you to {person.name}: "
            "add `highlights` to the note or to this interviewer",
            Severity.WARNING,
        )


def application_warnings(applications: list[Application]) -> list[Problem]:
    return [problem for app in applications for problem in unknown_recipients(app)]


def unknown_recipients(app: Application) -> Iterator[Problem]:
    """A `to` must be an interviewer's exact name, or the follow-up marks nothing done."""
    names = {person.name for n in app.interviews for person in n.note.interviewers}
    for note_file in app.interviews:
        note = note_file.note
        named = [(f"followups[{i}].to", f.to) for i, f in enumerate(note.followups)]
        named += [(f"to_send[{i}].to", t.to) for i, t in enumerate(note.to_send)]
        for field, name in named:
            if name is None or name in names:
                continue
            pos = note_file.position(field)
            yield Problem(
                note_file.path, pos.line, pos.col,
                f"`{field}`: {name!r} is not the name of an interviewer of this application, "
                f"so it marks nothing done{did_you_mean(name, names)}",
                Severity.WARNING,
            )


def stale_schedules(applications: list[Application], today: date) -> Iterator[Problem]:
    """An interview in the past still marked `scheduled` gets no drafts: say so."""
    for app in applications:
        for note_file in app.interviews:
            note = note_file.note
            if note.status is Status.SCHEDULED and note.date.day < today:
                pos = note_file.position("status")
                yield Problem(
                    note_file.path, pos.line, pos.col,
                    "the interview date has passed but `status` is still scheduled: update it "
                    "(waiting, next-round, ...) to get its follow-ups drafted",
                    Severity.WARNING,
                )
