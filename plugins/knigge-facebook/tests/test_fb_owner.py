"""The owner of a Facebook export: ``--owner`` (checked against the threads, with a
did-you-mean), else the export's own ``profile_information.json``, else inference.
Invented exports only."""

from __future__ import annotations

import logging

import pytest
from knigge_engine import ContactRequest, Message, RequestResolved
from knigge_engine.io import ImportOptions, InputError, Located

import fbexport
from fbexport import OWNER, PROFILE_PATHS, export_files, profile_file, write_export, write_zip
from knigge_facebook.importer import FACEBOOK_EXPORT


def _read(path, **options):
    items = list(FACEBOOK_EXPORT.read(path, ImportOptions(**options)))
    return ([i.event for i in items if isinstance(i, Located)],
            [i for i in items if isinstance(i, InputError)])


def _one_thread() -> dict:
    return {"samcarter_x9y8z7": fbexport.THREADS["samcarter_x9y8z7"]}


def _outgoing_senders(events) -> set[str]:
    return {m.sender.name for m in events
            if isinstance(m, Message) and m.direction.value == "outgoing"}


def _with_profile(tmp_path, where: str, text: str, **kwargs):
    root = write_export(tmp_path / "fb", "2022", **kwargs)
    target = root / where
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return root


# --------------------------------------------------------------------------- --owner


@pytest.mark.parametrize("given", ["Jana Muller", "Jana Müler", "Janna Müller"])
def test_an_owner_matching_no_participant_is_one_error_with_a_did_you_mean(tmp_path, given):
    root = write_export(tmp_path / "fb", "2022")
    events, errors = _read(root, owner=given)
    # Nothing imported: not the friends either, and no message of yours as incoming.
    assert events == []
    (error,) = errors
    assert error.source == str(root) and error.location == ""
    assert f"'{given}'" in error.reason
    assert "did you mean 'Jana Müller'" in error.reason


def test_an_owner_with_no_close_name_says_what_to_pass(tmp_path):
    root = write_export(tmp_path / "fb", "2022")
    events, errors = _read(root, owner="Xaver Quast")
    assert events == []
    (error,) = errors
    assert "did you mean" not in error.reason and "as the export shows it" in error.reason


def test_an_owner_mismatch_in_a_zip_names_the_zip(tmp_path):
    path = write_zip(tmp_path / "facebook-jana.zip", export_files("2021"))
    events, errors = _read(path, owner="Jana Muller")
    assert events == [] and [e.source for e in errors] == [str(path)]


def test_a_matching_owner_in_another_case_or_spacing_imports(tmp_path):
    root = write_export(tmp_path / "fb", "2022", threads=_one_thread())
    for given in ("jana müller", "  Jana   Müller "):
        events, errors = _read(root, owner=given)
        assert errors == []
        assert len([e for e in events if isinstance(e, Message)]) == 2


def test_an_owner_cannot_be_checked_without_threads_and_is_taken(tmp_path):
    root = write_export(tmp_path / "fb", "2022", threads={})
    events, errors = _read(root, owner="Jana Muller")
    assert errors == []
    (sent,) = [e for e in events if isinstance(e, ContactRequest)
               and e.direction.value == "outgoing"]
    assert sent.sender.name == "Jana Muller"


def test_a_single_message_file_with_a_wrong_owner_is_refused(tmp_path):
    root = write_export(tmp_path / "fb", "2022", threads=_one_thread())
    single = next(root.rglob("message_1.json"))
    events, errors = _read(single, owner="Sam Carer")
    assert events == []
    (error,) = errors
    assert "did you mean 'Sam Carter'" in error.reason


# --------------------------------------------------------------------------- profile file


@pytest.mark.parametrize(("layout", "key"), [("2022", "profile_v2"), ("2021", "profile"),
                                             ("2024", "profile_v2")])
def test_the_profile_file_names_the_owner(tmp_path, layout, key):
    # One thread: inference cannot tell the owner, the profile file can (its name is
    # mis-encoded like every string of the export).
    root = _with_profile(tmp_path, PROFILE_PATHS[layout], profile_file(key=key),
                         threads=_one_thread())
    events, errors = _read(root)
    assert errors == []
    assert _outgoing_senders(events) == {OWNER}
    (sent,) = [e for e in events if isinstance(e, ContactRequest)
               and e.direction.value == "outgoing"]
    assert sent.sender.name == OWNER and sent.sender.id == "me"


def test_the_profile_file_is_read_from_a_zip(tmp_path):
    files = export_files("2022", threads=_one_thread())
    files[PROFILE_PATHS["2022"]] = profile_file()
    path = write_zip(tmp_path / "facebook-jana.zip", files, top="facebook-jana_2024/")
    events, errors = _read(path)
    assert errors == [] and _outgoing_senders(events) == {OWNER}


def test_an_explicit_owner_wins_over_the_profile_file(tmp_path):
    root = _with_profile(tmp_path, PROFILE_PATHS["2022"], profile_file(),
                         threads=_one_thread())
    events, errors = _read(root, owner="Sam Carter")
    assert errors == [] and _outgoing_senders(events) == {"Sam Carter"}


def test_the_profile_file_wins_over_inference(tmp_path):
    # Jürgen is in both threads, Jana in one: inference alone would pick Jürgen.
    threads = {
        "a": ("inbox", ["Jürgen Weiß", OWNER], "Jürgen Weiß",
              [[fbexport._msg(OWNER, 1_700_000_000_000, "Hallo Jürgen!")]]),
        "b": ("inbox", ["Jürgen Weiß", "Renée Fößel"], "Renée Fößel",
              [[fbexport._msg("Renée Fößel", 1_700_000_100_000, "Hallo!")]]),
    }
    root = write_export(tmp_path / "plain", "2022", threads=threads)
    events, _ = _read(root)
    assert _outgoing_senders(events) == set()  # Jana's message counted as incoming
    root = _with_profile(tmp_path, PROFILE_PATHS["2022"], profile_file(), threads=threads)
    events, errors = _read(root)
    assert errors == [] and _outgoing_senders(events) == {OWNER}


def test_a_profile_name_in_no_thread_is_ignored_with_a_warning(tmp_path, caplog):
    root = _with_profile(tmp_path, PROFILE_PATHS["2022"], profile_file("Jana Neumann"))
    with caplog.at_level(logging.WARNING, logger="knigge_facebook"):
        events, errors = _read(root)
    assert errors == [] and _outgoing_senders(events) == {OWNER}  # inferred
    assert any("profile_information" in r.getMessage() for r in caplog.records)


def test_a_broken_profile_file_is_a_warning_not_a_rejected_row(tmp_path, caplog):
    root = _with_profile(tmp_path, PROFILE_PATHS["2022"], '{"profile_v2": {"name": ',
                         threads=_one_thread())
    with caplog.at_level(logging.WARNING, logger="knigge_facebook"):
        events, errors = _read(root)
    # The owner stays unknown: each message is its own error, as without the file.
    assert [e.location for e in errors] == ["$.messages[0]", "$.messages[1]"]
    assert sum(isinstance(e, RequestResolved) for e in events) == 3
    assert any("invalid JSON" in r.getMessage() for r in caplog.records)
