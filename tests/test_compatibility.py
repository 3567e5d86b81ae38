"""Notes stay portable: python-frontmatter, the reader many static-site tools use, reads our notes
as we do, so a user can take their journal to other tools."""

from __future__ import annotations

import frontmatter
import pytest
from conftest import SAMPLE, parse

SAMPLE_NOTES = sorted((SAMPLE / "notes").glob("*.md"))


@pytest.mark.parametrize("path", SAMPLE_NOTES, ids=[path.name for path in SAMPLE_NOTES])
def test_sample_notes_read_the_same_in_python_frontmatter(path):
    ours = parse(path.read_bytes()).note
    theirs = frontmatter.loads(path.read_text("utf-8"))
    assert set(theirs.metadata) == {key for key in ours.where if "." not in key and "[" not in key}
    assert theirs["company"] == ours.note.company
    assert theirs.content == ours.body.strip()
