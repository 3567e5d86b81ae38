"""What `fj agenda` prints: the items due soon, numbered for `fj log N`, the applications with
no answer, the interviews to prepare for and the warnings that change an item, as text (in
colour on a terminal) or as JSON; on stderr, each note left out with its first error.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .agenda import apart, numbered
from .applications import search_over
from .checklist import lapsed_count
from .outlook import ItemWarning, item_warnings, left_out, upcoming_interviews
from .problems import Problem, has_errors, printable, shown
from .silence import days_past_their_date, no_answers
from .terminal import echo_problems, plural

if TYPE_CHECKING:
    from .agenda import Numbered
    from .applications import Application
    from .checklist import Item
    from .config import Config
    from .model import NoteFile, When
    from .plan import Plan


def report_agenda(plan: Plan, as_json: bool) -> None:
    """The plan's items due soon, the interviews to prepare for and the warnings that change an
    item, as text or JSON; on stderr, each note left out with its first error."""
    config = plan.journal.config
    lapse_after = config.drafts.drop_overdue_after
    soon = numbered(plan.items, plan.today, lapse_after, apart(config.rules))
    lapsed = Lapsed(lapsed_count(plan.items, plan.today, lapse_after), lapse_after)
    names = {a.key: f"{a.company}, {a.role}" for a in plan.applications}
    interviews = upcoming_interviews(plan.applications, plan.today, config.timezone)
    warnings = item_warnings(plan.applications, plan.items, plan.today, config.timezone)
    silent = no_answers(plan.applications, config.rules, plan.today, config.timezone)
    broken = left_out(plan.journal.results)
    accepted = search_over(plan.applications)
    if as_json:
        report = agenda_json(soon, names, plan.today, config.root, warnings)
        report["lapsed"] = lapsed.count
        report["search_over"] = accepted and {"application": names[accepted.key],
                                              "since": accepted.decided.isoformat()}
        report |= outlook_json(interviews, warnings, broken, config)
        report["no_answer"] = [{"application": names[app.key], "since": since.isoformat()}
                               for app, since in silent]
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        text = agenda_text(soon, names, plan.today, warnings, lapsed)
        if accepted is not None:
            text = f"{over_text(accepted)}\n{text}"
        text += f"\n{no_answer_text(plan, silent)}" if silent else ""
        text += "\n" + outlook_text(interviews, warnings, soon, config.timezone)
        click.echo(text, color=False if os.environ.get("NO_COLOR") else None)
    report_left_out(broken, plan.problems)


AGENDA_COLOURS = {"overdue": "red", "due today": "yellow", "this week": "cyan",
                  "no answer": "magenta", "upcoming interviews": "blue", "check these": "magenta"}
AGENDA_HEADINGS = {"due today": "due now"}  # it holds what is due since an earlier day too


@dataclass(frozen=True)
class Lapsed:
    """How many items have lapsed: overdue for more than `after` days."""

    count: int
    after: int

    def line(self) -> str:
        return (f"  {self.count} lapsed, overdue for more than {plural(self.after, 'day')}: "
                "see their applications' pages in the report, or `fj export`")


def agenda_text(soon: Numbered, names: dict[str, str], today: date,
                warnings: list[ItemWarning], lapsed: Lapsed) -> str:
    lines = []
    for section, items in soon.items():
        lines.append(heading(AGENDA_HEADINGS.get(section, section), len(items),
                             AGENDA_COLOURS[section]))
        for number, item in items:
            line = (f"{number:>3}. {due_on(item, today)}  {item.what_to_whom}  · "
                    f"{names[item.application]}")
            lines.append(printable(line))
            lines += [f"    check: {w.problem.format(shown(w.problem.path))}"
                      for w in warnings if item in w.items]
        if not items:
            lines.append("  nothing")
        if section == "overdue" and lapsed.count:
            lines.append(lapsed.line())
    return "\n".join(lines)


def over_text(accepted: Application) -> str:
    """The line that says the search is over: what is left is the withdrawals below."""
    return click.style(printable(
        f"The search is over: you accepted the offer from {accepted.company} "
        f"({accepted.role}) on {accepted.decided:%a %d %b}."), bold=True, fg="green")


def heading(title: str, count: int, colour: str) -> str:
    return click.style(f"{title.capitalize()} ({count})", bold=True, fg=colour)


def due_on(item: Item, today: date) -> str:
    """The day an item is due, or the day it has been due since."""
    return f"since {item.due:%a %d %b}" if due_since(item, today) else f"{item.due:%a %d %b}"


def due_since(item: Item, today: date) -> date | None:
    """The day an item due and not yet late fell due, when that was before today: it is due
    now, but not only since today."""
    return item.due if item.due < today <= item.late else None


def outlook_text(interviews: list[NoteFile], warnings: list[ItemWarning],
                 soon: Numbered, tz: tzinfo) -> str:
    """The interviews to prepare for, and the warnings not shown beside an item above."""
    section = "upcoming interviews"
    lines = [heading(section, len(interviews), AGENDA_COLOURS[section])]
    for note_file in interviews:
        note = note_file.note
        stage = f" ({note.stage})" if note.stage else ""
        lines.append(printable(f"  {interview_time(note.date, tz)}  {note.company}, {note.role}"
                               f"{stage}  · prepare: {shown(note_file.path)}"))
    if not interviews:
        lines.append("  none scheduled")
    listed = {item for items in soon.values() for _, item in items}
    rest = [w for w in warnings if not listed.intersection(w.items)]
    if rest:
        lines += [heading("check these", len(rest), AGENDA_COLOURS["check these"])]
        lines += [f"  {w.problem.format(shown(w.problem.path))}" for w in rest]
    return "\n".join(lines)


def interview_time(when: When, tz: tzinfo) -> str:
    """Its day, and its time of day in the journal's timezone when the note gives one."""
    if when.at is None:
        return f"{when.day:%a %d %b}"
    return f"{when.at.astimezone(tz):%a %d %b %H:%M}"


def no_answer_text(plan: Plan, silent: list[tuple[Application, date]]) -> str:
    """The applications with no answer: since when, and how long ago the date they named
    passed (none is closed: their keep-in-touch updates go on)."""
    lines = [heading("no answer", len(silent), AGENDA_COLOURS["no answer"])]
    for app, since in silent:
        passed = days_past_their_date(app, plan.today, plan.journal.config.timezone)
        named = f"; their date passed {plural(passed, 'day')} ago" if passed else ""
        lines.append(printable(f"  {app.company}, {app.role}: no answer since "
                               f"{since:%a %d %b}{named}"))
    return "\n".join(lines)


def agenda_json(soon: Numbered, names: dict[str, str], day: date,
                root: Path, warnings: list[ItemWarning]) -> dict[str, Any]:
    def entry(number: int, item: Item) -> dict[str, Any]:
        found = {"number": number, "rule": item.rule, "what": item.what,
                 "application": names[item.application],
                 "person": item.person, "due": item.due.isoformat(),
                 "late": item.late.isoformat(), "state": str(item.state),
                 "note": item.note.relative_to(root).as_posix()}
        if (since := due_since(item, day)) is not None:
            found["due_since"] = since.isoformat()
        return found | {"warnings": [
            f"{w.problem.path.relative_to(root).as_posix()}:{w.problem.line}:{w.problem.col}: "
            f"{w.problem.message}" for w in warnings if item in w.items]}

    return {"as_of": day.isoformat(),
            **{key.replace(" ", "_"): [entry(n, i) for n, i in items]
               for key, items in soon.items()}}


def outlook_json(interviews: list[NoteFile], warnings: list[ItemWarning],
                 broken: list[Problem], config: Config) -> dict[str, Any]:
    """The interviews to prepare for, every warning that changes an item, the notes left out."""
    def path(problem_or_note: Problem | NoteFile) -> str:
        return problem_or_note.path.relative_to(config.root).as_posix()

    def when(value: When) -> str:
        at = value.at
        return at.astimezone(config.timezone).isoformat() if at else value.day.isoformat()

    return {
        "upcoming_interviews": [
            {"date": when(n.note.date), "application": f"{n.note.company}, {n.note.role}",
             "stage": n.note.stage and str(n.note.stage), "note": path(n)} for n in interviews],
        "warnings": [{"note": path(w.problem), "line": w.problem.line, "col": w.problem.col,
                      "message": w.problem.message} for w in warnings],
        "left_out": [{"note": path(p), "error": f"{p.line}:{p.col}: {p.message}"}
                     for p in broken],
    }


def report_left_out(broken: list[Problem], problems: list[Problem]) -> None:
    """Each note the agenda left out, at its first error; `fj check` for the rest."""
    echo_problems(broken, err=True)
    if broken:
        click.echo(f"Left out: {plural(len(broken), 'note')} with errors, each at its first "
                   "(see `fj check` for every problem).", err=True)
    elif has_errors(problems):
        click.echo("Some notes have errors and are left out: see `fj check`.", err=True)
