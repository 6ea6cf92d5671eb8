"""Every assumption hetao_docs makes about Material's internals (hetao_docs/material.py lists them,
numbered), checked against the installed Material: after an upgrade, the failing test names what to
update. Browser tests check the same assumptions at work (test_on_demand.py, test_search_browser.py)."""

from __future__ import annotations

import re
from pathlib import Path

import material as material_package
import pytest

from hetao_docs import material
from hetao_docs.material import MaterialError, dark_scheme_css, find_palette_stylesheet, localize_theme_links, use_search_worker

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(material_package.__file__).parent / "templates"
THEME = ROOT / "hetao_docs" / "theme"


def _one(pattern: str) -> str:
    found = sorted(TEMPLATES.glob(pattern))
    assert len(found) == 1, f"Material ships {len(found)} files matching {pattern}"
    return found[0].read_text(encoding="utf-8")


BUNDLE = _one("assets/javascripts/bundle.*.min.js")
WORKER = _one("assets/javascripts/workers/search.*.min.js")
BASE = (TEMPLATES / "base.html").read_text(encoding="utf-8")


def test_1_worker_message_types_match_our_wrapper() -> None:
    # Material's worker answers a QUERY message (type 2) with a RESULT (type 3).
    assert re.search(r"case 2:let \w+=\w+\.data;try\{return\{type:3,", WORKER), "SearchMessageType changed"
    ours = (THEME / "assets/javascripts/workers/search-hetao.js").read_text(encoding="utf-8")
    assert f"var QUERY = {material.QUERY_MESSAGE} " in ours and f"var RESULT = {material.RESULT_MESSAGE} " in ours


def test_2_index_is_requested_with_xhr_and_the_worker_used_through_four_methods() -> None:
    assert re.search(r"new XMLHttpRequest;return \w+\.open\(\"GET\"", BUNDLE), "the index is no longer an XHR"
    assert f'new URL("{material.SEARCH_INDEX}",' in BUNDLE, "the index is no longer fetched from search/search_index.json"
    assert "new Worker(" in BUNDLE
    loader = (THEME / "assets/javascripts/search-loader.js").read_text(encoding="utf-8")
    for method in material.WORKER_METHODS:
        assert f'"{method}"' in loader


def test_3_search_runs_on_keyup() -> None:
    assert re.search(r'\w\(\w,"keyup"\),\w+\)\.pipe\(\w\(\(\)=>\w\.value\)', BUNDLE), "search no longer listens to keyup"


def test_4_page_config_names_the_worker() -> None:
    assert '<script id="__config" type="application/json">' in BASE
    assert re.search(r'"search": "assets/javascripts/workers/search\.[0-9a-f]{8}\.min\.js" \| url', BASE)
    page = '<script id="__config" type="application/json">{"base": ".", "search": "assets/javascripts/workers/search.a1.min.js"}</script>'
    out = use_search_worker(page, "search-hetao.b2.min.js")
    assert '"search": "assets/javascripts/workers/search-hetao.b2.min.js?material=search.a1.min.js"' in out
    assert use_search_worker(out, "search-hetao.b2.min.js") == out
    assert use_search_worker("<p>no config</p>", "x.js") == "<p>no config</p>"


def test_5_alternates_are_the_switcher_and_head_links() -> None:
    assert '<link rel="alternate" href="{{ alt.link | url }}" hreflang="{{ alt.lang | d(lang.t(\'language\')) }}">' in BASE
    switcher = (TEMPLATES / "partials" / "alternate.html").read_text(encoding="utf-8")
    assert '<a href="{{ alt.link | url }}" hreflang="{{ alt.lang }}" class="md-select__link">' in switcher
    assert 'new URL("sitemap.xml",' in BUNDLE and 'M("link[rel=alternate]")' in BUNDLE
    page = (
        '<html lang="zh-Hant-HK">\n<head>\n  <link rel="alternate" href="/" hreflang="zh-Hans">\n'
        '  <link rel="alternate" hreflang="en" href="https://x/en/a/">\n</head>\n<body>'
        '<a href="/en/" hreflang="en" class="md-select__link">English</a></body>'
    )
    out = localize_theme_links(page, {"en": "../../en/a/"})
    assert 'href="/" hreflang' not in out and 'hreflang="en" href="https://x/en/a/"' in out
    assert '<a href="../../en/a/" hreflang="en" lang="en" class="md-select__link">' in out
    assert '<a href="/en/" hreflang="en" lang="en" class="md-select__link">' in localize_theme_links(page, None)


def test_6_language_partial_is_materials_plus_our_catalog() -> None:
    theirs = [line for line in (TEMPLATES / "partials" / "language.html").read_text(encoding="utf-8").splitlines() if line.startswith("{% ")]
    ours = [line for line in (THEME / "partials" / "language.html").read_text(encoding="utf-8").splitlines() if line.startswith("{% ")]
    assert theirs[:2] == ours[:2], "Material's language partial imports changed"
    assert theirs[2] == "{% macro t(key) %}{{ lang.t(key) or fallback.t(key) or key }}{% endmacro %}"
    assert ours[2] == "{% macro t(key) %}{{ config.extra.hetao_material[key] or lang.t(key) or fallback.t(key) or key }}{% endmacro %}"
    assert "<html lang=\"{{ lang.t('language') }}\"" in BASE


def test_7_dark_scheme_keeps_slate_rules_for_indigo_and_applies_them_to_the_page() -> None:
    css = (
        "[data-md-color-primary=indigo]{--a:1}"
        "[data-md-color-scheme=slate]{--d:4}"
        "[data-md-color-scheme=slate][data-md-color-primary=indigo]{--e:5}"
        "[data-md-color-scheme=slate][data-md-color-primary=pink]{--f:6}"
        "[data-md-color-scheme=slate] img.x,[data-md-color-scheme=default] img.y{--g:7}"
        ".plain{--h:8}"
        "@media screen{[data-md-color-scheme=slate]{--i:9}[data-md-color-primary=red] .x{--j:10}}"
        "@media print{.p{--k:11}}"
    )
    system, chosen = ":root:not([data-hetao-scheme=light])", ":root[data-hetao-scheme=dark]"
    assert dark_scheme_css(css) == (
        "@media (prefers-color-scheme: dark){"
        f"{system}{{--d:4}}"
        f"{system}{{--e:5}}"
        f"{system} img.x{{--g:7}}"
        f"@media screen{{{system}{{--i:9}}}}"
        "}"
        f"{chosen}{{--d:4}}"
        f"{chosen}{{--e:5}}"
        f"{chosen} img.x{{--g:7}}"
        f"@media screen{{{chosen}{{--i:9}}}}"
    )


def test_7_dark_scheme_of_materials_stylesheet() -> None:
    stylesheet = find_palette_stylesheet([str(TEMPLATES)])
    css = stylesheet.read_text(encoding="utf-8")
    dark = dark_scheme_css(css)
    assert len(dark) < 0.8 * len(css)  # twice (system setting, reader's choice) the slate rules for indigo
    assert dark.startswith("@media (prefers-color-scheme: dark){")
    assert "color-scheme:dark" in dark and "--md-hue" in dark and "--md-default-bg-color" in dark
    assert "data-md-color" not in dark
    assert dark.count("{") == dark.count("}")


def test_7_a_palette_without_a_dark_scheme_is_an_error() -> None:
    with pytest.raises(MaterialError, match="slate"):
        dark_scheme_css("[data-md-color-primary=indigo]{--a:1}")



def test_8_clipboard_copies_data_clipboard_text() -> None:
    assert '"[data-clipboard-target], [data-clipboard-text]"' in BUNDLE


def test_9_canonical_link_is_page_canonical_url_and_search_excludes_marked_elements() -> None:
    assert re.search(r'<link rel="canonical" href="\{\{ page\.canonical_url \}\}">', BASE)
    from material.plugins.search import plugin as search_plugin

    assert "data-search-exclude" in Path(search_plugin.__file__).read_text(encoding="utf-8")


def test_10_search_segments_han_runs_with_jiebas_cut_and_remembered_words_are_the_same() -> None:
    import jieba
    from material.plugins.search.plugin import SearchIndex

    text = "深港协同与河套数据跨境流动 data 数据跨境负面清单"
    index = SearchIndex()
    before = index._segment_chinese(text)
    assert "\u200b" in before, "Material no longer segments Chinese with jieba"
    material.remember_jieba_words()
    material.remember_jieba_words()  # once: not a memo of a memo
    calls: list[bytes] = []
    remembered = jieba.cut
    jieba.cut = lambda sentence, *a, **k: calls.append(sentence) or remembered(sentence, *a, **k)
    try:
        assert index._segment_chinese(text) == index._segment_chinese(text) == before
    finally:
        jieba.cut = remembered
    assert calls == ["深港协同与河套数据跨境流动".encode(), "数据跨境负面清单".encode()] * 2, "Material's calls changed"


def test_10_remembered_words_are_segmented_once_per_dictionary() -> None:
    import jieba

    material.remember_jieba_words()
    text = "河套深港科技创新合作区的数据保税研发".encode()
    dags: list[str] = []
    get_dag = jieba.dt.get_DAG
    jieba.dt.get_DAG = lambda sentence: dags.append(sentence) or get_dag(sentence)  # type: ignore[method-assign]
    try:
        first = list(jieba.cut(text))
        assert list(jieba.cut(text)) == first and len(dags) == 1
        jieba.add_word("数据保税研发", freq=1_000_000)  # another dictionary: segmented again
        assert "数据保税研发" in list(jieba.cut(text)) and len(dags) == 2
    finally:
        del jieba.dt.get_DAG
        jieba.del_word("数据保税研发")


def test_10_kept_words_are_found_without_loading_the_dictionary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build process whose Chinese text is as in the last build never loads jieba's dictionary."""
    import jieba

    def new_process() -> None:
        for name, value in (("_words_folder", []), ("_words", {}), ("_used", set()), ("_as_loaded", {})):
            monkeypatch.setattr(material, name, value)

    text = "前海深港现代服务业合作区的数据出境".encode()
    new_process()
    jieba.initialize()
    material._as_loaded[jieba.dt.dictionary] = jieba.dt.total  # as the process that loaded it records
    material.remember_jieba_words(tmp_path)
    words = list(jieba.cut(text))
    material.save_jieba_words()
    new_process()
    material.remember_jieba_words(tmp_path)
    monkeypatch.setattr(jieba.dt, "get_DAG", lambda sentence: pytest.fail(f"segmented again: {sentence}"))
    unloaded = jieba.Tokenizer()
    unloaded.initialize = lambda *args: pytest.fail("the dictionary was loaded")  # type: ignore[method-assign]
    monkeypatch.setattr(jieba, "dt", unloaded)
    assert list(jieba.cut(text)) == words
    assert not unloaded.initialized


def test_10_a_fresh_copy_of_the_module_learns_the_loaded_dictionary_is_as_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fork server imports material.py again after an edit; jieba stays loaded there, with no
    word added: the kept words' keys ("as loaded") must still match."""
    import jieba

    jieba.initialize()
    monkeypatch.setattr(material, "_as_loaded", {})
    assert material._dictionary_state(jieba.dt) == (jieba.dt.dictionary, jieba.dt.total)
    material.jieba_dictionary_is_as_loaded()
    assert material._dictionary_state(jieba.dt) == (jieba.dt.dictionary, "as loaded")


def test_11_worker_gets_the_index_on_setup_and_the_page_folds_lower_scores_under_more() -> None:
    assert re.search(r"case 0:return yield \w+\(\w\.data\.config\),\w+=new \w+\(\w\.data\),\{type:1\}", WORKER), "SETUP changed"
    assert "items:[...n.values()]" in WORKER or re.search(r"items:\[\.\.\.\w+\.values\(\)\]", WORKER), "results are no longer grouped"
    # the group's page entry is the one without "#"; sections below the first one's score go under "more"
    assert re.search(r'\.includes\("#"\)\),\[\w\]=\w\.splice\(\w,1\),\w=\w\.findIndex\(\w=>\w\.score<\w\)', BUNDLE)
    assert "md-search-result__more" in BUNDLE
    ours = (THEME / "assets/javascripts/workers/search-hetao.js").read_text(encoding="utf-8")
    assert f"var SETUP = {material.SETUP_MESSAGE} " in ours and "var READY = 1 " in ours
    # only the index's config and docs reach the worker: our characters read as one ride in config
    assert re.search(r"\(\{config:(\w),docs:(\w)\}\)=>\w\.next\(\{type:0,data:\{config:\1,docs:\2,options:", BUNDLE), "SETUP's data changed"
    assert "data.config.hetao_variants" in ours


def test_12_offline_plugin_inlines_the_index_as_a_script() -> None:
    offline = (Path(material_package.__file__).parent / "plugins" / "offline" / "plugin.py").read_text(encoding="utf-8")
    assert 'os.path.join(path, "search_index.js")' in offline
    assert 'f.write(f"var __index = {data}")' in offline
    assert material.inline_index("{}") == "var __index = {}"
    assert material.INLINED_INDEX == "search/search_index.js"
    assert "config.use_directory_urls = False" in offline  # the offline copy has page.html URLs
    from material.plugins.offline.plugin import OfflinePlugin

    plugin = OfflinePlugin()
    plugin.load_config({"enabled": True})
    assert material.offline_copy({"material/offline": plugin, "other": object()})
    plugin.load_config({"enabled": False})
    assert not material.offline_copy({"material/offline": plugin})


def test_13_component_observable_emits_each_search_result_with_its_data() -> None:
    assert "window.component$=" in BUNDLE
    # mountSearchResult: the worker's RESULT data, pushed to the page (rendered), then {ref: el, ...data}
    assert re.search(r"\w\.pipe\(\w\(\w+\),\w\(\(\{data:(\w)\}\)=>\1\)\)\.pipe\(\w\((\w)=>\w\.next\(\2\)\),\w\(\(\)=>\w\.complete\(\)\),"
                     r"\w\((\w)=>\w\(\{ref:\w\},\3\)\)\)", BUNDLE), "the search result component changed"
    page = (THEME / "assets/javascripts/search.js").read_text(encoding="utf-8")
    assert "window.component$.subscribe(" in page and "component.ref === result" in page


def test_14_header_includes_the_palette_script_partial_without_a_palette() -> None:
    header = (TEMPLATES / "partials" / "header.html").read_text(encoding="utf-8")
    title, script, switcher = (
        header.index('data-md-component="header-title"'),
        header.index('{% include "partials/javascripts/palette.html" %}'),
        header.index('{% include "partials/alternate.html" %}'),
    )
    assert title < script < switcher
    guard = header[:script].rsplit("{% if", 1)[1]
    assert guard.strip() == "not config.theme.palette is mapping %}", "our switch needs the include also without a palette"
    assert (THEME / "partials" / "javascripts" / "palette.html").exists()


def test_15_materials_code_runs_under_a_policy_without_unsafe_inline_or_eval() -> None:
    for script in (BUNDLE, WORKER):
        assert "eval(" not in script and "new Function" not in script
    handlers = re.compile(r"""\son[a-z]+\s*=\s*["']""")
    for template in [TEMPLATES / "base.html", *TEMPLATES.glob("partials/**/*.html")]:
        assert not handlers.search(template.read_text(encoding="utf-8")), template.name
    assert re.search(r"""url\(["']?data:image/svg\+xml""", _one("assets/stylesheets/main.*.min.css"))


def test_16_a_pages_search_entries_come_from_its_content_toc_url_meta_and_title_and_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from types import SimpleNamespace

    from material.plugins.search import plugin as search_plugin

    toc = [SimpleNamespace(id="scope", url="#scope", children=[SimpleNamespace(id="limits", url="#limits", children=[])])]
    content = '<h1 id="scope">范围</h1><p>跨境数据</p><h2 id="limits">Limits</h2><p>Cross-border data</p>'
    page = SimpleNamespace(content=content, toc=toc, url="problems/x/", meta={}, title="Scope")
    index = search_plugin.SearchIndex()
    index.add_entry_from_context(page)
    assert [entry["location"] for entry in index.entries] == ["problems/x/", "problems/x/#limits"], "Material's entries changed"
    monkeypatch.setattr(search_plugin.SearchIndex, "add_entry_from_context", search_plugin.SearchIndex.add_entry_from_context)
    material.remember_search_entries(tmp_path)
    first = search_plugin.SearchIndex()
    first.add_entry_from_context(page)
    assert first.entries == index.entries
    material.SEARCH_ENTRIES.save()
    monkeypatch.setattr(search_plugin, "Parser", lambda: pytest.fail("the page was parsed again"))
    kept = search_plugin.SearchIndex()
    kept.add_entry_from_context(page)
    kept.add_entry_from_context(page)
    assert kept.entries == index.entries * 2 and kept.entries[0] is not kept.entries[2]
    with pytest.raises(pytest.fail.Exception, match="parsed again"):
        kept.add_entry_from_context(SimpleNamespace(**{**vars(page), "url": "problems/y/"}))  # another input


def test_17_the_result_component_takes_its_counter_and_list_when_it_mounts() -> None:
    assert re.search(
        r'function \w+\(\w,\{worker\$:\w,query\$:\w\}\)\{let \w=new \w,\w=\w+\(\w\.parentElement\)\.pipe\(\w\(Boolean\)\),'
        r'\w=\w\.parentElement,\w=\w\(":scope > :first-child",\w\),\w=\w\(":scope > :last-child",\w\)', BUNDLE,
    ), "mountSearchResult no longer reads the counter and the list when it mounts"
    loader = (THEME / "assets/javascripts/search-loader.js").read_text(encoding="utf-8")
    deep_link = loader[loader.index("if (/[?&][qh]=/.test(location.search))"):]
    assert deep_link.index('window.addEventListener("load", load)') < deep_link.index("document.addEventListener(")
    search = (THEME / "assets/javascripts/search.js").read_text(encoding="utf-8")
    assert "result.insertBefore(box, result.firstElementChild)" in search
