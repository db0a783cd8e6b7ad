"""A manuscript's hands (TEI's transcr module): where another hand begins (`handShift`), and which
hand added or deleted words (`add`, `del` with `hand`), each described from the header's
`handNote` it points to (its scribe, else its description) in the element's title."""
from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from lxml import etree

from tei_edition.header import header_text
from tei_edition.output import css_class, id_attribute, lang_attribute
from tei_edition.tei import elements, local_name, normalize_space, text_of

if TYPE_CHECKING:
    from tei_edition.inline import Transformer
    from tei_edition.output import HtmlOutput
    from tei_edition.rules import Behaviour


def hand_description(tx: Transformer, element: etree._Element, pointer: str) -> str:
    """The hand `pointer` names: its handNote's scribe or description, else the pointer as written
    ("Hand_B"); nothing for a pointer into another file ("persons.xml#p20", a web address), whose
    name this document does not give (the mark then says "[another hand]")."""
    value = pointer.strip()
    note = tx.target(element, value[1:]) if value.startswith("#") else None
    if note is None:
        return "" if "#" in value[1:] or "/" in value or ":" in value else value.removeprefix("#")
    # (a scribe named by a pointer, `scribeRef="#ww"`, to a person the document names: the Whitman
    # Archive's printed hand showed "[hand: h1]", its id)
    named = names_pointed_to(tx, note, "scribeRef") if note.get("scribeRef", "").startswith("#") else ""
    return note.get("scribe", "").strip() or named or header_text(note) or value[1:]


def names_pointed_to(tx: Transformer, element: etree._Element, attribute: str, unresolved: bool = False) -> str:
    """The names an attribute's pointers lead to (a note's `resp`, an utterance's `who`), joined: a
    person's or a respStmt's name, a hand's scribe, else the element's own text. A pointer to nothing
    is itself (the id, with `unresolved`) or left out (a role written as a word, "editor")."""
    names = []
    for pointer in (element.get(attribute) or "").split():
        found = tx.target(element, pointer[1:]) if pointer.startswith("#") else None
        if found is None:
            names.append(pointer.removeprefix("#") if unresolved else "")
        elif local_name(found) == "handNote":
            names.append(found.get("scribe", "").strip())
        else:
            inner = elements(found, "(.//t:persName | .//t:name | .//t:orgName)[1]") \
                if local_name(found) in ("person", "personGrp", "respStmt", "org") else [found]
            names.append(normalize_space(text_of(inner[0] if inner else found)))
    return ", ".join(name for name in names if name)


def _title(text: str) -> str:
    return f' title="{escape(text, quote=True)}"' if text else ""


def hand_shift(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """Where a hand begins: marked in brackets, as the editors' other marks are, with the hand's
    name ("[hand: Mary Shelley]": visible, where a title reaches no touch or keyboard reader); a hand
    described at length is "[another hand]", its description in its title."""
    described = hand_description(tx, element, element.get("new", ""))
    if described and len(described) <= _NAMED:
        out.markup(f'<span class="handshift"{id_attribute(tx, element)}>'
                   f'[{escape(tx.strings["hand_named"].format(hand=described))}]</span>')
        return
    out.markup(f'<span class="handshift"{id_attribute(tx, element)}{_title(described)}>'
               f'[{escape(tx.strings["hand_shift"])}]</span>')


_NAMED = 40  # the longest description shown as the hand's name (a scribe's name, "Hand B")


def by_hand(tag: str, css: str) -> Behaviour:
    """An addition or a deletion (`<tag class=css>`, its `place` a class: above the line, below ...),
    the hand that made it in its title."""
    def behaviour(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
        place = (element.get("place") or "").split()[:1]
        classes = css_class(css, element.get("type", ""), element.get("rend", ""), *place)
        described = hand_description(tx, element, element.get("hand", ""))
        out.markup(f'<{tag} class="{classes}"{id_attribute(tx, element)}{lang_attribute(element)}{_title(described)}>')
        tx.children(element, out)
        out.markup(f"</{tag}>")
    return behaviour
