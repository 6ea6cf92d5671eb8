#!/usr/bin/env python3
"""What a release costs to keep: cut two scratch releases in a clone and print the bytes each adds.

    python scripts/benchmark_release_storage.py

In a temporary clone of HEAD: change one sentence of one section, add a change-log entry, cut the
release (`docs.py release`), commit; then again. For each release it prints what it added to the
checkout (files under releases/), to the packed repository (`git gc`, then the pack's size), and
to the deployed site (a hosting build before and after). Nothing in this checkout is touched.
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = "docs/zh/outlook.md"


def run(cwd: Path, *cmd: str) -> str:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(cmd, cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def tree_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def pack_bytes(clone: Path) -> int:
    run(clone, "git", "gc", "--quiet", "--aggressive", "--prune=now")
    return tree_bytes(clone / ".git" / "objects")


def site_bytes(clone: Path) -> int:
    run(clone, sys.executable, "scripts/docs.py", "build", "--site-dir", "site")
    return tree_bytes(clone / "site")


def cut(clone: Path, version: str, day: datetime.date) -> str:
    """Change one sentence of one section, list it, cut."""
    page = clone / PAGE
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("。", f"（{version}）。", 1), encoding="utf-8")
    check = run(clone, sys.executable, "scripts/docs.py", "release", "--check")
    sections = [line.split("- ", 1)[1] for line in check.splitlines() if line.startswith("          - ")]
    changelog = clone / "data" / "releases.yml"
    entry = (
        f'  - version: "{version}"\n    date: {day.isoformat()}\n    summary: {{zh: 试验版本, en: A scratch release}}\n'
        f"    changes:\n      - sections: [{', '.join(sections)}]\n        what: {{zh: 改了一句, en: One sentence}}\n"
        f"        why: {{zh: 测量, en: To measure}}\n"
    )
    log = changelog.read_text(encoding="utf-8")
    head, _, rest = log.partition("releases:\n")
    changelog.write_text(f"{head}releases:\n{entry}{rest}", encoding="utf-8")
    message = run(clone, sys.executable, "scripts/docs.py", "release", version)
    run(clone, "git", "add", "-A")
    run(clone, "git", "-c", "user.name=bench", "-c", "user.email=bench@invalid", "commit", "-qm", f"release {version}")
    return message.strip().splitlines()[-1]


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="hetao-release-storage-") as scratch:
        clone = Path(scratch) / "clone"
        run(ROOT, "git", "clone", "--quiet", "--no-local", str(ROOT), str(clone))
        venv = ROOT / ".venv"
        if venv.exists():
            (clone / ".venv").symlink_to(venv)
        # a release's entry must fall in its version's month; scratch versions of the newest month
        newest = run(clone, sys.executable, "-c", "import yaml;print(yaml.safe_load(open('data/releases.yml'))['releases'][0]['version'])").strip()
        year, month = (int(x) for x in newest.split(".")[:2])
        day = datetime.date(year, month, 28)
        base = [tree_bytes(clone / "releases"), pack_bytes(clone), site_bytes(clone)]
        print(f"start: releases/ {base[0] / 1e6:.2f} MB in the checkout, .git/objects {base[1] / 1e6:.2f} MB, deployed site {base[2] / 1e6:.2f} MB")
        for number in (90, 91):
            version = f"{year}.{month:02d}.{number}"
            summary = cut(clone, version, day)
            now = [tree_bytes(clone / "releases"), pack_bytes(clone), site_bytes(clone)]
            added = [(b - a) / 1e6 for a, b in zip(base, now)]
            print(f"{version}: checkout +{added[0]:.2f} MB, packed repository +{added[1]:.2f} MB, deployed site +{added[2]:.2f} MB")
            print(f"    {summary}")
            base = now
    return 0


if __name__ == "__main__":
    sys.exit(main())
