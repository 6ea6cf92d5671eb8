"""The site's editions, read from their table (data/editions.yml), and the URLs between them.

An `Edition` says everything the build needs to know about one edition: its MkDocs config, pages,
URL prefix, theme language, `lang` / hreflang, og:locale, switcher label, the language and script
of its text, whose usage its readers follow, and whether its pages are converted from another
edition's (and by which conversion). Code asks an edition about those properties; it never compares
edition codes, and no language tag, usage or OpenCC configuration is written in code: they are the
table's (`Varieties`, `Usage`).

Plain Python, no MkDocs import.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from hetao_docs.yamlfile import read_data_file

Language = Literal["zh", "en"]  # the term base's two languages (its fields zh and en)
Script = Literal["Hans", "Hant", "Latn"]

_FIELDS = ("code", "config", "docs_dir", "prefix", "theme_language", "lang", "og_locale", "label", "language", "script", "usage")
_OPTIONAL = ("converted_from", "conversion")
_CONVERSION_FIELDS = ("opencc", "phrases")
_USAGE_FIELDS = ("name", "everywhere", "geography", "region")


class EditionError(Exception):
    """The edition table or an edition's configuration is wrong. The message is one line per
    problem, naming the file, the edition and the field."""


@dataclass(frozen=True)
class Usage:
    """Whose usage a form of a term is, and whose an edition's readers follow (the table's `usages`).
    Its labels are in every catalog (`labels.usages`)."""

    name: str
    everywhere: bool = False  # no one jurisdiction's (general English): never another usage's form
    geography: str | None = None  # TBX geographicalUsage: an ISO 3166-1 alpha-2 code (a controlled value)
    region: str | None = None  # what the code names (the exports' header says it)


@dataclass(frozen=True)
class Varieties:
    """The written varieties a term has a form in: the Simplified source (the primary Chinese
    edition's lang), each converted edition's (derived through its OpenCC conversion unless the term
    base overrides it), and English. Known to every edition (`Edition.varieties`)."""

    source: str = ""  # the Simplified forms' tag (zh, aliases_zh)
    converted: tuple[tuple[str, str], ...] = ()  # (tag, OpenCC configuration) per converted edition
    english: str = ""  # the English forms' tag (en, en_alt)
    other_traditional: tuple[str, ...] = ()  # other OpenCC conversions to Traditional (folded back by the term check)
    usages: tuple[str, ...] = ()  # the usages' names (a rendering's `usage`)
    general: str = ""  # the usage of forms no one jurisdiction owns
    usage_of: tuple[tuple[str, str], ...] = ()  # per variety's tag, whose usage its edition's readers follow
    locale_of: tuple[tuple[str, str], ...] = ()  # per variety's tag, its edition's og_locale
    script_test: tuple[str, str] = ("", "")  # OpenCC conversions (to Traditional, to Simplified) that tell a run's script

    def usage_for(self, lang: str) -> str:
        """Whose usage a variety's readers follow (its edition's `usage`; general if no edition has it)."""
        return dict(self.usage_of).get(lang, self.general)

    @property
    def chinese(self) -> tuple[str, ...]:
        return (self.source, *(lang for lang, _ in self.converted))

    @property
    def langs(self) -> tuple[str, ...]:
        return (*self.chinese, self.english)

    @property
    def traditional(self) -> tuple[str, ...]:
        """Every OpenCC conversion to Traditional: the editions', then the others."""
        return tuple(dict.fromkeys((*(opencc for _, opencc in self.converted), *self.other_traditional)))


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
    usage: str  # whose usage its readers follow (a name in the table's `usages`): a term's preferred rendering for them
    converted_from: str | None = None  # its pages are this edition's, converted
    conversion: str | None = None  # converted: the OpenCC configuration (Simplified → this edition's characters)
    phrases: str | None = None  # converted: the phrase table applied after it (wording, quotation marks), or none
    varieties: Varieties = field(default=Varieties(), compare=False, repr=False)  # the whole table's
    usages: tuple[Usage, ...] = field(default=(), compare=False, repr=False)  # the whole table's

    @property
    def form_lang(self) -> str:
        """The language tag of the term forms its text uses (the term base's renderings): its own."""
        return self.lang

    @property
    def chinese_lang(self) -> str:
        """The Chinese forms it shows first: its own variety's; an English edition, the Simplified ones."""
        return self.varieties.source if self.is_english else self.lang

    @property
    def traditional_lang(self) -> str:
        """The Traditional forms it shows beside the Simplified ones: its own, or the first converted edition's."""
        return self.lang if self.is_traditional else self.varieties.converted[0][0]

    @property
    def is_english(self) -> bool:
        return self.language == "en"

    @property
    def is_traditional(self) -> bool:
        return self.conversion is not None


@dataclass(frozen=True)
class Editions:
    """The editions in their table's order; the first is the primary one (served at the root)."""

    all: tuple[Edition, ...]
    side_by_side: tuple[tuple[str, str], ...] = ()  # the pairs a reader can read side by side, the first language first

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
    usages = _usages(data.get("usages"), shown)
    other = data.get("other_traditional", [])
    if not isinstance(other, list) or not all(isinstance(item, str) and item for item in other):
        raise EditionError(f"{shown}: 'other_traditional' must be a list of OpenCC configurations")
    script_test = data.get("script_test", {"traditional": "", "simplified": ""})  # none: scripts are not told apart
    if not isinstance(script_test, dict) or not all(isinstance(script_test.get(k), str) for k in ("traditional", "simplified")):
        raise EditionError(f"{shown}: 'script_test' must name an OpenCC conversion to 'traditional' and one to 'simplified'")
    editions = Editions(tuple(replace(_edition(entry, index, shown, usages), usages=usages) for index, entry in enumerate(entries)))
    _check(editions, shown)
    varieties = replace(_varieties(editions, tuple(other), shown), script_test=(script_test["traditional"], script_test["simplified"]))
    return Editions(tuple(replace(edition, varieties=varieties) for edition in editions), _pairs(data.get("side_by_side", []), editions, shown))


def _pairs(entries: Any, editions: Editions, shown: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(entries, list):
        raise EditionError(f"{shown}: 'side_by_side' must be a list of pairs of edition codes")
    pairs: list[tuple[str, str]] = []
    for index, entry in enumerate(entries, 1):
        where = f"{shown}: side_by_side pair {index}"
        if not (isinstance(entry, list) and len(entry) == 2 and entry[0] != entry[1]):
            raise EditionError(f"{where}: must be two different edition codes, as [zh, en]")
        first, second = (editions.get(code, where).code for code in entry)
        if (first, second) in pairs or (second, first) in pairs:
            raise EditionError(f"{where}: [{first}, {second}] is listed twice")
        pairs.append((first, second))
    return tuple(pairs)


def _usages(entries: Any, shown: str) -> tuple[Usage, ...]:
    if not isinstance(entries, list) or not entries:
        raise EditionError(f"{shown}: 'usages' must be a non-empty list")
    problems: list[str] = []
    usages: list[Usage] = []
    for index, entry in enumerate(entries):
        name = f"usage '{entry.get('name')}'" if isinstance(entry, dict) and entry.get("name") else f"usage #{index + 1}"
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            problems.append(f"{shown}: {name}: must be a mapping with a 'name'")
            continue
        problems += [f"{shown}: {name}: field '{key}': unknown (allowed: {', '.join(_USAGE_FIELDS)})" for key in entry if key not in _USAGE_FIELDS]
        if not isinstance(entry.get("everywhere", False), bool):
            problems.append(f"{shown}: {name}: field 'everywhere': must be true or false")
        if not re.fullmatch(r"[A-Z]{2}", str(entry.get("geography", "ZZ"))):
            problems.append(f"{shown}: {name}: field 'geography': must be an ISO 3166-1 alpha-2 code (CN, HK …)")
        if not isinstance(entry.get("region", ""), str):
            problems.append(f"{shown}: {name}: field 'region': must be text")
        if any(usage.name == entry["name"] for usage in usages):
            problems.append(f"{shown}: {name}: listed twice")
        usages.append(Usage(entry["name"], bool(entry.get("everywhere", False)), entry.get("geography"), entry.get("region")))
    if not problems and sum(usage.everywhere for usage in usages) != 1:
        problems.append(f"{shown}: usages: exactly one must be 'everywhere: true' (the usage of forms no jurisdiction owns)")
    if problems:
        raise EditionError("\n".join(problems))
    return tuple(usages)


def _varieties(editions: Editions, other: tuple[str, ...], shown: str) -> Varieties:
    source = next((e for e in editions if not e.is_english and e.conversion is None), None)
    english = next((e for e in editions if e.is_english), None)
    if source is None or english is None:
        raise EditionError(f"{shown}: the table needs a Chinese edition with pages of its own and an English one (the term base's zh and en)")
    converted = tuple((e.lang, e.conversion) for e in editions if e.conversion is not None)
    if not converted:
        raise EditionError(f"{shown}: the table needs a converted (Traditional) edition: the term base's Traditional forms are its")
    usages = editions.primary.usages
    return Varieties(
        source.lang, converted, english.lang, other, tuple(u.name for u in usages), next(u.name for u in usages if u.everywhere),
        tuple((e.lang, e.usage) for e in editions), tuple((e.lang, e.og_locale) for e in editions),
    )


def _edition(entry: Any, index: int, shown: str, usages: tuple[Usage, ...]) -> Edition:
    name = f"edition '{entry.get('code')}'" if isinstance(entry, dict) and entry.get("code") else f"edition #{index + 1}"
    if not isinstance(entry, dict):
        raise EditionError(f"{shown}: {name}: must be a mapping")
    problems = [f"{shown}: {name}: field '{key}': missing" for key in _FIELDS if key not in entry]
    problems += [
        f"{shown}: {name}: field '{key}': unknown (allowed: {', '.join(_FIELDS + _OPTIONAL)})"
        for key in entry if key not in _FIELDS + _OPTIONAL
    ]
    problems += [
        f"{shown}: {name}: field '{key}': must be text" for key in _FIELDS + ("converted_from",)
        if key in entry and not isinstance(entry[key], str)
    ]
    conversion = entry.get("conversion")
    if conversion is not None:
        if not isinstance(conversion, dict) or not isinstance(conversion.get("opencc"), str):
            problems.append(f"{shown}: {name}: field 'conversion': must be a mapping with 'opencc' (an OpenCC configuration) and optionally 'phrases'")
        else:
            problems += [
                f"{shown}: {name}: field 'conversion': '{key}' unknown (allowed: {', '.join(_CONVERSION_FIELDS)})"
                for key in conversion if key not in _CONVERSION_FIELDS
            ]
            if not isinstance(conversion.get("phrases", ""), str | None):
                problems.append(f"{shown}: {name}: field 'conversion': 'phrases' must be a file or null")
    if ("converted_from" in entry) != (conversion is not None):
        problems.append(f"{shown}: {name}: field 'conversion': an edition converted from another names its conversion, and only such an edition")
    if not problems:
        if entry["language"] not in ("zh", "en"):
            problems.append(f"{shown}: {name}: field 'language': {entry['language']!r} is not one of: zh, en")
        if entry["script"] not in ("Hans", "Hant", "Latn"):
            problems.append(f"{shown}: {name}: field 'script': {entry['script']!r} is not one of: Hans, Hant, Latn")
        names = [usage.name for usage in usages]
        if entry["usage"] not in names:
            problems.append(f"{shown}: {name}: field 'usage': {entry['usage']!r} is not one of the table's usages: {', '.join(names)}")
        prefix = entry["prefix"]
        if prefix and (not prefix.endswith("/") or prefix.startswith("/") or ".." in prefix):
            problems.append(f"{shown}: {name}: field 'prefix': {prefix!r} must be empty or a relative folder ending in '/'")
    if problems:
        raise EditionError("\n".join(problems))
    values = {key: entry[key] for key in _FIELDS + ("converted_from",) if key in entry}
    if conversion is not None:
        values.update(conversion=conversion["opencc"], phrases=conversion.get("phrases"))
    return Edition(**values)


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
