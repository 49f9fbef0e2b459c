"""`knigge report`: one self-contained HTML page about a run — summary, plots, the
follow-through to-do list and per-event details.

`collect` gathers the numbers (no optional dependency);
`render_html` makes the page with Jinja2 (autoescaped)
and the charts with altair and vl-convert (static SVG). Those three come with the
`report` extra: `pip install 'knigge-engine[report]'`; `missing_extra` names
what is missing.
"""

from __future__ import annotations

import importlib

__all__ = ["EXTRA", "missing_extra"]

#: The optional dependencies of the report, by import name.
EXTRA = ("jinja2", "altair", "vl_convert")


def missing_extra() -> list[str]:
    """The import names of the `report` extra that cannot be imported."""
    missing = []
    for name in EXTRA:
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(name)
    return missing
