"""Provenance: which paragraph of the article each section of the site draws on, and back.

The article's paragraphs are numbered in `data/article.yml` (our segmentation, each with a one-line
summary in our own words). A section names its paragraphs on its heading,
`## 规则衔接障碍 { #rule-alignment data-article="5" }`; the build shows them under the heading
("原文第 5 段 / Article ¶5", linked to the source map) and writes the source map on the source
page: every paragraph in order, its summary, and links to every section that draws on it.

Plain Python, no MkDocs import.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hetao_docs.fragments import Fragments
from hetao_docs.links import markdown_headings
from hetao_docs.markup import HeadingSlots
from hetao_docs.yamlfile import read_data_file

MAP_ANCHOR = "source-map"
PARAGRAPH_ANCHOR = "article-p{number}"
_ARTICLE_ATTR = re.compile(r'(?:^|\s)data-article="([^"]*)"')
_ATTR_BLOCK = re.compile(r"\{:?([^{}]*)\}[ \t]*$")
_DATA_ARTICLE = re.compile(r'\bdata-article="([^"]*)"')


class ProvenanceError(Exception):
    """The article's paragraph list or a section's reference to it is wrong; one line per problem."""


@dataclass(frozen=True)
class Paragraph:
    number: int
    kind: str  # editor's note, background, problem, recommendation, outlook, closing …
    summary_zh: str
    summary_en: str


@dataclass(frozen=True)
class SectionRef:
    """One section that says which paragraphs it summarises."""

    page: str  # path in the docs dir
    anchor: str
    title: str
    page_title: str
    paragraphs: tuple[int, ...]
    line: int


def load_article(path: Path, shown_as: str | None = None) -> tuple[Paragraph, ...]:
    shown = shown_as or path.as_posix()
    data: Any = read_data_file(path, shown, "the article's paragraphs", ProvenanceError)
    entries = data.get("paragraphs") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise ProvenanceError(f"{shown}: 'paragraphs' must be a non-empty list")
    paragraphs, problems = [], []
    for index, entry in enumerate(entries, start=1):
        name = f"paragraph #{index}"
        if not isinstance(entry, dict):
            problems.append(f"{shown}: {name}: must be a mapping")
            continue
        summary = entry.get("summary")
        for field, value in (("number", entry.get("number")), ("kind", entry.get("kind"))):
            if value is None:
                problems.append(f"{shown}: {name}: field '{field}': missing")
        if entry.get("number") != index:
            problems.append(f"{shown}: {name}: field 'number': {entry.get('number')!r}, expected {index} (numbered in order)")
        if not isinstance(summary, dict) or not all(isinstance(summary.get(k), str) and summary[k].strip() for k in ("zh", "en")):
            problems.append(f"{shown}: {name}: field 'summary': needs non-empty 'zh' and 'en'")
            continue
        paragraphs.append(Paragraph(index, str(entry.get("kind", "")), " ".join(summary["zh"].split()), " ".join(summary["en"].split())))
    if problems:
        raise ProvenanceError("\n".join(problems))
    return tuple(paragraphs)


def section_refs(page: str, markdown: str, page_title: str = "") -> list[SectionRef]:
    """The sections of one page that name their paragraphs (`data-article` on the heading)."""
    refs = []
    lines = markdown.splitlines()
    title = page_title
    for heading in markdown_headings(markdown):
        if not title:
            title = heading.text
        block = _ATTR_BLOCK.search(lines[heading.line - 1])
        found = _ARTICLE_ATTR.search(block.group(1)) if block else None
        if found and heading.id:
            numbers = tuple(int(n) if n.isdigit() else -1 for n in found.group(1).split())
            refs.append(SectionRef(page, heading.id, heading.text, title, numbers, heading.line))
    return refs


def reference_problems(refs: Iterable[SectionRef], paragraphs: Sequence[Paragraph], docs_dir: str) -> list[str]:
    """One line per reference to a paragraph the article does not have."""
    known = {p.number for p in paragraphs}
    return [
        f"{docs_dir}/{ref.page}:{ref.line}: heading '#{ref.anchor}': data-article names paragraph "
        f"{'?' if n < 0 else n}, but the article has paragraphs 1–{len(paragraphs)}"
        for ref in refs for n in ref.paragraphs if n not in known
    ] + [
        f"{docs_dir}/{ref.page}:{ref.line}: heading '#{ref.anchor}': data-article is empty" for ref in refs if not ref.paragraphs
    ]


def add_provenance_lines(slots: HeadingSlots, fragments: Fragments, texts: Mapping[str, str], map_url: str) -> None:
    """Each heading that names its paragraphs gets its provenance line right under it (原文第 5、6 段,
    each number linked to its place in the source map; template fragments/provenance-line.html)."""
    before, _, after = texts["label"].partition("{numbers}")
    for heading in slots.headings():
        found = _DATA_ARTICLE.search(heading.attributes)
        if found:
            numbers = [int(n) for n in found.group(1).split() if n.isdigit()]
            anchors = [PARAGRAPH_ANCHOR.format(number=n) for n in numbers]
            slots.add(heading.id, fragments.render(
                "provenance-line", before=before, after=after, separator=texts["separator"], map_url=map_url, links=zip(numbers, anchors),
            ))


def source_map(
    paragraphs: Sequence[Paragraph],
    refs: Sequence[SectionRef],
    texts: Mapping[str, str],
    summary: Callable[[Paragraph], str],
    url: Callable[[str], str],
    summary_lang: str | None = None,
) -> str:
    """The source map: the article's paragraphs in order, each with our summary and links to every
    section drawing on it (`url`: a page's path → its URL from the source page)."""
    by_paragraph: dict[int, list[SectionRef]] = {}
    for ref in refs:
        for number in ref.paragraphs:
            by_paragraph.setdefault(number, []).append(ref)
    lang = f' lang="{summary_lang}"' if summary_lang else ""
    items = []
    for paragraph in paragraphs:
        links = texts["separator"].join(
            f'<a href="{html.escape(url(ref.page))}#{ref.anchor}">{html.escape(ref.page_title)} › {html.escape(ref.title)}</a>'
            for ref in by_paragraph.get(paragraph.number, [])
        ) or html.escape(texts["unused"])
        items.append(
            f'<li id="{PARAGRAPH_ANCHOR.format(number=paragraph.number)}" value="{paragraph.number}">'
            f'<span class="hetao-source-map__summary"{lang}>{html.escape(summary(paragraph))}</span>'
            f'<br><span class="hetao-source-map__sections" data-search-exclude>{html.escape(texts["drawn_on"])}{links}</span></li>'
        )
    return '<ol class="hetao-source-map">' + "".join(items) + "</ol>"
