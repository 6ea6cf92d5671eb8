"""`python scripts/docs.py terms [--out DIR] [--check]` (hetao_docs.terms.cli): the build's term
files, written or checked for drift, with the same code the plugin runs."""

from __future__ import annotations

import datetime
import io
import json
import re
from pathlib import Path
from unittest import mock

from conftest import docs_py, output
from support.edits import prefix_definition_en
from support.project import EDITIONS, ROOT

from hetao_docs.terms import build
from hetao_docs.terms.cli import run
from hetao_docs.terms.export import JSON_FILE, TBX_FILE
from hetao_docs.terms.render import GLOSSARY_PAGE

SUMMARY = re.compile(r"^terms (?P<code>[a-z-]+): (?P<terms>\d+) terms, (?P<used>\d+) occur in \d+ sections of docs/(zh|en)")


def test_check_compares_the_content_not_the_day_the_files_were_generated(tmp_path: Path) -> None:
    """Files written yesterday from the same term base and pages are not drift today (the exports
    say which day they were generated)."""
    out = tmp_path / "out"
    assert run(ROOT, EDITIONS, ["zh"], out, check=False, stdout=io.StringIO()) == 0
    written = json.loads((out / "zh" / JSON_FILE).read_text(encoding="utf-8"))["generated"]
    tomorrow = datetime.date.fromisoformat(written) + datetime.timedelta(days=1)
    clock = mock.Mock(wraps=datetime.date, today=mock.Mock(return_value=tomorrow))
    with mock.patch.object(build.datetime, "date", clock):
        assert run(ROOT, EDITIONS, ["zh"], out, check=True, stdout=io.StringIO()) == 0


def test_terms_check_passes_on_the_repo_and_fails_on_drift(project_copy: Path, tmp_path: Path) -> None:
    checked = docs_py(ROOT, "terms", "--check")  # the repo itself: valid, every term occurs
    assert checked.returncode == 0, output(checked)
    summaries = [SUMMARY.match(line) for line in checked.stdout.splitlines()]
    assert [m.group("code") for m in summaries if m] == list(EDITIONS.codes), checked.stdout
    assert all(m.group("used") == m.group("terms") for m in summaries if m), checked.stdout

    out = tmp_path / "terms"
    written = docs_py(project_copy, "terms", "--out", str(out))
    assert written.returncode == 0, output(written)
    assert (out / "en" / GLOSSARY_PAGE).is_file() and (out / "zh-hant" / TBX_FILE).is_file()
    unchanged = docs_py(project_copy, "terms", "--check", "--out", str(out))
    assert unchanged.returncode == 0, output(unchanged)
    assert unchanged.stdout.count("files in ") == 3 and "DRIFT" not in unchanged.stderr

    # An editor changes a definition and forgets to regenerate the files.
    prefix_definition_en(project_copy / "data" / "terms.yaml", "Reworded.")
    drifted = docs_py(project_copy, "terms", "--check", "--out", str(out))
    assert drifted.returncode == 1, output(drifted)
    lines = drifted.stderr.splitlines()
    for code in EDITIONS.codes:
        assert f"DRIFT {out / code / GLOSSARY_PAGE}: differs from what the term base generates; rerun without --check" in lines
        assert f"DRIFT {out / code / JSON_FILE}: differs from what the term base generates; rerun without --check" in lines
