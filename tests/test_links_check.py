"""The link check (hetao_docs.linkcheck, `scripts/docs.py linkcheck`) on a deliberately broken site."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hetao_docs.linkcheck import check_site

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_SITE_URL = "https://example.org/hetao/"


def _write(site: Path, path: str, body: str) -> None:
    target = site / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"<!doctype html><html><head></head><body>{body}</body></html>\n", encoding="utf-8")


def _fixture_site(root: Path) -> Path:
    site = root / "site"
    _write(
        site,
        "index.html",
        '<link rel="stylesheet" href="assets/site.css"><h1 id="home">Home</h1>'
        '<a href="problems/coordination/#rule-alignment">ok</a>'
        '<a href="problems/coordination/#no-such-section">bad fragment</a>'
        '<a href="problems/missing/">bad page</a>'
        '<script src="assets/missing.js"></script>'
        '<a href="https://elsewhere.example.com/x#y">external: not checked</a>'
        '<a href="mailto:someone@example.org">mail</a>'
        f'<link rel="canonical" href="{FIXTURE_SITE_URL}">',
    )
    _write(
        site,
        "problems/coordination/index.html",
        '<h2 id="rule-alignment">R</h2><a href="../../#home">up</a><a href="#rule-alignment">self</a>'
        '<a href="../../en/#home">other edition</a><img src="../../assets/logo.png">'
        f'<link rel="canonical" href="{FIXTURE_SITE_URL}problems/gone/">',
    )
    _write(site, "en/index.html", '<h1 id="home">Home</h1><a href="../problems/coordination/#rule-alignment">zh</a>')
    _write(site, "404.html", '<a href="/hetao/problems/coordination/#rule-alignment">root-relative</a>')
    (site / "assets").mkdir(exist_ok=True)
    (site / "assets" / "site.css").write_text("body{}", encoding="utf-8")
    return site


def test_broken_links_are_reported_one_per_line(tmp_path: Path) -> None:
    report = check_site(_fixture_site(tmp_path), FIXTURE_SITE_URL)
    assert report.broken == [
        'index.html:1: <a href="problems/coordination/#no-such-section"> '
        "→ problems/coordination/index.html has no id 'no-such-section'",
        'index.html:1: <a href="problems/missing/"> → problems/missing/index.html does not exist',
        'index.html:1: <script src="assets/missing.js"> → assets/missing.js does not exist',
        'problems/coordination/index.html:1: <img src="../../assets/logo.png"> → assets/logo.png does not exist',
        'problems/coordination/index.html:1: <link href="https://example.org/hetao/problems/gone/"> '
        "→ problems/gone/index.html does not exist",
    ]
    assert report.html_files == 4
    assert report.links_checked == 13  # the external and mailto links are not counted


def test_cli_exits_non_zero_and_prints_a_summary(tmp_path: Path) -> None:
    site = _fixture_site(tmp_path)
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "docs.py"), "linkcheck", str(site), "--site-url", FIXTURE_SITE_URL],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 6
    assert lines[-1] == "linkcheck: 4 HTML files, 13 internal links and fragments checked, 5 broken"


def test_clean_site_passes(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _write(site, "index.html", '<h1 id="a">A</h1><a href="b/#b">b</a><a href="#a">self</a>')
    _write(site, "b/index.html", '<h2 id="b">B</h2><a href="../">home</a><a href="..">home</a>')
    report = check_site(site)
    assert report.broken == []
    assert report.links_checked == 4


def test_an_empty_folder_is_not_a_passing_site(tmp_path: Path) -> None:
    report = check_site(tmp_path)
    assert not report.ok
    assert report.summary() == "linkcheck: no HTML files: is this a built site?"
