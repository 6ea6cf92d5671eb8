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


def to_hong_kong(text: str, phrases: Mapping[str, str] | None = None) -> str:
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
