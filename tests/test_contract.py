"""The link contract (contract/published-links.txt): checking, updating, and redirects that keep links."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from support.project import EDITIONS

from hetao_docs.linkcheck import SiteIndex
from hetao_docs.links import (
    CONTRACT_HEADER,
    check_contract,
    count_by_edition,
    edition_prefixes,
    published_links,
    read_contract,
    redirect_page,
    update_contract,
)

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = ROOT / "contract" / "published-links.txt"
LINE = re.compile(r"(\./|releases/\d{4}\.\d{2}(\.\d+)?/([a-z0-9-]+/)*|([a-z0-9-]+/)+)(#[a-z0-9]+(-[a-z0-9]+)*)?")


def _page(site: Path, path: str, body: str) -> None:
    target = site / path / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"<html><body><nav id='__nav'></nav><article>{body}</article></body></html>", encoding="utf-8")


def _site(root: Path) -> Path:
    site = root / "site"
    for prefix in ("", "en/"):
        _page(site, prefix, '<h1 id="home">H</h1>')
        _page(site, f"{prefix}problems/coordination/", '<h1 id="coordination">C</h1><h2 id="rule-alignment">R</h2>')
        _page(site, f"{prefix}glossary/", '<h1 id="glossary">G</h1><dl><dt id="whitelist">W</dt></dl>')
        (site / prefix / "search").mkdir(parents=True, exist_ok=True)
        (site / prefix / "search" / "search_index.json").write_text("{}", encoding="utf-8")
    return site


def test_published_links_are_pages_and_section_anchors(tmp_path: Path) -> None:
    site = SiteIndex(_site(tmp_path))
    links = published_links(site)
    assert {"./", "./#home", "problems/coordination/", "problems/coordination/#rule-alignment"} <= links
    assert {"glossary/#whitelist", "en/glossary/#whitelist", "en/"} <= links
    assert not any("__nav" in link for link in links)  # theme ids outside the article are not published
    assert count_by_edition(links, edition_prefixes(tmp_path / "site")) == {"": 8, "en/": 8}


def test_check_names_the_missing_link(tmp_path: Path) -> None:
    site_dir = _site(tmp_path)
    contract = tmp_path / "published-links.txt"
    assert update_contract(contract, SiteIndex(site_dir), allow_removals=False).ok
    assert check_contract(contract, SiteIndex(site_dir)).ok
    _page(site_dir, "en/problems/coordination/", '<h1 id="coordination">C</h1>')  # a section disappears
    result = check_contract(contract, SiteIndex(site_dir))
    assert not result.ok
    assert result.messages[0] == (
        f"{contract}: en/problems/coordination/#rule-alignment is no longer published: "
        "page 'en/problems/coordination/' has no id 'rule-alignment'"
    )


def test_check_names_a_published_anchor_the_contract_does_not_list(tmp_path: Path) -> None:
    site_dir = _site(tmp_path)
    contract = tmp_path / "published-links.txt"
    update_contract(contract, SiteIndex(site_dir), allow_removals=False)
    _page(site_dir, "en/faq/", '<h1 id="faq">FAQ</h1><h2 id="new-question">Q</h2>')  # a new page, a new anchor
    result = check_contract(contract, SiteIndex(site_dir))
    assert not result.ok
    assert result.messages[:2] == [
        f"{contract}: en/faq/ is published but not in the contract: run `python scripts/docs.py contract --update`",
        f"{contract}: en/faq/#faq is published but not in the contract: run `python scripts/docs.py contract --update`",
    ]
    assert result.messages[-1] == "contract: 16 links checked, 0 missing, 3 published links not contracted"


def test_update_refuses_removals_without_the_flag(tmp_path: Path) -> None:
    site_dir = _site(tmp_path)
    contract = tmp_path / "published-links.txt"
    update_contract(contract, SiteIndex(site_dir), allow_removals=False)
    before = contract.read_text(encoding="utf-8")
    (site_dir / "glossary" / "index.html").unlink()
    refused = update_contract(contract, SiteIndex(site_dir), allow_removals=False)
    assert not refused.ok
    assert any("glossary/#whitelist would be removed" in line for line in refused.messages)
    assert contract.read_text(encoding="utf-8") == before
    allowed = update_contract(contract, SiteIndex(site_dir), allow_removals=True)
    assert allowed.ok
    assert "glossary/#whitelist" not in read_contract(contract)
    assert "en/glossary/#whitelist" in read_contract(contract)


def test_a_link_served_by_a_redirect_counts_as_kept(tmp_path: Path) -> None:
    site_dir = _site(tmp_path)
    contract = tmp_path / "published-links.txt"
    update_contract(contract, SiteIndex(site_dir), allow_removals=False)
    # Move problems/coordination/ to problems/joint-rules/ and leave a redirect at the old path.
    moved = (site_dir / "problems" / "coordination" / "index.html").read_text(encoding="utf-8")
    _page(site_dir, "problems/joint-rules/", "")
    (site_dir / "problems" / "joint-rules" / "index.html").write_text(moved, encoding="utf-8")
    old = site_dir / "problems" / "coordination" / "index.html"
    old.write_text(redirect_page("problems/coordination/", "problems/joint-rules/", ""), encoding="utf-8")
    site = SiteIndex(site_dir)
    moved_check = check_contract(contract, site)
    assert not moved_check.ok and all("no longer published" not in line for line in moved_check.messages)  # only the new page's links
    assert update_contract(contract, site, allow_removals=False).ok
    assert check_contract(contract, site).ok
    lines = read_contract(contract)
    assert "problems/coordination/#rule-alignment" in lines  # the old link stays contracted
    assert "problems/joint-rules/#rule-alignment" in lines  # the new one is added


def test_cli_check_fails_naming_the_link(tmp_path: Path) -> None:
    site_dir = _site(tmp_path)
    contract = tmp_path / "published-links.txt"
    update_contract(contract, SiteIndex(site_dir), allow_removals=False)
    (site_dir / "problems" / "coordination" / "index.html").unlink()
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "docs.py"), "contract", "--check", "--site-dir", str(site_dir),
         "--contract", str(contract)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "problems/coordination/#rule-alignment is no longer published" in result.stdout


def test_committed_contract_is_sorted_unique_and_well_formed() -> None:
    text = CONTRACT.read_text(encoding="utf-8")
    assert text.startswith(CONTRACT_HEADER)
    lines = read_contract(CONTRACT)
    assert lines == sorted(set(lines))
    assert [line for line in lines if not LINE.fullmatch(line)] == []
    for edition in EDITIONS.prefixes:
        assert f"{edition or './'}" in lines, f"edition '{edition}' has no home page in the contract"
