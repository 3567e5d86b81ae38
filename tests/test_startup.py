"""Commands that do little import little: what each imports, as Python reports it, never how long
it took."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import SAMPLE

HEAVY = {"yaml", "jinja2", "markupsafe", "markdown_it", "markdown_it_pyrs", "icalendar",
         "watchdog", "tzlocal"}


def imported(*args: str) -> set[str]:
    """The modules `python -m followup_journal ARGS` imports (from `-X importtime`)."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "followup_journal", *args],
                          capture_output=True, text=True, check=True)
    return {line.rpartition("|")[2].strip() for line in done.stderr.splitlines()
            if line.startswith("import time:")}


@pytest.mark.parametrize("option", ["--help", "--version"])
def test_help_and_version_import_only_the_command_line(option):
    modules = imported(option)
    assert {name for name in modules if name.startswith("followup_journal")} == {
        "followup_journal", "followup_journal.cli", "followup_journal.errors",
        "followup_journal.stages"}
    assert not modules & HEAVY


def test_a_build_with_nothing_to_do_imports_no_template_yaml_or_markdown_reader(tmp_path):
    journal = tmp_path / "journal"
    shutil.copytree(SAMPLE, journal, ignore=shutil.ignore_patterns("_site"))
    build = ["build", str(journal), "--today", "2026-11-21"]
    assert "jinja2" in imported(*build)  # the first build renders the report
    modules = imported(*build)
    assert not modules & (HEAVY - {"markupsafe"})
    assert not {"followup_journal.builder", "followup_journal.parse", "followup_journal.site"} & (
        modules)
