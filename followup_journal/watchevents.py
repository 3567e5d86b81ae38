"""Watchdog's file events below the journal, as the paths they changed, taken in bursts.

Events are gathered until they settle (`SETTLE` seconds without a new one), so a `git checkout`
of hundreds of files or an editor's save-by-rename is one burst. Events that change nothing (a
file opened or read) are dropped here; which changed paths matter is the session's to say.
"""

from __future__ import annotations

import errno
import logging
import queue
import threading
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from watchdog.events import (
    EVENT_TYPE_CLOSED,
    EVENT_TYPE_CREATED,
    EVENT_TYPE_DELETED,
    EVENT_TYPE_MODIFIED,
    EVENT_TYPE_MOVED,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from .errors import FjError

SETTLE = 0.1  # seconds without events before a burst counts as over
LONGEST_WAIT = 1.0  # rebuild at least this often while events keep coming

CHANGES = {EVENT_TYPE_CREATED, EVENT_TYPE_MODIFIED, EVENT_TYPE_MOVED, EVENT_TYPE_DELETED,
           EVENT_TYPE_CLOSED}  # not opened, closed without writing, or attributes only


class WatchLimit(FjError):
    """The system will not watch more files."""


LOST = Path("\0lost")  # stands for the changes the system dropped: no file has this name


class Changes(FileSystemEventHandler):
    """Collects the paths watchdog reports, for the watching thread to take in bursts."""

    def __init__(self) -> None:
        self.paths: queue.Queue[Path] = queue.Queue()

    def lost(self) -> None:
        """The system dropped events (its queue overflowed): what changed is not known."""
        self.paths.put(LOST)

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in CHANGES:
            return
        if event.is_directory and event.event_type == EVENT_TYPE_MODIFIED:
            return  # a file in it changed: that file has its own event
        self.paths.put(Path(_text(event.src_path)))
        if event.event_type == EVENT_TYPE_MOVED:
            self.paths.put(Path(_text(event.dest_path)))

    def burst(self, stop: threading.Event, day_changed: Callable[[], bool]) -> set[Path]:
        """Wait for a change (or a new day), then for the changes to settle; every path changed
        meanwhile."""
        found: set[Path] = set()
        while not found:
            if stop.is_set() or day_changed():
                return found
            try:
                found.add(self.paths.get(timeout=0.2))
            except queue.Empty:
                continue
        deadline = time.monotonic() + LONGEST_WAIT
        while time.monotonic() < deadline:
            try:
                found.add(self.paths.get(timeout=SETTLE))
            except queue.Empty:
                break
        return found


class Overflow(logging.Filter):
    """Turns watchdog's warning that the system dropped events into a rebuild, which looks at
    every file, instead of a log line the user can do nothing about."""

    LOGGERS = ("watchdog.observers.inotify", "watchdog.observers.inotify_c")

    def __init__(self, changes: Changes) -> None:
        super().__init__()
        self.changes = changes
        for name in self.LOGGERS:
            logging.getLogger(name).addFilter(self)

    def filter(self, record: logging.LogRecord) -> bool:
        if "queue overflowed" not in record.getMessage():
            return True
        self.changes.lost()
        return False

    def stop(self) -> None:
        for name in self.LOGGERS:
            logging.getLogger(name).removeFilter(self)


def _stopping_noise(record: logging.LogRecord) -> bool:
    return "called when the thread is inactive" not in record.getMessage()


def start_observer(root: Path, handler: FileSystemEventHandler, poll: bool) -> BaseObserver:
    # Watchdog's inotify observer warns when a new folder is watched twice (once from its event,
    # once from a scan of its parent); the second watch replaces the first, which is harmless.
    warnings.filterwarnings("ignore", "Callback with id", RuntimeWarning, "watchdog")
    # When stopped while reading an event, it logs an error although nothing went wrong: on
    # Ctrl-C the user would see "queue_events() called when the thread is inactive".
    logging.getLogger("watchdog.observers.inotify").addFilter(_stopping_noise)
    observer: BaseObserver = PollingObserver(timeout=0.5) if poll else Observer()
    # The folder itself, not a link to it: watchdog does not follow links, and would see the
    # journal's folders but nothing at its top (journal.toml).
    observer.schedule(handler, str(root.resolve()), recursive=True)
    try:
        observer.start()
    except OSError as error:
        if error.errno in (errno.ENOSPC, errno.EMFILE):
            raise WatchLimit(
                "the system's limit of watched folders (inotify) is reached. Raise it with "
                "`sudo sysctl fs.inotify.max_user_watches=524288` (add the same line to "
                "/etc/sysctl.conf to keep it), or watch with --poll") from None
        raise
    return observer


def _text(path: str | bytes) -> str:
    return path.decode("utf-8", "surrogateescape") if isinstance(path, bytes) else path
