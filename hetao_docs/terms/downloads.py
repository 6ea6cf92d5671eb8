"""The glossary's downloads section (which file each tool loads) and its schema.org JSON-LD.

The section's words are the edition's strings (`glossary.downloads_guide` in data/strings/*.yml);
the files and their links are `export.py`'s. Both are Markdown/HTML for the generated glossary page.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Mapping, Sequence

from hetao_docs.editions import Edition
from hetao_docs.terms.export import (
    CSV_FILE,
    JSON_FILE,
    PAIR_FOLDER,
    SKOS_JSONLD,
    SKOS_TURTLE,
    TBX3_FILE,
    TBX_FILE,
    omegat_name,
    pair_name,
)
from hetao_docs.terms.model import Term, name_for

DocsUrl = Callable[[str], str]


def _link(href: str, text: str) -> str:
    return f'<a href="{html.escape(href)}" download>{html.escape(text, quote=False)}</a>'


def downloads_section(guide: Mapping[str, str], url: DocsUrl, pairs: Sequence[tuple[str, str]], locale: Callable[[str], str]) -> str:
    """An HTML block: per tool, which file to load and how; then the files of every language pair
    (`pairs`, with each language's XLSX column code: `locale`)."""

    def text(key: str) -> str:
        return html.escape(guide[key], quote=False)

    pair_rows = []
    for pair in pairs:
        name = f"{PAIR_FOLDER}/{pair_name(pair)}"
        a, b = pair
        files = [
            _link(url(f"{name}.tbx"), "TBX"),
            _link(url(f"{name}.xlsx"), "XLSX"),
            _link(url(f"{name}.csv"), "CSV"),
            _link(url(f"{PAIR_FOLDER}/{omegat_name(a, b)}"), f"OmegaT {a} → {b}"),
            _link(url(f"{PAIR_FOLDER}/{omegat_name(b, a)}"), f"OmegaT {b} → {a}"),
        ]
        locales = html.escape(f"{locale(a)} / {locale(b)}")
        pair_rows.append(f"<tr><th scope=\"row\">{html.escape(a)} ↔ {html.escape(b)}</th><td>{' · '.join(files)}</td><td><code>{locales}</code></td></tr>")
    tools = [
        ("trados", [_link(url(TBX_FILE), "TBX v2")]),
        ("memoq", []),
        ("phrase", []),
        ("omegat", []),
        ("skos", [_link(url(SKOS_TURTLE), "Turtle"), _link(url(SKOS_JSONLD), "JSON-LD")]),
        ("validators", [_link(url(TBX3_FILE), "TBX v3 (TBX-Basic)"), _link(url(TBX_FILE), "TBX v2")]),
        ("spreadsheet", [_link(url(CSV_FILE), "CSV"), _link(url(JSON_FILE), "JSON")]),
    ]
    items = []
    for key, links in tools:
        suffix = (" " + " · ".join(links)) if links else ""
        items.append(f"<li><strong>{text(key + '_name')}</strong>{text('colon')}{text(key)}{suffix}</li>")
    return "\n".join([
        '<div class="hetao-downloads" id="term-downloads-guide">',
        f"<p>{text('intro')}</p>",
        "<ul>",
        *items,
        "</ul>",
        f'<table><caption>{text("pairs_caption")}</caption>',
        f"<thead><tr><th scope=\"col\">{text('pair')}</th><th scope=\"col\">{text('files')}</th><th scope=\"col\">{text('locales')}</th></tr></thead>",
        "<tbody>",
        *pair_rows,
        "</tbody></table>",
        "</div>",
        "",
    ])


def defined_term_set(terms: Sequence[Term], edition: Edition, glossary_url: str, title: str, describe: Callable[[Term], str]) -> str:
    """schema.org DefinedTermSet JSON-LD for the glossary page: one DefinedTerm per term, `termCode`
    our id, `url` the entry's anchor on this page (`glossary_url`, absolute), `description` what
    `describe` says of it (the edition's definition, first sentence)."""
    data = {
        "@context": "https://schema.org",
        "@type": "DefinedTermSet",
        "@id": glossary_url,
        "name": title,
        "url": glossary_url,
        "inLanguage": edition.form_lang,
        "hasDefinedTerm": [
            {
                "@type": "DefinedTerm",
                "@id": f"{glossary_url}#{term.id}",
                "termCode": term.id,
                "name": name_for(term, edition),
                "alternateName": [form for form in dict.fromkeys((term.zh, term.en)) if form != name_for(term, edition)],
                "description": describe(term),
                "url": f"{glossary_url}#{term.id}",
                "inDefinedTermSet": {"@id": glossary_url},
            }
            for term in terms
        ],
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # inside <script> no "<" at all (JSON's \u003c): text from data can neither end it nor open a tag
    safe = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return '<script type="application/ld+json">' + safe + "</script>\n"
