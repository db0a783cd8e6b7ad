"""The 1923 tariff as data (issue 11): /data/tariff-1923.csv, .json and .schema.json, the charts and
the page /{lang}/data/. Every expectation is computed here from the TEI and the shared facts list,
never copied from the output."""
from __future__ import annotations

import csv
import io
import json
import re
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, parse_html
from lxml import etree

from tei_edition.datasets import from_csv
from tei_edition.tei import NS
from tei_edition.urls import chart_path, data_file_path, data_page_path

# The factors of the shared facts list (FACTS.md, "Units of the 1923 tariff").
KG = {"pood": Decimal("16.3804964"), "funt": Decimal("0.40951241")}
KOPECKS = {"rouble": 100, "kopeck": 1}
SVG = {"svg": "http://www.w3.org/2000/svg"}


def tei_table() -> etree._Element:
    tree = etree.parse(str(ROOT / "edition" / "shemetova-2020.xml"))
    return tree.xpath("//t:table[@xml:id='tariff-1923']", namespaces=NS)[0]


def duty_lines() -> list[str]:
    """The goods line each printed duty points to, in the print's order."""
    return [m.get("corresp")[1:] for m in tei_table().xpath(
        ".//t:measure[@type='duty' or @type='duty-free'][@corresp]", namespaces=NS)]


@pytest.fixture(scope="module")
def data(built_site: Path) -> tuple[list[dict], bytes, dict]:
    records = json.loads((built_site / data_file_path("tariff-1923", "json")).read_text(encoding="utf-8"))
    schema = json.loads((built_site / data_file_path("tariff-1923", "schema.json")).read_text(encoding="utf-8"))
    return records, (built_site / data_file_path("tariff-1923", "csv")).read_bytes(), schema


def test_the_csv_and_the_json_validate_against_their_schema(data):
    records, csv_bytes, schema = data
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    assert list(validator.iter_errors(records)) == []
    assert list(validator.iter_errors(from_csv(csv_bytes, schema))) == []
    assert from_csv(csv_bytes, schema) == records  # the two files say the same
    # Every field is described, and the conversions state the factors they use.
    properties = schema["items"]["properties"]
    assert all(p["description"] for p in properties.values())
    assert "16.3804964" in properties["rate_per_kg"]["description"]
    assert "0.40951241" in properties["rate_per_kg"]["description"]
    assert "100 kopecks" in properties["rate"]["description"]
    # A broken record is refused (the schema says something).
    broken = [dict(records[0], rate_per_kg="6.1")]
    assert list(validator.iter_errors(broken))


def test_the_csv_has_a_fixed_dialect(data):
    records, csv_bytes, schema = data
    text = csv_bytes.decode("utf-8")
    assert not csv_bytes.startswith(b"\xef\xbb\xbf") and text.endswith("\r\n") and "\r\n" in text[:200]
    header = next(csv.reader(io.StringIO(text)))
    assert header == schema["items"]["required"] and set(header) == set(records[0])


def test_every_duty_line_of_the_tei_is_one_row(data):
    records, csv_bytes, _ = data
    lines = duty_lines()
    assert len(lines) == 13  # as printed: 8 articles, some with items and sub-items
    assert [r["line"] for r in records] == lines
    assert len(csv_bytes.decode("utf-8").strip().split("\r\n")) == len(lines) + 1
    free = len(tei_table().xpath(".//t:measure[@type='duty-free']", namespaces=NS))
    assert sum(r["duty_free"] for r in records) == free
    assert all(r["rate"] is None and r["rate_per_kg"] is None for r in records if r["duty_free"])


@pytest.mark.parametrize("line", ["tariff-1-1", "tariff-5-1"])  # dried fruit per pood gross; cotton fabrics per funt
def test_the_duty_per_kilogram_is_the_facts_arithmetic(data, line):
    records, _, _ = data
    table = tei_table()
    duty = table.xpath(f".//t:measure[@type='duty'][@corresp='#{line}']", namespaces=NS)[0]
    basis = table.xpath(f".//t:seg[@xml:id='{line}']//t:measure[@type='basis']", namespaces=NS)[0]
    kopecks = Decimal(duty.get("quantity")) * KOPECKS[duty.get("unit")]
    expected = (kopecks / KG[basis.get("unit")]).quantize(Decimal("0.0001"), ROUND_HALF_EVEN)
    record = next(r for r in records if r["line"] == line)
    assert record["rate"] == kopecks
    assert Decimal(str(record["rate_per_kg"])) == expected
    print(f"{line}: {duty.text} = {kopecks} kop. / {KG[basis.get('unit')]} kg = {expected} kop./kg")


def test_units_and_flags_are_carried_as_printed(data):
    records, _, _ = data
    by_line = {r["line"]: r for r in records}
    assert by_line["tariff-1-1"]["unit"] == "пуд брутто"  # «с пуда брутто»
    assert by_line["tariff-6-1-b"]["unit"] == "пуд"  # «с пуда»: no «брутто» printed, none added
    assert by_line["tariff-5-2"]["unit"] == "фунт"
    assert by_line["tariff-4"]["flags"] == "sic" and "пуша" in by_line["tariff-4"]["goods_ru"]  # not "fixed"
    assert by_line["tariff-1-2"]["goods_en"].startswith("Item 2. Kishmish")


def test_each_class_says_what_it_rests_on(data):
    records, _, _ = data
    free = {r["line"] for r in records if r["duty_free"]}
    # The article (¶ 9) says every duty-free good was unprocessed raw material: those lines, and only
    # those, are classed on its authority; the rest is the tariff's text or the editors' judgement.
    assert {r["line"] for r in records if r["class_basis"] == "article"} == free
    assert all(r["class"] == "raw" for r in records if r["line"] in free)
    assert all(r["class_basis"] in ("tariff", "editors") for r in records if r["line"] not in free)
    tei = etree.parse(str(ROOT / "edition" / "shemetova-2020.xml"))
    p9 = "".join(tei.xpath("//t:p[@xml:id='p9']", namespaces=NS)[0].itertext())
    assert "лишь необработанное сырье" in p9.replace("\n", " ")


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_chart_has_one_bar_per_line_with_its_text(built_site: Path, data, lang):
    records, _, _ = data
    svg = etree.parse(str(built_site / chart_path("tariff-1923", lang))).getroot()
    assert svg.get("role") == "img"
    labelled = svg.get("aria-labelledby").split()
    assert [svg.xpath(f"//*[@id='{i}']")[0].text.strip() != "" for i in labelled] == [True, True]
    bars = svg.xpath("//svg:g[@class='bar']", namespaces=SVG)
    assert [b.get("data-line") for b in sorted(bars, key=lambda b: duty_lines().index(b.get("data-line")))] \
        == duty_lines()
    widths = {}
    for bar in bars:
        record = next(r for r in records if r["line"] == bar.get("data-line"))
        title = bar.xpath("svg:title", namespaces=SVG)[0].text
        assert record[f"goods_{lang}"] in title  # the whole goods text, for assistive technology
        widths[record["line"]] = float(bar.xpath("svg:rect", namespaces=SVG)[0].get("width"))
    # Bar lengths follow the duty per kilogram; a duty-free line has none.
    per_kg = {r["line"]: r["rate_per_kg"] or 0 for r in records}
    top = max(per_kg, key=per_kg.get)
    for line, width in widths.items():
        assert width == pytest.approx(widths[top] * per_kg[line] / per_kg[top], abs=0.01)
    # The description names the editors' judgement wherever a class rests on it.
    text = " ".join(svg.itertext())
    assert ("editors' judgement" if lang == "en" else "суждение редакторов") in text
    assert not svg.xpath("//*[local-name()='script' or local-name()='style' or local-name()='foreignObject']")
    assert not re.search(r'id="[^"]*[0-9a-f]{8}', etree.tostring(svg, encoding="unicode"))  # no random ids


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_data_page_links_the_files_and_shows_chart_table_and_fields(built_site: Path, data, lang):
    records, _, schema = data
    page = parse_html(built_site / data_page_path(lang))
    section = page.get_element_by_id("data-tariff-1923")
    links = section.xpath(".//ul[@class='data-files']//a/@href")
    assert [(built_site / data_page_path(lang)).parent.joinpath(link).resolve() for link in links] == \
        [(built_site / data_file_path("tariff-1923", ext)).resolve() for ext in ("csv", "json", "schema.json")]
    img = section.xpath(".//figure[@class='data-chart']//img")[0]
    assert img.get("alt") and img.get("src").endswith(chart_path("tariff-1923", lang).split("/")[-1])
    summary = page.get_element_by_id(img.get("aria-describedby"))
    assert f"{len(records)}" in summary.text_content()
    # The data table as fallback: one row per line; the fields described from the schema.
    assert len(section.xpath(".//table[@class='data-table']/tbody/tr[td]")) == len(records)
    assert section.xpath(".//dl[@class='data-fields']/dt/code/text()") == schema["items"]["required"]
    assert not page.xpath("//style | //@style | //script[not(@src)]")


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_table_in_the_article_links_to_its_data(built_site: Path, lang):
    page = parse_html(built_site / lang / "shemetova-2020" / "index.html")
    link = page.xpath("//div[@class='table-scroll'][.//table[@id='tariff-1923']]"
                      "/following-sibling::p[@class='table-data'][1]/a/@href")[0]
    path, _, fragment = link.partition("#")
    target = (built_site / lang / "shemetova-2020" / path / "index.html").resolve()
    assert target == (built_site / data_page_path(lang)).resolve()
    assert parse_html(target).get_element_by_id(fragment) is not None


def test_the_files_are_made_the_same_each_time(built_site: Path):
    """The same bytes from a fresh reading (two whole builds, in two processes too: test_site, test_safety)."""
    from tei_edition.chart import draw
    from tei_edition.config import load_config
    from tei_edition.datasets import to_csv, to_json
    from tei_edition.documents import read_document
    from tei_edition.site import Site
    from tei_edition.views.data import document_datasets
    site = Site(load_config(ROOT / "edition"))
    (dataset,) = document_datasets(site, read_document(site.config, site.config.documents[0]))
    assert to_csv(dataset.records) == (built_site / "data" / "tariff-1923.csv").read_bytes()
    assert to_json(dataset.records) == (built_site / "data" / "tariff-1923.json").read_bytes()
    assert to_json(dataset.schema) == (built_site / "data" / "tariff-1923.schema.json").read_bytes()
    for lang in ("ru", "en"):
        assert draw(dataset.table, dataset.records, lang, site.config.strings(lang)) == \
            (built_site / chart_path("tariff-1923", lang)).read_bytes()
