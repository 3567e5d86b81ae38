"""The render and write stages of a build that remembers: only the pages whose inputs changed
are rendered and written; the others are right on disk.

A forked child renders and writes most pages of applications and notes, and sends back only
whether each changed and its stamp. This process renders the index pages meanwhile, keeping
their fragments (`fragments.py`), then the rest.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from .archive import neighbours
from .events import record
from .memory import Memory
from .outputs import Options, produce
from .pages import Page, render_page, stream_page
from .parallel import parallel_map
from .scan import Stamp, digest, stamp
from .site import Site
from .theme import theme_errors
from .writer import WriteResult, claim_site, settle_site, write_page


def publish(memory: Memory, site: Site, env: jinja2.Environment, output: Path,
            options: Options) -> WriteResult:
    """Write what every producer makes (`outputs.py`), rendering only the pages whose inputs
    changed; remove the files the report no longer has."""
    env.fragments = memory.fragments  # type: ignore[attr-defined]
    memory.fragments.next_build()
    with theme_errors():
        pages, extra = produce(site, env, options)  # the calendar keeps fragments too
    unchanged = _unchanged_pages(memory, site, pages, output)
    todo = [name for name in pages if name not in unchanged]
    record("rendered", todo)
    job = (env, site, pages, output)
    with theme_errors():

        def render(name: str) -> bytes:  # to compare with a file found in a page's place
            return extra[name] if name in extra else _render_named(job, name)

        claim = claim_site(output, [*todo, *extra], unchanged, render)
        index = [name for name in todo if pages[name].application is None]
        others = [name for name in todo if pages[name].application is not None]
        indexed: list[tuple[bool, Stamp | None]] = []

        def write_index_pages() -> None:
            indexed.extend(_write_named(job, name) for name in index)

        written = parallel_map(_write_named, job, others, meanwhile=write_index_pages)
    results = dict(zip([*others, *index], [*written, *indexed], strict=True))
    _remember_stamps(memory, pages, results)
    wrote = sum(write_page(output, name, data) for name, data in sorted(extra.items()))
    return settle_site(claim, wrote + sum(changed for changed, _ in results.values()))


def _remember_stamps(memory: Memory, pages: dict[str, Page],
                     written: dict[str, tuple[bool, Stamp | None]]) -> None:
    """The stamps of the pages just written, and no page the report no longer has."""
    remembered = memory.pages
    for name, (_, now) in written.items():
        remembered[name] = (remembered[name][0], now)
    for name in remembered.keys() - pages.keys():
        del remembered[name]


def _unchanged_pages(memory: Memory, site: Site, pages: dict[str, Page],
                     output: Path) -> frozenset[str]:
    """The pages made from the same inputs as last time, and still as written then."""
    whole = digest(site.broken, site.kept, site.orphans, site.orphans_edited,
                   sorted(site.versions.items()), site.recent)
    unchanged = set()
    remembered = memory.pages
    for name, page in pages.items():
        inputs = _inputs(site, name, page) or whole
        known = remembered.get(name)
        if known is not None and known[0] == inputs and known[1] == stamp(output / name):
            unchanged.add(name)
        else:
            remembered[name] = (inputs, None)
    return frozenset(unchanged)


def _inputs(site: Site, name: str, page: Page) -> str | None:
    """The digest of what a page of one application, one month of the archive or one initial
    of the contacts shows; None for an index page, made from the whole journal."""
    versions = site.versions
    if page.application is not None:
        return digest(name, page.application.key, versions[page.application.key])
    if page.period is not None:
        older, newer = site.archive.neighbours(page.period)
        return digest(name, [(a.key, versions[a.key]) for a in page.period.applications],
                      older and older.month, newer and newer.month)
    if page.letter is not None:
        before, after = neighbours(site.letters, page.letter)
        keys = sorted({a.key for person in page.letter.people for a in person.applications})
        return digest(name, [(key, versions[key]) for key in keys],
                      before and before.name, after and after.name)
    return None


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
