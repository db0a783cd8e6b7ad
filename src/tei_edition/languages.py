"""Language tags as BCP 47 writes them (what `xml:lang` and HTML's `lang` take): a language that has
a two-letter ISO 639-1 code is written with it, never with its three-letter ISO 639-2 code ("de",
not "ger" or "deu"), which browsers, screen readers and the Nu checker do not read as the same."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from lxml import etree

# A tag's form (the one definition: edition.yaml's languages are read with it too): a primary
# language subtag of 2–3 letters, then subtags of 1–8 letters or digits ("ru", "de-CH", "sr-Latn").
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")

# ISO 639-2 codes (bibliographic and terminological) of languages with an ISO 639-1 code -> that code.
TWO_LETTER = {
    "alb": "sq", "sqi": "sq", "ara": "ar", "arm": "hy", "hye": "hy", "baq": "eu", "eus": "eu", "bel": "be",
    "ben": "bn", "bos": "bs", "bul": "bg", "bur": "my", "mya": "my", "cat": "ca", "chi": "zh", "zho": "zh",
    "hrv": "hr", "cze": "cs", "ces": "cs", "dan": "da", "dut": "nl", "nld": "nl", "eng": "en", "epo": "eo",
    "est": "et", "fin": "fi", "fre": "fr", "fra": "fr", "geo": "ka", "kat": "ka", "ger": "de", "deu": "de",
    "gre": "el", "ell": "el", "heb": "he", "hin": "hi", "hun": "hu", "ice": "is", "isl": "is", "ind": "id",
    "gle": "ga", "ita": "it", "jpn": "ja", "kaz": "kk", "kor": "ko", "lat": "la", "lav": "lv", "lit": "lt",
    "mac": "mk", "mkd": "mk", "mao": "mi", "mri": "mi", "may": "ms", "msa": "ms", "nor": "no", "per": "fa",
    "fas": "fa", "pol": "pl", "por": "pt", "rum": "ro", "ron": "ro", "rus": "ru", "srp": "sr", "slo": "sk",
    "slk": "sk", "slv": "sl", "spa": "es", "swe": "sv", "tat": "tt", "tha": "th", "tib": "bo", "bod": "bo",
    "tur": "tr", "ukr": "uk", "urd": "ur", "uzb": "uz", "vie": "vi", "wel": "cy", "cym": "cy", "yid": "yi",
}


def tag_fault(tag: str) -> str:
    """What is wrong with a language tag, and what to write ("" if nothing)."""
    if not LANGUAGE_TAG.match(tag):
        return f"'{tag[:40]}' is not a language tag (BCP 47: e.g. 'ru', 'en', 'de-CH', 'sr-Latn')"
    primary, _, rest = tag.partition("-")
    if primary in TWO_LETTER:
        better = TWO_LETTER[primary] + (f"-{rest}" if rest else "")
        return f"'{tag}' is an ISO 639-2 code: BCP 47 writes this language '{better}'"
    return ""


def suggested(tag: str) -> str:
    """The tag as BCP 47 writes it, where `tag_fault` names a better one; else the tag."""
    primary, _, rest = tag.partition("-")
    return TWO_LETTER[primary] + (f"-{rest}" if rest else "") if primary in TWO_LETTER else tag


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
    """The direction of an element's text, from its first `sample` characters (enough to tell)."""
    if element is None:
        return "ltr"
    pieces: list[str] = []
    length = 0
    for piece in element.itertext():
        pieces.append(str(piece))
        length += len(piece)
        if length >= sample:
            break
    return direction("".join(pieces))


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
