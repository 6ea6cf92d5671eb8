"""Our bundles: palette subset of Material's stylesheet, minified and hashed bundles, palette link removal."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from hetao_docs.assets import (
    PALETTE_SOURCE,
    AssetError,
    Bundle,
    build_bundles,
    bundle_text,
    find_palette_stylesheet,
    hashed_path,
    palette_subset,
    palette_values,
    source_paths,
    without_palette_link,
)

ROOT = Path(__file__).resolve().parent.parent
WANTED = {"scheme": {"default", "slate"}, "primary": {"indigo"}, "accent": {"indigo"}}
# The palette of mkdocs.yml (what palette_values reads; toggles and media queries do not matter).
PROJECT_PALETTE = [
    {"media": "(prefers-color-scheme: light)", "scheme": "default", "primary": "indigo", "accent": "indigo"},
    {"media": "(prefers-color-scheme: dark)", "scheme": "slate", "primary": "indigo", "accent": "indigo"},
]


def test_palette_subset_keeps_only_wanted_selectors() -> None:
    css = (
        "[data-md-color-primary=indigo]{--a:1}"
        "[data-md-color-primary=pink],[data-md-color-primary=indigo] .b{--b:2}"
        "[data-md-color-primary=red]{--c:3}"
        "[data-md-color-scheme=slate]{--d:4}"
        ".plain{--e:5}"
        "@media screen{[data-md-color-primary=red] .x{--f:6}}"
        "@media print{[data-md-color-accent=indigo] .y{--g:7}[data-md-color-accent=red] .z{--h:8}}"
        ":is(a,b)[data-md-color-accent=indigo],:is(c,d)[data-md-color-accent=pink]{--i:9}"
    )
    assert palette_subset(css, WANTED) == (
        "[data-md-color-primary=indigo]{--a:1}"
        "[data-md-color-primary=indigo] .b{--b:2}"
        "[data-md-color-scheme=slate]{--d:4}"
        ".plain{--e:5}"
        "@media print{[data-md-color-accent=indigo] .y{--g:7}}"
        ":is(a,b)[data-md-color-accent=indigo]{--i:9}"
    )


def test_palette_subset_of_materials_stylesheet() -> None:
    stylesheet = find_palette_stylesheet([str(Path(material.__file__).parent / "templates")])
    css = stylesheet.read_text(encoding="utf-8")
    subset = palette_subset(css, palette_values(PROJECT_PALETTE))
    assert len(subset) < 0.4 * len(css)
    assert "[data-md-color-scheme=slate]" in subset
    assert "[data-md-color-primary=indigo]" in subset
    assert set(re.findall(r"data-md-color-primary=([\w-]+)", subset)) == {"indigo"}
    assert set(re.findall(r"data-md-color-accent=([\w-]+)", subset)) <= {"indigo"}
    assert subset.count("{") == subset.count("}")


def test_palette_values() -> None:
    assert palette_values(PROJECT_PALETTE) == WANTED
    assert palette_values({"primary": "light blue"}) == {
        "scheme": {"default"}, "primary": {"light-blue"}, "accent": {"indigo"},
    }
    assert palette_values([{}]) == {"scheme": {"default"}, "primary": {"indigo"}, "accent": {"indigo"}}
    empty: dict[str, set[str]] = {"scheme": set(), "primary": set(), "accent": set()}
    assert palette_values(None) == empty
    assert palette_values("indigo") == empty


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


def test_print_sources_are_wrapped_and_palette_comes_first(tmp_path: Path) -> None:
    theme = _theme(tmp_path, {"screen.css": "/* c */ .s { color: red; }\n", "print.css": ".p { display: none; }\n"})
    bundle = Bundle("css", "assets/stylesheets", "t", "css", (PALETTE_SOURCE, "screen.css"), ("print.css",))
    content = build_bundles(theme, "[data-md-color-primary=indigo]{--x:1}", (bundle,))["css"].content
    assert content.startswith("[data-md-color-primary=indigo]{--x:1}")
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
    with pytest.raises(AssetError, match="assets/stylesheets/gone.css"):
        build_bundles(tmp_path, "", (bundle,))


def test_source_paths_are_real_files() -> None:
    paths = source_paths()
    assert paths and PALETTE_SOURCE not in paths
    for path in paths:
        assert (ROOT / "overrides" / path).is_file(), path


def test_without_palette_link() -> None:
    link = '    <link rel="stylesheet" href="../assets/stylesheets/palette.fb2fffe2.min.css">'
    page = f'<head>\n  <link rel="stylesheet" href="main.css">\n{link}\n</head><body data-md-component="palette">'
    assert without_palette_link(page) == page.replace(f"\n{link}", "")
    plain = '<head><link rel="stylesheet" href="main.css"></head><body></body>'
    assert without_palette_link(plain) == plain
    with pytest.raises(AssetError):
        without_palette_link('<head></head><form data-md-component="palette"></form>')
