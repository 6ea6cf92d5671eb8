"""A term's forms per language variety, as the exports give them (the one place they read the term model).

The varieties are the edition table's (data/editions.yml, `Varieties`): the Simplified source, each
converted edition's Traditional and English, each with the usage its edition's readers follow. For
each, a term has one preferred form, admitted forms, forms that are another jurisdiction's usage
(what the term check flags: a Hong Kong reader should not write 个人信息 where Hong Kong law says
個人資料) and deprecated forms.

A form is judged the same whatever script it is written in: the Hong Kong 個人資料 written in
Simplified (个人资料) is still the Hong Kong term, so under the Simplified variety it is another
jurisdiction's form, never an unmarked alias.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from hetao_docs.chinese import Conversion
from hetao_docs.editions import Edition, Usage, Varieties
from hetao_docs.terms.check_page import fold, fold_table
from hetao_docs.terms.load import variety_phrases
from hetao_docs.terms.model import Rendering, Source, Status, Term

Bucket = Literal["preferred", "admitted", "other-usage", "deprecated"]


@dataclass(frozen=True)
class Form:
    """One form of a term in one variety: whose usage it is, its status there, why, and its source."""

    text: str
    lang: str
    usage: str
    status: Status
    bucket: Bucket
    why: str | None = None
    source: Source | None = None


@dataclass(frozen=True)
class VarietyForms:
    lang: str
    preferred: Form
    admitted: tuple[Form, ...] = ()
    other_usage: tuple[Form, ...] = ()
    deprecated: tuple[Form, ...] = ()

    @property
    def all(self) -> tuple[Form, ...]:
        return (self.preferred, *self.admitted, *self.other_usage, *self.deprecated)


@dataclass(frozen=True)
class TermForms:
    """A term's forms in every variety (in the table's order: Simplified, converted, English), and
    its definitions per variety."""

    term: Term
    varieties: dict[str, VarietyForms] = field(default_factory=dict)
    definitions: dict[str, str] = field(default_factory=dict)

    @property
    def source(self) -> str:
        """The Simplified variety's tag (the term base's own Chinese text)."""
        return next(iter(self.varieties))

    @property
    def english(self) -> str:
        return list(self.varieties)[-1]


def language_pairs(varieties: Varieties) -> tuple[tuple[str, str], ...]:
    """The language pairs a translator works in: each Chinese variety with English, then the
    Simplified one with each converted one."""
    return (
        *((lang, varieties.english) for lang in varieties.chinese),
        *((varieties.source, lang) for lang, _ in varieties.converted),
    )


def locale_code(varieties: Varieties, lang: str) -> str:
    """A variety's locale code as Phrase spells it (zh_cn): its edition's og_locale; a variety
    whose readers follow no one jurisdiction's usage, the bare language (en)."""
    locale = dict(varieties.locale_of).get(lang, lang)
    return locale.split("_")[0] if varieties.usage_for(lang) == varieties.general else locale.lower()


@dataclass(frozen=True)
class VarietyModel:
    """What the exports need to know of the varieties, from the edition table: their tags, whose
    usage each one's readers follow, the usages' geography, the editions' locales, each converted
    variety's conversion, and the characters that fold Traditional to Simplified (the term check's)."""

    varieties: Varieties
    usages: tuple[Usage, ...]
    conversions: Mapping[str, Conversion]  # per converted variety's tag
    folds: Mapping[str, str]  # Traditional character → Simplified (check_page.fold_table)
    phrases: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # per converted tag: the term base's forms

    @property
    def langs(self) -> tuple[str, ...]:
        return self.varieties.langs

    @property
    def source(self) -> str:
        return self.varieties.source

    @property
    def english(self) -> str:
        return self.varieties.english

    def home(self, lang: str) -> str:
        return self.varieties.usage_for(lang)

    @property
    def geography(self) -> dict[str, str]:
        """Per usage, its geographicalUsage (ISO 3166-1 code): the usages that have one."""
        return {usage.name: usage.geography for usage in self.usages if usage.geography}

    @property
    def regions(self) -> dict[str, str]:
        """Per geography code, what it names."""
        return {usage.geography: usage.region or usage.geography for usage in self.usages if usage.geography}

    def locale(self, lang: str) -> str:
        return locale_code(self.varieties, lang)

    @property
    def pairs(self) -> tuple[tuple[str, str], ...]:
        return language_pairs(self.varieties)

    def to_simplified(self, text: str) -> str:
        return fold(text, self.folds)

    def in_script(self, text: str, lang: str) -> str:
        """A Chinese form written in `lang`'s script (English unchanged)."""
        if lang == self.source:
            return self.to_simplified(text)
        if lang in self.conversions:
            return self.conversions[lang].characters(self.to_simplified(text))
        return text

    def same_form(self, a: str, b: str, lang: str) -> bool:
        """Two written forms are the same form: English ignoring case, Chinese whatever the script."""
        if lang == self.english:
            return a.casefold() == b.casefold()
        return self.to_simplified(a) == self.to_simplified(b)

    def chinese_text(self, text: str, lang: str) -> str:
        """The term base's Simplified text in a Chinese variety (a converted one: its conversion)."""
        if lang in self.conversions:
            return self.conversions[lang].text(text, self.phrases.get(lang))
        return text

    def _bucket(self, rendering: Rendering, home: str, same_lang: bool) -> Bucket | None:
        if rendering.status == "deprecated":
            return "deprecated"
        if same_lang:
            # the term base's own record in this variety: a Mainland name in Traditional characters
            # (個人信息保護法) is Hong Kong's preferred form of it too; which form leads is `variety_forms`'
            return rendering.status
        if rendering.usage in (self.varieties.general, home):
            return None  # that script's own form of what this variety writes its own way
        return "other-usage"  # the Hong Kong 個人資料 written in Simplified: another jurisdiction's form

    def _english_bucket(self, rendering: Rendering, term: Term) -> Bucket:
        if rendering.status == "deprecated":
            return "deprecated"
        return "preferred" if self.same_form(rendering.form, term.en, self.english) else "admitted"

    def variety_forms(self, term: Term, lang: str) -> VarietyForms:
        """The term's forms in one variety, each once (the first record of a form wins). The preferred
        form leads: this variety's usage or general usage first, else the term base's own field."""
        home, general, english = self.home(lang), self.varieties.general, self.english
        found: list[Form] = []

        def add(form: Form) -> None:
            if not any(self.same_form(form.text, f.text, lang) for f in found):
                found.append(form)

        # this variety's own records first, then the other scripts' (written in this one)
        for rendering in sorted(term.renderings, key=lambda r: r.lang != lang):
            same_lang = rendering.lang == lang
            if not same_lang and english in (lang, rendering.lang):
                continue
            bucket = self._english_bucket(rendering, term) if lang == english else self._bucket(rendering, home, same_lang)
            if bucket is not None:
                text = rendering.form if same_lang else self.in_script(rendering.form, lang)
                add(Form(text, lang, rendering.usage, rendering.status, bucket, rendering.why, rendering.source))
        field_form, *aliases = term.forms_in(lang)
        add(Form(field_form, lang, general, "preferred", "preferred"))
        for alias in aliases:
            add(Form(alias, lang, general, "admitted", "admitted"))
        candidates = [f for f in found if f.bucket == "preferred"]
        candidates.sort(key=lambda f: f.usage not in (home, general))
        lead = candidates[0] if candidates else next(f for f in found if self.same_form(f.text, field_form, lang))
        admitted = tuple(
            Form(f.text, f.lang, f.usage, f.status, "admitted", f.why, f.source)
            for f in found if f is not lead and f.bucket in ("preferred", "admitted")
        )
        return VarietyForms(
            lang,
            Form(lead.text, lead.lang, lead.usage, lead.status, "preferred", lead.why, lead.source),
            admitted,
            tuple(f for f in found if f is not lead and f.bucket == "other-usage"),
            tuple(f for f in found if f is not lead and f.bucket == "deprecated"),
        )

    def term_forms(self, term: Term) -> TermForms:
        """Every variety's forms and definitions (a converted variety's: the Simplified one, converted)."""
        definitions = {lang: self.chinese_text(term.definition_zh, lang) for lang in self.varieties.chinese}
        return TermForms(
            term,
            {lang: self.variety_forms(term, lang) for lang in self.langs},
            {**definitions, self.english: term.definition_en},
        )

    def all_term_forms(self, terms: Iterable[Term]) -> list[TermForms]:
        return [self.term_forms(term) for term in terms]


def variety_model(terms: Sequence[Term], edition: Edition, conversions: Mapping[str, Conversion] | None = None) -> VarietyModel:
    """The model of the edition table's varieties for `terms`: `conversions` (by tag, with their
    phrase tables) where given, else each converted edition's characters only."""
    varieties = edition.varieties
    given = conversions or {}
    every = {lang: given.get(lang) or Conversion(opencc, None, varieties.source) for lang, opencc in varieties.converted}
    return VarietyModel(
        varieties,
        edition.usages,
        every,
        fold_table(terms, varieties),
        {lang: variety_phrases(list(terms), lang) for lang in every},
    )
