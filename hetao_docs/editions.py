"""The three editions of the site (Simplified, English, Traditional Hong Kong): how the English and
Traditional configurations are derived from mkdocs.yml, the language switcher's and hreflang links,
the sitemap's alternates, and the Traditional conversion of page Markdown.

Plain Python, no MkDocs import: hooks/editions.py is the thin wrapper that builds the editions.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

from hetao_docs.chinese import to_hong_kong


@dataclass(frozen=True)
class Edition:
    code: str  # config.extra.edition
    prefix: str  # where the edition lives below the site root ("" or "en/")
    docs_subdir: str  # its Markdown source, a sibling of mkdocs.yml's docs_dir
    theme_language: str  # Material's UI strings
    hreflang: str  # <html lang>, hreflang, sitemap alternates (BCP 47)
    name: str  # in the language switcher, in the edition's own language


EDITIONS: tuple[Edition, ...] = (
    Edition("zh", "", "zh", "zh", "zh-Hans", "简体中文"),
    Edition("en", "en/", "en", "en", "en", "English"),
    Edition("zh-hant", "zh-hant/", "zh", "zh-Hant", "zh-Hant-HK", "繁體中文（香港）"),
)
PRIMARY = EDITIONS[0]  # mkdocs.yml itself; also the x-default of hreflang
BY_CODE: dict[str, Edition] = {edition.code: edition for edition in EDITIONS}

# English for every display string of mkdocs.yml (site name and description, nav section titles, UI
# labels in theme and markdown_extensions). A nav *page* title without an entry here takes the English
# page's own H1, so English page titles are written once, in docs/en.
EN_STRINGS: dict[str, str] = {
    "河套数据跨境参考": "Hetao Cross-Border Data Reference",
    "深港协同与河套深港科技创新合作区数据跨境流动：问题、建议与政策术语（整理自张立勤 2026-02-25 文章）": (
        "Shenzhen–Hong Kong coordination and cross-border data flows in the Hetao Shenzhen-Hong Kong "
        "Science and Technology Innovation Cooperation Zone: problems, recommendations and policy terms "
        "(compiled from an article by Zhang Liqin, 2026-02-25)"
    ),
    "复制本节链接": "Copy the link to this section",
    "首页": "Home",
    "背景": "Background",
    "三大问题": "Three problems",
    "三组建议": "Three sets of recommendations",
}

# Top-level keys of mkdocs.yml whose strings readers see. Plugins, paths and hooks are never touched.
DISPLAY_KEYS = ("site_name", "site_description", "copyright", "theme", "markdown_extensions", "extra")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


class EditionError(Exception):
    """The editions cannot be built as configured. The message is one line per problem, naming the file."""


def has_han(text: str) -> bool:
    return _HAN.search(text) is not None


def edition(code: object) -> Edition:
    if code not in BY_CODE:
        raise EditionError(f"mkdocs.yml: extra.edition must be one of {', '.join(BY_CODE)}, not {code!r}")
    return BY_CODE[str(code)]


def missing_pages(zh_docs: Path, en_docs: Path, shown_as: Callable[[Path], str] = str) -> list[str]:
    """One line per Markdown page that exists in only one of docs/zh and docs/en (never a silent fallback)."""

    def pages(root: Path) -> set[str]:
        return {p.relative_to(root).as_posix() for p in root.rglob("*.md")} if root.is_dir() else set()

    zh, en = pages(zh_docs), pages(en_docs)
    return [
        *(f"{shown_as(en_docs / p)}: missing; the English edition needs every page of {shown_as(zh_docs)}" for p in sorted(zh - en)),
        *(f"{shown_as(en_docs / p)}: no Simplified original {shown_as(zh_docs / p)}; every edition has the same pages" for p in sorted(en - zh)),
    ]


def _english(text: str, where: str) -> str:
    if text not in EN_STRINGS:
        raise EditionError(f"mkdocs.yml: {where}: no English for {text!r}; add it to EN_STRINGS in hetao_docs/editions.py")
    return EN_STRINGS[text]


def _translate_strings(value: Any, translate: Callable[[str, str], str], where: str) -> Any:
    """A copy of `value` with every string that contains Han characters translated."""
    if isinstance(value, str):
        return translate(value, where) if has_han(value) else value
    if isinstance(value, Mapping):
        return {key: _translate_strings(item, translate, f"{where}.{key}") for key, item in value.items()}
    if isinstance(value, list):
        return [_translate_strings(item, translate, f"{where}[{i}]") for i, item in enumerate(value)]
    return value


def _translate_nav(nav: Any, target: Edition, translate: Callable[[str, str], str], where: str = "nav") -> Any:
    """mkdocs nav (a list of page paths and one-entry {title: path or list} mappings) in `target`."""
    if not isinstance(nav, list):
        return nav
    translated: list[Any] = []
    for i, item in enumerate(nav):
        if not isinstance(item, Mapping):
            translated.append(item)  # a bare page path
            continue
        [(title, value)] = item.items()
        here = f"{where}[{i}].{title}"
        if not has_han(title):
            translated.append({title: _translate_nav(value, target, translate, here)})
        elif target.code == "en" and not isinstance(value, list) and title not in EN_STRINGS:
            translated.append(value)  # the English page's own H1 becomes its title
        else:
            translated.append({translate(title, here): _translate_nav(value, target, translate, here)})
    return translated


def derived_config(raw: Mapping[str, Any], target: Edition, phrases: Mapping[str, str]) -> dict[str, Any]:
    """The display settings of `target`, from mkdocs.yml's raw settings (the Simplified edition).

    Returns overrides for mkdocs' load_config: the display keys and nav in the target language, the
    theme language and extra.edition. Paths, site_url and site_dir are the caller's business.
    """
    if target.code == "en":
        translate: Callable[[str, str], str] = lambda text, where: _english(text, where)
    else:
        translate = lambda text, where: to_hong_kong(text, phrases)
    overrides = {key: _translate_strings(raw[key], translate, key) for key in DISPLAY_KEYS if key in raw}
    if "nav" in raw:
        overrides["nav"] = _translate_nav(raw["nav"], target, translate)
    theme = overrides.get("theme", {})
    overrides["theme"] = {**({"name": theme} if isinstance(theme, str) else theme), "language": target.theme_language}
    overrides["extra"] = {**overrides.get("extra", {}), "edition": target.code}
    return overrides


def site_root(site_url: str, current: Edition) -> str:
    """The URL of the whole site (the primary edition's root), from one edition's site_url."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    if current.prefix and not base.endswith("/" + current.prefix):
        raise EditionError(f"mkdocs.yml: site_url {site_url!r} of the {current.code} edition does not end in /{current.prefix}")
    return base[: len(base) - len(current.prefix)]


def edition_site_url(root: str, target: Edition) -> str:
    return root + target.prefix


def switcher_roots(root: str) -> list[dict[str, str]]:
    """Material's extra.alternate: each edition's root as an absolute path (what the 404 page keeps;
    on pages, localize_html points the links at the same page)."""
    path = urlsplit(root).path or "/"
    return [{"name": target.name, "link": path + target.prefix, "lang": target.hreflang} for target in EDITIONS]


def relative_url(target: str, source: str) -> str:
    """`target` relative to the page at `source` (both relative to the site root, as in page.url)."""
    source_dir = source.rsplit("/", 1)[0] if "/" in source else ""
    relative = posixpath.relpath(target or ".", source_dir or ".")
    return relative + "/" if target.endswith("/") or not target else relative


def hreflang_links(page_url: str, root: str) -> list[dict[str, str]]:
    """Absolute URLs of one page in every edition, plus x-default (the primary edition)."""
    links = [{"hreflang": target.hreflang, "href": edition_site_url(root, target) + page_url} for target in EDITIONS]
    return [*links, {"hreflang": "x-default", "href": edition_site_url(root, PRIMARY) + page_url}]


_HTML_LANG = re.compile(r'<html lang="[^"]*"')
# Material prints extra.alternate into <head> as edition roots (attribute order href, hreflang); ours
# are absolute and per page (hreflang, href), see overrides/partials/hetao-editions-head.html.
_THEME_HEAD_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')
_SWITCHER_LINK = re.compile(r'<a href="[^"]*" hreflang="([^"]*)" class="md-select__link">')


def localize_html(html: str, current: Edition, page_url: str | None) -> str:
    """Set `<html lang>` to the edition's BCP 47 tag (Material prints its UI language, e.g. `zh`),
    drop Material's edition-root hreflang links from <head> and, on a page (not the 404 page), point
    the language switcher at the same page in each edition, relative, so it works on any host."""
    head_end = html.find("</head>")
    head, body = (html[:head_end], html[head_end:]) if head_end >= 0 else (html, "")
    head = _HTML_LANG.sub(f'<html lang="{current.hreflang}"', _THEME_HEAD_ALTERNATE.sub("", head), count=1)
    if page_url is not None:
        by_lang = {target.hreflang: target for target in EDITIONS}

        def same_page(match: re.Match[str]) -> str:
            target = by_lang[match.group(1)]
            href = relative_url(target.prefix + page_url, current.prefix + page_url)
            return f'<a href="{escape(href)}" hreflang="{target.hreflang}" class="md-select__link">'

        body = _SWITCHER_LINK.sub(same_page, body)
    return head + body


_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_with_alternates(sitemap_xml: str, current: Edition, root: str) -> str:
    """The edition's sitemap, each page with xhtml:link alternates to every edition and x-default."""
    own_url = edition_site_url(root, current)
    entries = []
    for url in ET.fromstring(sitemap_xml).iter(f"{{{_SITEMAP_NS}}}url"):
        loc = (url.findtext(f"{{{_SITEMAP_NS}}}loc") or "").strip()
        if not loc.startswith(own_url):
            raise EditionError(f"sitemap.xml: {loc!r} is outside the {current.code} edition's site_url {own_url!r}")
        lines = [f"    <loc>{escape(loc)}</loc>"]
        lastmod = url.findtext(f"{{{_SITEMAP_NS}}}lastmod")
        if lastmod:
            lines.append(f"    <lastmod>{escape(lastmod.strip())}</lastmod>")
        for link in hreflang_links(loc[len(own_url):], root):
            lines.append(f'    <xhtml:link rel="alternate" hreflang={quoteattr(link["hreflang"])} href={quoteattr(link["href"])}/>')
        entries.append("  <url>\n" + "\n".join(lines) + "\n  </url>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="{_SITEMAP_NS}" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' + "\n".join(entries) + "\n</urlset>\n"
    )


# What the Traditional converter keeps as is: Simplified text marked as such (an example of a
# Simplified form: <span lang="zh-Hans">白名单</span>), fenced and inline code, link and image
# destinations, reference definitions, autolinks, attribute lists ({ #id .class }), raw HTML tags.
_NOT_TEXT = re.compile(
    r"<(?P<tag>[A-Za-z][A-Za-z0-9]*)\b[^>\n]*\blang=\"zh-Hans\"[^>\n]*>.*?</(?P=tag)>"
    r"|(?ms:^[ \t]*(`{3,}|~{3,}).*?^[ \t]*\2[ \t]*$)"
    r"|(`+)[^`].*?\3"
    r"|\]\([^)\s]*"
    r"|(?m:^[ \t]*\[[^\]\n]+\]:[ \t]*\S+)"
    r"|<(?:https?://|mailto:)[^>\s]+>"
    r"|\{:?[ \t]*[#.][^}\n]*\}"
    r"|</?[A-Za-z][^>\n]*>"
)
_KEPT = "\ue002{}\ue003"  # private-use code points, untouched by OpenCC (chinese.py uses \ue000/\ue001)
_KEPT_BACK = re.compile("\ue002(\\d+)\ue003")


def to_hong_kong_markdown(markdown: str, phrases: Mapping[str, str]) -> str:
    """Convert a page's Simplified Markdown to Traditional (Hong Kong), text only: code, URLs, ids,
    HTML tags and text marked lang="zh-Hans" are kept byte for byte."""
    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return _KEPT.format(len(kept) - 1)

    converted = to_hong_kong(_NOT_TEXT.sub(keep, markdown), phrases)
    return _KEPT_BACK.sub(lambda m: kept[int(m.group(1))], converted)
