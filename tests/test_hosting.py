"""Attribution, citations, share meta, 404 pages, robots.txt and print (hetao_docs.hosting, the plugin)."""

from __future__ import annotations

import dataclasses
import datetime
import html
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from support.printing import print_pdf

from hetao_docs import hosting
from hetao_docs.concerns import THEME
from hetao_docs.editions import load_editions
from hetao_docs.fragments import Fragments
from hetao_docs.linkcheck import parse_page
from hetao_docs.side_by_side import FOLDER as SIDE_BY_SIDE
from hetao_docs.strings import Catalog, CatalogError, load_catalogs

ROOT = Path(__file__).resolve().parent.parent
EDITIONS = load_editions(ROOT / "data" / "editions.yml")
CATALOGS = load_catalogs(ROOT / "data" / "strings", EDITIONS.codes)
EDITION_DIRS = {edition.code: edition.prefix for edition in EDITIONS}


def texts(code: str) -> dict[str, str]:
    return hosting.edition_texts(CATALOGS[code], EDITIONS.get(code))


# --- pure functions ------------------------------------------------------------------------------


def test_each_edition_has_the_same_hosting_texts_in_its_language() -> None:
    zh, en, hant = texts("zh"), texts("en"), texts("zh-hant")
    # the article's fields filled in, in the edition's script
    assert "张立勤《深港协同破解河套难题，或激活万亿级数字经济生态》（2026-02-25）" in zh["attribution"]
    assert "張立勤《深港協同破解河套難題，或激活萬億級數字經濟生態》（2026-02-25）" in hant["attribution"]
    assert "《深港协同破解河套难题，或激活万亿级数字经济生态》 by 张立勤 (Zhang Liqin), published on 2026-02-25" in en["attribution"]
    assert set(hant) == set(zh) == set(en)
    assert all(hant[key] != zh[key] for key in ("attribution", "attribution_link", "not_found_title"))


def test_unknown_placeholder_in_the_attribution_names_the_catalog_and_key() -> None:
    zh = CATALOGS["zh"]
    broken = Catalog(zh.source, {**zh.strings, "hosting.attribution": "本页整理自{writer}"})
    with pytest.raises(CatalogError, match=r"^data/strings/zh\.yml: 'hosting\.attribution': unknown placeholder 'writer'$"):
        hosting.edition_texts(dataclasses.replace(broken, source="data/strings/zh.yml"), EDITIONS.primary)


def _cited(**changes: object) -> hosting.Cited:
    cited = hosting.Cited(
        site="河套数据跨境参考", page="问题一：数据要素市场化程度不足", section="交易规模与乘数效应",
        url="https://example.org/problems/data-market/?release=2026.12#trading-scale", release="2026.12",
        release_date=datetime.date(2026, 12, 1), own_text=False,
    )
    return dataclasses.replace(cited, **changes)  # type: ignore[arg-type]


def _example(code: str, **changes: object) -> str:
    return hosting.format_citation(texts(code), EDITIONS.get(code), _cited(**changes), datetime.date(2026, 12, 3))


def test_gb_t_7714_citation_names_the_site_section_release_and_article() -> None:
    assert _example("zh") == (
        "河套数据跨境参考. 问题一：数据要素市场化程度不足：交易规模与乘数效应[EB/OL]. 2026.12版. (2026-12-01)[2026-12-03]. "
        "https://example.org/problems/data-market/?release=2026.12#trading-scale. "
        "依据：张立勤. 深港协同破解河套难题，或激活万亿级数字经济生态. 2026-02-25."
    )


def test_english_citation_is_harvard_with_the_release() -> None:
    assert _example("en", site="Hetao Cross-Border Data Reference", page="Problem 1", section="Trading scale") == (
        "Hetao Cross-Border Data Reference (2026) Problem 1: Trading scale, Hetao Cross-Border Data Reference, release 2026.12. "
        "Available at: https://example.org/problems/data-market/?release=2026.12#trading-scale (Accessed: December 3, 2026). "
        "Based on: Zhang Liqin (2026) 深港协同破解河套难题，或激活万亿级数字经济生态 [Shenzhen–Hong Kong Coordination to Solve "
        "the Hetao Puzzle Could Activate a Trillion-Yuan Digital Economy Ecosystem], February 25, 2026."
    )


def test_traditional_citation_keeps_the_title_as_published() -> None:
    assert _example("zh-hant").endswith("依據：張立勤. 深港协同破解河套难题，或激活万亿级数字经济生态. 2026-02-25.")


def test_whole_page_and_own_text_citations() -> None:
    page = _example("zh", section=None)
    assert page.startswith("河套数据跨境参考. 问题一：数据要素市场化程度不足[EB/OL]. 2026.12版.")
    own = _example("zh", page="术语表", section="白名单", own_text=True)
    assert own.startswith("河套数据跨境参考. 术语表：白名单[EB/OL].") and "张立勤" not in own


def test_citation_meta_for_reference_managers() -> None:
    meta = hosting.citation_meta(site="S", title="T</script>", url="https://e.org/p/", lang="en", release="2026.12",
                                 date="2026-12-01", site_root="https://e.org/")
    assert dict(meta["tags"]) == {"citation_title": "T</script>", "citation_author": "S,", "citation_publisher": "S",
                                  "citation_language": "en", "citation_public_url": "https://e.org/p/", "citation_date": "2026/12/01"}
    assert "</script>" not in meta["json_ld"]
    assert '"author": {"@type": "Organization", "name": "S", "url": "https://e.org/"}' in meta["json_ld"]
    assert '"isBasedOn": {"@type": "OpinionNewsArticle", "headline": "深港协同破解河套难题，或激活万亿级数字经济生态"' in meta["json_ld"]
    unpublished = hosting.citation_meta(site="S", title="T", url="", lang="en", release="", date="", site_root="https://e.org/")
    assert "citation_public_url" not in dict(unpublished["tags"])


def test_page_description_is_first_paragraph_as_text() -> None:
    content = '<h1 id="x">T<a class="headerlink" href="#x">¶</a></h1><p> </p><p>A <a href="#y">link</a> &amp; <em>more</em></p><p>no</p>'
    assert hosting.page_description(content) == "A link & more"
    assert hosting.page_description("<h1>only a title</h1>") is None


def test_long_descriptions_are_cut_on_a_word_or_character() -> None:
    assert hosting.page_description("<p>" + "word " * 60 + "</p>", limit=20) == "word word word word…"
    assert hosting.page_description("<p>" + "数据" * 100 + "</p>", limit=10) == "数据数据数据数据数…"


def test_permanent_url_uses_directory_urls() -> None:
    assert hosting.permanent_url("https://e.org/h/", "index.md") == "https://e.org/h/"
    assert hosting.permanent_url("https://e.org/h", "problems/data-market.md") == "https://e.org/h/problems/data-market/"
    assert hosting.permanent_url("https://e.org/", "problems/index.md") == "https://e.org/problems/"


def test_site_relative_href() -> None:
    assert hosting.site_relative_href("en/source/", "downloads/a.zip") == "../../downloads/a.zip"
    assert hosting.site_relative_href("source/", "downloads/a.zip") == "../downloads/a.zip"
    assert hosting.site_relative_href("source.html", "downloads/a.zip") == "downloads/a.zip"


def test_robots_txt_names_every_sitemap() -> None:
    assert hosting.robots_txt("https://e.org/h", ["sitemap.xml", "en/sitemap.xml"]) == (
        "User-agent: *\nAllow: /\n\nSitemap: https://e.org/h/sitemap.xml\nSitemap: https://e.org/h/en/sitemap.xml\n"
    )


def test_block_goes_at_the_end_of_its_section() -> None:
    content = '<h2 id="a">A</h2><p>a</p><h2 id="how-to-cite">B</h2><p>b</p><h2 id="c">C</h2>'
    assert hosting.section_title(content, "how-to-cite") == "B"
    assert hosting.insert_after_section(content, "how-to-cite", "<X>") == (
        '<h2 id="a">A</h2><p>a</p><h2 id="how-to-cite">B</h2><p>b</p><X><h2 id="c">C</h2>'
    )
    assert hosting.insert_after_section(content, "c", "<X>").endswith("C</h2><X>")


def test_how_to_cite_block_escapes_and_links_the_offline_copy() -> None:
    cited = _cited(site="<S>", url="https://e.org/en/source/?release=2026.12#how-to-cite")
    block = hosting.how_to_cite_block(
        Fragments([THEME]), texts("en"), EDITIONS.get("en"), cited, accessed=datetime.date(2026, 3, 1), offline_zip_href="../../downloads/hetao-offline.zip",
    )
    assert "&lt;S&gt;" in block and "<S>" not in block
    assert '<a href="../../downloads/hetao-offline.zip" download>' in block
    assert "Available at: https://e.org/en/source/?release=2026.12#how-to-cite (Accessed: March 1, 2026)." in block
    assert '<span lang="zh-Hans">深港协同破解河套难题，或激活万亿级数字经济生态</span>' in block
    without = hosting.how_to_cite_block(Fragments([THEME]), texts("en"), EDITIONS.get("en"), cited, accessed=datetime.date(2026, 3, 1), offline_zip_href=None)
    assert "offline" not in without.lower()


# --- the built site ------------------------------------------------------------------------------


def _pages(site: Path, edition: str) -> list[Path]:
    root = site / EDITION_DIRS[edition]
    others = [site / d for e, d in EDITION_DIRS.items() if d and e != edition] + [site / "releases"]  # archives: test_releases.py
    others.append(root / SIDE_BY_SIDE)  # two editions' texts: test_side_by_side_browser.py
    return [p for p in root.rglob("*.html") if not any(p.is_relative_to(o) for o in others)]


def _is_redirect(page: Path) -> bool:
    """A redirect page of a moved page (contract/redirects.yml): a meta refresh, no attribution."""
    return parse_page(page.read_text(encoding="utf-8")).redirect is not None


def _meta(page_html: str, key: str) -> list[str]:
    pattern = rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"'
    return [html.unescape(v) for v in re.findall(pattern, page_html)]


@pytest.mark.parametrize("edition", list(EDITION_DIRS))
def test_every_page_attributes_the_article_and_links_the_source_page(site: Path, built_url: str, edition: str) -> None:
    pages = [p for p in _pages(site, edition) if not _is_redirect(p)]
    assert len(pages) >= 10
    source_page = (site / EDITION_DIRS[edition] / "source" / "index.html").resolve()
    for page in pages:
        text = page.read_text(encoding="utf-8")
        block = re.search(r'<aside class="hetao-attribution".*?</aside>', text, re.DOTALL)
        assert block, f"{page}: no attribution"
        assert texts(edition)["attribution"] in html.unescape(re.sub(r"</?span[^>]*>", "", block.group(0))), page  # (Chinese in English text: lang spans)
        href = re.search(r'<a href="([^"]+)"', block.group(0)).group(1)
        # (the 404 page, served at any depth, sets its <base> to its own folder: reading_build.py)
        assert (page.parent / href / "index.html").resolve() == source_page, f"{page}: {href}"


@pytest.mark.parametrize("edition", list(EDITION_DIRS))
def test_share_meta_per_page(site: Path, built_url: str, edition: str) -> None:
    page = site / EDITION_DIRS[edition] / "problems" / "data-market" / "index.html"
    text = page.read_text(encoding="utf-8")
    locale = EDITIONS.get(edition).og_locale
    assert _meta(text, "og:locale") == [locale]
    assert sorted(_meta(text, "og:locale:alternate")) == sorted(e.og_locale for e in EDITIONS if e.code != edition)
    assert _meta(text, "twitter:card") == ["summary"]
    assert _meta(text, "og:url") == [f"{built_url}{EDITION_DIRS[edition]}problems/data-market/"]
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', text).group(1)
    assert canonical == _meta(text, "og:url")[0]
    description = _meta(text, "description")[0]
    assert description == _meta(text, "og:description")[0] == _meta(text, "twitter:description")[0]
    home = (site / EDITION_DIRS[edition] / "index.html").read_text(encoding="utf-8")
    assert description and description != _meta(home, "description")[0], "description is not page-specific"
    assert _meta(text, "og:title")[0] in re.search(r"<title>(.*?)</title>", text).group(1)


def test_robots_txt_points_to_each_editions_sitemap(site: Path, built_url: str) -> None:
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    sitemaps = re.findall(r"^Sitemap: (\S+)$", robots, re.MULTILINE)
    assert sitemaps == [f"{built_url}{edition.prefix}sitemap.xml" for edition in EDITIONS]
    for url in sitemaps:
        assert (site / url.removeprefix(built_url)).is_file(), url


@pytest.mark.parametrize("edition", list(EDITION_DIRS))
def test_404_page_in_the_edition_language_offers_search_and_sections(site: Path, built_url: str, edition: str) -> None:
    text = (site / EDITION_DIRS[edition] / "404.html").read_text(encoding="utf-8")
    assert f'<html lang="{EDITIONS.get(edition).lang}"' in text
    assert f"<h1>{html.escape(texts(edition)['not_found_title'])}</h1>" in text
    assert re.search(r'<form class="hetao-404-search" role="search"[^>]*>', text)
    assert '<input id="hetao-404-query" name="q"' in text
    sections = re.search(r'<ul class="hetao-404-sections">(.*?)</ul>\s*<aside', text, re.DOTALL).group(1)
    assert len(re.findall(r"<a href=", sections)) >= 10
    assert '<a href="problems/data-market/"' in sections  # relative to the edition's folder, its <base> (reading_build.py)


@pytest.mark.parametrize("edition", list(EDITION_DIRS))
def test_source_page_shows_citation_examples(site: Path, built_url: str, edition: str) -> None:
    text = (site / EDITION_DIRS[edition] / "source" / "index.html").read_text(encoding="utf-8")
    examples = re.findall(r'<pre class="hetao-citation"><code>(.*?)</code></pre>', text, re.DOTALL)
    assert len(examples) == 1
    assert ("Accessed: " if edition == "en" else "[EB/OL]") in examples[0]
    shown = re.sub(r"<[^>]+>", "", html.unescape(examples[0]))
    assert re.search(rf" {re.escape(built_url + EDITION_DIRS[edition])}source/\?release=[0-9.]+#how-to-cite[ .]", shown)
    assert '<span lang="zh-Hans">深港协同破解河套难题，或激活万亿级数字经济生态</span>' in examples[0]
    release = re.search(r'<p class="hetao-cite-examples__release">(.*?)</p>', text).group(1)
    up = "../" * (1 + EDITION_DIRS[edition].count("/"))
    assert 'href="../changes/#v' in release
    assert re.search(r'href="' + re.escape(up) + r'releases/[0-9.]+/' + re.escape(EDITION_DIRS[edition]) + 'source/#how-to-cite"', release)


# --- in the browser ------------------------------------------------------------------------------


@pytest.fixture()
def page(browser, site_url: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    opened = context.new_page()
    yield opened
    context.close()


@pytest.mark.parametrize(("edition", "expected"), [("zh", "[EB/OL]"), ("en", "Available at: ")])
def test_cite_button_copies_the_citation_by_keyboard(page, site_url: str, edition: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{site_url}/{EDITION_DIRS[edition]}problems/data-market/")
    buttons = page.locator("article h2 .hetao-cite, article h3 .hetao-cite")
    assert buttons.count() == page.locator("article > h2[id], article > h3[id]").count() >= 2
    button = page.locator("#trading-scale .hetao-cite")
    label = button.get_attribute("aria-label")
    section_title = page.evaluate(
        "() => { const h = document.getElementById('trading-scale').cloneNode(true);"
        " h.querySelectorAll('.headerlink, .hetao-cite').forEach(e => e.remove()); return h.textContent.trim(); }"
    )
    assert label and section_title in label
    button.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.hetao-cite-dialog")
    dialog.wait_for()
    page.keyboard.press("Enter")  # the dialog opens on its Copy button
    dialog.locator(".hetao-cite-dialog__status").filter(has_text=texts(edition)["cite_copied"]).wait_for()
    citation = page.evaluate("navigator.clipboard.readText()")
    assert expected in citation
    assert "/problems/data-market/?release=" in citation
    assert citation.count("#trading-scale") == 2 and citation.count("/releases/") == 1  # the address, and the archived copy
    assert section_title in citation and "2026" in citation
    assert citation == dialog.locator("pre").inner_text()
    page.keyboard.press("Escape")
    dialog.wait_for(state="detached")
    assert page.evaluate("document.activeElement.classList.contains('hetao-cite')")


def test_print_hides_chrome_and_lists_link_urls_as_notes(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{site_url}/problems/data-market/")
    pdf = print_pdf(page)  # as the reader prints, links become numbered notes (reading.js)
    assert pdf.startswith(b"%PDF")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".hetao-cite"):
        assert not page.locator(selector).first.is_visible(), selector
    link = page.locator(".hetao-attribution a")
    number = link.get_attribute("data-print-note")
    assert link.evaluate("a => getComputedStyle(a, '::after').content") == f'"[{number}]"'
    note = page.locator(".hetao-print-notes li").nth(int(number) - 1)
    assert note.inner_text() == urljoin(f"{site_url}/problems/data-market/", "../../source/")


def test_404_search_opens_site_search_with_the_query(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{site_url}/en/404.html")
    page.fill("#hetao-404-query", "whitelist")
    page.press("#hetao-404-query", "Enter")
    page.wait_for_url(re.compile(r"/en/\?q=whitelist"))
    assert page.locator(".md-search__input").input_value() == "whitelist"
    page.locator(".md-search-result__item").first.wait_for()


# --- deployment ----------------------------------------------------------------------------------


def test_deploy_workflow_publishes_only_after_tests_build_and_link_check() -> None:
    import yaml

    workflow = yaml.safe_load((Path(__file__).resolve().parent.parent / ".github/workflows/deploy.yml").read_text())
    steps = [step.get("run", step.get("uses", "")) for step in workflow["jobs"]["build"]["steps"]]

    def position(fragment: str) -> int:
        return next(i for i, step in enumerate(steps) if fragment in step)

    order = [position(s) for s in ("dev.py test", "docs.py offline", "docs.py build", "docs.py linkcheck site", "upload-pages-artifact")]
    assert order == sorted(order)
    assert "--offline-zip" in steps[position("docs.py build")]
    assert any("HETAO_REPORT_ISSUES=${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/issues/new" in s for s in steps)
    assert workflow["jobs"]["deploy"]["needs"] == "build"
    assert [s["uses"].split("@")[0] for s in workflow["jobs"]["deploy"]["steps"]] == ["actions/deploy-pages"]


def test_root_404_sends_edition_readers_to_their_404(page, site: Path, site_url: str) -> None:  # type: ignore[no-untyped-def]
    # Static hosts answer every missing address with the root 404.html; emulate that for one address.
    root_404 = (site / "404.html").read_text(encoding="utf-8")
    missing = f"{site_url}/en/problems/no-such-page/"
    page.route(missing, lambda route: route.fulfill(status=404, body=root_404, content_type="text/html"))
    page.goto(missing)
    page.wait_for_url(f"{site_url}/en/404.html")
    assert page.locator("article h1").inner_text() == texts("en")["not_found_title"]
