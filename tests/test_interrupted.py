"""A build stopped at any instant leaves nothing the next build takes for the user's.

Ctrl-C, a kill of the process or of its whole group (its workers too): whatever was renamed into
place by then, the next build must make exactly what a build of the notes and the config alone
makes, and call no draft edited.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

TODAY = ["--today", "2026-11-19"]
NOTES = 240

# Runs `fj` with os.replace (every rename into place: pages, drafts, records, the cache) stopped
# at its nth call, counted over all the build's processes, in whichever process makes it: Ctrl-C
# (SIGINT to the whole process group, as a terminal sends it), SIGTERM or SIGKILL to the main
# process, or SIGKILL to the whole group. `log` instead writes where each rename goes.
STOPPED_AT = """
import os, signal, sys
nth, how, counter = int(sys.argv[1]), sys.argv[2], sys.argv[3]
leader, real, mine = os.getpid(), os.replace, [0]
tally = os.open(counter, os.O_WRONLY | os.O_APPEND | os.O_CREAT)  # shared by forked children
def replace(source, target, **options):
    mine[0] += 1
    token = f"{os.getpid():>10}{mine[0]:>9}\\n".encode()  # appended whole, in one write
    os.write(tally, token)
    with open(counter, "rb") as tallied:
        calls = tallied.read().find(token) // len(token) + 1
    if how == "log":
        with open(counter + ".log", "a") as log:
            print(calls, os.fspath(target), file=log)
    elif calls == nth:
        if how in ("SIGINT", "SIGKILL-group"):
            os.killpg(0, signal.SIGINT if how == "SIGINT" else signal.SIGKILL)
        else:
            os.kill(leader, getattr(signal, how))
    return real(source, target, **options)
os.replace = replace
from followup_journal.cli import main
sys.argv = ["fj", *sys.argv[4:]]
main()
"""


def fj(journal: Path, *args: str, stop: tuple[int, str] = (0, "none")
       ) -> subprocess.CompletedProcess[str]:
    nth, how = stop
    counter = journal.parent / "renames"
    counter.unlink(missing_ok=True)
    return subprocess.run(
        [sys.executable, "-c", STOPPED_AT, str(nth), how, str(counter), "build", *TODAY, *args,
         str(journal)], capture_output=True, text=True, timeout=300, start_new_session=True)


def sign(journal: Path, signature: str) -> None:
    config = journal / "journal.toml"
    text = config.read_text("utf-8").split("signature")[0]
    config.write_text(text + f'signature = "{signature}"\n', "utf-8")


def files_of(journal: Path) -> dict[str, bytes]:
    """The drafts and their records, which the user commits, and the pages."""
    return {p.relative_to(journal).as_posix(): p.read_bytes() for p in sorted(journal.rglob("*"))
            if p.is_file() and (p.parent.name.endswith(".drafts")
                                or p.is_relative_to(journal / "_site"))}


@pytest.fixture(scope="module")
def signed_a(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A journal of a few hundred notes, built with signature A."""
    journal = tmp_path_factory.mktemp("signed-a") / "journal"
    subprocess.run([sys.executable, str(REPO / "benchmarks/generate.py"), str(NOTES),
                    str(journal)], check=True)
    sign(journal, "A")
    assert fj(journal, "--no-cache").returncode == 0
    return journal


@pytest.fixture(scope="module")
def expected(signed_a: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """What a build with signature C makes of the notes and the config alone."""
    fresh = tmp_path_factory.mktemp("fresh") / "journal"
    shutil.copytree(signed_a, fresh, ignore=shutil.ignore_patterns("_site", "*.drafts"))
    sign(fresh, "C")
    assert fj(fresh, "--no-cache").returncode == 0
    return files_of(fresh)


@pytest.fixture(scope="module")
def renames(signed_a: Path, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Where each rename of a build with signature B goes, in order."""
    journal = tmp_path_factory.mktemp("probe") / "journal"
    shutil.copytree(signed_a, journal)
    sign(journal, "B")
    assert fj(journal, "--no-cache", stop=(0, "log")).returncode == 0
    lines = (journal.parent / "renames.log").read_text().splitlines()
    return [target for _, target in sorted(line.split(" ", 1) for line in lines)]


MOMENTS = ["the first draft", "the first record", "the first page", "a third", "two thirds"]


def instant(moment: str, renames: list[str]) -> int:
    """Which rename of the build is the moment's."""
    tests = {"the first draft": lambda t: ".drafts/" in t and t.endswith(".md"),
             "the first record": lambda t: t.endswith(".followup-journal-drafts"),
             "the first page": lambda t: "/_site/" in t}
    if moment in tests:
        return next(n for n, target in enumerate(renames, 1) if tests[moment](target))
    return len(renames) * (1 if moment == "a third" else 2) // 3


@pytest.mark.parametrize("moment", MOMENTS)
@pytest.mark.parametrize("how", ["SIGINT", "SIGTERM", "SIGKILL", "SIGKILL-group"])
def test_a_build_stopped_at_any_instant_leaves_no_draft_marked_edited(
        how, moment, signed_a, expected, renames, tmp_path):
    journal = tmp_path / "journal"
    shutil.copytree(signed_a, journal)
    sign(journal, "B")
    stopped = fj(journal, stop=(instant(moment, renames), how))
    assert stopped.returncode != 0, "the build was not stopped"
    assert "Traceback" not in stopped.stderr, stopped.stderr

    sign(journal, "C")
    done = fj(journal)

    assert done.returncode == 0, done.stdout + done.stderr
    assert "edited" not in done.stderr, done.stderr
    assert list(journal.rglob("*.tmp")) == []
    assert files_of(journal) == expected
