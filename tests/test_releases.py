"""Releases: the change log, section fingerprints, archived releases, cutting one, and what a
reader sees (release lines, the archive banner, the "changed since" notice, citations)."""

from __future__ import annotations

import datetime
import gzip
import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from support.waiting import wait_until

from hetao_docs import releases as r
from hetao_docs.editions import load_editions
from hetao_docs.links import read_contract, write_contract
from hetao_docs.markup import glossary_row_heading
from hetao_docs.page_policy import with_policy
from hetao_docs.release_cut import CutError, check_changes, cut_release

ROOT = Path(__file__).resolve().parent.parent
EDITIONS = load_editions(ROOT / "data" / "editions.yml")
RELEASES = r.load_releases(ROOT / "data" / "releases.yml", "data/releases.yml")
CUT = r.archives(RELEASES, ROOT / "releases")

ENTRY = """\
releases:
  - version: "{version}"
    date: {date}
    summary: {{zh: 摘要, en: Summary}}
    changes:
      - sections: [{sections}]
        what: {{zh: 改了, en: Changed}}
        why: {{zh: 原因, en: Because}}
"""


def changelog(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "releases.yml"
    path.write_text(text, encoding="utf-8")
    return path


# --- the change log ------------------------------------------------------------------------------


def test_the_committed_change_log_is_newest_first_and_every_release_but_the_newest_is_cut() -> None:
    assert [a.release for a in CUT] == list(reversed(RELEASES))[: len(CUT)]
    assert len(RELEASES) - len(CUT) <= 1, "only the newest entry may be waiting to be cut"
    assert len(CUT) >= 2, "the site keeps at least two releases (cut one, change a section, cut another)"
    for archive in CUT:
        assert (archive.folder / r.CHECKSUMS).is_file() and (archive.folder / r.CONTRACT_COPY).is_file()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (ENTRY.format(version="2026.13", date="2026-12-01", sections="index.md"),
         r"^cl\.yml: releases\[0\]: field 'version': expected a calendar version like 2026\.12 or 2026\.12\.1, got '2026\.13'$"),
        (ENTRY.format(version="2026.12", date="2026-11-30", sections="index.md"),
         r"^cl\.yml: release '2026\.12': field 'date': 2026-11-30 is not in the version's month$"),
        (ENTRY.format(version="2026.12", date="2026-12-01", sections="'index'"),
         r"^cl\.yml: release '2026\.12': field 'changes\[0\]\.sections': 'index' is not page\.md or page\.md#id$"),
        (ENTRY.format(version="2026.12", date="2026-12-01", sections="index.md").replace("en: Because", "fr: Parce que"),
         r"^cl\.yml: release '2026\.12': field 'changes\[0\]\.why': expected both 'zh' and 'en'$"),
        (ENTRY.format(version="2026.11", date="2026-11-02", sections="index.md")
         + ENTRY.format(version="2026.12", date="2026-12-01", sections="index.md").removeprefix("releases:\n"),
         r"^cl\.yml: release '2026\.11': must be newer than the entry after it \('2026\.12'\): newest first$"),
    ],
)
def test_bad_change_log_gives_one_line_naming_file_release_and_field(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(r.ReleaseError, match=message):
        r.load_releases(changelog(tmp_path, text), "cl.yml")


def test_citation_file_names_the_newest_release() -> None:
    import yaml

    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0" and cff["type"] == "dataset"
    assert (cff["version"], cff["date-released"]) == (CUT[-1].release.version, CUT[-1].release.date)
    assert cff["references"][0]["title"] == "深港协同破解河套难题，或激活万亿级数字经济生态"


def test_release_anchor_and_order() -> None:
    release = RELEASES[0]
    assert release.anchor == "v" + release.version.replace(".", "-")
    assert r.version_key("2026.12") < r.version_key("2026.12.1") < r.version_key("2027.01")


# --- fingerprints and histories ------------------------------------------------------------------

PAGE = """\
# Page { #page }

Intro.

## One { #one }

Text one.

### Sub { #sub }

Sub text.

## Two { #two }

Text two.
"""


def test_fingerprints_ignore_layout_but_see_text_and_include_subsections() -> None:
    before = r.section_fingerprints(PAGE)
    assert set(before) == {"", "page", "one", "sub", "two"}
    relaid = PAGE.replace("Text one.", "Text   one.\n").replace("{ #one }", "{ #one data-article=\"5\" }")
    assert r.section_fingerprints(relaid) == before
    changed = r.section_fingerprints(PAGE.replace("Sub text.", "Sub text, changed."))
    assert {k for k in before if before[k] != changed[k]} == {"", "page", "one", "sub"}
    assert r.section_parents(PAGE) == {"page": "", "one": "page", "sub": "one", "two": "page"}


def test_a_glossary_rows_raw_heading_is_a_section_of_its_own() -> None:
    one, two = glossary_row_heading(3, "one", "One"), glossary_row_heading(3, "two", "Two")  # as terms/render.py writes them
    page = (
        f"## A {{ #initial-a }}\n\n<details>\n<summary>x</summary>\n{one}\n<p>1</p>\n</details>\n\n"
        f"<details>\n<summary>y</summary>\n{two}\n<p>2</p>\n</details>\n"
    )
    before = r.section_fingerprints(page)
    after = r.section_fingerprints(page.replace("<summary>y</summary>", "<summary>z</summary>").replace("<p>2</p>", "<p>two</p>"))
    assert before["one"] == after["one"] and before["two"] != after["two"] and before["initial-a"] != after["initial-a"]
    assert r.section_parents(page) == {"initial-a": "", "one": "initial-a", "two": "initial-a"}


def test_history_of_a_section_over_releases() -> None:
    records = [("2026.12", {"a": "1", "b": "1"}), ("2026.12.1", {"a": "2", "b": "1"}), ("2027.01", {"a": "2", "b": "1", "c": "1"})]
    found = r.histories(records, {"a": "2", "b": "3", "c": "1", "d": "1"})
    assert found["a"] == r.SectionHistory(("2026.12", "2026.12.1"), False) and found["a"].last_changed == "2026.12.1"
    assert found["b"] == r.SectionHistory(("2026.12",), True)
    assert found["c"].changed_in == ("2027.01",) and found["d"] == r.SectionHistory((), True)


def test_a_release_must_list_every_changed_section(tmp_path: Path) -> None:
    before = {"zh": {"p.md": {"": "1", "one": "1", "sub": "1", "two": "1"}, "q.md": {"": "1"}}, "en": {"p.md": {"two": "1"}}}
    after = {"zh": {"p.md": {"": "2", "one": "2", "sub": "2", "two": "1"}, "q.md": {"": "2"}}, "en": {"p.md": {"two": "9"}}}
    changed = r.changed_sections(before, after)
    assert changed == {"p.md": {"", "one", "sub", "two"}, "q.md": {""}}
    # an edition the release before did not have is one change, not every one of its sections
    assert r.changed_sections(before, {**after, "zh-hant-tw": {"p.md": {"": "7", "one": "7"}, "new.md": {"": "7"}}}) == changed
    release = r.load_releases(changelog(tmp_path, ENTRY.format(version="2026.12", date="2026-12-01", sections="p.md#sub, q.md")), "x")[0]
    parents = {"p.md": {"one": "", "sub": "one", "two": ""}}
    # listing a subsection covers the sections it is part of; a page covers all of it
    assert r.uncovered(changed, release, parents) == ["p.md#two"]
    # listing a section covers its subsections
    parent_only = r.load_releases(changelog(tmp_path, ENTRY.format(version="2026.12", date="2026-12-01", sections="p.md#one, q.md")), "x")[0]
    assert r.uncovered(changed, parent_only, parents) == ["p.md#two"]
    # the fewest entries that cover it all; generated pages are implied by their sources
    assert r.to_list(changed, parents) == ["p.md#sub", "p.md#two", "q.md"]
    assert r.to_list(changed, parents, generated=["q.md"]) == ["p.md#sub", "p.md#two"]
    assert r.uncovered(changed, parent_only, parents, generated=["p.md"]) == []
    complete = r.load_releases(changelog(tmp_path, ENTRY.format(version="2026.12", date="2026-12-01", sections="p.md#sub, p.md#two, q.md")), "x")[0]
    assert r.uncovered(changed, complete, parents) == [] and r.unchanged_listed(changed, complete) == []
    # an entry may not list what did not change
    padded = r.load_releases(changelog(tmp_path, ENTRY.format(version="2026.12", date="2026-12-01", sections="p.md#sub, p.md#two, q.md, r.md, q.md#x")), "x")[0]
    assert r.unchanged_listed(changed, padded) == ["r.md", "q.md#x"]


# --- archives ------------------------------------------------------------------------------------


def _archive(tmp_path: Path) -> r.Archive:
    folder = tmp_path / "releases" / "2026.12"
    site = tmp_path / "built"
    (site / "en").mkdir(parents=True)
    (site / "index.html").write_text(f'<a href="{r.ADDRESS_TOKEN}en/">current</a>', encoding="utf-8")
    (site / "en" / "logo.png").write_bytes(b"\x89PNG" + r.ADDRESS_TOKEN.encode())
    (site / "en" / "copy.html").write_text(f'<a href="{r.ADDRESS_TOKEN}en/">current</a>', encoding="utf-8")  # the same bytes: stored once
    (site / "en" / "search").mkdir()
    (site / "en" / "search" / "search_index.json").write_text("{}", encoding="utf-8")
    folder.mkdir(parents=True)
    (folder / r.CHECKSUMS).write_text(r.checksums(site), encoding="utf-8")
    assert r.store_files(site, tmp_path / "releases" / r.OBJECTS) == 3
    return r.Archive(RELEASES[-1], folder)


def test_an_archive_is_published_with_the_sites_address_and_checked_byte_for_byte(tmp_path: Path) -> None:
    archive = _archive(tmp_path)
    r.verify(archive, "releases/2026.12")
    target = tmp_path / "site" / "releases" / "2026.12"
    assert r.publish(archive, target, "https://e.org/h") == 4
    assert (target / "index.html").read_text(encoding="utf-8") == '<a href="https://e.org/h/en/">current</a>'
    assert (target / "en" / "copy.html").read_bytes() == (target / "index.html").read_bytes()
    assert (target / "en" / "logo.png").read_bytes() == b"\x89PNG" + r.ADDRESS_TOKEN.encode()  # binary: untouched
    # each archived page has its edition's sitemap (the theme's language switch reads it), not indexed
    assert "<loc>https://e.org/h/releases/2026.12/en/copy.html</loc>" in (target / "en" / "sitemap.xml").read_text(encoding="utf-8")
    logo = archive.manifest("x")["en/logo.png"]
    r.object_path(archive.store, logo).write_bytes(gzip.compress(b"changed"))
    expected = (r"^releases/objects/[0-9a-f]{2}/[0-9a-f]{64}\.gz: en/logo\.png differs from releases/2026\.12/SHA256SUMS: "
                r"release '.*' changed after it was cut$")
    with pytest.raises(r.ReleaseError, match=expected):
        r.verify(archive, "releases/2026.12")
    r.object_path(archive.store, logo).unlink()
    with pytest.raises(r.ReleaseError, match=r"^releases/2026\.12/SHA256SUMS: en/logo\.png: cannot read .* release '.*' is incomplete$"):
        r.verify(archive, "releases/2026.12")


def test_the_committed_store_holds_each_file_once_and_nothing_unreferenced() -> None:
    referenced = {digest for archive in CUT for digest in archive.manifest(str(archive.folder)).values()}
    stored = {p.name.removesuffix(".gz") for p in (ROOT / "releases" / r.OBJECTS).rglob("*") if p.is_file()}
    assert stored == referenced
    assert not [p for p in (ROOT / "releases").glob("*/published")], "releases keep no full copy: the store has the files"


def test_changes_page_escapes_text_and_links_sections() -> None:
    release = r.Release("2026.12", datetime.date(2026, 12, 1), {"zh": "摘要 <b>", "en": "S"},
                        (r.Change(("p.md#one", "p.md#two"), {"zh": "改了 *这里*", "en": "x"}, {"zh": "因为", "en": "y"}),))
    texts = {"page_title": "版本记录", "intro": "说明", "released": "发布日期：{date}", "sections": "涉及章节：", "why": "原因：", "archive": "存档",
             "sections_separator": "、"}
    page = r.changes_markdown([release], language="zh", texts=texts, link_text=lambda s: "页 › 一", convert=str,
                              date=lambda d: d.isoformat(), archive_href=lambda v: f"../releases/{v}/")
    assert "## 2026.12 { #v2026-12 }" in page and "摘要 &lt;b&gt;" in page and r"改了 \*这里\*" in page
    assert "[页 › 一](p.md#one)、[页 › 一](p.md#two)" in page and '<a href="../releases/2026.12/">存档</a>' in page


# --- cutting a release ---------------------------------------------------------------------------


def _project(tmp_path: Path, entries: str) -> Path:
    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    (project / "data" / "releases.yml").write_text(entries, encoding="utf-8")
    write_contract(project / "contract" / "published-links.txt", ["./", "./#one", "en/"])
    (project / "CITATION.cff").write_text('cff-version: 1.2.0\nversion: "2026.11"\ndate-released: 2026-11-02\n', encoding="utf-8")
    return project


def _fake_build(prints: dict[str, Any], ids: tuple[str, ...] = ("one",), archived: bool = True) -> Any:
    def build(site: Path, env: dict[str, str]) -> bool:
        if archived:
            assert env["HETAO_ARCHIVE"].startswith("v") and env["SITE_URL"].startswith(r.ADDRESS_TOKEN + "releases/")
        else:
            assert "HETAO_ARCHIVE" not in env
        (site / "en").mkdir(parents=True)
        body = "".join(f'<h2 id="{i}">{i}</h2>' for i in ids)
        (site / "index.html").write_text(f"<article class='md-content__inner'>{body}</article>", encoding="utf-8")
        (site / "en" / "index.html").write_text("<article class='md-content__inner'></article>", encoding="utf-8")
        (site / "sitemap.xml").write_text("x", encoding="utf-8")
        Path(env["HETAO_FINGERPRINTS_OUT"]).write_text(json.dumps({"editions": prints, "parents": {"zh": {"index.md": {"one": ""}}}}), encoding="utf-8")
        return True
    return build


def test_cut_release_writes_the_archive_and_extends_the_contract(tmp_path: Path) -> None:
    project = _project(tmp_path, ENTRY.format(version="2026.12", date="2026-12-01", sections="index.md"))
    message = cut_release(project, "2026.12", _fake_build({"zh": {"index.md": {"": "1", "one": "1"}}}))
    folder = project / "releases" / "2026.12"
    assert message.startswith("release 2026.12: cut into releases/2026.12/ (2 files, 0 KB; 2 new in releases/objects/)")
    assert set(r.archives(r.load_releases(project / "data" / "releases.yml", "x"), project / "releases")[0].manifest("x")) == {
        "index.html", "en/index.html"}  # an archive is not indexed: no sitemap
    assert json.loads((folder / r.FINGERPRINTS).read_text())["editions"] == {"zh": {"index.md": {"": "1", "one": "1"}}}
    assert (folder / r.CONTRACT_COPY).read_text() == "./\n./#one\nen/\n"
    assert (project / "CITATION.cff").read_text() == 'cff-version: 1.2.0\nversion: "2026.12"\ndate-released: 2026-12-01\n'
    assert read_contract(project / "contract" / "published-links.txt") == [
        "./", "./#one", "en/", "releases/2026.12/", "releases/2026.12/#one", "releases/2026.12/en/"]
    with pytest.raises(CutError, match=r"^releases/2026\.12: already cut; a published release never changes"):
        cut_release(project, "2026.12", _fake_build({}))
    with pytest.raises(CutError, match=r"^data/releases\.yml: the newest entry is '2026\.12': add an entry for '2026\.12\.1'"):
        cut_release(project, "2026.12.1", _fake_build({}))


def test_cut_release_refuses_unlisted_changes_and_broken_links_and_writes_nothing(tmp_path: Path) -> None:
    first = ENTRY.format(version="2026.12", date="2026-12-01", sections="index.md")
    project = _project(tmp_path, first)
    cut_release(project, "2026.12", _fake_build({"zh": {"index.md": {"": "1", "one": "1"}, "a.md": {"": "1"}}}))
    second = ENTRY.format(version="2026.12.1", date="2026-12-02", sections="a.md") + first.removeprefix("releases:\n")
    (project / "data" / "releases.yml").write_text(second, encoding="utf-8")
    changed = _fake_build({"zh": {"index.md": {"": "2", "one": "2"}, "a.md": {"": "2"}}})
    unlisted = (r"field 'changes': these sections changed since 2026\.12 and are not listed: index\.md, index\.md#one "
                r"\(`docs\.py release --check` prints the list\)$")
    with pytest.raises(CutError, match=unlisted):
        cut_release(project, "2026.12.1", changed)
    assert not (project / "releases" / "2026.12.1").exists()
    (project / "data" / "releases.yml").write_text(second.replace("[a.md]", "[a.md, index.md]", 1), encoding="utf-8")
    with pytest.raises(CutError, match=r"^contract/published-links\.txt: ./#one does not resolve in release 2026\.12\.1"):
        cut_release(project, "2026.12.1", _fake_build({"zh": {"index.md": {"": "2"}, "a.md": {"": "2"}}}, ids=()))
    assert not (project / "releases" / "2026.12.1").exists()
    (project / "data" / "releases.yml").write_text(second.replace("[a.md]", "[a.md, index.md, b.md]", 1), encoding="utf-8")
    with pytest.raises(CutError, match=r"field 'changes': these listed sections did not change since 2026\.12: b\.md$"):
        cut_release(project, "2026.12.1", changed)
    with pytest.raises(CutError, match=r"field 'changes': nothing changed since 2026\.12: there is nothing to release$"):
        cut_release(project, "2026.12.1", _fake_build({"zh": {"index.md": {"": "1", "one": "1"}, "a.md": {"": "1"}}}))
    assert sorted(p.name for p in (project / "releases").iterdir()) == ["2026.12", r.OBJECTS]
    assert len(list((project / "releases" / r.OBJECTS).rglob("*.gz"))) == 2  # a refused cut stores nothing


def test_release_check_prints_the_sections_to_list_and_writes_nothing(tmp_path: Path) -> None:
    first = ENTRY.format(version="2026.12", date="2026-12-01", sections="index.md")
    project = _project(tmp_path, first)
    cut_release(project, "2026.12", _fake_build({"zh": {"index.md": {"": "1", "one": "1"}, "glossary.md": {"": "1"}}}))
    before = sorted(p for p in project.rglob("*"))
    assert check_changes(project, _fake_build({"zh": {"index.md": {"": "1", "one": "1"}, "glossary.md": {"": "1"}}}, archived=False)) == (
        "release --check: nothing changed since 2026.12: there is nothing to release")
    report = check_changes(project, _fake_build({"zh": {"index.md": {"": "2", "one": "2"}, "glossary.md": {"": "2"}}}, archived=False))
    assert report.splitlines() == [
        "release --check: 1 sections changed since 2026.12; paste under `sections:` and give each group of them a `what` and a "
        "`why` (a section covers the sections it is part of):",
        "          - index.md#one",
        "also changed, implied by their sources (list them only if the change is theirs): glossary.md",
    ]
    assert sorted(p for p in project.rglob("*")) == before


def test_a_cut_adds_the_current_sites_new_links_to_the_contract_and_says_so(tmp_path: Path) -> None:
    project = _project(tmp_path, ENTRY.format(version="2026.12", date="2026-12-01", sections="index.md"))
    message = cut_release(project, "2026.12", _fake_build({"zh": {"index.md": {"": "1", "one": "1"}}}, ids=("one", "new-anchor")))
    assert "; 1 new links of the current site added to contract/published-links.txt" in message
    contract = read_contract(project / "contract" / "published-links.txt")
    assert "./#new-anchor" in contract and "releases/2026.12/#new-anchor" in contract


# --- the built site ------------------------------------------------------------------------------


def _pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("index.html") if "http-equiv=\"refresh\"" not in p.read_text(encoding="utf-8")[:2000]]


def test_every_page_of_every_release_has_citation_tags_and_json_ld(site: Path) -> None:
    pages = _pages(site)
    assert len(pages) >= 15 * 3 * (1 + len(CUT))
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert '<meta name="citation_title" content="' in text and '<meta name="citation_publisher"' in text, page
        data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.DOTALL).group(1))
        assert data["@type"] == "WebPage" and data["isBasedOn"]["headline"] == "深港协同破解河套难题，或激活万亿级数字经济生态", page
        assert data["isBasedOn"]["author"]["name"] == "张立勤" and data["inLanguage"] in {"zh-Hans", "en", "zh-Hant-HK"}


@pytest.mark.parametrize("edition", [e.prefix for e in EDITIONS])
def test_every_release_is_online_at_its_own_address_with_banner_noindex_and_canonical(site: Path, built_url: str, edition: str) -> None:
    for archive in CUT:
        page = site / "releases" / archive.release.version / edition / "problems" / "coordination" / "index.html"
        text = page.read_text(encoding="utf-8")
        assert '<meta name="robots" content="noindex">' in text
        current = f"{built_url}{edition}problems/coordination/"
        assert f'<link rel="canonical" href="{current}">' in text
        assert f'class="hetao-archived__current" href="{current}"' in text
        assert archive.release.version in html.unescape(re.search(r'<div class="hetao-archived".*?</div>', text, re.DOTALL).group(0))
        assert r.ADDRESS_TOKEN not in text
    current = (site / edition / "problems" / "coordination" / "index.html").read_text(encoding="utf-8")
    assert 'name="robots"' not in current and "hetao-archived" not in current.split("<article", 1)[1]


def test_published_archives_are_the_stored_ones_with_only_the_address_filled_in(site: Path, built_url: str) -> None:
    for archive in CUT:
        published = site / "releases" / archive.release.version
        manifest = archive.manifest(str(archive.folder))
        sitemaps = {f"{e.prefix}{r.SITEMAP}" for e in EDITIONS}  # added when published, for the language switch
        # as served: beside each text file its precompressed copy, and every page with its policy
        assert {p.relative_to(published).as_posix() for p in published.rglob("*") if p.is_file() and p.suffix != ".gz"} == set(manifest) | sitemaps
        for relative, digest in sorted(manifest.items())[:: max(1, len(manifest) // 40)]:
            expected = archive.read(digest)
            if relative.endswith((".html", ".xml", ".json", ".js", ".txt", ".css")):
                expected = expected.replace(r.ADDRESS_TOKEN.encode(), built_url.encode())
            if relative.endswith("index.html"):  # and the Memento links in its head
                expected = expected.replace(b"<head>", b"<head>" + r.memento_links(archive.release, built_url, r.page_dir(relative)).encode(), 1)
            if relative.endswith(".html"):
                expected = with_policy(expected.decode("utf-8"))[0].encode("utf-8")
            assert (published / relative).read_bytes() == expected, relative


@pytest.mark.parametrize("edition", [e.prefix for e in EDITIONS])
def test_archived_pages_name_their_original_and_a_timemap_lists_every_release(site: Path, built_url: str, edition: str) -> None:
    from requests.utils import parse_header_links

    page = f"{edition}problems/coordination/"
    for archive in CUT:
        text = (site / "releases" / archive.release.version / page / "index.html").read_text(encoding="utf-8")
        assert f'<link rel="original" href="{built_url}{page}">' in text
        memento = re.search(r'<link rel="memento" href="([^"]+)" datetime="([^"]+)">', text)
        assert memento and memento.group(1) == f"{built_url}releases/{archive.release.version}/{page}"
        assert memento.group(2) == archive.release.date.strftime("%a, %d %b %Y 00:00:00 GMT")
        assert f'<link rel="timemap" type="application/link-format" href="{built_url}{page}timemap.link">' in text
    # the TimeMap, read by a Link-header parser (RFC 8288), as Memento clients read it
    links = parse_header_links((site / page / "timemap.link").read_text(encoding="utf-8").replace("\n", ""))
    assert [link["rel"] for link in links][:2] == ["original", "self"] and links[0]["url"] == f"{built_url}{page}"
    mementos = [link for link in links if link["rel"].endswith("memento")]
    assert [m["url"] for m in mementos] == [f"{built_url}releases/{a.release.version}/{page}" for a in CUT]
    assert mementos[0]["rel"].startswith("first") and mementos[-1]["rel"].startswith("last")
    for memento in mementos:
        assert (site / memento["url"].removeprefix(built_url) / "index.html").is_file()


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_changes_page_lists_every_release_newest_first_with_its_sections(site: Path, edition: Any) -> None:
    text = (site / edition.prefix / "changes" / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r'<h2 id="(v[0-9-]+)"', text)
    assert ids == [release.anchor for release in RELEASES]
    for archive in CUT:
        assert f'href="../{"../" * edition.prefix.count("/")}releases/{archive.release.version}/{edition.prefix}"' in text
    assert 'href="../problems/coordination/' in text or 'href="../index.html' in text or 'href="../"' in text


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_pages_show_their_release_and_sections_their_last_change(site: Path, edition: Any) -> None:
    newest = CUT[-1].release
    text = (site / edition.prefix / "problems" / "coordination" / "index.html").read_text(encoding="utf-8")
    line = html.unescape(re.search(r'<p class="hetao-release"[^>]*>(.*?)</p>', text, re.DOTALL).group(1))
    assert newest.version in line and f"#{newest.anchor}" in line
    changed = re.findall(r'<p class="hetao-changed"[^>]*><a href="\.\./\.\./changes/#(v[0-9-]+)">', text)
    assert changed and set(changed) <= {a.release.anchor for a in CUT}


def test_sitemap_lastmod_is_the_date_the_page_last_changed(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    dates = {release.date.isoformat() for release in RELEASES} | {datetime.date.today().isoformat()}
    found = re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)
    assert found and set(found) <= dates
    newest = CUT[-1]
    prints = newest.fingerprints()["zh"]
    before = CUT[-2].fingerprints()["zh"] if len(CUT) > 1 else {}
    unchanged = [page for page, p in prints.items() if before.get(page, {}).get("") == p[""]]
    if unchanged and len(CUT) > 1:
        loc = unchanged[0].removesuffix(".md").removesuffix("index")
        entry = re.search(rf"<loc>[^<]*/{re.escape(loc)}{'/' if loc else ''}</loc>\s*<lastmod>([^<]+)", sitemap)
        assert (entry and entry.group(1) != newest.release.date.isoformat()) or CUT[-2].release.date == newest.release.date


# --- in the browser ------------------------------------------------------------------------------


def _changed_and_unchanged() -> tuple[str, str, str]:
    """A section of the zh edition that changed in the newest release and one that did not; the
    release before it."""
    old, new = CUT[-2], CUT[-1]
    before, after = old.fingerprints()["zh"], new.fingerprints()["zh"]
    parents = json.loads((new.folder / r.FINGERPRINTS).read_text(encoding="utf-8"))["parents"]["zh"]
    changed = unchanged = ""
    for page, prints in sorted(after.items()):
        if page in ("glossary.md", "term-index.md"):
            continue
        for section, digest in prints.items():
            if not section or not parents.get(page, {}).get(section):
                continue  # the page, or its title's heading: a section is below the title
            target = f"{page}#{section}"
            # the current text too: a section changed since the newest release (not yet cut) shows the notice
            source = ROOT / "docs" / "zh" / page  # generated pages have none: they are never the unchanged one
            current = r.section_fingerprints(source.read_text(encoding="utf-8")).get(section) if source.exists() else None
            if before.get(page, {}).get(section) not in (None, digest):
                changed = changed or target
            elif before.get(page, {}).get(section) == digest == current:
                unchanged = unchanged or target
    assert changed and unchanged, "the newest release changed no section (or every one)"
    return changed, unchanged, old.release.version


def _url(site_url: str, target: str, query: str = "") -> str:
    page, _, section = target.partition("#")
    path = page.removesuffix(".md").removesuffix("index")
    return f"{site_url}/{path}{'/' if path and not path.endswith('/') else ''}{query}#{section}"


def test_a_link_copied_from_an_earlier_release_says_the_section_changed(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    changed, unchanged, cited = _changed_and_unchanged()
    page = browser.new_page()
    page.goto(_url(site_url, changed, f"?release={cited}"))
    notice = page.locator(".hetao-changed-since")
    notice.wait_for()
    assert cited in notice.inner_text()
    archived = notice.locator("a").first
    assert f"/releases/{cited}/" in archived.get_attribute("href")
    archived.click()
    page.wait_for_url(re.compile(rf"/releases/{re.escape(cited)}/.*#{changed.split('#')[1]}$"))
    assert page.locator(".hetao-archived").is_visible()
    current = page.locator(".hetao-archived__current").get_attribute("href")
    assert current.endswith("#" + changed.split("#")[1])
    page.goto(_url(site_url, unchanged, f"?release={cited}"))
    page.locator(".hetao-cite").first.wait_for()
    assert page.locator(".hetao-changed-since").count() == 0
    page.goto(_url(site_url, changed))  # no release in the link: nothing to compare with
    page.locator(".hetao-cite").first.wait_for()
    assert page.locator(".hetao-changed-since").count() == 0
    page.close()


@pytest.fixture()
def clip_page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    yield context.new_page()
    context.close()


def _cite(page: Any, selector: str, fmt: str) -> str:
    page.locator(f"{selector} .hetao-cite").click()
    dialog = page.locator("dialog.hetao-cite-dialog")
    dialog.wait_for()
    if fmt != "text":
        dialog.locator(f"button[value={fmt}]").click()
    dialog.locator(".md-button--primary").click()
    dialog.locator(".hetao-cite-dialog__status").filter(has_text=re.compile(".")).wait_for()
    copied: str = page.evaluate("navigator.clipboard.readText()")
    assert copied == dialog.locator("pre").inner_text()
    page.keyboard.press("Escape")
    dialog.wait_for(state="detached")
    return copied


def test_cite_dialog_offers_every_format_naming_the_release(clip_page, site_url: str, built_url: str) -> None:  # type: ignore[no-untyped-def]
    release = CUT[-1].release.version
    clip_page.goto(f"{site_url}/en/problems/coordination/#rule-alignment")
    text = _cite(clip_page, "#rule-alignment", "text")
    address = _published_or_visited(built_url, site_url) + f"en/problems/coordination/?release={release}#rule-alignment"
    assert f"release {release}. Available at: {address} (Accessed: " in text
    assert "Based on: Zhang Liqin (2026) 深港协同破解河套难题，或激活万亿级数字经济生态" in text
    bibtex = _cite(clip_page, "#rule-alignment", "bibtex")
    assert bibtex.startswith("@online{") and f"version = {{{release}}}" in bibtex and f"url = {{{address}}}" in bibtex
    ris = _cite(clip_page, "#rule-alignment", "ris")
    assert ris.startswith("TY  - ELEC") and f"ET  - {release}" in ris and ris.rstrip().endswith("ER  -")
    csl = json.loads(_cite(clip_page, "#rule-alignment", "csl"))
    assert csl[0]["version"] == release and csl[0]["URL"] == address
    # a real CSL processor renders the CSL-JSON as the text the button shows
    assert _harvard(csl) + " " + csl[0]["note"] == text
    # every format carries the archived copy of the release, read back by the formats' own parsers
    archived = _published_or_visited(built_url, site_url) + f"releases/{release}/en/problems/coordination/#rule-alignment"
    assert csl[0]["archive_location"] == archived and f"Archived copy (release {release}, " in text and archived in text
    import bibtexparser
    import rispy

    library = bibtexparser.parse_string(bibtex)
    assert not library.failed_blocks and len(library.entries) == 1
    entry = library.entries[0]
    assert entry.entry_type == "online" and entry["version"] == release and entry["url"] == address
    assert entry["addendum"] == "\\url{" + archived + "}" and entry["urldate"] and entry["author"] == f"{{{entry['organization']}}}"
    [record] = rispy.loads(ris)
    assert record["type_of_reference"] == "ELEC" and record["urls"] == [address, archived] and record["edition"] == release
    robust = _cite(clip_page, "#rule-alignment", "html")
    from lxml import html as lxml_html

    link = lxml_html.fragment_fromstring(robust)
    assert link.tag == "a" and link.get("href") == address and link.get("data-originalurl") == address
    assert link.get("data-versionurl") == archived and link.get("data-versiondate") == CUT[-1].release.date.isoformat()
    assert clip_page.locator("article h1 .hetao-cite").count() == 1  # the whole page
    page_cite = _cite(clip_page, "article h1", "text")
    assert "Available at: " + address.split("#")[0] + " " in page_cite


def _published_or_visited(built_url: str, site_url: str) -> str:
    """What a copied address starts with: the published address when SITE_URL is set, else the
    address the reader is on (never mkdocs.yml's placeholder)."""
    import os

    return built_url if os.environ.get("SITE_URL") else site_url + "/"


def _harvard(items: list[dict[str, Any]]) -> str:
    import os

    import citeproc
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    style = CitationStylesStyle(os.path.join(os.path.dirname(citeproc.__file__), "data/styles/harvard-cite-them-right.csl"), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    bibliography.register(Citation([CitationItem(items[0]["id"])]))
    return str(bibliography.bibliography()[0])


@pytest.mark.parametrize("edition", ["", "zh-hant/"])
def test_chinese_citations_keep_the_title_as_published_and_glossary_entries_are_our_text(clip_page, site_url: str, edition: str) -> None:  # type: ignore[no-untyped-def]
    clip_page.goto(f"{site_url}/{edition}problems/coordination/")
    text = _cite(clip_page, "#rule-alignment", "text")
    assert "[EB/OL]" in text and "版." in text and "深港协同破解河套难题，或激活万亿级数字经济生态" in text
    clip_page.locator("#rule-alignment .hetao-cite").click()
    assert clip_page.locator("dialog pre span[lang=zh-Hans]").inner_text() == "深港协同破解河套难题，或激活万亿级数字经济生态"
    clip_page.keyboard.press("Escape")
    clip_page.goto(f"{site_url}/{edition}glossary/")
    assert clip_page.locator("article h2[data-cite=no] .hetao-cite").count() == 0  # letter headings are not sections
    clip_page.goto(f"{site_url}/{edition}glossary/#whitelist")  # the entry's row opens
    entry = _cite(clip_page, "#whitelist +", "text")  # its button follows the row's hidden heading
    assert "张立勤" not in entry and "[EB/OL]" in entry


def test_report_an_error_link_only_when_a_repository_is_configured(clip_page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    url = f"{site_url}/en/problems/coordination/"
    clip_page.goto(url)
    clip_page.locator("#rule-alignment .hetao-cite").click()
    assert clip_page.locator("dialog .hetao-report").count() == 0  # mkdocs.yml: report_issues is empty
    issues = "https://github.com/owner/repo/issues/new"

    def configured(route: Any) -> None:
        body = route.fetch().text().replace('"report": ""', f'"report": "{issues}"')
        route.fulfill(body=body, content_type="text/html")

    clip_page.route(url, configured)
    clip_page.goto(url)
    clip_page.locator("#rule-alignment .hetao-cite").click()
    link = clip_page.locator("dialog .hetao-report")
    href = link.get_attribute("href")
    from urllib.parse import parse_qs, urlsplit

    query = parse_qs(urlsplit(href).query)
    assert href.startswith(issues + "?")
    assert query["title"][0].startswith("Error report: ") and CUT[-1].release.version in query["title"][0]
    assert "Section: rule-alignment" in query["body"][0] and "Edition: English" in query["body"][0]


def test_permalink_copies_the_address_with_the_release(clip_page, site_url: str, built_url: str) -> None:  # type: ignore[no-untyped-def]
    clip_page.goto(f"{site_url}/problems/coordination/")
    clip_page.locator("#rule-alignment").hover()
    clip_page.locator("#rule-alignment .headerlink").click()
    copied = clip_page.evaluate("navigator.clipboard.readText()")
    assert copied == _published_or_visited(built_url, site_url) + f"problems/coordination/?release={CUT[-1].release.version}#rule-alignment"
    assert "127.0.0.1:8000" not in copied


def test_offline_copy_copies_the_published_address_in_its_published_form(offline_site: Path, built_url: str) -> None:
    import os

    text = (offline_site / "problems" / "coordination.html").read_text(encoding="utf-8")
    copied = re.findall(r'data-clipboard-text="([^"]+)"', text)
    if os.environ.get("SITE_URL"):
        assert f"{built_url}problems/coordination/?release={CUT[-1].release.version}#rule-alignment" in copied
        assert not any(".html" in link for link in copied)
    else:  # no published address: the copy uses the address it is opened from (file://…)
        assert copied == []
    assert not (offline_site / "releases").exists()  # archives are online only


def _with_history(site: Path, version: str) -> list[tuple[str, str]]:
    """(page path, section id) of the zh sections whose history compares release `version` with today."""
    found = []
    for page in sorted(site.glob("**/index.html")):
        relative = page.relative_to(site).as_posix()
        if relative.startswith(("releases/", "en/", "zh-hant/")):
            continue
        blocks = re.findall(r'<details class="hetao-history" id="hetao-history--([a-z0-9-]+)"(.*?)</details>', page.read_text(encoding="utf-8"), re.DOTALL)
        for section, block in blocks:
            if f'data-since="{version}"' in block:
                found.append((relative.removesuffix("index.html"), section))
    return found


@pytest.mark.parametrize("version", [a.release.version for a in CUT[:-1]])
def test_a_section_link_from_an_earlier_release_shows_what_changed_word_by_word(browser, site: Path, site_url: str, version: str) -> None:  # type: ignore[no-untyped-def]
    targets = _with_history(site, version)
    assert targets, f"no section changed since {version}"
    path, section = targets[0]
    page = browser.new_page()
    page.goto(f"{site_url}/{path}?release={version}#{section}")  # what the ¶ of release `version` copied
    notice = page.locator(".hetao-changed-since")
    notice.wait_for()
    diff = notice.locator(".hetao-diff")
    assert diff.is_visible() and diff.locator("del, ins").count() > 0
    stored = page.locator(f"#hetao-history--{section} [data-since='{version}'] .hetao-diff").inner_html()
    assert diff.inner_html() == stored
    # the history under the section: each release it changed in, with its own diff
    history = page.locator(f"#hetao-history--{section}")
    history.locator("summary").click()
    assert history.locator("h4").count() >= 1 and history.locator(".hetao-diff").first.is_visible()
    page.close()


@pytest.mark.parametrize("version", [a.release.version for a in CUT[:-1]])
def test_a_page_link_from_an_earlier_release_lists_the_changed_sections(browser, site: Path, site_url: str, version: str) -> None:  # type: ignore[no-untyped-def]
    path, section = _with_history(site, version)[0]
    page = browser.new_page()
    page.goto(f"{site_url}/{path}?release={version}")  # what the page's Cite button of release `version` gave
    notice = page.locator("article h1 ~ .hetao-changed-since")
    notice.wait_for()
    assert version in notice.inner_text()
    link = notice.locator(f"a[data-section='{section}']")
    assert link.count() == 1
    link.click()
    # What the reader sees: the section's history, open, at the top of the screen. (Not the
    # address's #fragment: Material's navigation.tracking rewrites it to the section in view.)
    wait_until(page, """id => { const e = document.getElementById(id), top = e && e.getBoundingClientRect().top
                               return e && e.open && top >= 0 && top < innerHeight / 2 }""", f"hetao-history--{section}")
    page.close()


def test_a_release_the_site_never_had_gets_a_notice(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.goto(f"{site_url}/en/problems/coordination/?release=2020.01#rule-alignment")
    notice = page.locator(".hetao-changed-since")
    notice.wait_for()
    text = notice.inner_text()
    assert "no release 2020.01" in text and all(a.release.version in text for a in CUT)
    page.close()
