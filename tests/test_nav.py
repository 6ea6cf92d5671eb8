"""hetao_docs.nav: the nav is written once (mkdocs.yml); each edition's titles from its conversion
or its catalog's table, other pages from their H1."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from support.project import EDITIONS, ROOT, catalogs, to_hong_kong

from hetao_docs.nav import edition_nav, nav_titles
from hetao_docs.strings import Catalog, CatalogError
from hetao_docs.terms.cli import read_nav

NAV = [{"首页": "index.md"}, {"三大问题": ["problems/data-market.md", {"问题一": "problems/x.md"}]}, "glossary.md"]


def test_only_the_primary_config_has_a_nav() -> None:
    assert read_nav(ROOT / EDITIONS.primary.config)
    for edition in EDITIONS.siblings:
        config = yaml.load((ROOT / edition.config).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        assert "nav" not in config, f"{edition.config}: INHERIT replaces lists: the nav is mkdocs.yml's alone"


def test_every_edition_titles_the_one_nav() -> None:
    nav = read_nav(ROOT / EDITIONS.primary.config)
    for edition in EDITIONS:
        convert = to_hong_kong if edition.is_traditional else None
        shown = edition_nav(nav, primary=edition is EDITIONS.primary, catalog=catalogs()[edition.code], convert=convert, nav_file="mkdocs.yml")
        assert len(nav_titles(shown)) == len(nav_titles(nav))


def test_a_converted_edition_converts_the_titles_and_keeps_the_pages() -> None:
    shown = edition_nav(NAV, primary=False, catalog=Catalog("x.yml", {}), convert=to_hong_kong, nav_file="mkdocs.yml")
    assert shown == [{"首頁": "index.md"}, {"三大問題": ["problems/data-market.md", {"問題一": "problems/x.md"}]}, "glossary.md"]


def test_a_missing_title_is_one_line_naming_the_catalog_and_the_key(tmp_path: Path) -> None:
    catalog = Catalog("data/strings/en.yml", {"nav.首页": "Home"})
    with pytest.raises(CatalogError) as raised:
        edition_nav(NAV, primary=False, catalog=catalog, convert=None, nav_file="mkdocs.yml")
    assert str(raised.value).splitlines() == [
        "data/strings/en.yml: 'nav.三大问题': missing (the title of the nav entry '三大问题' of mkdocs.yml)",
        "data/strings/en.yml: 'nav.问题一': missing (the title of the nav entry '问题一' of mkdocs.yml)",
    ]


def test_an_edition_nav_twice_is_the_same() -> None:
    catalog = catalogs()["en"]
    nav = read_nav(ROOT / EDITIONS.primary.config)
    once = edition_nav(nav, primary=False, catalog=catalog, convert=None, nav_file="mkdocs.yml")
    assert edition_nav(once, primary=False, catalog=catalog, convert=None, nav_file="mkdocs.yml") == once
