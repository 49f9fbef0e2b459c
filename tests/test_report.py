"""``knigge report`` without a browser: the numbers (against ``knigge check --format
json`` on the same input), the page's safety (CSP, escaping, no script), the charts and
their tables, the caps, the file mode, the exit codes and the missing-extra error.

The browser tests (tests/browser, ``nox -s browser``) open the same pages in Chromium.
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from knigge_engine.cli import main
from knigge_engine.report.charts import UnsafeSvg, _safe_svg

sys.path.insert(0, str(Path(__file__).parent))
import report_inputs  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
INBOX = ROOT / "examples" / "inbox.jsonl"
NOW = "2026-11-25T09:00:00+01:00"
LI_NOW = "2026-04-20T09:00:00+02:00"


def _run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _check_json(*args: str) -> dict[str, Any]:
    result = _run("check", *args, "--format", "json", "--fail-on", "never")
    assert result.exit_code in (0, 2), result.output
    return json.loads(result.stdout)


class _Page(HTMLParser):
    """The parts of the page the tests read: the summary cells, per-rule and per-action
    cells, figure ids and their table rows, every tag name, the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.summary: dict[str, str] = {}
        self.rules: dict[str, str] = {}
        self.actions: dict[str, str] = {}
        self.figures: list[str] = []
        self.tables: dict[str, list[list[str]]] = {}
        self.text: list[str] = []
        self._cell: tuple[str, str] | None = None
        self._figure: str | None = None
        self._row: list[str] | None = None
        self._td = False
        self.csp: str | None = None
        self.details = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags[tag] += 1
        if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy":
            self.csp = a.get("content")
        if tag == "details":
            self.details += 1
        for key, target in (("data-summary", "summary"), ("data-rule", "rules"),
                            ("data-action", "actions")):
            if a.get(key):
                self._cell = (target, str(a[key]))
        if tag == "figure":
            self._figure = a.get("id")
            self.figures.append(str(a.get("id")))
            self.tables[str(a.get("id"))] = []
        if tag == "tr" and self._figure:
            self._row = []
        if tag == "td" and self._row is not None:
            self._td = True
            self._row.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "figure":
            self._figure = None
        if tag == "tr" and self._row is not None and self._figure:
            if self._row:
                self.tables[self._figure].append(self._row)
            self._row = None
        if tag == "td":
            self._td = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            target, key = self._cell
            getattr(self, target)[key] = data.strip()
            self._cell = None
        if self._td and self._row is not None:
            self._row[-1] += data


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


@pytest.fixture(scope="module")
def inbox_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    out = tmp_path_factory.mktemp("inbox") / "report.html"
    result = _run("report", str(INBOX), "-o", str(out), "--now", NOW)
    return out, result


@pytest.fixture(scope="module")
def linkedin(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("export") / "linkedin"
    facts = report_inputs.linkedin_export(folder)
    return folder, facts


@pytest.fixture(scope="module")
def linkedin_report(tmp_path_factory: pytest.TempPathFactory,
                    linkedin: tuple[Path, dict[str, Any]]) -> tuple[Path, Any]:
    out = tmp_path_factory.mktemp("li") / "report.html"
    result = _run("report", str(linkedin[0]), "-o", str(out), "--now", LI_NOW,
                  "--timezone", "Europe/Berlin")
    return out, result


def _expected(check: dict[str, Any]) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    summary = check["summary"]
    per_rule: Counter[str] = Counter(f["code"] for a in check["assessments"]
                                     for f in a["findings"])
    return ({k: str(summary[k]) for k in ("read", "assessed", "rejected")},
            {k: str(v) for k, v in summary["actions"].items()},
            {k: str(v) for k, v in per_rule.items()})


def test_inbox_summary_equals_check_json(inbox_report: tuple[Path, Any]) -> None:
    out, result = inbox_report
    assert result.exit_code == 0, result.output
    page = _parse(out.read_text(encoding="utf-8"))
    totals, actions, rules = _expected(_check_json(str(INBOX)))
    assert {k: page.summary[k] for k in totals} == totals
    assert page.actions == actions
    assert page.rules == rules
    assert rules  # the example inbox has findings: the comparison is not empty = empty
    assert page.summary["first"] == "2026-11-02"


def test_linkedin_summary_equals_check_json(linkedin: tuple[Path, dict[str, Any]],
                                            linkedin_report: tuple[Path, Any]) -> None:
    out, result = linkedin_report
    # Two broken rows: listed, the rest reported, exit 2 as with `knigge check`.
    assert result.exit_code == 2
    assert "row 54" in result.stderr and "report written to" in result.stderr
    page = _parse(out.read_text(encoding="utf-8"))
    totals, actions, rules = _expected(_check_json(str(linkedin[0]), "--timezone",
                                                   "Europe/Berlin"))
    assert {k: page.summary[k] for k in totals} == totals
    assert totals["rejected"] == "2"
    assert page.actions == actions and page.rules == rules


def test_linkedin_charts_carry_the_exports_numbers(
        linkedin: tuple[Path, dict[str, Any]], linkedin_report: tuple[Path, Any]) -> None:
    out, _ = linkedin_report
    facts = linkedin[1]
    page = _parse(out.read_text(encoding="utf-8"))
    assert page.figures == ["chart-weekly", "chart-acceptance", "chart-replies",
                            "chart-pending", "chart-templates"]
    weekly = page.tables["chart-weekly"]
    assert sum(int(r[1]) for r in weekly) == facts["outgoing"]
    assert sum(int(r[2]) for r in weekly) == facts["incoming"]
    acceptance = {r[0]: r[1:] for r in page.tables["chart-acceptance"]}
    # note, accepted, declined, withdrawn, pending, total, share: every second request
    # was accepted (Connections.csv); the 12 without a note are rows 8..19.
    assert acceptance["no note"][:5] == ["6", "0", "0", "6", "12"]
    assert acceptance["note with findings"][4] == "8"  # the template batch (KN110)
    assert acceptance["clean note"][0] == "8" and acceptance["clean note"][4] == "16"
    replies = dict((r[0], int(r[1])) for r in page.tables["chart-replies"])
    assert replies == {"within a day": 1, "1–3 days": 2, "3–7 days": 1, "1–4 weeks": 2,
                       "over 4 weeks": 0, "no reply (yet)": 2}
    assert page.tables["chart-templates"][0][:2] == ["T1", str(facts["template_recipients"])]
    pending = sum(int(r[2]) for r in page.tables["chart-pending"])
    assert pending >= int(page.summary["due"]) > 0


def test_page_is_self_contained_and_has_no_script(inbox_report: tuple[Path, Any]) -> None:
    out, _ = inbox_report
    html = out.read_text(encoding="utf-8")
    page = _parse(html)
    assert page.csp is not None and "default-src 'none'" in page.csp
    assert "script-src" not in page.csp  # scripts fall under default-src 'none'
    assert page.tags["script"] == 0 and page.tags["iframe"] == 0 and page.tags["link"] == 0
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:|//)", html)
    assert page.tags["svg"] == len(page.figures) >= 3
    # Every chart's numbers are in a table for screen readers.
    assert all(page.tables[f] for f in page.figures)


def test_file_is_private(inbox_report: tuple[Path, Any]) -> None:
    out, _ = inbox_report
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_hostile_text_is_escaped(tmp_path: Path) -> None:
    src = tmp_path / "hostile.jsonl"
    report_inputs.hostile_events(src)
    out = tmp_path / "r.html"
    result = _run("report", str(src), "-o", str(out), "--now", LI_NOW)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    page = _parse(html)
    assert page.tags["script"] == 0 and page.tags["img"] == 0
    assert page.tags["a"] == sum(1 for _ in re.finditer(r'<a href="#', html))
    assert page.tags["style"] == 1 and page.tags["b"] == 0
    assert 'id="evil-link"' not in html and 'id="evil-bold"' not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=" in html
    text = "".join(page.text)
    assert report_inputs.SCRIPT in text and report_inputs.STYLE in text
    assert "\u202e" in text  # shown, isolated by <bdi>, not dropped
    assert "LONG-TAIL" not in text  # 10,000 characters are cut for the page …
    assert "L" * 1500 in text  # … after a long visible stretch
    assert "(cut after 2,000 characters)" in text
    # Never on the terminal: no text of a note or name in the command's output.
    assert "pwned" not in result.output and "LLLL" not in result.output


def test_cap_on_event_details(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = _run("report", str(INBOX), "-o", str(out), "--now", NOW, "--max-events", "4")
    assert result.exit_code == 0
    page = _parse(out.read_text(encoding="utf-8"))
    assert page.details == 4
    assert "Showing the newest 4 of 13 events" in "".join(page.text)
    assert page.summary["assessed"] == "13"  # the summary still counts all


def test_size_stays_a_few_mb(tmp_path: Path) -> None:
    """3,000 events, each with a 1,500-character note: the details are capped at 1,000
    and the file stays under 5 MB."""
    src = tmp_path / "many.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for i in range(3000):
            fh.write(json.dumps({
                "kind": "contact_request", "id": f"m-{i}", "platform": "linkedin",
                "direction": "incoming", "at": f"2026-0{1 + i % 9}-1{i % 10}T09:00:00+01:00",
                "sender": {"id": f"p-{i}", "name": f"Person {i}"},
                "recipient": {"id": "me"}, "note": f"{i} " + "word " * 300}) + "\n")
    out = tmp_path / "r.html"
    result = _run("report", str(src), "-o", str(out), "--now", NOW)
    assert result.exit_code == 0, result.output
    size = out.stat().st_size
    assert size < 5_000_000, size
    page = _parse(out.read_text(encoding="utf-8"))
    assert page.details == 1000 and page.summary["assessed"] == "3000"


def test_output_problems_are_usage_errors_before_reading(tmp_path: Path) -> None:
    missing = tmp_path / "nope" / "r.html"
    result = _run("report", str(INBOX), "-o", str(missing))
    assert result.exit_code == 2 and "does not exist" in result.stderr
    assert not missing.parent.exists()
    result = _run("report", str(INBOX), "-o", str(tmp_path))
    assert result.exit_code == 2 and "is a folder" in result.stderr
    result = _run("report", str(INBOX), "-o", "-")
    assert result.exit_code == 2


def test_missing_extra_is_a_usage_error_naming_it(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # An import that fails, as without the package: sys.modules[name] = None.
    monkeypatch.setitem(sys.modules, "vl_convert", None)
    out = tmp_path / "r.html"
    result = _run("report", str(INBOX), "-o", str(out))
    assert result.exit_code == 2
    assert "'report' extra" in result.stderr and "vl_convert" in result.stderr
    assert "knigge-engine[report]" in result.stderr
    assert not out.exists()


def test_history_file_is_recorded_and_used(tmp_path: Path) -> None:
    """--history records the run (as `check --history`) and the to-do list comes from it:
    the same items as `knigge due` on that history."""
    history = tmp_path / "h.sqlite3"
    out = tmp_path / "r.html"
    result = _run("report", str(INBOX), "-o", str(out), "--now", NOW,
                  "--history", str(history), "--horizon", "0")
    assert result.exit_code == 0, result.output
    assert history.exists() and stat.S_IMODE(history.stat().st_mode) == 0o600
    due = _run("due", "--history", str(history), "--now", NOW, "--format", "json",
               "--horizon", "0", "--fail-on", "never")
    items = json.loads(due.stdout)["items"]
    page = _parse(out.read_text(encoding="utf-8"))
    assert page.summary["due"] == str(len(items)) and items


def test_horizon_summarises_older_items(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    # A month after the inbox's last event and a 7-day horizon: every item is older.
    result = _run("report", str(INBOX), "-o", str(out), "--now",
                  "2026-12-31T09:00:00+01:00", "--horizon", "7")
    assert result.exit_code == 0
    html = out.read_text(encoding="utf-8")
    page = _parse(html)
    text = " ".join("".join(page.text).split())
    match = re.search(r"(\d+) older items \((.*?)\) started more than 7 days ago", text)
    assert match, text[-2000:]
    older = int(match.group(1))
    counts = dict(p.split(": ") for p in match.group(2).split(", "))
    assert sum(int(v) for v in counts.values()) == older > 0
    assert int(page.summary["due"]) + older == sum(
        int(r[2]) for r in page.tables["chart-pending"])


@pytest.mark.parametrize("svg", [
    '<svg><script>alert(1)</script></svg>',
    '<svg><rect onload="x()"/></svg>',
    '<svg><image href="http://example.org/a.png"/></svg>',
    '<svg><rect style="fill: url(https://example.org/x)"/></svg>',
    '<svg><a xlink:href="javascript:x()"><text>a</text></a></svg>',
])
def test_active_svg_is_refused(svg: str) -> None:
    with pytest.raises(UnsafeSvg):
        _safe_svg(svg)


def test_plain_svg_passes_and_is_hidden_from_screen_readers() -> None:
    out = _safe_svg('<svg width="1"><rect clip-path="url(#c1)"/></svg>')
    assert out.startswith('<svg aria-hidden="true"')


def test_module_needs_no_extra_to_import() -> None:
    """The CLI module and the data module import without jinja2/altair/vl-convert:
    `knigge --help` works without the extra."""
    import subprocess

    code = ("import sys; sys.modules['jinja2'] = sys.modules['altair'] = "
            "sys.modules['vl_convert'] = None; import knigge_engine.cli, "
            "knigge_engine.report.data; print('ok')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ}, check=False)
    assert done.stdout.strip() == "ok", done.stderr


def test_bundled_example_export_is_the_generators(tmp_path: Path) -> None:
    """examples/linkedin-export (the README's second report) is what
    ``report_inputs.linkedin_export(broken=False)`` writes, byte for byte, and makes a
    report with every plot and exit 0."""
    fresh = tmp_path / "export"
    report_inputs.linkedin_export(fresh, broken=False)
    bundled = ROOT / "examples" / "linkedin-export"
    for name in ("Invitations.csv", "Connections.csv", "messages.csv"):
        assert (bundled / name).read_bytes() == (fresh / name).read_bytes(), name
    out = tmp_path / "r.html"
    result = _run("report", str(bundled), "-o", str(out), "--timezone", "Europe/Berlin",
                  "--now", LI_NOW)
    assert result.exit_code == 0, result.output
    page = _parse(out.read_text(encoding="utf-8"))
    assert len(page.figures) == 5 and page.summary["rejected"] == "0"


def test_outcomes_come_from_resolutions(tmp_path: Path) -> None:
    """Declined and withdrawn requests (request_resolved events naming them) and one
    resolved by the same person without naming it; a request resolved by someone else
    stays pending."""
    me = {"id": "me", "name": "Jana Owner"}
    note = ("Hello Tom, your talk on cold-chain sensors at the Kiel meetup was the "
            "clearest I have heard. I would like to stay in touch about data loggers.")

    def request(i: int, who: str, text: str | None) -> dict[str, Any]:
        return {"kind": "contact_request", "id": f"r-{i}", "platform": "linkedin",
                "direction": "outgoing", "at": f"2026-03-0{i}T09:00:00+01:00",
                "sender": me, "recipient": {"id": who, "name": who.title()}, "note": text}

    def resolved(i: int, who: str, request_id: str | None, outcome: str,
                 by_me: bool = False) -> dict[str, Any]:
        other = {"id": who, "name": who.title()}
        return {"kind": "request_resolved", "id": f"x-{i}", "platform": "linkedin",
                "direction": "outgoing" if by_me else "incoming",
                "at": f"2026-03-1{i}T09:00:00+01:00", "sender": me if by_me else other,
                "recipient": other if by_me else me, "request": request_id or "unknown",
                "outcome": outcome}

    events = [request(1, "tom", note), request(2, "ute", None), request(3, "ole", None),
              request(4, "ida", None), request(5, "eva", None),
              resolved(1, "tom", "r-1", "accepted"), resolved(2, "ute", "r-2", "declined"),
              resolved(3, "ole", "r-3", "withdrawn", by_me=True),
              resolved(4, "ida", None, "accepted"), resolved(5, "max", "r-9", "accepted")]
    src = tmp_path / "resolved.jsonl"
    src.write_text("".join(json.dumps(e) + "\n" for e in events), encoding="utf-8")
    out = tmp_path / "r.html"
    result = _run("report", str(src), "-o", str(out), "--now", NOW)
    assert result.exit_code == 0, result.output
    page = _parse(out.read_text(encoding="utf-8"))
    table = {r[0]: r[1:6] for r in page.tables["chart-acceptance"]}
    # accepted, declined, withdrawn, pending, total
    assert table["no note"] == ["1", "1", "1", "1", "4"]
    with_note = [int(a) + int(b) for a, b in zip(table["clean note"],
                                                 table["note with findings"], strict=True)]
    assert with_note == [1, 0, 0, 0, 1]


@pytest.mark.parametrize("now", ["2026-11-25T09:00:00", "next tuesday"])
def test_bad_now_is_a_usage_error(tmp_path: Path, now: str) -> None:
    out = tmp_path / "r.html"
    result = _run("report", str(INBOX), "-o", str(out), "--now", now)
    assert result.exit_code == 2 and "--now" in result.stderr
    assert not out.exists()
