"""`fj agenda` beside the follow-ups due: interviews to prepare for, notes left out, warnings that
change an item, and items due since an earlier day; and the report saying the same."""

from __future__ import annotations

import json

from conftest import GOOD_NOTE


def interview(company: str, day: str, status: str = "scheduled", stage: str = "technical") -> str:
    return GOOD_NOTE.replace("Acme Robotics", company).replace(
        "date: 2026-11-18 14:30", f"date: {day}\nstage: {stage}").replace(
        "status: waiting", f"status: {status}")


def agenda_json(journal, today: str) -> dict:
    return json.loads(journal.run("agenda", "--json", "--today", today).stdout)


def test_agenda_lists_the_interviews_to_come_soonest_first_with_the_note_to_prepare(journal):
    journal.note("late.md", interview("Kestrel Games", "2026-12-20", stage="onsite"))
    journal.note("soon.md", interview("Brisa Pagamentos", "2026-12-11 16:00"))
    journal.note("past.md", interview("Old Co", "2026-12-09 10:00"))  # forgotten: not to come
    journal.note("held.md", interview("Held Co", "2026-12-11 09:00", status="waiting"))
    result = journal.run("agenda", "--today", "2026-12-11")
    lines = result.stdout.splitlines()
    start = lines.index("Upcoming interviews (2)")
    assert lines[start + 1:start + 3] == [
        "  Fri 11 Dec 16:00  Brisa Pagamentos, Backend Engineer (technical)"
        "  · prepare: " + str(journal.root / "notes/soon.md"),
        "  Sun 20 Dec  Kestrel Games, Backend Engineer (onsite)"
        "  · prepare: " + str(journal.root / "notes/late.md"),
    ]
    data = agenda_json(journal, "2026-12-11")
    assert data["upcoming_interviews"] == [
        {"date": "2026-12-11T16:00:00+00:00", "application": "Brisa Pagamentos, Backend Engineer",
         "stage": "technical", "note": "notes/soon.md"},
        {"date": "2026-12-20", "application": "Kestrel Games, Backend Engineer",
         "stage": "onsite", "note": "notes/late.md"},
    ]


def test_agenda_names_each_note_left_out_at_its_first_error(journal):
    journal.note("good.md")
    journal.note("bad.md", GOOD_NOTE.replace("status: waiting", "status: wating")
                 .replace("date: 2026-11-18 14:30", "date: 18 November"))
    result = journal.run("agenda", "--today", "2026-11-21")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if "bad.md" in line]
    assert len(errors) == 1  # its first error only; `fj check` gives them all
    assert errors[0].startswith(str(journal.root / "notes/bad.md") + ":4:7: error: `date`")
    assert "Left out: 1 note with errors, each at its first (see `fj check` for every problem)." \
        in result.stderr
    left_out = agenda_json(journal, "2026-11-21")["left_out"]
    assert [entry["note"] for entry in left_out] == ["notes/bad.md"]
    assert left_out[0]["error"].startswith("4:7: `date`")


HANNA = GOOD_NOTE.replace("Jane Doe", "Hanna Schmitt").replace(
    "date: 2026-11-18 14:30", "date: 2026-12-10 10:00").replace(
    "highlights:", "followups:\n  - {kind: thank-you, to: Hanna Schmidt, date: 2026-12-10 17:30}"
                   "\nhighlights:")
TYPO = ("`followups[0].to`: 'Hanna Schmidt' is not the name of anyone in this application "
        "(`interviewers`, `people`), so it marks nothing done (did you mean `Hanna Schmitt`?)")


def test_a_to_that_marks_nothing_is_shown_under_the_item_it_would_have_marked(journal):
    journal.note("a.md", HANNA)
    lines = journal.run("agenda", "--today", "2026-12-11").stdout.splitlines()
    thanks = lines.index("  1. Fri 11 Dec  Thank-you note to Hanna Schmitt  · Acme Robotics, "
                         "Backend Engineer")
    assert lines[thanks + 1] == (f"    check: {journal.root / 'notes/a.md'}:10:23: warning: "
                                 f"{TYPO}")
    assert not any(line.startswith("Check these") for line in lines)  # said once: beside it
    data = agenda_json(journal, "2026-12-11")
    assert data["due_today"][0]["warnings"] == [f"notes/a.md:10:23: {TYPO}"]
    assert data["warnings"] == [{"note": "notes/a.md", "line": 10, "col": 23, "message": TYPO}]


def test_warnings_that_change_no_item_shown_are_listed_to_check(journal):
    journal.note("a.md", GOOD_NOTE.replace("highlights:", "followups:\n  - {kind: linkedin, "
                                           "to: Ola Nordmann, date: 2026-11-19}\nhighlights:"))
    journal.note("b.md", interview("Old Co", "2026-11-16 10:00"))  # past, still scheduled
    lines = journal.run("agenda", "--today", "2026-11-21").stdout.splitlines()
    start = lines.index("Check these (2)")
    assert lines[start + 1:] == [
        f"  {journal.root / 'notes/a.md'}:10:22: warning: `followups[0].to`: 'Ola Nordmann' is "
        "not the name of anyone in this application (`interviewers`, `people`), so it marks "
        "nothing done",
        f"  {journal.root / 'notes/b.md'}:6:1: warning: the interview date has passed but "
        "`status` is still scheduled: update it (waiting, next-round, ...) to get its "
        "follow-ups drafted",
    ]
    assert "no `email`" not in "\n".join(lines)  # a weaker message changes no item
    assert len(agenda_json(journal, "2026-11-21")["warnings"]) == 2


def test_the_interview_page_shows_a_log_entry_that_marks_nothing_as_such(journal):
    journal.note("a.md", HANNA)
    assert journal.run("build", "--today", "2026-12-11").exit_code == 0
    page = (journal.root / "_site/interviews/notes/a.html").read_text("utf-8")
    log = page[page.index('id="log-heading"'):]
    log = log[:log.index("</section>")]
    assert "thank-you to Hanna Schmidt —\n      <strong class=\"marks-nothing\">marks nothing: " \
           "no one named <code>Hanna Schmidt</code> (did you mean <code>Hanna Schmitt" \
           "</code>?)</strong>" in log


def test_the_report_shows_a_log_entry_that_marks_nothing_beside_the_item_still_open(journal):
    journal.note("a.md", HANNA)
    assert journal.run("build", "--today", "2026-12-11").exit_code == 0
    said = ("The thank-you logged on <time datetime=\"2026-12-10\">Thu 10 Dec</time> to "
            "<code>Hanna Schmidt</code> marks nothing: no one is named so (did you mean "
            "<code>Hanna Schmitt</code>?)")
    for page in ["index.html", "checklist.html", "interviews/notes/a.html",
                 "applications/acme-robotics-backend-engineer.html"]:
        html = (journal.root / "_site" / page).read_text("utf-8")
        item = html[html.index("Thank-you note to Hanna Schmitt"):]
        item = item[:item.index("</li>") if "</li>" in item else len(item)]
        item = item[:item.index("</tr>")] if "</tr>" in item else item
        assert said in item, page


def test_an_item_due_on_an_earlier_day_reads_due_since_that_day(journal):
    journal.note("a.md")  # the LinkedIn invitation: due Fri 20 Nov, late after the 25th
    lines = journal.run("agenda", "--today", "2026-11-21").stdout.splitlines()
    start = lines.index("Due now (2)")  # and following the company, due today
    assert lines[start + 1] == ("  2. since Fri 20 Nov  Connect with Jane Doe on LinkedIn"
                                "  · Acme Robotics, Backend Engineer")
    due = agenda_json(journal, "2026-11-21")["due_today"]
    assert due[0]["due_since"] == "2026-11-20"
    today = agenda_json(journal, "2026-11-20")["due_today"]
    assert [item["rule"] for item in today] == ["thank-you", "linkedin"]
    assert all("due_since" not in item for item in today if item["due"] == "2026-11-20")


def test_the_dashboard_lists_the_interviews_the_agenda_lists(journal):
    journal.note("soon.md", interview("Brisa Pagamentos", "2026-12-11 16:00"))
    journal.note("held.md", interview("Held Co", "2026-12-11 09:00", status="waiting"))
    assert journal.run("build", "--today", "2026-12-11").exit_code == 0
    page = (journal.root / "_site/index.html").read_text("utf-8")
    listed = page[page.index('id="interviews-heading"'):page.index('id="waiting-heading"')]
    assert "Brisa Pagamentos" in listed
    assert "Held Co" not in listed  # held this morning: nothing to prepare
    assert [i["application"] for i in agenda_json(journal, "2026-12-11")["upcoming_interviews"]] \
        == ["Brisa Pagamentos, Backend Engineer"]


def test_a_misspelt_owner_or_decider_leaves_the_agenda_to_fj_check(journal):
    # found by an adversarial test: the agenda took every unmatched name for a log entry's `to`
    journal.note("a.md", GOOD_NOTE.replace(
        "highlights:", "next_steps:\n  by: 2026-11-25\n  owner: Jane Do\nhighlights:"))
    journal.note("b.md", GOOD_NOTE.replace("Acme Robotics", "Old Co").replace(
        "status: waiting", "status: rejected\ndecided_by: Jane D."))
    result = journal.run("agenda", "--today", "2026-11-26")
    assert result.exit_code == 0, result.stderr
    assert "Check in on next steps" in result.stdout
    assert "'Jane Do'" not in result.stdout  # its address is `fj check`'s to warn about
    assert agenda_json(journal, "2026-11-26")["warnings"] == []
    assert "`next_steps.owner`: 'Jane Do'" in journal.run("check", "--today", "2026-11-26").stdout


def test_after_an_offer_is_accepted_the_agenda_and_dashboard_say_the_search_is_over(journal):
    journal.note("acme.md", GOOD_NOTE)  # waiting: its check-in and updates end
    journal.note("soon.md", interview("Brisa Pagamentos", "2026-12-11 16:00"))
    journal.note("kestrel.md", interview("Kestrel Games", "2026-11-20", status="accepted")
                 .replace("stage: technical", "stage: final\ndecided: 2026-12-01"))
    assert agenda_json(journal, "2026-12-02")["search_over"] == {
        "application": "Kestrel Games, Backend Engineer", "since": "2026-12-01"}
    lines = journal.run("agenda", "--today", "2026-12-02").stdout.splitlines()
    assert lines[0] == ("The search is over: you accepted the offer from Kestrel Games "
                        "(Backend Engineer) on Tue 01 Dec.")
    due = [line for line in lines if line.startswith("  ") and "  · " in line]
    assert [line.split("  · ")[-1] for line in due if "Withdraw" in line] == [
        "Acme Robotics, Backend Engineer", "Brisa Pagamentos, Backend Engineer"]
    assert not any("Check in" in line or "update" in line for line in lines)
    assert "Upcoming interviews (0)" in lines  # the interview to come is cancelled instead
    assert journal.run("build", "--today", "2026-12-02").exit_code == 0
    page = (journal.root / "_site/index.html").read_text("utf-8")
    over = page[page.index('id="over-heading"'):page.index('id="glance-heading"')]
    assert "You accepted the offer from" in over and "Kestrel Games</a>" in over
    assert over.count("<span class=\"what\">Withdraw your application") == 2
    waiting = page[page.index('id="waiting-heading"'):]
    assert "Acme Robotics" not in waiting and "Nobody." in waiting


def test_an_interview_left_scheduled_asks_for_no_update_once_the_search_is_over(journal):
    journal.note("havbris.md", interview("Havbris Marine", "2026-12-02 10:00"))
    journal.note("kestrel.md", interview("Kestrel Games", "2026-11-20", status="accepted")
                 .replace("stage: technical", "stage: final\ndecided: 2026-12-04"))
    report = agenda_json(journal, "2026-12-07")
    assert [item["rule"] for item in report["due_today"]
            if item["application"].startswith("Havbris")] == ["withdrawal"]
    assert report["warnings"] == []  # updating it drafts nothing more: its withdrawal is there
    assert "still scheduled" not in journal.run("check", "--today", "2026-12-07").stdout


def test_a_company_event_after_the_search_is_over_is_no_longer_asked_for(journal):
    journal.note("lumiere.md", interview("Lumière", "2026-10-20", status="rejected").replace(
        "highlights:", "events:\n  - {name: Open data webinar, date: 2026-12-10 12:00}\n"
        "  - {name: Data meetup, date: 2026-11-19 18:30, attended: true}\nhighlights:"))
    journal.note("kestrel.md", interview("Kestrel Games", "2026-11-20", status="accepted")
                 .replace("stage: technical", "stage: final\ndecided: 2026-12-04")
                 .replace("highlights:", "events:\n  - {name: Kestrel game jam, date: "
                          "2026-12-12}\nhighlights:"))
    report = agenda_json(journal, "2026-12-07")
    events = [item["what"] for item in report["this_week"] if item["rule"] == "event"]
    assert events == ["Attend Kestrel game jam"]  # the company you join, not one that said no
    assert journal.run("build", "--today", "2026-12-07").exit_code == 0
    page = (journal.root / "_site/applications/lumiere-backend-engineer.html").read_text()
    assert "Attend Data meetup" in page and "Open data webinar" not in page


def test_before_any_offer_is_accepted_the_search_is_not_over(journal):
    journal.note("acme.md", GOOD_NOTE)
    assert agenda_json(journal, "2026-12-02")["search_over"] is None
    assert journal.run("build", "--today", "2026-12-02").exit_code == 0
    assert 'id="over-heading"' not in (journal.root / "_site/index.html").read_text("utf-8")


def test_an_item_overdue_for_over_30_days_has_lapsed_from_the_agenda_and_the_dashboard(journal):
    journal.note("a.md", GOOD_NOTE.replace("2026-11-18", "2026-10-01").replace(
        "highlights:", "next_steps: {said: Soon, by: 2026-11-05}\nhighlights:"))
    lines = journal.run("agenda", "--today", "2026-11-19").stdout.splitlines()
    start = lines.index("Overdue (1)")  # the check-in, 10 days overdue
    assert "Check in on next steps" in lines[start + 1]
    assert lines[start + 2] == ("  3 lapsed, overdue for more than 30 days: see their "
                                "applications' pages in the report, or `fj export`")
    data = agenda_json(journal, "2026-11-19")
    assert [item["rule"] for item in data["overdue"]] == ["check-in"]
    assert data["lapsed"] == 3
    assert journal.run("build", "--today", "2026-11-19").exit_code == 0
    page = (journal.root / "_site/index.html").read_text("utf-8")
    overdue = page[page.index('id="overdue-heading"'):page.index('id="today-heading"')]
    assert overdue.count('<span class="what">') == 1 and "Check in on next steps" in overdue
    assert ('3 follow-ups overdue for more than 30 days have lapsed: each is still listed on '
            'its application\'s page and on the <a href="checklist.html">checklist</a>') in overdue
    application = (journal.root / "_site/applications/acme-robotics-backend-engineer.html"
                   ).read_text("utf-8")
    assert "Thank-you note to Jane Doe" in application
    export = json.loads(journal.run("export", "json", "--today", "2026-11-19").stdout)
    states = [f["derived"]["state"] for f in export["followups"] if f["done"] is None]
    assert states.count("overdue") == 4
