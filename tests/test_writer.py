"""Writing the report, on a scratch folder: atomic writes, the manifest, what is never touched."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

import pytest

from followup_journal import atomicwrite
from followup_journal.atomicwrite import atomic_write, stage_many
from followup_journal.writer import (
    MANIFEST,
    OutputRefused,
    claim_site,
    read_manifest,
    settle_site,
    write_if_changed,
    write_page,
)


def build_site(output: Path, pages: dict[str, bytes]) -> None:
    """What a build does: claim the pages, write them, remove what is no longer made."""
    claim = claim_site(output, pages, frozenset(), pages.__getitem__)
    written = sum(write_page(output, name, data) for name, data in pages.items())
    settle_site(claim, written)


def files_in(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def names_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    """Set the umask for the test (the writer reads it afresh), and put it back after."""
    mask = os.umask(0o022)
    os.umask(mask)

    def set_umask(new: int) -> None:
        os.umask(new)
        atomicwrite._umask.cache_clear()

    yield set_umask
    set_umask(mask)


def test_an_atomic_write_that_fails_midway_leaves_the_old_file_whole(tmp_path):
    path = tmp_path / "index.html"
    path.write_bytes(b"old page\n")

    def torn(file: BinaryIO) -> None:
        file.write(b"half of the new")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left on device"):
        atomic_write(path, torn)
    assert path.read_bytes() == b"old page\n"
    assert names_in(tmp_path) == ["index.html"]  # and no temporary file left


def test_an_atomic_write_gives_the_whole_new_file_in_a_new_folder(tmp_path):
    path = tmp_path / "interviews" / "notes" / "a.html"
    atomic_write(path, b"new page\n")
    atomic_write(path, lambda file: file.writelines([b"newer ", b"page\n"]))
    assert files_in(tmp_path) == {"interviews/notes/a.html": b"newer page\n"}


def test_a_file_that_already_holds_the_bytes_is_not_written_again(tmp_path):
    path = tmp_path / "index.html"
    assert write_if_changed(path, b"page\n")
    before = path.stat()
    assert not write_if_changed(path, b"page\n")
    assert not write_page(tmp_path, "index.html", [b"pa", b"ge\n"])
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_a_file_not_made_by_the_tool_is_never_replaced_and_nothing_is_claimed(tmp_path):
    mine = tmp_path / "about.html"
    mine.write_bytes(b"my own page\n")
    pages = {"index.html": b"index\n", "about.html": b"about\n"}
    with pytest.raises(OutputRefused, match=r"about\.html was not made by followup-journal"):
        claim_site(tmp_path, pages, frozenset(), pages.__getitem__)
    assert mine.read_bytes() == b"my own page\n"
    assert names_in(tmp_path) == ["about.html"]  # no manifest, no page



@pytest.mark.parametrize("stop", [KeyboardInterrupt(), OSError(28, "No space left on device")])
def test_a_page_stopped_half_written_leaves_the_old_page_whole_and_no_new_one(tmp_path, stop):
    (tmp_path / "old.html").write_bytes(b"old page\n")

    def torn() -> Iterator[bytes]:
        yield b"half of the new"
        raise stop

    for name in ("old.html", "new.html", "folder/new.html"):
        with pytest.raises(type(stop)) as raised:
            write_page(tmp_path, name, torn())
        if isinstance(stop, OSError):  # the error names the page
            assert raised.value.filename == str(tmp_path / name)
    assert files_in(tmp_path) == {"old.html": b"old page\n"}  # no temporary file either


def test_a_new_page_is_written_whole_and_an_old_one_replaced(tmp_path):
    write_page(tmp_path, "a.html", b"new page\n")
    write_page(tmp_path, "pieces/b.html", iter([b"new ", b"pieces\n"]))
    assert files_in(tmp_path) == {"a.html": b"new page\n", "pieces/b.html": b"new pieces\n"}
    old = (tmp_path / "a.html").stat().st_ino
    assert write_page(tmp_path, "a.html", [b"newer ", b"page\n"])
    assert not write_page(tmp_path, "pieces/b.html", b"new pieces\n")
    assert files_in(tmp_path) == {"a.html": b"newer page\n", "pieces/b.html": b"new pieces\n"}
    assert (tmp_path / "a.html").stat().st_ino != old  # replaced whole, never written over

def test_a_file_already_holding_what_the_tool_would_write_is_taken_over(tmp_path):
    (tmp_path / "index.html").write_bytes(b"index\n")  # a build cut short before its manifest
    build_site(tmp_path, {"index.html": b"index\n"})
    assert read_manifest(tmp_path) == {"index.html"}


def test_a_rebuild_removes_only_the_files_the_last_build_made(tmp_path):
    build_site(tmp_path, {"index.html": b"1\n", "interviews/notes/gone.html": b"2\n"})
    (tmp_path / "interviews/notes/mine.txt").write_bytes(b"mine\n")
    (tmp_path / "photo.png").write_bytes(b"mine too\n")

    build_site(tmp_path, {"index.html": b"1\n"})

    assert files_in(tmp_path) == {MANIFEST: b"index.html\n", "index.html": b"1\n",
                                  "interviews/notes/mine.txt": b"mine\n",
                                  "photo.png": b"mine too\n"}


def test_a_folder_emptied_by_a_rebuild_is_removed_but_not_the_output(tmp_path):
    output = tmp_path / "_site"
    build_site(output, {"interviews/notes/a.html": b"a\n"})
    build_site(output, {})
    assert output.is_dir() and names_in(output) == [MANIFEST]


@pytest.mark.parametrize("line", ["../notes/a.md", "sub/../../notes/a.md", "..\\notes\\a.md",
                                  "{notes}", "C:{notes}"])
def test_a_manifest_edited_to_name_files_outside_deletes_nothing_there(tmp_path, line):
    output, note = tmp_path / "_site", tmp_path / "notes" / "a.md"
    note.parent.mkdir()
    note.write_bytes(b"my note\n")
    build_site(output, {"index.html": b"1\n"})
    named = line.format(notes=(tmp_path / "notes").as_posix() + "/a.md")
    (output / MANIFEST).write_text(f"index.html\n{named}\n")

    build_site(output, {"index.html": b"1\n"})

    assert note.read_bytes() == b"my note\n"
    assert read_manifest(output) == {"index.html"}


def test_the_temporary_files_a_killed_build_left_are_removed_and_no_others(tmp_path):
    left = tmp_path / ".index.html.fj-k2j4x9q1.tmp"
    mine = tmp_path / ".notes.fj-k2j4x9q1.tmp"  # no file of the report has that name
    for path in (left, mine):
        path.write_bytes(b"x")
    build_site(tmp_path, {"index.html": b"1\n"})
    assert not left.exists() and mine.exists()


def test_new_files_get_the_permissions_the_umask_gives_and_old_ones_keep_theirs(tmp_path,
                                                                               umask):
    umask(0o027)
    fresh, kept = tmp_path / "fresh.html", tmp_path / "kept.html"
    kept.write_bytes(b"old\n")
    kept.chmod(0o600)

    atomic_write(fresh, b"new\n")
    atomic_write(kept, b"new\n")
    write_page(tmp_path, "pieces.html", [b"new\n"])
    write_page(tmp_path, "page.html", b"new\n")

    modes = {p.name: p.stat().st_mode & 0o777
             for p in (fresh, kept, tmp_path / "pieces.html", tmp_path / "page.html")}
    assert modes == {"fresh.html": 0o640, "kept.html": 0o600, "pieces.html": 0o640,
                     "page.html": 0o640}


def test_a_file_that_cannot_be_staged_is_an_error_of_its_own_and_the_others_are_staged(
        tmp_path):
    (tmp_path / "in-the-way").write_bytes(b"a file, not a folder\n")
    staged = stage_many([(tmp_path / "a.md", b"a\n"), (tmp_path / "in-the-way" / "b.md", b"b\n"),
                         (tmp_path / "c.md", b"c\n")])
    assert [isinstance(s, Path) for s in staged] == [True, False, True]
    assert [Path(s).read_bytes() for s in staged if isinstance(s, Path)] == [b"a\n", b"c\n"]
    assert not (tmp_path / "a.md").exists()  # staged beside it, not yet in its place
