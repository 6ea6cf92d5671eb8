"""Search: reference pages and sections about the site rank below content; the edition's index
written compactly, with its term finder beside it."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from hetao_docs import material
from hetao_docs.concerns import Concern, EditionContext
from hetao_docs.concerns.terms import Terms
from hetao_docs.markup import HeadingSlots
from hetao_docs.search import SearchRankError, compact_index, finder_script, section_boosts, term_finder
from hetao_docs.terms.render import docs_url


class Search(Concern):
    def __init__(self, context: EditionContext, terms: Terms) -> None:
        super().__init__(context)
        self.terms = terms
        self.boosts: dict[str, float] = {}  # index location → boost (search.section_boosts)

    def on_page_content(self, html: str, page: Page, slots: HeadingSlots, config: MkDocsConfig) -> str:
        try:
            self.boosts.update(section_boosts(page.url, html, bool(page.meta.get("generated"))))
        except SearchRankError as error:
            raise PluginError(f"{self.context.shown(page.file.abs_src_path or page.file.src_uri)}: {error}") from None
        return html

    def on_post_build(self, site_dir: Path, config: MkDocsConfig) -> None:
        index_path = site_dir / material.SEARCH_INDEX
        if not index_path.is_file():
            return
        context = self.context
        index_json = compact_index(index_path.read_text(encoding="utf-8"), self.boosts, self.context.edition.varieties.script_test)
        index_path.write_text(index_json, encoding="utf-8")
        inlined = site_dir / material.INLINED_INDEX
        if inlined.is_file():  # the offline copy: Material's offline plugin inlined it before us
            inlined.write_text(material.inline_index(index_json), encoding="utf-8")
        finder = term_finder(
            list(context.terms),
            context.edition,
            {**context.catalog.group("finder"), "ranking": context.catalog.group("search_ranking")},
            self.terms.glossary_url,
            self.terms.occurrences,
            lambda path: docs_url(config.use_directory_urls)(path).removeprefix("../"),
        )
        (index_path.parent / "term_finder.js").write_text(finder_script(finder), encoding="utf-8")
