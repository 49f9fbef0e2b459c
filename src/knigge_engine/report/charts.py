"""The report's charts: Vega-Lite specifications made with altair, rendered to static SVG
by vl-convert (no JavaScript in the page, nothing loaded when it is opened).

Each chart function returns a `Chart`: the SVG markup and the rows of the table
that carries the same numbers for screen readers. The charts never contain note, message
or name texts: their labels are our own (weeks, categories, rule codes, template labels
`T1`, `T2`…), so the SVG is made from data the engine controls. The SVG is still
checked for anything active (a script, an event handler, a link) before it goes into the
page (`_safe_svg`).
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

import attrs

from .data import AGE_BUCKETS, NO_REPLY, OUTCOMES, QUALITIES, REPLY_BUCKETS, ReportData

__all__ = ["Chart", "UnsafeSvg", "make_charts"]

WIDTH = 560
HEIGHT = 220
#: Colour-blind-safe pairs and sets (Okabe-Ito).
SENT_RECEIVED = ["#0072B2", "#E69F00"]
OUTCOME_COLOURS = ["#009E73", "#D55E00", "#999999", "#56B4E9"]
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
             "#000000"]


class UnsafeSvg(ValueError):
    """The renderer produced SVG with active content (never expected)."""


@attrs.frozen
class Chart:
    """One chart: `id` (HTML anchor), title, the SVG, the table's header and rows."""

    id: str
    title: str
    description: str
    svg: str
    header: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


_ACTIVE = re.compile(r"<\s*(script|foreignObject|iframe|object|embed|a\b|image|use)\b|"
                     r"\son[a-z]+\s*=|javascript:|href\s*=|url\(\s*['\"]?(?!#)",
                     re.IGNORECASE)


def _safe_svg(svg: str) -> str:
    """The SVG, checked to hold nothing active or loading (raises `UnsafeSvg`)."""
    match = _ACTIVE.search(svg)
    if match:
        raise UnsafeSvg(f"chart SVG holds {match.group(0)!r}")
    # Screen readers get the table; the drawing itself is hidden from them.
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


def _render(chart: Any) -> str:
    import vl_convert

    return _safe_svg(vl_convert.vegalite_to_svg(chart.to_dict()))


def _bar(alt: Any, values: list[dict[str, Any]], x: Any, y: Any, color: Any,
         mark: dict[str, Any] | None = None, **props: Any) -> Any:
    return (alt.Chart(alt.Data(values=values))
            .mark_bar(**(mark or {}))
            .encode(x=x, y=y, color=color)
            .properties(**{"width": WIDTH, "height": HEIGHT, **props})
            .configure_view(stroke=None)
            .configure_axis(labelFontSize=11, titleFontSize=12)
            .configure_legend(labelFontSize=11, titleFontSize=12, orient="bottom"))


def _count_axis(alt: Any, top: int) -> Any:
    """A count axis up to `top`: whole numbers only (Vega would tick 0.5 steps on a
    short axis, and tickMinStep does not stop it in vl-convert's Vega)."""
    return alt.Axis(tickCount=max(1, min(top, 5)), format="d")


def _max_stack(counts: dict[tuple[str, str], int]) -> int:
    totals: dict[str, int] = {}
    for (bucket, _), n in counts.items():
        totals[bucket] = totals.get(bucket, 0) + n
    return max(totals.values())


def _week_width(weekly: list[Any]) -> float:
    span: float = (weekly[-1][0] - weekly[0][0]).days / 7 + 1
    return max(1.0, min(24.0, WIDTH / span * 0.8))


def _week_ticks(alt: Any, weekly: list[Any], most: int = 6) -> list[Any]:
    """Up to `most` Mondays of the data, evenly spaced, as the axis ticks (Vega's own
    weekly ticks fall on Sundays)."""
    first, last = weekly[0][0], weekly[-1][0]
    weeks = (last - first).days // 7
    step = max(1, -(-weeks // (most - 1)))
    mondays = [first + _dt.timedelta(weeks=i) for i in range(0, weeks + 1, step)]
    return [alt.DateTime(year=d.year, month=d.month, date=d.day, utc=True) for d in mondays]


def make_charts(data: ReportData) -> list[Chart]:
    """Every chart the data has numbers for (a chart without data is left out; the page
    says so instead)."""
    import altair as alt

    charts: list[Chart] = []
    if data.weekly:
        values = [{"week": w.isoformat(), "direction": d, "count": n}
                  for w, s, r in data.weekly for d, n in (("sent", s), ("received", r)) if n]
        chart = _bar(alt, values,
                     alt.X("week:T", title="week (Monday)",
                           scale=alt.Scale(type="utc", padding=16),
                           axis=alt.Axis(labelExpr="utcFormat(datum.value, '%d %b %Y')",
                                         labelAngle=0, values=_week_ticks(alt, data.weekly))),
                     alt.Y("count:Q", title="invitations", stack="zero",
                           axis=_count_axis(alt, max(s + r for _, s, r in data.weekly))),
                     alt.Color("direction:N", title=None,
                               scale=alt.Scale(domain=["sent", "received"],
                                               range=SENT_RECEIVED)),
                     # One bar per week, as wide as a week fits (thin when years are shown).
                     mark={"width": _week_width(data.weekly)})
        charts.append(Chart("chart-weekly", "Invitations sent and received per week",
                            "Contact requests per calendar week (weeks start on Monday).",
                            _render(chart), ("week starting", "sent", "received"),
                            tuple((w.isoformat(), s, r) for w, s, r in data.weekly)))
    total_out = sum(sum(o.values()) for o in data.acceptance.values())
    if total_out:
        values = [{"quality": q, "outcome": o, "count": data.acceptance[q][o]}
                  for q in QUALITIES for o in OUTCOMES if data.acceptance[q][o]]
        chart = _bar(alt, values,
                     alt.X("count:Q", title="outgoing requests", stack="zero",
                           axis=_count_axis(alt, max(sum(o.values())
                                                     for o in data.acceptance.values()))),
                     alt.Y("quality:N", title=None, sort=list(QUALITIES)),
                     alt.Color("outcome:N", title=None,
                               scale=alt.Scale(domain=list(OUTCOMES),
                                               range=OUTCOME_COLOURS)),
                     height=3 * 36)
        rows = []
        for q in QUALITIES:
            counts = data.acceptance[q]
            n = sum(counts.values())
            rate = f"{counts['accepted'] / n:.0%}" if n else "–"
            rows.append((q, *(counts[o] for o in OUTCOMES), n, rate))
        charts.append(Chart("chart-acceptance", "Acceptance of your requests by note quality",
                            "Outgoing contact requests by their note (none, with findings, "
                            "clean) and how they ended, as far as the history knows.",
                            _render(chart), ("note", *OUTCOMES, "total", "accepted share"),
                            tuple(rows)))
    if sum(data.reply_times.values()):
        order = [*(b for b, _ in REPLY_BUCKETS), NO_REPLY]
        values = [{"bucket": b, "count": data.reply_times.get(b, 0)} for b in order]
        chart = _bar(alt, values,
                     alt.X("bucket:N", title="time to your reply", sort=order,
                           axis=alt.Axis(labelAngle=0)),
                     alt.Y("count:Q", title="incoming messages",
                           axis=_count_axis(alt, max(data.reply_times.values()))),
                     alt.value("#0072B2"))
        charts.append(Chart("chart-replies", "Time to reply to incoming messages",
                            "Incoming messages by how long your first message to the same "
                            "person after it took.", _render(chart),
                            ("time to reply", "messages"),
                            tuple((b, data.reply_times.get(b, 0)) for b in order)))
    if data.pending_ages:
        order = [b for b, _ in AGE_BUCKETS]
        values = [{"age": a, "rule": c, "count": n} for (a, c), n in data.pending_ages.items()]
        chart = _bar(alt, values,
                     alt.X("age:N", title="waiting since", sort=order,
                           axis=alt.Axis(labelAngle=0)),
                     alt.Y("count:Q", title="pending items", stack="zero",
                           axis=_count_axis(alt, _max_stack(data.pending_ages))),
                     alt.Color("rule:N", title="rule", scale=alt.Scale(range=OKABE_ITO)))
        rows = [(a, c, n) for (a, c), n in sorted(
            data.pending_ages.items(), key=lambda kv: (order.index(kv[0][0]), kv[0][1]))]
        charts.append(Chart("chart-pending", "Age of what is pending",
                            "Every follow-through item due at the report's time, by how long "
                            "it has waited (older ones included).", _render(chart),
                            ("waiting since", "rule", "items"), tuple(rows)))
    if data.templates:
        shown = data.templates[:20]
        values = [{"template": t.label, "recipients": t.recipients} for t in shown]
        chart = _bar(alt, values,
                     alt.X("recipients:Q", title="recipients",
                           axis=_count_axis(alt, max(t.recipients for t in shown))),
                     alt.Y("template:N", title=None, sort=[t.label for t in shown]),
                     alt.value("#CC79A7"), height=max(1, len(shown)) * 28)
        charts.append(Chart("chart-templates", "Templated batches",
                            "Notes sent to many people nearly unchanged (flagged by KN110), "
                            "one bar per template.", _render(chart),
                            ("template", "recipients", "first", "last", "span (days)"),
                            tuple((t.label, t.recipients, t.first.date().isoformat(),
                                   t.last.date().isoformat(), t.span_days) for t in shown)))
    return charts
