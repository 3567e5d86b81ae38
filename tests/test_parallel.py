"""Work shared with a forked child (`parallel.in_two`), run in a fresh process: a test process
may have other threads, and a process with threads is never forked."""

from __future__ import annotations

import shutil
import subprocess
import sys

IN_TWO = """
import os, sys
from followup_journal import parallel
parallel.MINIMUM = 2
parent = os.getpid()

def where(number):
    if os.getpid() != parent and sys.argv[1] == "the child fails":
        raise OSError("the child's half fails")
    return number, "parent" if os.getpid() == parent else "child"

if sys.argv[1] == "Ctrl-C as the child starts":  # a pipe end closed, the child's first step
    close = os.close

    def interrupted_close(fd):
        close(fd)
        if os.getpid() != parent:
            raise KeyboardInterrupt

    os.close = interrupted_close
try:
    print(parallel.in_two(where, list(range(6))))
except KeyboardInterrupt:
    print("the caller's handler ran in", "the parent" if os.getpid() == parent else "the child")
"""


def in_two(case: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", IN_TWO, case], capture_output=True, text=True,
                          check=False)


def test_a_forked_child_does_the_second_half_and_the_results_keep_their_order():
    done = in_two("both do their half")

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str([(0, "parent"), (1, "parent"), (2, "parent"),
                                       (3, "child"), (4, "child"), (5, "child")])


def test_when_the_child_fails_the_parent_does_its_half_too_and_nothing_is_printed():
    done = in_two("the child fails")

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str([(n, "parent") for n in range(6)])
    assert done.stderr == ""  # no traceback from the child


def test_a_ctrl_c_as_the_child_starts_never_runs_the_callers_code_in_the_child():
    done = in_two("Ctrl-C as the child starts")

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str([(n, "parent") for n in range(6)])  # and nothing else


SCAN = """
import os, sys
from pathlib import Path
from zoneinfo import ZoneInfo
from followup_journal import parallel
from followup_journal.config import load_config
from followup_journal.stamps import scan_journal

config, _ = load_config(Path(sys.argv[1]), lambda: ZoneInfo("UTC"))
alone = scan_journal(config)
parallel.MINIMUM = 1
forks = []
fork = os.fork
os.fork = lambda: forks.append(1) or fork()
shared = scan_journal(config)
print(len(forks), len(shared.drafts_stamps), shared == alone)
"""


def test_a_scan_shared_with_a_child_finds_every_draft_as_one_process_does(tmp_path):
    from conftest import SAMPLE, run_fj

    journal = tmp_path / "journal"
    shutil.copytree(SAMPLE, journal, ignore=shutil.ignore_patterns("_site"))
    assert run_fj("build", "--today", "2026-11-19", "--no-cache", str(journal)).exit_code == 0

    done = subprocess.run([sys.executable, "-c", SCAN, str(journal)], capture_output=True,
                          text=True, check=False)

    assert done.returncode == 0, done.stderr
    forks, folders, same = done.stdout.split()
    assert (forks, same) == ("1", "True")
    assert int(folders) >= 2  # drafts folders, shared out
