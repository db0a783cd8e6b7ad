"""The register of archival units cited in the edition's notes: /{lang}/archives/ (only for an
edition whose notes cite archives)."""
from __future__ import annotations

from collections.abc import Iterator

from tei_edition.anchors import register_anchors
from tei_edition.register import build_register
from tei_edition.site import Site
from tei_edition.urls import register_path
from tei_edition.views.base import EditionIndex, Output, Published


class RegisterView:
    def pages(self, site: Site, index: EditionIndex) -> Iterator[Output]:
        if not site.config.repositories:
            return
        for lang in site.config.languages:
            page = site.page(register_path(lang), lang, site.config.strings(lang)["archives_title"],
                             {other: register_path(other) for other in site.config.languages},
                             site.edition_citation(lang))
            documents = index.summaries[lang]
            yield Output(page.path, site.render("archives.html", page, entries=build_register(documents.values()),
                                                documents=documents))

    def anchors(self, site: Site, index: EditionIndex) -> Iterator[Published]:
        paths = tuple(register_path(lang) for lang in site.config.languages)
        for anchor in register_anchors(build_register(index.own.values())):
            yield Published(anchor, paths)
