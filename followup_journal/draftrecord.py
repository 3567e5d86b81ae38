"""The record a drafts folder keeps of the drafts the tool wrote there.

For each draft, the SHA-256 of every version of it the tool wrote (of its text with LF line
endings and no BOM, so an editor or git changing those is not an edit): a draft whose text
matches is the tool's own; any other is the user's.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .sourcetext import as_typed

RECORD = ".followup-journal-drafts"
Record = dict[str, set[str]]  # a draft's name: the fingerprints of the tool's versions of it


def fingerprint(data: bytes) -> str:
    """SHA-256 of the text as the user sees it: BOM and CRLF do not count as edits."""
    text = as_typed(data.decode("utf-8", "replace"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_record(folder: Path) -> Record:
    try:
        text = (folder / RECORD).read_text("utf-8")
    except (FileNotFoundError, NotADirectoryError, UnicodeDecodeError):
        return {}
    record: Record = {}
    for line in text.splitlines():
        digest, _, name = line.partition("  ")
        if len(digest) == 64 and name and "/" not in name and "\\" not in name:
            record.setdefault(name, set()).add(digest)
    return record


def record_text(record: Record) -> bytes:
    return "".join(f"{digest}  {name}\n" for name, digests in sorted(record.items())
                   for digest in sorted(digests)).encode()
