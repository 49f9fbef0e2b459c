"""The pytest plugin for rule authors (``knigge_engine.testing``), run the way an author
runs it: pytest's ``pytester`` writes a plugin and its test file into a temporary
folder and runs pytest on it, and the tests read the outcome and the printed output."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

# A tiny plugin in the shape an author writes, with a switch to break its good example.
PLUGIN = '''
import attrs
from knigge_engine import Direction, Kind, hookimpl, rule
from knigge_engine.testing import make_event


@attrs.frozen
class ShoutOptions:
    max_exclamations: int = 2


BAD = make_event("contact_request", "outgoing", note="Hallo!!! Lass uns vernetzen!!!")
GOOD = make_event("contact_request", "outgoing", note={good_note!r})


@rule(code="TT101", name="too-many-exclamations",
      summary="A first note shouts with exclamation marks.",
      why="Shouting reads as pressure (test plugin).", source="tests",
      kinds=[Kind.CONTACT_REQUEST], directions=[Direction.OUTGOING],
      options=ShoutOptions,
      messages={{"en": "The note has {{count}} exclamation marks (at most {{limit}}).",
                 "de": "Die Notiz hat {{count}} Ausrufezeichen (höchstens {{limit}})."}},
      bad=[BAD], good=[GOOD])
def too_many_exclamations(event, ctx):
    count = (event.note or "").count("!")
    if count > ctx.options.max_exclamations:
        return ctx.report(count=count, limit=ctx.options.max_exclamations)


@hookimpl
def knigge_rules():
    return [too_many_exclamations]
'''

OK_NOTE = "Hallo Frau Roth, ich bin Jana und würde mich gern vernetzen."


def make_plugin(pytester, good_note=OK_NOTE, name="tt_plugin"):
    pytester.makepyfile(**{name: PLUGIN.format(good_note=good_note)})
    pytester.syspathinsert()


def test_the_fixtures_are_available_without_any_import(pytester):
    pytester.makepyfile("""
        def test_fixtures(knigge_engine, knigge_engine_factory, knigge_event, knigge_profile):
            assert "KN101" in knigge_engine.rules
            assert knigge_profile("u-7", name="Ada")["name"] == "Ada"
            event = knigge_event("contact_request", "outgoing", note=None)
            assert event["sender"]["id"] == "me"
            assert knigge_engine_factory(builtin=False).rules == {}
    """)
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_the_one_line_example_check_collects_one_test_per_example(pytester):
    make_plugin(pytester)
    pytester.makepyfile(test_examples="""
        import tt_plugin
        from knigge_engine.testing import rule_examples_test

        test_examples = rule_examples_test(tt_plugin)
    """)
    result = pytester.runpytest("-v", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=2)  # one bad, one good; no built-in rule examples
    result.stdout.fnmatch_lines(["*test_examples?TT101-bad0? PASSED*",
                                 "*test_examples?TT101-good0? PASSED*"])


def test_a_good_example_that_fires_fails_naming_rule_example_and_message(pytester):
    make_plugin(pytester, good_note="Hallo Frau Roth!!! Ich bin Jana!")
    pytester.makepyfile(test_examples="""
        import tt_plugin
        from knigge_engine.testing import rule_examples_test

        test_examples = rule_examples_test(tt_plugin)
    """)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines([
        "*good example 0 of TT101: expected TT101 (too-many-exclamations) to stay silent, "
        "but it fired: Die Notiz hat 4 Ausrufezeichen (höchstens 2).*",
    ])


def test_a_plugin_without_rules_fails_instead_of_passing_quietly(pytester):
    pytester.makepyfile(empty_plugin="x = 1\n", test_examples="""
        import empty_plugin
        from knigge_engine.testing import rule_examples_test

        test_examples = rule_examples_test(empty_plugin)
    """)
    pytester.syspathinsert()
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["*no rule with examples from plugin(s) ?'empty_plugin'?; plugin problems: none*"])


def test_the_marker_names_plugins_and_policy_for_the_engine_fixture(pytester):
    make_plugin(pytester)
    pytester.makepyfile("""
        import pytest
        import tt_plugin
        from knigge_engine.testing import assert_fires, assert_silent

        NOTE = "Hallo!!! Ich bin Jana!"

        @pytest.mark.knigge(plugins=[tt_plugin])
        def test_default_options(knigge_engine, knigge_event):
            assert_fires(knigge_engine, knigge_event("contact_request", "outgoing",
                                                     note=NOTE), "TT101", contains="4")

        @pytest.mark.knigge(plugins=[tt_plugin],
                            policy={"rules": {"too-many-exclamations": {
                                "max_exclamations": 5}}})
        def test_policy_options(knigge_engine, knigge_event):
            assert knigge_engine.rule("TT101").plugin == "tt_plugin"
            assert_silent(knigge_engine, knigge_event("contact_request", "outgoing",
                                                      note=NOTE), "TT101")

        @pytest.mark.knigge(plugins=[tt_plugin], builtin=False)
        def test_only_the_named_plugin(knigge_engine):
            assert list(knigge_engine.rules) == ["TT101"]
    """)
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=3)


def test_a_failing_assert_fires_names_the_rule_what_fired_and_why_it_was_skipped(pytester):
    pytester.makepyfile("""
        from knigge_engine.testing import assert_fires

        def test_expect_missing_note_on_an_incoming_request(knigge_engine, knigge_event):
            event = knigge_event("contact_request", "incoming", id="in-7", note=None,
                                 sender={"contact_count": 9000})
            assert_fires(knigge_engine, event, "missing-note")
    """)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "*expected KN101 (missing-note) to fire, but it did not*",
        "*assessment of event 'in-7' (generic incoming contact_request)*",
        "*what fired:*",
        "*KN201 incoming-without-note (info, weight +*",
        "*KN204 contact-collector (warning, weight +*9,000*",
        "*KN101 in the trace: not applicable (applies to outgoing contact_request)*",
    ])


def test_a_failing_assert_silent_quotes_what_the_rule_said(pytester):
    pytester.makepyfile("""
        from knigge_engine.testing import assert_silent

        def test_expect_no_finding(knigge_engine, knigge_event):
            event = knigge_event("contact_request", "outgoing", note=None)
            assert_silent(knigge_engine, event, "KN101")
    """)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "*expected KN101 (missing-note) to stay silent, but it fired: The request has no "
        "note*",
        "*KN101 in the trace: fired*",
    ])


def test_assert_fires_with_contains_names_what_the_message_said(pytester):
    pytester.makepyfile("""
        from knigge_engine.testing import assert_fires

        def test_wrong_evidence(knigge_engine, knigge_event):
            event = knigge_event("contact_request", "incoming", note=None,
                                 sender={"contact_count": 9000})
            assert_fires(knigge_engine, event, "KN204", contains="12345")
    """)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*KN204 (contact-collector) fired, but no message contains "
                                 "'12345'; it said:*", "*9,000*"])


def test_an_unknown_rule_code_is_a_clear_error(pytester):
    pytester.makepyfile("""
        from knigge_engine.testing import assert_fires

        def test_typo(knigge_engine, knigge_event):
            assert_fires(knigge_engine, knigge_event(), "KN2O1")
    """)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*no rule 'KN2O1' (did you mean 'KN201'?)*"])


def test_a_crashing_rule_fails_the_test_with_its_own_error(pytester):
    pytester.makepyfile(crashy="""
        from knigge_engine import Kind, hookimpl, rule
        from knigge_engine.testing import make_event

        EX = make_event(note="Hallo")

        @rule(code="TC101", name="crashes", summary="Crashes.", why="Tests.",
              source="tests", kinds=[Kind.CONTACT_REQUEST],
              messages={"en": "x", "de": "x"}, bad=[EX], good=[EX])
        def crashes(event, ctx):
            return {}["missing"]

        @hookimpl
        def knigge_rules():
            return [crashes]
    """, test_crash="""
        import pytest
        import crashy

        @pytest.mark.knigge(plugins=[crashy])
        def test_it(knigge_engine, knigge_event):
            knigge_engine.evaluate(knigge_event())
    """)
    pytester.syspathinsert()
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*KeyError: 'missing'*"])


@pytest.mark.knigge(policy="selective")
def test_the_marker_accepts_a_preset_name(knigge_engine):
    assert knigge_engine.policy.thresholds.decline == 3.0
