#!/usr/bin/env python3
"""Search benchmark: index and term-finder sizes per edition against the raw text, and how fast
the search box answers while typing, on a desktop CPU and with the CPU slowed 4× (a mid-range phone).

    .venv/bin/python scripts/benchmark_search.py [--site-dir DIR]   (default: a fresh strict build in a temp dir)

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from devtools.search_cases import EDITION_PREFIXES, SEARCH_PROBE  # noqa: E402
from hetao_docs.search import plain_text  # noqa: E402

QUERIES = ["白名单", "数据跨境", "bai ming dan", "regulatory sandbox", "公共数据授权运营"]
SETTLED = """query => window.__searchProbe.answered === query"""


def sizes(site: Path) -> None:
    print(f"{'edition':8} {'raw text':>10} {'index':>10} {'index gz':>9} {'finder':>8} {'finder gz':>9}")
    for edition, prefix in EDITION_PREFIXES.items():
        search = site / prefix / "search"
        index = (search / "search_index.json").read_bytes()
        finder = (search / "term_finder.js").read_bytes()
        docs = json.loads(index)["docs"]
        raw = sum(len((plain_text(d["title"]) + plain_text(d["text"])).encode()) for d in docs)
        print(
            f"{edition:8} {raw:>10,} {len(index):>10,} {len(gzip.compress(index)):>9,}"
            f" {len(finder):>8,} {len(gzip.compress(finder)):>9,}   index/raw {len(index) / raw:.2f}"
        )


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def typing_speed(site: Path) -> None:
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for label, slowdown, viewport in [("desktop", 1, (1280, 900)), ("phone (CPU ÷4)", 4, (390, 844))]:
            page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
            page.add_init_script(SEARCH_PROBE)
            cdp = page.context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
            started = time.perf_counter()
            page.goto(url, wait_until="load")
            loaded = time.perf_counter() - started
            page.click("label[for=__search]" if viewport[0] < 600 else "[data-md-component=search-query]")
            page.wait_for_function(SETTLED, arg="", timeout=30_000)
            index_ready = time.perf_counter() - started
            print(f"{label}: page load {loaded * 1000:.0f} ms, search ready {index_ready * 1000:.0f} ms after navigation")
            for query in QUERIES:
                page.fill("[data-md-component=search-query]", "")
                started = time.perf_counter()
                page.keyboard.type(query)
                typed = time.perf_counter()
                page.wait_for_selector(".hetao-term-finder a[href]")
                finder = time.perf_counter()
                page.wait_for_function(SETTLED, arg=query)
                done = time.perf_counter()
                print(
                    f"  {query!r:24} typing {(typed - started) * 1000:5.0f} ms; after the last key: "
                    f"terms {(finder - typed) * 1000:4.0f} ms, full results {(done - typed) * 1000:4.0f} ms"
                )
            page.close()
        browser.close()
    server.shutdown()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path)
    args = parser.parse_args()
    site = args.site_dir
    if site is None:
        site = Path(tempfile.mkdtemp(prefix="hetao-search-bench-"))
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=ROOT, env=env, check=True)
    sizes(site)
    typing_speed(site)
    return 0


if __name__ == "__main__":
    sys.exit(main())
