"""Tables as data: for each table the edition declares (`data:` in edition.yaml), /data/<name>.csv,
.json and .schema.json, a chart per interface language (/data/<name>.<lang>.svg), and the page
/{lang}/data/ that describes them. An edition that declares none gets none of these."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from tei_edition.chart import draw, goods_of, groups, height, marker, money_name, number, summary
from tei_edition.datasets import DUTY, GOODS, DataTable, field_types, json_schema, read_lines, to_csv, to_json
from tei_edition.documents import SourceDocument
from tei_edition.site import Site
from tei_edition.urls import article_path, chart_path, data_file_path, data_page_path
from tei_edition.views.base import EditionIndex, Output, Published

FILES = (("csv", "CSV", "text/csv"), ("json", "JSON", "application/json"),
         ("schema.json", "JSON Schema", "application/schema+json"))


@dataclass(frozen=True)
class Dataset:
    """One table as data: its description, records and schema."""

    table: DataTable
    records: list[dict[str, Any]]
    schema: dict[str, Any]

    @property
    def files(self) -> list[tuple[str, str, str]]:
        """(label, media type, site path) of each file."""
        return [(label, media, data_file_path(self.table.name, ext)) for ext, label, media in FILES]

    @property
    def original_lang(self) -> str:
        """The language the table is printed in (its goods field comes first)."""
        return next((k.removeprefix("goods_") for k in (self.records[0] if self.records else {})
                     if k.startswith("goods_")), "")

    def number(self, record: dict[str, Any]) -> tuple[str, str]:
        """What the print numbers a line by: its first cell that is neither goods nor duty; its item and sub-item."""
        first = next((c for c in self.table.columns if c not in (GOODS, DUTY)), None)
        return (str(record.get(first) or "") if first else "",
                " ".join(str(record[k]) for k in ("item", "sub_item") if record.get(k)))

    def fields(self, lang: str) -> list[tuple[str, str, str]]:
        """(name, type, description in `lang`) of each field."""
        kinds = field_types(self.table, self.records)
        return [(name, " | ".join(kind["type"] if isinstance(kind["type"], list) else [kind["type"]]),
                 self.table.fields.get(name, {}).get(lang) or self.schema["items"]["properties"][name]["description"])
                for name, kind in kinds.items()]


def document_datasets(site: Site, source: SourceDocument) -> list[Dataset]:
    """The tables `source` declares as data, read from its TEI as the build has read it (the original
    and its translations), with their schemas. (That the published files match their schema is the
    tests' to prove: it would be a bug of this function.)"""
    versions = {source.lang: source.tree, **source.translations}
    found = []
    for table in site.data_tables:
        if table.document == source.id:
            records = read_lines(table, source.tree, versions, source.config.tei)
            found.append(Dataset(table, records, json_schema(table, records)))
    return found


class DataView:
    def pages(self, site: Site, index: EditionIndex) -> Iterator[Output]:
        found = [index.datasets[table.name] for table in site.data_tables if table.name in index.datasets]
        if not found:
            return
        for dataset in found:
            name = dataset.table.name
            yield Output(data_file_path(name, "csv"), to_csv(dataset.records))
            yield Output(data_file_path(name, "json"), to_json(dataset.records))
            yield Output(data_file_path(name, "schema.json"), to_json(dataset.schema))
            for lang in site.config.languages:
                yield Output(chart_path(name, lang), draw(dataset.table, dataset.records, lang,
                                                          site.config.strings(lang)))
        for lang in site.config.languages:
            strings = site.config.strings(lang)
            page = site.page(data_page_path(lang), lang, strings["data_title"],
                             {other: data_page_path(other) for other in site.config.languages},
                             site.edition_citation(lang))
            yield Output(page.path, site.render(
                "data.html", page, datasets=found, chart_path=chart_path, article_path=article_path, summary=summary,
                groups=groups, goods_of=goods_of, number=number, marker=marker, money_name=money_name,
                heights={d.table.name: height(d.table, d.records, lang, strings) for d in found},
                documents={d.table.document: index.summaries.get(lang, {}).get(d.table.document) for d in found}))

    def anchors(self, site: Site, index: EditionIndex) -> Iterator[Published]:
        return iter(())
