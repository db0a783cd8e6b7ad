"""`tei-edition ids`: give the citable units of a TEI file the stable ids they lack, once.

Paragraphs, divisions, notes, tables, figures and verse groups without an `xml:id` get one
("p12", "div3", "n5", "table1", "fig2", "lg4": the kind and its rank in the text; a rank already
taken as an id gets a suffix). The body's paragraphs are p1…pN as the pages number them, ¶ 1…N;
a paragraph elsewhere (the front or back matter, a note, a quotation) is "para" and its rank. An
abstract and, in a document that is no print, a note get the ids their pages already give them
("abstract-fr", "note-3"), addresses a reader may have cited before. The
file is otherwise kept byte for byte: each id is written into its start tag in the text, and the
result is parsed again and compared before it replaces the file. From then on the ledger
(`tei-edition ledger`) protects the ids. Only the originals listed in edition.yaml are written: a
translation takes its ids from its original (with `corresp`).
"""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from lxml import etree

from tei_edition.conventions import check_unique_ids
from tei_edition.errors import EditionError, decode_utf8, read_bytes
from tei_edition.schema import validate_schema
from tei_edition.tei import TEI_NS, XML_ID, local_name, parse, source_line

PREFIXES = {"p": "p", "div": "div", "note": "n", "table": "table", "figure": "fig", "lg": "lg"}
# Markup that is not an element's start tag; a start tag, attribute values may hold ">".
_TOKENS = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE[^>]*>"
                     r"|<(?P<name>[A-Za-z_][\w.:-]*)(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*/?>", re.S)


def _numbered(paragraph: etree._Element) -> bool:
    """A paragraph of the body's running text (in its divisions), which the pages number ¶ 1, ¶ 2 …;
    not one of the front or back matter, nor one inside a note, quotation, list or figure."""
    for ancestor in paragraph.iterancestors():
        name = local_name(ancestor)
        if name == "body":
            return True
        if name not in _DIVISIONS:
            return False
    return False


_DIVISIONS = {"div", "div1", "div2", "div3", "div4", "div5"}


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
    if not printed:
        from tei_edition.anchors import numbered_notes
        wanted.update({note: f"note-{number}" for number, note in enumerate(numbered_notes(tree), start=1)
                       if not note.get(XML_ID) and f"note-{number}" not in taken})
    taken |= set(wanted.values())
    for element in text.iter(*(f"{{{TEI_NS}}}{name}" for name in PREFIXES)):
        name = local_name(element)
        if name == "note" and element.get("type") == "translator":
            continue
        if name == "p" and not _numbered(element):  # pN is the paragraph the reader sees as ¶ N
            name = "para"
        if element in wanted:  # (an abstract, a note: named as its page names it)
            continue
        ranks[name] = ranks.get(name, 0) + 1
        if element.get(XML_ID):
            continue
        prefix = PREFIXES.get(name, name)
        candidate, suffix = f"{prefix}{ranks[name]}", 1
        while candidate in taken:
            suffix += 1
            candidate = f"{prefix}{ranks[name]}-{suffix}"
        taken.add(candidate)
        wanted[element] = candidate
    return wanted


def write_ids(path: Path, printed: bool = True) -> int:
    """Write the missing ids into the TEI file at `path`; return how many were written. A file the
    project schema refuses is left as it is: its faults first (ids in an invalid file could land in
    the wrong places, and would be promised once recorded)."""
    tree = parse(path)
    check_unique_ids(tree, path)
    validate_schema(tree, path)
    wanted = missing_ids(tree, printed)
    if not wanted:
        return 0
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
            pieces += [text[position:end], f' xml:id="{wanted[element]}"']
            position = end
    pieces.append(text[position:])
    result = "".join(pieces)
    written = etree.fromstring(result.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True))
    given = {e.get(XML_ID) for e in written.iter() if isinstance(e.tag, str)}
    if not set(wanted.values()) <= given:
        raise EditionError.at(path, None, "the ids did not land where intended: the file was not changed")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
        out.write(result)
    os.chmod(temporary, path.stat().st_mode & 0o777)
    os.replace(temporary, path)
    return len(wanted)
