"""The search module (term finder, index, worker switch) on small inputs and on the real build."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from support.project import CONVERSIONS, VARIETIES

from devtools.search_cases import EDITION_PREFIXES, term_spellings
from hetao_docs.editions import load_editions
from hetao_docs.search import (
    REFERENCE_BOOST,
    SITE_BOOST,
    SearchRankError,
    compact_index,
    contains_phrase,
    normalise,
    phrase_key,
    pinyin_initials,
    pinyin_keys,
    script_variants,
    section_boosts,
    term_finder,
    term_keys,
)
from hetao_docs.strings import load_catalogs
from hetao_docs.terms import Occurrences, TermMatcher
from hetao_docs.terms.load import load_terms
from hetao_docs.terms.model import EnSource, Term
from hetao_docs.terms.render import labels_from

ROOT = Path(__file__).resolve().parent.parent
SCRIPT_TEST = VARIETIES.script_test  # the edition table's conversions that tell a script
EDITIONS = load_editions(ROOT / "data" / "editions.yml")
ZH, EN, HANT = EDITIONS.get("zh"), EDITIONS.get("en"), EDITIONS.get("zh-hant")
CATALOGS = load_catalogs(ROOT / "data" / "strings", EDITIONS.codes)


def make_term(term_id: str, zh: str, zh_hant: str, pinyin: str, en: str, en_alt: tuple[str, ...] = ()) -> Term:
    return Term(
        id=term_id, zh=zh, pinyin=pinyin, en=en, en_alt=en_alt, category="governance",
        related=(), definition_zh="定义。", definition_en="Definition.", en_source=EnSource("none"),
        forms=((VARIETIES.source, (zh,)), *((lang, (zh_hant,)) for lang, _ in VARIETIES.converted), (VARIETIES.english, (en, *en_alt))),
    )


WHITELIST = make_term("whitelist", "白名单", "白名單", "bái míng dān", "whitelist", ("white list",))
NEGATIVE = make_term("negative-list", "负面清单", "負面清單", "fù miàn qīng dān", "negative list")
DATA_NEGATIVE = make_term("cross-border-data-negative-list", "数据跨境负面清单", "數據跨境負面清單",
                          "shù jù kuà jìng fù miàn qīng dān", "negative list for cross-border data")
GREEN = make_term("green", "绿色", "綠色", "lǜ sè", "green")


@pytest.mark.parametrize(
    ("typed", "key"),
    [("Bái Míng Dān", "baimingdan"), ("bai ming dan", "baimingdan"), ("ｂａｉ", "bai"), ("白名单", "白名单"),
     ("white-list", "whitelist"), ("GBA", "gba"), ("R&D", "rd"), (" 白名單 ", "白名單")],
)
def test_normalise_makes_spellings_meet(typed: str, key: str) -> None:
    assert normalise(typed) == key


def test_pinyin_keys_accept_v_for_u_umlaut() -> None:
    assert pinyin_keys("lǜ sè") == {"luse", "lvse"}


def test_term_keys_cover_every_script() -> None:
    assert term_keys(WHITELIST) == ["白名单", "白名單", "whitelist", "baimingdan"]
    assert "lvse" in term_keys(GREEN) and "綠色" in term_keys(GREEN)


def test_spellings_are_those_a_reader_types() -> None:
    assert term_spellings(WHITELIST) == [
        ("zh", "白名单"), ("zh_hant", "白名單"), ("en", "whitelist"), ("en_alt1", "white list"),
        ("pinyin", "bái míng dān"), ("pinyin_toneless", "bai ming dan"), ("pinyin_joined", "baimingdan"),
    ]


PAGES = [
    ("p.md", "# 页 { #p }\n\n前言\n\n## 概要 { #a }\n\n目前白名单覆盖有限，白名单要扩大。\n\n"
             "## 白名单制度 { #b }\n\n白名单。\n\n## 清单 { #c }\n\n数据跨境负面清单\n\n## 白名单之外 { #d }\n\n别的。\n"),
]


def test_finder_lists_sections_with_the_term_in_their_heading_first_then_by_count() -> None:
    terms = [WHITELIST, NEGATIVE, DATA_NEGATIVE]
    occurrences = Occurrences.scan(PAGES, TermMatcher.for_edition(terms, ZH))
    finder = term_finder(terms, ZH, {"heading": "术语"}, "glossary/", occurrences, lambda path: path.removesuffix(".md") + "/")
    sections = {entry["id"]: [location for location, _, _ in entry["sections"]] for entry in finder["terms"]}
    # headings naming the term first (also #d, whose text does not use it), then by count
    assert sections["whitelist"] == ["p/#b", "p/#d", "p/#a"]
    assert finder["terms"][0]["sections"][0][1:] == ["白名单制度", "页"]
    # a nested term inside a longer one is that longer term's occurrence only
    assert sections["negative-list"] == []
    assert sections["cross-border-data-negative-list"] == ["p/#c"]


def test_finder_per_edition_is_labelled_in_its_language() -> None:
    occurrences = Occurrences.scan(PAGES, TermMatcher.for_edition([WHITELIST], ZH))
    zh = term_finder([WHITELIST], ZH, {"heading": "术语"}, "glossary/", occurrences, str)
    en = term_finder([WHITELIST], EN, {"heading": "Terms"}, "glossary/", Occurrences.scan([], TermMatcher.for_edition([WHITELIST], EN)), str)
    hant = term_finder([WHITELIST], HANT, {}, "glossary/", occurrences, str)
    assert (zh["terms"][0]["title"], en["terms"][0]["title"], hant["terms"][0]["title"]) == ("白名单", "whitelist", "白名單")
    assert zh["terms"][0]["url"] == "glossary/#whitelist"
    assert zh["texts"]["heading"] == "术语" and en["texts"]["heading"] == "Terms"
    assert en["terms"][0]["sections"] == []  # no English text


@pytest.mark.parametrize(
    ("typed", "key"),
    [("研发在港、应用在深", "研发在港应用在深"), ("研发在港 应用在深", "研发在港应用在深"), ("“数据 交叉学院”", "数据交叉学院"),
     ("Cross-Border  Data", "cross border data"), ("ＲＥＧＵＬＡＴＯＲＹ　sandbox", "regulatory sandbox"), ("bái míng dān", "bai ming dan"),
     ("数据\u200b跨境", "数据跨境"), ("R&D 中心", "r d中心"), ("香港 GBA", "香港gba")],
)
def test_phrase_key_folds_punctuation_width_case_tones_and_spaces_between_han(typed: str, key: str) -> None:
    assert phrase_key(typed) == key


@pytest.mark.parametrize(
    ("text", "needle", "found"),
    [("监管沙盒试点", "沙盒", True), ("regulatory sandbox rules", "sandb", True), ("regulatory sandbox", "box", False),
     ("数据sandbox", "sandbox", True), ("whitelist", "white list", False), ("", "", False)],
)
def test_contains_phrase_needs_a_word_start_for_latin_only(text: str, needle: str, found: bool) -> None:
    assert contains_phrase(phrase_key(text), phrase_key(needle)) is found


def test_pinyin_initials() -> None:
    assert pinyin_initials("bái míng dān") == "bmd"
    assert pinyin_initials("shù jù kuà jìng") == "sjkj"
    assert pinyin_initials("lǜ sè") == "ls"
    assert pinyin_initials("hé") == ""


def test_finder_entries_carry_the_initials() -> None:
    occurrences = Occurrences.scan(PAGES, TermMatcher.for_edition([WHITELIST], ZH))
    finder = term_finder([WHITELIST], ZH, {}, "glossary/", occurrences, str)
    assert finder["terms"][0]["initials"] == "bmd"


PAGE_HTML = (
    '<h1 id="home">页</h1><p>x</p><h2 id="about" data-search-rank="site">关于</h2><h2 id="facts">事实</h2>'
    '<h3 data-search-rank="site" id="cite">引用</h3>'
)


def test_section_boosts_mark_sections_about_the_site_and_every_section_of_generated_pages() -> None:
    assert section_boosts("", PAGE_HTML, generated=False) == {"#about": SITE_BOOST, "#cite": SITE_BOOST}
    assert section_boosts("p/", PAGE_HTML, generated=False) == {"p/#about": SITE_BOOST, "p/#cite": SITE_BOOST}
    generated = section_boosts("glossary/", '<h1 id="glossary">术语表</h1><h2 id="whitelist">白名单</h2>', generated=True)
    assert generated == {"glossary/": REFERENCE_BOOST, "glossary/#whitelist": REFERENCE_BOOST}


def test_section_boosts_reject_an_unknown_rank() -> None:
    with pytest.raises(SearchRankError, match="heading '#about': data-search-rank must be 'site', not 'low'"):
        section_boosts("", '<h2 id="about" data-search-rank="low">关于</h2>', generated=False)


def test_compact_index_writes_the_boosts() -> None:
    index = json.dumps({"docs": [{"location": "", "title": "页"}, {"location": "#about", "title": "关于"}]})
    docs = json.loads(compact_index(index, {"#about": SITE_BOOST}))["docs"]
    assert "boost" not in docs[0] and docs[1]["boost"] == SITE_BOOST


def test_compact_index_keeps_the_data() -> None:
    original = json.dumps({"docs": [{"title": "数据\u200b跨境"}]})
    compact = compact_index(original, script_test=SCRIPT_TEST)
    variants = json.loads(compact)["config"].pop("hetao_variants")  # the other script's characters (below)
    assert json.loads(compact) == {**json.loads(original), "config": {"hetao_variants": variants}}
    assert len(compact.encode()) - len(f'"config":{{"hetao_variants":"{variants}"}},'.encode()) < len(original.encode())


def test_the_index_says_how_the_other_script_writes_its_characters() -> None:
    """For a query typed in the other script (issue 23: 白名单 in the Traditional edition found 2
    sections, 白名單 6): pairs of characters, the other script's first."""
    traditional = script_variants([{"title": "白名單", "text": "數據 發展 頭髮 發 發 以後 之後 後來 皇后 白名单"}], SCRIPT_TEST)
    pairs = dict(zip(traditional[::2], traditional[1::2], strict=True))
    assert pairs["单"] == "單" and pairs["数"] == "數" and pairs["据"] == "據"  # 单 is in the index too (a Simplified form shown)
    assert pairs["发"] == "發"  # 發 and 髮 are both 发: the more frequent
    assert pairs["后"] == "後" and "後" not in pairs  # no cycle
    assert "白" not in pairs and "名" not in pairs  # the same in both scripts
    simplified = script_variants([{"title": "数码港", "text": ""}], SCRIPT_TEST)
    assert dict(zip(simplified[::2], simplified[1::2], strict=True)) == {"數": "数", "碼": "码"}


# The real build --------------------------------------------------------------------------------

FINDER = re.compile(r"^window\.__hetaoTermFinder=(.*);\n$", re.S)


@pytest.mark.parametrize("edition", EDITION_PREFIXES)
def test_built_finder_lists_every_term_with_a_glossary_entry(edition: str, site: Path) -> None:
    root = site / EDITION_PREFIXES[edition]
    finder = json.loads(FINDER.match((root / "search" / "term_finder.js").read_text(encoding="utf-8")).group(1))
    terms = load_terms(ROOT / "data" / "terms.yaml", VARIETIES)
    assert [entry["id"] for entry in finder["terms"]] == [term.id for term in terms]
    glossary = (root / "glossary" / "index.html").read_text(encoding="utf-8")
    missing = [e["url"] for e in finder["terms"] if f'id="{e["url"].split("#")[1]}"' not in glossary]
    assert not missing, f"{edition}: glossary entries the finder links to do not exist: {missing}"
    for entry in finder["terms"]:
        for location, _, _ in entry["sections"]:
            page, _, anchor = location.partition("#")
            html = (root / page / "index.html").read_text(encoding="utf-8")
            assert not anchor or f'id="{anchor}"' in html, f"{edition}: {entry['id']} links to missing {location}"


@pytest.mark.parametrize("edition", EDITION_PREFIXES)
def test_built_index_is_compact_and_pages_use_the_wrapper(edition: str, site: Path) -> None:
    root = site / EDITION_PREFIXES[edition]
    index = (root / "search" / "search_index.json").read_text(encoding="utf-8")
    escaped = re.findall(r"(?<!\\)\\u[0-9a-f]{4}", index)  # JSON escapes, not the regex in `separator`
    assert not escaped, f"characters written as \\uXXXX escapes (6 bytes each): {escaped[:5]}"
    home = (root / "index.html").read_text(encoding="utf-8")
    wrapper = re.search(r"workers/(search-hetao\.[0-9a-f]{8}\.min\.js)\?material=search\.", home)
    assert wrapper, "the page does not load our worker wrapper"
    assert (root / "assets" / "javascripts" / "workers" / wrapper.group(1)).is_file()


def test_each_edition_has_its_own_index(site: Path) -> None:
    """Guards against the nested edition builds overwriting an earlier edition's index."""
    texts = {
        edition: (site / prefix / "search" / "search_index.json").read_text(encoding="utf-8")
        for edition, prefix in EDITION_PREFIXES.items()
    }
    def count(edition: str, word: str) -> int:
        return texts[edition].count(word)

    # the glossary shows every script, so compare how often each one is used
    assert count("zh", "数据") > 10 * count("zh", "數據"), "the Simplified edition's index is not Simplified"
    assert count("zh-hant", "數據") > 10 * count("zh-hant", "数据"), "the Traditional edition's index is not Traditional"
    assert count("en", "cross-border") > 0 and count("en", "数据") < count("zh", "数据") / 2, "the English index is not English"


@pytest.mark.parametrize("edition", EDITION_PREFIXES)
def test_glossary_entries_index_a_term_but_not_its_lists_of_other_terms_and_sections(edition: str, site: Path) -> None:
    """An entry's related terms and places of use stay out of search: there they would make every
    entry that mentions a term compete with that term's own entry."""
    index = json.loads((site / EDITION_PREFIXES[edition] / "search" / "search_index.json").read_text(encoding="utf-8"))
    entry = next(doc for doc in index["docs"] if doc["location"].endswith("glossary/#whitelist"))
    text = entry["text"].replace("\u200b", "")
    assert "bái míng dān" in text and "whitelist" in text and "白名單" in text
    labels = labels_from(CATALOGS[edition].group("glossary"))
    assert labels.related not in text and labels.where_used not in text and labels.index_title not in text
    # the edition's own language only (the first search's download): the other definition is shown, not indexed
    english, simplified = "A list of what may be let through", "白名单是列明可以放行的对象"
    chinese = {e.code: CONVERSIONS[e.lang].characters(simplified) if e.is_traditional else simplified for e in EDITIONS if not e.is_english}
    assert chinese.get("zh-hant") == "白名單是列明可以放行的對象"
    if EDITIONS.get(edition).is_english:
        assert english in text and not any(definition in text for definition in chinese.values())
    else:
        assert chinese[edition] in text and english not in text


@pytest.mark.parametrize("edition", EDITION_PREFIXES)
def test_built_index_ranks_sections_about_the_site_and_reference_pages_below_content(edition: str, site: Path) -> None:
    index = json.loads((site / EDITION_PREFIXES[edition] / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = {doc["location"]: doc for doc in index["docs"]}
    for location in ("#search-terms", "#cite-sections", "source/#how-to-cite", "source/#editorial-method"):
        assert docs[location]["boost"] == SITE_BOOST, f"{edition}: {location}"
    assert docs["glossary/#whitelist"]["boost"] == REFERENCE_BOOST and docs["glossary/"]["boost"] == REFERENCE_BOOST
    assert "boost" not in docs["problems/coordination/#rule-alignment"] and "boost" not in docs["#article-at-a-glance"]
