"""The `fj` command line: read the arguments, run one step of the pipeline, report.

What the commands print is in `terminal.py` (what `fj agenda` prints, in `agendatext.py`); `fj
watch` and `fj serve` run in `live.py`. Commands import what they need when they run, so `fj
--help` stays fast. Every expected failure is an `FjError`, turned into a message and an exit
code in one place: `FjGroup.invoke`.
"""

from __future__ import annotations

import re
import signal
from collections.abc import Callable
from datetime import date, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from . import __version__
from .errors import FjError, UsageProblem
from .stages import Stage

if TYPE_CHECKING:
    from .config import Config
    from .plan import Plan


PLACED = re.compile(r"[^\n]+:\d+:\d+: error: ")


class FjGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FjError as error:
            message = str(error)  # one at its place (`path:line:col: error: ...`) says so already
            click.echo(message if PLACED.match(message) else f"Error: {message}", err=True)
            ctx.exit(error.exit_code)
        except OSError as error:  # a file the system would not let us read or write
            from .problems import failure

            click.echo(f"Error: {failure(error)}", err=True)
            ctx.exit(1)


class DashedArguments(click.Command):
    """A command whose arguments may start with `-` (`-5% latency write-up`): click takes one
    for an option, so the error says to put `--` before it."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        given = list(args)  # the parser takes them out of `args`
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as error:
            typed = next((a for a in given if not a.startswith("--")
                          and a.startswith(error.option_name)), None)
            if typed is None:
                raise
            import shlex

            again = shlex.join([*(a for a in given if a is not typed), "--", typed])
            raise click.UsageError(f"{error.format_message()} To log a name or thing "
                                   f"that starts with `-`, put `--` before it: "
                                   f"{ctx.command_path} {again}", ctx) from None


class DateParam(click.ParamType):
    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        from .dates import YEARS

        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                day = date.fromisoformat(value)
                if day.year in YEARS:
                    return day
                self.fail(f"{value!r} is out of range: write a year from {YEARS[0]} to "
                          f"{YEARS[-1]}", param, ctx)
        except ValueError:
            pass
        self.fail(f"{value!r} is not a date like 2026-11-21", param, ctx)


def today_option(command: Any) -> Any:
    return click.option(
        "--today", type=DateParam(), default=None,
        help="Answer as of this day (YYYY-MM-DD) instead of the computer's date.",
    )(command)


journal_argument = click.argument("journal", required=False, type=click.Path(path_type=Path))


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
    from . import terminal
    from .scaffold import init_journal

    created = init_journal(folder, today or date.today(), str(local_timezone()), name)
    terminal.report_init(folder, created)


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
    from . import terminal
    from .scaffold import NewNote, refuse_unreadable, write_note

    spec = NewNote(company, role, date_text, Stage(stage) if stage else None, interviewers)
    refuse_unreadable(spec)
    path = write_note(open_config(journal, drafts=False), spec, today)
    terminal.report_new(path, role, edit)
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
    from . import terminal
    from .config import load_config, today_in
    from .plan import make_plan
    from .problems import has_errors
    from .readdrafts import draft_warnings, drafts_beside

    config, config_problems = load_config(find_root(journal), local_timezone)
    plan = make_plan(config, today or today_in(config))
    drafts = drafts_beside([note.path for note in plan.journal.notes])
    problems = sorted([*config_problems, *plan.problems,
                       *(p for found in drafts.values() for p in draft_warnings(found))])
    terminal.report_check(len(plan.journal.results), problems, quiet)
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
@click.option("--share", type=click.Path(path_type=Path, file_okay=False), metavar="DIR",
              help="Also write a copy of the report for a coach or mentor into DIR: people "
                   "as pseudonyms, no addresses, links, phone numbers or drafts.")
@click.option("--hide-companies", is_flag=True,
              help="In the --share copy, companies too as pseudonyms (Company A, ...).")
def build(journal: Path | None, out: Path | None, today: date | None, strict: bool,
          eml: bool, no_cache: bool, share: Path | None, hide_companies: bool) -> None:
    """Build the HTML report and the draft messages beside each note.

    Notes with errors are left out and reported; everything else is still built (exit 1).
    Drafts you have edited are never overwritten. Only what changed since the last build is
    done again. With --share, a copy to show a coach is written too (docs/sharing.md).
    """
    import time

    from . import terminal
    from .build import cached_build
    from .config import BrokenConfig, load_config, today_in
    from .problems import has_errors

    if hide_companies and share is None:
        raise UsageProblem("--hide-companies goes with --share DIR")
    started = time.perf_counter()
    config, config_problems = load_config(find_root(journal), local_timezone)
    if has_errors(config_problems):
        terminal.echo_problems(sorted(config_problems))
        raise BrokenConfig
    output, day = out or config.output, today or today_in(config)
    if share is not None:
        from .share import refuse_share_folder, write_shared

        refuse_share_folder(share, config, output)  # before anything is written
    outcome = cached_build(config, output, day, eml, use_cache=not no_cache)
    problems = sorted([*config_problems, *outcome.problems])
    terminal.report_build(outcome, problems, time.perf_counter() - started)
    if share is not None:
        from .cache import templates_folder

        shared = write_shared(config, share, output, day, hide_companies,
                              None if no_cache else templates_folder())
        terminal.report_shared(share, shared)
    if has_errors(problems, strict):
        raise SystemExit(1)


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
    from .live import keep_watching
    from .watch import Session

    keep_watching(Session(find_root(journal), out, today, False, local_timezone), poll)


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
    from .hosts import host_name
    from .live import keep_serving
    from .watch import Session

    names = [host_name(name) for name in allowed]
    if None in names:
        raise UsageProblem(f"--allow-host takes a name, not {allowed[names.index(None)]!r}")
    session = Session(find_root(journal), out, today, False, local_timezone)
    keep_serving(session, host, port, [name for name in names if name], open_browser, poll)


@cli.command()
@journal_argument
@today_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON, for scripts.")
def agenda(journal: Path | None, today: date | None, as_json: bool) -> None:
    """What to do now: overdue follow-ups, those due now and this week's; interviews to come."""
    from .agendatext import report_agenda
    from .config import today_in
    from .plan import make_plan
    from .problems import has_errors

    config = open_config(journal, "the agenda depends on it", drafts=False)
    plan = make_plan(config, today or today_in(config))
    report_agenda(plan, as_json)
    if has_errors(plan.problems):
        raise SystemExit(1)


@cli.command()
@journal_argument
@click.option("--since", "since", type=DateParam(), required=True,
              help="The day to compare with (YYYY-MM-DD): the journal as its last commit on "
                   "or before that day left it.")
@today_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON, for scripts.")
def changes(journal: Path | None, since: date, today: date | None, as_json: bool) -> None:
    """What changed in the search since a day, from the journal's git history: new
    applications and rounds, statuses that moved, offers and decisions, follow-ups logged,
    and the follow-ups that became overdue. Uncommitted edits count."""
    from .agendatext import report_left_out
    from .changestext import report_changes
    from .config import today_in
    from .history import base_commit
    from .outlook import left_out
    from .plan import make_plan
    from .problems import has_errors
    from .since import changes_since

    config = open_config(journal, "nothing was compared", drafts=False)
    day = today or today_in(config)
    if since > day:
        raise UsageProblem(f"--since {since} is after the day of the answer, {day}")
    plan = make_plan(config, day)
    base = base_commit(config.root, since, config.timezone)
    report_changes(changes_since(plan, base), config.root, as_json)
    report_left_out(left_out(plan.journal.results), plan.problems)
    if has_errors(plan.problems):
        raise SystemExit(1)


@cli.command(name="log", cls=DashedArguments)
@click.argument("what")
@click.argument("name", required=False)
@click.option("--app", metavar="APP",
              help="The application: its key, company, or company and role (a prefix will do).")
@click.option("--date", "date_text", default="", metavar="DATE",
              help="When you did it: 2026-12-08 or '2026-12-08 17:30'. Default: now (the day "
                   "given by --today).")
@click.option("--note", "said", default=None, metavar="TEXT", help="Anything worth remembering.")
@click.option("--again", is_flag=True,
              help="Log a second thank-you, LinkedIn invitation or other message to a person "
                   "who has one of that kind logged already.")
@click.option("-j", "--journal", type=click.Path(path_type=Path, file_okay=False),
              help="The journal folder (default: found from the current folder).")
@today_option
def log_command(what: str, name: str | None, app: str | None, date_text: str, said: str | None,
                again: bool, journal: Path | None, today: date | None) -> None:
    """Record a follow-up you did in its note: WHAT is a kind (thank-you, linkedin, check-in,
    ...) with the person's NAME or the application, `sent` with what you sent, or the number
    of an item of `fj agenda`. Prints the line it added. A NAME that starts with `-` goes
    after `--`: fj log sent -- "-5% latency write-up"."""
    from datetime import datetime

    from . import terminal
    from .config import today_in
    from .logbook import Request, log_entry

    config = open_config(journal, drafts=False)
    when = date_text.strip() or (today.isoformat() if today else
                                 f"{datetime.now(config.timezone):%Y-%m-%d %H:%M}")
    request = Request(what.strip(), name, app, when, said, again)
    logged = log_entry(config, request, today or today_in(config))
    terminal.report_logged(logged.path, logged.edited.lines, logged.item)


@cli.group()
def export() -> None:
    """Write the journal in another format."""


@export.command(name="csv")
@journal_argument
@today_option
@click.option("--table", type=click.Choice(["interviews", "followups", "stages"]),
              help="The table to print (default: interviews), or with -o the one to write.")
@click.option("-o", "--out", type=click.Path(path_type=Path, file_okay=False),
              help="Write each table as NAME.csv in this folder instead of printing one.")
def export_csv(journal: Path | None, today: date | None, table: str | None,
               out: Path | None) -> None:
    """Write the interviews, the follow-ups and each application's stages as CSV tables.

    In UTF-8 with a BOM, for spreadsheets; a cell that would start a formula starts with '.
    An earlier export is replaced; any other file is left alone.
    """
    from . import terminal
    from .exports import TABLES, csv_bytes, csv_start, write_export

    plan = _export_plan(journal, today)
    if out is None:
        click.echo(csv_bytes(plan, table or "interviews"), nl=False)
    else:
        for name in [table] if table else TABLES:
            data, path = csv_bytes(plan, name), out / f"{name}.csv"
            terminal.report_written(path, write_export(path, data, csv_start(data)))
    _end_export(plan)


@export.command(name="json")
@journal_argument
@today_option
@click.option("-o", "--out", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the document to this file instead of printing it.")
def export_json(journal: Path | None, today: date | None, out: Path | None) -> None:
    """Write the interviews, the follow-ups and each application's stages as one JSON document.

    An earlier export is replaced; any other file is left alone.
    """
    from . import terminal
    from .exports import JSON_START, json_bytes, write_export

    plan = _export_plan(journal, today)
    if out is None:
        click.echo(json_bytes(plan), nl=False)
    else:
        terminal.report_written(out, write_export(out, json_bytes(plan), JSON_START))
    _end_export(plan)


@export.command(name="ics")
@journal_argument
@today_option
@click.option("-o", "--out", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE",
              help="Write the calendar to this file instead of printing it.")
@click.option("--todo", is_flag=True,
              help="Write the follow-ups as to-dos, due on their day, instead of events.")
def export_ics(journal: Path | None, today: date | None, out: Path | None,
               todo: bool) -> None:
    """Write the interviews and open follow-ups as a calendar (iCalendar, .ics).

    Interviews are events at their time; each follow-up not yet done is an event of a whole
    day on its due day. The same journal and day give the same bytes.
    """
    from . import terminal
    from .exports import write_export
    from .icsfile import CALENDAR_START, journal_calendar

    plan = _export_plan(journal, today)
    data = journal_calendar(plan, todo)
    if out is None:
        click.echo(data, nl=False)
    else:
        terminal.report_written(out, write_export(out, data, CALENDAR_START))
    _end_export(plan)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of a note's front matter, for editors that validate YAML."""
    import json

    from .schema import json_schema

    click.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


def main(prog_name: str = "fj") -> None:
    for stop in ("SIGTERM", "SIGHUP"):  # `kill`, a closed terminal: stopped as by Ctrl-C
        if hasattr(signal, stop):
            signal.signal(getattr(signal, stop), _interrupted)
    cli(prog_name=prog_name)


def _interrupted(signal_number: int, frame: object) -> NoReturn:
    """Stop as Ctrl-C stops a command: its clean-up runs, removing its temporary files."""
    raise KeyboardInterrupt


# Helpers ----------------------------------------------------------------------------------------


def find_root(journal: Path | None) -> Path:
    from .config import find_journal

    return find_journal(journal, Path.cwd())


def open_config(journal: Path | None, consequence: str = "nothing was written",
                drafts: bool = True) -> Config:
    """The config of the journal; refuses to go on if the config itself has errors. Without
    `drafts`, a missing name, which only the drafts need, goes unsaid."""
    from . import terminal
    from .config import NO_NAME, load_config, refuse_broken

    config, problems = load_config(find_root(journal), local_timezone)
    told = [problem for problem in sorted(problems) if drafts or problem.message != NO_NAME]
    terminal.echo_problems(told, err=True)
    refuse_broken(problems, consequence)
    return config


def _export_plan(journal: Path | None, today: date | None) -> Plan:
    """The plan an export writes, as `fj agenda` makes it."""
    from .config import today_in
    from .plan import make_plan

    config = open_config(journal, "nothing was exported", drafts=False)
    return make_plan(config, today or today_in(config))


def _end_export(plan: Plan) -> None:
    """Each note left out for its errors named on stderr, as `fj agenda` does (exit 1)."""
    from .agendatext import report_left_out
    from .outlook import left_out
    from .problems import has_errors

    report_left_out(left_out(plan.journal.results), plan.problems)
    if has_errors(plan.problems):
        raise SystemExit(1)


def local_timezone() -> tzinfo:
    """This computer's timezone, for journals whose config does not name one."""
    import zoneinfo

    import tzlocal

    try:
        return zoneinfo.ZoneInfo(tzlocal.get_localzone_name() or "UTC")
    except (LookupError, ValueError) as error:  # a TZ variable naming no real zone
        raise FjError(f"cannot tell this computer's timezone ({error}); set `timezone` in "
                      "journal.toml") from None
