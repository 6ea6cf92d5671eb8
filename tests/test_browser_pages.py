"""Every page of every edition in a real browser: nothing from other hosts, no console error, no
failed request, no critical or serious axe-core violation, nothing shown beyond the screen's edge
(desktop); and at a phone's width, a few pages' layout and the search's term finder in view.

Each page is loaded and checked once and the findings are shared by the tests. A few pages load at
a time (the browser loads the next ones while axe-core checks one), each to network idle. Every
axe-core rule runs on every page, but colour contrast (most of axe's time): it runs on the primary
edition's pages. The other editions have the same stylesheet and the same elements (the
Traditional pages are the Simplified ones converted, the English ones are written with the same
Markdown, the glossary and the index come from one renderer), and no page has colours of its own
(test_pages_carry_no_colours_of_their_own).
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from support.project import EDITIONS, ROOT, page_urls

from devtools.search_cases import EDITION_PREFIXES
from hetao_docs.side_by_side import FOLDER as SIDE_BY_SIDE

SERIOUS = {"critical", "serious"}
IN_FLIGHT = 3  # pages loading at once
PAGES = [f"{prefix}{path}" for prefix in EDITION_PREFIXES.values() for path in page_urls()]


def axe_options(path: str) -> dict[str, object]:
    """Violations only; colour contrast on the primary edition's pages (see above)."""
    edition = next(e for e in sorted(EDITIONS, key=lambda e: -len(e.prefix)) if path.startswith(e.prefix))
    return {"resultTypes": ["violations"], "rules": {"color-contrast": {"enabled": edition is EDITIONS.primary}}}

DESKTOP, PHONE = (1280, 720), (390, 844)  # the visits' viewport, a phone's
LAYOUT_PAGES = ("", "problems/data-market/", "glossary/", "matrix/")
# Visible elements whose right edge, clipped by their scrolling or clipping ancestors (a wide table
# scrolls in its own box), lies beyond the screen: what a reader would have to pan sideways to see.
BEYOND_THE_SCREEN = """() => {
  const width = document.documentElement.clientWidth, found = []
  for (const element of document.body.querySelectorAll("*")) {
    if (!element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue
    let right = element.getBoundingClientRect().right
    for (let parent = element.parentElement; parent && parent !== document.documentElement; parent = parent.parentElement) {
      if (getComputedStyle(parent).overflowX !== "visible") right = Math.min(right, parent.getBoundingClientRect().right)
    }
    if (right > width + 0.5) found.push(`${element.tagName.toLowerCase()}.${element.className}: right edge at ${Math.round(right)}px`)
  }
  return found.slice(0, 5)
}"""


@dataclass
class Visit:
    foreign_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    serious_violations: list[str] = field(default_factory=list)
    beyond_the_screen: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def visits(browser, site_url: str) -> dict[str, Visit]:  # type: ignore[no-untyped-def]
    """Every page of PAGES loaded once, and what went wrong on it."""
    context = browser.new_context(viewport={"width": DESKTOP[0], "height": DESKTOP[1]})
    axe = Axe()
    local = urlsplit(site_url).netloc
    found: dict[str, Visit] = {}

    def start(path: str):  # type: ignore[no-untyped-def]
        visit, page = Visit(), context.new_page()

        def on_request(request) -> None:  # type: ignore[no-untyped-def]
            if urlsplit(request.url).scheme in {"http", "https", "ws", "wss"} and urlsplit(request.url).netloc != local:
                visit.foreign_requests.append(request.url)

        page.on("request", on_request)
        page.on("requestfailed", lambda request: visit.failed_requests.append(f"{request.failure} {request.url}"))
        page.on("response", lambda response: response.status >= 400 and visit.failed_requests.append(f"{response.status} {response.url}"))
        page.on("console", lambda message: message.type == "error" and visit.console_errors.append(message.text))
        page.on("pageerror", lambda error: visit.console_errors.append(str(error)))
        page.goto(f"{site_url}/{path}", wait_until="commit")  # the rest loads while earlier pages are checked
        return path, page, visit

    queue, loading = deque(PAGES), deque()  # type: ignore[var-annotated]
    try:
        while queue or loading:
            while queue and len(loading) < IN_FLIGHT:
                loading.append(start(queue.popleft()))
            path, page, visit = loading.popleft()
            page.wait_for_load_state("networkidle")
            visit.beyond_the_screen = page.evaluate(BEYOND_THE_SCREEN)
            for violation in axe.run(page, options=axe_options(path)).response["violations"]:
                if violation["impact"] in SERIOUS:
                    targets = [", ".join(node["target"]) for node in violation["nodes"]][:5]
                    visit.serious_violations.append(f"{violation['impact']} {violation['id']}: {targets}")
            page.close()
            found[path] = visit
    finally:
        context.close()
    return found


def test_colour_contrast_is_checked_on_every_page_of_the_primary_edition() -> None:
    contrast = [path for path in PAGES if axe_options(path)["rules"]["color-contrast"]["enabled"]]  # type: ignore[index]
    assert contrast == page_urls()


def test_pages_carry_no_colours_of_their_own() -> None:
    """Colours come from the stylesheet alone (what lets contrast be checked on one edition)."""
    found = [
        f"{page.relative_to(ROOT)}:{number}: {line.strip()}"
        for page in sorted((ROOT / "docs").rglob("*.md"))
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"\bstyle=|<font\b|\{:?[^}]*\.[a-z][\w-]*[^}]*\}", line)
    ]
    assert found == []


def test_every_built_page_is_checked(site: Path) -> None:
    built = set()
    for html in site.rglob("index.html"):
        folder = html.parent.relative_to(site).as_posix()
        if folder.startswith("releases/"):  # archived releases, as published then (test_releases.py)
            continue
        if f"/{SIDE_BY_SIDE}/" in f"/{folder}/":  # two editions side by side: test_side_by_side_browser.py, test_accessibility_browser.py
            continue
        if 'http-equiv="refresh"' not in html.read_text(encoding="utf-8")[:2000]:  # redirects of moved pages
            built.add("" if folder == "." else folder + "/")
    assert sorted(built - set(PAGES)) == [], "built pages the browser tests do not visit"
    assert sorted(set(PAGES) - built) == [], "pages missing from the build"


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_only_from_this_site_without_errors(path: str, visits: dict[str, Visit]) -> None:
    result = visits[path]
    assert not result.foreign_requests, f"/{path} requested other hosts: {result.foreign_requests}"
    assert not result.failed_requests, f"/{path} had failed requests: {result.failed_requests}"
    assert not result.console_errors, f"/{path} logged errors: {result.console_errors}"


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_serious_accessibility_violation(path: str, visits: dict[str, Visit]) -> None:
    result = visits[path]
    assert not result.serious_violations, f"/{path}: {result.serious_violations}"


@pytest.mark.parametrize("path", PAGES)
def test_page_shows_nothing_beyond_a_desktop_screen(path: str, visits: dict[str, Visit]) -> None:
    result = visits[path]
    assert not result.beyond_the_screen, f"/{path} at {DESKTOP[0]}px: shown beyond the screen's right edge: {result.beyond_the_screen}"


@pytest.mark.parametrize("edition", EDITION_PREFIXES)
def test_phone_layout_fits_the_screen_and_search_shows_the_term_finder(edition: str, browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """At a phone's width no page shows anything beyond the screen's edge and its title is in view;
    search opened from ?q= shows the term finder's hits in view."""
    page = browser.new_page(viewport={"width": PHONE[0], "height": PHONE[1]}, device_scale_factor=1)
    try:
        for path in LAYOUT_PAGES:
            page.goto(f"{site_url}/{EDITION_PREFIXES[edition]}{path}")
            page.evaluate("document.fonts.ready.then(() => true)")
            sticking_out = page.evaluate(BEYOND_THE_SCREEN)
            assert sticking_out == [], f"/{EDITION_PREFIXES[edition]}{path} at {PHONE[0]}px: shown beyond the screen's right edge"
            expect(page.locator("article h1")).to_be_in_viewport()
        query = {"zh": "监管沙盒", "zh-hant": "白名單", "en": "sandbox"}[edition]
        page.goto(f"{site_url}/{EDITION_PREFIXES[edition]}?q={query}")
        expect(page.locator(".hetao-term-finder a[href]").first).to_be_in_viewport()
    finally:
        page.close()
