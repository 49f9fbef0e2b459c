"""The vCard and CSV importers on invented input in the documented shapes, and bad
input named by file, line or row."""

from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

import pytest
from knigge_engine import ContactRequest, RequestResolved
from knigge_engine.io import ImportOptions, InputError, Located

import xingdata as x
from knigge_xing.importer import XING_CSV, XING_VCARD, person_id

BERLIN = ZoneInfo("Europe/Berlin")


def _read(importer, path, **options):
    """The importer's items, events unwrapped (each comes as a Located: file and row)."""
    items = list(importer.read(path, ImportOptions(**options)))
    assert all(isinstance(i, (Located, InputError)) for i in items)
    return [i.event if isinstance(i, Located) else i for i in items]


def _events(items):
    return [i for i in items if not isinstance(i, InputError)]


def _errors(items):
    return [i for i in items if isinstance(i, InputError)]


# --------------------------------------------------------------------------- vCard


@pytest.mark.parametrize(("card", "name", "company", "headline", "at"), [
    (x.VCARD_30, "Jürgen Weiß", "Müller & Söhne GmbH", "Leiter Vertrieb, DACH",
     dt.datetime(2024, 5, 3, 10, 15, tzinfo=dt.UTC)),
    (x.VCARD_21, "Müller-Lüdenscheidt, Renate", None, "Geschäftsführerin",
     dt.datetime(2023, 1, 2, 9, 0, tzinfo=dt.UTC)),
    (x.VCARD_40, "Sam O'Connor", "Harbour Analytics Ltd.", "Head of Data",
     dt.datetime(2025, 6, 11, 15, 45, tzinfo=dt.UTC)),
])
def test_single_vcard_becomes_an_accepted_contact(tmp_path, card, name, company, headline,
                                                  at):
    path = x.write(tmp_path / "kontakt.vcf", card)
    assert XING_VCARD.detect(path)
    (event,) = _read(XING_VCARD, path)
    assert isinstance(event, RequestResolved)
    assert event.outcome.value == "accepted" and event.platform == "xing"
    assert (event.sender.name, event.sender.company, event.sender.headline) == (
        name, company, headline)
    assert event.sender.degree == 1
    assert event.at == at
    assert event.recipient.id == "me"
    assert event.context["request_direction"] == "unknown"


def test_multi_contact_file_with_bom_reports_the_card_without_time(tmp_path, caplog):
    path = x.write(tmp_path / "alle.vcf", x.VCARD_30 + x.VCARD_NO_REV + x.VCARD_21
                   + x.VCARD_40, bom=True)
    with caplog.at_level(logging.WARNING, logger="knigge_xing"):
        items = _read(XING_VCARD, path)
    assert _errors(items) == []
    assert [e.sender.name for e in items] == [
        "Jürgen Weiß", "Müller-Lüdenscheidt, Renate", "Sam O'Connor"]
    (record,) = caplog.records
    assert "1 of 4 contact card(s) not imported: no REV" in record.getMessage()
    assert "Zoë" not in record.getMessage()


def test_profile_url_gives_the_xing_id(tmp_path):
    (event,) = _read(XING_VCARD, x.write(tmp_path / "a.vcf", x.VCARD_30))
    assert event.sender.id == "xing:Juergen_Weiss2"
    assert person_id("Anyone", "https://www.xing.com/profile/Juergen_Weiss2/cv?sc=1") == \
        "xing:Juergen_Weiss2"


def test_same_person_from_vcard_and_csv_gets_the_same_ids(tmp_path):
    (card,) = _read(XING_VCARD, x.write(tmp_path / "a.vcf", x.VCARD_40))
    rows = _read(XING_CSV, x.write(tmp_path / "c.csv", x.CONTACTS_CSV))
    sam = next(e for e in rows if e.sender.name == "Sam O'Connor")
    assert (card.sender.id, card.id, card.request) == (sam.sender.id, sam.id, sam.request)


def test_broken_cards_are_reported_with_their_line_and_the_rest_imported(tmp_path):
    broken = x.CRLF.join(["BEGIN:VCARD", "VERSION:3.0", "FN:Ohne Zeitangabe",
                          "REV:gestern", "END:VCARD",
                          "BEGIN:VCARD", "VERSION:3.0", "ORG:Nur Firma GmbH",
                          "REV:2024-01-01T00:00:00Z", "END:VCARD",
                          "BEGIN:VCARD", "this line has no colon", "FN:Rest Ok",
                          "REV:2024-01-01", "END:VCARD"]) + x.CRLF
    path = x.write(tmp_path / "b.vcf", x.VCARD_30 + broken + x.VCARD_21.rsplit("END", 1)[0])
    items = _read(XING_VCARD, path)
    errors = [(e.location, e.reason) for e in _errors(items)]
    assert ("line 15", "REV: not a time: 'gestern' (expected e.g. 2026-03-19T07:48:00+01:00 "
            "or 19.03.2026 07:48 with --timezone)") in errors
    assert ("line 17", "card has neither FN nor N: no name") in errors
    assert ("line 23", "no ':' between property name and value") in errors
    assert any(r.endswith("not imported") and "no END:VCARD" in r for _, r in errors)
    names = [e.sender.name for e in _events(items)]
    assert names == ["Jürgen Weiß", "Rest Ok"]
    # a date-only REV is midnight UTC of that day
    assert _events(items)[1].at == dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def test_vcard_detection_needs_the_begin_line(tmp_path):
    assert not XING_VCARD.detect(x.write(tmp_path / "leer.vcf", "nothing here"))
    assert not XING_VCARD.detect(x.write(tmp_path / "card.txt", x.VCARD_30))


# --------------------------------------------------------------------------- CSV


def test_contacts_csv(tmp_path):
    path = x.write(tmp_path / "xing-kontakte.csv", x.CONTACTS_CSV, bom=True)
    assert XING_CSV.detect(path)
    items = _read(XING_CSV, path)
    assert _errors(items) == []
    juergen, sam = items
    assert juergen.at == dt.datetime(2024, 5, 3, 10, 15, tzinfo=dt.timezone(
        dt.timedelta(hours=2)))
    assert juergen.sender.id == "xing:Juergen_Weiss2" and sam.at.tzinfo is not None


def test_requests_csv_in_the_german_spreadsheet_dialect(tmp_path):
    path = x.write(tmp_path / "anfragen.csv", x.REQUESTS_CSV_DE)
    assert XING_CSV.detect(path)
    items = _read(XING_CSV, path, timezone="Europe/Berlin")
    assert _errors(items) == []
    max_, bjoern, accepted, lena = items
    assert isinstance(max_, ContactRequest) and max_.direction.value == "incoming"
    assert max_.note is None
    assert (max_.sender.contact_count, max_.sender.contacts_visible, max_.sender.premium,
            max_.sender.headline) == (4500, False, False, "tba")
    assert max_.at == dt.datetime(2026, 11, 2, 9, 15, tzinfo=BERLIN)
    assert bjoern.note == ("Hallo Frau Owner,\nwir haben uns beim IHK-Vortrag in Hamburg "
                           "kennengelernt. Ich bin Controller bei einem Logistiker.")
    assert isinstance(accepted, RequestResolved) and accepted.request == bjoern.id
    assert accepted.sender.id == "me" and accepted.direction.value == "outgoing"
    assert lena.direction.value == "outgoing" and lena.recipient.name == "Lena Groß"
    assert lena.sender.id == "me"


def test_requests_csv_naive_times_need_a_timezone(tmp_path):
    path = x.write(tmp_path / "anfragen.csv", x.REQUESTS_CSV_DE)
    errors = _errors(_read(XING_CSV, path))
    assert [e.location for e in errors] == ["row 2", "row 3", "row 4"]
    assert all("no zone" in e.reason and "--timezone" in e.reason for e in errors)


def test_requests_csv_bad_rows_are_named_and_the_rest_imported(tmp_path):
    text = (
        "direction,name,sent_at,status,resolved_at,contact_count,note\n"
        "incoming,Ada Lovelace,2026-01-05T10:00:00+01:00,,,12,\n"
        "sideways,Bob Builder,2026-01-05T10:00:00+01:00,,,,\n"
        "incoming,Carla Cruz,2026-01-05T10:00:00+01:00,accepted,,,\n"
        "incoming,Dora Dürr,2026-01-05T10:00:00+01:00,,,viele,\n"
        "incoming,,2026-01-05T10:00:00+01:00,,,,\n"
        "incoming,Emil Ernst,2026-01-05T10:00:00+01:00,vielleicht,,,\n"
        "incoming,Fritz Fuchs,2026-01-05T10:00:00+01:00,,,,Hallo,extra\n"
        "outgoing,Gesa Groß,2026-01-06T11:00:00+01:00,withdrawn,2026-01-08T09:00:00+01:00,,"
        "\"Hallo Gesa, wir kennen uns vom Chor.\"\n"
    )
    items = _read(XING_CSV, x.write(tmp_path / "r.csv", text))
    errors = {e.location: e.reason for e in _errors(items)}
    assert errors == {
        "row 3": "direction: expected incoming or outgoing (eingehend/ausgehend), found "
                 "'sideways'",
        "row 4": "resolved_at: required when status is accepted",
        "row 5": "contact_count: expected a whole number, found 'viele'",
        "row 6": "name: empty",
        "row 7": "status: expected pending, accepted, declined or withdrawn, found "
                 "'vielleicht'",
        "row 8": "8 fields, but the header has 7 (unquoted ',' in a value?)",
    }
    events = _events(items)
    assert [e.kind.value for e in events] == ["contact_request", "contact_request",
                                              "request_resolved"]
    withdrawn = events[2]
    assert withdrawn.outcome.value == "withdrawn" and withdrawn.sender.id == "me"


def test_csv_with_an_unknown_header_is_one_clear_error(tmp_path):
    path = x.write(tmp_path / "Invitations.csv",
                   "From,To,Sent At,Message,Direction\nA,B,\"3/19/26, 7:48 AM\",,INCOMING\n")
    assert not XING_CSV.detect(path)  # LinkedIn's file is not ours
    (error,) = _read(XING_CSV, path)
    assert error.location == "row 1" and "fits no XING CSV layout" in error.reason


def test_csv_not_in_utf8_says_how_to_save_it(tmp_path):
    path = tmp_path / "k.csv"
    path.write_bytes("name,connected_at\nJürgen,2024-01-01T00:00:00Z\n".encode("cp1252"))
    (error,) = _read(XING_CSV, path)
    assert "CSV UTF-8" in error.reason


def test_extra_columns_are_reported_once(tmp_path, caplog):
    text = "name,connected_at,lieblingsfarbe\nAda,2024-01-01T00:00:00Z,blau\n"
    with caplog.at_level(logging.WARNING, logger="knigge_xing"):
        items = _read(XING_CSV, x.write(tmp_path / "k.csv", text))
    assert len(_events(items)) == 1
    assert "lieblingsfarbe" in caplog.records[0].getMessage()
