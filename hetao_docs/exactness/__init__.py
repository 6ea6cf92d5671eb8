"""Exactness checks: what a careful reader of the article catches, as data-driven checks.

Each check reads `docs/`, `data/` and the term base (no build) and returns findings, one line each:
`file:line: reason`. The data the checks use lives in reviewed files under `data/exactness/`;
every listed exception there carries its reason. Run them all: `python scripts/docs.py exactness`
is not needed — the unit tests in tests/test_exactness.py run each check on the real project.
"""

from hetao_docs.exactness.text import Finding

__all__ = ["Finding"]
