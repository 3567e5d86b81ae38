"""`site` as a theme of the user's sees it: the names its templates call keep working."""

from __future__ import annotations

import re

from conftest import GOOD_NOTE

TODAY = ["--today", "2026-11-19"]


def test_a_theme_keys_its_own_parts_with_site_version_and_versions_of(journal):
    journal.note("a.md")
    journal.note("b.md", GOOD_NOTE.replace("Acme Robotics", "Beta Labs"))
    journal.write("themes/checklist.html", """\
        {% for application in site.applications %}
        {% cache page, application.key, site.version(application) %}
        <p>{{ application.company }}: {{ application.role }}</p>
        {% endcache %}
        {% endfor %}
        <p>{{ site.versions_of(site.applications) | length }} versions</p>
    """)
    assert journal.run("build", *TODAY).exit_code == 0
    page = journal.root / "_site/checklist.html"
    assert re.findall("<p>(.*?)</p>", page.read_text()) == [
        "Acme Robotics: Backend Engineer", "Beta Labs: Backend Engineer", "2 versions"]

    journal.note("b.md", GOOD_NOTE.replace("Acme Robotics", "Beta Labs").replace(
        "Backend Engineer", "Data Engineer"))
    assert journal.run("build", *TODAY).exit_code == 0
    assert re.findall("<p>(.*?)</p>", page.read_text()) == [
        "Acme Robotics: Backend Engineer", "Beta Labs: Data Engineer", "2 versions"]


def test_a_theme_shows_each_draft_with_its_title_and_mail_link(journal):
    journal.note("a.md")
    journal.write("themes/interview.html", """\
        {% for found in site.drafts_to_send(note_file) %}
        <p>{{ site.draft_title(found) }} {{ site.mailto(found.draft) is not none }}</p>
        {% endfor %}
    """)
    assert journal.run("build", *TODAY).exit_code == 0
    page = (journal.root / "_site/interviews/notes/a.html").read_text()
    assert sorted(re.findall("<p>(.*?)</p>", page)) == [
        "Check in on next steps: Jane Doe True",  # no date was named: a fair wait
        "Connect on LinkedIn: Jane Doe False",  # no address: the text is copied instead
        "Keep in touch: Jane Doe False",  # a [[placeholder]] left to fill in
        "Thank-you note: Jane Doe True"]
