"""The citation trees of one document version, for Distributed Text Services (README, "Distributed
Text Services"), and the TEI passage each of their units names, cut from the TEI with lxml.

A version has a tree of its units — the divisions, paragraphs, notes, tables (and other blocks)
that carry an `xml:id`, each under the nearest such unit that contains it — and, if its TEI marks
print pages (`pb` with an `xml:id`), a second tree of those pages. A unit's passage is a copy of
its element; a page's is what stands between its `pb` and the next one, with the elements it
begins or ends inside cut down to what is on the page (their structure and ids kept).
"""
from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass
from functools import cached_property

from lxml import etree

from tei_edition.layout import division_number, numbered_by_depth
from tei_edition.tei import NS, TEI_NS, XML_ID, language_of, local_name, normalize_space, text_of

DTS_NS = "https://w3id.org/api/dts#"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
# The TEI elements that are citable units, and what DTS calls each kind (its `citeType`).
CITE_TYPES = {"div": "section", "p": "paragraph", "ab": "paragraph", "note": "note", "table": "table",
              "figure": "figure", "lg": "verse", "list": "list", "listBibl": "bibliography", "quote": "quotation"}
PAGES = "pages"  # the identifier of the print pages' tree (the units' tree is the default: it has none)


@dataclass(frozen=True)
class Unit:
    """One citable unit: its identifier (the element's `xml:id`, the anchor the reading page carries)."""

    identifier: str
    cite_type: str
    level: int  # 1 at the top of its tree
    parent: str | None
    element: etree._Element
    title: str = ""  # a division's heading
    lang: str = ""  # its language (the nearest xml:lang): an abstract may be in another than the text's


@dataclass(frozen=True)
class CitationTree:
    identifier: str | None  # None: the version's default tree
    units: tuple[Unit, ...]  # in document order
    description: str

    @cached_property
    def by_id(self) -> dict[str, Unit]:
        return {unit.identifier: unit for unit in self.units}

    @property
    def depth(self) -> int:
        return max((unit.level for unit in self.units), default=0)

    def structure(self) -> list[dict]:
        """The `citeStructure` of the tree: every path of kinds from the top that its units take,
        each kind once per level under its parent kind, in the order they first occur."""
        root: dict[str, dict] = {}
        for unit in self.units:
            node = root
            for kind in self._kinds_down_to(unit):
                node = node.setdefault(kind, {})

        def structures(node: dict[str, dict]) -> list[dict]:
            return [{"@type": "CiteStructure", "citeType": kind, **({"citeStructure": structures(children)}
                                                                    if children else {})}
                    for kind, children in node.items()]
        return structures(root)

    def _kinds_down_to(self, unit: Unit) -> list[str]:
        kinds = [unit.cite_type]
        while unit.parent is not None:
            unit = self.by_id[unit.parent]
            kinds.append(unit.cite_type)
        return kinds[::-1]

    def members(self, ref: Unit | None, down: int | None) -> list[Unit] | None:
        """The `member` of a Navigation request (DTS 1.0, "Usage of down, ref, start and end"):
        None where the response has no member; `down` -1 means to the bottom of the tree."""
        if down is None:
            return None
        if ref is None:
            return [u for u in self.units if down == -1 or u.level <= down]
        if down == 0:
            return list(self._children.get(ref.parent, ()))
        return [ref, *(u for u in self._descendants.get(ref.identifier, ())
                       if down == -1 or u.level <= ref.level + down)]

    @cached_property
    def _children(self) -> dict[str | None, list[Unit]]:
        """Each unit's children (None: the top's), in document order."""
        found: dict[str | None, list[Unit]] = {}
        for unit in self.units:
            found.setdefault(unit.parent, []).append(unit)
        return found

    @cached_property
    def _descendants(self) -> dict[str, list[Unit]]:
        """Each unit's descendants, in document order (the units are in document order, each after
        its parent): asked of every unit for every `down`, once."""
        found: dict[str, list[Unit]] = {}
        for unit in self.units:
            parent = unit.parent
            while parent is not None:
                found.setdefault(parent, []).append(unit)
                parent = self.by_id[parent].parent
        return found


def citation_trees(tree: etree._ElementTree) -> tuple[CitationTree, ...]:
    """The version's units' tree, then (if it marks print pages) its pages' tree."""
    text = tree.getroot().find("t:text", NS)
    if text is None:
        return (CitationTree(None, (), "no text"),)
    units: list[Unit] = []
    levels: dict[str, int] = {}
    by_depth = numbered_by_depth(tree.getroot())

    def visit(element: etree._Element, parent: str | None) -> None:
        for child in element:
            name, identifier = local_name(child), child.get(XML_ID)
            if name in CITE_TYPES and identifier:
                level = levels[parent] + 1 if parent else 1
                levels[identifier] = level
                head = child.find("t:head", NS) if name == "div" else None
                title = normalize_space(text_of(head)) if head is not None else \
                    division_number(child, by_depth) if name == "div" else ""
                # (a classical text's division names its kind: `div type="textpart" subtype="chapter"`)
                cite_type = (child.get("subtype") or CITE_TYPES[name]) if name == "div" else CITE_TYPES[name]
                units.append(Unit(identifier, cite_type, level, parent, child, title, language_of(child)))
                visit(child, identifier)
            elif name:
                visit(child, parent)
    visit(text, None)
    trees = [CitationTree(None, tuple(units), "the text's units: sections, paragraphs, notes, tables, in "
                                              "reading order, as the reading page's anchors (#p12)")]
    pages = tuple(Unit(pb.get(XML_ID) or "", "page", 1, None, pb)
                  for pb in text.iter(f"{{{TEI_NS}}}pb") if pb.get(XML_ID))
    if pages:
        trees.append(CitationTree(PAGES, pages, "the pages of the print, by their anchors (#page-166)"))
    return tuple(trees)


def version_title(tree: etree._ElementTree) -> str:
    """The version's main title, from its TEI header."""
    titles = tree.getroot().findall("t:teiHeader/t:fileDesc/t:titleStmt/t:title", NS)
    main = [t for t in titles if t.get("type") == "main"] or titles
    return normalize_space(text_of(main[0])) if main else ""


def passage(tree: etree._ElementTree, citation: CitationTree, unit: Unit, xml_base: str = "") -> bytes:
    """The Document endpoint's answer for one unit: `<TEI><dts:wrapper>` around its TEI. `xml_base`:
    the address of the TEI it is cut from, against which its pointers resolve (`registers.xml#x`,
    `#editors`) wherever the passage is served."""
    root = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS})  # type: ignore[dict-item]  # lxml-stubs
    lang = tree.getroot().get(XML_LANG)
    if lang:
        root.set(XML_LANG, lang)
    if xml_base:
        root.set(XML_BASE, xml_base)
    wrapper = etree.SubElement(root, f"{{{DTS_NS}}}wrapper", nsmap={"dts": DTS_NS})
    if citation.identifier == PAGES:
        wrapper.extend(_page(unit.element, citation))
    else:
        copy = deepcopy(unit.element)
        copy.tail = None
        wrapper.append(copy)
    etree.cleanup_namespaces(root)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="unicode") + "\n").encode()


def _page(pb: etree._Element, citation: CitationTree) -> list[etree._Element]:
    """What stands between `pb` and the next page's `pb` (or the end of the text): the parts of
    `text` that hold it, each element cut where the page begins and ends."""
    index = next(i for i, unit in enumerate(citation.units) if unit.element is pb)
    following = citation.units[index + 1].element if index + 1 < len(citation.units) else None
    text = next(a for a in pb.iterancestors() if local_name(a) == "text")
    copy = deepcopy(text)
    start, end = _same_in(copy, text, pb), _same_in(copy, text, following) if following is not None else None
    _cut_before(start, copy)
    if end is not None:
        _cut_from(end, copy)
    return [child for child in copy if isinstance(child.tag, str)]


def _same_in(copy: etree._Element, original: etree._Element, element: etree._Element) -> etree._Element:
    """The element of `copy` (a deep copy of `original`) that stands where `element` stands in `original`."""
    path = []
    while element is not original:
        parent = element.getparent()
        assert parent is not None
        path.append(parent.index(element))
        element = parent
    for index in reversed(path):
        copy = copy[index]
    return copy


def _cut_before(start: etree._Element, top: etree._Element) -> None:
    """Remove everything before `start` inside `top` (its ancestors stay, without their earlier text)."""
    node = start
    while node is not top:
        parent = node.getparent()
        assert parent is not None
        for sibling in list(node.itersiblings(preceding=True)):
            parent.remove(sibling)
        parent.text = None
        node = parent


def _cut_from(end: etree._Element, top: etree._Element) -> None:
    """Remove `end` and everything after it inside `top`."""
    node = end
    while node is not top:
        parent = node.getparent()
        assert parent is not None
        for sibling in list(node.itersiblings()):
            parent.remove(sibling)
        if node is end:
            parent.remove(node)
        else:
            node.tail = None
        node = parent
