"""Which files a build reads, and their stamps, on a scratch journal."""

from __future__ import annotations

import dataclasses
import os
import random
from pathlib import Path

from conftest import LISBON, ScratchJournal

from followup_journal.config import Config, default_config
from followup_journal.scan import Scan, folder_stamps, scan_journal, stamp, tree_stamps


def config_of(journal: ScratchJournal, **changes: object) -> Config:
    return dataclasses.replace(default_config(journal.root, lambda: LISBON), **changes)


def notes_of(scan: Scan, root: Path) -> list[str]:
    return [path.relative_to(root).as_posix() for path in scan.notes]


def test_every_md_file_below_the_journal_is_a_note_in_the_order_of_its_path(journal):
    names = ["a-b.md", "a/x.md", "a/b/c.md", "b.md", "2026/11/z.md", "a.md", "Z.md", "é.md"]
    random.Random(7).shuffle(names)
    for name in names:
        journal.write(name, "x\n")
    found = notes_of(scan_journal(config_of(journal)), journal.root)
    assert found == [p.as_posix() for p in sorted(Path(name) for name in names)]


def test_hidden_files_and_folders_other_files_and_excluded_ones_are_not_notes(journal):
    for name in ["notes/a.md", "notes/.#a.md", ".git/COMMIT.md", "notes/.old/b.md",
                 "notes/a.txt", "notes/a.md~", "notes/a.md.swp", "README.md",
                 "node_modules/pkg/readme.md", "notes/folder.md/c.md"]:
        journal.write(name, "x\n")
    found = notes_of(scan_journal(config_of(journal)), journal.root)
    assert found == ["notes/a.md", "notes/folder.md/c.md"]


def test_the_output_themes_and_drafts_folders_are_not_read_for_notes(journal):
    for name in ["a.md", "public/index.md", "themes/mine/page.md", "notes/a.drafts/check-in.md",
                 "notes/.b.drafts/info.md"]:
        journal.write(name, "x\n")
    scan = scan_journal(config_of(journal, output=journal.root / "public"))
    assert notes_of(scan, journal.root) == ["a.md"]


def test_a_linked_folder_is_not_followed_into_notes_elsewhere(journal, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "b.md").write_text("x\n")
    journal.write("a.md", "x\n")
    (journal.root / "linked").symlink_to(elsewhere, target_is_directory=True)
    assert notes_of(scan_journal(config_of(journal)), journal.root) == ["a.md"]


def test_drafts_folders_are_found_with_their_files_whether_their_note_is_there_or_not(journal):
    journal.write("notes/a.md", "x\n")
    journal.write("notes/a.drafts/thank-you-jane-doe.md", "Dear Jane\n")
    journal.write("notes/a.drafts/info.eml", "To: Jane\n")
    journal.write("notes/a.drafts/kept/old.md", "a folder of mine\n")
    journal.write("notes/gone.drafts/check-in.md", "Hello\n")
    scan = scan_journal(config_of(journal))
    files = {folder.relative_to(journal.root).as_posix(): [name for name, _ in stamps]
             for folder, stamps in scan.drafts.items()}
    assert files == {"notes/a.drafts": ["info.eml", "thank-you-jane-doe.md"],
                     "notes/gone.drafts": ["check-in.md"]}


def test_a_files_stamp_changes_when_it_is_edited_and_only_then(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("one\n")
    first = stamp(path)
    assert stamp(path) == first
    os.utime(path, ns=(first[0], first[0] + 1))  # saved again in the same second, same size
    assert stamp(path) != first
    path.write_text("longer\n")
    assert stamp(path)[1] == len("longer\n")


def test_a_file_replaced_by_one_of_the_same_size_and_time_has_another_stamp(tmp_path):
    path, new = tmp_path / "a.md", tmp_path / ".a.md.tmp"
    path.write_text("one\n")
    new.write_text("two\n")
    before = stamp(path)
    os.utime(new, ns=(before[0], before[0]))
    new.replace(path)  # as an editor's safe save does
    assert stamp(path) != before


def test_a_file_that_is_gone_or_a_folder_that_is_not_there_has_no_stamp(tmp_path):
    assert stamp(tmp_path / "gone.md") is None
    assert folder_stamps(tmp_path / "gone.drafts") == ()


def test_the_scans_digest_changes_with_a_note_or_a_draft_and_with_nothing_else(journal):
    note = journal.write("notes/a.md", "x\n")
    draft = journal.write("notes/a.drafts/info.md", "Hello\n")
    config = config_of(journal)
    digest = scan_journal(config).digest()
    assert scan_journal(config).digest() == digest

    journal.write("notes/todo.txt", "not a note\n")
    journal.write("notes/.a.md.swp", "editor litter\n")
    assert scan_journal(config).digest() == digest

    draft.write_text("Hello again\n")
    after_draft = scan_journal(config).digest()
    note.write_text("x, edited\n")
    after_note = scan_journal(config).digest()
    journal.write("notes/b.md", "x\n")
    assert len({digest, after_draft, after_note, scan_journal(config).digest()}) == 4


def test_a_theme_file_edited_or_added_changes_the_themes_stamps(journal):
    theme = journal.root / "themes"
    page = journal.write("themes/mine/page.html", "<p>\n")
    before = tree_stamps(theme)
    assert tree_stamps(theme) == before
    page.write_text("<p>edited\n")
    edited = tree_stamps(theme)
    journal.write("themes/mine/partials/list.html", "<ul>\n")
    assert len({before, edited, tree_stamps(theme)}) == 3
