"""The reviewed exceptions of the exactness checks (`data/exactness/exceptions.yml`): each names
the check (`kind`), the file, what it excuses (`what`: a hedge id, a value, a form) and, optionally,
a piece of the text it applies to (`text`), and says why. An exception never used is itself a
finding, so the list cannot outlive its reasons."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from hetao_docs.exactness.text import Finding
from hetao_docs.yamlfile import compose_yaml, parse_yaml

EXCEPTIONS = Path("data/exactness/exceptions.yml")
KINDS = frozenset({"hedge", "parallel", "rendering", "fact", "source", "wording"})


@dataclass
class Exceptions:
    entries: list[dict[str, str]]
    lines: list[int]
    used: set[int] = field(default_factory=set)

    @classmethod
    def load(cls, root: Path) -> Exceptions:
        path = root / EXCEPTIONS
        if not path.exists():
            return cls([], [])
        text = path.read_text(encoding="utf-8")
        node = compose_yaml(text)
        data = parse_yaml(text) or {}
        entries = data.get("exceptions") or []
        lines: list[int] = []
        if node is not None:
            for key, value in node.value:
                if key.value == "exceptions":
                    lines = [item.start_mark.line + 1 for item in value.value]
        for index, entry in enumerate(entries):
            for name in ("kind", "file", "what", "why"):
                if not str(entry.get(name, "")).strip():
                    raise ValueError(f"{EXCEPTIONS}:{lines[index]}: exception {index + 1}: field '{name}' must not be empty")
            if entry["kind"] not in KINDS:
                raise ValueError(f"{EXCEPTIONS}:{lines[index]}: exception {index + 1}: field 'kind': one of {sorted(KINDS)}")
        return cls([{k: str(v) for k, v in e.items()} for e in entries], lines)

    def allows(self, kind: str, path: str, what: str, text: str = "") -> bool:
        for index, entry in enumerate(self.entries):
            if entry["kind"] == kind and entry["file"] == path and entry["what"] == what and entry.get("text", "") in text:
                self.used.add(index)
                return True
        return False

    def unused(self, kind: str) -> list[Finding]:
        return [
            Finding(str(EXCEPTIONS), self.lines[i], f"exception for {e['file']} ({e['what']}) is no longer needed: remove it")
            for i, e in enumerate(self.entries)
            if e["kind"] == kind and i not in self.used
        ]
