"""The read stage: every note of the journal from disk, as a model or precise problems (which
files are notes: `scan.py`; what a note's bytes say: `parse.py`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path

from .config import Config
from .model import NoteFile
from .parse import NoteResult, parse_note
from .problems import Problem
from .scan import scan_journal
from .sourcetext import Unreadable, read_file


@dataclass(frozen=True)
class Journal:
    config: Config
    results: tuple[NoteResult, ...]
    problems: tuple[Problem, ...]  # of the notes, and of folders that could not be read

    @classmethod
    def of(cls, config: Config, results: list[NoteResult], scanned: list[Problem]) -> Journal:
        """The journal of these notes read, with the problems of the scan (`scanned`)."""
        problems = [*scanned, *(p for result in results for p in result.problems)]
        return cls(config, tuple(results), tuple(problems))

    @property
    def notes(self) -> list[NoteFile]:
        return [result.note for result in self.results if result.note is not None]


def read_journal(config: Config) -> Journal:
    """Every note of the journal, valid or not, in a stable order."""
    scan = scan_journal(config)
    return Journal.of(config, [load_note(path, config.timezone)[1] for path in scan.notes],
                      scan.problems)


def load_note(path: Path, tz: tzinfo) -> tuple[bytes | None, NoteResult]:
    """A note's bytes (None when they cannot be read) and what they say."""
    try:
        data = read_file(path)
    except Unreadable as error:
        return None, NoteResult(path, None, (Problem(path, error.line, error.col, error.message),))
    return data, parse_note(path, data, tz)
