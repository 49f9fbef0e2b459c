"""Fuzzing the Facebook importer: realistic exports (fbexport's invented data, all three
layouts, folder or zip) with fields replaced by values of every JSON type, lone
surrogates, deep nesting, numbers thousands of digits long and out-of-range times.

Properties: the import never raises; every friend entry and every message is accounted
for (an event, or an error naming its file and key path, or a system notice); errors
quote at most 40 characters; every event and error can be written by ``knigge check
--format json``. ``KNIGGE_FUZZ_EXAMPLES`` sets the number of examples
(docs/reliability.md)."""

from __future__ import annotations

import json
import re
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from knigge_engine import ContactRequest, Direction, Message, Outcome, RequestResolved
from knigge_engine.io import ImportOptions, InputError, read_paths
from knigge_engine.testing import check_import, fuzz_settings, long_strings

import fbexport
from knigge_facebook.importer import FACEBOOK_EXPORT, _digest

FUZZ = fuzz_settings()
#: Lone surrogates: half a UTF-16 pair, valid in a JSON escape but no character.
SURROGATES = ("\ud800", "\udbff", "\udc00", "\udfff")
_NOTICES = {"Subscribe", "Unsubscribe", "Call"}
_CATEGORIES = ("friends", "received", "sent", "rejected", "removed")
_BASE = {"friends": fbexport.FRIENDS, "received": fbexport.RECEIVED,
         "sent": fbexport.SENT, "rejected": fbexport.REJECTED, "removed": fbexport.REMOVED}


class Whole:
    """A friend file whose whole content is ``value`` (no top-level key)."""

    def __init__(self, value: Any) -> None:
        self.value = value


class Raw(str):
    """JSON text put into the file as it is (deep nesting, 5000 digits, NaN): values
    json.dumps cannot or will not write."""


# ------------------------------------------------------------------------ strategies

_text = st.text(max_size=60)
_surrogate_text = st.builds(lambda a, s, b: a + s + b, st.text(max_size=50),
                            st.sampled_from(SURROGATES), st.text(max_size=50))
_json_scalars = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
                 | _text | _surrogate_text)
_json_values = st.recursive(
    _json_scalars,
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(_text | _surrogate_text, inner, max_size=3),
    max_leaves=6)
_times = st.sampled_from([-1, -10**12, 10**20, 2**70, 2**63, 2**64, 1e20, -1e20, 1e308,
                          253_402_300_800, 4_102_444_800, 4_102_444_800_000,
                          1_700_000_000_000_000]) | st.integers() | st.floats()
_deep = st.builds(lambda n, open_: Raw(open_ * n + _close(open_ * n)),
                  st.sampled_from([70, 500, 999, 1001, 5000, 50_000]),
                  st.sampled_from(["[", '{"a":']))
_digits = st.builds(lambda n, sign: Raw(sign + "9" * n),
                    st.sampled_from([31, 400, 4300, 4301, 5000]), st.sampled_from(["", "-"]))
_raw_numbers = st.sampled_from([Raw("NaN"), Raw("Infinity"), Raw("-Infinity"), Raw("1e400"),
                                Raw("-0"), Raw("1" + "0" * 5000 + ".5")])
_long_text = st.builds(lambda s, n: (s or "x") * n, st.text(min_size=1, max_size=8),
                       st.integers(min_value=10, max_value=300))
BAD = _json_values | _times | _deep | _digits | _raw_numbers | _long_text | _surrogate_text


def _close(opened: str) -> str:
    """The closing brackets for ``opened`` (``[[`` or ``{"a":{"a":``), with a value."""
    closers = "".join("]" if ch == "[" else "}" for ch in reversed(opened) if ch in "[{")
    return ("1" if opened.endswith(":") else "") + closers


# ------------------------------------------------------------------------ export


def _dump(data: Any, raws: list[str]) -> str:
    """JSON as Facebook writes it, with :class:`Raw` values spliced in as they are."""
    def swap(value: Any) -> Any:
        if isinstance(value, Raw):
            raws.append(str(value))
            return f"\x00RAW{len(raws) - 1}\x00"
        if isinstance(value, list):
            return [swap(v) for v in value]
        if isinstance(value, dict):
            return {k: swap(v) for k, v in value.items()}
        return value

    text = json.dumps(swap(data), ensure_ascii=True, indent=2)
    return re.sub(r'"\\u0000RAW(\d+)\\u0000"', lambda m: raws[int(m.group(1))], text)


@st.composite
def exports(draw: st.DrawFn) -> dict[str, Any]:
    """A mutated export: its layout, files (friend lists and threads as Python data) and
    the bad values put in."""
    layout = draw(st.sampled_from(["2022", "2021", "2020"]))
    friends = {c: [dict(fbexport.mangle(e)) for e in _BASE[c]] for c in _CATEGORIES}
    threads: dict[str, Any] = {}
    for key, (folder, parts, title, pages) in fbexport.THREADS.items():
        threads[key] = (folder, [{
            "participants": [{"name": fbexport.mangle(p)} for p in parts],
            "messages": [dict(fbexport.mangle(m)) for m in page],
            "title": fbexport.mangle(title), "thread_type": "Regular",
        } for page in pages])
    bad: list[Any] = []
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        value = draw(BAD)
        bad.append(value)
        target = draw(st.sampled_from(["friend", "friend", "message", "message", "message",
                                       "participant", "title", "page", "extra"]))
        if target == "friend":
            cat = draw(st.sampled_from(_CATEGORIES))
            entries = friends[cat]
            if not isinstance(entries, list) or not entries:
                continue
            i = draw(st.integers(0, len(entries) - 1))
            field = draw(st.sampled_from(["name", "timestamp", None, "list", "file"]))
            if field is None:
                entries[i] = value
            elif field == "list":
                friends[cat] = value
            elif field == "file":
                friends[cat] = Whole(value)
            elif isinstance(entries[i], dict):
                entries[i][field] = value
            continue
        key = draw(st.sampled_from(sorted(threads)))
        pages = threads[key][1]
        page = pages[draw(st.integers(0, len(pages) - 1))]
        if target == "title":
            page["title"] = value
        elif target == "page":
            page[draw(st.sampled_from(["messages", "participants"]))] = value
        elif target == "participant" and isinstance(page["participants"], list) \
                and page["participants"]:
            parts = page["participants"]
            i = draw(st.integers(0, len(parts) - 1))
            if draw(st.booleans()) and isinstance(parts[i], dict):
                parts[i]["name"] = value
            else:
                parts[i] = value
        elif isinstance(page["messages"], list) and page["messages"]:
            msgs = page["messages"]
            i = draw(st.integers(0, len(msgs) - 1))
            field = draw(st.sampled_from(["sender_name", "timestamp_ms", "content", "type",
                                          None] if target == "message" else
                                         ["reactions", "photos", "share"]))
            if field is None:
                msgs[i] = value
            elif isinstance(msgs[i], dict):
                msgs[i][field] = value
    return {"layout": layout, "friends": friends, "threads": threads, "bad": bad,
            "zip": draw(st.booleans()), "profile": draw(st.booleans())}


def _files(export: dict[str, Any]) -> dict[str, str]:
    raws: list[str] = []
    spec = fbexport.LAYOUTS[export["layout"]]
    out: dict[str, str] = {}
    for cat, entries in export["friends"].items():
        rel, key = spec[cat]
        out[rel] = _dump(entries.value if isinstance(entries, Whole) else {key: entries}, raws)
    prefix = fbexport.MESSAGE_PREFIX[export["layout"]]
    for key, (folder, pages) in export["threads"].items():
        for number, page in enumerate(pages, start=1):
            out[f"{prefix}messages/{folder}/{key}/message_{number}.json"] = _dump(page, raws)
    if export["profile"]:
        out[fbexport.PROFILE_PATHS["2022"]] = fbexport.profile_file()
    return out


def _write(root: Path, export: dict[str, Any]) -> Path:
    files = _files(export)
    if export["zip"]:
        return fbexport.write_zip(root.with_suffix(".zip"), files)
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


# ------------------------------------------------------------------------ accounting

_INDEX = re.compile(r"^\$\.(\w+)\[(\d+)\]")
#: Errors that stand for a whole file (unreadable, or not the expected shape): the
#: participants list is not one, the messages are read without it.
_FILE_LEVEL = re.compile(r"^(|\$|\$\.(?!participants$)\w+|line \d+, column \d+)$")


def _category(event: Any) -> str:
    if isinstance(event, ContactRequest):
        return "received" if event.direction is Direction.INCOMING else "sent"
    assert isinstance(event, RequestResolved)
    return "rejected" if event.outcome is Outcome.DECLINED else "friends"


def _account(export: dict[str, Any], root: Path, events: list[Any],
             errors: list[InputError]) -> None:
    """Every entry and message is an event, an error at its path, or a notice."""
    by_file: dict[str, list[InputError]] = {}
    for err in errors:
        by_file.setdefault(err.source, []).append(err)

    def errors_of(rel: str) -> tuple[bool, set[int]]:
        source = f"{root}!{rel}" if export["zip"] else str(root / rel)
        found = by_file.get(source, [])
        whole = any(_FILE_LEVEL.match(e.location) for e in found)
        indices = {int(m.group(2)) for e in found if (m := _INDEX.match(e.location))
                   and m.group(1) != "participants"}
        return whole, indices

    spec = fbexport.LAYOUTS[export["layout"]]
    made = Counter(_category(e) for e in events if not isinstance(e, Message))
    for cat in ("friends", "received", "sent", "rejected"):
        entries = export["friends"][cat]
        whole, bad = errors_of(spec[cat][0])
        if whole or not isinstance(entries, list):
            assert made[cat] == 0, cat
            continue
        assert bad <= set(range(len(entries))), (cat, bad)
        assert made[cat] == len(entries) - len(bad), (cat, made[cat], len(entries), bad)
    prefix = fbexport.MESSAGE_PREFIX[export["layout"]]
    per_thread = Counter(e.thread for e in events if isinstance(e, Message))
    for key, (folder, pages) in export["threads"].items():
        expected = 0
        for number, page in enumerate(pages, start=1):
            whole, bad = errors_of(f"{prefix}messages/{folder}/{key}/message_{number}.json")
            msgs = page.get("messages") if isinstance(page, dict) else None
            if whole or not isinstance(msgs, list):
                continue
            assert bad <= set(range(len(msgs))), (key, bad)
            expected += sum(1 for i, m in enumerate(msgs) if i not in bad
                            and not (isinstance(m, dict) and m.get("type") in _NOTICES))
        assert per_thread["fb:t:" + _digest(key)] == expected, (key, per_thread, expected)


# ------------------------------------------------------------------------ the property


@FUZZ
@given(export=exports())
def test_fuzzed_export_never_crashes_and_accounts_for_every_record(tmp_path_factory, engine,
                                                                    export):
    root = tmp_path_factory.mktemp("fuzz") / f"facebook-{uuid.uuid4().hex[:8]}"
    path = _write(root, export)
    assert FACEBOOK_EXPORT.detect(path)
    items = list(read_paths([path], {"facebook": FACEBOOK_EXPORT}, ImportOptions(),
                            format="facebook"))
    events, errors = check_import(items, engine, source=str(path),
                                  secrets=long_strings(export["bad"]), located="$")
    _account(export, path, events, errors)


@pytest.mark.parametrize("value", ["x" * 200, "Jürgen " * 40])
def test_long_keys_and_values_are_quoted_elided(tmp_path, engine, value):
    export = {"layout": "2022", "zip": False, "profile": False, "bad": [value],
              "friends": {c: [dict(e) for e in _BASE[c]] for c in _CATEGORIES},
              "threads": {}}
    export["friends"]["sent"] = Whole({value: 1})
    export["friends"]["received"] = [{"name": value, "timestamp": value}]
    path = _write(tmp_path / "fb", export)
    items = list(FACEBOOK_EXPORT.read(path, ImportOptions()))
    _, errors = check_import(items, engine, source=str(path), secrets=[value], located="$")
    assert len(errors) == 2 and any("…" in e.reason for e in errors)
