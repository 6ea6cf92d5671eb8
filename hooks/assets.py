"""MkDocs hook: assets (thin wrapper around hetao_docs.assets), run once per edition.

on_config builds our CSS and JavaScript bundles from overrides/assets/ (and the palette rules in use
from Material's palette stylesheet) and tells the templates their hashed paths
(config.extra.hetao_assets); on_files publishes the bundles instead of their sources;
on_post_page / on_post_template drop Material's palette stylesheet link; on_env makes `tojson` (Material's page config, our citation data) write Chinese as UTF-8,
not as \\uXXXX escapes twice its size (it still escapes < > & ' for HTML).
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from hetao_docs.assets import (
    AssetError,
    BuiltBundle,
    build_bundles,
    find_palette_stylesheet,
    palette_subset,
    palette_values,
    source_paths,
    without_palette_link,
)

# Keyed by id(config): the editions share this module.
_bundles: dict[int, dict[str, BuiltBundle]] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        palette_css = find_palette_stylesheet(config.theme.dirs).read_text(encoding="utf-8")
        palette_in_use = palette_subset(palette_css, palette_values(config.theme.get("palette")))
        built = build_bundles(Path(str(config.theme.custom_dir)), palette_in_use)
    except AssetError as error:
        raise PluginError(str(error)) from None
    _bundles[id(config)] = built
    config.extra["hetao_assets"] = {key: bundle.path for key, bundle in built.items()}
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for path in source_paths():
        source = files.get_file_from_path(path)
        if source is not None:
            files.remove(source)
    for bundle in _bundles.pop(id(config)).values():
        files.append(File.generated(config, bundle.path, content=bundle.content))
    return files


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    env.policies["json.dumps_kwargs"] = {**env.policies["json.dumps_kwargs"], "ensure_ascii": False}
    return env


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _without_palette_link(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    return _without_palette_link(output_content) if template_name.endswith(".html") else output_content


def _without_palette_link(page_html: str) -> str:
    try:
        return without_palette_link(page_html)
    except AssetError as error:
        raise PluginError(str(error)) from None
