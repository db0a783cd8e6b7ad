"""Offline link checker for a built static site (stdlib + lxml only).

``check_site_links(site_dir)`` parses every ``*.html`` below *site_dir* with
lxml.html and returns a :class:`LinkReport`:

* ``problems`` -- list of :class:`LinkProblem` (``str()`` gives ``page:line: message``);
* ``links_checked`` -- number of URL references examined (every href/src/...
  value, every ``srcset`` candidate, every CSS ``url()``/``@import``, in pages
  and in local ``.css`` files, local or not);
* ``pages`` -- number of HTML pages parsed.  ``report.ok`` is ``not problems``.

Rules:

* a local URL (no scheme, no host) must resolve to an existing file inside
  *site_dir*; it is percent-decoded, its query is ignored, a path ending in
  ``/`` (or naming a directory) means that directory's ``index.html``, a path
  starting with ``/`` is taken from the site root;
* a fragment (``#x`` or ``other.html#x``) must equal an element ``id`` on the
  target HTML page; an empty fragment (``#``) is a problem; ``#top`` is not
  special;
* every ``id`` must be unique within its page;
* nothing may be loaded from another host: ``src``, ``srcset``, ``poster``,
  ``<object data>``, ``<link rel=stylesheet|icon|preload|modulepreload|
  manifest|...>`` and CSS ``url()``/``@import`` (style attributes, ``<style>``,
  local ``.css`` files) pointing at ``http:``, ``https:``, ``//`` or any other
  URL with a host are problems.  Plain links out (``<a href="https://...">``,
  ``<form action>``, ``cite``) and ``mailto:``/``tel:``/``data:`` are fine.

Not handled: ``<base href>``, ``<meta http-equiv=refresh>``, URLs built by scripts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import lxml.html

from tei_edition.tei import source_line

__all__ = ["LinkProblem", "LinkReport", "check_site_links"]

# Attributes holding one URL.  Those in LOAD_ATTRS make the browser fetch the URL.
URL_ATTRS = ("href", "src", "action", "formaction", "data", "poster", "cite", "xlink:href")
LOAD_ATTRS = {"src", "poster", "srcset"}
LOAD_ELEMENT_ATTRS = {("object", "data"), ("image", "href"), ("image", "xlink:href")}
LOAD_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "mask-icon", "preload",
             "modulepreload", "manifest", "prefetch", "preconnect", "dns-prefetch"}
CSS_URL_RE = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)"""
                        r"""|@import\s+(?:"([^"]*)"|'([^']*)')""", re.I)


@dataclass(frozen=True)
class LinkProblem:
    page: str  # path relative to site_dir, with "/" separators
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line if self.line is not None else '?'}: {self.message}"


@dataclass
class LinkReport:
    problems: list[LinkProblem] = field(default_factory=list)
    links_checked: int = 0
    pages: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def _has_host(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.netloc) or url.startswith("//")


def _is_local(url: str) -> bool:
    return not urlsplit(url).scheme and not url.startswith("//")


def _css_urls(text: str, first_line: int | None):
    for m in CSS_URL_RE.finditer(text):
        url = next(g for g in m.groups() if g is not None).strip()
        line = None if first_line is None else first_line + text.count("\n", 0, m.start())
        yield url, line


class _Checker:
    def __init__(self, site_dir: Path):
        self.root = site_dir.resolve()
        self.report = LinkReport()
        self.ids: dict[Path, set[str]] = {}
        self.links: dict[Path, list[tuple[str, int | None, str, str, bool]]] = {}  # per page, until checked
        self.targets: dict[tuple[Path, str], Path] = {}
        self.files: dict[Path, bool] = {}

    def problem(self, page: Path, line: int | None, message: str) -> None:
        rel = page.relative_to(self.root).as_posix()
        self.report.problems.append(LinkProblem(rel, line, message))

    def parse(self, page: Path) -> None:
        parser = lxml.html.HTMLParser(encoding="utf-8")
        tree = lxml.html.document_fromstring(page.read_bytes(), parser=parser)
        seen: dict[str, int | None] = {}
        for el in tree.iter():
            ident = el.get("id") if isinstance(el.tag, str) else None
            if ident is None:
                continue
            if ident in seen:
                first = seen[ident]
                self.problem(page, source_line(el), f"duplicate id {ident!r} (first at line {first})")
            else:
                seen[ident] = source_line(el)
        self.ids[page] = set(seen)
        self.collect_links(page, tree)

    def target(self, base: Path, path: str) -> Path:
        """The file a link path names (memoised: a site's pages share most of their links)."""
        key = (base.parent, path)
        if key not in self.targets:
            path = unquote(path)
            target = (self.root / path.lstrip("/")) if path.startswith("/") else (base.parent / path)
            if path.endswith("/") or target.is_dir():
                target = target / "index.html"
            self.targets[key] = Path(target).resolve()
        return self.targets[key]

    def is_file(self, path: Path) -> bool:
        if path not in self.files:
            self.files[path] = path.is_file()
        return self.files[path]

    def check_url(self, page: Path, base: Path, line: int | None, url: str,
                  what: str, loads: bool, fragments: bool = True) -> None:
        self.report.links_checked += 1
        url = url.strip()
        if loads and _has_host(url):
            self.problem(page, line, f"{what} loads {url!r} from another host")
            return
        if not _is_local(url):
            return
        parts = urlsplit(url)
        target = self.target(base, parts.path) if parts.path else page
        if not target.is_relative_to(self.root):
            self.problem(page, line, f"{what} {url!r} points outside the site")
            return
        if not self.is_file(target):
            shown = target.relative_to(self.root).as_posix()
            self.problem(page, line, f"{what} {url!r}: {shown!r} does not exist")
            return
        if not fragments or "#" not in url:
            return
        if not parts.fragment:
            self.problem(page, line, f"{what} {url!r} has an empty fragment")
            return
        ids = self.ids.get(target)
        if ids is None:  # not one of the parsed *.html pages: nothing to match
            return
        if parts.fragment not in ids and unquote(parts.fragment) not in ids:
            shown = target.relative_to(self.root).as_posix()
            self.problem(page, line, f"{what} {url!r}: no id {unquote(parts.fragment)!r} in {shown}")

    def check_css(self, owner: Path, base: Path, text: str, line: int | None, what: str) -> None:
        for url, url_line in _css_urls(text, line):
            if url and not url.lower().startswith("data:"):
                self.check_url(owner, base, url_line, url, what, loads=True, fragments=False)

    def check_page(self, page: Path) -> None:
        for kind, line, value, what, loads in self.links.pop(page):
            if kind == "css":
                self.check_css(page, page, value, line, what)
            else:
                self.check_url(page, page, line, value, what, loads)

    def collect_links(self, page: Path, tree: Any) -> None:
        """The page's links, noted while it is parsed (the trees of a large site are not kept)."""
        links: list[tuple[str, int | None, str, str, bool]] = []
        for el in tree.iter():
            if not isinstance(el.tag, str):
                continue
            tag, line = el.tag.lower(), source_line(el)
            rels = set((el.get("rel") or "").lower().split())
            for attr in URL_ATTRS:
                value = el.get(attr)
                if value is None:
                    continue
                loads = (attr in LOAD_ATTRS or (tag, attr) in LOAD_ELEMENT_ATTRS
                         or (tag == "link" and attr == "href" and bool(rels & LOAD_RELS)))
                links.append(("url", line, value, f"<{tag} {attr}>", loads))
            for candidate in (el.get("srcset") or "").split(","):
                if candidate.strip():
                    links.append(("url", line, candidate.split()[0], f"<{tag} srcset>", True))
            if el.get("style"):
                links.append(("css", line, el.get("style"), f"<{tag} style>", True))
            if tag == "style":
                links.append(("css", line, el.text_content(), "<style>", True))
        self.links[page] = links


def check_site_links(site_dir: Path) -> LinkReport:
    """Check every ``*.html`` and ``*.css`` file below *site_dir*; see module doc."""
    checker = _Checker(Path(site_dir))
    pages = sorted(p.resolve() for p in checker.root.rglob("*.html") if p.is_file())
    for page in pages:
        checker.parse(page)
    for page in pages:
        checker.check_page(page)
    for sheet in sorted(p.resolve() for p in checker.root.rglob("*.css") if p.is_file()):
        text = sheet.read_text(encoding="utf-8", errors="replace")
        checker.check_css(sheet, sheet, text, 1, "CSS url()")
    checker.report.pages = len(pages)
    return checker.report
