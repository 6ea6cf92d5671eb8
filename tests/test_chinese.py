"""The Hong Kong conversion (hetao_docs/chinese.py + data/hong-kong.yml), fast: no build.

Each kind of table entry is tested both ways (converted in running text; kept inside a protected
name; kept inside a term-base form), then quotation marks, Markdown structure byte for byte, the
wrong conversions found in this site's text, bad tables (one line per problem), and the whole
content: every page of docs/zh and every term definition, converted with the table, keeps no
Mainland word outside protected names and no “ ” quotes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.project import HANT, VARIETIES, load_hong_kong_table, to_hong_kong, to_hong_kong_markdown
from support.project import simplified as _simplified

from hetao_docs.chinese import PhraseTable, PhraseTableError
from hetao_docs.terms import load_terms, variety_phrases

ROOT = Path(__file__).resolve().parent.parent
TABLE_PATH = ROOT / "data" / "hong-kong.yml"
DOCS_ZH = ROOT / "docs" / "zh"
# Code in a converted page (kept in Simplified, byte for byte): not running text.
CODE = re.compile(r"(?ms:^[ \t]*(`{3,}|~{3,}).*?^[ \t]*\1[ \t]*$)|(`+)[^`].*?\2")


@pytest.fixture(scope="module")
def table() -> PhraseTable:
    return load_hong_kong_table(TABLE_PATH)


@pytest.fixture(scope="module")
def phrases() -> dict[str, str]:
    return variety_phrases(load_terms(ROOT / "data" / "terms.yaml", VARIETIES), HANT.lang)


# A small table of each kind, independent of the data file's wording.
SMALL = PhraseTable(
    vocabulary={"鏈接": "連結", "原文信息": "原文資料", "質量": "質素", "運營": "營運"},
    protected=frozenset({"個人信息保護法", "高質量發展"}),
    fixes={"刊髮網": "刊發網"},
    words=frozenset({"鏈接", "信息", "質量", "運營"}),
)


# ------------------------------------------------------------------ each kind, both directions


def test_vocabulary_converts_running_text() -> None:
    assert to_hong_kong("见原文信息和交叉链接。", table=SMALL) == "見原文資料和交叉連結。"


def test_vocabulary_keeps_a_protected_name() -> None:
    assert to_hong_kong("《个人信息保护法》与高质量发展；数据质量", table=SMALL) == "《個人信息保護法》與高質量發展；數據質素"


def test_vocabulary_keeps_a_term_base_form() -> None:
    phrases = {"公共数据授权运营": "公共數據授權運營"}
    assert to_hong_kong("推进公共数据授权运营，揭牌运营", phrases, SMALL) == "推進公共數據授權運營，揭牌營運"


def test_a_term_form_inside_a_protected_name_still_protects_the_name() -> None:
    # the term form (粵港澳大灣區) is swapped out before OpenCC; the protected name is matched on the whole
    table = PhraseTable(vocabulary={"信息": "資料"}, protected={"粵港澳大灣區（內地、香港）個人信息跨境流動標準合同"}, fixes={})
    text = "《粤港澳大湾区（内地、香港）个人信息跨境流动标准合同》；敏感信息"
    assert to_hong_kong(text, {"粤港澳大湾区": "粵港澳大灣區"}, table) == "《粵港澳大灣區（內地、香港）個人信息跨境流動標準合同》；敏感資料"


def test_fixes_correct_a_wrong_conversion_everywhere_but_term_forms() -> None:
    assert to_hong_kong("刊发网站", table=SMALL) == "刊發網站"
    assert to_hong_kong("刊发网站", {"刊发网站": "刊髮網站"}, SMALL) == "刊髮網站"  # a term form is exact


def test_longest_phrase_wins(table: PhraseTable) -> None:
    assert to_hong_kong("点击即可跳转。点击标题。", table=table) == "按一下即可前往。按標題。"


def test_a_word_wrong_in_some_senses_changes_only_through_its_phrases(table: PhraseTable) -> None:
    assert to_hong_kong("请换成实际访问日期", table=table) == "請換成實際瀏覽日期"
    assert to_hong_kong("实行严格访问控制", table=table) == "實行嚴格存取控制"
    assert to_hong_kong("总书记访问香港", table=table) == "總書記訪問香港"  # a visit: Hong Kong says 訪問 too
    assert to_hong_kong("含有个人信息或重要数据", table=table) == "含有個人信息或重要數據"
    assert to_hong_kong("原文信息", table=table) == "原文資料"


def test_mainland_words_are_found_outside_protected_names_and_kept_forms() -> None:
    text = "原文信息、個人信息保護法、交叉鏈接與區塊鏈接起來"
    assert SMALL.mainland_words(text, keep={"區塊鏈"}) == [("信息", 2), ("鏈接", 15)]


def test_without_a_table_only_characters_change() -> None:
    assert to_hong_kong("“链接”与税") == "“鏈接”與稅"
    assert to_hong_kong("“链接”", {"链接": "鏈接"}) == "“鏈接”"


# ------------------------------------------------------------------ quotation marks


@pytest.mark.parametrize(
    ("simplified", "hong_kong"),
    [
        ("称为“试验田”。", "稱為「試驗田」。"),
        ("“超2.5亿元”“百亿元”", "「超2.5億元」「百億元」"),
        ("他说：“文件称‘可用不可见’。”", "他説：「文件稱『可用不可見』。」"),
        ("他说：“文件称“可用不可见”。”", "他説：「文件稱『可用不可見』。」"),  # nested “ ” too
        ("「已有“引号”」", "「已有『引號』」"),  # inside corner brackets already there
        ("“一层‘二层“三层”’”", "「一層『二層「三層」』」"),
        ("Hong Kong’s “data”", "Hong Kong’s 「data」"),  # an apostrophe stays
        ("只有左引号“没有右引号\n\n下一段“完整”", "只有左引號“沒有右引號\n\n下一段「完整」"),
    ],
)
def test_quotation_marks(simplified: str, hong_kong: str) -> None:
    assert to_hong_kong(simplified, table=SMALL) == hong_kong


# ------------------------------------------------------------------ Markdown structure


def test_markdown_keeps_structure_byte_for_byte(table: PhraseTable) -> None:
    markdown = (
        "## 搜索术语 { #search-terms }\n\n"
        "见[原文信息](source.md#citation \"“链接”\")，`代码 “链接” 搜索`，税与脱。\n\n"
        "<a href=\"../链接/\" title=\"“搜索”\">点击</a> 与 <span lang=\"zh-Hans\">“链接”</span>\n\n"
        "[ref]: https://example.org/搜索 \n"
        "<https://example.org/链接>\n\n"
        "!!! note \"本站补充：什么是“一点两地”\"\n"
        "    “一点两地”{: .x }\n\n"
        "```text\n“链接” = 搜索\n```\n"
    )
    out = to_hong_kong_markdown(markdown, {"数据跨境": "數據跨境"}, table)
    assert out == (
        "## 搜尋術語 { #search-terms }\n\n"
        "見[原文資料](source.md#citation \"「連結」\")，`代码 “链接” 搜索`，稅與脫。\n\n"
        "<a href=\"../链接/\" title=\"“搜索”\">按</a> 與 <span lang=\"zh-Hans\">“链接”</span>\n\n"
        "[ref]: https://example.org/搜索 \n"
        "<https://example.org/链接>\n\n"
        "!!! note \"本站補充：什麼是「一點兩地」\"\n"
        "    「一點兩地」{: .x }\n\n"
        "```text\n“链接” = 搜索\n```\n"
    )


def test_markdown_without_a_table_is_unchanged_behaviour() -> None:
    assert to_hong_kong_markdown("“链接” `搜索`", {}) == "“鏈接” `搜索`"


# ------------------------------------------------------------------ wrong conversions (regressions)


@pytest.mark.parametrize(
    ("simplified", "hong_kong"),
    [
        ("刊发网站", "刊發網站"),  # OpenCC: 发网 → 髮網 ("hairnet"); source page, three times
        ("未载明刊发网站的名称", "未載明刊發網站的名稱"),
        ("刊发网页", "刊發網頁"),
        ("本站对表格的观察", "本站對表格的觀察"),  # OpenCC: 对表 → 對錶 ("set a watch"); matrix page
        ("对表现的评价", "對表現的評價"),
        ("区块链", "區塊鏈"),  # 鏈 itself stays
    ],
)
def test_wrong_conversions_are_fixed(table: PhraseTable, simplified: str, hong_kong: str) -> None:
    assert to_hong_kong(simplified, table=table) == hong_kong


def test_the_fixes_are_still_needed() -> None:
    """If OpenCC stops making these mistakes, the fixes can go."""
    assert to_hong_kong("刊发网站") == "刊髮網站"
    assert to_hong_kong("对表格") == "對錶格"


# ------------------------------------------------------------------ bad tables


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "hong-kong.yml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(PhraseTableError) as raised:
        load_hong_kong_table(write(tmp_path, text), display_name="data/hong-kong.yml")
    assert str(raised.value) == "\n".join(raised.value.problems)
    return raised.value.problems


def test_bad_entries_one_line_each(tmp_path: Path) -> None:
    text = (
        "vocabulary:\n"  # 1
        "  鏈接:\n"  # 2
        "  搜索: ''\n"  # 3
        "  链接: 連結\n"  # 4
        "  導航: 导览\n"  # 5
        "  信息:\n"  # 6
        "    原文資料: 原文資料\n"  # 7
        "    完整信息: [資料]\n"  # 8
        "  站點: 12\n"  # 9
        "  高校: 大學\n"  # 10
        "  高校: 大學\n"  # 11
        "  鏈接一: 連結\n"  # 12 (ok)
        "  個人信息保護法: 個人資料保護法\n"  # 13
        "protected:\n"  # 14
        "  - 个人信息保护法\n"  # 15
        "  - ''\n"  # 16
        "  - 個人信息保護法\n"  # 17
        "fixes:\n"  # 18
        "  刊髮網: 刊髮網\n"  # 19
    )
    assert problems(tmp_path, text) == [  # in line order
        "data/hong-kong.yml:2: vocabulary '鏈接': must map to text",
        "data/hong-kong.yml:3: vocabulary '搜索': must not map to empty text",
        "data/hong-kong.yml:4: vocabulary '链接': has Simplified characters (链): write it as s2hk outputs it, '鏈接'",
        "data/hong-kong.yml:5: vocabulary '導航': the Hong Kong form '导览' has Simplified characters (导, 览)",
        "data/hong-kong.yml:7: vocabulary '信息': phrase '原文資料': does not contain the word '信息'",
        "data/hong-kong.yml:7: vocabulary '信息': phrase '原文資料': maps to itself",
        "data/hong-kong.yml:8: vocabulary '信息': phrase '完整信息': must map to text",
        "data/hong-kong.yml:9: vocabulary '站點': must map to text",
        "data/hong-kong.yml:11: vocabulary '高校': listed twice (first at line 10; YAML keeps only the last)",
        "data/hong-kong.yml:13: vocabulary '個人信息保護法': also protected (line 17), so it never applies",
        "data/hong-kong.yml:15: protected '个人信息保护法': has Simplified characters (个, 护): write it as s2hk outputs it, '個人信息保護法'",
        "data/hong-kong.yml:16: protected item 2: must be text",
        "data/hong-kong.yml:19: fixes '刊髮網': maps to itself",
    ]


def test_bad_structure(tmp_path: Path) -> None:
    assert problems(tmp_path, "vocabulary: [鏈接]\nprotect: []\nfixes: {}\n") == [
        "data/hong-kong.yml:1: section 'protected' is missing",
        "data/hong-kong.yml:1: vocabulary: must be a mapping of wrong or Mainland forms to Hong Kong forms",
        "data/hong-kong.yml:2: unknown section 'protect' (allowed: vocabulary, protected, fixes)",
    ]
    assert problems(tmp_path, "- 鏈接\n") == [
        "data/hong-kong.yml:1: must be a mapping with the sections vocabulary, protected, fixes",
    ]
    assert problems(tmp_path, "vocabulary: {}\nprotected: 個人信息\nfixes:\n  刊髮網: 刊發網\n") == [
        "data/hong-kong.yml:2: protected: must be a list of names",
    ]


def test_a_target_that_keeps_a_mainland_word_is_named(tmp_path: Path) -> None:
    text = "vocabulary:\n  搜索: 搜尋\n  鏈接: 搜索連結\nprotected: []\nfixes: {}\n"
    assert problems(tmp_path, text) == [
        "data/hong-kong.yml:3: vocabulary '鏈接': the Hong Kong form '搜索連結' still contains the Mainland word '搜索'",
    ]


def test_malformed_or_missing_file(tmp_path: Path) -> None:
    [problem] = problems(tmp_path, "vocabulary:\n  鏈接: [連結\nprotected: []\n")
    assert re.fullmatch(r"data/hong-kong.yml:\d: malformed YAML: .+", problem), problem
    with pytest.raises(PhraseTableError, match=r"^data/hong-kong.yml:1: the phrase table is missing$"):
        load_hong_kong_table(tmp_path / "absent.yml", display_name="data/hong-kong.yml")


def test_a_protected_name_the_vocabulary_would_not_touch_is_fine(tmp_path: Path) -> None:
    table = load_hong_kong_table(write(tmp_path, "vocabulary: {}\nprotected: [數據安全法]\nfixes: {}\n"))
    assert table.protected == frozenset({"數據安全法"}) and not table.vocabulary and not table.fixes


# ------------------------------------------------------------------ the site's own table and content


def test_the_table_loads_and_lists_the_words_of_the_review(table: PhraseTable) -> None:
    review = "鏈接 搜索 信息 訪問 點擊 跳轉 一屏讀懂 導航 站點 地址 用户 質量 下劃線 懸停 構建 導入 高校 運營 口徑 落地 抓手"
    assert set(review.split()) <= set(table.words)
    assert {"個人信息保護法", "國家互聯網信息辦公室", "公共數據授權運營", "高質量發展", "數據安全法",
            "網絡數據安全管理條例", "個人信息出境標準合同"} <= set(table.protected)


def converted_content(table: PhraseTable, phrases: dict[str, str]) -> list[tuple[str, str]]:
    """(where, Traditional running text) for every page of docs/zh and every term text."""
    out = [(page.relative_to(ROOT).as_posix(), CODE.sub("", to_hong_kong_markdown(page.read_text(encoding="utf-8"), phrases, table)))
           for page in sorted(DOCS_ZH.rglob("*.md"))]
    for term in load_terms(ROOT / "data" / "terms.yaml", VARIETIES):
        out.append((f"term {term.id}: definition", to_hong_kong(term.definition_zh, phrases, table)))
        if term.usage_note:
            out.append((f"term {term.id}: usage note", to_hong_kong(term.usage_note.zh, phrases, table)))
    return out


def test_whole_content_has_no_mainland_words_left(table: PhraseTable, phrases: dict[str, str]) -> None:
    keep = set(phrases.values())
    left = [f"{where}: {word} in …{text[max(0, at - 8):at + len(word) + 8]}…"
            for where, text in converted_content(table, phrases) for word, at in table.mainland_words(text, keep)]
    assert not left, "Mainland wording left (add a phrase to data/hong-kong.yml, or protect the name):\n" + "\n".join(left)


def test_whole_content_has_no_mainland_quotation_marks(table: PhraseTable, phrases: dict[str, str]) -> None:
    left = [f"{where}: …{text[max(0, m.start() - 10):m.end() + 10]}…"
            for where, text in converted_content(table, phrases) for m in re.finditer("[“”‘’]", text)]
    assert not left, "quotation marks not converted:\n" + "\n".join(left)


def test_whole_content_has_no__simplified(table: PhraseTable, phrases: dict[str, str]) -> None:
    keep = set(phrases.values())
    found = [f"{where}: {' '.join(chars)}" for where, text in converted_content(table, phrases)
             if (chars := _simplified(re.sub(r'<span lang="zh-Hans">.*?</span>', "", text), keep))]
    assert not found, "Simplified characters in the Traditional text:\n" + "\n".join(found)


def test_simplified_characters_judge_in_context() -> None:
    assert _simplified("找到 1 个符合條件的結果") == ["个"]
    assert _simplified("用戶、批准、公里、平台、説") == []  # Hong Kong forms, and characters right in context
    assert _simplified("備案制", keep={"備案制"}) == []
