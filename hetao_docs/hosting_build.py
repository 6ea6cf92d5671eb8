"""Build a site elsewhere, then swap it into place, so a failed build never touches the live site/.

The staging directory sits beside the target (same filesystem, so the swap is a rename) and is
named `.site-staging-*`: hidden, git-ignored, and never mistaken for a complete site. On Linux
the swap is one atomic renameat2(RENAME_EXCHANGE); elsewhere it falls back to two renames.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from collections.abc import Callable
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def staging_dir_for(site_dir: Path) -> Path:
    return site_dir.with_name(f".site-staging-{site_dir.name}-{os.getpid()}")


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths (Linux renameat2); False where unsupported."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)


def swap_into_place(new_site: Path, site_dir: Path) -> None:
    """Make `new_site` the content of `site_dir`; the previous content is deleted afterwards."""
    if not site_dir.exists():
        os.rename(new_site, site_dir)
        return
    if _exchange(new_site, site_dir):
        shutil.rmtree(new_site)  # now holds the previous site
        return
    previous = site_dir.with_name(f".site-staging-previous-{os.getpid()}")
    os.rename(site_dir, previous)
    os.rename(new_site, site_dir)
    shutil.rmtree(previous)


def build_into_place(site_dir: Path, build: Callable[[Path], bool]) -> bool:
    """Run `build(staging_dir)`; swap the result into `site_dir` only if it succeeded.

    A build counts as complete only if it returned True and wrote an index.html.
    """
    site_dir = site_dir.resolve()
    staging = staging_dir_for(site_dir)
    shutil.rmtree(staging, ignore_errors=True)
    try:
        if not build(staging) or not (staging / "index.html").is_file():
            return False
        swap_into_place(staging, site_dir)
        return True
    finally:
        shutil.rmtree(staging, ignore_errors=True)
