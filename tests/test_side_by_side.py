"""side_by_side.py without a build: URLs rebased to the combined page's place, a built page cut
into its sections, two pages combined by section id, where the pages go."""

from __future__ import annotations

import re

import pytest

from hetao_docs.side_by_side import Side, combine, combined_folder, host_of, rebase, sections, switcher

TEXTS = {"label": "Side by side:", "back": "Back", "title": "{page} (side by side)"}


@pytest.mark.parametrize(("url", "old", "new", "expected"), [
    ("../../glossary/#whitelist", "en/problems/coordination/", "en/side-by-side/zh-en/problems/coordination/", "../../../../glossary/#whitelist"),
    ("../../assets/x.css", "problems/coordination/", "en/side-by-side/zh-en/problems/coordination/", "../../../../../assets/x.css"),
    ("source/", "", "side-by-side/zh-en/", "../../source/"),
    ("./", "en/", "side-by-side/zh-en/", "../../en/"),
    ("coordination.html#a", "problems/", "side-by-side/zh-en/problems/", "../../../problems/coordination.html#a"),
    ("#summary", "en/", "x/", "#summary"),
    ("https://example.org/a/", "en/", "x/", "https://example.org/a/"),
    ("/abs/", "en/", "x/", "/abs/"),
    ("mailto:a@b", "en/", "x/", "mailto:a@b"),
])
def test_a_relative_url_means_the_same_from_the_combined_page(url: str, old: str, new: str, expected: str) -> None:
    assert rebase(url, old, new) == expected


def page(lang: str, title: str, sections_html: str, folder_depth: int = 2) -> str:
    up = "../" * folder_depth
    return (f'<html lang="{lang}"><head><title>{title} - Site</title><script>__md_scope=new URL("{up.rstrip("/")}",location)</script></head><body>'
            f'<a href="{up}">home</a><article class="md-content__inner md-typeset">'
            f'<div class="hetao-print-header"><p>{title}</p></div>'
            f'<h1 id="coordination">{title}<a class="headerlink" href="#coordination">¶</a></h1><p>intro</p>'
            f'{sections_html}<p class="hetao-release">release</p></article>'
            f'<script id="__config" type="application/json">{{"base": "{up.rstrip("/")}", "search": "{up}assets/w.js"}}</script>'
            f'<script id="hetao-cite-data" type="application/json">{{"root": "{up}", "changes": "{up}changes/", "url": null}}</script>'
            "</body></html>")


ZH = page("zh-Hans", "问题二", '<h2 data-article="5" id="summary">概要<a class="headerlink" href="#summary">¶</a></h2>'
          '<p class="hetao-provenance" data-search-exclude>原文第 5 段</p><p>正文<a href="#fn:1">1</a></p><div id="fn:1">注</div>'
          '<h2 id="responses">对照</h2><h3 id="detail">细节</h3><p><a href="../../glossary/#whitelist" class="hetao-term">白名单</a></p>')
EN = page("en", "Problem 2", '<h2 data-article="5" id="summary">Summary<a class="headerlink" href="#summary">¶</a></h2>'
          '<p class="hetao-provenance" data-search-exclude>Article ¶5</p><p>text<a href="#fn:1">1</a></p><div id="fn:1">note</div>'
          '<h2 id="responses">Responses</h2><h3 id="detail">Detail</h3><p><a href="../../glossary/#whitelist" class="hetao-term">whitelist</a></p>', 3)


def sides() -> tuple[Side, Side]:
    return (Side("zh", "zh-Hans", "简体中文", "problems/coordination/", ZH, "assets/javascripts/term-tips.js", "查看"),
            Side("en", "en", "English", "en/problems/coordination/", EN, "en/assets/javascripts/term-tips.js", "See"))


def test_a_built_page_is_cut_into_its_sections_with_their_provenance_lines() -> None:
    header, found, tail = sections(ZH)
    assert "问题二" in header
    assert [section.id for section in found] == ["coordination", "summary", "responses"]
    assert found[1].meta.startswith('<p class="hetao-provenance"') and "正文" in found[1].body
    assert found[0].body == "<p>intro</p>" and tail.startswith('<p class="hetao-release"')


def test_two_pages_are_combined_by_section_id_each_side_with_its_lang_and_ids_once() -> None:
    zh, en = sides()
    combined = combine(en, zh, en, "en/side-by-side/zh-en/problems/coordination/", TEXTS, "<nav>pairs</nav>")
    rows = re.findall(r'<section class="hetao-sbs__row"><span class="hetao-sbs__anchor" id="([^"]+)">', combined)
    assert rows == ["coordination", "summary", "responses"]
    ids = re.findall(r'\sid="([^"]+)"', combined)
    assert len(ids) == len(set(ids)), "an id twice"
    assert 'data-section="summary"' in combined and 'id="en--detail" data-section="detail"' in combined
    assert 'id="en--fn:1"' in combined and 'href="#en--fn:1"' in combined and 'href="#fn:1"' in combined
    assert re.search(r'data-edition="zh" lang="zh-Hans"[^>]*>.*?正文', combined)
    assert 'href="../../../../../glossary/#whitelist"' in combined  # the Simplified side's glossary
    assert 'href="../../../../glossary/#whitelist"' in combined  # the English side's
    assert 'data-term-tips="../../../../../assets/javascripts/term-tips.js"' in combined
    assert '<meta name="robots" content="noindex">' in combined
    assert "<title>Problem 2 - Site (side by side)</title>" in combined
    assert '"base": "../../../../.."' in combined and '__md_scope=new URL("../../../../..",location)' in combined
    assert 'id="hetao-cite-data"' not in combined
    cites = re.findall(r'<script class="hetao-sbs-cite" type="application/json" data-edition="(\w+)">([^<]*)</script>', combined)
    assert [code for code, _ in cites] == ["zh", "en"]
    assert '"page_href": "../../../../../problems/coordination/"' in cites[0][1]
    assert '"root": "../../../../../"' in cites[1][1]  # the site's root, from the combined page


def test_every_pair_lives_in_the_readers_edition_when_it_is_one_of_the_pair() -> None:
    assert host_of("en", ("zh", "en")) == "en" and host_of("en", ("zh", "zh-hant")) == "zh"
    assert combined_folder("en/", ("zh", "en"), "problems/coordination.md", True) == ("en/side-by-side/zh-en/problems/coordination/", "index.html")
    assert combined_folder("", ("zh", "zh-hant"), "index.md", False) == ("side-by-side/zh-zh-hant/", "index.html")
    assert combined_folder("", ("zh", "en"), "problems/coordination.md", False) == ("side-by-side/zh-en/problems/", "coordination.html")
    prefixes = {"zh": "", "en": "en/", "zh-hant": "zh-hant/"}
    labels = {"zh": "简体中文", "en": "English", "zh-hant": "繁體中文（香港）"}
    langs = {"zh": "zh-Hans", "en": "en", "zh-hant": "zh-Hant-HK"}
    pairs = (("zh", "en"), ("zh-hant", "en"), ("zh", "zh-hant"))
    links = switcher(pairs, "en", prefixes, labels, langs, "problems/coordination.md", True, "en/problems/coordination/", TEXTS, None)
    assert re.findall(r'href="([^"]+)"', links) == [
        "../../side-by-side/zh-en/problems/coordination/", "../../side-by-side/zh-hant-en/problems/coordination/",
        "../../../side-by-side/zh-zh-hant/problems/coordination/"]
    assert len(re.findall("hetao-sbs-pair", links)) == len(pairs)
    offline = switcher(pairs, "zh", prefixes, labels, langs, "problems/coordination.md", False, "side-by-side/zh-en/problems/", TEXTS, ("zh", "en"))
    assert 'href="../../../problems/coordination.html">Back' in offline and 'aria-current="page"' in offline


def test_the_404_page_links_relative_to_its_folder_and_sets_its_base_where_it_is_opened() -> None:
    from hetao_docs.reading_build import portable_404

    page = ('<html><head><link rel="stylesheet" href="/hetao/en/assets/main.css"></head><body>'
            '<a href="/hetao/en/glossary/#x">g</a><a href="/hetao/zh-hant/">hk</a><a href="https://example.org/hetao/">out</a>'
            '<form action="/hetao/en/./"></form><script src="/hetao/en/assets/b.js"></script></body></html>')
    out = portable_404(page, "/hetao/", "en/")
    assert 'href="assets/main.css"' in out and 'href="glossary/#x"' in out and 'href="../zh-hant/"' in out
    assert 'href="https://example.org/hetao/"' in out and 'action="./"' in out and 'src="assets/b.js"' in out
    assert out.startswith('<html><head><script>') and '"/hetao/"' in out and 'createElement("base")' in out
