"""Reading on a phone, on paper and for the first time: the pieces that need no build."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from support.project import catalogs

from hetao_docs.terms.render import gist


def test_gist_is_the_first_sentence_of_a_definition() -> None:
    assert gist("A list (for example, ¶5). The article finds more.") == "A list (for example, ¶5)."
    assert gist("Hong Kong S.A.R. rules differ. More") == "Hong Kong S.A.R. rules differ."
    assert gist("白名单是一种清单。文章认为……") == "白名单是一种清单。"
    assert gist("No full stop at all") == "No full stop at all"


# The source page's offline paragraph only where the zip is published: tests/test_hosting.py.


def test_reader_pages_carry_no_maintainer_text() -> None:
    for code, catalog in catalogs().items():
        texts = " ".join(catalog.strings.values())
        for phrase in ("请勿手工编辑", "請勿手動修改", "do not edit it by hand", "scripts/docs.py"):
            assert phrase not in texts, f"data/strings/{code}.yml: {phrase!r}"


def _print_header(**context: object) -> str:
    import jinja2

    from hetao_docs.plugin import __file__ as plugin_file

    theme = Path(plugin_file).parent / "theme"
    template = jinja2.Environment(loader=jinja2.FileSystemLoader(str(theme)), autoescape=False).get_template(
        "partials/hetao-reading-print.html"
    )
    section = SimpleNamespace(title="Trading &amp; scale", children=[])
    page = SimpleNamespace(title="Problem 1", toc=[SimpleNamespace(title="Problem 1", children=[section])],
                           canonical_url="https://e.org/en/problems/data-market/")
    config = {"site_name": "Hetao & Co", "extra": {"hetao_reading": catalogs()["en"].group("reading")}}
    return template.render(config=config, page=page, **{"hetao_published_url": "https://e.org/en/problems/data-market/", **context})


def test_print_header_names_site_page_sections_address_and_release_only_when_there_is_one() -> None:
    plain = _print_header()
    assert "Hetao &amp; Co" in plain and "Problem 1" in plain and "Sections: Trading &amp; scale" in plain
    assert 'Address: <span class="hetao-print-header__address">https://e.org/en/problems/data-market/</span>' in plain
    assert 'class="hetao-print-header__printed"' in plain
    assert "Release" not in plain
    assert 'class="hetao-print-header__address"></span>' in _print_header(hetao_published_url="")  # reading.js fills it
    released = _print_header(hetao_release={"version": "1.2.0", "date": "2026-03-01", "url": "https://e.org/releases/1.2.0/"})
    assert "Release: 1.2.0 (2026-03-01) https://e.org/releases/1.2.0/" in released
