"""Our YAML data files, parsed with libyaml and once per content: the editions build one after
another in one process and read the same files (parsing them with PyYAML's pure-Python loader was
a second of every build), and the exactness checks read the term base dozens of times. Callers
read the result; they never change it."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=32)
def parse_yaml(text: str) -> Any:
    """The data of one YAML document; raises yaml.YAMLError."""
    return yaml.load(text, Loader=_LOADER)


@lru_cache(maxsize=32)
def compose_yaml(text: str) -> yaml.Node | None:
    """The node tree of one YAML document (values with their lines: the checks name lines); raises yaml.YAMLError."""
    return yaml.compose(text, Loader=_LOADER)


def read_yaml(path: Path) -> Any:
    """The data of a YAML file; raises OSError and yaml.YAMLError."""
    return parse_yaml(path.read_text(encoding="utf-8"))


def read_data_file(path: Path, shown: str, what: str, error: type[Exception]) -> Any:
    """A YAML data file's data; a missing or malformed file raises `error` with one line naming it
    (`what`: "the edition table")."""
    try:
        return read_yaml(path)
    except OSError as problem:
        raise error(f"{shown}: cannot read {what} ({problem.strerror})") from None
    except yaml.YAMLError as problem:
        raise error(f"{shown}: malformed YAML: {' '.join(str(problem).split())}") from None
