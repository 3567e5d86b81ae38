"""Themes: the Jinja2 environment that renders the report, and Markdown made safe for it.

A journal overrides any template of the default theme by putting a file of the same name in its
own `themes/` folder; `{% extends "default/base.html" %}` reaches the default one underneath.
Jinja and markdown-it are imported when first used: a build with nothing to do never needs them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import FjError

if TYPE_CHECKING:
    import jinja2
    from markdown_it import MarkdownIt
    from markupsafe import Markup

PACKAGE = Path(__file__).resolve().parent


def default_theme() -> Path:
    """The default theme: inside the installed package, else at the top of a source checkout."""
    for candidate in (PACKAGE / "themes" / "default", PACKAGE.parent / "themes" / "default"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the default theme is missing from this installation")


def environment(journal_themes: Path, compiled: Path | None = None) -> jinja2.Environment:
    """The templates of the journal's themes over the default theme; compiled templates are kept
    in the folder `compiled`, when given, for the next process."""
    import jinja2

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
    )
    env.filters["markdown"] = markdown
    env.filters["shortdate"] = lambda day: f"{day:%a} {day.day} {day:%b}"
    env.filters["longdate"] = lambda day: f"{day:%A} {day.day} {day:%B %Y}"
    return env


def _bytecode_cache(folder: Path | None) -> jinja2.BytecodeCache | None:
    import jinja2

    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


@cache
def _markdown() -> MarkdownIt:
    # Notes are data: raw HTML is shown as text, and links go through markdown-it's own check,
    # which refuses javascript:, vbscript:, file: and data:. Images are off: one would load from
    # the network when the report is opened.
    from markdown_it import MarkdownIt

    return (MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
            .disable("image"))


def markdown(text: str) -> Markup:
    from markupsafe import Markup

    return Markup(_markdown().render(text))


class ThemeError(FjError):
    """A template of the theme could not be used."""


@contextmanager
def theme_errors() -> Iterator[None]:
    """A template of the theme that fails becomes one message with its file and line."""
    import jinja2

    try:
        yield
    except jinja2.TemplateSyntaxError as error:
        raise ThemeError(f"{error.filename}:{error.lineno}: {error.message}") from None
    except jinja2.TemplateError as error:
        raise ThemeError(f"the theme could not render the report: {error}") from None
