"""MkDocs hook: assets (thin wrapper around hetao_docs.assets), run once per edition.

on_config builds our CSS and JavaScript bundles from overrides/assets/ (and the dark scheme from
Material's palette stylesheet) and tells the templates their hashed paths
(config.extra.hetao_assets), or the text of those written into pages (config.extra.hetao_inline);
on_files publishes the file bundles instead of their sources; on_env
makes `tojson` (Material's page config, our citation data) write Chinese as UTF-8, not as
\\uXXXX escapes twice its size (it still escapes < > & ' for HTML).
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from hetao_docs.assets import (
    AssetError,
    BuiltBundle,
    build_bundles,
    dark_scheme_css,
    find_palette_stylesheet,
    source_paths,
)

# Keyed by id(config): the editions share this module.
_bundles: dict[int, dict[str, BuiltBundle]] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        palette_css = find_palette_stylesheet(config.theme.dirs).read_text(encoding="utf-8")
        built = build_bundles(Path(str(config.theme.custom_dir)), dark_scheme_css(palette_css))
    except AssetError as error:
        raise PluginError(str(error)) from None
    _bundles[id(config)] = built
    config.extra["hetao_assets"] = {key: bundle.path for key, bundle in built.items() if bundle.path}
    config.extra["hetao_inline"] = {key: bundle.content for key, bundle in built.items() if not bundle.path}
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for path in source_paths():
        source = files.get_file_from_path(path)
        if source is not None:
            files.remove(source)
    for bundle in _bundles.pop(id(config)).values():
        if bundle.path:
            files.append(File.generated(config, bundle.path, content=bundle.content))
    return files


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    env.policies["json.dumps_kwargs"] = {**env.policies["json.dumps_kwargs"], "ensure_ascii": False}
    return env

