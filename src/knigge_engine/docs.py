"""Documentation generated from metadata: the rule reference and platform tables.

``knigge explain CODE`` prints :func:`rule_markdown`; the docs build writes
:func:`rule_reference` into ``docs/rules.md`` so code and docs cannot drift apart.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import attrs

from .rules import Example, PlatformSpec, Rule

__all__ = ["platform_markdown", "rule_markdown", "rule_reference"]


def _example_block(example: Example) -> str:
    parts = []
    if example.title:
        parts.append(f"*{example.title}*\n")
    if example.policy:
        parts.append("With the policy fragment `" + json.dumps(example.policy,
                                                                  ensure_ascii=False) + "`:\n")
    if example.event is not None:
        parts.append("```json\n" + json.dumps(example.event, ensure_ascii=False, indent=None)
                     + "\n```")
    return "\n".join(parts)


def _options_table(rule: Rule) -> str:
    if rule.options is None:
        return "None besides `severity`, `weight` and `enabled`.\n"
    lines = ["| option | type | default |", "|---|---|---|"]
    for field in attrs.fields(rule.options):
        default = field.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            default = default.factory()  # type: ignore[union-attr]
        shown = json.dumps(list(default) if isinstance(default, tuple) else default,
                           ensure_ascii=False)
        if len(shown) > 80:
            shown = shown[:77] + "…"
        type_name = getattr(field.type, "__name__", None) or str(field.type)
        lines.append(f"| `{field.name}` | `{type_name}` | `{shown}` |")
    lines.append("\nplus `severity`, `weight` and `enabled`.")
    return "\n".join(lines) + "\n"


def rule_markdown(rule: Rule, *, locale: str = "en", level: int = 2) -> str:
    """One rule's reference page: what it does, why, examples, options, messages."""
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
           if rule.requires else ""),
    ]
    if rule.action is not None:
        lines.append(f"- proposes the action `{rule.action.value}`")
    if not rule.enabled:
        lines.append("- off by default: enable it with `select` or `enabled = true`")
    lines += ["", f"{h}# What it does", "", rule.details or rule.summary, "",
              f"{h}# Why", "", rule.why, "", f"Source: {rule.source}.", ""]
    lines += [f"{h}# Example", ""]
    lines.append("Fires:" if not positive else "Fires (the good sign is present):")
    lines.append("")
    for ex in rule.bad:
        lines += [_example_block(ex), ""]
    lines.append("Silent:")
    lines.append("")
    for ex in rule.good:
        lines += [_example_block(ex), ""]
    lines += [f"{h}# Options", "", _options_table(rule), f"{h}# Messages", ""]
    for key in sorted(rule.messages):
        lines.append(f"- `{key}`: {rule.messages[key]}")
    lines.append("")
    return "\n".join(lines)


def rule_reference(rules: Iterable[Rule], title: str = "Rule reference") -> str:
    """The whole rule reference: an index table and one section per rule."""
    rules = sorted(rules, key=lambda r: r.code)
    out = [f"# {title}", "",
           "Generated from the rules' own metadata (`knigge explain CODE` prints the same).",
           "", "| code | name | plugin | severity | summary |", "|---|---|---|---|---|"]
    for r in rules:
        out.append(f"| [{r.code}](#{r.code.lower()}-{r.name}) | `{r.name}` | {r.plugin} | "
                   f"{r.severity.value} | {r.summary} |")
    out.append("")
    for r in rules:
        out.append(rule_markdown(r, level=2))
    return "\n".join(out)


def platform_markdown(spec: PlatformSpec) -> str:
    """A platform spec's capabilities and limits as tables, with sources."""
    lines = [f"## {spec.title or spec.name} (`{spec.name}`)", "", spec.description, "",
             f"Default locale `{spec.locale}`, form of address "
             f"`{spec.address_form or '-'}`.", "",
             "| setting | free | premium | source |", "|---|---|---|---|"]

    def row(name: str, free: Any, paid: Any) -> str:
        return f"| `{name}` | {free} | {paid} | {spec.sources.get(name, '')} |"

    for name in sorted(set(spec.capabilities) | set(spec.premium_capabilities)):
        lines.append(row(name, spec.capabilities.get(name),
                         spec.premium_capabilities.get(name, spec.capabilities.get(name))))
    for name in sorted(set(spec.limits) | set(spec.premium_limits)):
        lines.append(row(name, spec.limits.get(name),
                         spec.premium_limits.get(name, spec.limits.get(name))))
    if spec.rule_defaults:
        lines += ["", "Rule defaults on this platform:", ""]
        for code, table in sorted(spec.rule_defaults.items()):
            lines.append(f"- `{code}`: " + ", ".join(f"{k} = {v!r}" for k, v in table.items()))
    return "\n".join(lines) + "\n"
