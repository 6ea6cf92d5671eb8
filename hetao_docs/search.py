"""Search: the term finder and the search-index post-processing, per edition (no MkDocs import).

Material's lunr search only knows the words of one edition's pages. A reader may type a term in
Simplified or Traditional Chinese, in English, or in pinyin with or without tones and spaces. The
*term finder* is a compact JSON per edition listing, for every term of the term base, those forms
normalised the same way as the query (see `normalise`; `search.js` mirrors it), the glossary entry
and the sections where the term occurs. `search.js` matches it on every keystroke and shows the hits
above Material's results.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from hetao_docs.terms.match import TermMatcher
from hetao_docs.terms.model import Edition, Term

# Sections listed under a term in the finder (the glossary entry comes first, then these).
SECTIONS_PER_TERM = 3

# Material joins jieba's words with U+200B in the index; readers never see it.
_ZERO_WIDTH_SPACE = "\u200b"
_TAG = re.compile(r"<[^>]+>")

# The finder's own words, per edition (everything else comes from the term base).
FINDER_TEXTS: dict[Edition, dict[str, str]] = {
    "zh": {"heading": "术语", "glossary": "术语表", "in": "出现于"},
    "zh-hant": {"heading": "術語", "glossary": "術語表", "in": "出現於"},
    "en": {"heading": "Terms", "glossary": "Glossary", "in": "Discussed in"},
}


def load_segmenter() -> None:
    """Load jieba's dictionary now (about 1 s), which Material's search plugin would load on first use.

    The editions build in forked processes: loaded before the fork, it is loaded once for all.
    """
    import jieba  # Material's search plugin segments Chinese with it

    jieba.initialize()


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


@dataclass(frozen=True)
class Section:
    location: str  # as in the search index: "problems/data-market/#summary"
    title: str
    page_title: str


def index_sections(docs: Sequence[Mapping[str, Any]], skip_pages: Iterable[str] = ()) -> list[tuple[Section, str]]:
    """(section, its plain text) for each document of a Material search index, pages in `skip_pages` left out."""
    skipped = tuple(skip_pages)
    page_titles: dict[str, str] = {}
    sections: list[tuple[Section, str]] = []
    for doc in docs:
        location = str(doc["location"])
        page = location.split("#", 1)[0]
        title = plain_text(str(doc.get("title", "")))
        page_titles.setdefault(page, title)
        if any(page == skip for skip in skipped):
            continue
        text = title + "\n" + plain_text(str(doc.get("text", "")))
        sections.append((Section(location, title, page_titles[page]), text))
    return sections


def term_sections(terms: Sequence[Term], edition: Edition, sections: Sequence[tuple[Section, str]]) -> dict[str, list[Section]]:
    """Per term id, the sections most about it, at most SECTIONS_PER_TERM: those with the term in
    their heading first, then by number of occurrences, then in site order.

    Occurrences are counted by the term engine's matcher, so a nested term (负面清单 inside
    数据跨境负面清单) counts only where it stands on its own, as in the index of terms.
    """
    matcher = TermMatcher.for_edition(terms, edition)
    ranked: dict[str, list[tuple[bool, int, int, Section]]] = {}
    for order, (section, text) in enumerate(sections):
        in_title = {match.term_id for match in matcher.find(section.title)}
        per_term: dict[str, int] = {}
        for match in matcher.find(text):
            per_term[match.term_id] = per_term.get(match.term_id, 0) + 1
        for term_id, count in per_term.items():
            ranked.setdefault(term_id, []).append((term_id not in in_title, -count, order, section))
    return {term_id: [s for *_, s in sorted(found)[:SECTIONS_PER_TERM]] for term_id, found in ranked.items()}


def _label(term: Term, edition: Edition) -> tuple[str, str]:
    """(title, subtitle) of a term's hit, in the edition's language first."""
    if edition == "en":
        return term.en, f"{term.zh} · {term.pinyin}"
    if edition == "zh-hant":
        return term.zh_hant, f"{term.en} · {term.pinyin}"
    return term.zh, f"{term.en} · {term.pinyin}"


def term_finder(
    terms: Sequence[Term],
    edition: Edition,
    glossary_url: str,
    docs: Sequence[Mapping[str, Any]],
    skip_pages: Iterable[str] = (),
) -> dict[str, Any]:
    """The term finder of one edition, ready for json.dumps.

    `glossary_url` is the glossary page's URL relative to the edition root ("glossary/");
    `docs` is the edition's search index; pages in `skip_pages` (the glossary, the index of terms)
    are not listed as sections, since every term occurs there.
    """
    found = term_sections(terms, edition, index_sections(docs, skip_pages))
    entries = []
    for term in terms:
        title, subtitle = _label(term, edition)
        entries.append(
            {
                "id": term.id,
                "title": title,
                "subtitle": subtitle,
                "url": f"{glossary_url}#{term.id}",
                "keys": term_keys(term),
                "sections": [[s.location, s.title, s.page_title] for s in found.get(term.id, [])],
            }
        )
    return {"texts": FINDER_TEXTS[edition], "terms": entries}


def finder_script(finder: Mapping[str, Any]) -> str:
    """The finder as a script (loads over http:// and from file:// alike, unlike fetch)."""
    return "window.__hetaoTermFinder=" + json.dumps(finder, ensure_ascii=False, separators=(",", ":")) + ";\n"


def compact_index(index_json: str) -> str:
    """Material's search index re-serialised without ASCII escapes: a Chinese character takes
    3 bytes instead of 6 (`\\u6570`). Same data, same parser."""
    return json.dumps(json.loads(index_json), ensure_ascii=False, separators=(",", ":"))


_CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def use_search_worker(page_html: str, wrapper_name: str) -> str:
    """Point Material's `__config.search` (its search worker) at our wrapper in the same folder.

    The wrapper gets Material's worker file name as `?material=…` and loads it itself.
    Pages without Material's config are returned unchanged.
    """
    match = _CONFIG_SCRIPT.search(page_html)
    if not match:
        return page_html
    worker = json.loads(match.group(2)).get("search")
    if not isinstance(worker, str) or "/" not in worker:
        return page_html
    folder, material = worker.rsplit("/", 1)
    if material.split("?", 1)[0] == wrapper_name:
        return page_html  # already switched
    wrapped = f"{folder}/{wrapper_name}?material={material}"
    config = match.group(2).replace(json.dumps(worker), json.dumps(wrapped), 1)
    return page_html[: match.start(2)] + config + page_html[match.end(2) :]
