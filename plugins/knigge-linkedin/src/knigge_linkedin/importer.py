"""Importer for LinkedIn's data export ("Get a copy of your data").

Reads the zip as downloaded (`Complete_LinkedInDataExport_MM-DD-YYYY.zip`, or any zip
holding `Invitations.csv`, `Connections.csv` or `messages.csv`), the folder it
unpacks to, or one of those CSV files on its own, and turns it into events:

- `Invitations.csv` → one [`ContactRequest`][knigge_engine.ContactRequest] per row (direction
  from the `Direction` column; an empty `Message` is no note, `None`);
- `Connections.csv` joined with the invitations on the profile URL →
  [`RequestResolved`][knigge_engine.RequestResolved] `accepted`, exactly one per invitation whose
  other party became a connection on or after the day the invitation was sent (the
  resolving party is the `sender`: the owner for an incoming invitation, the other
  party for an outgoing one); and the other party of an invitation or message who was a
  connection before the event's day gets `degree = 1`;
- `messages.csv` → one [`Message`][knigge_engine.Message] per row, direction relative to
  the owner of the export; `SUBJECT` goes to `Message.subject`, never into `text`;
- `Profile.csv` → the owner's name (unless `--owner` gives it); an `--owner` that
  matches nobody in the export refuses the import with one error and a did-you-mean.

The layouts and their quirks (byte-order mark, the preamble of `Connections.csv`, times
without a zone, multi-line quoted messages, sponsored mail, drafts) are described in
`docs/platforms/linkedin.md`. Every row that cannot be read becomes an
`InputError` naming the file, the row (numbered as a spreadsheet
program shows it) and the reason; the other rows are still imported. Errors never quote
note or message text.

Event ids are hashes of the file name and the row's content, so importing the same
export (or a later export holding the same rows) again gives the same ids.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as _dt
import difflib
import hashlib
import html
import io
import logging
import re
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

import attrs
from knigge_engine import (
    ContactRequest,
    Direction,
    Message,
    Outcome,
    Profile,
    RequestResolved,
)
from knigge_engine.io import (
    Importer,
    ImportOptions,
    InputError,
    Located,
    TimezoneError,
    owner_mismatch,
    parse_timezone,
)

__all__ = ["IMPORTER", "detect", "profile_key", "read"]

PLATFORM = "linkedin"

log = logging.getLogger("knigge_linkedin")

INVITATIONS = "invitations.csv"
CONNECTIONS = "connections.csv"
MESSAGES = "messages.csv"
EXPORT_FILES = (INVITATIONS, CONNECTIONS, MESSAGES)
#: Read beside the export files (for the owner's name), never a reason to claim a path.
PROFILE = "profile.csv"
_KNOWN_FILES = (*EXPORT_FILES, PROFILE)

# Columns by file: required ones must be there (matched by name, ignoring case); the
# optional ones are missing in older exports. Any other column is ignored.
_REQUIRED = {
    INVITATIONS: ("from", "to", "sent at", "message", "direction"),
    CONNECTIONS: ("first name", "last name", "connected on"),
    MESSAGES: ("conversation id", "from", "to", "date", "content"),
}
_OPTIONAL = {
    INVITATIONS: ("inviterprofileurl", "inviteeprofileurl"),
    CONNECTIONS: ("url", "email address", "company", "position"),
    MESSAGES: ("conversation title", "sender profile url", "recipient profile urls",
               "subject", "folder", "attachments", "is message draft"),
}
#: The cell that starts the header of each file (Connections.csv has a preamble).
_HEADER_START = {INVITATIONS: "from", CONNECTIONS: "first name", MESSAGES: "conversation id"}

_SPONSOR = "linkedin member"
# Bytes of a damaged zip searched for the names of the export's files.
_SNIFF_BYTES = 1 << 20


# --------------------------------------------------------------------------- helpers


def profile_key(url: str | None) -> str | None:
    """The join key of a LinkedIn profile URL: percent-decoded, lower-case, without
    trailing `/`; for `…/in/NAME` URLs just `name` (scheme, host and query do not
    matter). `None` for an empty URL."""
    if not url:
        return None
    s = unquote(url).strip().casefold().rstrip("/")
    if not s:
        return None
    m = re.search(r"/in/([^/?#]+)", s)
    return m.group(1) if m else s


def _name_key(name: str | None) -> str | None:
    if not name:
        return None
    s = " ".join(name.split()).casefold()
    return s or None


def _hash_id(prefix: str, *parts: str) -> str:
    digest = hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=10)
    return f"li-{prefix}-{digest.hexdigest()}"


class _Ids:
    """Unique ids per input: an exact duplicate row gets `-2`, `-3`, … (stable across
    re-imports, since rows keep their order)."""

    def __init__(self) -> None:
        self.seen: Counter[str] = Counter()

    def __call__(self, base: str) -> str:
        self.seen[base] += 1
        n = self.seen[base]
        return base if n == 1 else f"{base}-{n}"


_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    start=1)}
# "3/19/26, 7:48 AM" (the export's own format; 2018 Connections.csv too). The space
# before AM may be a narrow no-break space, which \s covers.
_US_TIME = re.compile(
    r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?"
    r"(?:\s*([AaPp])\.?\s*[Mm]\.?)?")
# "2026-04-06 16:35:35 UTC" (messages.csv; some Invitations.csv samples).
_UTC_TIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(UTC|GMT|Z)")
# "09 Sep 2022" and the spreadsheet-resaved "9-Sep-22".
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3})[A-Za-z]*\.?[ -](\d{4}|\d{2})")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _year(text: str) -> int:
    # LinkedIn dates from 2003 on: a two-digit year is always 20YY.
    return int(text) + 2000 if len(text) == 2 else int(text)


def parse_when(value: str) -> _dt.datetime | _dt.date:
    """Parse a LinkedIn export time. Returns an aware datetime (the value names its
    zone), a naive datetime (local time without zone: needs the export's time zone), or
    a date (a day without time). Raises `ValueError` for anything else."""
    s = value.strip()
    m = _US_TIME.fullmatch(s)
    if m:
        month, day, year, hour, minute, second, half = m.groups()
        h = int(hour)
        if half is not None:
            if not 1 <= h <= 12:
                raise ValueError("hour out of range for a 12-hour time")
            h = h % 12 + (12 if half in "Pp" else 0)
        return _dt.datetime(_year(year), int(month), int(day), h, int(minute),
                            int(second or 0))
    m = _UTC_TIME.fullmatch(s)
    if m:
        y, mo, d, hh, mi, sec, _ = m.groups()
        return _dt.datetime(int(y), int(mo), int(d), int(hh), int(mi), int(sec or 0),
                            tzinfo=_dt.UTC)
    m = _DAY_MONTH_YEAR.fullmatch(s)
    if m:
        day, month, year = m.groups()
        mon = _MONTHS.get(month.casefold())
        if mon is None:
            raise ValueError("unknown month name")
        return _dt.date(_year(year), mon, int(day))
    if _ISO_DATE.fullmatch(s):
        return _dt.date.fromisoformat(s)
    parsed = _dt.datetime.fromisoformat(s)  # raises ValueError for anything else
    return parsed


def _localize(value: _dt.datetime | _dt.date, zone: _dt.tzinfo | None) -> _dt.datetime | None:
    """An aware datetime for a parsed value; `None` when it needs a zone and none is
    known. A day without time becomes the start of that day in the export's zone."""
    if isinstance(value, _dt.datetime):
        if value.tzinfo is not None and value.utcoffset() is not None:
            return value
        return None if zone is None else value.replace(tzinfo=zone)
    if zone is None:
        return None
    return _dt.datetime(value.year, value.month, value.day, tzinfo=zone)


_HTML_TAG_PRESENT = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_HTML_BREAK = re.compile(r"<\s*(?:br|/p|/div|/li|/h[1-6])\b[^<>]*>", re.IGNORECASE)
_HTML_TAG = re.compile(r"<[^<>]*>")
_BLANK_LINES = re.compile(r"\n{3,}")


def _plain_text(content: str) -> str:
    """Message content as plain text: sponsored and some system messages arrive as HTML."""
    if "<" not in content or not _HTML_TAG_PRESENT.search(content):
        return content
    text = _HTML_BREAK.sub("\n", content)
    text = _HTML_TAG.sub("", text)
    text = html.unescape(text)
    return _BLANK_LINES.sub("\n\n", text).strip()


def _norm_text(text: str) -> str:
    # Invitations.csv turns a note's line breaks into spaces; compare on words only.
    return " ".join(text.split())


def _zone(name: str | None) -> tuple[_dt.tzinfo | None, str | None]:
    if not name:
        return None, None
    try:  # IANA names and fixed offsets (+01:00), the engine's one reading
        return parse_timezone(name), None
    except TimezoneError as exc:
        return None, str(exc)


# --------------------------------------------------------------------------- files


@attrs.frozen
class _File:
    """One CSV of the export: its kind, the name errors use, and how to get its bytes."""

    kind: str
    source: str
    load: Callable[[], bytes]


def _kind_of_name(name: str) -> str | None:
    base = PurePosixPath(name.replace("\\", "/")).name.casefold()
    return base if base in _KNOWN_FILES else None


def _has_export_file(found: Mapping[str, Any]) -> bool:
    return any(kind in found for kind in EXPORT_FILES)


def _kind_of_header(head: bytes) -> str | None:
    """Which export CSV a file is, from its first lines (for a CSV given on its own)."""
    text = head.decode("utf-8-sig", errors="replace")
    for line in text.splitlines()[:12]:
        cells = [c.strip().strip('"').casefold() for c in line.split(",")]
        if not cells:
            continue
        for kind, start in _HEADER_START.items():
            if cells[0] == start and set(_REQUIRED[kind]) <= set(cells):
                return kind
    return None


def _folder_files(folder: Path) -> dict[str, Path]:
    """The export CSVs in a folder, or in one of its direct subfolders (an unzipped
    export often sits in a folder of its own)."""
    for candidate in (folder, *sorted(p for p in _safe_iterdir(folder) if p.is_dir())):
        found: dict[str, Path] = {}
        for p in sorted(_safe_iterdir(candidate)):
            kind = _kind_of_name(p.name)
            if kind is not None and p.is_file():
                found.setdefault(kind, p)
        if _has_export_file(found):
            return found
    return {}


def _safe_iterdir(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:
        return []


def _zip_members(zf: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    found: dict[str, zipfile.ZipInfo] = {}
    # The shallowest copy wins: the export keeps these files at the top level.
    for info in sorted(zf.infolist(), key=lambda i: (i.filename.count("/"), i.filename)):
        if info.is_dir():
            continue
        kind = _kind_of_name(info.filename)
        if kind is not None:
            found.setdefault(kind, info)
    return found if _has_export_file(found) else {}


def _sniff_damaged_zip(path: Path) -> bool:
    """Does a zip whose directory cannot be read still look like a LinkedIn export? A
    truncated download loses the central directory at the end, but the local headers
    at the start still name the files."""
    if "linkedindataexport" in path.name.casefold():
        return True
    try:
        with path.open("rb") as f:
            head = f.read(_SNIFF_BYTES)
    except OSError:
        return False
    if not head.startswith(b"PK\x03\x04"):
        return False
    return any(n in head for n in (b"Invitations.csv", b"Connections.csv", b"messages.csv"))


def detect(path: Path) -> bool:
    """Whether `path` is a LinkedIn export: a zip or folder holding `Invitations.csv`,
    `Connections.csv` or `messages.csv`, or one of those CSVs (recognised by its
    header). Cheap: reads a zip's directory or a CSV's first lines only."""
    if path.is_dir():
        return bool(_folder_files(path))
    if not path.is_file():
        return False
    suffix = path.suffix.casefold()
    if suffix == ".zip":
        try:
            with zipfile.ZipFile(path) as zf:
                return bool(_zip_members(zf))
        except zipfile.BadZipFile:
            return _sniff_damaged_zip(path)
    if suffix == ".csv":
        with path.open("rb") as f:
            return _kind_of_header(f.read(64 * 1024)) is not None
    return False


_DAMAGED = ("the zip archive is damaged or incomplete ({detail}): download the export "
            "again")


@contextlib.contextmanager
def _open_export(path: Path) -> Iterator[tuple[list[_File], list[InputError]]]:
    """The export's CSV files (and errors about the container itself)."""
    source = str(path)
    if path.is_dir():
        found = _folder_files(path)
        if not found:
            yield [], [InputError(source, "", "holds none of Invitations.csv, "
                                  "Connections.csv, messages.csv")]
            return
        yield [_File(kind, str(p), p.read_bytes) for kind, p in found.items()], []
        return
    if path.suffix.casefold() == ".zip":
        try:
            zf = zipfile.ZipFile(path)
        except zipfile.BadZipFile as exc:
            yield [], [InputError(source, "", _DAMAGED.format(detail=exc))]
            return
        with zf:
            members = _zip_members(zf)
            if not members:
                yield [], [InputError(source, "", "the zip archive holds none of "
                                      "Invitations.csv, Connections.csv, messages.csv")]
                return
            files = [_File(kind, f"{source}/{info.filename}",
                           _zip_loader(zf, info)) for kind, info in members.items()]
            yield files, []
        return
    with path.open("rb") as f:
        kind = _kind_of_header(f.read(64 * 1024))
    if kind is None:
        yield [], [InputError(source, "", "not a LinkedIn export file: the header matches "
                              "none of Invitations.csv, Connections.csv, messages.csv")]
        return
    yield [_File(kind, source, path.read_bytes)], []


def _zip_loader(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Callable[[], bytes]:
    def load() -> bytes:
        return zf.read(info)

    return load


class _Unreadable(Exception):
    """A file of the export that cannot be read at all (reported once)."""


def _load_text(file: _File) -> tuple[str, list[InputError]]:
    try:
        data = file.load()
    except (zipfile.BadZipFile, EOFError, OSError, RuntimeError, NotImplementedError,
            ValueError) as exc:
        # zlib.error is not an OSError; ValueError and RuntimeError cover encrypted and
        # oddly compressed members.
        raise _Unreadable(_DAMAGED.format(detail=f"{type(exc).__name__}: {exc}")) from None
    except Exception as exc:  # zlib.error and friends
        raise _Unreadable(_DAMAGED.format(detail=type(exc).__name__)) from None
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        # Keep the rest of the file: replace the bad bytes and say where they were.
        error = InputError(file.source, f"byte {exc.start}",
                           f"not UTF-8 ({exc.reason}); the bytes were replaced by U+FFFD "
                           "and the rest was read")
        return data.decode("utf-8-sig", errors="replace"), [error]


# --------------------------------------------------------------------------- CSV rows


@attrs.frozen
class _Table:
    """A parsed header: column name (case-folded) → index."""

    columns: Mapping[str, int]
    width: int
    header_row: int

    def get(self, cells: Sequence[str], name: str) -> str:
        i = self.columns.get(name)
        if i is None or i >= len(cells):
            return ""
        return cells[i]


def _records(text: str, source: str) -> Iterator[tuple[int, list[str]] | InputError]:
    """CSV records numbered as a spreadsheet shows them (a multi-line quoted cell is one
    row); malformed records become errors and reading goes on."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    row = 0
    while True:
        before = reader.line_num
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            row += 1
            if "unexpected end of data" in str(exc):
                yield InputError(source, f"row {row}", "a quoted cell is not closed before "
                                 "the end of the file (is the file cut off?); this row and "
                                 "everything after it could not be read")
                return
            yield InputError(source, f"row {row}", f"not valid CSV: {exc}")
            if reader.line_num == before:
                return  # no progress: stop rather than loop
            continue
        row += 1
        yield row, record


def _find_header(
    kind: str, text: str, source: str
) -> tuple[_Table | None, list[InputError], Iterator[tuple[int, list[str]] | InputError]]:
    """Locate the header (by its first cell: `Connections.csv` starts with a preamble)
    and check the required columns. Returns the table, errors, and the remaining rows."""
    records = _records(text, source)
    start = _HEADER_START[kind]
    skipped: list[InputError] = []
    for item in records:
        if isinstance(item, InputError):
            skipped.append(item)
            continue
        row, cells = item
        if cells and cells[0].strip().lstrip("\ufeff").casefold() == start:
            names = [c.strip().lstrip("\ufeff").casefold() for c in cells]
            columns: dict[str, int] = {}
            for i, name in enumerate(names):
                columns.setdefault(name, i)
            missing = [c for c in _REQUIRED[kind] if c not in columns]
            if missing:
                shown = ", ".join(_display(c) for c in missing)
                return None, [InputError(source, f"row {row}",
                                         f"missing column(s): {shown}; found: "
                                         + ", ".join(c.strip() for c in cells))], iter(())
            return _Table(columns, len(cells), row), skipped, records
    expected = _display(start)
    return None, [*skipped, InputError(source, "", f"no header row starting with "
                                       f"'{expected}' was found")], iter(())


_DISPLAY = {"from": "From", "to": "To", "sent at": "Sent At", "message": "Message",
            "direction": "Direction", "first name": "First Name", "last name": "Last Name",
            "connected on": "Connected On", "conversation id": "CONVERSATION ID",
            "date": "DATE", "content": "CONTENT"}


def _display(column: str) -> str:
    return _DISPLAY.get(column, column)


def _data_rows(table: _Table, records: Any, source: str) -> Iterator[Any]:
    """The non-blank rows of a table as `(row number, cells)`, with errors for rows of
    the wrong width and for rows the CSV reader could not read, in file order."""
    for item in records:
        if isinstance(item, InputError):
            yield item
            continue
        row, cells = item
        if not any(c.strip() for c in cells):
            continue
        bad = _check_width(table, row, cells, source)
        if bad is not None:
            yield bad
            continue
        yield row, cells


def _check_width(table: _Table, row: int, cells: list[str], source: str) -> InputError | None:
    if len(cells) == table.width:
        return None
    if len(cells) > table.width and not any(c.strip() for c in cells[table.width:]):
        return None  # trailing empty cells: a resaved file, nothing lost
    return InputError(source, f"row {row}", f"the row has {len(cells)} cells but the "
                      f"header has {table.width} (an unquoted comma or a cut-off row?)")


# --------------------------------------------------------------------------- owner


@attrs.define
class _Owner:
    """Who the export belongs to: every profile key and name seen on the owner's side.
    The owner's id is the one given with `--owner`, else their profile key, else their
    name."""

    keys: set[str] = attrs.field(factory=set)
    names: set[str] = attrs.field(factory=set)
    explicit_id: str | None = None
    first_key: str | None = None
    name: str | None = None

    def add(self, key: str | None, name: str | None) -> None:
        if key:
            self.keys.add(key)
            self.first_key = self.first_key or key
        n = _name_key(name)
        if n:
            self.names.add(n)
            self.name = self.name or " ".join((name or "").split())

    def known(self) -> bool:
        return bool(self.keys or self.names)

    def matches(self, key: str | None, name: str | None) -> bool:
        if key and key in self.keys:
            return True
        n = _name_key(name)
        return bool(n and n in self.names)

    def profile(self) -> Profile:
        return Profile(id=self.explicit_id or self.first_key or self.name or "me",
                       name=self.name)


def _owner_from_option(value: str | None) -> _Owner:
    owner = _Owner()
    if not value or not value.strip():
        return owner
    value = value.strip()
    if "/" in value or "linkedin.com" in value.casefold():
        owner.add(profile_key(value), None)
    elif " " not in value:
        # A bare profile name ("jana-owner-4a1b") or a one-word name: accept both.
        owner.keys.add(value.casefold())
        owner.names.add(value.casefold())
    else:
        owner.add(None, value)
    owner.explicit_id = value
    return owner


@attrs.define
class _Participants:
    """Everyone the export shows as sender or recipient of an invitation or message:
    profile keys, and names (case-folded name → the name as written)."""

    keys: set[str] = attrs.field(factory=set)
    names: dict[str, str] = attrs.field(factory=dict)

    def add(self, key: str | None, name: str | None) -> None:
        if key:
            self.keys.add(key)
        n = _name_key(name)
        if n and n != _SPONSOR:
            self.names.setdefault(n, " ".join((name or "").split()))

    def __bool__(self) -> bool:
        return bool(self.keys or self.names)

    def include(self, owner: _Owner) -> bool:
        """Whether `owner` is one of the participants."""
        return bool(owner.keys & self.keys or owner.names & set(self.names))

    def suggestions(self, value: str) -> list[str]:
        """Names (or, for a URL or profile name, profile names) close to `value`."""
        wanted = value.strip().casefold()
        names = difflib.get_close_matches(wanted, list(self.names), n=3, cutoff=0.6)
        shown = [self.names[n] for n in names]
        if " " not in wanted:
            key = profile_key(wanted) or wanted
            shown += difflib.get_close_matches(key, sorted(self.keys), n=3, cutoff=0.6)
        return shown[:3]


def _participants(files: Mapping[str, _File]) -> _Participants:
    """The participants of `Invitations.csv` and `messages.csv` (a quiet extra pass:
    the rows' errors are reported when the files are read for their events)."""
    found = _Participants()
    columns = {
        INVITATIONS: (("inviterprofileurl", "from"), ("inviteeprofileurl", "to")),
        MESSAGES: (("sender profile url", "from"), ("recipient profile urls", "to")),
    }
    for kind, sides in columns.items():
        file = files.get(kind)
        if file is None:
            continue
        try:
            text, _ = _load_text(file)
        except _Unreadable:
            continue
        table, _, records = _find_header(kind, text, file.source)
        if table is None:
            continue
        for item in records:
            if isinstance(item, InputError):
                continue
            _, cells = item
            for url_column, name_column in sides:
                for url in table.get(cells, url_column).split(","):
                    found.add(profile_key(url), None)
                names = table.get(cells, name_column)
                for name in (_split_names(names) if kind == MESSAGES else (names,)):
                    found.add(None, name)
    return found


def _owner_mismatch(value: str, participants: _Participants) -> str:
    return owner_mismatch(value, participants.suggestions(value),
                          "this export (no sender or recipient of an invitation or message "
                          "has that name or profile URL)",
                          "pass your name or profile URL as LinkedIn shows it")


def _profile_owner(file: _File) -> str | None:
    """The owner's name from `Profile.csv` (`First Name`, `Last Name`), or `None`
    when the file has no usable row. Problems are logged: the file holds no events."""
    try:
        text, _ = _load_text(file)
    except _Unreadable as exc:
        log.warning("%s: %s", file.source, exc)
        return None
    rows = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [c.strip().lstrip("\ufeff").casefold() for c in next(rows, [])]
        if "first name" in header or "last name" in header:
            table = _Table({n: header.index(n) for n in ("first name", "last name")
                            if n in header}, len(header), 1)
            for cells in rows:
                name = " ".join(f"{table.get(cells, 'first name')} "
                                f"{table.get(cells, 'last name')}".split())
                if name:
                    return name
    except csv.Error:
        pass
    log.warning("%s: no 'First Name' / 'Last Name' found; the owner is taken from the "
                "other files", file.source)
    return None


def _person(key: str | None, name: str | None, **facts: Any) -> Profile | None:
    clean = " ".join((name or "").split()) or None
    pid = key or clean
    if pid is None:
        return None
    return Profile(id=pid, name=clean, **facts)


# --------------------------------------------------------------------------- reading


@attrs.frozen
class _Invitation:
    """What the join with Connections.csv needs of an imported invitation."""

    id: str
    direction: Direction
    at: _dt.datetime
    other_key: str | None
    other_name: str | None
    other: Profile
    note: str | None


@attrs.frozen
class _Connection:
    row: int
    name: str | None
    key: str | None
    company: str | None
    position: str | None
    when: _dt.datetime | _dt.date

    def day(self, zone: _dt.tzinfo | None) -> _dt.date:
        """The local day of connecting (a naive time is local already)."""
        when = self.when
        if isinstance(when, _dt.datetime):
            if when.tzinfo is not None and zone is not None:
                return when.astimezone(zone).date()
            return when.date()
        return when


class _Network:
    """Who was a connection since when, for `degree = 1` on the other party of an
    invitation or message. Joined on the profile key; on the unique name only where
    there is no URL to join on (a file without the URL column, or an event without
    one)."""

    def __init__(self, connections: Iterable[_Connection], has_urls: bool,
                 zone: _dt.tzinfo | None) -> None:
        self.zone = zone
        self.has_urls = has_urls
        self.by_key: dict[str, _dt.date] = {}
        days_by_name: dict[str, set[_dt.date]] = defaultdict(set)
        for c in connections:
            day = c.day(zone)
            if c.key:
                # A duplicate row: the person has been a connection since the earliest.
                self.by_key[c.key] = min(day, self.by_key.get(c.key, day))
            n = _name_key(c.name)
            if n:
                days_by_name[n].add(day)
        # Two rows of one name on different days may be two people: no guess.
        self.by_name = {n: next(iter(d)) for n, d in days_by_name.items() if len(d) == 1}

    def degree(self, profile: Profile, key: str | None, at: _dt.datetime) -> Profile:
        """`profile` with `degree = 1` when they were a connection before the day of
        `at` (in the export's zone); otherwise unchanged (degree unknown)."""
        if key is not None and self.has_urls:
            day = self.by_key.get(key)
        else:
            day = self.by_name.get(_name_key(profile.name) or "")
        if day is None:
            return profile
        if self.zone is not None:
            before = day < at.astimezone(self.zone).date()
        else:
            # No zone: the local day may be one off the UTC day either way, so only a
            # connection two UTC days before the event is surely older.
            before = day < at.astimezone(_dt.UTC).date() - _dt.timedelta(days=1)
        return attrs.evolve(profile, degree=1) if before else profile


def _collect(gen: Generator[Any, None, Any]) -> tuple[list[Any], Any]:
    """Run a reading generator to its end: what it yielded, and what it returned."""
    items: list[Any] = []
    while True:
        try:
            items.append(next(gen))
        except StopIteration as stop:
            return items, stop.value


def read(path: Path, options: ImportOptions) -> Iterator[Any]:
    """Yield the export's events, each as a `Located` naming
    its file and row (an acceptance: the row of Connections.csv), and
    `InputError`s (see the module docs)."""
    zone, zone_error = _zone(options.timezone)
    if zone_error:
        # A warning, not an input error: the option rejects no row by itself, and every
        # row it leaves undated is an error of its own that names the zone.
        log.warning("%s: %s", path, zone_error)
    with _open_export(path) as (files, errors):
        yield from errors
        by_kind = {f.kind: f for f in files}
        owner = _owner_from_option(options.owner)
        profile_name = _profile_owner(by_kind[PROFILE]) if PROFILE in by_kind else None
        if owner.known() or profile_name:
            participants = _participants(by_kind)
            if owner.known():
                if participants and not participants.include(owner):
                    # One error for the whole export: nothing is imported, so no row
                    # is imported with the wrong direction.
                    yield InputError(str(path), "", _owner_mismatch(options.owner or "",
                                                                     participants))
                    return
            elif profile_name:
                candidate = _Owner()
                candidate.add(None, profile_name)
                if participants and not participants.include(candidate):
                    log.warning("%s: the name in Profile.csv is no participant of the "
                                "export; the owner is taken from the other files",
                                by_kind[PROFILE].source)
                else:
                    owner = candidate
        # Connections first (their errors are reported in file order below): the other
        # party of an invitation may already be a connection.
        connections: list[_Connection] = []
        connection_errors: list[Any] = []
        has_urls = False
        if CONNECTIONS in by_kind:
            connection_errors, has_urls = _collect(
                _read_connections(by_kind[CONNECTIONS], connections))
        network = _Network(connections, has_urls, zone)
        invitations: list[_Invitation] = []
        if INVITATIONS in by_kind:
            yield from _read_invitations(by_kind[INVITATIONS], zone, zone_error, owner,
                                         invitations, network)
        yield from connection_errors
        if invitations and connections:
            yield from _accepted(invitations, connections, has_urls, owner, zone,
                                 zone_error, by_kind[CONNECTIONS].source)
        if MESSAGES in by_kind:
            yield from _read_messages(by_kind[MESSAGES], owner, invitations, network)


def _zone_advice(zone_error: str | None) -> str:
    if zone_error:
        return "pass a valid --timezone (" + zone_error.split(": give ", 1)[0] + ")"
    return ("pass --timezone with the zone the export was made in, e.g. "
            "--timezone Europe/Berlin")


def _open_table(file: _File, name: str) -> Generator[Any, None, tuple[str, Any, Any]]:
    """Read one CSV file of the export and find its header: yields the errors of both
    steps and returns `(text, table, records)`; `table` is `None` when the file
    could not be read or has no header (the errors say why)."""
    try:
        text, errors = _load_text(file)
    except _Unreadable as exc:
        yield InputError(file.source, "", str(exc))
        return "", None, ()
    yield from errors
    table, errors, records = _find_header(name, text, file.source)
    yield from errors
    return text, table, records


def _read_invitations(file: _File, zone: _dt.tzinfo | None, zone_error: str | None,
                      owner: _Owner, out: list[_Invitation],
                      network: _Network) -> Iterator[Any]:
    _, table, records = yield from _open_table(file, INVITATIONS)
    if table is None:
        return
    rows: list[tuple[int, list[str]]] = []
    for item in records:
        if isinstance(item, InputError):
            yield item
            continue
        row, cells = item
        if not any(c.strip() for c in cells):
            continue  # a blank line holds no invitation
        bad = _check_width(table, row, cells, file.source)
        if bad is not None:
            yield bad
            continue
        rows.append((row, cells))
    # First the owner: every row names them on one side, the Direction column says which.
    for _row, cells in rows:
        direction = table.get(cells, "direction").strip().casefold()
        if direction == "outgoing":
            owner.add(profile_key(table.get(cells, "inviterprofileurl")),
                      table.get(cells, "from"))
        elif direction == "incoming":
            owner.add(profile_key(table.get(cells, "inviteeprofileurl")),
                      table.get(cells, "to"))
    ids = _Ids()
    me = owner.profile()
    for row, cells in rows:
        g = table.get
        raw_direction = g(cells, "direction").strip().casefold()
        if raw_direction not in ("incoming", "outgoing"):
            yield InputError(file.source, f"row {row}", "'Direction' must be INCOMING or "
                             "OUTGOING" + (" (it is empty)" if not raw_direction else ""))
            continue
        direction = Direction(raw_direction)
        sent = g(cells, "sent at")
        try:
            when = parse_when(sent)
        except ValueError:
            yield InputError(file.source, f"row {row}", "'Sent At' is not a time LinkedIn "
                             "writes (expected e.g. 3/19/26, 7:48 AM)" if sent.strip()
                             else "'Sent At' is empty")
            continue
        at = _localize(when, zone)
        if at is None:
            # One error per row, so the summary counts every invitation not imported.
            yield InputError(file.source, f"row {row}", "'Sent At' has no time zone, so "
                             "this invitation was not imported: " + _zone_advice(zone_error))
            continue
        if direction is Direction.OUTGOING:
            other_name, other_url = g(cells, "to"), g(cells, "inviteeprofileurl")
        else:
            other_name, other_url = g(cells, "from"), g(cells, "inviterprofileurl")
        other_key = profile_key(other_url)
        other = _person(other_key, other_name)
        if other is None:
            side = "To" if direction is Direction.OUTGOING else "From"
            yield InputError(file.source, f"row {row}", f"'{side}' is empty and there is "
                             "no profile URL: the other party is unknown")
            continue
        message = g(cells, "message")
        note = message if message.strip() else None
        event_id = ids(_hash_id("inv", INVITATIONS, g(cells, "from"), g(cells, "to"),
                                sent.strip(), raw_direction, message))
        known = network.degree(other, other_key, at)
        sender, recipient = (me, known) if direction is Direction.OUTGOING else (known, me)
        yield Located(ContactRequest(id=event_id, platform=PLATFORM, direction=direction,
                                     at=at, sender=sender, recipient=recipient, note=note),
                      file.source, f"row {row}")
        out.append(_Invitation(event_id, direction, at, other_key, _name_key(other_name),
                               other, note))


def _read_connections(file: _File, out: list[_Connection]) -> Generator[Any, None, bool]:
    """Read Connections.csv into `out`; returns whether the file has profile URLs.
    Connections become events only through the join with the invitations."""
    _, table, records = yield from _open_table(file, CONNECTIONS)
    if table is None:
        return False
    has_urls = "url" in table.columns
    for item in _data_rows(table, records, file.source):
        if isinstance(item, InputError):
            yield item
            continue
        row, cells = item
        g = table.get
        raw = g(cells, "connected on")
        try:
            when = parse_when(raw)
        except ValueError:
            yield InputError(file.source, f"row {row}", "'Connected On' is not a date "
                             "LinkedIn writes (expected e.g. 09 Sep 2022)" if raw.strip()
                             else "'Connected On' is empty")
            continue
        name = " ".join(f"{g(cells, 'first name')} {g(cells, 'last name')}".split()) or None
        # Rows with empty names occur (members who left or hid themselves): they still
        # count as connections but can only be joined by URL.
        out.append(_Connection(row=row, name=name, key=profile_key(g(cells, "url")),
                               company=g(cells, "company").strip() or None,
                               position=g(cells, "position").strip() or None, when=when))
    return has_urls


def _accepted(invitations: list[_Invitation], connections: list[_Connection],
              has_urls: bool, owner: _Owner, zone: _dt.tzinfo | None,
              zone_error: str | None, source: str) -> Iterator[Any]:
    """RequestResolved(accepted), one per connection: for the invitation (to or from that
    person) that it proves accepted, the latest one sent on or before the day of
    connecting. Connections without such an invitation get none; duplicate rows of
    either file count once."""
    by_key: dict[str, _Connection] = {}
    by_name: dict[str, list[_Connection]] = defaultdict(list)
    for c in connections:
        if c.key:
            by_key.setdefault(c.key, c)
        if c.name:
            same = by_name[_name_key(c.name) or ""]
            # An exact duplicate row is the same connection, not a second person.
            if not any(o.when == c.when and o.key == c.key for o in same):
                same.append(c)
    # Distinct invitations per name: a duplicated row is one invitation.
    invitation_names = Counter(name for name, *_ in {
        (i.other_name, i.direction, i.at, i.note) for i in invitations if i.other_name})
    candidates: dict[int, tuple[_Connection, list[_Invitation]]] = {}
    for inv in invitations:
        conn = by_key.get(inv.other_key) if inv.other_key else None
        if conn is None and (not has_urls or inv.other_key is None) and inv.other_name:
            # Old exports have no URLs: join on the full name, but only when it is
            # unique on both sides (two people of one name are not guessed apart).
            same = by_name.get(inv.other_name, [])
            if len(same) == 1 and invitation_names[inv.other_name] == 1:
                conn = same[0]
        if conn is not None:
            candidates.setdefault(id(conn), (conn, []))[1].append(inv)
    me = owner.profile()
    for conn, invs in candidates.values():
        when = conn.when
        if isinstance(when, _dt.datetime) and when.tzinfo is not None:
            connected = when
        else:
            localized = _localize(when, zone)
            if localized is None:
                # One error per connection row, so the summary counts each outcome lost.
                yield InputError(source, f"row {conn.row}", "'Connected On' has no time "
                                 "zone, so the acceptance of the invitation to or from this "
                                 "connection could not be dated and was not imported: "
                                 + _zone_advice(zone_error))
                continue
            connected = localized
        day = connected.date()
        # Invitations sent on or before the day of connecting; the latest one is the
        # one that was accepted.
        earlier = [i for i in invs if i.at.astimezone(connected.tzinfo).date() <= day]
        if not earlier:
            continue
        inv = max(earlier, key=lambda i: i.at)
        # Connected On may hold only the day: never date the acceptance before the send.
        at = max(connected, inv.at)
        other = attrs.evolve(inv.other, headline=conn.position or inv.other.headline,
                             company=conn.company or inv.other.company)
        if inv.direction is Direction.OUTGOING:
            direction, sender, recipient = Direction.INCOMING, other, me
        else:
            direction, sender, recipient = Direction.OUTGOING, me, other
        # Where it was read: the connection's row, which proves the acceptance.
        yield Located(RequestResolved(id=_hash_id("acc", inv.id), platform=PLATFORM,
                                      direction=direction, at=at, sender=sender,
                                      recipient=recipient, request=inv.id,
                                      outcome=Outcome.ACCEPTED),
                      source, f"row {conn.row}")


@attrs.frozen
class _MessageRow:
    row: int
    id: str
    conversation: str
    at: _dt.datetime
    sender_key: str | None
    sender_name: str
    recipient_keys: tuple[str, ...]
    recipient_names: tuple[str, ...]


def _split_names(value: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in value.split(",") if n.strip())


def _read_messages(file: _File, owner: _Owner, invitations: list[_Invitation],
                   network: _Network) -> Iterator[Any]:
    text, table, records = yield from _open_table(file, MESSAGES)
    if table is None:
        return
    # Pass 1: everything but the text, to learn the owner and each thread's order.
    parsed: list[_MessageRow] = []
    ids = _Ids()
    for item in _data_rows(table, records, file.source):
        if isinstance(item, InputError):
            yield item
            continue
        row, cells = item
        g = table.get
        raw = g(cells, "date")
        try:
            when = parse_when(raw)
        except ValueError:
            when = None
        at = _localize(when, None) if when is not None else None
        if at is None:
            reason = ("'DATE' is empty" if not raw.strip() else
                      "'DATE' is not a time with its zone (expected e.g. "
                      "2026-04-06 16:35:35 UTC)")
            yield InputError(file.source, f"row {row}", reason)
            continue
        sender_name = " ".join(g(cells, "from").split())
        sender_key = profile_key(g(cells, "sender profile url"))
        if not sender_name and not sender_key:
            yield InputError(file.source, f"row {row}", "'FROM' is empty and there is no "
                             "sender profile URL: the sender is unknown")
            continue
        conversation = g(cells, "conversation id").strip()
        recipients = tuple(k for k in (profile_key(u) for u in
                                       g(cells, "recipient profile urls").split(",")) if k)
        event_id = ids(_hash_id("msg", MESSAGES, conversation, g(cells, "from"),
                                g(cells, "sender profile url"), raw.strip(),
                                g(cells, "to"), g(cells, "subject"), g(cells, "content")))
        parsed.append(_MessageRow(row, event_id, conversation, at, sender_key, sender_name,
                                  recipients, _split_names(g(cells, "to"))))
    if not parsed:
        return
    if not owner.known():
        inferred = _infer_owner(parsed)
        if inferred is None:
            # One error per row, so the summary counts every message not imported.
            for m in parsed:
                yield InputError(file.source, f"row {m.row}", "cannot tell which participant "
                                 "is you, so this message was not imported: pass --owner "
                                 "with your name or profile URL as LinkedIn shows it")
            return
        owner.add(*inferred)
    if owner.name is None:
        # Known by profile URL only (from --owner): take the name their messages show.
        for m in parsed:
            if owner.matches(m.sender_key, None) and m.sender_name:
                owner.add(None, m.sender_name)
                break
    # Thread order: each message answers the latest earlier one from someone else.
    threads: dict[str, list[_MessageRow]] = defaultdict(list)
    for m in parsed:
        threads[m.conversation or m.id].append(m)
    answers: dict[str, str] = {}
    for msgs in threads.values():
        msgs.sort(key=lambda m: (m.at, m.row))
        for i, m in enumerate(msgs):
            mine = owner.matches(m.sender_key, m.sender_name)
            for prev in reversed(msgs[:i]):
                if owner.matches(prev.sender_key, prev.sender_name) != mine:
                    answers[m.id] = prev.id
                    break
    notes: dict[tuple[str, str], str] = {}
    for inv in invitations:
        if inv.note:
            sender = owner.profile() if inv.direction is Direction.OUTGOING else inv.other
            for who in {sender.id.casefold(), _name_key(sender.name) or ""} - {""}:
                notes[(who, _norm_text(inv.note))] = inv.id
    # One identity per person: files without recipient URLs name the recipient of the
    # owner's messages only by name, while that person's own messages carry their URL.
    # A name that stands for exactly one URL (in messages or invitations) takes it, so
    # that a reply and the message it answers have the same other party.
    urls: dict[str, set[str]] = defaultdict(set)
    for m in parsed:
        name = _name_key(m.sender_name)
        if name and m.sender_key:
            urls[name].add(m.sender_key)
    for inv in invitations:
        name = _name_key(inv.other_name)
        if name and inv.other_key:
            urls[name].add(inv.other_key)
    url_of = {name: next(iter(keys)) for name, keys in urls.items() if len(keys) == 1}
    # Pass 2: the events, in file order.
    by_row = {m.row: m for m in parsed}
    me = owner.profile()
    for item in _find_header(MESSAGES, text, file.source)[2]:
        if isinstance(item, InputError):
            continue  # reported in pass 1
        row, cells = item
        found = by_row.get(row)
        if found is None:
            continue
        yield Located(_message_event(table, cells, found, owner, me, answers, notes,
                                     network, url_of), file.source, f"row {row}")


def _message_event(table: _Table, cells: list[str], m: _MessageRow, owner: _Owner,
                   me: Profile, answers: Mapping[str, str],
                   notes: Mapping[tuple[str, str], str], network: _Network,
                   url_of: Mapping[str, str] | None = None) -> Message:
    g = table.get
    content = _plain_text(g(cells, "content"))
    # The subject line is a field of its own, never part of the text; a message with
    # no content (only a subject, or only an attachment) has no text: None.
    subject = g(cells, "subject").strip() or None
    text = content if content.strip() else None
    context: dict[str, Any] = {}
    folder = g(cells, "folder").strip()
    if folder:
        context["folder"] = folder.casefold()
    if g(cells, "is message draft").strip().casefold() in ("yes", "true"):
        context["draft"] = True
    outgoing = owner.matches(m.sender_key, m.sender_name)
    if outgoing:
        others = [k for k in m.recipient_keys if k not in owner.keys]
        names = [n for n in m.recipient_names if not owner.matches(None, n)]
        if not others and len(names) == 1:
            known = (url_of or {}).get(_name_key(names[0]) or "")
            others = [known] if known is not None else []
        if len(others) <= 1 and len(names) <= 1:
            recipient = _person(others[0] if others else None, names[0] if names else None)
            if recipient is not None:
                recipient = network.degree(recipient, others[0] if others else None, m.at)
        else:
            recipient = None
        if recipient is None:
            recipient = Profile(id=f"conversation:{m.conversation or m.id}",
                                name=", ".join(m.recipient_names) or None)
            if len(others) > 1 or len(names) > 1:
                context["group"] = True  # several recipients: a group conversation
        sender = me
    else:
        sponsored = m.sender_name.casefold() == _SPONSOR and m.sender_key is None
        if sponsored:
            context["sponsored"] = True
        sender = _person(m.sender_key, m.sender_name) or Profile(id="unknown")
        if not sponsored and sender.id != "unknown":
            sender = network.degree(sender, m.sender_key, m.at)
        recipient = me
    reply_to = answers.get(m.id)
    for who in (sender.id.casefold(), _name_key(sender.name) or ""):
        echo = notes.get((who, _norm_text(content)))
        if echo is not None:
            # An accepted invitation's note reappears as the thread's first message: it
            # belongs to the invitation, which was judged already.
            reply_to = echo
            context["invitation_note"] = True
            break
    return Message(id=m.id, platform=PLATFORM,
                   direction=Direction.OUTGOING if outgoing else Direction.INCOMING,
                   at=m.at, sender=sender, recipient=recipient, text=text,
                   subject=subject, thread=m.conversation or None, in_reply_to=reply_to,
                   context=context or None)


def _infer_owner(rows: Iterable[_MessageRow]) -> tuple[str | None, str | None] | None:
    """The one participant who takes part in every conversation; `None` when that is
    not exactly one person (a single conversation, for example, has two)."""
    by_url: dict[str, set[str]] = defaultdict(set)
    by_name: dict[str, set[str]] = defaultdict(set)
    url_complete = True
    display: dict[str, str] = {}
    for m in rows:
        conv = m.conversation or m.id
        if m.sender_key and m.recipient_keys:
            by_url[conv].add(m.sender_key)
            by_url[conv].update(m.recipient_keys)
        else:
            url_complete = False
        for name in (m.sender_name, *m.recipient_names):
            key = _name_key(name)
            if key:
                by_name[conv].add(key)
                display.setdefault(key, name)
    if url_complete and len(by_url) >= 2:
        common = set.intersection(*by_url.values())
        if len(common) == 1:
            key = next(iter(common))
            return key, _owner_name_for_key(rows, key)
    if len(by_name) >= 2:
        common = set.intersection(*by_name.values()) - {_SPONSOR}
        if len(common) == 1:
            key = next(iter(common))
            return None, display[key]
    return None


def _owner_name_for_key(rows: Iterable[_MessageRow], key: str) -> str | None:
    for m in rows:
        if m.sender_key == key and m.sender_name:
            return m.sender_name
    return None


IMPORTER = Importer(
    name="linkedin-export",
    description="LinkedIn data export: the zip as downloaded, its folder, or "
    "Invitations.csv / Connections.csv / messages.csv (times without a zone need "
    "--timezone)",
    detect=detect,
    read=read,
    priority=50,
)
