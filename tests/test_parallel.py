"""``knigge check --jobs N``: the same bytes, errors, summary and exit code as one process,
in real subprocesses, on an input large enough to be split among workers."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from knigge_engine import Engine
from knigge_engine.parallel import MIN_BYTES
from knigge_engine.recipe import EngineRecipe, MissingPluginError

NOTES = [
    "Hallo Frau Schröder, wir haben uns beim Barcamp Stuttgart kennengelernt. Ich bin "
    "UX-Designerin bei einer Agentur in Esslingen und würde gern in Kontakt bleiben.",
    "Hallo! Ich zeige Ihnen 7 geheime Tipps, mit denen Sie mehr Umsatz machen. Jetzt "
    "kostenloses Erstgespräch buchen!",
    "Hi Jana, I'm a data engineer in Berlin. Could you introduce me to your CTO?",
    "Ich würde mich freuen, Sie als Kontakt hinzuzufügen.",
    "",
    None,
]


def event(i: int) -> str:
    direction = "incoming" if i % 3 else "outgoing"
    other = {"id": f"u-{i % 97}", "name": ["Tobias Keller", "K.", "Sven Akquise"][i % 3],
             "contact_count": [120, 6200, 900][i % 3], "contacts_visible": i % 4 != 0,
             "degree": [1, 2, 3][i % 3], "prior_contact": i % 5 == 0,
             "mutual_contacts": i % 4}
    me = {"id": "me", "name": "Jana Schröder", "premium": True}
    sender, recipient = (other, me) if direction == "incoming" else (me, other)
    # One platform no plugin provides: its warning must appear once, as in one process.
    platform = "mastodon" if i % 50 == 7 else "generic"
    return json.dumps({"kind": "contact_request", "id": f"e-{i}", "platform": platform,
                       "direction": direction, "at": "2026-11-02T09:15:00+01:00",
                       "sender": sender, "recipient": recipient,
                       "note": NOTES[i % len(NOTES)]}, ensure_ascii=False)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("jobs")
    first, second = folder / "a.jsonl", folder / "b.jsonl"
    lines = []
    for i in range(1600):
        if i % 401 == 400:
            lines.append('{"kind": "contact_request", "id": ')  # broken JSON
        elif i % 503 == 502:
            lines.append(event(i).replace("+01:00", ""))  # a time without offset
        elif i % 250 == 0:
            lines.append("")  # blank lines are skipped, but still counted as lines
        else:
            lines.append(event(i))
    first.write_text("\n".join(lines[:1100]) + "\n", encoding="utf-8")
    second.write_text("\n".join(lines[1100:]) + "\n", encoding="utf-8")
    assert first.stat().st_size + second.stat().st_size > MIN_BYTES
    return folder, first, second


def knigge(*args, cwd):
    return subprocess.run([sys.executable, "-m", "knigge_engine.cli", *map(str, args)],
                          capture_output=True, cwd=cwd, timeout=300)


@pytest.mark.parametrize("fmt", ["jsonl", "text"])
def test_two_jobs_give_byte_identical_output_errors_and_exit_code(inputs, fmt):
    folder, first, second = inputs
    # A file no importer recognises between the two: an input error in the stream (a
    # path that does not exist would end the command before anything is read).
    odd = folder / "notes.txt"
    odd.write_text("not an export\n")
    runs = {}
    for jobs in (1, 2):
        out = folder / f"out-{fmt}-{jobs}"
        proc = knigge("check", first, odd, second, "--format", fmt,
                      "--jobs", jobs, "--no-run-history", "--no-progress", "-o", out, cwd=folder)
        runs[jobs] = (proc.returncode, proc.stderr, out.read_bytes())
    assert runs[1] == runs[2]
    code, stderr, body = runs[1]
    assert code == 2  # input errors
    text = stderr.decode()
    assert text.count("no installed plugin provides the platform 'mastodon'") == 1
    assert "notes.txt: no importer recognises this file" in text
    # Identical errors once per file, with their lines, in the order first seen.
    assert "a.jsonl:lines 401, 802 (2 lines): invalid JSON" in text
    assert "b.jsonl:line 409: $.at: time without UTC offset" in text  # event 1508
    assert text.index("a.jsonl:lines 401") < text.index("notes.txt") < text.index(
        "b.jsonl:line 103")
    assert body  # something was written


def test_two_jobs_really_use_workers_and_keep_input_order(inputs):
    folder, first, second = inputs
    out = folder / "order.jsonl"
    proc = knigge("-v", "check", first, second, "--format", "jsonl", "--jobs", "2",
                  "--no-run-history",
                  "--fail-on", "never", "--no-progress", "-o", out, cwd=folder)
    assert "assessing in 2 worker processes" in proc.stderr.decode()
    ids = [json.loads(line)["event"] for line in out.read_text().splitlines()]
    expected = [json.loads(line)["id"] for path in (first, second)
                for line in path.read_text().splitlines()
                if line.strip() and line.endswith("}") and '"at": "2026-11-02T09:15:00",'
                not in line]
    assert ids == expected


def test_text_with_two_jobs_uses_workers_and_keeps_its_summary(inputs):
    """The text report prints a summary of every assessment first: the workers send the
    assessments back and the parent renders them, so it matches one process."""
    folder, first, second = inputs
    outs = {}
    for jobs in (1, 2):
        out = folder / f"summary-{jobs}.txt"
        proc = knigge("-v", "check", first, second, "--jobs", jobs, "--no-run-history",
                      "--fail-on", "never", "--no-progress", "--all", "-o", out, cwd=folder)
        assert ("assessing in 2 worker processes" in proc.stderr.decode()) == (jobs == 2)
        outs[jobs] = out.read_text(encoding="utf-8")
    assert outs[1] == outs[2]
    head = outs[2].split("\n\n")[0]
    assert head.startswith("Summary: 1593 events read, 1587 assessed, 6 rejected")
    assert "Below: all 1587 events." in head
    assert f"  source: {first}:line 2\n" in outs[2]  # line 1 is blank


def test_small_inputs_and_strict_runs_stay_in_one_process(inputs, tmp_path):
    _, first, _ = inputs
    small = tmp_path / "small.jsonl"
    small.write_text(event(1) + "\n" + event(2) + "\n", encoding="utf-8")
    for args in ((small, "--format", "jsonl"), (first, "--format", "json", "--strict")):
        proc = knigge("-v", "check", *args, "--jobs", "2", "--no-run-history", "--no-progress",
                      cwd=tmp_path)
        assert "assessing in 2 worker processes" not in proc.stderr.decode()
        assert "assessing in one process" in proc.stderr.decode()
        assert proc.returncode in (0, 1, 2)


def test_a_recipe_rebuilds_the_same_engine_and_names_missing_plugins():
    engine = Engine()
    recipe = EngineRecipe.from_engine(engine)
    again = recipe.build()
    assert again.policy == engine.policy
    assert again.plugins.names() == engine.plugins.names()
    assert list(again.rules) == list(engine.rules)
    missing = EngineRecipe(policy=recipe.policy, plugins=(*recipe.plugins, "knigge-mars"),
                           labels={"knigge-mars": "knigge-mars (knigge-mars 0.3)"})
    with pytest.raises(MissingPluginError, match=r"knigge-mars \(knigge-mars 0.3\)"):
        missing.build()
