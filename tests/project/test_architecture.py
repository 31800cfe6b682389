"""The layering of ``src/vncoop``: imports run one way only, and no module imports itself back.

Every import counts, a function-level one too (a cycle broken by a lazy import is still a
cycle); only imports under ``if TYPE_CHECKING:`` are exempt, since they never run. The checker is
tested on small made-up trees, so that a broken checker cannot pass the real tree by accident.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = "vncoop"
# Bottom to top: a module may import its own layer and the layers below it, never one above.
LAYERS = ("errors", "text", "domain", "corpus", "index", "search", "app", "output", "export", "cli")
TOP = "__main__"  # `python -m vncoop`: above everything
MAX_LINES = 400


def module_name(path: Path, src: Path) -> str:
    parts = list(path.relative_to(src).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_block(node: ast.AST) -> bool:
    if not isinstance(node, ast.If):
        return False
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, module: str, is_package: bool) -> Iterator[tuple[str, int]]:
    """(imported name, line) for every import that can run; ``from a import b`` gives ``a.b`` too."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if _type_checking_block(node):
            assert isinstance(node, ast.If)
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            yield target, node.lineno
            for alias in node.names:
                yield f"{target}.{alias.name}", node.lineno
        stack.extend(ast.iter_child_nodes(node))


def import_graph(src: Path) -> tuple[dict[str, dict[str, int]], dict[str, Path]]:
    """Each module of the package → the package's modules it imports (with the first line)."""
    files = {module_name(path, src): path for path in sorted((src / PACKAGE).rglob("*.py"))}
    graph: dict[str, dict[str, int]] = {}
    for module, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        edges: dict[str, int] = {}
        for name, line in _imports(tree, module, path.name == "__init__.py"):
            if name in files and name != module and name != PACKAGE:
                edges.setdefault(name, line)
        graph[module] = edges
    return graph, files


def layer_of(module: str) -> int:
    parts = module.split(".")
    if len(parts) == 1:  # the package itself (its version): below everything
        return -1
    if parts[1] == TOP:
        return len(LAYERS)
    if parts[1] not in LAYERS:
        raise AssertionError(f"{module}: not in any layer; add its package to LAYERS in {__name__}")
    return LAYERS.index(parts[1])


def upward_imports(graph: dict[str, dict[str, int]]) -> list[str]:
    return [
        f"{module} (layer {LAYERS[layer_of(module)] if layer_of(module) < len(LAYERS) else TOP}) imports "
        f"{target} (layer {LAYERS[layer_of(target)]}) at line {line}"
        for module, edges in sorted(graph.items())
        for target, line in sorted(edges.items())
        if layer_of(target) > layer_of(module)
    ]


def cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, {}):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


# -- the real tree ------------------------------------------------------------------------------
SRC = ROOT / "src"
GRAPH, FILES = import_graph(SRC)


def test_every_subpackage_is_a_layer() -> None:
    packages = {path.parent.name for path in (SRC / PACKAGE).glob("*/__init__.py")}
    modules = {path.stem for path in (SRC / PACKAGE).glob("*.py")} - {"__init__", TOP}
    assert packages | modules == set(LAYERS), "every top-level package or module must be in LAYERS"
    assert len(packages) >= 5


def test_imports_run_downward_only() -> None:
    assert upward_imports(GRAPH) == []


def test_no_import_cycles() -> None:
    assert cycles(GRAPH) == []


def test_package_inits_are_empty() -> None:
    """Eager re-exports would undo the lazy boundaries that keep start-up short."""
    inits = [path for path in (SRC / PACKAGE).glob("*/__init__.py") if path.read_text(encoding="utf-8").strip()]
    assert inits == []


def test_no_module_is_over_the_line_limit() -> None:
    long = {
        name: n for name, path in FILES.items() if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


# -- the checker, on made-up trees --------------------------------------------------------------
def _tree(tmp_path: Path, modules: dict[str, str]) -> Path:
    for name, text in {"__init__": "", **modules}.items():
        path = tmp_path / PACKAGE / (name.replace(".", "/") + ".py")
        path.parent.mkdir(parents=True, exist_ok=True)
        for parent in path.relative_to(tmp_path / PACKAGE).parents:
            (tmp_path / PACKAGE / parent / "__init__.py").touch()
        path.write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "text",
    [
        "from vncoop.cli.main import run\n",
        "import vncoop.cli.main\n",
        "def f():\n    from vncoop.cli import main\n",  # a function-level import counts
        "try:\n    from vncoop.cli.main import run\nexcept ImportError:\n    pass\n",
        "from ..cli.main import run\n",
    ],
    ids=["from", "import", "lazy", "in-try", "relative"],
)
def test_an_upward_import_is_reported(tmp_path: Path, text: str) -> None:
    graph, _ = import_graph(_tree(tmp_path, {"text.fold": text, "cli.main": "run = 1\n"}))
    line = text[: text.index("cli")].count("\n") + 1
    assert f"vncoop.text.fold (layer text) imports vncoop.cli.main (layer cli) at line {line}" in upward_imports(graph)


def test_type_checking_imports_are_exempt(tmp_path: Path) -> None:
    text = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from vncoop.cli.main import run\n"
    graph, _ = import_graph(_tree(tmp_path, {"text.fold": text, "cli.main": "run = 1\n"}))
    assert upward_imports(graph) == []


def test_a_cycle_through_a_lazy_import_is_reported(tmp_path: Path) -> None:
    modules = {
        "domain.a": "from vncoop.domain.b import x\n",
        "domain.b": "def x():\n    from vncoop.domain import a\n",
        "domain.c": "from vncoop.domain.a import x\n",
    }
    graph, _ = import_graph(_tree(tmp_path, modules))
    assert upward_imports(graph) == []
    assert cycles(graph) == [["vncoop.domain.a", "vncoop.domain.b"]]
