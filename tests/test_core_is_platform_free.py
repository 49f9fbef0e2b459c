"""The core knows no platform, in structure and in use (issue 14, point 6):

- **structure**: no module of the core imports a platform plugin, and no code of the core
  (string constants outside docstrings, names, attributes) names a platform that a plugin
  provides — the platform ids are read from the installed plugins themselves, so a new
  platform plugin is covered without editing this test;
- **use**: the core installed as a wheel with *no* plugin distribution on the path (a real
  install, not ``entry_points=False``) builds an engine with only the generic platform,
  judges events of any platform with the generic rules, and ``knigge check`` and
  ``knigge rules`` work.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import pytest

import knigge_engine
from knigge_engine import Engine

CORE = Path(knigge_engine.__file__).parent
ROOT = Path(__file__).resolve().parent.parent
PLUGIN_PACKAGES = ("knigge_linkedin", "knigge_xing", "knigge_facebook")


def _plugin_platforms() -> set[str]:
    platforms = set(Engine().platforms) - {"generic"}
    assert platforms, "no platform plugin installed: nothing to check the core against"
    return platforms


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef
                      | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def platform_mentions(path: Path, platforms: set[str]) -> list[str]:
    """Imports of platform plugins and code (not docstrings) naming a platform."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    word = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(platforms))) + r")\b",
                      re.IGNORECASE)
    skip = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
            if any(n.split(".")[0] in PLUGIN_PACKAGES for n in names):
                found.append(f"{path.name}:{node.lineno}: imports a platform plugin")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and id(node) not in skip and word.search(node.value):
            found.append(f"{path.name}:{node.lineno}: {node.value[:60]!r}")
        elif isinstance(node, ast.Name | ast.Attribute):
            name = node.id if isinstance(node, ast.Name) else node.attr
            if word.search(name.replace("_", " ")):
                found.append(f"{path.name}:{node.lineno}: {name}")
    return found


def test_the_scan_finds_what_it_looks_for(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('"""Docstrings may explain LinkedIn."""\n'
                      "import knigge_xing.rules\n"
                      "LIMIT = {'linkedin': 300}\n"
                      "def f(x):\n    '''XING too.'''\n    return x.facebook_limit\n",
                      encoding="utf-8")
    assert platform_mentions(sample, {"linkedin", "xing", "facebook"}) == [
        "sample.py:2: imports a platform plugin",
        "sample.py:3: 'linkedin'",
        "sample.py:6: facebook_limit",
    ]


def test_no_core_module_imports_or_names_a_plugins_platform():
    platforms = _plugin_platforms()
    hits = [hit for path in sorted(CORE.rglob("*.py"))
            for hit in platform_mentions(path, platforms)]
    assert hits == []


# ------------------------------------------------------------------ zero plugins


@pytest.fixture(scope="module")
def bare(tmp_path_factory):
    """The core installed as a wheel into a folder, and a folder of this environment's
    other packages without any knigge distribution or ``.pth`` file; run with ``-S``,
    so only these two folders are on the path."""
    root = tmp_path_factory.mktemp("bare")
    core, deps = root / "core", root / "deps"
    deps.mkdir()
    source = root / "src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".nox", ".venv*", "build", "site", "bench-results", "plugins", "tests",
        "benchmarks", "docs", "examples", "__pycache__", "*.egg-info"))
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
         "--no-build-isolation", "--target", str(core), str(source)],
        capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"pip could not install the core:\n{done.stderr}"
    for folder in {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}:
        for entry in Path(folder).iterdir():
            name = entry.name.lower()
            if "knigge" in name or name.endswith(".pth") or (deps / entry.name).exists():
                continue
            (deps / entry.name).symlink_to(entry)
    yield root
    shutil.rmtree(root, ignore_errors=True)


def run_bare(bare: Path, args: list[str], **kw) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "KNIGGE"))}
    env["PYTHONPATH"] = f"{bare / 'core'}{os.pathsep}{bare / 'deps'}"
    env["KNIGGE_CACHE_DIR"] = str(bare / "cache")
    return subprocess.run([sys.executable, "-S", *args], capture_output=True, text=True,
                          env=env, timeout=120, cwd=bare, **kw)


def test_with_no_plugin_installed_the_engine_has_only_the_generic_platform(bare):
    done = run_bare(bare, ["-c", textwrap.dedent("""
        import json, importlib.metadata as md
        import knigge_engine
        from knigge_engine import Engine
        engine = Engine()
        groups = [ep.name for ep in md.entry_points(group="knigge_engine")]
        print(json.dumps({"file": knigge_engine.__file__, "entry_points": groups,
                          "platforms": sorted(engine.platforms),
                          "prefixes": sorted({c[:2] for c in engine.rules}),
                          "problems": [str(p) for p in engine.problems]}))
    """)])
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    assert str(bare / "core") in got["file"]
    assert got["entry_points"] == ["builtin"]  # the core's own rules, and nothing else
    assert got["platforms"] == ["generic"]
    assert got["prefixes"] == ["KN"]
    assert got["problems"] == []


def test_with_no_plugin_installed_events_of_any_platform_are_judged_generically(bare):
    inbox = ROOT / "examples" / "inbox.jsonl"
    done = run_bare(bare, ["-m", "knigge_engine.cli", "check", str(inbox), "--format",
                           "json", "--no-progress", "--no-run-history"])
    assert done.returncode in (0, 1), done.stderr
    report = json.loads(done.stdout)
    lines = [line for line in inbox.read_text(encoding="utf-8").splitlines() if line.strip()]
    assessments = report["assessments"]
    assert len(assessments) == len(lines)
    codes = {f["code"] for a in assessments for f in a["findings"]}
    assert "KE001" not in codes  # no rule crashed
    rule_codes = {c for c in codes if not c.startswith("KE")}  # KE: the engine's notices
    assert rule_codes and all(c.startswith("KN") for c in rule_codes)
    # Each event of a platform no plugin provides says so (KE002), and nothing else does.
    platform_of = {json.loads(line)["id"]: json.loads(line)["platform"] for line in lines}
    for a in assessments:
        noted = "KE002" in {f["code"] for f in a["findings"]}
        assert noted == (platform_of[a["event"]] != "generic"), a["event"]
    # The platforms no plugin provides are named on standard error, once each.
    for platform in sorted({json.loads(line)["platform"] for line in lines} - {"generic"}):
        assert done.stderr.count(f"'{platform}'") == 1, done.stderr
    rules = run_bare(bare, ["-m", "knigge_engine.cli", "rules"])
    assert rules.returncode == 0, rules.stderr
    listed = set(re.findall(r"^([A-Z]{2}\d{3})\b", rules.stdout, flags=re.M))
    assert listed and {c[:2] for c in listed} == {"KN"}
