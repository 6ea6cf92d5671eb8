"""The offline copy: the whole site (all editions) built for file:// and packed into one zip.

The build itself is the site build (site_builder.py) with HETAO_OFFLINE=true, which enables Material's `offline`
plugin (mkdocs.yml): page.html URLs, the search index inlined as search/search_index.js, and the
iframe-worker shim that lets search run from file:// — the vendored copy, see the plugin.
Section ids are the same as on the hosted site because the Markdown is the same.
"""

from __future__ import annotations

import json
import os
import re
import zipfile
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from html.parser import HTMLParser
from pathlib import Path
from typing import Final

OFFLINE_ENV: Final = {"HETAO_OFFLINE": "true"}
ARCHIVE_FOLDER: Final = "hetao-offline"

_LOADED_LINK_RELS: Final = {"stylesheet", "preload", "modulepreload", "icon", "manifest"}
_ABSOLUTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)


class _ResourceFinder(HTMLParser):
    """Collects the addresses a page loads by itself (not the ones it merely links to)."""

    def __init__(self) -> None:
        super().__init__()
        self.loaded: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in ("script", "img", "iframe", "audio", "video", "source") and values.get("src"):
            self.loaded.append(values["src"])
        if tag == "link" and _LOADED_LINK_RELS & set(values.get("rel", "").lower().split()):
            self.loaded.append(values.get("href", ""))


def third_party_resources(page_html: str) -> list[str]:
    """Addresses on other hosts that the page would load (scripts, styles, images, frames)."""
    finder = _ResourceFinder()
    finder.feed(page_html)
    return [url for url in finder.loaded if _ABSOLUTE.match(url)]


class OfflineSiteError(Exception):
    """The offline build is not usable from disk (missing search index, third-party resource…)."""


def check_offline_site(site_dir: Path, prefixes: Iterable[str]) -> None:
    """Raise OfflineSiteError unless every edition (by URL prefix) can run from file:// without a network."""
    for prefix in prefixes:
        folder = site_dir / prefix
        if not (folder / "index.html").is_file():
            raise OfflineSiteError(f"{folder}: no index.html (edition missing from the offline build)")
        if not (folder / "search" / "search_index.js").is_file():
            raise OfflineSiteError(f"{folder}: no search/search_index.js (offline plugin not enabled)")
    for page in site_dir.rglob("*.html"):
        foreign = third_party_resources(page.read_text(encoding="utf-8"))
        if foreign:
            raise OfflineSiteError(f"{page}: loads a resource from another host: {foreign[0]}")


def _search_languages(site_dir: Path) -> set[str]:
    languages: set[str] = set()
    for index in site_dir.rglob("search/search_index.json"):
        languages.update(json.loads(index.read_text(encoding="utf-8"))["config"]["lang"])
    return languages


def not_needed_offline(site_dir: Path) -> set[Path]:
    """Files a reader never loads: source maps, and lunr language packs of languages no index uses.

    They are most of the archive's size (Material ships ~30 lunr languages in every edition).
    """
    keep = {f"lunr.{lang}.min.js" for lang in _search_languages(site_dir)} | {
        "lunr.stemmer.support.min.js",
        "lunr.multi.min.js",
    }
    unused = set(site_dir.rglob("*.map"))
    unused |= {path for path in site_dir.rglob("lunr/min/lunr.*.min.js") if path.name not in keep}
    return unused


def zip_site(site_dir: Path, zip_path: Path, leave_out: AbstractSet[Path] = frozenset()) -> int:
    """Pack `site_dir` into `zip_path` under one top folder; written to a temp name, then renamed."""
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    partial = zip_path.with_name(zip_path.name + ".tmp")
    count = 0
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(site_dir.rglob("*")):
            if path.is_file() and path not in leave_out:
                archive.write(path, f"{ARCHIVE_FOLDER}/{path.relative_to(site_dir).as_posix()}")
                count += 1
    os.replace(partial, zip_path)
    return count
