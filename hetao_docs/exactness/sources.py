"""Check 5, sources that support: every added-context box (`!!! info "本站补充：…"` /
`!!! info "Added context: …"`) ends with its source paragraph (来源： / Source:), each source in it
has a link (or says why it has none: 未附链接 / no link), a date and a locator that states the claim
(article, section, paragraph, order or announcement number, press release), and the box says when
its sources were last checked (核对于 YYYY-MM-DD / checked on YYYY-MM-DD), per source or for all.
In the term base, every `en_source` and rendering source with a URL has a locator and a `checked`
date. Sources not yet re-checked are listed in data/exactness/exceptions.yml (kind `source`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from hetao_docs.exactness.exceptions import Exceptions
from hetao_docs.exactness.text import Finding, pages, rel
from hetao_docs.project_files import TERM_BASE
from hetao_docs.yamlfile import compose_yaml, parse_yaml

_BOX = re.compile(r'^!!! info "(本站补充|Added context)[：:]\s*(.*)"\s*$')
_URL = re.compile(r"<https?://[^>\s]+>|https?://\S+")
_NO_LINK = re.compile(r"未附链接|no link", re.I)
_DATE = re.compile(
    r"\d{4}-\d{2}(?:-\d{2})?|\d{4} 年|\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}|\b\d{4}\b"
)
_CHECKED = re.compile(r"(?:核对于|checked on) (\d{4}-\d{2}-\d{2})")
_BOX_CHECKED = re.compile(r"[；;]\s*(?:核对于|checked on) \d{4}-\d{2}-\d{2}[。.]?\s*$")
_LOCATOR = re.compile(
    r"第[一二三四五六七八九十百\d]+\s*[条章段节项款号]|第\s*\d+(?:[–-]\d+)?\s*段|公告|令第|第486章|新闻公报|质询|网页|"
    r"\bArt(?:icle|\.)|\bparagraphs?\b|\bparas?\.|\bsection\b|\bs\. \d|\bChapter\b|\bNo\. \d|\bCap\. \d|press release|LCQ\d|\bpage\b|web page",
    re.I,
)


@dataclass(frozen=True)
class Box:
    path: str
    line: int
    title: str
    source_line: int
    source: str  # the source paragraph's text, "" when there is none


def boxes(root: Path, lang: str) -> Iterator[Box]:
    for path in pages(root, lang):
        lines = path.read_text(encoding="utf-8").split("\n")
        for number, line in enumerate(lines, 1):
            found = _BOX.match(line)
            if not found:
                continue
            body: list[tuple[int, str]] = []
            for offset, inner in enumerate(lines[number:], number + 1):
                if inner.strip() and not inner.startswith("    "):
                    break
                body.append((offset, inner.strip()))
            source, start = "", number
            for offset, text in body:
                if text.startswith(("来源：", "Source:", "Sources:")):
                    start = offset
                    source = " ".join(t for o, t in body if o >= offset and t)
                    break
            yield Box(rel(root, path), number, found.group(2), start, source)


def items(source: str) -> list[str]:
    """A source paragraph's sources: separated by ；/ "; " between documents, outside brackets;
    a last "核对于 DATE" / "checked on DATE" of its own belongs to the one before it."""
    text = re.sub(r"^(来源|Sources?)[：:]\s*", "", source)
    found: list[str] = []
    depth, start = 0, 0
    for index, char in enumerate(text):
        depth += (char in "（(《“" and 1) or 0
        depth -= (char in "）)》”" and 1) or 0
        if depth <= 0 and (char == "；" or (char == ";" and text[index + 1 : index + 2] == " ")):
            found.append(text[start:index])
            start = index + 1
    found.append(text[start:])
    found = [item.strip() for item in found if item.strip(" 。.")]
    if len(found) > 1 and _CHECKED.match(found[-1].strip()):
        last = found.pop()
        found[-1] += "；" + last
    return found


def check_box(box: Box, exceptions: Exceptions) -> list[Finding]:
    findings: list[Finding] = []

    def report(what: str, reason: str) -> None:
        if not exceptions.allows("source", box.path, what, box.title):
            findings.append(Finding(box.path, box.source_line, f"added context '{box.title}': {reason}"))

    if not box.source:
        report("source", "no source paragraph (来源： / Source:) at the end of the box")
        return findings
    # a last "；核对于 DATE。" / "; checked on DATE." of its own covers every source of the box
    box_checked = _BOX_CHECKED.search(box.source)
    for index, item in enumerate(items(box.source), 1):
        if not (_URL.search(item) or _NO_LINK.search(item)):
            report(f"link {index}", f"source {index} has no link and does not say why: {item[:60]}")
        if not _DATE.search(_CHECKED.sub("", item)):
            report(f"date {index}", f"source {index} has no date: {item[:60]}")
        if not _LOCATOR.search(item):
            report(f"locator {index}", f"source {index} has no locator (article, section, paragraph, number): {item[:60]}")
        if not (box_checked or _CHECKED.search(item)):
            report(f"checked {index}", f"source {index} has no last-checked date (核对于 / checked on YYYY-MM-DD): {item[:60]}")
    return findings


def _term_sources(root: Path) -> Iterator[tuple[str, int, str, dict[str, object]]]:
    """(term id, line, field, source mapping) for every en_source and rendering source with a URL."""
    text = (root / "data" / "terms.yaml").read_text(encoding="utf-8")
    node = compose_yaml(text)
    data = parse_yaml(text)
    assert isinstance(node, yaml.MappingNode)
    entries_node = next(v for k, v in node.value if k.value == "terms")
    for entry, entry_node in zip(data["terms"], entries_node.value, strict=True):
        lines = {k.value: v.start_mark.line + 1 for k, v in entry_node.value}
        source = entry.get("en_source") or {}
        if source.get("url"):
            yield entry["id"], lines["en_source"], "en_source", source
        for index, rendering in enumerate(entry.get("renderings") or []):
            if (rendering.get("source") or {}).get("url"):
                yield entry["id"], lines["renderings"], f"renderings[{index}].source", rendering["source"]


def check_terms(root: Path, exceptions: Exceptions) -> list[Finding]:
    findings: list[Finding] = []
    for term_id, line, field, source in _term_sources(root):
        locator = str(source.get("locator") or source.get("document") or "")
        if not _LOCATOR.search(locator) and not exceptions.allows("source", TERM_BASE, f"{term_id} {field} locator"):
            findings.append(
                Finding(TERM_BASE, line, f"term '{term_id}': field '{field}': no locator (article, section, paragraph, number) in {locator[:60]!r}")
            )
        if not source.get("checked") and not exceptions.allows("source", TERM_BASE, f"{term_id} {field} checked"):
            findings.append(Finding(TERM_BASE, line, f"term '{term_id}': field '{field}': no 'checked' date (when the source was last checked)"))
    return findings


def check(root: Path) -> list[Finding]:
    exceptions = Exceptions.load(root)
    findings = [f for lang in ("zh", "en") for box in boxes(root, lang) for f in check_box(box, exceptions)]
    return findings + check_terms(root, exceptions) + exceptions.unused("source")
