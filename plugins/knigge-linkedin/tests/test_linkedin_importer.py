"""The LinkedIn data-export importer on synthetic exports in the real layouts."""

from __future__ import annotations

import datetime as _dt
import zipfile
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import linkedin_exports as le
import pytest
from knigge_engine import ContactRequest, Direction, Message, Outcome, RequestResolved
from knigge_engine.io import ImportOptions, InputError, Located

from knigge_linkedin.importer import detect, parse_when, profile_key, read

BERLIN = ZoneInfo("Europe/Berlin")


def run(path: Path, **options: Any) -> tuple[list[Any], list[InputError]]:
    items = list(read(path, ImportOptions(**options)))
    # Every event comes located (file and row); the tests look at the events.
    assert all(isinstance(i, (Located, InputError)) for i in items)
    events = [i.event for i in items if isinstance(i, Located)]
    errors = [i for i in items if isinstance(i, InputError)]
    return events, errors


def of(events: list[Any], cls: type) -> list[Any]:
    return [e for e in events if isinstance(e, cls)]


def by_other(events: list[Any], name: str) -> Any:
    (found,) = [e for e in events if e.other.name == name]
    return found


@pytest.fixture
def export_zip(tmp_path: Path) -> Path:
    return le.write_zip(tmp_path / "Complete_LinkedInDataExport_04-07-2026.zip",
                        le.export_files())


@pytest.fixture
def imported(export_zip: Path) -> tuple[list[Any], list[InputError]]:
    return run(export_zip, timezone="Europe/Berlin")


# --------------------------------------------------------------------------- the whole export


def test_a_full_export_yields_requests_outcomes_messages_and_row_errors(imported):
    events, errors = imported
    requests = of(events, ContactRequest)
    assert sorted(r.other.name for r in requests) == [
        "Greta Vogel", "Jürgen Müller", "Lukas Brandt", "Max Beispiel", "Priya Raman",
        "Sophie Albers"]
    assert sorted(r.other.name for r in of(events, RequestResolved)) == [
        "Jürgen Müller", "Lukas Brandt", "Max Beispiel"]
    assert len(of(events, Message)) == 5
    where = sorted((Path(e.source).name, e.location) for e in errors)
    assert where == [("Connections.csv", "row 9"), ("Invitations.csv", "row 7"),
                     ("Invitations.csv", "row 8"), ("messages.csv", "row 7")]
    reasons = {(Path(e.source).name, e.location): e.reason for e in errors}
    assert "Direction" in reasons[("Invitations.csv", "row 7")]
    assert "Sent At" in reasons[("Invitations.csv", "row 8")]
    assert "Connected On" in reasons[("Connections.csv", "row 9")]
    assert "DATE" in reasons[("messages.csv", "row 7")]
    # Errors name the file inside the zip.
    assert all(e.source.startswith(str(Path(e.source).parent)) for e in errors)
    assert any(e.source.endswith(".zip/Invitations.csv") for e in errors)


def test_errors_never_quote_notes_or_messages(imported):
    _, errors = imported
    texts = [le.NOTE_LUKAS, le.NOTE_PRIYA, le.MESSAGE_PRIYA, le.MESSAGE_LUKAS_REPLY,
             "Did you see my last message?"]
    for error in errors:
        for text in texts:
            assert text[:25] not in str(error)


def test_invitations_keep_direction_note_and_umlauts(imported):
    requests = of(imported[0], ContactRequest)
    lukas = by_other(requests, "Lukas Brandt")
    assert lukas.direction is Direction.OUTGOING
    assert lukas.sender.id == "jana-owner-4a1b2c" and lukas.sender.name == "Jana Owner"
    assert lukas.recipient.id == "lukas-brandt-7f3"
    assert lukas.note == le.NOTE_LUKAS  # the BOM is gone, the umlauts intact
    assert lukas.platform == "linkedin"
    max_ = by_other(requests, "Max Beispiel")
    assert max_.direction is Direction.INCOMING and max_.note is None
    assert max_.sender.id == "max-beispiel-2" and max_.recipient.name == "Jana Owner"
    assert by_other(requests, "Greta Vogel").note is None


def test_sent_at_is_local_time_in_the_given_zone(imported, export_zip):
    lukas = by_other(of(imported[0], ContactRequest), "Lukas Brandt")
    assert lukas.at == _dt.datetime(2026, 3, 19, 7, 48, tzinfo=BERLIN)
    assert lukas.at.utcoffset() == _dt.timedelta(hours=1)
    events, _ = run(export_zip, timezone="America/New_York")
    ny = by_other(of(events, ContactRequest), "Lukas Brandt")
    assert ny.at - lukas.at == _dt.timedelta(hours=5)  # 7:48 in New York is later


@pytest.mark.parametrize(("text", "expected"), [
    ("3/19/26, 7:48 AM", _dt.datetime(2026, 3, 19, 7, 48)),
    ("12/1/25, 12:05 AM", _dt.datetime(2025, 12, 1, 0, 5)),
    ("7/4/25, 12:30 PM", _dt.datetime(2025, 7, 4, 12, 30)),
    ("1/8/18, 6:14\u202fPM", _dt.datetime(2018, 1, 8, 18, 14)),
    ("2026-04-06 16:35:35 UTC", _dt.datetime(2026, 4, 6, 16, 35, 35, tzinfo=_dt.UTC)),
    ("09 Sep 2022", _dt.date(2022, 9, 9)),
    ("9-Sep-22", _dt.date(2022, 9, 9)),
])
def test_parse_when_reads_every_documented_format(text, expected):
    assert parse_when(text) == expected


@pytest.mark.parametrize("text", ["yesterday", "13/40/26, 7:48 AM", "3/19/26, 13:48 PM",
                                  "31 Feb 2026", "09 Sept 2022x", ""])
def test_parse_when_rejects_other_text(text):
    with pytest.raises(ValueError):
        parse_when(text)


def test_without_a_timezone_each_naive_invitation_is_its_own_error(export_zip):
    events, errors = run(export_zip)
    assert not of(events, ContactRequest) and not of(events, RequestResolved)
    tz_errors = [e for e in errors if "--timezone" in e.reason]
    assert all(e.source.endswith("Invitations.csv") for e in tz_errors)
    assert all("no time zone" in e.reason for e in tz_errors)
    # One per row with a local time; rows 7 (bad direction) and 8 (no time at all) fail
    # for their own reasons.
    assert [e.location for e in tz_errors] == [
        "row 2", "row 3", "row 4", "row 5", "row 6", "row 9"]
    assert {e.location for e in errors if e.source.endswith("Invitations.csv")} == {
        f"row {n}" for n in range(2, 10)}
    # Messages carry UTC and still come through.
    assert len(of(events, Message)) == 5


def test_without_a_timezone_each_undatable_acceptance_is_its_own_error(tmp_path):
    # Invitations in UTC need no zone, Connected On is a bare day and does.
    rows = [le.INVITATIONS_HEADER,
            [le.OWNER, "Lukas Brandt", "2026-03-19 06:48:00 UTC", le.NOTE_LUKAS, "OUTGOING",
             le.OWNER_URL, le.LUKAS_URL],
            ["Max Beispiel", le.OWNER, "2026-02-27 22:12:00 UTC", "", "INCOMING",
             le.MAX_URL, le.OWNER_URL],
            [le.OWNER, "Greta Vogel", "2026-03-21 08:30:00 UTC", "", "OUTGOING",
             le.OWNER_URL, le.GRETA_URL]]
    path = le.write_folder(tmp_path / "export", {
        "Invitations.csv": le.csv_text(rows).encode(),
        "Connections.csv": le.csv_text(le.connections_rows()[:3],
                                       preamble=le.CONNECTIONS_PREAMBLE).encode()})
    events, errors = run(path)
    assert len(of(events, ContactRequest)) == 3 and not of(events, RequestResolved)
    # Lukas and Max became connections (rows 5 and 6: three preamble lines, then the
    # header); Greta did not, so nothing is lost for her.
    assert sorted((Path(e.source).name, e.location) for e in errors) == [
        ("Connections.csv", "row 5"), ("Connections.csv", "row 6")]
    assert all("Connected On" in e.reason and "--timezone" in e.reason for e in errors)
    events, errors = run(path, timezone="Europe/Berlin")
    assert not errors and len(of(events, RequestResolved)) == 2


def test_an_unknown_timezone_is_named_in_each_row_it_leaves_undated(export_zip, caplog):
    events, errors = run(export_zip, timezone="Europe/Kiel")
    assert not of(events, ContactRequest)
    named = [e.location for e in errors if "Europe/Kiel" in e.reason]
    assert named == ["row 2", "row 3", "row 4", "row 5", "row 6", "row 9"]
    # No extra error for the option itself (it would count as one more rejected row),
    # but a warning, which also covers an export that needs no zone at all.
    assert all(e.location for e in errors)
    assert any("Europe/Kiel" in r.getMessage() for r in caplog.records)


def test_utc_sent_at_needs_no_timezone(tmp_path):
    rows = [le.INVITATIONS_HEADER,
            [le.OWNER, "Priya Raman", "2026-03-02 15:05:00 UTC", le.NOTE_PRIYA, "OUTGOING",
             le.OWNER_URL, le.PRIYA_URL]]
    path = le.write_folder(tmp_path / "export", {"Invitations.csv":
                                                 le.csv_text(rows).encode()})
    events, errors = run(path)
    assert not errors
    (req,) = events
    assert req.at == _dt.datetime(2026, 3, 2, 15, 5, tzinfo=_dt.UTC)


# --------------------------------------------------------------------------- the join


def test_accepted_outcomes_join_on_the_normalised_profile_url(imported):
    events = imported[0]
    requests = {r.other.name: r for r in of(events, ContactRequest)}
    resolved = {r.other.name: r for r in of(events, RequestResolved)}
    juergen = resolved["Jürgen Müller"]
    # The invitation spells the URL with capitals and umlauts, Connections.csv
    # percent-encodes it with a trailing slash.
    assert profile_key(le.JUERGEN_URL_INVITE) == profile_key(le.JUERGEN_URL_CONN)
    assert juergen.request == requests["Jürgen Müller"].id
    assert juergen.outcome is Outcome.ACCEPTED
    # The other side accepted the owner's invitation: incoming, sent by them.
    assert juergen.direction is Direction.INCOMING
    assert juergen.sender.company == "Hansewerk AG"
    assert juergen.sender.headline == "Leiter Netzbetrieb"
    assert juergen.at == _dt.datetime(2026, 1, 12, tzinfo=BERLIN)
    # The owner accepted Max's invitation: outgoing.
    max_ = resolved["Max Beispiel"]
    assert max_.direction is Direction.OUTGOING and max_.sender.name == "Jana Owner"
    for r in resolved.values():
        assert r.at >= requests[r.other.name].at


def test_an_acceptance_is_never_dated_before_the_invitation(tmp_path):
    rows = [le.INVITATIONS_HEADER,
            [le.OWNER, "Lukas Brandt", "3/20/26, 3:30 PM", "", "OUTGOING", le.OWNER_URL,
             le.LUKAS_URL]]
    conns = [le.CONNECTIONS_HEADER,
             ["Lukas", "Brandt", le.LUKAS_URL, "", "", "", "20 Mar 2026"],
             # Connected before the invitation was sent: not its acceptance.
             ["Priya", "Raman", le.PRIYA_URL, "", "", "", "01 Mar 2026"]]
    rows.append([le.OWNER, "Priya Raman", "3/2/26, 4:05 PM", "", "OUTGOING", le.OWNER_URL,
                 le.PRIYA_URL])
    path = le.write_folder(tmp_path / "x", {
        "Invitations.csv": le.csv_text(rows).encode(),
        "Connections.csv": le.csv_text(conns, preamble=le.CONNECTIONS_PREAMBLE).encode()})
    events, errors = run(path, timezone="Europe/Berlin")
    assert not errors
    (resolved,) = of(events, RequestResolved)
    (lukas,) = [r for r in of(events, ContactRequest) if r.other.name == "Lukas Brandt"]
    assert resolved.request == lukas.id and resolved.at == lukas.at


def test_pending_invitations_get_no_outcome(imported):
    resolved = {r.other.name for r in of(imported[0], RequestResolved)}
    assert "Priya Raman" not in resolved and "Greta Vogel" not in resolved


def test_a_2018_export_joins_on_unique_names_only(tmp_path):
    path = le.write_folder(tmp_path / "old", {
        "Invitations.csv": le.csv_text(le.OLD_INVITATIONS).encode(),
        "Connections.csv": le.csv_text(le.OLD_CONNECTIONS).encode()})
    events, errors = run(path, timezone="Europe/Berlin")
    assert not errors
    requests = {r.other.name: r for r in of(events, ContactRequest)}
    assert requests["Heike Sommer"].recipient.id == "Heike Sommer"  # no URL: the name
    resolved = {r.other.name: r for r in of(events, RequestResolved)}
    assert set(resolved) == {"Heike Sommer", "Paul Winter"}  # two Anna Schmidts: no guess
    assert resolved["Heike Sommer"].at == _dt.datetime(2018, 1, 8, 18, 14, tzinfo=BERLIN)
    assert resolved["Heike Sommer"].sender.company == "Continental AG"
    assert resolved["Paul Winter"].direction is Direction.OUTGOING
    assert resolved["Paul Winter"].at == _dt.datetime(2018, 1, 7, 10, 30, tzinfo=BERLIN)


def test_a_spreadsheet_resaved_connections_file_without_preamble(tmp_path):
    invitations = [le.INVITATIONS_HEADER,
                   [le.OWNER, "Lukas Brandt", "9/1/22, 8:00 AM", "", "OUTGOING",
                    le.OWNER_URL, le.LUKAS_URL]]
    conns = [le.CONNECTIONS_HEADER,
             ["Lukas", "Brandt", le.LUKAS_URL, "", "Stadtwerke Kiel GmbH", "", "9-Sep-22"]]
    path = le.write_folder(tmp_path / "xl", {
        "Invitations.csv": le.csv_text(invitations).encode(),
        "Connections.csv": le.csv_text(conns).encode()})
    events, errors = run(path, timezone="Europe/Berlin")
    assert not errors
    (resolved,) = of(events, RequestResolved)
    assert resolved.at == _dt.datetime(2022, 9, 9, tzinfo=BERLIN)
    assert resolved.sender.headline is None  # an empty Position is unknown, not ""


# --------------------------------------------------------------------------- messages


def test_messages_take_direction_threads_and_multi_line_text(imported):
    messages = of(imported[0], Message)
    (reply,) = [m for m in messages if m.sender.name == "Lukas Brandt"]
    assert reply.direction is Direction.INCOMING
    assert reply.text == le.MESSAGE_LUKAS_REPLY  # line breaks kept
    assert reply.recipient.id == "jana-owner-4a1b2c"
    assert reply.thread == "2-conv-lukas"
    (echo,) = [m for m in messages if m.text == le.NOTE_LUKAS]
    assert reply.in_reply_to == echo.id


def test_an_accepted_note_reappearing_as_a_message_belongs_to_its_invitation(imported):
    events = imported[0]
    lukas = by_other(of(events, ContactRequest), "Lukas Brandt")
    (echo,) = [m for m in of(events, Message) if m.text == le.NOTE_LUKAS]
    assert echo.direction is Direction.OUTGOING
    assert echo.in_reply_to == lukas.id
    assert echo.context["invitation_note"] is True


def test_sponsored_mail_is_plain_text_and_marked(imported):
    (ad,) = [m for m in of(imported[0], Message) if m.sender.name == "LinkedIn Member"]
    assert ad.direction is Direction.INCOMING
    assert ad.context["sponsored"] is True
    # The subject is a field of its own, never merged into the text.
    assert ad.subject == "Mehr Kunden in 30 Tagen"
    assert ad.text.startswith("Hallo Jana,")
    assert "Mehr Kunden in 30 Tagen" not in ad.text
    assert "5 geheime Tipps" in ad.text and "Kunden & Umsatz" in ad.text
    assert "<" not in ad.text
    assert ad.context["folder"] == "inbox"


def test_a_draft_is_an_outgoing_message_marked_as_draft(imported):
    messages = of(imported[0], Message)
    (draft,) = [m for m in messages if m.context and m.context.get("draft")]
    (priya,) = [m for m in messages if m.text == le.MESSAGE_PRIYA]
    assert draft.direction is Direction.OUTGOING
    assert draft.recipient.id == "priya-raman-88"
    assert draft.in_reply_to == priya.id


def _messages_only(tmp_path: Path, rows: list[list[str]]) -> Path:
    return le.write_folder(tmp_path / "msgs", {"messages.csv": le.csv_text(rows).encode()})


def test_the_owner_is_inferred_as_the_one_person_in_every_conversation(tmp_path):
    rows = [r for r in le.messages_rows() if r[6]]  # without the undated row
    events, errors = run(_messages_only(tmp_path, rows))
    assert not errors
    directions = {(m.sender.name, m.direction) for m in events}
    assert ("Jana Owner", Direction.OUTGOING) in directions
    assert ("Priya Raman", Direction.INCOMING) in directions
    assert ("LinkedIn Member", Direction.INCOMING) in directions


def test_a_single_conversation_cannot_tell_the_owner_so_it_asks(tmp_path):
    rows = [le.messages_rows()[0]] + [r for r in le.messages_rows()
                                      if r[0] == "2-conv-priya" and r[6]]
    events, errors = run(_messages_only(tmp_path, rows))
    assert not events
    # One error per message row, so the summary counts each one.
    assert [e.location for e in errors] == ["row 2", "row 3"]
    assert all("--owner" in e.reason for e in errors)
    events, errors = run(_messages_only(tmp_path, rows), owner="Jana Owner")
    assert not errors
    assert {m.direction for m in events if m.sender.name == "Jana Owner"} == {
        Direction.OUTGOING}
    events, _ = run(_messages_only(tmp_path, rows), owner=le.OWNER_URL + "/")
    assert {m.sender.name for m in events if m.direction is Direction.OUTGOING} == {
        "Jana Owner"}


def test_an_unclosed_quote_at_the_end_reports_once_and_keeps_earlier_rows(tmp_path):
    text = le.csv_text(le.messages_rows()[:3]) + \
        '2-conv-x,,Priya Raman,,Jana Owner,,2026-04-07 10:00:00 UTC,,"Hi Jana, this was cut'
    path = le.write_folder(tmp_path / "cut", {"messages.csv": text.encode()})
    events, errors = run(path, owner="Jana Owner")
    assert len(events) == 2
    (error,) = errors
    assert error.location == "row 4" and "not closed" in error.reason


# --------------------------------------------------------------------------- bad input


def test_a_byte_order_mark_on_every_file_is_fine(tmp_path):
    files = le.export_files(bom={"Connections.csv": True, "messages.csv": True})
    events, errors = run(le.write_zip(tmp_path / "bom.zip", files), timezone="Europe/Berlin")
    assert len(of(events, ContactRequest)) == 6 and len(of(events, RequestResolved)) == 3
    assert len(of(events, Message)) == 5 and len(errors) == 4


def test_missing_columns_are_named_and_the_other_files_still_read(tmp_path):
    files = le.export_files()
    rows = [[c for i, c in enumerate(r) if i != 4] for r in le.invitations_rows()]
    files["Invitations.csv"] = le.csv_text(rows).encode()
    events, errors = run(le.write_zip(tmp_path / "cols.zip", files), timezone="Europe/Berlin")
    (error,) = [e for e in errors if e.source.endswith("Invitations.csv")]
    assert "missing column(s): Direction" in error.reason and error.location == "row 1"
    assert not of(events, ContactRequest)
    assert len(of(events, Message)) == 5


def test_extra_columns_and_header_case_are_ignored(tmp_path):
    rows = [[*r, "x"] for r in le.invitations_rows()]
    rows[0] = [c.upper() for c in le.INVITATIONS_HEADER] + ["Invitation Type"]
    files = {"Invitations.csv": le.csv_text(rows).encode()}
    events, errors = run(le.write_folder(tmp_path / "extra", files), timezone="Europe/Berlin")
    assert len(of(events, ContactRequest)) == 6 and len(errors) == 2


def test_a_row_with_too_few_cells_is_an_error(tmp_path):
    rows = le.invitations_rows()[:3]
    rows.append([le.OWNER, "Karl Brandt", "3/19/26"])
    files = {"Invitations.csv": le.csv_text(rows).encode()}
    events, errors = run(le.write_folder(tmp_path / "short", files), timezone="UTC")
    assert len(events) == 2
    (error,) = errors
    assert error.location == "row 4" and "3 cells" in error.reason


def test_a_truncated_zip_is_one_clear_error_and_still_detected(tmp_path, export_zip):
    cut = le.truncate(export_zip)
    assert detect(cut)
    events, errors = run(cut, timezone="Europe/Berlin")
    assert not events
    (error,) = errors
    assert error.source == str(cut) and "damaged or incomplete" in error.reason


def test_invalid_utf8_is_reported_and_the_rest_read(tmp_path):
    files = le.export_files()
    files["messages.csv"] = files["messages.csv"].replace("für".encode(), b"f\xfcr", 1)
    events, errors = run(le.write_zip(tmp_path / "latin.zip", files), timezone="UTC")
    assert any(e.source.endswith("messages.csv") and "not UTF-8" in e.reason
               and e.location.startswith("byte ") for e in errors)
    assert len(of(events, Message)) == 5


# --------------------------------------------------------------------------- ids, layouts


def test_event_ids_are_stable_across_reimports_and_new_rows(tmp_path, imported):
    first = {e.id for e in imported[0]}
    assert len(first) == len(imported[0])
    rows = le.invitations_rows()
    rows.insert(1, [le.OWNER, "Nina Roth", "4/1/26, 8:00 AM", "", "OUTGOING", le.OWNER_URL,
                    "https://www.linkedin.com/in/nina-roth"])
    files = le.export_files()
    files["Invitations.csv"] = le.csv_text(rows).encode()
    again, _ = run(le.write_zip(tmp_path / "later.zip", files), timezone="Europe/Berlin")
    assert first < {e.id for e in again}


def test_duplicate_rows_get_distinct_stable_ids(tmp_path):
    rows = le.invitations_rows()[:2]
    rows.append(rows[1])
    files = {"Invitations.csv": le.csv_text(rows).encode()}
    path = le.write_folder(tmp_path / "dup", files)
    events, _ = run(path, timezone="UTC")
    assert len({e.id for e in events}) == 2
    assert events[1].id == events[0].id + "-2"
    assert [e.id for e in run(path, timezone="UTC")[0]] == [e.id for e in events]


def test_folder_nested_folder_and_zip_give_the_same_events(tmp_path, imported):
    files = le.export_files()
    flat = le.write_folder(tmp_path / "flat", files)
    nested = le.write_folder(tmp_path / "outer" / "Complete_LinkedInDataExport_04-07-2026",
                             files)
    zipped_ids = sorted(e.id for e in imported[0])
    for path in (flat, nested.parent):
        assert detect(path)
        events, errors = run(path, timezone="Europe/Berlin")
        assert sorted(e.id for e in events) == zipped_ids
        assert len(errors) == 4


def test_one_csv_on_its_own_is_detected_by_its_header(tmp_path):
    files = le.export_files()
    single = tmp_path / "linkedin-invites-backup.csv"
    single.write_bytes(files["Invitations.csv"])
    assert detect(single)
    events, _ = run(single, timezone="Europe/Berlin")
    assert len(events) == 6
    conns = tmp_path / "Connections.csv"
    conns.write_bytes(files["Connections.csv"])
    assert detect(conns)


def test_detect_rejects_other_files(tmp_path):
    other = tmp_path / "contacts.csv"
    other.write_text("Name,Email\nAnna,anna@example.org\n", encoding="utf-8")
    assert not detect(other)
    archive = tmp_path / "photos.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("img.txt", "x")
    assert not detect(archive)
    junk = tmp_path / "broken.zip"
    junk.write_bytes(b"not a zip at all")
    assert not detect(junk)
    assert not detect(tmp_path / "missing.zip")
