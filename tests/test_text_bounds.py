"""Bounded text analysis (issue: hardening): a note longer than ``ANALYSIS_LIMIT`` is read
from its first non-blank character for that many characters, with evidence offsets into
the whole text; the verdicts on huge inputs of every adversarial shape are the verdicts on
their window. Behaviour only: the time per shape is measured in ``benchmarks/run.py``
section g, never asserted here."""

from __future__ import annotations

import sys
from pathlib import Path

import attrs
import pytest

from knigge_engine import Engine
from knigge_engine.replies import first_name
from knigge_engine.text import ANALYSIS_LIMIT, TextAnalyser

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import adversarial  # noqa: E402

NOTE = ("Guten Tag Frau Berg, wir haben uns beim IHK-Vortrag in Hamburg über Lieferketten "
        "unterhalten. Ich würde mich freuen, wenn wir in Kontakt bleiben. Viele Grüße, "
        "Max Beispiel")


@pytest.fixture(scope="module")
def analyse():
    return TextAnalyser()


def test_a_short_text_is_read_whole(analyse):
    a = analyse(NOTE)
    assert not a.truncated and a.chars == len(NOTE)


def test_leading_blanks_do_not_hide_the_note_and_offsets_point_into_the_text(analyse):
    pad = " \n\t" * 10_000  # 30,000 blank characters before the note
    text = pad + NOTE + " Wir sprechen über Lieferketten." * (ANALYSIS_LIMIT // 20)
    a = analyse(text)
    b = analyse(NOTE)
    assert a.truncated and a.chars == len(text) and not a.blank
    assert a.greeting is not None and b.greeting is not None
    g_text, g_start, g_end = a.greeting
    assert text[g_start:g_end] == g_text == b.greeting[0]
    assert g_start == len(pad) + b.greeting[1]
    for ev in (*a.reasons, *a.shared, *a.sie_markers):
        assert text[ev[1]:ev[2]] == ev[0]
    assert a.language == b.language == "de"


def test_the_window_is_what_is_read(analyse):
    # A sales phrase beyond the window is not evidence; one inside it is.
    filler = "Wir sprechen über Lieferketten und Logistik. " * (ANALYSIS_LIMIT // 40)
    inside = analyse("Kostenlose Potenzialanalyse! " + filler)
    beyond = analyse(filler + "Kostenlose Potenzialanalyse!")
    assert inside.truncated and beyond.truncated
    assert inside.sales_phrases and not beyond.sales_phrases


def test_whitespace_only_stays_blank_at_any_length(analyse):
    a = analyse(" " * (3 * ANALYSIS_LIMIT))
    assert a.blank and a.words == 0


def _shift(analysis, offset):
    """The window's analysis with evidence offsets moved by ``offset`` (by hand, so the
    test does not reuse the code it checks)."""
    one = {n: (e[0], e[1] + offset, e[2] + offset)
           for n in ("greeting", "self_introduction")
           if (e := getattr(analysis, n)) is not None}
    many = {n: tuple((t, a + offset, b + offset) for t, a, b in getattr(analysis, n))
            for n in ("sie_markers", "du_markers", "reasons", "shared", "asks", "offers",
                      "sales_phrases")}
    return attrs.evolve(analysis, **one, **many)


@pytest.mark.parametrize(("name", "text"), list(adversarial.shapes(3 * ANALYSIS_LIMIT)))
def test_each_adversarial_shape_is_judged_as_its_window(analyse, name, text):
    a = analyse(text)
    if text.isspace():
        assert a.blank and a.words == 0
        return
    start = len(text) - len(text.lstrip())
    window = analyse(text[start:start + ANALYSIS_LIMIT])
    assert a.truncated and a.chars == len(text)
    expected = attrs.evolve(_shift(window, start), chars=len(text), truncated=True)
    assert a == expected


def test_a_huge_note_gets_the_verdict_of_its_window():
    engine = Engine()
    huge = adversarial.event(NOTE + " " + "Lieferketten " * 200_000)
    window = adversarial.event(NOTE + " " + "Lieferketten " * 200_000)
    window["note"] = window["note"][:ANALYSIS_LIMIT]
    a, b = engine.evaluate(huge), engine.evaluate(window)
    assert a.action == b.action
    assert [f.code for f in a.findings] == [f.code for f in b.findings]


def test_first_name_reads_a_bounded_prefix():
    assert first_name("Prof. Dr. Anna Berg") == "Anna"
    assert first_name("Dr. " * 100_000 + "Anna") is None  # no name among the first words
    assert first_name("Herr " + "Weiß " * 1) is None
    assert first_name("Anna " + "x " * 500_000) == "Anna"


def test_a_pitch_with_a_price_beyond_the_window_gets_the_verdict_of_its_window():
    # KN108 looks for a price in a pitch only where the analysis read: a price at
    # character 900,000 is no evidence (and a long row of "1," costs linear time).
    engine = Engine()
    pitch = "Hallo, wir helfen Unternehmen mit Ergebnisse garantiert. "
    far = adversarial.event(pitch + "1, " * 300_000 + "197 €")
    near = adversarial.event(pitch + "Paketpreis 197 €")
    for event in (far, near):  # outgoing: KN108 coaches the sender
        event.update(direction="outgoing", sender={"id": "me"},
                     recipient={"id": "u-1", "name": "Max Beispiel"})
    assert "KN108" not in {f.code for f in engine.evaluate(far).findings}
    assert "KN108" in {f.code for f in engine.evaluate(near).findings}
