"""The commands as a user runs them: output, exit codes, and files on disk."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import GOOD_NOTE, LISBON, REPO, SAMPLE, parse, run_fj

from followup_journal import __version__
from followup_journal.config import load_config
from followup_journal.model import Status
from followup_journal.scan import scan_journal


def documented_problem_matcher() -> re.Pattern[str]:
    """The VS Code problem matcher that docs/format.md gives users for `fj check`."""
    doc = (REPO / "docs/format.md").read_text("utf-8")
    tasks = json.loads(doc.split("```json\n")[1].split("```")[0])
    return re.compile(tasks["tasks"][0]["problemMatcher"]["pattern"]["regexp"])


def test_version():
    result = run_fj("--version")
    assert result.exit_code == 0
    assert result.output == f"followup-journal, version {__version__}\n"


def test_python_dash_m_runs_the_same_tool():
    done = subprocess.run([sys.executable, "-m", "followup_journal", "--help"],
                          capture_output=True, text=True, check=True)
    assert done.stdout.startswith("Usage: python -m followup_journal [OPTIONS] COMMAND")


# check ------------------------------------------------------------------------------------------


def test_check_a_clean_journal(journal):
    journal.note("2026-11-18-acme-backend-engineer.md")
    result = journal.run("check")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "checked 1 note: no problems\n"


def test_a_file_name_with_a_line_break_stays_on_its_problems_line(journal, inside):
    # Found by an adversarial test: the line break split `path:line:col` over two lines.
    journal.note("bad\nname.md", GOOD_NOTE.replace("status: waiting", "status: wating"))
    journal.note("kept\x1b[2J.md", GOOD_NOTE.replace("status: waiting", "status: sent"))
    for command in ("check", "build"):
        result = run_fj(command, "journal")
        assert result.exit_code == 1
        lines = result.stdout.splitlines()
        assert [line.split(": error: ")[0] for line in lines] == [
            "journal/notes/bad\\nname.md:5:9", "journal/notes/kept\\x1b[2J.md:5:9"]
        assert all(documented_problem_matcher().match(line) for line in lines)
        assert "\x1b" not in result.output


def test_check_reports_every_problem_of_every_note_and_exits_1(journal):
    journal.note("a.md", GOOD_NOTE.replace("status: waiting", "status: wating"))
    journal.note("b.md", "# no front matter\n")
    journal.note("c.md")
    result = journal.run("check")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].endswith("notes/a.md:5:9: error: `status`: 'wating' is not one of scheduled, "
                             "waiting, next-round, offer, rejected, withdrawn, accepted, "
                             "declined (did you mean `waiting`?)")
    assert re.search(r"notes/b\.md:1:1: error: no front matter", lines[1])
    assert result.stderr == "checked 3 notes: 2 errors, 0 warnings\n"


def test_check_output_is_understood_by_editors(journal):
    journal.note("a.md", GOOD_NOTE.replace("status: waiting", "status: wating"))
    journal.note("b.md", GOOD_NOTE.replace("interviewers:", "interviewer:"))
    lines = journal.run("check").stdout.splitlines()
    matches = [documented_problem_matcher().match(line) for line in lines]
    assert [(m.group(2), m.group(3), m.group(4)) for m in matches] == [
        ("5", "9", "error"), ("6", "1", "warning")
    ]


def test_warnings_pass_unless_strict(journal):
    journal.note("a.md", GOOD_NOTE.replace("interviewers:", "interviewer:"))
    assert journal.run("check").exit_code == 0
    strict = journal.run("check", "--strict")
    assert strict.exit_code == 1
    assert "warning: unknown key `interviewer`" in strict.stdout


def test_check_skips_output_drafts_hidden_themes_and_excluded_files(journal):
    journal.note("a.md")
    for not_a_note in ["_site/index.md", "notes/a.drafts/thank-you-jane-doe.md",
                       ".git/notes.md", "notes/.#a.md", "themes/default/page.md", "README.md",
                       "node_modules/remark/readme.md"]:
        journal.write(not_a_note, "not a note\n")
    result = journal.run("check")
    assert (result.exit_code, result.stderr) == (0, "checked 1 note: no problems\n")


def test_check_accepts_the_config_file_as_the_journal(journal):
    journal.note("a.md")
    result = run_fj("check", str(journal.root / "journal.toml"))
    assert (result.exit_code, result.stderr) == (0, "checked 1 note: no problems\n")


EXCLUDED = {
    "archive": ["archive/a.md", "notes/archive/b.md"],
    "archive/": ["archive/a.md", "notes/archive/b.md"],
    "/archive": ["archive/a.md"],
    "notes/old/*": ["notes/old/c.md"],
    "*-draft.md": ["notes/x-draft.md", "notes/2026/y-draft.md"],
}


@pytest.mark.parametrize("pattern, skipped", EXCLUDED.items(), ids=EXCLUDED.keys())
def test_exclude_patterns_work_like_gitignore(journal, pattern, skipped):
    every = {"archive/a.md", "notes/archive/b.md", "notes/old/c.md", "notes/x-draft.md",
             "notes/2026/y-draft.md", "notes/kept.md"}
    journal.write("journal.toml", f'exclude = ["{pattern}"]\n')
    for relative in every:
        journal.note("../" + relative)
    config, _ = load_config(journal.root, lambda: LISBON)
    found = {p.relative_to(journal.root).as_posix() for p in scan_journal(config).notes}
    assert found == every - set(skipped)


def test_a_folder_that_cannot_be_listed_is_reported_not_skipped(journal, monkeypatch):
    journal.note("a.md")
    locked = journal.root / "notes" / "locked"
    locked.mkdir()
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = journal.run("check")
    assert result.exit_code == 1
    assert "notes/locked:1:1: error: cannot read this folder: Permission denied" in result.stdout


def test_check_finds_the_journal_from_a_folder_inside_it(journal, monkeypatch):
    journal.note("a.md")
    monkeypatch.chdir(journal.root / "notes")
    result = run_fj("check")
    assert (result.exit_code, result.stderr) == (0, "checked 1 note: no problems\n")


def test_check_of_a_folder_that_does_not_exist(inside):
    result = run_fj("check", "nowhere")
    assert (result.exit_code, result.stderr) == (2, "Error: no folder nowhere\n")


def test_check_outside_any_journal_is_a_usage_error(inside):
    result = run_fj("check")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: no journal.toml in ")
    assert "Traceback" not in result.output


def test_config_errors_fail_check_with_the_notes_still_checked(journal):
    journal.write("journal.toml", 'timezone = "Mars/Olympus"\n')
    journal.note("a.md", GOOD_NOTE.replace("status: waiting", "status: wating"))
    result = journal.run("check")
    assert result.exit_code == 1
    assert "journal.toml:1:1: error: unknown timezone 'Mars/Olympus'" in result.stdout
    assert "notes/a.md:5:9: error:" in result.stdout


def test_the_sample_journal_is_valid():
    result = run_fj("check", "--strict", str(SAMPLE), "--today", "2026-11-21")
    assert result.exit_code == 0, result.output
    count = len(list((SAMPLE / "notes").glob("*.md")))
    assert count >= 12
    assert result.stderr == f"checked {count} notes: no problems\n"


# init -------------------------------------------------------------------------------------------


def test_init_makes_a_journal_that_checks_clean(inside):
    result = run_fj("init", "search", "--name", "Ana Souza", "--today", "2026-11-21")
    assert result.exit_code == 0
    assert (inside / "search/.gitignore").read_text().count("/_site/") == 1
    assert 'name = "Ana Souza"' in (inside / "search/journal.toml").read_text()
    example = inside / "search/notes/2026-11-21-example-co-backend-engineer.md"
    assert f"created {example.relative_to(inside)}" in result.output
    assert "Next: cd search, then `fj new COMPANY --role ROLE`" in result.output
    check = run_fj("check", "--strict", "search")
    assert (check.exit_code, check.stderr) == (0, "checked 1 note: no problems\n")


def test_init_never_touches_an_existing_journal(inside):
    run_fj("init", "search", "--today", "2026-11-21")
    config = inside / "search/journal.toml"
    config.write_text("# mine\n", encoding="utf-8")
    result = run_fj("init", "search", "--today", "2026-11-22")
    assert result.exit_code == 1
    assert "already exists: not touching an existing journal" in result.stderr
    assert config.read_text() == "# mine\n"
    assert not (inside / "search/notes/2026-11-22-example-co-backend-engineer.md").exists()


def test_init_keeps_an_existing_gitignore_and_says_what_to_add(inside):
    (inside / ".gitignore").write_text("*.pdf\n", encoding="utf-8")
    result = run_fj("init", "--today", "2026-11-21")
    assert result.exit_code == 0
    assert (inside / ".gitignore").read_text() == "*.pdf\n"
    assert "add a line /_site/" in result.output


def test_init_where_a_file_is_in_the_way_writes_nothing(inside):
    (inside / "search").mkdir()
    (inside / "search/notes").write_text("a file\n", encoding="utf-8")
    result = run_fj("init", "search", "--today", "2026-11-21")
    assert result.exit_code == 1
    assert "a file is in the way" in result.stderr
    assert sorted(p.name for p in (inside / "search").iterdir()) == ["notes"]


def test_init_in_a_folder_with_other_files_keeps_them(inside):
    (inside / "cv.pdf").write_bytes(b"%PDF")
    assert run_fj("init", "--today", "2026-11-21").exit_code == 0
    assert (inside / "cv.pdf").read_bytes() == b"%PDF"
    assert (inside / "journal.toml").is_file()


# new --------------------------------------------------------------------------------------------


def test_new_writes_a_note_with_a_stable_name_and_prints_its_path(journal):
    result = run_fj("new", "Société Générale", "--role", "Data Engineer", "--date",
                    "2026-11-25 9:30", "--stage", "onsite", "--with", "Zoë Lefèvre", "--with",
                    "No", "-j", str(journal.root), "--today", "2026-11-21")
    assert result.exit_code == 0, result.output
    path = journal.root / "notes/2026-11-25-societe-generale-data-engineer-onsite.md"
    assert result.stdout.strip().endswith(str(path.relative_to(journal.root)))
    note = parse(path.read_bytes(), LISBON).note.note
    assert (note.company, note.role, note.status) == ("Société Générale", "Data Engineer",
                                                      Status.SCHEDULED)
    assert [person.name for person in note.interviewers] == ["Zoë Lefèvre", "No"]
    assert note.date.at.hour == 9
    assert journal.run("check", "--strict", "--today", "2026-11-21").exit_code == 0


def test_new_lists_in_its_status_comment_only_the_statuses_a_note_may_hold(journal):
    run_fj("new", "Acme", "--date", "2026-11-25", "-j", str(journal.root),
           "--today", "2026-11-21")
    text = (journal.root / "notes/2026-11-25-acme.md").read_text("utf-8")
    [line] = [line for line in text.splitlines() if line.startswith("status:")]
    assert line.endswith("# scheduled, waiting, next-round, offer, rejected, withdrawn, "
                         "accepted, declined")  # not `event`, which `fj check` refuses


def test_new_for_a_past_interview_is_waiting_and_defaults_to_today(journal, monkeypatch):
    monkeypatch.chdir(journal.root)
    result = run_fj("new", "Acme", "--role", "SRE", "--today", "2026-11-21")
    path = journal.root / "notes/2026-11-21-acme-sre.md"
    assert result.stdout == "notes/2026-11-21-acme-sre.md\n"
    assert parse(path.read_bytes()).note.note.status is Status.WAITING


def test_new_tells_scheduled_from_held_by_the_journals_day(journal):
    # 05:00 on the 19th in Tokyo is the evening of the 18th in Lisbon, the journal's timezone.
    result = run_fj("new", "Acme", "--role", "SRE", "--date", "2026-11-19 05:00 +09:00", "-j",
                    str(journal.root), "--today", "2026-11-18")
    path = journal.root / result.stdout.strip()
    assert parse(path.read_bytes(), LISBON).note.note.status is Status.WAITING


def test_new_never_overwrites_a_note(journal, monkeypatch):
    monkeypatch.chdir(journal.root)
    args = ["new", "Acme", "--role", "SRE", "--today", "2026-11-21"]
    run_fj(*args)
    path = journal.root / "notes/2026-11-21-acme-sre.md"
    path.write_text("my words\n", encoding="utf-8")
    result = run_fj(*args)
    assert result.exit_code == 1
    assert result.stderr == ("Error: notes/2026-11-21-acme-sre.md already exists: edit it, or "
                             "give another --date, --role or --stage\n")  # as it was printed
    assert path.read_text() == "my words\n"


def test_new_without_a_role_leaves_it_for_the_user_to_fill_in(journal):
    made = run_fj("new", "Acme", "-j", str(journal.root), "--today", "2026-11-21")
    assert "fill in its `role:` before you build" in made.stderr
    result = journal.run("check")
    assert result.exit_code == 1
    assert "notes/2026-11-21-acme.md:3:6: error: `role` is empty" in result.stdout


def test_new_with_a_company_name_without_letters_still_names_the_file(journal):
    result = run_fj("new", "!!!", "--role", "SRE", "-j", str(journal.root), "--today", "2026-11-21")
    assert result.stdout.strip().endswith("2026-11-21-interview-sre.md")


def test_new_names_a_note_in_any_script_so_that_build_can_use_it(journal):
    long_company = "株式会社星空ソフトウェア開発研究所東京本社技術部門第一開発グループ"
    long_role = "シニアサイトリライアビリティエンジニア" + "プラットフォームインフラ担当リーダー"
    for company, role, name in [
            # Not フルーホトル: the voiced marks of kana are no accents.
            ("ブルーボトル", "デザイナー", "2026-11-25-ブルーボトル-デザイナー.md"),
            ("हिन्दी कंपनी", "Engineer", "2026-11-25-हिन्दी-कंपनी-engineer.md"),
            (long_company, long_role, None)]:
        result = run_fj("new", company, "--role", role, "--date", "2026-11-25", "-j",
                        str(journal.root), "--today", "2026-11-21")
        assert result.exit_code == 0, result.output
        path = journal.root / result.stdout.strip()
        assert name is None or path.name == name
        assert len(path.name.encode()) <= 236
    assert journal.run("build", "--today", "2026-11-26").exit_code == 0


def test_new_with_a_blank_interviewer_name_is_a_usage_error(journal):
    result = run_fj("new", "Acme", "--with", "  ", "-j", str(journal.root))
    assert result.exit_code == 2
    assert "every --with name need some text" in result.stderr


def test_new_with_a_line_break_in_a_name_is_a_usage_error_not_a_note_fj_cannot_read(journal):
    result = run_fj("new", "Acme", "--with", "Jane\nBcc: x@example.com", "-j", str(journal.root))
    assert result.exit_code == 2
    assert "--with: a line break (\\n) in a one-line field" in result.stderr
    assert not (journal.root / "notes").exists()


def test_today_must_be_written_as_year_month_day(journal):
    result = run_fj("new", "Acme", "-j", str(journal.root), "--today", "20261121")
    assert result.exit_code == 2
    assert "'20261121' is not a date like 2026-11-21" in result.stderr


def test_new_with_an_unreadable_date_is_a_usage_error(journal):
    result = run_fj("new", "Acme", "--date", "tomorrow", "-j", str(journal.root))
    assert result.exit_code == 2
    assert "--date: 'tomorrow' is not a date" in result.stderr
    assert not (journal.root / "notes").exists()


def test_a_follow_up_to_someone_not_interviewed_is_warned_where_it_is_written(journal):
    journal.note("a.md", GOOD_NOTE.replace("status: waiting", "status: waiting\n"
                                           "followups: [{kind: thank-you, to: Jane, "
                                           "date: 2026-11-19}]"))
    result = journal.run("check")
    assert result.exit_code == 0
    assert result.stdout.endswith(
        "notes/a.md:6:31: warning: `followups[0].to`: 'Jane' is not the name of anyone in "
        "this application (`interviewers`, `people`), so it marks nothing done "
        "(did you mean `Jane Doe`?)\n"
    )


@pytest.mark.parametrize(("said", "meant"), [("Alex", "Alex Martin"), ("martin", "Alex Martin"),
                                             ("Alx Martin", "Alex Martin"), ("Bea", None),
                                             ("Alex Stone", "Alexa Stone")])
def test_a_follow_up_to_a_first_or_last_name_suggests_the_interviewer(journal, said, meant):
    people = "  - name: Alex Martin\n  - name: Alexa Stone\n"
    journal.note("a.md", GOOD_NOTE.replace("  - name: Jane Doe\n    email: jane@example.com\n",
                                           people).replace(
        "status: waiting", f"status: waiting\nfollowups: [{{kind: thank-you, to: {said}, "
        "date: 2026-11-19}]"))
    out = journal.run("check").stdout
    assert "so it marks nothing done" in out
    assert (f"(did you mean `{meant}`?)" in out) if meant else "did you mean" not in out


def test_new_with_edit_opens_the_note_in_the_users_editor(journal, tmp_path, monkeypatch):
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\necho "## Written in my editor" >> "$1"\n')
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    result = run_fj("new", "Acme", "--role", "SRE", "--edit", "-j", str(journal.root),
                    "--today", "2026-11-21")
    assert result.exit_code == 0, result.output
    note = journal.root / "notes/2026-11-21-acme-sre.md"
    assert note.read_text().endswith("## Written in my editor\n")


def test_a_system_error_names_its_file_on_one_line_in_every_command():
    from followup_journal.errors import FjError
    from followup_journal.problems import failure

    said = failure(OSError(28, "No space left on device", "/j/_site/a\nb\x1b[2J.html"))
    assert "\n" not in said and "\x1b" not in said
    assert said.startswith("No space left on device: /j/_site/a")
    assert failure(FjError("the config has errors")) == "the config has errors"
