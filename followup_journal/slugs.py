"""File-name parts made from what people type: company names, roles, people."""

from __future__ import annotations

import re
import unicodedata


def slug(text: str) -> str:
    """A file-name part: lower case, accents dropped, other letters (any script) kept."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"[\W_]+", "-", bare.lower()).strip("-")[:60].rstrip("-")
