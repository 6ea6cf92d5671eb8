"""MkDocs hook: build speed. Compiled Jinja templates are cached on disk (Jinja's own cache, in the
user's temp folder), so Material's ~60 templates are not compiled again by every edition's process
and every `mkdocs serve` rebuild. The cache checks each template's source: an edit recompiles it."""

from __future__ import annotations

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    env.bytecode_cache = jinja2.FileSystemBytecodeCache()
    return env
