"""The hetao plugin's options (`plugins: hetao: …` in mkdocs.yml), apart from the plugin, as
Material's plugins keep theirs."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from hetao_docs import project_files


class HetaoConfig(base.Config):
    edition = c.Type(str)  # a code of the edition table
    editions = c.File(exists=True, default=project_files.EDITIONS)
    terms = c.File(exists=True, default=project_files.TERM_BASE)
    strings = c.Dir(exists=True, default=project_files.STRINGS)
    redirects = c.Optional(c.File(exists=True))
    article = c.Optional(c.File(exists=True))  # the article's numbered paragraphs (provenance)
    offline_zip = c.Optional(c.Type(str))  # a built offline copy to publish as downloads/hetao-offline.zip
    releases = c.Optional(c.File(exists=True))  # the change log
    archives = c.Type(str, default="releases")  # the folder of cut releases, each as built
    archive = c.Optional(c.Type(str))  # "v2026.12": build the archive of this release (docs.py release); "v" keeps YAML from reading a number
    fingerprints_out = c.Optional(c.Type(str))  # write this edition's section fingerprints here (the site builder merges them)
    published_url = c.Type(str, default="")  # the published address ("": none configured)
    report_issues = c.Type(str, default="")  # a repository's "new issue" URL for "Report an error"
