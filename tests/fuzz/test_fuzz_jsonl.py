"""Fuzz target: the JSONL reader, the engine and the JSON report, end to end.

Properties, for any file of lines (valid events, mutated events, invalid JSON, bytes
that are no UTF-8, a byte-order mark, blank lines): every non-blank line is answered
exactly once — an event or an error naming the file and its line — in order; no rule
crashes on an event the reader accepted; every error quotes at most 40 characters of
a value; the ``--format json`` report of it all parses and counts the same.

``test_jsonl_stream`` is the volume target: a seeded mutator (plain ``random``, much
cheaper per record than a Hypothesis draw) writes 300 lines per example, so a budget
of 3,400 examples checks about a million records.
"""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import orjson
from fuzzkit import (
    FUZZ,
    SEED_EVENTS,
    assert_no_long_quote,
    count,
    json_values,
    mutated_events,
    to_jsonl_line,
)
from hypothesis import given
from hypothesis import strategies as st

from knigge_engine import Engine
from knigge_engine.io import InputError, Located, collect_importers, read_paths
from knigge_engine.io.base import Summary
from knigge_engine.io.reporters import JSON

ENGINE = Engine()
IMPORTERS = collect_importers(ENGINE.plugins)

lines = st.one_of(
    st.sampled_from(SEED_EVENTS).map(to_jsonl_line),
    mutated_events().map(to_jsonl_line),
    json_values.map(to_jsonl_line),
    st.binary(max_size=80).map(lambda b: b.replace(b"\n", b" ")),
    st.text(max_size=80).map(lambda t: t.replace("\n", " ").encode("utf-8", "surrogatepass")),
    st.sampled_from([b"", b"   ", b"\t", b"{", b"}", b"[1, 2]", b"\xef\xbb\xbf{}",
                     b'{"kind": "message"', b"\x00" * 10, b"\xff\xfe{", b"NaN"]),
)


def check_file(path: Path, raw_lines: list[bytes], target: str) -> None:
    expected = [n for n, line in enumerate(raw_lines, start=1)
                if (line[3:] if n == 1 and line.startswith(b"\xef\xbb\xbf") else line).strip()]
    items = list(read_paths([path], IMPORTERS, located=True))
    assert len(items) == len(expected), (len(items), len(expected))
    out = io.StringIO()
    writer = JSON.open(out, "en")
    events = errors = 0
    for number, item in zip(expected, items, strict=True):
        if isinstance(item, InputError):
            assert item.source == str(path)
            assert item.location == f"line {number}", (item.location, number)
            assert len(item.reason) <= 400
            # An error's reason may only quote its own line (40 characters at most).
            assert_no_long_quote(item.reason, [raw_lines[number - 1].decode("utf-8",
                                                                             "replace")])
            writer.error(item)
            errors += 1
        else:
            assert isinstance(item, Located)
            assert item.location == f"line {number}"
            assessment = ENGINE.evaluate(item.event, source=f"{path}:{item.location}")
            assert not [f for f in assessment.findings if f.code == "KE001"]
            writer.assessment(assessment, item.event)
            events += 1
    writer.close(Summary(read=len(items), assessed=events, rejected=errors))
    doc = orjson.loads(out.getvalue())
    assert len(doc["assessments"]) == events
    assert len(doc["errors"]) == errors
    count(target, len(expected))


@FUZZ
@given(st.lists(lines, min_size=1, max_size=40), st.booleans())
def test_jsonl_file(tmp_path_factory, raw_lines, bom):
    if bom:
        raw_lines[0] = b"\xef\xbb\xbf" + raw_lines[0]
    path = tmp_path_factory.mktemp("jsonl") / "in.jsonl"
    path.write_bytes(b"\n".join(raw_lines) + b"\n")
    check_file(path, raw_lines, "jsonl (Hypothesis lines)")


_HOSTILE = [None, True, 0, -1, 2**63, 2**64, 10**30, 1.5, float("nan"), "", " ",
            "\ud800", "x" * 500, "Hallo\u202e", "2026-13-01T00:00:00Z", "2026-11-02T09:15:00",
            "1970-01-01T00:00:00+00:00", [], {}, [1, [2, [3]]], {"a": {"b": {"c": 1}}},
            "incoming", "outgoing", "accepted", "linkedin", "xing", "facebook", "linkdin",
            "contact_request", "message", "request_resolved", "profile_view"]


def _mutate(rng: random.Random, event: dict) -> dict:
    event = json.loads(json.dumps(event))
    for _ in range(rng.randint(0, 3)):
        holder = event
        if rng.random() < 0.4:
            for key in ("sender", "recipient"):
                if isinstance(event.get(key), dict) and rng.random() < 0.5:
                    holder = event[key]
                    break
        if not holder:
            continue
        key = rng.choice(list(holder))
        roll = rng.random()
        if roll < 0.15:
            del holder[key]
        elif roll < 0.25:
            holder[f"x{rng.randint(0, 9)}"] = rng.choice(_HOSTILE)
        elif roll < 0.4 and isinstance(holder[key], str):
            text = holder[key]
            cut = rng.randint(0, len(text))
            holder[key] = text[:cut] + rng.choice(["\ud800", "\u202e", "\x00", "🎉",
                                                   " " * 100, "ß"]) + text[cut:]
        else:
            holder[key] = rng.choice(_HOSTILE)
    return event


@FUZZ
@given(st.integers(0, 2**32 - 1))
def test_jsonl_stream(tmp_path_factory, seed):
    rng = random.Random(seed)
    raw_lines = []
    for _ in range(300):
        roll = rng.random()
        if roll < 0.9:
            raw_lines.append(to_jsonl_line(_mutate(rng, rng.choice(SEED_EVENTS))))
        elif roll < 0.95:
            line = to_jsonl_line(rng.choice(SEED_EVENTS))
            cut = rng.randint(0, len(line))
            raw_lines.append(line[:cut] + bytes([rng.randint(0, 255)]).replace(b"\n", b"")
                             + line[cut + 1:])
        else:
            raw_lines.append(rng.choice([b"", b"  ", b"{}", b"\xff", b"[]"]))
    path = tmp_path_factory.mktemp("stream") / "in.jsonl"
    path.write_bytes(b"\n".join(raw_lines) + b"\n")
    check_file(path, raw_lines, "jsonl (seeded mutator, records)")
