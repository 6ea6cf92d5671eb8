"""Inline definitions: link the first occurrence of each term in each section to its glossary entry,
with the bilingual definition in `title` (Material's `content.tooltips` shows it as a tooltip).

The HTML is tokenized with html.parser, and only text runs are changed: every tag, attribute and
character reference is copied byte for byte. Text inside code, pre, headings, links, abbr,
script/style and similar elements is never touched. A section starts at each heading with an id.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from html.parser import HTMLParser

from hetao_docs.chinese import to_hong_kong
from hetao_docs.terms.load import hant_phrases
from hetao_docs.terms.match import TermMatcher
from hetao_docs.terms.model import Edition, Term

TERM_CLASS = "hetao-term"
# Elements whose text is never annotated: code, headings, existing links and interactive or
# non-prose content (a link inside a link, or inside a button, is invalid HTML).
_SKIPPED = frozenset(
    "a abbr button code h1 h2 h3 h4 h5 h6 kbd math pre samp script select style svg textarea title var".split()
)
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())


def tooltip(term: Term, edition: Edition, phrases: dict[str, str] | None = None) -> str:
    """The tooltip text: the term and its other-language name, then both definitions, own language first."""
    if edition == "en":
        return f"{term.en} ({term.zh})\n{term.definition_en}\n{term.definition_zh}"
    if edition == "zh-hant":
        return f"{term.zh_hant}（{term.en}）\n{to_hong_kong(term.definition_zh, phrases)}\n{term.definition_en}"
    return f"{term.zh}（{term.en}）\n{term.definition_zh}\n{term.definition_en}"


class _TextRuns(HTMLParser):
    """Collects (offset, text, section id) for every text run that may be annotated."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)  # keep character references out of the text runs
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self._depth: dict[str, int] = {}
        self._section = ""
        self.runs: list[tuple[int, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HEADINGS:
            heading_id = dict(attrs).get("id")
            if heading_id:
                self._section = heading_id
        if tag in _SKIPPED:
            self._depth[tag] = self._depth.get(tag, 0) + 1

    def handle_endtag(self, tag: str) -> None:
        if self._depth.get(tag):
            self._depth[tag] -= 1

    def handle_data(self, data: str) -> None:
        if not any(self._depth.values()):
            line, column = self.getpos()
            self.runs.append((self._line_starts[line - 1] + column, data, self._section))


class InlineDefinitions:
    """Annotates content pages of one edition."""

    def __init__(self, terms: Iterable[Term], edition: Edition) -> None:
        terms = list(terms)
        phrases = hant_phrases(terms) if edition == "zh-hant" else None
        self._matcher = TermMatcher.for_edition(terms, edition)
        self._titles = {t.id: html.escape(tooltip(t, edition, phrases), quote=True).replace("\n", "&#10;") for t in terms}

    def annotate(self, page_html: str, glossary_url: str) -> str:
        """`page_html` with the first occurrence of each term per section wrapped in
        <a class="hetao-term" href="{glossary_url}#{id}" title="…">; `glossary_url` is relative to the page."""
        parser = _TextRuns(page_html)
        parser.feed(page_html)
        parser.close()
        seen: set[tuple[str, str]] = set()
        pieces: list[str] = []
        copied = 0
        for offset, text, section in parser.runs:
            for match in self._matcher.find(text):
                if (section, match.term_id) in seen:
                    continue
                seen.add((section, match.term_id))
                start, end = offset + match.start, offset + match.end
                href = html.escape(f"{glossary_url}#{match.term_id}", quote=True)
                pieces += [
                    page_html[copied:start],
                    f'<a class="{TERM_CLASS}" href="{href}" title="{self._titles[match.term_id]}">',
                    page_html[start:end],
                    "</a>",
                ]
                copied = end
        pieces.append(page_html[copied:])
        return "".join(pieces)
