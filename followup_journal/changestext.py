"""What `fj changes` prints: the changes since a day under their headings, as text (in colour on
a terminal) or as JSON, after a line that says what they were compared with."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import click

from .changes import SECTIONS, Change
from .problems import printable
from .since import Since

COLOURS = {"became overdue": "red", "offers and decisions": "green"}


def report_changes(since: Since, root: Path, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(changes_json(since, root), ensure_ascii=False, indent=2))
    else:
        click.echo(changes_text(since), color=False if os.environ.get("NO_COLOR") else None)


def changes_text(since: Since) -> str:
    lines = [printable(compared_with(since))]
    for title, kinds in SECTIONS.items():
        found = since.of(*kinds)
        if found:
            lines.append(click.style(f"{title.capitalize()} ({len(found)})", bold=True,
                                     fg=COLOURS.get(title, "cyan")))
            lines += [printable(f"  {line(change)}") for change in found]
    if not since.changes:
        lines.append("  nothing")
    return "\n".join(lines)


def line(change: Change) -> str:
    day = f"{change.day:%a %d %b}  " if change.day else ""
    return f"{day}{change.company}, {change.role}: {change.what}"


def compared_with(since: Since) -> str:
    """The first line: since when, as of when, and what the journal was compared with."""
    base = since.base
    period = f"Since {since.day:%a %d %b %Y}, as of {since.today:%a %d %b %Y}"
    if base.commit is not None and base.committed is not None:
        return (f"{period}: the notes now, uncommitted edits included, against commit "
                f"{base.commit[:10]} of {base.committed:%a %d %b %Y}.")
    return (f"{period}: no history to compare with ({base.missing}); only what the notes say "
            "of the period.")


def changes_json(since: Since, root: Path) -> dict[str, Any]:
    base = since.base
    return {
        "since": since.day.isoformat(), "as_of": since.today.isoformat(),
        "commit": base.commit, "committed": base.committed and base.committed.isoformat(),
        "history": base.missing,
        "changes": [{"kind": str(c.kind), "application": f"{c.company}, {c.role}",
                     "key": c.application, "what": c.what,
                     "day": c.day and c.day.isoformat(),
                     "note": c.note.relative_to(root).as_posix(),
                     "before": c.before, "after": c.after} for c in since.changes],
    }
