"""Two editions side by side, as a reader uses them in Debian Chromium: every content page in every
pair aligned by section id with headings and provenance lines level; a phone stacks the pair per
section; each side cites its own page and defines its terms in its own edition; the pair is one
click from a page and remembered; a #section link survives a reload; landscape print; from
file:// in the offline copy. Screenshots at 1366 and 390 px in test-artifacts/."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from support.printing import print_pdf
from support.project import EDITIONS, ROOT, catalogs, page_urls

from devtools.search_cases import EDITION_PREFIXES
from hetao_docs.side_by_side import FOLDER, host_of

ARTIFACTS = ROOT / "test-artifacts"
CATALOGS = catalogs()
LANGS = {edition.code: edition.lang for edition in EDITIONS}
GENERATED = ("glossary/", "term-index/", "term-check/", "changes/")
CONTENT_PAGES = [path for path in page_urls() if path not in GENERATED]
SECTION_IDS = re.compile(r'<h[12]\b[^>]*\bid="([^"]+)"')

# For each row: its id, and per side (0, 1) the edition, lang, and the tops of its heading and
# first provenance line.
ROWS = """() => [...document.querySelectorAll(".hetao-sbs__row:has(> .hetao-sbs__anchor)")].map(row => ({
  id: row.querySelector(":scope > .hetao-sbs__anchor").id,
  sides: [0, 1].map(side => {
    const heading = row.querySelector(`.hetao-sbs__cell--heading[data-side="${side}"] > :is(h1, h2)`)
    const meta = row.querySelector(`.hetao-sbs__cell--meta[data-side="${side}"] > p`)
    const cell = row.querySelector(`.hetao-sbs__cell--body[data-side="${side}"]`)
    return { edition: cell.dataset.edition, lang: cell.lang, section: heading && heading.dataset.section,
             heading: heading && Math.round(heading.getBoundingClientRect().top),
             meta: meta && Math.round(meta.getBoundingClientRect().top) }
  })
}))"""


def combined_url(site_url: str, reader: str, pair: tuple[str, str], path: str, hash_: str = "") -> str:
    host = host_of(reader, pair)
    return f"{site_url}/{EDITION_PREFIXES[host]}{FOLDER}/{pair[0]}-{pair[1]}/{path}{hash_}"


def original_ids(site: Path, code: str, path: str) -> list[str]:
    return SECTION_IDS.findall((site / EDITION_PREFIXES[code] / path / "index.html").read_text(encoding="utf-8"))


def test_every_content_page_in_every_pair_is_aligned_by_section_id_with_headings_level(browser: Any, site: Path, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    found = []
    try:
        for reader in EDITION_PREFIXES:
            for pair in EDITIONS.side_by_side:
                if host_of(reader, pair) != reader:
                    continue
                for path in CONTENT_PAGES:
                    page.goto(combined_url(site_url, reader, pair, path))
                    rows = page.evaluate(ROWS)
                    expected = original_ids(site, pair[0], path)
                    assert expected == original_ids(site, pair[1], path)
                    where = f"{reader}: {pair} {path}"
                    if [row["id"] for row in rows] != expected:
                        found.append(f"{where}: rows {[row['id'] for row in rows]} != {expected}")
                    for row in rows:
                        first, second = row["sides"]
                        if (first["edition"], second["edition"]) != pair or (first["lang"], second["lang"]) != (LANGS[pair[0]], LANGS[pair[1]]):
                            found.append(f"{where}#{row['id']}: sides {first['edition']}/{first['lang']} | {second['edition']}/{second['lang']}")
                        if first["section"] != row["id"] or second["section"] != row["id"]:
                            found.append(f"{where}#{row['id']}: headings of {first['section']} | {second['section']}")
                        if abs(first["heading"] - second["heading"]) > 1:
                            found.append(f"{where}#{row['id']}: headings at {first['heading']} and {second['heading']}")
                        if first["meta"] is not None and second["meta"] is not None and abs(first["meta"] - second["meta"]) > 1:
                            found.append(f"{where}#{row['id']}: provenance lines at {first['meta']} and {second['meta']}")
                    ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
                    if len(ids) != len(set(ids)):
                        found.append(f"{where}: ids twice: {sorted({i for i in ids if ids.count(i) > 1})}")
                    if page.locator("meta[name=robots][content=noindex]").count() != 1:
                        found.append(f"{where}: not noindex")
    finally:
        page.close()
    assert found == [] and problems == []


def test_a_reader_opens_the_pair_in_one_click_it_is_remembered_and_a_section_link_survives_a_reload(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{site_url}/en/problems/coordination/#rule-alignment")
        links = page.locator("article .hetao-sbs-links")
        expect(links).to_contain_text(CATALOGS["en"]["side_by_side.label"])
        with page.expect_navigation():
            links.locator("a[data-pair='zh-hant-en']").click()
        assert page.url == combined_url(site_url, "en", ("zh-hant", "en"), "problems/coordination/", "#rule-alignment")
        row = page.locator(".hetao-sbs__row:has(> #rule-alignment)")
        expect(row).to_be_in_viewport()
        page.screenshot(path=str(ARTIFACTS / "side-by-side-1366.png"))
        page.reload()
        expect(page.locator(".hetao-sbs__row:has(> #rule-alignment) .hetao-sbs__cell--heading[data-side='1'] h2")).to_be_in_viewport()
        page.goto(f"{site_url}/en/recommendations/market-reform/")  # another page: the pair offered first, marked
        first = page.locator("article .hetao-sbs-links a.hetao-sbs-pair").first
        expect(first).to_have_attribute("data-pair", "zh-hant-en")
        expect(first).to_have_attribute("data-remembered", "")
        page.goto(f"{site_url}/zh-hant/")  # every edition's own words
        expect(page.locator("article .hetao-sbs-links")).to_contain_text(CATALOGS["zh-hant"]["side_by_side.label"])
        page.goto(combined_url(site_url, "zh-hant", ("zh-hant", "en"), ""))
        expect(page.locator("article .hetao-sbs-back")).to_have_text(CATALOGS["zh-hant"]["side_by_side.back"])
    finally:
        context.close()


def test_each_side_cites_its_own_page_and_defines_its_terms_in_its_own_edition(browser: Any, site_url: str, built_url: str) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    try:
        page.goto(combined_url(site_url, "zh", ("zh", "en"), "problems/coordination/"))
        row = page.locator(".hetao-sbs__row:has(> #rule-alignment)")
        for side, prefix in ((0, ""), (1, "en/")):
            permalink = row.locator(f".hetao-sbs__cell--heading[data-side='{side}'] .headerlink")
            copied = permalink.get_attribute("data-clipboard-text")
            assert re.fullmatch(rf".*/{prefix}problems/coordination/\?release=[\d.]+#rule-alignment", copied), copied
            assert FOLDER not in copied
        english = row.locator(".hetao-sbs__cell--heading[data-side='1'] .hetao-cite")
        expect(english).to_have_text(CATALOGS["en"]["hosting.cite_button"])
        english.focus()
        page.keyboard.press("Enter")  # by keyboard
        dialog = page.locator("dialog.hetao-cite-dialog")
        expect(dialog).to_contain_text("Barriers to rule alignment")
        expect(dialog.locator("pre")).to_contain_text("/en/problems/coordination/?release=")
        page.keyboard.press("Escape")
        for side, edition in ((0, "zh"), (1, "en")):
            term = page.locator(f".hetao-sbs__cell--body[data-side='{side}'] a.hetao-term").first
            term.hover()
            tip = page.locator("#hetao-term-tip")
            expect(tip).to_contain_text(CATALOGS[edition]["reading.term_entry"])
            title = term.get_attribute("data-hetao-title") or ""
            expect(tip).to_contain_text(title.split(" (")[0].split("（")[0])
            expect(tip).to_have_attribute("lang", LANGS[edition])
            page.mouse.move(0, 0)
            expect(tip).to_be_hidden()
    finally:
        context.close()


def test_on_a_phone_the_pair_stacks_per_section_first_language_first(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(combined_url(site_url, "zh", ("zh", "zh-hant"), "problems/coordination/", "#rule-alignment"))
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "side-by-side-390.png"))
        assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") == 0
        row = page.locator(".hetao-sbs__row:has(> #rule-alignment)")
        first_end = row.locator(".hetao-sbs__cell--body[data-side='0']").evaluate("e => e.getBoundingClientRect().bottom")
        second_top = row.locator(".hetao-sbs__cell--heading[data-side='1']").evaluate("e => e.getBoundingClientRect().top")
        assert second_top >= first_end
        next_row = page.locator(".hetao-sbs__row:has(> #resource-sharing)").evaluate("e => e.getBoundingClientRect().top")
        assert next_row >= row.locator(".hetao-sbs__cell--body[data-side='1']").evaluate("e => e.getBoundingClientRect().bottom")
    finally:
        context.close()


def test_printing_the_pair_gives_two_columns_on_landscape_pages(browser: Any, site_url: str) -> None:
    page = browser.new_page()
    try:
        page.goto(combined_url(site_url, "en", ("zh", "en"), "problems/coordination/"))
        page.wait_for_load_state("networkidle")
        pdf = print_pdf(page, prefer_css_page_size=True)
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "print-side-by-side.pdf").write_bytes(pdf)
        boxes = {tuple(float(n) for n in box.split()) for box in re.findall(rb"/MediaBox \[([\d. ]+)\]", pdf)}
        assert boxes and all(box[2] > box[3] for box in boxes), boxes  # wider than tall
        page.emulate_media(media="print")
        first = page.locator(".hetao-sbs__cell--body[data-side='0']").first.evaluate("e => e.getBoundingClientRect().left")
        second = page.locator(".hetao-sbs__cell--body[data-side='1']").first.evaluate("e => e.getBoundingClientRect().left")
        assert second > first
        expect(page.locator(".hetao-sbs-links")).to_be_hidden()
    finally:
        page.close()


def test_the_pair_works_in_the_offline_copy_from_file(browser: Any, offline_site: Path) -> None:
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto((offline_site / "en" / "problems" / "coordination.html").as_uri())
        with page.expect_navigation():
            page.locator("article .hetao-sbs-links a[data-pair='zh-en']").click()
        assert page.url.endswith(f"/en/{FOLDER}/zh-en/problems/coordination.html")
        row = page.locator(".hetao-sbs__row:has(> #rule-alignment)")
        assert row.evaluate("e => getComputedStyle(e).display") == "grid"  # the stylesheet loaded
        term = page.locator(".hetao-sbs__cell--body[data-side='0'] a.hetao-term").first
        term.hover()
        expect(page.locator("#hetao-term-tip")).to_contain_text(CATALOGS["zh"]["reading.term_entry"])
        with page.expect_navigation():
            row.locator(".hetao-sbs__cell--body[data-side='1'] a[href*='glossary']").first.click()
        assert page.url.split("#")[0].endswith("/en/glossary.html")
    finally:
        page.close()
    assert errors == []


@pytest.mark.parametrize("edition", list(EDITION_PREFIXES))
def test_the_pairs_are_in_no_search_index_and_no_sitemap(edition: str, site: Path) -> None:
    folder = site / EDITION_PREFIXES[edition]
    assert FOLDER not in (folder / "search" / "search_index.json").read_text(encoding="utf-8")
    assert FOLDER not in (folder / "sitemap.xml").read_text(encoding="utf-8")
