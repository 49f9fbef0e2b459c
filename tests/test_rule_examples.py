"""Every installed rule's bad examples must make it fire and its good examples must not
(pylint's good/bad pairs, over the whole catalog of every installed plugin)."""

from __future__ import annotations

import pytest

from knigge_engine import Engine
from knigge_engine.testing import check_example, example_cases

CASES = example_cases()


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_example(case):
    check_example(case)


def test_every_rule_has_examples_of_both_kinds():
    engine = Engine()
    for rule in engine.rules.values():
        assert rule.bad, f"{rule.code} has no bad example"
        assert rule.good, f"{rule.code} has no good example"


def test_catalog_covers_the_builtin_codes():
    engine = Engine()
    expected = {f"KN{n}" for n in (*range(101, 110), 111, *range(201, 208))}
    assert expected <= set(engine.rules)
