"""The built site served by Debian's nginx with the server block the build writes, below the path
of its published address as GitHub Pages serves it: status codes, headers, precompression, the 404
page, and a reader's visit with no Content-Security-Policy violation."""

from __future__ import annotations

import gzip
import http.client
import os
import re
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import built_site_url
from support.project import EDITIONS
from test_page_policy_browser import Watched

from hetao_docs.serving import HEADERS_FILE, IMMUTABLE, NGINX_FILE, REVALIDATE

NGINX = Path("/usr/sbin/nginx")
SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Nginx:
    def __init__(self, port: int, prefix: str, site: Path) -> None:
        self.port, self.prefix, self.site = port, prefix, site
        self.checked = 0  # headers checked, for the report

    def get(self, path: str, **headers: str) -> tuple[http.client.HTTPResponse, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.request("GET", self.prefix + path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response, body

    def expect_headers(self, response: http.client.HTTPResponse, cache: str) -> None:
        for name in SECURITY_HEADERS:
            assert response.getheader(name), name
        assert response.getheader("Cache-Control") == cache
        assert response.getheader("X-Content-Type-Options") == "nosniff"
        policy = response.getheader("Content-Security-Policy") or ""
        assert policy.startswith("default-src 'self'; script-src 'self' 'sha256-") and "unsafe" not in policy
        assert "frame-ancestors 'self'" in policy
        self.checked += len(SECURITY_HEADERS) + 1


@pytest.fixture(scope="module")
def nginx(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Nginx]:
    """Debian's nginx on a free loopback port, serving `site` below SITE_URL's path with the block
    the build wrote (only `listen` and `root` changed); stopped, with its workers, afterwards."""
    assert NGINX.exists(), f"{NGINX} is missing: install Debian's nginx (python3 scripts/dev.py test does)"
    prefix = urlsplit(built_site_url()).path or "/"
    work = tmp_path_factory.mktemp("nginx")
    root = work / "www"
    (root / prefix.strip("/")).parent.mkdir(parents=True, exist_ok=True)
    if prefix == "/":
        root = site
    else:
        (root / prefix.strip("/")).symlink_to(site, target_is_directory=True)
    port = _free_port()
    block = (site / NGINX_FILE).read_text(encoding="utf-8")
    block, listens = re.subn(r"(?m)^    listen .*;$", f"    listen 127.0.0.1:{port};", block)
    block, roots = re.subn(r"(?m)^    root .*;$", f"    root {root};", block)
    assert listens == roots == 1
    temp = {name: work / name for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")}
    (work / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")  # tmp_path is not readable by nginx's default user
        + f"daemon off;\npid {work / 'nginx.pid'};\nerror_log {work / 'error.log'} warn;\nevents {{}}\nhttp {{\n"
        "    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n    access_log off;\n"
        + "".join(f"    {name}_temp_path {path};\n" for name, path in temp.items())
        + block + "}\n",
        encoding="utf-8",
    )
    process = subprocess.Popen([str(NGINX), "-p", str(work), "-c", str(work / "nginx.conf")],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for _ in range(100):
            assert process.poll() is None, f"nginx did not start:\n{process.stdout.read() if process.stdout else ''}"
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield Nginx(port, prefix, site)
    finally:
        process.terminate()  # SIGTERM: the master stops its workers, then exits
        process.wait(timeout=30)
        if process.stdout:
            process.stdout.close()
    assert not (work / "nginx.pid").exists(), "nginx left its pid file: not stopped cleanly"
    assert str(work) not in subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout


def test_pages_and_indexes_revalidate_hashed_assets_are_immutable(nginx: Nginx) -> None:
    for edition in EDITIONS:
        response, body = nginx.get(edition.prefix)
        assert response.status == 200 and response.getheader("Content-Type") == "text/html; charset=utf-8"
        nginx.expect_headers(response, REVALIDATE)
        assert b'http-equiv="Content-Security-Policy"' in body
        response, _ = nginx.get(f"{edition.prefix}search/search_index.json")
        assert response.status == 200
        nginx.expect_headers(response, REVALIDATE)
        bundle = re.search(rb'src="([^"]*assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js)"', body)
        assert bundle is not None
        response, _ = nginx.get(edition.prefix + bundle.group(1).decode())
        assert response.status == 200 and "javascript" in (response.getheader("Content-Type") or "")
        nginx.expect_headers(response, IMMUTABLE)
    assert nginx.checked == 3 * 3 * (len(SECURITY_HEADERS) + 1)


def test_the_header_policy_is_the_one_the_build_wrote_for_other_hosts(nginx: Nginx) -> None:
    response, _ = nginx.get("")
    headers_file = (nginx.site / HEADERS_FILE).read_text(encoding="utf-8")
    assert f"  Content-Security-Policy: {response.getheader('Content-Security-Policy')}\n" in headers_file


def test_precompressed_copies_are_sent_to_who_accepts_them(nginx: Nginx) -> None:
    plain, plain_body = nginx.get("search/search_index.json")
    packed, packed_body = nginx.get("search/search_index.json", **{"Accept-Encoding": "gzip, br"})
    assert plain.getheader("Content-Encoding") is None and packed.getheader("Content-Encoding") == "gzip"
    assert packed.getheader("Vary") == "Accept-Encoding"
    assert gzip.decompress(packed_body) == plain_body == (nginx.site / "search/search_index.json").read_bytes()
    assert len(packed_body) < len(plain_body) / 3


def test_a_missing_page_gets_the_404_page_and_the_configs_are_not_served(nginx: Nginx) -> None:
    response, body = nginx.get("en/problems/no-such-page/")
    assert response.status == 404 and body == (nginx.site / "404.html").read_bytes()
    nginx.expect_headers(response, REVALIDATE)
    for name in (NGINX_FILE, HEADERS_FILE):
        assert nginx.get(name)[0].status == 404
    last_modified = nginx.get("")[0].getheader("Last-Modified") or ""
    assert nginx.get("", **{"If-Modified-Since": last_modified})[0].status == 304


def test_a_reader_on_nginx_sees_no_policy_violation(nginx: Nginx, browser: Any) -> None:
    context = browser.new_context()
    watched = Watched(context.new_page())
    page = watched.page
    base = f"http://127.0.0.1:{nginx.port}{nginx.prefix}"
    try:
        page.goto(f"{base}en/?q=whitelist")
        page.locator(".md-search-result__item").first.wait_for()
        page.goto(f"{base}problems/data-market/")
        page.locator("article .hetao-cite").first.click()
        page.locator("dialog.hetao-cite-dialog").wait_for()
        response = page.goto(f"{base}zh-hant/no-such-page/")
        assert response is not None and response.status == 404
        page.locator("#hetao-404-query, h1").first.wait_for()
        # the browser logs the 404 status of the page it was sent to; nothing else
        assert [p for p in watched.problems if f"{base}zh-hant/no-such-page/" not in p] == []
    finally:
        context.close()


def test_nginx_is_installed_by_the_test_set_up() -> None:
    from importlib.util import module_from_spec, spec_from_file_location

    spec = spec_from_file_location("dev", Path(__file__).resolve().parent.parent / "scripts" / "dev.py")
    assert spec is not None and spec.loader is not None
    dev = module_from_spec(spec)
    spec.loader.exec_module(dev)
    assert "nginx" in dev.APT_PACKAGES and dev.NGINX == NGINX


def test_every_page_has_its_own_policy_before_any_script(site: Path, offline_site: Path) -> None:
    """Every page of every edition, every served archive and the offline copy: one policy, first in
    <head> after the charset, allowing exactly its own inline scripts and styles, no other host."""
    from hetao_docs.page_policy import inline_hashes, policy

    pages = 0
    for folder in (site, offline_site):
        for path in folder.rglob("*.html"):
            text = path.read_text(encoding="utf-8")
            metas = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', text)
            assert len(metas) == 1, path
            assert text.index("Content-Security-Policy") < text.find("<script") or "<script" not in text, path
            without = text.replace(f'<meta http-equiv="Content-Security-Policy" content="{metas[0]}">\n', "")
            assert metas[0] == policy(inline_hashes(without)), path
            assert not re.search(r"https?:|\*|unsafe", metas[0]), path
            pages += 1
    assert pages > 3 * 17 * 2, pages  # every page of three editions, archives and offline copy
