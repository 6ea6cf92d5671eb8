#!/usr/bin/env python3
"""Benchmark of the term engine; prints figures (it asserts nothing).

    python scripts/benchmark_terms.py

1. the engine on the real site: load + validate, scan + render per edition, annotate every page;
2. a synthetic corpus of 2,000 terms x 1,000 sections, then the same sections with 10x the text
   (the ratio shows whether scanning and annotating scale linearly);
Goals: linear, under 1 s at 2,000 x 1,000. (What the whole plugin adds to a build, terms included,
is measured against bare Material by scripts/benchmark_budgets.py.)
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hetao_docs.editions import load_editions  # noqa: E402
from hetao_docs.strings import load_catalogs  # noqa: E402
from hetao_docs.terms import InlineDefinitions, Occurrences, TermMatcher, generate, load_terms  # noqa: E402
from hetao_docs.terms.build import nav_order, read_pages  # noqa: E402
from hetao_docs.terms.cli import read_nav  # noqa: E402
from hetao_docs.terms.model import EnSource, Term  # noqa: E402
from hetao_docs.terms.render import labels_from  # noqa: E402

EDITIONS = load_editions(ROOT / "data" / "editions.yml")
ZH = EDITIONS.primary
VARIETIES = ZH.varieties

# Common Han characters for synthetic terms and filler text.
HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质"  # noqa: E501


def timed(action: Callable[[], object], repeat: int = 3) -> float:
    """Best of `repeat` wall times, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def real_site(built: Path) -> None:
    print("1. Term engine on the real site")
    load = timed(lambda: load_terms(ROOT / "data" / "terms.yaml", VARIETIES))
    terms = load_terms(ROOT / "data" / "terms.yaml", VARIETIES)
    catalogs = load_catalogs(ROOT / "data" / "strings", EDITIONS.codes)
    print(f"   load + validate {len(terms)} terms:        {load * 1000:7.1f} ms")
    total = load
    for edition in EDITIONS:
        source = EDITIONS.source_of(edition)
        pages = read_pages(ROOT / source.docs_dir, nav_order(read_nav(ROOT / EDITIONS.primary.config)))
        labels = labels_from(catalogs[edition.code].group("glossary"))

        def run(edition=edition, source=source, pages=pages, labels=labels) -> object:  # type: ignore[no-untyped-def]
            return generate(terms, edition, source, pages, labels)

        seconds = timed(run)
        total += seconds
        print(f"   scan + render + export, {edition.code:<7} ({len(pages)} pages): {seconds * 1000:7.1f} ms")
    articles = [
        match.group(0)
        for page in sorted(built.rglob("*.html"))
        for match in re.finditer(r"<article.*?</article>", page.read_text(encoding="utf-8"), re.DOTALL)
    ]
    inline = InlineDefinitions(terms, ZH)
    seconds = timed(lambda: [inline.annotate(a, "../glossary/", lambda section: inline.every_term) for a in articles])
    total += seconds
    print(f"   annotate {len(articles)} built pages (all editions):   {seconds * 1000:7.1f} ms")
    print(f"   total:                                  {total * 1000:7.1f} ms")


def synthetic_terms(count: int, rng: random.Random) -> list[Term]:
    forms: set[str] = set()
    while len(forms) < count:
        forms.add("".join(rng.choices(HAN, k=rng.randint(2, 8))))
    source = EnSource(confidence="none", note="synthetic")
    return [
        Term(
            id=f"t{i}", zh=form, pinyin=f"t{i}", en=f"term {i}", en_alt=(), category="market",
            related=(), definition_zh=form + "的定义。", definition_en=f"Definition {i}.", en_source=source,
            forms=((VARIETIES.source, (form,)), *((lang, (form,)) for lang, _ in VARIETIES.converted), (VARIETIES.english, (f"term {i}",))),
        )
        for i, form in enumerate(sorted(forms))
    ]


def synthetic_corpus(terms: list[Term], sections: int, chars: int, rng: random.Random) -> tuple[list[tuple[str, str]], list[str]]:
    """Markdown pages (100 sections each) and the matching HTML, with about one term per 40 characters."""
    pages_md: list[tuple[str, str]] = []
    pages_html: list[str] = []
    for page in range(sections // 100):
        md, html = [f"# 第{page}页 {{ #p{page} }}"], [f'<h1 id="p{page}">第{page}页</h1>']
        for number in range(100):
            parts: list[str] = []
            length = 0
            while length < chars:
                piece = "".join(rng.choices(HAN, k=rng.randint(10, 50))) + rng.choice(terms).zh + "，"
                parts.append(piece)
                length += len(piece)
            text = "".join(parts)
            md += [f"## 第{number}节 {{ #s{number} }}", "", text, ""]
            html += [f'<h2 id="s{number}">第{number}节</h2>', f"<p>{text}</p>"]
        pages_md.append((f"p{page}.md", "\n".join(md)))
        pages_html.append("\n".join(html))
    return pages_md, pages_html


def synthetic() -> None:
    rng = random.Random(20260225)
    terms = synthetic_terms(2000, rng)
    print("2. Synthetic corpus: 2,000 terms x 1,000 sections")
    results = {}
    for label, chars in (("1x", 300), ("10x", 3000)):
        pages_md, pages_html = synthetic_corpus(terms, 1000, chars, rng)
        size = sum(len(md) for _, md in pages_md)
        matcher = TermMatcher.for_edition(terms, ZH)
        inline = InlineDefinitions(terms, ZH)
        scan = timed(lambda: Occurrences.scan(pages_md, matcher), 2)  # noqa: B023 - called at once
        annotate = timed(lambda: [inline.annotate(h, "g/", lambda section: inline.every_term) for h in pages_html], 2)  # noqa: B023
        results[label] = (scan, annotate)
        print(f"   {label:>3} text ({size / 1e6:5.2f} M chars): scan {scan:6.3f} s, annotate HTML {annotate:6.3f} s, together {scan + annotate:6.3f} s")
    build = timed(lambda: TermMatcher.for_edition(terms, ZH), 2)
    print(f"   building the matcher for 2,000 terms: {build * 1000:.1f} ms")
    scan_ratio = results["10x"][0] / results["1x"][0]
    annotate_ratio = results["10x"][1] / results["1x"][1]
    print(f"   10x text / 1x text: scan {scan_ratio:.1f}x, annotate {annotate_ratio:.1f}x (10x = linear)")


def main() -> int:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    with tempfile.TemporaryDirectory(prefix="benchmark-terms-") as scratch:
        built = Path(scratch) / "site"
        result = subprocess.run(
            [sys.executable, "scripts/docs.py", "build", "--site-dir", str(built)],
            cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True,
        )
        if result.returncode != 0:
            raise SystemExit(f"the build failed:\n{result.stderr}")
        real_site(built)
    synthetic()
    return 0


if __name__ == "__main__":
    sys.exit(main())
