"""The site-wide steps keep their per-file results by content (kept.py): the side-by-side pages,
and the last pass's page policy hashes, `.gz` copies and page indexes (site_finish.py). A second
build with the same files computes none of them again, and writes what a build without the kept
results writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_side_by_side import EN, TEXTS, ZH

from hetao_docs import linkcheck, page_policy, serving, side_by_side
from hetao_docs.side_by_side import EditionPages
from hetao_docs.site_finish import Finish, finish_folder

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


EVERYTHING = Finish(policy=True, compress=True, index=True)


def test_policy_gz_copies_and_index_are_the_same_kept_or_not_and_kept_ones_are_not_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    plain, first, second = (_site(tmp_path / name) for name in ("plain", "first", "second"))
    kept = tmp_path / "kept"
    found = finish_folder(plain, EVERYTHING)
    assert finish_folder(first, EVERYTHING, kept) == found
    assert _files(first) == _files(plain) and "a/index.html.gz" in _files(plain)
    monkeypatch.setattr(page_policy, "inline_hashes", _fail)
    monkeypatch.setattr(serving, "gzip_copy", _fail)
    monkeypatch.setattr(linkcheck, "parse_page", _fail)
    assert finish_folder(second, EVERYTHING, kept) == found
    assert _files(second) == _files(plain)
    index = linkcheck.SiteIndex(second, pages=found.pages)
    assert index.files.keys() == {"index.html", "a/index.html"} and index.resolve_problem("a/", "x") is None


def test_side_by_side_pages_are_the_same_kept_or_not(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    editions = [EditionPages("zh", "", "zh-Hans", "简体中文", TEXTS, "查看"), EditionPages("en", "en/", "en", "English", TEXTS, "See")]

    def built(name: str, kept_in: Path | None) -> dict[str, bytes]:
        site = tmp_path / name
        for path, page in (("problems/coordination/index.html", ZH), ("en/problems/coordination/index.html", EN)):
            (site / path).parent.mkdir(parents=True, exist_ok=True)
            (site / path).write_text(page, encoding="utf-8")
        written = side_by_side.write_all(site, editions, [("zh", "en")], ["problems/coordination.md"], True, kept_in)
        assert {path.relative_to(site).as_posix() for path in written} == {  # one pair, hosted by each of its editions
            "problems/coordination/index.html", "en/problems/coordination/index.html",  # the pages, given their pair links
            "side-by-side/zh-en/problems/coordination/index.html", "en/side-by-side/zh-en/problems/coordination/index.html",
        }
        return _files(site)

    plain = built("plain", None)
    assert built("first", tmp_path / "kept") == plain
    monkeypatch.setattr(side_by_side, "combine", _fail)
    assert built("second", tmp_path / "kept") == plain
    shutil.rmtree(tmp_path / "second")
    with pytest.raises(pytest.fail.Exception):
        built("second", None)  # not kept: combined again
