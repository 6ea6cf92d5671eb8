"""Material fixes: what we change in Material's behaviour or output, each through material.py
(where every reliance on its internals is listed and tested)."""

from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from hetao_docs import editions as editions_mod
from hetao_docs import material, project_files
from hetao_docs.concerns import Concern, EditionContext
from hetao_docs.concerns.assets import Assets

VENDORED_IFRAME_WORKER = "assets/vendor/iframe-worker/shim.js"


class MaterialFixes(Concern):
    def __init__(self, context: EditionContext, assets: Assets) -> None:
        super().__init__(context)
        self.assets = assets

    def on_config(self, config: MkDocsConfig) -> None:
        # its search segments the same Chinese text, and indexes the same page, once, here and in
        # the next build of this edition
        kept = self.context.project / project_files.BUILD_CACHE / self.context.edition.code
        material.remember_jieba_words(kept)
        material.remember_search_entries(kept)

    def on_files(self, files: Files, config: MkDocsConfig) -> None:
        # Material's offline plugin asks for a third-party shim: ours, vendored
        polyfills = config.extra.get("polyfills") or []
        config.extra["polyfills"] = [VENDORED_IFRAME_WORKER if "iframe-worker" in p else p for p in polyfills]

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig) -> None:
        # tojson (Material's page config, our citation data) writes Chinese as UTF-8, not \uXXXX
        env.policies["json.dumps_kwargs"] = {**env.policies["json.dumps_kwargs"], "ensure_ascii": False}
        # Material's ~60 templates compiled once, not again by every edition and serve rebuild
        env.bytecode_cache = jinja2.FileSystemBytecodeCache()

    def on_post_page(self, output: str, page: Page | None, config: MkDocsConfig) -> str:
        # the switcher on the same page, our hreflang links instead of Material's, our search worker wrapper
        same_page = editions_mod.same_page_links(self.context.editions, self.context.edition, page.url) if page else None
        worker = self.assets.bundles["search_worker"].path.rsplit("/", 1)[-1]
        return material.use_search_worker(material.localize_theme_links(output, same_page), worker)

    def on_post_build(self, site_dir: Path, config: MkDocsConfig) -> None:
        material.save_jieba_words()
        material.SEARCH_ENTRIES.save()
