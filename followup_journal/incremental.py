"""Incremental builds: each build redoes only what changed since the one before.

A `Builder` remembers, from one build to the next, every note it read (by the file's stamp), the
drafts it wrote and read, and a digest of what each page of the report was made from. `fj watch`
and `fj serve` keep one builder for the whole session; `fj build` saves its memory in the cache
(`cache.py`), so a build in a new process is fast too. The result is always the same bytes a
build from scratch would write.
"""

from __future__ import annotations

import gc
import hashlib
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, tzinfo
from pathlib import Path
from typing import Any, NamedTuple

import jinja2

from . import __version__, cache
from .applications import Application
from .checklist import Item, State, application_items
from .config import Config
from .draftfiles import DraftsResult, clear_leftovers, make_drafts
from .drafts import drafts_folder, plan_drafts
from .fragments import Fragments
from .outcome import Outcome, drafts_key, render_key
from .parallel import parallel_map
from .parse import NoteResult
from .plan import Plan, plan
from .problems import Problem
from .read import Journal, load_note
from .readdrafts import DraftFile, draft_warnings, note_of, read_drafts
from .report import Page, Site, eml_files, render_page, site_pages, static_files, stream_page
from .rules import Timing
from .scan import (
    THEMES_FOLDER,
    Scan,
    Stamp,
    Stamps,
    digest,
    racy,
    scan_journal,
    stamp,
)
from .sourcetext import Unreadable, read_file
from .theme import environment, theme_errors
from .writer import WriteResult, check_output, claim_site, settle_site, write_page

PART = 500  # entries of the memory pickled together
FORMAT = 14  # of the memory's parts, raised when what it holds changes shape or meaning (the
# problems of a note read): a cache saved in another format is not loaded (the tool's version,
# in the keys, covers releases)


class Drafted(NamedTuple):
    """The drafts of one application, as the last build that wrote them left them."""

    version: str  # what they were made from (`Builder._application_digest`)
    wanted: list[Path]  # the drafts its notes call for
    edited: list[Path]  # the user's versions, left as they are
    problems: list[Problem]


NotesRead = tuple[tuple[str, str], ...]  # each note of an application: its path and digest


@dataclass
class Memory:
    """What one build leaves for the next."""

    parse_key: tuple[object, ...] = ()  # what reading a note depends on besides its bytes
    drafts_key: tuple[object, ...] = ()  # what every draft depends on
    render_key: tuple[object, ...] = ()  # what every page depends on
    notes: dict[Path, tuple[Stamp | None, str, NoteResult]] = field(default_factory=dict)
    drafts_read: dict[Path, tuple[Stamps, list[DraftFile]]] = field(default_factory=dict)
    drafts_written: dict[str, Drafted] = field(default_factory=dict)  # by application
    applications: dict[Path, str] = field(default_factory=dict)  # identity, of each note read well
    pages: dict[str, tuple[str, Stamp | None]] = field(default_factory=dict)
    items: dict[tuple[str, NotesRead], list[Item]] = field(default_factory=dict)  # by notes read
    fragments: Fragments = field(default_factory=Fragments)  # of pages, by `{% cache %}` key
    loaded: cache.Loaded | None = None  # the parts this memory was loaded from, if it was

    def parts(self) -> list[tuple[str, object]]:
        """The memory in pieces of a few hundred entries each, for the cache to save one by
        one (`cache.save_parts`)."""
        parts: list[tuple[str, object]] = [("format", FORMAT),
                                           ("keys", (self.parse_key, self.drafts_key,
                                                     self.render_key))]
        for name, entries in self._tables().items():
            items = list(entries.items())
            parts.extend((name, items[start:start + PART]) for start in range(0, len(items), PART))
        return parts

    @classmethod
    def from_parts(cls, parts: list[tuple[str, Any]], loaded: cache.Loaded | None = None
                   ) -> Memory:
        """The memory `parts` came from; an error if they are not the parts of one."""
        if parts[:1] != [("format", FORMAT)]:
            raise ValueError("a cache saved by another version of the tool")
        memory = cls(loaded=loaded)
        tables = memory._tables()
        for name, value in parts[1:]:
            if name == "keys":
                memory.parse_key, memory.drafts_key, memory.render_key = value
            else:
                tables[name].update(value)
        memory.fragments.__setstate__(tables["fragments"])
        return memory

    def _tables(self) -> dict[str, dict[Any, Any]]:
        return {"notes": self.notes, "drafts_read": self.drafts_read, "pages": self.pages,
                "drafts_written": self.drafts_written, "applications": self.applications,
                "items": self.items, "fragments": self.fragments.__getstate__()}

    def forget_drafts(self, drafts_key: tuple[object, ...]) -> None:
        """The drafts written with the config or theme of before are to be made again; what
        each application called for is kept, for those held until a note is fixed."""
        self.drafts_written = {key: drafted._replace(version="")
                               for key, drafted in self.drafts_written.items()}
        self.drafts_key = drafts_key
        self.loaded = None  # its parts will not be the same

    def forget_rendering(self, render_key: tuple[object, ...]) -> None:
        """The pages made with the config, theme, day or options of before."""
        self.pages, self.items = {}, {}
        self.fragments, self.render_key = Fragments(), render_key
        self.loaded = None  # its parts will not be the same

    def let_go_of_replaced(self) -> None:
        """Forget the parts loaded that this memory no longer holds as they were."""
        if self.loaded is not None:
            with cache.collector_paused():
                self.loaded.forget_changed(self.parts())


def load_memory(base: Path | None) -> Memory | None:
    """The memory the last build left in the cache (`cache.cache_base`), if it can be read."""
    if base is None:
        return None
    return cache.load_parts(base.with_suffix(".memory"), Memory.from_parts)


def save_memory(base: Path | None, memory: Memory) -> None:
    if base is not None:
        with cache.collector_paused():
            cache.save_parts(base.with_suffix(".memory"), memory.parts(), memory.loaded)


class Builder:
    """Builds a journal's report and drafts, again and again, redoing only what changed."""

    def __init__(self, config: Config, output: Path, eml: bool = False,
                 memory: Memory | None = None, templates: Path | None = None) -> None:
        self.config = config
        self.output = output
        self.eml = eml
        self.templates = templates  # where compiled templates are kept, if anywhere
        self.memory = memory or Memory()
        self._checked_notes: frozenset[Path] | None = None
        self._env: jinja2.Environment | None = None
        self.last_scan: Scan | None = None  # the files as the last build left them
        self._moved: dict[str, list[Path]] = {}  # notes gone since the last build, by digest

    def build(self, today: date, scan: Scan | None = None) -> Outcome:
        """Build the report and drafts as of `today`, from the files as `scan` found them (if
        it was just made) or as they are now."""
        templates = self._env
        with _long_lived_frozen():
            outcome = self._build(today, scan if scan is not None else scan_journal(self.config))
        renewed = templates is not None and self._env is not templates
        del templates
        if renewed:  # the templates of before hold reference cycles, frozen: a full pass frees them
            gc.collect()
        return outcome

    def finds_as_built(self, config: Config, today: date) -> bool:
        """Whether a build with `config` on `today` would find everything as the last one did:
        each note, draft and theme file, and the config itself."""
        built, now = self.last_scan, scan_journal(config)
        key = render_key(drafts_key(config), self.output, today, self.eml)
        if built is None or built.digest(self.memory.render_key) != now.digest(key):
            return False
        # A note saved just as it was read may have changed again without its stamp showing it.
        return all(stamp is not None or not digest or _digest_of(path) == digest
                   for path, (stamp, digest, _) in self.memory.notes.items())

    def _build(self, today: date, scan: Scan) -> Outcome:
        drafts = drafts_key(self.config)
        pages = render_key(drafts, self.output, today, self.eml)
        parse_key = (__version__, repr(self.config.timezone))
        memory = self.memory
        if memory.parse_key != parse_key:
            memory.notes, memory.parse_key = {}, parse_key
        if memory.drafts_key != drafts:
            memory.forget_drafts(drafts)
        if memory.render_key != pages:
            memory.forget_rendering(pages)
            self._env = None  # the theme, the config or the day changed
        clear_leftovers(scan)
        journal = self._read(scan)
        _freeze_what_lives()  # the notes too live to the end of the build
        self._check_output(journal)
        planned = self._plan(journal, today)
        applications, items = planned.applications, planned.items
        self._remember_applications(applications, scan)
        env = self.environment()
        held = self._held(journal, applications)
        drafted = self._write_drafts(applications, held, scan, env)
        on_disk = self._read_drafts(journal, scan)
        orphans = tuple(f for f in sorted(scan.drafts)
                        if note_of(f) not in scan.notes and not note_of(f).exists())
        orphans_edited = tuple(found.path for folder in orphans
                               for found in read_drafts(note_of(folder)) if found.edited)
        # Every application's drafts and digest, as `_write_drafts` has just remembered them.
        remembered = {a.key: self.memory.drafts_written[a.key] for a in applications}
        wanted = frozenset(path for drafts in remembered.values() for path in drafts.wanted)
        # The pages of an application whose drafts are held show its other notes as they are.
        versions = {a.key: self._application_digest(a, scan) if a.key in held
                    else remembered[a.key].version for a in applications}
        site = Site(self.config, today, applications, items, broken_notes(journal, self.config),
                    on_disk, tuple(drafted.edited), orphans, orphans_edited, wanted, versions)
        result = self._write_report(site, env)
        self.last_scan = scan
        problems = [*planned.problems, *drafted.problems,
                    *(p for found in on_disk.values() for p in draft_warnings(found))]
        return Outcome(
            notes=len(journal.results), files=result.written + result.unchanged,
            written=result.written, drafts_written=drafted.written,
            kept=tuple(drafted.kept), orphans=orphans, orphans_edited=orphans_edited,
            due=sum(1 for i in items if i.state in (State.DUE, State.OVERDUE)),
            problems=tuple(sorted(problems)), output=self.output,
        )

    # Reading ------------------------------------------------------------------------------------

    def _read(self, scan: Scan) -> Journal:
        """Every note: as remembered when its file has not changed, else read again."""
        remembered, fresh = self.memory.notes, {}
        for path, now in scan.notes.items():
            known = remembered.get(path)
            if known is not None and now is not None and known[0] == now:
                fresh[path] = known
        unread = [(path, now) for path, now in scan.notes.items() if path not in fresh]
        fresh.update(zip((path for path, _ in unread),
                         parallel_map(read_note, self.config, unread), strict=True))
        self._moved = _gone_by_digest(remembered, scan)
        # In the scan's order, so that a note read again keeps its place in the cache's parts.
        self.memory.notes = {path: fresh[path] for path in scan.notes}
        results = [entry[2] for entry in self.memory.notes.values()]
        problems = [*scan.problems, *(p for result in results for p in result.problems)]
        return Journal(self.config, tuple(results), tuple(problems))

    def _check_output(self, journal: Journal) -> None:
        notes = frozenset(result.path for result in journal.results)
        if notes != self._checked_notes:
            check_output(self.output, self.config.root, sorted(notes))
            self._checked_notes = notes

    # Drafts -------------------------------------------------------------------------------------

    def _write_drafts(self, applications: list[Application], held: set[str], scan: Scan,
                      env: jinja2.Environment) -> DraftsResult:
        """Write the drafts of each application whose notes or drafts changed since last time,
        except those `held`.

        What is wanted, edited and wrong in the drafts of an application left alone is as
        remembered. No digest here holds the drafts key: the memory's versions are cleared
        when that changes (the rules, the theme); a new day keeps them, drafts do not depend on
        the day.
        """
        remembered = self.memory.drafts_written
        for key in held - remembered.keys():  # never drafted (a cache of before): once fixed
            remembered[key] = Drafted("", [], [], [])
        changed = [a for a in applications if a.key not in held and (
                   a.key not in remembered
                   or remembered[a.key].version != self._application_digest(a, scan))]
        specs = plan_drafts(changed, self.config.rules, self.config.timezone)
        wanted: dict[str, list[Path]] = {}
        for spec in specs:
            wanted.setdefault(spec.application.key, []).append(spec.path)
        with theme_errors():
            drafted = make_drafts(specs, self.config.me, env)
        for application in changed:
            folders = {drafts_folder(n) for n in application.interviews}
            for folder in folders:  # the scan must see the drafts as they are now
                if folder.is_dir():
                    scan.restamp_drafts(folder)
            remembered[application.key] = Drafted(
                self._application_digest(application, scan),
                wanted.get(application.key, []),
                [p for p in drafted.edited if p.parent in folders],
                [p for p in drafted.problems if p.path in folders],
            )
        drafted.edited = [p for a in applications for p in remembered[a.key].edited]
        drafted.problems = [p for a in applications for p in remembered[a.key].problems]
        return drafted

    def _remember_applications(self, applications: list[Application], scan: Scan) -> None:
        """The application of each note; a note that cannot be read keeps the one it had, also
        when it was moved as it was."""
        known, fresh = self.memory.applications, {}
        now = {note.path: a.identity for a in applications for note in a.interviews}
        for path in scan.notes:
            identity = now.get(path)
            was = self._moved_from(path) if identity is None and path not in known else None
            if path in known and identity in (None, known[path]):
                fresh[path] = known[path]  # the very value loaded: the cache copies its part
            elif identity is not None:
                fresh[path] = identity
            elif was in known:
                fresh[path] = known[was]
        self.memory.applications = fresh

    def _moved_from(self, path: Path) -> Path | None:
        """Where a note that cannot be read was, if a note gone since the last build had its
        bytes; notes of the same bytes are paired in order, so that each one's application
        waits for its fix."""
        gone = self._moved.get(self.memory.notes[path][1])
        return gone.pop(0) if gone else None

    def _held(self, journal: Journal, applications: list[Application]) -> set[str]:
        """The applications of the notes that cannot be read now. Their drafts stay as they were
        until the note is fixed: without it, the application would look a step behind, and
        drafts it no longer calls for would be written beside its other notes, for good (the
        tool deletes no draft)."""
        known = self.memory.applications
        waiting = {known[result.path] for result in journal.results
                   if result.note is None and result.path in known}
        return {a.key for a in applications if a.identity in waiting}

    def _application_digest(self, application: Application, scan: Scan) -> str:
        """What an application's drafts and pages are made from: its notes (where they are and
        what they say), their drafts, and the people of the company's other applications."""
        return digest(self._notes_read(application),
                      [scan.drafts.get(drafts_folder(n), ()) for n in application.interviews],
                      application.met.version)

    def _notes_read(self, application: Application) -> NotesRead:
        return tuple((str(n.path), self.memory.notes[n.path][1]) for n in application.interviews)

    def _plan(self, journal: Journal, today: date) -> Plan:
        """The plan, with the items of each application as remembered when its notes are the
        same."""
        remembered: dict[tuple[str, NotesRead], list[Item]] = self.memory.items
        fresh: dict[tuple[str, NotesRead], list[Item]] = {}

        def items_of(application: Application, timings: Mapping[str, Timing], day: date,
                     tz: tzinfo) -> list[Item]:
            key = (application.key, self._notes_read(application))  # items name the key
            known = remembered.get(key)
            fresh[key] = known if known is not None else application_items(
                application, timings, day, tz)
            return fresh[key]

        planned = plan(journal, today, items_of)
        self.memory.items = fresh
        return planned

    def _read_drafts(self, journal: Journal, scan: Scan) -> dict[Path, list[DraftFile]]:
        """The drafts beside each note, as the user may have edited them."""
        remembered, fresh = self.memory.drafts_read, {}
        for note_file in journal.notes:
            stamps = scan.drafts.get(drafts_folder(note_file), ())
            known = remembered.get(note_file.path)
            if known is None or known[0] != stamps:
                known = (stamps, read_drafts(note_file.path) if stamps else [])
            fresh[note_file.path] = known
        self.memory.drafts_read = fresh
        return {path: found for path, (_, found) in fresh.items()}

    # Pages --------------------------------------------------------------------------------------

    def environment(self) -> jinja2.Environment:
        """The theme's templates, compiled once per session and cached on disk between them."""
        if self._env is None:
            self._env = environment(self.config.root / THEMES_FOLDER, self.templates)
        return self._env

    def _write_report(self, site: Site, env: jinja2.Environment) -> WriteResult:
        """Render and write the pages whose inputs changed; the others are right on disk.

        Workers render and write the pages of applications and notes, and send back only their
        stamps. This process renders the index pages meanwhile, keeping their fragments.
        """
        pages = site_pages(site)
        unchanged = self._unchanged_pages(site, pages)
        todo = [name for name in pages if name not in unchanged]
        env.fragments = self.memory.fragments  # type: ignore[attr-defined]
        self.memory.fragments.next_build()
        job = (env, site, pages, self.output)
        with theme_errors():
            extra = static_files(env) | (eml_files(site) if self.eml else {})

            def render(name: str) -> bytes:  # to compare with a file found in a page's place
                return extra[name] if name in extra else _render_named(job, name)

            claim = claim_site(self.output, [*todo, *extra], unchanged, render)
            index = [name for name in todo if pages[name].application is None]
            others = [name for name in todo if pages[name].application is not None]
            indexed: list[tuple[bool, Stamp | None]] = []

            def write_index_pages() -> None:
                indexed.extend(_write_named(job, name) for name in index)

            written = parallel_map(_write_named, job, others, meanwhile=write_index_pages)
        results = dict(zip([*others, *index], [*written, *indexed], strict=True))
        self._remember_stamps(pages, results)
        wrote = sum(write_page(self.output, name, data) for name, data in sorted(extra.items()))
        return settle_site(claim, wrote + sum(changed for changed, _ in results.values()))

    def _remember_stamps(self, pages: dict[str, Page],
                         written: dict[str, tuple[bool, Stamp | None]]) -> None:
        """The stamps of the pages just written, and no page the report no longer has."""
        remembered = self.memory.pages
        for name, (_, now) in written.items():
            remembered[name] = (remembered[name][0], now)
        for name in remembered.keys() - pages.keys():
            del remembered[name]

    def _unchanged_pages(self, site: Site, pages: dict[str, Page]) -> frozenset[str]:
        """The pages made from the same inputs as last time, and still as written then."""
        whole = digest(site.broken, site.kept, site.orphans, site.orphans_edited,
                       sorted(site.versions.items()))
        unchanged = set()
        remembered = self.memory.pages
        for name, page in pages.items():
            application = page.application
            inputs = digest(name, application.key, site.versions[application.key]
                            ) if application else whole
            known = remembered.get(name)
            if known is not None and known[0] == inputs and known[1] == stamp(self.output / name):
                unchanged.add(name)
            else:
                remembered[name] = (inputs, None)
        return frozenset(unchanged)


@contextmanager
def _long_lived_frozen() -> Iterator[None]:
    """The memory of the last build lives through this one: the garbage collector need not go
    over it again and again, as it otherwise does while a build makes millions of objects (at
    10,000 notes, 2 s of a 6 s rebuild).

    Frozen objects are never collected, and rendering leaves reference cycles (Jinja's macros
    and contexts), which a session of `fj watch` would otherwise pile up from one rebuild to the
    next. So what the build made is collected before it is frozen in turn (`_freeze_what_lives`)
    and at the end: only the objects made since the last freeze are looked at, a small part.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.collect()
        gc.unfreeze()


def _freeze_what_lives() -> None:
    """Freeze what lives now, once its garbage is collected (frozen, it never would be)."""
    gc.collect()
    gc.freeze()


Job = tuple[jinja2.Environment, Site, dict[str, Page], Path]


def _render_named(job: Job, name: str) -> bytes:
    env, site, pages, _ = job
    return render_page(env, site, name, pages[name])


def _write_named(job: Job, name: str) -> tuple[bool, Stamp | None]:
    """Render and write one page: whether it changed, and its stamp now. Index pages, which
    grow with the journal, are written as they are rendered."""
    env, site, pages, output = job
    page = pages[name]
    data = render_page(env, site, name, page) if page.application else stream_page(
        env, site, name, page)
    wrote = write_page(output, name, data)
    return wrote, stamp(output / name)


# Files and their stamps -------------------------------------------------------------------------


def _digest_of(path: Path) -> str:
    try:
        return hashlib.sha256(read_file(path)).hexdigest()
    except Unreadable:
        return ""


def read_note(config: Config, file: tuple[Path, Stamp | None]) -> tuple[Stamp | None, str,
                                                                        NoteResult]:
    """A note's result, with the stamp it had (unless too recent to trust) and a digest."""
    path, now = file
    data, result = load_note(path, config.timezone)
    if data is None:
        return None, "", result
    trusted = None if racy(now, time.time_ns()) else now
    return trusted, hashlib.sha256(data).hexdigest(), result


def _gone_by_digest(remembered: dict[Path, tuple[Stamp | None, str, NoteResult]],
                    scan: Scan) -> dict[str, list[Path]]:
    """The notes gone since the last build, by digest: to find one moved as it was (`git mv`)."""
    gone: dict[str, list[Path]] = {}
    for path, (_, sha, _) in remembered.items():
        if path not in scan.notes and sha:
            gone.setdefault(sha, []).append(path)
    return gone


def broken_notes(journal: Journal, config: Config) -> dict[str, list[Problem]]:
    """The errors of each note that could not be read, by its path in the journal."""
    return {
        result.path.relative_to(config.root).as_posix(): [
            p for p in result.problems if p.severity == "error"
        ]
        for result in journal.results
        if result.note is None
    }
