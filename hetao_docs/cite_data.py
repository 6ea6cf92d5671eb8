"""The cite data: what hosting.js reads from a page's `#hetao-cite-data` (no MkDocs import).

The cite buttons, the release a citation names and the "changed since" notice run in the
browser, but every value they share with the build is computed here, once, and handed over as
data: the release's change-log anchor (`Release.anchor`), where each release is archived
(`links.ARCHIVE_PREFIX`), the order of the releases (`Release.key`), the release date in the
edition's citation style and the release line (`hosting.format_date`, the `releases` catalog),
and the catalog texts the script shows, by name. hosting.js only adds what the reader's browser
knows: the date of access, the address it is read at, the heading cited.

`tests/js/` runs hosting.js under Node against these values and against `hosting.format_citation`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from hetao_docs import hosting
from hetao_docs.editions import Edition
from hetao_docs.links import ARCHIVE_PREFIX
from hetao_docs.releases import Release
from hetao_docs.section_history import HISTORY_ID
from hetao_docs.strings import CatalogError

# The catalog texts hosting.js shows: `hosting.*` (the cite buttons, the dialog, the citation
# templates, "report an error") and `releases.*` (the release line and the "changed since" notice).
CITE_TEXT_KEYS: Final = (
    "cite_button", "cite_page_button", "cite_label", "cite_page_label", "cite_text_format", "cite_copy",
    "cite_copied", "cite_failed", "cite_close", "citation", "citation_part", "citation_based_on", "citation_archived",
    "report_error", "report_title", "report_body",
)
NOTICE_TEXT_KEYS: Final = (
    "notice", "notice_cited", "notice_changes", "notice_page", "notice_sections", "notice_unknown", "notice_diff",
    "unreleased_short", "release_archive", "release_changes",
)


def _pick(texts: Mapping[str, str], keys: Sequence[str], where: str) -> dict[str, str]:
    missing = [key for key in keys if key not in texts]
    if missing:
        raise CatalogError(f"{where}: missing key '{missing[0]}' (the cite buttons show it)")
    return {key: texts[key] for key in keys}


def edition_cite(hosting_texts: Mapping[str, str], edition: Edition, report: str, where: str = "hosting") -> dict[str, Any]:
    """The edition's part of the cite data (`cite`): its language and citation style, the article's
    fields, the report address and the hosting texts the buttons show."""
    return {
        "english": edition.is_english,
        "lang": edition.lang,
        "edition": edition.label,
        "report": report,
        **hosting.article_fields(edition),
        **_pick(hosting_texts, CITE_TEXT_KEYS, where),
    }


def notice_texts(release_texts: Mapping[str, str], where: str = "releases") -> dict[str, str]:
    """The `releases` texts of the release line and the "changed since" notice (`notice`)."""
    return _pick(release_texts, NOTICE_TEXT_KEYS, where)


@dataclass(frozen=True)
class ReleaseRef:
    """A release as hosting.js orders and links it."""

    version: str
    anchor: str  # its heading id in the change log (Release.anchor)
    archive: str  # its archived copy below the site root ("releases/2026.12/"), "" when this site has none


def release_refs(releases: Iterable[Release], archived_here: Iterable[str]) -> tuple[ReleaseRef, ...]:
    """Every release of the change log, oldest first (Release.key); `archived_here`: the versions
    whose archive the site publishes."""
    kept = set(archived_here)
    return tuple(
        ReleaseRef(r.version, r.anchor, f"{ARCHIVE_PREFIX}{r.version}/" if r.version in kept else "")
        for r in sorted(releases, key=lambda r: r.key)
    )


def release_line_text(release: Release, release_texts: Mapping[str, str], edition: Edition) -> str:
    """"Cited from release X (date)." in the edition's words and date style (the links follow it)."""
    return release_texts["release_line"].format(release=release.version, date=hosting.format_date(release.date, edition))


@dataclass(frozen=True)
class CiteData:
    """One page's `#hetao-cite-data` (`as_json` is what the template serialises)."""

    url: str | None  # the published address without ?release (None: none configured)
    site: str
    own: bool  # the site's own text (glossary, index, change log): no "based on" the article
    release: str  # "" when the build has no release
    release_date: str  # ISO (CSL-JSON, BibTeX, RIS)
    release_date_text: str  # in the edition's citation style (the text citation, the release line)
    release_year: str
    release_line: str  # release_line_text, "" without a release
    release_anchor: str  # the release's heading id in the change log
    releases: tuple[ReleaseRef, ...]  # release_refs: every release, oldest first
    changed: Mapping[str, list[str]]  # section id → the releases it changed in (more than its first)
    unreleased: list[str]  # section ids changed since the last release
    archived: bool  # this build is an archived release
    root: str  # the site root, relative to the page
    published_root: str  # the published site root ("" when none, or in an archive)
    page_path: str  # the page below the site root ("en/source/")
    changes: str  # the change log, relative to the page ("" when none)
    cite: Mapping[str, Any]  # edition_cite
    notice: Mapping[str, str]  # notice_texts ({} without a release)
    page_href: str = ""  # side by side: the side's own page, relative to the pair's page (side_by_side.py sets it)
    history_prefix: str = HISTORY_ID  # a section's history's id is this and the section's (section_history.py)

    def as_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def page_cite_data(
    *, url: str | None, site: str, own: bool, release: Release | None, releases: Iterable[Release], archived_here: Iterable[str],
    edition: Edition, release_texts: Mapping[str, str], changed: Mapping[str, list[str]], unreleased: list[str],
    archived: bool, root: str, published_root: str, page_path: str, changes: str, cite: Mapping[str, Any],
) -> CiteData:
    """The cite data of one page, every derived value computed here."""
    refs = release_refs(releases, archived_here)
    return CiteData(
        url=url, site=site, own=own,
        release=release.version if release else "",
        release_date=release.date.isoformat() if release else "",
        release_date_text=hosting.format_date(release.date, edition) if release else "",
        release_year=str(release.date.year) if release else "",
        release_line=release_line_text(release, release_texts, edition) if release else "",
        release_anchor=release.anchor if release else "",
        releases=refs, changed=changed, unreleased=unreleased, archived=archived, root=root,
        published_root=published_root, page_path=page_path, changes=changes, cite=cite,
        notice=notice_texts(release_texts) if release else {},
    )

