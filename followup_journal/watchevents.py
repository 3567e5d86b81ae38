"""Watchdog's file events below the journal, as the paths they changed, taken in bursts.

Events are gathered until they settle (`SETTLE` seconds without a new one), so a `git checkout`
of hundreds of files or an editor's save-by-rename is one burst. Events that change nothing (a
file opened or read) are dropped here; which changed paths matter is the session's to say.

Where the events cannot be trusted to name every change (the system dropped some, watching went
wrong), or when the user asks (Enter in the terminal, SIGHUP), the burst holds a `LookAgain`:
every file is to be looked at.
"""

from __future__ import annotations

import errno
import logging
import os
import queue
import signal
import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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
from watchdog.utils import BaseThread

from .errors import FjError

SETTLE = 0.1  # seconds without events before a burst counts as over
LONGEST_WAIT = 1.0  # rebuild at least this often while events keep coming

CHANGES = {EVENT_TYPE_CREATED, EVENT_TYPE_MODIFIED, EVENT_TYPE_MOVED, EVENT_TYPE_DELETED,
           EVENT_TYPE_CLOSED}  # not opened, closed without writing, or attributes only


class WatchLimit(FjError):
    """The system will not watch more files."""


@dataclass(frozen=True)
class LookAgain:
    """Every file is to be looked at, and why."""

    why: str


LOST = LookAgain("the system dropped file events")
ASKED = LookAgain("as asked")


class Changes(FileSystemEventHandler):
    """Collects the paths watchdog reports, for the watching thread to take in bursts."""

    def __init__(self) -> None:
        # A simple queue: its `put` is safe in a signal handler, which may run while the
        # watching thread (the main one) waits on the queue.
        self.paths: queue.SimpleQueue[Path | LookAgain] = queue.SimpleQueue()

    def look_again(self, why: LookAgain) -> None:
        """What changed is not known (or the user asks): every file is to be looked at."""
        self.paths.put(why)

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type == "events_lost":  # watchdog 7: the system's queue overflowed
            self.look_again(LOST)
            return
        if event.event_type not in CHANGES:
            return
        if event.is_directory and event.event_type == EVENT_TYPE_MODIFIED:
            return  # a file in it changed: that file has its own event
        self.paths.put(Path(_text(event.src_path)))
        if event.event_type == EVENT_TYPE_MOVED:
            self.paths.put(Path(_text(event.dest_path)))

    def burst(self, stop: threading.Event,
              day_changed: Callable[[], bool]) -> set[Path | LookAgain]:
        """Wait for a change (or a new day), then for the changes to settle; every path changed
        meanwhile."""
        found: set[Path | LookAgain] = set()
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


class Trouble(logging.Filter):
    """Turns watchdog's warnings (the system dropped events, a folder it cannot watch) and the
    failure of one of its threads into a look at every file, which the terminal tells, instead
    of a log line or a traceback."""

    LOGGERS = ("watchdog.observers.inotify", "watchdog.observers.inotify_c",
               "watchdog.observers.inotify_buffer", "watchdog.observers.polling",
               "watchdog.observers.api")

    def __init__(self, changes: Changes) -> None:
        super().__init__()
        self.changes = changes
        for name in self.LOGGERS:
            logging.getLogger(name).addFilter(self)
        self.excepthook = threading.excepthook
        threading.excepthook = self.thread_failed

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.levelno < logging.WARNING or "called when the thread is inactive" in message:
            return True
        self.changes.look_again(LOST if "queue overflowed" in message
                                else LookAgain(f"watching went wrong ({message})"))
        return False

    def thread_failed(self, failed: threading.ExceptHookArgs) -> None:
        if not isinstance(failed.thread, BaseThread):
            self.excepthook(failed)
            return
        self.changes.look_again(LookAgain(f"watching went wrong ({failed.exc_value}), and "
                                          "starts again"))

    def stop(self) -> None:
        for name in self.LOGGERS:
            logging.getLogger(name).removeFilter(self)
        threading.excepthook = self.excepthook


def alive(observer: BaseObserver) -> bool:
    """Whether the observer and each of its emitters still run."""
    return observer.is_alive() and all(emitter.is_alive() for emitter in observer.emitters)


@contextmanager
def asking(changes: Changes) -> Iterator[None]:
    """Let the user ask for a look at every file: SIGHUP (where there is one, and from the main
    thread only), and Enter in the terminal when stdin is one."""
    hangup: signal.Signals | None = getattr(signal, "SIGHUP", None)
    if threading.current_thread() is not threading.main_thread():
        hangup = None
    if hangup is not None:
        before = signal.signal(hangup, lambda *_: changes.look_again(ASKED))
    if sys.stdin is not None and sys.stdin.isatty():
        threading.Thread(target=_read_keys, args=(sys.stdin.fileno(), changes),
                         daemon=True).start()
    try:
        yield
    finally:
        if hangup is not None:
            signal.signal(hangup, before)


def _read_keys(stdin: int, changes: Changes) -> None:
    """Each line typed (Enter) asks for a look at every file. Reads the file descriptor, not
    `sys.stdin`, whose lock would stop the interpreter from exiting while this thread waits."""
    while True:
        try:
            typed = os.read(stdin, 1024)
        except OSError:
            return
        if not typed:
            return
        if b"\n" in typed or b"\r" in typed:
            changes.look_again(ASKED)


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
