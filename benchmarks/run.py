"""Measure `fj build` on synthetic journals and print a table: `python benchmarks/run.py`.

For each size: a cold build (no report, no drafts yet), a no-op rebuild, a rebuild after one
note changes, the peak memory of the cold build, and in the same run the floor script on the
same journal. Then `fj --help` start-up. Each figure is the best of a few runs, in a fresh
process, as a user would run it. Journals are generated, seeded, in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import generate

HERE = Path(__file__).resolve().parent
FJ = [sys.executable, "-m", "followup_journal"]
TODAY = ["--today", "2026-11-21"]


def timed(command: list[str], cache: Path | None = None) -> tuple[float, int]:
    """Wall time in seconds and peak memory in MB of one run of `command`, with `cache` as
    followup-journal's cache folder."""
    environment = {**os.environ, "FOLLOWUP_JOURNAL_CACHE": str(cache)} if cache else None
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env=environment)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:  # the journals are valid: anything else is a bug
        raise RuntimeError(f"{' '.join(command)} failed")
    return elapsed, usage.ru_maxrss // 1024


def best(command: list[str], runs: int, before: object = None,
         cache: Path | None = None) -> tuple[float, int]:
    results = []
    for _ in range(runs):
        if callable(before):
            before()
        results.append(timed(command, cache))
    return min(results)


def measure(count: int, workdir: Path, runs: int) -> dict[str, str]:
    journal = workdir / f"journal-{count}"
    generate(count, journal)
    clean_notes = {p: p.read_bytes() for p in (journal / "notes").glob("*.md")}
    cache = workdir / f"cache-{count}"  # the build cache of this journal only

    def fresh() -> None:  # a cold build: no report, no drafts, no cache, the notes as generated
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(journal / "_site", ignore_errors=True)
        for folder in (journal / "notes").glob("*.drafts"):
            shutil.rmtree(folder)
        for path, data in clean_notes.items():
            path.write_bytes(data)

    build = [*FJ, "build", str(journal), *TODAY]
    cold, memory = best(build, runs, fresh, cache)
    noop, _ = best(build, runs, cache=cache)
    one = sorted(clean_notes)[len(clean_notes) // 2]

    def edit_one() -> None:
        one.write_bytes(one.read_bytes().replace(b"Clear answers", b"Clear answers!", 1)
                        if b"Clear answers!" not in one.read_bytes() else clean_notes[one])

    changed, _ = best(build, runs, edit_one, cache)
    watch_rebuild = min(float(subprocess.run(
        [sys.executable, str(HERE / "rebuild.py"), str(journal)], check=True, text=True,
        capture_output=True).stdout) for _ in range(runs))
    floor_out = workdir / f"floor-{count}"
    floor, _ = best([sys.executable, str(HERE / "floor.py"), str(journal), str(floor_out)], runs,
                    lambda: shutil.rmtree(floor_out, ignore_errors=True))
    return {"notes": f"{count:,}", "cold build": f"{cold:.2f} s", "floor": f"{floor:.2f} s",
            "cold / floor": f"{cold / floor:.1f} x", "no-op rebuild": f"{noop:.2f} s",
            "one note changed": f"{changed:.2f} s",
            "watch: one note changed": f"{watch_rebuild:.3f} s", "peak memory": f"{memory} MB"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1_000, 10_000])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (the best counts)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        rows = [measure(count, Path(scratch), arguments.runs) for count in arguments.sizes]
    help_time, _ = best([*FJ, "--help"], 5)
    print("| " + " | ".join(rows[0]) + " |")
    print("|" + " --- |" * len(rows[0]))
    for row in rows:
        print("| " + " | ".join(row.values()) + " |")
    print(f"\n`fj --help`: {help_time:.3f} s (python -m followup_journal --help, best of 5)")
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
