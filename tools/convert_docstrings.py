"""Rewrite reStructuredText habits in docstrings as Markdown (Google docstring style).

A one-off conversion (issue 14.8) kept re-runnable: running it twice changes nothing the
second time. It rewrites, in place,

- every docstring (module, class, function, and attribute docstrings: a string right
  below an assignment in a module or class body);
- the rule metadata rendered as documentation: the ``why=``, ``summary=`` and
  ``details=`` arguments of any call (``@rule(...)``, ``@due_rule(...)``);
- ``#:`` comments (field descriptions the generated options and policy tables show).

What changes: double-backtick literals become single-backtick code; Sphinx roles
(``:class:`~a.b.C```) become mkdocstrings cross-references (``[`C`][a.b.C]``) when the
target is in the rendered API docs (the site's ``objects.inv``), plain code otherwise, and
always plain code where the text is also printed by ``knigge explain`` (rule metadata,
check functions of rules, options classes, ``#:`` comments); ``::`` literal blocks become
fenced blocks (TOML snippets ``toml``, everything else ``python``); Sphinx field lists
(``:param x:``, ``:returns:``, ``:raises E:``) become ``Args:`` / ``Returns:`` /
``Raises:`` sections. Lines that grow beyond the line length are wrapped.

Usage (from the repository root; build the site first so cross-references can be
checked against its inventory):

    mkdocs build --strict            # writes site/objects.inv
    python tools/convert_docstrings.py                  # the default set of files
    python tools/convert_docstrings.py src/knigge_engine/text   # given files/folders
    python tools/convert_docstrings.py --check          # list files it would change
"""

from __future__ import annotations

import argparse
import ast
import io
import itertools
import re
import sys
import tokenize
import zlib
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINE_LENGTH = 100
#: Files the default run leaves alone (none left: every docstring is Markdown).
DEFAULT_EXCLUDE: tuple[str, ...] = ()
METADATA_KEYWORDS = {"why", "summary", "details"}

_ROLE_RE = re.compile(r":(?:py:)?([a-z]+):`(~?)([^`<]+?)(?:\s*<([^>]+)>)?`(?:\\? (?=s\b))?")
_LITERAL_RE = re.compile(r"``([^`]+?)``")
_FIELD_RE = re.compile(
    r"^(?P<indent>\s*):(?P<kind>param|parameter|arg|argument|key|keyword|returns?|"
    r"raises?|except|exception|yields?)(?:\s+(?P<name>[^:]+?))?:\s*(?P<text>.*)$")
_SECTION = {"param": "Args", "parameter": "Args", "arg": "Args", "argument": "Args",
            "key": "Args", "keyword": "Args", "return": "Returns", "returns": "Returns",
            "raise": "Raises", "raises": "Raises", "except": "Raises",
            "exception": "Raises", "yield": "Yields", "yields": "Yields"}


# ---------------------------------------------------------------------------------------
# Text conversion
# ---------------------------------------------------------------------------------------


def block_language(code: str) -> str:
    """Literal blocks are Python, except TOML snippets (a [table] header or key = value
    first line), as the old renderer decided."""
    first = code.lstrip().splitlines()[0] if code.strip() else ""
    if re.match(r"\[[\w.\-\]\[ ]+\]$", first) or re.match(r"[\w-]+ = [\"'\[\d]", first):
        return "toml"
    return "python"


class Converter:
    def __init__(self, inventory: set[str] | None) -> None:
        self.inventory = inventory or set()

    def resolve(self, target: str, scope: list[str]) -> str | None:
        """The inventory identifier a (possibly relative) role target names."""
        candidates = [target]
        for i in range(len(scope), 0, -1):
            candidates.append(".".join([*scope[:i], target]))
        candidates.append(f"knigge_engine.{target}")
        for candidate in candidates:
            if candidate in self.inventory:
                return candidate
        return None

    def inline(self, line: str, scope: list[str], xref: bool) -> str:
        def role(match: re.Match[str]) -> str:
            kind, tilde, text, explicit = match.groups()
            target = (explicit or text).strip()
            shown = text.strip() if explicit else (
                target.rsplit(".", 1)[-1] if tilde else target)
            if kind == "mod":
                shown = target if not tilde else shown
            resolved = self.resolve(target, scope) if xref else None
            if resolved is None:
                return f"`{shown}`"
            return f"[`{shown}`][{resolved}]"

        line = _ROLE_RE.sub(role, line)
        return _LITERAL_RE.sub(lambda m: f"`{m.group(1)}`", line)

    def text(self, body: str, scope: list[str], xref: bool, *, first_indent: str,
             first_column: int = 0) -> str:
        """Convert a docstring's source text (lines keep their source indentation;
        ``first_indent`` stands for the first line's, which the quotes hide)."""
        lines = body.split("\n")
        out: list[str] = []
        fence: str | None = None
        i = 0
        while i < len(lines):
            line = lines[i]
            indent = first_indent if i == 0 else _indent(line)
            stripped = line.strip()
            if fence is not None:
                out.append(line)
                if stripped.startswith(fence) and stripped.strip("`~") == "":
                    fence = None
                i += 1
                continue
            if stripped.startswith(("```", "~~~")):
                fence = stripped[:3]
                out.append(self.inline(line, scope, xref))
                i += 1
                continue
            field = _FIELD_RE.match(line if i else first_indent + line)
            if field and stripped.startswith(":"):
                i = self._fields(lines, i, first_indent, scope, xref, out)
                continue
            if stripped.endswith("::") and not stripped.startswith(".."):
                j = i + 1
                while j < len(lines) and not lines[j].strip():
                    j += 1
                k = j
                block: list[str] = []
                while k < len(lines) and (not lines[k].strip()
                                          or len(_indent(lines[k])) > len(indent)):
                    block.append(lines[k])
                    k += 1
                trailing: list[str] = []
                while block and not block[-1].strip():
                    trailing.insert(0, block.pop())
                if block:
                    intro = stripped[:-2].rstrip()
                    if intro:
                        out.append(_indent(line) + self.inline(intro, scope, xref) + ":")
                    if out and out[-1].strip():
                        out.append("")
                    margin = min(len(_indent(b)) for b in block if b.strip())
                    code = [b[margin:] if b.strip() else "" for b in block]
                    language = block_language("\n".join(code))
                    out.append(f"{indent}```{language}")
                    out += [(indent + c) if c else "" for c in code]
                    out.append(indent + "```")
                    out += trailing
                    i = k
                    continue
            out.append(line)  # inline markup: by paragraph, below
            i += 1
        out = self._join_spans(out, scope, xref)
        return "\n".join(_reflow(out, first_column, first_indent))

    def _join_spans(self, lines: list[str], scope: list[str], xref: bool) -> list[str]:
        """Convert literals and roles paragraph by paragraph (they may span a line
        break, not a paragraph), outside fences."""
        result: list[str] = []
        run: list[str] = []
        fence = False
        for line in [*lines, None]:
            opens = line is not None and line.strip().startswith(("```", "~~~"))
            if line is None or opens or fence or not line.strip():
                if run:
                    result += self.inline("\n".join(run), scope, xref).split("\n")
                    run = []
                if line is not None:
                    fence = fence != opens
                    result.append(line)
            else:
                run.append(line)
        return result

    def _fields(self, lines: list[str], i: int, first_indent: str, scope: list[str],
                xref: bool, out: list[str]) -> int:
        """A run of Sphinx fields from line ``i`` as Google sections; the next index."""
        entries: list[tuple[str, str | None, str]] = []
        base = first_indent if i == 0 else _indent(lines[i])
        while i < len(lines):
            line = lines[i] if i else first_indent + lines[i]
            match = _FIELD_RE.match(line)
            if not match or _indent(line) != base:
                break
            text = [match["text"].strip()]
            i += 1
            while i < len(lines) and lines[i].strip() and len(_indent(lines[i])) > len(base):
                text.append(lines[i].strip())
                i += 1
            entries.append((_SECTION[match["kind"]], match["name"],
                            self.inline(" ".join(t for t in text if t), scope, xref)))
            if i < len(lines) and not lines[i].strip():
                # Blank line: the run continues only when another field follows.
                j = i
                while j < len(lines) and not lines[j].strip():
                    j += 1
                if j < len(lines) and _FIELD_RE.match(lines[j]) and _indent(lines[j]) == base:
                    i = j
        section = None
        for name, arg, text in entries:
            if name != section:
                out.append(f"{base}{name}:")
                section = name
            head = f"{base}    {arg}: " if arg else f"{base}    "
            if name == "Raises" and arg is None:
                head = f"{base}    "
            out += _fill(head, text, f"{base}        ")
        return i


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip())] if line.strip() else ""


def _fill(head: str, text: str, rest: str) -> list[str]:
    """``head + text`` filled to the line length, continuation lines at ``rest``."""
    lines: list[str] = []
    current = head
    for word in _words(text):
        if current.strip() and len(current) + 1 + len(word) > LINE_LENGTH:
            lines.append(current)
            current = rest + word
        else:
            current += ("" if current.endswith(" ") or not current.strip() else " ") + word
    lines.append(current.rstrip())
    return lines


def _words(text: str) -> list[str]:
    """Words, keeping code spans and cross-references whole."""
    return re.findall(r"(?:\[`[^`]*`\]\[[^\]]*\]|`[^`]*`|\S)+", text)


def _continues(line: str, indent: str) -> bool:
    """Whether ``line`` continues the paragraph of a line at ``indent``."""
    text = line.strip()
    return (bool(text) and len(_indent(line)) >= len(indent)
            and not text.startswith(("```", "~~~", "|", "- ", "* ", "#"))
            and not re.match(r"\d+\. ", text) and not text.endswith(":"))


def _reflow(lines: list[str], shift: int, first_indent: str) -> list[str]:
    """Lines longer than the line length split at spaces (outside code spans and
    cross-references); the overflow moves to the start of the next line when that
    continues the paragraph, else onto a line of its own. ``shift``: the columns before
    the first line (a docstring's first line follows its quotes), ``first_indent`` the
    first line's paragraph indentation."""
    lines = list(lines)
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        limit = LINE_LENGTH - (shift if i == 0 else 0)
        if len(line) <= limit or line.lstrip().startswith(("```", "|")):
            out.append(line)
            i += 1
            continue
        indent = _indent(line) if i else first_indent
        words = _words(line)
        head = _indent(line)
        kept = 0
        for n in range(1, len(words) + 1):
            if len(head + " ".join(words[:n])) <= limit:
                kept = n
        kept = max(kept, 1)
        out.append(head + " ".join(words[:kept]))
        rest = " ".join(words[kept:])
        if not rest:
            i += 1
            continue
        if i + 1 < len(lines) and _continues(lines[i + 1], indent):
            nxt = lines[i + 1]
            lines[i + 1] = _indent(nxt) + rest + " " + nxt.strip()
        else:
            lines.insert(i + 1, indent + rest)
        i += 1
    return out


# ---------------------------------------------------------------------------------------
# Finding the strings in a module
# ---------------------------------------------------------------------------------------


class _Targets(ast.NodeVisitor):
    """The string constants to convert: (line, column) -> (scope, cross-references?)."""

    def __init__(self, module: str) -> None:
        self.scope = [module]
        self.targets: dict[tuple[int, int], tuple[list[str], bool]] = {}
        self.plain = 0  # > 0 inside code whose text ``knigge explain`` prints

    def _add(self, node: ast.expr, xref: bool = True) -> None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            self.targets[(node.lineno, node.col_offset)] = (
                list(self.scope), xref and not self.plain)

    def _body(self, body: list[ast.stmt]) -> None:
        if body and isinstance(body[0], ast.Expr):
            self._add(body[0].value)
        for prev, stmt in itertools.pairwise(body):
            if isinstance(prev, (ast.Assign, ast.AnnAssign)) and isinstance(stmt, ast.Expr):
                self._add(stmt.value)

    def visit_Module(self, node: ast.Module) -> None:
        self._body(node.body)
        self.generic_visit(node)

    def _scoped(self, node: ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef,
                plain: bool) -> None:
        self.scope.append(node.name)
        self.plain += plain
        self._body(node.body)
        self.generic_visit(node)
        self.plain -= plain
        self.scope.pop()

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._scoped(node, node.name.endswith("Options"))

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._scoped(node, _is_rule(node))

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._scoped(node, _is_rule(node))

    def visit_Call(self, node: ast.Call) -> None:
        for keyword in node.keywords:
            if keyword.arg in METADATA_KEYWORDS:
                self.plain += 1
                self._add(keyword.value)
                self.plain -= 1
        self.generic_visit(node)


def _is_rule(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    for decorator in node.decorator_list:
        func = decorator.func if isinstance(decorator, ast.Call) else decorator
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in ("rule", "due_rule"):
            return True
    return False


_PREFIX_RE = re.compile(r"^([rRbBuU]*)('''|\"\"\"|'|\")")


def convert_source(source: str, module: str, converter: Converter) -> str:
    tree = ast.parse(source)
    visitor = _Targets(module)
    visitor.visit(tree)
    # Each target constant's span: strings of an implicit concatenation are separate
    # tokens inside it.
    spans: list[tuple[tuple[int, int], tuple[int, int], list[str], bool]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and (node.lineno, node.col_offset) in visitor.targets:
            scope, xref = visitor.targets[(node.lineno, node.col_offset)]
            assert node.end_lineno is not None and node.end_col_offset is not None
            spans.append(((node.lineno, node.col_offset),
                          (node.end_lineno, node.end_col_offset), scope, xref))
    lines = source.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    edits: list[tuple[int, int, str]] = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT and tok.string.startswith("#:"):
            new = converter.inline(tok.string, [module], xref=False)
            if new != tok.string:
                start = offsets[tok.start[0] - 1] + tok.start[1]
                edits.append((start, start + len(tok.string), new))
            continue
        if tok.type != tokenize.STRING:
            continue
        span = next((s for s in spans if s[0] <= tok.start and tok.end <= s[1]), None)
        if span is None:
            continue
        match = _PREFIX_RE.match(tok.string)
        if match is None:
            continue
        prefix, quote = match.groups()
        if "b" in prefix.lower():
            continue
        body = tok.string[len(prefix) + len(quote): len(tok.string) - len(quote)]
        first_indent = _doc_margin(body) if "\n" in body else ""
        new_body = converter.text(body, span[2], span[3], first_indent=first_indent,
                                  first_column=tok.start[1] + len(prefix) + len(quote))
        if new_body != body:
            start = offsets[tok.start[0] - 1] + tok.start[1]
            end = offsets[tok.end[0] - 1] + tok.end[1]
            edits.append((start, end, prefix + quote + new_body + quote))
    for start, end, new in sorted(edits, reverse=True):
        source = source[:start] + new + source[end:]
    return source


def _doc_margin(body: str) -> str:
    """The indentation of a docstring's lines after the first (what cleandoc strips)."""
    rest = [line for line in body.split("\n")[1:] if line.strip()]
    if not rest:
        return ""
    return min((_indent(line) for line in rest), key=len)


# ---------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------


def read_inventory(path: Path) -> set[str] | None:
    if not path.exists():
        return None
    data = path.read_bytes()
    header_end = 0
    for _ in range(4):
        header_end = data.index(b"\n", header_end) + 1
    body = zlib.decompress(data[header_end:]).decode("utf-8")
    return {line.split(" ", 1)[0] for line in body.splitlines()
            if " py:" in line}


def module_name(path: Path) -> str:
    parts = path.resolve().relative_to(ROOT).with_suffix("").parts
    if "src" in parts:
        parts = parts[parts.index("src") + 1:]
    if parts and parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def default_files() -> list[Path]:
    roots = [ROOT / "src", *sorted((ROOT / "plugins").glob("*/src")), ROOT / "docs" / "gen",
             ROOT / "benchmarks"]
    excluded = {ROOT / p for p in DEFAULT_EXCLUDE}
    return [p for root in roots for p in sorted(root.rglob("*.py")) if p not in excluded]


def files_of(paths: Iterable[str]) -> list[Path]:
    out: list[Path] = []
    for raw in paths:
        path = Path(raw).resolve()
        if not path.exists():
            raise SystemExit(f"no such file or folder: {raw}")
        out += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help="files or folders (default: src, "
                        "plugins/*/src, docs/gen, benchmarks)")
    parser.add_argument("--inventory", type=Path, default=ROOT / "site" / "objects.inv",
                        help="the built site's inventory (default: site/objects.inv)")
    parser.add_argument("--check", action="store_true",
                        help="change nothing; list the files that would change (exit 1)")
    args = parser.parse_args(argv)
    inventory = read_inventory(args.inventory)
    if inventory is None:
        print(f"note: no {args.inventory}; roles become plain code, not links "
              "(run `mkdocs build` first for links)", file=sys.stderr)
    converter = Converter(inventory)
    changed = 0
    for path in files_of(args.paths) if args.paths else default_files():
        source = path.read_text(encoding="utf-8")
        new = convert_source(source, module_name(path), converter)
        if new != source:
            changed += 1
            print(path.relative_to(ROOT))
            if not args.check:
                path.write_text(new, encoding="utf-8")
    return 1 if (args.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())
