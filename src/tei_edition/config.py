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

from tei_edition.errors import Collector, EditionError
from tei_edition.languages import LANGUAGE_TAG, LanguageName, cldr_name, direction, tag_fault
from tei_edition.strings import Strings, interface_strings
from tei_edition.yamlfiles import _kind, line_of, load_yaml

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
    # More registers files, where a project keeps them apart (its persons in one, its places in another)
    more_registers: tuple[Path, ...] = ()

    def strings(self, lang: str) -> Strings:
        return self.ui[lang]

    def direction(self, lang: str) -> str:
        """An interface language's writing direction ("rtl", "ltr"): its name's, as it writes itself."""
        return direction(str(self.ui[lang]["language_name"])) if lang in self.ui else "ltr"

    def language_name(self, lang: str, page_lang: str = "") -> LanguageName:
        """A language's name for a page in `page_lang`: an interface language's own (its strings'
        `language_name`); another's from the CLDR (as it writes itself, else in the page's language);
        else its tag."""
        if lang in self.ui:
            text = str(self.ui[lang]["language_name"])
            return LanguageName(text, lang, direction(text))
        return cldr_name(lang, page_lang) or LanguageName(lang, "", "ltr")

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
        return files + [path for path in (self.registers, *self.more_registers, self.untagged, self.abbreviations,
                                          self.changelog, self.data) if path]

    @property
    def register_files(self) -> tuple[Path, ...]:
        """Every registers file, the first first (none without registers)."""
        return (self.registers, *self.more_registers) if self.registers else ()


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


def _text(value: Any, where: str, path: Path, line: int | None, errors: Collector) -> str:
    """A text setting: a string (a number is taken as its digits); anything else is an error."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        errors.add(path, line, f"'{where}' must be text, found {_kind(value)}")
        return ""
    return str(value)


def _per_language(value: Any, where: str, path: Path, line: int | None, errors: Collector,
                  languages: tuple[str, ...]) -> dict[str, str]:
    """Text per interface language, e.g. {ru: ..., en: ...}; a language the edition does not list is an error.
    A value reported as wrong stands as "" (its language is not reported missing as well)."""
    if not isinstance(value, dict):
        errors.add(path, line_of(value) or line,
                   f"'{where}' must map language codes to text, e.g. {{ru: ..., en: ...}}, found {_kind(value)}")
        return dict.fromkeys(languages, "")
    found: dict[str, str] = {}
    for lang, text in value.items():
        if lang not in languages:
            # {en: A, B}: the text after an unquoted comma reads as a key without a value
            hint = " (a text with a comma must be quoted: {en: \"A, B\"})" if text is None else ""
            errors.add(path, line_of(value, lang), f"'{where}': unknown language '{lang}'{hint}; the edition's "
                                                   f"languages (edition.yaml): {', '.join(languages)}")
        elif isinstance(text, (list, dict)):  # a text with a comma or colon, unquoted
            errors.add(path, line_of(value, lang), f"'{where}' in '{lang}' must be one text, found {_kind(text)}: "
                                                   f"quote a text with a comma or a colon")
            found[lang] = ""
        else:  # a number is taken as its digits (a title "1984"), as `_text` takes it
            found[lang] = _text(text, f"{where}' in '{lang}", path, line_of(value, lang), errors)
    return found


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
                                                     "(BCP 47, e.g. [ru, en]); a language the generator has no "
                                                     "interface strings in needs i18n/<tag>.yaml")
        languages = []
    for lang in languages:
        if tag_fault(lang):
            errors.add(path, line_of(data, "languages"), f"languages: {tag_fault(lang)}")
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
    ui = interface_strings(edition_dir / "i18n", languages, errors)
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
    untagged, tables = (_input_file(edition_dir, data[key], key, path, line_of(data, key), errors)
                        if key in data else None for key in ("untagged", "data"))
    # (one file, or a list of them: a project's persons in one, its places in another)
    named = data.get("registers")
    register_files = [_input_file(edition_dir, name, "registers", path, line_of(data, "registers"), errors)
                      for name in (named if isinstance(named, list) else [named] if "registers" in data else [])]
    registers = register_files[0] if register_files else None
    if untagged is not None and registers is None:
        errors.add(path, line_of(data, "untagged"), "untagged lists forms of register names: name the registers "
                                                    "file too (registers: registers.xml)")
    abbreviations, changelog = (_input_file(edition_dir, data[key], key, path, line_of(data, key), errors)
                                if key in data else None for key in ("abbreviations", "changelog"))
    licence = _load_licence(data["licence"], path, errors, languages) if "licence" in data else None
    errors.raise_if_any()
    return Config(edition_dir, path, title, version, languages, documents, ui, repositories, base_url, registers,
                  untagged, licence, abbreviations, changelog, tables, tuple(register_files[1:]))


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
        errors.add(path, line, "documents must be a non-empty list of mappings, each with id and tei (and, "
                               "optionally, source and translations)")
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
                                                        f"languages (a language the generator has no interface strings "
                                                        f"in needs them in i18n/{lang}.yaml)")
                continue
            translations[lang] = _input_file(edition_dir, file, "translation", path, line_of(listed, lang), errors)
        documents.append(DocumentConfig(doc_id, tei, source, translations))
    return tuple(documents)


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
