"""One minimal input per crash class the fuzzing found (docs/reliability.md): each is now
an error naming the file and the line or row, and the rest of the file is imported."""

from __future__ import annotations

import orjson
import pytest
from knigge_engine.io import ImportOptions, InputError, Located
from knigge_engine.model import event_to_dict

import xingdata as x
from knigge_xing.importer import XING_CSV, XING_VCARD

_REV = "REV:2024-05-03T10:15:00Z"


def _read(importer, path, **options):
    items = [i.event if isinstance(i, Located) else i
             for i in importer.read(path, ImportOptions(**options))]
    for item in items:  # everything must reach --format json and the history
        if isinstance(item, InputError):
            orjson.dumps([item.source, item.location, item.reason])
        else:
            orjson.dumps(event_to_dict(item))
    return ([i for i in items if not isinstance(i, InputError)],
            [(i.location, i.reason) for i in items if isinstance(i, InputError)])


@pytest.mark.parametrize(("rev", "reason"), [
    # ValueError from strptime: the compact form matched, but no such day or hour
    ("REV:20231340T250000Z", "REV: not a time: '20231340T250000Z' (no such date or time)"),
    ("REV:20230230T000000Z", "REV: not a time: '20230230T000000Z' (no such date or time)"),
    # times Python holds but cannot move to UTC, and times no export holds
    ("REV:0001-01-01T00:00:00+01:00", "REV: time out of range: '0001-01-01T00:00:00+01:00' "
     "(expected a time between 1970 and 2100)"),
    ("REV:9999-12-31T23:59:59-14:00", "REV: time out of range"),
    ("REV:1969-12-31", "REV: time out of range"),
])
def test_impossible_rev_is_an_error_and_the_other_cards_are_imported(tmp_path, rev, reason):
    path = x.write(tmp_path / "k.vcf", x.VCARD_30.replace(_REV, rev) + x.VCARD_40)
    events, errors = _read(XING_VCARD, path)
    assert len(events) == 1 and len(errors) == 1
    assert errors[0][0] == "line 10" and errors[0][1].startswith(reason)


@pytest.mark.parametrize(("charset", "value", "reason"), [
    # lone surrogates, which no JSON output can write
    ("utf-7", "+2AA-", "decodes to a lone surrogate in utf-7"),
    ("unicode_escape", "\\ud800", "not valid unicode_escape"),
    ("raw_unicode_escape", "\\ä", "not valid raw_unicode_escape"),
    # codecs that raise UnicodeError or are no text encodings
    ("idna", "xn--zz-", "not valid idna"),
    ("base64", "abc", "not valid base64"),
])
def test_quoted_printable_in_an_odd_charset_is_an_error(tmp_path, charset, value, reason):
    card = x.VCARD_40.replace("FN:Sam O'Connor",
                              f"FN;CHARSET={charset};ENCODING=QUOTED-PRINTABLE:{value}")
    events, errors = _read(XING_VCARD, x.write(tmp_path / "k.vcf", card))
    assert errors == [("line 4", f"FN: quoted-printable value is {reason}")
                      if "surrogate" not in reason else
                      ("line 4", f"FN: quoted-printable value {reason}")]
    assert len(events) == 1  # the card, named from N


def _contacts(tmp_path, column: str, value: str):
    text = (f"name,connected_at,{column}\r\nA,2024-05-03T10:15:00Z,{value}\r\n"
            "B,2024-05-03T10:15:00Z,\r\n")
    return _read(XING_CSV, x.write(tmp_path / "c.csv", text))


@pytest.mark.parametrize(("column", "value", "reason"), [
    # past 2**64: orjson (--format json, the history) cannot write the int
    ("contact_count", str(2**64), "contact_count: '18446744073709551616' is out of range "
     "(at most 1,000,000,000)"),
    # ValueError: Python's 4,300-digit limit for int()
    ("mutual_contacts", "9" * 5000, "mutual_contacts: '" + "9" * 39 + "…' is out of range"),
    # ValueError: "²".isdigit() is true, int("²") fails
    ("contact_count", "²", "contact_count: expected a whole number, found '²'"),
    # ValueError from the Profile: degree must be 1, 2 or 3
    ("degree", "7", "degree: expected 1, 2 or 3, found '7'"),
    ("connected_at", "0001-01-01T00:00:00+01:00", None),
])
def test_bad_csv_value_is_an_error_and_the_next_row_is_imported(tmp_path, column, value,
                                                                reason):
    if column == "connected_at":
        text = f"name,connected_at\r\nA,{value}\r\nB,2024-05-03T10:15:00Z\r\n"
        events, errors = _read(XING_CSV, x.write(tmp_path / "c.csv", text))
        reason = "connected_at: time out of range"
    elif column == "degree":
        text = (f"direction,name,sent_at,degree\r\nincoming,A,2024-05-03T10:15:00Z,{value}\r\n"
                "incoming,B,2024-05-03T10:15:00Z,2\r\n")
        events, errors = _read(XING_CSV, x.write(tmp_path / "r.csv", text))
    else:
        events, errors = _contacts(tmp_path, column, value)
    assert [e.sender.name for e in events] == ["B"]
    assert len(errors) == 1 and errors[0][0] == "row 2" and errors[0][1].startswith(reason)


def test_csv_syntax_error_loses_one_row_not_the_rest(tmp_path):
    text = ("name,connected_at\r\nA,2024-05-03T10:15:00Z\r\n" + "x" * 140_000
            + ",2024-05-03T10:15:00Z\r\nB,2024-05-03T10:15:00Z\r\n")
    events, errors = _read(XING_CSV, x.write(tmp_path / "c.csv", text))
    assert [e.sender.name for e in events] == ["A", "B"]
    assert errors == [("row 3", "CSV syntax: field larger than field limit (131072)")]


def test_header_is_read_when_64_kib_end_inside_a_character(tmp_path):
    head = "name,connected_at\r\n"
    row = "Jürgen Weiß,2024-05-03T10:15:00Z\r\n"
    # A file whose byte 65,536 falls inside "ü": the head read for the header ends there.
    filler = "a" * (65535 - len(head.encode()))
    path = x.write(tmp_path / "c.csv", head + f"{filler}ü,2024-05-03T10:15:00Z\r\n" + row)
    assert XING_CSV.detect(path)
    events, errors = _read(XING_CSV, path)
    assert [e.sender.name for e in events] == [filler + "ü", "Jürgen Weiß"] and errors == []


def test_long_values_in_errors_are_elided_to_40_characters(tmp_path):
    secret = "Sehr geehrte Frau Owner; " * 10
    text = (f"direction,name,sent_at,status,id\r\n{secret},A,2024-05-03T10:15:00Z,,\r\n"
            f"incoming,B,{secret},,\r\nincoming,C,2024-05-03T10:15:00Z,{secret},\r\n"
            f"incoming,D,2024-05-03T10:15:00Z,,{secret}\r\n"
            f"incoming,E,2024-05-03T10:15:00Z,,{secret}\r\n")
    _, errors = _read(XING_CSV, x.write(tmp_path / "r.csv", text))
    assert [loc for loc, _ in errors] == ["row 2", "row 3", "row 4", "row 6"]
    for _, reason in errors:
        assert secret[:40] not in reason and "…" in reason


def test_folded_begin_inside_a_card_is_reported_not_merged_silently(tmp_path):
    # Card 1's "BEGIN:VCARD" is followed by a folded line, so it reads "BEGIN:VCARD0"
    # inside card 0 (which has no END): before, card 1 vanished into card 0 unreported.
    card0 = x.VCARD_30.replace("END:VCARD\r\n", "")
    card1 = x.VCARD_40.replace("BEGIN:VCARD\r\n", "BEGIN:VCARD\r\n 0\r\n")
    events, errors = _read(XING_VCARD, x.write(tmp_path / "k.vcf", card0 + card1))
    assert [e.sender.name for e in events] == ["Jürgen Weiß"]
    assert errors == [("line 11", "BEGIN:'VCARD0' inside a card is no card boundary; a "
                       "contact may be merged into this card or cut off")]


def test_unfinished_card_names_its_lines(tmp_path):
    path = x.write(tmp_path / "k.vcf", x.VCARD_40 + x.VCARD_30.replace("END:VCARD\r\n", ""))
    events, errors = _read(XING_VCARD, path)
    assert len(events) == 1
    assert errors == [("line 10", "card (lines 10-19) has no END:VCARD (file cut off?); "
                       "not imported")]
