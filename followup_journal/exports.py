"""What `fj export csv` and `fj export json` write: the journal's interviews, its follow-up
items as of a day and each application's stage history, as three CSV tables for a spreadsheet or
one JSON document for a script. Pure, but for `write_export`: a plan in, bytes out.

`TABLES` is the one definition of both formats: each table's columns, in order, and which of
them are derived (what the tool computed from the notes, such as an item's state or due day)
rather than what a note says. docs/exports.md lists the same columns; a test holds them equal.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, tzinfo
from pathlib import Path

from .checklist import Item
from .draftnames import name_part
from .drafts import drafts_folder
from .errors import FjError
from .model import When
from .plan import Plan
from .silence import no_answer_since
from .slugs import unique
from .wording import status_words

FORMAT = 1  # the JSON document's `format`: changes when a field changes meaning or goes away
Value = str | list[str] | None
Record = dict[str, Value]


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    derived: frozenset[str]  # the columns the tool computed
    rows: Callable[[Plan], Iterator[Record]]
    order: str = "id"  # the column the rows are sorted by; rows equal in it keep their order


def _interviews(plan: Plan) -> Iterator[Record]:
    """One row per note: what it says of the interview, as written."""
    root, tz = plan.journal.config.root, plan.journal.config.timezone
    for app in plan.applications:
        for note_file in app.interviews:
            note = note_file.note
            steps = note.next_steps
            yield {"id": note_id(note_file.path, root), "application": app.key,
                   "company": note.company, "role": note.role, "date": day_of(note.date, tz),
                   "time": time_of(note.date, tz), "stage": _text(note.stage),
                   "status": str(note.status), "decided": day_of(note.decided, tz),
                   "location": note.location,
                   "interviewers": [person.name for person in note.interviewers],
                   "highlights": list(note.highlights),
                   "next_steps": steps.said if steps else None,
                   "next_steps_by": day_of(steps.by if steps else None, tz),
                   "tags": list(note.tags), "note": note_file.path.relative_to(root).as_posix()}


def _followups(plan: Plan) -> Iterator[Record]:
    """One row per item of the checklist, where it stands as of the plan's day."""
    root = plan.journal.config.root
    for item, key in zip(plan.items, item_ids(plan.items, root), strict=True):
        draft = (drafts_folder(item.note) / item.draft).relative_to(root).as_posix() \
            if item.draft and item.done is None else None
        yield {"id": key, "application": item.application, "interview": note_id(item.note, root),
               "kind": item.rule, "to": item.person, "thing": item.thing, "done": _iso(item.done),
               "what": item.what, "opens": _iso(item.opens), "due": _iso(item.due),
               "late": _iso(item.late), "state": str(item.state), "draft": draft}


def _stages(plan: Plan) -> Iterator[Record]:
    """One row per note of each application, oldest first: the stage history; the latest row
    says where the application stands, as the report says it."""
    config = plan.journal.config
    for app in plan.applications:
        since = no_answer_since(app, config.rules, plan.today, config.timezone)
        standing = status_words(app, plan.today, config.timezone, since)
        for note_file in app.interviews:
            note = note_file.note
            yield {"id": note_id(note_file.path, config.root), "application": app.key,
                   "company": note.company, "role": note.role,
                   "date": day_of(note.date, config.timezone), "stage": _text(note.stage),
                   "status": str(note.status), "decided": day_of(note.decided, config.timezone),
                   "standing": standing if note_file is app.latest else None}


TABLES: dict[str, Table] = {
    "interviews": Table(
        ("id", "application", "company", "role", "date", "time", "stage", "status", "decided",
         "location", "interviewers", "highlights", "next_steps", "next_steps_by", "tags",
         "note"),
        frozenset({"application"}), _interviews),
    "followups": Table(
        ("id", "application", "interview", "kind", "to", "thing", "done", "what", "opens", "due",
         "late", "state", "draft"),
        frozenset({"application", "to", "what", "opens", "due", "late", "state", "draft"}),
        _followups),
    "stages": Table(
        ("id", "application", "company", "role", "date", "stage", "status", "decided",
         "standing"),
        frozenset({"application", "standing"}), _stages, order="application"),
}


def records(plan: Plan, name: str) -> list[Record]:
    """The rows of the table `name`, in its order."""
    table = TABLES[name]
    return sorted(table.rows(plan), key=lambda record: str(record[table.order]))


# Identities -------------------------------------------------------------------------------------


def note_id(path: Path, root: Path) -> str:
    """A note's row: its path in the journal without `.md`, which no other edit changes."""
    return path.relative_to(root).with_suffix("").as_posix()


def item_ids(items: list[Item], root: Path) -> list[str]:
    """Each item's row: its note's, then the name of its draft (`thank-you-jane-doe`, made
    from what it is about), or for an item with no message its kind and whom or what it is
    about. Items that would share one (two events of a note) are told apart by what they are."""
    keys = [f"{note_id(item.note, root)}/{_name(item)}" for item in items]
    shared = {key for key, count in Counter(keys).items() if count > 1}
    taken: set[str] = set()
    return [unique(f"{key}-{name_part(item.what)}" if key in shared else key, taken)
            for key, item in zip(keys, items, strict=True)]


def _name(item: Item) -> str:
    if item.draft:
        return item.draft.removesuffix(".md")
    return "-".join([item.rule, *(name_part(text) for text in (item.person, item.thing) if text)])


# Values -----------------------------------------------------------------------------------------


def day_of(when: When | None, tz: tzinfo) -> str | None:
    """The ISO day, in the journal's timezone."""
    return when.day_in(tz).isoformat() if when else None


def time_of(when: When, tz: tzinfo) -> str | None:
    """`14:30` in the journal's timezone, when the note gives a time."""
    return f"{when.at.astimezone(tz):%H:%M}" if when.at else None


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _text(value: object) -> str | None:
    return None if value is None else str(value)


# Formats ----------------------------------------------------------------------------------------

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_bytes(plan: Plan, name: str) -> bytes:
    """One table as RFC 4180 CSV in UTF-8 with a BOM (spreadsheets then read accents right);
    a list is one cell, a line per entry; every cell a spreadsheet would take for a formula
    starts with `'`."""
    columns = TABLES[name].columns
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for record in records(plan, name):
        writer.writerow([inert(_cell(record[column])) for column in columns])
    return (BOM + out.getvalue()).encode("utf-8")


def inert(cell: str) -> str:
    """A cell that cannot start a formula, as OWASP advises: one that starts with `=`, `+`,
    `-`, `@`, a tab or a carriage return gets a `'` before it. Every column is text (there are
    no numbers to keep), so every cell is treated alike."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def _cell(value: Value) -> str:
    if isinstance(value, list):
        return "\n".join(value)
    return value or ""


def json_bytes(plan: Plan) -> bytes:
    """The three tables in one document, with its format version and the day it is as of.
    Each record holds what the notes say, and in `derived` what the tool computed."""
    document: dict[str, object] = {"format": FORMAT, "as_of": plan.today.isoformat()}
    for name, table in TABLES.items():
        document[name] = [
            {**{c: r[c] for c in table.columns if c not in table.derived},
             "derived": {c: r[c] for c in table.columns if c in table.derived}}
            for r in records(plan, name)]
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


JSON_START = b'{\n  "format": '  # how every document of `json_bytes` starts


def csv_start(data: bytes) -> bytes:
    """How every export of the table of `data` starts: the BOM and its row of column names."""
    return data.split(b"\n", 1)[0] + b"\n"


def write_export(path: Path, data: bytes, start: bytes) -> bool:
    """Write `data` to `path` atomically, replacing only an earlier export: a file that starts
    with `start`, as `data` does. Anything else is left alone, and an error says so. False when
    the file already holds `data`: nothing is written."""
    from .atomicwrite import atomic_write

    try:
        old = path.read_bytes()
    except FileNotFoundError:
        old = None
    if old == data:
        return False
    if old is not None and not old.startswith(start):
        raise FjError(f"{path}: not replaced: it is not an earlier export of the same kind; "
                      "name another file or folder, or move this one away")
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, data)
    return True
