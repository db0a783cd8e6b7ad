"""For search engines: /sitemap.xml (every reading page, at its published address, with its
language alternates) and /robots.txt (which points to it). Made last, from the pages made before."""
from __future__ import annotations

from collections.abc import Iterator
from html import escape

from tei_edition.site import Site
from tei_edition.urls import RELEASES_FOLDER, absolute_url, robots_path, sitemap_path
from tei_edition.views.base import EditionIndex, Output, Published

NOT_LISTED = ("404.html",)  # pages that are not content
# A stored release's pages stay at their address for those who cite them; search engines are given
# the current pages (each release's page names its current page as canonical).
UNLISTED_FOLDERS = (f"{RELEASES_FOLDER}/",)


class SitemapView:
    def pages(self, site: Site, index: EditionIndex) -> Iterator[Output]:
        base = site.config.base_url
        languages = site.config.languages
        lines = ["User-agent: *", "Allow: /"]
        if base:  # a sitemap's addresses are absolute: only for an edition that says where it is published
            entries = []
            for path in sorted(p for p in index.pages if p.endswith(".html") and p not in NOT_LISTED
                               and not p.startswith(UNLISTED_FOLDERS)):
                alternates = [f"{lang}/{path.split('/', 1)[1]}" for lang in languages
                              if path.split("/", 1)[0] in languages and "/" in path]
                links = "".join(f'\n    <xhtml:link rel="alternate" hreflang="{escape(other.split("/")[0])}" '
                                f'href="{escape(absolute_url(base, other))}"/>'
                                for other in alternates if other in index.pages)
                entries.append(f"  <url>\n    <loc>{escape(absolute_url(base, path), quote=False)}</loc>\n"
                               f"    <lastmod>{site.build.date}</lastmod>{links}\n  </url>\n")
            yield Output(sitemap_path(), '<?xml version="1.0" encoding="UTF-8"?>\n'
                         '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                         'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' + "".join(entries) + "</urlset>\n")
            lines.append(f"Sitemap: {absolute_url(base, sitemap_path())}")
        yield Output(robots_path(), "\n".join(lines) + "\n")

    def anchors(self, site: Site, index: EditionIndex) -> Iterator[Published]:
        return iter(())
