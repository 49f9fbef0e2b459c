"""The shapes importers and reporters share: input errors, importers, reporters."""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

import attrs

if TYPE_CHECKING:
    from ..engine import Assessment
    from ..model import Event

__all__ = [
    "ImportOptions", "Importer", "InputError", "Located", "PartWriter", "ReportParts",
    "ReportWriter", "Reporter", "Summary", "TimezoneError", "parse_timezone",
]


@attrs.frozen(slots=True)
class InputError:
    """A piece of input that could not be read: `source` (file), `location` (`line
    3`, `row 5`, `$.messages[2]`) and `reason`. Never carries note or message text."""

    source: str
    location: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.location}" if self.location else self.source
        return f"{where}: {self.reason}"


@attrs.frozen(slots=True)
class Located:
    """An event and where it was read: `source` (the file) and `location` (`line 3`,
    `row 5`, `$[2]`; empty where the importer cannot tell). Importers may yield these
    instead of bare events so that reports can say where each event came from;
    `read_paths` unwraps them unless asked for them."""

    event: Event
    source: str
    location: str = ""

    def __str__(self) -> str:
        return f"{self.source}:{self.location}" if self.location else self.source


@attrs.frozen
class ImportOptions:
    """What an importer may need beyond the file: the owner's id (where the data cannot
    tell), the time zone of naive export timestamps, a platform to assume."""

    owner: str | None = None
    #: An IANA name (`Europe/Berlin`) or a fixed offset (`+01:00`, `UTC`); read
    #: it with `zone`.
    timezone: str | None = None
    platform: str | None = None

    def zone(self) -> _dt.tzinfo | None:
        """`timezone` as a `tzinfo` (`None` when not given); raises
        `TimezoneError` for a name that is neither (see `parse_timezone`)."""
        return None if not self.timezone else parse_timezone(self.timezone)


class TimezoneError(ValueError):
    """A time zone that is neither an IANA name nor a fixed UTC offset; the message
    suggests the nearest name."""


_OFFSET = re.compile(r"(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _zone_names() -> dict[str, str]:
    from zoneinfo import available_timezones

    return {name.casefold(): name for name in available_timezones()}


def parse_timezone(text: str) -> _dt.tzinfo:
    """A time zone from what a user types: an IANA name (`Europe/Berlin`, in any case),
    `UTC` / `Z`, or a fixed offset from UTC (`+01:00`, `-0530`, `+01`,
    `UTC+01:00`). Raises `TimezoneError` with "did you mean" for a typo
    (`Europe/Berln`); the message quotes at most about 40 characters of the input."""
    value = text.strip() if isinstance(text, str) else ""
    if value.upper() in ("UTC", "Z", "GMT", "UTC+0", "UTC-0"):
        return _dt.UTC
    match = _OFFSET.fullmatch(value)
    if match:
        sign, hours, minutes = match.group(1), int(match.group(2)), int(match.group(3) or 0)
        if hours > 14 or minutes > 59:
            raise TimezoneError(f"time zone {_elide(value)}: an offset from UTC is at most "
                                "+14:00 or -14:00 (hours 0-14, minutes 0-59)")
        delta = _dt.timedelta(hours=hours, minutes=minutes)
        return _dt.timezone(-delta if sign == "-" else delta) if delta else _dt.UTC
    names = _zone_names()
    name = names.get(value.casefold()) if value else None
    if name is not None:
        from zoneinfo import ZoneInfo

        return ZoneInfo(name)
    import difflib  # only for a suggestion (start-up)

    close = difflib.get_close_matches(value, sorted(names.values()), n=1, cutoff=0.75) \
        if value and len(value) <= 64 else []
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    raise TimezoneError(f"unknown time zone {_elide(value)}{hint}: give an IANA name such "
                        "as Europe/Berlin or America/New_York, UTC, or an offset such as "
                        "+01:00")


def _elide(value: str) -> str:
    from ..model import elide

    return elide(value)


def excerpt(value: object, limit: int = 40) -> str:
    """A value from an input file for an importer's error message: a string quoted,
    with unprintable characters escaped and cut to `limit` characters with an
    ellipsis (the limit counts the escapes too, so the excerpt stays short whatever the
    value holds); any other value as its `repr`, cut the same way. Names and notes are
    personal data: errors show no more of them than this (docs/reliability.md)."""
    if not isinstance(value, str):
        text = repr(value)
        return text if len(text) <= limit else text[:limit - 1] + "…"
    out: list[str] = []
    size = 0
    for ch in value:
        piece = ch if ch.isprintable() else ch.encode("unicode_escape",
                                                      "backslashreplace").decode("ascii")
        if size + len(piece) > limit - 1:
            out.append("…")
            break
        out.append(piece)
        size += len(piece)
    return "'" + "".join(out) + "'"


#: What an importer yields: events, and errors for the parts it could not read.
ImportItem = "Event | InputError"


@attrs.frozen
class Importer:
    """An input format. `detect(path)` says cheaply whether the file or folder is in
    this format; `read(path, options)` yields events and `InputError`s, never
    raising for bad content (only for an unreadable file). Higher `priority` is asked
    first."""

    name: str
    description: str
    detect: Callable[[Path], bool]
    read: Callable[[Path, ImportOptions], Iterator[Any]]
    priority: int = 0


@attrs.define
class Summary:
    """Counts for the closing line of a run."""

    read: int = 0
    assessed: int = 0
    rejected: int = 0
    by_action: dict[str, int] = attrs.field(factory=dict)
    by_severity: dict[str, int] = attrs.field(factory=dict)


class ReportWriter(Protocol):
    """An open report: receives assessments and errors as they come, then the summary."""

    def assessment(self, assessment: Assessment, event: Event) -> None: ...

    def error(self, error: InputError) -> None: ...

    def close(self, summary: Summary) -> None: ...


class PartWriter(Protocol):
    """One part of a report, written by a worker (`knigge check --jobs`): receives the
    assessments of a stretch of the input, in order; `finish` returns what the
    part's join needs besides the written text (picklable; `None` for nothing)."""

    def assessment(self, assessment: Assessment, event: Event) -> None: ...

    def finish(self) -> Any: ...


class ReportParts(Protocol):
    """How a report is written in parts and joined in input order, so that the joined
    report is byte for byte the one `Reporter.open` writes in one pass.

    `open(stream, locale, show_all)` starts a part (in a worker); `join(writer,
    state, part)` folds a finished part into the whole report's writer (opened with
    `Reporter.open`, in the parent): `state` is what the part writer's
    `finish` returned, `part` the part's bytes as a binary file. Input errors reach
    the whole report's `writer.error` in order; a part writer never sees them."""

    def open(self, stream: IO[str], locale: str, show_all: bool) -> PartWriter: ...

    def join(self, writer: Any, state: Any, part: IO[bytes]) -> None: ...


@attrs.frozen
class Reporter:
    """An output format: `open(stream, locale)` returns a `ReportWriter`.

    `parts` (optional, a `ReportParts`) lets `knigge check --jobs` write the
    report in parts in worker processes and join them; a reporter without it is written
    by one process."""

    name: str
    description: str
    open: Callable[[IO[str], str], ReportWriter]
    parts: ReportParts | None = None


def owner_mismatch(value: str, close: Sequence[str], where: str, hint: str) -> str:
    """The error for an `--owner` that matches no participant of an export: names the
    value, says that nothing was imported (rather than the owner's own messages imported
    as incoming) and suggests the `close` names ("did you mean …?"), else `hint`.
    `where` says what was searched ("this export's message threads")."""
    suggestion = ("did you mean " + " or ".join(f"'{c}'" for c in close) + "?") if close \
        else hint
    return (f"--owner '{value.strip()}' matches no participant of {where}, so nothing was "
            "imported, rather than importing your own messages as incoming: " + suggestion)
