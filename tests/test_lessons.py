"""Feedback received and the Lessons page: thanking for feedback, reflecting after a no, and the
lessons of the search grouped so that the themes that come back show."""

from __future__ import annotations

import re
from types import SimpleNamespace

from conftest import LISBON, dedent, parse, run_fj

from followup_journal.applications import group_applications
from followup_journal.summaries import lessons, review

ACME = """\
---
company: Acme
role: SRE
date: {date}
stage: {stage}
status: {status}
interviewers:
  - name: Jane Doe
    email: jane@example.com
    highlights: [Queues]
people:
  - name: Sam Okafor
    role: recruiter
    email: sam@example.com
tags: [{tags}]
{extra}---
"""


def acme(date="2026-11-18", stage="technical", status="next-round", tags="", extra="",
         company="Acme"):
    return ACME.format(date=date, stage=stage, status=status, tags=tags,
                       extra=dedent(extra)).replace("Acme", company)


def found(*texts):
    files = [parse(text).note for text in texts]
    assert None not in files, [parse(text).problems for text in texts]
    site = SimpleNamespace(applications=group_applications(files, LISBON))
    return lessons(site)  # type: ignore[arg-type]


REFLECTED = "reflection: {went_well: Calm answers, to_improve: Timebox the design}\n"
FEEDBACK = """\
feedback:
  - given_by: Sam Okafor
    date: 2026-11-27
    said: Strong on queues; the design ran out of time
    themes: [timeboxing]
"""


# Grouping the lessons ----------------------------------------------------------------------------


def test_lessons_are_the_interviews_with_a_reflection_or_feedback_newest_first():
    first = acme(tags="backend", extra=REFLECTED)
    no = acme(date="2026-11-25", stage="onsite", status="rejected", extra=FEEDBACK)
    silent = acme(date="2026-11-10", stage="screen", extra="reflection: {went_well: }\n")
    got = found(first, no, silent)
    assert [(str(lesson.note.note.date), lesson.reflection is not None, len(lesson.feedback))
            for lesson in got] == [
        ("2026-11-25", False, 1), ("2026-11-18", True, 0)]


def test_each_lesson_keeps_the_status_its_note_gave_not_the_applications_current_one():
    first = acme(extra=REFLECTED)
    no = acme(date="2026-11-25", stage="onsite", status="rejected", extra=REFLECTED)
    assert [str(lesson.status) for lesson in found(first, no)] == ["rejected", "next-round"]


def test_lessons_are_grouped_by_tag_and_feedback_theme_by_stage_and_by_kind():
    one = acme(tags="backend, remote", extra=REFLECTED)
    two = acme(date="2026-11-25", stage="onsite", status="rejected", tags="backend",
               extra=FEEDBACK)
    three = acme(date="2026-10-01", stage="technical", status="rejected", tags="Remote",
                 company="Beta", extra="reflection: {to_improve: Sleep more}\n")
    grouped = review(found(one, two, three))
    assert [(t.name, t.count) for t in grouped.by_tag] == [
        ("backend", 2), ("remote", 1), ("Remote", 1), ("timeboxing", 1)]
    assert [(t.name, t.count) for t in grouped.by_stage] == [("technical", 2), ("onsite", 1)]
    assert [lesson.reflection.went_well for lesson in grouped.went_well] == ["Calm answers"]
    assert [lesson.reflection.to_improve for lesson in grouped.to_improve] == [
        "Timebox the design", "Sleep more"]
    assert [(lesson.application.company, f.given_by) for lesson, f in grouped.feedback] == [
        ("Acme", "Sam Okafor")]
    # What comes back: a tag or a stage of two interviews or more, most first
    assert [(t.kind, t.name, t.count) for t in grouped.recurring] == [
        ("tag", "backend", 2), ("stage", "technical", 2)]


def test_theme_anchors_are_unique_and_safe_for_any_tag():
    grouped = review(found(acme(tags='"a b", a-b, "<x>"', extra=REFLECTED)))
    anchors = [theme.anchor for theme in grouped.by_tag]
    assert len(set(anchors)) == 3
    assert all(re.fullmatch(r"tag-[\w-]+", anchor) for anchor in anchors)


# The report -------------------------------------------------------------------------------------


def build(journal, today="2026-11-30"):
    result = journal.run("build", "--today", today)
    assert result.exit_code == 0, result.stderr
    return journal.root / "_site"


def test_the_lessons_page_shows_themes_that_come_back_and_the_status_then(journal):
    journal.note("a.md", acme(tags="backend", extra=REFLECTED))
    journal.note("b.md", acme(date="2026-11-25", stage="onsite", status="rejected",
                              tags="backend", extra=FEEDBACK))
    page = (build(journal) / "lessons.html").read_text()
    recurring = page[page.index("Themes that come back"):page.index("To improve")]
    assert re.search(r'<a href="#tag-backend-\w+">backend</a> \(tag\): 2 interviews', recurring)
    assert "Strong on queues; the design ran out of time</blockquote>" in page
    every = page[page.index("Every interview"):]
    assert re.findall(r"status then: </span>([\w ]+)</span>", every) == [
        "rejected", "next round"]


def test_feedback_shows_on_its_interview_and_its_application(journal):
    journal.note("a.md", acme(date="2026-11-25", status="rejected", extra=FEEDBACK))
    site = build(journal)
    for page in ("interviews/notes/a.html", "applications/acme-sre.html"):
        text = (site / page).read_text()
        assert "Feedback they gave</h2>" in text, page
        assert "<blockquote>Strong on queues; the design ran out of time</blockquote>" in text
        assert "Sam Okafor, <time" in text


# Thanking them for it ---------------------------------------------------------------------------


def test_the_thanks_for_feedback_quotes_it_and_says_what_you_will_do_and_your_interest(journal):
    # The no came from Jane: Sam's feedback has a message of its own.
    journal.note("a.md", acme(date="2026-11-25", status="rejected",
                              extra=FEEDBACK + "decided_by: Jane Doe\n"))
    build(journal)
    draft = (journal.root / "notes/a.drafts/feedback-thanks-sam-okafor.md").read_text()
    assert draft.startswith("To: Sam Okafor <sam@example.com>\nSubject: Thank you for your "
                            "feedback\n\nDear Sam,\n")
    assert "on Friday 27 November 2026" in draft  # when they gave it
    assert "> Strong on queues; the design ran out of time\n" in draft  # what they said
    assert "[[what you will do with it" in draft  # receptive, in your own words
    assert "I remain very interested in Acme" in draft  # continued interest
    assert draft.rstrip().endswith("Ana Souza")


def test_the_thanks_for_feedback_while_still_in_the_running_looks_to_the_next_steps(journal):
    journal.note("a.md", acme(extra=FEEDBACK))
    build(journal)
    draft = (journal.root / "notes/a.drafts/feedback-thanks-sam-okafor.md").read_text()
    assert "I look forward to the next steps" in draft


def test_feedback_from_someone_the_application_does_not_know_is_warned_at_the_name(journal):
    journal.note("a.md", acme(extra=FEEDBACK.replace("given_by: Sam Okafor", "given_by: Sam")))
    result = journal.run("check")
    assert ("notes/a.md:17:5: warning: `feedback[0].given_by`: 'Sam' is not the name of "
            "anyone in this application (`interviewers`, `people`), so it has no address to "
            "write to (did you mean `Sam Okafor`?)") in result.output


def test_thanks_for_feedback_is_logged_to_someone_who_is_not_an_interviewer(journal):
    journal.note("a.md", acme(extra=FEEDBACK))
    result = run_fj("log", "feedback-thanks", "Sam", "--date", "2026-11-28", "-j",
                    str(journal.root), "--today", "2026-11-28")
    assert result.exit_code == 0, result.output
    text = (journal.root / "notes/a.md").read_text()
    assert "  - {kind: feedback-thanks, to: Sam Okafor, date: 2026-11-28}\n" in text


# Reflecting after a no --------------------------------------------------------------------------


def test_after_a_no_the_agenda_asks_for_a_reflection_and_says_how_to_mark_it(journal):
    journal.note("a.md", acme(date="2026-11-25", status="rejected",
                              extra="decided: 2026-11-26\n"))
    agenda = journal.run("agenda", "--today", "2026-11-28").output
    [line] = [line for line in agenda.splitlines() if "learned" in line]
    number = line.split(".")[0].strip()
    assert "Write down what you learned from Acme, SRE" in line
    result = run_fj("log", number, "-j", str(journal.root), "--today", "2026-11-28")
    assert result.exit_code == 1
    assert "add a `reflection:` (went_well, to_improve) to " in result.output
    page = (build(journal, "2026-11-28") / "index.html").read_text()
    assert "Write down what you learned from Acme, SRE" in page
    assert "fj log reflect" not in page
