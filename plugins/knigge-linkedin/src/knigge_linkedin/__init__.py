"""knigge-linkedin: LinkedIn for knigge_engine.

Provides the `linkedin` platform spec (`knigge_linkedin.spec`), the LI4xx rules
(`knigge_linkedin.rules`) and the importer for LinkedIn's data export
(`knigge_linkedin.importer`). Installing the distribution is enough: the engine
finds it through the `knigge_engine` entry point `linkedin`.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
