"""Time note bodies through markdown-it-py and markdown-it-pyrs, then cold builds with and without
markdown-it-pyrs: `python benchmarks/bodies.py [--notes 1000] [--runs 3]`.

The bodies are those of a generated journal and of the sample journal. Per body: markdown-it-py
alone, markdown-it-pyrs alone, and `markdown.to_html` (markdown-it-pyrs where it gives the same
HTML, else markdown-it-py), each the best of `--runs` passes. Then `fj build --no-cache` of the
generated journal, cold (no report, no drafts), in a fresh process, with and without
markdown-it-pyrs in turn; "without" runs the same build with the module made unimportable.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from generate import generate
from run import TODAY, timed

from followup_journal import markdown
from followup_journal.parse import split_front_matter

HERE = Path(__file__).resolve().parent
WITHOUT_PYRS = ("import sys; sys.modules['markdown_it_pyrs'] = None; "
                "from followup_journal.cli import main; main()")


def bodies_of(journal: Path) -> list[str]:
    return [split_front_matter(path.read_text("utf-8"))[1]
            for path in sorted((journal / "notes").glob("*.md"))]


def per_body(render: Callable[[str], str], bodies: list[str], runs: int) -> float:
    """The best time of `runs` passes over `bodies`, in microseconds per body."""
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        for body in bodies:
            render(body)
        best = min(best, time.perf_counter() - started)
    return best / len(bodies) * 1e6


def cold_builds(journal: Path, runs: int) -> None:
    def fresh() -> None:
        shutil.rmtree(journal / "_site", ignore_errors=True)
        for folder in (journal / "notes").glob("*.drafts"):
            shutil.rmtree(folder)

    build = ["build", str(journal), *TODAY, "--no-cache"]
    commands = {"with markdown-it-pyrs": [sys.executable, "-m", "followup_journal", *build],
                "without": [sys.executable, "-c", WITHOUT_PYRS, *build]}
    times: dict[str, list[float]] = {name: [] for name in commands}
    print(f"\ncold `fj build --no-cache`, {len(bodies_of(journal)):,} notes, in turn:")
    for run in range(runs):
        for name, command in (commands.items() if run % 2 == 0 else
                              reversed(commands.items())):
            fresh()
            seconds, memory = timed(command)
            times[name].append(seconds)
            print(f"  run {run + 1}, {name}: {seconds:.2f} s, {memory} MB")
    for name, found in times.items():
        print(f"  {name}: median {statistics.median(found):.2f} s, best {min(found):.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--notes", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    fast = markdown._fast()
    if fast is None:
        sys.exit("markdown-it-pyrs is not installed: there is nothing to compare")
    with tempfile.TemporaryDirectory() as scratch:
        journal = Path(scratch) / "journal"
        generate(arguments.notes, journal)
        for name, bodies in (("generated", bodies_of(journal)),
                             ("sample journal", bodies_of(HERE.parent / "sample-journal"))):
            reference = per_body(markdown._reference().render, bodies, arguments.runs)
            rust = per_body(fast.render, bodies, arguments.runs)
            chosen = per_body(markdown.to_html, bodies, arguments.runs)
            fast_share = sum(map(markdown.fast_agrees, bodies)) / len(bodies)
            print(f"{name}, {len(bodies):,} bodies of {sum(map(len, bodies)) // len(bodies)} "
                  f"characters on average, per body: markdown-it-py {reference:.1f} µs, "
                  f"markdown-it-pyrs {rust:.1f} µs, to_html {chosen:.1f} µs "
                  f"({reference / chosen:.1f} x; {fast_share:.0%} by markdown-it-pyrs)")
        cold_builds(journal, arguments.runs)


if __name__ == "__main__":
    main()
