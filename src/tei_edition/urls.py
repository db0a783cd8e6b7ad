"""The public URL scheme: every path the site publishes, in one place (README, "URLs and ids").

Paths are relative to the site root ("ru/shemetova-2020/index.html"); `relative_url` makes the
link from one page to another, so that the site works from any folder or host path.
"""
from __future__ import annotations

import posixpath
from functools import lru_cache


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


def media_path(name: str) -> str:
    """An image of the edition (a graphic's url, relative to the TEI file)."""
    return f"media/{name}"


def absolute_url(base_url: str, path: str) -> str:
    """The published address of a site path ("" when the edition sets no base_url)."""
    if not base_url:
        return ""
    return base_url + (path[: -len("index.html")] if path.endswith("index.html") else path)


def sitemap_path() -> str:
    return "sitemap.xml"


def robots_path() -> str:
    return "robots.txt"


def root_of(path: str) -> str:
    """Relative prefix from a page to the site root."""
    return "../" * path.count("/")


@lru_cache(maxsize=4096)  # pages of one kind share their links; relpath is slow
def relative_url(from_page: str, target: str) -> str:
    """A link from the page at `from_page` to `target` ("x/index.html" is linked as "x/")."""
    relative = posixpath.relpath(target, posixpath.dirname(from_page) or ".")
    if relative.endswith("index.html"):
        relative = relative[: -len("index.html")] or "./"
    return relative
