"""Original and translation side by side, unit by unit: /{lang}/{document}/parallel/ (only for a
document with a translation). Each column speaks its own language, inline labels included.

The rows follow the original's front, body and back: each unit with an id beside the translation's unit of that id,
each division's heading beside the translation's, and the blocks without an id (a letter's opener
and closer, a list, a quotation) beside the translation's blocks without an id between the same
two units, in order: nothing of either text is left out."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import zip_longest
from typing import Any

from markupsafe import Markup

from tei_edition.tei import XML_ID
from tei_edition.units import walk_blocks
from tei_edition.urls import parallel_path
from tei_edition.views.base import DocumentPages, Output, Published


@dataclass(frozen=True)
class Row:
    """One row of a parallel view: a block of the original and the translation's (either may be None
    for a block without an id that the other text does not match); `above`: the id of the nearest row
    above with one ("title" at the start), where a row without an id sends its notes' readers back."""

    original: Any
    translation: Any
    above: str = "title"

    @property
    def heading(self) -> bool:
        """A division's heading (its blocks follow as rows of their own)."""
        return (self.original or self.translation).kind == "division"

    @property
    def back(self) -> str:
        return self.original.id if self.original is not None and self.original.id else self.above


def _row_blocks(blocks: tuple) -> list:
    """A text's blocks in reading order, as rows: divisions by their headings or numbers (their
    blocks follow)."""
    return [b for b in walk_blocks(blocks)
            if b.kind != "pagebreak" and (b.kind != "division" or b.heading is not None or b.number)]


def parallel_rows(original: tuple, translation: tuple) -> list[Row]:
    """The rows of the original's and the translation's blocks: by id where a block has one; the
    blocks without an id after the same unit (or before the first), in order."""
    theirs = _row_blocks(translation)
    by_id = {b.id: b for b in theirs if b.id}
    unmatched: dict[str | None, list] = {}  # the translation's blocks without an id, after which unit
    after = None
    for block in theirs:
        if block.id:
            after = block.id
        else:
            unmatched.setdefault(after, []).append(block)
    rows: list[Row] = []
    waiting: list = []
    after = None

    def pair_waiting() -> None:
        above = after or "title"
        for a, b in zip_longest(waiting, unmatched.pop(after, [])):
            if a is not None and b is not None and (a.kind == "division") != (b.kind == "division"):
                rows.extend((Row(a, None, above), Row(None, b, above)))  # a heading and a block: no pair
            else:
                rows.append(Row(a, b, above))
        waiting.clear()

    for block in _row_blocks(original):
        if not block.id:
            waiting.append(block)
            continue
        pair_waiting()
        after = block.id
        rows.append(Row(block, by_id.get(block.id)))
    pair_waiting()
    # The translation's blocks without an id after a unit the original does not have: last, not lost.
    rows.extend(Row(None, block, after or "title") for blocks in unmatched.values() for block in blocks)
    return rows


def note_rows(row: Row, translation_notes: dict[str, Any], original_ids: frozenset[str], lang: str,
              renamed: dict[str, str]) -> list[tuple[Any, Any, str]]:
    """The footnote rows under a row, each (original's note, translation's, the row's id): each of its
    original's footnotes beside its translation (by the id the TEI gives both, wherever the translation
    has it; a note without one, by the id its page gives it, only beside a note of the same row), then
    its translation's own footnotes (a note the translator wrote as a footnote: beside an empty cell).
    A translation's note whose page id an original's note has elsewhere (Perseus's: the Latin
    apparatus and the English translator's notes, none with an id) is named apart, by its language,
    in `renamed`, which its markers follow."""
    ours = [n for n in (row.original.notes if row.original is not None else ()) if n.kind == "foot"]
    theirs = [n for n in (row.translation.notes if row.translation is not None else ()) if n.kind == "foot"]
    in_row = {note.id: note for note in theirs}
    rows: list[tuple[Any, Any, str]] = [
        (note, translation_notes.get(note.id) if _own_id(note) else in_row.get(note.id), note.id) for note in ours]
    paired = {pair.id for _, pair, _ in rows if pair is not None}
    for note in theirs:
        if note.id in paired or (_own_id(note) and note.id in original_ids):
            continue  # (beside its original, in this row or in the original's)
        if note.id in original_ids:
            renamed[note.id] = f"{lang}-{note.id}"
        rows.append((None, note, renamed.get(note.id, note.id)))
    return rows


def _own_id(note: Any) -> bool:
    """Whether a note's id is the one its TEI gives it (not one its page gives a note without one)."""
    return note.element is not None and note.element.get(XML_ID) == note.id


class _Renamed:
    """A column's renderer whose note markers link to their notes' rows as renamed (`note_rows`)."""

    def __init__(self, renderer: Any, renamed: dict[str, str]):
        self.renderer, self.renamed = renderer, renamed
        self.pattern = re.compile('href="#(' + "|".join(map(re.escape, renamed)) + ')"')

    def __call__(self, content: Any) -> Markup:
        return Markup(self.pattern.sub(lambda m: f'href="#{self.renamed[m.group(1)]}"', str(self.renderer(content))))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.renderer, name)


class ParallelView:
    def pages(self, document: DocumentPages) -> Iterator[Output]:
        site, source = document.site, document.source
        for lang in site.config.languages:
            pair = source.parallel_pair(lang)
            if pair is None:
                return
            path = parallel_path(lang, document.id)
            versions = {code: document.model(code) for code in pair}
            renderers: dict[str, Any] = {code: document.renderer(code, path, anchors=False,
                                                                 strings_lang=self.column_strings(site, code))
                                         for code in pair}
            original = versions[source.lang]
            translations = {code: doc for code, doc in versions.items() if code != source.lang}
            reading = document.model(lang)
            page = site.page(path, lang, reading.title_text,
                             {other: parallel_path(other, document.id) for other in site.config.languages},
                             site.citation_line(lang, document.citation(lang, reading)),
                             document_id=document.id)
            ((translation_lang, translation),) = translations.items()
            original_ids = frozenset(note.id for note in original.footnotes)
            translated = {note.id: note for note in translation.footnotes}
            rows = parallel_rows(original.aligned_blocks, translation.aligned_blocks)
            renamed: dict[str, str] = {}
            notes = {id(row): note_rows(row, translated, original_ids, translation_lang, renamed) for row in rows}
            if renamed:
                renderers[translation_lang] = _Renamed(renderers[translation_lang], renamed)
            yield Output(path, site.render("parallel.html", page, original=original, translations=translations,
                                           rows=rows, original_lang=source.lang, tei=renderers,
                                           note_rows=lambda row, notes=notes: notes[id(row)]))

    @staticmethod
    def column_strings(site, lang: str) -> str:
        """The interface strings a column in `lang` speaks: its own, or the edition's first language's."""
        return lang if lang in site.config.ui else site.config.languages[0]

    def anchors(self, document: DocumentPages) -> Iterator[Published]:
        if not document.source.translations:
            return
        aligned = document.model(document.own_lang).aligned_ids
        paths = tuple(parallel_path(lang, document.id) for lang in document.site.config.languages)
        for anchor in document.source.anchors:
            if anchor.id in aligned:
                yield Published(anchor, paths)
