"""The archival register: one entry per archival unit, with every citation that names it."""
from __future__ import annotations

import re
from collections.abc import Iterable

from tei_edition.archival import ArchivalRef, ArchivalUnit, english_form, folios_english, folios_russian, russian_form
from tei_edition.model import Citation, DocumentSummary, RegisterEntry


def _natural(value: str) -> tuple:
    """Sort "14" before "1399" and "3" before "14": digit runs compare as numbers (by length, then
    digits: no int() of a run that may be thousands of digits long), other text as text."""
    return tuple((len(part.lstrip("0")), part.lstrip("0"), part) if part.isdigit() else (-1, part, part)
                 for part in re.split(r"([0-9]+)", value))


def build_register(documents: Iterable[DocumentSummary]) -> list[RegisterEntry]:
    by_key: dict[str, list] = {}
    units = {}
    for document in documents:
        for citation in document.citations:
            units[citation.ref.unit.key] = citation.ref.unit
            by_key.setdefault(citation.ref.unit.key, []).append((document.id, citation))
    entries = [RegisterEntry(units[key], tuple(citations)) for key, citations in by_key.items()]
    return sorted(entries, key=lambda e: (e.unit.repository, _natural(e.unit.fond), _natural(e.unit.opis),
                                          _natural(e.unit.delo)))


def unit_russian(unit: ArchivalUnit) -> str:
    return russian_form(ArchivalRef(unit, ()))


def unit_english(unit: ArchivalUnit, repository_en: str) -> str:
    return english_form(ArchivalRef(unit, ()), repository_en)


def folios_cited(entry: RegisterEntry, lang: str) -> str:
    """Every folio range cited from this unit, once each, in folio order."""
    ranges = sorted({r for _, citation in entry.citations for r in citation.ref.folios}, key=lambda r: r.first.order())
    return folios_russian(ranges) if lang == "ru" else folios_english(ranges)


def ibid_resolved(citation: Citation, lang: str, repository_en: str) -> tuple[str, str]:
    """What an "Ibid." stands for, in two parts: what the editors infer from the reference it
    repeats (the unit, and the folios when none is printed), shown in brackets; and the folios the
    note prints, if any: ("РГАЭ. Ф. 635. Оп. 3. Д. 3.", " Л. 80"), ("RGAE, f. 635, op. 3, d. 3, l. 80", "")."""
    ref = citation.ref
    if ref.folios_repeated or not ref.folios:
        return (russian_form(ref) if lang == "ru" else english_form(ref, repository_en)).rstrip("."), ""
    if lang == "ru":
        return unit_russian(ref.unit), f" {folios_russian(ref.folios)}"
    return unit_english(ref.unit, repository_en).rstrip("."), f", {folios_english(ref.folios)}"


def repeated_note(entry: RegisterEntry, doc_id: str, citation: Citation) -> str:
    """The note ("n13") of the reference an "Ibid." repeats ("" if it is not known)."""
    return next((c.note_id for d, c in entry.citations if d == doc_id and c.id == citation.repeats), "")
