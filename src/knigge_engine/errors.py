"""Exceptions shared by modules that must not import each other's heavy dependencies.

`HistoryError` lives here (re-exported by `knigge_engine.history` and the
package) so that the engine can let it through its rule isolation without importing the
SQLite store."""

from __future__ import annotations

__all__ = ["HistoryError"]


class HistoryError(RuntimeError):
    """The history store cannot be used: names the file (`path`) and the `reason`
    (locked by another process, read-only, not a database, damaged, from a newer
    version). Raised while a rule reads the history, it is never isolated as a crash of
    that rule (KE001): the run stops with it (`knigge` exits 2)."""

    def __init__(self, path: str | None, reason: str) -> None:
        super().__init__(f"{path}: {reason}" if path else reason)
        self.path = path
        self.reason = reason
