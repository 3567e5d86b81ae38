"""What the commands print: problems, summaries of a check or a build, and the agenda.

Problems go to stdout, one `path:line:col` per line, for editors and scripts to read; what was
done, and advice, goes to stderr. Nothing heavy here: the CLI imports this module at its top.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .problems import Problem, Severity, has_errors, printable, shown

if TYPE_CHECKING:
    from .applications import Application
    from .outcome import Outcome
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
    """The plan's items due soon, as text or JSON; and a word on stderr when notes were left out."""
    import json

    from .checklist import due_soon
    from .silence import no_answers

    soon = due_soon(plan.items, plan.today)
    names = {a.key: f"{a.company}, {a.role}" for a in plan.applications}
    config = plan.journal.config
    silent = no_answers(plan.applications, config.rules, plan.today, config.timezone)
    if as_json:
        report = agenda_json(soon, names, plan.today, config.root)
        report["no_answer"] = [{"application": names[app.key], "since": since.isoformat()}
                               for app, since in silent]
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        text = agenda_text(soon, names) + (f"\n{no_answer_text(plan, silent)}" if silent else "")
        click.echo(text, color=False if os.environ.get("NO_COLOR") else None)
    if has_errors(plan.problems):
        click.echo("Some notes have errors and are left out: see `fj check`.", err=True)


def summary(notes: int, problems: list[Problem]) -> str:
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = len(problems) - errors
    if not problems:
        return f"checked {plural(notes, 'note')}: no problems"
    counts = f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"
    return f"checked {plural(notes, 'note')}: {counts}"


AGENDA_COLOURS = {"overdue": "red", "due today": "yellow", "this week": "cyan"}


def agenda_text(soon: dict[str, list[Any]], names: dict[str, str]) -> str:
    lines = []
    for section, items in soon.items():
        lines.append(click.style(f"{section.capitalize()} ({len(items)})", bold=True,
                                 fg=AGENDA_COLOURS[section]))
        for item in items:
            line = f"  {item.due:%a %d %b}  {item.what}  · {names[item.application]}"
            lines.append(printable(line))
        if not items:
            lines.append("  nothing")
    return "\n".join(lines)


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
                root: Path) -> dict[str, Any]:
    def entry(item: Any) -> dict[str, Any]:
        return {"rule": item.rule, "what": item.what, "application": names[item.application],
                "person": item.person, "due": item.due.isoformat(),
                "late": item.late.isoformat(), "state": str(item.state),
                "note": item.note.relative_to(root).as_posix()}

    return {"as_of": day.isoformat(),
            **{key.replace(" ", "_"): [entry(i) for i in items] for key, items in soon.items()}}


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
