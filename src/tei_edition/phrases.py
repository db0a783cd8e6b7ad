"""Behaviours of the rule table (`rules.py`) for words within a line: highlighted words (`hi`, by its
`rend`, `rendition` or `style`), a quantity, a segment, words
the editors or a translator supplied, a quotation (in a translation, linked to the original's), a
bibliographic reference (an archival one linked to its archive's entry in the register), a note
written in the line."""
from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING, Any

from lxml import etree

from tei_edition.layout import STANDING_NOTE_TYPES, marks_typed
from tei_edition.output import css_class, enclose, id_attribute, lang_attribute
from tei_edition.tei import NS, XML_ID, local_name, text_of

if TYPE_CHECKING:
    from tei_edition.inline import Transformer
    from tei_edition.output import HtmlOutput

_PLACED = frozenset({"left", "right", "center", "centre", "block"})  # a segment's place on its line


def measure(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """A quantity with its unit becomes machine-readable <data value="25 kopeck">."""
    kind = escape(element.get("type", ""))
    quantity, unit = element.get("quantity", ""), element.get("unit", "")
    tag = "data" if quantity and unit else "span"
    value = f' value="{escape(quantity)} {escape(unit)}"' if tag == "data" else ""
    out.markup(f'<{tag} class="measure {kind}"{value}>')
    tx.children(element, out)
    out.markup(f"</{tag}>")


def seg(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """A segment; one placed on its line (a letterhead's name on the left, its date on the right:
    Schnitzler's `seg rend="left"`) a line of its own, apart from its neighbours' words."""
    css = {"interpolation": "interpolation"}.get(element.get("type", ""), "seg")
    title = f' title="{escape(tx.strings["interpolation_title"])}"' if css == "interpolation" else ""
    placed = [token for token in (element.get("rend") or "").lower().split() if token in _PLACED]
    if placed:
        out.text(" ")
    out.markup(f'<span class="{" ".join([css, *placed])}"{title}{lang_attribute(element)}>')
    tx.children(element, out)
    out.markup("</span>")
    if placed:
        out.text(" ")


def supplied(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """Words added to the text, in square brackets: a translation's by its translator; an
    original's by its editors (with the reason the TEI gives: "lost", "illegible" …)."""
    if tx.original is not None or element.get("resp") == "#translator":
        title = str(tx.strings["supplied_title"])
    else:
        reason = element.get("reason", "")
        title = str(tx.strings["supplied_editors_title"]) + (f": {reason}" if reason else "")
    out.markup(f'<span class="supplied" title="{escape(title)}">[')
    tx.children(element, out)
    out.markup("]</span>")


def quotation(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """<q>; in a translation, followed by a link to the quotation in the original."""
    original_id = tx.original.target(element) if tx.original else element.get(XML_ID)
    anchor = ""
    if original_id and original_id not in tx.state.quotations:
        tx.state.quotations.add(original_id)
        anchor = tx.id_attribute(original_id)
    out.markup(f"<q{anchor}>" if marks_typed(element) else f'<q{anchor} class="quote-marks">')
    tx.children(element, out)
    out.markup("</q>")
    if tx.original and original_id and tx.page:
        label = escape(tx.strings["quote_original"])
        lang = escape(tx.original.lang)
        out.markup(f'<a class="quote-original" href="{tx.page.original_href}#{original_id}" hreflang="{lang}" '
                   f'aria-label="{label}" data-label="{lang}"></a>')


def bibl(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """A reference as it is written, two of its parts that nothing stands between set apart by ", "
    (a Schnitzler letter's index of works, "AbschiedssouperSchnitzler, ArthurHofmannsthal, Hugo von";
    an Arnamagnaean catalogue's "Fornmanna sogurI71-306;"); an archival one linked to its archive's
    entry in the register."""
    key = tx.original.target(element) if tx.original else element.get(XML_ID)
    ref = tx.refs.get(key or "")
    own = lang_attribute(element)  # (a reference in English inside a Greek quotation)
    if element.get("type") != "archival" or ref is None:
        if any(_glued(child) for child in element):
            out.markup(f'<span class="bibl"{own}>')
            _apart(tx, element, out)
            out.markup("</span>")
        elif own:
            enclose(tx, element, out, f'<span class="bibl"{own}>', "</span>")
        else:
            tx.children(element, out)
        return
    out.markup(f'<a class="archival" href="{tx.page.register_href if tx.page else ""}#{ref.unit.key}"{own}>')
    tx.children(element, out)
    out.markup("</a>")


# A reference's parts (not a phrase within one: a `hi`, a `foreign`), set apart where nothing stands between.
_BIBL_PARTS = frozenset({"title", "author", "editor", "biblScope", "citedRange", "date", "pubPlace", "publisher",
                         "edition", "idno", "extent", "series", "respStmt", "orgName", "persName", "name"})


# A manuscript's description (msDesc) belongs in the header, which no rule renders; in a text, its
# parts are spans that keep their text.
MANUSCRIPT_DESCRIPTION = (
    "msDesc", "msContents", "msItem", "summary", "physDesc", "objectDesc", "supportDesc", "support", "foliation",
    "collation", "condition", "layoutDesc", "layout", "handDesc", "decoDesc", "decoNote", "additions",
    "bindingDesc", "binding", "sealDesc", "accMat", "history", "origin", "origDate", "origPlace", "provenance",
    "acquisition", "additional", "adminInfo", "recordHist", "custodialHist", "custEvent", "surrogates", "msPart",
    "locus", "dimensions", "height", "width", "depth", "dim", "textLang", "incipit", "explicit", "colophon",
    "rubric", "finalRubric", "extent", "handNote", "filiation", "scriptDesc", "scriptNote", "typeDesc", "typeNote",
    "watermark", "material", "objectType")
# ... of which two that nothing stands between are set apart by a space: "Den Arnamagnaeanske Samling
# AM 62 fol.", a rubric and the incipit after it.
DESCRIPTION_PARTS = frozenset({*MANUSCRIPT_DESCRIPTION, "msIdentifier", "repository", "institution", "collection",
                               "idno", "msName", "altIdentifier", "settlement", "country", "region"})


def _glued(part: etree._Element, parts: frozenset[str] = _BIBL_PARTS) -> bool:
    """Whether a reference's part (one of `parts`) and the next one have nothing between them."""
    following = part.getnext()
    return following is not None and isinstance(part.tag, str) and isinstance(following.tag, str) \
        and not (part.tail or "").strip() and {local_name(part), local_name(following)} <= parts


def _apart(tx: Transformer, element: etree._Element, out: HtmlOutput, parts: frozenset[str] = _BIBL_PARTS,
           between: str = ", ") -> None:
    if element.text:
        out.text(element.text)
    for child in element:
        if isinstance(child.tag, str):
            tx.element(child, out)
        if _glued(child, parts):
            out.text(between)
        elif child.tail:
            out.text(child.tail)


def identifier(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """A manuscript's identifier (`msIdentifier`, also an archival reference's words): its parts, two
    with nothing between them set apart by a space ("Den Arnamagnaeanske Samling AM 62 fol.")."""
    _apart(tx, element, out, DESCRIPTION_PARTS, " ")


def description_part(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """A part of a manuscript's description in a text: a span of its parts, set apart as an
    identifier's (a rubric and the incipit after it)."""
    classes = css_class(local_name(element).lower(), element.get("type", ""), element.get("rend", ""))
    out.markup(f'<span class="{classes}"{id_attribute(tx, element)}{lang_attribute(element)}>')
    identifier(tx, element, out)
    out.markup("</span>")


def is_inline_note(element: etree._Element) -> bool:
    return element.get("place", "").lower() in ("inline", "interlinear")


def block_note(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """A note that stands as a block (`layout.standing_note`), labelled by its type; its paragraphs are
    paragraphs (a footnote's, in its line of the notes, are spans)."""
    label = STANDING_NOTE_TYPES.get(element.get("type", ""))
    out.markup(f'<aside class="note-block"{id_attribute(tx, element)}{lang_attribute(element)}>')
    if label:
        out.markup(f'<p class="note-block-label">{escape(str(tx.strings[label]))}</p>')
    tx.children(element, out)
    out.markup("</aside>")


def inline_note(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """A note written in the line (`place="inline"`: CBETA's small characters between the words of
    a sutra; "interlinear": between the lines): where it stands, set smaller and in brackets, not a
    numbered footnote."""
    enclose(tx, element, out, f'<small class="note-inline"{id_attribute(tx, element)}{lang_attribute(element)}>',
            "</small>")


# A structured reference's groups (its article, its journal or book, its series, its imprint).
_GROUPS = frozenset({"analytic", "monogr", "series", "imprint"})


def structured_bibl(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """A `biblStruct`: its parts in order, apart as a reference list sets them, ", " within a group and
    ". " after an article's, a book's or a series' parts (its elements carry no punctuation: without
    it, "Croce, BenedettoEsteticaBariLaterza1902"); one that writes its own punctuation as it is."""
    out.markup(f'<span class="bibl"{id_attribute(tx, element)}{lang_attribute(element)}>')
    if _punctuated(element):
        tx.children(element, out)
    else:
        _parts(tx, element, out, [""])
    out.markup("</span>")


def _punctuated(element: etree._Element) -> bool:
    return any((text or "").strip() for text in (element.text, *(child.tail for child in element))) or any(
        _punctuated(child) for child in element if isinstance(child.tag, str) and local_name(child) in _GROUPS)


def _parts(tx: Transformer, group: etree._Element, out: HtmlOutput, separator: list[str]) -> None:
    """`separator`: what stands before the next part ("" before the first)."""
    for child in group:
        if not isinstance(child.tag, str):
            continue
        if local_name(child) in _GROUPS:
            _parts(tx, child, out, separator)
            if local_name(child) != "imprint" and separator[0]:
                separator[0] = ". "
            continue
        out.text(separator[0])
        tx.element(child, out)
        separator[0] = ", "


HI_TAGS = {"italic": "i", "italics": "i", "i": "i", "bold": "b", "b": "b", "sup": "sup", "superscript": "sup",
           "sub": "sub", "subscript": "sub", "underline": "u", "underlined": "u", "u": "u", "strikethrough": "s",
           "strike": "s", "overstrike": "s"}


def hi(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """<hi rend="italic bold">: the first rendition HTML has a tag for; each a class, which the style
    sheet shows (bold, struck through, underlined ... together). A `rendition` pointing to the header's
    `tagsDecl` (a publishing platform's export: rendition="#T2", DTA's "#aq") is read for the CSS it
    declares; TEI Simple's "simple:italic" and Transkribus's "strikethrough:true;" are read too. A
    `hi` that says nothing of how it looks is italic, as TEI Simple renders it (its contrast with
    the text around it would be lost)."""
    renditions = _renditions(element)
    plain = not (element.get("rend") or element.get("rendition") or element.get("style"))  # (said, unread: a span)
    tag = next((HI_TAGS[r] for r in renditions if r in HI_TAGS), "i" if plain else "span")
    out.markup(f'<{tag} class="{css_class("hi", *renditions)}"{lang_attribute(element)}>')
    tx.children(element, out)
    out.markup(f"</{tag}>")


def _renditions(element: etree._Element) -> list[str]:
    """What a `hi` says of how it looks, as names (each once, in order)."""
    rend, rendition = element.get("rend") or "", element.get("rendition") or ""
    names: list[str] = []
    if ":" in rend:  # "key:value;" pairs (Transkribus: strikethrough:true; fontSize:0.0;), or CSS
        for key, _, value in (part.partition(":") for part in rend.split(";") if part.strip()):
            key, value = key.strip().lower(), value.strip().lower()
            names += [_TRANSKRIBUS.get(key, key)] if value == "true" else _css_names(f"{key}:{value}")
    else:
        names += rend.split()
    for token in rendition.split():
        names += _declared_rendition(element, token[1:]) if token.startswith("#") else [token.rpartition(":")[2]]
    return list(dict.fromkeys(names))


_TRANSKRIBUS = {"underlined": "underline", "superscript": "sup", "subscript": "sub", "smallcaps": "smallcaps"}

# CSS of a tagsDecl rendition -> the rendition names `hi` knows (and the style sheet shows).
_CSS_RENDITIONS = (("font-style:italic", "italic"), ("font-weight:bold", "bold"), ("vertical-align:super", "sup"),
                   ("vertical-align:sub", "sub"), ("text-decoration:underline", "underline"),
                   ("text-decoration:line-through", "strike"), ("font-variant:small-caps", "smallcaps"),
                   ("font-family:sans-serif", "sans"), ("text-align:center", "center"), ("text-align:right", "right"),
                   ("letter-spacing", "spaced"))


def _css_names(css: str) -> list[str]:
    """The rendition names of CSS declarations (a font size above the text's: "large", below: "small")."""
    css = "".join(css.split()).lower()
    names = [name for declaration, name in _CSS_RENDITIONS if declaration in css]
    size = re.search(r"font-size:([0-9.]+)(%|em)", css)
    if size and float(size.group(1)) * (1 if size.group(2) == "%" else 100) != 100:
        names.append("large" if float(size.group(1)) * (1 if size.group(2) == "%" else 100) > 100 else "small")
    return names


def _declared_rendition(element: etree._Element, rendition_id: str) -> list[str]:
    # (only the header is searched: a hi may be met thousands of times)
    found: Any = element.getroottree().xpath("/t:TEI/t:teiHeader/t:encodingDesc/t:tagsDecl//t:rendition[@xml:id=$id]",
                                             id=rendition_id, namespaces=NS)
    return _css_names(text_of(found[0])) if found else []
