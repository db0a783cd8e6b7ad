"""The editors' apparatus on the built site: misprints shown as printed with the editors' note,
what an "Ibid." repeats shown as inferred, and the published TEI linking only to the site."""
from __future__ import annotations

import pytest
from conftest import ROOT, parse_html
from lxml import etree

from tei_edition.tei import normalize_space

# As printed, the editors' proposal, whether it is a correction (else a conjecture: an inference).
MISPRINTS = [("г.", "гг.", True), ("сообщите результатах", "сообщите о результатах", False),
             ("смягчения", "смягчение", False), ("пуша", "пух", False), ("Озарнина", "Озорнина", True),
             ("достаточна", "достаточно", True), ("нормализовать", "нейтрализовать", False)]


def text(element) -> str:
    return normalize_space(element.text_content())


@pytest.mark.parametrize("number, printed, proposed, corrected",
                         [(n, *misprint) for n, misprint in enumerate(MISPRINTS, start=1)])
def test_a_misprint_is_shown_as_printed_marked_with_the_editors_note(article, number, printed, proposed, corrected):
    # In the reading text: the printed form, marked, then a marker that leads to the note.
    [sic] = article.xpath(f"//main//*[self::p or self::h1 or self::td][not(ancestor::li)]"
                          f"/descendant::span[@class='sic'][.='{printed}']")
    marker = sic.getnext()
    assert marker.tag == "a" and marker.get("href") == f"#ed{number}" and marker.get("id") == f"edref-{number}"
    assert "editorial-noteref" in marker.get("class") and text(marker) == f"*{number}"
    # The note: in a notes list beside the text (readable without hover or script), in Russian.
    [note] = article.xpath(f"//aside[@class='sidenotes']//li[@id='ed{number}']")
    assert note.xpath("./a[@class='note-backref']/@href") == [f"#edref-{number}"]
    body = text(note.xpath(".//span[@class='note-text']")[0])
    assert body.startswith(f"Так в источнике: «{printed}»")
    if corrected:
        assert body.endswith(f"Исправление издателей: «{proposed}».")
    else:
        assert f"возможно, имелось в виду «{proposed}»: это предположение издателей" in body.lower()


def test_the_reading_text_stays_the_print(article):
    body = text(article.xpath("//div[@class='doc-body']")[0])
    assert "сила была достаточна*6 дешевой" in body and "достаточно дешевой" not in body
    assert "Э.К. Озарнина*5 — Т. Ш." in body
    assert text(article.xpath("//h1")[0]).endswith("в 1921–1923 г.*1")
    assert article.xpath("string(//title)").startswith("О формах") and "г.гг." not in article.xpath("string(//title)")


def test_the_parallel_view_gives_the_editors_notes_in_the_original_column(built_site):
    page = parse_html(built_site / "en" / "shemetova-2020" / "parallel" / "index.html")
    row = page.xpath("//section[@id='ed5']")[0]
    cells = row.xpath("./div[@class='parallel-cell']")
    assert len(cells) == 2 and text(cells[1]) == ""  # the original's column, the translation's empty
    assert text(cells[0]).endswith("Thus in the source: “Озарнина”. The editors' correction: “Озорнина”.")
    assert cells[0].xpath(".//span[@class='corr'][@lang='ru'][.='Озорнина']")
    assert page.xpath("//a[contains(@class,'editorial-noteref')][@href='#ed5']")


@pytest.mark.parametrize("lang, note, inferred, printed, source", [
    ("ru", "n13", "[РГАЭ. Ф. 635. Оп. 3. Д. 3.]", "Л. 80", "прим. 12"),
    ("ru", "n14", "[РГАЭ. Ф. 635. Оп. 3. Д. 3. Л. 80]", "", "прим. 13"),
    ("ru", "n15", "[РГАЭ. Ф. 635. Оп. 3. Д. 3. Л. 80]", "", "прим. 14"),
    ("en", "n13", "[RGAE, f. 635, op. 3, d. 3]", ", l. 80", "note 12"),
    ("en", "n14", "[RGAE, f. 635, op. 3, d. 3, l. 80]", "", "note 13"),
])
def test_the_register_shows_what_an_ibid_repeats_as_inferred(built_site, lang, note, inferred, printed, source):
    register = parse_html(built_site / lang / "archives" / "index.html")
    [item] = register.xpath(f"//article[@id='rgae-635-3-3']//ul[@class='cited-in']"
                            f"/li[a[@href='../shemetova-2020/#{note}']]")
    [span] = item.xpath(".//span[@class='inferred']")
    assert text(span) == inferred  # in brackets, apart from what the note prints
    assert normalize_space(span.tail or "").startswith(f"{printed};")
    label = text(item.xpath(".//span[@class='inferred-label']")[0])
    assert label.endswith(source) and ("выведено издателями" in label or "inferred by the editors" in label)


def test_a_full_reference_is_not_marked_inferred(register):
    items = register.xpath("//ul[@class='cited-in']/li")
    full = [i for i in items if "Ibid." not in text(i)]
    assert len(full) == 4 and not any(i.xpath(".//span[@class='inferred']") for i in full)


def test_the_tei_marks_what_each_ibid_leaves_to_inference():
    tree = etree.parse(str(ROOT / "edition" / "shemetova-2020.xml"))
    ana = {b.get("{http://www.w3.org/XML/1998/namespace}id"): b.get("ana")
           for b in tree.iter("{http://www.tei-c.org/ns/1.0}bibl") if b.get("type") == "archival"}
    assert ana == {"ref-n7": None, "ref-n8": None, "ref-n9": None, "ref-n12": None,
                   "ref-n13": "#inferred-unit", "ref-n14": "#inferred-unit #inferred-folios",
                   "ref-n15": "#inferred-unit #inferred-folios"}


# --- q33: the author's words «— отмечал Эпштейн, —» stand between two parts of one quotation ------

def test_the_interrupted_quotation_is_two_parts_without_the_authors_words(article):
    first, second = article.get_element_by_id("q33"), article.get_element_by_id("q33b")
    assert text(first) == "Я не буду повторять,"
    assert text(second) == "этот район нам нужен как путь для агитации в Индии"
    between = normalize_space(first.tail or "")
    assert between == "— отмечал Эпштейн, —" and first.getnext() is second


def test_a_translation_may_render_an_interrupted_quotation_as_one(built_site):
    """The English gives both parts q corresp="#q33" (until it points its second to #q33b): accepted,
    and the anchor of the second part is on the Russian page only."""
    from tei_edition.config import load_config
    from tei_edition.documents import read_documents
    [source] = read_documents(load_config(ROOT / "edition"))
    assert source.merged_quotations == {"en": frozenset({"q33b"})}
    assert not parse_html(built_site / "en" / "shemetova-2020" / "index.html").xpath("//*[@id='q33b']")


def test_a_translation_that_gives_the_second_part_its_own_q_carries_its_anchor(project, tmp_path):
    from tei_edition.cli import main
    english = project / "edition" / "shemetova-2020.en.xml"
    text_en = english.read_text(encoding="utf-8")
    second = '<q corresp="shemetova-2020.xml#q33">this region'
    assert text_en.count(second) == 1
    english.write_text(text_en.replace(second, '<q corresp="shemetova-2020.xml#q33b">this region'), encoding="utf-8")
    assert main(["build", "--strict", "--edition", str(project / "edition"), "--out", str(tmp_path / "out")]) == 0
    page = parse_html(tmp_path / "out" / "en" / "shemetova-2020" / "index.html")
    assert text(page.get_element_by_id("q33b")).startswith("this region")


def test_a_quotation_left_out_entirely_is_still_refused(project, capsys):
    from tei_edition.cli import main
    english = project / "edition" / "shemetova-2020.en.xml"
    text_en = english.read_text(encoding="utf-8").replace('<q corresp="shemetova-2020.xml#q33">', '<q>')
    english.write_text(text_en, encoding="utf-8")
    assert main(["check", "--edition", str(project / "edition")]) == 1
    assert "the quotation shemetova-2020.xml#q33 " in capsys.readouterr().err
