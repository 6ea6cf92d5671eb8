"""Acceptance: a fourth edition from data alone. In a copy of the project, Traditional Chinese for
Taiwan (OpenCC s2twp, a `taiwan` usage, one term with a Taiwan rendering) is one table entry, one
MkDocs config (no nav: the one nav is mkdocs.yml's, converted), one catalog (converted from the
Simplified one) and the new usage's labels: no code. Its pages, glossary and term check read Taiwan forms; a missing catalog key is one line."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import opencc
import pytest
import yaml
from conftest import PYTHON, EarlyBuilds, build_site, docs_py, output

CODE, LANG, USAGE = "zh-hant-tw", "zh-Hant-TW", "taiwan"
TERM, TAIWAN_FORM, DERIVED_FORM = "personal-information", "個人資料", "個人資訊"  # Taiwan's law: 個人資料保護法
LABELS = {"zh": ("台湾用法", "台湾", "台湾用法"), "en": ("Taiwan usage", "Taiwan", "Taiwan usage")}
S2TWP = opencc.OpenCC("s2twp")


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _write(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _converted(value: Any) -> Any:  # the catalog, as OpenCC converts it
    if isinstance(value, str):
        return S2TWP.convert(value)
    if isinstance(value, list):
        return [_converted(item) for item in value]
    if isinstance(value, dict):
        return {key: _converted(item) for key, item in value.items()}
    return value


def add_taiwan(project: Path) -> None:
    # one table entry (and the usage its readers follow)
    table = _yaml(project / "data" / "editions.yml")
    table["usages"].insert(-1, {"name": USAGE, "geography": "TW", "region": "Taiwan"})
    table["editions"].append({
        "code": CODE, "config": f"mkdocs.{CODE}.yml", "docs_dir": "docs/zh", "converted_from": "zh",
        "conversion": {"opencc": "s2twp", "phrases": None}, "prefix": f"{CODE}/", "theme_language": "zh-TW",
        "lang": LANG, "og_locale": "zh_TW", "label": "繁體中文（台灣）", "language": "zh", "script": "Hant", "usage": USAGE,
    })
    _write(project / "data" / "editions.yml", table)
    # one MkDocs config
    config = {"INHERIT": "mkdocs.yml", "site_name": S2TWP.convert("河套数据跨境参考"), "plugins": {"hetao": {"edition": CODE}}}
    _write(project / f"mkdocs.{CODE}.yml", config)
    # one catalog, converted; and the new usage's labels in every catalog
    strings = project / "data" / "strings"
    catalog = _converted(_yaml(strings / "zh.yml"))
    _write(strings / f"{CODE}.yml", catalog)
    for path in strings.glob("*.yml"):
        data = _yaml(path)
        glossary, check, usage_of = LABELS["en" if path.stem == "en" else "zh"]
        if path.stem != "en" and path.stem != "zh":
            glossary, check, usage_of = (S2TWP.convert(label) for label in (glossary, check, usage_of))
        data["glossary"]["usages"][USAGE] = glossary
        data["glossary"]["form_langs"][LANG] = "繁體（台灣）" if path.stem != "en" else "Traditional (Taiwan)"
        data["term_check"]["usages"][USAGE] = check
        data["term_check"]["usage_of"][USAGE] = usage_of
        _write(path, data)
    # one term with a Taiwan rendering (one of its Taiwan forms: its alias 个人资料, converted)
    terms = project / "data" / "terms.yaml"
    text = terms.read_text(encoding="utf-8")
    entry = text.index(f"  - id: {TERM}\n")
    renderings = text.index("    renderings:\n", entry) + len("    renderings:\n")
    rendering = f"      - form: {TAIWAN_FORM}\n        lang: {LANG}\n        usage: {USAGE}\n        status: preferred\n"
    terms.write_text(text[:renderings] + rendering + text[renderings:], encoding="utf-8")


# The strict build of every edition that `docs.py build` runs (its build_site) before it checks the
# link contract, into sys.argv[1]: the one build of the copy that the contract is updated from and
# checked against, and that the tests read (`contract --update` alone would build it once more).
STRICT_BUILD = (
    "import sys; from pathlib import Path; sys.path.insert(0, 'scripts'); import docs; "
    "sys.exit(0 if docs.build_site(Path(sys.argv[1])) is not None else 1)"
)


def _taiwan(project: Path) -> list[str]:
    """A copy of the project with the Taiwan edition added: its strict build (STRICT_BUILD)."""
    add_taiwan(project)
    return [PYTHON, "-c", STRICT_BUILD, str(project / "site-tw")]


EARLY_BUILDS = {"taiwan": _taiwan}  # built in the background while earlier tests run (conftest.py)


@pytest.fixture(scope="module")
def taiwan(early_build: EarlyBuilds) -> tuple[Path, Path]:
    early_build.finished("taiwan")
    project = early_build.project("taiwan")
    site = project / "site-tw"
    # its pages' links are published links: the contract records them, and the build's own check
    # (what `docs.py build` refuses a site for: an anchor the contract lacks) passes on this site
    contract = docs_py(project, "contract", "--update", "--site-dir", str(site))
    assert contract.returncode == 0, output(contract)[-3000:]
    checked = docs_py(project, "contract", "--check", "--site-dir", str(site))
    assert checked.returncode == 0, output(checked)[-3000:]
    return project, site


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", re.sub(r"(?s)<(script|style)\b.*?</\1>", "", html))


def test_its_pages_read_taiwan_forms_with_its_lang(taiwan: tuple[Path, Path]) -> None:
    _, site = taiwan
    page = (site / CODE / "problems" / "data-market" / "index.html").read_text(encoding="utf-8")
    hong_kong = (site / "zh-hant" / "problems" / "data-market" / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{LANG}"' in page
    assert "資料" in _text(page) and "數據" not in _text(page)  # Taiwan's 資料 where Hong Kong has 數據
    assert "數據" in _text(hong_kong)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f'hreflang="{LANG}"' in home and f"/{CODE}/" in home  # the other editions link it


def test_its_glossary_names_the_term_as_taiwan_does(taiwan: tuple[Path, Path]) -> None:
    _, site = taiwan
    glossary = (site / CODE / "glossary" / "index.html").read_text(encoding="utf-8")
    heading = re.search(rf'<h3 id="{TERM}"[^>]*>(.*?)</h3>', glossary)
    assert heading and TAIWAN_FORM in heading.group(1)
    assert DERIVED_FORM in glossary  # its derived Taiwan form, beside the rendering
    hong_kong = (site / "zh-hant" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert DERIVED_FORM not in hong_kong  # each edition its own variety
    names = dict(re.findall(r'<h3 id="([^"]+)"[^>]*>(.*?)</h3>', glossary))
    hong_kong_names = dict(re.findall(r'<h3 id="([^"]+)"[^>]*>(.*?)</h3>', hong_kong))
    zone = "hetao-cross-border-data-zone"
    assert (names[zone], hong_kong_names[zone]) == ("河套跨境資料專區", "河套跨境數據專區")  # Taiwan's 資料, Hong Kong's 數據


def test_its_term_check_reads_taiwan_forms(taiwan: tuple[Path, Path]) -> None:
    _, site = taiwan
    script = (site / CODE / "assets" / "javascripts" / "term-check-data.js").read_text(encoding="utf-8")
    data = json.loads(script.removeprefix("window.__hetaoTermCheck=").removesuffix(";\n"))
    assert data["edition"]["usage"] == USAGE and data["langs"][1] == LANG and data["order"][0] == LANG
    assert USAGE in data["usages"]
    entry = next(term for term in data["terms"] if term["id"] == TERM)
    assert entry["names"][data["usages"].index(USAGE)][1] == TAIWAN_FORM
    assert [LANG, DERIVED_FORM] in [row[:2] for row in entry["forms"]]
    page = (site / CODE / "term-check" / "index.html").read_text(encoding="utf-8")
    assert f'value="{USAGE}" checked' in page


def test_a_missing_catalog_key_is_one_line(taiwan: tuple[Path, Path]) -> None:
    project, _ = taiwan
    catalog = project / "data" / "strings" / f"{CODE}.yml"
    data = _yaml(catalog)
    del data["glossary"]["usages"][USAGE]
    _write(catalog, data)
    result = build_site(project / "site-broken", project)
    assert result.returncode != 0
    line = f"data/strings/{CODE}.yml: 'glossary.usages.{USAGE}': missing (a label for each usage and variety of data/editions.yml)"
    assert line in output(result) and "Traceback" not in output(result)
