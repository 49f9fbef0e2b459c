"""The engine: plan compilation, crash isolation, unknown platforms, capabilities,
decisions and replies, streaming, threads, the decider hook."""

from __future__ import annotations

import itertools
import threading
import types

import attrs
import pytest

from knigge_engine import (
    CAP_REQUEST_NOTE,
    Action,
    Engine,
    EngineError,
    Kind,
    PlatformSpec,
    Policy,
    PolicyError,
    Severity,
    hookimpl,
    policy_from_dict,
    rule,
)
from knigge_engine.testing import make_event


def plugin(name, **hooks):
    """A plugin module object with the given hook implementations."""
    module = types.ModuleType(name)
    for hook, value in hooks.items():
        setattr(module, hook, hookimpl(value) if callable(value) else value)
    return module


def make_rule(code="TS101", name="test-rule", check=None, **kw):
    ex = make_event("contact_request", "incoming", note="Hallo")
    defaults = dict(summary="A test rule.", why="Tests need one.", source="tests",
                    kinds=[Kind.CONTACT_REQUEST],
                    messages={"en": "fired on {id}", "de": "ausgelöst bei {id}"},
                    bad=[ex], good=[ex])
    defaults.update(kw)
    return rule(code=code, name=name, **defaults)(check or (lambda e, c: None))


def boom(event, ctx):
    raise ZeroDivisionError("division by zero")


def test_a_crashing_rule_is_reported_and_the_others_still_run():
    crashing = make_rule("TS101", "always-crashes", boom)
    engine = Engine(Policy(), plugins=[plugin("crashy", knigge_rules=lambda: [crashing])],
                    entry_points=False)
    a = engine.evaluate(make_event("contact_request", "incoming", note=None,
                                   sender={"contact_count": 9000}))
    codes = {f.code for f in a.findings}
    assert {"KE001", "KN201", "KN204"} <= codes
    crash = next(f for f in a.findings if f.code == "KE001")
    assert crash.severity is Severity.ERROR
    assert "TS101" in crash.message and "crashy" in crash.message
    assert "ZeroDivisionError" in crash.message


def test_strict_mode_raises_the_rule_error():
    crashing = make_rule("TS101", "always-crashes", boom)
    engine = Engine(Policy(), plugins=[plugin("crashy", knigge_rules=lambda: [crashing])],
                    entry_points=False, strict=True)
    with pytest.raises(ZeroDivisionError):
        engine.evaluate(make_event("contact_request", "incoming", note=None))


def test_strict_switch_in_the_policy():
    crashing = make_rule("TS101", "always-crashes", boom)
    engine = Engine(policy_from_dict({"strict": True}),
                    plugins=[plugin("crashy", knigge_rules=lambda: [crashing])],
                    entry_points=False)
    with pytest.raises(ZeroDivisionError):
        engine.evaluate(make_event("contact_request", "incoming", note=None))


def test_a_plugin_whose_hook_raises_is_named_and_left_out():
    def broken():
        raise RuntimeError("cannot read my config")

    engine = Engine(Policy(), plugins=[plugin("brokenplug", knigge_rules=broken)],
                    entry_points=False)
    assert any(p.plugin == "brokenplug" and p.hook == "knigge_rules" and
               "cannot read my config" in p.reason for p in engine.problems)
    assert "KN101" in engine.rules


def test_unknown_platform_is_evaluated_generically_with_a_notice(caplog):
    engine = Engine(Policy(), entry_points=False)
    event = make_event("contact_request", "outgoing", platform="mastodon", note=None)
    with caplog.at_level("WARNING", logger="knigge_engine"):
        a = engine.evaluate(event)
        engine.evaluate(event)
    codes = [f.code for f in a.findings]
    assert "KE002" in codes and "KN101" in codes
    notice = next(f for f in a.findings if f.code == "KE002")
    assert "'mastodon'" in notice.message and "Installed platforms: generic" in notice.message
    # Never advice to install a package named after the input (typosquatting).
    assert "pip install" not in notice.message and "knigge-mastodon" not in notice.message
    assert notice.weight == 0
    # One log line per platform, not per event.
    assert sum("mastodon" in r.getMessage() for r in caplog.records) == 1


def test_notice_is_localized():
    engine = Engine(policy_from_dict({"locale": "de"}), entry_points=False)
    a = engine.evaluate(make_event("profile_view", "incoming", platform="mastodon"))
    assert "Kein installiertes Plugin" in a.findings[0].message


NOTELESS = PlatformSpec(name="noteless", capabilities={CAP_REQUEST_NOTE: False})
PAID_NOTES = PlatformSpec(name="paidnotes", capabilities={CAP_REQUEST_NOTE: False},
                          premium_capabilities={CAP_REQUEST_NOTE: True})


@pytest.fixture(scope="module")
def spec_engine():
    return Engine(Policy(), plugins=[plugin("specs",
                                            knigge_platforms=lambda: [NOTELESS, PAID_NOTES])],
                  entry_points=False)


def test_capability_decides_whether_note_rules_apply(spec_engine):
    event = make_event("contact_request", "outgoing", platform="noteless", note=None)
    assert not {"KN101", "KE002"} & {f.code for f in spec_engine.evaluate(event).findings}


@pytest.mark.parametrize("premium,fires", [(True, True), (False, False), (None, False)])
def test_premium_only_capability_needs_a_known_premium_sender(spec_engine, premium, fires):
    event = make_event("contact_request", "incoming", platform="paidnotes", note=None,
                       sender={"premium": premium})
    codes = {f.code for f in spec_engine.evaluate(event).findings}
    assert ("KN201" in codes) is fires


def test_owner_premium_from_policy_applies_to_outgoing_events():
    engine = Engine(policy_from_dict({"owner": {"premium": True}}),
                    plugins=[plugin("specs", knigge_platforms=lambda: [PAID_NOTES])],
                    entry_points=False)
    event = make_event("contact_request", "outgoing", platform="paidnotes", note=None)
    assert "KN101" in {f.code for f in engine.evaluate(event).findings}


def test_spec_limits_take_the_permissive_value_when_account_type_is_unknown():
    spec = PlatformSpec(name="p", limits={"note_max_chars": 200},
                        premium_limits={"note_max_chars": 300})
    assert spec.limit("note_max_chars", False) == 200
    assert spec.limit("note_max_chars", True) == 300
    assert spec.limit("note_max_chars", None) == 300


def test_policy_overrides_platform_capabilities_and_limits():
    engine = Engine(policy_from_dict({"platforms": {"noteless": {
        "capabilities": {CAP_REQUEST_NOTE: True}, "limits": {"x": 5}}}}),
        plugins=[plugin("specs", knigge_platforms=lambda: [NOTELESS])], entry_points=False)
    event = make_event("contact_request", "outgoing", platform="noteless", note=None)
    assert "KN101" in {f.code for f in engine.evaluate(event).findings}


def test_spec_rule_defaults_shape_the_generic_rules():
    quiet = PlatformSpec(name="quiet", capabilities={CAP_REQUEST_NOTE: True},
                         rule_defaults={"KN105": {"severity": "info", "weight": 0.5}})
    engine = Engine(Policy(), plugins=[plugin("q", knigge_platforms=lambda: [quiet])],
                    entry_points=False)
    note = "Hallo Herr Kaya, ich bin Berater. Jetzt kaufen und 20 % Rabatt sichern!"
    a = engine.evaluate(make_event("contact_request", "outgoing", platform="quiet", note=note))
    pitch = next(f for f in a.findings if f.code == "KN105")
    assert pitch.severity is Severity.INFO and pitch.weight == 0.5
    b = engine.evaluate(make_event("contact_request", "outgoing", platform="generic",
                                   note=note))
    assert next(f for f in b.findings if f.code == "KN105").severity is Severity.WARNING


def test_duplicate_rule_codes_are_an_engine_error_naming_both_plugins():
    dup = make_rule("KN101", "my-missing-note")
    with pytest.raises(EngineError, match=r"KN101.*dupplug.*builtin"):
        Engine(Policy(), plugins=[plugin("dupplug", knigge_rules=lambda: [dup])],
               entry_points=False)


def test_registration_hooks_are_called_once_per_build_not_per_event():
    calls = []
    counted = make_rule("TS102", "counted", lambda e, c: None)

    def rules():
        calls.append(1)
        return [counted]

    engine = Engine(Policy(), plugins=[plugin("counter", knigge_rules=rules)],
                    entry_points=False)
    for _ in range(50):
        engine.evaluate(make_event("contact_request", "incoming", note="Hallo"))
    assert len(calls) == 1


def test_decider_hook_replaces_the_default():
    def decider(policy):
        return lambda event, findings, score, thresholds: Action.DECLINE

    engine = Engine(Policy(), plugins=[plugin("stern", knigge_decider=decider)],
                    entry_points=False)
    a = engine.evaluate(make_event("contact_request", "incoming", note="Hallo Jana, wir "
                                   "kennen uns vom Barcamp.", sender={"mutual_contacts": 3}))
    assert a.action is Action.DECLINE


@pytest.mark.parametrize("score_facts,action", [
    ({}, Action.ACCEPT),
    ({"contacts_visible": False}, Action.ACCEPT_AND_ASK),           # 0.5
    ({"headline": "tba", "contacts_visible": False}, Action.ASK_FIRST),   # 2.5
    ({"headline": "tba", "contact_count": 5000}, Action.DECLINE),   # 5.0
])
def test_triage_thresholds(core_engine, score_facts, action):
    event = make_event("contact_request", "incoming",
                       note="Hallo Jana, ich bin Controller in Kiel.", sender=score_facts)
    assert core_engine.evaluate(event).action is action


def test_thresholds_per_platform():
    engine = Engine(policy_from_dict({"platforms": {"generic": {"thresholds": {
        "decline": 0.5}}}}), entry_points=False)
    event = make_event("contact_request", "incoming", note="Hallo Jana, ich bin Controller.",
                       sender={"contacts_visible": False})
    assert engine.evaluate(event).action is Action.DECLINE


def test_reply_follows_locale_and_form_of_the_note(core_engine):
    du = core_engine.evaluate(make_event(
        "contact_request", "incoming", note="", sender={"name": "Lena"}))
    assert du.reply.locale == "en"
    de = core_engine.evaluate(make_event(
        "contact_request", "incoming", sender={"name": "Lena", "headline": "tba",
                                               "contacts_visible": False},
        note="Hallo, ich bin Lena und würde mich gern mit dir vernetzen, weil du auch "
             "in der Gruppe bist."))
    assert de.reply.locale == "de" and de.reply.form == "du"
    assert "dich" in de.reply.text or "dein" in de.reply.text


def test_policy_reply_override():
    engine = Engine(policy_from_dict({"locale": "de", "replies": {
        "de": {"accept_and_ask": "Servus {name}! Was führt dich zu mir?"}}}),
        entry_points=False)
    a = engine.evaluate(make_event("contact_request", "incoming", note=None,
                                   sender={"name": "Sepp"}))
    assert a.reply.text == "Servus Sepp! Was führt dich zu mir?"


def test_evaluate_many_is_lazy_and_streams(core_engine):
    def endless():
        for i in itertools.count():
            yield make_event("contact_request", "incoming", id=f"e-{i}", note=None)

    first = list(itertools.islice(core_engine.evaluate_many(endless()), 5))
    assert [a.event for a in first] == [f"e-{i}" for i in range(5)]


def test_engine_is_safe_to_share_between_threads(core_engine):
    events = [make_event("contact_request", d, id=f"t-{i}", note=n,
                         sender={"contact_count": 100 * i})
              for i, (d, n) in enumerate(itertools.product(
                  ["incoming", "outgoing"],
                  [None, "", "Hallo Frau Berger, ich bin Jana. 7 geheime Tipps!",
                   "Hi Sam, we met at PyCon."])) for _ in range(10)]
    expected = [core_engine.evaluate(e) for e in events]
    results: dict[int, list] = {}

    def work(n):
        results[n] = [core_engine.evaluate(e) for e in events]

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == expected for r in results.values())


def test_explain_trace_names_skipped_rules_and_the_decision(core_engine):
    a = core_engine.evaluate(make_event("contact_request", "incoming", note=None),
                             explain=True)
    statuses = {t.code: t.status for t in a.trace.rules}
    assert statuses["KN201"] == "fired"
    assert statuses["KN204"] == "ran"
    assert statuses["KN101"] == "not applicable"
    assert "accept_and_ask" in a.trace.decision and "0.5" in a.trace.decision
    assert a.to_dict()["trace"]["job"] == "triage"


def test_assessment_json_shape(core_engine):
    a = core_engine.evaluate(make_event("contact_request", "incoming", id="r-1001",
                                        note=None, sender={"contact_count": 4500}))
    d = a.to_dict()
    assert d["event"] == "r-1001" and d["platform"] == "generic"
    assert d["action"] == a.action.value and d["score"] == a.score
    assert {"code", "name", "severity", "weight", "message"} <= set(d["findings"][0])
    assert set(d["reply"]) >= {"locale", "text"}


def test_a_rule_bound_to_platforms_runs_only_there():
    only_here = make_rule("TS103", "only-here", lambda e, c: c.report(id=e.id),
                          platforms=["here"])
    here = PlatformSpec(name="here")
    engine = Engine(Policy(), plugins=[plugin("h", knigge_rules=lambda: [only_here],
                                              knigge_platforms=lambda: [here])],
                    entry_points=False)
    fired = engine.evaluate(make_event("contact_request", "incoming", platform="here"))
    silent = engine.evaluate(make_event("contact_request", "incoming", platform="generic"),
                             explain=True)
    assert "TS103" in {f.code for f in fired.findings}
    assert "TS103" not in {f.code for f in silent.findings}
    trace = next(t for t in silent.trace.rules if t.code == "TS103")
    assert trace.status == "not applicable" and "here" in trace.detail


def test_a_rule_name_used_by_two_plugins_stops_the_build_naming_both():
    # Names are public API like codes (RULES.md): a policy key, a selector and `knigge
    # explain NAME` must each mean one rule.
    a = make_rule("TS104", "same-name", platforms=["here"])
    b = make_rule("TT104", "same-name")
    with pytest.raises(EngineError) as info:
        Engine(Policy(), plugins=[plugin("p1", knigge_rules=lambda: [a]),
                                  plugin("p2", knigge_rules=lambda: [b])],
               entry_points=False)
    message = str(info.value)
    assert "TT104 (same-name)" in message and "TS104 (same-name)" in message
    assert "p1" in message and "p2" in message


def test_a_rule_is_found_by_code_or_name_with_a_suggestion_otherwise():
    a = make_rule("TS104", "same-name", platforms=["here"])
    engine = Engine(Policy(), plugins=[plugin("p1", knigge_rules=lambda: [a])],
                    entry_points=False)
    assert engine.rule("same-name") is engine.rule("TS104") is engine.rules["TS104"]
    with pytest.raises(KeyError, match="did you mean 'same-name'"):
        engine.rule("same-nam")


@pytest.mark.parametrize("note,form", [
    ("Hallo Frau Schröder, wir saßen gestern beim Vortrag nebeneinander.", "sie"),
    ("Sehr geehrter Herr Vogt, wir saßen gestern beim Vortrag nebeneinander.", "sie"),
    ("Hallo Tobias, wir saßen gestern beim Vortrag nebeneinander, weißt du noch?", "du"),
])
def test_reply_form_follows_a_formal_salutation_without_pronouns(note, form):
    # A platform whose own default is "du", so only the note can make it "sie".
    duzen = PlatformSpec(name="duzen", capabilities={CAP_REQUEST_NOTE: True},
                         address_form="du", locale="de")
    engine = Engine(policy_from_dict({"locale": "de"}),
                    plugins=[plugin("d", knigge_platforms=lambda: [duzen])],
                    entry_points=False)
    a = engine.evaluate(make_event("contact_request", "incoming", note=note,
                                   platform="duzen", sender={"name": "Tobias Keller"}))
    assert a.reply is not None and a.reply.form == form


@pytest.mark.parametrize("note,form", [
    # No Herr/Frau after the greeting: only "Sehr geehrte…" makes this formal.
    ("Sehr geehrte Damen und Herren, wir saßen gestern beim Vortrag nebeneinander.", "sie"),
    # "Hi Dr. Smith" fits the title pattern, but an English note does not switch to "sie".
    ("Hi Dr. Smith, we sat next to each other at the talk yesterday.", "du"),
])
def test_reply_form_formal_salutation_edge_cases(note, form):
    duzen = PlatformSpec(name="duzen", capabilities={CAP_REQUEST_NOTE: True},
                         address_form="du", locale="de")
    engine = Engine(policy_from_dict({"locale": "de"}),
                    plugins=[plugin("d", knigge_platforms=lambda: [duzen])],
                    entry_points=False)
    a = engine.evaluate(make_event("contact_request", "incoming", note=note,
                                   platform="duzen", sender={"name": "Tobias Keller"}))
    assert a.reply is not None and a.reply.form == form


@pytest.mark.parametrize("locale", ["de", "en"])
@pytest.mark.parametrize("kind", ["contact_request", "message"])
def test_report_words_every_message_as_format_message_does(locale, kind):
    # ctx.report fills templates it picked once per compiled rule; format_message stays
    # the one definition: {subject} by kind and locale, a message_key variant, a
    # template the evidence cannot fill, evidence that names "subject" itself.
    from knigge_engine.rules import format_message

    messages = {"en": "The {subject} of {who}.", "de": "Die {subject} von {who}.",
                "en.short": "{who}!", "de.short": "{who}!!", "de.broken": "{missing}"}

    def check(event, ctx):
        return [ctx.report(who="Nina"), ctx.report(message_key="short", who="Nina"),
                ctx.report(message_key="broken", who="Nina"), ctx.report(who="Nina",
                                                                      subject="X"),
                ctx.report(other="Nina")]

    worded = make_rule("TS102", "worded", check, messages=messages,
                       kinds=[Kind.CONTACT_REQUEST, Kind.MESSAGE])
    engine = Engine(policy_from_dict({"locale": locale}), entry_points=False,
                    plugins=[plugin("wording", knigge_rules=lambda: [worded])])
    event = make_event(kind, "incoming", **({"note": None} if kind == "contact_request"
                                            else {"text": None}))
    got = [f.message for f in engine.evaluate(event).findings if f.code == "TS102"]
    want = [format_message(messages, locale, key, evidence, kind) for key, evidence in [
        (None, {"who": "Nina"}), ("short", {"who": "Nina"}), ("broken", {"who": "Nina"}),
        (None, {"who": "Nina", "subject": "X"}), (None, {"other": "Nina"})]]
    assert got == want
    assert ("Notiz" if locale == "de" else "note") in got[0] or kind == "message"


def test_a_bad_rule_default_of_a_platform_spec_fails_the_build_not_the_first_event():
    # Platforms are compiled on their first event (start-up); their specs' rule defaults
    # are still checked when the engine is built.
    bad = PlatformSpec(name="quiet", capabilities={CAP_REQUEST_NOTE: True},
                       rule_defaults={"KN105": {"severity": "loud"}})
    with pytest.raises(PolicyError, match="severity"):
        Engine(Policy(), plugins=[plugin("q", knigge_platforms=lambda: [bad])],
               entry_points=False)


def _compiled(c):
    return (c.rule.code, c.severity, c.weight, c.options)


def _plain(entries):
    """Plan entries as comparable values (a compiled rule compares by identity)."""
    return {key: attrs.evolve(entry, rules=tuple(_compiled(c) for c in entry.rules))
            for key, entry in entries.items()}


def test_platforms_are_compiled_on_first_use_and_alike_in_any_order():
    lazy, eager = Engine(), Engine()
    assert dict(lazy.plan.compiled) == {}  # building compiled no platform
    for platform in ("xing", "linkedin", "nowhere"):
        lazy.evaluate(make_event("contact_request", "incoming", platform=platform))
    assert {key[0] for key in lazy.plan.compiled} == {"xing", "linkedin"}
    everything = eager.plan.entries  # every installed platform, at once
    assert {key[0] for key in everything} == set(eager.platforms)
    assert _plain(lazy.plan.entries) == _plain(everything)
    assert ([_compiled(c) for c in lazy.plan.due_rules("facebook")]
            == [_compiled(c) for c in eager.plan.due_rules("facebook")])
    assert ([_compiled(c) for c in lazy.plan.due_rules("nowhere")]
            == [_compiled(c) for c in eager.plan.due_rules("generic")])
    assert lazy.plan.entry("nowhere", *next(iter(everything))[1:]).notice is not None


def test_a_platform_is_compiled_once_when_threads_ask_at_once():
    engine = Engine()
    compiled = []
    original = engine.plan._compile

    def counting(*args, **kwargs):
        compiled.append(args[0])
        return original(*args, **kwargs)

    engine.plan._compile = counting  # type: ignore[method-assign]
    event = make_event("contact_request", "incoming", platform="xing")
    threads = [threading.Thread(target=engine.evaluate, args=(event,)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert compiled == ["xing"]
