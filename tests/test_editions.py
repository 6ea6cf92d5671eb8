"""The three editions in the real strict build: same pages and ids, lang/hreflang, switcher links,
sitemaps, per-edition search indexes, no Chinese fallback in English, no Simplified in Traditional,
same figures, same terms section by section."""

from __future__ import annotations

import gzip
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
from support.project import DOCS_ZH, EDITIONS, GENERATED_PAGES, HANT, ROOT, ZH, catalogs, hant_phrases, load_hong_kong_table, to_hong_kong
from support.project import simplified as simplified_characters
from support.project import terms as term_base

from hetao_docs.side_by_side import FOLDER as SIDE_BY_SIDE
from hetao_docs.terms import TermMatcher

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
HAN_RUN = re.compile(HAN.pattern + "+")
LATIN = re.compile(r"[A-Za-z]")
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
PRIMARY = EDITIONS.primary


def page_urls(source_pages: list[str]) -> list[str]:
    """page.url of each Markdown page (use_directory_urls)."""
    return ["" if p == "index.md" else p.removesuffix(".md") + "/" for p in source_pages]


SOURCE_PAGES = sorted(p.relative_to(DOCS_ZH).as_posix() for p in DOCS_ZH.rglob("*.md"))
CONTENT_URLS = page_urls(SOURCE_PAGES)
ALL_URLS = page_urls(sorted([*SOURCE_PAGES, *GENERATED_PAGES]))


class Article(HTMLParser):
    """The text of a page's <article>, per section (keyed by heading id), and its heading ids.

    Whitespace is collapsed. Text inside code/pre/script/style, inside the ¶ permalinks and a
    section's history (the text of earlier releases), and inside
    any element whose `lang` is rejected by `keep_lang` is left out. Text of an <aside> (e.g. the
    attribution under every page) belongs to no section: it is under ASIDE.
    """

    SKIPPED = frozenset("code pre script style".split())
    ASIDE = "(aside)"

    def __init__(self, html: str, keep_lang=lambda lang: True) -> None:  # type: ignore[no-untyped-def]
        super().__init__(convert_charrefs=True)
        self.keep_lang = keep_lang
        self.ids: list[str] = []
        self.sections: dict[str, list[str]] = {}
        # Per open element inside <article>: is its text skipped, and the section to return to after it.
        self._stack: list[tuple[bool, str | None]] = []
        self._section = ""
        self.feed(html)

    @property
    def text(self) -> str:
        return " ".join(self.section_text(section) for section in self.sections)

    def section_text(self, section_id: str) -> str:
        return re.sub(r"\s+", " ", " ".join(self.sections.get(section_id, []))).strip()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if not self._stack:
            if tag == "article":
                self._stack.append((False, None))
            return
        if re.fullmatch(r"h[1-6]", tag) and attributes.get("id"):
            self._section = str(attributes["id"])
            self.ids.append(self._section)
        if tag in VOID:
            return
        skipped = (
            self._stack[-1][0]
            or tag in self.SKIPPED
            or "headerlink" in (attributes.get("class") or "")
            or "hetao-history" in (attributes.get("class") or "")  # earlier releases' text, not the section's
            or ("lang" in attributes and not self.keep_lang(attributes["lang"] or ""))
        )
        self._stack.append((skipped, self._section if tag == "aside" else None))
        if tag == "aside":
            self._section = self.ASIDE

    def handle_endtag(self, tag: str) -> None:
        if self._stack and tag not in VOID:
            _, back_to = self._stack.pop()
            if back_to is not None:
                self._section = back_to

    def handle_data(self, data: str) -> None:
        if self._stack and not self._stack[-1][0]:
            self.sections.setdefault(self._section, []).append(data)


def page_html(site: Path, edition_prefix: str, url: str) -> str:
    return (site / edition_prefix / url / "index.html").read_text(encoding="utf-8")


def built_pages(edition_root: Path, skip: tuple[str, ...] = ()) -> set[str]:
    return {
        p.parent.relative_to(edition_root).as_posix().removeprefix(".") + ("/" if p.parent != edition_root else "")
        for p in edition_root.rglob("index.html")
        if not any(p.relative_to(edition_root).as_posix().startswith(s) for s in skip)
    }


def test_every_edition_has_every_page(site: Path) -> None:
    # archived releases: test_releases.py; two editions side by side: test_side_by_side_browser.py
    others = (*(e.prefix for e in EDITIONS if e.prefix), "releases/", f"{SIDE_BY_SIDE}/")
    expected = set(ALL_URLS)
    assert built_pages(site, skip=others) == expected
    for edition in EDITIONS.siblings:
        assert built_pages(site / edition.prefix, skip=(f"{SIDE_BY_SIDE}/",)) == expected, edition.code


def comparable_ids(ids: list[str], url: str) -> list[str]:
    """The ids every edition shares. The generated glossary and index group terms under letter
    headings (#initial-b), which follow each language's own order: pinyin or English."""
    if page_urls(list(GENERATED_PAGES)).count(url):
        return sorted(i for i in ids if not i.startswith("initial-"))
    return ids


@pytest.mark.parametrize("url", ALL_URLS)
def test_section_ids_are_identical_across_editions(site: Path, url: str) -> None:
    ids = {e.code: comparable_ids(Article(page_html(site, e.prefix, url)).ids, url) for e in EDITIONS}
    assert ids["zh"], f"/{url} has no heading ids"
    assert ids["en"] == ids["zh"], f"/en/{url}"
    assert ids["zh-hant"] == ids["zh"], f"/zh-hant/{url}"


@pytest.mark.parametrize("url", ALL_URLS)
def test_lang_hreflang_and_switcher_point_at_the_same_page(site: Path, built_url: str, url: str) -> None:
    for edition in EDITIONS:
        html = page_html(site, edition.prefix, url)
        assert re.search(r"<html lang=\"([^\"]+)\"", html).group(1) == edition.lang  # type: ignore[union-attr]
        head = html[: html.index("</head>")]
        hreflang = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', head)
        assert hreflang == [(e.lang, built_url + e.prefix + url) for e in EDITIONS] + [
            ("x-default", built_url + PRIMARY.prefix + url)
        ], f"/{edition.prefix}{url}"
        assert len(re.findall(r"<link[^>]*hreflang", head)) == len(EDITIONS) + 1, "Material's edition-root alternates must be gone"
        canonical = re.search(r'<link rel="canonical" href="([^"]+)">', head).group(1)  # type: ignore[union-attr]
        assert canonical == built_url + edition.prefix + url
        switcher = re.findall(r'<a href="([^"]*)" hreflang="([^"]+)" (?:lang="[^"]+" )?class="md-select__link">', html)
        here = f"/{edition.prefix}{url}"
        assert [(urljoin(here, href), lang) for href, lang in switcher] == [
            (f"/{e.prefix}{url}", e.lang) for e in EDITIONS
        ], here


def test_material_ui_strings_follow_the_edition(site: Path) -> None:
    search_placeholder = {"zh": "搜索", "en": "Search", "zh-hant": "搜尋"}
    for edition in EDITIONS:
        html = page_html(site, edition.prefix, "")
        # the catalog's override, else Material's own string for the theme language (known for these editions)
        expected = catalogs()[edition.code].strings.get("material.search.placeholder", search_placeholder.get(edition.code, ""))
        assert f'placeholder="{expected}' in html, edition.code


def test_the_catalogs_material_strings_override_materials(site: Path) -> None:
    """partials/language.html (ours) asks the catalog's `material` strings first: they reach the
    page config's translations and the skip link."""
    checked = 0
    for edition in EDITIONS:
        ours = {k.removeprefix("material."): v for k, v in catalogs()[edition.code].strings.items() if k.startswith("material.")}
        html = page_html(site, edition.prefix, "problems/coordination/")
        config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S).group(1))  # type: ignore[union-attr]
        for key, value in ours.items():
            if key in config["translations"]:
                assert config["translations"][key] == value, (edition.code, key)
                checked += 1
        if "action.skip" in ours:
            skip = re.search(r'class="md-skip">(.*?)</a>', html, re.S)
            assert skip and skip.group(1).strip() == ours["action.skip"], edition.code
            checked += 1
    assert checked >= 2, "no catalog overrides Material's strings that the page shows"


def test_sitemaps_list_their_edition_with_alternates(site: Path, built_url: str) -> None:
    """Each edition's sitemap (our template hetao_docs/theme/sitemap.xml) lists its own pages, each
    with xhtml:link alternates to every edition and x-default."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    for edition in EDITIONS:
        sitemap = site / edition.prefix / "sitemap.xml"
        text = sitemap.read_text(encoding="utf-8")
        assert gzip.decompress((site / edition.prefix / "sitemap.xml.gz").read_bytes()).decode() == text
        urls = ET.fromstring(text).findall("s:url", ns)
        own = built_url + edition.prefix
        assert sorted(u.findtext("s:loc", namespaces=ns) for u in urls) == sorted(own + p for p in ALL_URLS)
        for entry in urls:
            page = entry.findtext("s:loc", namespaces=ns)[len(own):]  # type: ignore[index]
            links = [(link.get("rel"), link.get("hreflang"), link.get("href")) for link in entry.findall("x:link", ns)]
            assert links == [("alternate", e.lang, built_url + e.prefix + page) for e in EDITIONS] + [
                ("alternate", "x-default", built_url + page)
            ]
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    for edition in EDITIONS:
        assert f"Sitemap: {built_url}{edition.prefix}sitemap.xml" in robots


def test_each_edition_has_its_own_search_index(site: Path) -> None:
    indexes = {
        e.code: json.loads((site / e.prefix / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
        for e in EDITIONS
    }
    titles = {code: {d["location"]: d["title"] for d in docs} for code, docs in indexes.items()}
    # Same sections everywhere (but the glossary's letter headings), each titled in its own language.
    shared = {code: {loc for loc in found if "#initial-" not in loc} for code, found in titles.items()}
    assert all(found == shared[PRIMARY.code] for found in shared.values())
    coordination = "problems/coordination/#rule-alignment"
    assert HAN.search(titles["zh"][coordination]) and not LATIN.search(titles["zh"][coordination])
    assert not HAN.search(titles["en"][coordination])
    table = load_hong_kong_table(ROOT / "data" / "hong-kong.yml")
    assert titles["zh-hant"][coordination] == to_hong_kong(titles["zh"][coordination], hant_phrases(term_base()), table)
    en_text = " ".join(d["text"] for d in indexes["en"])
    assert len(HAN.findall(en_text)) < 0.1 * len(LATIN.findall(en_text)), "the English index holds Chinese pages"


@pytest.mark.parametrize("url", ALL_URLS)
def test_no_english_page_falls_back_to_chinese(site: Path, url: str) -> None:
    english = Article(page_html(site, "en/", url)).text
    chinese = Article(page_html(site, "", url)).text
    han, latin = len(HAN.findall(english)), len(LATIN.findall(english))
    assert latin > 200 and han < 0.25 * (han + latin), f"/en/{url}: {han} Han vs {latin} Latin letters"
    assert english != chinese


def in_chinese_edition(code: str):  # type: ignore[no-untyped-def]
    """keep_lang for a Chinese edition: leave out text marked as English or as the other script
    (e.g. a Simplified example <span lang="zh-Hans"> shown on purpose in the Traditional edition)."""
    other = "zh-hant" if code == "zh" else "zh-hans"
    return lambda lang: not lang.lower().startswith((other, "en"))


@pytest.mark.parametrize("url", ALL_URLS)
def test_traditional_body_text_has_no_simplified_only_characters(site: Path, url: str) -> None:
    """Judged in context (hetao_docs.chinese.simplified_characters): a character such as 准 or 里 is
    Simplified alone but correct Traditional in 批准 or 公里; the term base's Traditional forms are
    kept as they are (OpenCC alone would turn 備案制 into 備案製)."""
    keep_terms = set(hant_phrases(term_base()).values())
    text = Article(page_html(site, "zh-hant/", url), keep_lang=in_chinese_edition("zh-hant")).text
    simplified = sorted({run for run in HAN_RUN.findall(text) if simplified_characters(run, keep_terms)})
    assert not simplified, f"/zh-hant/{url}: Simplified text {' '.join(simplified)}"


def _figures(site: Path, prefix: str) -> list[tuple[tuple[float, ...], str]]:
    """Rows of the figures table: (the numbers in the figure cell, the linked section)."""
    html = page_html(site, prefix, "figures/")
    table = html[html.index('id="figures-table"') :]
    table = table[: table.index("</table>")]
    rows = re.findall(r"<tr>\s*<td>(.*?)</td>.*?<a href=\"([^\"]+)\"", table, re.S)
    return [(figure_values(re.sub(r"<[^>]+>", "", cell)), link) for cell, link in rows]


ZH_MULTIPLIERS = {"十": 10, "百": 100, "千": 1_000, "万": 10_000, "萬": 10_000, "亿": 10**8, "億": 10**8}
EN_MULTIPLIERS = {"thousand": 1_000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
FIGURE = re.compile(r"(\d[\d,]*(?:\.\d+)?)?\s*([十百千万萬亿億]+|thousand|million|billion|trillion)?", re.I)


def figure_values(cell: str) -> tuple[float, ...]:
    """2.5亿元 / RMB 250 million → 250000000; 1050家 / 1,050 → 1050; 2026至27 / 2026–27 → 2026, 27."""
    values = []
    for number, unit in FIGURE.findall(cell):
        if not number and not unit:
            continue
        value = float(number.replace(",", "")) if number else 1.0
        if unit in EN_MULTIPLIERS or unit.lower() in EN_MULTIPLIERS:
            value *= EN_MULTIPLIERS[unit.lower()]
        else:
            for char in unit:
                value *= ZH_MULTIPLIERS[char]
        values.append(value)
    return tuple(values)


def test_figure_values_reads_both_languages() -> None:
    assert figure_values("超2.5亿元") == figure_values("more than RMB 250 million") == (250_000_000,)
    assert figure_values("百亿元") == figure_values("RMB 10 billion") == (10**10,)
    assert figure_values("1050家") == figure_values("1,050 firms") == (1050,)
    assert figure_values("万亿级") == figure_values("trillion-yuan") == (10**12,)


def test_figures_are_identical_across_editions(site: Path) -> None:
    zh = _figures(site, "")
    assert len(zh) >= 8 and all(values for values, _ in zh)
    assert _figures(site, "en/") == zh
    assert _figures(site, "zh-hant/") == zh


@pytest.fixture(scope="module")
def terms():  # type: ignore[no-untyped-def]
    return term_base()


@pytest.mark.parametrize("url", CONTENT_URLS)
def test_english_sections_use_the_terms_of_the_chinese_sections(site: Path, url: str, terms) -> None:  # type: ignore[no-untyped-def]
    by_id = {term.id: term for term in terms}
    matcher = TermMatcher.for_edition(terms, ZH)
    chinese, english = Article(page_html(site, "", url)), Article(page_html(site, "en/", url))
    missing = []
    for section_id in chinese.ids:
        en_text = english.section_text(section_id).lower()
        for term_id in sorted({m.term_id for m in matcher.find(chinese.section_text(section_id))}):
            term = by_id[term_id]
            if not any(form.lower() in en_text for form in (term.en, *term.en_alt)):
                missing.append(f"#{section_id}: {term.zh} → {term.en!r}")
    assert not missing, f"/en/{url}: " + "; ".join(missing)


@pytest.mark.parametrize("url", CONTENT_URLS)
def test_traditional_sections_use_the_term_base_forms(site: Path, url: str, terms) -> None:  # type: ignore[no-untyped-def]
    simplified, traditional = TermMatcher.for_edition(terms, ZH), TermMatcher.for_edition(terms, HANT)
    chinese = Article(page_html(site, "", url), keep_lang=in_chinese_edition("zh"))
    converted = Article(page_html(site, "zh-hant/", url), keep_lang=in_chinese_edition("zh-hant"))
    for section_id in chinese.ids:
        expected = [m.term_id for m in simplified.find(chinese.section_text(section_id))]
        found = [m.term_id for m in traditional.find(converted.section_text(section_id))]
        assert found == expected, f"/zh-hant/{url}#{section_id}"


def test_traditional_edition_keeps_links_and_anchors(site: Path) -> None:
    def links(html: str) -> list[str]:
        article = html[html.index("<article") : html.index("</article>")]
        # the source page links its own archived release, below the edition's folder; a section's
        # "last changed in" line links the release of its own edition's history (a change to the
        # Hong Kong wording alone is a change of the Hong Kong section only)
        return [link for link in re.findall(r'<a href="([^"]+)"', article) if "/releases/" not in link and "changes/#v" not in link]

    for url in CONTENT_URLS:
        assert links(page_html(site, "zh-hant/", url)) == links(page_html(site, "", url)), url
