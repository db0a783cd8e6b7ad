"""Reading: one document of the edition parsed and checked once — its TEI, its translations,
their alignment and its archival references — for every view to use.

The schema is checked beside the build (`helper`); everything else here, in order: the file
parses, its root says its language, its ids are unique, the project's rules hold, each translation
is in the language it is listed under and aligned with the original.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from lxml import etree

from tei_edition import conventions, tei
from tei_edition.alignment import check_translation, merged_quotation_parts
from tei_edition.anchors import Anchor, document_anchors, numbered_notes
from tei_edition.archival import ArchivalRef
from tei_edition.config import Config, DocumentConfig
from tei_edition.errors import Diagnostic, EditionError
from tei_edition.languages import suggested
from tei_edition.schema import validate_schema as schema_check
from tei_edition.standoff import anchor_notes, join_continued_notes, notes_at_their_pointers
from tei_edition.tei import XML_LANG, source_line


class NotReadable(EditionError):
    """A file that cannot be read as TEI at all (it does not parse, says no language, repeats an id):
    reported as it is, before the schema's verdict."""


@dataclass(frozen=True)
class SourceDocument:
    """A parsed, checked TEI document, its translations and its archival references."""

    config: DocumentConfig
    tree: etree._ElementTree
    refs: dict[str, ArchivalRef]
    translations: dict[str, etree._ElementTree] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.config.id

    @property
    def lang(self) -> str:
        return str(self.tree.getroot().get(XML_LANG))  # present: `_read_tei` refuses a TEI without it

    @property
    def files(self) -> list[Path]:
        """Its TEI files: the original, then the translations."""
        return [self.config.tei, *self.config.translations.values()]

    def version(self, lang: str) -> tuple[etree._ElementTree, Path]:
        """The TEI to show readers of `lang`: its translation into `lang`, else the original."""
        if lang != self.lang and lang in self.translations:
            return self.translations[lang], self.config.translations[lang]
        return self.tree, self.config.tei

    def parallel_pair(self, lang: str) -> tuple[str, str] | None:
        """(original language, translation language) of the parallel view under interface `lang`."""
        if not self.translations:
            return None
        return self.lang, lang if lang in self.translations else sorted(self.translations)[0]

    @cached_property
    def original_only(self) -> dict[str, frozenset[str]]:
        """Per translation, the original's ids it does not show, whose anchors are on the original's
        page only: the later parts of interrupted quotations it translates as one with the first
        part, the editors' notes on the original (a Greek text's apparatus), and the notes without an id
        beyond those the translation has (a papyrus's notes its translation leaves out: the pages number
        notes in reading order, `note-3`, `nref-3`)."""
        editorial = frozenset(note.get(tei.XML_ID, "") for note in
                              tei.elements(self.tree, "//t:text//t:note[@type='editorial'][@xml:id]"))
        unnamed = [number for number, note in enumerate(numbered_notes(self.tree), start=1) if not note.get(tei.XML_ID)]
        only: dict[str, frozenset[str]] = {}
        for lang, tree in self.translations.items():
            translated = len(numbered_notes(tree))
            notes = {name for number in unnamed if number > translated for name in (f"note-{number}", f"nref-{number}")}
            only[lang] = merged_quotation_parts(self.tree, tree, self.config.tei.name) | editorial | notes
        return only

    @cached_property
    def anchors(self) -> list[Anchor]:
        """The ids the document publishes and what each means (a print locator, or the element's kind)."""
        return document_anchors(self.tree, self.id)


def _read_tei(path: Path, repositories: dict, translation_lang: str | None, printed: bool,
              validate: bool) -> tuple[etree._ElementTree, dict[str, ArchivalRef]]:
    """Parse and check one TEI file; a translation must be in the language it is listed under."""
    try:
        tree = tei.parse(path)
        _refuse_inclusions(tree, path)  # (first: what the inclusions bring may answer the rest)
        lang = tree.getroot().get(XML_LANG)
        if lang is None:
            # Its <text> may say its language, its header the languages it uses (langUsage, the most
            # used first): a hint, never a default.
            text = tree.getroot().find("t:text", tei.NS)
            text_lang = text.get(XML_LANG) if text is not None else None
            # (or the header's textLang, the main language of the text it describes: Cavriana's letters')
            main_lang = str(tree.getroot().xpath("string(t:teiHeader//t:textLang/@mainLang)", namespaces=tei.NS))
            said = f"its text says xml:lang=\"{text_lang}\"" if text_lang else \
                f"its header's textLang says mainLang=\"{main_lang}\"" if main_lang else ""
            text_lang = text_lang or main_lang or None
            shares = _text_shares(text)
            languages = sorted(tree.getroot().iterfind("t:teiHeader/t:profileDesc/t:langUsage/t:language[@ident]",
                                                       tei.NS),
                               key=lambda language: (-_usage(language), -_share(shares, language.get("ident", ""))))
            declared = list(dict.fromkeys(suggested(str(language.get("ident"))) for language in languages))
            example = suggested(text_lang) if text_lang else declared[0] if declared else "en"
            hint = f" ({said})" if said else \
                f" (its langUsage names {', '.join(declared)})" if declared else ""
            # (the header, often in another language than a text that says its own, says so itself)
            header = "; if its header is written in another language, say so there too, e.g. <teiHeader " \
                     "xml:lang=\"en\">" if text_lang else ""
            root_fault = Diagnostic(path, _start_line(path, tree.getroot()),
                                    f"the TEI root has no xml:lang: say which language the document is in{hint}, "
                                    f"e.g. <TEI xml:lang=\"{example}\">{header}")
            # (its other language tags in the same round: else the schema's word on them stands alone)
            raise EditionError([root_fault, *(Diagnostic(path, line, message)
                                              for line, message in conventions.language_faults(tree.getroot()))])
        if translation_lang is not None and lang != translation_lang:
            raise EditionError.at(path, source_line(tree.getroot()), f"this file is listed as the "
                                                                   f"'{translation_lang}' translation, but its "
                                                                   f"xml:lang is '{lang}'")
        conventions.check_unique_ids(tree, path)
    except EditionError as exc:
        raise NotReadable(exc.diagnostics) from None
    schema: list[Diagnostic] = []
    if validate:
        try:
            schema_check(tree, path)
        except EditionError as exc:
            schema = exc.diagnostics
    try:
        anchor_notes(tree)  # (after the schema's verdict on the file as written)
        notes_at_their_pointers(tree)
        if not printed:  # (a print's notes stay on their pages: its lines are compared with its source)
            join_continued_notes(tree)
        refs = conventions.check_rules(tree, path, repositories, translation=translation_lang is not None,
                                       printed=printed)
    except EditionError as exc:  # the project's rules too, with the schema's faults: all in one round
        raise EditionError(said_once(schema, exc.diagnostics)) from None
    except Exception:  # (it is raised again) a file the schema refuses may be anything: its faults are the schema's
        if schema:
            raise EditionError(schema) from None
        raise
    if schema:
        raise EditionError(schema)
    return tree, refs


_XINCLUDE = "{http://www.w3.org/2001/XInclude}include"


def _start_line(path: Path, element: etree._Element) -> int | None:
    """The line where a root's start tag begins (libxml2's line is where it ends: a start tag written
    over several lines, its namespaces one a line, is told where an editor looks for it)."""
    name = f"<{element.prefix}:" if element.prefix else "<"
    found = re.search(f"{re.escape(name)}{re.escape(etree.QName(element).localname)}[\\s>/]",
                      path.read_text(encoding="utf-8", errors="replace"))
    return found.string.count("\n", 0, found.start()) + 1 if found else source_line(element)


def said_once(schema: list[Diagnostic], rules: list[Diagnostic], told: list[Diagnostic] | None = None
              ) -> list[Diagnostic]:
    """The schema's faults and the project's rules' together; where both speak of an element's xml:lang
    (or a reading's faults, `told` before them, do), the rules' message alone, which says what a
    language tag is ("Invalid attribute lang" says not)."""
    languages = {(str(d.path), d.line) for d in [*rules, *(told or [])] if d.message.startswith("xml:lang:")}
    kept = [d for d in schema if not ((str(d.path), d.line) in languages and "Invalid attribute lang " in d.message)]
    return kept + rules


def _refuse_inclusions(tree: etree._ElementTree, path: Path) -> None:
    """A document is one file: its XInclusions are resolved before it is published, into a file that
    edition.yaml names (the schema would only say it did not expect an element `include`)."""
    found = list(tree.getroot().iter(_XINCLUDE))
    if found:
        raise EditionError.at(path, source_line(found[0]), f"xi:include href=\"{(found[0].get('href') or '')[:60]}\""
                                                         f"{f' (and {len(found) - 1} more)' if len(found) > 1 else ''}"
                                                         f": a document is read from one file; resolve its "
                                                         f"inclusions into a new file (xmllint --xinclude "
                                                         f"{path.name} > {path.stem}.resolved.xml, from Debian's "
                                                         f"libxml2-utils) and name that file in edition.yaml")


def read_document(config: Config, doc: DocumentConfig, validate: bool = True) -> SourceDocument:
    """One document, its translations and their alignment, parsed and checked (with `validate`,
    against the schema too; the build has it checked beside it instead)."""
    printed = doc.source is not None
    tree, refs = _read_tei(doc.tei, config.repositories, None, printed, validate)
    own = tree.getroot().get(XML_LANG)
    if own in doc.translations:  # (each version is known by its language: two in one cannot both be)
        raise EditionError.at(doc.tei, source_line(tree.getroot()),
                              f"xml:lang=\"{own}\" is the language of this document's translation "
                              f"({doc.translations[own].name}, translations: {own} in edition.yaml): set the "
                              f"original's xml:lang to the language it is written in")
    translations = {}
    for lang, path in doc.translations.items():
        translations[lang], _ = _read_tei(path, config.repositories, lang, printed, validate)
        check_translation(tree, translations[lang], doc.tei.name, path, refs, config.repositories)
    return SourceDocument(doc, tree, refs, translations)


def read_documents(config: Config) -> list[SourceDocument]:
    """Every document, each validated in full (for tools and tests; a build streams them)."""
    return [read_document(config, doc) for doc in config.documents]


def fidelity_differences(source: SourceDocument) -> list | None:
    """The differences (fidelity.Difference) between a printed document's TEI print lines and its
    source (None without a source: there is nothing to compare)."""
    from tei_edition import fidelity  # only `check` compares: not imported by every build
    return fidelity.compare(source.tree, source.config.source) if source.config.source else None


def _text_shares(text: etree._Element | None) -> Counter[str]:
    """How many characters of the text each language its parts declare (`xml:lang`) holds: a papyrus's
    langUsage may name its translation's language first, while most of its text is the original's."""
    shares: Counter[str] = Counter()
    if text is None:
        return shares

    def visit(element: etree._Element, lang: str) -> None:
        own = element.get(XML_LANG) or lang
        shares[own] += len((element.text or "").strip())
        for child in element:
            if isinstance(child.tag, str):
                visit(child, own)
            shares[own] += len((child.tail or "").strip())

    visit(text, "")
    return shares


def _share(shares: Counter[str], lang: str) -> int:
    """A language's share, where it outweighs the text that says no language (which the root's
    xml:lang is to name): else 0, and the languages stay in langUsage's order."""
    return shares[lang] if shares[lang] > shares[""] else 0


def _usage(language: etree._Element) -> int:
    """A langUsage language's share of the text (`usage`, a percentage; 0 if not given)."""
    value = language.get("usage", "")
    return int(value) if value.isdigit() else 0
