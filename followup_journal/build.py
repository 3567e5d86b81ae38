"""The pipeline, top to bottom: config → notes → applications → checklist → report → files."""

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
from .draftfiles import DraftsResult, draft_warnings, drafts_beside, write_drafts
from .drafts import draft_files, plan_drafts
from .errors import FjError
from .journal import Journal, read_journal
from .problems import Problem
from .report import Site, render_site
from .rules import Item, checklist
from .theme import environment
from .writer import WriteResult, check_output, write_site


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
class Built:
    plan: Plan
    files: int
    written: WriteResult
    output: Path
    drafts: DraftsResult
    draft_problems: list[Problem]


class ThemeError(FjError):
    """A template of the theme could not be used."""


def make_plan(config: Config, today: date) -> Plan:
    journal = read_journal(config)
    applications = group_applications(journal.notes, config.timezone)
    items = checklist(applications, config.rules, today, config.timezone)
    return Plan(journal, applications, items, today)


def build(config: Config, today: date, output: Path, eml: bool = False) -> Built:
    """Read the journal, write its drafts beside the notes and its report to `output`.

    Notes with errors are left out; drafts the user edited are kept as they are.
    """
    plan = make_plan(config, today)
    note_paths = [result.path for result in plan.journal.results]
    check_output(output, config.root, note_paths)
    env = environment(config.root / "themes")
    with theme_errors():
        drafts = draft_files(plan_drafts(plan.applications, config.rules), config.me, env)
    drafted = write_drafts(drafts, list(plan.journal.drafts_folders), set(note_paths))
    on_disk = drafts_beside([note.path for note in plan.journal.notes])
    site = Site(config, today, plan.applications, plan.items, broken_notes(plan.journal, config),
                on_disk, tuple(drafted.edited), tuple(drafted.orphans), frozenset(drafts))
    with theme_errors():
        files = render_site(site, env, eml=eml)
    problems = [p for found in on_disk.values() for p in draft_warnings(found)]
    return Built(plan, len(files), write_site(output, files), output, drafted, problems)


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
