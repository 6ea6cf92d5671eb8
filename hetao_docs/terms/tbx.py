"""TBX exports: TBX v3 (ISO 30042:2019) in LTAC's TBX-Basic dialect, DCA style, and TBX v2
(ISO 30042:2008 `martif`) as TBX Checker and older translation tools read it.

One `conceptEntry` (v2: `termEntry`) per term, one `langSec` (`langSet`) per variety asked for, one
`termSec` (`tig`) per form, with its administrative status, its geographical usage as a controlled
value (an ISO 3166-1 code: the edition table's usages' `geography`), its source and, for a form the term
base explains, a note. Definitions at language level; the term's subject field and its
cross-references (to terms in the same file) at concept level. ElementTree escapes all text.
"""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence

from hetao_docs.terms.varieties import Form, TermForms, VarietyModel

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUS = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts", "deprecated": "deprecatedTerm-admn-sts"}
# What TBX Checker needs to validate a v2 file as TBX-Basic: the dialect's DTD and XCS, by name
# (as LTAC's own TBX-Min to TBX-Basic converter writes them; both ship in LTAC's TBX-Basic v2 package)
V2_DOCTYPE = '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">'
V2_XCS = "TBXBasicXCSV02.xcs"
Tag = Callable[[str], str]
# Where LTAC publishes the schemas a v3 file is validated with (as its own examples name them), for
# XML editors that validate on opening; the tests use the vendored copies (tbx_validate.py).
V3_SCHEMAS = (
    '<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX_Core_RNG/master/TBXcoreStructV03.rng"'
    ' type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
    '<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch"'
    ' type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"?>\n'
)
TITLE = "Hetao cross-border data reference: policy terms"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element


def source_text(form: Form) -> str | None:
    source = form.source
    if source is None:
        return None
    return ", ".join(filter(None, [source.issuer, source.document, source.locator, source.date, source.url]))


def _header_notes(generated: datetime.date, version: str, langs: Sequence[str], model: VarietyModel) -> list[str]:
    # geographicalUsage has no picklist in TBX-Basic: ISO 3166-1 alpha-2 codes, said here
    codes = ", ".join(f"{code} ({region})" for code, region in model.regions.items())
    return [
        f"Generated {generated.isoformat()} from the term base, version {version}; definitions written for this site.",
        f"Languages: {', '.join(langs)}. geographicalUsage values are ISO 3166-1 codes: {codes}.",
    ]


def _term_level(parent: ET.Element, form: Form, pinyin: str | None, q: Tag, geography: dict[str, str]) -> None:
    """One form: term, its term notes, its source and its note (v3 termSec / v2 tig, same order)."""
    _sub(parent, q("term"), form.text)
    _sub(parent, q("termNote"), "noun", type="partOfSpeech")
    _sub(parent, q("termNote"), STATUS[form.status], type="administrativeStatus")
    if form.usage in geography:
        _sub(parent, q("termNote"), geography[form.usage], type="geographicalUsage")
    source = source_text(form)
    if source:
        _sub(parent, q("admin"), source, type="source")
    if form.why:
        _sub(parent, q("note"), form.why)
    if pinyin:
        _sub(parent, q("note"), f"Pinyin: {pinyin}")


def _plain(tag: str) -> str:
    return tag


def _v3(tag: str) -> str:
    return f"{{{TBX_NS}}}{tag}"


def _forms(entry: TermForms, lang: str) -> tuple[Form, ...]:
    return entry.varieties[lang].all


def _english_source(entry: TermForms) -> str:
    source = entry.term.en_source
    return " · ".join(filter(None, [source.authority, source.document, source.url, f"confidence: {source.confidence}", source.note]))


def to_tbx_v3(entries: Sequence[TermForms], langs: Sequence[str], generated: datetime.date, version: str, model: VarietyModel) -> str:
    """TBX-Basic v3, DCA style: passes LTAC's TBXcoreStructV03.rng and TBX-Basic_DCA.sch."""
    ET.register_namespace("", TBX_NS)
    q = _v3
    root = ET.Element(q("tbx"), {"type": "TBX-Basic", "style": "dca", XML_LANG: model.english})
    file_desc = _sub(_sub(root, q("tbxHeader")), q("fileDesc"))
    _sub(_sub(file_desc, q("titleStmt")), q("title"), TITLE)
    source_desc = _sub(file_desc, q("sourceDesc"))
    for note in _header_notes(generated, version, langs, model):
        _sub(source_desc, q("p"), note)
    body = _sub(_sub(root, q("text")), q("body"))
    ids, geography = {entry.term.id for entry in entries}, model.geography
    for entry in entries:
        term = entry.term
        concept = _sub(body, q("conceptEntry"), id=term.id)
        _sub(concept, q("descrip"), term.category, type="subjectField")
        for related in term.related:
            if related in ids:
                _sub(concept, q("ref"), related, type="crossReference", target=related)
        for lang in langs:
            lang_sec = _sub(concept, q("langSec"), **{XML_LANG: lang})
            group = _sub(lang_sec, q("descripGrp"))
            _sub(group, q("descrip"), entry.definitions[lang], type="definition")
            if lang == model.english:
                _sub(lang_sec, q("note"), f"Source of the English: {_english_source(entry)}")
            for form in _forms(entry, lang):
                term_sec = ET.SubElement(lang_sec, q("termSec"))
                _term_level(term_sec, form, term.pinyin if lang == model.source and form.text == term.zh else None, q, geography)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + V3_SCHEMAS + ET.tostring(root, encoding="unicode") + "\n"


def to_tbx_v2(entries: Sequence[TermForms], langs: Sequence[str], generated: datetime.date, version: str, model: VarietyModel) -> str:
    """TBX-Basic v2 (`martif`), with the DOCTYPE and XCS reference TBX Checker expects."""
    martif = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: model.english})
    header = _sub(martif, "martifHeader")
    file_desc = _sub(header, "fileDesc")
    _sub(_sub(file_desc, "titleStmt"), "title", TITLE)
    source_desc = _sub(file_desc, "sourceDesc")
    for note in _header_notes(generated, version, langs, model):
        _sub(source_desc, "p", note)
    _sub(_sub(header, "encodingDesc"), "p", V2_XCS, type="XCSURI")
    body = _sub(_sub(martif, "text"), "body")
    ids, geography = {entry.term.id for entry in entries}, model.geography
    for entry in entries:
        term = entry.term
        term_entry = _sub(body, "termEntry", id=term.id)
        _sub(term_entry, "descrip", term.category, type="subjectField")
        for related in term.related:
            if related in ids:
                _sub(term_entry, "ref", related, type="crossReference", target=related)
        for lang in langs:
            lang_set = _sub(term_entry, "langSet", **{XML_LANG: lang})
            _sub(lang_set, "descrip", entry.definitions[lang], type="definition")
            if lang == model.english:
                _sub(lang_set, "note", f"Source of the English: {_english_source(entry)}")
            for form in _forms(entry, lang):
                pinyin = term.pinyin if lang == model.source and form.text == term.zh else None
                _term_level(_sub(lang_set, "tig"), form, pinyin, _plain, geography)
    ET.indent(martif)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{V2_DOCTYPE}\n' + ET.tostring(martif, encoding="unicode") + "\n"
