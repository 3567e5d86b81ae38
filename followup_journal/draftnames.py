"""The file name of each draft, made from what it is about, never from its place in a list, so
that a draft keeps its name whatever else is done or added. Pure; the checklist links each item
to its draft by this name, and the drafts stage writes it."""

from __future__ import annotations

import hashlib

from .model import NoteFile, ToSend
from .slugs import MAX_BYTES, cut, slug


def draft_name(kind: str, note_file: NoteFile, person: str | None = None,
               thing: ToSend | None = None, index: int = 0) -> str:
    """`thank-you-jane-doe.md`, `info-benchmark-write-up.md`, `check-in.md`: the kind, then
    the promised `thing` (the `index`th of the note's `to_send`) or the `person` a message of
    one per person goes to (numbered after the interviewers, or an event's speakers, before
    them whose names make the same slug)."""
    if thing is not None:
        earlier = [t.what for t in note_file.note.to_send[:index]]
        about = name_part(thing.what, earlier)
    elif person is not None:
        met = note_file.event.speakers if note_file.event else note_file.note.interviewers
        names = [p.name for p in met]
        place = names.index(person) if person in names else 0
        about = name_part(person, names[:place])
    else:
        about = ""
    return "-".join(part for part in (kind, about) if part) + ".md"


def name_part(text: str, earlier: list[str] | None = None) -> str:
    """A slug of at most 40 characters; a cut one ends with a short hash of the whole text.
    When `earlier` texts of its list took it (`Anna Lee`, `Anna-Lee`), `-2`, `-3`... the
    first free one."""
    taken: set[str] = set()
    for other in [*(earlier or []), text]:
        part = base = _short_slug(other)
        number = 2
        while part in taken:
            part, number = f"{base}-{number}", number + 1
        taken.add(part)
    return part


def _short_slug(text: str) -> str:
    part = slug(text, whole=True)
    if len(part) > 40 or len(part.encode("utf-8")) > MAX_BYTES:
        part = cut(part, 33, MAX_BYTES - 7) + "-" + hashlib.sha1(text.encode()).hexdigest()[:6]
    return part
