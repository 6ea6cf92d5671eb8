"""What every page says about itself when it is shared, cited or printed.

Attribution to the source article, citation formats (GB/T 7714 for Chinese, Harvard for English;
the buttons add BibTeX, RIS and CSL-JSON), page descriptions for meta / Open Graph tags, and robots.txt. The texts are the
edition's string catalog (`hosting.*`); the plugin hands them to the templates as
`config.extra.hosting`.

Citation formats are templates with `{placeholders}`, formatted here for the source page's
examples and by hosting.js for the "cite this section" buttons, from the cite data
(`cite_data.py`); the JavaScript unit tier (tests/js/) holds the two to the same text.
"""

from __future__ import annotations

import datetime
import html
import json
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from markupsafe import Markup

from hetao_docs.chinese import Conversion
from hetao_docs.editions import Edition
from hetao_docs.fragments import Fragments
from hetao_docs.markup import HEADERLINK
from hetao_docs.strings import Catalog, CatalogError

ARTICLE_AUTHOR: Final = "张立勤"
ARTICLE_AUTHOR_LATIN: Final = "Zhang Liqin"
ARTICLE_TITLE: Final = "深港协同破解河套难题，或激活万亿级数字经济生态"
ARTICLE_DATE: Final = datetime.date(2026, 2, 25)
# The English edition's rendering of the title (docs/en/source.md), cited with the Chinese one.
ARTICLE_TITLE_EN: Final = (
    "Shenzhen–Hong Kong Coordination to Solve the Hetao Puzzle Could Activate a Trillion-Yuan Digital Economy Ecosystem"
)

OFFLINE_ZIP_PATH: Final = "downloads/hetao-offline.zip"
SOURCE_PAGE: Final = "source.md"
HOW_TO_CITE_ID: Final = "how-to-cite"


def article_fields(edition: Edition) -> dict[str, str]:
    """The article's part of a citation or attribution, in the edition's language and style
    (the catalog's hosting strings use these {placeholders})."""
    fields = {
        "author_zh": ARTICLE_AUTHOR,
        "author_latin": ARTICLE_AUTHOR_LATIN,
        "title_zh": ARTICLE_TITLE,
        "date_iso": ARTICLE_DATE.isoformat(),
        "year": str(ARTICLE_DATE.year),
    }
    if edition.is_english:
        return {**fields, "author": "Zhang, Liqin", "title": ARTICLE_TITLE_EN, "date": format_date(ARTICLE_DATE, edition)}
    convert = Conversion(edition.conversion).characters if edition.conversion else str
    return {**fields, "author": convert(ARTICLE_AUTHOR), "title": convert(ARTICLE_TITLE), "date": ARTICLE_DATE.isoformat()}


def edition_texts(catalog: Catalog, edition: Edition) -> dict[str, str]:
    """The edition's hosting strings, the attribution filled in with the article's fields."""
    texts: dict[str, str] = catalog.group("hosting")
    try:
        texts["attribution"] = texts["attribution"].format(**article_fields(edition))
    except (KeyError, IndexError) as error:
        raise CatalogError(f"{catalog.source}: 'hosting.attribution': unknown placeholder {error}") from None
    return texts


def format_date(day: datetime.date, edition: Edition) -> str:
    """A date as the edition's citation style writes it (ISO for Chinese, 'February 25, 2026' for English)."""
    return f"{day:%B} {day.day}, {day.year}" if edition.is_english else day.isoformat()


@dataclass(frozen=True)
class Cited:
    """What a citation cites: this site's page or section, in one release."""

    site: str
    page: str
    section: str | None  # None: the whole page
    url: str  # the published address (with ?release=…#id)
    release: str
    release_date: datetime.date
    own_text: bool  # the site's own text (glossary, index, change log), not a summary of the article
    archive: str = ""  # the archived copy of the release it is cited in (its address, #id kept), "" when none


def citation_fields(texts: Mapping[str, str], edition: Edition, cited: Cited, accessed: datetime.date) -> dict[str, str]:
    """The {placeholders} of the edition's citation template, for one citation."""
    fields = {**article_fields(edition), "site": cited.site, "page": cited.page, "section": cited.section or "",
              "url": cited.url, "release": cited.release, "release_date": format_date(cited.release_date, edition),
              "release_year": str(cited.release_date.year), "accessed": format_date(accessed, edition)}
    fields["what"] = texts["citation_part"].format(**fields) if cited.section else cited.page
    fields["based_on"] = "" if cited.own_text else texts["citation_based_on"].format(**fields)
    fields["archive"] = cited.archive
    fields["archived"] = texts["citation_archived"].format(**fields) if cited.archive else ""
    return fields


def format_citation(texts: Mapping[str, str], edition: Edition, cited: Cited, accessed: datetime.date) -> str:
    """A ready citation (text) of a page or section of this site, in the edition's style; the cite
    buttons (hosting.js) fill the same templates."""
    return texts["citation"].format(**citation_fields(texts, edition, cited, accessed))


def citation_meta(
    *, site: str, title: str, url: str, lang: str, release: str, date: str, site_root: str
) -> dict[str, Any]:
    """What reference managers read, saying what the cite buttons say: the text is this site's
    (author and publisher), in a release, based on the article (`isBasedOn`, with its author).
    Highwire `citation_*` tags (Zotero, Google Scholar) and schema.org JSON-LD.

    The site is an organisation: its name is written inverted with no given name ("Name,"), so
    that Zotero keeps it whole as a last name instead of splitting "… Data Reference" at its last
    space (its Embedded Metadata translator reads a comma as "Last, First")."""
    tags = [("citation_title", title), ("citation_author", f"{site},"), ("citation_publisher", site), ("citation_language", lang)]
    if url:  # only a published address: never the address of a development server
        tags.append(("citation_public_url", url))
    if date:
        tags.append(("citation_date", date.replace("-", "/")))
    article = {
        "@type": "OpinionNewsArticle",
        "headline": ARTICLE_TITLE,
        "inLanguage": "zh-Hans",
        "author": {"@type": "Person", "name": ARTICLE_AUTHOR},
        "datePublished": ARTICLE_DATE.isoformat(),
    }
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": title,
        "inLanguage": lang,
        "author": {"@type": "Organization", "name": site, "url": site_root},
        "isPartOf": {"@type": "WebSite", "name": site, "url": site_root},
        "isBasedOn": article,
    }
    if url:
        data["url"] = url
    if release:
        data["version"] = release
    if date:
        data["dateModified"] = date
    # JSON inside <script>: "</" must not end the element
    return {"tags": tags, "json_ld": json.dumps(data, ensure_ascii=False).replace("</", "<\\/")}


_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")
_TAG = re.compile(r"<[^>]+>")
_FIRST_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.DOTALL)


def html_to_text(fragment: str) -> str:
    """Visible text of an HTML fragment, whitespace collapsed."""
    return " ".join(html.unescape(_TAG.sub("", HEADERLINK.sub("", fragment))).split())


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    # Latin text is cut at a word boundary; CJK text has none and may be cut anywhere.
    if text[limit - 1] != " " and " " in cut and not _CJK.match(cut[-1]):
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:，；：、") + "…"


def page_description(content_html: str, limit: int = 150) -> str | None:
    """The page's first non-empty paragraph as plain text (for meta description), or None."""
    for match in _FIRST_PARAGRAPH.finditer(content_html):
        text = html_to_text(match.group(1))
        if text:
            return _shorten(text, limit)
    return None


def robots_txt(site_url: str, sitemap_paths: list[str]) -> str:
    """robots.txt allowing everything and naming each sitemap by its absolute URL."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    lines = ["User-agent: *", "Allow: /", ""]
    lines += [f"Sitemap: {base}{path}" for path in sitemap_paths]
    return "\n".join(lines) + "\n"


def site_relative_href(from_url: str, to_path: str) -> str:
    """Relative link between two site-root-relative URLs ("en/source/" → "../../downloads/x.zip")."""
    from_dir = from_url if from_url.endswith("/") else posixpath.dirname(from_url)
    return posixpath.relpath(to_path, from_dir or ".")


def permanent_url(site_url: str, src_uri: str) -> str:
    """The page's published address (directory URLs), also when built for file:// with page.html URLs."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
    else:
        stem += "/"
    return base + stem


_H2 = re.compile(r'<h2\b[^>]*\bid="([^"]+)"[^>]*>(.*?)</h2>', re.DOTALL)


def section_title(content_html: str, section_id: str) -> str:
    """The text of the h2 with this id."""
    for match in _H2.finditer(content_html):
        if match.group(1) == section_id:
            return html_to_text(match.group(2))
    raise ValueError(f"no <h2 id={section_id!r}> in the page")


def insert_after_section(content_html: str, section_id: str, block: str) -> str:
    """Insert `block` at the end of the h2 section `section_id` (before the next h2, or at the end)."""
    heading = re.search(rf'<h2\b[^>]*\bid="{re.escape(section_id)}"', content_html)
    if heading is None:
        raise ValueError(f"no <h2 id={section_id!r}> in the page")
    following = re.compile(r"<h2\b").search(content_html, heading.end())
    position = following.start() if following else len(content_html)
    return content_html[:position] + block + content_html[position:]


def how_to_cite_block(
    fragments: Fragments, texts: Mapping[str, str], edition: Edition, cited: Cited, *, accessed: datetime.date,
    offline_zip_href: str | None, release_line: str = "",
) -> str:
    """HTML added to the source page's "how to cite" section (template fragments/cite-examples.html):
    the button's citation of it, the release it names (`release_line`, HTML), and the offline copy
    where one is published."""
    example = html.escape(format_citation(texts, edition, cited, accessed))
    # the article's title as published, in Simplified, in every edition
    title = html.escape(ARTICLE_TITLE)
    example = example.replace(title, f'<span lang="zh-Hans">{title}</span>')
    return fragments.render(
        "cite-examples", texts=texts, example=Markup(example), release_line=Markup(release_line), offline_zip_href=offline_zip_href,
    )
