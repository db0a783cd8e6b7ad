"""Text fidelity: regenerate the source's print lines from the TEI and compare them with the seed.

The TEI records every print line (`lb`), page (`pb`), soft hyphen (`lb/@rend="hyphen"`)
and printed note number (`note/@n`), so the seed's lines can be rebuilt: body lines in
order, and at each page's end the texts of that page's notes ("2. РГАЭ. …"). A misprint is
rebuilt as printed (its `sic`); the editors' correction (`corr`) and notes (`note
type="editorial"`) are not the print's. Comparison ignores only white space and the page
furniture that the TEI header declares.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from tei_edition.errors import read_text
from tei_edition.tei import NS, elements, local_name, normalize_space, text_of

BLOCKS = {"p", "head", "table", "div", "titlePart", "byline", "front", "body", "back"}
# Not in the print: a choice's editorial alternatives (the print has its sic, orig or abbr).
NOT_PRINTED = {"corr", "reg", "expan"}


@dataclass(frozen=True)
class Difference:
    seed_lines: tuple[int, int]  # first and last seed line concerned (1-based, inclusive)
    seed: tuple[str, ...]
    tei: tuple[str, ...]

    def __str__(self) -> str:
        first, last = self.seed_lines
        where = f"line {first}" if first == last else f"lines {first}-{last}"
        return (f"{where}:\n" + "".join(f"  - seed: {line}\n" for line in self.seed)
                + "".join(f"  + tei:  {line}\n" for line in self.tei)).rstrip()


class _LineWriter:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.current: list[str] = []
        self.page_notes: list[etree._Element] = []

    def flush(self, hyphen: bool = False) -> None:
        line = normalize_space("".join(self.current))
        if line:
            self.lines.append(line + ("-" if hyphen else ""))
        self.current = []

    def end_page(self) -> None:
        self.flush()
        for note in self.page_notes:
            text = normalize_space(printed_text(note))
            if text:
                self.lines.append(f"{note.get('n')}. {text}")
        self.page_notes = []

    def walk(self, element: etree._Element) -> None:
        name = local_name(element)
        if name == "lb":
            self.flush(hyphen=element.get("rend") == "hyphen")
        elif name == "pb":
            # A word broken across a page: the hyphen is recorded on the lb that follows the pb.
            following = element.getnext()
            self.flush(hyphen=following is not None and local_name(following) == "lb"
                       and following.get("rend") == "hyphen")
            self.end_page()
        elif name in NOT_PRINTED or (name == "note" and element.get("type") == "editorial"):
            return  # the editors' text (a correction, a conjecture), not the print's
        elif name == "note":
            self.current.append(element.get("n", "?"))
            self.page_notes.append(element)
        elif name:
            self.current.append(element.text or "")
            for child in element:
                self.walk(child)
                self.current.append(child.tail or "")
            if name in BLOCKS:
                self.flush()


def printed_text(element: etree._Element) -> str:
    """The text of an element as printed: without the editors' corrections and notes in it."""
    found: Any = _PRINTED(element)
    return "".join(str(part) for part in found)


_PRINTED = etree.XPath(".//text()[not(" + " or ".join(f"ancestor::t:{name}" for name in sorted(NOT_PRINTED))
                       + " or ancestor::t:note[@type='editorial'])]", namespaces=NS)


def print_lines(tree: etree._ElementTree) -> list[str]:
    """The print lines that the TEI encodes, in source order."""
    writer = _LineWriter()
    for text in tree.getroot().iterfind("t:text", NS):
        writer.walk(text)
    writer.end_page()
    return writer.lines


def declared_furniture(tree: etree._ElementTree) -> dict[int, str]:
    """Source line -> text of the page furniture the header lists (not text, so not encoded)."""
    items = elements(tree, "//t:teiHeader//t:list[@type='furniture']/t:item[@n]")
    return {int(item.get("n", "")): normalize_space(text_of(fw))
            for item in items for fw in item.iterfind("t:fw", NS)}


def compare(tree: etree._ElementTree, seed_path: Path) -> list[Difference]:
    seed_text = read_text(seed_path).split("\n")
    furniture = declared_furniture(tree)
    differences = []
    for number, text in furniture.items():
        actual = normalize_space(seed_text[number - 1]) if number <= len(seed_text) else ""
        if actual != text:
            differences.append(Difference((number, number), (actual,), (f"[declared furniture] {text}",)))
    seed = [(n, normalize_space(line)) for n, line in enumerate(seed_text, start=1)
            if line.strip() and n not in furniture]
    tei = print_lines(tree)
    matcher = difflib.SequenceMatcher(None, [line for _, line in seed], tei, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        first = seed[i1][0] if i1 < len(seed) else len(seed_text)
        last = seed[i2 - 1][0] if i2 > i1 else first
        differences.append(Difference((first, last), tuple(line for _, line in seed[i1:i2]), tuple(tei[j1:j2])))
    return differences
