"""`knigge rules` and `knigge explain`: what is installed, and what a rule means."""

from __future__ import annotations

import click

from .common import build_engine, fail

__all__ = ["explain", "rules_cmd"]


@click.command("rules", short_help="List every installed rule.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@click.option("--policy", type=click.Path(dir_okay=False), default=None,
              help="Policy file (default: knigge.toml or [tool.knigge] here or above, "
              "else the 'default' preset); its plugin switches apply.")
@click.option("--disable-plugin", "disable", multiple=True,
              help="Leave a plugin out (repeatable).")
def rules_cmd(fmt: str, policy: str | None, disable: tuple[str, ...]) -> None:
    """List every installed rule: code, name, plugin, severity, summary."""
    engine = build_engine(policy, disable, False)
    if fmt == "json":
        import orjson

        data = [
            {"code": r.code, "name": r.name, "plugin": r.plugin, "severity": r.severity.value,
             "weight": r.weight, "summary": r.summary,
             "kinds": sorted(k.value for k in r.kinds),
             "directions": sorted(d.value for d in r.directions)}
            for r in engine.rules.values()
        ]
        click.echo(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode())
        return
    for r in engine.rules.values():
        click.echo(f"{r.code}  {r.name:<26} {r.plugin or '':<10} {r.severity.value:<7} "
                   f"{r.summary}")


@click.command(short_help="What a rule does, why, examples, options.")
@click.argument("code")
@click.option("--locale", type=click.Choice(["de", "en"]), default="en", show_default=True)
@click.option("--policy", type=click.Path(dir_okay=False), default=None)
def explain(code: str, locale: str, policy: str | None) -> None:
    """Explain a rule (by code or name): what it does, why, examples, options."""
    engine = build_engine(policy, (), False)
    try:
        r = engine.rule(code)
    except KeyError as exc:
        fail(str(exc.args[0]))
    from ..explain import rule_markdown

    click.echo(rule_markdown(r, locale=locale))
