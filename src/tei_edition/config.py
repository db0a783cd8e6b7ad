"""edition.yaml, the interface strings and the archive descriptions -> frozen config objects.

Every problem is collected and reported at once, each with its file and line;
unknown keys are errors (a misspelt key must not be silently ignored).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tei_edition.errors import Collector, EditionError

LANGUAGE_NAMES = {"ru", "en"}
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class DocumentConfig:
    id: str
    tei: Path  # the original, encoded from the source
    source: Path
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
class Config:
    root: Path
    path: Path
    title: dict[str, str]
    version: str
    languages: tuple[str, ...]
    documents: tuple[DocumentConfig, ...]
    ui: dict[str, dict[str, Any]]  # language -> interface strings
    repositories: dict[str, Repository]  # printed abbreviation -> repository

    def strings(self, lang: str) -> dict[str, Any]:
        return self.ui[lang]


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that remembers the line of every mapping, for error messages."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=True)
    lines = {key.value: k.start_mark.line + 1 for k, key in ((k, k) for k, _ in node.value)}
    return _Mapping(mapping, node.start_mark.line + 1, lines)


class _Mapping(dict):
    def __init__(self, data: dict, line: int, key_lines: dict[str, int]):
        super().__init__(data)
        self.line = line
        self.key_lines = key_lines

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise EditionError.at(path, None, "file not found") from None
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise EditionError.at(path, line, f"not valid YAML: {problem}") from None


def _check_keys(found: dict, allowed: set[str], required: set[str], path: Path, errors: Collector) -> None:
    line = getattr(found, "line", None)
    for key in found:
        if key not in allowed:
            errors.add(path, getattr(found, "line_of", lambda k: line)(key),
                       f"unknown key '{key}'; allowed keys: {', '.join(sorted(allowed))}")
    for key in sorted(required - set(found)):
        errors.add(path, line, f"missing key '{key}'")


def _per_language(value: Any, where: str, path: Path, line: int | None, errors: Collector) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        errors.add(path, line, f"'{where}' must map language codes to text, e.g. {{ru: ..., en: ...}}")
        return {}
    for lang in value:
        if lang not in LANGUAGE_NAMES:
            errors.add(path, line, f"'{where}': unknown language '{lang}'; known: {', '.join(sorted(LANGUAGE_NAMES))}")
    return dict(value)


def load_config(edition_dir: Path) -> Config:
    edition_dir = edition_dir.resolve()
    path = edition_dir / "edition.yaml"
    data = load_yaml(path)
    errors = Collector()
    if not isinstance(data, dict):
        raise EditionError.at(path, 1, "edition.yaml must be a mapping of settings")
    _check_keys(data, {"title", "version", "languages", "documents", "archives"},
                {"title", "version", "languages", "documents", "archives"}, path, errors)
    title = _per_language(data.get("title", {}), "title", path, data.line_of("title"), errors)
    version = str(data.get("version", ""))
    if not re.fullmatch(r"\d+\.\d+\.\d+", version):
        errors.add(path, data.line_of("version"), f"version '{version}' must look like 1.2.3")

    languages = data.get("languages", [])
    if not isinstance(languages, list) or not languages or not all(lang in LANGUAGE_NAMES for lang in languages):
        errors.add(path, data.line_of("languages"),
                   f"languages must be a non-empty list of: {', '.join(sorted(LANGUAGE_NAMES))}")
        languages = []

    documents = []
    seen_ids: set[str] = set()
    for entry in data.get("documents", []) or []:
        if not isinstance(entry, dict):
            errors.add(path, data.line_of("documents"), "each document must be a mapping with id, tei, source")
            continue
        _check_keys(entry, {"id", "tei", "source", "translations"}, {"id", "tei", "source"}, path, errors)
        doc_id = str(entry.get("id", ""))
        if not ID_PATTERN.match(doc_id):
            errors.add(path, entry.line_of("id"), f"document id '{doc_id}' must be lowercase letters, digits and hyphens")
        if doc_id in seen_ids:
            errors.add(path, entry.line_of("id"), f"document id '{doc_id}' is used twice")
        seen_ids.add(doc_id)
        tei, source = edition_dir / str(entry.get("tei", "")), edition_dir / str(entry.get("source", ""))
        for key, file in (("tei", tei), ("source", source)):
            if key in entry and not file.is_file():
                errors.add(path, entry.line_of(key), f"{key} file '{entry[key]}' does not exist (relative to {edition_dir})")
        translations = {}
        for lang, file in (entry.get("translations") or {}).items():
            if lang not in LANGUAGE_NAMES:
                errors.add(path, entry.line_of("translations"), f"translation language '{lang}' is unknown; "
                                                                f"known: {', '.join(sorted(LANGUAGE_NAMES))}")
            elif not (edition_dir / str(file)).is_file():
                errors.add(path, entry.line_of("translations"), f"translation file '{file}' does not exist")
            translations[lang] = edition_dir / str(file)
        documents.append(DocumentConfig(doc_id, tei, source, translations))
    if not documents:
        errors.add(path, data.line_of("documents"), "no documents listed")

    ui = {lang: _load_strings(edition_dir / "i18n" / f"{lang}.yaml", errors) for lang in languages}
    _compare_string_keys(ui, edition_dir, errors)
    repositories = _load_archives(edition_dir / str(data.get("archives", "archives.yaml")), errors)
    errors.raise_if_any()
    return Config(edition_dir, path, title, version, tuple(languages), tuple(documents), ui, repositories)


def _load_strings(path: Path, errors: Collector) -> dict[str, Any]:
    try:
        data = load_yaml(path)
    except EditionError as exc:
        errors.diagnostics.extend(exc.diagnostics)
        return {}
    if not isinstance(data, dict):
        errors.add(path, 1, "interface strings must be a mapping of names to text")
        return {}
    return data  # keeps the line of each key, for messages


def _compare_string_keys(ui: dict[str, dict], edition_dir: Path, errors: Collector) -> None:
    """Every language must define the same interface strings, so no page falls back silently."""
    for lang, strings in ui.items():
        for other, other_strings in ui.items():
            for key in sorted(set(strings) - set(other_strings)):
                errors.add(edition_dir / "i18n" / f"{lang}.yaml", getattr(strings, "line_of", lambda k: None)(key),
                           f"interface string '{key}' is not in {other}.yaml: add it there, or rename it here")


def _load_archives(path: Path, errors: Collector) -> dict[str, Repository]:
    try:
        data = load_yaml(path)
    except EditionError as exc:
        errors.diagnostics.extend(exc.diagnostics)
        return {}
    repositories = {}
    for abbr, entry in (data or {}).get("repositories", {}).items():
        _check_keys(entry, {"key", "abbr_en", "name", "note", "fonds"}, {"key", "abbr_en", "name"}, path, errors)
        fonds = {}
        for number, fond in (entry.get("fonds") or {}).items():
            fond = fond or {}
            _check_keys(fond, {"name", "note"}, set(), path, errors)
            fonds[str(number)] = Fond(str(number), _per_language(fond.get("name", {}), "name", path, None, errors),
                                      _per_language(fond.get("note", {}), "note", path, None, errors))
        repositories[abbr] = Repository(
            abbr, str(entry.get("key", "")), str(entry.get("abbr_en", "")),
            _per_language(entry.get("name", {}), "name", path, entry.line_of("name"), errors),
            _per_language(entry.get("note", {}), "note", path, None, errors), fonds)
    return repositories
