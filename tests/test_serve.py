"""`docs.py serve` in a copy of the project: all three editions served, every kind of edit rebuilt
into every edition it touches, and an edit of our Python code shown on the next rebuild (each
build process imports our code afresh: no restart).

One server for the module (its first build is the slow part); each check polls the served HTML
until a bounded deadline, never a fixed wait. The server is stopped in a finally (SIGINT, as a
reader's Ctrl-C: the server then removes its temporary build folder)."""

from __future__ import annotations

import html
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import PYTHON, built_site_url, project_env
from support.edits import prefix_definition_en, replace_line
from support.project import EDITIONS, hant_phrases, load_hong_kong_table, to_hong_kong
from support.project import terms as term_base

from hetao_docs.hosting import ARTICLE_TITLE_EN

DEADLINE = 90.0  # seconds for one rebuild (or restart) to show; a rebuild takes ~5 s on 2 cores
POLL = 0.2


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    url: str  # the primary edition's root, ending in "/"
    log: Path
    temp: Path  # TMPDIR of the server: where the site builder builds what it serves

    def get(self, path: str) -> str | None:
        """The served page, or None while it cannot be had (the server starting or rebuilding)."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return response.read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return None

    def wait_for(self, path: str, shows: Callable[[str], bool], what: str) -> str:
        """Poll `path` until `shows(html)`; fail with the server's log when the deadline passes."""
        deadline = time.monotonic() + DEADLINE
        while True:
            page = self.get(path)
            if page is not None and shows(page):
                return page
            if self.process.poll() is not None:
                pytest.fail(f"docs.py serve exited ({self.process.returncode}) waiting for {what}:\n{self.log_text()}")
            if time.monotonic() > deadline:
                pytest.fail(f"{self.url}{path}: {what} not shown after {DEADLINE:.0f} s:\n{self.log_text()[-4000:]}")
            time.sleep(POLL)

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path}: {old!r} occurs {text.count(old)} times"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _line_of(path: Path, start: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if line.startswith(start))


def _append(path: Path, markdown: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + markdown + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def server(module_project_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    project = module_project_copy
    temp = tmp_path_factory.mktemp("serve-tmp")
    log = temp.parent / "serve.log"
    port = _free_port()
    # The copy's own hetao_docs is the one imported (cwd and PYTHONPATH), so editing it is editing our code.
    env = project_env({"PYTHONPATH": str(project), "TMPDIR": str(temp)})
    with log.open("wb") as out:
        process = subprocess.Popen(
            [PYTHON, "scripts/docs.py", "serve", "--port", str(port)],
            cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
    # serve mounts the site at the path of site_url (SITE_URL=https://example.org/hetao/ → /hetao/)
    served = Server(process, f"http://127.0.0.1:{port}{urlsplit(built_site_url()).path}", log, temp)
    try:
        yield served
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_serve_serves_every_edition_and_rebuilds_each_after_an_edit(server: Server, module_project_copy: Path) -> None:
    project = module_project_copy
    for edition in EDITIONS:
        server.wait_for(edition.prefix, lambda page, e=edition: f'<html lang="{e.lang}"' in page, f"the {edition.code} home page")
    watched = re.search(r"Watching paths for changes: (.*)", server.log_text())
    assert watched, server.log_text()
    paths = {(project / p.strip("'")).resolve() for p in watched.group(1).split(", ")}
    # the pages of both own-page editions, the term base and catalogs, and our package (wherever installed)
    assert {(project / p).resolve() for p in ("docs/zh", "docs/en", "data", "hetao_docs")} <= paths, paths

    # A page of docs/zh (shown Simplified, and converted for zh-hant), the term base (a definition,
    # in every edition's glossary), a string catalog entry (the English attribution's link, on every
    # English page) and an English page: edited together, all shown after the rebuild.
    sentence = "本句为实时预览测试而加。"
    converted = to_hong_kong(sentence, hant_phrases(term_base()), load_hong_kong_table(project / "data" / "hong-kong.yml"))
    assert converted != sentence
    _append(project / "docs" / "zh" / "background.md", sentence)
    marker = "Edited while serving."
    term = prefix_definition_en(project / "data" / "terms.yaml", marker)
    catalog = project / "data" / "strings" / "en.yml"
    replace_line(catalog, _line_of(catalog, "  attribution_link: "), "  attribution_link: Where this comes from")
    english = "This sentence was added for the live preview test."
    _append(project / "docs" / "en" / "background.md", english)

    server.wait_for("background/", lambda page: sentence in page, "the edited zh page")
    server.wait_for("zh-hant/background/", lambda page: converted in page, "the edited page, converted for zh-hant")
    shown = html.escape(f"{marker} {term.definition_en[:40]}", quote=False)  # as the glossary writes it
    for edition in EDITIONS:
        server.wait_for(f"{edition.prefix}glossary/", lambda page: shown in page, f"the edited definition of {term.id} in the {edition.code} glossary")
    for path in ("en/", "en/problems/coordination/"):
        server.wait_for(path, lambda page: ">Where this comes from</a>" in page, "the edited English string")
    assert ">Where this comes from</a>" not in (server.get("") or "")
    server.wait_for("en/background/", lambda page: english in page, "the edited English page")
    assert server.process.poll() is None


def test_editing_our_code_shows_on_the_next_rebuild_without_a_restart(server: Server, module_project_copy: Path) -> None:
    project = module_project_copy
    which = subprocess.run(
        [PYTHON, "-c", "import hetao_docs; print(hetao_docs.__file__)"],
        cwd=project, env=project_env({"PYTHONPATH": str(project)}), capture_output=True, text=True,
    )
    assert Path(which.stdout.strip()) == project / "hetao_docs" / "__init__.py", "serve would not import the copy's code"
    server.wait_for("en/source/", lambda page: ARTICLE_TITLE_EN in page, "the English source page")
    pid = server.process.pid

    # Each edition's build process imports our code from disk: the edit (the English citation's
    # title) shows on the rebuild it starts, in the same server process.
    edited = ARTICLE_TITLE_EN + " (edited while serving)"
    _edit(project / "hetao_docs" / "hosting.py", f'"{ARTICLE_TITLE_EN}"', f'"{edited}"')
    server.wait_for("en/source/", lambda page: edited in page, "the edited code's output")
    assert server.process.pid == pid and server.process.poll() is None
    for edition in EDITIONS:
        server.wait_for(edition.prefix, lambda page, e=edition: f'<html lang="{e.lang}"' in page, f"the {edition.code} home page after the edit")
    # One temporary folder is served; the staging folders of the rebuilds are gone.
    builds = [entry.name for entry in os.scandir(server.temp) if entry.name.startswith("mkdocs_")]
    assert len(builds) == 1, f"temporary build folders left in {server.temp}: {builds}"


def test_the_release_archives_are_carried_over_between_rebuilds_and_still_served(server: Server, module_project_copy: Path) -> None:
    # By now the server has rebuilt after the edits above: the archives were published once and
    # then linked into each new site from the carry-over folder (carry_over.py), never rewritten.
    versions = sorted(p.name for p in (module_project_copy / "releases").iterdir() if (p / "SHA256SUMS").is_file())
    assert versions
    for version in versions:
        page = server.wait_for(f"releases/{version}/", lambda page: 'rel="memento"' in page, f"the archive of release {version}")
        assert f"/releases/{version}/" in page
    served = [Path(entry.path) for entry in os.scandir(server.temp) if entry.name.startswith("mkdocs_")]
    carried = [Path(entry.path) for entry in os.scandir(server.temp) if entry.name.startswith("hetao-serve-carry-")]
    assert len(served) == 1 and len(carried) == 1, os.listdir(server.temp)
    archived = served[0] / "releases" / versions[-1] / "index.html"
    assert archived.stat().st_nlink >= 2, "the served archive was written again, not carried over"
    assert archived.read_bytes() == (carried[0] / "tree" / versions[-1] / "index.html").read_bytes()
