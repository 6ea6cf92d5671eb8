"""The term check page on the real strict build: in every edition and its nav, with its data and
script, loaded on that page only, out of the search index, in the link contract."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from support.project import EDITIONS, ROOT, catalogs, terms

from hetao_docs.terms.check_page import CHECK_DATA, check_data

PREFIXES = {e.code: e.prefix for e in EDITIONS}
CONTRACT = (ROOT / "contract" / "published-links.txt").read_text(encoding="utf-8").splitlines()


def _data(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("window.__hetaoTermCheck=") and text.endswith(";\n"), path
    return json.loads(text.removeprefix("window.__hetaoTermCheck=").removesuffix(";\n"))  # type: ignore[no-any-return]


@pytest.mark.parametrize("code", PREFIXES)
def test_the_page_and_its_data_are_in_every_edition(site: Path, code: str) -> None:
    root = site / PREFIXES[code]
    page = (root / "term-check" / "index.html").read_text(encoding="utf-8")
    texts = catalogs()[code].group("term_check")
    assert f'<h1 id="term-check">{texts["title"]}' in page
    assert 'for="hetao_check_text"' in page and 'role="status" aria-live="polite"' in page
    # its data, then its script (which adds its stylesheet), deferred, and files that exist
    data_src = re.search(r'<script defer src="([^"]*term-check-data\.js)"></script>', page)
    script = re.search(r'<script defer src="([^"]*hetao-term-check\.[0-9a-f]{8}\.min\.js)" data-stylesheet="([^"]+)"></script>', page)
    assert data_src and script and page.index(data_src.group(0)) < page.index(script.group(0))
    base = (root / "term-check" / "index.html").as_posix()
    for src in (data_src.group(1), script.group(1), script.group(2)):
        assert Path(urljoin(base, src)).is_file(), src
    # the same data as the term base gives, with the built glossary's URL
    edition = EDITIONS.get(code)
    assert _data(root / CHECK_DATA) == json.loads(json.dumps(check_data(terms(), edition, texts, "../glossary/")))


@pytest.mark.parametrize("code", PREFIXES)
def test_the_nav_lists_it_after_the_glossary_and_the_index(site: Path, code: str) -> None:
    page = (site / PREFIXES[code] / "index.html").read_text(encoding="utf-8")
    nav = page[page.index('<nav class="md-nav md-nav--primary"'):]
    order = [nav.index(f'href="{target}"') for target in ("glossary/", "term-index/", "term-check/")]
    assert order == sorted(order)
    title = catalogs()[code].group("term_check")["title"]
    assert re.search(r'href="term-check/"[^>]*>\s*<span class="md-ellipsis">\s*' + re.escape(title), nav)


@pytest.mark.parametrize("code", PREFIXES)
def test_no_other_page_loads_the_check(site: Path, code: str) -> None:
    root = site / PREFIXES[code]
    others = [p for p in root.rglob("*.html") if "term-check" not in p.as_posix() and not any(
        p.relative_to(root).as_posix().startswith(prefix) for prefix in PREFIXES.values() if prefix)]
    assert len(others) > 10
    for page in others:
        text = page.read_text(encoding="utf-8")
        assert "term-check-data.js" not in text and "hetao-term-check." not in text, page


@pytest.mark.parametrize("code", PREFIXES)
def test_the_page_is_out_of_the_search_index(site: Path, code: str) -> None:
    index = json.loads((site / PREFIXES[code] / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [doc["location"] for doc in index["docs"] if doc["location"].startswith("term-check/")]


def test_the_contract_lists_its_sections_in_every_edition() -> None:
    for prefix in PREFIXES.values():
        for anchor in ("term-check", "checked-text", "check-notes", "terms-found", "how-it-works"):
            assert f"{prefix}term-check/#{anchor}" in CONTRACT, (prefix, anchor)
