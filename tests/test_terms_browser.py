"""In a real browser, an inline term shows a tooltip with its definitions on hover and on focus (terms.js)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect
from support.project import VARIETIES

from hetao_docs.terms import load_terms

ROOT = Path(__file__).resolve().parent.parent
TERMS = {t.id: t for t in load_terms(ROOT / "data" / "terms.yaml", VARIETIES)}


@pytest.mark.parametrize("how", ["hover", "focus"])
def test_inline_term_shows_tooltip_with_definition(browser, site_url: str, how: str) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{site_url}/problems/data-market/")
        term = page.locator("article a.hetao-term").first
        term_id = term.get_attribute("href").rsplit("#", 1)[1]
        definition = TERMS[term_id].definition_zh
        term.scroll_into_view_if_needed()
        if how == "hover":
            term.hover()
        else:
            term.focus()
        tooltip = page.locator("#hetao-term-tip[role=tooltip]").filter(has_text=definition[:20])
        tooltip.wait_for(state="visible", timeout=5000)
        text = tooltip.inner_text()
        assert definition in text.replace("\n", "")
        assert TERMS[term_id].definition_en.split(".")[0] in text
        # The title moves aside while the tooltip shows (no second, native tooltip).
        assert term.get_attribute("title") is None
        assert term.get_attribute("aria-describedby") == "hetao-term-tip"
        page.keyboard.press("Escape")
        tooltip.wait_for(state="hidden", timeout=2000)
        assert term.get_attribute("title") and term.get_attribute("aria-describedby") is None
    finally:
        page.close()


def test_pointer_can_move_onto_the_tooltip_and_leaving_both_hides_it(browser, site_url: str) -> None:
    page = browser.new_page()
    try:
        page.clock.install()  # the page's timers (the hide delay) run on our clock, not in real time
        page.goto(f"{site_url}/problems/data-market/")
        page.clock.pause_at(page.evaluate("Date.now()") + 1000)  # from now on, no timer fires unless we say
        term = page.locator("article a.hetao-term").first
        term.scroll_into_view_if_needed()
        term.hover()
        tooltip = page.locator("#hetao-term-tip")
        expect(tooltip).to_be_visible()
        tooltip.hover()  # WCAG 1.4.13: the tooltip itself can be hovered (to read or select it)
        page.clock.run_for(2000)  # far past the hide delay: a pending hide would have run
        expect(tooltip).to_be_visible()
        page.mouse.move(0, 0)
        assert tooltip.is_visible()  # hidden only after the delay (the clock has not moved)
        page.clock.run_for(2000)
        expect(tooltip).to_be_hidden()
    finally:
        page.close()


def test_clicking_an_inline_term_opens_its_glossary_entry(browser, site_url: str) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{site_url}/problems/data-market/")
        term = page.locator("article a.hetao-term").first
        term_id = term.get_attribute("href").rsplit("#", 1)[1]
        term.click()
        page.wait_for_url(f"**/glossary/#{term_id}")
        assert page.locator(f"h3#{term_id}").is_visible()
    finally:
        page.close()
