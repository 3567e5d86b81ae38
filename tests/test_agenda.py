"""`fj agenda` beside the follow-ups due: interviews to prepare for, notes left out, warnings that
change an item, and items due since an earlier day; and the report saying the same."""

from __future__ import annotations

from conftest import GOOD_NOTE

HANNA = GOOD_NOTE.replace("Jane Doe", "Hanna Schmitt").replace(
    "date: 2026-11-18 14:30", "date: 2026-12-10 10:00").replace(
    "highlights:", "followups:\n  - {kind: thank-you, to: Hanna Schmidt, date: 2026-12-10 17:30}"
                   "\nhighlights:")
TYPO = ("`followups[0].to`: 'Hanna Schmidt' is not the name of an interviewer of this "
        "application, so it marks nothing done (did you mean `Hanna Schmitt`?)")


def test_the_interview_page_shows_a_log_entry_that_marks_nothing_as_such(journal):
    journal.note("a.md", HANNA)
    assert journal.run("build", "--today", "2026-12-11").exit_code == 0
    page = (journal.root / "_site/interviews/notes/a.html").read_text("utf-8")
    log = page[page.index('id="log-heading"'):]
    log = log[:log.index("</section>")]
    assert "thank-you to Hanna Schmidt —\n      <strong class=\"marks-nothing\">marks nothing: " \
           "no interviewer named <code>Hanna Schmidt</code> (did you mean <code>Hanna Schmitt" \
           "</code>?)</strong>" in log
