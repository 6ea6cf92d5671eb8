"""What the reading concern does once every edition is built (the plugin's one call): the pages in
two editions side by side (side_by_side.py), each edition's 404 page made to work wherever it is
opened, and in the offline copy a README.txt saying which file to open.

The 404 page is served for missing addresses at any depth, so MkDocs writes its links as absolute
paths below the site's address (`/hetao/en/assets/…`): unstyled from file:// (the offline copy)
and on a host serving the folder at another path. Its links are made relative to its own folder
and an inline script at the top of its head sets the page's `<base>`: the folder the file is in
(file://), the edition's folder below the site's path when the address starts with it, else below
the host's root. (Material's own settings, `__config`, keep their absolute paths: search works
where the site's path is right.)
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Final
from urllib.parse import urlsplit

from hetao_docs import side_by_side
from hetao_docs.editions import Editions
from hetao_docs.strings import load_catalogs

_URL_ATTR: Final = re.compile(r'(\s(?:href|src|action|data-search-js|data-search-css|data-term-finder|data-term-tips)=")(/[^"/][^"]*|/)(")')
_HEAD: Final = "<head>"
_CHARSET: Final = re.compile(r"<meta charset=[^>]*>", re.I)


def portable_404(page_html: str, root_path: str, prefix: str) -> str:
    """The 404 page of the edition at `prefix`, its absolute links below `root_path` made relative."""

    def relative(match: re.Match[str]) -> str:
        value = html.unescape(match[2])
        if not value.startswith(root_path):
            return match[0]
        return match[1] + html.escape(side_by_side.rebase(value[len(root_path):] or "./", "", prefix)) + match[3]

    page_html = _URL_ATTR.sub(relative, page_html)
    script = (
        "<script>(function(){var l=location,r=" + json.dumps(root_path) + ",b=document.createElement(\"base\");"
        "b.href=l.protocol===\"file:\"?l.href:l.origin+(l.pathname.indexOf(r)===0?r:\"/\")+" + json.dumps(prefix) + ";"
        "document.head.appendChild(b)})()</script>"
    )
    # after the charset (which must come first), and so after the page policy that allows the script
    charset = _CHARSET.search(page_html)
    if charset:
        return page_html[: charset.end()] + script + page_html[charset.end():]
    return page_html.replace(_HEAD, _HEAD + script, 1)


README: Final = "README.txt"


def after_editions(site_dir: Path, editions: Editions, strings_folder: Path, docs_dir: Path, use_directory_urls: bool, site_url: str,
                   kept_in: Path | None = None) -> list[Path]:
    """The side-by-side pages, the offline copy's README and the portable 404 pages; returns the
    files written (the site builder's last pass goes over them again: site_finish.py)."""
    written = side_by_side.build(site_dir, editions, strings_folder, docs_dir, use_directory_urls, kept_in)
    if not use_directory_urls:  # the offline copy: which file to open, at its top, in every edition's words
        catalogs = load_catalogs(strings_folder, editions.codes)
        lines = [catalogs[e.code]["reading.offline_open"].format(path=f"{e.prefix}index.html") for e in editions]
        (site_dir / README).write_text("\n".join(lines) + "\n", encoding="utf-8")
        written.append(site_dir / README)
    root_path = urlsplit(site_url).path or "/"
    root_path = root_path if root_path.endswith("/") else root_path + "/"
    for edition in editions:
        page = site_dir / edition.prefix / "404.html"
        if page.is_file():
            page.write_text(portable_404(page.read_text(encoding="utf-8"), root_path, edition.prefix), encoding="utf-8")
            written.append(page)
    return written
