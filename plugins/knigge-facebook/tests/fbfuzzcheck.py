"""What every fuzzed import must satisfy, whatever the input: only events and
:class:`InputError` s come out, errors name a file of the export and quote no more than 40
characters of any value, and every event and error goes through the project's own JSON
output (``knigge check --format json``) and the history's JSON encoding."""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Sequence
from typing import Any

import orjson
from hypothesis import HealthCheck, settings
from knigge_engine import Engine
from knigge_engine.io import InputError, Located
from knigge_engine.io.base import Summary
from knigge_engine.io.reporters import JSON
from knigge_engine.model import event_to_dict

#: Examples per fuzz test: small by default so the suite stays fast; raise it for a long
#: run (``KNIGGE_FUZZ_EXAMPLES=100000``, see docs/reliability.md).
MAX_EXAMPLES = int(os.environ.get("KNIGGE_FUZZ_EXAMPLES", "30"))
FUZZ = settings(max_examples=MAX_EXAMPLES, deadline=None, print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.large_base_example,
                                       HealthCheck.function_scoped_fixture])
#: Lone surrogates: half a UTF-16 pair, valid in a JSON escape but no character.
SURROGATES = ("\ud800", "\udbff", "\udc00", "\udfff")
#: How much of a value an error may quote.
EXCERPT = 40


def long_strings(values: Iterable[Any]) -> list[str]:
    """Every string longer than :data:`EXCERPT` in ``values`` (recursively, keys too)."""
    out: list[str] = []
    stack = list(values)
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            if len(v) > EXCERPT:
                out.append(v)
        elif isinstance(v, dict):
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, (list, tuple)):
            stack.extend(v)
    return out


def check_items(items: Sequence[Any], engine: Engine, sources: str,
                secrets: Sequence[str]) -> tuple[list[Any], list[InputError]]:
    """The properties every import must have; returns (events, errors)."""
    # From the importer, every event comes located (the file and the entry's JSON
    # path); read_paths unwraps them.
    for i in items:
        if isinstance(i, Located):
            assert i.source.startswith(sources) and i.location.startswith("$"), i
    events = [i.event if isinstance(i, Located) else i for i in items
              if not isinstance(i, InputError)]
    errors = [i for i in items if isinstance(i, InputError)]
    for e in events:
        assert hasattr(e, "kind"), f"neither event nor error: {e!r}"
    for err in errors:
        assert err.source.startswith(sources), err
        assert len(err.reason) <= 300, err.reason
        for secret in secrets:
            for i in range(len(secret) - EXCERPT):
                assert secret[i:i + EXCERPT + 1] not in err.reason, (err.reason, secret)
    # The history's encoding of every event (knigge check records a run history).
    for e in events:
        orjson.dumps(event_to_dict(e), option=orjson.OPT_SORT_KEYS)
    # knigge check --format json: assessments, then the errors and the summary.
    out = io.StringIO()
    writer = JSON.open(out, "en")
    for e in events:
        writer.assessment(engine.evaluate(e), e)
    for err in errors:
        writer.error(err)
    writer.close(Summary(read=len(items), assessed=len(events), rejected=len(errors)))
    doc = orjson.loads(out.getvalue())
    assert len(doc["assessments"]) == len(events)
    assert len(doc["errors"]) == len(errors)
    return events, errors
