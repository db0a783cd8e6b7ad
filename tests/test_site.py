"""The built Russian site, asserted with XPath on the pages (not whole-file diffs)."""
from __future__ import annotations

import posixpath
import re
from pathlib import Path

from conftest import parse_html
from lxml import etree

from tei_edition.cli import main
from tei_edition.tei import NS, normalize_space

ROOT = Path(__file__).resolve().parent.parent
TEI = etree.parse(str(ROOT / "edition" / "shemetova-2020.xml"))


def text(element) -> str:
    return normalize_space(element.text_content())


def test_site_layout(built_site: Path):
    for path in ("index.html", "ru/shemetova-2020/index.html", "ru/archives/index.html",
                 "tei/shemetova-2020.xml", "assets/edition.css"):
        assert (built_site / path).is_file(), path
    assert (built_site / "tei/shemetova-2020.xml").read_bytes() == (ROOT / "edition/shemetova-2020.xml").read_bytes()


def test_home_links_each_document_in_each_language(built_site: Path):
    home = parse_html(built_site / "index.html")
    hrefs = home.xpath("//main//a/@href")
    assert "ru/shemetova-2020/" in hrefs and "ru/archives/" in hrefs


def test_each_page_title_names_the_page_then_the_edition_once(built_site: Path, article):
    import yaml
    edition_title = yaml.safe_load((ROOT / "edition" / "edition.yaml").read_text(encoding="utf-8"))["title"]["ru"]
    assert parse_html(built_site / "index.html").findtext(".//title") == edition_title  # not twice
    assert article.findtext(".//title").endswith(" — " + edition_title)


def test_every_body_paragraph_has_its_id_and_number(article):
    tei_paragraphs = TEI.getroot().findall(".//t:body//t:p", NS)
    assert len(tei_paragraphs) == 28
    paragraphs = article.xpath("//div[@class='doc-body']//p[@class='para']")
    assert [p.get("id") for p in paragraphs] == [f"p{n}" for n in range(1, 29)]
    for number, paragraph in enumerate(paragraphs, start=1):
        link = paragraph.xpath("./a[@class='para-number']")[0]
        assert link.get("href") == f"#p{number}"
        assert link.get("data-number") == str(number) and link.get("aria-label").endswith(str(number))


def test_reading_text_joins_soft_hyphens_and_keeps_hard_ones(article):
    body = text(article.xpath("//div[@class='doc-body']")[0])
    assert "руководством" in text(article.get_element_by_id("abstract-ru-1"))
    assert "северо-западной" in body and "по-прежнему" in body
    assert "«Русско-Китайское Акционерное Общество»" in body
    assert "Советский Союз" in body  # broken across the page 166/167 boundary
    assert "руково-дством" not in body and "  " not in body


FOOTNOTES = "//li[contains(@class, 'note')][not(contains(@class, 'note-editorial'))]"  # the print's notes


def test_28_notes_with_two_way_links(article):
    markers = article.xpath("//a[@class='noteref' or @class='noteref lost']")
    notes = article.xpath(FOOTNOTES)
    assert len(markers) == len(notes) == 28
    for number, (marker, note) in enumerate(zip(markers, notes, strict=True), start=1):
        assert marker.get("id") == f"nref-{number}" and marker.get("href") == f"#n{number}"
        assert note.get("id") == f"n{number}"
        assert note.xpath("./a[@class='note-backref']/@href") == [f"#nref-{number}"]


def test_lost_notes_say_so_and_surviving_notes_keep_their_text(article):
    notes = {note.get("id"): note for note in article.xpath(FOOTNOTES)}
    surviving = {"n7": "РГАЭ. Ф. 413. Оп. 3. Д. 1399. Л. 4.", "n8": "РГАЭ. Ф. 413. Оп. 3. Д. 1399. Л. 5.",
                 "n9": "РГАЭ. Ф. 635. Оп. 3. Д. 14. Л. 353–354.", "n12": "РГАЭ. Ф. 635. Оп. 3. Д. 3. Л. 81.",
                 "n13": "Ibid. Л. 80.", "n14": "Ibid.", "n15": "Ibid."}
    for note_id, note in notes.items():
        body = text(note.xpath(".//span[contains(@class, 'note-text')]")[0])
        if note_id in surviving:
            assert body == surviving[note_id]
        else:
            assert "утрачен" in body and "lost" in note.get("class")
    assert sum("note-lost" in n.get("class") for n in notes.values()) == 21


def test_printed_note_numbers_restart_on_each_page(article):
    printed = [text(n) for n in article.xpath(f"{FOOTNOTES}/span[@class='note-printed']")]
    assert printed[0] == "(с. 166, прим. 1)" and printed[6] == "(с. 167, прим. 2)"
    assert printed[7] == "(с. 168, прим. 1)"


def test_every_archival_reference_lands_on_a_register_entry(article, register):
    links = article.xpath("//a[@class='archival']")
    assert len(links) == 7  # Ibid. included
    entry_ids = set(register.xpath("//article[@class='register-entry']/@id"))
    assert entry_ids == {"rgae-413-3-1399", "rgae-635-3-14", "rgae-635-3-3"}
    for link in links:
        page, fragment = link.get("href").split("#")
        assert posixpath.normpath(posixpath.join("ru/shemetova-2020", page)) == "ru/archives" and fragment in entry_ids
    ibid = article.get_element_by_id("n13").xpath(".//a[@class='archival']")[0]
    assert ibid.get("href").endswith("#rgae-635-3-3")


def test_register_entries_have_full_reference_folios_and_back_links(register):
    entry = register.get_element_by_id("rgae-635-3-3")
    assert text(entry.xpath(".//h4")[0]) == "РГАЭ. Ф. 635. Оп. 3. Д. 3."
    folios = entry.xpath(".//dt[text()='Цитируемые листы']/following-sibling::dd[1]")[0]
    assert text(folios) == "Лл. 80, 81"
    back = entry.xpath(".//ul[@class='cited-in']//a/@href")
    assert "../shemetova-2020/#n12" in back and "../shemetova-2020/#n15" in back
    assert "../shemetova-2020/#p13" in back and "../shemetova-2020/#p14" in back
    rgae_413 = register.get_element_by_id("rgae-413")
    assert "Министерство внешней торговли" in text(rgae_413.xpath(".//h3")[0])
    assert "не установлено" in text(register.get_element_by_id("rgae-635").xpath(".//h3")[0])


def test_the_tariff_table(article):
    table = article.get_element_by_id("tariff-1923")
    assert table.tag == "table" and text(table.xpath("caption")[0]).startswith("ПОСТАНОВЛЕНИЕ")
    assert [th.get("scope") for th in table.xpath("thead/tr/th")] == ["col"] * 4
    article_numbers = [text(th) for th in table.xpath("tbody/tr[1]/th[@scope='row' or @scope='rowgroup']")]
    assert article_numbers[:8] == [str(n) for n in range(1, 9)]
    article_6 = table.xpath("tbody[tr/th[normalize-space()='6']]")[0]
    # Seven goods lines: the introduction, П. 1 with а) б), П. 2 with а) б); each duty beside its item.
    assert article_6.xpath("tr[1]/th/@rowspan") == ["7"]
    goods = [text(td) for td in article_6.xpath("tr/td[contains(@class, 'goods')]")]
    duties = [text(td) for td in article_6.xpath("tr/td[contains(@class, 'duty')]")]
    assert goods[2:4] == ["а) с волосом", "б) без волоса с пуда"]
    assert duties == ["", "", "Беспошлинно", "40 коп.", "", "Беспошлинно", "75 коп."]
    assert article_6.xpath(".//data[@value='75 kopeck']")
    general = table.xpath("tbody[last()]/tr/*")
    assert [cell.get("colspan") for cell in general] == ["2", "2"]


def test_page_numbers_in_order(article):
    assert article.xpath("//a[@class='pagebreak']/@id") == [f"page-{n}" for n in range(165, 175)]


def test_no_dangling_fragment(article, register):
    for page in (article, register):
        ids = set(page.xpath("//@id"))
        for href in page.xpath("//a/@href[starts-with(., '#')]"):
            assert href[1:] in ids, href


def test_source_line_doi_and_tei_link(article):
    assert article.xpath("//a[@href='https://doi.org/10.31857/S013128120009755-1']")
    assert article.xpath("//a[@href='../../tei/shemetova-2020.xml']")


def test_no_third_party_requests(built_site: Path):
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        # Links a reader follows and the addresses a page declares (canonical, alternates) load nothing.
        loading = re.sub(r'<a [^>]*>|<link rel="(canonical|alternate)" [^>]*>', "", html)
        assert not re.search(r'(src|href)="(https?:)?//[^"]*"[^>]*>', loading), page


def test_two_builds_are_identical(built_site: Path, tmp_path: Path):
    again = tmp_path / "again"
    assert main(["build", "--edition", str(ROOT / "edition"), "--out", str(again)]) == 0
    first = {p.relative_to(built_site): p.read_bytes() for p in built_site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first == second


def test_way_finding_lists_the_parts_and_every_print_page(built_site: Path):
    tei = etree.parse(str(ROOT / "edition" / "shemetova-2020.xml"))
    printed = tei.xpath("//t:text//t:pb/@n", namespaces=NS)
    for lang in ("ru", "en"):
        page = parse_html(built_site / lang / "shemetova-2020" / "index.html")
        nav = page.xpath("//nav[@class='wayfinding']")[0]
        assert nav.xpath(".//div[@class='print-pages']//a/text()") == printed
        assert nav.xpath(".//div[@class='print-pages']//a/@href") == [f"#page-{n}" for n in printed]
        parts = nav.xpath(".//div[@class='toc']//a/@href")
        assert parts[:3] == ["#abstract-ru", "#p1", "#tariff-1923"] and "#summary-en" in parts
        assert all(page.xpath(f"//*[@id='{href[1:]}']") for href in parts)  # each part is on the page
        assert page.xpath("//p[@class='back-to-top']/a/@href") == ["#top"] and page.xpath("//body[@id='top']")


def test_each_cite_box_links_the_same_passage_in_the_other_language(article):
    for box in article.xpath("//details[@class='cite']"):
        unit = box.xpath(".//p[@class='cite-text']/@id")[0].removeprefix("cite-")
        assert box.xpath(".//p[@class='passage-in']/a/@href") == [f"../../en/shemetova-2020/#{unit}"]
