"""The bracket scan that cuts over-deep JSON (issue 13 point 4, regex audit): linear on
any text, and the same tokens as before on JSON text."""

from __future__ import annotations

import json
import re

import pytest
from knigge_engine.io import ImportOptions, InputError, read_paths

import fbexport
from knigge_facebook.importer import _JSON_TOKEN, _MAX_DEPTH, FACEBOOK_EXPORT, _cut_deep

# The pattern before the audit: an unterminated string failed at its quote and the
# scan was retried at every later quote (quadratic for `"\"\"\"…`).
_OLD = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')

_KEY = "samcarter_x9y8z7"
_MSG = f"your_activity_across_facebook/messages/inbox/{_KEY}/message_1.json"


@pytest.mark.parametrize("doc", [
    {"participants": [{"name": "Sam Carter"}], "title": "Sam [Büro] {Köln}"},
    {"messages": [{"content": 'Sie schrieb: "Hallo [Anna]" \\ und {ging}'},
                  {"content": "Zeile eins\nZeile zwei ]]]"}]},
    [[[["\u00e4\u00f6\u00fc\\\"", "\t", "\\u00e9"]]], {"a": ["{", "}"]}],
])
def test_tokens_of_json_text_are_unchanged(doc) -> None:
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    assert [m.group() for m in _JSON_TOKEN.finditer(text)] == \
        [m.group() for m in _OLD.finditer(text)]


@pytest.mark.parametrize("tail", ['"' + '\\"' * 5, '"abc\\', '"a\\\n[b', '"[[[{'])
def test_an_unterminated_string_runs_to_the_end_as_one_token(tail) -> None:
    tokens = [m.group() for m in _JSON_TOKEN.finditer("[[" + tail)]
    assert tokens == ["[", "[", tail]


def test_cut_deep_still_cuts_below_the_limit_only() -> None:
    deep = "[" * (_MAX_DEPTH + 3) + '"x]"' + "]" * (_MAX_DEPTH + 3)
    text = '{"a": "[[", "b": ' + deep + ',\n"c": 1}'
    data = json.loads(_cut_deep(text))
    assert data["a"] == "[[" and data["c"] == 1
    inner = data["b"]  # level 2 (the object is level 1)
    for _ in range(_MAX_DEPTH - 2):
        inner = inner[0]
    assert isinstance(inner, list) and isinstance(inner[0], str)  # level 65 is cut


def test_deep_thread_with_an_unterminated_escaped_string_is_one_error(tmp_path) -> None:
    # Before the fix the scan took seconds here (minutes at 100,000 characters).
    fbexport.write_export(tmp_path)
    (tmp_path / _MSG).write_text("[" * 2000 + '"' + '\\"' * 20_000, encoding="utf-8")
    items = list(read_paths([tmp_path], {"facebook": FACEBOOK_EXPORT}, ImportOptions()))
    errors = [i for i in items if isinstance(i, InputError)]
    assert [e.source.endswith("message_1.json") for e in errors] == [True]
    assert len(errors[0].reason) < 200
    assert any(not isinstance(i, InputError) for i in items)  # the rest is imported
