"""Interface strings: one catalog per edition (data/strings/<code>.yml), every text of ours that is
not page content (cite button, attribution, 404, source page, glossary labels, term finder, ¶ title)
and the Material strings we override.

Every catalog has exactly the keys of the primary edition's catalog, and the keys each row of the
edition table needs (`table_keys`: a label for every usage and every variety), so a missing or
mistyped string fails the build with one line naming the catalog and the key, instead of showing
a key or a Chinese label on an English page. Plain Python, no MkDocs import.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hetao_docs.editions import Varieties
from hetao_docs.yamlfile import read_data_file

MATERIAL = "material."  # overrides of Material's own strings: each catalog has those its language needs
NAV_TITLES = "nav."  # nav titles (hetao_docs/nav.py): only the catalogs of editions with pages of their own, but the primary
_OWN_KEYS = (MATERIAL, NAV_TITLES)  # groups each catalog has as its edition needs, not the primary's


class CatalogError(Exception):
    """A catalog is missing, malformed or out of step with the primary one; one line per problem."""


@dataclass(frozen=True)
class Catalog:
    """One edition's strings, by dotted key ("hosting.cite_button")."""

    source: str  # the file, as shown in messages
    strings: Mapping[str, str]

    def __getitem__(self, key: str) -> str:
        try:
            return self.strings[key]
        except KeyError:
            raise CatalogError(f"{self.source}: no string '{key}'") from None

    def material(self) -> dict[str, str]:
        """Overrides of Material's strings, by Material's own (dotted) keys: "search.result.one"."""
        return {key.removeprefix(MATERIAL): text for key, text in self.strings.items() if key.startswith(MATERIAL)}

    def group(self, name: str) -> dict[str, Any]:
        """The strings below `name`, nested again: `group("glossary")["categories"]["market"]`."""
        found: dict[str, Any] = {}
        prefix = name + "."
        for key, value in self.strings.items():
            if not key.startswith(prefix):
                continue
            *parents, leaf = key[len(prefix):].split(".")
            target = found
            for parent in parents:
                target = target.setdefault(parent, {})
            target[leaf] = value
        return found


def _flatten(value: Any, key: str, shown: str, out: dict[str, str], problems: list[str]) -> None:
    if isinstance(value, str):
        out[key] = value
    elif isinstance(value, Mapping):
        for child, item in value.items():
            if not isinstance(child, str):
                problems.append(f"{shown}: '{key}': key {child!r} must be text")
                continue
            _flatten(item, f"{key}.{child}" if key else child, shown, out, problems)
    elif value is None and key.endswith("material"):
        pass  # an empty group of Material overrides
    else:
        problems.append(f"{shown}: '{key}': must be text or a mapping of strings, not {type(value).__name__}")


def read_catalog(path: Path, shown_as: str | None = None) -> Catalog:
    shown = shown_as or path.as_posix()
    data = read_data_file(path, shown, "this string catalog", CatalogError)
    if not isinstance(data, Mapping):
        raise CatalogError(f"{shown}: a string catalog is a mapping of groups of strings")
    strings: dict[str, str] = {}
    problems: list[str] = []
    _flatten(data, "", shown, strings, problems)
    if problems:
        raise CatalogError("\n".join(problems))
    return Catalog(shown, strings)


def check_against(catalog: Catalog, reference: Catalog) -> None:
    """The same keys as the primary edition's catalog (Material overrides and nav titles apart), or CatalogError."""
    ours = {key for key in catalog.strings if not key.startswith(_OWN_KEYS)}
    theirs = {key for key in reference.strings if not key.startswith(_OWN_KEYS)}
    problems = [f"{catalog.source}: '{key}': missing (in {reference.source})" for key in reference.strings if key in theirs - ours]
    problems += [f"{catalog.source}: '{key}': not in {reference.source} (a typo?)" for key in catalog.strings if key in ours - theirs]
    if problems:
        raise CatalogError("\n".join(problems))


# The groups with a label per usage of the edition table, and per variety (language tag).
USAGE_GROUPS = ("glossary.usages", "term_check.usages", "term_check.usage_of")
VARIETY_GROUPS = ("glossary.form_langs",)


def table_keys(varieties: Varieties) -> list[str]:
    """The keys the code reads for the edition table's rows: each usage's labels, each variety's name."""
    keys = [f"{group}.{usage}" for group in USAGE_GROUPS for usage in varieties.usages]
    return keys + [f"{group}.{lang}" for group in VARIETY_GROUPS for lang in varieties.langs]


def check_keys(catalog: Catalog, keys: Iterable[str], why: str) -> None:
    """Each of `keys` in the catalog, or CatalogError: one line per missing key."""
    problems = [f"{catalog.source}: '{key}': missing ({why})" for key in keys if key not in catalog.strings]
    if problems:
        raise CatalogError("\n".join(problems))


def load_catalogs(folder: Path, codes: Iterable[str], shown_folder: str | None = None, varieties: Varieties | None = None) -> dict[str, Catalog]:
    """Every edition's catalog, `<folder>/<code>.yml`, checked against the first (primary) one and,
    given the edition table's `varieties`, for the labels of its usages and varieties."""
    shown = shown_folder or folder.as_posix()
    catalogs = {code: read_catalog(folder / f"{code}.yml", f"{shown}/{code}.yml") for code in codes}
    reference = next(iter(catalogs.values()))
    for catalog in catalogs.values():
        if varieties is not None:
            check_keys(catalog, table_keys(varieties), "a label for each usage and variety of data/editions.yml")
        check_against(catalog, reference)
    return catalogs
