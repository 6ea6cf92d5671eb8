"""Generated pages' HTML blocks (glossary, index, term check) kept out of Python-Markdown, which
would only pass them through slowly (held_html.py): held after every concern's Markdown step,
put back before any concern sees the page's HTML."""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from hetao_docs.concerns import EditionContext
from hetao_docs.held_html import HeldBlocks, HeldHtmlError, hold_blocks


class HeldPages:
    def __init__(self, context: EditionContext) -> None:
        self.context = context
        self._held: dict[str, HeldBlocks] = {}  # generated page → its HTML blocks, out of Markdown

    def hold(self, markdown: str, page: Page) -> str:
        if not page.meta.get("generated"):
            return markdown
        markdown, self._held[page.file.src_uri] = hold_blocks(markdown)
        return markdown

    def restore(self, html: str, page: Page) -> str:
        held = self._held.pop(page.file.src_uri, None)
        if held is None:
            return html
        try:
            html = held.restore(html)
        except HeldHtmlError as error:
            raise PluginError(f"{self.context.shown(page.file.abs_src_path or page.file.src_uri)}: {error}") from None
        page.present_anchor_ids = (page.present_anchor_ids or set()) | held.anchor_ids()
        return html
