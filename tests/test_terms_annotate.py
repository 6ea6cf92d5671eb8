"""Inline definitions in page HTML: first occurrence per section, never in code, links or headings."""

from __future__ import annotations

import dataclasses
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from support.project import EN, HANT, VARIETIES, ZH

from hetao_docs.editions import Edition
from hetao_docs.terms import InlineDefinitions, load_terms
from hetao_docs.terms.annotate import tips_script

FIXTURES = Path(__file__).parent / "fixtures" / "terms"


def annotate(terms: list, edition: Edition, html: str, glossary_url: str, occurs=None) -> str:  # type: ignore[no-untyped-def]
    """Annotate with every term allowed in every section (the build passes the occurrence model's)."""
    inline = InlineDefinitions(terms, edition)
    return inline.annotate(html, glossary_url, occurs or (lambda section: inline.every_term))


@pytest.fixture(scope="module")
def terms() -> list:
    return load_terms(FIXTURES / "valid.yaml", VARIETIES, display_name="valid.yaml")


def test_annotation_matches_expected_fixture(terms: list) -> None:
    source = (FIXTURES / "annotate_input.html").read_text(encoding="utf-8")
    expected = (FIXTURES / "annotate_expected_zh.html").read_text(encoding="utf-8")
    assert annotate(terms, ZH, source, "../glossary/") == expected


def test_only_text_changes(terms: list) -> None:
    source = (FIXTURES / "annotate_input.html").read_text(encoding="utf-8")
    annotated = annotate(terms, ZH, source, "../glossary/")
    unwrapped = re.sub(r'<a class="hetao-term" href="[^"]*" title="[^"]*">([^<]*)</a>', r"\1", annotated)
    assert unwrapped == source


def test_never_inside_code_links_abbr_script_or_headings(terms: list) -> None:
    html = (
        '<h2 id="s">白名单</h2><p><code>白名单</code><a href="x">白名单</a><abbr title="t">白名单</abbr>'
        "<kbd>白名单</kbd></p><pre>白名单</pre><script>白名单</script><style>白名单{}</style>"
    )
    assert annotate(terms, ZH, html, "g/") == html


def test_first_occurrence_per_section(terms: list) -> None:
    html = '<h2 id="a">A</h2><p>白名单，白名单</p><h2 id="b">B</h2><p>白名单</p><p>白名单</p>'
    annotated = annotate(terms, ZH, html, "g/")
    assert annotated.count('class="hetao-term"') == 2


def test_traditional_and_english_editions(terms: list) -> None:
    hant = annotate(terms, HANT, "<p>擴大白名單</p>", "g/")
    assert '<a class="hetao-term" href="g/#whitelist" title="白名單（whitelist）">白名單</a>' in hant
    en = annotate(terms, EN, "<p>Widen the White List.</p>", "g/")
    assert '<a class="hetao-term" href="g/#whitelist" title="whitelist (白名单)">White List</a>' in en


def _tips(script: str) -> dict[str, str]:
    prefix = "window.__hetaoTermTips="
    assert script.startswith(prefix) and script.endswith(";\n")
    return json.loads(script[len(prefix):-2])


def test_tips_carry_both_definitions_own_language_first(terms: list) -> None:
    whitelist = next(t for t in terms if t.id == "whitelist")
    zh = _tips(tips_script(terms, ZH))["whitelist"]
    assert zh == f"白名单（whitelist）\n{whitelist.definition_zh}\n{whitelist.definition_en}"
    hant = _tips(tips_script(terms, HANT))["whitelist"].split("\n")
    assert hant[0] == "白名單（whitelist）" and hant[1].startswith("可按簡化程序跨境流動的數據清單。")
    en = _tips(tips_script(terms, EN))["whitelist"].split("\n")
    assert en == ["whitelist (白名单)", whitelist.definition_en, whitelist.definition_zh]
    assert set(_tips(tips_script(terms, ZH))) == {t.id for t in terms}


def test_markup_in_term_data_is_escaped_in_titles_and_kept_verbatim_in_tips(terms: list) -> None:
    evil = dataclasses.replace(
        terms[0], en='<script>alert("x")</script>', definition_zh="</script><b>", definition_en="a & b"
    )
    annotated = annotate([evil], ZH, "<p>白名单</p>", "g/")
    assert "<script>" not in annotated
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in annotated

    class Titles(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.titles: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.titles += [v or "" for k, v in attrs if k == "title"]

    parser = Titles()
    parser.feed(annotated)
    assert parser.titles == ['白名单（<script>alert("x")</script>）']
    # A separate script file, never parsed as HTML; terms.js sets it as text (textContent / title).
    assert _tips(tips_script([evil], ZH))[evil.id].split("\n")[1:] == ["</script><b>", "a & b"]


def test_only_terms_the_occurrence_model_finds_in_a_section_are_linked(terms: list) -> None:
    html = '<h2 id="a">A</h2><p>白名单与负面清单</p><h2 id="b">B</h2><p>白名单与负面清单</p>'
    allowed = {"a": {"whitelist"}, "b": {"negative-list"}}
    annotated = annotate(terms, ZH, html, "g/", lambda section: allowed.get(section, ()))
    assert annotated == (
        '<h2 id="a">A</h2><p><a class="hetao-term" href="g/#whitelist" title="白名单（whitelist）">白名单</a>与负面清单</p>'
        '<h2 id="b">B</h2><p>白名单与<a class="hetao-term" href="g/#negative-list" title="负面清单（negative list）">负面清单</a></p>'
    )
