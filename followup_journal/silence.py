"""Silence: an application whose follow-ups went unanswered, and a date of theirs gone by.

Pure: an application, the timings and a day in; a day or a count out, so that the report, the
timeline and the agenda all say the same. The tool never closes an application for its silence:
the keep-in-touch updates go on.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, tzinfo

from .applications import Application
from .checklist import window_of
from .model import When
from .rules import NO_NEWS_YET, RULES, WAITING_ON_THEM, Timing, timing_of


def no_answer_since(app: Application, timings: Mapping[str, Timing], today: date,
                    tz: tzinfo) -> date | None:
    """The day of the last follow-up that went unanswered, once the application has no answer
    as of `today`: the nudge was sent (or a second check-in) and its wait (the nudge's `due`)
    has passed with no news, no later note. With the nudge switched off, the wait counts from
    the check-in. None while an answer may still come, or before the nudge is sent, or once
    the search is over (an offer accepted)."""
    if app.status not in NO_NEWS_YET or app.ended is not None:
        return None
    nudge = next(RULES["nudge"].triggers(app, tz), None)
    if nudge is None:  # no check-in logged in the latest note
        return None
    start = nudge.start.day_in(tz) if isinstance(nudge.start, When) else nudge.start
    last = nudge.done if timing_of("nudge", timings).enabled else start
    if last is None:
        return None
    window = window_of("nudge", timings, tz)
    return last if window.after(last, window.timing.due) <= today else None


def no_answers(applications: list[Application], timings: Mapping[str, Timing], today: date,
               tz: tzinfo) -> list[tuple[Application, date]]:
    """Each application with no answer, and since when; the longest silence first."""
    found = [(app, since) for app in applications
             if (since := no_answer_since(app, timings, today, tz)) is not None]
    return sorted(found, key=lambda pair: (pair[1], pair[0].key))


def days_past_their_date(app: Application, today: date, tz: tzinfo) -> int | None:
    """How many days ago the date they named for news passed, for an application waiting on
    them whose latest note names one; None when it names none, or it has not passed."""
    steps = app.latest.note.next_steps
    if app.status not in WAITING_ON_THEM or app.ended or steps is None or steps.by is None:
        return None
    passed = (today - steps.by.day_in(tz)).days
    return passed if passed > 0 else None
