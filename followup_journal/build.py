"""The build `fj build` runs: from the cache of the last one.

When nothing changed since the last build, a build only says again what that one found, without
loading the templates or reading a note: this module imports nothing heavy. The build that reads
notes and writes drafts and the report, stage by stage, is in `builder.py`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from . import cache
from .config import Config
from .lock import journal_lock
from .outcome import Outcome, drafts_key, recent_base, render_key
from .scan import Scan, scan_journal, stamp
from .writer import read_manifest

if TYPE_CHECKING:
    from .builder import Builder


@dataclass(frozen=True)
class Summary:
    """The small cache file: whether anything changed since the last build, and what it said."""

    inputs: str
    outcome: Outcome


def cached_build(config: Config, output: Path, today: date, eml: bool = False,
                 use_cache: bool = True) -> Outcome:
    """A build that starts from the cache of the last one, and saves its own; one at a time."""
    with journal_lock(config.root):
        return _cached_build(config, output, today, eml, use_cache)


def _cached_build(config: Config, output: Path, today: date, eml: bool,
                  use_cache: bool) -> Outcome:
    base = cache.cache_base(config.root, output) if use_cache else None
    history = recent_base(config, today)
    key = render_key(drafts_key(config), output, today, eml, history)
    scan = scan_journal(config)
    if base is not None:
        summary = cache.load(base.with_suffix(".summary"), Summary)
        if summary is not None and summary.inputs and (
                summary.inputs == inputs_digest(scan, output, key)):
            return replace(summary.outcome, written=0, drafts_written=0, drafts_removed=0,
                           kept=())
    from .builder import Builder  # the templates, the YAML reader: only now
    from .memory import load_memory

    builder = Builder(config, output, eml, load_memory(base),
                      cache.templates_folder() if use_cache else None)
    outcome = builder.build(today, scan, history)  # as just found: no need to look again
    if base is not None:
        save_cache(base, builder, outcome)
    return outcome


def save_cache(base: Path, builder: Builder, outcome: Outcome) -> None:
    """Keep a build's memory for the next `fj build`, and what it found for a no-op."""
    from .memory import save_memory

    save_memory(base, builder.memory)
    # The files as the build read them (and its drafts as it wrote them), not as they are now:
    # a note saved during the build must not pass for built next time.
    scan = builder.last_scan
    inputs = ("" if scan is None or scan.racy
              else inputs_digest(scan, builder.output, builder.memory.render_key))
    cache.save(base.with_suffix(".summary"), Summary(inputs, outcome))


def inputs_digest(scan: Scan, output: Path, key: tuple[object, ...]) -> str:
    """Of everything a build reads and writes: equal digests, nothing to do.

    The report counts by its folders' stamps, which change when a file in them is added,
    deleted or renamed (the tool writes by renaming), and by how many files each holds, which
    shows a page deleted within the clock tick of the build that wrote it. A page edited in
    place by hand is left as it is until its notes change.
    """
    folders = sorted({name.rpartition("/")[0] for name in read_manifest(output)})
    return scan.digest(key, [(folder, stamp(output / folder), _count(output / folder))
                             for folder in folders])


def _count(folder: Path) -> int:
    try:
        with os.scandir(folder) as entries:
            return sum(1 for _ in entries)
    except OSError:
        return -1
