"""The plan of a journal (config → notes → applications → checklist), and what a build reports.

The build itself, which writes the drafts and the report, is in `incremental.py`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jinja2

from .applications import Application, group_applications
from .checks import application_warnings, stale_schedules
from .config import Config
from .errors import FjError
from .journal import Journal, read_journal
from .problems import Problem
from .rules import Item, checklist


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
        return [*self.journal.problems, *application_warnings(self.applications),
                *stale_schedules(self.applications, self.today)]


@dataclass(frozen=True)
class Outcome:
    """What a build did and found, for the command to report."""

    notes: int  # read, valid or not
    files: int  # of the report
    written: int  # of those, written by this build (the others were already right)
    drafts_written: int
    kept: tuple[Path, ...]  # edited drafts left alone although the tool's version changed
    orphans: tuple[Path, ...]  # drafts folders whose note is gone
    due: int  # follow-ups due or overdue
    problems: tuple[Problem, ...]  # of the notes, applications and drafts, sorted
    output: Path


class ThemeError(FjError):
    """A template of the theme could not be used."""


def make_plan(config: Config, today: date) -> Plan:
    journal = read_journal(config)
    applications = group_applications(journal.notes, config.timezone)
    items = checklist(applications, config.rules, today, config.timezone)
    return Plan(journal, applications, items, today)


@contextmanager
def theme_errors() -> Iterator[None]:
    """A template of the theme that fails becomes one message with its file and line."""
    try:
        yield
    except jinja2.TemplateSyntaxError as error:
        raise ThemeError(f"{error.filename}:{error.lineno}: {error.message}") from None
    except jinja2.TemplateError as error:
        raise ThemeError(f"the theme could not render the report: {error}") from None


def broken_notes(journal: Journal, config: Config) -> dict[str, list[Problem]]:
    """The errors of each note that could not be read, by its path in the journal."""
    return {
        result.path.relative_to(config.root).as_posix(): [
            p for p in result.problems if p.severity == "error"
        ]
        for result in journal.results
        if result.note is None
    }
