"""Every FB rule's bad example fires and its good example stays silent (pylint style)."""

from __future__ import annotations

import pytest
from knigge_engine.testing import check_example, example_cases

from knigge_facebook import plugin

CASES = example_cases(plugins=[("facebook", plugin)], entry_points=False,
                      codes=[r.code for r in plugin.RULES])


def test_every_fb_rule_has_examples() -> None:
    codes = {case.rule.code for case in CASES}
    assert codes == {"FB401", "FB402", "FB403"}


@pytest.mark.parametrize("case", CASES, ids=str)
def test_example(case) -> None:
    check_example(case)
