"""Only regular files are read as notes, and only so much of them: a named pipe, a device, a
link in a loop or a file of megabytes is an error at its path, never a wait, a flood or a
traceback, and the other notes are still built."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import GOOD_NOTE, LISBON, ScratchJournal
from test_watch import Watching

from followup_journal.parse import NoteResult
from followup_journal.read import load_note

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes and devices")

MAX_FILE_BYTES = 1 << 20  # as documented in format.md
HANG_GUARD = 60  # seconds: not a measure of speed, only so that a hang fails instead of waiting
# The child may not take more memory than this: reading /dev/zero fails fast instead of filling
# the machine.
MEMORY_GUARD = 2 << 30
RUN_FJ = f"""
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_GUARD}, {MEMORY_GUARD}))
from followup_journal.cli import main
sys.argv[0] = "fj"
main()
"""


def fj_process(*args: str) -> subprocess.CompletedProcess[str]:
    """`fj` in a process of its own, killed with all it started if it has not ended in time."""
    process = subprocess.Popen([sys.executable, "-c", RUN_FJ, *args], text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True)
    try:
        out, err = process.communicate(timeout=HANG_GUARD)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"`fj {' '.join(args)}` waited on a file and never ended")
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def with_good_note(journal: ScratchJournal) -> Path:
    journal.note("good.md")
    return journal.root / "notes"


@pytest.mark.parametrize("command", ["check", "build", "agenda"])
def test_a_named_pipe_is_an_error_at_its_path_not_a_wait(journal, command):
    os.mkfifo(with_good_note(journal) / "pipe.md")

    done = fj_process(command, str(journal.root))

    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    if command != "agenda":
        assert ("notes/pipe.md:1:1: error: not a regular file (a named pipe): only regular "
                "files are read") in done.stdout
    if command == "build":  # the other note is built
        assert (journal.root / "_site/interviews/notes/good.html").exists()


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_link_to_an_endless_device_is_refused_unread(journal, command):
    (with_good_note(journal) / "zero.md").symlink_to("/dev/zero")

    done = fj_process(command, str(journal.root))

    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert ("notes/zero.md:1:1: error: not a regular file (a symbolic link to a character "
            "device)") in done.stdout


def test_a_socket_is_an_error_at_its_path(journal):
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(with_good_note(journal) / "s.md"))
        result = journal.run("check")

    assert "notes/s.md:1:1: error: not a regular file (a socket)" in result.output


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_link_in_a_loop_is_an_error_at_its_path_not_a_traceback(journal, command):
    (with_good_note(journal) / "loop.md").symlink_to("loop.md")

    done = fj_process(command, str(journal.root))

    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert ("notes/loop.md:1:1: error: a symbolic link that leads round in a loop"
            in done.stdout)
    if command == "build":
        assert (journal.root / "_site/interviews/notes/good.html").exists()


def test_a_link_to_nothing_is_an_error_at_its_path(journal):
    (with_good_note(journal) / "gone.md").symlink_to("elsewhere.md")

    result = journal.run("build")

    assert "notes/gone.md:1:1: error: a symbolic link to a file that is not there" in (
        result.output)
    assert (journal.root / "_site/interviews/notes/good.html").exists()


def test_a_link_to_a_regular_file_is_read_as_a_note(journal, tmp_path):
    elsewhere = tmp_path / "elsewhere.md"
    elsewhere.write_text(GOOD_NOTE, "utf-8")
    (with_good_note(journal) / "linked.md").symlink_to(elsewhere)

    result = journal.run("check")

    assert result.exit_code == 0, result.output
    assert "checked 2 notes: no problems" in result.output


def test_a_link_in_a_loop_saved_while_watching_is_reported_and_watching_goes_on(journal):
    notes = with_good_note(journal)
    watching = Watching(journal)
    try:
        [looped] = watching.after(lambda: (notes / "loop.md").symlink_to("loop.md"))
        assert looped.outcome is not None, looped.error
        assert any(p.path == notes / "loop.md" and "loop" in p.message
                   for p in looped.outcome.problems)

        [fixed] = watching.after(lambda: (notes / "loop.md").unlink())
        assert fixed.outcome is not None and not fixed.outcome.problems
    finally:
        watching.stop.set()
        watching.thread.join(timeout=10)


def test_a_note_over_the_limit_is_refused_with_its_size(journal):
    big = journal.note("big.md", GOOD_NOTE + "Word after word. " * (MAX_FILE_BYTES // 17))
    size = big.stat().st_size
    assert size > MAX_FILE_BYTES

    result = journal.run("build")

    assert (f"notes/big.md:1:1: error: too large: {size:,} bytes (1.0 MiB), over the limit "
            "of 1 MiB (1,048,576 bytes)") in result.output
    assert not (journal.root / "_site/interviews/notes/big.html").exists()


def test_a_note_at_the_limit_is_read(journal):
    note = GOOD_NOTE + "x" * (MAX_FILE_BYTES - len(GOOD_NOTE.encode()))
    journal.note("full.md", note)

    assert journal.run("check").exit_code == 0


def test_a_pipe_swapped_in_after_the_look_is_refused_by_what_was_opened(tmp_path, monkeypatch):
    regular, pipe = tmp_path / "regular.md", tmp_path / "pipe.md"
    regular.write_text(GOOD_NOTE, "utf-8")
    os.mkfifo(pipe)
    looked = regular.stat()
    # The first look sees the regular file that was there a moment before the pipe.
    monkeypatch.setattr(Path, "stat", lambda self, **_: looked)
    loaded: list[tuple[bytes | None, NoteResult]] = []
    reading = threading.Thread(target=lambda: loaded.append(load_note(pipe, LISBON)),
                               daemon=True)  # a reader waiting on the pipe must not keep pytest
    reading.start()
    reading.join(HANG_GUARD)

    assert loaded, "reading waited on the pipe"
    data, result = loaded[0]
    assert data is None
    assert [p.message for p in result.problems] == [
        "not a regular file (a named pipe): only regular files are read"]


def test_a_named_pipe_among_the_drafts_is_left_out_not_waited_on(journal):
    journal.note("good.md")
    assert journal.run("build").exit_code == 0  # writes the drafts folder
    os.mkfifo(journal.root / "notes/good.drafts/pipe.md")

    done = fj_process("check", str(journal.root))

    assert done.returncode == 0, done.stdout + done.stderr


def test_a_named_pipe_in_a_drafts_place_is_reported_not_waited_on(journal):
    journal.note("good.md")
    journal.note("other.md", GOOD_NOTE.replace("Acme Robotics", "Beta Labs"))
    assert journal.run("build").exit_code == 0
    draft = journal.root / "notes/good.drafts/thank-you-jane-doe.md"
    draft.unlink()
    os.mkfifo(draft)
    journal.note("good.md", GOOD_NOTE.replace("It went well.", "It went very well."))
    journal.note("other.md", GOOD_NOTE.replace("Acme Robotics", "Beta Labs").replace(
        "It went well.", "It went very well."))

    done = fj_process("build", str(journal.root))

    assert done.returncode == 1, done.stdout + done.stderr
    assert ("notes/good.drafts:1:1: error: cannot write drafts here: not a regular file "
            "(a named pipe): only regular files are read (thank-you-jane-doe.md)") in done.stdout
    assert draft.is_fifo()
    assert (journal.root / "_site/interviews/notes/other.html").exists()


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_named_pipe_as_a_drafts_record_is_never_waited_on(journal, command):
    journal.note("good.md")
    journal.note("other.md", GOOD_NOTE.replace("Acme Robotics", "Beta Labs"))
    assert journal.run("build").exit_code == 0
    record = journal.root / "notes/good.drafts/.followup-journal-drafts"
    record.unlink()
    os.mkfifo(record)
    journal.note("good.md", GOOD_NOTE.replace("It went well.", "It went very well."))

    done = fj_process(command, str(journal.root))

    assert "Traceback" not in done.stderr
    if command == "build":
        assert done.returncode == 1
        assert ("notes/good.drafts:1:1: error: cannot write drafts here: not a regular file "
                "(a named pipe): only regular files are read (.followup-journal-drafts)"
                ) in done.stdout
        assert (journal.root / "_site/interviews/notes/other.html").exists()
    assert record.is_fifo()


@pytest.mark.parametrize("where", ["_site/index.html", "_site/.followup-journal-files"])
def test_a_named_pipe_in_the_report_folder_is_never_waited_on(journal, where):
    journal.note("good.md")
    (journal.root / "_site").mkdir()
    os.mkfifo(journal.root / where)

    done = fj_process("build", str(journal.root))

    assert "Traceback" not in done.stderr
    if where.endswith("index.html"):  # not the tool's: refused, as any file in the way
        assert done.returncode == 1
        assert "_site/index.html was not made by followup-journal" in done.stderr
    else:  # the tool's own manifest's place: a file of its own replaces it
        assert done.returncode == 0, done.stdout + done.stderr
        assert (journal.root / where).is_file()
