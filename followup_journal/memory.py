"""What one build leaves for the next: the memory that makes a rebuild redo only what changed.

Every note read (by the file's stamp), the drafts written and read, each application's items, and
a digest of what each page of the report was made from. `fj watch` and `fj serve` keep it for the
whole session; `fj build` saves it in the cache (`cache.py`) between runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from . import cache
from .applications import Application
from .checklist import Item
from .fragments import Fragments
from .parse import NoteResult
from .problems import Problem
from .readdrafts import DraftFile
from .scan import Stamp, Stamps

PART = 500  # entries of the memory pickled together
FORMAT = 17  # of the memory's parts, raised when what it holds changes shape or meaning (the
# problems of a note read): a cache saved in another format is not loaded (the tool's version,
# in the keys, covers releases)


class Drafted(NamedTuple):
    """The drafts of one application, as the last build that wrote them left them."""

    version: str  # what they were made from (`drafting.application_digest`)
    wanted: list[Path]  # the drafts its notes call for
    edited: list[Path]  # the user's versions, left as they are
    problems: list[Problem]


NotesRead = tuple[tuple[str, str], ...]  # each note of an application: its path and digest


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
    # By notes read, and the day the search ended
    items: dict[tuple[str, NotesRead, date | None], list[Item]] = field(default_factory=dict)
    fragments: Fragments = field(default_factory=Fragments)  # of pages, by `{% cache %}` key
    loaded: cache.Loaded | None = None  # the parts this memory was loaded from, if it was

    def parts(self) -> list[tuple[str, object]]:
        """The memory in pieces of a few hundred entries each, for the cache to save one by
        one (`cache.save_parts`)."""
        parts: list[tuple[str, object]] = [("format", FORMAT),
                                           ("keys", (self.parse_key, self.drafts_key,
                                                     self.render_key))]
        for name, entries in self._tables().items():
            items = list(entries.items())
            parts.extend((name, items[start:start + PART]) for start in range(0, len(items), PART))
        return parts

    @classmethod
    def from_parts(cls, parts: list[tuple[str, Any]], loaded: cache.Loaded | None = None
                   ) -> Memory:
        """The memory `parts` came from; an error if they are not the parts of one."""
        if parts[:1] != [("format", FORMAT)]:
            raise ValueError("a cache saved by another version of the tool")
        memory = cls(loaded=loaded)
        tables = memory._tables()
        for name, value in parts[1:]:
            if name == "keys":
                memory.parse_key, memory.drafts_key, memory.render_key = value
            else:
                tables[name].update(value)
        memory.fragments.__setstate__(tables["fragments"])
        return memory

    def _tables(self) -> dict[str, dict[Any, Any]]:
        return {"notes": self.notes, "drafts_read": self.drafts_read, "pages": self.pages,
                "drafts_written": self.drafts_written, "applications": self.applications,
                "items": self.items, "fragments": self.fragments.__getstate__()}

    def forget_drafts(self, drafts_key: tuple[object, ...]) -> None:
        """The drafts written with the config or theme of before are to be made again; what
        each application called for is kept, for those held until a note is fixed."""
        self.drafts_written = {key: drafted._replace(version="")
                               for key, drafted in self.drafts_written.items()}
        self.drafts_key = drafts_key
        self.loaded = None  # its parts will not be the same

    def forget_rendering(self, render_key: tuple[object, ...]) -> None:
        """The pages made with the config, theme, day or options of before."""
        self.pages, self.items = {}, {}
        self.fragments, self.render_key = Fragments(), render_key
        self.loaded = None  # its parts will not be the same

    def notes_read(self, application: Application) -> NotesRead:
        """Each note of an application: its path, and the digest of its bytes as read."""
        return tuple((str(n.path), self.notes[n.path][1]) for n in application.interviews)

    def let_go_of_replaced(self) -> None:
        """Forget the parts loaded that this memory no longer holds as they were."""
        if self.loaded is not None:
            with cache.collector_paused():
                self.loaded.forget_changed(self.parts())


def load_memory(base: Path | None) -> Memory | None:
    """The memory the last build left in the cache (`cache.cache_base`), if it can be read."""
    if base is None:
        return None
    return cache.load_parts(base.with_suffix(".memory"), Memory.from_parts)


def save_memory(base: Path | None, memory: Memory) -> None:
    if base is not None:
        with cache.collector_paused():
            cache.save_parts(base.with_suffix(".memory"), memory.parts(), memory.loaded)
