"""Our own renderings: the English names the term base says are ours (data/exactness/own-renderings.yml)
are marked on their first use on a page ("our rendering" / 本站译名), so that no reader takes them
for an issuer's official English (hetao_docs/exactness/renderings.py)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from hetao_docs.concerns import Concern, EditionContext
from hetao_docs.exactness.renderings import mark_own_renderings, own_forms, own_names
from hetao_docs.markup import HeadingSlots


class OwnRenderings(Concern):
    def __init__(self, context: EditionContext) -> None:
        super().__init__(context)
        self.forms = own_forms(context.terms, (term_id for term_id, _ in own_names(context.project)))
        self.label = context.catalog["provenance.own_rendering"]

    def on_page_content(self, html: str, page: Page, slots: HeadingSlots, config: MkDocsConfig) -> str:
        if page.meta.get("generated"):
            return html
        return mark_own_renderings(html, self.forms, self.label)
