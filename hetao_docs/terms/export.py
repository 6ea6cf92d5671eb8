"""The downloads: the whole term base (CSV, JSON, TBX v2 and v3, SKOS) and, per language pair, the
files translation tools import (TBX, XLSX, CSV, OmegaT's tab-separated glossary).

The same bytes in every edition. Each says which version of the term base it is (a digest of its
content, `term_base_version`) and when it was generated (`generated`, a date the caller passes:
the build's day), so a reader can tell two downloads apart. The forms per language variety come
from `varieties.py`, the only place that reads the term model's forms.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from hetao_docs.editions import Varieties
from hetao_docs.terms.model import Rendering, Term
from hetao_docs.terms.skos import to_skos_jsonld, to_turtle
from hetao_docs.terms.tbx import to_tbx_v2, to_tbx_v3
from hetao_docs.terms.varieties import Form, TermForms, VarietyModel, language_pairs

CSV_FILE, JSON_FILE, TBX_FILE = "downloads/terms.csv", "downloads/terms.json", "downloads/terms.tbx"
TBX3_FILE = "downloads/terms-tbx3.tbx"
SKOS_TURTLE, SKOS_JSONLD = "downloads/terms-skos.ttl", "downloads/terms-skos.jsonld"
PAIR_FOLDER = "downloads/pairs"
_LIST_SEPARATOR = "; "
_BUCKETS = (("admitted", "admitted"), ("other_usage", "other usage"), ("deprecated", "deprecated"))
# The language pairs a translator works in (each file holds both directions but OmegaT's): the
# edition table's (varieties.language_pairs). Locale codes in the XLSX header row: Phrase's (it
# matches locales exactly; VarietyModel.locale); Trados and memoQ map columns to languages in their
# import wizards.
Geography = Mapping[str, str]  # usage → its ISO 3166-1 code (VarietyModel.geography)


def csv_columns(langs: Sequence[str]) -> list[str]:
    """Columns named by language tag: per variety its preferred form, then the other forms by kind."""
    columns = ["id", "category"]
    for lang in langs:
        columns += [lang, *(f"{lang} {label}" for _, label in _BUCKETS), f"{lang} definition"]
    return [*columns, "pinyin", "related", "en_source", "term_base_version", "generated"]


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


def _forms_cell(forms: Iterable[Form], geography: Geography) -> str:
    """Forms in one cell: `form (HK)` where the form is one jurisdiction's."""
    return _LIST_SEPARATOR.join(f.text + (f" ({geography[f.usage]})" if f.usage in geography else "") for f in forms)


def _english_source(term: Term) -> str:
    source = term.en_source
    return " · ".join(filter(None, [source.authority, source.document, source.url, f"confidence: {source.confidence}", source.note]))


def _row(entry: TermForms, langs: Sequence[str], version: str, generated: datetime.date, geography: Geography) -> dict[str, str]:
    term = entry.term
    row = {"id": term.id, "category": term.category}
    for lang in langs:
        forms = entry.varieties[lang]
        row[lang] = forms.preferred.text
        for attribute, label in _BUCKETS:
            row[f"{lang} {label}"] = _forms_cell(getattr(forms, attribute), geography)
        row[f"{lang} definition"] = entry.definitions[lang]
    row.update({
        "pinyin": term.pinyin,
        "related": _LIST_SEPARATOR.join(term.related),
        "en_source": _english_source(term),
        "term_base_version": version,
        "generated": generated.isoformat(),
    })
    return row


def _spreadsheet_safe(value: str) -> str:
    """Keep Excel from running a cell as a formula (CSV injection): prefix = + - @ with an apostrophe."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def to_csv(entries: Sequence[TermForms], langs: Sequence[str], generated: datetime.date, version: str, geography: Geography) -> str:
    """One row per term; a byte-order mark, so Excel opens it as UTF-8 (write the string as UTF-8)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=csv_columns(langs), lineterminator="\r\n")
    writer.writeheader()
    for entry in entries:
        writer.writerow({key: _spreadsheet_safe(value) for key, value in _row(entry, langs, version, generated, geography).items()})
    return "\ufeff" + buffer.getvalue()


def _variety_record(entry: TermForms) -> dict[str, Any]:
    """Per language tag, the forms by kind, as every other export gives them."""
    def forms(group: Iterable[Form]) -> list[dict[str, str]]:
        return [{"form": f.text, "usage": f.usage, "status": f.status} for f in group]

    return {
        lang: {
            "preferred": forms([v.preferred])[0], "admitted": forms(v.admitted), "other_usage": forms(v.other_usage),
            "deprecated": forms(v.deprecated), "definition": entry.definitions[lang],
        }
        for lang, v in entry.varieties.items()
    }


def to_json(terms: list[Term], generated: datetime.date, entries: Sequence[TermForms] | None = None) -> str:
    """The term base's records; with `entries`, each also with its forms per language tag (`varieties`)."""
    records = [_record(t) for t in terms]
    for record, entry in zip(records, entries or ()):
        record["varieties"] = _variety_record(entry)
    data = {"term_base_version": term_base_version(terms), "generated": generated.isoformat(), "terms": records}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def xlsx_columns(langs: Sequence[str], locale_of: Callable[[str], str]) -> list[str]:
    columns = ["Entry_ID", "Entry_Subject"]
    for lang in langs:
        locale = locale_of(lang)
        columns += [locale, f"{locale}_Admitted", f"{locale}_Other_usage", f"{locale}_Deprecated", f"{locale}_Definition"]
    return columns


def to_xlsx(entries: Sequence[TermForms], langs: Sequence[str], generated: datetime.date, version: str, model: VarietyModel) -> bytes:
    """One sheet, one row per term, columns headed by locale code (the same bytes for the same data)."""
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook(write_only=True)
    stamp = datetime.datetime.combine(generated, datetime.time())
    book.properties.created = book.properties.modified = stamp
    book.properties.title = f"Hetao policy terms ({' / '.join(langs)}), term base {version}"
    sheet = book.create_sheet("Terms")
    sheet.append(xlsx_columns(langs, model.locale))
    for entry in entries:
        row = _row(entry, langs, version, generated, model.geography)
        cells = [entry.term.id, entry.term.category]
        for lang in langs:
            cells += [row[lang], *(row[f"{lang} {label}"] for _, label in _BUCKETS), row[f"{lang} definition"]]
        sheet.append([_spreadsheet_safe(cell) for cell in cells])
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_zip(buffer.getvalue(), stamp)


def _fixed_zip(data: bytes, stamp: datetime.datetime) -> bytes:
    """The zip rewritten with a fixed time on every member and `stamp` as the document's modification
    time (openpyxl writes the time of saving), so a rebuild gives the same bytes."""
    out = io.BytesIO()
    when = f"{stamp.isoformat()}Z".encode()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(info)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + when + rb"\g<2>", content)
            target.writestr(fixed, content)
    return out.getvalue()


def _tsv_cell(text: str) -> str:
    return " ".join(text.split())


def to_omegat(entries: Sequence[TermForms], source: str, target: str, geography: Geography) -> str:
    """OmegaT's tab-separated glossary (UTF-8, .utf8): source form, target form, comment. Every
    preferred and admitted source form, each with the target's preferred form; the comment says the
    source form's status and whose usage it is, and the target's admitted forms."""
    lines = []
    for entry in entries:
        wanted = entry.varieties[target]
        have = entry.varieties[source]
        also = _forms_cell(wanted.admitted, geography)
        for form in (have.preferred, *have.admitted):
            comment = [form.status + (f" ({geography[form.usage]})" if form.usage in geography else "")]
            if also:
                comment.append(f"also: {also}")
            lines.append("\t".join(_tsv_cell(t) for t in (form.text, wanted.preferred.text, "; ".join(comment))))
    return "\n".join(lines) + "\n"


def export_files(terms: Sequence[Term], generated: datetime.date, model: VarietyModel, site_root: str = "http://127.0.0.1:8000/") -> dict[str, str | bytes]:
    """Every download (path below the docs dir → content): the same bytes in every edition. The
    SKOS concepts are named by their glossary entry in the English edition below `site_root`."""
    entries = model.all_term_forms(terms)
    version = term_base_version(terms)
    langs, geography = model.langs, model.geography
    base = skos_base(site_root)
    files: dict[str, str | bytes] = {
        CSV_FILE: to_csv(entries, langs, generated, version, geography),
        JSON_FILE: to_json(list(terms), generated, entries),
        TBX_FILE: to_tbx_v2(entries, langs, generated, version, model),
        TBX3_FILE: to_tbx_v3(entries, langs, generated, version, model),
        SKOS_TURTLE: to_turtle(entries, generated, version, base),
        SKOS_JSONLD: to_skos_jsonld(entries, generated, version, base),
    }
    for pair in model.pairs:
        name = pair_name(pair)
        files[f"{PAIR_FOLDER}/{name}.tbx"] = to_tbx_v2(entries, pair, generated, version, model)
        files[f"{PAIR_FOLDER}/{name}.xlsx"] = to_xlsx(entries, pair, generated, version, model)
        files[f"{PAIR_FOLDER}/{name}.csv"] = to_csv(entries, pair, generated, version, geography)
        for source, target in (pair, pair[::-1]):
            files[f"{PAIR_FOLDER}/{omegat_name(source, target)}"] = to_omegat(entries, source, target, geography)
    return files


def pair_name(pair: Sequence[str]) -> str:
    return "terms-" + "_".join(pair)


def omegat_name(source: str, target: str) -> str:
    return f"omegat-{source}_to_{target}.utf8"


WHOLE_FILES = (CSV_FILE, JSON_FILE, TBX_FILE, TBX3_FILE, SKOS_TURTLE, SKOS_JSONLD)  # the whole term base's


def export_paths(varieties: Varieties) -> tuple[str, ...]:
    """Every path `export_files` writes for the edition table's varieties."""
    paths = list(WHOLE_FILES)
    for pair in language_pairs(varieties):
        paths += [f"{PAIR_FOLDER}/{pair_name(pair)}.{ext}" for ext in ("tbx", "xlsx", "csv")]
        paths += [f"{PAIR_FOLDER}/{omegat_name(a, b)}" for a, b in (pair, pair[::-1])]
    return tuple(paths)


def skos_base(site_root: str) -> str:
    """The concepts' namespace: the English edition's glossary (its entries' anchors)."""
    return site_root.rstrip("/") + "/en/glossary/#"
