"""Where each term occurs: split Markdown pages into sections and run the matcher over their prose.

A section starts at every ATX heading with an explicit id (`## 标题 { #id }`), the page's h1
included; a heading without an id (the project gives every heading one) does not start a section.

What counts as prose, and why:
- counted: paragraphs, list items, tables, admonition titles, footnotes, and link text (a reader
  sees it in the section, so a book index should send them there);
- not counted: headings (the section title is not a use of the term in the text, and the inline
  definitions skip headings too), code spans and fenced code, HTML `<code>` and `<samp>`, URLs, HTML tags and comments
  (including the `<!-- OUTLINE -->` notes), attribute lists and front matter.
Inline markup (emphasis, links, tags, code) separates text runs, as the rendered HTML does, so a
match never spans two runs: the index and the inline definitions see the same occurrences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from hetao_docs.terms.match import TermMatcher

SEPARATOR = "\x00"  # never in a term form, so no match can span it

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_HEADING = re.compile(r"^[ ]{0,3}(#{1,6})[ \t]+(.*?)[ \t]*$")
_HEADING_ATTRS = re.compile(r"[ \t]*\{:?([^{}]*)\}[ \t]*$")
_ID_IN_ATTRS = re.compile(r"(?:^|\s)#([A-Za-z0-9_:.-]+)")
_SKIPPED_LINE = re.compile(r"^[ ]{0,3}(?:\[[^\]]+\]:\s|\*\[[^\]]+\]:)")  # link and abbreviation definitions
_ADMONITION = re.compile(r"^([ \t]*)(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+[\w-]+)*(?:[ \t]+\"(.*)\")?[ \t]*$")
_INLINE_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(`+)(.+?)(?<!`)\1(?!`)"), SEPARATOR),  # code span
    (re.compile(r"<(code|samp)\b[^>]*>.*?</\1>"), SEPARATOR),  # HTML code and sample output (citation examples), as the inline definitions skip them
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), SEPARATOR),  # image
    (re.compile(r"\[\^[^\]]+\]:?"), SEPARATOR),  # footnote reference / definition marker
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), SEPARATOR + r"\1" + SEPARATOR),  # inline link: keep its text
    (re.compile(r"\[([^\]]*)\]\[[^\]]*\]"), SEPARATOR + r"\1" + SEPARATOR),  # reference link
    (re.compile(r"<[^>\n]*>"), SEPARATOR),  # HTML tag or autolink
    (re.compile(r"\{:?[ \t]*[#.][^{}]*\}"), SEPARATOR),  # attribute list
    (re.compile(r"&#?\w+;"), SEPARATOR),  # character reference
    (re.compile(r"\\(.)"), r"\1"),  # backslash escape
    (re.compile(r"[*_~\[\]|]+"), SEPARATOR),  # emphasis, stray brackets, table cells
)


@dataclass(frozen=True)
class Section:
    """A part of a page between two headings with ids; `anchor` None is the part before any."""

    page: str  # path in the docs dir, "problems/data-market.md"
    anchor: str | None
    title: str
    page_title: str
    text: str  # prose only, SEPARATOR between runs
    level: int = 0  # of its heading (1: the page's title), 0 before any

    @property
    def link(self) -> str:
        return f"{self.page}#{self.anchor}" if self.anchor else self.page


def visible_text(line: str) -> str:
    """The prose of one Markdown line, markup replaced by SEPARATOR."""
    for pattern, replacement in _INLINE_RULES:
        line = pattern.sub(replacement, line)
    return line


def _heading(line: str) -> tuple[int, str, str | None] | None:
    found = _HEADING.match(line)
    if not found:
        return None
    text = re.sub(r"[ \t]+#+$", "", found.group(2))
    anchor = None
    attrs = _HEADING_ATTRS.search(text)
    if attrs:
        ids = _ID_IN_ATTRS.findall(attrs.group(1))
        anchor = ids[-1] if ids else None
        text = text[: attrs.start()]
    title = " ".join(visible_text(text).replace(SEPARATOR, "").split())
    return len(found.group(1)), title, anchor


def split_sections(page: str, markdown: str) -> list[Section]:
    """The page's sections in order, each with its heading id, title and prose."""
    markdown = _FRONT_MATTER.sub("", markdown.replace("\r\n", "\n"), count=1)
    markdown = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), markdown)
    page_title = ""
    anchor: str | None = None
    title = ""
    level = 0
    parts: list[str] = []
    sections: list[Section] = []
    fence: str | None = None

    def close() -> None:
        text = "\n".join(parts).strip()
        if text or anchor:
            sections.append(Section(page, anchor, title or page_title, page_title, text, level))

    for line in markdown.split("\n"):
        if fence:
            if re.match(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", line):
                fence = None
            continue
        opening = _FENCE.match(line)
        if opening:
            fence = opening.group(1)
            continue
        heading = _heading(line)
        if heading:
            heading_level, heading_title, heading_id = heading
            if heading_level == 1 and not page_title:
                page_title = heading_title
            if heading_id:
                close()
                anchor, title, parts, level = heading_id, heading_title, [], heading_level
            continue
        if _SKIPPED_LINE.match(line):
            continue
        admonition = _ADMONITION.match(line)
        parts.append(visible_text(admonition.group(2) or "") if admonition else visible_text(line))
    close()
    return [s if s.page_title else Section(s.page, s.anchor, s.title, page_title, s.text, s.level) for s in sections]


def scan_occurrences(sections: Iterable[Section], matcher: TermMatcher) -> dict[str, list[Section]]:
    """Per term id, the sections where it occurs (in reading order, each once)."""
    found: dict[str, list[Section]] = {}
    for section in sections:
        for term_id in dict.fromkeys(match.term_id for match in matcher.find(section.text)):
            found.setdefault(term_id, []).append(section)
    return found
