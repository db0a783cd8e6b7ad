"""Letters written elsewhere (an Italian letter of 1568 edited by a correspondence project, a German
typed letter with handwritten parts, an Escher letter): what a newcomer met publishing them, each on a
tiny edition built in tmp_path, read with XPath."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from conftest import parse_html
from test_elsewhere import build, edition

from tei_edition.dates import spelled_date
from tei_edition.errors import Collector
from tei_edition.strings import interface_strings

HEADER = ('<teiHeader><fileDesc><titleStmt><title>Lettera</title></titleStmt><publicationStmt><p>Test.</p>'
          '</publicationStmt><sourceDesc><p>Manuscript.</p></sourceDesc></fileDesc><profileDesc><correspDesc>'
          '{actions}</correspDesc></profileDesc></teiHeader>')


def _about(tmp_path: Path, actions: str, text: str = "<text><body><p>Ill.mo Signore.</p></body></text>"):
    site = build(edition(tmp_path, text, lang="it", header=HEADER.format(actions=actions)))
    page = parse_html(site / "en" / "doc" / "index.html")
    found: dict[str, list] = {}
    for item in page.xpath("//section[@class='document-metadata']//dl/*"):
        if item.tag == "dt":
            label = found.setdefault(item.text, [])
        else:
            label.append((item.xpath("string()"), item.get("lang")))
    return found


def test_a_correspondents_date_of_any_precision_is_written_out(tmp_path: Path):
    """A letter's date given only by its attributes was shown as "1568-07", and a date known only to
    fall between two days (notBefore/notAfter) was dropped."""
    rows = _about(tmp_path, '<correspAction type="sent"><persName>Filippo Cavriana</persName><date when="1568-07"/>'
                            '</correspAction><correspAction type="received"><persName>Guglielmo Gonzaga</persName>'
                            '<date notBefore="1568-07-10" notAfter="1568-07-20"/><date notAfter="1569"/>'
                            '</correspAction>')
    assert rows["Sent"] == [("Filippo Cavriana", "it"), ("July 1568", None)]
    assert rows["Received"] == [("Guglielmo Gonzaga", "it"), ("between 10 July 1568 and 20 July 1568", None),
                                ("not after 1569", None)]
    russian = interface_strings(Path("/nonexistent"), ("ru",), Collector())["ru"]
    assert spelled_date(("date_between", "1568-07-10", "1568-07-20"), russian, "ru") == \
        "между 10 июля 1568 г. и 20 июля 1568 г."
    assert spelled_date(("", "1568-07"), russian, "ru") == "июль 1568 г."


def test_a_postscripts_paragraph_is_prose_its_address_lines(tmp_path: Path):
    """Escher's postscript (`postscript/p` with the manuscript's line ends) came out in short lines,
    while the same line ends in the letter's body were spaces; an address's lines stay lines."""
    text = ('<text><body><div type="letter"><p>Ich verste<lb break="no"/>he es.</p><postscript><p>Ihren lieben Brief, '
            'für den ich Ihnen<lb/> tausend Mahl danke.</p></postscript><closer><address><addrLine>Herrn Schweizer'
            '<lb/>in Zürich</addrLine></address></closer></div></body></text>')
    page = parse_html(build(edition(tmp_path, text, lang="de")) / "en" / "doc" / "index.html")
    postscript = page.xpath("//*[contains(., 'tausend')][not(*[contains(., 'tausend')])]")[0]
    assert not postscript.xpath(".//br") and "Ihnen tausend" in " ".join(postscript.xpath("string()").split())
    assert page.xpath("//*[contains(@class, 'addrline')]//br")


def test_a_names_pointer_to_a_register_elsewhere_and_an_empty_pointer_say_what_to_write(tmp_path: Path, capsys):
    """Cavriana's letters point to the project's register as if it were in the letter (ref="#pers-…"):
    "no xml:id in this file" did not say how to point to a register; Tillich's `ref="#"` was "no xml:id ''"."""
    from tei_edition.cli import main
    text = ('<text><body><p><persName ref="#pers-cavriana-f">Filippo Cavriana</persName> and <rs type="person" '
            'ref="#">Frede</rs>.</p></body></text>')
    project = edition(tmp_path, text, lang="it")
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 1
    said = capsys.readouterr().err
    assert 'ref="#pers-cavriana-f" points to no element: no xml:id "pers-cavriana-f" in this file: a name\'s ' \
           'pointer to a register entry kept in another file names that file (ref="persons.xml#pers-cavriana-f"' in said
    assert 'ref="#" is an empty pointer: name the id after \'#\', or remove the attribute' in said


def test_a_headers_edition_address_date_licence_and_neighbours_read_right(tmp_path: Path):
    """Tillich's header: its edition statement was not shown, the publisher's address ran together
    ("Schenkenstraße 8-10 1010 Wien Österreich"), the publication's date (by its `when`) and the
    licence's address were dropped; Escher's previous and next letters were each listed twice (the
    next letter, and the next in this correspondence)."""
    header = ('<teiHeader><fileDesc><titleStmt><title>Brief</title></titleStmt><editionStmt><edition><title>Edition '
              'der Korrespondenz</title></edition></editionStmt><publicationStmt><publisher><orgName>Institut</orgName>'
              '<address><street>Schenkenstraße 8-10</street><postCode>1010</postCode><placeName><settlement>Wien'
              '</settlement><country>Österreich</country></placeName></address></publisher><availability><licence '
              'target="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</licence></availability><date '
              'when="2021-04-09"/></publicationStmt><sourceDesc><p>Typoskript.</p></sourceDesc></fileDesc>'
              '<profileDesc><correspDesc><correspContext><ref type="previous" target="B0096"/><ref type="next" '
              'target="B0098"/><ref type="next-in-corresp" target="B0098"/></correspContext></correspDesc>'
              '</profileDesc></teiHeader>')
    site = build(edition(tmp_path, "<text><body><p>Lieber.</p></body></text>", lang="de", header=header))
    page = parse_html(site / "en" / "doc" / "index.html")
    rows = {dt.text: [dd.xpath("string()") for dd in dt.xpath("following-sibling::dd")]
            for dt in page.xpath("//section[@class='document-metadata']//dt")}
    assert rows["Edition"][0] == "Edition der Korrespondenz"
    assert rows["Publication"][:2] == ["Institut, Schenkenstraße 8-10, 1010, Wien, Österreich", "9 April 2021"]
    assert page.xpath("//section[@class='document-metadata']//dd/a[@href='https://creativecommons.org/licenses/by/4.0/']"
                      "[.='CC BY 4.0']")
    assert rows["Next letter"] == ["B0098"]


def test_a_letters_date_and_greeting_stand_where_their_rend_sets_them(tmp_path: Path):
    """Escher's `<p rend="right">` date and `<p rend="center">` greeting were plain paragraphs."""
    text = ('<text><body><div type="letter"><opener><dateline rend="align(right)">Zürich, 9. Juli 1831</dateline>'
            '</opener><p rend="right">Zürich 9 Juli</p><p rend="center">Theuerster Freund!</p><p>Ich schreibe.</p>'
            '</div></body></text>')
    page = parse_html(build(edition(tmp_path, text, lang="de")) / "en" / "doc" / "index.html")
    assert [p.get("class") for p in page.xpath("//p[contains(@class, 'para')]")] == ["para right", "para center",
                                                                                      "para"]
    assert page.xpath("//div[contains(@class, 'dateline')]/@class") == ["dateline align-right right"]
    # (a rend and its alignment that are one word are one class; a postscript's paragraph keeps its own)
    text = ('<text><body><div type="letter"><p>Lieber.</p><closer><dateline rend="right">Zürich</dateline>'
            '</closer><postscript><p rend="right">11ter Juli</p></postscript></div></body></text>')
    page = parse_html(build(edition(tmp_path / "more", text, lang="de")) / "en" / "doc" / "index.html")
    assert page.xpath("//div[contains(@class, 'dateline')]/@class") == ["dateline right"]
    assert page.xpath("//p[.='11ter Juli']/@class") == ["p right"]
    css = (tmp_path / "build" / "assets" / "edition.css").read_text(encoding="utf-8")
    assert "p.para.right, p.p.right, div.right { text-align: end; }" in css


def test_a_manuscript_letters_greeting_date_and_signature_begin_their_own_lines(tmp_path: Path):
    """Cavriana's letter (line ends at `lb`, none before its blocks): its print view ran the greeting
    into the letter's first line, and the date line and signature into its last."""
    text = ('<text><body><div type="letter"><pb n="924r"/><opener><salute>Ill.mo et Ecc.mo S.or</salute></opener>'
            '<p>Il Duca mio padrone è così ben disposto della <lb/>sua persona, che non ha <lb/>alcun pezzo d\'osso.'
            '</p>'
            '<closer><dateline>Di Nevers, il 3 di luglio 1568</dateline><salute>Humiliss.o servitore</salute>'
            '</closer></div></body></text>')
    site = build(edition(tmp_path, text, lang="it"))
    lines = [" ".join(line.xpath("string()").split()) for line in
             parse_html(site / "en" / "doc" / "print" / "index.html").xpath("//span[@class='line-text']")]
    assert lines == ["Ill.mo et Ecc.mo S.or", "Il Duca mio padrone è così ben disposto della",
                     "sua persona, che non ha", "alcun pezzo d'osso.", "Di Nevers, il 3 di luglio 1568",
                     "Humiliss.o servitore"], lines


def test_an_invalid_attribute_is_said_without_the_faults_it_makes_its_ancestors_seem_to_have(tmp_path: Path, capsys):
    """Tillich's `<rs ref="">` (an empty pointer, which TEI refuses) made libxml2 also say that its
    salute, opener and closer held what TEI does not allow there: false faults, said with the true one."""
    from tei_edition.cli import main
    text = ('<text><body><div type="letter"><opener><salute>Lieber <rs type="person"\n ref="">Frede</rs>,</salute>'
            '</opener><p>Text.</p><closer><salute>Dein\n <rs type="person" ref="">Paul</rs></salute></closer></div>'
            '</body></text>')
    project = edition(tmp_path, text, lang="de")
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 1
    said = capsys.readouterr().err
    assert "<rs> has no attribute ref in TEI, or not with this value" in said and "(and 1 more, on line 4)" in said
    assert "holds" not in said and "2 error(s)" in said, said


def test_a_typed_letters_handwritten_signature_is_set_apart(tmp_path: Path):
    """Tillich's `<signed><hi rend="hand">Dein Paul</hi></signed>` looked like the typed text."""
    text = ('<text><body><div type="letter"><p>Text.</p><closer><signed><hi rend="hand">Dein Paul</hi></signed>'
            '</closer></div></body></text>')
    site = build(edition(tmp_path, text, lang="de"))
    page = parse_html(site / "en" / "doc" / "index.html")
    assert page.xpath("//span[@class='hi hand'][.='Dein Paul']")
    css = (site / "assets" / "edition.css").read_text(encoding="utf-8")
    rule = css[css.index(".hi.hand,"):].split("}", 1)[0]
    assert "font-style: italic" in rule and "color: var(--muted)" in rule


def test_the_next_letter_of_this_edition_is_linked_here_whatever_the_files_xml_base(tmp_path: Path):
    """A Schnitzler letter's root `xml:base` is the other edition's address: its `correspContext` led
    the reader to the next letter there, though it is a letter of this edition (a link in the text to
    it led here already); a letter this edition does not have still leads where xml:base says."""
    header = HEADER.format(actions='').replace(
        "<correspDesc></correspDesc>", '<correspDesc><correspContext><ref type="next" target="b.xml">Der nächste'
                                       '</ref><ref type="previous" target="z.xml">Der vorige</ref></correspContext>'
                                       '</correspDesc>')
    project = edition(tmp_path, '<text><body><p>Siehe <ref target="b.xml">den Brief</ref>.</p></body></text>',
                      lang="de", header=header)
    folder = project / "edition"
    doc = folder / "doc.xml"
    doc.write_text(doc.read_text(encoding="utf-8").replace(
        'xml:lang="de">', 'xml:lang="de" xml:base="https://example.org/briefe/editions/">', 1), encoding="utf-8")
    (folder / "b.xml").write_text(doc.read_text(encoding="utf-8").replace("Siehe", "Auch"), encoding="utf-8")
    config = folder / "edition.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "  - id: b\n    tei: b.xml\n", encoding="utf-8")
    page = parse_html(build(project) / "en" / "doc" / "index.html")
    here = "https://reader.example/en/doc/"
    assert [urljoin(here, href) for href in page.xpath("//a[.='Der nächste']/@href | //a[.='den Brief']/@href")] \
        == ["https://reader.example/en/b/"] * 2
    assert page.xpath("//a[.='Der vorige']/@href") == ["https://example.org/briefe/editions/z.xml"]


def test_a_character_the_text_names_but_does_not_write_is_never_nothing(tmp_path: Path, capsys):
    """A Schnitzler letter's "&" is `<c rendition="#kaufmannsund"/>`, its "…." `<c rendition="#dots"
    n="4"/>`, defined in no header: the page showed nothing, without a word. Its name stands in
    brackets, as an undeclared glyph's does, with a warning; a space token `<c> </c>` is a space."""
    site = build(edition(tmp_path, '<text><body><p>Moser <c rendition="#kaufmannsund"/> Misch, <c/> und'
                                   '<c> </c>Ende.</p></body></text>', lang="de"), strict=False)
    paragraph = parse_html(site / "en" / "doc" / "index.html").xpath("//p[@class='para']")[0]
    assert " ".join(paragraph.text_content().split()) == "Moser [kaufmannsund] Misch, [?] und Ende."
    err = capsys.readouterr().err
    assert "<c> holds no character, so [kaufmannsund] stands for it on the page" in err and "[?] stands" in err


def test_a_works_index_entry_sets_its_parts_apart(tmp_path: Path):
    """A Schnitzler letter's index of works: `<bibl><title>…</title><author>…</author>…</bibl>`, its
    parts without punctuation, read "AbschiedssouperSchnitzler, ArthurHofmannsthal, Hugo von"; a
    reference that writes its own punctuation stays as written."""
    site = build(edition(tmp_path, '<text><body><p>Siehe <bibl><title>Abschiedssouper</title><author>Schnitzler, '
                                   'Arthur</author>\n<author>Hofmannsthal, Hugo von</author></bibl> und <bibl><author>'
                                   'Kraus</author>: <title>Fackel</title></bibl>.</p></body></text>', lang="de"))
    paragraph = parse_html(site / "en" / "doc" / "index.html").xpath("//p[@class='para']")[0]
    assert " ".join(paragraph.text_content().split()) == \
        "Siehe Abschiedssouper, Schnitzler, Arthur, Hofmannsthal, Hugo von und Kraus: Fackel."


def test_a_space_is_as_wide_as_its_characters_and_an_addition_is_no_underlining(open_page, tmp_path: Path):
    """Schnitzler's `<space unit="chars" quantity="1"/>` (twenty a letter) was a gap five characters
    wide; his insertion above the line, `add place="above"`, looked like his underlining."""
    from support.gates import serve_directory
    project = edition(tmp_path, '<text><body><p>Dass Sie <space unit="chars" quantity="1"/> so, <space/> ich dir '
                                '<add place="above">doch</add> nicht <hi rend="underline">das</hi> <add>noch</add>.'
                                '</p></body></text>', lang="de")
    with serve_directory(build(project)) as base:
        page = open_page()
        page.goto(f"{base.rstrip('/')}/en/doc/")
        widths = page.eval_on_selector_all(".space", "spaces => spaces.map(s => s.getBoundingClientRect().width)")
        looks = page.eval_on_selector_all(
            "ins.add, .hi.underline", """marks => marks.map(m => [getComputedStyle(m).textDecorationLine,
                getComputedStyle(m, '::before').content, getComputedStyle(m, '::after').content])""")
    assert widths[0] == 0 and widths[1] > 20
    assert looks == [["none", '"\\\\" / ""', '"/" / ""'], ["underline", "none", "none"],
                     ["none", '"`" / ""', '"\u00b4" / ""']]  # (marks, not text: no alternative text)


def test_a_name_in_a_name_and_a_name_of_two_persons_are_linked(tmp_path: Path):
    """Schnitzler's `<rs type="work" ref="#w1"><rs type="person" ref="#b1">Bauer</rs>…</rs>` made a
    link in a link (the work's an empty link before the person's); `ref="#b1 #m1"` no link at all."""
    site = build(edition(tmp_path, '<text><body><p>Im <rs type="work" ref="#w1"><rs type="person" ref="#b1">Bauer'
                                   '</rs>st\u00fcck</rs> und <rs type="person" ref="#b1 #m1">Schwankherren</rs>.</p>'
                                   '</body><back><div xml:id="lists"><listPerson><person xml:id="b1"><persName>Bauer'
                                   '</persName></person><person xml:id="m1"><persName>M</persName></person>'
                                   '</listPerson><listBibl><bibl xml:id="w1"><title>Bauernst\u00fcck</title></bibl>'
                                   '</listBibl></div></back></text>', lang="de"))
    paragraph = parse_html(site / "en" / "doc" / "index.html").xpath("//p[@class='para']")[0]
    assert not paragraph.xpath(".//a//a") and not paragraph.xpath(".//a[not(node())][not(@aria-label)]")
    assert [(a.get("href"), a.text_content() or a.get("aria-label")) for a in paragraph.iter("a")] == [
        ("#b1", "Bauer"), ("#w1", "Bauerst\u00fcck"), ("#b1", "Schwankherren")]


def test_an_editor_of_several_names_is_each_of_them(tmp_path: Path):
    """Schnitzler's `<editor><name>Müller, Martin Anton</name><name>Untner, Laura</name></editor>` was
    one value, "Müller, Martin Anton, Untner, Laura": four names for a reader."""
    header = HEADER.format(actions='<correspAction type="sent"><persName>Ada</persName></correspAction>').replace(
        "<title>Lettera</title>", "<title>Lettera</title><editor><name>M\u00fcller, Martin Anton</name>\n<name>Untner, "
                                  "Laura</name></editor><editor>Jane Roe, with <name>X</name></editor>")
    page = parse_html(build(edition(tmp_path, "<text><body><p>x</p></body></text>", lang="it", header=header))
                      / "en" / "doc" / "index.html")
    editors = page.xpath("//section[@class='document-metadata']//dt[.='Editors']")[0]
    values = []
    for sibling in editors.itersiblings():
        if sibling.tag != "dd":
            break
        values.append(sibling.text_content())
    assert values == ["M\u00fcller, Martin Anton", "Untner, Laura", "Jane Roe, with X"]


def test_a_licence_of_paragraphs_is_text_then_its_address(tmp_path: Path):
    """Schnitzler's licence, five paragraphs with the licence's address as its `target`, was one long
    link; a licence of a few words stays a link (this edition's own)."""
    header = HEADER.format(actions='<correspAction type="sent"><persName>Ada</persName></correspAction>').replace(
        "<publicationStmt><p>Test.</p></publicationStmt>",
        '<publicationStmt><publisher>ACDH</publisher><availability><licence target="https://creativecommons.org/licenses/by/4.0/">'
        '<p>Sie d\u00fcrfen teilen.</p><p>Unter folgenden Bedingungen.</p></licence></availability>'
        '</publicationStmt>')
    page = parse_html(build(edition(tmp_path, "<text><body><p>x</p></body></text>", lang="it", header=header))
                      / "en" / "doc" / "index.html")
    rights = page.xpath("//section[@class='document-metadata']//dd[contains(., 'teilen') or contains(., 'Bedingungen')"
                        " or contains(., 'creativecommons')]")
    assert [(dd.text_content(), dd.xpath("string(a/@href)")) for dd in rights] == [
        ("Sie d\u00fcrfen teilen.", ""), ("Unter folgenden Bedingungen.", ""),
        ("https://creativecommons.org/licenses/by/4.0/", "https://creativecommons.org/licenses/by/4.0/")]


def test_a_persons_traits_in_the_letters_index_publish_with_strict(tmp_path: Path):
    """Schnitzler's index of persons gives each a `<sex value="male"/>`: outside the ODD, a strict
    build stopped, asking to edit the generator. A coded trait is data, shown nowhere; one in words
    is shown."""
    site = build(edition(tmp_path, '<text><body><p>x</p></body><back><div xml:id="persons"><listPerson><person '
                                   'xml:id="b1">\n<persName>Bauer</persName>\n<sex value="male"/>\n<residence>Wien'
                                   '</residence>\n</person></listPerson></div></back></text>', lang="de"))
    person = parse_html(site / "en" / "doc" / "index.html").xpath("//*[@id='b1']")[0]
    assert " ".join(person.text_content().split()) == "Bauer Wien"


def test_a_letters_writing_sessions_are_not_headed_by_their_order(tmp_path: Path):
    """Schnitzler's (the DTA base format's) `div type="writingSession" n="1"`: a bare "1" headed the
    letter's text and stood in the contents; `ids` named it `div-1` beside the address's `div1`."""
    project = edition(tmp_path, '<text><body><div type="writingSession" n="1"><p>Lieber.</p></div><div '
                                'type="writingSession" n="2"><p>Noch.</p></div><div type="chapter" n="3"><p>Drei.</p>'
                                '</div></body></text>', lang="de")
    from tei_edition.cli import main
    assert main(["ids", "--edition", str(project / "edition")]) == 0
    text = (project / "edition" / "doc.xml").read_text(encoding="utf-8")
    assert '<div xml:id="div1" type="writingSession"' in text and '<div xml:id="div-3" type="chapter"' in text
    page = parse_html(build(project) / "en" / "doc" / "index.html")
    assert page.xpath("//p[@class='division-number']/text()") == ["3"]


def test_a_postscript_keeps_the_texts_measure_on_a_wide_screen(open_page, tmp_path: Path):
    """Schnitzler's postscript (and a closer, a block quotation) ran across the notes' column too, twice
    as wide as the letter's paragraphs."""
    from support.gates import serve_directory
    words = " ".join(["Ist das nicht zum Todtlachen?"] * 12)
    project = edition(tmp_path, f'<text><body><div><p xml:id="p1">{words}</p><postscript><p>N.B. {words}</p>'
                                f'</postscript></div></body></text>', lang="de")
    with serve_directory(build(project)) as base:
        page = open_page(viewport={"width": 1366, "height": 900})
        page.goto(f"{base.rstrip('/')}/en/doc/")
        widths = page.evaluate("""() => [document.querySelector('#p1').getBoundingClientRect().width,
            document.querySelector('.postscript').getBoundingClientRect().width]""")
    assert widths[1] <= widths[0] + 1, widths


def test_a_paragraph_after_a_closing_division_says_where_tei_wants_it(tmp_path: Path, capsys):
    """An Escher letter's letterhead paragraph after its closing `div` in `back`: TEI allows none there,
    and libxml2 says only "Did not expect element p there"."""
    from tei_edition.cli import main
    text = ('<text><body><p>Dear Sir.</p></body><back>\n<div type="closer"><p>Thanking you</p></div>\n'
            '<p rend="right">THE YORKSHIRE ENGINE CO</p>\n</back></text>')
    project = edition(tmp_path, text, lang="en")
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 1
    said = capsys.readouterr().err
    assert "doc.xml:4: not valid TEI P5" in said and "<p> is not allowed here (the schema: Did not expect element " \
        "p there); after a division, TEI allows only divisions here (and the parts that close one, such as a " \
        "trailer): put this <p> in a <div> of its own, or in the division before it" in said, said


def test_a_letter_points_to_another_of_the_collection_by_its_id(tmp_path: Path):
    """The Escher letters point to each other by the root's xml:id (`<ref target="K_6693">`, TEI P4's way,
    without '#'): every such link stopped the build. One to a letter of this edition leads to its page
    (at the id after '#'), and one without words shows its title; one to a letter it does not have still
    says what to write."""
    from tei_edition.cli import main
    project = edition(tmp_path, '<text><body><p>Siehe <ref target="K_2">den Brief</ref>, <ref target="K_2#K_2_p1">dort'
                                '</ref><ref type="letter" target="K_2"/>.</p></body></text>', lang="de")
    folder = project / "edition"
    doc = folder / "doc.xml"
    text = doc.read_text(encoding="utf-8")
    doc.write_text(text.replace('xml:lang="de">', 'xml:lang="de" xml:id="K_1">', 1), encoding="utf-8")
    (folder / "b.xml").write_text(text.replace('xml:lang="de">', 'xml:lang="de" xml:id="K_2">', 1).replace(
        '<p>Siehe <ref target="K_2">den Brief</ref>, <ref target="K_2#K_2_p1">dort</ref><ref type="letter" '
        'target="K_2"/>.</p>', '<p xml:id="K_2_p1">Antwort an <ref target="K_1">K_1</ref>.</p>').replace(
        "<title>Dispaccio</title>", "<title>Escher an Welti, 1869</title>"), encoding="utf-8")
    config = folder / "edition.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "  - id: b\n    tei: b.xml\n", encoding="utf-8")
    page = parse_html(build(project) / "en" / "doc" / "index.html")  # (--strict: every link leads somewhere)
    here = "https://reader.example/en/doc/"
    assert [urljoin(here, href) for href in page.xpath("//a[.='den Brief']/@href | //a[.='dort']/@href")] \
        == ["https://reader.example/en/b/", "https://reader.example/en/b/#K_2_p1"]
    # a pointer without words shows the letter's title, not its id
    assert [urljoin(here, a.get("href")) for a in page.xpath("//a[@class='ptr'][.='Escher an Welti, 1869']")] \
        == ["https://reader.example/en/b/"]
    config.write_text(config.read_text(encoding="utf-8").replace("  - id: b\n    tei: b.xml\n", ""), encoding="utf-8")
    assert main(["build", "--edition", str(folder), "--out", str(project / "build")]) == 1
