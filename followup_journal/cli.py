"""The `fj` command line: read the arguments, run one step of the pipeline, report.

Commands import what they need when they run, so `fj --help` stays fast. Every expected failure is
an `FjError`, turned into a message and an exit code in one place: `FjGroup.invoke`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .errors import FjError, UsageProblem
from .model import Stage
from .problems import Severity, printable, shown

if TYPE_CHECKING:
    from .build import Outcome
    from .config import Config
    from .problems import Problem
    from .watch import Built


class FjGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FjError as error:
            click.echo(f"Error: {error}", err=True)
            ctx.exit(error.exit_code)
        except OSError as error:  # a file the system would not let us read or write
            where = f": {error.filename}" if error.filename else ""
            click.echo(f"Error: {error.strerror or error}{where}", err=True)
            ctx.exit(1)


class DateParam(click.ParamType):
    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                return date.fromisoformat(value)
        except ValueError:
            pass
        self.fail(f"{value!r} is not a date like 2026-11-21", param, ctx)


def today_option(command: Any) -> Any:
    return click.option(
        "--today", type=DateParam(), default=None,
        help="Answer as of this day (YYYY-MM-DD) instead of the computer's date.",
    )(command)


journal_argument = click.argument(
    "journal", required=False, type=click.Path(path_type=Path)
)


@click.group(cls=FjGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="followup-journal")
def cli() -> None:
    """A plain-text journal of job interviews that tells you how to follow up.

    The journal is found from the JOURNAL argument, else from the current folder or the nearest
    folder above it holding journal.toml.
    """


@cli.command()
@click.argument("folder", required=False, default=".", type=click.Path(path_type=Path))
@click.option("--name", default="", help="Your name, to sign the drafted messages.")
@today_option
def init(folder: Path, name: str, today: date | None) -> None:
    """Start a journal in FOLDER (default: here). Never touches an existing journal."""
    from .scaffold import init_journal

    for path in init_journal(folder, today or date.today(), str(local_timezone()), name):
        click.echo(f"created {shown(path)}")
    if not (folder / ".gitignore").read_text("utf-8", "replace").count("_site"):
        click.echo("Your .gitignore was left as it was: add a line /_site/ to keep the report "
                   "out of git.")
    go = "" if folder == Path() else f"cd {shown(folder)}, then "
    click.echo(f"Next: {go}`fj new COMPANY --role ROLE` writes a note, `fj check` checks them.")


@cli.command()
@click.argument("company")
@click.option("--role", default="", help="The role you applied for.")
@click.option("--date", "date_text", default="", metavar="DATE",
              help="Interview date: 2026-11-18 or '2026-11-18 14:30'. Default: today.")
@click.option("--stage", type=click.Choice([stage.value for stage in Stage]),
              help="The interview round.")
@click.option("--with", "interviewers", multiple=True, metavar="NAME",
              help="An interviewer's name; repeat for each person.")
@click.option("--edit", is_flag=True, help="Open the new note in $EDITOR.")
@click.option("-j", "--journal", type=click.Path(path_type=Path, file_okay=False),
              help="The journal folder (default: found from the current folder).")
@today_option
def new(company: str, role: str, date_text: str, stage: str | None, interviewers: tuple[str, ...],
        edit: bool, journal: Path | None, today: date | None) -> None:
    """Write a new note for an interview with COMPANY and print its path."""
    from .config import today_in
    from .scaffold import NewNote, new_note

    if not company.strip() or not all(name.strip() for name in interviewers):
        raise UsageProblem("the company and every --with name need some text")
    config = open_config(journal, drafts=False)
    spec = NewNote(company, role, date_text, Stage(stage) if stage else None, interviewers)
    try:
        path = new_note(config.root, spec, today or today_in(config), config.timezone)
    except ValueError as error:
        raise UsageProblem(f"--date: {error}") from None
    click.echo(shown(path))
    if not role.strip() and not edit:
        click.echo("fill in its `role:` before you build: the note is not read without one",
                   err=True)
    if edit:
        click.edit(filename=str(path))


@cli.command()
@journal_argument
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("-q", "--quiet", is_flag=True, help="Print problems only, no summary.")
@today_option
def check(journal: Path | None, strict: bool, quiet: bool, today: date | None) -> None:
    """Check every note and the config; print each problem as path:line:col.

    Exits 0 when there are no errors (warnings allowed unless --strict), 1 otherwise.
    """
    from .config import load_config, today_in
    from .draftfiles import draft_warnings, drafts_beside
    from .journal import make_plan
    from .problems import has_errors

    config, config_problems = load_config(find_root(journal), local_timezone)
    plan = make_plan(config, today or today_in(config))
    drafts = drafts_beside([note.path for note in plan.journal.notes])
    problems = sorted([*config_problems, *plan.problems,
                       *(p for found in drafts.values() for p in draft_warnings(found))])
    for problem in problems:
        click.echo(problem.format(shown(problem.path)))
    if not quiet:
        click.echo(summary(len(plan.journal.results), problems), err=True)
    if has_errors(problems, strict):
        raise SystemExit(1)


@cli.command()
@journal_argument
@click.option("--out", type=click.Path(path_type=Path, file_okay=False),
              help="Write the report here instead of the journal's output folder.")
@today_option
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--eml", is_flag=True,
              help="Also write each email draft as an unsent .eml file in the report's eml/.")
@click.option("--no-cache", is_flag=True,
              help="Build from scratch, without reading or writing the build cache.")
def build(journal: Path | None, out: Path | None, today: date | None, strict: bool,
          eml: bool, no_cache: bool) -> None:
    """Build the HTML report and the draft messages beside each note.

    Notes with errors are left out and reported; everything else is still built (exit 1).
    Drafts you have edited are never overwritten. Only what changed since the last build is
    done again.
    """
    import time

    from .build import cached_build
    from .config import BrokenConfig, load_config, today_in
    from .problems import has_errors

    started = time.perf_counter()
    config, config_problems = load_config(find_root(journal), local_timezone)
    if has_errors(config_problems):
        for problem in sorted(config_problems):
            click.echo(problem.format(shown(problem.path)))
        raise BrokenConfig
    outcome = cached_build(config, out or config.output, today or today_in(config), eml,
                           use_cache=not no_cache)
    problems = sorted([*config_problems, *outcome.problems])
    report_build(outcome, problems, time.perf_counter() - started)
    if has_errors(problems, strict):
        raise SystemExit(1)


def report_build(outcome: Outcome, problems: list[Problem], seconds: float) -> None:
    """The problems on stdout; what was written, and anything kept or left over, on stderr."""
    for problem in problems:
        click.echo(problem.format(shown(problem.path)))
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


watch_options: list[Callable[[Any], Any]] = [
    journal_argument,
    click.option("--out", type=click.Path(path_type=Path, file_okay=False),
                 help="Write the report here instead of the journal's output folder."),
    today_option,
    click.option("--poll", is_flag=True,
                 help="Look for changes every half second instead of being told by the system "
                      "(for network drives and some containers)."),
]


def with_watch_options(command: Any) -> Any:
    for option in reversed(watch_options):
        command = option(command)
    return command


@cli.command()
@with_watch_options
def watch(journal: Path | None, out: Path | None, today: date | None, poll: bool) -> None:
    """Build, then build again each time a note, the config or the theme changes.

    Changes are gathered until they settle, so saving many files at once is one rebuild. A
    note or template with an error is reported and watching goes on. Ctrl-C stops.
    """
    from .watch import Session
    from .watch import watch as watch_journal

    session = Session(find_root(journal), out, today, False, local_timezone)
    click.echo(f"watching {shown(session.root)} (Ctrl-C to stop)", err=True)
    try:
        watch_journal(session, RebuildReport(), poll)
    except KeyboardInterrupt:
        click.echo("stopped watching", err=True)
    finally:
        session.save()


@cli.command()
@with_watch_options
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="The port to serve on; 0 picks a free one.")
@click.option("--bind", "host", default="127.0.0.1", show_default=True,
              help="The address to serve on. Another than this computer's own lets anyone on "
                   "your network read your notes.")
@click.option("--allow-host", "allowed", multiple=True, metavar="NAME",
              help="Also answer requests that call this computer NAME (a name your network "
                   "gives it); repeatable. Requests for other names get 403, so a web page "
                   "elsewhere cannot read your notes.")
@click.option("--open", "open_browser", is_flag=True, help="Open the report in your browser.")
def serve(journal: Path | None, out: Path | None, today: date | None, poll: bool, port: int,
          host: str, allowed: tuple[str, ...], open_browser: bool) -> None:
    """Serve the report on this computer, rebuild like `watch`, and reload the open page.

    The reload script is only in the pages served, never in the files `build` writes.
    """
    import errno
    import webbrowser

    from .serve import host_name, start_server
    from .watch import Session
    from .watch import watch as watch_journal

    names = [host_name(name) for name in allowed]
    if None in names:
        raise UsageProblem(f"--allow-host takes a name, not {allowed[names.index(None)]!r}")
    session = Session(find_root(journal), out, today, False, local_timezone)
    try:
        server = start_server(session.output, host, port, [name for name in names if name])
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise UsageProblem(f"port {port} is in use: choose another with --port, or --port 0 "
                               "for any free one") from None
        raise UsageProblem(f"cannot serve on {host} port {port}: {error.strerror or error} "
                           "(--bind takes an address of this computer)") from None
    url = f"http://{f'[{host}]' if ':' in host else host}:{server.server_address[1]}/"
    if not server.loopback:
        click.echo(f"Warning: serving on {host}: others on your network can read your notes.",
                   err=True)
    click.echo(f"serving the report at {url} (Ctrl-C to stop)", err=True)
    opened = not open_browser
    report_rebuild = RebuildReport()

    def report(built: Built) -> None:
        nonlocal opened
        server.folder = session.output  # which `output` in journal.toml may have changed
        # Pages know of the build before the terminal says it is done: a page loaded once the
        # message is out must not be told of this build again.
        wrote = built.outcome is not None and built.outcome.written > 0
        server.broadcast.built(banner(built), wrote)
        report_rebuild(built)
        if not opened:
            opened = True
            if not webbrowser.open(url):
                click.echo(f"no browser found: open {url} in yours", err=True)

    try:
        watch_journal(session, report, poll)
    except KeyboardInterrupt:
        click.echo("stopped serving", err=True)
    finally:
        server.shutdown()
        server.server_close()
        session.save()


def banner(built: Built) -> str | None:
    """A failed rebuild's error as served pages show it: after the config's errors, if any."""
    if built.error is None:
        return None
    errors = [p for p in built.config_problems if p.severity is Severity.ERROR]
    return "\n".join([*(p.format(shown(p.path)) for p in errors), built.error])


class RebuildReport:
    """What `watch` and `serve` print after each build: what `build` prints, but each drafts
    folder left beside a deleted note only once, not after every save."""

    def __init__(self) -> None:
        self.orphans_told: tuple[Path, ...] = ()

    def __call__(self, built: Built) -> None:
        for problem in built.config_problems:
            click.echo(problem.format(shown(problem.path)))
        if built.outcome is None:
            click.echo(f"Error: {built.error} (the report is as it was; watching goes on)",
                       err=True)
            return
        orphans = built.outcome.orphans
        new = tuple(folder for folder in orphans if folder not in self.orphans_told)
        self.orphans_told = orphans
        report_build(replace(built.outcome, orphans=new), sorted(built.outcome.problems),
                     built.seconds)


@cli.command()
@journal_argument
@today_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON, for scripts.")
def agenda(journal: Path | None, today: date | None, as_json: bool) -> None:
    """What to do now: overdue follow-ups, those due today, and this week's."""
    import json

    from .config import today_in
    from .journal import make_plan
    from .problems import has_errors
    from .rules import due_soon

    config = open_config(journal, "the agenda depends on it", drafts=False)
    day = today or today_in(config)
    plan = make_plan(config, day)
    soon = due_soon(plan.items, day)
    names = {a.key: f"{a.company}, {a.role}" for a in plan.applications}
    if as_json:
        report = agenda_json(soon, names, day, config.root)
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        click.echo(agenda_text(soon, names), color=False if os.environ.get("NO_COLOR") else None)
    if has_errors(plan.problems):
        click.echo("Some notes have errors and are left out: see `fj check`.", err=True)
        raise SystemExit(1)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of a note's front matter, for editors that validate YAML."""
    import json

    from .schema import json_schema

    click.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


def main(prog_name: str = "fj") -> None:
    cli(prog_name=prog_name)


# Helpers ----------------------------------------------------------------------------------------


def find_root(journal: Path | None) -> Path:
    from .config import find_journal

    return find_journal(journal, Path.cwd())


def open_config(journal: Path | None, consequence: str = "nothing was written",
                drafts: bool = True) -> Config:
    """The config of the journal; refuses to go on if the config itself has errors. Without
    `drafts`, a missing name, which only the drafts need, goes unsaid."""
    from .config import NO_NAME, load_config, refuse_broken

    config, problems = load_config(find_root(journal), local_timezone)
    for problem in sorted(problems):
        if drafts or problem.message != NO_NAME:
            click.echo(problem.format(shown(problem.path)), err=True)
    refuse_broken(problems, consequence)
    return config


def local_timezone() -> tzinfo:
    """This computer's timezone, for journals whose config does not name one."""
    import zoneinfo

    import tzlocal

    try:
        return zoneinfo.ZoneInfo(tzlocal.get_localzone_name() or "UTC")
    except (LookupError, ValueError) as error:  # a TZ variable naming no real zone
        raise FjError(f"cannot tell this computer's timezone ({error}); set `timezone` in "
                      "journal.toml") from None


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
