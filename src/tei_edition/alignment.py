"""A translation is aligned to its original through ids: every unit of the original has exactly
one counterpart with the same xml:id pointing back to it (`corresp="original.xml#id"`), and
nothing in the translation is left over; the blocks without an id (a letter's opener, a list) stand
in the same places. Quotations, duties and dates must agree as well; a quotation the author's words
interrupt (`q next`/`prev`) may be translated as one.
"""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from tei_edition.archival import ArchivalRef, english_note_form
from tei_edition.errors import Collector
from tei_edition.tei import (
    NS,
    TEI_NS,
    XML_ID,
    attr,
    corresp_target,
    elements,
    in_text,
    lost_note,
    normalize_space,
    source_line,
    text_of,
)

# Units that must be translated one for one (the original's elements that carry these ids).
# (Every note with an id is published on every reading page, wherever the TEI places it; the editors'
# and the translator's notes are each version's own.)
ALIGNED = ("//t:text//t:p[@xml:id]",
           "//t:text//t:note[@place='foot'] | //t:text//t:note[@xml:id][not(@type='editorial' or @type='translator')]",
           "//t:titlePart[@xml:id]",
           "//t:byline[@xml:id]", "//t:text//t:div[@xml:id]", "//t:table[@xml:id]", "//t:cell[@xml:id]",
           "//t:seg[@type='item']", "//t:text//t:lg[@xml:id]", "//t:text//t:figure[@xml:id]",
           "//t:text//t:sp[@xml:id]")
# The original's author-written English (the summary in <back>) is hers, not translated.
AUTHORIAL = "ancestor::t:back"


def aligned_units(original: etree._ElementTree) -> list[etree._Element]:
    """The original's units that a translation must have one for one, in the order of ALIGNED."""
    return [element for xpath in ALIGNED for element in elements(original, xpath)
            if not element.xpath(AUTHORIAL, namespaces=NS)]


def _names_the_original(corresp: str, original_name: str) -> bool:
    """Whether a pointer names the original's file (a mistyped id in it is still a fault)."""
    return corresp.split("#", 1)[0].rsplit("/", 1)[-1] == original_name


def check_translation(original: etree._ElementTree, translation: etree._ElementTree, original_name: str,
                      path: Path, refs: dict[str, ArchivalRef], repositories: dict) -> None:
    errors = Collector()
    units, unnamed = {}, []
    for element in aligned_units(original):
        if element.get(XML_ID):
            units[element.get(XML_ID)] = element
        else:  # a footnote (or a table's item) written without an id: nothing can point to it
            unnamed.append(element)
    if unnamed:
        errors.add(path, None, f"{len(unnamed)} unit(s) of {original_name} have no xml:id (the first a "
                               f"<{etree.QName(unnamed[0]).localname}> at {original_name}:{source_line(unnamed[0])}),"
                               f" so their translations here cannot be found: run `tei-edition ids`, which "
                               f"gives them ids and writes them, with corresp, into the translations")
    found = {e.get(XML_ID): e for e in translation.iter() if isinstance(e.tag, str) and e.get(XML_ID)}
    for unit_id, element in units.items():
        counterpart = found.get(unit_id)
        if counterpart is None:
            # (a note no translation carries, an apparatus's, is the editors': typed so, none is owed)
            editors = "; or, if it is the editors' note (an apparatus) that no translation carries, give it " \
                      "type=\"editorial\" in the original" if etree.QName(element).localname == "note" else ""
            errors.add(path, None, f"no translation of {original_name}#{unit_id} (at {original_name}:"
                                   f"{source_line(element)}): add an element with xml:id=\"{unit_id}\" here{editors}")
        elif corresp_target(counterpart, original_name) != unit_id:
            errors.add(path, source_line(counterpart),
                       f"xml:id=\"{unit_id}\" must have corresp=\"{original_name}#{unit_id}\"")
        elif etree.QName(counterpart).localname != etree.QName(element).localname:
            errors.add(path, source_line(counterpart), f"\"{unit_id}\" is a <{etree.QName(element).localname}> in the "
                                                     f"original, a <{etree.QName(counterpart).localname}> here")
        elif _has_text(element) and not _has_text(counterpart):
            errors.add(path, source_line(counterpart), f"\"{unit_id}\" is empty, but the original's has text "
                                                     f"(line {source_line(element)}): translate it")
    original_ids = {e.get(XML_ID) for e in original.iter() if isinstance(e.tag, str)}
    for element in translation.iter():
        if not isinstance(element.tag, str) or not attr(element, "corresp") \
                or attr(element, "corresp").startswith("#"):
            continue
        target = corresp_target(element, original_name)
        if target is None and not _names_the_original(attr(element, "corresp"), original_name):
            continue  # (a pointer to another file: the header's to a bibliography, copied from the original's)
        if target is None or target not in original_ids:
            errors.add(path, source_line(element),
                       f"corresp=\"{element.get('corresp')}\" points to nothing in {original_name}")
    _check_quotations(original, translation, original_name, path, errors)
    _check_blocks_without_ids(original, translation, original_name, path, errors)
    _check_notes(units, found, original_name, path, refs, repositories, errors)
    _check_measures_and_dates(original, translation, path, errors)
    errors.raise_if_any()


# What stands between blocks without being one: headings and breaks.
_NOT_BLOCKS = {"head", "div", "pb", "lb", "cb", "milestone", "fw", "anchor"}


def _blocks_without_ids(container: etree._Element) -> dict[str, list[etree._Element]]:
    """A body's or division's blocks without an id (a letter's opener and closer, a list), by the id
    of the block before them ("" at the start)."""
    found: dict[str, list[etree._Element]] = {}
    after = ""
    for child in container:
        if not isinstance(child.tag, str) or etree.QName(child).localname in _NOT_BLOCKS:
            if isinstance(child.tag, str) and child.get(XML_ID):
                after = child.get(XML_ID, "")
            continue
        if child.get(XML_ID):
            after = child.get(XML_ID, "")
        else:
            found.setdefault(after, []).append(child)
    return found


def _check_blocks_without_ids(original, translation, original_name, path, errors) -> None:
    """The blocks without an id stand in the translation as in the original: the same kinds, in the
    same order, after the same unit (the parallel view pairs them so); a block left out or added
    would otherwise pass unnoticed."""
    counterparts = {e.get(XML_ID): e for e in elements(translation, "//t:text//t:div[@xml:id]")}
    pairs = [(original.find(".//t:text/t:body", NS), translation.find(".//t:text/t:body", NS))]
    pairs += [(div, counterparts.get(div.get(XML_ID))) for div in elements(original, "//t:text//t:div[@xml:id]")]
    for theirs, ours in pairs:
        if theirs is None or ours is None:
            continue
        expected, present = _blocks_without_ids(theirs), _blocks_without_ids(ours)
        for after in dict.fromkeys([*expected, *present]):
            names = [etree.QName(e).localname for e in expected.get(after, [])]
            here = [etree.QName(e).localname for e in present.get(after, [])]
            if names != here:
                where = f"after #{after}" if after else f"at the start of <{etree.QName(ours).localname}>"
                line = source_line(present[after][0]) if present.get(after) else source_line(ours)
                theirs_line = source_line(expected[after][0]) if expected.get(after) else source_line(theirs)
                errors.add(path, line, f"{where}, {original_name} (line {theirs_line}) has "
                                       f"{', '.join(f'<{n}>' for n in names) or 'nothing'} without an xml:id, this "
                                       f"translation {', '.join(f'<{n}>' for n in here) or 'nothing'}: translate each "
                                       f"block in its place (or give both the same xml:id)")


def _has_text(element: etree._Element) -> bool:
    """Text, or the mark of a lost text (a lost note is translated as lost, not as empty)."""
    return bool(normalize_space(text_of(element))) or element.find(".//t:gap", NS) is not None


def merged_quotation_parts(original: etree._ElementTree, translation: etree._ElementTree,
                           original_name: str) -> frozenset[str]:
    """The later parts of the original's interrupted quotations (`q prev="#…"`, after the author's
    words «— отмечал Эпштейн, —») that the translation renders as one with the first part: they
    have no `q` of their own there, so no anchor on its page."""
    quoted = {corresp_target(q, original_name) for q in translation.iterfind(".//t:q", NS)}
    parts = {attr(q, XML_ID): q for q in elements(original, "//t:text//t:q[@xml:id]")}
    merged = set()
    for part_id, q in parts.items():
        first, seen = q, {part_id}
        while attr(first, "prev")[1:] in parts.keys() - seen:  # back to the first part (never in a circle)
            first = parts[attr(first, "prev")[1:]]
            seen.add(attr(first, XML_ID))
        if first is not q and part_id not in quoted and attr(first, XML_ID) in quoted:
            merged.add(part_id)
    return frozenset(merged)


def _check_quotations(original, translation, original_name, path, errors) -> None:
    quoted = {corresp_target(q, original_name) for q in translation.iterfind(".//t:q", NS)}
    quoted |= merged_quotation_parts(original, translation, original_name)  # translated with their first part
    for q in in_text(original, "q"):
        # (one without an id cannot be pointed to; one in the editors' note is theirs, not translated)
        if not q.get(XML_ID) or any(a.get("type") == "editorial" for a in q.iterancestors(f"{{{TEI_NS}}}note")):
            continue
        if q.get(XML_ID) not in quoted:
            errors.add(path, None, f"the quotation {original_name}#{q.get(XML_ID)} (line {source_line(q)}) has no "
                                   f"translation: a <q corresp=\"{original_name}#{q.get(XML_ID)}\">")


def _check_notes(units, found, original_name, path, refs, repositories, errors) -> None:
    for unit_id, note in units.items():
        if etree.QName(note).localname != "note" or unit_id not in found:
            continue
        english = found[unit_id]
        lost, lost_here = lost_note(note), lost_note(english)
        if lost != lost_here:
            fix = 'encode it as <gap reason="lost"/>' if lost else "translate it"
            errors.add(path, source_line(english), f"note {unit_id} is {'lost' if lost else 'present'} "
                                                 f"in the original: {fix}")
        for bibl in note.iterfind(".//t:bibl[@type='archival']", NS):
            ref = refs.get(bibl.get(XML_ID))
            match = [b for b in english.iterfind(".//t:bibl", NS)
                     if corresp_target(b, original_name) == bibl.get(XML_ID)]
            if ref is None:
                continue
            repository = repositories.get(ref.unit.repository)
            expected = english_note_form(ref, repository.abbr_en if repository else ref.unit.repository,
                                         bibl.find(".//t:citedRange", NS) is not None)
            if not match:
                errors.add(path, source_line(english), f"note {unit_id} needs <bibl type=\"archival\" "
                                                     f"corresp=\"{original_name}#{bibl.get(XML_ID)}\">{expected}</bibl>")
            elif normalize_space(text_of(match[0])) != expected:
                errors.add(path, source_line(match[0]), f"the English form of this reference is \"{expected}\", "
                                                      f"found \"{normalize_space(''.join(match[0].itertext()))}\"")


def _check_measures_and_dates(original, translation, path, errors) -> None:
    def measures(tree):
        return {(m.get("corresp"), m.get("type"), m.get("quantity"), m.get("unit"))
                for m in tree.iterfind(".//t:measure[@corresp]", NS)}
    for missing in sorted(measures(original) - measures(translation), key=str):
        errors.add(path, None, f"the duty {missing[0]} ({missing[1]} {missing[2] or ''} {missing[3] or ''}) is not "
                               f"translated with the same structured value")

    def dates(tree):
        return sorted(d.get("when") for d in in_text(tree, "date")
                      if not d.xpath(AUTHORIAL, namespaces=NS))
    if dates(original) != dates(translation):
        errors.add(path, None,
                   f"the translation's dates {dates(translation)} differ from the original's {dates(original)}")
