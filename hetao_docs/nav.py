"""The nav, written once (mkdocs.yml, in the primary edition's language), and each edition's titles.

The editions' configs INHERIT mkdocs.yml and have no nav of their own (INHERIT would replace the
whole list). A page without a title in the nav takes its own H1 in every edition; the few titles
written in the nav (short labels and section names) are the primary edition's, and each other
edition shows them as it shows its text: a converted edition through its conversion, an edition
with pages of its own through its catalog's `nav` table (primary title → its title). Plain Python.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from hetao_docs.strings import NAV_TITLES as NAV
from hetao_docs.strings import Catalog, CatalogError


def nav_titles(nav: Any) -> list[str]:
    """Every title written in the nav, in order (pages without one take their H1)."""
    titles: list[str] = []
    for item in nav if isinstance(nav, list) else []:
        if isinstance(item, dict):
            for title, value in item.items():
                titles.append(title)
                titles += nav_titles(value)
    return titles


def translated(nav: Any, title: Callable[[str], str]) -> Any:
    """The nav with every written title through `title`; pages, order and nesting kept."""
    if isinstance(nav, list):
        return [translated(item, title) for item in nav]
    if isinstance(nav, dict):
        return {title(key): translated(value, title) for key, value in nav.items()}
    return nav


def table_titles(catalog: Catalog, titles: Iterable[str], nav_file: str) -> dict[str, str]:
    """The catalog's title for each of `titles`, or CatalogError: one line per missing one."""
    table = {key.removeprefix(NAV): text for key, text in catalog.strings.items() if key.startswith(NAV)}
    table |= {text: text for text in table.values()}  # a nav already titled (a config used twice) stays as it is
    problems = [
        f"{catalog.source}: '{NAV}{title}': missing (the title of the nav entry '{title}' of {nav_file})"
        for title in dict.fromkeys(titles) if title not in table
    ]
    if problems:
        raise CatalogError("\n".join(problems))
    return table


def edition_nav(nav: Any, *, primary: bool, catalog: Catalog, convert: Callable[[str], str] | None, nav_file: str) -> Any:
    """One edition's nav from the one nav: the primary's as written, a converted edition's
    converted, another edition's from its catalog's table."""
    if primary:
        return nav
    if convert is not None:
        return translated(nav, convert)
    table = table_titles(catalog, nav_titles(nav), nav_file)
    return translated(nav, table.__getitem__)
