"""The cite data (hetao_docs/cite_data.py): every value hosting.js needs from the build, derived once.
The JavaScript unit tier (tests/js/) runs hosting.js on these values."""

from __future__ import annotations

import dataclasses
import datetime
import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from support.project import EDITIONS, ROOT, catalogs

from hetao_docs import cite_data, hosting
from hetao_docs.editions import Edition
from hetao_docs.releases import Release, load_releases
from hetao_docs.strings import CatalogError

RELEASES = load_releases(ROOT / "data" / "releases.yml", "data/releases.yml")
HOSTING_JS = ROOT / "hetao_docs" / "theme" / "assets" / "javascripts" / "hosting.js"


def release(version: str, day: datetime.date) -> Release:
    return Release(version=version, date=day, summary={}, changes=())


def test_releases_are_ordered_oldest_first_with_their_anchor_and_archive() -> None:
    refs = cite_data.release_refs(
        [release("2027.01", datetime.date(2027, 1, 2)), release("2026.12.1", datetime.date(2026, 12, 9)),
         release("2026.12", datetime.date(2026, 12, 1))],
        archived_here=["2026.12"],
    )
    assert [(r.version, r.anchor, r.archive) for r in refs] == [
        ("2026.12", "v2026-12", "releases/2026.12/"), ("2026.12.1", "v2026-12-1", ""), ("2027.01", "v2027-01", "")]


@pytest.mark.parametrize("edition", list(EDITIONS), ids=lambda e: e.code)
def test_page_cite_data_carries_the_derived_values(edition: Edition) -> None:
    catalog = catalogs()[edition.code]
    newest = RELEASES[0]
    data = cite_data.page_cite_data(
        url="https://e.org/p/", site="S", own=False, release=newest, releases=RELEASES, archived_here=[newest.version],
        edition=edition, release_texts=catalog.group("releases"), changed={}, unreleased=[], archived=False,
        root="../", published_root="", page_path="p/", changes="../changes/",
        cite=cite_data.edition_cite(hosting.edition_texts(catalog, edition), edition, ""),
    ).as_json()
    assert data["release_anchor"] == newest.anchor
    assert data["release_date_text"] == hosting.format_date(newest.date, edition)
    assert newest.version in data["release_line"] and data["release_year"] == str(newest.date.year)
    assert [r["version"] for r in data["releases"]] == [r.version for r in reversed(RELEASES)]
    json.dumps(data)  # what the template serialises


def test_a_missing_text_is_one_line_naming_the_key() -> None:
    texts = dict(catalogs()["en"].group("releases"))
    del texts["notice_cited"]
    with pytest.raises(CatalogError, match=r"^releases: missing key 'notice_cited' \(the cite buttons show it\)$"):
        cite_data.notice_texts(texts)


def test_every_text_hosting_js_reads_is_handed_over() -> None:
    source = HOSTING_JS.read_text(encoding="utf-8")
    cite = set(re.findall(r"\bcite\.(\w+)", source))
    notice = set(re.findall(r"\b(?:texts|data\.notice)\.(\w+)", source))
    edition_fields = {"english", "lang", "edition", "report", "title_zh"}
    assert cite - edition_fields == set(cite_data.CITE_TEXT_KEYS) and notice == set(cite_data.NOTICE_TEXT_KEYS)
    read = set(re.findall(r"\bdata\.(\w+)", source))
    assert read == {f.name for f in dataclasses.fields(cite_data.CiteData)}, "hosting.js reads what the model holds, all of it"
    assert set(re.findall(r"\b(?:ref|citedRef|releaseRef\([^)]*\))\.(\w+)", source)) <= {f.name for f in dataclasses.fields(cite_data.ReleaseRef)}


# --- what reference managers file: Zotero's Embedded Metadata translator --------------------------

ZOTERO = json.loads((ROOT / "tests" / "fixtures" / "zotero" / "highwire-mappings.json").read_text(encoding="utf-8"))


def zotero_item(tags: list[tuple[str, str]]) -> dict[str, Any]:
    """The item Zotero's Embedded Metadata translator files from Highwire tags: each mapped tag its
    field (processFields, HIGHWIRE_MAPPINGS as vendored), `citation_author` its creators
    (processHighwireCreators: one per tag, split at ";"; ZU.cleanAuthor: edge punctuation
    trimmed, then "Last, First" if the tag has a comma, else split at the last space)."""
    item: dict[str, Any] = {"creators": []}
    for name, field in ZOTERO["mappings"].items():
        values = [content for tag, content in tags if tag == name and content.strip()]
        if values:
            item[field] = " ".join(values[0].split())
    for name, content in tags:
        if name != "citation_author":
            continue
        for creator in (part.strip() for part in content.split(";")):
            cleaned = re.sub(r"[\s\u00a0.,/\[\]:]+$", "", re.sub(r"^[\s\u00a0.,/\[\]:]+", "", creator))
            if "," in creator:
                last, _, first = cleaned.partition(",")
            else:
                first, _, last = cleaned.rpartition(" ")
            item["creators"].append({"lastName": last.strip(), "firstName": first.strip()})
    return item


@pytest.mark.parametrize("edition", list(EDITIONS), ids=lambda e: e.code)
def test_zotero_files_a_page_as_this_sites_text_never_under_the_articles_author(edition: Edition) -> None:
    site = {"zh": "河套数据跨境参考", "en": "Hetao Cross-Border Data Reference", "zh-hant": "河套數據跨境參考"}.get(edition.code, "Site")
    meta = hosting.citation_meta(site=site, title="Page", url="https://e.org/p/", lang=edition.lang, release="2026.12.1",
                                 date="2026-12-01", site_root="https://e.org/")
    item = zotero_item(meta["tags"])
    assert item["creators"] == [{"lastName": site, "firstName": ""}]  # the whole name: not split at a space
    assert (item["title"], item["publisher"], item["date"], item["url"]) == ("Page", site, "2026/12/01", "https://e.org/p/")
    assert hosting.ARTICLE_AUTHOR not in json.dumps(item, ensure_ascii=False)
    data = json.loads(meta["json_ld"])
    assert data["author"] == {"@type": "Organization", "name": site, "url": "https://e.org/"}
    assert data["isBasedOn"]["author"] == {"@type": "Person", "name": hosting.ARTICLE_AUTHOR}


def test_the_zotero_reading_is_the_translators() -> None:
    # the vendored mapping names the tags we write, and a personal name splits as Zotero splits it
    assert {"citation_title", "citation_publisher", "citation_date", "citation_public_url", "citation_language"} <= set(ZOTERO["mappings"])
    assert zotero_item([("citation_author", "Liqin Zhang")])["creators"] == [{"lastName": "Zhang", "firstName": "Liqin"}]
    assert zotero_item([("citation_author", "Zhang, Liqin")])["creators"] == [{"lastName": "Zhang", "firstName": "Liqin"}]


def test_every_built_page_is_filed_under_this_site(site: Path) -> None:
    pages = [p for p in site.rglob("index.html") if not p.relative_to(site).as_posix().startswith("releases/")]
    filed = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        tags = [(n, html.unescape(c)) for n, c in re.findall(r'<meta name="(citation_\w+)" content="([^"]*)">', text)]
        if not tags:
            continue  # a redirect
        site_name = html.unescape(re.search(r'<meta property="og:site_name" content="([^"]*)">', text).group(1))  # type: ignore[union-attr]
        assert zotero_item(tags)["creators"] == [{"lastName": site_name, "firstName": ""}], page
        filed += 1
    assert filed >= 15 * len(EDITIONS)
