"""The page policy: a Content-Security-Policy on every page, so that nothing from another host runs.

The site loads nothing from third-party hosts; the policy makes the reader's browser enforce it.
Our inline scripts and styles (first paint, Material's bootstrap) are allowed by their SHA-256,
computed from the final HTML of each page, never by `'unsafe-inline'`; nothing needs `eval`.

- Every page gets its own policy as `<meta http-equiv="Content-Security-Policy">` (any static
  host, and `file://` for the offline copy), placed first in `<head>` so it covers every script.
- The server configurations (`serving.py`) send the site's policy as a header: the same
  directives with the hashes of every page (a static server cannot vary them by page), plus
  `frame-ancestors`, which a `<meta>` policy cannot carry. A browser enforces both.
- Applied to every page of the built site, the stored release archives' too (they are checked
  against their SHA256SUMS as they are published, and get the policy as they are served, like the
  current pages), by the site's last pass over its files (site_finish.py).

Plain functions on strings: no MkDocs import.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from hetao_docs.kept import Kept

# data: only for images: Material's icons are SVG data URLs in its stylesheet.
BASE_DIRECTIVES: Final[tuple[tuple[str, str], ...]] = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("frame-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
# Only in the header: a <meta> policy cannot say who may frame the page.
HEADER_ONLY: Final = (("frame-ancestors", "'self'"),)

_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">\n?', re.I)
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.I | re.S)
_STYLE = re.compile(r"<style\b([^>]*)>(.*?)</style\s*>", re.I | re.S)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_CHARSET = re.compile(r"<meta charset=[^>]*>\n?", re.I)
_HEAD = re.compile(r"<head\b[^>]*>\n?", re.I)
# Types a browser runs as script; anything else (JSON, JSON-LD) is data, not governed by script-src.
_SCRIPT_TYPES: Final = {"", "text/javascript", "application/javascript", "module"}


def source_hash(text: str) -> str:
    """The CSP source expression allowing exactly this inline script or style."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@dataclass
class InlineHashes:
    """The hashes a page (or the whole site) needs for its inline scripts and styles."""

    scripts: set[str] = field(default_factory=set)
    styles: set[str] = field(default_factory=set)

    def update(self, other: InlineHashes) -> None:
        self.scripts |= other.scripts
        self.styles |= other.styles


def inline_hashes(page_html: str) -> InlineHashes:
    """The hashes of the page's inline scripts (only those a browser runs) and inline styles."""
    found = InlineHashes()
    for match in _SCRIPT.finditer(page_html):
        attrs, body = match.groups()
        kind = _TYPE.search(attrs)
        if not _SRC.search(attrs) and (kind.group(1).lower() if kind else "") in _SCRIPT_TYPES:
            found.scripts.add(source_hash(body))
    found.styles.update(source_hash(match.group(2)) for match in _STYLE.finditer(page_html))
    return found


def policy(hashes: InlineHashes, *, header: bool = False) -> str:
    """The policy text allowing our origin and these inline hashes, nothing else."""
    extra = {"script-src": sorted(hashes.scripts), "style-src": sorted(hashes.styles)}
    directives = BASE_DIRECTIVES + (HEADER_ONLY if header else ())
    return "; ".join(" ".join([name, value, *extra.get(name, [])]) for name, value in directives)


def with_policy(page_html: str, hashes_of: Callable[[str], InlineHashes] = inline_hashes) -> tuple[str, InlineHashes]:
    """The page with its own policy as the first element of <head> (replacing any earlier one),
    and the hashes it needed. A page without <head> (a fragment) is returned unchanged."""
    page_html = _META.sub("", page_html)
    hashes = hashes_of(page_html)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">\n'
    anchor = _CHARSET.search(page_html) or _HEAD.search(page_html)
    if anchor is None:
        return page_html, InlineHashes()
    return page_html[: anchor.end()] + meta + page_html[anchor.end() :], hashes


# A page's hashes, kept by its text between builds (kept.py): most pages are as in the last build.
KEPT_HASHES: Final = Kept[InlineHashes]("page-policy.pickle", lambda: Path(__file__).read_bytes())
