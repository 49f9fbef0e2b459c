"""Fuzzing the XING importers: vCard files and CSV files in both layouts, built from
realistic invented contacts, with values replaced by arbitrary text, impossible and
out-of-range ``REV`` and CSV times, counts far beyond 64 bits, odd quoted-printable
charsets, overlong fields and broken card structure.

Properties: the import never raises; every card and every row is accounted for (an
event, or an error naming the file and its line or row; a card without ``REV`` is
counted in the warning line); errors quote at most 40 characters; every event and error
can be written by ``knigge check --format json``. ``KNIGGE_FUZZ_EXAMPLES`` sets the
number of examples (docs/reliability.md)."""

from __future__ import annotations

import csv
import io
import logging
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from knigge_engine import ContactRequest, RequestResolved
from knigge_engine.io import ImportOptions, read_paths
from knigge_engine.testing import check_import, fuzz_settings, long_strings

from knigge_xing.importer import IMPORTERS, XING_CSV, XING_VCARD

FUZZ = fuzz_settings()
_IMPORTERS = {i.name: i for i in IMPORTERS}

# ------------------------------------------------------------------------ strategies

_text = st.text(max_size=60)
_long_text = st.builds(lambda s, n: (s or "x") * n, st.text(min_size=1, max_size=8),
                       st.integers(min_value=10, max_value=300))
_compact = st.builds(lambda y, mo, d, h, mi, s, z: f"{y:04d}{mo:02d}{d:02d}T{h:02d}{mi:02d}"
                     f"{s:02d}{z}",
                     st.integers(0, 9999), st.integers(0, 99), st.integers(0, 99),
                     st.integers(0, 99), st.integers(0, 99), st.integers(0, 99),
                     st.sampled_from(["Z", "+0100", "-14:00", "+99:99", "+2359"]))
_iso = st.builds(lambda y, mo, d, z: f"{y:04d}-{mo:02d}-{d:02d}T12:00:00{z}",
                 st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32),
                 st.sampled_from(["Z", "+01:00", "-14:00", "+14:00", "", "+25:00"]))
_german = st.builds(lambda d, mo, y: f"{d:02d}.{mo:02d}.{y:04d} 10:00",
                    st.integers(0, 32), st.integers(0, 13), st.integers(0, 9999))
TIMES = (st.sampled_from(["20231340T250000Z", "20230230T000000Z", "2023-02-30T10:00:00Z",
                          "00010101T000000+0100", "99991231T235959-1400",
                          "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-14:00",
                          "1969-12-31T23:59:59Z", "2100-01-01T00:00:00Z", "0001-01-01",
                          "99991231", "   ", ""])
         | _compact | _iso | _german | _text | _long_text)
COUNTS = (st.sampled_from(["²", "١٢", "4.500", "1 000", "-1", str(2**63), str(2**64),
                           str(10**9 + 1), "9" * 4300, "9" * 5000, "0", "7"])
          | st.integers(0, 10**40).map(str) | st.builds(lambda n: "9" * n,
                                                       st.integers(1, 6000)))
CHARSETS = st.sampled_from(["utf-8", "UTF-8", "utf-7", "unicode_escape", "raw_unicode_escape",
                            "idna", "punycode", "base64", "rot13", "latin-1", "utf-16",
                            "utf-32", "cp1252", "nonexistent", "", "x" * 60])
VALUES = _text | _long_text | TIMES | COUNTS


# ------------------------------------------------------------------------ vCard

_CRLF = "\r\n"


def _card(k: int) -> dict[str, str]:
    return {"VERSION": "3.0", "N": f"Muster{k};Kontakt;;;", "FN": f"Kontakt {k}",
            "ORG": "Müller & Söhne GmbH;Vertrieb", "TITLE": "Leiter Vertrieb\\, DACH",
            "URL;TYPE=work": f"https://www.xing.com/profile/Kontakt_{k}/cv",
            "NOTE": "Kennengelernt auf der Hannover Messe.", "REV": "2024-05-03T10:15:00Z"}


@st.composite
def vcard_files(draw: st.DrawFn) -> dict[str, Any]:
    """Cards as (property line list) plus what was put in."""
    cards = []
    bad: list[str] = []
    identifiable = []
    for k in range(draw(st.integers(1, 4))):
        props = _card(k)
        lines = []
        touched: set[str] = set()
        for _ in range(draw(st.integers(0, 3))):
            kind = draw(st.sampled_from(["value", "value", "rev", "qp", "drop", "name",
                                         "line"]))
            prop = draw(st.sampled_from(sorted(props)))
            touched.add("FN" if kind == "qp" else prop)
            if kind == "value":
                props[prop] = draw(VALUES)
                bad.append(props[prop])
            elif kind == "rev":
                props["REV"] = draw(TIMES)
                bad.append(props["REV"])
            elif kind == "qp":
                value = draw(_text | _long_text)
                charset = draw(CHARSETS)
                props.pop("FN", None)
                props[f"FN;CHARSET={charset};ENCODING=QUOTED-PRINTABLE"] = value
                bad += [value, charset]
            elif kind == "drop":
                props.pop(prop, None)
            elif kind == "name":
                name = draw(_text | _long_text)
                props[name] = draw(_text)
                bad.append(name)
            else:
                lines.append(draw(_text | _long_text | st.sampled_from(
                    ["END:VCARD", "BEGIN:VCARD", ":", "BEGIN:VCARD\r\nBEGIN:VCARD"])))
                bad.append(lines[-1])
                if lines[-1][:1] in (" ", "\t"):
                    # A continuation line: it extends whatever line lands before it.
                    touched |= {"FN", "URL;TYPE=work"}
        body = [f"{k}:{v}" for k, v in props.items()] + lines
        order = draw(st.permutations(range(len(body))))
        end = [] if draw(st.integers(0, 9)) == 0 else ["END:VCARD"]
        cards.append(["BEGIN:VCARD", *(body[i] for i in order), *end])
        # Found by its name or by its profile URL: one of them must be left as it was.
        identifiable.append(not {"FN", "URL;TYPE=work"} <= touched)
    return {"cards": cards, "bad": bad, "identifiable": identifiable, "bom": draw(st.booleans()),
            "cp1252": draw(st.integers(0, 9)) == 0}


@contextmanager
def _warnings() -> Iterator[list[str]]:
    lines: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(record.getMessage())

    handler = Keep(logging.WARNING)
    logger = logging.getLogger("knigge_xing")
    logger.addHandler(handler)
    try:
        yield lines
    finally:
        logger.removeHandler(handler)


_LINE = re.compile(r"^line (\d+)$")
_ROW = re.compile(r"^row (\d+)$")
#: An unfinished card names its lines: a folded line can merge two cards into one.
_SPAN = re.compile(r"^card \(lines (\d+)-(\d+)\) has no END:VCARD")


@FUZZ
@given(spec=vcard_files())
def test_fuzzed_vcards_never_crash_and_account_for_every_card(tmp_path_factory, engine, spec):
    path = tmp_path_factory.mktemp("fuzz") / f"kontakte-{uuid.uuid4().hex[:8]}.vcf"
    chunks = [(_CRLF.join(card) + _CRLF).encode("cp1252" if spec["cp1252"] else "utf-8",
                                                 "replace") for card in spec["cards"]]
    data = b"".join(chunks)
    path.write_bytes((b"\xef\xbb\xbf" if spec["bom"] else b"") + data)
    try:
        data.decode("utf-8")
        codec = "utf-8"
    except UnicodeDecodeError:
        codec = "cp1252"  # as the importer falls back to
    assert XING_VCARD.detect(path)
    with _warnings() as warned:
        items = list(read_paths([path], _IMPORTERS, ImportOptions()))
    events, errors = check_import(items, engine, source=str(path),
                                  secrets=long_strings(spec["bad"]))
    for err in errors:
        assert _LINE.match(err.location), err
    # Every card: an event (found by its URL's slug or its name), an error on one of its
    # lines, or counted in the warning about cards without REV.
    no_rev = sum(int(m.group(1)) for w in warned
                 if (m := re.search(r"(\d+) of \d+ contact card\(s\) not imported", w)))
    lines_so_far = 0
    unaccounted = 0
    for k, chunk in enumerate(chunks):
        first = lines_so_far + 1
        lines_so_far += len(chunk.decode(codec, "replace").splitlines())
        if not spec["identifiable"][k]:
            continue
        found = any(e.sender.id == f"xing:Kontakt_{k}" or e.sender.name == f"Kontakt {k}"
                    for e in events)
        failed = any(first <= int(_LINE.match(e.location).group(1)) <= lines_so_far
                     or ((span := _SPAN.search(e.reason)) is not None
                     and int(span.group(1)) <= lines_so_far and first <= int(span.group(2)))
                     for e in errors)
        if not (found or failed):
            unaccounted += 1
    assert unaccounted <= no_rev, (unaccounted, no_rev, errors)


# ------------------------------------------------------------------------ CSV

_CONTACT_COLUMNS = ["name", "profile_url", "headline", "company", "connected_at", "premium",
                    "contacts_visible", "contact_count", "mutual_contacts"]
_REQUEST_COLUMNS = ["direction", "name", "profile_url", "sent_at", "note", "status",
                    "resolved_at", "premium", "contact_count", "mutual_contacts", "degree",
                    "prior_contact", "id"]


def _row(layout: str, k: int) -> dict[str, str]:
    common = {"name": f"Person {k}", "profile_url": f"https://www.xing.com/profile/P_{k}",
              "headline": "Controller", "company": "Elbe Logistik", "premium": "ja",
              "contact_count": "4.500", "mutual_contacts": "3", "contacts_visible": "nein"}
    if layout == "contacts":
        return {**common, "connected_at": "2024-05-03T10:15:00+02:00"}
    return {**common, "direction": "eingehend" if k % 2 else "outgoing",
            "sent_at": "03.11.2026 18:02", "note": "Hallo,\r\nwir kennen uns vom Vortrag.",
            "status": "angenommen" if k % 3 == 0 else "", "resolved_at": "04.11.2026 08:00",
            "degree": "2", "prior_contact": "", "id": f"r{k}"}


_CELLS = {"connected_at": TIMES, "sent_at": TIMES, "resolved_at": TIMES,
          "contact_count": COUNTS, "mutual_contacts": COUNTS, "degree": COUNTS | _text,
          "status": st.sampled_from(["declined", "withdrawn", "bestätigt", "?"]) | _text}


@st.composite
def csv_files(draw: st.DrawFn) -> dict[str, Any]:
    layout = draw(st.sampled_from(["contacts", "requests"]))
    columns = _CONTACT_COLUMNS if layout == "contacts" else _REQUEST_COLUMNS
    rows: list[list[str]] = []
    bad: list[str] = []
    identifiable = []
    for k in range(draw(st.integers(1, 5))):
        row = _row(layout, k)
        touched = set()
        for _ in range(draw(st.integers(0, 3))):
            column = draw(st.sampled_from(columns))
            touched.add(column)
            row[column] = draw(_CELLS.get(column, VALUES) | VALUES)
            bad.append(row[column])
        cells = [row[c] for c in columns]
        extra = draw(st.integers(0, 20))
        if extra == 0:
            cells.append("zu viel")  # more fields than the header
        elif extra == 1:
            cells[0] = "x" * 140_000  # over the csv module's field size limit
            bad.append(cells[0])
        rows.append(cells)
        identifiable.append(not {"name", "profile_url"} <= touched)
    return {"layout": layout, "columns": columns, "rows": rows, "bad": bad,
            "identifiable": identifiable,
            "delimiter": draw(st.sampled_from([",", ";"])), "timezone":
            draw(st.sampled_from([None, "Europe/Berlin"]))}


@FUZZ
@given(spec=csv_files())
def test_fuzzed_csv_never_crashes_and_accounts_for_every_row(tmp_path_factory, engine, spec):
    path = tmp_path_factory.mktemp("fuzz") / f"xing-{uuid.uuid4().hex[:8]}.csv"
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=spec["delimiter"], lineterminator="\r\n")
    writer.writerow(spec["columns"])
    writer.writerows(spec["rows"])
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
    assert XING_CSV.detect(path)
    items = list(read_paths([path], _IMPORTERS, ImportOptions(timezone=spec["timezone"])))
    events, errors = check_import(items, engine, source=str(path),
                                  secrets=long_strings(spec["bad"]))
    for err in errors:
        assert _ROW.match(err.location), err
    failed = {int(_ROW.match(e.location).group(1)) for e in errors}
    # After a CSV syntax error (a field over the csv module's size limit) the reader goes
    # on at the next line, which may be inside the broken row's quoted text: rows are
    # still read and reported, but their numbers can no longer be matched to ours.
    broken = min((int(_ROW.match(e.location).group(1)) for e in errors
                  if e.reason.startswith("CSV syntax")), default=len(spec["rows"]) + 2)
    primary = [e for e in events if isinstance(e, ContactRequest if spec["layout"] ==
                                               "requests" else RequestResolved)]
    assert len(primary) <= len(spec["rows"])
    for k, cells in enumerate(spec["rows"]):
        if k + 2 >= broken:
            break
        if not any(c.strip() for c in cells) or not spec["identifiable"][k]:
            continue  # a blank line holds no record
        found = any(e.other.id == f"xing:P_{k}" or e.other.name == f"Person {k}"
                    for e in primary)
        assert found or k + 2 in failed, (k, cells, errors)
