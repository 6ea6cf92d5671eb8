"""Our own markup, defined once: the class names and markers that one module writes and another
(Python, CSS or JavaScript) reads, and the one place that finds the headings of a rendered page.

Writers import the names from here (and the fragment templates get them as `markup`); readers of
our HTML find what they need through markers placed when it is written, never by matching the
shape of another module's output. Plain Python, no MkDocs import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

PROVENANCE: Final = "hetao-provenance"  # the line under a heading naming the article's paragraphs
CHANGED: Final = "hetao-changed"  # the line under an h2: the release it last changed in
CITE_EXAMPLES: Final = "hetao-cite-examples"  # the source page's citation of itself
CITE_RELEASE: Final = "hetao-cite-examples__release"  # …and the release it names
SEARCH_EXCLUDE: Final = "data-search-exclude"  # Material's search leaves the element out (material.py)

# A glossary entry folded into a row (terms/render.py): raw HTML in the generated Markdown, one
# line each, whose heading and end the section fingerprints (releases.py) find to make the entry a
# section of its own.
GLOSSARY_ROW: Final = "hetao-glossary-row"
GLOSSARY_ROW_END: Final = "</details>"
GLOSSARY_ROW_HEADING: Final = re.compile(rf'^<h([1-6]) id="([^"]+)" class="{GLOSSARY_ROW}__heading">')


def glossary_row_heading(level: int, heading_id: str, text_html: str) -> str:
    """The row's heading line, as GLOSSARY_ROW_HEADING finds it (`text_html` already escaped)."""
    return f'<h{level} id="{heading_id}" class="{GLOSSARY_ROW}__heading">{text_html}</h{level}>'

# Python-Markdown's toc extension (`permalink`) ends each heading with
# <a class="headerlink" href="#id" title="…">¶</a>, class first: its one description (tests/test_markup.py).
HEADERLINK_OPEN: Final = re.compile(r'<a class="headerlink" href="#(?P<id>[^"]+)"')
HEADERLINK: Final = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)

# A heading as Python-Markdown writes it (the toc extension): <hN id="…" …>…</hN>
_HEADING = re.compile(r'<h([1-6])\b([^>]*)>.*?</h\1>', re.DOTALL)
_ID = re.compile(r'\bid="([^"]+)"')


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    attributes: str  # the opening tag's attributes, as written


@dataclass
class HeadingSlots:
    """What each concern adds right under a heading of one page, collected while the page's
    concerns run and inserted in one pass at the end, in the order they were added (so no concern
    has to find another's addition in the HTML)."""

    page_html: str
    added: dict[str, list[str]] = field(default_factory=dict)

    def headings(self) -> list[Heading]:
        found = []
        for match in _HEADING.finditer(self.page_html):
            heading_id = _ID.search(match.group(2))
            if heading_id:
                found.append(Heading(int(match.group(1)), heading_id.group(1), match.group(2)))
        return found

    def add(self, heading_id: str, fragment: str) -> None:
        self.added.setdefault(heading_id, []).append(fragment)

    def insert(self, page_html: str) -> str:
        """`page_html` (the page as the concerns left it) with every addition under its heading."""
        if not self.added:
            return page_html

        def after(match: re.Match[str]) -> str:
            heading_id = _ID.search(match.group(2))
            extra = self.added.get(heading_id.group(1), []) if heading_id else []
            return match.group(0) + "".join(extra)

        return _HEADING.sub(after, page_html)
