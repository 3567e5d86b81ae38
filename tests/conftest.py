"""Scratch journals for tests: a real folder with config and notes, and a way to run `fj` on it."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner, Result

from followup_journal.cli import cli
from followup_journal.parse import NoteResult, parse_note

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "sample-journal"
LISBON = ZoneInfo("Europe/Lisbon")

CONFIG = """\
timezone = "Europe/Lisbon"

[me]
name = "Ana Souza"
"""

GOOD_NOTE = """\
---
company: Acme Robotics
role: Backend Engineer
date: 2026-11-18 14:30
status: waiting
interviewers:
  - name: Jane Doe
    email: jane@example.com
highlights:
  - Their move of billing to an event queue
---
It went well.
"""


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def parse(text: str | bytes, tz: ZoneInfo = LISBON) -> NoteResult:
    """Parse a note given as text (dedented) or as raw bytes."""
    data = text if isinstance(text, bytes) else dedent(text).encode("utf-8")
    return parse_note(Path("note.md"), data, tz)


def problems_of(text: str | bytes) -> list[str]:
    """The problems of a note as `line:col: severity: message`, in file order."""
    return [f"{p.line}:{p.col}: {p.severity}: {p.message}" for p in sorted(parse(text).problems)]


class ScratchJournal:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.write("journal.toml", CONFIG)

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(text), encoding="utf-8")
        return path

    def note(self, name: str, text: str = GOOD_NOTE) -> Path:
        return self.write(f"notes/{name}", text)

    def save(self, relative: str, text: str) -> None:
        """Save as editors' safe write does, by renaming a whole new file over the old. A plain
        write (empty the file, then fill it) can be rebuilt half done on a loaded machine, which
        would give a watching test a build it does not expect."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        staged = path.with_name(f".{path.name}.tmp")
        staged.write_text(text, "utf-8")
        staged.replace(path)

    def run(self, *args: str) -> Result:
        return run_fj(*args, str(self.root))


def run_fj(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), prog_name="fj", catch_exceptions=False)


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test has its own build cache, never the user's."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("FOLLOWUP_JOURNAL_CACHE", str(folder))
    return folder


@pytest.fixture
def journal(tmp_path: Path) -> ScratchJournal:
    return ScratchJournal(tmp_path / "journal")


@pytest.fixture
def inside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Run the test from an empty scratch folder, as a user in their terminal would."""
    monkeypatch.chdir(tmp_path)
    yield tmp_path
