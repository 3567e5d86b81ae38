"""`fj watch` and `fj serve` at work: build, rebuild after each change and say so, until Ctrl-C.

How changes are seen is `watch.py`; how the report is served, `serve.py`. Here they are run for
the user: what each rebuild found goes to the terminal, and for `serve` to the open pages too.
"""

from __future__ import annotations

import errno
import webbrowser

import click

from .errors import UsageProblem
from .problems import Severity, shown
from .serve import start_server
from .terminal import RebuildReport
from .watch import Built, Session, watch
from .watchevents import Changes, asking


def keep_watching(session: Session, poll: bool) -> None:
    """`fj watch`: rebuild on each change until Ctrl-C, saving the session's memory at the end."""
    click.echo(f"watching {shown(session.root)} (Ctrl-C to stop)", err=True)
    changes = Changes()
    try:
        with asking(changes):
            watch(session, RebuildReport(), poll, changes=changes)
    except KeyboardInterrupt:
        click.echo("stopped watching", err=True)
    finally:
        session.save()


def keep_serving(session: Session, host: str, port: int, allowed: list[str], open_browser: bool,
                 poll: bool) -> None:
    """`fj serve`: serve the report to requests that name this computer or one of the
    `allowed` names, and rebuild on each change until Ctrl-C; then stop the server and save the
    session's memory."""
    try:
        server = start_server(session.output, host, port, allowed)
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

    changes = Changes()
    try:
        with asking(changes):
            watch(session, report, poll, changes=changes)
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
