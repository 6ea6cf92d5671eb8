#!/usr/bin/env python3
"""One-command set-up for a fresh machine that has only Python 3.11+.

    python3 scripts/dev.py serve    # create .venv, install pinned deps, build all editions, serve with live reload
    python3 scripts/dev.py test     # create .venv, install pinned dev deps, Chromium and Node; ruff, mypy, the whole test suite
    python3 scripts/dev.py test -m unit   # ... or one tier (unit: no build, no browser; site; browser); pytest on every core, -n 0 in one
    python3 scripts/dev.py test --js      # the JavaScript unit tier only (`test` runs it beside the others; --no-js skips it)
    python3 scripts/dev.py build    # the hosting build (strict, all editions, atomic swap into site/)

Only the standard library is used here, because this runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
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
# pytest on every core (pytest-xdist; `-n 0` runs it in one process): a test file's tests stay in one
# worker, so its module fixtures are made once; the site and the early builds are shared (tests/conftest.py)
PARALLEL = ["--numprocesses", "auto", "--maxprocesses", "4", "--dist", "loadfile"]


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


def js_tier_command() -> list[str]:
    """The JavaScript unit tier, as one shell command: case tables from the Python definitions
    (made again only when what they are made from changed), then Node's test runner on the
    shipped scripts (tests/js/)."""
    node = ensure_node()
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests" / "js").glob("*.test.js"))  # named: Node 22 reads globs, not folders
    make_cases = f"{shlex.quote(str(VENV_PYTHON))} tests/js/make_cases.py"
    return ["sh", "-c", f"{make_cases} && echo '+ node --test {' '.join(files)}' && {shlex.quote(node)} --test {' '.join(files)}"]


def js_tier() -> int:
    return subprocess.call(js_tier_command(), cwd=ROOT, env=venv_env())


def js_tier_beside() -> Callable[[], int]:
    """The JavaScript unit tier started in the background (it needs one core, pytest the other);
    the function returned waits for it, prints its output (kept in .cache/js-tier.log) and gives
    its exit code."""
    log = ROOT / ".cache" / "js-tier.log"
    log.parent.mkdir(exist_ok=True)
    with log.open("wb") as output:  # the child has its own copy of the file
        process = subprocess.Popen(
            js_tier_command(), cwd=ROOT, env=venv_env(), stdout=output, stderr=subprocess.STDOUT,
        )

    def finish() -> int:
        code = process.wait()
        print("\n--- the JavaScript unit tier (run beside the others) ---", flush=True)
        sys.stdout.buffer.write(log.read_bytes())
        sys.stdout.flush()
        print(f"--- the JavaScript unit tier: {'passed' if code == 0 else 'FAILED'} ---", flush=True)
        return code

    return finish


def venv_env() -> dict[str, str]:
    """The environment of what runs in the venv: bytecode kept in .cache/pycache (not beside the
    sources), also where PYTHONDONTWRITEBYTECODE is set: without it every test process, and
    pytest for every test file, compiled our code again."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPYCACHEPREFIX": str(ROOT / ".cache" / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def in_venv(*args: str) -> int:
    env = venv_env()
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
        if "--no-js" in rest:
            rest.remove("--no-js")
            js_finish: Callable[[], int] = int  # nothing to wait for: 0
        else:
            js_finish = js_tier_beside()
        checks = (
            [str(VENV_PYTHON), "-m", "ruff", "check", "."], [str(VENV_PYTHON), "-m", "mypy"],  # lint and types first: seconds
            # the workflows' security audit (pinned actions, minimal permissions, no template injection)
            [str(VENV / "bin" / "zizmor"), "--offline", "--quiet", ".github/workflows/"],
        )
        passed = all(subprocess.call(check, cwd=ROOT) == 0 for check in checks)
        if not any(arg.startswith(("-n", "--numprocesses")) for arg in rest) and "no:xdist" not in rest:
            rest = [*PARALLEL, *rest]
        pytest = in_venv("-m", "pytest", *rest) if passed else 1
        js = js_finish()
        return 1 if pytest or js or not passed else 0
    sys.exit(f"dev.py: unknown command {command!r}; use serve, build or test")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
