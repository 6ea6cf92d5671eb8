"""The GitHub workflows: pinned actions, minimal permissions, nothing expanded into a shell."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
_PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s+[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(?:\.\d+)*\s*$")


def test_zizmor_finds_nothing_in_the_workflows() -> None:
    zizmor = Path(sys.executable).parent / "zizmor"
    result = subprocess.run([str(zizmor), "--offline", "--quiet", "--format", "plain", ".github/workflows/"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_action_is_pinned_to_a_commit_with_its_version() -> None:
    for workflow in WORKFLOWS:
        for line in workflow.read_text().splitlines():
            if re.match(r"^\s*(?:-\s+)?uses:", line):
                assert _PINNED.match(line), f"{workflow.name}: {line.strip()}"


def test_permissions_are_granted_per_job_and_checkout_keeps_no_credentials() -> None:
    for workflow in WORKFLOWS:
        data = yaml.safe_load(workflow.read_text())
        assert data["permissions"] == {}, workflow.name
        for name, job in data["jobs"].items():
            assert "write-all" not in str(job.get("permissions")), f"{workflow.name}: {name}"
            for step in job["steps"]:
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, f"{workflow.name}: {name}"
                assert "${{" not in step.get("run", ""), f"{workflow.name}: {name}: {step.get('name')}"
