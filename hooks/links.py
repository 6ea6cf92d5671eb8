"""MkDocs hook: section links (thin wrapper around hetao_docs.links).

- on_page_markdown: every heading of a source page needs an explicit, unique ASCII `{ #id }`.
- on_page_content: no automatic heading id slipped through; each ¶ permalink copies the section's full URL.
- on_post_build: redirect pages for moved pages (contract/redirects.yml), in every edition.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from hetao_docs.links import (
    RedirectError,
    add_copy_targets,
    heading_id_problems,
    load_redirects,
    rendered_heading_problems,
    write_redirects,
)

ROOT = Path(__file__).resolve().parent.parent
REDIRECTS = ROOT / "contract" / "redirects.yml"


def _source_name(page: Page) -> str:
    source = Path(page.file.abs_src_path or page.file.src_uri)
    return source.relative_to(ROOT).as_posix() if source.is_relative_to(ROOT) else source.as_posix()


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Generated pages (glossary, term index) get their ids from the term engine, not from authors.
    if page.file.generated_by is None:
        problems = heading_id_problems(markdown, _source_name(page))
        if problems:
            raise PluginError("\n".join(problems))
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    problems = rendered_heading_problems(html, _source_name(page))
    if problems:
        raise PluginError("\n".join(problems))
    return add_copy_targets(html, page.canonical_url or page.abs_url or "")


def on_post_build(config: MkDocsConfig) -> None:
    try:
        write_redirects(Path(config.site_dir), load_redirects(REDIRECTS), config.site_url or "", REDIRECTS.relative_to(ROOT))
    except RedirectError as error:
        raise PluginError(str(error)) from None
