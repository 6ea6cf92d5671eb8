"""Render the glossary and the index of policy terms as Markdown pages, per edition.

Both pages carry front matter `generated: true`: the Traditional edition's converter and the
inline-definition annotator skip such pages (the zh-hant pages are rendered in Traditional here,
with the Simplified forms kept where they are shown as such).

The headings (which make the table of contents and the section anchors) and the page's opening
are Markdown; each entry's body is an HTML block, written here directly: it is most of the page,
and Markdown's inline processing of it was most of the time spent building these pages. Links in
those blocks are URLs (`docs_url`), since MkDocs leaves raw HTML alone; the built site's link check
covers them. Data text is HTML-escaped in the blocks (`_text`) and goes through `md_text` in
Markdown, so term data can neither inject HTML nor be read as Markdown syntax.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from hetao_docs import markup
from hetao_docs.chinese import Conversion, characters_only, simplified_characters
from hetao_docs.editions import Edition
from hetao_docs.exactness.english import mark_english_runs
from hetao_docs.terms.downloads import downloads_section
from hetao_docs.terms.load import variety_phrases
from hetao_docs.terms.model import Term, name_for, rendering_of
from hetao_docs.terms.occurrences import Occurrences
from hetao_docs.terms.scan import Section
from hetao_docs.terms.varieties import VarietyModel, language_pairs, locale_code, variety_model

GLOSSARY_PAGE = "glossary.md"
INDEX_PAGE = "term-index.md"

# Characters that can open inline markup here or in common extensions (emoji, mark, tilde, caret).
_MARKDOWN_PUNCTUATION = frozenset("\\`*_{}[]#|~^=:!")
_BLOCK_MARKER = re.compile(r"^(\d+)([.)])(?=\s)|^([-+])(?=\s)")


def md_text(text: str) -> str:
    """Data text, safe anywhere in a Markdown line (also at the start of a block): no HTML, no
    Markdown syntax, by character references for HTML and Markdown punctuation."""
    escaped = "".join(f"&#{ord(c)};" if c in _MARKDOWN_PUNCTUATION else c for c in html.escape(text, quote=False))
    return _BLOCK_MARKER.sub(lambda m: (m.group(1) or "") + f"&#{ord(m.group(2) or m.group(3))};", escaped)


def md_heading(text: str) -> str:
    """Heading text: only what could end the heading or start markup is escaped, so the
    table of contents shows plain text."""
    return "".join(f"&#{ord(c)};" if c in "\\`*_{}[]#" else c for c in html.escape(text, quote=False))


@dataclass(frozen=True)
class Labels:
    glossary_title: str
    index_title: str
    glossary_intro: str
    index_intro: str
    nested_title: str
    nested_explained: str
    downloads: str
    downloads_guide: Mapping[str, str]
    index_link: str
    glossary_link: str
    jump: str
    simplified: str
    traditional: str
    pinyin: str
    english: str
    other_english: str
    category: str
    definition_primary: str
    definition_secondary: str
    english_source: str
    confidence: str
    usage_note: str
    related: str
    where_used: str
    not_used: str
    see_also: str
    list_separator: str
    group_separator: str
    colon: str
    renderings: str
    form_source: str
    checked_on: str
    usages: Mapping[str, str]
    statuses: Mapping[str, str]
    form_langs: Mapping[str, str]
    categories: Mapping[str, str]
    confidences: Mapping[str, str]


def labels_from(strings: Mapping[str, Any]) -> Labels:
    """The labels of one edition, from its string catalog's `glossary` group."""
    return Labels(**strings)


def toneless(pinyin: str) -> str:
    """bái míng dān -> bai ming dan (ü -> u, for sorting and initials)."""
    decomposed = unicodedata.normalize("NFD", pinyin.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def sort_key(term: Term, edition: Edition) -> tuple[str, str, str]:
    if edition.is_english:
        return (re.sub(r"[^0-9a-z ]", "", term.en.casefold()), term.en, term.id)
    return (toneless(term.pinyin).replace(" ", ""), term.pinyin, term.zh)


def initial(term: Term, edition: Edition) -> str:
    """The jump-bar letter: first letter of the English (English edition) or of the pinyin."""
    key = sort_key(term, edition)[0]
    first = key[:1].upper()
    return first if "A" <= first <= "Z" else "#"


def _initial_anchor(letter: str) -> str:
    return "initial-" + (letter.lower() if letter != "#" else "other")


def display_name(term: Term, edition: Edition) -> str:
    return name_for(term, edition)


def _grouped(terms: Iterable[Term], edition: Edition) -> dict[str, list[Term]]:
    groups: dict[str, list[Term]] = {}
    for term in sorted(terms, key=lambda t: sort_key(t, edition)):
        groups.setdefault(initial(term, edition), []).append(term)
    return groups


def _jump_bar(groups: Mapping[str, list[Term]], labels: Labels) -> list[str]:
    links = " · ".join(f"[{letter}](#{_initial_anchor(letter)})" for letter in groups)
    return [f"**{md_text(labels.jump)}** {links}", "{: .hetao-jumpbar }", ""]


def _front_matter(title: str, *, searchable: bool = True) -> list[str]:
    # `generated: true` tells the converter and the annotator to leave the page alone.
    search = [] if searchable else ["search:", "  exclude: true"]
    return ["---", "generated: true", f"title: {_yaml_string(title)}", *search, "---", ""]


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# How a generated page links a file of the docs dir: "problems/data-market.md" → its URL from
# the generated page (`docs_url`). The pages' bodies are raw HTML, which MkDocs does not rewrite.
DocsUrl = Callable[[str], str]


def docs_url(use_directory_urls: bool = True) -> DocsUrl:
    """URLs from a generated page, which sits at the docs root, as MkDocs writes them: with directory
    URLs glossary.md is served as glossary/, so other files are one level up; without them (the
    offline copy) pages are .html files side by side."""

    def url(path: str) -> str:
        if not path.endswith(".md"):
            return ("../" if use_directory_urls else "") + path
        stem = path.removesuffix(".md")
        if not use_directory_urls:
            return stem + ".html"
        folder = stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"
        return "../" + folder

    return url


def _text(text: str) -> str:
    return html.escape(text, quote=False)


def _link(href: str, text_html: str) -> str:
    return f'<a href="{html.escape(href)}">{text_html}</a>'


def _locations_by_page(sections: list[Section], labels: Labels, url: DocsUrl) -> list[str]:
    """One item (HTML) per page: the page's title, then links to each section where the term occurs."""
    pages: dict[str, list[Section]] = {}
    for section in sections:
        pages.setdefault(section.page, []).append(section)
    items = []
    for page_sections in pages.values():
        links = [
            _link(url(s.page) + (f"#{s.anchor}" if s.anchor else ""), _text(s.title)) for s in page_sections
        ]
        if all(s.title == s.page_title for s in page_sections):
            items.append(links[0])
        else:
            items.append(f"{_text(page_sections[0].page_title)}{_text(labels.colon)}{_text(labels.list_separator).join(links)}")
    return items


def _term_link(term: Term, edition: Edition, page_url: str = "") -> str:
    return _link(f"{page_url}#{term.id}", _text(display_name(term, edition)))


def _usage_of(term: Term, form: str, labels: Labels, edition: Edition) -> str:
    """" (Mainland usage)" after a form whose usage the term base records as one jurisdiction's."""
    rendering = rendering_of(term, form, edition.varieties.english)
    if rendering is None or rendering.usage == edition.varieties.general:
        return ""
    return f" ({_text(labels.usages[rendering.usage])})"


def _renderings(term: Term, labels: Labels, edition: Edition) -> str:
    """Every recorded form side by side: the form, its language, whose usage, its status (and why),
    its own source with a locator."""
    items = []
    for rendering in term.renderings:
        status = _text(labels.statuses[rendering.status])
        if rendering.why:
            status += _text(labels.colon) + _in_lang(_text(rendering.why), _lang_of(rendering.why, edition), edition)
        parts = [
            f'<span class="hetao-rendering__form">{_in_lang(_text(rendering.form), rendering.lang, edition)}</span>',
            _text(labels.form_langs[rendering.lang]),
            _text(labels.usages[rendering.usage]),
            status,
        ]
        if rendering.source:
            source = rendering.source
            document = _in_lang(_text(source.document), _lang_of(source.document, edition), edition)
            cited = [_in_lang(_text(source.issuer), _lang_of(source.issuer, edition), edition)] if source.issuer else []
            cited.append(_link(source.url, document) if source.url else f"<em>{document}</em>")
            cited += [_in_lang(_text(item), _lang_of(item, edition), edition) for item in (source.locator, source.date) if item]
            if source.checked:
                cited.append(_text(f"{labels.checked_on} {source.checked}"))
            cited_html = _text(labels.form_source + labels.colon) + ", ".join(cited)
            # English document names stay out of the Chinese editions' search index (its download)
            parts.append(cited_html if edition.is_english else f"<span data-search-exclude>{cited_html}</span>")
        items.append("<li>" + " · ".join(parts) + "</li>")
    return '<ul class="hetao-renderings">' + "".join(items) + "</ul>"


def _lang_of(text: str, edition: Edition) -> str:
    """The language tag of a source's own text: English, or Chinese in the script it is written in
    (Traditional: the first converted edition's variety, where the term base's sources are from)."""
    varieties = edition.varieties
    if not re.search(r"[\u3400-\u9fff]", text):
        return varieties.english
    return varieties.source if simplified_characters(text, varieties.traditional) else varieties.converted[0][0]


def _source_line(term: Term, labels: Labels, edition: Edition) -> str:
    """Authority, document and note are English text (they may quote Chinese in Simplified)."""
    source = term.en_source
    parts = [_in_lang(_text(source.authority), edition.varieties.english, edition)] if source.authority else []
    if source.document:
        document = _in_lang(_text(source.document), edition.varieties.english, edition)
        parts.append(_link(source.url, document) if source.url else f"<em>{document}</em>")
    if source.checked:
        parts.append(_text(f"{labels.checked_on} {source.checked}"))
    parts.append(_text(f"{labels.confidence}{labels.colon}{labels.confidences[source.confidence]}"))
    if source.note:
        parts.append(_in_lang(_text(source.note), edition.varieties.english, edition))
    return " · ".join(parts)


# Text in another language than the page's is marked, so screen readers, fonts and the
# Traditional-edition checks treat it right (the tags: the edition table's varieties).
def _in_lang(text_html: str, lang: str, edition: Edition) -> str:
    return text_html if edition.lang == lang else f'<span lang="{lang}">{text_html}</span>'


def _field(label: str, value_html: str, *, searchable: bool = True) -> str:
    # Lists of other terms and of sections stay out of the search index: there they would only make
    # every entry that mentions a term compete with that term's own entry.
    exclude = "" if searchable else " data-search-exclude"
    return f"<dt{exclude}>{_text(label)}</dt>\n<dd{exclude}>{value_html}</dd>"


def _variety_html(term: Term, lang: str, labels: Labels, edition: Edition, model: VarietyModel) -> str:
    """A variety's preferred form, its admitted ones in brackets, then another jurisdiction's forms
    in this script, said whose they are (so they stay findable): 个人信息 · 香港用法：个人资料."""
    forms = model.variety_forms(term, lang)
    admitted = [f.text for f in forms.admitted if not f.text.isascii()]
    html_text = _in_lang(_text(forms.preferred.text + (f" ({'、'.join(admitted)})" if admitted else "")), lang, edition)
    for form in forms.other_usage:
        html_text += f" · {_text(labels.usages[form.usage] + labels.colon)}{_in_lang(_text(form.text), lang, edition)}"
    return html_text


def _pinyin(term: Term, edition: Edition, model: VarietyModel) -> str:
    """The pinyin, and the form it reads where the Traditional form shown is another word (Hong
    Kong's 個人資料 is not read gè rén xìn xī)."""
    traditional = model.variety_forms(term, edition.traditional_lang).preferred.text
    if model.to_simplified(traditional) == term.zh:
        return _text(term.pinyin)
    reads = f"（{term.zh}）" if not edition.is_english else f" ({term.zh})"
    return _text(term.pinyin) + _in_lang(_text(reads), edition.varieties.source, edition)


def _glossary_entry(
    term: Term,
    edition: Edition,
    labels: Labels,
    occurrences: Mapping[str, list[Section]],
    nested: Mapping[str, tuple[str, ...]],
    by_id: Mapping[str, Term],
    chinese: Callable[[str], str],
    url: DocsUrl,
    model: VarietyModel,
) -> str:
    """One term's fields, as an HTML definition list; `chinese` shows Chinese term-base text in the
    edition's script; `model` gives each variety's forms."""
    fields = [
        _field(labels.simplified, _variety_html(term, edition.varieties.source, labels, edition, model)),
        _field(labels.traditional, _variety_html(term, edition.traditional_lang, labels, edition, model)),
        _field(labels.pinyin, _pinyin(term, edition, model)),
        _field(labels.english, _in_lang(f"<strong>{_text(term.en)}</strong>", edition.varieties.english, edition) + _usage_of(term, term.en, labels, edition)),
    ]
    if term.en_alt:
        fields.append(_field(labels.other_english, _in_lang(_text("; ".join(term.en_alt)), edition.varieties.english, edition)))
    if term.renderings:
        fields.append(_field(labels.renderings, _renderings(term, labels, edition)))
    fields.append(_field(labels.category, _text(labels.categories[term.category])))
    zh_lang = edition.chinese_lang
    english = _in_lang(_text(term.definition_en), edition.varieties.english, edition)
    chinese_text = _in_lang(mark_english_runs(_text(chinese(term.definition_zh))), zh_lang, edition)
    first, second = (english, chinese_text) if edition.is_english else (chinese_text, english)
    # The search index keeps the edition's own language (the first search's download; every form of
    # the term stays searchable): the other language's definition and note, and outside the English
    # edition the English source line, are shown but not indexed.
    fields.append(_field(labels.definition_primary, first))
    fields.append(_field(labels.definition_secondary, second, searchable=False))
    fields.append(_field(labels.english_source, _source_line(term, labels, edition), searchable=edition.is_english))
    if term.usage_note:
        note_zh = chinese(term.usage_note.zh)
        english_note = _in_lang(_text(term.usage_note.en), edition.varieties.english, edition)
        chinese_note = _in_lang(mark_english_runs(_text(note_zh)), zh_lang, edition)
        first_note, second_note = (english_note, chinese_note) if edition.is_english else (chinese_note, english_note)
        fields.append(_field(labels.usage_note, f"{first_note}<br><span data-search-exclude>{second_note}</span>"))
    separator = _text(labels.list_separator)
    if term.related:
        related = separator.join(_term_link(by_id[r], edition) for r in term.related)
        fields.append(_field(labels.related, related, searchable=False))
    where = _locations_by_page(occurrences.get(term.id, []), labels, url)
    where_html = _text(labels.group_separator).join(where) if where else _text(labels.not_used)
    if term.id in nested:
        where_html += f" · {_text(labels.see_also + labels.colon)}" + separator.join(
            _term_link(by_id[n], edition) for n in nested[term.id]
        )
    index_link = _link(f"{url(INDEX_PAGE)}#{term.id}", _text(labels.index_title))
    fields.append(_field(labels.where_used, f"{where_html} · {index_link}", searchable=False))
    return "\n".join(['<dl class="hetao-glossary-entry">', *fields, "</dl>", ""])


def render_glossary(
    terms: list[Term],
    edition: Edition,
    labels: Labels,
    occurrences: Occurrences,
    nested: Mapping[str, tuple[str, ...]],
    url: DocsUrl | None = None,
    conversion: Conversion | None = None,
) -> str:
    """The glossary page: one entry per term with anchor #<term-id>, sorted by pinyin (Chinese) or English."""
    url = url or docs_url()
    by_id = {term.id: term for term in terms}
    groups = _grouped(terms, edition)
    where = occurrences.by_term()
    chinese: Callable[[str], str] = str
    conversion = conversion or characters_only(edition)
    if conversion is not None:
        phrases = variety_phrases(terms, edition.lang)
        chinese = lambda text: conversion.text(text, phrases)  # noqa: E731
    model = variety_model(terms, edition, {edition.lang: conversion} if conversion is not None else None)
    varieties = edition.varieties
    downloads = downloads_section(labels.downloads_guide, url, language_pairs(varieties), lambda lang: locale_code(varieties, lang))
    lines = _front_matter(labels.glossary_title)
    lines += [f"# {md_heading(labels.glossary_title)} {{ #glossary }}", "", labels.glossary_intro, "", labels.index_link, ""]
    lines += _jump_bar(groups, labels)
    for letter, group in groups.items():
        lines += [f"## {letter} {{ #{_initial_anchor(letter)} data-cite=\"no\" }}", ""]
        for term in group:
            entry = _glossary_entry(term, edition, labels, where, nested, by_id, chinese, url, model)
            lines.append(_compact_entry(term, edition, chinese, entry, model))
    # the downloads last: on a phone the first entry stays on the first screen
    lines += ["", f"## {md_heading(labels.downloads)} {{ #downloads data-cite=\"no\" }}", "", downloads]
    return "\n".join(lines)


def gist(definition: str) -> str:
    """A definition's first sentence: the compact glossary's one-line summary."""
    match = re.search(r"(?<=[^\s.]{2}[.!?])\s+(?=[A-Z(])|(?<=[。！？])", definition)
    return definition[: match.start()].strip() if match else definition


def _compact_entry(term: Term, edition: Edition, chinese: Callable[[str], str], entry: str, model: VarietyModel) -> str:
    """One row per term (Simplified · Traditional · English · the definition's first sentence), which
    opens in place to the full entry. The entry's heading (#id) opens it: it is the first thing
    inside, shown to screen readers only (the row names the term), so that its search section is
    the whole entry (Material's search ends a section with the element its heading is in); the row
    itself stays out of search (it would only repeat the entry in its letter's section)."""
    varieties = edition.varieties
    name = display_name(term, edition)
    cells = []
    for lang in (varieties.source, edition.traditional_lang, varieties.english):
        text = term.form_in(lang) if lang == varieties.english else model.variety_forms(term, lang).preferred.text
        own = lang == edition.form_lang
        kind = "name" if own else "form"
        cells.append(f'<span class="hetao-glossary-row__{kind}">{_in_lang(_text(name if own else text), lang, edition)}</span>')
    definition = term.definition_en if edition.is_english else chinese(term.definition_zh)
    gist_html = _text(gist(definition)) if edition.is_english else mark_english_runs(_text(gist(definition)))
    cells.append(f'<span class="hetao-glossary-row__gist">{gist_html}</span>')
    return "\n".join([
        f'<details class="{markup.GLOSSARY_ROW}">',
        "<summary data-search-exclude>" + "".join(cells) + "</summary>",
        markup.glossary_row_heading(3, term.id, _text(name)),
        entry.rstrip("\n"),
        markup.GLOSSARY_ROW_END,
        "",
    ])


def render_index(
    terms: list[Term],
    edition: Edition,
    labels: Labels,
    occurrences: Occurrences,
    nested: Mapping[str, tuple[str, ...]],
    url: DocsUrl | None = None,
) -> str:
    """The index of policy terms: per initial, each term (anchor #<term-id>) → every section where it occurs."""
    url = url or docs_url()
    by_id = {term.id: term for term in terms}
    groups = _grouped(terms, edition)
    glossary = url(GLOSSARY_PAGE)
    # Out of the search index: it only repeats section titles, so it would crowd out the glossary
    # entry and the sections themselves (the term finder links both), and indexing it costs build time.
    lines = _front_matter(labels.index_title, searchable=False)
    lines += [f"# {md_heading(labels.index_title)} {{ #term-index }}", "", labels.index_intro, "", labels.glossary_link, ""]
    lines += [f"!!! note \"{md_text(labels.nested_title)}\"", "", f"    {labels.nested_explained}", ""]
    lines += _jump_bar(groups, labels)
    for letter, group in groups.items():
        lines += [f"## {letter} {{ #{_initial_anchor(letter)} data-cite=\"no\" }}", "", "<dl>"]
        for term in group:
            if edition.is_english:
                other, pinyin = _in_lang(_text(term.zh), edition.varieties.source, edition), ""
            else:
                other, pinyin = _in_lang(_text(term.en), edition.varieties.english, edition), f" {_text(term.pinyin)}"
            lines.append(f'<dt id="{term.id}">{_term_link(term, edition, glossary)}{pinyin} · {other}</dt>')
            where = _locations_by_page(occurrences.sections_of(term.id), labels, url)
            lines += [f"<dd>{item}</dd>" for item in where] or [f"<dd><em>{_text(labels.not_used)}</em></dd>"]
            if term.id in nested:
                see_also = _text(labels.list_separator).join(_term_link(by_id[n], edition) for n in nested[term.id])
                lines.append(f"<dd>{_text(labels.see_also + labels.colon)}{see_also}</dd>")
        lines += ["</dl>", ""]
    return "\n".join(lines)
