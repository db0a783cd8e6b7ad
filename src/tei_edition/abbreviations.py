"""The abbreviations the edition's texts use: `abbreviations:` in edition.yaml names a YAML file
listing each with its form and its full form in every interface language, and where that full
form comes from. The build checks the file against the texts, so that the list invents nothing:

- each form occurs in the text of a version in its language (`in_text: false`, with a `note`,
  for a form the list explains although the texts do not print it);
- a full form taken from the article (`source: document#unit`, e.g. shemetova-2020#p6) has each of
  its words in that unit (by their first four letters: the article may inflect them);
- one taken from a translation's glossary (`glossary`) occurs in that language's glossary;
- an archive's (`archives`) is not written here: it is the name archives.yaml gives the archive
  whose printed abbreviation is one of the forms;
- `editors`: the editors' own, and the page says so.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from tei_edition.config import Config, line_of, yaml_list
from tei_edition.errors import Collector
from tei_edition.tei import text_of

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
KEYS = {"forms", "expansion", "source", "in_text", "note"}  # expansion: not for an archive (archives.yaml)
SOURCE = re.compile(r"(?P<document>[a-z0-9-]+)#(?P<unit>[A-Za-z0-9_.-]+)|glossary|archives|editors")


@dataclass(frozen=True)
class Abbreviation:
    forms: dict[str, str]  # language -> the abbreviation
    expansion: dict[str, str]  # language -> its full form
    source: dict[str, str]  # language -> "document#unit", "glossary", "archives" or "editors"
    in_text: bool = True
    note: dict[str, str] | None = None  # language -> why it is listed (a form the texts do not print)


def _words(text: str) -> str:
    return " ".join(text.split())


def _occurs(form: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(form)}(?!\w)" if form[-1].isalnum() else rf"(?<!\w){re.escape(form)}",
                     text) is not None


class _Texts:
    """The texts of the edition's versions, read once: by language, by unit, and the glossaries."""

    def __init__(self, config: Config):
        self.by_lang: dict[str, list[str]] = {}
        self.glossaries: dict[str, list[str]] = {}
        self.units: dict[tuple[str, str], str] = {}
        for document in config.documents:
            for path in (document.tei, *document.translations.values()):
                tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
                root = tree.getroot()
                lang = root.get("{http://www.w3.org/XML/1998/namespace}lang", "")
                text = root.find(f"{TEI}text")
                if text is None:
                    continue
                self.by_lang.setdefault(lang, []).append(_words(text_of(text)))
                for glossary in text.iterfind(f".//{TEI}div[@type='glossary']"):
                    self.glossaries.setdefault(lang, []).append(_words(text_of(glossary)))
                if path == document.tei:
                    for unit in text.iter():
                        if isinstance(unit.tag, str) and unit.get(XML_ID):
                            self.units[(document.id, unit.get(XML_ID, ""))] = _words(text_of(unit))


def load_abbreviations(path: Path, config: Config) -> list[Abbreviation]:
    errors = Collector()
    listed = yaml_list(path, "abbreviations", "an abbreviations file is a mapping with one key, abbreviations: "
                                                         "a list of entries with forms, expansion and source")
    texts = _Texts(config)
    found: list[Abbreviation] = []
    for entry in listed:
        line = line_of(entry)
        if not isinstance(entry, dict) or set(entry) - KEYS or not {"forms", "source"} <= set(entry):
            errors.add(path, line, f"an abbreviation has the keys forms, expansion, source (each per language), and "
                                   f"may have in_text: false with a note; allowed: {', '.join(sorted(KEYS))}")
            continue
        per_lang = {}
        for key in ("forms", "expansion", "source") + (("note",) if "note" in entry else ()):
            value = entry.get(key, {})
            if key == "expansion" and isinstance(entry["source"], dict):  # an archive's name is in archives.yaml
                value = dict(value, **{lang: "-" for lang, where in entry["source"].items() if where == "archives"
                                       and lang not in value})
            if not isinstance(value, dict) or set(value) != set(config.languages) or \
                    not all(isinstance(v, str) and v.strip() for v in value.values()):
                errors.add(path, line_of(entry, key), f"'{key}' gives a text in every language of the edition "
                                                      f"({', '.join(config.languages)})")
                value = {}
            per_lang[key] = {lang: _words(str(text)) for lang, text in value.items()}
        in_text = entry.get("in_text", True)
        if in_text is not True and (in_text is not False or "note" not in entry):
            errors.add(path, line_of(entry, "in_text"), "in_text: false says that the texts do not print a form "
                                                        "the list explains: say why in a note")
        forms, expansion, source = per_lang["forms"], per_lang["expansion"], per_lang["source"]
        name = " / ".join(forms.values())
        for lang, form in forms.items():
            if in_text is True and not any(_occurs(form, text) for text in texts.by_lang.get(lang, [])):
                errors.add(path, line_of(entry, "forms"), f"'{form}' ({lang}) does not occur in the {lang} text: list "
                                                          f"only the abbreviations the texts use")
        for lang, where in source.items():
            full = expansion.get(lang, "")
            at = line_of(entry["expansion"], lang) if isinstance(entry.get("expansion"), dict) \
                and lang in entry["expansion"] else line_of(entry, "source")
            match = SOURCE.fullmatch(where)
            if match is None:
                errors.add(path, line_of(entry, "source"), f"{name}: source '{where}' is document#unit (e.g. "
                                                           f"{config.documents[0].id}#p6), glossary, archives or "
                                                           f"editors")
            elif match["unit"]:
                unit = texts.units.get((match["document"], match["unit"]))
                missing = [w for w in full.split() if unit is not None and w[:4].lower() not in unit.lower()]
                if unit is None:
                    errors.add(path, line_of(entry, "source"), f"{name}: no unit '{where}' in the edition's documents")
                elif missing:
                    errors.add(path, at, f"{name}: the full form '{full}' is not in {where} (not found: "
                                         f"{', '.join(missing)})")
            elif where == "glossary" and not any(full.lower() in g.lower() for g in texts.glossaries.get(lang, [])):
                errors.add(path, at, f"{name}: the full form '{full}' is not in the {lang} glossary")
            elif where == "archives":
                archive = next((r for r in config.repositories.values() if r.abbr in forms.values()), None)
                if full != "-":
                    errors.add(path, at, f"{name}: the full form of an archive is its name in archives.yaml: leave "
                                         f"it out here")
                elif archive is None or lang not in archive.name:
                    errors.add(path, line_of(entry, "source"), f"{name}: archives.yaml names no archive {name} in "
                                                               f"{lang}")
                else:
                    expansion[lang] = archive.name[lang]
        found.append(Abbreviation(forms, expansion, source, in_text is True, per_lang.get("note")))
    errors.raise_if_any()
    return found
