"""Fuzz target: the policy loader and what a loaded policy does to the engine.

Properties, for any TOML document over the policy's keys (right and wrong keys, every
TOML type in every place, real rule codes, names and options) and for any byte-level
damage of a real policy file: building an engine from it raises ``PolicyError`` naming
the file — nothing else — or gives an engine whose rules do not crash (no KE001) on the
bundled example inbox, now and in follow-through."""

from __future__ import annotations

import datetime as dt
import random

import attrs
import tomli_w
from fuzzkit import FUZZ, ROOT, SEED_EVENTS, count
from hypothesis import given
from hypothesis import strategies as st

from knigge_engine import Engine, PolicyError
from knigge_engine.history import InMemoryHistory
from knigge_engine.model import event_from_dict
from knigge_engine.policy import HistoryPolicy, PlatformPolicy, Suppression, Thresholds
from knigge_engine.presets import PRESETS

BASE = Engine()
CODES = sorted(BASE.rules)
NAMES = sorted(r.name for r in BASE.rules.values())
OPTIONS = sorted({f.name for r in BASE.rules.values() if r.options and attrs.has(r.options)
                  for f in attrs.fields(r.options)})
PLATFORMS = sorted(BASE.platforms)
PROFILE_KEYS = ["id", "name", "premium", "contact_count", "headline", "company", "degree",
                "groups", "recruiter", "seniority"]
EVENTS = [event_from_dict(e) for e in SEED_EVENTS]

_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
_scalar = st.one_of(
    st.booleans(), st.integers(-(2**63), 2**63 - 1), st.sampled_from([0, 1, -1, 3, 30, 300]),
    st.floats(allow_nan=True, allow_infinity=True), _text,
    st.sampled_from(["KN104", "kn204", "KN1", "ALL", "note-too-long", "de", "en", "auto",
                     "sie", "du", "info", "warning", "error", "2026-12-31", "default",
                     "selective", "open", "linkedin", "xing", "linkdin", ""]),
    st.dates(), st.datetimes(timezones=st.just(dt.UTC)),
)
value = st.recursive(_scalar, lambda inner: st.lists(inner, max_size=3)
                     | st.dictionaries(_text, inner, max_size=3), max_leaves=6)


def table(keys: list[str]) -> st.SearchStrategy[dict]:
    return st.dictionaries(st.sampled_from(keys) | _text, value, max_size=4)


rule_key = st.sampled_from(CODES + NAMES + ["KN999", "kn104", "no-such-rule"])
rule_table = st.dictionaries(st.sampled_from(["enabled", "severity", "weight", *OPTIONS]),
                             value, max_size=4)
documents = st.fixed_dictionaries({}, optional={
    "extends": st.sampled_from([*PRESETS, "nope", "parent.toml", "../x.toml"]) | value,
    "locale": value, "strict": value, "select": value, "ignore": value,
    "extend_select": st.lists(rule_key, max_size=3) | value,
    "extend_ignore": st.lists(rule_key, max_size=3) | value,
    "owner": table(PROFILE_KEYS) | value,
    "thresholds": table([f.name for f in attrs.fields(Thresholds)]) | value,
    "rules": st.dictionaries(rule_key, rule_table | value, max_size=4) | value,
    "platforms": st.dictionaries(
        st.sampled_from([*PLATFORMS, "linkdin", "generic"]),
        table([f.name for f in attrs.fields(PlatformPolicy)]) | st.fixed_dictionaries(
            {"rules": st.dictionaries(rule_key, rule_table, max_size=2)}), max_size=3)
        | value,
    "replies": st.dictionaries(st.sampled_from(["de", "en", "fr"]),
                               table(["accept", "decline", "ask_reason"]) | value,
                               max_size=2) | value,
    "history": table([f.name for f in attrs.fields(HistoryPolicy)]) | value,
    "horizon_days": value,
    "plugins": table(["disable"]) | value,
    "suppress": st.lists(table([f.name for f in attrs.fields(Suppression)]), max_size=3)
    | value,
})


def judge(path) -> None:
    try:
        engine = Engine(policy=path)
    except PolicyError as exc:
        assert str(path) in str(exc), str(exc)[:200]
        assert len(str(exc)) < 4000
        return
    for event in EVENTS:
        assessment = engine.evaluate(event)
        assert not [f for f in assessment.findings if f.code == "KE001"], \
            [f.evidence for f in assessment.findings if f.code == "KE001"]
    history = InMemoryHistory(EVENTS)
    items = engine.due(dt.datetime(2027, 1, 15, tzinfo=dt.UTC), history)
    assert not [i for i in items if i.code == "KE001"], [i for i in items if i.code == "KE001"]


@FUZZ
@given(documents)
def test_any_policy_document(tmp_path_factory, document):
    path = tmp_path_factory.mktemp("policy") / "knigge.toml"
    try:
        text = tomli_w.dumps(document)
    except (TypeError, ValueError):
        return  # not writable as TOML (tomli_w refuses it): not an input
    path.write_text(text, encoding="utf-8")
    judge(path)
    count("policy documents")


REAL = [(ROOT / "examples" / "knigge.toml").read_bytes(),
        tomli_w.dumps(BASE.policy.to_dict()).encode()]


@FUZZ
@given(st.integers(0, 2**32 - 1))
def test_damaged_policy_bytes(tmp_path_factory, seed):
    rng = random.Random(seed)
    data = bytearray(rng.choice(REAL))
    for _ in range(rng.randint(1, 6)):
        roll = rng.random()
        at = rng.randrange(len(data) + 1)
        if roll < 0.4 and data:
            data[min(at, len(data) - 1)] = rng.randrange(256)
        elif roll < 0.7:
            data[at:at] = rng.choice([b"[", b"]", b"=", b'"', b"\n", b"\xff", b"[[suppress]]\n",
                                      b"[rules.KN104]\nmax_words = -5\n", b"1e999",
                                      b"[owner]\npremium = \"yes\"\n", b"\\u0000"])
        else:
            del data[at:at + rng.randint(1, 20)]
    path = tmp_path_factory.mktemp("policy") / "knigge.toml"
    path.write_bytes(bytes(data))
    judge(path)
    count("policy files (damaged bytes)")
