"""One edition's generated term pages and exports, from the term base and the edition's Markdown.

Used by hooks/terms.py (every build and serve) and by `scripts/docs.py terms` (the same output
written to a directory, or checked against one).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hetao_docs.chinese import to_hong_kong
from hetao_docs.terms.annotate import TIPS_FILE, tips_script
from hetao_docs.terms.export import to_csv, to_json, to_tbx
from hetao_docs.terms.load import hant_phrases
from hetao_docs.terms.match import TermMatcher, nested_in, surface_forms
from hetao_docs.terms.model import Edition, Term
from hetao_docs.terms.render import EXPORTS, GLOSSARY_PAGE, INDEX_PAGE, DocsUrl, docs_url, render_glossary, render_index
from hetao_docs.terms.scan import Section, scan_occurrences, split_sections

GENERATED_PAGES = (GLOSSARY_PAGE, INDEX_PAGE)
GENERATED_FILES = (*GENERATED_PAGES, *EXPORTS, TIPS_FILE)
# The Traditional edition is converted from the Simplified pages, so it is scanned in Simplified.
SCANNED_AS: dict[Edition, Edition] = {"zh": "zh", "zh-hant": "zh", "en": "en"}
EDITION_DOCS: dict[Edition, str] = {"zh": "docs/zh", "zh-hant": "docs/zh", "en": "docs/en"}


@dataclass
class EditionTerms:
    """What one edition gets: generated files (path in the docs dir → text) and warnings."""

    files: dict[str, str]
    occurrences: dict[str, list[Section]]
    warnings: list[str] = field(default_factory=list)
    sections: int = 0


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


def _localized(occurrences: dict[str, list[Section]], phrases: Mapping[str, str]) -> dict[str, list[Section]]:
    """Section titles in Traditional, as the converter will show them."""
    cache: dict[str, str] = {}

    def convert(text: str) -> str:
        if text not in cache:
            cache[text] = to_hong_kong(text, phrases)
        return cache[text]

    return {
        term_id: [Section(s.page, s.anchor, convert(s.title), convert(s.page_title), s.text) for s in sections]
        for term_id, sections in occurrences.items()
    }


def unused_terms(terms: list[Term], occurrences: Mapping[str, list[Section]], nested: Mapping[str, tuple[str, ...]]) -> list[Term]:
    """Terms with no occurrence of their own that are not part of a longer term that occurs."""
    return [
        term for term in terms
        if not occurrences.get(term.id) and not any(occurrences.get(longer) for longer in nested.get(term.id, ()))
    ]


def generate(
    terms: list[Term],
    edition: Edition,
    pages: Iterable[tuple[str, str]],
    *,
    term_base: str = "data/terms.yaml",
    docs_dir: str = "",
    url: DocsUrl | None = None,
) -> EditionTerms:
    """Scan the edition's pages and render its glossary, index, exports and tooltip definitions.
    `url` says how the generated pages link other files (default: MkDocs' directory URLs)."""
    scanned_as = SCANNED_AS[edition]
    sections = [section for path, markdown in pages for section in split_sections(path, markdown)]
    occurrences = scan_occurrences(sections, TermMatcher.for_edition(terms, scanned_as))
    nested = nested_in(surface_forms(terms, scanned_as), ignore_case_and_words=scanned_as == "en")
    field_name = "en" if scanned_as == "en" else "zh"
    warnings = [
        f"{term_base}:{term.field_lines.get(field_name, term.line)}: term '{term.id}': field '{field_name}': "
        f"{getattr(term, field_name)!r} never occurs in {docs_dir or 'the pages'} ({edition} edition)"
        for term in unused_terms(terms, occurrences, nested)
    ]
    shown = _localized(occurrences, hant_phrases(terms)) if edition == "zh-hant" else occurrences
    files = {
        GLOSSARY_PAGE: render_glossary(terms, edition, shown, nested, url or docs_url()),
        INDEX_PAGE: render_index(terms, edition, shown, nested, url or docs_url()),
        EXPORTS[0]: to_csv(terms),
        EXPORTS[1]: to_json(terms),
        EXPORTS[2]: to_tbx(terms),
        TIPS_FILE: tips_script(terms, edition),
    }
    return EditionTerms(files=files, occurrences=shown, warnings=warnings, sections=len(sections))
