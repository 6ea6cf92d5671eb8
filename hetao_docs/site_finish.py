"""The last pass over a built site's files, each file read once: the page policy in every page
(page_policy.py), the precompressed copy of every text file (serving.py), and every page's entry in
the index the link contract is checked against (linkcheck.py).

Each build process of the site builder passes over its own folder as soon as it has written it,
beside the others (site_builder.run_job); the builder then passes over the files written after the
editions (the side-by-side pages, the pages given pair links, the 404 pages) and merges what every
pass found, file by file. A file's policy, copy and index entry depend on its bytes alone, and a
pass replaces what an earlier pass wrote for the file, so a file passed over twice ends as if
passed over once. Before, one process passed over the assembled site three times (policy, copies,
index): ~1 s of every build, after the editions, on one core.
"""

from __future__ import annotations

import contextlib
import functools
import pickle
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from hetao_docs import linkcheck, page_policy, serving


@dataclass(frozen=True)
class Finish:
    """What a pass does: each page's policy, the `.gz` copies (a hosted build), the page index."""

    policy: bool = False
    compress: bool = False
    index: bool = False

    def __bool__(self) -> bool:
        return self.policy or self.compress or self.index


@dataclass
class Finished:
    """What passes found, by file path relative to the site's root: each page's inline hashes (with
    the policy) and each page's index entry (with the index)."""

    hashes: dict[str, page_policy.InlineHashes] = field(default_factory=dict)
    pages: dict[str, linkcheck.PageIndex] = field(default_factory=dict)

    def merge(self, other: Finished, prefix: str = "") -> None:
        """Add `other`'s files (relative to the folder at `prefix`); a file it passed over again replaces ours."""
        self.hashes.update({prefix + name: found for name, found in other.hashes.items()})
        self.pages.update({prefix + name: found for name, found in other.pages.items()})

    def site_policy(self) -> str:
        """The header policy: the base directives and every page's inline hashes."""
        union = page_policy.InlineHashes()
        for found in self.hashes.values():
            union.update(found)
        return page_policy.policy(union, header=True)

    def save(self, path: Path) -> None:
        path.write_bytes(pickle.dumps(self))

    @staticmethod
    def load(path: Path) -> Finished:
        found = pickle.loads(path.read_bytes())
        assert isinstance(found, Finished)
        return found


def finish_folder(folder: Path, what: Finish, kept_in: Path | None = None) -> Finished:
    """Pass over every file under `folder`. `kept_in`: where per-file results are kept (kept.py)."""
    return finish_files(folder, sorted(path for path in folder.rglob("*") if path.is_file()), what, kept_in)


def finish_files(root: Path, files: Iterable[Path], what: Finish, kept_in: Path | None = None) -> Finished:
    """Pass over `files` (below `root`, whose paths name them in the result)."""
    found = Finished()
    with contextlib.ExitStack() as stack:
        hashes_kept = stack.enter_context(page_policy.KEPT_HASHES.kept_in(kept_in if what.policy else None))
        copies_kept = stack.enter_context(serving.KEPT_COPIES.kept_in(kept_in if what.compress else None))
        pages_kept = stack.enter_context(linkcheck.KEPT_PAGES.kept_in(kept_in if what.index else None))

        def hashes_of(text: str) -> page_policy.InlineHashes:
            return hashes_kept((text,), functools.partial(page_policy.inline_hashes, text))

        for path in files:
            name = path.relative_to(root).as_posix()
            content: bytes | None = None
            if path.suffix == ".html" and (what.policy or what.index):
                content = path.read_bytes()
                text = content.decode("utf-8", errors="strict" if what.policy else "replace")
                if what.policy:
                    updated, found.hashes[name] = page_policy.with_policy(text, hashes_of)
                    if updated != text:
                        content, text = updated.encode("utf-8"), updated
                        path.write_bytes(content)
                if what.index:
                    found.pages[name] = pages_kept((text,), functools.partial(linkcheck.parse_page, text))
            if what.compress and path.suffix in serving.COMPRESSED_SUFFIXES:
                content = path.read_bytes() if content is None else content
                if len(content) >= serving.MIN_COMPRESSED_SIZE:
                    path.with_name(path.name + ".gz").write_bytes(copies_kept((content,), functools.partial(serving.gzip_copy, content)))
    return found
