"""Full-text search (Pagefind): one record per passage of every reading page, so that a result
leads to the paragraph, note or table (`…/#p12`) with its print page, not only to the page.

Records are taken from the reading pages as built (the words a reader sees, a word broken by a
page break whole), each in its page's language, so that Pagefind stems it with that language's
stemmer. Pagefind (its binary, as a service: `search_index.SearchIndex`) makes the index: a folder of
static files that the search page's script reads in the browser. Nothing here runs in the reader's browser
except Pagefind's own script and the edition's small search page script.
"""
from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass
from typing import Any

from lxml import etree

from tei_edition.model import Document

# The passages of a reading page: body and abstract paragraphs, notes, tables (not the text of a
# citation box, which repeats the title).
_PASSAGES = etree.XPath("//main//p[@id][not(ancestor::details)] | //main//li[@id][contains(@class, 'note')]"
                        " | //main//table[@id]")
_IS_PASSAGE = etree.XPath("self::p[@id] | self::li[@id][contains(@class, 'note')] | self::table[@id]")
# A block that holds a passage, or another block with an id of its own (a speech of a play): its
# parts are recorded apart.
_HOLDS_PASSAGE = etree.XPath("boolean(.//p[@id] | .//li[@id][contains(@class, 'note')] | .//table[@id] | "
                             ".//*[@id][self::div or self::section or self::blockquote or self::figure or self::ul "
                             "or self::ol or self::dl])")
# Where a reading page shows the TEI's text (its title page and front are in the page's header).
_TEXT_CONTAINERS = etree.XPath("//main//div[contains(concat(' ', @class, ' '), ' doc-body ') or "
                               "contains(concat(' ', @class, ' '), ' doc-back ') or "
                               "contains(concat(' ', @class, ' '), ' doc-front ')]")
# The title page's lines other than the title (an imprint, a dedication, the author's line): the title's.
_TITLE_PAGE = etree.XPath("//main//header[@class='doc-header']/*[@class='front-line' or @class='byline']")
_HEADINGS = etree.XPath("h2 | h3 | h4 | h5 | h6")
# (A table's caption is its heading, words of the text: searched with the table.)
_DROPPED = etree.XPath(".//details | .//*[contains(@class, 'note-backref')] | .//*[contains(@class, 'note-printed')]"
                       " | .//*[@class='retired-notice']")
_MENTIONS = etree.XPath(".//*[@data-entity]")
# What a register entry is filtered as: the class its mentions carry -> the kind of entry
_ENTITY_FILTERS = {"persname": "person", "placename": "place", "orgname": "org"}


@dataclass(frozen=True)
class Record:
    url: str  # site path with the passage's fragment: "ru/shemetova-2020/#p12"
    language: str
    content: str
    meta: tuple[tuple[str, str], ...]  # title, unit, page
    # What the search page filters by ("document:shemetova-2020", "person:karakhan"): Pagefind's own
    # filters would do it, but its filter files come out different from run to run (1.5).
    filters: tuple[str, ...]


def _text(element: Any) -> str:
    copy = deepcopy(element)  # the passage without its decorations; the page itself stays whole
    dropped_elements: Any = _DROPPED(copy)
    for dropped in dropped_elements:
        parent = dropped.getparent()
        if parent is not None:
            parent.remove(dropped)
    apart = any(e.tag in _APART or not _APART_CLASSES.isdisjoint((e.get("class") or "").split())
                for e in copy.iterdescendants() if isinstance(e.tag, str))
    return " ".join((_spaced(copy) if apart else "".join(str(part) for part in copy.itertext())).split())


# Elements whose texts stand apart (a verse line, a cast list's items): their words are not run together.
_APART = {"p", "div", "li", "dt", "dd", "td", "th", "blockquote", "h2", "h3", "h4", "h5", "h6", "br", "figcaption"}
_APART_CLASSES = {"l", "p", "lg", "item", "list", "head", "front-line"}


def _spaced(element: Any) -> str:
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            inner = _spaced(child)
            apart = child.tag in _APART or not _APART_CLASSES.isdisjoint(child.get("class", "").split())
            parts.append(f" {inner} " if apart else inner)
        parts.append(child.tail or "")
    return "".join(parts)


def passage_records(tree: Any, page_path: str, document: Document, strings: dict,
                    document_title: str) -> list[Record]:
    """The search records of one reading page (`tree`: its parsed <html>) showing `document`."""
    lang = tree.get("lang", "")
    folder = page_path.removesuffix("index.html")
    records = []
    found_passages: Any = _PASSAGES(tree)
    for element in found_passages:
        unit = element.get("id")
        content = _text(element)
        if not content:
            continue
        meta = [("title", document_title), ("unit", _unit_label(element, strings))]
        pages = document.unit_pages.get(unit)
        if pages:
            shown = pages[0] if pages[0] == pages[1] else f"{pages[0]}–{pages[1]}"
            meta.append(("page", str(strings["search_page"]).format(page=shown)))
        records.append(Record(f"{folder}#{unit}", lang, content, tuple(meta), _filters(document, element)))
    records += _rest_records(tree, folder, lang, document, document_title)
    return records


def _filters(document: Document, element: Any) -> tuple[str, ...]:
    """What a passage is found by: its document, and the register entries its names point to."""
    found = {f"document:{document.id}"}
    mentions: Any = _MENTIONS(element)
    for mention in mentions:
        kind = next((f for c, f in _ENTITY_FILTERS.items() if c in mention.get("class", "").split()), None)
        if kind:
            found.add(f"{kind}:{mention.get('data-entity')}")
    return tuple(sorted(found))


def _rest_records(tree: Any, folder: str, lang: str, document: Document, title: str) -> list[Record]:
    """The text that is in no passage with an id (a document without ids, a play's verse, a heading),
    one record per nearest id it stands under (the page where none): every word of the text can be
    found, and a result leads as near to it as the page's ids allow."""
    title_page: Any = _TITLE_PAGE(tree)
    by_anchor: dict[str, list[Any]] = {"doc-title": list(title_page)} if len(title_page) else {}
    containers: Any = _TEXT_CONTAINERS(tree)
    for container in containers:
        _gather(container, "", by_anchor)
    records = []
    for anchor, blocks in by_anchor.items():
        content = " ".join(text for text in map(_text, blocks) if text)
        if content:
            heading = _heading_of(blocks[0])
            records.append(Record(f"{folder}#{anchor}" if anchor else folder, lang, content,
                                  (("title", title), ("unit", heading)),
                                  tuple(sorted({f for block in blocks for f in _filters(document, block)}))))
    return records


# What a reading page writes beside the text, not of it: a table's link to its data, a division's number
# (its `n`, an attribute).
_NOT_TEXT = frozenset({"table-data", "division-number"})


def _gather(container: Any, anchor: str, by_anchor: dict[str, list[Any]]) -> None:
    """The blocks of `container` that hold no passage, each under its own id or its nearest container's."""
    for child in container:
        if not isinstance(child.tag, str) or child.tag in ("aside", "details") or _IS_PASSAGE(child) \
                or not _NOT_TEXT.isdisjoint(child.get("class", "").split()):
            continue
        own = child.get("id") or anchor
        if _HOLDS_PASSAGE(child):
            _gather(child, own, by_anchor)
        else:
            by_anchor.setdefault(own, []).append(child)


def _heading_of(block: Any) -> str:
    """The heading of the nearest section that has one ("" if none does)."""
    for section in block.iterancestors("section"):
        headings: Any = _HEADINGS(section)
        if headings:
            return " ".join("".join(headings[0].itertext()).split())
    return ""


def _unit_label(element: Any, strings: dict) -> str:
    if element.tag == "table":
        label = str(strings["unit_table"])
        return label[:1].upper() + label[1:]
    if element.tag == "li":  # its marker's label: "7", or a translator's "a"
        back = element.find(".//a[@class='note-backref']")
        label = str(strings["unit_note"]).format(number=("".join(back.itertext()).strip() if back is not None else ""))
    else:
        number = element.find("a[@class='para-number']")
        section = next(element.iterancestors("section"), None)
        heading = section.find("h2") if section is not None else None
        label = str(strings["unit_paragraph"]).format(number=number.get("data-number")) if number is not None \
            else " ".join("".join(heading.itertext()).split()) if heading is not None else ""  # an abstract's
    return label[:1].upper() + label[1:]
