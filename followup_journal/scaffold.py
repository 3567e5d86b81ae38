"""Writing new files for the user: a journal (`fj init`), a note (`fj new`). Never overwrites."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from pathlib import Path

import jinja2

from .config import CONFIG_NAME, Config, today_in
from .dates import parse_when
from .errors import FjError, UsageProblem
from .model import UNWRITTEN, FollowUpKind, Role, Stage, Status
from .problems import shown
from .schema import NOT_ONE_LINE, control_characters
from .slugs import slug

SKELETON = Path(__file__).parent / "skeleton"
NOTES_FOLDER = "notes"
YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}
PLAIN_YAML = re.compile(r"[^\W\d_][\w .,&'()/+-]*")


class WouldOverwrite(FjError):
    """The tool was asked to write where a file already is."""


@dataclass(frozen=True)
class NewNote:
    company: str
    role: str = ""
    date_text: str = ""
    stage: Stage | None = None
    interviewers: tuple[str, ...] = ()


def init_journal(folder: Path, today: date, timezone: str, name: str = "") -> list[Path]:
    """Create a journal in `folder`: config, .gitignore, and an example note. Returns the paths."""
    files = {
        folder / CONFIG_NAME: render("journal.toml.j2", timezone=timezone, name=name),
        folder / NOTES_FOLDER / f"{today}-example-co-backend-engineer.md": render(
            "example.md.j2", today=today, next_week=today + timedelta(days=7)
        ),
    }
    existing = [path for path in files if path.exists()]
    if existing:
        raise WouldOverwrite(f"{existing[0]} already exists: not touching an existing journal")
    for path in files:
        if any(parent.exists() and not parent.is_dir() for parent in path.parents):
            raise WouldOverwrite(f"cannot make {path}: a file is in the way")
    gitignore = folder / ".gitignore"
    if not gitignore.exists():  # a git repository's own .gitignore is the user's to edit
        files[gitignore] = (SKELETON / "gitignore").read_text("utf-8")
    for path, text in files.items():
        write_new(path, text)
    return list(files)


def refuse_unreadable(spec: NewNote) -> None:
    """Refuse, before the journal is even looked for, a note that would not be read back: one
    without a company, with an empty interviewer, or with a control character (a line break) in
    its company, role or an interviewer's name."""
    if not spec.company.strip() or not all(name.strip() for name in spec.interviewers):
        raise UsageProblem("the company and every --with name need some text")
    for option, text in [("COMPANY", spec.company), ("--role", spec.role),
                         *(("--with", name) for name in spec.interviewers)]:
        problem = control_characters(text, NOT_ONE_LINE)
        if problem:  # the note would not be read
            raise UsageProblem(f"{option}: {problem}")


def write_note(config: Config, spec: NewNote, today: date | None) -> Path:
    """`new_note` in the journal of `config`, as of `today` (default: the journal's today); a
    date it cannot read is a usage problem."""
    try:
        return new_note(config.root, spec, today or today_in(config), config.timezone)
    except ValueError as error:
        raise UsageProblem(f"--date: {error}") from None


def new_note(root: Path, spec: NewNote, today: date, tz: tzinfo) -> Path:
    """Write a note for `spec` under the journal's notes folder and return its path.

    Raises ValueError for a date we cannot read, WouldOverwrite if the note exists.
    """
    when = parse_when(spec.date_text, tz) if spec.date_text else None
    day = when.day if when else today
    parts = [day.isoformat(), slug(spec.company) or "interview", slug(spec.role), spec.stage or ""]
    path = root / NOTES_FOLDER / ("-".join(part for part in parts if part) + ".md")
    text = render(
        "note.md.j2",
        company=spec.company,
        role=spec.role,
        date=spec.date_text.strip() or today.isoformat(),
        stage=spec.stage,
        status=Status.SCHEDULED if (when.day_in(tz) if when else day) > today else Status.WAITING,
        interviewers=spec.interviewers,
        stages=list(Stage),
        statuses=[status for status in Status if status not in UNWRITTEN],
        roles=list(Role),
        kinds=list(FollowUpKind),
    )
    if path.exists():
        raise WouldOverwrite(f"{shown(path)} already exists: edit it, or give another --date, "
                             "--role or --stage")
    write_new(path, text)
    return path


def yaml_scalar(text: str) -> str:
    """`text` as a YAML scalar that every YAML reader takes as the same string."""
    if PLAIN_YAML.fullmatch(text) and text.lower() not in YAML_WORDS and text == text.strip():
        return text
    return quoted(text)


def quoted(text: str) -> str:
    """`text` in double quotes, escaped so that both YAML and TOML read it back exactly."""
    escaped = []
    for char in text:
        if char in '"\\':
            escaped.append("\\" + char)
        elif char.isprintable():
            escaped.append(char)
        elif ord(char) < 0x10000:
            escaped.append(f"\\u{ord(char):04x}")
        else:
            escaped.append(f"\\U{ord(char):08x}")
    return '"' + "".join(escaped) + '"'



def render(template: str, **values: object) -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(SKELETON),
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # these are YAML and TOML files; values go through the filters
    )
    env.filters["yaml"] = yaml_scalar
    env.filters["toml"] = quoted
    return env.get_template(template).render(**values)


def write_new(path: Path, text: str) -> None:
    """Create `path` with `text`; fails rather than replace a file that appeared meanwhile."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as file:
            file.write(text)
    except FileExistsError:
        raise WouldOverwrite(f"{path} already exists") from None
