"""The units of a document version's text in the model (`model.Document` holds them): paragraphs,
divisions, tables, sections (an abstract), other blocks and page breaks between them, and notes.

Their inline content is a `Content`, a pointer into the TEI that a page's `Renderer` turns into HTML
when the page is made: no HTML and no link relative to a page is held here.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:
    from tei_edition.model import Citation

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class Content:
    """TEI content a page shows: an element's children (or, `whole`, the element itself), less
    those `skip` leaves out; `of_original`: content of the original shown in a translation's model
    (the author's own summary), rendered as the original's."""

    element: etree._Element
    whole: bool = False
    skip: Callable[[etree._Element], bool] | None = None
    of_original: bool = False


@dataclass(frozen=True)
class Emendation:
    """What the editors say of a misprint kept as printed (TEI `sic`): the text as printed, and
    their correction (`choice/corr`: certain) or conjecture (a `note type="editorial"
    subtype="conjecture"` pointing to a `sic` alone: an inference, not a correction), if any."""

    printed: Content
    proposed: Content | None = None
    corrected: bool = False  # the proposal is a correction, not a conjecture


MARGIN_PLACES = frozenset({"margin", "left", "right", "margin-left", "margin-right", "margin-top", "margin-bottom",
                           "margin-inner", "margin-outer"})


def note_place(place: str | None) -> str:
    """How a note's TEI @place is shown: "end" (listed after the text), "margin" (beside its text, as
    every note is, and marked as written in the source's margin) or "foot" (any other place, or none)."""
    tokens = set((place or "").split())
    return "end" if "end" in tokens else "margin" if tokens & MARGIN_PLACES else "foot"


@dataclass(frozen=True)
class Note:
    id: str  # "n7": the edition's continuous numbering; "tn3": a translator's note; "ed1": the editors'
    number: int
    printed: str  # the number printed on its page ("" for a translator's note)
    page: str
    paragraph_id: str
    content: Content | None  # None: the source lost the note's text
    citations: tuple[Citation, ...] = ()
    kind: str = "foot"  # or "translator", "editorial"
    label: str = ""  # what the marker shows: "7", "a" for a translator's note, "*1" for the editors'
    element: etree._Element | None = None  # the TEI note, where its marker stands
    place: str = "foot"  # `note_place`: "end" notes are listed at the end; "margin" notes are marked as such
    emendation: Emendation | None = None  # an editors' note on a misprint: what it says
    resp: str = ""  # who wrote it, where its `resp` points to a person the document names ("S. T. Coleridge")

    @property
    def lost(self) -> bool:
        return self.content is None

    @property
    def commentary(self) -> bool:
        """An editors' commentary note (`type="commentary"`, a letter edition's): labelled as such."""
        return self.element is not None and self.element.get("type") == "commentary"

    @property
    def lang(self) -> str:
        """The note's own language, where the TEI gives it one (`xml:lang`)."""
        return self.element.get(_XML_LANG, "") if self.element is not None else ""

    @property
    def direction(self) -> str:
        """The direction its text is written in (an English note in an Aramaic papyrus: "ltr")."""
        from tei_edition.languages import direction
        return direction("".join(str(part) for part in self.element.itertext())) if self.element is not None \
            else "ltr"


@dataclass(frozen=True)
class Paragraph:
    id: str | None  # None: a paragraph of a born-digital text before `tei-edition ids`
    number: int | None  # the reader-facing ¶ number; None outside the body
    content: Content
    notes: tuple[Note, ...] = ()
    kind: str = "paragraph"
    pages_before: tuple[str, ...] = ()  # in a translation: the original's print pages that begin here
    lang: str = ""  # its own xml:lang, where it differs from its document's
    align: str = ""  # where its `rend` sets it: "right", "center" (a letter's date, a greeting), else ""


@dataclass(frozen=True)
class Cell:
    content: Content | None
    header: bool = False
    scope: str | None = None
    rowspan: int = 1
    colspan: int = 1
    css: str = ""


@dataclass(frozen=True)
class RowGroup:
    kind: str  # "head" or "body"
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class Table:
    id: str | None
    caption: Content | None
    groups: tuple[RowGroup, ...]
    articles: int  # numbered data rows
    kind: str = "table"
    notes: tuple[Note, ...] = ()
    label_id: str = ""  # the caption's id, for aria-labelledby (a table without an xml:id has one too)


@dataclass(frozen=True)
class Section:
    """A titled run of paragraphs outside the body, e.g. an abstract."""

    id: str
    lang: str
    heading: Content | None
    paragraphs: tuple[Paragraph, ...]
    authorial: bool = True
    pages: tuple[str, ...] = ()  # print pages that begin with this section


@dataclass(frozen=True)
class Division:
    """A TEI div: its heading and its blocks (paragraphs, tables, nested divisions, other blocks)."""

    id: str | None
    level: int  # 1 for a division of the body, 2 for one inside it, ...
    heading: Content | None
    blocks: tuple
    notes: tuple[Note, ...] = ()  # notes in the heading
    lang: str = ""
    kind: str = "division"
    head_id: str = ""  # the heading's own xml:id, a target of its own on the reading page
    head_lang: str = ""  # the heading's own xml:lang
    lead: tuple = ()  # blocks the TEI places before the heading (a salute, an epigraph): shown before it
    number: str = ""  # its `n` where it has no heading (a classical text's book, chapter, section: "2")
    unit: str = ""  # what it is numbered as (its `subtype` or `type`: "chapter")
    label: str = ""  # the interface string that names it where it has neither heading nor number (its type)


@dataclass(frozen=True)
class Block:
    """Any other block (a list, verse, a quotation, a figure, an opener...), rendered by the rule table."""

    id: str | None
    content: Content
    notes: tuple[Note, ...] = ()
    kind: str = "block"
    pages_before: tuple[str, ...] = ()
    verse: bool = False  # a verse line standing alone (a poem without stanzas): set close to the next
    heading: int = 0  # a heading outside any division (a `head` of the body): its level, 2 for <h2>


def walk_blocks(blocks: tuple) -> list:
    """Every block in reading order, divisions opened (a division is listed before its blocks)."""
    found: list = []
    for block in blocks:
        if isinstance(block, Division):
            found.extend(walk_blocks(block.lead))
        found.append(block)
        if isinstance(block, Division):
            found.extend(walk_blocks(block.blocks))
    return found


@dataclass(frozen=True)
class PageBreak:
    """Print page breaks that stand between blocks (not inside a paragraph); `approximate`: the
    original's breaks, shown in a translation before the unit in which they fall."""

    pages: tuple[str, ...]
    approximate: bool = False
    kind: str = "pagebreak"
    facsimiles: tuple[str, ...] = ()  # each page's image, if the TEI gives one (Transformer.facsimile)
    id: str = ""  # the break's own xml:id, where it is not its marker's (page-N): a target of its own
