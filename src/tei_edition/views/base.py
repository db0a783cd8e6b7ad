"""What a view is, and what it is given.

A document view makes pages of one document (`pages(document)`); an edition view makes pages
from what every document left in the `EditionIndex` (home, register, prose). Both say which
anchors their pages publish (`anchors`), for the ledger and the anchor check.
"""
from __future__ import annotations

from collections.abc import Container, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

from lxml import etree
from markupsafe import Markup

from tei_edition.anchors import Anchor
from tei_edition.cite import article_citation, csl_of
from tei_edition.diplomatic import ConcordanceRow, PrintLayout, Units, concordance, print_layout
from tei_edition.documents import SourceDocument
from tei_edition.errors import Diagnostic
from tei_edition.inline import PageContext
from tei_edition.linkcheck import PageFacts
from tei_edition.model import Document, DocumentSummary
from tei_edition.places import original_info
from tei_edition.renderer import ROOT, PortableRenderer, Renderer
from tei_edition.site import Site
from tei_edition.transform import build_document
from tei_edition.urls import article_path, folder_link, print_path, register_path, relative_url, root_of


@dataclass(frozen=True)
class Output:
    """One file of the site."""

    path: str  # site path
    content: str | bytes
    reading: tuple[etree._ElementTree, Path] | None = None  # the TEI whose whole text this page shows (checked)
    facts: PageFacts | None = None  # an HTML page checked already (a stored release's): what the link check needs
    version: str = ""  # a reading page: the version it shows, as DocumentPages.model names it ("": its language's)


@dataclass(frozen=True, slots=True)  # one per anchor: kept until the checks at the end
class Published:
    """An anchor, and the pages that carry it as an id."""

    anchor: Anchor
    paths: tuple[str, ...]
    alias: str = ""  # a retired id: the id it stands at now (README, "Retired ids and pages")


def has_own_page(languages: Container[str], original_lang: str, translated: bool) -> bool:
    """Whether a document's original has a reading page of its own: it is translated, and its
    language has no interface strings (else that interface's page shows it)."""
    return translated and original_lang not in languages


class DocumentPages:
    """One document as its views see it: the source, the model of each version made once, and
    renderers of its content for each kind of page."""

    def __init__(self, site: Site, source: SourceDocument):
        self.site = site
        self.source = source
        self._models: dict[str, Document] = {}
        self._renderers: dict[tuple, Renderer] = {}
        self._portables: dict[tuple[str, str], PortableRenderer] = {}

    @property
    def id(self) -> str:
        return self.source.id

    @property
    def own_lang(self) -> str:
        """The interface language closest to the document's own: its own if the edition speaks it."""
        languages = self.site.config.languages
        return self.source.lang if self.source.lang in languages else languages[0]

    @property
    def reading_pages(self) -> list[tuple[str, str]]:
        """(version, interface language) of each reading page: one per interface language (showing its
        translation, else the original), and the original's own page where it has one
        (`has_own_page`: a Hebrew letter in an English edition, /he/<doc>/, in the strings of the
        edition's first language), so that the original is read somewhere, not only in parallel."""
        languages, own = self.site.config.languages, self.source.lang
        return [(lang, lang) for lang in languages] + \
            ([(own, languages[0])] if has_own_page(languages, own, bool(self.source.translations)) else [])

    def model(self, lang: str) -> Document:
        """The model of the version readers of `lang` see (its translation into `lang`, else the original)."""
        if lang not in self._models:
            source = self.source
            tree, path = source.version(lang)
            original = None
            if tree is not source.tree:
                original = (source.tree, original_info(source.tree, source.config.tei, source.refs))
            self._models[lang] = build_document(tree, path, source.id, source.refs, original, page_lang=lang,
                                                documents_by_id=self.site.documents_by_id)
        return self._models[lang]

    def renderer(self, lang: str, page_path: str, anchors: bool = True, strings_lang: str | None = None) -> Renderer:
        """The HTML of the `lang` version's content on the page at `page_path` (links relative to it),
        in the interface strings of `strings_lang` (default: `lang`); shared by pages of one kind."""
        root = root_of(page_path)
        strings_lang = strings_lang or lang
        # A page that carries the print pages' ids (a reading page) links each to the print view.
        printed = relative_url(page_path, print_path(strings_lang, self.source.id)) if anchors and self.layout else ""
        key = (lang, root, anchors, strings_lang, printed)
        if key not in self._renderers:
            self._renderers[key] = Renderer(self._portable(lang, strings_lang), self._context(lang, strings_lang,
                                                                                              root, anchors, printed))
        return self._renderers[key]

    def context(self, lang: str, page_path: str, anchors: bool = True) -> PageContext:
        """What content on the page at `page_path` depends on, in the interface language `lang`."""
        return self._context(lang, lang, root_of(page_path), anchors)

    def _context(self, lang: str, strings_lang: str, root: str, anchors: bool, printed: str = "") -> PageContext:
        original = folder_link(article_path(self.source.lang, self.source.id))
        return PageContext(self.site.config.strings(strings_lang), root, anchors, root + original,
                           root + folder_link(register_path(lang)), strings_lang, printed,
                           names=self.site.config.registers is not None,
                           reading_href=root + folder_link(article_path(lang, self.source.id)),
                           documents=self.site.documents_by_file, documents_by_id=self.site.documents_by_id)

    @cached_property
    def layout(self) -> PrintLayout | None:
        """The print's pages and lines (None for a document that is not printed: README, "The print view")."""
        return print_layout(self.source.tree)

    def concordance(self, lang: str) -> tuple[ConcordanceRow, ...]:
        """Per print page, the units and notes of the version readers of `lang` see (none if not printed)."""
        return concordance(self.layout, Units(self.model(lang))) if self.layout else ()

    def _portable(self, lang: str, strings_lang: str) -> PortableRenderer:
        """The version's content rendered once for every kind of page (marks where pages differ)."""
        if (lang, strings_lang) not in self._portables:
            self._portables[(lang, strings_lang)] = PortableRenderer(
                self.model(lang), self._context(lang, strings_lang, ROOT, anchors=True))
        return self._portables[(lang, strings_lang)]

    @property
    def models(self) -> list[Document]:
        return list(self._models.values())

    def citation(self, lang: str, version: Document) -> Markup:
        """The printed article (else the document) as readers of `lang` cite it, `version` giving the title."""
        return article_citation(version.source, lang, csl_of(self.site.config.strings(lang)), version.title_text)

    def prepare(self) -> None:
        """Make now what every kind of page shares (each version's model, its portable rendering and
        its citation in every interface language), so that processes forked from here share them
        too; none of it needs a template."""
        original = self.model(self.source.lang)
        for lang in self.site.config.languages:
            self._portable(lang, lang)
            self.citation(lang, self.model(lang))
            self.citation(lang, original)


@dataclass
class EditionIndex:
    """What the edition views need of the documents, once their own pages are made."""

    summaries: dict[str, dict[str, DocumentSummary]] = field(default_factory=dict)  # lang -> doc id -> summary
    own: dict[str, DocumentSummary] = field(default_factory=dict)  # doc id -> in its own language, if spoken
    media: dict[str, Path] = field(default_factory=dict)  # site path -> image file to copy
    pages: set[str] = field(default_factory=set)  # every file made so far (for the sitemap, made last)
    # Each part of the search index (its entry file's site path), the search page's bundle first; none
    # when the reading pages have no passages to search.
    search_parts: tuple[str, ...] = ()
    # The passages of the reading pages, for the changes between releases (only an edition with stored
    # releases keeps them): page folder ("ru/doc/") -> unit id -> (its label, its words).
    passages: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    archives: dict[str, tuple[str, int, str]] = field(default_factory=dict)  # version -> (path, size, SHA-256)
    warnings: set[Diagnostic] = field(default_factory=set)  # of the edition views (a stored release's pages)
    ids: Mapping[str, Container[str]] = field(default_factory=dict)  # site path -> the ids of that page
    datasets: dict[str, Any] = field(default_factory=dict)  # table name -> views.data.Dataset, read with its document


class DocumentView(Protocol):
    def pages(self, document: DocumentPages) -> Iterator[Output]: ...

    def anchors(self, document: DocumentPages) -> Iterator[Published]: ...


class EditionView(Protocol):
    def pages(self, site: Site, index: EditionIndex) -> Iterator[Output]: ...

    def anchors(self, site: Site, index: EditionIndex) -> Iterator[Published]: ...
