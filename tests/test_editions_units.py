"""hetao_docs.editions on its own: derived configurations, links, sitemap, Traditional Markdown."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from hetao_docs import editions
from hetao_docs.editions import BY_CODE, EditionError

RAW = {
    "site_name": "河套数据跨境参考",
    "docs_dir": "docs/zh",
    "theme": {"name": "material", "language": "zh", "palette": [{"toggle": {"name": "首页"}}]},
    "markdown_extensions": ["abbr", {"toc": {"permalink": "¶", "permalink_title": "复制本节链接"}}],
    "plugins": [{"search": {"separator": "[、。]+"}}],
    "extra": {"edition": "zh"},
    "nav": [
        {"首页": "index.md"},
        {"三大问题": [{"问题二：深港协同机制不健全": "problems/coordination.md"}]},
        "source.md",
        {"FAQ": "faq.md"},
    ],
}


def test_english_configuration() -> None:
    derived = editions.derived_config(RAW, BY_CODE["en"], {})
    assert derived["site_name"] == "Hetao Cross-Border Data Reference"
    assert derived["theme"]["language"] == "en"
    assert derived["theme"]["palette"][0]["toggle"]["name"] == "Home"  # strings nested in theme too
    assert derived["markdown_extensions"][1]["toc"]["permalink_title"] == "Copy the link to this section"
    assert derived["extra"] == {"edition": "en"}
    # A page title without an entry in EN_STRINGS yields to the English page's own H1.
    assert derived["nav"] == [
        {"Home": "index.md"},
        {"Three problems": ["problems/coordination.md"]},
        "source.md",
        {"FAQ": "faq.md"},
    ]
    assert "plugins" not in derived and "docs_dir" not in derived


def test_english_configuration_names_an_untranslated_string() -> None:
    raw = {**RAW, "nav": [{"新栏目": ["index.md"]}]}
    with pytest.raises(EditionError) as error:
        editions.derived_config(raw, BY_CODE["en"], {})
    assert str(error.value) == (
        "mkdocs.yml: nav[0].新栏目: no English for '新栏目'; add it to EN_STRINGS in hetao_docs/editions.py"
    )


def test_traditional_configuration_uses_the_term_base_forms() -> None:
    derived = editions.derived_config(RAW, BY_CODE["zh-hant"], {"数据跨境": "數據跨境"})
    assert derived["site_name"] == "河套數據跨境參考"
    assert derived["theme"]["language"] == "zh-Hant"
    assert derived["nav"][1] == {"三大問題": [{"問題二：深港協同機制不健全": "problems/coordination.md"}]}
    assert derived["markdown_extensions"][1]["toc"]["permalink_title"] == "複製本節鏈接"


def test_missing_english_page_is_one_line_naming_the_file(tmp_path: Path) -> None:
    for path in ("zh/index.md", "zh/problems/coordination.md", "en/index.md", "en/extra.md"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("# x\n", encoding="utf-8")
    problems = editions.missing_pages(tmp_path / "zh", tmp_path / "en", lambda p: p.relative_to(tmp_path).as_posix())
    assert problems == [
        "en/problems/coordination.md: missing; the English edition needs every page of zh",
        "en/extra.md: no Simplified original zh/extra.md; every edition has the same pages",
    ]


@pytest.mark.parametrize(
    ("target", "source", "expected"),
    [
        ("problems/coordination/", "en/problems/coordination/", "../../../problems/coordination/"),
        ("en/", "", "en/"),
        ("", "zh-hant/", "../"),
        ("", "", "./"),
        ("zh-hant/problems/a.html", "problems/a.html", "../zh-hant/problems/a.html"),
    ],
)
def test_relative_url(target: str, source: str, expected: str) -> None:
    assert editions.relative_url(target, source) == expected


def test_site_root_from_each_edition() -> None:
    assert editions.site_root("https://example.org/hetao/en/", BY_CODE["en"]) == "https://example.org/hetao/"
    assert editions.site_root("https://example.org/hetao/", BY_CODE["zh"]) == "https://example.org/hetao/"
    with pytest.raises(EditionError):
        editions.site_root("https://example.org/hetao/", BY_CODE["en"])


def test_localize_html_sets_lang_drops_theme_alternates_and_points_the_switcher() -> None:
    html = (
        '<!doctype html>\n<html lang="zh-Hant" class="no-js">\n<head>\n'
        '  <link rel="alternate" href="/" hreflang="zh-Hans">\n'
        '  <link rel="alternate" hreflang="en" href="https://x/en/a/">\n</head>\n<body>'
        '<a href="/en/" hreflang="en" class="md-select__link">English</a></body>'
    )
    out = editions.localize_html(html, BY_CODE["zh-hant"], "a/")
    assert '<html lang="zh-Hant-HK" class="no-js">' in out
    assert 'href="/" hreflang' not in out and 'hreflang="en" href="https://x/en/a/"' in out
    assert '<a href="../../en/a/" hreflang="en" class="md-select__link">' in out


def test_sitemap_with_alternates() -> None:
    sitemap = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>https://x.org/s/en/a/</loc><lastmod>2026-02-25</lastmod></url></urlset>"
    )
    out = editions.sitemap_with_alternates(sitemap, BY_CODE["en"], "https://x.org/s/")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    url = ET.fromstring(out).find("s:url", ns)
    assert url is not None and url.findtext("s:lastmod", namespaces=ns) == "2026-02-25"
    assert [(link.get("hreflang"), link.get("href")) for link in url.findall("x:link", ns)] == [
        ("zh-Hans", "https://x.org/s/a/"),
        ("en", "https://x.org/s/en/a/"),
        ("zh-Hant-HK", "https://x.org/s/zh-hant/a/"),
        ("x-default", "https://x.org/s/a/"),
    ]


def test_traditional_markdown_converts_text_only() -> None:
    markdown = (
        "## 规则衔接障碍 { #rule-alignment }\n\n"
        "见[数据跨境白名单](../glossary.md#whitelist \"白名单\")，`代码 数据`，税与脱。\n\n"
        "香港写作<span lang=\"zh-Hans\">白名单</span>的繁体。\n\n"
        "```text\n数据 = 1\n```\n"
    )
    out = editions.to_hong_kong_markdown(markdown, {"数据跨境": "數據跨境"})
    assert out == (
        "## 規則銜接障礙 { #rule-alignment }\n\n"
        "見[數據跨境白名單](../glossary.md#whitelist \"白名單\")，`代码 数据`，稅與脫。\n\n"
        "香港寫作<span lang=\"zh-Hans\">白名单</span>的繁體。\n\n"
        "```text\n数据 = 1\n```\n"
    )


def test_unknown_edition_is_named() -> None:
    with pytest.raises(EditionError, match="extra.edition must be one of zh, en, zh-hant, not 'fr'"):
        editions.edition("fr")
