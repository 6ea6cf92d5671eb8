"""English inside Chinese text: marked as English (lang="en"), so that a Chinese edition never
shows English prose unmarked. Plain functions, no imports of the term base (render.py uses them)."""

from __future__ import annotations

import re

# two or more Latin words ("cross-boundary data flow"); a single word (CAC, IDEA) is a name, not prose
_LATIN_RUN = re.compile(r"(?<![A-Za-z0-9&;])[A-Za-z][A-Za-z0-9'’&.-]*(?:[ ,–-]+[A-Za-z(][A-Za-z0-9'’&.()-]*)+")


def mark_english_runs(chinese_html: str) -> str:
    """In escaped Chinese text (the term base's plain-text Chinese fields), each run of two or more
    English words in `<span lang="en">`: the English forms a definition or usage note names are
    marked as English, as a page would mark them."""
    return _LATIN_RUN.sub(lambda m: f'<span lang="en">{m.group(0)}</span>', chinese_html)
