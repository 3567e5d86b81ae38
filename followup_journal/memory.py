"""What one build leaves for the next: the memory that makes a rebuild redo only what changed.

Every note read (by the file's stamp), the drafts written and read, each application's items and
warnings, and a digest of what each page of the report was made from. `fj watch` and `fj serve`
keep it for the whole session; `fj build` saves it in the cache's state file (`store.py`)
between runs.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from . import store
from .applications import Application, Joining
from .checklist import Item
from .fragments import Fragments
from .parse import NoteResult
from .problems import Problem
from .readdrafts import DraftFile
from .scan import Stamp, Stamps

FORMAT = 20  # of the state file, raised when what it holds changes shape or meaning (the
# problems of a note read): a state saved in another format is not loaded (the tool's version,
# in the keys, covers releases)


class Drafted(NamedTuple):
    """The drafts of one application, as the last build that wrote them left them."""

    version: str  # what they were made from (`drafting.application_digest`)
    wanted: list[Path]  # the drafts its notes call for
    edited: list[Path]  # the user's versions, left as they are
    problems: list[Problem]


NotesRead = tuple[tuple[str, str], ...]  # each note of an application: its path and digest
ItemsKey = tuple[str, NotesRead, date | None, Joining | None]  # what its items are made from


@dataclass
class Memory:
    """What one build leaves for the next."""

    parse_key: tuple[object, ...] = ()  # what reading a note depends on besides its bytes
    drafts_key: tuple[object, ...] = ()  # what every draft depends on
    render_key: tuple[object, ...] = ()  # what every page depends on
    notes: dict[Path, tuple[Stamp | None, str, NoteResult]] = field(default_factory=dict)
    drafts_read: dict[Path, tuple[Stamps, list[DraftFile]]] = field(default_factory=dict)
    drafts_written: dict[str, Drafted] = field(default_factory=dict)  # by application
    applications: dict[Path, str] = field(default_factory=dict)  # identity, of each note read well
    pages: dict[str, tuple[str, Stamp | None]] = field(default_factory=dict)
    # By notes read, the day the search ended and where, and whom the application thanks
    items: dict[ItemsKey, list[Item]] = field(default_factory=dict)
    # By notes read, the day the search ended and the people of the company (`Met.version`)
    warnings: dict[tuple[str, NotesRead, date | None, str], list[Problem]] = field(
        default_factory=dict)
    fragments: Fragments = field(default_factory=Fragments)  # of pages, by `{% cache %}` key
    loaded: store.Loaded | None = None  # where its entries lie in the state file, if loaded

    def tables(self) -> dict[str, dict[Any, Any]]:
        """The memory as the tables of entries the state file holds (`store.py`)."""
        return {"keys": {"parse": self.parse_key, "drafts": self.drafts_key,
                         "render": self.render_key},
                "notes": self.notes, "drafts_read": self.drafts_read, "pages": self.pages,
                "drafts_written": self.drafts_written, "applications": self.applications,
                "items": self.items, "warnings": self.warnings,
                "fragments": self.fragments.__getstate__()}

    @classmethod
    def from_tables(cls, tables: dict[str, dict[Any, Any]], loaded: store.Loaded) -> Memory:
        """The memory the tables of a state file hold."""
        keys = tables.get("keys", {})  # none: every entry is forgotten as made with others
        memory = cls(keys.get("parse", ()), keys.get("drafts", ()), keys.get("render", ()),
                     loaded=loaded)
        for name in ("notes", "drafts_read", "pages", "drafts_written", "applications",
                     "items", "warnings"):
            getattr(memory, name).update(tables.get(name, {}))
        memory.fragments.__setstate__(tables.get("fragments", {}))
        return memory

    def forget_drafts(self, drafts_key: tuple[object, ...]) -> None:
        """The drafts written with the config or theme of before are to be made again; what
        each application called for is kept, for those held until a note is fixed."""
        self.drafts_written = {key: drafted._replace(version="")
                               for key, drafted in self.drafts_written.items()}
        self.drafts_key = drafts_key

    def forget_rendering(self, render_key: tuple[object, ...]) -> None:
        """The pages, items and warnings made with the config, theme, day or options of
        before."""
        self.pages, self.items, self.warnings = {}, {}, {}
        self.fragments, self.render_key = Fragments(), render_key

    def notes_read(self, application: Application) -> NotesRead:
        """Each note of an application: its path, and the digest of its bytes as read."""
        return tuple((str(n.path), self.notes[n.path][1]) for n in application.interviews)

    def let_go_of_replaced(self) -> None:
        """Forget the values loaded that this memory no longer holds."""
        if self.loaded is not None:
            self.loaded.forget_changed(self.tables())


def state_file(base: Path) -> Path:
    return base.with_suffix(".state")


def load_memory(base: Path | None) -> Memory | None:
    """The memory the last build left in the cache (`cache.cache_base`), if it can be read."""
    found = None if base is None else store.load_tables(state_file(base), FORMAT)
    return None if found is None else Memory.from_tables(*found)


def save_memory(base: Path | None, memory: Memory) -> None:
    """Save in the cache what changed in `memory` since it was loaded or last saved."""
    if base is not None:
        memory.loaded = store.save_tables(state_file(base), FORMAT, memory.tables(),
                                          memory.loaded)
        with suppress(OSError):  # the whole memory, as a build of an older version saved it
            base.with_suffix(".memory").unlink()
