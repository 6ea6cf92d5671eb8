"""The exactness checks (issue 20), unit tier: each check on the real project finds nothing, and
each finds what it is for in a small broken copy (the issue's own examples), one line per finding
as `file:line: reason`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support.project import HANT, VARIETIES, load_hong_kong_table, to_hong_kong_markdown

from hetao_docs.exactness import copies, facts, hedges, hong_kong, parallel, renderings, sources
from hetao_docs.exactness.english import mark_english_runs
from hetao_docs.exactness.exceptions import Exceptions
from hetao_docs.exactness.text import Block, Finding
from hetao_docs.terms import load_terms

ROOT = Path(__file__).resolve().parent.parent
SHARED_COPYCHECK = ROOT.parent / "shared" / "tools" / "copycheck.py"


def report(findings: list[Finding]) -> str:
    return f"{len(findings)} findings:\n" + "\n".join(map(str, findings))


def small_project(tmp_path: Path, files: dict[str, str]) -> Path:
    """A copy of the data the checks read (not a build), with `files` written over it."""
    for folder in ("data", "docs"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


# ---------------------------------------------------------------- 2. hedges kept


def test_pages_term_base_and_source_map_keep_the_articles_hedges() -> None:
    exceptions = Exceptions.load(ROOT)
    findings = hedges.check_blocks(list(hedges.all_blocks(ROOT)), hedges.load_hedges(ROOT), exceptions)
    findings += exceptions.unused("hedge")
    assert not findings, report(findings)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The industry ecosystem gives too little support, and the zone is weak at drawing in high-end resources."),
        ("zh", "香港与内地数据治理标准差异大。"),
        ("zh", "数据安全技术体系不成熟。"),
        ("zh", "企业合规成本高。"),
        ("en", "Companies face high compliance costs."),
        ("zh", "医疗、金融领域的数据互通仍依赖个案审批。"),
        ("en", "Cross-border trading leads the country."),
    ],
)
def test_a_restatement_that_drops_the_hedge_fails(lang: str, text: str) -> None:
    block = Block("docs/x.md", 7, text, lang)
    findings = hedges.check_blocks([block], hedges.load_hedges(ROOT), Exceptions([], []))
    assert [str(f).split(": hedge")[0] for f in findings] == ["docs/x.md:7"], findings


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "the ability to draw in high-end resources is relatively weak"),
        ("zh", "香港与内地数据治理标准差异较大。"),
        ("zh", "数据安全技术体系尚不成熟。"),
        ("en", "Companies face relatively high compliance costs."),
        ("zh", "医疗、金融等关键领域的数据互通仍依赖个案审批。"),
        ("en", "In key sectors such as healthcare and finance, approval is case by case."),
    ],
)
def test_a_restatement_that_keeps_the_hedge_passes(lang: str, text: str) -> None:
    assert not hedges.check_blocks([Block("docs/x.md", 1, text, lang)], hedges.load_hedges(ROOT), Exceptions([], []))


# ---------------------------------------------------------------- 6. Hong Kong wording


def test_hong_kong_edition_has_no_mainland_wording_and_no_unmarked_english() -> None:
    findings = hong_kong.check(ROOT)
    assert not findings, report(findings)


def test_hong_kong_wording_check_finds_the_hong_kong_readers_words(tmp_path: Path) -> None:
    page = "# 测试 { #t }\n\n2027至28财年的预算；首页第一屏；粘贴文字；打印；你和您；为什么。\n\nSee the note for details here.\n"
    strings = (ROOT / "data/strings/zh-hant.yml").read_text(encoding="utf-8") + "zz_test: 您要找什麼\n"
    root = small_project(tmp_path, {"docs/zh/zz-test.md": page, "data/strings/zh-hant.yml": strings})
    found = [str(f) for f in hong_kong.check(root)]
    last = len(strings.splitlines())
    edition = f"Mainland wording in the {HANT.label} edition"
    assert f"data/strings/zh-hant.yml:{last}: {edition}: 您" in "\n".join(found), found
    assert any(f.startswith(f"data/strings/zh-hant.yml:{last}: {edition}: 什麼") for f in found), found
    assert any(f.startswith("docs/zh/zz-test.md:5: English prose") for f in found), found
    converted = to_hong_kong_markdown(page, {}, load_hong_kong_table())
    for mainland in ("財年", "第一屏", "粘貼", "打印", "什麼", "您"):
        assert mainland not in converted
    assert "財政年度" in converted


def test_english_marked_lang_en_is_deliberate() -> None:
    assert hong_kong.english_prose('见<span lang="en">Protection of Personal Data</span>一文') == []
    assert hong_kong.english_prose("见 Protection of Personal Data 一文") == ["Protection of Personal Data"]


# ---------------------------------------------------------------- 7. close copies


def test_no_close_copies_of_the_article() -> None:
    findings = copies.check(ROOT)
    assert not findings, report(findings)


def test_close_copy_check_finds_a_clause_kept_verbatim(tmp_path: Path) -> None:
    root = small_project(
        tmp_path,
        {"docs/zh/zz-test.md": "# 测试 { #t }\n\n据说医疗、金融等关键领域的数据互通仍依赖个案审批。\n\n“医疗、金融等关键领域的数据互通仍依赖个案审批”\n"},
    )
    found = [str(f) for f in copies.check(root) if f.path == "docs/zh/zz-test.md"]
    assert len(found) == 1 and found[0].startswith("docs/zh/zz-test.md:3: close copy: 17"), found


@pytest.mark.skipif(not SHARED_COPYCHECK.exists(), reason="../shared/tools/copycheck.py exists only beside the project's workspace")
def test_close_copy_check_agrees_with_the_shared_copycheck(tmp_path: Path) -> None:
    """Same findings as `copycheck.py --close 16 docs data` on a project with close copies in it."""
    root = small_project(
        tmp_path,
        {
            "docs/zh/zz-test.md": "# 测试 { #t }\n\n据说医疗、金融等关键领域的数据互通仍依赖个案审批。\n",
            "data/zz.yml": "a: 深圳市市长覃伟中在广东省人大会议上表示\n",
        },
    )
    ours = sorted(f"{f.path}:{f.line}" for f in copies.check(root))
    run = subprocess.run([sys.executable, str(SHARED_COPYCHECK), "--close", "16", "docs", "data"], cwd=root, capture_output=True, text=True, check=False)
    theirs = sorted(line.split(": ")[0] for line in run.stdout.splitlines() if line.split(":")[0].startswith(("docs/", "data/")) and ": " in line)
    assert ours == theirs == ["data/zz.yml:1", "docs/zh/zz-test.md:3"], run.stdout


# ---------------------------------------------------------------- 1. parallel QA zh ↔ en


def test_zh_and_en_sections_carry_the_same_numbers_paragraphs_and_terms() -> None:
    findings = parallel.check(ROOT)
    assert not findings, report(findings)


def test_parallel_check_finds_a_number_a_paragraph_and_a_term_missing(tmp_path: Path) -> None:
    zh = '# 测试 { #t }\n\n## 一节 { #one data-article="4" }\n\n交易额超2.5亿元（第4段），涉及白名单。\n'
    en = '# Test { #t }\n\n## One { #one data-article="5" }\n\nMore than RMB 25 million (¶5), on the list.\n'
    root = small_project(tmp_path, {"docs/zh/zz-test.md": zh, "docs/en/zz-test.md": en})
    found = [str(f) for f in parallel.check(root) if "zz-test" in f.path]
    assert "docs/en/zz-test.md:3: section #one: the zh section has the number 250000000, the en section does not" in found, found
    assert any(f.startswith("docs/en/zz-test.md:3: section #one: cites article paragraphs [5]") for f in found), found
    assert any("the zh section uses the term 白名单" in f for f in found), found


def test_amounts_dates_and_paragraphs_are_normalised() -> None:
    assert parallel.numbers("超2.5亿元，百亿元，1050家，2021 年 6 月 10 日", "zh") == {"250000000", "10000000000", "1050", "2021", "6", "10"}
    assert parallel.numbers("RMB 250 million, RMB 10 billion, 1,050 firms, 10 June 2021, Problem 2", "en") == {
        "250000000",
        "10000000000",
        "1050",
        "2021",
        "6",
        "10",
    }
    assert parallel.paragraphs("见第 4–6 段和第9段", "zh") == parallel.paragraphs("see ¶4–6 and ¶9", "en") == {4, 5, 6, 9}


# ---------------------------------------------------------------- 4. one fact, one home


def test_a_fact_reads_the_same_in_the_source_map_the_pages_and_the_glossary() -> None:
    findings = facts.check(ROOT)
    assert not findings, report(findings)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("zh", "园区已聚集 6 家国际组织和 52 家科研机构与研发中心。"),
        ("en", "Shenzhen treats Hetao as a testing ground for cross-border data."),
        ("en", "The park hosts 6 international organizations."),
    ],
)
def test_the_source_maps_old_summary_of_paragraph_2_fails(lang: str, text: str) -> None:
    found = facts.check_blocks([Block("data/article.yml", 15, text, lang)], facts.load_facts(ROOT), Exceptions([], []))
    assert found and all(str(f).startswith("data/article.yml:15: fact '") for f in found), found


# ---------------------------------------------------------------- 5. sources that support


def test_added_context_and_term_base_sources_have_link_locator_and_checked_date() -> None:
    findings = sources.check(ROOT)
    assert not findings, report(findings)


def test_sources_check_finds_a_box_without_locator_or_checked_date(tmp_path: Path) -> None:
    page = (
        "# 测试 { #t }\n\n"
        '!!! info "本站补充：一个框"\n'
        "    正文。\n\n"
        "    来源：某机构，《某规定》，2024-03-22，<https://example.org/a>\n\n"
        '!!! info "本站补充：另一个框"\n'
        "    正文。\n\n"
        "    来源：某机构，《某规定》第二条，2024-03-22，<https://example.org/a>；核对于 2026-12-07。\n\n"
        '!!! info "本站补充：无来源"\n'
        "    正文。\n"
    )
    root = small_project(tmp_path, {"docs/zh/zz-test.md": page})
    found = [str(f) for f in sources.check(root) if f.path == "docs/zh/zz-test.md"]
    assert found == [
        "docs/zh/zz-test.md:6: added context '一个框': source 1 has no locator (article, section, paragraph, number): 某机构，《某规定》，2024-03-22，<https://example.org/a>",
        "docs/zh/zz-test.md:6: added context '一个框': source 1 has no last-checked date (核对于 / checked on YYYY-MM-DD): 某机构，《某规定》，2024-03-22，<https://example.org/a>",
        "docs/zh/zz-test.md:13: added context '无来源': no source paragraph (来源： / Source:) at the end of the box",
    ], found


# ---------------------------------------------------------------- 3. one status per name


def test_every_english_form_has_one_status_and_pages_use_the_preferred_one() -> None:
    findings = renderings.check(ROOT)
    assert not findings, report(findings)


def test_a_deprecated_or_unannounced_non_preferred_form_fails(tmp_path: Path) -> None:
    page = "# Test { #t }\n\nThe Hong Kong-Shenzhen Western Railway and a pilot for cross-border data trading.\n"
    root = small_project(tmp_path, {"docs/en/zz-test.md": page})
    found = [str(f) for f in renderings.check(root) if f.path == "docs/en/zz-test.md"]
    assert any("hk-sz-western-railway': the deprecated form 'Hong Kong-Shenzhen Western Railway'" in f for f in found), found
    assert any("cross-border-data-trading-pilot': the non-preferred form" in f for f in found), found


def test_own_names_are_ours_in_the_term_base() -> None:
    terms = {t.id: t for t in load_terms(ROOT / "data" / "terms.yaml", VARIETIES)}
    assert all(renderings.is_ours(terms[term_id]) for term_id, _ in renderings.own_names(ROOT))


def test_own_rendering_is_marked_once_after_its_first_use_outside_code_and_headings() -> None:
    forms = {"data industry guidance fund": "fund", "r&d in hong kong, application in shenzhen": "rd"}
    page = (
        "<h2>Data industry guidance fund</h2><p>A <a class='hetao-term' href='#'>data industry guidance fund</a> and a "
        "data industry guidance fund; <code>data industry guidance fund</code>.</p>"
    )
    marked = renderings.mark_own_renderings(page, forms, "our rendering")
    assert marked.count("hetao-own-rendering") == 1
    assert 'guidance fund</a> <span class="hetao-own-rendering">(our rendering)</span> and a' in marked
    assert renderings.mark_own_renderings("<p>见 data industry guidance fund。</p>", forms, "本站译名") == (
        '<p>见 data industry guidance fund<span class="hetao-own-rendering">（本站译名）</span>。</p>'
    )


# what a Chinese edition shows in another language on purpose: English, and the Simplified source quoted
DELIBERATE = (VARIETIES.english, VARIETIES.source)


def test_built_chinese_editions_show_no_unmarked_english_prose(site: Path) -> None:
    """Site tier: every page of the zh and zh-hant editions (archived releases excepted: they are
    kept as they were cited) shows English only inside elements marked lang="en"."""
    found = []
    for page in sorted(site.rglob("*.html")):
        name = page.relative_to(site).as_posix()
        if name.startswith(("en/", "releases/")):
            continue
        found += [f"{name}: {run}" for run in hong_kong.english_prose_in_html(page.read_text(encoding="utf-8"), DELIBERATE)]
    assert not found, "\n".join(found)


def test_english_runs_in_chinese_term_base_text_are_marked() -> None:
    marked = mark_english_runs("香港特区政府英文称 cross-boundary data flow；简称CAC。")
    assert marked == '香港特区政府英文称 <span lang="en">cross-boundary data flow</span>；简称CAC。'
    assert hong_kong.english_prose_in_html(f"<p>{marked}</p>", DELIBERATE) == []


def test_a_checked_date_inside_one_source_covers_only_that_source(tmp_path: Path) -> None:
    page = (
        "# 测试 { #t }\n\n"
        '!!! info "本站补充：两个来源"\n'
        "    正文。\n\n"
        "    来源：甲，《甲规定》第一条，2024-03-22，<https://example.org/a>；"
        "乙，《乙规定》第二条，2024-03-22，<https://example.org/b>（核对于 2026-12-07）。\n"
    )
    root = small_project(tmp_path, {"docs/zh/zz-test.md": page})
    found = [str(f) for f in sources.check(root) if f.path == "docs/zh/zz-test.md"]
    assert len(found) == 1 and "source 1 has no last-checked date" in found[0], found
