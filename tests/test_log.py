"""`fj log`: the entry goes to the note the agenda means, as the only change to the file, and is
read back as typed; what cannot be told or safely edited is refused with nothing written."""

from __future__ import annotations

import difflib
import json
import re
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import CONFIG, GOOD_NOTE, LISBON, SAMPLE, dedent, run_fj

from followup_journal.model import Status
from followup_journal.parse import parse_note, split_front_matter
from followup_journal.sourcetext import decode

TODAY = ["--today", "2026-11-21"]
PRINTED = re.compile(r"^(.+?):(\d+): (.*)$")


def journal_of(root: Path, notes: dict[str, bytes]) -> Path:
    (root / "notes").mkdir(parents=True)
    (root / "journal.toml").write_text(CONFIG, "utf-8")
    for name, data in notes.items():
        (root / "notes" / name).write_bytes(data)
    return root


def log(root: Path, *args: str):
    return run_fj("log", *args, "-j", str(root), *TODAY)


def check_output(root: Path) -> list[str]:
    """What `fj check` says, without places (which move down as lines are added)."""
    out = run_fj("check", str(root), *TODAY).stdout
    return sorted(re.sub(r"^.*?:\d+:\d+: ", "", line) for line in out.splitlines())


def assert_only_added(old: bytes, new: bytes, printed: str, rewrites: bool) -> None:
    """The new file is the old with the printed lines added (or, where the note's form needs it,
    one line rewritten), its byte order mark and line endings as they were."""
    assert new.startswith(b"\xef\xbb\xbf") == old.startswith(b"\xef\xbb\xbf")
    if b"\r\n" in old and old.count(b"\n") == old.count(b"\r\n"):
        assert new.count(b"\n") == new.count(b"\r\n")
    old_lines, new_lines = old.decode().split("\n"), new.decode().split("\n")
    shown = [PRINTED.match(line) for line in printed.splitlines()]
    assert all(shown), printed
    numbers = [int(found.group(2)) for found in shown if found]
    changed = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_lines, new_lines,
                                                       autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        rewritten = rewrites and tag == "replace" and j2 - j1 >= i2 - i1  # and lines added
        assert tag == "insert" or rewritten, (tag, old_lines[i1:i2])
        changed += range(j1 + 1, j2 + 1)
    assert changed == numbers
    texts = [new_lines[n - 1].removesuffix("\r") for n in numbers]
    assert textwrap.dedent("\n".join(texts)).split("\n") == [f.group(3) for f in shown if f]


def read(path: Path):
    return parse_note(path, path.read_bytes(), LISBON).note


def front_matter(path: Path) -> dict:
    return yaml.safe_load(split_front_matter(decode(path.read_bytes()))[0])


def round_trip(tmp_path: Path, name: str, data: bytes) -> int:
    """Log every kind of entry the note can take, each in a journal of this note alone; the
    number of entries logged."""
    note = parse_note(Path(name), data, LISBON).note
    assert note is not None, name
    wide = "update" if note.note.status is Status.EVENT else "check-in"  # what its log takes
    runs = [([wide, "--app", note.note.company], "followups")]
    runs += [(["thank-you", p.name], "followups") for p in note.note.interviewers[:1]]
    runs += [(["sent", t.what], "to_send") for t in note.note.to_send if t.sent is None][:1]
    for number, (args, field) in enumerate(runs):
        root = journal_of(tmp_path / f"{name}-{number}", {name: data})
        path = root / "notes" / name
        before = check_output(root)
        done = log(root, *args, "--date", "2027-01-04 17:30", "--note", "sent, by email",
                   "--again")  # a thank-you logged already: a second one
        assert done.exit_code == 0, (name, args, done.output)
        sends = args[0] == "thank-you" and bool(note.note.to_send)  # what it sent too
        rewrites = (field == "to_send" or sends or b"followups: [" in data
                    or b"followups: ~" in data)
        assert_only_added(data, path.read_bytes(), done.stdout, rewrites)
        after = read(path)
        assert after is not None and after.body == note.body
        if field == "followups":
            added = after.note.followups[-1]
            assert after.note.followups[:-1] == note.note.followups
            assert all(a == b or (b.sent is None and a.sent == added.date) for a, b in
                       zip(after.note.to_send, note.note.to_send, strict=True))
            assert (str(added.kind), f"{added.date.at:%Y-%m-%d %H:%M}", added.note) == (
                args[0], "2027-01-04 17:30", "sent, by email")
        else:
            assert [t.sent is not None for t in after.note.to_send].count(True) == 1 + [
                t.sent is not None for t in note.note.to_send].count(True)
        assert set(check_output(root)) <= set(before)  # nothing new; a warning may go
    return len(runs)


SAMPLE_NOTES = sorted(p.name for p in (SAMPLE / "notes").glob("*.md"))


@pytest.mark.parametrize("name", SAMPLE_NOTES)
def test_logging_to_each_sample_note_adds_only_the_printed_lines(tmp_path, name):
    assert round_trip(tmp_path, name, (SAMPLE / "notes" / name).read_bytes()) >= 1


HEAD = GOOD_NOTE.split("highlights:")[0]  # company to interviewers
TRICKY = {
    "absent.md": GOOD_NOTE,
    "crlf.md": GOOD_NOTE.replace("---\nIt", "followups:\n  - kind: linkedin\n    to: Jane Doe\n"
                                 "    date: 2026-11-19\n---\nIt").replace("\n", "\r\n"),
    "bom.md": "\ufeff" + GOOD_NOTE,
    "comments.md": HEAD + dedent("""
        followups:
          - kind: linkedin   # from my phone
            to: Jane Doe
            date: 2026-11-19

          # between the items
          - {kind: other, date: 2026-11-20}
          # after the last
        tags: [a]
        ---
        """),
    "flow.md": HEAD + "followups: [{kind: linkedin, to: Jane Doe, date: 2026-11-19}]\n---\n",
    "empty-list.md": HEAD + "followups: []  # none yet\n---\n",
    "nothing-under.md": HEAD + "followups:  # what you have done\n  # - {kind: x}\ntags: []\n---\n",
    "null.md": HEAD + "followups: ~\n---\n",
    "indent-4.md": HEAD + dedent("""
        followups:
            -   kind: linkedin
                to: Jane Doe
                date: 2026-11-19
        ---
        """),
    "indentless.md": HEAD + "followups:\n- kind: linkedin\n  to: Jane Doe\n"
                            "  date: 2026-11-19\n---\n",
    "quoted-keys.md": HEAD.replace("company:", '"company":') + dedent("""
        'followups':
          - "kind": linkedin
            'to': Jane Doe
            "date": '2026-11-19'
        ---
        """),
    "shorthand.md": HEAD + dedent("""
        to_send:
          - The write-up, with commas  # the big one
          - "quoted: thing"
        ---
        body
        """),
    "shorthand-crlf-bom.md": "\ufeff" + (HEAD + "to_send:\n  - A [bracketed] thing\n---\n")
    .replace("\n", "\r\n"),
    "sent-empty.md": HEAD + "to_send:\n  - what: Slides\n    sent:  # not yet\n---\n",
    "sent-flow.md": HEAD + "to_send: [{what: Slides, to: Jane Doe}]\n---\n",
    "block-last.md": HEAD + "reflection:\n  went_well: |\n    Calm.\n\n    Prepared.\n---\n",
    # found by an adversarial test: the entry went after the `...` that ends the YAML, and
    # after a `|` block ending the front matter it added a line break to the block's text
    "document-end.md": HEAD + "tags: [a]\n...\n---\nbody\n",
    "block-last-item.md": HEAD + dedent("""
        followups:
          - kind: linkedin
            to: Jane Doe
            date: 2026-11-19
            note: |
              Accepted.

              Replied.
        ---
        """),
    # found by an adversarial test: after a last item whose `|+` block keeps a blank line at
    # the end of the front matter, the entry took that line out of the block, and was refused
    "keep-block-last.md": HEAD + dedent("""
        followups:
          - kind: linkedin
            to: Jane Doe
            date: 2026-11-19
            note: |+
              Accepted.

        ---
        """),
}


@pytest.mark.parametrize("name", sorted(TRICKY))
def test_logging_to_a_hand_written_note_adds_only_the_printed_lines(tmp_path, name):
    assert round_trip(tmp_path, name, TRICKY[name].encode("utf-8")) >= 2


def test_a_note_with_commas_colons_hashes_and_quotes_reads_back_exactly(tmp_path):
    root = journal_of(tmp_path / "j", {"a.md": GOOD_NOTE.encode()})
    said = '  a, b: c # d "e" \\ \'f\'  '
    done = log(root, "thank-you", "Jane Doe", "--note", said, "--date", "2026-11-19 09:05")
    assert done.exit_code == 0, done.output
    entry = front_matter(root / "notes/a.md")["followups"][0]
    assert entry == {"kind": "thank-you", "to": "Jane Doe", "date": "2026-11-19 09:05",
                     "note": said}
    assert "Thank-you note to Jane Doe" not in run_fj("agenda", str(root), *TODAY).stdout


def test_a_thank_you_that_sent_what_was_promised_marks_it_sent(tmp_path):
    promised = GOOD_NOTE.replace("highlights:", "to_send:\n  - Slides\n  - {what: Code, "
                                 "to: Omar}\nhighlights:")
    root = journal_of(tmp_path / "j", {"a.md": promised.encode()})
    done = log(root, "thank-you", "Jane Doe", "--date", "2026-11-19 09:05")
    assert done.stdout.splitlines() == [
        f"{root / 'notes/a.md'}:10:   - {{what: Slides, sent: 2026-11-19 09:05}}",
        f"{root / 'notes/a.md'}:14: followups:",
        f"{root / 'notes/a.md'}:15:   - {{kind: thank-you, to: Jane Doe, date: 2026-11-19 09:05}}"]
    agenda = run_fj("agenda", str(root), *TODAY).stdout
    assert "Slides" not in agenda and "Send “Code” to Omar" in agenda


def test_the_date_defaults_to_the_day_of_today(tmp_path):
    root = journal_of(tmp_path / "j", {"a.md": GOOD_NOTE.encode()})
    done = log(root, "linkedin", "jane")
    assert done.stdout.endswith("- {kind: linkedin, to: Jane Doe, date: 2026-11-21}\n")


def test_the_note_of_the_open_item_is_the_one_logged_to(tmp_path):
    second = GOOD_NOTE.replace("2026-11-18 14:30", "2026-11-20 10:00").replace(
        "status: waiting", "status: waiting\nfollowups: [{kind: thank-you, to: Jane Doe, "
        "date: 2026-11-20}]")
    root = journal_of(tmp_path / "j", {"a.md": GOOD_NOTE.encode(), "b.md": second.encode()})
    done = log(root, "thank-you", "Jane Doe")
    assert done.exit_code == 0, done.output
    assert "notes/a.md:" in done.stdout or "/notes/a.md:" in done.stdout
    assert (root / "notes/b.md").read_text() == second


def test_a_message_to_the_application_is_logged_to_whom_it_went(tmp_path):
    # found living with the tool over a simulated search: a check-in and a nudge to the
    # recruiter were logged with no `to`, so the contacts page said the last contact with her
    # was the interview, weeks before
    note = GOOD_NOTE.replace("highlights:", "people:\n  - {name: Sam Okafor, role: recruiter, "
                             "email: sam@example.com}\nnext_steps: {by: 2026-11-19}\n"
                             "highlights:")
    root = journal_of(tmp_path / "j", {"a.md": note.encode()})
    done = log(root, "check-in")
    assert done.stdout.endswith("- {kind: check-in, to: Sam Okafor, date: 2026-11-21}\n")
    assert run_fj("build", str(root), *TODAY).exit_code == 0
    contacts = (root / "_site/contacts.html").read_text()
    row = contacts[contacts.index(">Sam Okafor<"):]
    assert re.search(r'data-label="Last contact"[^>]*><time datetime="2026-11-21">', row[:800])
    assert check_output(root) == []


def helped(tmp_path: Path) -> tuple[Path, str]:
    """A journal whose referrer, named by Acme and by Delta (which said no), is thanked from
    Acme once Kestrel's offer is accepted; and Delta's note."""
    referred = GOOD_NOTE.replace("highlights:", "people: [{name: Rita Almeida, role: "
                                 "referrer}]\nhighlights:")
    rejected = referred.replace("Acme Robotics", "Delta").replace("waiting", "rejected")
    accepted = GOOD_NOTE.replace("Acme Robotics", "Kestrel Games").replace(
        "status: waiting", "status: accepted\ndecided: 2026-11-20")
    root = journal_of(tmp_path / "j", {"a.md": referred.encode(), "b.md": rejected.encode(),
                                       "c.md": accepted.encode()})
    return root, rejected


def test_the_thanks_to_who_helped_is_logged_to_the_note_that_asks_for_it(tmp_path):
    root, rejected = helped(tmp_path)
    assert "Thank Rita Almeida for referring you" in run_fj("agenda", str(root), *TODAY).stdout
    done = log(root, "reference-thanks", "Rita")
    assert done.exit_code == 0, done.output
    assert done.stdout.startswith(f"{root / 'notes/a.md'}:")
    assert done.stdout.endswith("- {kind: reference-thanks, to: Rita Almeida, "
                                "date: 2026-11-21}\n")
    assert (root / "notes/b.md").read_text() == rejected
    assert "Thank Rita" not in run_fj("agenda", str(root), *TODAY).stdout


def test_the_thanks_to_who_helped_is_found_from_any_application_naming_them(tmp_path):
    root, _ = helped(tmp_path)
    done = log(root, "reference-thanks", "Rita", "--app", "delta")
    assert done.exit_code == 0, done.output
    assert done.stdout.startswith(f"{root / 'notes/a.md'}:")
    assert "is logged already, on Sat 21 Nov" in refused(
        root, "reference-thanks", "Rita Almeida", "--app", "delta")
    assert "no referrer or reference `Zed`" in refused(root, "reference-thanks", "Zed")


# Refusals -------------------------------------------------------------------------------------


def refused(root: Path, *args: str) -> str:
    before = {p: p.read_bytes() for p in (root / "notes").iterdir()}
    done = log(root, *args)
    assert done.exit_code == 1, done.output
    assert done.stdout == ""
    assert {p: p.read_bytes() for p in (root / "notes").iterdir()} == before
    return done.stderr


def test_a_name_only_a_note_with_errors_holds_is_refused_with_its_first_error(tmp_path):
    broken = GOOD_NOTE.replace("status: waiting", "status: waitin")
    root = journal_of(tmp_path / "j", {"a.md": broken.encode()})
    said = refused(root, "thank-you", "Jane Doe")
    assert "a.md names it but has errors" in said
    assert "a.md:5:9: error: `status`: 'waitin' is not one of" in said


def test_an_ambiguous_name_lists_the_candidates(tmp_path):
    two = GOOD_NOTE.replace("interviewers:\n", "interviewers:\n  - name: Jane Roe\n")
    root = journal_of(tmp_path / "j", {"a.md": two.encode()})
    assert "`jane` could be any of: Jane Doe, Jane Roe; say which" in refused(
        root, "thank-you", "jane")


def test_an_unknown_name_says_whom_you_may_mean(tmp_path):
    root = journal_of(tmp_path / "j", {"a.md": GOOD_NOTE.encode()})
    assert "no interviewer `Jnae Doe` (did you mean `Jane Doe`?)" in refused(
        root, "thank-you", "Jnae Doe")


def test_a_misspelt_first_or_last_name_says_whom_you_may_mean(tmp_path):
    # found living with the tool over a simulated search: `Marco` works, but `Marko` was
    # refused with no hint, as it was compared with the whole name only
    root = journal_of(tmp_path / "j", {"a.md": GOOD_NOTE.encode()})
    assert "no interviewer `Jnae` (did you mean `Jane Doe`?)" in refused(
        root, "thank-you", "Jnae")
    assert "no interviewer `doh` (did you mean `Jane Doe`?)" in refused(root, "thank-you", "doh")


def test_an_unknown_or_ambiguous_application_is_refused(tmp_path):
    other = GOOD_NOTE.replace("Backend Engineer", "Frontend Engineer")
    root = journal_of(tmp_path / "j", {"a.md": GOOD_NOTE.encode(), "b.md": other.encode()})
    said = refused(root, "check-in", "--app", "acme")
    assert ("could be any of: acme-robotics-backend-engineer, acme-robotics-frontend-engineer"
            in said)
    assert "no application `acne-robotics-backend` (did you mean " \
        "`acme-robotics-backend-engineer`?)" in refused(root, "check-in", "--app",
                                                         "acne-robotics-backend")
    assert ("which application? a `check-in` could be for any of: "
            "acme-robotics-backend-engineer, acme-robotics-frontend-engineer; say which with "
            "--app") in refused(root, "check-in")
    assert "no application has a `nudge` to log: say which with --app" in refused(
        root, "nudge")
    assert ("which application? a `other` could be for any of: acme-robotics-backend-engineer, "
            "acme-robotics-frontend-engineer; say which with --app") in refused(root, "other")
    done = log(root, "check-in", "--app", "acme robotics front")
    assert done.exit_code == 0 and "notes/b.md:" in done.stdout


def test_an_unknown_kind_says_which_it_may_be(tmp_path):
    root = journal_of(tmp_path / "j", {"a.md": GOOD_NOTE.encode()})
    assert "unknown kind `thank-yuo` (did you mean `thank-you`?)" in refused(
        root, "thank-yuo", "Jane Doe")


def test_a_thing_unknown_ambiguous_or_already_sent_is_refused(tmp_path):
    note = HEAD + dedent("""
        to_send:
          - Slides from the talk
          - Slides of the design
          - what: Benchmark
            sent: 2026-11-19
        ---
        """)
    root = journal_of(tmp_path / "j", {"a.md": note.encode()})
    assert "could be: “Slides from the talk” in" in refused(root, "sent", "slides")
    assert "nothing to send is called `Slid` (did you mean" not in refused(root, "sent", "Sides")
    assert "“Benchmark” is already sent on 2026-11-19" in refused(root, "sent", "Benchmark")


def test_a_thing_is_found_by_a_word_inside_it(tmp_path):
    note = HEAD + dedent("""
        to_send:
          - The benchmark write-up
          - My Kafka talk slides
        ---
        """)
    root = journal_of(tmp_path / "j", {"a.md": note.encode()})
    done = log(root, "sent", "benchmark write-up")
    assert done.exit_code == 0, done.output
    assert "sent: 2026-11-21" in done.stdout
    assert log(root, "sent", "kafka").exit_code == 0
    assert "“The benchmark write-up” is already sent on 2026-11-21" in refused(
        root, "sent", "Benchmark")


def test_a_second_thank_you_to_the_same_person_is_refused_unless_again(tmp_path):
    root = journal_of(tmp_path / "j", {"a.md": GOOD_NOTE.encode()})
    assert log(root, "thank-you", "Jane Doe", "--date", "2026-11-19").exit_code == 0
    assert refused(root, "thank-you", "jane") == (
        f"Error: a `thank-you` to Jane Doe is logged already, on Thu 19 Nov "
        f"({root / 'notes/a.md'}:12:5); nothing was written: if you sent another, give "
        "--again\n")
    assert log(root, "thank-you", "jane", "--again").exit_code == 0
    entries = front_matter(root / "notes/a.md")["followups"]
    assert [(e["kind"], str(e["date"])) for e in entries] == [("thank-you", "2026-11-19"),
                                                             ("thank-you", "2026-11-21")]
    assert log(root, "linkedin", "jane").exit_code == 0  # another kind
    assert refused(root, "linkedin", "jane").startswith(
        "Error: a `linkedin` to Jane Doe is logged already, on Sat 21 Nov (")


def test_a_thing_that_starts_with_a_dash_is_logged_after_two_dashes(tmp_path):
    note = HEAD + "to_send:\n  - \"-5% latency write-up\"\n---\n"
    root = journal_of(tmp_path / "j", {"a.md": note.encode()})
    done = log(root, "sent", "-5% latency write-up", "--note", "-5% is the p99")
    assert done.exit_code == 2 and done.stdout == ""
    assert ("Error: No such option '-5'. To log a name or thing that starts with `-`, put `--` "
            "before it: fj log sent --note '-5% is the p99' -j "
            f"{root} --today 2026-11-21 -- '-5% latency write-up'\n") in done.stderr
    assert (root / "notes/a.md").read_text() == note
    done = run_fj("log", "--note", "-5% is the p99", "-j", str(root), *TODAY, "sent", "--",
                  "-5% latency write-up")
    assert done.exit_code == 0, done.output
    assert str(front_matter(root / "notes/a.md")["to_send"][0]["sent"]) == "2026-11-21"


def test_a_front_matter_it_cannot_edit_is_refused(tmp_path):
    flow = "---\n{company: Acme, role: Dev, date: 2026-11-18, status: waiting,\n" \
           " interviewers: [{name: Jane Doe}]}\n---\n"
    root = journal_of(tmp_path / "j", {"a.md": flow.encode()})
    said = refused(root, "thank-you", "Jane Doe")
    assert said.startswith(f"{root / 'notes/a.md'}:4:1: error: cannot add the entry (")


def test_a_refusal_to_edit_says_the_line_and_column_it_could_not_edit(tmp_path):
    folded = HEAD + "to_send:\n  - Slides\n  - >-\n    The long write-up\n---\n"
    root = journal_of(tmp_path / "j", {"a.md": folded.encode()})
    assert refused(root, "sent", "long write-up") == (
        f"{root / 'notes/a.md'}:11:5: error: cannot add the entry (the item is a `|` or "
        "`>` block); nothing was written\n")


def test_an_edit_that_would_not_read_back_says_where_to_add_it_by_hand(tmp_path, monkeypatch):
    from followup_journal import logbook, logentry

    def broken(text: str, fields: dict[str, str]) -> logentry.Edited:
        edited = logentry.add_followup(text, fields)
        return logentry.Edited(edited.text.replace("waiting", "rejected"), edited.lines)

    monkeypatch.setattr(logbook, "add_followup", broken)
    note = GOOD_NOTE.replace("---\nIt", "followups:\n  - {kind: linkedin, to: Jane Doe, "
                             "date: 2026-11-19}\n---\nIt")
    root = journal_of(tmp_path / "j", {"a.md": GOOD_NOTE.encode(), "b.md": note.encode()})
    said = refused(root, "thank-you", "Jane Doe", "--date", "2026-11-20")
    assert said.startswith(f"{root / 'notes/a.md'}:11:1: error: the note would not read "
                           "back as it should with the entry added, so nothing was written; "
                           "add it by hand: followups: / - {kind: thank-you, to: Jane Doe, "
                           "date: 2026-11-20}")
    said = refused(root, "linkedin", "Jane Doe", "--date", "2026-11-20", "--again")
    assert f"{root / 'notes/b.md'}:12:5: error: the note would not read back" in said


# `fj log N` ------------------------------------------------------------------------------------


def test_fj_log_n_logs_item_n_of_the_agenda(tmp_path):
    items = json.loads(run_fj("agenda", str(SAMPLE), *TODAY, "--json").stdout)
    shown = [i for section in ("overdue", "due_today", "this_week") for i in items[section]]
    assert [i["number"] for i in shown] == list(range(1, len(shown) + 1))
    for item in shown:
        root = tmp_path / str(item["number"])
        shutil.copytree(SAMPLE, root)
        done = log(root, str(item["number"]))
        if item["rule"] in ("event", "offer-decision"):  # things to do, not messages
            assert done.exit_code == 1 and "is not a message to log" in done.stderr
            continue
        assert done.exit_code == 0, done.output
        assert f"{item['note']}:" in done.stdout
        # what was logged, in the agenda's words, to catch a number read off another day
        said = done.stderr.splitlines()[0]
        assert said.startswith(f"logged item {item['number']}. {item['what']}")
        assert said.endswith(f" · {item['application']}")
        after = json.loads(run_fj("agenda", str(root), *TODAY, "--json").stdout)
        left = [(i["what"], i["application"]) for s in ("overdue", "due_today", "this_week")
                for i in after[s]]
        assert (item["what"], item["application"]) not in left
        assert len(left) == len(shown) - 1


def test_the_numbers_of_the_agenda_hold_for_the_day_as_items_are_logged(tmp_path):
    # found living with the tool over a simulated search: `fj log 1` then `fj log 2` logged
    # the item that had been 3, as the done item 1 left the list and the others moved up
    root = journal_of(tmp_path / "j", {"a.md": GOOD_NOTE.encode()})
    assert log(root, "1").stdout.endswith("- {kind: thank-you, to: Jane Doe, date: 2026-11-21}\n")
    agenda = run_fj("agenda", str(root), *TODAY).stdout
    assert "  2. since Fri 20 Nov  Connect with Jane Doe on LinkedIn" in agenda
    assert "Thank-you" not in agenda
    assert "item 1 (Thank-you note to Jane Doe) is logged already" in refused(root, "1")
    assert log(root, "2").stdout.endswith("- {kind: linkedin, to: Jane Doe, date: 2026-11-21}\n")


def test_what_a_logged_message_also_said_takes_no_number_of_its_own(tmp_path):
    # the thing sent with the thank-you, and the nudge a check-in logged today brings, were not
    # on the morning's agenda: they must not push the other items' numbers along
    note = GOOD_NOTE.replace("highlights:", "to_send: [Slides]\nnext_steps: {by: 2026-11-19}\n"
                             "highlights:")
    root = journal_of(tmp_path / "j", {"a.md": note.encode()})
    morning = run_fj("agenda", str(root), *TODAY).stdout
    assert "2. since Fri 20 Nov  Connect with Jane Doe" in morning
    assert "3. since Fri 20 Nov  Check in on next steps" in morning
    assert "- {kind: thank-you," in log(root, "1").stdout
    assert "- {kind: check-in," in log(root, "3").stdout
    agenda = run_fj("agenda", str(root), *TODAY).stdout
    assert "2. since Fri 20 Nov  Connect with Jane Doe" in agenda
    assert "Slides" not in agenda and "Check in once more" not in agenda


def test_a_promised_thing_of_its_own_keeps_its_number_after_another_thank_you(tmp_path):
    # found by following the docs' complete example: after `fj log 1` (a thank-you to one
    # interviewer), `fj log 2` (a thing promised to another, thanked already) was taken for
    # part of that thank-you, so the morning's item 3 became 2 and `fj log 3` logged item 4
    note = GOOD_NOTE.replace("highlights:", "  - {name: Bob Lee, email: bob@example.com}\n"
                             "to_send: [{what: Slides, to: Jane Doe}]\n"
                             "followups: [{kind: thank-you, to: Jane Doe, date: 2026-11-18}]\n"
                             "highlights:")
    root = journal_of(tmp_path / "j", {"a.md": note.encode()})
    morning = run_fj("agenda", str(root), *TODAY).stdout
    assert "1. Thu 19 Nov  Thank-you note to Bob Lee" in morning
    assert "2. since Thu 19 Nov  Send “Slides” to Jane Doe" in morning
    assert "3. since Fri 20 Nov  Connect with Jane Doe" in morning
    assert "to: Bob Lee, date: 2026-11-21}" in log(root, "1").stdout
    assert "sent: 2026-11-21}" in log(root, "2").stdout
    agenda = run_fj("agenda", str(root), *TODAY).stdout
    assert "3. since Fri 20 Nov  Connect with Jane Doe" in agenda
    assert "{kind: linkedin, to: Jane Doe, date: 2026-11-21}" in log(root, "3").stdout


def test_fj_log_n_refuses_a_number_past_the_agenda(tmp_path):
    root = journal_of(tmp_path / "j", {"a.md": GOOD_NOTE.encode()})
    assert "has 3 items: there is no item 4" in refused(root, "4")


def test_a_feedback_request_sent_in_the_reply_to_a_no_is_logged_as_feedback(tmp_path):
    # found by an adversarial test: the reply asks for feedback, so no item was of rule feedback
    no = GOOD_NOTE.replace("status: waiting", "status: rejected\ndecided: 2026-11-20")
    root = journal_of(tmp_path / "j", {"a.md": no.encode()})
    assert "ask for feedback" in run_fj("agenda", str(root), *TODAY).stdout
    done = log(root, "feedback")
    assert done.exit_code == 0, done.output
    assert done.stdout.endswith("- {kind: feedback, to: Jane Doe, date: 2026-11-21}\n")
    assert "Thank them for the opportunity" not in run_fj("agenda", str(root), *TODAY).stdout


def test_each_printed_line_is_the_line_now_in_the_note(tmp_path):
    # found by an adversarial test: a line rewritten twice was printed twice, once as it was
    promised = GOOD_NOTE.replace("highlights:", "to_send: [Slides, Code]\nhighlights:")
    root = journal_of(tmp_path / "j", {"a.md": promised.encode()})
    done = log(root, "thank-you", "Jane Doe")
    lines = (root / "notes/a.md").read_text().splitlines()
    printed = [PRINTED.match(line).groups() for line in done.stdout.splitlines()]
    assert [number for _, number, _ in printed] == ["9", "12", "13"]
    assert all(lines[int(number) - 1].strip() == text.strip() for _, number, text in printed)


def test_the_thank_you_to_an_event_s_speaker_is_logged_by_name(tmp_path):
    meetup = ("---\nevent: Rust Meetup\ndate: 2026-11-19\nattended: true\n"
              "speakers: [{name: Dana Fox}]\n---\n")
    root = journal_of(tmp_path / "j", {"meetup.md": meetup.encode()})
    done = log(root, "event-thanks", "dana", "--date", "2026-11-20")
    assert done.stdout.endswith("- {kind: event-thanks, to: Dana Fox, date: 2026-11-20}\n")
    assert "Thank Dana Fox" not in run_fj("agenda", str(root), *TODAY).stdout


def test_app_names_the_company_s_application_not_the_meetup_it_hosted(tmp_path):
    # found living with the tool: `--app acme` was ambiguous with Acme's meetup, and `--app
    # rust` wrote a `follow` into the event note, where no rule reads it
    meetup = ("---\nevent: Rust Meetup\ndate: 2026-11-12\ncompany: Acme Robotics\n"
              "attended: true\n---\n")
    root = journal_of(tmp_path / "j", {"a.md": GOOD_NOTE.encode(), "meetup.md": meetup.encode()})
    done = log(root, "follow", "--app", "acme")
    assert done.exit_code == 0, done.output
    assert "notes/a.md:" in done.stdout
    assert "no application `rust`" in refused(root, "follow", "--app", "rust")
    assert (root / "notes/meetup.md").read_text() == meetup
    kept = log(root, "update", "--app", "rust")  # what an event note's log does take
    assert kept.exit_code == 0 and "notes/meetup.md:" in kept.stdout, kept.output


def test_following_the_company_is_logged_for_the_application_and_is_no_contact(tmp_path):
    root = journal_of(tmp_path / "j", {"a.md": GOOD_NOTE.encode()})
    assert "Follow Acme Robotics on LinkedIn (or their blog)" in run_fj(
        "agenda", str(root), *TODAY).stdout
    done = log(root, "follow", "--app", "Acme")
    assert done.exit_code == 0, done.output
    assert done.stdout.endswith("- {kind: follow, date: 2026-11-21}\n")
    agenda = json.loads(run_fj("agenda", str(root), *TODAY, "--json").stdout)
    assert "follow" not in [i["rule"] for s in ("overdue", "due_today", "this_week")
                            for i in agenda[s]]
    # The update stays four weeks after the interview, not after the follow.
    later = json.loads(run_fj("agenda", str(root), "--today", "2026-12-16", "--json").stdout)
    assert "update" in [i["rule"] for i in later["due_today"]]


SHARED = """
[[articles]]
title = "Queues that never lose a message"
for = "Acme Robotics"

[[articles]]
title = "Billing at scale"
for = "Acme Robotics"
"""


def test_logging_an_update_records_the_article_its_draft_shared(tmp_path):
    root = journal_of(tmp_path / "j", {"a.md": GOOD_NOTE.encode()})
    (root / "journal.toml").write_text(CONFIG + SHARED, "utf-8")
    done = log(root, "update", "--app", "Acme", "--date", "2026-12-16")
    assert done.stdout.endswith('- {kind: update, to: Jane Doe, date: 2026-12-16, note: '
                                '"shared: Queues that never lose a message"}\n'), done.output
    # As `fj log N` does, and a note of your own is kept as you wrote it.
    agenda = json.loads(run_fj("agenda", str(root), "--today", "2027-01-13", "--json").stdout)
    [number] = [i["number"] for i in agenda["due_today"] if i["rule"] == "update"]
    again = run_fj("log", str(number), "-j", str(root), "--today", "2027-01-13")
    assert again.stdout.endswith('date: 2027-01-13, note: "shared: Billing at scale"}\n'), \
        again.output
    mine = log(root, "update", "--app", "Acme", "--note", "Asked about their roadmap")
    assert mine.stdout.endswith("note: Asked about their roadmap}\n"), mine.output


NO_WITH_FEEDBACK = GOOD_NOTE.replace("status: waiting", """status: rejected
decided: 2026-11-20
decided_by: Sam Okafor
people: [{name: Sam Okafor, email: sam@example.com}]
feedback: [{given_by: Sam Okafor, date: 2026-11-20, said: Test more}]
events: [{name: Webinar, date: 2026-11-25}]""")


@pytest.mark.parametrize("logged", [("5",), ("rejection-thanks",), ("feedback-thanks", "sam")])
def test_the_reply_to_a_no_that_thanks_for_the_feedback_is_logged_as_either(tmp_path, logged):
    """Sam gave the no and his feedback with it: one item, one message, logged by its number
    or as either kind, and the items after it keep their numbers."""
    root = journal_of(tmp_path / "j", {"a.md": NO_WITH_FEEDBACK.encode()})
    morning = run_fj("agenda", str(root), *TODAY).stdout
    assert ("5. Mon 23 Nov  Thank them for the opportunity, and for their feedback "
            "(to Sam Okafor)") in morning
    assert "6. Wed 25 Nov  Attend Webinar" in morning and "Thank Sam" not in morning
    done = log(root, *logged)
    assert done.exit_code == 0, done.output
    kind = "feedback-thanks" if logged[0] == "feedback-thanks" else "rejection-thanks"
    assert done.stdout.endswith(f"- {{kind: {kind}, to: Sam Okafor, date: 2026-11-21}}\n")
    agenda = run_fj("agenda", str(root), *TODAY).stdout
    assert "Thank them" not in agenda and "Thank Sam" not in agenda
    assert "6. Wed 25 Nov  Attend Webinar" in agenda



def test_the_feedback_thanked_in_the_reply_to_a_no_is_not_logged_again(tmp_path):
    # found by living with the tool: after the reply was logged, `fj log feedback-thanks`
    # added a second message to Sam, counted as sent
    root = journal_of(tmp_path / "j", {"a.md": NO_WITH_FEEDBACK.encode()})
    assert log(root, "rejection-thanks").exit_code == 0
    said = refused(root, "feedback-thanks", "Sam")
    assert "the thanks for Sam Okafor's feedback went with the reply to the no, logged on " \
           "Sat 21 Nov" in said and "give --again" in said
    assert log(root, "feedback-thanks", "Sam", "--again").exit_code == 0

def test_feedback_given_before_the_no_logged_the_same_day_keeps_the_numbers(tmp_path):
    # Two messages to Sam, the thanks for his feedback in the interview and the reply to his
    # no: logging both leaves the webinar the number the morning gave it.
    before = NO_WITH_FEEDBACK.replace("date: 2026-11-20, said", "date: 2026-11-18, said")
    root = journal_of(tmp_path / "j", {"a.md": before.encode()})
    morning = run_fj("agenda", str(root), *TODAY).stdout
    assert "Thank Sam Okafor for the feedback" in morning
    assert "7. Wed 25 Nov  Attend Webinar" in morning
    assert log(root, "feedback-thanks", "sam").exit_code == 0
    assert log(root, "rejection-thanks").exit_code == 0
    assert "7. Wed 25 Nov  Attend Webinar" in run_fj("agenda", str(root), *TODAY).stdout


def test_feedback_given_since_the_last_thanks_is_logged_without_again(tmp_path):
    # found by an adversarial test: Sam's feedback in the interview was thanked, then he gave
    # more with the no; the agenda asks for the reply thanking him, and `fj log feedback-thanks
    # sam` was refused as a second thanks to him
    thanked = NO_WITH_FEEDBACK.replace(
        "feedback: [{given_by: Sam Okafor, date: 2026-11-20, said: Test more}]",
        "feedback:\n  - {given_by: Sam Okafor, date: 2026-11-18, said: Test more}\n"
        "  - {given_by: Sam Okafor, date: 2026-11-20, said: Design more}\n"
        "followups: [{kind: feedback-thanks, to: Sam Okafor, date: 2026-11-19}]")
    root = journal_of(tmp_path / "j", {"a.md": thanked.encode()})
    assert "Thank them for the opportunity, and for their feedback (to Sam Okafor)" in run_fj(
        "agenda", str(root), *TODAY).stdout
    done = log(root, "feedback-thanks", "sam")
    assert done.exit_code == 0, done.output
    assert "Thank them" not in run_fj("agenda", str(root), *TODAY).stdout
    assert refused(root, "feedback-thanks", "sam").startswith(
        "Error: a `feedback-thanks` to Sam Okafor is logged already, on Sat 21 Nov (")


def test_followups_go_at_the_end_of_the_front_matter_after_a_block(tmp_path):
    # as format.md says: a note with none gets `followups:` at the end of its front matter, even
    # after a `|` block, whose text stays as it was
    root = journal_of(tmp_path / "j", {"a.md": TRICKY["block-last.md"].encode()})
    assert log(root, "thank-you", "Jane Doe").exit_code == 0
    assert (root / "notes/a.md").read_text().endswith(
        "reflection:\n  went_well: |\n    Calm.\n\n    Prepared.\n"
        "followups:\n  - {kind: thank-you, to: Jane Doe, date: 2026-11-21}\n---\n")
    assert front_matter(root / "notes/a.md")["reflection"]["went_well"] == "Calm.\n\nPrepared.\n"
