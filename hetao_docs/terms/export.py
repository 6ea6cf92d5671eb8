"""The downloadable exports: CSV (UTF-8 with BOM, for Excel), JSON, and TBX (ISO 30042).

The same bytes in every edition, and no timestamps, so a committed copy can be checked for drift.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from typing import Any

from hetao_docs.chinese import to_hong_kong
from hetao_docs.terms.load import hant_phrases
from hetao_docs.terms.model import Term

CSV_COLUMNS = (
    "id", "zh", "zh_hant", "pinyin", "aliases_zh", "en", "en_alt", "category", "related",
    "definition_zh", "definition_en", "en_source_authority", "en_source_document", "en_source_url",
    "en_source_confidence", "en_source_note", "usage_note_zh", "usage_note_en",
)
_LIST_SEPARATOR = "; "
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _row(term: Term) -> dict[str, str]:
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
    }


def _spreadsheet_safe(value: str) -> str:
    """Keep Excel from running a cell as a formula (CSV injection): prefix = + - @ with an apostrophe."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def to_csv(terms: list[Term]) -> str:
    """CSV with a byte-order mark, so Excel opens it as UTF-8 (write the string as UTF-8)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for term in terms:
        writer.writerow({key: _spreadsheet_safe(value) for key, value in _row(term).items()})
    return "\ufeff" + buffer.getvalue()


def to_json(terms: list[Term]) -> str:
    records: list[dict[str, Any]] = []
    for term in terms:
        source = {k: v for k, v in vars(term.en_source).items() if v is not None}
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
            "en_source": source,
        }
        if term.usage_note:
            record["usage_note"] = {"zh": term.usage_note.zh, "en": term.usage_note.en}
        records.append(record)
    return json.dumps({"terms": records}, ensure_ascii=False, indent=2) + "\n"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element


def _lang_set(entry: ET.Element, lang: str, definition: str, terms: list[tuple[str, str]], notes: list[str]) -> None:
    lang_set = _sub(entry, "langSet", **{_XML_LANG: lang})
    _sub(lang_set, "descrip", definition, type="definition")
    for text, status in terms:
        tig = _sub(lang_set, "tig")
        _sub(tig, "term", text)
        _sub(tig, "termNote", "noun", type="partOfSpeech")
        _sub(tig, "termNote", status, type="administrativeStatus")
    for note in notes:
        _sub(lang_set, "note", note)


def to_tbx(terms: list[Term]) -> str:
    """TBX-Basic (ISO 30042:2008 `martif`, the dialect translation tools import), one termEntry per
    term with langSets zh-Hans, zh-Hant and en. ElementTree escapes all text."""
    martif = ET.Element("martif", {"type": "TBX-Basic", _XML_LANG: "en"})
    file_desc = _sub(_sub(martif, "martifHeader"), "fileDesc")
    _sub(_sub(file_desc, "titleStmt"), "title", "Hetao cross-border data reference: policy terms")
    _sub(_sub(file_desc, "sourceDesc"), "p", "Generated from data/terms.yaml; definitions written for this site.")
    body = _sub(_sub(martif, "text"), "body")
    phrases = hant_phrases(terms)
    for term in terms:
        entry = _sub(body, "termEntry", id=term.id)
        _sub(entry, "descrip", term.category, type="subjectField")
        for related in term.related:
            _sub(entry, "ref", related, type="crossReference", target=related)
        preferred, admitted = "preferredTerm-admn-sts", "admittedTerm-admn-sts"
        usage = term.usage_note
        _lang_set(
            entry, "zh-Hans", term.definition_zh,
            [(term.zh, preferred), *((alias, admitted) for alias in term.aliases_zh)],
            [f"Pinyin: {term.pinyin}", *([usage.zh] if usage else [])],
        )
        _lang_set(
            entry, "zh-Hant", to_hong_kong(term.definition_zh, phrases),
            [(term.zh_hant, preferred), *((alias, admitted) for alias in term.aliases_hant)],
            [f"Pinyin: {term.pinyin}", *([to_hong_kong(usage.zh, phrases)] if usage else [])],
        )
        source = term.en_source
        source_note = " · ".join(filter(None, [source.authority, source.document, source.url, f"confidence: {source.confidence}", source.note]))
        _lang_set(
            entry, "en", term.definition_en,
            [(term.en, preferred), *((alt, admitted) for alt in term.en_alt)],
            [f"Source of the English: {source_note}", *([usage.en] if usage else [])],
        )
    ET.indent(martif)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(martif, encoding="unicode") + "\n"
