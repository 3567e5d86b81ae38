"""What the report says of an item and an application in the words a person would use: when an
item is due ("due since Fri 11 Dec"), the command that records it as done (`fj log ...`), and
where an application stands ("in the third round", "waiting since Fri 4 Dec").

Pure: `today` comes in; no disk, no clock. Days are written as `shortdate` writes them.
"""

from __future__ import annotations

import shlex
from datetime import date, tzinfo

from .applications import Application
from .checklist import Item, State
from .model import FollowUpKind, Status
from .rules import RULES, first_logged, held, withdrawing

ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
            "tenth")


def day_text(day: date) -> str:
    """`Fri 4 Dec`, as the report's `shortdate` filter writes a day."""
    return f"{day:%a} {day.day} {day:%b}"


def ago(day: date, today: date) -> str:
    """`3 days ago`, `1 day ago`."""
    days = (today - day).days
    return f"{days} day{'' if days == 1 else 's'} ago"


# Items ----------------------------------------------------------------------------------------


def due_parts(item: Item, today: date) -> tuple[str, date | None, str]:
    """An item's due wording in three parts, the words before its day, the day (None: none
    shown) and the words after, for a theme to put the day in a `<time>`: `("due since", day,
    "")` for an item past its due day but not yet late, never "due today" with a past day."""
    if item.done is not None:
        return "done", item.done, ""
    if item.state is State.OVERDUE:
        return "due", item.due, f", {ago(item.due, today)}"
    if item.state is State.NOT_APPLICABLE:
        return "was on", item.due, ""
    if item.due == today:
        return "due today", None, ""
    if item.due < today:
        return "due since", item.due, ""
    return "due", item.due, ""


def due_words(item: Item, today: date) -> str:
    """`due since Fri 11 Dec`, `due today`, `due Mon 14 Dec, 3 days ago`, `done Thu 10 Dec`."""
    before, day, after = due_parts(item, today)
    return f"{before} {day_text(day)}{after}" if day else f"{before}{after}"


LOGGED = frozenset(kind.value for kind in FollowUpKind)


def log_command(item: Item, application: Application) -> str | None:
    """The `fj log` command that records the item as done, quoted for a POSIX shell; None for
    an item done or past, or one no follow-up kind logs (an event)."""
    rule = RULES[item.rule]
    if item.rule not in LOGGED or item.done is not None or item.state is State.NOT_APPLICABLE:
        return None
    if item.rule == "info" and item.thing is not None:
        words = ["sent", item.thing]
    elif rule.per_person and item.person is not None:
        words = [item.rule, item.person]
    else:
        words = [item.rule, "--app", application.key]
    return shlex.join(["fj", "log", *words])


# Applications ---------------------------------------------------------------------------------


def status_words(application: Application, today: date, tz: tzinfo,
                 no_answer: date | None = None) -> str:
    """Where an application stands, as a person would say it: `offer`, `rejected on Fri 4
    Dec`, `withdrawn`, `interview on Tue 8 Dec`, `in the third round`, `waiting since Fri 4
    Dec`, `waiting; they said by Fri 4 Dec: 3 days ago`. `no_answer`, the day from which the
    notes count the application as unanswered, makes it `no answer since ...`. An application
    the end of the search withdraws is `to withdraw: you accepted another offer` until its
    withdrawal is logged, then `withdrawn on Mon 7 Dec` (for an offer, `to decline`, `offer
    declined on`)."""
    if withdrawing(application):
        return withdrawal_words(application)
    status = application.status
    if status is Status.OFFER:
        return "offer"
    if status is Status.ACCEPTED:
        return "offer accepted"
    if status is Status.DECLINED:
        return "offer declined"
    if status is Status.REJECTED:
        return f"rejected on {day_text(application.decided)}"
    if status is Status.WITHDRAWN:
        return "withdrawn"
    if status is Status.EVENT:
        event = application.latest.note.events[0]
        went = "attended" if event.attended else "event"
        return f"{went} on {day_text(event.date.day_in(tz))}"
    if no_answer is not None:
        return f"no answer since {day_text(no_answer)}"
    held_rounds = [n for n in application.interviews if held(n)]
    round_ = f"in the {ordinal(len(held_rounds) + 1)} round"
    latest = application.latest.note
    if status is Status.SCHEDULED:
        interview = f"interview on {day_text(latest.date.day_in(tz))}"
        return f"{round_}: {interview}" if held_rounds else interview
    promise = promise_words(application, today, tz)
    passed = promise if promise and _passed(application, today, tz) else None
    if status is Status.NEXT_ROUND:
        return f"{round_}; {passed}" if passed else round_
    if passed:
        return f"waiting; {passed}"
    since = held_rounds[-1].note.date.day_in(tz) if held_rounds else latest.date.day_in(tz)
    return f"waiting since {day_text(since)}"


def withdrawal_words(application: Application) -> str:
    """Where an application the end of the search withdraws stands: its withdrawal to send, or
    sent."""
    offer = application.status is Status.OFFER
    sent = first_logged(application, "withdrawal")
    if sent is not None:
        return f"{'offer declined' if offer else 'withdrawn'} on {day_text(sent)}"
    return f"{'to decline' if offer else 'to withdraw'}: you accepted another offer"


def promise_words(application: Application, today: date, tz: tzinfo) -> str | None:
    """The date they named, and how long ago it passed: `they said by Fri 4 Dec: 3 days ago`,
    `they said by today`, `they said by Fri 11 Dec`; None when the latest note names none."""
    steps = application.latest.note.next_steps
    if steps is None or steps.by is None:
        return None
    by = steps.by.day_in(tz)
    if by == today:
        return "they said by today"
    said = f"they said by {day_text(by)}"
    return f"{said}: {ago(by, today)}" if by < today else said


def _passed(application: Application, today: date, tz: tzinfo) -> bool:
    steps = application.latest.note.next_steps
    return steps is not None and steps.by is not None and steps.by.day_in(tz) < today


def ordinal(number: int) -> str:
    """`third`; `11th` past ten."""
    if number <= len(ORDINALS):
        return ORDINALS[number - 1]
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10,
                                                                                     "th")
    return f"{number}{suffix}"
