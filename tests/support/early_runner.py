"""Runs the session's early builds one after another, in the background (tests/conftest.py,
`EarlyBuilds`): one at a time, so that they share the cores with the tests rather than with each
other, in the order the tests will need them.

    python tests/support/early_runner.py JOBS.json

JOBS.json: a list of {"key", "cwd", "command", "out", "err"}. After each job its exit code is
written to `out`.rc (what a waiting test reads, in any pytest-xdist worker); JOBS.json.ended when
the runner stops. SIGTERM (the session ended before the builds did) ends the build running and the runner.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path


def main(jobs_file: str) -> int:
    running: list[subprocess.Popen[bytes]] = []

    def stop(signum: int, frame: object) -> None:
        for process in running:
            process.kill()
            process.wait()
        sys.exit(1)

    signal.signal(signal.SIGTERM, stop)
    try:
        for job in json.loads(Path(jobs_file).read_text(encoding="utf-8")):
            with open(job["out"], "w", encoding="utf-8") as out, open(job["err"], "w", encoding="utf-8") as err:
                process = subprocess.Popen(job["command"], cwd=job["cwd"], stdout=out, stderr=err, stdin=subprocess.DEVNULL)
                running[:] = [process]
                code = process.wait()
                running.clear()
            Path(job["out"] + ".rc.partial").write_text(str(code), encoding="utf-8")
            Path(job["out"] + ".rc.partial").rename(job["out"] + ".rc")  # whole when it appears
    finally:
        Path(jobs_file + ".ended").touch()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
