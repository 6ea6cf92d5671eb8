"""One edition's term data: where each term occurs, the generated pages and exports, and warnings.

Used by the plugin (every build and serve) and by `scripts/docs.py terms` (the same output
written to a directory, or checked against one).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import functools
import hashlib
import importlib.metadata
import os
import pickle
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hetao_docs.chinese import Conversion, characters_only
from hetao_docs.editions import Edition
from hetao_docs.project_files import TERM_BASE
from hetao_docs.terms.annotate import TIPS_FILE, tips_script
from hetao_docs.terms.check_page import CHECK_DATA, CHECK_PAGE, check_data, data_script, render_check_page
from hetao_docs.terms.downloads import defined_term_set
from hetao_docs.terms.export import WHOLE_FILES, export_files, export_paths
from hetao_docs.terms.load import variety_phrases
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
from hetao_docs.terms.varieties import VarietyModel, variety_model

GENERATED_PAGES = (GLOSSARY_PAGE, INDEX_PAGE, CHECK_PAGE)
# every edition's; the language pairs' downloads are named by the edition table (`generated_files`)
GENERATED_FILES = (*GENERATED_PAGES, *WHOLE_FILES, TIPS_FILE, CHECK_DATA)


def generated_files(edition: Edition) -> tuple[str, ...]:
    """Every file `generate` writes for `edition`."""
    return (*GENERATED_PAGES, *export_paths(edition.varieties), TIPS_FILE, CHECK_DATA)


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


_EXPORTS: dict[tuple[Any, ...], dict[str, str | bytes]] = {}
EXPORTS_CACHE = "exports.pickle"
_exports_folder: list[Path] = []  # set by use_exports_folder: where the downloads of the last term base are kept


def use_exports_folder(folder: Path) -> None:
    """Keep the downloads in `folder` between builds (each edition's build is a process of its own,
    and every `docs.py serve` rebuild a new one: each made them all again, ~0.3 s of CPU each)."""
    _exports_folder[:] = [folder]


@functools.cache
def _exports_stamp() -> bytes:
    """The code the downloads are made by (this package, the conversions) and OpenCC's version."""
    package = Path(__file__).resolve().parent
    sources = sorted(package.glob("*.py")) + [package.parent / name for name in ("chinese.py", "conversions.py", "editions.py")]
    return b"".join(path.read_bytes() for path in sources) + importlib.metadata.version("OpenCC").encode() + sys.version.encode()


def _exports_key(terms: tuple[Term, ...], day: datetime.date, model: VarietyModel, site_root: str) -> str:
    """Everything export_files reads, hashed; "" (not kept) if it holds a value `_canonical` cannot spell."""
    try:
        inputs = _canonical((terms, day, model, site_root))
    except TypeError:
        return ""
    return hashlib.sha256(_exports_stamp() + repr(inputs).encode("utf-8", "surrogatepass")).hexdigest()


def _canonical(value: object) -> object:
    """`value` as nested tuples of plain values, the same in every process: a set's elements sorted
    (its order follows the process's string hashing, so a pickle of it differed in each build
    process and no build ever found the downloads kept by another); a dataclass's compared fields
    only (the others, compiled patterns, are derived from them)."""
    if value is None or isinstance(value, str | int | float | datetime.date):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = tuple((f.name, _canonical(getattr(value, f.name))) for f in dataclasses.fields(value) if f.compare)
        return (type(value).__qualname__, fields)
    if isinstance(value, Mapping):
        return ("map", tuple((_canonical(k), _canonical(v)) for k, v in value.items()))
    if isinstance(value, set | frozenset):
        return ("set", tuple(sorted((_canonical(item) for item in value), key=repr)))
    if isinstance(value, list | tuple):
        return tuple(_canonical(item) for item in value)
    raise TypeError(f"no canonical form for {type(value).__name__}")


def _exports_from_disk(terms: tuple[Term, ...], day: datetime.date, model: VarietyModel, site_root: str) -> dict[str, str | bytes]:
    """export_files, kept in the folder given to use_exports_folder under the key of its inputs."""
    key = _exports_key(terms, day, model, site_root) if _exports_folder else ""
    path = _exports_folder[0] / EXPORTS_CACHE if key else None
    if path is not None:
        with contextlib.suppress(Exception):  # missing, unreadable or another term base's: made again
            stored_key, files = pickle.loads(path.read_bytes())
            if stored_key == key and isinstance(files, dict):
                return files
    files = export_files(terms, day, model, site_root)
    if path is not None:
        with contextlib.suppress(OSError):  # the editions write it at once: each whole, then renamed
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f"{EXPORTS_CACHE}.{os.getpid()}")
            partial.write_bytes(pickle.dumps((key, files), protocol=5))
            os.replace(partial, path)
    return files


def _exports(
    terms: tuple[Term, ...], day: datetime.date, conversions: Mapping[str, Conversion], edition: Edition, site_root: str
) -> dict[str, str | bytes]:
    """The downloads: the same bytes in every edition, so made once per term base and day."""
    key = (
        terms, day, tuple((lang, c.opencc, id(c.table)) for lang, c in conversions.items()),  # tables: loaded once
        edition.varieties, edition.usages, site_root,
    )
    if key not in _EXPORTS:
        _EXPORTS.clear()  # one term base at a time (serve rebuilds after an edit)
        _EXPORTS[key] = _exports_from_disk(terms, day, variety_model(terms, edition, conversions), site_root)
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
    term_base: str = TERM_BASE,
    docs_dir: str = "",
    url: DocsUrl | None = None,
    conversions: Mapping[str, Conversion] | None = None,
    generated: datetime.date | None = None,
    check_texts: Mapping[str, Any] | None = None,
    site_root: str = "http://127.0.0.1:8000/",
) -> EditionTerms:
    """Scan the edition's pages (in `source`'s script: the edition itself, or the one it is converted
    from) and render its glossary, index, exports and tooltip definitions. `url` says how the
    generated pages link other files (default: MkDocs' directory URLs); `conversions` (by language tag)
    make the converted editions' text (this edition's, if converted, and the exports'); the exports say they were
    `generated` that day (default: today) and name their concepts below `site_root` (the published
    site's address), which also addresses the glossary's schema.org data; with `check_texts` (the
    catalog's `term_check` group), also the term check page and its data."""
    occurrences = _scan(tuple(pages), tuple(terms), source)
    nested = nested_in(surface_forms(terms, source), ignore_case_and_words=source.is_english)
    field_name = source.language  # the term base's field of the source's forms (zh, en)
    by_id = {term.id: term for term in terms}
    warnings = [
        f"{term_base}:{by_id[term_id].field_lines.get(field_name, by_id[term_id].line)}: term '{term_id}': "
        f"field '{field_name}': {getattr(by_id[term_id], field_name)!r} never occurs in {docs_dir or 'the pages'} "
        f"({edition.code} edition)"
        for term_id in unused_terms([term.id for term in terms], occurrences, nested)
    ]
    day = generated or datetime.date.today()
    conversions = conversions or {}
    conversion = conversions.get(edition.lang) or characters_only(edition)
    phrases = variety_phrases(terms, edition.lang) if conversion is not None else {}
    chinese: Callable[[str], str] = (lambda text: conversion.text(text, phrases)) if conversion is not None else str
    if conversion is not None and source is not edition:
        occurrences = occurrences.localized(chinese)
    files: dict[str, str | bytes] = {
        GLOSSARY_PAGE: render_glossary(terms, edition, labels, occurrences, nested, url or docs_url(), conversion),
        INDEX_PAGE: render_index(terms, edition, labels, occurrences, nested, url or docs_url()),
        **_exports(tuple(terms), day, conversions, edition, site_root),
        TIPS_FILE: tips_script(terms, edition, conversion),
    }
    glossary_url = f"{site_root.rstrip('/')}/{edition.prefix}glossary/"
    describe = lambda term: gist(term.definition_en if edition.is_english else chinese(term.definition_zh))  # noqa: E731
    files[GLOSSARY_PAGE] = str(files[GLOSSARY_PAGE]) + "\n" + defined_term_set(terms, edition, glossary_url, labels.glossary_title, describe)
    if check_texts is not None:
        page_url = url or docs_url()
        files[CHECK_PAGE] = render_check_page(edition, check_texts, len(terms), page_url)
        files[CHECK_DATA] = data_script(check_data(terms, edition, check_texts, page_url(GLOSSARY_PAGE)))
    return EditionTerms(occurrences, files, warnings)
