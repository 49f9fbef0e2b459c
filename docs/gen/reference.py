"""Documentation generated from metadata: the rule, policy, hook, platform and command
references.

`knigge explain CODE` prints `rule_markdown`. The docs build (`nox -s docs`)
calls `generate_pages` through the MkDocs hook `docs/gen/mkdocs_hooks.py` and adds
the pages it returns to the site, so code and docs cannot drift apart;
`python docs/gen/reference.py OUTDIR` writes the same pages to a folder for reading.
It lives beside the docs, not in the package: only what `knigge explain` needs
(`knigge_engine.explain`) ships with the engine.

Descriptions come from the code: rule metadata and check docstrings, `#:` comments
above the fields of options classes and policy classes, hook docstrings (each with an
`Example::` block), and the `knigge` command's help texts.
"""

from __future__ import annotations

import inspect
import json
import re
import sys
import textwrap
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from knigge_engine.explain import (
    cell,
    default_of,
    doc_text,
    field_docs,
    rule_markdown,
    shown,
    type_name,
)
from knigge_engine.rules import PlatformSpec, Rule

__all__ = [
    "cli_reference",
    "field_docs",
    "generate_pages",
    "hook_example",
    "hook_names",
    "hooks_reference",
    "platform_markdown",
    "platforms_reference",
    "policy_reference",
    "rule_markdown",
    "rule_reference",
]

def _rule_anchor(rule: Rule) -> str:
    return f"{rule.code.lower()}-{rule.name}"


def rule_reference(rules: Iterable[Rule], title: str = "Rule reference") -> str:
    """A rule reference page: an index table and one section per rule."""
    rules = sorted(rules, key=lambda r: r.code)
    out = [f"# {title}", "",
           "Generated from the rules' own metadata (`knigge explain CODE` prints the same).",
           "", "| code | name | plugin | severity | summary |", "|---|---|---|---|---|"]
    for r in rules:
        out.append(f"| [{r.code}](#{_rule_anchor(r)}) | `{r.name}` | {r.plugin} | "
                   f"{r.severity.value} | {cell(r.summary)} |")
    out.append("")
    for r in rules:
        out.append(rule_markdown(r, level=2))
    return "\n".join(out)


def _rules_index(rules: Iterable[Rule], pages: Mapping[str, str]) -> str:
    out = ["# Rules", "",
           "Every rule of every installed plugin, generated from the rules' metadata when "
           "the site is built. Codes and names are stable: policies and tests refer to "
           "them. `knigge rules` lists the same, `knigge explain CODE` prints one page.", "",
           "| code | name | plugin | severity | weight | summary |",
           "|---|---|---|---|---|---|"]
    for r in sorted(rules, key=lambda r: r.code):
        page = pages[r.plugin or "?"]
        out.append(f"| [{r.code}]({page}#{_rule_anchor(r)}) | `{r.name}` | {r.plugin} | "
                   f"{r.severity.value} | {r.weight:+g} | {cell(r.summary)} |")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------
# Platforms
# ---------------------------------------------------------------------------------------


def platform_markdown(spec: PlatformSpec) -> str:
    """A platform spec's capabilities and limits as tables, with sources."""
    lines = [f"## {spec.title or spec.name} (`{spec.name}`)", "", spec.description, "",
             f"Plugin `{spec.plugin or '?'}`; default locale `{spec.locale}`, form of "
             f"address `{spec.address_form or '-'}`.", "",
             "| setting | free | premium | source |", "|---|---|---|---|"]

    def value(v: Any) -> str:
        # As a policy would write it (true, 300); unknown as a dash.
        return "—" if v is None else f"`{json.dumps(v)}`"

    def row(name: str, free: Any, paid: Any) -> str:
        return (f"| `{name}` | {value(free)} | {value(paid)} | "
                f"{cell(spec.sources.get(name, ''))} |")

    for name in sorted(set(spec.capabilities) | set(spec.premium_capabilities)):
        lines.append(row(name, spec.capabilities.get(name),
                         spec.premium_capabilities.get(name, spec.capabilities.get(name))))
    for name in sorted(set(spec.limits) | set(spec.premium_limits)):
        lines.append(row(name, spec.limits.get(name),
                         spec.premium_limits.get(name, spec.limits.get(name))))
    if spec.rule_defaults:
        lines += ["", "Rule defaults on this platform:", ""]
        for code, table in sorted(spec.rule_defaults.items()):
            lines.append(f"- `{code}`: " + ", ".join(f"`{k} = {json.dumps(v)}`"
                                                      for k, v in table.items()))
    return "\n".join(lines) + "\n"


def platforms_reference(specs: Iterable[PlatformSpec]) -> str:
    """Every installed platform spec: capabilities, limits (free and premium), sources."""
    specs = sorted(specs, key=lambda s: s.name)
    out = ["# Platform specs", "",
           "Generated from the `PlatformSpec` each installed platform plugin registers. "
           "A dash means the platform does not say: rules treat it as no evidence. Where "
           "free and premium accounts differ and the account type is unknown, a capability "
           "counts as unknown and a limit takes the more permissive value. A policy's "
           "`[platforms.NAME]` table "
           "can override capabilities and limits. An event for a platform listed nowhere "
           "here is evaluated with the generic spec (see [Decisions](../decisions.md)).",
           ""]
    for spec in specs:
        out.append(platform_markdown(spec))
    return "\n".join(out)


# ---------------------------------------------------------------------------------------
# Policy
# ---------------------------------------------------------------------------------------

_TYPE_WORDS = {
    "str": "string",
    "str | None": "string (optional)",
    "bool": "boolean",
    "float": "number",
    "int": "integer",
    "tuple[str, ...]": "list of strings",
    "tuple[str, ...] | None": "list of strings (optional)",
    "dict[str, Any]": "table",
    "dict[str, float]": "table of numbers",
    "dict[str, int]": "table of integers",
    "dict[str, bool]": "table of booleans",
    "dict[str, dict[str, Any]]": "table of tables",
    "dict[str, dict[str, str]]": "table of tables of strings",
    "LocaleCode": "string: `\"auto\"`, `\"de\"`, `\"en\"` or a plugin's locale",
    "LocaleCode | None": "string (optional): `\"auto\"`, `\"de\"`, `\"en\"` or a "
    "plugin's locale",
    "AddressForm | None": "string (optional): `\"sie\"` or `\"du\"`",
    "PartialThresholds": "table of numbers (keys of `[thresholds]`)",
}


def _toml_type(field: attrs.Attribute[Any]) -> str:
    name = type_name(field)
    if name in _TYPE_WORDS:
        return _TYPE_WORDS[name]
    if name.startswith("tuple[") and name.endswith(", ...]"):
        return f"array of `[[{field.name}]]` tables"
    if name.startswith("dict[str, ") and name.endswith("]"):
        return f"table of `{name[10:-1]}` tables"
    return f"`{name}` table"


def _policy_sections() -> list[tuple[str, str, type]]:
    from knigge_engine import policy as p

    return [
        ("top-level", "Top level", p.Policy),
        ("thresholds", "[thresholds]", p.Thresholds),
        ("platforms", "[platforms.NAME]", p.PlatformPolicy),
        ("history", "[history]", p.HistoryPolicy),
        ("plugins", "[plugins]", p.PluginsPolicy),
        ("suppress", "[[suppress]]", p.Suppression),
    ]


def policy_keys() -> list[tuple[str, str, str]]:
    """Every documented policy key as `(class name, key, description)`; the description
    is empty where the source has none (the docs test fails on those)."""
    out = []
    for _, _, cls in _policy_sections():
        described = field_docs(cls)
        for field in attrs.fields(cls):
            if field.name == "source":
                continue
            out.append((cls.__name__, field.name, described.get(field.name, "")))
    return out


def policy_reference(presets: Mapping[str, str] | None = None) -> str:
    """The policy reference, generated from the policy classes (every key with its TOML
    type, default and the description from its `#:` comment) plus the presets' TOML."""
    from knigge_engine.replies import REPLY_KEYS

    if presets is None:
        from knigge_engine.presets import PRESETS

        presets = PRESETS
    out = ["# Policy reference", "",
           "Generated from the policy schema (the attrs classes in `knigge_engine.policy`). "
           "A policy is TOML: `knigge.toml`, or the `[tool.knigge]` table of "
           "`pyproject.toml`. Keys are written as below, with underscores "
           "(`extend_select`); an unknown key is an error that names the file and the key "
           "path and suggests the nearest known key. The [policy guide](../policy-guide.md) "
           "explains how to write one; [Decisions](../decisions.md) explains layering.", ""]
    for anchor, title, cls in _policy_sections():
        described = field_docs(cls)
        out += [f"## `{title}` {{ #{anchor} }}", "", doc_text(cls.__doc__ or ""),
                "| key | type | default | description |", "|---|---|---|---|"]
        for field in attrs.fields(cls):
            if field.name == "source":  # where the policy was read from, not a key
                continue
            text = described.get(field.name, "")
            out.append(f"| `{field.name}` | {cell(_toml_type(field))} | "
                       f"{cell(shown(default_of(field)))} | "
                       f"{cell(doc_text(text).strip()) if text else '**undocumented**'} |")
        out.append("")
    out += [
        "## `[rules.CODE]` { #rules }", "",
        "A table per rule, named by its code (`KN104`) or name (`note-too-long`). Every "
        "rule takes `severity` (`\"info\"`, `\"warning\"`, `\"error\"`), `weight` (a "
        "finite number; negative for a good sign) and `enabled` (boolean), read by the "
        "policy's converter like every other key (`RuleSettingsLayer`); the other keys are "
        "the rule's options, listed on its page in the [rule reference](rules/index.md). "
        "The same table can stand under `[platforms.NAME.rules.CODE]`.", "",
        "```toml", "[rules.note-too-long]", "severity = \"error\"", "max_words = 60", "```",
        "",
        "## `[replies.LOCALE]` { #replies }", "",
        "Custom reply texts, under `[replies.de]` or `[replies.en]` (or `[replies.CODE]` "
        "for a locale a plugin adds: its replies are English otherwise). A key is a reply "
        "name, optionally with a form suffix for German (`\"ask_reason.du\"`). "
        "Placeholders: "
        "`{name}` (the other person), `{owner}` (you), `{via}` (the mutual contact of an "
        "introduction request). The reply names are: "
        + ", ".join(f"`{k}`" for k in REPLY_KEYS) + ".", "",
        "## `[owner]` { #owner }", "",
        "Facts about the owner, the account the engine judges for, in the shape of a "
        "profile of the [event contract](../events.md#profiles) (`id` defaults to `me`). "
        "Rules that compare with the owner (for example the premium status that decides "
        "a platform limit for outgoing requests) read it.", "",
    ]
    out += ["## Presets { #presets }", "",
            "A policy starts from a preset with `extends = \"NAME\"` "
            "(`knigge policy init --preset NAME` writes one out). " + _presets_intro(), ""]
    for name in sorted(presets, key=lambda n: (n != "default", n)):
        out += [f"### `{name}`", "", "```toml", presets[name].rstrip(), "```", ""]
    return "\n".join(out)


def _presets_intro() -> str:
    from knigge_engine import presets as module

    doc = inspect.cleandoc(module.__doc__ or "")
    # The module docstring's bullet list describes the built-in presets.
    return "\n\n" + doc_text(doc.split("\n\n", 1)[1] if "\n\n" in doc else doc)


# ---------------------------------------------------------------------------------------
# Hooks
# ---------------------------------------------------------------------------------------


def hook_names() -> list[str]:
    """Every hook of `knigge_engine.hookspecs`, in source order."""
    from knigge_engine import hookspecs

    return [name for name, value in vars(hookspecs).items()
            if name.startswith("knigge_") and callable(value)]


def _hook_signature(name: str) -> str:
    from knigge_engine import hookspecs

    fn = getattr(hookspecs, name)
    sig = inspect.signature(fn)
    params = []
    for param in sig.parameters.values():
        ann = param.annotation
        params.append(param.name if ann is inspect.Parameter.empty else f"{param.name}: {ann}")
    ret = sig.return_annotation
    ret_text = "" if ret is inspect.Signature.empty else f" -> {ret}"
    return f"{name}({', '.join(params)}){ret_text}"


def hook_example(name: str) -> str | None:
    """The example implementation in a hook's docstring (the fenced python block right
    after an `Example:` line), or `None` when the docstring has none."""
    from knigge_engine import hookspecs

    doc = inspect.cleandoc(getattr(hookspecs, name).__doc__ or "")
    lines = doc.splitlines()
    for i, line in enumerate(lines):
        if line.strip().lower() not in ("example:", "for example:"):
            continue
        rest = lines[i + 1:]
        while rest and not rest[0].strip():
            rest = rest[1:]
        if not rest or rest[0].strip() != "```python":
            return None
        block = []
        for follow in rest[1:]:
            if follow.strip() == "```":
                code = textwrap.dedent("\n".join(block)).strip()
                return code + "\n" if code else None
            block.append(follow)
        return None
    return None


def hooks_reference() -> str:
    """Every hook under a heading that is its signature, with its docstring (which
    carries an example implementation)."""
    from knigge_engine import hookspecs

    out = ["# Hooks", "",
           doc_text(hookspecs.__doc__ or ""),
           "Every hook below is listed under its signature. Plugins implement any subset; "
           "argument names must match the specification, and a misspelled hook name is "
           "reported when the engine is built. The [plugin guide](../plugin-guide.md) walks "
           "through a whole plugin.", ""]
    for name in hook_names():
        fn = getattr(hookspecs, name)
        opts = getattr(fn, "knigge_engine_spec", {}) or {}
        out += [f"## `{_hook_signature(name)}` {{ #{name} }}", ""]
        if opts.get("firstresult"):
            out += ["*First result wins.*", ""]
        out += [doc_text(fn.__doc__ or "*undocumented*"), ""]
    return "\n".join(out)


# ---------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------


def _click_commands(cmd: Any, prefix: str, parent: Any = None) -> Iterable[tuple[str, Any, Any]]:
    import click

    # A context per command, chained like a real invocation, so settings such as
    # ``help_option_names`` are inherited from the group.
    ctx = click.Context(cmd, info_name=prefix.rsplit(" ", 1)[-1], parent=parent,
                        **cmd.context_settings)
    yield prefix, cmd, ctx
    if isinstance(cmd, click.Group):
        for sub_name in sorted(cmd.commands):
            yield from _click_commands(cmd.commands[sub_name], f"{prefix} {sub_name}", ctx)


def cli_commands() -> list[str]:
    """Every command path of `knigge` (`knigge`, `knigge check`, …)."""
    from knigge_engine.cli import main

    return [path for path, _, _ in _click_commands(main, "knigge")]


def cli_reference() -> str:
    """Every `knigge` command with its usage, help text and options, from click."""
    import click

    from knigge_engine.cli import main

    out = ["# Command reference", "",
           "Generated from the `knigge` command's own help texts. The [command line]"
           "(../cli.md) page explains exit codes, progress output and personal data.", ""]
    for path, cmd, ctx in _click_commands(main, "knigge"):
        pieces = " ".join(cmd.collect_usage_pieces(ctx))
        anchor = path.replace(" ", "-")
        out += [f"## `{path}` {{ #{anchor} }}", "", "```text", f"{path} {pieces}".rstrip(),
                "```", "", _cell_free(cmd.help or ""), ""]
        rows = []
        for param in cmd.get_params(ctx):
            if isinstance(param, click.Argument):
                try:
                    metavar = param.make_metavar(ctx)
                except TypeError:  # click < 8.2 takes no context
                    metavar = param.make_metavar()  # type: ignore[call-arg]
                rows.append((f"`{metavar}`", "argument"
                             + (", required" if param.required else "")))
                continue
            record = param.get_help_record(ctx)
            if record is not None:
                rows.append((f"`{record[0]}`", record[1]))
        if rows:
            out += ["| option | description |", "|---|---|"]
            out += [f"| {cell(a)} | {cell(b)} |" for a, b in rows]
            out.append("")
        if isinstance(cmd, click.Group) and cmd.commands:
            out += ["Commands: " + ", ".join(
                f"[`{path} {n}`](#{anchor}-{n})" for n in sorted(cmd.commands)), ""]
    return "\n".join(out)


def _cell_free(text: str) -> str:
    # click keeps the docstring's line breaks; re-flow paragraphs, keep \b blocks.
    paragraphs = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(" ".join(p.replace("\b", "").split()) for p in paragraphs)


# ---------------------------------------------------------------------------------------
# All pages
# ---------------------------------------------------------------------------------------


def generate_pages(engine: Any = None) -> dict[str, str]:
    """Every generated page, as `{path relative to docs/: Markdown}`.

    `engine` defaults to `Engine()` with the built-in defaults and every installed
    plugin; its rules, platforms and presets are documented. Raises `RuntimeError`
    when a plugin has problems, so a broken plugin fails the docs build instead of
    silently missing from the reference.
    """
    if engine is None:
        from knigge_engine.engine import Engine
        from knigge_engine.policy import Policy

        engine = Engine(Policy())
    if engine.problems:
        raise RuntimeError("plugin problems: " + "; ".join(str(p) for p in engine.problems))
    rules = list(engine.rules.values())
    by_plugin: dict[str, list[Rule]] = {}
    for r in rules:
        by_plugin.setdefault(r.plugin or "?", []).append(r)
    plugin_pages = {plugin: f"{_slug(plugin)}.md" for plugin in by_plugin}
    pages = {"reference/rules/index.md": _rules_index(rules, plugin_pages)}
    for plugin, plugin_rules in sorted(by_plugin.items()):
        title = "Built-in rules" if plugin == "builtin" else f"Rules of the plugin `{plugin}`"
        pages[f"reference/rules/{plugin_pages[plugin]}"] = rule_reference(plugin_rules, title)
    pages["reference/policy.md"] = policy_reference(engine.presets)
    pages["reference/hooks.md"] = hooks_reference()
    pages["reference/platforms.md"] = platforms_reference(engine.platforms.values())
    pages["reference/cli.md"] = cli_reference()
    return pages


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "plugin"


def write_pages(out_dir: str | Path, pages: Mapping[str, str] | None = None) -> list[Path]:
    """Write `generate_pages` (or `pages`) under `out_dir`; returns the files."""
    out_dir = Path(out_dir)
    written = []
    for rel, text in (pages if pages is not None else generate_pages()).items():
        target = out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written


if __name__ == "__main__":  # pragma: no cover - ``python docs/gen/reference.py OUTDIR``
    for path in write_pages(sys.argv[1] if len(sys.argv) > 1 else "generated-docs"):
        print(path)
