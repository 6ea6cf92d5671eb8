"""The term check page (术语检查 / Term check): a reader pastes a text and sees, in the browser, the
policy terms it contains, the forms that are another jurisdiction's or deprecated, and near-misses.

Everything is generated from the term base on every build, like the glossary: the page
(`CHECK_PAGE`, Markdown with `generated: true`) and its data (`CHECK_DATA`, a script, so that it
loads from file:// too). The page's own script, `theme/assets/javascripts/term-check.js`, does the
checking; `TextChecker` here is the same algorithm in Python, the reference the tests hold the
script to, text by text.

Matching is the build's (hetao_docs/terms/match.py, `TermMatcher`, longest match wins) on a
normalised text (`normalise`): pasted text has line breaks inside terms, full-width letters and
punctuation, curly apostrophes, Simplified and Traditional characters mixed, English next to
Chinese without a space. Chinese forms of every script are matched on the text with Traditional
characters folded to Simplified (`fold_table`); English forms with the build's English rules
(case-insensitive, on word boundaries).

What a found form says is the term base's `renderings` (usage, status), against the usage the reader
checks for (the edition's own by default): `verdict`. Near-misses are one edit off an English form
of 6+ letters, or one Chinese character off a form of 3+ characters where the two characters sound
the same (the usual slip of a pinyin input method; `homophones`).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import html
import importlib.metadata
import json
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from hetao_docs.chinese import Conversion
from hetao_docs.conversions import convert
from hetao_docs.editions import Edition, Varieties
from hetao_docs.terms.annotate import tooltip_heading
from hetao_docs.terms.match import Match, TermMatcher, fold_key, longest_first
from hetao_docs.terms.model import Rendering, Term, rendering_of

CHECK_PAGE = "term-check.md"
CHECK_DATA = "assets/javascripts/term-check-data.js"  # below the edition's root; term-check.js reads __hetaoTermCheck
NEAR_MISS_MIN_LETTERS = 6  # English forms shorter than this have too many real words one letter away
NEAR_MISS_MIN_HAN = 3

Kind = Literal["other-usage", "deprecated", "mixed-script", "near-miss"]

# --- normalising a pasted text (term-check.js: normalise) --------------------------------------

_ZERO_WIDTH = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2212\ufe63")
_APOSTROPHES = frozenset("\u2018\u2019\u02bc")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def is_han(char: str) -> bool:
    return bool(_HAN.fullmatch(char))


def _is_cjk(char: str) -> bool:
    """Han, or CJK and full-width punctuation: white space between two of them is a line wrap."""
    return is_han(char) or "\u3000" <= char <= "\u303f" or "\uff00" <= char <= "\uffef"


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"  # match.py's word characters


def _mapped(char: str) -> str:
    if "\uff01" <= char <= "\uff5e":  # full-width ASCII
        return chr(ord(char) - 0xFEE0)
    if char in _DASHES:
        return "-"
    if char in _APOSTROPHES:
        return "'"
    return char


def normalise(text: str) -> tuple[str, list[int]]:
    """The text as the matchers read it, and for each of its characters the offset in `text` it
    stands for. Full-width ASCII becomes ASCII, dashes "-", curly apostrophes "'"; zero-width
    characters go; white space between two CJK characters (a line wrap) goes, any other run of white
    space is one space, and a hyphen at a line's end joins the words ("cross-\\nborder"); between a
    Han character and a letter or digit there is a space (a word boundary), as English forms need."""
    out: list[str] = []
    origin: list[int] = []
    before = ""  # the last original character kept, or " " after white space
    before_that = ""
    index, length = 0, len(text)
    while index < length:
        char = text[index]
        if char in _ZERO_WIDTH:
            index += 1
            continue
        if char.isspace():
            end = index
            while end < length and (text[end].isspace() or text[end] in _ZERO_WIDTH):
                end += 1
            after = text[end] if end < length else ""
            run = text[index:end]
            wrapped_cjk = bool(before and after) and _is_cjk(before) and _is_cjk(after)
            hyphenated = _mapped(before) == "-" and before_that.isalpha() and after.isalpha() and ("\n" in run or "\r" in run)
            if not (wrapped_cjk or hyphenated):
                out.append(" ")
                origin.append(index)
            before_that, before = before, " "
            index = end
            continue
        mapped = _mapped(char)
        if out and out[-1] != " " and is_han(out[-1]) != is_han(mapped) and _is_word(out[-1]) and _is_word(mapped):
            out.append(" ")
            origin.append(index)
        out.append(mapped)
        origin.append(index)
        before_that, before = before, char
        index += 1
    return "".join(out), origin


# --- the term base's forms, as the check matches them --------------------------------------------


def chinese_forms(term: Term) -> dict[str, tuple[str, ...]]:
    """The term's Chinese forms in each variety (those the build matches in each edition): every
    variety of `Term.forms` but the last, English."""
    return {lang: tuple(dict.fromkeys(forms)) for lang, forms in term.forms[:-1]}


def english_forms(term: Term) -> tuple[str, ...]:
    return tuple(dict.fromkeys(term.forms[-1][1]))


@functools.cache
def _traditional_variants(char: str, traditional: tuple[str, ...]) -> tuple[str, ...]:
    # the converters the build uses (conversions.py: remembered, so a warm build never starts OpenCC),
    # the editions' and the other ones (Varieties.traditional)
    return tuple(dict.fromkeys(c for config in traditional if len(c := convert(config, char)) == 1 and c != char))


def fold_table(terms: Iterable[Term], varieties: Varieties) -> dict[str, str]:
    """Traditional character → Simplified, for every character of the term base's Chinese forms:
    the characters of each converted variety's form against its Simplified one, and their other
    Traditional variants. A character that some Simplified form uses is never folded."""
    terms = list(terms)
    source = varieties.source
    simplified = {c for t in terms for form in chinese_forms(t)[source] for c in form}
    table: dict[str, str] = {}
    for term in terms:
        forms = chinese_forms(term)
        for lang, opencc in varieties.converted:
            conversion, own = Conversion(opencc), term.form_in(lang)
            for hans, hant in zip(forms[source], (conversion.characters(f) for f in forms[source])):
                pairs = list(zip(hant, hans)) if len(hant) == len(hans) else []
                if own != conversion.characters(term.zh) and len(own) == len(term.zh) and hans == term.zh:
                    pairs += list(zip(own, term.zh))
                for trad, simp in pairs:
                    if trad != simp and is_han(simp):
                        table.setdefault(trad, simp)
        for simp in (c for form in forms[source] for c in form if is_han(c)):
            for trad in _traditional_variants(simp, varieties.traditional):
                table.setdefault(trad, simp)
    return {trad: simp for trad, simp in sorted(table.items()) if trad not in simplified}


def fold(text: str, table: Mapping[str, str]) -> str:
    return "".join(table.get(c, c) for c in text)


@functools.cache
def _readings() -> dict[str, tuple[str, ...]]:
    """Toneless pinyin readings of the 3,755 characters of GB 2312's first level: the common
    Simplified characters, which input methods offer first."""
    chars = []
    for high in range(0xB0, 0xD8):
        for low in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):  # the unassigned codes
                chars.append(bytes((high, low)).decode("gb2312"))
    return {c: _reading(c) for c in chars}


# Readings kept on disk between builds (by pypinyin's version): computing GB 2312's 3,755 of them,
# and importing pypinyin, was 0.7 s of every build; a warm build never imports pypinyin.
_cache_folder: Path | None = None
_new_readings: dict[str, tuple[str, ...]] = {}


def use_cache_folder(folder: Path) -> None:
    global _cache_folder
    _cache_folder = folder


def _readings_file() -> Path | None:
    return _cache_folder / f"pinyin-readings-{importlib.metadata.version('pypinyin')}.json" if _cache_folder else None


@functools.cache
def _stored_readings() -> dict[str, tuple[str, ...]]:
    path = _readings_file()
    with contextlib.suppress(OSError, ValueError, TypeError):
        if path is not None and path.is_file():
            return {str(c): tuple(r) for c, r in json.loads(path.read_text(encoding="utf-8")).items()}
    return {}


def save_readings() -> None:
    """Keep the readings this process computed for the next build (written whole, then renamed)."""
    path = _readings_file()
    if path is None or not _new_readings:
        return
    data = {**_stored_readings(), **_new_readings}
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        partial.replace(path)
        _stored_readings.cache_clear()
        _new_readings.clear()


@functools.cache
def _reading(char: str) -> tuple[str, ...]:
    stored = _stored_readings().get(char)
    if stored is not None:
        return stored
    from pypinyin import Style, pinyin  # 0.3 s to import: only when a build makes the check page

    reading = tuple(dict.fromkeys(pinyin(char, style=Style.NORMAL, heteronym=True)[0]))
    _new_readings[char] = reading
    return reading


def homophones(chars: Iterable[str], traditional: tuple[str, ...]) -> dict[str, str]:
    """Per toneless syllable of any of `chars`, every common character that can be read so, and
    `chars` themselves (with their Traditional forms): the characters a pinyin input method offers
    for it."""
    own = {c: _reading(c) for c in dict.fromkeys(chars)}
    readings = {**_readings(), **own}
    groups: dict[str, list[str]] = {syllable: [] for syllable in sorted({s for r in own.values() for s in r})}
    for char, syllables in readings.items():
        for syllable in syllables:
            if syllable in groups:
                groups[syllable].append(char)
    return {syllable: "".join(dict.fromkeys(c for char in chars for c in (char, *_traditional_variants(char, traditional))))
            for syllable, chars in groups.items()}


# --- what a found form says, for a reader following one usage -----------------------------------


@dataclass(frozen=True)
class Verdict:
    kind: Kind
    suggestion: str  # the form to write instead
    usage: str | None = None  # whose usage the found form is
    why: str | None = None  # the term base's reason (English)


def _field_form(term: Term, lang: str) -> str:
    return term.form_in(lang)


def _recorded(term: Term, lang: str, usage: str, status: str = "preferred") -> str | None:
    return next((r.form for r in term.renderings if r.lang == lang and r.usage == usage and r.status == status), None)


def _preferred(term: Term, lang: str, usage: str) -> str | None:
    return _recorded(term, lang, usage)


def preferred_name(term: Term, lang: str, usage: str) -> str:
    """How readers who follow `usage` write the term in `lang` (as model.name_for does for an edition)."""
    return _preferred(term, lang, usage) or _field_form(term, lang)


def _same(a: str, b: str, lang: str, varieties: Varieties) -> bool:
    return a.casefold() == b.casefold() if lang == varieties.english else a == b


@functools.cache
def _own_folds(term: Term, varieties: Varieties) -> dict[str, str]:
    return fold_table([term], varieties)


def record_of(term: Term, form: str, lang: str, varieties: Varieties, simplified: Callable[[str], str]) -> Rendering | None:
    """The term base's record of a form, whatever Chinese script it is written in: 个人资料 is the
    Hong Kong 個人資料 written in Simplified, and is judged the same (its own script's record first).
    `simplified` folds a Chinese form to Simplified."""
    found = rendering_of(term, form, lang)
    if found is not None or lang == varieties.english:
        return found
    key = simplified(form)
    return next((r for r in term.renderings if r.lang != varieties.english and simplified(r.form) == key), None)


def verdict(
    term: Term, form: str, lang: str, usage: str, varieties: Varieties, simplified: Callable[[str], str] | None = None
) -> Verdict | None:
    """What the term base says about `form` (one of the term's forms in `lang`) for readers who
    follow `usage`: deprecated, or another jurisdiction's where theirs has a form; None if fine.
    A Chinese form is judged whatever its script: `simplified` folds it (default: by the fold table
    of the term's own characters; `TextChecker.chinese_key` for the whole term base)."""
    if simplified is None:
        folds = _own_folds(term, varieties)
        simplified = lambda text: fold(text, folds)  # noqa: E731
    rendering = record_of(term, form, lang, varieties, simplified)
    if rendering is None:
        return None
    general = varieties.general
    if rendering.status == "deprecated":
        for candidate in (_preferred(term, lang, usage), _preferred(term, lang, general), _field_form(term, lang)):
            if candidate and not _same(candidate, form, lang, varieties):
                return Verdict("deprecated", candidate, rendering.usage, rendering.why)
        return None
    if rendering.usage in (general, usage):
        return None
    # Only forms the term base records for the reader's usage are suggested. An admitted form (a
    # short one, say) is best replaced by the other side's admitted form; general English readers
    # follow no jurisdiction, so only a general form is suggested to them.
    if usage == general:
        candidates = [(_preferred(term, lang, usage), lang)]
    else:
        candidates = [(_recorded(term, lang, usage, "admitted"), lang)] if rendering.status == "admitted" else []
        candidates += [(_preferred(term, lang, usage), lang), (_recorded(term, lang, usage, "admitted"), lang)]
        field = _field_form(term, lang)
        field_record = rendering_of(term, field, lang)
        if field_record is not None and field_record.usage in (general, usage):
            candidates.append((field, lang))
        if lang != varieties.english:
            others = [other for other in varieties.chinese if other != lang] if lang == varieties.source else [varieties.source]
            candidates += [(_preferred(term, other, usage), other) for other in others]
    for candidate, candidate_lang in candidates:
        if candidate and not _same(candidate, form, lang, varieties) and not (lang != varieties.english and simplified(candidate) == simplified(form)):
            suggested = rendering_of(term, candidate, candidate_lang)
            # why the found form is another jurisdiction's, else why the suggested one is the reader's
            # preferred form (an admitted form's reason says why it is admitted, not why to write it)
            reason = rendering.why or (suggested.why if suggested and suggested.status == "preferred" else None)
            return Verdict("other-usage", candidate, rendering.usage, reason)
    return None


# --- the reference checker (term-check.js does the same) ----------------------------------------


@dataclass(frozen=True)
class Finding:
    """One place in the text: a term's form (kind None, or a verdict's kind), or a near-miss of one."""

    start: int  # offsets in the original text
    end: int
    term_id: str
    text: str  # as written
    kind: Kind | None = None
    suggestion: str | None = None

    def as_tuple(self) -> tuple[str, str, str | None, str | None]:
        return (self.term_id, self.text, self.kind, self.suggestion)


def _one_edit(a: str, b: str, *, transpose: bool = True) -> bool:
    """`b` is `a` with one character replaced, inserted or dropped (or two neighbours swapped)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        if a[i + 1:] == b[i + 1:]:
            return True
        return transpose and i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:]
    if len(a) > len(b):
        return a[i + 1:] == b[i:]
    return a[i:] == b[i + 1:]


def _plural(key: str, window: str) -> bool:
    """The form's plural or singular: "data trusts" is the term data trust, not a slip."""
    return any(
        long in (short + "s", short + "es") or (short.endswith("y") and long == short[:-1] + "ies")
        for short, long in ((key, window), (window, key))
    )


def _hyphenated(key: str, window: str) -> bool:
    """A hyphen where the form has a space ("shenzhen-park"): a compound or an address, not a slip."""
    return len(key) == len(window) and any(k == " " and w == "-" for k, w in zip(key, window))


class TextChecker:
    """Finds the terms of the term base in any pasted text, Chinese (either script) or English."""

    def __init__(self, terms: Iterable[Term], varieties: Varieties) -> None:
        self.terms = {term.id: term for term in terms}
        self.varieties = varieties
        self.fold_table = fold_table(self.terms.values(), varieties)
        self.chinese = TermMatcher(
            {t.id: tuple(dict.fromkeys(self.chinese_key(f) for forms in chinese_forms(t).values() for f in forms)) for t in self.terms.values()},
            ignore_case_and_words=False,
        )
        self.english = TermMatcher(
            {t.id: tuple(normalise(f)[0] for f in english_forms(t)) for t in self.terms.values()}, ignore_case_and_words=True
        )
        self.homophones = homophones((c for key, _ in self.chinese.keys for c in key if is_han(c)), varieties.traditional)
        self._readings: dict[str, set[str]] = {}
        for syllable, chars in self.homophones.items():
            for char in chars:
                self._readings.setdefault(char, set()).add(syllable)
        self._simplified = set(self.fold_table.values())
        self._keys = {key for key, _ in self.chinese.keys} | {key for key, _ in self.english.keys}
        # the keys long enough to have near-misses, in the matchers' order
        self._near_chinese = [(k, t) for k, t in self.chinese.keys if len(k) >= NEAR_MISS_MIN_HAN and all(is_han(c) for c in k)]
        self._near_english = [(k, t) for k, t in self.english.keys if sum(c.isalnum() for c in k) >= NEAR_MISS_MIN_LETTERS]

    def chinese_key(self, form: str) -> str:
        return fold(normalise(form)[0], self.fold_table)

    def _matches(self, norm: str, folded: str) -> list[Match]:
        return longest_first([*self.chinese.find(folded), *self.english.find(norm)], len(norm))

    def _sounds_alike(self, a: str, b: str) -> bool:
        return bool(self._readings.get(a, set()) & self._readings.get(b, set()))

    def _near_misses(self, norm: str, folded: str) -> list[Match]:
        """Every near-miss candidate, in the normalised text's offsets, key by key and by position
        (term-check.js makes them in the same order: the longest-first choice keeps it on ties)."""
        found: list[Match] = []
        at: dict[str, list[int]] = {}  # character → its positions
        for index, char in enumerate(folded):
            at.setdefault(char, []).append(index)
        for key, term_id in self._near_chinese:
            size = len(key)
            # one character off: the first or the second is right
            starts = sorted({*at.get(key[0], ()), *(i - 1 for i in at.get(key[1], ()) if i > 0)})
            for start in starts:
                window = folded[start:start + size]
                if len(window) < size:
                    continue
                differ = [i for i in range(size) if window[i] != key[i]]
                if len(differ) == 1 and is_han(window[differ[0]]) and self._sounds_alike(key[differ[0]], window[differ[0]]):
                    found.append(Match(start, start + size, term_id))
        haystack, offsets = _collapsed(norm)
        word = [_is_word(c) for c in haystack]
        first: dict[str, list[int]] = {}
        second: dict[str, list[int]] = {}
        for i, c in enumerate(haystack):
            if word[i] and (i == 0 or not word[i - 1]):
                first.setdefault(c, []).append(i)
                if i + 1 < len(haystack):
                    second.setdefault(haystack[i + 1], []).append(i)
        for key, term_id in self._near_english:
            for start in sorted({*first.get(key[0], ()), *second.get(key[1], ())}):
                if len(haystack) - start < len(key) - 1:
                    break
                for end in (start + len(key) - 1, start + len(key), start + len(key) + 1):
                    if end > len(haystack) or (end < len(haystack) and word[end]) or not word[end - 1]:
                        continue
                    window = haystack[start:end]
                    # one edit away first: it rules out almost every window
                    if _one_edit(key, window) and window not in self._keys and not _plural(key, window) and not _hyphenated(key, window):
                        found.append(Match(offsets[start], offsets[end - 1] + 1, term_id))
        return found

    def check(self, text: str, usage: str, edition: Edition) -> list[Finding]:
        """Every finding in `text`, by position, for a reader who follows `usage` in `edition`."""
        norm, origin = normalise(text)
        folded = fold(norm, self.fold_table)
        hits = self._matches(norm, folded)
        # A near-miss wins over the shorter terms inside it (数据跨境负面青单 is a slip for the
        # longer term, not 数据跨境), never over a hit it only overlaps.
        kept: list[Match] = []
        taken = bytearray(len(norm))
        for miss in sorted(self._near_misses(norm, folded), key=lambda m: (m.start - m.end, m.start)):
            inside = [h for h in hits if h.start < miss.end and miss.start < h.end]
            if any(taken[miss.start:miss.end]) or any(h.start < miss.start or h.end > miss.end for h in inside):
                continue
            taken[miss.start:miss.end] = b"\x01" * (miss.end - miss.start)
            kept.append(miss)
            hits = [h for h in hits if h not in inside]
        findings = [self._finding(text, origin, h, usage, edition) for h in hits]
        for miss in kept:
            term = self.terms[miss.term_id]
            start, end = origin[miss.start], origin[miss.end - 1] + 1
            suggestion = preferred_name(term, self.script_of(text[start:end], edition), usage)
            findings.append(Finding(start, end, miss.term_id, text[start:end], "near-miss", suggestion))
        return sorted(findings, key=lambda f: f.start)

    def one_script(self, term: Term, written: str, lang: str) -> str | None:
        """The term's form that a mixed-script text is, written in `lang`'s script (个人資料 → 个人资料):
        a script slip is fixed by the same word, never by another term."""
        key = self.chinese_key(written)
        return next((form for form in _form_keys(term)[lang].values() if self.chinese_key(form) == key), None)

    def script_of(self, written: str, edition: Edition) -> str:
        """The language of a written text: English without Han characters; Traditional with a
        character the fold table folds, Simplified with one it folds to; else the edition's script."""
        if not any(is_han(c) for c in written):
            return edition.varieties.english
        if any(c in self.fold_table for c in written):
            return edition.traditional_lang
        if any(c in self._simplified for c in written):
            return edition.varieties.source
        return edition.chinese_lang

    def _finding(self, text: str, origin: Sequence[int], match: Match, usage: str, edition: Edition) -> Finding:
        term = self.terms[match.term_id]
        start, end = origin[match.start], origin[match.end - 1] + 1
        written = text[start:end]
        lang, form = form_of(term, written, edition)
        if lang is None:
            chinese = edition.chinese_lang
            return Finding(start, end, term.id, written, "mixed-script", self.one_script(term, written, chinese) or preferred_name(term, chinese, usage))
        found = verdict(term, form, lang, usage, edition.varieties, self.chinese_key)
        return Finding(start, end, term.id, written, found.kind if found else None, found.suggestion if found else None)


def _collapsed(norm: str) -> tuple[str, list[int]]:
    """The normalised text as the English matcher reads it (lower case, one space per run), with offsets."""
    kept: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(norm):
        if char == " " and kept and kept[-1] == " ":
            continue
        lowered = char.lower()
        kept.append(lowered if len(lowered) == 1 else char)
        offsets.append(index)
    return "".join(kept), offsets


@functools.cache  # asked once per finding; read only
def _form_keys(term: Term) -> dict[str, dict[str, str]]:
    """Per language, the term's forms by the key a found text is compared with."""
    keys: dict[str, dict[str, str]] = {lang: {} for lang, _ in term.forms}
    english = term.forms[-1][0]
    for lang, forms in chinese_forms(term).items():
        for form in forms:
            keys[lang].setdefault(normalise(form)[0], form)
    for form in english_forms(term):
        keys[english].setdefault(fold_key(normalise(form)[0]), form)
    return keys


def chinese_order(edition: Edition) -> tuple[str, ...]:
    """The Chinese varieties a written form is looked up in: the edition's own first (a form two
    varieties share counts as the edition's), then the table's order."""
    own = edition.chinese_lang
    return (own, *(lang for lang in edition.varieties.chinese if lang != own))


def edition_langs(edition: Edition) -> tuple[str, str, str]:
    """The varieties a finding's suggestion is given in: Simplified, the edition's Traditional
    (its own, or the first converted edition's) and English (term-check.js: data.langs)."""
    return (edition.varieties.source, edition.traditional_lang, edition.varieties.english)


def form_of(term: Term, written: str, edition: Edition) -> tuple[str | None, str]:
    """Which of the term's forms `written` is, and in which language (a form both scripts share
    counts as the edition's script); (None, written) when it mixes the scripts."""
    keys = _form_keys(term)
    norm = normalise(written)[0]
    order = chinese_order(edition)
    for lang in order:
        if norm in keys[lang]:
            return lang, keys[lang][norm]
    english = fold_key(norm)
    lang = edition.varieties.english
    if english in keys[lang]:
        return lang, keys[lang][english]
    return None, written


# --- the generated page and its data -------------------------------------------------------------

TEXT_LIMIT = 20000  # characters a reader may paste (the hint says so)
_JS_TEXTS = (
    "status_idle", "status_result", "counts", "status_none", "text_empty", "notes_none", "list_empty", "copy_done", "copy_failed",
    "why", "show_in_text", "columns", "usages", "usage_of", "kinds",
)


def status_line(texts: Mapping[str, Any], terms: int, occurrences: int, notes: int) -> str:
    """The status after a check: each count with its noun in the number it takes (1 note, 2 notes;
    term-check.js: statusLine)."""
    counts = {"terms": terms, "occurrences": occurrences, "notes": notes}
    forms = texts["counts"]
    filled = {name: str(forms[name]["one" if n == 1 else "other"]).replace("{n}", str(n)) for name, n in counts.items()}
    return str(texts["status_result"]).format(**filled)


_checkers: dict[str, TextChecker] = {}


def text_checker(terms: Sequence[Term], varieties: Varieties) -> TextChecker:
    """One checker per term base in a process: the editions build one after another (0.3 s each)."""
    key = hashlib.sha256(repr((list(terms), varieties)).encode("utf-8")).hexdigest()
    if key not in _checkers:
        _checkers.clear()
        _checkers[key] = TextChecker(terms, varieties)
    return _checkers[key]


def check_data(terms: Sequence[Term], edition: Edition, texts: Mapping[str, Any], glossary_url: str) -> dict[str, Any]:
    """What term-check.js needs, ready for json.dumps: the matchers' keys, the fold table and the
    homophones (the same as `TextChecker`'s), and per term its glossary link, its names for each
    usage and its forms with what the term base says about each, for each usage."""
    varieties = edition.varieties
    checker = text_checker(terms, varieties)
    langs = edition_langs(edition)
    index = {term.id: position for position, term in enumerate(terms)}
    entries = []
    for term in terms:
        forms = []
        for lang, by_key in _form_keys(term).items():
            for key, form in by_key.items():
                verdicts = [verdict(term, form, lang, usage, varieties, checker.chinese_key) for usage in varieties.usages]
                row: list[Any] = [lang, key]
                if any(verdicts):
                    row.append([[v.kind, v.suggestion, v.usage, v.why] if v else None for v in verdicts])
                forms.append(row)
        entries.append({
            "id": term.id,
            "url": f"{glossary_url}#{term.id}",
            "title": tooltip_heading(term, edition),
            "pinyin": term.pinyin,
            "names": [[preferred_name(term, lang, usage) for lang in langs] for usage in varieties.usages],
            "forms": forms,
        })
    return {
        "usages": list(varieties.usages),
        "langs": list(langs),
        "order": list(chinese_order(edition)),
        "edition": {"usage": edition.usage, "traditional": edition.is_traditional, "english": edition.is_english},
        "limit": TEXT_LIMIT,
        "minLetters": NEAR_MISS_MIN_LETTERS,
        "minHan": NEAR_MISS_MIN_HAN,
        "fold": checker.fold_table,
        "homophones": checker.homophones,
        "chinese": [[key, index[term_id]] for key, term_id in checker.chinese.keys],
        "english": [[key, index[term_id]] for key, term_id in checker.english.keys],
        "terms": entries,
        "texts": {key: texts[key] for key in _JS_TEXTS},
    }


def data_script(data: Mapping[str, Any]) -> str:
    """The data as a script (loads over http:// and from file:// alike, unlike fetch)."""
    return "window.__hetaoTermCheck=" + json.dumps(data, ensure_ascii=False, separators=(",", ":")) + ";\n"


def _text(text: str) -> str:
    return html.escape(text, quote=False)


def render_check_page(edition: Edition, texts: Mapping[str, Any], term_count: int, url: Callable[[str], str]) -> str:
    """The page: its opening, the form (a labelled text area, the usage to check against, buttons),
    a live status line, and the three result sections that term-check.js fills; then how it works.
    `url` links a file of the docs dir from the page (render.docs_url). The elements' ids have
    underscores: they are the script's handles, not section anchors (links.SLUG), so the link
    contract lists only the page's sections."""
    attribute = html.escape
    radios = "".join(
        f'<label class="hetao-check__usage-choice"><input type="radio" name="usage" value="{usage}"'
        f'{" checked" if usage == edition.usage else ""}> {_text(texts["usages"][usage])}</label>'
        for usage in edition.varieties.usages
    )
    title = texts["title"]
    noscript = texts["noscript"].replace("(glossary.md)", f"({url('glossary.md')})")
    noscript_html = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", lambda m: f'<a href="{attribute(m.group(2))}">{_text(m.group(1))}</a>', _text(noscript))
    lines = [
        "---",
        "generated: true",
        'title: "' + title.replace("\\", "\\\\").replace('"', '\\"') + '"',
        "hetao_term_check: true",  # the template loads the check's data and script on this page only
        "search:",
        "  exclude: true",
        "---",
        "",
        f"# {_text(title)} {{ #term-check }}",
        "",
        _text(texts["intro"]),
        "",
        '<div class="hetao-check">',
        '<form class="hetao-check__form" id="hetao_check_form">',
        f'<label class="hetao-check__label" for="hetao_check_text">{_text(texts["input_label"])}</label>',
        f'<p class="hetao-check__hint" id="hetao_check_hint">{_text(texts["input_hint"])}</p>',
        f'<textarea class="hetao-check__text" id="hetao_check_text" name="text" rows="10" maxlength="{TEXT_LIMIT}"'
        ' spellcheck="false" aria-describedby="hetao_check_hint"></textarea>',
        f'<fieldset class="hetao-check__usage"><legend>{_text(texts["usage_legend"])}</legend>{radios}</fieldset>',
        '<p class="hetao-check__buttons">'
        f'<button type="submit" class="md-button md-button--primary">{_text(texts["check_button"])}</button> '
        f'<button type="button" class="md-button" id="hetao_check_clear">{_text(texts["clear_button"])}</button></p>',
        "</form>",
        f'<p class="hetao-check__status" id="hetao_check_status" role="status" aria-live="polite">{_text(texts["status_idle"])}</p>',
        f"<noscript><p>{noscript_html}</p></noscript>",
        "</div>",
        "",
        f"## {_text(texts['text_heading'])} {{ #checked-text data-cite=\"no\" }}",
        "",
        f'<div class="hetao-check__output" id="hetao_check_output"><p class="hetao-check__empty">{_text(texts["text_empty"])}</p></div>',
        "",
        f"## {_text(texts['notes_heading'])} {{ #check-notes data-cite=\"no\" }}",
        "",
        f'<div class="hetao-check__notes" id="hetao_check_notes"><p class="hetao-check__empty">{_text(texts["notes_none"])}</p></div>',
        "",
        f"## {_text(texts['list_heading'])} {{ #terms-found data-cite=\"no\" }}",
        "",
        f'<p class="hetao-check__copy"><button type="button" class="md-button" id="hetao_check_copy" disabled>{_text(texts["copy_button"])}</button>'
        ' <span class="hetao-check__copied" id="hetao_check_copied" role="status"></span></p>',
        f'<div class="hetao-check__list" id="hetao_check_list"><p class="hetao-check__empty">{_text(texts["list_empty"])}</p></div>',
        "",
        f"## {_text(texts['how_heading'])} {{ #how-it-works }}",
        "",
        _text(texts["how_matching"]),
        "",
        _text(texts["how_usage"]),
        "",
        _text(texts["how_near"]),
        "",
        _text(texts["how_offline"].format(terms=term_count)),
        "",
    ]
    return "\n".join(lines)
