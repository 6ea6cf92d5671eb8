"""`python scripts/docs.py terms`: validate the term base and write (or check) the generated files,
with the same functions the build hook calls.

Exit status 1 on an invalid term base; with --check also on warnings (a term that never occurs:
the strict build fails on them too) and on drift between DIR and freshly generated files.
"""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path
from typing import Any, TextIO

import yaml

from hetao_docs.chinese import edition_conversions
from hetao_docs.editions import Editions
from hetao_docs.project_files import STRINGS, TERM_BASE
from hetao_docs.strings import load_catalogs
from hetao_docs.terms.build import generate, nav_order, read_pages
from hetao_docs.terms.export import JSON_FILE
from hetao_docs.terms.load import load_terms
from hetao_docs.terms.model import TermBaseError
from hetao_docs.terms.render import labels_from


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose `!ENV` and `!!python/…` tags need not be understood to read `nav`."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_nav(config: Path) -> Any:
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=_LenientLoader)
    return data.get("nav", []) if isinstance(data, dict) else []


def _bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def _generated_on(target: Path) -> datetime.date | None:
    """The day the files in `target` were generated, as their JSON export says (None: unknown)."""
    try:
        return datetime.date.fromisoformat(json.loads((target / JSON_FILE).read_text(encoding="utf-8"))["generated"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def run(root: Path, editions: Editions, codes: list[str], out: Path | None, check: bool, stdout: TextIO = sys.stdout) -> int:
    """Generate each edition's term files; write them to out/<edition>/ (or compare, with check)."""
    try:
        terms = load_terms(root / TERM_BASE, editions.primary.varieties, display_name=TERM_BASE)
    except TermBaseError as error:
        print(error, file=sys.stderr)
        return 1
    catalogs = load_catalogs(root / STRINGS, editions.codes, STRINGS, editions.primary.varieties)
    conversions = edition_conversions(editions, root)
    failed = False
    for code in codes:
        edition = editions.get(code)
        source = editions.source_of(edition)
        docs_dir = source.docs_dir
        order = nav_order(read_nav(root / editions.primary.config))  # the one nav (mkdocs.yml)
        result = generate(
            terms, edition, source, read_pages(root / docs_dir, order), labels_from(catalogs[code].group("glossary")),
            term_base=TERM_BASE, docs_dir=docs_dir, conversions=conversions, check_texts=catalogs[code].group("term_check"),
            generated=_generated_on(out / code) if check and out is not None else None,  # drift is content, not the day
        )
        for warning in result.warnings:
            print(f"WARNING {warning}", file=sys.stderr)
        failed |= check and bool(result.warnings)
        used = sum(1 for uses in result.occurrences.uses.values() if uses)
        summary = f"terms {code}: {len(terms)} terms, {used} occur in {len(result.occurrences.sections)} sections of {docs_dir}"
        if out is None:
            print(summary, file=stdout)
            continue
        target = out / code
        if check:
            drifted = [
                path for path, content in result.files.items()
                if not (target / path).is_file() or (target / path).read_bytes() != _bytes(content)
            ]
            for path in drifted:
                print(f"DRIFT {target / path}: differs from what the term base generates; rerun without --check", file=sys.stderr)
            failed |= bool(drifted)
            print(f"{summary}; {len(result.files) - len(drifted)}/{len(result.files)} files in {target} up to date", file=stdout)
        else:
            for path, content in result.files.items():
                (target / path).parent.mkdir(parents=True, exist_ok=True)
                (target / path).write_bytes(_bytes(content))
            print(f"{summary}; wrote {len(result.files)} files to {target}", file=stdout)
    return 1 if failed else 0
