"""Our bundles: minified and hashed, inline or published (the dark scheme: tests/test_material.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hetao_docs.assets import (
    DARK_SCHEME_SOURCE,
    AssetError,
    Bundle,
    build_bundles,
    bundle_text,
    hashed_path,
    source_paths,
)

ROOT = Path(__file__).resolve().parent.parent


def _theme(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_scripts_are_joined_safely_and_minified(tmp_path: Path) -> None:
    theme = _theme(tmp_path, {
        "a.js": "// first\n(function () {\n  window.a = 1; /* note */\n})()\n",
        "b.js": "(function () {\n  window.b = 2;\n})()\n",
    })
    bundle = Bundle("js", "assets/javascripts", "t", "js", ("a.js", "b.js"))
    content = build_bundles(theme, "", (bundle,))["js"].content
    assert "first" not in content and "note" not in content
    assert re.search(r"\}\)\(\);\s*\(function", content)
    assert content.endswith("\n")


def test_print_sources_are_wrapped_and_the_dark_scheme_comes_first(tmp_path: Path) -> None:
    theme = _theme(tmp_path, {"screen.css": "/* c */ .s { color: red; }\n", "print.css": ".p { display: none; }\n"})
    bundle = Bundle("css", "assets/stylesheets", "t", "css", (DARK_SCHEME_SOURCE, "screen.css"), ("print.css",))
    content = build_bundles(theme, "@media (prefers-color-scheme:dark){:root{--x:1}}", (bundle,))["css"].content
    assert content.startswith("@media (prefers-color-scheme:dark){:root{--x:1}}")
    assert "@media print{.p{display:none}}" in content
    assert content.index(".s{color:red}") < content.index("@media print")
    assert "/*" not in content


def test_bundle_text_from_sources_mapping() -> None:
    bundle = Bundle("js", "f", "s", "js", ("a.js", "b.js"))
    text = bundle_text(bundle, {"a.js": "(function(){})()", "b.js": "(function(){})()"})
    assert text == "(function(){})();\n(function(){})()\n"


def test_hashed_path() -> None:
    bundle = Bundle("k", "assets/javascripts", "hetao", "js", ())
    first = hashed_path(bundle, "var a=1\n")
    assert first == hashed_path(bundle, "var a=1\n")
    assert re.fullmatch(r"assets/javascripts/hetao\.[0-9a-f]{8}\.min\.js", first)
    assert hashed_path(bundle, "var a=2\n") != first


def test_missing_source_names_the_path(tmp_path: Path) -> None:
    bundle = Bundle("css", "assets/stylesheets", "t", "css", ("assets/stylesheets/gone.css",))
    with pytest.raises(AssetError, match=r"assets/stylesheets/gone\.css"):
        build_bundles(tmp_path, "", (bundle,))


def test_source_paths_are_real_files() -> None:
    paths = source_paths()
    assert paths and DARK_SCHEME_SOURCE not in paths
    for path in paths:
        assert (ROOT / "hetao_docs" / "theme" / path).is_file(), path


def test_an_inline_bundle_is_text_for_the_page_and_may_not_end_its_script_element(tmp_path: Path) -> None:
    (tmp_path / "ok.js").write_text("var a = 1\n", encoding="utf-8")
    (tmp_path / "bad.js").write_text("var a = '</SCRIPT>'\n", encoding="utf-8")
    built = build_bundles(tmp_path, "", (Bundle("ok", "", "", "js", ("ok.js",), inline=True),))
    assert built["ok"].path == "" and built["ok"].content.startswith("var a=1")
    with pytest.raises(AssetError, match=r"bad\.js: a bundle written into pages contains '</script'"):
        build_bundles(tmp_path, "", (Bundle("bad", "", "", "js", ("bad.js",), inline=True),))
