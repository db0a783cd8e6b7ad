"""The model of one document version, built once from its TEI by `transform`: its units with
their ids, numbers and print pages, its notes and archival citations, its metadata.

It holds no HTML and no link relative to a page. Inline content is a `Content`, a pointer into
the TEI that a page's `Renderer` (`renderer.py`, with the rule table of `inline.py`) turns into
HTML when the page is made; everything else is plain data that the templates escape.
"""
from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from lxml import etree

from tei_edition.archival import ArchivalRef, ArchivalUnit

if TYPE_CHECKING:
    from tei_edition.inline import OriginalInfo


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
class SourceInfo:
    """The printed article, from the TEI header's biblStruct."""

    author: str
    title: str
    journal: str
    year: str
    issue: str
    pages: tuple[str, str]
    doi: str
    date_parts: tuple[int, ...] = ()  # year[, month[, day]]: the imprint date at its printed precision
    lang: str = ""  # the original's language
    # The header's authors, each as (language, name) pairs, and the author's own titles by language
    # (the original's titleStmt: an English title printed by the author is hers, not the edition's).
    authors: tuple[tuple[tuple[str, str], ...], ...] = ()
    titles: tuple[tuple[str, str], ...] = ()
    # The header's own publication date (publicationStmt): when a born-digital document was published
    # (a journal's issue date), cited with it instead of the date of the edition's build.
    published: tuple[int, ...] = ()

    def author_names(self, lang: str) -> tuple[str, ...]:
        """Each author's name in `lang` if the header gives one, else in the original's form."""
        names = tuple(dict(author).get(lang) or dict(author).get(self.lang) or author[0][1]
                      for author in self.authors if author)
        return names or ((self.author,) if self.author else ())

    def title_in(self, lang: str) -> str:
        """The author's own title in `lang` ("" if she gave none in that language)."""
        return dict(self.titles).get(lang, "")


@dataclass(frozen=True)
class Citation:
    """One archival reference printed in a note."""

    id: str  # the bibl's xml:id, e.g. "ref-n7"
    ref: ArchivalRef
    note_id: str
    paragraph_id: str
    printed: str
    repeats: str | None  # the bibl id an "Ibid." repeats


@dataclass(frozen=True)
class Emendation:
    """What the editors say of a misprint kept as printed (TEI `sic`): the text as printed, and
    their correction (`choice/corr`: certain) or conjecture (a `note type="editorial"
    subtype="conjecture"` pointing to a `sic` alone: an inference, not a correction), if any."""

    printed: Content
    proposed: Content | None = None
    corrected: bool = False  # the proposal is a correction, not a conjecture


@dataclass(frozen=True, slots=True)  # every mention of every document, kept for the registers
class Mention:
    """A name in the text that points to an entry of the registers of names (README, "Registers of
    names"), and the unit it stands in, for the entry's back-link."""

    entity: str  # the entry's id
    unit: str  # the id of its note, paragraph, table or division ("" in the title)
    kind: str  # "note", "paragraph" (numbered), "p", "table", "div", ..., "title"
    number: int | None = None  # the note's or paragraph's number

    def __reduce__(self) -> tuple:
        # A pool's process sends every mention to the build, which keeps them all: its strings are
        # a handful of ids repeated thousands of times, shared once received.
        return _received_mention, (self.entity, self.unit, self.kind, self.number)


def _received_mention(entity: str, unit: str, kind: str, number: int | None) -> Mention:
    return Mention(sys.intern(entity), sys.intern(unit), sys.intern(kind), number)


# TEI @place values (att.placement) of a note written in a margin of its source.
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
class Contributor:
    """A person or an organisation named in the header (a translator): a reference manager needs to
    know which, and a person's family and given names where the TEI gives them (`surname`, `forename`)."""

    name: str  # as the header writes it
    person: bool = True
    family: str = ""
    given: str = ""


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


class HeaderValue(NamedTuple):
    """A value of the header as text, with its language ("" = the document's); for a correspondent's
    name pointing to the registers, the entry's kind and id; for a pointer to another letter (its
    `correspContext`), the web address it names, or the TEI file (resolved, with its "#id") of
    another document, which the page links to if it is one of the edition's."""

    text: str
    lang: str
    kind: str = ""
    entity: str = ""
    href: str = ""
    document: str = ""
    dated: tuple[str, ...] = ()  # a date given by its attributes: `dates.date_attributes`, words on the page
    links: tuple[tuple[str, str], ...] = ()  # its text in pieces (words, web address or ""): several links


@dataclass(frozen=True)
class HeaderRow:
    """One line of what the TEI header says of the document: a label (an interface string's key)
    and its values."""

    label: str
    values: tuple[HeaderValue, ...]


@dataclass(frozen=True)
class Document:
    id: str
    lang: str
    title: Content
    title_text: str
    rubric: str
    byline: Content | None
    front_pages: tuple[tuple[str, bool, str], ...]  # pages that begin before the title: (page, approximate, image)
    source: SourceInfo
    abstracts: tuple[Section, ...]
    blocks: tuple[Paragraph | Table, ...]
    back: tuple[Section, ...]
    notes: tuple[Note, ...]
    pages: tuple[str, ...]
    tei_file: str
    translation: bool = False
    glossary: tuple[tuple[Content, Content], ...] = ()
    title_notes: tuple[Note, ...] = ()
    front_lines: tuple[Block, ...] = ()  # the title page's other parts (subtitle, author, date)
    lines_before_title: int = 0  # how many of them stand before the title on the title page (an author's name)
    front_blocks: tuple = ()  # front matter other than the title page and abstracts (a preface)
    blocks_before_abstracts: int = 0  # how many of them stand before the abstracts (a publisher's note)
    back_blocks: tuple = ()  # back matter other than the summary and glossary (a bibliography, appendices)
    header: tuple[HeaderRow, ...] = ()  # titles, authors, editors, responsibility, publication, source, letters
    warnings: tuple = ()  # Diagnostics: elements rendered without a rule
    media: tuple[tuple[str, Path], ...] = ()  # (site path, image file) to copy
    tei: Path = Path()  # the TEI file of this version
    refs: dict = field(default_factory=dict)  # archival references by bibl id (a translation: the original's)
    original: OriginalInfo | None = None  # what a translation borrows from its original
    translators: tuple[Contributor, ...] = ()  # a translation's translators (titleStmt)
    unit_pages: dict = field(default_factory=dict)  # unit id -> (first, last) print page, from the original
    mentions: tuple[Mention, ...] = ()  # names pointing to register entries, in reading order
    direction: str = "ltr"  # the writing direction of its text ("rtl": Hebrew, Arabic …; languages.direction)
    text_lang: str = ""  # the language of its text (its `text`'s xml:lang, else the document's)
    title_lang: str = ""  # the language of its title (the title element's)

    @cached_property
    def note_of(self) -> dict[etree._Element, Note]:
        """Each TEI note element's note, for the marker a page puts where it stands."""
        return {note.element: note for note in self.notes if note.element is not None}

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(b for b in walk_blocks(self.blocks) if isinstance(b, Paragraph))

    @property
    def contents(self) -> tuple[tuple[int, Division | Table], ...]:
        """A table of contents: the headed divisions of front, body and back (and the numbered ones
        without a heading, a classical text's books and chapters, by their number, two levels down),
        and the captioned tables, with ids, in reading order, each with its depth (a table one below
        its division)."""
        entries: list[tuple[int, Division | Table]] = []

        def visit(blocks: tuple, depth: int) -> None:
            for block in blocks:
                if isinstance(block, Division):
                    visit(block.lead, block.level)
                    if block.id and (block.heading is not None or block.label or block.number and block.level <= 2):
                        entries.append((block.level, block))
                    visit(block.blocks, block.level)
                elif isinstance(block, Table) and block.id and block.caption is not None:
                    entries.append((depth + 1, block))
        visit(self.front_blocks + self.blocks + self.back_blocks, 0)
        return tuple(entries)

    @property
    def aligned_blocks(self) -> tuple:
        """What a parallel view sets beside the other version: the front's blocks (a letter's opener),
        the body's, the back's (its closer, signature, dateline)."""
        return (*self.front_blocks, *self.blocks, *self.back_blocks)

    @property
    def body_units(self) -> list:
        """The body's blocks with ids, in reading order, divisions opened."""
        return [b for b in walk_blocks(self.blocks) if b.kind not in ("pagebreak", "division") and b.id]

    @property
    def aligned_units(self) -> list:
        """The aligned blocks with ids, in reading order, divisions opened: the rows of a parallel view."""
        return [b for b in walk_blocks(self.aligned_blocks) if b.kind not in ("pagebreak", "division") and b.id]

    @property
    def aligned_ids(self) -> frozenset[str]:
        """The units a parallel view shows as rows: abstract paragraphs, the front's, body's and back's
        blocks, their footnotes."""
        units = self.aligned_units
        return frozenset([p.id for section in self.abstracts for p in section.paragraphs] + [b.id for b in units]
                         + [n.id for b in units for n in getattr(b, "notes", ()) if n.kind == "foot"])

    @property
    def endnotes(self) -> tuple[Note, ...]:
        """Notes the TEI places at the end (place="end"): listed after the text, not beside it."""
        return tuple(n for n in self.notes if n.place == "end")

    @property
    def footnotes(self) -> tuple[Note, ...]:
        return tuple(n for n in self.notes if n.kind == "foot")

    @property
    def citations(self) -> tuple[Citation, ...]:
        return tuple(c for note in self.notes for c in note.citations)

    def summary(self) -> DocumentSummary:
        return DocumentSummary(self.id, self.lang, self.title_text, self.source, self.citations, self.aligned_ids,
                               self.mentions, bool(self.glossary), self.direction)


@dataclass(frozen=True)
class DocumentSummary:
    """What the index pages (home, register) and the checks keep of a document once its own pages
    are written: the build holds no more than this per document."""

    id: str
    lang: str
    title_text: str
    source: SourceInfo
    citations: tuple[Citation, ...]
    aligned_ids: frozenset[str]
    mentions: tuple[Mention, ...] = ()
    glossary: bool = False  # the version has a glossary
    direction: str = "ltr"  # the writing direction of its text


@dataclass(frozen=True)
class RegisterEntry:
    """One archival unit (archive -> fond -> opis -> delo) and every place that cites it."""

    unit: ArchivalUnit
    citations: tuple[tuple[str, Citation], ...] = field(default=())  # (document id, citation)

    @property
    def id(self) -> str:
        return self.unit.key


@dataclass(frozen=True)
class PageBreak:
    """Print page breaks that stand between blocks (not inside a paragraph); `approximate`: the
    original's breaks, shown in a translation before the unit in which they fall."""

    pages: tuple[str, ...]
    approximate: bool = False
    kind: str = "pagebreak"
    facsimiles: tuple[str, ...] = ()  # each page's image, if the TEI gives one (Transformer.facsimile)
    id: str = ""  # the break's own xml:id, where it is not its marker's (page-N): a target of its own
