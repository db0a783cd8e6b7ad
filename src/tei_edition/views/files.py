"""Files published as they are: each document's TEI (/tei/{document}.xml, and .{lang}.xml for a
translation), the source text a printed document was encoded from (/source/{document}.txt: a
reader can verify the fidelity claim), the images its TEI shows (/media/), the templates' assets
(/assets/; the icon that browsers ask for at the root, /favicon.ico, from assets/favicon.ico; the
fonts are the build's last files, subset from templates/fonts/: `fonts`); and
each document version's records for reference managers (/cite/{document}.{lang}.json, .bib, .ris)."""
from __future__ import annotations

from collections.abc import Iterator

from tei_edition.bibliography import citation_files
from tei_edition.errors import read_bytes
from tei_edition.site import Site
from tei_edition.urls import absolute_url, article_path, citation_file_path, favicon_path, source_path, tei_path
from tei_edition.views.base import DocumentPages, EditionIndex, Output, Published


class TeiFilesView:
    def pages(self, document: DocumentPages) -> Iterator[Output]:
        config = document.source.config
        yield Output(tei_path(document.id), read_bytes(config.tei))
        for lang, path in config.translations.items():
            yield Output(tei_path(document.id, lang), read_bytes(path))
        if config.source is not None:
            yield Output(source_path(document.id), read_bytes(config.source))

    def anchors(self, document: DocumentPages) -> Iterator[Published]:
        return iter(())


class CitationFilesView:
    def pages(self, document: DocumentPages) -> Iterator[Output]:
        site = document.site
        # One set per reading page: an original whose language has no interface strings has its own
        # (/he/<doc>/), which cites the original, not the translation.
        for version, lang in document.reading_pages:
            files = citation_files(document.model(version), site.config.title[lang], site.build.version,
                                   absolute_url(site.cite_base, article_path(version, document.id)),
                                   site.build.cited_date)
            for extension, text in files.items():
                yield Output(citation_file_path(document.id, version, extension), text)

    def anchors(self, document: DocumentPages) -> Iterator[Published]:
        return iter(())


class StaticFilesView:
    def pages(self, site: Site, index: EditionIndex) -> Iterator[Output]:
        for site_path, image in sorted(index.media.items()):
            yield Output(site_path, read_bytes(image))
        assets = site.templates / "assets"
        for asset in sorted(p for p in assets.rglob("*") if p.is_file()):
            name = asset.relative_to(assets).as_posix()
            yield Output(favicon_path() if name == "favicon.ico" else f"assets/{name}", read_bytes(asset))

    def anchors(self, site: Site, index: EditionIndex) -> Iterator[Published]:
        return iter(())
