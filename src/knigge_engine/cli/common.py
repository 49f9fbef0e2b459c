"""What every `knigge` command shares: failing with exit code 2, opening the output
file (readable by the owner only) and building the engine with the command's options."""

from __future__ import annotations

import datetime as _dt
import os
import sys
from typing import IO, NoReturn

import click

from ..engine import Engine, EngineError
from ..model import elide
from ..plugins import PluginError
from ..policy import LocaleCode, PolicyError

__all__ = ["FAIL_LEVELS", "build_engine", "fail", "fail_policy", "open_output",
           "parse_now", "require_paths"]

#: The `--fail-on` levels.
FAIL_LEVELS = ("info", "warning", "error", "never")


def fail(message: str) -> NoReturn:
    """Print `knigge: error: MESSAGE` to standard error and exit with status 2."""
    click.echo(f"knigge: error: {message}", err=True)
    sys.exit(2)


def fail_policy(exc: PolicyError) -> NoReturn:
    """Every problem of a policy, one `knigge: error: policy: FILE: KEY: reason` line
    each, then exit with status 2."""
    problems = exc.problems
    if len(problems) > 1:
        click.echo(f"knigge: error: policy: {len(problems)} problems", err=True)
    for problem in problems:
        click.echo(f"knigge: error: policy: {problem}", err=True)
    sys.exit(2)


def require_paths(paths: tuple[str, ...] | list[str]) -> None:
    """A path that does not exist is a usage error (exit 2) before anything is read:
    every missing one is named, so a typo is not half a run with an error at the end."""
    missing = [p for p in paths if p != "-" and not os.path.exists(p)]
    for path in missing:
        click.echo(f"knigge: error: {path}: no such file or folder", err=True)
    if missing:
        fail(f"{len(missing)} of {len(paths)} input path(s) do not exist; nothing was read")


def timezone_option(ctx: click.Context, param: click.Parameter,
                    value: str | None) -> str | None:
    """`--timezone`, validated once when the command line is read: an IANA name (any
    case), `UTC` or a fixed offset (`+01:00`, `-0530`); a typo gets "did you
    mean" and exit 2. Returns the canonical spelling (`Europe/Berlin`, `+01:00`)."""
    if value is None:
        return None
    import datetime as _dt

    from ..io import TimezoneError, parse_timezone

    try:
        zone = parse_timezone(value)
    except TimezoneError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from None
    key = getattr(zone, "key", None)
    if key is not None:
        return str(key)
    if zone is _dt.UTC:
        return "UTC"
    offset = zone.utcoffset(None) or _dt.timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def open_output(path: str | None) -> IO[str]:
    """Standard output for `None` or `-`, else `path` created readable by the owner
    only (reports quote notes and messages: personal data)."""
    if path is None or path == "-":
        return sys.stdout
    if os.path.isdir(path):
        fail(f"cannot write the report to {path}: it is a folder (give a file name)")
    parent = os.path.dirname(path) or "."
    if not os.path.isdir(parent):
        fail(f"cannot write the report to {path}: the folder {parent} does not exist")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.chmod(path, 0o600)
    except OSError as exc:
        fail(f"cannot write the report to {path}: {exc.strerror or exc}")
    return os.fdopen(fd, "w", encoding="utf-8")


def build_engine(policy: str | None, disable: tuple[str, ...], strict: bool = False,
                 locale: str | None = None) -> Engine:
    """The engine for a command: policy, engine and plugin errors end it with status 2;
    plugin problems are printed to standard error."""
    try:
        engine = Engine(policy, blocked=disable, strict=strict or None)
    except PolicyError as exc:
        fail_policy(exc)
    except (EngineError, PluginError) as exc:
        fail(str(exc))
    if locale is not None:
        import attrs

        if locale != "auto" and locale not in engine.locales:
            known = ", ".join(["auto", *sorted(engine.locales)])
            fail(f"--locale: no installed plugin provides the locale {elide(locale)}; "
                 f"expected one of {known}")
        try:
            engine = Engine(attrs.evolve(engine.policy, locale=LocaleCode(locale)),
                            blocked=disable,
                            strict=strict or None)
        except PolicyError as exc:
            fail_policy(exc)
    for problem in engine.problems:
        click.echo(f"knigge: plugin problem: {problem}", err=True)
    return engine


def parse_now(value: str | None) -> _dt.datetime:
    """`--now`: an ISO 8601 time with a UTC offset (default: the current time); a
    missing offset or a malformed time is a usage error (`click.BadParameter`)."""
    if value is None:
        return _dt.datetime.now().astimezone()
    try:
        now = _dt.datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"not an ISO 8601 time: {value!r} "
                                 "(e.g. 2026-11-20T09:00:00+01:00)", param_hint="--now") from None
    if now.tzinfo is None or now.utcoffset() is None:
        example = now.replace(tzinfo=None).isoformat(timespec="seconds") + "+01:00"
        raise click.BadParameter(f"{value!r} has no UTC offset (write e.g. {example})",
                                 param_hint="--now")
    return now
