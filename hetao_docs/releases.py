"""Releases: the change log, each section's fingerprint per release, and the archived releases.

A release is a version (calendar versions: `2026.12`, `2026.12.1`), a date and what changed, in
which sections, and why (`data/releases.yml`, newest first). Cutting one (`scripts/docs.py release`)
records every section's fingerprint in every edition (`releases/<version>/fingerprints.json`) and
keeps the release as built (its `SHA256SUMS`, the files in the shared store `releases/objects/`), so
that:

- every section can say in which release it last changed, and a link copied in release X shows,
  on today's site, that the section has changed since X (and links the text as cited);
- every release stays online at `releases/<version>/`, byte for byte as it was cut.

An archive is built with a placeholder published address (`ADDRESS_TOKEN`), replaced by the
site's own address when the archive is published, so one stored copy serves any host.

Plain Python, no MkDocs import.
"""

from __future__ import annotations

import datetime
import email.utils
import gzip
import hashlib
import itertools
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hetao_docs import markup
from hetao_docs.links import ARCHIVE_PREFIX as ARCHIVE_PREFIX  # re-exported: where releases are published
from hetao_docs.links import markdown_headings
from hetao_docs.yamlfile import read_data_file

CHANGES_PAGE = "changes.md"
ADDRESS_TOKEN = "https://hetao-release.invalid/"  # an archive's published address until it is published
FINGERPRINTS = "fingerprints.json"
CHECKSUMS = "SHA256SUMS"
CONTRACT_COPY = "published-links.txt"
_VERSION = re.compile(r"^(\d{4})\.(0[1-9]|1[0-2])(?:\.([1-9]\d*))?$")
_SECTION = re.compile(r"^[a-z0-9][a-z0-9/_-]*\.md(?:#[a-z0-9][a-z0-9-]*)?$")
_ATTRS = re.compile(r"\{:?[^{}]*\}[ \t]*$")
_LEVEL = re.compile(r"^(#{1,6})[ \t]")
_TEXT_SUFFIXES = (".html", ".xml", ".json", ".js", ".txt", ".css", ".webmanifest")


class ReleaseError(Exception):
    """Bad release data or a changed archive; the message is one line per problem."""


@dataclass(frozen=True)
class Change:
    sections: tuple[str, ...]  # "problems/coordination.md#rule-alignment", or a page: "glossary.md"
    what: Mapping[str, str]  # {"zh": …, "en": …}
    why: Mapping[str, str]


@dataclass(frozen=True)
class Release:
    version: str
    date: datetime.date
    summary: Mapping[str, str]
    changes: tuple[Change, ...]

    @property
    def anchor(self) -> str:
        """The change log's heading id for this release (`2026.12.1` → `v2026-12-1`)."""
        return "v" + self.version.replace(".", "-")

    @property
    def key(self) -> tuple[int, ...]:
        return version_key(self.version)


def version_key(version: str) -> tuple[int, ...]:
    match = _VERSION.match(version)
    if not match:
        raise ValueError(f"not a release version: {version!r}")
    return (int(match.group(1)), int(match.group(2)), int(match.group(3) or 0))


# --- The change log ------------------------------------------------------------------------------

def load_releases(path: Path, shown: str) -> tuple[Release, ...]:
    """The releases of `data/releases.yml`, newest first; one line per problem."""
    data = read_data_file(path, shown, "the change log", ReleaseError)
    entries = data.get("releases") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise ReleaseError(f"{shown}: expected a non-empty list under 'releases'")
    releases: list[Release] = []
    problems: list[str] = []
    for index, entry in enumerate(entries):
        try:
            releases.append(_release(entry, index, shown))
        except ReleaseError as problem:
            problems.append(str(problem))
    if problems:
        raise ReleaseError("\n".join(problems))
    for newer, older in itertools.pairwise(releases):
        if newer.key <= older.key or newer.date < older.date:
            raise ReleaseError(f"{shown}: release '{newer.version}': must be newer than the entry after it ('{older.version}'): newest first")
    return tuple(releases)


def _text_pair(value: Any, where: str, field: str) -> dict[str, str]:
    if not isinstance(value, dict) or set(value) != {"zh", "en"}:
        raise ReleaseError(f"{where}: field '{field}': expected both 'zh' and 'en'")
    for language, text in value.items():
        if not isinstance(text, str) or not text.strip():
            raise ReleaseError(f"{where}: field '{field}.{language}': must be non-empty text")
    return {str(k): str(v).strip() for k, v in value.items()}


def _release(entry: Any, index: int, shown: str) -> Release:
    if not isinstance(entry, dict):
        raise ReleaseError(f"{shown}: releases[{index}]: expected a mapping")
    version = entry.get("version")
    if not isinstance(version, str) or not _VERSION.match(version):
        raise ReleaseError(f"{shown}: releases[{index}]: field 'version': expected a calendar version like 2026.12 or 2026.12.1, got {version!r}")
    where = f"{shown}: release '{version}'"
    date = entry.get("date")
    if not isinstance(date, datetime.date):
        raise ReleaseError(f"{where}: field 'date': expected a date (YYYY-MM-DD)")
    year, month, _ = version_key(version)
    if (date.year, date.month) != (year, month):
        raise ReleaseError(f"{where}: field 'date': {date.isoformat()} is not in the version's month")
    changes_data = entry.get("changes")
    if not isinstance(changes_data, list) or not changes_data:
        raise ReleaseError(f"{where}: field 'changes': expected a non-empty list")
    changes: list[Change] = []
    for number, change in enumerate(changes_data):
        field = f"changes[{number}]"
        if not isinstance(change, dict):
            raise ReleaseError(f"{where}: field '{field}': expected a mapping")
        sections = change.get("sections")
        if not isinstance(sections, list) or not sections:
            raise ReleaseError(f"{where}: field '{field}.sections': expected a non-empty list of page.md or page.md#id")
        for section in sections:
            if not isinstance(section, str) or not _SECTION.match(section):
                raise ReleaseError(f"{where}: field '{field}.sections': {section!r} is not page.md or page.md#id")
        changes.append(Change(tuple(sections), _text_pair(change.get("what"), where, f"{field}.what"), _text_pair(change.get("why"), where, f"{field}.why")))
    return Release(version, date, _text_pair(entry.get("summary"), where, "summary"), tuple(changes))


# --- Fingerprints --------------------------------------------------------------------------------

def _normalised(lines: Iterable[str]) -> str:
    text = "\n".join(_ATTRS.sub("", line.rstrip()) for line in lines)
    return " ".join(unicodedata.normalize("NFC", text).split())


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _headings(markdown: str) -> list[tuple[int, int, str | None, bool]]:
    """(line index, level, id, raw HTML?) of each heading: Markdown's, and the glossary rows' raw
    HTML headings (markup.py)."""
    lines = markdown.splitlines()
    found = [(h.line - 1, len(_LEVEL.match(lines[h.line - 1]).group(1)), h.id, False)  # type: ignore[union-attr]
             for h in markdown_headings(markdown) if _LEVEL.match(lines[h.line - 1])]
    for number, line in enumerate(lines):
        match = markup.GLOSSARY_ROW_HEADING.match(line)
        if match:
            found.append((number, int(match.group(1)), match.group(2), True))
    return sorted(found)


def section_fingerprints(markdown: str) -> dict[str, str]:
    """A digest of each section's text (its heading to the next heading of its level or higher,
    subsections included; a glossary row's section also ends with its row) by
    heading id, and of the whole page under ""; whitespace, Unicode form and attribute lists
    (`{ #id }`) do not count."""
    lines = markdown.splitlines()
    headings = _headings(markdown)
    words = [_normalised([line]) for line in lines]  # once per line (NFC never joins across lines)

    def digest(start: int, end: int) -> str:
        return _digest(" ".join(w for w in words[start:end] if w))

    prints = {"": digest(0, len(lines))}
    for position, (start, level, heading_id, raw) in enumerate(headings):
        if not heading_id:
            continue
        end = next((s for s, lvl, _, _ in headings[position + 1:] if lvl <= level), len(lines))
        if raw:
            end = next((n for n in range(start + 1, end) if lines[n].startswith(markup.GLOSSARY_ROW_END)), end)
        prints[heading_id] = digest(start, end)
    return prints


Fingerprints = dict[str, dict[str, dict[str, str]]]  # edition code → page → section id ("" = page) → digest


@dataclass(frozen=True)
class SectionHistory:
    changed_in: tuple[str, ...]  # the releases whose text of it differs from the release before, oldest first
    unreleased: bool  # today's text differs from the newest release's

    @property
    def last_changed(self) -> str | None:
        return self.changed_in[-1] if self.changed_in else None


def histories(records: Sequence[tuple[str, Mapping[str, str]]], current: Mapping[str, str]) -> dict[str, SectionHistory]:
    """Each current section's history, from (version, that release's fingerprints of the page),
    oldest release first."""
    result: dict[str, SectionHistory] = {}
    for section, digest in current.items():
        previous: str | None = None
        changed: list[str] = []
        for version, prints in records:
            recorded = prints.get(section)
            if recorded is not None and recorded != previous:
                changed.append(version)
            previous = recorded
        result[section] = SectionHistory(tuple(changed), digest != previous)
    return result


def changed_sections(before: Fingerprints, after: Fingerprints) -> dict[str, set[str]]:
    """Page → ids of the sections (and "" for the page) whose text differs or is new, any edition.
    An edition the release before did not have is one change (its entry says so), not every one
    of its sections."""
    changed: dict[str, set[str]] = {}
    for code, pages in after.items():
        if code not in before:
            continue
        for page, prints in pages.items():
            old = before[code].get(page, {})
            ids = {section for section, digest in prints.items() if old.get(section) != digest}
            if ids:
                changed.setdefault(page, set()).update(ids)
    return changed


def to_list(changed: Mapping[str, set[str]], parents: Mapping[str, Mapping[str, str]], generated: Iterable[str] = ()) -> list[str]:
    """The fewest entries that cover every changed section: each changed section with no changed
    section inside it (listing it covers the sections it is part of), or the page where only text
    outside any section changed. Generated pages are left out: their sources' changes imply them."""
    implied = set(generated)
    found: list[str] = []
    for page, ids in sorted(changed.items()):
        if page in implied:
            continue
        inside = {parents.get(page, {}).get(i, "") for i in ids}
        deepest = sorted(i for i in ids if i and i not in inside)
        found += [f"{page}#{i}" for i in deepest] if deepest else [page]
    return found


def unchanged_listed(changed: Mapping[str, set[str]], release: Release) -> list[str]:
    """The sections an entry lists whose text did not change (in any edition)."""
    wrong = []
    for change in release.changes:
        for section in change.sections:
            page, _, section_id = section.partition("#")
            if section_id not in changed.get(page, set()) if section_id else page not in changed:
                wrong.append(section)
    return wrong


def uncovered(changed: Mapping[str, set[str]], release: Release, parents: Mapping[str, Mapping[str, str]], generated: Iterable[str] = ()) -> list[str]:
    """The changed sections (`page#id`) that the release's entry does not list. An entry for a page
    covers the page; one for a section covers it, its subsections and the sections it is part of
    (`parents`: page → id → the id of the section it is in). Generated pages need no entry."""
    pages: set[str] = set()
    listed: dict[str, set[str]] = {}
    for change in release.changes:
        for section in change.sections:
            page, _, section_id = section.partition("#")
            if section_id:
                listed.setdefault(page, set()).add(section_id)
            else:
                pages.add(page)

    def chain(page: str, section_id: str) -> set[str]:
        found = set()
        while section_id:
            found.add(section_id)
            section_id = parents.get(page, {}).get(section_id, "")
        return found

    implied = set(generated)
    missing = []
    for page, ids in sorted(changed.items()):
        if page in pages or page in implied:
            continue
        named = listed.get(page, set())
        above = set().union(*(chain(page, i) for i in named)) | ({""} if named else set())
        for section_id in sorted(ids):
            if section_id in above or chain(page, section_id) & named:
                continue
            missing.append(f"{page}#{section_id}" if section_id else page)
    return missing


def section_parents(markdown: str) -> dict[str, str]:
    """Heading id → the id of the heading it is under ("" at the top)."""
    stack: list[tuple[int, str]] = []
    parents: dict[str, str] = {}
    for _, level, heading_id, _ in _headings(markdown):
        if not heading_id:
            continue
        while stack and stack[-1][0] >= level:
            stack.pop()
        parents[heading_id] = stack[-1][1] if stack else ""
        stack.append((level, heading_id))
    return parents


# --- The archive of each release -----------------------------------------------------------------
#
# A release is stored as its SHA256SUMS (path → digest of the file as built) and the files
# themselves in one content-addressed store shared by every release (`releases/objects/`), each
# file once, gzipped: a release adds only the files that differ from every earlier one (about 1 MB
# compressed, against 10 MB for a full copy), and each stored byte is still checked against the
# checksums it was cut with. `zcat releases/objects/ab/<digest>.gz | sha256sum` checks one by hand.

OBJECTS = "objects"


@dataclass(frozen=True)
class Archive:
    release: Release
    folder: Path  # releases/<version>/

    @property
    def store(self) -> Path:
        return self.folder.parent / OBJECTS

    def fingerprints(self) -> Fingerprints:
        path = self.folder / FINGERPRINTS
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as problem:
            raise ReleaseError(f"{path}: cannot read the release's fingerprints ({problem})") from None
        return dict(data["editions"])

    def manifest(self, shown: str) -> dict[str, str]:
        """Path in the release → the SHA-256 of its bytes as cut."""
        try:
            text = (self.folder / CHECKSUMS).read_text(encoding="utf-8")
        except OSError:
            raise ReleaseError(f"{shown}/{CHECKSUMS}: missing: release '{self.release.version}' cannot be checked") from None
        return {path: digest for digest, path in (line.split("  ", 1) for line in text.splitlines())}

    def read(self, digest: str) -> bytes:
        return gzip.decompress(object_path(self.store, digest).read_bytes())


def archives(releases: Sequence[Release], root: Path) -> list[Archive]:
    """The cut releases (those with a folder under `root`), oldest first."""
    return [Archive(r, root / r.version) for r in reversed(releases) if (root / r.version / FINGERPRINTS).is_file()]


def _files(folder: Path) -> Iterator[Path]:
    return (p for p in sorted(folder.rglob("*")) if p.is_file())


def checksums(site: Path) -> str:
    """SHA256SUMS of a built site (`sha256sum` format, paths relative to it)."""
    return "".join(f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(site).as_posix()}\n" for p in _files(site))


def object_path(store: Path, digest: str) -> Path:
    return store / digest[:2] / f"{digest}.gz"


def store_files(site: Path, store: Path) -> int:
    """Put every file of a built site into the store (those not there yet); returns how many were new.
    Each object is written beside its place and renamed into it: a store never holds half a file."""
    added = 0
    for path in _files(site):
        data = path.read_bytes()
        target = object_path(store, hashlib.sha256(data).hexdigest())
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.partial")
        partial.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))  # mtime 0: the same file, the same bytes
        partial.rename(target)
        added += 1
    return added


def _checked(archive: Archive, shown: str) -> Iterator[tuple[str, bytes]]:
    """Each file of the archive (path, bytes), failing on the first one that is not what was cut."""
    manifest = archive.manifest(shown)
    for path, digest in sorted(manifest.items()):
        where = object_path(Path(shown).parent / OBJECTS, digest)  # as the reader sees the folder
        try:
            data = archive.read(digest)
        except (OSError, EOFError, gzip.BadGzipFile) as problem:
            raise ReleaseError(
                f"{shown}/{CHECKSUMS}: {path}: cannot read {where.as_posix()} ({problem}): release '{archive.release.version}' is incomplete"
            ) from None
        if hashlib.sha256(data).hexdigest() != digest:
            raise ReleaseError(
                f"{where.as_posix()}: {path} differs from {shown}/{CHECKSUMS}: release '{archive.release.version}' changed after it was cut"
            )
        yield path, data


def verify(archive: Archive, shown: str) -> None:
    """Fail unless every stored file of the archive is byte for byte what was cut."""
    for _ in _checked(archive, shown):
        pass


def publish(archive: Archive, target: Path, site_url: str, shown: str = "") -> int:
    """Write an archive into the built site, checked byte for byte, with two changes only: the
    placeholder address becomes the site's own, and each page's head gains its Memento links."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    token = ADDRESS_TOKEN.encode()
    count = 0
    for path, data in _checked(archive, shown or archive.folder.as_posix()):
        destination = target / path
        destination.parent.mkdir(parents=True, exist_ok=True)
        if destination.suffix in _TEXT_SUFFIXES and token in data:
            data = data.replace(token, base.encode())
        if _is_page(path):
            data = data.replace(b"<head>", b"<head>" + memento_links(archive.release, base, page_dir(path)).encode(), 1)
        destination.write_bytes(data)
        count += 1
    _write_sitemaps(target, archive_url(base, archive.release.version))
    return count


# --- Memento (RFC 7089): each archived page names the page it is a version of, and a TimeMap -----

TIMEMAP = "timemap.link"
TIMEMAP_TYPE = "application/link-format"


def _is_page(path: str) -> bool:
    return path.endswith("index.html")


def page_dir(path: str) -> str:
    """`en/problems/coordination/index.html` → `en/problems/coordination/` (the page's address)."""
    return path.removesuffix("index.html")


def _memento_date(release: Release) -> str:
    moment = datetime.datetime.combine(release.date, datetime.time(), tzinfo=datetime.UTC)
    return email.utils.format_datetime(moment, usegmt=True)


def memento_links(release: Release, base: str, page: str) -> str:
    """The head links of an archived page: the current page (original), itself (memento, with the
    release's date) and the page's TimeMap."""
    original = html_attr(base + page)
    return (
        f'<link rel="original" href="{original}">'
        f'<link rel="memento" href="{html_attr(archive_url(base, release.version) + page)}" datetime="{_memento_date(release)}">'
        f'<link rel="timemap" type="{TIMEMAP_TYPE}" href="{html_attr(base + page + TIMEMAP)}">'
    )


def write_timemaps(site_dir: Path, cut: Sequence[Archive], site_url: str, shown: Callable[[Archive], str]) -> int:
    """A TimeMap (`application/link-format`) beside each current page that an archive holds,
    listing every release of it, oldest first."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    versions: dict[str, list[Release]] = {}
    for archive in cut:
        for path in archive.manifest(shown(archive)):
            if _is_page(path):
                versions.setdefault(page_dir(path), []).append(archive.release)
    for page, releases in versions.items():
        first, last = releases[0], releases[-1]
        links = [
            f'<{base}{page}>;rel="original"',
            f'<{base}{page}{TIMEMAP}>;rel="self";type="{TIMEMAP_TYPE}";from="{_memento_date(first)}";until="{_memento_date(last)}"',
        ]
        for number, release in enumerate(releases):
            rel = " ".join(n for n, on in (("first", number == 0), ("last", number == len(releases) - 1)) if on)
            links.append(f'<{archive_url(base, release.version)}{page}>;rel="{(rel + " ") if rel else ""}memento";datetime="{_memento_date(release)}"')
        target = site_dir / page / TIMEMAP
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(",\n".join(links) + "\n", encoding="utf-8")
    return len(versions)


SITEMAP = "sitemap.xml"


def _page_address(path: str) -> str:
    return path.removesuffix("index.html") if path == "index.html" or path.endswith("/index.html") else path


def _write_sitemaps(archive: Path, address: str) -> None:
    """A sitemap for each edition of a published archive (the folders with a search index): the
    theme's language switch reads it to stay on the same page. An archive keeps none as cut (it
    would carry the placeholder address); robots.txt names none of these, and the pages are noindex."""
    roots = sorted((index.parent.parent for index in archive.rglob("search/search_index.json")), key=lambda p: -len(p.parts))
    claimed: set[Path] = set()
    for root in roots:
        pages = [p for p in sorted(root.rglob("*.html")) if p.name != "404.html" and not any(p.is_relative_to(r) for r in claimed)]
        claimed.add(root)
        locs = "".join(f"<url><loc>{html_attr(address + _page_address(p.relative_to(archive).as_posix()))}</loc></url>" for p in pages)
        (root / SITEMAP).write_text(
            f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>\n',
            encoding="utf-8",
        )


def archive_url(site_root: str, version: str) -> str:
    """An archived release's root under a site root."""
    return f"{site_root}{ARCHIVE_PREFIX}{version}/"


# --- The change log page -------------------------------------------------------------------------

def changes_markdown(
    releases: Sequence[Release],
    *,
    language: str,
    texts: Mapping[str, str],
    link_text: Callable[[str], str],
    convert: Callable[[str], str],
    date: Callable[[datetime.date], str],
    archive_href: Callable[[str], str | None],
) -> str:
    """The "Changes" page: every release, newest first, each change linking the sections it touched
    (`link_text("page.md#id")` gives "Page › Section"; it raises ReleaseError for a missing one)."""

    def said(pair: Mapping[str, str]) -> str:
        return md_text(convert(pair[language]))

    lines = ["---", "generated: true", f"title: {json.dumps(texts['page_title'], ensure_ascii=False)}", "---", "",
             f"# {md_text(texts['page_title'])} {{ #changes }}", "", md_text(texts["intro"]), ""]
    for release in releases:
        lines += [f"## {release.version} {{ #{release.anchor} }}", "", said(release.summary), ""]
        href = archive_href(release.version)
        released = md_text(texts["released"].format(date=date(release.date)))
        lines += [f'{released}' + (f' · <a href="{html_attr(href)}">{md_text(texts["archive"])}</a>' if href else ""), ""]
        for change in release.changes:
            targets = texts["sections_separator"].join(f"[{md_text(link_text(s))}]({s})" for s in change.sections)
            lines += [f"- {said(change.what)}", f"    {md_text(texts['why'])}{said(change.why)}",
                      f"    {md_text(texts['sections'])}{targets}", ""]
    return "\n".join(lines) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|])")


def md_text(text: str) -> str:
    """Plain text made safe inside Markdown (no markup, no HTML)."""
    return _MD_SPECIAL.sub(r"\\\1", text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def html_attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
