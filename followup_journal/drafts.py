"""Draft messages: which ones a journal calls for, and their text from the theme's templates.

Pure, and independent of the day: a draft exists because of what the notes say (an interview
took place, a promise was made, a no came), never because a date passed, so rebuilding tomorrow
changes no file the user tracks. The report says what is due when.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .applications import Application
from .config import Me
from .model import Interviewer, NoteFile, Status, ToSend
from .rules import KEEP_IN_TOUCH, NO_NEWS_YET, Timing, first_logged, logged, logged_to
from .slugs import slug

DRAFTS_SUFFIX = ".drafts"
LINKEDIN_LIMIT = 300  # characters LinkedIn allows in a connection request's note
PLACEHOLDER = "[[{}]]"  # clearly marked, so nothing unfinished is sent by mistake
PER_PERSON = {"thank-you", "linkedin"}


@dataclass(frozen=True)
class DraftSpec:
    """One message to draft: its kind, where it goes, and what the template is given."""

    kind: str  # the rule, and the name of its template
    note: NoteFile  # the note whose drafts folder holds it
    application: Application
    person: Interviewer | None = None
    thing: ToSend | None = None

    @property
    def file_name(self) -> str:
        """`thank-you-jane-doe.md`, `info-benchmark-write-up.md`, `check-in.md`."""
        if self.thing:
            about = self.thing.what
        elif self.kind in PER_PERSON and self.person:
            about = self.person.name
        else:
            about = ""
        return "-".join(part for part in (self.kind, slug(about)[:40].strip("-")) if part) + ".md"


@dataclass(frozen=True)
class Draft:
    """A draft as a person reads it: recipient and subject at the top, then the message."""

    to: str
    subject: str
    body: str

    def text(self) -> str:
        head = f"To: {self.to}\n" + (f"Subject: {self.subject}\n" if self.subject else "")
        return f"{head}\n{self.body.strip()}\n"


def drafts_folder(note: NoteFile | Path) -> Path:
    """`notes/2026-11-18-acme.drafts/` beside `notes/2026-11-18-acme.md`."""
    path = note.path if isinstance(note, NoteFile) else note
    return path.with_name(path.stem + DRAFTS_SUFFIX)


def plan_drafts(applications: list[Application], rules: Mapping[str, Timing]) -> list[DraftSpec]:
    """Every message the notes call for and the follow-up log does not show as done."""
    wanted = [
        spec for application in applications if application.status is not Status.WITHDRAWN
        for spec in _wanted(application)
    ]
    return [spec for spec in wanted if rules[spec.kind].enabled]


def _wanted(app: Application) -> Iterator[DraftSpec]:
    held = [n for n in app.interviews if n.note.status is not Status.SCHEDULED]
    met: set[str] = set()
    for note_file in held:
        for person in note_file.note.interviewers:
            if not logged_to(note_file, "thank-you", person.name):
                yield DraftSpec("thank-you", note_file, app, person)
            if person.name not in met and not first_logged(app, "linkedin", person.name):
                yield DraftSpec("linkedin", note_file, app, person)
            met.add(person.name)
        for thing in note_file.note.to_send:
            if not thing.sent and not logged_to(note_file, "info", thing.to):
                yield DraftSpec("info", note_file, app, recipient(note_file, thing.to), thing)
    latest = app.latest
    contact = recipient(latest, None)
    steps = latest.note.next_steps
    if app.status in NO_NEWS_YET and held and steps and steps.by and not logged(latest, "check-in"):
        yield DraftSpec("check-in", latest, app, contact)
    if app.status is Status.REJECTED:
        for kind in ("rejection-thanks", "feedback"):
            if not first_logged(app, kind):
                yield DraftSpec(kind, latest, app, contact)
    if app.status in KEEP_IN_TOUCH and held:
        yield DraftSpec("update", latest, app, contact)


def recipient(note_file: NoteFile, name: str | None) -> Interviewer | None:
    """The interviewer named, else the first with an email address, else the first at all."""
    people = note_file.note.interviewers
    named = [p for p in people if p.name == name]
    with_email = [p for p in people if p.email]
    return (named or with_email or list(people) or [None])[0]


def render_draft(spec: DraftSpec, me: Me, env: jinja2.Environment) -> Draft:
    """The draft's text from the theme's `drafts/KIND.md.j2`; a LinkedIn note is kept short."""
    values = _values(spec, me)
    draft = _render(env, spec.kind, values)
    if spec.kind == "linkedin" and len(draft.body) > LINKEDIN_LIMIT:
        draft = _render(env, spec.kind, {**values, "short": True})
    return draft


def _render(env: jinja2.Environment, kind: str, values: dict[str, object]) -> Draft:
    module = env.get_template(f"drafts/{kind}.md.j2").make_module(values)
    subject = str(getattr(module, "subject", "")).strip()
    to = str(getattr(module, "to", "")).strip()
    return Draft(to, subject, str(module).strip())


def _values(spec: DraftSpec, me: Me) -> dict[str, object]:
    note = spec.note.note
    person = spec.person
    return {
        "me": me,
        "company": spec.application.company,
        "role": spec.application.role,
        "note": note,
        "person": person,
        "thing": spec.thing,
        "greeting": greeting_of(person),
        "highlights": [*(person.highlights if person else ()), *note.highlights],
        "short": False,
        "missing": lambda what: PLACEHOLDER.format(what),
    }


def draft_files(specs: list[DraftSpec], me: Me, env: jinja2.Environment) -> dict[Path, bytes]:
    """Every draft's bytes by the path it goes to; a name used twice in a folder gets `-2`."""
    files: dict[Path, bytes] = {}
    for spec in specs:
        path = drafts_folder(spec.note) / spec.file_name
        number = 2
        while path in files:
            path = path.with_name(f"{spec.file_name.removesuffix('.md')}-{number}.md")
            number += 1
        files[path] = render_draft(spec, me, env).text().encode("utf-8")
    return files


def greeting_of(person: Interviewer | None) -> str:
    if person is None:
        return PLACEHOLDER.format("name")
    return person.greeting or person.name.split()[0]


def parse_draft(text: str) -> Draft:
    """A draft file read back, as the user may have edited it: header lines, then the body."""
    head, _, body = text.replace("\r\n", "\n").partition("\n\n")
    fields = {}
    for line in head.split("\n"):
        key, colon, value = line.partition(":")
        if colon and key.strip().lower() in ("to", "subject"):
            fields[key.strip().lower()] = value.strip()
    if not fields:  # no header at all: the whole text is the message
        return Draft("", "", text.strip())
    return Draft(fields.get("to", ""), fields.get("subject", ""), body.strip())
