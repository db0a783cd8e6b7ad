"""Tables as data: a TEI table that the edition declares as data (`data:` in edition.yaml, a YAML
file of `tables:`) -> one record per goods line -> CSV, JSON and the JSON Schema that describes them.

Generic: any table encoded as the tariff is (README, "Tables as data") — goods lines as the goods
cell or its items (`seg type="item"`, nested for sub-items), each with a `measure type="duty"`
(`quantity`, `unit`) or `type="duty-free"` pointing to it with `corresp`, and the unit it is levied
on as a `measure type="basis"` inside the line. The edition names the table, what its other cells
hold, the money and weight factors, and (optionally) a class for each line with what it rests on.
Nothing is computed but the conversions the edition's factors give; nothing is filled in.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from lxml import etree

from tei_edition.config import _check_keys, _kind, _per_language, line_of, load_yaml
from tei_edition.errors import Collector, EditionError
from tei_edition.tei import NS, XML_ID, XML_LANG, local_name, normalize_space, source_line

TABLE_KEYS = {"name", "document", "table", "title", "columns", "money", "weights", "unit_labels",
              "schema_language", "classes", "bases", "classify", "fields"}
OPTIONAL_TABLE_KEYS = {"weights", "unit_labels", "classes", "bases", "classify"}
GOODS, DUTY = "goods", "duty"
PLACES = Decimal("0.0001")  # rate_per_kg is rounded to 4 decimal places (the schema says so)


@dataclass(frozen=True)
class DataTable:
    """One table declared as data, as data.yaml describes it."""

    path: Path  # data.yaml, for located errors
    line: int | None
    name: str
    document: str
    table: str
    title: dict[str, str]
    columns: tuple[str, ...]
    money_unit: str
    money: dict[str, Decimal]  # measure @unit -> factor to money_unit
    money_name: dict[str, str]  # language -> how the smallest unit is named in the charts' words
    weights: dict[str, Decimal]  # measure @unit -> kilograms
    unit_labels: dict[str, str]
    schema_language: str
    classes: dict[str, dict[str, str]]  # class -> language -> label
    bases: dict[str, dict[str, str]]  # basis -> language -> explanation
    classify: dict[str, tuple[str, str]]  # line id -> (class, basis)
    fields: dict[str, dict[str, str]]  # field -> language -> description


def load_data_tables(path: Path, languages: tuple[str, ...], documents: set[str]) -> tuple[DataTable, ...]:
    """data.yaml -> its tables; every problem at once, located."""
    data = load_yaml(path)
    errors = Collector()
    if not _check_keys(data, {"tables"}, {"tables"}, path, errors, "data.yaml", 1):
        errors.raise_if_any()
    entries = data.get("tables")
    if not isinstance(entries, list):
        errors.add(path, line_of(data, "tables"), f"tables must be a list of tables, found {_kind(entries)}")
        entries = []
    tables, names = [], set()
    for entry in entries:
        if not _check_keys(entry, TABLE_KEYS, TABLE_KEYS - OPTIONAL_TABLE_KEYS, path, errors,
                           "a data table", line_of(data, "tables")):
            continue
        text = {key: str(entry.get(key, "")) for key in ("name", "document", "table", "schema_language")}
        if text["document"] not in documents:
            errors.add(path, line_of(entry, "document"), f"document '{text['document']}' is not one of the "
                                                         f"edition's documents ({', '.join(sorted(documents))})")
        if text["name"] in names:
            errors.add(path, line_of(entry, "name"), f"the data name '{text['name']}' is used twice")
        names.add(text["name"])
        if text["schema_language"] not in languages:
            errors.add(path, line_of(entry, "schema_language"), "schema_language must be one of the edition's "
                                                                f"languages ({', '.join(languages)})")
        columns = entry.get("columns")
        if not isinstance(columns, list) or not all(isinstance(c, str) for c in columns) \
                or GOODS not in columns or DUTY not in columns:
            errors.add(path, line_of(entry, "columns"), f"columns must list what each cell of a row holds, "
                                                        f"'{GOODS}' and '{DUTY}' among them")
            columns = [GOODS, DUTY]
        money = entry.get("money")
        if not isinstance(money, dict) or not {"unit", "factors"} <= set(money) <= {"unit", "factors", "name"} \
                or not isinstance(money["factors"], dict):
            errors.add(path, line_of(entry, "money"), "money must be {unit: <smallest unit>, factors: {<unit>: "
                                                      "<how many smallest units>}, name: {<language>: <its name>}}")
            money = {"unit": "", "factors": {}}

        def per_language(key: str, value: Any, entry: Any = entry) -> dict[str, dict[str, str]]:
            if not isinstance(value, dict):
                errors.add(path, line_of(entry, key), f"{key} must be a mapping, found {_kind(value)}")
                return {}
            return {str(k): _per_language(v, f"{key}: {k}", path, line_of(value, k), errors, languages)
                    for k, v in value.items()}
        classes = per_language("classes", entry.get("classes", {}))
        bases = per_language("bases", entry.get("bases", {}))
        fields = per_language("fields", entry.get("fields"))
        classify: dict[str, tuple[str, str]] = {}
        for group in entry.get("classify") or []:
            if not _check_keys(group, {"class", "basis", "lines"}, {"class", "basis", "lines"}, path, errors,
                               "a classify entry", line_of(entry, "classify")):
                continue
            if group["class"] not in classes or group["basis"] not in bases:
                errors.add(path, line_of(group), f"class '{group['class']}' and basis '{group['basis']}' must be "
                                                 f"among classes ({', '.join(classes)}) and bases ({', '.join(bases)})")
            for line_id in group["lines"] if isinstance(group["lines"], list) else []:
                if line_id in classify:
                    errors.add(path, line_of(group, "lines"), f"line '{line_id}' is classified twice")
                classify[str(line_id)] = (str(group["class"]), str(group["basis"]))
        tables.append(DataTable(
            path, line_of(entry), text["name"], text["document"], text["table"],
            _per_language(entry.get("title"), "title", path, line_of(entry, "title"), errors, languages),
            tuple(columns), str(money["unit"]), _decimals(money["factors"], "money", path, entry, errors),
            _per_language(money.get("name", {}), "money: name", path, line_of(entry, "money"), errors, languages),
            _decimals(entry.get("weights") or {}, "weights", path, entry, errors),
            {str(k): str(v) for k, v in (entry.get("unit_labels") or {}).items()}, text["schema_language"],
            classes, bases, classify, fields))
    errors.raise_if_any()
    return tuple(tables)


def _decimals(value: Any, key: str, path: Path, entry: Any, errors: Collector) -> dict[str, Decimal]:
    """Exact factors ({unit: "16.3804964"}: decimal text, never a binary float)."""
    try:
        found = {str(k): Decimal(str(v)) for k, v in value.items()}
        if all(factor > 0 for factor in found.values()):
            return found
    except (AttributeError, InvalidOperation):
        pass
    errors.add(path, line_of(entry, key), f"{key} must map units to positive numbers, e.g. {{pood: \"16.3804964\"}}")
    return {}


# --- reading the TEI ---------------------------------------------------------------------------
def reading_text(element: etree._Element, skip: etree._Element | None = None) -> str:
    """The words of an element as a reader reads them: line ends joined (a hyphenated one without
    a space), notes left out, a translator's addition in brackets; `skip`'s descendants (items) out."""
    parts: list[str] = []

    def visit(node: etree._Element, top: bool) -> None:
        name = local_name(node)
        if not top and (name == "note" or (skip is not None and name == "seg" and node.get("type") == "item")):
            return
        if name == "lb":
            parts.append("" if node.get("break") == "no" else " ")
        opening, closing = ("[", "]") if name == "supplied" else ("", "")
        parts.append(opening + (node.text or ""))
        for child in node:
            if isinstance(child.tag, str):
                visit(child, False)
            parts.append(child.tail or "")
        parts.append(closing)
    visit(element, True)
    return normalize_space("".join(parts))


def _is_item(element: etree._Element) -> bool:
    return local_name(element) == "seg" and element.get("type") == "item"


def _ancestors(element: etree._Element, cell: etree._Element) -> list[etree._Element]:
    """The goods cell, then each item that holds `element`, then the element itself."""
    chain = [element]
    node = element
    while node is not cell and node.getparent() is not None:
        node = node.getparent()  # type: ignore[assignment]
        if node is cell or _is_item(node):
            chain.insert(0, node)
    return chain


def goods_text(element: etree._Element, cell: etree._Element) -> str:
    """A line's goods as printed: the cell's and each enclosing item's own words, then its own."""
    return " ".join(t for t in (reading_text(e, skip=e) for e in _ancestors(element, cell)) if t)


def read_lines(table: DataTable, originals: etree._ElementTree, versions: dict[str, etree._ElementTree],
               where: Path) -> list[dict[str, Any]]:
    """One record per goods line of the table, in the print's order (README, "Tables as data")."""
    found = next((e for e in originals.getroot().iterfind(".//t:table", NS) if e.get(XML_ID) == table.table), None)
    if found is None:
        raise EditionError.at(table.path, table.line, f"the document '{table.document}' has no table "
                                                      f"xml:id='{table.table}'")
    by_lang = {lang: {e.get(XML_ID): e for e in tree.iter() if e.get(XML_ID)} for lang, tree in versions.items()}
    original_lang = str(originals.getroot().get(XML_LANG))
    records = []
    for row in found.iterfind("t:row", NS):
        if row.get("role") == "label":
            continue
        cells = row.findall("t:cell", NS)
        if len(cells) != len(table.columns):
            raise EditionError.at(where, source_line(row), f"this row has {len(cells)} cells, but data.yaml says "
                                                           f"the table '{table.table}' has {len(table.columns)} "
                                                           f"({', '.join(table.columns)})")
        named = dict(zip(table.columns, cells, strict=True))
        goods_cell = named[GOODS]
        for measure in named[DUTY].iterfind(".//t:measure[@corresp]", NS):
            line_id = measure.get("corresp", "").removeprefix("#")
            line = goods_cell if goods_cell.get(XML_ID) == line_id else \
                next((s for s in goods_cell.iter() if s.get(XML_ID) == line_id), None)
            if line is None or measure.get("type") not in ("duty", "duty-free"):
                raise EditionError.at(where, source_line(measure), "a duty must be a measure type='duty' or "
                                                                   "'duty-free' whose corresp points to its goods "
                                                                   "cell or item in the same row")
            records.append(_record(table, row, named, line, measure, by_lang, original_lang))
    return records


def _record(table: DataTable, row: etree._Element, named: dict[str, etree._Element], line: etree._Element,
            measure: etree._Element, by_lang: dict[str, dict[str | None, etree._Element]],
            original_lang: str) -> dict[str, Any]:
    goods_cell, line_id = named[GOODS], str(line.get(XML_ID))
    items = [e.get("n") for e in _ancestors(line, goods_cell) if _is_item(e)]
    record: dict[str, Any] = {"line": line_id}
    for column, cell in named.items():
        if column not in (GOODS, DUTY):
            record[column] = reading_text(cell) or None
    record["item"] = items[0] if items else None
    record["sub_item"] = items[1] if len(items) > 1 else None
    for lang, ids in sorted(by_lang.items(), key=lambda pair: (pair[0] != original_lang, pair[0])):
        own: etree._Element | None = ids.get(line_id) if lang != original_lang else line
        version_cell: etree._Element | None = ids.get(goods_cell.get(XML_ID)) if lang != original_lang \
            else goods_cell
        record[f"goods_{lang}"] = goods_text(own, version_cell) if own is not None and version_cell is not None \
            else None
    duty_free = measure.get("type") == "duty-free"
    basis = line.find(".//t:measure[@type='basis']", NS)
    flags = ["sic"] if line.find(".//t:sic", NS) is not None else []
    rate = unit = per_kg = None
    if not duty_free:
        factor = table.money.get(measure.get("unit", ""))
        if factor is None:  # a money unit the edition gives no factor for: the duty stays as printed, flagged
            flags.append("no-factor")
        else:
            amount = Decimal(measure.get("quantity") or "0") * factor
            rate = int(amount) if amount == amount.to_integral_value() else float(amount)
    if basis is not None:
        unit = " ".join(table.unit_labels.get(u, u) for u in (basis.get("unit", ""), basis.get("subtype")) if u)
        kilograms = table.weights.get(basis.get("unit", ""))
        if kilograms is None:
            flags.append("no-factor")
        elif rate is not None:
            per_kg = (Decimal(rate) / (Decimal(basis.get("quantity") or 1) * kilograms))
            per_kg = per_kg.quantize(PLACES, ROUND_HALF_EVEN)
    elif not duty_free:
        flags.append("no-basis")
    kind, basis_key = table.classify.get(line_id, (None, None))
    record.update(duty_free=duty_free, duty_printed=reading_text(measure), rate=rate, unit=unit,
                  rate_per_kg=float(per_kg) if per_kg is not None else None, flags=" ".join(flags) or None,
                  **{"class": kind, "class_basis": basis_key})
    return record


# --- the schema and the files ------------------------------------------------------------------
def field_types(table: DataTable, records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each field's JSON Schema, in the records' order (the CSV's columns)."""
    special: dict[str, dict[str, Any]] = {
        "line": {"type": "string"}, "duty_free": {"type": "boolean"}, "duty_printed": {"type": "string"},
        "rate": {"type": ["number", "null"], "minimum": 0},
        "rate_per_kg": {"type": ["number", "null"], "minimum": 0},
        "unit": {"type": ["string", "null"], "enum": sorted({r["unit"] for r in records if r["unit"]}) + [None]},
        "class": {"type": ["string", "null"], "enum": [*table.classes, None]},
        "class_basis": {"type": ["string", "null"], "enum": [*table.bases, None]},
        "flags": {"type": ["string", "null"], "pattern": "^(sic|no-basis|no-factor)( (sic|no-basis|no-factor))*$"},
    }
    names = list(records[0]) if records else []
    return {name: special.get(name, {"type": ["string", "null"]}) for name in names}


def json_schema(table: DataTable, records: list[dict[str, Any]]) -> dict[str, Any]:
    lang = table.schema_language
    missing = [name for name in field_types(table, records) if lang not in table.fields.get(name, {})]
    if missing:
        raise EditionError.at(table.path, table.line, f"fields: describe {', '.join(missing)} (at least in "
                                                      f"{lang}, the schema's language)")
    properties = {name: {**kind, "description": table.fields[name][lang]}
                  for name, kind in field_types(table, records).items()}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": table.title.get(lang, table.name),
        "description": (f"{table.name}.json: an array of these records, one per goods line, in the print's "
                        f"order. {table.name}.csv: the same fields as columns, in the order 'required' lists them, "
                        f"a header row, "
                        f"UTF-8, comma-separated, quoted where needed, CRLF line ends; an empty cell is null, "
                        f"a boolean is true or false."),
        "type": "array",
        "items": {"type": "object", "properties": properties, "required": list(properties),
                  "additionalProperties": False},
    }


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def to_csv(records: list[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, dialect="excel", lineterminator="\r\n")
    if records:
        writer.writerow(list(records[0]))
    for record in records:
        writer.writerow([_csv_cell(v) for v in record.values()])
    return out.getvalue().encode("utf-8")


def to_json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode("utf-8")


def from_csv(data: bytes, schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The CSV read back as the schema's description says (the tests compare it with the JSON)."""
    properties = schema["items"]["properties"]
    records = []
    for row in csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")):
        record: dict[str, Any] = {}
        for name, text in row.items():
            kinds = properties.get(name, {}).get("type", "string")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if text == "" and "null" in kinds:
                record[name] = None
            elif "boolean" in kinds:
                record[name] = {"true": True, "false": False}.get(text, text)
            elif "integer" in kinds:
                record[name] = int(text)
            elif "number" in kinds:
                record[name] = float(text)
            else:
                record[name] = text
        records.append(record)
    return records

