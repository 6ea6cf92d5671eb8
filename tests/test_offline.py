"""The offline copy: `docs.py offline` zips the whole site; it works from file:// (hetao_docs.offline)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import pytest
from support.project import EDITIONS

from hetao_docs.linkcheck import check_site
from hetao_docs.offline import ARCHIVE_FOLDER, OfflineSiteError, check_offline_site, not_needed_offline, third_party_resources, zip_site

SEARCH_WORDS = {"zh": "河套", "en": "Hetao", "zh-hant": "河套"}
PREFIXES = {edition.code: edition.prefix for edition in EDITIONS}


def test_third_party_resources_are_what_a_page_loads_from_other_hosts() -> None:
    page = (
        '<link rel="canonical" href="https://example.org/x/"><link rel="stylesheet" href="//cdn.example/a.css">'
        '<script src="https://unpkg.com/iframe-worker/shim"></script><script src="assets/x.js"></script>'
        '<a href="https://example.org/">a link is not a load</a><img src="data:image/png;base64,AA">'
    )
    assert third_party_resources(page) == ["//cdn.example/a.css", "https://unpkg.com/iframe-worker/shim"]


def test_zip_has_one_top_folder(tmp_path: Path) -> None:
    (tmp_path / "site" / "en").mkdir(parents=True)
    (tmp_path / "site" / "index.html").write_text("x", encoding="utf-8")
    (tmp_path / "site" / "en" / "index.html").write_text("y", encoding="utf-8")
    assert zip_site(tmp_path / "site", tmp_path / "out" / "a.zip") == 2
    with zipfile.ZipFile(tmp_path / "out" / "a.zip") as archive:
        assert sorted(archive.namelist()) == [f"{ARCHIVE_FOLDER}/en/index.html", f"{ARCHIVE_FOLDER}/index.html"]
    assert not (tmp_path / "out" / "a.zip.tmp").exists()


def test_source_maps_and_unused_lunr_languages_are_left_out(tmp_path: Path) -> None:
    lunr = tmp_path / "en" / "assets" / "javascripts" / "lunr" / "min"
    lunr.mkdir(parents=True)
    for name in ("lunr.zh.min.js", "lunr.fr.min.js", "lunr.multi.min.js", "lunr.stemmer.support.min.js"):
        (lunr / name).write_text("x", encoding="utf-8")
    (tmp_path / "en" / "bundle.js.map").write_text("x", encoding="utf-8")
    (tmp_path / "en" / "search").mkdir()
    (tmp_path / "en" / "search" / "search_index.json").write_text('{"config": {"lang": ["en", "zh"]}}', encoding="utf-8")
    assert not_needed_offline(tmp_path) == {lunr / "lunr.fr.min.js", tmp_path / "en" / "bundle.js.map"}


def test_a_site_without_an_edition_or_its_inlined_index_is_not_an_offline_copy(tmp_path: Path) -> None:
    (tmp_path / "en" / "search").mkdir(parents=True)
    for folder in (tmp_path, tmp_path / "en"):
        (folder / "index.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "en" / "search" / "search_index.js").write_text("x", encoding="utf-8")
    with pytest.raises(OfflineSiteError, match=r"/zh-hant: no index.html \(edition missing from the offline build\)$"):
        check_offline_site(tmp_path, ["en/", "zh-hant/"])
    with pytest.raises(OfflineSiteError, match=r": no search/search_index.js \(offline plugin not enabled\)$"):
        check_offline_site(tmp_path, ["", "en/"])
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.js").write_text("x", encoding="utf-8")
    (tmp_path / "index.html").write_text('<script src="https://cdn.example/x.js"></script>', encoding="utf-8")
    with pytest.raises(OfflineSiteError, match=r"index.html: loads a resource from another host: https://cdn.example/x.js$"):
        check_offline_site(tmp_path, ["", "en/"])


def test_offline_copy_has_every_edition_and_loads_nothing_third_party(offline_site: Path) -> None:
    check_offline_site(offline_site, EDITIONS.prefixes)  # raises with the file and the address otherwise
    shim = (offline_site / "assets" / "vendor" / "iframe-worker" / "shim.js").read_text(encoding="utf-8")
    assert "Copyright (c) 2020-2022 Martin Donath" in shim
    assert 'src="assets/vendor/iframe-worker/shim.js"' in (offline_site / "index.html").read_text(encoding="utf-8")


def test_offline_copy_has_no_broken_link(offline_site: Path, built_url: str) -> None:
    """Its pages link page.html files: generated pages too, whose entries are HTML blocks that carry
    their own URLs (hetao_docs.terms.render.docs_url). The 404 pages link by absolute path below
    site_url's path (a host serves them at any depth), as on the hosted site."""
    report = check_site(offline_site, built_url)
    assert report.broken == [] and report.links_checked > 1000, report.summary()


@pytest.mark.parametrize("edition", PREFIXES)
def test_offline_copy_keeps_the_section_ids(offline_site: Path, site: Path, edition: str) -> None:
    def ids(page: Path) -> list[str]:
        return re.findall(r'<h[1-6][^>]* id="([^"]+)"', page.read_text(encoding="utf-8"))

    hosted_pages = sorted((site / PREFIXES[edition]).glob("problems/*/index.html"))
    assert len(hosted_pages) == 3
    for hosted in hosted_pages:
        offline = offline_site / PREFIXES[edition] / "problems" / f"{hosted.parent.name}.html"
        assert ids(offline) == ids(hosted) != [], offline


@pytest.mark.parametrize("edition", PREFIXES)
def test_offline_search_and_section_links_work_from_file(browser, offline_site: Path, edition: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    try:
        page.goto((offline_site / PREFIXES[edition] / "index.html").as_uri())
        page.locator(".md-search__input").fill(SEARCH_WORDS[edition])
        first = page.locator(".md-search-result__item a").first
        first.wait_for(timeout=15000)
        href = first.evaluate("a => a.href")  # absolute: a page.html file of this edition's copy
        target_file = Path(url2pathname(urlsplit(href).path))
        assert target_file.suffix == ".html" and target_file.is_file(), href
        assert target_file.is_relative_to(offline_site / PREFIXES[edition]), href

        target = offline_site / PREFIXES[edition] / "problems" / "data-market.html"
        page.goto(target.as_uri() + "#trading-scale")
        heading = page.locator("#trading-scale")
        assert heading.count() == 1 and heading.is_visible()
        assert page.evaluate("document.getElementById('trading-scale').getBoundingClientRect().top") < 200
        page.locator("nav.md-nav a[href$='coordination.html']").first.click()
        page.wait_for_url(re.compile(r"coordination\.html$"))
    finally:
        context.close()
    foreign = [url for url in requested if not url.startswith(("file:", "data:", "blob:"))]
    assert foreign == []


def test_offline_index_is_the_compact_ranked_one(offline_site: Path) -> None:
    """Material's offline plugin inlines the index before our plugin rewrites it: we inline ours again."""
    for prefix in PREFIXES.values():
        search = offline_site / prefix / "search"
        index = (search / "search_index.json").read_text(encoding="utf-8")
        assert (search / "search_index.js").read_text(encoding="utf-8") == f"var __index = {index}"
        assert '"boost":0.25' in index, prefix
