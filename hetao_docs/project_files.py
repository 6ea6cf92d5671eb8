"""Where a project keeps the data every edition shares, relative to its root (the folder of
mkdocs.yml): the site builder, the command-line tools and the checks read them there, and the
plugin's options default to them, so no config repeats them."""

from __future__ import annotations

from typing import Final

EDITIONS: Final = "data/editions.yml"  # the edition table (editions.py)
TERM_BASE: Final = "data/terms.yaml"  # the term base (terms/load.py)
STRINGS: Final = "data/strings"  # one interface catalog per edition, <code>.yml (strings.py)
# Results kept between builds by their inputs (kept.py and the like; git-ignored): a build's output
# is the same without it; per edition in <code>/, shared by the editions at its top
BUILD_CACHE: Final = ".cache"


def catalog(code: str) -> str:
    """An edition's interface catalog."""
    return f"{STRINGS}/{code}.yml"
