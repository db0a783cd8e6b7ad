"""The model of one document version, built once from its TEI by `transform`: its units with
their ids, numbers and print pages (`units`), its notes and archival citations, its metadata.

It holds no HTML and no link relative to a page. Inline content is a `Content`, a pointer into
the TEI that a page's `Renderer` (`renderer.py`, with the rule table of `inline.py`) turns into
HTML when the page is made; everything else is plain data that the templates escape.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from lxml import etree

from tei_edition.archival import ArchivalRef, ArchivalUnit
from tei_edition.units import Block, Content, Division, Note, PageBreak, Paragraph, Section, Table, walk_blocks

if TYPE_CHECKING:
    from tei_edition.inline import OriginalInfo


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


@dataclass(frozen=True)
class Contributor:
    """A person or an organisation named in the header (a translator): a reference manager needs to
    know which, and a person's family and given names where the TEI gives them (`surname`, `forename`)."""

    name: str  # as the header writes it
    person: bool = True
    family: str = ""
    given: str = ""


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
    front_lines: tuple[Block | PageBreak, ...] = ()  # the title page's other parts (subtitle, author, date; a page)
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
