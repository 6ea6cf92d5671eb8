"""The generated pages' HTML blocks held out of Markdown: the same HTML, and the same anchor ids."""

from __future__ import annotations

from html.parser import HTMLParser

import markdown
import pytest
from support.project import CONVERSIONS, EDITIONS, ROOT, catalogs, terms

from hetao_docs.held_html import HeldBlocks, HeldHtmlError, hold_blocks
from hetao_docs.terms import generate
from hetao_docs.terms.build import read_pages
from hetao_docs.terms.render import labels_from

# The site's Markdown extensions (mkdocs.yml)
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables",
              "pymdownx.details", "pymdownx.superfences", "toc"]


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS, extension_configs={"toc": {"permalink": "¶"}})


class _Ids(HTMLParser):
    """Ids the way MkDocs collects them from raw HTML (mkdocs.structure.pages._HTMLHandler)."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids |= {v or "" for k, v in attrs if k == "id" or (k == "name" and tag == "a")}


def generated_pages() -> list[tuple[str, str, str]]:
    """(edition, page, Markdown body) of the real generated pages of every edition."""
    found = []
    for edition in EDITIONS:
        source = EDITIONS.source_of(edition)
        result = generate(terms(), edition, source, read_pages(ROOT / source.docs_dir),
                          labels_from(catalogs()[edition.code].group("glossary")), conversions=CONVERSIONS)
        found += [(edition.code, page, text.split("---\n", 2)[2]) for page, text in result.files.items() if page.endswith(".md")]
    return found


@pytest.mark.parametrize(("code", "page", "body"), generated_pages(), ids=lambda v: v if len(v) < 20 else "")
def test_held_blocks_give_the_same_html_and_ids(code: str, page: str, body: str) -> None:
    held_markdown, held = hold_blocks(body)
    assert len(held.blocks) > 10, "the page's entries are held"
    assert held.restore(to_html(held_markdown)) == to_html(body)
    parser = _Ids()
    parser.feed("\n".join(held.blocks))
    assert held.anchor_ids() == parser.ids


def test_only_whole_blocks_of_their_own_are_held() -> None:
    text = "para\n<dl>\n<dt>a</dt>\n</dl>\n\n<dl>\n<dl>\n</dl>\n</dl>\n\n<dl>\n<dt id=\"x&amp;y\">b</dt>\n</dl>"
    held_markdown, held = hold_blocks(text)
    assert held.blocks == ('<dl>\n<dt id="x&amp;y">b</dt>\n</dl>',)
    assert held_markdown == text.replace(held.blocks[0], "<!--hetao-held-0-->")
    assert held.anchor_ids() == {"x&y"}


def test_a_lost_placeholder_fails() -> None:
    with pytest.raises(HeldHtmlError):
        HeldBlocks(("<dl>\n</dl>", "<dl>\n</dl>")).restore("<p>x</p>\n<!--hetao-held-1-->")
