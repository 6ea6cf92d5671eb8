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


Status = Literal["preferred", "admitted", "deprecated"]


@dataclass(frozen=True)
class Source:
    """Where one rendering comes from, precisely: the document, its issuer, a locator ("Cap. 486, s. 2")."""

    document: str
    issuer: str | None = None
    locator: str | None = None
    url: str | None = None
    date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD


@dataclass(frozen=True)
class Rendering:
    """Whose usage one form of a term is (IATE "regional usage", WIPO Pearl "geographical variant")."""

    form: str
    lang: str  # the variety's tag (data/editions.yml: Varieties.langs)
    usage: str  # a usage of the edition table's
    status: Status
    why: str | None = None  # required for a deprecated form
    source: Source | None = None


@dataclass(frozen=True)
class Bilingual:
    zh: str
    en: str


@dataclass(frozen=True)
class Term:
    """One validated entry of data/terms.yaml, with its forms in every variety and pinyin filled in."""

    id: str
    zh: str
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
    # per variety's tag, in the table's order (Simplified, each converted edition's, English): the
    # form and its aliases (a converted variety's derived through its conversion unless overridden)
    forms: tuple[tuple[str, tuple[str, ...]], ...] = ()
    renderings: tuple[Rendering, ...] = ()
    line: int = 0  # where the entry starts in the term base
    field_lines: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False)  # top-level field → line


    def forms_in(self, lang: str) -> tuple[str, ...]:
        """The term's form and aliases in the variety `lang` (nothing for an unknown tag)."""
        return next((forms for tag, forms in self.forms if tag == lang), ())

    def form_in(self, lang: str) -> str:
        return self.forms_in(lang)[0]

    @property
    def zh_hant(self) -> str:
        """The first converted variety's form (the exports' one Traditional column)."""
        return self.forms[1][1][0]

    @property
    def aliases_hant(self) -> tuple[str, ...]:
        return self.forms[1][1][1:]


def name_for(term: Term, edition: Edition) -> str:
    """How `edition` names a term: the form its readers' usage prefers where the term base records
    one (a Hong Kong edition: 個人資料（私隱）條例), else the term's form in the edition's variety."""
    for rendering in term.renderings:
        if rendering.lang == edition.form_lang and rendering.usage == edition.usage and rendering.status == "preferred":
            return rendering.form
    return term.form_in(edition.form_lang)


def rendering_of(term: Term, form: str, lang: str) -> Rendering | None:
    """The record of one form of the term, if the term base has one."""
    key = form.casefold()
    return next((r for r in term.renderings if r.lang == lang and r.form.casefold() == key), None)


class TermBaseError(Exception):
    """The term base is invalid. Each problem is one self-contained line: file:line: term 'id': field 'f': message."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems
