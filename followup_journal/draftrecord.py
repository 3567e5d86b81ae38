"""The record a drafts folder keeps of the drafts the tool wrote there.

For each draft, the SHA-256 of every version of it the tool wrote (of its text with LF line
endings and no BOM, so an editor or git changing those is not an edit): a draft whose text
matches is the tool's own; any other is the user's. A folder the tool made says so in its
record (`MADE_LINE`): only such a folder is removed once the tool removed its last draft.
"""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path

from .sourcetext import Unreadable, as_typed, read_file

RECORD = ".followup-journal-drafts"
Record = dict[str, set[str]]  # a draft's name: the fingerprints of the tool's versions of it
MADE = ""  # the entry of a record whose folder the tool made (no draft has this name)
MADE_LINE = "# this folder was made by followup-journal"


def fingerprint(data: bytes) -> str:
    """SHA-256 of the text as the user sees it: BOM and CRLF do not count as edits."""
    text = as_typed(data.decode("utf-8", "replace"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_record(folder: Path) -> Record:
    """The record of a drafts folder (empty if there is none); an error naming it if it is there
    but is not a file that can be read (a named pipe, a folder)."""
    return parse_record(read_if_there(folder / RECORD))


def parse_record(data: bytes | None) -> Record:
    try:
        text = (data or b"").decode("utf-8")
    except UnicodeDecodeError:
        return {}
    record: Record = {}
    for line in text.splitlines():
        if line == MADE_LINE:
            record[MADE] = set()
            continue
        digest, _, name = line.partition("  ")
        if len(digest) == 64 and name and "/" not in name and "\\" not in name:
            record.setdefault(name, set()).add(digest)
    return record


def read_if_there(path: Path) -> bytes | None:
    """A draft's or a record's bytes, None if there is none; an error naming it if it cannot be
    read, or is not a regular file (a named pipe would make the build wait)."""
    try:
        return read_file(path)
    except Unreadable as error:
        if not os.path.lexists(path):
            return None
        raise OSError(errno.EINVAL, error.message, str(path)) from None


def record_text(record: Record) -> bytes:
    made = MADE_LINE + "\n" if MADE in record else ""
    return (made + "".join(f"{digest}  {name}\n" for name, digests in sorted(record.items())
                           for digest in sorted(digests))).encode()
