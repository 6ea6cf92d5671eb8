"""MkDocs hook: hosting (thin wrapper around hetao_docs.hosting).

- texts for attribution, "cite this section", 404 → config.extra.hosting (read by the templates);
- a page-specific meta description (first paragraph) unless front matter sets one;
- the source page's "how to cite" section gets the button's citation of itself and the offline-copy link;
- in an offline build (HETAO_OFFLINE=true), the CDN iframe-worker shim is swapped for the vendored one;
- robots.txt and the offline zip (HETAO_OFFLINE_ZIP=path) are written into the primary edition.
"""

from __future__ import annotations

import datetime
import html
import os
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from hetao_docs import hosting

VENDORED_IFRAME_WORKER = "assets/vendor/iframe-worker/shim.js"
SOURCE_PAGE = "source.md"
HOW_TO_CITE_ID = "how-to-cite"


def _edition(config: MkDocsConfig) -> str:
    return str(config.extra.get("edition", "zh"))


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    edition = _edition(config)
    try:
        texts = hosting.edition_texts(edition)
    except ValueError as error:
        raise PluginError(f"mkdocs.yml: {error}") from None
    config.extra["hosting"] = {
        "edition": edition,
        "og_locale": hosting.OG_LOCALES[edition],
        "og_locale_alternates": [hosting.OG_LOCALES[e] for e in hosting.EDITIONS if e != edition],
        "texts": texts,
        "cite": {
            "edition": edition,
            "template": texts["citation"],
            **hosting.citation_fields(edition),
            **_cite_labels(texts),
        },
    }
    # Material's offline plugin adds the shim from unpkg.com; the site loads nothing third-party.
    polyfills = config.extra.get("polyfills") or []
    config.extra["polyfills"] = [VENDORED_IFRAME_WORKER if "iframe-worker" in p else p for p in polyfills]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    source = files.get_file_from_path(SOURCE_PAGE)
    # "source/" or "source.html" (offline build); templates make it relative with the `url` filter.
    config.extra["hosting"]["source_url"] = source.url if source else ""
    return files


def _cite_labels(texts: dict[str, str]) -> dict[str, str]:
    return {key: texts[key] for key in ("cite_button", "cite_label", "cite_copied", "cite_failed")}


@event_priority(100)  # before other hooks annotate the HTML: the description is the author's own text
def on_page_content(html_content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    given = page.meta.get("description")
    description = str(given) if given else hosting.page_description(html_content)
    if description:
        # Material prints page.meta.description unescaped into an attribute.
        page.meta["description"] = html.escape(description)
    if page.file.src_uri == SOURCE_PAGE and f'id="{HOW_TO_CITE_ID}"' in html_content:
        html_content = _add_how_to_cite(html_content, page, config)
    return html_content


def _add_how_to_cite(html_content: str, page: Page, config: MkDocsConfig) -> str:
    edition = _edition(config)
    number, section = hosting.section_number_and_title(html_content, HOW_TO_CITE_ID)
    zip_href = None
    if os.environ.get("HETAO_OFFLINE_ZIP"):
        zip_href = hosting.site_relative_href(hosting.EDITION_PREFIXES[edition] + page.url, hosting.OFFLINE_ZIP_PATH)
    block = hosting.how_to_cite_block(
        edition,
        site=config.site_name,
        page=page.title or "",
        number=number,
        section=section,
        url=hosting.permanent_url(config.site_url or "/", page.file.src_uri) + f"#{HOW_TO_CITE_ID}",
        accessed=datetime.date.today(),
        offline_zip_href=zip_href,
    )
    return hosting.insert_after_section(html_content, HOW_TO_CITE_ID, block)


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    context["hetao_permanent_url"] = hosting.permanent_url(config.site_url or "/", page.file.src_uri)
    return context


def on_post_build(config: MkDocsConfig) -> None:
    if _edition(config) != "zh":
        return  # robots.txt and the download live once, at the root of the whole site
    site_dir = Path(config.site_dir)
    sitemaps = [
        f"{hosting.EDITION_PREFIXES[e]}sitemap.xml"
        for e in hosting.EDITIONS
        if (site_dir / hosting.EDITION_PREFIXES[e] / "sitemap.xml").is_file()
    ]
    (site_dir / "robots.txt").write_text(hosting.robots_txt(config.site_url or "/", sitemaps), encoding="utf-8")
    offline_zip = os.environ.get("HETAO_OFFLINE_ZIP")
    if offline_zip:
        target = site_dir / hosting.OFFLINE_ZIP_PATH
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(offline_zip, target)
