"""The term base's downloads, read back by independent readers: LTAC's TBX-Basic schemas (RelaxNG
with lxml, Schematron with Saxon), translate-toolkit for TBX, openpyxl for XLSX, rdflib for SKOS,
the csv module for CSV and OmegaT's tab-separated glossary. Each yields the term base's forms,
statuses and definitions, per language variety."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
import rdflib
import rdflib.compare
from lxml import etree
from rdflib.namespace import SKOS
from support.project import CONVERSIONS, ZH
from support.project import VARIETIES as TABLE
from translate.storage import tbx as tt_tbx

from hetao_docs.editions import load_editions
from hetao_docs.terms import load_terms
from hetao_docs.terms import tbx_validate as validate
from hetao_docs.terms.export import csv_columns, export_files, pair_name, xlsx_columns
from hetao_docs.terms.varieties import variety_model

ROOT = Path(__file__).resolve().parent.parent
TERMS = load_terms(ROOT / "data" / "terms.yaml", TABLE)
BY_ID = {term.id: term for term in TERMS}
DAY = datetime.date(2026, 12, 7)
SITE = "https://example.org/hetao/"
MODEL = variety_model(TERMS, ZH, CONVERSIONS)  # the edition table's varieties, usages and conversions
VARIETIES, PAIRS = MODEL.langs, MODEL.pairs
variety_forms = MODEL.variety_forms
FILES = export_files(TERMS, DAY, MODEL, site_root=SITE)
ENTRIES = {term.id: MODEL.term_forms(term) for term in TERMS}
TBX = "{urn:iso:std:iso:30042:ed-2}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUS = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts", "deprecated": "deprecatedTerm-admn-sts"}


def _bytes(path: str) -> bytes:
    content = FILES[path]
    return content.encode("utf-8") if isinstance(content, str) else content


# --- the forms per variety (what every export writes) --------------------------------------------


def test_a_form_is_the_same_form_in_either_script() -> None:
    """个人资料 is the Hong Kong term written in Simplified: another jurisdiction's form under zh-Hans,
    never an unmarked alias; Hong Kong's preferred form is 個人資料, the Mainland's 個人信息 admitted."""
    hans = variety_forms(BY_ID["personal-information"], "zh-Hans")
    assert hans.preferred.text == "个人信息" and [f.text for f in hans.other_usage] == ["个人资料"]
    assert hans.other_usage[0].usage == "hong-kong" and not hans.admitted
    hant = variety_forms(BY_ID["personal-information"], "zh-Hant-HK")
    assert hant.preferred.text == "個人資料" and [(f.text, f.usage) for f in hant.admitted] == [("個人信息", "mainland")]
    english = variety_forms(BY_ID["privacy-computing"], "en")
    assert english.preferred.text == "privacy-preserving computation" and [f.text for f in english.deprecated] == ["privacy computing"]


def test_every_term_has_one_preferred_form_per_variety_and_no_form_twice() -> None:
    for term in TERMS:
        for lang in VARIETIES:
            forms = [f.text for f in variety_forms(term, lang).all]
            assert forms and len(forms) == len(set(forms)), (term.id, lang, forms)


# --- TBX v3: LTAC's TBX-Basic package ---------------------------------------------------------------


def test_tbx_v3_passes_ltac_relaxng_schemas_and_schematron_rules() -> None:
    document = _bytes("downloads/terms-tbx3.tbx")
    assert validate.relaxng_errors(document) == []
    assert validate.relaxng_errors(document, validate.INTEGRATED_RNG) == []
    assert validate.schematron_errors(document) == []


def test_the_validators_reject_what_tbx_basic_forbids() -> None:
    """A check that cannot fail proves nothing: a data category TBX-Basic lacks, a status outside its
    picklist, a term note at language level and a dangling cross-reference are each reported."""
    document = _bytes("downloads/terms-tbx3.tbx").decode("utf-8")
    bad = document.replace('type="subjectField"', 'type="subjectArea"', 1)
    bad = bad.replace("preferredTerm-admn-sts", "recommendedTerm", 1)
    problems = validate.schematron_errors(bad.encode("utf-8"))
    assert any("subjectField, context, definition" in p for p in problems)
    assert any("administrativeStatus" in p for p in problems)
    dangling = re.sub(r'(<ref type="crossReference" target=")[^"]+', r"\1no-such-term", document, count=1)
    assert validate.relaxng_errors(dangling.encode("utf-8"))  # the core schema's IDREF (the Schematron
    # pattern's first rule, on @type, takes the element before its @target rule can)
    misplaced = document.replace("<descripGrp>", '<termNote type="termType">fullForm</termNote><descripGrp>', 1)
    assert validate.relaxng_errors(misplaced.encode("utf-8"))


def test_tbx_v3_carries_status_geography_source_definition_and_cross_references() -> None:
    root = etree.fromstring(_bytes("downloads/terms-tbx3.tbx"))
    assert (root.get("type"), root.get("style")) == ("TBX-Basic", "dca")
    models = [pi.get("href") for pi in root.itersiblings(preceding=True) if isinstance(pi, etree._ProcessingInstruction)]
    assert sorted(href.rsplit("/", 1)[1] for href in models) == ["TBX-Basic_DCA.sch", "TBXcoreStructV03.rng"]
    entries = root.findall(f"{TBX}text/{TBX}body/{TBX}conceptEntry")
    assert [e.get("id") for e in entries] == [t.id for t in TERMS]
    for entry in entries:
        term = BY_ID[entry.get("id")]
        assert [r.get("target") for r in entry.findall(f"{TBX}ref")] == list(term.related)
        for lang_sec in entry.findall(f"{TBX}langSec"):
            lang = lang_sec.get(XML_LANG)
            assert lang_sec.findtext(f"{TBX}descripGrp/{TBX}descrip[@type='definition']") == ENTRIES[term.id].definitions[lang]
            written = [(s.findtext(f"{TBX}term"), s.findtext(f"{TBX}termNote[@type='administrativeStatus']")) for s in lang_sec.findall(f"{TBX}termSec")]
            assert written == [(f.text, STATUS[f.status]) for f in ENTRIES[term.id].varieties[lang].all]
    pi = next(e for e in entries if e.get("id") == "personal-information")
    hk = pi.find(f"{TBX}langSec[@{XML_LANG}='zh-Hant-HK']")
    first = hk.find(f"{TBX}termSec")
    assert first.findtext(f"{TBX}term") == "個人資料" and first.findtext(f"{TBX}termNote[@type='geographicalUsage']") == "HK"
    assert "Cap. 486" in first.findtext(f"{TBX}admin[@type='source']")
    usages = {s.findtext(f"{TBX}termNote[@type='geographicalUsage']") for s in root.iter(f"{TBX}termSec")}
    assert usages == {None, "CN", "HK"}  # controlled values only


# --- TBX v2: what TBX Checker and translation tools read --------------------------------------------


@pytest.mark.parametrize("path", ["downloads/terms.tbx", *(f"downloads/pairs/{pair_name(p)}.tbx" for p in PAIRS)])
def test_tbx_v2_declares_the_tbx_basic_dtd_and_xcs(path: str) -> None:
    text = FILES[path]
    assert isinstance(text, str)
    assert text.splitlines()[1] == '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">'
    root = etree.fromstring(text.encode("utf-8"), etree.XMLParser(load_dtd=False, resolve_entities=False))
    assert root.tag == "martif" and root.get("type") == "TBX-Basic"
    assert root.findtext("martifHeader/encodingDesc/p[@type='XCSURI']") == "TBXBasicXCSV02.xcs"


V2_TO_V3 = {"martif": "tbx", "martifHeader": "tbxHeader", "termEntry": "conceptEntry", "langSet": "langSec", "tig": "termSec"}


@pytest.mark.parametrize("path", ["downloads/terms.tbx", *(f"downloads/pairs/{pair_name(p)}.tbx" for p in PAIRS)])
def test_tbx_v2_content_passes_tbx_basic_once_renamed_to_v3(path: str) -> None:
    """TBX Checker (Java) is on neither PyPI nor Debian, so the DTD and XCS check is not run here. What
    the XCS constrains (data categories, their levels, picklist values) TBX-Basic v3 constrains the
    same way: the v2 file with v3's element names passes LTAC's RelaxNG and Schematron."""
    root = etree.fromstring(_bytes(path), etree.XMLParser(load_dtd=False, resolve_entities=False))
    for header in root.iter("encodingDesc"):
        header.getparent().remove(header)
    for element in root.iter():
        element.tag = TBX + V2_TO_V3.get(element.tag, element.tag)
    root.set("style", "dca")
    document = etree.tostring(root, encoding="utf-8")
    assert validate.relaxng_errors(document) == []
    assert validate.schematron_errors(document) == []


@pytest.mark.parametrize("pair", PAIRS)
def test_translate_toolkit_reads_each_pair_tbx_as_the_term_base(pair: tuple[str, str]) -> None:
    store = tt_tbx.tbxfile.parsestring(_bytes(f"downloads/pairs/{pair_name(pair)}.tbx"))
    assert [unit.getid() for unit in store.units] == [term.id for term in TERMS]
    source, target = pair
    geography = MODEL.geography
    assert geography == {"mainland": "CN", "hong-kong": "HK"}
    for unit in store.units:
        entry = ENTRIES[unit.getid()]
        forms = entry.varieties
        assert (unit.source, unit.target) == (forms[source].preferred.text, forms[target].preferred.text)
        langs = [node.get(XML_LANG) for node in unit.getlanguageNodes()]
        assert langs == list(pair)
        for lang, read in ((source, unit.get_source_terms()), (target, unit.get_target_terms())):
            # every form, its status and geographical usage, and the language's definition
            assert [(t.text, t.administrative_status) for t in read] == [(f.text, STATUS[f.status]) for f in forms[lang].all]
            for term, form in zip(read, forms[lang].all):
                notes = {n.category: n.text for n in term.notes}
                assert notes.get("geographicalUsage") == geography.get(form.usage)
                assert notes["definition"] == entry.definitions[lang] and notes["subjectField"] == entry.term.category
    hk = next(u for u in store.units if u.getid() == "personal-information")
    if pair[0] == "zh-Hant-HK":
        assert hk.source == "個人資料"


# --- CSV, XLSX, OmegaT --------------------------------------------------------------------------


def test_csv_has_one_row_per_term_and_columns_named_by_language_tag() -> None:
    rows = list(csv.DictReader(io.StringIO(str(FILES["downloads/terms.csv"]).lstrip("\ufeff"))))
    assert list(rows[0]) == csv_columns(VARIETIES) and [r["id"] for r in rows] == [t.id for t in TERMS]
    pi = next(r for r in rows if r["id"] == "personal-information")
    assert (pi["zh-Hans"], pi["zh-Hant-HK"], pi["en"]) == ("个人信息", "個人資料", "personal information")
    assert pi["zh-Hans other usage"] == "个人资料 (HK)" and pi["zh-Hant-HK admitted"] == "個人信息 (CN)"
    assert pi["en admitted"] == "personal data (HK)"
    assert next(r for r in rows if r["id"] == "privacy-computing")["en deprecated"] == "privacy computing (CN)"
    assert {r["generated"] for r in rows} == {"2026-12-07"}
    for row in rows:
        assert row["zh-Hans definition"] == BY_ID[row["id"]].definition_zh
    records = {r["id"]: r for r in json.loads(str(FILES["downloads/terms.json"]))["terms"]}
    assert records["personal-information"]["varieties"]["zh-Hant-HK"]["preferred"] == {"form": "個人資料", "usage": "hong-kong", "status": "preferred"}


@pytest.mark.parametrize("pair", PAIRS)
def test_openpyxl_reads_each_pair_xlsx_as_the_term_base(pair: tuple[str, str]) -> None:
    book = openpyxl.load_workbook(io.BytesIO(_bytes(f"downloads/pairs/{pair_name(pair)}.xlsx")), read_only=True)
    rows = list(book["Terms"].iter_rows(values_only=True))
    assert list(rows[0]) == xlsx_columns(pair, MODEL.locale)
    header = list(rows[0])
    for row in rows[1:]:
        cells = dict(zip(header, row))
        entry = ENTRIES[str(cells["Entry_ID"])]
        for lang, locale in zip(pair, ("zh_cn" if pair[0] == "zh-Hans" else "zh_hk", "en" if pair[1] == "en" else "zh_hk")):
            forms = entry.varieties[lang]
            assert cells[locale] == forms.preferred.text
            assert (cells[f"{locale}_Admitted"] or "") == "; ".join(
                f.text + {"mainland": " (CN)", "hong-kong": " (HK)"}.get(f.usage, "") for f in forms.admitted
            )
            assert cells[f"{locale}_Definition"] == entry.definitions[lang]
    assert len(rows) == len(TERMS) + 1
    again = export_files(TERMS, DAY, MODEL, site_root=SITE)[f"downloads/pairs/{pair_name(pair)}.xlsx"]
    assert again == FILES[f"downloads/pairs/{pair_name(pair)}.xlsx"]  # a rebuild writes the same bytes


def test_omegat_glossaries_keep_the_scripts_apart() -> None:
    for source, target in [*PAIRS, *(p[::-1] for p in PAIRS)]:
        text = str(FILES[f"downloads/pairs/omegat-{source}_to_{target}.utf8"])
        rows = [line.split("\t") for line in text.splitlines()]
        assert all(len(row) == 3 for row in rows)
        preferred = {(e.varieties[source].preferred.text, e.varieties[target].preferred.text) for e in ENTRIES.values()}
        assert preferred <= {(row[0], row[1]) for row in rows}
    hk = [row.split("\t") for row in str(FILES["downloads/pairs/omegat-zh-Hant-HK_to_en.utf8"]).splitlines()]
    assert hk[[r[0] for r in hk].index("個人資料")][:2] == ["個人資料", "personal information"]
    assert "个人资料" not in {row[0] for row in hk}


# --- SKOS ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "syntax"), [("downloads/terms-skos.ttl", "turtle"), ("downloads/terms-skos.jsonld", "json-ld")])
def test_rdflib_reads_skos_with_labels_per_language_tag(path: str, syntax: str) -> None:
    graph = rdflib.Graph().parse(data=_bytes(path), format=syntax)
    concepts = set(graph.subjects(rdflib.RDF.type, SKOS.Concept))
    assert concepts == {rdflib.URIRef(f"{SITE}en/glossary/#{t.id}") for t in TERMS}
    for concept in concepts:
        entry = ENTRIES[str(concept).rsplit("#", 1)[1]]
        for lang, forms in entry.varieties.items():
            labels = {
                prop: {str(o) for o in graph.objects(concept, prop) if isinstance(o, rdflib.Literal) and (o.language or "").lower() == lang.lower()}
                for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
            }
            # SKOS integrity: one prefLabel per language tag (S14), pref/alt/hidden disjoint (S13)
            assert labels[SKOS.prefLabel] == {forms.preferred.text}
            assert labels[SKOS.altLabel] == {f.text for f in forms.admitted}
            assert labels[SKOS.hiddenLabel] == {f.text for f in (*forms.other_usage, *forms.deprecated)}
            pref, alt, hidden = labels[SKOS.prefLabel], labels[SKOS.altLabel], labels[SKOS.hiddenLabel]
            assert not (pref & alt) and not (alt & hidden) and not (pref & hidden)
            definitions = {str(o) for o in graph.objects(concept, SKOS.definition) if (o.language or "").lower() == lang.lower()}  # type: ignore[attr-defined]
            assert definitions == {entry.definitions[lang]}
        related = {str(o).rsplit("#", 1)[1] for o in graph.objects(concept, SKOS.related)}
        assert related == set(entry.term.related)
    pi = rdflib.URIRef(f"{SITE}en/glossary/#personal-information")
    assert rdflib.URIRef("https://www.elegislation.gov.hk/hk/cap486") in set(graph.objects(pi, rdflib.URIRef("http://purl.org/dc/terms/source")))
    assert rdflib.Literal("个人资料", lang="zh-Hans") in set(graph.objects(pi, SKOS.hiddenLabel))
    assert rdflib.Literal("個人資料", lang="zh-Hant-HK") in set(graph.objects(pi, SKOS.prefLabel))


def test_turtle_and_json_ld_are_the_same_graph() -> None:
    turtle = rdflib.Graph().parse(data=_bytes("downloads/terms-skos.ttl"), format="turtle")
    jsonld = rdflib.Graph().parse(data=_bytes("downloads/terms-skos.jsonld"), format="json-ld")
    assert rdflib.compare.isomorphic(turtle, jsonld)


# --- schema.org on the glossary page ----------------------------------------------------------------


def test_glossary_json_ld_names_each_term_by_id_and_anchor() -> None:
    from hetao_docs.terms.downloads import defined_term_set

    editions = load_editions(ROOT / "data" / "editions.yml")
    for edition in editions:
        url = f"{SITE}{edition.prefix}glossary/"
        script = defined_term_set(TERMS, edition, url, "Glossary", lambda term: term.definition_en)
        data = json.loads(re.fullmatch(r'<script type="application/ld\+json">(.*)</script>\n', script, re.S).group(1))  # type: ignore[union-attr]
        assert data["@type"] == "DefinedTermSet" and data["url"] == url
        assert [(d["termCode"], d["url"]) for d in data["hasDefinedTerm"]] == [(t.id, f"{url}#{t.id}") for t in TERMS]
    hant = next(e for e in editions if e.is_traditional)
    script = defined_term_set(TERMS, hant, SITE, "x", lambda term: "")
    assert '"name":"個人資料"' in script


# --- the glossary agrees with the exports ------------------------------------------------------------


def test_glossary_shows_each_varietys_own_form_and_the_pinyin_of_the_form_it_reads() -> None:
    """The 繁體 field of personal-information is Hong Kong's 個人資料 (not the Mainland's 個人信息), the
    簡體 field gives 个人资料 as Hong Kong usage (not as an alias), and the pinyin says which form it reads."""
    from hetao_docs.strings import load_catalogs
    from hetao_docs.terms.build import generate
    from hetao_docs.terms.render import labels_from

    editions = load_editions(ROOT / "data" / "editions.yml")
    catalogs = load_catalogs(ROOT / "data" / "strings", editions.codes)
    for edition in editions:
        labels = labels_from(catalogs[edition.code].group("glossary"))
        page = str(generate(TERMS, edition, editions.source_of(edition), [], labels, generated=DAY).files["glossary.md"])
        entry = page[page.index('<h3 id="personal-information"'):]
        entry = entry[: entry.index("</details>")]
        fields = dict(re.findall(r"<dt[^>]*>([^<]+)</dt>\n<dd[^>]*>(.*?)</dd>", entry))
        assert "個人資料" in fields[labels.traditional] and "個人信息" in fields[labels.traditional]  # preferred, then admitted
        assert fields[labels.traditional].index("個人資料") < fields[labels.traditional].index("個人信息")
        simplified = re.sub(r"<[^>]+>", "", fields[labels.simplified])
        assert simplified == f"个人信息 · {labels.usages['hong-kong']}{labels.colon}个人资料"  # the Hong Kong form, said so
        assert "gè rén xìn xī" in fields[labels.pinyin] and "个人信息" in fields[labels.pinyin]
        summary = page[page.rindex("<summary", 0, page.index('<h3 id="personal-information"')):page.index('<h3 id="personal-information"')]
        assert "個人資料" in summary and "個人信息" not in summary
