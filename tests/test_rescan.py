"""`fj watch` trusts its events: the scan made from the last one and the paths the events name
is the scan of the whole journal, and the rebuild from it is a build from scratch."""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from conftest import GOOD_NOTE, ScratchJournal
from test_build import files_of
from test_incremental import scratch_build

from followup_journal.config import load_config
from followup_journal.events import recording
from followup_journal.scan import rescanned, scan_journal
from followup_journal.watch import Session

COMPANIES = ["Acme", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta", "Iota"]


def note_text(company: str, words: str = "It went well.") -> str:
    return GOOD_NOTE.replace("Acme Robotics", f"{company} Robotics").replace(
        "It went well.", words)


class Edits:
    """A user's edits of a journal, seeded; each gives the paths watchdog would name."""

    def __init__(self, journal: ScratchJournal, seed: int) -> None:
        self.journal, self.root = journal, journal.root
        self.random = random.Random(seed)
        self.made = 0

    def notes(self) -> list[Path]:
        return sorted(p for p in self.root.rglob("*.md")
                      if "_site" not in p.parts and ".drafts" not in str(p)
                      and not p.name.startswith(".") and p.name != "README.md")

    def folders(self) -> list[Path]:
        return sorted(p for p in (self.root / "notes").rglob("*")
                      if p.is_dir() and not p.name.endswith(".drafts"))

    def new_note(self, folder: Path) -> list[Path]:
        self.made += 1
        company = COMPANIES[self.made % len(COMPANIES)]
        created = not folder.exists()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.random.choice('aknz')}{self.made}.md"  # anywhere in the order
        path.write_text(note_text(company, f"Round {self.made}."), "utf-8")
        return [folder] if created else [path]  # a new folder: its own event may be the only one

    def edit(self) -> list[Path]:
        path = self.random.choice(self.notes())
        path.write_text(path.read_text("utf-8").replace("\n---\n", "\n---\nMore. ", 1), "utf-8")
        return [path]

    def add(self) -> list[Path]:
        return self.new_note(self.root / "notes")

    def add_in_new_folder(self) -> list[Path]:
        return self.new_note(self.root / "notes" / f"sub{self.made}" / "deeper")[:1]

    def delete(self) -> list[Path]:
        path = self.random.choice(self.notes())
        path.unlink()
        return [path]

    def move_note(self) -> list[Path]:
        path = self.random.choice(self.notes())
        folder = self.random.choice([self.root / "notes", *self.folders()])
        target = folder / f"moved-{path.name}"
        path.rename(target)
        return [path, target]

    def move_folder(self) -> list[Path]:
        folders = self.folders()
        if not folders:
            return self.add_in_new_folder()
        folder = self.random.choice(folders)
        target = self.root / "notes" / f"{folder.name}-moved{self.made}"
        folder.rename(target)
        return [folder, target]

    def delete_folder(self) -> list[Path]:
        folders = self.folders()
        if not folders:
            return self.delete()
        folder = self.random.choice(folders)
        shutil.rmtree(folder)
        return [folder]

    def edit_draft(self) -> list[Path]:
        drafts = sorted(self.root.rglob("*.drafts/*.md"))
        if not drafts:
            return self.edit()
        draft = self.random.choice(drafts)
        draft.write_text(draft.read_text("utf-8") + "P.S. by hand\n", "utf-8")
        return [draft]

    def noise(self) -> list[Path]:
        """Files that are no notes: excluded, hidden, not Markdown."""
        self.made += 1
        paths = [self.root / "README.md", self.root / "notes" / f".hidden{self.made}.md",
                 self.root / "notes" / f"photo{self.made}.png"]
        for path in paths:
            path.write_text(note_text("Noise"), "utf-8")
        return paths

    def sequence(self, rounds: int) -> list[Callable[[], list[Path]]]:
        """Each kind of edit `rounds` times, in a shuffled order."""
        kinds: list[Callable[[], list[Path]]] = [
            self.edit, self.add, self.add_in_new_folder, self.delete, self.move_note,
            self.move_folder, self.delete_folder, self.edit_draft, self.noise]
        edits = kinds * rounds
        self.random.shuffle(edits)
        return edits


def test_a_rebuild_from_the_events_paths_is_a_build_from_scratch(journal, tmp_path):
    for number, company in enumerate(COMPANIES[:4]):
        journal.note(f"a{number}.md", note_text(company))
    journal.write("notes/old/b.md", note_text("Kappa"))
    session = Session(journal.root, None, date(2026, 11, 19), False, lambda: ZoneInfo("UTC"))
    assert session.build().outcome is not None
    edits = Edits(journal, seed=11)
    for step, edit in enumerate(edits.sequence(rounds=2)):
        changed = edit()
        with recording() as events:
            built = session.build(changed)
        assert built.outcome is not None, built.error
        assert events.scanned == []  # no whole scan: the events' paths only
        config, _ = load_config(journal.root, lambda: ZoneInfo("UTC"))
        whole = scan_journal(config)
        assert session.scan is not None
        assert list(session.scan.note_stamps.items()) == list(whole.note_stamps.items()), step
        assert session.scan.drafts_stamps == whole.drafts_stamps  # the order of drafts matters not
        if step % 4 == 3:
            assert files_of(journal.root / "_site") == scratch_build(journal, tmp_path / str(step))


def scan_after(journal: ScratchJournal, change: Callable[[], list[Path]]) -> tuple[object, object]:
    """The scan made from the last one and the changed paths, and the whole journal's."""
    config, _ = load_config(journal.root, lambda: ZoneInfo("UTC"))
    before = scan_journal(config)
    changed = [path.relative_to(journal.root).as_posix() for path in change()]
    after = rescanned(before, config, changed)
    return after and after.note_stamps, scan_journal(config).note_stamps


def test_a_note_in_a_new_folder_is_found_from_the_folders_event_alone(journal):
    journal.note("a.md")

    def new_folder() -> list[Path]:
        journal.note("2027/spring/b.md", note_text("Beta"))
        return [journal.root / "notes/2027"]

    found, whole = scan_after(journal, new_folder)
    assert found == whole and any(path.endswith("b.md") for path in whole)


def test_places_a_scan_does_not_go_are_left_out_as_it_leaves_them(journal):
    journal.note("a.md")

    def elsewhere() -> list[Path]:
        return [journal.write(name, GOOD_NOTE) for name in (
            "_site/stray.md", ".git/x.md", "README.md", "notes/.hidden.md", "notes/a.drafts/x.md",
            "node_modules/pkg/y.md")]

    found, whole = scan_after(journal, elsewhere)
    assert found == whole and len(whole) == 1


def test_the_theme_or_a_name_that_is_not_utf8_takes_a_whole_scan(journal):
    journal.note("a.md")
    config, _ = load_config(journal.root, lambda: ZoneInfo("UTC"))
    scan = scan_journal(config)
    assert rescanned(scan, config, ["themes/index.html"]) is None
    assert rescanned(scan, config, ["notes/caf\udce9.md"]) is None
    assert rescanned(scan, config, ["notes/" + "x" * 240 + ".md"]) is not None  # not there
