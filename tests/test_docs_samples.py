"""The sample outputs in the docs are what the tool prints (``tests/docs_samples.py``):
every ``<!-- sample: knigge … -->`` block is run and compared, so they cannot drift."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import docs_samples  # noqa: E402

WITH_SAMPLES = [p for p in docs_samples.PAGES if list(docs_samples.samples(p))]


def test_the_pages_with_sample_output_have_markers():
    names = {p.name for p in WITH_SAMPLES}
    assert {"quickstart.md", "cli.md"} <= names
    # No text block that looks like knigge's output goes unchecked on those pages.
    for page in WITH_SAMPLES:
        text = page.read_text(encoding="utf-8")
        assert text.count("```text") == len(list(docs_samples.samples(page))), page.name


@pytest.mark.parametrize("page", WITH_SAMPLES, ids=lambda p: p.name)
def test_documented_output_is_what_the_tool_prints(page: Path):
    wrong = docs_samples.check(page)
    assert not wrong, "\n\n".join(
        f"{page.name}: `{command}` prints\n{produced}\n\nbut the page shows\n{documented}\n"
        "(run `python tests/docs_samples.py --write` after a deliberate change)"
        for command, documented, produced in wrong)


def test_a_drifted_sample_is_caught_and_rewritten(tmp_path: Path):
    page = tmp_path / "page.md"
    page.write_text("Intro\n\n<!-- sample: knigge check examples/inbox.jsonl | head -n 1 -->\n"
                    "```text\nSummary: 12 events read\n```\n", encoding="utf-8")
    (_command, documented, produced), = docs_samples.check(page)
    assert documented == "Summary: 12 events read"
    assert produced.startswith("Summary: 13 events read, 13 assessed, 0 rejected")
    assert docs_samples.write(page) == 1 and not docs_samples.check(page)
    assert page.read_text(encoding="utf-8").startswith("Intro\n\n<!-- sample: ")
