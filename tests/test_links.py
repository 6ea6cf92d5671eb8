"""Section links: explicit heading ids, copyable permalinks and redirects (hetao_docs.links, hooks/links.py)."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from hetao_docs.linkcheck import SiteIndex
from hetao_docs.links import (
    RedirectError,
    add_copy_targets,
    heading_id_problems,
    load_redirects,
    markdown_headings,
    redirect_page,
)

ROOT = Path(__file__).resolve().parent.parent


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


# --- heading ids ---------------------------------------------------------------------------------


def test_headings_with_explicit_ids_pass() -> None:
    markdown = "# 标题 { #home }\n\n## 规则衔接障碍 {#rule-alignment}\n\n### 2.1 公共数据 {: #public-data .x }\n"
    assert heading_id_problems(markdown, "docs/zh/x.md") == []
    assert [h.id for h in markdown_headings(markdown)] == ["home", "rule-alignment", "public-data"]


def test_heading_without_id_is_one_line_naming_file_line_and_heading() -> None:
    markdown = "# 标题 { #home }\n\n正文\n\n## 数据跨境流动\n"
    assert heading_id_problems(markdown, "docs/zh/x.md") == [
        "docs/zh/x.md:5: heading '数据跨境流动' has no explicit ASCII { #id }"
    ]


def test_non_ascii_and_duplicate_ids_are_reported() -> None:
    markdown = "## 一 { #监管沙盒 }\n## 二 { #summary }\n## 三 { #summary }\n## 四 { .only-a-class }\n"
    assert heading_id_problems(markdown, "p.md") == [
        "p.md:1: heading '一' id '#监管沙盒' is not an ASCII slug [a-z0-9]+(-[a-z0-9]+)*",
        "p.md:3: heading '三' repeats id '#summary' of line 2",
        "p.md:4: heading '四' has no explicit ASCII { #id }",
    ]


def test_code_blocks_and_non_headings_are_ignored() -> None:
    markdown = "```python\n# a comment, not a heading\n```\n\n~~~~\n## nor this\n~~~~\n\n#hashtag is text\n    # indented code\n"
    assert heading_id_problems(markdown, "p.md") == []


def test_every_source_page_has_explicit_unique_ids() -> None:
    pages = sorted((ROOT / "docs").rglob("*.md"))
    assert pages, "no Markdown pages under docs/"
    problems = [p for page in pages for p in heading_id_problems(page.read_text(encoding="utf-8"), str(page))]
    assert problems == []


# --- permalinks ----------------------------------------------------------------------------------


def test_permalinks_carry_the_full_section_url() -> None:
    html = '<h2 id="rule-alignment">规则<a class="headerlink" href="#rule-alignment" title="复制本节链接">¶</a></h2>'
    result = add_copy_targets(html, "https://example.org/hetao/problems/coordination/")
    assert 'data-clipboard-text="https://example.org/hetao/problems/coordination/#rule-alignment"' in result
    assert 'href="#rule-alignment"' in result  # clicking still updates the address bar


# --- redirects -----------------------------------------------------------------------------------


def test_redirects_file_is_validated(tmp_path: Path) -> None:
    good = tmp_path / "redirects.yml"
    good.write_text("redirects:\n  problems/old/: problems/coordination/\n", encoding="utf-8")
    assert load_redirects(good) == {"problems/old/": "problems/coordination/"}
    bad = tmp_path / "bad.yml"
    bad.write_text("redirects:\n  problems/old/: /problems/coordination\n", encoding="utf-8")
    with pytest.raises(RedirectError, match=r"bad.yml: redirect 'problems/old/': new path '/problems/coordination'"):
        load_redirects(bad)
    assert load_redirects(tmp_path / "absent.yml") == {}


def test_redirect_page_keeps_the_fragment() -> None:
    page = redirect_page("old/page/", "problems/coordination/", "https://example.org/")
    assert 'location.replace("../../problems/coordination/" + location.hash)' in page
    assert 'http-equiv="refresh" content="0; url=../../problems/coordination/"' in page
    assert 'rel="canonical" href="https://example.org/problems/coordination/"' in page


# --- the hook in a real (small) MkDocs build -----------------------------------------------------


def _mini_project(tmp_path: Path, page: str, redirects: str = "redirects: {}\n") -> Path:
    """A tiny Material project that runs our real hooks/links.py (copied so it finds this contract/)."""
    (tmp_path / "hooks").mkdir()
    shutil.copy(ROOT / "hooks" / "links.py", tmp_path / "hooks" / "links.py")
    (tmp_path / "contract").mkdir()
    (tmp_path / "contract" / "redirects.yml").write_text(redirects, encoding="utf-8")
    (tmp_path / "docs" / "problems").mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# 首页 { #home }\n", encoding="utf-8")
    (tmp_path / "docs" / "problems" / "coordination.md").write_text(page, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        textwrap.dedent(
            """\
            site_name: t
            site_url: https://example.org/hetao/
            theme: {name: material, language: zh, font: false}
            plugins: []
            hooks: [hooks/links.py]
            markdown_extensions: [attr_list, {toc: {permalink: "¶"}}]
            """
        ),
        encoding="utf-8",
    )
    return tmp_path


def _build(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(project / "site")],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )


def test_build_fails_on_a_heading_without_id(tmp_path: Path) -> None:
    project = _mini_project(tmp_path, "# 问题二 { #coordination }\n\n## 规则衔接障碍\n")
    result = _build(project)
    assert result.returncode != 0
    assert "docs/problems/coordination.md:3: heading '规则衔接障碍' has no explicit ASCII { #id }" in result.stderr


def test_build_fails_on_a_duplicate_id(tmp_path: Path) -> None:
    project = _mini_project(tmp_path, "# 问题二 { #coordination }\n\n## 甲 { #summary }\n\n## 乙 { #summary }\n")
    result = _build(project)
    assert result.returncode != 0
    assert "docs/problems/coordination.md:5: heading '乙' repeats id '#summary' of line 3" in result.stderr


def test_build_fails_on_a_setext_heading_with_an_automatic_id(tmp_path: Path) -> None:
    project = _mini_project(tmp_path, "# 问题二 { #coordination }\n\n规则衔接障碍\n------\n")
    result = _build(project)
    assert result.returncode != 0
    assert "docs/problems/coordination.md: a heading got the automatic id '#_1'" in result.stderr


def test_build_writes_copy_targets_and_redirects(tmp_path: Path) -> None:
    project = _mini_project(
        tmp_path,
        "# 问题二 { #coordination }\n\n## 规则衔接障碍 { #rule-alignment }\n",
        redirects="redirects:\n  problems/old-name/: problems/coordination/\n",
    )
    result = _build(project)
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "problems" / "coordination" / "index.html").read_text(encoding="utf-8")
    assert 'data-clipboard-text="https://example.org/hetao/problems/coordination/#rule-alignment"' in html
    site = SiteIndex(project / "site")
    assert site.redirect_target("problems/old-name/") == "problems/coordination/"
    assert site.resolve_problem("problems/old-name/", "rule-alignment") is None


def test_a_redirect_keeps_the_fragment_in_the_browser(tmp_path: Path, browser: object) -> None:
    project = _mini_project(
        tmp_path,
        "# 问题二 { #coordination }\n\n## 规则衔接障碍 { #rule-alignment }\n",
        redirects="redirects:\n  problems/old-name/: problems/coordination/\n",
    )
    assert _build(project).returncode == 0
    handler = functools.partial(_QuietHandler, directory=str(project / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        page.goto(f"{base}/problems/old-name/#rule-alignment")
        page.wait_for_url(f"{base}/problems/coordination/#rule-alignment")
    finally:
        page.close()
        server.shutdown()


def test_build_fails_on_a_redirect_to_nowhere(tmp_path: Path) -> None:
    project = _mini_project(
        tmp_path, "# 问题二 { #coordination }\n", redirects="redirects:\n  problems/old-name/: problems/nowhere/\n"
    )
    result = _build(project)
    assert result.returncode != 0
    assert "contract/redirects.yml: redirect 'problems/old-name/': new path 'problems/nowhere/' is not a page" in result.stderr
