"""Load data/terms.yaml: YAML with line numbers, JSON Schema, semantic checks, derived forms.

Every problem becomes one line `file:line: term 'id': field 'f': message`, collected into a
TermBaseError, so an editor sees all mistakes of one kind at once and each line stands alone.
Schema problems are reported before semantic ones (semantic checks assume the schema holds).

Markup in any text field is rejected rather than escaped: the same text is shown in a Markdown
page, an HTML `title` tooltip, CSV, JSON and TBX, where markup would mean something different in
each, so an editor who typed `<b>` expected formatting we would never give. Output is escaped
anyway (render.py, annotate.py, export.py), so text that slipped through could never execute.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import os
import pickle
import re
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from hetao_docs.chinese import Conversion, pinyin_syllables
from hetao_docs.editions import Varieties
from hetao_docs.terms.model import Bilingual, EnSource, Rendering, Source, Term, TermBaseError

if TYPE_CHECKING:
    import jsonschema

_PACKAGE = resources.files("hetao_docs")
SCHEMA = _PACKAGE / "terms" / "terms.schema.json"  # package data: it ships with the code that reads it

FieldPath = tuple[str | int, ...]
# libyaml's parser when PyYAML was built with it (ten times faster); same nodes, same line marks.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!?]|javascript:", re.IGNORECASE)
_CJK = "\u2e80-\u9fff\u3000-\u303f\uf900-\ufaff\uff00-\uffef"
_SPACE_BETWEEN_CJK = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")
# Fields holding free text, checked for markup: (path inside an entry, is a list).
_TEXT_FIELDS: tuple[tuple[tuple[str, ...], bool], ...] = (
    (("zh",), False), (("pinyin",), False), (("aliases_zh",), True),
    (("en",), False), (("en_alt",), True),
    (("definition", "zh"), False), (("definition", "en"), False),
    (("usage_note", "zh"), False), (("usage_note", "en"), False),
    (("en_source", "authority"), False), (("en_source", "document"), False), (("en_source", "note"), False),
)
_RENDERING_TEXT: tuple[tuple[str, ...], ...] = (("form",), ("why",), ("source", "issuer"), ("source", "document"), ("source", "locator"))
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def normalize_text(text: str) -> str:
    """One line of text: whitespace runs collapsed, and no space left between two CJK characters
    (YAML folding turns a line break inside a Chinese sentence into a space)."""
    return _SPACE_BETWEEN_CJK.sub("", " ".join(text.split()))


class _Reporter:
    """Formats problems as `file:line: term 'id': field 'f': message`."""

    def __init__(self, display: str, lines: Mapping[FieldPath, int], entries: list[Any]) -> None:
        self.display = display
        self.lines = lines
        self.entries = entries
        self.problems: list[str] = []

    def line_of(self, path: FieldPath) -> int:
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return 1

    def entry_name(self, index: int) -> str:
        entry = self.entries[index] if 0 <= index < len(self.entries) else None
        if isinstance(entry, dict) and isinstance(entry.get("id"), str) and entry["id"].strip():
            return f"term '{entry['id']}'"
        return f"term #{index + 1} (no id)"

    def add(self, path: FieldPath, message: str) -> None:
        where = f"{self.display}:{self.line_of(path)}: "
        if len(path) >= 2 and path[0] == "terms" and isinstance(path[1], int):
            where += self.entry_name(path[1]) + ": "
            if len(path) > 2:
                where += f"field '{format_field(path[2:])}': "
        elif path:
            where += f"field '{format_field(path)}': "
        if where + message not in self.problems:  # e.g. minLength and pattern on one empty string
            self.problems.append(where + message)


def format_field(path: FieldPath) -> str:
    """('definition', 'en') -> 'definition.en'; ('related', 2) -> 'related[2]'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _display_name(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def _node_lines(node: yaml.Node, path: FieldPath, lines: dict[FieldPath, int], duplicates: list[tuple[FieldPath, str]]) -> None:
    """Record the 1-based line of every value (its key's line for mapping values); note duplicate keys."""
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                duplicates.append((path + (key,), key))
            seen.add(key)
            lines[path + (key,)] = key_node.start_mark.line + 1
            _node_lines(value_node, path + (key,), lines, duplicates)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line + 1
            _node_lines(item, path + (index,), lines, duplicates)


def _nearest_entry_id(text: str, line: int) -> str | None:
    """The id of the entry at or above `line` (1-based), to name the entry in a YAML syntax error."""
    for raw in reversed(text.splitlines()[:line]):
        match = re.match(r"\s*-?\s*id:\s*['\"]?([^'\"#\s]+)", raw)
        if match:
            return match.group(1)
    return None


def _parse_yaml(text: str, display: str) -> tuple[Any, dict[FieldPath, int]]:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()  # parsed once: the nodes give the lines, then the data
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        entry = _nearest_entry_id(text, line)
        where = f"term '{entry}' (entry at or above this line): " if entry else ""
        problem = " ".join(str(error.problem or error.context or "syntax error").split())
        raise TermBaseError([f"{display}:{line}: {where}malformed YAML: {problem}"]) from None
    except yaml.YAMLError as error:
        raise TermBaseError([f"{display}:1: malformed YAML: {' '.join(str(error).split())}"]) from None
    finally:
        loader.dispose()
    lines: dict[FieldPath, int] = {}
    duplicates: list[tuple[FieldPath, str]] = []
    if node is not None:
        _node_lines(node, (), lines, duplicates)
    if duplicates:
        entries = data.get("terms", []) if isinstance(data, dict) else []
        reporter = _Reporter(display, lines, entries if isinstance(entries, list) else [])
        for path, key in duplicates:
            reporter.add(path, f"key '{key}' appears twice in the same mapping (YAML keeps only the last)")
        raise TermBaseError(reporter.problems)
    return data, lines


def _schema_message(error: jsonschema.ValidationError, path: FieldPath) -> tuple[FieldPath, str]:
    """A short message for an editor, and the field it is about."""
    kind = error.validator
    expected: Any = error.validator_value  # the schema's value for this check
    if kind == "required":
        instance = error.instance if isinstance(error.instance, dict) else {}
        missing = [name for name in expected if name not in instance]
        field = missing[0] if missing else "?"
        when = ""
        if "then" in error.schema_path:
            when = " when status is deprecated" if "renderings" in path else " when en_source.confidence is high, medium or low"
        return path + (field,), f"missing (required{when})"
    if kind == "additionalProperties":
        schema: Any = error.schema
        allowed = sorted(schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed)) if isinstance(error.instance, dict) else []
        return path + (extra[0] if extra else "?",), f"unknown field (allowed: {', '.join(allowed)})"
    if path and path[-1] == "id" and kind == "pattern":
        return path, f"{error.instance!r} is not an ASCII slug (lowercase a-z and 0-9, words joined by single hyphens, e.g. 'data-trust')"
    if kind in ("minLength", "pattern") and isinstance(error.instance, str) and not error.instance.strip():
        return path, "must not be empty"
    if kind == "pattern":
        return path, f"{error.instance!r} must match {expected}"
    if kind == "enum":
        return path, f"{error.instance!r} is not one of: {', '.join(map(str, expected))}"
    if kind == "type":
        return path, f"must be of type {expected} (found {type(error.instance).__name__})"
    if kind == "uniqueItems":
        return path, "lists the same item twice"
    if kind == "minItems":
        return path, f"must have at least {error.validator_value} item(s)"
    return path, " ".join(error.message.split())


def _check_schema(data: Any, schema: dict[str, Any], reporter: _Reporter) -> None:
    import jsonschema  # only when the term base changed: a cached one is already valid (~50 ms to import)

    validator = jsonschema.Draft202012Validator(schema)
    for error in sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        field_path, message = _schema_message(error, tuple(error.absolute_path))
        reporter.add(field_path, message)


def _text_values(entry: dict[str, Any]) -> Iterator[tuple[FieldPath, str]]:
    for lang, form in (entry.get("forms") or {}).items():
        if isinstance(form, str):
            yield ("forms", lang), form
    for index, rendering in enumerate(entry.get("renderings", [])):
        for rendering_path in _RENDERING_TEXT:
            found: Any = rendering
            for part in rendering_path:
                found = found.get(part) if isinstance(found, dict) else None
            if isinstance(found, str):
                yield ("renderings", index, *rendering_path), found
    for path, is_list in _TEXT_FIELDS:
        value: Any = entry
        for part in path:
            value = value.get(part) if isinstance(value, dict) else None
        if is_list:
            for index, item in enumerate(value or []):
                yield path + (index,), item
        elif isinstance(value, str):
            yield path, value


def _check_semantics(entries: list[dict[str, Any]], reporter: _Reporter, varieties: Varieties) -> None:
    first_line_of_id: dict[str, int] = {}
    for index, entry in enumerate(entries):
        if entry["id"] in first_line_of_id:
            reporter.add(("terms", index, "id"), f"duplicate id (first used at line {first_line_of_id[entry['id']]})")
        else:
            first_line_of_id[entry["id"]] = reporter.line_of(("terms", index))

    known = set(first_line_of_id)
    forms_zh: dict[str, str] = {}
    forms_en: dict[str, str] = {}
    for index, entry in enumerate(entries):
        base: FieldPath = ("terms", index)
        _check_forms(entry, base, reporter, varieties)
        for field_path, value in _text_values(entry):
            found = _MARKUP.search(value)
            if found:
                reporter.add(base + field_path, f"must be plain text, found markup starting {value[found.start():found.start() + 12]!r}")
        for position, related in enumerate(entry.get("related", [])):
            if related == entry["id"]:
                reporter.add(base + ("related", position), "a term cannot be related to itself")
            elif related not in known:
                reporter.add(base + ("related", position), f"unknown term id {related!r}")
        zh_forms: list[tuple[FieldPath, str]] = [(("zh",), entry["zh"])]
        zh_forms += [(("aliases_zh", i), alias) for i, alias in enumerate(entry.get("aliases_zh", []))]
        for field_path, form in zh_forms:
            form = normalize_text(form)
            owner = forms_zh.setdefault(form, entry["id"])
            if owner != entry["id"] or (field_path != ("zh",) and form == normalize_text(entry["zh"])):
                reporter.add(base + field_path, f"duplicate Simplified form {form!r} (already used by term '{owner}')")
        en_forms: list[tuple[FieldPath, str]] = [(("en",), entry["en"])]
        en_forms += [(("en_alt", i), alt) for i, alt in enumerate(entry.get("en_alt", []))]
        for field_path, form in en_forms:
            key = normalize_text(form).casefold()
            owner = forms_en.setdefault(key, entry["id"])
            if owner != entry["id"] or (field_path != ("en",) and key == normalize_text(entry["en"]).casefold()):
                reporter.add(
                    base + field_path,
                    f"duplicate English form {form!r} (already used by term '{owner}'): the inline matcher could not tell them apart",
                )


def _forms_by_lang(entry: dict[str, Any], varieties: Varieties) -> dict[str, set[str]]:
    """The term's forms in each variety, as the build derives them."""
    zh = [normalize_text(entry["zh"]), *(normalize_text(a) for a in entry.get("aliases_zh", []))]
    found = {varieties.source: set(zh)}
    overrides = entry.get("forms") or {}
    for lang, opencc in varieties.converted:
        derived = [Conversion(opencc).characters(form) for form in zh]
        found[lang] = {normalize_text(overrides[lang]), *derived} if lang in overrides else set(derived)
    en = [normalize_text(entry["en"]), *(normalize_text(a) for a in entry.get("en_alt", []))]
    found[varieties.english] = {form.casefold() for form in en}
    return found


def _check_forms(entry: dict[str, Any], base: FieldPath, reporter: _Reporter, varieties: Varieties) -> None:
    """A form override is for a converted variety, in its characters; a pinyin override has a
    syllable per Han character; each rendering is one of the term's forms in its language, for a
    usage of the edition table, recorded once."""
    converted = dict(varieties.converted)
    for lang, form in (entry.get("forms") or {}).items():
        if lang not in converted:
            reporter.add(base + ("forms", lang), f"{lang!r} is not a converted edition's language (one of: {', '.join(converted)})")
        elif (again := Conversion(converted[lang]).characters(form)) != form:
            reporter.add(base + ("forms", lang), f"{form!r} is not in {lang}'s characters (converted: {again!r})")
    if "pinyin" in entry:
        characters = len(_HAN.findall(entry["zh"]))
        syllables = len(entry["pinyin"].split())
        if syllables != characters:
            reporter.add(
                base + ("pinyin",),
                f"{syllables} syllables for the {characters} Han characters of {entry['zh']!r} (one syllable per character, spaced)",
            )
    forms = _forms_by_lang(entry, varieties)
    seen: set[tuple[str, str]] = set()
    for index, rendering in enumerate(entry.get("renderings", [])):
        form, lang = normalize_text(rendering["form"]), rendering["lang"]
        if lang not in forms:
            reporter.add(base + ("renderings", index, "lang"), f"{lang!r} is not one of the editions' languages: {', '.join(forms)}")
            continue
        if rendering["usage"] not in varieties.usages:
            usages = ", ".join(varieties.usages)
            reporter.add(base + ("renderings", index, "usage"), f"{rendering['usage']!r} is not one of the edition table's usages: {usages}")
        english = lang == varieties.english
        key = form.casefold() if english else form
        if key not in forms[lang]:
            where = "en_alt" if english else "aliases_zh" if lang == varieties.source else f"forms: {lang}"
            reporter.add(
                base + ("renderings", index, "form"),
                f"{form!r} is not one of this term's {lang} forms (add it to {where} first)",
            )
        if (lang, key) in seen:
            reporter.add(base + ("renderings", index, "form"), f"{form!r} ({lang}) is recorded twice")
        seen.add((lang, key))


def _rendering(data: dict[str, Any]) -> Rendering:
    source = data.get("source")
    return Rendering(
        form=normalize_text(data["form"]),
        lang=data["lang"],
        usage=data["usage"],
        status=data["status"],
        why=normalize_text(data["why"]) if "why" in data else None,
        source=Source(
            document=normalize_text(source["document"]),
            issuer=normalize_text(source["issuer"]) if "issuer" in source else None,
            locator=normalize_text(source["locator"]) if "locator" in source else None,
            url=source.get("url"),
            date=source.get("date"),
        ) if source else None,
    )


def _build_terms(entries: list[dict[str, Any]], lines: Mapping[FieldPath, int], varieties: Varieties) -> list[Term]:
    overrides = {
        lang: {normalize_text(e["zh"]): normalize_text(e["forms"][lang]) for e in entries if lang in (e.get("forms") or {})}
        for lang, _ in varieties.converted
    }
    terms: list[Term] = []
    for index, entry in enumerate(entries):
        zh = normalize_text(entry["zh"])
        source = entry["en_source"]
        note = entry.get("usage_note")
        aliases = tuple(normalize_text(a) for a in entry.get("aliases_zh", []))
        en = normalize_text(entry["en"])
        en_alt = tuple(normalize_text(a) for a in entry.get("en_alt", []))
        converted = []
        for lang, opencc in varieties.converted:
            conversion, own = Conversion(opencc), overrides[lang]
            converted.append((lang, (own.get(zh) or conversion.characters(zh, own), *(conversion.characters(a, own) for a in aliases))))
        terms.append(
            Term(
                id=entry["id"],
                zh=zh,
                pinyin=normalize_text(entry["pinyin"]) if "pinyin" in entry else " ".join(pinyin_syllables(zh, tones=True)),
                en=en,
                en_alt=en_alt,
                category=entry["category"],
                related=tuple(entry.get("related", [])),
                definition_zh=normalize_text(entry["definition"]["zh"]),
                definition_en=normalize_text(entry["definition"]["en"]),
                en_source=EnSource(
                    confidence=source["confidence"],
                    authority=normalize_text(source["authority"]) if "authority" in source else None,
                    document=normalize_text(source["document"]) if "document" in source else None,
                    url=source.get("url"),
                    note=normalize_text(source["note"]) if "note" in source else None,
                ),
                usage_note=Bilingual(normalize_text(note["zh"]), normalize_text(note["en"])) if note else None,
                aliases_zh=aliases,
                forms=((varieties.source, (zh, *aliases)), *converted, (varieties.english, (en, *en_alt))),
                renderings=tuple(_rendering(r) for r in entry.get("renderings", [])),
                line=lines.get(("terms", index), 0),
                field_lines={key: lines[("terms", index, key)] for key in entry if ("terms", index, key) in lines},
            )
        )
    return terms


def load_terms(
    path: Path,
    varieties: Varieties,
    *,
    schema_path: Path | Traversable = SCHEMA,
    display_name: str | None = None,
    cache_dir: Path | None = None,
) -> list[Term]:
    """Load and validate the term base; raise TermBaseError listing every problem, one line each.
    `varieties` (the edition table's) says which forms each term has and how they are derived.

    With `cache_dir`, a valid term base is also kept there (`terms.pickle`), keyed by its content."""
    display = display_name or _display_name(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TermBaseError([f"{display}:1: the term base file is missing"]) from None
    except UnicodeDecodeError as error:
        raise TermBaseError([f"{display}:1: not valid UTF-8 ({error.reason} at byte {error.start})"]) from None
    return list(_terms(text, display, schema_path.read_text(encoding="utf-8"), cache_dir, varieties))


# One build loads the term base once per edition (and the CLI again): validate each distinct
# text once. Keyed by content, so an edited file is always re-read; errors are never cached.
@lru_cache(maxsize=4)
def _terms(text: str, display: str, schema_text: str, cache_dir: Path | None, varieties: Varieties) -> tuple[Term, ...]:
    def load() -> tuple[Term, ...]:
        return _parse_and_validate(text, display, schema_text, varieties)

    return _cached_on_disk(cache_dir / "terms.pickle", text, schema_text + repr(varieties), load) if cache_dir else load()


# Every build starts by loading the term base: a valid term base is kept on disk with the hash of
# everything its Terms derive from (the file, the schema, the varieties, this code, the converters' versions),
# which saves half a second (validation, and importing pypinyin).
_DERIVING_CODE = (_PACKAGE / "terms" / "load.py", _PACKAGE / "terms" / "model.py", _PACKAGE / "chinese.py")


def _disk_cache_key(text: str, schema_text: str) -> str:
    digest = hashlib.sha256()
    versions = " ".join(importlib.metadata.version(name) for name in ("pypinyin", "OpenCC", "PyYAML"))
    for part in (text, schema_text, versions, *(path.read_text(encoding="utf-8") for path in _DERIVING_CODE)):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


def _cached_on_disk(cache: Path, text: str, schema_text: str, load: Callable[[], tuple[Term, ...]]) -> tuple[Term, ...]:
    key = _disk_cache_key(text, schema_text)
    with contextlib.suppress(Exception):  # missing, stale or unreadable: load again
        stored_key, terms = pickle.loads(cache.read_bytes())
        if stored_key == key:
            return tuple(terms)
    terms = load()  # raises on a bad term base: nothing is stored
    with contextlib.suppress(OSError):
        cache.parent.mkdir(exist_ok=True)
        partial = cache.with_name(f"{cache.name}.{os.getpid()}")
        partial.write_bytes(pickle.dumps((key, terms)))
        os.replace(partial, cache)
    return terms


def _parse_and_validate(text: str, display: str, schema_text: str, varieties: Varieties) -> tuple[Term, ...]:
    data, lines = _parse_yaml(text, display)
    entries = data.get("terms") if isinstance(data, dict) else None
    reporter = _Reporter(display, lines, entries if isinstance(entries, list) else [])
    _check_schema(data, json.loads(schema_text), reporter)
    if reporter.problems:
        raise TermBaseError(reporter.problems)
    assert isinstance(entries, list)  # guaranteed by the schema
    _check_semantics(entries, reporter, varieties)
    if reporter.problems:
        raise TermBaseError(reporter.problems)
    return tuple(_build_terms(entries, lines, varieties))


def variety_phrases(terms: list[Term], lang: str) -> dict[str, str]:
    """Each Simplified form (term and aliases) → its form in the variety `lang`, for that converted
    edition's conversion (the term base's forms win over OpenCC and the phrase table)."""
    phrases: dict[str, str] = {}
    for term in terms:
        phrases.update(zip((term.zh, *term.aliases_zh), term.forms_in(lang)))
    return phrases
