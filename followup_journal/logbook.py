"""`fj log`: which note records what the user did, and the edit that records it, checked.

The note is found through the plan (`plan.make_plan`), so it is the one whose item `fj agenda`
shows: for a thank-you or a LinkedIn invitation, the note with that person's open item; for a
promised thing, the note that promised it; for a message about the whole application, its
latest note. The edit (`logentry.py`) is read back with the note parser before it is written:
the note must say what it said, and the entry added. Anything else is refused, and nothing is
written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date
from pathlib import Path

from .agenda import apart, count, item_numbered
from .applications import HELPERS, Application, comparable
from .atomicwrite import atomic_write
from .checklist import Item, State
from .config import Config
from .dates import parse_when
from .drafts import article_for
from .errors import FjError
from .lock import journal_lock
from .logentry import CannotEdit, Edited, add_followup, front_matter_end, set_sent
from .model import FollowUp, FollowUpKind, Interviewer, Note, NoteFile, Prose, Status, When
from .parse import parse_note
from .plan import Plan, make_plan
from .problems import Problem, Severity, closest, did_you_mean, shown
from .rules import NO_NEWS_YET, RULES
from .schema import text_value
from .sourcetext import Unreadable, read_file

PER_PERSON = [name for name, rule in RULES.items() if rule.per_person]
SENT = "sent"
EVENT_KINDS = {None, "update", "event-thanks", "other"}  # what an event note's log takes
OPEN = (State.OVERDUE, State.DUE, State.UPCOMING)


@dataclass(frozen=True)
class Request:
    """What the user asked to log, as typed."""

    what: str  # a follow-up kind, `sent`, or the number of an agenda item
    name: str | None  # the person, the thing sent, or the application
    app: str | None
    when: str  # as it is written into the note
    note: str | None
    again: bool = False  # a second message of a kind sent to each person once


@dataclass(frozen=True)
class Change:
    """One entry to add to a note: a follow-up, or `sent` on its `to_send[index]`."""

    path: Path
    kind: str = SENT
    to: str | None = None
    index: int = 0
    sends: tuple[int, ...] = ()  # the `to_send` items the message logged sent too (`sent:`)
    note: str | None = None  # what the entry says when the user gives no --note
    item: str | None = None  # the agenda item `fj log N` took, as the agenda words it


@dataclass(frozen=True)
class Logged:
    path: Path
    edited: Edited
    item: str | None = None


def log_entry(config: Config, request: Request, today: date) -> Logged:
    """Find the note, edit it, check the edit and write it, holding the journal's lock."""
    with journal_lock(config.root):
        plan = make_plan(config, today)
        change = find(plan, request)
        return write(config, change, request)


def find(plan: Plan, request: Request) -> Change:
    """The note and entry a request means; an `FjError` for what cannot be told."""
    what = request.what
    if what.isdigit():
        if request.name or request.app:
            raise FjError(f"`fj log {what}` logs agenda item {what}: give no name or --app")
        return numbered(plan, int(what))
    if what == SENT:
        if not request.name:
            raise FjError("say what you sent: fj log sent \"WHAT\"")
        return thing_sent(plan, request.name, request.app)
    kinds = [kind.value for kind in FollowUpKind]
    if what not in kinds:
        raise FjError(f"unknown kind `{what}`{did_you_mean(what, [*kinds, SENT])}: "
                      f"log one of {', '.join(kinds)}, sent, or an agenda item's number")
    if what == FollowUpKind.INFO:
        raise FjError("what you promised is logged with `fj log sent WHAT`: it sets `sent:` "
                      "on the thing in `to_send`")
    if what in PER_PERSON:
        if not request.name:
            raise FjError(f"say whom: fj log {what} \"NAME\"")
        change = per_person(plan, what, request.name, request.app)
        if not request.again:
            not_logged(plan, change)
            not_said_already(plan, change)
        return change
    if request.name and request.app:
        raise FjError(f"a {what} is for a whole application: give it as NAME or --app, not both")
    return application_wide(plan, what, request.name or request.app)


# Finding the note -----------------------------------------------------------------------------


def per_person(plan: Plan, kind: str, name: str, app: str | None) -> Change:
    """The note with the person's open item of this kind (the latest), else the latest note
    naming them; in one application. The person is an interviewer, or whoever an item of
    this kind is for."""
    apps = [application(plan, app, kind)] if app else plan.applications
    keys = {a.key for a in apps}
    people = {p.name: p.name for a in apps for n in a.interviews for p in thanked(n)}
    asks = [i for i in plan.items if kind in (i.rule, *i.also)
            and (i.application in keys or i.person in helped(apps, kind))]
    people |= {i.person: i.person for i in asks if i.person}  # thanked for feedback: anyone
    person = pick(name, people.items(), NOUNS.get(kind, "interviewer"), plan)
    theirs = [i for i in asks if i.person == person]
    naming = [(a, n) for a in apps for n in a.interviews
              if any(p.name == person for p in thanked(n))]
    # No note names them as an interviewer (thanked for feedback): their item's note
    items = [i for i in theirs if i.state in OPEN] or ([] if naming else theirs)
    if items:
        one_application(person, {i.application for i in items})
        item = max(items, key=lambda i: i.due)
        return Change(item.note, kind, person, sends=item.sends)
    one_application(person, {a.key for a, _ in naming})
    return Change(naming[-1][1].path, kind, person)


NOUNS: dict[str, str] = {FollowUpKind.REFERENCE_THANKS: "referrer or reference",
                         FollowUpKind.EVENT_THANKS: "speaker"}  # whom `fj log KIND NAME` names


def helped(apps: list[Application], kind: str) -> set[str]:
    """The referrers and references these applications name, for their thanks: it is asked
    for once in the journal, from one application, whichever of theirs is named."""
    if kind != FollowUpKind.REFERENCE_THANKS:
        return set()
    return {p.name for a in apps for p in a.people if p.role in HELPERS}


def not_logged(plan: Plan, change: Change) -> None:
    """Refuse a message to a person the note has one of this kind to already: logged twice by
    mistake, the report would count two. (`--again` logs a second one sent.) An item still open
    for them there is no second one: feedback they gave since the last thanks, or with the no."""
    if any(i.state in OPEN and change.kind in (i.rule, *i.also) and i.person == change.to
           and i.note == change.path for i in plan.items):
        return
    note_file = next(n for n in plan.journal.notes if n.path == change.path)
    done = [index for index, entry in enumerate(note_file.note.followups)
            if entry.kind == change.kind and entry.to in (change.to, None)]
    if not done:
        return
    day = note_file.note.followups[done[-1]].date.day_in(plan.journal.config.timezone)
    where = note_file.position(f"followups[{done[-1]}]")
    article = "an" if change.kind[0] in "aeiou" else "a"
    raise FjError(f"{article} `{change.kind}` to {change.to} is logged already, on "
                  f"{day:%a %d %b} ({shown(change.path)}:{where.line}:{where.col}); nothing was "
                  "written: if you sent another, give --again")


def not_said_already(plan: Plan, change: Change) -> None:
    """Refuse a thanks for feedback the reply to a no said, once that reply is logged: logged
    again, the report would count two messages."""
    theirs = [i for i in plan.items if i.rule == change.kind and i.person == change.to]
    if change.kind != FollowUpKind.FEEDBACK_THANKS or any(i.state in OPEN for i in theirs):
        return  # feedback given after the reply: thanked anew
    replies = {(i.application, i.done) for i in plan.items
               if i.rule == FollowUpKind.REJECTION_THANKS and i.recipient == change.to}
    said = [i for i in theirs if i.done is not None and (i.application, i.done) in replies]
    if said:
        raise FjError(f"the thanks for {change.to}'s feedback went with the reply to the no, "
                      f"logged on {said[0].done:%a %d %b}; nothing was written: if you sent "
                      "another, give --again")


def thanked(note_file: NoteFile) -> tuple[Interviewer, ...]:
    """Whom a note's messages to each person go to: its interviewers, or an event's speakers."""
    return note_file.event.speakers if note_file.event else note_file.note.interviewers


def one_application(person: str, keys: set[str]) -> None:
    if len(keys) > 1:
        raise FjError(f"{person} is in {len(keys)} applications ({', '.join(sorted(keys))}): "
                      "say which with --app")


def application_wide(plan: Plan, kind: str, app: str | None) -> Change:
    """The application's latest note: the one named, else the one application with this kind
    of item due (else upcoming; for a kind no rule asks for, the one still open)."""
    if app:
        chosen = application(plan, app, kind)
        return shared(plan, Change(chosen.latest.path, kind, addressee(plan, chosen.key, kind)))
    if kind in RULES:  # an item of this kind, or one whose message says it too
        asks = [i for i in plan.items if kind in (i.rule, *i.also)]
        due = {i.application for i in asks if i.state in OPEN[:2]}
        keys = due or {i.application for i in asks if i.state in OPEN}
    else:
        keys = {a.key for a in plan.applications if a.status in NO_NEWS_YET}
    if not keys:
        raise FjError(f"no application has a `{kind}` to log: say which with --app")
    if len(keys) > 1:
        raise FjError(f"which application? a `{kind}` could be for any of: "
                      f"{', '.join(sorted(keys))}; say which with --app")
    chosen = next(a for a in plan.applications if a.key in keys)
    return shared(plan, Change(chosen.latest.path, kind, addressee(plan, chosen.key, kind)))


def addressee(plan: Plan, key: str, kind: str) -> str | None:
    """Whom the application's open item of this kind (or whose message says it too) is
    addressed to, when the application names them: the entry says so, and the contacts count
    it. (One known only from the company's other applications would be a `to` naming no one.)"""
    names = {p.name for a in plan.applications if a.key == key for p in a.people}
    found = [i.person for i in plan.items if i.application == key and kind in (i.rule, *i.also)
             and i.state in OPEN and i.person in names]
    return found[0] if found else None


def thing_sent(plan: Plan, what: str, app: str | None) -> Change:
    """The `to_send` item whose `what` is this (exactly, else the one it begins, else the one
    with a word it begins, any case: `benchmark` for `The benchmark write-up`)."""
    apps = [application(plan, app, SENT)] if app else plan.applications
    things = [(n, index, thing) for a in apps for n in a.interviews
              for index, thing in enumerate(n.note.to_send)]
    wanted = what.strip().casefold()
    word = re.compile(r"(?<!\w)" + re.escape(wanted))
    exact = [found for found in things if found[2].what == what]
    prefix = [found for found in things if found[2].what.casefold().startswith(wanted)]
    inside = [found for found in things if word.search(found[2].what.casefold())]
    found = exact or prefix or inside
    if len(found) > 1:
        listed = "; ".join(f"“{t.what}” in {shown(n.path)}" for n, _, t in found)
        raise FjError(f"`{what}` could be: {listed}; say which (or give --app)")
    if not found:
        hint = did_you_mean(what, [thing.what for _, _, thing in things])
        raise FjError(f"nothing to send is called `{what}`{hint}{left_out(plan, what)}")
    note_file, index, thing = found[0]
    if thing.sent is not None:
        where = note_file.position(f"to_send[{index}].sent")
        raise FjError(f"“{thing.what}” is already sent on {thing.sent}: "
                      f"{shown(note_file.path)}:{where.line}:{where.col}")
    return Change(note_file.path, SENT, index=index)


def numbered(plan: Plan, number: int) -> Change:
    """What agenda item `number` (as of the plan's day) asks for, as done."""
    config = plan.journal.config
    separate, lapse_after = apart(config.rules), config.drafts.drop_overdue_after
    item = item_numbered(plan.items, plan.today, number, lapse_after, separate)
    if item is None:
        total = count(plan.items, plan.today, lapse_after, separate)
        raise FjError(f"the agenda of {plan.today.isoformat()} has {total} items: "
                      f"there is no item {number}")
    if item.state is State.DONE:
        raise FjError(f"item {number} ({item.what}) is logged already")
    said = f"{number}. {_words(plan, item)}"
    if item.rule == "info":
        return replace(promised(plan, item), item=said)
    if item.rule == "reflect":
        raise FjError(f"item {number} ({item.what}) is done by writing it down: add a "
                      f"`reflection:` (went_well, to_improve) to {shown(item.note)}")
    if item.rule not in {kind.value for kind in FollowUpKind}:
        raise FjError(f"item {number} ({item.what}) is not a message to log: mark it in "
                      f"{shown(item.note)}")
    whom = item.person if item.rule in PER_PERSON else addressee(plan, item.application, item.rule)
    return shared(plan, Change(item.note, item.rule, whom, sends=item.sends, item=said))


def _words(plan: Plan, item: Item) -> str:
    """An agenda item as the agenda words it, for the user to see what `fj log N` logged."""
    app = next(a for a in plan.applications if a.key == item.application)
    return f"{item.what_to_whom} · {app.company}, {app.role}"


def shared(plan: Plan, change: Change) -> Change:
    """An update says which article its draft shared (`shared: TITLE`), so that the next one
    shares another."""
    if change.kind != "update":
        return change
    app = next(a for a in plan.applications if change.path in (n.path for n in a.interviews))
    person = next((p for p in app.people if p.name == change.to), None)
    article = article_for(app, person, plan.journal.config.articles)
    return replace(change, note=f"shared: {article.title}") if article else change


def promised(plan: Plan, item: Item) -> Change:
    note_file = next(n for n in plan.journal.notes if n.path == item.note)
    for index, thing in enumerate(note_file.note.to_send):
        whom = f" to {thing.to}" if thing.to else ""
        if thing.sent is None and item.what == f"Send “{thing.what}”{whom}":
            return Change(item.note, SENT, index=index)
    raise FjError(f"{shown(item.note)} no longer promises “{item.what}”")


def application(plan: Plan, typed: str, kind: str | None = None) -> Application:
    """The application `typed` names: by its key, its company, or its company and role. An
    event note is one only for a `kind` its log takes: `--app kiruna` for a `follow` is the
    company's application, not the meetup Kiruna hosted."""
    apps = [a for a in plan.applications if a.status is not Status.EVENT or kind in EVENT_KINDS]
    labels = [(label, a.key) for a in apps
              for label in (a.key, a.company, f"{a.company} {a.role}", f"{a.company}, {a.role}")]
    key = pick(typed, labels, "application", plan)
    return next(a for a in plan.applications if a.key == key)


def pick(typed: str, options: Iterable[tuple[str, str]], noun: str, plan: Plan) -> str:
    """The option `typed` names: the one it is (any case, any spacing), else the one it begins,
    else the one with a word it begins (`Weber` for `Jonas Weber`); an `FjError` naming the
    candidates when it could be several, or the closest when none."""
    options = list(options)
    wanted = comparable(typed)
    word = re.compile(r"(?<!\w)" + re.escape(wanted))
    for fits in (lambda label: label == wanted, lambda label: label.startswith(wanted),
                 lambda label: word.search(label) is not None):
        found = sorted({value for label, value in options if fits(comparable(label))})
        if len(found) == 1:
            return found[0]
        if found:
            raise FjError(f"`{typed}` could be any of: {', '.join(found)}; say which")
    labels = [label for label, _ in options]
    raise FjError(f"no {noun} `{typed}`{did_you_mean(typed, labels) or word_hint(typed, labels)}"
                  f"{left_out(plan, typed)}")


def word_hint(typed: str, labels: list[str]) -> str:
    """` (did you mean `Jane Doe`?)` when `typed` is close to one word of it (`Jnae`), as a
    word of a name picks it."""
    words = {word: label for label in labels for word in comparable(label).split()}
    close = closest(comparable(typed), words)
    return f" (did you mean `{words[close]}`?)" if close else ""


def left_out(plan: Plan, typed: str) -> str:
    """A word on the notes with errors that name `typed`: they are not searched."""
    broken = [r for r in plan.journal.results if r.note is None and r.problems]
    for result in broken:
        try:
            text = read_file(result.path).decode("utf-8", "replace")
        except Unreadable:
            continue
        if typed.strip().casefold() in text.casefold():
            first = min(p for p in result.problems if p.severity is Severity.ERROR)
            return (f"; {shown(result.path)} names it but has errors, fix them first: "
                    f"{first.format(shown(first.path))}")
    return f" ({len(broken)} notes with errors were not searched: see `fj check`)" if broken else ""


# Editing the note -----------------------------------------------------------------------------


def write(config: Config, change: Change, request: Request) -> Logged:
    """The note edited as `change` says, read back and written; refused if it would read back
    as anything but the note with the entry added."""
    path = change.path
    data = read_file(path)
    before = parse_note(path, data, config.timezone)
    errors = sorted(p for p in before.problems if p.severity is Severity.ERROR)
    if before.note is None or errors:
        where = errors[0].format(shown(errors[0].path)) if errors else shown(path)
        raise FjError(f"{shown(path)} has errors, nothing was written; fix them first: {where}")
    when = checked_when(request.when, config)
    text = data.decode("utf-8")
    try:
        if change.kind == SENT:
            thing = before.note.note.to_send[change.index]
            if thing.sent is not None:
                raise FjError(f"“{thing.what}” is already sent on {thing.sent}")
            edited = set_sent(text, change.index, request.when)
        else:
            edited = add_followup(text, fields(change, request))
            for index in change.sends:  # what the message sent too, as its checklist row said
                edited = also(edited, set_sent(edited.text, index, request.when))
    except CannotEdit as error:
        raise FjError(refusal(before.note, change, text, f"cannot add the entry ({error}); "
                              "nothing was written")) from None
    new = edited.text.encode("utf-8")
    after = parse_note(path, new, config.timezone).note
    if after is None or after.body != before.note.body or after.note != expected(
            before.note, change, request, when):
        raise FjError(refusal(before.note, change, text, "the note would not read back as it "
                              "should with the entry added, so nothing was written; add it by "
                              "hand: " + " / ".join(line.strip() for _, line in edited.lines)))
    atomic_write(path.resolve(), new)
    return Logged(path, edited, change.item)


def refusal(note_file: NoteFile, change: Change, text: str, message: str) -> str:
    """`message` as an error at the place the entry goes, as `fj check` gives one."""
    line, col = place(note_file, change, text)
    return Problem(note_file.path, line, col, message).format(shown(note_file.path))


def place(note_file: NoteFile, change: Change, text: str) -> tuple[int, int]:
    """Where an entry goes: the `to_send` item it marks sent, else the last item of
    `followups`, else that key, else (no `followups` yet) the end of the front matter."""
    if change.kind == SENT:
        return note_file.position(f"to_send[{change.index}]")
    last = f"followups[{len(note_file.note.followups) - 1}]"
    found = next((key for key in (last, "followups") if key in note_file.where), None)
    return note_file.position(found) if found else (front_matter_end(text), 1)


def also(first: Edited, then: Edited) -> Edited:
    """Two edits as one: each line the second added or rewrote, and those of the first moved
    down by the lines the second inserted above them (a line both rewrote: as the second)."""
    added = len(then.text.split("\n")) - len(first.text.split("\n"))
    above = min(number for number, _ in then.lines)
    again = {number for number, _ in then.lines}
    moved = [(number + added if number >= above else number, line)
             for number, line in first.lines if added or number not in again]
    return Edited(then.text, tuple(sorted([*moved, *then.lines])))


def fields(change: Change, request: Request) -> dict[str, str]:
    found = {"kind": change.kind, "to": change.to, "date": request.when,
             "note": request.note or change.note}
    return {key: value for key, value in found.items() if value is not None}


def checked_when(text: str, config: Config) -> When:
    try:
        return parse_when(text, config.timezone)
    except ValueError as error:
        raise FjError(f"--date: {error}") from None


def expected(before: NoteFile, change: Change, request: Request, when: When) -> Note:
    """The note as it must read after the edit: text as the parser gives it (`text_value`)."""
    note = before.note
    things = list(note.to_send)
    for index in (change.index,) if change.kind == SENT else change.sends:
        things[index] = replace(things[index], sent=when)
    note = replace(note, to_send=tuple(things))
    if change.kind == SENT:
        return note
    to = text_value(change.to, UTC) if change.to else None
    written = request.note or change.note
    said = Prose(text_value(written, UTC)) if written else None
    entry = FollowUp(FollowUpKind(change.kind), when, to, said)
    return replace(note, followups=(*note.followups, entry))
