"""The site builder's fork server: one process that has imported what every edition's build needs
(MkDocs, Material's plugins, the Markdown extensions, the libraries our plugin uses), then forks a
build process for each job it is given, so that none of them pays ~1.8 s to start. Under serve it
also loads jieba's dictionary after the first build (Material's search segments Chinese with it):
a build loads it only for text whose words were not kept (material.py, 10.), and a serve rebuild
after an edit of the Chinese text would otherwise load it in each edition's process (~0.9 s).

    python -m hetao_docs._warm [--serve]   (started by hetao_docs/site_builder.py, never by hand)

Protocol, one JSON line each way: the builder writes a list of jobs (site_builder.Job as a dict);
the server forks one process per job, all at once, and answers with their exit codes in the same
order. It ends when its input closes (the builder exited).

It imports none of hetao_docs' own modules: each build process drops the package and imports it
from the job's project, from disk, so `docs.py serve` shows an edit of our code on the next rebuild.
(Not multiprocessing's forkserver: it re-runs the caller's main script in every child.)
"""

from __future__ import annotations

import gc
import importlib
import json
import logging
import os
import sys
import traceback

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


def _run_in_child(job: dict[str, object]) -> int:
    """In a forked process: our package imported afresh from the job's project, then the job."""
    os.dup2(2, 1)  # the protocol is on stdout: whatever a build prints goes to stderr
    for name in [n for n in sys.modules if n == "hetao_docs" or n.startswith("hetao_docs.")]:
        del sys.modules[name]
    sys.path.insert(0, str(job["project"]))
    # Our modules' bytecode, kept in the project's build cache even where PYTHONDONTWRITEBYTECODE is
    # set: without it every build process compiles our package again (~0.3 s of CPU each)
    sys.pycache_prefix = os.path.join(str(job["project"]), ".cache", "pycache")  # project_files.BUILD_CACHE (not imported here)
    sys.dont_write_bytecode = False
    from hetao_docs import site_builder

    return site_builder.run_job(site_builder.Job(**job))  # type: ignore[arg-type]


def main() -> None:
    _preload()
    gc.collect()
    gc.freeze()  # the forked builds' collections leave the preloaded objects (and their pages) alone
    serving = "--serve" in sys.argv[1:]
    for batch, line in enumerate(sys.stdin):
        jobs = json.loads(line)
        children = []
        for job in jobs:
            pid = os.fork()
            if pid == 0:
                try:
                    code = _run_in_child(job)
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
        if serving and batch == 0:
            for name in ON_CACHE_MISS:
                importlib.import_module(name)
            import jieba

            jieba.initialize()


if __name__ == "__main__":
    main()
