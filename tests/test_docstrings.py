"""Docstrings are Markdown in the Google style (what mkdocstrings reads natively): no
reStructuredText creeps back.

Scanned in the core and every plugin: module, class, function and attribute docstrings,
the rule texts rendered as documentation (`why=`, `summary=`, `details=`) and `#:`
field comments. Flagged: double-backtick literals, Sphinx roles (`:class:` and friends),
Sphinx field lists (`:param x:`) and `::` literal blocks. `tools/convert_docstrings.py`
rewrites them; docs/contributing.md describes the style.
"""

from __future__ import annotations

import ast
import io
import itertools
import re
import tokenize
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCANNED = [ROOT / "src" / "knigge_engine", *sorted((ROOT / "plugins").glob("*/src"))]


_RST = [
    ("a double-backtick literal (write `x`)", re.compile(r"(?<!`)``[^`]+``(?!`)")),
    ("a Sphinx role (write [`Name`][module.Name] or `Name`)",
     re.compile(r":(?:py:)?[a-z]+:`")),
    ("a Sphinx field (write an Args:/Returns:/Raises: section)",
     re.compile(r"^[ \t]*:(?:param|parameter|arg|type|returns?|rtype|raises?)\b[^:]*:", re.M)),
]
_LITERAL_BLOCK = re.compile(r"::\s*$")
_METADATA = {"why", "summary", "details"}


def _texts(source: str) -> Iterator[tuple[int, str]]:
    """(line, text) of every docstring, rule text and `#:` comment in a module."""
    tree = ast.parse(source)

    def constant(node: ast.AST | None) -> Iterator[tuple[int, str]]:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value

    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef,
                             ast.AsyncFunctionDef)) and body:
            if isinstance(body[0], ast.Expr):
                yield from constant(body[0].value)
            for prev, stmt in itertools.pairwise(body):
                if isinstance(prev, (ast.Assign, ast.AnnAssign)) and isinstance(stmt, ast.Expr):
                    yield from constant(stmt.value)
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg in _METADATA:
                    yield from constant(keyword.value)
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT and tok.string.startswith("#:"):
            yield tok.start[0], tok.string


def rst_problems(source: str) -> list[tuple[int, str]]:
    """(line, what) for each piece of reStructuredText in a module's documentation."""
    problems = []
    for line, text in _texts(source):
        for what, pattern in _RST:
            for match in pattern.finditer(text):
                problems.append((line + text.count("\n", 0, match.start()), what))
        fenced = False
        for offset, row in enumerate(text.splitlines()):
            if row.strip().startswith("```"):
                fenced = not fenced
            elif not fenced and _LITERAL_BLOCK.search(row):
                problems.append((line + offset, "a `::` literal block (write a fenced block)"))
    return sorted(problems)


def _modules() -> list[Path]:
    return [p for root in SCANNED for p in sorted(root.rglob("*.py"))]


def test_docstrings_are_markdown():
    found = []
    for path in _modules():
        for line, what in rst_problems(path.read_text(encoding="utf-8")):
            found.append(f"{path.relative_to(ROOT)}:{line}: {what}")
    assert not found, ("reStructuredText in docstrings (run tools/convert_docstrings.py "
                       "or fix by hand):\n" + "\n".join(found))


def test_the_scan_finds_each_kind_of_rest():
    source = '''
"""Module with ``literal``."""
#: A field, see :class:`~pkg.Thing`.
X = 1
"""Attribute docstring::

    code
"""


class C:
    def f(self, a):
        """Do it.

        :param a: the thing
        """


@rule(why="Because ``x``.", summary="Fine `y`.")
def check(event, ctx):
    """Markdown only: `x`, [`C`][pkg.C].

    ```python
    a = {"k": 1}  # a fence holds code, even a line ending in ::
    ```
    """
'''
    problems = rst_problems(source)
    assert [line for line, _ in problems] == [2, 3, 5, 15, 19]
    assert {what.split(" (")[0] for _, what in problems} == {
        "a double-backtick literal", "a Sphinx role", "a `::` literal block",
        "a Sphinx field"}
