"""The shape of the code, checked from its syntax trees (docs/concepts.md, "Modules"):

- the import graph of the core package has no cycle (imports under ``TYPE_CHECKING`` are
  for the type checker only and do not count);
- no module reaches into another module's private names: no ``from x import _name``,
  no ``obj._name`` on anything but ``self``/``cls``, in the core and in every plugin.
  A private *module* (``_fastbind``, ``builtin/_examples``) is private to its package:
  its siblings may import its public names.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import knigge_engine

CORE = Path(knigge_engine.__file__).parent
ROOT = Path(__file__).resolve().parents[1]
PLUGIN_SOURCES = sorted(p for p in (ROOT / "plugins").glob("knigge-*/src/*") if p.is_dir())


def _modules(root: Path, package: str) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in root.rglob("*.py"):
        parts = [package, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imports(module: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The modules of ``modules`` that ``module`` imports at run time."""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    edges: set[str] = set()

    class Visitor(ast.NodeVisitor):
        def visit_If(self, node: ast.If) -> None:
            if "TYPE_CHECKING" in ast.unparse(node.test):
                for child in node.orelse:
                    self.visit(child)
                return
            self.generic_visit(node)

        def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            for alias in node.names:
                name = f"{target}.{alias.name}"
                edges.add(name if name in modules else target)

        def visit_Import(self, node: ast.Import) -> None:
            edges.update(alias.name for alias in node.names)

    Visitor().visit(ast.parse(path.read_text(encoding="utf-8")))
    return {e for e in edges if e in modules and e != module}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_the_core_import_graph_has_no_cycle():
    modules = _modules(CORE, "knigge_engine")
    graph = {m: _imports(m, p, modules) for m, p in modules.items()}
    assert graph["knigge_engine.engine"]  # the scan sees imports at all
    assert _cycles(graph) == []


def _private_access(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    problems.append(f"{path.name}:{node.lineno}: imports {alias.name} from "
                                    f"{'.' * node.level}{node.module or ''}")
        elif isinstance(node, ast.Attribute):
            name = node.attr
            if not name.startswith("_") or name.startswith("__"):
                continue
            owner = node.value
            if isinstance(owner, ast.Name) and owner.id in ("self", "cls"):
                continue
            problems.append(f"{path.name}:{node.lineno}: reads {ast.unparse(node)}")
    return problems


def test_the_private_access_scan_finds_what_it_looks_for(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from .engine import _Compiled\nx = engine._plan\ny = self._ok\n")
    assert _private_access(sample) == ["sample.py:1: imports _Compiled from .engine",
                                       "sample.py:2: reads engine._plan"]


#: The one deliberate use of another package's private names: the pattern cache reads
#: CPython's regex compiler (``re._parser``, ``re._compiler``) to keep the code it makes
#: (docs/decisions.md, "Start-up"). Exact problems (file and finding), so that nothing
#: else slips by.
STDLIB_PRIVATE = {
    ("regex_cache.py", "imports _compiler from re"),
    ("regex_cache.py", "imports _parser from re"),
    ("regex_cache.py", "reads _compiler._code"),
}


def _allowed(problem: str, root: Path) -> bool:
    file, _, finding = problem.split(":", 2)
    return root == CORE and (file, finding.strip()) in STDLIB_PRIVATE


@pytest.mark.parametrize("root", [CORE, *PLUGIN_SOURCES], ids=lambda p: p.name)
def test_no_module_reaches_into_another_modules_private_names(root):
    problems = [p for path in sorted(root.rglob("*.py")) for p in _private_access(path)
                if not _allowed(p, root)]
    assert problems == []


CATALOG = ROOT.parent / "shared" / "RULES.md"


@pytest.mark.skipif(not CATALOG.exists(), reason="the rule catalog ../shared/RULES.md is "
                    "not beside this checkout (CI has it)")
def test_every_installed_rule_has_its_catalog_code_and_name():
    import re

    from knigge_engine import Engine

    catalog = dict(re.findall(r"^\|\s*([A-Z]{2}\d{3})\s*\|\s*([a-z0-9-]+)\s*\|",
                              CATALOG.read_text(encoding="utf-8"), flags=re.M))
    assert len(catalog) > 30  # the table was read
    installed = {code: r.name for code, r in Engine().rules.items()}
    assert installed == catalog


@pytest.mark.parametrize("module", ["knigge_engine", "knigge_linkedin", "knigge_facebook",
                                    "knigge_xing"])
def test_every_installed_package_declares_its_types(module):
    # PEP 561: a host's type checker reads the installed package's annotations only when
    # it ships py.typed (checked on the installed distribution, not the source tree).
    import importlib

    package = importlib.import_module(module)
    assert (Path(package.__file__).parent / "py.typed").is_file()
