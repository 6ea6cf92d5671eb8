"""The JavaScript unit tier's case tables are made again exactly when what they are made from changes."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

MAKE_CASES = Path(__file__).resolve().parent / "js" / "make_cases.py"


def make_cases() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_cases", MAKE_CASES)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_inputs_hash_follows_every_input_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cases = make_cases()
    assert {"hetao_docs", "docs", "data", "tests/support", "tests/js/make_cases.py"} <= set(cases.INPUTS)
    (tmp_path / "data" / "strings").mkdir(parents=True)
    (tmp_path / "data" / "terms.yaml").write_text("terms: []\n", encoding="utf-8")
    (tmp_path / "script.py").write_text("x = 1\n", encoding="utf-8")
    monkeypatch.setattr(cases, "ROOT", tmp_path)
    monkeypatch.setattr(cases, "INPUTS", ("data", "script.py", "absent"))
    first = cases.inputs_hash()
    assert cases.inputs_hash() == first
    out = tmp_path / "out"
    out.mkdir()
    assert not cases.up_to_date(out, first)
    (out / cases.STAMP).write_text(first, encoding="utf-8")
    assert cases.up_to_date(out, first)
    hashes = {first}
    for edit in (
        lambda: (tmp_path / "data" / "terms.yaml").write_text("terms: [x]\n", encoding="utf-8"),  # a file's text
        lambda: (tmp_path / "data" / "strings" / "en.yml").write_text("", encoding="utf-8"),  # a new file, even empty
        lambda: (tmp_path / "script.py").write_text("x = 2\n", encoding="utf-8"),  # a single file named
        lambda: (tmp_path / "data" / "strings" / "en.yml").rename(tmp_path / "data" / "strings" / "zh.yml"),  # a name
    ):
        edit()
        hashes.add(cases.inputs_hash())
        assert not cases.up_to_date(out, cases.inputs_hash())
    assert len(hashes) == 5

