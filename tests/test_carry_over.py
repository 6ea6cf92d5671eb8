"""The published archives carried between serve rebuilds (carry_over.py): reused only under the
key they were published from, and never when they were kept only in part."""

from __future__ import annotations

from pathlib import Path

import pytest

from hetao_docs import carry_over
from hetao_docs.kept import inputs_key


def _published(folder: Path) -> Path:
    (folder / "2026.12" / "en").mkdir(parents=True)
    (folder / "2026.12" / "en" / "index.html").write_text("archived", encoding="utf-8")
    return folder


def test_a_kept_tree_is_linked_in_under_its_key_only(tmp_path: Path) -> None:
    carry, source = tmp_path / "carry", _published(tmp_path / "published")
    key = inputs_key([b"a", b"bc"])
    assert key != inputs_key([b"ab", b"c"])  # the parts' boundaries count
    assert not carry_over.reuse(carry, key, tmp_path / "nothing")  # nothing kept yet
    carry_over.keep(carry, key, source)
    assert not carry_over.reuse(carry, inputs_key([b"other"]), tmp_path / "other")
    assert not (tmp_path / "other").exists()
    assert carry_over.reuse(carry, key, tmp_path / "site" / "releases")
    linked = tmp_path / "site" / "releases" / "2026.12" / "en" / "index.html"
    assert linked.read_text(encoding="utf-8") == "archived"
    assert linked.stat().st_ino == (source / "2026.12" / "en" / "index.html").stat().st_ino  # a link, not a copy


def test_a_tree_kept_in_part_is_not_reused(tmp_path: Path) -> None:
    carry, source = tmp_path / "carry", _published(tmp_path / "published")
    key = inputs_key([b"x"])
    carry_over.keep(carry, key, source)
    (carry / "key").unlink()  # as if keeping it had stopped half way (the key is written last)
    assert not carry_over.reuse(carry, key, tmp_path / "site")


def test_only_serve_gives_a_carry_over_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(carry_over.CARRY_ENV, raising=False)
    assert carry_over.folder() is None
    monkeypatch.setenv(carry_over.CARRY_ENV, "/tmp/carry")
    assert carry_over.folder() == Path("/tmp/carry")
