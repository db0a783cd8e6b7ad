"""Find, parse and validate a TEI document: well-formedness, the TEI schema, the project's rules.

lxml keeps each element's source line, so every problem is reported as `file:line: message`.
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from lxml import etree

from tei_edition.archival import ArchivalParseError, ArchivalRef, parse_reference
from tei_edition.errors import Collector, EditionError

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NS = {"t": TEI_NS}
SCHEMA = Path(__file__).parent / "schemas" / "tei_all.rng"
POINTER_ATTRIBUTES = ("corresp", "sameAs", "ana", "ref", "resp", "who", "target")
IDNO_LABELS = {"fond": "Ф.", "opis": "Оп.", "delo": "Д."}


def tei(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


def local_name(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def normalize_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def corresp_target(element: etree._Element, file: str) -> str | None:
    """The id in `file` that `corresp="file#id"` points to, or None if it points elsewhere."""
    corresp = element.get("corresp") or ""
    prefix = f"{file}#"
    return corresp[len(prefix):] if corresp.startswith(prefix) else None


def parse(path: Path) -> etree._ElementTree:
    """Parse without network access or entity expansion; malformed XML is a located error."""
    # collect_ids=False: duplicate xml:ids are reported by check_rules, with both lines.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=False, collect_ids=False)
    try:
        return etree.parse(str(path), parser)
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else exc.lineno
        message = re.sub(r", line \d+, column \d+$", "", exc.msg or str(exc))
        raise EditionError.at(path, line, f"malformed XML: {message}") from None
    except OSError as exc:
        raise EditionError.at(path, None, f"cannot read the TEI file: {exc}") from None


@cache
def _schema() -> etree.RelaxNG:
    # Compiling tei_all takes seconds: once per process.
    return etree.RelaxNG(etree.parse(str(SCHEMA)))


def validate_schema(tree: etree._ElementTree, path: Path) -> None:
    schema = _schema()
    if schema.validate(tree):
        return
    errors = Collector()
    for entry in schema.error_log:
        errors.add(path, entry.line, f"not valid TEI P5 (tei_all 4.3.0): {entry.message}")
    errors.raise_if_any()


def archival_bibls(root: etree._Element) -> list[etree._Element]:
    return root.xpath("//t:text//t:bibl[@type='archival']", namespaces=NS)


def parse_archival(root: etree._Element, path: Path, repositories: dict, errors: Collector) -> dict[str, ArchivalRef]:
    """Parse every archival reference in reading order, resolving Ibid. against its sameAs target."""
    refs: dict[str, ArchivalRef] = {}
    known = {abbr: repo.abbr_en for abbr, repo in repositories.items()}
    previous: ArchivalRef | None = None
    for bibl in archival_bibls(root):
        bibl_id = bibl.get(XML_ID)
        text = normalize_space("".join(bibl.itertext()))
        same_as = (bibl.get("sameAs") or "").lstrip("#")
        repeated = refs.get(same_as) if same_as else None
        if same_as and repeated is None and root.xpath("//*[@xml:id=$id]", id=same_as):
            errors.add(path, bibl.sourceline, f"sameAs=\"#{same_as}\" must point to an earlier archival reference")
        try:
            ref = parse_reference(text, repeated or previous, known)
        except ArchivalParseError as exc:
            errors.add(path, bibl.sourceline, f"archival reference \"{text}\" does not parse: {exc}")
            continue
        if ref.ibid and not same_as:
            errors.add(path, bibl.sourceline, f"\"{text}\" repeats a reference: add sameAs=\"#…\" pointing to it")
        if not ref.ibid and same_as:
            errors.add(path, bibl.sourceline, f"\"{text}\" is a full reference: remove sameAs, or print it as Ibid.")
        _check_markup(bibl, ref, path, errors)
        if bibl_id is None:
            errors.add(path, bibl.sourceline, "an archival reference needs an xml:id (e.g. xml:id=\"ref-n7\")")
        else:
            refs[bibl_id] = ref
        previous = ref
    return refs


def _check_markup(bibl: etree._Element, ref: ArchivalRef, path: Path, errors: Collector) -> None:
    """The structured parts must say what the printed text says."""
    values = {"fond": ref.unit.fond, "opis": ref.unit.opis, "delo": ref.unit.delo}
    for idno in bibl.iterfind(".//t:idno", NS):
        kind = idno.get("type")
        if kind not in values:
            errors.add(path, idno.sourceline, f"idno type=\"{kind}\" in an archival reference must be fond, opis or delo")
            continue
        expected = f"{IDNO_LABELS[kind]} {values[kind]}"
        if normalize_space(idno.text or "").rstrip(".") != expected:
            errors.add(path, idno.sourceline, f"idno type=\"{kind}\" says \"{idno.text}\", the reference reads \"{expected}\"")
    for cited in bibl.iterfind(".//t:citedRange", NS):
        first = ref.folios[0].first.number if ref.folios else None
        last_range = ref.folios[-1] if ref.folios else None
        last = (last_range.last or last_range.first).number if last_range else None
        if cited.get("unit") != "folio" or cited.get("from") != str(first) or cited.get("to") != str(last):
            errors.add(path, cited.sourceline, f"citedRange must be unit=\"folio\" from=\"{first}\" to=\"{last}\" "
                                               f"to match \"{normalize_space(''.join(cited.itertext()))}\"")


def check_unique_ids(tree: etree._ElementTree, path: Path) -> None:
    """Before the schema, whose message for a repeated ID ("Invalid attribute id") names neither."""
    errors = Collector()
    first_use: dict[str, int] = {}
    for element in tree.getroot().iter():
        xml_id = element.get(XML_ID) if isinstance(element.tag, str) else None
        if xml_id is None:
            continue
        if xml_id in first_use:
            errors.add(path, element.sourceline,
                       f"duplicate xml:id \"{xml_id}\" (first used on line {first_use[xml_id]}); ids must be unique")
        else:
            first_use[xml_id] = element.sourceline
    errors.raise_if_any()


def check_rules(tree: etree._ElementTree, path: Path, repositories: dict,
                translation: bool = False) -> dict[str, ArchivalRef]:
    """The project's rules beyond the schema; returns the parsed archival references by bibl id.

    A translation has no print pages and gives references in English: its notes and references
    are checked against the original instead (`alignment.check_translation`).
    """
    root = tree.getroot()
    errors = Collector()
    ids = {element.get(XML_ID) for element in root.iter() if isinstance(element.tag, str)}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in POINTER_ATTRIBUTES:
            for pointer in (element.get(attribute) or "").split():
                if pointer.startswith("#") and pointer[1:] not in ids:
                    errors.add(path, element.sourceline,
                               f"{attribute}=\"{pointer}\" points to no element: no xml:id \"{pointer[1:]}\" in this file")
    _check_sequences(root, path, errors)
    refs = {}
    if not translation:
        _check_notes(root, path, errors)
        refs = parse_archival(root, path, repositories, errors)
    errors.raise_if_any()
    return refs


def _check_sequences(root: etree._Element, path: Path, errors: Collector) -> None:
    """Paragraph and page ids are a public contract: p1…pN in reading order, page-N on each pb."""
    for number, para in enumerate(root.iterfind(".//t:body//t:p", NS), start=1):
        if para.get(XML_ID) != f"p{number}":
            errors.add(path, para.sourceline, f"body paragraph {number} must have xml:id=\"p{number}\", "
                                              f"found \"{para.get(XML_ID)}\"")
    for pb in root.iterfind(".//t:text//t:pb", NS):
        if not (pb.get("n") or "").isdigit() or pb.get(XML_ID) != f"page-{pb.get('n')}":
            errors.add(path, pb.sourceline, f"pb needs a page number n and xml:id=\"page-<n>\", "
                                            f"found n=\"{pb.get('n')}\" xml:id=\"{pb.get(XML_ID)}\"")


def _check_notes(root: etree._Element, path: Path, errors: Collector) -> None:
    """Notes are numbered n1…nN in reading order; printed numbers restart at 1 on each page."""
    expected_printed = 1
    number = 0
    for element in root.iter(tei("pb"), tei("note")):
        if element.tag == tei("pb"):
            expected_printed = 1
            continue
        if element.get("place") != "foot":
            continue
        number += 1
        if element.get(XML_ID) != f"n{number}":
            errors.add(path, element.sourceline, f"footnote {number} in reading order must have xml:id=\"n{number}\", "
                                                 f"found \"{element.get(XML_ID)}\"")
        if element.get("n") != str(expected_printed):
            errors.add(path, element.sourceline, f"printed note number n=\"{element.get('n')}\" breaks the page's "
                                                 f"sequence: expected n=\"{expected_printed}\"")
        expected_printed += 1
        lost = element.find("t:gap", NS) is not None
        text = normalize_space("".join(element.itertext()))
        if lost == bool(text):
            errors.add(path, element.sourceline, "a note holds either its text or <gap reason=\"lost\"/> for a lost "
                                                 "text, not both and not neither")
