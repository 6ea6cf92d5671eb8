"""The hetao MkDocs plugin: the one module MkDocs calls. It builds one edition: it reads what the
edition is (`concerns.load_context`) and hands each event to the concerns (`concerns.concerns()`,
the one list that orders them). The site builder (site_builder.py) runs every edition's build,
each in a process of its own, and writes what spans editions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from hetao_docs import material, provenance
from hetao_docs import releases as releases_mod
from hetao_docs.assets import AssetError
from hetao_docs.chinese import PhraseTableError
from hetao_docs.concerns import Concern, concerns, load_context
from hetao_docs.concerns.held import HeldPages
from hetao_docs.config import HetaoConfig
from hetao_docs.editions import EditionError
from hetao_docs.markup import HeadingSlots
from hetao_docs.strings import CatalogError
from hetao_docs.terms import TermBaseError

# Bad input found while the edition's data is read: one line each, naming the file, entry and field.
_DATA_ERRORS = (
    EditionError, CatalogError, TermBaseError, PhraseTableError, AssetError, material.MaterialError,
    provenance.ProvenanceError, releases_mod.ReleaseError,
)


class HetaoPlugin(BasePlugin[HetaoConfig]):
    def __init__(self) -> None:
        super().__init__()
        self._concerns: list[Concern] | None = None
        self._held: HeldPages | None = None

    @property
    def concerns(self) -> list[Concern]:
        if self._concerns is None:
            raise PluginError("hetao: an event ran before on_config")
        return self._concerns

    @property
    def held(self) -> HeldPages:
        if self._held is None:
            raise PluginError("hetao: an event ran before on_config")
        return self._held

    @event_priority(100)  # before Material's search plugin reads the theme language
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            context = load_context(self.config, config)
            self._concerns, self._held = concerns(context), HeldPages(context)
        except _DATA_ERRORS as error:
            raise PluginError(str(error)) from None
        for concern in self.concerns:
            concern.on_config(config)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        for concern in self.concerns:
            concern.on_files(files, config)
        return files

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        for concern in self.concerns:
            concern.on_env(env, config)
        return env

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        for concern in self.concerns:
            markdown = concern.on_page_markdown(markdown, page, config)
        return self.held.hold(markdown, page)  # after every concern: what Python-Markdown renders

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        html = self.held.restore(html, page)  # before any concern: the page as written
        slots = HeadingSlots(html)
        for concern in self.concerns:
            html = concern.on_page_content(html, page, slots, config)
        return slots.insert(html)

    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
        ours = cast(dict[str, Any], context)  # the templates read these keys
        for concern in self.concerns:
            concern.on_page_context(ours, page, config)
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        for concern in self.concerns:
            output = concern.on_post_page(output, page, config)
        return output

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        if not template_name.endswith(".html"):
            return output_content
        for concern in self.concerns:
            output_content = concern.on_post_page(output_content, None, config)
        return output_content

    @event_priority(-100)  # after every other plugin's (Material's search index is written)
    def on_post_build(self, config: MkDocsConfig) -> None:
        for concern in self.concerns:
            concern.on_post_build(Path(config.site_dir), config)
        self._concerns = self._held = None
