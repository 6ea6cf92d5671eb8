"""Every MkDocs name we import is listed in hetao_docs/toolchain.py, exists in the installed
toolchain and behaves as we use it: run against a fork, this names what a move would break."""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

from hetao_docs.toolchain import MKDOCS_NAMES

ROOT = Path(__file__).resolve().parent.parent


def _imported_names() -> set[tuple[str, str, str]]:
    found = set()
    for path in [*ROOT.joinpath("hetao_docs").rglob("*.py"), *ROOT.joinpath("scripts").glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "mkdocs":
                found |= {(path.relative_to(ROOT).as_posix(), node.module or "", alias.name) for alias in node.names}
            elif isinstance(node, ast.Import):
                found |= {(path.relative_to(ROOT).as_posix(), a.name, "") for a in node.names if a.name.split(".")[0] == "mkdocs"}
    return found


def _resolve(key: str) -> object:
    module, _, name = key.partition(":")
    return getattr(importlib.import_module(module), name)


def test_every_mkdocs_import_is_listed() -> None:
    imported = _imported_names()
    assert len(imported) >= 15
    for where, module, name in imported:
        listed = f"{module}:{name}" in MKDOCS_NAMES or any(key.startswith(f"{module}.{name}:") for key in MKDOCS_NAMES)
        assert listed, f"{where}: from {module} import {name} is not listed in hetao_docs/toolchain.py"


def test_every_listed_name_exists_in_the_installed_toolchain() -> None:
    for key in MKDOCS_NAMES:
        assert _resolve(key) is not None, key


def test_the_behaviour_we_use() -> None:
    from mkdocs.config import load_config
    from mkdocs.config.base import Config
    from mkdocs.plugins import BasePlugin, event_priority
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page
    from mkdocs.utils import get_relative_url

    assert {"content", "config", "src_uri"} <= set(inspect.signature(File.generated).parameters)
    assert all(callable(getattr(Files, m)) for m in ("get_file_from_path", "documentation_pages", "append", "remove"))
    assert "config_file" in inspect.signature(load_config).parameters
    assert get_relative_url("en/glossary/", "problems/data-market/") == "../../en/glossary/"

    class Options(Config):
        pass

    class Plugin(BasePlugin[Options]):
        @event_priority(100)
        def on_config(self, config: object) -> None:
            pass

    assert vars(Plugin.on_config)["mkdocs_priority"] == 100
    assert Plugin.config_class is Options  # the schema the options are validated with
    assert {"canonical_url", "meta", "file"} <= set(Page.__annotations__)
    assert "update_date" in inspect.getsource(Page.__init__)
