"""One edition's term data: where each term occurs, the generated pages and exports, and warnings.

Used by the plugin (every build and serve) and by `scripts/docs.py terms` (the same output
written to a directory, or checked against one).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hetao_docs.chinese import HongKongTable, to_hong_kong
from hetao_docs.editions import Edition
from hetao_docs.terms.annotate import TIPS_FILE, tips_script
from hetao_docs.terms.check_page import CHECK_DATA, CHECK_PAGE, check_data, data_script, render_check_page
from hetao_docs.terms.downloads import defined_term_set
from hetao_docs.terms.export import EXPORT_FILES, export_files
from hetao_docs.terms.load import hant_phrases
from hetao_docs.terms.match import TermMatcher, nested_in, surface_forms
from hetao_docs.terms.model import Term
from hetao_docs.terms.occurrences import Occurrences, unused_terms
from hetao_docs.terms.render import (
    GLOSSARY_PAGE,
    INDEX_PAGE,
    DocsUrl,
    Labels,
    docs_url,
    gist,
    render_glossary,
    render_index,
)

GENERATED_PAGES = (GLOSSARY_PAGE, INDEX_PAGE, CHECK_PAGE)
GENERATED_FILES = (*GENERATED_PAGES, *EXPORT_FILES, TIPS_FILE, CHECK_DATA)


@dataclass
class EditionTerms:
    """What one edition gets: where its terms occur, generated files (path in the docs dir → text)
    and warnings."""

    occurrences: Occurrences
    files: dict[str, str | bytes]
    warnings: list[str] = field(default_factory=list)


def nav_order(nav: Any) -> list[str]:
    """Page paths in the order of an mkdocs `nav` (nested lists of {title: path} / paths)."""
    order: list[str] = []

    def walk(item: Any) -> None:
        if isinstance(item, str):
            order.append(item)
        elif isinstance(item, Mapping):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(nav)
    return order


def read_pages(docs_dir: Path, order: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(path, Markdown) of every page in `docs_dir` except generated ones; nav order first."""
    paths = {p.relative_to(docs_dir).as_posix(): p for p in sorted(docs_dir.rglob("*.md"))}
    ranked = [p for p in order if p in paths] + sorted(set(paths) - set(order))
    return [(p, paths[p].read_text(encoding="utf-8")) for p in ranked if p not in GENERATED_PAGES]


_EXPORTS: dict[tuple[tuple[Term, ...], datetime.date, int, str], dict[str, str | bytes]] = {}


def _exports(terms: tuple[Term, ...], day: datetime.date, hong_kong: HongKongTable | None, site_root: str) -> dict[str, str | bytes]:
    """The downloads: the same bytes in every edition, so made once per term base and day."""
    key = (terms, day, id(hong_kong), site_root)
    if key not in _EXPORTS:
        _EXPORTS.clear()  # one term base at a time (serve rebuilds after an edit)
        phrases = hant_phrases(list(terms))
        _EXPORTS[key] = export_files(terms, day, lambda text: to_hong_kong(text, phrases, hong_kong), site_root)
    return _EXPORTS[key]


_SCANS: dict[tuple[tuple[tuple[str, str], ...], tuple[Term, ...], str], Occurrences] = {}


def _scan(pages: tuple[tuple[str, str], ...], terms: tuple[Term, ...], source: Edition) -> Occurrences:
    """Where the terms occur in `source`'s pages: one scan for an edition and the editions converted
    from it (the Traditional one shows the Simplified pages), per content of pages and term base."""
    key = (pages, terms, source.code)
    if key not in _SCANS:
        if len(_SCANS) >= 4:  # one build's editions' pages at a time (serve rebuilds after an edit)
            _SCANS.clear()
        _SCANS[key] = Occurrences.scan(pages, TermMatcher.for_edition(terms, source))
    return _SCANS[key]


def generate(
    terms: list[Term],
    edition: Edition,
    source: Edition,
    pages: Iterable[tuple[str, str]],
    labels: Labels,
    *,
    term_base: str = "data/terms.yaml",
    docs_dir: str = "",
    url: DocsUrl | None = None,
    hong_kong: HongKongTable | None = None,
    generated: datetime.date | None = None,
    check_texts: Mapping[str, Any] | None = None,
    site_root: str = "http://127.0.0.1:8000/",
) -> EditionTerms:
    """Scan the edition's pages (in `source`'s script: the edition itself, or the one it is converted
    from) and render its glossary, index, exports and tooltip definitions. `url` says how the
    generated pages link other files (default: MkDocs' directory URLs); `hong_kong` is the phrase
    table of the Traditional text (converted editions, the exports); the exports say they were
    `generated` that day (default: today) and name their concepts below `site_root` (the published
    site's address), which also addresses the glossary's schema.org data; with `check_texts` (the
    catalog's `term_check` group), also the term check page and its data."""
    occurrences = _scan(tuple(pages), tuple(terms), source)
    nested = nested_in(surface_forms(terms, source), ignore_case_and_words=source.is_english)
    field_name = source.term_form
    by_id = {term.id: term for term in terms}
    warnings = [
        f"{term_base}:{by_id[term_id].field_lines.get(field_name, by_id[term_id].line)}: term '{term_id}': "
        f"field '{field_name}': {getattr(by_id[term_id], field_name)!r} never occurs in {docs_dir or 'the pages'} "
        f"({edition.code} edition)"
        for term_id in unused_terms([term.id for term in terms], occurrences, nested)
    ]
    day = generated or datetime.date.today()
    if source is not edition:
        phrases = hant_phrases(terms)
        occurrences = occurrences.localized(lambda text: to_hong_kong(text, phrases, hong_kong))
    files: dict[str, str | bytes] = {
        GLOSSARY_PAGE: render_glossary(terms, edition, labels, occurrences, nested, url or docs_url(), hong_kong),
        INDEX_PAGE: render_index(terms, edition, labels, occurrences, nested, url or docs_url()),
        **_exports(tuple(terms), day, hong_kong, site_root),
        TIPS_FILE: tips_script(terms, edition, hong_kong),
    }
    glossary_url = f"{site_root.rstrip('/')}/{edition.prefix}glossary/"
    phrases = hant_phrases(terms) if edition.is_traditional else {}
    chinese = (lambda text: to_hong_kong(text, phrases, hong_kong)) if edition.is_traditional else str
    describe = lambda term: gist(term.definition_en if edition.is_english else chinese(term.definition_zh))  # noqa: E731
    files[GLOSSARY_PAGE] = str(files[GLOSSARY_PAGE]) + "\n" + defined_term_set(terms, edition, glossary_url, labels.glossary_title, describe)
    if check_texts is not None:
        page_url = url or docs_url()
        files[CHECK_PAGE] = render_check_page(edition, check_texts, len(terms), page_url)
        files[CHECK_DATA] = data_script(check_data(terms, edition, check_texts, page_url(GLOSSARY_PAGE)))
    return EditionTerms(occurrences, files, warnings)
