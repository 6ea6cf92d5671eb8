"""Find term occurrences in text: one Aho–Corasick automaton over every surface form, longest match wins.

Chinese has no word boundaries (a regex `\\b` never fires between two Han characters), so the
Chinese editions match anywhere, mid-sentence. English forms are matched case-insensitively and
only on word boundaries ("data trust" does not match inside "data trustee").

Overlaps are resolved longest first: in 数据跨境负面清单 the one occurrence is of
数据跨境负面清单, not of 数据跨境 or 负面清单 (nested terms are reported separately, see nested_in).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from hetao_docs.editions import Edition
from hetao_docs.terms.model import Term


def surface_forms(terms: Iterable[Term], edition: Edition) -> dict[str, tuple[str, ...]]:
    """Per term id, the forms that count as an occurrence in `edition`'s text.

    Its variety's forms: Simplified text, the Simplified form and aliases; a converted edition's,
    theirs in its variety; English, the preferred English and the other renderings (matched
    case-insensitively on word boundaries).
    """
    return {term.id: tuple(dict.fromkeys(term.forms_in(edition.form_lang))) for term in terms}


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    term_id: str


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


_SPACE_RUN = re.compile(r"\s+")  # \s is str.isspace: both are Py_UNICODE_ISSPACE


def _collapse_spaces(text: str) -> tuple[str, list[int]]:
    """`text` with each run of white space as one space, and each kept character's original offset.

    English terms wrap across Markdown lines ("secure isolation\\n  zone") and still count.
    (By runs, not by character: a loop over every character was the English build's hottest line.)
    """
    offsets: list[int] = []
    last = 0
    for run in _SPACE_RUN.finditer(text):
        offsets.extend(range(last, run.start() + 1))  # the characters before it and the run's first
        last = run.end()
    offsets.extend(range(last, len(text)))
    return _SPACE_RUN.sub(" ", text), offsets


def _fold(text: str) -> str:
    """Lower-case `text` keeping every character at its offset (a few characters lower to two)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def fold_key(form: str) -> str:
    """An English form as the matcher compares it: lower case, each run of white space one space."""
    return _collapse_spaces(_fold(form))[0]


def longest_first(candidates: list[Match], length: int) -> list[Match]:
    """Non-overlapping matches of a text of `length` characters, by position: where candidates
    overlap, the longest (then leftmost) wins."""
    if len(candidates) < 2:
        return candidates
    candidates = sorted(candidates, key=lambda m: (m.start - m.end, m.start))
    taken = bytearray(length)
    chosen: list[Match] = []
    for match in candidates:
        if not any(taken[match.start:match.end]):
            taken[match.start:match.end] = b"\x01" * (match.end - match.start)
            chosen.append(match)
    chosen.sort(key=lambda m: m.start)
    return chosen


class TermMatcher:
    """All non-overlapping term occurrences in a text, longest match first."""

    def __init__(self, forms: dict[str, tuple[str, ...]], *, ignore_case_and_words: bool) -> None:
        self.word_mode = ignore_case_and_words
        self._automaton = ahocorasick.Automaton()
        self.keys: list[tuple[str, str]] = []  # (key, term id) as matched, in order: the term check's script uses them
        for term_id, term_forms in forms.items():
            for form in term_forms:
                key = fold_key(form) if self.word_mode else form
                if key and key not in self._automaton:
                    self._automaton.add_word(key, (len(key), term_id))
                    self.keys.append((key, term_id))
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    @classmethod
    def for_edition(cls, terms: Iterable[Term], edition: Edition) -> TermMatcher:
        return cls(surface_forms(terms, edition), ignore_case_and_words=edition.is_english)

    def _candidates(self, text: str) -> list[Match]:
        """Every occurrence of every form, overlapping ones included."""
        if self._empty or not text:
            return []
        if self.word_mode:
            haystack, offsets = _collapse_spaces(_fold(text))
        else:
            haystack, offsets = text, None
        candidates: list[Match] = []
        for end_index, (length, term_id) in self._automaton.iter(haystack):
            start, end = end_index - length + 1, end_index + 1
            if offsets is not None:
                start, end = offsets[start], offsets[end - 1] + 1
            if self.word_mode and (
                (start > 0 and _is_word_char(text[start - 1])) or (end < len(text) and _is_word_char(text[end]))
            ):
                continue
            candidates.append(Match(start, end, term_id))
        return candidates

    def find(self, text: str) -> list[Match]:
        """Occurrences sorted by position; where candidates overlap, the longest (then leftmost) wins."""
        return longest_first(self._candidates(text), len(text))

    def contained_ids(self, text: str) -> set[str]:
        """Ids of every term with a form somewhere inside `text`, overlaps included."""
        return {match.term_id for match in self._candidates(text)}


def nested_in(forms: dict[str, tuple[str, ...]], *, ignore_case_and_words: bool) -> dict[str, tuple[str, ...]]:
    """Per term id, the ids of longer terms one of whose forms contains one of its forms
    (负面清单 → 数据跨境负面清单): an occurrence of the longer term is not counted for the shorter."""
    matcher = TermMatcher(forms, ignore_case_and_words=ignore_case_and_words)
    containers: dict[str, list[str]] = {}
    for long_id, long_forms in forms.items():
        for short_id in sorted(set().union(*(matcher.contained_ids(form) for form in long_forms)) - {long_id}):
            containers.setdefault(short_id, []).append(long_id)
    return {short_id: tuple(long_ids) for short_id, long_ids in containers.items()}
