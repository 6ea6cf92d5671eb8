"""OpenCC's conversions kept on disk: a later process gets the same text without starting OpenCC."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

from conftest import PYTHON, output, project_env

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


# One edition's build (the site builder's job, as its fork server runs it), OpenCC refused with the third argument.
EDITION_BUILD = """
import os, sys
import opencc
from hetao_docs import site_builder
if sys.argv[3] == "refused":
    def refused(*args, **kwargs):
        raise SystemExit("this build started OpenCC")
    opencc.OpenCC = refused
job = site_builder.Job(os.getcwd(), "mkdocs.zh-hant.yml", sys.argv[1], "https://example.org/hetao/zh-hant/", dict(os.environ), sys.argv[2])
sys.exit(site_builder.run_job(job))
"""


def test_a_build_after_a_build_starts_no_opencc(project_copy: Path, tmp_path: Path) -> None:
    """Every text a build converts is kept for the next, the ones converted at its very end too
    (Search's script variants): a second build of the Hong Kong edition converts nothing afresh."""
    for run_number, opencc in enumerate(("allowed", "refused")):
        result = subprocess.run(
            [PYTHON, "-c", EDITION_BUILD, str(tmp_path / f"site-{run_number}"), "zh-hant", opencc],
            cwd=project_copy, env=project_env(), capture_output=True, text=True, timeout=300,
        )
        assert result.returncode == 0, output(result)
