"""A record of what each build did: the notes it read again, the drafts it rendered, the pages it
rendered, the applications it looked over for warnings again. Nothing listens unless asked:
tests (and a curious maintainer) open a `recording()` around builds and read it, instead of
patching the stages to count their calls.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal


@dataclass
class BuildEvents:
    read: list[Path] = field(default_factory=list)  # notes read again, not as remembered
    drafted: list[Path] = field(default_factory=list)  # drafts rendered (written or not)
    rendered: list[str] = field(default_factory=list)  # pages of the report rendered
    scanned: list[Path] = field(default_factory=list)  # journals scanned whole (`scan.py`)
    warned: list[str] = field(default_factory=list)  # applications whose warnings were found


_listening: list[BuildEvents] = []


@contextmanager
def recording() -> Iterator[BuildEvents]:
    """What the builds in this block do, in this process and the workers it forks."""
    events = BuildEvents()
    _listening.append(events)
    try:
        yield events
    finally:
        _listening.remove(events)


def record(what: Literal["read", "drafted", "rendered", "scanned", "warned"],
           done: Iterable[Path | str]) -> None:
    """Called by the stages, in the process that shares out the work: the workers' part too."""
    for events in _listening:
        getattr(events, what).extend(done)
