"""The home page: every document, in every interface language: /."""
from __future__ import annotations

from collections.abc import Iterator

from tei_edition.site import Site
from tei_edition.urls import home_path
from tei_edition.views.base import EditionIndex, Output, Published


class HomeView:
    def pages(self, site: Site, index: EditionIndex) -> Iterator[Output]:
        lang = site.config.languages[0]
        page = site.page(home_path(), lang, site.config.title[lang], {}, site.edition_citation(lang))
        yield Output(page.path, site.render("home.html", page, documents=index.summaries))

    def anchors(self, site: Site, index: EditionIndex) -> Iterator[Published]:
        return iter(())
