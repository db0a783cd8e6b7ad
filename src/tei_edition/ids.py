"""`tei-edition ids`: give the citable units of a TEI file the stable ids they lack, once.

Paragraphs, divisions, notes, tables, figures and verse groups without an `xml:id` get one
("p12", "div3", "n5", "table1", "fig2", "lg4": the kind and its rank in the text; a rank already
taken as an id gets a suffix; a division with a number, by its number: "div-1.2"). The body's
paragraphs are p1…pN as the pages number them, ¶ 1…N;
a paragraph elsewhere (the front or back matter, a note, a quotation) is "para" and its rank. An
abstract and, in a document that is no print, a note get the ids their pages already give them
("abstract-fr", "note-3"), addresses a reader may have cited before. The
file is otherwise kept byte for byte: each id is written into its start tag in the text, and the
result is parsed again and compared before it replaces the file. From then on the ledger
(`tei-edition ledger`) protects the ids. A translation takes its ids from its original: its units
that lack them are given the ids of the original's units they stand for by their order, with
`corresp` (`write_translation_ids`), or, where the two texts part, are left for the editor.
"""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from lxml import etree

from tei_edition.conventions import check_unique_ids
from tei_edition.errors import EditionError, decode_utf8, read_bytes
from tei_edition.layout import DIVISIONS, blank, division_number, numbered_by_depth, reads_as_paragraph
from tei_edition.schema import validate_schema
from tei_edition.tei import (
    TEI_NS,
    XML_ID,
    elements,
    headless_bibliography,
    local_name,
    parse,
    source_line,
)

# (a play's speeches too: a scholar cites a speech, `sp3`)
PREFIXES = {"p": "p", "div": "div", "note": "n", "table": "table", "figure": "fig", "lg": "lg", "sp": "sp"}
# Markup that is not an element's start tag; a start tag, attribute values may hold ">".
_TOKENS = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE[^>]*>"
                     r"|<(?P<name>[A-Za-z_][\w.:-]*)(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*/?>", re.S)


def missing_ids(tree: etree._ElementTree, printed: bool = True) -> dict[etree._Element, str]:
    """The units of <text> without an id, each with the id it should get. A note of a document that
    is no print (no `source`) gets the id its page already gives it, `note-3` (a print's are `n3`, as
    the project's rules for a print want them)."""
    text = tree.getroot().find(f"{{{TEI_NS}}}text")
    if text is None:
        return {}
    taken = {e.get(XML_ID) for e in tree.getroot().iter() if isinstance(e.tag, str) and e.get(XML_ID)}
    ranks: dict[str, int] = {}
    # An abstract (and the author's summary in the back) keeps the id its page gives it already
    # ("abstract-fr"): the address a reader may have cited before the ids were written.
    from tei_edition.transform import section_ids
    wanted: dict[etree._Element, str] = {
        div: section_id for part, prefix in (("front", "abstract"), ("back", "summary"))
        for div, section_id in section_ids(text.findall(f"{{{TEI_NS}}}{part}/{{{TEI_NS}}}div[@type='abstract']"),
                                            prefix) if not div.get(XML_ID) and section_id not in taken}
    # The back's bibliography without a division or a heading is headed and listed in the contents
    # as one (walk.BlockWalker.of): named so.
    bibliographies = [found for found in text.findall(f"{{{TEI_NS}}}back/{{{TEI_NS}}}listBibl")
                      if headless_bibliography(found)]
    wanted.update({found: name for number, found in enumerate(bibliographies, start=1)
                   if not found.get(XML_ID) and (name := "bibliography" + (f"-{number}" if number > 1 else ""))
                   not in taken})
    if not printed:
        from tei_edition.anchors import numbered_notes
        wanted.update({note: f"note-{number}" for number, note in enumerate(numbered_notes(tree), start=1)
                       if not note.get(XML_ID) and f"note-{number}" not in taken})
    taken |= set(wanted.values())
    by_depth = numbered_by_depth(tree.getroot())  # (DTA's n is a division's depth, no number)
    for element in text.iter(*(f"{{{TEI_NS}}}{name}" for name in {*PREFIXES, *DIVISIONS})):
        name = "div" if local_name(element) in DIVISIONS else local_name(element)  # (a Folger play's div1: a div)
        if name == "note" and element.get("type") == "translator":
            continue
        if name == "p" and not reads_as_paragraph(element):  # pN: what reads as ¶ N
            name = "para"
        if element in wanted or blank(element):  # (an abstract, a note: named as its page names it; an
            continue  # empty place-holder paragraph, shown nowhere: no name)
        ranks[name] = ranks.get(name, 0) + 1
        if element.get(XML_ID):
            continue
        prefix = PREFIXES.get(name, name)
        # A numbered division is named by its number as the page shows and a reader cites it, "div-1.2"
        # (Perseus's chapter 1, section 2: not "div3", its rank among all divisions).
        number = division_number(element, by_depth) if name == "div" else ""
        cited = f"div-{number}" if number and _NAME_PART.fullmatch(number) else ""
        candidate, suffix = cited or f"{prefix}{ranks[name]}", 1
        while candidate in taken:
            suffix += 1
            candidate = f"{cited or prefix + str(ranks[name])}-{suffix}"
        taken.add(candidate)
        wanted[element] = candidate
    return wanted


_NAME_PART = re.compile(r"[A-Za-z0-9._-]+")  # (what may follow "div-" in an xml:id)


def write_ids(path: Path, printed: bool = True) -> int:
    """Write the missing ids into the TEI file at `path`; return how many were written. A file the
    project schema refuses is left as it is: its faults first (ids in an invalid file could land in
    the wrong places, and would be promised once recorded)."""
    tree = _valid_tree(path)
    wanted = missing_ids(tree, printed)
    _insert_attributes(path, tree, {element: {"xml:id": value} for element, value in wanted.items()})
    return len(wanted)


def write_translation_ids(original: Path, translation: Path) -> int:
    """Give the units of a translation written before its original had ids the ids of the original's
    units they translate, with `corresp` to them; return how many units were given theirs. A unit
    that has its original's id already keeps it (and gets `corresp` if it lacks one); the others are
    paired by kind (paragraph, division, note, table, figure, verse group) in the order of the text,
    the translator's and editors' notes apart. Where a kind's counts differ, the two texts part, or a
    unit has an id of its own, nothing is written and the error says where."""
    from tei_edition.alignment import aligned_units
    originals = _valid_tree(original)
    tree = _valid_tree(translation)
    pointer = os.path.relpath(original, translation.parent).replace(os.sep, "/")
    taken = {e.get(XML_ID) for e in tree.getroot().iter() if isinstance(e.tag, str) and e.get(XML_ID)}
    wanted: dict[etree._Element, dict[str, str]] = {}
    aligned = aligned_units(originals)
    for name in PREFIXES:
        units = [e for e in aligned if local_name(e) == name and e.get(XML_ID)]
        unit_ids = {unit.get(XML_ID) for unit in units}
        counterparts = _counterparts(tree, name)
        for counterpart in counterparts:  # aligned by its id already
            if counterpart.get(XML_ID) in unit_ids and counterpart.get("corresp") is None:
                wanted[counterpart] = {"corresp": f"{pointer}#{counterpart.get(XML_ID)}"}
        translated = {counterpart.get(XML_ID) for counterpart in counterparts} & unit_ids
        units = [unit for unit in units if unit.get(XML_ID) not in translated]
        counterparts = [c for c in counterparts if c.get(XML_ID) not in translated]
        _check_order(units, counterparts, name, original, translation)
        for unit, counterpart in zip(units, counterparts, strict=True):
            unit_id, own = unit.get(XML_ID) or "", counterpart.get(XML_ID)
            if own is not None or unit_id in taken:
                raise EditionError.at(translation, source_line(counterpart), (
                    f"this <{name}> translates {original.name}#{unit_id} (line {source_line(unit)}) by its place, "
                    f"but " + (f"has the id \"{own}\"" if own else f"\"{unit_id}\" is another element's id here")
                    + f": give it xml:id=\"{unit_id}\" and corresp=\"{pointer}#{unit_id}\" by hand; no ids written"))
            wanted[counterpart] = {"xml:id": unit_id, "corresp": f"{pointer}#{unit_id}"} \
                if counterpart.get("corresp") is None else {"xml:id": unit_id}
    _insert_attributes(translation, tree, wanted)
    return len(wanted)


def _counterparts(translation: etree._ElementTree, name: str) -> list[etree._Element]:
    """A translation's units of one kind in the order of its text, as the original's are aligned:
    not in the back (the author's own summary), not the translator's or the editors' notes, nor in them."""
    text = translation.getroot().find(f"{{{TEI_NS}}}text")
    if text is None:
        return []
    return [e for e in text.iter(f"{{{TEI_NS}}}{name}")
            if not any(local_name(a) == "back" or (local_name(a) == "note" and a.get("type") in _OWN_NOTES)
                       for a in e.iterancestors())
            and not (name == "note" and e.get("type") in _OWN_NOTES)]


_OWN_NOTES = ("translator", "editorial")  # a translation's own notes, which translate nothing


def _check_order(units: list[etree._Element], counterparts: list[etree._Element], name: str,
                 original: Path, translation: Path) -> None:
    """Units paired by their order must stand in the same places (within the same kinds of
    elements) and be as many: else the first pair that differs, or the first left over, is named."""
    # (the divisions' numbers too, where the translation numbers its divisions: Perseus's sections)
    numbered = next(iter(elements(counterparts[0].getroottree(), "//t:text//t:div[@n]")), None) is not None \
        if counterparts else False
    for unit, counterpart in zip(units, counterparts, strict=False):
        if _place(unit, numbered) != _place(counterpart, numbered):
            raise EditionError.at(translation, source_line(counterpart), (
                f"this <{name}> stands in {_place(counterpart, numbered) or 'the text'}, but the {name} of "
                f"{original.name} it would translate by its order ({original.name}:{source_line(unit)}) "
                f"in {_place(unit, numbered) or 'the text'}: the two texts part here, so no ids were written; give "
                f"its units the original's ids (xml:id, with corresp) by hand from here on, or make the order agree"))
    if len(units) != len(counterparts):
        shorter = min(len(units), len(counterparts))
        where = (f"counted in order, the first with no counterpart is at line {source_line(counterparts[shorter])} "
                 f"here, but the texts may part anywhere before it" if len(counterparts) > shorter else
                 f"counted in order, the first untranslated is at {original.name}:{source_line(units[shorter])}, "
                 f"but the texts may part anywhere before it")
        raise EditionError.at(translation, None, (
            f"the translation has {len(counterparts)} <{name}> where {original.name} has {len(units)} ({where}), "
            f"so they cannot be paired by their order: no ids were written into it; give them the original's ids "
            f"(xml:id, with corresp) by hand, or make the counts agree"))


# The elements a unit's place is told by: the text's structure, not its phrases (a note in a `hi`).
_STRUCTURE = {*PREFIXES, "div1", "div2", "div3", "div4", "div5", "front", "body", "group", "quote", "cit", "list",
              "item", "cell", "sp", "opener", "closer", "postscript", "epigraph", "argument", "floatingText",
              "listBibl", "ab"}


def _place(element: etree._Element, numbered: bool = False) -> str:
    """Where a unit stands, as the names of the elements around it up to <text> ("div/div/note"),
    with `numbered`, a division's number too ("div/div[n=1]")."""
    names = []
    for ancestor in element.iterancestors():
        if local_name(ancestor) == "text":
            break
        if local_name(ancestor) in _STRUCTURE:
            # (a number, not a version's own name: Perseus's edition and translation are "urn:cts:…lat2", "…eng2")
            n = ancestor.get("n") if numbered and local_name(ancestor) in DIVISIONS else None
            n = None if n and ":" in n else n
            names.append(f"{local_name(ancestor)}[n={n}]" if n else local_name(ancestor))
    return "/".join(reversed(names))


def _valid_tree(path: Path) -> etree._ElementTree:
    tree = parse(path)
    check_unique_ids(tree, path)
    validate_schema(tree, path)
    return tree


def _insert_attributes(path: Path, tree: etree._ElementTree, wanted: dict[etree._Element, dict[str, str]]) -> None:
    """Write attributes into start tags of the file's text, which is otherwise kept byte for byte;
    the result is parsed again and compared before it replaces the file."""
    if not wanted:
        return
    text = decode_utf8(read_bytes(path), path)
    elements = [e for e in tree.getroot().iter() if isinstance(e.tag, str)]
    tags = [m for m in _TOKENS.finditer(text) if m.group("name")]
    if len(tags) != len(elements):
        raise EditionError.at(path, None, "cannot find every start tag in the text: ids not written")
    pieces, position = [], 0
    for element, tag in zip(elements, tags, strict=True):
        if tag.group("name").split(":")[-1] != local_name(element):
            raise EditionError.at(path, source_line(element), "the text and the parsed tree disagree: ids not written")
        if element in wanted:
            end = tag.start("name") + len(tag.group("name"))
            pieces += [text[position:end], *(f' {name}="{value}"' for name, value in wanted[element].items())]
            position = end
    pieces.append(text[position:])
    result = "".join(pieces)
    written = etree.fromstring(result.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True))
    landed = [e for e in written.iter() if isinstance(e.tag, str)]
    if len(landed) != len(elements) or any(
            landed[index].get(XML_ID if name == "xml:id" else name) != value
            for index, element in enumerate(elements) for name, value in wanted.get(element, {}).items()):
        raise EditionError.at(path, None, "the ids did not land where intended: the file was not changed")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
        out.write(result)
    os.chmod(temporary, path.stat().st_mode & 0o777)
    os.replace(temporary, path)
