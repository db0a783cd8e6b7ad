"""The home page: every document, in every interface language: /."""
from __future__ import annotations

from collections.abc import Iterator

from tei_edition.site import Site
from tei_edition.urls import article_path, home_path
from tei_edition.views.base import EditionIndex, Output, Published, has_own_page


class HomeView:
    def pages(self, site: Site, index: EditionIndex) -> Iterator[Output]:
        lang = site.config.languages[0]
        page = site.page(home_path(), lang, site.config.title[lang], {}, site.edition_citation(lang))
        config = site.config
        # Originals with a page of their own (a language without interface strings), beside their translations.
        originals = {doc.id: (article_path(source.lang, doc.id), source.lang) for doc in config.documents
                     if has_own_page(config.languages, (source := index.summaries[lang][doc.id].source).lang,
                                     bool(doc.translations))}
        yield Output(page.path, site.render("home.html", page, documents=index.summaries, originals=originals))

    def anchors(self, site: Site, index: EditionIndex) -> Iterator[Published]:
        return iter(())
