"""The follow-up practice, declared once: each rule, the advice behind it, its timing, and the
occasions (triggers) it finds in an application.

A trigger exists because of what the notes say (an interview, a promise, a date they named, a
no), whatever the day. Everything else derives from the triggers: the checklist
(`checklist.py`) dates each one and says where it stands as of a day; the drafts (`drafts.py`)
write a message for each one not yet done whose rule has one, to the trigger's person (for a
message about the whole application, the one `addressee` finds); `checks.py` warns about the
thank-yous still to write and the recipients `addressee` had to guess. Adding a follow-up kind
is one `@rule` here, its template `drafts/NAME.md.j2` if it has a message, and a model field if
it needs new data.

Pure: the notes in, triggers out; no disk, no clock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta, tzinfo
from pathlib import Path

from .applications import Application
from .draftnames import draft_name
from .model import Feedback, Interviewer, NoteFile, Offer, Prose, Role, Status, ToSend, When

H, D = timedelta(hours=1), timedelta(days=1)
WEEKDAYS = frozenset(range(5))  # Monday to Friday, as `date.weekday` numbers them


@dataclass(frozen=True)
class Timing:
    """When a rule's item is due and late, after its trigger; a rule can be switched off, and
    one that joins another's message can have its own (`separate`).

    `working_days` are the journal's (a message due on another day is due on the next of
    them); `answer_within` is the check-in's: the working days after the last interview in
    which an answer is expected when they named no date.
    """

    due: timedelta
    late: timedelta
    enabled: bool = True
    separate: bool = False
    working_days: frozenset[int] = WEEKDAYS
    answer_within: int = 10


@dataclass(frozen=True)
class Trigger:
    """One occasion for a rule in an application: what, for whom, counted from when."""

    rule: str
    what: str  # as the checklist says it
    note: NoteFile  # the note it comes from, whose drafts folder holds its message
    start: When | date  # what the rule's timing counts from
    person: str | None = None  # whom the checklist names
    recipient: Interviewer | None = None  # whom its message goes to
    thing: ToSend | None = None  # what was promised
    index: int = 0  # of the interviewer, or of the thing, in the note
    opens: date | None = None  # the first day it can be done, if not the start's
    done: date | None = None  # as the follow-up log (or `sent`) says
    held: bool = True  # whether the notes say it took place: only then is a message drafted
    contacts: tuple[When, ...] = ()  # for a recurring rule: every contact, to count from
    guessed: bool = False  # its recipient is a guess: the notes do not say who it goes to
    things: tuple[int, ...] = ()  # the `to_send` items of its note its message also sends
    also: tuple[str, ...] = ()  # the rules whose message this one's says too (`joins`)
    unnamed: bool = False  # no date named: counted from `answer_within` working days after start
    feedback: Feedback | None = None  # what they said, for the thanks for it

    @property
    def draft(self) -> str | None:
        """The file name of its message in the note's drafts folder, if its rule has one."""
        rule = RULES[self.rule]
        if not rule.message:
            return None
        person = self.person if rule.per_person else None
        return draft_name(self.rule, self.note, person, self.thing, self.index)


Triggers = Callable[[Application, tzinfo], Iterator[Trigger]]


@dataclass(frozen=True)
class Rule:
    name: str  # also the follow-up `kind` that marks its items done
    title: str
    practice: str  # the advice behind it, shown on the checklist page
    default: Timing
    triggers: Triggers
    statuses: frozenset[Status] | None = None  # where the application must stand (None: any)
    message: bool = True  # drafted from the theme's `drafts/NAME.md.j2`
    per_person: bool = False  # a message to each person, named after them
    waits: bool = False  # listed only from the day it opens (the interview), not before
    recurring: bool = False  # due again a cadence after the last contact
    lapses: bool = False  # once late, it is past, not overdue (an event)
    joins: str | None = None  # the rule whose message, to the same person, also says this one
    moves: bool = True  # a due day that is not a working day moves to the next working day
    answers: bool = False  # with no date named, counts from `answer_within` (a config key)
    ending: bool = False  # what the search's end asks of an application withdrawn, or to withdraw


RULES: dict[str, Rule] = {}  # in the order of what matters most when several are late


def rule(name: str, title: str, practice: str, default: Timing,
         **options: object) -> Callable[[Triggers], Triggers]:
    """Register the decorated trigger function as the rule `name`."""
    def register(triggers: Triggers) -> Triggers:
        RULES[name] = Rule(name, title, practice, default, triggers, **options)  # type: ignore[arg-type]
        return triggers
    return register


CLOSED = {Status.WITHDRAWN}  # only the rules of the search's end apply (`Rule.ending`)
NO_NEWS_YET = frozenset({Status.SCHEDULED, Status.WAITING, Status.NEXT_ROUND})
KEEP_IN_TOUCH = frozenset({Status.WAITING, Status.NEXT_ROUND, Status.REJECTED, Status.EVENT})
WAITING_ON_THEM = frozenset({Status.WAITING, Status.NEXT_ROUND})
STILL_OPEN = NO_NEWS_YET | {Status.OFFER}  # what accepting an offer elsewhere ends


def triggers(app: Application, timings: Mapping[str, Timing], tz: tzinfo,
             rules: Iterable[str] = ()) -> Iterator[Trigger]:
    """The triggers of every rule switched on that applies to the application (or of those
    `rules` only), rule by rule."""
    chosen = [RULES[name] for name in rules] if rules else list(RULES.values())
    if app.status in CLOSED or withdrawing(app):  # left to do: the withdrawal, the thanks
        chosen = [each for each in chosen if each.ending]
    found = [trigger for each in chosen
             if timing_of(each.name, timings).enabled
             and (each.statuses is None or app.status in each.statuses)
             for trigger in each.triggers(app, tz)]
    yield from joined(found, timings)


def withdrawing(app: Application) -> bool:
    """Whether the search ended (an offer accepted elsewhere) while the application was open."""
    return app.ended is not None and app.status in STILL_OPEN


def joined(found: list[Trigger], timings: Mapping[str, Timing]) -> list[Trigger]:
    """The triggers, each one whose rule joins another's message folded into that message to
    the same person from the same note while it is still to send: one message per person per
    occasion (the thank-you sends what you promised that person; the reply to a no asks for
    feedback, or thanks for the feedback given with the no). A rule's `separate` timing keeps
    its own message."""
    def key(t: Trigger) -> tuple[str, Path, str | None]:
        return t.rule, t.note.path, t.recipient.name if t.recipient else None

    hosts = {key(trigger): index for index, trigger in enumerate(found)}
    result: list[Trigger | None] = list(found)
    for index, guest in enumerate(found):
        joins = RULES[guest.rule].joins
        if joins is None or timing_of(guest.rule, timings).separate:
            continue
        host_index = hosts.get((joins, *key(guest)[1:]))
        host = result[host_index] if host_index is not None else None
        if host is None or not one_occasion(host, guest):
            continue
        if guest.done is not None:
            if guest.thing is None and host.done is None:  # the message logged said both
                result[host_index] = replace(host, done=guest.done)  # type: ignore[index]
        elif host.done is None:
            result[host_index], result[index] = folded(host, guest), None  # type: ignore[index]
        elif guest.thing is None:  # the message sent said it too (it asked for feedback)
            result[index] = answered(guest, host.done)
        # A promised item stays its own: it may have been noted after the thank-you went.
    return [trigger for trigger in result if trigger is not None]


def one_occasion(host: Trigger, guest: Trigger) -> bool:
    """Whether `guest` is of the occasion of `host`'s message: feedback is when given on or
    after the day of the no, and no later than the day the reply went."""
    if guest.feedback is None:
        return True
    given, start = guest.feedback.date.day, host.start
    no = start.day if isinstance(start, When) else start
    return no <= given and (host.done is None or given <= host.done)


def answered(guest: Trigger, day: date) -> Trigger:
    """`guest`, done on `day` by the message it joined; for feedback, what they said after that
    day is still to thank them for."""
    if guest.feedback is not None:
        later = sorted((given for given in guest.note.note.feedback
                        if given.given_by == guest.person and given.date.day > day),
                       key=lambda given: given.date.day)
        if later:
            return replace(guest, start=later[0].date, feedback=together(later))
    return replace(guest, done=day)


def folded(host: Trigger, guest: Trigger) -> Trigger:
    """`host`, whose message also says what `guest` is for."""
    also = tuple(dict.fromkeys((*host.also, guest.rule)))
    if guest.feedback is not None:  # the reply to a no, to whoever gave the feedback
        return replace(host, what=f"{host.what}, and for their feedback", also=also,
                       feedback=guest.feedback)
    if guest.thing is None:
        return replace(host, what=f"{host.what}, and {guest.what[:1].lower()}{guest.what[1:]}",
                       also=also)
    things = (*host.things, guest.index)
    base = host.what.removesuffix(sending(host.note, host.things))
    return replace(host, what=base + sending(host.note, things), things=things, also=also)


def sending(note_file: NoteFile, things: tuple[int, ...]) -> str:
    """`, with “A”, “B” and “C”`: the note's `to_send` items a message sends too."""
    named = [f"“{note_file.note.to_send[index].what}”" for index in things]
    return ", with " + and_list(named) if named else ""


def timing_of(name: str, timings: Mapping[str, Timing]) -> Timing:
    return timings.get(name, RULES[name].default)


# The rules -------------------------------------------------------------------------------------


@rule("thank-you", "Thank-you note", "Thank each interviewer by name within a day: name "
      "something specific you discussed, restate your interest.", Timing(24 * H, 48 * H),
      waits=True, per_person=True)
def thank_yous(app: Application, tz: tzinfo) -> Iterator[Trigger]:
    for note_file in app.interviews:
        for index, person in enumerate(note_file.note.interviewers):
            yield Trigger("thank-you", f"Thank-you note to {person.name}", note_file,
                          note_file.note.date, person.name, app.known(person), index=index,
                          done=logged_to(note_file, "thank-you", person.name),
                          held=held(note_file))


@rule("info", "Send what you promised", "Send the work sample or link you promised with, or "
      "soon after, the thank-you.", Timing(24 * H, 72 * H), waits=True, joins="thank-you")
def promised_items(app: Application, tz: tzinfo) -> Iterator[Trigger]:
    for note_file in app.interviews:
        for index, thing in enumerate(note_file.note.to_send):
            whom = f" to {thing.to}" if thing.to else ""
            sent = thing.sent.day if thing.sent else logged_to(note_file, "info", thing.to)
            yield Trigger("info", f"Send “{thing.what}”{whom}", note_file, note_file.note.date,
                          thing.to, recipient(app, note_file, thing.to), thing, index,
                          done=sent, held=held(note_file))


@rule("linkedin", "Connect on LinkedIn", "Connect with each interviewer, with a short note.",
      Timing(2 * D, 7 * D), waits=True, per_person=True, moves=False)
def linkedin_connections(app: Application, tz: tzinfo) -> Iterator[Trigger]:
    """Once per person in an application, from the first interview with them."""
    met: set[str] = set()
    for note_file in app.interviews:
        for index, person in enumerate(note_file.note.interviewers):
            if person.name in met:
                continue
            met.add(person.name)
            yield Trigger("linkedin", f"Connect with {person.name} on LinkedIn", note_file,
                          note_file.note.date, person.name, app.known(person), index=index,
                          done=first_logged(app, "linkedin", person.name),
                          held=held(note_file))


@rule("check-in", "Check in on next steps", "When the date they named has passed with no news "
      "(or, if they named none, a fair wait), follow up and refer to it.", Timing(1 * D, 4 * D),
      statuses=NO_NEWS_YET, answers=True)
def check_ins(app: Application, tz: tzinfo) -> Iterator[Trigger]:
    """Only the latest interview's promise counts: a later note means news came. When it names
    no date, an answer is expected within the rule's `answer_within` after the interview."""
    latest = app.latest
    steps = latest.note.next_steps
    said = f": “{steps.said}”" if steps and steps.said else ""
    whom, guessed = addressee(app, steps.owner if steps else None, ABOUT_NEXT_STEPS)
    check_in = Trigger("check-in", f"Check in on next steps{said}", latest, latest.note.date,
                       whom.name if whom else None, whom, done=logged(latest, "check-in"),
                       held=any_held(app), guessed=guessed)
    if steps is not None and steps.by is not None:
        yield replace(check_in, start=steps.by, opens=steps.by.day_in(tz) + D)
    elif app.status in WAITING_ON_THEM:
        yield replace(check_in, unnamed=True)


@rule("nudge", "Check in once more", "When a check-in gets no answer, follow up once more, "
      "briefly, a week later.", Timing(7 * D, 10 * D), statuses=NO_NEWS_YET)
def nudges(app: Application, tz: tzinfo) -> Iterator[Trigger]:
    """After the first check-in logged in the latest note, while no news came. A second
    check-in, on a later day, is the nudge too."""
    latest = app.latest
    steps = latest.note.next_steps
    sent = [f.date for f in latest.note.followups if f.kind == "check-in"]
    if not sent:
        return
    first = min(sent, key=lambda when: when.day)
    again = [when.day for when in sent if when.day > first.day]
    done = min(filter(None, [logged(latest, "nudge"), *again]), default=None)
    whom, guessed = addressee(app, steps.owner if steps else None, ABOUT_NEXT_STEPS)
    yield Trigger("nudge", "Check in once more: no answer to your check-in", latest, first,
                  whom.name if whom else None, whom, done=done, held=any_held(app),
                  guessed=guessed)


@rule("rejection-thanks", "Thank them after a no", "Reply graciously: thank them for the "
      "opportunity and say you remain interested.", Timing(1 * D, 3 * D),
      statuses=frozenset({Status.REJECTED}))
def rejection_thanks(app: Application, tz: tzinfo) -> Iterator[Trigger]:
    yield after_a_no(app, "rejection-thanks", "Thank them for the opportunity")


@rule("feedback", "Ask for feedback", "Ask what you could improve: specific, open to "
      "criticism, and thankful whatever the answer.", Timing(2 * D, 7 * D),
      statuses=frozenset({Status.REJECTED}), joins="rejection-thanks")
def feedback_requests(app: Application, tz: tzinfo) -> Iterator[Trigger]:
    """None once a note records feedback given on or after the day of the no: it came."""
    if not any(given.date.day >= app.decided for n in app.interviews for given in n.note.feedback):
        yield after_a_no(app, "feedback", "Ask for feedback on your interviews")


def after_a_no(app: Application, name: str, what: str) -> Trigger:
    whom, guessed = addressee(app, app.latest.note.decided_by, ABOUT_A_DECISION)
    return Trigger(name, what, app.latest, app.decided, whom.name if whom else None, whom,
                   done=first_logged(app, name), guessed=guessed)


@rule("update", "Keep in touch", "Every few weeks, send a short update or an article that "
      "matters to them.", Timing(28 * D, 35 * D), statuses=KEEP_IN_TOUCH, recurring=True)
def keep_in_touch(app: Application, tz: tzinfo) -> Iterator[Trigger]:
    """Recurring: due a cadence after the last contact of any kind (`checklist.py`), until
    the search ends; for an event note, with the people met there."""
    if app.ended is not None:
        return
    if app.status is Status.EVENT:
        yield from people_met(app)
        return
    contacts = [n.note.date for n in app.interviews]
    contacts += [f.date for n in app.interviews for f in n.note.followups
                 if f.kind != "follow"]  # following the company says nothing to them
    whom, guessed = addressee(app, None, KEEPING_IN_TOUCH)
    yield Trigger("update", "Send a short update or an article", app.latest, app.latest.note.date,
                  whom.name if whom else None, whom, held=any_held(app),
                  contacts=tuple(contacts), guessed=guessed)


@rule("event", "Attend a company event", "Attend the company's events and webinars.",
      Timing(0 * D, 0 * D), message=False, lapses=True, moves=False)
def events(app: Application, tz: tzinfo) -> Iterator[Trigger]:
    """Each event of its notes; once the search is over, of another company only those up to
    that day (or attended): nothing is left to keep in touch for."""
    over = app.ended if app.status not in (Status.ACCEPTED, Status.EVENT) else None
    for note_file in app.interviews:
        for event in note_file.note.events:
            day = event.date.day_in(tz)
            if over is not None and day > over and not event.attended:
                continue
            yield Trigger("event", f"Attend {event.name}", note_file, event.date,
                          done=day if event.attended else None, opens=day - 14 * D)


@rule("offer-thanks", "Thank them for the offer", "Thank whoever made the offer within a day: "
      "confirm the date they want your answer by, and ask for what is still missing (the offer "
      "in writing, the start date).", Timing(1 * D, 3 * D),
      statuses=frozenset({Status.OFFER, Status.ACCEPTED}))
def offer_thanks(app: Application, tz: tzinfo) -> Iterator[Trigger]:
    """From the note of the offer, so its draft stays there once the offer is accepted."""
    offer = app.offer_note
    if offer is None:
        return
    terms, answering = app.offer, app.status is Status.OFFER
    by = terms.respond_by.day_in(tz) if terms and terms.respond_by and answering else None
    confirm = f", confirm you will answer by {long_day(by)}" if by else ""
    asks = still_open(terms, answering)
    what = f"Thank them for the offer{confirm}" + (f", and ask for {and_list(asks)}"
                                                    if asks else "")
    whom, guessed = addressee(app, offer.note.decided_by, ABOUT_A_DECISION)
    yield Trigger("offer-thanks", what, offer, (offer.note.decided or offer.note.date).day,
                  whom.name if whom else None, whom, done=first_logged(app, "offer-thanks"),
                  guessed=guessed)


@rule("offer-decision", "Answer the offer in time", "Give your answer by the date they asked "
      "for it: the reminder comes a few days before.", Timing(-1 * D, 0 * D),
      statuses=frozenset({Status.OFFER}), message=False, moves=False)
def offer_decisions(app: Application, tz: tzinfo) -> Iterator[Trigger]:
    """Counted from the date they want the answer by: it opens three days before, is due the
    day before and late after the day. Gone once the notes give the answer."""
    offer, note_file = app.offer, app.offer_note
    if offer is None or offer.respond_by is None or note_file is None:
        return
    day = offer.respond_by.day_in(tz)
    yield Trigger("offer-decision", f"Decide on the offer: they want your answer by "
                  f"{long_day(day)}", note_file, offer.respond_by, opens=day - 3 * D)


@rule("decline", "Decline the offer graciously", "Thank them, say no clearly and kindly, and "
      "keep the door open: you may meet again.", Timing(1 * D, 3 * D),
      statuses=frozenset({Status.DECLINED}))
def declines(app: Application, tz: tzinfo) -> Iterator[Trigger]:
    offer = app.offer_note or app.latest
    whom, guessed = addressee(app, app.latest.note.decided_by or offer.note.decided_by,
                              ABOUT_A_DECISION)
    yield Trigger("decline", "Decline the offer, and keep the door open", app.latest,
                  app.decided, whom.name if whom else None, whom,
                  done=first_logged(app, "decline"), guessed=guessed)


@rule("withdrawal", "Withdraw when the search is over", "Once you accept an offer, tell every "
      "other company still considering you, graciously and at once.", Timing(1 * D, 3 * D),
      ending=True)
def withdrawals(app: Application, tz: tzinfo) -> Iterator[Trigger]:
    """Once an offer is accepted elsewhere, for an application still open; a later note that
    says `withdrawn` closes it, as a logged withdrawal does."""
    if not withdrawing(app) or app.ended is None:
        return
    latest = app.latest.note
    steps = latest.next_steps
    named = latest.decided_by if app.status is Status.OFFER else steps.owner if steps else None
    whom, guessed = addressee(app, named, ABOUT_A_WITHDRAWAL)
    what = "Decline their offer" if app.status is Status.OFFER else "Withdraw your application"
    yield Trigger("withdrawal", f"{what}: you accepted another offer", app.latest, app.ended,
                  whom.name if whom else None, whom, done=first_logged(app, "withdrawal"),
                  guessed=guessed)


@rule("reference-thanks", "Thank who helped you", "Once the search is over, thank everyone "
      "who referred you or gave you a reference: tell them where you are going, and offer to "
      "return the favour.", Timing(1 * D, 3 * D), per_person=True, ending=True)
def reference_thanks(app: Application, tz: tzinfo) -> Iterator[Trigger]:
    """For each referrer and reference this application thanks (`Application.joining`: one
    application thanks each of them), from the day the search ended."""
    if app.ended is None or app.joining is None:
        return
    joining = app.joining
    news = ("you accepted their offer" if joining.key == app.key
            else f"you are joining {joining.company}")
    for name in joining.thanks:
        person = app.named(name)
        helped = (f"referring you to {app.company}" if person and person.role is Role.REFERRER
                  else f"the reference for {app.company}")
        yield Trigger("reference-thanks", f"Thank {name} for {helped}, and tell them {news}",
                      app.latest, app.ended, name, person,
                      done=first_logged(app, "reference-thanks", name))


@rule("feedback-thanks", "Thank for feedback", "Thank whoever gave you feedback "
      "within a day: refer to what they said, take it well, and say you remain interested.",
      Timing(1 * D, 3 * D), per_person=True, joins="rejection-thanks")
def feedback_thanks(app: Application, tz: tzinfo) -> Iterator[Trigger]:
    """For each person who gave feedback in a note, one for each occasion to thank them
    (`occasions`); a thank-you logged to them (or to no one named) on or after its first day
    marks it done. Feedback given with the no is thanked in the reply to it (`joined`)."""
    for note_file in app.interviews:
        givers: dict[str, list[Feedback]] = {}
        for given in note_file.note.feedback:
            givers.setdefault(given.given_by, []).append(given)
        for name, entries in givers.items():
            thanked = sorted(f.date.day for n in app.interviews for f in n.note.followups
                             if f.kind == "feedback-thanks" and f.to in (name, None))
            for group in occasions(entries, thanked):
                start = group[0].date.day
                yield Trigger("feedback-thanks", f"Thank {name} for the feedback", note_file,
                              group[0].date, name, recipient(app, note_file, name),
                              done=next((day for day in thanked if day >= start), None),
                              feedback=together(group))


def occasions(entries: list[Feedback], thanked: list[date]) -> Iterator[list[Feedback]]:
    """One person's feedback in a note, by day, in the groups one message thanks them for:
    an entry joins the ones before it unless a thank-you was logged in between."""
    group: list[Feedback] = []
    for given in sorted(entries, key=lambda given: given.date.day):
        if group and any(group[0].date.day <= day < given.date.day for day in thanked):
            yield group
            group = []
        group.append(given)
    if group:
        yield group


def together(group: list[Feedback]) -> Feedback:
    """The first of the feedback a message thanks for, saying what all of it said."""
    if len(group) == 1:
        return group[0]
    return replace(group[0], said=Prose("\n\n".join(given.said.strip() for given in group)))


@rule("reflect", "Reflect and learn", "After a no, write down what went well and "
      "what to improve while it is fresh: the themes that come back show what to work on.",
      Timing(2 * D, 7 * D), statuses=frozenset({Status.REJECTED}), message=False, moves=False)
def reflections(app: Application, tz: tzinfo) -> Iterator[Trigger]:
    """Done, as of the decision, once any note of the application has a reflection with
    anything in it."""
    written = any(n.note.reflection and (n.note.reflection.went_well or
                                         n.note.reflection.to_improve) for n in app.interviews)
    yield Trigger("reflect", f"Write down what you learned from {app.company}, {app.role}",
                  app.latest, app.decided, done=app.decided if written else None)


@rule("event-thanks", "Thank the speaker or host", "After an event you attended, thank the "
      "speaker or host the next working day: name something from the talk, say what you take "
      "from it, and your interest in their work.", Timing(1 * D, 3 * D),
      statuses=frozenset({Status.EVENT}), per_person=True)
def event_thanks(app: Application, tz: tzinfo) -> Iterator[Trigger]:
    """For each speaker (or host) of an event note that says you attended."""
    for note_file in app.interviews:
        event = note_file.event
        if event is None or not event.attended:
            continue
        for index, person in enumerate(event.speakers):
            yield Trigger("event-thanks", f"Thank {person.name} for {event.event}", note_file,
                          event.date, person.name, app.known(person), index=index,
                          done=logged_to(note_file, "event-thanks", person.name))


def people_met(app: Application) -> Iterator[Trigger]:
    """The keep-in-touch of an event: a cadence after the last contact with the people met
    there (the event, any follow-up), to the first of them with an address."""
    attended = [n for n in app.interviews if n.event and n.event.attended and n.event.people]
    if not attended:
        return
    met = [app.known(person) for n in reversed(attended) for person in n.event.people]  # type: ignore[union-attr]
    whom = next((person for person in met if person.email), met[0])
    contacts = [n.note.date for n in attended]
    contacts += [f.date for n in app.interviews for f in n.note.followups]
    yield Trigger("update", f"Keep in touch with the people met at {app.role}", attended[-1],
                  attended[-1].note.date, whom.name, whom, contacts=tuple(contacts))


@rule("follow", "Follow the company", "Follow the company on LinkedIn, or their blog, to keep "
      "up with their news.", Timing(3 * D, 10 * D), message=False, waits=True, moves=False,
      statuses=frozenset({*NO_NEWS_YET, Status.OFFER, Status.REJECTED}))
def follow_the_company(app: Application, tz: tzinfo) -> Iterator[Trigger]:
    """Once per application, from its first interview; done when a `follow` is logged in any
    of its notes; while it is open or after a no, until the search is over."""
    if app.ended is not None:
        return
    first = app.interviews[0]
    yield Trigger("follow", f"Follow {app.company} on LinkedIn (or their blog)", first,
                  first.note.date, done=first_logged(app, "follow"))


RANK = {name: rank for rank, name in enumerate(RULES)}
DEFAULT_TIMINGS = {name: each.default for name, each in RULES.items()}


# Helpers ---------------------------------------------------------------------------------------


def held(note_file: NoteFile) -> bool:
    """Whether the note says its interview took place."""
    return note_file.note.status is not Status.SCHEDULED


def any_held(app: Application) -> bool:
    return any(map(held, app.interviews))


def recipient(app: Application, note_file: NoteFile, name: str | None) -> Interviewer | None:
    """The person named (someone no note at the company knows gets a placeholder address), or
    for no name the first of the note's interviewers with an email address, else the first at
    all; each as the company's notes know them (`Application.known`)."""
    if name is not None:
        return app.named(name) or app.known(Interviewer(name))
    people = [app.known(p) for p in note_file.note.interviewers]
    with_email = [p for p in people if p.email]
    return next(iter(with_email or people), None)


# Who an application-wide message goes to, after the person the notes name for it: the first
# of these roles that someone of the application has.
ABOUT_NEXT_STEPS = (Role.RECRUITER, Role.COORDINATOR, Role.HIRING_MANAGER)
ABOUT_A_DECISION = (Role.RECRUITER, Role.HIRING_MANAGER, Role.COORDINATOR)
KEEPING_IN_TOUCH = (Role.HIRING_MANAGER, Role.RECRUITER, Role.REFERRER)
ABOUT_A_WITHDRAWAL = (Role.RECRUITER, Role.COORDINATOR, Role.HIRING_MANAGER)


def still_open(offer: Offer | None, answering: bool = True) -> list[str]:
    """What a thank-you for an offer asks for: what the notes do not say yet (the date they
    want the answer by only while `answering`)."""
    found = [] if (offer and offer.respond_by) or not answering else [
        "the date they want your answer by"]
    found += [] if offer and offer.written else ["the offer in writing"]
    return found + ([] if offer and offer.start else ["the start date"])


def long_day(day: date) -> str:
    """`Friday 4 December`, as a person says a day."""
    return f"{day:%A} {day.day} {day:%B}"


def and_list(words: list[str]) -> str:
    return f"{', '.join(words[:-1])} and {words[-1]}" if len(words) > 1 else words[0]


def addressee(app: Application, named: str | None,
              roles: tuple[Role, ...]) -> tuple[Interviewer | None, bool]:
    """Who an application-wide message goes to, and whether that is a guess: the person
    `named` (who owns the next step, who gave the decision), else the first of `roles` that
    someone has, else, a guess, the latest interview's first interviewer with an address (for
    a note of a decision alone, the first person of the application with one)."""
    if named is not None:
        return recipient(app, app.latest, named), False
    for role in roles:
        if (person := app.with_role(role)) is not None:
            return person, False
    guess = recipient(app, app.latest, None)
    if guess is None:
        with_email = [person for person in app.people if person.email]
        guess = next(iter(with_email or app.people), None)
    return guess, True


def logged(note_file: NoteFile, kind: str) -> date | None:
    """The first day a follow-up of this kind was logged in the note, to anyone."""
    days = [f.date.day for f in note_file.note.followups if f.kind == kind]
    return min(days, default=None)


def logged_to(note_file: NoteFile, kind: str, person: str | None) -> date | None:
    """The first day a follow-up of this kind was logged to `person` (None: to no one named).

    A follow-up that names no one counts for everyone it could be for.
    """
    days = [f.date.day for f in note_file.note.followups
            if f.kind == kind and f.to in (person, None)]
    return min(days, default=None)


def first_logged(app: Application, kind: str, person: str | None = None) -> date | None:
    """The first day a follow-up of this kind was logged in any note of the application, to
    `person` if one is given."""
    days = [day for n in app.interviews
            if (day := logged_to(n, kind, person) if person else logged(n, kind)) is not None]
    return min(days, default=None)
