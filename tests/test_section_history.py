"""A section's history: texts read from pages the same way in every release, diffs by word or character."""

from __future__ import annotations

from hetao_docs import section_history as h

LABEL = h.HistoryTexts("What changed", "Release {version} ({date})", "Since {version}, unreleased", "From {version} to today", "Legend", "Same")

PAGE = """<html><body><nav><h2 id="nav">Menu</h2></nav><article class="md-content__inner">
<h1 id="page">Page<a class="headerlink" href="#page">¶</a></h1>
<h2 id="one">One<a class="headerlink" href="#one">¶</a></h2><p class="hetao-provenance">¶ 5</p>
<p class="hetao-changed"><a href="x">Last changed</a></p>
<p>First line
continued, with <span class="hetao-term">白名单</span> &amp; more.</p>
<h3 id="sub">Sub</h3><ul><li>a</li><li>b</li></ul><button>Cite</button>
<h2 id="two">Two</h2><p>Two's text.</p><script>var x = 1;</script>
<p class="hetao-release">This page: release 2026.12</p>
</article></body></html>"""


def test_section_texts_are_the_articles_words_without_our_furniture() -> None:
    texts = h.section_texts(PAGE)
    assert texts["one"] == "One\nFirst line continued, with 白名单 & more.\nSub\na\nb"
    assert texts["sub"] == "Sub\na\nb"
    assert texts["two"] == "Two\nTwo's text."
    assert "nav" not in texts  # outside the article


def test_diffs_mark_deletions_and_insertions_by_word_or_character() -> None:
    assert h.diff_html("the whitelist covers few fields", "the whitelist covers some fields", words=True) == (
        "the whitelist covers <del>few</del><ins>some</ins> fields")
    assert h.diff_html("差异较大", "差异很大", words=False) == "差异<del>较</del><ins>很</ins>大"
    # a Latin word or a number inside Chinese text changes whole, and text is escaped
    assert h.diff_html("2026年<b>", "2027年<b>", words=False) == "<del>2026</del><ins>2027</ins>年&lt;b&gt;"


def test_history_lists_each_release_it_changed_in_and_each_earlier_release_against_today() -> None:
    block = h.history_block(
        "one", versions=["2026.12", "2026.12.1"], texts_in={"2026.12": "A b", "2026.12.1": "A c"}, current="A d",
        changed_in=["2026.12", "2026.12.1"], unreleased=True, label=LABEL, date=lambda v: "D", words=True,
    )
    assert block.startswith('<details class="hetao-history" id="hetao-history--one" data-search-exclude><summary>What changed</summary>')
    assert "<h4>Release 2026.12.1 (D)</h4><div class=\"hetao-diff\">A <del>b</del><ins>c</ins></div>" in block
    assert "<h4>Since 2026.12.1, unreleased</h4><div class=\"hetao-diff\">A <del>c</del><ins>d</ins></div>" in block
    since = '<div class="hetao-history__since" data-since="2026.12" hidden><p>From 2026.12 to today</p><div class="hetao-diff">A <del>b</del><ins>d</ins></div>'
    assert since in block
    assert "Release 2026.12 (" not in block  # the release that first published it has nothing to compare
    unchanged = h.history_block("one", versions=["2026.12"], texts_in={"2026.12": "A"}, current="A", changed_in=["2026.12"],
                                unreleased=False, label=LABEL, date=lambda v: "D", words=True)
    assert unchanged == ""


def test_placeholders_are_filled_per_section() -> None:
    page = "<h2 id=\"a\">A</h2>" + h.PLACEHOLDER.format(id="a") + "<h2 id=\"b\">B</h2>" + h.PLACEHOLDER.format(id="b")
    assert h.fill_placeholders(page, lambda i: f"[{i}]" if i == "a" else "") == '<h2 id="a">A</h2>[a]<h2 id="b">B</h2>'


def test_text_in_another_language_keeps_its_lang_through_the_diff() -> None:
    old = h.section_texts('<article><h2 id="a">A</h2><p>例如 <span lang="zh-Hans">白名单</span> 一词</p></article>')["a"]
    new = h.section_texts('<article><h2 id="a">A</h2><p>例如 <span lang="zh-Hans">负面清单</span> 一詞</p></article>')["a"]
    assert h.plain(old) == "A\n例如 白名单 一词"
    diff = h.diff_html(old, new, words=False)
    assert '<del><span lang="zh-Hans">白名</span></del><ins><span lang="zh-Hans">负面清</span></ins><span lang="zh-Hans">单</span>' in diff
    assert diff.endswith(" 一<del>词</del><ins>詞</ins>")


def test_the_release_being_cut_compares_todays_text_with_the_last_archive() -> None:
    block = h.history_block(
        "one", versions=["2026.12"], texts_in={"2026.12": "A b"}, current="A c",
        changed_in=["2026.12", "2027.01"], unreleased=False, label=LABEL, date=lambda v: "D", words=True,
    )
    assert "<h4>Release 2027.01 (D)</h4><div class=\"hetao-diff\">A <del>b</del><ins>c</ins></div>" in block
