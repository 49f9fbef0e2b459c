"""XING input: vCards (`.vcf`) and the documented XING CSV layouts.

XING's bulk contact export ended in 2014 and its API in 2019 (`shared/PLATFORMS.md`);
what members can still download are single-contact vCards. So this module reads:

- **vCard** files, one or many cards per file, versions 2.1, 3.0 and 4.0, with folded
  lines, quoted-printable values (also with soft line breaks) and UTF-8 text. A card is a
  contact: it becomes a [`RequestResolved`][knigge_engine.RequestResolved] `accepted` dated by the
  card's `REV`. A card without `REV` has no time, and an event needs one: it is
  counted and reported in one warning line per file, not imported.
- **CSV** in the two layouts documented in `docs/platforms/xing.md`: contacts
  (`name`, `connected_at`, …) and requests (`direction`, `name`, `sent_at`, …).

Events in the engine's own JSONL with `"platform": "xing"` need nothing from here: the
core's JSONL importer reads them and the XING spec applies.

Every card, line or row that cannot be read becomes an `InputError` naming the
file, the line or row and the reason; the rest is imported.
"""

from __future__ import annotations

import codecs
import csv
import datetime as _dt
import hashlib
import io
import logging
import quopri
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import attrs
from knigge_engine import ContactRequest, Direction, Outcome, Profile, RequestResolved
from knigge_engine.io import (
    Importer,
    ImportOptions,
    InputError,
    Located,
    TimezoneError,
    excerpt,
    parse_timezone,
)

__all__ = ["CSV_LAYOUTS", "IMPORTERS", "OWNER_ID", "XING_CSV", "XING_VCARD", "person_id"]

log = logging.getLogger("knigge_xing")

PLATFORM = "xing"
#: The owner's profile id in every imported event (the policy's `[owner]` defaults to
#: the same id).
OWNER_ID = "me"


class _RowError(Exception):
    """A value that cannot be read; the message is the reason."""


def _excerpt(value: str, limit: int = 40) -> str:
    """A value for an error message (`knigge_engine.io.excerpt`), without the white
    space around it: a CSV cell's padding is no part of the value."""
    return excerpt(value.strip(), limit)


def _label(name: str) -> str:
    """A property or charset name as written when it looks like one, else elided."""
    return name if len(name) <= 20 and name.isprintable() else _excerpt(name, 20)


#: The largest count a profile fact may hold. No network has a billion members in one
#: person's contacts; larger values are corrupt, and past 2**63 they could not even be
#: written as JSON or stored in the history.
_MAX_COUNT = 1_000_000_000


# -------------------------------------------------------------------------- identity


def _digest(*parts: object) -> str:
    raw = "\x1f".join(str(p) for p in parts).encode("utf-8")
    return hashlib.sha256(raw).hexdigest()[:16]


def _normal_name(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


_PROFILE_RE = re.compile(r"/profiles?/([^/?#]+)", re.IGNORECASE)


def person_id(name: str | None, profile_url: str | None = None) -> str:
    """A stable profile id: the XING profile slug when a profile URL is known
    (`xing:Max_Mustermann`), else one derived from the name, so that the same person
    gets the same id from a vCard and from a CSV row."""
    if profile_url:
        m = _PROFILE_RE.search(urlsplit(profile_url.strip()).path)
        if m:
            return "xing:" + unquote(m.group(1))
    return "xing:name:" + _digest(_normal_name(name or ""))


def _request_id(pid: str) -> str:
    # One open request per pair at a time: the pair names the request, so a contact
    # imported later resolves the request imported earlier (docs/platforms/xing.md).
    return "xing:req:" + _digest(pid)


def _owner(options: ImportOptions) -> Profile:
    return Profile(id=OWNER_ID, name=(options.owner or "").strip() or None)


# -------------------------------------------------------------------------- times

_NAIVE_FORMATS = (
    ("%Y-%m-%d %H:%M:%S", False), ("%Y-%m-%d %H:%M", False), ("%Y-%m-%dT%H:%M:%S", False),
    ("%Y-%m-%dT%H:%M", False), ("%d.%m.%Y %H:%M:%S", False), ("%d.%m.%Y %H:%M", False),
    ("%d.%m.%Y", True), ("%Y-%m-%d", True), ("%Y%m%dT%H%M%S", False), ("%Y%m%d", True),
)


def _zone(options: ImportOptions) -> _dt.tzinfo | None:
    if not options.timezone:
        return None
    try:  # IANA names and fixed offsets (+01:00), the engine's one reading
        return parse_timezone(options.timezone)
    except TimezoneError as exc:
        raise _RowError(str(exc)) from None


def parse_time(value: str, options: ImportOptions, *, date_zone: _dt.tzinfo | None = None,
               ) -> _dt.datetime:
    """An aware time from ISO 8601 with offset (`2026-03-19T07:48:00+01:00`, `…Z`,
    `20260319T074800Z`), or from a time without zone (`2026-03-19 07:48`,
    `19.03.2026 07:48`, `19.03.2026`) read in `options.timezone`. A date alone is
    midnight in that zone (or in `date_zone` when given)."""
    text = value.strip()
    if not text:
        raise _RowError("empty time")
    compact = re.fullmatch(r"(\d{8}T\d{6})(Z|[+-]\d{2}:?\d{2})", text)
    if compact:
        zone = "+00:00" if compact.group(2) == "Z" else compact.group(2)
        try:
            text = _dt.datetime.strptime(compact.group(1), "%Y%m%dT%H%M%S").isoformat() + zone
        except ValueError:
            # Digits in the right places, but no such day or time (month 13, 25 o'clock).
            raise _RowError(f"not a time: {_excerpt(value)} (no such date or time)") from None
    try:
        parsed = _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        if parsed.tzinfo is not None:
            return _in_range(parsed, value)
    except ValueError:
        parsed = None
    for fmt, date_only in _NAIVE_FORMATS:
        try:
            naive = _dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
        zone = _zone(options) or (date_zone if date_only else None)
        if zone is None:
            raise _RowError(f"time {_excerpt(value)} has no zone: give one "
                            "(2026-03-19T07:48:00+01:00) or pass --timezone Europe/Berlin")
        return _in_range(naive.replace(tzinfo=zone), value)
    raise _RowError(f"not a time: {_excerpt(value)} (expected e.g. 2026-03-19T07:48:00+01:00 "
                    "or 19.03.2026 07:48 with --timezone)")


#: The times XING data can hold: from 1970 (older is a corrupt value) to before 2100 (a
#: later one too). Times at the ends of Python's calendar (year 1, year 9999 with an
#: offset) cannot even be converted to UTC, which every later step does.
_EARLIEST = _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC)
_LATEST = _dt.datetime(2100, 1, 1, tzinfo=_dt.UTC)


def _in_range(at: _dt.datetime, value: str) -> _dt.datetime:
    try:
        ok = _EARLIEST <= at.astimezone(_dt.UTC) < _LATEST
    except (OverflowError, ValueError):
        ok = False
    if not ok:
        raise _RowError(f"time out of range: {_excerpt(value)} (expected a time between "
                        "1970 and 2100)")
    return at


# -------------------------------------------------------------------------- vCard


@attrs.define
class _Card:
    start: int
    props: dict[str, list[tuple[dict[str, list[str]], str]]] = attrs.field(factory=dict)
    lines: dict[str, int] = attrs.field(factory=dict)
    ended: bool = False

    def first(self, name: str) -> str | None:
        values = self.props.get(name)
        return values[0][1] if values else None


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Old address books write vCards in Windows-1252; every byte has a meaning there.
        return data.decode("cp1252", errors="replace")


def _logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """Unfold: a line starting with a space or tab continues the previous one; a
    quoted-printable value ending in '=' continues on the next line (vCard 2.1)."""
    current: str | None = None
    start = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if current is not None and line[:1] in (" ", "\t"):
            current += line[1:]
            continue
        if current is not None and current.endswith("=") and _is_qp(current):
            current = current + "\n" + line
            continue
        if current is not None:
            yield start, current
        current, start = line, number
    if current is not None:
        yield start, current


def _is_qp(line: str) -> bool:
    head = line.split(":", 1)[0].upper()
    return "QUOTED-PRINTABLE" in head


def _split_line(line: str) -> tuple[str, dict[str, list[str]], str]:
    """`group.NAME;P=a,b;Q="x:y":value` → (NAME, params, raw value)."""
    in_quotes = False
    for i, ch in enumerate(line):
        if ch == '"':
            in_quotes = not in_quotes
        elif ch == ":" and not in_quotes:
            head, value = line[:i], line[i + 1:]
            break
    else:
        raise _RowError("no ':' between property name and value")
    parts = head.split(";")
    name = parts[0].rsplit(".", 1)[-1].strip().upper()
    if not name:
        raise _RowError("empty property name")
    params: dict[str, list[str]] = {}
    for part in parts[1:]:
        key, sep, val = part.partition("=")
        if not sep:
            # vCard 2.1 bare parameters: "QUOTED-PRINTABLE", "WORK", "UTF-8"
            bare = key.strip().upper()
            params.setdefault("ENCODING" if bare in ("QUOTED-PRINTABLE", "BASE64", "8BIT")
                              else "TYPE", []).append(bare)
            continue
        params.setdefault(key.strip().upper(), []).extend(
            v.strip().strip('"') for v in val.split(","))
    return name, params, value


def _value(params: Mapping[str, list[str]], raw: str) -> str:
    encoding = [e.upper() for e in params.get("ENCODING", [])]
    if "QUOTED-PRINTABLE" in encoding:
        charset = (params.get("CHARSET") or ["utf-8"])[0]
        decoded = quopri.decodestring(raw.replace("\r\n", "\n").encode("latin-1",
                                                                        "replace"))
        try:
            if codecs.lookup(charset).name.endswith("escape"):
                # unicode_escape and kin read backslash escapes, not a character set
                # (and warn on unknown ones).
                raise LookupError(charset)
            text = decoded.decode(charset)
        except (LookupError, UnicodeError, ValueError):
            # UnicodeError and ValueError too: some codecs (idna, punycode) raise those.
            raise _RowError(f"quoted-printable value is not valid {_label(charset)}"
                            ) from None
        if _SURROGATE.search(text):
            # utf-7 and unicode_escape can decode to half a character, which no later
            # step (UTF-8, JSON) can write.
            raise _RowError(f"quoted-printable value decodes to a lone surrogate in "
                            f"{_label(charset)}")
        return text
    return raw


_SURROGATE = re.compile("[\ud800-\udfff]")


def _unescape(value: str) -> str:
    out = []
    i = 0
    while i < len(value):
        ch = value[i]
        if ch == "\\" and i + 1 < len(value):
            nxt = value[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _components(value: str) -> list[str]:
    """Split a structured value (N, ORG) at unescaped ';'."""
    parts, current, i = [], [], 0
    while i < len(value):
        ch = value[i]
        if ch == "\\" and i + 1 < len(value):
            current.append(value[i:i + 2])
            i += 2
            continue
        if ch == ";":
            parts.append(_unescape("".join(current)))
            current = []
        else:
            current.append(ch)
        i += 1
    parts.append(_unescape("".join(current)))
    return parts


def _cards(text: str, source: str) -> Iterator[_Card | InputError]:
    card: _Card | None = None
    last = 0
    for number, line in _logical_lines(text):
        last = number
        if not line.strip():
            continue
        try:
            name, params, raw = _split_line(line)
        except _RowError as exc:
            yield InputError(source, f"line {number}", str(exc))
            continue
        if name == "BEGIN" and raw.strip().upper() == "VCARD":
            if card is not None:
                # Name the lines: a folded BEGIN can merge what looked like two cards.
                yield InputError(source, f"line {card.start}",
                                 f"card (lines {card.start}-{number - 1}) has no END:VCARD "
                                 "before the next BEGIN:VCARD; not imported")
            card = _Card(start=number)
            continue
        if card is None:
            yield InputError(source, f"line {number}",
                             f"property {_label(name)} outside BEGIN:VCARD … END:VCARD")
            continue
        if name == "END" and raw.strip().upper() == "VCARD":
            card.ended = True
            yield card
            card = None
            continue
        if name in ("BEGIN", "END"):
            # Not a property: a broken card boundary (a folded "BEGIN:VCARD" line reads
            # as "BEGIN:VCARD…"), so what follows may belong to another contact.
            yield InputError(source, f"line {number}", f"{name}:{_excerpt(raw, 20)} inside "
                             "a card is no card boundary; a contact may be merged into "
                             "this card or cut off")
            continue
        try:
            value = _value(params, raw)
        except _RowError as exc:
            yield InputError(source, f"line {number}", f"{_label(name)}: {exc}")
            continue
        card.props.setdefault(name, []).append((params, value))
        card.lines.setdefault(name, number)
    if card is not None:
        end = max(last, len(text.splitlines()))
        yield InputError(source, f"line {card.start}", f"card (lines {card.start}-{end}) "
                         "has no END:VCARD (file cut off?); not imported")


def _card_event(card: _Card, source: str, options: ImportOptions, owner: Profile,
                counts: Counter[str]) -> Any:
    fn = card.first("FN")
    n = card.first("N")
    name = _unescape(fn).strip() if fn else ""
    if not name and n:
        family, given, *_ = [*_components(n), "", ""]
        name = " ".join(p for p in (given.strip(), family.strip()) if p)
    if not name:
        return InputError(source, f"line {card.start}", "card has neither FN nor N: no name")
    org = card.first("ORG")
    company = _components(org)[0].strip() or None if org else None
    title = card.first("TITLE")
    headline = _unescape(title).strip() or None if title else None
    urls = [_unescape(v) for _, v in card.props.get("URL", [])]
    xing_url = next((u for u in urls if "xing." in u.lower()), None)
    pid = person_id(name, xing_url)
    rev = card.first("REV")
    if rev is None or not rev.strip():
        counts["no_rev"] += 1
        return None
    try:
        # A REV that is a date only stands for that day; without --timezone it is read
        # as midnight UTC (vCard dates carry no zone).
        at = parse_time(rev, options, date_zone=_dt.UTC)
    except _RowError as exc:
        return InputError(source, f"line {card.lines['REV']}", f"REV: {exc}")
    other = Profile(id=pid, name=name, headline=headline, company=company, degree=1)
    counts["cards"] += 1
    return RequestResolved(
        id="xing:contact:" + _digest(pid), platform=PLATFORM, direction=Direction.INCOMING,
        at=at, sender=other, recipient=owner, request=_request_id(pid),
        outcome=Outcome.ACCEPTED,
        context={"request_direction": "unknown", "time": "vcard_revision"})


def _detect_vcard(path: Path) -> bool:
    if not path.is_file() or path.suffix.lower() not in (".vcf", ".vcard"):
        return False
    with path.open("rb") as fh:
        head = fh.read(4096)
    return b"BEGIN:VCARD" in head.upper()


def _read_vcard(path: Path, options: ImportOptions) -> Iterator[Any]:
    source = str(path)
    owner = _owner(options)
    counts: Counter[str] = Counter()
    for item in _cards(_decode(path.read_bytes()), source):
        if isinstance(item, InputError):
            yield item
            continue
        result = _card_event(item, source, options, owner, counts)
        if isinstance(result, InputError):
            yield result
        elif result is not None:  # located at the card's BEGIN:VCARD line
            yield Located(result, source, f"line {item.start}")
    if counts["no_rev"]:
        log.warning("%s: %d of %d contact card(s) not imported: no REV, so no time for "
                    "the event", source, counts["no_rev"], counts["no_rev"] + counts["cards"])


# -------------------------------------------------------------------------- CSV

#: The documented CSV layouts: required and optional columns (lower case).
CSV_LAYOUTS: dict[str, dict[str, tuple[str, ...]]] = {
    "contacts": {
        "required": ("name", "connected_at"),
        "optional": ("profile_url", "headline", "company", "premium", "contacts_visible",
                     "contact_count", "mutual_contacts"),
    },
    "requests": {
        "required": ("direction", "name", "sent_at"),
        "optional": ("id", "profile_url", "note", "status", "resolved_at", "headline",
                     "company", "premium", "contacts_visible", "contact_count",
                     "mutual_contacts", "degree", "prior_contact"),
    },
}
_TRUE = {"true", "yes", "ja", "1", "wahr", "x"}
_FALSE = {"false", "no", "nein", "0", "falsch"}
_DIRECTIONS = {"incoming": Direction.INCOMING, "eingehend": Direction.INCOMING,
               "outgoing": Direction.OUTGOING, "ausgehend": Direction.OUTGOING}
_STATUS = {"": None, "pending": None, "offen": None,
           "accepted": Outcome.ACCEPTED, "angenommen": Outcome.ACCEPTED,
           "bestätigt": Outcome.ACCEPTED,
           "declined": Outcome.DECLINED, "abgelehnt": Outcome.DECLINED,
           "withdrawn": Outcome.WITHDRAWN, "zurückgezogen": Outcome.WITHDRAWN}


def _header(path: Path) -> tuple[list[str], str] | None:
    with path.open("rb") as fh:
        head = fh.read(65536)
    try:
        # Not final: the 64 KiB may end inside a character, which is no decoding error.
        text = codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=False)
    except UnicodeDecodeError:
        return None
    first = text.splitlines()[0] if text else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        cells = next(csv.reader([first], delimiter=delimiter), [])
    except csv.Error:
        return None
    return [c.strip().lower() for c in cells], delimiter


def _layout(columns: list[str]) -> str | None:
    for name, spec in CSV_LAYOUTS.items():
        if all(c in columns for c in spec["required"]):
            return name
    return None


def _detect_csv(path: Path) -> bool:
    if not path.is_file() or path.suffix.lower() != ".csv":
        return False
    found = _header(path)
    return found is not None and _layout(found[0]) is not None


def _bool(value: str, column: str) -> bool | None:
    v = value.strip().casefold()
    if not v:
        return None
    if v in _TRUE:
        return True
    if v in _FALSE:
        return False
    raise _RowError(f"{column}: expected true or false (or ja/nein), found {_excerpt(value)}")


def _int(value: str, column: str) -> int | None:
    v = value.strip().replace(".", "").replace("\u202f", "").replace(" ", "")
    if not v:
        return None
    # isascii: str.isdigit() also accepts "²" and other digits int() refuses.
    if not (v.isascii() and v.isdigit()):
        raise _RowError(f"{column}: expected a whole number, found {_excerpt(value)}")
    if len(v) > len(str(_MAX_COUNT)) or int(v) > _MAX_COUNT:
        raise _RowError(f"{column}: {_excerpt(value)} is out of range (at most "
                        f"{_MAX_COUNT:,})")
    return int(v)


def _degree(value: str) -> int | None:
    v = value.strip()
    if not v:
        return None
    if v not in ("1", "2", "3"):
        raise _RowError(f"degree: expected 1, 2 or 3, found {_excerpt(value)}")
    return int(v)


def _text(row: Mapping[str, str], column: str) -> str | None:
    value = (row.get(column) or "").strip()
    return value or None


def _profile(row: Mapping[str, str], *, degree: int | None = None) -> Profile:
    name = _text(row, "name")
    if name is None:
        raise _RowError("name: empty")
    return Profile(
        id=person_id(name, _text(row, "profile_url")),
        name=name,
        headline=_text(row, "headline"),
        company=_text(row, "company"),
        premium=_bool(row.get("premium") or "", "premium"),
        contacts_visible=_bool(row.get("contacts_visible") or "", "contacts_visible"),
        contact_count=_int(row.get("contact_count") or "", "contact_count"),
        mutual_contacts=_int(row.get("mutual_contacts") or "", "mutual_contacts"),
        degree=degree if degree is not None else _degree(row.get("degree") or ""),
        prior_contact=_bool(row.get("prior_contact") or "", "prior_contact"),
    )


def _contact_row(row: Mapping[str, str], options: ImportOptions, owner: Profile) -> list[Any]:
    other = _profile(row, degree=1)
    try:
        at = parse_time(row.get("connected_at") or "", options)
    except _RowError as exc:
        raise _RowError(f"connected_at: {exc}") from None
    return [RequestResolved(
        id="xing:contact:" + _digest(other.id), platform=PLATFORM,
        direction=Direction.INCOMING, at=at, sender=other, recipient=owner,
        request=_request_id(other.id), outcome=Outcome.ACCEPTED,
        context={"request_direction": "unknown"})]


def _request_row(row: Mapping[str, str], options: ImportOptions, owner: Profile) -> list[Any]:
    raw_direction = (row.get("direction") or "").strip().casefold()
    direction = _DIRECTIONS.get(raw_direction)
    if direction is None:
        raise _RowError(f"direction: expected incoming or outgoing (eingehend/ausgehend), "
                        f"found {_excerpt(raw_direction)}")
    other = _profile(row)
    try:
        at = parse_time(row.get("sent_at") or "", options)
    except _RowError as exc:
        raise _RowError(f"sent_at: {exc}") from None
    raw_status = (row.get("status") or "").strip().casefold()
    if raw_status not in _STATUS:
        raise _RowError("status: expected pending, accepted, declined or withdrawn, found "
                        f"{_excerpt(raw_status)}")
    outcome = _STATUS[raw_status]
    note = row.get("note")
    # An empty cell is "no note": a CSV cannot tell an attached empty note from none.
    note = note.replace("\r\n", "\n") if note is not None and note.strip() else None
    rid = ("xing:" + row["id"].strip()) if (row.get("id") or "").strip() \
        else _request_id(other.id)
    incoming = direction is Direction.INCOMING
    events: list[Any] = [ContactRequest(
        id=rid, platform=PLATFORM, direction=direction, at=at,
        sender=other if incoming else owner, recipient=owner if incoming else other,
        note=note)]
    if outcome is not None:
        if not (row.get("resolved_at") or "").strip():
            raise _RowError(f"resolved_at: required when status is {raw_status}")
        try:
            resolved_at = parse_time(row["resolved_at"], options)
        except _RowError as exc:
            raise _RowError(f"resolved_at: {exc}") from None
        # Accepting or declining is the recipient's act, withdrawing the requester's.
        by_owner = incoming != (outcome is Outcome.WITHDRAWN)
        events.append(RequestResolved(
            id="xing:res:" + _digest(rid, outcome.value, resolved_at.isoformat()),
            platform=PLATFORM,
            direction=Direction.OUTGOING if by_owner else Direction.INCOMING,
            at=resolved_at, sender=owner if by_owner else other,
            recipient=other if by_owner else owner, request=rid, outcome=outcome))
    return events


def _read_csv(path: Path, options: ImportOptions) -> Iterator[Any]:
    source = str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield InputError(source, "", f"not UTF-8 ({exc.reason} at byte {exc.start}): save "
                         "the file as 'CSV UTF-8'")
        return
    found = _header(path)
    columns, delimiter = found if found else ([], ",")
    layout = _layout(columns)
    if layout is None:
        missing = {name: [c for c in spec["required"] if c not in columns]
                   for name, spec in CSV_LAYOUTS.items()}
        yield InputError(source, "row 1", "the header fits no XING CSV layout: contacts "
                         f"lack {', '.join(missing['contacts'])}; requests lack "
                         f"{', '.join(missing['requests'])}")
        return
    spec = CSV_LAYOUTS[layout]
    known = set(spec["required"]) | set(spec["optional"])
    extra = [c for c in columns if c and c not in known]
    if extra:
        log.warning("%s: column(s) %s are not part of the XING %s layout and are ignored",
                    source, ", ".join(extra), layout)
    convert = _contact_row if layout == "contacts" else _request_row
    owner = _owner(options)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    seen: set[str] = set()
    for number, cells in _rows(reader):
        if isinstance(cells, csv.Error):
            yield InputError(source, f"row {number}", f"CSV syntax: {cells}")
            continue
        if number == 1 or not any(c.strip() for c in cells):
            continue  # the header, or a blank line
        if len(cells) > len(columns):
            yield InputError(source, f"row {number}", f"{len(cells)} fields, but the "
                             f"header has {len(columns)} (unquoted "
                             f"'{delimiter}' in a value?)")
            continue
        row = dict(zip(columns, cells, strict=False))
        try:
            events = convert(row, options, owner)
        except _RowError as exc:
            yield InputError(source, f"row {number}", str(exc))
            continue
        for event in events:
            if event.id in seen:
                yield InputError(source, f"row {number}", f"duplicate of an earlier "
                                 f"row (same person and kind: id {_excerpt(event.id)})")
                continue
            seen.add(event.id)
            yield Located(event, source, f"row {number}")


def _rows(reader: Any) -> Iterator[tuple[int, list[str] | csv.Error]]:
    """The reader's rows, numbered from 1 (the header); a row the CSV syntax breaks
    (a field over the size limit) comes as its error, and reading goes on with the
    next line, so one bad row does not hide the rest of the file."""
    number = 0
    while True:
        number += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield number, exc
            continue
        yield number, cells


XING_VCARD = Importer(
    name="xing-vcard",
    description="vCard files (.vcf, one or many contacts; 2.1, 3.0, 4.0) as XING "
    "contacts",
    detect=_detect_vcard,
    read=_read_vcard,
    priority=5,
)
XING_CSV = Importer(
    name="xing-csv",
    description="XING contacts or requests in the documented CSV layouts "
    "(docs/platforms/xing.md)",
    detect=_detect_csv,
    read=_read_csv,
    priority=5,
)
IMPORTERS = (XING_VCARD, XING_CSV)
