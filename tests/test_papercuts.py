"""Papercuts of the command line and the API (issue 15, point 4), each through the real
command (click's CliRunner or a subprocess), the installed plugins and real files."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from knigge_engine import Engine, PolicyError, load_policy, policy_from_dict
from knigge_engine.cli import main
from knigge_engine.history import SQLiteHistory
from knigge_engine.plan import UNKNOWN_PLATFORM

ROOT = Path(__file__).resolve().parents[1]
INBOX = ROOT / "examples" / "inbox.jsonl"
NOW = "2026-11-25T09:00:00+01:00"

#: An incoming request KN204 (contact collector) fires on: 4,500 contacts, no note.
COLLECTOR = {
    "kind": "contact_request", "id": "r-1", "platform": "generic",
    "direction": "incoming", "at": "2026-11-02T09:15:00+01:00",
    "sender": {"id": "u-42", "name": "Max Beispiel", "headline": "tba",
               "contact_count": 4500},
    "recipient": {"id": "me"}, "note": None,
}


def cli(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def codes(assessment) -> set[str]:
    return {f.code for f in assessment.findings}


@pytest.fixture(scope="module")
def history_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hist") / "h.sqlite3"
    result = cli("check", str(INBOX), "--history", str(path), "--fail-on", "never")
    assert result.exit_code == 0, result.stderr
    return path


# ------------------------------------------------------------ 1. rule codes, any case


def test_explain_takes_a_code_or_name_in_any_case():
    upper = cli("explain", "KN204")
    assert upper.exit_code == 0
    for spelling in ("kn204", "Kn204", "CONTACT-COLLECTOR"):
        result = cli("explain", spelling)
        assert result.exit_code == 0, result.stderr
        assert result.output == upper.output


def test_due_rule_option_takes_a_code_in_any_case(history_file):
    everything = cli("due", "--history", str(history_file), "--now", NOW, "--format",
                     "json", "--horizon", "0", "--fail-on", "never")
    items = json.loads(everything.stdout)["items"]
    code = items[0]["code"]
    expected = [i for i in items if i["code"] == code]
    lower = cli("due", "--history", str(history_file), "--now", NOW, "--format", "json",
                "--horizon", "0", "--fail-on", "never", "--rule", code.lower())
    assert lower.exit_code == 0, lower.stderr
    assert json.loads(lower.stdout)["items"] == expected


def test_policy_rule_references_are_case_insensitive(tmp_path):
    engine = Engine(policy_from_dict({"rules": {"kn204": {"severity": "error"}}}))
    kn204 = next(f for f in engine.evaluate(COLLECTOR).findings if f.code == "KN204")
    assert kn204.severity.value == "error"
    assert "KN204" not in codes(Engine(policy_from_dict({"ignore": ["kn204"]}))
                                .evaluate(COLLECTOR))
    selected = Engine(policy_from_dict({"select": ["kn2"]})).evaluate(COLLECTOR)
    assert codes(selected) and all(c.startswith("KN2") for c in codes(selected))
    suppressed = Engine(policy_from_dict(
        {"suppress": [{"rule": "kn204", "reason": "we know him"}]})).evaluate(COLLECTOR)
    assert "KN204" not in codes(suppressed)
    on_platform = Engine(policy_from_dict(
        {"platforms": {"generic": {"rules": {"Kn204": {"enabled": False}}}}}))
    assert "KN204" not in codes(on_platform.evaluate(COLLECTOR))
    # One policy spelling both ways (a parent's [rules.KN204], the child's [rules.kn204])
    # is one table, the child's keys winning.
    parent = tmp_path / "parent.toml"
    parent.write_text('[rules.KN204]\nseverity = "info"\nmax_contacts = 1000\n')
    child = tmp_path / "knigge.toml"
    child.write_text('extends = "parent.toml"\n[rules.kn204]\nseverity = "error"\n')
    engine = Engine(child)
    assert engine.policy.rules["KN204"] == {"severity": "error", "max_contacts": 1000}


def test_policy_show_prints_rule_codes_as_the_rules_spell_them(tmp_path):
    path = tmp_path / "knigge.toml"
    path.write_text('select = ["kn1", "all"]\n[rules.kn104]\nmax_words = 90\n')
    result = cli("policy", "show", str(path))
    assert result.exit_code == 0, result.stderr
    assert '"KN1"' in result.output and '"ALL"' in result.output
    assert "[rules.KN104]" in result.output and "kn104" not in result.output


def test_engine_due_takes_rule_codes_in_any_case(history_file):
    engine = Engine()
    now = dt.datetime.fromisoformat(NOW)
    with SQLiteHistory(history_file, readonly=True) as history:
        everything = engine.due(now, history, horizon_days=0)
        code = everything[0].code
        lower = engine.due(now, history, rules=[code.lower()], horizon_days=0)
    assert [i.code for i in lower] == [i.code for i in everything if i.code == code]


# ------------------------------------------------------------ 2. policy init to stdout


def test_policy_init_prints_to_standard_output_by_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("policy", "init", "--preset", "selective")
    assert result.exit_code == 0, result.stderr
    assert 'extends = "selective"' in result.output
    assert list(tmp_path.iterdir()) == []  # no file written behind the user's back
    assert cli("policy", "init", "-o", "-").output == cli("policy", "init").output


def test_policy_init_redirected_into_knigge_toml_validates(tmp_path):
    # The shell creates (empty) knigge.toml before knigge starts: this used to refuse.
    knigge = [sys.executable, "-m", "knigge_engine.cli"]
    cmd = " ".join(knigge) + " policy init --preset open > knigge.toml"
    done = subprocess.run(cmd, shell=True, cwd=tmp_path, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert load_policy(tmp_path / "knigge.toml").extends == "open"
    check = subprocess.run([*knigge, "policy", "validate"], cwd=tmp_path,
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stderr


def test_policy_init_with_output_still_writes_and_refuses_to_overwrite(tmp_path):
    out = tmp_path / "mine.toml"
    assert cli("policy", "init", "-o", str(out)).exit_code == 0
    assert load_policy(out).extends == "default"
    again = cli("policy", "init", "-o", str(out))
    assert again.exit_code == 2 and "--force" in again.stderr


# ------------------------------------------------------------ 3. every policy problem


BROKEN = """\
select = ["KN999"]
ignore = ["XX1"]
horizon_days = "soon"
[thresholds]
revise = "a"
[platforms.linkdin]
enabled = true
[rules.KN204]
bogus = 1
severity = "loud"
[[suppress]]
rule = "KN104"
reason = "ok"
expires = "never"
"""

BROKEN_KEYS = ["select", "ignore", "horizon_days", "thresholds.revise", "platforms.linkdin",
               "rules.KN204.bogus", "rules.KN204.severity", "suppress[0].expires"]


def test_policy_validate_reports_every_problem_of_a_file_at_once(tmp_path):
    path = tmp_path / "knigge.toml"
    path.write_text(BROKEN)
    result = cli("policy", "validate", str(path))
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == f"knigge: error: policy: {len(BROKEN_KEYS)} problems"
    for key in BROKEN_KEYS:
        assert any(line.startswith(f"knigge: error: policy: {path}: {key}: ")
                   for line in lines), (key, result.stderr)
    linkdin = next(line for line in lines if "platforms.linkdin" in line)
    assert "did you mean 'linkedin'?" in linkdin


def test_check_reports_every_policy_problem_and_reads_nothing(tmp_path):
    path = tmp_path / "knigge.toml"
    path.write_text(BROKEN)
    result = cli("check", str(INBOX), "--policy", str(path))
    assert result.exit_code == 2 and result.stdout == ""
    assert sum("knigge: error: policy:" in line for line in result.stderr.splitlines()) \
        == len(BROKEN_KEYS) + 1


def test_policy_error_lists_its_problems_in_the_api(tmp_path):
    path = tmp_path / "knigge.toml"
    path.write_text(BROKEN)
    with pytest.raises(PolicyError) as info:
        Engine(path)
    assert sorted(p.path for p in info.value.problems) == sorted(BROKEN_KEYS)
    assert all(p.source == str(path) for p in info.value.problems)
    # The file's own problems come from the loader alone, too (no plugins needed).
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    assert {p.path for p in info.value.problems} == {"horizon_days", "thresholds.revise",
                                                     "suppress[0].expires"}


def test_the_validate_sample_in_the_cli_docs_is_what_the_tool_prints(tmp_path, monkeypatch):
    sample = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8").split(
        "  ```console\n  $ knigge policy validate knigge.toml\n"
        "  knigge: error: policy: 3 problems\n", 1)[1].split("  ```", 1)[0]
    expected = ["knigge: error: policy: 3 problems",
                *(line.strip() for line in sample.splitlines())]
    monkeypatch.chdir(tmp_path)
    Path("knigge.toml").write_text(
        'select = ["KN999"]\n[thresholds]\nrevise = "a"\n[platforms.linkdin]\nenabled = true\n')
    result = cli("policy", "validate", "knigge.toml")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == expected


@pytest.mark.parametrize("text,key,reason", [
    ('owner = "me"\n', "owner", "expected a table"),
    ("owner = 5\n", "owner", "expected a table"),
    ("[owner]\nid = 5\n", "owner.id", "expected a string"),
    ('[owner]\nid = "me"\npremium = "yes"\n', "owner.premium", "expected"),
    ('[owner]\nid = "me"\ncontact_count = "many"\n', "owner.contact_count", "expected"),
])
def test_an_owner_value_of_the_wrong_type_is_a_policy_error(tmp_path, text, key, reason):
    path = tmp_path / "knigge.toml"
    path.write_text(text)
    for args in (("policy", "validate", str(path)),
                 ("check", str(INBOX), "--policy", str(path))):
        result = cli(*args)
        assert result.exit_code == 2, result.stderr  # not 3, an internal error
        assert f"policy: {path}: {key}: {reason}" in result.stderr
        assert "Traceback" not in result.stderr


def test_an_owner_of_the_wrong_type_in_a_policy_built_in_python_is_a_policy_error():
    from knigge_engine import Policy

    with pytest.raises(PolicyError) as info:
        Engine(Policy(owner={"id": 5}))
    assert info.value.path == "owner.id" and "expected a string" in info.value.reason


def test_a_platform_table_no_plugin_provides_is_an_error(tmp_path):
    path = tmp_path / "knigge.toml"
    path.write_text("[platforms.linkdin]\nenabled = false\n")
    result = cli("policy", "validate", str(path))
    assert result.exit_code == 2
    assert (f"policy: {path}: platforms.linkdin: no installed plugin provides the "
            "platform 'linkdin' (did you mean 'linkedin'?)") in result.stderr
    # The same table for a plugin that is only left out for this run is fine.
    path.write_text("[platforms.linkedin]\nenabled = false\n")
    assert cli("policy", "validate", str(path), "--disable-plugin", "linkedin").exit_code == 0


def test_an_optional_platform_table_is_no_error_where_its_plugin_is_missing(tmp_path):
    # A policy shared with colleagues who have the XING plugin: the table says so.
    path = tmp_path / "knigge.toml"
    path.write_text('[platforms.xing]\nlocale = "de"\noptional = true\n'
                    '[platforms.linkdin]\noptional = true\n')
    assert cli("policy", "validate", str(path)).exit_code == 0  # linkdin: optional
    engine = Engine(path, entry_points=False)
    assert engine.policy.platforms["xing"].locale == "de"
    # Without optional = true, the same table is an error where the plugin is missing.
    path.write_text('[platforms.xing]\nlocale = "de"\n')
    with pytest.raises(PolicyError, match=r"platforms\.xing: no installed plugin"):
        Engine(path, entry_points=False)


# ------------------------------------------------------------ 4. unknown platform


def test_unknown_platform_notice_suggests_an_installed_one_and_no_package():
    engine = Engine(policy_from_dict({}))
    notice = next(f for f in engine.evaluate({**COLLECTOR, "platform": "linkdin"}).findings
                  if f.code == "KE002")
    assert "'linkdin' (did you mean 'linkedin'?)" in notice.message
    assert "linkedin" in notice.message and "xing" in notice.message  # installed ones
    assert notice.evidence["did_you_mean"] == "linkedin"
    de = Engine(policy_from_dict({"locale": "de"}))
    notice_de = next(f for f in de.evaluate({**COLLECTOR, "platform": "xign"}).findings
                     if f.code == "KE002")
    assert "(meinten Sie 'xing'?)" in notice_de.message
    for message in (notice.message, notice_de.message):
        assert "pip install" not in message and "knigge-linkdin" not in message


def test_unknown_platform_notice_quotes_a_long_name_elided():
    name = "x" * 500
    notice = next(f for f in Engine(policy_from_dict({})).evaluate(
        {**COLLECTOR, "platform": name}).findings if f.code == "KE002")
    assert "x" * 60 not in notice.message and "…" in notice.message


def test_nothing_advises_installing_a_package_named_after_the_input():
    # A package name made up from user input is a typosquatting trap.
    for template in UNKNOWN_PLATFORM.messages.values():
        assert "pip" not in template
    made_up = re.compile(r"pip install [^\n`]*\{")
    for path in [*ROOT.glob("src/**/*.py"), *ROOT.glob("plugins/*/src/**/*.py"),
                 *ROOT.glob("docs/**/*.md")]:
        assert not made_up.search(path.read_text(encoding="utf-8")), path


# ------------------------------------------------------------ 5. paths


def test_a_missing_path_is_a_usage_error_before_anything_is_read(tmp_path):
    history = tmp_path / "h.sqlite3"
    result = cli("check", str(INBOX), str(tmp_path / "missing.jsonl"), "--history",
                 str(history))
    assert result.exit_code == 2
    assert f"{tmp_path / 'missing.jsonl'}: no such file or folder" in result.stderr
    assert result.stdout == "" and not history.exists()  # nothing read, nothing recorded


def test_a_file_no_importer_recognises_names_the_importers_tried(tmp_path):
    odd = tmp_path / "notes.txt"
    odd.write_text("hello\n")
    result = cli("check", str(odd))
    assert result.exit_code == 2
    line = next(x for x in result.stderr.splitlines() if "notes.txt" in x)
    assert "importers tried:" in line
    for name in ("jsonl", "json", "linkedin-export", "facebook", "xing-csv"):
        assert name in line


# ------------------------------------------------------------ 6. --timezone


@pytest.mark.parametrize("text,offset", [
    ("Europe/Berlin", 60), ("europe/berlin", 60), ("UTC", 0), ("Z", 0), ("+01:00", 60),
    ("-0530", -330), ("+05", 300), ("UTC+02:00", 120),
])
def test_timezones_as_iana_names_or_fixed_offsets(text, offset):
    from knigge_engine.io import parse_timezone

    zone = parse_timezone(text)
    at = dt.datetime(2026, 11, 2, 9, 15, tzinfo=zone)
    assert at.utcoffset() == dt.timedelta(minutes=offset)


def test_a_timezone_typo_gets_did_you_mean():
    from knigge_engine.io import TimezoneError, parse_timezone

    with pytest.raises(TimezoneError, match=r"did you mean 'Europe/Berlin'\?"):
        parse_timezone("Europe/Berln")
    with pytest.raises(TimezoneError, match="at most"):
        parse_timezone("+25:00")


def test_a_bad_timezone_option_ends_the_command_up_front(tmp_path):
    history = tmp_path / "h.sqlite3"
    result = cli("check", str(INBOX), "--timezone", "Europe/Berln", "--history",
                 str(history))
    assert result.exit_code == 2
    assert "did you mean 'Europe/Berlin'?" in result.stderr
    assert result.stdout == "" and not history.exists()


# ------------------------------------------------------------ 7. Engine.due(now)


def test_engine_due_parses_an_iso_8601_now_with_an_offset(history_file):
    engine = Engine()
    with SQLiteHistory(history_file, readonly=True) as history:
        given = engine.due(dt.datetime.fromisoformat(NOW), history, horizon_days=0)
        parsed = engine.due(NOW, history, horizon_days=0)
        assert [i.to_dict() for i in parsed] == [i.to_dict() for i in given]
        assert len(parsed) > 0
        with pytest.raises(ValueError, match="no UTC offset"):
            engine.due("2026-11-25T09:00:00", history)
        with pytest.raises(ValueError, match="naive"):
            engine.due(dt.datetime(2026, 11, 25, 9), history)
        with pytest.raises(ValueError, match="not an ISO 8601 time"):
            engine.due("next tuesday", history)
        with pytest.raises(TypeError, match="not int"):
            engine.due(1764057600, history)


# ------------------------------------------------------------ 8. the plugin example


def test_example_plugin_readme_installs_the_engine_from_the_checkout_first():
    text = (ROOT / "examples" / "knigge-acme-outreach" / "README.md").read_text()
    block = text.split("## 5.", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    lines = [line.split("#")[0].strip() for line in block.splitlines()]
    engine = lines.index("pip install -e ../..")
    assert engine < lines.index("pip install -e .")
    assert os.path.isfile(ROOT / "examples" / "knigge-acme-outreach" / "../../pyproject.toml")


def test_excerpt_quotes_escapes_and_cuts_what_an_importer_error_shows():
    from knigge_engine.io import excerpt

    assert excerpt("Jana") == "'Jana'"
    note = "Hallo Frau Brandt, wir haben uns auf der Hannover Messe kennengelernt."
    shown = excerpt(note)
    assert shown.startswith("'Hallo Frau Brandt") and shown.endswith("…'")
    assert len(shown) == 40 + 2  # 39 characters, the ellipsis, the quotes
    assert note[:40] not in shown
    # Escapes count towards the limit: a value of control characters stays short.
    tricky = excerpt("\x00" * 100, 20)
    assert tricky.startswith("'\\x00") and len(tricky) <= 22
    assert excerpt(10 ** 60, 10) == repr(10 ** 60)[:9] + "…"
    assert excerpt(12) == "12"
