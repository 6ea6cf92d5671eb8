"""The package: `pip wheel .` holds the plugin, its theme (templates and assets) and the term-base
schema, declares the `hetao` MkDocs plugin, and builds the site from an installed copy alone (a
project without its hetao_docs/ folder, the editable install of this checkout not used)."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

from conftest import PYTHON, build_site, output, project_env
from support.project import EDITIONS, ROOT

EXPECTED_FILES = (
    "hetao_docs/plugin.py",
    "hetao_docs/theme/main.html",
    "hetao_docs/theme/sitemap.xml",
    "hetao_docs/theme/partials/language.html",
    "hetao_docs/theme/assets/javascripts/search.js",
    "hetao_docs/terms/terms.schema.json",
)
# Which hetao_docs a Python started like the build imports, and which class MkDocs' entry point loads.
WHICH = (
    "import hetao_docs.plugin, mkdocs.plugins;"
    "print(hetao_docs.plugin.__file__);"
    "print(mkdocs.plugins.get_plugins()['hetao'].load().__module__)"
)


def _pip(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PYTHON, "-m", "pip", "--disable-pip-version-check", *args], cwd=cwd, env=project_env(), capture_output=True, text=True,
        timeout=300,
    )


def test_wheel_holds_the_plugin_theme_and_schema_and_declares_the_plugin(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(name for name in names if name.endswith(".dist-info/entry_points.txt"))
        declared = archive.read(entry_points).decode("utf-8").splitlines()
    missing = [name for name in EXPECTED_FILES if name not in names]
    assert missing == [], f"{wheel.name} lacks {missing}"
    theme = ROOT / "hetao_docs" / "theme"
    shipped = {f"hetao_docs/theme/{p.relative_to(theme).as_posix()}" for p in theme.rglob("*") if p.is_file()}
    assert sorted(shipped - names) == [], "theme files left out of the wheel"
    assert "[mkdocs.plugins]" in declared
    assert declared[declared.index("[mkdocs.plugins]") + 1] == "hetao = hetao_docs.plugin:HetaoPlugin"


def test_the_site_builds_with_the_installed_wheel_alone(wheel: Path, project_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "installed"
    installed = _pip("install", "--no-deps", "--target", str(target), str(wheel), cwd=tmp_path)
    assert installed.returncode == 0, output(installed)
    shutil.rmtree(project_copy / "hetao_docs")  # the project's own copy of the code is gone
    env = {"PYTHONPATH": str(target)}

    which = subprocess.run([PYTHON, "-c", WHICH], cwd=project_copy, env=project_env(env), capture_output=True, text=True)
    assert which.returncode == 0, output(which)
    plugin_file, plugin_module = which.stdout.splitlines()
    assert Path(plugin_file) == target / "hetao_docs" / "plugin.py", "the build would not use the installed wheel"
    assert plugin_module == "hetao_docs.plugin"

    result = build_site(project_copy / "site", project_copy, env=env)
    assert result.returncode == 0, output(result)
    for edition in EDITIONS:
        home = project_copy / "site" / edition.prefix / "index.html"
        assert home.is_file(), home
        assert f'<html lang="{edition.lang}"' in home.read_text(encoding="utf-8")
