"""Original and translation side by side, unit by unit: /{lang}/{document}/parallel/ (only for a
document with a translation). Each column speaks its own language, inline labels included."""
from __future__ import annotations

from collections.abc import Iterator

from tei_edition.urls import parallel_path
from tei_edition.views.base import DocumentPages, Output, Published


class ParallelView:
    def pages(self, document: DocumentPages) -> Iterator[Output]:
        site, source = document.site, document.source
        for lang in site.config.languages:
            pair = source.parallel_pair(lang)
            if pair is None:
                return
            path = parallel_path(lang, document.id)
            versions = {code: document.model(code) for code in pair}
            renderers = {code: document.renderer(code, path, anchors=False,
                                                 strings_lang=self.column_strings(site, code)) for code in pair}
            original = versions[source.lang]
            translations = {code: doc for code, doc in versions.items() if code != source.lang}
            reading = document.model(lang)
            page = site.page(path, lang, reading.title_text,
                             {other: parallel_path(other, document.id) for other in site.config.languages},
                             site.citation_line(lang, document.citation(lang, reading)),
                             document_id=document.id)
            blocks = {code: {b.id: b for b in doc.body_units} for code, doc in versions.items()}
            yield Output(path, site.render("parallel.html", page, original=original, translations=translations,
                                           blocks=blocks, original_lang=source.lang, tei=renderers))

    @staticmethod
    def column_strings(site, lang: str) -> str:
        """The interface strings a column in `lang` speaks: its own, or the edition's first language's."""
        return lang if lang in site.config.ui else site.config.languages[0]

    def anchors(self, document: DocumentPages) -> Iterator[Published]:
        if not document.source.translations:
            return
        aligned = document.model(document.own_lang).aligned_ids
        paths = tuple(parallel_path(lang, document.id) for lang in document.site.config.languages)
        for anchor in document.source.anchors:
            if anchor.id in aligned:
                yield Published(anchor, paths)
