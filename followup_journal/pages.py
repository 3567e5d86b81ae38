"""The pages of the report, rendered from the journal as bytes by relative path: which pages
there are, what each page's template is given, and the theme's static files.

No writing here (see `writer.py`). What the index pages sum up is made in `summaries.py` and
`timeline.py`; which applications they show, and which go to the archive's pages, in
`archive.py`; the `.eml` files beside the pages in `mail.py`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import jinja2

from .applications import Application
from .archive import ARCHIVED_PAGES, Letter, Period, neighbours
from .checklist import State
from .model import NoteFile
from .rules import RULES
from .site import Site
from .summaries import dashboard, lessons, review
from .timeline import layout

STATIC_FILES = ("style.css", "copy.js")
INDEX_PAGES = ("index.html", "timeline.html", "checklist.html", "contacts.html", "lessons.html")


@dataclass(frozen=True)
class Page:
    """A page of the report before rendering: its template, and what it shows beyond `site`."""

    template: str
    application: Application | None = None  # the one application it shows, if only one
    note_file: NoteFile | None = None
    period: Period | None = None  # the month of the archive it shows, if it is an archive's
    letter: Letter | None = None  # the contacts of one initial, if it is a page of them


def site_pages(site: Site) -> dict[str, Page]:
    """Every page of the report, by its path inside the output folder."""
    pages = {name: Page(name) for name in INDEX_PAGES}
    for application in site.applications:
        pages[site.application_url(application)] = Page("application.html", application)
        for note_file in application.interviews:
            pages[site.note_page(note_file)] = Page("interview.html", application, note_file)
    for period in site.archive.periods:
        for name in ARCHIVED_PAGES:
            pages[period.folder + name] = Page(name, period=period)
    for letter in site.letters:
        pages[letter.path] = Page("contacts.html", letter=letter)
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
    values: dict[str, Any] = {} if page.application else _period_values(site, page)
    shown = values.get("applications", ())
    if page.template == "index.html":
        values["dashboard"] = dashboard(site)
    elif page.template == "timeline.html":
        items = [item for a in shown for item in site.items_of(a.key)]
        values["timeline"] = layout(list(shown), items, site.today, site.config.timezone)
    elif page.template == "contacts.html":
        values.update(_contacts_values(site, page))
    elif page.template == "lessons.html":
        values["lessons"] = lessons(site, shown)
        values["review"] = review(values["lessons"])
    if page.application is not None:
        values["application"] = page.application
    if page.note_file is not None:
        values["note_file"] = page.note_file
        values["items"] = site.items_of_note(page.note_file)
    root = "../" * path.count("/")  # pages link to each other relatively, to work from file://
    return {"site": site, "root": root, "page": path, "State": State, "rules": RULES, **values}


def _period_values(site: Site, page: Page) -> dict[str, Any]:
    """The applications a page shows, and its links to the other periods: an index page lists
    them all, an archive's page only the months before and after it, so that a new month
    rewrites no other archive page than its neighbour."""
    if page.period is None:
        return {"applications": site.archive.current, "period": None,
                "periods": site.archive.periods, "older": None, "newer": None}
    older, newer = site.archive.neighbours(page.period)
    return {"applications": page.period.applications, "period": page.period, "periods": (),
            "older": older, "newer": newer}


def _contacts_values(site: Site, page: Page) -> dict[str, Any]:
    """The people of a contacts page: of the applications going on now on the first page, of
    one initial on each of the others."""
    if page.letter is None:
        going = {application.key for application in site.archive.current}
        return {"people": [p for p in site.people if any(a.key in going for a in p.applications)],
                "letter": None, "letters": site.letters, "before": None, "after": None}
    before, after = neighbours(site.letters, page.letter)
    return {"people": list(page.letter.people), "letter": page.letter, "letters": (),
            "before": before, "after": after}


def static_files(env: jinja2.Environment) -> dict[str, bytes]:
    """The theme's style sheet and script, as they are."""
    files = {}
    for name in STATIC_FILES:
        source, _, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
        files[name] = source.encode("utf-8")
    return files
