"""The string catalogs' schema: every key the code reads is in every catalog, and a missing one is
one line naming the catalog file and the key (never a KeyError from deep in a build)."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest
from support.project import EDITIONS, ROOT, VARIETIES, catalogs

from hetao_docs.strings import CatalogError, load_catalogs, table_keys
from hetao_docs.terms.check_page import _JS_TEXTS
from hetao_docs.terms.render import Labels

STRINGS = ROOT / "data" / "strings"
# Which group a module's `texts[...]` reads (the group it was handed).
TEXTS_GROUP = {"hetao_docs/terms/check_page.py": "term_check", "hetao_docs/hosting.py": "hosting"}


def keys_the_code_reads() -> set[str]:
    keys = set(table_keys(VARIETIES))
    keys |= {f"glossary.{field.name}" for field in dataclasses.fields(Labels)}
    keys |= {f"term_check.{key}" for key in _JS_TEXTS}
    for path in sorted((ROOT / "hetao_docs").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        keys |= set(re.findall(r'catalog\["([a-z_.]+)"\]', text))
        group = TEXTS_GROUP.get(path.relative_to(ROOT).as_posix())
        if group:
            keys |= {f"{group}.{key}" for key in re.findall(r'texts\["([a-z_]+)"\]', text)}
    return keys


@pytest.mark.parametrize("code", EDITIONS.codes)
def test_every_key_the_code_reads_is_in_every_catalog(code: str) -> None:
    catalog = catalogs()[code]
    parts = [key.split(".") for key in catalog.strings]
    groups = {".".join(p[:n]) for p in parts for n in range(1, len(p))} | set(catalog.strings)  # nested groups too (counts.terms.one)
    missing = sorted(key for key in keys_the_code_reads() if key not in catalog.strings and key not in groups)
    assert not missing, f"{catalog.source}: {missing}"


def test_the_catalogs_label_every_usage_and_variety_of_the_table() -> None:
    load_catalogs(STRINGS, EDITIONS.codes, "data/strings", VARIETIES)


def test_a_usage_without_labels_is_one_line_naming_the_catalog_and_the_key(tmp_path: Path) -> None:
    folder = tmp_path / "strings"
    shutil.copytree(STRINGS, folder)
    new = dataclasses.replace(VARIETIES, usages=(*VARIETIES.usages, "new-usage"))
    with pytest.raises(CatalogError) as raised:
        load_catalogs(folder, EDITIONS.codes, "data/strings", new)
    lines = str(raised.value).splitlines()
    primary = f"data/strings/{EDITIONS.primary.code}.yml"
    assert lines == [
        f"{primary}: '{group}.new-usage': missing (a label for each usage and variety of data/editions.yml)"
        for group in ("glossary.usages", "term_check.usages", "term_check.usage_of")
    ]
