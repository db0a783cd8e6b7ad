"""TEI -> page model: a document's front, body and back as blocks for the templates.

Inline content is rendered by `inline.Transformer` (the rule table); tables by `tables`.
A translation is rendered with what it borrows from its original (`OriginalInfo`): the
print page and number of each note, the archival references, the page breaks (shown at
the start of the block in which the original's page begins), the author's own summary.
"""
from __future__ import annotations

from pathlib import Path

from lxml import etree
from markupsafe import Markup

from tei_edition.archival import ArchivalRef
from tei_edition.errors import EditionError
from tei_edition.inline import OriginalInfo, Transformer
from tei_edition.model import Document, PageBreak, Section, SourceInfo
from tei_edition.tables import build_table
from tei_edition.tei import NS, XML_ID, XML_LANG, date_parts, local_name, normalize_space


def source_info(root: etree._Element) -> SourceInfo:
    def text(xpath: str) -> str:
        found = root.xpath(xpath, namespaces=NS)
        return normalize_space(found[0] if isinstance(found[0], str) else "".join(found[0].itertext())) if found else ""
    bibl = "//t:sourceDesc/t:biblStruct"
    parts = date_parts(text(f"{bibl}/t:monogr/t:imprint/t:date/@when")) or ()
    return SourceInfo(
        author=text(f"{bibl}/t:analytic/t:author"), title=text(f"{bibl}/t:analytic/t:title"),
        journal=text(f"{bibl}/t:monogr/t:title"), year=str(parts[0]) if parts else "",
        issue=text(f"{bibl}/t:monogr/t:biblScope[@unit='issue']/@n"),
        pages=(text(f"{bibl}/t:monogr/t:biblScope[@unit='page']/@from"),
               text(f"{bibl}/t:monogr/t:biblScope[@unit='page']/@to")),
        doi=text(f"{bibl}/t:analytic/t:idno[@type='DOI']"), date_parts=parts)


def original_info(tree: etree._ElementTree, path: Path, refs: dict[str, ArchivalRef], href: str) -> OriginalInfo:
    notes = {}
    page = ""
    for element in tree.getroot().iter("{*}pb", "{*}note"):
        if local_name(element) == "pb":
            page = element.get("n")
        elif element.get("place") == "foot":
            notes[element.get(XML_ID)] = (page, element.get("n"))
    return OriginalInfo(path.name, href, notes, refs)


def pages_by_block(tree: etree._ElementTree) -> dict[str, list[str]]:
    """Block id ("front", "p7", "tariff-1923") -> the print pages that begin in it or just before it."""
    text = tree.getroot().find("t:text", NS)
    result: dict[str, list[str]] = {"front": [pb.get("n") for pb in text.iterfind("t:front//t:pb", NS)]}
    pending: list[str] = []
    for child in text.find("t:body", NS):
        if local_name(child) == "pb":
            pending.append(child.get("n"))
        elif child.get(XML_ID):
            result[child.get(XML_ID)] = pending + [pb.get("n") for pb in child.iterfind(".//t:pb", NS)]
            pending = []
    return result


def section(tx: Transformer, div: etree._Element, section_id: str) -> Section:
    head = div.find("t:head", NS)
    prefix = "".join(tx.pagebreak_html(pb.get("n")) for pb in div.iterfind("t:pb", NS))
    for pb in div.iterfind("t:pb", NS):
        tx.state.page = pb.get("n")
    heading = tx.inline(head) if head is not None else None
    paragraphs = tuple(tx.paragraph(p, kind="abstract") for p in div.iterfind("t:p", NS))
    lang = div.get(XML_LANG) or div.getroottree().getroot().get(XML_LANG, "ru")
    return Section(section_id, lang, heading, paragraphs, authorial=div.get("resp") is not None,
                   pagebreak=Markup(prefix))


def build_document(tree: etree._ElementTree, path: Path, doc_id: str, refs: dict[str, ArchivalRef],
                   strings: dict, register_href: str, original: tuple[etree._ElementTree, OriginalInfo] | None = None,
                   anchors: bool = True) -> Document:
    """The page model of `tree`; for a translation, `original` is the original's tree and info."""
    root = tree.getroot()
    info = original[1] if original else None
    printed = original[0] if original else tree  # the tree that carries the print: pages, source, summary
    tx = Transformer(path, refs, strings, register_href, info, anchors)
    pages = pages_by_block(printed)

    def markers(block_id: str) -> str:
        return "".join(tx.pagebreak_html(n, approximate=True) for n in pages.get(block_id, [])) if original else ""

    front = root.find("t:text/t:front", NS)
    front_pb = markers("front") or "".join(tx.pagebreak_html(pb.get("n")) for pb in front.iterfind("t:pb", NS))
    for pb in front.iterfind("t:pb", NS):
        tx.state.page = pb.get("n")
    rubric = front.find(".//t:titlePart[@type='rubric']", NS)
    title = front.find(".//t:titlePart[@type='main']", NS)
    byline = front.find(".//t:byline", NS)
    title_html = tx.inline(title)
    title_notes = tuple(tx.state.notes)
    abstracts = tuple(section(tx, div, div.get(XML_ID) or f"abstract-{div.get(XML_LANG)}")
                      for div in front.iterfind("t:div[@type='abstract']", NS))
    blocks: list = []
    number = 0
    for child in root.find("t:text/t:body", NS):
        name = local_name(child)
        if name == "p":
            number += 1
            blocks.append(tx.paragraph(child, number, prefix=markers(child.get(XML_ID))))
        elif name == "table":
            if original and pages.get(child.get(XML_ID)):
                blocks.append(PageBreak(Markup(markers(child.get(XML_ID)))))
            blocks.append(build_table(tx, child))
        elif name == "pb":
            tx.state.page = child.get("n")
            blocks.append(PageBreak(Markup(tx.pagebreak_html(child.get("n")))))
        elif name:
            raise EditionError.at(path, child.sourceline, f"<{name}> is not expected directly in <body>")
    # The author's own English summary is the original's: rendered from it, not translated.
    back_tx = Transformer(Path(info.file), info.refs, strings, register_href, None, anchors) if info else tx
    back = printed.getroot().find("t:text/t:back", NS)
    back_sections = tuple(section(back_tx, div, div.get(XML_ID) or f"summary-{div.get(XML_LANG)}")
                          for div in (back.iterfind("t:div[@type='abstract']", NS) if back is not None else ()))
    glossary = tuple((tx.inline(label), tx.inline(item)) for label, item in zip(
        root.iterfind("t:text/t:back/t:div[@type='glossary']//t:label", NS),
        root.iterfind("t:text/t:back/t:div[@type='glossary']//t:item", NS)))
    all_notes = tuple(tx.state.notes) + (tuple(back_tx.state.notes) if back_tx is not tx else ())
    return Document(
        id=doc_id, lang=root.get(XML_LANG, "ru"), title=title_html,
        title_text=normalize_space("".join(t for t in title.xpath(".//text()[not(ancestor::t:note)]", namespaces=NS))),
        rubric=normalize_space("".join(rubric.itertext())) if rubric is not None else "",
        byline=tx.inline(byline) if byline is not None else Markup(""), front_pagebreak=Markup(front_pb),
        source=source_info(printed.getroot()), abstracts=abstracts,
        blocks=tuple(blocks), back=back_sections, notes=all_notes,
        pages=tuple(pb.get("n") for pb in printed.getroot().iterfind(".//t:text//t:pb", NS)),
        tei_file=path.name, translation=original is not None, glossary=glossary, title_notes=title_notes)
