"""TEI -> page model. The rendering of inline TEI is a rule table: element name -> behaviour.

An element with no rule is a located error, never silently dropped. Behaviours
append to an `_Output`, which keeps text and markup apart so that whitespace can
be normalised and words broken across a line end (`lb break="no"`) joined.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Callable

from lxml import etree
from markupsafe import Markup

from tei_edition.archival import ArchivalRef
from tei_edition.errors import EditionError
from tei_edition.model import (Cell, Citation, Document, Note, PageBreak, Paragraph, RowGroup, Section,
                               SourceInfo, Table)
from tei_edition.tei import NS, XML_ID, XML_LANG, local_name, normalize_space

GLUE = object()  # joins the words on both sides: whitespace around it is dropped


class _Output:
    def __init__(self) -> None:
        self.items: list = []

    def text(self, value: str) -> None:
        if self.items and self.items[-1] is not GLUE and self.items[-1][0] == "text":
            self.items[-1][1] += value  # one run of text, so that its white space collapses as one
        else:
            self.items.append(["text", value])

    def markup(self, value: str) -> None:
        self.items.append(["markup", value])

    def glue(self) -> None:
        self.items.append(GLUE)

    def html(self) -> Markup:
        items = [item if item is GLUE else [item[0], re.sub(r"\s+", " ", item[1]) if item[0] == "text" else item[1]]
                 for item in self.items]
        for n, item in enumerate(items):
            if item is GLUE:
                _strip(items, range(n - 1, -1, -1), str.rstrip)
                _strip(items, range(n + 1, len(items)), str.lstrip)
        html = "".join(escape(value, quote=False) if kind == "text" else value
                       for kind, value in (item for item in items if item is not GLUE))
        return Markup(html.strip())


def _strip(items: list, indexes: range, strip: Callable[[str], str]) -> None:
    """Strip whitespace from the nearest text on one side, stepping over markup and empty text."""
    for n in indexes:
        if items[n] is not GLUE and items[n][0] == "text":
            items[n][1] = strip(items[n][1])
            if items[n][1]:
                return


@dataclass
class _State:
    page: str = ""
    paragraph_id: str = ""
    notes: list[Note] = field(default_factory=list)


class Transformer:
    """Turns one TEI document into the page model for one language's pages."""

    def __init__(self, path: Path, refs: dict[str, ArchivalRef], strings: dict, register_href: str):
        self.path = path
        self.refs = refs
        self.strings = strings
        self.register_href = register_href
        self.state = _State()
        self.rules: dict[str, Callable[[etree._Element, _Output], None]] = {
            "lb": self.lb, "pb": self.pb, "note": self.note, "q": self.wrap("q"),
            "date": self.date, "seg": self.seg, "measure": self.measure,
            "name": self.wrap("span", "name"), "docAuthor": self.wrap("span", "author"),
            "term": self.wrap("span", "term"), "label": self.wrap("span", "label"),
            "titlePart": self.children, "bibl": self.bibl, "msIdentifier": self.children,
            "repository": self.children, "idno": self.children, "citedRange": self.children,
        }

    # --- inline rendering -------------------------------------------------------------------
    def inline(self, element: etree._Element, skip: Callable[[etree._Element], bool] = lambda e: False) -> Markup:
        out = _Output()
        self.children(element, out, skip)
        return out.html()

    def children(self, element: etree._Element, out: _Output, skip: Callable = lambda e: False) -> None:
        if element.text:
            out.text(element.text)
        for child in element:
            if isinstance(child.tag, str) and not skip(child):
                self.element(child, out)
            if child.tail:
                out.text(child.tail)

    def element(self, element: etree._Element, out: _Output) -> None:
        rule = self.rules.get(local_name(element))
        if rule is None:
            raise EditionError.at(self.path, element.sourceline,
                                  f"no rendering rule for <{local_name(element)}> here; "
                                  f"add a rule in transform.py or use one of: {', '.join(sorted(self.rules))}")
        rule(element, out)

    def wrap(self, tag: str, css: str = "") -> Callable[[etree._Element, _Output], None]:
        attributes = f' class="{css}"' if css else ""

        def behaviour(element: etree._Element, out: _Output) -> None:
            lang = element.get(XML_LANG)
            out.markup(f"<{tag}{attributes}{f' lang={chr(34)}{lang}{chr(34)}' if lang else ''}>")
            self.children(element, out)
            out.markup(f"</{tag}>")
        return behaviour

    def lb(self, element: etree._Element, out: _Output) -> None:
        if element.get("break") == "no":
            out.glue()
        else:
            out.text(" ")

    def pb(self, element: etree._Element, out: _Output) -> None:
        self.state.page = element.get("n")
        glue = element.get("break") == "no"
        if glue:
            out.glue()
        out.markup(self.pagebreak_html(element))
        if glue:
            out.glue()

    def pagebreak_html(self, element: etree._Element) -> str:
        number = element.get("n")
        label = escape(self.strings["page_label"].format(page=number))
        return (f'<a class="pagebreak" id="page-{number}" href="#page-{number}" aria-label="{label}">'
                f'<span class="pagebreak-number">{number}</span></a>')

    def date(self, element: etree._Element, out: _Output) -> None:
        out.markup(f'<time datetime="{escape(element.get("when", ""))}">')
        self.children(element, out)
        out.markup("</time>")

    def measure(self, element: etree._Element, out: _Output) -> None:
        """A quantity with its unit becomes machine-readable <data value="25 kopeck">."""
        kind = escape(element.get("type", ""))
        quantity, unit = element.get("quantity"), element.get("unit")
        if quantity and unit:
            out.markup(f'<data class="measure {kind}" value="{escape(quantity)} {escape(unit)}">')
            self.children(element, out)
            out.markup("</data>")
        else:
            out.markup(f'<span class="measure {kind}">')
            self.children(element, out)
            out.markup("</span>")

    def seg(self, element: etree._Element, out: _Output) -> None:
        css = {"interpolation": "interpolation"}.get(element.get("type"), "seg")
        title = f' title="{escape(self.strings["interpolation_title"])}"' if css == "interpolation" else ""
        out.markup(f'<span class="{css}"{title}>')
        self.children(element, out)
        out.markup("</span>")

    def bibl(self, element: etree._Element, out: _Output) -> None:
        ref = self.refs.get(element.get(XML_ID, ""))
        if element.get("type") != "archival" or ref is None:
            self.children(element, out)
            return
        out.markup(f'<a class="archival" href="{self.register_href}#{ref.unit.key}">')
        self.children(element, out)
        out.markup("</a>")

    def note(self, element: etree._Element, out: _Output) -> None:
        note_id = element.get(XML_ID)
        number = int(note_id[1:])
        lost = element.find("t:gap", NS) is not None
        citations = tuple(
            Citation(b.get(XML_ID), self.refs[b.get(XML_ID)], note_id, self.state.paragraph_id,
                     normalize_space("".join(b.itertext())), (b.get("sameAs") or "").lstrip("#") or None)
            for b in element.iterfind(".//t:bibl[@type='archival']", NS) if b.get(XML_ID) in self.refs)
        html = None if lost else self.inline(element)
        self.state.notes.append(Note(note_id, number, element.get("n"), self.state.page,
                                     self.state.paragraph_id, html, citations))
        label = escape(self.strings["note_label"].format(number=number))
        out.markup(f'<a class="noteref" id="nref-{number}" href="#{note_id}" role="doc-noteref" '
                   f'aria-label="{label}"><sup>{number}</sup></a>')

    # --- blocks -----------------------------------------------------------------------------
    def paragraph(self, element: etree._Element, number: int | None = None, kind: str = "paragraph") -> Paragraph:
        self.state.paragraph_id = element.get(XML_ID)
        first_note = len(self.state.notes)
        html = self.inline(element)
        return Paragraph(element.get(XML_ID), number, html, tuple(self.state.notes[first_note:]), kind)

    def table(self, element: etree._Element) -> Table:
        self.state.paragraph_id = element.get(XML_ID)
        head = element.find("t:head", NS)
        caption = self.inline(head) if head is not None else Markup("")
        groups: list[RowGroup] = []
        articles = 0
        for row in element.iterfind("t:row", NS):
            cells = row.findall("t:cell", NS)
            if row.get("role") == "label" and not groups:
                groups.append(RowGroup("head", (tuple(
                    Cell(self.inline(c), header=True, scope="col", colspan=int(c.get("cols", 1))) for c in cells),)))
                continue
            articles += row.get("role") != "label"
            groups.append(RowGroup("body", self._rows(cells)))
        return Table(element.get(XML_ID), caption, tuple(groups), articles)

    def _rows(self, cells: list[etree._Element]) -> tuple[tuple[Cell, ...], ...]:
        """One TEI row -> one HTML row per goods line, so that each duty stands beside its item."""
        items_cell = next((c for c in cells if c.find(".//t:seg[@type='item']", NS) is not None), None)
        lines = self._item_lines(items_cell, 0) if items_cell is not None else [(None, 0, Markup(""))]
        index = {line_id: n for n, (line_id, _, _) in enumerate(lines) if line_id}
        grid: list[list[Cell]] = [[] for _ in lines]
        for position, cell in enumerate(cells):
            span = int(cell.get("cols", 1))
            measures = cell.findall("t:measure[@corresp]", NS)
            if cell is items_cell:
                for n, (_, depth, html) in enumerate(lines):
                    grid[n].append(Cell(html, css=f"goods depth-{depth}"))
            elif items_cell is not None and measures and all(m.get("corresp")[1:] in index for m in measures):
                per_line = {index[m.get("corresp")[1:]]: self.inline_element(m) for m in measures}
                for n in range(len(lines)):
                    grid[n].append(Cell(per_line.get(n, Markup("")), css="duty"))
            else:
                header = position == 0
                grid[0].append(Cell(self.inline(cell), header=header,
                                    scope=("rowgroup" if len(lines) > 1 else "row") if header else None,
                                    rowspan=len(lines), colspan=span))
        return tuple(tuple(row) for row in grid)

    def inline_element(self, element: etree._Element) -> Markup:
        out = _Output()
        self.element(element, out)
        return out.html()

    def _item_lines(self, element: etree._Element, depth: int) -> list[tuple[str | None, int, Markup]]:
        def is_item(child: etree._Element) -> bool:
            return local_name(child) == "seg" and child.get("type") == "item"
        own = self.inline(element, skip=is_item)
        lines = [(element.get(XML_ID) if depth else None, depth, own)] if own or depth else []
        for child in element:
            if isinstance(child.tag, str) and is_item(child):
                lines.extend(self._item_lines(child, depth + 1))
        return lines

    def section(self, div: etree._Element, section_id: str) -> Section:
        head = div.find("t:head", NS)
        prefix = "".join(self.pagebreak_html(pb) for pb in div.iterfind("t:pb", NS))
        for pb in div.iterfind("t:pb", NS):
            self.state.page = pb.get("n")
        heading = Markup(prefix) + self.inline(head) if head is not None else None
        paragraphs = tuple(self.paragraph(p, kind="abstract") for p in div.iterfind("t:p", NS))
        return Section(section_id, div.get(XML_LANG) or "ru", heading, paragraphs,
                       authorial=div.get("resp") is not None or div.get(XML_LANG) in (None, "ru"))


def source_info(root: etree._Element) -> SourceInfo:
    def text(xpath: str) -> str:
        found = root.xpath(xpath, namespaces=NS)
        return normalize_space(found[0] if isinstance(found[0], str) else "".join(found[0].itertext())) if found else ""
    bibl = "//t:sourceDesc/t:biblStruct"
    return SourceInfo(
        author=text(f"{bibl}/t:analytic/t:author"), title=text(f"{bibl}/t:analytic/t:title"),
        journal=text(f"{bibl}/t:monogr/t:title"), year=text(f"{bibl}/t:monogr/t:imprint/t:date/@when"),
        issue=text(f"{bibl}/t:monogr/t:biblScope[@unit='issue']/@n"),
        pages=(text(f"{bibl}/t:monogr/t:biblScope[@unit='page']/@from"),
               text(f"{bibl}/t:monogr/t:biblScope[@unit='page']/@to")),
        doi=text(f"{bibl}/t:analytic/t:idno[@type='DOI']"))


def build_document(tree: etree._ElementTree, path: Path, doc_id: str, refs: dict[str, ArchivalRef],
                   strings: dict, register_href: str) -> Document:
    root = tree.getroot()
    tx = Transformer(path, refs, strings, register_href)
    front = root.find("t:text/t:front", NS)
    front_pb = "".join(tx.pagebreak_html(pb) for pb in front.iterfind("t:pb", NS))
    for pb in front.iterfind("t:pb", NS):
        tx.state.page = pb.get("n")
    rubric = front.find(".//t:titlePart[@type='rubric']", NS)
    title = front.find(".//t:titlePart[@type='main']", NS)
    byline = front.find(".//t:byline", NS)
    abstracts = tuple(tx.section(div, f"abstract-{div.get(XML_LANG) or 'ru'}")
                      for div in front.iterfind("t:div[@type='abstract']", NS))
    blocks: list = []
    number = 0
    for child in root.find("t:text/t:body", NS):
        name = local_name(child)
        if name == "p":
            number += 1
            blocks.append(tx.paragraph(child, number))
        elif name == "table":
            blocks.append(tx.table(child))
        elif name == "pb":
            tx.state.page = child.get("n")
            blocks.append(PageBreak(Markup(tx.pagebreak_html(child))))
        elif name:
            raise EditionError.at(path, child.sourceline, f"<{name}> is not expected directly in <body>")
    back = root.find("t:text/t:back", NS)
    back_sections = tuple(tx.section(div, f"summary-{div.get(XML_LANG)}")
                          for div in (back.iterfind("t:div", NS) if back is not None else ()))
    title_html = tx.inline(title)
    return Document(
        id=doc_id, lang=root.get(XML_LANG, "ru"), title=title_html,
        title_text=normalize_space("".join(title.itertext())),
        rubric=normalize_space("".join(rubric.itertext())) if rubric is not None else "",
        byline=tx.inline(byline) if byline is not None else Markup(""), front_pagebreak=Markup(front_pb),
        source=source_info(root), abstracts=abstracts, blocks=tuple(blocks), back=back_sections,
        notes=tuple(tx.state.notes), pages=tuple(pb.get("n") for pb in root.iterfind(".//t:text//t:pb", NS)),
        tei_file=path.name)
