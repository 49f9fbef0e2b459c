"""`knigge policy init|show|validate`: write, inspect and check policies.

- `init` prints a commented starting policy to standard output (`-o FILE` writes
  it, refusing to overwrite without `--force`): `extends` the chosen preset, and
  every other key present as a comment that explains it, showing the value the preset
  gives (so the file behaves exactly like the preset until a line is uncommented).
- `show` prints the fully resolved policy as TOML: the preset or file it `extends`
  merged in, nothing left implicit. Loading the printed TOML gives an equal policy. With
  `--platform NAME` it prints what the policy means on one platform instead: the
  platform spec's rule defaults, `[rules]` and `[platforms.NAME.rules]` layered, and
  whether each rule runs.
- `validate` loads the policy **and builds an engine with it**, so unknown rule codes in
  `rules`/`select`/`ignore`/`suppress` (with "did you mean"), option types and
  reply templates and `[platforms.NAME]` tables are checked against the installed
  plugins. Exit 0 when valid, 2 with **every** problem, each naming the file and key path.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Any

import attrs
import click
import tomli_w

from ..engine import Engine, EngineError
from ..plugins import PluginError
from ..policy import (
    DEFAULT_POLICY_FILE,
    Policy,
    PolicyError,
    Thresholds,
    find_policy,
    policy_from_dict,
    policy_to_toml,
)
from .common import fail, fail_policy

__all__ = ["init_text", "policy_group", "resolved_text"]



def _engine(path: str | None, disable: tuple[str, ...]) -> Engine:
    """An engine for `path` (`None`: the policy file found from here, else the
    default preset); policy, engine and plugin errors end the command with status 2."""
    try:
        return Engine(path, blocked=disable)
    except PolicyError as exc:
        fail_policy(exc)
    except (EngineError, PluginError) as exc:
        fail(str(exc))


@click.group("policy", short_help="Write, show and validate policies.")
def policy_group() -> None:
    """Write, show and check policies (knigge.toml or [tool.knigge] in pyproject.toml)."""


# ---------------------------------------------------------------------------- init


def _comment(text: str) -> list[str]:
    return [f"# {line}".rstrip() for line in text.splitlines()]


def _toml_value(value: Any) -> str:
    """One TOML value as text, on one line (arrays inline)."""
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return tomli_w.dumps({"v": value}).split("=", 1)[1].strip()


def _commented_table(header: str, values: dict[str, Any]) -> list[str]:
    lines = [f"# [{header}]"]
    lines += [f"# {k} = {_toml_value(v)}" for k, v in values.items()]
    return lines


_THRESHOLD_HELP = {
    "revise": "outgoing: at or above this score, revise before sending",
    "dont_send": "outgoing: at or above this score, do not send at all",
    "accept_and_ask": "incoming request: accept, and ask what it is about",
    "ask_first": "incoming request: ask before accepting",
    "decline": "incoming request: decline (politely)",
}


def init_text(preset: str, engine: Engine) -> str:
    """The commented starting policy `knigge policy init --preset PRESET` writes.

    Only `extends` and `locale` are set; every other key is a comment with the value
    the preset resolves to, so the file means exactly the preset until edited.
    """
    resolved = policy_from_dict({"extends": preset}, presets=engine.presets,
                                source=f"preset '{preset}'")
    t = resolved.thresholds
    out: list[str] = []
    add = out.extend
    add(_comment(
        f"knigge policy, started from the '{preset}' preset (knigge policy init).\n"
        "Every key below is optional. Uncomment a line to change a setting; the\n"
        "commented value is what the preset gives.\n"
        "Check this file with `knigge policy validate`, and see what it resolves to\n"
        "with `knigge policy show`."))
    add(["", *_comment(
        "The preset or file (a path ending in .toml) this policy builds on. Tables below\n"
        "are merged over it key by key; lists (select, ignore) replace the parent's,\n"
        "extend_select and extend_ignore add to them.\n"
        f"Presets: {', '.join(sorted(engine.presets))}."),
        f"extends = {_toml_value(preset)}"])
    add(["", *_comment(
        'Language of messages and replies: "auto" (the language of the note or message),\n'
        '"de" or "en".'), f"locale = {_toml_value(resolved.locale)}"])
    add(["", *_comment("Raise when a rule crashes instead of reporting it (for tests)."),
         f"# strict = {_toml_value(resolved.strict)}"])
    add(["", *_comment(
        'Which rules run: codes ("KN101"), code prefixes ("KN1"), names ("missing-note")\n'
        'or "ALL". Without select, every rule that is on by default runs. When a rule\n'
        "matches both select and ignore, the more specific entry wins (an exact code or\n"
        "name beats a longer prefix beats a shorter one); on a tie, ignore wins."),
        f"# select = {_toml_value(list(resolved.select))}" if resolved.select is not None
        else '# select = ["KN1", "KN2"]  # not set: every rule on by default runs',
        f"# ignore = {_toml_value(list(resolved.ignore))}",
        "# extend_select = []  # added to the parent's selection",
        "# extend_ignore = []  # added to the parent's ignores"])
    add(["", *_comment(
        "Facts about you, the owner: directions (incoming, outgoing) are relative to\n"
        "you, and replies are signed with your name."),
        "# [owner]", '# id = "me"', '# name = "Jana Schröder"', "# premium = true"])
    add(["", *_comment(
        "The score of an event is the sum of its findings' weights (concerns count\n"
        "positive, good signs negative). The thresholds turn it into an action:"),
        "# [thresholds]"])
    for field in attrs.fields(Thresholds):
        add([f"# {field.name} = {_toml_value(getattr(t, field.name))}"
             f"  # {_THRESHOLD_HELP.get(field.name, '')}".rstrip(" #")])
    add(["", *_comment(
        "Per-rule settings, by code or name: severity (\"info\", \"warning\", \"error\"),\n"
        "weight (added to the score when the rule fires), enabled, and the rule's own\n"
        "options. The rules with options and the values this preset gives them:")])
    shared = Counter(r.name for r in engine.rules.values())
    for rule in engine.rules.values():
        merged: dict[str, Any] = {}
        for key in (rule.code, rule.name):
            merged.update(resolved.rules.get(key, {}))
        if rule.options is None and not merged:
            continue
        opts = rule.default_options()
        long_lists: list[str] = []
        values: dict[str, Any] = {
            "severity": merged.get("severity", rule.severity.value),
            "weight": merged.get("weight", rule.weight),
        }
        if opts is not None:
            for field in attrs.fields(type(opts)):
                value = merged.get(field.name, getattr(opts, field.name))
                if value is None:
                    long_lists.append(f"{field.name}: not set by default")
                    continue
                if isinstance(value, (tuple, list)) and len(value) > 6:
                    # Long word lists would drown the file; name them instead.
                    long_lists.append(f"{field.name}: {len(value)} entries, see "
                                      f"`knigge explain {rule.code}`")
                    continue
                values[field.name] = list(value) if isinstance(value, tuple) else value
        # Platform plugins may share a name (one check per platform): key by code then,
        # since a name would set every rule that carries it.
        key = rule.name if shared[rule.name] == 1 else rule.code
        lines = _commented_table(f"rules.{key}", values)
        lines += [f"# {item}" for item in long_lists]
        add(["", f"# {rule.code}: {rule.summary}", *lines])
    platforms = ", ".join(sorted(engine.platforms)) or "none installed"
    add(["", *_comment(
        "Per-platform overrides: everything above (select, ignore, thresholds, rules,\n"
        "locale) for one platform, plus switching it off and correcting its\n"
        "capabilities and limits. Rule settings layer: the platform plugin's defaults,\n"
        f"then [rules], then [platforms.NAME.rules]. Installed platforms: {platforms}."),
        "# [platforms.generic]", "# enabled = true", '# locale = "de"',
        "# optional = false  # true: no error where no plugin provides the platform",
        "# [platforms.generic.thresholds]", "# decline = 3.0",
        "# [platforms.generic.rules.missing-note]", '# severity = "error"'])
    add(["", *_comment(
        "Reply texts, per language; a key may name a form of address (\"ask_reason.du\").\n"
        "A text replaces the whole reply, greeting included. Placeholders: {name} (the\n"
        "other person), {owner} (you), {other} (the mutual contact of an introduction)."),
        "# [replies.de]",
        '# ask_reason = "Guten Tag {name}, danke für Ihre Anfrage. Woher kennen wir uns?"'])
    add(["", *_comment(
        "Standing exceptions: silence a rule, every rule for one sender (profile id),\n"
        "or both. A reason is required; after the optional expiry date the suppression\n"
        "stops applying and `knigge check` reports it, as it reports unused ones."),
        "# [[suppress]]", '# rule = "contact-collector"', '# sender = "x-4711"',
        '# reason = "recruits for our partner agency"', "# expires = 2026-12-31"])
    add(["", *_comment("Where the history database lives (follow-through rules)."),
         "# [history]", '# path = "knigge-history.sqlite"'])
    add(["", *_comment("Plugins to leave out, by entry-point name."),
         "# [plugins]", "# disable = []"])
    return "\n".join(out) + "\n"


@policy_group.command("init")
@click.option("--preset", default="default", show_default=True,
              help="The preset to start from (built-in or from a plugin).")
@click.option("-o", "--output", default="-", metavar="FILE",
              help="Write the policy to FILE (e.g. knigge.toml) instead of standard output "
              "('-', the default), so `knigge policy init > knigge.toml` works too.")
@click.option("--force", is_flag=True, help="Overwrite an existing file given with -o.")
@click.option("--disable-plugin", "disable", multiple=True,
              help="Leave a plugin out (repeatable).")
def init_cmd(preset: str, output: str, force: bool, disable: tuple[str, ...]) -> None:
    """Print a commented starting policy that extends a preset (or write it to -o FILE)."""
    engine = _engine_for_presets(disable)
    if preset not in engine.presets:
        from ..policy import did_you_mean

        fail(f"unknown preset '{preset}'{did_you_mean(preset, engine.presets)}; "
              f"presets: {', '.join(sorted(engine.presets))}")
    text = init_text(preset, engine)
    if output == "-":
        click.echo(text, nl=False)
        return
    path = Path(output)
    if path.exists() and not force:
        fail(f"{path} exists; use --force to overwrite it")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    with os.fdopen(os.open(path, flags, 0o644), "w", encoding="utf-8") as f:
        f.write(text)
    click.echo(f"knigge: wrote {path} (extends '{preset}'); check it with "
               f"`knigge policy validate {path}`", err=True)


def _engine_for_presets(disable: tuple[str, ...]) -> Engine:
    # The policy file in the working directory does not matter for init: start from the
    # built-in defaults so a broken knigge.toml cannot stop writing a new one.
    try:
        return Engine(Policy(), blocked=disable)
    except (EngineError, PluginError) as exc:
        fail(str(exc))


# ---------------------------------------------------------------------------- show


def resolved_text(policy: Policy) -> str:
    """The resolved policy as TOML, headed by a comment saying where it came from."""
    origin = policy.source or "the built-in defaults"
    head = [f"# resolved policy from {origin}"]
    if policy.extends:
        head.append(f"# (extends '{policy.extends}'; its settings are merged in below)")
    if policy.select is None:
        head.append("# select is not set: every rule that is on by default runs")
    return "\n".join(head) + "\n\n" + policy_to_toml(policy)


def _rule_state(engine: Engine, rule: Any, platform: str | None,
                spec: Any) -> tuple[bool, bool, str, Any, float, Any]:
    """`(selected, enabled, why not selected, severity, weight, options)` of a rule on
    a platform, the way the engine's plan decides it (a rule that is off by default runs
    when the policy sets `enabled = true` or selects it)."""
    selected, on, why_not, settings = engine.plan.state(rule, platform)
    return selected, on, why_not, settings.severity, settings.weight, settings.options


def platform_view(engine: Engine, platform: str) -> str:
    """What the policy means on one platform, as TOML (a report, not a policy)."""
    spec = engine.platform(platform)
    pp = engine.policy.platforms.get(platform)
    thresholds = attrs.asdict(engine.policy.thresholds)
    if pp is not None:
        thresholds = attrs.asdict(pp.thresholds.over(engine.policy.thresholds))
        # The policy may correct the platform's capabilities (as the engine's plan does).
        spec = attrs.evolve(
            spec, capabilities={**spec.capabilities, **pp.capabilities},
            premium_capabilities={**spec.premium_capabilities, **pp.capabilities})
    view: dict[str, Any] = {
        "platform": {
            "name": platform,
            "plugin": spec.plugin or "none (generic spec)",
            "enabled": pp.enabled if pp is not None else True,
            "locale": (pp.locale if pp and pp.locale else None) or engine.policy.locale,
            "thresholds": thresholds,
        },
        "rules": {},
    }
    for rule in engine.rules.values():
        selected, on, why_not, severity, weight, options = _rule_state(engine, rule,
                                                                       platform, spec)
        entry: dict[str, Any] = {"name": rule.name, "runs": bool(selected and on)}
        only = getattr(rule, "platforms", None)
        if only and platform not in only:
            entry["runs"] = False
            entry["why_not"] = f"runs on {', '.join(sorted(only))} only"
        elif not selected:
            entry["why_not"] = why_not
        elif not on:
            entry["why_not"] = "disabled by the policy (enabled = false)"
        elif rule.requires:
            caps = {c: (spec.capability(c, False), spec.capability(c, True))
                    for c in sorted(rule.requires)}
            if any(free is not True and paid is not True for free, paid in caps.values()):
                entry["runs"] = False
                entry["why_not"] = f"{platform} does not offer " + ", ".join(
                    c for c, (free, paid) in caps.items() if free is not True
                    and paid is not True)
            elif any(free is not True for free, _ in caps.values()):
                entry["note"] = "runs for premium accounts only"
        entry["severity"] = severity.value
        entry["weight"] = weight
        if options is not None:
            for field in attrs.fields(type(options)):
                value = getattr(options, field.name)
                if value is not None:
                    entry[field.name] = list(value) if isinstance(value, tuple) else value
        view["rules"][rule.code] = entry
    head = (f"# what the policy ({engine.policy.source or 'built-in defaults'}) means on "
            f"platform '{platform}':\n# platform defaults < [rules] < "
            f"[platforms.{platform}.rules]\n\n")
    return head + tomli_w.dumps(view)


@policy_group.command("show")
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@click.option("--policy", "path", type=click.Path(dir_okay=False), default=None,
              help="Policy file (default: knigge.toml or [tool.knigge] in pyproject.toml "
              "here or above, else the 'default' preset).")
@click.option("--platform", default=None,
              help="Show the effective rule settings on this platform instead.")
@click.option("--disable-plugin", "disable", multiple=True,
              help="Leave a plugin out (repeatable).")
def show_cmd(file: str | None, path: str | None, platform: str | None,
             disable: tuple[str, ...]) -> None:
    """Print the fully resolved policy as TOML (extends merged in). FILE (or --policy)
    names the policy; without either, the one found here or above."""
    if file is not None and path is not None and file != path:
        fail("give the policy either as FILE or with --policy, not both")
    engine = _engine(file or path, disable)
    if platform is not None:
        click.echo(platform_view(engine, platform), nl=False)
        return
    click.echo(resolved_text(engine.policy), nl=False)


# ---------------------------------------------------------------------------- validate


@policy_group.command("validate")
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@click.option("--disable-plugin", "disable", multiple=True,
              help="Leave a plugin out (repeatable).")
def validate_cmd(file: str | None, disable: tuple[str, ...]) -> None:
    """Check a policy against the installed plugins: exit 0 when it is valid, 2 with
    the file, key path and reason when it is not."""
    if file is None:
        found = find_policy()
        if found is None:
            fail(f"no {DEFAULT_POLICY_FILE} or pyproject.toml with [tool.knigge] here or "
                  "above; give a FILE")
        file = str(found)
    if not Path(file).is_file():
        fail(f"policy: {file}: no such file")
    # Every problem at once: the file's own and those against the installed plugins.
    engine = _engine(file, disable)
    for problem in engine.problems:
        click.echo(f"knigge: plugin problem: {problem}", err=True)
    for notice in engine.suppression_report().expired:
        click.echo(f"knigge: suppression: {notice}", err=True)
    p = engine.policy
    generic = engine.platform("*")
    on = sum(1 for r in engine.rules.values() if all(_rule_state(engine, r, None, generic)[:2]))
    extends = f", extends '{p.extends}'" if p.extends else ""
    click.echo(f"knigge: {file} is valid{extends}: {on} of {len(engine.rules)} "
               f"rules on, {len(p.platforms)} platform override(s), "
               f"{len(p.suppress)} suppression(s)")
