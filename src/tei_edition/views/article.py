"""The reading page of a document, one per interface language: /{lang}/{document}/."""
from __future__ import annotations

from collections.abc import Iterator

from tei_edition.bibliography import FORMATS
from tei_edition.cite import UnitCitations
from tei_edition.metadata import page_metadata
from tei_edition.urls import (
    absolute_url,
    article_path,
    changes_path,
    citation_file_path,
    data_page_path,
    parallel_path,
    print_path,
    source_path,
)
from tei_edition.views.base import DocumentPages, Output, Published


class ArticleView:
    def pages(self, document: DocumentPages) -> Iterator[Output]:
        site, source = document.site, document.source
        pages = document.reading_pages
        original_page = source.lang if (source.lang, source.lang) in pages or len(pages) > len(site.config.languages) \
            else document.own_lang  # the page that shows the original
        for version, lang in pages:
            model = document.model(version)
            page_strings = site.config.strings(lang)
            cited = document.citation(lang, model)
            path = article_path(version, document.id)
            base = site.config.base_url
            metadata = page_metadata(model, lang, absolute_url(base, path),
                                     absolute_url(base, article_path(original_page, document.id)),
                                     site.config.title[lang], site.build.version)
            page = site.page(path, lang, model.title_text,
                             {other: article_path(other, document.id) for other in site.config.languages},
                             site.citation_line(lang, cited), document_id=document.id, metadata=metadata)
            # The passage in another language: the other interface languages' pages that show another text
            # (an untranslated document shows the same one under every language).
            elsewhere = tuple((other, site.config.strings(other)["language_name"], page.url(other_path))
                              for other, other_path in page.alternates.items()
                              if other != lang and document.model(other).lang != model.lang)
            cite = UnitCitations(model, lang, page_strings, site.config.title[lang], site.build.version,
                                 absolute_url(site.cite_base, page.path), elsewhere)
            data_page = page.url(data_page_path(lang))
            data_links = {table.table: (f"{data_page}#data-{table.name}", page_strings["data_link"])
                          for table in site.data_tables if table.document == document.id}
            html = site.render("article.html", page, document=model, article_citation=cited, data_links=data_links,
                               tei=document.renderer(version, page.path, strings_lang=lang), cite=cite,
                               source_text=source_path(document.id) if source.config.source else "",
                               source_lang=source.lang, concordance=document.concordance(lang),
                               original_view=article_path(original_page, document.id) if model.translation else "",
                               print_view=print_path(lang, document.id) if document.layout else "",
                               parallel_view=parallel_path(lang, document.id) if source.translations else "",
                               changes=changes_path(lang, document.id) if site.compares else "",
                               citation_files=[(name, media_type, citation_file_path(document.id, version, extension))
                                               for extension, (name, media_type) in FORMATS.items()])
            yield Output(page.path, html, reading=source.version(version), version=version)

    def anchors(self, document: DocumentPages) -> Iterator[Published]:
        merged = document.source.original_only
        pages = [(version, article_path(version, document.id)) for version, _ in document.reading_pages]
        every = tuple(path for _, path in pages)  # one tuple for the anchors of every page (thousands of them)
        for anchor in document.source.anchors:
            if any(anchor.id in merged.get(version, ()) for version, _ in pages):
                yield Published(anchor, tuple(path for version, path in pages
                                              if anchor.id not in merged.get(version, ())))
            else:
                yield Published(anchor, every)
