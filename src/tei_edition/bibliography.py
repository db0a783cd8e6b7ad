"""Reference-manager files for a document version: CSL-JSON, BibTeX (biblatex fields) and RIS.

Each file holds the same records: the printed article (with its DOI), if the document was printed,
and the version published in this edition (a translation with its translators). The records are
made once as CSL-JSON items, the form citeproc-py formats; BibTeX and RIS are written from them by
kept libraries (bibtexparser, rispy). Everything comes from the TEI and edition.yaml, nothing else:
no access date (the reader's), no publisher the TEI does not name.
"""
from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from tei_edition.cite import csl_contributor, csl_name, printed_item
from tei_edition.links import doi_url
from tei_edition.model import Document

# extension -> (the format's name, its media type), in the order pages offer them
FORMATS = {"json": ("CSL-JSON", "application/vnd.citationstyles.csl+json"), "bib": ("BibTeX", "application/x-bibtex"),
           "ris": ("RIS", "application/x-research-info-systems")}


def csl_items(document: Document, edition_title: str, version: str, url: str, date: str) -> list[dict]:
    """The records of `document` (one language version), as CSL-JSON items. `url` is the version's
    published address ("" without a base_url), `date` the build's (YYYY-MM-DD)."""
    source, key = document.source, _key(document)
    items = []
    if source.title:
        # The printed article as the citation lines' own item gives it, in its original's language.
        printed = {key: value for key, value in printed_item(source, source.lang).items() if value}
        printed["id"] = key
        if not source.pages[0]:
            printed.pop("page", None)
        if not source.date_parts:
            printed.pop("issued", None)
        printed.update({"URL": doi_url(source.doi)} if source.doi else {})
        items.append(printed)
    authors = source.author_names(document.lang) if document.translation else \
        (source.author,) if source.author else source.author_names(document.lang)
    # (issued: this version of the edition, on the build's date; a born-digital document's own date,
    # its header's, is the work's, not this version's: the page's metadata give it)
    version_item: dict = {
        "id": f"{key}-{document.lang}", "type": "webpage", "title": document.title_text,
        "container-title": edition_title,
        "language": document.lang, "version": version, "issued": {"date-parts": [[int(p) for p in date.split("-")]]}}
    if authors:  # (an anonymous document: no empty list, as with translators)
        version_item["author"] = [csl_name(name) for name in authors]
    if document.translation and document.translators:  # (no translator named: no empty list)
        version_item["translator"] = [csl_contributor(name) for name in document.translators]
        version_item.update({"original-title": source.title} if source.title else {})
    version_item.update({"URL": url} if url else {})
    items.append(version_item)
    return items


def _key(document: Document) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", document.id)


def to_csl_json(items: list[dict]) -> str:
    return json.dumps(items, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# Characters that are syntax in a BibTeX value, written as LaTeX reads them back.
_LATEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#", "$": r"\$",
          "_": r"\_", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}"}
_LATEX_SPECIALS = re.compile("|".join(re.escape(c) for c in _LATEX))


def _latex(text: str) -> str:
    return _LATEX_SPECIALS.sub(lambda m: _LATEX[m.group()], " ".join(text.split()))


def _bib_names(names: list[dict]) -> str:
    # A literal name (an organisation) is braced whole, so that it is not split into family and given.
    return " and ".join("{" + _latex(n["literal"]) + "}" if "literal" in n else
                        _latex(f"{n['family']}, {n['given']}" if n.get("given") else n["family"]) for n in names)


def to_bibtex(items: list[dict]) -> str:
    """biblatex entries (@article, @online): Unicode text, LaTeX specials escaped."""
    import bibtexparser  # here: the process that writes the citation files imports it (forked.py)
    from bibtexparser.model import Entry, Field
    library = bibtexparser.Library()
    for item in items:
        fields = [("author", _bib_names(item.get("author", []))),
                  ("translator", _bib_names(item.get("translator", []))),
                  ("title", _latex(item["title"])), ("origtitle", _latex(item.get("original-title", "")))]
        container = _latex(item.get("container-title", ""))
        fields += [("journal", container)] if item["type"] == "article-journal" else [("organization", container)]
        issued = item.get("issued", {}).get("date-parts", [[]])[0]
        # A year alone as `year` (what BibTeX itself reads), a full date as biblatex's `date`.
        date = ("date", "-".join(f"{p:02d}" if n else str(p) for n, p in enumerate(issued))) if len(issued) > 1 \
            else ("year", "".join(str(p) for p in issued))
        fields += [("number", item.get("issue", "")), ("pages", item.get("page", "").replace("-", "--")), date,
                   ("version", item.get("version", "")), ("doi", item.get("DOI", "")),
                   ("url", "" if "DOI" in item else item.get("URL", ""))]
        # No language field: biblatex's langid wants babel's names ("russian"), which the TEI's codes are not.
        entry_type = "article" if item["type"] == "article-journal" else "online"
        library.add(Entry(entry_type, item["id"], [Field(name, value) for name, value in fields if value]))
    return bibtexparser.write_string(library)


def _ris_names(names: list[dict]) -> list[str]:
    return [n["literal"] if "literal" in n else f"{n['family']}, {n['given']}".rstrip(", ") for n in names]


def _ris_text(value: object) -> object:
    """One line: a line break in a value would start a new RIS tag."""
    if isinstance(value, list):
        return [_ris_text(v) for v in value]
    return " ".join(str(value).split())


def to_ris(items: list[dict]) -> str:
    import rispy
    references = []
    for item in items:
        journal = item["type"] == "article-journal"
        pages = item.get("page", "").split("-")
        issued = item.get("issued", {}).get("date-parts", [[]])[0]
        record = {
            "type_of_reference": "JOUR" if journal else "ELEC", "id": item["id"],
            "authors": _ris_names(item.get("author", [])), "title": item["title"],
            "secondary_title": item.get("container-title", ""),
            "subsidiary_authors": _ris_names(item.get("translator", [])),  # A4: the translator, as Zotero reads it
            "year": str(issued[0]) if issued else "",
            "date": "/".join([str(issued[0])] + [f"{p:02d}" for p in issued[1:]]) + "/" if len(issued) > 1 else "",
            "number": item.get("issue", ""), "start_page": pages[0], "end_page": pages[-1] if len(pages) > 1 else "",
            "doi": item.get("DOI", ""), "urls": [item["URL"]] if item.get("URL") else [],
            "edition": item.get("version", ""), "language": item.get("language", ""),
        }
        references.append({tag: _ris_text(value) for tag, value in record.items() if value})
    return rispy.dumps(references, implementation=_ris_writer())


@cache
def _ris_writer() -> Any:
    import rispy

    class RisWriter(rispy.RisWriter):
        def set_header(self, count: int) -> str:
            return ""  # rispy numbers records ("1."); reference managers expect none
    return RisWriter


def citation_files(document: Document, edition_title: str, version: str, url: str, date: str) -> dict[str, str]:
    """File extension -> the records of `document` in that format."""
    items = csl_items(document, edition_title, version, url, date)
    return {"json": to_csl_json(items), "bib": to_bibtex(items), "ris": to_ris(items)}
