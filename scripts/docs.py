#!/usr/bin/env python3
"""The project's one CLI; every subcommand is a thin wrapper around a hetao_docs module.

    python scripts/docs.py serve [--port 8000]   build all editions and serve them with live reload
    python scripts/docs.py build [--site-dir D] [--offline-zip Z]
                                                 strict build of all editions, swapped into place atomically
                                                 (with Z: the offline zip is published as downloads/hetao-offline.zip)
    python scripts/docs.py offline [--output Z]  zip of the whole site for file:// (default dist/hetao-offline.zip)
    python scripts/docs.py contract --check|--update [--site-dir D] [--allow-removals]
                                                 published section links vs. contract/published-links.txt
    python scripts/docs.py linkcheck SITE_DIR    every internal link and #fragment of a built site resolves
    python scripts/docs.py release --check       what changed since the newest release, as its entry's sections: list
    python scripts/docs.py release VERSION        cut the change log's newest entry: check it lists every changed
                                                 section (and only those) and that the contract holds, keep the
                                                 release as built in releases/ (published at /releases/VERSION/)
    python scripts/docs.py terms [--edition E] [--out DIR] [--check]
                                                 validate the term base; write (or with --check: compare)
                                                 the generated glossary, index and exports in DIR/<edition>/
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
EDITIONS = ROOT / "data" / "editions.yml"
sys.path.insert(0, str(ROOT))  # this project's hetao_docs (if it has one), as its build processes import

from hetao_docs.editions import load_editions  # noqa: E402 - after ROOT, which it needs

if TYPE_CHECKING:
    from hetao_docs.linkcheck import SiteIndex


def build_site(site_dir: Path, extra_env: Mapping[str, str] | None = None, *, quiet: bool = False) -> SiteIndex | None:
    """The strict build of every edition (hetao_docs/site_builder.py) into `site_dir`: the index of
    its pages (the link contract's check), or None if it failed."""
    from hetao_docs.site_builder import SiteBuildError, build

    _log_mkdocs(quiet)
    try:
        return build(ROOT, site_dir, {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}, quiet=quiet, index=True)
    except SiteBuildError as error:
        print(error, file=sys.stderr)
        return None


def _log_mkdocs(quiet: bool) -> None:
    """MkDocs' and our messages on stderr, as `mkdocs build` prints them."""
    import logging

    from hetao_docs.site_builder import LOG_FORMAT

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    logger = logging.getLogger("mkdocs")
    logger.handlers = [handler]
    logger.setLevel(logging.WARNING if quiet else logging.INFO)
    logger.propagate = False


def serve_command(args: argparse.Namespace) -> int:
    """Every edition built and served with live reload; any edit rebuilds every edition."""
    from hetao_docs.site_builder import serve

    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    _log_mkdocs(quiet=False)
    serve(ROOT, "127.0.0.1", args.port)
    return 0


def build_command(args: argparse.Namespace) -> int:
    """Strict build into a staging dir beside the site dir, swapped in only if it succeeded."""
    from hetao_docs.hosting_build import build_into_place

    extra_env: dict[str, str] = {}
    if args.offline_zip:
        offline_zip = Path(args.offline_zip).resolve()
        if not offline_zip.is_file():
            print(f"build: {offline_zip} does not exist; run `python scripts/docs.py offline` first", file=sys.stderr)
            return 1
        extra_env["HETAO_OFFLINE_ZIP"] = str(offline_zip)

    def built_and_contracted(staging: Path) -> bool:
        """The strict build, and every published page#anchor in the link contract (a new anchor is a
        promise: `contract --update` records it; a release cut adds it and says so)."""
        from hetao_docs.links import check_contract

        site = build_site(staging, extra_env)
        if site is None:
            return False
        result = check_contract(ROOT / "contract" / "published-links.txt", site)
        if not result.ok:
            print("\n".join(result.messages), file=sys.stderr)
        return result.ok

    site_dir = ROOT / args.site_dir
    if build_into_place(site_dir, built_and_contracted):
        print(f"build: all editions built into {site_dir}")
        return 0
    print(f"build: the build failed; {site_dir} was left as it was", file=sys.stderr)
    return 1


def offline_command(args: argparse.Namespace) -> int:
    """Build the whole site for file:// into a temp dir, check it, zip it."""
    import tempfile

    from hetao_docs.offline import OFFLINE_ENV, OfflineSiteError, check_offline_site, not_needed_offline, zip_site

    output = ROOT / args.output
    with tempfile.TemporaryDirectory(prefix="hetao-offline-") as scratch:
        site_dir = Path(scratch) / "site"
        if build_site(site_dir, OFFLINE_ENV, quiet=True) is None:
            print("offline: the strict build failed", file=sys.stderr)
            return 1
        try:
            check_offline_site(site_dir, load_editions(EDITIONS).prefixes)
        except OfflineSiteError as error:
            print(f"offline: {error}", file=sys.stderr)
            return 1
        count = zip_site(site_dir, output, leave_out=not_needed_offline(site_dir))
    print(f"offline: {count} files, {output.stat().st_size // 1024} KB -> {output}")
    return 0


def contract_command(args: argparse.Namespace) -> int:
    """Check or regenerate the link contract against a built site (a fresh strict build if none given)."""
    import tempfile

    from hetao_docs.linkcheck import SiteIndex
    from hetao_docs.links import check_contract, count_by_edition, edition_prefixes, read_contract, update_contract

    contract_file = Path(args.contract)
    with tempfile.TemporaryDirectory(prefix="hetao-contract-") as scratch:
        site_dir = Path(args.site_dir) if args.site_dir else Path(scratch) / "site"
        site = SiteIndex(site_dir) if args.site_dir else build_site(site_dir, quiet=True)
        if site is None:
            print("contract: the strict build failed; fix it first", file=sys.stderr)
            return 1
        if args.update:
            result = update_contract(contract_file, site, args.allow_removals)
        else:
            result = check_contract(contract_file, site)
        prefixes = edition_prefixes(site_dir)
    print("\n".join(result.messages))
    counts = count_by_edition(read_contract(contract_file), prefixes)
    print("per edition: " + ", ".join(f"{prefix or '(primary) /'} {count}" for prefix, count in counts.items()))
    return 0 if result.ok else 1


def linkcheck_command(args: argparse.Namespace) -> int:
    """Every internal href/src of every HTML file resolves to a file, every #fragment to an id."""
    from hetao_docs.linkcheck import check_site

    report = check_site(Path(args.site_dir), args.site_url)
    for line in report.broken:
        print(line)
    print(report.summary())
    return 0 if report.ok else 1


def release_command(args: argparse.Namespace) -> int:
    """Cut a release, or with --check say what its entry must list (hetao_docs/release_cut.py)."""
    from hetao_docs.release_cut import CutError, check_changes, cut_release

    def strict_build(site_dir: Path, extra_env: Mapping[str, str]) -> bool:
        return build_site(site_dir, extra_env, quiet=True) is not None

    if bool(args.check) == bool(args.version):
        print("release: give VERSION to cut it, or --check to see what changed", file=sys.stderr)
        return 2
    try:
        print(check_changes(ROOT, strict_build) if args.check else cut_release(ROOT, args.version, strict_build))
    except CutError as error:
        print(f"release: {error}", file=sys.stderr)
        return 1
    return 0


def terms_command(args: argparse.Namespace) -> int:
    """Validate data/terms.yaml and generate the term pages and exports (what the build hook does)."""
    from hetao_docs.terms.cli import run

    editions = load_editions(EDITIONS)
    codes = [args.edition] if args.edition else list(editions.codes)
    return run(ROOT, editions, codes, Path(args.out).resolve() if args.out else None, args.check)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="docs.py", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="build all editions and serve them with live reload")
    serve.add_argument("--port", type=int, default=8000)
    build = sub.add_parser("build", help="strict build of all editions into site/")
    build.add_argument("--site-dir", default="site")
    build.add_argument("--offline-zip", help="publish this offline zip (from `offline`) with the site")
    offline = sub.add_parser("offline", help="zip of the whole site that works from file://")
    offline.add_argument("--output", default="dist/hetao-offline.zip")
    contract = sub.add_parser("contract", help="check or update contract/published-links.txt")
    mode = contract.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true", help="fail if a contracted link is missing")
    mode.add_argument("--update", action="store_true", help="add the links the built site publishes")
    contract.add_argument("--site-dir", help="a built site to use (default: a fresh strict build)")
    contract.add_argument("--allow-removals", action="store_true", help="drop contracted links that are gone")
    contract.add_argument("--contract", default=str(ROOT / "contract" / "published-links.txt"), help=argparse.SUPPRESS)
    linkcheck = sub.add_parser("linkcheck", help="check every internal link and #fragment of a built site")
    linkcheck.add_argument("site_dir", metavar="SITE_DIR")
    linkcheck.add_argument("--site-url", default=os.environ.get("SITE_URL", "http://127.0.0.1:8000/"),
                           help="absolute URLs under it count as internal (default: $SITE_URL or mkdocs.yml's)")
    release = sub.add_parser("release", help="cut a release: check it, keep it as built in releases/VERSION/")
    release.add_argument("version", metavar="VERSION", nargs="?", help="the change log's newest entry, e.g. 2026.12.1")
    release.add_argument("--check", action="store_true", help="print what changed since the newest release; cut nothing")
    terms = sub.add_parser("terms", help="validate the term base; write or check the generated term files")
    terms.add_argument("--edition", choices=load_editions(EDITIONS).codes, help="one edition (default: all)")
    terms.add_argument("--out", metavar="DIR", help="write the files to DIR/<edition>/ (with --check: compare)")
    terms.add_argument("--check", action="store_true", help="fail on warnings, and on drift from DIR")
    args = parser.parse_args(argv)

    if args.command == "serve":
        return serve_command(args)
    if args.command == "build":
        return build_command(args)
    if args.command == "offline":
        return offline_command(args)
    if args.command == "contract":
        return contract_command(args)
    if args.command == "linkcheck":
        return linkcheck_command(args)
    if args.command == "terms":
        return terms_command(args)
    if args.command == "release":
        return release_command(args)
    return 2


if __name__ == "__main__":
    sys.exit(main())
