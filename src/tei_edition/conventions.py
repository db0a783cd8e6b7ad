"""The project's rules beyond the schema, each problem reported as `file:line: message`: unique ids,
pointers that lead somewhere, language tags, page numbers (a public contract: #page-<n>), a print's
paragraph and note numbering, the source description's date and DOI, and archival references, parsed
and checked against their markup."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lxml import etree

from tei_edition.archival import ArchivalParseError, ArchivalRef, parse_reference
from tei_edition.errors import Collector
from tei_edition.languages import tag_fault
from tei_edition.tei import (
    NS,
    POINTER_ATTRIBUTES,
    TEI_NS,
    XML_ID,
    attr,
    date_parts,
    elements,
    in_text,
    normalize_space,
    other_pagination,
    source_line,
    tei,
    text_of,
)

IDNO_LABELS = {"fond": "Ф.", "opis": "Оп.", "delo": "Д."}


def archival_bibls(root: etree._Element) -> list[etree._Element]:
    return elements(root, "//t:text//t:bibl[@type='archival']")


def parse_archival(root: etree._Element, path: Path, repositories: dict, errors: Collector) -> dict[str, ArchivalRef]:
    """Parse every archival reference in reading order, resolving Ibid. against its sameAs target."""
    refs: dict[str, ArchivalRef] = {}
    known = {abbr: repo.key for abbr, repo in repositories.items()}
    previous: ArchivalRef | None = None
    for bibl in archival_bibls(root):
        bibl_id = bibl.get(XML_ID)
        text = normalize_space(text_of(bibl))
        same_as = (bibl.get("sameAs") or "").lstrip("#")
        repeated = refs.get(same_as) if same_as else None
        if same_as and repeated is None and root.xpath("//*[@xml:id=$id]", id=same_as):
            errors.add(path, source_line(bibl), f"sameAs=\"#{same_as}\" must point to an earlier archival reference")
        try:
            ref = parse_reference(text, repeated or previous, known)
        except ArchivalParseError as exc:
            errors.add(path, source_line(bibl), f"archival reference \"{text}\" does not parse: {exc}")
            continue
        if ref.ibid and not same_as:
            errors.add(path, source_line(bibl), f"\"{text}\" repeats a reference: add sameAs=\"#…\" pointing to it")
        if not ref.ibid and same_as:
            errors.add(path, source_line(bibl), f"\"{text}\" is a full reference: remove sameAs, or print it as Ibid.")
        _check_markup(bibl, ref, path, errors)
        if bibl_id is None:
            errors.add(path, source_line(bibl), "an archival reference needs an xml:id (e.g. xml:id=\"ref-n7\")")
        else:
            refs[bibl_id] = ref
        previous = ref
    return refs


def _check_markup(bibl: etree._Element, ref: ArchivalRef, path: Path, errors: Collector) -> None:
    """The structured parts must say what the printed text says, and `ana` what it leaves to inference."""
    inferred = {"#inferred-unit"} if ref.ibid else set()
    inferred |= {"#inferred-folios"} if ref.folios_repeated else set()
    if inferred != {"#inferred-unit", "#inferred-folios"} & set(attr(bibl, "ana").split()):
        errors.add(path, source_line(bibl), f"what this reference does not print is the editors' inference: mark "
                                          f"it ana=\"{' '.join(sorted(inferred, reverse=True)) or '(neither)'}\" "
                                          f"(#inferred-unit, #inferred-folios: categories of the header's classDecl)")
    values = {"fond": ref.unit.fond, "opis": ref.unit.opis, "delo": ref.unit.delo}
    for idno in bibl.iterfind(".//t:idno", NS):
        kind = idno.get("type")
        if kind not in values:
            errors.add(path, source_line(idno),
                       f"idno type=\"{kind}\" in an archival reference must be fond, opis or delo")
            continue
        expected = f"{IDNO_LABELS[kind]} {values[kind]}"
        if normalize_space(idno.text or "").rstrip(".") != expected:
            errors.add(path, source_line(idno),
                       f"idno type=\"{kind}\" says \"{idno.text}\", the reference reads \"{expected}\"")
    ranges = bibl.findall(".//t:citedRange", NS)
    if ref.folios and not ranges and re.search(r"\bЛл?\.", text_of(bibl)):  # folios printed here
        first, last = ref.folios[0].first.number, (ref.folios[-1].last or ref.folios[-1].first).number
        errors.add(path, source_line(bibl), f"the folios of this reference need their structured form: "
                                          f"<citedRange unit=\"folio\" from=\"{first}\" to=\"{last}\">…</citedRange>")
    for cited in ranges:
        start = ref.folios[0].first.number if ref.folios else None
        last_range = ref.folios[-1] if ref.folios else None
        end = (last_range.last or last_range.first).number if last_range else None
        if cited.get("unit") != "folio" or cited.get("from") != str(start) or cited.get("to") != str(end):
            errors.add(path, source_line(cited), f"citedRange must be unit=\"folio\" from=\"{start}\" to=\"{end}\" "
                                               f"to match \"{normalize_space(text_of(cited))}\"")


def check_unique_ids(tree: etree._ElementTree, path: Path) -> None:
    """Before the schema, whose message for a repeated ID ("Invalid attribute id") names neither."""
    errors = Collector()
    first_use: dict[str, int | None] = {}
    for element in tree.getroot().iter(f"{{{TEI_NS}}}*"):  # (not an example's markup)
        xml_id = element.get(XML_ID)
        if xml_id is None:
            continue
        if xml_id in first_use:
            errors.add(path, source_line(element),
                       f"duplicate xml:id \"{xml_id}\" (first used on line {first_use[xml_id]}); ids must be unique")
        else:
            first_use[xml_id] = source_line(element)
    errors.raise_if_any()


# Of TEI's own elements: an example's markup (`egXML`, in the namespace of TEI's examples) is quoted,
# its ids and pointers not the document's.
_TEI = f"//*[namespace-uri()='{TEI_NS}']"
_IDS = etree.XPath(f"{_TEI}/@xml:id")
_LANGUAGES = etree.XPath(f"{_TEI}/@xml:lang")
_POINTERS = etree.XPath("|".join(f"{_TEI}/@{name}" for name in POINTER_ATTRIBUTES))
_SCHEME = re.compile(r"#?(xpath|xpointer|match|string-range|range|left|right|l|r)\(")  # TEI's pointer schemes


_NAMES = frozenset(f"{{{TEI_NS}}}{name}" for name in ("persName", "placeName", "orgName", "rs", "name", "author",
                                                        "editor"))


def language_faults(root: etree._Element) -> list[tuple[int | None, str]]:
    """Every xml:lang that is no language tag (a page's lang, read by browsers and screen readers),
    with its line and what to write."""
    languages: Any = _LANGUAGES(root)
    return [(source_line(value.getparent()), f"xml:lang: {fault}") for value in languages
            if (fault := tag_fault(str(value)))]


def check_rules(tree: etree._ElementTree, path: Path, repositories: dict,
                translation: bool = False, printed: bool = True) -> dict[str, ArchivalRef]:
    """The project's rules beyond the schema; returns the parsed archival references by bibl id.

    A translation has no print pages and gives references in English: its notes and references
    are checked against the original instead (`alignment.check_translation`). The conventions
    of an encoded print (paragraphs p1…pN, footnotes n1…nN numbered again on each page) hold for a
    document with a `source`, and for its translations; a born-digital document needs none.
    """
    root = tree.getroot()
    errors = Collector()
    found: Any = _IDS(root)
    ids = {str(value) for value in found}
    pointers: Any = _POINTERS(root)
    for value in pointers:  # in document order, found by libxml2
        scheme = _SCHEME.match(str(value).strip())
        if scheme:  # (its arguments may hold spaces: one message for the attribute)
            errors.add(path, source_line(value.getparent()),
                       f"{value.attrname}=\"{str(value).strip()[:60]}\": TEI's pointer scheme {scheme.group(1)}() "
                       f"is not read here; point to elements by their xml:id (an <anchor xml:id=\"...\"/> where "
                       f"the words begin, and targetEnd=\"#...\" where they end)")
            continue
        for pointer in str(value).split():
            if pointer == "#":
                errors.add(path, source_line(value.getparent()), f"{value.attrname}=\"#\" is an empty pointer: "
                                                                 f"name the id after '#', or remove the attribute")
            elif pointer.startswith("#") and pointer[1:] not in ids:
                # (a name's pointer into a project's register kept elsewhere, written as if it were here)
                elsewhere = f": a name's pointer to a register entry kept in another file names that file (ref=\"" \
                            f"persons.xml{pointer}\", the file named as registers: in edition.yaml), or, where the " \
                            f"edition keeps no registers, is a key (key=\"{pointer[1:]}\")" \
                    if value.attrname == "ref" and value.getparent().tag in _NAMES else ""
                errors.add(path, source_line(value.getparent()),
                           f"{value.attrname}=\"{pointer}\" points to no element: "
                           f"no xml:id \"{pointer[1:]}\" in this file{elsewhere}")
    for line, message in language_faults(root):
        errors.add(path, line, message)
    _check_pages(root, path, errors, printed)
    if printed:
        _check_paragraph_ids(root, path, errors)
        _check_note_kinds(root, path, errors)
    _check_source_description(root, path, errors)
    refs = {}
    if not translation:
        if printed:
            _check_notes(root, path, errors)
        refs = parse_archival(root, path, repositories, errors)
    errors.raise_if_any()
    return refs


DOI = re.compile(r"10\.[0-9]{4,9}/\S+")


def _check_source_description(root: etree._Element, path: Path, errors: Collector) -> None:
    """The printed source's date and DOI are used in citations and links: they must be what they claim."""
    for date in root.iterfind(".//t:sourceDesc//t:imprint/t:date", NS):
        when, shown = date.get("when"), normalize_space(text_of(date))
        if when is None and date_parts(shown) is not None:
            continue  # "<date>1908</date>": its text is the date
        if when is None or date_parts(when) is None:
            found = f"when=\"{when[:40]}\"" if when is not None else f"no when, and the text \"{shown[:40]}\""
            errors.add(path, source_line(date), f"the imprint date needs when=\"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\" "
                                              f"(or that as its text), found {found}")
    for idno in root.iterfind(".//t:sourceDesc//t:idno[@type='DOI']", NS):
        doi = normalize_space(idno.text or "")
        if not DOI.fullmatch(doi):
            errors.add(path, source_line(idno), f"\"{doi[:60]}\" is not a DOI: write it as 10.<registrant>/<suffix>, "
                                              f"without https://doi.org/")


def _check_paragraph_ids(root: etree._Element, path: Path, errors: Collector) -> None:
    """A print's paragraph ids are a public contract: p1…pN in reading order."""
    for number, para in enumerate(root.iterfind(".//t:body//t:p", NS), start=1):
        if para.get(XML_ID) != f"p{number}":
            errors.add(path, source_line(para), f"body paragraph {number} must have xml:id=\"p{number}\", "
                                              f"found \"{para.get(XML_ID)}\"")


# A page's number or an edition's name, as an address ("12", "1v", "[12]", "5 ob.", "plate facing
# page 10", "267 [sic]": `tei.page_anchor`): a letter or digit, at most 40 characters, none a control,
# each bracket closed ("[1" is a slip).
_PAGE_TOKEN = re.compile(r"(?=.{1,40}\Z)(?=.*\w)(?:[^\x00-\x1f\x7f\[\]]|\[[^\x00-\x1f\x7f\[\]]*\])+")


def _check_pages(root: etree._Element, path: Path, errors: Collector, printed: bool) -> None:
    """Page ids are a public contract: each numbered page's marker is #page-<n>. A print (a document
    with a source) numbers its pages in ASCII digits, each greater than the one before, each pb with
    xml:id="page-<n>"; any other document may number pages or folios as it likes ("1v"), in each
    pagination (`ed`: #page-<ed>-<n>), a number again where the print repeats one (its marker then
    #page-<n>-2: `tei.page_number`), and a pb without a number is a break with no marker."""
    previous = 0
    for pb in in_text(root, "pb"):
        n, own, ed = pb.get("n") or "", pb.get(XML_ID), other_pagination(pb) or None
        if printed:
            if ed is not None:
                errors.add(path, source_line(pb), f"pb ed=\"{ed[:40]}\": a print with a source has one pagination, "
                                                f"its own: the print view lays out its pages (remove the pb, or "
                                                f"the document's source)")
                continue
            if not re.fullmatch(r"[1-9][0-9]{0,5}", n) or own != f"page-{n}":
                errors.add(path, source_line(pb), f"pb needs a page number n (digits 0-9, at most 6) and "
                                                f"xml:id=\"page-<n>\", found n=\"{n}\"" +
                                                (f" xml:id=\"{own}\"" if own else " and no xml:id"))
                continue
            if int(n) <= previous:
                errors.add(path, source_line(pb), f"page {n} follows page {previous}: page numbers must increase")
            previous = int(n)
            continue
        if n and not _PAGE_TOKEN.fullmatch(n) or ed is not None and not _PAGE_TOKEN.fullmatch(ed):
            what = f'n="{n[:40]}"' if n and not _PAGE_TOKEN.fullmatch(n) else f'ed="{(ed or "")[:40]}"'
            errors.add(path, source_line(pb), f"pb {what}: a page or folio number, and an edition's name, is at "
                                            f"most 40 characters, with a letter or digit, each bracket closed (in "
                                            f"brackets, [4], a number the source does not print): it is the page's "
                                            f"address, #page-<n> (#page-<ed>-<n>), its spaces and brackets hyphens")


def _check_note_kinds(root: etree._Element, path: Path, errors: Collector) -> None:
    """The notes this edition renders: footnotes (place="foot", with an id), translator's notes,
    and the editors' conjectures on a misprint (pointing to its `sic`)."""
    for note in in_text(root, "note"):
        if note.get("type") == "translator":
            continue
        if note.get("type") == "editorial":
            sic = elements(root, "//t:sic[@xml:id=$id][not(parent::t:choice)]", id=attr(note, "target")[1:])
            if note.get("subtype") != "conjecture" or not sic:
                errors.add(path, source_line(note), "an editorial note is a conjecture on a misprint: "
                                                  "subtype=\"conjecture\" and target=\"#…\" pointing to a <sic> "
                                                  "that is not in a <choice>")
            continue
        if note.get("place") != "foot" or not note.get(XML_ID):
            errors.add(path, source_line(note), f"a note needs place=\"foot\" and an xml:id (or type=\"translator\"), "
                                              f"found place=\"{note.get('place')}\" xml:id=\"{note.get(XML_ID)}\"")


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
            errors.add(path, source_line(element),
                       f"footnote {number} in reading order must have xml:id=\"n{number}\", "
                       f"found \"{element.get(XML_ID)}\"")
        if element.get("n") != str(expected_printed):
            errors.add(path, source_line(element), f"printed note number n=\"{element.get('n')}\" breaks the page's "
                                                 f"sequence: expected n=\"{expected_printed}\"")
        expected_printed += 1
        lost = element.find("t:gap", NS) is not None
        text = normalize_space(text_of(element))
        if lost == bool(text):
            errors.add(path, source_line(element), "a note holds either its text or <gap reason=\"lost\"/> for a lost "
                                                 "text, not both and not neither")
