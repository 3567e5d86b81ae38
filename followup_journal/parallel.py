"""Both cores for a large build: the same work, split over forked worker processes.

Forked workers start with everything the parent had (the theme, the journal just read), so only
the items and the results travel between processes. Small jobs stay in the process, where
starting workers would cost more than it saves; so do jobs in a process that runs other threads
(`fj watch`, `fj serve`), which must not be forked.
"""

from __future__ import annotations

import gc
import marshal
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

MINIMUM = 300  # items below which one process is faster
WORKERS = 4
PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>

_job: tuple[Callable[[Any, Any], Any], Any] | None = None  # for the forked workers to find


def parallel_map(function: Callable[[Any, Item], Result], context: Any, items: Sequence[Item],
                 meanwhile: Callable[[], object] = lambda: None) -> list[Result]:
    """`[function(context, item) for item in items]`, over several processes when that pays.

    `meanwhile` is other work for this process, done while the workers do theirs (or first,
    when there are none): work whose side effects must stay in this process.
    """
    workers = min(_cores(), WORKERS)
    if len(items) < MINIMUM or workers < 2 or not _can_fork():
        meanwhile()
        return [function(context, item) for item in items]
    import multiprocessing  # only now: it takes longer to import than a no-op build to run

    global _job
    _job = (function, context)
    try:
        with multiprocessing.get_context("fork").Pool(workers, _worker_started,
                                                      (os.getpid(),)) as pool:
            results = pool.map_async(_run, items, chunksize=max(1, len(items) // (workers * 8)))
            try:
                meanwhile()
            except Exception:
                results.wait()  # closing the pool would kill the workers in the middle of a file
                raise
            return results.get()
    finally:
        _job = None


def in_two(function: Callable[[Item], Result], items: Sequence[Item],
           minimum: int | None = None) -> list[Result]:
    """`[function(item) for item in items]`, the second half done meanwhile by a forked child.

    For work that waits on the system more than it computes (the stamps of a scan, the files
    of the drafts): a bare fork costs a few milliseconds, where a pool of workers
    (`parallel_map`) costs tens. The child's results come back by `marshal`, so they must be
    plain values (numbers, text, tuples, lists, None). If the child fails, this process does its
    half too; so `function` must be safe to run again on an item. Ctrl-C stops both halves as
    it stops `function` in one process: each runs its own clean-up, and this process returns
    only once the child is done, even if Ctrl-C reached this process alone, or twice (a child
    left running would go on writing files while the user starts the next build). Fewer items
    than `minimum` (`MINIMUM`) stay in this process.
    """
    if len(items) < (MINIMUM if minimum is None else minimum) or not can_share():
        return [function(item) for item in items]
    half = len(items) // 2
    read_end, write_end = os.pipe()
    # Ctrl-C waits until each process is inside the code that handles it: a child interrupted
    # right after the fork would otherwise go on to run its parent's code.
    interrupts = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
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
    return mine + marshal.loads(sent)


def _send_and_exit(parent: int, read_end: int, write_end: int,
                   interrupts: set[int | signal.Signals], function: Callable[[Item], Result],
                   items: Sequence[Item]) -> NoReturn:
    """The child's part of `in_two`: it never returns into the parent's code, whatever happens,
    and says by its status whether all it sent is there."""
    status = 1
    try:
        _end_with(parent)
        gc.freeze()  # never collected here, the parent's garbage never runs its finalizers here
        signal.signal(signal.SIGINT, _interrupted_once)
        signal.pthread_sigmask(signal.SIG_SETMASK, interrupts)
        os.close(read_end)
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(marshal.dumps([function(item) for item in items]))
        status = 0
    finally:
        os._exit(status)


def _interrupted_once(signal_number: int, frame: object) -> NoReturn:
    """The child's Ctrl-C: `KeyboardInterrupt`, as `function` expects, and only once, so that a
    second one (from the terminal and from the parent) cannot cut its clean-up short."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
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


def _worker_started(parent: int) -> None:
    """Ctrl-C is the parent's to handle: it stops the pool, which ends the workers at once; and
    a parent killed outright takes its workers with it.

    A file a worker was writing then stays as a temporary file, which the next build removes
    (`writer.claim_site`). Ending workers more gently, by turning the pool's SIGTERM into an
    exception that removes the file, hung one build in eight: a worker went on waiting on the
    pool's queue after its SIGTERM.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # how the pool ends them: not an interrupt
    _end_with(parent)


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


def _run(item: Any) -> Any:
    assert _job is not None
    function, context = _job
    return function(context, item)


def _can_fork() -> bool:
    return sys.platform == "linux" and threading.active_count() == 1
