"""Reading a whole journal from disk: which files are notes, and every note's result."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .config import Config
from .drafts import DRAFTS_SUFFIX
from .model import NoteFile
from .problems import Problem
from .reader import NoteResult, parse_note

THEMES_FOLDER = "themes"


@dataclass(frozen=True)
class Journal:
    config: Config
    results: tuple[NoteResult, ...]
    problems: tuple[Problem, ...]  # of the notes, and of folders that could not be read
    drafts_folders: tuple[Path, ...] = ()  # every `*.drafts` folder found, with a note or not

    @property
    def notes(self) -> list[NoteFile]:
        return [result.note for result in self.results if result.note is not None]


def read_journal(config: Config) -> Journal:
    """Every note of the journal, valid or not, in a stable order."""
    folder_problems: list[Problem] = []
    drafts_folders: list[Path] = []
    results = []
    for path in find_notes(config, folder_problems, drafts_folders):
        try:
            data = path.read_bytes()
        except OSError as error:
            problem = Problem(path, 1, 1, f"cannot read: {error.strerror}")
            results.append(NoteResult(path, None, (problem,)))
            continue
        results.append(parse_note(path, data, config.timezone))
    problems = [*folder_problems, *(p for result in results for p in result.problems)]
    return Journal(config, tuple(results), tuple(problems), tuple(sorted(drafts_folders)))


def find_notes(config: Config, problems: list[Problem],
               drafts_folders: list[Path] | None = None) -> list[Path]:
    """`*.md` files below the journal root, skipping output, drafts, themes, hidden and excluded.

    A folder that cannot be listed is added to `problems`, so no note goes missing unsaid; the
    drafts folders passed on the way are added to `drafts_folders`.
    """
    def unreadable(error: OSError) -> None:
        path = Path(error.filename)
        problems.append(Problem(path, 1, 1, f"cannot read this folder: {error.strerror}"))

    return sorted(_walk(config, unreadable, drafts_folders if drafts_folders is not None else []))


def _walk(config: Config, onerror: Callable[[OSError], None],
          drafts_folders: list[Path]) -> Iterator[Path]:
    skipped = {config.output.resolve(), config.root.resolve() / THEMES_FOLDER}
    for folder, dirs, files in os.walk(config.root, onerror=onerror):
        here = Path(folder)
        drafts_folders += [here / name for name in dirs if name.endswith(DRAFTS_SUFFIX)]
        dirs[:] = [
            name for name in dirs
            if not name.startswith(".")
            and not name.endswith(DRAFTS_SUFFIX)
            and (here / name).resolve() not in skipped
            and not excluded(config, here / name)
        ]
        for name in files:
            path = here / name
            if name.endswith(".md") and not name.startswith(".") and not excluded(config, path):
                yield path


def excluded(config: Config, path: Path) -> bool:
    """Whether an `exclude` pattern matches, as in .gitignore: a pattern with a `/` at its start
    or middle matches the path from the journal root, any other the name at any depth."""
    relative = path.relative_to(config.root).as_posix()
    for pattern in config.exclude:
        anchored = pattern.startswith("/") or "/" in pattern.strip("/")
        if fnmatch.fnmatchcase(relative if anchored else path.name, pattern.strip("/")):
            return True
    return False
