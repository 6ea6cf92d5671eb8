"""Search: the term finder and the search-index post-processing, per edition (no MkDocs import).

Material's lunr search only knows the words of one edition's pages. A reader may type a term in
Simplified or Traditional Chinese, in English, or in pinyin with or without tones and spaces. The
*term finder* is a compact JSON per edition listing, for every term of the term base, those forms
normalised the same way as the query (see `normalise`; `search.js` mirrors it), the glossary entry
and the sections most about the term (from the occurrence model, hetao_docs/terms/occurrences.py).
`search.js` matches it on every keystroke and shows the hits above Material's results.

Ranking (the worker, workers/search-hetao.js) finds sections that contain the query verbatim
(`phrase_key` is its folding in Python; the JavaScript unit tier, tests/js/, holds the two together) and ranks content sections before the reference
pages (glossary, index of terms) and the sections about the site itself: `section_boosts` gives
those a lower `boost` in the index, from the data (a generated page, or `data-search-rank="site"`
on a heading: `## 搜索术语 { #search-terms data-search-rank="site" }`).
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from hetao_docs import conversions
from hetao_docs.editions import Edition
from hetao_docs.terms.model import Term, name_for
from hetao_docs.terms.occurrences import Occurrences

# Sections listed under a term in the finder (the glossary entry comes first, then these).
SECTIONS_PER_TERM = 3

# Index boosts (Material's own field, which its lunr ranking honours too); the worker reads them as
# the kind of section: content (none) > reference > about the site.
REFERENCE_BOOST = 0.5
SITE_BOOST = 0.25
SITE_RANK = "site"

# Material joins jieba's words with U+200B in the index; readers never see it.
_ZERO_WIDTH_SPACE = "\u200b"
_TAG = re.compile(r"<[^>]+>")
_HEADING = re.compile(r"<h([1-6])\b([^>]*)>")
_ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
_HAN_RANGES = ((0x3007, 0x3007), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x323AF))


class SearchRankError(ValueError):
    """A heading's data-search-rank is not one we know."""

def normalise(text: str) -> str:
    """The matching key of a query or a term form: lower case, no tone marks, letters and digits only.

    "Bái míng dān", "bai ming dan" and "baimingdan" all become "baimingdan"; Chinese is unchanged;
    full-width Latin letters become ASCII. `search.js` applies the same steps to the query (tests/js/ checks).
    """
    decomposed = unicodedata.normalize("NFKD", text)
    kept = (c for c in decomposed if unicodedata.category(c)[0] in "LN")
    return "".join(kept).lower()


def _is_han(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _HAN_RANGES)


def phrase_key(text: str) -> str:
    """The worker's `fold` (search-hetao.js) on plain text: the key a query and a section are
    compared by. NFKC (full width → half width), tone marks dropped, lower case; every run of other
    characters is one space, and none is kept next to a Han character.

    "研发在港、应用在深" → "研发在港应用在深"; "Cross-Border  Data" → "cross border data".
    """
    out: list[str] = []
    gap = False
    for char in text:
        decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", char))
        folded = "".join(c for c in decomposed if unicodedata.category(c)[0] != "M").lower()
        for c in folded:
            if unicodedata.category(c)[0] not in "LN":
                gap = True
                continue
            if gap and out and not _is_han(c) and not _is_han(out[-1]):
                out.append(" ")
            gap = False
            out.append(c)
    return "".join(out)


def contains_phrase(key: str, needle: str) -> bool:
    """Whether `needle` (a phrase_key) occurs in `key` as the worker finds it: anywhere for Han, at a
    word's start for Latin (a word's prefix counts: "sandb" is in "sandbox")."""
    start = key.find(needle)
    while needle and start >= 0:
        before = key[start - 1] if start else " "
        if _is_han(needle[0]) or not before.isalnum() or _is_han(before):
            return True
        start = key.find(needle, start + 1)
    return False


def pinyin_initials(pinyin: str) -> str:
    """The first letter of each syllable, as readers type a term in short: "bái míng dān" → "bmd".
    Empty for a single syllable (its initial is no key)."""
    syllables = [normalise(part) for part in re.split(r"[\s'’-]+", pinyin)]
    letters = [syllable[0] for syllable in syllables if syllable]
    return "".join(letters) if len(letters) > 1 else ""


def section_boosts(page_url: str, page_html: str, generated: bool) -> dict[str, float]:
    """Index locations of one page that rank below content, with their boost: every section of a
    generated page (glossary, index of terms: reference), and each heading marked
    `data-search-rank="site"` (a section about the site: how to search, how to cite…).
    Raises SearchRankError for another value of data-search-rank."""
    boosts: dict[str, float] = {}
    for level, attributes in _HEADING.findall(page_html):
        found = dict(_ATTRIBUTE.findall(attributes))
        anchor = found.get("id", "")
        location = page_url if level == "1" or not anchor else f"{page_url}#{anchor}"
        rank = found.get("data-search-rank")
        if rank is not None and rank != SITE_RANK:
            raise SearchRankError(f"heading '#{anchor}': data-search-rank must be {SITE_RANK!r}, not {rank!r}")
        if rank == SITE_RANK:
            boosts[location] = SITE_BOOST
        elif generated:
            boosts[location] = REFERENCE_BOOST
    if generated:
        boosts.setdefault(page_url, REFERENCE_BOOST)
    return boosts


def pinyin_keys(pinyin: str) -> set[str]:
    """Keys for a toned, spaced pinyin: tones dropped, and ü also written as v (input methods type lv)."""
    decomposed = unicodedata.normalize("NFKD", pinyin)
    return {normalise(pinyin), normalise(decomposed.replace("u\u0308", "v"))}


def term_keys(term: Term) -> list[str]:
    """Every normalised form a reader may type for `term`, in every script, without duplicates."""
    forms = [form for _, variety in term.forms for form in variety]
    keys = [normalise(form) for form in forms]
    keys.extend(sorted(pinyin_keys(term.pinyin)))
    return [key for key in dict.fromkeys(keys) if key]


def plain_text(index_html: str) -> str:
    """The visible text of a search-index field (Material keeps some tags and jieba's separators)."""
    return html.unescape(_TAG.sub("", index_html)).replace(_ZERO_WIDTH_SPACE, "")


def _label(term: Term, edition: Edition) -> tuple[str, str]:
    """(title, subtitle) of a term's hit, in the edition's language first."""
    if edition.is_english:
        return term.en, f"{term.zh} · {term.pinyin}"
    return name_for(term, edition), f"{term.en} · {term.pinyin}"


def term_finder(
    terms: Sequence[Term],
    edition: Edition,
    texts: Mapping[str, Any],
    glossary_url: str,
    occurrences: Occurrences,
    page_url: Callable[[str], str],
) -> dict[str, Any]:
    """The term finder of one edition, ready for json.dumps.

    `texts` are the finder's own words (the catalog's `finder` group, and `ranking`: the search
    notices, `search_ranking`); `glossary_url` is the
    glossary page's URL relative to the edition root ("glossary/"); the sections listed under each
    term are the occurrence model's sections most about it, linked with `page_url` (a page's path in
    the docs dir → its URL relative to the edition root).
    """
    entries = []
    for term in terms:
        title, subtitle = _label(term, edition)
        sections = [
            [page_url(s.page) + (f"#{s.anchor}" if s.anchor and s.level != 1 else ""), s.title, s.page_title]
            for s in occurrences.most_about(term.id, SECTIONS_PER_TERM)
        ]
        entries.append(
            {
                "id": term.id,
                "title": title,
                "subtitle": subtitle,
                "url": f"{glossary_url}#{term.id}",
                "keys": term_keys(term),
                "initials": pinyin_initials(term.pinyin),
                "sections": sections,
            }
        )
    return {"texts": dict(texts), "terms": entries}


def finder_script(finder: Mapping[str, Any]) -> str:
    """The finder as a script (loads over http:// and from file:// alike, unlike fetch)."""
    return "window.__hetaoTermFinder=" + json.dumps(finder, ensure_ascii=False, separators=(",", ":")) + ";\n"


def compact_index(index_json: str, boosts: Mapping[str, float] | None = None, script_test: tuple[str, str] = ("", "")) -> str:
    """Material's search index re-serialised without ASCII escapes: a Chinese character takes
    3 bytes instead of 6 (`\\u6570`). Same data, same parser; the documents at `boosts`' locations
    get that `boost` (section_boosts); with `script_test` (the edition table's conversions to
    Traditional and to Simplified), the characters the worker reads as one (script_variants)."""
    index = json.loads(index_json)
    for doc in index.get("docs", []):
        boost = (boosts or {}).get(str(doc.get("location", "")))
        if boost is not None:
            doc["boost"] = boost
    variants = script_variants(index.get("docs", []), script_test) if all(script_test) else ""
    if variants:  # in `config`: Material hands the worker only the index's config and docs
        index.setdefault("config", {})["hetao_variants"] = variants
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


_HAN_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def script_variants(docs: list[dict[str, Any]], script_test: tuple[str, str], convert: Callable[[str, str], str] = conversions.convert) -> str:
    """Which characters the worker reads as one (search-hetao.js, `inIndexScript`), in the index's
    documents and in queries alike: a query typed in the other script (白名单 in the Traditional
    edition, 數碼港 in the Simplified one) finds what its own script finds, and the Simplified forms
    the Traditional glossary shows are found with the Traditional ones. Pairs "other, ours",
    concatenated: for each Han character of the index, most frequent first, its other script's form
    reads as it, unless that form is already read as another character or another reads as it
    (後 and 后: 后 reads as the more frequent 後, not the reverse)."""
    counts: Counter[str] = Counter()
    for doc in docs:
        counts.update(_HAN_CHAR.findall(f"{doc.get('title', '')} {doc.get('text', '')}"))
    chosen: dict[str, str] = {}
    for ours, _ in counts.most_common():
        if ours in chosen:
            continue
        for config in script_test:
            other = convert(config, ours)
            if len(other) == 1 and other != ours and other not in chosen and other not in chosen.values():
                chosen[other] = ours
    return "".join(other + ours for other, ours in sorted(chosen.items()))
