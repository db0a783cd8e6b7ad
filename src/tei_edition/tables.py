"""A TEI table -> the model of an HTML table.

Headers are what the TEI says they are: a cell whose `role` (its own, else its row's) is "label".
The rows of labels before any data are the table's head; a label cell in the body heads its row
(or, in a row of labels only, its column). Any shape of table reads this way.

A table of goods articles (this edition's tariff) also gets one HTML row per goods line. The TEI
keeps the print's structure: one row per tariff article, the article's items
(`seg type="item"`, nested for а) б)) in one cell and their duties in the next, each duty
pointing to its item with `corresp`. For reading, each item gets its own row with its duty
beside it; the cells that stand for the whole article span those rows.
"""
from __future__ import annotations

from dataclasses import replace
from html import escape
from typing import TYPE_CHECKING, Any

from lxml import etree

from tei_edition.layout import in_block_context
from tei_edition.tei import NS, XML_ID, local_name, normalize_space, text_of
from tei_edition.units import Cell, Content, RowGroup, Table

if TYPE_CHECKING:  # the transformer's rule table holds `nested_table` below (inline.py imports this module)
    from tei_edition.inline import Transformer
    from tei_edition.output import HtmlOutput


def build_table(tx: Transformer, element: etree._Element) -> Table:
    tx.state.paragraph_id = element.get(XML_ID, "")
    heading = element.find("t:head", NS)
    first_note = len(tx.state.notes)
    caption = tx.content(heading) if heading is not None else None
    head: list[tuple[Cell, ...]] = []  # the rows of labels before any data: the table's head
    bodies: list[RowGroup] = []  # a table of goods articles: each article a row group, its lines in it
    plain: list[tuple[Cell, ...]] = []  # the rows of any other table: one row group
    articles = 0
    by_article = element.find(".//t:seg[@type='item']", NS) is not None
    for row in element.iterfind("t:row", NS):
        cells = row.findall("t:cell", NS)
        if row.get("role") == "label" and not bodies and not plain:
            head.append(tuple(Cell(tx.content(c), header=cell_role(c, row) == "label",
                                   scope="col" if cell_role(c, row) == "label" else None,
                                   rowspan=_span(c, "rows"), colspan=_span(c, "cols")) for c in cells))
            continue
        articles += row.get("role") != "label"
        if by_article:
            bodies.append(RowGroup("body", _rows(tx, row, cells)))
        else:
            plain.extend(_rows(tx, row, cells))
    groups = [RowGroup("head", tuple(head))] if head else []
    groups += bodies + ([RowGroup("body", tuple(plain))] if plain else [])
    groups = _within_the_columns(tx, element, groups)
    # A table without an id: its caption's id by its place among the document's tables (not its
    # source line, which every edit above it would change).
    place: Any = element.xpath("count(preceding::t:table) + count(ancestor::t:table) + 1", namespaces=NS)
    label = f"{element.get(XML_ID) or f'table-{int(place)}'}-caption"
    return Table(element.get(XML_ID), caption, tuple(groups), articles, notes=tuple(tx.state.notes[first_note:]),
                 label_id=label)


def _within_the_columns(tx: Transformer, element: etree._Element, groups: list[RowGroup]) -> list[RowGroup]:
    """A cell that spans more columns than any row has cells (a Word conversion's heading, cols="5"
    over rows of 4) spans the table's columns, with a warning: HTML has no column where no cell
    begins. (A table with row spans is left as it is: its columns are not counted here.)"""
    rows = [row for group in groups for row in group.rows]
    if any(cell.rowspan > 1 for row in rows for cell in row):
        return groups
    starts = [sum(cell.colspan for cell in row[:n]) for row in rows for n in range(len(row))]
    width = max(starts, default=-1) + 1
    if not any(sum(cell.colspan for cell in row) > width for row in rows):
        return groups
    tx.warn(element, f"a cell spans more columns than the table has ({width}): shown spanning the table; "
                     f"correct its cols")

    def clamped(row: tuple[Cell, ...]) -> tuple[Cell, ...]:
        start, cells = 0, []
        for cell in row:
            cells.append(replace(cell, colspan=max(1, min(cell.colspan, width - start))))
            start += cell.colspan
        return tuple(cells)
    return [RowGroup(group.kind, tuple(clamped(row) for row in group.rows)) for group in groups]


def cell_role(cell: etree._Element, row: etree._Element) -> str:
    """A cell's role: its own, else its row's (TEI: "data" unless said otherwise)."""
    return cell.get("role") or row.get("role") or "data"


def _rows(tx: Transformer, row: etree._Element, cells: list[etree._Element]) -> tuple[tuple[Cell, ...], ...]:
    """The HTML rows of one TEI row. A cell whose role is "label" is a header: of its row (or of the
    rows it spans), or, in a row of labels only (a heading inside the body), of its column."""
    items_cell = next((c for c in cells if c.find(".//t:seg[@type='item']", NS) is not None), None)
    lines = _item_lines(tx, items_cell, 0) if items_cell is not None else [(None, 0, None)]
    index = {line_id: n for n, (line_id, _, _) in enumerate(lines) if line_id}
    grid: list[list[Cell]] = [[] for _ in lines]
    heading_row = all(cell_role(cell, row) == "label" for cell in cells)
    for cell in cells:
        measures = cell.findall("t:measure[@corresp]", NS)
        if cell is items_cell:
            for n, (_, depth, content) in enumerate(lines):
                grid[n].append(Cell(content, css=f"goods depth-{depth}"))
        elif items_cell is not None and measures and all(m.get("corresp", "")[1:] in index for m in measures):
            per_line = {index[m.get("corresp", "")[1:]]: tx.content(m, whole=True) for m in measures}
            for n in range(len(lines)):
                grid[n].append(Cell(per_line.get(n), css="duty"))
        else:
            header = cell_role(cell, row) == "label"
            # A cell of a goods article spans the article's lines; any other spans what its TEI says.
            rowspan = len(lines) if items_cell is not None else _span(cell, "rows")
            scope = "col" if heading_row else "rowgroup" if rowspan > 1 else "row"
            grid[0].append(Cell(tx.content(cell), header=header, scope=scope if header else None,
                                rowspan=rowspan, colspan=_span(cell, "cols")))
    return tuple(tuple(row) for row in grid)


def _span(cell: etree._Element, attribute: str) -> int:
    """A cell's @rows or @cols (the schema makes them whole numbers; 0 is taken as 1)."""
    return max(1, int(cell.get(attribute) or 1))


def _is_item(element: etree._Element) -> bool:
    return local_name(element) == "seg" and element.get("type") == "item"


def _has_own(element: etree._Element) -> bool:
    """Whether a cell or item has text of its own, apart from its items (their tails are its own)."""
    own = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and not _is_item(child):
            own.append(text_of(child))
        own.append(child.tail or "")
    return bool("".join(own).strip())


def _item_lines(tx: Transformer, element: etree._Element, depth: int) -> list[tuple[str | None, int, Content | None]]:
    """The cell's own text (an introduction), then each item's own text, depth first."""
    own = tx.content(element, skip=_is_item) if _has_own(element) else None
    lines = [(element.get(XML_ID) if depth else None, depth, own)] if own or depth else []
    for child in element:
        if isinstance(child.tag, str) and _is_item(child):
            lines.extend(_item_lines(tx, child, depth + 1))
    return lines


def nested_table(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """A table inside another block (a figure, a note, a quotation, a cell): the rows as the TEI has
    them, headers as `cell_role` says. Inside a paragraph's running text (where HTML allows no table)
    the same structure in spans, with the roles of a table for assistive technology."""
    block = in_block_context(element)
    heading = element.find("t:head", NS)
    # Its name for assistive technology: its heading, else its figure's caption, else "Table".
    parent = element.getparent()
    named = heading if heading is not None else parent.find("t:head", NS) \
        if parent is not None and local_name(parent) == "figure" else None
    label = normalize_space(text_of(named)) if named is not None else str(tx.strings["table"])
    anchor = tx.id_attribute(escape(element.get(XML_ID, ""))) if element.get(XML_ID) else ""
    if block:
        out.markup(f'<div class="table-scroll" role="region" tabindex="0" aria-label="{escape(label)}">'
                   f'<table class="tei-table"{anchor}>')
    else:
        out.markup(f'<span class="tei-table"{anchor} role="table" aria-label="{escape(label)}">')
    if heading is not None:
        out.markup("<caption>" if block else '<span class="caption">')
        tx.children(heading, out)
        out.markup("</caption>" if block else "</span>")
    for row in element.iterfind("t:row", NS):
        cells = row.findall("t:cell", NS)
        heading_row = all(cell_role(cell, row) == "label" for cell in cells)
        out.markup("<tr>" if block else '<span class="row" role="row">')
        for cell in cells:
            header = cell_role(cell, row) == "label"
            spans = "".join(f' {html}="{_span(cell, tei)}"' for tei, html in (("rows", "rowspan"), ("cols", "colspan"))
                            if _span(cell, tei) > 1)
            if block:
                tag = "th" if header else "td"
                scope = f' scope="{"col" if heading_row else "row"}"' if header else ""
                out.markup(f"<{tag}{scope}{spans}>")
            else:
                role = ("columnheader" if heading_row else "rowheader") if header else "cell"
                out.markup(f'<span class="cell" role="{role}">')
            tx.children(cell, out)
            out.markup(f"</{tag}>" if block else "</span>")
        out.markup("</tr>" if block else "</span>")
    out.markup("</table></div>" if block else "</span>")
