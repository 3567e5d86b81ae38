"""`fj changes` and the dashboard's "Since" section: what changed in the search since a day, the
journal of now (uncommitted edits included) against its last commit on or before that day."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest
from conftest import LISBON, ScratchJournal, dedent, parse
from test_build import files_of

from followup_journal.changes import Kind, compare

TODAY = ["--today", "2026-11-25"]

SCREEN = """\
---
company: Acme Robotics
role: Backend Engineer
date: 2026-11-10
stage: screen
status: next-round
interviewers:
  - name: Jane Doe
    email: jane@example.com
followups:
  - kind: thank-you
    to: Jane Doe
    date: 2026-11-10
---
"""

BETA = """\
---
company: Beta
role: Data Engineer
date: 2026-11-12
stage: screen
status: waiting
interviewers:
  - name: Bob Roe
    email: bob@example.com
to_send:
  - what: the write-up
    to: Bob Roe
followups:
  - kind: thank-you
    to: Bob Roe
    date: 2026-11-12
---
"""

BETA_MOVED = (BETA.replace("status: waiting", "status: next-round")
              .replace("    to: Bob Roe\nfollowups:",
                       "    to: Bob Roe\n    sent: 2026-11-21\nfollowups:")
              .replace("    date: 2026-11-12\n---", "    date: 2026-11-12\n  - kind: check-in\n"
                       "    to: Bob Roe\n    date: 2026-11-21\n---"))

ONSITE = """\
---
company: Acme Robotics
role: Backend Engineer
date: 2026-11-18 14:30
stage: onsite
status: waiting
interviewers:
  - name: Jane Doe
---
"""


def git(root: Path, *args: str, when: str | None = None) -> str:
    dated = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when} if when else {}
    done = subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=root, check=True,
                          capture_output=True, text=True, env={**os.environ, **dated})
    return done.stdout


def commit(journal: ScratchJournal, when: str) -> None:
    git(journal.root, "add", "-A")
    git(journal.root, "commit", "-q", "-m", "Notes", when=when)


def age(root: Path) -> None:
    """Date the journal's files a minute back, so that a build trusts their stamps."""
    then = time.time() - 60
    for path in root.rglob("*"):
        if path.is_file() and ".git" not in path.parts:
            os.utime(path, (then, then))


@pytest.fixture
def repo(journal: ScratchJournal) -> ScratchJournal:
    """A journal in git: two applications committed on 18 November."""
    git(journal.root, "init", "-q")
    git(journal.root, "config", "user.name", "Ana Souza")
    git(journal.root, "config", "user.email", "ana@example.com")
    journal.write(".gitignore", "_site/\n")
    journal.note("2026-11-10-acme-screen.md", SCREEN)
    journal.note("2026-11-12-beta-screen.md", BETA)
    commit(journal, "2026-11-18T20:00:00+00:00")
    return journal


def edit_the_search(journal: ScratchJournal) -> None:
    """Beta moves on, with a check-in logged and the write-up sent (committed on the 22nd); a new
    round at Acme, not committed yet, whose thank-you is never sent."""
    journal.note("2026-11-12-beta-screen.md", BETA_MOVED)
    commit(journal, "2026-11-22T10:00:00+00:00")
    journal.note("2026-11-18-acme-onsite.md", ONSITE)


def test_changes_lists_the_new_round_the_status_move_the_follow_up_and_the_overdue(repo):
    edit_the_search(repo)

    result = repo.run("changes", "--since", "2026-11-19", *TODAY)

    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "against commit" in out and "of Wed 18 Nov 2026" in out
    assert "New rounds (1)\n  Wed 18 Nov  Acme Robotics, Backend Engineer: onsite (waiting)" in out
    assert "  Thu 12 Nov  Beta, Data Engineer: waiting → next-round\n" in out
    assert "  Wed 18 Nov  Acme Robotics, Backend Engineer: next-round → waiting\n" in out
    assert "Sat 21 Nov  Beta, Data Engineer: check-in to Bob Roe" in out
    assert "Sat 21 Nov  Beta, Data Engineer: sent: the write-up to Bob Roe" in out
    overdue = out[out.index("Became overdue"):]
    assert "Sat 21 Nov  Acme Robotics, Backend Engineer: Thank-you note to Jane Doe" in overdue
    assert "New applications" not in out  # Acme and Beta were both in the commit


def test_the_follow_ups_logged_and_the_things_sent_are_listed_by_day(repo):
    # found living with the tool: every thing sent came after every follow-up, out of date order
    sent_earlier = BETA_MOVED.replace("sent: 2026-11-21", "sent: 2026-11-20")
    repo.note("2026-11-12-beta-screen.md", sent_earlier)
    logged = repo.run("changes", "--since", "2026-11-19", *TODAY).stdout
    logged = logged[logged.index("Follow-ups logged"):]
    assert logged.index("Fri 20 Nov  Beta, Data Engineer: sent: the write-up") < logged.index(
        "Sat 21 Nov  Beta, Data Engineer: check-in to Bob Roe")


def test_changes_as_json(repo):
    edit_the_search(repo)

    result = repo.run("changes", "--since", "2026-11-19", *TODAY, "--json")

    report = json.loads(result.stdout)
    assert report["since"] == "2026-11-19" and report["as_of"] == "2026-11-25"
    assert report["committed"] == "2026-11-18" and report["history"] is None
    kinds = {(c["kind"], c["application"]) for c in report["changes"]}
    assert kinds == {("new round", "Acme Robotics, Backend Engineer"),
                     ("status", "Beta, Data Engineer"), ("follow-up", "Beta, Data Engineer"),
                     ("status", "Acme Robotics, Backend Engineer"),
                     ("sent", "Beta, Data Engineer"), ("overdue", "Beta, Data Engineer"),
                     ("overdue", "Acme Robotics, Backend Engineer")}
    moved = next(c for c in report["changes"] if c["kind"] == "status")
    assert (moved["before"], moved["after"]) == ("waiting", "next-round")
    assert moved["note"] == "notes/2026-11-12-beta-screen.md"


def test_since_a_day_before_the_first_commit_says_so_and_lists_the_notes_of_the_period(repo):
    result = repo.run("changes", "--since", "2026-11-11", *TODAY)

    assert result.exit_code == 0, result.output
    assert "no history to compare with (no commit on or before 2026-11-11)" in result.stdout
    assert "Notes dated in the period (1)\n  Thu 12 Nov  Beta, Data Engineer: screen" in (
        result.stdout)


def test_a_journal_not_in_git_says_so_and_still_lists_what_the_notes_tell(journal):
    journal.note("2026-11-18-acme-onsite.md", ONSITE)

    result = journal.run("changes", "--since", "2026-11-17", *TODAY)

    assert result.exit_code == 0, result.output
    assert "is not the top folder of a git repository" in result.stdout
    assert "Notes dated in the period (1)" in result.stdout
    assert "Became overdue (1)\n  Sat 21 Nov  Acme Robotics, Backend Engineer: Thank-you" in (
        result.stdout)


def test_a_repository_with_no_commit_yet_says_so(journal):
    git(journal.root, "init", "-q")
    journal.note("2026-11-18-acme-onsite.md", ONSITE)

    result = journal.run("changes", "--since", "2026-11-17", *TODAY)

    assert result.exit_code == 0, result.output
    assert "no history to compare with (the repository has no commit yet)" in result.stdout
    assert "Notes dated in the period (1)" in result.stdout


def test_a_note_with_errors_is_named_on_stderr_and_left_out(repo):
    repo.note("2026-11-20-broken.md", "---\ncompany: Gamma\nrole: [\n---\n")

    result = repo.run("changes", "--since", "2026-11-19", *TODAY)

    assert result.exit_code == 1
    assert "2026-11-20-broken.md:3:8: error: invalid YAML" in result.stderr
    assert "Left out: 1 note with errors" in result.stderr and "Gamma" not in result.stdout


def test_without_git_installed_it_says_so(repo, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))

    result = repo.run("changes", "--since", "2026-11-19", *TODAY)

    assert result.exit_code == 0, result.output
    assert "no history to compare with (git is not installed)" in result.stdout


def test_a_since_after_the_day_of_the_answer_is_a_usage_error(repo):
    result = repo.run("changes", "--since", "2026-11-26", *TODAY)

    assert result.exit_code == 2
    assert "--since 2026-11-26 is after the day of the answer, 2026-11-25" in result.stderr


def test_a_note_moved_or_a_follow_up_remarked_on_is_no_new_change(tmp_path):
    before = parse(SCREEN).note
    after = parse(SCREEN.replace("    date: 2026-11-10\n",
                                 "    date: 2026-11-10\n    note: She liked it\n")).note
    assert before is not None and after is not None
    moved = type(after)(Path("notes/renamed.md"), after.note, after.body, after.where)

    assert compare([before], [moved], LISBON) == []


def test_a_decision_is_told_apart_from_a_status_move():
    before = parse(SCREEN).note
    after = parse(SCREEN.replace("status: next-round", "status: offer")).note
    assert before is not None and after is not None

    found = compare([before], [after], LISBON)

    assert [(c.kind, c.what) for c in found] == [(Kind.DECISION, "next-round → offer")]


def dashboard_section(site: Path) -> str:
    page = (site / "index.html").read_text("utf-8")
    start = page.find('<section aria-labelledby="since-heading"')
    return page[start:page.find("</section>", start)] if start >= 0 else ""


def test_the_dashboard_says_what_changed_in_the_last_week_in_git_only(repo, journal):
    edit_the_search(repo)

    assert repo.run("build", *TODAY).exit_code == 0
    section = dashboard_section(repo.root / "_site")

    assert '<h2 id="since-heading">Since <time datetime="2026-11-18">Wed 18 Nov</time>' in section
    assert "Acme Robotics, Backend Engineer</a>: new round: onsite (waiting)" in section
    assert "Beta, Data Engineer</a>: waiting → next-round" in section
    assert "Beta, Data Engineer</a>: logged check-in to Bob Roe" in section
    assert "overdue" not in section  # the dashboard's own list shows those
    (repo.root / ".git").rename(repo.root / "git-moved-away")
    assert repo.run("build", *TODAY).exit_code == 0
    assert dashboard_section(repo.root / "_site") == ""


def test_a_rebuild_after_a_commit_is_what_a_build_without_cache_makes(repo, tmp_path):
    age(repo.root)
    assert repo.run("build", *TODAY).exit_code == 0
    edit_the_search(repo)
    age(repo.root)
    assert repo.run("build", *TODAY).exit_code == 0
    assert "new round" in dashboard_section(repo.root / "_site")
    # Committed as of a day before the week: the commit compared with is now the notes as they
    # are, though no file changed.
    commit(repo, "2026-11-17T09:00:00+00:00")

    rebuilt = repo.run("build", *TODAY)

    assert rebuilt.exit_code == 0, rebuilt.output
    fresh = repo.run("build", *TODAY, "--no-cache", "--out", str(tmp_path / "fresh"))
    assert fresh.exit_code == 0, fresh.output
    assert files_of(repo.root / "_site") == files_of(tmp_path / "fresh")
    assert "Nothing changed since the commit of" in dashboard_section(repo.root / "_site")


def test_the_notes_of_the_commit_are_read_by_the_parser_of_every_note(repo):
    repo.note("2026-11-12-beta-screen.md", dedent(BETA).replace("status: waiting", "status: x"))
    commit(repo, "2026-11-18T21:00:00+00:00")
    repo.note("2026-11-12-beta-screen.md", BETA)

    result = repo.run("changes", "--since", "2026-11-19", *TODAY)

    # Beta could not be read then: it is new since.
    assert "New applications (1)\n  Thu 12 Nov  Beta, Data Engineer: screen (waiting)" in (
        result.stdout)
