"""The agenda: the items `fj agenda` shows, in the order it shows them, numbered from 1, so that
`fj log N` logs the item the agenda showed as N on the same day. An item logged that day keeps
its number (and is no longer shown), so the numbers do not move as the user works down the list.
Pure: items and a day in."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import replace
from datetime import date

from .checklist import Item, State, due_soon, state_of
from .rules import RULES, Timing

Numbered = dict[str, list[tuple[int, Item]]]  # by section: each item with its number


def numbered(items: list[Item], today: date, lapse_after: int, separate: Collection[str] = (),
             logged: bool = False) -> Numbered:
    """Overdue, due today and this week (as `checklist.due_soon` gives them, without the items
    overdue for more than `lapse_after` days), numbered on from one section to the next, as
    they stood before anything was logged `today`, then the items that logging brought
    (numbered after them); the items logged `today` are left out unless `logged`. `separate`:
    the rules whose message is kept apart from the one it would join."""
    morning = list(_this_morning(items, today, separate))
    now = dict(morning)
    new = [i for i in items if i not in now.values() and i.done != today]
    sections: Numbered = {}
    first = 1
    for section, found in due_soon([m for m, _ in morning], today, lapse_after).items():
        sections[section] = [(n, now[i]) for n, i in enumerate(found, first)
                             if logged or now[i].state is not State.DONE]
        first += len(found)
    for section, found in due_soon(new, today, lapse_after).items():
        sections[section] += enumerate(found, first)
        first += len(found)
    return sections


def apart(timings: Mapping[str, Timing]) -> list[str]:
    """The rules whose message the journal keeps apart from the one it would join."""
    return [name for name, timing in timings.items() if timing.separate]


def _this_morning(items: list[Item], today: date,
                  separate: Collection[str]) -> Iterator[tuple[Item, Item]]:
    """Each item as it stood before anything was logged `today`, with the item as it stands.
    What a message logged today also said (a promised thing sent with the thank-you) was part
    of that message's item, not one of its own, and the nudge after a check-in logged today did
    not exist yet: both are left out. A message joins only the one to the same person, and
    not for what came before its occasion (feedback given before the no)."""
    done_today = {(i.rule, i.note, i.recipient): i.opens for i in items if i.done == today}
    checked_in = {note for rule, note, _ in done_today if rule == "check-in"}
    for item in items:
        if item.done != today:
            if not (item.rule == "nudge" and item.note in checked_in):
                yield item, item
            continue
        host = RULES[item.rule].joins
        opened = done_today.get((host, item.note, item.recipient)) if host else None
        if item.rule not in separate and opened is not None and opened <= item.opens:
            continue
        yield replace(item, state=state_of(replace(item, done=None), today)), item


def item_numbered(items: list[Item], today: date, number: int, lapse_after: int,
                  separate: Collection[str] = ()) -> Item | None:
    """The item the agenda showed as `number` as of `today`, if there is one (done, if it was
    logged since)."""
    return dict(pair for found in numbered(items, today, lapse_after, separate,
                                           logged=True).values()
                for pair in found).get(number)


def count(items: list[Item], today: date, lapse_after: int,
          separate: Collection[str] = ()) -> int:
    return sum(len(found) for found in numbered(items, today, lapse_after, separate,
                                                logged=True).values())
