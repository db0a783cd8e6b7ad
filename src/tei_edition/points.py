"""Behaviours of the rule table (`rules.py`) for what stands between words: a line end (a space, a
joint, a line break; none between two letters of a script written without spaces), a numbered point
of a reference system and a break in the text's flow (`milestone`), an omission (`gap`), a glyph the
text names without writing it (`g`), an anchor."""
from __future__ import annotations

import re
from functools import lru_cache
from html import escape
from typing import TYPE_CHECKING, Any

from lxml import etree

from tei_edition.layout import in_block_context
from tei_edition.output import css_class, id_attribute
from tei_edition.tei import NS, TEI_NS, XML_ID, local_name, normalize_space, other_pagination, text_of

if TYPE_CHECKING:
    from tei_edition.inline import Transformer
    from tei_edition.output import HtmlOutput


# Elements whose line breaks (`lb`) are line breaks for the reader, not print lines of prose.
LINE_CONTEXTS = {"address", "addrLine", "opener", "closer", "dateline", "salute", "signed", "postscript", "l",
                 "ab"}  # (an inscription's lines: EpiDoc's ab)
_WORD, _LB, _P = f"{{{TEI_NS}}}w", f"{{{TEI_NS}}}lb", f"{{{TEI_NS}}}p"
_LINE_CONTEXT_TAGS = tuple(f"{{{TEI_NS}}}{name}" for name in sorted(LINE_CONTEXTS))  # found by libxml2


def milestone(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """A numbered point of a reference system (a chapter's or a section's start: `unit="chapter"
    n="2"`): its number where it begins, as a classical text's reader cites it ("Cat. 1.2")."""
    unit = element.get("unit", "")
    out.markup(f'<span class="{css_class("milestone", unit)}"{id_attribute(tx, element)} data-unit="{escape(unit)}">'
               f'{escape(element.get("n", ""))}</span>')


# A milestone without a number that marks a break in the text's flow (a novel's scene break, printed
# as stars or a blank): by its unit, or by the mark its rend or type names.
BREAK_UNITS = {"pause", "scene", "episode", "break"}  # (a section or chapter without n: a reference point)
BREAK_MARKS = ("star", "asterisk", "asterism", "dinkus", "rule", "line", "space", "blank", "ornament")


def is_break(element: etree._Element) -> bool:
    """(a `rendition` names the mark too: DTA's `rendition="#hr"`, a printed rule)"""
    marks = f"{element.get('rend', '')} {element.get('type', '')} {element.get('rendition', '')}".lower()
    return not element.get("n") and (element.get("unit", "") in BREAK_UNITS or any(m in marks for m in BREAK_MARKS)
                                     or "hr" in marks.replace("#", " ").split())


def text_break(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """A break in the text's flow: a thematic break (`<hr>`) between blocks, a marked separator in
    running text."""
    classes = css_class("milestone", element.get("unit", ""), element.get("type", ""), element.get("rend", ""))
    if in_block_context(element):
        out.markup(f'<hr class="{classes}"{id_attribute(tx, element)}>')
    else:
        out.markup(f'<span class="{classes} text-break" role="separator"{id_attribute(tx, element)}></span>')


def is_empty(element: etree._Element) -> bool:
    return not text_of(element).strip()


# Marks an inscription's `<g type="…"/>` names without writing them (EpiDoc's usual types). Written
# as escapes: the font subsets are predicted from this package's text too.
GLYPHS = {"cross": "\u271d", "dot": "\u00b7", "interpunct": "\u00b7", "stop": "\u00b7", "middot": "\u00b7",
          "leaf": "\u2766", "hedera": "\u2766", "chi-rho": "\u2627", "chirho": "\u2627", "star": "\u2217"}


# A word broken at a line end, as the Text Creation Partnership marks it: a glyph of its own
# (`SEDI<g ref="char:EOLhyphen"/>TIOUS`, the print's hyphen; `char:EOLunhyphen`, a break without one).
_WORD_BREAKS = {"char:EOLhyphen", "char:EOLunhyphen"}


def glyph(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """A glyph the text names without writing it: the character its `ref` declares in the header
    (`charDecl`: a `char` or `glyph` whose `mapping` gives it, as a character or as "U+3592": CBETA's
    characters outside Unicode's usual planes), else its mark where the type is a known one, else
    its name (the declaration's, or its type) in brackets, as the editors' other marks are: never
    nothing. Its name in its title."""
    if element.get("ref", "").strip() in _WORD_BREAKS:  # (read whole, as a line end that breaks no word)
        out.glue()
        return
    kind = element.get("type", "").strip()
    declared = _declared(tx, element)
    name = declared[1] if declared else kind
    shown = declared[0] if declared and declared[0] else GLYPHS.get(kind.lower()) or (f"[{name}]" if name else "")
    if not shown:
        tx.warn(element, f"<g ref=\"{element.get('ref', '')[:40]}\"> shows nothing: declare its character in the "
                         f"header (charDecl: <char xml:id=\"...\"> with <mapping type=\"unicode\">), or give it "
                         f"a type, or write the character in it")
        shown = "[?]"
    title = f' title="{escape(name)}"' if name else ""
    out.markup(f'<span class="{css_class("g", kind)}"{id_attribute(tx, element)}{title}>{escape(shown)}</span>')


def holds_nothing(element: etree._Element) -> bool:
    """An element with no content at all (`<c/>`; not `<c> </c>`, a space)."""
    return not element.text and not len(element)


def unwritten_character(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """A character (`c`) whose content the text does not write, only a project's name for it (a
    Schnitzler letter's `<c rendition="#kaufmannsund"/>`, its "&", defined nowhere in the file): its
    name in brackets, as an undeclared glyph's, with a warning; never nothing (the "&" was lost)."""
    name = (element.get("rendition") or element.get("type") or "").split("#")[-1].split()[:1]
    shown = f"[{name[0]}]" if name else "[?]"
    tx.warn(element, f"<c> holds no character, so {shown} stands for it on the page: write the character it "
                     f"stands for in it")
    out.markup(f'<span class="c unwritten"{id_attribute(tx, element)}>{escape(shown)}</span>')


_MAPPINGS = ("unicode", "standard", "normalized", "normalised", "")  # the mapping preferred first
_CODE_POINT = re.compile(r"U\+([0-9A-Fa-f]{4,6})")


def _declared(tx: Transformer, element: etree._Element) -> tuple[str, str] | None:
    """(the character, the name) of the `char` or `glyph` a `g`'s ref points to in this file."""
    ref = element.get("ref", "").strip()
    declaration = tx.target(element, ref[1:]) if ref.startswith("#") else None
    if declaration is None or local_name(declaration) not in ("char", "glyph"):
        return None
    name = next((normalize_space(text_of(part)) for part in declaration
                 if local_name(part) in ("charName", "glyphName", "desc")), "") or ref[1:]
    mappings = {mapping.get("type", ""): text_of(mapping).strip() for mapping in declaration.iterfind("t:mapping", NS)}
    for kind in _MAPPINGS:
        value = mappings.get(kind, "")
        code = _CODE_POINT.fullmatch(value)
        if code and int(code.group(1), 16) <= 0x10FFFF:
            return chr(int(code.group(1), 16)), name
        if value and len(value) <= 4:  # the character itself (a letter and its combining marks)
            return value, name
    return "", name


def gap(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """An omission the encoder marked: shown as […] with its reason; a description of it (`desc`)
    in the brackets after the mark."""
    reason = element.get("reason", "")
    out.markup(f'<span class="gap" title="{escape(reason)}">[…' if reason else '<span class="gap">[…')
    for desc in element.iterfind("t:desc", NS):
        out.markup(': <span class="gap-desc">')
        tx.children(desc, out)
        out.markup("</span>")
    out.markup("]</span>")


def lb(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """A print line end in prose joins words (break="no") or is a space; in addresses, verse,
    openers and closers it is a line break for the reader, and so it is anywhere in a document
    converted from a word processor or Markdown, where it is a line break its author typed (a poem's
    lines in an essay's paragraph, a Markdown line block, which ran together)."""
    root = element.getroottree().getroot()
    # (a line end inside a word, `w`, never breaks it: Menota's, the EpiDoc's)
    joined = element.get("break") == "no" or (_has_words(root) and next(element.iterancestors(_WORD), None) is not None)
    # (the nearest of them: a paragraph of a postscript or an opener is prose, its line ends spaces)
    context = next(element.iterancestors(*_LINE_CONTEXT_TAGS, _P), None)
    if (context is not None and context.tag != _P or typed_line_breaks(root)) and not other_pagination(element):
        parent = element.getparent()
        # (the first line: nothing before it but a page's or a column's start, `<ab><pb/><lb n="1"/>`)
        first = parent is not None and not (parent.text or "").strip() and all(
            sibling.tag in _POINTS and sibling.tag != _LB and not (sibling.tail or "").strip()
            for sibling in element.itersiblings(preceding=True))
        if joined:  # a word broken at the line end: the line still ends (an inscription's lines)
            out.glue()
        if not first:  # (a line break before the first line breaks nothing)
            out.markup("<br>")
        if _numbered_line(element.get("n", "")):  # (drawn by the style sheet: not text to copy or find)
            out.markup(f'<span class="line-n" data-n="{escape(element.get("n", ""))}"></span>')
        if joined:
            out.glue()
    elif joined or _joins(*_around(element)):  # (a word hyphenated at the line end; Chinese, Thai …)
        out.glue()
    else:
        out.text(" ")


def _numbered_line(n: str) -> bool:
    """Whether a line's number is shown at its start: every fifth, as an inscription's or a
    papyrus's edition numbers them, and any that is not a plain number ("5a", "r.1")."""
    n = n.strip()
    return bool(n) and (not n.isdigit() or (int(n) % 5 == 0 and int(n) > 0))


@lru_cache(maxsize=16)
def typed_line_breaks(root: etree._Element) -> bool:
    """Whether a document's `lb` are line breaks its author typed, not a source's line ends: one
    converted from a word processor or Markdown, as its header says (pandoc's "Produced by pandoc.",
    the TEI Stylesheets' `application ident="TEI_fromDOCX"`, or from ODT)."""
    found: Any = root.xpath("boolean(t:teiHeader/t:encodingDesc/t:appInfo/t:application[starts-with(@ident, "
                            "'TEI_from')] | t:teiHeader/t:fileDesc/t:sourceDesc/t:p[normalize-space() = "
                            "'Produced by pandoc.'])", namespaces=NS)
    return bool(found)


@lru_cache(maxsize=16)
def _has_words(root: etree._Element) -> bool:
    """Whether a document marks its words (`w`): asked of each line end, looked for once."""
    return next(root.iter(_WORD), None) is not None


# Scripts written without spaces between words: a line end between two of their letters is no space.
_UNSPACED = re.compile("[\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff\u3000-\u30ff\u3400-\u9fff"
                       "\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]")
_HYPHENS = "-\u00ac\u2010\u2e17"  # hyphen-minus, not sign (DTA's), hyphen, double oblique hyphen (Fraktur)


# What marks a point between words and holds no text: stepped over to the words on either side (CBETA
# gives each line end twice, its own edition's and a reprint's: `<lb ed="X"/><lb ed="R150"/>`).
_POINTS = frozenset(f"{{{TEI_NS}}}{name}" for name in ("lb", "pb", "cb", "milestone", "anchor"))


def _around(element: etree._Element) -> tuple[str, str]:
    """The text just before and just after an element (its neighbours' if it has no text beside it),
    over the empty points beside it and the page furniture (a catchword, a running head: no words of
    the reading text, "aufrichtigen<lb/><fw>Leib-</fw><lb/>" read "aufrichtigenLeib-Artzt")."""
    node, parent = element, element.getparent()
    while True:
        previous = node.getprevious()
        before = (previous.tail if previous is not None else parent.text if parent is not None else "") or ""
        if before.strip() or previous is None or previous.tag not in _PASSED:
            break
        node = previous
    if not before.strip() and previous is not None:
        before = text_of(previous)
    node = element
    while True:
        after, following = node.tail or "", node.getnext()
        if after.strip() or following is None or following.tag not in _PASSED:
            break
        node = following
    if not after.strip() and following is not None:
        after = text_of(following)
    return before.rstrip(), after.lstrip()


_PASSED = _POINTS | {f"{{{TEI_NS}}}fw"}


def _joins(before: str, after: str) -> bool:
    """Whether a line end between these is no space: between two letters of a script written without
    spaces, or after a word's hyphen (DTA's "Men-<lb/>schen", no break="no"), the hyphen kept."""
    if not before or not after:
        return False
    if _UNSPACED.match(before[-1]) and _UNSPACED.match(after[0]):
        return True
    if before[-1] not in _HYPHENS or len(before) < 2 or not before[-2].isalpha() or not after[0].isalpha():
        return False
    word = re.match(r"\w+", after)
    return not (word and word.group().lower() in _CONJUNCTIONS)  # "Lebens- und Seelen-Geister": suspended


# The words after which a line-end hyphen is a suspended one ("Lebens- und Seelen-Geister").
_CONJUNCTIONS = {"und", "oder", "bzw", "sowie", "noch", "u", "od", "and", "or", "nor", "et", "ou", "i", "a", "ili",
                 "\u0438", "\u0438\u043b\u0438", "\u0430"}  # (Russian: i, ili, a)


def anchor_only(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """cb, milestone, anchor: no text; an id, if the element has one, stays linkable."""
    if element.get(XML_ID):
        out.markup(f'<span class="{css_class(local_name(element))}"{id_attribute(tx, element)}></span>')
