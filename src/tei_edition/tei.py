"""Find and parse a TEI document (well-formed, nothing in it a browser would run), and read its parts.

The project's rules beyond well-formedness: conventions.py; the schema: schema.py.

lxml keeps each element's source line, so every problem is reported as `file:line: message`.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from lxml import etree

from tei_edition.errors import Collector, EditionError, decode_utf8, read_bytes

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NS = {"t": TEI_NS}
# Attributes whose values point to elements (TEI's teidata.pointer): a "#id" among them names an element
# of the same file (a quotation's `source`, a hand's, where a span ends). Not a `rendition` (DTA's "#hr"
# names its guidelines' renditions, declared in no file) nor a witness (a siglum alone is shown as such).
POINTER_ATTRIBUTES = ("corresp", "sameAs", "ana", "ref", "resp", "who", "target", "next", "prev", "source",
                      "hand", "spanTo", "targetEnd", "decls")
_LANGUAGE = etree.XPath("ancestor-or-self::*[@xml:lang][1]/@xml:lang")  # compiled once: asked of every line


def language_of(element: etree._Element) -> str:
    """The language an element is in: its own `xml:lang`, or its nearest ancestor's ("" if none)."""
    found: Any = _LANGUAGE(element)
    return str(found[0]) if found else ""


def source_line(node: etree._Element) -> int | None:
    """The line of a node in its file. (lxml-stubs declares `sourceline = ...`, which mypy would
    read as an Ellipsis: the one place that says what it is.)"""
    line: int | None = node.sourceline  # type: ignore[assignment]
    return line


def text_of(node: etree._Element) -> str:
    """All the text inside a node (lxml-stubs types itertext as str | bytes; it is str here)."""
    return "".join(str(part) for part in node.itertext())


def by_id(node: etree._Element) -> dict[str, etree._Element]:
    """Every element of `node`'s document by its xml:id (`inline.Transformer.target` keeps it): TEI's
    own, not an example's markup (`egXML`, in another namespace)."""
    root = node.getroottree().getroot()
    return {element.get(XML_ID, ""): element for element in root.iter(f"{{{TEI_NS}}}*") if element.get(XML_ID)}


def elements(node: etree._Element | etree._ElementTree, xpath: str, **variables: str) -> list[etree._Element]:
    """The elements an XPath (with the TEI prefix t:) selects."""
    found: Any = _xpath(xpath)(node, **variables)
    return [item for item in found if isinstance(item, etree._Element)] if isinstance(found, list) else []


@cache
def _xpath(expression: str) -> etree.XPath:
    """A compiled XPath (the same few expressions are evaluated on every document)."""
    return etree.XPath(expression, namespaces=NS)


def attr(element: etree._Element, name: str) -> str:
    """An attribute's value, "" when absent."""
    return element.get(name) or ""


def tei(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


def document_text(root: etree._Element) -> etree._Element | None:
    """What a reading page shows of a document: its `<text>`, else (a documentary edition's
    transcription) its `<sourceDoc>`: surfaces, their zones and lines."""
    text = root.find("t:text", NS)
    return text if text is not None else root.find("t:sourceDoc", NS)


def in_text(tree: Any, name: str) -> Iterator[etree._Element]:
    """The elements `name` of the document's text (`document_text`), each once, in document order
    (ElementPath's ".//t:text//t:pb" gives a page of a `<group>`'s inner text twice: once for each
    `text` above it)."""
    text = document_text(tree.getroot() if isinstance(tree, etree._ElementTree) else tree)
    return text.iter(f"{{{TEI_NS}}}{name}") if text is not None else iter(())


def local_name(element: etree._Element) -> str:
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def normalize_space(text: str) -> str:
    return " ".join(text.split())


def corresp_target(element: etree._Element, file: str) -> str | None:
    """The id in `file` that `corresp="file#id"` points to, or None if it points elsewhere."""
    corresp = element.get("corresp") or ""
    prefix = f"{file}#"
    return corresp[len(prefix):] if corresp.startswith(prefix) else None


# Namespaces whose elements a browser runs or renders when it opens the published TEI as XML.
ACTIVE_NAMESPACES = {"http://www.w3.org/1999/xhtml": "XHTML", "http://www.w3.org/2000/svg": "SVG",
                     "http://www.w3.org/1998/Math/MathML": "MathML", "http://www.w3.org/1999/xlink": "XLink"}


_ROOT_START = re.compile(r"<[A-Za-z_]")
_STYLESHEET = re.compile(r"<\?xml-stylesheet\b")
_STYLESHEET_REFUSED = ("an xml-stylesheet instruction is not allowed: a browser opening the published TEI would "
                       "apply it (an XSLT's code runs; a CSS file loads, perhaps from another host); remove it")


def _check_prolog(text: str, path: Path) -> None:
    """Refuse a DOCTYPE before lxml sees it: its entities could name files that would be opened."""
    position = 0
    while True:
        while position < len(text) and text[position] in " \t\r\n":
            position += 1
        if text.startswith("<?", position):
            end = text.find("?>", position)
        elif text.startswith("<!--", position):
            end = text.find("-->", position)
        else:
            break
        if end < 0:
            return  # unterminated: the parser reports it
        position = end + 2
    if text.startswith("<!DOCTYPE", position):
        errors = Collector()
        errors.add(path, text.count("\n", 0, position) + 1,
                   "a DOCTYPE is not allowed in a TEI file of the edition (its entities would be read from other "
                   "files, or silently dropped): remove it and write the text itself")
        # (with it, the file is not parsed: what else its prolog holds that would be refused, said now)
        root = _ROOT_START.search(text, position)
        for found in _STYLESHEET.finditer(text, 0, root.start() if root else len(text)):
            errors.add(path, text.count("\n", 0, found.start()) + 1, _STYLESHEET_REFUSED)
        errors.raise_if_any()
    declared = re.match(r"<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']*)[\"']", text.lstrip("\ufeff"))
    if declared and declared.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise EditionError.at(path, 1, f"the XML declaration says encoding=\"{declared.group(1)}\", but the "
                                       f"edition's TEI files are UTF-8: write encoding=\"UTF-8\" and save as UTF-8")


def parse(path: Path) -> etree._ElementTree:
    """Parse a UTF-8 TEI file without DTD, network or entity expansion; any problem is a located error."""
    data = read_bytes(path)
    _check_prolog(decode_utf8(data, path), path)
    # collect_ids=False: duplicate xml:ids are reported by check_rules, with both lines.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_comments=False,
                             collect_ids=False, huge_tree=False)
    try:
        tree = etree.ElementTree(etree.fromstring(data, parser))
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else exc.lineno
        message = re.sub(r", line \d+, column \d+$", "", exc.msg or str(exc))
        raise EditionError.at(path, line, f"malformed XML: {message}") from None
    _check_publishable(tree, path)
    return tree


def root_id(path: Path) -> str:
    """The xml:id of a TEI file's root (a collection's letter, "K_0762"), from the file's first bytes
    (the parser stops at the root's start tag; the document is read whole when its turn comes); ""
    if it has none or cannot be read (reading the document says why)."""
    try:
        with path.open("rb") as handle:
            for _, root in etree.iterparse(handle, events=("start",), resolve_entities=False, no_network=True,
                                           load_dtd=False, huge_tree=False):
                return root.get(XML_ID) or ""
    except (OSError, etree.XMLSyntaxError):
        pass
    return ""


# What a browser would run or render in the published TEI, found by libxml2: elements and
# attributes in those namespaces, and xml-stylesheet instructions.
_ACTIVE = etree.XPath(" | ".join(f"//*[namespace-uri()='{ns}'] | //@*[namespace-uri()='{ns}']"
                                 for ns in ACTIVE_NAMESPACES)
                      + " | //processing-instruction('xml-stylesheet')"
                      + " | /processing-instruction('xml-stylesheet')")


def _check_publishable(tree: etree._ElementTree, path: Path) -> None:
    """The TEI is published as it is: nothing in it may become active when a browser opens it."""
    errors = Collector()
    found: Any = _ACTIVE(tree)
    for node in found:
        if isinstance(node, etree._ProcessingInstruction):
            errors.add(path, source_line(node), _STYLESHEET_REFUSED if node.getparent() is None else
                       "an xml-stylesheet instruction is not allowed; remove it")
        elif isinstance(node, etree._Element):
            namespace = etree.QName(node).namespace or ""
            errors.add(path, source_line(node), f"<{etree.QName(node).localname}> is an "
                                              f"{ACTIVE_NAMESPACES[namespace]} element: a browser opening the "
                                              f"published TEI would render or run it; describe it in TEI instead")
        else:  # an attribute (lxml gives its value, with the element it belongs to)
            name = etree.QName(node.attrname)
            errors.add(path, source_line(node.getparent()), f"the attribute {name.localname} in the "
                                                          f"{ACTIVE_NAMESPACES[name.namespace or '']} namespace is "
                                                          f"not allowed in a published TEI file; remove it")
    errors.raise_if_any()


def headless_bibliography(element: etree._Element) -> bool:
    """Whether an element is the back's bibliography without a division or a heading (DHQ's
    `<back><listBibl>`): headed as a division typed "bibliography" is, its id the section's."""
    parent = element.getparent()
    return element.tag == f"{{{TEI_NS}}}listBibl" and parent is not None and parent.tag == f"{{{TEI_NS}}}back" \
        and element.find(f"{{{TEI_NS}}}head") is None


def date_parts(when: str) -> tuple[int, ...] | None:
    """"2020" -> (2020,), "2020-05" -> (2020, 5), "2020-05-17" -> (2020, 5, 17); None if not such a date."""
    match = re.fullmatch(r"([0-9]{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12][0-9]|3[01]))?)?", when)
    return tuple(int(part) for part in match.groups() if part) if match else None


# A print's lines: line breaks in its prose, not only a letter's closing lines (a manuscript letter's
# few lb in its closer and address made it a "print" of one line per page).
_PROSE_LINES = etree.XPath("(.//t:p//t:lb | .//t:ab//t:lb | .//t:head//t:lb | .//t:item//t:lb | .//t:cell//t:lb"
                           " | .//t:titlePart//t:lb)[1]", namespaces=NS)


def printed_text(text: etree._Element) -> bool:
    """Whether a `text` is a print laid out in numbered pages and lines: the print view's test
    (`diplomatic.print_layout`) and the ledger's, whose anchors then mean print places."""
    return text.find(".//t:pb[@n]", NS) is not None and bool(_PROSE_LINES(text))


class PageNumber(str):
    """The number of a page that an earlier page of the same pagination has too (a misnumbered
    print's second "56", a book of parts each numbered from 1), as printed, knowing the id of its
    marker (`page_anchor`): the first such page is #page-56, the next #page-56-2, then #page-56-3."""

    anchor: str

    @classmethod
    def at(cls, number: str, anchor: str) -> str:
        made = cls(number)
        made.anchor = anchor
        return made


def page_number(pb: etree._Element) -> str:
    """A page break's number as its marker shows it and its id (#page-<number>) names it: its `n`; a
    page of another edition's pagination (`ed`: a reprint's, a manuscript's other foliation) "<ed>-<n>"
    ("" for a break without `n`). An edition pointed to (`edRef="#A"`) is named by its id. A number
    an earlier page has is a `PageNumber`."""
    number = _plain_number(pb)
    anchor = _repeated_pages(pb.getroottree().getroot()).get(pb) if number else None
    return PageNumber.at(number, anchor) if anchor else number


def page_anchor(number: str) -> str:
    """The id of a page's marker: "page-<number>"; a number the source does not print, given in
    brackets (DTA's "[1]"), is addressed without them ("page-1") and shown with them; its spaces, and
    what a link's fragment cannot hold, are hyphens ("plate facing page 10": "page-plate-facing-page-10",
    "267 [sic]": "page-267-sic"); a number an earlier page has too, by its place among them (`PageNumber`)."""
    return getattr(number, "anchor", "") or "page-" + _NOT_IN_ADDRESS.sub("-", number).strip("-")


# What a page's address writes as a hyphen: spaces, brackets ("[1]", "161[261]", "267 [sic]") and the
# characters a link's fragment cannot hold as they are.
_NOT_IN_ADDRESS = re.compile(r'[\s\[\]#%"<>`\\{}|^]+')


@lru_cache(maxsize=16)
def _repeated_pages(root: etree._Element) -> dict[etree._Element, str]:
    """The markers' ids of the pages whose number an earlier page of the same pagination has."""
    seen: dict[str, int] = {}
    found: dict[etree._Element, str] = {}
    addressed = [(pb, page_anchor(_plain_number(pb))) for pb in in_text(root, "pb") if pb.get("n")]
    taken = {anchor for _, anchor in addressed}
    for pb, anchor in addressed:
        seen[anchor] = seen.get(anchor, 0) + 1
        if seen[anchor] > 1:
            place = seen[anchor]
            while f"{anchor}-{place}" in taken:  # (a page numbered "56-2" keeps its own)
                place += 1
            found[pb] = f"{anchor}-{place}"
            taken.add(found[pb])
    return found


def _plain_number(pb: etree._Element) -> str:
    n, ed = pb.get("n") or "", other_pagination(pb)
    return f"{ed}-{n}" if n and ed else n


def other_pagination(element: etree._Element) -> str:
    """The edition whose pagination (a page break's) or lineation (a line break's) a break records, if
    not the document's own ("" if its own). An edition that every page break of the document names is
    its own (Menota's `ed="ms"`, CBETA's `ed="X"` on each page: its only pagination, not another's)."""
    ed = _edition_named(element)
    return "" if not ed or ed == _own_edition(element.getroottree().getroot()) else ed


def _edition_named(element: etree._Element) -> str:
    """The edition a break names (`ed`, or the id `edRef` points to), "" if none."""
    return element.get("ed") or (element.get("edRef") or "").split("#")[-1].strip()


@lru_cache(maxsize=16)
def _own_edition(root: etree._Element) -> str:
    """The edition every page break of a document names, if they all name one ("" else)."""
    named = {_edition_named(pb) for pb in root.iter(f"{{{TEI_NS}}}pb")}
    return next(iter(named)) if len(named) == 1 else ""


_TITLE_PARTS = {"titleStmt", "docTitle", "titlePart", "titlePage"}


def in_title(element: etree._Element) -> bool:
    """Whether an element stands in the document's title (its header's or its title page's)."""
    return any(local_name(ancestor) in _TITLE_PARTS for ancestor in (element, *element.iterancestors()))


def lost_note(note: etree._Element) -> bool:
    """A note whose text is lost: nothing in it but an omission (`<note><gap reason="lost"/></note>`).
    A note with words beside a gap (an illegible letter of a marginal reference) is a note."""
    children = [child for child in note if isinstance(child.tag, str)]
    return bool(children) and all(child.tag == _GAP for child in children) \
        and not (note.text or "").strip() and not any((child.tail or "").strip() for child in children)


_GAP = f"{{{TEI_NS}}}gap"


def numbered_paragraph(paragraph: etree._Element) -> bool:
    """A paragraph of the body's running text (in its divisions), which the pages number \u00b6 1, 2 ...;
    not one of the front or back matter, nor one inside a note, quotation, list or figure."""
    for ancestor in paragraph.iterancestors():
        name = local_name(ancestor)
        if name == "body":
            return True
        if name not in DIVISIONS:
            return False
    return False


DIVISIONS = frozenset({"div", "div1", "div2", "div3", "div4", "div5"})  # the divisions the ODD keeps
