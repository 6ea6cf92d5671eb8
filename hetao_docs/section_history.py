"""What changed in a section, shown at the section: its text in each release, compared at build time.

Under the "last changed" line of a section that has changed since it was first released, a closed
`<details>` lists each release it changed in, each with the words (English) or characters (Chinese)
deleted and inserted against the release before; and, hidden, the change from each earlier release
to today's text, which the "changed since" notice of a link copied in that release shows
(`data-since`). The texts come from the archives as they were cut and from today's page, read the
same way (the article's text, without ¶, cite buttons, provenance or history lines), so that only
the words count. Plain Python, no MkDocs import; every text is escaped here.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser

PLACEHOLDER = "<!--hetao-history:{id}-->"
# A history's id: its section's, after a double hyphen, which no section id has (links.SLUG): the
# history grows with each release that changes the section, so it is not a published anchor.
HISTORY_ID = "hetao-history--"  # written with the "last changed" line, filled in on the final page
_PLACEHOLDER = re.compile(r"<!--hetao-history:([a-z0-9][a-z0-9-]*)-->")
# Not the section's words: our own lines and buttons, and the theme's permalink.
_SKIP_CLASSES = {
    "headerlink", "hetao-provenance", "hetao-changed", "hetao-history", "hetao-changed-since", "hetao-cite", "md-source-file",
    "hetao-release", "hetao-attribution", "hetao-archived", "hetao-print-header",  # the page's furniture, not a section's words
}
_SKIP_TAGS = {"script", "style", "template", "button", "svg", "noscript"}
_BLOCKS = {"p", "li", "dt", "dd", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption", "pre", "table", "summary", "div"}
_VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed", "param", "track"}


class _Sections(HTMLParser):
    """The article's text per heading id; a section's text includes its subsections'."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.headings: list[tuple[int, str, int]] = []  # (level, id, index of its first chunk)
        self.depth = 0  # inside <article>
        self.skipping = 0  # depth inside a skipped element
        self.langs: list[tuple[str, str | None]] = []  # open elements inside the article, with the lang each sets or inherits

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "article":
            self.depth += 1
        if not self.depth or tag in _VOID:
            return
        if self.skipping:
            self.skipping += 1
            return
        classes = set((found.get("class") or "").split())
        if tag in _SKIP_TAGS or classes & _SKIP_CLASSES:
            self.skipping = 1
            return
        if tag != "article":
            self.langs.append((tag, found.get("lang") or (self.langs[-1][1] if self.langs else None)))
        if tag in _BLOCKS:
            self.chunks.append("\n")
        if re.fullmatch(r"h[1-6]", tag) and found.get("id"):
            self.headings.append((int(tag[1]), str(found["id"]), len(self.chunks)))

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not self.depth:
            return
        if self.skipping:
            self.skipping -= 1
            return
        while self.langs and self.langs.pop()[0] != tag:  # an element closed implicitly closes with its parent
            pass
        if tag in _BLOCKS:
            self.chunks.append("\n")
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skipping:
            text = re.sub(r"\s+", " ", data)  # a line break in the source is a space; blocks break lines
            lang = self.langs[-1][1] if self.langs else None
            self.chunks.append(f"{_OPEN}{lang}{_MID}{text}{_CLOSE}" if lang and text.strip() else text)

    def sections(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for position, (level, heading_id, start) in enumerate(self.headings):
            end = next((s for lvl, _, s in self.headings[position + 1:] if lvl <= level), len(self.chunks))
            found[heading_id] = _tidy("".join(self.chunks[start:end]))
        return found


def _tidy(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def section_texts(page_html: str) -> dict[str, str]:
    """Heading id → the section's text (paragraphs on lines of their own)."""
    parser = _Sections()
    parser.feed(page_html)
    parser.close()
    return parser.sections()


# Text in another language than the page's (a Simplified example in the Traditional edition) keeps
# its lang through the comparison: marked in the section's text, a span of its own in the diff.
_OPEN, _MID, _CLOSE = "\x01", "\x02", "\x03"
_MARKED = re.compile(f"{_OPEN}([^{_MID}]*){_MID}(.*?){_CLOSE}", re.DOTALL)
_WORDS = re.compile(r"\w+|\s+|[^\w\s]")
_CJK_RUNS = re.compile(r"[A-Za-z0-9]+|\s+|.", re.DOTALL)
Token = tuple[str, str | None]  # (text, lang)


def _tokens(text: str, words: bool) -> list[Token]:
    split = (_WORDS if words else _CJK_RUNS).findall
    found: list[Token] = []
    position = 0
    for match in _MARKED.finditer(text):
        found += [(t, None) for t in split(text[position:match.start()])]
        found += [(t, match.group(1)) for t in split(match.group(2))]
        position = match.end()
    return found + [(t, None) for t in split(text[position:])]


def plain(text: str) -> str:
    """A section's text without its language marks."""
    return _MARKED.sub(lambda m: m.group(2), text)


def diff_html(old: str, new: str, *, words: bool) -> str:
    """`new` against `old`, deletions in <del>, insertions in <ins>: by word (English) or by
    character, a Latin word or number kept whole (Chinese)."""
    a, b = _tokens(old, words), _tokens(new, words)
    runs: list[tuple[str, str | None, str]] = []  # (op, lang, text), neighbours of one op and lang joined
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        parts = [("", t) for t in a[i1:i2]] if op == "equal" else [("del", t) for t in a[i1:i2]] + [("ins", t) for t in b[j1:j2]]
        for kind, (text, lang) in parts:
            if runs and runs[-1][:2] == (kind, lang):
                runs[-1] = (kind, lang, runs[-1][2] + text)
            else:
                runs.append((kind, lang, text))
    out = []
    for kind, lang, text in runs:
        shown = f'<span lang="{html.escape(lang)}">{html.escape(text)}</span>' if lang else html.escape(text)
        out.append(f"<{kind}>{shown}</{kind}>" if kind else shown)
    return "".join(out)


@dataclass(frozen=True)
class HistoryTexts:
    summary: str  # "What changed, release by release"
    release: str  # "Release {version} ({date})"
    unreleased: str  # "Since release {version}, not yet released"
    since: str  # "From release {version} to today"
    legend: str  # "Deleted text is struck through; inserted text is underlined."
    same: str  # "No change in the words (layout only)."


def history_block(
    section_id: str,
    *,
    versions: Sequence[str],
    texts_in: Mapping[str, str | None],
    current: str,
    changed_in: Sequence[str],
    unreleased: bool,
    label: HistoryTexts,
    date: Callable[[str], str],
    words: bool,
    compare: Callable[..., str] = diff_html,
) -> str:
    """The history of one section. `versions`: every cut release, oldest first; `texts_in[v]`: the
    section's text in release v (None where it did not exist); `changed_in`: the releases whose text
    differs from the one before (oldest first, from the fingerprints); `compare`: diff_html, or
    one that remembers its results (history_cache.diff_html)."""
    e = html.escape

    def diff(old: str | None, new: str) -> str:
        if old == new:
            return f'<p class="hetao-history__same">{e(label.same)}</p>'
        return f'<div class="hetao-diff">{compare(old or "", new, words=words)}</div>'

    steps: list[str] = []
    for version in changed_in:
        # a release not among the archives is the one being cut: today's text is its text
        before = versions[: versions.index(version)] if version in versions else list(versions)
        previous = next((texts_in.get(v) for v in reversed(before) if texts_in.get(v) is not None), None)
        text = texts_in.get(version) if version in versions else current
        if previous is None or text is None:
            continue  # the release that first published it: nothing to compare
        steps.append(f"<h4>{e(label.release.format(version=version, date=date(version)))}</h4>{diff(previous, text)}")
    last = next((texts_in.get(v) for v in reversed(versions) if texts_in.get(v) is not None), None)
    if unreleased and last is not None:
        steps.append(f"<h4>{e(label.unreleased.format(version=versions[-1]))}</h4>{diff(last, current)}")
    since: list[str] = []
    for version in versions:
        old = texts_in.get(version)
        if old is None or old == current:
            continue
        since.append(
            f'<div class="hetao-history__since" data-since="{e(version)}" hidden>'
            f"<p>{e(label.since.format(version=version))}</p>{diff(old, current)}</div>"
        )
    if not steps and not since:
        return ""
    return (
        f'<details class="hetao-history" id="{HISTORY_ID}{e(section_id)}" data-search-exclude>'
        f"<summary>{e(label.summary)}</summary><p class=\"hetao-history__legend\">{e(label.legend)}</p>"
        f'{"".join(steps)}{"".join(since)}</details>'
    )


def fill_placeholders(page_html: str, block: Callable[[str], str]) -> str:
    """Replace each section's placeholder with its history (or nothing)."""
    return _PLACEHOLDER.sub(lambda m: block(m.group(1)), page_html)
