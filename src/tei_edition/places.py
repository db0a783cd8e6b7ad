"""Where the print places a document's units, which a translation's model borrows from its
original: the page each unit begins and ends on (a citation's pages, a search result's), the page
breaks before each block of the body (shown at the start of the translated block), each note's page
and printed number."""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from tei_edition.archival import ArchivalRef
from tei_edition.inline import OriginalInfo
from tei_edition.layout import DIVISIONS, reads_as_paragraph
from tei_edition.tei import (
    NS,
    XML_ID,
    XML_LANG,
    elements,
    local_name,
    other_pagination,
    page_number,
)

_UNITS = {"p", "table", "note", "head", "quote", "list", "lg", "figure"}


def unit_pages(root: etree._Element) -> dict[str, tuple[str, str]]:
    """Each unit with an id: the print page it begins on and the one it ends on (an empty dict for
    a document without print pages)."""
    pages: dict[str, tuple[str, str]] = {}
    page = ""
    open_units: list[str] = []
    text = root.find("t:text", NS)
    if text is None or text.find(".//t:pb[@n]", NS) is None:
        return pages

    def visit(element: etree._Element) -> None:
        nonlocal page
        if not isinstance(element.tag, str):
            return
        name = local_name(element)
        if name == "pb":
            if other_pagination(element):  # another edition's page (`ed`, `edRef`): not this print's
                return
            page = element.get("n") or ""
            for unit in open_units:
                pages[unit] = (pages[unit][0], page)
            return
        unit = (element.get(XML_ID) or "") if name in _UNITS else ""
        if unit:
            pages[unit] = (page, page)
            open_units.append(unit)
        for child in element:
            visit(child)
        if unit:
            open_units.pop()

    visit(text)
    return pages


def original_info(tree: etree._ElementTree, path: Path, refs: dict[str, ArchivalRef]) -> OriginalInfo:
    notes: dict[str, tuple[str, str]] = {}
    page = ""
    for element in tree.getroot().iter("{*}pb", "{*}note"):
        if local_name(element) == "pb":
            page = element.get("n") or page
        elif element.get("place") == "foot":
            notes[element.get(XML_ID, "")] = (page, element.get("n", ""))
    repeats = {bibl.get(XML_ID, ""): bibl.get("sameAs", "")[1:] for bibl in elements(tree, "//t:bibl[@sameAs]")}
    numbered = [p for p in elements(tree, "//t:text/t:body//t:p") if reads_as_paragraph(p)]
    paragraphs = {p.get(XML_ID, ""): number for number, p in enumerate(numbered, start=1) if p.get(XML_ID)}
    return OriginalInfo(path.name, notes, refs, repeats, tree.getroot().get(XML_LANG) or "", paragraphs)


def pages_by_block(tree: etree._ElementTree) -> dict[str, list[str]]:
    """Block id ("front", "p7", "tariff-1923") -> the print pages that begin in it or just before it;
    a division's pages are its blocks' (a translation asks for its paragraphs', in any division)."""
    result: dict[str, list[str]] = {"front": [page_number(pb) for pb in elements(tree, "//t:text/t:front//t:pb[@n]")]}
    pending: list[str] = []

    def visit(parent: etree._Element) -> None:
        nonlocal pending
        for child in parent:
            name = local_name(child)
            if name == "pb":
                pending.append(page_number(child))
            elif name in DIVISIONS:
                visit(child)
            elif name and child.get(XML_ID):
                result[child.get(XML_ID, "")] = pending + [page_number(pb) for pb in child.iterfind(".//t:pb[@n]", NS)]
                pending = []

    for body in elements(tree, "//t:text/t:body"):
        visit(body)
    return result
