"""Validate a TBX v3 file as LTAC's TBX-Basic package does: RelaxNG for the core structure, then the
dialect's Schematron rules (XSLT 2, compiled with SchXslt and run by Saxon).

The schema files are vendored in `schemas/` (see schemas/README.md for where each comes from and
under what terms). lxml and saxonche are test dependencies (requirements-dev.txt): imported here
only when a validation runs.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

SCHEMAS = Path(__file__).parent / "schemas"
TBX_BASIC = SCHEMAS / "tbx-basic"
CORE_RNG = TBX_BASIC / "TBXcoreStructV03.rng"  # v1.2.1: the core structure
INTEGRATED_RNG = TBX_BASIC / "TBXcoreStructV03_TBX-Basic_integrated.rng"  # v1.1: core and dialect in one grammar
DIALECT_SCH = TBX_BASIC / "TBX-Basic_DCA.sch"
SCHXSLT = SCHEMAS / "schxslt"
SVRL = "http://purl.oclc.org/dsdl/svrl"


def relaxng_errors(document: bytes, schema: Path = CORE_RNG) -> list[str]:
    """Every RelaxNG error of `document` ("line N: message"); [] when it is valid."""
    from lxml import etree  # type: ignore[import-untyped]

    grammar = etree.RelaxNG(etree.parse(str(schema)))
    valid = grammar.validate(etree.fromstring(document, etree.XMLParser(resolve_entities=False)))
    return [] if valid else [f"line {e.line}: {e.message}" for e in grammar.error_log]


@functools.cache
def _processor() -> Any:
    from saxonche import PySaxonProcessor  # type: ignore[import-not-found]

    return PySaxonProcessor(license=False)


@functools.cache
def _compiled_schematron(schema: Path) -> str:
    """The Schematron schema as an XSLT stylesheet that reports in SVRL (SchXslt's three steps)."""
    xslt = _processor().new_xslt30_processor()
    text = schema.read_text(encoding="utf-8-sig")
    for step in ("include.xsl", "expand.xsl", "compile-for-svrl.xsl"):
        node = _processor().parse_xml(xml_text=text)
        executable = xslt.compile_stylesheet(stylesheet_file=str(SCHXSLT / step))
        text = executable.transform_to_string(xdm_node=node)
    return str(text)


@functools.cache
def _validator(schema: Path) -> Any:
    return _processor().new_xslt30_processor().compile_stylesheet(stylesheet_text=_compiled_schematron(schema))


def schematron_errors(document: bytes, schema: Path = DIALECT_SCH) -> list[str]:
    """Every failed assertion or report of the Schematron rules ("location: message"); [] when none."""
    from lxml import etree

    report = _validator(schema).transform_to_string(xdm_node=_processor().parse_xml(xml_text=document.decode("utf-8")))
    svrl = etree.fromstring(report.encode("utf-8"))
    problems = []
    for failure in svrl.iter(f"{{{SVRL}}}failed-assert", f"{{{SVRL}}}successful-report"):
        text = " ".join("".join(failure.itertext()).split())
        problems.append(f"{failure.get('location')}: {text}")
    return problems
