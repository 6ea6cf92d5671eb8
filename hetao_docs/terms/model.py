"""The term base's data types, shared by loading, scanning, rendering and annotating."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

Confidence = Literal["high", "medium", "low", "none"]


@dataclass(frozen=True)
class EnSource:
    """Where the preferred English rendering comes from."""

    confidence: Confidence
    authority: str | None = None
    document: str | None = None
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Bilingual:
    zh: str
    en: str


@dataclass(frozen=True)
class Term:
    """One validated entry of data/terms.yaml, with the derived Traditional form and pinyin filled in."""

    id: str
    zh: str
    zh_hant: str
    pinyin: str
    en: str
    en_alt: tuple[str, ...]
    category: str
    related: tuple[str, ...]
    definition_zh: str
    definition_en: str
    en_source: EnSource
    usage_note: Bilingual | None = None
    aliases_zh: tuple[str, ...] = ()
    aliases_hant: tuple[str, ...] = ()
    line: int = 0  # where the entry starts in the term base
    field_lines: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False)  # top-level field → line


class TermBaseError(Exception):
    """The term base is invalid. Each problem is one self-contained line: file:line: term 'id': field 'f': message."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems
