"""Work shared with a forked child (`parallel.in_two`), run in a fresh process: a test process
may have other threads, and a process with threads is never forked."""

from __future__ import annotations

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

print(parallel.in_two(where, list(range(6))))
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
