"""Releases: which release this build is (the newest cut one, or the one being cut), the change
log page, each section's fingerprint and history (the sitemap's lastmod, the "last changed" line
under each h2), and this edition's fingerprints for the release cut."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from hetao_docs import feed, history_cache, hosting, links, project_files, section_history
from hetao_docs import releases as releases_mod
from hetao_docs.concerns import Concern, EditionContext
from hetao_docs.markup import HeadingSlots
from hetao_docs.terms.build import GENERATED_FILES
from hetao_docs.terms.render import docs_url


class Releases(Concern):
    def __init__(self, context: EditionContext) -> None:
        super().__init__(context)
        options = context.options
        shown = context.shown(options.releases or "data/releases.yml")
        self.releases = releases_mod.load_releases(Path(options.releases), shown) if options.releases else ()
        cut = tuple(releases_mod.archives(self.releases, context.project / options.archives))
        release = cut[-1].release if cut else None
        if options.archive:
            wanted = options.archive.removeprefix("v")
            found = [r for r in self.releases if r.version == wanted]
            if not found:
                raise releases_mod.ReleaseError(f"{shown}: no release '{wanted}' to archive")
            release = found[0]
            cut = tuple(a for a in cut if a.release.key < release.key)
        self.cut = cut  # the releases cut so far, oldest first
        self.release = release  # the release this build is (archive) or the newest cut one
        self.archived = bool(options.archive)  # building the archive of `release`
        code = context.edition.code
        prints = {a.release.version: a.fingerprints() for a in cut}
        self._records = tuple((v, p.get(code, {})) for v, p in prints.items())  # (version, page → fingerprints)
        # the cut releases that hold this edition (an edition added later is in none of the earlier ones)
        self.archived_here = tuple(v for v, p in prints.items() if code in p)
        self.texts = context.catalog.group("releases")
        self.changes_url = ""
        self.history: dict[str, dict[str, releases_mod.SectionHistory]] = {}  # page → section → history
        self._fingerprints: dict[str, dict[str, str]] = {}  # page → section → fingerprint
        self._parents: dict[str, dict[str, str]] = {}  # page → section → the section it is in
        self._archived_texts: dict[tuple[str, str], dict[str, str]] = {}  # (version, archived page) → its sections' text
        # the histories' diffs and archived texts, kept between builds by their inputs (history_cache.py)
        history_cache.use_folder(context.project / project_files.BUILD_CACHE / code)

    def published_page_url(self, page: Page) -> str:
        """The page's published address, with the release it is cited in ("" when none is configured)."""
        context = self.context
        if not context.options.published_url:
            return ""
        url = hosting.permanent_url(context.root + context.edition.prefix, page.file.src_uri)
        return f"{url}?release={self.release.version}" if self.release else url

    def on_config(self, config: MkDocsConfig) -> None:
        config.extra["hetao_release"] = self.template_context()

    def template_context(self) -> dict[str, Any] | None:
        """Which release this is (the templates show it on every page)."""
        release = self.release
        if release is None:
            return None
        return {
            "version": release.version,
            "date": hosting.format_date(release.date, self.context.edition),
            "iso_date": release.date.isoformat(),
            "archived": self.archived,
            "texts": self.texts,
            "feed": feed.FEED_FILE,
        }

    def on_files(self, files: Files, config: MkDocsConfig) -> None:
        if self.releases:
            self.changes_url = docs_url(config.use_directory_urls)(releases_mod.CHANGES_PAGE).removeprefix("../")
            link_text = self._link_text(files)
            files.append(File.generated(config, releases_mod.CHANGES_PAGE, content=self._changes_page(link_text, config)))
            files.append(File.generated(config, feed.FEED_FILE, content=self._feed(files, link_text, config)))

    def _link_text(self, files: Files) -> Callable[[str], str]:
        """"Page › Section" for a change log's `page.md#id`, in the edition's script."""
        context = self.context
        titles: dict[str, dict[str, str]] = {}
        for file in files.documentation_pages():
            headings = list(links.markdown_headings(file.content_string))
            page_title = next((h.text for h in headings if h.text), file.src_uri)
            titles[file.src_uri] = {"": page_title, **{h.id: h.text for h in headings if h.id}}

        def link_text(section: str) -> str:
            page, _, section_id = section.partition("#")
            found = titles.get(page, {})
            if section_id not in found:
                raise PluginError(f"{context.options.releases}: a change names {section!r}, which {context.source.docs_dir} does not have")
            text = found[""] if not section_id else f"{found['']} › {found[section_id]}"
            return text if page in GENERATED_FILES else context.convert(text)

        return link_text

    def _published(self) -> set[str]:
        """The releases this build publishes: the cut ones, and the one being cut."""
        return set(self.archived_here) | ({self.release.version} if self.archived and self.release else set())

    def _changes_page(self, link_text: Callable[[str], str], config: MkDocsConfig) -> str:
        context = self.context
        cut = self._published()
        prefix = context.edition.prefix
        return releases_mod.changes_markdown(
            self.releases,
            language="en" if context.edition.is_english else "zh",
            texts=self.texts,
            link_text=link_text,
            convert=context.convert,
            date=lambda day: hosting.format_date(day, context.edition),
            archive_href=lambda version: (
                get_relative_url(f"{releases_mod.ARCHIVE_PREFIX}{version}/{prefix}", prefix + self.changes_url)
                if version in cut and not self.archived and config.use_directory_urls else None
            ),
        )

    def _feed(self, files: Files, link_text: Callable[[str], str], config: MkDocsConfig) -> str:
        """The edition's Atom feed of its published releases (feed.py)."""
        context = self.context
        edition_url = context.root + context.edition.prefix
        published = self._published()

        def section_link(section: str) -> tuple[str, str]:
            page, _, section_id = section.partition("#")
            found = files.get_file_from_path(page)
            url = edition_url + (found.url.removeprefix("./") if found else page)
            return (f"{url}#{section_id}" if section_id else url), link_text(section)

        return feed.atom_feed(
            [r for r in self.releases if r.version in published],
            language="en" if context.edition.is_english else "zh", lang=context.edition.lang, site_name=config.site_name,
            edition_url=edition_url, changes_url=edition_url + self.changes_url,
            texts=feed.FeedTexts(self.texts["feed_title"], self.texts["feed_entry_title"], self.texts["why"], self.texts["archive"],
                                 self.texts["sections_separator"]),
            section_link=section_link, convert=context.convert,
            archive_url=lambda v: None if self.archived else f"{context.root}{releases_mod.ARCHIVE_PREFIX}{v}/{context.edition.prefix}",
        )

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig) -> str:
        # each section's fingerprint, its history, the page's last change (sitemap lastmod)
        if not self.releases or page.file.src_uri == releases_mod.CHANGES_PAGE:
            return markdown
        path = page.file.src_uri
        prints = self._fingerprints[path] = releases_mod.section_fingerprints(markdown)
        self._parents[path] = releases_mod.section_parents(markdown)
        history = releases_mod.histories([(v, pages.get(path, {})) for v, pages in self._records], prints)
        if self.archived and self.release is not None:  # the release being cut is where today's text comes from
            cut_now = self.release.version
            history = {k: releases_mod.SectionHistory(h.changed_in + (cut_now,), False) if h.unreleased else h for k, h in history.items()}
        self.history[path] = history
        page.update_date = self._last_change_date(history[""]).isoformat()
        return markdown

    def _last_change_date(self, history: releases_mod.SectionHistory) -> datetime.date:
        if history.unreleased or history.last_changed is None:
            return datetime.date.today()
        return next(r.date for r in self.releases if r.version == history.last_changed)

    def on_page_content(self, html: str, page: Page, slots: HeadingSlots, config: MkDocsConfig) -> str:
        # under each h2 of an authored page, the release it last changed in
        history = self.history.get(page.file.src_uri)
        if not history or page.meta.get("generated"):
            return html
        href = get_relative_url(self.changes_url, page.url)
        by_version = {r.version: r for r in self.releases}
        for heading in slots.headings():
            found = history.get(heading.id)
            if heading.level != 2 or found is None or found.last_changed is None:
                continue
            if not found.unreleased:
                release = by_version[found.last_changed]
                text = self.texts["last_changed"].format(version=release.version, date=hosting.format_date(release.date, self.context.edition))
                slots.add(heading.id, self.context.fragments.render("last-changed", href=f"{href}#{release.anchor}", text=text))
            if self.cut:  # the section's history, filled in on the final page (on_post_page)
                slots.add(heading.id, section_history.PLACEHOLDER.format(id=heading.id))
        return html

    def on_post_page(self, output: str, page: Page | None, config: MkDocsConfig) -> str:
        """Each changed section's history, compared from the archives' text and the final page's."""
        history = self.history.get(page.file.src_uri, {}) if page else {}
        if page is None or not history or "<!--hetao-history:" not in output:
            return output
        context = self.context
        stored = context.edition.prefix + archived_page_path(page.file.src_uri)
        by_version = {r.version: r for r in self.releases}
        archived = {a.release.version: self._archived_sections(a, stored) for a in self.cut if a.release.version in self.archived_here}
        current = history_cache.page_sections(output)
        texts = context.catalog.group("history")
        label = section_history.HistoryTexts(**{k: texts[k] for k in ("summary", "release", "unreleased", "since", "legend", "same")})

        def block(section_id: str) -> str:
            found = history.get(section_id)
            if found is None or section_id not in current:
                return ""
            return section_history.history_block(
                section_id, versions=list(archived), texts_in={v: t.get(section_id) for v, t in archived.items()},
                current=current[section_id], changed_in=found.changed_in, unreleased=found.unreleased, label=label,
                date=lambda v: hosting.format_date(by_version[v].date, context.edition), words=context.edition.is_english,
                compare=history_cache.diff_html,
            )

        return section_history.fill_placeholders(output, block)

    def _archived_sections(self, archive: releases_mod.Archive, path: str) -> dict[str, str]:
        key = (archive.release.version, path)
        if key not in self._archived_texts:
            digest = archive.manifest(self.context.shown(archive.folder)).get(path)
            self._archived_texts[key] = history_cache.archived_sections(digest, lambda: archive.read(digest)) if digest else {}
        return self._archived_texts[key]

    def on_post_build(self, site_dir: Path, config: MkDocsConfig) -> None:
        history_cache.save()
        # this edition's sections' fingerprints, for the release cut (the site builder merges the editions')
        if self.context.options.fingerprints_out:
            code = self.context.edition.code
            Path(self.context.options.fingerprints_out).write_text(
                json.dumps({"editions": {code: self._fingerprints}, "parents": {code: self._parents}}, ensure_ascii=False, sort_keys=True),
                encoding="utf-8",
            )


def archived_page_path(src_uri: str) -> str:
    """Where a page is in an archive (built with directory URLs): `a/b.md` → `a/b/index.html`."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"
