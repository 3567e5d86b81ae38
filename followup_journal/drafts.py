"""Draft messages: which ones a journal calls for, and their text from the theme's templates.

Pure: a draft exists because of a rule's trigger (`rules.py`: an interview took place, a
promise was made, a no came) while its item is near as of the day (`near`): open, or due
within a week, and not overdue for long. What a draft says never depends on the day.
"""

from __future__ import annotations

import email.utils
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from .applications import Application, comparable
from .checklist import Item, State, dated, lapsed
from .config import Article, DraftDays, Me
from .model import Feedback, Interviewer, NoteFile, ToSend
from .problems import CONTROL
from .rules import RULES, Timing, triggers
from .scan import DRAFTS_SUFFIX
from .sourcetext import as_typed

if TYPE_CHECKING:
    import jinja2

LINKEDIN_LIMIT = 300  # characters LinkedIn allows in a connection request's note
LINKEDIN_FREE_LIMIT = 200  # and from a free account
PLACEHOLDER = "[[{}]]"  # clearly marked, so nothing unfinished is sent by mistake
SPECIALS = re.compile(r'[,;:<>@"()\[\]\\.]')  # characters that must be quoted in an address
HEADER_BREAKS = re.compile(CONTROL.pattern + "+")
DEFAULT_DAYS = DraftDays()


@dataclass(frozen=True)
class DraftSpec:
    """One message to draft: its kind, where it goes, and what the template is given."""

    kind: str  # the rule, and the name of its template
    note: NoteFile  # the note whose drafts folder holds it
    application: Application
    person: Interviewer | None = None
    thing: ToSend | None = None
    file_name: str = ""  # `draftnames.draft_name`, as the checklist item links to it
    things: tuple[ToSend, ...] = ()  # promised items the message sends too (a thank-you)
    also: tuple[str, ...] = ()  # the rules whose message it is too (a reply asking for feedback)
    feedback: Feedback | None = None  # what they said, for the thanks for it
    article: Article | None = None  # what a keep-in-touch update shares

    @property
    def path(self) -> Path:
        return drafts_folder(self.note) / self.file_name


@dataclass(frozen=True)
class Draft:
    """A draft as a person reads it: recipient and subject at the top, then the message."""

    to: str
    subject: str
    body: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "to", header_value(self.to))
        object.__setattr__(self, "subject", header_value(self.subject))

    def text(self) -> str:
        head = f"To: {self.to}\n" + (f"Subject: {self.subject}\n" if self.subject else "")
        return f"{head}\n{self.body.strip()}\n"


def header_value(text: str) -> str:
    """`text` fit for a header line (`To:`, `Subject:`, `From:`): each run of line breaks and
    other control characters made one space, so that no value can end its line and start a
    header of its own (`Bcc: ...`), in a draft, a mail link or an .eml file."""
    return HEADER_BREAKS.sub(" ", text)


def drafts_folder(note: NoteFile | Path) -> Path:
    """`notes/2026-11-18-acme.drafts/` beside `notes/2026-11-18-acme.md`."""
    path = note.path if isinstance(note, NoteFile) else note
    return path.with_name(path.stem + DRAFTS_SUFFIX)


def plan_drafts(applications: list[Application], timings: Mapping[str, Timing],
                tz: tzinfo, articles: tuple[Article, ...] = (), today: date | None = None,
                days: DraftDays = DEFAULT_DAYS) -> list[DraftSpec]:
    """A message for each trigger whose rule has one, once the notes say it took place, until
    the follow-up log shows it done, while its item is `near` `today` (any day, without
    one); an update shares an article (`article_for`)."""
    return [DraftSpec(t.rule, t.note, application, t.recipient, t.thing, t.draft or "",
                      tuple(t.note.note.to_send[i] for i in t.things), t.also, t.feedback,
                      article_for(application, t.recipient, articles)
                      if t.rule == "update" else None)
            for application in applications for t in triggers(application, timings, tz)
            if RULES[t.rule].message and t.held and t.done is None
            and (today is None or any(near(item, today, days)
                                      for item in dated(t, application.key, timings, tz, today)))]


def near(item: Item, today: date, days: DraftDays) -> bool:
    """Whether an item's draft is wanted `today`: open or due within `days.due_within` days,
    not done, not past, and not `lapsed` (overdue for more than `days.drop_overdue_after`
    days)."""
    if item.state in (State.DONE, State.NOT_APPLICABLE):
        return False
    if lapsed(item, today, days.drop_overdue_after):
        return False
    return item.opens <= today or (item.due - today).days <= days.due_within


def article_for(app: Application, person: Interviewer | None,
                articles: tuple[Article, ...]) -> Article | None:
    """The first article for the person the update goes to, else for the company, that no
    `update` logged in the application names (its `note` holds the title) as shared."""
    said = [comparable(f.note) for n in app.interviews for f in n.note.followups
            if f.kind == "update" and f.note]
    fresh = [a for a in articles if not any(comparable(a.title) in note for note in said)]
    for whom in ([person.name] if person else []) + [app.company]:
        found = [a for a in fresh if comparable(a.whom) == comparable(whom)]
        if found:
            return found[0]
    return None


def render_draft(spec: DraftSpec, me: Me, env: jinja2.Environment) -> Draft:
    """The draft's text from the theme's `drafts/KIND.md.j2`; a LinkedIn note is kept short
    enough for a free account."""
    values = _values(spec, me)
    draft = _render(env, spec.kind, values)
    if spec.kind == "linkedin" and len(draft.body) > LINKEDIN_FREE_LIMIT:
        draft = _render(env, spec.kind, {**values, "short": True})
    return draft


def _render(env: jinja2.Environment, kind: str, values: dict[str, object]) -> Draft:
    module = env.get_template(f"drafts/{kind}.md.j2").make_module(values)
    subject = str(getattr(module, "subject", "")).strip()
    to = str(getattr(module, "to", "")).strip()
    return Draft(to, subject, str(module).strip())


def _values(spec: DraftSpec, me: Me) -> dict[str, object]:
    note = spec.note.note
    person, joining = spec.person, spec.application.joining
    return {
        "me": me,
        "company": spec.application.company,
        "role": spec.application.role,
        "note": note,
        "event": spec.note.event,  # an event note's front matter, as written; else None
        "person": person,
        "thing": spec.thing,
        "to_address": address_of(person),
        "greeting": greeting_of(person),
        # What was discussed with this person; the interview's points only if the note says
        # nothing about them in particular.
        "highlights": list(person.highlights if person and person.highlights else note.highlights),
        "met": person is not None and person.name in {p.name for p in note.interviewers},
        "things": list(spec.things),  # promised items it sends too
        "also": list(spec.also),  # the rules whose message it is too
        "offer": spec.application.offer,  # what the offer leaves open, if the notes say
        "status": str(spec.application.status),
        "ended": spec.application.ended,  # the day an offer was accepted, ending the search
        "joining": spec.application.joining,  # where: its company and role
        "joined": joining is not None and joining.key == spec.application.key,
        "feedback": spec.feedback,  # what they said, for the thanks for it
        "article": spec.article,  # what an update shares
        "short": False,
        "missing": lambda what: PLACEHOLDER.format(what),
    }


def address_of(person: Interviewer | None) -> str:
    """`Jane Doe <jane@example.com>`, quoted where a name needs it; a placeholder without one."""
    if person is None:
        return PLACEHOLDER.format("recipient")
    name = person.name
    if SPECIALS.search(name):  # a comma or bracket would split or end the address
        name = f'"{email.utils.quote(name)}"'
    return f"{name} <{person.email or PLACEHOLDER.format('email address of ' + person.name)}>"


def draft_files(specs: list[DraftSpec], me: Me, env: jinja2.Environment) -> dict[Path, bytes]:
    """Every draft's bytes by the path it goes to."""
    return {spec.path: render_draft(spec, me, env).text().encode("utf-8") for spec in specs}


# Words that come before a name and go with the surname: "Dear Dr Nguyễn", not "Dear Dr".
TITLES = {title + dot for title in (
    "dr", "mr", "mrs", "ms", "mx", "prof",  # English
    "herr", "frau", "mme", "mlle", "sr", "sra", "srta", "dott", "ing",  # other Latin script
    "δρ", "κ", "κα", "пан", "пані",  # Greek, Ukrainian
    "श्री", "श्रीमती", "डॉ",  # Hindi
) for dot in ("", ".")} - {"ing"}  # Ing, without its dot, is a given name in Thailand


def greeting_of(person: Interviewer | None) -> str:
    """What to call someone: their `greeting`, else their first name; a title keeps the name."""
    if person is None:
        return PLACEHOLDER.format("name")
    if person.greeting:
        return person.greeting
    words = person.name.split()
    if words[0].lower() in TITLES and len(words) > 1:
        return f"{words[0]} {words[-1]}"
    return words[0]


def parse_draft(text: str) -> Draft:
    """A draft file read back, as the user may have edited it: header lines, then the body."""
    head, _, body = as_typed(text).partition("\n\n")
    fields = {}
    for line in head.split("\n"):
        key, colon, value = line.partition(":")
        if colon and key.strip().lower() in ("to", "subject"):
            fields[key.strip().lower()] = value.strip()
    if not fields:  # no header at all: the whole text is the message
        return Draft("", "", text.strip())
    return Draft(fields.get("to", ""), fields.get("subject", ""), body.strip())
