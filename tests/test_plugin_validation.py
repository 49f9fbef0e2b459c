"""Bad plugins are reported when the engine is built, naming the plugin and what to fix
(issue "Bad input"): misspelled or unmarked hooks, duplicate rule codes and names, rules
without examples or messages, options a policy cannot set, hooks returning the wrong
thing. A reported plugin's rule is left out; the others still work."""

from __future__ import annotations

import importlib.metadata as md
import re
import sys
import types

import attrs
import pytest

from knigge_engine import (
    Engine,
    EngineError,
    Kind,
    PluginError,
    Policy,
    RuleDefinitionError,
    hookimpl,
    rule,
)
from knigge_engine.plugins import load_plugins
from knigge_engine.testing import make_event

EX_BAD = make_event("contact_request", "outgoing", note="Hallo!!!")
EX_GOOD = make_event("contact_request", "outgoing", note="Hallo.")


def make_rule(code="TV101", name="shouting", **overrides):
    settings = dict(summary="A note shouts.", why="Shouting reads as pressure.",
                    source="tests", kinds=[Kind.CONTACT_REQUEST],
                    messages={"en": "{n} exclamation marks", "de": "{n} Ausrufezeichen"},
                    bad=[EX_BAD], good=[EX_GOOD])
    settings.update(overrides)

    def check(event, ctx):
        n = (event.note or "").count("!")
        return ctx.report(n=n) if n > 1 else None

    return rule(code=code, name=name, **settings)(check)


def plugin(name, **attributes):
    module = types.ModuleType(name)
    for key, value in attributes.items():
        setattr(module, key, value)
    return module


def rules_plugin(name, *rules):
    return plugin(name, knigge_rules=hookimpl(lambda: list(rules)))


def build(*plugins, strict=False):
    return Engine(Policy(), plugins=plugins, entry_points=False, strict=strict)


def only_problem(engine, plugin_name):
    problems = [p for p in engine.problems if p.plugin == plugin_name]
    assert len(problems) == 1, engine.problems
    return problems[0]


# ------------------------------------------------------------------ hooks


def test_a_misspelled_hook_is_named_with_a_suggestion():
    engine = build(plugin("typo_plugin", knigge_rule=hookimpl(lambda: [make_rule()])))
    problem = only_problem(engine, "typo_plugin")
    assert "unknown hook 'knigge_rule'" in problem.reason
    assert "did you mean 'knigge_rules'?" in problem.reason
    assert "TV101" not in engine.rules
    assert str(problem).startswith("plugin 'typo_plugin'")


def test_a_hook_without_hookimpl_is_named_instead_of_being_ignored():
    engine = build(plugin("unmarked_plugin", knigge_rules=lambda: [make_rule()]))
    problem = only_problem(engine, "unmarked_plugin")
    assert "'knigge_rules' is not marked with @hookimpl" in problem.reason
    assert "from knigge_engine import hookimpl" in problem.reason


def test_a_hookimpl_under_a_name_that_is_no_hook_is_named():
    def rules():
        return [make_rule()]

    engine = build(plugin("wrong_name_plugin", rules=hookimpl(rules)))
    assert "unknown hook 'rules'" in only_problem(engine, "wrong_name_plugin").reason


def test_a_wrapper_hook_is_refused_with_a_clear_reason():
    def knigge_rules():
        result = yield
        return result

    bad = plugin("wrapping", knigge_rules=hookimpl(wrapper=True)(knigge_rules))
    engine = build(bad, rules_plugin("fine", make_rule()))
    problem = only_problem(engine, "wrapping")
    assert "'knigge_rules' is a wrapper" in problem.reason and "not support" in problem.reason
    assert "TV101" in engine.rules  # the other plugin still works


def test_a_hookimpl_with_specname_implements_that_hook():
    good = plugin("renamed", provide=hookimpl(specname="knigge_rules")(
        lambda: [make_rule()]))
    engine = build(good)
    assert engine.problems == [] and "TV101" in engine.rules


def test_a_misspelled_specname_is_named():
    bad = plugin("renamed", provide=hookimpl(specname="knigge_rulez")(lambda: [make_rule()]))
    problem = only_problem(build(bad), "renamed")
    assert "unknown hook 'knigge_rulez'" in problem.reason
    assert "did you mean 'knigge_rules'" in problem.reason


def _presets(name, text, **marks):
    return plugin(name, knigge_presets=hookimpl(**marks)(lambda: {"house": text}))


def test_tryfirst_and_trylast_order_the_calls_else_registration_order_wins():
    # Presets: the first plugin to provide a name wins (Engine keeps the first).
    early = _presets("early", 'extends = "default"\nlocale = "de"\n')
    late = _presets("late", 'extends = "default"\nlocale = "en"\n')
    assert build(early, late).presets["house"] == build(early, late).presets["house"]
    assert 'locale = "de"' in build(early, late).presets["house"]
    eager = _presets("eager", 'extends = "default"\nlocale = "en"\n', tryfirst=True)
    assert 'locale = "en"' in build(early, eager).presets["house"]
    shy = _presets("shy", 'extends = "default"\nlocale = "en"\n', trylast=True)
    assert 'locale = "de"' in build(shy, early).presets["house"]
    names = [i.plugin_name for i in build(shy, early, eager).plugins.ordered("knigge_presets")]
    assert names.index("eager") < names.index("early") < names.index("shy")


def test_a_hook_with_a_wrong_argument_name_is_named():
    def knigge_decider(polcy):
        return None

    engine = build(plugin("args_plugin", knigge_decider=hookimpl(knigge_decider)))
    reason = only_problem(engine, "args_plugin").reason
    assert "knigge_decider" in reason and "polcy" in reason


def test_a_hook_returning_something_else_than_rules_is_named():
    engine = build(plugin("dicts_plugin", knigge_rules=hookimpl(lambda: [{"code": "X"}])))
    problem = only_problem(engine, "dicts_plugin")
    assert problem.hook == "knigge_rules"
    assert "not a Rule (use the @rule decorator)" in problem.reason


def test_a_hook_returning_a_non_iterable_is_named():
    engine = build(plugin("none_plugin", knigge_rules=hookimpl(lambda: 42)))
    assert "returned int, expected rules" in only_problem(engine, "none_plugin").reason


def test_a_good_plugin_next_to_a_bad_one_still_works():
    good = rules_plugin("good_plugin", make_rule())
    bad = plugin("typo_plugin", knigge_rule=hookimpl(lambda: []))
    engine = build(bad, good)
    assert "TV101" in engine.rules and engine.rules["TV101"].plugin == "good_plugin"
    assert [p.plugin for p in engine.problems] == ["typo_plugin"]
    a = engine.evaluate(EX_BAD)
    assert "TV101" in {f.code for f in a.findings}


def test_strict_mode_raises_naming_the_plugin():
    with pytest.raises(PluginError, match=r"plugin 'typo_plugin'.*unknown hook"):
        build(plugin("typo_plugin", knigge_rule=hookimpl(lambda: [])), strict=True)


# ------------------------------------------------------------------ duplicates


def test_a_duplicate_code_names_both_plugins_and_rules():
    first = rules_plugin("acme_one", make_rule("TV101", "shouting"))
    second = rules_plugin("acme_two", make_rule("TV101", "yelling"))
    with pytest.raises(EngineError) as info:
        build(first, second)
    message = str(info.value)
    assert "TV101 (yelling) of plugin acme_two" in message
    assert "TV101 (shouting) of plugin acme_one" in message
    assert "rename one or block a plugin" in message


def test_a_duplicate_name_within_one_plugin_is_a_clash():
    twice = rules_plugin("acme_one", make_rule("TV101", "shouting"),
                         make_rule("TV102", "shouting"))
    with pytest.raises(EngineError, match=r"TV102 \(shouting\).*TV101 \(shouting\)"):
        build(twice)


def test_two_plugins_may_not_share_a_rule_name():
    # Names are public API like codes (RULES.md: linkedin-note-over-limit and
    # xing-note-over-limit): a policy key or selector must mean one rule.
    first = rules_plugin("acme_one", make_rule("TV101", "shouting"))
    second = rules_plugin("acme_two", make_rule("TV102", "shouting"))
    with pytest.raises(EngineError, match=r"TV102 \(shouting\).*acme_two.*TV101"):
        build(first, second)


def test_blocking_one_of_two_clashing_plugins_resolves_the_clash():
    first = rules_plugin("acme_one", make_rule("TV101", "shouting"))
    second = rules_plugin("acme_two", make_rule("TV101", "yelling"))
    engine = Engine(Policy(), plugins=[first, second], entry_points=False,
                    blocked=["acme_two"])
    assert engine.rules["TV101"].name == "shouting"


# ------------------------------------------------------------------ examples and messages


@pytest.mark.parametrize("missing", ["bad", "good"])
def test_a_rule_without_an_example_is_named_and_left_out(missing):
    engine = build(rules_plugin("lazy_plugin", make_rule(**{missing: []})))
    problem = only_problem(engine, "lazy_plugin")
    assert f"rule TV101 (shouting) has no {missing} example" in problem.reason
    assert "TV101" not in engine.rules


@pytest.mark.parametrize("messages,missing", [
    ({"en": "shouting"}, "['de']"),
    ({"de": "Geschrei"}, "['en']"),
    ({}, "['de', 'en']"),
])
def test_a_rule_without_messages_in_both_languages_cannot_be_defined(messages, missing):
    with pytest.raises(RuleDefinitionError) as info:
        make_rule(messages=messages)
    assert f"TV101 (shouting): messages lack the locale(s) {missing}" in str(info.value)


def test_a_plugin_module_with_a_rule_without_messages_is_named_when_loaded(tmp_path,
                                                                           monkeypatch):
    (tmp_path / "nomsg_plugin.py").write_text(
        "from knigge_engine import Kind, hookimpl, rule\n"
        "@rule(code='TV109', name='no-messages', summary='s', why='w', source='tests',\n"
        "      kinds=[Kind.CONTACT_REQUEST], messages={'en': 'only English'})\n"
        "def no_messages(event, ctx):\n    return None\n"
        "@hookimpl\ndef knigge_rules():\n    return [no_messages]\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "nomsg_plugin", raising=False)
    ep = md.EntryPoint(name="nomsg", value="nomsg_plugin", group="knigge_engine")
    pset = load_plugins(builtin=False, entry_point_loader=lambda: [ep])
    assert len(pset.problems) == 1
    problem = pset.problems[0]
    assert problem.plugin == "nomsg"
    assert "failed to load nomsg_plugin" in problem.reason
    assert "TV109 (no-messages): messages lack the locale(s) ['de']" in problem.reason


@pytest.mark.parametrize("field,value,words", [
    ("code", "tv101", "must be 2-4 capital letters and 3 digits"),
    ("name", "Shouting Rule", "must be kebab-case"),
    ("why", "  ", "'why' is empty"),
    ("kinds", [], "no event kinds given"),
])
def test_malformed_metadata_is_refused_when_the_rule_is_defined(field, value, words):
    overrides = {field: value}
    code = overrides.pop("code", "TV101")
    name = overrides.pop("name", "shouting")
    with pytest.raises(RuleDefinitionError, match=re.escape(words)):
        make_rule(code, name, **overrides)


# ------------------------------------------------------------------ options


def test_options_must_be_an_attrs_class():
    class Plain:
        limit = 3

    with pytest.raises(RuleDefinitionError, match="options must be an attrs class"):
        make_rule(options=Plain)


def test_an_option_without_a_default_is_named_at_build():
    @attrs.frozen
    class NoDefault:
        limit: int

    engine = build(rules_plugin("opts_plugin", make_rule(options=NoDefault)))
    reason = only_problem(engine, "opts_plugin").reason
    assert "rule TV101 (shouting): its options class NoDefault cannot be made with " \
           "defaults" in reason
    assert "give every option a default value" in reason
    assert "TV101" not in engine.rules


def test_an_option_type_toml_cannot_express_is_named_at_build():
    @attrs.frozen
    class PatternOptions:
        limit: int = 2
        pattern: re.Pattern = re.compile("!+")

    engine = build(rules_plugin("opts_plugin", make_rule(options=PatternOptions)))
    reason = only_problem(engine, "opts_plugin").reason
    assert "option 'pattern' of type Pattern cannot be read from a TOML policy" in reason
    assert "use str, int, float, bool" in reason


def test_defaults_that_do_not_survive_a_policys_round_trip_are_named_at_build():
    def whole_number(instance, attribute, value):
        if type(value) is not int:  # a policy reads a float option as a float
            raise ValueError(f"{attribute.name} must be a whole number")

    @attrs.frozen
    class Fussy:
        ratio: float = attrs.field(default=2, validator=whole_number)

    engine = build(rules_plugin("opts_plugin", make_rule(options=Fussy)))
    reason = only_problem(engine, "opts_plugin").reason
    assert "rule TV101 (shouting): the defaults of Fussy do not survive a round trip " \
           "through a policy" in reason
    assert "ratio must be a whole number" in reason
    assert "TV101" not in engine.rules


def test_an_options_field_under_another_init_name_survives_the_round_trip():
    @attrs.frozen
    class Aliased:
        _limit: int = 3
        extra: tuple[str, ...] = attrs.field(default=("a",))

    engine = build(rules_plugin("opts_plugin", make_rule(options=Aliased)))
    assert not engine.plugins.problems
    assert engine.plan.settings_for(engine.rules["TV101"], None).options == Aliased()


def test_options_with_string_annotations_and_usual_types_are_fine():
    @attrs.frozen
    class Fine:
        limit: int = 2
        words: tuple[str, ...] = ("a", "b")
        ratio: float = 0.5
        label: str | None = None

    engine = build(rules_plugin("opts_plugin", make_rule(options=Fine)))
    assert engine.problems == [] and "TV101" in engine.rules
    tuned = Engine(Policy(rules={"TV101": {"limit": 5, "words": ["x"]}}),
                   plugins=[rules_plugin("opts_plugin", make_rule(options=Fine))],
                   entry_points=False)
    options = tuned.plan.settings_for(tuned.rules["TV101"], None).options
    assert options.limit == 5 and options.words == ("x",)
