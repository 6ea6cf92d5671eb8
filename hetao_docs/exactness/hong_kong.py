"""Check 6, Hong Kong wording, without a build: the Hong Kong edition's text as the build makes
it (docs/zh converted with data/hong-kong.yml and the term base; the change log's and the term
base's Chinese text converted; the Traditional interface strings as written) holds none of the
table's Mainland words outside protected names, one form of 甚麼 and of 你 (the table maps 什麼
and 您, so one left is a finding), and no English prose that is not marked lang="en"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from hetao_docs import project_files
from hetao_docs.chinese import Conversion, edition_conversions
from hetao_docs.editions import Edition, Editions, load_editions
from hetao_docs.exactness.exceptions import Exceptions
from hetao_docs.exactness.text import Finding, pages, rel, yaml_fields
from hetao_docs.terms import load_terms
from hetao_docs.terms.load import variety_phrases

# Not prose: code, URLs, HTML tags and elements marked as English, link targets, attribute lists.
_NOT_PROSE = re.compile(r"`[^`\n]*`|<[^<>]*\blang=\"en\"[^<>]*>.*?</[a-z]+>|https?://\S+|<[^<>\n]*>|\]\([^)\n]*\)|\{[^{}\n]*\}|\[[^\]\n]*\]\[[^\]\n]*\]")
# Four or more English words in a row: prose, not a name or an abbreviation.
_LABEL = re.compile(r"^[A-Z][a-z]+(?: [a-z]+){0,2}$")  # an interface label left in English ("Definition")
_ENGLISH_PROSE = re.compile(r"\b[A-Za-z][a-z'’]+(?:[ ,\-–]+[A-Za-z][a-z'’]*){3,}")
KIND = "wording"  # the exceptions' kind for this check (data/exactness/exceptions.yml)


def editions(root: Path) -> Editions:
    return load_editions(root / "data" / "editions.yml")


def _worded_editions(root: Path) -> list[tuple[Edition, Conversion, dict[str, str]]]:
    """Each converted edition with a phrase table of its own wording (the Hong Kong one): its
    conversion and the term base's forms in its variety."""
    table = editions(root)
    conversions = edition_conversions(table, root)
    terms = load_terms(root / "data" / "terms.yaml", table.primary.varieties)
    return [(e, conversions[e.lang], variety_phrases(terms, e.lang)) for e in table if e.phrases and e.lang in conversions]


def _converted_lines(root: Path, edition: Edition, conversion: Conversion, phrases: dict[str, str]) -> Iterator[tuple[str, int, str]]:
    """(file, line, converted text) for every line of text the converted edition converts."""
    for path in pages(root, editions(root).source_of(edition).code):
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            if line.strip():
                yield rel(root, path), number, conversion.markdown(line, phrases)
    for name, parents in (("data/releases.yml", ()), ("data/article.yml", ("summary",)), (project_files.TERM_BASE, ("definition", "usage_note"))):
        for keys, number, value in yaml_fields(root, root / name):
            if keys and keys[-1] == "zh" and (not parents or (len(keys) > 1 and keys[-2] in parents)):
                yield name, number, conversion.markdown(value, phrases)
    strings = project_files.catalog(edition.code)
    for _keys, number, value in yaml_fields(root, root / strings):
        yield strings, number, value


def check_wording(root: Path) -> list[Finding]:
    exceptions = Exceptions.load(root)
    findings: list[Finding] = []
    for edition, conversion, phrases in _worded_editions(root):
        assert conversion.table is not None
        forms = frozenset(phrases.values())
        for name, number, text in _converted_lines(root, edition, conversion, phrases):
            for word, at in conversion.table.mainland_words(text, forms):
                if exceptions.allows(KIND, name, word, text):
                    continue
                context = text[max(0, at - 8) : at + len(word) + 8].replace("\n", " ")
                findings.append(
                    Finding(
                        name,
                        number,
                        f"Mainland wording in the {edition.label} edition: {word} (…{context}…); add its own form to {edition.phrases} or protect the name",
                    )
                )
    return findings


def english_prose(text: str) -> list[str]:
    """Runs of English prose in a Chinese text, outside code, URLs and elements marked lang="en"."""
    return [m.group(0) for m in _ENGLISH_PROSE.finditer(_NOT_PROSE.sub(" ", text))]


def check_english(root: Path) -> list[Finding]:
    """English prose in the Chinese editions' own text: pages and interface strings."""
    exceptions = Exceptions.load(root)
    findings: list[Finding] = []
    sources: list[tuple[str, int, str]] = []
    table = editions(root)
    chinese = [e for e in table if not e.is_english]
    for path in [p for e in chinese if e.conversion is None for p in pages(root, e.code)]:
        fence = False
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            if line.strip().startswith("```"):
                fence = not fence
            elif not fence:
                sources.append((rel(root, path), number, line))
    # (the term base's Chinese fields are plain text: the glossary marks their English runs itself,
    # hetao_docs/exactness/english.py; the site-tier test checks the built pages)
    for name in ("data/releases.yml", "data/article.yml"):
        for keys, number, value in yaml_fields(root, root / name):
            if keys and keys[-1] == "zh":
                sources.append((name, number, value))
    for edition in chinese:
        name = project_files.catalog(edition.code)
        sources += [(name, number, value) for keys, number, value in yaml_fields(root, root / name) if "material" not in keys[:1]]
    for name, number, text in sources:
        label = _LABEL.match(text) if name.startswith(project_files.STRINGS + "/") else None
        for run in english_prose(text) + ([label.group(0)] if label else []):
            if not exceptions.allows(KIND, name, "english", run):
                findings.append(Finding(name, number, f'English prose in a Chinese edition, not marked lang="en": {run[:60]}'))
    return findings


def check(root: Path) -> list[Finding]:
    return check_wording(root) + check_english(root)


class _ChineseText(HTMLParser):
    """The text of a built Chinese page a reader sees as Chinese: not scripts, styles or code, not
    elements marked as English or as the Simplified source (deliberate), not attributes (a term link's title
    is its bilingual tooltip)."""

    SKIPPED = frozenset({"script", "style", "code", "pre", "kbd", "samp"})
    VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())

    def __init__(self, deliberate: tuple[str, ...]) -> None:
        super().__init__(convert_charrefs=True)
        self.deliberate = tuple(tag.lower() for tag in deliberate)  # the langs whose text is there on purpose
        self.parts: list[str] = []
        self._open: list[tuple[str, bool]] = []  # (tag, hides its text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        lang = (dict(attrs).get("lang") or "").lower()
        self._open.append((tag, tag in self.SKIPPED or bool(lang and lang.startswith(self.deliberate))))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):  # implicitly closed elements close with it
            if self._open[index][0] == tag:
                del self._open[index:]
                break
        self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not any(hides for _, hides in self._open):
            self.parts.append(data)


def english_prose_in_html(page_html: str, deliberate: tuple[str, ...]) -> list[str]:
    """English prose a reader of a built Chinese page sees, outside elements marked with one of the
    `deliberate` langs (English, and the Simplified source quoted in a converted edition)."""
    parser = _ChineseText(deliberate)
    parser.feed(page_html)
    parser.close()
    return [run for block in "".join(parser.parts).split("\n") for run in english_prose(block)]
