"""Behaviours of the rule table (`rules.py`) for lists, quotations, verse, figures, and the headings
and paragraphs inside such blocks: each written as a block where it stands between blocks, else,
inside running text (where HTML allows no block), as spans — `layout.py` decides which."""
from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from lxml import etree

from tei_edition.layout import (
    alignment,
    figure_furniture,
    figure_numbers,
    figure_only,
    heads_its_division,
    in_block_context,
    is_block_quote,
    marks_typed,
)
from tei_edition.media import image_elsewhere, image_url
from tei_edition.output import GLUE, css_class, enclose, id_attribute, lang_attribute
from tei_edition.tei import NS, XML_ID, local_name, normalize_space, text_of

if TYPE_CHECKING:
    from tei_edition.inline import Transformer
    from tei_edition.output import HtmlOutput


def item(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """An item of a list written as an HTML list: <li>, or <dd> after its <dt> label."""
    parent = element.getparent()
    tag = "span"
    if parent is not None and local_name(parent) == "list" and in_block_context(parent):
        tag = "dd" if parent.find("t:label", NS) is not None else "li"
    out.markup(f'<{tag} class="item"{id_attribute(tx, element)}>')
    tx.children(element, out)
    out.markup(f"</{tag}>")


def list_(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """<list>: a numbered or bulleted list, or a glossary (label + item) as a description list."""
    block = in_block_context(element)
    head = element.find("t:head", NS)
    if head is not None and not heads_its_division(head):
        out.markup(f'<{"p" if block else "span"} class="list-head">')
        tx.children(head, out)
        out.markup(f'</{"p" if block else "span"}>')
    glossary = element.find("t:label", NS) is not None
    kind, _, numbering = (element.get("type") or "").partition(":")  # pandoc's "ordered:loweralpha"
    ordered = kind in ("ordered", "numbered") or "numbered" in (element.get("rend") or "")
    tag = ("dl" if glossary else "ol" if ordered else "ul") if block else "span"
    # Inside a paragraph the list is spans; "ordered" lets the stylesheet number them.
    classes = css_class("list", element.get("type", ""), "ordered" if ordered and not block else "")
    numbers = f' type="{_NUMBERINGS[numbering]}"' if tag == "ol" and numbering in _NUMBERINGS else ""
    out.markup(f'<{tag} class="{classes}"{numbers}{id_attribute(tx, element)}>')
    for child in element:
        if isinstance(child.tag, str) and local_name(child) != "head":
            if glossary and local_name(child) == "label" and block:
                out.markup('<dt class="label">')
                tx.children(child, out)
                out.markup("</dt>")
            elif block and local_name(child) in _BREAKS:  # a page that begins between two items
                _between_items(tx, child, out, "dd" if glossary else "li")
            elif block and not glossary and local_name(child) != "item":  # a bibliography's entries
                if not text_of(child).strip() and not child.get(XML_ID):
                    continue  # an empty entry (a template's placeholder): no empty bullet
                out.markup("<li>")
                tx.element(child, out)
                out.markup("</li>")
            else:
                tx.element(child, out)
        if child.tail and child.tail.strip():
            out.text(child.tail)
    out.markup(f"</{tag}>")


# What may stand between a list's items without being one: breaks, anchors and page furniture.
_BREAKS = {"pb", "cb", "lb", "milestone", "anchor", "fw"}


def _between_items(tx: Transformer, element: etree._Element, out: HtmlOutput, tag: str) -> None:
    """A page break (or an anchor) between two items: an item of its own without a bullet, if it
    shows anything (a page's marker; not a line break, nor a catchword, which the page hides)."""
    start = len(out.items)
    out.markup(f'<{tag} class="list-break">')
    tx.element(element, out)
    if all(item[0] == "text" and not item[1].strip() for item in out.items[start + 1:] if item is not GLUE):
        del out.items[start:]
    else:
        out.markup(f"</{tag}>")


def said(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """Speech: direct speech quoted (the language's marks unless the text types them), indirect
    (`direct="false"`) as it stands."""
    if element.get("direct") == "false":
        enclose(tx, element, out, f'<span class="said indirect"{lang_attribute(element)}>', "</span>")
        return
    css = "said" if marks_typed(element) else "said quote-marks"
    enclose(tx, element, out, f'<q class="{css}"{lang_attribute(element)}>', "</q>")


def quote(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """A quotation: a block between blocks; in running text quoted, with its language's marks unless
    the text types them, or, verse quoted there, set apart as a block is (a mark would dangle at the
    end of the line before it)."""
    tag = "blockquote" if is_block_quote(element) and in_block_context(element) else "q"
    css = "quote quote-marks" if tag == "q" and not marks_typed(element) else "quote"
    if tag == "q" and (element.find("t:l", NS) is not None or element.find("t:lg", NS) is not None):
        tag, css = "span", "quote verse-quote"
    enclose(tx, element, out, f'<{tag} class="{css}"{id_attribute(tx, element)}{lang_attribute(element)}>', f"</{tag}>")


def verse_line(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """A line of verse; its number (`n`) in the margin, every fifth and any other than a count ("10a");
    of a reference counting its lines last (a play's act, scene and line, "1.1.5"), every fifth line's.
    A line split between speakers (`part`: initial, medial, final) is set so (its later parts
    indented, carrying the line on)."""
    number = (element.get("n") or "").strip()
    count = number.rsplit(".", 1)[-1] if all(part.isdigit() for part in number.split(".")) else ""
    shown = number and (not count or int(count) % 5 == 0)
    line = f' data-line="{escape(number, quote=True)}"' if shown else ""
    part = (element.get("part") or "").strip().upper()
    # (its `rend` too: "indent", a refrain's or a turnover's, which the style sheet indents)
    classes = css_class("l", f"part-{part}" if part in ("I", "M", "F") else "", *(element.get("rend") or "").split())
    out.markup(f'<span class="{classes}"{id_attribute(tx, element)}{line}>')
    tx.children(element, out)
    out.markup("</span>")


_FIGURED = ("table", "eg", "egXML", "formula")  # what a figure shows, as its image is


def figure(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """<figure>: its graphics (copied into the site) or tables, the head and paragraphs as the caption;
    figDesc is each image's text alternative, or, with no image to stand for, shown as the figure."""
    block = in_block_context(element)
    description = element.find("t:figDesc", NS)
    alt = normalize_space(text_of(description)) if description is not None else ""
    out.markup(f'<{"figure" if block else "span"} class="figure"{id_attribute(tx, element)}>')
    if not len(element) and not (element.text or "").strip():  # (TCP's `<figure/>`: the source's, not reproduced)
        label = tx.strings["figure_label"].format(number="").strip(" .:\u00a0")
        out.markup(f'<span class="figure-absent" lang="{escape(tx.strings.lang)}">[{escape(label)}]</span>')
    graphics = element.findall("t:graphic", NS)
    if graphics and not alt and not any(local_name(c) in ("head", "p") for c in element if isinstance(c.tag, str)) \
            and not titled_before(element):
        tx.warn(element, "a figure's image has no description (figDesc) and no caption (head): a reader who "
                         "cannot see it is told nothing of it; describe it in a figDesc")
    for graphic in graphics:
        elsewhere = image_elsewhere(tx, graphic)
        if elsewhere:  # linked, not loaded: its description, else its address, the link's words
            tag = "p" if block else "span"
            out.markup(f'<{tag} class="graphic-elsewhere"><a href="{escape(elsewhere, quote=True)}">'
                       f'{escape(alt or elsewhere)}</a></{tag}>')
            continue
        src = image_url(tx, graphic)
        out.markup(f'<img src="{escape(src, quote=True)}" alt="{escape(alt, quote=True)}">')
    if description is not None and not graphics:
        tag = "p" if block else "span"
        enclose(tx, description, out, f'<{tag} class="figdesc">', f"</{tag}>")
    shown = [c for c in element if isinstance(c.tag, str) and local_name(c) in _FIGURED]
    for child in shown:  # a table the figure captions (docx→TEI writes them so), code, an example
        tx.element(child, out)
    caption = [c for c in element if isinstance(c.tag, str) and local_name(c) not in ("graphic", "figDesc")
               and local_name(c) not in _FIGURED]
    if caption:
        out.markup(f'<{"figcaption" if block else "span"} class="caption">')
        number = figure_numbers(element.getroottree().getroot()).get(element)
        if number is not None:  # (in the interface's language, as the pointers to it say it)
            out.markup(f'<span class="figure-label" lang="{escape(tx.strings.lang)}">'
                       f'{escape(tx.strings["figure_label"].format(number=number))}.</span> ')
        for child in caption:
            tx.element(child, out)
        out.markup(f'</{"figcaption" if block else "span"}>')
    out.markup(f'</{"figure" if block else "span"}>')


def titled_before(figure: etree._Element) -> bool:
    """Whether a publisher's title of the figure stands just before it (OpenEdition's `p
    rend="figure-title"`, before the paragraph that wraps the figure): its caption, for a reader."""
    holder = figure.getparent()
    wrapped = holder is not None and local_name(holder) == "p" and figure_only(holder)
    before = (holder if wrapped and holder is not None else figure).getprevious()
    return before is not None and local_name(before) == "p" and "figure-title" in figure_furniture(before)


def shown_by_its_holder(graphic: etree._Element) -> bool:
    """Whether an image is shown by what holds it: a figure, a transcribed page (its surface or zone)."""
    holder = graphic.getparent()
    return holder is not None and local_name(holder) in ("figure", "surface", "surfaceGrp", "zone", "facsimile")


def inline_graphic(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """An image outside a figure (in a sentence, in a link: an OpenEdition article's icon): shown where
    it stands, copied into the site as a figure's is, its `desc` its text alternative."""
    description = element.find("t:desc", NS)
    alt = normalize_space(text_of(description)) if description is not None else ""
    elsewhere = image_elsewhere(tx, element)
    if elsewhere:
        out.markup(f'<a class="graphic-elsewhere" href="{escape(elsewhere, quote=True)}">'
                   f'{escape(alt or elsewhere)}</a>')
        return
    src = image_url(tx, element)
    if src:
        out.markup(f'<img class="graphic" src="{escape(src, quote=True)}" alt="{escape(alt, quote=True)}"'
                   f'{id_attribute(tx, element)}>')


# pandoc's numberings of an ordered list (`type="ordered:lowerroman"`) -> HTML's <ol type>.
_NUMBERINGS = {"arabic": "1", "loweralpha": "a", "upperalpha": "A", "lowerroman": "i", "upperroman": "I"}


def list_head_first(css: str) -> Callable[[Transformer, etree._Element, HtmlOutput], None]:
    """A list that is no `list` (a play's cast list, its groups): its heading first, as a list's is
    (a paragraph where the list is a block), then its entries, each a block."""
    def behaviour(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
        block = in_block_context(element)
        tag = "div" if block else "span"
        out.markup(f'<{tag} class="{css}"{id_attribute(tx, element)}{lang_attribute(element)}>')
        head = element.find("t:head", NS)
        if head is not None:
            enclose(tx, head, out, f'<{"p" if block else "span"} class="list-head"{id_attribute(tx, head)}>',
                    f'</{"p" if block else "span"}>')
        tx.children(element, out, skip=lambda child: child is head)
        out.markup(f"</{tag}>")
    return behaviour


def head(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """A heading the containing block does not place itself (figure, lg, quote)."""
    out.markup(f'<span class="head"{id_attribute(tx, element)}>')
    tx.children(element, out)
    out.markup("</span>")


def paragraph_in_block(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """A <p> inside a note, cell, quotation or figure."""
    tag = "p" if in_block_context(element) else "span"
    furniture = sorted(figure_furniture(element))  # (a figure's title: OpenEdition's)
    out.markup(f'<{tag} class="{css_class("p", alignment(element), *furniture)}"{id_attribute(tx, element)}'
               f'{lang_attribute(element)}>')
    tx.children(element, out)
    out.markup(f"</{tag}>")
