"""Compare two built sites and report, per page, what a reader would see differently.

    python scripts/compare_sites.py OLD_SITE NEW_SITE [--ignore REGEX ...] [--details N]

Per ``*.html`` page: the visible text of ``<title>`` and ``<body>`` (no script/style) as
whitespace-collapsed blocks, the element ids, the links (href/src, resolved to site-root paths)
and the assets (``<script src>``/``<link href>``), with content hashes in file names
(``bundle.a5f9d56c.min.js``) normalised to ``HASH``. Other files are compared by path and
content; search indexes and sitemaps get a line each. A report: exit 0 whenever it ran.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "button", "caption", "dd", "details",
    "div", "dl", "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hr", "label", "li", "main", "nav", "ol", "option", "p", "pre", "section",
    "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul",
})
HIDDEN_TAGS = frozenset({"script", "style"})
HASH_RE = re.compile(r"\.[0-9a-f]{8,64}(?=(?:\.[A-Za-z0-9]+)+(?:[?#]|$))")
SPECIAL_FILES = ("search_index.json", "sitemap.xml")


def normalise_url(url: str) -> str:
    """Replace content hashes in file names: ``hetao.3f2a9c1e.min.js`` -> ``hetao.HASH.min.js``."""
    return HASH_RE.sub(".HASH", url.strip())


def resolve_link(url: str, page: str) -> str:
    """A relative link as a site-root path (``./`` on ``a/index.html`` -> ``/a/``), so that two
    spellings of one target compare equal; a link climbing above the root keeps its ``/../``."""
    parts = urlsplit(url.strip())
    if parts.scheme or parts.netloc or url.startswith(("/", "#", "?")) or not parts.path:
        return url.strip()
    stack: list[str] = []
    segments = page.split("/")[:-1] + parts.path.split("/")
    for i, seg in enumerate(segments):
        last = i == len(segments) - 1
        if seg == ".." and stack and stack[-1] != "..":
            stack.pop()
        elif seg != "." and (seg or last):
            stack.append(seg)
        if last and seg in (".", ".."):
            stack.append("")
    query, fragment = f"?{parts.query}" if parts.query else "", f"#{parts.fragment}" if parts.fragment else ""
    return "/" + "/".join(stack) + query + fragment


@dataclass
class Page:
    blocks: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    links: Counter[str] = field(default_factory=Counter)
    assets: set[str] = field(default_factory=set)


class _PageParser(HTMLParser):
    def __init__(self, path: str) -> None:
        super().__init__(convert_charrefs=True)
        self.path = path
        self.page = Page()
        self._text: list[str] = []
        self._hidden = 0
        self._inside: set[str] = set()  # "title" and/or "body"; an inline <svg><title> counts too

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v for k, v in attrs if v is not None}
        if attr.get("id"):
            self.page.ids.add(attr["id"])
        for name in ("href", "src"):
            if name in attr:
                url = normalise_url(resolve_link(attr[name], self.path))
                if tag in ("script", "link"):
                    self.page.assets.add(url)
                else:
                    self.page.links[url] += 1
        if tag in HIDDEN_TAGS:
            self._hidden += 1
        if tag in ("title", "body"):
            self._inside.add(tag)
        if tag in BLOCK_TAGS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN_TAGS:
            self._hidden = max(0, self._hidden - 1)
        if tag in BLOCK_TAGS or tag == "body":
            self.flush()
        if tag in ("title", "body"):
            self._inside.discard(tag)

    def handle_data(self, data: str) -> None:
        if self._inside and not self._hidden:
            self._text.append(data)

    def flush(self) -> None:
        block = " ".join("".join(self._text).split())
        if block:
            self.page.blocks.append(block)
        self._text = []


def parse_page(html: str, ignore: Sequence[re.Pattern[str]] = (), path: str = "index.html") -> Page:
    """Text blocks, ids, links and assets of the page at ``path``, less what matches ``ignore``."""
    parser = _PageParser(path)
    parser.feed(html)
    parser.close()
    parser.flush()
    page = parser.page

    def keep(item: str) -> bool:
        return not any(p.search(item) for p in ignore)

    return Page(
        blocks=[b for b in page.blocks if keep(b)],
        ids={i for i in page.ids if keep(i)},
        links=Counter({u: n for u, n in page.links.items() if keep(u)}),
        assets={u for u in page.assets if keep(u)},
    )


def _clip(text: str, start: int = 0, width: int = 200) -> str:
    start = max(0, start - 40)
    head = "…" if start else ""
    return head + text[start : start + width] + ("…" if len(text) > start + width else "")


def diff_blocks(old: list[str], new: list[str]) -> list[tuple[str, str]]:
    """Differing blocks as ``("-", text)`` / ``("+", text)``, clipped near the first change."""
    out: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        for a, b in zip(old[i1:i2], new[j1:j2]):
            common = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
            out += [("-", _clip(a, common)), ("+", _clip(b, common))]
        pairs = min(i2 - i1, j2 - j1)
        out += [("-", _clip(a)) for a in old[i1 + pairs : i2]]
        out += [("+", _clip(b)) for b in new[j1 + pairs : j2]]
    return out


@dataclass
class PageDiff:
    text: list[tuple[str, str]]
    ids: tuple[list[str], list[str]]  # (removed, added)
    links: tuple[list[str], list[str]]
    assets: tuple[list[str], list[str]]

    def changed(self) -> bool:
        return bool(self.text or any(r or a for r, a in (self.ids, self.links, self.assets)))


def _set_diff(old: Iterable[str], new: Iterable[str]) -> tuple[list[str], list[str]]:
    o, n = Counter(old), Counter(new)
    return sorted((o - n).elements()), sorted((n - o).elements())


def diff_pages(old: Page, new: Page) -> PageDiff:
    return PageDiff(
        text=diff_blocks(old.blocks, new.blocks),
        ids=_set_diff(old.ids, new.ids),
        links=_set_diff(old.links.elements(), new.links.elements()),
        assets=_set_diff(old.assets, new.assets),
    )


def site_files(root: Path) -> dict[str, Path]:
    """Files by relative path, hashes in names normalised (so renamed-by-hash files pair up)."""
    files: dict[str, Path] = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        key = normalise_url(rel)
        files[rel if key in files else key] = path
    return files


def _content(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data  # gzip headers hold an mtime


def describe_special(rel: str, old: bytes, new: bytes, limit: int) -> str:
    """One line on what changed in a search index or sitemap."""
    if rel.endswith("search_index.json"):
        old_index, new_index = json.loads(old), json.loads(new)
        old_docs, new_docs = (Counter(json.dumps(d, sort_keys=True) for d in i["docs"]) for i in (old_index, new_index))
        removed, added = old_docs - new_docs, new_docs - old_docs
        where = ", ".join(sorted({json.loads(d)["location"] for d in removed + added})[:limit])
        config = ", config changed" if old_index.get("config") != new_index.get("config") else ""
        return f"{old_docs.total()} -> {new_docs.total()} docs, -{removed.total()} +{added.total()} entries [{where}]{config}"
    old_locs, new_locs = (set(re.findall(rb"<loc>(.*?)</loc>", b)) for b in (old, new))
    if old_locs != new_locs:
        return f"locs -{len(old_locs - new_locs)} +{len(new_locs - old_locs)}"
    return "same locs, whitespace only" if old.split() == new.split() else "same locs, other content (lastmod…)"


def page_lines(rel: str, diff: PageDiff, details: int) -> list[str]:
    """The report on one changed page: each category with its count and first ``details`` items."""
    signs = Counter(sign for sign, _ in diff.text)
    lines = [f"== {rel}"]
    if diff.text:
        lines.append(f"  text: -{signs['-']} +{signs['+']} blocks")
        lines += [f"    {sign} {text}" for sign, text in diff.text[:details]]
    for name in ("ids", "links", "assets"):
        removed, added = getattr(diff, name)
        if removed or added:
            lines.append(f"  {name}: -{len(removed)} +{len(added)}")
            lines += [f"    - {x}" for x in removed[:details]] + [f"    + {x}" for x in added[:details]]
    return lines


def compare(old_root: Path, new_root: Path, ignore: Sequence[re.Pattern[str]], details: int) -> list[str]:
    """The whole report as lines, ending with one summary line for pages and one for other files."""
    old_files, new_files = site_files(old_root), site_files(new_root)
    html = {k for k in old_files.keys() | new_files.keys() if k.endswith(".html")}
    lines: list[str] = []
    counts = Counter[str]()
    for rel in sorted(html):
        if rel not in new_files or rel not in old_files:
            where = "old" if rel in old_files else "new"
            lines.append(f"page only in {where}: {rel}")
            counts[where] += 1
            continue
        counts["compared"] += 1
        old_page, new_page = (parse_page(f[rel].read_text("utf-8", "replace"), ignore, rel) for f in (old_files, new_files))
        diff = diff_pages(old_page, new_page)
        if diff.changed():
            lines += page_lines(rel, diff, details)
            counts.update(name for name in ("text", "ids", "links", "assets") if any(getattr(diff, name)))
    other_old, other_new = (set(f) - html for f in (old_files, new_files))
    changed = sorted(r for r in other_old & other_new if _content(old_files[r]) != _content(new_files[r]))
    special = [rel for rel in changed if rel.endswith(SPECIAL_FILES)]
    for rel in special:
        note = describe_special(rel, _content(old_files[rel]), _content(new_files[rel]), details)
        lines.append(f"file changed: {rel}: {note}")
    lines += [f"file changed: {rel}" for rel in [r for r in changed if r not in special][:details]]
    for label, group in (("only in old", other_old - other_new), ("only in new", other_new - other_old)):
        lines += [f"file {label}: {rel}" for rel in sorted(group)[:details]]
    lines.append(
        f"pages: {counts['compared']} compared, {counts['old']} only in old, {counts['new']} only in new, "
        f"{counts['text']} with text changes, {counts['ids']} with id changes, "
        f"{counts['links']} with link changes, {counts['assets']} with asset changes"
    )
    lines.append(
        f"files: {len(other_old & other_new)} compared, {len(other_old - other_new)} only in old, "
        f"{len(other_new - other_old)} only in new, {len(changed)} changed"
    )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("old", type=Path, help="baseline site folder")
    parser.add_argument("new", type=Path, help="site folder to compare with it")
    parser.add_argument("--ignore", action="append", default=[], metavar="REGEX",
                        help="drop text blocks, ids and links (as shown, root paths) matching REGEX; repeatable")
    parser.add_argument("--details", type=int, default=10, metavar="N",
                        help="show at most N differing items per category (default 10)")
    args = parser.parse_args(argv)
    for folder in (args.old, args.new):
        if not folder.is_dir():
            print(f"compare_sites: not a folder: {folder}", file=sys.stderr)
            return 2
    try:
        ignore = [re.compile(p) for p in args.ignore]
    except re.error as exc:
        print(f"compare_sites: bad --ignore regex {exc.pattern!r}: {exc}", file=sys.stderr)
        return 2
    print("\n".join(compare(args.old, args.new, ignore, max(0, args.details))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
