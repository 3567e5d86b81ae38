"""`site` as a theme of the user's sees it: the names its templates call keep working."""

from __future__ import annotations

import re
from datetime import date

import pytest
from conftest import CONFIG, GOOD_NOTE, LISBON
from test_plan import note

from followup_journal.checklist import State

TODAY = ["--today", "2026-11-19"]
FAR_AHEAD = "\n[drafts]\ndue_within = 1000\n"  # every draft, however far its item is


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
    journal.write("journal.toml", CONFIG + FAR_AHEAD)
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


# What the report says of items and applications, in words (`wording.py`) ----------------------

def plan_of(*texts: str, today: date = date(2026, 12, 13)) -> tuple[list, list]:
    from test_plan import applications

    from followup_journal.checklist import checklist
    from followup_journal.rules import DEFAULT_TIMINGS

    apps = applications(*texts)
    return apps, checklist(apps, DEFAULT_TIMINGS, today, LISBON)


def test_an_item_past_its_due_day_but_not_late_reads_due_since_never_due_today():
    from followup_journal.wording import due_words

    # Thank-yous are due a day after the interview and late after two (weekdays, so that no
    # due day moves to Monday).
    _, items = plan_of(note(day="2026-12-09"), today=date(2026, 12, 10))
    thanks = next(i for i in items if i.rule == "thank-you")
    assert thanks.state is State.DUE
    assert due_words(thanks, date(2026, 12, 10)) == "due today"
    _, items = plan_of(note(day="2026-12-08"), today=date(2026, 12, 10))
    thanks = next(i for i in items if i.rule == "thank-you")
    assert thanks.state is State.DUE
    assert due_words(thanks, date(2026, 12, 10)) == "due since Wed 9 Dec"
    _, items = plan_of(note(day="2026-12-07"), today=date(2026, 12, 11))
    thanks = next(i for i in items if i.rule == "thank-you")
    assert due_words(thanks, date(2026, 12, 11)) == "due Tue 8 Dec, 3 days ago"
    _, items = plan_of(note(day="2026-12-09"), today=date(2026, 12, 9))
    thanks = next(i for i in items if i.rule == "thank-you")
    assert due_words(thanks, date(2026, 12, 9)) == "due Thu 10 Dec"


def test_the_dashboard_lists_items_due_since_a_past_day_under_due_now(journal):
    journal.note("a.md", GOOD_NOTE)  # an interview on 2026-11-18 with Jane Doe
    assert journal.run("build", "--today", "2026-11-20").exit_code == 0
    page = (journal.root / "_site/index.html").read_text()
    assert '<h2 id="today-heading">Due now</h2>' in page
    assert "Due today" not in page
    assert 'due since <time datetime="2026-11-19">Thu 19 Nov</time>' in page


def test_the_timeline_of_one_application_says_application(journal):
    journal.note("a.md", GOOD_NOTE)
    assert journal.run("build", "--today", "2026-11-20").exit_code == 0
    page = (journal.root / "_site/timeline.html").read_text()
    assert 'aria-label="Timeline of 1 application, with its key"' in page
    assert ">Timeline of 1 application</title>" in page


def test_each_item_gives_the_command_that_logs_it_quoted_for_a_shell():
    from followup_journal.wording import log_command

    apps, items = plan_of(note(day="2026-12-10", people=("Jane O'Doe",), extra="""
        to_send: ["the benchmark write-up", {what: "slides; rm -rf", to: "Jane O'Doe"}]
        next_steps: {by: 2026-12-11}
        events: [{name: Tech talk, date: 2026-12-20}]
        followups: [{kind: thank-you, to: "Jane O'Doe", date: 2026-12-10}]
        """))  # the thank-you went without what was promised: each is its own item
    commands = {i.what: log_command(i, apps[0]) for i in items}
    assert commands == {
        "Thank-you note to Jane O'Doe": None,  # done
        "Connect with Jane O'Doe on LinkedIn": """fj log linkedin 'Jane O'"'"'Doe'""",
        "Send “the benchmark write-up”": "fj log sent 'the benchmark write-up'",
        "Send “slides; rm -rf” to Jane O'Doe": "fj log sent 'slides; rm -rf'",
        "Check in on next steps": "fj log check-in --app acme-sre",
        "Send a short update or an article": "fj log update --app acme-sre",
        "Attend Tech talk": None,  # an event has no message to log
        "Follow Acme on LinkedIn (or their blog)": "fj log follow --app acme-sre",
    }


def test_a_done_item_has_no_command_and_reads_done():
    from followup_journal.wording import due_words, log_command

    apps, items = plan_of(note(day="2026-12-10", extra="""
        followups: [{kind: thank-you, to: Jane Doe, date: 2026-12-10}]
        """))
    thanks = next(i for i in items if i.rule == "thank-you")
    assert log_command(thanks, apps[0]) is None
    assert due_words(thanks, date(2026, 12, 13)) == "done Thu 10 Dec"


def status(*texts: str, today: date = date(2026, 12, 13)) -> str:
    from test_plan import applications

    from followup_journal.wording import status_words

    return status_words(applications(*texts)[-1], today, LISBON)


@pytest.mark.parametrize(("notes", "expected"), [
    ([note(day="2026-12-15", status="scheduled")], "interview on Tue 15 Dec"),
    ([note(day="2026-11-20", status="next-round"), note(day="2026-12-01", status="next-round"),
      note(day="2026-12-15", status="scheduled")], "in the third round: interview on Tue 15 Dec"),
    ([note(day="2026-11-20", status="next-round")], "in the second round"),
    ([note(day="2026-11-20", status="next-round"), note(day="2026-12-04")],
     "waiting since Fri 4 Dec"),
    ([note(day="2026-12-01", extra="next_steps: {by: 2026-12-18}")], "waiting since Tue 1 Dec"),
    ([note(day="2026-12-01", extra="next_steps: {by: 2026-12-10}")],
     "waiting; they said by Thu 10 Dec: 3 days ago"),
    ([note(day="2026-12-01", status="next-round", extra="next_steps: {by: 2026-12-12}")],
     "in the second round; they said by Sat 12 Dec: 1 day ago"),
    ([note(day="2026-12-01", status="offer")], "offer"),
    ([note(day="2026-12-01", status="rejected", extra="decided: 2026-12-04")],
     "rejected on Fri 4 Dec"),
    ([note(day="2026-12-01", status="withdrawn")], "withdrawn"),
])
def test_an_applications_status_reads_as_a_person_would_say_it(notes, expected):
    assert status(*notes) == expected


ACCEPTED = note("Kestrel", day="2026-11-20", status="accepted", extra="decided: 2026-12-04")
WITHDRAWN = "followups: [{kind: withdrawal, date: 2026-12-07}]"


@pytest.mark.parametrize(("latest", "expected"), [
    (note(day="2026-12-02", status="scheduled"), "to withdraw: you accepted another offer"),
    (note(day="2026-12-09", status="scheduled"), "to withdraw: you accepted another offer"),
    (note(day="2026-11-25", extra="next_steps: {by: 2026-11-30}"),
     "to withdraw: you accepted another offer"),
    (note(day="2026-12-01", status="offer"), "to decline: you accepted another offer"),
    (note(day="2026-12-09", status="scheduled", extra=WITHDRAWN), "withdrawn on Mon 7 Dec"),
    (note(day="2026-12-01", status="offer", extra=WITHDRAWN), "offer declined on Mon 7 Dec"),
])
def test_an_application_the_end_of_the_search_withdraws_says_so(latest, expected):
    # found by living with the tool: it read "interview on Wed 2 Dec" on 7 Dec
    assert status(ACCEPTED, latest, today=date(2026, 12, 7)) == expected


def test_an_application_left_unanswered_reads_no_answer():
    from test_plan import applications

    from followup_journal.wording import status_words

    app = applications(note(day="2026-12-01", extra="next_steps: {by: 2026-12-04}"))[0]
    assert status_words(app, date(2026, 12, 31), LISBON,
                        no_answer=date(2026, 12, 18)) == "no answer since Fri 18 Dec"


def test_ordinals_past_ten_are_written_in_figures():
    from followup_journal.wording import ordinal

    assert [ordinal(n) for n in (1, 3, 10, 11, 12, 13, 21, 22, 23, 111)] == [
        "first", "third", "tenth", "11th", "12th", "13th", "21st", "22nd", "23rd", "111th"]


def test_the_pages_of_an_interview_the_end_of_the_search_cancelled_say_so(journal):
    # found by living with the tool: they still read as an interview to prepare for
    journal.note("kestrel.md", GOOD_NOTE.replace("Acme Robotics", "Kestrel Games").replace(
        "status: waiting", "status: accepted\ndecided: 2026-12-04"))
    journal.note("onsite.md", GOOD_NOTE.replace("2026-11-18 14:30", "2026-12-09 10:00\n"
                                                "stage: onsite").replace("waiting", "scheduled"))
    assert journal.run("build", "--today", "2026-12-07").exit_code == 0
    site = journal.root / "_site"
    page = (site / "interviews/notes/onsite.html").read_text("utf-8")
    assert "<h1>Onsite on Wednesday 9 December 2026, cancelled</h1>" in page
    assert ">cancelled: you accepted another offer</span>" in page
    assert "Who you were to meet" in page and "Who you met" not in page
    assert "status-scheduled" not in page
    application = (site / "applications/acme-robotics-backend-engineer.html").read_text("utf-8")
    assert ">onsite</a> with Jane Doe, cancelled</li>" in application
    dashboard = (site / "index.html").read_text("utf-8")
    upcoming = dashboard[dashboard.index('id="interviews-heading"'):]
    assert "None scheduled." in upcoming[:upcoming.index("</section>")]
    assert "2026-12-09: interview cancelled (onsite)" in (site / "timeline.html").read_text()


def test_each_row_links_to_its_draft_its_mail_link_and_the_command_that_logs_it(journal):
    journal.note("a.md", GOOD_NOTE)
    assert journal.run("build", *TODAY).exit_code == 0
    dashboard = (journal.root / "_site/index.html").read_text()
    checklist = (journal.root / "_site/checklist.html").read_text()
    interview = (journal.root / "_site/interviews/notes/a.html").read_text()
    for page in (dashboard, checklist):
        assert 'href="interviews/notes/a.html#draft-thank-you-jane-doe"' in page
        assert 'href="mailto:jane@example.com?subject=' in page
        assert "<code>fj log thank-you &#39;Jane Doe&#39;</code>" in page
    assert '<article class="draft" id="draft-thank-you-jane-doe"' in interview
    assert "<code>fj log thank-you &#39;Jane Doe&#39;</code>" in interview


def test_the_interview_page_lists_drafts_by_due_day_and_sets_apart_those_not_due(journal):
    journal.note("a.md", GOOD_NOTE.replace("status: waiting", "status: waiting\nnext_steps:\n"
                                           "  by: 2026-11-27\nto_send: [Zebra write-up]"))
    journal.write("journal.toml", CONFIG + FAR_AHEAD)  # the update, due in December, too
    assert journal.run("build", *TODAY).exit_code == 0
    page = (journal.root / "_site/interviews/notes/a.html").read_text()
    now, later = page.split('<h2 id="later-heading">Later</h2>')
    assert re.findall('<article class="draft" id="draft-([^"]+)"', now) == [
        "thank-you-jane-doe"]  # due the 19th, with the write-up in it
    assert re.findall('<article class="draft" id="draft-([^"]+)"', later) == [
        "linkedin-jane-doe", "check-in", "update"]  # the 20th, the 30th, in December
    assert "due Mon 30 Nov" in later.replace('<time datetime="2026-11-30">', "").replace(
        "</time>", "")


def test_an_interview_page_leaves_out_the_sections_a_new_note_leaves_empty(journal):
    journal.note("a.md", GOOD_NOTE.replace("It went well.\n", "\n## Notes\n").replace(
        "status: waiting", "status: scheduled\nnext_steps: {said: null, by: null}\n"
        "reflection: {went_well: null, to_improve: null}"))
    assert journal.run("build", "--today", "2026-11-10").exit_code == 0
    page = (journal.root / "_site/interviews/notes/a.html").read_text()
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", page)
    assert headings == ["Who you met", "What you discussed"]
