"""One minimal input per crash class the fuzzing found (docs/reliability.md): each is now
an error naming the file and key path, and the rest of the export is still imported."""

from __future__ import annotations

import json

import orjson
import pytest
from knigge_engine import Message
from knigge_engine.io import ImportOptions, InputError, read_paths

import fbexport
from knigge_facebook.importer import FACEBOOK_EXPORT

_KEY = "samcarter_x9y8z7"
_MSG = f"your_activity_across_facebook/messages/inbox/{_KEY}/message_1.json"
_FRIENDS = "connections/friends/your_friends.json"


def _export(tmp_path, rel: str, edit) -> list:
    """The 2022 export with one value replaced by raw JSON text ``edit(text)``, read
    the way ``knigge check`` reads it."""
    fbexport.write_export(tmp_path)
    target = tmp_path / rel
    target.write_text(edit(target.read_text(encoding="utf-8")), encoding="utf-8")
    items = list(read_paths([tmp_path], {"facebook": FACEBOOK_EXPORT}, ImportOptions()))
    for item in items:  # every error must reach the --format json report
        if isinstance(item, InputError):
            orjson.dumps([item.source, item.location, item.reason])
    return items


def _first_message(raw: str):
    """Replace the first message's field value (given as JSON text) in a thread file."""
    def edit(field: str):
        def apply(text: str) -> str:
            data = json.loads(text)
            data["messages"][0][field] = "@@"
            return json.dumps(data).replace('"@@"', raw)
        return apply
    return edit


def _errors(items):
    return [(i.location, i.reason) for i in items if isinstance(i, InputError)]


def _messages(items):
    return [i for i in items if isinstance(i, Message)]


@pytest.mark.parametrize(("field", "raw", "reason"), [
    # TypeError: unhashable type (the type was looked up in a set of notice types)
    ("type", "[1]", "expected a string, found an array"),
    ("type", "{}", "expected a string, found an object"),
    # UnicodeEncodeError while hashing the message id or the sender's id
    ("content", '"a\\ud800"', "found text with a lone surrogate (U+D800) at character 2"),
    ("sender_name", '"\\udfff"', "found text with a lone surrogate (U+DFFF) at character 1"),
    # ValueError: Python's 4,300-digit limit for int(), raised by the JSON parser
    ("timestamp_ms", "9" * 5000, "found a number of 5000 digits"),
    # OverflowError: integer division result too large for a float
    ("timestamp_ms", "9" * 400, "found a number of 400 digits"),
    # ValueError: year out of range
    ("timestamp_ms", "-10000000000000000", "out of range: -10000000000000000"),
    # OSError "Value too large": the whole export was reported unreadable
    ("timestamp_ms", str(2**70), "out of range: 1180591620717411303424"),
    ("timestamp_ms", str(10**20), "(expected a time between 1970 and 2100)"),
    # RecursionError in the JSON parser (about 1,000 levels) and in the repair walk
    ("content", "[" * 100_000 + "]" * 100_000, "expected a string, found an array"),
    ("reactions", "[" * 100_000 + "]" * 100_000, None),
    ("content", "[" * 900 + "]" * 900, "expected a string, found an array"),
    ("sender_name", "[" * 900 + "]" * 900, "expected a string, found an array"),
])
def test_bad_message_value_is_an_error_and_the_rest_is_imported(tmp_path, field, raw,
                                                                 reason):
    items = _export(tmp_path, _MSG, _first_message(raw)(field))
    errors = _errors(items)
    if reason is None:  # an unused field: the message is imported as it is
        assert errors == [] and len(_messages(items)) == 8
        return
    ((location, text),) = errors
    assert location.startswith("$.messages[0].") and reason in text
    assert len(_messages(items)) == 7  # every other message of the export


@pytest.mark.parametrize(("raw", "reason"), [
    ("-1", "unix seconds out of range: -1"),
    ("1e20", "unix seconds out of range: 1e+20"),
    ("9" * 5000, "found a number of 5000 digits"),
])
def test_bad_friend_time_is_an_error_and_the_rest_is_imported(tmp_path, raw, reason):
    items = _export(tmp_path, _FRIENDS, lambda t: t.replace("1650000000", raw))
    assert [(loc, reason in text) for loc, text in _errors(items)] == [
        ("$.friends_v2[0].timestamp", True)]


def test_long_number_in_an_error_is_elided_to_40_characters(tmp_path):
    items = _export(tmp_path, _FRIENDS, lambda t: t.replace("1650000000", "1" * 30))
    ((_, reason),) = _errors(items)
    assert "1" * 39 not in reason and "1" * 30 in reason  # 30 digits: quoted whole
    items = _export(tmp_path, _FRIENDS, lambda t: t.replace("1650000000", "9" * 60 + ".5"))
    ((_, reason),) = _errors(items)
    assert "out of range: 1e+60" in reason and len(reason) < 120


def test_unknown_top_level_keys_are_elided_and_escaped(tmp_path):
    items = _export(tmp_path, _FRIENDS, lambda t: json.dumps({"x" * 100: [], "\ud800": []}))
    ((location, reason),) = _errors(items)
    assert location == "$" and "x" * 20 not in reason and "…" in reason
    assert "\\ud800" in reason
    items = _export(tmp_path, _FRIENDS, lambda t: json.dumps({f"k{i}": [] for i in range(9)}))
    ((location, reason),) = _errors(items)
    assert reason.endswith("found the key(s) k0, k1, k2, k3, k4 and 4 more")
