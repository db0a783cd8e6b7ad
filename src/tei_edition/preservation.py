"""Nothing is lost silently: every character of a TEI `<text>` reaches its reading page, in order.

The TEI's characters (white space aside) must be a subsequence of the page's: first the running
text without notes against the page's main text, then the notes, one after the other, against
the page's notes. A table may be laid out anew for reading (one row per goods line), and a rule
may show alternatives in another order (`Rule.reorders`): their characters are counted, not
ordered, against the page. The page may add (numbers, labels, brackets), never drop. Only what a rule
declares hidden (`Rule.hidden`: page furniture, an image's text alternative) is left out.
Greedy matching finds an embedding whenever one exists.
"""
from __future__ import annotations

import bisect
from collections import Counter
from pathlib import Path
from typing import Any

from lxml import etree

from tei_edition.errors import EditionError
from tei_edition.rules import RuleTable
from tei_edition.tei import TEI_NS, document_text, source_line


class Stream:
    """Characters of the TEI (white space removed) in order, with the source line of each run."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.starts: list[int] = []  # offset of each part in the joined text
        self.lines: list[int] = []
        self.length = 0

    def add(self, value: str | None, line: int) -> None:
        text = "".join(value.split()) if value else ""
        if text:
            self.parts.append(text)
            self.starts.append(self.length)
            self.lines.append(line)
            self.length += len(text)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def line_at(self, offset: int) -> int:
        return self.lines[bisect.bisect_right(self.starts, offset) - 1]


_NOTE, _TABLE = f"{{{TEI_NS}}}note", f"{{{TEI_NS}}}table"


def _streams(text: etree._Element, rules: RuleTable) -> tuple[Stream, list[Stream], Stream]:
    """The running text, each note's own text (in the order of the TEI), and what is counted only."""
    running = Stream()
    notes: list[Stream] = []
    unordered = Stream()  # tables laid out anew, choices with the reading first

    def visit(element: etree._Element, stream: Stream) -> None:
        tag = element.tag
        rule = rules.find(element) if isinstance(tag, str) else None
        line = source_line(element) or 0
        if isinstance(tag, str) and not (rule and rule.hidden):
            if tag == _NOTE and not (rule and rule.in_text):  # (a transcript's note stands in the text)
                inner = Stream()
                notes.append(inner)
            else:
                inner = unordered if tag == _TABLE or (rule is not None and rule.reorders) else stream
            if element.text:
                inner.add(element.text, line)
            for child in element:
                visit(child, inner)
        if element.tail:
            stream.add(element.tail, line)

    for child in text:
        visit(child, running)
    return running, notes, unordered


def _first_missing(stream: Stream, page: str) -> int | None:
    """The offset of the first TEI character that cannot be matched, in order, in `page`.

    Fast path: each run of the TEI's text is usually on the page as it is, and finding a run
    whole is an embedding. Finding it later than a character-by-character match would can only
    make the rest harder, so a failure there is confirmed by the exact greedy match."""
    position = 0
    for part in stream.parts:
        found = page.find(part, position)
        if found < 0:
            return _first_missing_exactly(stream.text, page)
        position = found + len(part)
    return None


def _moved(stream: Stream, page: str) -> tuple[int, str] | None:
    """(index, the run before it) of the first run of the TEI's text (of some length: a word, not a
    comma) that the page has, but only before the text that precedes it in the TEI (a byline shown
    after the title it stands above): the greedy match would blame a later character, and say it lost."""
    position = 0
    for index, part in enumerate(stream.parts):
        found = page.find(part, position)
        if found < 0:
            if len(part) >= 8 and 0 <= page.find(part) < position and index:
                return index, stream.parts[index - 1]
            return None
        position = found + len(part)
    return None


def _first_missing_exactly(characters: str, page: str) -> int | None:
    position = 0
    for index, character in enumerate(characters):
        position = page.find(character, position)
        if position < 0:
            return index
        position += 1
    return None


def check_page(tree: etree._ElementTree, tei_path: Path, page: Any, page_path: str, rules: RuleTable) -> None:
    """Raise a located error at the first TEI character that does not reach the page (`parse_page`)."""
    text = document_text(tree.getroot())
    if text is None:
        return
    main: Any = page.find(".//main")
    note_items = main.xpath(".//li[contains(concat(' ', @class, ' '), ' note ')]") if main is not None else []
    note_texts = ["".join(_shown_text(item).split()) for item in note_items]
    main_text = "".join((_shown_text(main) if main is not None else "").split())
    running, notes, unordered = _streams(text, rules)
    running_text = running.text
    for character, count in Counter(unordered.text).items():
        needed, shown = count + running_text.count(character), main_text.count(character)
        if needed > shown:
            line = unordered.line_at(unordered.text.index(character))
            raise EditionError.at(tei_path, line, f"text lost: the tables and alternatives have {count} "
                                                  f"«{character}» (with the running text: {needed}), "
                                                  f"{page_path} shows {shown}")
    _check_in_order(running, main_text, tei_path, page_path, "text")
    _check_notes(notes, note_texts, tei_path, page_path)


# The text a page shows of its document, without the edition's citation boxes: a citation repeats
# the title, so its characters must not stand in for the document's own.
_SHOWN_TEXT = etree.XPath(".//text()[not(ancestor::details[contains(concat(' ', @class, ' '), ' cite ')])]")


def _shown_text(element: Any) -> str:
    return "".join(str(part) for part in _SHOWN_TEXT(element))  # type: ignore[union-attr]


def _check_in_order(stream: Stream, page_text: str, tei_path: Path, page_path: str, what: str) -> None:
    missing = _first_missing(stream, page_text)
    moved = _moved(stream, page_text) if missing is not None else None
    if moved is not None:  # (all there, one run before what precedes it: said where that run is)
        index, before = moved
        raise EditionError.at(tei_path, stream.lines[index],
                              f"text out of order: «{stream.parts[index][:30]}…» of the {what} reaches {page_path} "
                              f"before «{before[:30]}…», which comes before it in the TEI: a rendering rule moves it")
    if missing is not None:
        characters = stream.text
        context = characters[missing:missing + 30]
        raise EditionError.at(tei_path, stream.line_at(missing),
                              f"text lost: «{context}…» of the {what} does not reach {page_path} "
                              f"(from «{characters[missing]}» on): a rendering rule drops it")


def _check_notes(notes: list[Stream], note_texts: list[str], tei_path: Path, page_path: str) -> None:
    """Each note's text in one note of the page. A page may list notes in another order than the
    TEI (end notes after the text): each is looked for from where the previous one was found."""
    unused = list(range(len(note_texts)))
    position = 0
    for stream in notes:
        if not stream.length:
            continue  # nothing of its own to find (a lost note: its gap)
        candidates = sorted(unused, key=lambda n: (n < position, n))
        found = next((n for n in candidates if _first_missing(stream, note_texts[n]) is None), None)
        if found is None:
            best = max(unused, key=lambda n: _first_missing(stream, note_texts[n]) or 0, default=None)
            _check_in_order(stream, note_texts[best] if best is not None else "", tei_path, page_path, "note")
            return
        unused.remove(found)
        position = found + 1
