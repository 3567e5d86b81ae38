"""The rebuild `fj watch` and `fj serve` do after one note changes: `rebuild.py JOURNAL`.

Builds the journal once (as a watcher does when it starts), changes one note, and prints the
seconds the incremental rebuild took in the same process, from the note's path as the file
system's event names it: the wait between saving a note and the report being up to date. Like
`fj watch` and `fj serve`, which run threads, it never forks workers: the first build is made
in this process, and leaves what the rebuild reuses.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from followup_journal import parallel
from followup_journal.watch import Session


def main(root: Path) -> None:
    parallel.MINIMUM = sys.maxsize  # as in watch: one process
    session = Session(root, None, date(2026, 11, 21), False, lambda: ZoneInfo("UTC"))
    session.build()
    notes = sorted((root / "notes").glob("*.md"))
    one = notes[len(notes) // 3]
    text = one.read_bytes()
    one.write_bytes(text.replace(b"Clear answers", b"Clear answers, calm", 1))
    started = time.perf_counter()
    session.build([one.resolve()])
    print(f"{time.perf_counter() - started:.3f}")
    one.write_bytes(text)
    os.utime(one)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
