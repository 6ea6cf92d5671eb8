"""Pieces of the budget benchmark (scripts/benchmark_budgets.py): a gzip static server like real
hosts, reading Lighthouse reports, describing the machine, and writing benchmarks/RESULTS.md.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import platform
import shutil
import statistics
import subprocess
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
_COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder, gzip-compressing text the way static hosts (GitHub Pages, nginx) do.

    Response body bytes are added up per path in `transferred` (counted on the server, because
    browsers do not report the size of worker scripts).
    """

    transferred: dict[str, int]

    def send_head(self):  # type: ignore[no-untyped-def]  # stdlib signature
        response = self._send_head()
        if response is not None:
            key = self.path.split("?")[0]
            size = response.size if isinstance(response, _BytesReader) else _file_size(response)
            self.transferred[key] = self.transferred.get(key, 0) + size
        return response

    def _send_head(self) -> Any:  # what send_head returns: a file-like body or None
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the stdlib redirects /dir to /dir/
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not path.is_file() or not wants_gzip or not content_type.startswith(_COMPRESSED_TYPES):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return _BytesReader(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _BytesReader:
    def __init__(self, data: bytes) -> None:
        self._data = data
        self.size = len(data)

    def read(self, size: int = -1) -> bytes:
        data, self._data = (self._data, b"") if size < 0 else (self._data[:size], self._data[size:])
        return data

    def close(self) -> None:
        pass


def _file_size(response: Any) -> int:
    try:
        return os.fstat(response.fileno()).st_size
    except (OSError, AttributeError, io.UnsupportedOperation):
        return len(response.getvalue()) if hasattr(response, "getvalue") else 0


@dataclass
class ServedFolder:
    url: str  # with a trailing /
    transferred: dict[str, int]  # response body bytes per request path


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[ServedFolder]:
    """Serve `folder` with gzip on a free loopback port."""
    transferred: dict[str, int] = {}
    handler_class = type("CountingGzipHandler", (GzipHandler,), {"transferred": transferred})
    handler = functools.partial(handler_class, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield ServedFolder(f"http://127.0.0.1:{server.server_address[1]}/", transferred)
    finally:
        server.shutdown()
        server.server_close()


def lighthouse_scores(report: dict[str, Any]) -> dict[str, int]:
    """Category scores (0–100) of a Lighthouse JSON report."""
    return {key: round(report["categories"][key]["score"] * 100) for key in LIGHTHOUSE_CATEGORIES}


def lighthouse_failures(report: dict[str, Any]) -> list[str]:
    """Weighted audits that did not pass, as 'category: audit id (score)'."""
    failures = []
    for key in LIGHTHOUSE_CATEGORIES:
        for ref in report["categories"][key]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                failures.append(f"{key}: {ref['id']} ({audit['score']:.2f})")
    return failures


LIGHTHOUSE_METRICS = {
    "first-contentful-paint": "FCP", "largest-contentful-paint": "LCP", "total-blocking-time": "TBT",
}


def lighthouse_metrics(reports: Sequence[dict[str, Any]]) -> str:
    """Median FCP, LCP and TBT of several reports, e.g. "FCP 1.2 s, LCP 1.6 s, TBT 150 ms"."""
    parts = []
    for audit, name in LIGHTHOUSE_METRICS.items():
        value = statistics.median(r["audits"][audit]["numericValue"] for r in reports)
        parts.append(f"{name} {value:.0f} ms" if audit == "total-blocking-time" else f"{name} {value / 1000:.2f} s")
    return ", ".join(parts)


def _command_version(*command: str) -> str:
    if not shutil.which(command[0]):
        return "not found"
    result = subprocess.run(command, capture_output=True, text=True)
    return (result.stdout or result.stderr).strip().splitlines()[0] if result.returncode == 0 else "not found"


def machine_description() -> dict[str, str]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "system": platform.platform(),
        "cpu": f"{cpu}, {os.cpu_count()} cores",
        "load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "python": platform.python_version(),
        "chromium": _command_version("/usr/bin/chromium", "--version"),
        "node": _command_version("node", "--version"),
    }


@dataclass
class Figure:
    name: str
    value: str
    target: str
    met: bool | None  # None: no target to meet


@dataclass
class Results:
    date: str
    machine: dict[str, str]
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    title: str = "Performance budgets: measured results"
    script: str = "scripts/benchmark_budgets.py"

    def add(self, name: str, value: str, target: str = "", met: bool | None = None) -> None:
        self.figures.append(Figure(name, value, target, met))
        print(f"{name}: {value}" + (f"  (target {target}: {'met' if met else 'NOT met'})" if target else ""), flush=True)

    def markdown(self) -> str:
        lines = [
            f"# {self.title}",
            "",
            f"Written by `python {self.script}` (do not edit by hand; run it again).",
            "",
            f"- Date: {self.date}",
            *(f"- {key.capitalize()}: {value}" for key, value in self.machine.items()),
            "",
            "| figure | measured | target | met |",
            "|---|---|---|---|",
        ]
        for figure in self.figures:
            met = "" if figure.met is None else ("yes" if figure.met else "**no**")
            lines.append(f"| {figure.name} | {figure.value} | {figure.target} | {met} |")
        if self.notes:
            lines += ["", "## Notes", "", *(f"- {note}" for note in self.notes)]
        return "\n".join(lines) + "\n"


def ratio(numerator: Sequence[float], denominator: Sequence[float]) -> float:
    """Ratio of medians."""
    return statistics.median(numerator) / statistics.median(denominator)
