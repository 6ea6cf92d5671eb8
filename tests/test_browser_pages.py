"""Every page of every edition in a real browser: nothing from other hosts, no console error, no
failed request, no critical or serious axe-core violation; and the layout at desktop and phone
widths (screenshots to look at are left in the test's temporary folder).

Each page is loaded once (one reused browser page) and the findings are shared by the tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from devtools.search_cases import EDITION_PREFIXES

ROOT = Path(__file__).resolve().parent.parent
GENERATED_PAGES = ("glossary.md", "term-index.md")  # ARCHITECTURE.md, "Pages"
SERIOUS = {"critical", "serious"}


def page_paths() -> list[str]:
    """Each page's path below its edition root ("", "problems/data-market/"), from the Simplified sources."""
    sources = [p.relative_to(ROOT / "docs" / "zh").as_posix() for p in (ROOT / "docs" / "zh").rglob("*.md")]
    paths = []
    for source in sorted({*sources, *GENERATED_PAGES}):
        stem = source.removesuffix(".md")
        paths.append("" if stem == "index" else stem.removesuffix("/index") + "/")
    return paths


PAGES = [f"{prefix}{path}" for prefix in EDITION_PREFIXES.values() for path in page_paths()]


@dataclass
class Visit:
    foreign_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    serious_violations: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def visit(browser, site_url: str) -> Iterator:
    """Load a page once (cached) and record what went wrong on it."""
    page = browser.new_page()
    axe = Axe()
    visits: dict[str, Visit] = {}
    current = Visit()
    local = urlsplit(site_url).netloc

    def on_request(request) -> None:
        if urlsplit(request.url).scheme in {"http", "https", "ws", "wss"} and urlsplit(request.url).netloc != local:
            current.foreign_requests.append(request.url)

    def on_response(response) -> None:
        if response.status >= 400:
            current.failed_requests.append(f"{response.status} {response.url}")

    page.on("request", on_request)
    page.on("requestfailed", lambda request: current.failed_requests.append(f"{request.failure} {request.url}"))
    page.on("response", on_response)
    page.on("console", lambda message: message.type == "error" and current.console_errors.append(message.text))
    page.on("pageerror", lambda error: current.console_errors.append(str(error)))

    def load(path: str) -> Visit:
        nonlocal current
        if path not in visits:
            current = Visit()
            page.goto(f"{site_url}/{path}", wait_until="networkidle")
            for violation in axe.run(page).response["violations"]:
                if violation["impact"] in SERIOUS:
                    targets = [", ".join(node["target"]) for node in violation["nodes"]][:5]
                    current.serious_violations.append(f"{violation['impact']} {violation['id']}: {targets}")
            visits[path] = current
        return visits[path]

    yield load
    page.close()


def test_every_built_page_is_checked(site: Path) -> None:
    built = set()
    for html in site.rglob("index.html"):
        folder = html.parent.relative_to(site).as_posix()
        if 'http-equiv="refresh"' not in html.read_text(encoding="utf-8")[:2000]:  # redirects of moved pages
            built.add("" if folder == "." else folder + "/")
    assert sorted(built - set(PAGES)) == [], "built pages the browser tests do not visit"
    assert sorted(set(PAGES) - built) == [], "pages missing from the build"


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_only_from_this_site_without_errors(path: str, visit) -> None:
    result = visit(path)
    assert not result.foreign_requests, f"/{path} requested other hosts: {result.foreign_requests}"
    assert not result.failed_requests, f"/{path} had failed requests: {result.failed_requests}"
    assert not result.console_errors, f"/{path} logged errors: {result.console_errors}"


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_serious_accessibility_violation(path: str, visit) -> None:
    result = visit(path)
    assert not result.serious_violations, f"/{path}: {result.serious_violations}"


SHOTS = {"home": "", "problem": "problems/data-market/", "glossary": "glossary/", "matrix": "matrix/"}
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
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("edition", EDITION_PREFIXES)
def test_layout_fits_the_screen_and_search_shows_the_term_finder(edition: str, width: str, browser, site_url: str, tmp_path: Path) -> None:
    """No page is wider than the screen, its title is in view; search opened from ?q= lists the
    term finder's hits in view. Screenshots of each: tmp_path/<edition>-<page>-<width>.png."""
    w, h = WIDTHS[width]
    page = browser.new_page(viewport={"width": w, "height": h}, device_scale_factor=1)
    try:
        for name, path in SHOTS.items():
            page.goto(f"{site_url}/{EDITION_PREFIXES[edition]}{path}", wait_until="networkidle")
            sticking_out = page.evaluate(BEYOND_THE_SCREEN)
            assert sticking_out == [], f"/{EDITION_PREFIXES[edition]}{path} at {w}px: shown beyond the screen's right edge"
            expect(page.locator("article h1")).to_be_in_viewport()
            _shot(page, tmp_path / f"{edition}-{name}-{width}.png", w, h)
        query = {"zh": "监管沙盒", "zh-hant": "白名單", "en": "sandbox"}[edition]
        page.goto(f"{site_url}/{EDITION_PREFIXES[edition]}?q={query}", wait_until="networkidle")
        expect(page.locator(".hetao-term-finder a[href]").first).to_be_in_viewport()
        _shot(page, tmp_path / f"{edition}-search-{width}.png", w, h)
    finally:
        page.close()


def _shot(page, path: Path, width: int, height: int) -> None:  # type: ignore[no-untyped-def]
    page.screenshot(path=path)
    png = path.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")) == (width, height)
