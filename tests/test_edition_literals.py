"""No language tag, usage or OpenCC configuration is written in code: they are the edition table's
(data/editions.yml), and code looks them up (Edition, Varieties, Usage). A new edition is data."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from support.project import EDITIONS, ROOT

# The term base's two languages are its field names (zh, en, definition.zh …), not edition tags.
TERM_BASE_LANGUAGES = frozenset({"zh", "en"})
# The source article's own language (the citation of the article, not an edition's text): to move
# into data/article.yml with the article's other facts.
ARTICLE_LANGUAGE = {"hetao_docs/hosting.py", "hetao_docs/theme/assets/javascripts/hosting.js"}
# OpenCC's configurations (its data/config/*.json), whether the table names them or not.
OPENCC = ("s2t", "t2s", "s2tw", "tw2s", "s2hk", "hk2s", "s2twp", "tw2sp", "t2tw", "hk2t", "t2hk", "t2jp", "jp2t", "tw2t")


def forbidden() -> set[str]:
    words = set(OPENCC)
    for edition in EDITIONS:
        words |= {edition.lang, edition.og_locale, edition.theme_language, edition.usage}
        words |= {edition.conversion or "", edition.phrases or ""}
    varieties = EDITIONS.primary.varieties
    words |= {*varieties.langs, *varieties.usages, *varieties.traditional}
    return {word for word in words if word} - TERM_BASE_LANGUAGES


def code_files() -> list[Path]:
    package = ROOT / "hetao_docs"
    files = [*package.rglob("*.py"), *(ROOT / "scripts").glob("*.py")]
    files += [p for p in (package / "theme").rglob("*.js") if "vendor" not in p.parts and ".min." not in p.name]
    files += list((package / "theme").rglob("*.html"))
    return sorted(files)


def python_literals(text: str, words: set[str]) -> list[str]:
    """Every word of `words` that is a string constant of Python code, or quoted inside one
    (docstrings aside)."""
    tree = ast.parse(text)
    docstrings = {
        id(node.body[0].value) for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            found += [word for word in sorted(words) if node.value == word or f'"{word}"' in node.value or f"'{word}'" in node.value]
    return found


def literals_in(text: str, words: set[str]) -> list[str]:
    """Every word of `words` written as a string literal (quoted), comments aside (JavaScript, HTML)."""
    pattern = re.compile("[\"'`](" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + ")[\"'`]")
    found = []
    for line in text.splitlines():
        code = line.split("#", 1)[0] if not line.lstrip().startswith(("//", "*")) else ""
        found += [match.group(1) for match in pattern.finditer(code)]
    return found


def test_no_tag_usage_or_conversion_is_written_in_code() -> None:
    words = forbidden()
    problems = []
    for path in code_files():
        shown = path.relative_to(ROOT).as_posix()
        text = path.read_text(encoding="utf-8")
        found = python_literals(text, words) if path.suffix == ".py" else literals_in(text, words)
        if shown in ARTICLE_LANGUAGE:
            found = [word for word in found if word != EDITIONS.primary.varieties.source]
        problems += [f"{shown}: {word!r}" for word in found]
    assert not problems, "written in code, but the edition table's (data/editions.yml):\n" + "\n".join(problems)


def test_the_check_finds_a_literal() -> None:
    words = forbidden()
    assert literals_in('x = "zh-Hant-HK"\nconvert("s2hk", t)  # "s2t" in a comment\n', words) == ["zh-Hant-HK", "s2hk"]
    assert literals_in("var LANGS = ['zh-Hans', \"en\"]", words) == ["zh-Hans"]
    code = 'def f():\n    """Converts with "s2hk"."""\n    return convert("s2hk", t) + f\'<span lang="zh-Hans">\'\n'
    assert python_literals(code, words) == ["s2hk", "zh-Hans"]
