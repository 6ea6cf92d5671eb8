"""Check 1, parallel QA between the editions (as Xbench or Verifika check a bilingual file): for
each section id of a page, the zh and en text carry the same numbers (dates, amounts and
percentages normalised), the same article paragraphs (第 N 段 / ¶N, and the heading's
data-article), and the same term-base terms (a term's zh form in zh, one of its English forms in
en, both ways). Justified differences: data/exactness/exceptions.yml, kind `parallel`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from hetao_docs.editions import load_editions
from hetao_docs.exactness.exceptions import Exceptions
from hetao_docs.exactness.text import Finding, Section, page_sections, pages
from hetao_docs.terms import Term, load_terms

_MONTHS = {m: i for i, m in enumerate("january february march april may june july august september october november december".split(), 1)}
_NOT_TEXT = re.compile(r"<code>.*?</code>|`[^`\n]*`|https?://[^\s)>]+|\]\([^)\n]*\)|\{[^{}\n]*\}|<[^<>\n]*>|!\[[^\]]*\]")
_ZH_AMOUNT = re.compile(r"(\d+(?:\.\d+)?|百|千)\s*(万亿|亿|万)")
_EN_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(trillion|billion|million)", re.I)
_ZH_SCALE = {"万": 10_000, "亿": 100_000_000, "万亿": 1_000_000_000_000}
_EN_SCALE = {"million": 1_000_000, "billion": 1_000_000_000, "trillion": 1_000_000_000_000}
_NUMBER = re.compile(r"(?<![A-Za-z0-9.,])\d+(?:[.,]\d+)*(?![0-9])")
_ZH_PARA = re.compile(r"第\s*(\d+)\s*(?:[、，至到和及–-]\s*(\d+)\s*)?段")
_EN_PARA = re.compile(r"(?:¶|\bparagraphs?)\s*(\d+)(?:\s*(?:[–-]|to)\s*¶?\s*(\d+))?")
# Labels, not facts: "Problem 2", "Recommendation 1", "point 3", "Article ¶N" are counted as ¶ or not at all.
_EN_LABELS = re.compile(r"\b(?:Problem|Recommendation|point|Point|set|Set|Chapter|Art\.|Article|No\.|Order No\.|Cap\.|s\.)\s*\d+(?:\(\d+\))*", re.I)


def _value(text: str) -> str:
    number = float(text.replace(",", ""))
    return str(int(number)) if number.is_integer() else f"{number:g}"


def numbers(text: str, lang: str) -> set[str]:
    """The numbers a reader acts on, normalised: amounts in units, years, days, counts."""
    text = _NOT_TEXT.sub(" ", text)
    found: set[str] = set()
    # amounts in either script (a zh page may name the English form, an en page the Chinese one)
    for amount, unit in _ZH_AMOUNT.findall(text):
        found.add(_value(str(float({"百": "100", "千": "1000"}.get(amount, amount)) * _ZH_SCALE[unit])))
    for amount, unit in _EN_AMOUNT.findall(text):
        found.add(_value(str(float(amount) * _EN_SCALE[unit.lower()])))
    text = _EN_AMOUNT.sub(" ", _ZH_AMOUNT.sub(" ", text))
    if lang == "zh":
        text = _ZH_PARA.sub(" ", text)
        text = re.sub(r"第\s*\d+\s*(?:号|条|章|款|项)|第\s*\d+", " ", text)
    else:
        text = _EN_PARA.sub(" ", text)
        text = _EN_LABELS.sub(" ", text)
        # a month is a date's only beside a number ("10 June 2021", "June 2021"; not "it may")
        months = "|".join(m.capitalize() for m in _MONTHS)
        text = re.sub(rf"(?<=\d )({months})\b|\b({months})(?= \d)", lambda m: f" {_MONTHS[(m.group(1) or m.group(2)).lower()]} ", text)
    for match in _NUMBER.finditer(text):
        found.add(_value(match.group(0)))
    return found


def paragraphs(text: str, lang: str) -> set[int]:
    found: set[int] = set()
    for first, last in (_ZH_PARA if lang == "zh" else _EN_PARA).findall(text):
        found.update(range(int(first), int(last or first) + 1))
    return found


def _forms(term: Term, lang: str) -> list[str]:
    if lang == "zh":
        return [term.zh, *term.aliases_zh]
    return [term.en, *term.en_alt]


def terms_in(text: str, terms: Iterable[Term], lang: str) -> set[str]:
    """Ids of the terms whose forms occur in `text`, longest form first (a longer term hides the
    shorter one inside it, as on the pages)."""
    text = _NOT_TEXT.sub(" ", text)
    if lang == "en":  # forms across line breaks and emphasis (*important* data), plurals (data trusts)
        text = " ".join(re.sub(r"(?<=\w)[*_]+|[*_]+(?=\w)", "", text).split())
    pairs = sorted(((form, term.id) for term in terms for form in _forms(term, lang)), key=lambda p: -len(p[0]))
    found: set[str] = set()
    for form, term_id in pairs:
        pattern = re.escape(form) if lang == "zh" else r"(?<![\w-])" + re.escape(form) + r"s?(?![\w-])"
        flags = 0 if lang == "zh" else re.I
        if re.search(pattern, text, flags):
            found.add(term_id)
            text = re.sub(pattern, "\0", text, flags=flags)
    return found


def compare(zh: Section, en: Section, terms: list[Term], exceptions: Exceptions) -> list[Finding]:
    findings: list[Finding] = []

    def report(section: Section, what: str, reason: str) -> None:
        if not exceptions.allows("parallel", section.path, f"{section.anchor}: {what}"):
            findings.append(Finding(section.path, section.line, f"section #{section.anchor}: {reason}"))

    zh_numbers, en_numbers = numbers(zh.text, "zh"), numbers(en.text, "en")
    for value in sorted(zh_numbers - en_numbers):
        report(en, value, f"the zh section has the number {value}, the en section does not")
    for value in sorted(en_numbers - zh_numbers):
        report(zh, value, f"the en section has the number {value}, the zh section does not")
    if zh.paragraphs != en.paragraphs:
        report(en, "data-article", f"cites article paragraphs {sorted(en.paragraphs)}, the zh heading {sorted(zh.paragraphs)}")
    zh_paras, en_paras = paragraphs(zh.text, "zh"), paragraphs(en.text, "en")
    for para in sorted(zh_paras ^ en_paras):
        where, other = (en, "zh") if para in zh_paras else (zh, "en")
        report(where, f"¶{para}", f"the {other} section cites ¶{para}, this one does not")
    zh_terms, en_terms = terms_in(zh.text, terms, "zh"), terms_in(en.text, terms, "en")
    by_id = {t.id: t for t in terms}
    for term_id in sorted(zh_terms - en_terms):
        report(en, term_id, f"the zh section uses the term {by_id[term_id].zh}, the en section none of its English forms ({by_id[term_id].en})")
    for term_id in sorted(en_terms - zh_terms):
        report(zh, term_id, f"the en section uses the term '{by_id[term_id].en}', the zh section not its zh form {by_id[term_id].zh}")
    return findings


def check(root: Path) -> list[Finding]:
    terms = list(load_terms(root / "data" / "terms.yaml", load_editions(root / "data" / "editions.yml").primary.varieties))
    exceptions = Exceptions.load(root)
    findings: list[Finding] = []
    for zh_path in pages(root, "zh"):
        en_path = root / "docs" / "en" / zh_path.relative_to(root / "docs" / "zh")
        if not en_path.exists():
            continue
        en_sections = {s.anchor: s for s in page_sections(root, en_path)}
        for zh in page_sections(root, zh_path):
            en = en_sections.get(zh.anchor)
            if en is None:
                findings.append(Finding(zh.path, zh.line, f"section #{zh.anchor} has no en counterpart"))
                continue
            findings += compare(zh, en, terms, exceptions)
    return findings + exceptions.unused("parallel")
