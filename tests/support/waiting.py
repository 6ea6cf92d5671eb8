"""Waiting for a condition in a page whose policy forbids `eval` (no 'unsafe-eval': page_policy.py).

Playwright's `wait_for_function` polls with a function it builds inside the page, which the page's
Content-Security-Policy blocks once a condition is not true at the first look. This polls from the
test instead, with `page.evaluate`, which the page's policy does not govern: the page itself runs
under its real policy, as a reader's browser runs it.
"""

from __future__ import annotations

import time
from typing import Any


def wait_until(page: Any, expression: str, arg: Any = None, *, timeout: float = 30_000) -> Any:
    """The first truthy value of `expression` (a JavaScript expression, or a function of `arg`)."""
    deadline = time.monotonic() + timeout / 1000
    while True:
        value = page.evaluate(expression, arg)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout:.0f} ms for {expression!r}")
        page.wait_for_timeout(50)
