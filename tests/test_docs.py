"""The documentation: complete, its examples true, the site buildable.

- every hook, every installed rule and every policy key has documentation (a missing one
  fails here, not silently on the site);
- every hook's example implementation works as a real plugin;
- every ```python block in docs/ and README.md runs (``{.no-run}`` blocks are skipped, as
  docs/contributing.md describes);
- ``mkdocs build --strict`` succeeds (when the docs tools are installed: ``nox -s tests``
  installs them).
"""

from __future__ import annotations

import ast
import contextlib
import csv
import importlib.util
import io
import json
import os
import re
import subprocess
import sys
import types
from pathlib import Path

import attrs
import click
import pytest

import knigge_engine.hookspecs as hookspecs
from knigge_engine import Action, Engine, Policy, policy_from_dict
from knigge_engine import policy as policy_module
from knigge_engine.io import ImportOptions, collect_importers, collect_reporters
from knigge_engine.io.base import Summary

ROOT = Path(__file__).resolve().parents[1]

# The reference generator lives beside the docs (docs/gen/reference.py), not in the package.
_spec = importlib.util.spec_from_file_location("reference", ROOT / "docs" / "gen" /
                                               "reference.py")
assert _spec is not None and _spec.loader is not None
reference = importlib.util.module_from_spec(_spec)
sys.modules["reference"] = reference
_spec.loader.exec_module(reference)
cli_reference = reference.cli_reference
generate_pages = reference.generate_pages
hook_example = reference.hook_example
hooks_reference = reference.hooks_reference
policy_keys = reference.policy_keys
policy_reference = reference.policy_reference
DOCS = ROOT / "docs"


@pytest.fixture(scope="module")
def engine() -> Engine:
    """Every installed plugin, built-in defaults (no policy file from the working dir)."""
    return Engine(Policy())


@pytest.fixture(scope="module")
def pages(engine: Engine) -> dict[str, str]:
    return generate_pages(engine)


# ---------------------------------------------------------------------------- hooks


def _hookspec_names() -> list[str]:
    """Hook names read from hookspecs.py's source (functions decorated with @hookspec),
    independently of the generator's own discovery."""
    tree = ast.parse(Path(hookspecs.__file__).read_text(encoding="utf-8"))
    names = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("knigge_"):
            decorators = [ast.unparse(d) for d in node.decorator_list]
            if any(d.startswith("hookspec") for d in decorators):
                names.append(node.name)
    return names


HOOKS = _hookspec_names()


def test_hookspecs_are_found():
    assert {"knigge_rules", "knigge_platforms", "knigge_decider"} <= set(HOOKS)


@pytest.mark.parametrize("name", HOOKS)
def test_every_hook_is_documented_under_its_signature(name):
    page = hooks_reference()
    fn = getattr(hookspecs, name)
    params = ", ".join(
        f"{arg}: {ann}" for arg, ann in fn.__annotations__.items() if arg != "return")
    heading = f"## `{name}({params}) -> {fn.__annotations__['return']}` {{ #{name} }}"
    assert heading in page.splitlines(), f"no heading {heading!r} in the hooks page"
    doc = (fn.__doc__ or "").strip()
    assert len(doc.split()) >= 15, (
        f"{name}: the docstring must say when it is called and what it returns")
    assert hook_example(name), (
        f"{name}: the docstring needs an 'Example:' line and a fenced python block")


def _load_example(name: str) -> types.ModuleType:
    code = hook_example(name)
    assert code is not None
    module = types.ModuleType(f"docs_example_{name}")
    exec(compile(code, f"<example of {name}>", "exec"), module.__dict__)
    return module


@pytest.mark.parametrize("name", HOOKS)
def test_every_hook_example_registers_cleanly(name):
    module = _load_example(name)
    assert callable(getattr(module, name, None)), f"the example of {name} does not define it"
    engine = Engine(Policy(), plugins=[module], entry_points=False, strict=True)
    assert engine.problems == []
    impls = getattr(engine.plugins.manager.hook, name).get_hookimpls()
    assert module.__name__ in [i.plugin_name for i in impls]


def _plugin_engine(name: str, policy: Policy | None = None) -> tuple[types.ModuleType, Engine]:
    module = _load_example(name)
    return module, Engine(policy or Policy(), plugins=[module], entry_points=False,
                          strict=True)


def test_rules_hook_example_fires_on_its_bad_example_only():
    _, engine = _plugin_engine("knigge_rules")
    rule = engine.rule("AC101")
    bad = engine.evaluate(rule.bad[0].event)
    good = engine.evaluate(rule.good[0].event)
    assert [f.message for f in bad.findings if f.code == "AC101"] == [
        "The note has 1 emoji."]
    assert not [f for f in good.findings if f.code == "AC101"]


def test_platforms_hook_example_decides_by_capability():
    _, engine = _plugin_engine("knigge_platforms")
    event = {"kind": "contact_request", "id": "r", "platform": "fedinet",
             "direction": "outgoing", "at": "2026-11-02T09:15:00+01:00",
             "sender": {"id": "me"}, "recipient": {"id": "u-1"}, "note": None}
    codes = [f.code for f in engine.evaluate(event).findings]
    # Requests carry no note there: "missing note" must not fire, nor the unknown-platform
    # notice.
    assert "KN101" not in codes and "KE002" not in codes


def test_importers_hook_example_reads_rows_and_reports_bad_ones(tmp_path):
    _, engine = _plugin_engine("knigge_importers")
    importer = collect_importers(engine.plugins)["requests-csv"]
    path = tmp_path / "requests.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "at", "from", "note"])
        writer.writerow(["r-1", "2026-11-02T09:15:00+01:00", "u-1", "Hallo!"])
        writer.writerow(["r-2", "2026-11-02T09:15:00", "u-2", ""])  # no UTC offset
        writer.writerow(["r-3", "2026-11-03T10:00:00+01:00", "u-3", ""])
    assert importer.detect(path)
    items = list(importer.read(path, ImportOptions()))
    assert [getattr(i, "id", None) for i in items] == ["r-1", None, "r-3"]
    assert items[1].location == "row 3" and "offset" in items[1].reason
    assert items[2].note is None


def test_reporters_hook_example_counts_actions(engine):
    _, plugin_engine = _plugin_engine("knigge_reporters")
    reporter = collect_reporters(plugin_engine.plugins)["counts"]
    out = io.StringIO()
    writer = reporter.open(out, "en")
    event = {"kind": "contact_request", "id": "r", "platform": "generic",
             "direction": "incoming", "at": "2026-11-02T09:15:00+01:00",
             "sender": {"id": "u-1", "name": "Ann", "headline": "Controller",
                        "company": "Hanse Logistik", "has_photo": True},
             "recipient": {"id": "me"},
             "note": "Hallo, wir haben uns beim IHK-Vortrag kennengelernt."}
    for _ in range(2):
        writer.assessment(plugin_engine.evaluate(event), None)
    writer.close(Summary())
    assert out.getvalue() == "accept 2\n"


def test_presets_hook_example_is_a_usable_preset():
    _, engine = _plugin_engine("knigge_presets")
    policy = policy_from_dict({"extends": "recruiting"}, presets=engine.presets)
    assert policy.rules["contact-collector"]["enabled"] is False
    # It builds on "open": the open preset's thresholds are inherited.
    open_policy = policy_from_dict({"extends": "open"})
    assert policy.thresholds == open_policy.thresholds


def test_decider_hook_example_replaces_decline(engine):
    collector = {"kind": "contact_request", "id": "r", "platform": "generic",
                 "direction": "incoming", "at": "2026-11-02T09:15:00+01:00",
                 "sender": {"id": "u-1", "name": "Max", "headline": "tba",
                            "contact_count": 9000},
                 "recipient": {"id": "me"}, "note": None}
    assert engine.evaluate(collector).action is Action.DECLINE
    _, plugin_engine = _plugin_engine("knigge_decider")
    assert plugin_engine.evaluate(collector).action is Action.ASK_FIRST


# ---------------------------------------------------------------------------- rules


def test_rule_reference_covers_every_installed_rule(engine, pages):
    assert engine.rules, "no rules installed"
    index = pages["reference/rules/index.md"]
    for rule in engine.rules.values():
        plugin_pages = [p for p in pages if p.startswith("reference/rules/")
                        and f"## {rule.code} `{rule.name}`" in pages[p]]
        assert len(plugin_pages) == 1, f"{rule.code} is documented on {plugin_pages}"
        page = pages[plugin_pages[0]]
        section = page.split(f"## {rule.code} `{rule.name}`", 1)[1].split("\n## ", 1)[0]
        assert f"]({Path(plugin_pages[0]).name}#" in index and rule.code in index
        assert rule.summary in section
        assert f"Source: {rule.source}." in section
        for heading in ("### What it does", "### Why", "### Example", "### Options",
                        "### Messages"):
            assert heading in section, f"{rule.code}: no {heading!r}"
        for example in (*rule.bad, *rule.good):
            shown = [*example.history, *([example.event] if example.event else [])]
            assert shown, f"{rule.code}: an example with neither event nor history"
            for event in shown:
                assert json.dumps(event, ensure_ascii=False) in section, \
                    f"{rule.code}: an example is missing"
        for locale in ("de", "en"):
            template = rule.messages[locale]
            assert template.replace("|", "\\|") in section, \
                f"{rule.code}: the {locale} message is missing"
        if rule.options is not None:
            for field in attrs.fields(rule.options):
                assert f"| `{field.name}` |" in section, \
                    f"{rule.code}: option {field.name} is missing"


def test_rule_options_are_described(engine, pages):
    """Every option of every installed rule is described: by a ``#:`` comment above the
    field, or in the options class's docstring (which the reference shows)."""
    from knigge_engine.explain import field_docs

    missing = [f"{r.code}.{f.name}" for r in engine.rules.values() if r.options
               for f in attrs.fields(r.options)
               if f.name not in field_docs(r.options)
               and f"`{f.name}`" not in (r.options.__doc__ or "")]
    assert not missing, f"options without a description: {missing}"


# ---------------------------------------------------------------------------- policy


_POLICY_CLASSES = ("Policy", "PlatformPolicy", "Thresholds", "HistoryPolicy",
                   "PluginsPolicy", "Suppression")


@pytest.mark.parametrize("class_name", _POLICY_CLASSES)
def test_every_policy_key_is_documented(class_name):
    cls = getattr(policy_module, class_name)
    documented = {key: text for owner, key, text in policy_keys() if owner == class_name}
    page = policy_reference()
    for field in attrs.fields(cls):
        if field.name == "source":  # provenance, not a key a policy can set
            continue
        assert documented.get(field.name), (
            f"{class_name}.{field.name} has no description: add a '#:' comment above it "
            "in knigge_engine/policy.py")
        assert f"| `{field.name}` |" in page


def test_policy_reference_lists_presets_with_their_toml(engine, pages):
    page = pages["reference/policy.md"]
    for name, text in engine.presets.items():
        assert f"### `{name}`" in page
        assert text.strip().splitlines()[-1] in page


# ---------------------------------------------------------------------------- CLI


def _command_paths(cmd: click.Command, prefix: str) -> list[str]:
    paths = [prefix]
    if isinstance(cmd, click.Group):
        for name, sub in cmd.commands.items():
            paths += _command_paths(sub, f"{prefix} {name}")
    return paths


def test_command_reference_covers_every_command_and_option():
    from knigge_engine.cli import main

    page = cli_reference()
    for path in _command_paths(main, "knigge"):
        assert f"## `{path}`" in page, f"{path} is not in the command reference"
    check = main.commands["check"]
    for param in check.params:
        for opt in getattr(param, "opts", []):
            if opt.startswith("-"):
                assert opt in page


def test_cli_page_describes_every_top_level_command():
    from knigge_engine.cli import main

    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert f"knigge {name}" in text, f"docs/cli.md does not describe 'knigge {name}'"


# ---------------------------------------------------------------------------- code blocks

_FENCE = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})(?P<info>[^\n`]*)$")


def _blocks(path: Path) -> list[tuple[int, str, str]]:
    """(line number, info string, code) of every fenced block, outermost only."""
    found = []
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if m is None:
            i += 1
            continue
        fence, info, start = m.group("fence"), m.group("info").strip(), i
        body = []
        i += 1
        while i < len(lines) and lines[i].strip() != fence:
            body.append(lines[i][len(m.group("indent")):])
            i += 1
        found.append((start + 1, info, "\n".join(body) + "\n"))
        i += 1
    return found


def _pages_with_code() -> list[Path]:
    return [*sorted(DOCS.rglob("*.md")), ROOT / "README.md"]


_INFO_OK = re.compile(r"^[\w+#-]*(\s*\{[^}]*\})?$")


@pytest.mark.parametrize("path", _pages_with_code(), ids=lambda p: str(p.relative_to(ROOT)))
def test_fence_info_strings_render(path):
    """``python no-run`` (without braces) would not render as a code block in MkDocs."""
    bad = [(line, info) for line, info, _ in _blocks(path) if not _INFO_OK.match(info)]
    assert not bad, f"{path.name}: fences must be 'lang' or 'lang {{.class}}': {bad}"


def _runnable(info: str) -> bool:
    lang = re.split(r"[\s{]", info, maxsplit=1)[0].lower()
    return lang in ("python", "py") and "no-run" not in info


@pytest.mark.parametrize("path", [p for p in _pages_with_code()
                                  if any(_runnable(i) for _, i, _ in _blocks(p))],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_python_examples_run(path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no knigge.toml from the repository; files land here
    namespace: dict[str, object] = {"__name__": f"docs_{path.stem}"}
    for line, info, code in _blocks(path):
        if not _runnable(info):
            continue
        compiled = compile(code, f"{path.relative_to(ROOT)}:{line}", "exec")
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compiled, namespace)


def test_readme_python_example_prints_what_its_comments_say(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code = next(c for _, info, c in _blocks(ROOT / "README.md") if _runnable(info))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {"__name__": "readme"})
    lines = out.getvalue().splitlines()
    assert lines[0] == "decline"
    assert any(line.startswith("KN204 Max Beispiel has 4,500 contacts") for line in lines)
    assert "I won't accept it" in out.getvalue()  # the polite decline, in English


def test_readme_policy_example_is_a_valid_policy(tmp_path):
    """The README's example policy loads and builds an engine with the installed plugins
    (unknown rule names or options would be errors)."""
    import tomllib

    block = next(c for _, info, c in _blocks(ROOT / "README.md") if info == "toml")
    policy = policy_from_dict(tomllib.loads(block))
    engine = Engine(policy)
    assert engine.policy.locale == "de"
    assert not engine.problems


# ---------------------------------------------------------------------------- the site


def test_generated_pages_do_not_shadow_files(pages):
    for rel in pages:
        assert not (DOCS / rel).exists(), f"docs/{rel} is generated; delete the file"


@pytest.mark.skipif(importlib.util.find_spec("mkdocs") is None
                    or importlib.util.find_spec("mkdocstrings") is None,
                    reason="the docs tools are not installed (pip install -e '.[docs]'; "
                    "nox -s tests installs them)")
def test_site_builds_strict(tmp_path, engine):
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site),
         "--config-file", str(ROOT / "mkdocs.yml")],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},  # the theme's banner, not ours
    )
    assert result.returncode == 0, result.stdout + result.stderr
    hooks = (site / "reference" / "hooks.html").read_text(encoding="utf-8")
    for name in HOOKS:
        assert f'id="{name}"' in hooks
    plugins = {r.plugin for r in engine.rules.values()}
    for plugin in plugins:
        built = list((site / "reference" / "rules").glob("*.html"))
        assert any(plugin.lower() in p.stem for p in built), f"no rule page for {plugin}"
    api = (site / "python-api.html").read_text(encoding="utf-8")
    assert "evaluate_many" in api and "RuleContext" in api
