"""The change feed: an Atom feed per edition, read by feedparser (what feed readers use) and checked
against RFC 4287's requirements on the XML itself; every link in it resolves in the built site."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import feedparser  # type: ignore[import-untyped]
import pytest
from lxml import etree

from hetao_docs import feed
from hetao_docs import releases as r
from hetao_docs.editions import load_editions
from hetao_docs.linkcheck import SiteIndex

ROOT = Path(__file__).resolve().parent.parent
EDITIONS = load_editions(ROOT / "data" / "editions.yml")
RELEASES = r.load_releases(ROOT / "data" / "releases.yml", "data/releases.yml")
CUT = r.archives(RELEASES, ROOT / "releases")
ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def _site_path(url: str, built_url: str) -> tuple[str, str]:
    assert url.startswith(built_url), url
    parts = urlsplit(url[len(built_url):])
    return parts.path, parts.fragment


@pytest.mark.parametrize("edition", list(EDITIONS), ids=lambda e: e.code)
def test_each_edition_has_a_valid_atom_feed_of_its_releases(site: Path, built_url: str, edition: object) -> None:
    prefix = edition.prefix  # type: ignore[attr-defined]
    data = (site / prefix / feed.FEED_FILE).read_bytes()
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert [e.title.rsplit(" ", 1)[-1] for e in parsed.entries] == [a.release.version for a in reversed(CUT)]
    assert parsed.feed.links[0].href == f"{built_url}{prefix}{feed.FEED_FILE}" and parsed.feed.links[0].rel == "self"
    index = SiteIndex(site)
    for entry in parsed.entries:
        version = entry.title.rsplit(" ", 1)[-1]
        release = next(x for x in RELEASES if x.version == version)
        assert entry.published.startswith(release.date.isoformat()) and entry.summary
        hrefs = re.findall(r'href="([^"]+)"', entry.content[0].value)
        assert len(hrefs) == sum(len(c.sections) for c in release.changes)
        for href in [entry.link, *hrefs]:
            path, fragment = _site_path(href, built_url)
            assert not index.resolve_problem(path, fragment), (href, index.resolve_problem(path, fragment))
        archive = next(link.href for link in entry.links if link.rel == "related")
        assert _site_path(archive, built_url)[0] == f"releases/{version}/{prefix}"


@pytest.mark.parametrize("edition", list(EDITIONS), ids=lambda e: e.code)
def test_the_feed_keeps_rfc_4287s_rules(site: Path, edition: object) -> None:
    root = etree.fromstring((site / edition.prefix / feed.FEED_FILE).read_bytes())  # type: ignore[attr-defined]
    assert root.tag == f"{ATOM}feed" and root.get("{http://www.w3.org/XML/1998/namespace}lang") == edition.lang  # type: ignore[attr-defined]

    def one(element: etree._Element, name: str) -> etree._Element:
        found = element.findall(f"{ATOM}{name}")
        assert len(found) == 1, (name, len(found))  # 4.1.1, 4.1.2: exactly one id, title, updated
        return found[0]

    for name in ("id", "title", "updated"):
        one(root, name)
    assert RFC3339.match(one(root, "updated").text or "")
    assert root.findall(f"{ATOM}author"), "a feed whose entries have no author needs one (4.1.1)"
    entries = root.findall(f"{ATOM}entry")
    assert entries
    for element in (root, *entries):
        alternates = [(link.get("type"), link.get("hreflang")) for link in element.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"]
        assert len(alternates) == len(set(alternates)), "at most one alternate link per type and hreflang (4.1.1, 4.1.2)"
    ids = [one(entry, "id").text for entry in entries]
    assert len(ids) == len(set(ids))
    for entry in entries:
        for name in ("title", "updated", "published", "summary"):
            assert RFC3339.match(one(entry, name).text or "") or name in ("title", "summary")
        content = one(entry, "content")
        assert content.get("type") == "xhtml" and content[0].tag == "{http://www.w3.org/1999/xhtml}div"  # 4.1.3.3


@pytest.mark.parametrize("edition", list(EDITIONS), ids=lambda e: e.code)
def test_every_page_advertises_its_editions_feed(site: Path, edition: object) -> None:
    for page in ("", "problems/coordination/", "glossary/"):
        text = (site / edition.prefix / page / "index.html").read_text(encoding="utf-8")  # type: ignore[attr-defined]
        link = re.search(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)">', text)
        assert link, page
        assert (site / edition.prefix / page / link.group(1)).resolve() == (site / edition.prefix / feed.FEED_FILE).resolve()  # type: ignore[attr-defined]


def test_releases_itself_leads_to_the_change_log(site: Path) -> None:
    text = (site / "releases" / "index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh" content="0; url=../changes/"' in text
