"""Reading a whole journal from disk: every note's result (which files are notes: `stamps.py`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, tzinfo
from pathlib import Path

from .applications import Application, group_applications
from .checklist import Item, checklist
from .checks import application_warnings, stale_schedules
from .config import Config
from .model import NoteFile
from .problems import Problem
from .reader import NoteResult, parse_note
from .sourcetext import Unreadable, read_file
from .stamps import scan_journal


@dataclass(frozen=True)
class Journal:
    config: Config
    results: tuple[NoteResult, ...]
    problems: tuple[Problem, ...]  # of the notes, and of folders that could not be read

    @property
    def notes(self) -> list[NoteFile]:
        return [result.note for result in self.results if result.note is not None]


def read_journal(config: Config) -> Journal:
    """Every note of the journal, valid or not, in a stable order."""
    scan = scan_journal(config)
    results = [load_note(path, config.timezone)[1] for path in scan.notes]
    problems = [*scan.problems, *(p for result in results for p in result.problems)]
    return Journal(config, tuple(results), tuple(problems))


def load_note(path: Path, tz: tzinfo) -> tuple[bytes | None, NoteResult]:
    """A note's bytes (None when they cannot be read) and what they say."""
    try:
        data = read_file(path)
    except Unreadable as error:
        return None, NoteResult(path, None, (Problem(path, error.line, error.col, error.message),))
    return data, parse_note(path, data, tz)


@dataclass(frozen=True)
class Plan:
    """What the journal says to do, as of a day."""

    journal: Journal
    applications: list[Application]
    items: list[Item]
    today: date

    @property
    def problems(self) -> list[Problem]:
        """Of each note, and of notes taken together as applications."""
        return [*self.journal.problems,
                *application_warnings(self.applications, self.journal.config.rules,
                                      self.journal.config.timezone),
                *stale_schedules(self.applications, self.today,
                                 self.journal.config.timezone)]


def make_plan(config: Config, today: date) -> Plan:
    journal = read_journal(config)
    applications = group_applications(journal.notes, config.timezone)
    items = checklist(applications, config.rules, today, config.timezone)
    return Plan(journal, applications, items, today)
