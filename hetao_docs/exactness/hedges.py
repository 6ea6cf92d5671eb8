"""Check 2, hedges kept: a restatement of one of the article's hedged or open-ended claims
(`data/exactness/hedges.yml`) keeps the hedge in the same sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from hetao_docs.exactness.exceptions import Exceptions
from hetao_docs.exactness.text import Block, Finding, all_blocks, sentences
from hetao_docs.yamlfile import parse_yaml

HEDGES = Path("data/exactness/hedges.yml")
_TITLE = re.compile(r"《[^》]*》|\*\*[^*]*\*\*")


@dataclass(frozen=True)
class Hedge:
    id: str
    paragraph: int
    article: str
    claim: dict[str, re.Pattern[str]]
    keep: dict[str, re.Pattern[str]]


def load_hedges(root: Path) -> list[Hedge]:
    data = parse_yaml((root / HEDGES).read_text(encoding="utf-8"))
    return [
        Hedge(
            str(e["id"]),
            int(e["paragraph"]),
            str(e["article"]),
            {lang: re.compile(e["claim"][lang], re.I) for lang in ("zh", "en")},
            {lang: re.compile(e["keep"][lang], re.I) for lang in ("zh", "en")},
        )
        for e in data["hedges"]
    ]


def check_blocks(blocks: list[Block], hedges: list[Hedge], exceptions: Exceptions) -> list[Finding]:
    findings: list[Finding] = []
    for block in blocks:
        if block.text.lstrip().startswith("#"):
            continue
        for sentence in sentences(_TITLE.sub("", block.text), block.lang):
            for hedge in hedges:
                if hedge.claim[block.lang].search(sentence) and not hedge.keep[block.lang].search(sentence):
                    if exceptions.allows("hedge", block.path, hedge.id, sentence):
                        continue
                    findings.append(
                        Finding(
                            block.path,
                            block.line,
                            f"hedge '{hedge.id}' dropped: the article (¶{hedge.paragraph}) says {hedge.article}; "
                            f"this restates it without it: {sentence.strip()[:80]}",
                        )
                    )
    return findings


def check(root: Path) -> list[Finding]:
    return check_blocks(list(all_blocks(root)), load_hedges(root), Exceptions.load(root))
