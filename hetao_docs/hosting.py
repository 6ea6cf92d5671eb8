"""What every page says about itself when it is shared, cited or printed.

Attribution to the source article, citation formats (GB/T 7714 for Chinese, a Chicago-style note
for English), page descriptions for meta / Open Graph tags, and robots.txt. Plain data and pure
functions; hooks/hosting.py wires them into MkDocs and the theme templates read the texts from
`config.extra.hosting`.

Citation formats are templates with `{placeholders}`, formatted here for the source page's
examples and by hosting.js for the "cite this section" buttons, so both always agree.
"""

from __future__ import annotations

import datetime
import html
import posixpath
import re
from typing import Final

from hetao_docs.chinese import to_hong_kong

ARTICLE_AUTHOR: Final = "张立勤"
ARTICLE_AUTHOR_LATIN: Final = "Zhang Liqin"
ARTICLE_TITLE: Final = "深港协同破解河套难题，或激活万亿级数字经济生态"
ARTICLE_DATE: Final = datetime.date(2026, 2, 25)
# The English edition's rendering of the title (docs/en/source.md), cited with the Chinese one.
ARTICLE_TITLE_EN: Final = (
    "Shenzhen–Hong Kong Coordination to Solve the Hetao Puzzle Could Activate a Trillion-Yuan Digital Economy Ecosystem"
)

EDITIONS: Final = ("zh", "en", "zh-hant")
# Open Graph wants language_TERRITORY; Hong Kong is the territory of the Traditional edition.
OG_LOCALES: Final = {"zh": "zh_CN", "en": "en_US", "zh-hant": "zh_HK"}
# Where each edition lives below site_url (ARCHITECTURE.md, "Editions and URLs").
EDITION_PREFIXES: Final = {"zh": "", "en": "en/", "zh-hant": "zh-hant/"}

OFFLINE_ZIP_PATH: Final = "downloads/hetao-offline.zip"

# Texts of the Simplified edition; the Traditional edition converts them with to_hong_kong.
_ZH_TEXTS: Final[dict[str, str]] = {
    "attribution": (
        f"本页整理自{ARTICLE_AUTHOR}《{ARTICLE_TITLE}》（{ARTICLE_DATE.isoformat()}），"
        "文中观点属于作者本人。"
    ),
    "attribution_link": "来源与引用",
    "cite_button": "引用",
    "cite_label": "复制本节的引用：",
    "cite_copied": "已复制本节引用：",
    "cite_failed": "无法自动复制，请手动复制以下引用：",
    # GB/T 7714 electronic resource, as docs/zh/source.md#cite-gbt7714 shows it, plus the section number.
    "citation": "{author}. {title}[EB/OL]. ({date})[{accessed}]. {site}，{page}·{number} {section}. {url}.",
    "examples_heading": "一键引用：",
    "examples_intro": (
        "每个章节标题旁都有“引用”按钮，点击即复制该节的完整引用（GB/T 7714 格式，含本站章节编号、"
        "永久网址和当天的引用日期）。例如本节："
    ),
    "offline_heading": "离线副本：",
    "offline_text": "整站（三个版本）的离线副本可以下载后直接在浏览器中打开，无需联网，搜索可用，章节链接不变：",
    "offline_link": "下载离线副本（zip）",
    "offline_missing": "离线副本由 python scripts/docs.py offline 生成，随正式发布的站点一起提供下载。",
    "not_found_title": "页面未找到",
    "not_found_lead": "您访问的地址不存在，或页面已经移动。可以搜索本站，或从下面的章节列表进入。",
    "search_label": "搜索本站",
    "search_button": "搜索",
    "sections_heading": "全站章节",
}

_EN_TEXTS: Final[dict[str, str]] = {
    "attribution": (
        f"This page summarizes the article 《{ARTICLE_TITLE}》 by {ARTICLE_AUTHOR} "
        f"({ARTICLE_AUTHOR_LATIN}), published on {ARTICLE_DATE.isoformat()}; "
        "the views are the author's own."
    ),
    "attribution_link": "Source and citation",
    "cite_button": "Cite",
    "cite_label": "Copy a citation of this section: ",
    "cite_copied": "Citation copied: ",
    "cite_failed": "Could not copy automatically; copy this citation by hand: ",
    # Chicago author-date, as docs/en/source.md#how-to-cite shows it, plus the section number.
    "citation": (
        f'{{author}}. {ARTICLE_DATE.year}. "{{title}}" [{{title_zh}}]. {{date}}. '
        'Summarized in {site}, "{page} › {number} {section}." '
        "Accessed {accessed}. {url}."
    ),
    "examples_heading": "One-click citation:",
    "examples_intro": (
        "Every section heading has a “Cite” button: one click copies the section's full citation in the "
        "style above, with this site's section number, the permanent address and today's access date. "
        "For this section:"
    ),
    "offline_heading": "Offline copy:",
    "offline_text": (
        "An offline copy of the whole site (all three editions) opens straight from disk in a "
        "browser, with search and the same section links:"
    ),
    "offline_link": "Download the offline copy (zip)",
    "offline_missing": (
        "The offline copy is made by python scripts/docs.py offline and is offered for download "
        "with the published site."
    ),
    "not_found_title": "Page not found",
    "not_found_lead": (
        "The address you asked for does not exist, or the page has moved. "
        "Search the site, or pick a section below."
    ),
    "search_label": "Search this site",
    "search_button": "Search",
    "sections_heading": "All sections",
}


def edition_texts(edition: str) -> dict[str, str]:
    """All fixed texts of one edition ("zh", "en" or "zh-hant")."""
    if edition == "zh":
        return dict(_ZH_TEXTS)
    if edition == "en":
        return dict(_EN_TEXTS)
    if edition == "zh-hant":
        return {key: to_hong_kong(text) for key, text in _ZH_TEXTS.items()}
    raise ValueError(f"config.extra.edition: unknown edition {edition!r}; expected one of {', '.join(EDITIONS)}")


def format_date(day: datetime.date, edition: str) -> str:
    """A date as the edition's citation style writes it (ISO for Chinese, 'February 25, 2026' for English)."""
    return f"{day:%B} {day.day}, {day.year}" if edition == "en" else day.isoformat()


def citation_fields(edition: str) -> dict[str, str]:
    """The article's part of a citation, in the edition's language and style."""
    if edition == "en":
        return {
            "author": "Zhang, Liqin",
            "title": ARTICLE_TITLE_EN,
            "title_zh": ARTICLE_TITLE,
            "date": format_date(ARTICLE_DATE, edition),
        }
    convert = to_hong_kong if edition == "zh-hant" else str
    return {"author": convert(ARTICLE_AUTHOR), "title": convert(ARTICLE_TITLE), "date": ARTICLE_DATE.isoformat()}


def format_citation(
    edition: str, *, site: str, page: str, number: str, section: str, url: str, accessed: datetime.date
) -> str:
    """A ready citation of one section of this site, in the edition's style."""
    return edition_texts(edition)["citation"].format(
        **citation_fields(edition),
        site=site,
        page=page,
        number=number,
        section=section,
        url=url,
        accessed=format_date(accessed, edition),
    )


_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")
_TAG = re.compile(r"<[^>]+>")
_FIRST_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.DOTALL)
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)


def html_to_text(fragment: str) -> str:
    """Visible text of an HTML fragment, whitespace collapsed."""
    return " ".join(html.unescape(_TAG.sub("", _HEADERLINK.sub("", fragment))).split())


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


def section_number_and_title(content_html: str, section_id: str) -> tuple[str, str]:
    """The position (1-based, among h2s) and text of the h2 with this id."""
    for number, match in enumerate(_H2.finditer(content_html), start=1):
        if match.group(1) == section_id:
            return str(number), html_to_text(match.group(2))
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
    edition: str, *, site: str, page: str, number: str, section: str, url: str, accessed: datetime.date,
    offline_zip_href: str | None,
) -> str:
    """HTML added to the source page's "how to cite" section: the button's citation of it, the offline copy."""
    texts = edition_texts(edition)
    example = format_citation(
        edition, site=site, page=page, number=number, section=section, url=url, accessed=accessed
    )
    if offline_zip_href:
        offline = (
            f'{html.escape(texts["offline_text"])} '
            f'<a href="{html.escape(offline_zip_href)}" download>{html.escape(texts["offline_link"])}</a>'
        )
    else:
        offline = html.escape(texts["offline_missing"])
    return (
        '<div class="hetao-cite-examples">'
        f'<p><strong>{html.escape(texts["examples_heading"])}</strong> {html.escape(texts["examples_intro"])}</p>'
        f'<pre class="hetao-citation"><code>{html.escape(example)}</code></pre>'
        f'<p><strong>{html.escape(texts["offline_heading"])}</strong> {offline}</p>'
        "</div>"
    )
