"""Whom the TEI header names, for the model and the citations: the document's authors (else, of a
letter, its sender), its titles by language, its source (`SourceInfo`), a translation's translators."""
from __future__ import annotations

from typing import Any

from lxml import etree

from tei_edition.model import Contributor, SourceInfo
from tei_edition.tei import NS, XML_LANG, date_parts, local_name, normalize_space, text_of

CORRESPONDENCE = "t:teiHeader/t:profileDesc/t:correspDesc/t:correspAction"


def person_name(author: etree._Element) -> str:
    """An author's name, without what else the element holds (an affiliation, an e-mail address):
    its persName, name or orgName if it has one; a forename and a surname with a space between them
    (a TEI file may have none)."""
    named = next((child for child in author if local_name(child) in ("persName", "name", "orgName")), author)
    parts = [(local_name(part), normalize_space(text_of(part))) for part in named if local_name(part) in _NAME_PARTS]
    kinds = [kind for kind, _ in parts]
    if parts:
        # A surname marked before the forename (DHConvalidator's order) is the family name all the
        # same: the name reads forename first, as a citation's name parser takes it.
        if "forename" in kinds and "surname" in kinds and kinds.index("surname") < kinds.index("forename"):
            parts = [p for p in parts if p[0] != "surname"] + [p for p in parts if p[0] == "surname"]
        return " ".join(text for _, text in parts if text)
    if named is author:  # its own text, less the parts that are no name
        kept = [author.text or ""] + [(text_of(child) if local_name(child) not in _NOT_NAME else "")
                                      + (child.tail or "") for child in author]
        return normalize_space("".join(kept)).strip(" ,;")
    return normalize_space(text_of(named))


_NAME_PARTS = {"forename", "surname", "roleName", "genName", "nameLink", "addName"}
_NOT_NAME = {"affiliation", "email", "idno", "address", "note", "ptr", "ref"}


def source_info(root: etree._Element) -> SourceInfo:
    def text(xpath: str) -> str:
        found = root.xpath(xpath, namespaces=NS)
        first = found[0] if isinstance(found, list) and found else None
        return normalize_space(text_of(first) if isinstance(first, etree._Element) else str(first or ""))
    bibl = "//t:sourceDesc/t:biblStruct"
    date = f"{bibl}/t:monogr/t:imprint/t:date"  # its when, else its text as a date ("1908")
    parts = date_parts(text(f"{date}/@when")) or date_parts(text(date)) or ()
    first_author = root.find(".//t:sourceDesc/t:biblStruct/t:analytic/t:author", NS)
    return SourceInfo(
        author=person_name(first_author) if first_author is not None else "",
        title=text(f"{bibl}/t:analytic/t:title"),
        journal=text(f"{bibl}/t:monogr/t:title"), year=str(parts[0]) if parts else "",
        issue=text(f"{bibl}/t:monogr//t:biblScope[@unit='issue']/@n")
        or text(f"{bibl}/t:monogr//t:biblScope[@unit='issue']"),
        pages=(text(f"{bibl}/t:monogr//t:biblScope[@unit='page']/@from"),
               text(f"{bibl}/t:monogr//t:biblScope[@unit='page']/@to")),
        doi=text(f"{bibl}/t:analytic/t:idno[translate(@type, 'doi', 'DOI') = 'DOI']"),  # "DOI" or "doi"
        date_parts=parts, lang=root.get(XML_LANG) or "",
        authors=tuple(tuple((name.get(XML_LANG) or root.get(XML_LANG) or "", person_name(name))
                            for name in author.iterfind("t:persName", NS)) or
                      ((root.get(XML_LANG) or "", person_name(author)),)
                      for author in root.iterfind("t:teiHeader/t:fileDesc/t:titleStmt/t:author", NS))
        or _senders(root),
        titles=_titles_by_language(root),
        published=date_parts(text(f"{PUBLICATION}/@when")) or date_parts(text(PUBLICATION)) or ())


PUBLICATION = "t:teiHeader/t:fileDesc/t:publicationStmt/t:date"


def _senders(root: etree._Element) -> tuple[tuple[tuple[str, str], ...], ...]:
    """A letter's authors where its header names none: who its `correspDesc` says sent it (Escher's
    letters name him only there); the home page and the citations name them as its authors."""
    return tuple(((name.get(XML_LANG) or root.get(XML_LANG) or "", person_name(name)),)
                 for name in root.iterfind(f"{CORRESPONDENCE}[@type='sent']/*", NS)
                 if local_name(name) in ("persName", "orgName", "name") and person_name(name)
                 and name.get("type") not in _NOT_SENDERS)


# A name in the sending's correspAction that its type says is not the sender's (Escher's letters name
# the addressee there too, typed).
_NOT_SENDERS = ("addressee", "recipient", "receiver")


def _titles_by_language(root: etree._Element) -> tuple[tuple[str, str], ...]:
    """The document's own titles, each with its language: the main ones (or those of no type), then,
    for a language they do not give, an alternative or translated title (an article's English title
    beside its French one, `type="alt"`)."""
    found: dict[str, str] = {}
    titles = root.findall("t:teiHeader/t:fileDesc/t:titleStmt/t:title", NS)
    for kinds in ((None, "main"), ("alt", "alternative", "translated", "parallel")):
        for title in titles:
            lang = title.get(XML_LANG) or root.get(XML_LANG) or ""
            if title.get("type") in kinds and lang not in found:
                found[lang] = normalize_space(text_of(title))
    return tuple(found.items())


def translators(root: etree._Element) -> tuple[Contributor, ...]:
    """A translation's translators: `editor role="translator"` (or MARC's "trl", Perseus's "transl")
    or the `respStmt` with the id "translator" in its titleStmt (README, "Publishing another
    document"); else those its source names so (`sourceDesc//name role="translator"`: a Loeb
    translation transcribed). An `orgName` is an organisation; a `persName`, a `name` or an
    `editor`'s text, a person."""
    statement = "t:teiHeader/t:fileDesc/t:titleStmt"
    found: Any = root.xpath(f"{statement}/t:editor[{TRANSLATOR}] | "
                            f"{statement}/t:respStmt[@xml:id='translator']/*[self::t:orgName or self::t:persName "
                            f"or self::t:name]", namespaces=NS) or \
        root.xpath(f"t:teiHeader/t:fileDesc/t:sourceDesc//*[self::t:editor or self::t:name or self::t:persName]"
                   f"[{TRANSLATOR}]", namespaces=NS)
    return tuple(_contributor(e) for e in found if isinstance(e, etree._Element))


TRANSLATOR = "@role='translator' or @role='transl' or @role='trl'"


def _contributor(element: etree._Element) -> Contributor:
    inner: Any = element.xpath("t:persName | t:orgName", namespaces=NS) if local_name(element) == "editor" else []
    named = inner[0] if inner else element  # an editor may name its person or organisation inside
    parts = {part: normalize_space(" ".join(text_of(e) for e in named.iterfind(f".//t:{part}", NS)))
             for part in ("surname", "forename")}
    return Contributor(normalize_space(text_of(element)), local_name(named) != "orgName",
                       parts["surname"], parts["forename"])
