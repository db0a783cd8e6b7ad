"""The registers of names: /{lang}/persons/, /{lang}/places/, /{lang}/organisations/ (only for an
edition with a registers file: README, "Registers of names"), each entry with a link to every unit
of every document that mentions it; and the registers' TEI, published at /tei/ beside the
documents' TEI, whose `ref`s point into it."""
from __future__ import annotations

from collections.abc import Iterator

from tei_edition.anchors import Anchor
from tei_edition.errors import read_bytes
from tei_edition.model import DocumentSummary, Mention
from tei_edition.site import Site
from tei_edition.urls import names_path, registers_tei_path
from tei_edition.views.base import EditionIndex, Output, Published

# The page of the ledger's anchors, by kind (a row: persons<TAB>karakhan<TAB>person). As in a
# born-digital document, an entry's anchor means its kind: its id travels with it in the registers
# file, so that its names and identification may be corrected without breaking the promise.
LEDGER_PAGES = {"person": "persons", "place": "places", "org": "organisations"}


def back_links(documents: dict[str, DocumentSummary]) -> dict[str, list[tuple[DocumentSummary, list]]]:
    """For each entry mentioned: per document that mentions it, each unit that does, once, in reading
    order, with the number of mentions in it: {entry id: [(document, [(mention, count), ...]), ...]}
    (one pass over the mentions, whatever the number of entries)."""
    found: dict[str, list[tuple[DocumentSummary, list]]] = {}
    for summary in documents.values():
        units: dict[str, dict[tuple[str, str], list]] = {}
        for mention in summary.mentions:
            units.setdefault(mention.entity, {}).setdefault((mention.unit, mention.kind), [mention, 0])[1] += 1
        for entity, by_unit in units.items():
            found.setdefault(entity, []).append((summary, [tuple(pair) for pair in by_unit.values()]))
    return found


def unit_label(strings: dict, mention: Mention) -> str:
    """"¶ 7", "note 3", "title", "table": what a back-link says."""
    if mention.kind in ("paragraph", "note") and mention.number is not None:
        return str(strings[f"names_in_{mention.kind}"].format(number=mention.number))
    key = f"names_in_{mention.kind}"
    return str(strings[key] if key in strings else strings["names_in_other"])


class NamesView:
    def pages(self, site: Site, index: EditionIndex) -> Iterator[Output]:
        registers = site.registers
        if registers is None:
            return
        for path in site.config.register_files:  # (each file as it is: a project's persons, its places)
            yield Output(registers_tei_path(path.name), read_bytes(path))
        languages = site.config.languages
        mentioned = {lang: back_links(index.summaries[lang]) for lang in languages}
        for kind in registers.kinds:
            for lang in languages:
                strings = site.config.strings(lang)
                page = site.page(names_path(lang, kind), lang, strings[f"names_title_{kind}"],
                                 {other: names_path(other, kind) for other in languages},
                                 site.edition_citation(lang))
                yield Output(page.path, site.render(
                    "names.html", page, kind=kind, kinds=registers.kinds, entries=registers.of_kind(kind, lang),
                    documents=index.summaries[lang], mentioned=mentioned[lang], unit_label=unit_label))

    def anchors(self, site: Site, index: EditionIndex) -> Iterator[Published]:
        registers = site.registers
        if registers is None:
            return
        for entity in registers.entities.values():
            paths = tuple(names_path(lang, entity.kind) for lang in site.config.languages)
            yield Published(Anchor(LEDGER_PAGES[entity.kind], entity.id, entity.kind), paths)
