"""Language of parts (WCAG 3.1.2): Chinese inside text of another language gets its own `lang`.

An English page quotes the article's Chinese ("(大有作为)"), and the Hong Kong edition's English
notes quote Simplified names; without a `lang` an English voice reads them as noise. Every run of
Han characters (with the CJK punctuation around it) in the page's article, where the language in
force is not Chinese, is wrapped in `<span lang=…>`: the Simplified edition's tag when it has
Simplified-only characters, the Traditional edition's when it has Traditional-only ones, else
the primary edition's (the article's). Markup is kept byte for byte; scripts, styles, code and
attributes are left alone; Chinese text in a Chinese context is not touched.
"""

from __future__ import annotations

import importlib.metadata
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Final

from hetao_docs import conversions
from hetao_docs.editions import Edition, Editions
from hetao_docs.kept import Kept

_PUNCTUATION: Final = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20·"
HAN: Final = re.compile(f"[{_PUNCTUATION}]*[\u3400-\u9fff\uf900-\ufaff][{_PUNCTUATION}\u3400-\u9fff\uf900-\ufaff]*")
_VOID: Final = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
_RAW: Final = frozenset({"script", "style", "textarea", "title", "svg", "code", "pre"})


class _Marker(HTMLParser):
    def __init__(self, page_lang: str, lang_of: Callable[[str], str]) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.stack: list[tuple[str, str]] = [("", page_lang)]
        self.lang_of = lang_of

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")
        if tag in _VOID:
            return
        lang = next((value for name, value in attrs if name == "lang" and value is not None), self.stack[-1][1])
        self.stack.append((tag, lang))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index][0] == tag:  # (and whatever was left open inside it)
                del self.stack[index:]
                break

    def handle_data(self, data: str) -> None:
        tags = {tag for tag, _ in self.stack}
        if self.stack[-1][1].lower().startswith("zh") or "article" not in tags or tags & _RAW or not HAN.search(data):
            self.out.append(data)
            return
        self.out.append(HAN.sub(lambda run: f'<span lang="{self.lang_of(run[0])}">{run[0]}</span>', data))

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.out.append(f"<![{data}]>")


def script_of(run: str, convert: Callable[[str, str], str], script_test: tuple[str, str]) -> str | None:
    """"Hans" or "Hant" when the run's characters say so, else None (characters both scripts share).
    `script_test`: the conversions to Traditional and to Simplified (the edition table's)."""
    to_traditional, to_simplified = script_test
    if not to_traditional or not to_simplified:
        return None
    if convert(to_traditional, run) != run:
        return "Hans"
    if convert(to_simplified, run) != run:
        return "Hant"
    return None


def mark(page_html: str, page_lang: str, simplified: str, traditional: str, default: str,
         convert: Callable[[str, str], str], script_test: tuple[str, str]) -> str:
    """`page_html` with each run of Chinese in another language's text (in its article) tagged:
    `simplified` or `traditional` by its characters, else `default`."""
    tags = {"Hans": simplified, "Hant": traditional}

    def lang_of(run: str) -> str:
        script = script_of(run, convert, script_test)
        return tags[script] if script else default

    marker = _Marker(page_lang, lang_of)
    marker.feed(page_html)
    marker.close()
    return "".join(marker.out)


def _stamp() -> bytes:
    """What marked pages depend on besides their inputs: this code, the conversions' and OpenCC's version."""
    return Path(__file__).read_bytes() + Path(conversions.__file__).read_bytes() + importlib.metadata.version("OpenCC").encode()


# The marked pages of the last build (.cache/<edition>/, set by the plugin): a page that comes out of
# a rebuild unchanged is not parsed again (~0.2 s of CPU per edition)
MARKED: Final = Kept[str]("language-parts.pickle", _stamp)


def mark_page(page_html: str, edition: Edition, editions: Editions) -> str:
    """The plugin's call for one built page of `edition`."""
    by_script = {e.script: e.lang for e in editions}
    primary = editions.primary.lang
    simplified, traditional = by_script.get("Hans", primary), by_script.get("Hant", primary)
    script_test = edition.varieties.script_test
    return MARKED.get(
        (page_html, edition.lang, simplified, traditional, primary, *script_test),
        lambda: mark(page_html, edition.lang, simplified, traditional, primary, conversions.convert, script_test),
    )


def quoted_chinese(edition: Edition, editions: Editions) -> str:
    """The `lang` of the Chinese an edition's term definitions show: its own, or (an edition in
    another language) the primary edition's, whose forms the term base gives first."""
    return edition.lang if edition.language == "zh" else editions.primary.lang
