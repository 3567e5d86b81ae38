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
if sys.argv[1] == "Ctrl-C twice to the parent alone":
    import signal, tempfile, threading, time
    started = os.path.join(tempfile.mkdtemp(), "the child started")

    def where(number):
        if os.getpid() != parent:  # long work, and a clean-up that takes time
            try:
                open(started, "w").close()
                time.sleep(5)
            except KeyboardInterrupt:
                os.kill(os.getpid(), signal.SIGINT)  # as the terminal's Ctrl-C would reach it too
                time.sleep(0.5)
                print("the child cleaned up", flush=True)
                raise
        elif number == 0:  # once the child works, and again while the parent waits for it
            while not os.path.exists(started):
                time.sleep(0.01)
            os.remove(started)
            os.rmdir(os.path.dirname(started))
            threading.Timer(0.2, os.kill, (parent, signal.SIGINT)).start()
            os.kill(parent, signal.SIGINT)
        return number, "parent"
try:
    print(parallel.in_two(where, list(range(6))))
except KeyboardInterrupt:
    print("the caller's handler ran in", "the parent" if os.getpid() == parent else "the child")
    try:
        os.waitpid(-1, os.WNOHANG)
        print("a child is left running")
    except ChildProcessError:
        pass
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


def test_ctrl_c_twice_to_the_parent_alone_stops_the_child_and_waits_for_its_clean_up():
    done = in_two("Ctrl-C twice to the parent alone")

    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["the child cleaned up",
                                        "the caller's handler ran in the parent"]


COUNTING_FORKS = """
import os
forks = []  # made by this process
fork = os.fork
os.fork = lambda: forks.append(1) or fork()
"""

SCAN = COUNTING_FORKS + """
import sys
from pathlib import Path
from zoneinfo import ZoneInfo
from followup_journal import parallel
from followup_journal.config import load_config
from followup_journal.scan import scan_journal

config, _ = load_config(Path(sys.argv[1]), lambda: ZoneInfo("UTC"))
alone = scan_journal(config)
parallel.MINIMUM = 1
shared = scan_journal(config)
print(len(forks), len(shared.drafts_stamps), shared == alone)
"""


def built_sample(tmp_path):
    """A copy of the sample journal, built once: its drafts are on disk."""
    from conftest import SAMPLE, run_fj

    journal = tmp_path / "journal"
    shutil.copytree(SAMPLE, journal, ignore=shutil.ignore_patterns("_site"))
    assert run_fj("build", "--today", "2026-11-19", "--no-cache", str(journal)).exit_code == 0
    return journal


def test_a_scan_shared_with_a_child_finds_every_draft_as_one_process_does(tmp_path):
    journal = built_sample(tmp_path)

    done = subprocess.run([sys.executable, "-c", SCAN, str(journal)], capture_output=True,
                          text=True, check=False)

    assert done.returncode == 0, done.stderr
    forks, folders, same = done.stdout.split()
    assert (forks, same) == ("1", "True")
    assert int(folders) >= 2  # drafts folders, shared out


DRAFTS = """
import os, sys
from followup_journal import atomicwrite, cli, draftfiles
draftfiles.SHARED = int(sys.argv[2])  # drafts from which a child makes half of them
parent = os.getpid()
forks, rendered = [], []  # by this process
fork, draft_files = os.fork, draftfiles.draft_files
os.fork = lambda: forks.append(1) or fork()
draftfiles.draft_files = lambda specs, *rest: rendered.extend(specs) or draft_files(specs, *rest)
if sys.argv[3] == "Ctrl-C":  # to each process, as it comes to its third draft
    import signal
    stage, staged = atomicwrite.stage, []

    def interrupted_stage(path, data):
        staged.append(path)
        if len(staged) == 3:
            os.kill(os.getpid(), signal.SIGINT)
        return stage(path, data)

    atomicwrite.stage = interrupted_stage
sys.argv = ["fj", "build", sys.argv[1], "--today", "2026-11-19", "--no-cache"]
try:
    cli.main()
except SystemExit as done:
    print(len(forks), len(rendered), done.code)
"""


def build_drafts(journal, shared: int, case: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", DRAFTS, str(journal), str(shared), case],
                          capture_output=True, text=True, check=False)


def what_fj_said(done, journal):
    """Its problems and summary, without the line the script adds or the seconds taken."""
    said = "\n".join(done.stdout.splitlines()[:-1]) + done.stderr.rpartition("(")[0]
    return said.replace(str(journal), "J")


def drafts_of(journal):
    return {p.relative_to(journal).as_posix(): p.read_bytes()
            for p in sorted((journal / "notes").rglob("*")) if p.is_file()}


def test_drafts_shared_with_a_child_are_those_one_process_writes_and_edits_are_kept(tmp_path):
    from conftest import SAMPLE

    journals = [tmp_path / "alone", tmp_path / "shared"]
    for journal in journals:
        shutil.copytree(SAMPLE, journal, ignore=shutil.ignore_patterns("_site", "*.drafts"))
        notes = journal / "notes"  # two of the last notes with drafts: the child's half
        edited = notes / "2026-11-18-hoshizora-software-site-reliability-engineer-technical.drafts"
        edited.mkdir()
        (edited / "thank-you-渡辺-健二-watanabe-kenji.md").write_text("My own words.\n")
        (notes / "2026-11-16-brisa-pagamentos-backend-engineer-screen.drafts").write_text("")

    alone, shared = build_drafts(journals[0], 10**6), build_drafts(journals[1], 1)

    said = [what_fj_said(alone, journals[0]), what_fj_said(shared, journals[1])]
    assert said[0] == said[1]
    assert "kept your edited draft J/notes/2026-11-18-hoshizora" in said[1]
    assert "brisa-pagamentos-backend-engineer-screen.drafts:1:1: error: cannot write" in said[1]
    forks, rendered, status = zip(alone.stdout.split()[-3:], shared.stdout.split()[-3:],
                                  strict=True)
    assert forks == ("0", "1") and status == ("1", "1")  # 1: an error, the unwritable folder
    assert 0 < int(rendered[1]) < int(rendered[0])  # the child made the others
    written = drafts_of(journals[1])
    assert written == drafts_of(journals[0])
    mine = f"notes/{edited.name}/thank-you-渡辺-健二-watanabe-kenji.md"
    assert written[mine] == b"My own words.\n"
    assert not [name for name in written if name.endswith(".tmp")]


def test_ctrl_c_while_both_processes_write_drafts_leaves_no_temporary_file(tmp_path):
    from conftest import SAMPLE

    journal = tmp_path / "journal"
    shutil.copytree(SAMPLE, journal, ignore=shutil.ignore_patterns("_site", "*.drafts"))

    done = build_drafts(journal, 1, "Ctrl-C")

    forks, _, status = done.stdout.split()
    assert (forks, status, done.stderr.strip()) == ("1", "1", "Aborted!")  # as click says it
    assert list((journal / "notes").rglob("*.tmp")) == []
    assert list((journal / "notes").rglob("*.drafts/*.md")) == []  # all staged, none in place
