"""Every name we import from MkDocs, in one place, with why: what a fork or successor must keep.

MkDocs 1.x has had no release since 1.6.1 and Material's fixes end on 5 May 2027
(decisions/0001-toolchain-after-2027-05-05.md). The forks promise to run 1.x plugins; these are the
parts of 1.x our code touches beyond the plugin events. tests/test_toolchain.py checks that every
`mkdocs.*` import in hetao_docs/ and scripts/ is listed here, that each name exists in the installed
toolchain, and the behaviour we use of each; scripts/canary_toolchain.py builds with the forks.
Material's theme internals are listed the same way in material.py.

Plain Python, no MkDocs import.
"""

from __future__ import annotations

from typing import Final

# "module:name" → what we use it for (and the behaviour tests/test_toolchain.py checks).
MKDOCS_NAMES: Final[dict[str, str]] = {
    "mkdocs.plugins:BasePlugin": "the plugin class, generic over its config (BasePlugin[HetaoConfig])",
    "mkdocs.plugins:event_priority": "ordering against Material's search plugin (on_config first, on_post_build last)",
    "mkdocs.config.base:Config": "the plugin's config schema (base.Config subclass)",
    "mkdocs.config.config_options:Type": "plugin options",
    "mkdocs.config.config_options:File": "plugin options (exists=True)",
    "mkdocs.config.config_options:Dir": "plugin options (exists=True)",
    "mkdocs.config.config_options:Optional": "plugin options",
    "mkdocs.config:load_config": "each edition's config in its build process (site_builder.py), site_dir/site_url/strict overridden",
    "mkdocs.config.defaults:MkDocsConfig": "type of the config every event gets",
    "mkdocs.commands.build:build": "one edition's build in its own process (site_builder.py)",
    "mkdocs.exceptions:Abort": "an edition's failed build, reported as one line",
    "mkdocs.exceptions:BuildError": "an edition's failed build, reported as one line",
    "mkdocs.exceptions:ConfigurationError": "an edition's config that does not load, reported as one line",
    "mkdocs.exceptions:PluginError": "every error the plugin reports (one line, non-zero exit)",
    "mkdocs.structure.files:File": "File.generated(config, path, content=...): generated pages and asset bundles",
    "mkdocs.structure.files:Files": "get_file_from_path, documentation_pages, append, remove",
    "mkdocs.structure.nav:Navigation": "type of on_page_context's nav argument",
    "mkdocs.structure.pages:Page": "page.file.src_uri, page.meta, page.update_date, page.canonical_url, page.url",
    "mkdocs.utils:get_relative_url": "relative links between pages (any host, file://)",
    "mkdocs.utils.templates:TemplateContext": "type of on_page_context's context",
    "mkdocs.livereload:LiveReloadServer": "docs.py serve: the live-reload server the site builder rebuilds into",
    "mkdocs.livereload:_serve_url": "docs.py serve: the address it prints (private in 1.6; kept by the forks)",
}
