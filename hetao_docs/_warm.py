"""The site builder's fork server: one process that has imported what every edition's build needs
(MkDocs, Material's plugins, the Markdown extensions, the libraries our plugin uses), then forks a
build process for each job it is given, so that none of them pays ~1.8 s to start. It loads
jieba's dictionary (Material's search segments Chinese with it; ~0.9 s) only when the builds
would each load it: a build loads it only for text whose words were not kept (material.py, 10.),
so here it is loaded for a fresh clone's first build and under serve after the first build. Before
each batch it loads the term base as every edition's build does (concerns.load_term_base): after an
edit each build process validated it again (~0.3 s of CPU each).

    python -m hetao_docs._warm [--serve]   (started by hetao_docs/site_builder.py, never by hand)

Protocol, one JSON line each way: the builder writes a list of jobs (site_builder.Job as a dict);
the server forks one process per job, all at once, and answers with their exit codes in the same
order. It ends when its input closes (the builder exited).

It also imports our package (hetao_docs) from the project it was started in, and gives the build
processes that copy as long as the package's source files are as they were when it was imported
(~0.2 s of CPU each); when one changed (an edit under `docs.py serve`), that batch's processes drop
the package and import it from disk, and the server imports the new one after them. A job for
another project always imports that project's package.
(Not multiprocessing's forkserver: it re-runs the caller's main script in every child.)
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import json
import logging
import os
import sys
import traceback
from pathlib import Path

MODULES = (
    "ahocorasick", "backrefs.bre", "colorama", "jinja2", "markdown", "markdown.extensions.abbr",
    "markdown.extensions.admonition", "markdown.extensions.codehilite", "markdown.extensions.def_list",
    "markdown.extensions.fenced_code", "markdown.extensions.footnotes", "markdown.extensions.md_in_html",
    "markdown.extensions.tables", "markdown.extensions.toc", "material.plugins.offline.plugin", "material.plugins.search.plugin",
    "material.templates", "mkdocs.commands.build", "mkdocs.config.defaults", "mkdocs.livereload", "mkdocs.structure.pages",
    "pygments", "pygments.formatters.html", "pymdownx.details", "pymdownx.highlight", "pymdownx.superfences",
    "rcssmin", "rjsmin", "yaml", "jieba", "backrefs.uniprops.unidata.binary", "backrefs.uniprops.unidata.script",
    "encodings.gb2312", "encodings.unicode_escape", "encodings.utf_8_sig", "importlib.resources.readers", "pygments.filters",
    "pygments.lexers.special", "pygments.styles.default",
)
# What a build imports only when its caches in .cache/ miss (an edited term base, a new text to
# convert or segment): ~1.4 s of CPU that a warm `docs.py build` never spends. Under serve (--serve)
# the fork server imports them after the first build, so that a rebuild after an edit of the term
# base does not import them in every edition's process (openpyxl: the downloads' spreadsheets, made
# again when the term base's content changed: terms/build.py keeps them otherwise).
ON_CACHE_MISS = ("jsonschema", "opencc", "pypinyin", "openpyxl")


def _preload() -> None:
    for name in MODULES:
        importlib.import_module(name)
    import jieba

    jieba.setLogLevel(logging.WARNING)  # its dictionary is loaded only if a build needs it (material.py, 10.)


_PACKAGE = "hetao_docs"
_imported: dict[str, object] = {}  # what the server imported: the project and its package's sources


def _package_sources(folder: str) -> tuple[tuple[str, int, int], ...]:
    """Each source file of the package in `folder` (name, size, modification time)."""
    found = []
    for directory, _, files in os.walk(folder):
        for name in files:
            if name.endswith(".py"):
                status = os.stat(os.path.join(directory, name))
                found.append((os.path.join(directory, name), status.st_size, status.st_mtime_ns))
    return tuple(sorted(found))


def _drop_package() -> None:
    for name in [n for n in sys.modules if n == _PACKAGE or n.startswith(_PACKAGE + ".")]:
        del sys.modules[name]


def _use_project(project: str) -> None:
    """Our modules imported from `project`, their bytecode kept in the project's build cache even
    where PYTHONDONTWRITEBYTECODE is set (without it every process compiled the package again, ~0.3 s)."""
    if project not in sys.path:
        sys.path.insert(0, project)
    sys.pycache_prefix = os.path.join(project, ".cache", "pycache")  # project_files.BUILD_CACHE (not imported here)
    sys.dont_write_bytecode = False


def _import_package(project: str) -> None:
    """The project's package and the modules every build imports, in the server (after any earlier
    copy). If it fails (an edit under serve broke it), the build processes import it themselves
    and report the error."""
    _drop_package()
    _imported.clear()
    _use_project(project)
    try:
        package = importlib.import_module(_PACKAGE)
        for name in ("site_builder", "site_parts", "site_finish", "plugin"):
            importlib.import_module(f"{_PACKAGE}.{name}")
        importlib.import_module(f"{_PACKAGE}.material").jieba_dictionary_is_as_loaded()  # this server adds no words
    except Exception:  # any error of our code is the build's to report
        _drop_package()
        return
    folder = os.path.dirname(str(package.__file__))
    _imported.update(project=project, folder=folder, sources=_package_sources(folder))


def _package_is_current(project: str) -> bool:
    return _imported.get("project") == project and _package_sources(str(_imported.get("folder"))) == _imported.get("sources")


def _load_jieba_dictionary(jobs: list[dict[str, object]], always: bool) -> None:
    """jieba's dictionary loaded here, once for every build process, when their builds would load it
    each: under serve (`always`, after the first build: for an edit's rebuild), or when an edition
    kept no words yet (a fresh clone's first build). Only with our package imported here (material.py
    records its state as loaded)."""
    if not _imported:
        return
    from hetao_docs import material, project_files

    if always or any(
        job["edition"] and not material.jieba_words_kept(Path(str(job["project"]), project_files.BUILD_CACHE, str(job["edition"])))
        for job in jobs
    ):
        material.load_jieba_dictionary()


def _load_term_base(project: str) -> None:
    """The term base loaded here, once for every build process (concerns.load_term_base): each
    would otherwise validate it again after an edit. Only with our package imported here."""
    if not _imported:
        return
    from hetao_docs import concerns

    with contextlib.suppress(Exception):  # a bad term base (or edition table) is the builds' to report
        concerns.load_term_base(Path(project))


def _run_in_child(job: dict[str, object], current: bool) -> int:
    """In a forked process: the job, with the server's copy of our package if `current`, else with
    the package imported afresh from the job's project."""
    os.dup2(2, 1)  # the protocol is on stdout: whatever a build prints goes to stderr
    if not current:
        _drop_package()
        _use_project(str(job["project"]))
    from hetao_docs import site_builder

    return site_builder.run_job(site_builder.Job(**job))  # type: ignore[arg-type]


def main() -> None:
    _preload()
    project = os.getcwd()  # the site builder starts the server in the project it builds
    _import_package(project)
    gc.collect()
    gc.freeze()  # the forked builds' collections leave the preloaded objects (and their pages) alone
    serving = "--serve" in sys.argv[1:]
    for batch, line in enumerate(sys.stdin):
        jobs = json.loads(line)
        current = all(_package_is_current(str(job["project"])) for job in jobs)
        if current:
            _load_jieba_dictionary(jobs, always=False)
            _load_term_base(project)
        children = []
        for job in jobs:
            pid = os.fork()
            if pid == 0:
                try:
                    code = _run_in_child(job, current)
                except SystemExit as stop:
                    code = stop.code if isinstance(stop.code, int) else 1
                except BaseException:  # a crash of one build: shown, and its job failed
                    traceback.print_exc()
                    code = 1
                sys.stderr.flush()
                os._exit(code)
            children.append(pid)
        codes = [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in children]
        sys.stdout.write(json.dumps(codes) + "\n")
        sys.stdout.flush()
        if not _package_is_current(project):
            _import_package(project)  # the edited package, for the next batch
            gc.collect()
            gc.freeze()
        if serving and batch == 0:
            for name in ON_CACHE_MISS:
                importlib.import_module(name)
            _load_jieba_dictionary([], always=True)


if __name__ == "__main__":
    main()
