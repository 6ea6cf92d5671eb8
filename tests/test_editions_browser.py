"""The language switcher and per-edition search in a real browser (Debian Chromium)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from support.waiting import wait_until

ENGLISH, SIMPLIFIED, TRADITIONAL = "English", "简体中文", "繁體中文（香港）"


@pytest.fixture
def page(browser: Any, site_url: str) -> Iterator[Any]:
    """A fresh page that records console errors and failed or 4xx/5xx requests."""
    context = browser.new_context()
    opened = context.new_page()
    opened.problems = []
    opened.on("console", lambda msg: msg.type == "error" and opened.problems.append(f"console: {msg.text}"))
    opened.on("pageerror", lambda error: opened.problems.append(f"page error: {error}"))
    opened.on("requestfailed", lambda request: opened.problems.append(f"failed: {request.url}"))
    opened.on("response", lambda response: response.status >= 400 and opened.problems.append(f"{response.status}: {response.url}"))
    try:
        yield opened
    finally:
        context.close()


def switch_to(page: Any, name: str) -> None:
    page.hover(".md-header .md-select")
    with page.expect_navigation():
        page.get_by_role("link", name=name, exact=True).click()
    page.wait_for_load_state("networkidle")


def target_id(page: Any) -> str:
    return page.evaluate("document.querySelector(':target')?.id ?? ''")


def test_switcher_keeps_the_page_and_the_section(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/problems/coordination/#rule-alignment")
    page.wait_for_load_state("networkidle")

    switch_to(page, ENGLISH)
    assert page.url == f"{site_url}/en/problems/coordination/#rule-alignment"
    assert target_id(page) == "rule-alignment"
    assert page.evaluate("document.documentElement.lang") == "en"

    switch_to(page, TRADITIONAL)
    assert page.url == f"{site_url}/zh-hant/problems/coordination/#rule-alignment"
    assert target_id(page) == "rule-alignment"
    assert page.evaluate("document.documentElement.lang") == "zh-Hant-HK"

    switch_to(page, SIMPLIFIED)
    assert page.url == f"{site_url}/problems/coordination/#rule-alignment"
    assert page.evaluate("document.documentElement.lang") == "zh-Hans"
    assert page.problems == []


def test_switcher_follows_the_section_the_reader_scrolled_to(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/en/problems/coordination/")
    page.wait_for_load_state("networkidle")
    # page down as a reader does (a wheel over a table that scrolls in its box would scroll the
    # table), a step once the last one has moved the page: three screens, past the first sections
    for _ in range(3):
        before = page.evaluate("scrollY")
        page.keyboard.press("PageDown")
        wait_until(page, "before => scrollY > before", arg=before)
    # navigation.tracking updates the address bar once the page has settled
    wait_until(page, "() => !['', '#coordination', '#summary'].includes(location.hash)")
    section = page.evaluate("location.hash")
    assert section not in ("", "#coordination", "#summary")
    switch_to(page, SIMPLIFIED)
    assert page.url == f"{site_url}/problems/coordination/{section}"
    assert page.problems == []


def search_results(page: Any, query: str) -> list[str]:
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").fill(query)
    page.wait_for_selector(".md-search-result__item")
    return page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")


@pytest.mark.parametrize(
    ("edition_path", "query"),
    [("/en/", "whitelist"), ("/zh-hant/", "白名單"), ("/", "白名单")],
)
def test_search_returns_only_the_editions_own_pages(page: Any, site_url: str, edition_path: str, query: str) -> None:
    page.goto(f"{site_url}{edition_path}problems/coordination/")
    page.wait_for_load_state("networkidle")
    results = search_results(page, query)
    assert results
    others = [f"{site_url}/en/", f"{site_url}/zh-hant/"]
    for href in results:
        assert href.startswith(f"{site_url}{edition_path}"), href
        if edition_path == "/":
            assert not any(href.startswith(other) for other in others), href
    assert page.problems == []
