"""Provenance: which sections name which paragraphs of the article; under each such heading its
provenance line; on the source page, the source map."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from hetao_docs import hosting, provenance
from hetao_docs.concerns import Concern, EditionContext
from hetao_docs.markup import HeadingSlots
from hetao_docs.terms.build import GENERATED_FILES, nav_order


class Provenance(Concern):
    def __init__(self, context: EditionContext) -> None:
        super().__init__(context)
        article = context.options.article
        self.paragraphs = provenance.load_article(Path(article), context.shown(article)) if article else ()
        self.texts = context.catalog.group("provenance")
        self.refs: tuple[provenance.SectionRef, ...] = ()  # sections that name their paragraphs
        self.urls: dict[str, str] = {}  # page path in the docs dir → its URL

    def on_files(self, files: Files, config: MkDocsConfig) -> None:
        context = self.context
        pages = {f.src_uri: f for f in files.documentation_pages() if f.src_uri not in GENERATED_FILES}
        self.urls = {f.src_uri: f.url for f in files.documentation_pages()}
        order = [p for p in nav_order(config.nav) if p in pages] + sorted(set(pages) - set(nav_order(config.nav)))
        refs = [ref for path in order for ref in provenance.section_refs(path, pages[path].content_string)]
        problems = provenance.reference_problems(refs, self.paragraphs, context.source.docs_dir) if self.paragraphs else []
        if problems:
            raise PluginError("\n".join(problems))
        if context.converted:
            refs = [dataclasses.replace(r, title=context.convert(r.title), page_title=context.convert(r.page_title)) for r in refs]
        self.refs = tuple(refs)

    def on_page_content(self, html: str, page: Page, slots: HeadingSlots, config: MkDocsConfig) -> str:
        if not self.paragraphs:
            return html
        source_url = get_relative_url(self.urls.get(hosting.SOURCE_PAGE, hosting.SOURCE_PAGE), page.url)
        provenance.add_provenance_lines(slots, self.context.fragments, self.texts, source_url)
        if page.file.src_uri == hosting.SOURCE_PAGE and f'id="{provenance.MAP_ANCHOR}"' in html:
            html = hosting.insert_after_section(html, provenance.MAP_ANCHOR, self._source_map(page))
            # the map's entries are anchors other pages may link (MkDocs validates them after this event)
            anchors = {provenance.PARAGRAPH_ANCHOR.format(number=p.number) for p in self.paragraphs}
            page.present_anchor_ids = (page.present_anchor_ids or set()) | anchors
        return html

    def _source_map(self, page: Page) -> str:
        context = self.context

        def summary(paragraph: provenance.Paragraph) -> str:
            return paragraph.summary_en if context.edition.is_english else context.convert(paragraph.summary_zh)

        return provenance.source_map(
            self.paragraphs, self.refs, self.texts, summary, lambda path: get_relative_url(self.urls[path], page.url)
        )
