"""The editors' apparatus on the built site: misprints shown as printed with the editors' note,
what an "Ibid." repeats shown as inferred, and the published TEI linking only to the site."""
from __future__ import annotations

import posixpath
import shutil
from urllib.parse import urlsplit

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
    assert "editorial-noteref" in marker.get("class") and marker.get("data-number") == f"*{number}"
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
    assert "сила была достаточна дешевой" in body and "достаточно дешевой" not in body
    assert "Э.К. Озарнина — Т. Ш." in body  # the markers are drawn by the style sheet, not text
    assert text(article.xpath("//h1")[0]).endswith("в 1921–1923 г.")
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
    between, node = first.tail or "", first.getnext()
    while node is not None and node is not second:  # the author's words: text, and the name's link
        between += node.text_content() + (node.tail or "")
        node = node.getnext()
    assert normalize_space(between) == "— отмечал Эпштейн, —" and node is second
    assert first.getnext().get("data-entity") == "epshtein"


def test_a_translation_may_render_an_interrupted_quotation_as_one(project):
    """A translation that gives both parts q corresp="#q33" is accepted: the second part is known as
    merged into the first (its anchor is then on the original's page only)."""
    from tei_edition.config import load_config
    from tei_edition.documents import read_documents
    english = project / "edition" / "shemetova-2020.en.xml"
    merged = english.read_text(encoding="utf-8").replace('#q33b">we need', '#q33">we need')
    english.write_text(merged, encoding="utf-8")
    [source] = read_documents(load_config(project / "edition"))
    assert source.original_only == {"en": frozenset({"q33b"})}
    [as_published] = read_documents(load_config(ROOT / "edition"))
    assert not any(as_published.original_only.values())


def test_the_english_second_part_of_the_quotation_carries_its_anchor(built_site):
    """The English p23 gives the second part of q33 its own q (corresp #q33b): its anchor is there."""
    page = parse_html(built_site / "en" / "shemetova-2020" / "index.html")
    assert text(page.get_element_by_id("q33")).startswith("I shall not repeat")
    assert text(page.get_element_by_id("q33b")).startswith("we need this region")


def test_a_quotation_left_out_entirely_is_still_refused(project, capsys):
    from tei_edition.cli import main
    english = project / "edition" / "shemetova-2020.en.xml"
    text_en = english.read_text(encoding="utf-8").replace('<q corresp="shemetova-2020.xml#q33">', '<q>')
    english.write_text(text_en, encoding="utf-8")
    assert main(["check", "--edition", str(project / "edition")]) == 1
    assert "the quotation shemetova-2020.xml#q33 " in capsys.readouterr().err


# --- the published TEI links only to what the site publishes ------------------------------------

# TEI attributes whose values are URIs (data.pointer): each space-separated token is one.
URI_ATTRIBUTES = ("target", "url", "corresp", "ref", "sameAs", "ana", "resp", "who", "next", "prev", "source",
                  "facs", "scheme", "synch", "copyOf", "exclude", "select", "hand", "decls")


def unresolved_links(site, tei_path: str) -> list[str]:
    """Every URI in a published TEI file that is neither absolute http(s) nor found in the site."""
    tree = etree.parse(str(site / tei_path))
    problems = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for name in URI_ATTRIBUTES:
            for value in (element.get(name) or "").split():
                parts = urlsplit(value)
                if parts.scheme in ("http", "https") and parts.netloc:
                    continue
                target = tei_path if not parts.path else posixpath.normpath(
                    posixpath.join(posixpath.dirname(tei_path), parts.path))
                file = site / target
                if parts.scheme or target.startswith("..") or not file.is_file():
                    problems.append(f"{tei_path}:{element.sourceline}: {name}=\"{value}\": no file {target}")
                elif parts.fragment and not etree.parse(str(file)).xpath("//*[@xml:id=$id]", id=parts.fragment):
                    problems.append(f"{tei_path}:{element.sourceline}: {name}=\"{value}\": no #{parts.fragment}")
    return problems


def test_every_link_in_the_published_tei_resolves_within_the_site(built_site):
    published = sorted(str(p.relative_to(built_site)) for p in (built_site / "tei").glob("*.xml"))
    assert published == ["tei/registers.xml", "tei/shemetova-2020.en.xml", "tei/shemetova-2020.xml"]
    for tei_path in published:
        assert unresolved_links(built_site, tei_path) == []


def test_a_link_to_an_unpublished_file_is_found(built_site, tmp_path):
    """The check above, proved: the old link to the repository's seed folder is refused."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    tei = site / "tei" / "shemetova-2020.xml"
    tei.write_text(tei.read_text(encoding="utf-8").replace("../source/shemetova-2020.txt",
                                                           "../seeds/000_18c5ebe104e7b172.txt"), encoding="utf-8")
    [problem] = unresolved_links(site, "tei/shemetova-2020.xml")
    assert 'target="../seeds/000_18c5ebe104e7b172.txt": no file seeds/000_18c5ebe104e7b172.txt' in problem


def test_the_source_text_is_published_as_it_is_and_linked_from_the_article(built_site):
    published = built_site / "source" / "shemetova-2020.txt"
    assert published.read_bytes() == (ROOT / "seeds" / "000_18c5ebe104e7b172.txt").read_bytes()
    for lang in ("ru", "en"):
        page = parse_html(built_site / lang / "shemetova-2020" / "index.html")
        assert page.xpath("//header//p[@class='tei-link']/a[@href='../../source/shemetova-2020.txt']"
                          "[@type='text/plain'][@hreflang='ru']")


def test_the_header_keeps_only_the_authors_keywords():
    tree = etree.parse(str(ROOT / "edition" / "shemetova-2020.xml"))
    keywords = tree.xpath("//t:keywords", namespaces={"t": "http://www.tei-c.org/ns/1.0"})
    assert [(k.get("resp"), k.get("{http://www.w3.org/XML/1998/namespace}lang")) for k in keywords] == \
        [("#shemetova", "en")]
