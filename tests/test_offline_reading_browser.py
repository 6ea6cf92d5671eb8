"""The offline copy as its reader opens it (`docs.py offline`, no SITE_URL: the documented command,
unzipped, from file://): ¶ and Cite give the page's path below the site, not the folder it was
unpacked in; no console error on any page; the 404 page styled; a README.txt saying which file to
open. And the hosted 404 page served off its site's path keeps its styles."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from support.project import EDITIONS, catalogs

from devtools.search_cases import EDITION_PREFIXES
from hetao_docs.reading_build import README

OFFLINE_PAGES = ("index.html", "problems/coordination.html", "glossary.html", "term-check.html", "source.html")


def styled(page: Any) -> bool:
    """Material's stylesheet applies: its header is sticky (unstyled, it is static)."""
    return page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"  # type: ignore[no-any-return]


@pytest.mark.parametrize("edition", list(EDITION_PREFIXES))
def test_offline_pages_cite_the_path_below_the_site_and_log_no_error(edition: str, browser: Any, offline_site: Path, built_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(f"{page.url}: {message.text}"))
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    try:
        for path in OFFLINE_PAGES:
            page.goto((offline_site / EDITION_PREFIXES[edition] / path).as_uri())
            page.wait_for_load_state("networkidle")
        page.goto((offline_site / EDITION_PREFIXES[edition] / "problems" / "coordination.html").as_uri())
        permalink = page.locator("article h2 .headerlink").first
        expect(permalink).to_have_attribute("data-clipboard-text", re.compile(r"."))
        copied = permalink.get_attribute("data-clipboard-text")
        # built with SITE_URL: the published address; without (the documented command): the path
        expected = (built_url if os.environ.get("SITE_URL") else "") + f"{EDITION_PREFIXES[edition]}problems/coordination/?release="
        assert copied.startswith(expected), copied
        page.locator("article h2 .hetao-cite").first.click()
        text = page.locator("dialog.hetao-cite-dialog pre").inner_text()
        assert "file:" not in text and expected in text, text
    finally:
        context.close()
    assert errors == []


@pytest.mark.parametrize("edition", list(EDITION_PREFIXES))
def test_the_offline_404_page_is_styled(edition: str, browser: Any, offline_site: Path) -> None:
    page = browser.new_page()
    try:
        page.goto((offline_site / EDITION_PREFIXES[edition] / "404.html").as_uri())
        assert styled(page)
        expect(page.locator("article h1")).to_have_text(catalogs()[edition]["hosting.not_found_title"])
        link = page.locator("article .hetao-404-sections a").first
        assert link.evaluate("a => a.href").startswith((offline_site / EDITION_PREFIXES[edition]).as_uri())
    finally:
        page.close()


def test_the_offline_copy_says_which_file_to_open(offline_site: Path) -> None:
    readme = (offline_site / README).read_text(encoding="utf-8")
    for edition in EDITIONS:
        line = catalogs()[edition.code]["reading.offline_open"].format(path=f"{edition.prefix}index.html")
        assert line in readme
        assert (offline_site / edition.prefix / "index.html").is_file()


def answering(body: bytes) -> Any:
    """A host's answer to a missing address: its 404 page, as it is."""
    return lambda route: route.fulfill(status=404, body=body, content_type="text/html")


def test_the_404_page_keeps_its_styles_served_at_the_hosts_root(browser: Any, site: Path) -> None:
    """The built folder served at the host's root (a preview; with SITE_URL=…/hetao/ that is off
    the site's path), the 404 page answering a missing address three folders deep."""
    from conftest import serve_folder

    server, url = serve_folder(site, "/")
    page = browser.new_page()
    try:
        for prefix in EDITION_PREFIXES.values():
            body = (site / prefix / "404.html").read_bytes()
            page.route("**/no/such/page/", answering(body))
            page.goto(f"{url}/{prefix}no/such/page/")
            assert styled(page), prefix
            link = page.locator("article .hetao-404-sections a").first
            assert link.evaluate("a => a.href").startswith(f"{url}/{prefix}"), prefix
            page.unroute("**/no/such/page/")
    finally:
        page.close()
        server.shutdown()
        server.server_close()
