"""`fj watch`: a real watchdog observer on a scratch journal, saved to as editors save."""

from __future__ import annotations

import errno
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import watchdog.events
from conftest import CONFIG, GOOD_NOTE, ScratchJournal

from followup_journal import builder, watchevents
from followup_journal import watch as watch_module
from followup_journal.config import find_journal
from followup_journal.events import recording
from followup_journal.terminal import RebuildReport
from followup_journal.watch import Built, Session, watch
from followup_journal.watchevents import WatchLimit

QUIET = 1.0  # long enough for a rebuild that is coming to have started


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


class Watching:
    """`watch` running in a thread, with every build it reports."""

    def __init__(self, journal: ScratchJournal, poll: bool = False,
                 root: Path | None = None, today: date | None = date(2026, 11, 19)) -> None:
        self.journal = journal
        self.builds: list[Built] = []
        self.stop = threading.Event()
        self.changes = watchevents.Changes()
        session = Session(root or journal.root, None, today, False,
                          lambda: ZoneInfo("Europe/Lisbon"))
        self.thread = threading.Thread(target=watch, args=(session, self.builds.append, poll,
                                                           self.stop, self.changes))
        self.thread.start()
        wait_until(lambda: len(self.builds) == 1)
        time.sleep(QUIET)  # let the events of the first build's own writes arrive

    def after(self, change: Callable[[], object], builds: int = 1) -> list[Built]:
        """Make a change; wait for `builds` more builds and a quiet moment; the new builds."""
        before = len(self.builds)
        change()
        if builds:
            wait_until(lambda: len(self.builds) >= before + builds)
        time.sleep(QUIET)
        return self.builds[before:]

    def page(self, name: str) -> Path:
        return self.journal.root / "_site" / name


@pytest.fixture
def watching(journal: ScratchJournal) -> Iterator[Watching]:
    journal.note("a.md")
    running = Watching(journal)
    yield running
    running.stop.set()
    running.thread.join(timeout=10)
    assert not running.thread.is_alive()


def edited(text: str = "It went very well.") -> str:
    return GOOD_NOTE.replace("It went well.", text)


def test_the_first_build_writes_the_report_and_the_drafts(watching):
    assert watching.builds[0].outcome is not None
    assert watching.page("interviews/notes/a.html").is_file()
    assert (watching.journal.root / "notes/a.drafts").is_dir()
    assert len(watching.builds) == 1


def watch_with_first_build_hook(journal: ScratchJournal, hook: Callable[[], object],
                                builds: int) -> list[Built]:
    """Watch `journal` until it has built `builds` times, running `hook` after the first build
    and before watching starts; every build."""
    built: list[Built] = []
    stop = threading.Event()

    def report(outcome: Built) -> None:
        built.append(outcome)
        if len(built) == 1:
            hook()

    session = Session(journal.root, None, date(2026, 11, 19), False, lambda: ZoneInfo("UTC"))
    thread = threading.Thread(target=watch, args=(session, report, False, stop))
    thread.start()
    try:
        wait_until(lambda: len(built) >= builds)
        time.sleep(QUIET)
    finally:
        stop.set()
        thread.join(timeout=10)
    return built


def test_the_first_build_runs_alone_so_that_it_can_use_both_cores(journal):
    journal.note("a.md")
    threads: list[int] = []
    watch_with_first_build_hook(journal, lambda: threads.append(threading.active_count()), 1)
    assert threads == [threading.active_count() + 1]  # this thread and the watching one only


def test_a_save_made_before_watching_began_is_built(journal):
    journal.note("a.md")
    builds = watch_with_first_build_hook(journal, lambda: journal.save("notes/a.md", edited()), 2)
    assert len(builds) == 2
    assert "very well" in (journal.root / "_site/interviews/notes/a.html").read_text("utf-8")


def test_a_fix_saved_as_the_first_build_failed_is_built(journal):
    journal.note("a.md")
    broken = journal.write("themes/index.html", "{% if %}\n")
    builds = watch_with_first_build_hook(journal, broken.unlink, 2)
    assert [build.outcome is not None for build in builds] == [False, True]


def test_a_save_before_watching_began_that_kept_the_stamp_is_built(journal, monkeypatch):
    note = journal.note("a.md")
    monkeypatch.setattr(builder, "racy", lambda *_: True)  # saved just as it was read

    def same_stamp_save() -> None:
        before = note.stat()
        note.write_text(GOOD_NOTE.replace("It went well.", "It went fine."), "utf-8")
        os.utime(note, ns=(before.st_atime_ns, before.st_mtime_ns))

    builds = watch_with_first_build_hook(journal, same_stamp_save, 2)
    assert len(builds) == 2
    assert "went fine" in (journal.root / "_site/interviews/notes/a.html").read_text("utf-8")


def test_a_save_by_rename_is_one_rebuild(watching):
    notes = watching.journal.root / "notes"

    def vim_save() -> None:  # vim's default: probe, move the original to a backup, write, clean
        (notes / "4913").write_text("")
        (notes / "4913").unlink()
        (notes / "a.md").rename(notes / "a.md~")
        (notes / "a.md").write_text(edited(), "utf-8")
        (notes / "a.md~").unlink()

    assert len(watching.after(vim_save)) == 1
    assert "very well" in watching.page("interviews/notes/a.html").read_text("utf-8")

    def jetbrains_save() -> None:  # safe write: a temporary file renamed over the original
        (notes / "a.md___jb_tmp___").write_text(edited("Even better."), "utf-8")
        (notes / "a.md").rename(notes / "a.md___jb_old___")
        (notes / "a.md___jb_tmp___").rename(notes / "a.md")
        (notes / "a.md___jb_old___").unlink()

    assert len(watching.after(jetbrains_save)) == 1
    assert "Even better." in watching.page("interviews/notes/a.html").read_text("utf-8")

    def atomic_save() -> None:  # a hidden temporary renamed over the note: only the move's
        (notes / ".a.md.tmp").write_text(edited("Best yet."), "utf-8")  # destination is a note
        (notes / ".a.md.tmp").replace(notes / "a.md")

    assert len(watching.after(atomic_save)) == 1
    assert "Best yet." in watching.page("interviews/notes/a.html").read_text("utf-8")


def test_a_burst_of_fifty_writes_is_at_most_two_rebuilds(watching):
    def checkout() -> None:  # as git writes them: one after another, not all at once
        for number in range(50):
            watching.journal.note(f"n{number:02}.md",
                                  GOOD_NOTE.replace("Acme Robotics", f"Company {number}"))
            time.sleep(0.015)

    builds = watching.after(checkout)
    assert 1 <= len(builds) <= 2
    assert builds[-1].outcome is not None and builds[-1].outcome.notes == 51


def test_writing_in_the_report_or_editor_litter_sets_off_nothing(watching):
    def noise() -> None:
        watching.page("index.html").write_text("scribbled on", "utf-8")
        watching.page("stray.txt").write_text("", "utf-8")
        watching.page("stray.md").write_text("---\ncompany: x\n---\n", "utf-8")
        watching.page("new-folder").mkdir()
        notes = watching.journal.root / "notes"
        for name in (".a.md.swp", "a.md~", ".#b.md", "#a.md#", "4913"):
            (notes / name).write_text("", "utf-8")
        (notes / ".#a.md").symlink_to("ana@laptop.4242:1764000000")  # Emacs' lock: a dangling link
        (notes / "a.md").read_text("utf-8")  # opened and read: not a change

    assert watching.after(noise, builds=0) == []


def test_a_draft_edited_by_the_user_shows_in_the_report(watching):
    draft = watching.journal.root / "notes/a.drafts/thank-you-jane-doe.md"
    builds = watching.after(lambda: watching.journal.save(
        "notes/a.drafts/thank-you-jane-doe.md", draft.read_text("utf-8") + "P.S. by hand\n"))
    assert len(builds) == 1
    assert "P.S. by hand" in watching.page("interviews/notes/a.html").read_text("utf-8")


def test_deleting_a_note_removes_its_pages(watching):
    added = watching.after(lambda: watching.journal.note("b.md", GOOD_NOTE.replace("Acme", "Beta")))
    assert len(added) == 1  # the drafts it writes set off nothing
    assert watching.page("interviews/notes/b.html").is_file()

    watching.after(lambda: (watching.journal.root / "notes/b.md").unlink())

    assert not watching.page("interviews/notes/b.html").exists()
    assert not watching.page("applications/beta-robotics-backend-engineer.html").exists()


def test_a_bad_save_is_reported_and_the_next_good_one_builds(watching):
    [bad] = watching.after(lambda: watching.journal.save("notes/a.md", "---\ncompany: [\n---\n"))
    assert bad.outcome is not None
    assert any("invalid YAML" in p.message for p in bad.outcome.problems)

    [good] = watching.after(lambda: watching.journal.save("notes/a.md", edited()))
    assert good.outcome is not None and not good.outcome.problems
    assert "very well" in watching.page("interviews/notes/a.html").read_text("utf-8")


def test_a_broken_template_is_reported_and_watching_goes_on(watching):
    before = watching.page("index.html").read_bytes()
    [broken] = watching.after(
        lambda: watching.journal.save("themes/index.html", "{% block main %}\n"))
    assert broken.outcome is None and "themes/index.html:" in (broken.error or "")
    assert watching.page("index.html").read_bytes() == before  # the last good report stays

    [fixed] = watching.after(lambda: (watching.journal.root / "themes/index.html").unlink())
    assert fixed.outcome is not None


def test_a_config_change_rebuilds_with_the_new_config(watching):
    config = watching.journal.root / "journal.toml"
    watching.after(lambda: config.write_text(config.read_text("utf-8").replace(
        "Ana Souza", "Ana Q. Souza"), "utf-8"))
    assert "Ana Q. Souza" in watching.page("index.html").read_text("utf-8")


def test_a_config_that_does_not_parse_is_reported_and_changes_nothing(watching):
    config = watching.journal.root / "journal.toml"
    good = config.read_text("utf-8")
    drafts = watching.journal.root / "notes/a.drafts"
    before = [(path, path.read_bytes()) for path in sorted(drafts.iterdir())]
    report = watching.page("index.html").read_bytes()

    [broken] = watching.after(lambda: watching.journal.save("journal.toml", good + "[rules\n"))

    assert broken.outcome is None and broken.error is not None
    assert "fix the errors in journal.toml" in broken.error
    assert [p.line for p in broken.config_problems if "invalid TOML" in p.message] == [5]
    assert [(path, path.read_bytes()) for path in sorted(drafts.iterdir())] == before
    assert watching.page("index.html").read_bytes() == report

    [fixed] = watching.after(
        lambda: watching.journal.save("journal.toml", good.replace("Ana", "Ana Q.")))
    assert fixed.outcome is not None and fixed.config_problems == []
    assert "Ana Q. Souza" in (drafts / "thank-you-jane-doe.md").read_text("utf-8")


def test_a_config_gone_for_a_moment_is_reported_and_watching_goes_on(watching):
    config = watching.journal.root / "journal.toml"
    aside = config.with_name("journal.toml.aside")

    [gone] = watching.after(lambda: config.rename(aside))
    assert gone.outcome is None and "fix the errors in journal.toml" in (gone.error or "")
    assert [p.message for p in gone.config_problems] == [
        "cannot read: No such file or directory"]

    [back] = watching.after(lambda: aside.rename(config))
    assert back.outcome is not None and watching.thread.is_alive()


def test_midnight_rebuilds_what_is_due_today_though_no_file_changed(journal, monkeypatch):
    clock = [date(2026, 11, 19)]
    monkeypatch.setattr(watch_module, "today_in", lambda config: clock[0])
    journal.note("a.md")
    running = Watching(journal, today=None)  # no --today: the clock's day
    try:
        dashboard = running.page("index.html")
        assert "Today, Thursday 19 November 2026" in dashboard.read_text("utf-8")

        [next_day] = running.after(lambda: clock.__setitem__(0, date(2026, 11, 20)))

        assert next_day.outcome is not None
        assert "Today, Friday 20 November 2026" in dashboard.read_text("utf-8")
        time.sleep(QUIET)
        assert len(running.builds) == 2  # once per day, not once per look at the clock
    finally:
        running.stop.set()
        running.thread.join(timeout=10)


def test_polling_sees_a_change_too(journal):
    journal.note("a.md")
    running = Watching(journal, poll=True)
    try:
        with recording() as events:
            builds = running.after(lambda: journal.save("notes/a.md", edited()))
        assert len(builds) == 1, [build.outcome for build in builds]
        assert events.scanned == []
        assert "very well" in running.page("interviews/notes/a.html").read_text("utf-8")
    finally:
        running.stop.set()
        running.thread.join(timeout=10)


def test_excluded_files_set_off_nothing_when_the_journal_is_named_relatively(journal,
                                                                             monkeypatch):
    journal.note("a.md")
    monkeypatch.chdir(journal.root.parent)
    running = Watching(journal, root=Path(journal.root.name))
    try:
        assert running.after(lambda: journal.write("README.md", "# My search\n"), builds=0) == []
        assert len(running.after(lambda: journal.save("notes/a.md", edited()))) == 1
    finally:
        running.stop.set()
        running.thread.join(timeout=10)


def test_the_inotify_limit_is_explained(journal, monkeypatch):
    def refuse(self: object) -> None:
        raise OSError(errno.ENOSPC, "inotify watch limit reached")

    monkeypatch.setattr(watchevents.Observer, "start", refuse)
    with pytest.raises(WatchLimit, match=r"max_user_watches.*--poll"):
        watchevents.start_observer(journal.root, watchevents.Changes(), poll=False)


def test_ctrl_c_stops_watching_with_status_0(journal):
    journal.note("a.md")
    process = subprocess.Popen(
        [sys.executable, "-m", "followup_journal", "watch", str(journal.root),
         "--today", "2026-11-19"], stderr=subprocess.PIPE, text=True, env=os.environ.copy())
    try:
        assert process.stderr is not None
        assert process.stderr.readline().startswith("watching ")
        assert process.stderr.readline().startswith("read 1 note")
        process.send_signal(signal.SIGINT)
        _, rest = process.communicate(timeout=10)
    finally:
        process.kill()
    assert process.returncode == 0
    assert rest.strip() == "stopped watching"


def test_watchdog_stopping_mid_read_prints_nothing_but_real_errors_still_show(tmp_path, caplog):
    observer = watchevents.start_observer(tmp_path, watchevents.Changes(), poll=False)
    observer.stop()
    observer.join()
    inotify_log = "watchdog.observers.inotify"
    with caplog.at_level("ERROR", logger=inotify_log):
        logging.getLogger(inotify_log).error(
            "InotifyEmitter.queue_events() called when the thread is inactive")
        logging.getLogger(inotify_log).error("a real failure")
    assert [r.getMessage() for r in caplog.records] == ["a real failure"]


def test_events_dropped_by_the_system_are_a_look_at_every_file_not_a_log_line(watching,
                                                                              caplog):
    def overflow() -> None:  # as watchdog says it, from its inotify thread
        for name in ["watchdog.observers.inotify_c", "watchdog.observers.inotify"]:
            logging.getLogger(name).warning("Inotify queue overflowed; events were lost")
        lost = getattr(watchdog.events, "EventsLostEvent", None)  # watchdog 7 and later
        if lost is not None:
            watching.changes.dispatch(lost(str(watching.journal.root), is_directory=True))

    with caplog.at_level("WARNING"), recording() as events:
        [built] = watching.after(overflow)
    assert caplog.records == []
    assert events.scanned == [watching.journal.root]
    assert built.looked_at_all == "the system dropped file events"


def test_a_warning_of_the_observer_is_a_look_at_every_file(watching):
    def trouble() -> None:
        logging.getLogger("watchdog.observers.inotify").warning(
            "Unable to watch %r: %s", "/journal/notes/new", "No space left on device")

    with recording() as events:
        [built] = watching.after(trouble)
    assert events.scanned == [watching.journal.root]
    assert "watching went wrong (Unable to watch" in (built.looked_at_all or "")


def test_an_observer_whose_thread_failed_is_started_again_after_a_look_at_every_file(
        watching, monkeypatch, capsys):
    from watchdog.observers.inotify import InotifyEmitter

    read = InotifyEmitter.queue_events
    failed = []

    def fail_once(self: InotifyEmitter, *args: object, **kwargs: object) -> None:
        if not failed:
            failed.append(True)
            raise OSError("the watch is gone")
        read(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(InotifyEmitter, "queue_events", fail_once)
    with recording() as events:
        # The emitter waits in the read it began before: the next event ends it.
        watching.journal.save("notes/a.md", edited())
        wait_until(lambda: any(b.looked_at_all for b in watching.builds))
    assert events.scanned
    assert "the watch is gone" in (watching.builds[-1].looked_at_all or "")
    assert "Traceback" not in capsys.readouterr().err

    watching.after(lambda: watching.journal.save("notes/a.md", edited("Seen again.")))
    assert "Seen again." in watching.page("interviews/notes/a.html").read_text("utf-8")


def test_an_edit_is_built_from_its_event_without_a_look_at_every_file(watching):
    with recording() as events:
        [built] = watching.after(lambda: watching.journal.save("notes/a.md", edited()))
    assert events.scanned == [] and events.read == [watching.journal.root / "notes/a.md"]
    assert built.looked_at_all is None
    assert "very well" in watching.page("interviews/notes/a.html").read_text("utf-8")


def test_a_note_in_a_new_folder_is_seen(watching):
    def new_folders() -> None:
        (watching.journal.root / "notes/2027/spring").mkdir(parents=True)
        (watching.journal.root / "notes/2027/spring/b.md").write_text(
            GOOD_NOTE.replace("Acme", "Beta"), "utf-8")

    with recording() as events:
        watching.after(new_folders)
    assert events.scanned == []
    assert watching.page("interviews/notes/2027/spring/b.html").is_file()


def test_a_moved_note_and_a_moved_folder_are_seen(watching):
    root = watching.journal.root
    (root / "notes/old").mkdir()
    with recording() as events:
        watching.after(lambda: (root / "notes/a.md").rename(root / "notes/old/a.md"))
        assert watching.page("interviews/notes/old/a.html").is_file()
        assert not watching.page("interviews/notes/a.html").exists()

        watching.after(lambda: (root / "notes/old").rename(root / "notes/archive"))
    assert events.scanned == []
    assert watching.page("interviews/notes/archive/a.html").is_file()
    assert not watching.page("interviews/notes/old/a.html").exists()


def test_asking_is_a_look_at_every_file(watching):
    with recording() as events:
        [built] = watching.after(lambda: watching.changes.look_again(watchevents.ASKED))
    assert events.scanned == [watching.journal.root]
    assert built.looked_at_all == "as asked"


def test_sighup_and_enter_in_the_terminal_ask_fj_watch_to_look_at_every_file(journal):
    import pty

    journal.note("a.md")
    terminal, stdin = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "followup_journal", "watch", str(journal.root),
         "--today", "2026-11-19"], stdin=stdin, stderr=subprocess.PIPE, text=True,
        env=os.environ.copy())
    os.close(stdin)
    try:
        assert process.stderr is not None
        assert process.stderr.readline().startswith("watching ")
        assert process.stderr.readline().startswith("read 1 note")
        time.sleep(QUIET)  # the first build's own writes, seen and dropped
        process.send_signal(signal.SIGHUP)
        assert process.stderr.readline() == "looked at every file: as asked\n"
        assert process.stderr.readline().startswith("read 1 note")
        os.write(terminal, b"\n")
        assert process.stderr.readline() == "looked at every file: as asked\n"
        assert process.stderr.readline().startswith("read 1 note")
        process.send_signal(signal.SIGINT)
        _, rest = process.communicate(timeout=10)
    finally:
        process.kill()
        os.close(terminal)
    assert process.returncode == 0
    assert rest.strip() == "stopped watching"


def test_watching_starts_from_the_cache_of_the_last_build_and_leaves_its_own(journal,
                                                                             monkeypatch):
    from test_incremental import age

    from followup_journal.events import recording

    journal.note("a.md")
    journal.note("b.md", GOOD_NOTE.replace("Acme Robotics", "Beta"))
    age(journal.root, 60)
    assert journal.run("build", "--today", "2026-11-19").exit_code == 0
    session = Session(journal.root, None, date(2026, 11, 19), False,
                      lambda: ZoneInfo("Europe/Lisbon"))

    with recording() as events:
        assert session.build().outcome is not None
    assert events.read == []  # every note as the build left it
    session.save()
    note = journal.note("a.md", edited())
    os.utime(note, (time.time() - 30, time.time() - 30))
    with recording() as events:
        assert journal.run("build", "--today", "2026-11-19").exit_code == 0
    assert events.read == [note]  # and the next build goes on from what the session left


def test_a_session_lets_go_of_the_notes_it_loaded_once_they_change(journal):
    import gc
    import weakref

    from test_incremental import age

    journal.note("a.md")
    journal.note("b.md", GOOD_NOTE.replace("Acme Robotics", "Beta"))
    age(journal.root, 60)
    assert journal.run("build", "--today", "2026-11-19").exit_code == 0  # the cache to load
    session = Session(journal.root, None, date(2026, 11, 19), False,
                      lambda: ZoneInfo("Europe/Lisbon"))
    assert session.build().outcome is not None
    loaded = [weakref.ref(entry[2]) for entry in session.builder.memory.notes.values()]
    journal.note("a.md", edited())
    journal.note("b.md", edited().replace("Acme Robotics", "Beta"))

    assert session.build().error is None

    gc.collect()
    assert [note() for note in loaded] == [None, None]  # not kept for the cache's sake


def test_a_long_session_leaves_no_garbage_behind_its_rebuilds(journal):
    import gc

    journal.note("a.md")
    session = Session(journal.root, None, date(2026, 11, 19), False,
                      lambda: ZoneInfo("Europe/Lisbon"))
    session.build()
    gc.collect()
    for round_ in range(4):  # notes edited; and twice the config: new templates, all pages
        journal.note("a.md", edited(f"It went well, take {round_}."))
        if round_ < 2:
            config = (journal.root / "journal.toml").read_text()
            journal.write("journal.toml", config.replace("Ana Souza", f"Ana Souza {round_}"))
        assert session.build().error is None
    assert gc.collect() == 0  # what the rebuilds dropped was freed, not left to pile up


def test_drafts_beside_a_deleted_note_are_told_once_per_session(journal, capsys):
    journal.note("a.md")
    journal.note("b.md", GOOD_NOTE.replace("Acme", "Beta"))
    session = Session(journal.root, None, date(2026, 11, 19), False, lambda: ZoneInfo("UTC"))
    report = RebuildReport()
    report(session.build())
    (journal.root / "notes/b.md").unlink()
    told = []
    for _ in range(3):
        report(session.build())
        told.append(capsys.readouterr().err.count("drafts beside a note that is gone"))
    assert told == [1, 0, 0]


# Ways a user names the journal: where they stand (from the journal's parent folder), what they
# type, and what `watching ...` shows for it. `{root}` is the journal's absolute path.
NAMED = {
    "dot": ("journal", ["."], "."),
    "dot-slash": ("journal", ["./"], "."),
    "dot-dot from notes": ("journal/notes", [".."], "{root}/notes/.."),
    "name": (".", ["journal"], "journal"),
    "dot-slash name": (".", ["./journal"], "journal"),
    "name-slash": (".", ["journal/"], "journal"),
    "name/../name": (".", ["journal/../journal"], "journal"),
    "absolute": (".", ["{root}"], "journal"),
    "through a link": (".", ["link"], "link"),
    "its config": ("journal", ["journal.toml"], "."),
    "nothing, from inside": ("journal", [], "."),
    "nothing, from notes": ("journal/notes", [], "{root}"),
    "polled dot": ("journal", ["--poll", "."], "."),
}


def named(journal: ScratchJournal, form: str) -> tuple[Path, list[str], str]:
    """Where to stand, what to type and what is shown, to name `journal` as `form` does."""
    (journal.root.parent / "link").symlink_to(journal.root, target_is_directory=True)
    where, typed, shown = NAMED[form]
    root = str(journal.root)
    return (journal.root.parent / where, [arg.format(root=root) for arg in typed],
            shown.format(root=root))


@pytest.mark.parametrize("form", NAMED)
def test_fj_watch_rebuilds_after_an_edit_however_the_journal_is_named(journal, form):
    journal.note("a.md")
    cwd, typed, shown = named(journal, form)
    process = subprocess.Popen(
        [sys.executable, "-m", "followup_journal", "watch", *typed, "--today", "2026-11-19"],
        cwd=cwd, stderr=subprocess.PIPE, text=True, env=os.environ.copy())
    page = journal.root / "_site/interviews/notes/a.html"
    try:
        assert process.stderr is not None
        assert process.stderr.readline() == f"watching {shown} (Ctrl-C to stop)\n"
        assert process.stderr.readline().startswith("read 1 note")
        # The first edit may be found by the look once more after the first build; the
        # config's and the note's next ones come after it, so only watching can see them.
        journal.save("notes/a.md", edited())
        wait_until(lambda: "very well" in page.read_text("utf-8"), timeout=20)
        journal.save("journal.toml", CONFIG.replace("Ana Souza", "Ana Sousa"))
        wait_until(lambda: "Ana Sousa" in page.read_text("utf-8"), timeout=20)
        journal.save("notes/a.md", edited("It went even better."))
        wait_until(lambda: "even better" in page.read_text("utf-8"), timeout=20)
    finally:
        process.kill()
        process.wait()


@pytest.mark.parametrize("form", [form for form in NAMED if "--poll" not in NAMED[form][1]])
def test_the_tools_own_writes_and_editor_litter_do_not_matter_however_named(journal, form,
                                                                            monkeypatch):
    journal.note("a.md")
    cwd, typed, _ = named(journal, form)
    monkeypatch.chdir(cwd)
    root = find_journal(Path(typed[-1]) if typed else None, Path.cwd())
    session = Session(root, None, date(2026, 11, 19), False, lambda: ZoneInfo("Europe/Lisbon"))
    changes = watchevents.Changes()
    observer = watchevents.start_observer(session.root, changes, poll=False)
    try:
        assert session.build().outcome is not None  # writes the report and the drafts
        notes = journal.root / "notes"
        for name in (".a.md.swp", "a.md~", "4913", "a.md___jb_tmp___"):
            (notes / name).write_text("", "utf-8")
        journal.write("README.md", "# My search\n")  # excluded
        journal.save("notes/a.md", edited())  # the one change that matters, and the last
        seen: list[Path] = []
        while not seen or not session.matters(seen[-1]):
            seen.append(changes.paths.get(timeout=20))
    finally:
        observer.stop()
        observer.join()
    assert Path(os.path.realpath(seen[-1])) == (notes / "a.md").resolve()
    assert {"_site", "index.html", "a.drafts", "thank-you-jane-doe.md", ".a.md.swp", "a.md~",
            "4913", "a.md___jb_tmp___", "README.md"} <= {path.name for path in seen}


def test_watching_the_journal_named_dot_rebuilds_once_per_edit(journal, monkeypatch):
    journal.note("a.md")
    monkeypatch.chdir(journal.root)
    running = Watching(journal, root=find_journal(Path(), Path.cwd()))  # `fj watch .`
    try:  # a build writing the report must not set off another: no rebuild loop
        assert len(running.after(lambda: journal.save("notes/a.md", edited()))) == 1
        assert "very well" in running.page("interviews/notes/a.html").read_text("utf-8")
        assert running.after(lambda: running.page("stray.txt").write_text(""), builds=0) == []
    finally:
        running.stop.set()
        running.thread.join(timeout=10)


def test_an_output_folder_changed_while_watching_is_checked_as_build_checks_it(journal):
    journal.write("archive/a.md", GOOD_NOTE)
    session = Session(journal.root, None, date(2026, 11, 19), False,
                      lambda: ZoneInfo("Europe/Lisbon"))
    assert session.build().outcome is not None
    journal.write("journal.toml", 'output = "archive/a.drafts/report"\n'
                  + (journal.root / "journal.toml").read_text("utf-8"))

    built = session.build()

    assert built.outcome is None
    assert "that is a note's drafts folder" in (built.error or ""), built
    assert not (journal.root / "archive/a.drafts/report").exists()
