"""The pages of the report, rendered from the journal as bytes by relative path: which pages
there are, what each page's template is given, and the theme's static files.

No writing here (see `writer.py`). What the index pages sum up is made in `summaries.py` and
`timeline.py`; the `.eml` files beside the pages in `mail.py`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import jinja2

from .applications import Application
from .checklist import State
from .model import NoteFile
from .rules import RULES
from .site import Site
from .summaries import dashboard, lessons, people, review
from .timeline import layout

STATIC_FILES = ("style.css", "copy.js")
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
        values["review"] = review(values["lessons"])
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
