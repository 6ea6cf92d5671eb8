"""MkDocs hook: search (thin wrapper around hetao_docs.search), run once per edition.

- on_post_page / on_post_template: pages use our search worker wrapper (assets/javascripts/workers/
  search-hetao.js, published minified by hooks/assets.py), which fixes Material's Chinese query
  segmentation before Material's worker runs;
- on_post_build: the edition's search index is written compactly, and its term finder next to it
  (search/term_finder.js), from the term base and that index.

The editions hook builds the other editions inside this build with the *same* Material search plugin
instance (MkDocs reuses plugin instances across configs), which resets the plugin's index for each
edition, so Material would write the last edition's index into every earlier edition. We keep each
edition's own index object (taken in on_env, before any nested build) and write that one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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
GLOSSARY_PAGE = "glossary.md"
TERM_INDEX_PAGE = "term-index.md"

# Per edition, keyed by id(config): the nested builds share this module.
_page_urls: dict[int, dict[str, str]] = {}  # glossary and index of terms → their URLs
_search_indexes: dict[int, Any] = {}  # Material's SearchIndex of that edition


@event_priority(-50)  # after the term hook has added the generated glossary and index of terms
def on_files(files: Files, config: MkDocsConfig) -> Files:
    urls = _page_urls[id(config)] = {}
    for name in (GLOSSARY_PAGE, TERM_INDEX_PAGE):
        file = files.get_file_from_path(name)
        urls[name] = file.url if file else name
    return files


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    _search_indexes[id(config)] = config.plugins["material/search"].search_index
    return env


def _worker_wrapper(config: MkDocsConfig) -> str:
    return str(config.extra["hetao_assets"]["search_worker"]).rsplit("/", 1)[-1]


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return use_search_worker(output, _worker_wrapper(config))


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    return use_search_worker(output_content, _worker_wrapper(config))  # 404.html carries the search box too


@event_priority(-50)  # after Material's search plugin has written the index
def on_post_build(config: MkDocsConfig) -> None:
    index_path = Path(config.site_dir) / "search" / "search_index.json"
    index_json = _search_indexes.pop(id(config)).generate_search_index(None)
    index_path.write_text(compact_index(index_json), encoding="utf-8")
    try:
        terms = load_terms(TERM_BASE)
    except TermBaseError as error:
        raise PluginError(str(error)) from None
    urls = _page_urls.pop(id(config))
    finder = term_finder(
        terms,
        config.extra.get("edition", "zh"),
        urls[GLOSSARY_PAGE],
        json.loads(index_json)["docs"],
        skip_pages=(urls[GLOSSARY_PAGE], urls[TERM_INDEX_PAGE]),
    )
    (index_path.parent / "term_finder.js").write_text(finder_script(finder), encoding="utf-8")
