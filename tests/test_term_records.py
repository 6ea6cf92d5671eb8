"""Term records: whose usage each rendering is, shown in the glossary and carried by every export."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

from support.project import VARIETIES

from hetao_docs.editions import load_editions
from hetao_docs.strings import load_catalogs
from hetao_docs.terms import Occurrences, TermMatcher, load_terms
from hetao_docs.terms.annotate import tooltip_heading
from hetao_docs.terms.model import Rendering, Source, Term, name_for
from hetao_docs.terms.render import labels_from, render_glossary

ROOT = Path(__file__).resolve().parent.parent
EDITIONS = load_editions(ROOT / "data" / "editions.yml")
ZH, EN, HANT = EDITIONS.get("zh"), EDITIONS.get("en"), EDITIONS.get("zh-hant")
CATALOGS = load_catalogs(ROOT / "data" / "strings", EDITIONS.codes)
DAY = datetime.date(2026, 12, 1)
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _terms() -> list[Term]:
    terms = load_terms(ROOT / "tests" / "fixtures" / "terms" / "valid.yaml", VARIETIES)
    whitelist = dataclasses.replace(
        terms[0],
        aliases_zh=("白名冊",),
        forms=tuple((lang, (*forms[:1], "白名冊")) for lang, forms in terms[0].forms[:-1]) + terms[0].forms[-1:],
        renderings=(
            Rendering("whitelist", "en", "mainland", "preferred", source=Source("Provisions", "CAC", "Art. 6", "https://example.org/p", "2024-03-22")),
            Rendering("white list", "en", "hong-kong", "deprecated", why="two words in older texts"),
            Rendering("白名冊", "zh-Hant-HK", "hong-kong", "preferred"),
        ),
    )
    return [whitelist, *terms[1:]]


TERMS = _terms()


def test_each_edition_names_the_term_in_its_readers_usage() -> None:
    whitelist = TERMS[0]
    assert (name_for(whitelist, ZH), name_for(whitelist, EN), name_for(whitelist, HANT)) == ("白名单", "whitelist", "白名冊")
    assert tooltip_heading(whitelist, HANT) == "白名冊（whitelist）"
    assert name_for(TERMS[1], HANT) == TERMS[1].zh_hant  # no record: the edition's own form


def _glossary(edition_index: int) -> str:
    edition = EDITIONS.all[edition_index]
    source = EDITIONS.source_of(edition)
    occurrences = Occurrences.scan([], TermMatcher.for_edition(TERMS, source))
    labels = labels_from(CATALOGS[edition.code].group("glossary"))
    return render_glossary(TERMS, edition, labels, occurrences, {})


def test_glossary_shows_the_renderings_side_by_side_in_every_edition() -> None:
    zh, en, hant = (_glossary(i) for i in range(3))
    assert "各地用法" in zh and "Usage by jurisdiction" in en and "各地用法" in hant
    assert '<span lang="en">white list</span></span> · 英文 · 香港用法 · 不建议使用：<span lang="en">two words in older texts</span>' in zh
    assert "白名冊</span></span> · Chinese (Traditional, Hong Kong) · Hong Kong usage · preferred</li>" in en
    assert '<a href="https://example.org/p">' in en and "Art. 6" in en and "2024-03-22" in en
    # the English edition says whose form its English is
    assert "<strong>whitelist</strong> (Mainland usage)" in en
    assert '<h3 id="whitelist" class="hetao-glossary-row__heading">白名冊</h3>' in hant


