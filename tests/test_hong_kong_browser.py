"""The Hong Kong edition's interface, in a real browser: Hong Kong wording and no Simplified
character in the search box, the result counter, the copy toast and the 404 page."""

from __future__ import annotations

import re

from support.project import simplified as simplified_characters
from support.waiting import wait_until

SEARCH_BOX = "[data-md-component=search-query]"


def _assert_hong_kong(text: str, where: str) -> None:
    assert not simplified_characters(text), f"{where}: Simplified characters in {text!r}"


def test_search_box_and_result_counter(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    try:
        page.goto(f"{site_url}/zh-hant/")
        box = page.locator(SEARCH_BOX)
        assert box.get_attribute("placeholder") == "搜尋"
        page.click(SEARCH_BOX)
        meta = page.locator(".md-search-result__meta")
        wait_until(page, "() => document.querySelector('.md-search-result__meta').textContent.trim() !== ''")
        _assert_hong_kong(meta.inner_text(), "search prompt")
        page.keyboard.type("新田科技城")
        wait_until(page,
            "() => /個符合條件的結果/.test(document.querySelector('.md-search-result__meta').textContent)", timeout=15_000
        )
        counter = meta.inner_text()
        assert re.fullmatch(r"找到 \d+ 個符合條件的結果", counter.strip()), counter
        _assert_hong_kong(counter, "result counter")
        page.fill(SEARCH_BOX, "")
        page.keyboard.type("zzzzqqq")
        wait_until(page, "() => /找不到/.test(document.querySelector('.md-search-result__meta').textContent)")
        _assert_hong_kong(meta.inner_text(), "no-result message")
    finally:
        page.close()


def test_copy_toast_and_permalink_title(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(f"{site_url}/zh-hant/problems/coordination/")
        permalink = page.locator("#rule-alignment a.headerlink")
        assert permalink.get_attribute("title") == "複製本節連結"
        page.locator("#rule-alignment").hover()
        permalink.click()
        toast = page.locator(".md-dialog.md-dialog--active")
        toast.wait_for(state="visible", timeout=5000)
        assert toast.inner_text().strip() == "已複製"
        assert page.locator(".md-top").inner_text().strip() == "返回頁頂"
    finally:
        context.close()


def test_not_found_page(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    try:
        response = page.goto(f"{site_url}/zh-hant/404.html")
        assert response is not None and response.ok
        text = page.locator(".md-content").inner_text()
        assert "找不到網頁" in text and "搜尋本網站" in text
        _assert_hong_kong(text, "404 page")
        footer = page.locator("footer").first.get_attribute("aria-label") or ""
        assert footer in ("", "頁尾"), footer
    finally:
        page.close()
