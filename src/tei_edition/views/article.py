"""The reading page of a document, one per interface language: /{lang}/{document}/."""
from __future__ import annotations

from collections.abc import Iterator

from tei_edition.cite import article_citation
from tei_edition.urls import article_path, source_path
from tei_edition.views.base import DocumentPages, Output, Published


class ArticleView:
    def pages(self, document: DocumentPages) -> Iterator[Output]:
        site, source = document.site, document.source
        for lang in site.config.languages:
            model = document.model(lang)
            cited = article_citation(model.source, lang, model.title_text)
            page = site.page(article_path(lang, document.id), lang, model.title_text,
                             {other: article_path(other, document.id) for other in site.config.languages},
                             site.citation_line(lang, cited), document_id=document.id)
            html = site.render("article.html", page, document=model, article_citation=cited,
                               tei=document.renderer(lang, page.path),
                               source_text=source_path(document.id) if source.config.source else "",
                               source_lang=source.lang)
            yield Output(page.path, html, reading=source.version(lang))

    def anchors(self, document: DocumentPages) -> Iterator[Published]:
        languages, merged = document.site.config.languages, document.source.merged_quotations
        for anchor in document.source.anchors:
            yield Published(anchor, tuple(article_path(lang, document.id) for lang in languages
                                          if anchor.id not in merged.get(lang, ())))
