"""Keeps the unit tier honest: no build, no `mkdocs serve`, no packaging, no browser.

conftest.py wraps every unit test, and the import of every test module, in `forbid_builds`: a
subprocess that would build the site (`mkdocs build|serve`, `docs.py build|serve|offline`,
`docs.py contract` without `--site-dir`, `pip wheel|install`), an in-process MkDocs build or a
Playwright browser launch fails the test (or the collection) with a message naming it. A test
that needs one takes a site-tier fixture (`site`, `project_copy`, …) instead of a hand-set marker.
"""

from __future__ import annotations

import shlex
import subprocess
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import PurePath
from typing import Any
from unittest import mock

DOCS_PY_BUILDS = frozenset({"build", "serve", "offline"})


class BuildInUnitTest(AssertionError):
    """A unit test (or a test module's import) started a build, a server or a browser."""


def _argv(args: Any) -> list[str]:
    if isinstance(args, (str, bytes, PurePath)):
        return shlex.split(str(args))
    if isinstance(args, Sequence):
        return [str(arg) for arg in args]
    return [str(args)]


def builds(args: Any) -> bool:
    """Whether a subprocess command line builds or serves the site, or packages the project."""
    argv = _argv(args)
    names = [PurePath(arg).name for arg in argv]
    if "mkdocs" in names and {"build", "serve", "gh-deploy"} & set(argv):
        return True
    if "docs.py" in names:
        command = argv[names.index("docs.py") + 1 :][:1]
        if command and command[0] in DOCS_PY_BUILDS:
            return True
        if command == ["contract"] and "--site-dir" not in argv:
            return True  # without a built site, `contract` builds one
    if "hetao_docs._warm" in argv:
        return True  # the site builder's fork server: site_builder.build() called in-process
    return "pip" in names and bool({"wheel", "install"} & set(argv))


@contextmanager
def forbid_builds(where: str) -> Iterator[None]:
    """Within the block, starting a build, a server or a browser raises BuildInUnitTest."""
    original_init = subprocess.Popen.__init__

    def checked_init(self: subprocess.Popen[Any], args: Any, *rest: Any, **options: Any) -> None:
        if builds(args):
            raise BuildInUnitTest(
                f"{where}: runs {' '.join(_argv(args))!r}, a build: give the test a site fixture "
                "(site, project_copy, …) so that it is in the site tier"
            )
        original_init(self, args, *rest, **options)

    def refuse(what: str) -> Any:
        def refused(*args: Any, **kwargs: Any) -> Any:
            raise BuildInUnitTest(f"{where}: calls {what}: not in the unit tier")

        return refused

    with ExitStack() as stack:
        stack.enter_context(mock.patch.object(subprocess.Popen, "__init__", checked_init))
        stack.enter_context(mock.patch("mkdocs.commands.build.build", refuse("mkdocs.commands.build.build")))
        stack.enter_context(mock.patch("mkdocs.commands.serve.serve", refuse("mkdocs.commands.serve.serve")))
        stack.enter_context(
            mock.patch("playwright.sync_api.sync_playwright", refuse("playwright.sync_api.sync_playwright"))
        )
        yield
