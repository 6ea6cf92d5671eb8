"""The site builder's assembly (hetao_docs/site_builder.py), without building: each edition's
folder under its prefix, the site's parts on top, two writers of one path an error, and the
editions' fingerprints merged in the one file a release cut reads. The builds themselves are the
site tier's (`site` fixture, tests/test_build_atomic.py, tests/test_serve.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.project import EDITIONS

from hetao_docs import site_builder


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _scratch(tmp_path: Path) -> Path:
    scratch = tmp_path / "scratch"
    for edition in EDITIONS:
        _write(scratch / edition.code / "index.html", edition.code)
        _write(scratch / edition.code / "downloads" / "terms.csv", edition.code)
    _write(scratch / "site" / "robots.txt", "robots")
    _write(scratch / "site" / "downloads" / "hetao-offline.zip", "zip")
    return scratch


def test_each_edition_goes_under_its_prefix_and_the_sites_parts_on_top(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site_builder._assemble(_scratch(tmp_path), list(EDITIONS), site)
    for edition in EDITIONS:
        assert (site / edition.prefix / "index.html").read_text(encoding="utf-8") == edition.code
        assert (site / edition.prefix / "downloads" / "terms.csv").read_text(encoding="utf-8") == edition.code
    assert (site / "robots.txt").read_text(encoding="utf-8") == "robots"
    assert (site / "downloads" / "hetao-offline.zip").read_text(encoding="utf-8") == "zip"  # merged into the primary's folder


def test_the_shares_of_the_sites_parts_merge_into_one_releases_folder(tmp_path: Path) -> None:
    scratch = _scratch(tmp_path)
    _write(scratch / "site" / "releases" / "1.0" / "index.html", "1.0")
    _write(scratch / "site" / "releases" / "index.html", "every release")
    _write(scratch / "site-1" / "releases" / "1.1" / "index.html", "1.1")
    site = tmp_path / "site"
    site_builder._assemble(scratch, list(EDITIONS), site, shares=2)
    assert sorted(path.relative_to(site / "releases").as_posix() for path in (site / "releases").rglob("*.html")) == [
        "1.0/index.html", "1.1/index.html", "index.html",
    ]
    assert (site / "robots.txt").is_file()


def test_a_path_written_by_an_edition_and_by_the_sites_parts_fails(tmp_path: Path) -> None:
    scratch = _scratch(tmp_path)
    _write(scratch / "site" / "index.html", "parts")
    with pytest.raises(site_builder.SiteBuildError, match=r"index\.html is written twice"):
        site_builder._assemble(scratch, list(EDITIONS), tmp_path / "site")


def test_the_editions_fingerprints_are_merged_for_the_release_cut(tmp_path: Path) -> None:
    parts = []
    for edition in EDITIONS:
        part = tmp_path / f"{edition.code}.fingerprints.json"
        part.write_text(json.dumps({"editions": {edition.code: {"index.md": {"": "x"}}}, "parents": {edition.code: {"index.md": {"a": ""}}}}),
                        encoding="utf-8")
        parts.append(part)
    target = tmp_path / "fingerprints.json"
    site_builder._merge_fingerprints(parts, target)
    merged = json.loads(target.read_text(encoding="utf-8"))
    assert sorted(merged) == ["editions", "parents"]
    assert sorted(merged["editions"]) == sorted(merged["parents"]) == sorted(EDITIONS.codes)
