"""The built report in a real browser: headless Chromium, driven by Playwright.

The report is a folder of static files opened from disk, so a page must load without a single
console error and without asking for anything that is not a file:// URL. Screenshots of the
dashboard and the timeline go to test-artifacts/screenshots/ for people to look at.

The browser is Debian's Chromium at /usr/bin/chromium (never `playwright install`). Without it,
or without the playwright package, these tests are skipped on a workstation and fail in CI
(when the environment variable CI is "true").
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import REPO, SAMPLE, run_fj

if TYPE_CHECKING:
    from playwright.sync_api import (
        Browser,
        BrowserContext,
        ConsoleMessage,
        Page,
        Request,
        Route,
    )

pytestmark = pytest.mark.browser

TODAY = ["--today", "2026-11-21"]
# Tests only: FJ_TEST_CHROMIUM=/nonexistent shows what happens when the browser is missing.
CHROMIUM = os.environ.get("FJ_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    # The network is closed: nothing in the background may try to reach it.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
SAMPLE_APPLICATIONS = 11


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Chromium, launched once for the module; skipped if missing, except in CI where it fails."""
    missing = []
    if not Path(CHROMIUM).is_file():
        missing.append(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing.append("the playwright package is not installed (pip install -e '.[test]')")
    if missing:
        reason = "browser tests need a browser: " + "; ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " [CI=true, so this is a failure, not a skip]", pytrace=False)
        pytest.skip(reason)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample journal's report, built once for the module."""
    out = tmp_path_factory.mktemp("site")
    result = run_fj("build", str(SAMPLE), *TODAY, "--out", str(out))
    assert result.exit_code == 0, result.output
    return out


class Tab:
    """A page that records console errors, page errors and every request it makes.

    Requests for anything but file:// are aborted, so nothing leaves the machine, and recorded,
    so the test that visits the page fails.
    """

    def __init__(self, page: Page) -> None:
        self.page = page
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.failed: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("requestfailed", self._on_request_failed)
        page.route("**/*", self._route)

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"console error: {message.text} ({message.location})")

    def _on_request_failed(self, request: Request) -> None:
        if request.url not in self.blocked:
            self.failed.append(f"{request.url}: {request.failure}")

    def _route(self, route: Route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def visit(self, path: Path) -> Page:
        """Open a file of the report and check it loaded cleanly."""
        self.errors.clear()
        self.requests.clear()
        self.blocked.clear()
        self.failed.clear()
        response = self.page.goto(path.as_uri(), wait_until="load")
        assert response is not None and response.ok, f"{path.name} did not load"
        self.assert_clean(path)
        return self.page

    def problems(self) -> list[str]:
        return [
            *self.errors,
            *(f"request that is not file://: {url}" for url in self.requests
              if not url.startswith("file:")),
            *(f"blocked request: {url}" for url in self.blocked if url not in self.requests),
            *(f"failed request: {failure}" for failure in self.failed),
        ]

    def assert_clean(self, path: Path) -> None:
        problems = self.problems()
        assert not problems, f"{path.name}:\n  " + "\n  ".join(problems)


@contextmanager
def open_tab(browser: Browser, **options: object) -> Iterator[Tab]:
    context: BrowserContext = browser.new_context(**options)
    try:
        yield Tab(context.new_page())
    finally:
        context.close()


@pytest.fixture
def tab(browser: Browser) -> Iterator[Tab]:
    with open_tab(browser, viewport=DESKTOP) as opened:
        yield opened


def test_the_dashboard_loads_without_errors_or_network(tab, site):
    page = tab.visit(site / "index.html")
    assert page.title()
    assert tab.requests[0] == (site / "index.html").as_uri()
    assert (site / "style.css").as_uri() in tab.requests


def test_the_overdue_section_lists_what_fj_agenda_reports(tab, site):
    result = run_fj("agenda", str(SAMPLE), *TODAY, "--json")
    assert result.exit_code == 0, result.output
    expected = [item["what"] for item in json.loads(result.stdout)["overdue"]]
    assert expected, "the sample journal should have overdue items at 2026-11-21"

    page = tab.visit(site / "index.html")
    heading = page.get_by_role("heading", name="Overdue", exact=True)
    section = page.locator("section").filter(has=heading)
    assert section.count() == 1
    assert section.is_visible()
    items = section.locator("li.item")
    assert items.count() == len(expected)
    assert section.locator("li.item.state-overdue").count() == len(expected)
    assert items.locator(".what").all_inner_texts() == expected


def test_the_timeline_is_a_visible_svg_with_a_lane_per_application(tab, site):
    applications = list((site / "applications").glob("*.html"))
    assert len(applications) == SAMPLE_APPLICATIONS

    page = tab.visit(site / "timeline.html")
    # The chart is the figure's SVG that holds the lanes; the legend may draw small SVGs too.
    svg = page.locator("figure.timeline svg:has(g.lane)")
    assert svg.count() == 1
    assert svg.is_visible()
    box = svg.bounding_box()
    assert box is not None and box["width"] > 0 and box["height"] > 0, box
    lanes = svg.locator("g.lane").count()
    # The one application quiet since an earlier month is on that month's page.
    archived = tab.visit(site / "archive/2026-10/timeline.html").locator("g.lane").count()
    assert (lanes, archived) == (len(applications) - 1, 1)


def test_every_page_loads_without_errors_or_network(tab, site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > SAMPLE_APPLICATIONS
    problems = {}
    for path in pages:
        try:
            tab.visit(path)
        except AssertionError as failure:
            problems[path.relative_to(site).as_posix()] = str(failure)
    assert not problems, "\n".join(problems.values())


INDEX_PAGES = ["index.html", "timeline.html", "checklist.html", "contacts.html", "lessons.html"]
ARCHIVE_PAGES = ["archive/2026-10/timeline.html", "archive/2026-10/checklist.html",
                 "archive/2026-10/lessons.html", "contacts/m.html"]


def test_the_index_pages_are_the_pages_at_the_top_of_the_report(site):
    assert sorted(INDEX_PAGES) == sorted(p.name for p in site.glob("*.html"))


@pytest.mark.parametrize("name", [*INDEX_PAGES, *ARCHIVE_PAGES, "applications/hoshizora-"
                                  "software-site-reliability-engineer.html"])
def test_no_page_scrolls_sideways_on_a_phone(browser, site, name):
    # The timeline scrolls inside its own box, not the page.
    with open_tab(browser, viewport=PHONE, is_mobile=True, has_touch=True) as phone:
        page = phone.visit(site / name)
        widths = page.evaluate(
            "({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
        )
    assert widths["inner"] == PHONE["width"]
    assert widths["scroll"] <= widths["inner"], widths


@pytest.mark.parametrize("name", ["checklist.html", "contacts.html"])
def test_the_tables_read_as_cards_on_a_phone_with_every_column_in_view(browser, site, name):
    with open_tab(browser, viewport=PHONE, is_mobile=True, has_touch=True) as phone:
        page = phone.visit(site / name)
        cells = page.locator("table.cards tbody td:visible")
        assert cells.count() > 0
        rights = cells.evaluate_all("cells => cells.map(c => c.getBoundingClientRect().right)")
        # Each cell under its column's name, as a card reads.
        labels = cells.evaluate_all(
            "cells => cells.map(c => getComputedStyle(c, '::before').content)")
    assert max(rights) <= PHONE["width"]
    assert all(label.startswith('"') and label.endswith(': "') for label in labels), labels


def test_the_months_before_are_a_link_away_and_back_without_javascript(browser, site):
    with open_tab(browser, viewport=PHONE, is_mobile=True, java_script_enabled=False) as phone:
        page = phone.visit(site / "timeline.html")
        page.get_by_role("navigation", name="Earlier months").get_by_role(
            "link", name="October 2026").click()
        page.wait_for_load_state()
        archived = page.url
        heading = page.get_by_role("heading", level=1).inner_text()
        page.get_by_role("navigation", name="Other months").get_by_role(
            "link", name="What is going on now").click()
        page.wait_for_load_state()
        back = page.url
    assert archived.endswith("/archive/2026-10/timeline.html")
    assert heading == "Timeline: October 2026"
    assert back.endswith("/_site/timeline.html") or back.endswith("/timeline.html")


def test_the_timeline_opens_on_a_phone_with_today_in_view_beside_the_names(browser, site):
    with open_tab(browser, viewport=PHONE, is_mobile=True, has_touch=True) as phone:
        page = phone.visit(site / "timeline.html")
        page.locator(".timeline-scroll").scroll_into_view_if_needed()
        names = page.locator(".timeline-names").bounding_box()
        today = page.locator(".timeline .today line").bounding_box()
        scrolled = page.locator(".timeline-scroll").evaluate("box => box.scrollLeft")
        # The names stay at the left however far the lanes scroll.
        page.locator(".timeline-scroll").evaluate("box => { box.scrollLeft = box.scrollWidth; }")
        names_after = page.locator(".timeline-names").bounding_box()
    assert names is not None and today is not None and names_after is not None
    assert scrolled > 0  # the sample's today lies beyond the first screen
    assert names["x"] + names["width"] < today["x"] < PHONE["width"], (names, today)
    assert names_after["x"] == names["x"]


def test_interviews_to_come_look_different_from_those_held_and_say_so(tab, site):
    page = tab.visit(site / "timeline.html")
    held = page.locator(".timeline-chart circle.mark.interview")
    to_come = page.locator(".timeline-chart circle.mark.scheduled")
    assert held.count() > 0 and to_come.count() > 0
    style = to_come.first.evaluate("c => [getComputedStyle(c).fill, getComputedStyle(c).stroke]")
    assert style[0] != held.first.evaluate("c => getComputedStyle(c).fill")  # hollow
    assert "interview to come" in to_come.first.locator("title").text_content()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_axe_finds_no_accessibility_violation(browser, site, viewport):
    from axe_playwright_python.sync_playwright import Axe

    pages = [*INDEX_PAGES, *ARCHIVE_PAGES,
             "applications/hoshizora-software-site-reliability-engineer.html",
             "interviews/notes/2026-11-18-hoshizora-software-site-reliability-engineer-"
             "technical.html"]
    found = {}
    with open_tab(browser, viewport=viewport) as opened:
        for name in pages:
            results = Axe().run(opened.visit(site / name))
            if results.violations_count:
                found[name] = results.generate_report()
    assert not found, "\n".join(f"{name}:\n{report}" for name, report in found.items())


def test_a_log_command_is_copied_with_its_button(browser, site):
    with open_tab(browser, viewport=DESKTOP, permissions=["clipboard-read", "clipboard-write"]
                  ) as opened:
        page = opened.visit(site / "index.html")
        row = page.locator("li.item", has=page.locator(".log code")).first
        command = row.locator(".log code").inner_text()
        row.get_by_role("button", name="Copy the command that logs it").click()
        page.get_by_role("button", name="Copied").wait_for(timeout=5_000)
        copied = page.evaluate("navigator.clipboard.readText()")
    assert command.startswith("fj log ")
    assert copied == command


@pytest.fixture(scope="module")
def screenshots() -> Path:
    """test-artifacts/screenshots/, emptied of the last run's pictures."""
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    return SCREENSHOTS


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", ["desktop", "phone"])
@pytest.mark.parametrize("name", ["index", "timeline"])
def test_screenshot(browser, site, screenshots, name, device, scheme):
    """Full-page pictures for people to look at; the test only checks the page loads cleanly."""
    viewport = DESKTOP if device == "desktop" else PHONE
    with open_tab(browser, viewport=viewport, color_scheme=scheme) as opened:
        page = opened.visit(site / f"{name}.html")
        assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (
            scheme == "dark"
        )
        target = screenshots / f"{name}-{device}-{viewport['width']}-{scheme}.png"
        page.screenshot(path=target, full_page=True)
    assert target.stat().st_size > 0


def test_a_served_page_reloads_itself_after_an_edit_and_shows_a_failed_rebuild(browser, journal):
    from conftest import GOOD_NOTE
    from test_serve import Served

    journal.note("a.md")
    served = Served(journal)
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"http://127.0.0.1:{served.port}/interviews/notes/a.html")
        assert page.locator("main").inner_text().count("It went well.") == 1

        journal.note("a.md", GOOD_NOTE.replace("It went well.", "It went very well."))
        page.get_by_text("It went very well.").wait_for(timeout=10_000)

        journal.write("themes/interview.html", "{% if %}\n")
        alert = page.get_by_role("alert")
        alert.wait_for(timeout=10_000)
        assert "The last rebuild failed" in alert.inner_text()
        assert "themes/interview.html:1" in alert.inner_text()
        assert "It went very well." in page.locator("main").inner_text()  # the last good page
        assert not errors
    finally:
        context.close()
        served.process.kill()
        served.process.wait()


def test_six_open_tabs_all_reload_after_an_edit(browser, journal):
    # Chromium opens at most six connections to one server; each open page holds one.
    from conftest import GOOD_NOTE
    from test_serve import Served

    journal.note("a.md")
    served = Served(journal)
    context = browser.new_context(viewport=DESKTOP)
    try:
        tabs = [context.new_page() for _ in range(6)]
        for tab in tabs:
            tab.goto(f"http://127.0.0.1:{served.port}/interviews/notes/a.html")
        journal.note("a.md", GOOD_NOTE.replace("It went well.", "It went very well."))
        for tab in tabs:
            tab.get_by_text("It went very well.").wait_for(timeout=10_000)
    finally:
        context.close()
        served.process.kill()
        served.process.wait()


@pytest.mark.parametrize(("ci", "outcome", "status"), [("true", "1 error", 1),
                                                       ("", "1 skipped", 0)])
def test_a_missing_browser_fails_in_ci_and_is_skipped_elsewhere(ci, outcome, status):
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q",
         str(Path(__file__)), "-k", "dashboard_loads_without_errors"],
        env={**os.environ, "CI": ci, "FJ_TEST_CHROMIUM": "/nonexistent"},
        capture_output=True, text=True, timeout=120, cwd=REPO)
    assert outcome in result.stdout.splitlines()[-1], result.stdout
    assert result.returncode == status


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The copy of the sample journal's report to share with a coach (`fj build --share`)."""
    folder = tmp_path_factory.mktemp("shared")
    result = run_fj("build", str(SAMPLE), *TODAY, "--out", str(folder / "site"), "--share",
                    str(folder / "copy"), "--hide-companies")
    assert result.exit_code == 0, result.output
    return folder / "copy"


def test_the_shared_copy_loads_cleanly_and_passes_axe(browser, shared):
    from axe_playwright_python.sync_playwright import Axe

    pages = sorted(shared.rglob("*.html"))
    assert len(pages) > SAMPLE_APPLICATIONS
    found = {}
    with open_tab(browser, viewport=DESKTOP) as opened:
        for path in pages:
            page = opened.visit(path)
            if path.name in INDEX_PAGES or path.name.startswith("2026-11-18-"):
                results = Axe().run(page)
                if results.violations_count:
                    found[path.name] = results.generate_report()
    assert not found, "\n".join(f"{name}:\n{report}" for name, report in found.items())
