"""Page-sized results kept on disk between builds (kept.py; the language parts' marked pages):
reused in a later process under the same inputs and code, never under other ones."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# Prints each result and how many were computed; the stamp (the code) is the second argument.
RUN = """
import sys
from pathlib import Path
from hetao_docs.kept import Kept
computed = []
kept = Kept("results.pickle", lambda: sys.argv[2].encode())
kept.use_folder(Path(sys.argv[1]))
for inputs in sys.argv[3:]:
    print(kept.get(tuple(inputs.split("|")), lambda i=inputs: computed.append(i) or i.upper()))
print(len(computed))
kept.save()
"""


def run(folder: Path, stamp: str, *inputs: str) -> list[str]:
    result = subprocess.run([sys.executable, "-c", RUN, str(folder), stamp, *inputs], capture_output=True, text=True, check=True)
    return result.stdout.split()


def test_results_are_kept_by_their_inputs_and_the_code(tmp_path: Path) -> None:
    assert run(tmp_path, "v1", "a|b", "c") == ["A|B", "C", "2"]
    assert run(tmp_path, "v1", "a|b", "c") == ["A|B", "C", "0"]  # both from the disk copy
    assert run(tmp_path, "v1", "ab", "c") == ["AB", "C", "1"]  # other inputs: "a|b" is not "ab"
    assert run(tmp_path, "v1", "a|b") == ["A|B", "1"]  # only what the last build used was kept
    assert run(tmp_path, "v2", "a|b") == ["A|B", "1"]  # other code: computed again
    (tmp_path / "results.pickle").write_bytes(b"not a pickle")
    assert run(tmp_path, "v2", "a|b") == ["A|B", "1"]


def test_a_marked_page_is_the_same_kept_or_not(tmp_path: Path) -> None:
    from hetao_docs import language_parts
    from hetao_docs.editions import load_editions

    editions = load_editions(Path(__file__).resolve().parent.parent / "data" / "editions.yml", "data/editions.yml")
    english = next(e for e in editions if e.is_english)
    page = '<html lang="en"><body><article><p>The article (大有作为) quotes 數據.</p></article></body></html>'
    marked = language_parts.mark_page(page, english, editions)
    assert 'lang="' in marked.split("<article>")[1]
    assert language_parts.mark_page(page, english, editions) == marked


def test_a_run_of_work_keeps_its_results_in_a_folder_or_computes_each_without_one(tmp_path: Path) -> None:
    from hetao_docs.kept import Kept

    computed: list[str] = []
    kept = Kept[str]("run.pickle", lambda: b"v1")
    with kept.kept_in(None) as get:
        assert get(("a",), lambda: computed.append("a") or "A") == "A"
        assert get(("a",), lambda: computed.append("a") or "A") == "A"
    assert computed == ["a", "a"] and not (tmp_path / "run.pickle").exists()
    with kept.kept_in(tmp_path) as get:
        assert get(("a",), lambda: computed.append("a") or "A") == "A"
    assert (tmp_path / "run.pickle").is_file()  # saved when the run ended
    again = Kept[str]("run.pickle", lambda: b"v1")
    with again.kept_in(tmp_path) as get:
        assert get(("a",), lambda: computed.append("again") or "?") == "A"
    assert computed == ["a", "a", "a"]
