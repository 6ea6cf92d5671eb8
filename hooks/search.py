"""MkDocs hook: search (thin wrapper around hetao_docs.search), run once per edition.

- on_post_page / on_post_template: pages use our search worker wrapper (assets/javascripts/workers/
  search-hetao.js), which fixes Material's Chinese query segmentation before Material's worker runs;
- on_post_build: the edition's search index is re-serialised compactly, and its term finder is
  written next to it (search/term_finder.js), from the term base and that index.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from hetao_docs.search import compact_index, finder_script, term_finder, use_search_worker
from hetao_docs.terms.load import load_terms
from hetao_docs.terms.model import TermBaseError

ROOT = Path(__file__).resolve().parent.parent
TERM_BASE = ROOT / "data" / "terms.yaml"
WORKER_WRAPPER = "search-hetao.js"
GLOSSARY_PAGE = "glossary.md"
TERM_INDEX_PAGE = "term-index.md"

_page_urls: dict[str, str] = {}


@event_priority(-50)  # after the term hook has added the generated glossary and index of terms
def on_files(files: Files, config: MkDocsConfig) -> Files:
    _page_urls.clear()
    for name in (GLOSSARY_PAGE, TERM_INDEX_PAGE):
        file = files.get_file_from_path(name)
        _page_urls[name] = file.url if file else name
    return files


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return use_search_worker(output, WORKER_WRAPPER)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    return use_search_worker(output_content, WORKER_WRAPPER)  # 404.html carries the search box too


@event_priority(-50)  # after Material's search plugin has written the index
def on_post_build(config: MkDocsConfig) -> None:
    index_path = Path(config.site_dir) / "search" / "search_index.json"
    if not index_path.is_file():
        raise PluginError(f"{index_path}: Material's search index is missing (is the search plugin enabled?)")
    index_json = index_path.read_text(encoding="utf-8")
    index_path.write_text(compact_index(index_json), encoding="utf-8")
    try:
        terms = load_terms(TERM_BASE)
    except TermBaseError as error:
        raise PluginError(str(error)) from None
    finder = term_finder(
        terms,
        config.extra.get("edition", "zh"),
        _page_urls[GLOSSARY_PAGE],
        json.loads(index_json)["docs"],
        skip_pages=(_page_urls[GLOSSARY_PAGE], _page_urls[TERM_INDEX_PAGE]),
    )
    (index_path.parent / "term_finder.js").write_text(finder_script(finder), encoding="utf-8")
