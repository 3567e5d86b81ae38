"""The build cache's files, on a scratch folder: what is saved is loaded, and nothing else is."""

from __future__ import annotations

import pickle
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from followup_journal import store
from followup_journal.cache import CACHE_VARIABLE, cache_base, cache_folder, load, save
from followup_journal.store import load_tables, save_tables


class Memory(dict[str, Any]):
    """A stand-in for what a build keeps: a type the cache is asked for by name."""


def tables_of(path: Path) -> dict[str, dict[Any, Any]] | None:
    found = load_tables(path, 1)
    return None if found is None else found[0]


DAMAGED = {"garbage": b"\x80\x05not a pickle at all", "empty": b"",
           "another object": pickle.dumps(["a", "list"]), "a folder": None}


@pytest.mark.parametrize("damage", DAMAGED, ids=DAMAGED.keys())
def test_a_damaged_or_foreign_cache_file_is_no_cache_never_a_crash(tmp_path, damage):
    path = tmp_path / "journal.memory"
    data = DAMAGED[damage]
    if data is None:
        path.mkdir()
    else:
        path.write_bytes(data)
    assert load(path, Memory) is None
    assert load_tables(path, 1) is None


def test_a_state_file_cut_short_is_no_state(tmp_path):
    path = tmp_path / "journal.state"
    save_tables(path, 1, {"notes": {n: "x" * 100 for n in range(1000)}}, None)
    path.write_bytes(path.read_bytes()[:-5000])
    assert load_tables(path, 1) is None


def test_a_foreign_database_is_no_state_and_is_made_anew(tmp_path):
    path = tmp_path / "journal.state"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE entries (name TEXT)")
        db.execute("INSERT INTO entries VALUES ('theirs')")
    db.close()
    assert load_tables(path, 1) is None

    save_tables(path, 1, {"notes": {"a": "one"}}, None)

    assert tables_of(path) == {"notes": {"a": "one"}}


def test_a_state_file_of_another_format_is_no_state(tmp_path):
    path = tmp_path / "journal.state"
    save_tables(path, 1, {"notes": {"a": "one"}}, None)
    assert load_tables(path, 2) is None


def test_a_damaged_state_file_is_saved_anew(tmp_path):
    path = tmp_path / "journal.state"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)

    save_tables(path, 1, {"notes": {"a": "one"}}, None)

    assert tables_of(path) == {"notes": {"a": "one"}}


def test_a_missing_cache_is_no_cache(tmp_path):
    assert load(tmp_path / "nothing", Memory) is None
    assert load_tables(tmp_path / "nothing", 1) is None
    assert not (tmp_path / "nothing").exists()


def test_what_is_saved_is_loaded_the_same(tmp_path):
    memory = Memory(notes={Path("notes/a.md"): ("Acme", 3)}, today="2026-11-19")
    save(tmp_path / "journal.summary", memory)
    assert load(tmp_path / "journal.summary", Memory) == memory


def test_tables_saved_are_loaded_the_same_paths_and_all(tmp_path):
    path = tmp_path / "journal.state"
    tables = {"notes": {Path("notes/a.md"): "a", Path("notes/b.md"): "b"},
              "pages": {"index.html": b"<html>"}}
    save_tables(path, 1, tables, None)
    loaded = tables_of(path)
    assert loaded == tables
    assert all(isinstance(key, Path) for key in loaded["notes"])


def test_entries_changed_added_and_gone_since_loaded_are_saved(tmp_path):
    path = tmp_path / "journal.state"
    save_tables(path, 1, {"notes": {n: f"note {n}" for n in range(1000)}, "day": {"": 19}}, None)
    tables, loaded = load_tables(path, 1)
    tables["notes"][5] = "changed"
    tables["notes"][1000] = "added"
    del tables["notes"][7]
    tables["day"][""] = 20

    save_tables(path, 1, tables, loaded)

    assert tables_of(path) == tables
    tables["notes"][6] = "changed again"  # saved a second time, from where the first left it
    save_tables(path, 1, tables, loaded)
    assert tables_of(path) == tables


def test_a_cache_that_cannot_be_written_does_not_fail_the_build(tmp_path):
    (tmp_path / "a file").write_bytes(b"in the way\n")
    save(tmp_path / "a file" / "journal.summary", Memory())
    save_tables(tmp_path / "a file" / "journal.state", 1, {"notes": {}}, None)
    assert (tmp_path / "a file").read_bytes() == b"in the way\n"


def test_the_cache_folder_is_private_to_the_user(tmp_path):
    save(tmp_path / "cache" / "journal.summary", Memory())
    assert (tmp_path / "cache").stat().st_mode & 0o077 == 0


def test_the_cache_goes_where_the_variable_says_or_nowhere_when_off(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_VARIABLE, str(tmp_path / "mine"))
    assert cache_folder() == tmp_path / "mine"
    monkeypatch.setenv(CACHE_VARIABLE, "off")
    assert cache_folder() is None
    assert cache_base(tmp_path, tmp_path / "_site") is None


def test_the_cache_follows_the_platforms_cache_folder_out_of_the_journal(tmp_path,
                                                                        monkeypatch):
    monkeypatch.delenv(CACHE_VARIABLE)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr("sys.platform", "linux")
    journal = tmp_path / "journal"
    base = cache_base(journal, journal / "_site")
    assert base is not None and base.parent == tmp_path / "xdg" / "followup-journal"


def test_each_journal_and_output_folder_has_its_own_cache_the_same_each_time(tmp_path,
                                                                            monkeypatch):
    monkeypatch.chdir(tmp_path)
    one, other = tmp_path / "one", tmp_path / "other"
    bases = [cache_base(one, one / "_site"), cache_base(one, one / "public"),
             cache_base(other, other / "_site")]
    assert len(set(bases)) == 3
    assert cache_base(Path("one"), Path("one/_site")) == bases[0]  # however it is named


def test_a_save_stopped_half_way_leaves_the_state_saved_before(tmp_path, monkeypatch):
    path = tmp_path / "journal.state"
    before = {"notes": {n: f"note {n}" for n in range(1000)}}
    save_tables(path, 1, before, None)
    tables, loaded = load_tables(path, 1)
    tables["notes"] = {n: f"changed {n}" for n in range(1000)}
    pickled = store._pickled
    calls = []

    def stopped(value):
        calls.append(value)
        if len(calls) == 50:  # many rows written already, in the same transaction
            raise KeyboardInterrupt
        return pickled(value)

    monkeypatch.setattr(store, "_pickled", stopped)
    with pytest.raises(KeyboardInterrupt):
        save_tables(path, 1, tables, loaded)

    assert tables_of(path) == before
