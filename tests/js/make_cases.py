"""The JavaScript unit tier's case tables, written from the Python definitions (no build, no browser).

    python tests/js/make_cases.py [OUT_DIR]     # default: .cache/js-cases/

Each table pairs inputs with what the Python side computes for them: citations as the source page
renders them (`hosting.format_citation`) from the cite data the build writes (`cite_data`), the
order of the real releases (`Release.key`), dates in each edition's citation style, the search
keys (`search.phrase_key`, `search.normalise`) and the term check's findings on the real term base
(`check_page.TextChecker`). The tests in tests/js/*.test.js run the shipped scripts under Node
(`node --test`) against them, from their sources and as the bundler (`assets.py`) publishes them.
`scripts/dev.py test` runs this, then Node, before pytest.
"""

from __future__ import annotations

import datetime
import html
import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
# What the tables are made from: our code, the pages, the data, the stored releases, the pins.
INPUTS = ("hetao_docs", "docs", "data", "releases", "tests/support", "tests/js/make_cases.py", "requirements.txt")
STAMP = "inputs.sha256"  # beside the tables: their inputs' hash, so unchanged inputs make nothing again


def inputs_hash() -> str:
    """The hash of every file the tables are made from (its path and bytes), and of the Python that makes them."""
    from hetao_docs.kept import inputs_key  # light: hashlib and pickle

    paths = []
    for name in INPUTS:
        top = ROOT / name
        paths += sorted(p for p in (top.rglob("*") if top.is_dir() else [top]) if p.is_file() and "__pycache__" not in p.parts)
    return inputs_key([sys.version.encode(), *(part for path in paths for part in (str(path.relative_to(ROOT)).encode(), path.read_bytes()))])


def up_to_date(out: Path, key: str) -> bool:
    return (out / STAMP).is_file() and (out / STAMP).read_text(encoding="utf-8") == key


sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

if __name__ == "__main__":  # checked before the imports below, which take most of the time when nothing changed
    _out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / ".cache" / "js-cases"
    _key = inputs_hash()  # main() writes it (hashing every input again cost as much as this check)
    if up_to_date(_out, _key):
        print(f"make_cases: the case tables in {_out} are up to date")
        sys.exit(0)

from support.project import EDITIONS, VARIETIES, catalogs, terms  # noqa: E402

from hetao_docs import assets, cite_data, hosting, search  # noqa: E402
from hetao_docs.links import ARCHIVE_PREFIX  # noqa: E402
from hetao_docs.releases import archives, load_releases  # noqa: E402
from hetao_docs.terms.check_page import TextChecker, check_data, status_line  # noqa: E402

SCRIPTS = ROOT / "hetao_docs" / "theme" / "assets" / "javascripts"
# The scripts under test, as published: the bundle that ends with each (or the script alone,
# minified, when scripts that set up a page follow it in its bundle: hosting.js).
SHIPPED = ("hosting.js", "search.js", "term-check.js", "workers/search-hetao.js")
SITE_URL = "https://example.org/hetao/"
ACCESSED = datetime.date(2026, 12, 7)
SITE_NAME = "河套跨境数据参考"
TERM_CHECK_TEXTS = [
    "深港两地的个人信息保护规则不同；数据\n跨境流动要经过安全评估，\r\n数据跨境负面青单和白明单也要公布。"
    "香港的《個人資料（私隱）條例》、數据跨境。\n"
    "Ｔｈｅ ＧＢＡ Standard Contract covers cross-\nborder data; privacy computing, a whitlist and "
    "the Hetao Shenzhen-Hong Kong Science and Technology Innovation\nCooperation Zone’s regulatory sandbox.",
    "采用whitelist模式的数据出境安全评估与个人信息保护认证；ＷＨＩＴＥＬＩＳＴ、白名單、负面清单。",
    "A negative list for cross-border data, the negative list, Personal Data (Privacy) Ordinance (Cap. 486) and PCPD.",
    "数据跨境负面清单、數據跨境負面清單，数据入境，数据跨境流动，cross-border data flows, cross-boundary data flow.",
    "北环线支线、北環綫支線、北環線支線；河套深港科技创新合作区与河套合作区；研发在港、应用在深。",
    # issue 24: a form judged the same in either script; a script slip fixed by the same word
    "个人资料和個人資料，個人信息和个人信息；个人資料。",
]
# Counts for the status line (check_page.status_line): singular and plural of each noun.
STATUS_COUNTS = [(1, 1, 1), (2, 3, 0), (20, 23, 2), (0, 0, 1)]
FOLD_TEXTS = [
    "研发在港、应用在深", "Cross-Border  Data", "ＧＢＡ Standard Contract", "Bái míng dān", "数据 跨境 流动",
    "Hetao (河套) zone", "“白名单”制度", "e-CNY, 2026.12.1", "Ⅻ ﬁle №5", "PCPD's guidance", "个人信息出境标准合同（GBA）",
    "  leading and trailing  ", "", "—", "Zone’s sandbox", "深港科技创新合作区 Shenzhen Park",
]
# Queries and the quoted phrases the worker reads in them, folded (search.phrase_key).
QUOTED_QUERIES = [
    ('"白名单" 制度', ["白名单"]), ("“Data Flow” sandbox", ["data flow"]), ("「個人資料」『私隱』", ["個人資料", "私隱"]),
    ('"unfinished', ["unfinished"]), ('"" empty', []), ("no quotes at all", []), ('"A-B" and “C D”', ["a b", "c d"]),
]


def write(out: Path, name: str, cases: Any) -> None:
    (out / name).write_text(json.dumps(cases, ensure_ascii=False, indent=1), encoding="utf-8")


def hosting_cases() -> dict[str, Any]:
    releases = load_releases(ROOT / "data" / "releases.yml", "data/releases.yml")
    archived_here = [a.release.version for a in archives(releases, ROOT / "releases")]
    refs = cite_data.release_refs(releases, archived_here)
    newest = max(releases, key=lambda r: r.key)
    editions: list[dict[str, Any]] = []
    for edition in EDITIONS:
        catalog = catalogs()[edition.code]
        texts = hosting.edition_texts(catalog, edition)
        cite = cite_data.edition_cite(texts, edition, "https://github.com/example/hetao/issues/new")
        release_texts = catalog.group("releases")
        pages = []
        for path, own, section, section_id in (
            ("source/", False, "如何引用", "how-to-cite"), ("source/", False, None, ""), ("glossary/", True, "Data", "data"),
        ):
            page_path = edition.prefix + path
            url = SITE_URL + page_path
            data = cite_data.page_cite_data(
                url=url, site=SITE_NAME, own=own, release=newest,
                releases=releases, archived_here=archived_here, edition=edition, release_texts=release_texts,
                changed={}, unreleased=[], archived=False, root="../" * (page_path.count("/")), published_root=SITE_URL,
                page_path=page_path, changes="../" * (page_path.count("/") - edition.prefix.count("/")) + "changes/", cite=cite,
            ).as_json()
            cited = hosting.Cited(
                site=data["site"], page="页面", section=section, url=f"{url}?release={newest.version}" + (f"#{section_id}" if section_id else ""),
                release=newest.version, release_date=newest.date, own_text=own,
                archive=f"{SITE_URL}{ARCHIVE_PREFIX}{newest.version}/{page_path}" + (f"#{section_id}" if section_id else "")
                if newest.version in archived_here else "",
            )
            line = data["release_line"]
            pages.append({
                "data": data, "title": "页面", "section": section or "", "id": section_id,
                "citation": hosting.format_citation(texts, edition, cited, ACCESSED),
                # the release line's links, resolved against the page's address
                "release_line": {
                    "text": line,
                    "links": [  # the archive, once the release is cut
                        *([[f"{SITE_URL}{ARCHIVE_PREFIX}{newest.version}/{page_path}{'#' + section_id if section_id else ''}",
                            release_texts["release_archive"]]] if newest.version in archived_here else []),
                        [f"{SITE_URL}{edition.prefix}changes/#{newest.anchor}", release_texts["release_changes"]],
                    ],
                },
            })
        changed_since = []
        page_path = edition.prefix + "source/"
        by_version = {r.version: r for r in releases}
        for unreleased in (False, True):
            data = cite_data.page_cite_data(
                url=SITE_URL + page_path, site=SITE_NAME, own=False, release=newest, releases=releases, archived_here=archived_here,
                edition=edition, release_texts=release_texts, changed={"how-to-cite": [r.version for r in refs], "": [r.version for r in refs]},
                unreleased=["how-to-cite", ""] if unreleased else [], archived=False, root="../" * page_path.count("/"),
                published_root=SITE_URL, page_path=page_path, changes="../changes/", cite=cite,
            ).as_json()
            published = ", ".join(r.version for r in refs if r.archive or r.version == newest.version)
            for cited in [*by_version, "2020.01"]:  # the last: a version the change log does not list
                for section in ("how-to-cite", ""):  # a section, and the page as a whole
                    changed_since.append({"data": data, "id": section, "cited": cited,
                                          "notice": _notice(cited, section, unreleased, refs, by_version, archived_here, page_path,
                                                            edition, release_texts, published)})
        dates = [datetime.date(2026, 2, 25), datetime.date(2026, 12, 1), datetime.date(2027, 1, 9), ACCESSED]
        editions.append({
            "code": edition.code,
            "english": edition.is_english,
            "dates": [[d.isoformat(), hosting.format_date(d, edition)] for d in dates],
            "pages": pages,
            "changed_since": changed_since,
        })
    versions = [r.version for r in releases] + ["2099.01"]  # the last: a version the change log does not list
    known = {r.version: r.key for r in releases}
    newer = [[a, b, a in known and b in known and known[a] > known[b]] for a in versions for b in versions]
    return {"accessed": ACCESSED.isoformat(), "releases": [r.__dict__ for r in refs], "newer": newer, "editions": editions}


def _notice(cited: str, section: str, unreleased: bool, refs: Any, by_version: Any, archived_here: Any, page_path: str,
            edition: Any, release_texts: Any, published: str) -> dict[str, Any] | None:
    """What the "changed since" notice says of a link copied in release `cited` ("" : the whole page)."""
    if cited not in by_version:
        return {"text": release_texts["notice_unknown"].format(cited=cited, versions=published), "links": []}
    since = [r.version for r in refs if by_version[r.version].key > by_version[cited].key]
    if not since and not unreleased:
        return None
    fragment = f"#{section}" if section else ""
    links = [[f"{SITE_URL}{ARCHIVE_PREFIX}{cited}/{page_path}{fragment}", release_texts["notice_cited"].format(cited=cited)]]
    links = links if cited in archived_here else []
    anchor = f"#{by_version[since[-1]].anchor}" if since else ""
    links.append([f"{SITE_URL}{edition.prefix}changes/{anchor}", release_texts["notice_changes"]])
    versions = ", ".join(since + ([release_texts["unreleased_short"]] if unreleased else []))
    return {"text": release_texts["notice" if section else "notice_page"].format(cited=cited, versions=versions), "links": links}


@cache
def page_lines() -> list[str]:
    """Every line of the site's Markdown in every edition's folder, and the term base's: real text."""
    files = [*sorted((ROOT / "docs").rglob("*.md")), ROOT / "data" / "terms.yaml"]
    lines = {line.strip() for path in files for line in path.read_text(encoding="utf-8").splitlines()}
    return sorted(line for line in lines if line)


def search_cases() -> dict[str, Any]:
    html_texts = ["<p>研发在港、<code>应用</code>在深</p>", "Cross&nbsp;Border &amp; <em>Data</em>", "A&#x2013;B&#8212;c &lt;tag&gt;"]
    return {
        "fold": [[text, search.phrase_key(text)] for text in [*FOLD_TEXTS, *page_lines()]],
        "fold_html": [[text, search.phrase_key(html.unescape(search._TAG.sub(" ", text)))] for text in html_texts],
        "normalise": [[text, search.normalise(text)] for text in [*FOLD_TEXTS, "Bái míng dān", "ＷＨＩＴＥＬＩＳＴ", "lǜ", *page_lines()]],
        "quoted": [[query, phrases] for query, phrases in QUOTED_QUERIES],
        # what the "no section contains it" notice quotes (its own quotation marks go around it)
        "notice": [['"白名单" 制度', "白名单"], ["“Data Flow” 「私隱」", "Data Flow” 「私隱"], ['"unfinished', "unfinished"], ['"" x', ""]],
    }


def term_check_cases() -> list[dict[str, Any]]:
    base = terms()
    checker = TextChecker(base, VARIETIES)
    # the English pages' openings: long real text, many terms (the browser tier checks whole pages)
    docs = [p.read_text(encoding="utf-8")[:1500] for p in sorted((ROOT / "docs" / "en").glob("*.md"))]
    out = []
    for edition in EDITIONS:
        texts = catalogs()[edition.code].group("term_check")
        cases = []
        for usage in VARIETIES.usages:
            for text in [*TERM_CHECK_TEXTS, *docs]:
                found = [list(f.as_tuple()) for f in checker.check(text, usage, edition)]
                cases.append({"text": text, "usage": usage, "findings": found})
        status = [[*counts, status_line(texts, *counts)] for counts in STATUS_COUNTS]
        out.append({"code": edition.code, "data": check_data(base, edition, texts, "glossary/"), "cases": cases, "status": status})
    return out


def main(argv: list[str], key: str | None = None) -> int:
    """Write the tables; `key`: their inputs' hash, if already computed."""
    out = Path(argv[0]) if argv else ROOT / ".cache" / "js-cases"
    key = key or inputs_hash()
    (out / STAMP).unlink(missing_ok=True)  # written last: a run cut short is made again
    (out / "published" / "workers").mkdir(parents=True, exist_ok=True)
    sources = {path: (SCRIPTS.parent.parent / path).read_text(encoding="utf-8") for path in assets.source_paths() if path.endswith(".js")}
    for name in SHIPPED:
        path = f"assets/javascripts/{name}"
        bundle = next(b for b in assets.BUNDLES if path in b.sources)
        text = assets.bundle_text(bundle, sources) if bundle.sources[-1] == path else assets.minify(sources[path], "js")
        (out / "published" / name).write_text(text, encoding="utf-8")
    write(out, "hosting.json", hosting_cases())
    write(out, "search.json", search_cases())
    write(out, "term-check.json", term_check_cases())
    (out / STAMP).write_text(key, encoding="utf-8")
    print(f"make_cases: wrote the case tables to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], _key))
