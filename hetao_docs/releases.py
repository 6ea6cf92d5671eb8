"""Releases: the change log, each section's fingerprint per release, and the archived releases.

A release is a version (calendar versions: `2026.12`, `2026.12.1`), a date and what changed, in
which sections, and why (`data/releases.yml`, newest first). Cutting one (`scripts/docs.py release`)
records every section's fingerprint in every edition (`releases/<version>/fingerprints.json`) and
keeps the release as built (`releases/<version>/published/`, checked by `SHA256SUMS`), so that:

- every section can say in which release it last changed, and a link copied in release X shows,
  on today's site, that the section has changed since X (and links the text as cited);
- every release stays online at `releases/<version>/`, byte for byte as it was cut.

An archive is built with a placeholder published address (`ADDRESS_TOKEN`), replaced by the
site's own address when the archive is published, so one stored copy serves any host.

Plain Python, no MkDocs import.
"""

from __future__ import annotations

import datetime
import hashlib
import itertools
import json
import re
import shutil
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


_HTML_HEADING = re.compile(r'^<h([1-6])\b[^>]*\bid="([^"]+)"')
_ROW_END = re.compile(r"^</details>")


def _headings(markdown: str) -> list[tuple[int, int, str | None, bool]]:
    """(line index, level, id, raw HTML?) of each heading: Markdown's, and the raw `<hN id>` lines
    of generated pages (a glossary row's entry)."""
    lines = markdown.splitlines()
    found = [(h.line - 1, len(_LEVEL.match(lines[h.line - 1]).group(1)), h.id, False)  # type: ignore[union-attr]
             for h in markdown_headings(markdown) if _LEVEL.match(lines[h.line - 1])]
    for number, line in enumerate(lines):
        match = _HTML_HEADING.match(line)
        if match:
            found.append((number, int(match.group(1)), match.group(2), True))
    return sorted(found)


def section_fingerprints(markdown: str) -> dict[str, str]:
    """A digest of each section's text (its heading to the next heading of its level or higher,
    subsections included; a raw HTML heading's section also ends with its `</details>` row) by
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
            end = next((n for n in range(start + 1, end) if _ROW_END.match(lines[n])), end)
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
    """Page → ids of the sections (and "" for the page) whose text differs or is new, any edition."""
    changed: dict[str, set[str]] = {}
    for code, pages in after.items():
        for page, prints in pages.items():
            old = before.get(code, {}).get(page, {})
            ids = {section for section, digest in prints.items() if old.get(section) != digest}
            if ids:
                changed.setdefault(page, set()).update(ids)
    return changed


def uncovered(changed: Mapping[str, set[str]], release: Release, parents: Mapping[str, Mapping[str, str]]) -> list[str]:
    """The changed sections (`page#id`) that the release's entry does not list. An entry for a page
    covers the page; one for a section covers it, its subsections and the sections it is part of
    (`parents`: page → id → the id of the section it is in)."""
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

    missing = []
    for page, ids in sorted(changed.items()):
        if page in pages:
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

@dataclass(frozen=True)
class Archive:
    release: Release
    folder: Path  # releases/<version>/

    @property
    def site(self) -> Path:
        return self.folder / "published"  # not "site": .gitignore and tooling skip folders of that name

    def fingerprints(self) -> Fingerprints:
        path = self.folder / FINGERPRINTS
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as problem:
            raise ReleaseError(f"{path}: cannot read the release's fingerprints ({problem})") from None
        return dict(data["editions"])


def archives(releases: Sequence[Release], root: Path) -> list[Archive]:
    """The cut releases (those with a folder under `root`), oldest first."""
    return [Archive(r, root / r.version) for r in reversed(releases) if (root / r.version / FINGERPRINTS).is_file()]


def _files(folder: Path) -> Iterator[Path]:
    return (p for p in sorted(folder.rglob("*")) if p.is_file())


def checksums(site: Path) -> str:
    """SHA256SUMS of a built site (`sha256sum` format, paths relative to it)."""
    return "".join(f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(site).as_posix()}\n" for p in _files(site))


def verify(archive: Archive, shown: str) -> None:
    """Fail unless the stored archive is byte for byte what was cut."""
    try:
        expected = (archive.folder / CHECKSUMS).read_text(encoding="utf-8")
    except OSError:
        raise ReleaseError(f"{shown}/{CHECKSUMS}: missing: release '{archive.release.version}' cannot be checked") from None
    actual = checksums(archive.site)
    if actual != expected:
        wanted = dict(line.split("  ", 1)[::-1] for line in expected.splitlines())
        found = dict(line.split("  ", 1)[::-1] for line in actual.splitlines())
        bad = sorted(p for p in wanted.keys() | found.keys() if wanted.get(p) != found.get(p))
        raise ReleaseError(
            f"{shown}/published/{bad[0]}: differs from {shown}/{CHECKSUMS}: release '{archive.release.version}' changed after it was cut ({len(bad)} files)"
        )


def publish(archive: Archive, target: Path, site_url: str) -> int:
    """Copy an archive into the built site, its placeholder address replaced by the site's own."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    token = ADDRESS_TOKEN.encode()
    count = 0
    for path in _files(archive.site):
        destination = target / path.relative_to(archive.site)
        destination.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix in _TEXT_SUFFIXES:
            data = path.read_bytes()
            destination.write_bytes(data.replace(token, base.encode()) if token in data else data)
        else:
            shutil.copyfile(path, destination)
        count += 1
    return count


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
            targets = ", ".join(f"[{md_text(link_text(s))}]({s})" for s in change.sections)
            lines += [f"- {said(change.what)}", f"    {md_text(texts['why'])}{said(change.why)}",
                      f"    {md_text(texts['sections'])}{targets}", ""]
    return "\n".join(lines) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|])")


def md_text(text: str) -> str:
    """Plain text made safe inside Markdown (no markup, no HTML)."""
    return _MD_SPECIAL.sub(r"\\\1", text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def html_attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
