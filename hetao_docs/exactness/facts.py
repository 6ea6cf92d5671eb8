"""Check 4, one fact, one home: a fact stated in several places (the source map, the pages, the
glossary) reads the same everywhere (`data/exactness/facts.yml`): every sentence that states it
(`states`) says it the agreed way (`must`)."""

from __future__ import annotations

import re
from pathlib import Path

from hetao_docs.exactness.exceptions import Exceptions
from hetao_docs.exactness.text import Block, Finding, all_blocks, sentences
from hetao_docs.yamlfile import parse_yaml

FACTS = Path("data/exactness/facts.yml")


def load_facts(root: Path) -> list[dict[str, object]]:
    data = parse_yaml((root / FACTS).read_text(encoding="utf-8"))
    return [
        {
            "id": str(e["id"]),
            "fact": str(e["fact"]),
            "states": {lang: re.compile(e["states"][lang], re.I) for lang in ("zh", "en")},
            "must": {lang: re.compile(e["must"][lang], re.I) for lang in ("zh", "en")},
        }
        for e in data["facts"]
    ]


def check_blocks(blocks: list[Block], facts: list[dict[str, object]], exceptions: Exceptions) -> list[Finding]:
    findings: list[Finding] = []
    for block in blocks:
        if block.heading:
            continue
        # a table row states its fact across cells (the label in one, the count in the next)
        units = [block.text] if block.text.lstrip().startswith("|") else sentences(block.text, block.lang)
        for sentence in units:
            for fact in facts:
                states = fact["states"][block.lang]  # type: ignore[index]
                must = fact["must"][block.lang]  # type: ignore[index]
                if states.search(sentence) and not must.search(sentence):
                    if exceptions.allows("fact", block.path, str(fact["id"]), sentence):
                        continue
                    findings.append(Finding(block.path, block.line, f"fact '{fact['id']}' stated differently: {fact['fact']}; here: {sentence.strip()[:80]}"))
    return findings


def check(root: Path) -> list[Finding]:
    exceptions = Exceptions.load(root)
    return check_blocks(list(all_blocks(root)), load_facts(root), exceptions) + exceptions.unused("fact")
