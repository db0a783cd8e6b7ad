"""Offline link checker for a built static site (stdlib + lxml only).

``check_site_links(site_dir)`` parses every ``*.html`` below *site_dir* with
lxml (`parse_page`) and returns a :class:`LinkReport`:

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

import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from lxml import etree

from tei_edition.tei import source_line

__all__ = ["LinkProblem", "LinkReport", "PageFacts", "SiteLinks", "check_site_links", "page_facts"]

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
    if "//" not in url:  # no host without "//" (the quick answer for most links)
        return False
    return bool(urlsplit(url).netloc) or url.startswith("//")


def _is_local(url: str) -> bool:
    if ":" not in url:  # no scheme without ":"
        return not url.startswith("//")
    return not urlsplit(url).scheme and not url.startswith("//")


def _path_and_fragment(url: str) -> tuple[str, str]:
    """A URL's path and fragment, as urlsplit gives them (split by hand for a relative link, most
    of a site's: a page has hundreds, and urlsplit is the check's costliest call)."""
    if ":" in url or "//" in url:
        parts = urlsplit(url)
        return parts.path, parts.fragment
    head, _, fragment = url.partition("#")
    return head.partition("?")[0], fragment


def _css_urls(text: str, first_line: int | None):
    for m in CSS_URL_RE.finditer(text):
        url = next(g for g in m.groups() if g is not None).strip()
        line = None if first_line is None else first_line + text.count("\n", 0, m.start())
        yield url, line


Link = tuple[str, "int | None", str, str, bool]  # (kind "url"/"css", line, value, what, loads)


@dataclass(frozen=True)
class PageFacts:
    """What the checks need of one parsed page, made where the page is parsed (a build's worker):
    its ids, its own problems (duplicate ids, loads from other hosts, empty or missing fragments on
    the page itself) and its links to other files, each distinct link once, at its first line."""

    ids: frozenset[str]
    problems: tuple[tuple[int | None, str], ...]
    links: tuple[tuple[str, int | None, str, int], ...]  # (url, first line, what, occurrences)
    checked: int  # URL references examined on the page


def parse_page(content: bytes) -> Any:
    """A page's HTML parsed (UTF-8, as its <meta charset> says) into plain lxml elements: the
    classes of lxml.html cost a Python lookup for every element met, and nothing here needs them."""
    root = etree.fromstring(content, etree.HTMLParser(encoding="utf-8"))
    return root if root is not None else etree.fromstring(b"<html></html>", etree.HTMLParser())


def page_facts(tree: Any) -> PageFacts:
    """The facts of a page (`parse_page`)."""
    problems: list[tuple[int | None, str]] = []
    found: Any = _IDS(tree)
    ids = frozenset(str(ident) for ident in found)
    if len(ids) < len(found):  # the lines only where there is a duplicate to report
        seen: dict[str, int | None] = {}
        for ident in found:
            if ident in seen:
                problems.append((source_line(ident.getparent()),
                                 f"duplicate id {str(ident)!r} (first at line {seen[ident]})"))
            else:
                seen[ident] = source_line(ident.getparent())
    checked = 0
    links: dict[tuple[str, str], list] = {}

    def url(line: int | None, value: str, what: str, loads: bool) -> None:
        nonlocal checked
        checked += 1
        value = value.strip()
        if value.startswith("#") and len(value) > 1 and value[1:] in ids:
            return  # most links of a page: to an id on the page itself
        if loads and _has_host(value):
            problems.append((line, f"{what} loads {value!r} from another host"))
        elif not _is_local(value):
            return
        elif "#" in value and not _path_and_fragment(value)[1]:
            problems.append((line, f"{what} {value!r} has an empty fragment"))
        elif value.startswith("#") or not value:
            fragment = unquote(value[1:])
            if value and value[1:] not in ids and fragment not in ids:
                problems.append((line, f"{what} {value!r}: no id {fragment!r} in {{page}}"))
        elif (value, what) in links:
            links[(value, what)][1] += 1
        else:
            links[(value, what)] = [line, 1]

    for kind, line, value, what, loads in _links(tree, ids):
        if kind == "self":
            checked += 1
        elif kind == "again":
            checked += 1
            if (value.strip(), what) in links:
                links[(value.strip(), what)][1] += 1
        elif kind == "css":
            for css_url, css_line in _css_urls(value, line):
                if css_url and not css_url.lower().startswith("data:"):
                    url(css_line, css_url, what, True)
        else:
            url(line, value, what, loads)
    return PageFacts(ids, tuple(problems), tuple((value, line, what, count)
                                                 for (value, what), (line, count) in links.items()), checked)


# Found by libxml2 rather than by visiting every element: every id, and every value that can hold
# a URL (in document order), with the element that carries it.
_IDS = etree.XPath("//@id")
_URL_VALUES = etree.XPath("|".join(f"//@{a}" for a in (*URL_ATTRS[:-1], "srcset", "style"))
                          + "|//svg/descendant-or-self::*/@*[name()='xlink:href']|//style")  # xlink: only in SVG


def _links(tree: Any, ids: frozenset[str] = frozenset()) -> Iterator[Link]:
    """Every URL reference of a page, in document order; a link to one of `ids` on the page itself
    is only counted ("self": most links of a page, and the element need not be looked at)."""
    found: Any = _URL_VALUES(tree)
    local: dict[tuple[str, str], str] = {}  # (value, attribute) of the local links seen -> what
    for item in found:
        if isinstance(item, etree._Element):  # <style>: its text
            yield "css", source_line(item), "".join(str(part) for part in item.itertext()), "<style>", True
            continue
        value, attr = str(item), item.attrname
        if value[:1] == "#" and value[1:] in ids and attr not in ("srcset", "style"):
            yield "self", None, value, "", False
            continue
        if attr not in ("srcset", "style") and "//" not in value:
            if (value, attr) in local:  # a local link seen on the page already: counted with the first
                yield "again", None, value, local[(value, attr)], False
                continue
        el = item.getparent()
        tag, line = el.tag.lower(), source_line(el)
        if attr == "srcset":
            for candidate in value.split(","):
                if candidate.strip():
                    yield "url", line, candidate.split()[0], f"<{tag} srcset>", True
        elif attr == "style":
            yield "css", line, value, f"<{tag} style>", True
        else:
            loads = (attr in LOAD_ATTRS or (tag, attr) in LOAD_ELEMENT_ATTRS
                     or (tag == "link" and attr == "href"
                         and bool(set((el.get("rel") or "").lower().split()) & LOAD_RELS)))
            if "//" not in value:
                local[(value, attr)] = f"<{tag} {attr}>"
            yield "url", line, value, f"<{tag} {attr}>", loads


# How many places of one broken link are reported by name; the others are counted.
SHOWN_PER_TARGET = 5


class PageIds:
    """The ids of one page, in little memory: a large edition keeps every page's until its last link
    is checked (a set of a reading page's 600 ids takes 30 KB; one string of them, a sixth of that)."""

    __slots__ = ("_joined",)

    def __init__(self, ids: Iterable[str]) -> None:
        self._joined = "\0" + "\0".join(ids) + "\0"  # no id holds a NUL: HTML cannot

    def __contains__(self, ident: object) -> bool:
        return isinstance(ident, str) and f"\0{ident}\0" in self._joined


class SiteLinks:
    """The links of a site given file by file, in any order (a build streams its pages): each
    link is resolved as soon as its target is known, the rest when `finish` is called. Memory holds
    each page's ids and the distinct links still waiting for their target, not the pages. `files`:
    the set of the site's paths, when its writer keeps one already (it is shared, not copied)."""

    def __init__(self, files: set[str] | None = None) -> None:
        self.report = LinkReport()
        self.files: set[str] = set() if files is None else files
        self.ids: dict[str, PageIds] = {}
        # target path -> fragment ("" for none) -> places: [(page, line, url, what)], count
        self.waiting: dict[str, dict[str, list]] = {}
        self.site_root = "/"  # where the site stands on its host: a link from there is a link from its root

    def problem(self, page: str, line: int | None, message: str) -> None:
        self.report.problems.append(LinkProblem(page, line, message))

    def add_file(self, path: str) -> None:
        self.files.add(path)
        self._resolve(path)

    def add_page(self, path: str, facts: PageFacts) -> None:
        self.report.pages += 1
        self.report.links_checked += facts.checked
        self.ids[path] = PageIds(facts.ids)
        for line, message in facts.problems:
            self.problem(path, line, message.replace("{page}", path))
        for value, line, what, count in facts.links:
            self._link(path, line, value, what, count)
        self.add_file(path)

    def add_css(self, path: str, text: str) -> None:
        for value, line in _css_urls(text, 1):
            if value and not value.lower().startswith("data:"):
                self.report.links_checked += 1
                if _has_host(value):
                    self.problem(path, line, f"CSS url() loads {value!r} from another host")
                elif _is_local(value):
                    self._link(path, line, value, "CSS url()", 1, fragments=False)
        self.add_file(path)

    def _link(self, page: str, line: int | None, value: str, what: str, count: int, fragments: bool = True) -> None:
        url_path, fragment = _path_and_fragment(value)
        if self.site_root != "/" and url_path.startswith(self.site_root):  # (the 404 page's: "/letters/...")
            url_path = url_path[len(self.site_root) - 1:]
        target = self._target(posixpath.dirname(page), url_path) if url_path else page
        if target is None:
            self.problem(page, line, f"{what} {value!r} points outside the site")
            return
        fragment = fragment if fragments else ""
        places = self.waiting.setdefault(target, {}).setdefault(fragment, [[], 0])
        if len(places[0]) < SHOWN_PER_TARGET:
            places[0].append((page, line, value, what))
        places[1] += count
        if target in self.files:
            self._resolve(target)

    @staticmethod
    @lru_cache(maxsize=65536)  # pages of one folder share most of their links
    def _target(folder: str, url_path: str) -> str | None:
        """The site path a link's (non-empty) path names from a page in `folder` (None: outside the site)."""
        path = unquote(url_path)
        base = "" if path.startswith("/") else folder
        target = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
        if path.endswith("/"):
            target = posixpath.join(target, "index.html").removeprefix("./")
        return None if target == ".." or target.startswith("../") else target

    def _resolve(self, target: str, final: bool = False) -> None:
        """Check the links waiting for `target` once it exists (or, when `final`, once nothing more will)."""
        by_fragment = self.waiting.pop(target, None)
        if by_fragment is None:
            return
        if target not in self.files and final and f"{target}/index.html" in self.files:
            target = f"{target}/index.html"  # a folder: its index page
        exists = target in self.files
        ids = self.ids.get(target)
        for fragment, (places, count) in by_fragment.items():
            if not exists:
                message = "{what} {url!r}: " + f"{target!r} does not exist"
            elif fragment and ids is not None and fragment not in ids and unquote(fragment) not in ids:
                message = "{what} {url!r}: " + f"no id {unquote(fragment)!r} in {target}"
            else:
                continue
            for page, line, value, what in places:
                self.problem(page, line, message.format(what=what, url=value))
            if count > len(places):
                page, line, value, what = places[-1]
                self.problem(page, line, f"{what} {value!r}: and {count - len(places)} more link(s) like it")

    def finish(self) -> LinkReport:
        """Resolve what still waits; the problems sorted by page and line."""
        for target in sorted(self.waiting):
            self._resolve(target, final=True)
        self.report.problems.sort(key=lambda p: (p.page, p.line or 0))
        return self.report


def check_site_links(site_dir: Path, site_root: str = "/") -> LinkReport:
    """Check every ``*.html`` and ``*.css`` file below *site_dir* (a site standing at `site_root` on its
    host); see module doc."""
    root = Path(site_dir).resolve()
    checker = SiteLinks()
    checker.site_root = site_root
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if path.suffix == ".html":
            checker.add_page(rel, page_facts(parse_page(path.read_bytes())))
        elif path.suffix == ".css":
            checker.add_css(rel, path.read_text(encoding="utf-8", errors="replace"))
        else:
            checker.add_file(rel)
    return checker.finish()
