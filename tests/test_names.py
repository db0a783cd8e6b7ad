"""The registers of persons, places and organisations: the mention rule, the untagged-names
check, and the register pages with their back-links (README, "Registers of names")."""
from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT, parse_html
from lxml import etree
from test_roots import make_edition
from test_rules import page_transformer, render

from tei_edition.cli import main
from tei_edition.inline import Transformer
from tei_edition.names import load_registers
from tei_edition.untagged import find_untagged, word_forms

TEI = "http://www.tei-c.org/ns/1.0"
REGISTERS = load_registers(ROOT / "edition" / "registers.xml", ("ru", "en"))


# --- the rendering rule --------------------------------------------------------------------------

def test_a_mention_links_to_its_entry_on_the_register_page_of_its_kind():
    tx = page_transformer()
    tx.page = tx.page.__class__(tx.strings, root="../../", lang="en")
    root = etree.fromstring(f'<p xmlns="{TEI}"><placeName ref="registers.xml#urumqi">Urumqi</placeName></p>')
    assert str(tx.inline_element(root[0])) == ('<a class="mention placename" href="../../en/places/#urumqi" '
                                                'data-entity="urumqi">Urumqi</a>')


def test_a_name_without_a_register_pointer_is_a_plain_name():
    assert render('<persName ref="https://example.org/ann">Ann</persName>') == '<span class="persname">Ann</span>'


def test_a_name_that_holds_a_link_is_a_span_followed_by_the_link():
    root = etree.fromstring(f'<p xmlns="{TEI}"><orgName ref="registers.xml#nkid">НКИД<ptr target="#x"/></orgName></p>')
    tx = page_transformer()
    tx.page = tx.page.__class__(tx.strings, root="", lang="en")
    html = str(tx.inline_element(root[0]))
    assert html.startswith('<span class="mention orgname" data-entity="nkid">НКИД<a class="ptr"')
    assert html.endswith('</span><a class="mention-link" href="en/organisations/#nkid" data-entity="nkid" '
                         'aria-label="НКИД: entry in the register of names"></a>')
    assert "<a" not in html.split('<a class="ptr"')[0]  # no link inside the link


def test_the_models_walk_records_each_mention_with_its_unit():
    root = etree.fromstring(f'<div xmlns="{TEI}"><p xml:id="p4">a <persName ref="registers.xml#silin">Силин</persName>'
                            f'<note xml:id="n2" place="foot"><placeName ref="registers.xml#moscow">Москва</placeName>'
                            f'</note></p></div>')
    tx = Transformer(Path("x.xml"), {})
    tx.paragraph(root[0], number=4)
    assert [(m.entity, m.unit, m.kind, m.number) for m in tx.mentions] == [
        ("silin", "p4", "paragraph", 4), ("moscow", "n2", "note", 2)]


# --- the untagged-names check ------------------------------------------------------------------

def test_russian_forms_are_every_case_of_the_name():
    assert {"красину", "красиным", "красина"} <= word_forms("Красин", "ru")
    assert {"измаилбаевым", "измаилбаеву"} <= word_forms("Измаилбаев", "ru")  # pymorphy3 takes it for a plural
    assert {"синьцзяном", "синьцзяне"} <= word_forms("Синьцзян", "ru")
    assert {"kazansky's", "kazansky\u2019s"} <= word_forms("Kazansky", "en")


def untagged(body: str, lang: str = "ru") -> list[tuple[str, str, str]]:
    text = f'<TEI xmlns="{TEI}" xml:lang="{lang}"><text><body>{body}</body></text></TEI>'
    tree = etree.ElementTree(etree.fromstring(text))
    return [(f.unit, f.form, f.pattern.entity) for f in find_untagged(tree, Path("x.xml"), REGISTERS)]


def test_untagged_forms_are_found_across_line_breaks_and_in_every_case():
    found = untagged('<p xml:id="p1">с Кара<lb break="no"/>ханом и\n<lb/>Западным\n<lb/>Китаем; <persName '
                     'ref="registers.xml#krasin">Красину</persName></p>')
    assert found == [("p1", "Караханом", "karakhan"), ("p1", "Западным Китаем", "western-china")]


def test_a_capitalised_name_is_not_found_in_a_common_word():
    assert untagged('<p xml:id="p1">верный путь; в Верный</p>') == [("p1", "Верный", "alma-ata")]


def test_an_english_possessive_is_a_form_of_the_name():
    assert untagged('<p xml:id="p2">Karakhan\'s telegram to Silin</p>', "en") == [
        ("p2", "Karakhan's", "karakhan"), ("p2", "Silin", "silin")]


# --- the pages ------------------------------------------------------------------------------------

def test_every_entry_has_a_page_anchor_and_back_links_to_each_unit(built_site: Path):
    persons = parse_html(built_site / "ru" / "persons" / "index.html")
    entry = persons.get_element_by_id("karakhan")
    assert entry.xpath("string(h2)") == "Карахан, Лев Михайлович"
    assert entry.xpath("string(p[@class='other-form']/span[@lang='en'][not(@class)])") == "Karakhan, Lev Mikhailovich"
    links = entry.xpath(".//ul[@class='mentions']//a/@href")
    assert links == ["../shemetova-2020/?mark=karakhan#p2", "../shemetova-2020/?mark=karakhan#p8"]
    assert len(persons.xpath("//article[@class='names-entry']")) == 16
    assert len(parse_html(built_site / "en" / "places" / "index.html").xpath("//article")) == 33
    assert len(parse_html(built_site / "en" / "organisations" / "index.html").xpath("//article")) == 13


def test_every_mention_in_the_reading_text_links_to_an_entry(built_site: Path):
    for lang in ("ru", "en"):
        article = parse_html(built_site / lang / "shemetova-2020" / "index.html")
        mentions = article.xpath("//a[contains(@class, 'mention')]")
        assert len(mentions) > 200
        for link in mentions:
            page, _, entry = link.get("href").partition("#")
            target = parse_html((built_site / lang / "shemetova-2020" / page / "index.html").resolve())
            assert target.xpath("//article[@id=$id]", id=entry) and link.get("data-entity") == entry


def test_a_back_link_to_a_note_names_the_note(built_site: Path):
    places = parse_html(built_site / "en" / "places" / "index.html")
    assert "¶ 8" in places.get_element_by_id("western-china").text_content()


def test_the_entry_anchors_are_in_the_ledger():
    ledger = (ROOT / "edition" / "anchors.tsv").read_text(encoding="utf-8")
    assert "persons\tkarakhan\tperson\n" in ledger
    assert "places\turumqi\tplace\n" in ledger and "organisations\tnkid\torg\n" in ledger


def test_an_edition_without_registers_has_no_register_pages(tmp_path: Path):
    project = make_edition(tmp_path, "article")
    assert main(["build", "--strict", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 0
    assert not list((project / "build").glob("*/persons"))
    assert not (project / "build" / "tei" / "registers.xml").exists()
    page = (project / "build" / "en" / "born-digital" / "index.html").read_text(encoding="utf-8")
    assert "/persons/" not in page


def test_the_registers_serve_every_document_of_a_collection(tmp_path: Path):
    """Two letters share the registers: an entry lists the units of both, a note by its number; a
    form listed in untagged.yaml (a dog called Lyon) stays a plain word."""
    from test_roots import build_root
    site = build_root(tmp_path, "collection")
    persons = parse_html(site / "en" / "persons" / "index.html")
    bea = persons.get_element_by_id("bea")
    assert bea.xpath(".//ul[@class='mentions']/li/cite/text()") == ["Letter A", "Letter B"]
    assert bea.xpath(".//ul[@class='mentions']//a/@href") == [
        "../letter-a/?mark=bea#a1", "../letter-a/?mark=bea#a2", "../letter-b/?mark=bea#b1"]
    lyon = parse_html(site / "en" / "places" / "index.html").get_element_by_id("lyon")
    assert [a.text_content() for a in lyon.xpath(".//ul[@class='mentions']//a")] == ["¶ 1", "note 1"]
    letter = parse_html(site / "en" / "letter-a" / "index.html")
    assert [a.text_content() for a in letter.xpath("//a[@data-entity='lyon']")] == ["Lyon", "Lyon"]
    assert (site / "tei" / "names.xml").is_file()


def test_a_name_is_labelled_as_printed_whole_across_a_page_break():
    from tei_edition.names import read_as_printed
    root = etree.fromstring(f'<p xmlns="{TEI}"><placeName ref="registers.xml#ussr">Со<pb n="2" break="no"/>\n'
                            f'<lb break="no"/>ветский Союз</placeName> и <persName ref="registers.xml#x">Э.К. <choice>'
                            f'<sic>Озарнина</sic><corr>Озорнина</corr></choice></persName></p>')
    assert read_as_printed(root[0]) == "Советский Союз" and read_as_printed(root[1]) == "Э.К. Озарнина"


def test_what_the_registers_say_reaches_the_page_escaped(tmp_path: Path):
    project = make_edition(tmp_path, "collection")
    names = project / "edition" / "names.xml"
    names.write_text(names.read_text(encoding="utf-8").replace(
        "The addressee of letter A.", 'The addressee &lt;script&gt;alert(1)&lt;/script&gt; "&amp;" of letter A.'),
        encoding="utf-8")
    assert main(["build", "--strict", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 0
    page = parse_html(project / "build" / "en" / "persons" / "index.html")
    assert page.xpath("//script[not(@src)]") == []
    assert page.get_element_by_id("bea").xpath("string(p[@class='identification'])") == \
        'The addressee <script>alert(1)</script> "&" of letter A.'


def test_a_mention_sent_from_a_pool_process_shares_its_strings():
    """The build keeps every mention of every document (a thousand documents: hundreds of thousands):
    received from a pool's process, equal mentions share their strings."""
    import pickle

    from tei_edition.model import Mention
    sent = [Mention("".join(["kara", "khan"]), "".join(["p", "12"]), "paragraph", 12) for _ in range(2)]
    first, second = pickle.loads(pickle.dumps(sent))
    assert first == sent[0] and second == sent[1]
    assert first.entity is second.entity and first.unit is second.unit


def test_a_correspondent_named_only_in_the_header_is_linked_both_ways(tmp_path: Path, capsys):
    """A letter's addressee in `correspDesc` (named nowhere in its text) links to the register, whose
    entry links back to "About this document" and counts as mentioned (a strict build refused the
    edition: "mentioned in no document"); a correspondent's place without a ref stays text."""
    project = make_edition(tmp_path / "copy", "collection")
    names = project / "edition" / "names.xml"
    names.write_text(names.read_text(encoding="utf-8").replace(
        "</listPerson>", '<person xml:id="cy"><persName xml:lang="en">Cy Sender</persName></person></listPerson>'),
        encoding="utf-8")
    letter = project / "edition" / "letter-a.xml"
    letter.write_text(letter.read_text(encoding="utf-8").replace(
        "</teiHeader>", '<profileDesc><correspDesc><correspAction type="sent"><persName ref="names.xml#cy">Cy Sender'
                        '</persName><placeName>Paris</placeName></correspAction></correspDesc></profileDesc></teiHeader>'),
        encoding="utf-8")
    assert main(["build", "--strict", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 0
    page = parse_html(project / "build" / "en" / "letter-a" / "index.html")
    about = page.xpath("//section[@class='document-metadata']")[0]
    assert about.xpath(".//dd/a[@class='mention'][@data-entity='cy']/@href") == ["../persons/#cy"]
    assert about.xpath(".//dd[.='Paris']") and not about.xpath(".//dd[.='Paris']/a")
    cy = parse_html(project / "build" / "en" / "persons" / "index.html").get_element_by_id("cy")
    assert [(a.get("href"), a.text_content()) for a in cy.xpath(".//ul[@class='mentions']//a")] == [
        ("../letter-a/?mark=cy#document-metadata-title", "about the document")]
    # A ref to no entry is the same located error as in the text.
    letter.write_text(letter.read_text(encoding="utf-8").replace('names.xml#cy"', 'names.xml#nobody"'),
                      encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 1
    assert f"{letter}:9: <persName ref=\"names.xml#nobody\"> points to no entry" in capsys.readouterr().err


def test_a_name_in_a_passage_without_an_id_is_not_said_to_be_in_the_title(tmp_path: Path, capsys):
    """A letter's closing line without an id: its mention's back-link reads "passage" and its
    untagged form is placed there, with the unit untagged.yaml takes for it (both said "the title")."""
    project = make_edition(tmp_path / "copy", "collection")
    letter = project / "edition" / "letter-a.xml"
    text = letter.read_text(encoding="utf-8")
    closing = '<p>Yours, with <persName ref="names.xml#bea">Bea</persName>.</p></body>'
    letter.write_text(text.replace("</body>", closing), encoding="utf-8")
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 0
    bea = parse_html(project / "build" / "en" / "persons" / "index.html").get_element_by_id("bea")
    assert "passage" in [a.text_content() for a in bea.xpath(".//ul[@class='mentions']//a")]
    letter.write_text(text.replace("</body>", "<p>Yours, with Bea.</p></body>"), encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 1
    assert '«Bea» (a form of «Bea», entry \'bea\') in a passage without an id (unit "" in untagged.yaml) is not ' \
           "tagged" in capsys.readouterr().err


def test_a_register_name_s_parts_are_not_run_together(tmp_path: Path):
    """`<surname>Zorn</surname><forename>Max</forename>` with nothing between them: "Zorn, Max", as a
    register writes a surname first (it was "ZornMax" on the register page and in every message, then
    "Zorn Max", which reads as a forename and a surname)."""
    project = make_edition(tmp_path / "copy", "collection")
    names = project / "edition" / "names.xml"
    names.write_text(names.read_text(encoding="utf-8").replace(
        '<persName xml:lang="en"><forename>Bea</forename></persName>',
        '<persName xml:lang="en"><surname>Bea</surname><forename>Anna</forename></persName>'), encoding="utf-8")
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 0
    bea = parse_html(project / "build" / "en" / "persons" / "index.html").get_element_by_id("bea")
    assert "Bea, Anna" in " ".join(bea.text_content().split())


def test_a_letters_place_in_its_correspondence_links_to_the_letters_before_and_after(tmp_path: Path):
    """`correspContext`: the pointers to the letter before and after (TEI's "prev"/"next", CMIF's
    ".../prev-letter") link to those documents' pages when they are the edition's, to a web address
    as it is, and are text otherwise; its prose is shown too. Before, none of it was shown."""
    project = make_edition(tmp_path / "copy", "collection")
    letter = project / "edition" / "letter-b.xml"
    letter.write_text(letter.read_text(encoding="utf-8").replace(
        "</teiHeader>", '<profileDesc><correspDesc><correspContext>'
                        '<ref type="http://www.tei-c.org/cmif/ns/1.0/prev-letter" target="letter-a.xml#a2">Letter A'
                        '</ref><ref type="next" target="https://example.org/letters/c">Letter C</ref>'
                        '<ref type="related" target="letter-z.xml">Letter Z</ref>'
                        '<ptr type="next" target="letter-q.xml"/><p>Answers letter A.</p>'
                        '</correspContext></correspDesc></profileDesc></teiHeader>'),
        encoding="utf-8")
    assert main(["build", "--strict", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 0
    page = parse_html(project / "build" / "en" / "letter-b" / "index.html")
    about = page.xpath("//section[@class='document-metadata']/dl")[0]
    rows = [(dt.text_content(), [(" ".join(dd.text_content().split()), dd.xpath("string(a/@href)"))
                                 for dd in dt.itersiblings("dd") if dd.getprevious() is not None
                                 and dd.xpath("preceding-sibling::dt[1]")[0] is dt]) for dt in about.iter("dt")]
    assert ("Previous letter", [("Letter A", "../letter-a/#a2")]) in rows, rows
    assert ("Next letter", [("Letter C", "https://example.org/letters/c"), ("letter-q.xml", "")]) in rows, rows
    assert ("In the correspondence", [("Letter Z", ""), ("Answers letter A.", "")]) in rows, rows


def _letter_a_named(tmp_path: Path, bea: str, lyon: str) -> Path:
    """The collection, its first letter's Bea and Lyon of its first paragraph written as given, built."""
    project = make_edition(tmp_path / "copy", "collection")
    letter = project / "edition" / "letter-a.xml"
    text = letter.read_text(encoding="utf-8")
    text = text.replace('<persName ref="names.xml#bea">Bea</persName>, I write', f"{bea}, I write")
    text = text.replace('<placeName ref="names.xml#lyon">Lyon</placeName>.</p>', f"{lyon}.</p>")
    letter.write_text(text, encoding="utf-8")
    assert main(["build", "--strict", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 0
    return project


def test_a_referring_string_pointing_to_an_entry_is_a_mention(tmp_path: Path):
    """Schnitzler's letters tag names as `<rs type="person" ref="registers.xml#pmb11370">Freud</rs>`: the
    untagged-names check said the tagged name was not tagged (130 errors), and the name was no link."""
    project = _letter_a_named(tmp_path, '<rs type="person" ref="names.xml#bea">Bea</rs>',
                              '<rs type="place" ref="names.xml#lyon">Lyon</rs>')
    page = parse_html(project / "build" / "en" / "letter-a" / "index.html")
    assert page.xpath("//p[@id='a1']/a[contains(@class, 'mention')]/@class") == [
        "mention persname", "mention placename"]
    bea = parse_html(project / "build" / "en" / "persons" / "index.html").get_element_by_id("bea")
    assert any(a.get("href", "").startswith("../letter-a/") for a in bea.xpath(".//ul[@class='mentions']//a"))


def test_a_name_pointing_to_two_entries_or_standing_in_another_is_no_link_in_a_link(tmp_path: Path):
    """Schnitzler's `<placeName ref="registers.xml#a registers.xml#b">See</placeName>` (valid TEI) was
    refused as pointing to no entry; written as a name in a name it became a link in a link (invalid
    HTML). Each pointer is checked and mentioned; the outer name of a name in a name is no link."""
    project = _letter_a_named(tmp_path, '<persName ref="names.xml#bea names.xml#bea">Bea</persName>',
                              '<placeName ref="names.xml#lyon"><persName ref="names.xml#bea">Bea</persName>\'s Lyon'
                              '</placeName>')
    paragraph = parse_html(project / "build" / "en" / "letter-a" / "index.html").xpath("//p[@id='a1']")[0]
    assert not paragraph.xpath(".//a//a") and paragraph.xpath(".//span[@class='mention placename']/a/@data-entity") \
        == ["bea"] and paragraph.xpath("a[@class='mention-link']/@data-entity") == ["lyon"]


def test_a_register_sorts_a_surname_then_the_rest_of_the_name(tmp_path: Path):
    """Schnitzler's register: "Schnitzler, Arthur" (its surname marked first) stood after "Heinrich
    Schnitzler" and "Johann Schnitzler", compared by the whole name as written."""
    from tei_edition.names import Entity, Name
    entries = [Entity("h", "person", (Name("en", "Heinrich Schnitzler", "Schnitzler"),)),
               Entity("j", "person", (Name("en", "Johann Schnitzler", "Schnitzler"),)),
               Entity("a", "person", (Name("en", "Schnitzler, Arthur", "Schnitzler"),))]
    assert [e.id for e in sorted(entries, key=lambda e: e.sort_key("en"))] == ["a", "h", "j"]


def test_a_pointer_to_another_letter_shows_its_title(tmp_path: Path):
    """Schnitzler's `<ref type="schnitzler-briefe" target="L03815.xml"/>`: the link showed the letter's
    id ("l03815"), not what it is."""
    project = make_edition(tmp_path / "copy", "collection")
    letter = project / "edition" / "letter-b.xml"
    text = letter.read_text(encoding="utf-8")
    letter.write_text(text.replace('<p xml:id="b1">', '<p xml:id="b1"><ptr target="letter-a.xml"/> ', 1),
                      encoding="utf-8")
    assert main(["build", "--strict", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 0
    page = parse_html(project / "build" / "en" / "letter-b" / "index.html")
    assert [(a.get("href"), a.text) for a in page.xpath("//p[@id='b1']/a[@class='ptr']")] == [
        ("../../en/letter-a/", "Letter A")]


def test_a_name_of_one_kind_without_a_pointer_holds_no_entry_of_another_kind(tmp_path: Path, capsys):
    """A letter's `<placeName>Nevers</placeName>` (the town, not pointed to a register entry) was
    reported as an untagged form of the Duke of Nevers, a person. A name of a kind is checked for
    entries of its kind only: a person named Lyon is no untagged Lyon the town; a place named Lyon is."""
    project = make_edition(tmp_path / "copy", "collection")
    letter = project / "edition" / "letter-a.xml"
    letter.write_text(letter.read_text(encoding="utf-8").replace(
        "; Lyon the dog is well.", "; <persName>Lyon</persName> the dog is well."), encoding="utf-8")
    (project / "edition" / "untagged.yaml").write_text("untagged: []\n", encoding="utf-8")  # (the dog's, tagged now)
    edition = ["--edition", str(project / "edition")]
    out = ["--out", str(project / "build")]
    assert main(["build", "--strict", *edition, *out]) == 0, capsys.readouterr().err
    letter.write_text(letter.read_text(encoding="utf-8").replace(
        "<persName>Lyon</persName> the dog", "<placeName>Lyon</placeName> the dog"), encoding="utf-8")
    assert main(["build", "--strict", *edition, *out]) == 1
    assert "«Lyon»" in capsys.readouterr().err


def test_a_register_without_a_language_is_told_once(tmp_path: Path, capsys):
    """A project's register without xml:lang (on its root or its names) gave one error per name, each
    naming its entry: hundreds of lines for one fault of the file."""
    project = make_edition(tmp_path / "copy", "collection")
    names = project / "edition" / "names.xml"
    names.write_text(re.sub(r' xml:lang="[^"]*"', "", names.read_text(encoding="utf-8")), encoding="utf-8")
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 1
    said = [line for line in capsys.readouterr().err.splitlines() if "needs a language" in line]
    assert len(said) == 1 and "give the file's root the xml:lang its names are written in" in said[0]
    assert "more, on line" in said[0]


def test_a_projects_registers_may_be_several_files(tmp_path: Path, capsys):
    """Cavriana's letters keep persons and places in two files: `registers:` names both; each name
    points into the file of its entry (a pointer into the other is told which), both files are
    published; a file beside the TEI that edition.yaml does not name is said to be missing from it."""
    project = make_edition(tmp_path / "copy", "collection")
    edition_dir = project / "edition"
    names = (edition_dir / "names.xml").read_text(encoding="utf-8")
    places = re.search(r"\s*<listPlace>.*?</listPlace>", names, re.S).group(0)
    (edition_dir / "names.xml").write_text(names.replace(places, ""), encoding="utf-8")
    (edition_dir / "places.xml").write_text(names.replace(re.search(r"<listPerson>.*?</listPerson>", names, re.S)
                                                          .group(0), "").replace(
        re.search(r"<listOrg>.*?</listOrg>", names, re.S).group(0), ""), encoding="utf-8")
    for letter in edition_dir.glob("letter-*.xml"):
        letter.write_text(letter.read_text(encoding="utf-8").replace("names.xml#lyon", "places.xml#lyon"),
                          encoding="utf-8")
    config = edition_dir / "edition.yaml"
    edition = ["--edition", str(edition_dir), "--out", str(project / "build")]
    assert main(["build", "--strict", *edition]) == 1  # (places.xml named nowhere)
    said = capsys.readouterr().err
    assert 'points into places.xml, which edition.yaml does not name among its registers: add it (registers: ' \
           '[names.xml, places.xml]' in said, said
    config.write_text(config.read_text(encoding="utf-8").replace(
        "registers: names.xml", "registers: [names.xml, places.xml]"), encoding="utf-8")
    assert main(["build", "--strict", *edition]) == 0, capsys.readouterr().err
    places_page = parse_html(project / "build" / "en" / "places" / "index.html")
    assert places_page.xpath("//*[@id='lyon']")
    letter = parse_html(project / "build" / "en" / "letter-a" / "index.html")
    assert letter.xpath("//a[contains(@class, 'mention')][@data-entity='lyon']")
    assert {p.name for p in (project / "build").rglob("*.xml") if p.name in ("names.xml", "places.xml")} == \
        {"names.xml", "places.xml"}
    letter_a = edition_dir / "letter-a.xml"
    letter_a.write_text(letter_a.read_text(encoding="utf-8").replace("places.xml#lyon", "names.xml#lyon", 1),
                        encoding="utf-8")
    assert main(["build", "--strict", *edition]) == 1
    assert "points into names.xml, but the entry 'lyon' is in places.xml: write ref=\"places.xml#lyon\"" in \
        capsys.readouterr().err
