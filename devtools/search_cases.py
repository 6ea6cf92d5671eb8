"""Search query cases generated from the term base, and what counts as a right answer.

Used by the browser tests (tests/test_search_browser.py) and the search benchmark
(scripts/benchmark_search.py). Every term is searched in every edition in each way a reader may type
it; the search passes when the term's glossary entry, or a section where the term occurs, is among
the first three results. Development tooling: not part of the hetao_docs package.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hetao_docs.editions import load_editions
from hetao_docs.search import plain_text
from hetao_docs.terms.match import TermMatcher
from hetao_docs.terms.model import Term

ROOT = Path(__file__).resolve().parent.parent

# Injected into a browser page (tests, benchmark): records which query Material's search worker last
# answered (our worker wrapper tags each result with its query); Material renders results
# synchronously when they arrive, before this listener runs.
SEARCH_PROBE = """
window.__searchProbe = { answered: null }
const post = Worker.prototype.postMessage
Worker.prototype.postMessage = function (message) {
  if (!this.__probed) {
    this.__probed = true
    this.addEventListener("message", ev => {
      if (ev.data && ev.data.type === 3) window.__searchProbe.answered = ev.data.query
    })
  }
  return post.apply(this, arguments)
}
"""

# The edition table (data/editions.yml); cases and helpers here name an edition by its code.
EDITIONS = load_editions(ROOT / "data" / "editions.yml")
# Edition code -> where it lives below the site root ("" for the primary one, "en/", ...), in the
# edition table's order.
EDITION_PREFIXES: dict[str, str] = {edition.code: edition.prefix for edition in EDITIONS}
TOP = 3


@dataclass(frozen=True)
class QueryCase:
    edition: str  # an edition code of data/editions.yml
    form: str  # which spelling: zh, zh_hant, en, en_alt1, pinyin, pinyin_toneless, pinyin_joined, phrase
    query: str
    term_id: str

    @property
    def name(self) -> str:
        return f"{self.edition}-{self.term_id}-{self.form}-{self.query}"


def _toneless(pinyin: str) -> str:
    decomposed = unicodedata.normalize("NFKD", pinyin)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def term_spellings(term: Term) -> list[tuple[str, str]]:
    """(form, query) for each way of typing `term`: 白名单, 白名單, whitelist, white list,
    bái míng dān, bai ming dan, baimingdan (duplicates dropped: 新田科技城 is the same in both scripts)."""
    toneless = _toneless(term.pinyin)
    spellings = [("zh", term.zh), ("zh_hant", term.zh_hant), ("en", term.en)]
    spellings += [(f"en_alt{number}", alt) for number, alt in enumerate(term.en_alt, 1)]
    spellings += [("pinyin", term.pinyin), ("pinyin_toneless", toneless), ("pinyin_joined", toneless.replace(" ", ""))]
    seen: set[str] = set()
    unique = []
    for form, query in spellings:
        if query not in seen:
            seen.add(query)
            unique.append((form, query))
    return unique


def term_cases(terms: Iterable[Term], editions: Iterable[str] = tuple(EDITION_PREFIXES)) -> list[QueryCase]:
    """Every term × every spelling × every edition."""
    terms = list(terms)
    return [
        QueryCase(edition, form, query, term.id)
        for edition in editions
        for term in terms
        for form, query in term_spellings(term)
    ]


# Phrases readers type, written by hand: multi-word terms, sub-terms, English phrases.
PHRASE_CASES: tuple[QueryCase, ...] = (
    QueryCase("zh", "phrase", "数据跨境", "cross-border-data"),
    QueryCase("zh", "phrase", "监管沙盒", "regulatory-sandbox"),
    QueryCase("zh", "phrase", "公共数据授权运营", "public-data-authorized-operation"),
    QueryCase("zh", "phrase", "沙盒", "regulatory-sandbox"),
    QueryCase("zh", "phrase", "跨境", "cross-border-data"),
    QueryCase("zh", "phrase", "跨境数据", "cross-border-data"),
    QueryCase("zh", "phrase", "数据跨境流动", "cross-border-data"),
    QueryCase("zh", "phrase", "负面清单", "negative-list"),
    QueryCase("zh-hant", "phrase", "監管沙盒", "regulatory-sandbox"),
    QueryCase("zh-hant", "phrase", "數據跨境", "cross-border-data"),
    QueryCase("en", "phrase", "regulatory sandbox", "regulatory-sandbox"),
    QueryCase("en", "phrase", "sandbox", "regulatory-sandbox"),
    QueryCase("en", "phrase", "cross-border data", "cross-border-data"),
    QueryCase("en", "phrase", "Cross-Border Data", "cross-border-data"),
    QueryCase("en", "phrase", "public data", "public-data-authorized-operation"),
    QueryCase("en", "phrase", "negative list", "negative-list"),
    QueryCase("en", "phrase", "data trust", "data-trust"),
    QueryCase("en", "phrase", "white list", "whitelist"),
    QueryCase("en", "phrase", "监管沙盒", "regulatory-sandbox"),
    # Either side's form finds the term (term records: Mainland and Hong Kong usage)
    QueryCase("zh-hant", "phrase", "個人資料", "personal-information"),
    QueryCase("zh-hant", "phrase", "私隱", "pdpo"),
    QueryCase("en", "phrase", "cross-boundary", "cross-border-data"),
    QueryCase("en", "phrase", "personal data", "personal-information"),
)


def right_answers(
    terms: Sequence[Term],
    edition: str,
    glossary_url: str,
    docs: Sequence[Mapping[str, Any]],
    skip_pages: Iterable[str] = (),
) -> dict[str, set[str]]:
    """Per term id, the locations that answer a search for it: its glossary entry and every section
    of the edition's search index (`docs`) where one of its forms occurs, as the term engine matches
    them (`contained_ids`: a term nested in a longer one counts too). Other entries of the glossary
    and the index of terms (`skip_pages`) do not count: they mention every term."""
    matcher = TermMatcher.for_edition(terms, EDITIONS.get(edition))
    answers = {term.id: {f"{glossary_url}#{term.id}"} for term in terms}
    skipped = set(skip_pages)
    for doc in docs:
        if str(doc["location"]).split("#", 1)[0] in skipped:
            continue
        text = plain_text(str(doc.get("title", ""))) + "\n" + plain_text(str(doc.get("text", "")))
        for term_id in matcher.contained_ids(text):
            answers[term_id].add(str(doc["location"]))
    return answers
