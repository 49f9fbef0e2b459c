"""The rule context: one per rule and event, never changed under a rule that keeps it;
display values (`shown`) that reach the message but not the evidence; the locale's
numbers, dates and quotation marks (issue 14, point 4)."""

from __future__ import annotations

import datetime as dt
import types

import attrs

from knigge_engine import (
    Engine,
    Kind,
    Policy,
    hookimpl,
    policy_from_dict,
    rule,
)
from knigge_engine.testing import make_event


@attrs.frozen
class KeepOptions:
    """Options of the keeping rule."""

    label: str = "first"


@attrs.frozen
class OtherOptions:
    """Options of the rule after it."""

    label: str = "second"


def _plugin(*rules):
    module = types.ModuleType("ctxplug")
    module.knigge_rules = hookimpl(lambda: list(rules))
    return module


def _rules(kept):
    ex = make_event("contact_request", "incoming", note="Hallo")
    meta = dict(summary="A test rule.", why="Tests need one.", source="tests",
                kinds=[Kind.CONTACT_REQUEST], bad=[ex], good=[ex])

    @rule(code="TC101", name="keeps-context", options=KeepOptions,
          messages={"en": "{label}", "de": "{label}"}, **meta)
    def keeps(event, ctx):
        kept.append((ctx, ctx.options, ctx.compiled, ctx.event, ctx.locale))
        return None

    @rule(code="TC102", name="runs-after", options=OtherOptions,
          messages={"en": "{label}", "de": "{label}"}, **meta)
    def after(event, ctx):
        kept.append((ctx, ctx.options, ctx.compiled, ctx.event, ctx.locale))
        return None

    return keeps, after


def test_every_rule_gets_its_own_context_and_a_kept_one_never_changes():
    kept = []
    engine = Engine(Policy(), plugins=[_plugin(*_rules(kept))], entry_points=False)
    first = make_event("contact_request", "incoming", note="Hallo Jana, wir kennen uns "
                       "vom Barcamp.", id="r-1")
    second = make_event("contact_request", "incoming", note="Hi Jana, we met at the "
                        "meetup in Leipzig last week.", id="r-2")
    engine.evaluate(first)
    engine.evaluate(second)
    assert [k[2].code for k in kept] == ["TC101", "TC102", "TC101", "TC102"]
    contexts = [k[0] for k in kept]
    assert len({id(c) for c in contexts}) == 4  # one per rule and event
    for ctx, options, compiled, event, locale in kept:
        # What the rule saw when it ran is what its context still says now, after the
        # other rule and the next event ran.
        assert ctx.options is options and ctx.compiled is compiled
        assert ctx.event is event and ctx.locale == locale
    assert [k[1].label for k in kept] == ["first", "second", "first", "second"]
    assert [k[3].id for k in kept] == ["r-1", "r-1", "r-2", "r-2"]


def _counting_rule():
    ex = make_event("contact_request", "incoming", note="Hallo")

    @rule(code="TC103", name="counts-contacts", kinds=[Kind.CONTACT_REQUEST],
          summary="A test rule.", why="Tests need one.", source="tests", bad=[ex], good=[ex],
          messages={"en": "{name} has {count} contacts since {day} ({quoted}).",
                    "de": "{name} hat seit {day} {count} Kontakte ({quoted})."})
    def counts(event, ctx):
        count = event.sender.contact_count
        day = event.at.date()
        return ctx.report(shown={"count": ctx.number(count), "day": ctx.date(day),
                                 "quoted": ctx.quote("Vertrieb")},
                          name=event.sender.name, count=count, day=day.isoformat())

    return counts


def _count_event():
    return make_event("contact_request", "incoming", note="Guten Tag",
                      at="2026-11-05T10:00:00+01:00",
                      sender={"id": "u-9", "name": "Petra Hahn", "contact_count": 12800})


def test_shown_values_fill_the_message_and_the_evidence_keeps_the_raw_ones():
    for locale, message in (
            ("de", "Petra Hahn hat seit 05.11.2026 12.800 Kontakte („Vertrieb“)."),
            ("en", "Petra Hahn has 12,800 contacts since 2026-11-05 (“Vertrieb”).")):
        engine = Engine(policy_from_dict({"locale": locale}),
                        plugins=[_plugin(_counting_rule())], entry_points=False)
        found = [f for f in engine.evaluate(_count_event()).findings if f.code == "TC103"]
        assert len(found) == 1
        assert found[0].message == message
        # The data keeps numbers as numbers and only what the rule gave as evidence.
        assert found[0].evidence == {"name": "Petra Hahn", "count": 12800,
                                     "day": "2026-11-05"}


def test_shown_values_reach_a_message_key_template_too():
    ex = make_event("contact_request", "incoming", note="Hallo")

    @rule(code="TC104", name="keyed-message", kinds=[Kind.CONTACT_REQUEST],
          summary="A test rule.", why="Tests need one.", source="tests", bad=[ex], good=[ex],
          messages={"en": "plain {count}", "de": "schlicht {count}",
                    "en.many": "many: {count}", "de.many": "viele: {count}"})
    def keyed(event, ctx):
        count = event.sender.contact_count
        return ctx.report(message_key="many", shown={"count": ctx.number(count)}, count=count)

    engine = Engine(policy_from_dict({"locale": "de"}), plugins=[_plugin(keyed)],
                    entry_points=False)
    found = [f for f in engine.evaluate(_count_event()).findings if f.code == "TC104"]
    assert [(f.message, f.evidence) for f in found] == [("viele: 12.800", {"count": 12800})]


def test_say_report_is_ctx_report_with_shown():
    from knigge_engine import say

    ex = make_event("contact_request", "incoming", note="Hallo")

    @rule(code="TC105", name="old-style", kinds=[Kind.CONTACT_REQUEST],
          summary="A test rule.", why="Tests need one.", source="tests", bad=[ex], good=[ex],
          messages={"en": "{count} contacts", "de": "{count} Kontakte"})
    def old_style(event, ctx):
        count = event.sender.contact_count
        return say.report(ctx, {"count": say.number(count, ctx.locale)}, count=count)

    engine = Engine(policy_from_dict({"locale": "de"}), plugins=[_plugin(old_style)],
                    entry_points=False)
    found = [f for f in engine.evaluate(_count_event()).findings if f.code == "TC105"]
    assert [(f.message, f.evidence) for f in found] == [("12.800 Kontakte", {"count": 12800})]


def test_locale_formatting_of_the_context_follows_the_registry():
    from knigge_engine.locales import DE, EN

    assert (DE.number(1234567), EN.number(1234567)) == ("1.234.567", "1,234,567")
    assert (DE.date(dt.date(2026, 3, 9)), EN.date(dt.date(2026, 3, 9))) == \
        ("09.03.2026", "2026-03-09")
    assert (DE.quote("Hallo"), EN.quote("Hello")) == ("„Hallo“", "“Hello”")


def test_the_event_classes_a_check_is_annotated_with_are_the_classes_of_its_kinds():
    """A check's annotation is the contract mypy checks it against: it must name the
    classes of exactly the kinds the engine calls it for (the built-in and installed
    plugins' rules, every one annotated)."""
    import inspect
    import typing

    from knigge_engine import DueRule
    from knigge_engine.model import EVENT_CLASSES

    engine = Engine()
    checked = set()
    for item in engine.rules.values():
        if isinstance(item, DueRule):
            continue
        hints = typing.get_type_hints(item.check)
        first = next(iter(inspect.signature(item.check).parameters))
        annotated = hints[first]
        classes = set(typing.get_args(annotated)) or {annotated}
        assert classes == {EVENT_CLASSES[k] for k in item.kinds}, item.code
        assert "return" in hints, item.code
        checked.add(item.code[:2])
    assert checked >= {"KN", "LI", "XI", "FB"}  # the core's rules and every platform's


def test_a_generator_rule_reports_with_its_own_options_while_other_rules_run():
    """A check written as a generator holds its context in its frame while the engine
    drains it; its findings carry its own settings, and the next rule its own."""
    ex = make_event("contact_request", "incoming", note="Hallo")
    meta = dict(summary="A test rule.", why="Tests need one.", source="tests",
                kinds=[Kind.CONTACT_REQUEST], bad=[ex], good=[ex])

    @rule(code="TC106", name="yields-twice", options=KeepOptions,
          messages={"en": "{label} {n}", "de": "{label} {n}"}, **meta)
    def yields(event, ctx):
        yield ctx.report(label=ctx.options.label, n=1)
        yield ctx.report(label=ctx.options.label, n=2)

    @rule(code="TC107", name="reports-once", options=OtherOptions,
          messages={"en": "{label}", "de": "{label}"}, **meta)
    def once(event, ctx):
        return ctx.report(label=ctx.options.label)

    engine = Engine(Policy(), plugins=[_plugin(yields, once)], entry_points=False)
    for note in ("Hallo Jana", "Hi Jana, we met in Leipzig."):
        found = [(f.code, f.message) for f in engine.evaluate(
            make_event("contact_request", "incoming", note=note)).findings
            if f.code.startswith("TC")]
        assert found == [("TC106", "first 1"), ("TC106", "first 2"), ("TC107", "second")]


def _recording_rules(seen, keep_codes):
    """Three rules that record what their context says when they run; those in
    `keep_codes` also keep the context (in `seen`) and look at it again later."""
    ex = make_event("contact_request", "incoming", note="Hallo")
    made = []
    for code, label in (("TC111", "one"), ("TC112", "two"), ("TC113", "three")):
        @rule(code=code, name=f"records-{label}", options=KeepOptions,
              kinds=[Kind.CONTACT_REQUEST], summary="A test rule.", why="Tests need one.",
              source="tests", bad=[ex], good=[ex],
              messages={"en": "{label}", "de": "{label}", "nl-test": "{label}"})
        def check(event, ctx, code=code):
            view = (code, ctx.options.label, ctx.compiled.code, ctx.locale, ctx.event.id)
            seen.append((ctx if code in keep_codes else None, view, id(ctx)))
            return None
        made.append(check)
    return made


def test_a_context_kept_after_one_that_was_not_never_changes():
    """A rule that drops its context, then one that keeps it (a bound method of it
    is enough), then another: what the keeper holds still says what it saw."""
    seen = []
    checks = _recording_rules(seen, {"TC112"})
    engine = Engine(policy_from_dict({"rules": {"TC112": {"label": "kept"}}}),
                    plugins=[_plugin(*checks)], entry_points=False)
    keep_report = []
    for n in range(3):
        engine.evaluate(make_event("contact_request", "incoming", note="Hallo Jana",
                                   id=f"r-{n}"))
        kept = [c for c, _, _ in seen if c is not None][-1]
        keep_report.append(kept.report)  # a bound method keeps it too
    for ctx, view, _ in seen:
        assert view[1] == ("kept" if view[0] == "TC112" else "first")
        assert view[2] == view[0]  # each rule ran with its own compiled rule
        if ctx is not None:
            assert (ctx.compiled.code, ctx.options.label, ctx.event.id) == \
                (view[0], view[1], view[4])


def test_contexts_nobody_keeps_are_handed_on_where_reference_counts_allow():
    """On CPython 3.11-3.13 a context no rule kept is handed on (the saving the
    per-rule contexts rest on); elsewhere each rule gets a new one. Either way each rule
    sees its own options."""
    import sys

    seen = []
    engine = Engine(Policy(), plugins=[_plugin(*_recording_rules(seen, set()))],
                    entry_points=False)
    engine.evaluate(make_event("contact_request", "incoming", note="Hallo Jana"))
    ids = {i for _, _, i in seen}
    assert [v[0] for _, v, _ in seen] == ["TC111", "TC112", "TC113"]
    assert [v[2] for _, v, _ in seen] == ["TC111", "TC112", "TC113"]
    if sys.implementation.name == "cpython" and sys.version_info < (3, 14):
        assert len(ids) == 1


def test_a_handed_on_context_gets_each_rules_own_locale():
    """An added locale: a rule with a message in it runs in it, one without in English,
    also when the same context object is handed from one to the other."""
    from knigge_engine.locales import Locale

    # A code no other test registers: the registry is per process.
    added = Locale(code="nl-test", name="Nederlands (test)", group=".")
    seen = []
    one, two, three = _recording_rules(seen, set())
    two = attrs.evolve(two, messages={"en": "{label}", "de": "{label}"})  # no French

    class AddedLocalePlugin:
        @hookimpl
        def knigge_locales(self):
            return [added]

        @hookimpl
        def knigge_rules(self):
            return [one, two, three]

    engine = Engine(policy_from_dict({"locale": "nl-test"}), plugins=[AddedLocalePlugin()],
                    entry_points=False)
    engine.evaluate(make_event("contact_request", "incoming", note="Hallo Jana"))
    assert [(v[0], v[3]) for _, v, _ in seen] == [("TC111", "nl-test"), ("TC112", "en"),
                                                 ("TC113", "nl-test")]


def test_the_short_path_of_report_makes_what_the_compiled_rule_makes():
    """`RuleContext.report` fills a plain template itself; the compiled rule's report is
    the general path. Both give the same finding for every template shape: plain, with
    `{subject}`, keyed, with evidence missing, before and after the templates are
    worked out."""
    from knigge_engine import Direction, PlatformSpec, RuleContext, event_from_dict

    ex = make_event("contact_request", "incoming", note="Hallo")

    @rule(code="TC121", name="template-shapes", kinds=[Kind.CONTACT_REQUEST, Kind.MESSAGE],
          summary="A test rule.", why="Tests need one.", source="tests", bad=[ex], good=[ex],
          messages={"en": "{name} wrote {count} words", "de": "Die {subject} von {name}",
                    "en.k": "keyed {name}", "de.k": "Schlüssel {name}"})
    def shapes(event, ctx):
        return None

    engine = Engine(Policy(), plugins=[_plugin(shapes)], entry_points=False)
    for kind, extra in (("contact_request", {"note": "Hi"}), ("message", {"text": "Hi"})):
        event = event_from_dict(make_event(kind, "incoming", **extra))
        entry = engine.plan.entry("generic", event.kind, Direction.INCOMING, None)
        compiled = next(c for c in entry.rules if c.code == "TC121")
        for locale in ("en", "de"):
            for key in (None, "k"):
                for evidence in ({"name": "Ana", "count": 3}, {"name": "Ana"}, {}):
                    ctx = RuleContext(event=event, spec=PlatformSpec.generic_for("generic"),
                                      owner=None, locale=locale, form=None, text=None,
                                      history=None, now=event.at, premium=None,
                                      options=None, compiled=compiled)
                    for _ in range(2):
                        short = ctx.report(message_key=key, **evidence)
                        general = compiled.report(locale, None, None, key, dict(evidence),
                                                  event)
                        assert short == general, (kind, locale, key, evidence)
