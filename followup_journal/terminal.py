"""What the commands print: problems, summaries of a check or a build, the lines `fj log` added.
What `fj agenda` prints is in `agendatext.py`.

Problems go to stdout, one `path:line:col` per line, for editors and scripts to read; what was
done, and advice, goes to stderr.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .problems import Problem, Severity, printable, shown

if TYPE_CHECKING:
    from .outcome import Outcome
    from .watch import Built
    from .writer import WriteResult


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
    removed = (f", removed {plural(outcome.drafts_removed, 'draft')} no longer needed"
               if outcome.drafts_removed else "")
    click.echo(
        f"read {plural(outcome.notes, 'note')}, wrote {outcome.written} of "
        f"{plural(outcome.files, 'file')} and {plural(outcome.drafts_written, 'draft')}{kept}"
        f"{removed}, "
        f"{plural(outcome.due, 'item')} due, {plural(errors, 'error')}: "
        f"{shown(outcome.output)} ({seconds:.2f} s)",
        err=True,
    )


def report_shared(folder: Path, written: WriteResult) -> None:
    """What `build --share` wrote."""
    files = written.written + written.unchanged
    click.echo(f"copy to share: wrote {written.written} of {plural(files, 'file')}: "
               f"{shown(folder)}", err=True)


class RebuildReport:
    """What `watch` and `serve` print after each build: what `build` prints, but each drafts
    folder left beside a deleted note only once, not after every save."""

    def __init__(self) -> None:
        self.orphans_told: tuple[Path, ...] = ()

    def __call__(self, built: Built) -> None:
        if built.looked_at_all:
            click.echo(f"looked at every file: {built.looked_at_all}", err=True)
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


def report_logged(path: Path, lines: Iterable[tuple[int, str]], item: str | None) -> None:
    """The lines `fj log` added to a note (or rewrote), each as `path:line: text`; first, on
    stderr, the agenda item `fj log N` logged, to see it was the one meant."""
    import textwrap

    if item is not None:
        click.echo(printable(f"logged item {item}"), err=True)
    numbers, texts = zip(*lines, strict=True)
    dedented = textwrap.dedent("\n".join(texts)).split("\n")
    for number, text in zip(numbers, dedented, strict=True):
        click.echo(printable(f"{shown(path)}:{number}: {text}"))


def report_written(path: Path, written: bool) -> None:
    """A file an export wrote, or left as it was."""
    click.echo(printable(f"{'Wrote' if written else 'Unchanged'}: {path}"), err=True)


def summary(notes: int, problems: list[Problem]) -> str:
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = len(problems) - errors
    if not problems:
        return f"checked {plural(notes, 'note')}: no problems"
    counts = f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"
    return f"checked {plural(notes, 'note')}: {counts}"


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
