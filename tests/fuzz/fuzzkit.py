"""Shared pieces of the fuzzing harness (``nox -s fuzz``, docs/reliability.md).

The targets in this folder are ordinary Hypothesis tests: a handful of examples each in
the normal test run (so every property stays a regression test), thousands when
``KNIGGE_FUZZ_EXAMPLES`` says so (``tests/fuzz/run.py`` sets it from ``--budget``).

The strategies start from realistic events (the bundled example inbox: German and
English requests and messages on every platform) and change one to four values at any
key path into hostile ones: every JSON type, texts with lone surrogates, control and
bidirectional characters, integers beyond 64 bits, non-finite floats, nesting far beyond
any real export, out-of-range times and very long strings.
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

# How much of a value an error may quote, and the long strings of a value: the same
# checks importer plugins use (DESIGN.md, bad input).
from knigge_engine.testing import EXCERPT, long_strings  # noqa: F401 - used by the tests

ROOT = Path(__file__).resolve().parents[2]

#: Examples per target: small by default so the suite stays fast.
MAX_EXAMPLES = int(os.environ.get("KNIGGE_FUZZ_EXAMPLES", "25"))
# No explain phase: it traces every line of a failing example, which took minutes
# (and once crashed) on a large fuzzed policy, so a failure looked like a hang.
FUZZ = settings(max_examples=MAX_EXAMPLES, deadline=None, print_blob=True,
                database=None, phases=[p for p in Phase if p is not Phase.explain],
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.large_base_example,
                                       HealthCheck.filter_too_much,
                                       HealthCheck.function_scoped_fixture])

SEED_EVENTS: list[dict[str, Any]] = [
    json.loads(line)
    for line in (ROOT / "examples" / "inbox.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip()
]

SURROGATES = ("\ud800", "\udbff", "\udc00", "\udfff")

hostile_text = st.one_of(
    st.text(max_size=60),
    st.sampled_from([
        "", " ", "\u202eevil\u202c", "<script>alert(1)</script>", "\x00\x01\x1b[31m",
        "İstanbul ǅ ß ﬁ", "Hallo\u00a0Frau\u2009Berg", "\ufeffHallo", "🎉" * 50,
        "Sehr geehrte Frau Müller, ich bin Jana.", "Hi Priya, I'm a PM at Acme.",
        " " * 5000 + "Hallo", "a" * 3000, "\n" * 500, "Dr. " * 400,
        "2026-11-02T09:15:00+01:00", "1970-01-01T00:00:00Z", "9999-12-31T23:59:59+14:00",
        "0001-01-01T00:00:00-23:59", "2026-02-30T10:00:00Z", "2026-11-02T09:15:00",
        "NaN", "1e400", "-0", "null", "true", "{}", "[]",
    ]),
    st.tuples(st.text(max_size=10), st.sampled_from(SURROGATES),
              st.text(max_size=10)).map("".join),
)

hostile_int = st.one_of(
    st.integers(-10, 10_000),
    st.sampled_from([2**31, 2**53 + 1, 2**63 - 1, 2**63, 2**64, -(2**63) - 1, 10**30,
                     10**400]),
    st.integers(),
)

hostile_float = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([float("nan"), float("inf"), -float("inf"), 1e308, 5e-324, -0.0]),
)

json_leaf = st.one_of(st.none(), st.booleans(), hostile_int, hostile_float, hostile_text)


def _deep(depth: int, leaf: Any = 1) -> Any:
    value: Any = leaf
    for i in range(depth):
        value = [value] if i % 2 else {"k": value}
    return value


json_values = st.one_of(
    st.recursive(json_leaf, lambda inner: st.lists(inner, max_size=4)
                 | st.dictionaries(st.one_of(st.text(max_size=8), st.sampled_from(
                     ["id", "name", "note", "text", "kind", "at", "\ud800"])), inner,
                     max_size=4), max_leaves=8),
    st.integers(20, 1200).map(_deep),
)


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterable[tuple[Any, ...]]:
    """Every key path in ``value`` down to 12 levels (the root is ``()``)."""
    yield prefix
    if len(prefix) >= 12:
        return
    if isinstance(value, dict):
        for k, v in value.items():
            yield from paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from paths(v, (*prefix, i))


def _set(root: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = root
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return root


def _delete(root: Any, path: tuple[Any, ...]) -> Any:
    if not path:
        return root
    parent = root
    for key in path[:-1]:
        parent = parent[key]
    del parent[path[-1]]
    return root


@st.composite
def mutated_events(draw: st.DrawFn, *, max_changes: int = 4) -> Any:
    """A seed event with one to ``max_changes`` values replaced, deleted or added."""
    event = copy.deepcopy(draw(st.sampled_from(SEED_EVENTS)))
    for _ in range(draw(st.integers(1, max_changes))):
        candidates = list(paths(event))
        where = draw(st.sampled_from(candidates))
        how = draw(st.sampled_from(["replace", "replace", "delete", "add"]))
        if how == "replace":
            event = _set(event, where, draw(json_values))
        elif how == "delete" and where:
            event = _delete(event, where)
        else:
            target = event
            for key in where:
                target = target[key]
            if isinstance(target, dict):
                target[draw(st.sampled_from(["extra", "subject", "context", "note", "at",
                                             "outcome", "viewer", "\ud800x"]))] = \
                    draw(json_values)
    return event


def assert_no_long_quote(message: str, secrets: Iterable[str]) -> None:
    """``message`` quotes no run of more than :data:`EXCERPT` characters of a secret
    (checked on a sample of windows: every 7th start, enough to catch a full echo)."""
    for secret in secrets:
        if secret.isspace() or len(set(secret)) == 1:
            continue  # a run of one character proves nothing about echoing
        for i in range(0, len(secret) - EXCERPT, 7):
            assert secret[i:i + EXCERPT + 1] not in message, (message[:200], secret[:80])


def to_jsonl_line(value: Any) -> bytes:
    """``value`` as one JSONL line: stdlib json with ASCII escapes, so lone surrogates,
    NaN and huge integers are written as a lenient producer would."""
    try:
        return json.dumps(value, ensure_ascii=True).encode("ascii")
    except (ValueError, RecursionError):
        return b'{"kind": "unwritable"}'


#: Records checked per target in this process (a record is one event, line, row or
#: file, as each target says); ``conftest.py`` writes them to ``$KNIGGE_FUZZ_COUNTS``.
COUNTS: dict[str, int] = {}


def count(target: str, records: int = 1) -> None:
    """Add ``records`` checked inputs to ``target``'s tally."""
    COUNTS[target] = COUNTS.get(target, 0) + records
