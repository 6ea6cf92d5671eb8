"""Language of parts in the browser (WCAG 3.1.2): no Chinese in the English pages, or in the Hong
Kong edition's English notes, without a Chinese `lang`; the definition box marks each line's
language, and Chinese quoted in its English line."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect
from support.project import page_urls

from devtools.search_cases import EDITION_PREFIXES

# Text of the article in a non-Chinese language that holds Han characters: what a voice reads
# in the wrong language.
UNMARKED = """() => {
  const found = [], walker = document.createTreeWalker(document.querySelector("article"), NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!/[\\u3400-\\u9fff]/.test(node.data) || node.parentElement.closest("script, style, code, pre")) continue
    const lang = (node.parentElement.closest("[lang]") || document.documentElement).lang
    if (!lang.startsWith("zh")) found.push(`${lang}: ${node.data.trim().slice(0, 30)}`)
  }
  return found.slice(0, 5)
}"""


@pytest.mark.parametrize("edition", ["en", "zh-hant"])
def test_no_chinese_in_english_text_without_its_lang(edition: str, browser: Any, site_url: str) -> None:
    page = browser.new_page()
    found = {}
    try:
        for path in page_urls():
            page.goto(f"{site_url}/{EDITION_PREFIXES[edition]}{path}")
            unmarked = page.evaluate(UNMARKED)
            if unmarked:
                found[path] = unmarked
    finally:
        page.close()
    assert found == {}


@pytest.mark.parametrize(("edition", "english", "chinese"), [("en", "en", "zh-Hans"), ("zh-hant", "en", "zh-Hant-HK")])
def test_the_definition_box_marks_the_language_of_each_line(edition: str, english: str, chinese: str, browser: Any, site_url: str) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{site_url}/{EDITION_PREFIXES[edition]}problems/coordination/")
        page.locator("article a.hetao-term").first.hover()
        tip = page.locator("#hetao-term-tip")
        expect(tip).to_be_visible()
        # the tooltip shows at once; its definitions when the term data script has loaded (terms.js)
        expect(tip.locator(f".hetao-term-tip__text > [lang='{chinese}']").first).to_be_attached()
        lines = tip.evaluate("t => [...t.querySelector('.hetao-term-tip__text').children].map(e => [e.lang, e.textContent])")
        assert {lang for lang, _ in lines} == {english, chinese}, lines
        for lang, text in lines:
            marked = "".join(tip.evaluate("(t, text) => [...t.querySelectorAll('span[lang] > span[lang]')].map(e => e.textContent)", text))
            if lang == english:
                assert all(ch in marked for ch in text if "\u3400" <= ch <= "\u9fff"), text  # its Chinese marked
    finally:
        page.close()
