"""The page policy (Content-Security-Policy) and the server configurations, on strings and folders."""

from __future__ import annotations

import base64
import gzip
import hashlib
from pathlib import Path

from hetao_docs.page_policy import InlineHashes, inline_hashes, policy, source_hash, with_policy
from hetao_docs.serving import (
    IMMUTABLE,
    REVALIDATE,
    headers_file,
    is_hashed,
    nginx_server_block,
    write_configs,
)
from hetao_docs.site_finish import Finish, finish_folder

PAGE = """<!doctype html>
<html><head>
<meta charset="utf-8">
<script>__md_scope=new URL("..",location)</script>
<script src="assets/x.js"></script>
<script type="application/ld+json">{"@type": "WebPage"}</script>
<script id="__config" type="application/json">{"base": ".."}</script>
<style>body{color:red}</style>
</head><body><script type="module">import "./a.js"</script></body></html>
"""


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_hashes_cover_the_inline_scripts_a_browser_runs_and_the_styles() -> None:
    found = inline_hashes(PAGE)
    assert found.scripts == {_sha('__md_scope=new URL("..",location)'), _sha('import "./a.js"')}
    assert found.styles == {_sha("body{color:red}")}
    assert source_hash("") == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"  # sha256 of nothing


def test_the_policy_allows_our_origin_and_the_hashes_and_nothing_else() -> None:
    text = policy(inline_hashes(PAGE))
    directives = {part.split()[0]: part.split()[1:] for part in text.split("; ")}
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"][0] == "'self'" and len(directives["script-src"]) == 3
    assert directives["object-src"] == ["'none'"]
    assert "unsafe" not in text and "http" not in text and "*" not in text
    assert "frame-ancestors" not in text  # a <meta> policy cannot carry it
    assert "frame-ancestors 'self'" in policy(InlineHashes(), header=True)


def test_every_page_gets_its_policy_first_in_head_once() -> None:
    page, hashes = with_policy(PAGE)
    assert page.index('http-equiv="Content-Security-Policy"') < page.index("<script")
    assert page.index("<meta charset") < page.index('http-equiv="Content-Security-Policy"')
    assert with_policy(page)[0] == page  # applied again (an archive built with a policy): replaced, not doubled
    assert hashes == inline_hashes(PAGE)
    assert with_policy("<p>fragment</p>")[0] == "<p>fragment</p>"


def test_the_site_policy_is_the_union_of_the_pages(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "en" / "index.html").write_text(PAGE.replace('".."', '"../.."'), encoding="utf-8")
    header = finish_folder(tmp_path, Finish(policy=True)).site_policy()
    assert _sha('__md_scope=new URL("..",location)') in header and _sha('__md_scope=new URL("../..",location)') in header
    for page in tmp_path.rglob("*.html"):
        assert page.read_text(encoding="utf-8").count("Content-Security-Policy") == 1


def test_nginx_block_caches_hashed_assets_and_revalidates_the_rest() -> None:
    block = nginx_server_block("/hetao/", "default-src 'self'")
    assert "error_page 404 /hetao/404.html;" in block and "gzip_static on;" in block
    assert block.count(f'Cache-Control "{IMMUTABLE}"') == 1 and block.count(f'Cache-Control "{REVALIDATE}"') == 1
    assert block.count("add_header Content-Security-Policy \"default-src 'self'\" always;") == 2  # every location
    assert is_hashed("assets/javascripts/bundle.a5f9d56c.min.js") and not is_hashed("assets/javascripts/term-tips.js")


def test_headers_file_names_each_hashed_asset(tmp_path: Path) -> None:
    text = headers_file("/", "default-src 'self'", ["assets/b.0123abcd.min.css"])
    assert text.splitlines()[1:3] == ["/*", "  Content-Security-Policy: default-src 'self'"]
    assert f"/assets/b.0123abcd.min.css\n  Cache-Control: {IMMUTABLE}\n" in text
    assert "Cache-Control" not in text.split("/assets/")[0]  # the hosts combine matching rules' values


def test_precompressed_copies_and_configs(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<p>" * 500, encoding="utf-8")
    (tmp_path / "assets" / "app.0123abcd.min.js").write_text("x" * 500, encoding="utf-8")
    (tmp_path / "small.css").write_text("a{}", encoding="utf-8")
    finish_folder(tmp_path, Finish(compress=True))
    assert sorted(path.name for path in tmp_path.rglob("*.gz")) == ["app.0123abcd.min.js.gz", "index.html.gz"]
    assert gzip.decompress((tmp_path / "index.html.gz").read_bytes()) == b"<p>" * 500
    write_configs(tmp_path, "/hetao/", "default-src 'self'")
    assert "/hetao/assets/app.0123abcd.min.js" in (tmp_path / "_headers").read_text(encoding="utf-8")
    assert "root /srv/www;" in (tmp_path / "nginx-server.conf").read_text(encoding="utf-8")
