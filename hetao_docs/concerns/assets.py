"""Assets: our stylesheets and scripts bundled (hetao_docs/assets.py), published instead of their
sources; the templates learn what to load."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from hetao_docs import material
from hetao_docs.assets import BuiltBundle, build_bundles, source_paths
from hetao_docs.concerns import THEME, Concern, EditionContext


class Assets(Concern):
    def __init__(self, context: EditionContext) -> None:
        super().__init__(context)
        palette = material.find_palette_stylesheet(context.theme_dirs).read_text(encoding="utf-8")
        self.bundles: dict[str, BuiltBundle] = build_bundles(Path(THEME), material.dark_scheme_css(palette))

    def on_config(self, config: MkDocsConfig) -> None:
        config.extra["hetao_assets"] = {k: b.path for k, b in self.bundles.items() if b.path}
        config.extra["hetao_inline"] = {k: b.content for k, b in self.bundles.items() if not b.path}

    def on_files(self, files: Files, config: MkDocsConfig) -> None:
        for path in source_paths():
            found = files.get_file_from_path(path)
            if found is not None:
                files.remove(found)
        for bundle in self.bundles.values():
            if bundle.path:
                files.append(File.generated(config, bundle.path, content=bundle.content))

