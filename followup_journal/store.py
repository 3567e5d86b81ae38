"""The state a build leaves for the next, in one SQLite file of the cache folder (`cache.py`).

Each entry of each table of the memory (`memory.py`) is a row of its own, its key and value
pickled: a build that changed one note writes the few rows that changed, not the whole memory
(at 10,000 notes, rewriting it took the most of a second). A file that is missing, damaged,
foreign or of another format is no state: the build is then a cold one, and saves a new file.
Writes go through SQLite's write-ahead log, each save one transaction: a build killed while
saving leaves the state of the save before. Builds of one journal take turns (`lock.py`); a file
saved by another build since this one loaded it (where there is no lock) is saved anew, whole.
"""

from __future__ import annotations

import io
import os
import pickle
import sqlite3
import zlib
from contextlib import closing, suppress
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any

from .cache import PICKLING, collector_paused, restored_path

BUCKETS = 256  # rows of a table: its entries go to one by the checksum of their key


@dataclass
class Loaded:
    """The entries of a state file as loaded or last saved, and the keys of each row. Saving
    again, only the rows holding an entry whose value is no longer the very object loaded are
    written; the memory replaces a value that changes, never changes one in place."""

    token: bytes  # drawn at random when the file was saved: a file saved since has another
    values: dict[str, dict[Any, Any]] = field(default_factory=dict)  # by table, then key
    rows: dict[tuple[str, int], list[Any]] = field(default_factory=dict)  # by table and bucket

    def forget_changed(self, tables: dict[str, dict[Any, Any]]) -> None:
        """Let go of the values no longer in `tables`: they are objects the memory has since
        replaced, which a session of `fj watch` would otherwise keep to its end."""
        for name, entries in tables.items():
            old = self.values.get(name, {})
            for key in _changed(entries, old) + list(old.keys() - entries.keys()):
                if key in old:
                    old[key] = _GONE

    def changed_rows(self, name: str, entries: dict[Any, Any]) -> dict[int, list[Any]]:
        """The rows of a table that no longer hold what `entries` holds, with the keys each
        holds now (none: the row goes)."""
        old = self.values.get(name, {})
        changed: dict[int, list[Any]] = {}
        for key in [*_changed(entries, old), *(old.keys() - entries.keys())]:
            number = bucket(key)
            if number not in changed:
                changed[number] = [k for k in self.rows.get((name, number), [])
                                   if k in entries]
            if key in entries and key not in old:
                changed[number].append(key)
        self.values[name] = dict(entries)
        for number, keys in changed.items():
            self.rows[name, number] = keys
        return changed


_GONE = object()  # an entry's value let go of: never the same as the memory's


def _changed(entries: dict[Any, Any], old: dict[Any, Any]) -> list[Any]:
    """The keys of `entries` whose value is not the very one in `old`: at C speed, as far as
    can be (at 10,000 notes, 50,000 entries)."""
    return [key for key, value, was in zip(entries, entries.values(),
                                           map(old.get, entries, repeat(_GONE)), strict=True)
            if value is not was]


def bucket(key: object) -> int:
    """The row of an entry: the same in every process (`hash` is not)."""
    return zlib.crc32(repr(key).encode("utf-8", "surrogatepass")) % BUCKETS


def load_tables(path: Path, version: int) -> tuple[dict[str, dict[Any, Any]], Loaded] | None:
    """Every entry of the state file at `path`, by table, and the rows they lay in; None when
    the file is missing, damaged, foreign or of another `version`."""
    try:
        if not path.is_file():  # connecting would make one
            return None
        with collector_paused(), closing(sqlite3.connect(path)) as db:
            if db.execute("PRAGMA user_version").fetchone() != (version,):
                return None
            [(token,)] = db.execute("SELECT token FROM meta").fetchall()
            loaded = Loaded(token)
            for name, number, data in db.execute("SELECT name, bucket, entries FROM entries"):
                entries = pickle.loads(data)
                loaded.values.setdefault(name, {}).update(entries)
                loaded.rows[name, number] = [key for key, _ in entries]
        return {name: dict(entries) for name, entries in loaded.values.items()}, loaded
    # A damaged file, or a pickle of a class that moved, can fail in many ways: every one of
    # them only means "no state".
    except Exception:
        return None
    finally:
        restored_path.cache_clear()  # for one load: its paths live on in what it loaded


def save_tables(path: Path, version: int, tables: dict[str, dict[Any, Any]],
                loaded: Loaded | None) -> Loaded | None:
    """Save `tables` in the state file at `path`: only the rows changed since `loaded`, if the
    file is still the one loaded, else every row anew. What was saved, to save again from; None
    if the file could not be written (a cache is not worth failing a build)."""
    for _ in range(2):
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            with collector_paused(), closing(sqlite3.connect(path, isolation_level=None)) as db:
                return _save(db, version, tables, loaded)
        except (OSError, sqlite3.OperationalError):  # locked, read-only, out of room
            return None
        except sqlite3.DatabaseError:  # damaged, or not a database: made again
            _remove_state(path)
    return None


def _save(db: sqlite3.Connection, version: int, tables: dict[str, dict[Any, Any]],
          loaded: Loaded | None) -> Loaded:
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")  # the last save may be lost, never half of it
    db.execute("BEGIN IMMEDIATE")
    try:
        if loaded is None or db.execute("PRAGMA user_version").fetchone() != (version,) or (
                db.execute("SELECT token FROM meta").fetchall() != [(loaded.token,)]):
            for statement in SCHEMA:
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {int(version)}")
            loaded = Loaded(b"")
        token = os.urandom(16)
        db.execute("DELETE FROM meta")
        db.execute("INSERT INTO meta (token) VALUES (?)", (token,))
        for name, entries in tables.items():
            for number, keys in sorted(loaded.changed_rows(name, entries).items()):
                if keys:
                    db.execute("INSERT OR REPLACE INTO entries (name, bucket, entries)"
                               " VALUES (?, ?, ?)",
                               (name, number, _pickled([(k, entries[k]) for k in keys])))
                else:
                    db.execute("DELETE FROM entries WHERE name = ? AND bucket = ?",
                               (name, number))
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    loaded.token = token
    return loaded


SCHEMA = ["DROP TABLE IF EXISTS meta", "DROP TABLE IF EXISTS entries",
          "CREATE TABLE meta (token BLOB NOT NULL)",
          "CREATE TABLE entries (name TEXT NOT NULL, bucket INTEGER NOT NULL,"
          " entries BLOB NOT NULL, PRIMARY KEY (name, bucket))"]


def _remove_state(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with suppress(OSError):
            Path(f"{path}{suffix}").unlink()


def _pickled(value: object) -> bytes:
    file = io.BytesIO()
    pickler = pickle.Pickler(file, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = PICKLING
    pickler.dump(value)
    return file.getvalue()
