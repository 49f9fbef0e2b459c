"""Regex audit (issue 13 point 4): the reads bounded for linear cost keep their results
on realistic German and English texts, and hostile lengths get the same answers as
short texts (behaviour only, never time; timings are in benchmarks/adversarial.py)."""

from __future__ import annotations

import re

import pytest

from knigge_engine import Engine, policy_from_dict
from knigge_engine import say as _say
from knigge_engine.testing import assert_fires, make_event
from knigge_engine.text import ANALYSIS_LIMIT, analyse, reason_question

_WORD = re.compile(r"\S+")
_ENDS = (".", "!", "?", "…")


def _old_context(text: str, start: int, end: int, words: int = 4) -> str:
    """say.context before the audit (whole-text scans), as the reference."""
    before = list(_WORD.finditer(text, 0, start))[-words:] if words else []
    after = list(_WORD.finditer(text, end))[:words] if words else []
    for i in range(len(before) - 1, -1, -1):
        if before[i].group().endswith(_ENDS):
            before = before[i + 1:]
            break
    for i, m in enumerate(after):
        if m.group().endswith(_ENDS):
            after = after[:i + 1]
            break
    first = before[0].start() if before else start
    last = after[-1].end() if after else end
    out = " ".join(text[first:last].split())
    head = text[:first].rstrip()
    if head and not head.endswith(_ENDS):
        out = "… " + out
    if text[last:].strip() and not out.endswith(_ENDS):
        out += " …"
    return out


_TEXTS = [
    "Hallo Herr Nowak, ich bin Tischlerin in Kassel und habe Ihre Küche auf der Messe "
    "gesehen. Ich baue Einbauschränke aus Eiche. Hast du Interesse an einem Austausch?",
    "Hi Clara, we met at the Berlin meetup last week. I run a small agency and would "
    "love to offer you a free audit of your website. Let me know if you are interested!",
    "Guten Tag Frau Roth,\n\nwir kennen uns vom IHK-Vortrag in Hamburg.   Könnten Sie mir "
    "Ihre Folien schicken? Viele Grüße\nMax",
    "  Hey…  kurze Frage: hast du am Dienstag Zeit?  " + "Danke! " * 3,
]


@pytest.mark.parametrize("text", _TEXTS)
def test_context_is_unchanged_on_realistic_texts(text) -> None:
    a = analyse(text)
    spans = [(e[1], e[2]) for e in (*a.sie_markers, *a.du_markers, *a.asks, *a.offers,
                                    *a.reasons, *a.sales_phrases)]
    spans += [(m.start(), m.end()) for m in re.finditer(r"\w+", text)]
    assert spans
    for start, end in spans:
        for words in (0, 1, 4, 8):
            assert _say.context(text, start, end, words) == \
                _old_context(text, start, end, words), (start, end, words)


def test_context_in_a_long_text_reads_a_bounded_window() -> None:
    core = "Können Sie mir sagen, ob du noch Aufträge vergibst"
    start = core.index("du")
    # Words before the span come from the last 1,000 characters only: a word the
    # window cuts is left out rather than quoted in part.
    text = "x" * 5_000 + " a b " + core + " und so weiter " * 70_000
    offset = text.index(core)
    assert _say.context(text, offset + start, offset + start + 2) == \
        "… Sie mir sagen, ob du noch Aufträge vergibst und …"
    huge = "y" * 3_000 + " " + core
    got = _say.context(huge, 3_001 + start, 3_003 + start, words=100)
    assert got == "… " + core  # the 3,000-letter word lies before the window
    assert _old_context(huge, 3_001 + start, 3_003 + start, words=100) == \
        "y" * 3_000 + " " + core  # the documented difference


def test_kn111_quotes_the_same_context_in_a_megabyte_note() -> None:
    engine = Engine(policy_from_dict({"locale": "de"}), entry_points=False, strict=True)
    near = ("Hallo Herr Nowak, ich bin Tischlerin in Kassel. Können Sie mir sagen, ob du "
            "noch Aufträge vergibst?")

    def kn111(note: str) -> str:
        event = make_event("contact_request", "outgoing", note=note,
                           sender={"name": "Jana Schröder", "premium": True},
                           recipient={"name": "Clara Roth"})
        return next(f.message for f in assert_fires(engine, event, "KN111").findings
                    if f.code == "KN111")

    assert kn111(near + " Viele Grüße " * 80_000) == kn111(near + " Viele Grüße")


@pytest.mark.parametrize("text,found", [
    ("Hallo, woher kennen wir uns?", "woher kennen wir uns"),
    ("Hi Jana, have we met? I can't place your name.", "have we met"),
    ("What’s this about?", "What’s this about"),
    ("Thanks for the invite, see you Tuesday.", None),
])
def test_reason_question_after_many_blanks_keeps_its_offsets(text, found) -> None:
    pad = " \n\t" * 200_000
    got = reason_question(pad + text)
    if found is None:
        assert got is None
    else:
        short = reason_question(text)
        assert short is not None and got == (found, short[1] + len(pad), short[2] + len(pad))


def test_reason_question_reads_the_analysis_limit_from_the_first_non_blank() -> None:
    question = "Woher kennen wir uns?"
    inside = "   " + "Text " * ((ANALYSIS_LIMIT - 100) // 5) + question
    assert reason_question(inside) is not None
    beyond = "   " + "Text " * (ANALYSIS_LIMIT // 5) + question
    assert reason_question(beyond) is None  # documented: like the text analysis


@pytest.mark.parametrize("text", [
    *_TEXTS, "", "   ", "Hi Sam 👋", "\n  Hallo Frau Berger,\n", "€€€ " * 40,
    "a\u00a0b\u2003c\n\nd", "Sehr   geehrte\tFrau   Dr. Weiß,  " * 5,
])
def test_word_prefixes_are_the_whole_split_cut(text) -> None:
    for n in (0, 1, 3, 60):
        assert _say.folded_prefix(text, n) == " ".join(text.split())[:n]
        assert _say.first_words(text, n) == " ".join(text.split()[:n])


def _message(note: str, code: str) -> str:
    engine = Engine(policy_from_dict({"locale": "en"}), entry_points=False, strict=True)
    event = make_event("contact_request", "outgoing", note=note,
                       sender={"name": "Jana Schröder", "premium": True},
                       recipient={"name": "Clara Roth"})
    return next(f.message for f in assert_fires(engine, event, code).findings
                if f.code == code)


def test_hollow_and_greetingless_notes_of_a_megabyte_show_the_same_start() -> None:
    # KN101 shows the hollow note folded to 60 characters, KN109 the first three words:
    # both used to split the whole note.
    assert _message("€€€ " * 250_000, "KN101") == _message("€€€ " * 20, "KN101")
    assert "€€€ €€€" in _message("€€€ " * 250_000, "KN101")
    long = ("Ich   baue\nEinbauschränke aus Eiche. "
            + "Ich würde mich über einen Austausch freuen. " * 25_000)
    assert _message(long, "KN109") == _message(long[:2_000], "KN109")
    assert "(“Ich baue Einbauschränke …”)" in _message(long, "KN109")
