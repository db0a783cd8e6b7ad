"""The editors' apparatus in the reading text: misprints kept as printed, and a critical apparatus.

A misprint is a TEI `sic`: alone, when the editors do not correct it, or in a `choice` with the
editors' `corr`. The reading page shows the text as printed (so the reading text stays the
source's), marked, with a marker that leads to an editors' note beside its paragraph (the notes
list: no hover, no script). The note says what the source has and the editors' correction, or,
for a `sic` alone, their conjecture: a `<note type="editorial" subtype="conjecture">` whose
`target` points to the `sic`, shown as an inference, not as the text. The note's words are the
page's interface strings; its TEI content (the printed text, the correction, the conjecture) is
rendered by the rule table.

A critical apparatus (`app`: a `lem` and the `rdg`s of other witnesses) is shown where it stands:
the lemma in the running text, then the readings in brackets, each after its witnesses' sigla
(`@wit`, with the witness's description from the header's `listWit` as the siglum's title), an
empty reading (or one of an empty `space` only: CBETA's) as the interface's "om.". The lemma's own
sigla, if any, come first, apart from the readings by "; " ("A; B reading": a positive apparatus).
A witness's siglum is its `n`, else its description where that is shorter than its id (CBETA's
witness "wit1" is its description, the Song edition's name in its brackets), else its id. Every
reading's text is on the page, in the order of the TEI.
"""
from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from lxml import etree

from tei_edition.output import id_attribute
from tei_edition.standoff import words_of
from tei_edition.tei import NS, TEI_NS, XML_ID, XML_LANG, elements, local_name, text_of
from tei_edition.units import Content, Emendation, Note

if TYPE_CHECKING:
    from tei_edition.inline import Transformer
    from tei_edition.output import HtmlOutput


def has_sic(element: etree._Element) -> bool:
    """A choice that keeps a misprint (its `sic`) beside the editors' correction."""
    return element.find("t:sic", NS) is not None


def is_editorial_note(element: etree._Element) -> bool:
    """The editors' conjecture on a misprint (a `sic` alone, which it points to): shown in the
    misprint's note. Another editorial note (a textual note, an apparatus entry) is a note as any."""
    target = (element.get("target") or "").strip()
    return element.get("type") == "editorial" and target.startswith("#") and bool(
        elements(element.getroottree(), "//t:sic[@xml:id=$id]", id=target[1:]))


def misprint(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """A `sic`, or a `choice` holding one: the printed text, marked, then the marker of its editors' note."""
    sic = element if local_name(element) == "sic" else element.find("t:sic", NS)
    assert sic is not None  # the rule's condition (has_sic) or the element itself
    note = tx.note_of.get(element) if tx.rendering else _collect(tx, element, sic)
    out.markup(f'<span class="sic"{tx.id_attribute(escape(sic.get(XML_ID, ""))) if sic.get(XML_ID) else ""}>')
    tx.children(sic, out)
    out.markup("</span>")
    if note is not None:
        out.markup(tx.noteref(note, "noteref editorial-noteref", "edref",
                              tx.strings["editorial_note_label"].format(label=note.label)))


def shown_with_its_sic(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """An editors' note on a misprint: nothing where it stands; its text is in the misprint's note."""


def conjecture(sic: etree._Element) -> etree._Element | None:
    """The editors' conjecture on a `sic` alone: the editorial note whose `target` points to it."""
    sic_id = sic.get(XML_ID)
    if not sic_id:
        return None
    found = elements(sic.getroottree(), "//t:note[@type='editorial'][@subtype='conjecture']"
                                        "[@target=$target]", target=f"#{sic_id}")
    return found[0] if found else None


def _collect(tx: Transformer, element: etree._Element, sic: etree._Element) -> Note:
    """The model's walk: the misprint's editors' note, numbered in reading order (*1, *2…)."""
    number = 1 + sum(1 for note in tx.state.notes if note.kind == "editorial")
    corr = element.find("t:corr", NS) if element is not sic else None
    proposed = corr if corr is not None else conjecture(sic)
    if proposed is not None:
        tx.inline(proposed)  # what it holds, walked as any content is
    emendation = Emendation(Content(sic, skip=_marker, of_original=tx.of_original),
                            Content(proposed, of_original=tx.of_original) if proposed is not None else None,
                            corrected=corr is not None)
    note = Note(f"ed{number}", number, "", "", tx.state.paragraph_id, emendation.printed, (), "editorial",
                f"*{number}", element, emendation=emendation)
    tx.state.notes.append(note)
    return note


def _marker(element: etree._Element) -> bool:
    """What the note's copy of the misprint leaves out: the page, column and reference markers
    inside it, which the text shows where they stand (twice, their ids would be duplicates)."""
    return local_name(element) in ("pb", "cb", "milestone", "anchor")


_READINGS = ("rdg", "rdgGrp")
_APP = f"{{{TEI_NS}}}app"
_SOURCES = ("witness", "bibl", "biblStruct")  # what a reading's wit or source points to


def variants(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """An `app`: its lemma in the text, then its readings in brackets (see the module's docstring). A
    lemma in a group of readings (`rdgGrp`) is the lemma all the same."""
    out.markup(f'<span class="app"{tx.id_attribute(escape(element.get(XML_ID, ""))) if element.get(XML_ID) else ""}>')
    lem = element.find("t:lem", NS)
    if lem is None:
        lem = element.find("t:rdgGrp//t:lem", NS)
    if lem is not None and not is_apart(element):  # (apart, its lemma is the text before it)
        out.markup('<span class="lem">')
        tx.children(lem, out)
        out.markup("</span>")
    if any(isinstance(child.tag, str) and child is not lem for child in element):
        out.markup(f'<span class="readings" title="{escape(str(tx.strings["app_readings_title"]))}"> [')
        lemma_sigla = _sigla(tx, lem) if lem is not None else ""
        if lemma_sigla:
            out.markup(f"{lemma_sigla}; ")
        _group(tx, element, out)
        out.markup("]</span>")
    out.markup("</span>")


def is_apart(app: etree._Element | None) -> bool:
    """Whether an `app` stands just after the words it points to (`from`/`to`: written apart, and read
    there, `standoff`): those words are its lemma."""
    if app is None or not words_of(app):
        return False
    previous = app.getprevious()
    return previous is not None and previous.get(XML_ID) == words_of(app)


def lemma_apart(element: etree._Element) -> bool:
    return is_apart(element.getparent()) or is_apart(next(element.iterancestors(_APP), None))


def _group(tx: Transformer, group: etree._Element, out: HtmlOutput) -> None:
    """The readings of an `app` or a `rdgGrp` (and what else it holds: notes, wit), apart by "; "; a
    lemma among them is in the text, not here."""
    first = True
    for child in group:
        if not isinstance(child.tag, str) or local_name(child) == "lem":  # (shown in the text)
            continue
        if local_name(child) in _READINGS and not first:
            out.markup("; ")
        first = False
        if local_name(child) == "rdgGrp":
            if child.get(XML_ID):  # (a target too: an empty anchor where it begins, on a page with ids)
                out.markup(tx.anchor_html(escape(child.get(XML_ID, ""))))
            _group(tx, child, out)
        elif local_name(child) == "rdg":
            _reading(tx, child, out)
        else:
            tx.element(child, out)


def _reading(tx: Transformer, reading: etree._Element, out: HtmlOutput) -> None:
    """A reading: its witnesses' sigla, its words (or "om."); its xml:id a target (the Whitman
    Archive's `ref target="#r2"` to a reading stopped the build: no such id on the page)."""
    lang = reading.get(XML_LANG)
    own = id_attribute(tx, reading)
    out.markup(f'<span class="rdg" lang="{escape(lang)}"{own}>' if lang else f'<span class="rdg"{own}>')
    sigla = _sigla(tx, reading)
    if sigla:
        out.markup(f"{sigla} ")
    if (reading.text or "").strip() or any(isinstance(child.tag, str) and local_name(child) != "space"
                                           or (child.tail or "").strip() for child in reading):
        tx.children(reading, out)
    else:
        out.markup(f'<i class="omitted">{escape(str(tx.strings["app_omitted"]))}</i>')
    out.markup("</span>")


def _sigla(tx: Transformer, reading: etree._Element) -> str:
    """The witnesses of a reading (`@wit="#A #B"`), or its sources (`@source`: an edition, a scholar), as
    sigla, each titled with its witness's (or source's) description."""
    shown, sigla = [], []
    for pointer in (reading.get("wit") or reading.get("source") or "").split():
        siglum = pointer.rpartition("#")[2] or pointer
        sigla.append(siglum)
        witness = tx.target(reading, siglum) if pointer.startswith("#") else None
        if witness is None or local_name(witness) not in _SOURCES:
            if pointer.startswith("#") and witness is None:  # (said by the model's walk, once: `warn`)
                tx.warn(reading, "a reading's witness (wit=\"#...\") is no witness of this file's listWit: its "
                                 "siglum is shown as written, with no description; declare the witnesses in the "
                                 "header (sourceDesc/listWit/witness xml:id=\"...\")")
            shown.append(f'<span class="wit">{escape(siglum)}</span>')
            continue
        description = " ".join(text_of(witness).split())
        label = witness.get("n") or (description if 0 < len(description) < len(siglum) else siglum)
        shown.append(f'<abbr class="wit" title="{escape(description)}">{escape(label)}</abbr>'
                     if description else f'<span class="wit">{escape(label)}</span>')
    if len(shown) > _SIGLA_MOST:  # (a variorum's reading of 190 witnesses: two phone screens before its words)
        rest = sigla[_SIGLA_SHOWN:]
        shown[_SIGLA_SHOWN:] = [f'<abbr class="wit-more" title="{escape(" ".join(rest))}">+{len(rest)}</abbr>']
    return " ".join(shown)


# A reading of more witnesses than _SIGLA_MOST shows the first _SIGLA_SHOWN sigla and counts the rest
# (their sigla the count's title).
_SIGLA_MOST, _SIGLA_SHOWN = 10, 5


