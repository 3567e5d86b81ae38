"""`fj log` on notes written in many YAML styles (generated in `logfuzz.py`): the edit reads back
as the note plus exactly the entry, with every other byte as it was, or is refused cleanly."""

from __future__ import annotations

import pytest
from logfuzz import run_cli, run_pure


@pytest.mark.parametrize("block", range(4))
def test_each_edit_adds_only_the_entry(block):
    wrong = [(seed, problem) for seed in range(block * 100, block * 100 + 100)
             for _, problem in [run_pure(seed)] if problem]
    assert wrong == []


def test_fj_log_adds_only_the_entry_or_refuses_with_nothing_written(tmp_path):
    outcomes = [run_cli(seed, tmp_path / str(seed)) for seed in range(40)]
    assert [problem for _, problem in outcomes if problem] == []
    assert sum(outcome == "logged" for outcome, _ in outcomes) >= 10
