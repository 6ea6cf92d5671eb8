"""Two editions of a page side by side, aligned section by section (issue 23).

Made after every edition is built, from the built HTML: the editions share every section id, so
the page's sections pair up exactly. The combined page is the reader's edition's own page (its
header, navigation, search and interface language) with the article replaced by one row per
section: each edition's heading, then its provenance lines, then its text, in two columns (the
rows keep the headings and the provenance lines level), stacked per section on a phone and when
printed in portrait.

Each side keeps its `lang`, its ¶ and Cite (its own citation data: hosting.js) and its term
definitions (its edition's term-tips.js: terms.js). Section ids belong to the rows (an anchor at each row's top), so
`…/side-by-side/zh-en/problems/coordination/#rule-alignment` lands on the pair; the other ids of
the second side get its code as a prefix. Relative URLs are rebased to the combined page's place,
so it works on any host and from file://. The pages are `noindex`, in no search index and in no
sitemap (they are not MkDocs pages).

Where they live: `<host prefix>side-by-side/<first>-<second>/<page>`; the host is the edition the
reader came from when it is one of the pair (its interface), else the pair's first.

A build gives `build` a folder where each combined page is kept by its inputs (kept.py): a pair of
pages that come out of a build as before is not combined again (~0.9 s for the whole site).
"""

from __future__ import annotations

import dataclasses
import functools
import html
import json
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from hetao_docs.editions import Editions
from hetao_docs.kept import Inputs, Kept
from hetao_docs.language_parts import quoted_chinese
from hetao_docs.strings import load_catalogs

FOLDER: Final = "side-by-side"

_ARTICLE = re.compile(r'(<article class="md-content__inner md-typeset">)(.*?)(</article>)', re.S)
_PRINT_HEADER = re.compile(r'<div class="hetao-print-header".*?</div>', re.S)
_H1 = re.compile(r'<h1\b[^>]*\bid="([^"]+)"[^>]*>.*?</h1>', re.S)
_H2 = re.compile(r'<h2\b[^>]*\bid="([^"]+)"[^>]*>.*?</h2>', re.S)
_META = re.compile(r'\s*<p class="hetao-(?:provenance|changed)"[^>]*>.*?</p>', re.S)
_TAIL = re.compile(r'<p class="hetao-release"', re.S)
_ID = re.compile(r'(<(h[1-6])\b[^>]*?)\sid="([^"]+)"')
_ANY_ID = re.compile(r'(\s)id="([^"]+)"')
_FRAGMENT_HREF = re.compile(r'(\shref=")#([^"]+)(")')
_URL_ATTR = re.compile(r'(\s(?:href|src|data-search-js|data-search-css|data-term-finder|data-term-tips)=")([^"]*)(")')
_CITE_DATA = re.compile(r'<script id="hetao-cite-data" type="application/json">(.*?)</script>', re.S)
_CONFIG_BASE = re.compile(r'("base": ")([^"]*)(")')
_CONFIG_SEARCH = re.compile(r'("search": ")([^"]*)(")')
_SCOPE = re.compile(r'(__md_scope=new URL\(")([^"]*)(")')
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_HEAD_END = "</head>"
_NOT_RELATIVE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|/|#|$)", re.I)


class SideBySideError(Exception):
    """A built page cannot be paired (no article, or no section ids)."""


@dataclass(frozen=True)
class Side:
    """One edition's built page: its code, `lang`, label, the page's folder below the site root
    (where its relative URLs start), its HTML and its term-tips script (site-relative)."""

    code: str
    lang: str
    label: str
    folder: str
    html: str
    term_tips: str
    term_entry: str  # its catalog's "See the glossary entry"
    term_chinese: str = ""  # the lang of the Chinese in its term definitions (language_parts.py)


@dataclass(frozen=True)
class Section:
    id: str
    heading: str
    meta: str
    body: str


# Remembered: the same few thousand (link, folder, folder) come back for every pair of editions and,
# under serve, every rebuild; posixpath's relpath was most of the side-by-side pages' CPU time.
@functools.lru_cache(maxsize=1 << 16)
def rebase(url: str, old_folder: str, new_folder: str) -> str:
    """A relative URL written in `old_folder` (site-relative, "" for the root, else ending in "/"),
    rewritten to mean the same from `new_folder`. Absolute URLs and #fragments are unchanged."""
    if _NOT_RELATIVE.match(url):
        return url
    cut = min((at for at in (url.find("?"), url.find("#")) if at >= 0), default=len(url))
    path, rest = url[:cut], url[cut:]
    target = posixpath.normpath(posixpath.join(old_folder, path) or ".")
    moved = posixpath.relpath(target, new_folder.rstrip("/") or ".")
    if path.endswith("/") or path in ("", "."):
        moved = "./" if moved == "." else moved + "/"
    return moved + rest


def _rebase_html(text: str, old_folder: str, new_folder: str) -> str:
    return _URL_ATTR.sub(lambda m: m[1] + html.escape(rebase(html.unescape(m[2]), old_folder, new_folder)) + m[3], text)


def sections(page_html: str) -> tuple[str, list[Section], str]:
    """A built page's article: its print header, its sections (the title and what precedes the
    first h2 first, under the h1's id), and what follows them (release line, attribution)."""
    found = _ARTICLE.search(page_html)
    if not found:
        raise SideBySideError("no article")
    article = found[2]
    print_header = _PRINT_HEADER.search(article)
    header = print_header[0] if print_header else ""
    if print_header:
        article = article[: print_header.start()] + article[print_header.end():]
    tail_at = _TAIL.search(article)
    tail = article[tail_at.start():] if tail_at else ""
    article = article[: tail_at.start()] if tail_at else article
    title = _H1.search(article)
    if not title:
        raise SideBySideError("no h1 with an id")
    heads = list(_H2.finditer(article))
    found_sections = [_section(title[1], title[0], article[title.end(): heads[0].start() if heads else len(article)])]
    for index, head in enumerate(heads):
        end = heads[index + 1].start() if index + 1 < len(heads) else len(article)
        found_sections.append(_section(head[1], head[0], article[head.end(): end]))
    return header, found_sections, tail


def _section(section_id: str, heading: str, rest: str) -> Section:
    meta = []
    while (line := _META.match(rest)) is not None:
        meta.append(line[0].strip())
        rest = rest[line.end():]
    return Section(section_id, heading, "\n".join(meta), rest.strip())


def _mark_headings(text: str, section_ids: set[str], prefix: str) -> str:
    """Headings lose their ids to the rows (sections) or, on the second side, take a prefixed one;
    they keep the section's id in data-section for their ¶ and Cite (hosting.js)."""

    def heading(match: re.Match[str]) -> str:
        start, heading_id = match[1], match[3]
        if heading_id in section_ids:
            return f'{start} data-section="{heading_id}"'
        if prefix:
            return f'{start} id="{prefix}{heading_id}" data-section="{heading_id}"'
        return match[0]

    return _ID.sub(heading, text)


def _prefix_other_ids(text: str, section_ids: set[str], prefix: str) -> str:
    """On the second side: every id not a section's (already prefixed headings aside) gets the
    prefix, and the side's links to them follow."""
    own: set[str] = set()

    def one(match: re.Match[str]) -> str:
        value = match[2]
        if value.startswith(prefix) or value in section_ids:
            return match[0]
        own.add(value)
        return f'{match[1]}id="{prefix}{value}"'

    text = _ANY_ID.sub(one, text)
    return _FRAGMENT_HREF.sub(lambda m: f"{m[1]}#{prefix}{m[2]}{m[3]}" if m[2] in own else m[0], text)


def _cite_data(page_html: str, old_folder: str, new_folder: str) -> str:
    """The side's citation data (hosting.js), its relative links rebased, and where its own page is
    (a citation names that page, not the combined one)."""
    found = _CITE_DATA.search(page_html)
    if not found:
        return ""
    data = json.loads(found[1])
    for key in ("root", "changes"):
        if isinstance(data.get(key), str):
            data[key] = rebase(data[key], old_folder, new_folder)
    data["page_href"] = rebase("./", old_folder, new_folder)
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def _cell(side: Side, part: str, content: str, index: int, tips: str) -> str:
    """One side's heading, provenance lines or text in a row; its term definitions come from its
    own edition's term-tips.js (terms.js reads data-term-tips)."""
    return (f'<div class="hetao-sbs__cell hetao-sbs__cell--{part}" data-side="{index}" data-edition="{side.code}" '
            f'lang="{side.lang}" data-term-tips="{html.escape(tips)}" data-term-entry="{html.escape(side.term_entry)}" '
            f'data-term-chinese="{side.term_chinese}">{content}</div>')


def combine(host: Side, first: Side, second: Side, new_folder: str, texts: Mapping[str, str], switch: str) -> str:
    """The combined page: `host`'s page with its article replaced by `first` and `second` side by
    side. `new_folder` is the combined page's folder below the site root; `texts` the host
    edition's `side_by_side` strings; `switch` the pair switcher's HTML (already rebased)."""
    header = sections(host.html)[0]
    _, first_sections, first_tail = sections(first.html)
    _, second_sections, second_tail = sections(second.html)
    ids = [section.id for section in first_sections]
    ids += [section.id for section in second_sections if section.id not in ids]
    section_ids = set(ids)
    prefix = f"{second.code}--"
    by_id = [{section.id: section for section in first_sections}, {section.id: section for section in second_sections}]
    sides = (first, second)
    tips = [posixpath.relpath(side.term_tips, new_folder.rstrip("/") or ".") for side in sides]
    rows = []
    for section_id in ids:
        cells: list[str] = []
        for index, side in enumerate(sides):
            section = by_id[index].get(section_id)
            if section is None:
                cells.extend(_cell(side, part, "", index, tips[index]) for part in ("heading", "meta", "body"))
                continue
            for part, content in (("heading", section.heading), ("meta", section.meta), ("body", section.body)):
                content = _mark_headings(content, section_ids, prefix if index else "")
                if index:
                    content = _prefix_other_ids(content, section_ids, prefix)
                cells.append(_cell(side, part, _rebase_html(content, side.folder, new_folder), index, tips[index]))
        # The section's id is on an empty anchor, not on the row: Material names a code block after
        # its nearest ancestor with an id (`__code_<id>`), and a row holds two editions' blocks.
        anchor = f'<span class="hetao-sbs__anchor" id="{html.escape(section_id)}"></span>'
        rows.append(f'<section class="hetao-sbs__row">{anchor}{"".join(cells)}</section>')
    tails = [_cell(side, "body", _rebase_html(tail, side.folder, new_folder), index, tips[index])
             for index, (side, tail) in enumerate(((first, first_tail), (second, second_tail)))]
    data = "".join(
        f'<script class="hetao-sbs-cite" type="application/json" data-edition="{side.code}">{cite}</script>'
        for side in sides if (cite := _cite_data(side.html, side.folder, new_folder))
    )
    article = (
        f"{_rebase_html(header, host.folder, new_folder)}{switch}"
        f'<div class="hetao-sbs" data-first="{first.code}" data-second="{second.code}">{"".join(rows)}'
        f'<div class="hetao-sbs__row hetao-sbs__row--tail">{"".join(tails)}</div></div>{data}'
    )
    page = _rebase_html(host.html, host.folder, new_folder)
    page = _ARTICLE.sub(lambda m: m[1] + article + m[3], page, count=1)
    page = _CITE_DATA.sub("", page)
    page = _CONFIG_BASE.sub(lambda m: m[1] + rebase(m[2] + "/", host.folder, new_folder).rstrip("/") + m[3], page, count=1)
    page = _CONFIG_SEARCH.sub(lambda m: m[1] + rebase(m[2], host.folder, new_folder) + m[3], page, count=1)
    page = _SCOPE.sub(lambda m: m[1] + rebase(m[2] + "/", host.folder, new_folder).rstrip("/") + m[3], page, count=1)
    title = _TITLE.search(page)
    if title:
        page = page[: title.start(1)] + html.escape(texts["title"].format(page=html.unescape(title[1]))) + page[title.end(1):]
    return page.replace(_HEAD_END, '<meta name="robots" content="noindex">' + _HEAD_END, 1)


# --- where the pages go, and the links to them ------------------------------------------------


def page_folder(page: str, use_directory_urls: bool) -> tuple[str, str]:
    """A Markdown page ("problems/coordination.md") as built: its folder and its file name."""
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
        return stem, "index.html"
    if use_directory_urls:
        return stem + "/", "index.html"
    folder, _, name = stem.rpartition("/")
    return (folder + "/" if folder else ""), name + ".html"


def host_of(reader: str, pair: tuple[str, str]) -> str:
    return reader if reader in pair else pair[0]


def combined_folder(prefix: str, pair: tuple[str, str], page: str, use_directory_urls: bool) -> tuple[str, str]:
    folder, name = page_folder(page, use_directory_urls)
    return f"{prefix}{FOLDER}/{pair[0]}-{pair[1]}/{folder}", name


def switcher(pairs: Sequence[tuple[str, str]], reader: str, prefixes: Mapping[str, str], labels: Mapping[str, str], langs: Mapping[str, str],
             page: str, use_directory_urls: bool, from_folder: str, texts: Mapping[str, str], current: tuple[str, str] | None) -> str:
    """The pair links (`pairs`: the first language first, left or on top on a phone): from a page
    (current None) or from a combined page (the others, and back)."""
    links = []
    for pair in pairs:
        host = host_of(reader, pair)
        folder, name = combined_folder(prefixes[host], pair, page, use_directory_urls)
        href = posixpath.relpath(folder + name, from_folder.rstrip("/") or ".")
        if use_directory_urls and name == "index.html":
            href = href.removesuffix("index.html") or "./"
        label = " | ".join(f'<span lang="{langs[code]}">{html.escape(labels[code])}</span>' for code in pair)
        attributes = ' aria-current="page"' if pair == current else ""
        links.append(f'<a class="hetao-sbs-pair" href="{html.escape(href)}" data-pair="{pair[0]}-{pair[1]}"{attributes}>{label}</a>')
    back = ""
    if current is not None:
        folder, name = page_folder(page, use_directory_urls)
        href = posixpath.relpath(prefixes[reader] + folder + name, from_folder.rstrip("/") or ".")
        if use_directory_urls and name == "index.html":
            href = href.removesuffix("index.html") or "./"
        back = f' <a class="hetao-sbs-back" href="{html.escape(href)}">{html.escape(texts["back"])}</a>'
    return (f'<nav class="hetao-sbs-links" aria-label="{html.escape(texts["label"])}" data-search-exclude>'
            f'<span class="hetao-sbs-links__label">{html.escape(texts["label"])}</span> {" ".join(links)}{back}</nav>')


@dataclass(frozen=True)
class EditionPages:
    """What write_all needs of one edition."""

    code: str
    prefix: str
    lang: str
    label: str
    texts: Mapping[str, str]  # its catalog's side_by_side group
    term_entry: str  # its catalog's reading.term_entry
    term_chinese: str = ""


_COMBINED: Final = Kept[str]("side-by-side.pickle", lambda: Path(__file__).read_bytes())


def write_all(site_dir: Path, editions: Sequence[EditionPages], pairs: Sequence[tuple[str, str]], pages: Iterable[str],
              use_directory_urls: bool, kept_in: Path | None = None) -> list[Path]:
    """Every page of `pages` (Markdown paths), for every pair and every edition of the pair: the
    combined page, and the pair links under each page's title. Returns the files it wrote (combined
    pages and pages given links).
    With `kept_in`, a combined page is made only if not kept there."""
    with _COMBINED.kept_in(kept_in) as kept:
        return _write_all(site_dir, editions, pairs, pages, use_directory_urls, kept)


def _write_all(site_dir: Path, editions: Sequence[EditionPages], pairs: Sequence[tuple[str, str]], pages: Iterable[str],
               use_directory_urls: bool, kept: Callable[[Inputs, Callable[[], str]], str]) -> list[Path]:
    by_code = {edition.code: edition for edition in editions}
    prefixes = {code: edition.prefix for code, edition in by_code.items()}
    labels = {code: edition.label for code, edition in by_code.items()}
    langs = {code: edition.lang for code, edition in by_code.items()}
    pairs = [pair for pair in pairs if pair[0] in by_code and pair[1] in by_code]
    written: list[Path] = []
    for page in pages:
        folder, name = page_folder(page, use_directory_urls)
        built = {code: site_dir / (edition.prefix + folder) / name for code, edition in by_code.items()}
        if not all(path.is_file() for path in built.values()):
            continue
        originals = {code: path.read_text(encoding="utf-8") for code, path in built.items()}
        sides = {
            code: Side(code, langs[code], labels[code], prefixes[code] + folder, originals[code],
                       prefixes[code] + "assets/javascripts/term-tips.js", by_code[code].term_entry, by_code[code].term_chinese)
            for code in by_code
        }
        for code, edition in by_code.items():
            for pair in pairs:
                if host_of(code, pair) != code:
                    continue
                new_folder, new_name = combined_folder(edition.prefix, pair, page, use_directory_urls)
                links = switcher(pairs, code, prefixes, labels, langs, page, use_directory_urls, new_folder, edition.texts, pair)
                target = site_dir / new_folder / new_name
                target.parent.mkdir(parents=True, exist_ok=True)
                made = functools.partial(combine, sides[code], sides[pair[0]], sides[pair[1]], new_folder, edition.texts, links)
                inputs = (*_fields(sides[code]), *_fields(sides[pair[0]]), *_fields(sides[pair[1]]), new_folder,
                          repr(sorted(edition.texts.items())), links)
                target.write_text(kept(inputs, made), encoding="utf-8")
                written.append(target)
        for code, edition in by_code.items():
            links = switcher(pairs, code, prefixes, labels, langs, page, use_directory_urls, edition.prefix + folder, edition.texts, None)
            built[code].write_text(_with_links(originals[code], links, home=folder == ""), encoding="utf-8")
            written.append(built[code])
    return written


def _fields(side: Side) -> tuple[str, ...]:
    """A side as a combined page's inputs (not its repr: escaping every page's text took longer than
    the combining it saves)."""
    return tuple(getattr(side, field.name) for field in dataclasses.fields(side))


def _with_links(page_html: str, links: str, home: bool) -> str:
    """The pair links after the page's title; on the home page, whose first screen is its ways in,
    at the end of its text."""
    at = _TAIL.search(page_html) if home else _H1.search(page_html)
    if at is None:
        return page_html
    cut = at.start() if home else at.end()
    return page_html[:cut] + links + page_html[cut:]


def build(site_dir: Path, editions: Editions, strings_folder: Path, docs_dir: Path, use_directory_urls: bool,
          kept_in: Path | None = None) -> list[Path]:
    """The site builder's call, once every edition is built: the pages of `docs_dir` (the primary
    edition's Markdown; every edition has the same pages), each pair, with each edition's strings.
    Returns the files it wrote."""
    catalogs = load_catalogs(strings_folder, [edition.code for edition in editions])
    pages = sorted(path.relative_to(docs_dir).as_posix() for path in docs_dir.rglob("*.md"))
    return write_all(
        site_dir,
        [EditionPages(e.code, e.prefix, e.lang, e.label, catalogs[e.code].group("side_by_side"), catalogs[e.code]["reading.term_entry"],
                      quoted_chinese(e, editions))
         for e in editions],
        editions.side_by_side,
        pages,
        use_directory_urls,
        kept_in,
    )
