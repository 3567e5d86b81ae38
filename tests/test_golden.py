"""The whole sample report, file by file, against checked-in expected files.

When a change to the report is intended, regenerate the expected files and review the diff:

    FJ_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py
    git diff tests/golden/
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

from conftest import REPO, SAMPLE, run_fj

GOLDEN = REPO / "tests" / "golden" / "sample-site"
TODAY = "2026-11-21"


def files_of(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_sample_report_matches_the_expected_files(tmp_path):
    site = tmp_path / "site"
    result = run_fj("build", str(SAMPLE), "--out", str(site), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert_as_expected(files_of(site), GOLDEN)


def assert_as_expected(built: dict[str, bytes], golden: Path) -> None:
    """Each file as in `golden`, none added or missing; with FJ_UPDATE_GOLDEN set, `golden`
    is first rewritten from `built`."""
    if os.environ.get("FJ_UPDATE_GOLDEN"):
        shutil.rmtree(golden, ignore_errors=True)
        for name, data in built.items():
            (golden / name).parent.mkdir(parents=True, exist_ok=True)
            (golden / name).write_bytes(data)
    expected = files_of(golden)
    assert sorted(built) == sorted(expected), "files added or missing"
    for name, data in built.items():
        if data != expected[name]:
            diff = difflib.unified_diff(expected[name].decode().splitlines(),
                                        data.decode().splitlines(), f"expected/{name}",
                                        f"built/{name}", lineterm="", n=2)
            raise AssertionError("\n".join(list(diff)[:60]))
