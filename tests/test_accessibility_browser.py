"""axe-core on the pages in the states a reader puts them in, light and dark: no violation of any
impact, every rule (label-content-name-mismatch too, which axe leaves off by default: the English
"Cite page" button was named "Cite this page: …"). The review found, open: the cite dialog's
focused Copy at 4.25:1 and, dark, its Close at 2.34:1; the search panel's heading and count at
4.41:1 (dark 4.05:1); the term check's Clear and Copy as table at 2.34:1 dark."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from support.waiting import wait_until

CHECKED_TEXT = "深港两地的个人信息保护规则不同；数据跨境流动要经过安全评估，白明单也要公布。whitelist, privacy computing"


def plain(page: Any) -> None:
    expect(page.locator("article h1")).to_be_visible()


def cite_dialog(page: Any) -> None:
    page.locator("article h1 .hetao-cite").last.click()  # side by side: the second text's
    expect(page.locator("dialog.hetao-cite-dialog")).to_be_visible()


def search_panel(page: Any) -> None:
    page.locator(".md-search__input").click()
    page.keyboard.type("whitelist")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15000)
    expect(page.locator(".hetao-term-finder__heading")).to_be_visible()
    # the results fade in: judge their colours once no transition is running (as a reader reads them)
    wait_until(page, "() => document.getAnimations().every(a => a.playState !== 'running')")


def definition_box(page: Any) -> None:
    page.locator("article a.hetao-term").first.hover()
    expect(page.locator("#hetao-term-tip a.hetao-term-tip__entry")).to_be_visible()


def term_check_results(page: Any) -> None:
    page.wait_for_function("window.__hetaoTermCheckApi !== undefined")
    page.fill("#hetao_check_text", CHECKED_TEXT)
    page.locator("#hetao_check_form button[type=submit]").click()
    expect(page.locator("#hetao_check_output a").first).to_be_visible()
    page.locator("#hetao_check_form button[type=submit]").focus()  # a focused primary button


STATES: list[tuple[str, Callable[[Any], None]]] = [
    ("en/", plain),
    ("en/problems/coordination/", cite_dialog),
    ("zh-hant/problems/coordination/", cite_dialog),
    ("en/", search_panel),
    ("zh-hant/", search_panel),
    ("en/problems/coordination/", definition_box),
    ("problems/coordination/", definition_box),
    ("en/glossary/#whitelist", plain),
    ("en/term-check/", term_check_results),
    ("zh-hant/term-check/", term_check_results),
    ("en/side-by-side/zh-en/problems/coordination/", definition_box),
    ("zh-hant/side-by-side/zh-hant-en/problems/coordination/", cite_dialog),
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("path", "state"), STATES, ids=[f"{path}-{state.__name__}" for path, state in STATES])
def test_no_axe_violation_of_any_impact(path: str, state: Callable[[Any], None], scheme: str, browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(f"{site_url}/{path}")
        page.wait_for_load_state("networkidle")
        state(page)
        options = {"resultTypes": ["violations"], "rules": {"label-content-name-mismatch": {"enabled": True}}}
        violations = Axe().run(page, options=options).response["violations"]
        found = [f"{v['impact']} {v['id']}: {[', '.join(n['target']) for n in v['nodes']][:4]}" for v in violations]
        assert found == []
    finally:
        context.close()
