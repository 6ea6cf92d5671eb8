"""What belongs to the whole site rather than to one edition, written by the site builder beside the
editions' builds: every cut release as it was cut (releases/<version>/), robots.txt naming every
edition's sitemap, and the offline copy (downloads/hetao-offline.zip). Read from the primary
edition's config (its `hetao` plugin options), written into a folder of its own.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path
from typing import Any

from hetao_docs import carry_over, hosting, links, material
from hetao_docs import editions as editions_mod
from hetao_docs import releases as releases_mod
from hetao_docs.kept import inputs_key

log = logging.getLogger("mkdocs.plugins.hetao")


def write(config: Any, out: Path, share: int = 0, shares: int = 1) -> None:
    """Write the site's parts into `out`. `config`: the primary edition's loaded MkDocs config. With
    `shares` processes writing them, this one publishes every `shares`-th stored release from the
    `share`-th, and the first also writes everything else."""
    from mkdocs.exceptions import PluginError

    options = config.plugins["hetao"].config
    project = Path(config.config_file_path).resolve().parent
    out.mkdir(parents=True, exist_ok=True)
    editions = editions_mod.load_editions(Path(options.editions), os.path.relpath(options.editions, project))
    root = config.site_url or "/"
    # releases: every cut release, as it was cut, under releases/<version>/ (not in the offline copy,
    # nor while a release is being cut)
    if options.releases and not options.archive and config.use_directory_urls and not material.offline_copy(config.plugins):
        releases = releases_mod.load_releases(Path(options.releases), os.path.relpath(options.releases, project))
        cut = releases_mod.archives(releases, project / options.archives)
        published = out / releases_mod.ARCHIVE_PREFIX
        carry, inputs = (carry_over.folder() if shares == 1 else None), ""  # a carried tree is every release
        try:
            if carry is not None:  # under serve: the tree the last rebuild published, if nothing it depends on changed
                inputs = _published_from(Path(options.releases), cut, root)
            if not (carry is not None and inputs and carry_over.reuse(carry, inputs, published)):
                for archive in cut[share::shares]:  # each file checked byte for byte as it is written
                    releases_mod.publish(archive, published / archive.release.version, root, os.path.relpath(archive.folder, project))
                if carry is not None and inputs and cut:
                    carry_over.keep(carry, inputs, published)
            if share == 0:  # beside each page an archive holds, its TimeMap (Memento: every release of it)
                releases_mod.write_timemaps(out, cut, root, lambda a: os.path.relpath(a.folder, project))
        except releases_mod.ReleaseError as error:
            raise PluginError(str(error)) from None
        if cut and share == 0:  # /releases/ itself: the primary edition's change log lists and links every release
            (out / releases_mod.ARCHIVE_PREFIX / "index.html").write_text(
                links.redirect_page(releases_mod.ARCHIVE_PREFIX, releases_mod.CHANGES_PAGE.removesuffix(".md") + "/", root), encoding="utf-8"
            )
    if share != 0:
        return
    # hosting: robots.txt and the offline copy live once, at the root of the whole site
    (out / "robots.txt").write_text(hosting.robots_txt(root, [f"{e.prefix}sitemap.xml" for e in editions]), encoding="utf-8")
    if options.offline_zip:
        target = out / hosting.OFFLINE_ZIP_PATH
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(options.offline_zip, target)


def _published_from(changes: Path, cut: list[releases_mod.Archive], root: str) -> str:
    """The key of everything the published archives are made from: the publishing code, the site's
    address, the change log (the releases' dates), each archive's checksums and the size and time
    of each stored object they name (one changed since it was checked is checked again). "" (no
    reuse) when any of it cannot be read: publishing then says what is wrong."""
    code = [Path(module.__file__ or "").read_bytes() for module in (releases_mod, carry_over)] + [Path(__file__).read_bytes()]
    try:
        parts = [*code, root.encode(), changes.read_bytes()]
        for archive in cut:
            sums = (archive.folder / releases_mod.CHECKSUMS).read_bytes()
            parts += [archive.release.version.encode(), sums]
            for line in sums.decode("utf-8").splitlines():
                stat = releases_mod.object_path(archive.store, line.split("  ", 1)[0]).stat()
                parts.append(f"{stat.st_size} {stat.st_mtime_ns}".encode())
    except (OSError, UnicodeDecodeError):
        return ""
    return inputs_key(parts)

