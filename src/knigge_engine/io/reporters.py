"""The built-in output formats: `text` (for people), `json` and `jsonl` (for
tools). Input errors are not mixed into the JSON outputs' assessment stream: `json`
lists them under `errors` at the end, `jsonl` leaves them to standard error."""

from __future__ import annotations

import codecs
import shutil
import tempfile
from collections.abc import Iterator
from typing import IO, Any

import orjson

from ..replies import reply_label
from .base import InputError, Reporter, Summary

__all__ = ["JSON", "JSONL", "REPORTERS", "TEXT", "is_utf8", "summary_lines"]

_HEAD = {
    "en": ("score", "no findings", "noted (nothing to decide)", "Summary", "events read",
           "assessed", "rejected", "actions"),
    "de": ("Punktzahl", "keine Befunde", "notiert (nichts zu entscheiden)",
           "Zusammenfassung", "Ereignisse gelesen", "bewertet", "abgewiesen", "Aktionen"),
}

# The words of the summary at the top of the text report.
_SUMMARY: dict[str, dict[str, Any]] = {
    "en": {
        "period": "from {first} to {last}",
        "rules": "Rules",
        "events": ("event", "events"),
        "batches": "Templated batches (KN110)",
        "batch": "{recipients} recipients, {first} to {last} ({days}), {events} in this "
                 "run, e.g. {example}",
        "days": ("day", "days"),
        "errors": "Input errors",
        "attention": "Below: the {n} of {total} events that need attention (an action "
                     "other than send, accept or reply, or a warning or worse); --all "
                     "lists every event.",
        "attention_none": "No event needs attention (--all lists every event).",
        "all": "Below: all {total} events.",
        "source": "source",
        "noted": "noted",
    },
    "de": {
        "period": "von {first} bis {last}",
        "rules": "Regeln",
        "events": ("Ereignis", "Ereignisse"),
        "batches": "Serienbriefe (KN110)",
        "batch": "{recipients} Empfänger, {first} bis {last} ({days}), {events} in "
                 "diesem Lauf, z. B. {example}",
        "days": ("Tag", "Tage"),
        "errors": "Eingabefehler",
        "attention": "Unten: die {n} von {total} Ereignissen, die Aufmerksamkeit brauchen "
                     "(eine andere Aktion als send, accept oder reply, oder eine Warnung oder "
                     "Schlimmeres); --all zeigt alle.",
        "attention_none": "Kein Ereignis braucht Aufmerksamkeit (--all zeigt alle).",
        "all": "Unten: alle {total} Ereignisse.",
        "source": "Quelle",
        "noted": "notiert",
    },
}


def _when(event: Any) -> str:
    """The event's time as a reader wants it: date and minute, in its own offset."""
    at = getattr(event, "at", None)
    return at.strftime("%Y-%m-%d %H:%M") if at is not None else "-"


def _day(at: Any) -> str:
    day: str = at.date().isoformat()
    return day


class _Text:
    """The text report: the summary first (counts per action and per rule, templated
    batches, grouped input errors), then one block per event that needs attention
    ([`needs_attention`][knigge_engine.summary.needs_attention]; every event with `show_all`).
    The blocks wait in a spooled temporary file (created readable by you only) until
    the summary is complete."""

    def __init__(self, stream: IO[str], locale: str) -> None:
        from ..summary import RunSummary

        self.stream = stream
        self.locale = locale if locale in _HEAD else "en"
        self.words = _HEAD[self.locale]
        self.show_all = False
        self.summary = RunSummary()
        self.blocks: IO[str] = tempfile.SpooledTemporaryFile(  # noqa: SIM115
            max_size=_SPOOL_BYTES, mode="w+", encoding="utf-8")

    def assessment(self, a: Any, event: Any) -> None:
        attention = self.summary.add(a, event)
        if attention or self.show_all:
            self.blocks.write(self.block(a, event))

    def block(self, a: Any, event: Any) -> str:
        """One event's block: id, time, platform, kind, the other party; where it was
        read; the action and score; the findings; the suggested reply; the trace."""
        w = self.words
        other = event.other
        who = other.name or other.id
        head = (f"{a.event}  {_when(event)}  {a.platform} {a.direction.value} "
                f"{a.kind.value}  {who}")
        lines = [head]
        if a.source:
            lines.append(f"  {_SUMMARY[self.locale]['source']}: {a.source}")
        if a.action is not None:
            lines.append(f"  -> {a.action.value}  ({w[0]} {a.score:g})")
        else:
            # Resolutions and profile views: kept as context, nothing to advise.
            lines.append(f"  -> {w[2]}" + (f"  ({w[0]} {a.score:g})" if a.score else ""))
        if not a.findings and a.action is not None:
            lines.append(f"  {w[1]}")
        for f in a.findings:
            lines.append(f"  {f.severity.value:<7} {f.code} {f.name}: {f.message}")
        if a.reply is not None:
            lines.append(f"  {reply_label(a.reply.key, self.locale)} ({a.reply.locale}):")
            lines.extend("    " + line for line in a.reply.text.splitlines())
        if a.trace is not None:
            lines.extend(_trace_lines(a.trace))
        return "\n".join(lines) + "\n\n"

    def error(self, error: InputError) -> None:
        # Listed, grouped, in the summary; the command line prints them to stderr.
        self.summary.add_error(error)

    def close(self, summary: Summary) -> None:
        head = "\n".join(summary_lines(self.summary, self.locale, self.show_all)) + "\n"
        self.stream.write(head + "\n" if self.blocks.tell() else head)
        self.blocks.seek(0)
        shutil.copyfileobj(self.blocks, self.stream)
        self.blocks.close()


#: Event blocks up to this size wait in memory, beyond in a temporary file.
_SPOOL_BYTES = 8 * 1024 * 1024


def summary_lines(s: Any, locale: str = "en", show_all: bool = False) -> list[str]:
    """The summary at the top of the text report, as lines: counts and period, actions,
    rules, templated batches, input errors and what the blocks below list."""
    locale = locale if locale in _HEAD else "en"
    w, t = _HEAD[locale], _SUMMARY[locale]
    first = (f"{w[3]}: {s.read} {w[4]}, {s.assessed} {w[5]}, {s.rejected} {w[6]}")
    if s.period is not None:
        first += "; " + t["period"].format(first=_day(s.period[0]), last=_day(s.period[1]))
    lines = [first]
    if s.by_action:
        actions = sorted(s.by_action.items(), key=lambda kv: (-kv[1], kv[0]))
        lines.append(f"{w[7][0].upper()}{w[7][1:]}: " + ", ".join(
            f"{t['noted'] if k == s.NOTED else k} {v}" for k, v in actions))
    rules = s.rules()
    if rules:
        lines.append(f"{t['rules']}:")
        width = max(len(r.code) + len(r.name) for r in rules) + 1
        for r in rules:
            label = f"{r.code} {r.name}".ljust(width)
            lines.append(f"  {r.severity.value:<7} {label}  {r.events:>5} "
                         f"{t['events'][r.events != 1]}")
    batches = s.batches()
    if batches:
        lines.append(f"{t['batches']}:")
        for b in batches:
            days = max(round(b.span_days), 1) if b.span_days else 0
            lines.append("  " + t["batch"].format(
                recipients=b.recipients, first=_day(b.first), last=_day(b.last),
                days=f"{days} {t['days'][days != 1]}", events=b.events, example=b.example))
    groups = s.errors()
    if groups:
        lines.append(f"{t['errors']}:")
        lines.extend(f"  {g}" for g in groups)
    if show_all:
        lines.append(t["all"].format(total=s.assessed))
    elif s.attention:
        lines.append(t["attention"].format(n=s.attention, total=s.assessed))
    else:
        lines.append(t["attention_none"])
    return lines


# Order of the trace: what ran first, then why the others did not.
_TRACE_ORDER = {"fired": 0, "suppressed": 1, "ran": 2}


def _trace_lines(trace: Any) -> list[str]:
    """The `--explain` block of the text format: every rule's part, then the decision.
    Rule traces never quote the note or message, only codes, weights and reasons."""
    lines = ["  trace:"]
    ordered = sorted(trace.rules, key=lambda r: _TRACE_ORDER.get(r.status, 3))
    width = max((len(r.code) + len(r.name) for r in ordered), default=0) + 1
    for r in ordered:
        label = f"{r.code} {r.name}".ljust(width)
        lines.append(f"    {label}  {r.status}" + (f": {r.detail}" if r.detail else ""))
    lines.append(f"    decision: {trace.decision}")
    return lines


class _JsonLines:
    def __init__(self, stream: IO[str], locale: str) -> None:
        self.stream = stream

    def assessment(self, a: Any, event: Any) -> None:
        self.stream.write(a.to_json().decode() + "\n")

    def error(self, error: InputError) -> None:
        pass

    def close(self, summary: Summary) -> None:
        pass


class _Json:
    def __init__(self, stream: IO[str], locale: str) -> None:
        self.stream = stream
        self.first = True
        self.errors: list[InputError] = []
        stream.write('{"assessments": [')

    def assessment(self, a: Any, event: Any) -> None:
        self.stream.write(("\n" if self.first else ",\n") + a.to_json().decode())
        self.first = False

    def error(self, error: InputError) -> None:
        self.errors.append(error)

    def close(self, summary: Summary) -> None:
        errors = [{"source": e.source, "location": e.location, "reason": e.reason}
                  for e in self.errors]
        tail = {"errors": errors, "summary": {"read": summary.read,
                                              "assessed": summary.assessed,
                                              "rejected": summary.rejected,
                                              "actions": summary.by_action}}
        body = orjson.dumps(tail).decode()
        self.stream.write("\n],\n" + body[1:] + "\n")


# ------------------------------------------------------------------ written in parts
# ``knigge check --jobs``: each worker writes the part of the report for its stretch of
# the input; the parent joins the parts in input order into the writer it opened, so the
# report is byte for byte the one written in one pass.

_COPY = 1 << 20


def _copy(part: IO[bytes], stream: IO[str]) -> None:
    """Append a part's bytes (UTF-8) to `stream`: straight to its binary buffer where
    it has one and encodes UTF-8, else decoded and written as text."""
    buffer = getattr(stream, "buffer", None)
    if buffer is not None and is_utf8(stream):
        stream.flush()
        shutil.copyfileobj(part, buffer, _COPY)
        return
    for text in _decoded(part):
        stream.write(text)


def _decoded(part: IO[bytes]) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder("utf-8")()
    while chunk := part.read(_COPY):
        yield decoder.decode(chunk)
    yield decoder.decode(b"", final=True)


def is_utf8(stream: IO[str]) -> bool:
    """Whether a text stream encodes UTF-8 (parts are written in UTF-8)."""
    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "").name == "utf-8"
    except LookupError:
        return False


class _TextPart(_Text):
    """The blocks of a stretch of events, written straight to the part; the stretch's
    [`RunSummary`][knigge_engine.summary.RunSummary] goes back to be merged."""

    def __init__(self, stream: IO[str], locale: str) -> None:
        from ..summary import RunSummary

        self.stream = stream
        self.locale = locale if locale in _HEAD else "en"
        self.words = _HEAD[self.locale]
        self.show_all = False
        self.summary = RunSummary()
        self.blocks = stream

    def finish(self) -> Any:
        return self.summary


class _TextParts:
    def open(self, stream: IO[str], locale: str, show_all: bool) -> _TextPart:
        part = _TextPart(stream, locale)
        part.show_all = show_all
        return part

    def join(self, writer: Any, state: Any, part: IO[bytes]) -> None:
        writer.summary.merge(state)
        # Blocks are text for people (the events that need attention): decoded into the
        # writer's spool, which comes after the summary.
        for text in _decoded(part):
            writer.blocks.write(text)


class _JsonLinesPart(_JsonLines):
    def finish(self) -> None:
        return None


class _JsonLinesParts:
    def open(self, stream: IO[str], locale: str, show_all: bool) -> _JsonLinesPart:
        return _JsonLinesPart(stream, locale)

    def join(self, writer: Any, state: Any, part: IO[bytes]) -> None:
        _copy(part, writer.stream)


class _JsonPart:
    """Every assessment preceded by `,` and a line end; the join drops the comma of
    the first assessment of the whole report."""

    def __init__(self, stream: IO[str], locale: str) -> None:
        self.stream = stream

    def assessment(self, a: Any, event: Any) -> None:
        self.stream.write(",\n" + a.to_json().decode())

    def finish(self) -> None:
        return None


class _JsonParts:
    def open(self, stream: IO[str], locale: str, show_all: bool) -> _JsonPart:
        return _JsonPart(stream, locale)

    def join(self, writer: Any, state: Any, part: IO[bytes]) -> None:
        if writer.first:
            head = part.read(1)
            if not head:
                return  # nothing in this part: the next one may hold the first
            writer.first = False
        _copy(part, writer.stream)


TEXT = Reporter("text", "the summary, then one block per event that needs attention: "
                "action, score, findings, reply", _Text, _TextParts())
JSONL = Reporter("jsonl", "one assessment per line (the contract's JSON shape)", _JsonLines,
                 _JsonLinesParts())
JSON = Reporter("json", "one JSON document: assessments, errors and summary", _Json,
                _JsonParts())

REPORTERS = (TEXT, JSON, JSONL)
