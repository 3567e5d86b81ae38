"""Draft messages beside each note: personal, day-independent, and never at the cost of an edit."""

from __future__ import annotations

import email
import email.policy
import html
import re
import shutil
import urllib.parse
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import CONFIG, GOOD_NOTE, SAMPLE, ScratchJournal, run_fj
from test_build import files_of

from followup_journal.drafts import LINKEDIN_FREE_LIMIT, Draft, greeting_of, parse_draft
from followup_journal.model import Interviewer
from followup_journal.rules import RULES

KINDS = {"thank-you", "info", "linkedin", "check-in", "rejection-thanks", "feedback", "update"}
DRAFTS_FAR_AHEAD = "\n[drafts]\ndue_within = 1000\n"  # every draft, however far its item is


def drafts_far_ahead(journal) -> None:
    """Drafts written for items however far away: for tests of what a draft says."""
    journal.write("journal.toml", (journal.root / "journal.toml").read_text("utf-8")
                  + DRAFTS_FAR_AHEAD)


def drafts_in(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*.drafts/*")) if p.is_file()}


def build(journal, *args, today="2026-11-21"):
    return journal.run("build", "--today", today, *args)


@pytest.fixture
def sample(tmp_path):
    copy = tmp_path / "sample"
    shutil.copytree(SAMPLE, copy, ignore=shutil.ignore_patterns("_site"))
    return copy


# The sample's drafts are its golden files -------------------------------------------------------


def test_the_sample_drafts_are_exactly_what_a_build_writes(sample):
    expected = drafts_in(SAMPLE)
    for folder in sample.rglob("*.drafts"):
        shutil.rmtree(folder)
    assert run_fj("build", str(sample), "--today", "2026-11-21").exit_code == 0
    assert drafts_in(sample) == expected
    names = [Path(name).name for name in expected]
    # Each kind of message but the feedback request, which joins the reply to a no
    def kind_of(name: str) -> str:  # the longest rule it starts with: not `feedback`
        return max((k for k in RULES if name.startswith(k)), key=len, default="")

    assert {kind_of(name) for name in names} & KINDS == KINDS - {"feedback"}
    # None for an item weeks away: a keep-in-touch update to Brisa Pagamentos is due in 2027
    assert not list(SAMPLE.glob("notes/*brisa*.drafts/update.md"))
    # Rui gave his feedback with the no: the reply thanks him for it, and asks for none.
    [reply] = [text for name, text in expected.items() if name.endswith("/rejection-thanks.md")]
    assert b"grateful for any feedback" not in reply and b"> Strong on reconciliation" in reply
    assert not [name for name in names if name.startswith("feedback-thanks-rui")]


def test_drafts_do_not_depend_on_the_day_of_the_build_once_their_items_are_near(sample):
    (sample / "journal.toml").write_text((sample / "journal.toml").read_text("utf-8")
                                         + DRAFTS_FAR_AHEAD + "drop_overdue_after = 1000\n")
    assert "and 0 drafts" not in run_fj("build", str(sample), "--today", "2026-11-21").stderr
    before = drafts_in(sample)
    for today in ["2026-11-22", "2026-12-25"]:
        result = run_fj("build", str(sample), "--today", today)
        assert "and 0 drafts" in result.stderr
    assert drafts_in(sample) == before


def test_a_linkedin_note_fits_the_limit_of_a_free_account(sample):
    for path in sample.rglob("*.drafts/linkedin-*.md"):
        assert len(parse_draft(path.read_text()).body) <= LINKEDIN_FREE_LIMIT


# What is in them --------------------------------------------------------------------------------

TWO_PEOPLE = GOOD_NOTE.replace("""  - name: Jane Doe
    email: jane@example.com
""", """  - name: Jane Doe
    email: jane@example.com
    learned: Sails on the Tagus at weekends
    highlights: [Chaos engineering game days]
  - name: Omar Haddad
    email: omar@example.com
    highlights: [Their on-call rotation]
""")


def test_each_interviewer_gets_a_message_about_what_was_discussed_with_them(journal):
    journal.write("journal.toml", '[me]\nname = "Ana Souza"\nsignature = "Ana Souza\\n+351 1"\n')
    journal.note("a.md", TWO_PEOPLE)
    build(journal)
    folder = journal.root / "notes/a.drafts"
    jane = parse_draft((folder / "thank-you-jane-doe.md").read_text())
    omar = parse_draft((folder / "thank-you-omar-haddad.md").read_text())
    assert jane.to == "Jane Doe <jane@example.com>"
    assert jane.subject == "Thank you for our conversation about the Backend Engineer role"
    assert jane.body.startswith("Dear Jane,\n\nThank you for taking the time")
    assert "- Chaos engineering game days" in jane.body and "on-call" not in jane.body
    assert "- Their on-call rotation" in omar.body and "Chaos" not in omar.body
    # What the user noted about a person is private: a prompt to write in their own words.
    assert ("[[a personal line, in your words, about what you learned: Sails on the Tagus at "
            "weekends]]") in jane.body
    assert "Acme Robotics" in jane.body
    assert jane.body.endswith("With best regards,\nAna Souza\n+351 1")


def test_what_the_note_lacks_is_a_marked_placeholder_and_check_warns(journal):
    journal.note("a.md", GOOD_NOTE.replace("    email: jane@example.com\n", "").replace(
        "highlights:\n  - Their move of billing to an event queue\n", ""))
    build(journal)
    draft = parse_draft((journal.root / "notes/a.drafts/thank-you-jane-doe.md").read_text())
    assert draft.to == "Jane Doe <[[email address of Jane Doe]]>"
    assert "I especially enjoyed [[something specific you discussed with Jane]]." in draft.body
    warnings = journal.run("check").stdout
    assert "notes/a.md:7:5: warning: no `email` for Jane Doe" in warnings
    assert "notes/a.md:7:5: warning: nothing specific to mention in the thank-you" in warnings


def test_a_check_in_with_no_date_named_and_a_shorter_nudge_after_it(journal):
    journal.note("a.md")
    build(journal, today="2026-11-30")
    folder = journal.root / "notes/a.drafts"
    check_in = parse_draft((folder / "check-in.md").read_text()).body
    assert check_in.startswith("Dear Jane,\n\nI hope you are well. We spoke on Wednesday "
                               "18 November 2026, and as some time has passed")
    assert not (folder / "nudge.md").exists()  # no check-in sent yet
    journal.note("a.md", GOOD_NOTE.replace("status: waiting", "status: waiting\nfollowups:\n"
                                           "  - {kind: check-in, date: 2026-12-03 09:00}"))
    build(journal, today="2026-12-04")
    nudge = parse_draft((folder / "nudge.md").read_text())
    assert nudge.to == "Jane Doe <jane@example.com>"
    assert "my note of Thursday 3 December 2026" in nudge.body
    assert len(nudge.body) < len(check_in)


def test_what_an_earlier_round_says_of_a_person_is_used_in_the_next(journal):
    journal.note("a1.md", GOOD_NOTE.replace("status: waiting", "stage: screen\nstatus: next-round")
                 .replace("2026-11-18", "2026-11-10")
                 .replace("    email: jane@example.com\n", "    email: jane@example.com\n"
                          "    title: Engineering Manager\n"))
    journal.note("a2.md", GOOD_NOTE.replace("status: waiting", "stage: final\nstatus: waiting\n"
                                                               "next_steps:\n  by: 2026-11-20")
                 .replace("    email: jane@example.com\n", "    email:\n  - name: Bob Roe\n"
                          "    email: bob@example.com\n"))
    warnings = journal.run("check", "--today", "2026-11-21").stdout
    build(journal)

    assert "no `email`" not in warnings
    folder = journal.root / "notes/a2.drafts"
    assert (folder / "thank-you-jane-doe.md").read_text().startswith(
        "To: Jane Doe <jane@example.com>")
    assert (folder / "check-in.md").read_text().startswith("To: Jane Doe <jane@example.com>")
    contacts = (journal.root / "_site/contacts.html").read_text("utf-8")
    assert "Engineering Manager" in contacts
    page = (journal.root / "_site/interviews/notes/a2.html").read_text("utf-8")
    assert '<p class="title">Engineering Manager</p>' in page  # "Who you met"
    assert 'href="mailto:jane@example.com">jane@example.com</a>' in page


def test_what_another_application_at_the_company_says_of_a_person_is_used_too(journal):
    first = journal.note("a.md", GOOD_NOTE.replace("2026-11-18", "2026-11-10"))
    journal.note("b.md", GOOD_NOTE.replace("Backend Engineer", "Platform Engineer")
                 .replace("    email: jane@example.com\n", ""))
    warnings = journal.run("check", "--today", "2026-11-21").stdout
    build(journal)

    assert "no `email`" not in warnings
    draft = journal.root / "notes/b.drafts/thank-you-jane-doe.md"
    assert draft.read_text().startswith("To: Jane Doe <jane@example.com>")
    first.write_text(first.read_text().replace("jane@example.com", "jane@acme.example"))
    build(journal)
    assert draft.read_text().startswith("To: Jane Doe <jane@acme.example>")  # followed

    journal.note("c.md", GOOD_NOTE.replace("2026-11-18", "2026-11-20")  # a.md's application
                 .replace("    email: jane@example.com\n", ""))
    journal.note("b.md", GOOD_NOTE.replace("Backend Engineer", "Platform Engineer")
                 .replace("jane@example.com", "jane@new.example"))  # given later than in a.md
    build(journal)
    latest = journal.root / "notes/c.drafts/thank-you-jane-doe.md"
    assert latest.read_text().startswith("To: Jane Doe <jane@new.example>")
    contacts = (journal.root / "_site/contacts.html").read_text("utf-8")
    assert "jane@new.example" in contacts and "jane@acme.example" not in contacts


def test_the_latest_meeting_at_the_company_decides_for_drafts_and_contacts_alike(journal):
    journal.note("a1.md", GOOD_NOTE.replace("2026-11-18 14:30", "2026-11-10")
                 .replace("    email: jane@example.com\n", ""))
    journal.note("a2.md", GOOD_NOTE.replace("14:30", "16:00")
                 .replace("jane@example.com", "jane@a.example"))
    journal.note("b1.md", GOOD_NOTE.replace("14:30", "09:00")  # the same day, earlier
                 .replace("Backend Engineer", "Platform Engineer")
                 .replace("jane@example.com", "jane@b.example"))
    build(journal)

    draft = (journal.root / "notes/a1.drafts/thank-you-jane-doe.md").read_text()
    assert draft.startswith("To: Jane Doe <jane@a.example>")
    contacts = (journal.root / "_site/contacts.html").read_text("utf-8")
    assert "jane@a.example" in contacts and "jane@b.example" not in contacts


def test_a_thank_you_without_an_address_is_warned_at_the_person(journal):
    journal.note("a.md", GOOD_NOTE.replace("    email: jane@example.com\n", ""))
    journal.note("b.md", GOOD_NOTE.replace("    email: jane@example.com\n", "")
                 .replace("Acme Robotics", "Beta").replace("status: waiting", "status: scheduled"))
    journal.note("c.md", GOOD_NOTE.replace("    email: jane@example.com\n", "")
                 .replace("Acme Robotics", "Gamma").replace("status: waiting", "status: withdrawn"))
    warnings = journal.run("check", "--today", "2026-11-17").stdout.splitlines()
    assert [w.rpartition("journal/")[2] for w in warnings if "no `email`" in w] == [
        "notes/a.md:7:5: warning: no `email` for Jane Doe: the thank-you draft has a placeholder "
        "for it"]


def test_a_greeting_can_be_set_for_people_whose_first_name_is_not_first(journal):
    journal.note("a.md", GOOD_NOTE.replace("  - name: Jane Doe\n",
                                           "  - name: 田中 美咲\n    greeting: Tanaka-san\n"))
    build(journal)
    [thank_you] = (journal.root / "notes/a.drafts").glob("thank-you-*.md")
    assert parse_draft(thank_you.read_text()).body.startswith("Dear Tanaka-san,")


# Never lose the user's words -------------------------------------------------------------------


@pytest.mark.parametrize(("name", "greeting"), [
    ("Jane Doe", "Jane"), ("Dr Jane Doe", "Dr Doe"), ("Herr Jörg Bäumer", "Herr Bäumer"),
    ("Δρ. Νίκος Παππάς", "Δρ. Παππάς"), ("пані Оксана Коваль", "пані Коваль"),
    ("श्री राजेश कुमार", "श्री कुमार"), ("Ing. Petr Novák", "Ing. Novák"), ("Ing Wongsakul", "Ing"),
])
def test_a_title_before_a_name_goes_with_the_surname(name, greeting):
    assert greeting_of(Interviewer(name)) == greeting


def test_an_edited_draft_survives_ten_rebuilds_byte_for_byte(journal):
    note = journal.note("a.md")
    build(journal)
    draft = journal.root / "notes/a.drafts/thank-you-jane-doe.md"
    mine = draft.read_bytes().replace(b"Dear Jane,", b"Hi Jane! \xe2\x9c\xa8")
    draft.write_bytes(mine)
    note.write_text(note.read_text().replace("event queue", "event log"))  # ours would differ
    first = build(journal)
    assert "kept your edited draft" in first.stderr and "(1 edited, kept)" in first.stderr
    for _ in range(9):
        again = build(journal)
        assert again.exit_code == 0
        assert "kept" not in again.stderr  # said once, when the tool's version changed
    assert draft.read_bytes() == mine
    index = (journal.root / "_site/index.html").read_text()
    assert "Drafts you edited" in index and "notes/a.drafts/thank-you-jane-doe.md" in index


def test_an_unedited_draft_follows_a_change_of_its_note(journal):
    note = journal.note("a.md")
    build(journal)
    draft = journal.root / "notes/a.drafts/thank-you-jane-doe.md"
    assert "event queue" in draft.read_text()
    note.write_text(note.read_text().replace("event queue", "event log"))
    build(journal)
    assert "event log" in draft.read_text() and "event queue" not in draft.read_text()


def test_an_unedited_draft_whose_item_is_done_is_removed(journal):
    note = journal.note("a.md")
    build(journal)
    draft = journal.root / "notes/a.drafts/thank-you-jane-doe.md"
    assert draft.exists()
    note.write_text(note.read_text().replace(
        "highlights:", "followups: [{kind: thank-you, to: Jane Doe, date: 2026-11-19}]\n"
                       "highlights:"))
    result = build(journal)
    assert not draft.exists()
    assert (journal.root / "notes/a.drafts/linkedin-jane-doe.md").exists()
    assert "removed 1 draft no longer needed" in result.stderr


def test_an_edited_draft_whose_item_is_done_is_left_as_it_is(journal):
    note = journal.note("a.md")
    build(journal)
    draft = journal.root / "notes/a.drafts/thank-you-jane-doe.md"
    draft.write_text(draft.read_text("utf-8") + "P.S. My own words.\n", "utf-8")
    before = draft.read_bytes()
    note.write_text(note.read_text().replace(
        "highlights:", "followups: [{kind: thank-you, to: Jane Doe, date: 2026-11-19}]\n"
                       "highlights:"))
    build(journal)
    assert draft.read_bytes() == before


def test_the_drafts_of_a_renamed_note_are_kept_and_reported_never_deleted(journal):
    note = journal.note("a.md")
    build(journal)
    folder = journal.root / "notes/a.drafts"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    note.rename(journal.root / "notes/b.md")
    result = build(journal)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert "drafts beside a note that is gone: " in result.stderr
    assert "notes/a.drafts" in result.stderr
    assert (journal.root / "notes/b.drafts/thank-you-jane-doe.md").exists()
    index = (journal.root / "_site/index.html").read_text()
    assert "Drafts beside a note that is gone" in index and "notes/a.drafts/" in index


def test_the_drafts_you_edited_beside_a_renamed_note_are_named(journal):
    note = journal.note("a.md")
    build(journal)
    (journal.root / "notes/a.drafts/thank-you-jane-doe.md").write_text("Dear Jane, my words.\n")
    note.rename(journal.root / "notes/b.md")
    result = build(journal)
    assert "notes/a.drafts (delete the folder when you no longer need it; your edits are in " \
           "thank-you-jane-doe.md)" in result.stderr
    index = (journal.root / "_site/index.html").read_text()
    assert "notes/a.drafts/</code>: your edits are in <code>thank-you-jane-doe.md</code>" in index


def test_a_note_saved_with_a_mistake_draws_no_drafts_beside_the_others(journal):
    screen = GOOD_NOTE.replace("status: waiting", "stage: screen\nstatus: next-round")
    onsite = GOOD_NOTE.replace("2026-11-18", "2026-11-20").replace("Jane Doe", "Bob Roe")
    journal.note("a1.md", screen.replace("2026-11-18", "2026-11-10"))
    journal.note("a2.md", onsite)
    build(journal)
    before = drafts_in(journal.root)

    journal.note("a2.md", onsite.replace("status: waiting", "status: [waiting"))
    assert build(journal).exit_code == 1  # the application looks a round behind without it
    assert drafts_in(journal.root) == before

    journal.write("journal.toml", CONFIG + 'signature = "Ana"\n')  # all drafts made again
    assert build(journal).exit_code == 1
    assert drafts_in(journal.root).keys() == before.keys()
    page = (journal.root / "_site/interviews/notes/a1.html").read_text("utf-8")
    assert "Drafts to send" in page and "Kept as copies" not in page  # held, not done

    journal.note("a2.md", onsite)
    assert build(journal).exit_code == 0
    assert drafts_in(journal.root).keys() == before.keys()


def test_a_note_with_a_mistake_moved_as_it_is_still_holds_its_applications_drafts(journal):
    screen = GOOD_NOTE.replace("status: waiting", "stage: screen\nstatus: next-round")
    onsite = GOOD_NOTE.replace("2026-11-18", "2026-11-20").replace("Jane Doe", "Bob Roe")
    journal.note("a1.md", screen.replace("2026-11-18", "2026-11-10"))
    broken = journal.note("a2.md", onsite)
    build(journal)
    journal.note("a2.md", onsite.replace("status: waiting", "status: [waiting"))
    build(journal)
    before = drafts_in(journal.root)

    broken.rename(journal.root / "notes/a2-onsite.md")  # `git mv`, the mistake still in it
    assert build(journal).exit_code == 1
    assert build(journal).exit_code == 1  # and again, from what the last build remembered

    assert drafts_in(journal.root).keys() == before.keys()  # no round-behind drafts in a1


def test_two_notes_with_one_mistake_moved_together_each_hold_their_application(journal):
    for company in ("Acme Robotics", "Beta"):
        screen = GOOD_NOTE.replace("Acme Robotics", company).replace(
            "status: waiting", "stage: screen\nstatus: next-round")
        journal.note(f"{company[0]}1.md", screen.replace("2026-11-18", "2026-11-10"))
        journal.note(f"{company[0]}2.md", screen.replace("2026-11-18", "2026-11-20"))
    build(journal)
    for company in ("A", "B"):  # the same bytes in both: the company is what broke
        journal.note(f"{company}2.md", "---\ncompany: [\n---\n")
    build(journal)
    before = drafts_in(journal.root)

    for company in ("A", "B"):
        (journal.root / f"notes/{company}2.md").rename(journal.root / f"notes/{company}2-x.md")
    build(journal)

    assert drafts_in(journal.root).keys() == before.keys()


def test_a_broken_note_holds_its_own_application_when_another_takes_its_key(journal):
    journal.note("c.md", GOOD_NOTE.replace("Robotics", "").replace(
        "Backend Engineer", "C Developer").replace("Jane Doe", "Ana Ito"))
    cpp = GOOD_NOTE.replace("Robotics", "").replace("Backend Engineer", "C++ Developer").replace(
        "2026-11-18", "2026-11-19").replace("Jane Doe", "Dan Ito")
    journal.note("cpp.md", cpp)  # the same key as C Developer's, but for a -2
    build(journal)
    journal.note("c.md", "---\ncompany: [Acme\n---\n")
    build(journal)
    journal.note("cpp.md", cpp.replace("event queue", "payment ledger"))
    build(journal)
    thanks = (journal.root / "notes/cpp.drafts/thank-you-dan-ito.md").read_text("utf-8")
    assert "payment ledger" in thanks  # not frozen by the other application's typo


def test_a_broken_note_holds_its_application_when_the_others_spell_the_company_otherwise(
        journal):
    waiting = "status: waiting\nnext_steps: {by: 2026-11-08}"
    journal.note("a.md", GOOD_NOTE.replace("Acme Robotics", "Weiß Logistik").replace(
        "2026-11-18 14:30", "2026-11-01 10:00").replace("status: waiting", waiting))
    offer = GOOD_NOTE.replace("Acme Robotics", "WEISS LOGISTIK").replace("status: waiting",
                                                                         "status: offer")
    journal.note("b.md", offer)
    build(journal)
    before = drafts_in(journal.root)
    journal.note("b.md", offer.replace("company: WEISS", "company: [WEISS"))
    build(journal)
    assert drafts_in(journal.root) == before  # no check-in written beside a.md, for good


def test_while_a_note_is_held_its_report_does_not_depend_on_when_the_config_changed(
        journal, tmp_path):
    def round_of(day: str, status: str) -> str:
        return GOOD_NOTE.replace("2026-11-18", day).replace(
            "status: waiting", f"status: {status}\nnext_steps:\n  by: 2026-11-25")

    third = round_of("2026-11-17", "waiting")
    for name, text in (("a1.md", round_of("2026-11-10", "next-round")),
                       ("a2.md", round_of("2026-11-14", "next-round")),  # a1's check-in: gone
                       ("a3.md", third)):  # and a2's, edited: a copy
        journal.note(name, text)
        build(journal)
        if name == "a2.md":
            check_in = journal.root / "notes/a2.drafts/check-in.md"
            check_in.write_text(check_in.read_text("utf-8") + "P.S. Mine.\n", "utf-8")
    other = ScratchJournal(tmp_path / "other")
    shutil.copytree(journal.root, other.root, ignore=shutil.ignore_patterns("_site"),
                    dirs_exist_ok=True)
    build(other)

    def break_third(j: ScratchJournal) -> None:
        j.note("a3.md", third.replace("status: waiting", "status: [waiting"))

    def change_config(j: ScratchJournal) -> None:  # not the drafts' words: their key
        j.write("journal.toml", 'exclude = ["scratch/"]\n' + CONFIG)

    for one, then in ((journal, [break_third, change_config]),
                      (other, [change_config, break_third])):
        for step in then:
            step(one)
            build(one)

    assert files_of(journal.root / "_site") == files_of(other.root / "_site")
    assert drafts_in(journal.root) == drafts_in(other.root)
    page = (journal.root / "_site/interviews/notes/a2.html").read_text("utf-8")
    assert "Kept as copies" in page


def test_a_file_of_the_users_with_a_drafts_name_is_never_replaced(journal):
    journal.note("a.md")
    mine = journal.write("notes/a.drafts/thank-you-jane-doe.md", "I wrote this myself.\n")
    build(journal)
    assert mine.read_text() == "I wrote this myself.\n"


def test_drafts_are_never_read_as_notes(journal):
    journal.note("a.md")
    build(journal)
    result = journal.run("check")
    assert result.stderr == "checked 1 note: no problems\n"


def test_a_crash_in_the_middle_of_a_write_leaves_the_old_or_the_new_file(journal, monkeypatch):
    from followup_journal import atomicwrite

    note = journal.note("a.md")
    build(journal)
    draft = journal.root / "notes/a.drafts/thank-you-jane-doe.md"
    old = draft.read_bytes()
    note.write_text(note.read_text().replace("event queue", "event log"))

    def power_cut(self, target):  # the rename never happens
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(Path, "replace", power_cut)
    with pytest.raises(OSError):
        atomicwrite.atomic_write(draft, b"new text, half")
    assert draft.read_bytes() == old
    assert [p.name for p in draft.parent.iterdir() if p.name.endswith(".tmp")] == []
    monkeypatch.undo()
    build(journal)
    assert b"event log" in draft.read_bytes()


def stop_on_call(monkeypatch, owner, name: str, when, nth: int) -> list[object]:
    """Make `owner.name` raise KeyboardInterrupt (Ctrl-C) on its `nth` call that `when` picks."""
    real, calls = getattr(owner, name), []

    def stopped(*args):
        if when(*args):
            calls.append(args)
            if len(calls) == nth:
                raise KeyboardInterrupt
        return real(*args)

    monkeypatch.setattr(owner, name, stopped)
    return calls


@pytest.mark.parametrize("moment", ["staging a draft", "putting a draft in place",
                                    "putting a record in place"])
def test_ctrl_c_while_drafts_are_written_leaves_no_temporary_file_among_them(
        journal, monkeypatch, moment):
    from followup_journal import atomicwrite, draftfiles

    for company in ["Acme", "Beta", "Gamma", "Delta"]:
        journal.note(f"{company.lower()}.md", GOOD_NOTE.replace("Acme Robotics", company))
    nth = 3
    if moment == "staging a draft":
        calls = stop_on_call(monkeypatch, atomicwrite, "stage", lambda path, data: True, nth)
    else:
        name = ".md" if moment == "putting a draft in place" else draftfiles.RECORD
        calls = stop_on_call(monkeypatch, Path, "replace",
                             lambda temporary, path: str(path).endswith(name), nth)

    stopped = build(journal)

    assert (stopped.exit_code, stopped.stderr, len(calls)) == (1, "\nAborted!\n", nth)
    assert [p for p in (journal.root / "notes").rglob("*") if p.name.endswith(".tmp")] == []
    monkeypatch.undo()
    assert build(journal).exit_code == 0
    assert len(list((journal.root / "notes").glob("*.drafts/thank-you-jane-doe.md"))) == 4


def test_a_long_edited_linkedin_note_is_warned_about_past_200_and_an_error_past_300(journal):
    journal.note("a.md")
    build(journal)
    draft = journal.root / "notes/a.drafts/linkedin-jane-doe.md"
    mine = draft.read_text().rstrip() + " "
    draft.write_text(mine + "x" * (250 - len(parse_draft(mine).body) - 1) + "\n")
    result = journal.run("check")
    assert result.exit_code == 0
    assert ("linkedin-jane-doe.md:1:1: warning: this LinkedIn note has 250 characters; from a "
            "free account LinkedIn takes 200") in result.stdout
    draft.write_text(mine + "More words. " * 30 + "\n")
    result = journal.run("check")
    found = re.search(r"linkedin-jane-doe\.md:1:1: error: this LinkedIn note has (\d+) "
                      r"characters; LinkedIn takes 300", result.stdout)
    assert found and int(found.group(1)) > 300
    assert result.exit_code == 1


def test_an_editors_lock_among_the_drafts_hides_none_of_them(journal):
    journal.note("a.md")
    build(journal)
    page = journal.root / "_site/interviews/notes/a.html"
    drafts = re.findall(r'data-copy="(draft-[^"]+)"', page.read_text())
    assert len(drafts) >= 2
    # Emacs, editing a draft, holds a lock: a link to nowhere, which cannot be read.
    (journal.root / "notes/a.drafts/.#thank-you-jane-doe.md").symlink_to("ana@laptop.4242")
    assert build(journal, "--no-cache").exit_code == 0
    assert re.findall(r'data-copy="(draft-[^"]+)"', page.read_text()) == drafts


# In the report ----------------------------------------------------------------------------------


def test_the_interview_page_links_each_email_draft_to_the_mail_client(journal):
    journal.note("a.md", GOOD_NOTE.replace("Jane Doe", "Zoë Lefèvre").replace(
        "jane@example.com", "zoe@example.com"))
    build(journal)
    page = (journal.root / "_site/interviews/notes/a.html").read_text()
    draft = parse_draft((journal.root / "notes/a.drafts/thank-you-zoe-lefevre.md").read_text())
    drafts = page.split('id="drafts-heading"')[1]  # the rows above link to it too
    links = [html.unescape(href) for href in re.findall(r'href="(mailto:[^"]+)"', drafts)]
    thank_you = [link for link in links if "Thank%20you" in link]
    assert len(thank_you) == 1
    address, _, query = thank_you[0].removeprefix("mailto:").partition("?")
    fields = urllib.parse.parse_qs(query)
    assert urllib.parse.unquote(address) == "zoe@example.com"
    assert fields["subject"] == [draft.subject]
    assert fields["body"][0].replace("\r\n", "\n") == draft.body
    assert "Zo%C3%AB" in thank_you[0]  # non-ASCII percent-encoded as UTF-8
    assert 'data-copy="draft-' in page


def test_eml_files_open_as_unsent_messages(journal):
    journal.write("journal.toml", '[me]\nname = "Ana Souza"\nemail = "ana@example.com"\n')
    journal.note("a.md", GOOD_NOTE.replace("Jane Doe", "Zoë Lefèvre"))
    build(journal, "--eml")
    path = journal.root / "_site/eml/notes/a.drafts/thank-you-zoe-lefevre.eml"
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    draft = parse_draft((journal.root / "notes/a.drafts/thank-you-zoe-lefevre.md").read_text())
    assert message["X-Unsent"] == "1"
    assert message["To"] == "Zoë Lefèvre <jane@example.com>"
    assert message["From"] == "Ana Souza <ana@example.com>"
    assert message["Subject"] == draft.subject
    assert message.get_content().replace("\r\n", "\n").strip() == draft.body  # mail uses CRLF
    assert not (journal.root / "_site/eml/notes/a.drafts/linkedin-zoe-lefevre.eml").exists()


# Found in review ----------------------------------------------------------------------------------


def test_windows_line_endings_or_a_bom_are_not_an_edit(journal):
    note = journal.note("a.md")
    build(journal)
    draft = journal.root / "notes/a.drafts/thank-you-jane-doe.md"
    draft.write_bytes(b"\xef\xbb\xbf" + draft.read_bytes().replace(b"\n", b"\r\n"))
    assert "kept" not in build(journal).stderr
    note.write_text(note.read_text().replace("event queue", "event log"))
    build(journal)
    assert b"event log" in draft.read_bytes()  # still ours: it follows the note


def test_two_interviewers_whose_names_make_one_file_name_get_a_thank_you_each(journal):
    journal.note("a.md", GOOD_NOTE.replace("  - name: Jane Doe\n    email: jane@example.com\n", """\
  - name: Anna Lee
    email: anna@example.com
  - name: Anna-Lee
    email: annalee@example.com
  - name: Zoë Brand
  - name: Zoe Brand
"""))
    build(journal)
    folder = journal.root / "notes/a.drafts"
    to = {(folder / name).read_text("utf-8").splitlines()[0]
          for name in ("thank-you-anna-lee.md", "thank-you-anna-lee-2.md",
                       "thank-you-zoe-brand.md", "thank-you-zoe-brand-2.md")}
    assert to == {"To: Anna Lee <anna@example.com>", "To: Anna-Lee <annalee@example.com>",
                  "To: Zoë Brand <[[email address of Zoë Brand]]>",
                  "To: Zoe Brand <[[email address of Zoe Brand]]>"}


def test_draft_names_come_from_what_they_are_about_not_their_place_in_a_list(journal):
    journal.write("journal.toml", CONFIG + "\n[rules.info]\nseparate = true\n")
    long = "The prototype of the reconciliation service, part"
    note = journal.note("a.md", GOOD_NOTE.replace("status: waiting", f"""status: waiting
to_send:
  - {long} one
  - {long} two
  - Slides
  - Slides
  - Slides 2"""))
    build(journal)
    folder = journal.root / "notes/a.drafts"
    names = sorted(p.name for p in folder.glob("info-*.md"))
    assert len(names) == 5 and "info-slides.md" in names and "info-slides-2.md" in names
    assert "Slides 2" in (folder / "info-slides-2-2.md").read_text()  # -2 was taken
    part_two = next(n for n in names if "part two" in (folder / n).read_text())
    note.write_text(note.read_text().replace(f"{long} one", f"{{what: {long} one, sent: "
                                                             "2026-11-19}"))
    build(journal)
    assert "part two" in (folder / part_two).read_text()


@pytest.mark.parametrize("long", [
    "The prototype of the reconciliation service, part",
    "決済システムのアーキテクチャ設計書、英語版と日本語版、社外秘の部分を除いたもの",
])
def test_a_long_item_keeps_its_draft_when_another_like_it_goes(journal, long):
    journal.write("journal.toml", CONFIG + "\n[rules.info]\nseparate = true\n")
    items = f"to_send:\n  - {long} 一 one\n  - {long} 二 two"
    note = journal.note("a.md", GOOD_NOTE.replace("status: waiting", "status: waiting\n" + items))
    build(journal)
    folder = journal.root / "notes/a.drafts"
    two = next(p for p in folder.glob("info-*.md") if "two" in p.read_text())
    two.write_text(two.read_text() + "My own words about part two.\n")
    note.write_text(note.read_text().replace(f"  - {long} 一 one\n", ""))
    build(journal)
    yours = [p for p in folder.glob("info-*.md") if "My own words" in p.read_text()]
    assert yours == [two]
    page = (journal.root / "_site/interviews/notes/a.html").read_text()
    assert page.count("My own words about part two.") == 1


def test_a_drafts_folder_that_cannot_be_written_does_not_stop_the_build(journal):
    journal.note("a.md")
    journal.note("b.md", GOOD_NOTE.replace("Acme Robotics", "Beta"))
    journal.write("notes/a.drafts", "a file where a folder should be\n")
    result = build(journal)
    assert result.exit_code == 1
    assert re.search(r"notes/a\.drafts:1:1: error: cannot write drafts here: Not a directory$",
                     result.stdout, re.MULTILINE)  # the folder is in the way, no draft in it
    assert (journal.root / "notes/b.drafts/thank-you-jane-doe.md").exists()
    assert (journal.root / "_site/index.html").exists()


@pytest.mark.parametrize("in_the_way", [".followup-journal-drafts", "linkedin-jane-doe.md"])
def test_a_folder_in_the_way_in_a_drafts_folder_is_named_and_the_build_goes_on(journal,
                                                                               in_the_way):
    journal.note("a.md")
    journal.note("b.md", GOOD_NOTE.replace("Acme Robotics", "Beta"))
    (journal.root / "notes/a.drafts" / in_the_way).mkdir(parents=True)
    result = build(journal)
    assert result.exit_code == 1
    assert re.findall(r"notes/a\.drafts:1:1: error: .*", result.stdout) == [
        "notes/a.drafts:1:1: error: cannot write drafts here: not a regular file (a folder): "
        f"only regular files are read ({in_the_way})"]
    assert (journal.root / "notes/b.drafts/thank-you-jane-doe.md").exists()
    assert "Jane Doe" in (journal.root / "_site/interviews/notes/b.html").read_text()


def test_drafts_whose_record_cannot_be_read_still_show_and_are_left_alone(journal):
    journal.note("a.md")
    build(journal)
    page = journal.root / "_site/interviews/notes/a.html"
    drafts = re.findall(r'data-copy="(draft-[^"]+)"', page.read_text())
    folder = journal.root / "notes/a.drafts"
    before = {p.name: p.read_bytes() for p in folder.glob("*.md")}
    (folder / ".followup-journal-drafts").unlink()
    (folder / ".followup-journal-drafts").mkdir()
    journal.note("a.md", GOOD_NOTE.replace("It went well.", "It went very well."))
    result = build(journal)
    assert "notes/a.drafts:1:1: error: cannot write drafts here: not a regular file (a folder): " \
           "only regular files are read (.followup-journal-drafts)" in result.stdout
    assert re.findall(r'data-copy="(draft-[^"]+)"', page.read_text()) == drafts
    assert {p.name: p.read_bytes() for p in folder.glob("*.md")} == before


def test_an_edited_done_draft_is_kept_as_a_copy_and_not_offered_for_sending(journal):
    note = journal.note("a.md")
    build(journal)
    draft = journal.root / "notes/a.drafts/thank-you-jane-doe.md"
    draft.write_text(draft.read_text("utf-8") + "P.S. My own words.\n", "utf-8")
    note.write_text(note.read_text().replace(
        "highlights:", "followups: [{kind: thank-you, to: Jane Doe, date: 2026-11-19}]\n"
                       "highlights:"))
    build(journal, "--eml")
    page = (journal.root / "_site/interviews/notes/a.html").read_text()
    assert "Kept as copies: 1 draft" in page and "notes/a.drafts/thank-you-jane-doe.md" in page
    assert "Thank-you note: Jane Doe" not in page
    assert not (journal.root / "_site/eml/notes/a.drafts/thank-you-jane-doe.eml").exists()


def test_a_recipient_the_note_does_not_know_gets_a_placeholder_not_someone_else(journal):
    journal.note("a.md", GOOD_NOTE.replace("status: waiting", "status: waiting\n"
                                           "to_send: [{what: Slides, to: Kayla Brooks}]"))
    build(journal)
    draft = parse_draft((journal.root / "notes/a.drafts/info-slides.md").read_text())
    assert draft.to == "Kayla Brooks <[[email address of Kayla Brooks]]>"
    assert draft.body.startswith("Dear Kayla,")


def test_a_name_with_a_comma_still_makes_a_valid_address(journal):
    journal.note("a.md", GOOD_NOTE.replace("name: Jane Doe", 'name: "Doe, Jane"'))
    build(journal, "--eml")
    [path] = (journal.root / "notes/a.drafts").glob("thank-you-*.md")
    assert parse_draft(path.read_text()).to == '"Doe, Jane" <jane@example.com>'
    [eml] = (journal.root / "_site/eml/notes/a.drafts").glob("thank-you-*.eml")
    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert message["To"].addresses[0].addr_spec == "jane@example.com"
    assert message["To"].addresses[0].display_name == "Doe, Jane"


def test_no_value_can_start_a_header_line_of_its_own_in_a_draft():
    # Found by an adversarial test: a name with a line break made a `Bcc:` line of its own.
    draft = Draft('"Jane\r\nBcc: evil@example.com" <jane@example.com>',
                  "Thanks\u2028Bcc: evil@example.com", "Dear Jane,\n\nThank you.")
    head, _, body = draft.text().partition("\n\n")
    assert head.splitlines() == ['To: "Jane Bcc: evil@example.com" <jane@example.com>',
                                 "Subject: Thanks Bcc: evil@example.com"]
    assert parse_draft(draft.text()) == draft
    assert body == "Dear Jane,\n\nThank you.\n"


def test_a_line_break_from_the_config_or_a_theme_makes_no_header_line_in_an_eml_file(journal):
    journal.write("journal.toml", '[me]\nname = "Ana\\nBcc: evil@example.com"\n'
                  'email = "ana@example.com"\n')
    journal.write("themes/drafts/thank-you.md.j2", '{% set to = to_address %}'
                  '{% set subject %}Thank you\nBcc: evil@example.com{% endset %}Dear Jane,')
    journal.note("a.md")
    assert build(journal, "--eml").exit_code == 0
    [draft] = (journal.root / "notes/a.drafts").glob("thank-you-*.md")
    assert draft.read_text().startswith("To: Jane Doe <jane@example.com>\n"
                                        "Subject: Thank you Bcc: evil@example.com\n\n")
    eml = (journal.root / "_site/eml/notes/a.drafts/thank-you-jane-doe.eml").read_bytes()
    message = email.message_from_bytes(eml, policy=email.policy.default)
    assert message["From"] == '"Ana Bcc: evil@example.com" <ana@example.com>'
    assert message["Subject"] == "Thank you Bcc: evil@example.com"
    assert message["Bcc"] is None


def test_a_linkedin_note_for_a_long_role_falls_back_to_a_short_one(journal):
    role = "Principal Distributed Systems and Platform Reliability Engineer " * 3
    journal.note("a.md", GOOD_NOTE.replace("role: Backend Engineer", f"role: {role.strip()}"))
    build(journal)
    body = parse_draft((journal.root / "notes/a.drafts/linkedin-jane-doe.md").read_text()).body
    assert len(body) <= LINKEDIN_FREE_LIMIT
    assert body.startswith("Hi Jane, thank you for our conversation. I would be glad")


def test_a_linkedin_note_past_a_free_accounts_200_characters_falls_back_to_a_short_one(journal):
    role = "Senior Platform Reliability Engineer, Payments Infrastructure"  # 230 in full
    journal.note("a.md", GOOD_NOTE.replace("role: Backend Engineer", f"role: {role}"))
    build(journal)
    body = parse_draft((journal.root / "notes/a.drafts/linkedin-jane-doe.md").read_text()).body
    assert role not in body
    assert len(body) <= LINKEDIN_FREE_LIMIT


def test_new_drafts_get_the_permissions_the_users_umask_gives(journal):
    import os

    journal.note("a.md")
    mask = os.umask(0o022)
    try:
        build(journal)
    finally:
        os.umask(mask)
    draft = journal.root / "notes/a.drafts/thank-you-jane-doe.md"
    assert draft.stat().st_mode & 0o777 == 0o644


def test_a_past_interview_still_scheduled_is_pointed_out(journal):
    journal.note("a.md", GOOD_NOTE.replace("status: waiting", "status: scheduled"))
    result = journal.run("check", "--today", "2026-11-21")
    assert "notes/a.md:5:1: warning: the interview date has passed but `status` is still " \
           "scheduled" in result.stdout
    assert "scheduled" not in journal.run("check", "--today", "2026-11-18").stdout


def test_drafts_are_shared_out_by_folder_so_two_processes_never_write_in_one():
    from types import SimpleNamespace

    from followup_journal.draftfiles import halves_by_folder
    from followup_journal.drafts import drafts_folder

    specs = [SimpleNamespace(note=Path(f"notes/{name}.md")) for name in "cabdb"]  # b: 2 drafts

    first, second = halves_by_folder(specs)

    assert sorted(map(id, first + second)) == sorted(map(id, specs))  # each exactly once
    folders = [{drafts_folder(spec.note).name for spec in half} for half in (first, second)]
    assert folders == [{"a.drafts", "b.drafts"}, {"c.drafts", "d.drafts"}]  # then joined in order


def test_where_no_child_can_be_forked_many_drafts_wait_for_the_disk_once_not_per_half(
        tmp_path, monkeypatch):
    import threading

    from followup_journal import draftfiles

    journal = tmp_path / "journal"
    shutil.copytree(SAMPLE, journal, ignore=shutil.ignore_patterns("_site", "*.drafts"))
    monkeypatch.setattr(draftfiles, "SHARED", 1)  # as many drafts as a large journal's
    waits = []
    flush = draftfiles.flush_to_disk
    monkeypatch.setattr(draftfiles, "flush_to_disk", lambda paths: waits.append(len(paths))
                        or flush(paths))
    watching = threading.Event()  # another thread, as in `fj watch`: no fork
    thread = threading.Thread(target=watching.wait)
    thread.start()
    try:
        done = run_fj("build", "--today", "2026-11-19", "--no-cache", str(journal))
    finally:
        watching.set()
        thread.join()

    assert done.exit_code == 0, done.output
    drafts, folders = list(journal.rglob("*.drafts/*.md")), list(journal.rglob("*.drafts"))
    assert waits == [len(drafts) + len(folders)]  # all drafts and their records at once


# One message per person, to the right person ----------------------------------------------------

PROMISED = GOOD_NOTE.replace("status: waiting", """status: waiting
people:
  - {name: Sofia Brandt, role: recruiter, email: sofia@example.com}
next_steps: {said: Sofia will call with the decision, by: 2026-11-27}
to_send:
  - {what: The benchmark write-up, to: Jane Doe, link: https://example.com/bench}
  - The reading list""")


def test_the_thank_you_sends_what_was_promised_and_refers_to_the_next_steps(journal):
    journal.note("a.md", PROMISED)
    drafts_far_ahead(journal)
    build(journal)
    folder = journal.root / "notes/a.drafts"
    assert sorted(p.name for p in folder.glob("*.md")) == [
        "check-in.md", "linkedin-jane-doe.md", "thank-you-jane-doe.md", "update.md"]
    thanks = parse_draft((folder / "thank-you-jane-doe.md").read_text())
    assert "- The benchmark write-up: https://example.com/bench" in thanks.body
    assert "- The reading list: [[the link, or attach the file]]" in thanks.body
    assert "next steps by Friday 27 November 2026" in thanks.body


def test_a_promised_item_can_be_its_own_message_by_config(journal):
    journal.write("journal.toml", CONFIG + "\n[rules.info]\nseparate = true\n")
    journal.note("a.md", PROMISED)
    build(journal)
    folder = journal.root / "notes/a.drafts"
    assert (folder / "info-the-benchmark-write-up.md").exists()
    assert "benchmark" not in (folder / "thank-you-jane-doe.md").read_text()


NO_WITH_FEEDBACK = GOOD_NOTE.replace("status: waiting", """status: rejected
decided: 2026-11-20 10:00
decided_by: Jane Doe
feedback:
  - given_by: Jane Doe
    date: 2026-11-20 10:00
    said: |-
      Clear on queues.
      Say more about how you test.""")


def test_the_reply_to_a_no_thanks_for_the_feedback_given_with_it(journal):
    """One message to Jane: thanks for the opportunity and for what she said, taken well."""
    journal.note("a.md", NO_WITH_FEEDBACK)
    build(journal)
    folder = journal.root / "notes/a.drafts"
    assert not list(folder.glob("feedback*.md"))
    reply = parse_draft((folder / "rejection-thanks.md").read_text())
    assert (reply.to, reply.subject) == ("Jane Doe <jane@example.com>",
                                         "Thank you for the opportunity and your feedback")
    body = reply.body
    assert body.index("Thank you for letting me know") < body.index(
        "Thank you too for your feedback") < body.index(
        "> Clear on queues.\n> Say more about how you test.") < body.index(
        "I am taking it to heart: [[what you will do with it") < body.index(
        "I remain very interested in Acme Robotics")
    assert "grateful for any feedback" not in body

    journal.write("journal.toml", CONFIG + "\n[rules.feedback-thanks]\nseparate = true\n")
    build(journal)
    thanks = parse_draft((folder / "feedback-thanks-jane-doe.md").read_text())
    assert "> Clear on queues." in thanks.body
    reply = parse_draft((folder / "rejection-thanks.md").read_text())
    assert reply.subject == "Thank you for the opportunity"
    assert "feedback" not in reply.body


def test_the_check_in_goes_to_the_recruiter_and_the_reply_to_a_no_to_who_gave_it(journal):
    journal.note("a.md", PROMISED)
    journal.note("b.md", PROMISED.replace("2026-11-18 14:30", "2026-11-19 10:00").replace(
        "status: waiting", "status: rejected\ndecided: 2026-11-20\ndecided_by: Jane Doe"))
    build(journal, today="2026-11-28")
    folder = journal.root / "notes/b.drafts"
    reply = parse_draft((folder / "rejection-thanks.md").read_text())
    assert reply.to == "Jane Doe <jane@example.com>"
    assert "grateful for any feedback" in reply.body
    assert not (folder / "feedback.md").exists()

    journal.note("b.md", PROMISED.replace("2026-11-18 14:30", "2026-11-19 10:00"))
    build(journal, today="2026-11-28")
    assert parse_draft((folder / "check-in.md").read_text()).to == (
        "Sofia Brandt <sofia@example.com>")


def test_only_who_owns_the_next_step_is_told_they_mentioned_it(journal):
    # found by an adversarial test: every interviewer was told "as you mentioned"
    journal.note("a.md", PROMISED.replace("by: 2026-11-27}", "by: 2026-11-27, owner: "
                                          "Sofia Brandt}").replace(
        "interviewers:\n", "interviewers:\n  - {name: Sofia Brandt, highlights: [The team]}\n"))
    build(journal)
    folder = journal.root / "notes/a.drafts"
    jane = parse_draft((folder / "thank-you-jane-doe.md").read_text()).body
    assert "I look forward to hearing about the next steps by Friday 27 November 2026." in jane
    assert "as you mentioned" not in jane
    sofia = parse_draft((folder / "thank-you-sofia-brandt.md").read_text()).body
    assert ("I look forward to hearing from you about the next steps by Friday 27 November "
            "2026, as you mentioned.") in sofia


def test_a_promised_item_to_someone_not_met_does_not_say_we_spoke(journal):
    # found by an adversarial test: "As promised when we spoke" to a recruiter never met
    journal.note("a.md", PROMISED.replace("  - The reading list", "  - {what: My CV, "
                                          "to: Sofia Brandt}"))
    build(journal)
    cv = parse_draft((journal.root / "notes/a.drafts/info-my-cv.md").read_text())
    assert cv.to == "Sofia Brandt <sofia@example.com>"
    assert "we spoke" not in cv.body
    assert "As promised after my interview on Wednesday 18 November 2026, here it is:" in cv.body


def test_an_update_to_someone_not_met_does_not_say_when_we_last_spoke(journal):
    journal.note("a.md", PROMISED)  # the update goes to Sofia, the recruiter, not met
    drafts_far_ahead(journal)
    build(journal)
    update = parse_draft((journal.root / "notes/a.drafts/update.md").read_text())
    assert update.to == "Sofia Brandt <sofia@example.com>"
    assert "a short update since my interview:" in update.body


OFFERED = GOOD_NOTE.replace("status: waiting", """status: offer
decided: 2026-11-20
decided_by: Sam Okafor
people:
  - {name: Sam Okafor, role: recruiter, email: sam@example.com}
offer:
  respond_by: 2026-12-04""")


def test_the_thanks_for_an_offer_confirms_the_date_and_asks_for_what_is_missing(journal):
    journal.note("a.md", OFFERED)
    build(journal)
    draft = parse_draft((journal.root / "notes/a.drafts/offer-thanks.md").read_text())
    assert draft.to == "Sam Okafor <sam@example.com>"
    assert "Thank you for the offer for the Backend Engineer role at Acme Robotics" in draft.body
    assert "To confirm, I will give you my answer by Friday 4 December 2026." in draft.body
    assert ("Could you also send me the offer in writing and the start date you have in mind?"
            in draft.body)
    journal.note("a.md", OFFERED.replace("respond_by: 2026-12-04", "written: true\n  start: "
                                         "2027-01-11"))
    build(journal)
    draft = parse_draft((journal.root / "notes/a.drafts/offer-thanks.md").read_text())
    assert "Could you tell me by when you would like my answer?" in draft.body
    assert "I have noted Monday 11 January 2027 as the start date." in draft.body
    assert "in writing" not in draft.body


def test_declining_an_offer_is_gracious_and_keeps_the_door_open(journal):
    journal.note("a.md", OFFERED)
    journal.note("b.md", OFFERED.replace("status: offer", "status: declined").replace(
        "2026-11-18 14:30", "2026-11-25").replace("decided: 2026-11-20", "decided: 2026-11-25"))
    build(journal)
    draft = parse_draft((journal.root / "notes/b.drafts/decline.md").read_text())
    assert draft.to == "Sam Okafor <sam@example.com>"
    assert "Thank you very much for the offer" in draft.body
    assert "I have decided not to accept it" in draft.body
    assert "I would be glad to stay in touch, and I hope our paths cross again" in draft.body


def test_the_withdrawal_after_accepting_elsewhere_is_gracious_and_to_the_recruiter(journal):
    journal.note("a.md", GOOD_NOTE.replace("highlights:", "people:\n  - {name: Lee Kim, role: "
                                           "recruiter, email: lee@example.com}\nhighlights:"))
    journal.note("b.md", OFFERED.replace("Acme Robotics", "Brisa Pagamentos"))
    journal.note("c.md", GOOD_NOTE.replace("Acme Robotics", "Kestrel Games").replace(
        "status: waiting", "status: accepted\ndecided: 2026-11-24"))
    build(journal, today="2026-11-25")
    withdrawal = parse_draft((journal.root / "notes/a.drafts/withdrawal.md").read_text())
    assert withdrawal.to == "Lee Kim <lee@example.com>"
    assert withdrawal.subject == "My application for the Backend Engineer role"
    assert "I have accepted another position, so I would like to withdraw" in withdrawal.body
    assert "I hope our paths cross again" in withdrawal.body
    assert "Kestrel" not in withdrawal.body  # where you go is yours to tell
    declined = parse_draft((journal.root / "notes/b.drafts/withdrawal.md").read_text())
    assert declined.to == "Sam Okafor <sam@example.com>"  # who made the offer
    assert "so I must decline your offer" in declined.body
    # Nothing else for it: no thank-you, no LinkedIn invitation, no check-in
    assert sorted(p.name for p in (journal.root / "notes/a.drafts").iterdir()) == [
        ".followup-journal-drafts", "withdrawal.md"]


def helper(name: str, role: str) -> str:
    email = name.split()[0].lower() + "@example.com"
    return f"people:\n  - {{name: {name}, role: {role}, email: {email}}}\nhighlights:"


def test_who_helped_is_thanked_once_with_where_you_go_and_the_favour_offered(journal):
    journal.note("a.md", GOOD_NOTE.replace("highlights:", helper("Rita Almeida", "referrer")))
    journal.note("b.md", GOOD_NOTE.replace("Acme Robotics", "Delta").replace(
        "highlights:", helper("Rita Almeida", "referrer")))
    journal.note("c.md", GOOD_NOTE.replace("Acme Robotics", "Kestrel Games").replace(
        "status: waiting", "status: accepted\ndecided: 2026-11-24").replace(
        "highlights:", helper("Kofi Mensah", "reference").replace(
            "\nhighlights:", "\n  - {name: Lee Kim, role: referrer}\nhighlights:")))
    build(journal, today="2026-11-25")
    withdrew = parse_draft((journal.root / "notes/a.drafts/reference-thanks-rita-almeida.md")
                           .read_text())
    assert withdrew.to == "Rita Almeida <rita@example.com>"
    assert withdrew.subject == "Thank you, and some news: I am joining Kestrel Games"
    assert withdrew.body.startswith("Dear Rita,\n\nThank you for referring me to Acme Robotics")
    assert ("I have accepted an offer from Kestrel Games for the Backend Engineer role. So I am "
            "withdrawing my application at Acme Robotics, with thanks to the team for their "
            "time.") in withdrew.body
    assert "If I can ever return the favour" in withdrew.body
    assert [p.name for p in (journal.root / "notes/b.drafts").glob("*.md")] == [
        "withdrawal.md"]  # one message, however many applications name them
    joined = parse_draft((journal.root / "notes/c.drafts/reference-thanks-kofi-mensah.md")
                         .read_text())
    assert joined.to == "Kofi Mensah <kofi@example.com>"
    assert ("Thank you for the reference you gave Kestrel Games. I am delighted to tell you "
            "that I have accepted their offer for the Backend Engineer role, and I am joining "
            "the team.") in joined.body
    assert "If I can ever return the favour" in joined.body
    referred = parse_draft((journal.root / "notes/c.drafts/reference-thanks-lee-kim.md")
                           .read_text())
    assert "Thank you for referring me to Kestrel Games. I am delighted" in referred.body
    assert "It all started with your introduction" in referred.body


def test_a_withdrawal_cancels_only_an_interview_after_the_offer_was_accepted(journal):
    scheduled = GOOD_NOTE.replace("status: waiting", "status: scheduled")
    journal.note("before.md", scheduled.replace("2026-11-18 14:30", "2026-11-23 10:00"))
    journal.note("after.md", scheduled.replace("Acme Robotics", "Brisa Pagamentos").replace(
        "2026-11-18 14:30", "2026-11-30 10:00"))
    journal.note("c.md", GOOD_NOTE.replace("Acme Robotics", "Kestrel Games").replace(
        "status: waiting", "status: accepted\ndecided: 2026-11-25"))
    build(journal, today="2026-11-26")
    held = parse_draft((journal.root / "notes/before.drafts/withdrawal.md").read_text())
    assert "so I would like to withdraw my application.\n" in held.body  # it has taken place
    to_come = parse_draft((journal.root / "notes/after.drafts/withdrawal.md").read_text())
    assert ("withdraw my application and cancel our interview on Monday 30 November 2026."
            in to_come.body)


EVENT_NOTE = """---
event: Rust Berlin Meetup
date: 2026-11-12 18:30
company: Acme Robotics
attended: true
speakers:
  - name: Dana Fox
    email: dana@example.com
    learned: Started the Rust guild
people:
  - name: Lee Park
    title: Staff Engineer
    email: lee@example.com
highlights: [How billing moved to async Rust]
---
"""


def test_an_event_attended_gets_a_thank_you_to_its_speaker(journal):
    journal.note("meetup.md", EVENT_NOTE)
    drafts_far_ahead(journal)
    build(journal)
    folder = journal.root / "notes/meetup.drafts"
    draft = parse_draft((folder / "event-thanks-dana-fox.md").read_text())
    assert draft.to == "Dana Fox <dana@example.com>"
    assert draft.subject == "Thank you for Rust Berlin Meetup"
    assert "Thank you for Rust Berlin Meetup on Thursday 12 November 2026" in draft.body
    assert "- How billing moved to async Rust" in draft.body  # the talk, specifically
    assert ("[[a personal line, in your words, about what you learned: Started the Rust "
            "guild]]") in draft.body
    assert "keep following the work at Acme Robotics with interest" in draft.body
    # The people met there get the keep-in-touch update, which says where you met.
    update = parse_draft((folder / "update.md").read_text())
    assert update.to == "Lee Park <lee@example.com>"
    assert "since we met at Rust Berlin Meetup" in update.body


def test_an_event_not_attended_has_no_drafts(journal):
    journal.note("meetup.md", EVENT_NOTE.replace("attended: true", "attended: false"))
    build(journal)
    assert not (journal.root / "notes/meetup.drafts").exists()


# What you promised -----------------------------------------------------------------------------


def test_what_is_sent_restates_why_it_matters_to_them_and_the_continued_interest(journal):
    journal.write("journal.toml", CONFIG + "\n[rules.info]\nseparate = true\n")
    journal.note("a.md", GOOD_NOTE.replace("highlights:", """to_send:
  - what: The on-call write-up
    link: https://example.com/on-call
    why: It answers your question about how I cut our on-call load.
  - what: Slides
highlights:"""))
    assert build(journal).exit_code == 0
    folder = journal.root / "notes/a.drafts"
    info = parse_draft((folder / "info-the-on-call-write-up.md").read_text()).body
    assert "The on-call write-up: https://example.com/on-call\n\n" \
           "It answers your question about how I cut our on-call load." in info
    assert "I remain very interested in the Backend Engineer role at Acme Robotics." in info
    slides = parse_draft((folder / "info-slides.md").read_text()).body
    assert "[[why it matters to them: the qualification or question it answers" in slides


def test_the_thank_you_that_carries_a_promise_says_why_it_matters(journal):
    journal.note("a.md", GOOD_NOTE.replace("highlights:", """to_send:
  - what: The on-call write-up
    link: https://example.com/on-call
    why: It answers your question about how I cut our on-call load.
highlights:"""))
    assert build(journal).exit_code == 0
    thanks = parse_draft((journal.root / "notes/a.drafts/thank-you-jane-doe.md").read_text()).body
    assert ("- The on-call write-up: https://example.com/on-call\n"
            "  It answers your question about how I cut our on-call load.") in thanks
    assert "even more enthusiastic about joining Acme Robotics" in thanks


# Articles to share ------------------------------------------------------------------------------

ARTICLES = """
[[articles]]
title = "Queues that never lose a message"
link = "https://example.com/queues"
why = "it is the billing migration you described, done at twice the scale."
for = "Acme Robotics"

[[articles]]
title = "Hiring for on-call"
for = "Someone Else Ltd"
"""


def test_the_update_shares_the_article_for_that_company_until_it_is_logged_as_shared(journal):
    journal.write("journal.toml", CONFIG + ARTICLES + DRAFTS_FAR_AHEAD)
    journal.note("a.md")
    assert build(journal).exit_code == 0
    update = journal.root / "notes/a.drafts/update.md"
    body = parse_draft(update.read_text()).body
    assert ("I came across “Queues that never lose a message” (https://example.com/queues) and "
            "thought of you. It is the billing migration you described, done at twice the "
            "scale.\n\nI would be glad") in body  # `why` made a sentence of its own
    assert "[[" not in body and "Hiring for on-call" not in body
    done = run_fj("log", "update", "--app", "Acme", "-j", str(journal.root), "--today",
                  "2026-12-16", "--note", "shared: Queues that never lose a message")
    assert done.exit_code == 0, done.output
    update.unlink()  # the tool rewrites a draft only when the user has not edited it
    assert build(journal, today="2026-12-16").exit_code == 0
    body = parse_draft(update.read_text()).body
    assert "Queues that never lose a message" not in body
    assert "[[your news: a project shipped" in body


def test_an_article_for_the_person_comes_before_one_for_the_company(journal):
    journal.write("journal.toml", CONFIG + ARTICLES + """
[[articles]]
title = "Jane's favourite paper"
for = "jane doe"
""" + DRAFTS_FAR_AHEAD)
    journal.note("a.md")
    assert build(journal).exit_code == 0
    body = parse_draft((journal.root / "notes/a.drafts/update.md").read_text()).body
    assert "I came across “Jane's favourite paper” and thought of you: [[why it matters to " \
           "them]]" in body


def test_bad_articles_are_errors_at_their_place_in_the_config(journal):
    journal.write("journal.toml", CONFIG + """
[[articles]]
title = "Fine"
for = "Acme Robotics"

[[articles]]
title = "No one"
link = "ftp://example.com/x"
wyh = "typo"
""")
    journal.note("a.md")
    result = journal.run("check")
    assert "journal.toml:10:1: error: an article needs a `for`: the company or the person it " \
           "matters to" in result.stdout
    assert "journal.toml:12:1: error: `link` should be a web address starting with https://, " \
           "not 'ftp://example.com/x'" in result.stdout
    assert "journal.toml:13:1: warning: unknown key `wyh` in [[articles]] (did you mean " \
           "`why`?)" in result.stdout
    assert result.exit_code == 1


def test_articles_added_to_the_config_reach_the_update_at_the_next_build(journal):
    journal.note("a.md")
    drafts_far_ahead(journal)
    assert build(journal).exit_code == 0
    update = journal.root / "notes/a.drafts/update.md"
    assert "Queues that never lose a message" not in update.read_text()
    journal.write("journal.toml", CONFIG + ARTICLES + DRAFTS_FAR_AHEAD)
    assert build(journal).exit_code == 0
    assert "Queues that never lose a message" in update.read_text()


# The practice's seed points, each in the drafts of the sample journal ---------------------------


def sample_draft(pattern: str) -> Draft:
    [path] = SAMPLE.glob(f"notes/*.drafts/{pattern}")
    return parse_draft(path.read_text("utf-8"))


def test_every_seed_point_of_the_practice_is_in_a_draft(journal, sample):
    thanks = sample_draft("thank-you-渡辺-健二-watanabe-kenji.md").body
    assert "Capacity planning for the New Year's Eve login spike" in thanks  # specific details
    assert "[[a personal line, in your words" in thanks  # a personal line, never sent as noted
    assert "enthusiastic about joining Hoshizora Software" in thanks  # continued interest
    assert "next steps by Friday 27 November 2026" in thanks  # the next steps they stated
    info = sample_draft("info-my-blameless-postmortem-template.md").body
    assert "It answers your question on how I run postmortems" in info  # what it qualifies
    assert all(len(parse_draft(p.read_text("utf-8")).body) <= LINKEDIN_FREE_LIMIT
               for p in SAMPLE.glob("notes/*.drafts/linkedin-*.md"))
    (sample / "journal.toml").write_text((sample / "journal.toml").read_text("utf-8")
                                         + DRAFTS_FAR_AHEAD)
    assert run_fj("build", str(sample), "--today", "2026-11-21").exit_code == 0
    [update] = [parse_draft(p.read_text("utf-8")) for p in sample.glob("notes/*brisa*.drafts/"
                                                                       "update.md")]
    assert "“Reconciling payouts without nightly batches” (https://" in update.body
    assert "Go services in production" in sample_draft("rejection-thanks.md").body
    # A withdrawal, once an offer elsewhere is accepted: gracious, to the right person.
    journal.note("a.md", GOOD_NOTE)
    journal.note("b.md", GOOD_NOTE.replace("Acme Robotics", "Beta").replace(
        "status: waiting", "status: accepted\ndecided: 2026-11-20"))
    # The reply to a no asks for feedback while they have given none.
    journal.note("c.md", GOOD_NOTE.replace("Acme Robotics", "Gamma").replace(
        "status: waiting", "status: rejected"))
    build(journal)
    withdrawal = parse_draft((journal.root / "notes/a.drafts/withdrawal.md").read_text())
    assert withdrawal.to == "Jane Doe <jane@example.com>"
    assert "Beta" not in withdrawal.body and "Thank you" in withdrawal.body
    reply = parse_draft((journal.root / "notes/c.drafts/rejection-thanks.md").read_text()).body
    assert "Thank you for letting me know" in reply and "grateful for any feedback" in reply


# Drafts come as their items near, and go when no longer wanted ---------------------------------

FAR_CHECK_IN = GOOD_NOTE.replace("status: waiting", "status: waiting\nnext_steps:\n"
                                                    "  by: 2026-12-21")  # a Monday


def test_a_draft_is_written_when_its_item_is_near_not_weeks_before(journal):
    journal.note("a.md", FAR_CHECK_IN)
    check_in = journal.root / "notes/a.drafts/check-in.md"
    build(journal)  # 30 days before it is due
    assert not check_in.exists()
    page = (journal.root / "_site/checklist.html").read_text("utf-8")
    assert "Draft written when it is near" in page
    build(journal, today="2026-12-15")  # 6 days before
    assert check_in.exists()


def test_an_unedited_draft_overdue_for_long_goes_and_the_setting_says_how_long(journal):
    journal.note("a.md", GOOD_NOTE.replace("status: waiting", "status: next-round\nnext_steps:\n"
                                           "  by: 2026-11-23"))
    check_in = journal.root / "notes/a.drafts/check-in.md"
    build(journal)
    late = RULES["check-in"].default.late.days  # overdue from the day after it is late
    day = date(2026, 11, 23) + timedelta(days=late)
    build(journal, today=str(day + timedelta(days=29)))
    assert check_in.exists()
    build(journal, today=str(day + timedelta(days=31)))
    assert not check_in.exists()
    journal.write("journal.toml", CONFIG + "\n[drafts]\ndrop_overdue_after = 60\n")
    build(journal, today=str(day + timedelta(days=31)))
    assert check_in.exists()


def test_removing_drafts_keeps_the_users_files_and_folders(journal):
    note = journal.note("a.md")
    build(journal)
    folder = journal.root / "notes/a.drafts"
    done = "followups: [{kind: thank-you, to: Jane Doe, date: 2026-11-19}, " \
           "{kind: linkedin, to: Jane Doe, date: 2026-11-19}]\nhighlights:"
    note.write_text(note.read_text().replace("highlights:", done))
    build(journal)
    assert not folder.exists()  # the tool made it, and nothing else is in it
    note.write_text(GOOD_NOTE)
    folder.mkdir()
    (folder / "mine.md").write_text("My own file.\n")
    build(journal)
    note.write_text(note.read_text().replace("highlights:", done))
    build(journal)
    assert sorted(p.name for p in folder.iterdir()) == [".followup-journal-drafts", "mine.md"]
