"""Search ranking in a real browser (issue 15): verbatim phrases first, quotes, AND with a partial
fallback, sections about the site below content, pinyin initials and one typo, recall.

- The recall test runs the shipped worker (our wrapper around Material's) in each edition's page,
  with the edition's own index, on every spelling of every term in one `page.evaluate`, and reads
  its answers as Material renders them (groups by page, "more" expanded): every section that
  contains the spelling is among them, at least 80 % of them contain the query or another spelling
  of its term, and no section about the site comes before a content section.
- The examples of the issue, quotes, AND, the fallback's notice, initials and typos are typed into
  Material's search box as a reader would (the helpers and pages of test_search_browser.py).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from support.waiting import wait_until
from test_search_browser import TERMS, edition_location, search, search_pages  # noqa: F401 - search_pages is a fixture

from devtools.search_cases import EDITION_PREFIXES, term_spellings
from hetao_docs.search import REFERENCE_BOOST, SITE_BOOST, contains_phrase, phrase_key

MIN_PRECISION = 0.8
_TAG = re.compile(r"<[^>]+>")

# The shipped worker on every query, one after another: per query the mode and [location, matched]
# [location, matched, folded] of each document in the order Material renders them (per page: the
# page's entry, then its sections); `matched` is false for a page entry added only to head its
# sections (score 0, no terms), `folded` is true under "more".
RUN_WORKER = """async queries => {
  const config = JSON.parse(document.getElementById("__config").textContent)
  const base = new URL(config.base + "/", location.href)
  const index = await (await fetch(new URL("search/search_index.json", base))).json()
  const worker = new Worker(new URL(config.search, base))
  const answers = []
  function flatten(data) {
    const items = []
    for (const group of data.items) {
      const docs = [...group]
      const [article] = docs.splice(Math.max(0, docs.findIndex(d => !d.location.includes("#"))), 1)
      // Material shows the sections that score as high as the group's first, the rest under "more"
      for (const doc of [article, ...docs])
        items.push([doc.location, !(doc.score === 0 && Object.keys(doc.terms).length === 0),
                    doc !== article && doc.score < group[0].score])
    }
    return { mode: data.hetao ? data.hetao.mode : null, items }
  }
  await new Promise(resolve => {
    let next = 0
    worker.addEventListener("message", ev => {
      if (ev.data.type === 3) answers.push(flatten(ev.data.data))
      if (ev.data.type !== 1 && ev.data.type !== 3) return
      if (next < queries.length) worker.postMessage({ type: 2, data: queries[next++] })
      else resolve()
    })
    worker.postMessage({ type: 0, data: { ...index, options: { suggest: false } } })  // as Material's page sends it
  })
  worker.terminate()
  return answers
}"""

RESULTS = """() => [...document.querySelectorAll(".md-search-result__list > li")].map(li =>
  [...li.querySelectorAll("a.md-search-result__link")].map(a =>
    [a.href, a.querySelector("h1") ? "page" : "section", !!a.closest("details")]))"""
NOTICE = """() => { const n = document.querySelector(".hetao-search-notice"); return n && !n.hidden ? n.textContent : "" }"""
FINDER_TERMS = """() => [...document.querySelectorAll(".hetao-term-finder__item > a:first-child")].map(a => a.href)"""


def _keys(doc_field: str) -> str:
    """A field of the index as the worker folds it (tags and Material's U+200B are gaps)."""
    return phrase_key(html.unescape(_TAG.sub(" ", doc_field)))


@pytest.fixture(scope="module")
def indexes(site: Path) -> dict[str, list[dict[str, object]]]:
    """Per edition, its index's documents with their folded title and text (`title_key`, `text_key`)."""
    found = {}
    for edition, prefix in EDITION_PREFIXES.items():
        docs = json.loads((site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
        for doc in docs:
            doc["title_key"], doc["text_key"] = _keys(str(doc.get("title", ""))), _keys(str(doc.get("text", "")))
        found[edition] = docs
    return found


def _contains(doc: dict[str, object], key: str) -> bool:
    return contains_phrase(str(doc["title_key"]), key) or contains_phrase(str(doc["text_key"]), key)


def _kind(doc: dict[str, object]) -> str:
    boost = doc.get("boost", 1)
    return "site" if boost == SITE_BOOST else "reference" if boost == REFERENCE_BOOST else "content"


@pytest.mark.parametrize("edition", EDITION_PREFIXES)
def test_every_section_with_a_spelling_of_a_term_is_found_and_most_results_have_it(edition: str, search_pages, indexes) -> None:  # noqa: F811
    docs = {str(doc["location"]): doc for doc in indexes[edition]}
    cases = [(term, query) for term in TERMS for _, query in term_spellings(term)]
    page = search_pages[edition]
    wait_until(page, "() => window.__hetaoSearch", timeout=10_000)
    answers = page.evaluate(RUN_WORKER, [query for _, query in cases])
    assert len(answers) == len(cases)
    problems = []
    shown_total = relevant_total = 0
    for (term, query), answer in zip(cases, answers):
        key = phrase_key(query)
        forms = {phrase_key(form) for _, form in term_spellings(term)} | {key}
        expected = {location for location, doc in docs.items() if _contains(doc, key)}
        listed = [location for location, matched, _ in answer["items"] if matched]
        missing = expected - set(listed)
        if missing:
            problems.append(f"  {query!r} ({term.id}): {len(missing)} of {len(expected)} sections with it not listed: {sorted(missing)[:4]}")
        relevant = [loc for loc in listed if any(_contains(docs[loc], form) for form in forms)]
        shown_total += len(listed)
        relevant_total += len(relevant)
        if listed and len(relevant) < MIN_PRECISION * len(listed):
            problems.append(f"  {query!r} ({term.id}): only {len(relevant)} of {len(listed)} results contain it or another form")
        shown = [location for location, matched, folded in answer["items"] if matched and not folded]
        kinds = [_kind(docs[location]) for location in shown]
        if "site" in kinds and "content" in kinds[kinds.index("site"):]:
            problems.append(f"  {query!r} ({term.id}): a section about the site shown before a content section: {shown[:8]}")
    assert not problems, f"{edition}: {len(problems)} problems in {len(cases)} searches:\n" + "\n".join(problems)
    assert relevant_total >= MIN_PRECISION * shown_total


def _first_results(page, site_url: str, edition: str) -> list[tuple[str, str]]:
    """(location, kind) of Material's results as shown (not under "more"), each page's entry first."""
    shown = []
    for group in page.evaluate(RESULTS):
        for href, kind, folded in group:
            location = edition_location(href, site_url, edition)
            assert location is not None, f"a result from another edition: {href}"
            if not folded:
                shown.append((location, kind))
    return shown


# The examples: the first section shown is this one (zh), or its counterpart.
FIRST_SECTION = [
    ("zh", "数据交叉学院", {"recommendations/ecosystem-support/#summary", "recommendations/ecosystem-support/#talent-network"}),
    ("zh", "研发在港、应用在深", {"problems/coordination/#autonomous-driving-data"}),
    ("zh", "跨境数据专区", {"recommendations/market-reform/#summary", "recommendations/market-reform/#trading-models"}),
    ("zh", "研发在港 应用在深", {"problems/coordination/#autonomous-driving-data"}),
    ("zh-hant", "數據交叉學院", {"recommendations/ecosystem-support/#summary", "recommendations/ecosystem-support/#talent-network"}),
    ("zh-hant", "研發在港、應用在深", {"problems/coordination/#autonomous-driving-data"}),
    ("zh-hant", "跨境數據專區", {"recommendations/market-reform/#summary", "recommendations/market-reform/#trading-models"}),
    ("en", "data interdisciplinary college", {"recommendations/ecosystem-support/#summary", "recommendations/ecosystem-support/#talent-network"}),
    ("en", "R&D in Hong Kong, application in Shenzhen", {"problems/coordination/#autonomous-driving-data"}),
    ("en", "cross-border data zone", {"recommendations/market-reform/#summary", "recommendations/market-reform/#trading-models"}),
]


@pytest.mark.parametrize(("edition", "query", "expected"), FIRST_SECTION, ids=[f"{e}-{q}" for e, q, _ in FIRST_SECTION])
def test_a_phrase_finds_its_section_first(edition: str, query: str, expected: set[str], search_pages, site_url: str) -> None:  # noqa: F811
    page = search_pages[edition]
    search(page, query)
    sections = [location for location, kind in _first_results(page, site_url, edition) if kind == "section"]
    assert sections and sections[0] in expected, f"{edition} {query!r}: sections shown first: {sections[:5]}"
    assert page.evaluate(NOTICE) == ""


@pytest.mark.parametrize("edition", EDITION_PREFIXES)
def test_sections_about_the_site_come_after_the_content(edition: str, search_pages, site_url: str, indexes) -> None:  # noqa: F811
    docs = {str(doc["location"]): doc for doc in indexes[edition]}
    query = {"zh": "白名单", "zh-hant": "白名單", "en": "whitelist"}[edition]
    page = search_pages[edition]
    search(page, query)
    shown = [location for location, kind in _first_results(page, site_url, edition) if kind == "section"]
    assert "#search-terms" in shown, f"{edition}: the home page's how-to-search section is not found for {query!r}: {shown}"
    assert shown.index("#search-terms") > 1, f"{edition} {query!r}: {shown}"
    kinds = [_kind(docs[location]) for location in shown]
    assert "content" not in kinds[kinds.index("site"):], f"{edition} {query!r}: {list(zip(shown, kinds))}"


QUOTED = [
    ("zh", "“研发在港、应用在深”", "研发在港应用在深"),
    ("zh", "\"数据 交叉学院\"", "数据交叉学院"),
    ("zh-hant", "「研發在港、應用在深」", "研發在港應用在深"),
    ("en", "\"regulatory sandbox\"", "regulatory sandbox"),
]


@pytest.mark.parametrize(("edition", "query", "key"), QUOTED, ids=[f"{e}-{q}" for e, q, _ in QUOTED])
def test_a_quoted_phrase_shows_only_sections_with_it(edition: str, query: str, key: str, search_pages, site_url: str, indexes) -> None:  # noqa: F811
    docs = {str(doc["location"]): doc for doc in indexes[edition]}
    page = search_pages[edition]
    search(page, query)
    results = page.evaluate(RESULTS)
    listed = [edition_location(href, site_url, edition) for group in results for href, _, _ in group]
    matched = [loc for loc in listed if loc is not None]
    expected = {location for location, doc in docs.items() if _contains(doc, key)}
    # every section listed contains the phrase, but for page entries heading their sections
    assert expected <= set(matched), f"{edition} {query!r}: missing {expected - set(matched)}"
    extra = [loc for loc in matched if loc not in expected and "#" in loc]
    assert not extra, f"{edition} {query!r}: sections without the phrase: {extra}"


@pytest.mark.parametrize(
    ("edition", "query", "phrase"),
    [("zh", "“数据交叉大学”", "数据交叉大学"), ("zh-hant", "「數據交叉大學」", "數據交叉大學"),
     ("en", "\"data interdisciplinary university\"", "data interdisciplinary university")],
)
def test_a_quoted_phrase_nobody_wrote_says_so(edition: str, query: str, phrase: str, search_pages) -> None:  # noqa: F811
    page = search_pages[edition]
    search(page, query)
    assert page.locator(".md-search-result__list > li").count() == 0
    notice = page.evaluate(NOTICE)
    missing = {"zh": "没有一个章节包含这个短语", "zh-hant": "沒有一個章節包含這個短語", "en": "No section contains this phrase"}[edition]
    assert missing in notice and phrase in notice, notice


AND_QUERIES = [("zh", "白名单 负面清单", ["白名单", "负面清单"]), ("zh-hant", "白名單 負面清單", ["白名單", "負面清單"]),
               ("en", "whitelist negative list", ["whitelist", "negative list"])]


@pytest.mark.parametrize(("edition", "query", "words"), AND_QUERIES, ids=[q for _, q, _ in AND_QUERIES])
def test_words_are_anded(edition: str, query: str, words: list[str], search_pages, site_url: str, indexes) -> None:  # noqa: F811
    docs = {str(doc["location"]): doc for doc in indexes[edition]}
    page = search_pages[edition]
    search(page, query)
    sections = [loc for loc, kind in _first_results(page, site_url, edition) if kind == "section"]
    assert sections, f"{edition} {query!r}: nothing found"
    for location in sections:
        assert all(_contains(docs[location], phrase_key(word)) for word in words), f"{edition} {query!r}: {location} lacks a word"
    assert page.evaluate(NOTICE) == ""


FALLBACK = [("zh", "白名单 火星", "没有同时包含全部词语的结果"), ("zh-hant", "白名單 火星", "沒有同時包含全部字詞的結果"),
            ("en", "whitelist martian", "No result contains all the words")]


@pytest.mark.parametrize(("edition", "query", "notice"), FALLBACK, ids=[q for _, q, _ in FALLBACK])
def test_without_a_section_with_every_word_partial_results_say_so(edition: str, query: str, notice: str, search_pages) -> None:  # noqa: F811
    page = search_pages[edition]
    search(page, query)
    assert page.locator(".md-search-result__list > li").count() > 0
    assert notice in page.evaluate(NOTICE)
    search(page, query.split()[0])  # the notice goes with the query it was about
    assert page.evaluate(NOTICE) == ""


SHORT_AND_TYPOS = [
    ("bmd", "whitelist"), ("sjkj", "cross-border-data"), ("jgsh", "regulatory-sandbox"),
    ("whitlist", "whitelist"), ("jiangguanshahe", "regulatory-sandbox"), ("regulatroy sandbox", "regulatory-sandbox"),
]


@pytest.mark.parametrize("edition", EDITION_PREFIXES)
@pytest.mark.parametrize(("query", "term_id"), SHORT_AND_TYPOS, ids=[q for q, _ in SHORT_AND_TYPOS])
def test_pinyin_initials_and_one_typo_find_the_term(edition: str, query: str, term_id: str, search_pages, site_url: str) -> None:  # noqa: F811
    page = search_pages[edition]
    search(page, query)
    first = page.evaluate(FINDER_TERMS)[:1]
    assert first == [f"{site_url}/{EDITION_PREFIXES[edition]}glossary/#{term_id}"], f"{edition} {query!r}: {first}"


def test_two_typos_or_unrelated_latin_find_no_term(search_pages) -> None:  # noqa: F811
    page = search_pages["en"]
    found = page.evaluate("qs => qs.map(q => window.__hetaoSearch.findTerms(q).map(t => t.id))", ["whtlst", "qwxzqwxz"])
    assert found == [[], []], found


OFFLINE_FIRST = """([expected]) => {
  const first = [...document.querySelectorAll(".md-search-result__list a.md-search-result__link")].find(a => a.querySelector("h2"))
  if (!first) return false
  const url = new URL(first.href)
  return expected.some(location => url.pathname.endsWith("/" + location.split("#")[0]) && url.hash === "#" + location.split("#")[1])
}"""


@pytest.mark.parametrize(("edition", "query", "expected"), [FIRST_SECTION[1], FIRST_SECTION[5], FIRST_SECTION[8]], ids=["zh", "zh-hant", "en"])
def test_ranking_works_from_file_in_the_offline_copy(edition: str, query: str, expected: set[str], browser, offline_site: Path) -> None:
    """From file:// the worker runs in the iframe shim (where the search probe cannot listen): wait
    for the expected first section, then for the notice of a quoted phrase nobody wrote."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto((offline_site / EDITION_PREFIXES[edition] / "index.html").as_uri())
        page.click("[data-md-component=search-query]")
        page.fill("[data-md-component=search-query]", query)
        offline = [location.replace("/#", ".html#") for location in expected]  # page.html URLs offline
        try:
            wait_until(page, OFFLINE_FIRST, arg=[offline], timeout=15_000)
        except PlaywrightTimeoutError:
            pytest.fail(f"{edition} {query!r} from file://: the first sections were {page.evaluate(RESULTS)[:2]}")
        quoted = {"zh": "“数据交叉大学”", "zh-hant": "「數據交叉大學」", "en": '"data interdisciplinary university"'}[edition]
        page.fill("[data-md-component=search-query]", quoted)
        wait_until(page, NOTICE, timeout=15_000)
        assert page.locator(".md-search-result__list > li").count() == 0
    finally:
        context.close()
