"""Russian archival citations: parse footnote references, build register keys and citation forms.

The article's footnotes cite archives in the Russian convention
("РГАЭ. Ф. 413. Оп. 3. Д. 1399. Л. 4."), and "Ibid."/"Там же" repeat the
reference before them. The edition needs each citation as data: to link
footnotes to an archival register (one entry per file, under a stable slug),
to reprint the citation in Russian, and to give the translation the modified
Library of Congress form English-language scholarship uses
("RGAE, f. 413, op. 3, d. 1399, l. 4.").
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import iuliia

__all__ = ["ArchivalParseError", "Folio", "FolioRange", "ArchivalUnit", "ArchivalRef", "parse_reference",
           "russian_form", "english_form", "folios_russian", "folios_english", "english_note_form"]

EXAMPLE = "РГАЭ. Ф. 413. Оп. 3. Д. 1399. Л. 4."
EN_DASH = "\u2013"
# Fond/opis/delo: digits with an optional letter prefix/suffix and hyphen
# ("413", "Р-7523", "14а"), optionally followed by "доп." (supplementary opis).
_ID = r"[^\W\d_]{0,3}-?[0-9]+(?:-?[^\W\d_]{1,3})?(?: доп\.)?"
_FIELDS = (("Ф", "repository"), ("Оп", "fond"), ("Д", "opis"))
_LABELS = {"Ф", "Оп", "Д", "Л", "Лл"}


class ArchivalParseError(ValueError):
    """A printed reference that does not follow the archival citation form.

    A ValueError so generic input handling still catches it. The message names
    the problem, the offending fragment and the expected form, because whoever
    reads it has to fix a footnote in the source, not debug this module.
    """


def _translit(text: str) -> str:
    """ALA-LC (ASCII variant): the romanisation used in English-language archival citations."""
    return iuliia.ALA_LC_ALT.translate(text)


@dataclass(frozen=True)
class Folio:
    """One leaf. Both sides share a number, so the back is marked "об." (оборот, verso)."""

    number: int
    verso: bool = False

    def __str__(self) -> str:
        return f"{self.number} об." if self.verso else str(self.number)

    def english(self) -> str:
        """LC-style verso is written solid: "4ob."."""
        return f"{self.number}ob." if self.verso else str(self.number)

    def order(self) -> tuple[int, bool]:
        """Reading order: 4 < 4 об. < 5."""
        return (self.number, self.verso)


@dataclass(frozen=True)
class FolioRange:
    """A single folio (last is None) or an inclusive run, kept as printed, not expanded."""

    first: Folio
    last: Folio | None = None

    def __post_init__(self) -> None:
        if self.last is not None and self.last.order() <= self.first.order():
            raise ValueError(f"folio range {self} does not run forward")

    def __str__(self) -> str:
        return str(self.first) if self.last is None else f"{self.first}{EN_DASH}{self.last}"

    def english(self) -> str:
        first = self.first.english()
        return first if self.last is None else f"{first}{EN_DASH}{self.last.english()}"


def default_repository_key(abbreviation: str) -> str:
    """"РГАЭ" -> "rgae": the register slug of a repository that the configuration does not name."""
    return re.sub(r"[^0-9a-z]+", "-", _translit(abbreviation).lower()).strip("-") or "archive"


def _key_part(value: str) -> str:
    """A fond, opis or delo in a register key: digits as they are ("1399"), anything else as "x" and
    the hex of its UTF-8 ("1-а" -> "x312dd0b0"), so that no two values share a part and a part
    never contains the "-" that separates parts."""
    return value if re.fullmatch(r"[0-9]+", value) else "x" + value.encode("utf-8").hex()


@dataclass(frozen=True)
class ArchivalUnit:
    """A file (дело): what an archival register lists. Folios vary per citation, so they live on ArchivalRef."""

    repository: str
    fond: str
    opis: str
    delo: str
    repository_key: str = field(default="", compare=False)  # archives.yaml `key`; "" = derived

    @property
    def key(self) -> str:
        """Register id ("rgae-413-3-1399"): ASCII, safe in URLs, xml:id and file names, and one-to-one:
        the last three "-"-separated parts are fond, opis and delo, the rest the repository's key."""
        repository = self.repository_key or default_repository_key(self.repository)
        return "-".join((repository, _key_part(self.fond), _key_part(self.opis), _key_part(self.delo)))


@dataclass(frozen=True)
class ArchivalRef:
    """One citation. For "Ibid."/"Там же" ibid is True and unit/folios are already resolved,
    so consumers never need the preceding footnote to know what is cited (what is resolved is
    not printed: the unit of an Ibid. always, its folios when `folios_repeated`)."""

    unit: ArchivalUnit
    folios: tuple[FolioRange, ...]
    ibid: bool = False
    # A bare "Ibid." prints no folio: its folios are the repeated reference's, an inference.
    folios_repeated: bool = field(default=False, compare=False)


class _Cursor:
    """Left-to-right matcher that remembers where it is, so errors can quote the offending text."""

    def __init__(self, text: str) -> None:
        self.text, self.pos = text, 0

    def take(self, pattern: str) -> re.Match[str] | None:
        match = re.compile(pattern).match(self.text, self.pos)
        if match:
            self.pos = match.end()
        return match

    def at_end(self) -> bool:
        return self.pos >= len(self.text)

    def fail(self, expected: str, example: str = EXAMPLE) -> ArchivalParseError:
        rest = self.text[self.pos:].lstrip()
        if not rest:
            found = "nothing (the reference ends there)"
        else:  # quote up to the next ". <Capital>", i.e. roughly one element of the citation
            fragment = re.match(r".*?(?=\.\s+[А-ЯЁA-Z]|\.?$)", rest).group(0) or rest  # type: ignore[union-attr]
            found = f'"{fragment[:40]}{"…" if len(fragment) > 40 else ""}"'
        return ArchivalParseError(f'expected {expected}, found {found}; write e.g. "{example}"')


def parse_reference(text: str, previous: ArchivalRef | None = None,
                    repositories: Mapping[str, str] | None = None) -> ArchivalRef:
    """Parse one printed reference; previous resolves "Ibid."/"Там же".

    Whitespace (including no-break spaces) is normalised here; the final period
    is optional. repositories, when given, restricts abbreviations to known ones
    so that a typo does not silently create a new register entry.
    """
    cur = _Cursor(" ".join(text.split()))
    if cur.at_end():
        raise ArchivalParseError(f'empty archival reference; write e.g. "{EXAMPLE}"')
    ibid = cur.take(r"(?i:(ibid|там же))\.?,?(?=\s|$)\s*")
    if ibid:
        word = "Ibid." if ibid.group(1).lower() == "ibid" else "Там же"
        if previous is None:
            raise ArchivalParseError(f'"{word}" has no preceding archival reference to repeat')
        if cur.at_end():
            return ArchivalRef(previous.unit, previous.folios, ibid=True, folios_repeated=bool(previous.folios))
        if not cur.text.startswith("Л", cur.pos):
            raise cur.fail(f'"Л. <folio>" or nothing after "{word}"', f"{word.rstrip('.')}. Л. 80.")
        return ArchivalRef(previous.unit, _folios_to_end(cur), ibid=True)

    repo_match = cur.take(r"([^\W\d_]+(?: [^\W\d_]+)*)\.\s*")  # "РГАЭ.", "ЦГА СПб."
    if not repo_match or _LABELS.intersection(repo_match.group(1).split()):
        cur.pos = 0
        raise cur.fail('a repository abbreviation followed by "." first, such as "РГАЭ."')
    repository = repo_match.group(1)
    if repositories is not None and repository not in repositories:
        known = ", ".join(f'"{name}"' for name in sorted(repositories)) or "none"
        raise ArchivalParseError(
            f'unknown repository "{repository}"; known repositories: {known}; '
            f"correct the abbreviation or add it to the repository list"
        )
    values: list[str] = []
    for label, after in _FIELDS:
        value_match = cur.take(rf"{label}\.\s*({_ID})")
        if not value_match:
            raise cur.fail(f'"{label}. <number>" after the {after}')
        value = value_match.group(1)
        values.append(value)
        if value.endswith(".") or cur.take(r"\.") or (label == "Д" and cur.at_end()):
            cur.take(r"\s*")
        else:
            raise cur.fail(f'"." after "{label}. {value}"')
    fond, opis, delo = values
    unit = ArchivalUnit(repository, fond, opis, delo, repository_key=repositories[repository] if repositories else "")
    return ArchivalRef(unit, () if cur.at_end() else _folios_to_end(cur))


def _folios_to_end(cur: _Cursor) -> tuple[FolioRange, ...]:
    """"Л. 3, 5–6 об." up to the end of the text; a final period is optional."""
    if not cur.take(r"Лл?\.\s*"):
        raise cur.fail('"Л. <folio>" or the end of the reference')
    ranges = [_folio_range(cur)]
    while cur.take(r",\s*"):
        ranges.append(_folio_range(cur))
    if not cur.text.endswith(".", 0, cur.pos):  # "об." already supplies the final period
        cur.take(r"\.")
    if not cur.at_end():
        raise cur.fail("the end of the reference after the folios")
    return tuple(ranges)


def _folio_range(cur: _Cursor) -> FolioRange:
    start = cur.pos
    first = _folio(cur)
    if not cur.take(r" ?[–—-] ?"):
        return FolioRange(first)
    last = _folio(cur)
    printed = cur.text[start:cur.pos]
    if last.order() < first.order():
        raise ArchivalParseError(
            f'folio range "{printed}" runs backwards; write the lower folio first, e.g. "Л. 353–354."')
    if last == first:
        raise ArchivalParseError(
            f'folio range "{printed}" starts and ends on the same folio; write a single folio, e.g. "Л. 4."')
    return FolioRange(first, last)


MAX_DIGITS = 6  # no archival file has a million folios; longer numbers are typing mistakes


def _folio(cur: _Cursor) -> Folio:
    match = cur.take(r"([0-9]+)( ?об(?:\.|(?![^\W\d_])))?")
    if match and len(match.group(1)) > MAX_DIGITS:
        raise ArchivalParseError(f'folio number "{match.group(1)[:12]}…" has {len(match.group(1))} digits; '
                                 f"a folio has at most {MAX_DIGITS}")
    if not match or int(match.group(1)) == 0:
        raise cur.fail("a folio number (1 or more, optionally followed by \"об.\")", "Л. 4 об.")
    return Folio(int(match.group(1)), verso=match.group(2) is not None)


def folios_russian(folios: Iterable[FolioRange]) -> str:
    """"Л. 4", "Л. 353–354", "Лл. 3, 5–6" ("" if none): Л. for one item, Лл. for a list."""
    items = tuple(folios)
    if not items:
        return ""
    return f"{'Л.' if len(items) == 1 else 'Лл.'} {', '.join(map(str, items))}"


def folios_english(folios: Iterable[FolioRange]) -> str:
    """"l. 4ob.", "ll. 353–354" ("" if none): LC style uses ll. for anything beyond one folio."""
    items = tuple(folios)
    if not items:
        return ""
    label = "l." if len(items) == 1 and items[0].last is None else "ll."
    return f"{label} {', '.join(item.english() for item in items)}"


def _sentence(parts: Iterable[str], separator: str, dot_each: bool) -> str:
    parts = [part for part in parts if part]
    if dot_each:
        parts = [part if part.endswith(".") else f"{part}." for part in parts]
    text = separator.join(parts)
    return text if text.endswith(".") else f"{text}."


def russian_form(ref: ArchivalRef) -> str:
    """The full Russian citation, resolved even for Ibid. (the register and tooltips need it whole)."""
    unit = ref.unit
    return _sentence((unit.repository, f"Ф. {unit.fond}", f"Оп. {unit.opis}", f"Д. {unit.delo}",
                      folios_russian(ref.folios)), " ", dot_each=True)


def english_form(ref: ArchivalRef, repository_en: str) -> str:
    """Modified LC form: "RGAE, f. 413, op. 3, d. 1399, l. 4."; Cyrillic in numbers is romanised."""
    unit = ref.unit
    return _sentence((repository_en, f"f. {_translit(unit.fond)}", f"op. {_translit(unit.opis)}",
                      f"d. {_translit(unit.delo)}", folios_english(ref.folios)), ", ", dot_each=False)


def english_note_form(ref: ArchivalRef, repository_en: str, folios_printed: bool) -> str:
    """A note's reference in English: the full LC-style form, or "Ibid." (with its folios if printed)."""
    if not ref.ibid:
        return english_form(ref, repository_en)
    return f"Ibid., {folios_english(ref.folios)}." if folios_printed and ref.folios else "Ibid."
