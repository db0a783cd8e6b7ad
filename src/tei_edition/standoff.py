"""Notes that stand apart from what they annotate: a `note` with a `target` (in the back, in a
division of notes, in a `standOff`) is read where it points, as if written there: its marker at the
end of what it annotates (in a paragraph, verse line, item or heading; after a word, name or anchor),
its text beside it. A note pointed to by its marker (`<ref target="#ftn1">1</ref>`: a Word
conversion's footnote) is read where that marker stands. The TEI file is published as written; only
its reading moves the note. A note inside what it points to, and the editors' and translators' notes
(which have rules of their own), stay where they are. So does an apparatus entry written apart
(`app from="#a" to="#b"`: CBETA's, in the back): it is read just after the words it points to, which
are its lemma."""
from __future__ import annotations

from lxml import etree

from tei_edition.tei import NS, TEI_NS, XML_ID, elements, local_name, normalize_space, text_of

# A target that holds running text: the note's marker goes at its end, inside it.
_HOLDERS = {"p", "ab", "l", "item", "head", "cell", "label", "dateline", "salute", "signed", "byline", "bibl",
            "quote", "q", "seg", "title", "docTitle", "titlePart", "closer", "opener", "trailer"}
# A target that holds blocks: the marker goes into its heading, else its first holder of text.
_CONTAINERS = {"div", "div1", "div2", "div3", "div4", "div5", "lg", "list", "listBibl", "table", "figure", "sp",
               "floatingText", "postscript", "epigraph", "argument", "front", "body", "back"}


def anchor_notes(tree: etree._ElementTree) -> None:
    """Move each standing-apart note of the document to what it annotates (in place, at read time)."""
    root = tree.getroot()
    text = root.find("t:text", NS)
    if text is None:
        return
    by_id = {element.get(XML_ID): element for element in text.iter() if element.get(XML_ID)}
    _annotations_as_notes(root)
    _apparatus_at_its_words(root, by_id)
    for note in elements(root, "//t:note[@target or @targetEnd]"):
        if note.get("type") in ("editorial", "translator"):
            continue
        # The end of what it annotates: the last pointer to this document (a note may point to the
        # original's and the translation's paragraphs at once: "#p.nl.3 #p.en.3").
        pointers = (note.get("targetEnd") or note.get("target") or "").split()
        target = next((by_id[p[1:]] for p in reversed(pointers) if p.startswith("#") and p[1:] in by_id), None)
        if target is None or target in note.iterancestors() or note in target.iterancestors() or target is note:
            continue  # (a note inside what it annotates stays where it is)
        _detach(note)
        if local_name(target) in _CONTAINERS:
            holder = target.find("t:head", NS)
            if holder is None:
                holder = next((e for e in target.iter() if isinstance(e.tag, str) and local_name(e) in _HOLDERS),
                              None)
            if holder is None:
                target.append(note)
            else:
                holder.append(note)
        elif local_name(target) in _HOLDERS:
            target.append(note)
        else:  # a word, a name, an anchor: just after it
            _after(target, note)


def _after(target: etree._Element, element: etree._Element) -> None:
    """`element` just after `target`, before the text that follows it."""
    tail, target.tail = target.tail, None
    target.addnext(element)
    element.tail = tail


def words_of(app: etree._Element) -> str:
    """The id of the end of the words an apparatus entry points to (`to`, else `from`), if it does."""
    pointer = (app.get("to") or app.get("from") or "").split()[:1]
    return pointer[0][1:] if pointer and pointer[0].startswith("#") else ""


def _apparatus_at_its_words(root: etree._Element, by_id: dict) -> None:
    """Each apparatus entry that points to its words, read just after them (where its rule finds it,
    `apparatus.is_apart`)."""
    for app in elements(root, "//t:app[@from or @to]"):
        target = by_id.get(words_of(app))
        if target is None or app in target.iterancestors() or target in app.iterancestors() or target is app:
            continue
        _detach(app)
        _after(target, app)


def _annotations_as_notes(root: etree._Element) -> None:
    """A standOff's `annotation` (Web Annotation's model: a `target`, a body `note`, who wrote it in a
    `respStmt`) is read as its note pointing where it points, its author's names after its text."""
    for annotation in elements(root, "//t:standOff//t:annotation[@target]"):
        body = annotation.find("t:note", NS)
        if body is None or body.get("target") or body.get("targetEnd"):
            continue
        body.set("target", annotation.get("target") or "")
        names = [normalize_space(text_of(name)) for resp in annotation.iterfind("t:respStmt", NS)
                 for name in resp if isinstance(name.tag, str) and local_name(name) != "resp"]
        if any(names):
            author = etree.SubElement(body, f"{{{TEI_NS}}}seg", type="resp")
            author.text = f" \u2014 {', '.join(name for name in names if name)}"


def notes_at_their_pointers(tree: etree._ElementTree) -> None:
    """A note written apart and pointed to from the text by its marker (`<ref target="#ftn1">1</ref>`,
    as Word conversions write footnotes, or a `ptr`) is read where its marker stands: the note takes
    the pointer's place (its marker is the page's own). A pointer with words of its own ("see note
    3") stays a link."""
    root = tree.getroot()
    text = root.find("t:text", NS)
    if text is None:
        return
    notes = {note.get(XML_ID): note for note in text.iter(f"{{{NS['t']}}}note") if note.get(XML_ID)}
    for pointer in list(elements(text, ".//t:ref[@target] | .//t:ptr[@target]")):
        target = (pointer.get("target") or "").split()
        note = notes.get(target[0][1:]) if len(target) == 1 and target[0].startswith("#") else None
        if note is None or note.get("target") or not _apart(note) or pointer in note.iter():
            continue
        label = text_of(pointer)
        if len(pointer) or len(label) > 4 or label.strip() != label:  # (a marker: "1", "12", "*", "a")
            continue
        _detach(note)
        pointer.addnext(note)
        note.tail = pointer.tail
        pointer.tail = None
        _detach(pointer)
        notes.pop(note.get(XML_ID), None)  # (one note, one marker)


def join_continued_notes(tree: etree._ElementTree) -> None:
    """A note the print continues on the next page (DTA: `<note xml:id="a" next="#b">` … `<pb/>` …
    `<note xml:id="b" prev="#a">`) is one note, read where it begins: its continuation's words join
    it, and the continuation, which has no marker of its own in the print, is no note of its own."""
    text = tree.getroot().find("t:text", NS)
    if text is None:
        return
    notes = {note.get(XML_ID): note for note in text.iter(_NOTE) if note.get(XML_ID)}
    continues = {_pointed(note.get("next")): note for note in notes.values() if note.get("next")}
    holder: dict[str, etree._Element] = {}  # each continued note's id -> the note it joined
    for note in list(text.iter(_NOTE)):
        own = note.get(XML_ID) or ""
        earlier = next((found for found in (holder.get(_pointed(note.get("prev"))), notes.get(_pointed(
            note.get("prev"))), continues.get(own)) if found is not None), None)
        if earlier is None or earlier is note or note in earlier.iterancestors() or earlier in note.iterancestors():
            continue
        _detach(note)
        if len(earlier):
            earlier[-1].tail = f"{earlier[-1].tail or ''} {note.text or ''}"
        else:
            earlier.text = f"{earlier.text or ''} {note.text or ''}"
        earlier.extend(list(note))
        if "next" in earlier.attrib:  # (its continuation is in it now: no pointer to a note read nowhere)
            del earlier.attrib["next"]
        holder[own] = earlier


_NOTE = f"{{{NS['t']}}}note"


def _pointed(pointer: str | None) -> str:
    """The id a pointer ("#b") names ("" for none)."""
    return (pointer or "").strip().removeprefix("#")


def _apart(note: etree._Element) -> bool:
    """Whether a note stands apart from the running text: in the back or a standOff, or as a block of a
    division (a list of notes). A note in a paragraph that a pointer names is a cross-reference's
    target ("see note 3"), not a note written apart."""
    parent = note.getparent()
    return parent is not None and (local_name(parent) in ("div", "listAnnotation") or any(
        local_name(ancestor) in ("back", "standOff") for ancestor in note.iterancestors()))


def _detach(note: etree._Element) -> None:
    """Take the note out of where it stands, leaving the text after it where it was."""
    parent, tail = note.getparent(), note.tail
    assert parent is not None
    previous = note.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    note.tail = None
    parent.remove(note)
