"""Griffe extension: render this project's reStructuredText habits as Markdown.

The docstrings use Sphinx roles (``:class:`~knigge_engine.Rule```), double-backtick
literals and ``::`` literal blocks; mkdocstrings renders docstrings as Markdown, where
those would show up raw. Each docstring is passed through
:func:`knigge_engine.explain.rst_to_markdown` (the same conversion the generated reference
pages use) before rendering. Sphinx field lists (``:param x:``) are left to the
``sphinx`` docstring parser.
"""

from __future__ import annotations

from typing import Any

import griffe

from knigge_engine.explain import rst_to_markdown


class RstToMarkdown(griffe.Extension):
    """Convert every loaded object's docstring."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        """Rewrite ``obj``'s docstring in place (once per object)."""
        if obj.docstring is not None:
            obj.docstring.value = rst_to_markdown(obj.docstring.value).rstrip("\n")
