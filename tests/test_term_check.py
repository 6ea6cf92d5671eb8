"""The term check (hetao_docs/terms/check_page.py): normalising a pasted text, the build's matching on
it, what the term base says about each form found, near-misses, the page and its data."""

from __future__ import annotations

import json
import re

import pytest
from support.project import CONVERSIONS, DOCS_ZH, EDITIONS, EN, HANT, ROOT, VARIETIES, ZH, catalogs, terms

from hetao_docs.terms.build import GENERATED_FILES, GENERATED_PAGES, generate, generated_files, read_pages
from hetao_docs.terms.check_page import (
    CHECK_DATA,
    CHECK_PAGE,
    TextChecker,
    check_data,
    chinese_forms,
    data_script,
    normalise,
    preferred_name,
    render_check_page,
    verdict,
)
from hetao_docs.terms.load import variety_phrases
from hetao_docs.terms.match import TermMatcher
from hetao_docs.terms.model import name_for
from hetao_docs.terms.render import docs_url, labels_from

TERMS = {t.id: t for t in terms()}
DOCS_EN = ROOT / "docs" / "en"


@pytest.fixture(scope="module")
def checker() -> TextChecker:
    return TextChecker(terms(), VARIETIES)


def found(checker: TextChecker, text: str, usage: str = "mainland", edition=ZH) -> list[tuple[str, str, str | None, str | None]]:  # type: ignore[no-untyped-def]
    return [f.as_tuple() for f in checker.check(text, usage, edition)]  # type: ignore[arg-type]


# --- normalising --------------------------------------------------------------------------------


def test_normalise_evens_out_what_pasting_brings_and_keeps_each_characters_origin() -> None:
    text = "数据\n  跨境，ＧＢＡ　Standard\r\nContract；cross-\nborder data’s whitelist采用\u200b白名单"
    norm, origin = normalise(text)
    assert norm == "数据跨境,GBA Standard Contract;cross-border data's whitelist 采用白名单"
    assert len(origin) == len(norm) and origin == sorted(origin)
    for char, at in zip(norm, origin):
        if char != " ":
            assert char == text[at] or char in ",;'-" or text[at] in "ＧＢＡ", (char, text[at])


def test_line_breaks_between_words_of_english_stay_spaces() -> None:
    assert normalise("secure isolation\n  zone")[0] == "secure isolation zone"
    assert normalise("data-\nsharing is a hyphen kept")[0] == "data-sharing is a hyphen kept"
    assert normalise("a - \nb")[0] == "a - b"  # a dash between spaces is not a word broken at the line's end


# --- the build's matching on the normalised text ------------------------------------------------


def in_script(written: str, term, edition) -> bool:  # type: ignore[no-untyped-def]
    """`written` is in the edition's own script (pages show the other script's forms on purpose too)."""
    if edition.is_english:
        return not re.search(r"[\u4e00-\u9fff]", written)
    return normalise(written)[0] in {normalise(f)[0] for f in chinese_forms(term)[edition.form_lang]}


def _exact(checker: TextChecker, text: str, edition=ZH) -> list[tuple[int, int, str]]:  # type: ignore[no-untyped-def]
    return [(f.start, f.end, f.term_id) for f in checker.check(text, edition.usage, edition) if f.kind != "near-miss"]


@pytest.mark.parametrize("edition", list(EDITIONS), ids=lambda e: e.code)
def test_on_the_sites_own_pages_the_check_finds_what_the_build_finds(checker: TextChecker, edition) -> None:  # type: ignore[no-untyped-def]
    """Same term data, same rules: on every page of the edition (in its own script), the check's
    finds in that script are the build matcher's occurrences, place for place."""
    build = TermMatcher.for_edition(terms(), edition)
    pages = read_pages(DOCS_EN if edition.is_english else DOCS_ZH)
    phrases = variety_phrases(terms(), edition.lang)
    conversion = CONVERSIONS.get(edition.lang)
    compared = 0
    for path, text in pages:
        if conversion is not None:
            text = conversion.characters(text, phrases)
        expected = [(m.start, m.end, m.term_id) for m in build.find(text)]
        ours = [hit for hit in _exact(checker, text, edition) if in_script(text[hit[0]:hit[1]], TERMS[hit[2]], edition)]
        assert ours == expected, path
        compared += len(expected)
    assert compared > 300


def test_longest_match_wins_across_scripts_and_languages(checker: TextChecker) -> None:
    text = "数据跨境负面清单、數據跨境負面清單 and the negative list for cross-border data"
    assert [f[0] for f in found(checker, text)] == ["cross-border-data-negative-list"] * 3


def test_mixed_scripts_full_width_and_line_breaks_are_found(checker: TextChecker) -> None:
    text = "採用白名單、数据\n跨境和ＷＨＩＴＥＬＩＳＴ；采用whitelist模式；數据跨境"
    assert found(checker, text) == [
        ("whitelist", "白名單", None, None),
        ("cross-border-data", "数据\n跨境", None, None),
        ("whitelist", "ＷＨＩＴＥＬＩＳＴ", None, None),
        ("whitelist", "whitelist", None, None),
        ("cross-border-data", "數据跨境", "mixed-script", "数据跨境"),
    ]


def test_english_forms_only_on_word_boundaries(checker: TextChecker) -> None:
    assert found(checker, "a data trustee") == []
    assert found(checker, "a data trust.") == [("data-trust", "data trust", None, None)]


# --- what the term base says about a form, for one usage ----------------------------------------


def test_another_jurisdictions_form_gets_the_readers_form(checker: TextChecker) -> None:
    assert found(checker, "个人信息", "hong-kong", HANT) == [("personal-information", "个人信息", "other-usage", "個人資料")]
    assert found(checker, "cross-border data", "hong-kong", HANT) == [("cross-border-data", "cross-border data", "other-usage", "cross-boundary data")]
    assert found(checker, "cross-boundary data", "mainland") == [("cross-border-data", "cross-boundary data", "other-usage", "cross-border data")]
    # A Mainland law keeps its name in Hong Kong: nothing to say.
    assert found(checker, "个人信息保护法", "hong-kong", HANT) == [("pipl", "个人信息保护法", None, None)]
    assert found(checker, "个人信息", "mainland") == [("personal-information", "个人信息", None, None)]


def test_general_readers_follow_no_jurisdiction_and_deprecated_forms_are_always_noted(checker: TextChecker) -> None:
    assert found(checker, "cross-border data; cross-boundary data", "general", EN) == [
        ("cross-border-data", "cross-border data", None, None),
        ("cross-border-data", "cross-boundary data", None, None),
    ]
    for usage in VARIETIES.usages:
        assert found(checker, "privacy computing", usage, EN) == [
            ("privacy-computing", "privacy computing", "deprecated", "privacy-preserving computation")
        ]


def test_every_suggestion_is_a_form_the_term_base_records_for_that_usage() -> None:
    for term in terms():
        for rendering in term.renderings:
            for usage in VARIETIES.usages:
                said = verdict(term, rendering.form, rendering.lang, usage, VARIETIES)
                if said is None or said.kind == "deprecated":
                    continue
                assert rendering.usage not in ("general", usage)
                records = {(r.form, r.usage) for r in term.renderings}
                assert (said.suggestion, usage) in records or (said.suggestion, "general") in records, (term.id, rendering.form, usage)


def test_preferred_names_are_the_editions_names() -> None:
    for term in terms():
        for edition in EDITIONS:
            assert preferred_name(term, edition.form_lang, edition.usage) == name_for(term, edition)


# --- near-misses ----------------------------------------------------------------------------------


def test_near_misses_one_letter_off_or_one_homophone_off(checker: TextChecker) -> None:
    assert found(checker, "白明单和a whitlist, a regulatory sandbxo") == [
        ("whitelist", "白明单", "near-miss", "白名单"),
        ("whitelist", "whitlist", "near-miss", "whitelist"),
        ("regulatory-sandbox", "regulatory sandbxo", "near-miss", "regulatory sandbox"),
    ]
    # the longer term was meant, not the shorter one inside the slip
    assert found(checker, "数据跨境负面青单") == [("cross-border-data-negative-list", "数据跨境负面青单", "near-miss", "数据跨境负面清单")]
    assert found(checker, "負面青單", "hong-kong", HANT) == [("negative-list", "負面青單", "near-miss", "負面清單")]


def test_real_words_plurals_and_short_forms_are_not_near_misses(checker: TextChecker) -> None:
    assert found(checker, "数据入境") == []  # 入 and 出 do not sound alike: another word, not a slip
    assert found(checker, "数据跨境流动") == [("cross-border-data", "数据跨境", None, None)]
    # a plural is neither the term (the build matches whole words) nor a slip of it
    assert found(checker, "data trusts, security assessments and GBB") == []
    assert found(checker, "the hetao-shenzhen-park address") == []


def test_the_sites_own_chinese_pages_have_almost_no_near_misses(checker: TextChecker) -> None:
    """The site's text is checked: a near-miss in it is a false alarm."""
    misses = [f.text for _, text in read_pages(DOCS_ZH) for f in checker.check(text, "mainland", ZH) if f.kind == "near-miss"]
    assert len(misses) <= 2, misses


# --- the data, the page, the build's generated files ----------------------------------------------


def test_the_data_carries_the_matchers_keys_and_every_terms_forms_and_verdicts(checker: TextChecker) -> None:
    texts = catalogs()["zh-hant"].group("term_check")
    data = check_data(terms(), HANT, texts, "../glossary/")
    assert [tuple(k) for k in data["chinese"]] == [(key, list(TERMS).index(term_id)) for key, term_id in checker.chinese.keys]
    assert [tuple(k) for k in data["english"]] == [(key, list(TERMS).index(term_id)) for key, term_id in checker.english.keys]
    assert data["fold"] == checker.fold_table and data["fold"]["據"] == "据"
    assert data["homophones"] == checker.homophones and "青" in data["homophones"]["qing"]
    assert data["edition"] == {"usage": "hong-kong", "traditional": True, "english": False}
    entry = data["terms"][list(TERMS).index("personal-information")]
    hong_kong = VARIETIES.usages.index("hong-kong")
    assert entry["url"] == "../glossary/#personal-information" and entry["names"][hong_kong] == ["个人信息", "個人資料", "personal data"]
    rows = {(row[0], row[1]): row for row in entry["forms"]}
    assert rows[("zh-Hans", "个人信息")][2][VARIETIES.usages.index("hong-kong")][:2] == ["other-usage", "個人資料"]
    assert len(rows[("zh-Hant-HK", "個人資料")]) == 3 and rows[("zh-Hant-HK", "個人資料")][2][VARIETIES.usages.index("hong-kong")] is None
    script = data_script(data)
    assert script.startswith("window.__hetaoTermCheck=") and script.endswith(";\n")
    assert json.loads(script.removeprefix("window.__hetaoTermCheck=").removesuffix(";\n")) == json.loads(json.dumps(data))


@pytest.mark.parametrize("edition", list(EDITIONS), ids=lambda e: e.code)
def test_the_page_is_generated_accessible_and_in_the_editions_words(edition) -> None:  # type: ignore[no-untyped-def]
    texts = catalogs()[edition.code].group("term_check")
    page = render_check_page(edition, texts, len(TERMS), docs_url())
    front = page.split("---\n")[1]
    assert "generated: true" in front and "hetao_term_check: true" in front and "exclude: true" in front
    assert f"# {texts['title']} {{ #term-check }}" in page
    assert '<label class="hetao-check__label" for="hetao_check_text">' in page and '<textarea class="hetao-check__text" id="hetao_check_text"' in page
    assert 'role="status" aria-live="polite"' in page
    assert f'value="{edition.usage}" checked>' in page and page.count('type="radio"') == len(VARIETIES.usages)
    for anchor in ("checked-text", "check-notes", "terms-found"):  # the reader's own text: no Cite button
        assert f'{{ #{anchor} data-cite="no" }}' in page
    assert "{ #how-it-works }" in page
    assert f"({len(TERMS)} terms)" in page or f"共 {len(TERMS)} 个术语" in page or f"共 {len(TERMS)} 個術語" in page
    assert '<a href="../glossary/">' in page  # the noscript link, as the built site's URL


def test_page_text_from_strings_is_escaped() -> None:
    texts = {**catalogs()["en"].group("term_check"), "input_label": "<b>x</b>", "title": 'a "quoted" title'}
    page = render_check_page(EN, texts, 1, docs_url())
    assert "&lt;b&gt;x&lt;/b&gt;" in page and "<b>x" not in page
    assert 'title: "a \\"quoted\\" title"' in page


def test_generate_makes_the_page_and_its_data_with_the_check_texts() -> None:
    labels = labels_from(catalogs()["en"].group("glossary"))
    result = generate(terms(), EN, EN, read_pages(DOCS_EN), labels, check_texts=catalogs()["en"].group("term_check"))
    assert {CHECK_PAGE, CHECK_DATA} <= set(result.files) and set(result.files) == set(generated_files(EN))
    assert set(GENERATED_FILES) <= set(result.files)
    assert CHECK_PAGE in GENERATED_PAGES and CHECK_DATA in GENERATED_FILES
    assert result.files[CHECK_DATA].startswith("window.__hetaoTermCheck=")
    offline = generate(terms(), EN, EN, [], labels, url=docs_url(False), check_texts=catalogs()["en"].group("term_check"))
    assert '"url":"glossary.html#whitelist"' in offline.files[CHECK_DATA]


def test_five_thousand_characters_are_checked_as_their_parts(checker: TextChecker) -> None:
    part = "深港两地的个人信息与数据跨境，白名单和负面清单。Cross-border data and the whitelist.\n"
    text = (part * (5000 // len(part) + 1))[:5000]
    whole = found(checker, text)
    assert len(text) == 5000 and len(whole) >= 5 * (5000 // len(part))
    assert whole[:len(found(checker, part))] == found(checker, part)


# --- issue 24: a translator's findings -------------------------------------------------------------


def test_a_form_is_judged_the_same_in_simplified_and_traditional(checker: TextChecker) -> None:
    """Under Mainland usage 个人资料 is the Hong Kong term as much as 個人資料 is."""
    assert found(checker, "个人资料和個人資料") == [
        ("personal-information", "个人资料", "other-usage", "个人信息"),
        ("personal-information", "個人資料", "other-usage", "個人信息"),
    ]
    assert found(checker, "個人信息和个人信息", "hong-kong", HANT) == [
        ("personal-information", "個人信息", "other-usage", "個人資料"),
        ("personal-information", "个人信息", "other-usage", "個人資料"),
    ]


def test_the_reason_shown_is_the_found_forms_own() -> None:
    """The reason for writing 個人信息 instead of 個人資料 is not why 個人信息 is admitted in Hong Kong."""
    pi = TERMS["personal-information"]
    for form, lang in (("個人資料", "zh-Hant-HK"), ("个人资料", "zh-Hans")):
        found_verdict = verdict(pi, form, lang, "mainland", VARIETIES)
        assert found_verdict is not None and found_verdict.why is not None
        assert found_verdict.why.startswith("The term Hong Kong law defines") and "Mainland names" not in found_verdict.why


def test_a_script_slip_proposes_the_same_word_in_one_script(checker: TextChecker) -> None:
    assert found(checker, "个人資料") == [("personal-information", "个人資料", "mixed-script", "个人资料")]
    assert found(checker, "个人資料", "hong-kong", HANT) == [("personal-information", "个人資料", "mixed-script", "個人資料")]


def test_the_status_line_puts_each_noun_in_its_number() -> None:
    from hetao_docs.terms.check_page import status_line

    english = catalogs()["en"].group("term_check")
    assert status_line(english, 1, 1, 1) == "1 term found, 1 occurrence, 1 note."
    assert status_line(english, 2, 3, 0) == "2 terms found, 3 occurrences, 0 notes."
    assert status_line(catalogs()["zh"].group("term_check"), 20, 23, 2) == "找到 20 个术语，共出现 23 次，2 条提示。"
    assert status_line(catalogs()["zh-hant"].group("term_check"), 1, 1, 1) == "找到 1 個術語，共出現 1 次，1 項提示。"
