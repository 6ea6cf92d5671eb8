"""OpenCC's conversions kept on disk: a later process gets the same text without starting OpenCC."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

from hetao_docs.conversions import CACHE_FILE

CONVERT = """
import sys
from pathlib import Path
from hetao_docs import conversions
conversions.use_folder(Path(sys.argv[1]))
print(conversions.convert("s2hk", "数据跨境流动的信息"), "opencc" in sys.modules)
conversions.save()
"""


def run(folder: Path) -> list[str]:
    result = subprocess.run([sys.executable, "-c", CONVERT, str(folder)], capture_output=True, text=True, check=True)
    return result.stdout.split()


def test_a_kept_conversion_is_reused_and_a_stale_one_is_not(tmp_path: Path) -> None:
    first = run(tmp_path)
    assert first == ["數據跨境流動的信息", "True"]
    assert run(tmp_path) == ["數據跨境流動的信息", "False"]  # from the disk copy
    _, stored = pickle.loads((tmp_path / CACHE_FILE).read_bytes())
    (tmp_path / CACHE_FILE).write_bytes(pickle.dumps(("0.0-other", {key: "wrong" for key in stored})))
    assert run(tmp_path) == ["數據跨境流動的信息", "True"]  # another OpenCC version: converted again
    (tmp_path / CACHE_FILE).write_bytes(b"not a pickle")
    assert run(tmp_path) == first
