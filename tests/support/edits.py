"""Edits a test makes to a copy of the project, found from the data's structure (not from text that
an editor may reword tomorrow): a term's field, a definition, a page's headings."""

from __future__ import annotations

import re
from pathlib import Path

from hetao_docs.links import Heading, markdown_headings
from hetao_docs.terms import Term, load_terms
from support.project import VARIETIES

_KEY = re.compile(r"^(?P<indent>\s*)(?P<key>[\w-]+):(?P<value>.*)$")


def first_term(term_base: Path) -> Term:
    return load_terms(term_base, VARIETIES, display_name=term_base.name)[0]


def replace_line(path: Path, number: int, text: str) -> str:
    """Line `number` (1-based) of `path` becomes `text`; the old line is returned."""
    lines = path.read_text(encoding="utf-8").split("\n")
    old, lines[number - 1] = lines[number - 1], text
    path.write_text("\n".join(lines), encoding="utf-8")
    return old


def prefix_definition_en(term_base: Path, words: str) -> Term:
    """Put `words` before the English definition of the term base's first term; that term."""
    term = first_term(term_base)
    lines = term_base.read_text(encoding="utf-8").split("\n")
    start = term.field_lines["definition"]  # 1-based line of `definition:`
    number = next(n for n in range(start + 1, len(lines) + 1) if (m := _KEY.match(lines[n - 1])) and m["key"] == "en")
    value = _KEY.match(lines[number - 1])["value"].strip()  # type: ignore[index]
    if value in (">", ">-", "|", "|-"):  # a block scalar: the text starts on the next line
        body = lines[number]
        indent = len(body) - len(body.lstrip())
        lines[number] = f"{body[:indent]}{words} {body[indent:]}"
    else:
        quote = value[:1] if value[:1] in "'\"" else ""
        key = lines[number - 1][: lines[number - 1].index(":") + 1]
        lines[number - 1] = f"{key} {quote}{words} {value[len(quote):]}"
    term_base.write_text("\n".join(lines), encoding="utf-8")
    return term


def headings_with_ids(page: Path) -> list[Heading]:
    return [h for h in markdown_headings(page.read_text(encoding="utf-8")) if h.id]


def append_markdown(page: Path, markdown: str) -> int:
    """Add `markdown` at the end of a page; the line number its first line gets."""
    text = page.read_text(encoding="utf-8").rstrip("\n")
    page.write_text(text + "\n\n" + markdown, encoding="utf-8")
    return len(text.splitlines()) + 2
