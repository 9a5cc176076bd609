"""The code's shape, checked: no module over 700 lines, no class over 40 methods, no import cycle in ``kg``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parent.parent / "kg"
MODULES = sorted(KG.rglob("*.py"))
MAX_LINES = 700
MAX_METHODS = 40


def module_name(path: Path) -> str:
    parts = path.relative_to(KG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULE_NAMES = frozenset(module_name(p) for p in MODULES)


def top_level_imports(path: Path) -> set[str]:
    """The ``kg`` modules a module imports when it is loaded (not inside functions or ``TYPE_CHECKING``); "from kg
    import x" is the submodule ``kg.x`` when there is one."""
    found: set[str] = set()
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef) or (
            isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        ):
            continue
        for sub in ast.walk(node):
            if isinstance(sub, ast.Import):
                found |= {a.name for a in sub.names if a.name.split(".")[0] == "kg"}
            elif isinstance(sub, ast.ImportFrom) and sub.module == "kg":
                found |= {f"kg.{a.name}" for a in sub.names if f"kg.{a.name}" in MODULE_NAMES}
            elif isinstance(sub, ast.ImportFrom) and sub.module and sub.module.split(".")[0] == "kg":
                found.add(sub.module)
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles of ``graph`` (module -> modules it imports), each as a path back to its start.

    >>> cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}})
    [['a', 'b', 'a']]
    >>> cycles({"a": {"b"}, "b": set()})
    []
    """
    found: list[list[str]] = []
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> None:
        if node in path:
            found.append([*path[path.index(node) :], node])
            return
        if node in done:
            return
        for nxt in sorted(graph.get(node, ())):
            visit(nxt, [*path, node])
        done.add(node)

    for start in sorted(graph):
        visit(start, [])
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(KG)))
def test_no_module_is_over_the_line_limit(path: Path) -> None:
    assert len(path.read_text().splitlines()) <= MAX_LINES


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(KG)))
def test_no_class_has_too_many_methods(path: Path) -> None:
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ClassDef):
            methods = [n for n in node.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
            assert len(methods) <= MAX_METHODS, f"{node.name} has {len(methods)} methods"


def test_the_package_has_no_import_cycle() -> None:
    graph = {module_name(p): top_level_imports(p) for p in MODULES}
    assert cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle_between_modules() -> None:
    assert cycles({"kg.a": {"kg.b"}, "kg.b": {"kg.c"}, "kg.c": {"kg.a"}}) == [
        ["kg.a", "kg.b", "kg.c", "kg.a"]
    ]
