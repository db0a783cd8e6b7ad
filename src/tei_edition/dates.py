"""A date the TEI gives only by its attributes (`when`, `from`/`to`, `notBefore`/`notAfter`, at any
precision: a year, a month, a day), written out in the reader's language: the patterns and phrases
are interface strings (`date_day`, `date_month`, `date_year`; `date_between`, `date_not_before`,
`date_not_after`, `date_from_to`), the month names the Unicode CLDR's (babel)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from lxml import etree

from tei_edition.tei import date_parts

# What a date's attributes say -> the phrase that words it ("" : the date alone).
_PHRASES = {("when",): "", ("from", "to"): "date_from_to", ("notBefore", "notAfter"): "date_between",
            ("notBefore",): "date_not_before", ("notAfter",): "date_not_after", ("from",): "date_not_before",
            ("to",): "date_not_after"}


def date_attributes(date: etree._Element) -> tuple[str, ...]:
    """(phrase, ISO date, ...) of a date element by its attributes; () if they say no date."""
    for names, phrase in _PHRASES.items():
        values = [date.get(name, "").strip() for name in names]
        if all(values) and all(date_parts(value) for value in values):
            return (phrase, *values)
    return ()


def spelled_date(dated: tuple[str, ...], strings: Any, lang: str) -> str:
    """The date of `date_attributes` in words, in the interface language `lang`."""
    phrase, *values = dated
    words = [_spelled(value, strings, lang) for value in values]
    if not phrase:
        return words[0]
    if len(words) == 2:
        return str(strings[phrase].format(start=words[0], end=words[1]))
    return str(strings[phrase].format(date=words[0]))


def _spelled(iso: str, strings: Any, lang: str) -> str:
    from babel import Locale, UnknownLocaleError
    from babel.dates import format_date
    parts = date_parts(iso) or ()
    pattern = str(strings[("date_year", "date_month", "date_day")[len(parts) - 1]])
    try:
        locale = Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return iso  # (a language the CLDR does not know: the date as the TEI writes it)
    return format_date(dt.date(*parts, *(1,) * (3 - len(parts))), pattern, locale=locale)
