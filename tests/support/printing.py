"""Printing as a browser prints: Ctrl+P fires `beforeprint` (Material opens every <details>, our
reading.js notes the glossary rows the reader had open), renders for paper, then fires
`afterprint` (Material closes them again). In the Chromium we test with, Playwright's `page.pdf()`
is that print path: it fires both events. `print_pdf` checks that it did, so a browser that prints
without them fails the print tests rather than passing them with a printout no reader gets."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page

RECORD = """() => {
  window.__hetaoPrintEvents = []
  for (const type of ["beforeprint", "afterprint"])
    window.addEventListener(type, () => window.__hetaoPrintEvents.push(type), { once: true })
}"""


def print_pdf(page: Page, **options: object) -> bytes:
    """The page printed to PDF (A4 unless told) the way the reader's Ctrl+P prints it."""
    page.evaluate(RECORD)
    pdf = page.pdf(**{"format": "A4", **options})  # type: ignore[arg-type]
    events = page.evaluate("window.__hetaoPrintEvents")
    assert events == ["beforeprint", "afterprint"], f"page.pdf() printed without the browser's print events: {events}"
    return pdf


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
