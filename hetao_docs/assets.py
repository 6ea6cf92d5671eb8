"""Our own CSS and JavaScript, as a few minified bundles (no MkDocs import).

Each concern keeps its readable source in hetao_docs/theme/assets/ (one file per concern, with comments);
every page gets our stylesheet and the search loader inline (`Bundle.inline`, written into the page
from `config.extra.hetao_inline`) and one deferred script, plus what search needs, loaded only when
a reader first uses search. A file's name carries a hash of the content, so a host may cache it for
ever and a changed file is never served stale. the plugin publishes the file bundles in place
of their sources and gives the templates their paths (`config.extra.hetao_assets`).

Why inline: a stylesheet, or a script that must run before Material's bundle (the search loader),
as a file of its own is one more request that holds back the first paint on a reader's first
visit; the two cost 2.6 KB compressed per page and put our first paint level with bare Material's
(benchmarks/RESULTS.md). The other scripts wait for the page (`defer`), which holds back nothing.

Dark mode follows the reader's system setting until the reader chooses with our switch (a header
button and its inline script, `scheme_js`): the stylesheet starts with the rules of Material's dark
("slate") scheme, taken from Material's palette stylesheet, under `@media (prefers-color-scheme:
dark)` and for the reader's choice (`dark_scheme_css`). Material's own switch needs its whole
palette stylesheet (20 primary colours), a form and a script on every page.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import rcssmin
import rjsmin

Kind = Literal["css", "js"]


@dataclass(frozen=True)
class Bundle:
    key: str  # what the templates call it: config.extra.hetao_assets[key]
    folder: str  # where it is published, below the site root
    stem: str  # file name before the hash
    kind: Kind
    sources: tuple[str, ...]  # below hetao_docs/theme/, in order
    print_sources: tuple[str, ...] = ()  # CSS for print only (wrapped in @media print)
    inline: bool = False  # written into every page (a <script> or <style> element), not published as a file


# Not a file of ours: the hook passes in the dark scheme from Material's palette (dark_scheme_css).
DARK_SCHEME_SOURCE = "material:dark-scheme"

BUNDLES: tuple[Bundle, ...] = (
    Bundle(
        "main_css", "", "", "css",
        (DARK_SCHEME_SOURCE, *(f"assets/stylesheets/{name}.css" for name in ("hetao", "terms", "links", "hosting", "reading"))),
        print_sources=("assets/stylesheets/print.css",),
        inline=True,
    ),
    Bundle(
        "main_js", "assets/javascripts", "hetao", "js",
        tuple(f"assets/javascripts/{name}.js" for name in ("editions", "hosting", "terms", "reading")),
    ),
    Bundle("search_loader_js", "", "", "js", ("assets/javascripts/search-loader.js",), inline=True),
    # The light/dark switch's script, in the header (partials/javascripts/palette.html).
    Bundle("scheme_js", "", "", "js", ("assets/javascripts/scheme.js",), inline=True),
    Bundle("search_css", "assets/stylesheets", "hetao-search", "css", ("assets/stylesheets/search.css",)),
    # search-text.js first: the quotes, defined once for the page and the worker.
    Bundle("search_js", "assets/javascripts", "hetao-search", "js", ("assets/javascripts/search-text.js", "assets/javascripts/search.js")),
    # The term check page only (its template partial loads them: partials/hetao-term-check.html).
    Bundle("term_check_css", "assets/stylesheets", "hetao-term-check", "css", ("assets/stylesheets/term-check.css",)),
    Bundle("term_check_js", "assets/javascripts", "hetao-term-check", "js", ("assets/javascripts/term-check.js",)),
    # Beside Material's worker, which it loads (the plugin points Material at it: material.use_search_worker).
    Bundle("search_worker", "assets/javascripts/workers", "search-hetao", "js",
           ("assets/javascripts/search-text.js", "assets/javascripts/workers/search-hetao.js")),
)


class AssetError(Exception):
    """A bundle cannot be made; the message names the file."""


@dataclass(frozen=True)
class BuiltBundle:
    path: str  # below the site root, e.g. assets/javascripts/hetao.3f2a9c1e.min.js ("" if inline)
    content: str


def minify(source: str, kind: Kind) -> str:
    return str(rcssmin.cssmin(source) if kind == "css" else rjsmin.jsmin(source))


def bundle_text(bundle: Bundle, sources: Mapping[str, str]) -> str:
    """The minified bundle from its sources' text (keyed by path below the theme folder)."""
    pieces = [minify(sources[path], bundle.kind) for path in bundle.sources]
    pieces += [f"@media print{{{minify(sources[path], 'css')}}}" for path in bundle.print_sources]
    # Each script is a self-contained function expression; ";" keeps the next from being read as a call.
    return ("\n" if bundle.kind == "css" else ";\n").join(pieces) + "\n"


def hashed_path(bundle: Bundle, content: str) -> str:
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:8]
    return f"{bundle.folder}/{bundle.stem}.{digest}.min.{bundle.kind}"


def source_paths(bundles: Sequence[Bundle] = BUNDLES) -> list[str]:
    """Every source file of the bundles, below the theme folder (they are not published themselves)."""
    return [
        path for bundle in bundles for path in (*bundle.sources, *bundle.print_sources) if path != DARK_SCHEME_SOURCE
    ]


def build_bundles(theme_dir: Path, dark_scheme: str, bundles: Sequence[Bundle] = BUNDLES) -> dict[str, BuiltBundle]:
    """Every bundle, keyed by `Bundle.key`, from the sources in `theme_dir` (hetao_docs/theme/) and the
    dark scheme (`dark_scheme_css` of Material's palette stylesheet)."""
    texts: dict[str, str] = {DARK_SCHEME_SOURCE: dark_scheme}
    for path in source_paths(bundles):
        try:
            texts[path] = (theme_dir / path).read_text(encoding="utf-8")
        except OSError as error:
            raise AssetError(f"{theme_dir.name}/{path}: cannot read this bundle source ({error.strerror})") from None
    built = {}
    for bundle in bundles:
        content = bundle_text(bundle, texts)
        element = "script" if bundle.kind == "js" else "style"
        if bundle.inline and f"</{element}" in content.lower():
            raise AssetError(
                f"{theme_dir.name}/{bundle.sources[-1]}: a bundle written into pages contains '</{element}',"
                f" which would end its <{element}> element"
            )
        built[bundle.key] = BuiltBundle("" if bundle.inline else hashed_path(bundle, content), content)
    return built
