"""Full-text search (Pagefind): one record per passage of every reading page, so that a result
leads to the paragraph, note or table (`…/#p12`) with its print page, not only to the page.

Records are taken from the reading pages as built (the words a reader sees, a word broken by a
page break whole), each in its page's language, so that Pagefind stems it with that language's
stemmer. Pagefind (its binary, through its Python API) writes the index: a folder of static files
that the search page's script reads in the browser. Nothing here runs in the reader's browser
except Pagefind's own script and the edition's small search page script.
"""
from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Iterable
from copy import deepcopy
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

from lxml import etree

from tei_edition.errors import EditionError
from tei_edition.model import Document
from tei_edition.urls import search_bundle_path

# The passages of a reading page: body and abstract paragraphs, notes, tables (not the text of a
# citation box, which repeats the title).
_PASSAGES = etree.XPath("//main//p[@id][not(ancestor::details)] | //main//li[@id][contains(@class, 'note')]"
                        " | //main//table[@id]")
_DROPPED = etree.XPath(".//details | .//*[contains(@class, 'note-backref')] | .//*[contains(@class, 'note-printed')]"
                       " | .//caption | .//*[@class='retired-notice']")
_MENTIONS = etree.XPath(".//*[@data-entity]")
# What a register entry is filtered as: the class its mentions carry -> the kind of entry
_ENTITY_FILTERS = {"persname": "person", "placename": "place", "orgname": "org"}
_BUNDLE_SKIPPED = ("pagefind-ui", "pagefind-component-ui", "pagefind-modular-ui", "pagefind-highlight")


@dataclass(frozen=True)
class Record:
    url: str  # site path with the passage's fragment: "ru/shemetova-2020/#p12"
    language: str
    content: str
    meta: tuple[tuple[str, str], ...]  # title, unit, page
    # What the search page filters by ("document:shemetova-2020", "person:karakhan"): Pagefind's own
    # filters would do it, but its filter files come out different from run to run (1.5).
    filters: tuple[str, ...]


def _text(element: Any) -> str:
    copy = deepcopy(element)  # the passage without its decorations; the page itself stays whole
    dropped_elements: Any = _DROPPED(copy)
    for dropped in dropped_elements:
        parent = dropped.getparent()
        if parent is not None:
            parent.remove(dropped)
    return " ".join("".join(str(part) for part in copy.itertext()).split())


def passage_records(tree: Any, page_path: str, document: Document, strings: dict,
                    document_title: str) -> list[Record]:
    """The search records of one reading page (`tree`: its parsed <html>) showing `document`."""
    lang = tree.get("lang", "")
    folder = page_path.removesuffix("index.html")
    records = []
    found_passages: Any = _PASSAGES(tree)
    for element in found_passages:
        unit = element.get("id")
        content = _text(element)
        if not content:
            continue
        meta = [("title", document_title), ("unit", _unit_label(element, strings))]
        pages = document.unit_pages.get(unit)
        if pages:
            shown = pages[0] if pages[0] == pages[1] else f"{pages[0]}–{pages[1]}"
            meta.append(("page", str(strings["search_page"]).format(page=shown)))
        found = {f"document:{document.id}"}
        mentions: Any = _MENTIONS(element)
        for mention in mentions:
            kind = next((f for c, f in _ENTITY_FILTERS.items() if c in mention.get("class", "").split()), None)
            if kind:
                found.add(f"{kind}:{mention.get('data-entity')}")
        records.append(Record(f"{folder}#{unit}", lang, content, tuple(meta), tuple(sorted(found))))
    return records


def _unit_label(element: Any, strings: dict) -> str:
    if element.tag == "table":
        label = str(strings["unit_table"])
        return label[:1].upper() + label[1:]
    if element.tag == "li":  # its marker's label: "7", or a translator's "a"
        back = element.find(".//a[@class='note-backref']")
        label = str(strings["unit_note"]).format(number=(back.text_content().strip() if back is not None else ""))
    else:
        number = element.find("a[@class='para-number']")
        section = next(element.iterancestors("section"), None)
        heading = section.find("h2") if section is not None else None
        label = str(strings["unit_paragraph"]).format(number=number.get("data-number")) if number is not None \
            else " ".join(heading.text_content().split()) if heading is not None else ""  # an abstract's
    return label[:1].upper() + label[1:]


class SearchIndex:
    """The Pagefind index of a build's passages. Each record becomes a small page of its own in a
    scratch folder as its document is made (memory stays flat however many documents there are):
    its language on <html>, its text the page's body, its meta as Pagefind reads it; `files()`
    then indexes them with Pagefind's command in one run (Pagefind's Python API answers one
    request per tenth of a second)."""

    def __init__(self) -> None:
        self._scratch: tempfile.TemporaryDirectory[str] | None = None
        self._indexer: subprocess.Popen[str] | None = None
        self._failure: str | None = None
        self.count = 0

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._indexer is not None and self._indexer.poll() is None:  # the build stopped early
            self._indexer.kill()
            self._indexer.wait()
        if self._scratch is not None:
            self._scratch.cleanup()
            self._scratch = None

    def add(self, records: Iterable[Record]) -> None:
        for record in records:
            if self._scratch is None:
                self._scratch = tempfile.TemporaryDirectory(prefix="tei-edition-search-")
            # Named by language and address: the same name for the same passage in every build.
            page = Path(self._scratch.name) / "site" / record.language / f"{quote(record.url, safe='')}.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(_record_page(record), encoding="utf-8")
            self.count += 1

    def start(self) -> None:
        """Start indexing the records added so far, in Pagefind's own process (on the other core,
        while the build makes its last pages); `files()` collects the index."""
        if self._scratch is None or self._indexer is not None:
            return
        from pagefind_bin import get_executable  # type: ignore[import-untyped]  # the binary itself: no interpreter started to find it
        folder = Path(self._scratch.name)
        try:
            self._indexer = subprocess.Popen([str(get_executable()), "--site", str(folder / "site"),
                                              "--output-path", str(folder / "index"), "--silent"],
                                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        except (OSError, ImportError) as exc:
            self._failure = str(exc)

    def files(self) -> dict[str, bytes]:
        """The index and Pagefind's script, as site path -> bytes ({} without records)."""
        if self._scratch is None:
            return {}
        self.start()
        out = Path(self._scratch.name) / "index"
        message = self._failure
        if self._indexer is not None:
            try:
                stdout, stderr = self._indexer.communicate(timeout=1800)
                message = (stderr or stdout) if self._indexer.returncode != 0 else None
            except subprocess.TimeoutExpired:
                self._indexer.kill()
                message = "Pagefind took more than half an hour"
        if message is not None or not (out / "pagefind.js").is_file():
            raise EditionError.at("pagefind", None, "the search index could not be made: "
                                  f"{(message or 'no pagefind.js').strip()[:300]}; install the project again "
                                  "(it needs pagefind[bin])")
        made = {}
        for path in sorted(p for p in out.rglob("*") if p.is_file()):
            name = path.relative_to(out).as_posix()
            if name.startswith(_BUNDLE_SKIPPED):
                continue  # Pagefind's own interfaces: the edition has its own search page
            content = path.read_bytes()
            if name == "pagefind-entry.json":  # its languages come in a different order from run to run
                content = json.dumps(json.loads(content), ensure_ascii=False, sort_keys=True,
                                     separators=(",", ":")).encode("utf-8")
            made[search_bundle_path(name)] = content
        return made


def _record_page(record: Record) -> str:
    meta = "".join(f'<span data-pagefind-meta="{escape(key)}">{escape(value)}</span>' for key, value in
                   (*record.meta, ("target", record.url), ("filters", " ".join(record.filters))))
    return (f'<!DOCTYPE html><html lang="{escape(record.language)}"><head><meta charset="utf-8"><title></title>'
            f'</head><body><main data-pagefind-body><div data-pagefind-ignore>{meta}</div>'
            f"<p>{escape(record.content)}</p></main></body></html>")
