"""Our shared markup (hetao_docs/markup.py): the description of Python-Markdown's ¶ link that
links.py and hosting.py read, and the heading slots the concerns add under headings through."""

from __future__ import annotations

import markdown

from hetao_docs.markup import GLOSSARY_ROW_HEADING, HEADERLINK, HEADERLINK_OPEN, HeadingSlots, glossary_row_heading


def _rendered(text: str) -> str:
    return markdown.markdown(text, extensions=["toc", "attr_list"], extension_configs={"toc": {"permalink": "¶", "permalink_title": "t"}})


def test_the_toc_extensions_permalink_is_written_as_markup_describes_it() -> None:
    page = _rendered("## 规则 { #rule-alignment }\n\ntext\n")
    found = HEADERLINK_OPEN.search(page)
    assert found and found.group("id") == "rule-alignment", page
    assert HEADERLINK.sub("", page) == '<h2 id="rule-alignment">规则</h2>\n<p>text</p>'


def test_heading_slots_insert_each_addition_under_its_heading_in_order() -> None:
    page = _rendered("## A { #a data-article=\"5\" }\n\nx\n\n### B { #b }\n\ny\n")
    slots = HeadingSlots(page)
    assert [(h.level, h.id, 'data-article="5"' in h.attributes) for h in slots.headings()] == [(2, "a", True), (3, "b", False)]
    slots.add("a", "<p>1</p>")
    slots.add("b", "<p>3</p>")
    slots.add("a", "<p>2</p>")
    out = slots.insert(page.replace("<p>x</p>", "<p>x, edited</p>"))
    assert "</h2><p>1</p><p>2</p>\n<p>x, edited</p>" in out and "</h3><p>3</p>" in out
    assert HeadingSlots(page).insert(page) == page


def test_a_glossary_rows_heading_is_found_as_written() -> None:
    match = GLOSSARY_ROW_HEADING.match(glossary_row_heading(3, "whitelist", "白名单 &amp; x"))
    assert match is not None and match.groups() == ("3", "whitelist")
