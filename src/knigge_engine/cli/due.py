"""`knigge due` and the history side of `knigge check --history`.

`knigge due` lists what the account owes people at a moment (default: now), grouped by
rule and newest first within a rule, from the SQLite history that `knigge check
--history` records. The history file is `--history PATH`, else the policy's
`[history] path`, else the per-user default
(`default_history_path`).

Exit codes: 0 nothing is due, 1 something is due, 2 a usage, policy or history error.
"""

from __future__ import annotations

import datetime as _dt
import functools
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import click
import orjson

from ..due import DueList
from ..history import HistoryError, SQLiteHistory
from ..model import Severity, json_dumps
from ..replies import reply_label
from ..summary import due_summary, group_due
from .common import build_engine, fail, open_output
from .histfile import DEFAULT, check_history, record_check_history, resolve_history_path

if TYPE_CHECKING:
    from ..engine import Engine

__all__ = ["DEFAULT", "check_history", "due", "record_check_history", "record_for_check",
           "resolve_history_path"]

def record_for_check(
    engine: Engine,
    option: str | None,
    paths: Sequence[str],
    read: Any,
    items: Iterator[Any],
    *,
    run_history: bool = True,
) -> tuple[Any, Iterator[Any]] | None:
    """Record the events of `paths` into the history, before any is evaluated.

    Returns `(evaluate, items)`: `evaluate` assesses against the history, `items`
    are the events to assess (the same input, read again; from standard input, the
    events kept in memory). `read()` reads the
    input anew. Exits with 2 on a history error, before anything is assessed. Without
    a history file, the history is one of this run in memory (`_run_history`);
    `None` when that is switched off (`--no-run-history`).

    Recording everything first is what makes the verdicts independent of the input's
    order: each event is judged against what happened strictly before its own time.
    """
    if option is None and not engine.policy.history.path:
        return _run_history(engine, paths, read, items) if run_history else None
    path = resolve_history_path(option, engine)
    try:
        history = SQLiteHistory(path)
    except HistoryError as exc:
        fail(f"history: {exc}")
    if "-" in paths:
        kept = list(items)
        events: Iterable[Any] = list(_events(kept))
        again: Iterator[Any] = iter(kept)
    else:
        events = _events(read())
        again = items
    try:
        result = history.record(events)
    except HistoryError as exc:
        history.close()
        fail(f"history: {exc}")
    message = (f"knigge: history {path}: {result.added} recorded, "
               f"{result.duplicates} already there")
    if result.conflicts:
        shown = ", ".join(result.conflict_ids[:5])
        message += (f", {result.conflicts} kept as first recorded although their content "
                    f"changed ({shown}{', …' if result.conflicts > 5 else ''})")
    click.echo(message, err=True)
    return functools.partial(engine.evaluate, history=history), again


def _run_history(engine: Engine, paths: Sequence[str], read: Any,
                 items: Iterator[Any]) -> tuple[Any, Iterator[Any]]:
    """Without a history file: a history of this run in memory, recorded before any
    event is judged, so that the rules that read history (KN110 mass templates, whether
    a message opens a conversation) give the same verdict as with `--history`. It
    holds the run's events in memory (about 1 KB each)."""
    from ..history import InMemoryHistory

    history = InMemoryHistory()
    if "-" in paths:
        kept = list(items)
        history.record(_events(kept))
        return functools.partial(engine.evaluate, history=history), iter(kept)
    history.record(_events(read()))
    return functools.partial(engine.evaluate, history=history), items


def _events(items: Iterable[Any]) -> Iterator[Any]:
    """The events among read items (input errors left out, located events unwrapped)."""
    from ..io import InputError, Located

    for item in items:
        if type(item) is Located:
            yield item.event
        elif not isinstance(item, InputError):
            yield item



def _parse_now(value: str | None) -> _dt.datetime:
    if value is None:
        return _dt.datetime.now().astimezone()
    try:
        now = _dt.datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"not an ISO 8601 time: {value!r} "
                                 "(e.g. 2026-11-20T09:00:00+01:00)") from None
    if now.tzinfo is None or now.utcoffset() is None:
        example = now.replace(tzinfo=None).isoformat(timespec="seconds") + "+01:00"
        raise click.BadParameter(f"{value!r} has no UTC offset (write e.g. {example})")
    return now


def _parse_since(value: str | None, now: _dt.datetime) -> _dt.datetime | None:
    """`--since`: an ISO 8601 date (midnight in `--now`'s offset) or a time with an
    offset."""
    if value is None:
        return None
    try:
        if len(value) == 10:
            day = _dt.date.fromisoformat(value)
            return _dt.datetime.combine(day, _dt.time(), tzinfo=now.tzinfo)
        since = _dt.datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"not an ISO 8601 date or time: {value!r} (e.g. "
                                 "2026-01-01 or 2026-01-01T00:00:00+01:00)",
                                 param_hint="--since") from None
    if since.tzinfo is None or since.utcoffset() is None:
        raise click.BadParameter(f"{value!r} has no UTC offset (write a date such as "
                                 f"{value[:10]}, or a time with an offset)",
                                 param_hint="--since")
    return since


_WORDS: dict[str, dict[str, Any]] = {
    "en": {"nothing": "nothing is due", "items": ("item due", "items due"), "since": "since",
           "due": "due", "event": "event", "group": "{n} due",
           "older": "{n} older item{s} started {when} and {are} not listed{hint}",
           "horizon": "more than {days} days ago", "before": "before {day}",
           "hint": " (--horizon 0 lists all)", "are": ("is", "are"),
           "total_older": "{n} older not listed"},
    "de": {"nothing": "nichts ist fällig", "items": ("Punkt fällig", "Punkte fällig"),
           "since": "seit", "due": "fällig", "event": "Ereignis", "group": "{n} fällig",
           "older": "{n} {older} {items} begann{en} {when} und {are} nicht aufgeführt"
                    "{hint}",
           "horizon": "vor mehr als {days} Tagen", "before": "vor dem {day}",
           "hint": " (--horizon 0 zeigt alle)", "are": ("ist", "sind"),
           "total_older": "{n} ältere nicht aufgeführt"},
}


def _older_text(n: int, w: dict[str, Any], locale: str, horizon_days: int,
                since: _dt.datetime | None) -> str:
    when = (w["before"].format(day=since.date().isoformat()) if since is not None
            else w["horizon"].format(days=horizon_days))
    hint = "" if since is not None else w["hint"]
    text: str
    if locale == "de":
        text = w["older"].format(n=n, older="ältere" if n != 1 else "älterer",
                                 items="Punkte" if n != 1 else "Punkt",
                                 en="en" if n != 1 else "", when=when,
                                 are=w["are"][n != 1], hint=hint)
        return text
    text = w["older"].format(n=n, s="s" if n != 1 else "", when=when, are=w["are"][n != 1],
                             hint=hint)
    return text


def _text(groups: Sequence[Any], out: Any, locale: str, horizon_days: int,
          since: _dt.datetime | None) -> None:
    """Grouped by rule (in code order), newest first within a group, with one line per
    group for the items the horizon or `--since` left out; then the total."""
    locale = locale if locale in _WORDS else "en"
    w = _WORDS[locale]
    total = sum(len(g.items) for g in groups)
    older = sum(g.older for g in groups)
    for group in groups:
        lines = [f"{group.code} {group.name}: " + w["group"].format(n=len(group.items))]
        for item in group.items:
            who = item.party_name or item.party or "-"
            action = item.action.value if item.action is not None else "-"
            when = f"{w['since']} {item.since.date().isoformat()}"
            if item.due > item.since:  # an item due at once has no separate due date
                when += f", {w['due']} {item.due.date().isoformat()}"
            head = f"  {when}  -> {action}  {item.platform}  {who}"
            if item.event:
                head += f"  ({w['event']} {item.event})"
            lines += [head, f"    {item.severity.value:<7} {item.message}"]
            if item.reply is not None:
                lines.append(f"    {reply_label(item.reply.key, locale)} "
                             f"({item.reply.locale}):")
                lines.extend("      " + line for line in item.reply.text.splitlines())
        if group.older:
            lines.append("  " + _older_text(group.older, w, locale, horizon_days, since))
        out.write("\n".join(lines) + "\n\n")
    last = f"{total} {w['items'][total != 1]}" if total else w["nothing"]
    if older:
        last += "; " + w["total_older"].format(n=older)
    out.write(last + "\n")


@click.command(short_help="What you owe people: pending requests, unanswered messages.")
@click.option("--now", "now_text", default=None, metavar="TIME",
              help="The moment to judge at, ISO 8601 with offset (default: now).")
@click.option("--history", "history_path", default=None, metavar="PATH",
              help="History database (default: the policy's [history] path, else "
              "$XDG_DATA_HOME/knigge/history.sqlite3).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl"]),
              default="text", show_default=True)
@click.option("--policy", type=click.Path(dir_okay=False), default=None,
              help="Policy file (default: knigge.toml or [tool.knigge] here or above).")
@click.option("--locale", default=None, metavar="CODE",
              help="Language of messages and replies: de, en, auto or a locale a plugin "
              "adds (overrides the policy).")
@click.option("--rule", "only", multiple=True, help="Only this rule code (repeatable).")
@click.option("--since", "since_text", default=None, metavar="DATE",
              help="List only items that started on or after DATE (ISO 8601: 2026-01-01, "
              "or a time with offset); older ones are counted per rule. Replaces the "
              "horizon.")
@click.option("--horizon", "horizon", type=click.IntRange(min=0), default=None,
              metavar="DAYS", help="List only items that started within DAYS before --now; "
              "older ones are counted in one line (default: the policy's horizon_days, "
              "90; 0 lists all).")
@click.option("--disable-plugin", "disable", multiple=True,
              help="Leave a plugin out (repeatable).")
@click.option("-o", "--output", default=None, help="Write to a file (created readable by "
              "you only).")
@click.option("--fail-on", type=click.Choice(["info", "warning", "error", "never"]),
              default="info", show_default=True,
              help="Exit 1 when a due item is at or above this severity.")
def due(now_text: str | None, history_path: str | None, fmt: str, policy: str | None,
        locale: str | None, only: tuple[str, ...], disable: tuple[str, ...],
        output: str | None, fail_on: str, horizon: int | None = None,
        since_text: str | None = None) -> None:
    """List what is due at --now: requests pending too long, messages and questions
    unanswered, thanks not sent, a network beyond its size (KN301-KN307)."""

    now = _parse_now(now_text)
    since = _parse_since(since_text, now)
    engine = build_engine(policy, disable, False, locale)
    path = resolve_history_path(history_path, engine)
    if not path.exists():
        fail(f"history: {path}: no history database here. Record one first with "
              "`knigge check FILE --history @default` (the per-user default) or "
              "`--history PATH`, then run `knigge due` with the same --history.")
    try:
        history = SQLiteHistory(path, readonly=True)
    except HistoryError as exc:
        fail(f"history: {exc}")
    try:
        items = engine.due(now, history, rules=[engine.rule(c).code for c in only] or None,
                           horizon_days=0 if since is not None else horizon)
    except KeyError as exc:
        fail(str(exc.args[0]))
    except HistoryError as exc:
        fail(f"history: {exc}")
    finally:
        history.close()
    older_by_code = dict(items.older_by_code)
    horizon_days = items.horizon_days
    if since is not None:  # --since replaces the horizon: older items counted per rule
        listed = []
        for item in items:
            if item.event is not None and item.since < since:
                older_by_code[item.code] = older_by_code.get(item.code, 0) + 1
            else:
                listed.append(item)
        items = DueList(listed, horizon_days=0, older_by_code=older_by_code)
    names = {code: engine.rule(code).name for code in older_by_code}
    groups = group_due(items, older_by_code, names)
    out = open_output(output)
    report_locale = engine.policy.locale if engine.policy.locale in ("de", "en") else "en"
    if fmt == "json":
        # The shape of check's json: the items, then a summary.
        summary = {"now": now.isoformat(), **due_summary(groups),
                   "horizon_days": horizon_days or None,
                   "since": None if since is None else since.isoformat()}
        listed_items = [item for g in groups for item in g.items]
        out.write(orjson.dumps({"items": [i.to_dict() for i in listed_items],
                                "summary": summary},
                               option=orjson.OPT_INDENT_2).decode() + "\n")
    elif fmt == "jsonl":
        for group in groups:
            for item in group.items:
                out.write(json_dumps(item.to_dict()).decode() + "\n")
        older = sum(g.older for g in groups)
        if older:
            cut = (f"started before {since.date().isoformat()}" if since is not None
                   else f"older than {horizon_days} days")
            click.echo(f"knigge: {older} items {cut} not listed"
                       + ("" if since is not None else " (--horizon 0 lists all)"), err=True)
    else:
        _text(groups, out, report_locale, horizon_days, since)
    if out is not sys.stdout:
        out.close()
    if fail_on == "never":
        sys.exit(0)
    level = Severity(fail_on).rank
    sys.exit(1 if any(item.severity.rank >= level for item in items) else 0)
