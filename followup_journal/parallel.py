"""Both cores for a large build: the work split in two, half of it done by a forked child.

A forked child starts with everything the parent had (the theme, the journal just read), so only
its results travel back. Small jobs stay in the process, where forking would cost more than it
saves; so do jobs in a process that runs other threads (`fj watch`, `fj serve`), which must not
be forked. However the build ends (Ctrl-C, `kill`, a closed terminal, the child killed alone),
both processes end, and the work is done or stopped whole.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

MINIMUM = 300  # items below which one process is faster
PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>
# What stops a build: Ctrl-C, `kill`, a closed terminal. Held back while forking, so that a
# child cannot run its parent's code before its own handlers are in place.
STOPS = {getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)}


def parallel_map(function: Callable[[Any, Item], Result], context: Any, items: Sequence[Item],
                 meanwhile: Callable[[], object] | None = None) -> list[Result]:
    """`[function(context, item) for item in items]`, part of it by a forked child when that
    pays. `meanwhile` is other work for this process, done while the child does its part:
    work whose side effects must stay in this process. The child then takes three quarters of
    the items: the index pages this process renders meanwhile take about as long as half the
    other pages, from a few hundred notes to ten thousand."""
    share = 0.5 if meanwhile is None else 0.75
    return in_two(lambda item: function(context, item), items,
                  meanwhile=meanwhile or (lambda: None), child_share=share)


def in_two(function: Callable[[Item], Result], items: Sequence[Item],
           minimum: int | None = None, meanwhile: Callable[[], object] = lambda: None,
           child_share: float = 0.5) -> list[Result]:
    """`[function(item) for item in items]`, the last items (`child_share` of them) done by a
    forked child while this process does `meanwhile`, then the first ones.

    A bare fork costs a few milliseconds. The child's results come back pickled. If the child
    fails (or is killed), this process does its part too; so `function` must be safe to run
    again on an item. Ctrl-C, `kill` and a closed terminal stop both parts as they stop
    `function` in one process: each runs its own clean-up, and this process returns only once
    the child is done, even if the signal reached this process alone, or twice (a child left
    running would go on writing files while the user starts the next build). Fewer items than
    `minimum` (`MINIMUM`) stay in this process.
    """
    if len(items) < (MINIMUM if minimum is None else minimum) or not can_share():
        meanwhile()
        return [function(item) for item in items]
    half = len(items) - int(len(items) * child_share)  # this process's part: the first items
    read_end, write_end = os.pipe()
    # Ctrl-C waits until each process is inside the code that handles it: a child interrupted
    # right after the fork would otherwise go on to run its parent's code.
    interrupts = signal.pthread_sigmask(signal.SIG_BLOCK, STOPS)
    parent = os.getpid()
    try:
        child = os.fork()
        if child == 0:
            _send_and_exit(parent, read_end, write_end, interrupts, function, items[half:])
    except OSError:  # no fork to be had: this process does it all
        child = 0
    os.close(write_end)
    try:
        signal.pthread_sigmask(signal.SIG_SETMASK, interrupts)
        meanwhile()
        mine = [function(item) for item in items[:half]]
        sent = _read_all(read_end) if child else b""
    except BaseException:
        if child:
            os.kill(child, signal.SIGINT)  # its half is not wanted now either
        raise
    finally:
        os.close(read_end)  # a child still writing stops then, instead of waiting for a reader
        status = _wait_for(child) if child else 1
    if status != 0 or not sent:
        return mine + [function(item) for item in items[half:]]
    return mine + pickle.loads(sent)


def _send_and_exit(parent: int, read_end: int, write_end: int,
                   interrupts: set[int | signal.Signals], function: Callable[[Item], Result],
                   items: Sequence[Item]) -> NoReturn:
    """The child's part of `in_two`: it never returns into the parent's code, whatever happens,
    and says by its status whether all it sent is there."""
    status = 1
    try:
        _end_with(parent)
        gc.freeze()  # never collected here, the parent's garbage never runs its finalizers here
        for stop in STOPS:
            signal.signal(stop, _interrupted_once)
        signal.pthread_sigmask(signal.SIG_SETMASK, interrupts)
        os.close(read_end)
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(pickle.dumps([function(item) for item in items], pickle.HIGHEST_PROTOCOL))
        status = 0
    finally:
        os._exit(status)


def _interrupted_once(signal_number: int, frame: object) -> NoReturn:
    """The child's Ctrl-C (or `kill`, or a closed terminal): `KeyboardInterrupt`, as `function`
    expects, and only once, so that a second one (from the terminal and from the parent) cannot
    cut its clean-up short."""
    for stop in STOPS:
        signal.signal(stop, signal.SIG_IGN)
    raise KeyboardInterrupt


def _wait_for(child: int) -> int:
    """The child's status, once it has ended. A Ctrl-C meanwhile is raised only then."""
    interrupted = False
    while True:
        try:
            status = os.waitpid(child, 0)[1]
            break
        except KeyboardInterrupt:
            interrupted = True
    if interrupted:
        raise KeyboardInterrupt
    return status


def can_share() -> bool:
    """Whether `in_two` would fork a child: two cores, and no other thread in this process."""
    return _cores() >= 2 and _can_fork()


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def _cores() -> int:
    """The cores this process may run on (fewer than the machine's, in a container)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _end_with(parent: int) -> None:
    """Have the system end this forked process when `parent` ends, however it ends (even by
    SIGKILL): left running, it would go on writing files, and print errors once its parent is
    gone. Linux only; the files it leaves half written are removed by the next build."""
    import ctypes

    try:
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # it ended before the request was made
        os._exit(1)


def _can_fork() -> bool:
    return sys.platform == "linux" and threading.active_count() == 1
