"""Builds the whole site: every edition in a process of its own, in parallel, then what spans them.

    site_builder.build(project, site_dir)   one strict build of every edition into site_dir

Each edition is one ordinary MkDocs build of its own config (data/editions.yml names it) into a
folder of a scratch directory; beside them, more processes write what belongs to the whole site
rather than to an edition (`site_parts.py`: the stored releases, each process a share of them,
robots.txt, the offline zip). Each process then passes over what it wrote (site_finish.py: page
policy, .gz copies, page index). When all have succeeded, the folders are moved together: the
primary edition's at the root, each other edition's under its prefix, the site's parts on top. If
any fails, nothing is assembled and the caller's site is left as it was
(`hosting_build.build_into_place` swaps a complete build in).

Cross-edition data passes through files in the scratch directory: each edition's build writes its
sections' fingerprints there (`fingerprints_out`), and the release cut reads them merged.

The processes start warm: they are forked from a fork server that has already imported MkDocs,
Material, the Markdown extensions and jieba's dictionary (hetao_docs/_warm.py), which would cost
each of them ~1.8 s. The fork server lives as long as this process, so `docs.py serve` pays for it
once; `docs.py build` starts it while it reads the edition table. Our own modules are imported
fresh by every build process: an edit of our code shows on the next rebuild, without a restart.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from hetao_docs import carry_over, project_files
from hetao_docs.editions import Edition, load_editions

if TYPE_CHECKING:
    from hetao_docs.linkcheck import SiteIndex

_PARTS = "site"  # the scratch folder of what spans editions (an edition's folder is its code)
# A hosted build's site parts are written by this many processes, each publishing a share of the
# stored releases: publishing and finishing them all took one process ~0.8 s longer than any
# edition's build, while the other core had nothing left to do. Other builds publish no releases
# (the offline copy, a release's archive) or carry them over whole (serve): one process.
PARTS_SHARES = 2
_FINISHED = ".finished.pickle"  # beside a process's folder: what its last pass found (site_finish.Finished)
_server: subprocess.Popen[str] | None = None
_serving: list[bool] = []  # serve() sets it: the fork server then also warms what cache misses need
_server_lock = threading.Lock()
log = logging.getLogger("mkdocs.hetao.site")
POLLING_INTERVAL = 0.1  # seconds between two scans of serve's watched folders
LOG_FORMAT = "%(levelname)-8s-  %(message)s"  # MkDocs' own: "WARNING -  …", "ERROR   -  …"


class SiteBuildError(Exception):
    """An edition or the site's parts failed to build; the message names which (details were logged)."""


@dataclass(frozen=True)
class Job:
    """One process's work: an edition's build (`edition` set) or the site's parts (`edition` None)."""

    project: str
    config: str  # the MkDocs config, relative to the project
    out: str  # where it writes
    site_url: str  # "" keeps the config's own
    env: Mapping[str, str]  # the whole environment of the build (the configs read !ENV)
    edition: str | None
    strict: bool = True
    quiet: bool = False  # warnings and errors only
    # the last pass over what it wrote (site_finish.Finish): page policy, .gz copies, page index
    policy: bool = False
    compress: bool = False
    index: bool = False
    share: int = 0  # the site's parts: this process publishes every `shares`-th stored release from the `share`-th
    shares: int = 1


def _warm_server(project: str) -> subprocess.Popen[str]:
    """The fork server (hetao_docs/_warm.py), started on first use; it ends when this process does."""
    global _server
    if _server is None or _server.poll() is not None:
        _server = subprocess.Popen(
            [sys.executable, "-m", "hetao_docs._warm", *(["--serve"] if _serving else [])],
            cwd=project, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        atexit.register(_stop_server, _server)
    return _server


def _stop_server(server: subprocess.Popen[str]) -> None:
    """Close its input (it ends) and wait for it: its builds' CPU time is then counted as ours."""
    if server.stdin is not None:
        server.stdin.close()
    server.wait()


def build(
    project: Path, site_dir: Path, env: Mapping[str, str] | None = None, *, strict: bool = True, quiet: bool = False,
    site_url: str | None = None, finish: bool = True, index: bool = False,
) -> SiteIndex | None:
    """Build every edition of `project` and the site's parts into `site_dir` (emptied first).
    `env`: the environment the configs are read in (default: this process's); `site_url`: the
    whole site's, instead of the primary config's (serve: the local address); `finish`: every
    page's policy and, for a hosted build, the `.gz` copies and the server configurations (not
    under serve); `index`: return the index of the site's pages (the link contract's check)."""
    project = project.resolve()
    with _server_lock:
        _warm_server(str(project))  # it warms up while the jobs are prepared
    # imported once the server is starting, not with this module: ~0.1 s before every build's editions
    from hetao_docs import reading_build, serving, site_finish
    from hetao_docs.linkcheck import SiteIndex

    environment = dict(os.environ if env is None else env)
    editions = load_editions(project / project_files.EDITIONS, project_files.EDITIONS)
    started = time.monotonic()
    offline = environment.get("HETAO_OFFLINE", "false").lower() == "true"
    archive = bool(environment.get("HETAO_ARCHIVE"))  # a release being cut
    hosted = finish and not archive and not offline  # not the offline copy, not a release's archive
    what = site_finish.Finish(policy=finish, compress=hosted, index=index)
    finished = site_finish.Finished()
    with tempfile.TemporaryDirectory(prefix=".hetao-build-", dir=site_dir.resolve().parent) as scratch_name:
        scratch = Path(scratch_name)
        prints_out = environment.pop("HETAO_FINGERPRINTS_OUT", "")
        root = site_url or environment.get("SITE_URL") or _config_site_url(project, editions.primary)
        root = root if root.endswith("/") else root + "/"
        jobs = [
            Job(
                str(project), edition.config, str(scratch / edition.code), root + edition.prefix,
                {**environment, "HETAO_FINGERPRINTS_OUT": str(scratch / f"{edition.code}.fingerprints.json")},
                edition.code, strict, quiet, what.policy, what.compress, what.index,
            )
            for edition in editions
        ]
        shares = PARTS_SHARES if hosted else 1
        jobs += [
            Job(str(project), editions.primary.config, str(scratch / _parts(share)), root, environment, None, strict, quiet,
                what.policy, what.compress, what.index, share, shares)
            for share in range(shares)
        ]
        failed = _run(jobs)
        if failed:
            raise SiteBuildError(f"build: failed: {', '.join(failed)}; nothing was published")
        if prints_out:
            _merge_fingerprints([scratch / f"{e.code}.fingerprints.json" for e in editions], Path(prints_out))
        if what:  # what each process's last pass found, its files named from the site's root
            for edition in editions:
                finished.merge(site_finish.Finished.load(scratch / (edition.code + _FINISHED)), edition.prefix)
            for share in range(shares):
                finished.merge(site_finish.Finished.load(scratch / (_parts(share) + _FINISHED)))
        _assemble(scratch, list(editions), site_dir, shares)
    kept = project / project_files.BUILD_CACHE  # what the steps below keep by their inputs (kept.py)
    # pages side by side, 404 pages that work anywhere (reading_build.py); a release's archive keeps
    # no pairs (derived from its pages, they would double what every release stores: release_cut.py)
    if not archive:
        written = reading_build.after_editions(
            site_dir, editions, project / project_files.STRINGS, project / editions.primary.docs_dir, not offline, root, kept,
        )
        if what:
            finished.merge(site_finish.finish_files(site_dir, written, what, kept))
    if hosted:  # the server configurations: the site's policy is every page's hashes (serving.py)
        serving.write_configs(site_dir, urlsplit(root).path or "/", finished.site_policy())
    if not quiet:
        log.info("build: %d editions and the site's parts in %.1f s", len(editions), time.monotonic() - started)
    return SiteIndex(site_dir, pages=finished.pages) if index else None


def _config_site_url(project: Path, primary: Edition) -> str:
    """The primary config's site_url (its !ENV default), read without loading MkDocs."""
    import yaml
    from yaml_env_tag import construct_env_tag  # type: ignore[import-untyped]

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", construct_env_tag)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: None)
    with (project / primary.config).open(encoding="utf-8") as stream:
        return str(yaml.load(stream, Loader=Loader).get("site_url") or "/")


def _run(jobs: list[Job]) -> list[str]:
    """Run every job in a process of its own, all at once (the OS shares the cores); the failed ones' names."""
    with _server_lock:
        server = _warm_server(jobs[0].project)
        assert server.stdin is not None and server.stdout is not None
        server.stdin.write(json.dumps([asdict(job) for job in jobs]) + "\n")
        server.stdin.flush()
        answer = server.stdout.readline()
    codes = json.loads(answer) if answer else [1] * len(jobs)
    return [
        f"the {job.edition} edition ({job.config})" if job.edition else "the site's parts"
        for job, code in zip(jobs, codes, strict=True) if code != 0
    ]


def run_job(job: Job) -> int:
    """In a build process forked by the fork server: run the job; non-zero (the error logged) if it fails."""
    os.environ.clear()
    os.environ.update(job.env)
    os.chdir(job.project)
    _log_to_stderr(logging.WARNING if job.quiet else logging.INFO)
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, BuildError, ConfigurationError

    try:
        config = load_config(
            config_file=os.path.join(job.project, job.config), site_dir=job.out, strict=job.strict,
            **({"site_url": job.site_url} if job.site_url else {}),
        )
        if job.edition is None:
            from hetao_docs import site_parts

            site_parts.write(config, Path(job.out), job.share, job.shares)
        else:
            from mkdocs.commands.build import build as mkdocs_build

            mkdocs_build(config)
        from hetao_docs import site_finish

        last_pass = site_finish.Finish(job.policy, job.compress, job.index)
        if last_pass:  # beside the other processes, each of its own folder (kept in its own part of the cache)
            kept = Path(job.project, project_files.BUILD_CACHE, job.edition or _parts(job.share))
            site_finish.finish_folder(Path(job.out), last_pass, kept).save(Path(job.out + _FINISHED))
    except (Abort, BuildError, ConfigurationError) as error:
        what = f"the {job.edition} edition" if job.edition else "the site's parts"
        logging.getLogger("mkdocs").error(f"{job.config}: {what} failed to build" + (f": {error}" if str(error) else ""))
        return 1
    return 0


def _log_to_stderr(level: int) -> None:
    """MkDocs' messages as `mkdocs build` prints them (without colours); ours name their file."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    logger = logging.getLogger("mkdocs")
    logger.handlers = [handler]
    logger.setLevel(level)
    logger.propagate = False


def _merge_fingerprints(parts: list[Path], target: Path) -> None:
    """Every edition's fingerprints and section parents in the one file a release cut reads."""
    merged: dict[str, dict[str, object]] = {"editions": {}, "parents": {}}
    for part in parts:
        data = json.loads(part.read_text(encoding="utf-8"))
        for key in merged:
            merged[key].update(data[key])
    target.write_text(json.dumps(merged, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def _parts(share: int) -> str:
    """The scratch folder (and build cache folder) of a share of the site's parts."""
    return _PARTS if share == 0 else f"{_PARTS}-{share}"


def _assemble(scratch: Path, editions: list[Edition], site_dir: Path, shares: int = 1) -> None:
    """The editions' folders and the site's parts moved into one site (renames, no copies)."""
    if site_dir.exists():
        shutil.rmtree(site_dir)
    os.rename(scratch / editions[0].code, site_dir)
    for edition in editions[1:]:
        _move_into(scratch / edition.code, site_dir / edition.prefix)
    for share in range(shares):
        _move_into(scratch / _parts(share), site_dir)


def _move_into(source: Path, target: Path) -> None:
    """Move `source`'s tree into `target`, merging folders; two files at one path is a bug."""
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        os.rename(source, target)
        return
    if not (source.is_dir() and target.is_dir()):
        raise SiteBuildError(f"build: {target} is written twice (by an edition and by the site's parts)")
    for entry in sorted(source.iterdir()):
        _move_into(entry, target / entry.name)


# --- serve ---------------------------------------------------------------------------------------

def serve(project: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Build every edition and serve the site with live reload; after any edit of the pages, the
    data, the configs or our package (code, templates, assets), build every edition again (into a
    staging folder swapped in: a failed rebuild leaves the last good site served)."""
    from importlib import resources
    from urllib.parse import urlsplit

    from mkdocs.livereload import LiveReloadServer, _serve_url

    from hetao_docs.hosting_build import build_into_place, discard_later

    project = project.resolve()
    _serving.append(True)
    editions = load_editions(project / project_files.EDITIONS, project_files.EDITIONS)
    mount_path = urlsplit(os.environ.get("SITE_URL") or _config_site_url(project, editions.primary)).path or "/"
    serve_url = _serve_url(host, port, mount_path)
    site_dir = Path(tempfile.mkdtemp(prefix="mkdocs_"))
    # the published release archives, kept between rebuilds while nothing they come from changes (carry_over.py)
    carry = Path(tempfile.mkdtemp(prefix="hetao-serve-carry-"))

    def built(staging: Path) -> bool:
        environment = {**os.environ, carry_over.CARRY_ENV: str(carry)}
        build(project, staging, environment, site_url=serve_url, finish=False)  # the dev server adds an inline script of its own
        return True

    def rebuild() -> None:
        try:
            build_into_place(site_dir, built, discard_later)  # the last site deleted while the browsers reload
        except SiteBuildError as error:
            log.error("%s; still serving the last good build", error)

    # the watched folders are polled every 0.1 s, not MkDocs' 0.5 s: an edit waited 0.25 s on average
    # before its rebuild started; a scan of them costs ~2 ms of CPU (~200 files)
    server = LiveReloadServer(
        builder=rebuild, host=host, port=port, root=str(site_dir), mount_path=mount_path, polling_interval=POLLING_INTERVAL,
    )

    def error_page(code: int) -> bytes | None:
        page = site_dir / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    try:
        rebuild()
        watched = {project / "data", project / "contract", *(project / e.docs_dir for e in editions), *(project / e.config for e in editions)}
        for path in sorted(watched):
            if path.exists():
                server.watch(str(path))
        server.watch(str(resources.files("hetao_docs")))  # our code, templates and assets, wherever installed
        try:
            server.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)
        shutil.rmtree(carry, ignore_errors=True)
