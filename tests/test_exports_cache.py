"""The term base's downloads kept on disk between builds (terms/build.py, `use_exports_folder`):
the editions' build processes and every serve rebuild reuse them while their inputs are the same."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hetao_docs.chinese import edition_conversions
from hetao_docs.editions import load_editions
from hetao_docs.terms import build, load_terms

ROOT = Path(__file__).resolve().parent.parent


def test_the_downloads_are_made_once_per_inputs_and_read_back_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    editions = load_editions(ROOT / "data" / "editions.yml", "data/editions.yml")
    edition = editions.primary
    terms = tuple(load_terms(ROOT / "data" / "terms.yaml", edition.varieties, display_name="data/terms.yaml", cache_dir=tmp_path / "terms"))
    model = build.variety_model(terms, edition, edition_conversions(editions, ROOT))
    day = datetime.date(2026, 12, 7)
    made: list[str] = []
    real = build.export_files

    def counted(*args: object, **kwargs: object) -> dict[str, str | bytes]:
        made.append(str(args[3] if len(args) > 3 else kwargs.get("site_root")))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(build, "export_files", counted)
    monkeypatch.setattr(build, "_exports_folder", [])  # this test's folder, for this test only
    build.use_exports_folder(tmp_path / "cache")
    first = build._exports_from_disk(terms, day, model, "https://example.org/hetao/")
    assert first == real(terms, day, model, "https://example.org/hetao/")
    assert build._exports_from_disk(terms, day, model, "https://example.org/hetao/") == first  # from the disk copy
    assert made == ["https://example.org/hetao/"]
    other = build._exports_from_disk(terms, day, model, "https://example.net/")  # another input: made again
    assert made == ["https://example.org/hetao/", "https://example.net/"] and other != first
    (tmp_path / "cache" / build.EXPORTS_CACHE).write_bytes(b"not a pickle")
    assert build._exports_from_disk(terms, day, model, "https://example.net/") == other
    assert len(made) == 3


def test_the_key_is_the_same_in_every_process() -> None:
    """Each build process hashes strings with a seed of its own, so a set's order differs from one to
    the next: the key spells sets sorted, and every edition and every later build finds the copy.
    (Small ints that collide in the set's table show the same effect within one process, whatever
    the seed: 1, 9 and 17 share a slot of an 8-slot table, so the order they went in is kept.)"""
    one, other = frozenset([1, 9, 17, "家"]), frozenset(["家", 17, 9, 1])
    assert [v for v in one if v != "家"] != [v for v in other if v != "家"]  # the same set, iterated in another order
    assert build._canonical(one) == build._canonical(other)
    assert build._canonical({"a": one}) == build._canonical({"a": other})
    with pytest.raises(TypeError):
        build._canonical(object())  # not spelled: the downloads are then made, not kept


def test_the_real_inputs_give_one_key_under_two_hash_seeds() -> None:
    script = (
        "import datetime, sys; from pathlib import Path; sys.path.insert(0, sys.argv[1])\n"
        "from hetao_docs.chinese import edition_conversions\nfrom hetao_docs.editions import load_editions\n"
        "from hetao_docs.terms import build, load_terms\nroot = Path(sys.argv[1]); e = load_editions(root / 'data/editions.yml')\n"
        "terms = tuple(load_terms(root / 'data/terms.yaml', e.primary.varieties))\n"
        "model = build.variety_model(terms, e.primary, edition_conversions(e, root))\n"
        "print(build._exports_key(terms, datetime.date(2026, 12, 7), model, 'https://example.org/'))\n"
    )
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(ROOT)], env={**os.environ, "PYTHONHASHSEED": seed},
            stdout=subprocess.PIPE, text=True,
        )
        for seed in ("1", "2")
    ]
    keys = {run.communicate()[0].strip() for run in runs}
    assert [run.returncode for run in runs] == [0, 0]
    assert len(keys) == 1 and "" not in keys
