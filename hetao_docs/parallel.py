"""Run pieces of a build side by side in forked child processes (plain Python, no MkDocs import).

The English and Traditional editions are independent builds of ~1.5 s each. Forked from the
Simplified build once its site folder is clean, they run on the other cores while it builds, and
start with everything the parent already loaded (MkDocs, Material, jieba's dictionary), which a
fresh process would load again. Where `os.fork` does not exist (Windows), work runs in turn.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

CAN_FORK = hasattr(os, "fork")
_reaped: set[int] = set()  # pids already waited for: never wait for or signal them again (pids get reused)


@dataclass(frozen=True)
class Child:
    label: str
    pid: int  # 0: the work already ran in this process (no fork)
    parent: int  # the process that started it: the only one that may wait for or stop it


def start(label: str, work: Callable[[], None]) -> Child:
    """Run `work` in a child process. There, a failure prints one line, `<label>: <error>`, to
    stderr and is reported by `wait`. Without fork, `work` runs here and its errors propagate."""
    if not CAN_FORK:
        work()
        return Child(label, 0, os.getpid())
    _flush()
    pid = os.fork()
    if pid:
        return Child(label, pid, os.getpid())
    succeeded = False
    try:  # the child must never return into the parent's stack
        succeeded = _run_reporting(label, work)
    finally:
        _flush()
        os._exit(0 if succeeded else 1)


def wait(children: Sequence[Child]) -> list[str]:
    """Wait for every child; the labels of those that failed."""
    failed = []
    for child in _own(children):
        _, status = os.waitpid(child.pid, 0)
        _reaped.add(child.pid)
        if os.waitstatus_to_exitcode(status) != 0:
            failed.append(child.label)
    return failed


def stop(children: Sequence[Child]) -> None:
    """End children whose results are no longer wanted (the parent build failed)."""
    for child in _own(children):
        try:
            os.kill(child.pid, 15)  # SIGTERM
            os.waitpid(child.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        _reaped.add(child.pid)


def _own(children: Sequence[Child]) -> list[Child]:
    """Children forked by this process and not yet reaped (a forked child inherits its parent's lists)."""
    return [child for child in children if child.pid and child.parent == os.getpid() and child.pid not in _reaped]


def _run_reporting(label: str, work: Callable[[], None]) -> bool:
    try:
        work()
        return True
    except BaseException as error:  # MkDocs' Abort is a SystemExit; one line, the build log explains it
        print(f"{label}: {str(error) or type(error).__name__}", file=sys.stderr)
        return False


def _flush() -> None:
    for handler in logging.getLogger().handlers + logging.getLogger("mkdocs").handlers:
        handler.flush()
    sys.stdout.flush()
    sys.stderr.flush()

