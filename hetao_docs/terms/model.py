"""The term base's data types, shared by loading, scanning, rendering and annotating."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from hetao_docs.editions import Edition

Confidence = Literal["high", "medium", "low", "none"]


@dataclass(frozen=True)
class EnSource:
    """Where the preferred English rendering comes from."""

    confidence: Confidence
    authority: str | None = None
    document: str | None = None
    url: str | None = None
    note: str | None = None
    checked: str | None = None  # YYYY-MM-DD: when we last checked the source supports the rendering


Usage = Literal["mainland", "hong-kong", "general"]
Status = Literal["preferred", "admitted", "deprecated"]
FormLang = Literal["zh-Hans", "zh-Hant-HK", "en"]  # the languages of a term's forms


@dataclass(frozen=True)
class Source:
    """Where one rendering comes from, precisely: the document, its issuer, a locator ("Cap. 486, s. 2")."""

    document: str
    issuer: str | None = None
    locator: str | None = None
    url: str | None = None
    date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    checked: str | None = None  # YYYY-MM-DD: when we last checked it


@dataclass(frozen=True)
class Rendering:
    """Whose usage one form of a term is (IATE "regional usage", WIPO Pearl "geographical variant")."""

    form: str
    lang: FormLang
    usage: Usage
    status: Status
    why: str | None = None  # required for a deprecated form
    source: Source | None = None


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
    renderings: tuple[Rendering, ...] = ()
    line: int = 0  # where the entry starts in the term base
    field_lines: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False)  # top-level field → line


def name_for(term: Term, edition: Edition) -> str:
    """How `edition` names a term: the form its readers' usage prefers where the term base records
    one (a Hong Kong edition: 個人資料（私隱）條例), else the edition's own field of the term."""
    for rendering in term.renderings:
        if rendering.lang == edition.form_lang and rendering.usage == edition.usage and rendering.status == "preferred":
            return rendering.form
    name: str = getattr(term, edition.term_form)
    return name


def rendering_of(term: Term, form: str, lang: str) -> Rendering | None:
    """The record of one form of the term, if the term base has one."""
    key = form.casefold()
    return next((r for r in term.renderings if r.lang == lang and r.form.casefold() == key), None)


class TermBaseError(Exception):
    """The term base is invalid. Each problem is one self-contained line: file:line: term 'id': field 'f': message."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems
