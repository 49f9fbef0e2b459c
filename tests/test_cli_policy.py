"""``knigge policy init|show|validate``."""

from __future__ import annotations

import re
import tomllib
import types

import pytest
from click.testing import CliRunner

from knigge_engine import Engine, PlatformSpec, hookimpl, load_policy, policy_from_dict
from knigge_engine.cli import main
from knigge_engine.cli.policy import platform_view
from knigge_engine.policy import policy_to_toml
from knigge_engine.presets import PRESETS


def run(*args):
    runner = CliRunner()
    return runner.invoke(main, ["policy", *args], catch_exceptions=False)


def write(tmp_path, text, name="knigge.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------ init


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_init_writes_a_policy_that_validates_and_means_the_preset(tmp_path, preset):
    out = tmp_path / "knigge.toml"
    result = run("init", "--preset", preset, "--output", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert f'extends = "{preset}"' in text
    assert run("validate", str(out)).exit_code == 0
    assert load_policy(out) == policy_from_dict({"extends": preset})


def test_init_explains_every_top_level_key(tmp_path):
    text = run("init", "--output", "-").output
    for key in ("extends", "locale", "strict", "select", "ignore", "extend_select",
                "extend_ignore", "[owner]", "[thresholds]", "[rules.", "[platforms.",
                "[replies.", "[[suppress]]", "[history]", "[plugins]"):
        line = next((ln for ln in text.splitlines() if key in ln), None)
        assert line is not None, f"{key} is not in the template"
    # Every key is introduced by an explaining comment: no two settings without a
    # comment of prose between them at the top level.
    assert text.count("\n# ") > 40


def test_the_commented_values_are_the_presets_values(tmp_path):
    """Uncommenting the thresholds and rule tables must not change what the policy does."""
    text = run("init", "--preset", "selective", "--output", "-").output
    block = re.compile(r"^# (\[(?:thresholds|rules\.[\w-]+)\])$")
    lines, inside = [], False
    for line in text.splitlines():
        header = block.match(line)
        if header:
            inside = True
            lines.append(header.group(1))
            continue
        if inside and re.match(r"^# [\w]+ = ", line):
            lines.append(re.sub(r"  # .*$", "", line[2:]))
            continue
        inside = False
        lines.append(line)
    uncommented = write(tmp_path, "\n".join(lines) + "\n")
    assert "thresholds" in tomllib.loads(uncommented.read_text())
    plain = Engine(policy_from_dict({"extends": "selective"}))
    edited = Engine(load_policy(uncommented))
    assert edited.policy.thresholds == plain.policy.thresholds
    for rule in plain.rules.values():
        assert edited.plan.settings_for(rule, None) == plain.plan.settings_for(rule, None)


def test_init_does_not_overwrite_without_force(tmp_path):
    out = write(tmp_path, "# mine\n")
    result = run("init", "--output", str(out))
    assert result.exit_code == 2
    assert "exists" in result.output and "--force" in result.output
    assert out.read_text() == "# mine\n"
    assert run("init", "--output", str(out), "--force").exit_code == 0
    assert "extends" in out.read_text()


def test_init_with_an_unknown_preset_suggests_one():
    result = run("init", "--preset", "selectve", "--output", "-")
    assert result.exit_code == 2
    assert "did you mean 'selective'" in result.output


# ------------------------------------------------------------------ show


RICH = """\
extends = "selective"
locale = "de"
select = ["KN1", "KN2"]
extend_ignore = ["KN109"]

[owner]
name = "Jana Schröder"
premium = true

[rules.note-too-long]
max_words = 60

[platforms.generic]
select = []
extend_select = ["KN101"]

[platforms.generic.thresholds]
decline = 2.0

[platforms.generic.rules.KN101]
severity = "error"

[replies.de]
ask_reason = "Woher kennen wir uns, {name}?"

[[suppress]]
rule = "KN204"
sender = "x-4711"
reason = "recruits for a partner"
expires = 2031-01-31
"""


def test_show_prints_the_resolved_policy_and_it_round_trips(tmp_path):
    path = write(tmp_path, RICH)
    result = run("show", "--policy", str(path))
    assert result.exit_code == 0, result.output
    shown = result.output
    assert "extends 'selective'" in shown  # said in the header comment ...
    assert not re.search(r"^extends", shown, re.M)  # ... but not a key any more
    data = tomllib.loads(shown)
    # merged from the preset:
    assert data["rules"]["contact-collector"]["max_contacts"] == 4000
    assert data["thresholds"]["ask_first"] == 1.5
    # the file's own settings, and the empty per-platform select kept as such:
    assert data["rules"]["note-too-long"]["max_words"] == 60
    assert data["platforms"]["generic"]["select"] == []
    again = load_policy(write(tmp_path, shown, "shown.toml"))
    assert again == load_policy(path)


def test_show_without_a_file_shows_the_default_preset(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("show")
    assert result.exit_code == 0
    assert tomllib.loads(result.output)["thresholds"]["decline"] == 4.5


def test_policy_to_toml_round_trips_every_preset():
    for name in PRESETS:
        policy = policy_from_dict({"extends": name})
        assert policy_from_dict(tomllib.loads(policy_to_toml(policy))) == policy


def test_show_platform_layers_spec_defaults_rules_and_platform_rules():
    spec = PlatformSpec(name="demo", capabilities={"requests_carry_note": True},
                        rule_defaults={"KN104": {"max_words": 70, "weight": 0.5},
                                       "KN103": {"severity": "info"}})
    plugin = types.ModuleType("demo_platform")
    plugin.knigge_platforms = hookimpl(lambda: [spec])
    policy = policy_from_dict({
        "rules": {"KN104": {"max_words": 60}},
        "platforms": {"demo": {"rules": {"note-too-long": {"max_words_executive": 30}},
                               "ignore": ["KN109"]}},
    })
    engine = Engine(policy, plugins=[plugin], entry_points=False)
    view = tomllib.loads(platform_view(engine, "demo"))
    kn104 = view["rules"]["KN104"]
    assert kn104["max_words"] == 60  # [rules] beats the platform default
    assert kn104["weight"] == 0.5  # the platform default stays where nothing overrides
    assert kn104["max_words_executive"] == 30  # [platforms.demo.rules] beats both
    assert view["rules"]["KN103"]["severity"] == "info"
    assert view["rules"]["KN109"]["runs"] is False
    assert view["rules"]["KN109"]["why_not"] == "ignored by the policy"
    assert view["platform"]["plugin"] == "demo_platform"


def test_show_platform_names_a_missing_capability():
    spec = PlatformSpec(name="noteless", capabilities={"requests_carry_note": False})
    plugin = types.ModuleType("noteless_platform")
    plugin.knigge_platforms = hookimpl(lambda: [spec])
    engine = Engine(policy_from_dict({}), plugins=[plugin], entry_points=False)
    kn101 = tomllib.loads(platform_view(engine, "noteless"))["rules"]["KN101"]
    assert kn101["runs"] is False
    assert "requests_carry_note" in kn101["why_not"]


# ------------------------------------------------------------------ validate


def test_validate_accepts_a_good_policy(tmp_path):
    path = write(tmp_path, RICH)
    result = run("validate", str(path))
    assert result.exit_code == 0, result.output
    assert "is valid" in result.output and "extends 'selective'" in result.output


@pytest.mark.parametrize("text,where,words", [
    ('[rules.KN1044]\nmax_words = 3\n', "rules.KN1044", "did you mean 'KN104'"),
    ('ignore = ["contact-colector"]\n', "ignore", "did you mean 'contact-collector'"),
    ('select = ["XY"]\n', "select", "selects no rule"),
    ('[platforms.generic]\nextend_ignore = ["KN9"]\n', "platforms.generic.extend_ignore",
     "selects no rule"),
    ('[rules.KN104]\nmax_words = "eighty"\n', "rules.KN104.max_words",
     "expected an integer, found 'eighty'"),
    ('[rules.KN104]\nmax_wrds = 3\n', "rules.KN104.max_wrds", "did you mean 'max_words'"),
    ('[rules.KN101]\nseverity = "fatal"\n', "rules.KN101.severity",
     "expected 'info', 'warning' or 'error'"),
    ('[[suppress]]\nrule = "KN204"\nreason = "x"\nexpires = "soon"\n', "suppress[0].expires",
     "expected a date"),
    ('[[suppress]]\nrule = "KN2044"\nreason = "x"\n', "suppress[0].rule",
     "did you mean 'KN204'"),
    ('[thresholds]\ndeclin = 3\n', "thresholds.declin", "did you mean 'decline'"),
])
def test_validate_names_file_key_path_and_reason(tmp_path, text, where, words):
    path = write(tmp_path, text)
    result = run("validate", str(path))
    assert result.exit_code == 2
    assert f"{path}: {where}" in result.output
    assert words in result.output


def test_validate_finds_the_policy_of_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("validate").exit_code == 2  # nothing to validate
    write(tmp_path, 'extends = "open"\n')
    result = run("validate")
    assert result.exit_code == 0 and "knigge.toml is valid" in result.output


def test_validate_a_missing_file():
    result = run("validate", "/nonexistent/knigge.toml")
    assert result.exit_code == 2 and "no such file" in result.output
