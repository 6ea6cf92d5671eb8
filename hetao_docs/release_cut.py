"""Cutting a release (`python scripts/docs.py release VERSION`): one command, all checks first.

`docs.py release --check` builds today's site and prints what changed since the newest cut release
as a ready-to-paste `sections:` list; it writes nothing. A cut:

1. The change log's newest entry is VERSION, and VERSION has not been cut (a release never changes).
2. The archive is built (strict, all editions) at its own address, `releases/VERSION/`, with the
   placeholder address `releases.ADDRESS_TOKEN`; the same build records every section's fingerprint.
3. Something changed since the release before; every section whose text changed is listed in the
   entry (generated pages are implied by their sources; a new edition is one change), and every
   section the entry lists did change.
4. The link contract holds in the archive: every contracted link of the current site resolves
   under `releases/VERSION/`.
5. Only then are the release's files added to the shared store `releases/objects/` (each file
   once, gzipped) and `releases/VERSION/` written (SHA256SUMS, fingerprints, the links it serves),
   in one rename; the contract gains the archive's links and any new link of the current site
   (said in the summary), and CITATION.cff the version and date.

Plain Python; the build itself is passed in (`scripts/docs.py` runs MkDocs).
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hetao_docs import releases as releases_mod
from hetao_docs.linkcheck import SiteIndex
from hetao_docs.links import ROOT_PATH, missing_links, published_links, read_contract, write_contract

# Not kept in an archive: source maps (for developers), and the sitemaps and robots.txt (an archive
# is not indexed; the gzipped sitemap would also keep the placeholder address).
_LEFT_OUT = ("*.map", "sitemap.xml", "sitemap.xml.gz", "robots.txt")

Build = Callable[[Path, Mapping[str, str]], bool]  # (site dir, extra environment) → built strictly?


def _not_archived(link: str) -> bool:
    """Pages an archive does not keep: the side-by-side pairs, made from the editions' pages (an
    archive's own pages are the text as cited; keeping the pairs too would double each release)."""
    from hetao_docs.side_by_side import FOLDER

    return link.startswith(f"{FOLDER}/") or f"/{FOLDER}/" in link


class CutError(Exception):
    """The release cannot be cut; one line per problem."""


@dataclass(frozen=True)
class Built:
    """A strict build of the site with every section's fingerprint."""

    site: Path
    recorded: dict[str, Any]  # {"editions": Fingerprints, "parents": edition → page → id → parent id}

    @property
    def parents(self) -> dict[str, dict[str, str]]:
        merged: dict[str, dict[str, str]] = {}
        for pages in self.recorded["parents"].values():
            for page, found in pages.items():
                merged.setdefault(page, {}).update(found)
        return merged


@contextmanager
def _built(scratch: Path, build: Build, env: Mapping[str, str], what: str) -> Iterator[Built]:
    prints_file = scratch / releases_mod.FINGERPRINTS
    site = scratch / "site"
    if not build(site, {**env, "HETAO_FINGERPRINTS_OUT": str(prints_file)}):
        raise CutError(f"{what}: the strict build failed (see above)")
    yield Built(site, json.loads(prints_file.read_text(encoding="utf-8")))


def _generated_pages() -> tuple[str, ...]:
    from hetao_docs.terms.build import GENERATED_PAGES  # the term engine: only when a release is checked

    return (*GENERATED_PAGES, releases_mod.CHANGES_PAGE)


def check_changes(project: Path, build: Build, *, changelog: str = "data/releases.yml", archives: str = "releases") -> str:
    """What changed since the newest cut release, as the `sections:` list its entry needs."""
    try:
        releases = releases_mod.load_releases(project / changelog, changelog)
    except releases_mod.ReleaseError as error:
        raise CutError(str(error)) from None
    earlier = releases_mod.archives(releases, project / archives)
    if not earlier:
        return "release --check: no release has been cut yet: the first one lists the pages it publishes"
    previous = earlier[-1]
    with tempfile.TemporaryDirectory(prefix="hetao-release-check-") as scratch, _built(Path(scratch), build, {}, "release --check") as built:
        changed = releases_mod.changed_sections(previous.fingerprints(), built.recorded["editions"])
        sections = releases_mod.to_list(changed, built.parents, _generated_pages())
        implied = sorted(page for page in changed if page in _generated_pages())
    if not sections and not implied:
        return f"release --check: nothing changed since {previous.release.version}: there is nothing to release"
    lines = [f"release --check: {len(sections)} sections changed since {previous.release.version}; paste under `sections:` "
             "and give each group of them a `what` and a `why` (a section covers the sections it is part of):"]
    lines += [f"          - {section}" for section in sections]
    if implied:
        lines.append(f"also changed, implied by their sources (list them only if the change is theirs): {', '.join(implied)}")
    return "\n".join(lines)


def cut_release(project: Path, version: str, build: Build, *, changelog: str = "data/releases.yml",
                archives: str = "releases", contract: str = "contract/published-links.txt") -> str:
    """Cut `version`; returns a one-line summary, raises CutError."""
    try:
        releases = releases_mod.load_releases(project / changelog, changelog)
    except releases_mod.ReleaseError as error:
        raise CutError(str(error)) from None
    newest = releases[0]
    if newest.version != version:
        raise CutError(f"{changelog}: the newest entry is '{newest.version}': add an entry for '{version}' (what changed, where, why) first")
    folder = project / archives / version
    if folder.exists():
        raise CutError(f"{archives}/{version}: already cut; a published release never changes (cut a new version)")
    earlier = releases_mod.archives(releases, project / archives)
    contract_links = [link for link in read_contract(project / contract) if not link.startswith(releases_mod.ARCHIVE_PREFIX) and not _not_archived(link)]
    if not contract_links:
        raise CutError(f"{contract}: no contract; run `python scripts/docs.py contract --update` first")

    (project / archives).mkdir(parents=True, exist_ok=True)
    env = {
        "SITE_URL": releases_mod.archive_url(releases_mod.ADDRESS_TOKEN, version),
        "HETAO_ARCHIVE": f"v{version}",  # "v": MkDocs' !ENV would read 2026.12 as a number
    }
    # the staging folder sits beside the archives, so that the last step is one rename
    with tempfile.TemporaryDirectory(prefix=f".cut-{version}-", dir=project / archives) as scratch, \
            _built(Path(scratch), build, env, f"release {version}") as built:
        site = built.site
        if earlier:
            _check_entry(changelog, newest, earlier[-1], built)
        for pattern in _LEFT_OUT:
            for path in site.rglob(pattern):
                path.unlink()
        broken = missing_links(contract_links, SiteIndex(site))
        if broken:
            link, reason = broken[0]
            raise CutError(f"{contract}: {link} does not resolve in release {version}: {reason} ({len(broken)} links)")
        new_links = sorted(link for link in published_links(SiteIndex(site)) - set(contract_links) if not _not_archived(link))
        staging = Path(scratch) / version
        staging.mkdir()
        (staging / releases_mod.FINGERPRINTS).write_text(json.dumps(built.recorded, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        (staging / releases_mod.CHECKSUMS).write_text(releases_mod.checksums(site), encoding="utf-8")
        current_links = sorted({*contract_links, *new_links})
        archived_links = [f"{releases_mod.ARCHIVE_PREFIX}{version}/{link.removeprefix(ROOT_PATH)}" for link in current_links]
        (staging / releases_mod.CONTRACT_COPY).write_text("".join(f"{link}\n" for link in current_links), encoding="utf-8")
        files = sum(1 for p in site.rglob("*") if p.is_file())
        size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        stored = releases_mod.store_files(site, project / archives / releases_mod.OBJECTS)  # content-addressed: safe before the rename
        staging.rename(folder)
    write_contract(project / contract, [*read_contract(project / contract), *new_links, *archived_links])
    update_citation_file(project / "CITATION.cff", newest)
    added = f"; {len(new_links)} new links of the current site added to {contract}" if new_links else ""
    return (f"release {version}: cut into {archives}/{version}/ ({files} files, {size // 1024} KB; {stored} new in "
            f"{archives}/{releases_mod.OBJECTS}/); {len(archived_links)} archived links{added}. Commit both.")


def _check_entry(changelog: str, entry: releases_mod.Release, previous: releases_mod.Archive, built: Built) -> None:
    where = f"{changelog}: release '{entry.version}': field 'changes'"
    since = previous.release.version
    changed = releases_mod.changed_sections(previous.fingerprints(), built.recorded["editions"])
    if not changed:
        raise CutError(f"{where}: nothing changed since {since}: there is nothing to release")
    missing = releases_mod.uncovered(changed, entry, built.parents, _generated_pages())
    if missing:
        raise CutError(f"{where}: these sections changed since {since} and are not listed: {', '.join(missing)} "
                       "(`docs.py release --check` prints the list)")
    unchanged = releases_mod.unchanged_listed(changed, entry)
    if unchanged:
        raise CutError(f"{where}: these listed sections did not change since {since}: {', '.join(unchanged)}")


_CFF_VERSION = re.compile(r'^version: .*$', re.MULTILINE)
_CFF_DATE = re.compile(r"^date-released: .*$", re.MULTILINE)


def update_citation_file(path: Path, release: releases_mod.Release) -> None:
    """CITATION.cff names the newest release (its top-level `version` and `date-released`)."""
    if not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    text = _CFF_VERSION.sub(f'version: "{release.version}"', text, count=1)
    text = _CFF_DATE.sub(f"date-released: {release.date.isoformat()}", text, count=1)
    path.write_text(text, encoding="utf-8")
