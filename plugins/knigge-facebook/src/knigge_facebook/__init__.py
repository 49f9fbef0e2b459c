"""knigge-facebook: Facebook for knigge_engine.

Provides the `facebook` platform spec (friend requests carry no note, 5,000 friends at
most, promotion is accepted), the rules FB401-FB403 and an importer for Facebook's
"download your information" JSON export (folder or zip). Registered through the
`knigge_engine` entry-point group as `facebook`; see `knigge_facebook.plugin`.
"""

from __future__ import annotations

__version__ = "0.1.0"
