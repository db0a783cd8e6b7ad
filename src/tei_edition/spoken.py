"""A transcription of speech (TEI's spoken module: a debate, an interview): each utterance (`u`)
with its speaker, the transcribers' marks (`vocal`, `kinesic`, `incident`, `pause`) set apart from
what is said, and their notes in a transcript (a speaker's name, the time, a comment) where they
stand, as the transcript writes them, not as numbered notes."""
from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from lxml import etree

from tei_edition.layout import in_block_context
from tei_edition.output import css_class, enclose, id_attribute, lang_attribute
from tei_edition.tei import NS, local_name
from tei_edition.transcription import names_pointed_to

if TYPE_CHECKING:
    from tei_edition.inline import Transformer
    from tei_edition.output import HtmlOutput


def utterance(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """An utterance, opened by its speaker's name (`who`: the person it points to, else the pointer
    as written), unless the transcript names the speaker just before it itself."""
    tag = "div" if in_block_context(element) else "span"
    out.markup(f'<{tag} class="u"{id_attribute(tx, element)}{lang_attribute(element)}>')
    speaker = names_pointed_to(tx, element, "who", unresolved=True)
    if speaker and not _named_before(element):
        out.markup(f'<span class="u-speaker">{escape(speaker)}</span> ')
    tx.children(element, out)
    out.markup(f"</{tag}>")


def _named_before(element: etree._Element) -> bool:
    """Whether the transcript names the utterance's speaker just before it (ParlaMint's
    `<note type="speaker">`)."""
    previous = element.getprevious()
    while previous is not None and not isinstance(previous.tag, str):
        previous = previous.getprevious()
    return previous is not None and local_name(previous) == "note" and previous.get("type") == "speaker"


def is_transcript_note(element: etree._Element) -> bool:
    """A transcript's own note (no `place`): in an utterance, or among utterances."""
    parent = element.getparent()
    if element.get("place") or parent is None:
        return False
    return local_name(parent) == "u" or parent.find("t:u", NS) is not None


def transcript_note(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """A transcript's note where it stands: a speaker's name a line of its own, the others (the time,
    a comment) set apart in the running text as the transcribers' words."""
    kind = element.get("type", "")
    block = in_block_context(element)
    tag = "p" if block and kind == "speaker" else "span"
    css = css_class("transcript-note", kind)
    enclose(tx, element, out, f'<{tag} class="{css}"{id_attribute(tx, element)}{lang_attribute(element)}>', f"</{tag}>")


def transcribed_event(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """A sound, a gesture or an event the transcribers describe (`vocal`, `kinesic`, `incident`): its
    description set apart from what is said; one that describes nothing shows its kind."""
    kind = element.get("type", "")
    css = css_class("transcribed", local_name(element), kind)
    parent = element.getparent()
    tag = "div" if in_block_context(element) and parent is not None and local_name(parent) != "u" else "span"
    named = f' data-kind="{escape(kind, quote=True)}"' if kind else ""  # (drawn where it describes nothing)
    out.markup(f'<{tag} class="{css}"{id_attribute(tx, element)}{lang_attribute(element)}{named}>')
    tx.children(element, out)
    out.markup(f"</{tag}>")


def pause(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """A pause: a mark the style sheet draws (not words of the text), its length in its title."""
    length = element.get("dur") or element.get("type") or ""
    title = f' title="{escape(length, quote=True)}"' if length else ""
    out.text(" ")
    out.markup(f'<span class="pause"{id_attribute(tx, element)}{title}></span>')
    out.text(" ")
