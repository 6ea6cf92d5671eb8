"""OpenCC's conversions, remembered in the process and, when a folder is given, on disk.

Every build converts the same texts (the Hong Kong edition's pages and term data, the phrase
table's checks), and setting up OpenCC's s2hk converter costs more CPU (~0.12 s) than all those
conversions. A conversion depends only on the text, the OpenCC configuration and OpenCC's version,
so the results are kept by exactly that; a build whose texts are all known never starts OpenCC.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import os
import pickle
from functools import cache
from pathlib import Path
from typing import Any

CACHE_FILE = "opencc.pickle"

_known: dict[tuple[str, str], str] = {}  # (OpenCC configuration, text) → converted text
_used: set[tuple[str, str]] = set()  # what this process asked for: what the disk copy keeps
_folder: Path | None = None
_stored: frozenset[tuple[str, str]] = frozenset()  # the keys the disk copy holds


@cache
def _converter(config: str) -> Any:
    import opencc  # here: importing and setting it up is what a warm cache saves

    return opencc.OpenCC(config)


@cache
def _version() -> str:
    return importlib.metadata.version("OpenCC")


def convert(config: str, text: str) -> str:
    """`text` converted by OpenCC with `config` (e.g. "s2hk")."""
    key = (config, text)
    _used.add(key)
    found = _known.get(key)
    if found is None:
        found = _known[key] = _converter(config).convert(text)
    return found


def use_folder(folder: Path) -> None:
    """Read the conversions kept in `folder` (once per process and folder; a missing, stale or
    unreadable copy is ignored)."""
    global _folder, _stored
    if folder == _folder:
        return
    _folder = folder
    with contextlib.suppress(Exception):
        version, stored = pickle.loads((folder / CACHE_FILE).read_bytes())
        if version == _version() and isinstance(stored, dict):
            _known.update(stored)
            _stored = frozenset(stored)


def save() -> None:
    """Keep this process's conversions in the folder given to `use_folder` (if any changed)."""
    global _stored
    if _folder is None or _used == _stored:
        return
    with contextlib.suppress(OSError):
        _folder.mkdir(exist_ok=True)
        partial = _folder / f"{CACHE_FILE}.{os.getpid()}"
        partial.write_bytes(pickle.dumps((_version(), {key: _known[key] for key in _used})))
        os.replace(partial, _folder / CACHE_FILE)
        _stored = frozenset(_used)
