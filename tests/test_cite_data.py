"""The cite data (hetao_docs/cite_data.py): every value hosting.js needs from the build, derived once.
The JavaScript unit tier (tests/js/) runs hosting.js on these values."""

from __future__ import annotations

import datetime
import json
import re

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
