"""Which files a build reads, and their stamps: enough to tell cheaply whether anything changed.

A stamp is a file's modification time, size and inode; a file whose stamp is the same has not
changed. One pass over the journal finds the notes (every `*.md` below the root, except the
output folder, `themes/`, drafts folders, hidden files and excluded ones), the stamp of each,
and the stamps of the drafts beside them. This module imports nothing heavy: a build with
nothing to do should not pay for the templates or the YAML reader.
"""

from __future__ import annotations

import fnmatch
import hashlib
import marshal
import os
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .events import record
from .parallel import in_two
from .problems import Problem

if TYPE_CHECKING:
    from .config import Config

Stamp = tuple[int, int, int]  # modification time in ns, size, inode: a file changed if it differs
Stamps = tuple[tuple[str, Stamp | None], ...]  # of every file of a folder, by name

THEMES_FOLDER = "themes"
DRAFTS_SUFFIX = ".drafts"
# A note's name, in UTF-8 bytes: its page's temporary file (`.name.html.fj-k2j4x9q1.tmp`) takes
# 22 bytes more than its stem, and a file system no more than 255.
MAX_NOTE_NAME = 255 - 22 + len(".md")

# A file changed this shortly before it was read may change again within the file system's clock
# tick without its stamp showing it: such a stamp is not trusted the next time (git's "racy
# clean" problem). Ticks are milliseconds on Linux and macOS, but up to 2 s on FAT: a stamp in
# whole seconds is taken to come from such a coarse clock.
RACY_NS = 100_000_000
COARSE_RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class Scan:
    """Every file a build reads, with its stamp, in a stable order.

    Paths are kept as text: a build with nothing to do never needs them as `Path` objects, and
    making tens of thousands of those would be a large part of its time.
    """

    note_stamps: dict[str, Stamp | None]
    drafts_stamps: dict[str, Stamps]  # by drafts folder, with a note or not
    problems: list[Problem]  # folders that could not be listed

    @cached_property
    def notes(self) -> dict[Path, Stamp | None]:
        return {Path(path): stamp for path, stamp in self.note_stamps.items()}

    @cached_property
    def drafts(self) -> dict[Path, Stamps]:
        return {Path(folder): stamps for folder, stamps in self.drafts_stamps.items()}

    def restamp_drafts(self, folder: Path) -> None:
        """Take the drafts of `folder` as they are now, after the build wrote or removed some
        (a folder not there, none made or removed by the build, is as a scan finds it)."""
        if not folder.is_dir():
            self.drafts_stamps.pop(str(folder), None)
            self.drafts.pop(folder, None)
            return
        stamps = folder_stamps(folder)
        self.drafts_stamps[str(folder)] = self.drafts[folder] = stamps

    def digest(self, *more: object) -> str:
        # marshal, not repr: several times faster on tens of thousands of stamps. Its version 2
        # writes values only; later ones also write which objects are shared, which varies.
        stamps = marshal.dumps((self.note_stamps, sorted(self.drafts_stamps.items())), 2)
        return digest(hashlib.blake2b(stamps, digest_size=16).hexdigest(), self.problems, *more)

    @property
    def racy(self) -> bool:
        """Whether a file changed so recently that its stamp cannot be trusted yet."""
        now = time.time_ns()
        stamps = [*self.note_stamps.values(),
                  *(s for f in self.drafts_stamps.values() for _, s in f)]
        return any(racy(s, now) for s in stamps)


def scan_journal(config: Config) -> Scan:
    """The notes of the journal and the drafts beside them, with their stamps."""
    record("scanned", [config.root])
    notes: list[tuple[str, Stamp | None]] = []
    drafts: list[str] = []
    problems: list[Problem] = []
    skipped = {os.path.realpath(config.output), os.path.realpath(config.root / THEMES_FOLDER)}
    # Entries are taken in name order, depth first: the same order as sorted paths.
    _scan_folder(str(config.root), "", _Walk(config.exclude, skipped, notes, drafts, problems))
    # Looking at every draft is most of a build with nothing to do: both cores share it.
    found = dict(zip(drafts, in_two(folder_stamps, drafts), strict=True))
    return Scan(dict(notes), found, problems)


def rescanned(previous: Scan, config: Config, changed: Iterable[str]) -> Scan | None:
    """The scan `scan_journal` would make now, made from `previous` and the paths changed since
    (each from the journal's root, with `/`: a file or a folder, made, changed, moved or gone),
    looking at those only. None when only a whole scan can say: a scan with problems, a name
    that is not UTF-8, the theme."""
    if previous.problems:
        return None
    root = str(config.root)
    base = "" if root == os.curdir else root + os.sep
    skipped = {os.path.realpath(config.output), os.path.realpath(config.root / THEMES_FOLDER)}
    walk = _Walk(config.exclude, skipped, [], [], [])
    notes, drafts = dict(previous.note_stamps), dict(previous.drafts_stamps)
    added = False
    for relative in sorted(set(changed)):
        if not _is_text(relative) or relative.split("/")[0] == THEMES_FOLDER:
            return None
        target = _looked_at(base, relative.split("/"), walk)
        if target is not None:
            added |= _look_again(target, walk, notes, drafts)
    if walk.problems:
        return None
    added |= any(folder not in drafts for folder in walk.drafts)
    drafts.update(zip(walk.drafts, map(folder_stamps, walk.drafts), strict=True))
    if added:  # in the order of a whole scan, depth first by name: `\0` sorts before any name
        notes = dict(sorted(notes.items(), key=lambda item: item[0].replace(os.sep, "\0")))
        drafts = dict(sorted(drafts.items(), key=lambda item: item[0].replace(os.sep, "\0")))
    return Scan(notes, drafts, [])


def _looked_at(base: str, parts: list[str], walk: _Walk) -> tuple[str, str] | None:
    """What a scan finds again for a change at `parts`, as its path and its path from the root:
    the path itself, or the drafts folder it is in; None where a scan does not go."""
    for depth, name in enumerate(parts[:-1]):
        relative = "/".join(parts[:depth + 1])
        path = base + relative.replace("/", os.sep)
        if name.endswith(DRAFTS_SUFFIX):
            return path, relative
        if not _entered(path, relative, walk):
            return None
    relative = "/".join(parts)
    return base + relative.replace("/", os.sep), relative


def _look_again(target: tuple[str, str], walk: _Walk, notes: dict[str, Stamp | None],
                drafts: dict[str, Stamps]) -> bool:
    """Find `target` again as a scan would (a note, a drafts folder, or a folder to scan), in
    place of what `notes` and `drafts` had at or below it. Whether a note is new to `notes`,
    which then is out of order."""
    path, relative = target
    below = path + os.sep
    for gone in [p for p in notes if p.startswith(below)]:
        del notes[gone]
    for gone in [f for f in drafts if f.startswith(below)]:
        del drafts[gone]
    name = relative.rsplit("/", 1)[-1]
    if Path(path).is_dir():
        notes.pop(path, None)
        if name.endswith(DRAFTS_SUFFIX):
            walk.drafts.append(path)
            return False
        drafts.pop(path, None)
        if _entered(path, relative, walk):
            found = len(walk.notes)
            _scan_folder(path, relative, walk)
            notes.update(walk.notes[found:])
            return len(walk.notes) > found
        return False
    drafts.pop(path, None)
    if not (os.path.lexists(path) and name.endswith(".md") and not name.startswith(".")
            and not excluded(walk.exclude, relative)):
        notes.pop(path, None)
        return False
    if len(name.encode("utf-8")) > MAX_NOTE_NAME:  # a whole scan says why it is left out
        walk.problems.append(Problem(Path(path), 1, 1, "name too long"))
        return False
    new = path not in notes
    notes[path] = stamp(Path(path))
    return new


def _entered(folder: str, relative: str, walk: _Walk) -> bool:
    """Whether a scan goes into `folder`, which is not a drafts folder (as `_scan_folder`)."""
    return (not relative.rsplit("/", 1)[-1].startswith(".") and not Path(folder).is_symlink()
            and not excluded(walk.exclude, relative)
            and os.path.realpath(folder) not in walk.skipped)


@dataclass(frozen=True)
class _Walk:
    exclude: tuple[str, ...]
    skipped: set[str]  # real paths of the folders never to enter
    notes: list[tuple[str, Stamp | None]]
    drafts: list[str]
    problems: list[Problem]


def _scan_folder(folder: str, relative: str, walk: _Walk) -> None:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as error:
        walk.problems.append(Problem(Path(folder), 1, 1,
                                     f"cannot read this folder: {error.strerror}"))
        return
    # Paths spelled as `Path` spells them (`notes/a.md`, not `./notes/a.md`), so that a path
    # made from a `Path` later finds its stamp.
    base = "" if folder == os.curdir else folder + os.sep
    for entry in entries:
        name = entry.name
        path = f"{relative}/{name}" if relative else name
        if not _is_text(path):  # bytes that are not UTF-8: no page or link can name it
            if name.endswith(".md"):
                shown = path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
                walk.problems.append(Problem(Path(shown), 1, 1, "this file name is not valid "
                                             "UTF-8: rename it; the note is left out until then"))
            continue
        if _is_dir(entry):
            if name.endswith(DRAFTS_SUFFIX):  # hidden or not: drafts beside a note that is gone
                walk.drafts.append(base + name)
            elif (not name.startswith(".") and not entry.is_symlink()
                  and not excluded(walk.exclude, path)
                  and os.path.realpath(entry.path) not in walk.skipped):
                _scan_folder(base + name, path, walk)
        elif name.endswith(".md") and not name.startswith(".") and not excluded(walk.exclude, path):
            # A character is 4 bytes at most: a short name is not encoded to be measured.
            if len(name) > MAX_NOTE_NAME // 4 and len(name.encode("utf-8")) > MAX_NOTE_NAME:
                walk.problems.append(Problem(Path(base + name), 1, 1, (
                    f"this file name is {len(name.encode('utf-8'))} bytes long, too long for "
                    f"the names made from it: rename it (at most {MAX_NOTE_NAME} bytes); the "
                    "note is left out until then")))
                continue
            walk.notes.append((base + name, stamp(entry)))


def _is_text(name: str) -> bool:
    if name.isascii():  # almost every name, told at once
        return True
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # the undecodable bytes, as Python keeps them
        return False
    return True


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def excluded(patterns: tuple[str, ...], relative: str) -> bool:
    """Whether an `exclude` pattern matches the path (from the journal root, with `/`), as in
    .gitignore: a pattern with a `/` at its start or middle matches the whole path, any other
    the name at any depth."""
    anchored, anywhere = _compiled(patterns)
    name = relative.rsplit("/", 1)[-1]
    return bool((anchored and anchored.match(relative)) or (anywhere and anywhere.match(name)))


@cache
def _compiled(patterns: tuple[str, ...]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    def union(chosen: list[str]) -> re.Pattern[str] | None:
        return re.compile("|".join(fnmatch.translate(p) for p in chosen)) if chosen else None

    anchored = [p.strip("/") for p in patterns if p.startswith("/") or "/" in p.strip("/")]
    anywhere = [p.strip("/") for p in patterns if not (p.startswith("/") or "/" in p.strip("/"))]
    return union(anchored), union(anywhere)


def racy(stamp: Stamp | None, now: int) -> bool:
    """Whether `stamp`, read at `now`, could miss a change made right after."""
    if stamp is None:
        return True
    coarse = stamp[0] % 1_000_000_000 == 0
    return now - stamp[0] < (COARSE_RACY_NS if coarse else RACY_NS)


def stamp(path: Path | os.DirEntry[str]) -> Stamp | None:
    """A file's stamp, from its path or from the directory entry that listed it."""
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size, status.st_ino)


def folder_stamps(folder: Path | str) -> Stamps:
    """Every file of a folder with its stamp; empty for a folder that is not there."""
    try:
        with os.scandir(folder) as entries:
            return tuple(sorted((e.name, stamp(e)) for e in entries if e.is_file()))
    except OSError:
        return ()


def tree_stamps(folder: Path) -> tuple[object, ...]:
    """Of every file below `folder`, in a stable order."""
    found: list[object] = []
    for here, _, names in sorted(os.walk(folder)):
        found += [(here, n, stamp(Path(here, n))) for n in sorted(names)]
    return tuple(found)


def digest(*parts: Iterable[object] | object) -> str:
    """A stable fingerprint of plain values (repr is stable for them, unlike hash())."""
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"),
                           digest_size=16).hexdigest()
