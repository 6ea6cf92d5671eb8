"""Provenance: the article's numbered paragraphs, the line under each section's heading, the source
map, and the added-context boxes' sources — on small inputs and in the real build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hetao_docs.concerns import THEME
from hetao_docs.editions import load_editions
from hetao_docs.fragments import Fragments
from hetao_docs.markup import HeadingSlots
from hetao_docs.provenance import (
    ProvenanceError,
    add_provenance_lines,
    load_article,
    reference_problems,
    section_refs,
    source_map,
)

ROOT = Path(__file__).resolve().parent.parent
EDITIONS = load_editions(ROOT / "data" / "editions.yml")
PARAGRAPHS = load_article(ROOT / "data" / "article.yml")
TEXTS = {"label": "原文第 {numbers} 段", "separator": "、", "drawn_on": "本站章节：", "unused": "（无）"}
CONTENT_PAGES = [
    "problems/data-market/", "problems/coordination/", "problems/industry-ecosystem/",
    "recommendations/market-reform/", "recommendations/joint-governance/", "recommendations/ecosystem-support/",
]
ADDED_CONTEXT = re.compile(r"^(本站补充|本站補充|Added context|Added by this site)")
DATE = re.compile(r"\b(19|20)\d\d\b")


def test_the_article_has_17_numbered_paragraphs_with_summaries_in_both_languages() -> None:
    assert [p.number for p in PARAGRAPHS] == list(range(1, 18))
    assert all(p.summary_zh and p.summary_en and p.kind for p in PARAGRAPHS)


def test_a_bad_paragraph_list_is_one_line_per_problem(tmp_path: Path) -> None:
    path = tmp_path / "article.yml"
    path.write_text("paragraphs:\n  - {number: 1, kind: a, summary: {zh: 甲}}\n  - {number: 3, kind: b, summary: {zh: 乙, en: B}}\n",
                    encoding="utf-8")
    with pytest.raises(ProvenanceError) as error:
        load_article(path, "a.yml")
    assert str(error.value).splitlines() == [
        "a.yml: paragraph #1: field 'summary': needs non-empty 'zh' and 'en'",
        "a.yml: paragraph #2: field 'number': 3, expected 2 (numbered in order)",
    ]


MARKDOWN = (
    "# 问题二 { #coordination }\n\n## 规则 { #rule data-article=\"5 6\" }\n\n正文。\n\n"
    "## 对应建议 { #responses }\n\n## 坏 { #bad data-article=\"40\" }\n"
)


def test_sections_name_their_paragraphs_and_a_wrong_number_is_named() -> None:
    refs = section_refs("problems/coordination.md", MARKDOWN)
    assert [(r.anchor, r.paragraphs, r.title, r.page_title) for r in refs] == [
        ("rule", (5, 6), "规则", "问题二"), ("bad", (40,), "坏", "问题二"),
    ]
    assert reference_problems(refs, PARAGRAPHS, "docs/zh") == [
        "docs/zh/problems/coordination.md:9: heading '#bad': data-article names paragraph 40, but the article has paragraphs 1–17"
    ]


def test_provenance_line_and_map_link_both_ways() -> None:
    html = '<h2 data-article="5 6" id="rule">规则<a class="headerlink" href="#rule">¶</a></h2><p>x</p><h2 id="other">另</h2>'
    slots = HeadingSlots(html)
    add_provenance_lines(slots, Fragments([THEME]), TEXTS, "../../source/")
    out = slots.insert(html)
    assert '</h2><p class="hetao-provenance" data-search-exclude>原文第 <a href="../../source/#article-p5">5</a>、' in out
    assert out.count("hetao-provenance") == 1
    refs = section_refs("problems/coordination.md", MARKDOWN.replace(' data-article="40"', ""))
    found = source_map(PARAGRAPHS, refs, TEXTS, lambda p: p.summary_zh, lambda path: "../problems/coordination/")
    assert '<li id="article-p5" value="5">' in found
    assert found.count('href="../problems/coordination/#rule"') == 2  # under ¶5 and ¶6
    assert found.count("（无）") == len(PARAGRAPHS) - 2


# --- the real build ----------------------------------------------------------------------------

def _html(site: Path, prefix: str, url: str) -> str:
    return (site / prefix / url / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("prefix", EDITIONS.prefixes)
def test_every_section_of_the_problem_and_recommendation_pages_has_provenance(site: Path, prefix: str) -> None:
    missing = []
    for url in CONTENT_PAGES:
        page = _html(site, prefix, url)
        article = page[page.index("<article"):page.index("</article>")]
        for match in re.finditer(r"<h2\b[^>]*\bid=\"([^\"]+)\"[^>]*>.*?</h2>(.{0,40})", article, re.S):
            if "hetao-provenance" not in match.group(2) and match.group(1) not in ("responses", "addresses"):
                missing.append(f"/{prefix}{url}#{match.group(1)}")
    assert not missing, "sections without provenance: " + ", ".join(missing)


def _source_map(site: Path, prefix: str) -> dict[str, list[str]]:
    page = _html(site, prefix, "source/")
    found = re.search(r'<ol class="hetao-source-map">(.*?)</ol>', page, re.S)
    assert found, f"/{prefix}source/ has no source map"
    return {
        item.group(1): re.findall(r'<a href="([^"]+)"', item.group(2))
        for item in re.finditer(r'<li id="(article-p\d+)"[^>]*>(.*?)</li>', found.group(1), re.S)
    }


def test_the_source_map_covers_every_paragraph_and_is_the_same_in_every_edition(site: Path) -> None:
    maps = {prefix: _source_map(site, prefix) for prefix in EDITIONS.prefixes}
    primary = maps[""]
    assert list(primary) == [f"article-p{p.number}" for p in PARAGRAPHS]
    uncovered = [paragraph for paragraph, links in primary.items() if not links]
    assert not uncovered, f"paragraphs no section draws on: {uncovered}"
    for prefix, found in maps.items():
        assert found == primary, f"/{prefix}source/: the source map differs from the primary edition's"


@pytest.mark.parametrize("prefix", EDITIONS.prefixes)
def test_every_added_context_box_names_its_source(site: Path, prefix: str) -> None:
    unsourced = []
    for page in sorted((site / prefix).rglob("index.html")):
        html = page.read_text(encoding="utf-8")
        for box in re.finditer(r'<div class="admonition[^"]*">\s*<p class="admonition-title">(.*?)</p>(.*?)</div>', html, re.S):
            title = re.sub(r"<[^>]+>", "", box.group(1))
            if not ADDED_CONTEXT.match(title):
                continue
            paragraphs = re.findall(r"<p>(.*?)</p>", box.group(2), re.S)
            last = paragraphs[-1] if paragraphs else ""
            if not (re.match(r"(来源|來源|Source)", re.sub(r"<[^>]+>", "", last).strip()) and 'href="http' in last and DATE.search(last)):
                unsourced.append(f"{page.relative_to(site)}: {title}")
    assert not unsourced, "added-context boxes without document, issuer, date and link: " + "; ".join(unsourced)
