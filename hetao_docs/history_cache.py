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

import contextlib
import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path

from hetao_docs import section_history

CACHE_FILE = "history.pickle"

_known: dict[str, object] = {}  # key → section texts (dict[str, str]) or a diff (str)
_used: set[str] = set()  # what this process asked for: what the disk copy keeps
_folder: Path | None = None
_stored: frozenset[str] = frozenset()  # the keys the disk copy holds


@cache
def _stamp() -> str:
    """What the cached values were computed by: section_history.py as it is now, and Python's difflib."""
    source = Path(section_history.__file__).read_bytes()
    return hashlib.sha256(source + sys.version.encode()).hexdigest()


def _key(kind: str, *parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        encoded = part.encode("utf-8", "surrogatepass")
        digest.update(len(encoded).to_bytes(8, "big") + encoded)  # lengths first: no two inputs share a key
    return f"{kind}:{digest.hexdigest()}"


def _remember(key: str, compute: Callable[[], object]) -> object:
    _used.add(key)
    if key not in _known:
        _known[key] = compute()
    return _known[key]


def archived_sections(digest: str, read: Callable[[], bytes]) -> dict[str, str]:
    """The section texts of the archived page stored under `digest` (`read` gives its bytes)."""
    found = _remember(_key("texts", digest), lambda: section_history.section_texts(read().decode("utf-8")))
    assert isinstance(found, dict)
    return found


def diff_html(old: str, new: str, *, words: bool) -> str:
    """section_history.diff_html, remembered."""
    found = _remember(_key("diff", "words" if words else "chars", old, new), lambda: section_history.diff_html(old, new, words=words))
    assert isinstance(found, str)
    return found


def use_folder(folder: Path) -> None:
    """Read what `folder` keeps (once per process and folder; a missing, stale or unreadable copy is ignored)."""
    global _folder, _stored
    if folder == _folder:
        return
    _folder = folder
    with contextlib.suppress(Exception):
        stamp, stored = pickle.loads((folder / CACHE_FILE).read_bytes())
        if stamp == _stamp() and isinstance(stored, dict):
            _known.update(stored)
            _stored = frozenset(stored)


def save() -> None:
    """Keep what this process used in the folder given to `use_folder` (if it differs from the copy there)."""
    global _stored
    if _folder is None or _used == _stored:
        return
    with contextlib.suppress(OSError):
        _folder.mkdir(parents=True, exist_ok=True)
        partial = _folder / f"{CACHE_FILE}.{os.getpid()}"
        partial.write_bytes(pickle.dumps((_stamp(), {key: _known[key] for key in _used})))
        os.replace(partial, _folder / CACHE_FILE)
        _stored = frozenset(_used)
