"""Every `fj` command, and each of its options, is documented: in README.md's table of commands,
or on a docs/ page that talks of that command. And each command answers `--help`."""

from __future__ import annotations

import re

import click
import pytest
from conftest import REPO, run_fj

from followup_journal.cli import cli

README = (REPO / "README.md").read_text("utf-8")
PAGES = {path.name: path.read_text("utf-8") for path in sorted((REPO / "docs").glob("*.md"))}
ROWS = dict(re.findall(r"^\| `fj (\w+)(.*)$", README, re.MULTILINE))  # command: rest of its row
COMMANDS = sorted(cli.commands)
OPTIONS = [(name, option) for name in COMMANDS for param in cli.commands[name].params
           if isinstance(param, click.Option) for option in param.opts]


def written(option: str, text: str) -> bool:
    """Whether `option` is in `text` as itself, not as the start of a longer one (`--output`)."""
    return re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", text) is not None


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_has_a_row_in_the_readmes_table(command):
    assert command in ROWS, f"`fj {command}` is missing from README.md's table of commands"


def test_the_readmes_table_names_only_commands_that_exist():
    assert sorted(ROWS) == COMMANDS


@pytest.mark.parametrize(("command", "option"), OPTIONS)
def test_each_option_is_documented(command, option):
    pages = [name for name, text in PAGES.items() if f"fj {command}" in text]
    assert written(option, ROWS.get(command, "")) or any(written(option, PAGES[name])
                                                         for name in pages), (
        f"`fj {command} {option}` is in neither its row of README.md's table nor {pages}")


@pytest.mark.parametrize("option", [o for param in cli.params for o in param.opts])
def test_each_option_of_fj_itself_is_in_the_readme(option):
    assert written(option, README), f"`fj {option}` is not in README.md"


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("help_option", ["--help", "-h"])
def test_each_command_answers_help(command, help_option):
    done = run_fj(command, help_option)
    assert done.exit_code == 0, done.output
    assert done.output.startswith(f"Usage: fj {command} ")
    said = (cli.commands[command].help or "").split()[:4]  # its docstring's first words
    assert said and " ".join(said) in " ".join(done.output.split())
