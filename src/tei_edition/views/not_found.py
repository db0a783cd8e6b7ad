"""The page a server shows for a path that has no page: /404.html, in every interface language.

Static hosts serve this file at the address that was asked for, at any depth, so its links cannot
be relative to where it stands: they start from the site's root on its host, the path of the
edition's `base_url` ("/letters/assets/edition.css"), else the host's root ("/assets/edition.css").
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields

from tei_edition.render import Page
from tei_edition.site import Site
from tei_edition.urls import not_found_path, site_root
from tei_edition.views.base import EditionIndex, Output, Published


@dataclass(frozen=True)
class HostRootPage(Page):
    """A page whose links start from the site's root on its host, wherever it is shown."""

    site_root: str = "/"

    @property
    def root(self) -> str:
        return self.site_root

    def url(self, target: str) -> str:
        return self.site_root + target.removesuffix("index.html")

    def absolute(self, target: str) -> str:
        return ""  # shown for addresses that have no page: it has no canonical address of its own


class NotFoundView:
    def pages(self, site: Site, index: EditionIndex) -> Iterator[Output]:
        languages = site.config.languages
        lang = languages[0]
        title = " / ".join(site.config.strings(code)["not_found_title"] for code in languages)
        made = site.page(not_found_path(), lang, title, {}, site.edition_citation(lang))
        page = HostRootPage(**{f.name: getattr(made, f.name) for f in fields(made)},
                            site_root=site_root(site.config.base_url))
        yield Output(page.path, site.render("not_found.html", page))

    def anchors(self, site: Site, index: EditionIndex) -> Iterator[Published]:
        return iter(())
