"""Cutting a release (`python scripts/docs.py release VERSION`): one command, all checks first.

1. The change log's newest entry is VERSION, and VERSION has not been cut (a release never changes).
2. The archive is built (strict, all editions) at its own address, `releases/VERSION/`, with the
   placeholder address `releases.ADDRESS_TOKEN`; the same build records every section's fingerprint.
3. Every section whose text changed since the release before is listed in the entry.
4. The link contract holds in the archive: every contracted link of the current site resolves
   under `releases/VERSION/`.
5. Only then is `releases/VERSION/` written (site, SHA256SUMS, fingerprints, the links it serves), in
   one rename; the contract gains the archive's links and CITATION.cff the version and date.

Plain Python; the build itself is passed in (`scripts/docs.py` runs MkDocs).
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

from hetao_docs import releases as releases_mod
from hetao_docs.linkcheck import SiteIndex
from hetao_docs.links import ROOT_PATH, missing_links, read_contract, write_contract

# Not kept in an archive: source maps (for developers), and the sitemaps and robots.txt (an archive
# is not indexed; the gzipped sitemap would also keep the placeholder address).
_LEFT_OUT = ("*.map", "sitemap.xml", "sitemap.xml.gz", "robots.txt")

Build = Callable[[Path, Mapping[str, str]], bool]  # (site dir, extra environment) → built strictly?


class CutError(Exception):
    """The release cannot be cut; one line per problem."""


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
    contract_links = [link for link in read_contract(project / contract) if not link.startswith(releases_mod.ARCHIVE_PREFIX)]
    if not contract_links:
        raise CutError(f"{contract}: no contract; run `python scripts/docs.py contract --update` first")

    (project / archives).mkdir(parents=True, exist_ok=True)
    # the staging folder sits beside the archives, so that the last step is one rename
    with tempfile.TemporaryDirectory(prefix=f".cut-{version}-", dir=project / archives) as scratch:
        staging = Path(scratch) / version
        site = staging / "published"
        prints_file = Path(scratch) / releases_mod.FINGERPRINTS
        env = {
            "SITE_URL": releases_mod.archive_url(releases_mod.ADDRESS_TOKEN, version),
            "HETAO_ARCHIVE": f"v{version}",  # "v": MkDocs' !ENV would read 2026.12 as a number
            "HETAO_FINGERPRINTS_OUT": str(prints_file),
        }
        if not build(site, env):
            raise CutError(f"release {version}: the strict build of the archive failed (see above)")
        recorded = json.loads(prints_file.read_text(encoding="utf-8"))
        if earlier:
            before = earlier[-1].fingerprints()
            changed = releases_mod.changed_sections(before, recorded["editions"])
            parents: dict[str, dict[str, str]] = {}
            for pages in recorded["parents"].values():
                for page, found in pages.items():
                    parents.setdefault(page, {}).update(found)
            missing = releases_mod.uncovered(changed, newest, parents)
            if missing:
                raise CutError(
                    f"{changelog}: release '{version}': field 'changes': these sections changed since "
                    f"{earlier[-1].release.version} and are not listed: {', '.join(missing)}"
                )
        for pattern in _LEFT_OUT:
            for path in site.rglob(pattern):
                path.unlink()
        broken = missing_links(contract_links, SiteIndex(site))
        if broken:
            link, reason = broken[0]
            raise CutError(f"{contract}: {link} does not resolve in release {version}: {reason} ({len(broken)} links)")
        (staging / releases_mod.FINGERPRINTS).write_text(json.dumps(recorded, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        (staging / releases_mod.CHECKSUMS).write_text(releases_mod.checksums(site), encoding="utf-8")
        archived_links = [f"{releases_mod.ARCHIVE_PREFIX}{version}/{link.removeprefix(ROOT_PATH)}" for link in contract_links]
        (staging / releases_mod.CONTRACT_COPY).write_text("".join(f"{link}\n" for link in sorted(contract_links)), encoding="utf-8")
        staging.rename(folder)
    write_contract(project / contract, [*read_contract(project / contract), *archived_links])
    update_citation_file(project / "CITATION.cff", newest)
    files = sum(1 for p in (folder / "published").rglob("*") if p.is_file())
    size = sum(p.stat().st_size for p in (folder / "published").rglob("*") if p.is_file())
    return (f"release {version}: cut into {archives}/{version}/ ({files} files, {size // 1024} KB); "
            f"{len(archived_links)} archived links added to {contract}. Commit both.")


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
