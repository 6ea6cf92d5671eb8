"""Search: the term finder and the search-index post-processing, per edition (no MkDocs import).

Material's lunr search only knows the words of one edition's pages. A reader may type a term in
Simplified or Traditional Chinese, in English, or in pinyin with or without tones and spaces. The
*term finder* is a compact JSON per edition listing, for every term of the term base, those forms
normalised the same way as the query (see `normalise`; `search.js` mirrors it), the glossary entry
and the sections most about the term (from the occurrence model, hetao_docs/terms/occurrences.py).
`search.js` matches it on every keystroke and shows the hits above Material's results.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from hetao_docs.editions import Edition
from hetao_docs.terms.model import Term, name_for
from hetao_docs.terms.occurrences import Occurrences

# Sections listed under a term in the finder (the glossary entry comes first, then these).
SECTIONS_PER_TERM = 3

# Material joins jieba's words with U+200B in the index; readers never see it.
_ZERO_WIDTH_SPACE = "\u200b"
_TAG = re.compile(r"<[^>]+>")

def normalise(text: str) -> str:
    """The matching key of a query or a term form: lower case, no tone marks, letters and digits only.

    "Bái míng dān", "bai ming dan" and "baimingdan" all become "baimingdan"; Chinese is unchanged;
    full-width Latin letters become ASCII. `search.js` applies the same steps to the query.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    kept = (c for c in decomposed if unicodedata.category(c)[0] in "LN")
    return "".join(kept).lower()


def pinyin_keys(pinyin: str) -> set[str]:
    """Keys for a toned, spaced pinyin: tones dropped, and ü also written as v (input methods type lv)."""
    decomposed = unicodedata.normalize("NFKD", pinyin)
    return {normalise(pinyin), normalise(decomposed.replace("u\u0308", "v"))}


def term_keys(term: Term) -> list[str]:
    """Every normalised form a reader may type for `term`, in every script, without duplicates."""
    forms = [term.zh, *term.aliases_zh, term.zh_hant, *term.aliases_hant, term.en, *term.en_alt]
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
    texts: Mapping[str, str],
    glossary_url: str,
    occurrences: Occurrences,
    page_url: Callable[[str], str],
) -> dict[str, Any]:
    """The term finder of one edition, ready for json.dumps.

    `texts` are the finder's own words (the catalog's `finder` group); `glossary_url` is the
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
                "sections": sections,
            }
        )
    return {"texts": dict(texts), "terms": entries}


def finder_script(finder: Mapping[str, Any]) -> str:
    """The finder as a script (loads over http:// and from file:// alike, unlike fetch)."""
    return "window.__hetaoTermFinder=" + json.dumps(finder, ensure_ascii=False, separators=(",", ":")) + ";\n"


def compact_index(index_json: str) -> str:
    """Material's search index re-serialised without ASCII escapes: a Chinese character takes
    3 bytes instead of 6 (`\\u6570`). Same data, same parser."""
    return json.dumps(json.loads(index_json), ensure_ascii=False, separators=(",", ":"))
