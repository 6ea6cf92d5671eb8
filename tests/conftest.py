"""Shared fixtures and the test tiers.

Fixtures: `site` (the real strict build of all editions, once per session), `site_url` (it, served
on 127.0.0.1 under the path of the build's site_url), `offline_site` (`docs.py offline`, unzipped),
`wheel` (`pip wheel .`), `project_copy` / `module_project_copy` (a copy of the project to break,
build or serve), `built_url` (the site_url every build uses: $SITE_URL or mkdocs.yml's default) and
`browser` (Debian's Chromium through Playwright; missing = failure, never a skip). The offline copy
and the wheel are built in the background from the session's start when a selected test needs them.

Tiers, applied here from the fixtures a test uses (`item.fixturenames` is their closure), never by
hand: `browser` (uses the browser), `site` (uses a real build or a copy of the project to build),
`unit` (everything else: no build, no browser, guarded by support.guard). Run one with `-m unit`,
`-m site` or `-m browser`.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the tests import devtools/ (dev tooling, not an installed package)

from support.guard import forbid_builds  # noqa: E402 - tests/ is on sys.path like this file

from hetao_docs.offline import ARCHIVE_FOLDER  # noqa: E402

PYTHON = sys.executable
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
# Flags that keep Chromium from reaching for Google's hosts on a machine without network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# What a copy of the project leaves out: version control, environments, builds, caches.
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", "site", ".cache", "dist", "build", "node_modules", "__pycache__", ".pytest_cache",
    ".mypy_cache", ".ruff_cache", "test-artifacts", ".site-staging*", "*.egg-info",
)

BROWSER_FIXTURES = frozenset({"browser"})
SITE_FIXTURES = frozenset({"site", "site_url", "offline_site", "wheel", "project_copy", "module_project_copy"})
TIERS = ("unit", "site", "browser")


# --- the build's site_url ------------------------------------------------------------------------


def built_site_url() -> str:
    """The site_url every build of the tests uses, as mkdocs.yml reads it (`!ENV [SITE_URL, …]`),
    ending in "/". The one place a test learns the built site's URL."""
    url = os.environ.get("SITE_URL", "http://127.0.0.1:8000/")
    return url if url.endswith("/") else url + "/"


@pytest.fixture(scope="session")
def built_url() -> str:
    """The built site's own URL (its site_url): canonical links, hreflang, sitemaps, robots.txt."""
    return built_site_url()


# --- running the project's commands --------------------------------------------------------------


def project_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of a build, serve or CLI run: ours without HETAO_* switches, plus `extra`."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("HETAO_")}
    return {**env, "NO_MKDOCS_2_WARNING": "1", **(extra or {})}


def mkdocs(project: Path, *args: str, env: Mapping[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """`python -m mkdocs ARGS` in `project` (whose hetao_docs/, if it has one, is the one imported)."""
    return subprocess.run(
        [PYTHON, "-m", "mkdocs", *args], cwd=project, env=project_env(env), capture_output=True, text=True, timeout=timeout
    )


def docs_py(project: Path, *args: str, env: Mapping[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """`python scripts/docs.py ARGS` of `project`."""
    return subprocess.run(
        [PYTHON, "scripts/docs.py", *args], cwd=project, env=project_env(env), capture_output=True, text=True, timeout=timeout
    )


def build_site(site_dir: Path, project: Path = ROOT, env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real strict build of all editions of `project` into `site_dir` (`docs.py build`: the site builder)."""
    return docs_py(project, "build", "--site-dir", str(site_dir), env=env)


def output(result: subprocess.CompletedProcess[str]) -> str:
    return f"{result.stdout}\n{result.stderr}"


def copy_project(target: Path) -> Path:
    """A copy of the project (symlinks kept: hetao_docs/theme) without .git, .venv, builds and caches."""
    shutil.copytree(ROOT, target, symlinks=True, ignore=NOT_COPIED)
    return target


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A fresh copy of the project for one test to break and build."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="module")
def module_project_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project shared by one test module (one build for all its tests)."""
    return copy_project(tmp_path_factory.mktemp("module-project") / "project")


# --- the real site -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole site (all editions), built once with `docs.py build` (strict)."""
    site_dir = tmp_path_factory.mktemp("site")
    result = build_site(site_dir)
    assert result.returncode == 0, f"strict build failed:\n{output(result)}"
    return site_dir


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site below `mount` (the path of its site_url), as its host will; 404 elsewhere."""

    mount = "/"

    def translate_path(self, path: str) -> str:
        route = urlsplit(path).path
        if not route.startswith(self.mount):
            return str(Path(str(self.directory)) / ".outside-the-site")
        return super().translate_path("/" + path[len(self.mount):])

    def log_message(self, format: str, *args: object) -> None:
        pass


def serve_folder(folder: Path, mount: str = "/") -> tuple[http.server.ThreadingHTTPServer, str]:
    """`folder` served on a free port of 127.0.0.1 below `mount`; the server and its URL (no final "/")."""
    handler = functools.partial(type("Handler", (_SiteHandler,), {"mount": mount}), directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{mount.rstrip('/')}"


@pytest.fixture(scope="session")
def site_url(site: Path) -> Iterator[str]:
    """The built site served over HTTP on 127.0.0.1 (a free port), below the path of its site_url
    (with SITE_URL=https://example.org/hetao/: http://127.0.0.1:PORT/hetao). No final "/"."""
    server, url = serve_folder(site, urlsplit(built_site_url()).path or "/")
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session", autouse=True)
def _early_builds(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """Builds that selected tests will need later, started in the background as the session starts
    (while the site is built and the first tests run): `docs.py offline` for `offline_site`, and
    `pip wheel` (from a copy: setuptools writes build/ and egg-info into the project) for `wheel`."""
    needed = {name for item in request.session.items for name in getattr(item, "fixturenames", ())}
    started: dict[str, object] = {}

    def start(key: str, folder: Path, command: list[str], cwd: Path, result: Path) -> None:
        log = (folder / f"{key}.log").open("w+", encoding="utf-8")
        process = subprocess.Popen(command, cwd=cwd, env=project_env(), stdout=log, stderr=subprocess.STDOUT, text=True)
        started[key] = (process, log, result)

    if "offline_site" in needed:
        folder = tmp_path_factory.mktemp("offline")
        start("offline", folder, [PYTHON, "scripts/docs.py", "offline", "--output", str(folder / "hetao-offline.zip")], ROOT,
              folder / "hetao-offline.zip")
    if "wheel" in needed:
        folder = tmp_path_factory.mktemp("wheel")
        source = copy_project(folder / "project")
        start("wheel", folder, [PYTHON, "-m", "pip", "--disable-pip-version-check", "wheel", "--no-deps", "-w", str(folder / "dist"), "."],
              source, folder / "dist")
    try:
        yield started
    finally:
        for process, log, _ in started.values():  # type: ignore[misc]
            if process.poll() is None:
                process.kill()
            process.wait()
            log.close()


def _finished(early: dict[str, object], key: str) -> Path:
    """Wait for an early build; its result (a path), or the test fails with its output."""
    process, log, result = early[key]  # type: ignore[misc]
    returncode = process.wait(timeout=600)
    log.seek(0)
    assert returncode == 0, f"{key} build failed:\n{log.read()}"
    return result  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def offline_site(_early_builds: dict[str, object]) -> Path:
    """`python scripts/docs.py offline` (the whole site for file://), unzipped."""
    zip_path = _finished(_early_builds, "offline")
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(zip_path.parent)
    return zip_path.parent / ARCHIVE_FOLDER


@pytest.fixture(scope="session")
def wheel(_early_builds: dict[str, object]) -> Path:
    """The project's wheel: `pip wheel --no-deps -w DIR .`."""
    wheels = sorted(_finished(_early_builds, "wheel").glob("hetao_docs-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


# --- the browser ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright. Missing browser = failure, never a skip."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: install Debian's chromium (python3 scripts/dev.py test does)"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


# --- tiers ---------------------------------------------------------------------------------------


def tier_of(fixture_names: set[str]) -> str:
    if fixture_names & BROWSER_FIXTURES:
        return "browser"
    if fixture_names & SITE_FIXTURES:
        return "site"
    return "unit"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        item.add_marker(tier_of(set(getattr(item, "fixturenames", ()))))


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> object:
    """Importing a test module builds nothing (else `-m unit` would pay for it)."""
    if isinstance(collector, pytest.Module):
        with forbid_builds(f"importing {collector.nodeid}"):
            return (yield)
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> object:
    """A unit test builds nothing and opens no browser (support.guard)."""
    if item.get_closest_marker("unit"):
        with forbid_builds(item.nodeid):
            return (yield)
    return (yield)
