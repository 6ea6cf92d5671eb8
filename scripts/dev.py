#!/usr/bin/env python3
"""One-command set-up for a fresh machine that has only Python 3.11+.

    python3 scripts/dev.py serve    # create .venv, install pinned deps, build all editions, serve with live reload
    python3 scripts/dev.py test     # create .venv, install pinned dev deps, Chromium and Node; ruff, mypy, the whole test suite
    python3 scripts/dev.py test -m unit   # ... or one tier (unit: no build, no browser; site; browser)
    python3 scripts/dev.py test --js      # the JavaScript unit tier only (`test` runs it before pytest; --no-js skips it)
    python3 scripts/dev.py build    # the hosting build (strict, all editions, atomic swap into site/)

Only the standard library is used here, because this runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
VENV_PYTHON = VENV / "bin" / "python"
CHROMIUM = Path("/usr/bin/chromium")
NGINX = Path("/usr/sbin/nginx")
# Debian packages the browser tests need: the browser, a CJK font for screenshots, and the web
# server that serves the built site with its shipped configuration (tests/test_serving.py).
APT_PACKAGES = ["chromium", "fonts-noto-cjk", "nginx"]
NODE_PACKAGES = ["nodejs"]  # the JavaScript unit tier (Node's test runner, 18 or later)


def run(*cmd: str | Path, **kwargs: object) -> None:
    print("+", " ".join(map(str, cmd)), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, cwd=ROOT, **kwargs)  # type: ignore[arg-type]


def ensure_venv(requirements: str) -> None:
    """Create .venv and install the pinned requirements, skipping work when nothing changed."""
    if not VENV_PYTHON.exists():
        run(sys.executable, "-m", "venv", VENV)
    req_files = [ROOT / "requirements.txt", ROOT / requirements, ROOT / "pyproject.toml"]
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in req_files)).hexdigest()
    stamp = VENV / f".installed-{requirements}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    run(VENV_PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", requirements)
    run(VENV_PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps", "-e", ".")
    stamp.write_text(digest)


def ensure_chromium() -> None:
    """Install Debian's Chromium and nginx for the browser and serving tests (Playwright cannot
    download browsers here)."""
    if not (CHROMIUM.exists() and NGINX.exists()):
        apt_install(APT_PACKAGES, f"{CHROMIUM} or {NGINX} is missing")


def ensure_node() -> str:
    """Debian's Node.js for the JavaScript unit tier; its path."""
    if not shutil.which("node"):
        apt_install(NODE_PACKAGES, "node is missing")
    return shutil.which("node") or sys.exit("dev.py: node is missing after installing nodejs")


def apt_install(packages: list[str], why: str) -> None:
    prefix: list[str] = [] if os.geteuid() == 0 else ["sudo"]
    if prefix and not shutil.which("sudo"):
        sys.exit(f"dev.py: {why}; install it with: apt-get install {' '.join(packages)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run(*prefix, "apt-get", "update", "-qq", env=env)
    run(*prefix, "apt-get", "install", "-y", "-qq", *packages, env=env)


def js_tier() -> int:
    """The JavaScript unit tier: case tables from the Python definitions, then Node's test runner
    on the shipped scripts (tests/js/)."""
    node = ensure_node()
    if in_venv("tests/js/make_cases.py") != 0:
        return 1
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests" / "js").glob("*.test.js"))  # named: Node 22 reads globs, not folders
    print("+ node --test", " ".join(files), flush=True)
    return subprocess.call([node, "--test", *files], cwd=ROOT)


def in_venv(*args: str) -> int:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.call([str(VENV_PYTHON), *args], cwd=ROOT, env=env)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "serve"
    rest = argv[1:]
    if command == "serve":
        ensure_venv("requirements.txt")
        return in_venv("scripts/docs.py", "serve", *rest)
    if command == "build":
        ensure_venv("requirements.txt")
        return in_venv("scripts/docs.py", "build", *rest)
    if command == "test":
        ensure_venv("requirements-dev.txt")
        if "--js" in rest:
            return js_tier()
        ensure_chromium()
        for check in (("-m", "ruff", "check", "."), ("-m", "mypy")):  # lint and types first: seconds
            if in_venv(*check) != 0:
                return 1
        # the workflows' security audit (pinned actions, minimal permissions, no template injection)
        if subprocess.call([str(VENV / "bin" / "zizmor"), "--offline", "--quiet", ".github/workflows/"], cwd=ROOT) != 0:
            return 1
        if "--no-js" in rest:
            rest.remove("--no-js")
        elif js_tier() != 0:
            return 1
        return in_venv("-m", "pytest", *rest)
    sys.exit(f"dev.py: unknown command {command!r}; use serve, build or test")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
