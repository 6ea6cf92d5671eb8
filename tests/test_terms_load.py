"""The term base loader: every kind of bad input stops with one line naming file, entry and field."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest
from support.project import EN, HANT, VARIETIES, ZH, hant_phrases

from hetao_docs.terms import TermBaseError, load_terms, surface_forms

FIXTURES = Path(__file__).parent / "fixtures" / "terms"
BAD_CASES = sorted(p.stem for p in (FIXTURES / "bad").glob("*.yaml"))


def load_fixture(name: str) -> list:
    return load_terms(FIXTURES / name, VARIETIES, display_name=name)


@pytest.mark.parametrize("case", BAD_CASES)
def test_bad_term_base_stops_with_one_line_naming_file_entry_and_field(case: str) -> None:
    # {usages}: the edition table's usages, whatever they are
    expected = (FIXTURES / "bad" / f"{case}.expected").read_text(encoding="utf-8").strip().replace("{usages}", ", ".join(VARIETIES.usages))
    with pytest.raises(TermBaseError) as raised:
        load_fixture(f"bad/{case}.yaml")
    message = str(raised.value)
    assert message == expected
    assert "\n" not in message
    assert message.startswith(f"bad/{case}.yaml:")
    assert "term '" in message
    if case != "malformed":  # a syntax error has no field, only the entry above it
        assert "field '" in message


def test_every_required_bad_input_has_a_fixture() -> None:
    required = {
        "malformed", "missing_definition_en", "missing_en", "duplicate_id", "duplicate_zh", "bad_id",
        "unknown_related", "empty_definition", "markup_definition",
    }
    assert required <= set(BAD_CASES)


def test_all_problems_are_reported_one_line_each(tmp_path: Path) -> None:
    text = (FIXTURES / "valid.yaml").read_text(encoding="utf-8")
    text = text.replace("related: [negative-list]", "related: [nope]", 1)
    text = text.replace("zh: 数据信托\n    pinyin: shù jù xìn tuō", "zh: 白名单\n    pinyin: bái míng dān")
    (tmp_path / "terms.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(TermBaseError) as raised:
        load_terms(tmp_path / "terms.yaml", VARIETIES, display_name="terms.yaml")
    assert raised.value.problems == [
        "terms.yaml:8: term 'whitelist': field 'related[0]': unknown term id 'nope'",
        "terms.yaml:71: term 'data-trust': field 'zh': duplicate Simplified form '白名单' (already used by term 'whitelist')",
    ]


def test_missing_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(TermBaseError, match=r"^x\.yaml:1: the term base file is missing$"):
        load_terms(tmp_path / "x.yaml", VARIETIES, display_name="x.yaml")


def test_valid_base_derives_traditional_and_pinyin_and_keeps_overrides() -> None:
    terms = {t.id: t for t in load_fixture("valid.yaml")}
    assert terms["whitelist"].zh_hant == "白名單"
    assert terms["whitelist"].pinyin == "bái míng dān"
    assert terms["data-trust"].pinyin == "shù jù xìn tuō"  # override kept as written
    assert terms["cross-border-data"].aliases_hant == ("跨境數據",)
    assert terms["whitelist"].line == 3
    # A folded line break inside Chinese text leaves no space behind.
    assert terms["cross-border-data-negative-list"].definition_zh == "针对数据跨境的负面清单，清单外的数据可自由流动。"


def test_hant_phrases_maps_every_simplified_form() -> None:
    phrases = hant_phrases(load_fixture("valid.yaml"))
    assert phrases["数据跨境负面清单"] == "數據跨境負面清單"
    assert phrases["跨境数据"] == "跨境數據"
    assert len(phrases) == 7


def test_surface_forms_per_edition() -> None:
    terms = load_fixture("valid.yaml")
    assert surface_forms(terms, ZH)["cross-border-data"] == ("数据跨境", "跨境数据")
    assert surface_forms(terms, HANT)["cross-border-data"] == ("數據跨境", "跨境數據")
    assert surface_forms(terms, EN)["whitelist"] == ("whitelist", "white list")


def test_disk_cache_serves_only_the_same_term_base_and_survives_damage(tmp_path: Path) -> None:
    from hetao_docs.terms import load as loader

    cache = tmp_path / "cache"
    source = (FIXTURES / "valid.yaml").read_text(encoding="utf-8")
    first, edited = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text(source, encoding="utf-8")
    edited.write_text(source.replace("white list", "white-list"), encoding="utf-8")
    loader._terms.cache_clear()
    original = load_terms(first, VARIETIES, cache_dir=cache)
    assert (cache / "terms.pickle").is_file()
    loader._terms.cache_clear()
    with mock.patch.object(loader, "_parse_and_validate", side_effect=AssertionError("validated again")):
        assert load_terms(first, VARIETIES, cache_dir=cache) == original  # from the disk cache
    loader._terms.cache_clear()
    assert load_terms(edited, VARIETIES, cache_dir=cache) != original  # another text: loaded again, never the cached one
    (cache / "terms.pickle").write_bytes(b"not a pickle")
    loader._terms.cache_clear()
    assert load_terms(first, VARIETIES, cache_dir=cache) == original
    bad = tmp_path / "bad.yaml"
    bad.write_text("terms: [\n", encoding="utf-8")
    with pytest.raises(TermBaseError):
        load_terms(bad, VARIETIES, cache_dir=cache)
    loader._terms.cache_clear()
