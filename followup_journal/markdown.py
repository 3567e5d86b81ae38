"""A note's body as HTML, made safe: markdown-it-py's HTML, by markdown-it-pyrs where it is
installed and gives the same HTML.

markdown-it-pyrs (Rust) renders a body many times faster, but differs from markdown-it-py on a
few inputs, found by rendering the CommonMark spec, markdown-it's fixtures and adversarial bodies
with both. A body that has any of them is rendered by markdown-it-py, as is every body where
markdown-it-pyrs is not installed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import markdown_it
    import markdown_it_pyrs

# markdown-it-py's "commonmark" preset with tables and strikethrough, less raw HTML and images.
RULES = ["blockquote", "code", "fence", "heading", "hr", "lheading", "list", "paragraph",
         "reference", "autolink", "backticks", "emphasis", "entity", "escape", "link", "newline",
         "table", "strikethrough"]

# What markdown-it-pyrs does otherwise:
# - it trims and sees as space only ASCII whitespace, not these;
OTHER_SPACE = re.compile("[\x0b\x0c\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f"
                         "\u3000]")
NON_ASCII = re.compile(r"[^\x00-\x7f]")
# - it takes a symbol beside `*`, `_` or `~` (`*€*`) for a letter, not for punctuation;
DELIMITER = re.compile(r"[*_~]")
# - it writes a host name that is not ASCII with % escapes, not in punycode, and shows an
#   autolink's % escapes and punycode as written, not decoded;
NON_ASCII_HOST = re.compile(r"(?://|@|<)[^\s<>()\[\]]*?[^\x00-\x7f]")
ESCAPED_AUTOLINK = re.compile(r"<[^\s<>]*(?:%|xn--)[^\s<>]*>", re.IGNORECASE)
# - it reads a line ending with a backslash otherwise (in a link's title, before a table's row
#   or a list), as it does a line ending in a lone CR; it takes a line whose only
#   pipe is escaped (`\\|`) before `---` for a heading, not for a table's header row;
BACKSLASH_LINE_END = re.compile(r"\\\r?\n")
# - it ends the last line of a code fence left open at the end of the text with a newline;
FENCE = re.compile("```|~~~")
# - it sees NUL as a letter, where markdown-it-py first makes it U+FFFD, a symbol;
# - it fails (a Rust panic, written to stderr) on a code span left open inside a link's text;
# - it reads a table of one column otherwise: a row of dashes below a line, one or both with a
#   pipe or a colon;
ONE_COLUMN_ROW = re.compile(r"^(?=([^\n]*\n[ \t>]*\|?[ \t]*:?-+:?[ \t]*\|?[ \t]*$))", re.MULTILINE)
# - it reads a list item after a line of a blockquote as more of the quote's paragraph where the
#   item may not start a list there (`2.`, or empty);
ITEM_AFTER_QUOTE = re.compile(r"^[^\n]*>[^\n]*\n[ \t>]*(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)",
                              re.MULTILINE)
# - it writes an empty blockquote on two lines, and a newline between the text of an item of a
#   tight list and a code block after it;
EMPTY_QUOTE = "<blockquote>\n</blockquote>"
# - and it has no limit of nesting, where markdown-it-py stops at 20 blocks one in another.
CONTAINER = re.compile(r"<(/?)(?:blockquote|ol|ul|li)\b")
DEEP = 16
CODE_BLOCK = "\n<pre>"
BLOCK_END = ("</p>", "</pre>", "</h1>", "</h2>", "</h3>", "</h4>", "</h5>", "</h6>", "<hr />",
             "</table>", "</ul>", "</ol>", "</blockquote>", "<blockquote>", "<li>")


def to_html(text: str) -> str:
    """`text` as markdown-it-py renders it: raw HTML shown as text, links checked."""
    fast = _fast()
    if fast is not None and fast_agrees(text):
        html = fast.render(text)
        if EMPTY_QUOTE not in html and not _deep(html) and not _code_after_text(html):
            return html
    return _reference().render(text)


def fast_agrees(text: str) -> bool:
    """Whether `text` has none of the shapes markdown-it-pyrs renders otherwise."""
    if NON_ASCII.search(text) is not None:
        if OTHER_SPACE.search(text) or NON_ASCII_HOST.search(text):
            return False
        if DELIMITER.search(text) and any(
                unicodedata.category(c)[0] == "S" for c in set(NON_ASCII.findall(text))):
            return False
    if "<" in text and ESCAPED_AUTOLINK.search(text):
        return False
    if "\r" in text or BACKSLASH_LINE_END.search(text):
        return False
    if not text.endswith("\n") and FENCE.search(text):
        return False
    if ">" in text and ITEM_AFTER_QUOTE.search(text):
        return False
    if ("|" in text or ":" in text) and any(
            "|" in row[1] or ":" in row[1] for row in ONE_COLUMN_ROW.finditer(text)):
        return False
    return "\0" not in text and "\\|" not in text and not ("[" in text and "`" in text)


def _code_after_text(html: str) -> bool:
    start = html.find(CODE_BLOCK)
    while start != -1:
        if not html.endswith(BLOCK_END, 0, start):
            return True
        start = html.find(CODE_BLOCK, start + 1)
    return False


def _deep(html: str) -> bool:
    if html.count("<") < 2 * DEEP:
        return False
    depth = 0
    for tag in CONTAINER.finditer(html):
        depth += -1 if tag[1] else 1
        if depth >= DEEP:
            return True
    return False


def unlinked_html(text: str) -> str:
    """A body as HTML whose links show as their text only, and where `<https://…>` is not made a
    link: for the copy of the report to share (`share.py`). By markdown-it-py alone."""
    return _unlinked().render(text)


@cache
def _unlinked() -> markdown_it.MarkdownIt:
    md = _rules().disable("autolink")
    for rule in ("link_open", "link_close"):
        md.add_render_rule(rule, lambda *args: "")
    return md


@cache
def _reference() -> markdown_it.MarkdownIt:
    return _rules()


def _rules() -> markdown_it.MarkdownIt:
    # Notes are data: raw HTML is shown as text, and links go through markdown-it's own check,
    # which refuses javascript:, vbscript:, file: and data:. Images are off: one would load from
    # the network when the report is opened.
    from markdown_it import MarkdownIt

    return (MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
            .disable("image"))


@cache
def _fast() -> markdown_it_pyrs.MarkdownIt | None:
    try:
        from markdown_it_pyrs import MarkdownIt
    except ImportError:  # no wheel for this platform or Python
        return None
    return MarkdownIt("zero").enable_many(RULES)  # type: ignore[arg-type]
