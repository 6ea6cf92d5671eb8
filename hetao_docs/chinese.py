"""Simplified → Traditional (Hong Kong) conversion and pinyin, shared by the term base and the editions.

OpenCC's `s2hk` gives Hong Kong variants, but for a few characters it picks forms that Hong Kong
government text does not use (税, 脱): CHARACTER_FIXES corrects those. Phrase overrides (the term
base's Traditional forms) win over the converter: they are swapped for placeholders before OpenCC
runs and put back afterwards, longest phrase first.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

import opencc

# Forms used by the HK SAR government (e.g. 稅務局, 脫) where OpenCC's HK variants differ.
CHARACTER_FIXES: dict[str, str] = {"税": "稅", "脱": "脫"}

_PLACEHOLDER = "\ue000{}\ue001"  # private-use code points: never in real text, untouched by OpenCC


@lru_cache(maxsize=1)
def _s2hk() -> opencc.OpenCC:
    return opencc.OpenCC("s2hk")


def _fix_characters(text: str) -> str:
    return text.translate(str.maketrans(CHARACTER_FIXES))


def to_hong_kong(text: str, phrases: Mapping[str, str] | None = None, table: object = None) -> str:
    """Convert Simplified Chinese to Traditional Chinese as Hong Kong writes it.

    `phrases` maps Simplified phrases to the exact Traditional form to use (term-base overrides).
    """
    if not phrases:
        return _fix_characters(_s2hk().convert(text))
    ordered = sorted(phrases, key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, ordered)))
    kept: list[str] = []

    def protect(match: re.Match[str]) -> str:
        kept.append(phrases[match.group(0)])
        return _PLACEHOLDER.format(len(kept) - 1)

    converted = _fix_characters(_s2hk().convert(pattern.sub(protect, text)))
    return re.sub("\ue000(\\d+)\ue001", lambda m: kept[int(m.group(1))], converted)


def pinyin_syllables(text: str, tones: bool) -> list[str]:
    """Pinyin syllables of `text`, with tone marks (báimíngdān) or without (baimingdan)."""
    from pypinyin import Style, lazy_pinyin  # here: its dictionaries take 0.3 s to import, and a
    # build whose term base comes from the cache (hetao_docs/terms/load.py) never needs them

    return lazy_pinyin(text, style=Style.TONE if tones else Style.NORMAL)


# What the Traditional converter keeps as is: Simplified text marked as such (an example of a
# Simplified form: <span lang="zh-Hans">白名单</span>), fenced and inline code, link and image
# destinations, reference definitions, autolinks, attribute lists ({ #id .class }), raw HTML tags.
_NOT_TEXT = re.compile(
    r"<(?P<tag>[A-Za-z][A-Za-z0-9]*)\b[^>\n]*\blang=\"zh-Hans\"[^>\n]*>.*?</(?P=tag)>"
    r"|(?ms:^[ \t]*(`{3,}|~{3,}).*?^[ \t]*\2[ \t]*$)"
    r"|(`+)[^`].*?\3"
    r"|\]\([^)\s]*"
    r"|(?m:^[ \t]*\[[^\]\n]+\]:[ \t]*\S+)"
    r"|<(?:https?://|mailto:)[^>\s]+>"
    r"|\{:?[ \t]*[#.][^}\n]*\}"
    r"|</?[A-Za-z][^>\n]*>"
)
_KEPT = "\ue002{}\ue003"  # private-use code points, untouched by OpenCC (chinese.py uses \ue000/\ue001)
_KEPT_BACK = re.compile("\ue002(\\d+)\ue003")


def to_hong_kong_markdown(markdown: str, phrases: Mapping[str, str], table: object = None) -> str:
    """Convert a page's Simplified Markdown to Traditional (Hong Kong), text only: code, URLs, ids,
    HTML tags and text marked lang="zh-Hans" are kept byte for byte."""
    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return _KEPT.format(len(kept) - 1)

    converted = to_hong_kong(_NOT_TEXT.sub(keep, markdown), phrases)
    return _KEPT_BACK.sub(lambda m: kept[int(m.group(1))], converted)


# TEMPORARY STUB (the lead's, until helper-3's HongKongTable lands; replace freely)
class HongKongTableError(Exception):
    pass


class HongKongTable:
    pass


def load_hong_kong_table(path: object) -> HongKongTable:
    return HongKongTable()
