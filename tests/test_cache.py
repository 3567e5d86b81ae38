"""The build cache's files, on a scratch folder: what is saved is loaded, and nothing else is."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest

from followup_journal.cache import (
    CACHE_VARIABLE,
    Loaded,
    cache_base,
    cache_folder,
    load,
    load_parts,
    save,
    save_parts,
)


class Memory(dict[str, Any]):
    """A stand-in for what a build keeps: a type the cache is asked for by name."""


def as_loaded(parts: list[Any], loaded: Loaded) -> tuple[list[Any], Loaded]:
    return parts, loaded


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
    assert load_parts(path, as_loaded) is None


def test_a_cache_cut_short_is_no_cache(tmp_path):
    path = tmp_path / "journal.memory"
    save_parts(path, [("notes", list(range(1000))), ("pages", "x" * 1000)])
    path.write_bytes(path.read_bytes()[:-100])
    assert load_parts(path, as_loaded) is None


def test_a_missing_cache_is_no_cache(tmp_path):
    assert load(tmp_path / "nothing", Memory) is None
    assert load_parts(tmp_path / "nothing", as_loaded) is None


def test_what_is_saved_is_loaded_the_same(tmp_path):
    memory = Memory(notes={Path("notes/a.md"): ("Acme", 3)}, today="2026-11-19")
    save(tmp_path / "journal.summary", memory)
    assert load(tmp_path / "journal.summary", Memory) == memory


def test_parts_saved_one_by_one_are_loaded_the_same_paths_and_all(tmp_path):
    path = tmp_path / "journal.memory"
    parts = [("notes", [(Path("notes/a.md"), "a"), (Path("notes/b.md"), "b")]),
             ("pages", {"index.html": b"<html>"})]
    save_parts(path, parts)
    loaded, _ = load_parts(path, as_loaded)
    assert loaded == parts
    assert all(isinstance(key, Path) for key, _ in loaded[0][1])


def test_parts_unchanged_since_loaded_are_saved_the_same(tmp_path):
    path = tmp_path / "journal.memory"
    save_parts(path, [("notes", [("a", "one"), ("b", "two")]), ("today", "2026-11-19")])
    parts, loaded = load_parts(path, as_loaded)
    parts[1] = ("today", "2026-11-20")

    save_parts(path, parts, loaded)  # the notes copied from the file, the day pickled

    assert load_parts(path, as_loaded)[0] == [("notes", [("a", "one"), ("b", "two")]),
                                              ("today", "2026-11-20")]


def test_a_cache_that_cannot_be_written_does_not_fail_the_build(tmp_path):
    (tmp_path / "a file").write_bytes(b"in the way\n")
    save(tmp_path / "a file" / "journal.summary", Memory())
    save_parts(tmp_path / "a file" / "journal.memory", [("notes", [])])
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
