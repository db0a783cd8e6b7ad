"""Retired ids and pages as readers meet them (README, "Retired ids and pages"; the data and its
checks: `retirement.py`).

- A retired id stays on every page that publishes its target: the notice of the retirement, placed
  at the start of the target's element, carries the old id, so that `…/#p2` scrolls to `p2a` and
  says why, without JavaScript. It is written into each page's HTML once the page is rendered, so
  that every view (reading, parallel, registers, any view added later) carries its aliases without
  a change of its own.
- A withdrawn document or path leaves a redirect page at each old address (`RedirectView`).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from tei_edition.anchors import Anchor
from tei_edition.errors import Diagnostic, EditionError, read_bytes
from tei_edition.site import Site
from tei_edition.strings import Strings
from tei_edition.urls import (
    absolute_url,
    article_path,
    glossary_path,
    parallel_path,
    print_path,
    redirect_script_path,
)
from tei_edition.views.base import EditionIndex, Output, Published

if TYPE_CHECKING:  # imported only by an edition with retirements (Site.retired)
    from tei_edition.retirement import Retirement

# Elements whose content may not start with a span (or that are links themselves): the notice
# stands just before them instead of inside.
_BEFORE = frozenset({"a", "table", "thead", "tbody", "tfoot", "tr", "ul", "ol", "dl", "img"})
_LANG = re.compile(r'<html lang="([^"]+)"')


def reason(lang: str, entry: Retirement) -> Markup:
    """The reason for readers of `lang`, marked with its own language if it is another."""
    code, text = entry.reason(lang)
    return escape(text) if code == lang else Markup('<span lang="{}">{}</span>').format(code, text)


def notice(strings: Strings, lang: str, entry: Retirement) -> Markup:
    """"Formerly #p2 (2026-11-26): the reason", carrying the old id."""
    strings["retired_notice"].format(id="", date="", why="")  # a wrong placeholder: a located error
    words = Markup(escape(strings["retired_notice"])).format(
        id=entry.old, date=Markup('<time datetime="{0}">{0}</time>').format(entry.date),
        why=reason(lang, entry))
    return Markup('<span class="retired-notice" id="{}" role="note">{}</span>').format(entry.old, words)


def _insert(html: str, target: str, markup: str) -> str:
    """`markup` at the start of the element whose id is `target` (before it, for a table or a list)."""
    match = re.search(r'<([a-z][a-z0-9]*)\b[^<>]*\sid="' + re.escape(target) + r'"[^<>]*>', html)
    if match is None:  # the anchor check says which page lacks the alias
        return html
    at = match.start() if match.group(1) in _BEFORE else match.end()
    return html[:at] + markup + html[at:]


class Aliases:
    """The aliases of one set of pages (a document's, or the edition's own): for each retired id
    whose target those pages publish, an anchor that the same pages carry, and where it stands."""

    def __init__(self, site: Site, published: list[Published]):
        self.site = site
        self.published: list[Published] = []
        self.at: dict[str, dict[str, list[Retirement]]] = {}  # page path -> target id -> retirements
        retired = site.retired
        if retired is None:
            return
        live: dict[tuple[str, str], list[str]] = {}  # an anchor -> every page that carries it (several views)
        for item in published:
            live.setdefault((item.anchor.page, item.anchor.id), []).extend(item.paths)
        for (page, old), entry in retired.ids.items():
            target = retired.final(page, entry.to)
            paths = live.get((page, target))
            if paths is None or (page, old) in live:  # reported by retirement.problems, once for the site
                continue
            self.published.append(Published(Anchor(page, old, retired.meaning(page, old)), tuple(paths),
                                            alias=target))
            for path in paths:
                self.at.setdefault(path, {}).setdefault(target, []).append(entry)

    def apply(self, output: Output) -> Output:
        placed = self.at.get(output.path)
        if not placed or not isinstance(output.content, str):
            return output
        html = output.content
        found = _LANG.search(html)
        lang = found.group(1) if found else self.site.config.languages[0]
        strings = self.site.config.strings(lang if lang in self.site.config.ui else self.site.config.languages[0])
        for target, entries in placed.items():
            html = _insert(html, target, "".join(notice(strings, lang, entry) for entry in entries))
        return replace(output, content=html)


# The pages a document can have, each a path function of (lang, document): a withdrawn document's
# redirect from each leads to the same page of its replacement, or to its reading page.
DOCUMENT_PAGES: tuple[Callable[[str, str], str], ...] = (article_path, parallel_path, print_path, glossary_path)


@dataclass(frozen=True)
class Redirect:
    path: str  # the old address (a site path)
    lang: str
    to: str  # the site path it leads to now
    entry: Retirement
    # A withdrawn document's recorded ids, each with its fragment on the new page ("" where that page
    # has no such id: its link leads to the page).
    links: tuple[tuple[Anchor, str], ...]


def _site_path(template: str, lang: str) -> str:
    """A path of retired.yaml ("{lang}/data/", "/en/old.html") as a site path ("en/data/index.html")."""
    path = template.replace("{lang}", lang).lstrip("/")
    return path + "index.html" if not path or path.endswith("/") else path


def redirects(site: Site, index: EditionIndex) -> list[Redirect]:
    """Every redirect page; a located error if an old address is still built or a new one is not."""
    languages, found, retired = site.config.languages, [], site.retired
    if retired is None:
        return []
    problems: list[Diagnostic] = []
    for entry in retired.pages:
        if entry.kind == "document":
            rows = [a for a in retired.ledger if a.page == entry.old]
            for lang in languages:
                for page_path in DOCUMENT_PAGES:
                    to = page_path(lang, entry.to)
                    to = to if to in index.pages else article_path(lang, entry.to)
                    ids = index.ids.get(to, frozenset())
                    links = tuple((a, a.id if a.id in ids else "") for a in rows)
                    found.append(Redirect(page_path(lang, entry.old), lang, to, entry, links))
            continue
        for lang in languages if "{lang}" in entry.old + entry.to else languages[:1]:
            old, to = _site_path(entry.old, lang), _site_path(entry.to, lang)
            if old in index.pages:
                problems.append(Diagnostic(entry.path, entry.line, f"{old} is retired, but the edition still builds "
                                                                   f"it: remove this retirement, or the page"))
            elif to not in index.pages:
                problems.append(Diagnostic(entry.path, entry.line, f"{entry.old} is retired to {to}, which the "
                                                                   f"edition does not build"))
            else:
                found.append(Redirect(old, lang, to, entry, ()))
    if problems:
        raise EditionError(problems)
    return found


class RedirectView:
    """A redirect page at each retired address: a meta refresh and a visible link to the new page
    (no inline script: the CSP forbids it), its canonical address, `noindex`, the reason, and a
    withdrawn document's recorded ids, each an element linking to the same id on the new page where
    it has it. A meta refresh drops the fragment; `redirect.js` (the site's own, loaded only by these
    pages) follows the old id's link first, so that `old/#p2` lands on `new/#p2` with JavaScript."""

    def pages(self, site: Site, index: EditionIndex) -> Iterator[Output]:
        found = redirects(site, index)
        if not found:
            return
        yield Output(redirect_script_path(), read_bytes(site.templates / "redirect.js"))
        for redirect in found:
            strings = site.config.strings(redirect.lang)
            page = site.page(redirect.path, redirect.lang, strings["moved_title"], {}, site.edition_citation(
                redirect.lang))
            target = page.url(redirect.to)
            yield Output(page.path, site.render(
                "redirect.html", page, target=target, canonical=absolute_url(site.config.base_url, redirect.to),
                script=page.url(redirect_script_path()), why=reason(redirect.lang, redirect.entry),
                date=redirect.entry.date,
                links=[(a.id, target + (f"#{fragment}" if fragment else "")) for a, fragment in redirect.links]))

    def anchors(self, site: Site, index: EditionIndex) -> Iterator[Published]:
        by_anchor: dict[Anchor, list[str]] = {}
        for redirect in redirects(site, index):
            for anchor, _ in redirect.links:
                by_anchor.setdefault(anchor, []).append(redirect.path)
        for anchor, paths in by_anchor.items():
            yield Published(anchor, tuple(paths), alias=anchor.id)
