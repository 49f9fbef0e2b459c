"""knigge-xing: XING for knigge_engine.

Provides the `xing` platform spec (request messages on Premium only, hideable contact
lists, the platform's "du" against members' "Sie"), the rules XI401-XI403 and importers
for vCards and a documented CSV layout (XING's bulk export ended). Registered through the
`knigge_engine` entry-point group as `xing`; see `knigge_xing.plugin`.
"""

from __future__ import annotations

__version__ = "0.1.0"
