"""`python scripts/docs.py terms`: validate the term base and write (or check) the generated files,
with the same functions the build hook calls.

Exit status 1 on an invalid term base; with --check also on warnings (a term that never occurs:
the strict build fails on them too) and on drift between DIR and freshly generated files.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, TextIO

import yaml

from hetao_docs.terms.build import EDITION_DOCS, generate, nav_order, read_pages
from hetao_docs.terms.load import load_terms
from hetao_docs.terms.model import Edition, TermBaseError

TERM_BASE = "data/terms.yaml"


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose `!ENV` and `!!python/…` tags need not be understood to read `nav`."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_nav(root: Path) -> Any:
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_LenientLoader)  # noqa: S506 - SafeLoader subclass
    return config.get("nav", []) if isinstance(config, dict) else []


def run(root: Path, editions: list[Edition], out: Path | None, check: bool, stdout: TextIO = sys.stdout) -> int:
    """Generate each edition's term files; write them to out/<edition>/ (or compare, with check)."""
    try:
        terms = load_terms(root / TERM_BASE, display_name=TERM_BASE)
    except TermBaseError as error:
        print(error, file=sys.stderr)
        return 1
    order = nav_order(read_nav(root))
    failed = False
    for edition in editions:
        docs_dir = EDITION_DOCS[edition]
        result = generate(terms, edition, read_pages(root / docs_dir, order), term_base=TERM_BASE, docs_dir=docs_dir)
        for warning in result.warnings:
            print(f"WARNING {warning}", file=sys.stderr)
        failed |= check and bool(result.warnings)
        used = sum(1 for sections in result.occurrences.values() if sections)
        summary = f"terms {edition}: {len(terms)} terms, {used} occur in {result.sections} sections of {docs_dir}"
        if out is None:
            print(summary, file=stdout)
            continue
        target = out / edition
        if check:
            drifted = [
                path for path, content in result.files.items()
                if not (target / path).is_file() or (target / path).read_bytes().decode("utf-8") != content
            ]
            for path in drifted:
                print(f"DRIFT {target / path}: differs from what the term base generates; rerun without --check", file=sys.stderr)
            failed |= bool(drifted)
            print(f"{summary}; {len(result.files) - len(drifted)}/{len(result.files)} files in {target} up to date", file=stdout)
        else:
            for path, content in result.files.items():
                (target / path).parent.mkdir(parents=True, exist_ok=True)
                (target / path).write_text(content, encoding="utf-8", newline="")
            print(f"{summary}; wrote {len(result.files)} files to {target}", file=stdout)
    return 1 if failed else 0
