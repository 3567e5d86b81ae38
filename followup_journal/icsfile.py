"""The journal as a calendar (`.ics`): each interview as an event at its time, each open
follow-up as an event of a whole day on its due day (or a to-do, due that day). An interview
the end of the search cancelled stays, as the same entry cancelled (`STATUS:CANCELLED`, a higher
`SEQUENCE`), so that a calendar that imported it strikes or drops it.

Pure: the site (`site.py`) in, bytes out; no disk, no clock. `fj build` writes the bytes as
the report's `calendar.ics`, `fj export ics` to a file or stdout. The same journal on the same
day gives the same bytes: `DTSTAMP` is midnight (UTC) of `today`, and each entry's `UID` is a
hash of what it is (the note, the rule, the person, the thing promised), never of its place in
a list, so that a calendar that subscribes keeps each entry across rebuilds.

The timezone's definition (`VTIMEZONE`) comes from the `icalendar` library, made from the
zone's rules in `zoneinfo`. The entries are written here, line by line as RFC 5545 says:
`icalendar`'s objects take a millisecond an entry, half a minute at 10,000 notes.

Only `journal_calendar`, for `fj export ics`, reads files: the drafts beside the notes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Iterator
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import cache, partial
from typing import TYPE_CHECKING

from .applications import cancelled
from .checklist import Item, State
from .drafts import drafts_folder
from .readdrafts import drafts_beside
from .site import Site

if TYPE_CHECKING:
    from .applications import Application
    from .model import NoteFile
    from .plan import Plan

CALENDAR_START = b"BEGIN:VCALENDAR"
PRODID = "-//followup-journal//fj//EN"
UID_DOMAIN = "followup-journal"
ONE_DAY = timedelta(days=1)
INTERVIEW_LENGTH = timedelta(hours=1)  # a note gives no end: an hour is shown
REMINDER = "-PT1H"  # before an interview
OPEN = (State.OVERDUE, State.DUE, State.UPCOMING)
STAGE_WORDS = {"hiring-manager": "hiring manager"}


Kept = Callable[[Hashable, Callable[[], str]], str]  # `fragments.Fragments.get`


def calendar_bytes(site: Site, todo: bool = False, kept: Kept | None = None) -> bytes:
    """The calendar of the journal as of `site.today`, with its timezone: application by
    application, its interviews, then its open items (as to-dos with `todo`).

    `kept` gives the entries of a run of applications as the last build wrote them, by a key
    holding their versions (`site.runs`), or writes them: a build remembers them, as it does
    the parts of its index pages (`fragments.py`)."""
    config = site.config
    name = f"Job search — {config.me.name}" if config.me.name else "Job search"
    zone = str(config.timezone)
    header = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
              "METHOD:PUBLISH", f"NAME:{text(name)}", f"X-WR-CALNAME:{text(name)}",
              f"X-WR-TIMEZONE:{text(zone)}"]
    timezone = partial(vtimezone, config.timezone, zone)
    parts = ["".join(fold(line) for line in header),
             timezone() if kept is None else kept(("calendar.ics", zone), timezone)]
    for run in site.runs(site.applications) if kept is not None else [site.applications]:
        key = getattr(run, "key", None)
        make = partial(_entries_of, site, tuple(run), todo)
        parts.append(make() if kept is None or key is None else kept(("calendar.ics", todo, key),
                                                                     make))
    return ("".join(parts) + "END:VCALENDAR\r\n").encode("utf-8")


def _entries_of(site: Site, applications: tuple[Application, ...], todo: bool) -> str:
    return "".join(application_entries(site, application, todo) for application in applications)


def application_entries(site: Site, application: Application, todo: bool) -> str:
    """The content lines of an application's interviews and open items."""
    stamp = basic(site.today) + "T000000Z"  # midnight (UTC) of `today`: no clock
    lines = []
    for note_file in application.interviews:
        lines += interview_event(site, application, note_file, stamp)
    for item in site.items_of(application.key):
        if item.done is None and item.state in OPEN:
            lines += item_entry(site, item, stamp, todo)
    return "".join(fold(line) for line in lines)


@cache
def vtimezone(tz: tzinfo, zone: str) -> str:
    """The definition of the journal's timezone, which each time's `TZID` names."""
    import icalendar  # a fifth of a second: only when the definition is not kept

    return icalendar.Timezone.from_tzinfo(tz, tzid=zone).to_ical().decode("utf-8")


def interview_event(site: Site, application: Application, note_file: NoteFile,
                    stamp: str) -> list[str]:
    """An interview at its time in the journal's timezone, with a reminder an hour before; a
    note without a time gives an event of the whole day. One the end of the search cancelled
    is the same entry, cancelled, its time left free and without a reminder."""
    note = note_file.note
    dropped = cancelled(application, note_file, site.config.timezone)
    summary = interview_summary(note_file) + (" (cancelled)" if dropped else "")
    lines = ["BEGIN:VEVENT", f"UID:{uid('interview', site.note_page(note_file))}",
             f"DTSTAMP:{stamp}"]
    if dropped:  # its one change since it was to come: SEQUENCE 0 before, when not written
        lines += ["SEQUENCE:1", "STATUS:CANCELLED", "TRANSP:TRANSPARENT"]
    if note.date.at is not None:
        tz = site.config.timezone
        start = note.date.at.astimezone(tz)
        end = (start.astimezone(UTC) + INTERVIEW_LENGTH).astimezone(tz)  # an hour, even at a
        lines += [local_time("DTSTART", start, tz), local_time("DTEND", end, tz)]  # clock change
    else:
        lines += whole_day(note.date.day)
    lines += [f"SUMMARY:{text(summary)}",
              f"DESCRIPTION:{text(interview_description(application, note_file))}"]
    if note.location:
        lines.append(f"LOCATION:{text(note.location)}")
    if note.date.at is not None and not dropped:
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{text(summary)}",
                  f"TRIGGER:{REMINDER}", "END:VALARM"]
    return [*lines, "END:VEVENT"]


def interview_summary(note_file: NoteFile) -> str:
    """`Acme Robotics: onsite interview`; for an event note, the event and its organiser."""
    note = note_file.note
    if note_file.event is not None:
        return f"{note.role} ({note.company})" if note.company != note.role else note.role
    return f"{note.company}: {_stage(note_file) or 'interview'}"


def _stage(note_file: NoteFile) -> str | None:
    stage = note_file.note.stage
    return None if stage is None else f"{STAGE_WORDS.get(stage.value, stage.value)} interview"


def interview_description(application: Application, note_file: NoteFile) -> str:
    note = note_file.note
    lines = [f"Role: {note.role}"] if note_file.event is None else [f"Event: {note.role}"]
    if note.stage:
        lines.append(f"Stage: {STAGE_WORDS.get(note.stage.value, note.stage.value)}")
    people = [application.known(p) for p in note.interviewers]
    if people:
        lines.append("Interviewers: " + ", ".join(
            f"{p.name} ({p.title})" if p.title else p.name for p in people))
    return "\n".join(lines)


def item_entry(site: Site, item: Item, stamp: str, todo: bool) -> list[str]:
    """An open item on its due day: an event of the whole day (its end, the next day, is not
    part of it), or a to-do due that day."""
    application = site.application_of(item.application)
    lines = ["BEGIN:VTODO" if todo else "BEGIN:VEVENT",
             f"UID:{uid(*item_identity(site, item))}", f"DTSTAMP:{stamp}",
             f"SEQUENCE:{sequence(site, item)}"]
    if todo:
        lines += [f"DTSTART;VALUE=DATE:{basic(item.opens)}", f"DUE;VALUE=DATE:{basic(item.due)}",
                  "STATUS:NEEDS-ACTION"]
    else:
        lines += [*whole_day(item.due), "TRANSP:TRANSPARENT"]  # a reminder: the day stays free
    lines += [f"SUMMARY:{text(f'{item.what_to_whom} · {application.company}')}",
              f"DESCRIPTION:{text(chr(10).join(item_description(site, item, application)))}"]
    return [*lines, "END:VTODO" if todo else "END:VEVENT"]


def long_day(day: date) -> str:
    """`Friday 6 November 2026`, as the report says it."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def item_description(site: Site, item: Item, application: Application) -> Iterator[str]:
    yield f"{application.company}, {application.role}"
    yield f"Due {long_day(item.due)}, late after {long_day(item.late)}"
    found = site.draft_of(item)
    if found is not None:
        yield f"Draft: {site.in_journal(found.path)}"
    mail = site.item_mailto(item)
    if mail is not None:
        yield f"Send: {mail}"
    command = site.log_command(item)
    if command is not None:
        yield f"When done: {command}"


def item_identity(site: Site, item: Item) -> tuple[str, ...]:
    """What makes an item the one it is: the note (by its path in the journal, as its page
    has it) and application it comes from, its rule, the person and the thing promised, or the
    event (a note may give several). Neither its dates nor its place among the others."""
    about = item.what if item.rule == "event" else item.thing or ""
    return ("item", site.note_page(site.note_of(item)), item.application, item.rule,
            item.person or "", about)


def uid(*identity: str) -> str:
    """A hash of what an entry is: no name or address shows in it."""
    data = "\x1f".join(identity).encode("utf-8")
    return f"{hashlib.sha1(data).hexdigest()}@{UID_DOMAIN}"


def sequence(site: Site, item: Item) -> int:
    """How many days the item is due after the day of its note: it grows as the item moves
    later (a date put off, a cadence come round again), without a record of earlier exports."""
    day = site.note_of(item).note.date.day_in(site.config.timezone)
    return max(0, (item.due - day).days)


# Content lines, as RFC 5545 writes them ---------------------------------------------------------


def whole_day(day: date) -> list[str]:
    """A day as an event's start and end: the end is the day after, not part of the event."""
    return [f"DTSTART;VALUE=DATE:{basic(day)}", f"DTEND;VALUE=DATE:{basic(day + ONE_DAY)}"]


def basic(day: date) -> str:
    """`20261118`: a DATE value (strftime takes three times as long)."""
    return f"{day.year:04}{day.month:02}{day.day:02}"


def local_time(name: str, moment: datetime, tz: tzinfo) -> str:
    """A time of day in the journal's timezone, named by the `TZID` of its `VTIMEZONE`."""
    return f"{name};TZID={tz}:{moment:%Y%m%dT%H%M%S}"


def text(value: str) -> str:
    """A TEXT value: backslash, semicolon, comma and line breaks escaped."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r", "").replace("\n", "\\n"))


def fold(line: str) -> str:
    """A content line with its CRLF, folded into pieces of at most 75 octets, each one after the
    first starting with a space; never inside a character's UTF-8 bytes."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line + "\r\n"
    pieces, start, size = [], 0, 75
    while len(data) - start > size:
        end = start + size
        while data[end] & 0xC0 == 0x80:  # a continuation byte: cut before its character
            end -= 1
        pieces.append(data[start:end].decode("utf-8"))
        start, size = end, 74
    pieces.append(data[start:].decode("utf-8"))
    return "\r\n ".join(pieces) + "\r\n"


# Reading and writing, for `fj export ics` -------------------------------------------------------


def journal_calendar(plan: Plan, todo: bool = False) -> bytes:
    """The calendar of a plan, with the drafts beside its notes as the last build left them."""
    config = plan.journal.config
    drafts = drafts_beside([note.path for note in plan.journal.notes])
    wanted = frozenset(drafts_folder(item.note) / item.draft
                       for item in plan.items if item.draft is not None)
    site = Site(config, plan.today, plan.applications, plan.items, {}, drafts, wanted=wanted)
    return calendar_bytes(site, todo)
