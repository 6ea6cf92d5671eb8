"""Inline definitions: link the first occurrence of each term in each section to its glossary entry,
with a tooltip (terms.js shows `title`, then the definitions).

The link's `title` is the term and its name in the other language. The bilingual definitions go
into one script per edition (`TIPS_FILE`), which terms.js loads on the first hover or focus of a
term and shows in the tooltip: pages do not carry the same definitions again and again.

The HTML is tokenized with html.parser, and only text runs are changed: every tag, attribute and
character reference is copied byte for byte. Text inside code, pre, headings, links, abbr,
script/style and similar elements is never touched. A section starts at each heading with an id.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Container, Iterable
from html.parser import HTMLParser

from hetao_docs.chinese import Conversion, characters_only
from hetao_docs.editions import Edition
from hetao_docs.terms.load import variety_phrases
from hetao_docs.terms.match import TermMatcher
from hetao_docs.terms.model import Term, name_for

TERM_CLASS = "hetao-term"
TIPS_FILE = "assets/javascripts/term-tips.js"  # below the edition's root; terms.js reads __hetaoTermTips
# Elements whose text is never annotated: code, headings, existing links and interactive or
# non-prose content (a link inside a link, or inside a button, is invalid HTML).
_SKIPPED = frozenset(
    "a abbr button code h1 h2 h3 h4 h5 h6 kbd math pre samp script select style svg textarea title var".split()
)
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())


def tooltip_heading(term: Term, edition: Edition) -> str:
    """The term and its name in the other language: the link's own `title`."""
    if edition.is_english:
        return f"{term.en} ({term.zh})"
    return f"{name_for(term, edition)}（{term.en}）"


def tooltip(term: Term, edition: Edition, phrases: dict[str, str] | None = None, conversion: Conversion | None = None) -> str:
    """The full tooltip text: the heading, then both definitions, own language first."""
    if edition.is_english:
        definitions = (term.definition_en, term.definition_zh)
    elif conversion is not None:
        definitions = (conversion.text(term.definition_zh, phrases), term.definition_en)
    else:
        definitions = (term.definition_zh, term.definition_en)
    return "\n".join((tooltip_heading(term, edition), *definitions))


def tips_script(terms: Iterable[Term], edition: Edition, conversion: Conversion | None = None) -> str:
    """The edition's `TIPS_FILE`: every term's full tooltip text by id, as a script (loads over
    http:// and from file:// alike, unlike fetch); a converted edition's text through `conversion`
    (default: its characters only)."""
    terms = list(terms)
    conversion = conversion or characters_only(edition)
    phrases = variety_phrases(terms, edition.lang) if conversion is not None else None
    tips = {term.id: tooltip(term, edition, phrases, conversion) for term in terms}
    return "window.__hetaoTermTips=" + json.dumps(tips, ensure_ascii=False, separators=(",", ":")) + ";\n"


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
        self._matcher = TermMatcher.for_edition(terms, edition)
        self._titles = {t.id: html.escape(tooltip_heading(t, edition), quote=True) for t in terms}
        self.every_term = frozenset(self._titles)  # for `occurs` where every term may be linked

    def annotate(self, page_html: str, glossary_url: str, occurs: Callable[[str], Container[str]]) -> str:
        """`page_html` with the first occurrence of each term per section wrapped in
        <a class="hetao-term" href="{glossary_url}#{id}" title="…">; `glossary_url` is relative to the page.

        `occurs(section_id)` gives the terms the occurrence model finds in that section: only those
        are linked, so the inline definitions, the glossary and the index of terms always agree."""
        parser = _TextRuns(page_html)
        parser.feed(page_html)
        parser.close()
        seen: set[tuple[str, str]] = set()
        pieces: list[str] = []
        copied = 0
        for offset, text, section in parser.runs:
            allowed = occurs(section)
            for match in self._matcher.find(text):
                if (section, match.term_id) in seen or match.term_id not in allowed:
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
