"""The build cache on disk: what the last `fj build` of a journal leaves for the next one.

It lives in the user's cache folder, never in the journal: a journal is shared through git, and
a cache file from someone else's clone must never be loaded (Python's pickle runs code). It is
safe to delete, and a cache that cannot be read is ignored: the build is then a cold one.

Two files per journal and output folder: a small one that says whether anything changed at all,
read first, and the state of every note and page (`store.py`), read only when something did.
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
from functools import lru_cache
from pathlib import Path
from typing import Any

from .atomicwrite import atomic_write

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
    """A path as the state (`store.py`) saved it. The same path comes back many times (a note's
    path is in its note, its items, its problems, its drafts), and is made once: unpickled the
    usual way, taking every path apart again was most of the time the cache took to load."""
    return Path(text)


def _reduce_path(path: Path) -> tuple[Callable[[str], Path], tuple[str]]:
    return restored_path, (str(path),)


PICKLING = copyreg.dispatch_table | {type(Path()): _reduce_path}  # for a `pickle.Pickler`


def save(path: Path, value: object) -> None:
    """Pickle `value` to `path`; a cache that cannot be written is not worth failing a build."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), durable=False)
    except OSError:
        pass
