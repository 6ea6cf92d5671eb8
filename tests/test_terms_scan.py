"""Finding terms in Chinese and English text, and splitting Markdown into sections."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from support.project import EN, HANT, VARIETIES, ZH, catalogs

from hetao_docs.terms import Occurrences, TermMatcher, generate, load_terms, match
from hetao_docs.terms.build import read_pages
from hetao_docs.terms.match import nested_in, surface_forms
from hetao_docs.terms.occurrences import unused_terms
from hetao_docs.terms.render import labels_from
from hetao_docs.terms.scan import SEPARATOR, split_sections

FIXTURES = Path(__file__).parent / "fixtures" / "terms"


@pytest.fixture(scope="module")
def terms() -> list:
    return load_terms(FIXTURES / "valid.yaml", VARIETIES, display_name="valid.yaml")


def found(matcher: TermMatcher, text: str) -> list[tuple[str, str]]:
    return [(m.term_id, text[m.start:m.end]) for m in matcher.find(text)]


def test_term_mid_sentence_in_chinese(terms: list) -> None:
    assert found(TermMatcher.for_edition(terms, ZH), "目前跨境数据白名单覆盖领域有限") == [
        ("cross-border-data", "跨境数据"),
        ("whitelist", "白名单"),
    ]


def test_two_adjacent_terms(terms: list) -> None:
    assert found(TermMatcher.for_edition(terms, ZH), "数据跨境监管沙盒，") == [
        ("cross-border-data", "数据跨境"),
        ("regulatory-sandbox", "监管沙盒"),
    ]


def test_nested_term_longest_match_wins(terms: list) -> None:
    # 数据跨境 and 负面清单 are both inside 数据跨境负面清单: one occurrence, of the longest term.
    assert found(TermMatcher.for_edition(terms, ZH), "完善数据跨境负面清单和负面清单") == [
        ("cross-border-data-negative-list", "数据跨境负面清单"),
        ("negative-list", "负面清单"),
    ]


def test_overlapping_terms_of_equal_length_leftmost_wins(terms: list) -> None:
    # 跨境数据 [0,4) and 数据跨境 [2,6) overlap; the leftmost is kept.
    assert found(TermMatcher.for_edition(terms, ZH), "跨境数据跨境") == [("cross-border-data", "跨境数据")]


def test_traditional_edition_matches_traditional_forms(terms: list) -> None:
    matcher = TermMatcher.for_edition(terms, HANT)
    assert found(matcher, "擴大白名單和數據跨境負面清單") == [
        ("whitelist", "白名單"),
        ("cross-border-data-negative-list", "數據跨境負面清單"),
    ]
    assert found(matcher, "白名单") == []


def test_english_is_case_insensitive_on_word_boundaries(terms: list) -> None:
    matcher = TermMatcher.for_edition(terms, EN)
    assert found(matcher, "The Whitelist and a white list; whitelists, blackwhitelist.") == [
        ("whitelist", "Whitelist"),
        ("whitelist", "white list"),
    ]
    assert found(matcher, "a negative list for cross-border data") == [
        ("cross-border-data-negative-list", "negative list for cross-border data")
    ]


def test_english_term_wrapped_across_lines_still_counts(terms: list) -> None:
    matcher = TermMatcher.for_edition(terms, EN)
    assert found(matcher, "see the negative list\n  for cross-border data here") == [
        ("cross-border-data-negative-list", "negative list\n  for cross-border data")
    ]


def _collapsed_char_by_char(text: str) -> tuple[str, list[int]]:
    """The definition, one character at a time: each run of white space one space, kept offsets."""
    kept, offsets, previous = [], [], False
    for index, char in enumerate(text):
        if char.isspace() and previous:
            continue
        kept.append(" " if char.isspace() else char)
        offsets.append(index)
        previous = char.isspace()
    return "".join(kept), offsets


def test_white_space_runs_collapse_as_the_definition_says() -> None:
    alphabet = "ab 数\n\t\u3000\xa0\u2028\x1c\u200b_"  # every kind of white space, and a zero-width non-space
    generator = random.Random(7)
    texts = ["", " ", "  ", "a", " a ", "a  b", "\n\n a\t\tb \n"]
    texts += ["".join(generator.choice(alphabet) for _ in range(generator.randrange(30))) for _ in range(3000)]
    for text in texts:
        assert match._collapse_spaces(text) == _collapsed_char_by_char(text), repr(text)


def test_nested_in_names_the_longer_terms(terms: list) -> None:
    nested = nested_in(surface_forms(terms, ZH), ignore_case_and_words=False)
    assert nested == {
        "negative-list": ("cross-border-data-negative-list",),
        "cross-border-data": ("cross-border-data-negative-list",),
    }


def test_sections_skip_code_comments_headings_and_keep_link_text() -> None:
    markdown = (FIXTURES / "docs" / "index.md").read_text(encoding="utf-8")
    sections = split_sections("index.md", markdown)
    assert [(s.anchor, s.title, s.page_title) for s in sections] == [
        ("home", "测试首页", "测试首页"),
        ("lists", "清单管理", "测试首页"),
    ]
    lists = sections[1].text
    assert "数据信托" not in lists  # only in a comment, a code span and a code block
    assert f"{SEPARATOR}监管沙盒{SEPARATOR}" in lists  # link text counts
    assert "没有编号的小节" not in lists and "这里的白名单属于上一节" in lists  # heading without id
    assert sections[1].link == "index.md#lists"


def test_occurrences_match_expected_fixture(terms: list) -> None:
    occurrences = Occurrences.scan(read_pages(FIXTURES / "docs"), TermMatcher.for_edition(terms, ZH))
    lines = [f"{term_id}: {' '.join(s.link for s in found_in)}" for term_id, found_in in sorted(occurrences.by_term().items())]
    expected = (FIXTURES / "expected_occurrences_zh.txt").read_text(encoding="utf-8").splitlines()
    assert lines == expected


def test_unused_term_is_a_warning_naming_file_entry_and_field(terms: list) -> None:
    labels = labels_from(catalogs()["zh"].group("glossary"))
    result = generate(terms, ZH, ZH, read_pages(FIXTURES / "docs"), labels, term_base="valid.yaml", docs_dir="docs")
    # 数据信托 appears only in a comment and in code; 负面清单 and 数据跨境 also occur on their own.
    assert result.warnings == [
        "valid.yaml:71: term 'data-trust': field 'zh': '数据信托' never occurs in docs (zh edition)"
    ]


def test_a_term_only_inside_a_longer_one_counts_as_used(terms: list) -> None:
    occurrences = Occurrences.scan([("a.md", "# A { #a }\n\n完善数据跨境负面清单。\n")], TermMatcher.for_edition(terms, ZH))
    nested = nested_in(surface_forms(terms, ZH), ignore_case_and_words=False)
    unused = set(unused_terms([t.id for t in terms], occurrences, nested))
    assert "negative-list" not in unused and "cross-border-data" not in unused
    assert "whitelist" in unused


def test_one_occurrence_model_answers_by_term_and_by_section(terms: list) -> None:
    """The glossary and the index ask where a term occurs, the inline definitions which terms a
    section has, the term finder which sections are most about a term: one scan answers all alike."""
    occurrences = Occurrences.scan(read_pages(FIXTURES / "docs"), TermMatcher.for_edition(terms, ZH))
    by_term = {(s.page, s.anchor, term_id) for term_id, found in occurrences.by_term().items() for s in found}
    by_section = {(s.page, s.anchor, term_id) for s in occurrences.sections for term_id in occurrences.terms_in(s.page, s.anchor)}
    assert by_term == by_section and by_term
    for term_id, found in occurrences.by_term().items():
        assert set(occurrences.most_about(term_id, 99)) >= set(found)
    converted = occurrences.localized(lambda text: text + "·")
    assert [s.title for s in converted.sections] == [s.title + "·" for s in occurrences.sections]
    assert {s.link for s in converted.sections_of("whitelist")} == {s.link for s in occurrences.sections_of("whitelist")}
    assert converted.terms_in("index.md", "lists") == occurrences.terms_in("index.md", "lists")
