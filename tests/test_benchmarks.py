"""The benchmark's generator writes journals the tool reads without a single problem."""

from __future__ import annotations

import sys

from conftest import REPO, run_fj

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import generate


def test_generated_journals_are_valid_and_the_same_for_the_same_seed(tmp_path):
    generate(20, tmp_path / "a")
    generate(20, tmp_path / "b")
    result = run_fj("check", str(tmp_path / "a"), "--strict", "--today", "2026-11-21")
    assert (result.exit_code, result.stderr) == (0, "checked 20 notes: no problems\n")
    notes_a = sorted((tmp_path / "a/notes").iterdir())
    assert [p.read_bytes() for p in notes_a] == [
        p.read_bytes() for p in sorted((tmp_path / "b/notes").iterdir())
    ]


def test_the_hugo_site_holds_the_same_bodies(tmp_path):
    from run import hugo_site

    from followup_journal.parse import split_front_matter

    generate(6, tmp_path / "journal")
    hugo_site(tmp_path / "journal", tmp_path / "site")
    for note in sorted((tmp_path / "journal/notes").glob("*.md")):
        page = (tmp_path / "site/content" / note.name).read_text("utf-8")
        assert page.endswith(split_front_matter(note.read_text("utf-8"))[1])
        assert page.startswith(f'---\ntitle: "{note.stem}"\ndate: {note.stem[:10]}\n---\n')
    assert {p.name for p in (tmp_path / "site/layouts").iterdir()} == {"single.html", "list.html"}
