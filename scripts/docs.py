#!/usr/bin/env python3
"""The project's one CLI; every subcommand is a thin wrapper around a hetao_docs module.

    python scripts/docs.py serve [--port 8000]   build all editions and serve them with live reload
    python scripts/docs.py build [--site-dir D]  strict build of all editions, swapped into place atomically
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def mkdocs(*args: str) -> int:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.call([sys.executable, "-m", "mkdocs", *args], cwd=ROOT, env=env)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="docs.py", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="build all editions and serve them with live reload")
    serve.add_argument("--port", type=int, default=8000)
    build = sub.add_parser("build", help="strict build of all editions into site/")
    build.add_argument("--site-dir", default="site")
    args = parser.parse_args(argv)

    if args.command == "serve":
        return mkdocs("serve", "--strict", "-a", f"127.0.0.1:{args.port}")
    if args.command == "build":
        return mkdocs("build", "--strict", "--site-dir", args.site_dir)
    return 2


if __name__ == "__main__":
    sys.exit(main())
