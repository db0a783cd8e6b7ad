"""edition.yaml, the interface strings and the archive descriptions -> frozen config objects.

Every problem is collected and reported at once, each with its file and line;
unknown keys are errors (a misspelt key must not be silently ignored).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tei_edition.errors import Collector, EditionError, read_text

# A BCP 47 language tag, as xml:lang and HTML lang take it: "ru", "en", "pl", "de-CH", "sr-Latn".
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class DocumentConfig:
    id: str
    tei: Path  # the original
    source: Path | None  # the text the TEI was encoded from (a print's extraction), if any: fidelity is proved
    translations: dict[str, Path] = field(default_factory=dict)  # language -> translation TEI


@dataclass(frozen=True)
class Fond:
    number: str
    name: dict[str, str]  # language -> name; empty when the name is not verified
    note: dict[str, str]


@dataclass(frozen=True)
class Repository:
    abbr: str  # as printed in the notes, e.g. "РГАЭ"
    key: str  # slug used in register ids, e.g. "rgae"
    abbr_en: str
    name: dict[str, str]
    note: dict[str, str]
    fonds: dict[str, Fond]


@dataclass(frozen=True)
class Licence:
    """The licence of the edition's own work (every TEI header's `availability/licence` names the same
    `url`); `statement` says per language what it covers, `{licence}` standing for the linked name."""

    name: str
    url: str
    statement: dict[str, str]


@dataclass(frozen=True)
class Config:
    root: Path
    path: Path
    title: dict[str, str]
    version: str
    languages: tuple[str, ...]
    documents: tuple[DocumentConfig, ...]
    ui: dict[str, Strings]  # language -> interface strings
    repositories: dict[str, Repository]  # printed abbreviation -> repository
    base_url: str = ""  # where the site is published ("https://host/path/"); "" leaves URLs relative
    registers: Path | None = None  # the TEI of the registers of persons, places and organisations, if any
    untagged: Path | None = None  # the register names' forms left untagged on purpose (YAML), if any
    licence: Licence | None = None  # the licence of what the edition itself made, if it states one
    abbreviations: Path | None = None  # the abbreviations the texts use, with their full forms (YAML), if any
    changelog: Path | None = None  # the edition's releases (YAML), if it keeps a changelog
    data: Path | None = None  # the tables published as data (YAML: datasets.py), if any

    def strings(self, lang: str) -> Strings:
        return self.ui[lang]

    @property
    def templates(self) -> Path:
        return templates_folder(self.root)

    @property
    def tei_files(self) -> list[Path]:
        """Every TEI file of the edition: each document's original, then its translations."""
        return [path for doc in self.documents for path in (doc.tei, *doc.translations.values())]

    @property
    def named_files(self) -> list[Path]:
        """Every file edition.yaml names, itself first: the TEI files, the documents' source texts and
        the optional files (registers, exclusions, abbreviations, changelog, data)."""
        files = [self.path, *self.tei_files, *(doc.source for doc in self.documents if doc.source)]
        return files + [path for path in (self.registers, self.untagged, self.abbreviations, self.changelog,
                                          self.data) if path]


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """YAML 1.2 core scalars, duplicate keys refused, and the line of every mapping key kept
    (parsed by libyaml where PyYAML has it: ten times faster than its Python parser).

    YAML 1.1 (PyYAML's default) reads `yes`, `no`, `on`, `off` as booleans and `2020-05-01` as a
    date: here they stay text, as YAML 1.2 says. Only true/false, null and decimal integers are
    typed; everything else is a string.
    """


_LineLoader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
        ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
        ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", "~nN"),
        ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", "-+0123456789")):
    _LineLoader.add_implicit_resolver(_tag, re.compile(_pattern),
                                      list(_first) + ([""] if _tag.endswith("null") else []))


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    key_lines: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(None, None, "a mapping key must be plain text",
                                                    key_node.start_mark)
        if key in key_lines:
            raise yaml.constructor.ConstructorError(
                None, None, f"the key '{key}' is given twice (first on line {key_lines[key]}): "
                            f"YAML would keep only the last one; remove one of them", key_node.start_mark)
        key_lines[key] = key_node.start_mark.line + 1
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=True)
    return _Mapping(mapping, node.start_mark.line + 1, key_lines)


class _Mapping(dict):
    def __init__(self, data: dict, line: int, key_lines: dict[Any, int]):
        super().__init__(data)
        self.line = line
        self.key_lines = key_lines

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path) -> Any:
    text = read_text(path)
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or str(exc)
        raise EditionError.at(path, line, f"not valid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise EditionError.at(path, None, f"not valid YAML: {exc}") from None


def line_of(mapping: Any, key: Any = None) -> int | None:
    """The line of `key` in a mapping read by `load_yaml` (or of the mapping itself)."""
    if key is not None and hasattr(mapping, "line_of"):
        return mapping.line_of(key)
    return getattr(mapping, "line", None)


def _check_keys(found: Any, allowed: set[str], required: set[str], path: Path, errors: Collector,
                where: str = "", line: int | None = None) -> bool:
    """`found` must be a mapping with only `allowed` keys and every `required` one; False if it is no mapping."""
    if not isinstance(found, dict):
        errors.add(path, line_of(found) or line, f"{where or 'this'} must be a mapping of "
                                                 f"{', '.join(sorted(allowed))}, found {_kind(found)}")
        return False
    for key in found:
        if key not in allowed:
            place = f" in {where}" if where else ""
            errors.add(path, line_of(found, key), f"unknown key '{key}'{place}; "
                                                  f"allowed keys: {', '.join(sorted(allowed))}")
    for key in sorted(required - set(found)):
        errors.add(path, line_of(found), f"missing key '{key}'{' in ' + where if where else ''}")
    return True


def _kind(value: Any) -> str:
    """How a wrong value is described in a message."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):  # before int: a bool is an int in Python
        return f"the boolean {str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"the number {value}" if isinstance(value, int) else f"the text '{value}'"


def _text(value: Any, where: str, path: Path, line: int | None, errors: Collector) -> str:
    """A text setting: a string (a number is taken as its digits); anything else is an error."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        errors.add(path, line, f"'{where}' must be text, found {_kind(value)}")
        return ""
    return str(value)


def _per_language(value: Any, where: str, path: Path, line: int | None, errors: Collector,
                  languages: tuple[str, ...]) -> dict[str, str]:
    """Text per interface language, e.g. {ru: ..., en: ...}; a language the edition does not list is an error."""
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        errors.add(path, line_of(value) or line,
                   f"'{where}' must map language codes to text, e.g. {{ru: ..., en: ...}}")
        return {}
    for lang in value:
        if lang not in languages:
            errors.add(path, line_of(value, lang), f"'{where}': unknown language '{lang}'; the edition's "
                                                   f"languages (edition.yaml): {', '.join(languages)}")
    return dict(value)


def _input_file(edition_dir: Path, value: Any, where: str, path: Path, line: int | None, errors: Collector) -> Path:
    """A file named in edition.yaml, relative to the edition folder; it must exist and be a file."""
    name = _text(value, where, path, line, errors)
    file = Path(os.path.normpath(edition_dir / name))
    if name and not file.exists():
        errors.add(path, line, f"{where} file '{name}' does not exist (relative to {edition_dir})")
    elif name and not file.is_file():
        errors.add(path, line, f"{where} '{name}' is a folder, but a file is expected")
    return file


TOP_KEYS = {"title", "version", "languages", "documents", "archives", "base_url", "registers", "untagged", "licence",
            "abbreviations", "changelog", "data"}
OPTIONAL_KEYS = {"archives", "base_url", "registers", "untagged", "licence", "abbreviations", "changelog", "data"}
LICENCE_URL = re.compile(r"https?://[^\s]+")
BASE_URL = re.compile(r"https?://[^\s/?#@]+(/[^\s?#]*)?/")


def templates_folder(edition_dir: Path) -> Path:
    """The templates of an edition: `templates/` beside its `edition/` folder."""
    return edition_dir.resolve().parent / "templates"


def load_config(edition_dir: Path) -> Config:
    edition_dir = edition_dir.resolve()
    path = edition_dir / "edition.yaml"
    data = load_yaml(path)
    errors = Collector()
    if not _check_keys(data, TOP_KEYS, TOP_KEYS - OPTIONAL_KEYS, path, errors, "edition.yaml", 1):
        errors.raise_if_any()
    languages = data.get("languages", [])
    if not isinstance(languages, list) or not languages or len(set(map(str, languages))) != len(languages) \
            or not all(isinstance(lang, str) and LANGUAGE_TAG.match(lang) for lang in languages):
        errors.add(path, line_of(data, "languages"), "languages must be a non-empty list of distinct language tags "
                                                     "(BCP 47, e.g. [ru, en]), each with its i18n/<tag>.yaml")
        languages = []
    languages = tuple(languages)
    title = _per_language(data.get("title", {}), "title", path, line_of(data, "title"), errors, languages)
    version = _text(data.get("version", ""), "version", path, line_of(data, "version"), errors)
    if "version" in data and not re.fullmatch(r"[0-9]+\.[0-9]+\.[0-9]+", version):
        errors.add(path, line_of(data, "version"), f"version '{version}' must look like 1.2.3")

    for lang in languages:
        if lang not in title:
            errors.add(path, line_of(data, "title"), f"title has no '{lang}' text, but '{lang}' is in languages")

    documents = _load_documents(data.get("documents"), edition_dir, path, line_of(data, "documents"), errors,
                                languages)
    ui = {lang: _load_strings(edition_dir / "i18n" / f"{lang}.yaml", errors) for lang in languages}
    _compare_string_keys(ui, edition_dir, errors)
    repositories = {}
    if "archives" in data:  # only an edition whose notes cite archives describes them
        archives = _input_file(edition_dir, data["archives"], "archives", path, line_of(data, "archives"), errors)
        repositories = _load_archives(archives, errors, languages) if archives.is_file() else {}
    base_url = _text(data.get("base_url", ""), "base_url", path, line_of(data, "base_url"), errors) \
        if "base_url" in data else ""
    if base_url and not BASE_URL.fullmatch(base_url):
        errors.add(path, line_of(data, "base_url"), f"base_url '{base_url[:80]}' must be the http(s) address where "
                                                    f"the site is published, ending in '/' (e.g. https://example.org/"
                                                    f"edition/)")
    registers, untagged, tables = (_input_file(edition_dir, data[key], key, path, line_of(data, key), errors)
                                   if key in data else None for key in ("registers", "untagged", "data"))
    if untagged is not None and registers is None:
        errors.add(path, line_of(data, "untagged"), "untagged lists forms of register names: name the registers "
                                                    "file too (registers: registers.xml)")
    abbreviations, changelog = (_input_file(edition_dir, data[key], key, path, line_of(data, key), errors)
                                if key in data else None for key in ("abbreviations", "changelog"))
    licence = _load_licence(data["licence"], path, errors, languages) if "licence" in data else None
    errors.raise_if_any()
    return Config(edition_dir, path, title, version, languages, documents, ui, repositories, base_url, registers,
                  untagged, licence, abbreviations, changelog, tables)


def _load_licence(data: Any, path: Path, errors: Collector, languages: tuple[str, ...]) -> Licence | None:
    if not _check_keys(data, {"name", "url", "statement"}, {"name", "url", "statement"}, path, errors, "licence"):
        return None
    name = _text(data.get("name", ""), "name", path, line_of(data, "name"), errors)
    url = _text(data.get("url", ""), "url", path, line_of(data, "url"), errors)
    if url and not LICENCE_URL.fullmatch(url):
        errors.add(path, line_of(data, "url"), f"licence url '{url[:80]}' must be the licence's http(s) address")
    statement = _per_language(data.get("statement", {}), "statement", path, line_of(data, "statement"), errors,
                              languages)
    for lang in languages:
        if lang not in statement:
            errors.add(path, line_of(data, "statement"), f"licence statement has no '{lang}' text")
        elif "{licence}" not in statement[lang]:
            errors.add(path, line_of(data["statement"], lang), "a licence statement names the licence as {licence} "
                                                                   "(where its linked name stands)")
    return Licence(name, url, statement)


def _load_documents(entries: Any, edition_dir: Path, path: Path, line: int | None,
                    errors: Collector, languages: tuple[str, ...]) -> tuple[DocumentConfig, ...]:
    if not isinstance(entries, list) or not entries:
        errors.add(path, line, "documents must be a non-empty list of mappings with id, tei, source")
        return ()
    documents = []
    seen_ids: set[str] = set()
    for entry in entries:
        if not _check_keys(entry, {"id", "tei", "source", "translations"}, {"id", "tei"}, path, errors,
                           "a document", line):
            continue
        doc_id = _text(entry.get("id", ""), "id", path, line_of(entry, "id"), errors)
        if not ID_PATTERN.match(doc_id):
            errors.add(path, line_of(entry, "id"),
                       f"document id '{doc_id}' must be lowercase letters, digits and hyphens")
        if doc_id in seen_ids:
            errors.add(path, line_of(entry, "id"), f"document id '{doc_id}' is used twice")
        seen_ids.add(doc_id)
        tei = _input_file(edition_dir, entry.get("tei", ""), "tei", path, line_of(entry, "tei"), errors)
        source = _input_file(edition_dir, entry["source"], "source", path, line_of(entry, "source"), errors) \
            if "source" in entry else None
        translations = {}
        listed = entry.get("translations") or {}
        if not isinstance(listed, dict):
            errors.add(path, line_of(entry, "translations"), "translations must map a language to a TEI file, "
                                                             "e.g. {en: article.en.xml}")
            listed = {}
        for lang, file in listed.items():
            if lang not in languages:
                errors.add(path, line_of(listed, lang), f"translation language '{lang}' is not one of the "
                                                        f"edition's languages ({', '.join(languages)}): add it to "
                                                        f"languages, with its interface strings in i18n/{lang}.yaml")
                continue
            translations[lang] = _input_file(edition_dir, file, "translation", path, line_of(listed, lang), errors)
        documents.append(DocumentConfig(doc_id, tei, source, translations))
    return tuple(documents)


class MissingString(EditionError, KeyError):
    """An interface string that the code asks for and no language defines.

    A KeyError as well, so that inside a template Jinja treats it as an undefined name and
    reports the template's line."""


class Strings(dict):
    """A language's interface strings (`UiString`s by name), from `i18n/<lang>.yaml`."""

    def __init__(self, data: dict, path: Path):
        super().__init__(data)
        self.path = path

    def __missing__(self, key: str) -> str:
        raise MissingString.at(self.path, None, f"interface string '{key}' is missing: add it to every i18n file")


class UiString(str):
    """An interface string that knows where it is defined, so that a wrong `{placeholder}` in
    it is reported at its line in the YAML file rather than as a crash of the page it is on."""

    path: Path
    line: int | None
    key: str

    def __new__(cls, value: str, path: Path, line: int | None, key: str) -> UiString:
        instance = super().__new__(cls, value)
        instance.path, instance.line, instance.key = path, line, key
        return instance

    def format(self, *args: Any, **values: Any) -> str:
        try:
            return str.format(self, *args, **values)
        except (KeyError, IndexError, ValueError, AttributeError) as exc:
            given = ", ".join("{" + name + "}" for name in values) or "none"
            raise EditionError.at(self.path, self.line, f"interface string '{self.key}' cannot be filled in "
                                                        f"({type(exc).__name__}: {exc}); the placeholders it may "
                                                        f"use here: {given}") from None


def _load_strings(path: Path, errors: Collector) -> Strings:
    if not path.exists():
        errors.add(path, None, "file not found: each interface language needs its strings here (copy another "
                               "language's file from this folder and translate its values)")
        return Strings({}, path)
    try:
        data = load_yaml(path)
    except EditionError as exc:
        errors.extend(exc)
        return Strings({}, path)
    if not isinstance(data, dict):
        errors.add(path, line_of(data) or 1,
                   f"interface strings must be a mapping of names to text, found {_kind(data)}")
        return Strings({}, path)
    strings = {}
    for key, value in data.items():
        if not isinstance(key, str) or not isinstance(value, str):
            errors.add(path, line_of(data, key), f"interface string '{key}' must be text, found {_kind(value)}")
            continue
        strings[key] = UiString(value, path, line_of(data, key), key)
    return Strings(strings, path)


def _compare_string_keys(ui: dict[str, Strings], edition_dir: Path, errors: Collector) -> None:
    """Every language must define the same interface strings, so no page falls back silently."""
    for lang, strings in ui.items():
        for other, other_strings in ui.items():
            if not other_strings:  # a file that could not be read: reported, not compared key by key
                continue
            for key in sorted(set(strings) - set(other_strings)):
                errors.add(edition_dir / "i18n" / f"{lang}.yaml", strings[key].line,
                           f"interface string '{key}' is not in {other}.yaml: add it there, or rename it here")


ARCHIVE_KEYS = {"key", "abbr_en", "name", "note", "fonds"}


def _load_archives(path: Path, errors: Collector, languages: tuple[str, ...]) -> dict[str, Repository]:
    try:
        data = load_yaml(path)
    except EditionError as exc:
        errors.extend(exc)
        return {}
    if not _check_keys(data, {"repositories"}, {"repositories"}, path, errors, "archives.yaml", 1):
        return {}
    listed = data.get("repositories")
    if not isinstance(listed, dict):
        errors.add(path, line_of(data, "repositories"), "repositories must map a printed abbreviation (e.g. РГАЭ) "
                                                        "to its description")
        return {}
    repositories: dict[str, Repository] = {}
    keys: dict[str, str] = {}
    for abbr, entry in listed.items():
        where = f"repository '{abbr}'"
        if not _check_keys(entry, ARCHIVE_KEYS, {"key", "abbr_en", "name"}, path, errors, where, line_of(listed, abbr)):
            continue
        key = _text(entry.get("key", ""), "key", path, line_of(entry, "key"), errors)
        if key and not ID_PATTERN.match(key):
            errors.add(path, line_of(entry, "key"), f"key '{key}' must be lowercase letters, digits and hyphens")
        if key in keys:
            errors.add(path, line_of(entry, "key"), f"key '{key}' is also the key of '{keys[key]}': register ids "
                                                    f"would collide; choose another")
        keys[key] = str(abbr)
        fonds = {}
        listed_fonds = entry.get("fonds") or {}
        if not isinstance(listed_fonds, dict):
            errors.add(path, line_of(entry, "fonds"), "fonds must map a fond number to its name and note")
            listed_fonds = {}
        for number, fond in listed_fonds.items():
            fond = {} if fond is None else fond
            if not _check_keys(fond, {"name", "note"}, set(), path, errors, f"fond '{number}'",
                               line_of(listed_fonds, number)):
                continue
            name = _per_language(fond.get("name", {}), "name", path, line_of(fond, "name"), errors, languages)
            note = _per_language(fond.get("note", {}), "note", path, line_of(fond, "note"), errors, languages)
            fonds[str(number)] = Fond(str(number), name, note)
        repositories[str(abbr)] = Repository(
            str(abbr), key, _text(entry.get("abbr_en", ""), "abbr_en", path, line_of(entry, "abbr_en"), errors),
            _per_language(entry.get("name", {}), "name", path, line_of(entry, "name"), errors, languages),
            _per_language(entry.get("note", {}), "note", path, line_of(entry, "note"), errors, languages), fonds)
    return repositories


def yaml_list(path: Path, key: str, what: str) -> list:
    """The list a YAML file holds under its one key `key` (an abbreviations file, a changelog); a
    located error saying `what` the file should be if it is not that, or the list is empty."""
    data = load_yaml(path)
    listed = data.get(key) if isinstance(data, dict) and set(data) == {key} else None
    if not isinstance(listed, list) or not listed:
        raise EditionError.at(path, line_of(data) or 1, what)
    return listed
