"""Term records: whose usage each rendering is, shown in the glossary and carried by every export."""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

from support.project import CONVERSIONS, GEOGRAPHY, VARIETIES

from hetao_docs.editions import load_editions
from hetao_docs.strings import load_catalogs
from hetao_docs.terms import Occurrences, TermMatcher, load_terms
from hetao_docs.terms.annotate import tooltip_heading
from hetao_docs.terms.export import to_csv, to_json, to_tbx
from hetao_docs.terms.model import Rendering, Source, Term, name_for
from hetao_docs.terms.render import labels_from, render_glossary

ROOT = Path(__file__).resolve().parent.parent
EDITIONS = load_editions(ROOT / "data" / "editions.yml")
ZH, EN, HANT = EDITIONS.get("zh"), EDITIONS.get("en"), EDITIONS.get("zh-hant")
CATALOGS = load_catalogs(ROOT / "data" / "strings", EDITIONS.codes)
DAY = datetime.date(2026, 12, 1)
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _terms() -> list[Term]:
    terms = load_terms(ROOT / "tests" / "fixtures" / "terms" / "valid.yaml", VARIETIES)
    whitelist = dataclasses.replace(
        terms[0],
        aliases_zh=("白名冊",),
        forms=tuple((lang, (*forms[:1], "白名冊")) for lang, forms in terms[0].forms[:-1]) + terms[0].forms[-1:],
        renderings=(
            Rendering("whitelist", "en", "mainland", "preferred", source=Source("Provisions", "CAC", "Art. 6", "https://example.org/p", "2024-03-22")),
            Rendering("white list", "en", "hong-kong", "deprecated", why="two words in older texts"),
            Rendering("白名冊", "zh-Hant-HK", "hong-kong", "preferred"),
        ),
    )
    return [whitelist, *terms[1:]]


TERMS = _terms()


def test_each_edition_names_the_term_in_its_readers_usage() -> None:
    whitelist = TERMS[0]
    assert (name_for(whitelist, ZH), name_for(whitelist, EN), name_for(whitelist, HANT)) == ("白名单", "whitelist", "白名冊")
    assert tooltip_heading(whitelist, HANT) == "白名冊（whitelist）"
    assert name_for(TERMS[1], HANT) == TERMS[1].zh_hant  # no record: the edition's own form


def _glossary(edition_index: int) -> str:
    edition = EDITIONS.all[edition_index]
    source = EDITIONS.source_of(edition)
    occurrences = Occurrences.scan([], TermMatcher.for_edition(TERMS, source))
    labels = labels_from(CATALOGS[edition.code].group("glossary"))
    return render_glossary(TERMS, edition, labels, occurrences, {})


def test_glossary_shows_the_renderings_side_by_side_in_every_edition() -> None:
    zh, en, hant = (_glossary(i) for i in range(3))
    assert "各地用法" in zh and "Usage by jurisdiction" in en and "各地用法" in hant
    assert '<span lang="en">white list</span></span> · 英文 · 香港用法 · 不建议使用：<span lang="en">two words in older texts</span>' in zh
    assert "白名冊</span></span> · Chinese (Traditional, Hong Kong) · Hong Kong usage · preferred</li>" in en
    assert '<a href="https://example.org/p">' in en and "Art. 6" in en and "2024-03-22" in en
    # the English edition says whose form its English is
    assert "<strong>whitelist</strong> (Mainland usage)" in en
    assert '<h3 id="whitelist" class="hetao-glossary-row__heading">白名冊</h3>' in hant


def test_csv_and_json_carry_records_version_and_date() -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(TERMS, DAY).lstrip("\ufeff"))))
    assert rows[0]["renderings"].startswith("whitelist [en, mainland, preferred] (CAC, Provisions, Art. 6, 2024-03-22,")
    assert "white list [en, hong-kong, deprecated: two words in older texts]" in rows[0]["renderings"]
    assert {row["generated"] for row in rows} == {"2026-12-01"} and len({row["term_base_version"] for row in rows}) == 1
    data = json.loads(to_json(TERMS, DAY))
    assert data["generated"] == "2026-12-01" and data["term_base_version"] == rows[0]["term_base_version"]
    assert data["terms"][0]["renderings"][1] == {
        "form": "white list", "lang": "en", "usage": "hong-kong", "status": "deprecated", "why": "two words in older texts",
    }
    changed = [dataclasses.replace(TERMS[0], definition_en="Another."), *TERMS[1:]]
    assert json.loads(to_json(changed, DAY))["term_base_version"] != data["term_base_version"]


def test_tbx_has_a_language_set_per_variety_with_usage_status_and_source() -> None:
    root = ET.fromstring(to_tbx(TERMS, DAY, CONVERSIONS, GEOGRAPHY))
    assert root.tag == "martif" and root.get("type") == "TBX-Basic"
    assert root.find("martifHeader/fileDesc/sourceDesc/p").text.startswith("Generated 2026-12-01")  # type: ignore[union-attr]
    entries = root.findall("text/body/termEntry")
    assert len(entries) == len(TERMS)
    for entry in entries:  # TBX core structure: termEntry > langSet > tig > term
        assert [ls.get(XML_LANG) for ls in entry.findall("langSet")] == list(VARIETIES.langs)
        for lang_set in entry.findall("langSet"):
            assert lang_set.findall("tig") and all(tig.find("term") is not None for tig in lang_set.findall("tig"))
    english = {
        tig.findtext("term"): tig for tig in entries[0].findall("langSet")[-1].findall("tig")
    }
    notes = {note.get("type"): note.text for note in english["white list"].findall("termNote")}
    assert notes["administrativeStatus"] == "deprecatedTerm-admn-sts" and notes["geographicalUsage"] == "Hong Kong SAR"
    assert english["white list"].findtext("note") == "two words in older texts"
    assert english["whitelist"].findtext("admin[@type='source']") == "CAC, Provisions, Art. 6, 2024-03-22, https://example.org/p"
    hant = {tig.findtext("term"): tig for tig in entries[0].find(f"langSet[@{XML_LANG}='{HANT.lang}']").findall("tig")}  # type: ignore[union-attr]
    assert hant["白名冊"].find("termNote[@type='geographicalUsage']").text == "Hong Kong SAR"  # type: ignore[union-attr]
