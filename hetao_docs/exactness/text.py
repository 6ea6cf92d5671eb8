"""The text the exactness checks read: page blocks and term-base / source-map fields, each with
its file and line, so that a finding can name both."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from hetao_docs.project_files import TERM_BASE
from hetao_docs.yamlfile import compose_yaml

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*\{[^{}]*#([A-Za-z0-9_-]+)[^{}]*\}[ \t]*$")
_ARTICLE_ATTR = re.compile(r"data-article=\"([0-9 ,]+)\"")
HAN = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Finding:
    """One problem: where it is and why, printed `file:line: reason`."""

    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


@dataclass(frozen=True)
class Block:
    """A paragraph, list item, table row or data field: text that reads as one unit."""

    path: str  # relative to the project root
    line: int  # 1-based, the block's first line
    text: str
    lang: str  # "zh" or "en"
    section: str = ""  # heading id of the section it is in (pages only)
    heading: bool = False  # a heading: a short label, not a statement


@dataclass(frozen=True)
class Section:
    """A page section between two headings with ids, with its text and the paragraphs it cites."""

    path: str
    page: str  # path under docs/<edition>/
    anchor: str
    line: int
    text: str
    paragraphs: frozenset[int]


def rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def pages(root: Path, edition: str) -> list[Path]:
    return sorted((root / "docs" / edition).rglob("*.md"))


def page_blocks(root: Path, path: Path, lang: str) -> Iterator[Block]:
    """A page's blocks: consecutive non-blank lines; a list item or table row starts a new block.
    Fenced code and HTML comments are skipped."""
    name = rel(root, path)
    section = ""
    current: list[str] = []
    start = 0
    fence = False
    comment = False

    def flush() -> Iterator[Block]:
        if current:
            joiner = "" if lang == "zh" else " "
            yield Block(name, start, joiner.join(s.strip() for s in current), lang, section)

    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        stripped = line.strip()
        if stripped.startswith("```"):
            fence = not fence
            yield from flush()
            current = []
            continue
        if fence:
            continue
        if comment or stripped.startswith("<!--"):
            comment = "-->" not in stripped
            continue
        heading = _HEADING.match(line)
        if heading:
            yield from flush()
            current = []
            section = heading.group(3)
            yield Block(name, number, heading.group(2), lang, section, heading=True)
            continue
        if not stripped or re.match(r"^([-*+]|\d+\.|\|)[ \t]", stripped) or stripped.startswith(("|", "!!!")):
            yield from flush()
            current = []
            if not stripped:
                continue
        if not current:
            start = number
        current.append(line)
    yield from flush()


def page_sections(root: Path, path: Path) -> list[Section]:
    """The page's sections by heading id, each with the article paragraphs its heading cites."""
    name = rel(root, path)
    page = path.relative_to(path.parents[len(path.relative_to(root).parts) - 3]).as_posix()
    sections: list[Section] = []
    anchor = ""
    line_no = 0
    parts: list[str] = []
    cited: frozenset[int] = frozenset()

    def close() -> None:
        if anchor:
            sections.append(Section(name, page, anchor, line_no, "\n".join(parts), cited))

    fence = False
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if line.strip().startswith("```"):
            fence = not fence
            continue
        if fence:  # code is not prose: the examples on the source page are code in one edition
            continue
        heading = _HEADING.match(line)
        if heading:
            close()
            anchor, line_no, parts = heading.group(3), number, []
            found = _ARTICLE_ATTR.search(line)
            cited = frozenset(int(n) for n in re.findall(r"\d+", found.group(1))) if found else frozenset()
            continue
        parts.append(line)
    close()
    return sections


def _scalars(node: yaml.Node, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], int, str]]:
    if isinstance(node, yaml.ScalarNode):
        yield path, node.start_mark.line + 1, str(node.value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _scalars(item, path)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _scalars(value, (*path, str(key.value)))


def yaml_fields(root: Path, path: Path) -> Iterator[tuple[tuple[str, ...], int, str]]:
    """Every scalar of a YAML file: its key path, line and value (comments are not data)."""
    node = compose_yaml(path.read_text(encoding="utf-8"))
    if node is not None:
        yield from _scalars(node, ())


# Fields of the term base and the source map that are prose a reader reads, and their language.
_PROSE_KEYS = {"zh": "zh", "en": "en", "why": "en", "note": "en", "document": "en"}
_PROSE_PARENTS = ("definition", "usage_note", "summary", "en_source", "renderings")


def data_blocks(root: Path) -> Iterator[Block]:
    """Prose fields of the term base (definitions, usage notes, sources) and the source map's
    summaries, as blocks with their lines."""
    for name in (TERM_BASE, "data/article.yml"):
        for keys, line, value in yaml_fields(root, root / name):
            if len(keys) >= 2 and keys[-2] in _PROSE_PARENTS and keys[-1] in _PROSE_KEYS:
                yield Block(name, line, " ".join(value.split()) if _PROSE_KEYS[keys[-1]] == "en" else value, _PROSE_KEYS[keys[-1]])
            elif keys and keys[-1] in ("why", "note") and len(keys) > 1:
                yield Block(name, line, " ".join(value.split()), "en")


def all_blocks(root: Path) -> Iterator[Block]:
    """Every page block of docs/zh and docs/en, and the data prose."""
    for lang in ("zh", "en"):
        for path in pages(root, lang):
            yield from page_blocks(root, path, lang)
    yield from data_blocks(root)


def sentences(text: str, lang: str) -> list[str]:
    """A block cut into sentences (a hedge belongs to the sentence that makes the claim)."""
    if lang == "zh":
        return [s for s in re.split(r"(?<=[。；！？;])|(?<=\|)", text) if s.strip()]
    return [s for s in re.split(r"(?<=[.;!?])\s+(?=[A-Z(\"“])|;\s+|\|", text) if s.strip()]
