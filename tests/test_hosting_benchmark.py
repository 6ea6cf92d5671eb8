"""Helpers of the budget benchmark (hetao_docs.benchmark); the figures come from scripts/benchmark_budgets.py."""

from __future__ import annotations

import gzip
import urllib.request
from pathlib import Path

from devtools.benchmark import Results, lighthouse_failures, lighthouse_metrics, lighthouse_scores, serve_folder


def test_server_gzips_text_like_a_static_host_and_counts_bytes(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<p>数据跨境</p>" * 200, encoding="utf-8")
    (tmp_path / "a.png").write_bytes(b"\x89PNG" + bytes(100))
    with serve_folder(tmp_path) as served:
        request = urllib.request.Request(served.url, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            body = response.read()
        assert gzip.decompress(body).decode("utf-8") == "<p>数据跨境</p>" * 200
        with urllib.request.urlopen(served.url + "a.png") as response:
            assert response.headers["Content-Encoding"] is None
    assert served.transferred == {"/": len(body), "/a.png": 104}


def test_lighthouse_report_reading() -> None:
    report = {
        "categories": {
            key: {"score": score, "auditRefs": [{"id": f"{key}-audit", "weight": 1}, {"id": "unweighted", "weight": 0}]}
            for key, score in (("performance", 0.87), ("accessibility", 1), ("best-practices", 1), ("seo", 1))
        },
        "audits": {
            "performance-audit": {"score": 0.5},
            "accessibility-audit": {"score": 1},
            "best-practices-audit": {"score": None},
            "seo-audit": {"score": 1},
            "unweighted": {"score": 0},
        },
    }
    assert lighthouse_scores(report) == {"performance": 87, "accessibility": 100, "best-practices": 100, "seo": 100}
    assert lighthouse_failures(report) == ["performance: performance-audit (0.50)"]


def test_lighthouse_metrics_are_medians() -> None:
    def report(fcp: float, lcp: float, tbt: float) -> dict:
        values = {"first-contentful-paint": fcp, "largest-contentful-paint": lcp, "total-blocking-time": tbt}
        return {"audits": {audit: {"numericValue": value} for audit, value in values.items()}}

    reports = [report(1200, 1500, 100), report(1400, 2500, 300), report(1300, 1600, 150)]
    assert lighthouse_metrics(reports) == "FCP 1.30 s, LCP 1.60 s, TBT 150 ms"


def test_results_markdown_has_date_machine_and_targets() -> None:
    results = Results("2026-11-24 18:00 UTC", {"cpu": "AMD EPYC, 2 cores"})
    results.add("build time ratio", "1.12", "≤ 1.3", True)
    results.add("serve rebuild", "3.1 s")
    text = results.markdown()
    assert "- Date: 2026-11-24 18:00 UTC" in text and "- Cpu: AMD EPYC, 2 cores" in text
    assert "| build time ratio | 1.12 | ≤ 1.3 | yes |" in text
    assert "| serve rebuild | 3.1 s |  |  |" in text
