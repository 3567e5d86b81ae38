"""Applications: the notes of one company and role, in the order the interviews happened."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .model import NoteFile, Status, When
from .slugs import slug


@dataclass(frozen=True)
class Application:
    key: str  # unique in the journal, fit for a file name
    interviews: tuple[NoteFile, ...]  # oldest first

    @property
    def latest(self) -> NoteFile:
        return self.interviews[-1]

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


def group_applications(notes: Iterable[NoteFile]) -> list[Application]:
    """Notes of the same company and role (ignoring case and spacing) form one application."""
    groups: dict[tuple[str, str], list[NoteFile]] = {}
    for note_file in notes:
        note = note_file.note
        groups.setdefault((_same(note.company), _same(note.role)), []).append(note_file)
    applications = []
    keys: set[str] = set()
    for group in sorted(groups.values(), key=lambda notes: min(map(_order, notes))):
        interviews = tuple(sorted(group, key=_order))
        key = _unique(slug(f"{interviews[-1].note.company} {interviews[-1].note.role}"), keys)
        applications.append(Application(key, interviews))
    return applications


def moment_order(when: When) -> tuple[date, float]:
    """Sorts days and moments together; a bare day sorts before the moments on that day."""
    return (when.day, when.at.timestamp() if when.at else float("-inf"))


def _order(note_file: NoteFile) -> tuple[tuple[date, float], str]:
    return (moment_order(note_file.note.date), note_file.path.as_posix())


def _same(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _unique(key: str, taken: set[str]) -> str:
    candidate, number = key or "application", 2
    while candidate in taken:
        candidate, number = f"{key}-{number}", number + 1
    taken.add(candidate)
    return candidate
