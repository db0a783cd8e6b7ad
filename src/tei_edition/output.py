"""The HTML a rule writes, kept as text and markup apart (`HtmlOutput`) so that white space can be
normalised once and words broken across a line end (`lb break="no"`) joined: a behaviour of the
rule table (`rules.py`) writes to one; the model's walk writes to a `NoOutput`."""
from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from lxml import etree
from markupsafe import Markup

from tei_edition.languages import direction
from tei_edition.tei import XML_ID, XML_LANG, headless_bibliography

if TYPE_CHECKING:
    from tei_edition.inline import Transformer

GLUE = object()  # joins the words on both sides: white space around it is dropped
# XML's white space: a no-break space, an ideographic space (a Chinese text's indent) are characters of the text.
XML_SPACE = " \t\r\n"
_SPACES = re.compile(r"[ \t\r\n]+")
# The rest of a word: letters, digits, and the hyphens and apostrophes inside it.
_WORD_REST = re.compile(r"(?:\w|[-\u2010\u2011'\u2019](?=\w))*")


def _collapse(text: str) -> str:
    """Runs of white space as one space (the regular expression only where there is such a run)."""
    return _SPACES.sub(" ", text) if "  " in text or "\n" in text or "\t" in text or "\r" in text else text


class HtmlOutput:
    def __init__(self) -> None:
        self.items: list = []

    def text(self, value: str) -> None:
        if self.items and self.items[-1] is not GLUE and self.items[-1][0] == "text":
            self.items[-1][1] += value  # one run of text, so that its white space collapses as one
        else:
            self.items.append(["text", value])

    def markup(self, value: str) -> None:
        self.items.append(["markup", value])

    def glue(self) -> None:
        self.items.append(GLUE)

    def after_word(self, value: str) -> None:
        """Markup that falls inside a word (a print page that begins in mid-word): written at the
        word's end, so that the word stays whole for reading, copying, searching and listening."""
        self.items.append(["after-word", value])

    def html(self) -> Markup:
        items = [item if item is GLUE or item[0] != "text" else ["text", _collapse(item[1])] for item in self.items]
        for n, item in enumerate(items):
            if item is GLUE:
                _strip(items, range(n - 1, -1, -1), lambda text: text.rstrip(XML_SPACE))
                _strip(items, range(n + 1, len(items)), lambda text: text.lstrip(XML_SPACE))
        items = _after_words([item for item in items if item is not GLUE])
        html = "".join(escape(item[1], quote=False) if item[0] == "text" else item[1] for item in items)
        return Markup(html.strip(XML_SPACE))


def _after_words(items: list) -> list:
    """Each after-word markup moved to the end of the word it falls in (the word's rest is the
    text that follows it up to the first character that is not part of a word)."""
    if not any(item[0] == "after-word" for item in items):
        return items
    moved: list = []
    for n, item in enumerate(items):
        if item[0] != "after-word":
            moved.append(item)
            continue
        following = next((later for later in items[n + 1:] if later[0] != "text" or later[1]), None)
        if following is None or following[0] != "text":
            moved.append(["markup", item[1]])
            continue
        rest = _WORD_REST.match(following[1])
        end = rest.end() if rest else 0
        moved.append(["text", following[1][:end]])
        moved.append(["markup", item[1]])
        following[1] = following[1][end:]
    return moved


class NoOutput(HtmlOutput):
    """What the model's walk writes to: nothing."""

    def text(self, value: str) -> None:
        pass

    def markup(self, value: str) -> None:
        pass

    def glue(self) -> None:
        pass

    def after_word(self, value: str) -> None:
        pass

    def html(self) -> Markup:
        return Markup("")


def _strip(items: list, indexes: range, strip: Callable[[str], str]) -> None:
    """Strip white space from the nearest text on one side, stepping over markup and empty text."""
    for n in indexes:
        if items[n] is not GLUE and items[n][0] == "text":
            items[n][1] = strip(items[n][1])
            if items[n][1]:
                return


# Markup made from the TEI by the rule table's behaviours (`rules.py`, `blocks.py`): every value escaped.
def css_class(*names: str) -> str:
    """A class attribute value from names that may come from the TEI (@rend, @type): sanitised."""
    cleaned = (re.sub(r"[^a-z0-9-]+", "-", name.lower()).strip("-") for name in names if name)
    return " ".join(dict.fromkeys(name for name in cleaned if name))  # (once each; "?" cleans to nothing)


def lang_attribute(element: etree._Element) -> str:
    """An element's own language, and its direction where its text is written right to left (a Syriac
    or Hebrew phrase in a left-to-right text: without it, its punctuation lands on the wrong side)."""
    lang = element.get(XML_LANG)
    if not lang:
        return ""
    text = "".join(str(part) for part in element.itertext())
    rtl = not text.isascii() and direction(text) == "rtl"  # (most tagged words are plain Latin: no lookup)
    return f' lang="{escape(lang)}"' + (' dir="rtl"' if rtl else "")


def id_attribute(tx: Transformer, element: etree._Element) -> str:
    value = element.get(XML_ID)
    if not value or headless_bibliography(element):  # (its id is its section's: walk.BlockWalker.of)
        return ""
    return tx.id_attribute(escape(value))


def enclose(tx: Transformer, element: etree._Element, out: HtmlOutput, start: str, end: str) -> None:
    """The element's content between two pieces of markup made by the behaviour."""
    out.markup(start)
    tx.children(element, out)
    out.markup(end)
