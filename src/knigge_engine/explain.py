"""A rule's explanation as Markdown: what `knigge explain CODE` prints and what the
generated rule reference (`docs/gen/reference.py`) is made of.

Descriptions come from the code: rule metadata and check docstrings, and `#:` comments
above the fields of options classes.
"""

from __future__ import annotations

import ast
import inspect
import json
import re
import textwrap
from typing import Any

import attrs

from .rules import Example, Rule

__all__ = [
    "cell",
    "default_of",
    "doc_text",
    "field_docs",
    "rule_markdown",
    "shown",
    "type_name",
]

# ---------------------------------------------------------------------------------------
# Helpers: docstrings as Markdown, field descriptions from the source
# ---------------------------------------------------------------------------------------

def doc_text(text: str | None) -> str:
    """A docstring (or rule text) as the Markdown it is written in: dedented like
    `inspect.cleandoc`, ending in one newline."""
    return inspect.cleandoc(text or "").strip() + "\n"


def field_docs(cls: type) -> dict[str, str]:
    """The description of each field of a class, read from its source: `#:` comment
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


def default_of(field: attrs.Attribute[Any]) -> Any:
    default = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        default = default.factory()  # type: ignore[union-attr]
    return default


def shown(value: Any, limit: int = 80) -> str:
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


def type_name(field: attrs.Attribute[Any]) -> str:
    raw = field.type
    text = raw if isinstance(raw, str) else getattr(raw, "__name__", None) or str(raw)
    return str(text).replace("typing.", "")


def cell(text: str) -> str:
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
        lines.append(f"| `{field.name}` | `{cell(type_name(field))}` | "
                     f"{cell(shown(default_of(field)))} | "
                     f"{cell(doc_text(described.get(field.name, '')).strip())} |")
    lines.append("\nplus `severity`, `weight` and `enabled`.")
    doc = inspect.cleandoc(rule.options.__doc__ or "")
    # Some options classes describe their fields in the class docstring instead of
    # ``#:`` comments; show it unless it is the "Options of KN104." boilerplate.
    if doc and not re.fullmatch(r"Options of \w+\.?", doc):
        lines += ["", doc_text(doc).strip()]
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
                     f"{cell(texts.get('en', '—'))} | {cell(texts.get('de', '—'))} |")
    others = sorted({k.partition('.')[0] for k in rule.messages} - {"de", "en"})
    if others:
        lines.append(f"\nAlso in: {', '.join(others)}.")
    return "\n".join(lines) + "\n"


def rule_markdown(rule: Rule, *, locale: str = "en", level: int = 2) -> str:
    """One rule's reference page: what it does, why, examples, options, messages.

    `locale` is accepted for `knigge explain --locale`; the page shows the messages of
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
    lines += ["", f"{h}# What it does", "", doc_text(rule.details or rule.summary),
              f"{h}# Why", "", doc_text(rule.why), f"Source: {rule.source}.", ""]
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
