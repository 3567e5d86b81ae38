"""File-name parts made from what people type: company names, roles, people."""

from __future__ import annotations

import unicodedata
from functools import cache

MAX_CHARACTERS = 60
MAX_BYTES = 80  # in UTF-8: 26 characters of Japanese; a note's name holds two slugs


@cache
def slug(text: str, whole: bool = False) -> str:
    """A file-name part: lower case, other letters (any script) kept with their marks, except
    the accents of Latin letters (`Zoë` is `zoe`; `グ` stays `グ`, `हिन्दी` stays whole); cut
    to MAX_CHARACTERS and MAX_BYTES unless `whole`."""
    kept: list[str] = []
    for char in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(char) and kept and kept[-1].isascii():
            continue
        kept.append(char)
    part = "-".join(_words(unicodedata.normalize("NFC", "".join(kept)).lower()))
    return part if whole else cut(part, MAX_CHARACTERS, MAX_BYTES)


def unique(key: str, taken: set[str]) -> str:
    """`key`, or `key-2`, `key-3`…: the first not yet `taken`, which it joins."""
    candidate, number = key, 2
    while candidate in taken:
        candidate, number = f"{key}-{number}", number + 1
    taken.add(candidate)
    return candidate


def cut(part: str, characters: int, size: int) -> str:
    """`part` cut to at most so many characters and bytes (UTF-8), and no `-` at its end."""
    part = part[:characters]
    while len(part.encode("utf-8", "surrogatepass")) > size:
        part = part[:-1]
    return part.rstrip("-")


def _words(text: str) -> list[str]:
    """The runs of letters and digits, each with the marks that follow its letters (a mark
    after anything else, or alone, is dropped)."""
    words: list[str] = []
    word = ""
    for char in text:
        if char.isalnum() or (word and unicodedata.category(char)[0] == "M"):
            word += char
        elif word:
            words.append(word)
            word = ""
    return [*words, word] if word else words
