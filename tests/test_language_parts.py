"""Language of parts without a build: Chinese runs in English text tagged by their script."""

from __future__ import annotations

from support.project import EDITIONS

from hetao_docs.conversions import convert
from hetao_docs.language_parts import mark


def marked(page: str, lang: str = "en") -> str:
    return mark(page, lang, "zh-Hans", "zh-Hant-HK", "zh-Hans", convert, EDITIONS.primary.varieties.script_test)


def test_chinese_in_english_text_gets_its_lang_by_script() -> None:
    page = ('<html><head><title>大有作为</title><script>var a = "白名单"</script></head><body><p>九</p><article>'
            '<p>It has done much (大有作为). The PCPD (個人資料私隱專員公署) &amp; 一区两园 <a href="#x" title="白名单">whitelist</a></p>'
            '<p lang="zh-Hans">已标记的中文</p><code>代码</code><br></article></body></html>')
    out = marked(page)
    assert '(<span lang="zh-Hans">大有作为</span>)' in out
    assert '(<span lang="zh-Hant-HK">個人資料私隱專員公署</span>)' in out
    assert '&amp; <span lang="zh-Hans">一区两园</span>' in out
    assert 'title="白名单"' in out and '<title>大有作为</title>' in out and 'var a = "白名单"' in out
    assert '<p lang="zh-Hans">已标记的中文</p>' in out and "<code>代码</code>" in out
    assert "<p>九</p>" in out  # outside the article
    assert out.replace('<span lang="zh-Hans">', "").replace('<span lang="zh-Hant-HK">', "").replace("</span>", "") == page.replace("</span>", "")


def test_simplified_quoted_in_the_traditional_editions_english_note() -> None:
    page = '<article><p>數據跨境</p><p lang="en">The Mainland term 个人信息 and <span lang="zh-Hant-HK">個人資料</span></p></article>'
    out = marked(page, "zh-Hant-HK")
    assert '<p>數據跨境</p>' in out and 'The Mainland term <span lang="zh-Hans">个人信息</span> and' in out
    assert '<span lang="zh-Hant-HK">個人資料</span>' in out
