"""The journal as a coach or a mentor may see it: the same applications and checklist, with no
one's name, address or number in them (pure).

People become pseudonyms, lettered per company in the order they first appear in its notes,
oldest first: "Interviewer A", "Recruiter B" (from their `role`), "Speaker A" (at an event),
"Person A" (anyone else), so that the same notes give the same pseudonyms in every build, and
the same person one pseudonym across the applications at a company. Their names go from free
text too: the full name, each part of it and the greeting, in any case, accents or not. Email
addresses, links, phone numbers and what you learned about people go; a link in the body keeps
its text. With `hide_companies`, companies become "Company A", "Company B" in the order of their
first application. What names people outside the notes (drafts, mail links, `fj log` commands)
is left out by the render (`Site.shared`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import tzinfo
from pathlib import Path
from typing import TypeVar, cast

from .applications import Application, Met, chronological, comparable, details_of, everyone
from .checklist import Item
from .model import (
    EventNote,
    FollowUp,
    Interviewer,
    Note,
    NoteFile,
    Person,
    Role,
    Status,
)
from .slugs import slug, unique

NAME, EMAIL, LINK, PHONE = "[name]", "[email]", "[link]", "[phone]"

LABELS = {Role.RECRUITER: "Recruiter", Role.COORDINATOR: "Coordinator",
          Role.HIRING_MANAGER: "Hiring manager", Role.REFERRER: "Referrer",
          Role.INTERVIEWER: "Interviewer"}

# Words of a name that are not one: particles and honorifics (`Watanabe-san`, `Dr Nguyễn`).
NOT_NAMES = frozenset({
    "al", "bin", "ibn", "da", "das", "de", "del", "della", "den", "der", "di", "do", "dos", "du",
    "el", "la", "le", "st", "te", "ten", "ter", "van", "von", "zu", "san", "sama", "kun", "chan",
    "sensei", "dr", "mr", "mrs", "ms", "mx", "prof", "sir", "herr", "frau", "sr", "sra", "jr",
})
# Words of a company's name that many share: hidden only as part of the whole name.
GENERIC = frozenset({
    "analytics", "bank", "capital", "cloud", "company", "consulting", "corp", "corporation",
    "data", "digital", "energie", "énergie", "energy", "engineering", "games", "global",
    "group", "gmbh", "health", "holdings", "inc", "international", "labs", "logistics",
    "logistik", "ltd", "marine", "media", "network", "networks", "pagamentos", "partners",
    "payments", "platform", "robotics", "security", "services", "société", "societe",
    "software", "solutions", "studio", "studios", "systems", "tech", "technologies",
    "technology", "ventures",
})

LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:[^\n]*$", re.MULTILINE)
MARKDOWN_LINK = re.compile(r"!?\[([^\]\n]*)\](?:\([^)\n]*\)|\[[^\]\n]*\])")
AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>")
EMAIL_ADDRESS = re.compile(r"(?:mailto:)?[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
URL = re.compile(r"\b(?:[a-z][a-z0-9+.-]*://|www\.|mailto:|tel:)[^\s<>]*"
                 r"|\b(?:[\w-]+\.)*linkedin\.com\b[^\s<>]*", re.IGNORECASE)
# A word of a script with spaces: it ends where Chinese, Japanese or Korean text starts
# (`Kenjiさん`, `田中Kenji`), which has no space before or after it.
UNSPACED_CHARACTER = ("[\u2e80-\u2fdf\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
                      "\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f]")
SPACED_WORD = re.compile(rf"(?:(?!{UNSPACED_CHARACTER})\w)+")
URL_END = re.compile("[.,;:!?)\\]\"'\u2019\u201d]+$")
# A phone number is any run of 7 digits or more, spaced as people space them; a date is not.
PHONE_OR_DATE = re.compile(
    r"(?P<date>\b(?:\d{4}[-/]\d{1,2}[-/]\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?(?![./-]?\d))"
    r"|(?<![\w+])\+?\(?\d(?:[ .\-/()]{0,3}\d)+")

P = TypeVar("P", bound=Person)
S = TypeVar("S", bound=str)  # `str`, or `Prose`


@dataclass(frozen=True)
class Shared:
    """The applications and items to show, as the redacted notes make them."""

    applications: list[Application]
    items: list[Item]


def redact(applications: list[Application], items: list[Item], root: Path, tz: tzinfo,
           hide_companies: bool = False, own_name: str = "") -> Shared:
    """`applications` and their `items` without anyone's name, address or number; each note's
    path a neutral one below `root` (a file name may hold a name)."""
    companies = _company_pseudonyms(applications) if hide_companies else {}
    by_company: dict[str, list[Application]] = {}
    for application in applications:
        by_company.setdefault(comparable(application.company), []).append(application)
    people = {company: _pseudonyms(same, tz) for company, same in by_company.items()}
    greetings: dict[str, set[str]] = {}
    for note_file in (n for a in applications for n in a.interviews):
        for person in everyone(note_file.note):
            if person.greeting:
                greetings.setdefault(person.name, set()).add(person.greeting)
    named = {name for a in applications for n in a.interviews for name in _named(n.note)}
    names = _Names.of([*named, *(name for found in people.values() for name in found)],
                      own_name, _company_terms(applications, companies), greetings)
    keys: set[str] = set()
    paths: dict[Path, Path] = {}  # each note's, and the new one
    taken: set[Path] = set()
    shown: dict[str, tuple[str, _Say]] = {}
    redacted = []
    for application in applications:
        say = _Say(names, people[comparable(application.company)], companies)
        interviews = [say.note_file(n) for n in application.interviews]
        latest = interviews[-1].note
        key = unique(slug(f"{latest.company} {latest.role}") or "application", keys)
        for index, (old, new) in enumerate(zip(application.interviews, interviews, strict=True)):
            paths[old.path] = _unique_path(root, new.note, key, taken)
            taken.add(paths[old.path])
            interviews[index] = replace(new, path=paths[old.path])
        redacted.append(Application(key, tuple(interviews), say.met(application.met),
                                    application.ended))
        shown[application.key] = key, say
    return Shared(redacted, [_item(item, paths, *shown[item.application]) for item in items])


def _item(item: Item, paths: Mapping[Path, Path], key: str, say: _Say) -> Item:
    return replace(item, what=say.text(item.what), application=key, note=paths[item.note],
                   person=say.maybe_name(item.person), thing=say.maybe_text(item.thing))


def _unique_path(root: Path, note: Note, key: str, taken: set[Path]) -> Path:
    """`notes/2026-11-18-acme-backend-engineer-onsite.md`, made of what the shared copy shows:
    the note's own file name may hold a name."""
    name = f"{note.date.day.isoformat()}-{key}" + (f"-{note.stage}" if note.stage else "")
    path, number = root / "notes" / f"{name}.md", 2
    while path in taken:
        path, number = root / "notes" / f"{name}-{number}.md", number + 1
    return path


# Pseudonyms -------------------------------------------------------------------------------------


def letters(number: int) -> str:
    """0 is A, 25 is Z, 26 is AA."""
    word = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        word = chr(ord("A") + rest) + word
    return word


def _pseudonyms(applications: list[Application], tz: tzinfo) -> dict[str, str]:
    """The pseudonym of each person of a company's applications, by name: by their part, lettered
    in the order they first appear in its notes, oldest first."""
    notes = sorted((n for a in applications for n in a.interviews), key=chronological(tz))
    details = details_of(reversed(notes))  # the latest note giving a role decides, as `known`
    interviewers = {p.name for n in notes for p in n.note.interviewers}
    speakers = {p.name for n in notes if n.event is not None for p in n.event.speakers}
    found: dict[str, str] = {}
    counts: dict[str, int] = {}
    for note_file in notes:
        for person in everyone(note_file.note):
            if person.name in found:
                continue
            role = details.get(person.name, {}).get("role")
            label = (LABELS[Role(role)] if role is not None else
                     "Interviewer" if person.name in interviewers else
                     "Speaker" if person.name in speakers else "Person")
            found[person.name] = f"{label} {letters(counts.get(label, 0))}"
            counts[label] = counts.get(label, 0) + 1
    return found


def _named(note: Note) -> Iterator[str]:
    """The names a note gives where a person goes, even of no one it lists (a typo, a
    stranger): each is a name to hide."""
    yield from (name for name in (note.decided_by, note.next_steps and note.next_steps.owner)
                if name)
    yield from (thing.to for thing in note.to_send if thing.to)
    yield from (followup.to for followup in note.followups if followup.to)
    yield from (given.given_by for given in note.feedback)


def _company_pseudonyms(applications: list[Application]) -> dict[str, str]:
    """"Company A", "Company B" by company (as `comparable`), in the order of their first
    application."""
    found: dict[str, str] = {}
    for application in applications:
        company = comparable(application.company)
        if company not in found:
            found[company] = f"Company {letters(len(found))}"
    return found


def _company_terms(applications: list[Application],
                   companies: Mapping[str, str]) -> dict[str, str | None]:
    """Each company's name as free text may write it, and what it becomes: itself (None) when
    companies are shown, so that no word of it is taken for a person's; else its pseudonym, for
    the whole name, each run of its words (`Müller & Söhne` of `Müller & Söhne Logistik`) and
    each of its own words (`Havbris` of `Havbris Marine`). A word the roles use (`Python`) or
    many companies have (`Software`), or of an event's organiser, is only hidden in the whole
    name."""
    interview_roles = {word for a in applications if a.status is not Status.EVENT
                       for word in _words(comparable(a.role))}
    terms: dict[str, str | None] = {}
    for application in applications:
        hidden = companies.get(comparable(application.company))
        words = application.company.split()
        runs = [" ".join(words[i:j]) for i in range(len(words))
                for j in range(i + 2, len(words) + 1)] if hidden else []
        own = [] if hidden is None or application.status is Status.EVENT else [
            word for word in _words(application.company)
            if len(word) >= 4 and word.casefold() not in GENERIC | interview_roles]
        for spelling in (s for term in [application.company, *runs, *own]
                         for s in _variants(term)):
            terms.setdefault(_key(spelling), hidden)
    return terms


# Names in free text -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Names:
    """Every way the notes may write a name (or a company's), found where a word starts (by its
    first word) or, in a script without spaces, anywhere (one pattern); the longest spelling at
    a place wins."""

    starting: Mapping[str, list[str]]  # terms by their first word, longest first
    unspaced: re.Pattern[str] | None  # the terms in a script without spaces
    people: Mapping[str, tuple[list[str], list[str]]]  # by name: its whole spellings and parts
    fixed: Mapping[str, str | None]  # what a company's term becomes, everywhere

    @classmethod
    def of(cls, names: Iterable[str], own_name: str, companies: Mapping[str, str | None],
           greetings: Mapping[str, Iterable[str]]) -> _Names:
        """`greetings` by name: what the notes call each person besides their name."""
        people = {name: _spellings(name, *sorted(greetings.get(name, ())))
                  for name in {*names, *([own_name] if own_name else [])}}
        terms = set(companies)
        for wholes, parts in people.values():
            terms.update(wholes, parts)
        ordered = sorted(terms, key=lambda term: (-len(term), term))
        starting: dict[str, list[str]] = {}
        for term in ordered:
            first = SPACED_WORD.match(term)
            if first is not None and not _unspaced(term):
                starting.setdefault(first[0], []).append(term)
        unspaced = [re.escape(term) for term in ordered if _unspaced(term)]
        pattern = re.compile("|".join(unspaced), re.IGNORECASE) if unspaced else None
        return cls(starting, pattern, people, companies)

    def replace(self, text: str, said: Mapping[str, str | None]) -> str:
        """`text` with each name as `said` says it (a name it does not know: NAME), and each
        company's as `fixed`."""
        def say(term: str, written: str) -> str:
            found = said[term] if term in said else self.fixed.get(term, NAME)
            return written if found is None else found

        if self.unspaced is not None:
            text = self.unspaced.sub(lambda match: say(_key(match[0]), match[0]), text)
        lowered = _lowered(text)
        pieces, done = [], 0
        for word in SPACED_WORD.finditer(lowered):
            start = word.start()
            if start < done:
                continue
            for term in self.starting.get(word[0], ()):
                end = start + len(term)
                if lowered.startswith(term, start) and not _word_at(lowered, end):
                    pieces += [text[done:start], say(term, text[start:end])]
                    done = end
                    break
        return "".join([*pieces, text[done:]])


def _lowered(text: str) -> str:
    """`text` in lower case, each character where it was (`İ` in lower case is two)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _word_at(text: str, index: int) -> bool:
    return index < len(text) and SPACED_WORD.match(text, index) is not None


def _spellings(name: str, *greetings: str) -> tuple[list[str], list[str]]:
    """A name's whole spellings (the name, each run of two of its words or more, as `渡辺 健二`
    and `Watanabe Kenji` of `渡辺 健二 (Watanabe Kenji)`) and its parts (each word, and each
    piece of a hyphenated one), each also without accents; a greeting's too (`Maggie`)."""
    if greetings:
        more = [_spellings(spelling) for spelling in (name, *greetings)]
        return ([s for wholes, _ in more for s in wholes], [s for _, parts in more for s in parts])
    stripped = (word.strip("()[]{},.;:\"'\u201c\u201d\u2019") for word in name.split())
    words = [word for word in stripped if word]
    wholes = [name] + [" ".join(words[i:j]) for i in range(len(words))
                       for j in range(i + 2, len(words) + 1)]
    pieces = [piece for word in words for piece in re.split("[-'\u2010\u2019]", word)]
    parts = [part for part in dict.fromkeys([*words, *pieces])
             if part.casefold() not in NOT_NAMES and (len(part) >= 2 or _unspaced(part))]
    return ([_key(s) for w in wholes for s in _variants(w)],
            [_key(s) for p in parts for s in _variants(p)])


def _variants(text: str) -> list[str]:
    """`text`, without accents, and case-folded (`Großmann`, `Grossmann`; `Zoë`, `Zoe`)."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    spellings = (text, unicodedata.normalize("NFC", bare), text.casefold())
    return list(dict.fromkeys(spellings))


def _key(text: str) -> str:
    """A spelling as the pattern holds it: in lower case, which it matches in any case (case
    folding would make `ß` `ss`, which it does not match)."""
    return unicodedata.normalize("NFC", text).lower()


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def _unspaced(term: str) -> bool:
    """Whether the term is of a script written without spaces between words (Chinese, Japanese):
    found anywhere, not only between word boundaries."""
    return any(unicodedata.name(c, "").startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL"))
               for c in term)


# The notes --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Say:
    """How a company's notes are redacted: its people's pseudonyms, and the companies'."""

    names: _Names
    pseudonyms: Mapping[str, str]  # by name
    companies: Mapping[str, str]  # by company (as `comparable`), when hidden
    said: dict[str, str | None] = field(default_factory=dict)  # by term: what it becomes

    def __post_init__(self) -> None:
        shared: dict[str, set[str]] = {}  # a part of several people's names names no one
        for name, pseudonym in self.pseudonyms.items():
            wholes, parts = self.names.people[name]
            for term in wholes:
                self.said.setdefault(term, pseudonym)
            for term in parts:
                shared.setdefault(term, set()).add(pseudonym)
        for term, who in shared.items():
            self.said.setdefault(term, next(iter(who)) if len(who) == 1 else NAME)

    def text(self, text: S) -> S:
        """Free text without links, addresses, numbers and names."""
        return cast(S, self._text(text))

    def _text(self, text: str) -> str:
        text = unicodedata.normalize("NFC", text)
        text = LINK_DEFINITION.sub("", text)
        text = MARKDOWN_LINK.sub(r"\1", text)
        text = AUTOLINK.sub(lambda m: EMAIL if "@" in m[0] and "://" not in m[0] else LINK, text)
        text = EMAIL_ADDRESS.sub(EMAIL, text)
        text = URL.sub(_url, text)
        text = PHONE_OR_DATE.sub(_phone, text)
        return self.names.replace(text, self.said)

    def maybe_text(self, text: S | None) -> S | None:
        return None if text is None else self.text(text)

    def name(self, name: str) -> str:
        return self.pseudonyms.get(name) or self.text(name)

    def maybe_name(self, name: str | None) -> str | None:
        return None if name is None else self.name(name)

    def company(self, company: str) -> str:
        return self.companies.get(comparable(company)) or self.text(company)

    def texts(self, texts: tuple[S, ...]) -> tuple[S, ...]:
        return tuple(map(self.text, texts))

    def person(self, person: P) -> P:
        redacted = replace(person, name=self.name(person.name), greeting=None, email=None,
                           linkedin=None, title=self.maybe_text(person.title))
        if isinstance(redacted, Interviewer):
            return replace(redacted, learned=None, highlights=self.texts(redacted.highlights))
        return redacted

    def followup(self, followup: FollowUp) -> FollowUp:
        return replace(followup, to=self.maybe_name(followup.to),
                       note=self.maybe_text(followup.note))

    def note(self, note: Note) -> Note:
        return replace(
            note, company=self.company(note.company), role=self.text(note.role),
            decided_by=self.maybe_name(note.decided_by), location=self.maybe_text(note.location),
            posting=None, interviewers=tuple(map(self.person, note.interviewers)),
            people=tuple(map(self.person, note.people)), highlights=self.texts(note.highlights),
            next_steps=note.next_steps and replace(
                note.next_steps, said=self.maybe_text(note.next_steps.said),
                owner=self.maybe_name(note.next_steps.owner)),
            to_send=tuple(replace(thing, what=self.text(thing.what), to=self.maybe_name(thing.to),
                                  link=None, why=self.maybe_text(thing.why))
                          for thing in note.to_send),
            followups=tuple(map(self.followup, note.followups)),
            events=tuple(replace(event, name=self.text(event.name), link=None)
                         for event in note.events),
            tags=self.texts(note.tags),
            reflection=note.reflection and replace(
                note.reflection, went_well=self.maybe_text(note.reflection.went_well),
                to_improve=self.maybe_text(note.reflection.to_improve)),
            feedback=tuple(replace(given, given_by=self.name(given.given_by),
                                   said=self.text(given.said),
                                   themes=self.texts(given.themes))
                           for given in note.feedback))

    def event(self, event: EventNote | None) -> EventNote | None:
        if event is None:
            return None
        return replace(
            event, event=self.text(event.event), link=None,
            company=self.company(event.company) if event.company else None,
            location=self.maybe_text(event.location),
            speakers=tuple(map(self.person, event.speakers)),
            people=tuple(map(self.person, event.people)), highlights=self.texts(event.highlights),
            followups=tuple(map(self.followup, event.followups)), tags=self.texts(event.tags))

    def note_file(self, note_file: NoteFile) -> NoteFile:
        return replace(note_file, note=self.note(note_file.note), body=self.text(note_file.body),
                       event=self.event(note_file.event))

    def met(self, met: Met) -> Met:
        """The lasting details of the people met at the company, by pseudonym: their part and
        title only."""
        if not met.details:
            return met
        details = {self.pseudonyms[name]: {detail: self.text(value) if detail == "title" else value
                                           for detail, value in known.items()
                                           if detail in ("role", "title")}
                   for name, known in met.details.items() if name in self.pseudonyms}
        return Met(details, met.version)


def _url(match: re.Match[str]) -> str:
    end = URL_END.search(match[0])
    return LINK + (end[0] if end else "")


def _phone(match: re.Match[str]) -> str:
    if match["date"] or sum(c.isdigit() for c in match[0]) < 7:
        return match[0]
    return PHONE
