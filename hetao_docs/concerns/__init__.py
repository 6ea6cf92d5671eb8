"""The plugin's concerns: each is an object with its own state and the page transforms it owns,
called by `plugin.py` event by event, in the order of `concerns()` (the one place that order is
written). They adapt MkDocs' objects (config, files, pages) to the plain modules that hold the
logic (editions, terms, links, releases, provenance, hosting, search, material).

Adding a concern: a class with the hooks it needs (`Concern`'s methods; each does nothing by
default), and one line in `concerns()` at the place its work must run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hetao_docs import conversions, language_parts, project_files
from hetao_docs import editions as editions_mod
from hetao_docs.chinese import Conversion, edition_conversions
from hetao_docs.editions import Edition, EditionError, Editions, Varieties
from hetao_docs.fragments import Fragments
from hetao_docs.markup import HeadingSlots
from hetao_docs.nav import edition_nav
from hetao_docs.strings import Catalog, load_catalogs
from hetao_docs.terms import Term, check_page, load_terms
from hetao_docs.terms import build as terms_build
from hetao_docs.terms.load import variety_phrases

if TYPE_CHECKING:
    import jinja2
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from hetao_docs.config import HetaoConfig

THEME = str(resources.files("hetao_docs") / "theme")


@dataclass(frozen=True)
class EditionContext:
    """What one edition's build is, fixed in on_config; every concern reads it, none changes it."""

    project: Path
    options: HetaoConfig  # the plugin's options (paths are absolute)
    editions: Editions
    edition: Edition
    source: Edition  # whose pages it shows (itself, or the edition it is converted from)
    catalog: Catalog
    terms: tuple[Term, ...]
    conversions: dict[str, Conversion]  # every converted edition's, by language tag (data/editions.yml)
    conversion: Conversion | None  # this edition's, if it is converted
    phrases: dict[str, str]  # the term base's forms in a converted edition's variety
    root: str  # the whole site's URL (the primary edition's root)
    theme_dirs: tuple[str, ...]  # the theme's folders: ours, then the configured ones (custom_dir, Material)
    fragments: Fragments  # the theme's HTML fragment templates

    def shown(self, path: Path | str) -> str:
        path = Path(path)
        return path.relative_to(self.project).as_posix() if path.is_relative_to(self.project) else path.as_posix()

    @property
    def converted(self) -> bool:
        return self.source is not self.edition

    def convert(self, text: str) -> str:
        """Text of the source edition as this edition shows it."""
        return self.conversion.text(text, self.phrases) if self.conversion is not None else text


def _term_base(project: Path, path: Path, varieties: Varieties) -> tuple[Term, ...]:
    """The term base as every build loads it: one set of arguments, so every load of one text
    shares one entry of load_terms' cache."""
    return tuple(load_terms(path, varieties, display_name=os.path.relpath(path, project), cache_dir=project / project_files.BUILD_CACHE))


def load_term_base(project: Path) -> None:
    """The term base at its default place, loaded as `load_context` loads it. The fork server calls
    this before it forks the editions' builds: after an edit of the term base each of them
    validated it again (~0.3 s of CPU each); they now find it loaded. Errors are left to the
    builds to report."""
    editions = editions_mod.load_editions(project / project_files.EDITIONS, project_files.EDITIONS)
    for varieties in {edition.varieties for edition in editions}:
        _term_base(project, project / project_files.TERM_BASE, varieties)


def load_context(options: HetaoConfig, config: MkDocsConfig) -> EditionContext:
    """Read the edition table, the catalog and the term base (errors: EditionError, CatalogError,
    TermBaseError, PhraseTableError, one line each); sets the edition's nav."""
    project = Path(config.config_file_path).resolve().parent

    def shown(path: str) -> str:
        return os.path.relpath(path, project)

    editions = editions_mod.load_editions(Path(options.editions), shown(options.editions))
    edition = editions.get(options.edition, f"{shown(config.config_file_path)}: plugins.hetao.edition")
    if (project / edition.config).resolve() != Path(config.config_file_path).resolve():
        raise EditionError(
            f"{shown(options.editions)}: edition '{edition.code}': field 'config': {edition.config!r}, "
            f"but it is built from {shown(config.config_file_path)}"
        )
    if not config.site_url:
        raise EditionError(f"{edition.config}: site_url is required (hreflang links and the sitemap need absolute URLs)")
    catalog = load_catalogs(Path(options.strings), editions.codes, shown(options.strings), edition.varieties)[edition.code]
    # OpenCC's results of earlier builds and pinyin readings (the term check's homophones), one
    # folder per edition: the editions build at once, each process keeping what it used
    kept = project / project_files.BUILD_CACHE
    conversions.use_folder(kept / edition.code)
    check_page.use_cache_folder(kept / edition.code)
    language_parts.MARKED.use_folder(kept / edition.code)
    terms_build.use_exports_folder(kept)  # the downloads: the same in every edition
    terms = _term_base(project, Path(options.terms), edition.varieties)
    every_conversion = edition_conversions(editions, project)
    conversion = every_conversion.get(edition.lang)
    phrases = variety_phrases(list(terms), edition.lang) if edition.is_traditional else {}
    convert = (lambda text: conversion.text(text, phrases)) if conversion is not None else None
    config.nav = edition_nav(config.nav, primary=edition is editions.primary, catalog=catalog, convert=convert, nav_file=editions.primary.config)
    custom = [config.theme.custom_dir] if config.theme.custom_dir else []
    return EditionContext(
        project=project,
        options=options,
        editions=editions,
        edition=edition,
        source=editions.source_of(edition),
        catalog=catalog,
        terms=terms,
        conversions=every_conversion,
        conversion=conversion,
        phrases=phrases,
        root=editions_mod.site_root(str(config.site_url), edition),
        theme_dirs=(THEME, *config.theme.dirs),
        fragments=Fragments([*custom, THEME, *(d for d in config.theme.dirs if d not in custom)]),
    )


class Concern:
    """One concern of the build; each hook does nothing unless the concern overrides it."""

    def __init__(self, context: EditionContext) -> None:
        self.context = context

    def on_config(self, config: MkDocsConfig) -> None:
        pass

    def on_files(self, files: Files, config: MkDocsConfig) -> None:
        pass

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig) -> None:
        pass

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig) -> str:
        return markdown

    def on_page_content(self, html: str, page: Page, slots: HeadingSlots, config: MkDocsConfig) -> str:
        """`slots`: what to add under a heading (inserted after every concern has run)."""
        return html

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig) -> None:
        pass

    def on_post_page(self, output: str, page: Page | None, config: MkDocsConfig) -> str:
        """`page`: None for a template of the theme (404.html, sitemap.xml)."""
        return output

    def on_post_build(self, site_dir: Path, config: MkDocsConfig) -> None:
        pass


def concerns(context: EditionContext) -> list[Concern]:
    """Every concern, in the order each event calls them (files: terms before the change log, which
    names generated pages; markdown: heading ids before the conversion before the fingerprints;
    content: the description before anything is added, additions under headings in this order)."""
    from hetao_docs.concerns.assets import Assets
    from hetao_docs.concerns.editions import EditionPages, LanguageParts
    from hetao_docs.concerns.hosting import Citation, PageDescription
    from hetao_docs.concerns.links import Links
    from hetao_docs.concerns.material import MaterialFixes
    from hetao_docs.concerns.provenance import Provenance
    from hetao_docs.concerns.releases import Releases
    from hetao_docs.concerns.renderings import OwnRenderings
    from hetao_docs.concerns.search import Search
    from hetao_docs.concerns.terms import Terms

    assets, terms, releases = Assets(context), Terms(context), Releases(context)
    return [
        assets,
        PageDescription(context),
        Links(context, releases),
        EditionPages(context),
        Search(context, terms),
        terms,
        OwnRenderings(context),  # after the inline definitions, as the exactness check reads the page
        Provenance(context),
        releases,
        Citation(context, releases),
        LanguageParts(context),  # after every addition to the page (a section's history)
        MaterialFixes(context, assets),
    ]
