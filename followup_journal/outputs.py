"""The report's outputs: each kind of file the report holds comes from one producer, listed in
`PRODUCERS`.

A producer is given the site, the theme and the build's options, and says which files it makes:
pages the theme renders (a `Page`, rendered only when its inputs changed, by workers when there
are many) or bytes ready to write (the style sheet, `.eml` drafts). Every file is written,
compared and cleaned up the same way (`publish.py`, `writer.py`). A new kind of output (a
calendar file, a CSV export) is one producer added here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import jinja2

from .fragments import Fragments
from .icsfile import calendar_bytes
from .mail import eml_files
from .pages import Page, site_pages, static_files
from .site import Site

CALENDAR = "calendar.ics"


@dataclass(frozen=True)
class Options:
    """What the user asked of this build's outputs."""

    eml: bool = False  # each email draft as an unsent .eml file too
    shared: bool = False  # the copy for a coach: only the producers in SHAREABLE


Producer = Callable[[Site, jinja2.Environment, Options], Mapping[str, Page | bytes]]


def report_pages(site: Site, env: jinja2.Environment, options: Options) -> dict[str, Page]:
    """The index pages, and a page per application and per interview."""
    return site_pages(site)


def theme_files(site: Site, env: jinja2.Environment, options: Options) -> dict[str, bytes]:
    """The theme's style sheet and script."""
    return static_files(env)


def calendar_file(site: Site, env: jinja2.Environment, options: Options) -> dict[str, bytes]:
    """The interviews and open follow-ups as a calendar to subscribe to (`icsfile.py`), each
    application's entries kept with the parts of pages a rebuild reuses."""
    fragments: Fragments | None = getattr(env, "fragments", None)
    return {CALENDAR: calendar_bytes(site, kept=fragments.get if fragments else None)}


def eml_drafts(site: Site, env: jinja2.Environment, options: Options) -> dict[str, bytes]:
    """Each email draft ready to send, as an unsent message (`--eml`)."""
    return eml_files(site) if options.eml else {}


PRODUCERS: list[Producer] = [report_pages, theme_files, calendar_file, eml_drafts]
SHAREABLE: list[Producer] = [report_pages, theme_files]  # no drafts, calendars or exports


def produce(site: Site, env: jinja2.Environment,
            options: Options) -> tuple[dict[str, Page], dict[str, bytes]]:
    """Every file of the report, by its path in the output folder: the pages to render, and the
    files made already."""
    pages: dict[str, Page] = {}
    files: dict[str, bytes] = {}
    for producer in SHAREABLE if options.shared else PRODUCERS:
        for name, made in producer(site, env, options).items():
            if isinstance(made, Page):
                pages[name] = made
            else:
                files[name] = made
    return pages, files
