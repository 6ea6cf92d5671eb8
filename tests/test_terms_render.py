"""Glossary, index and exports rendered from a fixture term base and fixture pages."""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import markdown
import pytest
import yaml
from support.project import CONVERSIONS, EDITIONS, EN, VARIETIES, ZH, catalogs

from hetao_docs.editions import Edition
from hetao_docs.terms import generate, load_terms
from hetao_docs.terms.build import EditionTerms, read_pages
from hetao_docs.terms.export import CSV_FILE, TBX_FILE, export_files, to_json
from hetao_docs.terms.render import docs_url, labels_from
from hetao_docs.terms.varieties import variety_model

FIXTURES = Path(__file__).parent / "fixtures" / "terms"
EDITION_DOCS = {"zh": "docs", "zh-hant": "docs", "en": "docs_en"}
DAY = datetime.date(2026, 3, 1)
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# The Markdown extensions the site uses that matter for these pages.
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc"]


@pytest.fixture(scope="module")
def terms() -> list:
    return load_terms(FIXTURES / "valid.yaml", VARIETIES, display_name="valid.yaml")


LABELS = yaml.safe_load((FIXTURES / "labels.yml").read_text(encoding="utf-8"))


def render(terms: list, edition: Edition, pages: list[tuple[str, str]] | None = None, docs: str = "docs") -> EditionTerms:
    """What the build generates for `edition` from these pages, with the fixture labels (labels.yml)."""
    labels = labels_from(LABELS[edition.code])
    source = EDITIONS.source_of(edition)
    return generate(terms, edition, source, pages or [], labels, term_base="valid.yaml", docs_dir=docs, generated=DAY)


def to_html(text: str) -> str:
    body = text.split("---\n", 2)[2]  # front matter is read by MkDocs, not by Markdown
    return markdown.markdown(body, extensions=EXTENSIONS)


def test_every_catalog_has_the_glossary_labels_and_the_fixture_the_same_ones() -> None:
    for code in EDITIONS.codes:
        fixture = LABELS.get(code, LABELS[EDITIONS.primary.code])  # an edition the fixture lacks: the primary's labels
        assert labels_from(catalogs()[code].group("glossary")).categories.keys() == labels_from(fixture).categories.keys()
        assert set(catalogs()[code].group("glossary")) == set(fixture), f"tests/fixtures/terms/labels.yml: {code}"


@pytest.mark.parametrize("edition", ["zh", "zh-hant", "en"])
@pytest.mark.parametrize("page", ["glossary.md", "term-index.md"])
def test_generated_page_matches_expected_fixture(terms: list, edition: str, page: str) -> None:
    docs = EDITION_DOCS[edition]
    result = render(terms, EDITIONS.get(edition), read_pages(FIXTURES / docs), docs)
    assert result.files[page] == (FIXTURES / f"expected_{edition}_{page}").read_text(encoding="utf-8")
    assert result.files[page].startswith("---\ngenerated: true\n")


def test_glossary_sorted_by_pinyin_and_by_english(terms: list) -> None:
    zh = render(terms, ZH).files["glossary.md"]
    en = render(terms, EN).files["glossary.md"]
    zh_order = re.findall(r'<h3 id="([^"]+)"', zh)
    en_order = re.findall(r'<h3 id="([^"]+)"', en)
    # bái míng dān, fù miàn, jiān guǎn, shù jù kuà jìng, shù jù kuà jìng fù…, shù jù xìn
    assert zh_order == [
        "whitelist", "negative-list", "regulatory-sandbox", "cross-border-data",
        "cross-border-data-negative-list", "data-trust",
    ]
    assert en_order == [
        "cross-border-data", "data-trust", "negative-list", "cross-border-data-negative-list",
        "regulatory-sandbox", "whitelist",
    ]


def test_every_term_has_its_anchor_in_rendered_html(terms: list) -> None:
    files = render(terms, ZH, read_pages(FIXTURES / "docs")).files
    glossary, index = to_html(files["glossary.md"]), to_html(files["term-index.md"])
    for term in terms:
        assert f'<h3 id="{term.id}" class="hetao-glossary-row__heading">' in glossary
        assert f'<dt id="{term.id}">' in index
    assert 'href="../downloads/terms.tbx"' in glossary and 'class="hetao-jumpbar"' in glossary


@pytest.mark.parametrize(
    ("path", "hosted", "offline"),
    [
        ("index.md", "../", "index.html"),
        ("problems/data-market.md", "../problems/data-market/", "problems/data-market.html"),
        ("problems/index.md", "../problems/", "problems/index.html"),
        ("term-index.md", "../term-index/", "term-index.html"),
        ("downloads/terms.csv", "../downloads/terms.csv", "downloads/terms.csv"),
    ],
)
def test_generated_pages_link_files_by_the_urls_mkdocs_gives_them(path: str, hosted: str, offline: str) -> None:
    assert docs_url(use_directory_urls=True)(path) == hosted
    assert docs_url(use_directory_urls=False)(path) == offline


def test_script_in_a_definition_is_escaped_in_the_glossary(terms: list) -> None:
    evil = dataclasses.replace(
        terms[0],
        definition_zh="<script>alert(1)</script>",
        definition_en="1. **not bold** [not a link](javascript:x) :smile: & <b>",
        en_alt=("<img src=x onerror=alert(1)>",),
        related=(),
    )
    glossary = to_html(render([evil], ZH).files["glossary.md"])
    assert "<script>" not in glossary and "<img" not in glossary and "<b>" not in glossary
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in glossary
    assert "<strong>not bold" not in glossary and 'href="javascript' not in glossary
    assert "<ol>" not in glossary


def test_csv_has_bom_and_is_spreadsheet_safe(terms: list) -> None:
    evil = dataclasses.replace(terms[0], definition_en="=HYPERLINK(\"http://x\")")
    text = str(export_files([evil, *terms[1:]], DAY, variety_model(terms, ZH, CONVERSIONS))[CSV_FILE])
    assert text.startswith("\ufeffid,category,zh-Hans,zh-Hans admitted")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert [row["id"] for row in rows] == [t.id for t in terms]
    assert rows[0]["en definition"] == "'=HYPERLINK(\"http://x\")"
    assert rows[3]["zh-Hant-HK"] == "數據跨境" and rows[3]["zh-Hans admitted"] == "跨境数据"


def test_json_round_trips(terms: list) -> None:
    data = json.loads(to_json(terms, DAY))
    assert [t["id"] for t in data["terms"]] == [t.id for t in terms]
    assert data["terms"][3]["usage_note"] == {"zh": "香港称“跨界”。", "en": 'Hong Kong says "cross-boundary".'}


def test_tbx_is_well_formed_with_three_language_sets(terms: list) -> None:
    evil = dataclasses.replace(terms[0], definition_en="<script>alert(1)</script> & ]]>")
    text = str(export_files([evil, *terms[1:]], DAY, variety_model(terms, ZH, CONVERSIONS))[TBX_FILE])
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n')
    assert '<martif type="TBX-Basic" xml:lang="en">' in text
    root = ET.fromstring(text.encode("utf-8"))  # raises if not well-formed
    entries = root.findall("./text/body/termEntry")
    assert [e.get("id") for e in entries] == [t.id for t in terms]
    for entry in entries:
        assert [ls.get(XML_LANG) for ls in entry.findall("langSet")] == list(VARIETIES.langs)  # one per variety
    whitelist = entries[0]
    assert whitelist.find("langSet[@{http://www.w3.org/XML/1998/namespace}lang='en']/descrip").text == "<script>alert(1)</script> & ]]>"
    assert [t.text for t in whitelist.findall(".//langSet[last()]/tig/term")] == ["whitelist", "white list"]
    assert whitelist.find("ref[@type='crossReference']").get("target") == "negative-list"
