"""Pieces of pages kept from one build to the next: the `{% cache key, ... %}` template tag.

The index pages show every application, so one saved note would render all of them again. A
theme wraps each application's part of such a page in `{% cache %}`, keyed by everything that
part shows (`site.version(application)` for the application's notes and drafts, and anything
else it prints); a rebuild renders again only the parts whose key changed and reuses the others.
The config, the theme, `--today` and the tool's version are not part of keys: a change of any of
them starts a new store (`builder.Builder`).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

import jinja2
from jinja2 import nodes
from jinja2.ext import Extension
from jinja2.parser import Parser
from markupsafe import Markup

T = TypeVar("T")
RUN = 32  # things in a run, on average


class Fragments:
    """The fragments of the last build, and those this build has used so far.

    They are kept compressed, UTF-8 through zlib's fastest level: at 10,000 notes they are the
    index pages, 65 MB of HTML in 4 MB (the build's peak memory 339 to 276 MB, the cache file
    119 to 58 MB). Putting the pages together again costs a rebuild about 0.1 s more.
    """

    def __init__(self) -> None:
        self.kept: dict[Hashable, bytes] = {}
        self.used: dict[Hashable, bytes] = {}

    def get(self, key: Hashable, render: Callable[[], str]) -> str:
        found = self.used.get(key)
        if found is None:
            found = self.kept.get(key)
            if found is None:
                text = render()
                self.used[key] = zlib.compress(text.encode("utf-8"), 1)
                return text
            self.used[key] = found
        return Markup(zlib.decompress(found).decode("utf-8"))  # rendered, so already escaped

    def next_build(self) -> None:
        """Keep only what the last build used: fragments of notes since changed are dropped."""
        if self.used:
            self.kept, self.used = self.used, {}

    def __getstate__(self) -> dict[Hashable, bytes]:
        """What the next process keeps: what the last build used, if there was one."""
        return dict(self.used or self.kept)

    def __setstate__(self, state: dict[Hashable, bytes]) -> None:
        self.kept, self.used = state, {}


class FragmentCache(Extension):
    """`{% cache key, ... %}...{% endcache %}`: the part between is rendered once per key."""

    tags = {"cache"}  # noqa: RUF012 (as Jinja's Extension declares it: no ClassVar)

    def parse(self, parser: Parser) -> nodes.Node:
        lineno = next(parser.stream).lineno
        key = parser.parse_tuple()
        body = parser.parse_statements(("name:endcache",), drop_needle=True)
        return nodes.CallBlock(self.call_method("_fragment", [key]), [], [], body).set_lineno(
            lineno)

    def _fragment(self, key: Hashable, caller: Callable[[], str]) -> str:
        fragments: Fragments | None = getattr(self.environment, "fragments", None)
        if fragments is None or not _usable(key):
            return caller()
        return fragments.get(key, caller)


def _usable(key: Hashable) -> bool:
    """A key with an unknown part (a version the build did not give) must not be cached."""
    parts = key if isinstance(key, tuple) else (key,)
    return all(part is not None and not isinstance(part, jinja2.Undefined) for part in parts)


@dataclass(frozen=True)
class Run(Generic[T]):
    """Things that follow each other on a page, kept as one part: `key` is what they show
    together, None if any of it is unknown."""

    things: tuple[T, ...]
    key: tuple[Hashable, ...] | None

    def __iter__(self) -> Iterator[T]:
        return iter(self.things)


def runs(things: Iterable[T], part: Callable[[T], tuple[str, Hashable | None]],
         size: int = RUN) -> list[Run[T]]:
    """`things` in runs of about `size`, for a theme to keep a whole run as one part:
    thousands of parts looked up one by one cost a rebuild more than rendering the few that
    changed. `part` gives each thing's anchor (a name that stays with it, such as its
    application's key) and key.

    A run ends after a thing whose anchor's checksum is a multiple of `size`, not after every
    `size` things: a thing added, removed or moved then changes only the runs it leaves and
    joins, not every run after it, and every process cuts the same runs. No run is longer than
    four times `size`."""
    found: list[Run[T]] = []
    run: list[T] = []
    keys: list[Hashable | None] = []
    ends: dict[str, bool] = {}
    for thing in things:
        anchor, key = part(thing)
        run.append(thing)
        keys.append(key)
        end = ends.get(anchor)
        if end is None:
            end = ends[anchor] = zlib.crc32(anchor.encode("utf-8")) % size == 0
        if end or len(run) == 4 * size:
            found.append(_run(run, keys))
            run, keys = [], []
    if run:
        found.append(_run(run, keys))
    return found


def _run(things: list[T], keys: list[Hashable | None]) -> Run[T]:
    return Run(tuple(things), None if None in keys else tuple(keys))
