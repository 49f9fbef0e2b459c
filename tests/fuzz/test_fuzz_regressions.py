"""Minimal inputs of the crashes and leaks the fuzz targets found, kept as plain tests."""

from __future__ import annotations

import pytest

from knigge_engine import Engine, EventError
from knigge_engine.model import describe

ENGINE = Engine()
BASE = {"kind": "message", "id": "m-1", "platform": "generic", "direction": "incoming",
        "at": "2026-11-02T09:15:00+01:00", "sender": {"id": "u"}, "recipient": {"id": "me"},
        "text": "Hallo"}


def _deep(n: int) -> object:
    value: object = 1
    for _ in range(n):
        value = {"k": [value]}
    return value


@pytest.mark.parametrize("kind", [_deep(67), list(range(5000)), 10**5000, "x" * 5000],
                         ids=["deep", "long list", "5000 digits", "long string"])
def test_an_unknown_kind_is_described_not_echoed(kind):
    # Found by test_fuzz_model: the kind's repr went into the message whole (401+
    # characters for a 67-level object; ValueError for a 5,000-digit integer).
    with pytest.raises(EventError) as err:
        ENGINE.evaluate({**BASE, "kind": kind})
    assert err.value.path == "$.kind"
    assert len(str(err.value)) < 160, str(err.value)


def test_describe_is_bounded_for_any_integer():
    assert describe(10**5000) == "a 16610-bit integer"
    assert describe(2**64) == "a 65-bit integer"
    assert describe(2**63) == repr(2**63)


@pytest.mark.parametrize(("table", "key"), [
    ('premium = "yes"', "owner.premium"),
    ("contact_count = \"viele\"", "owner.contact_count"),
    ("groups = [1]", "owner.groups"),
    ("name = 5", "owner.name"),
    ("contact_count = 18446744073709551615", "owner.contact_count"),
])
def test_a_wrong_typed_owner_value_is_a_policy_error_at_its_key(tmp_path, table, key):
    # Found by test_fuzz_policy: Engine() raised cattrs' ClassValidationError (a
    # traceback from the CLI) for [owner] values of the wrong type.
    from knigge_engine import PolicyError

    path = tmp_path / "knigge.toml"
    path.write_text(f"[owner]\n{table}\n", encoding="utf-8")
    with pytest.raises(PolicyError) as err:
        Engine(policy=path)
    assert err.value.path == key
    assert err.value.source == str(path)
