"""The HTML of the print lines (the print view), through the rule table.

The whole text is rendered once by a transformer whose table is the edition's, with the rules that
differ on this page put first: a line break (`lb`) becomes a mark where the HTML is cut into lines
(a soft hyphen printed before it), a page break writes nothing (the page is the view's section),
a misprint is shown as printed (its `sic`, without the editors' correction or note), a foot note
is its printed number linking to the note at the page's foot, block elements write no block
markup (a line is phrasing content) and page furniture (`fw`) is shown. Names, quotations,
dates, archival references and the rest render as on the reading page.

The HTML is then cut at the marks; the elements open at a cut are closed at the end of the line
and opened again at the start of the next one (a name broken across two lines is two links).
"""
from __future__ import annotations

import re
from html import escape
from pathlib import Path
from typing import cast

from lxml import etree
from markupsafe import Markup

from tei_edition.archival import ArchivalRef
from tei_edition.diplomatic import LINE_BLOCKS, PrintLayout, PrintNote, is_foot_note
from tei_edition.fidelity import NOT_PRINTED
from tei_edition.inline import PageContext, Transformer
from tei_edition.layout import is_block_quote, phrasing_only
from tei_edition.output import HtmlOutput
from tei_edition.rules import Behaviour, Rule, RuleTable, children_only, edition_rules, wrap
from tei_edition.tei import local_name, other_pagination

_CUT = "\x01"  # XML allows no U+0001 in a document: no TEI text contains one
_CUTS = re.compile(f"{_CUT}([0-9]+){_CUT}")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")
_VOID = {"br", "img", "wbr", "hr", "input", "source"}


class DiplomaticTransformer(Transformer):
    """Writes a printed text's HTML with a cut mark at each print line."""

    def __init__(self, path: Path, refs: dict[str, ArchivalRef], page: PageContext, layout: PrintLayout):
        super().__init__(path, refs, page=page)
        self.line_index = {line.element: n for n, line in enumerate(layout.lines)}
        self.notes = {note.element: note for page_ in layout.pages for note in page_.notes}

    @property
    def rules(self) -> RuleTable:
        return _RULES

    def print_lb(self, element: etree._Element, out: HtmlOutput) -> None:
        joined = element.get("break") == "no"
        if joined:
            out.glue()  # the word goes on at the next line: no space before the cut
        if element.get("rend") == "hyphen":
            out.markup('<span class="hyphen">-</span>')
        if element in self.line_index:
            out.markup(f"{_CUT}{self.line_index[element]}{_CUT}")
        elif not joined and not other_pagination(element):
            out.text(" ")  # an lb the layout does not count (in a foot note; another edition's is nothing here)
        if joined:
            out.glue()

    def print_pb(self, element: etree._Element, out: HtmlOutput) -> None:
        self.state.page = element.get("n", "")
        if element in self.line_index:  # the page's first words begin a line of their own (no lb before them)
            out.markup(f"{_CUT}{self.line_index[element]}{_CUT}")

    def print_noteref(self, element: etree._Element, out: HtmlOutput) -> None:
        """A foot note's marker, as printed: its number on the page, linking to the note at the foot."""
        note = self.notes.get(element)
        if note is None:
            return
        label = self.strings["print_note_label"].format(number=note.printed, page=note.page) \
            + (f" ({self.strings['note_lost_short']})" if note.lost else "")
        out.markup(f'<a class="print-noteref{" lost" if note.lost else ""}" href="#{note.line_id}" '
                   f'aria-label="{escape(label)}"><sup>')
        out.text(note.printed)
        out.markup("</sup></a>")

    def note_text(self, note: PrintNote) -> Markup:
        """What a foot note prints, at its page's foot."""
        return self.inline(note.element)


def printed(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """A `choice` or `sic` as printed: without the editors' correction, regularisation or expansion."""
    out.markup(f'<span class="{local_name(element)}">')
    tx.children(element, out, skip=lambda child: local_name(child) in NOT_PRINTED)
    out.markup("</span>")


def spaced(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """A block of the text: its content only (the lines are the blocks here), apart from its neighbours;
    a block that begins a line of its own (no `lb` before its words) is cut there."""
    out.text(" ")
    line = getattr(tx, "line_index", {}).get(element)
    if line is not None:
        out.markup(f"{_CUT}{line}{_CUT}")
    tx.children(element, out)
    out.text(" ")


def nothing(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """Not printed: the editors' notes."""


_BLOCKS = ("text", "front", "body", "back", "titlePage", "docTitle", "div", "div1", "div2", "div3", "div4", "div5",
           "table", "row", "cell", "p", "ab", "head", "byline", "opener", "closer", "salute", "dateline", "signed",
           "epigraph", "trailer", "postscript", "argument", "list", "listBibl", "item", "label", "lg", "l", "figure")


def _rules(t: type[DiplomaticTransformer]) -> RuleTable:
    own: tuple[Rule, ...] = (
        Rule("lb", cast(Behaviour, t.print_lb)), Rule("pb", cast(Behaviour, t.print_pb)),
        Rule("fw", wrap("span", "fw")),
        # (a note in the text is words of its lines, as the reading page shows it)
        *(rule for rule in edition_rules(t) if rule.element == "note" and rule.in_text),
        Rule("note", cast(Behaviour, t.print_noteref), is_foot_note), Rule("note", nothing),
        Rule("choice", printed, reorders=True), Rule("sic", printed),
        Rule("quote", spaced, is_block_quote), Rule("quote", wrap("q", "quote")),
        Rule("titlePart", children_only), Rule("figDesc", nothing), Rule("graphic", nothing),
        *(Rule(name, spaced) for name in _BLOCKS),
    )
    replaced = {rule.element for rule in own}
    return RuleTable(own + tuple(rule for rule in edition_rules(t) if rule.element not in replaced))


_RULES = _rules(DiplomaticTransformer)
assert LINE_BLOCKS <= set(_BLOCKS), "a block that begins a print line is cut where it begins (spaced)"


def cut_lines(html: str, count: int) -> list[Markup]:
    """The HTML of each line (`count` of them) from the text's HTML with its cut marks: the elements
    open at a cut closed before it and opened again after it. What stands before the first cut goes to
    the first line: its markup, not its words (those of a front matter on unnumbered pages, which the
    print view does not lay out)."""
    lines: list[str] = []
    current: list[str] = []
    open_tags: list[tuple[str, str]] = []  # (name, start tag)
    position = 0
    tokens = sorted([(m.start(), m.end(), "cut", m.group(1)) for m in _CUTS.finditer(html)]
                    + [(m.start(), m.end(), "tag", m.group(0)) for m in _TAG.finditer(html)])
    for start, end, kind, value in tokens:
        current.append(html[position:start])
        position = end
        if kind == "cut":
            if int(value) != len(lines):  # the layout and this walk disagree: a bug, never the edition's
                raise RuntimeError(f"print line {value} cut as line {len(lines)}")
            lines.append("".join(current) + "".join(f"</{name}>" for name, _ in reversed(open_tags)))
            current = [tag for _, tag in open_tags]
            continue
        match = _TAG.fullmatch(value)
        assert match is not None
        closing, name = match.group(1), match.group(2).lower()
        if closing:
            while open_tags and open_tags[-1][0] != name:
                open_tags.pop()
            if open_tags:
                open_tags.pop()
        elif name not in _VOID and not value.endswith("/>"):
            open_tags.append((name, value))
        current.append(value)
    current.append(html[position:])
    lines.append("".join(current))
    before, *rest = lines
    if rest:  # (its markup only: words before the first line stand on pages without numbers, not laid out)
        rest[0] = re.sub(r"(?<=>)[^<]+|^[^<]+", "", before) + rest[0]
    rest += [""] * (count - len(rest))
    return [Markup(_EMPTY.sub("", _trim(line))) for line in rest]


# White space at a line's edges, inside the elements open there too.
_LEADING = re.compile(r"^((?:<[a-zA-Z][^>]*>)*)\s+")
_TRAILING = re.compile(r"\s+((?:</[a-zA-Z0-9]+>)*)$")


def _trim(line: str) -> str:
    return _TRAILING.sub(r"\1", _LEADING.sub(r"\1", line.strip()))


# An element left empty by a cut (opened again just before the end of a line, or closed at once: the
# white space at a line's edges is trimmed first); an element empty by design (a link named by its
# aria-label) stays, and so does one that holds a space (a tokenised text's `<c> </c>`: "Who is").
_EMPTY = re.compile(r"<(span|a|q|i|em|b|cite|time|data|abbr|ins|del|dfn|sup|sub|u|s|code)\b(?![^>]*aria-label)[^>]*>"
                    r"</\1>")


def render_lines(tx: DiplomaticTransformer, text: etree._Element, layout: PrintLayout) -> dict[etree._Element, Markup]:
    """Each line's HTML, by its `lb`."""
    lines = layout.lines
    with phrasing_only():  # (a line is a span: what a reading page sets as a block is one here too)
        html = cut_lines(str(tx.inline_element(text)), len(lines))
    return {line.element: piece for line, piece in zip(lines, html, strict=True)}

