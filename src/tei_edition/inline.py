"""TEI -> HTML: the transformer that applies the rule table (`rules.py`) and the behaviours that
need its state (notes and their numbers, page breaks, paragraphs); the others are in their own
modules (`phrases`, `blocks`, `points`, `links`, `apparatus` ...).

It walks a document version's content twice over: once, without a page, to build the model
(`transform`: the notes and their numbers, archival citations, print pages, images, warnings) —
writing no HTML; then for each kind of page, as a `Renderer` that writes the HTML of each
`Content` the templates ask for, with the page's links, strings and ids.

Behaviours append to an `HtmlOutput`, which keeps text and markup apart so that white space can be
normalised and words broken across a line end (`lb break="no"`) joined.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from markupsafe import Markup

from tei_edition.archival import ArchivalRef
from tei_edition.errors import Diagnostic, EditionError
from tei_edition.layout import alignment, of_elements_only
from tei_edition.media import facsimile, shown_url
from tei_edition.model import Citation, Mention
from tei_edition.output import GLUE, HtmlOutput, NoOutput
from tei_edition.rules import RuleTable, edition_rules, generic
from tei_edition.tei import (
    NS,
    TEI_NS,
    XML_ID,
    XML_LANG,
    by_id,
    corresp_target,
    headless_bibliography,
    in_text,
    lost_note,
    normalize_space,
    other_pagination,
    page_anchor,
    page_number,
    source_line,
    text_of,
)
from tei_edition.transcription import names_pointed_to
from tei_edition.units import Content, Note, Paragraph, note_place

_OWN_ID_ELSEWHERE = frozenset(f"{{{TEI_NS}}}{name}" for name in ("note",))
_PB = f"{{{TEI_NS}}}pb"


@dataclass(frozen=True)
class OriginalInfo:
    """What a translation's model borrows from the original it is aligned to."""

    file: str  # the original TEI's file name, the prefix of every corresp
    notes: dict[str, tuple[str, str]]  # note id -> (print page, printed number)
    refs: dict[str, ArchivalRef]  # the original's archival references by bibl id
    repeats: dict[str, str]  # bibl id of an "Ibid." -> the bibl id it repeats (its sameAs)
    lang: str = ""  # the original's language (BCP 47)
    # The original's numbered paragraphs (its body's, in its divisions) by id -> the reader's number:
    # a translation's paragraph is numbered as the one it translates (one of its own has none).
    paragraphs: dict[str, int] = field(default_factory=dict)

    def target(self, element: etree._Element) -> str | None:
        return corresp_target(element, self.file)


@dataclass(frozen=True)
class PageContext:
    """What the HTML of content depends on, of the page that shows it."""

    strings: Any  # the interface strings the content speaks
    root: str  # from the page to the site root ("../../")
    anchors: bool = True  # the page carries the content's ids (a parallel view, showing two versions, does not)
    original_href: str = ""  # from the page to the original's reading page (for a translation)
    register_href: str = ""  # from the page to the archival register
    lang: str = ""  # the page's interface language (the registers of names it links to)
    print_href: str = ""  # from the page to the document's print view: its page markers link there
    reading_href: str = ""  # from the page to the reading page of the version it shows (where its ids are)
    # The edition's TEI files (resolved) -> (document id, the version's language; "" for an original):
    # where a link to another document of the edition (`ref target="letter-2.xml#p3"`) leads.
    documents: dict[str, tuple[str, str]] = field(default_factory=dict, hash=False, compare=False)
    # ... and by their roots' xml:ids (`ref target="K_0762"`, a collection's letter)
    documents_by_id: dict[str, tuple[str, str, str]] = field(default_factory=dict, hash=False, compare=False)
    names: bool = True  # the edition has registers of names, whose pages a name's `ref` links to


class _Blank(dict):
    """Interface strings for the model's walk, which writes no text: every one is empty."""

    lang = ""

    def __missing__(self, key: str) -> str:
        return ""


@dataclass
class _State:
    page: str = ""  # the print page the walk is on ("" before any, or on one without a number)
    paged: bool = False  # a page has begun (numbered or not): a note's printed mark names its place there
    paragraph_id: str = ""
    paragraph_number: int | None = None
    notes: list[Note] = field(default_factory=list)
    quotations: set[str] = field(default_factory=set)  # original quotation ids already given an anchor


def _roman(number: int) -> str:
    """4 -> "iv": a front matter's page number."""
    numerals = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
                (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    written = ""
    for value, numeral in numerals:
        while number >= value:
            written, number = written + numeral, number - value
    return written


def _letters(number: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa: labels for translator's notes, apart from the numbered notes."""
    label = ""
    while number:
        number, rest = divmod(number - 1, 26)
        label = chr(ord("a") + rest) + label
    return label


class Transformer:
    """Walks one TEI document version's content. Without `page` it builds the model's parts and
    writes no HTML; with `page` (and the model's `notes`) it writes the HTML for that page."""

    def __init__(self, path: Path, refs: dict[str, ArchivalRef], original: OriginalInfo | None = None,
                 page: PageContext | None = None, notes: dict[etree._Element, Note] | None = None,
                 of_original: bool = False, portable: bool = False,
                 documents_by_id: dict[str, tuple[str, str, str]] | None = None):
        self.path = path
        # The edition's documents by their roots' ids (`PageContext.documents_by_id`; the walk's own)
        self.documents_by_id = page.documents_by_id if page else documents_by_id or {}
        self.portable = portable  # ids and print-page markers left as marks, for `Renderer` to finish
        self.of_original = of_original  # the model's walk over an original's content in a translation
        self.refs = refs if original is None else original.refs
        self.original = original
        self.page = page
        self.rendering = page is not None
        self.strings: Any = page.strings if page else _Blank()
        self.anchors = page.anchors if page else False
        self.note_of = notes or {}
        self.state = _State()
        self.translator_notes = 0
        self.note_count = 0
        self.warnings: list[Diagnostic] = []
        self.errors: list[Diagnostic] = []
        self._ids: tuple[etree._Element, dict[str, etree._Element]] | None = None  # `target`'s
        self.media: dict[str, Path] = {}  # site path -> image file, for the build to copy
        self.mentions: list[Mention] = []  # names pointing to register entries (the model's walk)

    def id_attribute(self, value: str) -> str:
        if self.portable:
            return f"{MARK}i{value}{MARK}"
        return f' id="{value}"' if self.anchors else ""

    @property
    def rules(self) -> RuleTable:
        """The rule table it applies (a transformer for another kind of page may bring its own)."""
        return RULES

    # --- walking ------------------------------------------------------------------------------
    def _output(self) -> HtmlOutput:
        return HtmlOutput() if self.rendering else NoOutput()

    def inline(self, element: etree._Element, skip: Callable[[etree._Element], bool] | None = None) -> Markup:
        out = self._output()
        self.children(element, out, skip or _nothing)
        return out.html()

    def inline_element(self, element: etree._Element) -> Markup:
        out = self._output()
        self.element(element, out)
        return out.html()

    def content(self, element: etree._Element, whole: bool = False,
                skip: Callable[[etree._Element], bool] | None = None) -> Content:
        """The model's walk over some content (its notes collected), and the pointer to it."""
        if whole:
            self.inline_element(element)
        else:
            self.inline(element, skip)
        return Content(element, whole, skip, self.of_original)

    def render(self, content: Content) -> Markup:
        return self.inline_element(content.element) if content.whole else self.inline(content.element, content.skip)

    def children(self, element: etree._Element, out: HtmlOutput, skip: Callable = lambda e: False) -> None:
        spaced = not of_elements_only(element)  # (else white space between its children is the file's layout)
        if element.text and (spaced or element.text.strip()):
            out.text(element.text)
        for child in element:
            if isinstance(child.tag, str) and not skip(child):
                self.element(child, out)
            if child.tail and (spaced or child.tail.strip()):
                out.text(child.tail)

    def element(self, element: etree._Element, out: HtmlOutput) -> None:
        rule = self.rules.find(element)
        value = self._own_id(element)
        start = len(out.items)
        (rule.behaviour if rule else generic)(self, element, out)
        # An element's xml:id is a target (a `ref target="#…"`): if its rule wrote no element with
        # it, an empty anchor where it begins keeps it one.
        if value and not any(item is not GLUE and self.id_attribute(value) in item[1] for item in out.items[start:]):
            out.items.insert(start, ["markup", self.anchor_html(value)])

    def _own_id(self, element: etree._Element) -> str:
        """The id (escaped) an element's rendering should carry, if the page has ids: none for a note
        (its id is its entry's, in the notes) or a page break whose marker has it."""
        value = element.get(XML_ID)
        if not value or not self.rendering or not (self.anchors or self.portable) or element.tag in _OWN_ID_ELSEWHERE:
            return ""
        if (element.tag == _PB and value == page_anchor(page_number(element))) or headless_bibliography(element):
            return ""  # (a bibliography's is its section's: walk.BlockWalker.of)
        return escape(value)

    def target(self, node: etree._Element, value: str) -> etree._Element | None:
        """The element of `node`'s document whose xml:id is `value`: the ids gathered once per document
        (a page's pointers — ref, ptr, a reading's witnesses, a page's image — ask many times)."""
        root = node.getroottree().getroot()
        if self._ids is None or self._ids[0] is not root:
            self._ids = root, by_id(root)
        return self._ids[1].get(value)

    def id_href(self, value: str) -> str:
        """A link to the element with id `value` (escaped): on this page if it carries the ids, else on the
        reading page of the version it shows (a print view, a parallel view)."""
        if self.portable:
            return f"{MARK}h{value}{MARK}"
        return f"{'' if self.anchors or not self.page else self.page.reading_href}#{value}"

    def anchor_html(self, value: str) -> str:
        """An empty element with an id, for a target that nothing else on the page holds (on a page
        that carries ids)."""
        if self.portable:
            return f"{MARK}a{value}{MARK}"
        return f'<span class="anchor" id="{value}"></span>' if self.anchors else ""

    def warn(self, element: etree._Element, message: str) -> None:
        if not self.rendering:  # the model's walk reports it, once
            self.warnings.append(Diagnostic(self.path, source_line(element), f"warning: {message}"))

    def error(self, element: etree._Element, message: str) -> None:
        """A fault of the TEI, found by the model's walk, which goes on: the document's faults are
        raised together when the walk ends. (A page is rendered only from a model without any: met
        while rendering, one stops it.)"""
        if self.rendering:
            raise EditionError.at(self.path, source_line(element), message)
        self.errors.append(Diagnostic(self.path, source_line(element), message))

    def pb(self, element: etree._Element, out: HtmlOutput) -> None:
        if not element.get("n"):  # a break with no number (a converted document's): no marker
            if not other_pagination(element):
                self.state.page, self.state.paged = "", True  # (a note on it is on no page a reader can name)
            if element.get("facs") and not self.rendering:
                # its place among the text's page breaks: the number it would have counted from 1
                counted: Any = element.xpath("count(preceding::t:pb[not(@ed or @edRef)])", namespaces=NS)
                place = int(counted) + 1
                taken = {page_anchor(pb.get("n", "")) for pb in in_text(element.getroottree(), "pb")
                         if pb.get("n") and not other_pagination(pb)}
                advice = f"n=\"{place}\" if its pages are counted from 1; n=\"[{place}]\" if the source prints no " \
                         f"number there" if page_anchor(str(place)) not in taken else \
                    f"page {place} is another page's: n=\"[{_roman(place)}]\", a front matter's page in roman numbers"
                self.warn(element, f"pb facs=\"{shown_url(element.get('facs', ''))}\" has no n: a page's image is "
                                   f"linked from its marker, and a page without a number has none; number it "
                                   f"({advice})")
            return
        own = self.follow_page(element)
        marker = self.pagebreak_html(page_number(element), image=facsimile(self, element), own=own)
        if element.get("break") == "no":  # inside a word: the marker goes to the word's end
            out.glue()
            out.after_word(marker)
            out.glue()
        else:
            out.markup(marker)

    def follow_page(self, pb: etree._Element) -> bool:
        """The page a numbered `pb` begins is the current one (what a note's print location says), if
        it is of the document's own pagination; another edition's is shown, not followed."""
        own = not other_pagination(pb)
        if own:
            self.state.page, self.state.paged = page_number(pb), True
        return own

    def pagebreak_html(self, number: str, approximate: bool = False, image: str = "", own: bool = True) -> str:
        """A page's marker; with its `image` (`facsimile`), a link to that image; a page of another
        edition's pagination (not `own`) links to itself, not to the print view, which has the own only."""
        if self.portable:  # (an image's site path without the page's way to the root: the mark's last part)
            kind = int(approximate) if own else 2
            anchor = getattr(number, "anchor", "")  # (a repeated number's: `tei.PageNumber`)
            return f"{MARK}p{kind}{escape(number)}{PART + escape(image) if image or anchor else ''}" \
                   f"{PART + escape(anchor) if anchor else ''}{MARK}"
        # The number is drawn by the style sheet (data-page): not part of the text a reader selects,
        # copies or finds; the label names it once for assistive technology.
        label = escape(self.strings["facsimile_label" if image else "page_label_original" if approximate
                                    else "page_label"].format(page=number))
        css = "pagebreak approximate" if approximate else "pagebreak"
        shown = f'class="{css}" data-page="{escape(number)}"'
        if not self.anchors:  # a separator (DPUB-ARIA), named by its title (axe refuses aria-label on it)
            return f'<span role="doc-pagebreak" {shown} title="{label}"></span>'
        if image:  # the page's image, where the document has one
            href = escape(image if urlsplit(image).scheme else (self.page.root if self.page else "") + image)
        else:
            href = f"{self.page.print_href if self.page and own else ''}#{escape(page_anchor(number))}"
        return f'<a {shown} aria-label="{label}" id="{escape(page_anchor(number))}" href="{href}"></a>'

    def note(self, element: etree._Element, out: HtmlOutput) -> None:
        """A note of any place, shown beside its paragraph and numbered in reading order (whatever its
        id: a print's n1…nN are in that order). A printed note shows its print page and number."""
        note = self.note_of.get(element) if self.rendering else self._collect_note(element)
        if note is not None:
            # A lost note's marker says so, in its name and its look (README, "How the pages read").
            label = self.strings["note_lost_label" if note.lost else "note_label"].format(number=note.label)
            out.markup(self.noteref(note, "noteref lost" if note.lost else "noteref", "nref", label))

    def noteref(self, note: Note, css: str, back: str, label: str) -> str:
        """The marker where a note stands: a link to it, with the id the note links back to (`back`-N);
        its number is drawn by the style sheet (data-number), never part of the text."""
        return (f'<a class="{css}"{self.id_attribute(f"{back}-{note.number}")} href="#{note.id}" '
                f'role="doc-noteref" aria-label="{escape(label)}" data-number="{escape(note.label)}"></a>')

    def _collect_note(self, element: etree._Element) -> Note:
        self.note_count += 1
        number = self.note_count  # in reading order (a print's ids n1…nN say the same: tei.py checks them)
        note_id = element.get(XML_ID) or f"note-{number}"
        if self.original:
            page, printed = self.original.notes.get(note_id, ("", ""))
        else:
            # (the mark a print gives it; in a text without pages, a note's number is its own: not repeated)
            page, printed = (self.state.page, element.get("n") or "") if self.state.paged else ("", "")
        citations = []
        for bibl in element.iterfind(".//t:bibl[@type='archival']", NS):
            key = self.original.target(bibl) if self.original else bibl.get(XML_ID)
            if key in self.refs:
                repeats = self.original.repeats.get(key) if self.original else bibl.get("sameAs", "")[1:]
                citations.append(Citation(key, self.refs[key], note_id, self.state.paragraph_id,
                                          normalize_space(text_of(bibl)), repeats or None))
        lost = lost_note(element)
        if not lost:
            self.inline(element)  # what the note holds (notes in it first), in reading order
        # Its marker: its number in reading order; in a text without pages, the number or mark it has
        # (`n`: an article's "1" after the publisher's front notes, an end note's "ii").
        own = "" if self.state.paged else normalize_space(element.get("n") or "")
        note = Note(note_id, number, printed, page, self.state.paragraph_id,
                    None if lost else Content(element, of_original=self.of_original),
                    tuple(citations), "foot", own or str(number), element, note_place(element.get("place")),
                    resp=names_pointed_to(self, element, "resp"))  # (Coleridge's own gloss, a commentator's)
        self.state.notes.append(note)
        return note

    def translator_note(self, element: etree._Element, out: HtmlOutput) -> None:
        if self.rendering:
            note = self.note_of.get(element)
        else:
            self.translator_notes += 1
            number = self.translator_notes
            self.inline(element)
            note = Note(f"tn{number}", number, "", "", self.state.paragraph_id,
                        Content(element, of_original=self.of_original), (), "translator", _letters(number), element)
            self.state.notes.append(note)
        if note is not None:
            out.markup(self.noteref(note, "noteref translator-noteref", "tnref",
                                    self.strings["translator_note_label"].format(label=note.label)))

    # --- paragraphs ---------------------------------------------------------------------------
    def paragraph(self, element: etree._Element, number: int | None = None, kind: str = "paragraph",
                  pages_before: tuple[str, ...] = ()) -> Paragraph:
        """The model of a paragraph (its notes collected as it is walked)."""
        self.state.paragraph_id = element.get(XML_ID, "")
        self.state.paragraph_number = number
        first_note = len(self.state.notes)
        content = self.content(element)
        return Paragraph(element.get(XML_ID), number, content, tuple(self.state.notes[first_note:]), kind,
                         pages_before, element.get(XML_LANG, ""), alignment(element))


def _nothing(element: etree._Element) -> bool:
    return False


# A mark around what only the page can finish: an id (kept or dropped), a print-page marker (a
# link with an id, or a plain span), the way to the site root. XML allows no U+0000 in a
# document, so no text from the TEI can contain one. (`renderer.Renderer` finishes them.) A mark's
# parts are apart by PART, which XML allows no more (U+0001).
MARK = "\x00"
PART = "\x01"

RULES = RuleTable(edition_rules(Transformer))
