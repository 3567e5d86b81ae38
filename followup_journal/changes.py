"""What changed in the search between two versions of the journal: new applications and rounds,
statuses that moved, decisions, follow-ups logged and things sent; and, from the plan of today,
the items that became overdue in the period. Pure: notes, items and days in, changes out.

`fj changes` and the dashboard's "Since" section read the older version from git (`history.py`,
`since.py`); when there is none, `dated_in` says what the notes alone tell of the period.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from enum import StrEnum
from pathlib import Path

from .applications import DECISIONS, Application, group_applications, grouped_as
from .checklist import Item, State
from .model import FollowUp, NoteFile, Status


class Kind(StrEnum):
    """What kind of change; listed in this order."""

    DATED = "dated"  # a note dated in the period: all that is known without history
    APPLICATION = "new application"
    ROUND = "new round"
    STATUS = "status"
    DECISION = "decision"
    FOLLOW_UP = "follow-up"
    SENT = "sent"
    OVERDUE = "overdue"


SECTIONS = {
    "notes dated in the period": (Kind.DATED,), "new applications": (Kind.APPLICATION,),
    "new rounds": (Kind.ROUND,), "statuses moved": (Kind.STATUS,),
    "offers and decisions": (Kind.DECISION,), "follow-ups logged": (Kind.FOLLOW_UP, Kind.SENT),
    "became overdue": (Kind.OVERDUE,),
}
"""The headings changes are listed under, in order."""


@dataclass(frozen=True)
class Change:
    """One thing that changed, in the application it belongs to (its key as the plan of now
    makes it)."""

    kind: Kind
    application: str
    company: str
    role: str
    what: str  # in words, without the day
    day: date | None  # when it happened, as the note says
    note: Path
    before: str | None = None  # a status moved: from what
    after: str | None = None  # and to what

    @property
    def words(self) -> str:
        """What changed, said on its own (not under a heading): `new round: onsite (waiting)`."""
        return f"{LABELS.get(self.kind, '')}{self.what}"


LABELS = {Kind.DATED: "interview: ", Kind.APPLICATION: "new application: ",
          Kind.ROUND: "new round: ", Kind.FOLLOW_UP: "logged ", Kind.OVERDUE: "overdue: "}


def compare(before: Iterable[NoteFile], after: Iterable[NoteFile], tz: tzinfo) -> list[Change]:
    """Everything new in `after` that `before` did not have. A note is the same note at the same
    path, or, moved, one of the same application, day and stage."""
    old_notes = {n.path: n for n in before}
    old_apps = {a.identity: a for a in group_applications(old_notes.values(), tz)}
    now = group_applications(after, tz)
    moved = _moved(old_notes, [n for a in now for n in a.interviews if n.path not in old_notes])
    found: list[Change] = []
    for application in now:
        old = old_apps.get(application.identity)
        if old is None:
            found.append(_change(Kind.APPLICATION, application, application.interviews[0],
                                 _round_words(application.interviews[0]), tz))
        else:
            found += _status_moved(old, application, tz)
        for note_file in application.interviews:
            then = old_notes.get(note_file.path) or moved.get(note_file.path)
            if then is None and old is not None:
                found.append(_change(Kind.ROUND, application, note_file,
                                     _round_words(note_file), tz))
            found += _logged(application, then, note_file, tz)
    return in_order(found)


def became_overdue(applications: list[Application], items: Iterable[Item], since: date,
                   today: date) -> list[Change]:
    """The items overdue today that were not on `since`: late on a day from `since` on."""
    by_key = {a.key: a for a in applications}
    found = []
    for item in items:
        if item.state is State.OVERDUE and since <= item.late < today:
            application = by_key[item.application]
            found.append(Change(Kind.OVERDUE, application.key, application.company,
                                application.role, f"{item.what_to_whom} (due {item.due:%a %d %b})",
                                item.late + timedelta(days=1), item.note))
    return in_order(found)


def dated_in(applications: list[Application], since: date, today: date,
             tz: tzinfo) -> list[Change]:
    """The notes whose day falls after `since`, up to `today`."""
    return in_order([
        _change(Kind.DATED, application, note_file,
                _round_words(note_file), tz)
        for application in applications for note_file in application.interviews
        if since < note_file.note.date.day_in(tz) <= today])


def in_order(changes: list[Change]) -> list[Change]:
    """By the heading they are listed under, then day, then application and what: a thing
    sent falls among the follow-ups logged by its day."""
    heading = {kind: i for i, kinds in enumerate(SECTIONS.values()) for kind in kinds}
    return sorted(changes, key=lambda c: (heading[c.kind], c.day or date.min,
                                          c.application, c.what))


def _moved(old_notes: dict[Path, NoteFile], new: list[NoteFile]) -> dict[Path, NoteFile]:
    """The new paths of notes renamed or moved, to the notes as they were."""
    gone = {_same_round(n): n for path, n in old_notes.items()}
    return {n.path: gone[_same_round(n)] for n in new if _same_round(n) in gone}


def _same_round(note_file: NoteFile) -> tuple[str, date, str]:
    note = note_file.note
    return grouped_as(note), note.date.day, str(note.stage)


def _status_moved(old: Application, application: Application, tz: tzinfo) -> list[Change]:
    if old.status is application.status:
        return []
    kind = Kind.DECISION if application.status in DECISIONS else Kind.STATUS
    before, after = str(old.status), str(application.status)
    return [Change(kind, application.key, application.company, application.role,
                   f"{before} → {after}", application.decided, application.latest.path,
                   before, after)]


def _logged(application: Application, then: NoteFile | None, note_file: NoteFile,
            tz: tzinfo) -> list[Change]:
    """The follow-ups logged in the note, and the things marked sent, since `then`."""
    known = Counter(_entry(f) for f in then.note.followups) if then else Counter()
    found = []
    for followup in note_file.note.followups:
        if known[_entry(followup)]:
            known[_entry(followup)] -= 1
            continue
        whom = f" to {followup.to}" if followup.to else ""
        found.append(_change(Kind.FOLLOW_UP, application, note_file,
                             f"{followup.kind}{whom}", tz, followup.date.day_in(tz)))
    was_sent = {t.what for t in then.note.to_send if t.sent} if then else set()
    for thing in note_file.note.to_send:
        if thing.sent and thing.what not in was_sent:
            whom = f" to {thing.to}" if thing.to else ""
            found.append(_change(Kind.SENT, application, note_file, f"sent: {thing.what}{whom}", tz,
                                 thing.sent.day_in(tz)))
    return found


def _entry(followup: FollowUp) -> tuple[str, str | None, object]:
    """A follow-up as the same entry, its note edited or not."""
    return followup.kind, followup.to, followup.date


def _change(kind: Kind, application: Application, note_file: NoteFile, what: str, tz: tzinfo,
            day: date | None = None) -> Change:
    return Change(kind, application.key, application.company, application.role, what,
                  day or note_file.note.date.day_in(tz), note_file.path)


def _round_words(note_file: NoteFile) -> str:
    """`onsite (waiting)`: the round of a note and where it left the application."""
    status = note_file.note.status
    stage = note_file.note.stage or ("event" if status is Status.EVENT else "interview")
    return str(stage) if status is Status.EVENT else f"{stage} ({status})"
