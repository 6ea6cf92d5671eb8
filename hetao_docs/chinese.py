"""Simplified → Traditional conversions (one per converted edition) and pinyin, shared by the term
base and the editions.

A `Conversion` is what the edition table names for a converted edition: an OpenCC configuration
and, optionally, a phrase table. OpenCC's regional configurations pick, for a few characters, forms
that government text does not use (税, 脱): CHARACTER_FIXES corrects those. Phrase overrides (the
term base's forms in the edition's variety) win over the converter: they are swapped for
placeholders before OpenCC runs and put back afterwards, longest phrase first.

OpenCC converts characters (a `p` configuration also some phrases), not all vocabulary: the output
of s2hk is Mainland text in Traditional characters (鏈接, 搜索, 訪問 …). A phrase table
(`data/hong-kong.yml`, `load_phrase_table`) turns it into the edition's wording: after the
character conversion, its `fixes` correct wrong conversions (刊髮網站 → 刊發網站), its `vocabulary`
replaces Mainland words (longest phrase first, never inside a `protected` name or a term-base form),
and quotation marks become corner brackets (“…” → 「…」, nested ‘…’ → 『…』).
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from hetao_docs.conversions import convert
from hetao_docs.editions import Edition

# Forms used by the governments (e.g. 稅務局, 脫) where OpenCC's regional variants differ.
CHARACTER_FIXES: dict[str, str] = {"税": "稅", "脱": "脫"}
_CHARACTER_TABLE: dict[int, str] = {ord(simplified): fixed for simplified, fixed in CHARACTER_FIXES.items()}

_PLACEHOLDER = "\ue000{}\ue001"  # private-use code points: never in real text, untouched by OpenCC
_PLACEHOLDER_BACK = re.compile("\ue000(\\d+)\ue001")
_MASK = "\uf8ff"  # stands in for a protected character while the vocabulary is matched
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def _fix_characters(text: str) -> str:
    return text.translate(_CHARACTER_TABLE)


@lru_cache(maxsize=16)
def _alternation(strings: frozenset[str]) -> re.Pattern[str] | None:
    """One pattern matching any of `strings`, the longest first at each position (None: no strings)."""
    if not strings:
        return None
    return re.compile("|".join(map(re.escape, sorted(strings, key=lambda s: (-len(s), s)))))


# ------------------------------------------------------------------ a phrase table


class PhraseTableError(ValueError):
    """A phrase table is invalid. One self-contained line per problem:
    `data/hong-kong.yml:12: vocabulary '鏈接': must map to text`."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class PhraseTable:
    """What a converted edition changes after OpenCC (all forms as its OpenCC configuration outputs
    them, Traditional; the edition's wording is called "Hong Kong" below, after the first table).

    vocabulary: Mainland phrase → Hong Kong phrase, applied longest first, outside protected text.
    protected: names that keep their Mainland wording (laws, bodies, quoted official terms).
    fixes: wrong conversions → right ones, applied first, everywhere but term-base forms.
    words: the Mainland words the vocabulary removes (checked by the tests: none may be left
        outside protected text); a word wrong only in some senses is replaced through longer
        phrases that contain it. Default: the vocabulary's phrases themselves.
    """

    vocabulary: Mapping[str, str]
    protected: Collection[str]
    fixes: Mapping[str, str]
    words: Collection[str] = ()
    _fixes: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    _vocabulary: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    _words: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # immutable copies, and the patterns compiled once per table
        set_ = object.__setattr__
        set_(self, "vocabulary", MappingProxyType(dict(self.vocabulary)))
        set_(self, "protected", frozenset(self.protected))
        set_(self, "fixes", MappingProxyType(dict(self.fixes)))
        set_(self, "words", frozenset(self.words) or frozenset(self.vocabulary))
        set_(self, "_fixes", _alternation(frozenset(self.fixes)))
        set_(self, "_vocabulary", _alternation(frozenset(self.vocabulary)))
        set_(self, "_words", _alternation(frozenset(self.words)))

    def __hash__(self) -> int:
        return hash((frozenset(self.vocabulary.items()), self.protected, frozenset(self.fixes.items()), self.words))

    def fix(self, text: str) -> str:
        """Correct the wrong conversions listed in `fixes`."""
        if self._fixes is None:
            return text
        return self._fixes.sub(lambda match: self.fixes[match.group(0)], text)

    def protected_spans(self, text: str, keep: Iterable[str] = ()) -> list[tuple[int, int]]:
        """Where `text` holds a protected name or one of `keep` (e.g. term-base forms), leftmost-longest."""
        pattern = _alternation(frozenset(self.protected) | frozenset(keep))
        return [match.span() for match in pattern.finditer(text)] if pattern else []

    def replace_vocabulary(self, text: str, protected: Iterable[tuple[int, int]] = ()) -> str:
        """Replace Mainland wording with Hong Kong wording, longest phrase first, never touching a
        character inside the `protected` spans."""
        if self._vocabulary is None:
            return text
        shadow = _masked(text, protected)
        pieces: list[str] = []
        last = 0
        for match in self._vocabulary.finditer(shadow):
            pieces += [text[last : match.start()], self.vocabulary[match.group(0)]]
            last = match.end()
        return "".join(pieces) + text[last:] if pieces else text

    def mainland_words(self, text: str, keep: Iterable[str] = ()) -> list[tuple[str, int]]:
        """The table's Mainland words left in Traditional `text` outside protected names and `keep`
        forms: (word, position), in order. Empty when the text reads as Hong Kong writes."""
        if self._words is None:
            return []
        shadow = _masked(text, self.protected_spans(text, keep))
        return [(match.group(0), match.start()) for match in self._words.finditer(shadow)]


def _masked(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """`text` with the characters inside `spans` replaced by a mask (same length, same positions)."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = _MASK * (end - start)
    return "".join(chars)


def simplified_characters(text: str, traditional: Iterable[str], keep: Iterable[str] = ()) -> list[str]:
    """The Simplified-only characters of `text`, judged in context: those every OpenCC conversion in
    `traditional` (the edition table's: Varieties.traditional) would change (准 in 批准 or 里 in 公里
    are left alone by all; Hong Kong forms such as 戶 or 説, which one converter swaps for its own
    variant, are not Simplified). `keep`: forms taken as they are (the term base's Traditional
    forms, e.g. 備案制, which OpenCC alone would turn into 備案製). Each character once, in order of
    appearance."""
    masked = text
    pattern = _alternation(frozenset(k for k in keep if k))
    if pattern:
        masked = pattern.sub(lambda match: _MASK * len(match.group(0)), text)
    configs = tuple(traditional)
    # judged in context by the conversions that keep the text's length (a phrase-converting one,
    # s2twp say, may write 電腦 for 计算机); by none of them: character by character
    aligned = [out for config in configs if len(out := _fix_characters(convert(config, masked))) == len(masked)]
    if aligned:
        found = [c for i, c in enumerate(masked) if all(out[i] != c for out in aligned)]
    else:
        found = [c for c in masked if all(_fix_characters(convert(config, c)) != c for config in configs)]
    return list(dict.fromkeys(found))


def _quotes(text: str) -> str:
    """“…” and ‘…’ → 「…」, and 『…』 for a quote inside another (Hong Kong's quotation marks).
    Only paired marks change (pairs do not cross a blank line); an apostrophe (Hong Kong’s) stays."""
    if not any(mark in text for mark in "“‘"):
        return text
    pairs: list[tuple[int, int]] = []
    stack: list[int] = []
    for index, char in enumerate(text):
        if char in "“‘「『":
            stack.append(index)
        elif char in "”’」』":
            if char == "’" and _is_apostrophe(text, index, stack):
                continue
            if stack:
                pairs.append((stack.pop(), index))
        elif char == "\n" and text.startswith("\n\n", index):
            stack.clear()  # an opening mark without its closing one stays as it is
    pairs.sort()
    out = list(text)
    enclosing: list[int] = []  # closing positions of the pairs around the current one
    for opening, closing in pairs:
        while enclosing and enclosing[-1] < opening:
            enclosing.pop()
        if text[opening] in "“‘":
            out[opening], out[closing] = ("『", "』") if len(enclosing) % 2 else ("「", "」")
        enclosing.append(closing)
    return "".join(out)


def _is_apostrophe(text: str, index: int, stack: list[int]) -> bool:
    before = text[index - 1] if index else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if not (before.isascii() and before.isalnum()):
        return False
    return (after.isascii() and after.isalpha()) or not stack or text[stack[-1]] != "‘"


@dataclass(frozen=True)
class Conversion:
    """How a converted edition's text is made from its source's (data/editions.yml: `conversion`):
    OpenCC with `opencc`, then the phrase table `table` (none: the characters only)."""

    opencc: str
    table: PhraseTable | None = None
    source: str = ""  # the source's language tag: text marked with it is not converted (an example of a Simplified form)

    def characters(self, text: str, phrases: Mapping[str, str] | None = None) -> str:
        """The characters only (the term base's derived forms), `phrases` kept as given."""
        return _convert(self.opencc, text, phrases, None)

    def text(self, text: str, phrases: Mapping[str, str] | None = None) -> str:
        """Simplified text in the edition's variety: characters, then the table's wording and
        quotation marks. `phrases` maps Simplified phrases to the exact form to use (the term base's)."""
        return _convert(self.opencc, text, phrases, self.table)

    def markdown(self, markdown: str, phrases: Mapping[str, str]) -> str:
        """A page's Simplified Markdown in the edition's variety, text only: code, URLs, ids, HTML
        tags and text marked with the source's lang (`source`) are kept byte for byte (see `text`)."""
        kept: list[str] = []

        def keep(match: re.Match[str]) -> str:
            kept.append(match.group(0))
            return _KEPT.format(len(kept) - 1)

        converted = self.text(_not_text(self.source).sub(keep, markdown), phrases)
        return _KEPT_BACK.sub(lambda m: kept[int(m.group(1))], converted)


def characters_only(edition: Edition) -> Conversion | None:
    """A converted edition's conversion without its phrase table (None: not converted)."""
    return Conversion(edition.conversion, None, edition.varieties.source) if edition.conversion else None


def edition_conversions(editions: Iterable[Edition], project: Path) -> dict[str, Conversion]:
    """Each converted edition's conversion by its language tag, phrase tables loaded (`phrases`:
    relative to `project`)."""
    conversions = {}
    for edition in editions:
        if edition.conversion is None:
            continue
        table = None
        if edition.phrases:
            table = load_phrase_table(project / edition.phrases, edition.conversion, edition.varieties.traditional, display_name=edition.phrases)
        conversions[edition.lang] = Conversion(edition.conversion, table, edition.varieties.source)
    return conversions


def _convert(opencc: str, text: str, phrases: Mapping[str, str] | None, table: PhraseTable | None) -> str:
    kept: list[str] = []
    if phrases:
        pattern = _alternation(frozenset(phrases))
        assert pattern is not None

        def protect(match: re.Match[str]) -> str:
            kept.append(phrases[match.group(0)])
            return _PLACEHOLDER.format(len(kept) - 1)

        text = pattern.sub(protect, text)
    converted = _fix_characters(convert(opencc, text))
    if table is None:
        return _PLACEHOLDER_BACK.sub(lambda m: kept[int(m.group(1))], converted) if kept else converted
    converted = table.fix(converted)
    # put the term-base forms back, noting where they are: the vocabulary never touches them
    spans: list[tuple[int, int]] = []
    pieces: list[str] = []
    last = length = 0
    for match in _PLACEHOLDER_BACK.finditer(converted):
        before = converted[last : match.start()]
        form = kept[int(match.group(1))]
        pieces += [before, form]
        length += len(before)
        spans.append((length, length + len(form)))
        length += len(form)
        last = match.end()
    restored = "".join(pieces) + converted[last:]
    return _quotes(table.replace_vocabulary(restored, table.protected_spans(restored) + spans))


# ------------------------------------------------------------------ loading data/hong-kong.yml

_SECTIONS = ("vocabulary", "protected", "fixes")
_STR = "tag:yaml.org,2002:str"


def _display_name(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def load_phrase_table(path: Path, opencc: str, traditional: Iterable[str], *, display_name: str | None = None) -> PhraseTable:
    """Load and check a converted edition's phrase table, its forms written as OpenCC `opencc`
    outputs them (`traditional`: every conversion to Traditional, to judge Simplified characters);
    raise PhraseTableError listing every problem, one line each
    (`data/hong-kong.yml:12: vocabulary '鏈接': must map to text`)."""
    display = display_name or _display_name(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PhraseTableError([f"{display}:1: the phrase table is missing"]) from None
    except UnicodeDecodeError as error:
        raise PhraseTableError([f"{display}:1: not valid UTF-8 ({error.reason} at byte {error.start})"]) from None
    return _parse_table(text, display, opencc, tuple(traditional))


@lru_cache(maxsize=4)  # one build loads it once per converted edition: parse each distinct text once
def _parse_table(text: str, display: str, opencc: str, traditional: tuple[str, ...]) -> PhraseTable:
    return _TableReader(display, opencc, traditional).read(text)


class _Entry(NamedTuple):
    target: str
    line: int
    where: str  # how a problem names the entry: vocabulary '信息': phrase '原文信息'


class _TableReader:
    """Reads the YAML nodes (for their line numbers) and collects every problem."""

    def __init__(self, display: str, opencc: str, traditional: tuple[str, ...]) -> None:
        self.display = display
        self.opencc = opencc
        self.traditional = traditional
        self.problems: list[tuple[int, str]] = []  # (line, problem): reported in line order

    def add(self, node: Any, where: str, message: str) -> None:
        self.add_at(node.start_mark.line + 1 if node is not None else 1, where, message)

    def add_at(self, line: int, where: str, message: str) -> None:
        self.problems.append((line, f"{self.display}:{line}: {where}{': ' if where else ''}{message}"))

    def read(self, text: str) -> PhraseTable:
        yaml: Any = importlib.import_module("yaml")  # untyped module: Any, with or without stubs
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
        try:
            root = loader.get_single_node()
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            problem = " ".join(str(error.problem or error.context or "syntax error").split())
            raise PhraseTableError([f"{self.display}:{mark.line + 1 if mark else 1}: malformed YAML: {problem}"]) from None
        except yaml.YAMLError as error:
            raise PhraseTableError([f"{self.display}:1: malformed YAML: {' '.join(str(error).split())}"]) from None
        finally:
            loader.dispose()
        sections: dict[str, Any] = {}
        if root is None or not isinstance(root, yaml.MappingNode):
            self.add(root, "", f"must be a mapping with the sections {', '.join(_SECTIONS)}")
        else:
            for key, value in root.value:
                name = key.value if self._is_text(key) else repr(key.value)
                if name not in _SECTIONS:
                    self.add(key, "", f"unknown section {name!r} (allowed: {', '.join(_SECTIONS)})")
                elif name in sections:
                    self.add(key, "", f"section {name!r} appears twice (YAML keeps only the last)")
                else:
                    sections[name] = value
            for name in _SECTIONS:
                if name not in sections:
                    self.add(root, "", f"section {name!r} is missing")
        words: dict[str, str] = {}
        vocabulary = self._vocabulary(sections.get("vocabulary"), yaml, words)
        protected = self._protected(sections.get("protected"), yaml)
        fixes = self._mapping(sections.get("fixes"), "fixes", yaml)
        self._cross_check(vocabulary, protected, fixes, words)
        if self.problems:
            raise PhraseTableError([problem for _, problem in sorted(self.problems, key=lambda p: p[0])])
        return PhraseTable(
            vocabulary={source: entry.target for source, entry in vocabulary.items()},
            protected=frozenset(protected),
            fixes={source: entry.target for source, entry in fixes.items()},
            words=frozenset(words),
        )

    @staticmethod
    def _is_text(node: Any) -> bool:
        return node.tag == _STR and isinstance(node.value, str) and node.id == "scalar"

    def _source(self, node: Any, where: str) -> str | None:
        """A Mainland (or wrong) form: text, Chinese, written as the edition's OpenCC conversion outputs it."""
        if not self._is_text(node) or not node.value.strip():
            self.add(node, where, "must be text")
            return None
        source: str = node.value
        if not _HAN.search(source):
            self.add(node, where, "must contain Chinese text")
        elif "\n" in source or source != source.strip():
            self.add(node, where, "must be one phrase, without spaces around it")
        converted = _fix_characters(convert(self.opencc, source))
        if converted != source:
            changed = list(dict.fromkeys(c for c, d in zip(source, converted) if c != d))
            self.add(node, where, f"has Simplified characters ({', '.join(changed)}): write it as {self.opencc} outputs it, {converted!r}")
        return source

    def _target(self, key: Any, node: Any, where: str) -> str | None:
        if node is None or not self._is_text(node):
            self.add(node if node is not None else key, where, "must map to text")
            return None
        target: str = node.value
        if not target.strip():
            self.add(node, where, "must not map to empty text")
            return None
        simplified = simplified_characters(target, self.traditional)
        if simplified:
            self.add(node, where, f"the Hong Kong form {target!r} has Simplified characters ({', '.join(simplified)})")
        return target

    def _entries(self, node: Any, section: str, yaml: Any) -> list[tuple[Any, Any]]:
        if node is None or not isinstance(node, yaml.MappingNode):
            if node is not None and not (node.id == "scalar" and node.tag == "tag:yaml.org,2002:null"):
                self.add(node, section, "must be a mapping of wrong or Mainland forms to Hong Kong forms")
            return []
        seen: dict[str, int] = {}
        entries: list[tuple[Any, Any]] = []
        for key, value in node.value:
            if self._is_text(key) and key.value in seen:
                self.add(key, f"{section} {key.value!r}", f"listed twice (first at line {seen[key.value]}; YAML keeps only the last)")
                continue
            if self._is_text(key):
                seen[key.value] = key.start_mark.line + 1
            entries.append((key, value))
        return entries

    def _mapping(self, node: Any, section: str, yaml: Any) -> dict[str, _Entry]:
        """`fixes`: wrong form → right form."""
        result: dict[str, _Entry] = {}
        for key, value in self._entries(node, section, yaml):
            where = f"{section} {key.value!r}"
            source = self._source(key, where)
            target = self._target(key, value, where)
            if source is None or target is None:
                continue
            if source == target:
                self.add(key, where, "maps to itself")
            result[source] = _Entry(target, key.start_mark.line + 1, where)
        return result

    def _vocabulary(self, node: Any, yaml: Any, words: dict[str, str]) -> dict[str, _Entry]:
        """`vocabulary`: word → Hong Kong word, or word → {phrase containing it → Hong Kong phrase}."""
        result: dict[str, _Entry] = {}
        for key, value in self._entries(node, "vocabulary", yaml):
            where = f"vocabulary {key.value!r}"
            word = self._source(key, where)
            if word is None:
                continue
            words[word] = where
            if isinstance(value, yaml.MappingNode):
                phrases = self._entries(value, where, yaml)
                if not phrases:
                    self.add(value, where, "lists no phrases")
                for phrase_key, phrase_value in phrases:
                    phrase_where = f"{where}: phrase {phrase_key.value!r}"
                    phrase = self._source(phrase_key, phrase_where)
                    target = self._target(phrase_key, phrase_value, phrase_where)
                    if phrase is None or target is None:
                        continue
                    if word not in phrase:
                        self.add(phrase_key, phrase_where, f"does not contain the word {word!r}")
                    self._add_phrase(result, phrase, target, phrase_key, phrase_where)
            else:
                target = self._target(key, value, where)
                if target is not None:
                    self._add_phrase(result, word, target, key, where)
        return result

    def _add_phrase(self, result: dict[str, _Entry], phrase: str, target: str, node: Any, where: str) -> None:
        if phrase == target:
            self.add(node, where, "maps to itself")
        if phrase in result:
            self.add(node, where, f"listed twice (first at line {result[phrase].line}, {result[phrase].where})")
            return
        result[phrase] = _Entry(target, node.start_mark.line + 1, where)

    def _protected(self, node: Any, yaml: Any) -> dict[str, int]:
        result: dict[str, int] = {}
        if node is None or (node.id == "scalar" and node.tag == "tag:yaml.org,2002:null"):
            return result
        if not isinstance(node, yaml.SequenceNode):
            self.add(node, "protected", "must be a list of names")
            return result
        for index, item in enumerate(node.value, start=1):
            where = f"protected {item.value!r}" if self._is_text(item) and item.value.strip() else f"protected item {index}"
            name = self._source(item, where)
            if name is None:
                continue
            if name in result:
                self.add(item, where, f"listed twice (first at line {result[name]})")
                continue
            result[name] = item.start_mark.line + 1
        return result

    def _cross_check(self, vocabulary: Mapping[str, _Entry], protected: Mapping[str, int],
                     fixes: Mapping[str, _Entry], words: Iterable[str]) -> None:
        for phrase, entry in vocabulary.items():
            if phrase in protected:
                self.add_at(entry.line, entry.where, f"also protected (line {protected[phrase]}), so it never applies")
            left = [word for word in sorted(words) if word in entry.target]
            if left:
                self.add_at(entry.line, entry.where, f"the Hong Kong form {entry.target!r} still contains the Mainland word {left[0]!r}")
        for wrong, entry in fixes.items():
            if wrong in protected:
                self.add_at(entry.line, entry.where, f"a wrong conversion cannot also be a protected name (line {protected[wrong]})")


# ------------------------------------------------------------------ pinyin


def pinyin_syllables(text: str, tones: bool) -> list[str]:
    """Pinyin syllables of `text`, with tone marks (báimíngdān) or without (baimingdan)."""
    from pypinyin import Style, lazy_pinyin  # here: its dictionaries take 0.3 s to import, and a
    # build whose term base comes from the cache (hetao_docs/terms/load.py) never needs them

    return lazy_pinyin(text, style=Style.TONE if tones else Style.NORMAL)


# ------------------------------------------------------------------ Markdown pages

# What a conversion keeps as is: Simplified text marked as such (an example of a Simplified form:
# <span lang="(the source's tag)">白名单</span>), fenced and inline code, link and image
# destinations, reference definitions, autolinks, attribute lists ({ #id .class }), raw HTML tags.
_NOT_TEXT = (
    r"<(?P<tag>[A-Za-z][A-Za-z0-9]*)\b[^>\n]*\blang=\"{source}\"[^>\n]*>.*?</(?P=tag)>"
    r"|(?ms:^[ \t]*(`{3,}|~{3,}).*?^[ \t]*\2[ \t]*$)"
    r"|(`+)[^`].*?\3"
    r"|\]\([^)\s]*"
    r"|(?m:^[ \t]*\[[^\]\n]+\]:[ \t]*\S+)"
    r"|<(?:https?://|mailto:)[^>\s]+>"
    r"|\{:?[ \t]*[#.][^}\n]*\}"
    r"|</?[A-Za-z][^>\n]*>"
)


@lru_cache(maxsize=4)
def _not_text(source: str) -> re.Pattern[str]:
    return re.compile(_NOT_TEXT.replace("{source}", re.escape(source)))


_KEPT = "\ue002{}\ue003"  # private-use code points, untouched by OpenCC (_convert uses \ue000/\ue001)
_KEPT_BACK = re.compile("\ue002(\\d+)\ue003")
