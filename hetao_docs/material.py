"""Every assumption we make about Material for MkDocs' internals, in one place.

We configure Material where it can be configured (`extra.alternate` for the language switcher,
the `sitemap.xml` and `partials/language.html` templates, `theme.features`). What we cannot
configure we rely on, and each reliance is listed here with the test that checks it against the
installed Material (tests/test_material.py, one test per item), so an upgrade fails in one named test:

1. Search worker messages: Material's worker protocol numbers QUERY = 2 and RESULT = 3
   (SearchMessageType, erased in the bundle); search-hetao.js wraps the worker on them.
2. The search index is requested with XMLHttpRequest from `search/search_index.json`, and the
   worker is used only through addEventListener, removeEventListener, postMessage and terminate:
   search-loader.js holds both back until a reader uses search.
3. Material runs a search on the search box's `keyup`: search.js re-dispatches one after an IME
   commit or a paste (an `input` event with no key event).
4. The page config is `<script id="__config" type="application/json">` with the worker's path in
   `search`: `use_search_worker` points it at our wrapper. (Rewritten, not configured: the path is
   hard-coded in base.html's `config` block, which also carries Material's other settings.)
5. `extra.alternate` (the editions' roots) is printed twice, as the header's language switcher
   (`<a href hreflang class="md-select__link">`) and as `<link rel="alternate" href hreflang>` in
   <head>. The switcher should link the same page, relatively (any host, file://), which Material's
   `url` filter cannot write for another edition's folder (it resolves `../` against the site
   root), and hreflang links must be absolute: `localize_theme_links` points the switcher at the
   same page and drops Material's head copies; our partial prints absolute ones. Material also
   fetches `sitemap.xml` below each head link (editions.js points those fetches at the edition root).
6. `partials/language.html` imports `partials/languages/<theme.language>.html` and defines `t(key)`:
   our override of it consults the catalog's `material` strings (and the edition's `lang` for the
   key `language`, Material's `<html lang>`) before Material's translations.
7. The palette stylesheet `assets/stylesheets/palette.*.min.css` has the dark scheme under
   `[data-md-color-scheme=slate]` (with `[data-md-color-primary=indigo]` variants): dark_scheme_css.
8. Material's clipboard handler copies `[data-clipboard-text]` and shows its toast: the ¶ permalinks.
   It listens on the document, so hosting.js can set the attribute after the page loads.
9. base.html writes `<link rel="canonical">` from `page.canonical_url`, and leaves elements with
   `data-search-exclude` out of the search index: an archived release's pages name the current
   page as canonical (set in on_page_context), and the release lines are not search results.
10. Material's search plugin segments each run of Han characters with `jieba.cut(run as UTF-8)`,
    looking `cut` up on the `jieba` module at each call, and joins the words: `remember_jieba_words`
    puts a memoizing `cut` there (the same words, once per text and dictionary), kept between builds
    in .cache/<edition>/ (each edition builds in a fresh process). Segmenting is ~1 s of CPU of a
    Chinese edition's build; a serve rebuild segments only the runs an edit changed. jieba loads
    its dictionary on the first call of its own `cut` (`jieba.dt.initialized`, `dt.total` its word
    total): a build whose runs are all kept never loads it (~0.9 s of CPU).
11. Search results: the worker gets the index in its SETUP message (type 0, data = {config, docs,
    options}; Material's worker answers READY, type 1, and listens from when it is loaded) and
    answers a QUERY with {items}: documents grouped by page, each group with the page's own entry;
    the page shows a group's sections whose `score` equals its first one's and folds the rest under
    "more". search-hetao.js answers queries itself in this shape (its ranking) and loads Material's
    worker, replaying SETUP to it, only for a query it leaves to Material. Only the index's
    `config` and `docs` reach the worker: the characters it reads as one (search.py
    `script_variants`) ride in `config.hetao_variants`.
12. The offline plugin inlines the index as `var __index = <json>` in search/search_index.js, after
    the search plugin writes it and before our on_post_build: `inline_index` writes ours again.
    When enabled, it turns `use_directory_urls` off in its on_config: the site's parts
    (site_parts.py), read from the loaded config without running any plugin, ask `offline_copy`.
13. `window.component$` (Material's exported component observable) emits, for each search result,
    `{ref: the [data-md-component=search-result] element, ...the worker's result data}` after the
    page has rendered it: search.js reads `hetao.mode` there for its notices.
14. The header includes `partials/javascripts/palette.html` (Material's script that applies a stored
    palette) whenever `theme.palette` is not a mapping, also when there is none, between the title
    and the language switcher: our override of it is the light/dark switch (no palette, so no
    palette stylesheet). The palette's stored choice, `__palette`, is not used.
15. A strict page policy (page_policy.py: no 'unsafe-inline', no 'unsafe-eval') holds for
    Material's code: its bundle and search worker never call `eval` or `new Function`, its
    templates have no inline event handlers (`onclick="…"`: a hash cannot allow one), and its
    icons are SVG `data:` URLs in its stylesheet (the policy's `img-src 'self' data:`). Its inline
    scripts are hashed like ours, from the final page.
16. The search plugin indexes a page with `SearchIndex.add_entry_from_context(page)`, which appends
    the page's entries to `self.entries` and reads only the page's content, `toc` (its items' `id`,
    `url` and children), `url`, `meta` and `title`, and jieba's words: `remember_search_entries`
    keeps each page's entries by those inputs, kept between builds in .cache/<edition>/ (parsing
    every page's HTML was ~0.3 s of CPU of each edition's build).
17. Material's search result component, when it mounts (as the document is ready), takes the
    result container's first child as its counter and its last as its list, and writes into them
    from then on. search.js puts the term finder first in that container, so it must run after
    the mount: search-loader.js loads it for a ?q= or ?h= link only once the page has loaded (run
    earlier, on a loaded machine, Material wrote its counter over the finder).

Plain Python, no MkDocs import at the top (16. imports Material's search plugin when called).
"""

from __future__ import annotations

import contextlib
import copy
import html
import importlib.metadata
import json
import os
import pickle
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from hetao_docs.kept import Kept

QUERY_MESSAGE = 2  # 1.
RESULT_MESSAGE = 3
WORKER_METHODS = ("addEventListener", "removeEventListener", "postMessage", "terminate")  # 2.
SEARCH_INDEX = "search/search_index.json"
SETUP_MESSAGE = 0  # 11.
INLINED_INDEX = "search/search_index.js"  # 12.


class MaterialError(Exception):
    """Material is not as we expect (after an upgrade); the message says what to update."""


CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def use_search_worker(page_html: str, wrapper_name: str) -> str:
    """Point Material's `__config.search` (its search worker) at our wrapper in the same folder.

    The wrapper gets Material's worker file name as `?material=…` and loads it itself.
    Pages without Material's config are returned unchanged.
    """
    match = CONFIG_SCRIPT.search(page_html)
    if not match:
        return page_html
    worker = json.loads(match.group(2)).get("search")
    if not isinstance(worker, str) or "/" not in worker:
        return page_html
    folder, material = worker.rsplit("/", 1)
    if material.split("?", 1)[0] == wrapper_name:
        return page_html  # already switched
    wrapped = f"{folder}/{wrapper_name}?material={material}"
    config = match.group(2).replace(json.dumps(worker), json.dumps(wrapped), 1)
    return page_html[: match.start(2)] + config + page_html[match.end(2) :]


def offline_copy(plugins: Mapping[str, Any]) -> bool:
    """12. Whether Material's offline plugin is enabled among a loaded config's plugins."""
    return any(
        type(plugin).__module__.startswith("material.plugins.offline") and bool(getattr(plugin.config, "enabled", False))
        for plugin in plugins.values()
    )


def inline_index(index_json: str) -> str:
    """12. The offline copy's index script, as Material's offline plugin writes it."""
    return f"var __index = {index_json}"


# 5. Material prints extra.alternate into <head> (attribute order href, hreflang) and the switcher.
THEME_HEAD_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')
SWITCHER_LINK = re.compile(r'<a href="([^"]*)" hreflang="([^"]*)" class="md-select__link">')


def localize_theme_links(page_html: str, same_page: Mapping[str, str] | None) -> str:
    """Drop Material's hreflang links from <head>; on a page, point the switcher's link for each
    hreflang at `same_page[hreflang]` (the 404 page keeps the editions' roots) and mark its label's
    language (简体中文 on a Traditional page)."""
    head_end = page_html.find("</head>")
    if head_end < 0:
        return page_html
    head, body = THEME_HEAD_ALTERNATE.sub("", page_html[:head_end]), page_html[head_end:]

    def switcher_link(match: re.Match[str]) -> str:
        href = html.escape(same_page[match.group(2)]) if same_page is not None else match.group(1)
        return f'<a href="{href}" hreflang="{match.group(2)}" lang="{match.group(2)}" class="md-select__link">'

    return head + SWITCHER_LINK.sub(switcher_link, body)


# 7. The dark scheme, from Material's palette stylesheet.
_ROOT = "\x00root"  # where the page's root goes in the kept selectors
_COLOR_ATTRIBUTE = re.compile(r"\[data-md-color-(scheme|primary|accent)=([\w-]+)\]")


def _blocks(css: str) -> list[tuple[str, str]]:
    """Top-level (prelude, body) pairs of minified CSS; bodies keep their nested blocks."""
    blocks: list[tuple[str, str]] = []
    depth, start, body_start = 0, 0, 0
    for position, char in enumerate(css):
        if char == "{":
            if depth == 0:
                body_start = position + 1
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                blocks.append((css[start:body_start - 1].strip(), css[body_start:position]))
                start = position + 1
    return blocks


def _split_selectors(prelude: str) -> list[str]:
    selectors, depth, start = [], 0, 0
    for position, char in enumerate(prelude):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            selectors.append(prelude[start:position])
            start = position + 1
    return [*selectors, prelude[start:]]


def find_palette_stylesheet(theme_dirs: Sequence[str]) -> Path:
    """Material's palette stylesheet, the first found in the theme's folders (ours come first)."""
    for folder in theme_dirs:
        found = sorted(Path(folder).glob("assets/stylesheets/palette.*.min.css"))
        if found:
            return found[0]
    raise MaterialError("mkdocs.yml: theme: Material's palette stylesheet (assets/stylesheets/palette.*.min.css) not found")


def dark_scheme_css(palette_css: str) -> str:
    """Material's dark scheme for its default colours (indigo), following the system setting.

    Keeps the palette rules whose selectors start with `[data-md-color-scheme=slate]` and name no
    colour other than indigo, and makes them apply to the page twice: under
    `@media (prefers-color-scheme: dark)` unless the reader chose light (`data-hetao-scheme=light`
    on <html>, set by our switch: partials/javascripts/palette.html), and where the reader chose
    dark. Material's main stylesheet already has the light scheme and the indigo colours on `:root`.
    (The two copies cost little compressed: the second repeats the first.)
    """
    wanted = {"scheme": {"slate"}, "primary": {"indigo"}, "accent": {"indigo"}}

    def rules(css: str) -> list[str]:
        kept: list[str] = []
        for prelude, body in _blocks(css):
            if prelude.startswith("@"):
                inner = rules(body)
                if inner:
                    kept.append(f"{prelude}{{{''.join(inner)}}}")
                continue
            selectors = [
                _COLOR_ATTRIBUTE.sub(lambda m: _ROOT if m.group(1) == "scheme" else "", selector)
                for selector in _split_selectors(prelude)
                if selector.startswith("[data-md-color-scheme=slate]")
                and all(value in wanted[kind] for kind, value in _COLOR_ATTRIBUTE.findall(selector))
            ]
            if selectors:
                kept.append(f"{','.join(selectors)}{{{body}}}")
        return kept

    found = rules(palette_css)
    if not found:
        raise MaterialError("Material's palette stylesheet has no [data-md-color-scheme=slate] rules; update hetao_docs/material.py")
    dark = "".join(found)
    return (
        "@media (prefers-color-scheme: dark){" + dark.replace(_ROOT, ":root:not([data-hetao-scheme=light])") + "}"
        + dark.replace(_ROOT, ":root[data-hetao-scheme=dark]")
    )




# 10. Material's Chinese segmentation, remembered.
_JIEBA_LIMIT = 200_000  # words kept at most: then start again
_JIEBA_FILE = "jieba-words.pickle"
_words: dict[tuple[Any, ...], tuple[str, ...]] = {}  # (text, arguments, dictionary) → its words
_used: set[tuple[Any, ...]] = set()  # the keys this process looked up (what save_jieba_words keeps)
_words_folder: list[Path] = []  # where they are kept between builds (set once per process)
# A dictionary file's word total as loaded, before any word was added: a tokenizer in that state
# and one not loaded yet segment alike, so they share their words' keys
_as_loaded: dict[Any, int] = {}


def _dictionary_state(dt: Any) -> tuple[Any, ...]:
    """What jieba's default tokenizer `dt` segments with: its dictionary file, and its word total if
    words were added (Material's `jieba_dict_user`), which changes the words it finds."""
    if not dt.initialized or _as_loaded.get(dt.dictionary) == dt.total:
        return (dt.dictionary, "as loaded")
    return (dt.dictionary, dt.total)


def jieba_words_kept(folder: Path) -> bool:
    """Whether a build kept its words in `folder` (else its build segments every text)."""
    return (folder / _JIEBA_FILE).is_file()


def load_jieba_dictionary() -> None:
    """jieba's dictionary loaded now (in the fork server: once for the build processes it forks), as loaded."""
    import jieba

    if not jieba.dt.initialized:
        jieba.dt.initialize()
        _as_loaded[jieba.dt.dictionary] = jieba.dt.total


def jieba_dictionary_is_as_loaded() -> None:
    """Record that jieba's dictionary, if loaded, is as loaded: for the fork server, which adds no
    words, when it imports this module again after an edit (the last copy knew it)."""
    import jieba

    if jieba.dt.initialized:
        _as_loaded[jieba.dt.dictionary] = jieba.dt.total


def remember_jieba_words(folder: Path | None = None) -> None:
    """Replace `jieba.cut` by one that remembers its words per text, arguments and dictionary
    (once per process; nothing to do without jieba, which Material's search uses only if installed).
    With `folder`, the words earlier builds kept there are read first: every build process starts
    afresh (site_builder.py), and a serve rebuild segments only what changed. jieba's dictionary
    (~0.9 s of CPU to load) is loaded only when a text's words are not kept: a build whose
    Chinese text is as in the last one never loads it."""
    try:
        import jieba  # Material's search plugin has imported it already
    except ImportError:
        return
    if folder is not None and not _words_folder:
        _words_folder.append(folder)
        with contextlib.suppress(Exception):  # no file, another jieba, a partial write: start empty
            version, as_loaded, stored = pickle.loads((folder / _JIEBA_FILE).read_bytes())
            if version == jieba.__version__ and isinstance(stored, dict) and isinstance(as_loaded, dict):
                _words.update(stored)
                _as_loaded.update(as_loaded)
    if getattr(jieba.cut, "hetao_remembers", False):
        return
    segment = jieba.cut

    def cut(sentence: Any, *args: Any, **kwargs: Any) -> Any:
        key = (sentence, args, tuple(sorted(kwargs.items())), _dictionary_state(jieba.dt))
        found = _words.get(key)
        if found is None:
            load_jieba_dictionary()
            if len(_words) >= _JIEBA_LIMIT:
                _words.clear()
                _used.clear()
            found = _words[key] = tuple(segment(sentence, *args, **kwargs))
        _used.add(key)
        return iter(found)

    cut.hetao_remembers = True  # type: ignore[attr-defined]
    jieba.cut = cut


def save_jieba_words() -> None:
    """Keep the words this process used in the folder given to `remember_jieba_words` (written whole, then renamed)."""
    if not _words_folder or not _used:
        return
    import jieba

    folder = _words_folder[0]
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f"{_JIEBA_FILE}.{os.getpid()}"
        kept = {key: _words[key] for key in _used if key in _words}
        partial.write_bytes(pickle.dumps((jieba.__version__, _as_loaded, kept)))
        os.replace(partial, folder / _JIEBA_FILE)


# 16. Material's search entries of a page, kept.
def _entries_stamp() -> bytes:
    """What a page's entries depend on besides its inputs: Material's and jieba's code, and ours."""
    versions = [importlib.metadata.version(name) for name in ("mkdocs-material", "jieba")]
    return Path(__file__).read_bytes() + repr(versions).encode()


SEARCH_ENTRIES: Final = Kept[list[dict[str, Any]]]("search-entries.pickle", _entries_stamp)


def _toc_urls(toc: Any) -> list[tuple[str, str, list[Any]]]:
    return [(item.id, item.url, _toc_urls(item.children)) for item in toc]


def remember_search_entries(folder: Path) -> None:
    """Replace `SearchIndex.add_entry_from_context` by one that takes a page's entries from
    `folder` (.cache/<edition>/) when the page's inputs are as in an earlier build (once per process)."""
    from material.plugins.search.plugin import SearchIndex

    SEARCH_ENTRIES.use_folder(folder)
    if getattr(SearchIndex.add_entry_from_context, "hetao_remembers", False):
        return
    add = SearchIndex.add_entry_from_context

    def add_kept(self: Any, page: Any) -> None:
        made: list[bool] = []

        def entries_of_page() -> list[dict[str, Any]]:
            start = len(self.entries)
            add(self, page)
            made.append(True)
            return copy.deepcopy(self.entries[start:])

        jieba_state: tuple[Any, ...] = ()
        with contextlib.suppress(ImportError):
            import jieba

            jieba_state = _dictionary_state(jieba.dt)
        inputs = (page.content or "", repr(_toc_urls(page.toc)), page.url, repr(page.meta), str(page.title), repr(jieba_state))
        entries = SEARCH_ENTRIES.get(inputs, entries_of_page)
        if not made:
            self.entries.extend(copy.deepcopy(entries))

    add_kept.hetao_remembers = True  # type: ignore[attr-defined]
    SearchIndex.add_entry_from_context = add_kept
