"""The change feed: one Atom feed (RFC 4287) per edition, `feed.xml` at the edition's root.

Each cut release is an entry: its version and date, its summary, and each change with the
sections it touched, linked. Readers who cite the site subscribe to learn when a section changes;
every page's head advertises the feed. Plain Python, no MkDocs import; text is escaped here.
"""

from __future__ import annotations

import datetime
import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from hetao_docs.releases import Release

FEED_FILE = "feed.xml"
MEDIA_TYPE = "application/atom+xml"


@dataclass(frozen=True)
class FeedTexts:
    title: str  # the feed's title ("Changes")
    entry_title: str  # "Release {version}"
    why: str  # "Why: "
    archive: str  # "This release as archived"
    sections_separator: str  # between the sections a change lists ("、" in Chinese)


def _time(day: datetime.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"  # a release is dated by day; RFC 3339 needs a time


def atom_feed(
    releases: Sequence[Release],
    *,
    language: str,
    lang: str,
    site_name: str,
    edition_url: str,
    changes_url: str,
    texts: FeedTexts,
    section_link: Callable[[str], tuple[str, str]],
    archive_url: Callable[[str], str | None],
    convert: Callable[[str], str] = str,
) -> str:
    """The feed of `releases` (newest first; only those published). `section_link("page.md#id")`
    gives (absolute URL, "Page › Section"); `language` picks the change log's zh or en text, `lang`
    is the feed's xml:lang."""
    e = html.escape
    feed_url = edition_url + FEED_FILE
    newest = max((r.date for r in releases), default=datetime.date(2026, 1, 1))
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{e(lang)}">',
        f"  <id>{e(feed_url)}</id>",
        f"  <title>{e(site_name)} · {e(texts.title)}</title>",
        f"  <updated>{_time(newest)}</updated>",
        f"  <author><name>{e(site_name)}</name><uri>{e(edition_url)}</uri></author>",
        f'  <link rel="self" type="{MEDIA_TYPE}" href="{e(feed_url)}"/>',
        f'  <link rel="alternate" type="text/html" href="{e(changes_url)}"/>',
    ]

    def said(pair: Mapping[str, str]) -> str:
        return convert(pair[language])

    for release in releases:
        entry_url = f"{changes_url}#{release.anchor}"
        items = []
        for change in release.changes:
            links = texts.sections_separator.join(f'<a href="{e(url)}">{e(text)}</a>' for url, text in map(section_link, change.sections))
            items.append(f"<li><p>{e(said(change.what))}</p><p>{e(texts.why)}{e(said(change.why))}</p><p>{links}</p></li>")
        archived = archive_url(release.version)
        out += [
            "  <entry>",
            f"    <id>{e(entry_url)}</id>",
            f"    <title>{e(texts.entry_title.format(version=release.version))}</title>",
            f"    <published>{_time(release.date)}</published>",
            f"    <updated>{_time(release.date)}</updated>",
            f'    <link rel="alternate" type="text/html" href="{e(entry_url)}"/>',
            *([f'    <link rel="related" type="text/html" title="{e(texts.archive)}" href="{e(archived)}"/>'] if archived else []),
            f"    <summary>{e(said(release.summary))}</summary>",
            f'    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><ul>{"".join(items)}</ul></div></content>',
            "  </entry>",
        ]
    out.append("</feed>")
    return "\n".join(out) + "\n"
