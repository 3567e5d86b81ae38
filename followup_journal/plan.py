"""The plan stage: what the journal says to do as of a day, the same for every command.

`plan` is pure: the notes read and `today` in; applications, the checklist and every problem of
the notes out. `fj check`, `fj agenda` and `fj build` all take their problems and items from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .applications import Application, group_applications
from .checklist import Item, ItemsOf, checklist
from .checks import WarningsOf, application_warnings, stale_schedules
from .config import Config
from .problems import Problem
from .read import Journal, read_journal


@dataclass(frozen=True)
class Plan:
    """What the journal says to do, as of a day."""

    journal: Journal
    applications: list[Application]
    items: list[Item]
    today: date
    warnings_of: WarningsOf | None = field(default=None, compare=False, repr=False)

    @property
    def problems(self) -> list[Problem]:
        """Of each note, and of notes taken together as applications."""
        return [*self.journal.problems,
                *application_warnings(self.applications, self.journal.config.rules,
                                      self.journal.config.timezone, self.warnings_of),
                *stale_schedules(self.applications, self.today,
                                 self.journal.config.timezone)]


def plan(journal: Journal, today: date, items_of: ItemsOf | None = None,
         warnings_of: WarningsOf | None = None) -> Plan:
    """The plan of a journal read; `items_of` makes each application's items and
    `warnings_of` finds its warnings (a build passes ones that remember them from the build
    before)."""
    config = journal.config
    applications = group_applications(journal.notes, config.timezone)
    items = checklist(applications, config.rules, today, config.timezone, items_of)
    return Plan(journal, applications, items, today, warnings_of)


def make_plan(config: Config, today: date) -> Plan:
    """The plan of the journal as it is on disk now."""
    return plan(read_journal(config), today)
