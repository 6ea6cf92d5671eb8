"""Hosting: each page's description (for search engines and link previews); citing the site: the
cite buttons' data, the attribution, the published and permanent addresses, Highwire tags and
JSON-LD, and the source page's citation of itself."""

from __future__ import annotations

import datetime
import html as html_mod
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from hetao_docs import cite_data, hosting
from hetao_docs import releases as releases_mod
from hetao_docs.concerns import Concern, EditionContext
from hetao_docs.concerns.releases import Releases
from hetao_docs.markup import HeadingSlots


class PageDescription(Concern):
    def on_page_content(self, html: str, page: Page, slots: HeadingSlots, config: MkDocsConfig) -> str:
        # the page's first paragraph, before anything is added
        given = page.meta.get("description")
        description = str(given) if given else hosting.page_description(html)
        if description:
            page.meta["description"] = html_mod.escape(description)  # Material prints it unescaped
        return html


class Citation(Concern):
    def __init__(self, context: EditionContext, releases: Releases) -> None:
        super().__init__(context)
        self.releases = releases
        self.texts = hosting.edition_texts(context.catalog, context.edition)
        self.cite = cite_data.edition_cite(self.texts, context.edition, context.options.report_issues)

    def on_config(self, config: MkDocsConfig) -> None:
        # attribution, cite buttons, 404, share tags
        context, edition = self.context, self.context.edition
        config.extra["hosting"] = {
            "texts": self.texts,
            "og_locale": edition.og_locale,
            "og_locale_alternates": [e.og_locale for e in context.editions if e is not edition],
            "other_prefixes": [e.prefix for e in context.editions.siblings] if edition is context.editions.primary else [],
            "cite": self.cite,
        }

    def on_files(self, files: Files, config: MkDocsConfig) -> None:
        source_page = files.get_file_from_path(hosting.SOURCE_PAGE)  # where the attribution links
        config.extra["hosting"]["source_url"] = source_page.url if source_page else ""

    def on_page_content(self, html: str, page: Page, slots: HeadingSlots, config: MkDocsConfig) -> str:
        # the source page's "how to cite" gets the cite button's citation of itself
        if page.file.src_uri != hosting.SOURCE_PAGE or f'id="{hosting.HOW_TO_CITE_ID}"' not in html:
            return html
        context, release = self.context, self.releases.release
        zip_href = None
        if context.options.offline_zip:
            zip_href = hosting.site_relative_href(context.edition.prefix + page.url, hosting.OFFLINE_ZIP_PATH)
        url = self.releases.published_page_url(page) or (
            hosting.permanent_url(context.root + context.edition.prefix, page.file.src_uri) + (f"?release={release.version}" if release else "")
        )
        archive = ""  # the archived copy of the release it is cited in (hosting.js: archiveAddress)
        if release and self.releases.archived:
            archive = f"{url.split('?')[0]}#{hosting.HOW_TO_CITE_ID}"
        elif release and release.version in self.releases.archived_here:
            archive = f"{context.root}{releases_mod.ARCHIVE_PREFIX}{release.version}/{context.edition.prefix}{page.url}#{hosting.HOW_TO_CITE_ID}"
        cited = hosting.Cited(
            site=config.site_name, page=page.title or "", section=hosting.section_title(html, hosting.HOW_TO_CITE_ID),
            url=f"{url}#{hosting.HOW_TO_CITE_ID}", release=release.version if release else "",
            release_date=release.date if release else datetime.date.today(), own_text=False, archive=archive,
        )
        block = hosting.how_to_cite_block(
            context.fragments, self.texts, context.edition, cited, accessed=datetime.date.today(), offline_zip_href=zip_href,
            release_line=self._release_line(page, config) if release else "",
        )
        return hosting.insert_after_section(html, hosting.HOW_TO_CITE_ID, block)

    def _release_line(self, page: Page, config: MkDocsConfig) -> str:
        """"Cited from release X (date): archived · Changes", linked (template fragments/release-line.html)."""
        context, releases = self.context, self.releases
        release = releases.release
        assert release is not None
        texts = releases.texts
        here = context.edition.prefix + page.url
        links = []
        if not releases.archived and config.use_directory_urls and release.version in releases.archived_here:
            archived = get_relative_url(f"{releases_mod.ARCHIVE_PREFIX}{release.version}/{here}", here)
            links.append({"href": f"{archived}#{hosting.HOW_TO_CITE_ID}", "text": texts["release_archive"]})
        links.append({"href": f"{get_relative_url(releases.changes_url, page.url)}#{release.anchor}", "text": texts["release_changes"]})
        line = cite_data.release_line_text(release, texts, context.edition)
        return context.fragments.render("release-line", line=line, links=links)

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig) -> None:
        edition, releases = self.context.edition, self.releases
        release = releases.release
        # the page's published address (also in the offline copy)
        context["hetao_permanent_url"] = hosting.permanent_url(config.site_url or "/", page.file.src_uri)
        # the page's release and its sections' changes (cite buttons, the "changed since" notice)
        history = releases.history.get(page.file.src_uri, {})
        page_history = history.get("")
        site_root_href = get_relative_url(".", edition.prefix + page.url).rstrip("/") + "/"
        if releases.archived:
            current = f"{releases_mod.ADDRESS_TOKEN}{edition.prefix}{page.url}"
            page.canonical_url = current  # search engines: the current text is the page
            context["hetao_current_url"] = current
        published = releases.published_page_url(page)  # with ?release=…, or "" when none is configured
        own = bool(page.meta.get("generated"))
        changes = get_relative_url(releases.changes_url, page.url) if releases.changes_url else ""
        context["hetao_published_url"] = published.split("?")[0]
        context["hetao_cite"] = cite_data.page_cite_data(
            url=context["hetao_published_url"] or None, site=config.site_name, own=own, release=release, releases=releases.releases,
            archived_here=[*releases.archived_here, *([release.version] if releases.archived and release else [])],
            edition=edition, release_texts=releases.texts,
            changed={k: list(h.changed_in) for k, h in history.items() if len(h.changed_in) > 1},  # "": the page
            unreleased=[k for k, h in history.items() if h.unreleased], archived=releases.archived,
            root=site_root_href,  # relative: any host; the offline copy uses published_root
            published_root=(self.context.root if self.context.options.published_url and not releases.archived else ""),
            page_path=edition.prefix + page.url, changes=changes, cite=self.cite,
        ).as_json()
        if release:  # the page's release line and the print header
            context["hetao_release"] = {
                "version": release.version, "date": hosting.format_date(release.date, edition), "url": published,
                "unreleased": bool(page_history and page_history.unreleased),
                "changes": f"{changes}#{release.anchor}" if changes else "",
            }
        context["hetao_meta"] = hosting.citation_meta(
            site=config.site_name, title=page.title or config.site_name, url=context["hetao_published_url"], lang=edition.lang,
            release=release.version if release else "", date=(page.update_date or ""), site_root=self.context.root,
        )
