"""The public URL scheme: every path the site publishes, in one place (README, "URLs and ids").

Paths are relative to the site root ("ru/shemetova-2020/index.html"); `relative_url` makes the
link from one page to another, so that the site works from any folder or host path.
"""
from __future__ import annotations

import posixpath
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from urllib.parse import urlsplit


def home_path() -> str:
    return "index.html"


def favicon_path() -> str:
    """The icon browsers ask for at the root of a host, whatever a page links (it links this and the SVG)."""
    return "favicon.ico"


def favicon_svg_path() -> str:
    return "assets/favicon.svg"


def not_found_path() -> str:
    """The page a server shows for a path that has none (the name static hosts look for)."""
    return "404.html"


def article_path(lang: str, doc_id: str) -> str:
    """A document's reading page for readers of `lang` (its translation, or the original)."""
    return f"{lang}/{doc_id}/index.html"


def parallel_path(lang: str, doc_id: str) -> str:
    return f"{lang}/{doc_id}/parallel/index.html"


def print_path(lang: str, doc_id: str) -> str:
    """A printed document as the print laid it out, page by page and line by line (interface in `lang`)."""
    return f"{lang}/{doc_id}/print/index.html"


def redirect_script_path() -> str:
    """What a redirect page of a retired address loads to keep the fragment (only with retirements)."""
    return "assets/redirect.js"


def register_path(lang: str) -> str:
    return f"{lang}/archives/index.html"


NAMES_SEGMENTS = {"person": "persons", "place": "places", "org": "organisations"}


def names_path(lang: str, kind: str) -> str:
    """A register of names: persons, places or organisations ("person", "place", "org")."""
    return f"{lang}/{NAMES_SEGMENTS[kind]}/index.html"


def registers_tei_path(name: str) -> str:
    """The registers' TEI file, published beside the documents' TEI (their `ref`s point into it)."""
    return f"tei/{name}"


def prose_path(lang: str, slug: str) -> str:
    return f"{lang}/{slug}/index.html"


def abbreviations_path(lang: str) -> str:
    """The abbreviations the texts use, with their full forms (an edition with `abbreviations:`)."""
    return f"{lang}/abbreviations/index.html"


def changelog_path(lang: str) -> str:
    """The edition's releases (an edition with `changelog:`)."""
    return f"{lang}/changelog/index.html"


def glossary_path(lang: str, doc_id: str) -> str:
    """The glossaries of a document's versions, for readers of `lang` (a document whose translation has one)."""
    return f"{lang}/{doc_id}/glossary/index.html"


def data_page_path(lang: str) -> str:
    """The page that describes the edition's tables published as data, with their charts."""
    return f"{lang}/data/index.html"


def data_file_path(name: str, extension: str) -> str:
    """A table published as data (extension: csv, json, schema.json)."""
    return f"data/{name}.{extension}"


def chart_path(name: str, lang: str) -> str:
    """A data table's chart, with its words in `lang`."""
    return f"data/{name}.{lang}.svg"


def tei_path(doc_id: str, lang: str | None = None) -> str:
    """The published TEI of a document (`lang`: of its translation into that language)."""
    return f"tei/{doc_id}.{lang}.xml" if lang else f"tei/{doc_id}.xml"


def source_path(doc_id: str) -> str:
    """The text the TEI of a printed document was encoded from (its `source`), as it is."""
    return f"source/{doc_id}.txt"


def citation_file_path(doc_id: str, lang: str, extension: str) -> str:
    """The records of a document's `lang` version for reference managers (extension: json, bib, ris)."""
    return f"cite/{doc_id}.{lang}.{extension}"


def search_path(lang: str) -> str:
    """The search page of one interface language (it searches the pages of that language)."""
    return f"{lang}/search/index.html"


def search_bundle_path(name: str) -> str:
    """A file of the search index (Pagefind's script, its WebAssembly and the index's chunks)."""
    return f"pagefind/{name}"


def search_part_path(number: int, name: str) -> str:
    """A file of one part of the search index (a large edition's comes in parts): the first is the
    search page's bundle (`search_bundle_path`), part N of the others in its folder `part-N/`."""
    return search_bundle_path(name if number == 1 else f"part-{number}/{name}")


def media_path(name: str) -> str:
    """An image of the edition (a graphic's url, relative to the TEI file)."""
    return f"media/{name}"


def absolute_url(base_url: str, path: str) -> str:
    """The published address of a site path ("" when the edition sets no base_url)."""
    if not base_url:
        return ""
    return base_url + (path[: -len("index.html")] if path.endswith("index.html") else path)


def site_root(base_url: str) -> str:
    """Where the site stands on its host: the path of its base_url ("/letters/"), else the host's root."""
    return urlsplit(base_url or "").path.rstrip("/") + "/"


def sitemap_path() -> str:
    return "sitemap.xml"


def robots_path() -> str:
    return "robots.txt"


def root_of(path: str) -> str:
    """Relative prefix from a page to the site root."""
    return "../" * path.count("/")


# Links that work opened from disk (file:// serves no folder's index.html): a release's pages, which
# its archive holds as they are published, name `index.html` in every link (README, "Releases").
_PORTABLE: ContextVar[bool] = ContextVar("portable", default=False)


@contextmanager
def portable_links() -> Iterator[None]:
    """Within the block, every link made here names the file it leads to (".../index.html")."""
    token = _PORTABLE.set(True)
    try:
        yield
    finally:
        _PORTABLE.reset(token)


def folder_link(path: str) -> str:
    """How a link names a page: its folder ("ru/about/"), or, for links that must work from disk,
    the page's file itself."""
    return path if _PORTABLE.get() else path.removesuffix("index.html")


def relative_url(from_page: str, target: str) -> str:
    """A link from the page at `from_page` to `target` ("x/index.html" is linked as "x/", except
    inside `portable_links`)."""
    return _relative_url(from_page, target, _PORTABLE.get())


@lru_cache(maxsize=4096)  # pages of one kind share their links; relpath is slow
def _relative_url(from_page: str, target: str, portable: bool) -> str:
    relative = posixpath.relpath(target, posixpath.dirname(from_page) or ".")
    if relative.endswith("index.html") and not portable:
        relative = relative[: -len("index.html")] or "./"
    return relative


# Releases (README, "Releases"): each stored release's pages under v/{version}/, with the same
# layout and ids as the current pages; its archive beside them; what changed in each document.
RELEASES_FOLDER = "v"


def release_path(version: str, path: str = "") -> str:
    """A page of a stored release: the same path as the current page, under v/{version}/."""
    return f"{RELEASES_FOLDER}/{version}/{path}"


def release_list_path() -> str:
    """Every stored release, newest first, with its archive and checksum: what `/v/` shows."""
    return f"{RELEASES_FOLDER}/index.html"


def archive_name(name: str, version: str) -> str:
    """The file name of a release's archive ("shemetova-2020-0.1.0.zip"); its top folder is the name
    without ".zip"."""
    return f"{name}-{version}.zip"


def archive_path(name: str, version: str) -> str:
    """A release's archive: its pages, TEI, data, source texts and inputs, with their checksums."""
    return f"{RELEASES_FOLDER}/{archive_name(name, version)}"


def archive_sums_path() -> str:
    """The SHA-256 checksum of every release's archive (the format `sha256sum -c` reads)."""
    return f"{RELEASES_FOLDER}/SHA256SUMS"


def changes_path(lang: str, doc_id: str) -> str:
    """How a document's text changed from release to release: a word diff of each changed passage."""
    return f"{lang}/{doc_id}/changes/index.html"


# Distributed Text Services 1.0, Level 0 (README, "Distributed Text Services"): every response is a
# file. The URI templates (RFC 6570) below, relative to the site root, expand to those files' paths:
# optional parameters as path parameters (`;tree=pages`, `;down=-1`, `;nav=parents`), as DTS 1.0
# suggests for static implementations; `ref` as the last segment; an expansion no file answers (a
# range with `start` and `end`, a `down` deeper than the tree) is a 404, as Level 0 allows.
DTS_ROOT_COLLECTION = "_edition"  # no document id starts with "_": the root never shares an id
DTS_COLLECTION = "dts/collection{/id}{;nav}.json"
DTS_NAVIGATION = "dts/navigation/{resource}{;tree,down}{/ref,start,end}.json"
DTS_DOCUMENT = "dts/document/{resource}{;tree}{/ref,start,end}.xml"


def dts_entry_path() -> str:
    return "dts/index.json"


def dts_resource_id(doc_id: str, lang: str) -> str:
    """A language version of a document as a DTS Resource ("shemetova-2020.en"): letters, digits,
    hyphens and a dot, which a template expands as they are."""
    return f"{doc_id}.{lang}"


def _parameters(**values: str | int | None) -> str:
    return "".join(f";{name}={value}" for name, value in values.items() if value is not None)


def dts_collection_path(collection_id: str | None = None, nav: str | None = None) -> str:
    return f"dts/collection{'/' + collection_id if collection_id else ''}{_parameters(nav=nav)}.json"


def dts_navigation_path(resource: str, ref: str | None = None, tree: str | None = None,
                        down: int | None = None) -> str:
    return f"dts/navigation/{resource}{_parameters(tree=tree, down=down)}{'/' + ref if ref else ''}.json"


def dts_document_path(resource: str, ref: str | None = None, tree: str | None = None) -> str:
    return f"dts/document/{resource}{_parameters(tree=tree)}{'/' + ref if ref else ''}.xml"


def dts_template(base_url: str, template: str, **fixed: str) -> str:
    """An absolute URI template, with the parameters in `fixed` given their value: a Resource's own
    templates name it (`{resource}`, `{/id}` filled in)."""
    for name, value in fixed.items():
        template = template.replace(f"{{{name}}}", value).replace(f"{{/{name}}}", f"/{value}")
    return base_url + template
