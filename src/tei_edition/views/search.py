"""The search page of each interface language, /{lang}/search/: a form, and (with JavaScript)
the passages Pagefind finds in that language's reading pages (search.py makes the index)."""
from __future__ import annotations

from collections.abc import Iterator

from tei_edition.site import Site
from tei_edition.urls import article_path, home_path, search_bundle_path, search_path
from tei_edition.views.base import EditionIndex, Output, Published


class SearchView:
    def pages(self, site: Site, index: EditionIndex) -> Iterator[Output]:
        languages = site.config.languages
        documents = site.config.documents
        for lang in languages:
            strings = site.config.strings(lang)
            page = site.page(search_path(lang), lang, strings["search_title"],
                             {other: search_path(other) for other in languages}, site.edition_citation(lang))
            # Without JavaScript: the contents of the one document, or the list of all of them.
            contents = article_path(lang, documents[0].id) if len(documents) == 1 else home_path()
            anchor = "#wayfinding-title" if len(documents) == 1 else ""
            yield Output(page.path, site.render("search.html", page, searchable=bool(index.search_parts),
                                                bundle=search_bundle_path("pagefind.js"),
                                                parts=index.search_parts[1:],
                                                contents=page.url(contents) + anchor,
                                                filters=self.filters(site, index, lang)))

    @staticmethod
    def filters(site: Site, index: EditionIndex, lang: str) -> list[tuple[str, list[tuple[str, str]]]]:
        """What results can be narrowed to, as (kind, [(value, label)]): a document (of several),
        an entry of each register (the search page's script filters by them)."""
        found = []
        summaries = index.summaries.get(lang, {})
        if len(summaries) > 1:
            found.append(("document", sorted(((f"document:{doc_id}", summary.title_text) for doc_id, summary in
                                              summaries.items()), key=lambda item: item[1].casefold())))
        registers = site.registers
        if registers is not None:
            for kind in registers.kinds:
                entries = [(f"{kind}:{entity.id}", entity.name(lang)) for entity in registers.of_kind(kind, lang)]
                if entries:
                    found.append((kind, entries))
        return found

    def anchors(self, site: Site, index: EditionIndex) -> Iterator[Published]:
        return iter(())
