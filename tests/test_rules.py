"""The follow-up rules: each timing, each state, each override, and daylight-saving edges."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from conftest import LISBON, dedent, parse

from followup_journal.applications import group_applications
from followup_journal.checklist import State, checklist
from followup_journal.config import load_config
from followup_journal.drafts import plan_drafts
from followup_journal.rules import DEFAULT_TIMINGS, Timing
from followup_journal.silence import days_past_their_date, no_answer_since
from followup_journal.wording import status_words


def note(status="waiting", when="2026-11-18 14:30", extra="", company="Acme", role="SRE"):
    return dedent(f"""
        ---
        company: {company}
        role: {role}
        date: {when}
        status: {status}
        interviewers:
          - name: Jane Doe
            highlights: [Queues]
          - name: Omar Haddad
            highlights: [SLOs]
        """) + dedent(extra) + "---\n"


def items(*notes, today="2026-11-19", rule=None, timings=None):
    files = [parse(text).note for text in notes]
    assert None not in files, [parse(text).problems for text in notes]
    applications = group_applications(files, LISBON)
    found = checklist(applications, timings or {}, date.fromisoformat(today), LISBON)
    return [item for item in found if rule is None or item.rule == rule]


def days(item):
    return (str(item.opens), str(item.due), str(item.late))


def states(text, rule, *todays):
    return [[item.state for item in items(text, today=day, rule=rule)] for day in todays]


# Default timings --------------------------------------------------------------------------------


def test_thank_you_to_each_interviewer_due_in_24_hours_late_after_48():
    jane, omar = items(note(), rule="thank-you")
    assert (jane.person, omar.person) == ("Jane Doe", "Omar Haddad")
    assert days(jane) == ("2026-11-18", "2026-11-19", "2026-11-20")
    assert states(note(), "thank-you", "2026-11-18", "2026-11-20", "2026-11-21") == [
        [State.DUE] * 2, [State.DUE] * 2, [State.OVERDUE] * 2
    ]


def test_no_thank_you_before_the_interview():
    assert items(note(status="scheduled", when="2026-11-25 10:00"), rule="thank-you") == []


def test_a_logged_thank_you_marks_that_person_done_with_its_date():
    logged = note(extra="""
        followups:
          - {kind: thank-you, to: Jane Doe, date: 2026-11-19 09:00}
    """)
    jane, omar = items(logged, today="2026-11-25", rule="thank-you")
    assert (jane.state, jane.done) == (State.DONE, date(2026, 11, 19))
    assert omar.state is State.OVERDUE


def test_a_thank_you_logged_to_no_one_in_particular_counts_for_everyone():
    logged = note(extra="followups: [{kind: thank-you, date: 2026-11-18}]\n")
    assert {i.state for i in items(logged, rule="thank-you")} == {State.DONE}


def test_promised_things_are_due_with_the_thank_you_and_late_after_three_days():
    promised = note(extra="""
        to_send:
          - {what: Benchmark write-up, to: Jane Doe}
          - Slides
          - {what: Portfolio, sent: 2026-11-20}
        followups: [{kind: info, to: Jane Doe, date: 2026-11-19}]
    """)
    write_up, slides, portfolio = items(promised, today="2026-11-22", rule="info",
                                        timings=SEPARATE)
    assert write_up.what == "Send “Benchmark write-up” to Jane Doe"
    assert (write_up.state, write_up.done) == (State.DONE, date(2026, 11, 19))
    assert days(slides) == ("2026-11-18", "2026-11-19", "2026-11-21")
    assert slides.state is State.OVERDUE  # what went to Jane was not these
    assert (portfolio.state, portfolio.done) == (State.DONE, date(2026, 11, 20))


SEPARATE = {name: replace(DEFAULT_TIMINGS[name], separate=True) for name in ("info", "feedback")}


def test_the_thank_you_sends_what_was_promised_to_that_person_in_one_message():
    promised = note(extra="""
        to_send:
          - {what: Benchmark write-up, to: Omar Haddad}
          - Slides
          - {what: Portfolio, sent: 2026-11-18}
    """)
    found = items(promised, today="2026-11-19")
    assert [(i.rule, i.what) for i in found if i.state is not State.DONE
            and i.rule in ("thank-you", "info")] == [
        ("thank-you", "Thank-you note to Jane Doe, with “Slides”"),  # no `to`: the first
        ("thank-you", "Thank-you note to Omar Haddad, with “Benchmark write-up”"),
    ]
    three = note(extra="to_send: [{what: A, to: Jane Doe}, {what: B, to: Jane Doe}, "
                       "{what: 'C, with D', to: Jane Doe}]\n")
    [thanks] = items(three, rule="thank-you")[:1]
    assert thanks.what == "Thank-you note to Jane Doe, with “A”, “B” and “C, with D”"


def test_what_was_promised_stays_its_own_item_once_the_thank_you_went_without_it():
    promised = note(extra="""
        to_send: [{what: Benchmark write-up, to: Omar Haddad}]
        followups: [{kind: thank-you, to: Omar Haddad, date: 2026-11-18}]
    """)
    [write_up] = items(promised, today="2026-11-19", rule="info")
    assert write_up.state is State.DUE


def test_the_reply_to_a_no_asks_for_feedback_and_logging_it_does_both():
    no = note(status="rejected", extra="decided: 2026-11-20\n")
    after_a_no = ("rejection-thanks", "feedback")
    [reply] = [i for i in items(no, today="2026-11-21") if i.rule in after_a_no]
    assert (reply.rule, days(reply)) == ("rejection-thanks", ("2026-11-20", "2026-11-23",
                                                              "2026-11-25"))  # from a Friday
    assert reply.what == "Thank them for the opportunity, and ask for feedback on your interviews"
    logged = note(status="rejected", extra="""
        decided: 2026-11-20
        followups: [{kind: rejection-thanks, date: 2026-11-21}]
    """)
    assert [(i.rule, i.state) for i in items(logged, today="2026-11-30")
            if i.rule in after_a_no] == [("rejection-thanks", State.DONE),
                                         ("feedback", State.DONE)]


def test_a_feedback_request_logged_marks_the_reply_that_asks_for_it_done():
    # found by an adversarial test: the reply stayed open after a `feedback` entry
    logged = note(status="rejected", extra="""
        decided: 2026-11-20
        followups: [{kind: feedback, date: 2026-11-21}]
    """)
    assert [(i.rule, i.state) for i in items(logged, today="2026-11-30")
            if i.rule in ("rejection-thanks", "feedback")] == [
        ("rejection-thanks", State.DONE), ("feedback", State.DONE)]


def test_linkedin_once_per_person_per_application_due_in_2_days_late_after_7():
    second_round = note(when="2026-11-25 10:00", extra="followups: "
                        "[{kind: linkedin, to: Omar Haddad, date: 2026-11-26}]\n")
    found = items(note(), second_round, today="2026-11-26", rule="linkedin")
    assert [(i.person, i.state) for i in found] == [("Jane Doe", State.OVERDUE),
                                                    ("Omar Haddad", State.DONE)]
    assert days(found[0]) == ("2026-11-18", "2026-11-20", "2026-11-25")


def test_check_in_after_the_named_date_passes_without_news():
    promised = note(extra="next_steps: {said: We decide by Friday, by: 2026-11-27}\n")
    [item] = items(promised, rule="check-in")
    assert item.what == "Check in on next steps: “We decide by Friday”"
    # It opens on Saturday, and is due on Monday, the first working day.
    assert days(item) == ("2026-11-28", "2026-11-30", "2026-12-03")
    assert states(promised, "check-in", "2026-11-27", "2026-11-28", "2026-12-03",
                  "2026-12-04") == [[State.UPCOMING], [State.DUE], [State.DUE], [State.OVERDUE]]


def test_no_check_in_once_news_came():
    promised = note(extra="next_steps: {by: 2026-11-20}\n")
    next_round = note(status="next-round", when="2026-11-24 10:00")
    [later] = items(promised, next_round, today="2026-11-30", rule="check-in")
    assert "no date was named" in later.what  # the next round's own, not the promise before
    offer = note(status="offer", extra="next_steps: {by: 2026-11-20}\n")
    assert items(offer, today="2026-11-30", rule="check-in") == []


def test_after_a_no_thanks_in_a_day_and_feedback_in_two():
    no = note(status="rejected", extra="decided: 2026-11-20\n")
    [thanks] = items(no, today="2026-11-21", rule="rejection-thanks", timings=SEPARATE)
    [feedback] = items(no, today="2026-11-21", rule="feedback", timings=SEPARATE)
    # The decision came on a Friday: both are due on Monday, with their days of grace after.
    assert (thanks.rule, days(thanks)) == ("rejection-thanks",
                                           ("2026-11-20", "2026-11-23", "2026-11-25"))
    assert (feedback.rule, days(feedback)) == ("feedback",
                                               ("2026-11-20", "2026-11-23", "2026-11-28"))


def test_after_a_no_without_a_decision_date_counts_from_the_interview():
    [thanks] = items(note(status="rejected"), rule="rejection-thanks")
    assert days(thanks) == ("2026-11-18", "2026-11-19", "2026-11-21")


def test_keep_in_touch_four_weeks_after_the_last_contact():
    contact = note(extra="followups: [{kind: thank-you, date: 2026-11-19}]\n")
    [update] = items(contact, today="2026-11-20", rule="update")
    assert days(update) == ("2026-12-17", "2026-12-17", "2026-12-24")
    assert states(contact, "update", "2026-12-16", "2026-12-17", "2026-12-24") == [
        [State.UPCOMING], [State.DUE], [State.DUE]
    ]


def test_keep_in_touch_counts_a_contact_on_its_day_in_the_journals_timezone():
    # 01:00 on the 19th in Tokyo is 16:00 on the 18th in Lisbon, the journal's timezone.
    [offset] = items(note(when="2026-11-19 01:00 +09:00"), today="2026-11-20", rule="update")
    [local] = items(note(when="2026-11-18 16:00"), today="2026-11-20", rule="update")
    assert days(offset) == days(local)


def test_a_missed_update_does_not_pile_up_the_next_one_comes_a_cadence_later():
    old_no = note(status="rejected", when="2020-03-02", extra="decided: 2020-03-09\n"
                  "followups: [{kind: rejection-thanks, date: 2020-03-10},"
                  " {kind: feedback, date: 2020-03-10}]\n")
    [update] = items(old_no, today="2026-11-21", rule="update")
    assert update.state is State.UPCOMING or update.state is State.DUE
    assert date(2026, 11, 21) <= update.due <= date(2026, 11, 21) + timedelta(days=28)


@pytest.mark.parametrize("status", ["offer", "accepted", "withdrawn", "scheduled"])
def test_no_keep_in_touch_for_an_offer_or_a_closed_or_future_application(status):
    assert items(note(status=status), today="2026-12-30", rule="update") == []


def test_events_are_upcoming_then_due_on_the_day_then_missed_or_done():
    event = note(extra="events: [{name: Tech talk, date: 2026-12-03 18:00}]\n")
    assert states(event, "event", "2026-11-18", "2026-11-19", "2026-12-03", "2026-12-04") == [
        [State.UPCOMING], [State.DUE], [State.DUE], [State.NOT_APPLICABLE]
    ]
    attended = event.replace("18:00}", "18:00, attended: true}")
    assert states(attended, "event", "2026-12-04") == [[State.DONE]]


def test_a_withdrawn_application_asks_for_nothing():
    assert items(note(), note(status="withdrawn", when="2026-11-19 10:00"), today="2026-11-30") \
        == []


def test_a_decision_on_the_day_of_an_interview_comes_after_it():
    interview = note(when="2026-11-18 10:00")
    rejection = note(status="rejected", when="2026-11-18")
    [application] = group_applications([parse(rejection).note, parse(interview).note], LISBON)
    assert application.status == "rejected"


def test_on_one_day_a_later_stage_comes_after_an_earlier_one():
    final = note(status="offer", when="2026-11-18", extra="stage: final\n").replace(
        "status: offer", "status: next-round")
    screen = note(when="2026-11-18", extra="stage: screen\n")
    files = [parse(final).note, parse(screen).note]
    [application] = group_applications(files, LISBON)
    assert [n.note.stage for n in application.interviews] == ["screen", "final"]


def test_notes_in_other_offsets_are_ordered_by_the_moment():
    tokyo = note(status="next-round", when="2026-11-19T01:00+09:00")  # 16:00 the 18th in Lisbon
    later = note(status="rejected", when="2026-11-18T20:00Z")
    [application] = group_applications([parse(later).note, parse(tokyo).note], LISBON)
    assert application.status == "rejected"


def test_notes_of_one_company_and_role_form_one_application_whatever_the_case():
    first = note(company="Acme  Robotics", role="SRE")
    second = note(company="acme robotics", role="sre", when="2026-11-25 10:00",
                  status="next-round")
    [application] = group_applications([parse(first).note, parse(second).note], LISBON)
    assert application.status == "next-round"
    assert application.key == "acme-robotics-sre"


def test_a_company_name_typed_with_accents_composed_or_not_is_one_application():
    first = note(company="Zo\u00eb GmbH", role="SRE")  # ë, as most keyboards give it
    second = note(company="Zoe\u0308 GmbH", role="SRE", when="2026-11-25 10:00",
                  status="next-round")  # e and a combining diaeresis, as some tools paste it
    [application] = group_applications([parse(first).note, parse(second).note], LISBON)
    assert len(application.interviews) == 2
    greek = [note(company=name, role="SRE") for name in ("\u0390 Labs", "\u03aa\u0301 Labs")]
    [application] = group_applications([parse(text).note for text in greek], LISBON)  # ΐ, Ϊ́


def test_a_company_typed_in_full_width_letters_is_the_same_application():
    first = note(company="LINEヤフー", role="SRE")
    second = note(company="\uff2c\uff29\uff2e\uff25ヤフー", role="\uff33\uff32\uff25",
                  when="2026-11-25 10:00", status="next-round")  # full width, as typed in Japanese
    [application] = group_applications([parse(first).note, parse(second).note], LISBON)
    assert len(application.interviews) == 2
    bold = note(company="\U0001d400\U0001d41c\U0001d426\U0001d41e", role="SRE")  # pasted
    [application] = group_applications([parse(note(company="Acme", role="SRE")).note,
                                        parse(bold).note], LISBON)


# Overrides --------------------------------------------------------------------------------------


def test_a_timing_can_be_changed_and_a_rule_switched_off():
    timings = {"thank-you": Timing(timedelta(hours=12), timedelta(hours=36)),
               "linkedin": Timing(timedelta(days=2), timedelta(days=7), enabled=False)}
    jane = items(note(), timings=timings, rule="thank-you")[0]
    assert days(jane) == ("2026-11-18", "2026-11-19", "2026-11-20")  # 02:30 and 02:30
    assert items(note(), timings=timings, rule="linkedin") == []
    early = note(when="2026-11-18 09:00")
    assert days(items(early, timings=timings, rule="thank-you")[0])[1:] == ("2026-11-18",
                                                                             "2026-11-19")


def test_a_short_check_in_timing_still_opens_before_it_is_late():
    timings = {"check-in": Timing(timedelta(hours=12), timedelta(hours=20))}
    promised = note(extra="next_steps: {by: 2026-11-20}\n")
    [item] = items(promised, today="2026-11-21", rule="check-in", timings=timings)
    assert days(item) == ("2026-11-21", "2026-11-23", "2026-11-23")
    assert item.state is State.DUE


def test_an_event_timing_can_leave_days_to_catch_the_recording():
    timings = {"event": Timing(timedelta(0), timedelta(days=3))}
    event = note(extra="events: [{name: Webinar, date: 2026-12-03}]\n")
    [item] = items(event, today="2026-12-05", rule="event", timings=timings)
    assert (days(item), item.state) == (("2026-11-19", "2026-12-03", "2026-12-06"), State.DUE)


def test_the_config_sets_timings_and_reports_bad_ones_at_their_line(journal):
    journal.write("journal.toml", """
        [rules.thank-you]
        due = "12h"
        late = "2d"

        [rules.linkedin]
        enabled = false

        [rules.update]
        due = "soon"
        late = "1w"

        [rules.feedback]
        due = "3d"
        late = "1d"

        [rules.thank_you]
    """)
    config, problems = load_config(journal.root, lambda: LISBON)
    assert config.rules["thank-you"] == Timing(timedelta(hours=12), timedelta(days=2))
    assert config.rules["linkedin"].enabled is False
    assert [p.format("journal.toml") for p in sorted(problems) if "[me]" not in p.message] == [
        "journal.toml:9:1: error: `due` should be a duration like \"24h\", \"3d\" or \"4w\"",
        "journal.toml:14:1: error: `late` must not come before `due` in [rules.feedback]",
        "journal.toml:16:1: warning: unknown key `thank_you` in [rules] (did you mean "
        "`thank-you`?)",
    ]
    assert config.rules["feedback"] == Timing(timedelta(days=2), timedelta(days=7))


EVERY_DAY = {"thank-you": Timing(timedelta(hours=24), timedelta(hours=48),
                                 working_days=frozenset(range(7)))}


# Daylight saving --------------------------------------------------------------------------------


def test_a_bare_day_counts_calendar_days_across_the_autumn_change():
    # 25 October has 25 hours in Lisbon; a day is still a day.
    [jane] = items(note(when="2026-10-25"), today="2026-10-25", rule="thank-you")[:1]
    assert days(jane) == ("2026-10-25", "2026-10-26", "2026-10-27")


def test_windows_count_real_hours_across_the_spring_change():
    # Clocks go forward at 01:00 on 29 March in Lisbon: 24 real hours after 23:30 on the 28th is
    # 00:30 on the 30th, not 23:30 on the 29th.
    [jane] = items(note(when="2026-03-28 23:30"), today="2026-03-29", rule="thank-you")[:1]
    assert days(jane)[1] == "2026-03-30"


def test_windows_count_real_hours_across_the_autumn_change():
    # Clocks go back at 02:00 on 25 October: 24 real hours after 23:30 on the 24th is 22:30 on
    # the 25th.
    [jane] = items(note(when="2026-10-24 23:30"), today="2026-10-25", rule="thank-you",
                   timings=EVERY_DAY)[:1]
    assert days(jane)[1] == "2026-10-25"


def test_an_interview_in_another_offset_counts_in_the_journal_timezone():
    # 20:00 in New York is 01:00 the next day in Lisbon.
    [jane] = items(note(when="2026-11-03T20:00-05:00"), today="2026-11-04",
                   rule="thank-you")[:1]
    assert days(jane)[1:] == ("2026-11-05", "2026-11-06")


# Working days -----------------------------------------------------------------------------------


def test_a_message_due_on_a_weekend_is_due_on_monday_but_a_linkedin_invitation_is_not():
    friday = note(when="2026-11-20 10:00")
    thanks = items(friday, today="2026-11-20", rule="thank-you")[0]
    # Due on Saturday, late after Sunday: due on Monday, with its day of grace kept.
    assert days(thanks) == ("2026-11-20", "2026-11-23", "2026-11-24")
    assert states(friday, "thank-you", "2026-11-24", "2026-11-25") == [[State.DUE] * 2,
                                                                         [State.OVERDUE] * 2]
    linkedin = items(friday, today="2026-11-20", rule="linkedin")[0]
    assert days(linkedin) == ("2026-11-20", "2026-11-22", "2026-11-27")  # a Sunday, as it was


def test_an_event_on_a_weekend_stays_on_its_day():
    event = note(extra="events: [{name: Meetup, date: 2026-11-28 11:00}]\n")  # a Saturday
    [item] = items(event, today="2026-11-20", rule="event")
    assert days(item)[1:] == ("2026-11-28", "2026-11-28")


def test_the_working_days_are_the_journals_own(journal):
    journal.write("journal.toml", 'working_days = ["sun", "mon", "tue", "wed", "Thu"]\n')
    config, problems = load_config(journal.root, lambda: LISBON)
    assert [p for p in problems if "[me]" not in p.message] == []
    thursday = note(when="2026-11-19 10:00")
    # Due on Friday, a day off: due on Sunday; late after Saturday, so after Monday.
    thanks = items(thursday, today="2026-11-19", rule="thank-you", timings=config.rules)[0]
    assert days(thanks) == ("2026-11-19", "2026-11-22", "2026-11-23")
    default = items(thursday, today="2026-11-19", rule="thank-you")[0]
    assert days(default) == ("2026-11-19", "2026-11-20", "2026-11-21")


def test_a_weekly_update_due_on_a_weekend_is_due_on_monday():
    saturday = note(when="2026-11-21 10:00")  # an update is due four weeks later, a Saturday
    [update] = items(saturday, today="2026-11-22", rule="update")
    assert days(update) == ("2026-12-19", "2026-12-21", "2026-12-28")


def config_problems(journal, text):
    journal.write("journal.toml", text)
    config, problems = load_config(journal.root, lambda: LISBON)
    return config, [p.format("journal.toml") for p in sorted(problems)
                    if not p.message.startswith("no `name` in [me]")]


def test_bad_working_days_are_reported_at_their_line_and_the_default_used(journal):
    config, problems = config_problems(journal, 'timezone = "UTC"\n'
                                                'working_days = ["mon", "tues", "Friday"]\n')
    assert problems == [
        "journal.toml:2:1: error: unknown day 'Friday' in `working_days` (did you mean `fri`?); "
        "use mon, tue, wed, thu, fri, sat, sun",
        "journal.toml:2:1: error: unknown day 'tues' in `working_days` (did you mean `tue`?); "
        "use mon, tue, wed, thu, fri, sat, sun",
    ]
    assert config.rules["thank-you"].working_days == frozenset(range(5))
    assert config_problems(journal, "working_days = []\n")[1] == [
        "journal.toml:1:1: error: `working_days` must name at least one day, like "
        '["mon", "tue", "wed", "thu", "fri"]']
    assert config_problems(journal, 'working_days = "mon-fri"\n')[1] == [
        "journal.toml:1:1: error: `working_days` should be a list of days, like "
        '["mon", "tue", "wed", "thu", "fri"]']
    assert config_problems(journal, '[me]\nworking_days = ["mon"]\n')[1] == [
        "journal.toml:2:1: warning: unknown key `working_days` in [me]; `working_days` goes "
        "above the first [table] line"]


# No date named ----------------------------------------------------------------------------------


def test_with_no_date_named_the_check_in_comes_ten_working_days_after_the_interview():
    [item] = items(note(when="2026-11-18 14:30"), rule="check-in")  # a Wednesday
    assert item.what == ("Check in on next steps (no date was named: 10 working days after the "
                         "interview)")
    assert days(item) == ("2026-12-03", "2026-12-03", "2026-12-06")  # after Wed 2 December
    said = note(extra="next_steps: {said: We will be in touch}\n")
    assert items(said, rule="check-in")[0].what.startswith(
        "Check in on next steps: “We will be in touch” (no date was named")
    assert items(note(status="scheduled", when="2026-11-25 10:00"), rule="check-in") == []


def test_the_answer_time_is_the_journals_own_in_its_working_days(journal):
    journal.write("journal.toml", 'working_days = ["mon", "tue", "wed", "thu"]\n'
                                  "[rules.check-in]\nanswer_within = 3\n")
    config, problems = load_config(journal.root, lambda: LISBON)
    assert [p for p in problems if "[me]" not in p.message] == []
    [item] = items(note(when="2026-11-18 14:30"), rule="check-in", timings=config.rules)
    assert "3 working days" in item.what
    # Thursday 19, Monday 23, Tuesday 24: it opens on the 25th.
    assert days(item)[:2] == ("2026-11-25", "2026-11-25")


def test_a_bad_answer_time_is_reported_at_its_line(journal):
    config, problems = config_problems(journal, '[rules.check-in]\nanswer_within = "2w"\n'
                                                "[rules.thank-you]\nanswer_within = 3\n")
    assert problems == [
        "journal.toml:2:1: error: `answer_within` should be a whole number of working days, "
        "like 10",
        "journal.toml:4:1: warning: unknown key `answer_within` in [rules.thank-you]",
    ]
    assert config.rules["check-in"].answer_within == 10
    assert config_problems(journal, "[rules.check-in]\nanswer_within = 0\n")[1] == [
        "journal.toml:2:1: error: `answer_within` should be a whole number of working days, "
        "like 10"]


# Check in once more -----------------------------------------------------------------------------

def checked_in(*more):
    """A note whose date passed, a check-in sent, and `more` follow-ups logged."""
    return note(extra="next_steps: {by: 2026-11-20}\nfollowups:\n"
                      "  - {kind: check-in, date: 2026-11-23 10:00}\n"
                + "".join(f"  - {line}\n" for line in more))


CHECKED_IN = checked_in()


def test_a_check_in_without_an_answer_calls_for_a_nudge_a_week_later():
    assert items(note(extra="next_steps: {by: 2026-11-20}\n"), today="2026-11-23",
                 rule="nudge") == []  # no check-in sent yet
    [nudge] = items(CHECKED_IN, today="2026-11-23", rule="nudge")
    assert nudge.what == "Check in once more: no answer to your check-in"
    assert days(nudge) == ("2026-11-23", "2026-11-30", "2026-12-03")
    assert states(CHECKED_IN, "nudge", "2026-11-29", "2026-11-30", "2026-12-04") == [
        [State.DUE], [State.DUE], [State.OVERDUE]]
    news = note(status="next-round", when="2026-11-26 10:00")
    assert items(CHECKED_IN, news, today="2026-11-30", rule="nudge") == []


def test_a_nudge_is_done_by_a_logged_nudge_or_a_second_check_in_on_a_later_day():
    def nudge_after(line):
        return items(checked_in(line), today="2026-12-10", rule="nudge")[0]

    nudged = nudge_after("{kind: nudge, date: 2026-11-30}")
    assert (nudged.state, nudged.done) == (State.DONE, date(2026, 11, 30))
    again = nudge_after("{kind: check-in, date: 2026-12-01 09:00}")
    assert (again.state, again.done) == (State.DONE, date(2026, 12, 1))
    same_day = nudge_after("{kind: check-in, date: 2026-11-23 16:00}")
    assert same_day.state is State.OVERDUE


def test_the_nudges_timing_can_be_changed_and_it_can_be_switched_off(journal):
    config, problems = config_problems(journal, '[rules.nudge]\ndue = "3d"\nlate = "5d"\n')
    assert problems == []
    [nudge] = items(CHECKED_IN, today="2026-11-23", rule="nudge", timings=config.rules)
    assert days(nudge) == ("2026-11-23", "2026-11-26", "2026-11-28")
    off = {"nudge": Timing(timedelta(days=7), timedelta(days=10), enabled=False)}
    assert items(CHECKED_IN, today="2026-11-23", rule="nudge", timings=off) == []


# No answer --------------------------------------------------------------------------------------


def silent_since(*notes, today, timings=None):
    files = [parse(text).note for text in notes]
    [application] = group_applications(files, LISBON)
    return no_answer_since(application, timings or {}, date.fromisoformat(today), LISBON)


def test_no_answer_a_week_after_the_nudge_and_until_news_comes():
    nudged = checked_in("{kind: nudge, date: 2026-11-30}")
    assert silent_since(CHECKED_IN, today="2027-01-30") is None  # the nudge is not sent yet
    assert silent_since(nudged, today="2026-12-06") is None  # a week has not passed
    assert silent_since(nudged, today="2026-12-07") == date(2026, 11, 30)
    assert silent_since(nudged, today="2027-03-01") == date(2026, 11, 30)
    news = note(status="rejected", when="2026-12-10 10:00")
    assert silent_since(nudged, news, today="2026-12-20") is None


def test_with_the_nudge_switched_off_no_answer_counts_from_the_check_in():
    off = {"nudge": Timing(timedelta(days=7), timedelta(days=10), enabled=False)}
    assert silent_since(CHECKED_IN, today="2026-11-29", timings=off) is None
    assert silent_since(CHECKED_IN, today="2026-11-30", timings=off) == date(2026, 11, 23)


def test_how_long_ago_their_date_passed():
    [application] = group_applications([parse(CHECKED_IN).note], LISBON)
    assert days_past_their_date(application, date(2026, 12, 1), LISBON) == 11
    assert days_past_their_date(application, date(2026, 11, 20), LISBON) is None
    [no_date] = group_applications([parse(note()).note], LISBON)
    assert days_past_their_date(no_date, date(2026, 12, 1), LISBON) is None


def test_a_decision_noted_alone_is_answered_to_the_person_who_sent_it():
    decision = dedent("""
        ---
        company: Acme
        role: SRE
        date: 2026-11-20 10:00
        status: rejected
        people: [{name: Maja Berg, email: maja@example.com}]
        ---
        """)
    [reply] = items(decision, today="2026-11-20", rule="rejection-thanks")
    assert reply.person == "Maja Berg"


# Offers and the end of a search ----------------------------------------------------------------


OFFER = """
    decided: 2026-11-20
    people: [{name: Sam Okafor, role: recruiter}]
    offer: {respond_by: 2026-12-04}
"""


def test_an_offer_is_thanked_a_day_after_it_came_to_whoever_made_it():
    [thanks] = items(note("offer", extra=OFFER), today="2026-11-20", rule="offer-thanks")
    assert thanks.person == "Sam Okafor"
    assert days(thanks) == ("2026-11-20", "2026-11-23", "2026-11-25")  # Sat: on Monday
    assert thanks.what == ("Thank them for the offer, confirm you will answer by Friday 4 "
                           "December, and ask for the offer in writing and the start date")
    assert states(note("offer", extra=OFFER), "offer-thanks", "2026-11-25", "2026-11-26") == [
        [State.DUE], [State.OVERDUE]]
    logged = note("offer", extra=OFFER + "    followups: [{kind: offer-thanks, "
                                         "date: 2026-11-21}]\n")
    [done] = items(logged, today="2026-11-25", rule="offer-thanks")
    assert (done.state, done.done) == (State.DONE, date(2026, 11, 21))


def test_a_reminder_to_answer_the_offer_comes_before_the_day_they_named():
    [reminder] = items(note("offer", extra=OFFER), today="2026-11-20", rule="offer-decision")
    assert reminder.what == "Decide on the offer: they want your answer by Friday 4 December"
    assert days(reminder) == ("2026-12-01", "2026-12-03", "2026-12-04")
    assert states(note("offer", extra=OFFER), "offer-decision", "2026-11-30", "2026-12-04",
                  "2026-12-05") == [[State.UPCOMING], [State.DUE], [State.OVERDUE]]
    assert items(note("offer"), rule="offer-decision") == []  # no date named: no reminder


def test_a_declined_offer_asks_for_a_gracious_reply_and_nothing_else_after_the_offer():
    declined = note("declined", when="2026-11-25", extra="""
        decided: 2026-11-25
        decided_by: Sam Okafor
        people: [{name: Sam Okafor, role: recruiter}]
    """)
    found = items(note("offer", extra=OFFER), declined, today="2026-11-26")
    assert {i.rule for i in found} == {"thank-you", "linkedin", "decline"}
    [decline] = [i for i in found if i.rule == "decline"]
    assert (decline.person, str(decline.due), decline.state) == ("Sam Okafor", "2026-11-26",
                                                                State.DUE)


ACCEPTED = note("accepted", when="2026-11-24", extra="decided: 2026-11-24\n", company="Zeta")


def test_accepting_an_offer_leaves_every_other_open_application_one_withdrawal():
    waiting = note(extra="""
        people: [{name: Lee Kim, role: recruiter}]
        next_steps: {by: 2026-11-23}
        followups: [{kind: check-in, date: 2026-11-24}]
    """)
    offer = note("offer", company="Beta", extra=OFFER.replace("Sam Okafor", "Pat Lu"))
    scheduled = note("scheduled", when="2026-12-01 10:00", company="Gamma")
    rejected = note("rejected", when="2026-11-10", company="Delta")
    found = items(waiting, offer, scheduled, rejected, ACCEPTED, today="2026-11-25")
    open_ = [i for i in found if i.state is not State.DONE]
    others = [(i.application, i.rule, i.person) for i in open_
              if i.application in ("acme-sre", "beta-sre", "gamma-sre")]
    assert sorted(others) == [("acme-sre", "withdrawal", "Lee Kim"),
                              ("beta-sre", "withdrawal", "Pat Lu"),
                              ("gamma-sre", "withdrawal", "Jane Doe")]
    # What was done before stays, as the application's history.
    assert [(i.application, i.rule, str(i.done)) for i in found if i.state is State.DONE
            and i.application in ("acme-sre", "beta-sre", "gamma-sre")] == [
        ("acme-sre", "check-in", "2026-11-24")]
    withdrawal = next(i for i in found if i.application == "acme-sre" and i.rule == "withdrawal")
    assert days(withdrawal) == ("2026-11-24", "2026-11-25", "2026-11-27")
    # A no that came before goes on asking for its reply, but no keep-in-touch updates.
    assert {i.rule for i in found if i.application == "delta-sre"} >= {"rejection-thanks"}
    assert "update" not in {i.rule for i in found}
    apps = group_applications([parse(t).note for t in (waiting, ACCEPTED)], LISBON)
    assert no_answer_since(apps[0], {}, date(2026, 12, 31), LISBON) is None
    assert days_past_their_date(apps[0], date(2026, 12, 31), LISBON) is None


def test_a_withdrawal_is_done_when_logged_or_when_a_later_note_says_withdrawn():
    logged = note(extra="followups: [{kind: withdrawal, date: 2026-11-25}]\n")
    [done] = items(logged, ACCEPTED, today="2026-11-30", rule="withdrawal")
    assert (done.state, done.done) == (State.DONE, date(2026, 11, 25))
    [late] = items(note(), ACCEPTED, today="2026-11-30", rule="withdrawal")
    assert late.state is State.OVERDUE
    withdrawn = note("withdrawn", when="2026-11-26")
    assert [i.rule for i in items(note(), withdrawn, ACCEPTED, today="2026-11-30")
            if i.application == "acme-sre"] == []


def test_the_accepted_application_asks_only_for_the_thanks_for_its_offer():
    offer = note("offer", company="Zeta", extra=OFFER)
    found = items(offer, ACCEPTED, today="2026-11-25")
    assert {i.rule for i in found if i.state is not State.DONE} == {
        "thank-you", "linkedin", "offer-thanks"}
    [thanks] = [i for i in found if i.rule == "offer-thanks"]
    # Beside the note of the offer, with nothing left to ask about the date to answer by
    assert thanks.what == ("Thank them for the offer, and ask for the offer in writing and the "
                           "start date")
    assert str(thanks.due) == "2026-11-23"


def test_a_declined_offer_is_said_in_words_and_counted_among_the_offers():
    [app] = group_applications([parse(note("declined")).note], LISBON)
    assert status_words(app, date(2026, 11, 30), LISBON) == "offer declined"


# Feedback received, and what you learned ---------------------------------------------------------


def given(extra=""):
    # The no came from Jane: Sam's feedback is no part of the reply to it.
    return note(status="rejected", extra=dedent("""
        decided: 2026-11-20
        decided_by: Jane Doe
        people: [{name: Sam Okafor, role: recruiter}]
        feedback:
          - given_by: Sam Okafor
            date: 2026-11-23
            said: Strong on queues; less depth on testing
    """) + extra)


def test_feedback_received_is_thanked_a_day_after_it_came_late_after_three():
    [thanks] = items(given(), today="2026-11-24", rule="feedback-thanks")
    assert (thanks.what, thanks.person) == ("Thank Sam Okafor for the feedback", "Sam Okafor")
    assert days(thanks) == ("2026-11-23", "2026-11-24", "2026-11-26")
    assert states(given(), "feedback-thanks", "2026-11-24", "2026-11-27") == [
        [State.DUE], [State.OVERDUE]]
    assert thanks.draft == "feedback-thanks-sam-okafor.md"


def test_feedback_thanks_logged_to_them_or_to_no_one_marks_it_done():
    for to in ("to: Sam Okafor, ", ""):
        logged = given(f"followups: [{{kind: feedback-thanks, {to}date: 2026-11-24}}]\n")
        [thanks] = items(logged, today="2026-11-30", rule="feedback-thanks")
        assert (thanks.state, thanks.done) == (State.DONE, date(2026, 11, 24))
    other = given("followups: [{kind: feedback-thanks, to: Jane Doe, date: 2026-11-24}]\n")
    assert [i.state for i in items(other, today="2026-11-30", rule="feedback-thanks")] == [
        State.OVERDUE]


def test_feedback_in_several_entries_is_thanked_in_one_message_until_a_thanks_is_logged():
    """Found by an adversarial test: each entry was an item of its own, the agenda listed the
    same thanks twice, and both items' drafts were one file, which quoted one entry."""
    def feedback(extra=""):
        return given(extra).replace(
            "    said: Strong on queues; less depth on testing\n",
            "    said: Strong on queues\n"
            "  - {given_by: Sam Okafor, date: 2026-11-30, said: Well done}\n"
            "  - {given_by: Sam Okafor, date: 2026-11-23, said: Test more}\n")

    more = feedback()
    [thanks] = items(more, today="2026-11-24", rule="feedback-thanks")
    assert (thanks.person, str(thanks.due)) == ("Sam Okafor", "2026-11-24")
    [application] = group_applications([parse(more).note], LISBON)
    specs = plan_drafts([application], DEFAULT_TIMINGS, LISBON, today=date(2026, 11, 24))
    assert [spec.feedback.said for spec in specs if spec.kind == "feedback-thanks"] == [
        "Strong on queues\n\nTest more\n\nWell done"]
    logged = feedback("followups: [{kind: feedback-thanks, to: Sam Okafor, date: 2026-11-25}]\n")
    first, later = items(logged, today="2026-12-01", rule="feedback-thanks")
    assert (first.state, first.done, later.state, str(later.due)) == (
        State.DONE, date(2026, 11, 25), State.DUE, "2026-12-01")


def test_feedback_given_with_the_no_is_not_asked_for_again():
    # The reply to the no thanks them; the feedback they gave has its own thanks.
    found = items(given(), today="2026-11-24")
    assert [(i.rule, i.what) for i in found if i.rule in ("rejection-thanks", "feedback")] == [
        ("rejection-thanks", "Thank them for the opportunity")]
    # Feedback from a round before the no answers nothing about the no: ask for it.
    earlier = given().replace("date: 2026-11-23", "date: 2026-11-18")
    [reply] = items(earlier, today="2026-11-24", rule="rejection-thanks")
    assert reply.also == ("feedback",)


def with_the_no(feedback, extra=""):
    """A no from Sam Okafor on Friday 20 November, with `feedback` entries and `extra`."""
    return note(status="rejected", extra=dedent("""
        decided: 2026-11-20
        decided_by: Sam Okafor
        people: [{name: Sam Okafor, role: recruiter}]
        feedback:
    """) + "".join(f"  - {{given_by: {who}, date: {day}, said: {said}}}\n"
                   for who, day, said in feedback) + dedent(extra))


AFTER_A_NO = ("rejection-thanks", "feedback", "feedback-thanks")


def test_feedback_given_with_the_no_is_thanked_in_the_reply_to_whoever_gave_it():
    """One person, one occasion, one message: the reply to the no thanks them for it too."""
    sam = [("Sam Okafor", "2026-11-20", "Test more")]
    found = [i for i in items(with_the_no(sam), today="2026-11-23") if i.rule in AFTER_A_NO]
    assert [(i.rule, i.what, i.person, i.also) for i in found] == [
        ("rejection-thanks", "Thank them for the opportunity, and for their feedback",
         "Sam Okafor", ("feedback-thanks",))]
    assert (found[0].draft, str(found[0].due)) == ("rejection-thanks.md", "2026-11-23")
    # The next working day, before the reply went, is the same occasion.
    monday = [("Sam Okafor", "2026-11-23", "Test more")]
    assert [i.rule for i in items(with_the_no(monday), today="2026-11-23")
            if i.rule in AFTER_A_NO] == ["rejection-thanks"]
    timings = {"feedback-thanks": replace(DEFAULT_TIMINGS["feedback-thanks"], separate=True)}
    assert [(i.rule, i.what) for i in items(with_the_no(sam), today="2026-11-23",
                                            timings=timings) if i.rule in AFTER_A_NO] == [
        ("rejection-thanks", "Thank them for the opportunity"),
        ("feedback-thanks", "Thank Sam Okafor for the feedback")]


def test_feedback_of_another_person_or_occasion_keeps_its_own_thanks():
    def rows(feedback, extra=""):
        return [(i.rule, i.person, i.state) for i in items(with_the_no(feedback, extra),
                                                             today="2026-11-24")
                if i.rule in AFTER_A_NO]

    # Jane gave the feedback, Sam the no.
    assert rows([("Jane Doe", "2026-11-20", "Test more")]) == [
        ("rejection-thanks", "Sam Okafor", State.DUE),
        ("feedback-thanks", "Jane Doe", State.DUE)]
    # Sam gave it in the interview, before the no: the reply asks for feedback on the no.
    assert rows([("Sam Okafor", "2026-11-18", "Test more")]) == [
        ("feedback-thanks", "Sam Okafor", State.OVERDUE),
        ("rejection-thanks", "Sam Okafor", State.DUE)]
    # Sam gave it after the reply went: the reply could not thank for it.
    replied = "followups: [{kind: rejection-thanks, to: Sam Okafor, date: 2026-11-21}]\n"
    assert rows([("Sam Okafor", "2026-11-24", "Test more")], replied) == [
        ("rejection-thanks", "Sam Okafor", State.DONE),
        ("feedback-thanks", "Sam Okafor", State.DUE)]


def test_the_reply_logged_thanks_for_the_feedback_given_by_then_only():
    feedback = [("Sam Okafor", "2026-11-20", "Test more"),
                ("Sam Okafor", "2026-11-25", "Well done")]
    replied = "followups: [{kind: rejection-thanks, to: Sam Okafor, date: 2026-11-21}]\n"
    found = [i for i in items(with_the_no(feedback, replied), today="2026-11-26")
             if i.rule in AFTER_A_NO]
    assert [(i.rule, i.state, str(i.opens)) for i in found] == [
        ("rejection-thanks", State.DONE, "2026-11-20"),
        ("feedback-thanks", State.DUE, "2026-11-25")]
    [application] = group_applications([parse(with_the_no(feedback, replied)).note], LISBON)
    [spec] = [spec for spec in plan_drafts([application], DEFAULT_TIMINGS, LISBON)
              if spec.kind in AFTER_A_NO]
    assert (spec.kind, spec.feedback.said) == ("feedback-thanks", "Well done")


def test_no_feedback_thanks_without_feedback_or_once_withdrawn():
    assert items(note(status="rejected"), today="2026-11-30", rule="feedback-thanks") == []
    withdrawn = given().replace("status: rejected", "status: withdrawn")
    assert items(withdrawn, today="2026-11-30", rule="feedback-thanks") == []


def test_after_a_no_a_reflection_is_due_two_days_later_late_after_a_week():
    no = note(status="rejected", extra="decided: 2026-11-20\n")
    [reflect] = items(no, today="2026-11-21", rule="reflect")
    assert reflect.what == "Write down what you learned from Acme, SRE"
    # Not a message: a weekend does not move it
    assert days(reflect) == ("2026-11-20", "2026-11-22", "2026-11-27")
    assert states(no, "reflect", "2026-11-21", "2026-11-22", "2026-11-28") == [
        [State.DUE], [State.DUE], [State.OVERDUE]]


def test_a_reflection_in_any_note_of_the_application_marks_it_done():
    first = note(extra="reflection: {to_improve: Ask about on-call earlier}\n")
    no = note(status="rejected", when="2026-11-25 10:00", extra="decided: 2026-11-27\n")
    [reflect] = items(first, no, today="2026-12-10", rule="reflect")
    assert (reflect.state, reflect.done) == (State.DONE, date(2026, 11, 27))
    empty = note(status="rejected", extra="decided: 2026-11-20\nreflection: {went_well: }\n")
    assert [i.state for i in items(empty, today="2026-12-10", rule="reflect")] == [
        State.OVERDUE]


def test_no_reflection_is_asked_for_while_waiting_or_after_an_offer():
    for status in ("waiting", "offer", "withdrawn"):
        assert items(note(status=status), today="2026-12-10", rule="reflect") == []


# Event notes ------------------------------------------------------------------------------------


def event(attended="true", when="2026-11-13 18:30", extra=""):
    """An event note: a Friday evening talk, with a speaker and a person met."""
    return dedent(f"""
        ---
        event: Rust Meetup
        company: Acme
        date: {when}
        attended: {attended}
        speakers:
          - name: Dana Fox
        people:
          - name: Lee Park
        """) + dedent(extra) + "---\n"


def test_speakers_whose_names_make_one_slug_each_get_their_own_draft():
    """Found by an adversarial test: both thanks were drafted to one file, one lost."""
    two = event().replace("  - name: Dana Fox\n", "  - name: Dana Fox\n  - name: Dana-Fox\n")
    drafts = [i.draft for i in items(two, today="2026-11-14", rule="event-thanks")]
    assert drafts == ["event-thanks-dana-fox.md", "event-thanks-dana-fox-2.md"]


def test_event_thanks_to_the_speaker_due_the_next_working_day():
    (item,) = items(event(), today="2026-11-14", rule="event-thanks")
    assert (item.person, item.what) == ("Dana Fox", "Thank Dana Fox for Rust Meetup")
    # After a Friday evening talk, due on Monday, late after Wednesday.
    assert days(item) == ("2026-11-13", "2026-11-16", "2026-11-18")
    assert states(event(), "event-thanks", "2026-11-16", "2026-11-18", "2026-11-19") == [
        [State.DUE], [State.DUE], [State.OVERDUE]]


def test_event_thanks_logged_is_done():
    logged = event(extra="""
        followups:
          - {kind: event-thanks, to: Dana Fox, date: 2026-11-16}
    """)
    (item,) = items(logged, today="2026-11-20", rule="event-thanks")
    assert (item.state, item.done) == (State.DONE, date(2026, 11, 16))


def test_no_event_thanks_for_an_event_not_attended():
    assert items(event(attended="false"), today="2026-11-16", rule="event-thanks") == []
    assert items(event(attended="false"), today="2026-11-16", rule="update") == []


def test_the_people_met_at_an_event_get_the_keep_in_touch_cadence():
    (item,) = items(event(), today="2026-12-14", rule="update")
    assert (item.person, item.what) == ("Lee Park", "Keep in touch with the people met at "
                                                     "Rust Meetup")
    assert (str(item.due), item.state) == ("2026-12-11", State.DUE)


def test_the_people_met_at_an_event_get_no_update_once_the_search_is_over():
    # The person met there may well be one a withdrawal goes to: no "short update" after it.
    assert [i.rule for i in items(event(), ACCEPTED, today="2026-12-14")
            if i.rule == "update"] == []


def test_an_event_note_has_no_interview_rules():
    found = {item.rule for item in items(event(), today="2026-12-31")}
    assert found == {"event", "event-thanks", "update"}


# Following the company ---------------------------------------------------------------------------


def test_following_the_company_opens_at_the_first_interview_and_keeps_its_day():
    # 18 Nov is a Wednesday: due on Saturday, not moved to Monday; late a week later.
    second_round = note(when="2026-11-25 10:00")
    [follow] = items(note(), second_round, today="2026-11-18", rule="follow")
    assert follow.what == "Follow Acme on LinkedIn (or their blog)"
    assert days(follow) == ("2026-11-18", "2026-11-21", "2026-11-28")
    assert states(note(), "follow", "2026-11-18", "2026-11-28", "2026-11-29") == [
        [State.DUE], [State.DUE], [State.OVERDUE]]


def test_following_the_company_waits_for_the_first_interview():
    assert items(note(status="scheduled", when="2026-11-25 10:00"), rule="follow") == []


def test_a_follow_logged_in_any_note_of_the_application_marks_it_done():
    second_round = note(when="2026-11-25 10:00",
                        extra="followups: [{kind: follow, date: 2026-11-26}]\n")
    [follow] = items(note(), second_round, today="2026-12-10", rule="follow")
    assert (follow.state, follow.done) == (State.DONE, date(2026, 11, 26))


# Thanking who helped, once the search is over ----------------------------------------------------


def helped_by(status="waiting", company="Acme", role="referrer", name="Rita Almeida", extra=""):
    return note(status, company=company, extra=f"people: [{{name: {name}, role: {role}}}]\n"
                + extra)


def test_each_referrer_and_reference_is_thanked_the_next_working_day_only_once_it_is_over():
    # Accepted on Friday 27 November: the thanks are due on Monday, late after Wednesday.
    accepted = ACCEPTED.replace("2026-11-24", "2026-11-27").replace(
        "decided: 2026-11-27\n", "decided: 2026-11-27\npeople: [{name: Kofi Mensah, "
        "role: reference}]\n")
    rejected = helped_by("rejected", company="Delta", name="Lee Kim")
    offer = helped_by("offer", company="Zeta", name="Kofi Mensah", role="reference")
    # Not before the search is over: while the offer is open, nothing.
    assert items(helped_by(), rejected, offer, today="2026-11-30", rule="reference-thanks") == []
    found = items(helped_by(), rejected, accepted, today="2026-11-30", rule="reference-thanks")
    assert sorted((i.application, i.person, i.what) for i in found) == [
        ("acme-sre", "Rita Almeida", "Thank Rita Almeida for referring you to Acme, and tell "
         "them you are joining Zeta"),
        ("delta-sre", "Lee Kim", "Thank Lee Kim for referring you to Delta, and tell them you "
         "are joining Zeta"),
        ("zeta-sre", "Kofi Mensah", "Thank Kofi Mensah for the reference for Zeta, and tell "
         "them you accepted their offer")]
    assert {days(i) for i in found} == {("2026-11-27", "2026-11-30", "2026-12-02")}
    assert {i.state for i in found} == {State.DUE}
    assert [i.state for i in items(helped_by(), accepted, today="2026-12-03",
                                   rule="reference-thanks")] == [State.OVERDUE] * 2
    assert found[0].draft == "reference-thanks-rita-almeida.md"


def test_someone_who_helped_with_several_applications_is_thanked_once():
    # From the application accepted when it names them, else from the first that does.
    twice = [helped_by(), helped_by("rejected", company="Delta"),
             helped_by("withdrawn", company="Gamma", role="reference")]
    [thanks] = items(*twice, ACCEPTED, today="2026-11-25", rule="reference-thanks")
    assert (thanks.application, thanks.person) == ("acme-sre", "Rita Almeida")
    accepted = ACCEPTED.replace("decided: 2026-11-24\n", "decided: 2026-11-24\npeople: "
                                "[{name: Rita Almeida, role: reference}]\n")
    [thanks] = items(*twice, accepted, today="2026-11-25", rule="reference-thanks")
    assert thanks.application == "zeta-sre"


def test_a_referrer_at_a_company_withdrawn_from_is_still_thanked_and_logging_it_is_done():
    withdrawn = helped_by("withdrawn", extra="followups: [{kind: reference-thanks, "
                          "to: Rita Almeida, date: 2026-11-26}]\n")
    [thanks] = items(withdrawn, ACCEPTED, today="2026-11-30", rule="reference-thanks")
    assert (thanks.person, thanks.state, thanks.done) == (
        "Rita Almeida", State.DONE, date(2026, 11, 26))
    [thanks] = items(helped_by("withdrawn"), ACCEPTED, today="2026-11-30",
                     rule="reference-thanks")
    assert thanks.state is State.OVERDUE
    # Nothing else is asked of an application withdrawn from, nor of one the end withdraws.
    assert {i.rule for i in items(helped_by("withdrawn"), helped_by(company="Beta", name="Lee"),
                                  ACCEPTED, today="2026-11-30")
            if i.application != "zeta-sre" and i.state is not State.DONE} == {
        "withdrawal", "reference-thanks"}


def test_the_thanks_for_help_can_be_switched_off():
    off = {"reference-thanks": replace(DEFAULT_TIMINGS["reference-thanks"], enabled=False)}
    assert items(helped_by(), ACCEPTED, today="2026-11-30", rule="reference-thanks",
                 timings=off) == []
