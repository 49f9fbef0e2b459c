"""One locale registry (issue 14.6): a plugin adds a language through ``knigge_locales``.

The plugin here is real: a class with hook implementations, registered through the
engine's plugin manager like any explicit plugin. It adds French (its own digit
grouping, quotation marks, date format and plural rule) and one rule with a French
message; every built-in rule, which has no French message, must fall back to English
whole (message and numbers alike).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from knigge_engine import (
    Direction,
    Engine,
    Kind,
    PolicyError,
    hookimpl,
    load_policy,
    policy_from_dict,
    rule,
    say,
)
from knigge_engine.locales import BUILTIN, EN, Locale, codes, get, valid_code

NNBSP = "\u202f"  # French digit grouping: a narrow no-break space

FRENCH = Locale(
    code="fr", name="Français", group=NNBSP, date_format="%d/%m/%Y",
    quotes=("«\u00a0", "\u00a0»"), day_words=("jour", "jours", "jours"),
    singular=lambda n: n in (0, 1),
    subjects={"contact_request": "note", "message": "message"})

_IN = {"kind": "contact_request", "id": "r-1", "platform": "generic",
       "direction": "incoming", "at": "2026-11-02T09:15:00+01:00",
       "sender": {"id": "u-1", "name": "Rolf Maier", "contact_count": 12800,
                  "headline": "Vertriebscoach"},
       "recipient": {"id": "me"}, "note": None}


@rule(code="FR101", name="large-network-fr", summary="The sender's network is large.",
      why="A test rule of the French plugin.", source="tests/test_locales.py",
      kinds=[Kind.CONTACT_REQUEST], directions=[Direction.INCOMING],
      messages={"en": "{name} has {count} contacts.",
                "de": "{name} hat {count} Kontakte.",
                "fr": "{name} compte {count} contacts, dont {quoted}."},
      bad=[{**_IN, "id": "b"}],
      good=[{**_IN, "id": "g", "sender": {"id": "u-2", "contact_count": 10}}])
def large_network(event: Any, ctx: Any) -> Any:
    count = event.sender.contact_count
    if count is None or count < 1000:
        return None
    return say.report(ctx, {"count": say.number(count, ctx.locale),
                            "quoted": say.quote("Rolf", ctx.locale)},
                      name=event.sender.name, count=count)


class FrenchPlugin:
    """A third-party plugin that adds French and one rule that speaks it."""

    @hookimpl
    def knigge_locales(self) -> list[Locale]:
        return [FRENCH]

    @hookimpl
    def knigge_rules(self) -> list[Any]:
        return [large_network]


def engine(policy: dict[str, Any] | None = None, *plugins: Any) -> Engine:
    return Engine(policy_from_dict(policy or {}), plugins=list(plugins or [FrenchPlugin()]),
                  entry_points=False)


def by_code(assessment: Any) -> dict[str, Any]:
    return {f.code: f for f in assessment.findings}


def test_the_core_locales_are_german_and_english():
    assert set(BUILTIN) == {"de", "en"}
    assert {"de", "en"} <= set(codes())
    assert get("xx") is EN  # a code nobody registered reads as English
    assert valid_code("pt-BR") and not valid_code("Deutsch") and not valid_code(7)
    with pytest.raises(ValueError, match="language tag"):
        Locale(code="auto", name="no")


def test_a_plugin_locale_is_accepted_and_used_by_its_rule():
    fr = engine({"locale": "fr"})
    assert "fr" in fr.locales and fr.policy.locale == "fr"
    found = by_code(fr.evaluate(_IN))
    assert found["FR101"].message == (
        f"Rolf Maier compte 12{NNBSP}800 contacts, dont «\u00a0Rolf\u00a0»."), \
        found["FR101"].message
    assert found["FR101"].evidence == {"name": "Rolf Maier", "count": 12800}
    assert fr.evaluate(_IN).locale == "fr"


def test_rules_without_the_locale_fall_back_to_english_whole():
    fr = engine({"locale": "fr"})
    en = engine({"locale": "en"})
    in_fr, in_en = fr.evaluate(_IN), en.evaluate(_IN)
    french, english = by_code(in_fr), by_code(in_en)
    # KN204 (contact-collector) has no French message: English words and numbers.
    assert "KN204" in french
    assert french["KN204"].message == english["KN204"].message
    assert "12,800" in french["KN204"].message and NNBSP not in french["KN204"].message
    for code in set(french) - {"FR101"}:
        assert french[code].message == english[code].message, code
    # No French reply texts: the English reply, which says it is English.
    assert in_fr.reply is not None and in_fr.reply.locale == "en"
    assert in_fr.reply.text == in_en.reply.text


def test_the_policy_may_give_replies_in_an_added_locale():
    fr = engine({"locale": "fr", "replies": {"fr": {"decline": "Merci, mais non."}}})
    a = fr.evaluate(_IN)
    assert a.reply is not None and a.reply.key == "decline", a.reply
    assert (a.reply.locale, a.reply.text) == ("fr", "Merci, mais non.")


def test_say_follows_the_registered_locale():
    engine({"locale": "fr"})  # registers French
    assert say.number(12800, "fr") == f"12{NNBSP}800"
    assert say.plural(0, "contact", "contacts", "fr") == "0 contact"
    assert say.plural(0, "contact", "contacts", "en") == "0 contacts"
    assert say.date(dt.date(2026, 11, 5), "fr") == "05/11/2026"
    assert say.days(3, "fr") == "3 jours"
    assert say.quote("x", "de") == "„x“" and say.number(12800, "de") == "12.800"


def test_auto_writes_in_an_added_locale_only_where_a_plugin_adds_it():
    note = dict(_IN, note="Bonjour, je suis consultante et je voudrais échanger avec vous "
                "sur la logistique.")
    with_fr = engine({"locale": "auto"})
    without = engine({"locale": "auto"}, object())
    text = with_fr.analyse(note["note"])
    if text.language != "fr":
        pytest.skip(f"the text analysis reads this note as {text.language!r}")
    assert with_fr.evaluate(note).locale == "fr"
    assert without.evaluate(note).locale == "en"


def test_an_unknown_locale_is_rejected_with_file_key_and_reason(tmp_path: Path):
    file = tmp_path / "knigge.toml"
    file.write_text('locale = "xx"\n[platforms.generic]\nlocale = "fr"\n', encoding="utf-8")
    policy = load_policy(file)  # well-formed codes: the engine knows which exist
    with pytest.raises(PolicyError) as info:
        Engine(policy, plugins=[FrenchPlugin()], entry_points=False)
    err = info.value
    assert [(p.source, p.path) for p in err.problems] == [(str(file), "locale")]
    assert "no installed plugin provides the locale 'xx'" in err.reason
    assert "'auto', 'de', 'en', 'fr'" in err.reason
    # Without the plugin, French is unknown too.
    with pytest.raises(PolicyError) as info:
        Engine(load_policy(file), plugins=[object()], entry_points=False)
    assert {p.path for p in info.value.problems} == {"locale", "platforms.generic.locale"}


def test_a_conflicting_definition_is_a_plugin_problem():
    class Other:
        @hookimpl
        def knigge_locales(self) -> list[Locale]:
            return [Locale(code="fr", name="Français", group=".")]

    built = engine({}, FrenchPlugin(), Other())
    assert built.locales["fr"] == FRENCH
    assert any("fr" in p.reason and p.hook == "knigge_locales" for p in built.problems)
