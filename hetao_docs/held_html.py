"""The generated pages' HTML blocks, held out of Python-Markdown and put back into its output.

The glossary and the index of terms are mostly raw `<details>` and `<dl>` blocks (`terms/render.py`), which
Python-Markdown copies unchanged, but only after parsing them twice with html.parser (MkDocs for
their ids, md_in_html for block structure): most of the time spent on those pages. Each block is
replaced by a placeholder comment (a raw HTML block too, which Markdown emits as is, on its own
line) and restored in the HTML, so the page is byte for byte what Markdown would have made; the
ids in the blocks are handed back to MkDocs' anchor validation.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

# A whole <dl> or <details> block as render.py writes it (the index's lists, the glossary's rows):
# a block of its own (blank line before and after), none of its own kind inside, its end tag alone
# on its last line.
_BLOCK = re.compile(r"(?:(?<=\n\n)|\A)<(dl|details)\b[^\n]*>\n(?:(?!<\1\b).)*?\n</\1>(?=\n\n|\n?\Z)", re.DOTALL)
_PLACEHOLDER = "<!--hetao-held-{index}-->"
_HELD = re.compile(r"<!--hetao-held-(\d+)-->")
# Ids as MkDocs collects them from raw HTML (an `id` attribute, or `name` of an <a>); values are
# written with double quotes and escaped by render.py.
_ID = re.compile(r"<(\w+)\b[^>]*?\s(id|name)=\"([^\"]*)\"")


class HeldHtmlError(Exception):
    pass


@dataclass(frozen=True)
class HeldBlocks:
    blocks: tuple[str, ...] = ()

    def restore(self, page_html: str) -> str:
        """`page_html` with every placeholder replaced by its block (each must appear exactly once)."""
        found = _HELD.findall(page_html)
        if sorted(map(int, found)) != list(range(len(self.blocks))):
            raise HeldHtmlError(f"expected each of {len(self.blocks)} held HTML blocks once in the page, found {found}")
        return _HELD.sub(lambda m: self.blocks[int(m.group(1))], page_html)

    def anchor_ids(self) -> set[str]:
        return {
            html.unescape(value)
            for block in self.blocks
            for tag, attribute, value in _ID.findall(block)
            if attribute == "id" or tag == "a"
        }


def hold_blocks(markdown: str) -> tuple[str, HeldBlocks]:
    """`markdown` with each whole `<dl>` or `<details>` block replaced by a placeholder, and the blocks."""
    blocks: list[str] = []

    def hold(match: re.Match[str]) -> str:
        blocks.append(match.group(0))
        return _PLACEHOLDER.format(index=len(blocks) - 1)

    return _BLOCK.sub(hold, markdown), HeldBlocks(tuple(blocks))
