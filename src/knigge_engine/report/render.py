"""The report page: Jinja2 with autoescaping on for every template (a name such as
`<script>` is shown as text), the charts as static SVG, and a Content Security Policy
that forbids every load and every script, so the page asks the network for nothing when
it is opened."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from .. import __version__
from .charts import make_charts
from .data import ReportData

__all__ = ["CSP", "render_html"]

#: The page's Content-Security-Policy: nothing may load (no script, font, frame, fetch,
#: image from anywhere but a data: URI), inline styles only; no base URL, no form target.
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
       "base-uri 'none'; form-action 'none'")


def _when(value: _dt.datetime | None) -> str:
    if value is None:
        return "–"
    return value.isoformat(sep=" ", timespec="minutes")


def _day(value: _dt.datetime | _dt.date | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, _dt.datetime):
        value = value.date()
    return value.isoformat()


def _num(value: int) -> str:
    return f"{value:,}"


def _environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("knigge_engine.report", "templates"),
        autoescape=True,  # every template, whatever its file name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(when=_when, day=_day, num=_num)
    return env


def render_html(data: ReportData, *, title: str = "Networking etiquette report") -> str:
    """The whole page as one string (charts included)."""
    from markupsafe import Markup

    charts = make_charts(data)
    # The SVG is made from our own labels and numbers and checked for active content
    # (charts._safe_svg); it is the only markup that is not escaped.
    chart_svgs = {c.id: Markup(c.svg) for c in charts}  # noqa: S704 - checked SVG
    template = _environment().get_template("report.html.j2")
    missing = []
    ids = {c.id for c in charts}
    for cid, what in (("chart-weekly", "invitations"),
                      ("chart-acceptance", "outgoing contact requests"),
                      ("chart-replies", "incoming messages"),
                      ("chart-pending", "pending follow-through items"),
                      ("chart-templates", "templated batches (KN110)")):
        if cid not in ids:
            missing.append(what)
    return str(template.render(
        data=data, charts=charts, chart_svgs=chart_svgs, missing=missing, csp=CSP,
        title=title, version=__version__,
        actions=sorted(data.by_action.items(), key=lambda kv: (-kv[1], kv[0])),
    ))
