"""SKOS exports (Turtle and JSON-LD): one `skos:Concept` per term in one `skos:ConceptScheme`.

Per language tag one `prefLabel` (the variety's preferred form), `altLabel` for its admitted forms,
`hiddenLabel` for another jurisdiction's and deprecated forms (findable, never displayed: what the
term check flags). Labels are disjoint per tag (SKOS integrity conditions S13, S14), definitions
per tag, the sources of the forms as `dcterms:source`, `related` between concepts, and the
category as a `skos:note`.

Written without an RDF library (none at build time); the tests read both files with rdflib.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Sequence

from hetao_docs.terms.varieties import TermForms

BASE = "http://127.0.0.1:8000/en/glossary/#"  # export.skos_base: the English glossary of the published site
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"


def _labels(entry: TermForms) -> dict[str, list[tuple[str, str]]]:
    """Per SKOS property, (text, language tag) pairs, each text once per tag."""
    labels: dict[str, list[tuple[str, str]]] = {"prefLabel": [], "altLabel": [], "hiddenLabel": []}
    for lang, forms in entry.varieties.items():
        seen: set[str] = set()
        groups = (("prefLabel", (forms.preferred,)), ("altLabel", forms.admitted), ("hiddenLabel", (*forms.other_usage, *forms.deprecated)))
        for prop, group in groups:
            for form in group:
                if form.text not in seen:
                    seen.add(form.text)
                    labels[prop].append((form.text, lang))
    return labels


def _sources(entry: TermForms) -> list[str]:
    """The documents the forms come from: the English form's source, then each recorded form's."""
    urls = [entry.term.en_source.url, *(f.source.url for v in entry.varieties.values() for f in v.all if f.source)]
    return list(dict.fromkeys(url for url in urls if url))


def concept_scheme(entries: Sequence[TermForms], generated: datetime.date, version: str, base: str) -> dict[str, object]:
    """The whole scheme as a JSON-LD document (the Turtle is written from the same data)."""
    ids = {entry.term.id for entry in entries}
    source, english = (entries[0].source, entries[0].english) if entries else ("und", "und")
    concepts = []
    for entry in entries:
        term = entry.term
        labels = _labels(entry)
        concept: dict[str, object] = {
            "@id": base + term.id,
            "@type": "skos:Concept",
            "skos:inScheme": {"@id": base},
            "skos:notation": term.id,
        }
        for prop, values in labels.items():
            if values:
                concept[f"skos:{prop}"] = [{"@value": text, "@language": lang} for text, lang in values]
        concept["skos:definition"] = [{"@value": text, "@language": lang} for lang, text in entry.definitions.items()]
        concept["skos:note"] = {"@value": f"Category: {term.category}", "@language": entry.english}
        if term.usage_note:
            concept["skos:scopeNote"] = [
                {"@value": term.usage_note.zh, "@language": entry.source},
                {"@value": term.usage_note.en, "@language": entry.english},
            ]
        related = [{"@id": base + r} for r in term.related if r in ids]
        if related:
            concept["skos:related"] = related
        sources = _sources(entry)
        if sources:
            concept["dcterms:source"] = [{"@id": url} for url in sources]
        concepts.append(concept)
    scheme = {
        "@id": base,
        "@type": "skos:ConceptScheme",
        "skos:prefLabel": [
            {"@value": "Hetao cross-border data reference: policy terms", "@language": english},
            {"@value": "河套跨境数据参考：政策术语", "@language": source},
        ],
        "dcterms:created": {"@value": generated.isoformat(), "@type": "http://www.w3.org/2001/XMLSchema#date"},
        "owl:versionInfo": version,
        "skos:hasTopConcept": [{"@id": base + entry.term.id} for entry in entries],
    }
    context = {"skos": SKOS, "dcterms": DCTERMS, "owl": "http://www.w3.org/2002/07/owl#"}
    return {"@context": context, "@graph": [scheme, *concepts]}


def to_skos_jsonld(entries: Sequence[TermForms], generated: datetime.date, version: str, base: str = BASE) -> str:
    return json.dumps(concept_scheme(entries, generated, version, base), ensure_ascii=False, indent=1) + "\n"


def _literal(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def _object(value: object) -> str:
    assert isinstance(value, dict)
    if "@id" in value:
        return f"<{value['@id']}>"
    if "@language" in value:
        return f"{_literal(str(value['@value']))}@{value['@language']}"
    if "@type" in value:
        return f"{_literal(str(value['@value']))}^^<{value['@type']}>"
    raise ValueError(value)


def to_turtle(entries: Sequence[TermForms], generated: datetime.date, version: str, base: str = BASE) -> str:
    """The same graph as the JSON-LD, in Turtle."""
    document = concept_scheme(entries, generated, version, base)
    prefixes = {"skos": SKOS, "dcterms": DCTERMS, "owl": "http://www.w3.org/2002/07/owl#"}
    lines = [f"@prefix {prefix}: <{uri}> ." for prefix, uri in prefixes.items()] + [""]
    graph = document["@graph"]
    assert isinstance(graph, list)
    for node in graph:
        statements = [f"a {node['@type']}"]
        for key, value in node.items():
            if key.startswith("@"):
                continue
            values = value if isinstance(value, list) else [value]
            objects = [_literal(v) if isinstance(v, str) else _object(v) for v in values]
            statements.append(f"{key} " + ",\n        ".join(objects))
        lines.append(f"<{node['@id']}>\n    " + " ;\n    ".join(statements) + " .\n")
    return "\n".join(lines)
