"""The site-wide steps after the editions keep their per-file results by content (kept.py): the
side-by-side pages, the page policy's hashes, the `.gz` copies and the contract check's page
indexes. A second build with the same files computes none of them again, and writes what a build
without the kept results writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_side_by_side import EN, TEXTS, ZH

from hetao_docs import linkcheck, page_policy, serving, side_by_side
from hetao_docs.side_by_side import EditionPages

PAGE = '<html><head><meta charset="utf-8"><script>var a = 1;</script><style>p{}</style></head><body>{body}</body></html>'


def _site(folder: Path) -> Path:
    for path, body in (("index.html", '<h1 id="top">Top</h1><a href="a/#x">a</a>'), ("a/index.html", '<p id="x">x</p>' * 60)):
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(PAGE.replace("{body}", body), encoding="utf-8")
    (folder / "search.json").write_text('{"docs": []}' * 40, encoding="utf-8")
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def _fail(*args: object, **kwargs: object) -> object:
    pytest.fail("computed again, though kept")


def test_policy_and_gz_copies_are_the_same_kept_or_not_and_kept_ones_are_not_made_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain, first, second = (_site(tmp_path / name) for name in ("plain", "first", "second"))
    kept = tmp_path / "kept"
    serving.finish_site(plain, "https://example.org/hetao/", hosted=True)
    serving.finish_site(first, "https://example.org/hetao/", hosted=True, kept_in=kept)
    assert _files(first) == _files(plain) and "a/index.html.gz" in _files(plain)
    monkeypatch.setattr(page_policy, "inline_hashes", _fail)
    monkeypatch.setattr(serving, "_gzip", _fail)
    serving.finish_site(second, "https://example.org/hetao/", hosted=True, kept_in=kept)
    assert _files(second) == _files(plain)


def test_page_indexes_are_the_same_kept_or_not(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _site(tmp_path / "site")
    plain = linkcheck.SiteIndex(site)
    assert linkcheck.SiteIndex(site, kept_in=tmp_path / "kept").files == plain.files
    monkeypatch.setattr(linkcheck, "parse_page", _fail)
    again = linkcheck.SiteIndex(site, kept_in=tmp_path / "kept")
    assert again.files == plain.files and again.resolve_problem("a/", "x") is None


def test_side_by_side_pages_are_the_same_kept_or_not(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    editions = [EditionPages("zh", "", "zh-Hans", "简体中文", TEXTS, "查看"), EditionPages("en", "en/", "en", "English", TEXTS, "See")]

    def built(name: str, kept_in: Path | None) -> dict[str, bytes]:
        site = tmp_path / name
        for path, page in (("problems/coordination/index.html", ZH), ("en/problems/coordination/index.html", EN)):
            (site / path).parent.mkdir(parents=True, exist_ok=True)
            (site / path).write_text(page, encoding="utf-8")
        written = side_by_side.write_all(site, editions, [("zh", "en")], ["problems/coordination.md"], True, kept_in)
        assert written == 2  # one pair, hosted by each of its editions
        return _files(site)

    plain = built("plain", None)
    assert built("first", tmp_path / "kept") == plain
    monkeypatch.setattr(side_by_side, "combine", _fail)
    assert built("second", tmp_path / "kept") == plain
    shutil.rmtree(tmp_path / "second")
    with pytest.raises(pytest.fail.Exception):
        built("second", None)  # not kept: combined again
