"""What the TEI header says of a document, read once for the model: the rows of "About this
document" (as text: the header is metadata, no rendering rules apply to it), with the register
entries its correspondents' names point to. (Whom it names, for citing: `header_people`.)"""
from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree

from tei_edition.dates import date_attributes
from tei_edition.header_people import CORRESPONDENCE, TRANSLATOR, person_name
from tei_edition.links import beside, doi_url, xml_base
from tei_edition.model import HeaderRow, HeaderValue, Mention
from tei_edition.names import kind_of, register_pointer
from tei_edition.tei import (
    TEI_NS,
    XML_ID,
    XML_LANG,
    elements,
    language_of,
    local_name,
    normalize_space,
    text_of,
)

CONTEXT = "t:teiHeader/t:profileDesc/t:correspDesc/t:correspContext"
# Where "About this document" begins on a reading page (article.html): a correspondent's register
# entry links back there.
ABOUT_ANCHOR = "document-metadata-title"


# Parts of the header that stand apart: their texts are not run together ("Unterschrift" "eine
# Ersetzung": a manuscript's hands, each described in its paragraph).
# (a leaf's height and width, "11" and "7 3/4", read "117 3/4"; a library and a shelfmark one word)
_APART = {"p", "ab", "handNote", "item", "note", "head", "l", "bibl", "msIdentifier", "witness", "list", "lg", "ptr",
          "affiliation", "resp", "height", "width", "depth", "dim", "repository", "idno", "settlement", "institution",
          "collection", "country", "region", "physDesc", "history", "provenance", "origin", "acquisition",
          "msContents", "additional"}
# Of a choice in the header, the reading a page's text shows (a name corrected: "Dr. Weir S. Mitchel",
# "Dr. S. Weir Mitchell" were one run of words).
_CHOSEN = ("reg", "corr", "expan")
_POINTING = {"ptr", "licence"}


def _external(target: str) -> str:
    return target if target.strip().lower().startswith(("http://", "https://", "mailto:")) else ""


def header_text(element: etree._Element) -> str:
    """An element's text as a reader reads it: its paragraphs and other parts that stand apart
    separated, a pointer as the address it points to (`<ptr target="http://…"/>` has no text)."""
    parts = [element.text or ""]
    if local_name(element) == "choice":
        chosen = next((child for child in element if local_name(child) in _CHOSEN), None)
        if chosen is not None:
            return header_text(chosen)
    for child in element:
        if isinstance(child.tag, str):
            name = local_name(child)
            # a pointer (or a licence named only by its address): a web address as itself; into the
            # document (#id): nothing of its own
            inner = header_text(child) or (_external(child.get("target", "")) if name in _POINTING else "")
            parts.append(f" {inner} " if name in _APART else inner)
        parts.append(child.tail or "")
    text = normalize_space("".join(parts))  # (a pointer, or a licence, that has no words: its address)
    return text or (_external(element.get("target", "")) if local_name(element) in _POINTING else "")


def _texts(elements_: list[etree._Element], lang: str) -> tuple[HeaderValue, ...]:
    """Texts of elements, with their language; of alternatives in several languages, the one in `lang`.
    An editor or author holding several names is each of them (a Schnitzler letter's `<editor>` of two
    `name`s, "Mueller, Martin Anton, Untner, Laura", read as four names)."""
    chosen = [e for e in elements_ if e.get(XML_LANG) in (None, lang)] or elements_
    return tuple(value for element in chosen for named in _names_apart(element)
                 if (value := _value(named, _header_text(named), lang)))


def _names_apart(element: etree._Element) -> list[etree._Element]:
    """A statement's element, or, where it holds nothing but several names, each name."""
    names = [child for child in element if isinstance(child.tag, str)]
    if len(names) > 1 and local_name(element) in ("editor", "author") and not _has_own_text(element) and all(
            local_name(name) in ("persName", "name", "orgName") for name in names):
        return names
    return [element]


def _has_own_text(element: etree._Element) -> bool:
    return bool((element.text or "").strip()) or any((child.tail or "").strip(" \n\t,;") for child in element)


def _value(element: etree._Element, text: str, lang: str, **more: Any) -> HeaderValue | None:
    """A value of the header: its text, else a date given only by its attributes (written out on the
    page, in the reader's language `lang`, at its precision); None for neither."""
    dated = () if text else _dated(element)
    if not (text or dated):
        return None
    return HeaderValue(text or "/".join(dated[1:]), language_of(element) if text else lang, dated=dated,
                       href=_linked(element) if text else "", links=_links_in(element, text) if text else (), **more)


def _links_in(element: etree._Element, text: str) -> tuple[tuple[str, str], ...]:
    """A value's text in pieces (words, web address or ""), where it names several web addresses
    (Perseus's source: its Internet Archive copy and its HathiTrust copy), or a licence or a web
    address among other words (TextGrid's source description: its URL, its licence, the printed
    book): each linked where its words stand. () otherwise (`_linked` links the whole value)."""
    pointers = [(normalize_space(header_text(pointer)) or target, target, local_name(pointer) in _AMONG_WORDS)
                for pointer in element.iter(*_WEB_POINTERS) if (target := _target(pointer))
                and not (pointer is element or local_name(pointer) == "licence" and _own_licence(element))]
    if len({target for _, target, _ in pointers}) < 2 and not any(among for _, _, among in pointers):
        return ()
    pieces, position = [], 0
    for words, target, _ in pointers:
        at = text.find(words, position)
        if at < 0:
            continue
        pieces += [(text[position:at], ""), (words, target)]
        position = at + len(words)
    pieces.append((text[position:], ""))
    return tuple(piece for piece in pieces if piece[0])


def _linked(element: etree._Element) -> str:
    """The web address a value links to: the one its pointers name, where they name one (a source's
    digitised copy, `<ref target="https://gallica.bnf.fr/...">Gallica</ref>`; an availability's licence)."""
    pointers = element.iter(f"{{{TEI_NS}}}ref", f"{{{TEI_NS}}}ptr", f"{{{TEI_NS}}}licence")
    targets = {target for pointer in pointers if (target := _target(pointer))}  # (a licence inside: `_links_in`)
    return next(iter(targets)) if len(targets) == 1 else ""


# What names a web address in the header: a pointer's target, a licence's, an identifier that is one.
_WEB_POINTERS = tuple(f"{{{TEI_NS}}}{name}" for name in ("ref", "ptr", "licence", "idno"))
_AMONG_WORDS = ("licence", "idno")  # linked where their words stand, not the whole value


def _target(pointer: etree._Element) -> str:
    address = normalize_space(text_of(pointer)) if local_name(pointer) == "idno" else \
        " ".join((pointer.get("target") or "").split()[:1])
    return address if urlsplit(address).scheme in ("http", "https") else ""


def _licence(element: etree._Element, lang: str) -> tuple[HeaderValue, ...]:
    """A statement of rights; a licence of paragraphs (a Schnitzler letter's five) each of them as
    text, then its address as a link: the whole text was one long link."""
    target = _target(element) if local_name(element) == "licence" else ""
    paragraphs = element.findall(f"{{{TEI_NS}}}p")
    if not target or not paragraphs:
        return _texts([element], lang)
    return (*_texts(paragraphs, lang), HeaderValue(target, "", href=target))


def _own_licence(element: etree._Element) -> bool:
    """Whether a value is a licence's own (the availability row's), not a description holding one."""
    return local_name(element) in ("licence", "availability")


def _header_text(element: etree._Element) -> str:
    """An element's text; of one made of parts only (a structured bibl: author, title, publisher,
    date, with no punctuation of its own between them), its parts separated by commas."""
    if local_name(element) in ("persName", "name"):  # its forename and surname: "Georg Buechner"
        return person_name(element)
    if local_name(element) in ("editor", "author") and _only_a_name(element):
        return person_name(element[0])  # (a surname marked first: "Alexander Geyken", not "Geyken Alexander")
    nested = _NESTED_PARTS.get(local_name(element))
    if nested:
        return _joined(map(_header_text, elements(element, nested)))
    own = (element.text or "") + "".join(child.tail or "" for child in element)
    if len(element) > 1 and not own.strip() and not any(local_name(child) in ("p", "ab") for child in element):
        # (an address read so too: its street, code and place; a place's town and country)
        return _joined(_header_text(child) if local_name(child) in ("address", "placeName") else header_text(child)
                       for child in element if isinstance(child.tag, str))
    return header_text(element)


def _joined(parts: Any) -> str:
    """Parts separated by commas, except after a part that ends in its own punctuation (an EEBO-TCP
    imprint's "Printed and sold by Charles Barnet," "[London] :": not ",," and ":,")."""
    joined = ""
    for part in (part for part in parts if part):
        joined += part if not joined else (" " if joined[-1] in ".,;:" else ", ") + part
    return joined


def _only_a_name(element: etree._Element) -> bool:
    """Whether an element holds one person's name and nothing else (no text, no affiliation)."""
    return len(element) == 1 and local_name(element[0]) in ("persName", "name") \
        and not (element.text or "").strip() and not (element[0].tail or "").strip()


# Descriptions whose parts stand nested (a biblStruct's in analytic, monogr, imprint; a biblFull's in a
# file description of its own): those parts, in order, each read apart.
_NESTED_PARTS = {
    "biblStruct": ".//t:author | .//t:editor | .//t:title | .//t:edition | .//t:publisher | .//t:pubPlace | "
                  ".//t:date | .//t:biblScope | .//t:idno",
    "biblFull": ".//t:titleStmt/t:title | .//t:titleStmt/t:author | .//t:titleStmt/t:editor | .//t:edition | "
                ".//t:publicationStmt/t:publisher | .//t:publicationStmt/t:pubPlace | .//t:publicationStmt/t:date",
}


def header_rows(root: etree._Element, lang: str, path: Path = Path()) -> tuple[HeaderRow, ...]:
    """What the header says, for the page "About this document": as text (the header is metadata:
    no rendering rules apply to it). `path` is the TEI file's, which a pointer's file is beside."""
    rows: list[HeaderRow] = []

    def add(label: str, values: tuple[HeaderValue, ...]) -> None:
        if values:
            rows.append(HeaderRow(label, values))

    stmt = "t:teiHeader/t:fileDesc/t:titleStmt"
    # (not a series' title, which is the series row's, nor a date given as a title for machines)
    titles = elements(root, f"{stmt}/t:title[not(@level='s') and not(@type='iso-date')]")
    add("meta_titles", tuple(HeaderValue(text, language_of(t)) for t in titles if (text := header_text(t))))
    for author in elements(root, f"{stmt}/t:author"):
        names = elements(author, "t:persName | t:name | t:orgName")
        add("meta_author", _texts(names, lang) if names else (HeaderValue(person_name(author), language_of(author)),))
        add("meta_affiliation", _texts(elements(author, "t:affiliation"), lang))
    add("meta_editors", _texts(elements(root, f"{stmt}/t:editor[not({TRANSLATOR})]"), lang))
    add("meta_translators", _texts(elements(root, f"{stmt}/t:editor[{TRANSLATOR}]"), lang))
    for resp in elements(root, f"{stmt}/t:respStmt | t:teiHeader/t:fileDesc/t:editionStmt/t:respStmt"):
        agents = ", ".join(header_text(n) for n in resp if local_name(n) != "resp")
        add("meta_responsibility", tuple(HeaderValue(f"{header_text(r)}: {agents}", language_of(r))
                                         for r in elements(resp, "t:resp")))
    add("meta_edition", _texts(elements(root, "t:teiHeader/t:fileDesc/t:editionStmt/t:edition"), lang))
    publication = "t:teiHeader/t:fileDesc/t:publicationStmt"
    add("meta_publication", _texts(elements(root, f"{publication}/t:publisher | {publication}/t:distributor | "
                                              f"{publication}/t:pubPlace | {publication}/t:date | {publication}/t:p"),
                                     lang))
    # Its identifiers (a publisher's DOI, an ISSN): "DOI 10.4000/ejrieps.9683", a DOI linked to its resolver.
    add("meta_identifiers", tuple(
        HeaderValue(f"{idno.get('type') or ''} {value}".strip(), language_of(idno),
                    href=doi_url(value) if (idno.get("type") or "").lower() == "doi" else
                    value if urlsplit(value).scheme in ("http", "https") else "")
        for idno in elements(root, f"{publication}/t:idno") if (value := normalize_space(text_of(idno)))))
    # (its paragraphs and licences each apart: a statement of rights, then a licence)
    add("meta_availability", tuple(value for part in elements(root, f"{publication}/t:availability[not(t:p or "
                                                                    f"t:licence)] | {publication}/t:availability/*")
                                   for value in _licence(part, lang)))
    add("meta_series", tuple(HeaderValue(", ".join(header_text(part) for part in series
                                                   if local_name(part) and header_text(part)),
                                         language_of(series))
                             for series in elements(root, "t:teiHeader/t:fileDesc/t:seriesStmt"))
        + _texts(elements(root, f"{stmt}/t:title[@level='s']"), lang))
    source = "t:teiHeader/t:fileDesc/t:sourceDesc"
    # Its descriptions, in order: a bibl, the editions a listBibl names, a biblStruct of a whole (a
    # journal's issue: one of an article is the printed source the page cites apart), a biblFull, and
    # where a manuscript is kept (its identifier's parts: place, institution, collection, shelfmark).
    described = " | ".join(f"{source}/{part}" for part in (
        "t:bibl", "t:p", "t:listBibl/t:bibl", "t:listBibl/t:biblStruct", "t:biblStruct[not(t:analytic)]",
        "t:biblFull", "t:msDesc/t:msIdentifier"))
    add("meta_source", _texts(elements(root, described), lang))
    add("meta_witnesses", tuple(
        # a critical apparatus's witnesses: siglum (its number, else its id) and description
        HeaderValue(_sigled(witness.get("n") or witness.get(XML_ID) or "", header_text(witness)), language_of(witness))
        for witness in elements(root, f"{source}//t:listWit//t:witness")))
    # Who takes part (a transcript's speakers, a play's persons) and where and when (its setting).
    profile = "t:teiHeader/t:profileDesc"
    # (by their names: a person described only by its facts, Folger's `<sex>male</sex>`, is not one)
    add("meta_participants", tuple(HeaderValue(person_name(person), language_of(person)) for person in elements(
        root, f"{profile}/t:particDesc//t:person[t:persName or t:name or t:orgName] | "
              f"{profile}/t:particDesc//t:personGrp[t:persName or t:name or t:orgName]") if person_name(person)))
    add("meta_setting", _texts(elements(root, f"{profile}/t:settingDesc/*"), lang))
    # Its keywords (`textClass/keywords`, one list per language), their terms (or a list's items:
    # OpenEdition's) apart.
    add("meta_keywords", tuple(HeaderValue(", ".join(terms), language_of(keywords)) for keywords in elements(
        root, f"{profile}/t:textClass/t:keywords") if (terms := [text for term in elements(keywords, ".//t:term | "
                                                                                               ".//t:item")
                                                                  if (text := normalize_space(text_of(term)))])))
    # The recording a transcript is made from: its date, who made it, with what, where it was broadcast.
    add("meta_recording", _texts(elements(root, f"{source}/t:recordingStmt/t:recording"), lang))
    for action in elements(root, CORRESPONDENCE):
        label = {"sent": "meta_sent", "received": "meta_received"}.get(action.get("type", ""), "meta_correspondence")
        # (a name given only as a pointer; a date only by its attributes, any precision: written out on
        # the page, in the reader's language; an empty name not shown)
        add(label, tuple(said for part in action if local_name(part) and (said := _value(
            part, header_text(part), lang, **dict(zip(("kind", "entity"), register_entry(part), strict=True))))))
    context: dict[str, list[HeaderValue]] = {"meta_previous": [], "meta_next": [], "meta_context": []}
    for part in elements(root, f"{CONTEXT}/*"):
        if local_name(part) in ("ref", "ptr"):
            listed = context[_context_label(part.get("subtype", ""), part.get("type", ""))]
            pointer = _pointer(part, path)
            if pointer not in listed:  # (the next letter, and the next in this correspondence: the same one)
                listed.append(pointer)
        elif text := header_text(part):
            context["meta_context"].append(HeaderValue(text, language_of(part)))
    for label, values in context.items():
        add(label, tuple(values))
    return tuple(rows)


def _dated(part: etree._Element) -> tuple[str, ...]:
    """A date without words of its own, by its attributes (`dates.date_attributes`); () for anything else."""
    return date_attributes(part) if local_name(part) == "date" else ()


def _context_label(*kinds: str) -> str:
    """A letter's place in its correspondence by the pointer's type or subtype: the one before
    ("prev", "previous", CMIF's ".../prev-letter", Schnitzler's "previous_letter"), the one after
    ("next", ".../next-letter", "next_letter"), else related."""
    for kind in kinds:
        kind = kind.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1].lower()
        if kind.startswith("prev"):
            return "meta_previous"
        if kind.startswith("next"):
            return "meta_next"
    return "meta_context"


def _pointer(pointer: etree._Element, path: Path) -> HeaderValue:
    """A pointer to another letter: its text (else its target as written), with the web address or the
    TEI file (resolved, with its #id) it names. A relative target is a file beside this one, which the
    page links to if it is one of the edition's (as a link in the text is), else resolved against an
    http(s) `xml:base` if there is one (a Schnitzler letter's next letter, in this edition, was linked
    to the other edition's address its xml:base gives)."""
    target = " ".join(pointer.get("target", "").split()[:1])
    text = header_text(pointer) or target
    file, _, fragment = target.partition("#")
    document = str((path.parent / file).resolve()) + (f"#{fragment}" if fragment else "") \
        if not urlsplit(target).scheme and beside(file) else ""
    if not urlsplit(target).scheme and (base := xml_base(pointer)):
        target = urljoin(base, target)
    href = target if urlsplit(target).scheme in ("http", "https") else ""
    return HeaderValue(text, language_of(pointer), href=href, document=document)


def _sigled(siglum: str, description: str) -> str:
    """A witness as "siglum: description", its siglum once (a description may begin with it)."""
    if not siglum or description.split(" ", 1)[0] == siglum:
        return description or siglum
    return f"{siglum}: {description}" if description else siglum


def register_entry(name: etree._Element) -> tuple[str, str]:
    """The register entry (kind, id) a correspondent's persName, placeName or orgName points to, else
    ("", "")."""
    ref = name.get("ref", "").strip()
    if kind_of(name) and register_pointer(ref):
        return kind_of(name), ref.partition("#")[2]
    return "", ""


def header_mentions(root: etree._Element) -> list[Mention]:
    """The correspondents' names that point to register entries: mentions, which the entry's page
    links back to "About this document" (a letter's addressee may be named nowhere else)."""
    return [Mention(entity, ABOUT_ANCHOR, "header") for action in elements(root, CORRESPONDENCE)
            for part in action if (entity := register_entry(part)[1])]


