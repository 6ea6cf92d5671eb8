"""Check 3, one status per name, and the page transform it relies on.

Every English form of a term has one status: the issuer's (the term's `en` with an en_source of
confidence high or medium, or a rendering with its own source) or ours (`en` with confidence none,
or low with a note that no official English exists). Names whose English is ours
(`data/exactness/own-renderings.yml`) are marked on their first use on a page by
`mark_own_renderings` ("(our rendering)" / （本站译名）), called from the plugin. On the English
pages, a non-preferred form (`en_alt`) used where the preferred one is not fails unless listed in
data/exactness/exceptions.yml (kind `rendering`)."""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import yaml

from hetao_docs.editions import load_editions
from hetao_docs.exactness.exceptions import Exceptions
from hetao_docs.exactness.text import Finding, page_blocks, pages
from hetao_docs.terms import Term, load_terms
from hetao_docs.yamlfile import compose_yaml

OWN = Path("data/exactness/own-renderings.yml")
_NO_OFFICIAL = re.compile(r"no official English|our (?:own )?rendering|our phrasing|not found", re.I)
# Where a mark never goes: inside these elements (their text is code, a heading, a title or a link
# of its own); a term link made by the inline definitions is passed over and marked after it.
_SKIP = frozenset("code pre h1 h2 h3 h4 h5 h6 script style title textarea samp kbd".split())
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>")


def is_ours(term: Term) -> bool:
    source = term.en_source
    return source.confidence == "none" or (source.confidence == "low" and bool(_NO_OFFICIAL.search(source.note or "")))


@functools.cache  # one per form: more forms than re's own cache holds
def _word(form: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", re.I)


def _has(form: str, text: str) -> bool:
    return _word(form).search(text) is not None


def own_names(root: Path) -> list[tuple[str, int]]:
    """(term id, line) of each listed name."""
    node = compose_yaml((root / OWN).read_text(encoding="utf-8"))
    assert isinstance(node, yaml.MappingNode)
    items = next(v for k, v in node.value if k.value == "names")
    return [(str(next(v.value for k, v in item.value if k.value == "id")), item.start_mark.line + 1) for item in items.value]


def own_forms(terms: Iterable[Term], ids: Iterable[str]) -> dict[str, str]:
    """The English forms to mark (preferred and alternatives), casefolded, each with its term's id."""
    wanted = set(ids)
    return {form.casefold(): t.id for t in terms if t.id in wanted for form in (t.en, *t.en_alt)}


def mark_own_renderings(page_html: str, forms: Mapping[str, str], label: str) -> str:
    """After the first use of each form in the page's text, `<span class="hetao-own-rendering">`
    with `label`. A use inside a link (the inline definitions' term links) is marked after the
    link; one inside code, headings or sample output is not a use."""
    if not forms:
        return page_html
    ordered = sorted(forms, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(html.escape(f, quote=False)).replace("\\ ", r"\s+") for f in ordered) + r")(?![\w-])", re.I)
    text_label = html.escape(label)
    mark = f' <span class="hetao-own-rendering">({text_label})</span>' if label.isascii() else f'<span class="hetao-own-rendering">（{text_label}）</span>'
    done: set[str] = set()
    out: list[str] = []
    stack: list[str] = []
    after_link = False
    last = 0

    def mark_text(text: str) -> str:
        nonlocal after_link
        if any(name in _SKIP for name in stack):
            return text

        def replace(match: re.Match[str]) -> str:
            nonlocal after_link
            term_id = forms[" ".join(html.unescape(match.group(1)).split()).casefold()]
            if term_id in done:
                return match.group(0)
            done.add(term_id)
            if "a" in stack:
                after_link = True
                return match.group(0)
            return match.group(0) + mark

        return pattern.sub(replace, text)

    for tag in _TAG.finditer(page_html):
        out.append(mark_text(page_html[last : tag.start()]))
        out.append(tag.group(0))
        closing, name = tag.group(1) == "/", tag.group(2).lower()
        if closing and name in stack:
            del stack[len(stack) - 1 - stack[::-1].index(name) :]
            if after_link and "a" not in stack:
                out.append(mark)
                after_link = False
        elif not closing and not tag.group(3) and name not in _VOID:
            stack.append(name)
        last = tag.end()
    out.append(mark_text(page_html[last:]))
    return "".join(out)


def check(root: Path) -> list[Finding]:
    terms = {t.id: t for t in load_terms(root / "data" / "terms.yaml", load_editions(root / "data" / "editions.yml").primary.varieties)}
    exceptions = Exceptions.load(root)
    findings: list[Finding] = []
    for term_id, line in own_names(root):
        term = terms.get(term_id)
        if term is None:
            findings.append(Finding(str(OWN), line, f"'{term_id}' is not a term of data/terms.yaml"))
        elif not is_ours(term):
            findings.append(Finding(str(OWN), line, f"'{term_id}': the term base gives an issuer's English ({term.en_source.confidence}): remove it here"))
    # non-preferred forms on the English pages: a short or other form is fine once the page has
    # given the preferred one; a deprecated rendering never is
    for path in pages(root, "en"):
        seen: set[str] = set()
        for block in page_blocks(root, path, "en"):
            text = block.text
            for term in terms.values():
                if _has(term.en, text):
                    seen.add(term.id)
                deprecated = [r.form for r in term.renderings if r.lang == "en" and r.status == "deprecated"]
                admitted = {r.form for r in term.renderings if r.lang == "en" and r.status != "deprecated" and r.source}
                for alt in (*term.en_alt, *deprecated):
                    if alt in admitted:  # an issuer's own form, with its source: fine anywhere
                        continue
                    if alt.casefold() in term.en.casefold() or not _has(alt, text):
                        continue
                    if (alt in deprecated or term.id not in seen) and not exceptions.allows("rendering", block.path, f"{term.id}: {alt}", text):
                        kind = "deprecated" if alt in deprecated else "non-preferred"
                        findings.append(
                            Finding(
                                block.path,
                                block.line,
                                f"term '{term.id}': the {kind} form '{alt}' before the page gives the preferred '{term.en}' (use it, or list the form)",
                            )
                        )
    return findings + exceptions.unused("rendering")
