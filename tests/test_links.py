"""Section links: explicit heading ids, copyable permalinks and redirects (hetao_docs.links, and the
plugin in real strict builds of a copy of the project with one page or the redirects file broken)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import PYTHON, EarlyBuilds, build_site, built_site_url, serve_folder
from support.edits import append_markdown, headings_with_ids
from support.project import EDITIONS, ROOT

from hetao_docs.linkcheck import SiteIndex
from hetao_docs.links import (
    RedirectError,
    add_copy_targets,
    heading_id_problems,
    load_redirects,
    markdown_headings,
    redirect_page,
)

PAGE = "docs/zh/problems/coordination.md"
REDIRECT = "redirects:\n  problems/old-name/: problems/coordination/\n"


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


# --- the plugin in a real strict build -----------------------------------------------------------


def _failed_build(project: Path) -> list[str]:
    """The lines a strict build that must fail printed (MkDocs' `ERROR   -  ` cut off: a message of
    several problems is one line per problem)."""
    return _errors(build_site(project / "site", project))


def _errors(result: subprocess.CompletedProcess[str]) -> list[str]:
    assert result.returncode != 0, "the strict build passed"
    return [line.removeprefix("ERROR   -  ") for line in result.stderr.splitlines()]


def _build_command(project: Path) -> list[str]:
    """`docs.py build` of a copy into its site/, as build_site runs it (for EARLY_BUILDS)."""
    return [PYTHON, "scripts/docs.py", "build", "--site-dir", str(project / "site")]


def test_build_fails_on_a_heading_without_id_and_on_a_repeated_id(project_copy: Path) -> None:
    page = project_copy / PAGE
    section = headings_with_ids(page)[1]  # the page's first section after its title
    first = append_markdown(page, f"## 新的小节\n\n正文。\n\n## 又一个小节 {{ #{section.id} }}\n\n正文。\n")
    errors = _failed_build(project_copy)
    assert f"{PAGE}:{first}: heading '新的小节' has no explicit ASCII {{ #id }}" in errors, errors
    assert f"{PAGE}:{first + 4}: heading '又一个小节' repeats id '#{section.id}' of line {section.line}" in errors, errors


def _with_a_setext_heading(project: Path) -> list[str]:
    append_markdown(project / PAGE, "规则衔接障碍之二\n------\n\n正文。\n")
    return _build_command(project)


@pytest.fixture
def setext_heading(early_build: EarlyBuilds) -> subprocess.CompletedProcess[str]:
    """How the build of a copy with a setext heading went (EARLY_BUILDS)."""
    return early_build.result("setext_heading")


def test_build_fails_on_a_setext_heading_with_an_automatic_id(setext_heading: subprocess.CompletedProcess[str]) -> None:
    errors = _errors(setext_heading)
    assert f"{PAGE}: a heading got the automatic id '#_1'; give it an explicit ASCII {{ #id }}" in errors, errors


def _with_a_redirect_to_nowhere(project: Path) -> list[str]:
    (project / "contract" / "redirects.yml").write_text("redirects:\n  problems/old-name/: problems/nowhere/\n", encoding="utf-8")
    return _build_command(project)


@pytest.fixture
def redirect_to_nowhere(early_build: EarlyBuilds) -> subprocess.CompletedProcess[str]:
    """How the build of a copy with a redirect to a page that does not exist went (EARLY_BUILDS)."""
    return early_build.result("redirect_to_nowhere")


def test_build_fails_on_a_redirect_to_nowhere(redirect_to_nowhere: subprocess.CompletedProcess[str]) -> None:
    errors = _errors(redirect_to_nowhere)
    assert (
        "contract/redirects.yml: redirect 'problems/old-name/': new path 'problems/nowhere/' is not a page of the built site"
        in errors
    ), errors


def _redirected(project: Path) -> list[str]:
    """A copy of the project with one page moved (contract/redirects.yml has old-name/ →
    coordination/): its strict build (`docs.py build`)."""
    (project / "contract" / "redirects.yml").write_text(REDIRECT, encoding="utf-8")
    return _build_command(project)


# Copies of the project built in the background while earlier tests run (conftest.py): the failing
# builds' output is read by their tests, the redirected site by redirected_site's.
EARLY_BUILDS = {"setext_heading": _with_a_setext_heading, "redirect_to_nowhere": _with_a_redirect_to_nowhere, "redirected_site": _redirected}


@pytest.fixture(scope="module")
def redirected_site(early_build: EarlyBuilds) -> Path:
    """The project, one page moved (contract/redirects.yml has old-name/ → coordination/), built."""
    early_build.finished("redirected_site")
    return early_build.project("redirected_site") / "site"


def test_build_writes_redirects_in_every_edition(redirected_site: Path) -> None:
    site = SiteIndex(redirected_site)
    for edition in EDITIONS:
        old, new = f"{edition.prefix}problems/old-name/", f"{edition.prefix}problems/coordination/"
        assert site.redirect_target(old) == new
        assert site.resolve_problem(old, "rule-alignment") is None
        page = (redirected_site / old / "index.html").read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="{built_site_url()}{new}">' in page


def test_a_redirect_keeps_the_fragment_in_the_browser(redirected_site: Path, browser: object) -> None:
    server, base = serve_folder(redirected_site, urlsplit(built_site_url()).path)
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        for edition in EDITIONS:
            page.goto(f"{base}/{edition.prefix}problems/old-name/#rule-alignment")
            page.wait_for_url(f"{base}/{edition.prefix}problems/coordination/#rule-alignment")
    finally:
        page.close()
        server.shutdown()
        server.server_close()
