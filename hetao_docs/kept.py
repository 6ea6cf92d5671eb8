"""Results of a pure page-sized computation kept on disk between builds, by the hash of their inputs.

Each edition builds in a process of its own, and every `docs.py serve` rebuild in a new one, so
nothing computed in one build survives to the next; most pages come out of a rebuild byte for
byte as before (an edit touches a few), and the work done on each whole page was done again. A
`Kept` file holds such results under the SHA-256 of their inputs, the whole file stamped with
the code and library versions that computed them (a stale copy is ignored whole), and keeps only
what the last build used, so it does not grow. A build's output is the same with or without it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Generic, TypeVar

V = TypeVar("V")
Inputs = tuple[str | bytes, ...]


def inputs_key(parts: Iterable[bytes]) -> str:
    """The SHA-256 of a sequence of inputs (lengths first: no two sequences share a key)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


class Kept(Generic[V]):
    """Results kept in `folder / name`, valid while `stamp` (code, versions) is the same."""

    def __init__(self, name: str, stamp: Callable[[], bytes]) -> None:
        self.name = name
        self._stamp_of = stamp
        self._stamp = ""
        self._known: dict[str, V] = {}
        self._used: set[str] = set()
        self._stored: frozenset[str] = frozenset()
        self._folder: Path | None = None

    def use_folder(self, folder: Path) -> None:
        """Read what `folder` keeps (once per folder; a missing, stale or unreadable copy is ignored)."""
        if folder == self._folder:
            return
        self._folder = folder
        self._stamp = hashlib.sha256(self._stamp_of()).hexdigest()
        with contextlib.suppress(Exception):
            stamp, stored = pickle.loads((folder / self.name).read_bytes())
            if stamp == self._stamp and isinstance(stored, dict):
                self._known.update(stored)
                self._stored = frozenset(stored)

    @contextlib.contextmanager
    def kept_in(self, folder: Path | None) -> Iterator[Callable[[Inputs, Callable[[], V]], V]]:
        """`get` for a run of work whose results are kept in `folder` and saved when it ends; with no
        folder (a caller that keeps nothing), one that computes every result."""
        if folder is None:
            yield lambda inputs, compute: compute()
            return
        self.use_folder(folder)
        yield self.get
        self.save()

    def get(self, inputs: Inputs, compute: Callable[[], V]) -> V:
        """The result for `inputs` (every input of `compute`), computed only if not kept."""
        key = inputs_key(part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass") for part in inputs)
        self._used.add(key)
        if key not in self._known:
            self._known[key] = compute()
        return self._known[key]

    def save(self) -> None:
        """Keep what this process used in the folder given to `use_folder` (if it differs from the copy there)."""
        if self._folder is None or self._used == self._stored:
            return
        with contextlib.suppress(OSError):
            self._folder.mkdir(parents=True, exist_ok=True)
            partial = self._folder / f"{self.name}.{os.getpid()}"
            partial.write_bytes(pickle.dumps((self._stamp, {key: self._known[key] for key in self._used})))
            os.replace(partial, self._folder / self.name)
            self._stored = frozenset(self._used)
