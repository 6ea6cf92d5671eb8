"""A term's forms per language variety, as the exports give them (the one place they read the term model).

Three varieties: Simplified Chinese as the Mainland writes it (`zh-Hans`), Traditional Chinese as Hong
Kong writes it (`zh-Hant-HK`) and English (`en`). For each, a term has one preferred form, admitted
forms, forms that are another jurisdiction's usage (what the term check flags: a Hong Kong reader
should not write 个人信息 where Hong Kong law says 個人資料) and deprecated forms.

A form is judged the same whatever script it is written in: the Hong Kong 個人資料 written in
Simplified (个人资料) is still the Hong Kong term, so under zh-Hans it is another jurisdiction's form,
never an unmarked alias.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from hetao_docs.chinese import to_hong_kong
from hetao_docs.conversions import convert
from hetao_docs.terms.model import FormLang, Rendering, Source, Status, Term, Usage

VARIETIES: tuple[FormLang, ...] = ("zh-Hans", "zh-Hant-HK", "en")
# Whose usage each variety is: English serves readers on both sides (each form says whose it is).
HOME_USAGE: dict[str, Usage] = {"zh-Hans": "mainland", "zh-Hant-HK": "hong-kong", "en": "general"}
Bucket = Literal["preferred", "admitted", "other-usage", "deprecated"]


@dataclass(frozen=True)
class Form:
    """One form of a term in one variety: whose usage it is, its status there, why, and its source."""

    text: str
    lang: FormLang
    usage: Usage
    status: Status
    bucket: Bucket
    why: str | None = None
    source: Source | None = None


@dataclass(frozen=True)
class VarietyForms:
    lang: FormLang
    preferred: Form
    admitted: tuple[Form, ...] = ()
    other_usage: tuple[Form, ...] = ()
    deprecated: tuple[Form, ...] = ()

    @property
    def all(self) -> tuple[Form, ...]:
        return (self.preferred, *self.admitted, *self.other_usage, *self.deprecated)


def to_simplified(text: str) -> str:
    return convert("hk2s", text)


def in_script(text: str, lang: str) -> str:
    """A Chinese form written in `lang`'s script (English unchanged)."""
    if lang == "zh-Hans":
        return to_simplified(text)
    if lang == "zh-Hant-HK":
        return to_hong_kong(text)
    return text


def same_form(a: str, b: str, lang: str) -> bool:
    """Two written forms are the same form: English ignoring case, Chinese whatever the script."""
    if lang == "en":
        return a.casefold() == b.casefold()
    return to_simplified(a) == to_simplified(b)


def _bucket(rendering: Rendering, home: Usage, same_lang: bool) -> Bucket | None:
    if rendering.status == "deprecated":
        return "deprecated"
    if same_lang:
        # the term base's own record in this variety: a Mainland name in Traditional characters
        # (個人信息保護法) is Hong Kong's preferred form of it too; which form leads is `variety_forms`'
        return rendering.status
    if rendering.usage in ("general", home):
        return None  # that script's own form of what this variety writes its own way
    return "other-usage"  # the Hong Kong 個人資料 written in Simplified: another jurisdiction's form


def _english_bucket(rendering: Rendering, term: Term) -> Bucket:
    if rendering.status == "deprecated":
        return "deprecated"
    return "preferred" if same_form(rendering.form, term.en, "en") else "admitted"


def variety_forms(term: Term, lang: FormLang) -> VarietyForms:
    """The term's forms in one variety, each once (the first record of a form wins). The preferred
    form leads: this variety's usage or general usage first, else the term base's own field."""
    home = HOME_USAGE[lang]
    found: list[Form] = []

    def add(form: Form) -> None:
        if not any(same_form(form.text, f.text, lang) for f in found):
            found.append(form)

    # this variety's own records first, then the other script's (written in this one)
    for rendering in sorted(term.renderings, key=lambda r: r.lang != lang):
        same_lang = rendering.lang == lang
        if not same_lang and (lang == "en" or rendering.lang == "en"):
            continue
        bucket = _english_bucket(rendering, term) if lang == "en" else _bucket(rendering, home, same_lang)
        if bucket is not None:
            add(Form(in_script(rendering.form, lang), lang, rendering.usage, rendering.status, bucket, rendering.why, rendering.source))
    field_form, aliases = {"zh-Hans": (term.zh, term.aliases_zh), "zh-Hant-HK": (term.zh_hant, term.aliases_hant), "en": (term.en, term.en_alt)}[lang]
    add(Form(field_form, lang, "general", "preferred", "preferred"))
    for alias in aliases:
        add(Form(alias, lang, "general", "admitted", "admitted"))
    candidates = [f for f in found if f.bucket == "preferred"]
    candidates.sort(key=lambda f: f.usage not in (home, "general"))
    lead = candidates[0] if candidates else next(f for f in found if same_form(f.text, field_form, lang))
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


@dataclass(frozen=True)
class TermForms:
    """A term's forms in every variety, and its definitions per variety."""

    term: Term
    varieties: dict[str, VarietyForms] = field(default_factory=dict)
    definitions: dict[str, str] = field(default_factory=dict)


def term_forms(term: Term, hong_kong_text: Callable[[str], str] | None = None) -> TermForms:
    """Every variety's forms; `hong_kong_text` writes the term base's Chinese text as Hong Kong does
    (the Traditional edition's converter; default: OpenCC alone)."""
    hk = hong_kong_text or to_hong_kong
    return TermForms(
        term,
        {lang: variety_forms(term, lang) for lang in VARIETIES},
        {"zh-Hans": term.definition_zh, "zh-Hant-HK": hk(term.definition_zh), "en": term.definition_en},
    )


def all_term_forms(terms: Iterable[Term], hong_kong_text: Callable[[str], str] | None = None) -> list[TermForms]:
    return [term_forms(term, hong_kong_text) for term in terms]
