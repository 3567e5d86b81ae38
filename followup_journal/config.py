"""Finding the journal and reading `journal.toml`, reporting every problem in it at once."""

from __future__ import annotations

import re
import tomllib
import zoneinfo
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from .errors import FjError, UsageProblem
from .problems import Problem, Severity, did_you_mean, has_errors
from .rules import DEFAULT_TIMINGS, RULES, WEEKDAYS, Timing
from .sourcetext import Unreadable, decode, read_file
from .tomlplaces import locate, locate_item, toml_error

CONFIG_NAME = "journal.toml"
DEFAULT_OUTPUT = "_site"
DEFAULT_EXCLUDE = ("README.md", "node_modules")


TOP_LEVEL_KEYS = ["timezone", "output", "exclude", "working_days"]
ARTICLE_KEYS = {"title", "link", "why", "for"}
DRAFT_DAYS_KEYS = ["due_within", "drop_overdue_after"]  # of `[drafts]`
MAX_HOURS = 520 * 7 * 24
MAX_WORKING_DAYS = 520 * 5  # ten years of them
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]  # as `date.weekday` numbers them
DAYS_EXAMPLE = '["mon", "tue", "wed", "thu", "fri"]'
NO_NAME = "no `name` in [me]: the drafts are signed with a placeholder until you set it"


class JournalNotFound(UsageProblem):
    """No journal where the user pointed, or above the current folder."""


class BrokenConfig(FjError):
    """The config has errors, so nothing is built or written: with defaults in place of what
    the user wrote, a build would sign every draft with a placeholder, or write the report into
    a folder they did not choose."""

    def __init__(self, consequence: str = "nothing was written") -> None:
        super().__init__(f"fix the errors in {CONFIG_NAME} first; {consequence}")


def refuse_broken(problems: list[Problem], consequence: str = "nothing was written") -> None:
    """Raise `BrokenConfig` when the config's problems hold an error."""
    if has_errors(problems):
        raise BrokenConfig(consequence)


@dataclass(frozen=True)
class Me:
    name: str = ""
    email: str = ""
    signature: str = ""


@dataclass(frozen=True)
class Article:
    """Something to share with a company or a person: a `[[articles]]` table."""

    title: str
    whom: str  # `for`: a company, or a person's name
    link: str = ""
    why: str = ""  # why it matters to them


@dataclass(frozen=True)
class DraftDays:
    """When drafts are written and removed: `[drafts]`. A draft is written for an item open
    now or due within `due_within` days, and an unedited one is removed once its item has
    been overdue for more than `drop_overdue_after` days."""

    due_within: int = 7
    drop_overdue_after: int = 30


@dataclass(frozen=True)
class Config:
    root: Path
    me: Me
    timezone: tzinfo
    output: Path
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    rules: Mapping[str, Timing] = field(default_factory=lambda: dict(DEFAULT_TIMINGS))
    articles: tuple[Article, ...] = ()
    drafts: DraftDays = DraftDays()


def find_journal(given: Path | None, cwd: Path) -> Path:
    """The journal root: `given` if it holds a config, else the nearest folder up from `cwd`.

    Absolute, so that every command sees the journal in one form: watchdog compares the paths
    it reports with the folder it watches once both are normalised, and `./notes` becomes
    `notes`, no longer below `.`. Not resolved: paths are still shown through the symbolic
    links and `..` the user typed.
    """
    if given is not None:
        named = given.parent if given.name == CONFIG_NAME else given  # as messages show it
        root = cwd / named
        if not root.is_dir():
            raise JournalNotFound(f"no folder {named}")
        if not (root / CONFIG_NAME).is_file():
            above = next((f for f in root.resolve().parents if (f / CONFIG_NAME).is_file()), None)
            hint = (f"it is inside the journal {above}: name that folder, or none from inside it"
                    if above else f"make a journal there with `fj init {named}`")
            raise JournalNotFound(f"no {CONFIG_NAME} in {named} ({hint})")
        return root
    for folder in (cwd, *cwd.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise JournalNotFound(f"no {CONFIG_NAME} in {cwd} or any folder above it (make a journal "
                          "with `fj init`, or name its folder)")


def today_in(config: Config) -> date:
    """Today where the journal is: its timezone decides, not the computer's."""
    return datetime.now(config.timezone).date()


def load_config(root: Path, local_timezone: Callable[[], tzinfo]) -> tuple[Config, list[Problem]]:
    """The journal's config and its problems; a bad value is reported and its default used."""
    path = root / CONFIG_NAME
    try:
        text = decode(read_file(path))
    except Unreadable as error:  # also gone for a moment (a checkout, a save by rename)
        return default_config(root, local_timezone), [
            Problem(path, error.line, error.col, error.message)
        ]
    checker = ConfigChecker(path, text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:  # nothing else can be read: say only that
        checker.problems.append(toml_error(path, checker.lines, error))
        return default_config(root, local_timezone), checker.problems
    me = checker.table(data, "me", ["name", "email", "signature"])
    top = checker.table({"": data}, "", [*TOP_LEVEL_KEYS, "me", "rules", "articles",
                                                   "drafts"])
    zone = checker.timezone(top.get("timezone"))
    if not me.get("name"):
        checker.report("me", "name", NO_NAME, Severity.WARNING)
    config = Config(
        root=root,
        me=Me(**{key: checker.text("me", key, value) for key, value in me.items()}),
        timezone=zone or local_timezone(),
        output=checker.output(root, top.get("output")),
        exclude=checker.patterns(top.get("exclude", list(DEFAULT_EXCLUDE))),
        rules=checker.rules(checker.table(data, "rules", list(RULES)),
                            checker.working_days(top.get("working_days"))),
        articles=checker.articles(top.get("articles", [])),
        drafts=checker.draft_days(checker.table(data, "drafts", DRAFT_DAYS_KEYS)),
    )
    return config, checker.problems


def default_config(root: Path, local_timezone: Callable[[], tzinfo]) -> Config:
    return Config(root, Me(), local_timezone(), root / DEFAULT_OUTPUT)


class ConfigChecker:
    """Checks config values, pinning each problem to the line where the key is written."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.split("\n")
        self.problems: list[Problem] = []

    def report(
        self, table: str, key: str, message: str, severity: Severity = Severity.ERROR
    ) -> None:
        line, col = locate(self.lines, table, key)
        self.problems.append(Problem(self.path, line, col, message, severity))

    def table(self, data: dict[str, Any], name: str, known: list[str]) -> dict[str, Any]:
        """The table `name` of `data`, with unknown keys warned about and left out."""
        table = data.get(name, {})
        if not isinstance(table, dict):
            self.report("", name, f"`{name}` should be a table: [{name}]")
            return {}
        where = f"[{name}]" if name else CONFIG_NAME
        for key in table:
            if key not in known:
                message = f"unknown key `{key}` in {where}{did_you_mean(key, known)}"
                if key in TOP_LEVEL_KEYS:
                    message += f"; `{key}` goes above the first [table] line"
                self.report(name, key, message, Severity.WARNING)
        return {key: value for key, value in table.items() if key in known}

    def text(self, table: str, key: str, value: Any) -> str:
        if value is None or isinstance(value, str):
            return value or ""
        self.report(table, key, f"`{key}` should be text in quotes")
        return ""

    def timezone(self, value: Any) -> tzinfo | None:
        if value is None:
            return None
        name = self.text("", "timezone", value)
        if not name:
            return None
        try:
            return zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            zones = {zone.lower(): zone for zone in zoneinfo.available_timezones()}
            exact = zones.get(name.lower())
            hint = f" (did you mean `{exact}`?)" if exact else did_you_mean(name, zones.values())
            self.report("", "timezone", f"unknown timezone {name!r}{hint}; use a name such as "
                                        "\"Europe/Berlin\" or \"America/New_York\"")
            return None

    def output(self, root: Path, value: Any) -> Path:
        """The report folder: inside the journal, and not the journal itself."""
        folder = root / (self.text("", "output", value) or DEFAULT_OUTPUT)
        inside = folder.resolve().is_relative_to(root.resolve())
        users_own = [root / name for name in ("notes", "themes", ".git")]
        if not inside or folder.resolve() == root.resolve() or any(
            folder.resolve().is_relative_to(own.resolve()) for own in users_own
        ):
            message = (f"`output` must be a folder of its own inside the journal (not the notes, "
                       f"themes or .git), not {value!r}")
            self.report("", "output", message)
            return root / DEFAULT_OUTPUT
        return folder

    def rules(self, tables: dict[str, Any], working_days: frozenset[int]) -> dict[str, Timing]:
        """Each rule's timing: the defaults, with the journal's working days and what
        `[rules.NAME]` changes."""
        timings = {name: replace(timing, working_days=working_days)
                   for name, timing in DEFAULT_TIMINGS.items()}
        for name, table in tables.items():
            where = f"rules.{name}"
            known = ["due", "late", "enabled", *(["answer_within"] if RULES[name].answers else []),
                     *(["separate"] if RULES[name].joins else [])]
            settings = self.table({where: table}, where, known)
            default = timings[name]
            due = self.duration(where, "due", settings.get("due", default.due))
            late = self.duration(where, "late", settings.get("late", default.late))
            if due is None or late is None:
                due, late = default.due, default.late  # already reported
            elif late < due:
                self.report(where, "late", f"`late` must not come before `due` in [{where}]")
                due, late = default.due, default.late
            answer_within = self.answer_within(where, settings.get("answer_within"))
            timings[name] = replace(default, due=due, late=late,
                                    enabled=self.flag(where, "enabled", settings, True),
                                    separate=self.flag(where, "separate", settings, False),
                                    answer_within=answer_within or default.answer_within)
        return timings

    def articles(self, value: Any) -> tuple[Article, ...]:
        """The `[[articles]]` tables: each needs a `title` and `for`; a `link` is a web address."""
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.report("", "articles", "`articles` should be tables: [[articles]]")
            return ()
        found = [self.article(index, table) for index, table in enumerate(value)]
        return tuple(article for article in found if article is not None)

    def article(self, index: int, table: dict[str, Any]) -> Article | None:
        """One `[[articles]]` table, its problems pinned to its keys (or its header)."""
        def report(key: str, message: str, severity: Severity = Severity.ERROR) -> None:
            line, col = locate_item(self.lines, "articles", index, key)
            self.problems.append(Problem(self.path, line, col, message, severity))

        for key in table.keys() - ARTICLE_KEYS:
            report(key, f"unknown key `{key}` in [[articles]]"
                        f"{did_you_mean(key, sorted(ARTICLE_KEYS))}", Severity.WARNING)
        texts = {}
        for key in sorted(ARTICLE_KEYS):
            text = table.get(key, "")
            if not isinstance(text, str):
                report(key, f"`{key}` should be text in quotes")
                text = ""
            texts[key] = text.strip()
        missing = [key for key in ("title", "for") if not texts[key]]
        for key in missing:
            report(key, f"an article needs a `{key}`: " + (
                "what it is called" if key == "title" else "the company or the person it "
                "matters to"))
        link = texts["link"]
        if link and not re.match(r"https?://\S+$", link):
            report("link", f"`link` should be a web address starting with https://, not {link!r}")
            link = ""
        return None if missing else Article(texts["title"], texts["for"], link, texts["why"])

    def draft_days(self, settings: dict[str, Any]) -> DraftDays:
        """`[drafts]`: each a whole number of days, 0 or more."""
        days = {}
        for key in DRAFT_DAYS_KEYS:
            default = getattr(DraftDays(), key)
            value = settings.get(key, default)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                self.report("drafts", key, f"`{key}` should be a whole number of days, like "
                                           f"{default}")
            elif value > MAX_HOURS // 24:
                self.report("drafts", key, f"`{key}` is longer than the longest job search: at "
                                           f"most {MAX_HOURS // 24} (ten years)")
            else:
                days[key] = value
        return DraftDays(**days)

    def flag(self, table: str, key: str, settings: dict[str, Any], default: bool) -> bool:
        value = settings.get(key, default)
        if isinstance(value, bool):
            return value
        self.report(table, key, f"`{key}` should be true or false")
        return default

    def answer_within(self, table: str, value: Any) -> int | None:
        """Working days in which an answer is expected: a whole number, at least 1."""
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.report(table, "answer_within", "`answer_within` should be a whole number of "
                                                "working days, like 10")
            return None
        if value > MAX_WORKING_DAYS:
            self.report(table, "answer_within", "`answer_within` is longer than the longest job "
                                                f"search: at most {MAX_WORKING_DAYS} (ten years)")
            return None
        return value

    def working_days(self, value: Any) -> frozenset[int]:
        """The days a person sends messages on, as `date.weekday` numbers them."""
        if value is None:
            return WEEKDAYS
        if not isinstance(value, list) or not all(isinstance(day, str) for day in value):
            self.report("", "working_days",
                        f"`working_days` should be a list of days, like {DAYS_EXAMPLE}")
            return WEEKDAYS
        unknown = [day for day in value if day.strip().lower() not in DAYS]
        for day in unknown:
            self.report("", "working_days", f"unknown day {day!r} in `working_days`"
                        f"{did_you_mean(day.strip().lower(), DAYS)}; use {', '.join(DAYS)}")
        if not value:
            self.report("", "working_days", "`working_days` must name at least one day, like "
                                            f"{DAYS_EXAMPLE}")
        if unknown or not value:
            return WEEKDAYS
        return frozenset(DAYS.index(day.strip().lower()) for day in value)

    def duration(self, table: str, key: str, value: Any) -> timedelta | None:
        if isinstance(value, timedelta):
            return value
        found = re.fullmatch(r"\s*(\d+)\s*([hdw])\s*", value) if isinstance(value, str) else None
        if found is None:
            self.report(table, key, f"`{key}` should be a duration like \"24h\", \"3d\" or \"4w\"")
            return None
        hours = int(found.group(1)) * {"h": 1, "d": 24, "w": 24 * 7}[found.group(2)]
        if hours > MAX_HOURS:
            self.report(table, key, f"`{key}` is longer than the longest job search: at most "
                                    "\"520w\" (ten years)")
            return None
        return timedelta(hours=hours)

    def patterns(self, value: Any) -> tuple[str, ...]:
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return tuple(value)
        self.report("", "exclude", "`exclude` should be a list of patterns, like [\"drafts/*\"]")
        return DEFAULT_EXCLUDE
