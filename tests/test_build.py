"""`fj build`: a report that is deterministic, safe with hostile notes, and careful with files."""

from __future__ import annotations

import html
import io
import os
import re
import shutil
import urllib.parse
from pathlib import Path

import pytest
from conftest import GOOD_NOTE, REPO, SAMPLE, run_fj

from followup_journal import writer
from followup_journal.writer import MANIFEST

TODAY = ["--today", "2026-11-19"]


def files_of(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def build(journal, *args):
    return journal.run("build", *TODAY, *args)


def test_build_writes_the_pages_and_a_summary(journal):
    journal.note("2026-11-18-acme.md")
    result = build(journal)
    assert result.exit_code == 0, result.output
    site = journal.root / "_site"
    assert {"index.html", "timeline.html", "checklist.html", "contacts.html", "lessons.html",
            "style.css", "copy.js", "applications/acme-robotics-backend-engineer.html",
            "interviews/notes/2026-11-18-acme.html"} <= set(files_of(site))
    assert re.fullmatch(r"read 1 note, wrote 11 of 11 files and 2 drafts, 1 item due, 0 errors: "
                        r"\S+_site \(\d+\.\d\d s\)\n", result.stderr)


def test_the_summary_counts_what_the_dashboard_says_is_due_now(journal):
    # found living with the tool over a simulated search: the day of an interview, the build
    # said "2 items due" while the dashboard and `fj agenda` said nothing was due yet
    journal.note("2026-11-18-acme.md")
    result = journal.run("build", "--today", "2026-11-18")
    assert ", 0 items due, " in result.stderr
    dashboard = (journal.root / "_site/index.html").read_text()
    assert '<span class="count">0</span> due now' in dashboard
    assert '<span class="count">0</span> overdue' in dashboard


def test_every_link_in_the_report_leads_to_one_of_its_pages(journal):
    names = ["c#-dev.md", "why?.md", "100%.md", "two words.md", "café/société.md", "a&b.md"]
    for number, name in enumerate(names):
        journal.note(name, GOOD_NOTE.replace("Acme Robotics", f"Company {number}"))
    assert build(journal).exit_code == 0
    site = journal.root / "_site"
    checked = 0
    for page in site.rglob("*.html"):
        for href in re.findall(r'href="([^"]*)"', page.read_text("utf-8")):
            target = urllib.parse.urlsplit(html.unescape(href))
            if target.scheme or not target.path:  # mailto:, https:, or a place in the page
                continue
            assert (page.parent / urllib.parse.unquote(target.path)).resolve().is_file(), (
                f"{page.relative_to(site)}: {href}")
            checked += 1
    assert checked > 50


def test_building_twice_gives_the_same_bytes_and_rewrites_nothing(journal, tmp_path):
    journal.note("a.md")
    build(journal)
    first = files_of(journal.root / "_site")
    mtimes = {p: p.stat().st_mtime_ns for p in (journal.root / "_site").rglob("*")}
    again = build(journal)
    assert files_of(journal.root / "_site") == first
    assert {p: p.stat().st_mtime_ns for p in (journal.root / "_site").rglob("*")} == mtimes
    assert "wrote 0 of 11 files and 0 drafts" in again.stderr


def test_a_journal_named_by_a_relative_path_gets_the_same_report(journal, monkeypatch):
    journal.note("2026-11-18-acme.md")
    journal.note("2026/2026-11-19-beta.md", GOOD_NOTE.replace("Acme Robotics", "Beta"))
    build(journal)
    by_full_path = files_of(journal.root / "_site")
    assert "interviews/notes/2026/2026-11-19-beta.html" in by_full_path
    for here, named in ((journal.root / "notes", ".."), (journal.root, ".")):
        shutil.rmtree(journal.root / "_site")
        monkeypatch.chdir(here)
        assert run_fj("build", *TODAY, named).exit_code == 0
        assert files_of(journal.root / "_site") == by_full_path, named


def test_the_pages_of_a_deleted_note_are_removed(journal):
    journal.note("a.md")
    second = journal.note("b.md", GOOD_NOTE.replace("Acme Robotics", "Beta"))
    build(journal)
    assert (journal.root / "_site/interviews/notes/b.html").exists()
    second.unlink()
    build(journal)
    assert not (journal.root / "_site/interviews/notes/b.html").exists()
    assert not (journal.root / "_site/applications/beta-backend-engineer.html").exists()
    assert (journal.root / "_site/interviews/notes/a.html").exists()


def test_files_the_tool_did_not_make_are_never_replaced_or_removed(journal):
    journal.note("a.md")
    mine = journal.write("_site/index.html", "my own page\n")
    keep = journal.write("_site/photo.txt", "mine\n")
    result = build(journal)
    assert result.exit_code == 1
    assert "was not made by followup-journal" in result.stderr
    assert mine.read_text() == "my own page\n"
    mine.unlink()
    build(journal)
    build(journal)
    assert keep.read_text() == "mine\n"


def test_a_tampered_manifest_cannot_make_the_tool_delete_notes(journal):
    note = journal.note("a.md")
    build(journal)
    manifest = journal.root / "_site" / MANIFEST
    manifest.write_text(manifest.read_text() + "../notes/a.md\n/etc/hostname\n")
    build(journal)
    assert note.exists()


def test_an_output_folder_that_holds_the_journal_is_refused(journal):
    journal.note("a.md")
    for out in [journal.root, journal.root.parent]:
        result = build(journal, "--out", str(out))
        assert result.exit_code == 1
        assert "it holds the journal itself" in result.stderr
    assert sorted(p.name for p in journal.root.iterdir()) == ["journal.toml", "notes"]


def test_a_config_with_errors_builds_and_writes_nothing(journal):
    journal.write("journal.toml", '[me]\nname = "Ana Souza"\n')
    journal.note("a.md")
    assert build(journal).exit_code == 0
    before = files_of(journal.root)
    for broken in ['[me]\nname = "Ana Souza\n', '[me]\nname = 7\n', 'output = "/tmp"\n']:
        journal.write("journal.toml", broken)
        before["journal.toml"] = broken.encode()

        result = build(journal)

        assert result.exit_code == 1
        assert "journal.toml:2:" in result.stdout or "journal.toml:1:" in result.stdout
        assert "Error: fix the errors in journal.toml first; nothing was written" in result.stderr
        assert files_of(journal.root) == before  # drafts not signed "[[your name]]", no report


def test_an_output_folder_with_notes_or_in_the_themes_git_or_drafts_is_refused(journal):
    journal.note("a.md")
    (journal.root / ".git").mkdir()
    for out in ["notes", "themes/x", ".git", ".git/site", "notes/a.drafts", "notes/a.drafts/x"]:
        result = build(journal, "--out", str(journal.root / out))
        assert result.exit_code == 1
        assert "the report cannot go in" in result.stderr, out
    assert not (journal.root / "themes").exists()
    assert list((journal.root / ".git").iterdir()) == []
    assert not (journal.root / "notes/a.drafts").exists()


def test_a_folder_named_like_drafts_outside_the_journal_is_no_drafts_folder(journal, tmp_path):
    journal.note("a.md")
    out = tmp_path / "exports.drafts" / "site"
    assert build(journal, "--out", str(out)).exit_code == 0
    assert (out / "index.html").is_file()


def test_an_output_folder_a_note_links_into_is_refused(journal, tmp_path):
    out = tmp_path / "report"
    out.mkdir()
    kept_there = out / "a.md"
    kept_there.write_text(GOOD_NOTE, "utf-8")
    (journal.root / "notes").mkdir()
    (journal.root / "notes/a.md").symlink_to(kept_there)

    result = build(journal, "--out", str(out))

    assert result.exit_code == 1
    assert "it holds notes" in result.stderr


def test_a_symbolic_link_in_the_output_cannot_lead_writes_or_deletions_out(journal, tmp_path):
    journal.note("a.md")
    build(journal)
    elsewhere = tmp_path / "my-documents"
    elsewhere.mkdir()
    essay = elsewhere / "a.html"
    essay.write_text("my essay\n")
    pages = journal.root / "_site" / "interviews"
    shutil.rmtree(pages)
    pages.symlink_to(elsewhere)
    result = build(journal)
    assert result.exit_code == 1
    assert "leads outside" in result.stderr
    assert essay.read_text() == "my essay\n"
    assert sorted(p.name for p in elsewhere.iterdir()) == ["a.html"]


def test_a_note_cannot_take_the_name_of_a_report_page(journal):
    journal.note("a.md")
    journal.write("index.md", GOOD_NOTE.replace("Acme Robotics", "Index Co"))
    assert build(journal).exit_code == 0
    assert "<h1>Today," in (journal.root / "_site/index.html").read_text()
    assert (journal.root / "_site/interviews/index.html").exists()


def test_a_build_cut_short_can_be_run_again(journal, monkeypatch):

    journal.note("a.md")
    build(journal)
    journal.note("b.md", GOOD_NOTE.replace("Acme Robotics", "Beta"))
    real_write, real_write_new = writer.atomic_write, writer.write_new

    def disk_full(path, data, durable=True):
        if path.name == "b.html":
            raise OSError(28, "No space left on device", str(path))
        real_write(path, data, durable)

    def disk_full_new(path, data):
        if path.name == "b.html":
            path.write_bytes(b"half of it")  # as a killed build leaves a new page
            raise OSError(28, "No space left on device", str(path))
        return real_write_new(path, data)

    monkeypatch.setattr(writer, "atomic_write", disk_full)
    monkeypatch.setattr(writer, "write_new", disk_full_new)
    assert build(journal).exit_code == 1
    monkeypatch.setattr(writer, "atomic_write", real_write)
    monkeypatch.setattr(writer, "write_new", real_write_new)
    again = build(journal)
    assert again.exit_code == 0, again.output
    assert b"Beta" in (journal.root / "_site/interviews/notes/b.html").read_bytes()


@pytest.mark.parametrize("full", ["page", "draft"])
def test_a_full_disk_names_the_file_it_could_not_write(journal, monkeypatch, full):
    journal.note("a.md")
    real_fdopen = os.fdopen

    class FullDisk(io.BytesIO):
        def write(self, data):  # as the system says it: errno 28, and no file named
            raise OSError(28, "No space left on device")

    def fdopen(handle, mode="r", *args, **options):
        file = real_fdopen(handle, mode, *args, **options)
        name = str(Path(f"/proc/self/fd/{handle}").readlink())
        if "w" in mode and (".drafts/" in name) == (full == "draft"):
            file.close()
            return FullDisk()
        return file

    monkeypatch.setattr(os, "fdopen", fdopen)
    result = build(journal)

    assert result.exit_code == 1
    if full == "page":
        assert re.search(r"Error: No space left on device: \S+/_site/\S+\n", result.stderr)
    else:
        assert "notes/a.drafts:1:1: error: cannot write drafts here: No space left on device" \
            in result.stdout
    monkeypatch.undo()
    assert [p for p in journal.root.rglob("*.tmp")] == []


def test_the_temporary_files_of_a_build_killed_mid_write_are_cleared(journal):
    journal.note("a.md")
    build(journal)
    leftovers = [journal.write("_site/.index.html.fj-k2j4x9q1.tmp", "<p>half"),
                 journal.write("_site/interviews/notes/.a.html.fj-0s8d7f6g.tmp", "<p>half")]
    mine = journal.write("_site/.my-notes.tmp", "mine\n")
    journal.note("a.md", GOOD_NOTE.replace("It went well.", "It went very well."))

    assert build(journal).exit_code == 0

    assert not any(path.exists() for path in leftovers)
    assert mine.read_text() == "mine\n"


def test_the_temporary_drafts_of_a_build_killed_mid_write_are_cleared(journal):
    journal.note("a.md")
    build(journal)
    drafts = journal.root / "notes/a.drafts"
    before = files_of(drafts)
    leftovers = [journal.write("notes/a.drafts/.thank-you-jane-doe.md.fj-a1b2c3d4.tmp", ""),
                 journal.write("notes/a.drafts/..followup-journal-drafts.fj-zz9y8x7w.tmp", "")]
    mine = {".my-notes.tmp": b"mine\n", ".linkedin.20261118.tmp": b"my old version\n",
            ".reply.md.original.tmp": b"keep\n", ".notes.txt.fj-a1b2c3d4.tmp": b"keep\n"}
    for name, data in mine.items():
        (drafts / name).write_bytes(data)

    assert build(journal).exit_code == 0

    assert not any(path.exists() for path in leftovers)
    assert files_of(drafts) == {**before, **mine}
    assert "wrote 0 of" in build(journal).stderr  # and the next build has nothing to do


def test_a_build_waits_for_another_build_of_the_journal_to_finish(journal):
    import subprocess
    import sys

    from followup_journal.lock import journal_lock

    journal.note("a.md")
    with journal_lock(journal.root):  # as a build in another terminal, or `fj serve`, holds it
        waiting = subprocess.Popen([sys.executable, "-m", "followup_journal", "build", *TODAY,
                                    str(journal.root)], stderr=subprocess.PIPE, text=True)
        assert waiting.stderr is not None
        said = waiting.stderr.readline()
        assert said == "Waiting for another build of this journal to finish...\n"
        assert waiting.poll() is None
        assert not (journal.root / "_site").exists()
        assert not (journal.root / "notes/a.drafts").exists()
    rest = waiting.communicate(timeout=60)[1]
    assert waiting.returncode == 0, rest
    assert (journal.root / "notes/a.drafts/thank-you-jane-doe.md").exists()


def test_a_note_whose_file_name_is_not_utf8_is_reported_and_the_others_built(journal):
    journal.note("good.md")
    (journal.root / os.fsdecode(b"notes/caf\xe9.md")).write_text(GOOD_NOTE, "utf-8")  # Latin-1

    result = build(journal)

    assert result.exit_code == 1
    assert "notes/caf\ufffd.md:1:1: error: this file name is not valid UTF-8" in result.stdout
    assert (journal.root / "_site/interviews/notes/good.html").exists()


def test_a_note_name_too_long_for_its_pages_is_reported_and_the_others_built(journal):
    journal.note("good.md")
    too_long = "の" * 78 + ".md"  # 237 bytes: some 80 characters of Japanese
    journal.note(too_long)
    journal.note("x" * 233 + ".md")  # 236 bytes: its page's temporary file takes 255
    journal.write(f"notes/{too_long[:-3]}.drafts/thank-you-jane-doe.md", "Dear Jane,\n")

    result = build(journal)

    assert result.exit_code == 1
    [problem] = result.stdout.splitlines()
    assert problem.endswith(
        f"notes/{too_long}:1:1: error: this file name is 237 bytes long, too long for the names "
        "made from it: rename it (at most 236 bytes); the note is left out until then")
    assert "a note that is gone" not in result.stderr  # it is there, to be renamed
    assert (journal.root / "_site/interviews/notes/good.html").exists()
    assert (journal.root / "_site/interviews/notes" / ("x" * 233 + ".html")).exists()


def test_an_interview_written_in_another_timezone_is_judged_by_the_journals_day(journal):
    # 18:00 in San Francisco on the 12th is 11:00 in Tokyo on the 13th.
    journal.write("journal.toml", 'timezone = "Asia/Tokyo"\n\n[me]\nname = "Ana Souza"\n')
    journal.note("a.md", GOOD_NOTE.replace("2026-11-18 14:30", "2026-11-12 18:00-08:00")
                 .replace("status: waiting", "status: scheduled"))
    for today in ("2026-11-12", "2026-11-13"):
        result = journal.run("build", "--today", today)
        assert "has passed" not in result.stdout, today  # not yet, in Tokyo
        index = (journal.root / "_site/index.html").read_text("utf-8")
        upcoming = index.split('id="interviews-heading"')[1].split("</section>")[0]
        assert "Acme Robotics" in upcoming, today
        held = "0" if today == "2026-11-12" else "1"  # on the day: held, and still upcoming
        assert f"<dt>interview{'s' if held == '0' else ''} held</dt><dd>{held}</dd>" in index
        contacts = (journal.root / "_site/contacts.html").read_text("utf-8")
        assert ("Jane Doe" in contacts) == (held == "1")  # met once the interview is held
        assert ('class="date"><time datetime="2026-11-13">' in contacts) == (held == "1")
    assert "has passed" in journal.run("check", "--today", "2026-11-14").stdout


def test_a_broken_note_is_reported_and_the_others_still_built(journal):
    journal.note("good.md")
    journal.note("bad.md", GOOD_NOTE.replace("status: waiting", "status: wating"))
    result = build(journal)
    assert result.exit_code == 1
    assert "notes/bad.md:5:9: error: `status`" in result.stdout
    index = (journal.root / "_site/index.html").read_text()
    assert "Notes that could not be read" in index
    assert "notes/bad.md" in index and "line 5, column 9" in index
    assert (journal.root / "_site/interviews/notes/good.html").exists()
    assert not (journal.root / "_site/interviews/notes/bad.html").exists()


HOSTILE = GOOD_NOTE.replace("It went well.", """\
<script>alert("body")</script>
[click me](javascript:alert('link'))
<img src=x onerror="alert('img')">
![tracking pixel](https://tracker.example/p.png)
""").replace("Their move of billing", "<script>alert('highlight')</script> Their move")


THEME_SCRIPTS = re.findall(r"<script>[^<]*</script>",
                           (REPO / "themes/default/timeline.html").read_text())


def test_a_note_cannot_put_script_into_the_report(journal):
    journal.note("a.md", HOSTILE)
    assert build(journal).exit_code == 0
    for name, data in files_of(journal.root / "_site").items():
        html = data.decode()
        # The only scripts are the theme's own: the copy button, from a file, and the lines
        # that open the timeline at today; never anything from a note.
        scripts = re.findall(r"<script[^>]*>[^<]*</script>", html)
        root = "../" * name.count("/")
        assert set(scripts) <= {f'<script src="{root}copy.js" defer></script>',
                                *THEME_SCRIPTS}, name
        assert not re.search(r"""href=["']?javascript:""", html, re.IGNORECASE), name
        assert "<img" not in html, name  # not even Markdown images: the report stays offline
    page = (journal.root / "_site/interviews/notes/a.html").read_text()
    assert "&lt;script&gt;alert(&#39;highlight&#39;)&lt;/script&gt;" in page
    assert "&lt;script&gt;alert(&quot;body&quot;)&lt;/script&gt;" in page


def test_a_journal_template_overrides_the_default_and_can_extend_it(journal):
    journal.note("a.md")
    journal.write("themes/base.html", """\
        {% extends "default/base.html" %}
        {% block footer %}<p>Ana's search</p>{{ super() }}{% endblock %}
    """)
    build(journal)
    index = (journal.root / "_site/index.html").read_text()
    assert "<p>Ana's search</p>  <p>As of Thursday 19 November 2026." in index
    assert '<nav aria-label="Report">' in index


def test_a_broken_template_is_reported_with_its_line(journal):
    journal.note("a.md")
    journal.write("themes/index.html", "{% extends 'base.html' %}\n{% block main %}{% if %}\n")
    result = build(journal)
    assert result.exit_code == 1
    assert re.search(r"Error: \S*themes/index\.html:2: ", result.stderr)


def test_a_template_failing_as_it_renders_is_reported_with_its_line(journal, monkeypatch):
    monkeypatch.chdir(journal.root)
    journal.note("a.md")
    for line, error in [("{{ site.nope.title() }}", "has no attribute 'nope'"),
                        ("{{ 1 // 0 }}", "division or modulo by zero (ZeroDivisionError)")]:
        journal.write("themes/index.html",
                      f"{{% extends 'default/index.html' %}}\n{{% block main %}}\n{line}\n"
                      "{% endblock %}\n")
        result = build(journal)
        assert result.exit_code == 1
        assert re.search(rf"^Error: themes/index\.html:3: .*{re.escape(error)}$",
                         result.stderr, re.MULTILINE), result.stderr
        assert "Traceback" not in result.stderr
    # A draft's template is used as a module, whose errors Jinja does not map to its lines.
    journal.write("themes/drafts/thank-you.md.j2", "{% set subject = 'Thanks' %}\n\n"
                  "Dear {{ person.nmae }},\n")
    result = build(journal)
    assert result.stderr.startswith("Error: themes/drafts/thank-you.md.j2:3: "), result.stderr


def test_a_template_that_names_one_missing_is_reported_at_that_line(journal, monkeypatch):
    monkeypatch.chdir(journal.root)
    journal.note("a.md")
    for line in ['{% include "sidebar.html" %}', '{% from "_macroz.html" import x %}{{ x() }}']:
        journal.write("themes/lessons.html", f"{{% extends 'default/lessons.html' %}}\n{line}\n")
        result = build(journal)
        assert result.exit_code == 1
        name = re.search(r'"(.+?)"', line).group(1)
        assert result.stderr == (f"Error: themes/lessons.html:2: there is no template '{name}', "
                                 "in themes/ or in the default theme\n")


def test_a_theme_keeps_parts_of_any_list_of_applications_and_only_of_those(journal):
    journal.note("a.md")
    journal.note("b.md", GOOD_NOTE.replace("Acme Robotics", "Beta Labs"))
    journal.write("themes/checklist.html", """\
        {% for run in site.runs(site.applications|reverse) %}{% cache page, run.key %}
        {% for application in run %}<p>{{ application.company }}</p>{% endfor %}
        {% endcache %}{% endfor %}
    """)
    assert build(journal).exit_code == 0
    page = (journal.root / "_site/checklist.html").read_text()
    assert re.findall("<p>(.*?)</p>", page) == ["Beta Labs", "Acme Robotics"]

    for mixed in ("['Acme']", "[site.applications[0], 'Acme']"):
        journal.write("themes/checklist.html", f"{{% for r in site.runs({mixed}) %}}{{% endfor %}}")
        result = build(journal)

        assert result.exit_code == 1
        assert "site.runs takes a list of applications, items, lanes, people or lessons" in (
            result.stderr)


def test_a_theme_replacing_the_list_of_to_dos_changes_it_on_every_page_that_shows_one(journal):
    journal.note("2026-11-18-acme.md")
    journal.write("themes/_item_list.html", """\
        {% for item in items %}<p class="mine">{{ item.what }}{% if show_application %}
        at {{ site.application_of(item.application).company }}{% endif %}</p>{% endfor %}
    """)
    assert build(journal).exit_code == 0
    dashboard = (journal.root / "_site/index.html").read_text()
    interview = (journal.root / "_site/interviews/notes/2026-11-18-acme.html").read_text()
    assert re.search(r'<p class="mine">[^<]+at Acme Robotics</p>', dashboard)
    assert re.search(r'<p class="mine">[^<]+</p>', interview)
    assert "at Acme Robotics</p>" not in interview  # the interview's own page: no company
    assert 'class="items"' not in dashboard + interview


def test_the_report_loads_nothing_from_the_network(tmp_path):
    # The sample's own day: its drafts, written in place, are the committed ones
    result = run_fj("build", str(SAMPLE), "--out", str(tmp_path / "site"), "--today", "2026-11-21")
    assert result.exit_code == 0
    for name, data in files_of(tmp_path / "site").items():
        text = data.decode()
        # Every src= and stylesheet is a relative file; links out are plain <a href>.
        assert not re.search(r"""(src|@import|url\()\s*=?\s*["']?(https?:)?//""", text), name
        assert not re.search(r"""<link[^>]+href=["']?(https?:)?//""", text), name


# agenda -----------------------------------------------------------------------------------------


def test_agenda_lists_overdue_today_and_this_week_in_plain_text(journal):
    journal.note("a.md", GOOD_NOTE.replace("status: waiting", "status: waiting\n"
                                           "next_steps: {by: 2026-11-22}"))
    result = journal.run("agenda", "--today", "2026-11-21")
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout  # not a terminal: no colour
    assert result.stdout.splitlines()[:6] == [
        "Overdue (1)",
        "  1. Thu 19 Nov  Thank-you note to Jane Doe  · Acme Robotics, Backend Engineer",
        "Due now (2)",
        "  2. since Fri 20 Nov  Connect with Jane Doe on LinkedIn  · Acme Robotics, "
        "Backend Engineer",
        "  3. Sat 21 Nov  Follow Acme Robotics on LinkedIn (or their blog)  · Acme Robotics, "
        "Backend Engineer",
        "This week (1)",
    ]
    assert "  4. Mon 23 Nov  Check in on next steps (to Jane Doe)  · Acme Robotics, Backend " \
        "Engineer" in result.stdout


def test_agenda_refuses_a_config_with_errors_rather_than_answer_with_defaults(journal):
    journal.note("a.md")
    journal.write("journal.toml", 'timezone = "Europe/Lisbo"\n')
    result = journal.run("agenda", "--today", "2026-11-21")
    assert result.exit_code == 1
    assert result.stdout == ""  # no agenda in a timezone the user did not choose
    assert "journal.toml:1:1: error: unknown timezone 'Europe/Lisbo'" in result.stderr
    assert "Error: fix the errors in journal.toml first; the agenda depends on it" in result.stderr


def test_agenda_says_what_in_the_config_it_could_not_use(journal):
    journal.note("a.md")
    journal.write("journal.toml", '[me]\ntimezone = "Asia/Tokyo"\n[rules.thank-you]\n'
                                  'late_after = "36h"\n')
    result = journal.run("agenda", "--today", "2026-11-21")
    assert result.exit_code == 0
    assert "unknown key `timezone` in [me]" in result.stderr  # the agenda is not in Tokyo time
    assert "unknown key `late_after` in [rules.thank-you]" in result.stderr
    assert "no `name` in [me]" not in result.stderr  # only the drafts need it: for check, build


def test_agenda_in_colour_on_a_terminal_unless_no_color(journal, monkeypatch):
    from click.testing import CliRunner

    from followup_journal.cli import cli

    journal.note("a.md")
    args = ["agenda", str(journal.root), "--today", "2026-11-21"]
    coloured = CliRunner().invoke(cli, args, color=True)  # as if stdout were a terminal
    assert "\x1b[31m\x1b[1mOverdue (1)" in coloured.stdout
    monkeypatch.setenv("NO_COLOR", "1")
    plain = CliRunner().invoke(cli, args, color=True)
    assert "\x1b[" not in plain.stdout
    assert plain.stdout.startswith("Overdue (1)\n")


def test_build_strict_fails_on_warnings_but_still_builds(journal):
    journal.note("a.md", GOOD_NOTE.replace("interviewers:", "interviewer:"))
    assert build(journal).exit_code == 0
    strict = build(journal, "--strict")
    assert strict.exit_code == 1
    assert (journal.root / "_site/index.html").exists()


def test_agenda_as_json_for_scripts(journal):
    import json

    journal.note("a.md")
    data = json.loads(journal.run("agenda", "--json", "--today", "2026-11-21").stdout)
    assert set(data) == {"as_of", "overdue", "due_today", "this_week", "upcoming_interviews",
                         "warnings", "left_out", "no_answer", "search_over", "lapsed"}
    assert data["as_of"] == "2026-11-21"
    assert [item["what"] for item in data["overdue"]] == ["Thank-you note to Jane Doe"]
    assert data["overdue"][0]["due"] == "2026-11-19"
    assert data["due_today"][0]["rule"] == "linkedin"
    assert [data["overdue"][0]["number"], data["due_today"][0]["number"]] == [1, 2]


NUDGED = GOOD_NOTE.replace("status: waiting", """status: waiting
next_steps: {by: 2026-11-20}
followups:
  - {kind: check-in, date: 2026-11-23}
  - {kind: nudge, date: 2026-11-30}""")


def test_agenda_lists_the_applications_with_no_answer(journal):
    import json

    journal.note("a.md", NUDGED)
    journal.note("b.md", GOOD_NOTE.replace("Acme Robotics", "Brisa"))
    data = json.loads(journal.run("agenda", "--json", "--today", "2026-12-07").stdout)
    assert data["no_answer"] == [{"application": "Acme Robotics, Backend Engineer",
                                  "since": "2026-11-30"}]
    text = journal.run("agenda", "--today", "2026-12-07").stdout.splitlines()
    start = text.index("No answer (1)")
    assert text[start + 1] == ("  Acme Robotics, Backend Engineer: no answer since Mon 30 Nov; "
                               "their date passed 17 days ago")
    assert "No answer" not in journal.run("agenda", "--today", "2026-12-06").stdout


def test_agenda_never_prints_terminal_control_characters_from_notes(journal):
    journal.note("a.md", GOOD_NOTE.replace("company: Acme Robotics",
                                           'company: "Acme\\e]8;;https://evil.example\\aRobotics"'))
    out = journal.run("agenda", "--today", "2026-11-21").stdout
    assert "\x1b" not in out and "\x07" not in out
    checked = journal.run("check").stdout  # such a company is not read at all
    assert "`company`: a control character (\\x1b) in a one-line field" in checked


def test_agenda_json_names_notes_by_their_path_in_the_journal(journal, monkeypatch):
    import json

    journal.note("a.md")
    monkeypatch.chdir(journal.root / "notes")
    from conftest import run_fj as run
    data = json.loads(run("agenda", "--json", "--today", "2026-11-21").stdout)
    assert data["overdue"][0]["note"] == "notes/a.md"


def test_a_page_written_in_pieces_is_replaced_only_when_it_changed(tmp_path):
    from followup_journal.writer import write_page

    page = tmp_path / "index.html"
    assert write_page(tmp_path, "index.html", [b"<p>", b"one</p>"])
    os.utime(page, (1_000_000_000, 1_000_000_000))

    assert not write_page(tmp_path, "index.html", iter([b"<p>one", b"</p>"]))
    assert page.stat().st_mtime == 1_000_000_000
    assert write_page(tmp_path, "index.html", [b"<p>one</p>", b"<p>two</p>"])
    assert page.read_bytes() == b"<p>one</p><p>two</p>"
    assert [p.name for p in tmp_path.iterdir()] == ["index.html"]  # no temporary file left


def test_a_theme_showing_times_gets_each_ones_own_day():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from followup_journal.theme import shortdate, timetag

    new_york = datetime(2026, 11, 19, 23, 30, tzinfo=ZoneInfo("America/New_York"))
    lisbon = new_york.astimezone(ZoneInfo("Europe/Lisbon"))  # the same instant, the next day
    assert [shortdate(new_york), shortdate(lisbon)] == ["Thu 19 Nov", "Fri 20 Nov"]
    assert timetag(lisbon) == '<time datetime="2026-11-20T04:30:00+00:00">Fri 20 Nov</time>'


def test_the_timeline_lists_a_days_marks_in_the_order_they_happened(journal):
    journal.note("a.md", GOOD_NOTE.replace("2026-11-18 14:30", "2026-11-18 10:00").replace(
        "status: waiting", "status: rejected\ndecided: 2026-11-18 17:00\nfollowups:\n"
        "  - {kind: thank-you, date: 2026-11-18 15:00, to: Jane Doe}\n"
        "  - {kind: linkedin, date: 2026-11-18 11:00, to: Jane Doe}"))
    build(journal)
    timeline = (journal.root / "_site/timeline.html").read_text("utf-8")
    titles = re.findall(r"<title>(2026-11-18[^<]*)</title>", timeline)
    assert titles == ["2026-11-18: interview", "2026-11-18: linkedin to Jane Doe",
                      "2026-11-18: thank-you to Jane Doe", "2026-11-18: rejected"]


def test_contacts_are_in_alphabetical_order_accents_aside(journal):
    people = ["Zoë Martin", "Émile Roux", "Άννα Παπά", "Αλέξης Ρήγας", "emma Stone"]
    journal.note("a.md", GOOD_NOTE.replace("  - name: Jane Doe\n    email: jane@example.com\n",
                                           "".join(f"  - name: {p}\n" for p in people)))
    build(journal)
    contacts = (journal.root / "_site/contacts.html").read_text("utf-8")
    found = re.findall(r'<th scope="row">([^<]+)', contacts)
    assert found == ["Émile Roux", "emma Stone", "Zoë Martin", "Αλέξης Ρήγας", "Άννα Παπά"]


def test_the_decision_is_the_last_contact_with_whoever_gave_it(journal):
    # found living with the tool over a simulated search: the recruiter who called with the
    # offer was last in touch, the contacts page said, at the first interview, weeks before
    journal.note("a.md", GOOD_NOTE.replace("status: waiting", "status: offer\n"
                                           "decided: 2026-11-19 17:00\ndecided_by: Sam Okafor\n"
                                           "people: [{name: Sam Okafor, role: recruiter}]"))
    build(journal)
    contacts = (journal.root / "_site/contacts.html").read_text("utf-8")
    row = contacts[contacts.index(">Sam Okafor<"):].split("</tr>")[0]
    assert re.search(r'data-label="Last contact"[^>]*><time datetime="2026-11-19">', row)


def test_upcoming_interviews_of_several_applications_come_in_the_order_of_their_times(journal):
    journal.note("a.md", GOOD_NOTE.replace("2026-11-18 14:30", "2026-11-25 16:00")
                 .replace("status: waiting", "stage: screen\nstatus: scheduled"))
    journal.note("b.md", GOOD_NOTE.replace("Acme Robotics", "Beta").replace(
        "2026-11-18 14:30", "2026-11-25 10:00").replace("status: waiting",
                                                       "stage: technical\nstatus: scheduled"))
    build(journal)
    index = (journal.root / "_site/index.html").read_text("utf-8")
    upcoming = index.split('id="interviews-heading"')[1].split("</section>")[0]
    assert upcoming.index("Beta") < upcoming.index("Acme Robotics")


def test_a_note_with_a_colon_in_its_name_is_rebuilt_and_its_page_removed_with_it(journal):
    journal.note("acme:round2.md")
    page = journal.root / "_site/interviews/notes/acme:round2.html"
    assert build(journal).exit_code == 0
    journal.note("acme:round2.md", GOOD_NOTE.replace("It went well.", "It went very well."))

    again = build(journal)

    assert again.exit_code == 0, again.output
    assert "very well" in page.read_text("utf-8")
    (journal.root / "notes/acme:round2.md").unlink()
    assert build(journal).exit_code == 0
    assert not page.exists()


def test_people_met_at_an_event_are_contacts_with_their_next_update(journal):
    journal.note("meetup.md", "---\nevent: Rust Meetup\ndate: 2026-11-12\ncompany: Acme\n"
                 "attended: true\npeople:\n  - name: Lee Park\n    title: Staff Engineer\n---\n")
    build(journal)
    contacts = (journal.root / "_site/contacts.html").read_text("utf-8")
    row = contacts[contacts.index(">Lee Park<"):].split("</tr>")[0]
    assert "Acme: <a href=\"applications/acme-rust-meetup.html\">Rust Meetup</a>" in row
    assert re.search(r'data-label="Last contact"[^>]*><time datetime="2026-11-12">', row)
    assert re.search(r'data-label="Next update"[^>]*><time datetime="2026-12-10">', row)


def test_the_interviews_held_count_no_event_and_no_interview_the_search_end_cancelled(journal):
    journal.note("a.md")  # held on 18 Nov
    journal.note("meetup.md", "---\nevent: Rust Meetup\ndate: 2026-11-12\ncompany: Acme\n"
                 "attended: true\n---\n")
    journal.note("beta.md", GOOD_NOTE.replace("Acme Robotics", "Beta").replace(
        "2026-11-18 14:30", "2026-11-19 10:00").replace("waiting", "accepted\ndecided: 2026-11-19"))
    journal.note("gamma.md", GOOD_NOTE.replace("Acme Robotics", "Gamma").replace(
        "2026-11-18 14:30", "2026-11-20 10:00").replace("waiting", "scheduled"))
    journal.note("beta-offer.md", "---\ncompany: Beta\nrole: Backend Engineer\n"
                 "date: 2026-11-19 18:00\nstatus: accepted\n---\n")  # a call, no interview
    journal.run("build", "--today", "2026-11-21")
    index = (journal.root / "_site/index.html").read_text("utf-8")
    assert "<dt>interviews held</dt><dd>2</dd>" in index  # Acme's and Beta's


def test_no_one_is_met_at_an_interview_the_search_end_cancelled(journal):
    journal.note("a.md")  # Jane Doe, met on 18 Nov
    journal.note("beta.md", GOOD_NOTE.replace("Acme Robotics", "Beta").replace(
        "status: waiting", "status: accepted\ndecided: 2026-11-20"))
    journal.note("later.md", GOOD_NOTE.replace("2026-11-18 14:30", "2026-11-23 10:00").replace(
        "waiting", "scheduled").replace("Jane Doe", "Lee Park"))  # cancelled by the withdrawal
    journal.run("build", "--today", "2026-11-25")
    contacts = (journal.root / "_site/contacts.html").read_text("utf-8")
    assert ">Jane Doe<" in contacts and "Lee Park" not in contacts


def test_a_broken_event_note_is_left_out_at_its_path_and_the_rest_is_built(journal):
    journal.note("a.md")
    journal.note("meetup.md", "---\nevent: Rust Meetup\ndate: 2026-11-31\n---\n")
    for command in ("check", "build", "agenda"):
        result = journal.run(command, "--today", "2026-11-21")
        assert ("notes/meetup.md:3:7: error: `date`: '2026-11-31' is not a real date"
                in result.stdout + result.stderr), command
    assert (journal.root / "_site/applications").exists()
    assert (journal.root / "notes/a.drafts/thank-you-jane-doe.md").exists()
