"""The print as it was laid out: a printed document's pages, each with its lines and the notes at
its foot, read from the same TEI as the reading text (README, "The print view").

A document is printed when its text has print pages (`pb`) and lines (`lb`), the first line
after the first page break. A line is what follows an `lb` up to the next one; it is numbered on
its page as the ledger's locators count (`p. 166, l. 15`: the 15th `lb` after the `pb` of page
166), and it belongs to the unit in which its `lb` stands (a paragraph, the table, an abstract,
the title page). The notes of a page are the foot notes whose markers stand on it, with their
printed numbers. What the editors add (a `corr`, an editorial note) is not the print's.

This is model, not HTML: `diplomatic_html` renders the lines for a page, and `concordance` says,
per page, which units and notes of a reading version stand on it.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from lxml import etree

from tei_edition.anchors import in_the_text, numbered
from tei_edition.fidelity import NOT_PRINTED
from tei_edition.model import Document
from tei_edition.tei import (
    NS,
    XML_ID,
    language_of,
    local_name,
    lost_note,
    other_pagination,
    page_anchor,
    page_number,
    printed_text,
)
from tei_edition.units import Table, walk_blocks

# Elements whose id names the unit a line belongs to (the nearest one around its `lb`).
UNIT_ELEMENTS = {"p", "ab", "table", "div", "div1", "div2", "div3", "div4", "div5", "list", "listBibl", "lg",
                 "figure", "quote", "titlePart", "byline", "docAuthor", "docDate", "opener", "closer",
                 "postscript", "epigraph", "trailer", "argument", "sp", "stage"}  # (a play's speech, direction)


def line_id(page: str, number: int) -> str:
    """The published id of a print line on the print view: "page-166-line-12"."""
    return f"{page_anchor(page)}-line-{number}"


def note_line_id(page: str, printed: str) -> str:
    """The published id of a note at the foot of a page on the print view: "page-167-note-2"."""
    return f"{page_anchor(page)}-note-{printed}"


@dataclass(frozen=True)
class PrintLine:
    page: str
    number: int  # on its page, from 1
    unit: str  # the id of the unit it belongs to ("" if none has one)
    lang: str  # the language in force where it begins
    element: etree._Element  # its lb
    title_page: bool = False  # a line of the title page (rubric, title, byline)

    @property
    def id(self) -> str:
        return line_id(self.page, self.number)


@dataclass(frozen=True)
class PrintNote:
    """A foot note as printed: at the foot of the page where its marker stands, by its printed number."""

    id: str  # the note's xml:id ("n7"), its id on the reading page
    printed: str  # the number printed on its page ("2")
    page: str
    unit: str  # the unit its marker stands in
    element: etree._Element
    lost: bool  # the source lost its text (`gap`)

    @property
    def line_id(self) -> str:
        return note_line_id(self.page, self.printed)


@dataclass(frozen=True)
class PrintPage:
    number: str
    lines: tuple[PrintLine, ...]
    notes: tuple[PrintNote, ...]
    furniture: tuple[etree._Element, ...] = ()  # the header's `fw` for this page (a running head)

    @property
    def id(self) -> str:
        return page_anchor(self.number)


@dataclass(frozen=True)
class PrintLayout:
    pages: tuple[PrintPage, ...]

    @property
    def lines(self) -> tuple[PrintLine, ...]:
        return tuple(line for page in self.pages for line in page.lines)


def is_foot_note(element: etree._Element) -> bool:
    """A note of the print (not the editors' or a translator's): at the foot of the page where its
    marker stands, as the fidelity check lists it (an end note too: the print's place for it is
    not encoded)."""
    return local_name(element) == "note" and numbered(element)


def _unit_within(element: etree._Element) -> tuple[str, bool]:
    """`_unit` of a line that begins in `element` itself (its words, not a line break inside it)."""
    if local_name(element) in UNIT_ELEMENTS and element.get(XML_ID):
        return element.get(XML_ID, ""), any(local_name(a) == "titlePage" for a in element.iterancestors())
    return _unit(element)


def _unit(lb: etree._Element) -> tuple[str, bool]:
    """The id of the nearest unit around a line's `lb`, and whether it stands on the title page."""
    unit = ""
    title_page = False
    for ancestor in lb.iterancestors():
        name = local_name(ancestor)
        if not unit and name in UNIT_ELEMENTS and ancestor.get(XML_ID):
            unit = ancestor.get(XML_ID, "")
        title_page = title_page or name == "titlePage"
    return unit, title_page


def _furniture(root: etree._Element) -> dict[str, list[etree._Element]]:
    """Page id -> the page furniture the header lists for it (`item corresp="#page-165"`)."""
    found: dict[str, list[etree._Element]] = {}
    items: Any = root.xpath("t:teiHeader//t:list[@type='furniture']/t:item[@corresp]", namespaces=NS)
    for item in items:
        for fw in item.iterfind("t:fw", NS):
            found.setdefault(item.get("corresp", "").removeprefix("#"), []).append(fw)
    return found


_LB = f"{{{NS['t']}}}lb"
_BREAKS = {_LB, f"{{{NS['t']}}}pb"}
# Blocks whose words begin a line wherever they stand (`_Pages._begins_a_line`). Not a title page's
# parts: a print's author line after its title's last line has been laid out on that line, and the
# ledger keeps the locators of the lines after it.
LINE_BLOCKS = {"p", "ab", "head", "salute", "dateline", "signed", "trailer", "l", "item", "label"}


class _Pages:
    """A print's pages and lines. A line begins at an `lb`; the first words of a page begin a line of
    their own where no `lb` precedes them (a print transcribed with `lb` at each line's end, as the
    Deutsches Textarchiv writes it): that line is the page break's (`PrintLine.element` is its `pb`)."""

    def __init__(self) -> None:
        self.pages: list[tuple[etree._Element, list[PrintLine], list[PrintNote]]] = []
        self.before_first_page = False  # a line before the first pb: not laid out as print pages
        self.unnumbered = False  # the text begins on pages without numbers (DTA's front matter): not laid out
        self.opening: etree._Element | None = None  # the page break whose page has no line yet
        self.worded = True  # the last line begun has words (a page's last lb, at a line's end, begins none)

    def walk(self, element: etree._Element) -> None:
        for child in element:
            name = local_name(child)
            if not name or name in NOT_PRINTED:
                self._words(child.tail, element)
                continue
            if name == "pb":
                self.walk_page_break(child)
            elif name == "lb" and other_pagination(child):  # another edition's line end: not one of this print's
                pass
            elif name == "lb":
                if not self.pages:
                    self.before_first_page = self.before_first_page or not self.unnumbered
                    continue
                self._line(child, child)
            elif name == "note" and not in_the_text(child):  # (one in the text is words of its lines)
                if is_foot_note(child) and self.pages and child.get("n"):
                    pb, _, notes = self.pages[-1]
                    unit, _ = _unit(child)
                    notes.append(PrintNote(child.get(XML_ID, ""), child.get("n", ""), page_number(pb), unit, child,
                                           lost_note(child)))
            elif name == "fw":  # a running head, a catchword: on the page, not a line of its text
                for inner in child.iter(f"{{{NS['t']}}}pb"):  # (a page may begin inside one)
                    self.walk_page_break(inner)
            else:  # a note's own lines are not lines of the page: it stands at the page's foot
                if self._begins_a_line(child):
                    self._line(child, child)
                self._words(child.text, child)
                self.walk(child)
            self._words(child.tail, element)

    def _begins_a_line(self, block: etree._Element) -> bool:
        """Whether a block's words begin a line of their own though no `lb` begins it: a manuscript
        letter's salute, date line or signature after the words of the line before (a print's blocks
        begin with an `lb`, or after the `lb` that ends the line before, which begins the line)."""
        return local_name(block) in LINE_BLOCKS and bool((block.text or "").strip()) and bool(self.pages) \
            and bool(self.pages[-1][1]) and self.worded and self.opening is None

    def walk_page_break(self, pb: etree._Element) -> None:
        if pb.get("n") and not other_pagination(pb):  # (a break with no number, or in another edition's
            self.end_page()                              # pagination, begins no page here)
            self.pages.append((pb, [], []))
            self.opening = pb
        elif not self.pages and not other_pagination(pb):
            self.unnumbered = True  # (its lines are on no page the print view can name: it begins after them)

    def end_page(self) -> None:
        """A page's last line without words is no line: the `lb` that ends the line before it."""
        if self.pages and self.pages[-1][1] and not self.worded:
            self.pages[-1][1].pop()
        self.worded = True

    def _line(self, element: etree._Element, where: etree._Element) -> None:
        """A line beginning at `element` (its lb, the page's pb, or a block that begins one), inside `where`."""
        self.opening = None
        self.worded = element.tag != _LB or bool((element.tail or "").strip())
        pb, lines, _ = self.pages[-1]
        unit, title_page = _unit(where) if where is element and element.tag in _BREAKS else _unit_within(where)
        lines.append(PrintLine(page_number(pb), len(lines) + 1, unit, language_of(where), element, title_page))

    def _words(self, text: str | None, where: etree._Element) -> None:
        if text and text.strip():
            if self.opening is not None:
                self._line(self.opening, where)
            elif not self.worded and self.pages and self.pages[-1][1]:
                # A line's unit is where its first words are (an lb at a line's end stands in the block before)
                lines = self.pages[-1][1]
                unit, title_page = _unit_within(where)
                lines[-1] = replace(lines[-1], unit=unit, title_page=title_page)
            self.worded = True


def print_layout(tree: etree._ElementTree) -> PrintLayout | None:
    """The print pages of a document, or None for one that is not printed (no pages or no lines)."""
    root = tree.getroot()
    text = root.find("t:text", NS)
    if text is None or not printed_text(text):
        return None
    walker = _Pages()
    walker.walk(text)
    walker.end_page()
    if walker.before_first_page or not walker.pages:
        return None
    furniture = _furniture(root)
    return PrintLayout(tuple(PrintPage(page_number(pb), tuple(lines), tuple(notes),
                                       tuple(furniture.get(pb.get(XML_ID, ""), ())))
                             for pb, lines, notes in walker.pages))


# --- the concordance -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Entry:
    """A unit of a reading version, as the concordance names it and links it."""

    target: str  # its id on the reading page ("" = the page's top)
    kind: str  # "paragraph", "table", "abstract", "summary", "title", "note", "other"
    number: int | None = None  # a paragraph's or note's reader-facing number
    lost: bool = False  # a note whose text the source lost
    printed: str = ""  # a note's printed number on its page


@dataclass(frozen=True)
class ConcordanceRow:
    page: str
    lines: int
    units: tuple[Entry, ...]  # in the order the page shows them
    notes: tuple[Entry, ...]


SECTION_KINDS = {"abstract", "summary", "title"}  # named once per page in the concordance


class Units:
    """The units of a reading version by id, to name and link what stands on a print page."""

    def __init__(self, document: Document):
        self.entries: dict[str, Entry] = {}
        for section in document.abstracts + document.back:
            kind = "summary" if section.id.startswith("summary") else "abstract"
            self.entries[section.id] = Entry(section.id, kind)  # a line of its heading
            self.entries.update((p.id, Entry(p.id, kind)) for p in section.paragraphs if p.id)
        for block in walk_blocks(document.front_blocks + document.blocks + document.back_blocks):
            if getattr(block, "id", None):
                kind = "table" if isinstance(block, Table) else "paragraph" if getattr(block, "number", None) \
                    else "other"
                self.entries[block.id] = Entry(block.id, kind, getattr(block, "number", None))
        # Any other id of the version's text is a target on its reading page too (a Folger play's
        # `ab`): a line is linked to it, not to the page's top.
        root = document.title.element.getroottree().getroot()
        ids: Any = root.xpath("t:text//@xml:id", namespaces=NS)
        self.targets = frozenset(str(ident) for ident in ids)
        self.notes = {note.id: note for note in document.footnotes}
        # (a note without an xml:id: its reading id is made, "note-3"; found by its element)
        self.by_element = {note.element: note for note in document.footnotes if note.element is not None}

    def of_line(self, line: PrintLine) -> Entry:
        if line.unit in self.entries:
            return self.entries[line.unit]
        if line.title_page:
            return Entry("doc-title", "title")
        return Entry(line.unit if line.unit in self.targets else "", "other")

    def of_note(self, note: PrintNote) -> Entry:
        found = self.notes.get(note.id) if note.id else None
        if found is None:
            found = self.by_element.get(note.element)
        return Entry(found.id if found else "", "note", found.number if found else None, note.lost, note.printed)


def concordance(layout: PrintLayout, units: Units) -> tuple[ConcordanceRow, ...]:
    """Per print page: the units of the reading version that have lines on it, each once (an
    abstract or the title once, at its first paragraph or line on the page), and the notes at its foot."""
    rows = []
    for page in layout.pages:
        shown: dict[object, Entry] = {}
        for line in page.lines:
            entry = units.of_line(line)
            shown.setdefault(entry.kind if entry.kind in SECTION_KINDS else entry, entry)
        rows.append(ConcordanceRow(page.number, len(page.lines), tuple(shown.values()),
                                   tuple(units.of_note(note) for note in page.notes)))
    return tuple(rows)
