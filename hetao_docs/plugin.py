"""The hetao MkDocs plugin: the one module that talks to MkDocs.

It dispatches MkDocs' events to the concern modules, which are plain typed Python (editions,
strings, terms, links, search, hosting, assets, material), and keeps one build's state on the
plugin instance. Each event below lists, in order, what runs in it. The primary edition's build
(mkdocs.yml) builds the other editions after itself, one after another, in this process.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import html
import json
import logging
import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import jinja2
from mkdocs.commands.build import build
from mkdocs.config import base, load_config
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError, PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from hetao_docs import conversions, hosting, language_parts, links, material, provenance, reading_build
from hetao_docs import editions as editions_mod
from hetao_docs import releases as releases_mod
from hetao_docs.assets import AssetError, BuiltBundle, build_bundles, source_paths
from hetao_docs.chinese import HongKongTable, HongKongTableError, load_hong_kong_table, to_hong_kong, to_hong_kong_markdown
from hetao_docs.editions import Edition, EditionError, Editions
from hetao_docs.held_html import HeldBlocks, HeldHtmlError, hold_blocks
from hetao_docs.search import SearchRankError, compact_index, finder_script, section_boosts, term_finder
from hetao_docs.strings import Catalog, CatalogError, load_catalogs
from hetao_docs.terms import InlineDefinitions, Term, TermBaseError, check_page, load_terms
from hetao_docs.terms.build import GENERATED_FILES, generate, nav_order
from hetao_docs.terms.load import hant_phrases
from hetao_docs.terms.occurrences import Occurrences
from hetao_docs.terms.render import GLOSSARY_PAGE, docs_url, labels_from

if TYPE_CHECKING:  # a type only: importing it loads the dev server (~25 ms) into every build
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.hetao")  # under "mkdocs", so --strict counts its warnings

VENDORED_IFRAME_WORKER = "assets/vendor/iframe-worker/shim.js"


class HetaoConfig(base.Config):
    edition = c.Type(str)  # a code of the edition table
    editions = c.File(exists=True, default="data/editions.yml")
    terms = c.File(exists=True, default="data/terms.yaml")
    strings = c.Dir(exists=True, default="data/strings")
    redirects = c.Optional(c.File(exists=True))
    hong_kong = c.Optional(c.File(exists=True))  # the Hong Kong phrase table (converted editions)
    article = c.Optional(c.File(exists=True))  # the article's numbered paragraphs (provenance)
    offline_zip = c.Optional(c.Type(str))  # a built offline copy to publish as downloads/hetao-offline.zip
    releases = c.Optional(c.File(exists=True))  # the change log
    archives = c.Type(str, default="releases")  # the folder of cut releases, each as built
    archive = c.Optional(c.Type(str))  # "v2026.12": build the archive of this release (docs.py release); "v" keeps YAML from reading a number
    fingerprints_out = c.Optional(c.Type(str))  # write every edition's section fingerprints here
    published_url = c.Type(str, default="")  # the published address ("": none configured)
    report_issues = c.Type(str, default="")  # a repository's "new issue" URL for "Report an error"


@dataclass
class _Build:
    """What one edition's build knows, from on_config to on_post_build."""

    project: Path
    editions: Editions
    edition: Edition
    source: Edition  # whose pages it shows (itself, or the edition it is converted from)
    catalog: Catalog
    terms: list[Term]
    hong_kong: HongKongTable | None
    phrases: dict[str, str]  # the term base's Traditional forms, for converted editions
    root: str  # the whole site's URL (the primary edition's root)
    bundles: dict[str, BuiltBundle]
    inline: InlineDefinitions
    hosting_texts: dict[str, str]
    paragraphs: tuple[provenance.Paragraph, ...] = ()
    occurrences: Occurrences | None = None
    glossary_url: str = ""
    refs: tuple[provenance.SectionRef, ...] = ()  # sections that name their paragraphs
    urls: dict[str, str] = field(default_factory=dict)  # page path in the docs dir → its URL
    releases: tuple[releases_mod.Release, ...] = ()
    cut: tuple[releases_mod.Archive, ...] = ()  # the releases cut so far, oldest first
    release: releases_mod.Release | None = None  # the release this build is (archive) or the newest cut one
    archived: bool = False  # building the archive of `release`
    records: tuple[tuple[str, dict[str, dict[str, str]]], ...] = ()  # (version, page → fingerprints), oldest first
    history: dict[str, dict[str, releases_mod.SectionHistory]] = field(default_factory=dict)  # page → section → history
    changes_url: str = ""
    held: dict[str, HeldBlocks] = field(default_factory=dict)  # generated page → its HTML blocks, out of Markdown
    search_boosts: dict[str, float] = field(default_factory=dict)  # index location → boost (search.section_boosts)

    def shown(self, path: Path) -> str:
        return path.relative_to(self.project).as_posix() if path.is_relative_to(self.project) else path.as_posix()

    @property
    def converted(self) -> bool:
        return self.source is not self.edition


class HetaoPlugin(BasePlugin[HetaoConfig]):
    def __init__(self) -> None:
        super().__init__()
        self._build: _Build | None = None
        self._serving = False
        self._code = ""
        self._fingerprints: releases_mod.Fingerprints = {}  # every edition's, for docs.py release
        self._parents: dict[str, dict[str, dict[str, str]]] = {}  # edition → page → section → the section it is in

    @property
    def state(self) -> _Build:
        if self._build is None:
            raise PluginError("hetao: an event ran before on_config")
        return self._build

    # MkDocs keeps a plugin that has on_startup for the whole command (every serve rebuild, and the
    # other editions' builds, which run after this edition's last event and start with on_config).
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._serving = command == "serve"
        self._code = _code_fingerprint()

    # Our code, templates and assets, wherever the package is installed (mkdocs.yml's `watch` must
    # not name them: a project that uses the installed plugin has no hetao_docs/ folder).
    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., Any]) -> LiveReloadServer:
        server.watch(str(resources.files("hetao_docs")))
        return server

    @event_priority(100)  # before Material's search plugin reads the theme language
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self._serving and _code_fingerprint() != self._code:
            _restart_serve(Path(config.site_dir))  # MkDocs never re-imports a plugin: load our edited code
        try:
            self._build = build_state = self._load(config)
        except (
            EditionError, CatalogError, TermBaseError, HongKongTableError, AssetError, material.MaterialError,
            provenance.ProvenanceError, releases_mod.ReleaseError,
        ) as error:
            raise PluginError(str(error)) from None
        edition = build_state.edition
        # editions: the edition's pages, theme language and templates
        config.docs_dir = str(build_state.project / build_state.source.docs_dir)
        config.theme["language"] = edition.theme_language
        config.theme.dirs.insert(0, str(resources.files("hetao_docs") / "theme"))
        # material: its search segments the same Chinese text once (generated pages, other editions)
        material.remember_jieba_words()
        if edition is build_state.editions.primary:
            problems = editions_mod.missing_pages(build_state.project, build_state.editions)
            if problems:
                raise PluginError("\n".join(problems))
        # strings: the ¶ title, Material's strings and <html lang>
        config.mdx_configs.setdefault("toc", {})["permalink_title"] = build_state.catalog["toc.permalink_title"]
        config.extra["hetao_material"] = {**build_state.catalog.material(), "language": edition.lang}
        config.extra["hetao_reading"] = {  # term tips (and the lang of their Chinese), print header, light/dark
            **build_state.catalog.group("reading"), "term_chinese": language_parts.quoted_chinese(edition, build_state.editions)}
        # editions: the switcher (the editions' roots; on pages, the same page) and the sitemap's alternates
        config.extra["alternate"] = editions_mod.switcher_roots(build_state.editions, build_state.root)
        config.extra["hetao_hreflang"] = [
            {"lang": link["hreflang"], "root": link["href"]}
            for link in editions_mod.hreflang_links(build_state.editions, "", build_state.root)
        ]
        # assets: what the templates load
        config.extra["hetao_assets"] = {k: b.path for k, b in build_state.bundles.items() if b.path}
        config.extra["hetao_inline"] = {k: b.content for k, b in build_state.bundles.items() if not b.path}
        # releases: which release this is (the templates show it on every page)
        if edition is build_state.editions.primary:
            self._fingerprints, self._parents = {}, {}
        config.extra["hetao_release"] = self._release_context(build_state)
        # hosting: attribution, cite buttons, 404, share tags
        config.extra["hosting"] = {
            "texts": build_state.hosting_texts,
            "og_locale": edition.og_locale,
            "og_locale_alternates": [e.og_locale for e in build_state.editions if e is not edition],
            "other_prefixes": [e.prefix for e in build_state.editions.siblings] if edition is build_state.editions.primary else [],
            "cite": {
                "english": edition.is_english,
                "lang": edition.lang,
                "edition": edition.label,
                "report": self.config.report_issues,
                **hosting.article_fields(edition),
                **{k: v for k, v in build_state.hosting_texts.items() if k.startswith(("cite", "citation", "report_"))},
            },
        }
        return config

    def _release_context(self, state: _Build) -> dict[str, Any] | None:
        release = state.release
        if release is None:
            return None
        return {
            "version": release.version,
            "date": hosting.format_date(release.date, state.edition),
            "iso_date": release.date.isoformat(),
            "archived": state.archived,
            "texts": state.catalog.group("releases"),
            # what hosting.js says of a changed section and of the release a citation names
            "notice": {k: v for k, v in state.catalog.group("releases").items() if k.startswith(("notice", "unreleased_short", "release_"))},
        }

    def _load(self, config: MkDocsConfig) -> _Build:
        project = Path(config.config_file_path).resolve().parent

        def shown(path: str) -> str:
            return os.path.relpath(path, project)

        editions = editions_mod.load_editions(Path(self.config.editions), shown(self.config.editions))
        edition = editions.get(self.config.edition, f"{shown(config.config_file_path)}: plugins.hetao.edition")
        if (project / edition.config).resolve() != Path(config.config_file_path).resolve():
            raise EditionError(
                f"{shown(self.config.editions)}: edition '{edition.code}': field 'config': {edition.config!r}, "
                f"but it is built from {shown(config.config_file_path)}"
            )
        if not config.site_url:
            raise EditionError(f"{edition.config}: site_url is required (hreflang links and the sitemap need absolute URLs)")
        source = editions.source_of(edition)
        catalog = load_catalogs(Path(self.config.strings), editions.codes, shown(self.config.strings))[edition.code]
        conversions.use_folder(project / ".cache")  # OpenCC's results of earlier builds
        check_page.use_cache_folder(project / ".cache")  # and pinyin readings (the term check's homophones)
        terms = load_terms(Path(self.config.terms), display_name=shown(self.config.terms), cache_dir=project / ".cache")
        hong_kong = load_hong_kong_table(Path(self.config.hong_kong)) if self.config.hong_kong else None
        theme_dirs = [str(resources.files("hetao_docs") / "theme"), *config.theme.dirs]
        palette = material.find_palette_stylesheet(theme_dirs).read_text(encoding="utf-8")
        bundles = build_bundles(Path(str(resources.files("hetao_docs") / "theme")), material.dark_scheme_css(palette))
        paragraphs = provenance.load_article(Path(self.config.article), shown(self.config.article)) if self.config.article else ()
        releases = releases_mod.load_releases(Path(self.config.releases), shown(self.config.releases)) if self.config.releases else ()
        cut = tuple(releases_mod.archives(releases, project / self.config.archives))
        shown_release = cut[-1].release if cut else None
        if self.config.archive:
            wanted = self.config.archive.removeprefix("v")
            found = [r for r in releases if r.version == wanted]
            if not found:
                raise releases_mod.ReleaseError(f"{shown(self.config.releases or 'data/releases.yml')}: no release '{wanted}' to archive")
            shown_release = found[0]
            cut = tuple(a for a in cut if a.release.key < shown_release.key)
        return _Build(
            releases=releases,
            cut=cut,
            release=shown_release,
            archived=bool(self.config.archive),
            records=tuple((a.release.version, a.fingerprints().get(edition.code, {})) for a in cut),
            paragraphs=paragraphs,
            project=project,
            editions=editions,
            edition=edition,
            source=source,
            catalog=catalog,
            terms=terms,
            hong_kong=hong_kong,
            phrases=hant_phrases(terms) if edition.is_traditional else {},
            root=editions_mod.site_root(str(config.site_url), edition),
            bundles=bundles,
            inline=InlineDefinitions(terms, edition),
            hosting_texts=hosting.edition_texts(catalog, edition),
        )

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        state = self.state
        # assets: publish the bundles instead of their sources
        for path in source_paths():
            found = files.get_file_from_path(path)
            if found is not None:
                files.remove(found)
        for bundle in state.bundles.values():
            if bundle.path:
                files.append(File.generated(config, bundle.path, content=bundle.content))
        # terms: where each term occurs, the glossary, the index of terms and the exports
        docs_dir = state.source.docs_dir
        for path in GENERATED_FILES:
            committed = files.get_file_from_path(path)
            if committed is not None and committed.generated_by is None:
                raise PluginError(f"{docs_dir}/{path}: generated from the term base on every build; delete this copy")
        pages = {f.src_uri: f for f in files.documentation_pages()}
        order = [p for p in nav_order(config.nav) if p in pages] + sorted(set(pages) - set(nav_order(config.nav)))
        result = generate(
            state.terms,
            state.edition,
            state.source,
            [(p, pages[p].content_string) for p in order],
            labels_from(state.catalog.group("glossary")),
            term_base=os.path.relpath(self.config.terms, state.project),
            docs_dir=docs_dir,
            url=docs_url(config.use_directory_urls),  # the offline copy has page.html URLs
            hong_kong=state.hong_kong,
            check_texts=state.catalog.group("term_check"),
        )
        for warning in result.warnings:
            log.warning(warning)
        for path, content in result.files.items():
            files.append(File.generated(config, path, content=content))
        state.occurrences = result.occurrences
        # releases: the change log page
        if state.releases:
            state.changes_url = docs_url(config.use_directory_urls)(releases_mod.CHANGES_PAGE).removeprefix("../")
            files.append(File.generated(config, releases_mod.CHANGES_PAGE, content=self._changes_page(files, config)))
        glossary = files.get_file_from_path(GLOSSARY_PAGE)
        state.glossary_url = glossary.url if glossary else GLOSSARY_PAGE
        # provenance: which sections name which paragraphs of the article
        state.urls = {f.src_uri: f.url for f in files.documentation_pages()}
        refs = [
            ref for path in order if path not in GENERATED_FILES
            for ref in provenance.section_refs(path, pages[path].content_string)
        ]
        problems = provenance.reference_problems(refs, state.paragraphs, docs_dir) if state.paragraphs else []
        if problems:
            raise PluginError("\n".join(problems))
        if state.converted:
            convert = lambda text: to_hong_kong(text, state.phrases, state.hong_kong)  # noqa: E731
            refs = [dataclasses.replace(r, title=convert(r.title), page_title=convert(r.page_title)) for r in refs]
        state.refs = tuple(refs)
        # hosting: where the attribution links; Material's offline plugin asks for a third-party shim
        source_page = files.get_file_from_path(hosting.SOURCE_PAGE)
        config.extra["hosting"]["source_url"] = source_page.url if source_page else ""
        polyfills = config.extra.get("polyfills") or []
        config.extra["polyfills"] = [VENDORED_IFRAME_WORKER if "iframe-worker" in p else p for p in polyfills]
        return files

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        # tojson (Material's page config, our citation data) writes Chinese as UTF-8, not \uXXXX
        env.policies["json.dumps_kwargs"] = {**env.policies["json.dumps_kwargs"], "ensure_ascii": False}
        # Material's ~60 templates compiled once, not again by every edition and serve rebuild
        env.bytecode_cache = jinja2.FileSystemBytecodeCache()
        return env

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        state = self.state
        # links: every heading of an authored page has an explicit, unique ASCII { #id }
        if page.file.generated_by is None:
            problems = links.heading_id_problems(markdown, state.shown(Path(page.file.abs_src_path or page.file.src_uri)))
            if problems:
                raise PluginError("\n".join(problems))
        # editions: a converted edition's page text and title (generated pages arrive converted)
        if state.converted and not page.meta.get("generated"):
            if isinstance(page.meta.get("title"), str):
                page.meta["title"] = to_hong_kong(page.meta["title"], state.phrases, state.hong_kong)
            markdown = to_hong_kong_markdown(markdown, state.phrases, state.hong_kong)
        # releases: each section's fingerprint, its history, the page's last change (sitemap lastmod)
        if state.releases and page.file.src_uri != releases_mod.CHANGES_PAGE:
            prints = releases_mod.section_fingerprints(markdown)
            self._fingerprints.setdefault(state.edition.code, {})[page.file.src_uri] = prints
            self._parents.setdefault(state.edition.code, {})[page.file.src_uri] = releases_mod.section_parents(markdown)
            history = releases_mod.histories([(v, pages.get(page.file.src_uri, {})) for v, pages in state.records], prints)
            if state.archived and state.release is not None:  # the release being cut is where today's text comes from
                cut_now = state.release.version
                history = {k: releases_mod.SectionHistory(h.changed_in + (cut_now,), False) if h.unreleased else h for k, h in history.items()}
            state.history[page.file.src_uri] = history
            page.update_date = self._last_change_date(history[""]).isoformat()
        # performance: a generated page's HTML blocks skip Markdown (put back in on_page_content)
        if page.meta.get("generated"):
            markdown, state.held[page.file.src_uri] = hold_blocks(markdown)
        return markdown

    def _last_change_date(self, history: releases_mod.SectionHistory) -> datetime.date:
        if history.unreleased or history.last_changed is None:
            return datetime.date.today()
        return next(r.date for r in self.state.releases if r.version == history.last_changed)

    def _changes_page(self, files: Files, config: MkDocsConfig) -> str:
        state = self.state
        titles: dict[str, dict[str, str]] = {}
        for file in files.documentation_pages():
            headings = list(links.markdown_headings(file.content_string))
            page_title = next((h.text for h in headings if h.text), file.src_uri)
            titles[file.src_uri] = {"": page_title, **{h.id: h.text for h in headings if h.id}}

        def convert(text: str) -> str:
            return to_hong_kong(text, state.phrases, state.hong_kong) if state.converted else text

        def link_text(section: str) -> str:
            page, _, section_id = section.partition("#")
            found = titles.get(page, {})
            if section_id not in found:
                raise PluginError(f"{self.config.releases}: a change names {section!r}, which {state.source.docs_dir} does not have")
            text = found[""] if not section_id else f"{found['']} › {found[section_id]}"
            return text if page in GENERATED_FILES else convert(text)

        cut = {a.release.version for a in state.cut} | ({state.release.version} if state.archived and state.release else set())
        return releases_mod.changes_markdown(
            state.releases,
            language="en" if state.edition.is_english else "zh",
            texts=state.catalog.group("releases"),
            link_text=link_text,
            convert=convert,
            date=lambda day: hosting.format_date(day, state.edition),
            archive_href=lambda version: (
                get_relative_url(f"{releases_mod.ARCHIVE_PREFIX}{version}/{state.edition.prefix}", state.edition.prefix + state.changes_url)
                if version in cut and not state.archived and config.use_directory_urls else None
            ),
        )

    def on_page_content(self, html_content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        state = self.state
        source_name = state.shown(Path(page.file.abs_src_path or page.file.src_uri))
        held = state.held.pop(page.file.src_uri, None)
        if held is not None:
            try:
                html_content = held.restore(html_content)
            except HeldHtmlError as error:
                raise PluginError(f"{source_name}: {error}") from None
            page.present_anchor_ids = (page.present_anchor_ids or set()) | held.anchor_ids()
        # hosting: the page's description (its first paragraph, before anything is added)
        given = page.meta.get("description")
        description = str(given) if given else hosting.page_description(html_content)
        if description:
            page.meta["description"] = html.escape(description)  # Material prints it unescaped
        # links: no automatic heading id; every ¶ copies the section's full URL
        problems = links.rendered_heading_problems(html_content, source_name)
        if problems:
            raise PluginError("\n".join(problems))
        published = self._published_page_url(page)
        if published:  # without a published address, hosting.js copies the address the reader is on
            html_content = links.add_copy_targets(html_content, published)
        # search: reference pages and sections about the site rank below content
        try:
            state.search_boosts.update(section_boosts(page.url, html_content, bool(page.meta.get("generated"))))
        except SearchRankError as error:
            raise PluginError(f"{source_name}: {error}") from None
        # terms: inline definitions where the occurrence model finds each term
        if not page.meta.get("generated") and state.occurrences is not None:
            occurrences = state.occurrences
            html_content = state.inline.annotate(
                html_content,
                get_relative_url(state.glossary_url, page.url),
                lambda section: occurrences.terms_in(page.file.src_uri, section or None),
            )
        # provenance: under each heading, the paragraphs it summarises; on the source page, the map
        if state.paragraphs:
            texts = state.catalog.group("provenance")
            source_url = get_relative_url(state.urls.get(hosting.SOURCE_PAGE, hosting.SOURCE_PAGE), page.url)
            html_content = provenance.add_provenance_lines(html_content, texts, source_url)
            if page.file.src_uri == hosting.SOURCE_PAGE and f'id="{provenance.MAP_ANCHOR}"' in html_content:
                html_content = hosting.insert_after_section(html_content, provenance.MAP_ANCHOR, self._source_map(page, texts))
                # the map's entries are anchors other pages may link (MkDocs validates them after this event)
                anchors = {provenance.PARAGRAPH_ANCHOR.format(number=p.number) for p in state.paragraphs}
                page.present_anchor_ids = (page.present_anchor_ids or set()) | anchors
        # releases: under each h2 of an authored page, the release it last changed in
        history = state.history.get(page.file.src_uri)
        if history and not page.meta.get("generated"):
            html_content = self._last_changed_lines(html_content, history, page, config)
        # hosting: the source page's "how to cite" gets the cite button's citation of itself
        if page.file.src_uri == hosting.SOURCE_PAGE and f'id="{hosting.HOW_TO_CITE_ID}"' in html_content:
            html_content = self._add_how_to_cite(html_content, page, config)
        return html_content

    def _published_page_url(self, page: Page) -> str:
        """The page's published address, with the release it is cited in ("" when none is configured)."""
        state = self.state
        if not self.config.published_url:
            return ""
        url = hosting.permanent_url(state.root + state.edition.prefix, page.file.src_uri)
        return f"{url}?release={state.release.version}" if state.release else url

    def _last_changed_lines(self, html_content: str, history: dict[str, releases_mod.SectionHistory], page: Page, config: MkDocsConfig) -> str:
        state = self.state
        template = config.extra["hetao_release"]["texts"]["last_changed"]
        changes_href = get_relative_url(state.changes_url, page.url)
        by_version = {r.version: r for r in state.releases}

        def line(section_id: str) -> str | None:
            found = history.get(section_id)
            if found is None or found.last_changed is None or found.unreleased:
                return None
            release = by_version[found.last_changed]
            text = html.escape(template.format(version=release.version, date=hosting.format_date(release.date, state.edition)))
            return f'<p class="hetao-changed" data-search-exclude><a href="{html.escape(changes_href)}#{release.anchor}">{text}</a></p>'

        return releases_mod.add_after_h2(html_content, line)

    def _source_map(self, page: Page, texts: dict[str, Any]) -> str:
        state = self.state
        edition = state.edition

        def summary(paragraph: provenance.Paragraph) -> str:
            if edition.is_english:
                return paragraph.summary_en
            return to_hong_kong(paragraph.summary_zh, state.phrases, state.hong_kong) if state.converted else paragraph.summary_zh

        return provenance.source_map(
            state.paragraphs, state.refs, texts, summary, lambda path: get_relative_url(state.urls[path], page.url)
        )

    def _add_how_to_cite(self, html_content: str, page: Page, config: MkDocsConfig) -> str:
        state = self.state
        section = hosting.section_title(html_content, hosting.HOW_TO_CITE_ID)
        zip_href = None
        if self.config.offline_zip:
            zip_href = hosting.site_relative_href(state.edition.prefix + page.url, hosting.OFFLINE_ZIP_PATH)
        release = state.release
        url = self._published_page_url(page) or (
            hosting.permanent_url(state.root + state.edition.prefix, page.file.src_uri)
            + (f"?release={release.version}" if release else "")
        )
        cited = hosting.Cited(
            site=config.site_name, page=page.title or "", section=section, url=f"{url}#{hosting.HOW_TO_CITE_ID}",
            release=release.version if release else "", release_date=release.date if release else datetime.date.today(),
            own_text=False,
        )
        block = hosting.how_to_cite_block(
            state.hosting_texts, state.edition, cited, accessed=datetime.date.today(), offline_zip_href=zip_href,
            release_line=self._release_line(page, config) if release else "",
        )
        return hosting.insert_after_section(html_content, hosting.HOW_TO_CITE_ID, block)

    def _release_line(self, page: Page, config: MkDocsConfig) -> str:
        """"Cited from release X (date): archived · Changes", linked, for the source page's example."""
        state = self.state
        release = state.release
        assert release is not None
        texts = state.catalog.group("releases")
        here = state.edition.prefix + page.url
        links = []
        if not state.archived and config.use_directory_urls and any(a.release is release for a in state.cut):
            archived = get_relative_url(f"{releases_mod.ARCHIVE_PREFIX}{release.version}/{here}", here)
            links.append(f'<a href="{html.escape(archived)}#{hosting.HOW_TO_CITE_ID}">{html.escape(texts["release_archive"])}</a>')
        changes = get_relative_url(state.changes_url, page.url)
        links.append(f'<a href="{html.escape(changes)}#{release.anchor}">{html.escape(texts["release_changes"])}</a>')
        line = texts["release_line"].format(release=release.version, date=hosting.format_date(release.date, state.edition))
        return f'<p class="hetao-cite-examples__release">{html.escape(line)} {" · ".join(links)}</p>'

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        state = self.state
        # editions: hreflang links to the page in every edition
        ours = cast(dict[str, Any], context)  # the templates read these keys
        ours["hetao_hreflang_links"] = editions_mod.hreflang_links(state.editions, page.url, state.root)
        # hosting: the page's published address (also in the offline copy)
        ours["hetao_permanent_url"] = hosting.permanent_url(config.site_url or "/", page.file.src_uri)
        # releases: the page's release and its sections' changes (cite buttons, the "changed since" notice)
        release = state.release
        history = state.history.get(page.file.src_uri, {})
        page_history = history.get("")
        site_root_href = get_relative_url(".", state.edition.prefix + page.url).rstrip("/") + "/"
        if state.archived:
            current = f"{releases_mod.ADDRESS_TOKEN}{state.edition.prefix}{page.url}"
            page.canonical_url = current  # search engines: the current text is the page
            ours["hetao_current_url"] = current
        published = self._published_page_url(page)  # with ?release=…, or "" when none is configured
        own = bool(page.meta.get("generated"))
        changes = get_relative_url(state.changes_url, page.url) if state.changes_url else ""
        ours["hetao_published_url"] = published.split("?")[0]
        ours["hetao_cite"] = {
            "url": ours["hetao_published_url"] or None,
            "site": config.site_name,
            "own": own,
            "release": release.version if release else "",
            "release_date": release.date.isoformat() if release else "",
            "versions": [a.release.version for a in state.cut] + ([release.version] if state.archived and release else []),
            "changed": {k: list(h.changed_in) for k, h in history.items() if k and len(h.changed_in) > 1},
            "unreleased": [k for k, h in history.items() if k and h.unreleased],
            "archived": state.archived,
            "root": site_root_href,  # relative: any host; the offline copy uses published_root
            "published_root": (state.root if self.config.published_url and not state.archived else ""),
            "page_path": state.edition.prefix + page.url,
            "changes": changes,
            "cite": config.extra["hosting"]["cite"],
            "notice": config.extra["hetao_release"]["notice"] if release else {},
        }
        if release:  # the page's release line and the print header
            ours["hetao_release"] = {
                "version": release.version, "date": hosting.format_date(release.date, state.edition), "url": published,
                "unreleased": bool(page_history and page_history.unreleased),
                "changes": f"{changes}#{release.anchor}" if changes else "",
            }
        ours["hetao_meta"] = hosting.citation_meta(
            site=config.site_name, title=page.title or config.site_name, url=ours["hetao_published_url"], lang=state.edition.lang,
            release=release.version if release else "", date=(page.update_date or ""), site_root=state.root, own_text=own,
        )
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        state = self.state
        same_page = editions_mod.same_page_links(state.editions, state.edition, page.url)
        output = language_parts.mark_page(output, state.edition, state.editions)  # reading: lang of Chinese in English text
        return self._theme_output(output, same_page)

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        return self._theme_output(output_content, None) if template_name.endswith(".html") else output_content

    def _theme_output(self, output: str, same_page: dict[str, str] | None) -> str:
        # material: the switcher on the same page, our hreflang links instead of Material's, our
        # search worker wrapper
        worker = self.state.bundles["search_worker"].path.rsplit("/", 1)[-1]
        return material.use_search_worker(material.localize_theme_links(output, same_page), worker)

    @event_priority(-100)  # after every other plugin's (Material's search index is written)
    def on_post_build(self, config: MkDocsConfig) -> None:
        state = self.state
        site_dir = Path(config.site_dir)
        # search: the edition's index written compactly, its term finder beside it
        index_path = site_dir / material.SEARCH_INDEX
        if index_path.is_file():
            index_json = compact_index(index_path.read_text(encoding="utf-8"), state.search_boosts)
            index_path.write_text(index_json, encoding="utf-8")
            inlined = site_dir / material.INLINED_INDEX
            if inlined.is_file():  # the offline copy: Material's offline plugin inlined it before us
                inlined.write_text(material.inline_index(index_json), encoding="utf-8")
            assert state.occurrences is not None
            finder = term_finder(
                state.terms,
                state.edition,
                {**state.catalog.group("finder"), "ranking": state.catalog.group("search_ranking")},
                state.glossary_url,
                state.occurrences,
                lambda path: docs_url(config.use_directory_urls)(path).removeprefix("../"),
            )
            (index_path.parent / "term_finder.js").write_text(finder_script(finder), encoding="utf-8")
        # links: redirect pages for moved pages, in every edition
        if self.config.redirects:
            try:
                links.write_redirects(
                    site_dir, links.load_redirects(Path(self.config.redirects)), config.site_url or "",
                    Path(state.shown(Path(self.config.redirects))),
                )
            except links.RedirectError as error:
                raise PluginError(str(error)) from None
        if state.edition is not state.editions.primary:
            conversions.save()
            check_page.save_readings()
            return
        # releases: every cut release, as it was cut, under releases/<version>/ (not in the offline copy)
        if not state.archived and config.use_directory_urls:
            for archive in state.cut:
                shown = state.shown(archive.folder)
                try:
                    releases_mod.verify(archive, shown)
                except releases_mod.ReleaseError as error:
                    raise PluginError(str(error)) from None
                releases_mod.publish(archive, site_dir / releases_mod.ARCHIVE_PREFIX / archive.release.version, state.root)
        # hosting: robots.txt and the offline copy live once, at the root of the whole site
        sitemaps = [f"{e.prefix}sitemap.xml" for e in state.editions]
        (site_dir / "robots.txt").write_text(hosting.robots_txt(config.site_url or "/", sitemaps), encoding="utf-8")
        if self.config.offline_zip:
            target = site_dir / hosting.OFFLINE_ZIP_PATH
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self.config.offline_zip, target)
        # editions: the other editions, one after another, into <site_dir>/<prefix>. Last: they
        # reuse this plugin instance (and Material's search plugin), each from its own on_config.
        for sibling in state.editions.siblings:
            self._build_sibling(config, state, sibling)
        if not state.archived:  # reading: pages side by side, 404 pages that work anywhere (reading_build.py)
            reading_build.after_editions(site_dir, state.editions, Path(self.config.strings), state.project / state.edition.docs_dir,
                                         config.use_directory_urls, config.site_url or "/")
        if self.config.fingerprints_out:
            Path(self.config.fingerprints_out).write_text(
                json.dumps({"editions": self._fingerprints, "parents": self._parents}, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
            )
        conversions.save()
        check_page.save_readings()
        self._build = None

    def _build_sibling(self, config: MkDocsConfig, state: _Build, sibling: Edition) -> None:
        try:
            sibling_config = load_config(
                config_file=str(state.project / sibling.config),
                site_dir=os.path.join(config.site_dir, sibling.prefix),
                site_url=state.root + sibling.prefix,
                strict=config.strict,
                use_directory_urls=config.use_directory_urls,
            )
            build(sibling_config)
        except (Abort, BuildError, SystemExit, EditionError) as error:
            detail = f": {error}" if str(error) else ""
            raise PluginError(f"{sibling.config}: the {sibling.code} edition failed to build{detail}") from None


def _code_fingerprint() -> str:
    """A digest of our package's files (code, templates, assets), to notice an edit under serve."""
    digest = hashlib.sha256()
    package = Path(str(resources.files("hetao_docs")))
    for path in sorted(package.rglob("*.py")):
        digest.update(path.as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _restart_serve(site_dir: Path) -> None:
    """Start `mkdocs serve` again in this process, with the same arguments and our new code. The new
    process builds into a temporary folder of its own: this one's (`site_dir`) would be left behind."""
    log.info("hetao: the plugin's code changed; restarting mkdocs serve to load it")
    if site_dir.name.startswith("mkdocs_"):  # serve's temporary folder (tempfile.mkdtemp), never a site/
        shutil.rmtree(site_dir, ignore_errors=True)
    logging.shutdown()
    os.execv(sys.executable, [sys.executable, *sys.orig_argv[1:]])
