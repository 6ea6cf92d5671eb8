"""Canary for the toolchain after Material's end of life (5 May 2027): build the site with the
maintained MkDocs 1.x forks in throwaway environments and compare what a reader would see.

    .venv/bin/python scripts/canary_toolchain.py [--only NAME] [--details N] [--keep DIR]

For each toolchain below: a fresh venv with requirements.txt, the toolchain's packages in place of
`mkdocs` / `mkdocs-material`, and the project (a copy, installed without dependencies); a strict
build of all editions; the tests of every reliance on MkDocs' and Material's internals
(material.py, toolchain.py); then `scripts/compare_sites.py` against the pinned build (this project's
.venv, same copy, same SITE_URL). Prints, per toolchain, what was installed, whether the build
passed, and the comparison (the goal: no page with a difference). Exit 1 if a build failed or a
page differs: the CI job running it is non-blocking (`continue-on-error`). See
decisions/0001-toolchain-after-2027-05-05.md.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import venv
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", "site", "dist", "build", "node_modules", "__pycache__", ".pytest_cache", ".mypy_cache",
    ".ruff_cache", "test-artifacts", ".site-staging*", "*.egg-info",
)


@dataclass(frozen=True)
class Toolchain:
    name: str
    replaces: tuple[str, ...]  # requirements.txt lines (package names) left out
    packages: tuple[str, ...]  # exact pins put in their place
    command: tuple[str, ...]  # the build command in the venv's bin/, before `build --strict ...`
    preload: tuple[str, ...] = ()  # modules the command imports first (loaded into the reliance tests with -p)


TOOLCHAINS = (
    # MkDocs NG keeps the `mkdocs` package name and imports; its Material fork takes fixes only.
    Toolchain("mkdocs-ng", ("mkdocs", "mkdocs-material"), ("mkdocs-ng==1.8.0", "mkdocs-ng-material==9.7.7"),
              ("python", "-m", "mkdocs")),
    # ProperDocs renames the package and the command; Material 9.8 still requires `mkdocs<2`, so pip
    # installs MkDocs 1.6.1 beside it (Material and our plugin import `mkdocs.*`).
    # Its command imports properdocs.replacement, which answers every `mkdocs.*` import with properdocs.
    Toolchain("properdocs", ("mkdocs",), ("properdocs==1.6.7",), ("properdocs",), ("properdocs.replacement",)),
)


# material.py's and toolchain.py's lists of what we rely on, each item with its test
RELIANCE_TESTS = ("tests/test_material.py", "tests/test_toolchain.py")


def _pins(*names: str) -> list[str]:
    """The exact pins of requirements-dev.txt for these packages."""
    lines = (ROOT / "requirements-dev.txt").read_text(encoding="utf-8").splitlines()
    return [line.split("#")[0].strip() for line in lines if line.split("==")[0].strip().lower() in names]


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)


def requirements_for(chain: Toolchain) -> str:
    kept = []
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        name = re.split(r"[=<>~ #]", line.strip(), maxsplit=1)[0].lower()
        if name and name not in chain.replaces:
            kept.append(line)
    return "\n".join([*kept, *chain.packages]) + "\n"


def build(python_bin: Path, command: tuple[str, ...], project: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env = {k: v for k, v in env.items() if not k.startswith("HETAO_")}
    return run([str(python_bin / command[0]), *command[1:], "build", "--strict", "--site-dir", str(site_dir)], project, env)


def canary(chain: Toolchain, work: Path, project: Path, baseline: Path, details: int) -> tuple[bool, list[str]]:
    lines = [f"## {chain.name}: {' + '.join(chain.packages)} (in place of {', '.join(chain.replaces)})"]
    env_dir = work / chain.name / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    requirements = work / chain.name / "requirements.txt"
    requirements.write_text(requirements_for(chain), encoding="utf-8")
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    for step in ([*pip, "-r", str(requirements)], [*pip, "--no-deps", str(project)]):
        result = run(step, project)
        if result.returncode != 0:
            return False, [*lines, f"install failed: {' '.join(step[3:])}", result.stderr.strip()[-2000:]]
    # every reliance on MkDocs' and Material's internals, checked against the fork
    reliances = run([*pip, *_pins("pytest", "iniconfig", "pluggy", "playwright", "greenlet")], project)
    if reliances.returncode == 0:
        preload = [arg for module in chain.preload for arg in ("-p", module)]
        reliances = run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", *preload, *RELIANCE_TESTS], project)
    summary = (reliances.stdout.strip().splitlines() or ["(no output)"])[-1]
    lines.append(f"reliance tests ({', '.join(RELIANCE_TESTS)}): {summary}")
    lines += [line for line in reliances.stdout.splitlines() if line.startswith("FAILED")]
    frozen = run([str(python), "-m", "pip", "freeze"], project).stdout.splitlines()
    lines.append("installed: " + ", ".join(p for p in frozen if re.match(r"(mkdocs|properdocs)", p, re.I)))
    site = work / chain.name / "site"
    result = build(env_dir / "bin", chain.command, project, site)
    if result.returncode != 0:
        errors = [line for line in result.stderr.splitlines() if "ERROR" in line or "Error" in line or "Aborted" in line]
        return False, [*lines, "build FAILED:", *(errors[-15:] or result.stderr.strip().splitlines()[-15:])]
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    lines.append(f"build passed (strict); {len(warnings)} warning lines")
    lines += warnings[:5]
    compared = run([sys.executable, str(ROOT / "scripts" / "compare_sites.py"), str(baseline), str(site), "--details", str(details)], ROOT)
    report = compared.stdout.strip().splitlines()
    lines += report
    pages = next((line for line in reversed(report) if line.startswith("pages: ")), "")
    same = bool(pages) and all(f" 0 {what}" in pages for what in ("only in old", "only in new", "with text changes", "with id changes", "with link changes"))
    return same, lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--only", choices=[c.name for c in TOOLCHAINS], help="one toolchain only")
    parser.add_argument("--details", type=int, default=10, help="differing items shown per category")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="hetao-canary-") as scratch:
        work = args.keep.resolve() if args.keep else Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        project = work / "project"
        shutil.rmtree(project, ignore_errors=True)
        shutil.copytree(ROOT, project, symlinks=True, ignore=NOT_COPIED)
        baseline = work / "pinned-site"
        shutil.rmtree(baseline, ignore_errors=True)
        pinned = build(Path(sys.executable).parent, ("python", "-m", "mkdocs"), project, baseline)
        if pinned.returncode != 0:
            print(f"canary: the pinned build failed:\n{pinned.stderr[-3000:]}", file=sys.stderr)
            return 2
        print(f"# Toolchain canary (SITE_URL={os.environ.get('SITE_URL', '')!s}); baseline: mkdocs 1.6.1 + mkdocs-material 9.8.1\n")
        ok = True
        for chain in TOOLCHAINS:
            if args.only and chain.name != args.only:
                continue
            same, lines = canary(chain, work, project, baseline, args.details)
            ok &= same
            print("\n".join([*lines, f"verdict: {'no difference a reader would see' if same else 'DIFFERENT or FAILED'}", ""]), flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
