"""Documents written elsewhere, journals and plays: what a newcomer met publishing articles of Digital
Humanities Quarterly, an OpenEdition (Lodel) export and plays of DraCor, each on a tiny edition built
in tmp_path, read with XPath."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import parse_html
from test_elsewhere import HEADER, build, edition

from tei_edition.cli import main

XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
LODEL_ROOT = (f'<TEI xmlns="http://www.tei-c.org/ns/1.0" {XSI}\n    xsi:schemaLocation="http://www.tei-c.org/ns/1.0 '
              f'https://lodel.org/ns/tei/tei.openedition.1.6.4/document.xsd"')


def _with_root(project: Path, root: str) -> Path:
    doc = project / "edition" / "doc.xml"
    doc.write_text(doc.read_text(encoding="utf-8").replace('<TEI xmlns="http://www.tei-c.org/ns/1.0"', root, 1),
                   encoding="utf-8")
    return doc


def test_a_schema_location_on_the_root_publishes_and_the_file_is_published_as_written(tmp_path: Path):
    """An OpenEdition export names its XML Schema on the root (`xsi:schemaLocation`): it was refused
    as an attribute of another vocabulary. A hint to validators, inert in a browser, no part of the
    text: the file is validated without it and published as written."""
    doc = _with_root(edition(tmp_path, '<text><body><!-- c --><p xml:id="p1">Un.<?pi x?></p></body></text>',
                             lang="fr"), LODEL_ROOT)
    site = build(tmp_path)
    assert (site / "tei" / "doc.xml").read_bytes() == doc.read_bytes()
    assert parse_html(site / "en" / "doc" / "index.html").xpath("string(//p[@id='p1'])").strip().endswith("Un.")


@pytest.mark.parametrize(("text", "root", "expected"), [
    # the copy validated keeps its lines: a fault further down is said where it stands
    ('<text><body>\n<p>Un <hi rend="b" when="x">deux</hi>.</p></body></text>', LODEL_ROOT, "doc.xml:4: "),
    # another attribute of XML Schema's is still another vocabulary's
    ('<text><body><p xsi:type="x">Un.</p></body></text>', f'<TEI xmlns="http://www.tei-c.org/ns/1.0" {XSI}',
     "the attribute xsi:type (once) is of another vocabulary"),
])
def test_a_fault_beside_a_schema_location_is_still_said(tmp_path: Path, capsys, text: str, root: str, expected: str):
    _with_root(edition(tmp_path, text, lang="fr"), root)
    assert main(["build", "--edition", str(tmp_path / "edition"), "--out", str(tmp_path / "build")]) == 1
    assert expected in capsys.readouterr().err


def test_a_title_page_after_the_fronts_words_stands_in_its_place(tmp_path: Path):
    """A DraCor play's front gives its argument, then its title page: the title page's title, lifted
    above the argument into the page's heading, stopped the build ("text out of order"). The title
    page stands in its place, its title's parts each a line, and the header's title heads the page."""
    page = _page(build(edition(tmp_path, '<text><front><p>Der Innhalt des Singspieles</p><titlePage><docTitle>'
                                         '<titlePart type="main">Das Ehrenmaal</titlePart><titlePart type="sub">Ein '
                                         'Singspiel</titlePart></docTitle></titlePage></front><body><p>Ich?</p>'
                                         '</body></text>', lang="de")))
    assert page.xpath("string(//h1)") == "Dispaccio"  # (the header's, test_elsewhere.HEADER)
    front = page.xpath("//div[@class='doc-front']")[0]
    assert front.xpath("string(.//p)") == "Der Innhalt des Singspieles"
    assert [" ".join(part.text_content().split()) for part in front.xpath(
        ".//div[@class='title-page']//span[contains(@class, 'titlepart')]")] == ["Das Ehrenmaal", "Ein Singspiel"]


def test_a_title_without_its_page_is_shown_once(tmp_path: Path):
    """A DraCor play's front begins with its docTitle, no titlePage: its main title headed the page and
    was shown again, run together with its subtitle, in the front."""
    page = _page(build(edition(tmp_path, '<text><front><docTitle><titlePart type="main">Das dumme Luder</titlePart>'
                                         '<titlePart type="sub">Ein Jupiter-Drama</titlePart></docTitle><p>Personen.'
                                         '</p></front><body><p>Ich?</p></body></text>', lang="de")))
    assert page.xpath("string(//h1)") == "Das dumme Luder"
    assert page.xpath("normalize-space(//div[@class='front-line'])") == "Ein Jupiter-Drama"
    assert "Das dumme Luder" not in page.xpath("string(//div[@class='doc-front'])")
    assert page.xpath("normalize-space(//div[@class='doc-front'])") == "Personen."



@pytest.mark.parametrize(("markup", "pointer"), [
    ('<quote source="#mgann2001a">text is</quote>', 'source="#mgann2001a"'),
    ('<add hand="#h2">text is</add>', 'hand="#h2"'),
    ('<delSpan spanTo="#end"/>text is<anchor xml:id="ending"/>', 'spanTo="#end"'),
])
def test_a_quotations_source_that_names_no_element_is_an_error(tmp_path: Path, capsys, markup: str, pointer: str):
    """DHQ: `<quote source="#mgann2001a">`, a misspelt bibliography id, published without a word (the
    same slip in `corresp` or `ana` was an error); so were a hand's and a span's end."""
    text = (f'<text><body><p>As {markup} said.</p><listBibl><bibl xml:id="mcgann2001a">McGann 2001</bibl>'
            f'</listBibl></body></text>')
    edition(tmp_path, text, lang="en")
    assert main(["build", "--edition", str(tmp_path / "edition"), "--out", str(tmp_path / "build")]) == 1
    said = capsys.readouterr().err
    assert f'{pointer} points to no element: no xml:id "{pointer.split("#")[1][:-1]}" in this file' in said
    assert "not valid TEI" not in said and said.count("doc.xml") == 1, said


def test_a_bibliography_in_the_back_without_a_heading_is_headed_and_in_the_contents(tmp_path: Path, capsys):
    """DHQ's articles end with `<back><listBibl>`, no division, no heading: an unlabelled list after
    the text, missing from the contents. It is headed as a division typed "bibliography" is (in the
    interface's language, amid a French text), and `ids` names it so that the contents list it."""
    project = edition(tmp_path, '<text><body><div><head>Un</head><p>Texte.</p></div></body><back><listBibl><bibl '
                                'xml:id="smith2000">Smith 2000.</bibl><bibl>Jones 2001.</bibl></listBibl></back>'
                                '</text>', lang="fr")
    # Before `ids`, a strict build says it has no id (its section would not be in the contents).
    assert main(["build", "--strict", "--edition", str(project / "edition"), "--out", str(project / "b0")]) == 1
    assert "2 division(s) with a heading (or a bibliography in the back, which the page heads) have no xml:id" \
        in capsys.readouterr().err  # (its division, it)
    assert main(["ids", "--edition", str(project / "edition")]) == 0
    assert '<listBibl xml:id="bibliography">' in (project / "edition" / "doc.xml").read_text(encoding="utf-8")
    page = _page(build(project))
    section = page.xpath("//div[@class='doc-back']/section[@id='bibliography']")[0]
    heading = section.xpath("h2[@class='division-head']")[0]
    assert (heading.text, heading.get("lang")) == ("Bibliography", "en")
    assert section.xpath(".//li//*[@id='smith2000']") and len(section.xpath(".//li")) == 2
    assert page.xpath("//nav//a[@href='#bibliography']/text()") == ["Bibliography"]


def test_a_pointer_to_a_bibliography_entry_shows_its_short_citation(tmp_path: Path):
    """DHQ's author-date pointers, `<ptr target="#schwartz2022"/>`, showed the entry's first words cut
    off ("Schwartz, D. L., Gibson, N. P. and..."); the entry's `n` is its short citation. Without one,
    its first words still."""
    page = _page(build(edition(tmp_path, '<text><body><p>As shown (<ptr target="#s"/>; <ptr target="#j"/>).</p>'
                                         '<listBibl><bibl xml:id="s" n="Schwartz et al. 2022">Schwartz, D. L., '
                                         'Gibson, N. P. and Lee, K. (2022) A long title</bibl><bibl xml:id="j">Jones '
                                         '2001.</bibl></listBibl></body></text>', lang="en")))
    assert page.xpath("//p//a[@class='ptr']/text()") == ["Schwartz et al. 2022", "Jones 2001."]


def test_a_play_publishes_with_its_cast_speeches_and_stage_directions(tmp_path: Path):
    """A DraCor play could never pass --strict: its speeches, speakers, stage directions, cast list and
    setting were TEI outside the ODD, each a warning. They have rules now: a speech a block with its
    speaker first, a stage direction a block between speeches and a span inside a line, the cast list
    headed, each role with its description."""
    page = _page(build(edition(tmp_path, '<text><front><castList><head>Personen.</head><castItem><role>Kefinska,'
                                         '</role> <roleDesc>das dumme Luder.</roleDesc></castItem><castGroup><castItem>'
                                         '<role>Mossino</role></castItem></castGroup></castList><set><p>Auf dem '
                                         'Jupiter.</p></set></front><body><div><head>Erste Szene</head><stage>Alle '
                                         'sitzen.</stage><sp><speaker>KEFINSKA.</speaker><p>Ich finde <stage>'
                                         '(leise)</stage> das Leben nicht schön.</p><l>Ein Vers.</l></sp></div></body>'
                                         '</text>', lang="de"), strict=False))  # (a headed division without an id)
    cast = page.xpath("//div[@class='doc-front']//div[@class='castlist']")[0]
    assert cast.xpath("string(p[@class='list-head'])") == "Personen."
    assert [" ".join(item.text_content().split()) for item in cast.xpath(".//div[@class='castitem']")] == \
        ["Kefinska, das dumme Luder.", "Mossino"]
    assert cast.xpath(".//div[@class='castitem']/span[@class='role']/text()") == ["Kefinska,", "Mossino"]
    assert page.xpath("normalize-space(//div[@class='set']/p)") == "Auf dem Jupiter."
    division = page.xpath("//section[contains(@class, 'division')]")[0]
    assert division.xpath("string(.//div[@class='stage'])") == "Alle sitzen."
    speech = division.xpath(".//div[@class='sp']")[0]
    assert [child.get("class") for child in speech] == ["speaker", "p", "l"]
    assert speech.xpath("p/span[@class='stage']/text()") == ["(leise)"]


def test_a_plays_elements_are_no_warning(tmp_path: Path, capsys):
    edition(tmp_path, '<text><body><sp><speaker>A.</speaker><p>Ja.</p><stage>Ab.</stage></sp><castList><castItem>'
                      '<role>A</role><actor>B</actor></castItem></castList></body></text>', lang="de")
    assert main(["build", "--strict", "--edition", str(tmp_path / "edition"), "--out", str(tmp_path / "build")]) == 0
    assert "warning" not in capsys.readouterr().err


def test_an_attribute_tei_does_not_give_the_element_is_said_everywhere_at_once(tmp_path: Path, capsys):
    """DHQ's `<bibl label="...">` in a list: libxml2 named the first two, then said the list held a
    `bibl` it does not allow and wanted a `head` (both false); three builds for four attributes. Each
    such attribute is said once with its count; the rest is validated without them (a real fault
    beside them is still said, in the same round)."""
    entries = "".join(f'\n<bibl label="{name} 2000">{name}.</bibl>' for name in "ABCD")
    edition(tmp_path, f'<text><body><p>Text.</p><list><item>x</item>stray</list></body><back><listBibl>{entries}'
                      f'</listBibl></back></text>', lang="en")
    assert main(["build", "--edition", str(tmp_path / "edition"), "--out", str(tmp_path / "build")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{tmp_path}/edition/doc.xml:3: not valid TEI P5: the attribute label of <bibl> (4 "
                             "times, the first here) is not one TEI gives it: remove it, or write the TEI attribute "
                             "meant (<bibl> has ")
    # (an older TEI's biblScope type: the attribute meant now)
    edition(tmp_path / "scope", '<text><body><p><bibl><biblScope type="volume">I</biblScope></bibl></p></body>'
                                '</text>', lang="en")
    assert main(["build", "--edition", str(tmp_path / "scope" / "edition"), "--out", str(tmp_path / "b")]) == 1
    assert "the attribute type of <biblScope> (once) is not one TEI gives it: remove it, or write the TEI attribute " \
           "meant (unit? <biblScope> has from, to, unit, and those of every element: n, rend, ana ...)" \
        in capsys.readouterr().err
    assert len(err) == 3 and "<list> holds text of its own here" in err[1] and err[2].startswith("2 error(s)"), err


def test_a_persons_state_and_trait_in_the_header_validate_in_bounded_time(tmp_path: Path):
    """A Folger play's header describes its persons (`state`, `trait`: TEI the ODD leaves out): the
    build never ended (libxml2 compiling tei_all's definition of them). It is run in a process of its
    own, so that a hang fails this test instead of stopping the suite. Their attributes, and those of
    the other elements that refer to themselves (an event's type), are no fault."""
    header = HEADER.replace("</fileDesc></teiHeader>", '</fileDesc><profileDesc><particDesc><listPerson><person '
                            'xml:id="h"><persName>Hamlet</persName><state type="rank"><p>Prince of Denmark</p></state>'
                            '<trait><trait><p>young</p></trait></trait></person></listPerson></particDesc></profileDesc>'
                            '</teiHeader><standOff><listEvent><event type="print" when="1603"><p>Printed.</p></event>'
                            '</listEvent></standOff>')  # (a DraCor play's event, its type: refused once)
    edition(tmp_path, '<text><body><p>Who is there?</p></body></text>', lang="en", header=header)

    def build_apart() -> tuple[int, str]:
        """The build's exit code and messages; one that has not ended in two minutes is killed with the
        processes it forked (its helper compiles the schema), and fails the test."""
        process = subprocess.Popen([sys.executable, "-m", "tei_edition", "build", "--edition",
                                    str(tmp_path / "edition"), "--out", str(tmp_path / "build")],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                                   env={**os.environ, "SOURCE_DATE_EPOCH": "1764028800"})
        try:
            _, err = process.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            pytest.fail("the build did not end in two minutes")
        return process.returncode, err
    assert build_apart()[0] == 0
    # (and it is validated: a state after a paragraph of its own is refused, as tei_all refuses it)
    tei = tmp_path / "edition" / "doc.xml"
    tei.write_text(tei.read_text(encoding="utf-8").replace("Denmark</p>", "Denmark</p><state><p>x</p></state>"),
                   encoding="utf-8")
    code, err = build_apart()
    assert code == 1 and "doc.xml:2: not valid TEI P5: " in err, err


@pytest.mark.parametrize(("tokens", "shown"), [
    # A Folger play: a token a line of the file, its spaces marked with `c`.
    ("\n<w>Nay</w>\n<pc>,</pc>\n<c> </c>\n<w>answer</w>\n<c> </c>\n<w>me</w>\n<pc>.</pc>\n", "Nay, answer me."),
    # Tokens without `c`: the spaces between them are the text's.
    ("<w>Nay</w><pc>,</pc> <w>answer</w> <w>me</w><pc>.</pc>", "Nay, answer me."),
    ("\n<w>Nay</w>\n<w>answer</w>\n", "Nay answer"),
])
def test_a_tokenised_line_that_marks_its_spaces_is_shown_with_those_spaces_only(tmp_path: Path, tokens: str,
                                                                                  shown: str):
    """A Folger play's words, punctuation and spaces (`w`, `pc`, `c`), one a line of the file: every
    line was shown "Who's there ?", "Nay , answer me ." (the file's line ends taken for spaces)."""
    page = _page(build(edition(tmp_path, f'<text><body><p xml:id="p1">{tokens}</p></body></text>', lang="en")))
    assert " ".join(page.xpath("string(//p[@id='p1'])").split()) == shown


def test_ids_names_a_plays_numbered_divisions_so_that_a_strict_build_passes(tmp_path: Path):
    """A Folger play's acts and scenes are `div1` and `div2`: `ids` said every unit had its id, and the
    strict build then asked for their ids ("give them stable ids with tei-edition ids")."""
    project = edition(tmp_path, '<text><body><div1 type="act"><head>ACT 1</head><div2 type="scene"><head>Scene 1'
                                '</head><p>Who is there?</p></div2></div1></body></text>', lang="en")
    assert main(["ids", "--edition", str(project / "edition")]) == 0
    tei = (project / "edition" / "doc.xml").read_text(encoding="utf-8")
    assert '<div1 xml:id="div1" type="act">' in tei and '<div2 xml:id="div2" type="scene">' in tei
    page = _page(build(project))  # (--strict)
    assert page.xpath("//nav//a[starts-with(@href, '#div')]/@href") == ["#div1", "#div2"]


def test_an_empty_element_outside_the_odd_is_said_to_show_nothing(tmp_path: Path, capsys):
    """Folger's `join` (stand-off: which lines make a verse line) was said to be "shown as its text":
    it holds none, so what it says is lost, and the warning says so, once for the element."""
    edition(tmp_path, '<text><body><p xml:id="p1">Who is there?</p><join target="#p1 #p1" result="lg"/><sound/>'
                      '<p>x <sound>A bell.</sound></p><join target="#p1 #p1"/></body></text>', lang="en")
    assert main(["build", "--edition", str(tmp_path / "edition"), "--out", str(tmp_path / "build")]) == 0
    warned = [line for line in capsys.readouterr().err.splitlines() if "has no rendering rule" in line]
    assert len(warned) == 2 and all("it holds no text, so nothing of what it says is shown" in line
                                    for line in warned), warned  # (a sound's first place holds none)


def test_ids_names_a_plays_speeches_in_the_original_and_its_translation(tmp_path: Path):
    """A DraCor play's speeches had no ids, so no speech could be cited (its lines were recorded under
    the scene's). `ids` names them, in a translation too, paired with the original's."""
    project = edition(tmp_path, '<text><body><div><head>Szene</head><sp><speaker>A.</speaker><p>Ja.</p></sp><sp>'
                                '<speaker>B.</speaker><l>Nein.</l></sp></div></body></text>', lang="de",
                      translation='<text><body><div><head>Scene</head><sp><speaker>A.</speaker><p>Yes.</p></sp><sp>'
                                  '<speaker>B.</speaker><l>No.</l></sp></div></body></text>')
    assert main(["ids", "--edition", str(project / "edition")]) == 0
    assert '<sp xml:id="sp2"><speaker>B.</speaker>' in (project / "edition" / "doc.xml").read_text(encoding="utf-8")
    assert '<sp xml:id="sp2" corresp="doc.xml#sp2">' in (project / "edition" / "doc.en.xml").read_text(encoding="utf-8")
    site = build(project)  # (--strict)
    page = parse_html(site / "de" / "doc" / "index.html")
    assert page.xpath("//div[@class='sp']/@id") == ["sp1", "sp2"]

def _page(site: Path):
    return parse_html(site / "en" / "doc" / "index.html")


@pytest.mark.parametrize("identifier", [True, False])
def test_a_source_description_links_its_address_and_its_licence_where_their_words_stand(tmp_path: Path,
                                                                                        identifier: bool):
    """A DraCor play's source (TextGrid's): its repository's URL as an identifier, its licence, the
    printed book. The whole description was one link, to the licence; the URL was not linked."""
    url = '<idno type="URL">http://www.textgridrep.org/textgrid:tvgp.0</idno>' if identifier else ""
    header = ('<teiHeader><fileDesc><titleStmt><title>Luder</title></titleStmt><publicationStmt><p>DraCor</p>'
              f'</publicationStmt><sourceDesc><bibl type="digitalSource"><name>TextGrid Repository</name>{url}'
              '<availability><licence target="http://creativecommons.org/licenses/by/3.0/de/legalcode">CC-BY-3.0'
              '</licence></availability><bibl type="originalSource"><author>Paul Scheerbart</author>: <title>Das '
              'dumme Luder</title>. <date>1977</date>.</bibl></bibl></sourceDesc></fileDesc></teiHeader>')
    page = _page(build(edition(tmp_path, "<text><body><p>Ich?</p></body></text>", lang="de", header=header)))
    source = page.xpath("//dt[.='Source']/following-sibling::dd[1]")[0]
    assert [(a.text, a.get("href")) for a in source.xpath("a")] == [
        ("http://www.textgridrep.org/textgrid:tvgp.0", "http://www.textgridrep.org/textgrid:tvgp.0")][:identifier] + [
        ("CC-BY-3.0", "http://creativecommons.org/licenses/by/3.0/de/legalcode")]
    assert " ".join(source.text_content().split()).endswith("CC-BY-3.0, Paul Scheerbart: Das dumme Luder. 1977.")


def test_an_empty_heading_is_no_heading(tmp_path: Path):
    """DHQ's article opened its body with `<head></head>`, and a division may have one: each was an
    empty <h2>, a heading a screen reader announces with nothing in it."""
    page = _page(build(edition(tmp_path, '<text><body><head></head><p>Un.</p><div><head> </head><p>Deux.</p></div>'
                                         '<div><head>Trois</head><p>Quatre.</p></div></body></text>', lang="en"),
                       strict=False))  # (a headed division without an id: a warning)
    assert [" ".join(h.text_content().split()) for h in page.xpath("//main//*[self::h2 or self::h3]")
            if "division-head" in (h.get("class") or "") or "body-head" in (h.get("class") or "")] == ["Trois"]
    assert not [h for h in page.xpath("//main//*[self::h1 or self::h2 or self::h3 or self::h4]")
                if not h.text_content().strip()]


def test_a_born_digital_article_is_dated_by_its_header_and_this_edition_by_its_build(tmp_path: Path):
    """A DHQ article's header dates its publication (`publicationStmt/date`): its page gave Google
    Scholar no date, and its citation line none. The work is dated so; this edition's version (the
    passage's citation, the reference data's web page) keeps the build's date: "T. Version 1.0.0, April
    3, 2007" said this edition was published in 2007 (a letter's edition of 2023 the newcomer met)."""
    header = ('<teiHeader><fileDesc><titleStmt><title>Una lettera</title><author>Ada Rossi</author></titleStmt>'
              '<publicationStmt><publisher>Rivista</publisher><date when="2007-04-03">3 aprile 2007</date>'
              '</publicationStmt><sourceDesc><p>Born digital.</p></sourceDesc></fileDesc></teiHeader>')
    project = edition(tmp_path, '<text><body><p xml:id="p1">Uno.</p></body></text>', header=header,
                      translation='<text><body><p xml:id="p1" corresp="doc.xml#p1">One.</p></body></text>')
    config = project / "edition" / "edition.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("version: 1.0.0", "version: 1.0.0\n"
                                                                 "base_url: https://example.org/ed/"), encoding="utf-8")
    site = build(project)
    original, translated = (parse_html(site / lang / "doc" / "index.html") for lang in ("it", "en"))
    assert original.xpath("//meta[@name='citation_publication_date']/@content") == ["2007/04/03"]
    assert original.xpath("//meta[@name='DC.date']/@content") == ["2007-04-03"]
    assert '"datePublished": "2007-04-03"' in original.xpath("string(//script[@type='application/ld+json'])")
    assert "Ada Rossi. Una lettera. 2007." in original.xpath("normalize-space(//p[@class='cite-as'])")
    cited = original.xpath("string(//*[@id='p1']/following::details[1])")
    assert "2007" not in cited and "accessed [date]" in cited
    issued = json.loads((site / "cite" / "doc.it.json").read_text(encoding="utf-8"))[-1]["issued"]
    assert issued["date-parts"][0][0] != 2007
    assert not translated.xpath("//meta[@name='citation_publication_date']")


def test_an_empty_place_holder_paragraph_is_not_shown_numbered_or_named(tmp_path: Path):
    """DHQ's template leaves an empty teaser, `<p></p>`: the page showed an empty paragraph (with its
    own ¶ number once `ids` had named it). A paragraph or division with no words and no id is shown,
    numbered and named nowhere; one with an id keeps its anchor."""
    project = edition(tmp_path, '<text><front><div type="teaser"><p>  </p></div></front><body><p>One.</p><p/>'
                                '<p><!-- c --></p><p xml:id="kept"/><p>Two</p><p><pb n="2"/></p></body></text>',
                      lang="en")
    assert main(["ids", "--edition", str(project / "edition")]) == 0
    text = (project / "edition" / "doc.xml").read_text(encoding="utf-8")
    assert '<div type="teaser"><p>  </p></div>' in text and "<p/><p><!-- c --></p>" in text
    page = _page(build(project))
    assert [(p.get("id"), p.xpath("string(a/@data-number)")) for p in page.xpath("//p[@class='para']")] == \
        [("p1", "1"), ("kept", "2"), ("p3", "3"), ("p4", "4")]
    assert not page.xpath("//div[@class='doc-front']//section")
    assert page.xpath("//*[@id='page-2']")  # (a paragraph that holds a page break holds something)


def test_french_quotation_marks_stand_off_with_a_no_break_space(open_page, tmp_path: Path):
    """A French article's quotations and titles in marks: Chromium's French marks are «titre», where
    French typography sets « titre »; an English quotation keeps its browser's marks."""
    from support.gates import serve_directory
    project = edition(tmp_path, '<text><body><p>Il dit <q>bonjour</q> dans <title level="a">Le titre</title>.</p>'
                                '<p xml:lang="en">He says <q>hello</q>.</p></body></text>', lang="fr")
    with serve_directory(build(project)) as base:
        page = open_page()
        page.goto(f"{base.rstrip('/')}/en/doc/")
        quotes = page.eval_on_selector_all(".quote-marks", "marks => marks.map(m => getComputedStyle(m).quotes)")
    french = '"\u00ab\u00a0" "\u00a0\u00bb" "\u201c" "\u201d"'
    assert quotes == [french, french, "auto"]


FOLGER_SPEECH = ('<text><body><div><pb n="7"/>\n<sp xml:id="sp1"><speaker>BARNARDO</speaker>\n<ab xml:id="ab1"><lb/>\n'
                 '<join type="line" target="#w1 #c1 #w2 #p1"/>\n<w xml:id="w1">Who\u2019s</w>\n<c xml:id="c1"> </c>\n'
                 '<w xml:id="w2">there</w>\n<pc xml:id="p1">?</pc>\n</ab></sp>\n<lb/>\n<stage xml:id="st1">Enter '
                 '<w>Horatio</w>.</stage>\n</div></body></text>')


def test_a_tokenised_plays_print_view_keeps_its_spaces_its_lines_phrasing_and_its_links(tmp_path: Path):
    """Folger's Hamlet in the print view: `<c> </c>` was dropped as an empty element ("Whos there"),
    a speech and a stage direction were divs inside a line's span (invalid HTML), and every line
    linked to the reading page's top. And on the reading page, the empty `join` that opens each of
    its lines' `ab` brought back the file's line ends as spaces ("there ?")."""
    site = build(edition(tmp_path, FOLGER_SPEECH, lang="en"), strict=False)
    lines = parse_html(site / "en" / "doc" / "print" / "index.html").xpath("//li[contains(@class, 'print-line')]")
    assert [(line.xpath("string(a[@class='line-number']/@href)"),
             line.xpath("string(span[@class='line-text'])")) for line in lines] == \
        [("../#sp1", "BARNARDO"), ("../#ab1", "Who\u2019s there?"), ("../#st1", "Enter Horatio.")]
    assert not lines[0].getparent().xpath(".//span[@class='line-text']//*[self::div or self::p or self::ul]")
    assert lines[2].xpath("span[@class='line-text']/span[@class='stage']")  # (its class: italic)
    assert _page(site).xpath("normalize-space(//div[@class='sp'])") == "BARNARDO Who\u2019s there?"
