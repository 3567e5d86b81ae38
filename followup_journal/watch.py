"""`fj watch`: build the journal again each time it changes, once per burst of changes.

Watchdog's events come in bursts (`watchevents.py`). Of the paths they changed, only those that
can change the report count: a note, the config, a theme file, or a draft the user edited. The
tool's own writes (the report, the drafts it wrote, the cache in another folder) are dropped, so
a build never sets off the next one.

The events are trusted: a rebuild looks again at the paths they name only (`scan.rescanned`),
not at the whole journal. Every file is looked at when watching starts, when the config or the
theme changed, when the system dropped events or watching went wrong, and when the user asks.
"""

from __future__ import annotations

import fnmatch
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, tzinfo
from pathlib import Path

from . import cache
from .builder import Builder
from .config import CONFIG_NAME, Config, load_config, refuse_broken, today_in
from .errors import FjError
from .lock import journal_lock
from .memory import load_memory, save_memory
from .outcome import Outcome
from .problems import Problem, failure
from .scan import (
    DRAFTS_SUFFIX,
    THEMES_FOLDER,
    Scan,
    digest,
    excluded,
    folder_stamps,
    rescanned,
    tree_stamps,
)
from .sourcetext import Unreadable, read_file
from .watchevents import Changes, LookAgain, Trouble, alive, start_observer

# What editors write beside the file they save: swap, backup, lock and probe files (vim's
# `.name.swp`, `name~` and `4913`, Emacs' `.#name` and `#name#`, JetBrains' safe write).
EDITOR_LITTER = ["*.swp", "*.swo", "*.swx", "*~", "4913", ".#*", "#*#", "*___jb_tmp___",
                 "*___jb_old___", "*.tmp", ".DS_Store"]


@dataclass
class Built:
    """What one rebuild gave: an outcome, or the error that stopped it."""

    outcome: Outcome | None
    error: str | None
    config_problems: list[Problem]
    seconds: float
    looked_at_all: str | None = None  # why every file was looked at, if it was not the rule


class Session:
    """One journal being built again and again: its config, its builder, its last scan."""

    def __init__(self, root: Path, output: Path | None, today: date | None, eml: bool,
                 local_timezone: Callable[[], tzinfo]) -> None:
        self.root = root
        self.chosen_output = output
        self.today = today
        self.local_timezone = local_timezone
        self.config, self.config_problems = self._load_config()
        self.day, self.day_config = self._today(self.config), self.config  # of the last build
        memory = load_memory(cache.cache_base(root, self.output))
        self.builder = Builder(self.config, self.output, eml, memory, cache.templates_folder())
        self.scan: Scan | None = None  # as the last build left it, if that build went well

    @property
    def output(self) -> Path:
        return self._output_of(self.config)

    def _output_of(self, config: Config) -> Path:
        return self.chosen_output or config.output

    def _load_config(self) -> tuple[Config, list[Problem]]:
        return load_config(self.root, self.local_timezone)

    def _today(self, config: Config) -> date:
        return self.today or today_in(config)

    def day_changed(self) -> bool:
        """Whether midnight has passed in the journal's timezone since the last build: what
        is due today has changed, though no file has."""
        return self._today(self.day_config) != self.day

    def build(self, changed: Iterable[Path] | None = None, why: str | None = None) -> Built:
        """Build again, looking at the `changed` paths only, or at every file; an error is
        reported, never raised, so watching goes on. Until a build with a new config
        succeeds, the last good one goes on deciding (where the report is served from, where
        the cache is kept). `why` every file is looked at, if it is not the rule."""
        started = time.perf_counter()
        config, self.config_problems = self._load_config()
        self.day, self.day_config = self._today(config), config  # good or not: no rebuild loop
        scan, self.scan = self._rescanned(config, changed), None
        try:
            refuse_broken(self.config_problems)
            self.builder.config, self.builder.output = config, self._output_of(config)
            with journal_lock(self.root):
                outcome = self.builder.build(self.day, scan)
            self.config, self.scan = config, self.builder.last_scan
        except (FjError, OSError) as error:
            self.builder.config, self.builder.output = self.config, self.output
            return Built(None, failure(error), self.config_problems,
                         time.perf_counter() - started, why)
        finally:
            self.builder.memory.let_go_of_replaced()  # else the session keeps what it replaced
        return Built(outcome, None, self.config_problems, time.perf_counter() - started, why)

    def _rescanned(self, config: Config, changed: Iterable[Path] | None) -> Scan | None:
        """The last good build's scan, brought up to date with the `changed` paths; None when
        every file is to be looked at."""
        if changed is None or self.scan is None or config != self.config:
            return None
        root = self.root.resolve()
        relative = []
        for path in changed:
            path = path.parent.resolve() / path.name  # as in `matters`
            if not path.is_relative_to(root):
                return None  # not where watchdog was told to look: nothing to go by
            parts = path.relative_to(root).parts
            if not parts or parts == (CONFIG_NAME,):
                return None
            relative.append("/".join(parts))
        return rescanned(self.scan, config, relative)

    def settings(self) -> str:
        """A digest of what can make a whole build fail: the config's text and the theme (a
        note with an error is left out, and the build goes on)."""
        try:
            config = read_file(self.root / CONFIG_NAME)
        except Unreadable:
            config = b""
        return digest(config, tree_stamps(self.root / THEMES_FOLDER))

    def changed_since_built(self) -> bool:
        """Whether a note, a draft, the config or the theme changed since the last good build."""
        config, _ = self._load_config()
        return not self.builder.finds_as_built(config, self._today(config))

    def save(self) -> None:
        """Leave the builder's memory in the cache for the next `fj build` or `fj watch`."""
        save_memory(cache.cache_base(self.root, self.output), self.builder.memory)

    def matters(self, path: Path) -> bool:
        """Whether a change to `path` can change the report."""
        root, output = self.root.resolve(), self.output.resolve()
        # As watchdog gives it: absolute, or from the current folder. The file itself is not
        # followed: an Emacs lock `.#note.md` is a link to a file that is not there.
        path = path.parent.resolve() / path.name
        if path.is_relative_to(output) or not path.is_relative_to(root):
            return False
        parts = path.relative_to(root).parts
        if not parts or any(part.startswith(".") for part in parts[:-1]):
            return False
        name = parts[-1]
        if any(fnmatch.fnmatchcase(name, litter) for litter in EDITOR_LITTER):
            return False
        if parts == (CONFIG_NAME,) or parts[0] == THEMES_FOLDER:
            return True
        drafts = next((i for i, part in enumerate(parts) if part.endswith(DRAFTS_SUFFIX)), None)
        if drafts is not None:
            return self._drafts_edited(self.root.joinpath(*parts[:drafts + 1]))
        if name.startswith(".") or excluded(self.config.exclude, "/".join(parts)):
            return False
        return name.endswith(".md") or path.is_dir() or not path.exists()

    def _drafts_edited(self, folder: Path) -> bool:
        """A drafts folder matters when it is not as the last build left it: the user's edit."""
        scan = self.builder.last_scan
        return scan is None or scan.drafts.get(folder, ()) != folder_stamps(folder)


def watch(session: Session, report: Callable[[Built], None], poll: bool = False,
          stop: threading.Event | None = None, changes: Changes | None = None) -> None:
    """Build now, then again after each change that matters, until `stop` is set (or Ctrl-C).
    `changes` may come with a way for the user to ask for a look at every file."""
    stop = stop or threading.Event()
    changes = changes or Changes()
    # The first build comes before watching: the events of its thousands of writes would keep
    # the watching thread busy, and alone in the process it can fork and use both cores (three
    # times faster at 2,000 notes). A save made meanwhile is found by looking once more.
    settings = session.settings()
    first = session.build()
    report(first)
    observer = start_observer(session.root, changes, poll)
    trouble = Trouble(changes)
    try:
        if (session.changed_since_built() if first.outcome is not None
                else session.settings() != settings):  # fixed as the first build failed
            report(session.build())
        while not stop.is_set():
            found = changes.burst(stop, session.day_changed)
            why = "; ".join(sorted({p.why for p in found if isinstance(p, LookAgain)})) or None
            if not alive(observer):  # its thread failed: events no longer come
                observer.stop()
                observer = start_observer(session.root, changes, poll)
            paths = [p for p in found if isinstance(p, Path) and session.matters(p)]
            if why or paths or session.day_changed():
                report(session.build(None if why else paths, why))
    finally:
        observer.stop()
        observer.join()
        trouble.stop()
