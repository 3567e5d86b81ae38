"""What the commands print: problems, summaries of a check or a build, and the agenda.

Problems go to stdout, one `path:line:col` per line, for editors and scripts to read; what was
done, and advice, goes to stderr. Nothing heavy here: the CLI imports this module at its top.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .problems import Problem, Severity, has_errors, printable, shown

if TYPE_CHECKING:
    from .applications import Application
    from .config import Config
    from .model import NoteFile, When
    from .outcome import Outcome
    from .outlook import ItemWarning
    from .plan import Plan
    from .watch import Built


def echo_problems(problems: Iterable[Problem], err: bool = False) -> None:
    for problem in problems:
        click.echo(problem.format(shown(problem.path)), err=err)


def report_init(folder: Path, created: list[Path]) -> None:
    """The files `fj init` wrote, and what to do next."""
    for path in created:
        click.echo(f"created {shown(path)}")
    if not (folder / ".gitignore").read_text("utf-8", "replace").count("_site"):
        click.echo("Your .gitignore was left as it was: add a line /_site/ to keep the report "
                   "out of git.")
    go = "" if folder == Path() else f"cd {shown(folder)}, then "
    click.echo(f"Next: {go}`fj new COMPANY --role ROLE` writes a note, `fj check` checks them.")


def report_new(path: Path, role: str, edit: bool) -> None:
    """The note `fj new` wrote; a warning when it cannot be read until its role is filled in."""
    click.echo(shown(path))
    if not role.strip() and not edit:
        click.echo("fill in its `role:` before you build: the note is not read without one",
                   err=True)


def report_check(notes: int, problems: list[Problem], quiet: bool) -> None:
    echo_problems(problems)
    if not quiet:
        click.echo(summary(notes, problems), err=True)


def report_build(outcome: Outcome, problems: list[Problem], seconds: float) -> None:
    """The problems on stdout; what was written, and anything kept or left over, on stderr."""
    echo_problems(problems)
    for path in outcome.kept:
        click.echo(f"kept your edited draft {shown(path)} (the tool's own version differs: "
                   "yours stays as it is)", err=True)
    for folder in outcome.orphans:
        edited = [path.name for path in outcome.orphans_edited if path.parent == folder]
        yours = f"; your edits are in {', '.join(edited)}" if edited else ""
        click.echo(f"drafts beside a note that is gone: {shown(folder)} (delete the folder when "
                   f"you no longer need it{yours})", err=True)
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    kept = f" ({len(outcome.kept)} edited, kept)" if outcome.kept else ""
    click.echo(
        f"read {plural(outcome.notes, 'note')}, wrote {outcome.written} of "
        f"{plural(outcome.files, 'file')} and {plural(outcome.drafts_written, 'draft')}{kept}, "
        f"{plural(outcome.due, 'item')} due, {plural(errors, 'error')}: "
        f"{shown(outcome.output)} ({seconds:.2f} s)",
        err=True,
    )


class RebuildReport:
    """What `watch` and `serve` print after each build: what `build` prints, but each drafts
    folder left beside a deleted note only once, not after every save."""

    def __init__(self) -> None:
        self.orphans_told: tuple[Path, ...] = ()

    def __call__(self, built: Built) -> None:
        echo_problems(built.config_problems)
        if built.outcome is None:
            click.echo(f"Error: {built.error} (the report is as it was; watching goes on)",
                       err=True)
            return
        orphans = built.outcome.orphans
        new = tuple(folder for folder in orphans if folder not in self.orphans_told)
        self.orphans_told = orphans
        report_build(replace(built.outcome, orphans=new), sorted(built.outcome.problems),
                     built.seconds)


def report_agenda(plan: Plan, as_json: bool) -> None:
    """The plan's items due soon, the interviews to prepare for and the warnings that change an
    item, as text or JSON; on stderr, each note left out with its first error."""
    import json

    from .agenda import apart, numbered
    from .outlook import item_warnings, left_out, upcoming_interviews
    from .silence import no_answers

    config = plan.journal.config
    soon = numbered(plan.items, plan.today, apart(config.rules))
    names = {a.key: f"{a.company}, {a.role}" for a in plan.applications}
    interviews = upcoming_interviews(plan.applications, plan.today, config.timezone)
    warnings = item_warnings(plan.applications, plan.items, plan.today, config.timezone)
    silent = no_answers(plan.applications, config.rules, plan.today, config.timezone)
    if as_json:
        report = agenda_json(soon, names, plan.today, config.root, warnings)
        report |= outlook_json(interviews, warnings, left_out(plan.journal.results), config)
        report["no_answer"] = [{"application": names[app.key], "since": since.isoformat()}
                               for app, since in silent]
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        text = agenda_text(soon, names, plan.today, warnings)
        text += f"\n{no_answer_text(plan, silent)}" if silent else ""
        text += "\n" + outlook_text(interviews, warnings, soon, config.timezone)
        click.echo(text, color=False if os.environ.get("NO_COLOR") else None)
    report_left_out(left_out(plan.journal.results), plan.problems)


def report_logged(path: Path, lines: Iterable[tuple[int, str]]) -> None:
    """The lines `fj log` added to a note (or rewrote), each as `path:line: text`."""
    import textwrap

    numbers, texts = zip(*lines, strict=True)
    dedented = textwrap.dedent("\n".join(texts)).split("\n")
    for number, text in zip(numbers, dedented, strict=True):
        click.echo(printable(f"{shown(path)}:{number}: {text}"))


def summary(notes: int, problems: list[Problem]) -> str:
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = len(problems) - errors
    if not problems:
        return f"checked {plural(notes, 'note')}: no problems"
    counts = f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"
    return f"checked {plural(notes, 'note')}: {counts}"


AGENDA_COLOURS = {"overdue": "red", "due today": "yellow", "this week": "cyan",
                  "upcoming interviews": "blue", "check these": "magenta"}
AGENDA_HEADINGS = {"due today": "due now"}  # it holds what is due since an earlier day too


def agenda_text(soon: dict[str, list[Any]], names: dict[str, str], today: date,
                warnings: list[ItemWarning]) -> str:
    lines = []
    for section, items in soon.items():
        lines.append(heading(AGENDA_HEADINGS.get(section, section), len(items),
                             AGENDA_COLOURS[section]))
        for number, item in items:
            whom = f" (to {item.person})" if item.person and item.person not in item.what else ""
            line = (f"{number:>3}. {due_on(item, today)}  {item.what}{whom}  · "
                    f"{names[item.application]}")
            lines.append(printable(line))
            lines += [f"    check: {w.problem.format(shown(w.problem.path))}"
                      for w in warnings if item in w.items]
        if not items:
            lines.append("  nothing")
    return "\n".join(lines)


def heading(title: str, count: int, colour: str) -> str:
    return click.style(f"{title.capitalize()} ({count})", bold=True, fg=colour)


def due_on(item: Any, today: date) -> str:
    """The day an item is due, or the day it has been due since."""
    return f"since {item.due:%a %d %b}" if due_since(item, today) else f"{item.due:%a %d %b}"


def due_since(item: Any, today: date) -> date | None:
    """The day an item due and not yet late fell due, when that was before today: it is due
    now, but not only since today."""
    return item.due if item.due < today <= item.late else None


def outlook_text(interviews: list[NoteFile], warnings: list[ItemWarning],
                 soon: dict[str, list[Any]], tz: tzinfo) -> str:
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
    from .silence import days_past_their_date

    lines = [click.style(f"No answer ({len(silent)})", bold=True, fg="magenta")]
    for app, since in silent:
        passed = days_past_their_date(app, plan.today, plan.journal.config.timezone)
        named = f"; their date passed {plural(passed, 'day')} ago" if passed else ""
        lines.append(printable(f"  {app.company}, {app.role}: no answer since "
                               f"{since:%a %d %b}{named}"))
    return "\n".join(lines)


def agenda_json(soon: dict[str, list[Any]], names: dict[str, str], day: date,
                root: Path, warnings: list[ItemWarning]) -> dict[str, Any]:
    def entry(number: int, item: Any) -> dict[str, Any]:
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


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
