"""The project's own data, as the tests read it: the edition table, the string catalogs, the term base."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from hetao_docs.editions import Edition, load_editions
from hetao_docs.strings import Catalog, load_catalogs
from hetao_docs.terms import Term, load_terms

ROOT = Path(__file__).resolve().parents[2]
DOCS_ZH = ROOT / "docs" / "zh"
EDITIONS = load_editions(ROOT / "data" / "editions.yml")
ZH, EN, HANT = EDITIONS.get("zh"), EDITIONS.get("en"), EDITIONS.get("zh-hant")
GENERATED_PAGES = ("glossary.md", "term-index.md", "term-check.md", "changes.md")  # written by the build (term base; change log)


def edition(code: str) -> Edition:
    return EDITIONS.get(code)


@cache
def catalogs() -> dict[str, Catalog]:
    return load_catalogs(ROOT / "data" / "strings", EDITIONS.codes)


@cache
def _terms() -> tuple[Term, ...]:
    return tuple(load_terms(ROOT / "data" / "terms.yaml"))


def terms() -> list[Term]:
    """The real term base (data/terms.yaml), loaded once."""
    return list(_terms())


def page_url(source: str) -> str:
    """page.url of a Markdown page with directory URLs: "index.md" → "", "a/b.md" → "a/b/"."""
    stem = source.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def page_urls() -> list[str]:
    """Every page's path below its edition root, from the Simplified sources and the generated pages."""
    sources = {p.relative_to(DOCS_ZH).as_posix() for p in DOCS_ZH.rglob("*.md")}
    return [page_url(source) for source in sorted({*sources, *GENERATED_PAGES})]
