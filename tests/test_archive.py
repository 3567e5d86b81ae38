"""The archive: the index pages show the applications going on now; the others, closed or
gone quiet, are on the pages of the month they were last active in, each rebuilt only when its
notes change; the contacts are paged by initial."""

from __future__ import annotations

import random
import re

from conftest import GOOD_NOTE
from test_build import files_of
from test_incremental import age, build, scratch_build

from followup_journal.events import recording

# TODAY of test_incremental: 2026-11-19.
CLOSED = """\
---
company: {company}
role: Backend Engineer
date: {day} 10:00
status: withdrawn
interviewers:
  - name: {person}
    email: someone@example.com
followups:
  - {{kind: thank-you, to: {person}, date: {day}}}
reflection:
  went_well: {company} went well
---
It went well.
"""


def closed(company: str, day: str, person: str = "Kim Lee") -> str:
    """A note of an application withdrawn on `day`, with nothing left to do."""
    return CLOSED.format(company=company, day=day, person=person)


def lanes(page: bytes) -> list[str]:
    """The applications a timeline page draws, by the link of their name."""
    names = page.split(b'class="timeline-names"')[1].split(b"</svg>")[0]
    return re.findall(r'href="[./]*applications/([^"]+)\.html"', names.decode())


def lessons_of(page: bytes) -> list[str]:
    """The interviews a Lessons page lists, one article each."""
    return re.findall(r'<article class="lesson">\s*<h3><a href="[./]*interviews/notes/'
                      r'([^"]+)\.html"', page.decode())


def entries(site: dict[str, bytes]) -> list[int]:
    """How many applications, lessons and people the index pages list."""
    return [len(lanes(site["timeline.html"])), len(lessons_of(site["lessons.html"])),
            site["checklist.html"].count(b'<h2 id="app-'),
            site["contacts.html"].count(b'<th scope="row">')]


def waiting(company: str, day: str, more: str = "") -> str:
    """A note of an application still waiting for news since `day`; `more`: lines of front
    matter to add."""
    return GOOD_NOTE.replace("Acme Robotics", company).replace("2026-11-18", day).replace(
        "highlights:", more + "highlights:")


def test_the_timeline_shows_this_month_and_links_to_the_months_before(journal):
    journal.note("august.md", closed("August Co", "2026-08-10"))
    journal.note("september.md", closed("September Co", "2026-09-15"))
    journal.note("september-2.md", closed("Second September Co", "2026-09-20"))
    journal.note("open.md", GOOD_NOTE.replace("2026-11-18", "2026-10-25"))  # waiting, recent
    journal.note("november.md", closed("November Co", "2026-11-02"))
    assert build(journal).exit_code == 0
    site = files_of(journal.root / "_site")

    assert lanes(site["timeline.html"]) == ["acme-robotics-backend-engineer",
                                            "november-co-backend-engineer"]
    periods = site["timeline.html"].decode().split('id="periods-heading"')[1].split("</nav>")[0]
    assert re.findall(r'href="(archive/[^"]+)">([^<]+)</a> <span class="count">\((\d+) ',
                      periods) == [("archive/2026-09/timeline.html", "September 2026", "2"),
                                   ("archive/2026-08/timeline.html", "August 2026", "1")]
    assert lanes(site["archive/2026-09/timeline.html"]) == [
        "september-co-backend-engineer", "second-september-co-backend-engineer"]
    september = site["archive/2026-09/timeline.html"].decode()
    assert 'href="../../archive/2026-08/timeline.html" rel="prev"' in september
    assert 'href="../../timeline.html"' in september
    assert 'rel="next"' not in september  # October has nothing: November is this month


def test_an_archive_page_lists_exactly_its_notes(journal):
    journal.note("a.md", closed("Alpha", "2026-09-01"))
    journal.note("b.md", closed("Beta", "2026-09-30"))
    journal.note("c.md", closed("Gamma", "2026-10-05"))
    journal.note("d.md", GOOD_NOTE.replace("---\nIt went",
                                           "reflection:\n  went_well: Fine\n---\nIt went"))
    assert build(journal).exit_code == 0
    site = files_of(journal.root / "_site")

    assert sorted(lessons_of(site["archive/2026-09/lessons.html"])) == ["a", "b"]
    assert lessons_of(site["archive/2026-10/lessons.html"]) == ["c"]
    assert lessons_of(site["lessons.html"]) == ["d"]
    assert lanes(site["archive/2026-09/timeline.html"]) == ["alpha-backend-engineer",
                                                            "beta-backend-engineer"]
    assert b"Gamma" not in site["archive/2026-09/checklist.html"]


def test_an_edit_to_an_old_note_rewrites_only_its_archive_page(journal):
    journal.note("a.md", closed("Alpha", "2026-08-01"))
    old = journal.note("b.md", closed("Beta", "2026-09-01"))
    journal.note("c.md", closed("Gamma", "2026-10-01"))
    journal.note("d.md")
    age(journal.root, 60)
    assert build(journal).exit_code == 0
    old.write_text(closed("Beta", "2026-09-01").replace("It went well.", "It went fine."),
                   "utf-8")

    with recording() as events:
        assert build(journal).exit_code == 0

    archived = sorted(name for name in events.rendered if name.startswith("archive/"))
    assert archived == ["archive/2026-09/checklist.html", "archive/2026-09/lessons.html",
                        "archive/2026-09/timeline.html"]
    assert "contacts/k.html" in events.rendered  # Kim Lee of Beta: the page of the letter k
    assert not [name for name in events.rendered if name.startswith("contacts/")
                and name != "contacts/k.html"]


def test_the_index_pages_stay_the_same_size_when_old_notes_are_added(journal):
    journal.note("now.md")
    journal.note("old.md", closed("Old Co", "2026-06-01", "Olga Berg"))
    assert build(journal).exit_code == 0
    before = files_of(journal.root / "_site")
    for n in range(40):
        month = 1 + n % 9
        journal.note(f"old-{n}.md", closed(f"Old Co {n}", f"2026-{month:02}-1{n % 10}",
                                           f"Person {n} Berg"))

    assert build(journal).exit_code == 0
    after = files_of(journal.root / "_site")

    assert entries(after) == entries(before) == [1, 0, 1, 1]
    assert len(re.findall(rb'href="archive/[^"]+/timeline.html"', after["timeline.html"])) == 9
    assert after["contacts/p.html"].count(b'<th scope="row">') == 40


def test_an_application_quiet_for_over_30_days_goes_to_the_month_it_was_last_active_in(
        journal):
    # Heard of on 5 October, a thank-you logged: everything of it lapsed by 19 November.
    journal.note("quiet.md", waiting("Quiet Co", "2026-09-10", "followups:\n  - {kind: "
                                     "thank-you, to: Jane Doe, date: 2026-10-05}\n"))
    # As quiet, but its check-in on the date they named has been overdue for 10 days only.
    journal.note("pending.md", waiting("Pending Co", "2026-10-01",
                                       "next_steps: {said: Soon, by: 2026-11-05}\n"))
    journal.note("recent.md", waiting("Recent Co", "2026-10-21"))  # 29 days ago
    assert build(journal).exit_code == 0
    site = files_of(journal.root / "_site")

    assert lanes(site["timeline.html"]) == ["pending-co-backend-engineer",
                                            "recent-co-backend-engineer"]
    assert lanes(site["archive/2026-10/timeline.html"]) == ["quiet-co-backend-engineer"]
    assert not [name for name in site if name.startswith("archive/2026-09/")]
    assert b'id="app-quiet-co-backend-engineer"' not in site["checklist.html"]
    assert b'id="app-quiet-co-backend-engineer"' in site["archive/2026-10/checklist.html"]


def test_old_applications_gone_quiet_leave_the_index_pages_as_they_are(journal):
    journal.note("now.md")
    assert build(journal).exit_code == 0
    before = files_of(journal.root / "_site")
    for n in range(40):  # still waiting, some with a keep-in-touch update due today
        day = f"2026-{1 + n % 9:02}-{1 + n % 28:02}"
        journal.note(f"quiet-{n}.md", waiting(f"Quiet Co {n}", day).replace(
            "Jane Doe", f"Person {n} Berg"))

    assert build(journal).exit_code == 0
    after = files_of(journal.root / "_site")

    assert entries(after) == entries(before) == [1, 0, 1, 1]
    assert after["index.html"].count(b"Send a short update") > 0  # the dashboard lists them


def test_a_day_that_moves_an_application_to_the_archive_rebuilds_as_from_scratch(
        journal, tmp_path):
    journal.note("a.md", waiting("Acme Robotics", "2026-10-26"))
    journal.note("b.md", closed("Beta", "2026-09-01"))
    age(journal.root, 60)
    assert build(journal).exit_code == 0
    assert "archive/2026-10/timeline.html" not in files_of(journal.root / "_site")

    assert journal.run("build", "--today", "2026-12-20").exit_code == 0
    rebuilt = files_of(journal.root / "_site")
    assert lanes(rebuilt["archive/2026-10/timeline.html"]) == ["acme-robotics-backend-engineer"]
    assert rebuilt == scratch_build(journal, tmp_path, "2026-12-20")
    assert build(journal).exit_code == 0  # and back
    assert files_of(journal.root / "_site") == scratch_build(journal, tmp_path / "back")


def test_contacts_are_paged_by_the_initial_of_the_name(journal):
    journal.note("a.md", closed("Alpha", "2026-09-01", "Émile Zola"))
    journal.note("b.md", closed("Beta", "2026-09-02", "渡辺 健二"))
    journal.note("c.md")  # Jane Doe, still waiting
    assert build(journal).exit_code == 0
    site = files_of(journal.root / "_site")

    index = site["contacts.html"].decode()
    assert re.findall(r"<th scope=\"row\">([^<]+)", index) == ["Jane Doe"]
    assert re.findall(r'href="(contacts/[^"]+)"><span class="visually-hidden">Names starting '
                      r'with </span>(\w+)</a> <span class="count">\((\d+)\)', index) == [
        ("contacts/e.html", "E", "1"), ("contacts/j.html", "J", "1"),
        ("contacts/other.html", "Other", "1")]
    assert "Émile Zola" in site["contacts/e.html"].decode()
    assert "渡辺 健二" in site["contacts/other.html"].decode()


def test_incremental_builds_of_the_archive_equal_builds_from_scratch(journal, tmp_path):
    """Found by an adversarial test: notes moved between months, applications closed and
    opened again, notes deleted until a month empties; after each edit, the report a rebuild
    makes is the one a build from scratch makes."""
    rng = random.Random(11)
    days = ["2026-07-14", "2026-08-03", "2026-08-28", "2026-09-09", "2026-10-20", "2026-11-05"]
    people = ["Ana Reis", "Bo Lin", "Émile Zola", "Kim Lee"]
    notes = {f"n{n}.md": (f"Company {n % 4}", rng.choice(days), rng.choice(people))
             for n in range(8)}

    def write(name: str, status: str = "withdrawn") -> None:
        company, day, person = notes[name]
        journal.note(name, closed(company, day, person).replace("withdrawn", status))

    for name in notes:
        write(name)
    age(journal.root, 600)
    assert build(journal).exit_code == 0
    for step in range(8):
        name = rng.choice(sorted(notes))
        action = step % 4
        if action == 0:  # its date moves to another month
            company, _, person = notes[name]
            notes[name] = (company, rng.choice(days), person)
            write(name)
        elif action == 1:  # its application opens again, or closes
            write(name, rng.choice(["waiting", "rejected", "withdrawn"]))
        elif action == 2:  # a note deleted
            del notes[name]
            (journal.root / "notes" / name).unlink()
        else:  # someone else met
            company, day, _ = notes[name]
            notes[name] = (company, day, rng.choice([*people, "Zed Kahn"]))
            write(name)
        age(journal.root, 500 - step * 50)
        assert build(journal).exit_code == 0
        rebuilt = files_of(journal.root / "_site")
        assert rebuilt == scratch_build(journal, tmp_path / str(step)), f"step {step}"

    assert "archive/2026-08/timeline.html" in rebuilt
    for name in list(notes):  # every note of a month gone: its pages go too
        if notes[name][1].startswith("2026-08"):
            del notes[name]
            (journal.root / "notes" / name).unlink()
    assert build(journal).exit_code == 0
    rebuilt = files_of(journal.root / "_site")
    assert not [name for name in rebuilt if name.startswith("archive/2026-08/")]
    assert not (journal.root / "_site/archive/2026-08").exists()
    assert rebuilt == scratch_build(journal, tmp_path / "last")
