"""The shape of the code that docs/architecture.md describes: modules that import each other in
one direction only, and each importable on its own."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

PACKAGE = REPO / "followup_journal"
MODULES = sorted(path.stem for path in PACKAGE.glob("*.py") if path.stem != "__main__")


def imports_of(path: Path) -> set[str]:
    """The package's modules that `path` imports, at its top or inside a function; not those
    imported only for type hints (`if TYPE_CHECKING:`)."""
    found: set[str] = set()

    class Imports(ast.NodeVisitor):
        def visit_If(self, node: ast.If) -> None:
            if isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
                for statement in node.orelse:
                    self.visit(statement)
            else:
                self.generic_visit(node)

        def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
            if node.level == 1:
                found.update([node.module.split(".")[0]] if node.module
                             else (alias.name for alias in node.names))

    Imports().visit(ast.parse(path.read_text("utf-8")))
    return (found & set(MODULES)) - {path.stem}


def test_no_module_imports_one_that_imports_it_back():
    graph = {name: imports_of(PACKAGE / f"{name}.py") for name in MODULES}
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> None:
        if name in path:
            pytest.fail("import circle: " + " -> ".join([*path[path.index(name):], name]))
        if name not in done:
            for imported in sorted(graph[name]):
                visit(imported, [*path, name])
            done.add(name)

    for name in MODULES:
        visit(name, [])


def test_each_module_imports_on_its_own():
    code = "; ".join(f"import followup_journal.{name}" for name in MODULES)
    for name in MODULES:  # one interpreter per module: another's imports must not hide a gap
        done = subprocess.run([sys.executable, "-c", f"import followup_journal.{name}"],
                              capture_output=True, text=True)
        assert done.returncode == 0, f"{name}: {done.stderr}"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
