"""Under `docs.py serve` only: the published release archives carried from one rebuild to the next.

Every build publishes each cut release into the site (releases/<version>/, ~1,300 files, ~46 MB),
every file read from the store, decompressed and checked against its SHA-256 as it is written
(releases.publish). None of that changes between two rebuilds of one serve session unless the
archives, the change log, the site's address or the publishing code do, so the serve process gives
the site's parts a folder of its own (`CARRY_ENV`) where the published tree is kept, hard-linked,
with the key of everything it was published from; a rebuild whose key is the same links that tree
into its site instead of publishing it again (no file is read, written or checked), and a rebuild
whose key differs publishes and verifies as ever, then keeps its tree for the next. The key names
each stored object's size and modification time, so an object changed after it was verified is
verified again. A production build (`docs.py build`) never sets `CARRY_ENV` and always publishes.

Hard links are safe here because nothing writes into a published archive once it is written: the
serve build applies no page policy nor server files (site_builder.build(finish=False)), and the
side-by-side pages and 404 pages are outside releases/.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

CARRY_ENV = "HETAO_SERVE_CARRY"  # the folder, set by site_builder.serve for the site's parts
_KEY = "key"
_TREE = "tree"


def folder() -> Path | None:
    """The carry-over folder this build was given (under serve), else None."""
    value = os.environ.get(CARRY_ENV, "")
    return Path(value) if value else None


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or no hard links there
        shutil.copy2(source, target)


def reuse(carry: Path, wanted: str, target: Path) -> bool:
    """Link the kept tree into `target` if it was published from `wanted`; False (nothing done) if not."""
    try:
        if (carry / _KEY).read_text(encoding="utf-8") != wanted:
            return False
    except OSError:
        return False
    shutil.copytree(carry / _TREE, target, copy_function=_link_or_copy, dirs_exist_ok=True)
    return True


def keep(carry: Path, published: str, source: Path) -> None:
    """Keep `source` (just published from the key `published`) for the next rebuild. The key is
    written last: a tree left half-kept is never reused."""
    (carry / _KEY).unlink(missing_ok=True)
    shutil.rmtree(carry / _TREE, ignore_errors=True)
    carry.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source, carry / _TREE, copy_function=_link_or_copy)
    (carry / _KEY).write_text(published, encoding="utf-8")
