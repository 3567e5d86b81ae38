"""The floor: the least any tool doing this job must do. `floor.py JOURNAL OUT`

Reads every note, parses its front matter (libyaml), renders its Markdown, and writes one page
per note with Jinja2. No validation, rules, drafts or index pages: `fj build` is measured
against this.
"""

from __future__ import annotations

import sys
from pathlib import Path

import jinja2
import yaml
from markdown_it import MarkdownIt
from markupsafe import Markup

PAGE = jinja2.Environment(autoescape=True).from_string(
    "<!doctype html><title>{{ fm.company }}</title><h1>{{ fm.company }}, {{ fm.role }}</h1>"
    "{% for person in fm.interviewers %}<p>{{ person.name }}</p>{% endfor %}{{ body }}"
)


def main(journal: Path, out: Path) -> None:
    markdown = MarkdownIt("commonmark", {"html": False})
    out.mkdir(parents=True, exist_ok=True)
    for path in sorted((journal / "notes").glob("*.md")):
        _, front, body = path.read_text("utf-8").split("---\n", 2)
        fm = yaml.load(front, Loader=yaml.CSafeLoader)
        html = PAGE.render(fm=fm, body=Markup(markdown.render(body)))
        (out / f"{path.stem}.html").write_text(html, "utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
