"""The build cache on disk: what the last `fj build` of a journal leaves for the next one.

It lives in the user's cache folder, never in the journal: a journal is shared through git, and
a cache file from someone else's clone must never be loaded (Python's pickle runs code). It is
safe to delete, and a cache that cannot be read is ignored: the build is then a cold one.

Two files per journal and output folder: a small one that says whether anything changed at all,
read first, and the large memory of every note and page, read only when something did.
"""

from __future__ import annotations

import copyreg
import gc
import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from .atomicwrite import atomic_write

T = TypeVar("T")

CACHE_VARIABLE = "FOLLOWUP_JOURNAL_CACHE"  # a folder to use instead, or "off"


def cache_folder() -> Path | None:
    """Where caches go: $FOLLOWUP_JOURNAL_CACHE, else the platform's cache folder."""
    chosen = os.environ.get(CACHE_VARIABLE)
    if chosen:
        return None if chosen == "off" else Path(chosen)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "followup-journal"


def cache_base(root: Path, output: Path) -> Path | None:
    """The cache files' common stem for building `root` into `output`; None when caching is off."""
    folder = cache_folder()
    if folder is None:
        return None
    name = hashlib.sha256(f"{root.resolve()}\0{output.resolve()}".encode()).hexdigest()[:24]
    return folder / name


def templates_folder() -> Path | None:
    """Where compiled templates are kept between processes; None when caching is off."""
    folder = cache_folder()
    python = f"{sys.version_info.major}{sys.version_info.minor}"
    return None if folder is None else folder / f"templates-{python}"


def load(path: Path, expected: type) -> Any:
    """The object pickled at `path`, or None if it is missing, unreadable or not an `expected`."""
    try:
        with path.open("rb") as file:
            found = pickle.load(file)
    # A damaged or outdated pickle can fail in many ways (EOFError, UnpicklingError, a class that
    # moved, ...); every one of them only means "no cache".
    except Exception:
        return None
    return found if isinstance(found, expected) else None


@dataclass
class Loaded:
    """The parts of a memory as loaded, and where each lay in the file: saving again, a part
    still the same is copied from there instead of pickled again (at 10,000 notes, pickling
    every part took 1.5 s after one note changed)."""

    path: Path
    token: bytes  # drawn at random when the file was saved: a file saved since has another
    parts: list[tuple[Any, int, int] | None]  # each part, and its start and end in the file

    def unchanged(self, index: int, part: Any) -> tuple[int, int] | None:
        """Where `part` lies in the file, if it is the same as the part loaded at `index`.

        A part is a (name, value) pair, its value made of (key, value) entries or compared
        whole. Entries are the same when their keys are equal and their values the very objects
        loaded: the memory replaces a value that changes, never changes one in place."""
        loaded = self.parts[index] if index < len(self.parts) else None
        if loaded is None:
            return None
        (name, value), start, end = loaded
        if name != part[0]:
            return None
        if not isinstance(value, list):
            return (start, end) if value == part[1] else None
        entries = part[1]
        if len(entries) != len(value) or any(
                new[1] is not old[1] or new[0] != old[0]
                for old, new in zip(value, entries, strict=True)):
            return None
        return start, end

    def forget_changed(self, parts: list[Any]) -> None:
        """Let go of the parts no longer the same as `parts`: they hold objects the memory has
        since replaced, which a session of `fj watch` would otherwise keep to its end."""
        for index in range(len(self.parts)):
            if index >= len(parts) or self.unchanged(index, parts[index]) is None:
                self.parts[index] = None


def save_parts(path: Path, parts: list[Any], loaded: Loaded | None = None) -> None:
    """Pickle `parts` one after the other to `path`, forgetting each part's objects before the
    next: pickling a large memory whole first remembers every object in it, which at 10,000
    notes takes more memory than the build itself. A part unchanged since `loaded` is copied
    from the file it was loaded from, if that file is still the same."""

    def write(file: BinaryIO) -> None:
        _pickle(file, (len(parts), os.urandom(16)))  # then a pickle each, so each its own memo
        with _still(loaded) as old:
            for index, part in enumerate(parts):
                span = loaded.unchanged(index, part) if old and loaded else None
                if span is None or old is None:
                    _pickle(file, part)
                else:
                    old.seek(span[0])
                    file.write(old.read(span[1] - span[0]))

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write(path, write, durable=False)
    except OSError:
        pass


def _pickle(file: BinaryIO, value: object) -> None:
    pickler = pickle.Pickler(file, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = copyreg.dispatch_table | {type(Path()): _reduce_path}
    pickler.dump(value)


@contextmanager
def _still(loaded: Loaded | None) -> Iterator[BinaryIO | None]:
    """The file `loaded` came from, open, if it is still the one loaded; else None."""
    try:
        file = loaded.path.open("rb") if loaded else None
    except OSError:
        file = None
    if file is None:
        yield None
        return
    with file:
        try:
            _, token = pickle.load(file)
        except Exception:  # damaged: not the file loaded
            token = None
        yield file if loaded and token == loaded.token else None


def load_parts(path: Path, assemble: Callable[[list[Any], Loaded], T]) -> T | None:
    """What `assemble` makes of the parts saved at `path` (and where they lay), or None when
    anything is amiss."""
    try:
        with collector_paused(), path.open("rb") as file:
            count, token = pickle.load(file)
            parts = []
            for _ in range(count):
                start = file.tell()
                part = pickle.load(file)
                parts.append((part, start, file.tell()))
            return assemble([part for part, _, _ in parts], Loaded(path, token, [*parts]))
    except Exception:  # as in `load`: a damaged cache only means "no cache"
        return None
    finally:
        restored_path.cache_clear()  # for one load: its paths live on in what it loaded


@contextmanager
def collector_paused() -> Iterator[None]:
    """The garbage collector off while a large memory is loaded or saved: it would go over
    every object of it again and again (at 10,000 notes, a second or more each way)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


@lru_cache(maxsize=1 << 17)
def restored_path(text: str) -> Path:
    """A path as `save_parts` saved it. The same path comes back many times (a note's path is
    in its note, its items, its problems, its drafts), and is made once: unpickled the usual way,
    taking every path apart again was most of the time the cache took to load."""
    return Path(text)


def _reduce_path(path: Path) -> tuple[Callable[[str], Path], tuple[str]]:
    return restored_path, (str(path),)


def save(path: Path, value: object) -> None:
    """Pickle `value` to `path`; a cache that cannot be written is not worth failing a build."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), durable=False)
    except OSError:
        pass
