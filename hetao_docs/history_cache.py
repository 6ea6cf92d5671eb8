"""The sections' histories' expensive parts, remembered in the process and, when a folder is given,
on disk (`.cache/<edition>/history.pickle`).

A section's history compares its text in each cut release with the next and with today's
(section_history.py): word or character diffs of whole sections, quadratic in their length, and
the archived pages parsed again on every build. Most of a build's CPU time went there, every build
and every `docs.py serve` rebuild, although neither input changes unless a section's words do.
Both are pure functions of their inputs and of the code computing them, so they are kept by
exactly that:

- an archived page's section texts by the SHA-256 of its stored bytes (the store is content
  addressed: the same digest is the same page);
- a diff by the SHA-256 of (words or characters, old text, new text);

and the whole copy by a stamp of section_history.py's source and Python's version (difflib), so an
edit of the comparison never reuses what the old code computed. The output of a build is the same
with or without the copy; only the time differs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Final

from hetao_docs import section_history
from hetao_docs.kept import Kept

CACHE_FILE = "history.pickle"


def _stamp() -> bytes:
    """What the cached values were computed by: section_history.py as it is now, and Python's difflib."""
    return Path(section_history.__file__).read_bytes() + sys.version.encode()


# key → an archived or built page's section texts (dict[str, str]) or a diff (str)
_KEPT: Final = Kept[object](CACHE_FILE, _stamp)


def archived_sections(digest: str, read: Callable[[], bytes]) -> dict[str, str]:
    """The section texts of the archived page stored under `digest` (`read` gives its bytes)."""
    found = _KEPT.get(("texts", digest), lambda: section_history.section_texts(read().decode("utf-8")))
    assert isinstance(found, dict)
    return found


def page_sections(page_html: str) -> dict[str, str]:
    """The section texts of a page being built (most come out of a rebuild as before)."""
    found = _KEPT.get(("page", page_html), lambda: section_history.section_texts(page_html))
    assert isinstance(found, dict)
    return found


def diff_html(old: str, new: str, *, words: bool) -> str:
    """section_history.diff_html, remembered."""
    found = _KEPT.get(("diff", "words" if words else "chars", old, new), lambda: section_history.diff_html(old, new, words=words))
    assert isinstance(found, str)
    return found


def use_folder(folder: Path) -> None:
    """Read what `folder` keeps (once per process and folder; a missing, stale or unreadable copy is ignored)."""
    _KEPT.use_folder(folder)


def save() -> None:
    """Keep what this process used in the folder given to `use_folder` (if it differs from the copy there)."""
    _KEPT.save()
