"""The site's editions, read from their table (data/editions.yml), and the URLs between them.

An `Edition` says everything the build needs to know about one edition: its MkDocs config, pages,
URL prefix, theme language, `lang` / hreflang, og:locale, switcher label, the language and script
of its text, and whether its pages are converted from another edition's. Code asks an edition
about those properties; it never compares edition codes.

Plain Python, no MkDocs import.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from hetao_docs.yamlfile import read_data_file

Language = Literal["zh", "en"]
Script = Literal["Hans", "Hant", "Latn"]
Usage = Literal["mainland", "hong-kong", "general"]
TermForm = Literal["zh", "zh_hant", "en"]

_FIELDS = ("code", "config", "docs_dir", "prefix", "theme_language", "lang", "og_locale", "label", "language", "script", "usage")
_OPTIONAL = ("converted_from",)


class EditionError(Exception):
    """The edition table or an edition's configuration is wrong. The message is one line per
    problem, naming the file, the edition and the field."""


@dataclass(frozen=True)
class Edition:
    code: str  # the plugin's `edition` option in the edition's MkDocs config
    config: str  # that config, relative to the project root
    docs_dir: str  # its Markdown, relative to the project root
    prefix: str  # where it lives below the site root: "" or "en/"
    theme_language: str  # Material's interface strings
    lang: str  # BCP 47: <html lang>, hreflang, sitemap alternates
    og_locale: str  # Open Graph's language_TERRITORY
    label: str  # in the language switcher, in the edition's own language
    language: Language  # which forms of a term its text uses, which definition comes first
    script: Script
    usage: Usage  # whose usage its readers follow: a term's preferred rendering for them
    converted_from: str | None = None  # its pages are this edition's, converted (Traditional, Hong Kong)

    @property
    def term_form(self) -> TermForm:
        """The field of a term that names it in this edition."""
        if self.language == "en":
            return "en"
        return "zh_hant" if self.script == "Hant" else "zh"

    @property
    def form_lang(self) -> str:
        """The language tag of the term forms its text uses (the term base's renderings)."""
        if self.language == "en":
            return "en"
        return "zh-Hant-HK" if self.script == "Hant" else "zh-Hans"

    @property
    def is_english(self) -> bool:
        return self.language == "en"

    @property
    def is_traditional(self) -> bool:
        return self.script == "Hant"


@dataclass(frozen=True)
class Editions:
    """The editions in their table's order; the first is the primary one (served at the root)."""

    all: tuple[Edition, ...]

    def __iter__(self) -> Iterator[Edition]:
        return iter(self.all)

    def __len__(self) -> int:
        return len(self.all)

    @property
    def primary(self) -> Edition:
        return self.all[0]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(edition.code for edition in self.all)

    @property
    def prefixes(self) -> tuple[str, ...]:
        return tuple(edition.prefix for edition in self.all)

    @property
    def siblings(self) -> tuple[Edition, ...]:
        """The editions the primary build builds after itself."""
        return self.all[1:]

    def get(self, code: object, where: str = "") -> Edition:
        for edition in self.all:
            if edition.code == code:
                return edition
        prefix = f"{where}: " if where else ""
        raise EditionError(f"{prefix}edition must be one of {', '.join(self.codes)}, not {code!r}")

    def source_of(self, edition: Edition) -> Edition:
        """The edition whose pages `edition` shows: itself, or the one it is converted from."""
        return self.get(edition.converted_from) if edition.converted_from else edition


def load_editions(path: Path, shown_as: str | None = None) -> Editions:
    """The edition table; a bad one raises EditionError, one line per problem."""
    shown = shown_as or path.as_posix()
    data = read_data_file(path, shown, "the edition table", EditionError)
    entries = data.get("editions") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise EditionError(f"{shown}: 'editions' must be a non-empty list")
    editions = Editions(tuple(_edition(entry, index, shown) for index, entry in enumerate(entries)))
    _check(editions, shown)
    return editions


def _edition(entry: Any, index: int, shown: str) -> Edition:
    name = f"edition '{entry.get('code')}'" if isinstance(entry, dict) and entry.get("code") else f"edition #{index + 1}"
    if not isinstance(entry, dict):
        raise EditionError(f"{shown}: {name}: must be a mapping")
    problems = [f"{shown}: {name}: field '{key}': missing" for key in _FIELDS if key not in entry]
    problems += [
        f"{shown}: {name}: field '{key}': unknown (allowed: {', '.join(_FIELDS + _OPTIONAL)})"
        for key in entry if key not in _FIELDS + _OPTIONAL
    ]
    problems += [
        f"{shown}: {name}: field '{key}': must be text" for key in _FIELDS + _OPTIONAL
        if key in entry and not isinstance(entry[key], str)
    ]
    if not problems:
        if entry["language"] not in ("zh", "en"):
            problems.append(f"{shown}: {name}: field 'language': {entry['language']!r} is not one of: zh, en")
        if entry["script"] not in ("Hans", "Hant", "Latn"):
            problems.append(f"{shown}: {name}: field 'script': {entry['script']!r} is not one of: Hans, Hant, Latn")
        if entry["usage"] not in ("mainland", "hong-kong", "general"):
            problems.append(f"{shown}: {name}: field 'usage': {entry['usage']!r} is not one of: mainland, hong-kong, general")
        prefix = entry["prefix"]
        if prefix and (not prefix.endswith("/") or prefix.startswith("/") or ".." in prefix):
            problems.append(f"{shown}: {name}: field 'prefix': {prefix!r} must be empty or a relative folder ending in '/'")
    if problems:
        raise EditionError("\n".join(problems))
    return Edition(**{key: entry[key] for key in _FIELDS + _OPTIONAL if key in entry})


def _check(editions: Editions, shown: str) -> None:
    problems = []
    if editions.primary.prefix:
        problems.append(f"{shown}: edition '{editions.primary.code}': field 'prefix': the primary (first) edition lives at the root: ''")
    seen: dict[str, str] = {}
    for edition in editions:
        for key in ("code", "prefix", "lang", "config"):
            value = f"{key}={getattr(edition, key)}"
            if value in seen:
                problems.append(f"{shown}: edition '{edition.code}': field '{key}': {getattr(edition, key)!r} is also edition '{seen[value]}''s")
            seen[value] = edition.code
        if edition.converted_from is not None:
            source = next((e for e in editions if e.code == edition.converted_from), None)
            if source is None or source.converted_from is not None:
                problems.append(
                    f"{shown}: edition '{edition.code}': field 'converted_from': {edition.converted_from!r} is not an edition with pages of its own"
                )
    if problems:
        raise EditionError("\n".join(problems))


# --- URLs between editions -------------------------------------------------------------------

def site_root(site_url: str, current: Edition) -> str:
    """The URL of the whole site (the primary edition's root), from one edition's site_url."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    if current.prefix and not base.endswith("/" + current.prefix):
        raise EditionError(f"{current.config}: site_url {site_url!r} of the {current.code} edition does not end in /{current.prefix}")
    return base[: len(base) - len(current.prefix)]


def relative_url(target: str, source: str) -> str:
    """`target` relative to the page at `source` (both relative to the site root, as in page.url)."""
    source_dir = source.rsplit("/", 1)[0] if "/" in source else ""
    relative = posixpath.relpath(target or ".", source_dir or ".")
    return relative + "/" if target.endswith("/") or not target else relative


def switcher_roots(editions: Iterable[Edition], root: str) -> list[dict[str, str]]:
    """Material's `extra.alternate`: each edition's root as an absolute path (what the 404 page
    keeps; on pages, the switcher is pointed at the same page: `same_page_links`)."""
    path = urlsplit(root).path or "/"
    return [{"name": e.label, "link": path + e.prefix, "lang": e.lang} for e in editions]


def same_page_links(editions: Iterable[Edition], current: Edition, page_url: str) -> dict[str, str]:
    """Per edition's lang, the same page there, relative to the page: works on any host and from file://."""
    return {e.lang: relative_url(e.prefix + page_url, current.prefix + page_url) for e in editions}


def hreflang_links(editions: Editions, page_url: str, root: str) -> list[dict[str, str]]:
    """Absolute URLs of one page in every edition, plus x-default (the primary edition)."""
    links = [{"hreflang": e.lang, "href": root + e.prefix + page_url} for e in editions]
    return [*links, {"hreflang": "x-default", "href": root + editions.primary.prefix + page_url}]


def missing_pages(project: Path, editions: Editions) -> list[str]:
    """One line per Markdown page that one edition with pages of its own has and another lacks
    (never a silent fallback)."""

    def pages(root: Path) -> set[str]:
        return {p.relative_to(root).as_posix() for p in root.rglob("*.md")} if root.is_dir() else set()

    own = [e for e in editions if e.converted_from is None]
    primary = own[0]
    reference = pages(project / primary.docs_dir)
    problems = []
    for edition in own[1:]:
        found = pages(project / edition.docs_dir)
        problems += [
            f"{edition.docs_dir}/{p}: missing; the {edition.code} edition needs every page of {primary.docs_dir}"
            for p in sorted(reference - found)
        ]
        problems += [
            f"{edition.docs_dir}/{p}: no original {primary.docs_dir}/{p}; every edition has the same pages"
            for p in sorted(found - reference)
        ]
    return problems
