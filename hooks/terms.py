"""MkDocs hook: terms (thin wrapper around hetao_docs.terms).

on_config loads and validates data/terms.yaml once per build (a bad term base aborts the build
before anything is written); on_files scans the edition's pages and adds the generated glossary,
index of policy terms and exports; on_page_content adds the inline definitions. Generated pages
carry `generated: true` in page.meta, which tells the Traditional converter to leave them alone.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from hetao_docs.terms import EDITIONS, Edition, InlineDefinitions, Term, TermBaseError, generate, load_terms
from hetao_docs.terms.build import GENERATED_FILES, nav_order
from hetao_docs.terms.render import GLOSSARY_PAGE, docs_url

ROOT = Path(__file__).resolve().parent.parent
TERM_BASE = "data/terms.yaml"
log = logging.getLogger("mkdocs.hooks.terms")  # under "mkdocs", so --strict counts its warnings


@dataclass
class _Build:
    edition: Edition
    terms: list[Term]
    inline: InlineDefinitions


# Keyed by id(config): hooks/editions.py may run the other editions' builds in this process.
_builds: dict[int, _Build] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    edition = config.extra.get("edition", "zh")
    if edition not in EDITIONS:
        raise PluginError(f"mkdocs.yml: extra.edition must be one of {', '.join(EDITIONS)}, not {edition!r}")
    try:
        terms = load_terms(ROOT / TERM_BASE, display_name=TERM_BASE)
    except TermBaseError as error:
        raise PluginError(str(error)) from None
    _builds[id(config)] = _Build(edition, terms, InlineDefinitions(terms, edition))
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = _builds[id(config)]
    docs_dir = os.path.relpath(config.docs_dir, ROOT)
    for path in GENERATED_FILES:
        committed = files.get_file_from_path(path)
        if committed is not None and committed.generated_by is None:
            raise PluginError(f"{docs_dir}/{path}: generated from {TERM_BASE} on every build; delete this copy")
    pages = {f.src_uri: f for f in files.documentation_pages()}
    order = [p for p in nav_order(config.nav) if p in pages] + sorted(set(pages) - set(nav_order(config.nav)))
    result = generate(
        build.terms,
        build.edition,
        [(p, pages[p].content_string) for p in order],
        term_base=TERM_BASE,
        docs_dir=docs_dir,
        url=docs_url(config.use_directory_urls),  # the offline copy has page.html URLs
    )
    for warning in result.warnings:
        log.warning(warning)
    for path, content in result.files.items():
        files.append(File.generated(config, path, content=content))
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.meta.get("generated"):
        return html
    glossary = files.get_file_from_path(GLOSSARY_PAGE)
    assert glossary is not None  # added in on_files
    return _builds[id(config)].inline.annotate(html, get_relative_url(glossary.url, page.url))


def on_post_build(config: MkDocsConfig) -> None:
    _builds.pop(id(config), None)
