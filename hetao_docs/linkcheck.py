"""Link check over a built site: every internal href/src resolves to a file, every #fragment to an id.

Works on the output folder only (all editions at once), with the standard library's html.parser, so
it checks what readers get, including links written by the plugin and templates after Markdown.
A build that checks the link contract (`docs.py build`) parses its pages as it finishes them
(site_finish.py), each page's index kept by its content (kept.py): the stored releases' pages and
most current ones come out of a build byte for byte as before, and parsing the whole site took ~2 s
of every build.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Final
from urllib.parse import unquote, urlsplit

from hetao_docs.kept import Kept

# Attributes that make the browser (or a reader's click) load another URL.
LINK_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src",),
    "source": ("src",),
    "iframe": ("src",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "form": ("action",),
}
_REFRESH_URL = re.compile(r"^\s*\d+\s*;\s*url\s*=\s*(?P<url>.+?)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    tag: str
    attribute: str
    value: str
    line: int


@dataclass
class PageIndex:
    """What one HTML file offers (ids) and points to (links)."""

    ids: set[str] = field(default_factory=set)
    article_ids: list[str] = field(default_factory=list)  # ids inside the page content (<article>)
    links: list[Link] = field(default_factory=list)
    redirect: str | None = None  # the URL a redirect page forwards to, as written


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageIndex()
        self._in_article = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        element_id = values.get("id")
        if element_id:
            self.page.ids.add(element_id)
            if self._in_article:
                self.page.article_ids.append(element_id)
        if tag == "a" and values.get("name"):
            self.page.ids.add(values["name"])
        if tag == "article":
            self._in_article += 1
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            match = _REFRESH_URL.match(values.get("content", ""))
            if match:
                self.page.redirect = match.group("url").strip("'\"")
        for attribute in LINK_ATTRIBUTES.get(tag, ()):
            if attribute in values:
                self.page.links.append(Link(tag, attribute, values[attribute], self.getpos()[0]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self._in_article:
            self._in_article -= 1


def parse_page(text: str) -> PageIndex:
    parser = _PageParser()
    parser.feed(text)
    parser.close()
    return parser.page


def page_path_of(relative_file: str) -> str:
    """URL path of an HTML file relative to the site root: `a/b/index.html` → `a/b/`, root → ''."""
    if relative_file == "index.html":
        return ""
    if relative_file.endswith("/index.html"):
        return relative_file[: -len("index.html")]
    return relative_file


# A page's index, kept by its text between builds (kept.py; site_finish.py keeps them).
KEPT_PAGES: Final = Kept[PageIndex]("link-index.pickle", lambda: Path(__file__).read_bytes())


class SiteIndex:
    """All HTML files of a built site, parsed once."""

    def __init__(self, site_dir: Path, site_url: str = "", *, pages: dict[str, PageIndex] | None = None) -> None:
        """`pages`: the site's pages already parsed (by the build's last pass, site_finish.py), by path."""
        self.site_dir = site_dir
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self._url_root = urlsplit(self.site_url).path if site_url else "/"
        if pages is None:
            pages = {
                path.relative_to(site_dir).as_posix(): parse_page(path.read_text(encoding="utf-8", errors="replace"))
                for path in site_dir.rglob("*.html")
            }
        self.files: dict[str, PageIndex] = dict(sorted(pages.items(), key=lambda item: item[0].split("/")))  # as a folder lists them

    # -- pages ------------------------------------------------------------------------------------

    def pages(self) -> Iterator[str]:
        """Page paths (`problems/x/`, '' for the root) of every directory-URL page."""
        for relative in self.files:
            if relative == "index.html" or relative.endswith("/index.html"):
                yield page_path_of(relative)

    def article_ids(self, page_path: str) -> list[str]:
        return self.files[self._file_of(page_path)].article_ids

    def _file_of(self, page_path: str) -> str:
        return page_path + "index.html" if page_path == "" or page_path.endswith("/") else page_path

    def redirect_target(self, page_path: str) -> str | None:
        """The page path a redirect page forwards to, or None if the page is not a redirect."""
        page = self.files.get(self._file_of(page_path))
        if page is None or page.redirect is None:
            return None
        target = self.resolve(self._file_of(page_path), page.redirect)
        return None if target is None else page_path_of(target[0])

    def resolve_problem(self, page_path: str, anchor: str) -> str | None:
        """Why `page_path#anchor` is not served (following redirects), or None if it is."""
        seen: list[str] = []
        while (target := self.redirect_target(page_path)) is not None and page_path not in seen:
            seen.append(page_path)
            page_path = target
        page = self.files.get(self._file_of(page_path))
        if page is None:
            return f"page '{page_path or './'}' does not exist"
        if anchor and anchor not in page.ids:
            return f"page '{page_path or './'}' has no id '{anchor}'"
        return None

    # -- links ------------------------------------------------------------------------------------

    def resolve(self, from_file: str, url: str) -> tuple[str, str] | None:
        """(target file relative to the site root, fragment) for an internal URL; None if external.

        Raises nothing: a target outside the site or a missing file is returned as-is for the
        caller to report.
        """
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            if not (self.site_url and url.startswith(self.site_url)):
                return None
            parts = urlsplit("/" + url[len(self.site_url) :])
        elif url.startswith("/") and self._url_root != "/" and url.startswith(self._url_root):
            parts = urlsplit("/" + url[len(self._url_root) :])
        if parts.path.startswith("/"):
            joined = parts.path.lstrip("/")
        elif parts.path:
            joined = posixpath.join(posixpath.dirname(from_file), parts.path)
        else:
            joined = from_file
        target = posixpath.normpath(unquote(joined)) if joined else "."
        if target == ".":
            target = ""
        if joined.endswith("/") and target:
            target += "/"
        if target == "" or target.endswith("/"):
            target += "index.html"
        elif (self.site_dir / target).is_dir():
            target += "/index.html"
        return target, unquote(parts.fragment)

    def internal_links(self) -> Iterator[tuple[str, Link, tuple[str, str]]]:
        """(file, link, (target file, fragment)) for every link that stays inside the site."""
        for from_file, page in self.files.items():
            for link in page.links:
                if link.value.startswith(("mailto:", "tel:", "javascript:", "data:")):
                    continue
                resolved = self.resolve(from_file, link.value)
                if resolved is not None:
                    yield from_file, link, resolved

    def target_problem(self, target: str, fragment: str) -> str | None:
        """Why a resolved (file, fragment) is broken, or None."""
        if target == ".." or target.startswith("../"):
            return "points outside the site"
        if not (self.site_dir / target).is_file():
            return f"→ {target} does not exist"
        if fragment and target in self.files and fragment not in self.files[target].ids:
            return f"→ {target} has no id '{fragment}'"
        return None


@dataclass(frozen=True)
class LinkReport:
    html_files: int
    links_checked: int
    broken: list[str]

    @property
    def ok(self) -> bool:
        return self.html_files > 0 and not self.broken

    def summary(self) -> str:
        if not self.html_files:
            return "linkcheck: no HTML files: is this a built site?"
        return (
            f"linkcheck: {self.html_files} HTML files, {self.links_checked} internal links and fragments checked, "
            f"{len(self.broken)} broken"
        )


def check_site(site_dir: Path, site_url: str = "") -> LinkReport:
    """Check every internal href/src of every HTML file in a built site."""
    index = SiteIndex(site_dir, site_url)
    checked = 0
    broken = []
    for from_file, link, (target, fragment) in index.internal_links():
        checked += 1
        problem = index.target_problem(target, fragment)
        if problem:
            broken.append(f'{from_file}:{link.line}: <{link.tag} {link.attribute}="{link.value}"> {problem}')
    return LinkReport(len(index.files), checked, broken)
