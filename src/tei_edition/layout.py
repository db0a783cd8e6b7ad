"""Block or running text: where an element stands decides whether a list, quotation, figure or
table is written as a block or, inside a paragraph (where HTML allows no block), as spans; and
whether a quotation's text types its marks; whether the white space between an element's children
is a space or the file's layout (`of_elements_only`). Predicates of the rule table (`rules.py`), of
the print view's (`diplomatic_html.py`) and of tables inside other blocks (`tables.py`)."""
from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from lxml import etree

from tei_edition.schema import odd_elements
from tei_edition.tei import DIVISIONS, NS, TEI_NS, XML_ID, local_name, numbered_paragraph, text_of

# Containers whose children are laid out as blocks wherever they stand. (Not a footnote: the pages show
# its text in a span, after its number; its paragraphs are spans laid out as blocks. A note that
# stands between blocks as one, `standing_note`, holds blocks.)
BLOCK_PARENTS = {"body", "front", "back", *DIVISIONS, "opener", "closer", "epigraph", "postscript", "titlePage",
                 "argument"}
# Containers that are blocks only where they stand as one: inside a paragraph's running text they are
# spans, and so is everything in them (HTML allows no block inside a <p>).
# (and a quotation of blocks: `is_block_quote`)
NESTED_BLOCK_PARENTS = {"figure", "cit", "list", "table", "listPerson", "listPlace", "listOrg",
                        "sp", "castList", "castGroup", "set",  # (a play's speech, cast, setting)
                        "floatingText"}  # (a text within the text: a letter quoted whole)
PASSING_PARENTS = {"item", "row", "cell"}


def is_block_quote(element: etree._Element) -> bool:
    """A quotation of paragraphs or verse, or marked rend="block", or one that stands alone between
    blocks (no running text of its parent around it): a block quotation wherever a block may stand."""
    if element.find("t:p", NS) is not None or element.find("t:lg", NS) is not None \
            or "block" in (element.get("rend") or "").split():
        return True
    parent = element.getparent()
    return parent is not None and not (parent.text or "").strip() \
        and not any((sibling.tail or "").strip() for sibling in parent)


# Quotation marks a text may type around a quotation (or at its ends) itself.
# (German sets its quotations in »…« and ›…‹ as often as in „…“: either way round is a pair)
OPENING_MARKS = frozenset("«„“‚‘‹»›\"'")
CLOSING_MARKS = frozenset("»“”‘’›«‹\"'")


def marks_typed(element: etree._Element) -> bool:
    """Whether the text types a quotation's marks itself (just before or after it, or at its ends, as
    this edition's article does); else the page asks the browser for the marks of the quotation's
    language (class `quote-marks`)."""
    previous, parent = element.getprevious(), element.getparent()
    before = ((previous.tail if previous is not None else parent.text if parent is not None else "") or "").rstrip()
    after, inner = (element.tail or "").lstrip(), "".join(str(text) for text in element.itertext()).strip()
    return (before[-1:] or " ") in OPENING_MARKS or (after[:1] or " ") in CLOSING_MARKS \
        or (inner[:1] or " ") in OPENING_MARKS or (inner[-1:] or " ") in CLOSING_MARKS


_PHRASING_ONLY: ContextVar[bool] = ContextVar("phrasing_only", default=False)


@contextmanager
def phrasing_only() -> Iterator[None]:
    """While it lasts, no element stands where a block may: a print view's line is phrasing content (a
    play's speech or stage direction, an element no rule knows, met inside a line, is a span there)."""
    token = _PHRASING_ONLY.set(True)
    try:
        yield
    finally:
        _PHRASING_ONLY.reset(token)


def in_block_context(element: etree._Element) -> bool:
    """Whether the element stands where a block may: its parent lays its children out as blocks."""
    if _PHRASING_ONLY.get():
        return False
    parent = element.getparent()
    return parent is not None and _holds_blocks(parent)


_FIGURE = f"{{{TEI_NS}}}figure"
_FLOATING_TEXT = f"{{{TEI_NS}}}floatingText"


def figure_only(paragraph: etree._Element) -> bool:
    """Whether a paragraph holds a figure and nothing else (pandoc's and OpenEdition's figure, which
    they wrap in a `p`): the figure, not a paragraph (no \u00b6 number), its caption under its image."""
    if (paragraph.text or "").strip():  # (asked of a paragraph for each element in it: most begin with words)
        return False
    figures = 0
    for child in paragraph:
        if (child.tail or "").strip() or isinstance(child.tag, str) and (child.tag != _FIGURE or figures):
            return False
        figures += child.tag == _FIGURE
    return figures == 1


def _has_text(element: etree._Element) -> bool:
    """Whether an element has text of its own (mixed content, running text), not only elements."""
    return bool((element.text or "").strip()) or any((child.tail or "").strip() for child in element)


def _holds_blocks(container: etree._Element) -> bool:
    name = local_name(container)
    if name in BLOCK_PARENTS:  # (in a text within the text: where that text stands as a block)
        inset = next(container.iterancestors(_FLOATING_TEXT), None)
        return inset is None or in_block_context(inset)
    if name not in odd_elements():  # no rule renders it (every element of the ODD has one): `rules.generic`
        return not _has_text(container) and in_block_context(container)  # a speech's speaker and paragraphs
    if name in ("quote", "q"):  # (a `q` of paragraphs, or of a text within the text, is a block quotation)
        return is_block_quote(container) and in_block_context(container)
    if name in NESTED_BLOCK_PARENTS:
        return in_block_context(container)
    if name == "note":
        return standing_note(container)
    if name == "p":
        return figure_only(container) and in_block_context(container)
    if name in PASSING_PARENTS:  # an item holds blocks where its list is one; a cell, where its table is
        parent = container.getparent()
        return parent is not None and _holds_blocks(parent)
    return False


# The notes a publisher's export sets apart before the text (OpenEdition's), by their type: the
# interface string that labels each.
STANDING_NOTE_TYPES = {"publisher": "note_publisher", "author": "note_author"}


def standing_note(note: etree._Element) -> bool:
    """A note that stands between blocks, in the front matter or typed as a publisher's or author's
    note: a block of its own where it stands, not a footnote whose marker would stand alone."""
    return in_block_context(note) and not note.get("n") and (
        note.get("type", "") in STANDING_NOTE_TYPES or next(note.iterancestors(_FRONT), None) is not None)


_FRONT = f"{{{TEI_NS}}}front"


LISTS = {"list", "listBibl"}


def division_head(div: etree._Element) -> etree._Element | None:
    """A division's heading: its own `head`, else that of a list that opens it (a bibliography's
    `<div type="bibliogr"><listBibl><head>Bibliographie</head>`: the division's only heading)."""
    head = div.find("t:head", NS)
    if head is not None:
        return None if empty_head(head) else head
    first = next((child for child in div if isinstance(child.tag, str)), None)
    head = first.find("t:head", NS) if first is not None and local_name(first) in LISTS else None
    return None if head is None or empty_head(head) else head


def empty_head(head: etree._Element) -> bool:
    """Whether a heading holds nothing (DHQ's `<head></head>` opening a body): no heading, shown as none."""
    return not len(head) and not (head.text or "").strip()


# A publisher's figure furniture: OpenEdition's paragraphs of a figure's title, legend and rights
# (`p rend="figure-title"`), which its own pages do not number as paragraphs of the text.
FIGURE_FURNITURE = frozenset({"figure-title", "figure-legend", "figure-license"})


def figure_furniture(paragraph: etree._Element) -> frozenset[str]:
    """Which of a figure's title, legend or rights a paragraph is (none: an empty set)."""
    return FIGURE_FURNITURE.intersection((paragraph.get("rend") or "").split())


def of_a_figure(paragraph: etree._Element) -> bool:
    """A paragraph that is a figure's, not the text's: one that only wraps it (pandoc's), or its
    publisher's title, legend or rights (OpenEdition's): shown as a block, numbered as none."""
    return figure_only(paragraph) or bool(figure_furniture(paragraph))


def reads_as_paragraph(paragraph: etree._Element) -> bool:
    """Whether a paragraph is one the pages number \u00b6 N (`walk.BlockWalker`, `ids`, a translation's
    numbers): the body's, not a figure's, not empty."""
    return numbered_paragraph(paragraph) and not of_a_figure(paragraph) and not blank(paragraph)


def blank(element: etree._Element) -> bool:
    """Whether a paragraph or a division is an empty place-holder (DHQ's teaser `<p></p>` a template
    left): no id, no words, nothing in it but other such paragraphs and divisions (a comment aside).
    It is not shown, numbered or named: a page would show an empty paragraph, \u00b6 number and all."""
    if element.get(XML_ID):
        return False
    for inner in element.iter():  # (asked of every paragraph: its first word answers)
        named = isinstance(inner.tag, str)
        if named and (inner.text or "").strip() or inner is not element and (
                (inner.tail or "").strip() or named and (local_name(inner) not in _BLANK or inner.get(XML_ID))):
            return False
    return True


_BLANK = {"p", *DIVISIONS}


def heads_its_division(head: etree._Element) -> bool:
    """Whether a list's head is its division's heading (`division_head`), written there, not here."""
    listing = head.getparent()
    division = listing.getparent() if listing is not None else None
    return division is not None and local_name(division) in DIVISIONS and division_head(division) is head


def division_number(div: etree._Element, by_depth: bool) -> str:
    """What a division without a heading is shown by: its `n` after those of the divisions it is in
    ("2.1": chapter 2, section 1, as a classical text is cited). An `n` that is an identifier (a CTS
    URN on the edition's division: "urn:cts:latinLit:...") is no number, nor is a level (`by_depth`:
    DTA's `n` is each division's depth, 1, 2 ..., wherever it stands)."""
    own = (div.get("n") or "").strip()
    if not own or ":" in own or by_depth or div.get("type") in _SESSIONS:
        return ""
    numbers = [d.get("n", "").strip() for d in div.iterancestors() if local_name(d) in DIVISIONS]
    return ".".join([n for n in reversed(numbers) if n and ":" not in n] + [own])


# A letter's writing sessions (the DTA base format's, Schnitzler's): their `n` orders them, no number a
# reader cites (a bare "1" and "2" headed them, and the contents).
_SESSIONS = {"writingSession"}


def numbered_by_depth(root: etree._Element) -> bool:
    """Whether the divisions' `n` is each one's depth among divisions (DTA's base format): every `n`
    its depth, and some depth with two divisions (numbers would differ there; levels repeat)."""
    depths = [(d.get("n", "").strip(), 1 + sum(1 for a in d.iterancestors() if local_name(a) in DIVISIONS))
              for d in root.iter(*(f"{{{TEI_NS}}}{name}" for name in DIVISIONS)) if d.get("n")]
    return all(n == str(depth) for n, depth in depths) and len(depths) > len({depth for _, depth in depths})


@lru_cache(maxsize=16)
def figure_numbers(root: etree._Element) -> dict[etree._Element, int]:
    """The captioned images of a document (figures with a `head` and a `graphic`, not inside another
    figure), numbered in the order of the text, as a journal numbers them; none where a caption numbers
    its figure itself ("Figure 2: …", "Fig. 2", "Abb. 2": an exported article's), lest a figure be
    numbered twice. (A figure that holds a table or code, as Word conversions caption tables, is none.)"""
    text = root.find("t:text", NS)
    if text is None:
        return {}
    heads = [(figure, head) for figure in text.iter(f"{{{TEI_NS}}}figure")
             if (head := figure.find("t:head", NS)) is not None
             and next(figure.iter(f"{{{TEI_NS}}}graphic"), None) is not None
             and not any(local_name(ancestor) == "figure" for ancestor in figure.iterancestors())]
    if any(_SELF_NUMBERED.match(text_of(head)) for _, head in heads):
        return {}
    return {figure: number for number, (figure, _) in enumerate(heads, start=1)}


_SELF_NUMBERED = re.compile(r"\W*[^\W\d_]{1,15}\.?\s*\d+")  # a word, and a number: "Figure 2", "Fig. 2"


def alignment(element: etree._Element) -> str:
    """Where a block's `rend` sets it: "right" or "center" (also "align(right)", "centre",
    "text-align: center"), else ""."""
    for token in re.split(r"[\s;:()]+", (element.get("rend") or "").lower()):
        if token in ("right", "center", "centre"):
            return "center" if token == "centre" else token
    return ""


# Elements whose content is other elements only (TEI's content models): the white space between
# their children (a `choice` of a `sic` and a `corr` on lines of their own, inside a word) is no space.
_ELEMENTS_ONLY = frozenset(f"{{{TEI_NS}}}{name}" for name in ("choice", "subst", "app", "rdgGrp"))
_MOD = f"{{{TEI_NS}}}mod"


def of_elements_only(element: etree._Element) -> bool:
    """Whether an element holds elements only: by its content model, or a `mod` (a modification's
    deletion and addition, mixed content in TEI) that has no text between them, or a tokenised
    text's words, punctuation and spaces (`w`, `pc`, `c`: a Folger play's line, one token a line
    of the file, after the empty `join` that lists them) that marks its spaces with `c` (the file's
    line ends between them are no spaces: "there ?" was shown). The white space between its
    children is the file's layout (`inline.Transformer.children`)."""
    if element.tag in _ELEMENTS_ONLY:
        return True
    if element.tag != _MOD and (len(element) < 2 or not _token(element[0])):
        return False  # (asked of every element rendered: the common answer first)
    if (element.text or "").strip() or any((child.tail or "").strip() for child in element):
        return False
    return element.tag == _MOD or (all(_token(child) for child in element)
                                   and any(child.tag == _C and not (child.text or " ").strip() for child in element))


def _token(child: etree._Element) -> bool:
    """A token of a tokenised text, or an element that shows no text among them (Folger's `join`)."""
    return child.tag in _TOKENS or not isinstance(child.tag, str) or not len(child) and not (child.text or "").strip()


_TOKENS = frozenset(f"{{{TEI_NS}}}{name}" for name in ("w", "pc", "c", "lb", "pb", "cb", "milestone", "anchor"))
_C = f"{{{TEI_NS}}}c"
