"""The English edition: a complete translation, aligned to the Russian unit by unit."""
from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from conftest import parse_html
from lxml import etree

from tei_edition.alignment import merged_quotation_parts
from tei_edition.archival import english_note_form
from tei_edition.config import load_config
from tei_edition.documents import read_documents
from tei_edition.tei import NS, XML_ID

ROOT = Path(__file__).resolve().parent.parent
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


@pytest.fixture(scope="session")
def pages(built_site: Path):
    return {lang: parse_html(built_site / lang / "shemetova-2020" / "index.html") for lang in ("ru", "en")}


def ids(page, xpath: str) -> list[str]:
    return page.xpath(xpath)


def test_same_paragraphs_and_notes_in_both_languages(pages):
    for xpath, count in (("//p[@class='para']/@id", 28), ("//li[contains(@class,'note') and @value]/@id", 28),
                         ("//a[@class='noteref' or @class='noteref lost']/@id", 28)):
        ru, en = ids(pages["ru"], xpath), ids(pages["en"], xpath)
        assert ru == en and len(ru) == count, xpath


def test_every_table_cell_has_its_counterpart(pages):
    def shape(page):
        table = page.get_element_by_id("tariff-1923")
        return [[(cell.tag, cell.get("rowspan"), cell.get("colspan"), cell.get("class")) for cell in row.xpath("th|td")]
                for row in table.xpath(".//tr")]
    ru, en = shape(pages["ru"]), shape(pages["en"])
    assert ru == en and sum(len(row) for row in ru) > 40
    duties_ru = pages["ru"].xpath("//table[@id='tariff-1923']//data[contains(@class, ' duty')]/@value")
    duties_en = pages["en"].xpath("//table[@id='tariff-1923']//data[contains(@class, ' duty')]/@value")
    assert duties_ru == duties_en == ["1 rouble", "25 kopeck", "60 kopeck", "25 kopeck", "40 kopeck", "75 kopeck"]
    empty_en = [td for td in pages["en"].xpath("//table[@id='tariff-1923']//td[contains(@class,'goods')]")
                if not td.text_content().strip()]
    assert not empty_en


def test_every_translated_unit_points_to_its_original():
    ru = etree.parse(str(ROOT / "edition/shemetova-2020.xml"))
    en = etree.parse(str(ROOT / "edition/shemetova-2020.en.xml"))
    ru_units = {e.get(XML_ID) for e in ru.xpath("//t:body//t:p | //t:note[@place='foot'] | //t:front//t:p | "
                                                "//t:seg[@type='item']", namespaces=NS)}
    en_units = {e.get(XML_ID): e.get("corresp") for e in en.xpath(
        "//t:body//t:p | //t:note[@place='foot'] | //t:front//t:p | //t:seg[@type='item']", namespaces=NS)}
    assert set(en_units) == ru_units and len(ru_units) > 60
    assert all(corresp == f"shemetova-2020.xml#{unit}" for unit, corresp in en_units.items())
    ru_quotes = {q.get(XML_ID) for q in ru.iterfind(".//t:q", NS)}
    en_quotes = {q.get("corresp").split("#")[1] for q in en.iterfind(".//t:q", NS)}
    # q33b, the second part of a quotation the author's words interrupt, may be translated with q33.
    merged = merged_quotation_parts(ru, en, "shemetova-2020.xml")
    assert merged <= {"q33b"} and ru_quotes - merged == en_quotes and len(ru_quotes) == 43


def test_english_archival_forms_follow_the_russian_references():
    config = load_config(ROOT / "edition")
    source = read_documents(config)[0]
    en = source.translations["en"]
    forms = {b.get("corresp").split("#")[1]: "".join(b.itertext()) for b in en.iterfind(".//t:text//t:bibl", NS)}
    assert forms["ref-n9"] == "RGAE, f. 635, op. 3, d. 14, ll. 353–354."
    assert forms["ref-n13"] == "Ibid., l. 80." and forms["ref-n14"] == "Ibid."
    for bibl_id, ref in source.refs.items():
        folios_printed = "Л." in source.tree.xpath(f"string(//*[@xml:id='{bibl_id}'])")
        assert forms[bibl_id] == english_note_form(ref, "RGAE", folios_printed)


def test_no_cyrillic_outside_russian_passages_on_english_pages(built_site: Path):
    """Every text in English (by its nearest lang attribute) is free of Cyrillic, on every page."""
    english_pages = sorted((built_site / "en").rglob("*.html"))
    # article, parallel and print views, glossary, archives, persons, places, organisations, about,
    # abbreviations, changelog, search, data
    assert len(english_pages) == 13
    checked = 0
    for path in sorted(built_site.rglob("*.html")):
        page = parse_html(path)
        if path in english_pages:
            assert page.get("lang") == "en"
        for node in page.xpath("//body//text()[normalize-space()]"):
            langs = node.getparent().xpath("ancestor-or-self::*[@lang][1]/@lang")
            if langs and langs[0] == "en":
                checked += 1
                assert not CYRILLIC.search(node), f"{path.relative_to(built_site)}: {node.strip()[:60]!r}"
    assert checked > 1000


def test_english_page_labels_the_translation_and_the_authors_own_english(pages):
    en = pages["en"]
    assert en.get("lang") == "en"
    assert "the edition's own work" in en.xpath("string(//p[@class='translation-notice'])")
    summary = en.get_element_by_id("summary-en")
    assert summary.xpath("string(.//h2)") == "The author's English summary"
    assert "Kazansky" in summary.text_content()
    assert en.xpath("//section[@id='abstract-ru']//h2/text()") == ["Abstract (the edition's translation)"]
    assert len(en.xpath("//li[contains(@class,'note-translator')]")) >= 20
    assert en.xpath("//dl/dt[text()='dujun']")


def test_quotations_link_to_the_russian_original(pages):
    links = pages["en"].xpath("//a[@class='quote-original']/@href")
    assert len(links) == 43 and links[0] == "../../ru/shemetova-2020/#q1"
    russian_ids = set(pages["ru"].xpath("//q/@id"))
    merged = {"q33b"} if "q33b" not in pages["en"].xpath("//q/@id") else set()  # translated with q33
    assert {href.split("#")[1] for href in links} == russian_ids - merged


def test_alternate_links_both_ways(built_site: Path):
    for lang, other in (("ru", "en"), ("en", "ru")):
        for page_path in ("shemetova-2020/index.html", "archives/index.html", "shemetova-2020/parallel/index.html"):
            page = parse_html(built_site / lang / page_path)
            alternates = dict(zip(page.xpath("//link[@rel='alternate']/@hreflang"),
                                  page.xpath("//link[@rel='alternate']/@href"), strict=True))
            assert set(alternates) == {"ru", "en"}
            switch = page.xpath("//a[@class='lang-switch']")[0]  # relative; the alternate is the published address
            assert alternates[other] == f"https://example.org/shemetova-2020/{other}/{page_path}".removesuffix(
                "index.html")
            assert switch.get("hreflang") == other and alternates[other].endswith(switch.get("href").lstrip("./"))


def test_english_register(built_site: Path):
    register = parse_html(built_site / "en/archives/index.html")
    entry = register.get_element_by_id("rgae-413-3-1399")
    assert entry.xpath("string(.//h4)") == "RGAE, f. 413, op. 3, d. 1399."
    assert entry.xpath("string(.//p[@class='other-form']/span[@lang='ru'])") == "РГАЭ. Ф. 413. Оп. 3. Д. 1399."
    assert entry.xpath(".//ul[@class='cited-in']//a/@href")[:2] == ["../shemetova-2020/#n7", "../shemetova-2020/#p6"]


def test_parallel_view_aligns_every_unit(built_site: Path):
    for lang in ("ru", "en"):
        page = parse_html(built_site / lang / "shemetova-2020/parallel/index.html")
        rows = page.xpath("//section[contains(@class,'parallel-row')]")
        row_ids = [r.get("id") for r in rows]
        for n in range(1, 29):
            assert f"p{n}" in row_ids and f"n{n}" in row_ids
        units = [f"p{n}" for n in range(1, 29)] + [f"n{n}" for n in range(1, 29)] + ["abstract-ru-1", "tariff-1923"]
        for row_id in units:
            row = page.get_element_by_id(row_id)
            cells = row.xpath("./div[@class='parallel-cell']")
            assert [c.xpath("string((.//*[@lang])[1]/@lang)") for c in cells] == ["ru", "en"]
            for cell, cell_lang in zip(cells, ("ru", "en"), strict=True):
                href = cell.xpath("a[@class='to-reading']/@href")[0]
                target = posixpath.normpath(posixpath.join(f"{lang}/shemetova-2020/parallel", href.split("#")[0]))
                assert (target, href.split("#")[1]) == (f"{cell_lang}/shemetova-2020", row_id)
        assert len(page.xpath("//table[contains(@class,'tei-table')]")) == 2


def test_parallel_rows_pair_units_by_id_headings_and_unnumbered_blocks_in_place():
    """The parallel view's rows (views/parallel.py): units by id, each division's heading beside the
    translation's, blocks without an id beside the translation's between the same two units, in
    order; what one text has more of gets a row with an empty cell, nothing is dropped."""
    from tei_edition.units import Block, Division, PageBreak, Paragraph
    from tei_edition.views.parallel import parallel_rows

    def texts(*names):
        return tuple(Block(None, name) for name in names)  # content stands for the block here

    body = (Paragraph("p1", 1, "p1"), *texts("list", "quote"), Paragraph("p2", 2, "p2"))
    original = (Block(None, "opener"), PageBreak(("1",)), Division("d1", 1, "Head", body), *texts("closer"))
    translation = (Block(None, "opener*"),
                   Division("d1", 1, "Head*", (Paragraph("p1", 1, "p1*"), *texts("list*"), Paragraph("p2", 2, "p2*"))),
                   *texts("closer*", "postscript*"))
    rows = [(row.original and (row.original.heading if row.heading else row.original.content),
             row.translation and (row.translation.heading if row.heading else row.translation.content), row.heading)
            for row in parallel_rows(original, translation)]
    assert rows == [("opener", "opener*", False), ("Head", "Head*", True), ("p1", "p1*", False),
                    ("list", "list*", False), ("quote", None, False), ("p2", "p2*", False),
                    ("closer", "closer*", False), (None, "postscript*", False)]
    # A heading without an id is never paired with a block (nor a block with one).
    rows = parallel_rows((Division(None, 1, "H", ()),), (Block(None, "b*"),))
    assert [(r.original, r.translation, r.heading) for r in rows] == [
        (Division(None, 1, "H", ()), None, True), (None, Block(None, "b*"), False)]
    # A row without an id sends its notes' readers back to the nearest row above with one.
    assert [row.back for row in parallel_rows(original, translation)] == [
        "title", "d1", "p1", "p1", "p1", "p2", "p2", "p2"]
