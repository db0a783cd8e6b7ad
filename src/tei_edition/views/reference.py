"""Pages that explain the edition from its data, beside its prose pages: the abbreviations the
texts use (/{lang}/abbreviations/, from `abbreviations:`), the changelog (/{lang}/changelog/, from
`changelog:`), and each document's glossary (/{lang}/{document}/glossary/, from the glossary of
its translation's TEI: `div type="glossary"`). An edition without that data has none of them."""
from __future__ import annotations

import re
from collections.abc import Iterator

from tei_edition.site import Site
from tei_edition.urls import (
    abbreviations_path,
    article_path,
    changelog_path,
    changes_path,
    glossary_path,
    release_path,
)
from tei_edition.views.base import DocumentPages, EditionIndex, Output, Published


def glossaries(site: Site, index: EditionIndex) -> tuple[str, ...]:
    """The documents some version of which has a glossary, in the edition's order."""
    return tuple(doc.id for doc in site.config.documents
                 if any(by_doc[doc.id].glossary for by_doc in index.summaries.values() if doc.id in by_doc))


def unit_label(strings: dict, unit: str) -> str:
    """How a page names a unit an abbreviation's full form comes from: "¶ 6" for p6, else its id."""
    match = re.fullmatch(r"p([0-9]+)", unit)
    return str(strings["names_in_paragraph"].format(number=int(match[1]))) if match else unit


class AbbreviationsView:
    def pages(self, site: Site, index: EditionIndex) -> Iterator[Output]:
        if site.config.abbreviations is None:
            return
        entries = site.abbreviations
        documents = {doc_id: article_path(summary.lang, doc_id) for doc_id, summary in index.own.items()}
        for lang in site.config.languages:
            strings = site.config.strings(lang)
            page = site.page(abbreviations_path(lang), lang, strings["abbreviations_title"],
                             {other: abbreviations_path(other) for other in site.config.languages},
                             site.edition_citation(lang))
            yield Output(page.path, site.render("abbreviations.html", page, entries=entries, documents=documents,
                                                unit_label=unit_label,
                                                guide=site.guide(lang, glossaries(site, index))))

    def anchors(self, site: Site, index: EditionIndex) -> Iterator[Published]:
        return iter(())


class ChangelogView:
    def pages(self, site: Site, index: EditionIndex) -> Iterator[Output]:
        if site.config.changelog is None:
            return
        releases = site.changelog
        stored = {release.version: release_path(release.version, "index.html") for release in site.releases}
        for lang in site.config.languages:
            page = site.page(changelog_path(lang), lang, site.config.strings(lang)["changelog_title"],
                             {other: changelog_path(other) for other in site.config.languages},
                             site.edition_citation(lang))
            changes = [(summary.title_text, changes_path(lang, doc_id))
                       for doc_id, summary in index.summaries[lang].items()] if site.compares else []
            yield Output(page.path, site.render("changelog.html", page, releases=releases, stored=stored,
                                                archives=index.archives, changes=changes,
                                                guide=site.guide(lang, glossaries(site, index))))

    def anchors(self, site: Site, index: EditionIndex) -> Iterator[Published]:
        return iter(())


class GlossaryView:
    """A document's glossaries, one page per interface language: each version's glossary in its own
    language (a translation's glossary explains the original's words), the page in the reader's."""

    def pages(self, document: DocumentPages) -> Iterator[Output]:
        site = document.site
        languages = site.config.languages
        versions = [code for code in (document.source.lang, *document.source.translations)
                    if document.model(code).glossary]
        if not versions:
            return
        for lang in languages:
            path = glossary_path(lang, document.id)
            reading = document.model(lang)
            page = site.page(path, lang, site.config.strings(lang)["glossary"],
                             {other: glossary_path(other, document.id) for other in languages},
                             site.edition_citation(lang), document_id=document.id)
            yield Output(path, site.render(
                "glossary.html", page, document=reading,
                glossaries=[(code, document.model(code), document.renderer(code, path, anchors=False,
                                                                           strings_lang=lang)) for code in versions],
                guide=site.guide(lang, (document.id,))))

    def anchors(self, document: DocumentPages) -> Iterator[Published]:
        return iter(())
