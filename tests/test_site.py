"""The real site (all editions, strict build): pages, section ids, links, the contract, noise, figures, hosts."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from support.project import EDITIONS as EDITION_TABLE
from support.project import to_hong_kong

from hetao_docs.linkcheck import SiteIndex, check_site
from hetao_docs.links import check_contract, count_by_edition, edition_prefixes, read_contract
from hetao_docs.side_by_side import FOLDER as SIDE_BY_SIDE

ROOT = Path(__file__).resolve().parent.parent
EDITIONS = list(EDITION_TABLE.prefixes)

# Page path → ids that must exist on it in every edition (the published interface; more may be added).
PAGE_IDS: dict[str, list[str]] = {
    "": ["home", "about", "article-at-a-glance", "editors-note", "how-to-use", "browse", "search-terms", "cite-sections"],
    "background/": ["background", "testing-ground", "one-point-two-places", "shenzhen-park-regulations",
                    "policy-support", "institutions", "dual-challenge"],
    "problems/data-market/": ["data-market", "summary", "trading-scale", "basic-institutions",
                              "filing-and-guidance", "responses"],
    "problems/coordination/": ["coordination", "summary", "rule-alignment", "resource-sharing",
                               "autonomous-driving-data", "responses"],
    "problems/industry-ecosystem/": ["industry-ecosystem", "summary", "funding-gap", "talent-facilities",
                                     "security-technology", "industry-scale", "responses"],
    "recommendations/market-reform/": ["market-reform", "summary", "basic-rules", "trading-models",
                                       "infrastructure", "addresses"],
    "recommendations/joint-governance/": ["joint-governance", "summary", "priority-scenarios", "bonded-rd",
                                          "cross-border-medical", "offshore-data-centre", "exchange-cyberport",
                                          "addresses"],
    "recommendations/ecosystem-support/": ["ecosystem-support", "summary", "industry-fund", "talent-network",
                                           "security-and-brand", "addresses"],
    "outlook/": ["outlook", "infrastructure-projects", "mayor-statement", "conclusion"],
    "matrix/": ["matrix", "matrix-table", "reading-the-matrix"],
    "figures/": ["figures", "figures-table", "figures-notes"],
    "source/": ["source", "citation", "views-disclaimer", "how-to-cite", "editorial-method"],
    "glossary/": ["glossary", "whitelist"],
    "term-index/": ["term-index", "whitelist"],
}

# Phrases from the unrelated news teasers after 相关内容 / 热门资讯 in the source page (none may appear).
TEASERS_ZH = ["热门资讯", "湾区账户通", "中国工商银行(亚洲)", "工资中位数", "统计处", "周一鸣", "警务处处长",
              "李家超再访", "特首办", "中东", "大熊猫", "李国祥", "周启生", "网约车", "Uber", "稀土",
              "对等关税", "廉署", "廉政公署", "斯里兰卡", "赞比亚", "反贪"]
TEASERS_EN = ["Hot news", "Cross-boundary Wealth", "median wage", "Joe Chow", "Raymond Siu", "giant panda",
              "Ricky Lee", "ride-hailing", "rare earth", "ICAC", "Sri Lanka", "Zambia", "anti-corruption"]
TEXT_SUFFIXES = {".html", ".json", ".xml", ".txt", ".csv", ".tbx", ".css", ".js", ".map"}

FETCHING_RELS = {"stylesheet", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch", "icon",
                 "apple-touch-icon", "manifest", "mask-icon"}
CSS_URL = re.compile(r"""@import\s+(?:url\()?\s*['"]?([^'")\s;]+)|url\(\s*['"]?([^'")]+)""")


def _html(site: Path, page_path: str) -> str:
    return (site / page_path / "index.html").read_text(encoding="utf-8")


# --- pages and sections --------------------------------------------------------------------------


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_and_section_exists_with_its_id(site: Path, edition: str) -> None:
    index = SiteIndex(site)
    missing = [
        f"{edition}{page}#{anchor}: {problem}"
        for page, anchors in PAGE_IDS.items()
        for anchor in anchors
        if (problem := index.resolve_problem(edition + page, anchor))
    ]
    assert missing == []


@pytest.mark.parametrize("edition", [e.prefix for e in EDITION_TABLE.siblings])
def test_editions_share_the_primary_editions_pages_and_ids(site: Path, edition: str) -> None:
    index = SiteIndex(site)

    def shared_ids(page: str) -> set[str]:
        # The glossary and term index group terms by the initial letter of each edition's own
        # sort order (pinyin or English), so only their `initial-*` group anchors may differ; and
        # a section's history exists where its text in that edition changed (`hetao-history-*`).
        return {anchor for anchor in index.article_ids(page) if not anchor.startswith(("initial-", "hetao-history-"))}

    others = tuple(e.prefix for e in EDITION_TABLE.siblings)
    pages = [page for page in index.pages() if f"{SIDE_BY_SIDE}/" not in page]  # the pairs: test_side_by_side_browser.py
    primary = {page: shared_ids(page) for page in pages if not page.startswith((*others, "releases/"))}
    other = {page[len(edition):]: shared_ids(page) for page in pages if page.startswith(edition)}
    assert sorted(other) == sorted(primary)
    differing = {page: sorted(primary[page] ^ other[page]) for page in primary if primary[page] != other[page]}
    assert differing == {}


# --- links and the contract ----------------------------------------------------------------------


def test_every_internal_link_and_anchor_resolves(site: Path, built_url: str) -> None:
    report = check_site(site, built_url)
    assert report.broken == [], report.summary()
    assert report.links_checked > 1000


def test_the_link_contract_holds(site: Path) -> None:
    result = check_contract(ROOT / "contract" / "published-links.txt", SiteIndex(site))
    assert result.ok, "\n".join(result.messages)


def test_the_contract_covers_every_edition(site: Path) -> None:
    assert edition_prefixes(site) == EDITIONS
    counts = count_by_edition(read_contract(ROOT / "contract" / "published-links.txt"), EDITIONS)
    assert all(count > 100 for count in counts.values()), counts


def _release() -> str:
    from hetao_docs.releases import archives, load_releases

    return archives(load_releases(ROOT / "data" / "releases.yml", "x"), ROOT / "releases")[-1].release.version


def test_permalinks_copy_the_published_section_url_with_the_release(site: Path, built_url: str) -> None:
    for edition in EDITIONS:
        html = _html(site, f"{edition}problems/coordination/")
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html)
        assert canonical, f"{edition}problems/coordination/ has no canonical URL"
        assert canonical.group(1) == f"{built_url}{edition}problems/coordination/"
        if os.environ.get("SITE_URL"):
            assert f'data-clipboard-text="{canonical.group(1)}?release={_release()}#rule-alignment"' in html
        else:  # no published address: hosting.js copies the one the reader is on, never the default
            assert "data-clipboard-text=" not in html


# --- noise ---------------------------------------------------------------------------------------


def test_no_news_teaser_appears_anywhere(site: Path) -> None:
    phrases = TEASERS_ZH + [to_hong_kong(p) for p in TEASERS_ZH] + TEASERS_EN
    found = []
    for path in sorted(site.rglob("*")):
        if path.suffix in TEXT_SUFFIXES and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            found += [f"{path.relative_to(site)}: {p}" for p in phrases if p in text]
    assert found == []


# --- key figures ---------------------------------------------------------------------------------


class _FigureRows(HTMLParser):
    """(figure, link href) of each body row of the first table after the #figures-table heading."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[tuple[str, str]] = []
        self._state = "before"  # before → heading-seen → in-table → done
        self._cell = -1
        self._figure: list[str] = []
        self._href = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if self._state == "before" and values.get("id") == "figures-table":
            self._state = "heading-seen"
        elif self._state == "heading-seen" and tag == "table":
            self._state = "in-table"
        elif self._state == "in-table":
            if tag == "tr":
                self._cell, self._figure, self._href = -1, [], ""
            elif tag == "td":
                self._cell += 1
            elif tag == "a" and self._cell == 2 and not self._href:
                self._href = values.get("href") or ""

    def handle_endtag(self, tag: str) -> None:
        if self._state != "in-table":
            return
        if tag == "tr" and self._cell >= 2:
            self.rows.append((" ".join("".join(self._figure).split()), self._href))
        elif tag == "table":
            self._state = "done"

    def handle_data(self, data: str) -> None:
        if self._state == "in-table" and self._cell == 0:
            self._figure.append(data)


class _SectionText(HTMLParser):
    """Text of the section opened by the heading with `anchor`, up to the next heading of its level or higher."""

    def __init__(self, anchor: str) -> None:
        super().__init__(convert_charrefs=True)
        self.anchor = anchor
        self.level = 0
        self.done = False
        self.parts: list[str] = []
        self._skip = 0  # inside the ¶ permalink

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        heading = int(tag[1]) if re.fullmatch(r"h[1-6]", tag) else 0
        if not self.level and heading and values.get("id") == self.anchor:
            self.level = heading
        elif self.level and heading and heading <= self.level:
            self.done = True
        if tag == "a" and "headerlink" in (values.get("class") or ""):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._skip:
            self._skip -= 1
        if tag == "article" and self.level:
            self.done = True

    def handle_data(self, data: str) -> None:
        if self.level and not self.done and not self._skip:
            self.parts.append(data)

    def text(self) -> str:
        return " ".join("".join(self.parts).split())


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_key_figure_appears_in_its_linked_section(site: Path, edition: str) -> None:
    figures_file = f"{edition}figures/index.html"
    parser = _FigureRows()
    parser.feed((site / figures_file).read_text(encoding="utf-8"))
    assert len(parser.rows) >= 10, f"{figures_file}: the key-figures table has {len(parser.rows)} rows"
    index = SiteIndex(site)
    absent = []
    for figure, href in parser.rows:
        assert figure and href, f"{figures_file}: row {figure!r} has no figure or no link"
        resolved = index.resolve(figures_file, href)
        assert resolved and resolved[1], f"{figures_file}: {figure} links to {href}, not to a section"
        target, anchor = resolved
        section = _SectionText(anchor)
        section.feed((site / target).read_text(encoding="utf-8"))
        if figure not in section.text():
            absent.append(f"{figure!r} not in {target}#{anchor}")
    assert absent == []


# --- third-party hosts ---------------------------------------------------------------------------


class _FetchedUrls(HTMLParser):
    """URLs a page makes the browser fetch: scripts, stylesheets, icons, images, frames, media, CSS url()."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "link" and FETCHING_RELS & set(values.get("rel", "").lower().split()):
            self.urls.append(values.get("href", ""))
        if tag in {"script", "img", "iframe", "source", "audio", "video", "track", "embed", "input"}:
            self.urls.append(values.get("src", ""))
        for srcset in (values.get("srcset", ""), values.get("imagesrcset", "")):
            self.urls += [item.split()[0] for item in srcset.split(",") if item.strip()]
        if tag == "object":
            self.urls.append(values.get("data", ""))
        if "style" in values:
            self.urls += css_urls(values["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.urls += css_urls(data)


def css_urls(css: str) -> list[str]:
    return [a or b for a, b in CSS_URL.findall(css)]


def is_third_party(url: str, own_host: str) -> bool:
    parts = urlsplit(url.strip())
    if parts.scheme in {"data", "blob"}:
        return False
    return bool(parts.netloc) and parts.netloc != own_host


def test_no_page_loads_css_js_or_fonts_from_another_host(site: Path, built_url: str) -> None:
    own_host = urlsplit(built_url).netloc
    offending = []
    for path in sorted(site.rglob("*.html")):
        parser = _FetchedUrls()
        parser.feed(path.read_text(encoding="utf-8"))
        offending += [f"{path.relative_to(site)}: {url}" for url in parser.urls if is_third_party(url, own_host)]
    for path in sorted(site.rglob("*.css")):
        urls = css_urls(path.read_text(encoding="utf-8"))
        offending += [f"{path.relative_to(site)}: {url}" for url in urls if is_third_party(url, own_host)]
    assert offending == []


def test_the_third_party_check_catches_fonts_and_cdns() -> None:
    parser = _FetchedUrls()
    parser.feed(
        '<link rel="preconnect" href="https://fonts.gstatic.com"><script src="//cdn.example.com/x.js"></script>'
        '<link rel="canonical" href="https://other.example/"><a href="https://other.example/">ok to link</a>'
        '<style>@import url("https://fonts.googleapis.com/css?family=Roboto");</style><img src="data:image/png;base64,AA">'
    )
    third = [url for url in parser.urls if is_third_party(url, "example.org")]
    assert third == ["https://fonts.gstatic.com", "//cdn.example.com/x.js", "https://fonts.googleapis.com/css?family=Roboto"]


# --- in the browser ------------------------------------------------------------------------------


@pytest.mark.parametrize("edition", ["", "en/"])
def test_clicking_the_permalink_copies_the_section_url_and_confirms(
    site: Path, site_url: str, browser: object, edition: str
) -> None:
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', _html(site, f"{edition}problems/coordination/"))
    assert canonical
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto(f"{site_url}/{edition}problems/coordination/")
        page.locator("#rule-alignment").hover()
        page.locator("#rule-alignment a.headerlink").click()
        toast = page.locator(".md-dialog.md-dialog--active")
        toast.wait_for(state="visible", timeout=5000)
        assert toast.inner_text().strip()
        shown = canonical.group(1) if os.environ.get("SITE_URL") else f"{site_url}/{edition}problems/coordination/"
        assert page.evaluate("navigator.clipboard.readText()") == f"{shown}?release={_release()}#rule-alignment"
        assert page.url.endswith(f"/{edition}problems/coordination/#rule-alignment")
    finally:
        context.close()
