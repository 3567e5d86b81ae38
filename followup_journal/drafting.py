"""The drafts stage of a build that remembers: drafts written (and those no longer wanted
removed) only for the applications whose notes, drafts or drafts near the day changed since the
last build, and held while a note of theirs cannot be read (`held_applications` says why)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jinja2

from .applications import Application
from .checklist import Item
from .config import Config
from .draftfiles import DraftsResult, make_drafts, remove_unwanted
from .drafts import drafts_folder, near, plan_drafts
from .events import record
from .memory import Drafted, Memory
from .problems import Problem
from .read import Journal
from .readdrafts import DraftFile, draft_warnings, note_of, read_drafts
from .scan import Scan, digest
from .theme import theme_errors


@dataclass(frozen=True)
class Drafts:
    """The drafts as the stage left them, for the report and the summary."""

    result: DraftsResult  # what was written, and the user's edits kept
    on_disk: dict[Path, list[DraftFile]]  # beside each note, as the user may have edited them
    orphans: tuple[Path, ...]  # drafts folders whose note is gone
    orphans_edited: tuple[Path, ...]  # the drafts in them that the user edited
    wanted: frozenset[Path]  # every draft the notes call for
    versions: dict[str, str]  # what each application's drafts and pages are made from

    @property
    def problems(self) -> list[Problem]:
        return [*self.result.problems,
                *(p for found in self.on_disk.values() for p in draft_warnings(found))]


@dataclass(frozen=True)
class Day:
    """The day of a build, and the drafts near it (`drafts.near`) of each application."""

    today: date
    near: dict[str, tuple[tuple[str, str], ...]]  # by application: each one's note and name


def day_of(config: Config, items: list[Item], today: date) -> Day:
    """Which drafts are near `today`, from the plan's items."""
    found: dict[str, list[tuple[str, str]]] = {}
    for item in items:
        if item.draft and near(item, today, config.drafts):
            found.setdefault(item.application, []).append((str(item.note), item.draft))
    return Day(today, {key: tuple(sorted(drafts)) for key, drafts in found.items()})


def draft_stage(memory: Memory, config: Config, journal: Journal,
                applications: list[Application], scan: Scan, env: jinja2.Environment,
                moved: dict[str, list[Path]], day: Day) -> Drafts:
    """Write the drafts the applications call for on `day`, remove the tool's unedited ones
    they no longer call for, and read back those beside every note. `moved` has the notes gone
    since the last build, by digest (one moved as it was)."""
    remember_applications(memory, applications, scan, moved)
    held = held_applications(memory, journal, applications)
    drafted = write_changed(memory, config, applications, held, scan, env, day)
    on_disk = drafts_on_disk(memory, journal, scan)
    orphans = tuple(f for f in sorted(scan.drafts)
                    if note_of(f) not in scan.notes and not note_of(f).exists())
    orphans_edited = tuple(found.path for folder in orphans
                           for found in read_drafts(note_of(folder)) if found.edited)
    # Every application's drafts and digest, as `write_changed` has just remembered them.
    remembered = {a.key: memory.drafts_written[a.key] for a in applications}
    wanted = frozenset(path for drafts in remembered.values() for path in drafts.wanted)
    # The pages of an application whose drafts are held show its other notes as they are.
    versions = {a.key: application_digest(memory, a, scan, day) if a.key in held
                else remembered[a.key].version for a in applications}
    return Drafts(drafted, on_disk, orphans, orphans_edited, wanted, versions)


def write_changed(memory: Memory, config: Config, applications: list[Application],
                  held: set[str], scan: Scan, env: jinja2.Environment, day: Day) -> DraftsResult:
    """Write the drafts of each application whose notes, drafts or drafts near the day changed
    since last time, except those `held`, and remove its unedited ones no longer wanted.

    What is wanted, edited and wrong in the drafts of an application left alone is as
    remembered. No digest here holds the drafts key: the memory's versions are cleared
    when that changes (the rules, the theme); a new day keeps those of the applications
    whose drafts near the day are the same.
    """
    remembered = memory.drafts_written
    for key in held - remembered.keys():  # never drafted (a cache of before): once fixed
        remembered[key] = Drafted("", [], [], [])
    changed = [a for a in applications if a.key not in held and (
               a.key not in remembered
               or remembered[a.key].version != application_digest(memory, a, scan, day))]
    specs = plan_drafts(changed, config.rules, config.timezone, config.articles, day.today,
                        config.drafts)
    record("drafted", (spec.path for spec in specs))
    wanted: dict[str, list[Path]] = {}
    for spec in specs:
        wanted.setdefault(spec.application.key, []).append(spec.path)
    with theme_errors():
        drafted = make_drafts(specs, config.me, env)
    every = {spec.path for spec in specs}
    remove_unwanted(sorted({drafts_folder(n) for a in changed for n in a.interviews}), every,
                    drafted)
    for application in changed:
        folders = {drafts_folder(n) for n in application.interviews}
        for folder in folders:  # the scan must see the drafts as they are now
            scan.restamp_drafts(folder)
        remembered[application.key] = Drafted(
            application_digest(memory, application, scan, day),
            wanted.get(application.key, []),
            [p for p in drafted.edited if p.parent in folders],
            [p for p in drafted.problems if p.path in folders],
        )
    drafted.edited = [p for a in applications for p in remembered[a.key].edited]
    drafted.problems = [p for a in applications for p in remembered[a.key].problems]
    return drafted


def remember_applications(memory: Memory, applications: list[Application], scan: Scan,
                          moved: dict[str, list[Path]]) -> None:
    """The application of each note; a note that cannot be read keeps the one it had, also
    when it was moved as it was."""
    known, fresh = memory.applications, {}
    now = {note.path: a.identity for a in applications for note in a.interviews}
    for path in scan.notes:
        identity = now.get(path)
        was = moved_from(memory, path, moved) if identity is None and path not in known else None
        if path in known and identity in (None, known[path]):
            fresh[path] = known[path]  # the very value loaded: its row is not saved again
        elif identity is not None:
            fresh[path] = identity
        elif was in known:
            fresh[path] = known[was]
    memory.applications = fresh


def moved_from(memory: Memory, path: Path, moved: dict[str, list[Path]]) -> Path | None:
    """Where a note that cannot be read was, if a note gone since the last build had its
    bytes; notes of the same bytes are paired in order, so that each one's application
    waits for its fix."""
    gone = moved.get(memory.notes[path][1])
    return gone.pop(0) if gone else None


def held_applications(memory: Memory, journal: Journal,
                      applications: list[Application]) -> set[str]:
    """The applications of the notes that cannot be read now. Their drafts stay as they were
    until the note is fixed: without it, the application would look a step behind, and
    drafts it no longer calls for would be written beside its other notes, for good (the
    tool deletes no draft)."""
    known = memory.applications
    waiting = {known[result.path] for result in journal.results
               if result.note is None and result.path in known}
    return {a.key for a in applications if a.identity in waiting}


def application_digest(memory: Memory, application: Application, scan: Scan, day: Day) -> str:
    """What an application's drafts and pages are made from: its notes (where they are and
    what they say), their drafts, the people of the company's other applications, the day
    the search ended (an offer accepted in another, and whom it thanks then), and which of
    its drafts are near the day."""
    return digest(memory.notes_read(application),
                  [scan.drafts.get(drafts_folder(n), ()) for n in application.interviews],
                  application.met.version, str(application.ended), str(application.joining),
                  day.near.get(application.key, ()))


def drafts_on_disk(memory: Memory, journal: Journal, scan: Scan) -> dict[Path, list[DraftFile]]:
    """The drafts beside each note, as the user may have edited them."""
    remembered, fresh = memory.drafts_read, {}
    for note_file in journal.notes:
        stamps = scan.drafts.get(drafts_folder(note_file), ())
        known = remembered.get(note_file.path)
        if known is None or known[0] != stamps:
            known = (stamps, read_drafts(note_file.path) if stamps else [])
        fresh[note_file.path] = known
    memory.drafts_read = fresh
    return {path: found for path, (_, found) in fresh.items()}
