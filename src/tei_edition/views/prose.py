"""The edition's prose pages, from Markdown in edition/pages/: /{lang}/{slug}/."""
from __future__ import annotations

from collections.abc import Iterator

from tei_edition.site import Site
from tei_edition.views.base import EditionIndex, Output, Published
from tei_edition.views.reference import glossaries


class ProseView:
    def pages(self, site: Site, index: EditionIndex) -> Iterator[Output]:
        for lang in site.config.languages:
            for prose in (p for p in site.prose if p.lang == lang):
                page = site.page(prose.path, lang, prose.title,
                                 {p.lang: p.path for p in site.prose if p.slug == prose.slug},
                                 site.edition_citation(lang))
                yield Output(page.path, site.render("prose.html", page, html=prose.html,
                                                    guide=site.guide(lang, glossaries(site, index))))

    def anchors(self, site: Site, index: EditionIndex) -> Iterator[Published]:
        return iter(())
