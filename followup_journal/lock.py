"""One build of a journal at a time: `fj build`, `fj watch` and `fj serve` take turns.

Two builds writing the same drafts folders at once could each take the other's new drafts for
the user's. The lock is the operating system's (`flock`) on the journal's folder itself, so it
creates no file, and it is let go of however the build ends: a build killed outright leaves no
lock behind. Where there is no `flock` (Windows), builds are not serialised.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]


def say_waiting() -> None:
    print("Waiting for another build of this journal to finish...", file=sys.stderr, flush=True)


@contextmanager
def journal_lock(root: Path, waiting: Callable[[], object] = say_waiting) -> Iterator[None]:
    """Hold the journal's build lock; `waiting` is called first if another build holds it."""
    if fcntl is None:
        yield
        return
    handle = os.open(root, os.O_RDONLY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting()
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # lets go of the lock, unless a forked child still holds the handle
