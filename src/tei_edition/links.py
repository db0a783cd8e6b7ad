"""Links and pointers (`ref`, `ptr`): where a TEI pointer may lead on a page of this site, and what
a link shows and holds."""
from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from lxml import etree

from tei_edition.tei import NS, TEI_NS, local_name, normalize_space, text_of

if TYPE_CHECKING:
    from tei_edition.inline import Transformer, _Output

SAFE_SCHEMES = {"http", "https", "mailto"}
_NOTE = f"{{{TEI_NS}}}note"


def safe_href(tx: Transformer, element: etree._Element, target: str) -> str:
    """The href of a TEI pointer: "#id" within the document, or an http(s)/mailto URL; anything
    else (javascript:, data:, file paths) is a located error."""
    target = target.strip()
    if target.startswith("#"):
        return tx.id_href(escape(target[1:]))
    scheme = urlsplit(target).scheme.lower()
    if scheme not in SAFE_SCHEMES:
        shown = " ".join((element.get("target") or target).split())[:80]  # the attribute as written
        tx.error(element, f"<{local_name(element)} target=\"{shown}\">: a link must be #id, http(s): or mailto:"
                          + (f" ('{target[:40]}' is not)" if shown != target[:80] else ""))
        return "#"
    return escape(target, quote=True)


def ref(tx: Transformer, element: etree._Element, out: _Output) -> None:
    """A link; a note inside it (a citation with its footnote) has its marker just after the link,
    since a link may not hold another (the marker is one)."""
    target = (element.get("target") or "").split()
    if not target:
        tx.children(element, out)
        return
    out.markup(f'<a class="ref" href="{safe_href(tx, element, target[0])}">')
    tx.children(element, out, skip=_is_note)
    out.markup("</a>")
    for note in element.iterfind("t:note", NS):
        tx.element(note, out)


def _is_note(element: etree._Element) -> bool:
    return element.tag == _NOTE


def ptr(tx: Transformer, element: etree._Element, out: _Output) -> None:
    """A pointer has no text: the link shows its target — within the document, the target's heading
    (a division's, a figure's, a table's) where it has one, else its address."""
    for target in (element.get("target") or "").split():
        shown = _heading_of(element, target[1:]) if target.startswith("#") else ""
        out.markup(f'<a class="ptr" href="{safe_href(tx, element, target)}">{escape(shown or target)}</a>')


def _heading_of(element: etree._Element, target_id: str) -> str:
    found: Any = element.getroottree().xpath("//*[@xml:id=$id]/t:head[1]", id=target_id, namespaces=NS)
    return normalize_space(text_of(found[0])) if found else ""
