"""The walk of a text's containers (body, back, a division, a grouped text) into the model's blocks:
paragraphs numbered in reading order, tables, page breaks, divisions with their headings, and every
other block the rule table renders (`transform` builds the document with it)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from lxml import etree

from tei_edition.inline import Transformer
from tei_edition.layout import (
    DIVISIONS,
    blank,
    division_head,
    division_number,
    empty_head,
    of_a_figure,
)
from tei_edition.media import facsimile
from tei_edition.output import NoOutput
from tei_edition.tables import build_table
from tei_edition.tei import XML_ID, XML_LANG, headless_bibliography, local_name, page_anchor, page_number
from tei_edition.units import Block, Division, PageBreak

# A division without a heading named by its type (an article's bibliography, as a publisher exports it).
TYPE_HEADINGS = {"bibliography": "division_bibliography", "references": "division_bibliography",
                 "ack": "division_acknowledgements", "acknowledgements": "division_acknowledgements",
                 "acknowledgments": "division_acknowledgements"}


def before_heading(div: etree._Element, head: etree._Element | None) -> list[etree._Element]:
    """A division's elements before its own heading (none if it has none of its own)."""
    if head is None or head.getparent() is not div:
        return []
    found: list[etree._Element] = []
    for child in div:
        if child is head:
            return found
        if isinstance(child.tag, str):
            found.append(child)
    return found


def leading_breaks(parent: etree._Element) -> list[etree._Element]:
    """The numbered page breaks a container begins with, before any other element of it."""
    found = []
    for child in parent:
        if isinstance(child.tag, str):
            if local_name(child) != "pb":
                break
            if child.get("n"):
                found.append(child)
    return found


class BlockWalker:
    """Turns the children of body, back or a division into blocks, numbering paragraphs in reading order."""

    def __init__(self, tx: Transformer, markers: Callable[[str], tuple[str, ...]], original: bool,
                 numbered: bool = True, by_depth: bool = False):
        self.tx, self.markers, self.original = tx, markers, original
        self.number = 0
        self.numbered = numbered  # the body's paragraphs carry the reader's ¶ numbers; front and back do not
        self.by_depth = by_depth  # the document's divisions are numbered by their depth (DTA's n): no number

    def of(self, parent: etree._Element, level: int, skip: Callable[[etree._Element], bool] = lambda e: False) -> list:
        blocks: list = []
        heading = division_head(parent) if local_name(parent) in DIVISIONS else None  # written by `division`
        for child in parent:
            name = local_name(child)
            if not name or skip(child) or child is heading or name == "head" and empty_head(child) \
                    or name in ("p", *DIVISIONS) and blank(child):
                continue
            if name == "p" and of_a_figure(child):
                blocks.append(self.block(child))  # (the figure, its id an anchor; a figure's title, unnumbered)
            elif name == "p":
                number = None
                if self.numbered and self.tx.original is not None and self.tx.original.paragraphs:
                    # a translation's, aligned by ids: numbered as the paragraph it translates
                    number = self.tx.original.paragraphs.get(self.tx.original.target(child) or "")
                elif self.numbered:
                    self.number += 1
                    number = self.number
                blocks.append(self.tx.paragraph(child, number, pages_before=self.markers(child.get(XML_ID) or "")))
            elif name == "table":
                if self.original and self.markers(child.get(XML_ID) or ""):
                    blocks.append(PageBreak(self.markers(child.get(XML_ID, "")), approximate=True))
                blocks.append(build_table(self.tx, child))
            elif name == "pb":
                if child.get("n"):  # (a break with no number has no marker)
                    blocks.append(self.page_break(child))
                else:  # (the rule's walk: no number a note could name; its image, if any, a warning)
                    self.tx.pb(child, NoOutput())
            elif name in ("surface", "surfaceGrp"):  # (a sourceDoc's) a page, its zones' lines on it
                if child.get("n"):
                    blocks.append(self.page_break(child))
                blocks.extend(self.of(child, level, skip=lambda e: local_name(e) == "graphic"))
            elif name == "text":  # a text of a `group` (a collection's): a division of its own
                blocks.append(self.division(child, level + 1))
            elif name in ("front", "body", "back", "group") and local_name(parent) in ("text", "group"):
                blocks.extend(self.of(child, level))  # (a grouped text's parts, a group in a group)
            elif name in DIVISIONS:
                # A page that begins before the division's heading is marked before it.
                opening = leading_breaks(child)
                blocks.extend(self.page_break(pb) for pb in opening)
                blocks.append(self.division(child, level + 1, opening))
            elif name == "head" and local_name(parent) in ("body", "front", "back", "group"):
                blocks.append(self.block(child, heading=min(level + 2, 6)))  # (a division's is written by it)
            elif headless_bibliography(child):  # (in the contents by its id, the section's)
                block = self.block(child)
                blocks.append(Division(block.id, min(level + 1, 6), None, (replace(block, id=None),),
                                       lang=child.get(XML_LANG) or "", unit="bibliography",
                                       label=TYPE_HEADINGS["bibliography"]))
            else:
                blocks.append(self.block(child))
        return blocks

    def division(self, div: etree._Element, level: int, opening: list[etree._Element] | None = None) -> Division:
        head = division_head(div)
        marked = opening or []
        # What stands before the heading (a salute, an epigraph the TEI places first) is shown first,
        # walked first: its notes come before the heading's.
        before = set(before_heading(div, head)) - set(marked)
        lead = tuple(self.of(div, level, skip=lambda e: e not in before)) if before else ()
        first_note = len(self.tx.state.notes)
        self.tx.state.paragraph_id = div.get(XML_ID) or ""
        heading = self.tx.content(head) if head is not None else None
        notes = tuple(self.tx.state.notes[first_note:])
        lang = div.get(XML_LANG) or ""
        return Division(div.get(XML_ID), min(level, 6), heading,
                        tuple(self.of(div, level, skip=lambda e: e in marked or e in before)), notes, lang,
                        lead=lead,
                        head_id=head.get(XML_ID, "") if head is not None else "",
                        head_lang=head.get(XML_LANG, "") if head is not None else "",
                        number=(number := division_number(div, self.by_depth) if head is None else ""),
                        unit=div.get("subtype") or div.get("type") or "",
                        label=TYPE_HEADINGS.get((div.get("type") or "").lower(), "") if head is None and not number
                        else "")

    def page_break(self, pb: etree._Element) -> PageBreak:
        """A page that begins between blocks (followed: the blocks after it are on it)."""
        self.tx.follow_page(pb)
        own = pb.get(XML_ID, "")
        return PageBreak((page_number(pb),), facsimiles=(facsimile(self.tx, pb),),
                         id="" if own == page_anchor(page_number(pb)) else own)

    def block(self, element: etree._Element, heading: int = 0) -> Block:
        """A block the rule table renders; a heading (its level) is its content, set as a heading."""
        first_note = len(self.tx.state.notes)
        self.tx.state.paragraph_id = element.get(XML_ID) or self.tx.state.paragraph_id
        content = self.tx.content(element) if heading else self.tx.content(element, whole=True)
        return Block(element.get(XML_ID), content, tuple(self.tx.state.notes[first_note:]),
                     verse=local_name(element) == "l", heading=heading)
