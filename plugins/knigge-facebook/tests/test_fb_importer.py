"""The "download your information" importer on invented exports in all three layouts,
as folders and zips, with Facebook's mis-encoding; bad input named by file and key path."""

from __future__ import annotations

import datetime as dt
import json
import logging
import zipfile

import pytest
from knigge_engine import ContactRequest, Message, RequestResolved
from knigge_engine.io import ImportOptions, InputError, Located

import fbexport
from fbexport import export_files, mangle, write_export, write_zip
from knigge_facebook.importer import FACEBOOK_EXPORT, person_id, repair

LAYOUTS = ["2022", "2021", "2020"]


def _read(path, **options):
    """The importer's items, events unwrapped (each comes as a Located)."""
    return [i.event if isinstance(i, Located) else i
            for i in FACEBOOK_EXPORT.read(path, ImportOptions(**options))]


def _events(items):
    return [i for i in items if not isinstance(i, InputError)]


def _errors(items):
    return [i for i in items if isinstance(i, InputError)]


# --------------------------------------------------------------------------- mojibake


@pytest.mark.parametrize("text", ["Jürgen Weiß", "Zoë O'Brien", "Grüße aus Köln 🥐",
                                  "Renée Fößel", "plain ASCII"])
def test_repair_undoes_facebooks_encoding(text):
    assert repair(mangle(text)) == text


def test_repair_keeps_text_that_was_never_mis_encoded():
    assert repair("Café") == "Café"  # é alone is not valid UTF-8 as bytes
    assert repair("Grüße ✓") == "Grüße ✓"  # a code point above 255: not bytes


# --------------------------------------------------------------------------- layouts


@pytest.fixture(params=LAYOUTS)
def layout(request):
    return request.param


@pytest.fixture(params=["folder", "zip", "zip-with-top-folder"])
def export(request, tmp_path, layout):
    if request.param == "folder":
        return write_export(tmp_path / "facebook-jana", layout)
    top = "facebook-jana_2024/" if request.param == "zip-with-top-folder" else ""
    return write_zip(tmp_path / "facebook-jana.zip", export_files(layout), top=top)


def test_detects_every_layout_as_folder_and_zip(export):
    assert FACEBOOK_EXPORT.detect(export)


def test_does_not_claim_unrelated_folders_and_zips(tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.json").write_text("{}")
    assert not FACEBOOK_EXPORT.detect(tmp_path / "notes")
    other = tmp_path / "Complete_LinkedInDataExport_03-19-2026.zip"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("Invitations.csv", "From,To,Sent At,Message,Direction\n")
    assert not FACEBOOK_EXPORT.detect(other)


def test_imports_requests_friends_and_messages_with_repaired_umlauts(export):
    items = _read(export)
    assert _errors(items) == []
    events = _events(items)
    requests = [e for e in events if isinstance(e, ContactRequest)]
    incoming = {e.sender.name for e in requests if e.direction.value == "incoming"}
    outgoing = {e.recipient.name for e in requests if e.direction.value == "outgoing"}
    assert incoming == {"Björn Äpfelbäck", "Sam Carter"}
    assert outgoing == {"Lena Groß"}
    assert all(e.note is None for e in requests)

    resolved = [e for e in events if isinstance(e, RequestResolved)]
    accepted = {e.sender.name: e for e in resolved if e.outcome.value == "accepted"}
    declined = [e for e in resolved if e.outcome.value == "declined"]
    assert set(accepted) == {"Jürgen Weiß", "Zoë O'Brien"}
    assert accepted["Jürgen Weiß"].context == {"request_direction": "unknown"}
    assert [d.recipient.name for d in declined] == ["Günther Glücksspiel"]
    assert declined[0].sender.id == "me" and declined[0].direction.value == "outgoing"

    texts = {e.text for e in events if isinstance(e, Message)}
    assert "Ja, gern! Ich bringe den Käsekuchen mit." in texts
    assert "Ich bringe Brötchen mit 🥐" in texts
    assert not any("Ã" in (t or "") for t in texts)


def test_timestamps_are_utc_aware(export):
    events = _events(_read(export))
    bjoern = next(e for e in events if isinstance(e, ContactRequest)
                  and e.sender.name == "Björn Äpfelbäck")
    assert bjoern.at == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)
    first = min((e for e in events if isinstance(e, Message)), key=lambda m: m.at)
    assert first.at.utcoffset() == dt.timedelta(0)
    assert first.at == dt.datetime.fromtimestamp(1_700_000_100, dt.UTC)


def test_owner_is_inferred_from_the_participant_in_every_thread(export):
    events = _events(_read(export))
    outgoing = [e for e in events if isinstance(e, Message) and e.direction.value == "outgoing"]
    assert outgoing and all(e.sender.id == "me" and e.sender.name == "Jana Müller"
                            for e in outgoing)
    incoming = [e for e in events if isinstance(e, Message) and e.direction.value == "incoming"]
    assert {e.sender.name for e in incoming} == {"Jürgen Weiß", "Sam Carter", "Umsatz Profi",
                                                 "Renée Fößel"}


def test_threads_split_over_files_are_ordered_and_linked(tmp_path):
    write_export(tmp_path, "2022")
    msgs = [e for e in _events(_read(tmp_path)) if isinstance(e, Message)]
    anchor = next(m for m in msgs if m.text == "Ja, gern! Ich bringe den Käsekuchen mit.")
    thread = sorted((m for m in msgs if m.thread == anchor.thread), key=lambda m: m.at)
    assert [m.direction.value for m in thread] == ["incoming", "outgoing", "incoming"]
    assert thread[0].in_reply_to is None  # only the thread's first message is a first contact
    assert thread[1].in_reply_to == thread[0].id
    assert thread[2].in_reply_to == thread[1].id


def test_group_messages_go_to_the_thread(tmp_path):
    write_export(tmp_path, "2021")
    out = next(e for e in _events(_read(tmp_path)) if isinstance(e, Message)
               and e.text == "Wer bringt was zum Frühstück mit?")
    assert out.direction.value == "outgoing"
    assert out.recipient.name == "Familie & Freunde"
    assert out.recipient.id.startswith("fb:t:")


def test_ids_are_stable_and_unique_across_reimports(tmp_path):
    write_export(tmp_path / "a", "2022")
    write_zip(tmp_path / "b.zip", export_files("2022"))
    first = [e.id for e in _events(_read(tmp_path / "a"))]
    again = [e.id for e in _events(_read(tmp_path / "a"))]
    zipped = [e.id for e in _events(_read(tmp_path / "b.zip"))]
    assert first == again
    assert sorted(first) == sorted(zipped)
    assert len(set(first)) == len(first)


def test_later_export_resolves_the_request_an_earlier_one_left_pending(tmp_path):
    write_export(tmp_path / "2023", "2022", threads={}, friends=[], rejected=[],
                 received=[{"name": "Björn Äpfelbäck", "timestamp": 1_700_000_000}])
    write_export(tmp_path / "2024", "2022", threads={}, received=[], rejected=[],
                 friends=[{"name": "Björn Äpfelbäck", "timestamp": 1_700_900_000}])
    pending = _events(_read(tmp_path / "2023"))[0]
    friend = next(e for e in _events(_read(tmp_path / "2024"))
                  if isinstance(e, RequestResolved))
    assert friend.request == pending.id
    assert friend.sender.id == pending.sender.id == person_id("Björn Äpfelbäck")


def test_removed_friends_followers_and_notices_are_counted_not_dropped(tmp_path, caplog):
    write_export(tmp_path, "2022")
    with caplog.at_level(logging.WARNING, logger="knigge_facebook"):
        _read(tmp_path)
    line = " ".join(r.getMessage() for r in caplog.records)
    assert "1 removed friends" in line and "1 followers" in line
    assert "2 system notices" in line
    # the log line names counts, never a name or a text
    assert "Karl" not in line and "Öde" not in line


def test_empty_files_may_be_missing(tmp_path):
    write_export(tmp_path, "2020", friends=[], sent=[], rejected=[], removed=[], threads={})
    events = _events(_read(tmp_path))
    assert len(events) == 2 and all(isinstance(e, ContactRequest) for e in events)


# --------------------------------------------------------------------------- owner


def _one_thread() -> dict:
    return {"samcarter_x9y8z7": fbexport.THREADS["samcarter_x9y8z7"]}


def test_owner_ambiguous_with_one_thread_reports_the_thread_and_keeps_the_rest(tmp_path):
    write_export(tmp_path, "2022", threads=_one_thread())
    items = _read(tmp_path)
    errors = _errors(items)
    # One error per message, so the summary counts each message not imported.
    assert [e.location for e in errors] == ["$.messages[0]", "$.messages[1]"]
    assert all("owner unknown" in e.reason and "--owner" in e.reason for e in errors)
    assert all(e.source.endswith("samcarter_x9y8z7/message_1.json") for e in errors)
    assert not any(isinstance(e, Message) for e in _events(items))
    assert sum(isinstance(e, ContactRequest) for e in _events(items)) == 3
    # the owner's name stays unknown: never guessed
    assert all(e.recipient.name is None for e in _events(items)
               if isinstance(e, ContactRequest) and e.direction.value == "incoming")


def test_owner_option_settles_the_direction(tmp_path):
    write_export(tmp_path, "2022", threads=_one_thread())
    items = _read(tmp_path, owner="Jana Müller")
    assert _errors(items) == []
    msgs = [e for e in items if isinstance(e, Message)]
    assert [m.direction.value for m in sorted(msgs, key=lambda m: m.at)] == [
        "incoming", "outgoing"]


# --------------------------------------------------------------------------- bad input


def test_wrong_type_names_file_and_key_path_and_keeps_the_other_entries(tmp_path):
    received = [{"name": f"Person {i}", "timestamp": 1_700_000_000 + i} for i in range(5)]
    received[3]["timestamp"] = "gestern"
    write_export(tmp_path, "2022", received=received, threads={})
    items = _read(tmp_path)
    errors = _errors(items)
    assert [(e.location, e.reason) for e in errors] == [
        ("$.received_requests_v2[3].timestamp",
         "expected unix seconds (an integer), found a string")]
    assert errors[0].source.endswith("connections/friends/received_friend_requests.json")
    got = {e.sender.name for e in _events(items) if isinstance(e, ContactRequest)
           and e.direction.value == "incoming"}
    assert got == {"Person 0", "Person 1", "Person 2", "Person 4"}


def test_missing_timestamp_and_wrong_top_level_key(tmp_path):
    write_export(tmp_path, "2021", threads={}, sent=[{"name": "Lena Groß"}])
    (tmp_path / "friends_and_followers" / "friends.json").write_text(
        json.dumps({"friends_v3": []}))
    errors = {(e.source.rsplit("/", 1)[-1], e.location, e.reason)
              for e in _errors(_read(tmp_path))}
    assert ("friend_requests_sent.json", "$.sent_requests_v2[0].timestamp",
            "required field missing") in errors
    assert ("friends.json", "$", "expected the key 'friends_v2', found the key(s) "
            "friends_v3") in errors


def test_invalid_json_names_line_and_column(tmp_path):
    write_export(tmp_path, "2022", threads={})
    target = tmp_path / "connections/friends/your_friends.json"
    target.write_text('{"friends_v2": [\n  {"name": "A", "timestamp": 1},\n  oops\n]}')
    error = next(e for e in _errors(_read(tmp_path)) if e.source.endswith("your_friends.json"))
    assert error.location == "line 3, column 3" and "invalid JSON" in error.reason


def test_bad_message_entries_are_reported_and_the_rest_imported(tmp_path):
    threads = {"samcarter_x9y8z7": ("inbox", ["Jana Müller", "Sam Carter"], "Sam Carter", [[
        {"sender_name": "Sam Carter", "timestamp_ms": 1_700_100_300_000, "content": "Hi!"},
        {"sender_name": "Sam Carter", "content": "no time"},
        {"sender_name": "Jana Müller", "timestamp_ms": 1_700_100_100_000, "content": 42},
    ]]), **{k: v for k, v in fbexport.THREADS.items() if k != "samcarter_x9y8z7"}}
    write_export(tmp_path, "2022", threads=threads)
    items = _read(tmp_path)
    locations = {e.location for e in _errors(items) if "samcarter" in e.source}
    assert locations == {"$.messages[1].timestamp_ms", "$.messages[2].content"}
    assert "Hi!" in {e.text for e in _events(items) if isinstance(e, Message)}


@pytest.mark.parametrize("bad", [{}, {"sender_name": ""}, {"sender_name": "  "}],
                         ids=["missing", "empty", "blank"])
def test_a_message_without_sender_name_is_rejected_not_guessed(tmp_path, bad):
    nameless = {"timestamp_ms": 1_700_100_150_000, "content": "Hallo, kennen wir uns?",
                **bad}
    sam = fbexport.THREADS["samcarter_x9y8z7"]
    messages = [*sam[3][0][:1], nameless, *sam[3][0][1:]]
    threads = {**fbexport.THREADS, "samcarter_x9y8z7": (*sam[:3], [messages])}
    write_export(tmp_path, "2022", threads=threads)
    items = _read(tmp_path, owner="Jana Müller")
    (error,) = _errors(items)
    assert error.source.endswith("samcarter_x9y8z7/message_1.json")
    assert error.location == "$.messages[1].sender_name"
    assert "direction" in error.reason and "not imported" in error.reason
    assert ("required field missing" if not bad else "empty") in error.reason
    assert "kennen wir uns" not in error.reason
    # Nothing invented for it, and the rest of the thread is still imported.
    msgs = [e for e in _events(items) if isinstance(e, Message)]
    assert not any("unnamed" in m.sender.id or "unnamed" in m.recipient.id for m in msgs)
    with_sam = sorted((m.direction.value, m.other.name) for m in msgs
                      if m.other.name == "Sam Carter")
    assert with_sam == [("incoming", "Sam Carter"), ("outgoing", "Sam Carter")]
    assert "Hallo, kennen wir uns?" not in {m.text for m in msgs}


def test_a_system_notice_without_sender_name_is_counted_not_rejected(tmp_path):
    notice = {"timestamp_ms": 1_700_100_150_000, "type": "Call", "call_duration": 0}
    sam = fbexport.THREADS["samcarter_x9y8z7"]
    threads = {**fbexport.THREADS, "samcarter_x9y8z7": (*sam[:3], [[*sam[3][0], notice]])}
    write_export(tmp_path, "2022", threads=threads)
    assert _errors(_read(tmp_path, owner="Jana Müller")) == []


def test_truncated_zip_is_an_error_not_a_crash(tmp_path):
    full = write_zip(tmp_path / "facebook-jana.zip", export_files("2022"))
    data = full.read_bytes()
    cut = tmp_path / "facebook-cut.zip"
    cut.write_bytes(data[: len(data) // 2])
    assert FACEBOOK_EXPORT.detect(cut)
    items = _read(cut)
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert "zip" in items[0].reason


def test_single_friend_file_is_read_on_its_own(tmp_path):
    write_export(tmp_path, "2022", threads={})
    lone = tmp_path / "connections/friends/received_friend_requests.json"
    assert FACEBOOK_EXPORT.detect(lone)
    events = _events(_read(lone))
    assert {e.sender.name for e in events} == {"Björn Äpfelbäck", "Sam Carter"}


def test_two_people_with_the_same_name_get_distinct_event_ids(tmp_path):
    received = [{"name": "Anna Schmidt", "timestamp": 1_700_000_000},
                {"name": "Anna Schmidt", "timestamp": 1_700_000_500}]
    write_export(tmp_path, "2022", received=received, threads={})
    ids = [e.id for e in _events(_read(tmp_path))]
    assert len(ids) == len(set(ids))
    assert ids == [e.id for e in _events(_read(tmp_path))]


def test_friends_are_first_degree_and_group_chats_are_marked(tmp_path):
    # The friend list shows Jürgen as a friend since 2022: his messages of 2023 come
    # from a 1st-degree contact (no first contact to coach); the family chat is a group.
    events = _events(_read(write_export(tmp_path / "facebook-jana", "2022")))
    messages = [e for e in events if isinstance(e, Message)]
    juergen = [m for m in messages if "Grillen" in (m.text or "")]
    assert juergen and juergen[0].sender.degree == 1
    sam = [m for m in messages if "Python meetup" in (m.text or "")]
    assert sam and sam[0].sender.degree is None  # not in the friend list: unknown
    group = [m for m in messages if "Frühstück" in (m.text or "")]
    assert group and group[0].context["group"] is True
    assert all(not (m.context or {}).get("group") for m in juergen + sam)
