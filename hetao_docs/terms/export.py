"""The downloadable exports: CSV (UTF-8 with BOM, for Excel), JSON, and TBX (ISO 30042).

The same bytes in every edition. Each says which version of the term base it is (a digest of its
content, `term_base_version`) and when it was generated (`generated`, a date the caller passes:
the build's day), so a reader can tell two downloads apart.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from typing import Any

from hetao_docs.chinese import Conversion
from hetao_docs.terms.load import variety_phrases
from hetao_docs.terms.model import Rendering, Term

CSV_COLUMNS = (
    "id", "zh", "zh_hant", "pinyin", "aliases_zh", "en", "en_alt", "category", "related",
    "definition_zh", "definition_en", "en_source_authority", "en_source_document", "en_source_url",
    "en_source_confidence", "en_source_note", "usage_note_zh", "usage_note_en", "renderings",
    "term_base_version", "generated",
)
_LIST_SEPARATOR = "; "
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# TBX-Basic's picklist values for administrativeStatus (geographicalUsage, free text: the usages' `geography`).
_TBX_STATUS = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts", "deprecated": "deprecatedTerm-admn-sts"}


def _rendering_record(rendering: Rendering) -> dict[str, Any]:
    record: dict[str, Any] = {"form": rendering.form, "lang": rendering.lang, "usage": rendering.usage, "status": rendering.status}
    if rendering.why:
        record["why"] = rendering.why
    if rendering.source:
        record["source"] = {k: v for k, v in vars(rendering.source).items() if v is not None}
    return record


def _record(term: Term) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": term.id,
        "zh": term.zh,
        "zh_hant": term.zh_hant,
        "pinyin": term.pinyin,
        "aliases_zh": list(term.aliases_zh),
        "en": term.en,
        "en_alt": list(term.en_alt),
        "category": term.category,
        "related": list(term.related),
        "definition": {"zh": term.definition_zh, "en": term.definition_en},
        "en_source": {k: v for k, v in vars(term.en_source).items() if v is not None},
    }
    if term.usage_note:
        record["usage_note"] = {"zh": term.usage_note.zh, "en": term.usage_note.en}
    if term.renderings:
        record["renderings"] = [_rendering_record(r) for r in term.renderings]
    return record


def term_base_version(terms: Iterable[Term]) -> str:
    """A short digest of the term base's content: the same terms give the same version."""
    text = json.dumps([_record(term) for term in terms], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _rendering_cell(rendering: Rendering) -> str:
    """`form [lang, usage, status: why] (issuer, document, locator, date, url)` on one line."""
    status = rendering.status + (f": {rendering.why}" if rendering.why else "")
    text = f"{rendering.form} [{rendering.lang}, {rendering.usage}, {status}]"
    if rendering.source:
        source = rendering.source
        text += " (" + ", ".join(filter(None, [source.issuer, source.document, source.locator, source.date, source.url])) + ")"
    return text


def _row(term: Term, version: str, generated: datetime.date) -> dict[str, str]:
    source, note = term.en_source, term.usage_note
    return {
        "id": term.id,
        "zh": term.zh,
        "zh_hant": term.zh_hant,
        "pinyin": term.pinyin,
        "aliases_zh": _LIST_SEPARATOR.join(term.aliases_zh),
        "en": term.en,
        "en_alt": _LIST_SEPARATOR.join(term.en_alt),
        "category": term.category,
        "related": _LIST_SEPARATOR.join(term.related),
        "definition_zh": term.definition_zh,
        "definition_en": term.definition_en,
        "en_source_authority": source.authority or "",
        "en_source_document": source.document or "",
        "en_source_url": source.url or "",
        "en_source_confidence": source.confidence,
        "en_source_note": source.note or "",
        "usage_note_zh": note.zh if note else "",
        "usage_note_en": note.en if note else "",
        "renderings": " | ".join(_rendering_cell(r) for r in term.renderings),
        "term_base_version": version,
        "generated": generated.isoformat(),
    }


def _spreadsheet_safe(value: str) -> str:
    """Keep Excel from running a cell as a formula (CSV injection): prefix = + - @ with an apostrophe."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def to_csv(terms: list[Term], generated: datetime.date) -> str:
    """CSV with a byte-order mark, so Excel opens it as UTF-8 (write the string as UTF-8)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    version = term_base_version(terms)
    for term in terms:
        writer.writerow({key: _spreadsheet_safe(value) for key, value in _row(term, version, generated).items()})
    return "\ufeff" + buffer.getvalue()


def to_json(terms: list[Term], generated: datetime.date) -> str:
    data = {"term_base_version": term_base_version(terms), "generated": generated.isoformat(), "terms": [_record(t) for t in terms]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element


def _lang_set(
    entry: ET.Element, term: Term, lang: str, definition: str, geography: Mapping[str, str], forms: list[tuple[str, str]], notes: list[str]
) -> None:
    """One language's forms, each a `tig` with its status, usage and source (from the term's
    renderings; otherwise the first form is preferred and the others admitted)."""
    lang_set = _sub(entry, "langSet", **{_XML_LANG: lang})
    _sub(lang_set, "descrip", definition, type="definition")
    for text, default_status in forms:
        rendering = next((r for r in term.renderings if r.lang == lang and r.form.casefold() == text.casefold()), None)
        tig = _sub(lang_set, "tig")
        _sub(tig, "term", text)
        _sub(tig, "termNote", "noun", type="partOfSpeech")
        _sub(tig, "termNote", _TBX_STATUS[rendering.status] if rendering else default_status, type="administrativeStatus")
        if rendering and rendering.usage in geography:
            _sub(tig, "termNote", geography[rendering.usage], type="geographicalUsage")
        if rendering and rendering.source:
            source = rendering.source
            _sub(tig, "admin", ", ".join(filter(None, [source.issuer, source.document, source.locator, source.date, source.url])), type="source")
        if rendering and rendering.why:
            _sub(tig, "note", rendering.why)
    for note in notes:
        _sub(lang_set, "note", note)


def to_tbx(terms: list[Term], generated: datetime.date, conversions: Mapping[str, Conversion], geography: Mapping[str, str]) -> str:
    """TBX-Basic (ISO 30042:2008 `martif`, the dialect translation tools import), one termEntry per
    term with a langSet per variety (Simplified, each converted edition's by its `conversions`,
    English); `geography`: a usage's geographicalUsage. ElementTree escapes all text."""
    martif = ET.Element("martif", {"type": "TBX-Basic", _XML_LANG: "en"})
    file_desc = _sub(_sub(martif, "martifHeader"), "fileDesc")
    _sub(_sub(file_desc, "titleStmt"), "title", "Hetao cross-border data reference: policy terms")
    _sub(
        _sub(file_desc, "sourceDesc"), "p",
        f"Generated {generated.isoformat()} from the term base, version {term_base_version(terms)}; definitions written for this site.",
    )
    body = _sub(_sub(martif, "text"), "body")
    phrases = {lang: variety_phrases(terms, lang) for lang in conversions}
    preferred, admitted = _TBX_STATUS["preferred"], _TBX_STATUS["admitted"]
    for term in terms:
        entry = _sub(body, "termEntry", id=term.id)
        _sub(entry, "descrip", term.category, type="subjectField")
        for related in term.related:
            _sub(entry, "ref", related, type="crossReference", target=related)
        usage = term.usage_note
        (simplified, _), *_, (english, _) = term.forms
        _lang_set(
            entry, term, simplified, term.definition_zh, geography,
            [(term.zh, preferred), *((alias, admitted) for alias in term.aliases_zh)],
            [f"Pinyin: {term.pinyin}", *([usage.zh] if usage else [])],
        )
        for lang, conversion in conversions.items():
            form, *aliases = term.forms_in(lang)
            _lang_set(
                entry, term, lang, conversion.text(term.definition_zh, phrases[lang]), geography,
                [(form, preferred), *((alias, admitted) for alias in aliases)],
                [f"Pinyin: {term.pinyin}", *([conversion.text(usage.zh, phrases[lang])] if usage else [])],
            )
        source = term.en_source
        source_note = " · ".join(filter(None, [source.authority, source.document, source.url, f"confidence: {source.confidence}", source.note]))
        _lang_set(
            entry, term, english, term.definition_en, geography,
            [(term.en, preferred), *((alt, admitted) for alt in term.en_alt)],
            [f"Source of the English: {source_note}", *([usage.en] if usage else [])],
        )
    ET.indent(martif)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(martif, encoding="unicode") + "\n"
