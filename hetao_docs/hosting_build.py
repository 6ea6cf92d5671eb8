"""Build a site elsewhere, then swap it into place, so a failed build never touches the live site/.

The staging directory sits beside the target (same filesystem, so the swap is a rename) and is
named `.site-staging-*`: hidden, git-ignored, and never mistaken for a complete site. On Linux
the swap is one atomic renameat2(RENAME_EXCHANGE); elsewhere it falls back to two renames.

The previous site is deleted once swapped out: at once by default (`docs.py build` ends with a
tidy folder), or, for `docs.py serve`, by `discard_later`: renamed aside and deleted in a thread,
because deleting a whole site (thousands of files) took seconds of each rebuild before the
browsers could reload.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import threading
import uuid
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


Discard = Callable[[Path], None]


def _delete(folder: Path) -> None:
    shutil.rmtree(folder)


def discard_later(folder: Path) -> None:
    """Rename `folder` aside (at once: its name is free for the next build) and delete it in a thread."""
    aside = folder.with_name(f".site-staging-discarded-{uuid.uuid4().hex}")
    os.rename(folder, aside)
    threading.Thread(target=shutil.rmtree, args=(aside,), kwargs={"ignore_errors": True}, name="discard-site").start()


def swap_into_place(new_site: Path, site_dir: Path, discard: Discard = _delete) -> None:
    """Make `new_site` the content of `site_dir`; the previous content is then given to `discard`."""
    if not site_dir.exists():
        os.rename(new_site, site_dir)
        return
    if _exchange(new_site, site_dir):
        discard(new_site)  # now holds the previous site
        return
    previous = site_dir.with_name(f".site-staging-previous-{os.getpid()}")
    os.rename(site_dir, previous)
    os.rename(new_site, site_dir)
    discard(previous)


def build_into_place(site_dir: Path, build: Callable[[Path], bool], discard: Discard = _delete) -> bool:
    """Run `build(staging_dir)`; swap the result into `site_dir` only if it succeeded.

    A build counts as complete only if it returned True and wrote an index.html.
    """
    site_dir = site_dir.resolve()
    staging = staging_dir_for(site_dir)
    shutil.rmtree(staging, ignore_errors=True)
    try:
        if not build(staging) or not (staging / "index.html").is_file():
            return False
        swap_into_place(staging, site_dir, discard)
        return True
    finally:
        shutil.rmtree(staging, ignore_errors=True)
