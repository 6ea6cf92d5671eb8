"""The sections' histories' diffs and archived texts kept on disk (history_cache.py): a later
process gets the same results without computing them, and a copy made by other code is not used."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

from hetao_docs import history_cache, section_history

# Prints the diff, an archived and a built page's texts, and whether difflib and the page's reader ran.
RUN = """
import sys
from pathlib import Path
from hetao_docs import history_cache, section_history
ran = []
diff, texts = section_history.diff_html, section_history.section_texts
section_history.diff_html = lambda *a, **k: ran.append("diff") or diff(*a, **k)
section_history.section_texts = lambda *a: ran.append("texts") or texts(*a)
history_cache.use_folder(Path(sys.argv[1]))
print(history_cache.diff_html("the old words", "the new words", words=True))
print(history_cache.archived_sections("d1", lambda: '<article><h2 id="a">A</h2><p>Text.</p></article>'.encode()))
print(history_cache.page_sections('<article><h2 id="b">B</h2><p>Now.</p></article>'))
print(",".join(ran) or "-")
history_cache.save()
"""


def run(folder: Path) -> list[str]:
    result = subprocess.run([sys.executable, "-c", RUN, str(folder)], capture_output=True, text=True, check=True)
    return result.stdout.splitlines()


def test_kept_results_are_reused_and_a_copy_made_by_other_code_is_not(tmp_path: Path) -> None:
    first = run(tmp_path)
    assert first[0] == section_history.diff_html("the old words", "the new words", words=True)
    assert first[1] == str({"a": "A\nText."})
    assert first[2] == str({"b": "B\nNow."})  # a page being built
    assert first[3] == "diff,texts,texts"
    assert run(tmp_path) == [*first[:3], "-"]  # all from the disk copy
    _, stored = pickle.loads((tmp_path / history_cache.CACHE_FILE).read_bytes())
    (tmp_path / history_cache.CACHE_FILE).write_bytes(pickle.dumps(("another section_history.py", {key: "wrong" for key in stored})))
    assert run(tmp_path) == first  # computed again
    (tmp_path / history_cache.CACHE_FILE).write_bytes(b"not a pickle")
    assert run(tmp_path) == first


def test_a_diff_is_keyed_by_both_texts_and_by_words_or_characters() -> None:
    for old, new in (("河套", "河套区"), ("河", "套河套")):
        for words in (True, False):
            assert history_cache.diff_html(old, new, words=words) == section_history.diff_html(old, new, words=words)
    assert history_cache.diff_html("河套", "河套区", words=False) != history_cache.diff_html("河套", "河套区", words=True)
