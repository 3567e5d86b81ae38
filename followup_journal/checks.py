"""Warnings about valid notes: things that would make their follow-ups weaker than they could be."""

from __future__ import annotations

from collections.abc import Iterator

from .model import FollowUpKind, NoteFile, Status
from .problems import Problem, Severity


def note_warnings(note_file: NoteFile) -> list[Problem]:
    return list(thank_yous_without_highlights(note_file))


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
