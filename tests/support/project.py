"""The project's own data, as the tests read it: the edition table, the string catalogs, the term base."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

from hetao_docs.chinese import Conversion, PhraseTable, edition_conversions, load_phrase_table, simplified_characters
from hetao_docs.editions import Edition, load_editions
from hetao_docs.strings import Catalog, load_catalogs
from hetao_docs.terms import Term, load_terms, variety_phrases

ROOT = Path(__file__).resolve().parents[2]
DOCS_ZH = ROOT / "docs" / "zh"
EDITIONS = load_editions(ROOT / "data" / "editions.yml")
VARIETIES = EDITIONS.primary.varieties  # the term base's varieties and usages, from the table
ZH, EN, HANT = EDITIONS.get("zh"), EDITIONS.get("en"), EDITIONS.get("zh-hant")
GENERATED_PAGES = ("glossary.md", "term-index.md", "term-check.md", "changes.md")  # written by the build (term base; change log)


CONVERSIONS = edition_conversions(EDITIONS, ROOT)  # every converted edition's, phrase tables loaded
GEOGRAPHY = {usage.name: usage.geography for usage in EDITIONS.primary.usages if usage.geography}  # TBX

# The Hong Kong edition's conversion, as the edition table names it (tests of its wording).
HK_OPENCC = HANT.conversion or ""


def load_hong_kong_table(path: Path | None = None, display_name: str | None = None) -> PhraseTable:
    return load_phrase_table(path or ROOT / (HANT.phrases or ""), HK_OPENCC, VARIETIES.traditional, display_name=display_name)


def to_hong_kong(text: str, phrases: Mapping[str, str] | None = None, table: PhraseTable | None = None) -> str:
    return Conversion(HK_OPENCC, table, VARIETIES.source).text(text, phrases)


def to_hong_kong_markdown(markdown: str, phrases: Mapping[str, str], table: PhraseTable | None = None) -> str:
    return Conversion(HK_OPENCC, table, VARIETIES.source).markdown(markdown, phrases)


def hant_phrases(terms: list[Term]) -> dict[str, str]:
    return variety_phrases(terms, HANT.lang)


def simplified(text: str, keep: Iterable[str] = ()) -> list[str]:
    return simplified_characters(text, VARIETIES.traditional, keep)


def edition(code: str) -> Edition:
    return EDITIONS.get(code)


@cache
def catalogs() -> dict[str, Catalog]:
    return load_catalogs(ROOT / "data" / "strings", EDITIONS.codes)


@cache
def _terms() -> tuple[Term, ...]:
    return tuple(load_terms(ROOT / "data" / "terms.yaml", VARIETIES))


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
