"""MkDocs hook: editions (thin wrapper around hetao_docs.editions).

mkdocs.yml is the Simplified edition. Once its build (`mkdocs build` or every `mkdocs serve`
rebuild) has cleaned the site folder, this hook loads mkdocs.yml again as the English and the
Traditional (Hong Kong) edition and builds them into <site_dir>/en/ and <site_dir>/zh-hant/, each
with its own search index and sitemap, in forked processes beside the Simplified build
(hetao_docs.parallel); the Simplified build's on_post_build waits for them. The nested builds run the
same hooks, so every hook sees three configurations; `config.extra.edition` says which one. Strict
mode carries over: a warning in a nested build fails it, and so the whole build.

Per edition: the Traditional edition converts page Markdown (except generated pages, which carry
`generated: true`); every page gets switcher links to the same page, hreflang links, `<html lang>`;
the sitemap gets xhtml:link alternates.
"""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.yaml import yaml_load

from hetao_docs import editions, parallel
from hetao_docs.chinese import to_hong_kong
from hetao_docs.search import load_segmenter
from hetao_docs.terms import TermBaseError, hant_phrases, load_terms

ROOT = Path(__file__).resolve().parent.parent
TERM_BASE = ROOT / "data" / "terms.yaml"

_serving = False
# The Traditional converter's phrase overrides (the term base's Traditional forms), keyed by
# id(config): without os.fork, the nested builds run inside the Simplified one, in this process.
_phrases: dict[int, dict[str, str]] = {}
_nested_builds: dict[int, list[parallel.Child]] = {}  # keyed by id() of the Simplified config


def _shown(path: Path) -> str:
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.as_posix()


def _edition(config: MkDocsConfig) -> editions.Edition:
    try:
        return editions.edition(config.extra.get("edition", editions.PRIMARY.code))
    except editions.EditionError as error:
        raise PluginError(str(error)) from None


def _load_phrases() -> dict[str, str]:
    try:
        return hant_phrases(load_terms(TERM_BASE))
    except TermBaseError as error:
        raise PluginError(str(error)) from None


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    current = _edition(config)
    if current is editions.PRIMARY:
        docs = Path(config.docs_dir)
        problems = editions.missing_pages(docs, docs.parent / "en", _shown)
        if problems:
            raise PluginError("\n".join(problems))
    if not config.site_url:
        raise PluginError("mkdocs.yml: site_url is required (hreflang links and the sitemap need absolute URLs)")
    if current.code == "zh-hant" and id(config) not in _phrases:
        _phrases[id(config)] = _load_phrases()
    # Material's language switcher; on pages, on_post_page points its links at the same page.
    config.extra["alternate"] = editions.switcher_roots(_site_root(config))
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if id(config) not in _phrases or page.meta.get("generated"):
        return markdown
    phrases = _phrases[id(config)]
    if isinstance(page.meta.get("title"), str):
        page.meta["title"] = to_hong_kong(page.meta["title"], phrases)
    return editions.to_hong_kong_markdown(markdown, phrases)


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    context["hetao_hreflang_links"] = editions.hreflang_links(page.url, _site_root(config))
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return editions.localize_html(output, _edition(config), page.url)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    current = _edition(config)
    if template_name == "sitemap.xml":
        try:
            return editions.sitemap_with_alternates(output_content, current, _site_root(config))
        except editions.EditionError as error:
            raise PluginError(str(error)) from None
    if template_name.endswith(".html"):
        return editions.localize_html(output_content, current, None)
    return output_content


@event_priority(100)  # before any other work of this build: the site folder has just been cleaned
def on_files(files: Files, config: MkDocsConfig) -> Files:
    if _edition(config) is not editions.PRIMARY:
        return files  # never recurse: only the Simplified build builds the others
    raw = _raw_config(config)
    root = _site_root(config)
    load_segmenter()  # once, before forking, so no edition loads jieba's dictionary again
    _nested_builds[id(config)] = [
        parallel.start(f"{target.code} edition", partial(_build_edition, config, raw, root, target))
        for target in editions.EDITIONS[1:]
    ]
    return files


@event_priority(100)  # first, so the other hooks' post_build (e.g. robots.txt) see every edition
def on_post_build(config: MkDocsConfig) -> None:
    _phrases.pop(id(config), None)
    failed = parallel.wait(_nested_builds.pop(id(config), []))
    if failed:
        raise PluginError(f"mkdocs.yml: the {' and the '.join(failed)} failed to build (see the messages above)")


def on_build_error(error: Exception) -> None:
    for children in _nested_builds.values():
        parallel.stop(children)
    _nested_builds.clear()


def _site_root(config: MkDocsConfig) -> str:
    try:
        return editions.site_root(str(config.site_url), _edition(config))
    except editions.EditionError as error:
        raise PluginError(str(error)) from None


def _raw_config(config: MkDocsConfig) -> dict[str, Any]:
    with open(config.config_file_path, encoding="utf-8") as file:
        return yaml_load(file)


def _build_edition(parent: MkDocsConfig, raw: dict[str, Any], root: str, target: editions.Edition) -> None:
    phrases = _load_phrases() if target.code == "zh-hant" else {}
    try:
        overrides = editions.derived_config(raw, target, phrases)
    except editions.EditionError as error:
        raise PluginError(str(error)) from None
    site_url = editions.edition_site_url(root, target)
    config = load_config(
        config_file=parent.config_file_path,
        **overrides,
        docs_dir=os.path.join(os.path.dirname(parent.docs_dir), target.docs_subdir),
        site_dir=os.path.join(parent.site_dir, target.prefix),
        site_url=site_url,
        strict=parent.strict,
        use_directory_urls=parent.use_directory_urls,
    )
    if target.code == "zh-hant":
        _phrases[id(config)] = phrases  # loaded once per build (validating the term base takes a while)
    try:
        build(config, serve_url=site_url if _serving else None)
    finally:
        _phrases.pop(id(config), None)  # even after a failed build: ids of dead configs get reused
