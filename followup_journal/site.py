"""The journal as the templates see it: `site`, as of a day, and the lookups they call on it.

No clock: `today` comes in. Links and titles of drafts are made in `mail.py`, the keys of the
parts a rebuild reuses in `parts.py`; `site` gives both to templates under the names they use.
"""

from __future__ import annotations

import posixpath
import urllib.parse
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from .applications import Application, cancelled
from .archive import Archive, Letter, archive, letters
from .checklist import Item
from .checks import Unmatched, unmatched_names
from .config import Config
from .drafts import Draft, near
from .fragments import Run
from .mail import draft_title, mailto
from .model import Interviewer, NoteFile
from .outlook import marking_nothing
from .parts import Parts
from .problems import Problem
from .readdrafts import DraftFile
from .rules import RANK
from .silence import no_answer_since
from .since import Since
from .summaries import Person, people
from .wording import log_command, promise_words, status_words


@dataclass(frozen=True)
class Site:
    """Everything the templates are given."""

    config: Config
    today: date
    applications: list[Application]
    items: list[Item]
    broken: dict[str, list[Problem]]  # notes that could not be read, by path in the journal
    drafts: Mapping[Path, list[DraftFile]] = field(default_factory=dict)  # by note path
    kept: tuple[Path, ...] = ()  # edited drafts the tool left alone, its own version differing
    orphans: tuple[Path, ...] = ()  # drafts folders whose note is gone
    orphans_edited: tuple[Path, ...] = ()  # the drafts in them that the user edited
    wanted: frozenset[Path] = frozenset()  # the drafts the notes call for now
    versions: Mapping[str, str] = field(default_factory=dict)  # by application key
    shared: bool = False  # the copy for a coach (`redact.py`): no mail links, no `fj log`
    recent: Since | None = None  # the changes of the last week, for a journal in git

    # For `{% cache %}` keys (`parts.Parts`).
    def version(self, application: Application) -> str | None:
        return self._parts.version(application)

    def versions_of(self, applications: Iterable[Application]
                    ) -> tuple[tuple[str, str | None], ...] | None:
        return self._parts.versions_of(applications)

    def runs(self, things: Iterable[Any]) -> list[Run[Any]]:
        return self._parts.runs(things)

    def interviewers(self, application: Application, note_file: NoteFile) -> list[Interviewer]:
        """The people of an interview, with what the company's other notes say of them (an
        email, a title) where this one is silent, as the drafts have them."""
        return [application.known(person) for person in note_file.note.interviewers]

    def marks_nothing(self, application: Application, note_file: NoteFile
                      ) -> dict[int, Unmatched]:
        """The entries of a note's follow-up log, by index, whose `to` names no one of the
        application: they mark nothing done, and the page must not show them as done."""
        return {found.index: found for found in unmatched_names(application)
                if found.note_file.path == note_file.path and found.field.startswith("followups")}

    def marking_nothing(self, item: Item) -> list[Unmatched]:
        """The follow-ups logged for an item still open whose `to` names no one of the
        application (`Hanna Schmidt` for `Hanna Schmitt`): shown beside it, as `fj agenda`
        does, so that no page reads as if it were done."""
        return self._marking_nothing.get(id(item), [])

    def drafts_to_send(self, note_file: NoteFile) -> list[DraftFile]:
        """The drafts the note calls for, by the day each is due, then as the checklist
        orders its items (a thank-you before what was promised)."""
        wanted = [d for d in self.drafts_of(note_file) if d.path in self.wanted]
        return sorted(wanted, key=lambda d: self._order_of(note_file, d))

    def drafts_due(self, note_file: NoteFile) -> list[DraftFile]:
        """The drafts to send by today."""
        return [d for d in self.drafts_to_send(note_file)
                if self._due_of(note_file, d) <= self.today]

    def drafts_later(self, note_file: NoteFile) -> list[DraftFile]:
        """The drafts not due yet."""
        return [d for d in self.drafts_to_send(note_file)
                if self._due_of(note_file, d) > self.today]

    def item_of_draft(self, note_file: NoteFile, found: DraftFile) -> Item | None:
        """The checklist item that names a draft of the note."""
        return next((item for item in self.items_of_note(note_file)
                     if item.draft == found.path.name), None)

    def draft_of(self, item: Item) -> DraftFile | None:
        """The draft of an item still to do, as the user left it; None for an item without a
        message, or done."""
        if item.draft is None or item.done is not None:
            return None
        return self._drafts_wanted.get((item.note, item.draft))

    def draft_later(self, item: Item) -> bool:
        """Whether the item's draft is still to come: it is written once the item is near
        (`drafts.near`)."""
        return (item.draft is not None and item.done is None and item.due > self.today
                and not near(item, self.today, self.config.drafts))

    def draft_anchor(self, found: DraftFile) -> str:
        """The id of the draft on its note's page."""
        return "draft-" + found.path.stem

    def draft_url(self, item: Item) -> str | None:
        """The item's draft on its note's page, as a link."""
        found = self.draft_of(item)
        if found is None:
            return None
        anchor = urllib.parse.quote(self.draft_anchor(found))
        return f"{self.note_url(self.note_of(item))}#{anchor}"

    def item_mailto(self, item: Item) -> str | None:
        """The `mailto:` link of the item's draft, once it can be sent as it is."""
        found = self.draft_of(item)
        if found is None or self.shared:
            return None
        if found.path not in self._mailtos:  # an item is on several pages: encode it once
            self._mailtos[found.path] = mailto(found.draft)
        return self._mailtos[found.path]

    def log_command(self, item: Item) -> str | None:
        """`fj log thank-you 'Jane Doe'`: the command that records the item as done."""
        if self.shared:
            return None
        return log_command(item, self.application_of(item.application))

    # Where an application stands, in words (`wording.py`).
    def status_words(self, application: Application) -> str:
        return status_words(application, self.today, self.config.timezone,
                            self.no_answer_since(application))

    def cancelled(self, application: Application, note_file: NoteFile) -> bool:
        """Whether the end of the search cancelled the interview (`applications.cancelled`)."""
        return cancelled(application, note_file, self.config.timezone)

    def no_answer_since(self, application: Application) -> date | None:
        """The day of the message the application left unanswered (`silence.py`); None:
        answered, or not yet due an answer."""
        return no_answer_since(application, self.config.rules, self.today, self.config.timezone)

    def promise_words(self, application: Application) -> str | None:
        return promise_words(application, self.today, self.config.timezone)

    def has_notes(self, note_file: NoteFile) -> bool:
        """Whether the note's body says more than headings (`fj new` starts it with one)."""
        return any(line.strip() and not line.lstrip().startswith("#")
                   for line in note_file.body.splitlines())

    def drafts_kept(self, note_file: NoteFile) -> list[DraftFile]:
        """Drafts no longer called for (done, or the note changed): kept as copies."""
        return [d for d in self.drafts_of(note_file) if d.path not in self.wanted]

    def drafts_of(self, note_file: NoteFile) -> list[DraftFile]:
        return self.drafts.get(note_file.path, [])

    def in_journal(self, path: Path) -> str:
        """A path as the user sees it in the journal folder."""
        return path.relative_to(self.config.root).as_posix()

    # A draft as a mail client opens it (`mail.py`).
    def mailto(self, draft: Draft) -> str | None:
        return None if self.shared else mailto(draft)

    def draft_title(self, found: DraftFile) -> str:
        return draft_title(found)

    def note_page(self, note_file: NoteFile) -> str:
        """`interviews/` and the note's own path: no note can take a report page's name."""
        return self._note_pages[note_file.path]

    def note_url(self, note_file: NoteFile) -> str:
        """The note's page as a link: a `#`, `?` or `%` in a file name is not read as a URL's."""
        return self._note_urls[note_file.path]

    def application_url(self, application: Application) -> str:
        return f"applications/{application.key}.html"

    def application_of(self, key: str) -> Application:
        return self._applications[key]

    def items_of(self, key: str) -> list[Item]:
        """The items of an application, by its key."""
        return self._items_by_application.get(key, [])

    def items_of_note(self, note_file: NoteFile) -> list[Item]:
        return self._items_by_note.get(note_file.path, [])

    def note_of(self, item: Item) -> NoteFile:
        return self._notes[item.note]

    # The index pages and the archive's (`archive.py`).
    @cached_property
    def archive(self) -> Archive:
        """The applications of the index pages, and the months of the others."""
        return archive(self.applications, self._items_by_application, self.today,
                       self.config.drafts.drop_overdue_after)

    @cached_property
    def people(self) -> list[Person]:
        """Everyone met, in alphabetical order (`summaries.people`)."""
        return people(self)

    @cached_property
    def letters(self) -> tuple[Letter, ...]:
        """The pages of the contacts: everyone met by the initial of their name."""
        return letters(self.people)

    # Indexes, made once per build, so that pages never search lists.
    @cached_property
    def _drafts_wanted(self) -> dict[tuple[Path, str], DraftFile]:
        """The drafts the notes call for, by note and file name."""
        return {(note, found.path.name): found for note, drafts in self.drafts.items()
                for found in drafts if found.path in self.wanted}

    @cached_property
    def _marking_nothing(self) -> dict[int, list[Unmatched]]:
        found: dict[int, list[Unmatched]] = {}
        for warning in marking_nothing(self.applications, self.items):
            if warning.unmatched and warning.unmatched.field.startswith("followups"):
                for item in warning.items:
                    found.setdefault(id(item), []).append(warning.unmatched)
        return found

    @cached_property
    def _mailtos(self) -> dict[Path, str | None]:
        return {}

    @cached_property
    def _applications(self) -> dict[str, Application]:
        return {application.key: application for application in self.applications}

    @cached_property
    def _notes(self) -> dict[Path, NoteFile]:
        return {n.path: n for application in self.applications for n in application.interviews}

    @cached_property
    def _note_urls(self) -> dict[Path, str]:
        return {path: urllib.parse.quote(page, safe="/") for path, page in self._note_pages.items()}

    @cached_property
    def _note_pages(self) -> dict[Path, str]:
        # From the parts of each path, which the scan made below the root: asking pathlib for
        # relative_to and with_suffix parses every path again (0.14 s a build at 10,000 notes).
        inside = len(self.config.root.parts)
        return {path: f"interviews/{posixpath.splitext('/'.join(path.parts[inside:]))[0]}.html"
                for path in self._notes}

    @cached_property
    def _items_by_application(self) -> dict[str, list[Item]]:
        return _index(self.items, lambda item: item.application)

    @cached_property
    def _items_by_note(self) -> dict[Path, list[Item]]:
        return _index(self.items, lambda item: item.note)

    def _due_of(self, note_file: NoteFile, found: DraftFile) -> date:
        return self._order_of(note_file, found)[0]

    def _order_of(self, note_file: NoteFile, found: DraftFile) -> tuple[date, int, str]:
        item = self.item_of_draft(note_file, found)
        if item is None:
            return date.max, len(RANK), found.path.name
        return item.due, RANK[item.rule], found.path.name

    @cached_property
    def _parts(self) -> Parts:
        return Parts(self.versions, self._items_by_application)


def _index(items: list[Item], key: Callable[[Item], Any]) -> dict[Any, list[Item]]:
    index: dict[Any, list[Item]] = {}
    for item in items:
        index.setdefault(key(item), []).append(item)
    return index
