"""The report: every page of the site, rendered from the journal, as bytes by relative path.

No writing here (see `writer.py`) and no clock: `today` comes in. The templates get ready-made
lists; the grouping and counting happen in Python, where they are tested.
"""

from __future__ import annotations

import email.policy
import email.utils
import itertools
import posixpath
import statistics
import unicodedata
import urllib.parse
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, tzinfo
from email.message import EmailMessage
from functools import cached_property, lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2

from .applications import DECISIONS, Application, chronological, comparable
from .checklist import Item, State, due_soon
from .config import Config
from .drafts import Draft, header_value
from .fragments import Run, runs
from .model import Interviewer, NoteFile, Reflection, Status
from .problems import Problem
from .readdrafts import DraftFile
from .rules import RULES
from .timeline import Lane, layout

STATIC_FILES = ("style.css", "copy.js")


@dataclass(frozen=True)
class Person:
    name: str
    company: str
    details: Interviewer  # as the drafts of their latest application know them
    applications: tuple[Application, ...]
    last_contact: date
    next_update: date | None


@dataclass(frozen=True)
class Lesson:
    application: Application
    note: NoteFile
    reflection: Reflection


@dataclass(frozen=True)
class Dashboard:
    overdue: list[Item]
    today: list[Item]
    week: list[Item]
    interviews: list[NoteFile]
    waiting: list[Application]
    figures: dict[str, str]


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

    def version(self, application: Application) -> str | None:
        """A fingerprint of an application's notes and drafts, for `{% cache %}` keys; None
        (nothing is cached) when the build gives none."""
        return self.versions.get(application.key)

    def versions_of(self, applications: Iterable[Application]
                    ) -> tuple[tuple[str, str | None], ...] | None:
        """The keys and versions of several applications, for a part of a page showing them
        all; None when one is unknown."""
        found = tuple((a.key, self.version(a)) for a in applications)
        return None if any(version is None for _, version in found) else found

    def runs(self, things: Iterable[Any]) -> list[Run[Any]]:
        """Applications, items, lanes, people or lessons in runs, for a theme to keep each run
        of an index page as one part: `{% cache page, run.key %}` (`fragments.runs`)."""
        things = list(things)  # a theme may pass what a filter gives: an iterator
        if not things:
            return []
        parts: dict[type, Callable[[Any], tuple[str, Hashable | None]]] = {
            Application: self._application_part, Item: self._item_part, Lane: self._lane_part,
            Lesson: self._lesson_part, Person: self._person_part}
        kind = type(things[0])
        if kind not in parts or any(type(thing) is not kind for thing in things):
            found = ", ".join(sorted({type(thing).__name__ for thing in things}))
            raise jinja2.TemplateRuntimeError("site.runs takes a list of applications, items,"
                                              f" lanes, people or lessons, not of {found}")
        return runs(things, parts[kind])

    # The anchor of each thing (where runs are cut) and the key of what its part shows: the
    # version of its application, and what is drawn from more than the application. Keys are
    # kept small: they are saved in the cache, and loaded again, with every part.
    def _application_part(self, application: Application) -> tuple[str, Hashable | None]:
        return self._keyed(application.key, ())

    def _item_part(self, item: Item) -> tuple[str, Hashable | None]:
        place = self._places.get(id(item))
        return (item.application, None) if place is None else self._keyed(item.application, place)

    def _lane_part(self, lane: Lane) -> tuple[str, Hashable | None]:
        return self._keyed(lane.application.key, (lane.y, lane.scale))  # marks follow from these

    def _lesson_part(self, lesson: Lesson) -> tuple[str, Hashable | None]:
        return self._keyed(lesson.application.key, lesson.note.path)

    def _person_part(self, person: Person) -> tuple[str, Hashable | None]:
        anchor = f"{person.name}\n{person.company}"  # many people share a first name
        versions = self.versions_of(person.applications)
        return anchor, None if versions is None else (person.name, person.company, versions)

    def _keyed(self, application: str, shown: Hashable) -> tuple[str, Hashable | None]:
        version = self.versions.get(application)
        return application, None if version is None else (application, version, shown)

    def interviewers(self, application: Application, note_file: NoteFile) -> list[Interviewer]:
        """The people of an interview, with what the company's other notes say of them (an
        email, a title) where this one is silent, as the drafts have them."""
        return [application.known(person) for person in note_file.note.interviewers]

    def drafts_to_send(self, note_file: NoteFile) -> list[DraftFile]:
        return [d for d in self.drafts_of(note_file) if d.path in self.wanted]

    def drafts_kept(self, note_file: NoteFile) -> list[DraftFile]:
        """Drafts no longer called for (done, or the note changed): kept as copies."""
        return [d for d in self.drafts_of(note_file) if d.path not in self.wanted]

    def drafts_of(self, note_file: NoteFile) -> list[DraftFile]:
        return self.drafts.get(note_file.path, [])

    def in_journal(self, path: Path) -> str:
        """A path as the user sees it in the journal folder."""
        return path.relative_to(self.config.root).as_posix()

    def mailto(self, draft: Draft) -> str | None:
        """A `mailto:` link that opens the draft in the user's mail client; None while the
        draft has no real address or still holds a placeholder."""
        address = email_address(draft.to)
        if address is None or not ready(draft):
            return None
        fields = {"subject": draft.subject, "body": draft.body.replace("\n", "\r\n")}
        link = mailto_link(address, fields)
        if len(link) > MAILTO_LIMIT:  # mail clients cut longer links: the text is copied instead
            link = mailto_link(address, {"subject": draft.subject})
        return link

    def draft_title(self, found: DraftFile) -> str:
        """`Thank-you note to Jane Doe`, from the rule the draft belongs to."""
        kind = max((k for k in RULES if found.path.name.startswith(k)), key=len, default="")
        title = RULES[kind].title if kind else found.path.stem
        name, _ = parse_address(found.draft.to)
        whom = name or found.draft.to.split(" on LinkedIn")[0]
        return f"{title}: {whom}" if whom and "[[" not in whom else title

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

    # Indexes, made once per build, so that pages never search lists.
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
    def _places(self) -> dict[int, int]:
        """Each item's place among its application's items, by the item's id: with the
        application's version (and today), that says which item it is."""
        return {id(item): place for items in self._items_by_application.values()
                for place, item in enumerate(items)}

    @cached_property
    def _items_by_note(self) -> dict[Path, list[Item]]:
        return _index(self.items, lambda item: item.note)


def _index(items: list[Item], key: Callable[[Item], Any]) -> dict[Any, list[Item]]:
    index: dict[Any, list[Item]] = {}
    for item in items:
        index.setdefault(key(item), []).append(item)
    return index


INDEX_PAGES = ("index.html", "timeline.html", "checklist.html", "contacts.html", "lessons.html")


@dataclass(frozen=True)
class Page:
    """A page of the report before rendering: its template, and what it shows beyond `site`."""

    template: str
    application: Application | None = None  # the one application it shows, if only one
    note_file: NoteFile | None = None


def site_pages(site: Site) -> dict[str, Page]:
    """Every page of the report, by its path inside the output folder."""
    pages = {name: Page(name) for name in INDEX_PAGES}
    for application in site.applications:
        pages[site.application_url(application)] = Page("application.html", application)
        for note_file in application.interviews:
            pages[site.note_page(note_file)] = Page("interview.html", application, note_file)
    return pages


def render_page(env: jinja2.Environment, site: Site, path: str, page: Page) -> bytes:
    template = env.get_template(page.template)
    return template.render(**_page_values(site, path, page)).encode("utf-8")


def stream_page(env: jinja2.Environment, site: Site, path: str, page: Page,
                size: int = 1 << 16) -> Iterator[bytes]:
    """The page in pieces of about `size` characters: an index page of a large journal runs to
    tens of megabytes, better never held whole."""
    pieces: list[str] = []
    length = 0
    for piece in env.get_template(page.template).generate(**_page_values(site, path, page)):
        pieces.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(pieces).encode("utf-8")
            pieces, length = [], 0
    yield "".join(pieces).encode("utf-8")


def _page_values(site: Site, path: str, page: Page) -> dict[str, Any]:
    """What the page's template is given."""
    values: dict[str, Any] = {}
    if page.template == "index.html":
        values["dashboard"] = dashboard(site)
    elif page.template == "timeline.html":
        values["timeline"] = layout(site.applications, site.items, site.today)
    elif page.template == "contacts.html":
        values["people"] = people(site)
    elif page.template == "lessons.html":
        values["lessons"] = lessons(site)
    if page.application is not None:
        values["application"] = page.application
    if page.note_file is not None:
        values["note_file"] = page.note_file
        values["items"] = site.items_of_note(page.note_file)
    root = "../" * path.count("/")  # pages link to each other relatively, to work from file://
    return {"site": site, "root": root, "page": path, "State": State, "rules": RULES, **values}


def static_files(env: jinja2.Environment) -> dict[str, bytes]:
    """The theme's style sheet and script, as they are."""
    files = {}
    for name in STATIC_FILES:
        source, _, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
        files[name] = source.encode("utf-8")
    return files


def eml_files(site: Site) -> dict[str, bytes]:
    """Each email draft as an unsent message, which mail clients open ready to send."""
    files = {}
    me = site.config.me
    for drafts in site.drafts.values():
        for found in drafts:
            address = email_address(found.draft.to)
            if address is None or found.path not in site.wanted or not ready(found.draft):
                continue
            message = EmailMessage(policy=email.policy.SMTP)
            if me.email:
                message["From"] = email.utils.formataddr((header_value(me.name),
                                                          header_value(me.email)))
            message["To"] = found.draft.to
            message["Subject"] = found.draft.subject
            message["X-Unsent"] = "1"
            message.set_content(found.draft.body + "\n")
            name = PurePosixPath("eml", site.in_journal(found.path)).with_suffix(".eml")
            files[name.as_posix()] = bytes(message)
    return files


MAILTO_LIMIT = 1800


def mailto_link(address: str, fields: dict[str, str]) -> str:
    query = urllib.parse.urlencode(fields, quote_via=urllib.parse.quote)
    return f"mailto:{urllib.parse.quote(address, safe='@')}?{query}"


def ready(draft: Draft) -> bool:
    """Whether a draft can be sent as it is: no [[placeholder]] left in it."""
    return "[[" not in draft.to + draft.subject + draft.body


@lru_cache(maxsize=4096)
def parse_address(to: str) -> tuple[str, str]:
    """`("Jane Doe", "jane@x.com")` from `Jane Doe <jane@x.com>`; slow, and asked again and again
    of the same few addresses."""
    return email.utils.parseaddr(to)


def email_address(to: str) -> str | None:
    """The address in `Name <address>`, if it is a real one and not a placeholder."""
    _, address = parse_address(to)
    if "@" not in address or "[[" in to:
        return None
    return address


# What the pages show ----------------------------------------------------------------------------


def dashboard(site: Site) -> Dashboard:
    soon = due_soon(site.items, site.today)
    tz = site.config.timezone
    upcoming_interviews = [n for a in site.applications if a.status not in DECISIONS
                           for n in a.interviews if n.note.date.day_in(tz) >= site.today]
    return Dashboard(
        overdue=soon["overdue"],
        today=soon["due today"],
        week=soon["this week"],
        interviews=sorted(upcoming_interviews, key=by_time(tz)),
        waiting=[a for a in site.applications if a.status in (Status.WAITING, Status.NEXT_ROUND)],
        figures=figures(site),
    )


def by_time(tz: tzinfo) -> Callable[[NoteFile], tuple[date, float, str]]:
    """Interviews of several applications in the order they come: by day, then time of day."""
    def order(note_file: NoteFile) -> tuple[date, float, str]:
        when = note_file.note.date
        return (when.day_in(tz), when.at.timestamp() if when.at else float("-inf"),
                note_file.path.as_posix())
    return order


def figures(site: Site) -> dict[str, str]:
    tz = site.config.timezone
    held = [n for a in site.applications for n in a.interviews
            if n.note.date.day_in(tz) <= site.today]
    offers = [a for a in site.applications if a.status in (Status.OFFER, Status.ACCEPTED)]
    waits = response_days(site.applications, site.today)
    wait = statistics.median_low(waits) if waits else None
    typical = f"{wait} {counted(wait, 'day')}" if wait is not None else "not known yet"
    return {
        counted(len(site.applications), "application"): str(len(site.applications)),
        counted(len(held), "interview") + " held": str(len(held)),
        counted(len(offers), "offer"): str(len(offers)),
        "typical wait for an answer": typical,
    }


def counted(count: int, word: str) -> str:
    """`word`, in the plural unless `count` is one."""
    return word if count == 1 else word + "s"


def response_days(applications: list[Application], today: date) -> list[int]:
    """For each interview with news since: days until the next round or the decision."""
    waits = []
    for application in applications:
        notes = application.interviews
        for before, after in itertools.pairwise(notes):
            waits.append((after.note.date.day - before.note.date.day).days)
        latest = application.latest.note
        if latest.decided is not None and latest.date.day <= today:
            waits.append((latest.decided.day - latest.date.day).days)
    return [wait for wait in waits if wait >= 0]


def people(site: Site) -> list[Person]:
    """Everyone met, once per company: the same name at two companies is two people."""
    met: dict[tuple[str, str], list[tuple[Application, NoteFile, Interviewer]]] = {}
    for application in site.applications:
        for note_file in application.interviews:
            if note_file.note.date.day_in(site.config.timezone) > site.today:
                continue
            for person in note_file.note.interviewers:
                key = (comparable(application.company), person.name)
                met.setdefault(key, []).append((application, note_file, person))
    updates = {i.application: i.due for i in site.items if i.rule == "update"}
    order = chronological(site.config.timezone)
    tz = site.config.timezone
    return sorted((_person(meetings, updates, order, tz) for meetings in met.values()),
                  key=lambda p: (alphabetical(p.name), alphabetical(p.company)))


def alphabetical(text: str) -> tuple[str, str]:
    """A sort key as in a dictionary, roughly: accents aside first (`Émile` among the e's, not
    after `Zoë`), then as written."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return bare.casefold(), text.casefold()


def _person(meetings: list[tuple[Application, NoteFile, Interviewer]],
            updates: dict[str, date], order: Callable[[NoteFile], Any], tz: tzinfo) -> Person:
    application, _, latest = max(meetings, key=lambda meeting: order(meeting[1]))
    details = application.known(latest)  # as its drafts have them
    applications = tuple({a.key: a for a, _, _ in meetings}.values())  # hashing one is slow
    contacts = [n.note.date.day_in(tz) for _, n, _ in meetings]
    contacts += [f.date.day_in(tz) for a in applications for n in a.interviews
                 for f in n.note.followups if f.to == details.name]
    next_updates = [updates[a.key] for a in applications if a.key in updates]
    return Person(details.name, application.company, details, applications, max(contacts),
                  min(next_updates, default=None))


def lessons(site: Site) -> list[Lesson]:
    found = [Lesson(a, n, n.note.reflection) for a in site.applications for n in a.interviews
             if n.note.reflection and (n.note.reflection.went_well or n.note.reflection.to_improve)]
    return sorted(found, key=lambda lesson: lesson.note.note.date.day, reverse=True)
