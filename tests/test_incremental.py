"""Incremental builds and the build cache: faster, and never a different result.

Files changed just before a build are read again whatever their stamps say (see
`scan.racy`), so these tests date the journal's files back to let the cache work.
"""

from __future__ import annotations

import os
import pickle
import re
import shutil
import time
import zlib
from datetime import UTC, date
from pathlib import Path

import pytest
from conftest import GOOD_NOTE
from test_build import files_of

from followup_journal import builder, cache, outcome, publish, store
from followup_journal import memory as memory_module
from followup_journal.events import recording
from followup_journal.fragments import RUN, Fragments
from followup_journal.watch import Session

TODAY = ["--today", "2026-11-19"]


def names(paths: list[Path]) -> list[str]:
    return sorted(path.name for path in paths)


def age(root: Path, seconds: int) -> None:
    """Date every file of the journal `seconds` back, as if written a while ago."""
    then = time.time() - seconds
    for path in root.rglob("*"):
        if path.is_file():
            os.utime(path, (then, then))


def build(journal, *args):
    return journal.run("build", *TODAY, *args)


def scratch_build(journal, tmp_path: Path, today: str = TODAY[1]) -> dict[str, bytes]:
    """The report a build from scratch makes of the journal as it is now, as of `today`."""
    copy = tmp_path / "copy"
    shutil.copytree(journal.root, copy, ignore=shutil.ignore_patterns("_site"))
    from conftest import run_fj

    result = run_fj("build", "--today", today, "--no-cache", str(copy))
    assert result.exit_code == 0, result.output
    return files_of(copy / "_site")


def test_while_a_note_cannot_be_read_the_others_of_its_application_still_show_edits(
        journal):
    """Its application's drafts wait for the note to be fixed; its pages do not."""
    first = GOOD_NOTE.replace("status: waiting", "stage: screen\nstatus: next-round")
    journal.note("a1.md", first.replace("2026-11-18", "2026-11-10"))
    second = journal.note("a2.md", GOOD_NOTE.replace("2026-11-18", "2026-11-17"))
    assert build(journal).exit_code == 0
    second.write_text(second.read_text("utf-8").replace("status: waiting", "status: [waiting"),
                      "utf-8")
    assert build(journal).exit_code == 1
    journal.note("a1.md", first.replace("2026-11-18", "2026-11-10")
                 .replace("It went well.", "It went very well."))

    assert build(journal).exit_code == 1

    rebuilt = files_of(journal.root / "_site")
    assert b"very well" in rebuilt["interviews/notes/a1.html"]
    shutil.rmtree(journal.root / "_site")  # every page made again, from the same state
    assert build(journal).exit_code == 1
    assert rebuilt == files_of(journal.root / "_site")


def test_a_rebuild_after_changes_is_what_a_build_from_scratch_makes(journal, tmp_path):
    journal.note("a.md")
    gone = journal.note("b.md", GOOD_NOTE.replace("Acme Robotics", "Beta"))
    journal.note("c.md", GOOD_NOTE.replace("Acme Robotics", "Gamma"))
    age(journal.root, 60)
    assert build(journal).exit_code == 0
    journal.note("a.md", GOOD_NOTE.replace("It went well.", "It went very well.")
                 .replace("status: waiting", "status: rejected"))
    gone.unlink()
    journal.note("d.md", GOOD_NOTE.replace("Acme Robotics", "Delta"))
    draft = journal.root / "notes/c.drafts/thank-you-jane-doe.md"
    draft.write_text(draft.read_text("utf-8") + "P.S. Edited by hand.\n", "utf-8")
    age(journal.root, 30)

    result = build(journal)

    assert result.exit_code == 0, result.output
    rebuilt = files_of(journal.root / "_site")
    assert rebuilt == scratch_build(journal, tmp_path)
    assert b"very well" in rebuilt["interviews/notes/a.html"]
    assert b"P.S. Edited by hand." in rebuilt["interviews/notes/c.html"]
    assert "interviews/notes/b.html" not in rebuilt


def test_the_parts_of_index_pages_kept_between_builds_follow_each_change(journal, tmp_path):
    reflective = GOOD_NOTE.replace("---\nIt went",
                                   "reflection:\n  went_well: Clear answers\n---\nIt went")
    journal.note("a.md", reflective)
    journal.note("b.md", reflective.replace("Acme Robotics", "Beta"))
    age(journal.root, 60)
    build(journal)
    journal.note("a.md", reflective.replace("Clear answers", "Calm answers")
                 .replace("email: jane@example.com", "title: CTO"))

    build(journal)

    rebuilt = files_of(journal.root / "_site")
    assert rebuilt == scratch_build(journal, tmp_path)
    assert b"Calm answers" in rebuilt["lessons.html"]
    assert b"CTO" in rebuilt["contacts.html"]


def test_a_rebuild_renders_again_only_the_runs_of_index_pages_holding_the_change(
        journal, tmp_path, monkeypatch):
    reflective = GOOD_NOTE.replace("---\nIt went",
                                   "reflection:\n  went_well: Clear answers\n---\nIt went")
    for n in range(60):
        journal.note(f"{n:02}.md", reflective.replace("Acme Robotics", f"Company {n}"))
    age(journal.root, 60)
    build(journal)
    journal.note("20.md", reflective.replace("Acme Robotics", "Company 20")
                 .replace("Clear answers", "Calm answers").replace("Jane Doe", "Jan Doe"))
    looked_up, rendered = [], []
    keep = Fragments.get

    def counted(self, key, render):
        looked_up.append(key)
        return keep(self, key, lambda: rendered.append(repr(key)) or render())

    monkeypatch.setattr(Fragments, "get", counted)

    build(journal)
    monkeypatch.undo()

    assert files_of(journal.root / "_site") == scratch_build(journal, tmp_path)
    assert len(looked_up) < 60  # runs of applications, not one part per application a page
    # Rendered again: the runs showing application 20, and on the contacts pages, the run that
    # Jane Doe of Company 20 (now Jan Doe) left.
    assert rendered and all("company-20-" in key or key.startswith("('contacts")
                            for key in rendered)
    assert len(rendered) < len(looked_up)


def test_a_new_application_that_widens_the_timeline_moves_the_marks_of_the_others(
        journal, tmp_path):
    # Company 24's application ends a run (`fragments.runs`): the new one starts the next.
    assert zlib.crc32(b"company-24-backend-engineer") % RUN == 0
    journal.note("a.md", GOOD_NOTE.replace("Acme Robotics", "Company 24"))
    age(journal.root, 60)
    build(journal)
    journal.note("b.md", GOOD_NOTE.replace("Acme Robotics", "Beta")
                 .replace("2026-11-18", "2027-03-01").replace("waiting", "scheduled"))

    build(journal)

    timeline = files_of(journal.root / "_site")["timeline.html"]
    assert timeline == scratch_build(journal, tmp_path)["timeline.html"]


def test_a_build_with_nothing_changed_writes_nothing_and_says_the_same(journal):
    journal.note("a.md", GOOD_NOTE.replace("    email: jane@example.com\n", ""))
    age(journal.root, 60)
    first = build(journal)
    age(journal.root / "notes", 60)  # the drafts just written, too
    site = files_of(journal.root / "_site")

    again = build(journal)

    assert files_of(journal.root / "_site") == site
    assert again.exit_code == first.exit_code == 0
    assert "no `email` for Jane Doe" in again.stdout
    assert again.stdout == first.stdout
    assert "wrote 0 of 11 files and 0 drafts" in again.stderr


def test_a_report_page_deleted_by_hand_comes_back(journal):
    journal.note("a.md")
    age(journal.root, 60)
    build(journal)
    age(journal.root, 60)
    (journal.root / "_site/checklist.html").unlink()

    build(journal)

    assert (journal.root / "_site/checklist.html").is_file()


def test_the_next_build_reads_only_the_note_that_changed(journal, monkeypatch):

    changed = journal.note("a.md")
    journal.note("b.md", GOOD_NOTE.replace("Acme Robotics", "Beta"))
    age(journal.root, 60)
    build(journal)
    changed.write_text(GOOD_NOTE.replace("It went well.", "It went very well."), "utf-8")
    then = time.time() - 30
    os.utime(changed, (then, then))
    with recording() as events:
        assert build(journal).exit_code == 0

    assert names(events.read) == ["a.md"]  # the other note as the cache of the last build keeps it
    assert b"very well" in (journal.root / "_site/interviews/notes/a.html").read_bytes()


def warnings_in(output: str) -> list[str]:
    return [line for line in output.splitlines() if ": warning: " in line]


def test_the_next_build_looks_for_warnings_only_in_the_application_that_changed(journal,
                                                                                 tmp_path):
    vague = GOOD_NOTE.replace("highlights:\n  - Their move of billing to an event queue\n", "")
    changed = journal.note("a.md", vague)
    journal.note("b.md", vague.replace("Acme Robotics", "Beta"))
    age(journal.root, 60)
    assert len(warnings_in(build(journal).output)) == 2  # nothing specific to mention, each
    changed.write_text(vague.replace("It went well.", "It went very well."), "utf-8")
    then = time.time() - 30
    os.utime(changed, (then, then))
    with recording() as events:
        rebuilt = build(journal)

    assert events.warned == ["acme-robotics-backend-engineer"]
    assert warnings_in(rebuilt.output) == warnings_in(build(journal, "--no-cache").output)
    assert len(warnings_in(rebuilt.output)) == 2


def test_an_address_given_in_another_application_of_the_company_ends_its_warning(journal):
    """The application left alone finds the address in the other's note as a build from
    scratch does."""
    nameless = GOOD_NOTE.replace("    email: jane@example.com\n", "")
    journal.note("a.md", nameless)
    other = journal.note("c.md", nameless.replace("Backend", "Data")
                         .replace("2026-11-18", "2026-11-10").replace("waiting", "rejected"))
    age(journal.root, 60)
    assert "a.md:7:5: warning: no `email` for Jane Doe" in build(journal).output
    other.write_text(GOOD_NOTE.replace("Backend", "Data").replace("2026-11-18", "2026-11-10")
                     .replace("waiting", "rejected"), "utf-8")
    then = time.time() - 30
    os.utime(other, (then, then))

    rebuilt = build(journal)

    assert "no `email`" not in rebuilt.output
    assert warnings_in(rebuilt.output) == warnings_in(build(journal, "--no-cache").output)


def test_a_rebuild_keeps_what_the_applications_left_alone_call_for(journal):
    journal.note("a.md")
    journal.note("b.md", GOOD_NOTE.replace("Acme Robotics", "Beta"))
    age(journal.root, 60)
    build(journal, "--eml")
    first = files_of(journal.root / "_site")
    journal.note("a.md", GOOD_NOTE.replace("It went well.", "It went very well."))

    build(journal, "--eml")

    eml = {name for name in files_of(journal.root / "_site") if name.startswith("eml/")}
    assert eml == {name for name in first if name.startswith("eml/")}
    assert "eml/notes/b.drafts/thank-you-jane-doe.eml" in eml


def test_a_cache_saved_in_another_format_is_not_loaded(journal, monkeypatch):

    journal.note("a.md")
    age(journal.root, 60)
    build(journal)
    (journal.root / "_site/index.html").unlink()  # so that the next build is not a no-op
    monkeypatch.setattr(memory_module, "FORMAT", memory_module.FORMAT + 1)
    with recording() as events:
        assert build(journal).exit_code == 0

    assert names(events.read) == ["a.md"]  # read again: nothing taken from the cache
    assert (journal.root / "_site/index.html").is_file()


def test_a_note_from_the_cache_points_at_the_same_lines(journal, monkeypatch):
    journal.note("a.md", GOOD_NOTE.replace("    email: jane@example.com\n", """\
    email: jane@example.com
  - name: Bo Li
followups:
  - date: 2026-11-19
    kind: thank-you
    to: Jane
""").replace("status: waiting", "status: scheduled"))
    journal.note("b.md", GOOD_NOTE.replace("Acme Robotics", "Beta"))
    age(journal.root, 60)
    warnings = [
        "notes/a.md:5:1: warning: the interview date has passed but `status` is still scheduled",
        "notes/a.md:13:5: warning: `followups[0].to`: 'Jane' is not the name of anyone",
    ]
    first = build(journal)
    assert all(w in first.stdout for w in warnings), first.stdout
    changed = journal.note("b.md", GOOD_NOTE.replace("Acme Robotics", "Beta Labs"))
    then = time.time() - 30
    os.utime(changed, (then, then))

    with recording() as events:
        result = build(journal)

    assert names(events.read) == ["b.md"]  # a.md as the cache kept it
    assert all(w in result.stdout for w in warnings), result.stdout


def record_saving(monkeypatch) -> list[tuple[str, list]]:
    """The rows of the state file saved from now on: each one's table and keys."""
    saved: list[tuple[str, list]] = []
    changed_rows = store.Loaded.changed_rows

    def recorded(self, name, entries):
        rows = changed_rows(self, name, entries)
        saved.extend((name, keys) for keys in rows.values())
        return rows

    monkeypatch.setattr(store.Loaded, "changed_rows", recorded)
    monkeypatch.setattr(store, "BUCKETS", 1 << 20)  # a row for each entry, as good as
    return saved


def notes_saved(saved: list[tuple[str, list]]) -> list[str]:
    return [path.name for name, keys in saved if name == "notes" for path in keys]


def pages_memory(count: int) -> memory_module.Memory:
    return memory_module.Memory(pages={f"p{n}.html": (f"digest {n}", None) for n in range(count)})


def test_saving_the_cache_again_writes_only_the_rows_that_changed(tmp_path, monkeypatch):
    base = tmp_path / "cache" / "journal"
    memory_module.save_memory(base, pages_memory(1200))
    memory = memory_module.load_memory(base)
    memory.pages["p700.html"] = ("changed", None)
    saved = record_saving(monkeypatch)
    monkeypatch.setattr(store, "BUCKETS", 256)  # as the file was saved

    memory_module.save_memory(base, memory)

    assert memory_module.load_memory(base).pages == memory.pages  # the change, and all the rest
    assert [name for name, _ in saved] == ["pages"]
    assert "p700.html" in saved[0][1] and len(saved[0][1]) < 100  # one row of 256


def test_a_cache_saved_by_another_build_meanwhile_is_saved_anew(tmp_path):
    base = tmp_path / "cache" / "journal"
    memory_module.save_memory(base, pages_memory(1200))
    mine, theirs = memory_module.load_memory(base), memory_module.load_memory(base)
    theirs.pages["p5.html"] = ("theirs, longer than the digest before", None)
    memory_module.save_memory(base, theirs)
    mine.pages["p700.html"] = ("mine", None)

    memory_module.save_memory(base, mine)

    assert memory_module.load_memory(base).pages == mine.pages


def three_notes_one_changed(journal) -> None:
    """Notes a, b and c, built into the cache; then b changed (and dated back, to be trusted)."""
    for name in "abc":
        journal.note(f"{name}.md", GOOD_NOTE.replace("Acme Robotics", f"Company {name}"))
    age(journal.root, 60)
    assert build(journal).exit_code == 0
    changed = journal.note("b.md", GOOD_NOTE.replace("It went well.", "It went very well."))
    os.utime(changed, (time.time() - 30, time.time() - 30))


def test_a_note_changed_is_the_only_note_saved_again(journal, monkeypatch):
    monkeypatch.setattr(store, "BUCKETS", 1 << 20)  # a row of the state file for each note
    three_notes_one_changed(journal)
    saved = record_saving(monkeypatch)

    assert build(journal).exit_code == 0

    assert notes_saved(saved) == ["b.md"]  # a and c left as saved


def test_the_application_of_each_note_is_copied_in_the_cache_while_it_stays(journal,
                                                                           monkeypatch):
    monkeypatch.setattr(store, "BUCKETS", 1 << 20)  # a row of the state file for each note
    notes = {name: GOOD_NOTE.replace("Acme Robotics", f"Company {name}") for name in "abc"}
    for name, text in notes.items():
        journal.note(f"{name}.md", text)
    age(journal.root, 60)
    assert build(journal).exit_code == 0
    changed = journal.note("b.md", notes["b"].replace("It went well.", "It went very well."))
    os.utime(changed, (time.time() - 30, time.time() - 30))
    saved = record_saving(monkeypatch)

    assert build(journal).exit_code == 0

    assert notes_saved(saved) == ["b.md"]
    assert [name for name, _ in saved if name == "applications"] == []


def test_a_session_saves_what_it_changed_and_copies_what_it_did_not(journal, monkeypatch):
    from followup_journal.watch import Session

    monkeypatch.setattr(store, "BUCKETS", 1 << 20)  # a row of the state file for each note
    three_notes_one_changed(journal)
    session = Session(journal.root, None, date(2026, 11, 19), False, lambda: UTC)
    assert session.build().outcome is not None
    saved_rows = record_saving(monkeypatch)

    session.save()

    base = cache.cache_base(journal.root, session.output)
    saved = memory_module.load_memory(base)
    assert saved is not None
    assert saved.tables() == session.builder.memory.tables()
    assert notes_saved(saved_rows) == ["b.md"]  # the others left as loaded


@pytest.mark.parametrize("damage", ["garbage", "empty", "cut short", "another object"])
def test_a_damaged_cache_is_ignored(journal, own_cache, damage):
    journal.note("a.md")
    age(journal.root, 60)
    build(journal)
    site = files_of(journal.root / "_site")
    for path in own_cache.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            path.write_bytes({"garbage": b"\x80\x05not a pickle at all", "empty": b"",
                              "cut short": data[:len(data) // 2],
                              "another object": pickle.dumps({"format": 1})}[damage])
    (journal.root / "_site/index.html").unlink()

    result = build(journal)

    assert result.exit_code == 0, result.output
    assert files_of(journal.root / "_site") == site


def test_a_new_version_of_the_tool_reads_and_drafts_everything_again(journal, monkeypatch):
    journal.note("a.md")
    age(journal.root, 60)
    build(journal)
    with recording() as same:
        build(journal)
    assert (same.read, same.drafted) == ([], [])

    monkeypatch.setattr(outcome, "__version__", "99.0")
    monkeypatch.setattr(builder, "__version__", "99.0")
    with recording() as new:
        build(journal)

    assert names(new.read) == ["a.md"] and len(new.drafted) == 2  # a new reader, new templates


def test_the_cache_can_be_deleted(journal, own_cache):
    journal.note("a.md")
    build(journal)
    site = files_of(journal.root / "_site")
    shutil.rmtree(own_cache)
    (journal.root / "_site/index.html").unlink()

    assert build(journal).exit_code == 0
    assert files_of(journal.root / "_site") == site


def test_another_day_the_config_or_the_theme_renders_again(journal):
    journal.note("a.md")
    age(journal.root, 60)
    build(journal)
    age(journal.root, 60)

    journal.run("build", "--today", "2026-11-20")
    page = journal.root / "_site/interviews/notes/a.html"  # made from notes that did not change
    assert b"As of Friday 20 November 2026" in page.read_bytes()

    journal.write("journal.toml", (journal.root / "journal.toml").read_text("utf-8")
                  .replace("Ana Souza", "Ana S. Souza"))
    journal.run("build", "--today", "2026-11-20")
    assert b"Ana S. Souza" in (journal.root / "_site/interviews/notes/a.html").read_bytes()

    journal.write("themes/style.css", "body { color: teal }\n")
    journal.run("build", "--today", "2026-11-20")
    assert (journal.root / "_site/style.css").read_text("utf-8") == "body { color: teal }\n"


def test_a_new_day_renders_every_page_again_but_no_draft_until_the_config_changes(
        journal, monkeypatch):
    journal.note("a.md")
    age(journal.root, 60)
    build(journal)
    drafts = sorted((journal.root / "notes/a.drafts").glob("*.md"))
    drafts[0].write_text("My own words.\n", "utf-8")
    age(journal.root, 60)
    build(journal)
    with recording() as events:
        journal.run("build", "--today", "2026-11-20")

    assert events.drafted == []  # drafts do not depend on the day
    assert "interviews/notes/a.html" in events.rendered
    page = (journal.root / "_site/interviews/notes/a.html").read_text("utf-8")
    assert "Friday 20 November 2026" in page
    assert page.count("edited by you") == 1  # as remembered from the day before

    journal.write("journal.toml", (journal.root / "journal.toml").read_text("utf-8")
                  .replace("Ana Souza", "Ana S. Souza"))
    with recording() as events:
        journal.run("build", "--today", "2026-11-20")

    assert sorted(events.drafted) == drafts
    assert drafts[0].read_text("utf-8") == "My own words.\n"
    assert all("Ana S. Souza" in draft.read_text("utf-8") for draft in drafts[1:])


def test_a_draft_template_saved_during_a_watched_build_reaches_the_drafts_next_time(
        journal, monkeypatch):
    journal.note("a.md")
    template = journal.write("themes/drafts/thank-you.md.j2", "Version A\n")
    session = Session(journal.root, None, date(2026, 11, 19), False, lambda: UTC)
    session.build()
    drafts_key = outcome.drafts_key

    def saved_meanwhile(config):  # the user saves just after the build looked at the theme
        key = drafts_key(config)
        if "Version A" in template.read_text("utf-8"):
            template.write_text("Version B\n", "utf-8")
            os.utime(template, ns=(time.time_ns() + 10**9,) * 2)
        return key

    monkeypatch.setattr(builder, "drafts_key", saved_meanwhile)
    session.build()
    session.build()

    draft = journal.root / "notes/a.drafts/thank-you-jane-doe.md"
    assert "Version B" in draft.read_text("utf-8")


def test_the_cache_stays_out_of_the_journal(journal, own_cache):
    journal.note("a.md")
    build(journal)
    assert list(own_cache.glob("*.state")) and list(own_cache.glob("*.summary"))
    inside = {p.name for p in journal.root.rglob("*")}
    assert not [name for name in inside if "cache" in name]


def test_no_cache_is_written_with_the_option(journal, own_cache):
    journal.note("a.md")
    build(journal, "--no-cache")
    assert not own_cache.exists()


def test_a_stamp_too_recent_for_the_file_systems_clock_is_not_trusted():
    from followup_journal.scan import racy

    now = 1_800_000_000_123_456_789
    fine = (now - 200_000_000, 10, 1)  # 0.2 s ago, with nanoseconds: a fine clock
    assert not racy(fine, now)
    assert racy((now - 50_000_000, 10, 1), now)
    whole_second = now - now % 1_000_000_000 - 1_000_000_000  # FAT keeps whole (even) seconds
    assert racy((whole_second, 10, 1), now)
    assert not racy((whole_second - 2_000_000_000, 10, 1), now)
    assert racy(None, now)


def test_a_note_saved_during_a_build_is_built_by_the_next_one(journal, monkeypatch):

    note = journal.note("a.md")
    journal.run("build", "--today", "2026-11-18")
    age(journal.root, 60)  # so that the next build writes nothing its own stamps would give away
    settle_site = publish.settle_site

    def save_while_building(*args, **kwargs):  # the user saves just after the note was read
        result = settle_site(*args, **kwargs)
        note.write_text(GOOD_NOTE.replace("It went well.", "Saved mid-build."), "utf-8")
        then = time.time() - 30
        os.utime(note, (then, then))
        return result

    monkeypatch.setattr(publish, "settle_site", save_while_building)
    build(journal)  # another day: everything rendered again, no draft written
    monkeypatch.setattr(publish, "settle_site", settle_site)

    build(journal)

    assert b"Saved mid-build." in (journal.root / "_site/interviews/notes/a.html").read_bytes()


FORKED_BUILD = """
import os, sys
from followup_journal import parallel
from followup_journal.cli import main
parallel.MINIMUM = 1
forks = []
fork, parent = os.fork, os.getpid()
os.fork = lambda: forks.append("fork") or fork()
try:
    main()
finally:
    if os.getpid() == parent:
        print("forked:", len(forks), file=sys.stderr)
"""


def test_a_build_over_both_cores_makes_the_same_report(tmp_path):
    from conftest import SAMPLE, run_fj

    serial, forked = tmp_path / "serial", tmp_path / "forked"
    for copy in (serial, forked):
        shutil.copytree(SAMPLE, copy, ignore=shutil.ignore_patterns("_site"))
    assert run_fj("build", *TODAY, "--no-cache", str(serial)).exit_code == 0
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", FORKED_BUILD, "build", *TODAY, "--no-cache",
                           str(forked)], capture_output=True, text=True, check=False)

    assert done.returncode == 0, done.stderr
    forks = int(re.search(r"forked: (\d+)", done.stderr).group(1))
    assert forks >= 2, done.stderr  # the notes, the pages, and others
    assert files_of(forked / "_site") == files_of(serial / "_site")


CTRL_C_MID_PAGE = """
import os, signal, sys, time
from pathlib import Path
from followup_journal import parallel, writer
parallel.MINIMUM = 1
output = Path(sys.argv[1])

def slow_page(output, index):  # a page rendered so slowly that the build is stopped mid-way
    def pieces():
        yield b"<p>"
        time.sleep(60)
        yield b"</p>"
    writer.write_page(output, f"page{index}.html", pieces())

def ctrl_c_once_the_child_is_writing():
    while not any(output.iterdir()):  # the child's page, begun
        time.sleep(0.01)
    os.killpg(0, signal.SIGINT)  # as the terminal does: to the build and its child
    time.sleep(60)

try:
    parallel.parallel_map(slow_page, output, [1, 2], ctrl_c_once_the_child_is_writing)
except KeyboardInterrupt:
    print("stopped")
"""


def test_a_template_failing_in_a_worker_is_reported_with_its_line(journal):
    import subprocess
    import sys

    journal.note("a.md")
    journal.note("b.md", GOOD_NOTE.replace("Acme", "Beta"))
    journal.write("themes/interview.html", "{% extends 'default/interview.html' %}\n"
                  "{% block main %}\n{{ 1 // 0 }}\n{% endblock %}\n")
    done = subprocess.run([sys.executable, "-c", FORKED_BUILD, "build", *TODAY, "--no-cache",
                           str(journal.root)], capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert re.search(r"Error: \S*themes/interview\.html:3: integer division or modulo by zero",
                     done.stderr), done.stderr
    assert "Traceback" not in done.stderr and "forked: 0" not in done.stderr


def test_ctrl_c_while_the_child_writes_stops_the_build_at_once_and_quietly(tmp_path):
    import subprocess
    import sys

    # Within 50 s: the child is stopped, not waited for (its page takes a minute).
    done = subprocess.run([sys.executable, "-c", CTRL_C_MID_PAGE, str(tmp_path)],
                          capture_output=True, text=True, timeout=50, check=False,
                          start_new_session=True)

    assert done.stdout == "stopped\n", done.stderr
    assert "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []  # no page, and no temporary file left


def test_a_note_renamed_without_a_change_moves_its_page_and_the_links_to_it(journal, tmp_path):
    journal.note("a.md")
    journal.note("c.md", GOOD_NOTE.replace("Acme Robotics", "Gamma"))
    age(journal.root, 60)
    assert build(journal).exit_code == 0
    (journal.root / "notes/c.md").rename(journal.root / "notes/e.md")
    age(journal.root, 30)

    assert build(journal).exit_code == 0

    rebuilt = files_of(journal.root / "_site")
    assert rebuilt == scratch_build(journal, tmp_path)
    assert b"notes/e.html" in rebuilt["checklist.html"]
    assert b"notes/c.html" not in rebuilt["checklist.html"]


def test_an_application_renumbered_by_a_new_one_keeps_its_own_items(journal, tmp_path):
    journal.note("a.md")
    age(journal.root, 60)
    assert build(journal).exit_code == 0
    # The same name spelled otherwise, and earlier: it takes the key, `a.md` becomes `...-2`.
    journal.note("b.md", GOOD_NOTE.replace("Acme Robotics", "Acme-Robotics")
                 .replace("2026-11-18 14:30", "2026-11-10 10:00"))
    age(journal.root, 30)

    assert build(journal).exit_code == 0

    assert files_of(journal.root / "_site") == scratch_build(journal, tmp_path)


def test_a_journal_named_as_the_current_folder_has_no_op_builds(journal, monkeypatch):
    journal.note("a.md")
    age(journal.root, 60)
    monkeypatch.chdir(journal.root)
    from conftest import run_fj

    assert run_fj("build", *TODAY, ".").exit_code == 0
    age(journal.root, 30)
    assert run_fj("build", *TODAY, ".").exit_code == 0  # leaves stamps old enough to trust

    def no_build(*args, **kwargs):
        raise AssertionError("nothing changed: no build expected")

    monkeypatch.setattr(builder.Builder, "build", no_build)
    result = run_fj("build", *TODAY, ".")
    assert result.exit_code == 0, result.output
    assert "wrote 0 of" in result.output


def test_drafts_that_come_and_go_with_the_day_are_what_a_build_from_scratch_makes(journal,
                                                                                  tmp_path):
    """A differential test: random days, logs and edits, each build with the cache compared
    with one from scratch, reports and drafts byte for byte."""
    import random

    from test_drafts import drafts_in

    steps = random.Random(11)
    note = journal.note("a.md", GOOD_NOTE.replace("status: waiting", "status: next-round\n"
                                                  "next_steps:\n  by: 2026-12-07"))
    journal.note("b.md", GOOD_NOTE.replace("Acme Robotics", "Beta").replace(
        "status: waiting", "status: rejected"))
    days = ["2026-11-19", "2026-12-01", "2026-11-20", "2026-12-02", "2027-02-20", "2026-12-03"]
    for day in days:
        step = steps.choice(["day", "day", "log", "edit"])
        if step == "log" and "followups" not in note.read_text("utf-8"):
            note.write_text(note.read_text("utf-8").replace(
                "highlights:", "followups: [{kind: thank-you, to: Jane Doe, date: 2026-11-19}]"
                               "\nhighlights:"), "utf-8")
        elif step == "edit":
            for draft in sorted((journal.root / "notes").glob("*.drafts/*.md"))[:1]:
                draft.write_text(draft.read_text("utf-8") + "P.S.\n", "utf-8")
        age(journal.root, 60)
        result = journal.run("build", "--today", str(day))
        assert result.exit_code == 0, result.output
        copy = tmp_path / f"copy-{day}"
        shutil.copytree(journal.root, copy, ignore=shutil.ignore_patterns("_site"))
        from conftest import run_fj
        assert run_fj("build", "--today", str(day), "--no-cache", str(copy)).exit_code == 0
        assert files_of(journal.root / "_site") == files_of(copy / "_site"), (step, day)
        assert drafts_in(journal.root) == drafts_in(copy), (step, day)
        shutil.rmtree(copy)
