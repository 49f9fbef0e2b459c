"""LinkedIn importer: subject lines, degree 1 from Connections.csv, one resolution per
accepted invitation (at scale), and the owner (Profile.csv, --owner with did-you-mean).

Every export here is synthetic, in the exact layouts of the real one; all people are
invented.
"""

from __future__ import annotations

import datetime as _dt
import logging
from collections import Counter
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import linkedin_exports as le
import pytest
from knigge_engine import ContactRequest, Direction, Message, Outcome, RequestResolved
from knigge_engine.io import ImportOptions, InputError, Located

from knigge_linkedin.importer import read

BERLIN = ZoneInfo("Europe/Berlin")


def run(path: Path, **options: Any) -> tuple[list[Any], list[InputError]]:
    items = list(read(path, ImportOptions(**options)))
    return ([i.event for i in items if isinstance(i, Located)],
            [i for i in items if isinstance(i, InputError)])


def of(events: list[Any], cls: type) -> list[Any]:
    return [e for e in events if isinstance(e, cls)]


def folder(tmp_path: Path, name: str = "export", **files: bytes | str) -> Path:
    return le.write_folder(tmp_path / name, {
        k.replace("_", "."): v.encode() if isinstance(v, str) else v
        for k, v in files.items()})


def msg(conv: str, sender: str, sender_url: str, to: str, to_url: str, date: str,
        content: str, *, subject: str = "", folder: str = "INBOX") -> list[str]:
    return [conv, "", sender, sender_url, to, to_url, date, subject, content, folder, "",
            "No"]


# --------------------------------------------------------------------------- subject


def test_the_subject_is_its_own_field_never_part_of_the_text(tmp_path):
    rows = [le.MESSAGES_HEADER,
            msg("2-inmail", "Priya Raman", le.PRIYA_URL, le.OWNER, le.OWNER_URL,
                "2026-04-01 08:00:00 UTC", "Hi Jana,\nwould you join our panel in May?",
                subject="Panel: Routenplanung 2026"),
            msg("2-inmail", le.OWNER, le.OWNER_URL, "Priya Raman", le.PRIYA_URL,
                "2026-04-01 09:00:00 UTC", "", subject="Re: Panel: Routenplanung 2026",
                folder="ARCHIVE"),
            msg("2-other", "Lukas Brandt", le.LUKAS_URL, le.OWNER, le.OWNER_URL,
                "2026-04-02 10:00:00 UTC", "Moin Jana, kurze Frage zur Husum Wind.")]
    events, errors = run(folder(tmp_path, messages_csv=le.csv_text(rows)))
    assert not errors
    inmail, reply, plain = sorted(of(events, Message), key=lambda m: m.at)
    assert inmail.subject == "Panel: Routenplanung 2026"
    assert inmail.text == "Hi Jana,\nwould you join our panel in May?"
    # Only a subject, no content: no text (None, not "" and not the subject).
    assert reply.subject == "Re: Panel: Routenplanung 2026" and reply.text is None
    assert reply.direction is Direction.OUTGOING
    assert reply.context == {"folder": "archive"}
    assert plain.subject is None and plain.text.startswith("Moin Jana")
    assert inmail.context == {"folder": "inbox"}


def test_sponsored_mail_keeps_its_mark_and_gets_its_subject(tmp_path):
    rows = [le.MESSAGES_HEADER,
            msg("2-ad", "LinkedIn Member", "", le.OWNER, le.OWNER_URL,
                "2026-03-25 12:00:00 UTC", "<p>Jetzt <b>gratis</b> testen!</p>",
                subject="Ihr Webinar-Platz"),
            msg("2-x", le.OWNER, le.OWNER_URL, "Lukas Brandt", le.LUKAS_URL,
                "2026-03-26 12:00:00 UTC", "Hallo Lukas!")]
    events, errors = run(folder(tmp_path, messages_csv=le.csv_text(rows)),
                         owner=le.OWNER)
    assert not errors
    (ad,) = [m for m in events if m.sender.name == "LinkedIn Member"]
    assert ad.context["sponsored"] is True and ad.subject == "Ihr Webinar-Platz"
    assert ad.text == "Jetzt gratis testen!"
    assert ad.sender.degree is None


# --------------------------------------------------------------------------- degree


CONNECTED = [
    le.CONNECTIONS_HEADER,
    # Connected long before everything below.
    ["Priya", "Raman", le.PRIYA_URL, "", "Routenwerk GmbH", "CTO", "01 Mar 2026"],
    # Connected on the day of his message.
    ["Lukas", "Brandt", le.LUKAS_URL, "", "Stadtwerke Kiel GmbH", "Projektleiter",
     "20 Mar 2026"],
    ["Greta", "Vogel", le.GRETA_URL, "", "", "", "19 Mar 2026"],
]


def _degree_export(tmp_path: Path, messages: list[list[str]],
                   invitations: list[list[str]] | None = None) -> Path:
    files: dict[str, str] = {
        "Connections.csv": le.csv_text(CONNECTED, preamble=le.CONNECTIONS_PREAMBLE),
        "messages.csv": le.csv_text([le.MESSAGES_HEADER, *messages])}
    if invitations is not None:
        files["Invitations.csv"] = le.csv_text([le.INVITATIONS_HEADER, *invitations])
    return le.write_folder(tmp_path / "deg", {k: v.encode() for k, v in files.items()})


def test_a_connection_before_the_events_day_is_degree_1(tmp_path):
    path = _degree_export(tmp_path, [
        msg("2-p", "Priya Raman", le.PRIYA_URL, le.OWNER, le.OWNER_URL,
            "2026-03-02 10:00:00 UTC", "Hi Jana!"),
        msg("2-p", le.OWNER, le.OWNER_URL, "Priya Raman", le.PRIYA_URL,
            "2026-03-02 11:00:00 UTC", "Hi Priya!"),
        msg("2-l", "Lukas Brandt", le.LUKAS_URL, le.OWNER, le.OWNER_URL,
            "2026-03-20 09:15:00 UTC", "Danke für die Anfrage!"),
        msg("2-m", "Max Beispiel", le.MAX_URL, le.OWNER, le.OWNER_URL,
            "2026-03-21 09:15:00 UTC", "Hallo!"),
    ], invitations=[
        # Priya was a connection already: a second invitation to her.
        [le.OWNER, "Priya Raman", "3/5/26, 9:00 AM", "", "OUTGOING", le.OWNER_URL,
         le.PRIYA_URL],
        [le.OWNER, "Max Beispiel", "3/5/26, 9:00 AM", "", "OUTGOING", le.OWNER_URL,
         le.MAX_URL],
    ])
    events, errors = run(path, timezone="Europe/Berlin")
    assert not errors
    msgs = {(m.sender.name, m.direction): m for m in of(events, Message)}
    priya_in = msgs[("Priya Raman", Direction.INCOMING)].sender
    assert priya_in.degree == 1
    # Only the degree: the other facts stay unknown.
    assert priya_in.company is None and priya_in.headline is None
    assert priya_in.mutual_contacts is None and priya_in.prior_contact is None
    assert msgs[("Jana Owner", Direction.OUTGOING)].recipient.degree == 1
    # Same day as the connection: not known to be before, so unknown.
    assert msgs[("Lukas Brandt", Direction.INCOMING)].sender.degree is None
    # No Connections.csv row: unknown (not 2 or 3: the export does not say).
    assert msgs[("Max Beispiel", Direction.INCOMING)].sender.degree is None
    invs = {r.other.name: r for r in of(events, ContactRequest)}
    assert invs["Priya Raman"].recipient.degree == 1
    assert invs["Max Beispiel"].recipient.degree is None
    assert invs["Priya Raman"].sender.degree is None  # the owner
    # Priya's connection predates the invitation: it does not accept it.
    assert not of(events, RequestResolved)


def test_the_events_local_day_decides(tmp_path):
    # 23:30 UTC on 20 March is 21 March in Berlin but still 20 March in New York.
    path = _degree_export(tmp_path, [
        msg("2-l", "Lukas Brandt", le.LUKAS_URL, le.OWNER, le.OWNER_URL,
            "2026-03-20 23:30:00 UTC", "Gute Nacht!"),
        msg("2-g", "Greta Vogel", le.GRETA_URL, le.OWNER, le.OWNER_URL,
            "2026-03-20 23:30:00 UTC", "Hallo Jana"),
        msg("2-p", "Priya Raman", le.PRIYA_URL, le.OWNER, le.OWNER_URL,
            "2026-03-02 00:30:00 UTC", "Hi"),
    ])
    degree = {}
    for zone in ("Europe/Berlin", "America/New_York", None):
        events, errors = run(path, owner=le.OWNER, timezone=zone)
        assert not errors
        degree[zone] = {m.sender.name: m.sender.degree for m in events}
    assert degree["Europe/Berlin"] == {"Lukas Brandt": 1, "Greta Vogel": 1,
                                       "Priya Raman": 1}
    assert degree["America/New_York"] == {"Lukas Brandt": None, "Greta Vogel": 1,
                                          "Priya Raman": None}
    # Without a zone only a connection two UTC days older is surely before.
    assert degree[None] == {"Lukas Brandt": None, "Greta Vogel": None,
                            "Priya Raman": None}


def test_without_a_url_column_the_unique_name_joins(tmp_path):
    old_messages = [["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL",
                     "TO", "DATE", "SUBJECT", "CONTENT", "FOLDER"],
                    ["c-1", "", "Paul Winter", "", le.OWNER, "2018-02-01 10:00:00 UTC",
                     "", "Hallo Jana", "INBOX"],
                    ["c-2", "", "Anna Schmidt", "", le.OWNER, "2018-04-01 10:00:00 UTC",
                     "", "Hallo", "INBOX"],
                    ["c-3", "", le.OWNER, "", "Heike Sommer", "2018-01-08 20:00:00 UTC",
                     "", "Danke!", "INBOX"]]
    path = folder(tmp_path, Connections_csv=le.csv_text(le.OLD_CONNECTIONS),
                  messages_csv=le.csv_text(old_messages))
    events, errors = run(path, owner=le.OWNER, timezone="Europe/Berlin")
    assert not errors
    by = {m.other.name: m.other for m in events}
    assert by["Paul Winter"].degree == 1
    assert by["Anna Schmidt"].degree is None  # two Anna Schmidts: no guess
    assert by["Heike Sommer"].degree is None  # connected that same day


def test_with_a_url_column_a_different_url_is_not_joined_by_name(tmp_path):
    path = _degree_export(tmp_path, [
        # Another Priya Raman (another profile URL).
        msg("2-p", "Priya Raman", "https://www.linkedin.com/in/priya-raman-other",
            le.OWNER, le.OWNER_URL, "2026-04-02 10:00:00 UTC", "Hi Jana!")])
    events, _ = run(path, owner=le.OWNER, timezone="Europe/Berlin")
    (m,) = events
    assert m.sender.degree is None


# --------------------------------------------------------------------------- resolutions


START = _dt.datetime(2024, 1, 1, 9, 0)


def _fmt_sent(when: _dt.datetime) -> str:
    return f"{when.month}/{when.day}/{when:%y}, {when.hour % 12 or 12}:{when:%M} " \
        + ("PM" if when.hour >= 12 else "AM")


def _fmt_day(day: _dt.date) -> str:
    return f"{day:%d} {day:%b} {day:%Y}"


def _large_export() -> tuple[dict[str, bytes], dict[str, Any]]:
    """~5,500 invitations, ~4,300 connections. Returns the files and the truth."""
    invitations = [le.INVITATIONS_HEADER]
    connections = [le.CONNECTIONS_HEADER]
    truth: dict[str, Any] = Counter()
    dated: dict[str, _dt.datetime] = {}  # url -> expected resolution time (local)
    for i in range(5600):
        url = f"https://www.linkedin.com/in/person-{i}"
        name = f"Person {i}"
        sent = START + _dt.timedelta(hours=5 * i + (i % 11))
        outgoing = i % 25 != 0  # 224 incoming, 5376 outgoing
        if outgoing:
            invitations.append([le.OWNER, name, _fmt_sent(sent), "", "OUTGOING",
                                le.OWNER_URL, url])
        else:
            invitations.append([name, le.OWNER, _fmt_sent(sent), "", "INCOMING", url,
                                le.OWNER_URL])
        if i % 7 == 3:
            invitations.append(invitations[-1])  # an exact duplicate row
            truth["duplicates"] += 1
        kind = i % 4
        if kind == 3:
            continue  # pending: no connection
        if kind == 0:
            day = sent.date()  # accepted the same day: dated at the invitation
            dated[url] = sent
        elif kind == 1:
            day = sent.date() + _dt.timedelta(days=3)
            dated[url] = _dt.datetime.combine(day, _dt.time())
        else:
            # Connected the day before the invitation: not its acceptance.
            day = sent.date() - _dt.timedelta(days=1)
        connections.append(["Person", str(i), url, "", "", "", _fmt_day(day)])
        if i % 50 == 1:
            connections.append(connections[-1])  # a duplicate Connections.csv row
        if kind != 2:
            truth["incoming" if outgoing else "outgoing"] += 1
    for j in range(800):  # connections without any invitation row
        connections.append(["Other", str(j), f"https://www.linkedin.com/in/other-{j}", "",
                            "", "", "15 Jun 2023"])
    files = {
        "Invitations.csv": b"\xef\xbb\xbf" + le.csv_text(invitations).encode(),
        "Connections.csv": le.csv_text(connections,
                                       preamble=le.CONNECTIONS_PREAMBLE).encode()}
    truth["dated"] = dated
    truth["invitation_rows"] = len(invitations) - 1
    return files, truth


def test_a_large_export_gets_exactly_one_resolution_per_accepted_invitation(tmp_path):
    files, truth = _large_export()
    path = le.write_zip(tmp_path / "Complete_LinkedInDataExport_01-02-2025.zip", files)
    events, errors = run(path, timezone="Europe/Berlin")
    assert not errors
    requests = {r.id: r for r in of(events, ContactRequest)}
    assert len(requests) == truth["invitation_rows"]
    resolved = of(events, RequestResolved)
    per_direction = Counter(r.direction for r in resolved)
    assert per_direction[Direction.INCOMING] == truth["incoming"]
    assert per_direction[Direction.OUTGOING] == truth["outgoing"]
    assert len(resolved) == truth["incoming"] + truth["outgoing"]
    # Fewer owner acceptances than incoming requests, of course.
    incoming_requests = [r for r in requests.values() if r.direction is Direction.INCOMING]
    assert per_direction[Direction.OUTGOING] < len(incoming_requests)
    # One per invitation, never twice for a duplicate row, never for a bare connection.
    assert len({r.request for r in resolved}) == len(resolved)
    assert len({r.other.id for r in resolved}) == len(resolved)
    assert not any(r.other.id.startswith("other-") for r in resolved)
    dated = truth["dated"]
    assert {r.other.id for r in resolved} == {profile.rsplit("/", 1)[1] for profile in dated}
    for r in resolved:
        request = requests[r.request]
        assert r.outcome is Outcome.ACCEPTED
        assert r.at >= request.at  # never before its request
        assert r.at == dated["https://www.linkedin.com/in/" + r.other.id].replace(
            tzinfo=BERLIN)
        if request.direction is Direction.OUTGOING:
            # The other party accepted the owner's invitation: they resolved it.
            assert r.direction is Direction.INCOMING
            assert r.sender.id == request.recipient.id
            assert r.recipient.id == request.sender.id == "jana-owner-4a1b2c"
        else:
            # The owner accepted an incoming request: outgoing, sent by the owner.
            assert r.direction is Direction.OUTGOING
            assert r.sender.id == "jana-owner-4a1b2c"
            assert r.recipient.id == request.sender.id


def test_a_duplicate_row_in_a_2018_export_is_still_one_accepted_invitation(tmp_path):
    invitations = [*le.OLD_INVITATIONS, le.OLD_INVITATIONS[1]]
    connections = [*le.OLD_CONNECTIONS, le.OLD_CONNECTIONS[1]]
    path = folder(tmp_path, Invitations_csv=le.csv_text(invitations),
                  Connections_csv=le.csv_text(connections))
    events, errors = run(path, timezone="Europe/Berlin")
    assert not errors
    resolved = [r.other.name for r in of(events, RequestResolved)]
    assert sorted(resolved) == ["Heike Sommer", "Paul Winter"]


# --------------------------------------------------------------------------- owner


def _one_conversation(tmp_path: Path, **extra: bytes) -> Path:
    rows = [le.MESSAGES_HEADER,
            msg("2-p", "Priya Raman", le.PRIYA_URL, le.OWNER, le.OWNER_URL,
                "2026-04-06 16:35:35 UTC", "Hi Jana!"),
            msg("2-p", le.OWNER, le.OWNER_URL, "Priya Raman", le.PRIYA_URL,
                "2026-04-06 18:02:11 UTC", "Hi Priya!")]
    return le.write_folder(tmp_path / "one", {"messages.csv": le.csv_text(rows).encode(),
                                              **extra})


@pytest.mark.parametrize("given", ["Jana Ownr", "jana ower", "Jane Owner"])
def test_an_owner_matching_nobody_is_one_error_with_a_did_you_mean(tmp_path, given):
    path = le.write_zip(tmp_path / "export.zip", le.export_files())
    events, errors = run(path, timezone="Europe/Berlin", owner=given)
    assert not events  # nothing imported, so no message of yours counts as incoming
    (error,) = errors
    assert error.source == str(path) and error.location == ""
    assert f"'{given}'" in error.reason and "did you mean 'Jana Owner'" in error.reason


def test_an_owner_url_matching_nobody_suggests_the_profile_name(tmp_path):
    path = _one_conversation(tmp_path)
    events, errors = run(path, owner="https://www.linkedin.com/in/jana-owner-4a1b2")
    assert not events
    (error,) = errors
    assert "did you mean" in error.reason and "jana-owner-4a1b2c" in error.reason


def test_an_owner_with_no_close_name_says_what_to_pass(tmp_path):
    events, errors = run(_one_conversation(tmp_path), owner="Zacharias Quast")
    assert not events
    (error,) = errors
    assert "'Zacharias Quast'" in error.reason and "did you mean" not in error.reason
    assert "name or profile URL" in error.reason


def test_a_matching_owner_in_any_spelling_imports(tmp_path):
    for given in ("jana owner", "  Jana   Owner ", le.OWNER_URL + "/",
                  "jana-owner-4a1b2c"):
        events, errors = run(_one_conversation(tmp_path), owner=given)
        assert not errors and len(events) == 2, given


def test_profile_csv_names_the_owner(tmp_path):
    # One conversation: inference cannot tell the owner, the profile file can.
    path = _one_conversation(tmp_path, **{"Profile.csv": le.profile_csv()})
    events, errors = run(path)
    assert not errors
    directions = {m.sender.name: m.direction for m in events}
    assert directions == {"Jana Owner": Direction.OUTGOING,
                          "Priya Raman": Direction.INCOMING}


def test_profile_csv_header_is_matched_by_name_ignoring_case(tmp_path):
    text = "LAST NAME,first name,Headline\r\nOwner,Jana,PM\r\n"
    path = _one_conversation(tmp_path, **{"Profile.csv": text.encode("utf-8-sig")})
    events, errors = run(path)
    assert not errors
    assert {m.sender.name for m in events if m.direction is Direction.OUTGOING} == {
        le.OWNER}


def test_an_explicit_owner_wins_over_the_profile_file(tmp_path):
    path = _one_conversation(tmp_path, **{"Profile.csv": le.profile_csv()})
    events, errors = run(path, owner="Priya Raman")
    assert not errors
    assert {m.sender.name for m in events if m.direction is Direction.OUTGOING} == {
        "Priya Raman"}


def test_the_profile_file_wins_over_inference(tmp_path):
    # Max takes part in both conversations, Jana only in one: inference alone would
    # make Max the owner.
    rows = [le.MESSAGES_HEADER,
            msg("2-a", "Max Beispiel", le.MAX_URL, le.OWNER, le.OWNER_URL,
                "2026-04-01 10:00:00 UTC", "Hallo Jana"),
            msg("2-b", "Max Beispiel", le.MAX_URL, "Priya Raman", le.PRIYA_URL,
                "2026-04-02 10:00:00 UTC", "Hi Priya")]
    files = {"messages.csv": le.csv_text(rows).encode()}
    events, _ = run(le.write_folder(tmp_path / "a", files))
    assert {m.direction for m in events if m.sender.name == "Max Beispiel"} == {
        Direction.OUTGOING}
    files["Profile.csv"] = le.profile_csv()
    events, _ = run(le.write_folder(tmp_path / "b", files))
    (to_jana,) = [m for m in events if m.thread == "2-a"]
    assert to_jana.direction is Direction.INCOMING


def test_a_profile_name_nobody_shows_is_ignored_with_a_warning(tmp_path, caplog):
    rows = [r for r in le.messages_rows() if r[6]]  # the owner can be inferred
    files = {"messages.csv": le.csv_text(rows).encode(),
             "Profile.csv": le.profile_csv("Johanna", "Eigner-Neu")}
    with caplog.at_level(logging.WARNING, logger="knigge_linkedin"):
        events, errors = run(le.write_folder(tmp_path / "renamed", files))
    assert not errors
    assert {m.sender.name for m in events if m.direction is Direction.OUTGOING} == {
        le.OWNER}
    assert any("Profile.csv" in r.getMessage() for r in caplog.records)


def test_profile_csv_alone_is_no_export(tmp_path):
    from knigge_linkedin.importer import detect

    only = le.write_folder(tmp_path / "p", {"Profile.csv": le.profile_csv()})
    assert not detect(only)


def test_row_errors_and_counts_are_unchanged_with_a_profile_file(tmp_path):
    path = le.write_zip(tmp_path / "export.zip", le.export_files())
    events, errors = run(path, timezone="Europe/Berlin")
    assert len(of(events, ContactRequest)) == 6 and len(of(events, RequestResolved)) == 3
    assert len(of(events, Message)) == 5
    assert sorted((Path(e.source).name, e.location) for e in errors) == [
        ("Connections.csv", "row 9"), ("Invitations.csv", "row 7"),
        ("Invitations.csv", "row 8"), ("messages.csv", "row 7")]
