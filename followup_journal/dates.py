"""Reading the dates people write in notes: a day, a day and a time, or ISO with an offset."""

from __future__ import annotations

import re
from datetime import date, datetime, tzinfo

from .model import When

FORMS = "2026-11-18, 2026-11-18 14:30, or 2026-11-18T14:30+01:00"
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
    try:
        if DAY.fullmatch(text):
            return When(date.fromisoformat(text))
        if DAY_AND_TIME.fullmatch(text):
            return _moment(text, tz)
    except ValueError as error:
        raise ValueError(f"{text!r} is not a real date or time ({error})") from None
    raise ValueError(f"{text!r} is not a date; write {FORMS}")


def _moment(text: str, tz: tzinfo) -> When:
    day, _, clock = text.replace("T", " ", 1).partition(" ")
    if len(clock.split(":")[0]) == 1:
        clock = "0" + clock  # 9:30 as people write it
    clock = clock.replace(" ", "")
    at = datetime.fromisoformat(f"{day}T{clock}")
    if at.tzinfo is None:
        at = at.replace(tzinfo=tz)
    return When(at.date(), at)
