"""The site's last pass (site_finish.py): each build process passes over its own folder, the site
builder over what it wrote after them, and the merged result is what one pass over the assembled
site would have found."""

from __future__ import annotations

import shutil
from pathlib import Path

from hetao_docs.page_policy import source_hash
from hetao_docs.site_finish import Finish, Finished, finish_files, finish_folder

EVERYTHING = Finish(policy=True, compress=True, index=True)
PAGE = '<html><head><meta charset="utf-8"><script>{script}</script></head><body><h1 id="{id}">T</h1>{body}</body></html>'


def _page(path: Path, script: str, anchor: str = "top", body: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PAGE.format(script=script, id=anchor, body=body + "<p>text</p>" * 40), encoding="utf-8")


def _files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def _edition_and_parts(root: Path) -> None:
    _page(root / "en" / "index.html", "var en = 1;")
    _page(root / "en" / "404.html", "var missing = 1;")
    _page(root / "releases" / "1.0" / "index.html", "var old = 1;", "old")
    (root / "robots.txt").write_text("User-agent: *\n" * 30, encoding="utf-8")


def test_passes_over_parts_then_over_rewritten_files_equal_one_pass_over_the_whole(tmp_path: Path) -> None:
    whole, parts = tmp_path / "whole", tmp_path / "parts"
    _edition_and_parts(whole)
    shutil.copytree(whole, parts)
    # the whole site, once: what the site builder did before
    _page(whole / "en" / "404.html", "var portable = 1;", body='<a href="index.html#top">home</a>')
    once = finish_folder(whole, EVERYTHING)
    # each folder on its own, then the one file rewritten after them, passed over again
    merged = Finished()
    merged.merge(finish_folder(parts / "en", EVERYTHING), "en/")
    merged.merge(finish_folder(parts / "releases", EVERYTHING), "releases/")
    merged.merge(finish_files(parts, [parts / "robots.txt"], EVERYTHING))
    _page(parts / "en" / "404.html", "var portable = 1;", body='<a href="index.html#top">home</a>')
    merged.merge(finish_files(parts, [parts / "en" / "404.html"], EVERYTHING))
    assert _files(parts) == _files(whole)
    assert merged == once
    assert merged.site_policy() == once.site_policy()
    # the rewritten page's first script is no longer allowed; the new one is, and the pages' are
    assert source_hash("var missing = 1;") not in merged.site_policy()
    assert all(source_hash(script) in merged.site_policy() for script in ("var portable = 1;", "var en = 1;", "var old = 1;"))
    assert merged.pages["en/404.html"].ids == {"top"} and "releases/1.0/index.html" in merged.pages


def test_a_second_pass_changes_nothing(tmp_path: Path) -> None:
    _edition_and_parts(tmp_path)
    first = finish_folder(tmp_path, EVERYTHING)
    files = _files(tmp_path)
    assert finish_folder(tmp_path, EVERYTHING) == first
    assert _files(tmp_path) == files
    assert _files(tmp_path)["en/index.html"].count(b"Content-Security-Policy") == 1


def test_a_pass_does_only_what_it_is_asked(tmp_path: Path) -> None:
    _edition_and_parts(tmp_path)
    before = _files(tmp_path)
    assert not Finish()
    found = finish_folder(tmp_path, Finish(index=True))
    assert _files(tmp_path) == before and not found.hashes and found.pages.keys() == {
        "en/index.html", "en/404.html", "releases/1.0/index.html",
    }
    finish_folder(tmp_path, Finish(policy=True))
    assert not list(tmp_path.rglob("*.gz"))
    finish_folder(tmp_path, Finish(compress=True))
    assert {path.name for path in tmp_path.rglob("*.gz")} == {"index.html.gz", "404.html.gz", "robots.txt.gz"}


def test_what_a_process_found_is_read_back_by_the_builder(tmp_path: Path) -> None:
    _edition_and_parts(tmp_path)
    found = finish_folder(tmp_path, EVERYTHING)
    found.save(tmp_path / "en.finished.pickle")
    assert Finished.load(tmp_path / "en.finished.pickle") == found
