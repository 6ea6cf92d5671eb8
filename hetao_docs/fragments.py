"""The HTML fragments the build adds to pages, rendered from Jinja templates in the theme
(`hetao_docs/theme/fragments/<name>.html`). A theme's `custom_dir` with a file of the same name
replaces ours, as for any of the theme's templates. Each template gets its values escaped
(autoescape) and `markup`, our shared class names (markup.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import jinja2

from hetao_docs import markup


class Fragments:
    def __init__(self, theme_dirs: Sequence[str]) -> None:
        self._env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(list(theme_dirs)), autoescape=True, undefined=jinja2.StrictUndefined,
        )

    def render(self, name: str, **values: Any) -> str:
        return self._env.get_template(f"fragments/{name}.html").render(markup=markup, **values)
