"""A document version's content as HTML for the pages that show it: rendered once for every kind of
page (`PortableRenderer`, by the rule table's `Transformer`), with marks (`inline.MARK`) where a page
differs, then finished for each page (`Renderer`): its ids kept or dropped, its print-page markers,
its way to the site root."""
from __future__ import annotations

import html
import re
from pathlib import Path

from markupsafe import Markup

from tei_edition.inline import MARK, PART, PageContext, Transformer
from tei_edition.model import Document
from tei_edition.tei import PageNumber
from tei_edition.units import Content

ROOT = f"{MARK}R{MARK}"  # stands for the way from the page to the site root
_MARKED = re.compile(f"{MARK}([iapRh])([^{MARK}]*){MARK}")


class PortableRenderer:
    """The HTML of one document version's content, in the interface strings of one language, for
    every kind of page at once: each `Content` is rendered once, with marks where a page differs
    (its ids, its print-page markers, its way to the site root); `Renderer` finishes it for a page."""

    def __init__(self, document: Document, page: PageContext):
        notes = document.note_of
        original = document.original
        self.own = Transformer(document.tei, document.refs, original, page, notes, portable=True)
        # The original's own content in a translation's model (the author's summary): as the original's.
        self.of_original = Transformer(document.tei.parent / original.file, original.refs, None, page, notes,
                                       portable=True) if original else self.own
        self.memo: dict[Content, str] = {}

    def __call__(self, content: Content) -> str:
        if content not in self.memo:
            self.memo[content] = str((self.of_original if content.of_original else self.own).render(content))
        return self.memo[content]


class Renderer:
    """The HTML of one document version's content on pages of one kind: its portable HTML,
    finished for the page (the parallel views of every interface language share their columns')."""

    def __init__(self, portable: PortableRenderer, page: PageContext):
        self.portable = portable
        self.page = page
        self.markers = Transformer(Path(), {}, page=page)  # writes the page's print-page markers
        self.memo: dict[Content, Markup] = {}

    def _finish(self, match: re.Match[str]) -> str:
        kind, value = match.group(1), match.group(2)
        if kind == "i":
            return self.markers.id_attribute(value)
        if kind == "a":
            return self.markers.anchor_html(value)
        if kind == "R":
            return self.page.root
        if kind == "h":  # a link to an id: on this page, or where the version's ids are
            return self.markers.id_href(value)
        number, _, rest = value[1:].partition(PART)
        image, _, anchor = rest.partition(PART)
        shown = PageNumber.at(html.unescape(number), html.unescape(anchor)) if anchor else html.unescape(number)
        return self.markers.pagebreak_html(shown, value[0] == "1", html.unescape(image), own=value[0] != "2")

    def __call__(self, content: Content | None) -> Markup:
        if content is None:
            return Markup("")
        if content not in self.memo:
            portable = self.portable(content)
            self.memo[content] = Markup(_MARKED.sub(self._finish, portable) if MARK in portable else portable)
        return self.memo[content]

    def pages(self, numbers: tuple[str, ...], approximate: bool = False, facsimiles: tuple[str, ...] = ()) -> Markup:
        """Print page markers that stand between blocks (each linked to its image, if it has one)."""
        images = facsimiles or ("",) * len(numbers)
        return Markup("".join(self.markers.pagebreak_html(n, approximate, image)
                              for n, image in zip(numbers, images, strict=True)))

    def front_pages(self, pages: tuple[tuple[str, bool, str], ...]) -> Markup:
        """The markers of the pages that begin before the title: (page, approximate, its image)."""
        return Markup("".join(self.markers.pagebreak_html(n, approximate, image) for n, approximate, image in pages))
