"""Shared fixtures and the test tiers.

Fixtures: `site` (the real strict build of all editions, once per session), `site_url` (it, served
on 127.0.0.1 under the path of the build's site_url), `offline_site` (`docs.py offline`, unzipped),
`wheel` (`pip wheel .`), `project_copy` / `module_project_copy` (a copy of the project to break,
build or serve), `early_build` (copies of the project a test module edits and builds in the
background: its EARLY_BUILDS), `built_url` (the site_url every build uses: $SITE_URL or mkdocs.yml's default) and
`browser` (Debian's Chromium through Playwright; missing = failure, never a skip). The offline copy
and the wheel are built in the background when a selected test needs them: once the site is built
(or from the session's start when no selected test needs the site). Under pytest-xdist the
workers share the site, the early builds and the offline copy (`shared_folder`, `one_at_a_time`).

Tiers, applied here from the fixtures a test uses (`item.fixturenames` is their closure), never by
hand: `browser` (uses the browser), `site` (uses a real build or a copy of the project to build),
`unit` (everything else: no build, no browser, guarded by support.guard). Run one with `-m unit`,
`-m site` or `-m browser`.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import traceback
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
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
SITE_FIXTURES = frozenset({"site", "site_url", "offline_site", "wheel", "project_copy", "module_project_copy", "early_build"})
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


# The build caches a copy takes along: each file is keyed by what it was made from (the term base's
# text, each text converted or segmented, the library's version), so a stale entry is never used and
# an edit of the copy misses as it would in the project. Not the bytecode (.cache/pycache: by path)
# nor the JavaScript tier's case tables.
BUILD_CACHES = ("*.pickle", "*/*.pickle", "*/pinyin-readings-*.json")


def copy_project(target: Path) -> Path:
    """A copy of the project (symlinks kept: hetao_docs/theme) without .git, .venv, builds and
    caches, but with the build caches of .cache/ (BUILD_CACHES) as far as they exist: each copy's
    build then converts and segments only what it changed, as a second build in the project does."""
    shutil.copytree(ROOT, target, symlinks=True, ignore=NOT_COPIED)
    for pattern in BUILD_CACHES:
        for cached in (ROOT / ".cache").glob(pattern):
            (target / ".cache" / cached.relative_to(ROOT / ".cache")).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cached, target / ".cache" / cached.relative_to(ROOT / ".cache"))
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


def shared_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's folder that every pytest-xdist worker sees (the parent of each worker's own)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextlib.contextmanager
def one_at_a_time(lock: Path) -> Iterator[None]:
    """Holds `lock` (an exclusive lock on the file) while the block runs: one worker at a time."""
    with lock.open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(held, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, _early_builds: EarlyBuilds) -> Path:
    """The whole site (all editions), built once with `docs.py build` (strict): by the first
    worker that needs it, the others waiting for it and reading it."""
    shared = shared_folder(tmp_path_factory)
    site_dir, outcome = shared / "site", shared / "site.outcome.json"
    try:
        with one_at_a_time(shared / "site.lock"):
            if not outcome.exists():
                site_dir.mkdir(exist_ok=True)  # a worker stopped while building may have made it
                result = build_site(site_dir)
                outcome.write_text(json.dumps([result.returncode, output(result)]), encoding="utf-8")
            code, printed = json.loads(outcome.read_text(encoding="utf-8"))
    finally:
        _early_builds.start()  # the site is built: the early builds now share the cores with the tests
    assert code == 0, f"strict build failed:\n{printed}"
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


class _SiteServer(http.server.ThreadingHTTPServer):
    # a host's backlog (nginx: 511), not socketserver's 5: a browser opens several connections at
    # once, and on a loaded machine (the suite on every core) the accept loop can fall behind
    request_queue_size = 128


def serve_folder(folder: Path, mount: str = "/") -> tuple[http.server.ThreadingHTTPServer, str]:
    """`folder` served on a free port of 127.0.0.1 below `mount`; the server and its URL (no final "/")."""
    handler = functools.partial(type("Handler", (_SiteHandler,), {"mount": mount}), directory=str(folder))
    server = _SiteServer(("127.0.0.1", 0), handler)
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


RUNNER = Path(__file__).resolve().parent / "support" / "early_runner.py"
RUNNER_ENDED = "jobs.json.ended"  # written by the runner as it stops, done or not
EARLY_BUILD_WAIT = 1800  # seconds: a runner killed outright (no RUNNER_ENDED) fails the tests waiting for it


@dataclass
class EarlyJob:
    key: str
    cwd: Path
    command: list[str]
    first_use: int  # the position of the first selected test that needs it


class EarlyBuilds:
    """Builds that selected tests will need later, run in the background one after another by
    support/early_runner.py in the order the tests need them (`_early_builds`). Under pytest-xdist
    the workers share one runner in the session's shared folder: the first to start it runs it,
    and every worker waits for a build's exit code file."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.jobs: list[EarlyJob] = []
        self.prepare: dict[str, Callable[[], object]] = {}  # a job's copy and edits of the project, made when the builds start
        self.runner: subprocess.Popen[bytes] | None = None  # the runner, in the worker that started it
        self.started = False

    def start(self) -> None:
        """Start the builds (once per session): at once when no selected test needs the site, else once it is built."""
        if self.started or not self.jobs:
            return
        self.started = True
        with one_at_a_time(self.folder / "start.lock"):
            if (self.folder / "jobs.json").exists():
                return  # another worker started them
            for key, prepare in self.prepare.items():
                try:
                    prepare()
                except Exception:
                    (self.folder / f"{key}.unprepared").write_text(traceback.format_exc(), encoding="utf-8")
            jobs = [
                {"key": job.key, "cwd": str(job.cwd), "command": job.command, "out": str(self.folder / f"{job.key}.out"),
                 "err": str(self.folder / f"{job.key}.err")}
                for job in sorted(self.jobs, key=lambda job: job.first_use) if not (self.folder / f"{job.key}.unprepared").exists()
            ]
            (self.folder / "jobs.json").write_text(json.dumps(jobs), encoding="utf-8")
            self.runner = subprocess.Popen([PYTHON, str(RUNNER), str(self.folder / "jobs.json")], env=project_env(),
                                           stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)

    def project(self, key: str) -> Path:
        """The copy of the project a module's early build `key` edited and built in."""
        return self.folder / key / "project"

    def result(self, key: str) -> subprocess.CompletedProcess[str]:
        """Wait for an early build; how it went (its command, exit code, standard output and error)."""
        self.start()
        out, err, unprepared = (self.folder / f"{key}.out"), (self.folder / f"{key}.err"), (self.folder / f"{key}.unprepared")
        rc, ended = Path(f"{out}.rc"), self.folder / RUNNER_ENDED
        waited = time.monotonic()
        while not (rc.exists() or unprepared.exists()):
            stopped = ended.exists() or (self.runner is not None and self.runner.poll() is not None)
            assert not stopped or rc.exists(), f"the early builds stopped before {key}; {self.folder}"
            assert time.monotonic() - waited < EARLY_BUILD_WAIT, f"{key}: no exit code after {EARLY_BUILD_WAIT} s; {self.folder}"
            time.sleep(0.1)
        if unprepared.exists():
            pytest.fail(f"{key}: preparing its copy of the project failed:\n{unprepared.read_text(encoding='utf-8')}")
        command = next(job["command"] for job in json.loads((self.folder / "jobs.json").read_text(encoding="utf-8")) if job["key"] == key)
        code = int(rc.read_text(encoding="utf-8"))
        return subprocess.CompletedProcess(command, code, out.read_text(encoding="utf-8"), err.read_text(encoding="utf-8"))

    def finished(self, key: str) -> subprocess.CompletedProcess[str]:
        """Wait for an early build that must succeed; the test fails with its output if it did not."""
        result = self.result(key)
        assert result.returncode == 0, f"{key} build failed:\n{output(result)[-6000:]}"
        return result


@pytest.fixture(scope="session", autouse=True)
def _early_builds(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[EarlyBuilds]:
    """Builds that selected tests will need later, run in the background: `docs.py offline` for
    `offline_site`, `pip wheel` (from a copy: setuptools writes build/ and egg-info into the project)
    for `wheel`, and a test module's builds of edited copies of the project (its EARLY_BUILDS:
    fixture name -> a function that edits a fresh copy and returns the build command to run in it;
    the module's fixture of that name takes `early_build` and reads `early_build.finished(name)`).
    When a selected test needs the site they start once it is built (the `site` fixture): its build
    alone keeps the cores busy and the first tests wait for it, while the tests after it leave room;
    else they start as the session starts."""
    folder = shared_folder(tmp_path_factory) / "early"
    folder.mkdir(exist_ok=True)
    early = EarlyBuilds(folder)
    first_use: dict[str, int] = {}
    registered: dict[str, Callable[[Path], list[str]]] = {}
    for position, item in enumerate(request.session.items):
        for name in getattr(item, "fixturenames", ()):
            first_use.setdefault(name, position)
        module = getattr(item, "module", None)
        for name, prepare in getattr(module, "EARLY_BUILDS", {}).items():
            if name in getattr(item, "fixturenames", ()):
                registered.setdefault(name, prepare)

    if "offline_site" in first_use:
        zip_path = early.folder / "offline" / "hetao-offline.zip"
        zip_path.parent.mkdir(exist_ok=True)
        early.jobs.append(EarlyJob("offline", ROOT, [PYTHON, "scripts/docs.py", "offline", "--output", str(zip_path)], first_use["offline_site"]))
    if "wheel" in first_use:
        source = early.folder / "wheel" / "project"
        early.prepare["wheel"] = functools.partial(copy_project, source)
        command = [PYTHON, "-m", "pip", "--disable-pip-version-check", "wheel", "--no-deps", "-w", str(source.parent / "dist"), "."]
        early.jobs.append(EarlyJob("wheel", source, command, first_use["wheel"]))
    for name, prepare in registered.items():
        project = early.project(name)

        def edited_copy(project: Path = project, name: str = name, prepare: Callable[[Path], list[str]] = prepare) -> None:
            copy_project(project)
            next(job for job in early.jobs if job.key == name).command = prepare(project)

        early.prepare[name] = edited_copy
        early.jobs.append(EarlyJob(name, project, [], first_use[name]))
    if "site" not in first_use:
        early.start()
    try:
        yield early
    finally:
        if early.runner is not None:
            # a session cut short ends the build it runs, then itself; another worker may still need them
            if early.runner.poll() is None and (request.session.shouldfail or request.session.shouldstop or not os.environ.get("PYTEST_XDIST_WORKER")):
                early.runner.terminate()
            early.runner.wait()


@pytest.fixture(scope="session")
def early_build(_early_builds: EarlyBuilds) -> EarlyBuilds:
    """The early builds, for a module fixture that reads one of its EARLY_BUILDS (site tier)."""
    return _early_builds


@pytest.fixture(scope="session")
def offline_site(_early_builds: EarlyBuilds) -> Path:
    """`python scripts/docs.py offline` (the whole site for file://), unzipped (by one worker)."""
    _early_builds.finished("offline")
    zip_path = _early_builds.folder / "offline" / "hetao-offline.zip"
    with one_at_a_time(zip_path.parent / "unzip.lock"):
        if not (zip_path.parent / ARCHIVE_FOLDER).exists():
            with zipfile.ZipFile(zip_path) as archive:
                archive.extractall(zip_path.parent / "partial")
            (zip_path.parent / "partial" / ARCHIVE_FOLDER).rename(zip_path.parent / ARCHIVE_FOLDER)
    return zip_path.parent / ARCHIVE_FOLDER


@pytest.fixture(scope="session")
def wheel(_early_builds: EarlyBuilds) -> Path:
    """The project's wheel: `pip wheel --no-deps -w DIR .`."""
    _early_builds.finished("wheel")
    wheels = sorted((_early_builds.folder / "wheel" / "dist").glob("hetao_docs-*.whl"))
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
