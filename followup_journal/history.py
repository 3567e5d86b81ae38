"""The journal's git history: the commit a day ended on, and the notes' files as they were in it.

Two `git` commands, run without a shell: `rev-list` finds the commit (a build runs it each time,
for its key), `archive` gives the files of that commit. The journal counts as a repository when
its folder is the top of one: a journal kept in a folder of a larger repository (as the sample
journal of this project) is not compared with that repository's history. Nothing heavy here:
a build with nothing to do runs `base_commit`.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path


@dataclass(frozen=True)
class Base:
    """What the journal is compared with to tell what changed since `day`: the last commit on or
    before that day, or why there is none."""

    day: date
    commit: str | None = None
    committed: date | None = None  # the day of that commit, in the journal's timezone
    missing: str | None = None  # why there is no commit to compare with
    repository: bool = False  # whether the journal is a git repository at all


NOT_TOP = "{root} is not the top folder of a git repository"


class HistoryError(Exception):
    """Git could not be run, or refused."""


def base_commit(root: Path, day: date, tz: tzinfo) -> Base:
    """The last commit of the journal's history on or before `day` (in `tz`)."""
    if not (root / ".git").exists():  # a folder, or a file in a worktree: no git to run
        return Base(day, missing=NOT_TOP.format(root=root))
    end = datetime.combine(day + timedelta(days=1), time(), tz)
    try:
        out = git(root, "rev-list", "-1", f"--before=@{int(end.timestamp()) - 1}",
                  "--format=%ct", "HEAD", "--")
    except HistoryError as error:
        message = str(error)
        if "not a git repository" in message:
            return Base(day, missing=NOT_TOP.format(root=root))
        if "unknown revision" in message or "bad revision 'HEAD'" in message:  # by git version
            return Base(day, missing="the repository has no commit yet", repository=True)
        return Base(day, missing=message)
    words = out.decode("ascii", "replace").split()  # `commit HASH`, then its time
    if len(words) < 3:
        return Base(day, missing=f"no commit on or before {day}", repository=True)
    committed = datetime.fromtimestamp(int(words[2]), tz).date()
    return Base(day, words[1], committed, repository=True)


def notes_at(root: Path, commit: str) -> dict[str, bytes]:
    """The `.md` files of the journal as they were in `commit` (drafts aside), by their path
    from the journal's folder."""
    try:
        data = git(root, "archive", "--format=tar", commit, "--", ":(glob)**/*.md",
                   ":(exclude,glob)**/*.drafts/**")
    except HistoryError as error:
        if "did not match any files" in str(error):
            return {}
        raise
    return tar_files(data)


def tar_files(data: bytes) -> dict[str, bytes]:
    """The regular files of a tar archive as `git archive` writes it (ustar, with a pax header
    for a path too long for ustar), by path: ten times as fast as `tarfile` on many small
    files."""
    files: dict[str, bytes] = {}
    at, long_path = 0, None
    while at + BLOCK <= len(data) and data[at:at + BLOCK].strip(b"\0"):
        header = data[at:at + BLOCK]
        size = int(header[124:136].strip(b"\0 ") or b"0", 8)
        body = data[at + BLOCK:at + BLOCK + size]
        at += BLOCK + -(-size // BLOCK) * BLOCK
        kind = header[156:157]
        if kind == b"x":  # a pax header: its `path` is the next file's
            long_path = _pax_path(body)
        elif kind in (b"0", b"\0"):
            prefix, name = header[345:500].rstrip(b"\0"), header[:100].rstrip(b"\0")
            path = long_path or (prefix + b"/" + name if prefix else name)
            files[path.decode("utf-8", "surrogateescape")] = body
            long_path = None
    return files


BLOCK = 512


def _pax_path(body: bytes) -> bytes | None:
    """The `path` of a pax header's records, each `LENGTH key=value\\n`."""
    path = None
    while body:
        length, _, _ = body.partition(b" ")
        record, body = body[:int(length)], body[int(length):]
        key, _, value = record[len(length) + 1:-1].partition(b"=")
        if key == b"path":
            path = value
    return path


def git(root: Path, *arguments: str) -> bytes:
    """What `git` prints, run in the journal's folder, which must be the top of a repository;
    its complaint, in English, as a `HistoryError`."""
    top = root.resolve()
    environment = {**os.environ, "LC_ALL": "C", "GIT_CEILING_DIRECTORIES": str(top.parent)}
    try:
        done = subprocess.run(["git", "-C", str(top), *arguments], capture_output=True,
                              stdin=subprocess.DEVNULL, env=environment, check=False)
    except FileNotFoundError:
        raise HistoryError("git is not installed") from None
    except OSError as error:
        raise HistoryError(f"cannot run git: {error.strerror}") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise HistoryError(said[0].removeprefix("fatal: ") if said else
                           f"git {arguments[0]} failed (exit {done.returncode})")
    return done.stdout
