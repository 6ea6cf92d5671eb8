"""Section links: explicit heading ids, copyable permalinks, redirects and the published-link contract.

Heading ids are the site's public interface (readers cite `page/#id`), so every heading must carry
an explicit ASCII slug; Markdown's `toc` would otherwise auto-slug Chinese text into positional ids
(`_1`, `_2`) that shift when a heading is added. The contract (`contract/published-links.txt`) lists
every published `path#anchor` of every edition; a moved page keeps its links through a redirect page
listed in `contract/redirects.yml`. No MkDocs import here: the plugin calls it.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from hetao_docs.markup import HEADERLINK_OPEN
from hetao_docs.yamlfile import read_yaml

if TYPE_CHECKING:  # a type only: the link checker runs after a build, not in it
    from hetao_docs.linkcheck import SiteIndex

# The id shape readers cite: lowercase ASCII words joined by hyphens (same rule as term ids).
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(?P<text>.*?)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# attr_list's trailing block on a heading: `{ #id .class key=value }` (the colon form `{: … }` too).
_ATTR_BLOCK = re.compile(r"[ \t]*\{:?[ \t]*(?P<attrs>[^{}]*?)[ \t]*\}[ \t]*$")


@dataclass(frozen=True)
class Heading:
    line: int  # 1-based line number in the Markdown source
    text: str  # heading text without the attribute block
    id: str | None  # explicit id from `{ #id }`, None when absent


def markdown_headings(markdown: str) -> Iterator[Heading]:
    """ATX headings of a Markdown page, outside fenced code blocks."""
    fence: str | None = None
    for number, line in enumerate(markdown.splitlines(), start=1):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        match = _ATX_HEADING.match(line)
        if not match:
            continue
        text = match.group("text").rstrip("#").rstrip()
        block = _ATTR_BLOCK.search(text)
        heading_id = None
        if block:
            text = text[: block.start()].rstrip()
            ids = [token[1:] for token in block.group("attrs").split() if token.startswith("#")]
            heading_id = ids[-1] if ids else None
        yield Heading(line=number, text=text, id=heading_id)


def heading_id_problems(markdown: str, source_name: str) -> list[str]:
    """One line per heading without an explicit ASCII slug id, or whose id repeats on the page."""
    problems: list[str] = []
    first_line: dict[str, int] = {}
    for heading in markdown_headings(markdown):
        where = f"{source_name}:{heading.line}"
        if heading.id is None:
            problems.append(f"{where}: heading '{heading.text}' has no explicit ASCII {{ #id }}")
        elif not SLUG.fullmatch(heading.id):
            problems.append(
                f"{where}: heading '{heading.text}' id '#{heading.id}' is not an ASCII slug [a-z0-9]+(-[a-z0-9]+)*"
            )
        elif heading.id in first_line:
            problems.append(
                f"{where}: heading '{heading.text}' repeats id '#{heading.id}' of line {first_line[heading.id]}"
            )
        else:
            first_line[heading.id] = heading.line
    return problems


_HTML_HEADING_ID = re.compile(r'<h[1-6][^>]*?\sid="(?P<id>[^"]*)"')


def rendered_heading_problems(page_html: str, source_name: str) -> list[str]:
    """Headings that reached HTML with an automatic id (setext or nested headings the scan above skips)."""
    return [
        f"{source_name}: a heading got the automatic id '#{match.group('id')}'; give it an explicit ASCII {{ #id }}"
        for match in _HTML_HEADING_ID.finditer(page_html)
        if not SLUG.fullmatch(match.group("id"))
    ]


def add_copy_targets(page_html: str, canonical_url: str) -> str:
    """Give every heading permalink (`a.headerlink`) the section's full URL to copy.

    Material's bundled ClipboardJS copies any `[data-clipboard-text]` on click and shows its
    "copied" toast; the link's own `href="#id"` still updates the address bar.
    """

    def with_target(match: re.Match[str]) -> str:
        url = f"{canonical_url}#{quote(html.unescape(match.group('id')), safe='-._~')}"
        return f'{match.group(0)} data-clipboard-text="{html.escape(url)}"'

    return HEADERLINK_OPEN.sub(with_target, page_html)


# --- Redirects ---------------------------------------------------------------------------------

class RedirectError(ValueError):
    """A bad entry in the redirects file; the message is one line naming file, entry and field."""


def _is_page_path(path: object) -> bool:
    return isinstance(path, str) and path.endswith("/") and not path.startswith("/") and ".." not in path.split("/")


def load_redirects(path: Path) -> dict[str, str]:
    """Old page path → new page path, both relative to an edition's root (`problems/x/`)."""
    if not path.exists():
        return {}
    data = read_yaml(path) or {}
    entries = data.get("redirects") if isinstance(data, dict) else None
    if entries is None:
        return {}
    if not isinstance(entries, dict):
        raise RedirectError(f"{path}: 'redirects' must be a mapping of old path to new path")
    for old, new in entries.items():
        if not _is_page_path(old):
            raise RedirectError(f"{path}: redirect '{old}': old path must be relative and end with '/'")
        if not _is_page_path(new):
            raise RedirectError(f"{path}: redirect '{old}': new path '{new}' must be relative and end with '/'")
    return dict(entries)


def redirect_page(old: str, new: str, site_url: str) -> str:
    """A static page that forwards `old/` to `new/`, keeping the `#fragment` (JS; meta refresh without)."""
    target = posixpath.relpath(new, old).rstrip("/") + "/"
    absolute = site_url.rstrip("/") + "/" + new if site_url else target
    target_js = json.dumps(target)
    return (
        "<!doctype html>\n"
        '<html><head><meta charset="utf-8">\n'
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{html.escape(absolute)}">\n'
        f"<script>location.replace({target_js} + location.hash)</script>\n"
        f'<meta http-equiv="refresh" content="0; url={html.escape(target)}">\n'
        f"<title>{html.escape(new)}</title>\n"
        f'</head><body><a href="{html.escape(target)}">{html.escape(new)}</a></body></html>\n'
    )


def write_redirects(site_dir: Path, redirects: Mapping[str, str], site_url: str, source: Path) -> list[Path]:
    """Write one redirect page per entry; a target that is not a built page stops the build."""
    written = []
    for old, new in redirects.items():
        if not (site_dir / new / "index.html").is_file():
            raise RedirectError(f"{source}: redirect '{old}': new path '{new}' is not a page of the built site")
        if (site_dir / old / "index.html").exists():
            raise RedirectError(f"{source}: redirect '{old}': old path is still a page of the built site")
        page = site_dir / old / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(redirect_page(old, new, site_url), encoding="utf-8")
        written.append(page)
    return written


# --- The contract --------------------------------------------------------------------------------

ROOT_PATH = "./"  # how the contract writes an edition-less site root (the zh home page)


def published_links(site: SiteIndex) -> set[str]:
    """Every page and every section anchor the built site publishes, as contract lines.

    Anchors are the ASCII-slug ids inside the page content: headings, glossary and term-index
    entries. Footnote ids (`fn:1`) and the theme's own (`__tabbed_1_1`) are not slugs.
    """
    links: set[str] = set()
    for page_path in site.pages():
        if site.redirect_target(page_path) is not None:
            continue
        shown = page_path or ROOT_PATH
        links.add(shown)
        links.update(f"{shown}#{anchor}" for anchor in site.article_ids(page_path) if SLUG.fullmatch(anchor))
    return links


def split_link(link: str) -> tuple[str, str]:
    path, _, anchor = link.partition("#")
    return ("" if path == ROOT_PATH else path), anchor


def missing_links(contract: Iterable[str], site: SiteIndex) -> list[tuple[str, str]]:
    """(link, reason) for each contracted link the built site no longer serves (redirects followed)."""
    missing = []
    for link in contract:
        path, anchor = split_link(link)
        reason = site.resolve_problem(path, anchor)
        if reason:
            missing.append((link, reason))
    return missing


def read_contract(path: Path) -> list[str]:
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


CONTRACT_HEADER = (
    "# Published section links (path#anchor relative to site_url), one per line, sorted.\n"
    "# Regenerate with `python scripts/docs.py contract --update`; never delete a line by hand:\n"
    "# a moved page gets an entry in contract/redirects.yml instead.\n"
)


def write_contract(path: Path, links: Iterable[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(CONTRACT_HEADER + "".join(f"{link}\n" for link in sorted(set(links))), encoding="utf-8")


def edition_of(link: str, prefixes: Iterable[str]) -> str:
    """The edition prefix a contract line belongs to ('' for the primary edition)."""
    for prefix in prefixes:
        if prefix and link.startswith(prefix):
            return prefix
    return ""


ARCHIVE_PREFIX = "releases/"  # where the site keeps its earlier releases (hetao_docs/releases.py)


def edition_prefixes(site_dir: Path) -> list[str]:
    """Each edition's URL prefix ('' for the primary one): every edition has its own search index.
    An archived release's editions count as the primary edition's pages (its contract lines)."""
    found = {
        index.parent.parent.relative_to(site_dir).as_posix() for index in site_dir.rglob("search/search_index.json")
        if not index.relative_to(site_dir).as_posix().startswith(ARCHIVE_PREFIX)
    }
    return sorted("" if prefix == "." else prefix + "/" for prefix in found)


def count_by_edition(links: Iterable[str], prefixes: Iterable[str]) -> dict[str, int]:
    """Contract lines per edition prefix, longest prefix winning ('' = primary edition)."""
    longest_first = sorted(prefixes, key=len, reverse=True)
    counts = dict.fromkeys(sorted(longest_first), 0)
    for link in links:
        edition = edition_of(link, longest_first)
        counts[edition] = counts.get(edition, 0) + 1
    return counts


@dataclass(frozen=True)
class ContractResult:
    ok: bool
    messages: list[str]


def check_contract(contract_file: Path, site: SiteIndex) -> ContractResult:
    """Every contracted link is still served by the built site (directly or through a redirect), and
    every link it publishes is contracted."""
    contract = read_contract(contract_file)
    if not contract:
        return ContractResult(False, [f"{contract_file}: no contract yet; run `python scripts/docs.py contract --update`"])
    missing = missing_links(contract, site)
    messages = [f"{contract_file}: {link} is no longer published: {reason}" for link, reason in missing]
    # the other way: a published anchor the contract does not list would be dropped without a word
    uncontracted = sorted(published_links(site) - set(contract))
    messages += [f"{contract_file}: {link} is published but not in the contract: run `python scripts/docs.py contract --update`"
                 for link in uncontracted]
    messages.append(f"contract: {len(contract)} links checked, {len(missing)} missing, {len(uncontracted)} published links not contracted")
    return ContractResult(not missing and not uncontracted, messages)


def update_contract(contract_file: Path, site: SiteIndex, allow_removals: bool) -> ContractResult:
    """Add every link the site publishes; a link that is gone is only dropped with `allow_removals`."""
    old = read_contract(contract_file)
    gone = missing_links(old, site)
    kept = set(old) - {link for link, _ in gone}
    if gone and not allow_removals:
        messages = [f"{contract_file}: {link} would be removed: {reason}" for link, reason in gone]
        messages.append(
            "contract: not updated. Keep these links: add the moved pages to contract/redirects.yml "
            "(old path: new path), or pass --allow-removals to drop them on purpose"
        )
        return ContractResult(False, messages)
    links = kept | published_links(site)
    write_contract(contract_file, links)
    added = len(links - set(old))
    return ContractResult(True, [f"contract: {len(links)} links ({added} added, {len(gone)} removed)"])
