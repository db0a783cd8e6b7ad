"""Links and pointers (`ref`, `ptr`): where a TEI pointer may lead on a page of this site, and what
a link shows and holds."""
from __future__ import annotations

import re
from functools import cache
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urljoin, urlsplit

from lxml import etree

from tei_edition.layout import figure_numbers
from tei_edition.tei import NS, TEI_NS, XML_ID, local_name, normalize_space, text_of
from tei_edition.urls import article_path, folder_link

if TYPE_CHECKING:
    from tei_edition.inline import PageContext, Transformer
    from tei_edition.output import HtmlOutput

SAFE_SCHEMES = {"http", "https", "mailto"}
_ID_LIKE = re.compile(r"[^\W\d][\w-]*")  # a name an xml:id could be, not a file's ("essay.xml", "a/b")

_NOTE = f"{{{TEI_NS}}}note"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
_HEADER = f"{{{TEI_NS}}}teiHeader"


def safe_href(tx: Transformer, element: etree._Element, target: str) -> str:
    """The href of a TEI pointer: "#id" within the document, an http(s)/mailto URL, or another
    document of the edition (its TEI file); anything else (javascript:, data:, other file paths) is a
    located error."""
    target = expand_prefix(element, target.strip())  # (a private URI the header's prefixDef expands)
    if target.startswith("#"):
        return tx.id_href(escape(target[1:]))
    scheme = urlsplit(target).scheme.lower()
    other = (_other_document(tx, target) or _document_by_id(tx, target)) if not scheme else None
    if other is not None:
        return other
    if not scheme and (base := xml_base(element)):  # a reference relative to the document's xml:base
        target = urljoin(base, target)
        scheme = urlsplit(target).scheme.lower()
    if scheme not in SAFE_SCHEMES:
        shown = " ".join((element.get("target") or target).split())[:80]  # the attribute as written
        meant = f" (this document has an element with xml:id \"{target}\": write #{target})" \
            if not scheme and tx.target(element, target) is not None else \
            f" (an id is pointed to as #{target}, which TEI P4 wrote without '#'; but neither an element here nor " \
            f"a document of this edition, by its root's xml:id, has the id \"{target}\": give it to the element " \
            f"meant, add its document to edition.yaml, or remove the target)" \
            if not scheme and _ID_LIKE.fullmatch(target) else ""
        tx.error(element, f"<{local_name(element)} target=\"{shown}\">: a link must be #id, http(s):, mailto: or "
                          f"the TEI file of another document of this edition (as edition.yaml names it), or "
                          f"relative to an http(s) xml:base"
                          + (f" ('{target[:40]}' is not)" if shown != target[:80] else "") + meant)
        return "#"
    return escape(target, quote=True)


def expand_prefix(element: etree._Element, pointer: str) -> str:
    """A private URI (`tcp:15849:4`) as the header's `prefixDef` for its prefix expands it (its
    `matchPattern` matched, its `replacementPattern`'s $1, $2 … filled); any other pointer as it is."""
    prefix, colon, rest = pointer.partition(":")
    if not colon or not prefix.isidentifier():
        return pointer
    for definition in element.getroottree().iterfind(".//t:teiHeader//t:prefixDef", NS):
        if definition.get("ident") == prefix:
            try:
                found = re.fullmatch(definition.get("matchPattern") or "", rest)
            except re.error:
                return pointer
            if found:
                return _replaced(definition.get("replacementPattern") or "", found)
    return pointer


def _replaced(pattern: str, found: re.Match) -> str:
    """A prefixDef's replacementPattern with $1, $2 … its match's groups."""
    return re.sub(r"\$(\d)", lambda m: found.group(int(m.group(1))) or "", pattern)


def xml_base(element: etree._Element) -> str:
    """The absolute http(s) base URI in scope (XML Base: each `xml:base` from the root inwards, resolved
    against the one outside it), or "" (then a relative reference is a file beside the TEI)."""
    base = ""
    for holder in reversed([element, *element.iterancestors()]):
        value = holder.get(XML_BASE)
        if value is not None:
            base = urljoin(base, value.strip()) if base else value.strip()
    return base if urlsplit(base).scheme.lower() in ("http", "https") else ""


def beside(path: str) -> bool:
    """Whether a pointer's file part names a file beside the TEI or below it (not "", "/…", "..")."""
    return bool(path) and not path.startswith("/") and ".." not in Path(path).parts


def _other_document(tx: Transformer, target: str) -> str | None:
    """A link to another document of the edition (`letter-2.xml#p3`: its TEI file, beside this one):
    its reading page in the page's language (a translation's file: in the translation's), at the id.
    None if the file is not one of the edition's (the model's walk, which has no page, accepts any
    file beside the TEI: the pages check it)."""
    path, _, fragment = target.partition("#")
    if not beside(path):
        return None
    if tx.page is None:
        return "#" if (tx.path.parent / path).resolve().is_file() else None
    found = _document_of(tx, target)
    return _reading_page(tx.page, *found, fragment) if found is not None else None


def _reading_page(page: PageContext, doc_id: str, lang: str, fragment: str) -> str:
    """The href of a document's reading page (a translation's, for its language), at `fragment`."""
    href = page.root + folder_link(article_path(lang or page.lang, doc_id))
    return escape(href + (f"#{fragment}" if fragment else ""), quote=True)


def _document_by_id(tx: Transformer, target: str) -> str | None:
    """A link to another document of the edition by its root's xml:id, as a collection's letters point
    to each other (the Escher letters' `ref target="K_0762"`): its reading page, at the id after '#'."""
    name, _, fragment = target.partition("#")
    found = tx.documents_by_id.get(name) if _ID_LIKE.fullmatch(name) else None
    if found is None:
        return None
    if tx.page is None:  # (the model's walk: the pages make the link)
        return "#"
    doc_id, lang, _ = found
    return _reading_page(tx.page, doc_id, lang, fragment)


def ref(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """A link; a note inside it (a citation with its footnote) has its marker just after the link,
    since a link may not hold another (the marker is one)."""
    target = (element.get("target") or "").split()
    if not target and element.get("cRef"):
        canonical(tx, element, out)
        return
    if not target or _in_header(tx, element, target[0]):  # (the header is not on the page: no link to nowhere)
        tx.children(element, out)
        return
    words: Any = element.xpath("string(.)")  # (a comment's text is none of its words)
    if not words.strip() and all(isinstance(child, etree._Comment) for child in element):
        ptr(tx, element, out)  # a link without words (a comment inside it at most) shows where it leads
        return
    out.markup(f'<a class="ref" href="{safe_href(tx, element, target[0])}">')
    tx.children(element, out, skip=_is_note)
    out.markup("</a>")
    _notes_after(tx, element, out)


def _is_note(element: etree._Element) -> bool:
    return element.tag == _NOTE


def _notes_after(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """The markers of the notes a link holds, just after it (a link may not hold another: a marker is one)."""
    for note in element.iterfind("t:note", NS):
        tx.element(note, out)


def ptr(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """A pointer has no text: the link shows its target — within the document, a note's label ("Note
    3"), a figure's number, a bibliography entry's `n` (its short citation, "Schwartz et al. 2022"),
    else the target's heading (a division's, a table's), else its first words; an
    address elsewhere as it is. A pointer into the header (not on the page) shows its words, unlinked."""
    if not element.get("target") and element.get("cRef"):
        canonical(tx, element, out)
        return
    for target in (element.get("target") or "").split():
        found = _target(tx, element, target)
        other = _document_of(tx, target) if found is None else None
        by_id = tx.documents_by_id.get(target.partition("#")[0]) if found is None and other is None else None
        shown = _shown(tx, found) if found is not None else \
            (_title_of(str((tx.path.parent / target.partition("#")[0]).resolve())) or other[0]) if other else \
            (_title_of(by_id[2]) or target) if by_id else target
        if found is not None and _in_header(tx, element, target):
            out.text(shown)
        else:
            out.markup(f'<a class="ptr" href="{safe_href(tx, element, target)}">{escape(shown)}</a>')


@cache
def _title_of(tei_file: str) -> str:
    """Another document's title, as its header gives it (its main title, else its first): what a
    pointer to it with no words of its own shows (a letter's id, "l03815", said nothing)."""
    try:  # (read up to the header's titleStmt only: the rest of a long text is not needed)
        statement = next(element for _, element in etree.iterparse(tei_file, tag=f"{{{TEI_NS}}}titleStmt"))
    except (OSError, etree.XMLSyntaxError, StopIteration):
        return ""
    titles = statement.findall("t:title", NS)
    main = [title for title in titles if title.get("type") == "main"] or titles
    return normalize_space(text_of(main[0])) if main else ""


def canonical(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """A canonical reference (`cRef="LXX:Ps:104:13"`): a link where the header's cRefPattern turns it
    into a web address, else the reference as text; an empty one shows the reference itself."""
    reference = " ".join(element.get("cRef", "").split())
    address = canonical_address(element, reference)
    out.markup(f'<a class="ref cref" href="{escape(address, quote=True)}">' if address else '<span class="cref">')
    if text_of(element).strip():
        tx.children(element, out, skip=_is_note)
    else:
        out.text(reference)
    out.markup("</a>" if address else "</span>")
    _notes_after(tx, element, out)


def canonical_address(element: etree._Element, reference: str) -> str:
    """The http(s) address a canonical reference resolves to by the first `cRefPattern` of the header
    whose `matchPattern` (a regular expression) matches it whole (of the refsDecl its `decls` names,
    if any), `$1`, `$2` … replaced; "" if none does."""
    root = element.getroottree().getroot()
    declarations = root.findall("t:teiHeader//t:refsDecl", NS)
    named = {value[1:] for value in (element.get("decls") or "").split() if value.startswith("#")}
    chosen = [d for d in declarations if d.get(XML_ID) in named] or declarations
    for pattern in (p for declaration in chosen for p in declaration.iterfind("t:cRefPattern", NS)):
        try:
            match = re.fullmatch(pattern.get("matchPattern", ""), reference)
        except re.error:
            continue
        if match:
            address = pattern.get("replacementPattern", "")
            for number, group in enumerate(match.groups(), start=1):
                address = address.replace(f"${number}", group or "")
            return address if urlsplit(address).scheme.lower() in ("http", "https") else ""
    return ""


# How much of a pointer's target it shows when the target has no heading or label.
SHOWN_WORDS = 40


def _target(tx: Transformer, element: etree._Element, target: str) -> etree._Element | None:
    """The element of this document that `#id` points to (None for an address elsewhere)."""
    return tx.target(element, target[1:]) if target.startswith("#") else None


def _shown(tx: Transformer, found: etree._Element) -> str:
    note = tx.note_of.get(found) if found.tag == _NOTE else None
    if note is not None:
        return str(tx.strings["note_label"].format(number=note.label))
    number = figure_numbers(found.getroottree().getroot()).get(found) if found.tag == _FIGURE else None
    if number is not None:
        return str(tx.strings["figure_label"].format(number=number))
    if found.tag in _CITED and found.get("n", "").strip():  # (its short citation: "Schwartz et al. 2022")
        return normalize_space(found.get("n", ""))
    head = found.find("t:head", NS)
    words = normalize_space("".join(_words(head if head is not None else found)))
    return words if len(words) <= SHOWN_WORDS else words[:SHOWN_WORDS].rsplit(" ", 1)[0] + "…"


_FIGURE = f"{{{TEI_NS}}}figure"
_CITED = {f"{{{TEI_NS}}}{name}" for name in ("bibl", "biblStruct", "biblFull")}  # shown by their `n` where given
_NOT_WORDS = {f"{{{TEI_NS}}}{name}" for name in ("note", "rdg", "fw", "figDesc")}  # (not its running text)


def _words(element: etree._Element) -> Any:
    """The running text of an element: without its notes and the readings of its apparatus."""
    if element.text:
        yield element.text
    for child in element:
        if child.tag not in _NOT_WORDS and isinstance(child.tag, str):
            yield from _words(child)
        if child.tail:
            yield child.tail


def _document_of(tx: Transformer, target: str) -> tuple[str, str] | None:
    """(document id, version language) of the edition's TEI file that `target` names (None if none)."""
    path = target.partition("#")[0]
    if not path or tx.page is None or urlsplit(target).scheme:
        return None
    return tx.page.documents.get(str((tx.path.parent / path).resolve()))


def _in_header(tx: Transformer, element: etree._Element, target: str) -> bool:
    """Whether `#id` points into the TEI header (a witness, a bibliography entry there)."""
    found = _target(tx, element, target)
    return found is not None and any(ancestor.tag == _HEADER for ancestor in found.iterancestors())


def doi_url(doi: str) -> str:
    """The resolver URL of a DOI, percent-encoded so that no character of it can end an attribute."""
    return "https://doi.org/" + quote(doi, safe="/:;()._-~")
