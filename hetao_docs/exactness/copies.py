"""Check 7, close copies: clauses kept verbatim from the article.

The project keeps no copy of the article (a fresh clone has no `../shared`); it keeps hashes of
the article's 16-character runs of Han characters in `data/exactness/article-grams.txt`, made
from the article by `write_fingerprint` (`python -m hetao_docs.exactness.copies ARTICLE.txt`). The
rules are those of `../shared/tools/copycheck.py --close 16 docs data`, and a test compares the two
where `../shared` exists:
- a run of 30+ Han characters of the article, anywhere in a file, is copied;
- per line, after removing what may carry over exactly (quoted text “…” 「…」 ‘…’ "…", titles 《…》,
  bold **…**, and every zh form and alias of the term base with 4+ Han characters), a run of 16+ is
  a close copy: reword it, or quote and mark it;
- a news teaser of the source page (never part of the site) anywhere is a finding.
"""

from __future__ import annotations

import functools
import hashlib
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from hetao_docs.exactness.text import Finding, rel
from hetao_docs.yamlfile import parse_yaml

CLOSE = 16
COPIED = 30
FINGERPRINT = Path("data/exactness/article-grams.txt")
SUFFIXES = frozenset({".md", ".html", ".yml", ".yaml", ".txt", ".json"})
_HAN = re.compile(r"[\u3400-\u9fff]")
_CARRIED = re.compile(r"“[^”\n]{0,80}”|「[^」\n]{0,80}」|‘[^’\n]{0,80}’|《[^》\n]{0,80}》|\"[^\"\n]{0,80}\"|\*\*[^*\n]{0,80}\*\*")
# The news teasers after the article on the source page (copycheck.py's list), hashed like the grams.
_TEASERS = ("湾区账户通", "工资中位数", "周一鸣", "李家超再访", "大熊猫", "李国祥", "网约车", "稀土出口", "廉署", "热门资讯")


@functools.lru_cache(maxsize=1 << 18)  # a file's runs are hashed again line by line
def _hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=6).hexdigest()


def han_only(text: str) -> str:
    return "".join(_HAN.findall(text))


def write_fingerprint(article: str) -> str:
    """The fingerprint file's text, from the source page's text (teasers after 相关内容 dropped)."""
    article = article.split("相关内容")[0]
    full = han_only(article)
    body = han_only("\n".join(line for line in article.splitlines() if "张立勤" not in line and "深港协同破解河套难题" not in line))
    lines = ["# Hashes of the article's 16-Han-character runs (blake2b-48): hetao_docs/exactness/copies.py."]
    lines += sorted({f"body {_hash(body[i : i + CLOSE])}" for i in range(len(body) - CLOSE + 1)})
    lines += sorted({f"full {_hash(full[i : i + CLOSE])}" for i in range(len(full) - CLOSE + 1)})
    lines += sorted({f"teaser{len(t)} {_hash(t)}" for t in _TEASERS})
    return "\n".join(lines) + "\n"


def _load(root: Path) -> tuple[set[str], set[str], dict[int, set[str]]]:
    body: set[str] = set()
    full: set[str] = set()
    teasers: dict[int, set[str]] = {}
    for line in (root / FINGERPRINT).read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        kind, value = line.split()
        if kind == "body":
            body.add(value)
        elif kind == "full":
            full.add(value)
        else:
            teasers.setdefault(int(kind.removeprefix("teaser")), set()).add(value)
    return body, full, teasers


def _runs(han: str, grams: set[str], n: int) -> Iterator[str]:
    """Maximal runs of `han` whose every n-character window is an article gram."""
    start: int | None = None
    for i in range(len(han) - n + 2):
        hit = i + n <= len(han) and _hash(han[i : i + n]) in grams
        if hit and start is None:
            start = i
        elif not hit and start is not None:
            yield han[start : i - 1 + n]
            start = None


def term_names(root: Path) -> list[str]:
    """The term base's zh forms and aliases with 4+ Han characters, longest first."""
    data = parse_yaml((root / "data" / "terms.yaml").read_text(encoding="utf-8"))
    names: set[str] = set()
    for entry in data.get("terms", []):
        names.add(str(entry["zh"]))
        names.update(str(a) for a in entry.get("aliases_zh", []))
    return sorted((n for n in names if len(han_only(n)) >= 4), key=len, reverse=True)


def files(root: Path, folders: Iterable[str] = ("docs", "data")) -> list[Path]:
    return sorted(p for folder in folders for p in (root / folder).rglob("*") if p.suffix in SUFFIXES and p.is_file())


def check(root: Path, folders: Iterable[str] = ("docs", "data")) -> list[Finding]:
    body, full, teasers = _load(root)
    names = term_names(root)
    findings: list[Finding] = []
    for path in files(root, folders):
        name = rel(root, path)
        text = path.read_text(encoding="utf-8", errors="replace")
        for run in _runs(han_only(text), full, CLOSE):
            if len(run) >= COPIED:
                findings.append(Finding(name, 1, f"copied {len(run)} Han characters from the article: {run[:40]}…"))
        han = han_only(text)
        for length, hashes in teasers.items():
            if any(_hash(han[i : i + length]) in hashes for i in range(len(han) - length + 1)):
                findings.append(Finding(name, 1, "contains a news teaser of the source page, not part of the article"))
                break
        for number, line in enumerate(text.splitlines(), 1):
            line = _CARRIED.sub("·", line)
            for term in names:
                line = line.replace(term, "·")
            for run in _runs(han_only(line), body, CLOSE):
                findings.append(
                    Finding(name, number, f"close copy: {len(run)} Han characters of the article, unquoted and not a term: {run} (reword, or quote and mark)")
                )
    return findings


if __name__ == "__main__":
    sys.stdout.write(write_fingerprint(Path(sys.argv[1]).read_text(encoding="utf-8")))
