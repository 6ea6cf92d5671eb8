"""What a page loads, and when: our stylesheet and search loader inline and one deferred script of ours on every page; search (worker,
index, term finder, search code) and the term definitions only on first use; dark mode from the
system setting, without Material's palette stylesheet. On the real build and in a real browser."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import expect
from support.project import VARIETIES

from devtools.search_cases import EDITION_PREFIXES
from hetao_docs.terms import load_terms

ROOT = Path(__file__).resolve().parent.parent
TERMS = {t.id: t for t in load_terms(ROOT / "data" / "terms.yaml", VARIETIES)}
ON_DEMAND = ("search/search_index.json", "search/term_finder.js", "/hetao-search.", "term-tips.js", "/workers/")
PROBLEM_PAGE = "problems/data-market/"


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stylesheets: list[str] = []
        self.scripts: list[dict[str, str]] = []  # in document order
        self.styles: list[str] = []  # the text of each <style> element
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if tag == "link" and attributes.get("rel") == "stylesheet":
            self.stylesheets.append(attributes["href"])
        if tag == "script" and attributes.get("type", "text/javascript") == "text/javascript":
            self.scripts.append(attributes)
        if tag == "style":
            self._in_style = True
            self.styles.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles[-1] += data


@pytest.mark.parametrize("edition", EDITION_PREFIXES)
def test_every_page_links_our_bundles_and_what_they_load_exists(site: Path, edition: str) -> None:
    root = site / EDITION_PREFIXES[edition]
    pages = sorted(p for p in root.rglob("index.html") if not any(part in EDITION_PREFIXES for part in p.relative_to(root).parts[:-1]))
    assert len(pages) >= 13
    for page in [*pages, root / "404.html"]:
        text = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text[:2000]:
            continue  # a redirect page (a moved page, /releases/ itself): no page to style
        assets = _Assets()
        assets.feed(text)
        # Our stylesheet is inline (no request that holds back the first paint): Material's is the only one.
        assert [href for href in assets.stylesheets if "/main." not in "/" + href] == [], (page, assets.stylesheets)
        assert len(assets.styles) == 1 and ".hetao-term-tip{" in assets.styles[0], page
        assert "prefers-color-scheme:dark" in assets.styles[0] and "@media print" in assets.styles[0], page
        # Ours, deferred (blocks neither parsing nor the first paint), and the search loader, inline,
        # before Material's bundle: the only script that blocks the first paint is Material's.
        ours = [script for script in assets.scripts if re.search(r"/hetao\.[0-9a-f]{8}\.min\.js$", "/" + script.get("src", ""))]
        assert len(ours) == 1 and "defer" in ours[0], (page, assets.scripts)
        loader = next(i for i, script in enumerate(assets.scripts) if "data-search-js" in script)
        material = next(i for i, script in enumerate(assets.scripts) if "/bundle." in script.get("src", ""))
        assert loader < material and "src" not in assets.scripts[loader], (page, assets.scripts)
        blocking = [script["src"] for script in assets.scripts if "src" in script and not {"defer", "async"} & set(script)]
        assert [src for src in blocking if "/bundle." not in src] == [], (page, blocking)
        if page.name == "404.html":
            continue  # its relative URLs resolve against the missing address it is served for
        targets = {"src": ours[0], "data-term-tips": ours[0]}
        targets |= {key: assets.scripts[loader] for key in ("data-search-js", "data-search-css", "data-term-finder")}
        for attribute, script in targets.items():
            target = Path(urljoin(page.as_posix(), script[attribute]))
            assert target.is_file(), f"{page}: {attribute}={script[attribute]} does not exist"


@pytest.fixture
def tracked(browser) -> Iterator[tuple[object, list[str]]]:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(urlsplit(request.url).path))
    try:
        yield page, requests
    finally:
        page.close()


def _on_demand(requests: list[str]) -> list[str]:
    return [path for path in requests if any(marker in path for marker in ON_DEMAND)]


@pytest.mark.parametrize("edition", EDITION_PREFIXES)
def test_first_load_fetches_neither_search_nor_definitions(tracked, site_url: str, edition: str) -> None:  # type: ignore[no-untyped-def]
    page, requests = tracked
    page.clock.install()  # the page's timers run on a clock of ours: nothing deferred can hide
    page.goto(f"{site_url}/{EDITION_PREFIXES[edition]}{PROBLEM_PAGE}", wait_until="networkidle")
    page.clock.run_for(60_000)  # a minute of the page's timers (idle callbacks, delayed loads) fire now
    page.wait_for_load_state("networkidle")
    assert _on_demand(requests) == []
    loaded = page.evaluate("performance.getEntriesByType('resource').map(entry => new URL(entry.name).pathname)")
    assert _on_demand(loaded) == [], loaded
    assert not [path for path in requests if "palette." in path]
    ours = [path for path in requests if re.search(r"/hetao\.[0-9a-f]{8}\.min\.(css|js)$", path)]
    assert len(ours) == 1 and ours[0].endswith(".js"), requests  # the stylesheet is in the page


@pytest.mark.parametrize("edition", EDITION_PREFIXES)
def test_search_loads_when_the_box_is_first_used(tracked, site_url: str, edition: str) -> None:  # type: ignore[no-untyped-def]
    page, requests = tracked
    page.goto(f"{site_url}/{EDITION_PREFIXES[edition]}", wait_until="networkidle")
    box = page.locator("[data-md-component=search-query]")
    box.click()
    box.fill("whitelist")
    page.locator(".hetao-term-finder a[href*='glossary/#whitelist']").first.wait_for(state="visible", timeout=10000)
    page.locator(".md-search-result__list > li").first.wait_for(state="attached", timeout=10000)
    loaded = _on_demand(requests)
    for marker in ("search/search_index.json", "search/term_finder.js", "/hetao-search.", "/workers/search-hetao."):
        assert [path for path in loaded if marker in path], f"{marker} not loaded: {loaded}"
    assert len([path for path in loaded if path.endswith("search_index.json")]) == 1
    # Material's own worker only for a query our ranking leaves to it (no section has every word)
    assert not [path for path in loaded if "/workers/search." in path], loaded
    box.fill("whitelist qwxzqwxz")
    page.locator(".hetao-search-notice:not([hidden])").wait_for(state="visible", timeout=10000)  # Material's partial results
    assert len([path for path in _on_demand(requests) if "/workers/search." in path]) == 1, _on_demand(requests)


def test_page_opened_from_a_search_result_loads_search_and_highlights(tracked, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page, requests = tracked
    page.goto(f"{site_url}/{PROBLEM_PAGE}?h=%E5%A4%87%E6%A1%88", wait_until="networkidle")  # ?h=备案
    page.locator("article mark").first.wait_for(state="attached", timeout=10000)
    assert [path for path in requests if path.endswith("search/search_index.json")]


def _tooltip(page, term):  # type: ignore[no-untyped-def]
    """The tooltip, shown by hovering `term`."""
    term.scroll_into_view_if_needed()
    term.hover()
    tooltip = page.locator("#hetao-term-tip[role=tooltip]")
    expect(tooltip).to_be_visible()
    return tooltip


@pytest.mark.parametrize("edition", EDITION_PREFIXES)
def test_definitions_load_once_and_every_term_shows_its_own(tracked, site_url: str, edition: str) -> None:  # type: ignore[no-untyped-def]
    page, requests = tracked
    page.goto(f"{site_url}/{EDITION_PREFIXES[edition]}{PROBLEM_PAGE}", wait_until="networkidle")
    links = page.locator("article a.hetao-term")
    ids = [href.rsplit("#", 1)[1] for href in links.evaluate_all("els => els.map(e => e.getAttribute('href'))")]
    first_two = [links.nth(i) for i in (0, next(i for i, term_id in enumerate(ids) if term_id != ids[0]))]
    for term in [*first_two, first_two[0]]:  # the first again: after its short title came back
        term_id = term.get_attribute("href").rsplit("#", 1)[1]
        own_language = TERMS[term_id].definition_en if edition == "en" else None
        english = TERMS[term_id].definition_en[:30]
        tooltip = _tooltip(page, term)
        expect(tooltip).to_contain_text(english)  # the very first is filled in once the definitions are in
        text = tooltip.inner_text()
        if own_language:
            assert text.split("\n")[1].startswith(own_language[:30]), text
        page.mouse.move(0, 0)
        expect(tooltip).to_be_hidden()
    assert len([path for path in requests if path.endswith("term-tips.js")]) == 1


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_dark_mode_follows_the_system_setting(tracked, site_url: str, scheme: str) -> None:  # type: ignore[no-untyped-def]
    page, requests = tracked
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{site_url}/", wait_until="networkidle")
    assert not [path for path in requests if "palette." in path]
    rgb = page.evaluate("getComputedStyle(document.body).backgroundColor")
    background = [int(v) for v in re.findall(r"\d+", rgb)[:3]]
    text = [int(v) for v in re.findall(r"\d+", page.evaluate("getComputedStyle(document.querySelector('article')).color"))[:3]]
    if scheme == "dark":
        assert max(background) < 60 and min(text) > 150, (rgb, text)
        assert page.evaluate("getComputedStyle(document.documentElement).colorScheme") == "dark"
    else:
        assert min(background) > 240 and max(text) < 100, (rgb, text)
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert header == "rgb(64, 81, 181)", header  # indigo in both, Material's --md-primary-fg-color
