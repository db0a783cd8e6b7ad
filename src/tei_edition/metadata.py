"""What a reference manager or a search engine reads in a reading page's <head>: Highwire Press
`citation_*` tags (Zotero, Google Scholar), Dublin Core, and schema.org JSON-LD (a translation is a
`ScholarlyArticle` with `translationOfWork` and `translator`).

Only what the TEI says: the printed article from the header's biblStruct, the authors and their
titles from the titleStmt, a translation's translators from its titleStmt.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from markupsafe import Markup

from tei_edition.cite import csl_name, latin
from tei_edition.links import doi_url
from tei_edition.model import Document


@dataclass(frozen=True)
class PageMetadata:
    meta: tuple[tuple[str, str], ...]  # (name, content) of each <meta>, escaped by the template
    json_ld: Markup  # JSON, safe inside <script type="application/ld+json">


def _inverted(name: str) -> str:
    """"Tamara A. Shemetova" -> "Shemetova, Tamara A.": the form that splits family from given names."""
    parts = csl_name(name)
    if "literal" in parts:  # (a name with an epithet or a gloss: whole)
        return parts["literal"]
    return f"{parts['family']}, {parts['given']}" if parts["given"] else parts["family"]


def _json(data: dict) -> Markup:
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    # Nothing in it can end the script element or start markup.
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _authors(names: tuple[str, ...]) -> dict:
    """schema.org's authors; an anonymous document has none (not an empty list)."""
    return {"author": [{"@type": "Person", "name": name} for name in names]} if names else {}


def _printed(document: Document, lang: str) -> dict:
    """The printed article in schema.org terms, in the forms readers of `lang` are given."""
    source = document.source
    foreign = lang != source.lang
    journal = latin(source.journal) if foreign else source.journal
    work: dict = {"@type": "ScholarlyArticle", "name": source.title, "inLanguage": source.lang,
                  **_authors(source.author_names(lang))}
    if source.date_parts:
        work["datePublished"] = "-".join(f"{part:02d}" if n else str(part) for n, part in enumerate(source.date_parts))
    if journal:
        issue: dict = {"@type": "PublicationIssue", "isPartOf": {"@type": "Periodical", "name": journal}}
        if source.issue:
            issue["issueNumber"] = source.issue
        work["isPartOf"] = issue
    if source.pages[0]:
        work.update({"pageStart": source.pages[0], "pageEnd": source.pages[1]})
    if source.doi:
        work.update({"identifier": {"@type": "PropertyValue", "propertyID": "DOI", "value": source.doi},
                     "sameAs": doi_url(source.doi)})
    return work


def page_metadata(document: Document, lang: str, page_url: str, original_url: str, edition_title: str,
                  version: str) -> PageMetadata:
    """The metadata of the reading page of `document` (the version readers of `lang` see)."""
    source = document.source
    translation = document.translation
    title = (source.title_in(lang) or document.title_text) if translation else (source.title or document.title_text)
    authors = (source.author,) if source.author and not translation and lang == source.lang \
        else source.author_names(lang)
    meta: list[tuple[str, str]] = [("citation_title", title)]
    meta += [("citation_author", _inverted(name)) for name in authors]
    # A printed article's imprint date; else a book's, or a born-digital document's own (its header's
    # publication date).
    dated = source.date_parts if source.title else source.date_parts or source.published
    date = "/".join(f"{part:02d}" if n else str(part) for n, part in enumerate(dated))
    if source.title:  # a printed article: the journal's data
        journal = latin(source.journal) if lang != source.lang else source.journal
        meta += [("citation_publication_date", date), ("citation_journal_title", journal)]
        meta += [("citation_issue", source.issue)] if source.issue else []
        meta += [("citation_firstpage", source.pages[0]), ("citation_lastpage", source.pages[1])] \
            if source.pages[0] else []
        meta += [("citation_doi", source.doi)] if source.doi else []
    elif not translation:  # (Google Scholar asks for a date: a born-digital document's own)
        meta += [("citation_publication_date", date)]
    meta += [("citation_language", document.lang)]
    meta += [("citation_public_url", page_url)] if page_url else []
    meta += [("DC.title", title)] + [("DC.creator", _inverted(name)) for name in authors]
    meta += [("DC.contributor", translator.name) for translator in document.translators]
    meta += [("DC.date", date.replace("/", "-"))] if date else []
    meta += [("DC.language", document.lang), ("DC.type", "Text")]
    meta += [("DC.identifier", f"doi:{source.doi}")] if source.doi and not translation else []
    meta += [("DC.identifier", page_url)] if page_url else []
    meta += [("DC.publisher", edition_title)]
    work: dict = {"@context": "https://schema.org"}
    if source.title and not translation:
        work.update(_printed(document, lang))
    else:
        work.update({"@type": "ScholarlyArticle", "name": title, "inLanguage": document.lang,
                     **_authors(source.author_names(lang))})
        if date and not translation:
            work["datePublished"] = date.replace("/", "-")
    work["isAccessibleForFree"] = True
    work.update({"url": page_url, "@id": page_url} if page_url else {})
    if translation:
        original = _printed(document, lang) if source.title else {"@type": "CreativeWork", "inLanguage": source.lang}
        work["translationOfWork"] = {**original, **({"@id": original_url, "url": original_url} if original_url else {})}
        work["translator"] = [{"@type": "Person" if translator.person else "Organization", "name": translator.name}
                              for translator in document.translators]
    if translation or not source.title:  # published in this edition (a printed original was not)
        work["isPartOf"] = {"@type": "CreativeWork", "name": edition_title, "version": version}
    return PageMetadata(tuple((name, value) for name, value in meta if value), _json(work))
