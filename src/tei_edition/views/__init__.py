"""Page types: each view makes the pages of one kind and says which anchors they publish.

The build runs every document view on each document as it is read, then every edition view on
what the documents left in the index. To add a page type: a view here, its template in
templates/, its path in urls.py, and one line below (README, "Adding a page type").
"""
from __future__ import annotations

from tei_edition.views.article import ArticleView
from tei_edition.views.base import DocumentPages, DocumentView, EditionIndex, EditionView, Output, Published
from tei_edition.views.data import DataView
from tei_edition.views.diplomatic import PrintView
from tei_edition.views.dts import DtsEntryView, DtsView
from tei_edition.views.files import CitationFilesView, StaticFilesView, TeiFilesView
from tei_edition.views.home import HomeView
from tei_edition.views.names import NamesView
from tei_edition.views.not_found import NotFoundView
from tei_edition.views.parallel import ParallelView
from tei_edition.views.prose import ProseView
from tei_edition.views.reference import AbbreviationsView, ChangelogView, GlossaryView
from tei_edition.views.register import RegisterView
from tei_edition.views.releases import ReleaseListView, ReleasesView
from tei_edition.views.retired import RedirectView
from tei_edition.views.search import SearchView
from tei_edition.views.sitemap import SitemapView

DOCUMENT_VIEWS: tuple[DocumentView, ...] = (ArticleView(), ParallelView(), PrintView(), GlossaryView(),
                                           TeiFilesView(), CitationFilesView(), DtsView())
# The stored releases come after every current page but their list and the changelog (which list their archives)
# and the sitemap (which leaves them out): a release's page links the current page of its passage.
EDITION_VIEWS: tuple[EditionView, ...] = (RegisterView(), NamesView(), ProseView(), AbbreviationsView(),
                                         DataView(), HomeView(), NotFoundView(), StaticFilesView(),
                                         SearchView(), DtsEntryView(), ReleasesView(), ReleaseListView(),
                                         ChangelogView(), SitemapView(),
                                         RedirectView())  # after the sitemap: a redirect is no page to index
# What a stored release publishes under v/{version}/ (README, "Releases"): everything a reader opens
# from disk; not its search (Pagefind's index cannot be read from disk), DTS (an API of the current
# site), a 404 page or a sitemap.
RELEASE_DOCUMENT_VIEWS: tuple[DocumentView, ...] = DOCUMENT_VIEWS[:-1]
RELEASE_EDITION_VIEWS: tuple[EditionView, ...] = (RegisterView(), NamesView(), ProseView(), AbbreviationsView(),
                                                 ChangelogView(), DataView(), HomeView(), StaticFilesView())

__all__ = ["DOCUMENT_VIEWS", "EDITION_VIEWS", "RELEASE_DOCUMENT_VIEWS", "RELEASE_EDITION_VIEWS", "DocumentPages",
           "EditionIndex", "Output", "Published"]
