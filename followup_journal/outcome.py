"""What a build depends on and what it found: the vocabulary shared by the build that runs
(`builder.py`) and the one that finds nothing to do (`build.py`). Nothing heavy here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from . import __version__
from .config import Config
from .history import Base, base_commit
from .problems import Problem
from .scan import THEMES_FOLDER, tree_stamps
from .theme import default_theme


@dataclass(frozen=True)
class Outcome:
    """What a build did and found, for the command to report."""

    notes: int  # read, valid or not
    files: int  # of the report
    written: int  # of those, written by this build (the others were already right)
    drafts_written: int
    kept: tuple[Path, ...]  # edited drafts left alone although the tool's version changed
    orphans: tuple[Path, ...]  # drafts folders whose note is gone
    due: int  # follow-ups overdue or due now (as the dashboard counts them)
    problems: tuple[Problem, ...]  # of the notes, applications and drafts, sorted
    output: Path
    orphans_edited: tuple[Path, ...] = ()  # the drafts in orphans that the user edited
    drafts_removed: int = 0  # unedited drafts no longer wanted (done, or long overdue)


RECENT_DAYS = 7  # the dashboard's "Since" section: the changes of the last week


def render_key(drafts: tuple[object, ...], output: Path, today: date, eml: bool,
               base: Base | None = None) -> tuple[object, ...]:
    """What every page depends on: the drafts' key, the day, where the report goes and the
    commit the dashboard compares the notes with (`recent_base`). It is made from the drafts'
    key, not a second look at the theme, so that a theme saved between two looks cannot leave
    the pages renewed and the drafts not, or the other way round."""
    return (*drafts, today, eml, str(output), base)


def recent_base(config: Config, today: date) -> Base:
    """What the dashboard's "Since" section compares the notes with: the last commit on or
    before a week ago (one `git` command)."""
    return base_commit(config.root, today - timedelta(days=RECENT_DAYS), config.timezone)


def drafts_key(config: Config) -> tuple[object, ...]:
    """What every draft depends on: the tool, the config and the theme, not the day. A new
    day's first build renders every page again, but drafts only those of the applications
    whose drafts near the day changed (`drafting.day_of`), not 35,000 only to find them the
    same."""
    themes = (tree_stamps(config.root / THEMES_FOLDER), tree_stamps(default_theme()))
    return (__version__, repr(config), themes)
