"""Forked children: success, failures reported by label, running side by side, stopping, others' children."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from hetao_docs.parallel import CAN_FORK, Child, start, stop, wait

pytestmark = pytest.mark.skipif(not CAN_FORK, reason="needs os.fork")


def test_child_succeeds(tmp_path: Path) -> None:
    marker = tmp_path / "done"
    child = start("ok", lambda: marker.write_text("yes", encoding="utf-8"))
    assert child.pid > 0 and child.parent == os.getpid()
    assert wait([child]) == []
    assert marker.read_text(encoding="utf-8") == "yes"


def _raise(error: BaseException) -> None:
    raise error


def test_failures_are_reported_by_label(capfd: pytest.CaptureFixture[str]) -> None:
    children = [
        start("value", lambda: _raise(ValueError("boom"))),
        start("abort", lambda: _raise(SystemExit("Aborted with 1 warnings"))),
        start("fine", lambda: None),
    ]
    assert wait(children) == ["value", "abort"]
    lines = capfd.readouterr().err.splitlines()
    assert "value: boom" in lines
    assert "abort: Aborted with 1 warnings" in lines


def test_failure_without_message_names_the_exception(capfd: pytest.CaptureFixture[str]) -> None:
    assert wait([start("bare", lambda: _raise(ValueError()))]) == ["bare"]
    assert "bare: ValueError" in capfd.readouterr().err.splitlines()


def test_children_run_side_by_side() -> None:
    began = time.monotonic()
    children = [start("a", lambda: time.sleep(0.5)), start("b", lambda: time.sleep(0.5))]
    assert wait(children) == []
    assert time.monotonic() - began < 0.9


def test_stop_ends_a_long_child() -> None:
    child = start("slow", lambda: time.sleep(30))
    began = time.monotonic()
    stop([child])
    assert time.monotonic() - began < 2
    with pytest.raises(ChildProcessError):
        os.waitpid(child.pid, os.WNOHANG)  # ended and already reaped by stop


def test_wait_after_stop_returns() -> None:
    child = start("slow", lambda: time.sleep(30))
    stop([child])
    began = time.monotonic()
    assert wait([child]) in ([], ["slow"])
    assert time.monotonic() - began < 2


def test_others_children_are_left_alone() -> None:
    real = start("mine", lambda: time.sleep(30))
    try:
        foreign = Child("x", pid=real.pid, parent=os.getpid() + 1)
        began = time.monotonic()
        assert wait([foreign]) == []
        stop([foreign])
        assert time.monotonic() - began < 1
        assert os.waitpid(real.pid, os.WNOHANG) == (0, 0)  # still running, not signalled
    finally:
        os.kill(real.pid, signal.SIGKILL)
        os.waitpid(real.pid, 0)


def test_no_fork_child_is_never_waited_for() -> None:
    assert wait([Child("inline", pid=0, parent=os.getpid())]) == []
