"""Themes: the Jinja2 environment that renders the report, and Markdown made safe for it.

A journal overrides any template of the default theme by putting a file of the same name in its
own `themes/` folder; `{% extends "default/base.html" %}` reaches the default one underneath.
Jinja and markdown-it are imported when first used: a build with nothing to do never needs them.
"""

from __future__ import annotations

import re
import types
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from .errors import FjError
from .markdown import to_html, unlinked_html
from .problems import shown

if TYPE_CHECKING:
    import jinja2

    from .checklist import Item

PACKAGE = Path(__file__).resolve().parent
TRACEBACK_LINE = re.compile(r'File "([^"]+)", line (\d+)')


def default_theme() -> Path:
    """The default theme: inside the installed package, else at the top of a source checkout."""
    for candidate in (PACKAGE / "themes" / "default", PACKAGE.parent / "themes" / "default"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the default theme is missing from this installation")


def environment(journal_themes: Path, compiled: Path | None = None,
                shared: bool = False) -> jinja2.Environment:
    """The templates of the journal's themes over the default theme; compiled templates are kept
    in the folder `compiled`, when given, for the next process. `shared`: for the copy for a
    coach, whose Markdown shows no links."""
    import jinja2

    from .fragments import FragmentCache

    default = jinja2.FileSystemLoader(default_theme())
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([
            jinja2.FileSystemLoader(journal_themes),
            default,
            jinja2.PrefixLoader({"default": default}),
        ]),
        autoescape=jinja2.select_autoescape(["html", "xml", "svg"]),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        auto_reload=False,  # templates do not change during a build: no stat per lookup
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=_bytecode_cache(compiled),
        extensions=[FragmentCache],
    )
    env.filters.update(markdown=markdown_unlinked if shared else markdown, shortdate=shortdate,
                       longdate=longdate, timetag=timetag, state_badge=state_badge,
                       days_ago=days_ago, due_words=due_words, role=role_name)
    return env


# Filters. The small pieces printed for every item and date are Python functions rather than
# template macros: a macro call costs Jinja many times more, and the index pages make thousands.


def role_name(role: str | None) -> str:
    """`hiring-manager` as a person says it: `Hiring manager`; nothing for no role."""
    return role.replace("-", " ").capitalize() if role else ""


def shortdate(day: date) -> str:
    return _shortdate_of_day(day) if type(day) is date else _shortdate(day)


def _shortdate(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def longdate(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def timetag(day: date) -> Markup:
    """`<time datetime="2026-11-19">Thu 19 Nov</time>`."""
    return _timetag_of_day(day) if type(day) is date else _timetag(day)


def _timetag(day: date) -> Markup:
    return Markup(f'<time datetime="{day.isoformat()}">{_shortdate(day)}</time>')


# A journal has a few hundred days, and its pages 200,000 dates: each day is formatted once. Only
# days: two times equal as instants (in different timezones) are different dates on a page.
_shortdate_of_day = cache(_shortdate)
_timetag_of_day = cache(_timetag)


def state_badge(item: Item) -> Markup:
    """The state of an item as a word (done, due, overdue, upcoming): the colour only repeats
    it."""
    state = escape(item.state)
    return Markup(f'<span class="state state-{state.replace(" ", "-")}">{state}</span>')


def days_ago(day: date, today: date) -> str:
    """`3 days ago`, `1 day ago`."""
    days = (today - day).days
    return f"{days} day{'' if days == 1 else 's'} ago"


def due_words(item: Item, today: date) -> Markup:
    """`due since <time>Fri 11 Dec</time>`, `due today`, `due <time>…</time>, 3 days ago`,
    `done <time>…</time>` (`wording.due_parts`)."""
    from .wording import due_parts

    before, day, after = due_parts(item, today)
    return Markup(f"{escape(before)} {timetag(day)}{escape(after)}" if day else
                  f"{escape(before)}{escape(after)}")


def _bytecode_cache(folder: Path | None) -> jinja2.BytecodeCache | None:
    import jinja2

    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def markdown(text: str) -> Markup:
    """A note's body as HTML (`markdown.to_html`)."""
    return Markup(to_html(text))


def markdown_unlinked(text: str) -> Markup:
    """A note's body as HTML whose links show as their text only (`markdown.unlinked_html`)."""
    return Markup(unlinked_html(text))


class ThemeError(FjError):
    """A template of the theme could not be used."""


@contextmanager
def theme_errors() -> Iterator[None]:
    """A template of the theme that fails becomes one message with its file and line."""
    import jinja2

    try:
        yield
    except jinja2.TemplateSyntaxError as error:
        where = shown(error.filename) if error.filename else error.name
        raise ThemeError(f"{where}:{error.lineno}: {error.message}") from None
    except jinja2.TemplateNotFound as error:  # an OSError too, but the theme's mistake
        where = template_line(error) or "the theme"
        raise ThemeError(f"{where}: there is no template {error.name!r}, in themes/ or in the "
                         "default theme") from None
    except (OSError, FjError):
        raise  # the disk, or the output folder: not the theme
    except jinja2.TemplateError as error:  # an undefined value, most often
        where = template_line(error)
        raise ThemeError(f"{where}: {error}" if where else
                         f"the theme could not render the report: {error}") from None
    except Exception as error:
        where = template_line(error)
        if where is None:
            raise  # not from a template line: the tool's own mistake, with its traceback
        raise ThemeError(f"{where}: {error} ({type(error).__name__})") from None


def template_line(error: BaseException) -> str | None:
    """`file:line` of the template line that raised `error`: from the traceback, into which
    Jinja puts template lines, or from its text when a worker process raised it."""
    frames: list[tuple[str, int | str]] = list(_frames(error.__traceback__))
    if error.__cause__ is not None:  # multiprocessing's RemoteTraceback: the worker's, as text
        frames += TRACEBACK_LINE.findall(str(error.__cause__))
    found = [f"{shown(name)}:{line}" for name, line in frames
             if not name.endswith(".py") and not name.startswith("<")]
    return found[-1] if found else None


def _frames(tb: types.TracebackType | None) -> Iterator[tuple[str, int]]:
    """Each frame's file and line. A template's compiled code runs under the template's name
    but with lines of its own: Jinja maps them back when it rewrites a traceback, which it does
    not for a template used as a module (drafts), so it is done here the way Jinja does it."""
    while tb is not None:
        template = tb.tb_frame.f_globals.get("__jinja_template__")
        if template is not None and template.filename:
            yield template.filename, template.get_corresponding_lineno(tb.tb_lineno)
        else:
            yield tb.tb_frame.f_code.co_filename, tb.tb_lineno
        tb = tb.tb_next
