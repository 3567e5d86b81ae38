"""The agenda: the items `fj agenda` shows, in the order it shows them, numbered from 1, so that
`fj log N` logs the item the agenda showed as N on the same day. Pure: items and a day in."""

from __future__ import annotations

from datetime import date

from .checklist import Item, due_soon

Numbered = dict[str, list[tuple[int, Item]]]  # by section: each item with its number


def numbered(items: list[Item], today: date) -> Numbered:
    """Overdue, due today and this week (as `checklist.due_soon` gives them), numbered on from
    one section to the next."""
    sections: Numbered = {}
    first = 1
    for section, found in due_soon(items, today).items():
        sections[section] = list(enumerate(found, first))
        first += len(found)
    return sections


def item_numbered(items: list[Item], today: date, number: int) -> Item | None:
    """The item the agenda shows as `number` as of `today`, if there is one."""
    return dict(pair for found in numbered(items, today).values() for pair in found).get(number)


def count(items: list[Item], today: date) -> int:
    return sum(len(found) for found in numbered(items, today).values())
