"""Links: every heading has an explicit, unique ASCII id; every ¶ copies the section's published
URL; moved pages get redirect pages."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from hetao_docs import links
from hetao_docs.concerns import Concern, EditionContext
from hetao_docs.concerns.releases import Releases
from hetao_docs.markup import HeadingSlots


class Links(Concern):
    def __init__(self, context: EditionContext, releases: Releases) -> None:
        super().__init__(context)
        self.releases = releases

    def on_config(self, config: MkDocsConfig) -> None:
        config.mdx_configs.setdefault("toc", {})["permalink_title"] = self.context.catalog["toc.permalink_title"]

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig) -> str:
        if page.file.generated_by is None:
            problems = links.heading_id_problems(markdown, self.context.shown(page.file.abs_src_path or page.file.src_uri))
            if problems:
                raise PluginError("\n".join(problems))
        return markdown

    def on_page_content(self, html: str, page: Page, slots: HeadingSlots, config: MkDocsConfig) -> str:
        problems = links.rendered_heading_problems(html, self.context.shown(page.file.abs_src_path or page.file.src_uri))
        if problems:
            raise PluginError("\n".join(problems))
        published = self.releases.published_page_url(page)
        # without a published address, hosting.js copies the address the reader is on
        return links.add_copy_targets(html, published) if published else html

    def on_post_build(self, site_dir: Path, config: MkDocsConfig) -> None:
        redirects = self.context.options.redirects
        if not redirects:
            return
        try:
            links.write_redirects(site_dir, links.load_redirects(Path(redirects)), config.site_url or "", Path(self.context.shown(redirects)))
        except links.RedirectError as error:
            raise PluginError(str(error)) from None
