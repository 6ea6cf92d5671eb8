"""The test tiers (tests/conftest.py) and the guard that keeps builds out of the unit tier."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import TIERS, tier_of
from support.guard import BuildInUnitTest, builds, forbid_builds


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ([sys.executable, "-m", "mkdocs", "build", "--strict"], True),
        ([sys.executable, "-m", "mkdocs", "serve", "-a", "127.0.0.1:9"], True),
        ("mkdocs build -f mkdocs.yml", True),
        ([sys.executable, "scripts/docs.py", "offline", "--output", "x.zip"], True),
        ([sys.executable, "/x/scripts/docs.py", "contract", "--check"], True),  # builds a site to check
        ([sys.executable, "-m", "pip", "wheel", "--no-deps", "."], True),
        ([sys.executable, "/x/scripts/docs.py", "contract", "--check", "--site-dir", "s"], False),
        ([sys.executable, "scripts/docs.py", "linkcheck", "site"], False),
        ([sys.executable, "scripts/docs.py", "terms", "--check"], False),
        ([sys.executable, "-m", "hetao_docs._warm"], True),
        ([sys.executable, "-m", "mkdocs", "--version"], False),
        (["git", "status"], False),
    ],
)
def test_the_guard_knows_a_build_when_it_sees_one(command: object, expected: bool) -> None:
    assert builds(command) is expected


def test_a_build_in_a_unit_test_fails_before_it_starts() -> None:
    with forbid_builds("tests/x.py::test_y"), pytest.raises(BuildInUnitTest, match=r"^tests/x\.py::test_y: runs .*mkdocs build"):
        subprocess.run([sys.executable, "-m", "mkdocs", "build"], check=False)
    with forbid_builds("here"), pytest.raises(BuildInUnitTest, match=r"mkdocs\.commands\.build\.build"):
        import mkdocs.commands.build

        mkdocs.commands.build.build(None)  # type: ignore[arg-type]
    assert subprocess.run([sys.executable, "-c", "pass"], check=False).returncode == 0  # outside the guard


@pytest.mark.parametrize(
    ("fixtures", "tier"),
    [
        ({"tmp_path"}, "unit"),
        ({"site", "tmp_path"}, "site"),
        ({"site_url", "site"}, "site"),
        ({"offline_site"}, "site"),
        ({"project_copy"}, "site"),
        ({"module_project_copy"}, "site"),
        ({"wheel"}, "site"),
        ({"early_build"}, "site"),
        ({"browser", "site_url", "site"}, "browser"),
        ({"browser"}, "browser"),
    ],
)
def test_a_tier_follows_from_the_fixtures(fixtures: set[str], tier: str) -> None:
    assert tier_of(fixtures) == tier


def test_every_selected_test_has_one_tier_and_it_is_its_fixtures(request: pytest.FixtureRequest) -> None:
    """A tier set by hand (`@pytest.mark.site` on a test that builds nothing) shows up as a second mark."""
    wrong = []
    for item in request.session.items:
        marks = [mark.name for mark in item.iter_markers() if mark.name in TIERS]
        if marks != [tier_of(set(getattr(item, "fixturenames", ())))]:
            wrong.append(f"{item.nodeid}: {marks}")
    assert wrong == []
