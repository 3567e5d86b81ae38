"""Drafts as messages a mail client opens: the `mailto:` links and titles the report shows for
each draft, and the `.eml` files of `fj build --eml`."""

from __future__ import annotations

import email
import email.policy
import urllib.parse
from dataclasses import replace
from datetime import UTC, date
from pathlib import Path

from followup_journal.config import Me, default_config
from followup_journal.drafts import Draft
from followup_journal.mail import MAILTO_LIMIT, draft_title, eml_files, mailto
from followup_journal.readdrafts import DraftFile
from followup_journal.site import Site

ROOT = Path("/journal")
FOLDER = ROOT / "notes/a.drafts"


def fields_of(link: str) -> tuple[str, dict[str, list[str]]]:
    """The address and the fields of a `mailto:` link, as a mail client reads them."""
    address, _, query = link.removeprefix("mailto:").partition("?")
    return urllib.parse.unquote(address), urllib.parse.parse_qs(query)


def test_a_mail_link_carries_accents_as_utf8_and_line_breaks_as_crlf():
    draft = Draft("Zoë Lefèvre <zoe@example.com>", "Merci, Zoë", "Bonjour Zoë,\n\nà bientôt")
    link = mailto(draft)
    assert link == ("mailto:zoe@example.com?subject=Merci%2C%20Zo%C3%AB"
                    "&body=Bonjour%20Zo%C3%AB%2C%0D%0A%0D%0A%C3%A0%20bient%C3%B4t")
    assert fields_of(link) == ("zoe@example.com", {"subject": ["Merci, Zoë"],
                                                   "body": ["Bonjour Zoë,\r\n\r\nà bientôt"]})


def test_a_mail_link_keeps_a_plus_or_ampersand_of_the_address_and_subject():
    draft = Draft("Jane Doe <jane+jobs@example.com>", "Q&A = done?", "Hi")
    address, fields = fields_of(mailto(draft))
    assert address == "jane+jobs@example.com"
    assert fields == {"subject": ["Q&A = done?"], "body": ["Hi"]}


def test_a_name_with_a_comma_in_quotes_neither_splits_the_address_nor_the_title():
    draft = Draft('"Doe, Jane" <jane@example.com>', "Thank you", "Dear Jane,")
    assert fields_of(mailto(draft))[0] == "jane@example.com"
    found = DraftFile(FOLDER / "thank-you-jane-doe.md", draft, edited=False)
    assert draft_title(found) == "Thank-you note: Doe, Jane"


def test_a_draft_too_long_for_a_link_opens_with_its_subject_only():
    subject = "Thank you"
    long = Draft("Jane Doe <jane@example.com>", subject, "word " * (MAILTO_LIMIT // 5))
    link = mailto(long)
    assert len(link) <= MAILTO_LIMIT
    assert fields_of(link) == ("jane@example.com", {"subject": [subject]})

    short = Draft("Jane Doe <jane@example.com>", subject, "word " * 100)
    assert "body" in fields_of(mailto(short))[1]


def test_no_mail_link_for_a_draft_without_an_address_or_with_a_placeholder():
    assert mailto(Draft("Jane Doe on LinkedIn", "", "Hello Jane")) is None
    assert mailto(Draft("Jane Doe <[[email address of Jane Doe]]>", "Thanks", "Hi")) is None
    assert mailto(Draft("Jane Doe <jane@example.com>", "Thanks", "Dear [[name]],")) is None


def test_a_draft_title_names_the_rule_and_whom_it_is_for():
    def title(name: str, to: str) -> str:
        return draft_title(DraftFile(FOLDER / name, Draft(to, "", ""), edited=False))

    assert title("linkedin-jane-doe.md", "Jane Doe on LinkedIn: https://x.example/jane") == (
        "Connect on LinkedIn: Jane Doe")
    assert title("rejection-thanks.md", "Jane Doe <jane@example.com>") == (
        "Thank them after a no: Jane Doe")
    assert title("thank-you-x.md", "[[recipient]]") == "Thank-you note"
    assert title("mine.md", "Jane Doe <jane@example.com>") == "mine: Jane Doe"


def site_with(me: Me, drafts: list[DraftFile], wanted: list[DraftFile]) -> Site:
    config = replace(default_config(ROOT, lambda: UTC), me=me)
    return Site(config, date(2026, 11, 19), [], [], {}, {ROOT / "notes/a.md": drafts},
                wanted=frozenset(found.path for found in wanted))


def test_an_eml_file_is_an_unsent_message_from_the_user_with_a_name_quoted():
    ready = DraftFile(FOLDER / "thank-you-jane-doe.md",
                      Draft('"Doe, Jane" <jane@example.com>', "Merci", "Bonjour Jane,"), False)
    site = site_with(Me("Souza, Ana", "ana@example.com"), [ready], [ready])
    files = eml_files(site)
    assert list(files) == ["eml/notes/a.drafts/thank-you-jane-doe.eml"]
    message = email.message_from_bytes(files["eml/notes/a.drafts/thank-you-jane-doe.eml"],
                                       policy=email.policy.default)
    assert message["From"] == '"Souza, Ana" <ana@example.com>'
    assert message["To"].addresses[0].display_name == "Doe, Jane"
    assert message["X-Unsent"] == "1"
    assert message.get_content().replace("\r\n", "\n") == "Bonjour Jane,\n"


def test_eml_files_only_for_drafts_called_for_and_ready_to_send():
    def found(name: str, to: str, body: str = "Hi") -> DraftFile:
        return DraftFile(FOLDER / name, Draft(to, "Thanks", body), False)

    done = found("thank-you-jane-doe.md", "Jane Doe <jane@example.com>")
    unfinished = found("check-in.md", "Jane Doe <jane@example.com>", "Dear [[name]],")
    linkedin = found("linkedin-jane-doe.md", "Jane Doe on LinkedIn")
    wanted = found("feedback.md", "Jane Doe <jane@example.com>")
    site = site_with(Me("Ana Souza"), [done, unfinished, linkedin, wanted],
                     [unfinished, linkedin, wanted])
    files = eml_files(site)
    assert list(files) == ["eml/notes/a.drafts/feedback.eml"]
    assert b"From:" not in files["eml/notes/a.drafts/feedback.eml"]  # no address of the user's
