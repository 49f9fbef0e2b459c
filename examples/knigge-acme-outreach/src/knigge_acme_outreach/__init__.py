"""ACME's outreach code of conduct as knigge_engine rules.

Installed, the rules AC101–AC103 run in every knigge engine (entry point `acme` in the
`knigge_engine` group); `[plugins] disable = ["acme"]` leaves them out.
"""

from __future__ import annotations

__version__ = "1.0.0"
