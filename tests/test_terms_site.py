"""The term machinery on the real strict build of all editions (the `site` fixture)."""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from conftest import build_site
from support.edits import first_term, replace_line
from support.project import CONVERSIONS, VARIETIES, edition
from support.project import EDITIONS as EDITION_TABLE
from support.project import terms as term_base

from hetao_docs.side_by_side import FOLDER as SIDE_BY_SIDE
from hetao_docs.terms import load_terms, variety_phrases
from hetao_docs.terms import tbx_validate as validate
from hetao_docs.terms.annotate import TIPS_FILE, tooltip, tooltip_heading
from hetao_docs.terms.export import export_paths

TERMS = term_base()
# edition → its directory in the built site
EDITIONS = {e.code: e.prefix for e in EDITION_TABLE}
HAN = re.compile(r"[\u4e00-\u9fff]")
_INSIDE_FORBIDDEN = ("a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "abbr", "script", "style")


class _Page(HTMLParser):
    """Ids, links, and inline terms (with the text around them) of one built page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.terms: list[dict[str, str]] = []
        self.nested_terms = 0
        self._open: list[str] = []
        self._text = ""
        self._current: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and "href" in attributes:
            self.hrefs.append(attributes["href"])
        if tag == "a" and attributes.get("class") == "hetao-term":
            if any(t in _INSIDE_FORBIDDEN for t in self._open):
                self.nested_terms += 1
            self._current = {**attributes, "before": self._text[-1:], "text": ""}
            self.terms.append(self._current)
        if tag not in ("br", "hr", "img", "input", "meta", "link", "wbr"):
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag) :]
        if tag == "a" and self._current is not None:
            self._current["end"] = str(len(self._text))
            self._current = None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current["text"] += data
        for term in self.terms:
            if term.get("end") == str(len(self._text)) and "after" not in term:
                term["after"] = data[:1]
        self._text += data


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def content_pages(site: Path, prefix: str) -> list[Path]:
    base = site / prefix
    # archived releases (releases/) keep the term base of their own release
    skipped = {"glossary", "term-index", "search", "assets", "downloads", "releases", SIDE_BY_SIDE, *(e.prefix.rstrip("/") for e in EDITION_TABLE.siblings)}
    return [
        p for p in sorted(base.rglob("index.html"))
        if not ({*p.relative_to(base).parts[:-1]} & skipped) and p.relative_to(base).parts[:1] != ("404.html",)
    ]


@pytest.mark.parametrize("edition", EDITIONS)
def test_glossary_has_every_term_with_its_anchor(site: Path, edition: str) -> None:
    prefix = EDITIONS[edition]
    glossary = parse(site / prefix / "glossary" / "index.html")
    index = parse(site / prefix / "term-index" / "index.html")
    missing = [t.id for t in TERMS if t.id not in glossary.ids or t.id not in index.ids]
    assert not missing, f"{edition}: terms without an anchor on the glossary or the index: {missing}"


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_index_link_resolves(site: Path, edition: str) -> None:
    base_url = f"http://site/{EDITIONS[edition]}term-index/"
    broken = []
    ids = functools.cache(lambda target: parse(target).ids)
    for href in parse(site / EDITIONS[edition] / "term-index" / "index.html").hrefs:
        url = urlsplit(urljoin(base_url, href))
        if url.netloc != "site" or (href.startswith("#") and not url.fragment):
            continue
        target = site / unquote(url.path).lstrip("/")
        target = target / "index.html" if target.is_dir() or url.path.endswith("/") else target
        if not target.is_file() or (url.fragment and url.fragment not in ids(target)):
            broken.append(href)
    assert not broken, f"{edition}: broken links on the index of terms: {broken}"


@pytest.mark.parametrize("code", EDITIONS)
def test_inline_definitions_carry_the_bilingual_tooltip(site: Path, code: str) -> None:
    """Each term link names the term in both languages; the edition's tips file has every full text."""
    by_id = {t.id: t for t in TERMS}
    pages = content_pages(site, EDITIONS[code])
    found = [(path, term) for path in pages for term in parse(path).terms]
    assert pages and len(found) >= len(pages), f"{code}: expected inline definitions on every content page"
    for path, term in found:
        term_id = term["href"].rsplit("#", 1)[1]
        assert term["href"].endswith(f"glossary/#{term_id}"), (path, term["href"])
        assert term["title"] == tooltip_heading(by_id[term_id], edition(code)), (path, term_id)
    script = (site / EDITIONS[code] / TIPS_FILE).read_text(encoding="utf-8")
    tips = json.loads(script.removeprefix("window.__hetaoTermTips=").removesuffix(";\n"))
    own = edition(code)
    phrases = variety_phrases(TERMS, own.lang) if own.is_traditional else None
    assert tips == {t.id: tooltip(t, own, phrases, CONVERSIONS.get(own.lang)) for t in TERMS}


@pytest.mark.parametrize("edition", ["zh", "zh-hant"])
def test_inline_definitions_work_mid_sentence_in_chinese(site: Path, edition: str) -> None:
    mid_sentence = [
        term for path in content_pages(site, EDITIONS[edition]) for term in parse(path).terms
        if HAN.match(term.get("before", "")) and HAN.match(term.get("after", ""))
    ]
    assert mid_sentence, f"{edition}: no inline definition between two Han characters"


@pytest.mark.parametrize("edition", EDITIONS)
def test_never_inside_code_links_or_headings_and_not_on_generated_pages(site: Path, edition: str) -> None:
    prefix = EDITIONS[edition]
    for path in content_pages(site, prefix):
        assert parse(path).nested_terms == 0, path
    for generated in ("glossary", "term-index"):
        assert not parse(site / prefix / generated / "index.html").terms


@pytest.mark.parametrize("edition", EDITIONS)
def test_exports_are_published_and_well_formed(site: Path, edition: str) -> None:
    downloads = site / EDITIONS[edition] / "downloads"
    raw = (downloads / "terms.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["id"] for r in rows] == [t.id for t in TERMS]
    root = ET.parse(downloads / "terms.tbx").getroot()
    assert [entry.get("id") for entry in root.findall("./text/body/termEntry")] == [t.id for t in TERMS]
    data = json.loads((downloads / "terms.json").read_text(encoding="utf-8"))
    assert [record["id"] for record in data["terms"]] == [t.id for t in TERMS]
    assert [record["definition"] for record in data["terms"]] == [{"zh": t.definition_zh, "en": t.definition_en} for t in TERMS]
    # the same bytes in every edition, every download
    for path in export_paths(VARIETIES):
        assert (site / EDITIONS[edition] / path).read_bytes() == (site / path).read_bytes(), path
    # as published: the TBX v3 passes LTAC's TBX-Basic schemas
    published = (downloads / "terms-tbx3.tbx").read_bytes()
    assert validate.relaxng_errors(published) == [] and validate.schematron_errors(published) == []


# --- a term base the strict build refuses --------------------------------------------------------

UNUSED_TERM = """
  - id: never-used-term
    zh: 从未出现的测试术语
    en: never-used test term
    en_alt: []
    category: governance
    related: []
    definition:
      zh: 只为测试而写的术语，正文从不使用。
      en: A term written for the tests only; the pages never use it.
    en_source:
      confidence: none
"""


def test_a_bad_term_base_fails_the_strict_build_in_one_line_before_anything_is_written(project_copy: Path) -> None:
    term_base = project_copy / "data" / "terms.yaml"
    term = first_term(term_base)
    line = term.field_lines["en"]
    assert replace_line(term_base, line, '    en: ""') == f"    en: {term.en}"
    result = build_site(project_copy / "site", project_copy)
    assert result.returncode != 0
    assert f"ERROR   -  data/terms.yaml:{line}: term '{term.id}': field 'en': must not be empty" in (
        result.stderr.splitlines()
    ), result.stderr
    assert not (project_copy / "site").exists(), "a build with a bad term base wrote a site"


def test_a_term_that_never_occurs_fails_the_strict_build_naming_it(project_copy: Path) -> None:
    term_base = project_copy / "data" / "terms.yaml"
    term_base.write_text(term_base.read_text(encoding="utf-8").rstrip("\n") + "\n" + UNUSED_TERM, encoding="utf-8")
    unused = next(t for t in load_terms(term_base, VARIETIES) if t.id == "never-used-term")
    result = build_site(project_copy / "site", project_copy)
    assert result.returncode != 0
    lines = result.stderr.splitlines()
    zh, en = unused.field_lines["zh"], unused.field_lines["en"]
    never = "term 'never-used-term': field"
    assert f"WARNING -  data/terms.yaml:{zh}: {never} 'zh': '从未出现的测试术语' never occurs in docs/zh (zh edition)" in lines, result.stderr
    assert f"WARNING -  data/terms.yaml:{en}: {never} 'en': 'never-used test term' never occurs in docs/en (en edition)" in lines, result.stderr
