"""Language tags as BCP 47 writes them (what `xml:lang` and HTML's `lang` take): a language that has
a two-letter ISO 639-1 code is written with it, never with its three-letter ISO 639-2 code ("de",
not "ger" or "deu"), which browsers, screen readers and the Nu checker do not read as the same."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

# A tag's form (the one definition: edition.yaml's languages are read with it too): a primary
# language subtag of 2–3 letters, then subtags of 1–8 letters or digits ("ru", "de-CH", "sr-Latn").
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")


def two_letter(primary: str) -> str | None:
    """The two-letter ISO 639-1 code BCP 47 writes for a three-letter ISO 639-2 one ("ger", "deu" ->
    "de"), from the Unicode CLDR's language aliases (babel); None if the language has none ("grc")."""
    if len(primary) != 3:
        return None
    from babel.core import get_global  # only for a three-letter tag: a two-letter one is as BCP 47 writes it
    alias = get_global("language_aliases").get(primary)
    return alias if isinstance(alias, str) and re.fullmatch(r"[a-z]{2}", alias) else None


def tag_fault(tag: str) -> str:
    """What is wrong with a language tag, and what to write ("" if nothing)."""
    if not LANGUAGE_TAG.match(tag):
        return f"'{tag[:40]}' is not a language tag (BCP 47: e.g. 'ru', 'en', 'de-CH', 'sr-Latn')"
    primary, _, rest = tag.partition("-")
    code = two_letter(primary)
    if code:
        return f"'{tag}' is an ISO 639-2 code: BCP 47 writes this language '{code}{f'-{rest}' if rest else ''}'"
    return ""


def suggested(tag: str) -> str:
    """The tag as BCP 47 writes it, where `tag_fault` names a better one; else the tag."""
    primary, _, rest = tag.partition("-")
    code = two_letter(primary)
    return code + (f"-{rest}" if rest else "") if code else tag


def direction(text: str) -> str:
    """The writing direction of a text, "rtl" or "ltr": that of most of its letters (Unicode's bidirectional
    classes: R and AL, Hebrew's and Arabic's, against L). Read from the text itself, not from a table of
    language tags: a transliteration ("ar-Latn"), a language no table knows (Judaeo-Arabic in Hebrew
    letters) and a script subtag left out all get their own text's direction. A text without letters is "ltr"."""
    right = left = 0
    for character, count in Counter(text).items():  # each distinct character looked up once
        kind = unicodedata.bidirectional(character)
        if kind == "L":
            left += count
        elif kind in ("R", "AL"):
            right += count
    return "rtl" if right > left else "ltr"


def text_direction(element: etree._Element | None, sample: int = 4000) -> str:
    """The direction of an element's text, from its first `sample` characters (enough to tell), its
    notes left out (a papyrus's English notes would outweigh its Aramaic lines)."""
    if element is None:
        return "ltr"
    pieces: list[str] = []
    length = 0
    for piece in _own_text(element):
        pieces.append(piece)
        length += len(piece)
        if length >= sample:
            break
    return direction("".join(pieces))


def _own_text(element: etree._Element) -> Iterator[str]:
    """An element's text in order, its notes' left out (read only as far as it is asked for)."""
    if element.text:
        yield element.text
    for child in element:
        if isinstance(child.tag, str) and not child.tag.endswith("}note"):
            yield from _own_text(child)
        if child.tail:
            yield child.tail


@dataclass(frozen=True)
class LanguageName:
    """A language's name as a page shows it: the name, the language it is written in ("" if unknown)
    and its direction."""

    text: str
    lang: str
    dir: str


def cldr_name(tag: str, in_lang: str = "") -> LanguageName | None:
    """A language's name from the Unicode CLDR (babel): as the language writes itself ("עברית"), or, for
    a language the CLDR has no locale for (Ancient Greek, Judaeo-Arabic), in `in_lang`; None if the CLDR
    names it in neither."""
    from babel import Locale, UnknownLocaleError  # only for a language without interface strings
    try:
        own = Locale.parse(tag, sep="-")
        text = own.get_display_name(own)
        if text:
            return LanguageName(text, tag, direction(text))
    except (UnknownLocaleError, ValueError):
        pass
    try:
        shown = Locale.parse(in_lang, sep="-") if in_lang else None
    except (UnknownLocaleError, ValueError):
        shown = None
    text = (shown.languages.get(tag.replace("-", "_")) or shown.languages.get(tag.partition("-")[0])) if shown else None
    return LanguageName(text, in_lang, direction(text)) if text else None
