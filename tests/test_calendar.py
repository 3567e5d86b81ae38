"""The calendar: `fj export ics` and the report's `calendar.ics`, read back by two readers
(icalendar and ics) as a calendar app would read them."""

from __future__ import annotations

import http.client
import mimetypes
import re
from datetime import UTC, date, datetime, timedelta

import icalendar
import ics
from conftest import LISBON, SAMPLE, ScratchJournal, run_fj
from test_serve import serving

TODAY = "2026-11-19"

ONSITE = """\
---
company: Acme Robotics
role: Backend Engineer
date: 2026-11-18 14:30
stage: onsite
status: waiting
location: Rua Augusta 10, Lisbon
interviewers:
  - name: Jane Doe
    title: Engineering Manager
    email: jane@example.com
  - name: Rui Costa
    email: rui@example.com
highlights:
  - Their move of billing to an event queue
next_steps:
  said: They decide by Friday
  by: 2026-11-27
  owner: Jane Doe
---
It went well.
"""

SCREEN = """\
---
company: Brightside Labs
role: Data Engineer
date: 2026-11-25 10:00
stage: screen
status: scheduled
interviewers:
  - name: Ola Berg
---
"""


def export(journal: ScratchJournal, *options: str) -> bytes:
    done = run_fj("export", "ics", str(journal.root), "--today", TODAY, *options)
    assert done.exit_code == 0, done.output
    return done.stdout_bytes


def a_journal(journal: ScratchJournal) -> ScratchJournal:
    journal.note("2026-11-18-acme-robotics-backend-engineer-onsite.md", ONSITE)
    journal.note("2026-11-25-brightside-labs-data-engineer-screen.md", SCREEN)
    return journal


def events(data: bytes, kind: str = "VEVENT") -> dict[str, icalendar.Component]:
    """The entries of a calendar by summary, as icalendar reads them."""
    return {str(c["SUMMARY"]): c for c in icalendar.Calendar.from_ical(data).walk(kind)}


def uids(data: bytes) -> dict[str, str]:
    """Each entry's UID by its summary."""
    return {str(c["SUMMARY"]): str(c["UID"])
            for c in icalendar.Calendar.from_ical(data).walk() if "UID" in c}


def test_interviews_are_timed_events_in_the_journals_timezone(journal):
    data = export(a_journal(journal))
    calendar = icalendar.Calendar.from_ical(data)
    assert [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")] == ["Europe/Lisbon"]
    assert str(calendar["X-WR-CALNAME"]) == str(calendar["NAME"]) == "Job search — Ana Souza"
    onsite = events(data)["Acme Robotics: onsite interview"]
    start, end = onsite.decoded("DTSTART"), onsite.decoded("DTEND")
    assert start == datetime(2026, 11, 18, 14, 30, tzinfo=LISBON)
    assert end - start == timedelta(hours=1)
    assert onsite["DTSTART"].params["TZID"] == "Europe/Lisbon"
    assert str(onsite["LOCATION"]) == "Rua Augusta 10, Lisbon"
    assert str(onsite["DESCRIPTION"]) == ("Role: Backend Engineer\nStage: onsite\n"
                                          "Interviewers: Jane Doe (Engineering Manager), Rui Costa")
    [alarm] = onsite.walk("VALARM")
    assert alarm["ACTION"] == "DISPLAY"
    assert alarm.decoded("TRIGGER") == -timedelta(hours=1)
    assert onsite.decoded("DTSTAMP") == datetime(2026, 11, 19, tzinfo=UTC)  # of --today


def test_open_follow_ups_are_all_day_events_on_their_due_day(journal):
    found = events(export(a_journal(journal)))
    thanks = found["Thank-you note to Jane Doe · Acme Robotics"]
    assert thanks.decoded("DTSTART") == date(2026, 11, 19)
    assert thanks.decoded("DTEND") == date(2026, 11, 20)  # the day after: the end is not in it
    assert thanks["DTSTART"].params["VALUE"] == "DATE"
    check_in = next(e for name, e in found.items() if name.startswith("Check in on next steps"))
    assert check_in.decoded("DTSTART") > date(2026, 11, 27)
    assert "(to Jane Doe)" in str(check_in["SUMMARY"])


def test_a_second_reader_finds_the_same_events_and_times(journal):
    data = export(a_journal(journal))
    found = {e.name: e for e in ics.Calendar(data.decode("utf-8")).events}
    assert found.keys() == events(data).keys()
    onsite = found["Acme Robotics: onsite interview"].begin.datetime
    assert onsite.utcoffset() == timedelta(0)  # Lisbon in November: WET, as its VTIMEZONE says
    assert onsite.replace(tzinfo=None) == datetime(2026, 11, 18, 14, 30)
    screen = found["Brightside Labs: screen interview"].begin.datetime
    assert screen.astimezone(LISBON) == datetime(2026, 11, 25, 10, tzinfo=LISBON)
    thanks = found["Thank-you note to Rui Costa · Acme Robotics"]
    assert thanks.all_day
    assert (thanks.begin.date(), thanks.end.date()) == (date(2026, 11, 19), date(2026, 11, 20))


def test_a_summer_interview_keeps_its_time_across_the_clock_change(journal):
    journal.note("2026-07-01-acme.md", ONSITE.replace("2026-11-18 14:30", "2026-07-01 09:00"))
    data = export(journal)
    [reread] = [e for e in ics.Calendar(data.decode("utf-8")).events
                if e.name.endswith("onsite interview")]
    assert reread.begin.datetime.utcoffset() == timedelta(hours=1)  # WEST
    assert reread.begin.datetime.hour == 9


def test_the_same_journal_and_day_give_the_same_bytes(journal, tmp_path):
    a_journal(journal)
    first = export(journal)
    assert export(journal) == first
    written = tmp_path / "calendar.ics"
    said = [run_fj("export", "ics", str(journal.root), "--today", TODAY, "-o", str(written))
            .stderr for _ in range(2)]
    assert written.read_bytes() == first
    assert said == [f"Wrote: {written}\n", f"Unchanged: {written}\n"]
    assert b"\r\n" in first and b"\n" not in first.replace(b"\r\n", b"")


def test_uids_are_hashes_with_no_name_or_address_and_unique():
    done = run_fj("export", "ics", str(SAMPLE), "--today", "2026-11-21")
    assert done.exit_code == 0, done.output
    found = [str(c["UID"]) for c in icalendar.Calendar.from_ical(done.stdout_bytes).walk()
             if "UID" in c]
    assert len(found) > 40
    assert len(set(found)) == len(found)
    assert all(re.fullmatch(r"[0-9a-f]{40}@followup-journal", uid) for uid in found)


def test_two_events_of_one_note_are_two_entries(journal):
    journal.note("2026-11-18-acme-robotics-backend-engineer-onsite.md", ONSITE.replace(
        "highlights:", "events:\n  - name: Open day\n    date: 2026-12-01\n"
        "  - name: Tech talk\n    date: 2026-12-02\nhighlights:"))
    found = uids(export(journal))
    assert found["Attend Open day · Acme Robotics"] != found["Attend Tech talk · Acme Robotics"]


def test_an_edit_to_one_note_keeps_every_other_items_uid(journal):
    a_journal(journal)
    before = uids(export(journal))
    journal.note("2026-11-18-acme-robotics-backend-engineer-onsite.md", ONSITE.replace(
        "highlights:", "to_send:\n  - what: My benchmark write-up\n    to: Jane Doe\nhighlights:"))
    after = uids(export(journal))
    assert set(before.values()) <= set(after.values())
    with_thing = "Thank-you note to Jane Doe, with “My benchmark write-up” · Acme Robotics"
    assert after[with_thing] == before["Thank-you note to Jane Doe · Acme Robotics"]


def test_an_item_put_off_keeps_its_uid_and_raises_its_sequence(journal):
    a_journal(journal)
    before = events(export(journal))
    journal.note("2026-11-18-acme-robotics-backend-engineer-onsite.md",
                 ONSITE.replace("2026-11-27", "2026-12-04"))
    after = events(export(journal))
    [old] = [e for name, e in before.items() if name.startswith("Check in")]
    [new] = [e for name, e in after.items() if name.startswith("Check in")]
    assert new["UID"] == old["UID"]
    assert new.decoded("DTSTART") > old.decoded("DTSTART")
    assert new["SEQUENCE"] > old["SEQUENCE"]


def test_an_interview_the_end_of_the_search_cancelled_is_cancelled_in_place(journal):
    # found by living with the tool: it stayed an ordinary event in the calendar
    a_journal(journal)
    [before] = [e for e in events(export(journal)).values() if "Brightside" in e["SUMMARY"]]
    journal.note("2026-11-19-kestrel.md", "---\ncompany: Kestrel Games\nrole: Backend Engineer\n"
                 "date: 2026-11-19 09:00\nstatus: accepted\ndecided: 2026-11-19\n---\n")
    found = {str(e["UID"]): e for e in events(export(journal)).values()}
    after = found[str(before["UID"])]  # the same entry, for a calendar that imported it
    assert str(before.get("STATUS", "CONFIRMED")) != "CANCELLED"
    assert str(after["STATUS"]) == "CANCELLED"
    assert int(after["SEQUENCE"]) > int(before.get("SEQUENCE", 0))
    assert str(after["SUMMARY"]) == "Brightside Labs: screen interview (cancelled)"
    assert after.decoded("DTSTART") == before.decoded("DTSTART")
    assert after.walk("VALARM") == []  # no reminder of it
    onsite = events(export(journal))["Acme Robotics: onsite interview"]  # held before the end
    assert "STATUS" not in onsite and onsite.walk("VALARM")


def test_the_draft_and_its_mail_link_are_in_the_description(journal):
    a_journal(journal)
    assert run_fj("build", str(journal.root), "--today", TODAY).exit_code == 0
    thanks = events(export(journal))["Thank-you note to Jane Doe · Acme Robotics"]
    text = str(thanks["DESCRIPTION"])
    assert ("Draft: notes/2026-11-18-acme-robotics-backend-engineer-onsite.drafts/"
            "thank-you-jane-doe.md") in text
    assert "Send: mailto:jane@example.com?subject=" in text
    assert "When done: fj log thank-you 'Jane Doe'" in text


def test_todo_gives_the_follow_ups_as_to_dos_due_on_their_day(journal):
    data = export(a_journal(journal), "--todo")
    todos = events(data, "VTODO")
    thanks = todos["Thank-you note to Jane Doe · Acme Robotics"]
    assert thanks.decoded("DUE") == date(2026, 11, 19)
    assert thanks["DUE"].params["VALUE"] == "DATE"
    assert sorted(events(data)) == ["Acme Robotics: onsite interview",
                                    "Brightside Labs: screen interview"]
    assert {str(c["UID"]) for c in todos.values()} <= set(uids(export(journal)).values())
    reread = ics.Calendar(data.decode("utf-8")).todos
    assert len(reread) == len(todos)
    assert {todo.due.date() for todo in reread} >= {date(2026, 11, 19)}


def test_the_output_file_replaces_a_calendar_but_never_a_note(journal):
    a_journal(journal)
    note = journal.root / "notes" / "2026-11-25-brightside-labs-data-engineer-screen.md"
    done = run_fj("export", "ics", str(journal.root), "-o", str(note))
    assert done.exit_code == 1
    assert "not replaced: it is not an earlier export" in done.output
    assert note.read_text("utf-8") == SCREEN


def test_build_writes_the_calendar_the_same_with_and_without_the_cache(journal, tmp_path):
    a_journal(journal)
    site = journal.root / "_site"
    assert journal.run("build", "--today", TODAY).exit_code == 0
    built = (site / "calendar.ics").read_bytes()
    assert built == export(journal)
    assert b'href="calendar.ics">Subscribe to the calendar</a>' in (site / "index.html"
                                                                     ).read_bytes()
    before = (site / "calendar.ics").stat()
    assert journal.run("build", "--today", TODAY).exit_code == 0  # nothing changed
    after = (site / "calendar.ics").stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    journal.note("2026-11-25-brightside-labs-data-engineer-screen.md",
                 SCREEN.replace("10:00", "11:00"))
    assert journal.run("build", "--today", TODAY).exit_code == 0  # only that note again
    incremental = (site / "calendar.ics").read_bytes()
    assert incremental != built
    assert journal.run("build", "--today", TODAY, "--no-cache").exit_code == 0
    assert (site / "calendar.ics").read_bytes() == incremental == export(journal)


def test_serve_gives_the_calendar_as_text_calendar(journal, monkeypatch):
    a_journal(journal)
    assert journal.run("build", "--today", TODAY).exit_code == 0
    bare = mimetypes.MimeTypes(filenames=())  # a computer without a table of types
    monkeypatch.setattr(mimetypes, "guess_type", bare.guess_type)
    with serving(journal.root / "_site") as server:
        status, data, kind = fetch_with_type(server, "/calendar.ics")
    assert status == 200
    assert kind.startswith("text/calendar")
    assert data == (journal.root / "_site" / "calendar.ics").read_bytes()


def fetch_with_type(server, path: str) -> tuple[int, bytes, str]:
    connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    return response.status, response.read(), response.getheader("Content-Type") or ""
