"""`fj build --share DIR`: a copy of the report for a coach, with nothing that names or reaches
anyone: every file of it is searched for everything private the sample journal holds."""

from __future__ import annotations

import html
import re
import shutil
import unicodedata
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import SAMPLE, run_fj

from followup_journal.applications import everyone
from followup_journal.config import load_config
from followup_journal.model import Interviewer
from followup_journal.read import read_journal
from followup_journal.redact import letters

TODAY = ["--today", "2026-11-21"]
COMPANIES = ["Brisa Pagamentos", "Bursztyn Labs", "Cordoaria Digital", "Fjordlys Analytics",
             "Havbris Marine", "Hoshizora Software", "Lumo Robotics", "Müller & Söhne Logistik",
             "Société Lumière Énergie", "Tidewater Health"]
PHONE = re.compile(r"\+?\d[\d ().-]{6,}\d")


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("share") / "journal"
    shutil.copytree(SAMPLE, root, ignore=shutil.ignore_patterns("_site"))
    return root


@pytest.fixture(scope="module")
def secrets(sample: Path) -> dict[str, set[str]]:
    """What the journal says of people: names (whole, and each part of more than 2 letters),
    email addresses, LinkedIn addresses, phone numbers and what was learned of them."""
    config, _ = load_config(sample, lambda: ZoneInfo("UTC"))
    found: dict[str, set[str]] = {"names": set(), "emails": set(), "linkedin": set(),
                                  "phones": set(), "learned": set()}
    people = [p for n in read_journal(config).notes for p in everyone(n.note)]
    for name in [config.me.name, *(p.name for p in people)]:
        found["names"] |= {name, *(part for part in re.findall(r"\w+", name) if len(part) > 2)}
    found["emails"] |= {config.me.email, *(p.email for p in people if p.email)}
    found["linkedin"] |= {p.linkedin for p in people if p.linkedin}
    found["learned"] |= {p.learned for p in people if isinstance(p, Interviewer) and p.learned}
    for path in [sample / "journal.toml", *sample.glob("notes/*.md")]:
        text = path.read_text("utf-8")
        found["emails"] |= set(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text))
        found["phones"] |= {phone for phone in PHONE.findall(text)
                            if sum(c.isdigit() for c in phone) >= 7
                            and not re.match(r"\d{4}-\d{2}-\d{2}", phone)}
    assert all(found.values()), found  # the sample journal has some of each
    return found


@pytest.fixture(scope="module")
def copies(sample: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[bool, Path]:
    """The copy to share, and the one with companies hidden, by whether they are."""
    folder = tmp_path_factory.mktemp("copies")
    for hide in (False, True):
        share(sample, folder / str(hide), *(["--hide-companies"] if hide else []))
    return {hide: folder / str(hide) for hide in (False, True)}


def shared_text(folder: Path) -> dict[str, str]:
    """Each file of the copy, by path: its text as a reader sees it (no HTML escapes)."""
    return {path.relative_to(folder).as_posix(): html.unescape(path.read_text("utf-8"))
            for path in sorted(folder.rglob("*")) if path.is_file()}


def share(sample: Path, folder: Path, *args: str) -> dict[str, str]:
    result = run_fj("build", str(sample), *TODAY, "--share", str(folder), *args)
    assert result.exit_code == 0, result.output
    return shared_text(folder)


def bare(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def found_in(files: dict[str, str], words: set[str]) -> list[tuple[str, str]]:
    """Each word (case aside, accents or not) that a file's path or text holds as a word."""
    spellings = sorted({spelling for word in words for spelling in (word, bare(word))},
                       key=len, reverse=True)
    pattern = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, spellings))})(?!\w)",
                         re.IGNORECASE)
    return [(found, name) for name, text in files.items()
            for found in pattern.findall(f"{name}\n{text}")]


@pytest.mark.parametrize("hide", [False, True], ids=["companies", "hidden-companies"])
def test_the_shared_copy_names_and_reaches_no_one(copies, secrets, hide):
    files = shared_text(copies[hide])
    assert "index.html" in files and any(name.startswith("interviews/") for name in files)
    for kind, words in secrets.items():
        assert found_in(files, words) == [], kind
    everything = "\n".join(files.values())
    for trace in ("linkedin.com", "mailto:", "fj log", "http://", "https://", "Drafts to send",
                  "Once sent", "Once done", ".drafts", "calendar.ics"):
        assert trace.casefold() not in everything.casefold()
    assert not [name for name in files if name.endswith((".eml", ".ics", ".csv", ".json"))]


def test_the_normal_report_is_built_as_always_beside_the_copy(sample, copies):
    report = shared_text(sample / "_site")
    assert found_in(report, {"Nguyễn Thị Minh Anh"}) and "fj log" in "".join(report.values())


def test_companies_and_roles_are_kept_unless_hidden(copies):
    kept = "\n".join(shared_text(copies[False]).values())
    hidden = shared_text(copies[True])
    assert all(company in kept for company in COMPANIES)
    assert found_in(hidden, {*COMPANIES, "Havbris", "Hoshizora", "Fjordlys", "Tidewater"}) == []
    hidden_text = "\n".join(hidden.values())
    assert "Company A" in hidden_text and f"Company {letters(len(COMPANIES))}" in hidden_text
    assert "Site Reliability Engineer" in hidden_text and "Staff Engineer, Payments" in hidden_text


def test_people_are_pseudonyms_by_their_part_in_order_of_appearance(copies):
    files = shared_text(copies[False])
    page = files["interviews/notes/2026-11-18-hoshizora-software-site-reliability-engineer"
                 "-technical.html"]
    met = re.findall(r'<article class="person">\s*<h3>([^<]+)</h3>', page)
    # Its screen (4 Nov) met Tanaka Misaki, the hiring manager; this round, two interviewers.
    assert met == ["Interviewer A", "Interviewer B"]
    application = files["applications/hoshizora-software-site-reliability-engineer.html"]
    assert "Hiring manager A" in application
    # The body's "Minh Anh ran a fake outage" and "Kenji asked" name the pseudonyms.
    assert "Interviewer A ran a fake outage" in page and "Interviewer B asked" in page


def test_pseudonyms_are_the_same_in_every_build(sample, copies, tmp_path):
    assert share(sample, tmp_path / "again", "--hide-companies") == shared_text(copies[True])
    result = run_fj("build", str(sample), *TODAY, "--share", str(copies[True]),
                    "--hide-companies")
    assert "copy to share: wrote 0 of" in result.output


@pytest.mark.parametrize("where", ["journal", "output", "inside-output", "notes"])
def test_the_copy_never_goes_in_the_journal_the_report_or_the_notes(sample, tmp_path, where):
    folder = {"journal": sample, "output": sample / "_site", "inside-output": sample / "_site/x",
              "notes": sample / "notes" / "coach"}[where]
    before = shared_text(sample)
    result = run_fj("build", str(sample), *TODAY, "--share", str(folder))
    assert result.exit_code == 2
    assert f"--share {folder}: " in result.output and "give" in result.output
    assert not (sample / "notes" / "coach").exists()
    assert shared_text(sample) == before  # the normal build did not run either


def test_hide_companies_alone_is_a_usage_error(sample):
    result = run_fj("build", str(sample), *TODAY, "--hide-companies")
    assert result.exit_code == 2 and "--hide-companies goes with --share" in result.output


TRICKY = """\
---
company: Acme Robotics
role: Backend Engineer
date: 2026-11-18 14:30
status: waiting
interviewers:
  - name: Jörg Großmann-Weiß
    email: jorg@acme.example.com
  - name: Sam Lee
    role: recruiter
people:
  - name: Sam Park
highlights:
  - "Grossmann showed me [the design doc](https://docs.example.com/x) on 19.11.2026"
---
Call Jörg on +49 (30) 1234-5678 or 030 12345678, not on 2026-11-19 10:00, about the
[roadmap](https://acme.example.com/roadmap), <https://acme.example.com/jobs> and
www.acme.example.com; write to <jorg@acme.example.com>. GROSSMANN-WEISS liked it, and
Sam, who is either of two, was there. Tanaka from another company was not.
"""

OTHER = """\
---
company: Globex
role: Data Engineer
date: 2026-11-10
status: waiting
interviewers:
  - name: Tanaka Misaki
---
"""


def test_free_text_loses_links_numbers_and_every_spelling_of_a_name(journal, tmp_path):
    journal.note("2026-11-18-acme.md", TRICKY)
    journal.note("2026-11-10-globex.md", OTHER)
    folder = tmp_path / "coach"
    result = journal.run("build", *TODAY, "--share", str(folder))
    assert result.exit_code == 0, result.output
    page = shared_text(folder)["interviews/notes/2026-11-18-acme-robotics-backend-engineer.html"]
    body = page[page.index("Your notes"):]
    assert "Interviewer A showed me the design doc on 19.11.2026" in page
    assert "Call Interviewer A on [phone] or [phone], not on 2026-11-19 10:00, about the" in body
    assert "roadmap, [link] and\n[link]; write to [email]. Interviewer A liked it" in body
    assert "[name], who is either of two, was there. [name] from another company" in body
    assert found_in({"page": page}, {"Jörg", "Großmann", "Weiß", "Sam", "Tanaka", "jorg"}) == []
    assert "Recruiter A" in page and "Person A" in shared_text(folder)["contacts.html"]


def test_the_copys_markdown_shows_a_link_as_its_text_alone():
    from followup_journal.theme import markdown_unlinked

    shown = markdown_unlinked("See [the doc](https://example.com/x) and <https://example.com>.")
    assert "<a" not in shown and "the doc" in shown


GREETINGS = """\
---
company: Initech
role: Backend Engineer
date: 2026-11-18 14:30
status: waiting
interviewers:
  - name: Margaret Thatcher
    greeting: Maggie
  - name: 李小龙
    greeting: 小龙
highlights:
  - Maggie asked about Kafka
---
Maggie and 小龙 met me; 小龙说你好.
"""


def test_a_greeting_that_is_no_part_of_the_name_is_hidden_too(journal, tmp_path):
    journal.note("2026-11-18-initech.md", GREETINGS)
    folder = tmp_path / "coach"
    result = journal.run("build", *TODAY, "--share", str(folder))
    assert result.exit_code == 0, result.output
    page = shared_text(folder)["interviews/notes/2026-11-18-initech-backend-engineer.html"]
    assert "Interviewer A asked about Kafka" in page
    assert "Interviewer A and Interviewer B met me; Interviewer B说你好." in page
    assert found_in(shared_text(folder), {"Maggie", "小龙"}) == []


STRANGERS = """\
---
company: Initech
role: Backend Engineer
date: 2026-11-02 10:00
stage: screen
status: rejected
decided: 2026-11-04
decided_by: Bob Jones
interviewers:
  - name: Mary Poppins
next_steps:
  said: soon
  owner: Carol Danvers
to_send:
  - what: my notes
    to: Dave Grohl
followups:
  - kind: check-in
    to: Erin Brockovich
    date: 2026-11-03
feedback:
  - given_by: Frank Ocean
    date: 2026-11-04
    said: ok
---
"""


def test_a_name_no_one_of_the_notes_has_is_hidden_where_a_person_goes(journal, tmp_path):
    journal.note("2026-11-02-initech.md", STRANGERS)
    folder = tmp_path / "coach"
    result = journal.run("build", *TODAY, "--share", str(folder))
    assert result.exit_code == 0, result.output
    text = shared_text(folder)
    assert "Send “my notes” to [name]" in text["checklist.html"]
    names = {"Bob", "Jones", "Carol", "Danvers", "Dave", "Grohl", "Erin", "Brockovich", "Frank",
             "Ocean"}
    assert found_in(text, names) == []


def test_a_name_written_against_chinese_or_japanese_text_is_hidden(journal, tmp_path):
    journal.note("2026-11-18-initech.md", GREETINGS.replace(
        "Maggie and 小龙 met me; 小龙说你好.",
        "Thatcherさんと話した。田中Margaret先生も。"))
    folder = tmp_path / "coach"
    result = journal.run("build", *TODAY, "--share", str(folder))
    assert result.exit_code == 0, result.output
    page = shared_text(folder)["interviews/notes/2026-11-18-initech-backend-engineer.html"]
    assert "Interviewer Aさんと話した。田中Interviewer A先生も。" in page
    assert found_in(shared_text(folder), {"Margaret", "Thatcher"}) == []
