"""Published anchors and what each one means, as a print locator.

An anchor's meaning is where it points in the printed article: `p12` means "the
paragraph that begins on p. 169, line 32", `n7` means "note 2 of p. 167". The
ledger (`edition/anchors.tsv`) records these once published; the check fails when
an anchor disappears or comes to point somewhere else.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from tei_edition.errors import Collector, read_text
from tei_edition.model import RegisterEntry
from tei_edition.tei import (
    TEI_NS,
    XML_ID,
    attr,
    local_name,
    other_pagination,
    page_anchor,
    page_number,
    printed_text,
)

LEDGER = "anchors.tsv"  # in the edition folder
RETIRED = "retired.yaml"  # beside it: the retired ids and pages (retirement.py), if any
LEDGER_HEADER = ("# Published anchors: page<TAB>id<TAB>meaning. A row is a promise: never remove or change one.\n"
                 "# New anchors are appended by `tei-edition ledger`; see README, 'Stable anchors'.\n")


@dataclass(frozen=True, order=True, slots=True)  # tens of thousands in a collection's build
class Anchor:
    page: str  # a document id, or "archives" for the register
    id: str
    meaning: str

    def row(self) -> str:
        return f"{self.page}\t{self.id}\t{self.meaning}"


_TEI = f"{{{TEI_NS}}}"
STRUCTURAL = {"p", "div", "table", "figure", "lg", "list", "listBibl", "note", "quote", "ab"}


class _Locator:
    """Walks the TEI text keeping the current print page and line. Without print lines (a born-
    digital document) an anchor means the kind of its element ("p", "div", "note"): the id is written
    in the TEI and travels with its content, so inserting a paragraph changes no other id's meaning."""

    def __init__(self, doc_id: str, printed: bool):
        self.doc_id = doc_id
        self.printed = printed
        self.page = "?"
        self.line = 0
        self.anchors: list[Anchor] = []
        self.pending: list[tuple[str, str]] = []  # (id, kind) of the blocks waiting for their first line
        self.notes = 0  # notes met so far
        self.opening = False  # a page has begun and no line yet: its first words begin one (diplomatic.py)

    def add(self, anchor_id: str, meaning: str) -> None:
        self.anchors.append(Anchor(self.doc_id, anchor_id, meaning))

    def add_note(self, element: etree._Element) -> None:
        """A note and its marker, numbered as the page numbers them (`inline.Transformer.note`): in
        reading order; meaning its printed number, else its print line."""
        self.notes += 1
        own, number = attr(element, XML_ID), self.notes
        printed = element.get("n")
        meaning = f"p. {self.page}, note {printed}" if printed else f"p. {self.page}, l. {self.line}, note"
        self.add(own or f"note-{number}", meaning)
        self.add(f"nref-{number}", meaning)

    def walk(self, element: etree._Element) -> None:
        name = local_name(element)
        if not name or not str(element.tag).startswith(_TEI):  # an example's markup (egXML) is no unit
            return
        if not self.printed:
            if name == "note" and numbered(element):  # a note and its marker, as the page numbers them
                self.notes += 1
                self.add(attr(element, XML_ID) or f"note-{self.notes}", "note")
                self.add(f"nref-{self.notes}", "note")
                return
            if name in STRUCTURAL and attr(element, XML_ID):
                self.add(attr(element, XML_ID), name)
            if name == "pb" and element.get("n"):  # its marker's id
                self.add(page_anchor(page_number(element)), f"p. {page_number(element)}")
            for child in element:
                self.walk(child)
            return
        if name == "pb":
            if element.get("n") and other_pagination(element):  # another edition's page: marked, not followed
                self.add(page_anchor(page_number(element)), f"p. {page_number(element)}")
            elif element.get("n"):  # its marker's id (a break with no number has none)
                self.page, self.line, self.opening = page_number(element), 0, True
                self.add(page_anchor(self.page), f"p. {self.page}")
            return
        if name == "lb":
            if not other_pagination(element):  # (another edition's line is not one of this print's)
                self.begin_line()
            return
        if name == "note":
            if numbered(element):
                self.add_note(element)
            return
        if name == "fw":  # a running head, a catchword: not a line of the text (diplomatic.py)
            for child in element:
                self.walk(child)  # (a page may begin inside one)
            return
        if name == "q" and attr(element, XML_ID):
            self.add(attr(element, XML_ID), f"p. {self.page}, l. {self.line}, quotation")
        if name == "table" and attr(element, XML_ID):
            self.add(attr(element, XML_ID), f"p. {self.page}, table")
        elif name in STRUCTURAL and attr(element, XML_ID):  # a paragraph, division, verse group …: its first line
            self.pending.append((attr(element, XML_ID), name))
        self.words(element.text)
        for child in element:
            self.walk(child)
            self.words(child.tail)

    def begin_line(self) -> None:
        self.line += 1
        self.opening = False
        self.locate_pending()

    def locate_pending(self) -> None:
        """The blocks waiting for their first line are on the current one."""
        for anchor_id, kind in self.pending:
            self.add(anchor_id, f"p. {self.page}, l. {self.line}" + (f", {kind}" if kind != "p" else ""))
        self.pending = []

    def words(self, text: str | None) -> None:
        """Words of the text: the first on a page before any line break begin its first line (a print
        transcribed with `lb` at each line's end); a block's first words are on the current line."""
        if text and text.strip():
            if self.opening:
                self.begin_line()
            elif self.pending and self.line:
                self.locate_pending()


def numbered(note: etree._Element) -> bool:
    """Whether the pages number a note (`inline.Transformer.note`): not a translator's or the editors'
    (marked by letters and stars), nor one that stands in the text."""
    return note.get("type") not in ("translator", "editorial") and not in_the_text(note)


def in_the_text(note: etree._Element) -> bool:
    """Whether a note stands in the text, where it is written (a transcript's, CBETA's in the line, a
    publisher's note set apart: `Rule.in_text`), its words words of the text's lines."""
    from tei_edition.inline import RULES  # (the rule table: imported when a document is walked)
    rule = RULES.find(note)
    return rule is not None and rule.in_text


def numbered_notes(tree: etree._ElementTree) -> list[etree._Element]:
    """A document's notes the pages number, in reading order."""
    text = tree.getroot().find(f"{_TEI}text")
    return [note for note in text.iter(f"{_TEI}note") if numbered(note)] if text is not None else []


def document_anchors(tree: etree._ElementTree, doc_id: str) -> list[Anchor]:
    """A document's anchors: located in its print where it has numbered pages and lines (as its
    print view: `diplomatic.print_layout`), else by kind."""
    text = tree.getroot().find(f"{_TEI}text")
    locator = _Locator(doc_id, printed=text is not None and printed_text(text))
    if text is not None:
        locator.walk(text)
    return locator.anchors


def register_anchors(entries: list[RegisterEntry]) -> list[Anchor]:
    return [Anchor("archives", e.id, f"{e.unit.repository} f. {e.unit.fond}, op. {e.unit.opis}, d. {e.unit.delo}")
            for e in entries]


def read_ledger(path: Path) -> list[Anchor]:
    if not path.exists():
        return []
    anchors = []
    errors = Collector()
    for number, line in enumerate(read_text(path).splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            errors.add(path, number, "a ledger row is page<TAB>id<TAB>meaning")
            continue
        anchors.append(Anchor(*parts))
    errors.raise_if_any()
    return anchors


def compare_ledger(ledger: list[Anchor], current: list[Anchor], path: Path) -> tuple[list[str], list[Anchor]]:
    """Problems with published anchors (each at its ledger row), and the anchors not yet in the ledger."""
    now = {(a.page, a.id): a for a in current}
    broken = []  # (the ledger's anchor, the current one or None)
    for anchor in ledger:
        found = now.get((anchor.page, anchor.id))
        if found is None or found.meaning != anchor.meaning and not (
                _locates(found.meaning, anchor.meaning) or _locates(anchor.meaning, found.meaning)):
            broken.append((anchor, found))
    gone: dict[str, list[str]] = {}  # page -> its ids that disappeared (a note: the note, its marker …)
    for anchor, found in broken:
        if found is None:
            gone.setdefault(anchor.page, []).append(anchor.id)
    lines = ledger_lines(path) if broken else {}  # (read again only to say where)
    problems = []
    for anchor, found in broken:
        line = lines.get((anchor.page, anchor.id))
        where = f"{path}:{line}" if line else str(path)
        if found is None:
            together = gone[anchor.page]
            problems.append(f"{where}: published anchor {anchor.page}#{anchor.id} ({anchor.meaning}) has disappeared: "
                            f"restore it, or retire it to where its text is now (tei-edition ledger --retire "
                            f"{' '.join(together)} --to ID --why …"
                            + (": the ids of a page gone together are retired together, to one id)" if len(together) > 1
                               else ")"))
        else:
            problems.append(f"{where}: published anchor {anchor.page}#{anchor.id} meant \"{anchor.meaning}\", "
                            f"now it means \"{found.meaning}\": restore it there, or, if its text has moved for "
                            f"good, give the text a new id and retire this one to it (tei-edition ledger --retire "
                            f"{anchor.id} --to NEW-ID --why …)")
    known = {(a.page, a.id) for a in ledger}
    return problems, [a for a in current if (a.page, a.id) not in known]


def _locates(meaning: str, recorded: str) -> bool:
    """Whether `meaning`, a print place, is where an anchor recorded by its kind alone stands now: a
    document recorded before its pages were numbered ("p" -> "p. 2, l. 1"; "div" -> "p. 2, l. 1, div").
    Its element and its id are the same: the ledger keeps its row, which promises the kind. (Asked the
    other way round too: a document recorded as a print that no longer is one, a letter whose closer's
    one line break made it one before 2026-11-27, keeps each anchor's element and kind.)"""
    if recorded.startswith("p. ") or not meaning.startswith("p. "):
        return False
    last = meaning.split(", ")[-1]
    kind = "p" if last.startswith(("p. ", "l. ")) else "note" if last.startswith("note") else last
    return kind == recorded


def append_to_ledger(path: Path, new: list[Anchor]) -> None:
    text = read_text(path) if path.exists() else LEDGER_HEADER
    path.write_text(text + "".join(a.row() + "\n" for a in new), encoding="utf-8")


def ledger_lines(path: Path) -> dict[tuple[str, str], int]:
    """Each ledger row's line, by (page, id) (for messages that name it)."""
    found: dict[tuple[str, str], int] = {}
    for number, line in enumerate(read_text(path).splitlines(), start=1) if path.exists() else ():
        page, _, rest = line.partition("\t")
        if rest and not line.startswith("#"):
            found.setdefault((page, rest.partition("\t")[0]), number)
    return found


def ledger_line(path: Path, page: str, anchor_id: str) -> int | None:
    """The line of an anchor's row in the ledger (for a message that names it)."""
    return ledger_lines(path).get((page, anchor_id))
