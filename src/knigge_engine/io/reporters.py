"""The built-in output formats: ``text`` (for people), ``json`` and ``jsonl`` (for
tools). Input errors are not mixed into the JSON outputs' assessment stream: ``json``
lists them under ``errors`` at the end, ``jsonl`` leaves them to standard error."""

from __future__ import annotations

from typing import IO, Any

import orjson

from ..replies import reply_label
from .base import InputError, Reporter, Summary

__all__ = ["JSON", "JSONL", "REPORTERS", "TEXT"]

_HEAD = {
    "en": ("score", "no findings", "noted (nothing to decide)", "Summary", "events read",
           "assessed", "rejected", "actions"),
    "de": ("Punktzahl", "keine Befunde", "notiert (nichts zu entscheiden)",
           "Zusammenfassung", "Ereignisse gelesen", "bewertet", "abgewiesen", "Aktionen"),
}


class _Text:
    def __init__(self, stream: IO[str], locale: str) -> None:
        self.stream = stream
        self.locale = locale if locale in _HEAD else "en"
        self.words = _HEAD[self.locale]

    def assessment(self, a: Any, event: Any) -> None:
        w = self.words
        other = event.other
        who = other.name or other.id
        head = f"{a.event}  {a.platform} {a.direction.value} {a.kind.value}  {who}"
        if a.action is not None:
            verdict = f"  -> {a.action.value}  ({w[0]} {a.score:g})"
        else:
            # Resolutions and profile views: kept as context, nothing to advise.
            verdict = f"  -> {w[2]}" + (f"  ({w[0]} {a.score:g})" if a.score else "")
        lines = [head, verdict]
        if not a.findings and a.action is not None:
            lines.append(f"  {w[1]}")
        for f in a.findings:
            lines.append(f"  {f.severity.value:<7} {f.code} {f.name}: {f.message}")
        if a.reply is not None:
            lines.append(f"  {reply_label(a.reply.key, self.locale)} ({a.reply.locale}):")
            lines.extend("    " + line for line in a.reply.text.splitlines())
        if a.trace is not None:
            lines.extend(_trace_lines(a.trace))
        self.stream.write("\n".join(lines) + "\n\n")

    def error(self, error: InputError) -> None:
        pass  # the command line prints input errors to standard error

    def close(self, summary: Summary) -> None:
        w = self.words
        actions = ", ".join(f"{k} {v}" for k, v in sorted(summary.by_action.items()))
        self.stream.write(
            f"{w[3]}: {summary.read} {w[4]}, {summary.assessed} {w[5]}, "
            f"{summary.rejected} {w[6]}" + (f"; {w[7]}: {actions}" if actions else "") + "\n"
        )


# Order of the trace: what ran first, then why the others did not.
_TRACE_ORDER = {"fired": 0, "suppressed": 1, "ran": 2}


def _trace_lines(trace: Any) -> list[str]:
    """The ``--explain`` block of the text format: every rule's part, then the decision.
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


TEXT = Reporter("text", "one block per event: action, score, findings, reply", _Text)
JSONL = Reporter("jsonl", "one assessment per line (the contract's JSON shape)", _JsonLines)
JSON = Reporter("json", "one JSON document: assessments, errors and summary", _Json)

REPORTERS = (TEXT, JSON, JSONL)
