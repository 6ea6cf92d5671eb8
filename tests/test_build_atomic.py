"""A failed build never touches the live site/ (hetao_docs.hosting_build, `docs.py build`)."""

from __future__ import annotations

import re
import subprocess
import threading
from pathlib import Path

import pytest
from conftest import PYTHON, EarlyBuilds, docs_py, output
from support.edits import append_markdown

from hetao_docs.hosting_build import build_into_place, discard_later, swap_into_place

BROKEN_LINK = (
    "WARNING -  Doc file 'background.md' contains a link '{link}', but the target is not found among documentation files."
)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(".site-staging"))


def _write_site(marker: str):  # type: ignore[no-untyped-def]
    def build(staging: Path) -> bool:
        staging.mkdir()
        (staging / "index.html").write_text(marker, encoding="utf-8")
        return True

    return build


def test_successful_build_replaces_the_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert build_into_place(site, _write_site("one"))
    assert build_into_place(site, _write_site("two"))
    assert _snapshot(site) == {"index.html": b"two"}
    assert _leftovers(tmp_path) == []


def test_failed_or_incomplete_build_leaves_the_site_untouched(tmp_path: Path) -> None:
    site = tmp_path / "site"
    build_into_place(site, _write_site("live"))

    def fails_half_way(staging: Path) -> bool:
        (staging / "assets").mkdir(parents=True)
        (staging / "assets" / "half.css").write_text("x", encoding="utf-8")
        return False

    def writes_no_index(staging: Path) -> bool:
        staging.mkdir()
        return True

    def raises(staging: Path) -> bool:
        staging.mkdir()
        raise RuntimeError("crash")

    assert not build_into_place(site, fails_half_way)
    assert not build_into_place(site, writes_no_index)
    with pytest.raises(RuntimeError, match=r"^crash$"):
        build_into_place(site, raises)
    assert _snapshot(site) == {"index.html": b"live"}
    assert _leftovers(tmp_path) == []


def test_swap_into_a_missing_site(tmp_path: Path) -> None:
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "index.html").write_text("n", encoding="utf-8")
    swap_into_place(tmp_path / "new", tmp_path / "site")
    assert _snapshot(tmp_path / "site") == {"index.html": b"n"}


def _docs_build(project: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return docs_py(project, "build", *options)


def _built_with_an_offline_zip(project: Path) -> list[str]:
    """A copy of the project: its `docs.py build --offline-zip` into its site/."""
    offline_zip = project.parent / "offline.zip"  # stands in for `docs.py offline` output
    offline_zip.write_bytes(b"PK\x05\x06" + bytes(18))
    return [PYTHON, "scripts/docs.py", "build", "--offline-zip", str(offline_zip)]


EARLY_BUILDS = {"built_project": _built_with_an_offline_zip}  # the first build runs in the background while earlier tests run (conftest.py)


@pytest.fixture
def built_project(early_build: EarlyBuilds) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """A copy of the project built with `docs.py build --offline-zip` (EARLY_BUILDS), and how that went."""
    return early_build.project("built_project"), early_build.result("built_project")


def test_a_failed_docs_build_keeps_the_previous_site(built_project: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    project, first = built_project
    offline_zip = project.parent / "offline.zip"
    assert first.returncode == 0, output(first)
    site = project / "site"
    for edition in ("", "en", "zh-hant"):
        assert (site / edition / "index.html").is_file()
        source_page = (site / edition / "source" / "index.html").read_text(encoding="utf-8")
        href = re.search(r'<a href="([^"]+hetao-offline\.zip)" download>', source_page).group(1)
        assert (site / edition / "source" / href).resolve() == (site / "downloads" / "hetao-offline.zip").resolve()
    assert (site / "downloads" / "hetao-offline.zip").read_bytes() == offline_zip.read_bytes()
    before = _snapshot(site)

    # A page of the primary edition the plugin refuses (it stops the build at once).
    page = project / "docs" / "zh" / "background.md"
    original = page.read_text(encoding="utf-8")
    line = append_markdown(page, "## 没有编号的小节\n\n正文。\n")
    second = _docs_build(project)
    assert second.returncode != 0
    lines = second.stderr.splitlines()
    assert f"ERROR   -  docs/zh/background.md:{line}: heading '没有编号的小节' has no explicit ASCII {{ #id }}" in lines, second.stderr
    assert f"build: the build failed; {site} was left as it was" in lines
    assert _snapshot(site) == before
    assert _leftovers(project) == []

    # A strict-mode warning in any edition (each builds in its own process) fails the whole build.
    page.write_text(original, encoding="utf-8")
    english = project / "docs" / "en" / "background.md"
    english.write_text(english.read_text(encoding="utf-8") + "\n\n[broken](no-such-page.md)\n", encoding="utf-8")
    third = _docs_build(project)
    assert third.returncode != 0
    lines = third.stderr.splitlines()
    assert BROKEN_LINK.format(link="no-such-page.md") in lines, third.stderr
    assert "ERROR   -  mkdocs.en.yml: the en edition failed to build: Aborted with 1 warnings in strict mode!" in lines
    assert _snapshot(site) == before
    assert _leftovers(project) == []


def test_under_serve_the_previous_site_is_deleted_aside_and_its_name_is_free_at_once(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert build_into_place(site, _write_site("one"), discard_later)
    assert build_into_place(site, _write_site("two"), discard_later)
    assert _snapshot(site) == {"index.html": b"two"}
    assert all(n.startswith(".site-staging-discarded-") for n in _leftovers(tmp_path))  # at most the one being deleted
    for thread in [t for t in threading.enumerate() if t.name == "discard-site"]:
        thread.join(timeout=30)
    assert _leftovers(tmp_path) == []
    assert build_into_place(site, _write_site("three"), discard_later)  # again, with the same staging name
    assert _snapshot(site) == {"index.html": b"three"}
