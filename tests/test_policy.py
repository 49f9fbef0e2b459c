"""Policies: loading, extends and presets, and every kind of policy error — each naming
the file, the key path, what was expected and what was found."""

from __future__ import annotations

import textwrap

import pytest

from knigge_engine import Direction, Engine, Kind, Policy, PolicyError, Severity, load_policy
from knigge_engine.policy import find_policy, policy_from_dict, policy_to_toml


def write(tmp_path, text, name="knigge.toml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def engine_for(path):
    return Engine(load_policy(path), entry_points=False)


def test_presets_load_and_differ():
    default = policy_from_dict({"extends": "default"})
    selective = policy_from_dict({"extends": "selective"})
    open_ = policy_from_dict({"extends": "open"})
    assert selective.thresholds.decline < default.thresholds.decline < open_.thresholds.decline
    assert open_.rules["hidden-contacts"] == {"enabled": False}


def test_extends_merges_tables_and_replaces_lists(tmp_path):
    write(tmp_path, """
        select = ["KN1"]
        ignore = ["KN109"]
        [rules.KN104]
        max_words = 60
        severity = "info"
        """, "base.toml")
    child = write(tmp_path, """
        extends = "base.toml"
        ignore = ["KN108"]
        extend_ignore = ["KN107"]
        [rules.KN104]
        max_words = 40
        """)
    policy = load_policy(child)
    assert policy.select == ("KN1",)
    assert policy.ignore == ("KN108",)
    assert policy.extend_ignore == ("KN107",)
    assert policy.rules["KN104"] == {"max_words": 40, "severity": "info"}
    assert policy.source == str(child)


def test_pyproject_tool_knigge_is_found(tmp_path):
    write(tmp_path, """
        [project]
        name = "x"
        [tool.knigge]
        extends = "selective"
        locale = "de"
        """, "pyproject.toml")
    sub = tmp_path / "sub"
    sub.mkdir()
    found = find_policy(sub)
    assert found == tmp_path / "pyproject.toml"
    assert load_policy(found).locale == "de"


def test_knigge_toml_wins_over_pyproject_in_the_same_folder(tmp_path):
    write(tmp_path, '[tool.knigge]\nlocale = "de"\n', "pyproject.toml")
    write(tmp_path, 'locale = "en"\n')
    assert load_policy(find_policy(tmp_path)).locale == "en"


def test_policy_round_trips_through_toml(tmp_path):
    policy = policy_from_dict({"extends": "selective", "locale": "de",
                               "platforms": {"generic": {"thresholds": {"decline": 2.0}}}})
    shown = policy_to_toml(policy)
    again = load_policy(write(tmp_path, shown))
    assert again == policy


# ------------------------------------------------------------------ errors


@pytest.mark.parametrize("text,path,words", [
    ('locale = "Deutsch"\n', "locale",
     "expected 'auto' or a locale code like 'de', found 'Deutsch'"),
    ('locale = 7\n', "locale", "expected 'auto' or a locale code"),
    ('[platforms.generic]\nform = "Sie!"\n', "platforms.generic.form",
     "expected a form of address"),
    ('[platforms.generic.thresholds]\ndecline = "high"\n',
     "platforms.generic.thresholds.decline", "expected a number"),
    ('selct = ["KN1"]\n', "selct", "did you mean 'select'"),
    ('[thresholds]\ndecline = "high"\n', "thresholds.decline", "expected a number"),
    ('[thresholds]\ndeclin = 3\n', "thresholds.declin", "did you mean 'decline'"),
    ('strict = "yes"\n', "strict", "expected true or false"),
    ('select = [1, 2]\n', "select", "expected a list of strings"),
    ('[platforms.generic]\nenabeld = false\n', "platforms.generic.enabeld",
     "did you mean 'enabled'"),
    ('[history]\npath = 3\n', "history.path", "expected a string"),
    ('extends = "selectiv"\n', "extends", "did you mean 'selective'"),
    ('extends = "missing.toml"\n', "extends", "does not exist"),
    ('[[suppress]]\nrule = "KN101"\n', "suppress[0].reason", "required"),
])
def test_policy_errors_name_file_key_and_reason(tmp_path, text, path, words):
    file = write(tmp_path, text)
    with pytest.raises(PolicyError) as info:
        load_policy(file)
    err = info.value
    assert err.source == str(file)
    assert err.path == path, str(err)
    assert words in err.reason, str(err)
    assert str(file) in str(err) and path in str(err)


def test_invalid_toml_names_the_line(tmp_path):
    file = write(tmp_path, 'locale = "de"\n[rules\n')
    with pytest.raises(PolicyError) as info:
        load_policy(file)
    assert "line 2" in str(info.value) and str(file) in str(info.value)


def test_extends_cycle_is_an_error(tmp_path):
    write(tmp_path, 'extends = "b.toml"\n', "a.toml")
    write(tmp_path, 'extends = "a.toml"\n', "b.toml")
    with pytest.raises(PolicyError, match="cycle"):
        load_policy(tmp_path / "a.toml")


def test_pyproject_without_tool_knigge_is_an_error(tmp_path):
    file = write(tmp_path, '[project]\nname = "x"\n', "pyproject.toml")
    with pytest.raises(PolicyError, match=r"no \[tool.knigge\]"):
        load_policy(file)


def test_missing_file_is_an_error(tmp_path):
    with pytest.raises(PolicyError, match="no such file"):
        load_policy(tmp_path / "nope.toml")


@pytest.mark.parametrize("text,path,words", [
    ('[rules.KN1O4]\nmax_words = 3\n', "rules.KN1O4", "did you mean 'KN104'"),
    ('[rules.note-to-long]\nmax_words = 3\n', "rules.note-to-long",
     "did you mean 'note-too-long'"),
    ('select = ["KN9"]\n', "select", "selects no rule"),
    ('ignore = ["missing-gretting"]\n', "ignore", "did you mean 'missing-greeting'"),
    ('[rules.KN104]\nmax_word = 3\n', "rules.KN104.max_word", "did you mean 'max_words'"),
    ('[rules.KN104]\nmax_words = "many"\n', "rules.KN104.max_words", "expected an integer"),
    ('[rules.KN104]\nseverity = "fatal"\n', "rules.KN104.severity", "'info', 'warning'"),
    ('[rules.KN104]\nweight = "heavy"\n', "rules.KN104.weight", "expected a number"),
    ('[rules.KN101]\nlimit = 3\n', "rules.KN101.limit", "has no option 'limit'"),
    ('[rules.KN111]\nform = "ihr"\n', "rules.KN111.form", "expected 'sie' or 'du'"),
    ('[platforms.generic.rules.KN104]\nmax_words = -1.5\n',
     "platforms.generic.rules.KN104.max_words", "expected an integer"),
    ('[replies.de]\nask_reson = "x"\n', "replies.de.ask_reson", "unknown reply"),
    ('[replies.fr]\nask_reason = "x"\n', "replies.fr", "locale"),
    ('locale = "fr"\n', "locale",
     "no installed plugin provides the locale 'fr'; expected one of 'auto', 'de', 'en'"),
    ('[platforms.generic]\nlocale = "dee"\n', "platforms.generic.locale",
     "the locale 'dee' (did you mean 'de'?)"),
    ('[platforms.generic]\nform = "ihr"\n', "platforms.generic.form",
     "expected 'du' or 'sie', found 'ihr'"),
    ('[rules.KN104]\nweight = inf\n', "rules.KN104.weight", "expected a finite number"),
    ('[rules.KN104]\nenabled = "no"\n', "rules.KN104.enabled", "expected true or false"),
    ('[platforms.generic.rules.KN104]\nseverity = 2\n',
     "platforms.generic.rules.KN104.severity", "expected 'info', 'warning' or 'error'"),
])
def test_engine_level_policy_errors_name_key_and_suggest(tmp_path, text, path, words):
    file = write(tmp_path, text)
    with pytest.raises(PolicyError) as info:
        engine_for(file)
    assert info.value.path == path, str(info.value)
    assert words in str(info.value)
    assert info.value.source == str(file)


def test_every_bad_rule_setting_is_named_at_once(tmp_path):
    """The settings are read by the policy's converter: each bad value of every layer
    is a problem with file, key path and reason, and the good ones still count."""
    file = write(tmp_path, """
        [rules.KN104]
        severity = "fatal"
        weight = "heavy"
        enabled = 1
        [platforms.generic.rules.KN104]
        weight = nan
        """)
    with pytest.raises(PolicyError) as info:
        engine_for(file)
    found = {p.path: p.reason for p in info.value.problems}
    assert {p.source for p in info.value.problems} == {str(file)}
    assert found == {
        "rules.KN104.severity": "expected 'info', 'warning' or 'error', found 'fatal'",
        "rules.KN104.weight": "expected a number, found 'heavy'",
        "rules.KN104.enabled": "expected true or false, found 1",
        "platforms.generic.rules.KN104.weight": "expected a finite number, found nan",
    }, found


def test_platform_thresholds_are_a_partial_class(tmp_path):
    from knigge_engine.policy import PartialThresholds

    policy = load_policy(write(tmp_path, "[platforms.generic.thresholds]\ndecline = 2.0\n"))
    partial = policy.platforms["generic"].thresholds
    assert partial == PartialThresholds(decline=2.0) and partial
    assert not PartialThresholds()
    merged = partial.over(policy.thresholds)
    assert merged.decline == 2.0 and merged.ask_first == policy.thresholds.ask_first
    assert policy.to_dict()["platforms"]["generic"]["thresholds"] == {"decline": 2.0}
    entry = engine_for(tmp_path / "knigge.toml").plan.entry(
        "generic", Kind.CONTACT_REQUEST, Direction.INCOMING, None)
    assert entry.thresholds == merged


def test_resolve_checks_a_policy_against_a_catalogue_without_an_engine():
    """The policy layer resolves a policy against what is installed; the plan compiles
    the result (issue 14.2)."""
    from knigge_engine.builtin import GENERIC, RULES
    from knigge_engine.resolve import Catalogue, resolve

    catalogue = Catalogue({r.code: r for r in RULES}, {"generic": GENERIC})
    resolved = resolve(policy_from_dict({"select": ["kn1"], "rules": {
        "note-too-long": {"weight": 2, "max_words": 10}}}), catalogue)
    assert resolved.policy.select == ("KN1",)  # spelled as the catalogue spells it
    settings = resolved.settings_for(catalogue.rules["KN104"], "generic")
    assert (settings.weight, settings.options.max_words) == (2.0, 10)
    assert resolved.why_not(catalogue.rules["KN201"], "generic") == \
        "not selected by the policy"
    with pytest.raises(PolicyError) as info:
        resolve(policy_from_dict({"locale": "nl", "select": ["KN9"], "rules": {
            "KN104": {"severity": "fatal"}}}), catalogue)
    assert {p.path for p in info.value.problems} == {
        "locale", "select", "rules.KN104.severity"}


def test_per_rule_settings_apply(tmp_path):
    engine = engine_for(write(tmp_path, """
        [rules.KN104]
        severity = "error"
        weight = 2.5
        max_words = 10
        """))
    event = {"kind": "contact_request", "id": "r", "platform": "generic",
             "direction": "outgoing", "at": "2026-11-02T09:15:00+01:00",
             "sender": {"id": "me"}, "recipient": {"id": "u"},
             "note": "Hallo Frau Weber, ich bin Jana und schreibe Ihnen wegen Ihres Vortrags "
                     "über Logistik in Bremen."}
    found = [f for f in engine.evaluate(event).findings if f.code == "KN104"]
    assert found and found[0].severity is Severity.ERROR and found[0].weight == 2.5


def test_select_ignore_specificity_like_ruff():
    engine = Engine(policy_from_dict({"select": ["KN1"], "ignore": ["KN10"],
                                      "extend_select": ["KN104"]}), entry_points=False)
    rule = engine.rules["KN101"]
    entry = engine.plan.entry("generic", next(iter(rule.kinds)), next(iter(rule.directions)),
                              True)
    running = {c.code for c in entry.rules}
    assert "KN104" in running  # exact code beats the KN10 prefix
    assert "KN101" not in running and "KN109" not in running  # KN10 beats KN1
    assert "KN111" in running and "KN201" not in running
    why = engine.plan.why_not
    assert why(engine.rules["KN104"], "generic") == ""
    assert why(engine.rules["KN101"], "generic") == "ignored by the policy"
    assert why(engine.rules["KN201"], "generic") == "not selected by the policy"


def test_platform_override_and_disable():
    import types

    from knigge_engine import PlatformSpec, hookimpl

    other_plugin = types.ModuleType("other_platform")
    other_plugin.knigge_platforms = hookimpl(lambda: [PlatformSpec(name="other")])
    policy = policy_from_dict({"platforms": {"generic": {"ignore": ["KN101"]},
                                             "other": {"enabled": False}}})
    engine = Engine(policy, plugins=[other_plugin], entry_points=False)
    base = {"kind": "contact_request", "id": "r", "direction": "outgoing",
            "at": "2026-11-02T09:15:00+01:00", "sender": {"id": "me"},
            "recipient": {"id": "u"}, "note": None}
    generic = engine.evaluate({**base, "platform": "generic"})
    assert "KN101" not in {f.code for f in generic.findings}
    other = engine.evaluate({**base, "platform": "other"})
    assert other.findings == ()  # disabled: read and assessed, no rule ran


def test_a_platform_table_no_plugin_provides_is_an_error_with_did_you_mean():
    policy = policy_from_dict({"platforms": {"genric": {"enabled": False}}},
                              source="k.toml")
    with pytest.raises(PolicyError) as info:
        Engine(policy, entry_points=False)
    err = info.value
    assert (err.source, err.path) == ("k.toml", "platforms.genric")
    assert "did you mean 'generic'?" in err.reason and "installed platforms" in err.reason


def test_a_platform_table_of_a_plugin_left_out_is_no_error():
    # --disable-plugin linkedin with a policy that has [platforms.linkedin]: the table
    # is not a typo, the plugin is merely switched off for this run.
    policy = policy_from_dict({"platforms": {"linkedin": {"enabled": False}}})
    assert Engine(policy, blocked=["linkedin"]).policy.platforms["linkedin"].enabled is False


def test_default_policy_is_used_without_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    policy = load_policy()
    assert policy.extends == "default" and policy.thresholds == Policy().thresholds
