"""Documentation generated from metadata: the rule, policy, hook, platform and command
references.

``knigge explain CODE`` prints :func:`rule_markdown`. The docs build (``nox -s docs``)
calls :func:`generate_pages` through the MkDocs hook ``docs/gen/mkdocs_hooks.py`` and adds
the pages it returns to the site, so code and docs cannot drift apart;
``python -m knigge_engine.docs OUTDIR`` writes the same pages to a folder for reading.

Descriptions come from the code: rule metadata and check docstrings, ``#:`` comments
above the fields of options classes and policy classes, hook docstrings (each with an
``Example::`` block), and the ``knigge`` command's help texts.
"""

from __future__ import annotations

import ast
import inspect
import json
import re
import sys
import textwrap
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from .rules import Example, PlatformSpec, Rule

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
    "rst_to_markdown",
    "rule_markdown",
    "rule_reference",
]

# ---------------------------------------------------------------------------------------
# Helpers: docstrings to Markdown, field descriptions from the source
# ---------------------------------------------------------------------------------------

_ROLE_RE = re.compile(r":[a-z]+(?::[a-z]+)?:`~?([^`<]+?)(?:\s*<[^>]+>)?`")
_LITERAL_RE = re.compile(r"``([^`]+?)``")


def _role_target(match: re.Match[str]) -> str:
    target = match.group(1).strip()
    # ``~a.b.C`` shows only the last part, like Sphinx.
    if match.group(0).split("`", 1)[1].startswith("~"):
        target = target.rsplit(".", 1)[-1]
    return f"`{target}`"


def rst_to_markdown(text: str) -> str:
    """Turn a reStructuredText-flavoured docstring into Markdown.

    Handles what this project's docstrings use: ``code`` literals, cross-reference roles
    (shown as code), and ``::`` literal blocks (shown as Python code blocks). The text is
    dedented first, so a raw ``__doc__`` works.
    """
    text = inspect.cleandoc(text or "")
    out: list[str] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.rstrip()
        if stripped.endswith("::") and not stripped.lstrip().startswith(".."):
            # Literal block: the next indented lines, after an optional blank line.
            intro = stripped[:-2].rstrip()
            if intro.strip():
                out.append(_inline(intro) + ":")
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            block: list[str] = []
            while j < len(lines) and (not lines[j].strip() or lines[j].startswith((" ", "\t"))):
                block.append(lines[j])
                j += 1
            while block and not block[-1].strip():
                block.pop()
            if block:
                code = textwrap.dedent("\n".join(block))
                out += ["", f"```{_block_language(code)}", code, "```", ""]
                i = j
                continue
        out.append(_inline(line))
        i += 1
    return "\n".join(out).strip() + "\n"


def _block_language(code: str) -> str:
    # Literal blocks in docstrings are Python, except TOML snippets (entry points,
    # policies), which start with a [table] header or a key = value line.
    first = code.lstrip().splitlines()[0] if code.strip() else ""
    if re.match(r"\[[\w.\-\]\[ ]+\]$", first) or re.match(r"[\w-]+ = [\"'\[\d]", first):
        return "toml"
    return "python"


def _inline(line: str) -> str:
    line = _ROLE_RE.sub(_role_target, line)
    return _LITERAL_RE.sub(lambda m: f"`{m.group(1)}`", line)


def field_docs(cls: type) -> dict[str, str]:
    """The description of each field of a class, read from its source: ``#:`` comment
    lines right above the field (the convention of options and policy classes), or a
    string literal right below it. Fields without either are left out."""
    try:
        lines, _ = inspect.getsourcelines(cls)
    except (OSError, TypeError):
        return {}
    source = textwrap.dedent("".join(lines))
    tree = ast.parse(source)
    node = tree.body[0]
    if not isinstance(node, ast.ClassDef):
        return {}
    src_lines = source.splitlines()
    docs: dict[str, str] = {}
    body = node.body
    for index, stmt in enumerate(body):
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            name = stmt.target.id
        elif (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
              and isinstance(stmt.targets[0], ast.Name)):
            name = stmt.targets[0].id
        else:
            continue
        comment: list[str] = []
        row = stmt.lineno - 2  # the line above, 0-based
        while row >= 0 and src_lines[row].strip().startswith("#:"):
            comment.insert(0, src_lines[row].strip()[2:].strip())
            row -= 1
        text = " ".join(comment)
        following = body[index + 1] if index + 1 < len(body) else None
        if (not text and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)):
            text = " ".join(inspect.cleandoc(following.value.value).split())
        if text:
            docs[name] = text
    return docs


def _default_of(field: attrs.Attribute[Any]) -> Any:
    default = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        default = default.factory()  # type: ignore[union-attr]
    return default


def _shown(value: Any, limit: int = 80) -> str:
    if value is attrs.NOTHING:
        return "required"
    if value is None:
        return "unset"
    if attrs.has(type(value)):
        return "see below"
    if isinstance(value, (tuple, frozenset, set)):
        value = list(value)
    shown = json.dumps(value, ensure_ascii=False)
    if len(shown) > limit:
        shown = shown[: limit - 3] + "…"
    return f"`{shown}`"


def _type_name(field: attrs.Attribute[Any]) -> str:
    raw = field.type
    text = raw if isinstance(raw, str) else getattr(raw, "__name__", None) or str(raw)
    return str(text).replace("typing.", "")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


# ---------------------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------------------


def _example_block(example: Example) -> str:
    parts = []
    if example.title:
        parts.append(f"*{example.title}*\n")
    if example.policy:
        parts.append("With the policy fragment `" + json.dumps(example.policy,
                                                                  ensure_ascii=False) + "`:\n")
    if example.history:
        parts.append("After these earlier events:\n")
        parts.append("```json\n" + "\n".join(json.dumps(h, ensure_ascii=False)
                                             for h in example.history) + "\n```\n")
    if example.now:
        parts.append(f"Checked at `{example.now}`.\n")
    if example.event is not None:
        parts.append("```json\n" + json.dumps(example.event, ensure_ascii=False, indent=None)
                     + "\n```")
    return "\n".join(parts)


def _options_table(rule: Rule) -> str:
    if rule.options is None:
        return "None besides `severity`, `weight` and `enabled`.\n"
    described = field_docs(rule.options)
    lines = ["| option | type | default | description |", "|---|---|---|---|"]
    for field in attrs.fields(rule.options):
        lines.append(f"| `{field.name}` | `{_cell(_type_name(field))}` | "
                     f"{_cell(_shown(_default_of(field)))} | "
                     f"{_cell(rst_to_markdown(described.get(field.name, '')).strip())} |")
    lines.append("\nplus `severity`, `weight` and `enabled`.")
    doc = inspect.cleandoc(rule.options.__doc__ or "")
    # Some options classes describe their fields in the class docstring instead of
    # ``#:`` comments; show it unless it is the "Options of KN104." boilerplate.
    if doc and not re.fullmatch(r"Options of \w+\.?", doc):
        lines += ["", rst_to_markdown(doc).strip()]
    return "\n".join(lines) + "\n"


def _messages_table(rule: Rule) -> str:
    """Messages side by side: one row per message key, German and English columns."""
    variants: dict[str, dict[str, str]] = {}
    for key, template in rule.messages.items():
        locale, _, variant = key.partition(".")
        variants.setdefault(variant, {})[locale] = template
    lines = ["| variant | English | Deutsch |", "|---|---|---|"]
    for variant in sorted(variants, key=lambda v: (v != "", v)):
        texts = variants[variant]
        lines.append(f"| {f'`{variant}`' if variant else 'default'} | "
                     f"{_cell(texts.get('en', '—'))} | {_cell(texts.get('de', '—'))} |")
    others = sorted({k.partition('.')[0] for k in rule.messages} - {"de", "en"})
    if others:
        lines.append(f"\nAlso in: {', '.join(others)}.")
    return "\n".join(lines) + "\n"


def rule_markdown(rule: Rule, *, locale: str = "en", level: int = 2) -> str:
    """One rule's reference page: what it does, why, examples, options, messages.

    ``locale`` is accepted for ``knigge explain --locale``; the page shows the messages of
    every locale side by side.
    """
    h = "#" * level
    positive = rule.weight < 0
    kinds = ", ".join(sorted(k.value for k in rule.kinds)) or "follow-through"
    directions = ", ".join(sorted(d.value for d in rule.directions))
    lines = [
        f"{h} {rule.code} `{rule.name}`",
        "",
        f"*{rule.summary}*",
        "",
        f"- plugin: `{rule.plugin or '?'}`; default severity `{rule.severity.value}`, "
        f"weight `{rule.weight:+g}`" + (" (a good sign)" if positive else ""),
        f"- applies to: {directions} {kinds}"
        + (f"; needs the capability {', '.join(f'`{c}`' for c in sorted(rule.requires))}"
           if rule.requires else "")
        + (f"; on {', '.join(f'`{p}`' for p in sorted(rule.platforms))} only"
           if rule.platforms else ""),
    ]
    if rule.follow_through:
        lines.append("- a follow-through rule: runs over the history at a moment `now`")
    elif rule.needs_history:
        lines.append("- reads the history (silent without one)")
    if rule.action is not None:
        lines.append(f"- proposes the action `{rule.action.value}`")
    if not rule.enabled:
        lines.append("- off by default: enable it with `select` or `enabled = true`")
    lines += ["", f"{h}# What it does", "", rst_to_markdown(rule.details or rule.summary),
              f"{h}# Why", "", rst_to_markdown(rule.why), f"Source: {rule.source}.", ""]
    lines += [f"{h}# Example", ""]
    lines.append("Fires:" if not positive else "Fires (the good sign is present):")
    lines.append("")
    for ex in rule.bad:
        lines += [_example_block(ex), ""]
    lines.append("Silent:")
    lines.append("")
    for ex in rule.good:
        lines += [_example_block(ex), ""]
    lines += [f"{h}# Options", "", _options_table(rule), f"{h}# Messages", "",
              _messages_table(rule)]
    return "\n".join(lines)


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
                   f"{r.severity.value} | {_cell(r.summary)} |")
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
                   f"{r.severity.value} | {r.weight:+g} | {_cell(r.summary)} |")
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
                f"{_cell(spec.sources.get(name, ''))} |")

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
}


def _toml_type(field: attrs.Attribute[Any]) -> str:
    name = _type_name(field)
    if name in _TYPE_WORDS:
        return _TYPE_WORDS[name]
    if name.startswith("tuple[") and name.endswith(", ...]"):
        return f"array of `[[{field.name}]]` tables"
    if name.startswith("dict[str, ") and name.endswith("]"):
        return f"table of `{name[10:-1]}` tables"
    return f"`{name}` table"


def _policy_sections() -> list[tuple[str, str, type]]:
    from . import policy as p

    return [
        ("top-level", "Top level", p.Policy),
        ("thresholds", "[thresholds]", p.Thresholds),
        ("platforms", "[platforms.NAME]", p.PlatformPolicy),
        ("history", "[history]", p.HistoryPolicy),
        ("plugins", "[plugins]", p.PluginsPolicy),
        ("suppress", "[[suppress]]", p.Suppression),
    ]


def policy_keys() -> list[tuple[str, str, str]]:
    """Every documented policy key as ``(class name, key, description)``; the description
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
    type, default and the description from its ``#:`` comment) plus the presets' TOML."""
    from .replies import REPLY_KEYS

    if presets is None:
        from .presets import PRESETS

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
        out += [f"## `{title}` {{ #{anchor} }}", "", rst_to_markdown(cls.__doc__ or ""),
                "| key | type | default | description |", "|---|---|---|---|"]
        for field in attrs.fields(cls):
            if field.name == "source":  # where the policy was read from, not a key
                continue
            text = described.get(field.name, "")
            out.append(f"| `{field.name}` | {_cell(_toml_type(field))} | "
                       f"{_cell(_shown(_default_of(field)))} | "
                       f"{_cell(rst_to_markdown(text).strip()) if text else '**undocumented**'} |")
        out.append("")
    out += [
        "## `[rules.CODE]` { #rules }", "",
        "A table per rule, named by its code (`KN104`) or name (`note-too-long`). Every "
        "rule takes `severity` (`\"info\"`, `\"warning\"`, `\"error\"`), `weight` (a "
        "number; negative for a good sign) and `enabled` (boolean); the other keys are "
        "the rule's options, listed on its page in the [rule reference](rules/index.md). "
        "The same table can stand under `[platforms.NAME.rules.CODE]`.", "",
        "```toml", "[rules.note-too-long]", "severity = \"error\"", "max_words = 60", "```",
        "",
        "## `[replies.LOCALE]` { #replies }", "",
        "Custom reply texts, under `[replies.de]` or `[replies.en]`. A key is a reply name, "
        "optionally with a form suffix for German (`\"ask_reason.du\"`). Placeholders: "
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
    from . import presets as module

    doc = inspect.cleandoc(module.__doc__ or "")
    # The module docstring's bullet list describes the built-in presets.
    return "\n\n" + rst_to_markdown(doc.split("\n\n", 1)[1] if "\n\n" in doc else doc)


# ---------------------------------------------------------------------------------------
# Hooks
# ---------------------------------------------------------------------------------------


def hook_names() -> list[str]:
    """Every hook of ``knigge_engine.hookspecs``, in source order."""
    from . import hookspecs

    return [name for name, value in vars(hookspecs).items()
            if name.startswith("knigge_") and callable(value)]


def _hook_signature(name: str) -> str:
    from . import hookspecs

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
    """The example implementation in a hook's docstring (the ``Example::`` block), or
    ``None`` when the docstring has none."""
    from . import hookspecs

    doc = inspect.cleandoc(getattr(hookspecs, name).__doc__ or "")
    lines = doc.splitlines()
    for i, line in enumerate(lines):
        if line.strip().lower() in ("example::", "for example::"):
            block = []
            for follow in lines[i + 1:]:
                if follow.strip() and not follow.startswith((" ", "\t")):
                    break
                block.append(follow)
            code = textwrap.dedent("\n".join(block)).strip()
            return code + "\n" if code else None
    return None


def hooks_reference() -> str:
    """Every hook under a heading that is its signature, with its docstring (which
    carries an example implementation)."""
    from . import hookspecs

    out = ["# Hooks", "",
           rst_to_markdown(hookspecs.__doc__ or ""),
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
        out += [rst_to_markdown(fn.__doc__ or "*undocumented*"), ""]
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
    """Every command path of ``knigge`` (``knigge``, ``knigge check``, …)."""
    from .cli import main

    return [path for path, _, _ in _click_commands(main, "knigge")]


def cli_reference() -> str:
    """Every ``knigge`` command with its usage, help text and options, from click."""
    import click

    from .cli import main

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
            out += [f"| {_cell(a)} | {_cell(b)} |" for a, b in rows]
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
    """Every generated page, as ``{path relative to docs/: Markdown}``.

    ``engine`` defaults to ``Engine()`` with the built-in defaults and every installed
    plugin; its rules, platforms and presets are documented. Raises ``RuntimeError``
    when a plugin has problems, so a broken plugin fails the docs build instead of
    silently missing from the reference.
    """
    if engine is None:
        from .engine import Engine
        from .policy import Policy

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
    """Write :func:`generate_pages` (or ``pages``) under ``out_dir``; returns the files."""
    out_dir = Path(out_dir)
    written = []
    for rel, text in (pages if pages is not None else generate_pages()).items():
        target = out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written


if __name__ == "__main__":  # pragma: no cover - ``python -m knigge_engine.docs OUTDIR``
    for path in write_pages(sys.argv[1] if len(sys.argv) > 1 else "generated-docs"):
        print(path)
