"""`fj export csv` and `fj export json`: what a spreadsheet and a script read back, the columns
docs/exports.md lists, the same bytes twice, and ids that hold when other notes change."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from conftest import GOOD_NOTE, REPO, SAMPLE, run_fj

from followup_journal.cli import export_csv
from followup_journal.exports import TABLES

TODAY = "2026-11-21"
ACCENTS = GOOD_NOTE.replace("Acme Robotics", "Société Générale Ünited").replace(
    "  - name: Jane Doe", "  - name: Jürgen Müller\n  - name: 渡辺 健二 (Watanabe Kenji)")
EVIL = '=HYPERLINK("http://evil.example")'


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def csv_of(journal, table: str = "interviews") -> bytes:
    done = journal.run("export", "csv", "--table", table, "--today", TODAY)
    assert done.exit_code == 0, done.output
    return done.stdout_bytes


def json_of(journal) -> dict:
    done = journal.run("export", "json", "--today", TODAY)
    assert done.exit_code == 0, done.output
    return json.loads(done.stdout_bytes.decode("utf-8"))


def test_csv_starts_with_a_bom_and_reads_back_with_its_accents(journal):
    journal.note("2026-11-18-societe.md", ACCENTS)
    data = csv_of(journal)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.endswith(b"\r\n") and data.split(b"\n", 1)[0].endswith(b"\r")  # CR LF
    [row] = read_csv(data)
    assert row["company"] == "Société Générale Ünited"
    assert row["interviewers"] == "Jürgen Müller\n渡辺 健二 (Watanabe Kenji)"
    assert (row["date"], row["time"], row["status"]) == ("2026-11-18", "14:30", "waiting")


def test_a_highlight_that_is_a_formula_exports_as_text(journal):
    journal.note("2026-11-18-acme.md", GOOD_NOTE.replace(
        "  - Their move of billing to an event queue", f"  - '{EVIL}'").replace(
        "email: jane@example.com", "email: jane@example.com\nlocation: '+351 Lisbon'\n"
        "next_steps:\n  said: '@SUM(A1:A9)'\ntags: ['-2+3', plain]"))
    [row] = read_csv(csv_of(journal))
    assert row["highlights"] == f"'{EVIL}"
    assert (row["location"], row["next_steps"]) == ("'+351 Lisbon", "'@SUM(A1:A9)")
    assert row["tags"] == "'-2+3\nplain"  # a list is one cell: its start is what counts
    assert row["role"] == "Backend Engineer"
    assert json_of(journal)["interviews"][0]["highlights"] == [EVIL]  # JSON keeps the words


def documented_columns() -> dict[str, dict[str, bool]]:
    """Each table's columns as docs/exports.md lists them, with whether it says derived."""
    page = (REPO / "docs" / "exports.md").read_text("utf-8")
    found = {}
    for name in TABLES:
        section = page.split(f"### `{name}.csv`", 1)[1].split("\n#", 1)[0]
        found[name] = {column: derived == "yes" for column, derived in
                       re.findall(r"^\| `(\w+)` \| *(yes)? *\|", section, re.MULTILINE)}
    return found


def test_every_column_the_docs_list_is_exported_and_no_other():
    documented = documented_columns()
    document = json.loads(run_fj("export", "json", "--today", TODAY, str(SAMPLE)).stdout_bytes)
    assert document["format"] == 1
    for name, columns in documented.items():
        data = run_fj("export", "csv", "--table", name, "--today", TODAY, str(SAMPLE)).stdout_bytes
        assert next(csv.reader(io.StringIO(data.decode("utf-8-sig")))) == list(columns)
        records = document[name]
        assert records
        for record in records:
            assert sorted(record["derived"]) == sorted(c for c, d in columns.items() if d)
            assert sorted(set(record) - {"derived"}) == sorted(c for c, d in columns.items()
                                                              if not d)


def test_the_json_document_has_its_format_and_the_three_tables(journal):
    journal.note("2026-11-18-acme.md")
    document = json_of(journal)
    assert list(document) == ["format", "as_of", "interviews", "followups", "stages"]
    assert (document["format"], document["as_of"]) == (1, TODAY)
    thanks = next(r for r in document["followups"] if r["kind"] == "thank-you")
    assert thanks["id"] == "notes/2026-11-18-acme/thank-you-jane-doe"
    assert thanks["derived"]["state"] == "overdue"  # due the 19th, late after the 20th
    assert thanks["derived"]["draft"] == "notes/2026-11-18-acme.drafts/thank-you-jane-doe.md"
    assert document["stages"] == [{
        "id": "notes/2026-11-18-acme", "company": "Acme Robotics", "role": "Backend Engineer",
        "date": "2026-11-18", "stage": None, "status": "waiting", "decided": None,
        "derived": {"application": "acme-robotics-backend-engineer",
                    "standing": "waiting since Wed 18 Nov"}}]


def test_the_standing_of_an_application_the_end_of_the_search_withdraws_says_so(journal):
    journal.note("2026-11-18-acme.md")
    journal.note("2026-11-19-beta.md", GOOD_NOTE.replace("Acme Robotics", "Beta").replace(
        "status: waiting", "status: accepted\ndecided: 2026-11-20"))
    standing = {row["company"]: row["derived"]["standing"] for row in json_of(journal)["stages"]}
    assert standing == {"Acme Robotics": "to withdraw: you accepted another offer",
                        "Beta": "offer accepted"}


@pytest.mark.parametrize("args", [["json"], *(["csv", "--table", name] for name in TABLES)])
def test_two_exports_are_the_same_bytes(args):
    first, second = (run_fj("export", *args, "--today", TODAY, str(SAMPLE)) for _ in range(2))
    assert first.exit_code == 0, first.output
    assert first.stdout_bytes == second.stdout_bytes


def test_ids_hold_after_an_unrelated_edit(journal):
    journal.note("2026-11-18-acme.md")
    other = journal.note("2026-11-19-kestrel.md", GOOD_NOTE.replace("Acme Robotics", "Kestrel"))
    before = json_of(journal)
    journal.note("2026-11-02-earlier.md", GOOD_NOTE.replace("Acme Robotics", "Earlier Co"))
    other.write_text(other.read_text("utf-8").replace("  - name: Jane Doe",
                                                      "  - name: Ana Lee\n  - name: Jane Doe"))
    after = json_of(journal)
    for table in TABLES:
        kept = [r for r in before[table] if "acme" in r["id"]]
        assert kept and kept == [r for r in after[table] if "acme" in r["id"]]


def test_an_export_to_a_folder_replaces_only_an_earlier_export(journal, tmp_path):
    journal.note("2026-11-18-acme.md")
    out = tmp_path / "out"
    first = journal.run("export", "csv", "-o", str(out), "--today", TODAY)
    assert sorted(p.name for p in out.iterdir()) == [f"{name}.csv" for name in sorted(TABLES)]
    assert first.stderr.count("Wrote: ") == 3
    assert journal.run("export", "csv", "-o", str(out), "--today", TODAY).stderr.count(
        "Unchanged: ") == 3
    mine = tmp_path / "mine.json"
    mine.write_text('{"format": 1, "mine": true}\n', "utf-8")
    refused = journal.run("export", "json", "-o", str(mine), "--today", TODAY)
    assert refused.exit_code == 1
    assert f"{mine}: not replaced" in refused.stderr
    assert mine.read_text("utf-8") == '{"format": 1, "mine": true}\n'


def test_a_note_with_errors_is_left_out_and_named(journal):
    journal.note("2026-11-18-acme.md")
    journal.note("2026-11-19-broken.md", GOOD_NOTE.replace("status: waiting", "status: maybe"))
    done = journal.run("export", "csv", "--today", TODAY)
    assert done.exit_code == 1
    assert "2026-11-19-broken.md:" in done.stderr
    assert [row["id"] for row in read_csv(done.stdout_bytes)] == ["notes/2026-11-18-acme"]


def test_the_tables_the_command_offers_are_the_exports():
    table = next(p for p in export_csv.params if p.name == "table")
    assert list(table.type.choices) == list(TABLES)


def test_two_events_of_a_note_have_ids_of_their_own_whatever_their_order(journal):
    events = ["  - name: Data meetup\n    date: 2026-11-25\n",
              "  - name: Payments webinar\n    date: 2026-11-26\n"]

    def ids_of(listed: list[str]) -> dict[str, str]:
        journal.note("2026-11-18-acme.md", GOOD_NOTE.replace("---\nIt went", "events:\n" +
                                                             "".join(listed) + "---\nIt went"))
        return {r["id"]: r["derived"]["what"] for r in json_of(journal)["followups"]
                if r["kind"] == "event"}

    found = ids_of(events)
    assert sorted(found) == ["notes/2026-11-18-acme/event-attend-data-meetup",
                             "notes/2026-11-18-acme/event-attend-payments-webinar"]
    assert ids_of(events[::-1]) == found
