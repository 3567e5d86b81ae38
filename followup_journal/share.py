"""`fj build --share DIR`: a copy of the report for a coach or a mentor, written into DIR.

The notes are planned as for the report, redacted (`redact.py`), and rendered by the same
theme with `Site.shared`, which leaves out drafts, mail links and `fj log` commands; only the
producers of `outputs.SHAREABLE` write into DIR, which is written and cleaned like the report.
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date
from pathlib import Path

from .config import Config, Me
from .errors import UsageProblem
from .lock import journal_lock
from .memory import Memory
from .outputs import Options
from .plan import make_plan
from .publish import publish
from .redact import redact
from .scan import THEMES_FOLDER, scan_journal
from .site import Site
from .theme import environment
from .writer import WriteResult, check_output


def refuse_share_folder(folder: Path, config: Config, output: Path) -> None:
    """Refuse a folder for the shared copy that is the journal or holds it, the report's folder,
    inside it or holding it, or inside a folder of notes: the copy never mixes with them."""
    shared, root, report = (Path(os.path.realpath(path)) for path in (folder, config.root, output))
    if shared == root or root.is_relative_to(shared):
        raise UsageProblem(f"--share {folder}: that folder holds the journal; give a folder of "
                           "its own for the copy to share")
    if shared == report or shared.is_relative_to(report) or report.is_relative_to(shared):
        raise UsageProblem(f"--share {folder}: that is where the report goes ({output}); give "
                           "another folder for the copy to share")
    notes = list(scan_journal(config).notes)
    check_output(folder, config.root, notes)
    for parent in sorted({note.parent for note in notes}):
        if shared.is_relative_to(os.path.realpath(parent)):
            raise UsageProblem(f"--share {folder}: that is inside the folder of notes {parent}; "
                               "give a folder outside it for the copy to share")


def write_shared(config: Config, folder: Path, output: Path, today: date,
                 hide_companies: bool = False, templates: Path | None = None) -> WriteResult:
    """Write the copy of the report to share into `folder`, as of `today`; compiled templates
    are kept in `templates`, if given, as a build keeps them."""
    with journal_lock(config.root):
        refuse_share_folder(folder, config, output)
        planned = make_plan(config, today)
        shared = redact(planned.applications, planned.items, config.root, config.timezone,
                        hide_companies, config.me.name)
        site = Site(replace(config, me=Me(), articles=()), today, shared.applications,
                    shared.items, {}, versions={a.key: "" for a in shared.applications},
                    shared=True)
        env = environment(config.root / THEMES_FOLDER, templates, shared=True)
        return publish(Memory(), site, env, folder, Options(shared=True))
