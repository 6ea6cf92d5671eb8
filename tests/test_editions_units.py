"""hetao_docs.editions on its own: the edition table, the URLs between editions, missing pages."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from hetao_docs import editions
from hetao_docs.editions import EditionError, load_editions

ROOT = Path(__file__).resolve().parent.parent
EDITIONS = load_editions(ROOT / "data" / "editions.yml")

ENTRY = """\
  - code: {code}
    config: mkdocs.{code}.yml
    docs_dir: docs/{code}
    prefix: "{prefix}"
    theme_language: en
    lang: {code}
    og_locale: en_US
    label: {code}
    language: en
    script: Latn
    usage: general
"""


USAGES = "usages:\n  - name: general\n    everywhere: true\n"


def table(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "editions.yml"
    path.write_text(USAGES + text if text.startswith("editions:") else text, encoding="utf-8")
    return path


def test_every_edition_has_its_properties_from_the_table() -> None:
    codes = EDITIONS.codes
    assert EDITIONS.primary.code == codes[0] and [e.code for e in EDITIONS.siblings] == list(codes[1:])
    varieties = EDITIONS.primary.varieties
    for edition in EDITIONS:
        source = EDITIONS.source_of(edition)
        assert edition.varieties == varieties and edition.form_lang == edition.lang
        assert edition.usage in varieties.usages
        assert (source is edition) == (edition.conversion is None) == (not edition.is_traditional)
        if edition.is_traditional:
            assert (edition.lang, edition.conversion) in varieties.converted
            assert edition.traditional_lang == edition.lang
    assert varieties.langs == (varieties.source, *(lang for lang, _ in varieties.converted), varieties.english)
    assert sum(usage.everywhere for usage in EDITIONS.primary.usages) == 1


def test_another_edition_is_one_entry(tmp_path: Path) -> None:
    data = yaml.safe_load((ROOT / "data" / "editions.yml").read_text(encoding="utf-8"))
    data["editions"] += yaml.safe_load(ENTRY.format(code="fr", prefix="fr/"))
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    assert load_editions(table(tmp_path, text)).codes == (*EDITIONS.codes, "fr")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("editions: []\n", "t.yml: 'editions' must be a non-empty list"),
        ("editions:\n" + ENTRY.format(code="zh", prefix="").replace("    label: zh\n", ""),
         "t.yml: edition 'zh': field 'label': missing"),
        ("editions:\n" + ENTRY.format(code="zh", prefix="") + "    colour: red\n",
         "t.yml: edition 'zh': field 'colour': unknown (allowed: code, config, docs_dir, prefix, theme_language, "
         "lang, og_locale, label, language, script, usage, converted_from, conversion)"),
        ("editions:\n" + ENTRY.format(code="zh", prefix="").replace("language: en", "language: fr"),
         "t.yml: edition 'zh': field 'language': 'fr' is not one of: zh, en"),
        ("editions:\n" + ENTRY.format(code="zh", prefix="zh/"),
         "t.yml: edition 'zh': field 'prefix': the primary (first) edition lives at the root: ''"),
        ("editions:\n" + ENTRY.format(code="zh", prefix="") + ENTRY.format(code="en", prefix="en"),
         "t.yml: edition 'en': field 'prefix': 'en' must be empty or a relative folder ending in '/'"),
        ("editions:\n" + ENTRY.format(code="zh", prefix="") + ENTRY.format(code="zh", prefix="x/"),
         "t.yml: edition 'zh': field 'code': 'zh' is also edition 'zh''s"),
        ("editions:\n" + ENTRY.format(code="zh", prefix="") + ENTRY.format(code="en", prefix="en/")
         + "    converted_from: fr\n    conversion: {opencc: x}\n",
         "t.yml: edition 'en': field 'converted_from': 'fr' is not an edition with pages of its own"),
        ("editions:\n" + ENTRY.format(code="zh", prefix="") + ENTRY.format(code="en", prefix="en/") + "    converted_from: zh\n",
         "t.yml: edition 'en': field 'conversion': an edition converted from another names its conversion, and only such an edition"),
        ("editions:\n" + ENTRY.format(code="zh", prefix="").replace("usage: general", "usage: taiwan"),
         "t.yml: edition 'zh': field 'usage': 'taiwan' is not one of the table's usages: general"),
        ("usages: [{name: a}]\neditions:\n" + ENTRY.format(code="zh", prefix=""),
         "t.yml: usages: exactly one must be 'everywhere: true' (the usage of forms no jurisdiction owns)"),
    ],
)
def test_bad_table_is_one_line_naming_file_edition_and_field(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(EditionError) as error:
        load_editions(table(tmp_path, text), "t.yml")
    assert message in str(error.value).splitlines()


@pytest.mark.parametrize(
    ("pairs", "message"),
    [
        ([["zh", "fr"]], "t.yml: side_by_side pair 1: edition must be one of {codes}, not 'fr'"),
        ([["zh", "zh"]], "t.yml: side_by_side pair 1: must be two different edition codes, as [zh, en]"),
        ([["zh", "en"], ["en", "zh"]], "t.yml: side_by_side pair 2: [en, zh] is listed twice"),
        ("zh-en", "t.yml: 'side_by_side' must be a list of pairs of edition codes"),
    ],
)
def test_a_bad_side_by_side_pair_is_one_line(tmp_path: Path, pairs: object, message: str) -> None:
    data = yaml.safe_load((ROOT / "data" / "editions.yml").read_text(encoding="utf-8"))
    data["side_by_side"] = pairs
    with pytest.raises(EditionError) as error:
        load_editions(table(tmp_path, yaml.safe_dump(data, allow_unicode=True, sort_keys=False)), "t.yml")
    assert str(error.value) == message.format(codes=", ".join(EDITIONS.codes))


def test_the_side_by_side_pairs_are_the_tables() -> None:
    assert EDITIONS.side_by_side and all(len(set(pair)) == 2 and set(pair) <= set(EDITIONS.codes) for pair in EDITIONS.side_by_side)


def test_unknown_edition_code_is_named() -> None:
    with pytest.raises(EditionError) as error:
        EDITIONS.get("fr", "mkdocs.yml: plugins.hetao.edition")
    assert str(error.value) == f"mkdocs.yml: plugins.hetao.edition: edition must be one of {', '.join(EDITIONS.codes)}, not 'fr'"


def test_missing_page_is_one_line_naming_the_file(tmp_path: Path) -> None:
    for path in ("docs/zh/index.md", "docs/zh/problems/coordination.md", "docs/en/index.md", "docs/en/extra.md"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("# x\n", encoding="utf-8")
    assert editions.missing_pages(tmp_path, EDITIONS) == [
        "docs/en/problems/coordination.md: missing; the en edition needs every page of docs/zh",
        "docs/en/extra.md: no original docs/zh/extra.md; every edition has the same pages",
    ]


@pytest.mark.parametrize(
    ("target", "source", "expected"),
    [
        ("problems/coordination/", "en/problems/coordination/", "../../../problems/coordination/"),
        ("en/", "", "en/"),
        ("", "zh-hant/", "../"),
        ("", "", "./"),
        ("zh-hant/problems/a.html", "problems/a.html", "../zh-hant/problems/a.html"),
    ],
)
def test_relative_url(target: str, source: str, expected: str) -> None:
    assert editions.relative_url(target, source) == expected


def test_site_root_from_each_edition() -> None:
    zh, en = EDITIONS.get("zh"), EDITIONS.get("en")
    assert editions.site_root("https://example.org/hetao/en/", en) == "https://example.org/hetao/"
    assert editions.site_root("https://example.org/hetao/", zh) == "https://example.org/hetao/"
    with pytest.raises(EditionError, match="does not end in /en/"):
        editions.site_root("https://example.org/hetao/", en)


def test_switcher_hreflang_and_same_page_links() -> None:
    zh, en, hant = EDITIONS.get("zh"), EDITIONS.get("en"), EDITIONS.get("zh-hant")
    roots = editions.switcher_roots(EDITIONS, "https://x.org/s/")
    assert len(roots) == len(EDITIONS) and roots[:3] == [  # the table's order; more editions after these
        {"name": "简体中文", "link": "/s/", "lang": "zh-Hans"},
        {"name": "English", "link": "/s/en/", "lang": "en"},
        {"name": "繁體中文（香港）", "link": "/s/zh-hant/", "lang": "zh-Hant-HK"},
    ]
    same = editions.same_page_links(EDITIONS, hant, "a/")
    assert len(same) == len(EDITIONS) and {lang: same[lang] for lang in ("zh-Hans", "en", "zh-Hant-HK")} == {
        "zh-Hans": "../../a/", "en": "../../en/a/", "zh-Hant-HK": "./"
    }
    links = editions.hreflang_links(EDITIONS, "a/", "https://x.org/s/")
    assert len(links) == len(EDITIONS) + 1 and links[:3] + links[-1:] == [
        {"hreflang": "zh-Hans", "href": "https://x.org/s/a/"},
        {"hreflang": "en", "href": "https://x.org/s/en/a/"},
        {"hreflang": "zh-Hant-HK", "href": "https://x.org/s/zh-hant/a/"},
        {"hreflang": "x-default", "href": "https://x.org/s/a/"},
    ]
    assert zh.prefix == "" and en.prefix == "en/"
