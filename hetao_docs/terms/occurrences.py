"""Where each term occurs in one edition: computed once per build from the edition's Markdown, and
used by everything that says where a term is: the glossary's "where used", the index of terms, the
inline definitions (a term is linked only in a section where this model finds it) and the term
finder (the sections most about each term).

A converted edition (Traditional, Hong Kong) is scanned in its source's script, since its pages are
the source's pages; only the titles shown are converted (`localized`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from hetao_docs.terms.match import TermMatcher
from hetao_docs.terms.scan import Section, split_sections


@dataclass(frozen=True)
class Use:
    """One section's uses of one term."""

    section: Section
    count: int  # occurrences in the section's prose (longest match wins)
    in_title: bool  # the section's heading names the term


@dataclass(frozen=True)
class Occurrences:
    sections: tuple[Section, ...]  # every section of the edition's pages, in reading order
    uses: Mapping[str, tuple[Use, ...]]  # term id → its uses, in reading order
    headings: Mapping[str, tuple[Section, ...]]  # term id → sections whose heading names it
    _by_section: Mapping[tuple[str, str | None], frozenset[str]] = field(default_factory=dict, repr=False)

    @classmethod
    def scan(cls, pages: Iterable[tuple[str, str]], matcher: TermMatcher) -> Occurrences:
        """Split every page (path in the docs dir, Markdown) into sections and find the terms in each."""
        sections = tuple(section for path, markdown in pages for section in split_sections(path, markdown))
        uses: dict[str, list[Use]] = {}
        headings: dict[str, list[Section]] = {}
        by_section: dict[tuple[str, str | None], set[str]] = {}
        for section in sections:
            counts: dict[str, int] = {}
            for match in matcher.find(section.text):
                counts[match.term_id] = counts.get(match.term_id, 0) + 1
            titled = {match.term_id for match in matcher.find(section.title)}
            for term_id, count in counts.items():
                uses.setdefault(term_id, []).append(Use(section, count, term_id in titled))
            for term_id in titled:
                headings.setdefault(term_id, []).append(section)
            by_section.setdefault((section.page, section.anchor), set()).update(counts)
        return cls(
            sections,
            {term_id: tuple(found) for term_id, found in uses.items()},
            {term_id: tuple(found) for term_id, found in headings.items()},
            {key: frozenset(ids) for key, ids in by_section.items()},
        )

    def sections_of(self, term_id: str) -> list[Section]:
        """The sections where the term occurs, in reading order."""
        return [use.section for use in self.uses.get(term_id, ())]

    def by_term(self) -> dict[str, list[Section]]:
        return {term_id: self.sections_of(term_id) for term_id in self.uses}

    def terms_in(self, page: str, anchor: str | None) -> frozenset[str]:
        """Ids of the terms that occur in one section (`anchor` None: before the page's first heading id)."""
        return self._by_section.get((page, anchor), frozenset())

    def most_about(self, term_id: str, limit: int) -> list[Section]:
        """The sections most about a term: those naming it in their heading first (even where their
        text does not use it), then by number of occurrences, then in reading order."""
        order = {id(section): position for position, section in enumerate(self.sections)}
        counts = {id(use.section): use.count for use in self.uses.get(term_id, ())}
        titled = {id(section) for section in self.headings.get(term_id, ())}
        candidates = {id(s): s for s in (*self.headings.get(term_id, ()), *self.sections_of(term_id))}
        ranked = sorted(candidates.values(), key=lambda s: (id(s) not in titled, -counts.get(id(s), 0), order[id(s)]))
        return ranked[:limit]

    def localized(self, convert: Callable[[str], str]) -> Occurrences:
        """The same occurrences with section and page titles converted (the Traditional edition)."""
        cache: dict[str, str] = {}

        def shown(text: str) -> str:
            if text not in cache:
                cache[text] = convert(text)
            return cache[text]

        converted = {
            id(s): Section(s.page, s.anchor, shown(s.title), shown(s.page_title), s.text, s.level) for s in self.sections
        }
        return Occurrences(
            tuple(converted[id(s)] for s in self.sections),
            {
                term_id: tuple(Use(converted[id(u.section)], u.count, u.in_title) for u in found)
                for term_id, found in self.uses.items()
            },
            {term_id: tuple(converted[id(s)] for s in found) for term_id, found in self.headings.items()},
            self._by_section,
        )


def unused_terms(term_ids: Sequence[str], occurrences: Occurrences, nested: Mapping[str, tuple[str, ...]]) -> list[str]:
    """Terms with no occurrence of their own that are not part of a longer term that occurs."""
    return [
        term_id for term_id in term_ids
        if not occurrences.uses.get(term_id) and not any(occurrences.uses.get(longer) for longer in nested.get(term_id, ()))
    ]
