"""Terms: where each term occurs (once per edition), the glossary, the index of terms, the term
check and the exports, generated from the term base; inline definitions on authored pages."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from hetao_docs.concerns import Concern, EditionContext
from hetao_docs.markup import HeadingSlots
from hetao_docs.terms import InlineDefinitions, check_page
from hetao_docs.terms.build import generate, generated_files, nav_order
from hetao_docs.terms.occurrences import Occurrences
from hetao_docs.terms.render import GLOSSARY_PAGE, docs_url, labels_from

log = logging.getLogger("mkdocs.plugins.hetao")  # under "mkdocs", so --strict counts its warnings


class Terms(Concern):
    def __init__(self, context: EditionContext) -> None:
        super().__init__(context)
        self.inline = InlineDefinitions(list(context.terms), context.edition)
        self._occurrences: Occurrences | None = None
        self.glossary_url = GLOSSARY_PAGE

    @property
    def occurrences(self) -> Occurrences:
        if self._occurrences is None:
            raise PluginError("hetao: the terms' occurrences are read before on_files found them")
        return self._occurrences

    def on_files(self, files: Files, config: MkDocsConfig) -> None:
        context = self.context
        docs_dir = context.source.docs_dir
        for path in generated_files(context.edition):
            committed = files.get_file_from_path(path)
            if committed is not None and committed.generated_by is None:
                raise PluginError(f"{docs_dir}/{path}: generated from the term base on every build; delete this copy")
        pages = {f.src_uri: f for f in files.documentation_pages()}
        order = [p for p in nav_order(config.nav) if p in pages] + sorted(set(pages) - set(nav_order(config.nav)))
        result = generate(
            list(context.terms),
            context.edition,
            context.source,
            [(p, pages[p].content_string) for p in order],
            labels_from(context.catalog.group("glossary")),
            term_base=os.path.relpath(context.options.terms, context.project),
            docs_dir=docs_dir,
            url=docs_url(config.use_directory_urls),  # the offline copy has page.html URLs
            conversions=context.conversions,
            check_texts=context.catalog.group("term_check"),
            site_root=context.root,  # the exports name their concepts by the published address
        )
        for warning in result.warnings:
            log.warning(warning)
        for path, content in result.files.items():
            files.append(File.generated(config, path, content=content))
        self._occurrences = result.occurrences
        glossary = files.get_file_from_path(GLOSSARY_PAGE)
        self.glossary_url = glossary.url if glossary else GLOSSARY_PAGE

    def on_page_content(self, html: str, page: Page, slots: HeadingSlots, config: MkDocsConfig) -> str:
        if page.meta.get("generated"):
            return html
        occurrences = self.occurrences
        return self.inline.annotate(
            html,
            get_relative_url(self.glossary_url, page.url),
            lambda section: occurrences.terms_in(page.file.src_uri, section or None),
        )

    def on_post_build(self, site_dir: Path, config: MkDocsConfig) -> None:
        check_page.save_readings()
