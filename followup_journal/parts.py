"""The keys of the parts of pages a rebuild reuses: what `site.version`, `site.versions_of` and
`site.runs` give a theme for its `{% cache %}` tags (`fragments.py`).

A key holds the versions of the applications a part shows, and whatever else it draws from more
than them; a part of an application whose version is unknown has no key, and is never kept.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import jinja2

from .applications import Application
from .checklist import Item
from .fragments import Run, runs
from .summaries import Lesson, Person
from .timeline import Lane


@dataclass(frozen=True)
class Parts:
    """The versions of a build's applications, and the keys made from them."""

    versions: Mapping[str, str]  # by application key
    items_by_application: Mapping[str, list[Item]]

    def version(self, application: Application) -> str | None:
        """A fingerprint of an application's notes and drafts, for `{% cache %}` keys; None
        (nothing is cached) when the build gives none."""
        return self.versions.get(application.key)

    def versions_of(self, applications: Iterable[Application]
                    ) -> tuple[tuple[str, str | None], ...] | None:
        """The keys and versions of several applications, for a part of a page showing them
        all; None when one is unknown."""
        found = tuple((a.key, self.version(a)) for a in applications)
        return None if any(version is None for _, version in found) else found

    def runs(self, things: Iterable[Any]) -> list[Run[Any]]:
        """Applications, items, lanes, people or lessons in runs, for a theme to keep each run
        of an index page as one part: `{% cache page, run.key %}` (`fragments.runs`)."""
        things = list(things)  # a theme may pass what a filter gives: an iterator
        if not things:
            return []
        parts: dict[type, Callable[[Any], tuple[str, Hashable | None]]] = {
            Application: self._application_part, Item: self._item_part, Lane: self._lane_part,
            Lesson: self._lesson_part, Person: self._person_part}
        kind = type(things[0])
        if kind not in parts or any(type(thing) is not kind for thing in things):
            found = ", ".join(sorted({type(thing).__name__ for thing in things}))
            raise jinja2.TemplateRuntimeError("site.runs takes a list of applications, items,"
                                              f" lanes, people or lessons, not of {found}")
        return runs(things, parts[kind])

    # The anchor of each thing (where runs are cut) and the key of what its part shows: the
    # version of its application, and what is drawn from more than the application. Keys are
    # kept small: they are saved in the cache, and loaded again, with every part.
    def _application_part(self, application: Application) -> tuple[str, Hashable | None]:
        return self._keyed(application.key, ())

    def _item_part(self, item: Item) -> tuple[str, Hashable | None]:
        place = self._places.get(id(item))
        return (item.application, None) if place is None else self._keyed(item.application, place)

    def _lane_part(self, lane: Lane) -> tuple[str, Hashable | None]:
        return self._keyed(lane.application.key, (lane.y, lane.scale))  # marks follow from these

    def _lesson_part(self, lesson: Lesson) -> tuple[str, Hashable | None]:
        return self._keyed(lesson.application.key, lesson.note.path)

    def _person_part(self, person: Person) -> tuple[str, Hashable | None]:
        anchor = f"{person.name}\n{person.company}"  # many people share a first name
        versions = self.versions_of(person.applications)
        return anchor, None if versions is None else (person.name, person.company, versions)

    def _keyed(self, application: str, shown: Hashable) -> tuple[str, Hashable | None]:
        version = self.versions.get(application)
        return application, None if version is None else (application, version, shown)

    @cached_property
    def _places(self) -> dict[int, int]:
        """Each item's place among its application's items, by the item's id: with the
        application's version (and today), that says which item it is."""
        return {id(item): place for items in self.items_by_application.values()
                for place, item in enumerate(items)}
