"""The print as it was laid out: /{lang}/{document}/print/ (only for a printed document: README,
"The print view"). Page by page and line by line, from the same TEI as the reading page: each line
numbered on its page and linked to its unit on the reading page, the notes at the foot of their
page, the running head as furniture, and the page concordance."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from markupsafe import Markup

from tei_edition.anchors import Anchor
from tei_edition.diplomatic import Entry, PrintLine, PrintNote, PrintPage, Units
from tei_edition.diplomatic_html import DiplomaticTransformer, render_lines
from tei_edition.tei import NS
from tei_edition.urls import article_path, print_path, source_path
from tei_edition.views.base import DocumentPages, Output, Published


@dataclass(frozen=True)
class ShownLine:
    line: PrintLine
    html: Markup
    unit: Entry
    first: bool  # the unit's first line on this page: its label is shown beside it


@dataclass(frozen=True)
class ShownNote:
    note: PrintNote
    html: Markup  # what it prints ("" for a lost note)
    unit: Entry


@dataclass(frozen=True)
class ShownPage:
    page: PrintPage
    lines: tuple[ShownLine, ...]
    notes: tuple[ShownNote, ...]
    furniture: tuple[Markup, ...]


class PrintView:
    def pages(self, document: DocumentPages) -> Iterator[Output]:
        layout, site, source = document.layout, document.site, document.source
        if layout is None:
            return
        text = source.tree.getroot().find("t:text", NS)
        assert text is not None  # a layout is made only from a text with pages and lines
        original = document.model(source.lang)
        for lang in site.config.languages:
            path = print_path(lang, document.id)
            tx = DiplomaticTransformer(source.config.tei, source.refs, document.context(lang, path, anchors=False),
                                       layout)
            html = render_lines(tx, text, layout)
            units = Units(document.model(lang))
            shown = []
            for page in layout.pages:
                entries = [units.of_line(line) for line in page.lines]
                lines = tuple(ShownLine(line, html[line.element], entry, n == 0 or entries[n - 1] != entry)
                              for n, (line, entry) in enumerate(zip(page.lines, entries, strict=True)))
                notes = tuple(ShownNote(note, Markup("") if note.lost else tx.note_text(note), units.of_note(note))
                              for note in page.notes)
                shown.append(ShownPage(page, lines, notes, tuple(tx.inline(fw) for fw in page.furniture)))
            strings = site.config.strings(lang)
            page_ = site.page(path, lang, f"{strings['print_view']}: {original.title_text}",
                              {other: print_path(other, document.id) for other in site.config.languages},
                              site.citation_line(lang, document.citation(lang, original)),
                              document_id=document.id)
            yield Output(path, site.render("print.html", page_, document=original, pages=shown,
                                           concordance=document.concordance(lang),
                                           reading=page_.url(article_path(lang, document.id)),
                                           source_text=source_path(document.id) if source.config.source else "",
                                           source_lang=source.lang, translation=document.model(lang).translation))

    def anchors(self, document: DocumentPages) -> Iterator[Published]:
        """The print pages (the same ids as the reading page's page markers), each line and each note at
        a page's foot, with what they mean as print locators (README, "Stable anchors")."""
        if document.layout is None:
            return
        paths = tuple(print_path(lang, document.id) for lang in document.site.config.languages)
        for page in document.layout.pages:
            yield Published(Anchor(document.id, page.id, f"p. {page.number}"), paths)
            for line in page.lines:
                yield Published(Anchor(document.id, line.id, f"p. {page.number}, l. {line.number}"), paths)
            for note in page.notes:
                yield Published(Anchor(document.id, note.line_id, f"p. {page.number}, note {note.printed}"), paths)
