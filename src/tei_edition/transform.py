"""TEI -> the model of one document version: its front, body and back as blocks, its notes.

The model is built by walking the text with `inline.Transformer` without a page (it collects
the notes, citations, print pages and images and writes no HTML); each `Content` in it is
rendered later, for a page, by a `Renderer`. Tables are modelled by `tables`. A translation
borrows from its original (`OriginalInfo`): the print page and number of each note, the
archival references, the page breaks (shown at the start of the block in which the original's
page begins), the author's own summary.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree

from tei_edition.archival import ArchivalRef
from tei_edition.errors import EditionError
from tei_edition.header import header_mentions, header_rows
from tei_edition.header_people import source_info, translators
from tei_edition.inline import OriginalInfo, Transformer
from tei_edition.languages import text_direction
from tei_edition.layout import DIVISIONS, division_head, numbered_by_depth
from tei_edition.media import facsimile
from tei_edition.model import Document
from tei_edition.places import pages_by_block, unit_pages
from tei_edition.tei import (
    NS,
    TEI_NS,
    XML_ID,
    XML_LANG,
    document_text,
    elements,
    headless_bibliography,
    in_text,
    language_of,
    local_name,
    normalize_space,
    other_pagination,
    page_number,
    text_of,
)
from tei_edition.units import Section
from tei_edition.walk import BlockWalker, leading_breaks


def section(tx: Transformer, div: etree._Element, section_id: str) -> Section:
    head = div.find("t:head", NS)
    pages = tuple(page_number(pb) for pb in div.iterfind("t:pb[@n]", NS))
    for page in pages:
        tx.state.page = page
    heading = tx.content(head) if head is not None else None
    paragraphs = tuple(tx.paragraph(p, kind="abstract") for p in div.iterfind("t:p", NS))
    lang = div.get(XML_LANG) or div.getroottree().getroot().get(XML_LANG) or ""
    return Section(section_id, lang, heading, paragraphs, authorial=div.get("resp") is not None, pages=pages)


def _breaks_before(text: etree._Element, opening: list[etree._Element]) -> dict[str, list[etree._Element]]:
    """The numbered page breaks of the text itself after its opening ones, by the part they begin
    ("body", "back"; "" after the last part)."""
    found: dict[str, list[etree._Element]] = {}
    pending: list[etree._Element] = []
    for child in text:
        if not isinstance(child.tag, str) or child in opening:
            continue
        if local_name(child) == "pb":
            if child.get("n"):
                pending.append(child)
        elif pending:
            found.setdefault(local_name(child) if local_name(child) in ("body", "back") else "", []).extend(pending)
            pending = []
    if pending:
        found.setdefault("", []).extend(pending)
    return found


def _title_element(tx: Transformer, root: etree._Element, front: etree._Element | None) -> etree._Element:
    """The document's title: the title page's main title, else the header's main (or first) title;
    an empty one (a Word conversion's `<title/>`) is none: then the text's first heading, with a
    warning, else a located error (the pages would have no title)."""
    if front is not None:
        for xpath in (".//t:titlePart[@type='main']", ".//t:titlePage//t:titlePart", ".//t:docTitle"):
            found = front.find(xpath, NS)
            if found is not None and normalize_space(text_of(found)):
                return found
    # The schema requires teiHeader/fileDesc/titleStmt/title: the main one, else one of no type, else
    # the first that is not a container's (a volume's, a series') or a variant (sub, alt, short …).
    stmt = "t:teiHeader/t:fileDesc/t:titleStmt"
    container = "@level = 's' or @level = 'j' or @level = 'm'"  # a series', a journal's, a book's title
    for xpath in (f"{stmt}/t:title[@type='main']", f"{stmt}/t:title[@level='a']",
                  f"{stmt}/t:title[not(@type)][not({container})]", f"{stmt}/t:title[not(@type)]",
                  f"{stmt}/t:title[not(@type = 'volume' or @type = 'series' or @type = 'collection' or "
                  f"@type = 'sub' or @type = 'subtitle' or @type = 'alt' or @type = 'short' or "
                  f"@type = 'desc' or @level = 's' or @level = 'j' or @level = 'm')]", f"{stmt}/t:title"):
        titles = [title for title in elements(root, xpath) if normalize_space(text_of(title))]
        if titles:
            return titles[0]
    empty = elements(root, f"{stmt}/t:title")[0]
    heading = next((head for head in elements(root, "t:text//t:head") if normalize_space(text_of(head))), None)
    if heading is None:
        tx.error(empty, "the document has no title (its titleStmt/title is empty): write it there")
        return empty
    tx.warn(empty, f"the document has no title (its titleStmt/title is empty): its pages take its first heading, "
                   f"«{normalize_space(text_of(heading))[:60]}»; write the title in titleStmt/title")
    return heading


_DIVISION_TAGS = tuple(f"{{{TEI_NS}}}{name}" for name in sorted(DIVISIONS))


def section_ids(divisions: list[etree._Element], prefix: str) -> list[tuple[etree._Element, str]]:
    """Each abstract with its id: its own, else `prefix` and its language (abstract-fr), numbered
    where two are in one language (abstract-fr-2)."""
    found: list[tuple[etree._Element, str]] = []
    taken = {div.get(XML_ID) for div in divisions}
    for div in divisions:
        section_id = div.get(XML_ID) or ""
        if not section_id:
            base = section_id = f"{prefix}-{language_of(div) or 'text'}"
            number = 1
            while section_id in taken:
                number += 1
                section_id = f"{base}-{number}"
            taken.add(section_id)
        found.append((div, section_id))
    return found


_BYLINE = etree.XPath(".//t:byline[not(ancestor::t:figure or ancestor::t:note or ancestor::t:quote)][1]",
                     namespaces=NS)


def _warn_unanchored(tx: Transformer, root: etree._Element) -> None:
    """One warning for the headed divisions without an xml:id (a bibliography in the back, headed as
    one, too): the contents cannot list them."""
    unanchored = [div for div in root.iter(*_DIVISION_TAGS)
                  if not div.get(XML_ID) and division_head(div) is not None] + \
        [found for found in root.iterfind("t:text/t:back/t:listBibl", NS)
         if headless_bibliography(found) and not found.get(XML_ID)]
    if unanchored:
        # (a bibliography in the back has no head: the page heads it, "Bibliography", and says so here)
        headed = "with a heading" + (" (or a bibliography in the back, which the page heads)"
                                     if any(local_name(found) == "listBibl" for found in unanchored) else "")
        tx.warn(unanchored[0], f"{len(unanchored)} division(s) {headed} have no xml:id (the first here): the "
                               f"contents do not list them, and no link or citation can lead to one; give them "
                               f"stable ids with `tei-edition ids`")


def _precedes(element: etree._Element, other: etree._Element) -> bool:
    """Whether `element` comes before `other` in the document."""
    return _position(element) < _position(other)


def _position(element: etree._Element) -> int:
    """An element's place in document order (the elements before it and around it)."""
    found: Any = element.xpath("count(preceding::*) + count(ancestor::*)")
    return int(found)


def _first_words(front: etree._Element) -> etree._Element | None:
    """The first element of the front that holds words (a page break before it holds none)."""
    return next((child for child in front if isinstance(child.tag, str) and normalize_space(text_of(child))), None)


def _other_parts(parent: etree._Element, shown: list[etree._Element]) -> list[etree._Element]:
    """The parts of a title page other than those shown apart, in order."""
    parts: list[etree._Element] = []
    for part in parent:  # (a page that begins on it: a marker in its place; one with no number, none)
        if not local_name(part) or local_name(part) == "pb" and not part.get("n") or part in shown:
            continue
        if any(part in element.iterancestors() for element in shown):
            parts.extend(_other_parts(part, shown))
        else:
            parts.append(part)
    return parts


def build_document(tree: etree._ElementTree, path: Path, doc_id: str, refs: dict[str, ArchivalRef],
                   original: tuple[etree._ElementTree, OriginalInfo] | None = None, page_lang: str = "",
                   documents_by_id: dict[str, tuple[str, str, str]] | None = None) -> Document:
    """The model of `tree` (for readers of `page_lang`: the header's texts in their language where
    it has several); for a translation, `original` is the original's tree and info."""
    root = tree.getroot()
    info = original[1] if original else None
    printed = original[0] if original else tree  # the tree that carries the print: pages, source, summary
    tx = Transformer(path, refs, info, documents_by_id=documents_by_id)
    pages = pages_by_block(printed)

    def markers(block_id: str) -> tuple[str, ...]:
        return tuple(pages.get(block_id, [])) if original else ()

    by_depth = numbered_by_depth(root)
    walker = BlockWalker(tx, markers, original is not None, by_depth=by_depth)
    front = root.find("t:text/t:front", NS)
    # The pages that begin before the title: a `pb` of the text itself (before its front or body) or of
    # its front; in a translation, the original's, where they begin (approximate).
    text = document_text(root)
    opening = [*(leading_breaks(text) if text is not None else ()),
               *(leading_breaks(front) if front is not None else ())]
    front_pages = tuple((page, True, "") for page in markers("front")) or \
        tuple((page_number(pb), False, facsimile(tx, pb)) for pb in opening)
    for pb in opening:
        tx.follow_page(pb)
    # The title page: its own element, else a title without one (DraCor's front begins with its docTitle).
    title_page = front.find("t:titlePage", NS) if front is not None else None
    if title_page is None and front is not None:
        title_page = front.find("t:docTitle", NS)
    # A title page after the front's words (a play's argument before it) stands in its place, and the
    # header's title is the page's: lifted above those words, its text would be out of order.
    lifted = front if front is None or title_page is None or _first_words(front) is title_page else None
    if lifted is None:
        title_page = None
    rubric = lifted.find(".//t:titlePart[@type='rubric']", NS) if lifted is not None else None
    title = _title_element(tx, root, lifted)
    title_content = tx.content(title)
    title_notes = tuple(tx.state.notes)
    # (the document's byline: not an engraver's in a figure, "G Glouer fecit.", shown there)
    found: Any = _BYLINE(lifted) if lifted is not None else []
    byline = found[0] if found else None
    if byline is not None and title_page is not None and title_page in byline.iterancestors() \
            and title is not None and _precedes(byline, title):
        byline = None  # (a print's author line above its title: a line of the title page, in its place)
    # The title page's other parts (subtitles, author lines, dates) are shown under the title; a part
    # that holds the title, rubric or byline (a docTitle) is opened, to show only its other parts.
    shown = [e for e in (rubric, title, byline) if e is not None]
    parts = _other_parts(title_page, shown) if title_page is not None else []
    if byline is not None and title is not None and any(_precedes(title, part) and _precedes(part, byline)
                                                        for part in parts):
        byline = None  # (a subtitle between the title and the author line: the byline in its place, after it)
        parts = _other_parts(title_page, [e for e in (rubric, title) if e is not None]) if title_page is not None \
            else []
    line_walker = BlockWalker(tx, markers, False, numbered=False)
    front_lines = tuple(line_walker.page_break(part) if local_name(part) == "pb" else line_walker.block(part)
                        for part in parts)
    # The parts before the title on its page are shown before it (in their order: nothing reordered).
    before = sum(1 for part in parts if _precedes(part, title))
    # The abstracts the text's front holds, else the header's (`profileDesc/abstract`: a publisher's export).
    abstract_divisions = front.findall("t:div[@type='abstract']", NS) if front is not None else []
    abstracts = tuple(section(tx, div, section_id) for div, section_id in section_ids(
        abstract_divisions or root.findall("t:teiHeader/t:profileDesc/t:abstract", NS), "abstract"))
    unnumbered = BlockWalker(tx, markers, original is not None, numbered=False, by_depth=by_depth)

    def handled(e: etree._Element) -> bool:  # (another title page is shown in its place)
        return e is title_page or (local_name(e) == "div" and e.get("type") == "abstract") or e in opening
    # The front's other blocks in their order around its abstracts (a publisher's note before them).
    first = abstract_divisions[0] if abstract_divisions else None
    front_before = tuple(unnumbered.of(front, 0, skip=lambda e: handled(e) or not _precedes(e, first))) \
        if front is not None and first is not None else ()
    front_blocks = front_before + (tuple(unnumbered.of(front, 0, skip=lambda e: handled(e) or (
        first is not None and _precedes(e, first)))) if front is not None else ())
    # A page that begins between the front and the body (or the body and the back) begins the next.
    breaks = _breaks_before(text, opening) if text is not None else {}
    body = root.find("t:text/t:body", NS)
    if body is None:  # a collection: a group of texts (each a division); a transcription of surfaces
        body = text if text is None or local_name(text) == "sourceDoc" else root.find("t:text/t:group", NS)
    blocks = [*(walker.page_break(pb) for pb in breaks.get("body", ())),
              *(walker.of(body, 0) if body is not None else [])]
    # The author's own English summary is the original's: modelled from it, not translated.
    back_tx = Transformer(path.parent / info.file, info.refs, None, of_original=True) if info else tx
    back = printed.getroot().find("t:text/t:back", NS)
    back_sections = tuple(section(back_tx, div, section_id) for div, section_id in section_ids(
        back.findall("t:div[@type='abstract']", NS) if back is not None else [], "summary"))
    glossary = tuple((tx.content(label), tx.content(item)) for label, item in zip(  # noqa: B905 - label/item pairs
        root.iterfind("t:text/t:back/t:div[@type='glossary']//t:label", NS),
        root.iterfind("t:text/t:back/t:div[@type='glossary']//t:item", NS)))
    own_back = root.find("t:text/t:back", NS)
    back_blocks = (*(unnumbered.page_break(pb) for pb in breaks.get("back", ())),
                   *(unnumbered.of(own_back, 0, skip=lambda e: e.get("type") in ("abstract", "glossary")
                                   and local_name(e) == "div") if own_back is not None else ()),
                   *(unnumbered.page_break(pb) for pb in breaks.get("", ())))
    byline_content = tx.content(byline) if byline is not None else None
    _warn_unanchored(tx, root)
    all_notes = tuple(tx.state.notes) + (tuple(back_tx.state.notes) if back_tx is not tx else ())
    problems = tx.errors + (back_tx.errors if back_tx is not tx else [])
    if problems:  # every unsafe link and missing image of the document, reported together
        raise EditionError(problems)
    source = source_info(printed.getroot())
    title_texts: Any = title.xpath(".//text()[not(ancestor::t:note or ancestor::t:corr)]", namespaces=NS)  # as printed
    return Document(
        id=doc_id, lang=root.get(XML_LANG, ""), title=title_content,
        # (a title page's title may end in the comma that joins it to the next line: not the title's)
        title_text=normalize_space("".join(str(t) for t in title_texts if isinstance(t, str))).rstrip(" ,;:/"),
        rubric=normalize_space(text_of(rubric)) if rubric is not None else "",
        byline=byline_content, front_pages=front_pages,
        source=source, abstracts=abstracts,
        blocks=tuple(blocks), back=back_sections, notes=all_notes,
        pages=tuple(page_number(pb) for pb in in_text(printed, "pb")
                    if pb.get("n") and not other_pagination(pb)),  # (its own pagination)
        tei_file=path.name, translation=original is not None, glossary=glossary, title_notes=title_notes,
        front_lines=front_lines, lines_before_title=before,
        front_blocks=front_blocks, blocks_before_abstracts=len(front_before), back_blocks=back_blocks,
        header=header_rows(root, page_lang or root.get(XML_LANG) or "", path),
        warnings=tuple(tx.warnings + (back_tx.warnings if back_tx is not tx else [])),
        media=tuple(sorted({**tx.media, **back_tx.media}.items())),
        tei=path, refs=refs if info is None else info.refs, original=info,
        translators=translators(root) if info else (), unit_pages=unit_pages(printed.getroot()),
        mentions=tuple(tx.mentions + (back_tx.mentions if back_tx is not tx else []) + header_mentions(root)),
        direction=text_direction(text), text_lang=language_of(text) if text is not None else "",
        title_lang=language_of(title))
