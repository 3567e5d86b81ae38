"""A note's body is the same HTML through markdown-it-pyrs as through markdown-it-py, the
reference: every body of the sample journal and of a generated journal, adversarial bodies, and
bodies made of Markdown's pieces at random."""

from __future__ import annotations

import sys

import pytest
from conftest import REPO, SAMPLE
from hypothesis import given, settings
from hypothesis import strategies as st

from followup_journal import markdown
from followup_journal.parse import split_front_matter
from followup_journal.theme import markdown as markdown_filter

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import generate

pytest.importorskip("markdown_it_pyrs")

ADVERSARIAL = [
    "<b>bold</b> <script>alert(1)</script>\n", "<div>\nraw\n</div>\n", "<!-- hidden -->\n",
    "[a](javascript:alert(1)) [b](JAVASCRIPT:x) [c](vbscript:x) [d](data:text/html,x) "
    "[e](file:///etc/passwd) [f](data:image/png;base64,xx)\n",
    "<javascript:alert(1)> <https://example.com/jobs> <ana@example.com> <a%41@b.com>\n",
    "<http://example.com/\u03b1%CE%B2> <http://xn--n3h.net/> [x](http://☃.net/)\n",
    "[m](mailto:a@ü.de)\n",
    "&amp; &copy; &#x27; &bogus; &#0; &#x110000; &ngE; &nbsp;x\n",
    "- a\n  - b\n    1. c\n    2) d\n- e\n\n  > quoted\n", "> " * 25 + "deep\n",
    "".join("  " * depth + "- level\n" for depth in range(25)), ">\n", "> [r]: /x\n",
    "| a | b |\n|:--|--:|\n| 1 | 2 | 3 |\n| \\| |\n", "a |\n---\n", "a\n| - |\n", "a\n:-:\nb\n",
    "| →\n---\n",
    "```py\nx < y\n```\n", "~~~\nopen fence", "- item\n  ```\n  code\n  ```\n", "    indented\n",
    "漢字 *強調*。**太字**です\u3000全角\n", "\u00a0*a*\u00a0\n", "*€*x **£** ~~¥~~ _🎉_ *✓*\n",
    "*a **b** c* **a* *a** _a_b __a__b ***x*** ~~s~~ ~t~\n", "a\\\nb  \nc\n", "a\x00*b*\n",
    "a\rb\r\n", "a [`b\n", "> a\n2) b\n", "- > a\n  -\n", "[`code`](https://example.com) [x]`y`\n",
    "\\| [x]\n",
    '[foo]: /url "\nhello\n\\\nworld\n"\n\n[foo]\n', "![image](http://example.com/i.png)\n",
]


def bodies_of(folder):
    return [split_front_matter(path.read_text("utf-8"))[1]
            for path in sorted((folder / "notes").glob("*.md"))]


def reference(text: str) -> str:
    return markdown._reference().render(text)


def test_sample_and_generated_bodies_render_as_markdown_it_py_does_and_fast(tmp_path):
    generate(300, tmp_path / "journal")
    bodies = bodies_of(SAMPLE) + bodies_of(tmp_path / "journal")
    assert [markdown.to_html(body) for body in bodies] == [reference(body) for body in bodies]
    assert all(markdown.fast_agrees(body) for body in bodies)  # markdown-it-pyrs renders them


@pytest.mark.parametrize("text", ADVERSARIAL)
def test_adversarial_bodies_render_as_markdown_it_py_does(text, capfd):
    assert markdown.to_html(text) == reference(text)
    assert capfd.readouterr().err == ""  # no panic of markdown-it-pyrs, caught or not


def test_notes_stay_data_through_either_renderer():
    text = "<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>\n"
    html = str(markdown_filter(text))
    assert markdown.fast_agrees(text)
    assert "<script" not in html and "<img" not in html and "href" not in html
    assert html == reference(text)


def test_without_markdown_it_pyrs_markdown_it_py_renders(monkeypatch):
    monkeypatch.setitem(sys.modules, "markdown_it_pyrs", None)  # as where no wheel installs
    monkeypatch.setattr(markdown, "_fast", markdown._fast.__wrapped__)
    assert markdown._fast() is None
    assert markdown.to_html("*a* <b>\n") == "<p><em>a</em> &lt;b&gt;</p>\n"


PIECES = ["*", "**", "_", "__", "~~", "`", "``", "[", "]", "](", "]: ", "(", ")", "<", ">", "\n",
          "\n\n", "\\", "\\\n", "  \n", "&amp;", "&copy;", "&#123;", "&bogus;", "# ", "- ", "1. ",
          "> ", "    ", "\t", "```", "~~~", "---", "|", " | ", "|---|", ":-:", "\\|", "http://",
          "https://ex.com/a?b=c", "mailto:", "javascript:", "@", "%", "%20", "xn--", '"',
          "<script>", "<b>", "word", "Müller", "日本語", "é", "€", "🎉", "—", "«", "\u3000", "\xa0",
          "\r\n", "\x00"]


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=40))
def test_random_bodies_render_as_markdown_it_py_does(pieces):
    text = "".join(pieces)
    assert markdown.to_html(text) == reference(text)
