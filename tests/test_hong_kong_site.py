"""The built Hong Kong edition reads as Hong Kong writes (site tier: the real strict build).

In every HTML page under <site>/zh-hant/, the text a reader sees (text, plus the title, alt,
placeholder and aria-label attributes; not <script> or <style>, nor elements marked lang="zh-Hans"
or lang="en") must hold none of data/hong-kong.yml's Mainland words outside protected names and
term-base forms, no “ ” quotation marks, and no Simplified-only characters. Every offending page
and word is reported in one assertion message.

Run the check over any built site without pytest:
    .venv/bin/python tests/test_hong_kong_site.py /tmp/baseline-site
"""

from __future__ import annotations

import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))

from hetao_docs.chinese import PhraseTable as HongKongTable  # noqa: E402
from hetao_docs.terms import load_terms  # noqa: E402
from tests.support.project import VARIETIES, hant_phrases, load_hong_kong_table  # noqa: E402
from tests.support.project import simplified as simplified_characters  # noqa: E402

VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# Inline elements: their text runs on with the text around them (a term link inside a sentence).
INLINE = frozenset("a abbr b bdi bdo cite code data dfn em i kbd mark q s samp small span strong sub sup time u var".split())
SHOWN_ATTRIBUTES = ("title", "alt", "placeholder", "aria-label")
QUOTES = "“”"


class VisibleText(HTMLParser):
    """The text blocks a reader of a Traditional page sees."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._open: list[tuple[str, bool]] = []  # (tag, hides its content)
        self._hidden = 0

    def _break(self) -> None:
        text = "".join(self._current).strip()
        if text:
            self.blocks.append(text)
        self._current = []

    def _attributes(self, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in SHOWN_ATTRIBUTES and value and value.strip():
                self.blocks.append(value.strip())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        lang = (dict(attrs).get("lang") or "").lower()
        hides = tag in ("script", "style") or lang.startswith(("zh-hans", "en"))
        if tag not in INLINE:
            self._break()
        if not self._hidden and not hides:
            self._attributes(attrs)
        if tag in VOID:
            return
        self._open.append((tag, hides))
        self._hidden += hides

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in INLINE:
            self._break()
        if not self._hidden:
            self._attributes(attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag not in INLINE:
            self._break()
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                self._hidden -= sum(hides for _, hides in self._open[index:])
                del self._open[index:]
                break

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._current.append(data)

    def close(self) -> None:
        super().close()
        self._break()


def visible_blocks(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return parser.blocks


def load_table_and_forms() -> tuple[HongKongTable, frozenset[str]]:
    """The site's phrase table, and the term base's Traditional forms (protected as well)."""
    table = load_hong_kong_table(ROOT / "data" / "hong-kong.yml")
    forms = frozenset(hant_phrases(load_terms(ROOT / "data" / "terms.yaml", VARIETIES)).values())
    return table, forms


def page_url(site: Path, page: Path) -> str:
    url = "/" + page.relative_to(site).as_posix()
    return url.removesuffix("index.html")


def check_pages(site: Path, table: HongKongTable, forms: frozenset[str]) -> tuple[list[str], Counter[str]]:
    """Problems per page of <site>/zh-hant/ (one line per page and kind), and the count of each
    Mainland word over all pages."""
    problems: list[str] = []
    totals: Counter[str] = Counter()
    pages = sorted((site / "zh-hant").rglob("*.html"))
    if not pages:
        return [f"{site}/zh-hant/: no HTML pages"], totals
    for page in pages:
        url = page_url(site, page)
        words: Counter[str] = Counter()
        examples: dict[str, str] = {}
        quotes = 0
        quote_example = ""
        simplified: dict[str, str] = {}
        for block in visible_blocks(page.read_text(encoding="utf-8")):
            for word, at in table.mainland_words(block, forms):
                words[word] += 1
                examples.setdefault(word, block[max(0, at - 6) : at + len(word) + 6].replace("\n", " "))
            found = sum(block.count(mark) for mark in QUOTES)
            if found:
                quotes += found
                quote_example = quote_example or block[:30]
            for char in simplified_characters(block, forms):
                simplified.setdefault(char, block[:30])
        totals.update(words)
        if words:
            listed = "; ".join(f"{word} ×{n} (…{examples[word]}…)" for word, n in sorted(words.items(), key=lambda i: (-i[1], i[0])))
            problems.append(f"{url}: Mainland wording: {listed}")
        if quotes:
            problems.append(f"{url}: {quotes} “ ” quotation marks (e.g. {quote_example}…)")
        if simplified:
            listed = "; ".join(f"{char} (in {example}…)" for char, example in simplified.items())
            problems.append(f"{url}: Simplified characters outside lang=\"zh-Hans\": {listed}")
    return problems, totals


def test_visible_text_skips_scripts_styles_and_marked_languages() -> None:
    html = (
        '<html lang="zh-Hant-HK"><head><title>術語表</title><style>.x{content:"鏈接"}</style></head><body>'
        '<p>見<a href="#x" title="複製本節連結">交叉<b>連</b>結</a>。<br>下一行</p>'
        '<script>var s = "搜索";</script><span lang="zh-Hans">白名单</span><p lang="en">Search “here”</p>'
        '<img alt="圖"><input placeholder="搜尋"></body></html>'
    )
    assert visible_blocks(html) == ["術語表", "複製本節連結", "見交叉連結。", "下一行", "圖", "搜尋"]


def test_check_pages_reports_each_page_and_word(tmp_path: Path) -> None:
    table = HongKongTable(vocabulary={"鏈接": "連結"}, protected={"個人信息保護法"}, fixes={}, words={"鏈接", "信息"})
    pages = {
        "zh-hant/index.html": "<p>交叉鏈接、原文信息與《個人信息保護法》</p>",
        "zh-hant/a/index.html": "<p>稱為“試驗田”，找到 1 个結果</p><p lang=\"zh-Hans\">白名单</p>",
        "zh-hant/b/index.html": "<p>交叉連結與「試驗田」</p>",
    }
    for name, html in pages.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(html, encoding="utf-8")
    problems, totals = check_pages(tmp_path, table, frozenset())
    assert problems == [
        "/zh-hant/a/: 2 “ ” quotation marks (e.g. 稱為“試驗田”，找到 1 个結果…)",
        "/zh-hant/a/: Simplified characters outside lang=\"zh-Hans\": 个 (in 稱為“試驗田”，找到 1 个結果…)",
        "/zh-hant/: Mainland wording: 信息 ×1 (…叉鏈接、原文信息與《個人信息…); 鏈接 ×1 (…交叉鏈接、原文信息與…)",
    ]
    assert totals == {"鏈接": 1, "信息": 1}


def test_hong_kong_edition_reads_as_hong_kong_writes(site: Path) -> None:
    table, forms = load_table_and_forms()
    problems, _ = check_pages(site, table, forms)
    assert not problems, (
        "the Hong Kong edition keeps Mainland wording, quotation marks or Simplified characters "
        "(data/hong-kong.yml, or the zh-hant strings):\n" + "\n".join(problems)
    )


if __name__ == "__main__":
    site_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    found, counts = check_pages(site_dir, *load_table_and_forms())
    print("\n".join(found) or "no problems")
    print("\nMainland words (outside protected names), all pages:")
    for word, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        print(f"  {word}\t{count}")
    sys.exit(1 if found else 0)
