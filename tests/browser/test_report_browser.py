"""``knigge report`` pages opened in a real Chromium: nothing loads, nothing logs an error,
every chart is drawn, the summary says what ``knigge check --format json`` says, hostile
text stays text. Screenshots go to ``build/`` for people to look at.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import report_inputs  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
INBOX = ROOT / "examples" / "inbox.jsonl"
NOW = "2026-11-25T09:00:00+01:00"
LI_NOW = "2026-04-20T09:00:00+02:00"
ALL_CHARTS = ["chart-weekly", "chart-acceptance", "chart-replies", "chart-pending",
              "chart-templates"]


def knigge(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The installed command line, in a process of its own."""
    return subprocess.run([sys.executable, "-m", "knigge_engine.cli", *args], cwd=cwd,
                          capture_output=True, text=True, check=False, timeout=300)


def check_json(*args: str) -> dict[str, Any]:
    done = knigge("check", *args, "--format", "json", "--fail-on", "never")
    assert done.returncode in (0, 2), done.stderr
    return json.loads(done.stdout)


def expected_summary(check: dict[str, Any]) -> dict[str, Any]:
    summary = check["summary"]
    return {
        "totals": {k: str(summary[k]) for k in ("read", "assessed", "rejected")},
        "actions": {k: str(v) for k, v in summary["actions"].items()},
        "rules": {k: str(v) for k, v in Counter(
            f["code"] for a in check["assessments"] for f in a["findings"]).items()},
    }


def shown_summary(page: Any) -> dict[str, Any]:
    """The summary as the browser shows it (the visible text of the marked cells)."""
    return page.evaluate("""() => {
        const pick = (sel, attr) => Object.fromEntries(
            [...document.querySelectorAll(sel)].map(e => [e.getAttribute(attr),
                                                          e.innerText.trim()]));
        const s = pick('[data-summary]', 'data-summary');
        return {totals: {read: s.read, assessed: s.assessed, rejected: s.rejected},
                actions: pick('[data-action]', 'data-action'),
                rules: pick('[data-rule]', 'data-rule')};
    }""")


def assert_quiet(opened: Any) -> None:
    assert opened.other_requests == [], opened.other_requests
    assert opened.routed == [] and opened.failed == {}
    assert opened.console_errors == [], opened.console_errors
    assert opened.errors == [], opened.errors


def assert_charts_drawn(page: Any, expected: list[str]) -> None:
    ids = page.eval_on_selector_all("figure.chart", "els => els.map(e => e.id)")
    assert ids == expected
    for chart_id in expected:
        svg = page.locator(f"#{chart_id} svg")
        box = svg.bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 50, chart_id
        assert svg.is_visible()
        # Bars are drawn: at least one mark with a non-zero area.
        areas = svg.evaluate("""s => [...s.querySelectorAll('.mark-rect path')]
            .map(p => { const b = p.getBBox(); return b.width * b.height; })""")
        assert any(a > 0 for a in areas), chart_id
        # The numbers, for screen readers: in the DOM, not display:none, clipped only.
        table = page.locator(f"#{chart_id} table.sr-only")
        assert table.evaluate("t => getComputedStyle(t).display") != "none"
        assert table.locator("tbody tr").count() > 0


@pytest.fixture(scope="module")
def inbox_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("inbox") / "report.html"
    done = knigge("report", str(INBOX), "-o", str(out), "--now", NOW)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def linkedin(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("linkedin")
    export = base / "export"
    report_inputs.linkedin_export(export)
    out = base / "report.html"
    # Relative paths, as a user types them: the page names "export", not a temp folder
    # (its screenshot is the one in docs/report.md).
    done = knigge("report", "export", "-o", "report.html", "--now", LI_NOW, "--timezone",
                  "Europe/Berlin", cwd=base)
    assert done.returncode == 2, done.stderr  # two broken rows: reported, exit 2
    return export, out


def test_inbox_report_in_chromium(open_page: Any, inbox_html: Path, build_dir: Path) -> None:
    opened = open_page(inbox_html)
    page = opened.page
    assert_quiet(opened)
    assert page.title() == "Networking etiquette report"
    # The example inbox has no template batch: four charts, and the page says why.
    assert_charts_drawn(page, ALL_CHARTS[:4])
    assert "templated batches" in page.locator("#no-plot").inner_text()
    assert shown_summary(page) == expected_summary(check_json(str(INBOX)))
    # Details are collapsed, and open on a click.
    first = page.locator("details.event").first
    assert not first.evaluate("d => d.open")
    first.locator("summary").click()
    assert first.evaluate("d => d.open")
    assert "Source:" in first.inner_text() and "inbox.jsonl:line" in first.inner_text()
    # Rule links lead to the glossary on the page.
    link = page.locator("a[href^='#rule-']").first
    target = link.get_attribute("href")
    link.click()
    assert page.locator(target).is_visible()
    page.screenshot(path=str(build_dir / "report-inbox.png"), full_page=True)
    assert_quiet(opened)


def test_linkedin_export_report_in_chromium(open_page: Any, linkedin: tuple[Path, Path],
                                            build_dir: Path) -> None:
    export, html = linkedin
    opened = open_page(html)
    page = opened.page
    assert_quiet(opened)
    assert_charts_drawn(page, ALL_CHARTS)
    expected = expected_summary(check_json(str(export), "--timezone", "Europe/Berlin"))
    assert shown_summary(page) == expected
    assert expected["totals"]["rejected"] == "2"
    rejected = page.locator("#summary table").last.inner_text()
    assert "row 54" in rejected and "row 55" in rejected
    # One row per template, an excerpt, never the list of recipients.
    rows = page.locator("#templates-table tbody tr")
    assert rows.count() == 1
    assert rows.first.inner_text().split("\t")[:2] == ["T1", "8"]
    page.screenshot(path=str(build_dir / "report-linkedin.png"), full_page=True)
    page.set_viewport_size({"width": 1000, "height": 1400})
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(build_dir / "report-linkedin-top.png"))


HOSTILE_CHECKS = """() => ({
    pwned: window.__pwned === undefined ? null : window.__pwned,
    title: document.title,
    scripts: document.querySelectorAll('script').length,
    imgs: document.querySelectorAll('img').length,
    evilLink: document.getElementById('evil-link') !== null,
    evilBold: document.getElementById('evil-bold') !== null,
    foreignLinks: [...document.querySelectorAll('a[href]')]
        .map(a => a.getAttribute('href')).filter(h => !h.startsWith('#')),
    bodyShown: getComputedStyle(document.body).display !== 'none',
})"""


def _hostile_report(tmp_path: Path) -> Path:
    src = tmp_path / "hostile.jsonl"
    report_inputs.hostile_events(src)
    out = tmp_path / "hostile.html"
    done = knigge("report", str(src), "-o", str(out), "--now", LI_NOW)
    assert done.returncode == 0, done.stderr
    assert "pwned" not in done.stderr and "LLLLLLLL" not in done.stderr
    return out


def _assert_inert(page: Any) -> None:
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    page.wait_for_timeout(200)  # an onerror would fire by now
    state = page.evaluate(HOSTILE_CHECKS)
    assert state == {"pwned": None, "title": "Networking etiquette report", "scripts": 0,
                     "imgs": 0, "evilLink": False, "evilBold": False, "foreignLinks": [],
                     "bodyShown": True}
    # The hostile strings are shown as text.
    body = page.locator("body").inner_text()
    for text in (report_inputs.SCRIPT, report_inputs.IMG, report_inputs.LINK,
                 report_inputs.STYLE):
        assert text in body, text
    assert "evil.exe" in body
    party = page.locator("details.event summary", has_text="<script>window.__pwned")
    assert party.first.is_visible()
    # 10,000 characters: cut with a note, and the page does not grow sideways.
    assert "LONG-TAIL" not in body and "(cut after 2,000 characters)" in body
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] + 1


def test_hostile_text_executes_nothing(open_page: Any, tmp_path: Path,
                                       build_dir: Path) -> None:
    opened = open_page(_hostile_report(tmp_path))
    _assert_inert(opened.page)
    assert_quiet(opened)
    opened.page.screenshot(path=str(build_dir / "report-hostile.png"), full_page=True)


def test_hostile_text_is_inert_even_without_the_csp(open_page: Any, tmp_path: Path) -> None:
    """Escaping alone holds: the same page with its Content-Security-Policy removed."""
    html = _hostile_report(tmp_path).read_text(encoding="utf-8")
    start = html.index('<meta http-equiv="Content-Security-Policy"')
    stripped = html[:start] + html[html.index(">", start) + 1:]
    assert "Content-Security-Policy" not in stripped
    plain = tmp_path / "no-csp.html"
    plain.write_text(stripped, encoding="utf-8")
    opened = open_page(plain)
    _assert_inert(opened.page)
    assert_quiet(opened)


def test_the_csp_blocks_what_escaping_would_miss(open_page: Any, inbox_html: Path,
                                                 tmp_path: Path) -> None:
    """The second line of defence works in Chromium: markup smuggled into the page raw
    (as a template bug would) neither runs nor loads anything."""
    html = inbox_html.read_text(encoding="utf-8")
    smuggled = ('<script>window.__pwned = 4</script>'
                '<img id="smuggled" src="http://127.0.0.1:9/pixel.png">'
                '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">')
    page_file = tmp_path / "smuggled.html"
    page_file.write_text(html.replace("<main>", "<main>" + smuggled, 1), encoding="utf-8")
    opened = open_page(page_file)
    assert opened.page.evaluate("window.__pwned === undefined")
    # Chromium names them, and refuses each for the CSP before it reaches the network
    # (the test's own refusal, page.route, never sees one).
    assert sorted(opened.other_requests) == ["http://127.0.0.1:9/pixel.png",
                                             "http://127.0.0.1:9/x.css"]
    assert {opened.failed[u] for u in opened.other_requests} == {"csp"}
    assert opened.routed == []
    violations = [e for e in opened.console_errors if "Content Security Policy" in e]
    assert len(violations) == 3  # the script, the image, the style sheet
