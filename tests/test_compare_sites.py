"""Unit tests for scripts/compare_sites.py on tiny hand-written sites (no build, no browser)."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "compare_sites.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("compare_sites", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up by name
    spec.loader.exec_module(module)
    return module


cs = _load()

PAGE = """<!doctype html><html><head><title>Home</title>
<link rel="stylesheet" href="assets/stylesheets/main.57a0d79d.min.css">
<script>var hidden = "not text";</script><style>p { color: red }</style></head>
<body><h1 id="top">Welcome<svg><title>icon</title></svg></h1>
<p>First   sentence
  here.</p><p>Second <a href="glossary/#term">term</a>.</p>
<img src="figures/a.png" alt="">
<script src="assets/javascripts/bundle.a5f9d56c.min.js"></script></body></html>
"""
NO_PAGE_CHANGES = (
    "pages: 1 compared, 0 only in old, 0 only in new, 0 with text changes, "
    "0 with id changes, 0 with link changes, 0 with asset changes"
)


def _site(root: Path, pages: dict[str, str], files: dict[str, str] | None = None) -> Path:
    for rel, text in {**pages, **(files or {})}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _report(tmp_path: Path, old: dict[str, str], new: dict[str, str], *ignore: str) -> list[str]:
    a, b = _site(tmp_path / "old", old), _site(tmp_path / "new", new)
    return list(cs.compare(a, b, [re.compile(p) for p in ignore], 10))


def _summary(lines: list[str]) -> str:
    return next(line for line in lines if line.startswith("pages:"))


def test_parse_page_extracts_visible_text_ids_links_and_assets() -> None:
    page = cs.parse_page(PAGE)
    assert page.blocks == ["Home", "Welcome", "icon", "First sentence here.", "Second term."]
    assert page.ids == {"top"}
    assert page.links == {"/glossary/#term": 1, "/figures/a.png": 1}
    assert page.assets == {"/assets/stylesheets/main.HASH.min.css", "/assets/javascripts/bundle.HASH.min.js"}


@pytest.mark.parametrize(
    ("url", "resolved"),
    [
        ("./", "/en/a/"),
        ("../.././", "/"),
        ("../../b/#x", "/b/#x"),
        ("..", "/en/"),
        ("../../../zh-hant/a/", "/../zh-hant/a/"),
        ("#frag", "#frag"),
        ("https://example.org/x", "https://example.org/x"),
        ("mailto:a@b.c", "mailto:a@b.c"),
    ],
)
def test_resolve_link_makes_relative_links_root_paths(url: str, resolved: str) -> None:
    assert cs.resolve_link(url, "en/a/index.html") == resolved


def test_two_spellings_of_one_link_are_not_a_change(tmp_path: Path) -> None:
    old = {"a/index.html": '<body><a href="./">x</a><a href="../b/">y</a></body>'}
    new = {"a/index.html": '<body><a href="../a/">x</a><a href="./../b/./">y</a></body>'}
    assert "0 with link changes" in _summary(_report(tmp_path, old, new))


def test_normalise_url_replaces_only_file_name_hashes() -> None:
    assert cs.normalise_url("assets/javascripts/hetao.3f2a9c1e.min.js") == "assets/javascripts/hetao.HASH.min.js"
    assert cs.normalise_url("bundle.a5f9d56c.min.js?v=1") == "bundle.HASH.min.js?v=1"
    assert cs.normalise_url("glossary/#cafebabe") == "glossary/#cafebabe"
    assert cs.normalise_url("term-tips.js") == "term-tips.js"


def test_identical_sites_report_no_differences(tmp_path: Path) -> None:
    lines = _report(tmp_path, {"index.html": PAGE}, {"index.html": PAGE})
    assert lines[-2:] == [
        NO_PAGE_CHANGES,
        "files: 0 compared, 0 only in old, 0 only in new, 0 changed",
    ]
    assert len(lines) == 2


def test_changed_sentence_is_shown_with_minus_and_plus(tmp_path: Path) -> None:
    lines = _report(tmp_path, {"index.html": PAGE}, {"index.html": PAGE.replace("First", "Opening")})
    assert "    - First sentence here." in lines
    assert "    + Opening sentence here." in lines
    assert "1 with text changes" in _summary(lines)
    assert "0 with id changes" in _summary(lines)


def test_added_id_and_removed_link(tmp_path: Path) -> None:
    new = PAGE.replace("<p>First", '<p id="intro">First').replace('<a href="glossary/#term">term</a>', "term")
    lines = _report(tmp_path, {"index.html": PAGE}, {"index.html": new})
    assert "  ids: -0 +1" in lines and "    + intro" in lines
    assert "  links: -1 +0" in lines and "    - /glossary/#term" in lines
    assert "0 with text changes, 1 with id changes, 1 with link changes" in _summary(lines)


def test_page_only_in_one_site(tmp_path: Path) -> None:
    lines = _report(tmp_path, {"index.html": PAGE, "old/index.html": PAGE}, {"index.html": PAGE, "new.html": PAGE})
    assert "page only in old: old/index.html" in lines
    assert "page only in new: new.html" in lines
    assert "pages: 1 compared, 1 only in old, 1 only in new, 0 with text changes" in _summary(lines)


def test_hash_only_change_in_asset_name_is_not_reported(tmp_path: Path) -> None:
    new = PAGE.replace("bundle.a5f9d56c", "bundle.0123abcd").replace("main.57a0d79d", "main.deadbeef")
    asset = "assets/javascripts/bundle.{}.min.js"
    a = _site(tmp_path / "old", {"index.html": PAGE}, {asset.format("a5f9d56c"): "x"})
    b = _site(tmp_path / "new", {"index.html": new}, {asset.format("0123abcd"): "x"})
    lines = cs.compare(a, b, [], 10)
    assert lines[-2:] == [
        NO_PAGE_CHANGES,
        "files: 1 compared, 0 only in old, 0 only in new, 0 changed",
    ]


def test_ignore_drops_intended_differences(tmp_path: Path) -> None:
    new = PAGE.replace("Second", "Second, revised,").replace('id="top"', 'id="top2"')
    lines = _report(tmp_path, {"index.html": PAGE}, {"index.html": new}, r"^Second", r"^top")
    assert "0 with text changes, 0 with id changes" in _summary(lines)


def test_search_index_and_sitemap_changes_are_listed(tmp_path: Path) -> None:
    doc = '{"config": {}, "docs": [{"location": "%s", "title": "t", "text": "x"}]}'
    sitemap = "<urlset><url><loc>%s</loc><lastmod>2026-01-01</lastmod></url></urlset>"
    a = _site(tmp_path / "old", {}, {"search/search_index.json": doc % "a/", "sitemap.xml": sitemap % "a/"})
    b = _site(tmp_path / "new", {}, {"search/search_index.json": doc % "b/", "sitemap.xml": sitemap % "b/"})
    lines = cs.compare(a, b, [], 10)
    assert "file changed: search/search_index.json: 1 -> 1 docs, -1 +1 entries [a/, b/]" in lines
    assert any(line.startswith("file changed: sitemap.xml: locs -1 +1") for line in lines)
    assert lines[-1].startswith("files: 2 compared, 0 only in old, 0 only in new, 2 changed")


def test_main_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = _site(tmp_path / "site", {"index.html": PAGE})
    assert cs.main([str(site), str(site)]) == 0
    assert cs.main([str(site), str(tmp_path / "missing")]) == 2
    assert capsys.readouterr().err.strip() == f"compare_sites: not a folder: {tmp_path / 'missing'}"
    assert cs.main([str(site), str(site), "--ignore", "("]) == 2
