"""Reading the dates people write in notes: a day, a day and a time, or ISO with an offset."""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime, tzinfo

from .model import When

FORMS = "2026-11-18, 2026-11-18 14:30, or 2026-11-18T14:30+01:00"
# The years of a job search's dates: the days the rules count to from them (years later at the
# most) exist, as `date` holds only years 1 to 9999.
YEARS = range(1900, 3000)
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
DAY_AND_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?"
    r"( ?(Z|[+-]\d{2}(:?\d{2})?))?"
)


def parse_when(text: str, tz: tzinfo) -> When:
    """Read `text` as a day or a moment; a time without an offset is in `tz`.

    Raises ValueError with a message fit for the user when the text is not a date we accept.
    """
    text = text.strip()
    if not (DAY.fullmatch(text) or DAY_AND_TIME.fullmatch(text)):
        raise ValueError(f"{text!r} is not a date; write {FORMS}")
    if int(text[:4]) not in YEARS:
        raise ValueError(f"{text!r} is out of range: write a year from {YEARS[0]} to "
                         f"{YEARS[-1]}")
    try:  # the form is right, but the numbers may not be (2026-02-30, 25:00)
        if DAY.fullmatch(text):
            return When(date.fromisoformat(text))
        at = datetime.fromisoformat(iso_moment(text))
    except ValueError:
        raise ValueError(f"{text!r} is not a real date or time{why_not_real(text)}") from None
    if at.tzinfo is None:
        at = at.replace(tzinfo=tz)
        if skipped_by_the_clocks(at):
            raise ValueError(f"{text!r} does not exist in {tz}: the clocks skip that hour "
                             "(daylight saving time)")
    return When(at.date(), at)


def why_not_real(text: str) -> str:
    """` (November 2026 has 30 days)` when the day is past the month's end, else nothing."""
    year, month, day = (int(part) for part in text[:10].split("-"))
    if not 1 <= month <= 12:
        return " (months go from 01 to 12)"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f" ({calendar.month_name[month]} {year} has {days} days)"
    return ""


def iso_moment(text: str) -> str:
    """`2026-11-18 9:30 +01:00` as ISO 8601: `2026-11-18T09:30+01:00`."""
    day, _, clock = text.replace("T", " ", 1).partition(" ")
    clock = clock.replace(" ", "")
    return f"{day}T{'0' if clock[1] == ':' else ''}{clock}"


def skipped_by_the_clocks(at: datetime) -> bool:
    """Whether a local wall-clock time falls in a spring-forward gap, so never happens."""
    round_trip = at.astimezone(UTC).astimezone(at.tzinfo)
    return round_trip.replace(tzinfo=None) != at.replace(tzinfo=None)
