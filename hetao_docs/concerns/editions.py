"""Editions: which pages an edition shows and in which language, its interface strings, the links
between editions (switcher, hreflang), and a converted edition's text (its conversion, from the edition table)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from hetao_docs import conversions, language_parts
from hetao_docs import editions as editions_mod
from hetao_docs.concerns import THEME, Concern


class LanguageParts(Concern):
    def on_post_page(self, output: str, page: Page | None, config: MkDocsConfig) -> str:
        # the lang of Chinese runs in an English page's text (WCAG 3.1.2), once the page is whole
        return language_parts.mark_page(output, self.context.edition, self.context.editions) if page else output

    def on_post_build(self, site_dir: Path, config: MkDocsConfig) -> None:
        language_parts.MARKED.save()
        # the conversions this build used, kept for the next: here, after Search's, whose script
        # variants convert at the build's end (saved before them, they were missed by every build,
        # and each edition's build set up two OpenCC converters again)
        conversions.save()


class EditionPages(Concern):
    def on_config(self, config: MkDocsConfig) -> None:
        context, edition = self.context, self.context.edition
        config.docs_dir = str(context.project / context.source.docs_dir)
        config.theme["language"] = edition.theme_language
        config.theme.dirs.insert(0, THEME)
        if edition is context.editions.primary:
            problems = editions_mod.missing_pages(context.project, context.editions)
            if problems:
                raise PluginError("\n".join(problems))
        # strings: Material's strings, <html lang>, the reading aids' texts
        config.extra["hetao_material"] = {**context.catalog.material(), "language": edition.lang}
        config.extra["hetao_reading"] = {  # term tips (and the lang of their Chinese), print header, light/dark
            **context.catalog.group("reading"), "term_chinese": language_parts.quoted_chinese(edition, context.editions)}
        # the switcher (the editions' roots; on pages, the same page: MaterialFixes) and the sitemap's alternates
        config.extra["alternate"] = editions_mod.switcher_roots(context.editions, context.root)
        config.extra["hetao_hreflang"] = [
            {"lang": link["hreflang"], "root": link["href"]} for link in editions_mod.hreflang_links(context.editions, "", context.root)
        ]

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig) -> str:
        # a converted edition's page text and title (generated pages arrive converted)
        context = self.context
        if context.conversion is None or page.meta.get("generated"):
            return markdown
        if isinstance(page.meta.get("title"), str):
            page.meta["title"] = context.convert(page.meta["title"])
        return context.conversion.markdown(markdown, context.phrases)

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig) -> None:
        context["hetao_hreflang_links"] = editions_mod.hreflang_links(self.context.editions, page.url, self.context.root)

