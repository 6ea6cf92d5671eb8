"""The fork server loads the term base once for every edition's build (concerns.load_term_base):
each edition's context then finds it loaded, with no second validation."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from support.project import EDITIONS, ROOT

from hetao_docs import concerns
from hetao_docs.terms import load


def test_every_editions_context_reads_the_term_base_the_server_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.chdir(ROOT)
    load._terms.cache_clear()
    validations: list[str] = []
    real = load._parse_and_validate

    def counted(text: str, *args: object) -> object:
        validations.append(text)
        return real(text, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(load, "_parse_and_validate", counted)
    monkeypatch.setattr(load, "_cached_on_disk", lambda cache, text, schema, compute: compute())  # no disk copy: every load validates
    concerns.load_term_base(ROOT)
    assert len(validations) == len({e.varieties for e in EDITIONS}) == 1
    for edition in EDITIONS:
        root = "https://example.org/hetao/"
        config = load_config(config_file=str(ROOT / edition.config), site_url=root + edition.prefix)
        context = concerns.load_context(config.plugins["hetao"].config, config)
        assert context.terms and len(validations) == 1, f"{edition.code} validated the term base again"
    load._terms.cache_clear()


def test_a_bad_term_base_is_left_to_the_builds(tmp_path: Path) -> None:
    """The server's load raises as any load does; _warm.py leaves the error to the builds."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "editions.yml").write_text((ROOT / "data" / "editions.yml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "data" / "terms.yaml").write_text("terms: [\n", encoding="utf-8")
    with pytest.raises(load.TermBaseError, match=r"^data/terms\.yaml:"):
        concerns.load_term_base(tmp_path)
