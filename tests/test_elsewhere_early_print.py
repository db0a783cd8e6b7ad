"""Texts written elsewhere: an early modern English print of the Text Creation Partnership, a Latin
speech with its English translation from Perseus, a Czech novella of ELTeC: what a newcomer met
publishing them, each on a tiny edition built in tmp_path, read with XPath."""
from __future__ import annotations

from pathlib import Path

from conftest import parse_html
from test_elsewhere import build, edition

from tei_edition.cli import main


def _page(site: Path, lang: str = "en"):
    return parse_html(site / lang / "doc" / "index.html")


def test_a_note_with_an_illegible_letter_is_a_note_not_a_lost_one(tmp_path: Path):
    """A TCP margin note with an illegible letter (`<gap>` beside its words) was taken for a lost
    note: its words were not shown, and the text check stopped the build."""
    text = ('<text><body><p>Sinne<note n="*" place="margin">Esa. 26. 1<gap reason="illegible" extent="1 letter">'
            '<desc>&#8226;</desc></gap>.</note> and <note>See <gap/> there.</note> sorrow.</p>'
            '<p>Lost<note><gap reason="lost"/></note>.</p></body></text>')
    page = _page(build(edition(tmp_path, text, lang="en")))
    texts = [" ".join(note.xpath("string(span[@class='note-text'])").split()) for note in page.xpath("//li[@id]")]
    assert texts[:2] == ["Esa. 26. 1[…: \u2022].", "See […] there."]
    assert "note-lost" in page.xpath("(//li[@id])[3]/@class")[0], "a note that is nothing but a gap is lost"
    assert page.xpath("//span[@class='gap'][not(@title)][.='[…]']"), "a gap without a reason has no empty title"


def test_a_translations_paragraph_is_numbered_as_the_one_it_translates(tmp_path: Path):
    """Perseus's English Cicero opens with the translator's Argument, a paragraph the Latin has not:
    every translated paragraph was numbered one more than its original (¶ 2 for § 1), in its number,
    its citation and its search record."""
    latin = ('<text><body><div type="edition"><div type="textpart" n="1"><p xml:id="p1">Quod precatus a Iove.</p>'
             '</div><div type="textpart" n="2"><p xml:id="p2">Itaque.</p></div></div></body></text>')
    english = ('<text><body><div type="translation"><div type="argument"><p>The argument.</p></div>'
               '<div type="textpart" n="1"><p xml:id="p1" corresp="doc.xml#p1">What I prayed for.</p></div>'
               '<div type="textpart" n="2"><p xml:id="p2" corresp="doc.xml#p2">And so.</p></div></div></body></text>')
    site = build(edition(tmp_path, latin, lang="la", translation=english))
    for lang in ("la", "en"):
        numbers = {p.get("id"): p.xpath("string(a[@class='para-number']/@data-number)")
                   for p in _page(site, lang).xpath("//p[@class='para']")}
        assert (numbers["p1"], numbers["p2"]) == ("1", "2"), (lang, numbers)
    own = _page(site, "en").xpath("//p[@class='para'][not(@id)][.='The argument.']")
    assert own and not own[0].xpath("a[@class='para-number']"), "the translator's own paragraph has no number"


def test_only_a_quotation_with_an_id_outside_the_editors_notes_needs_its_translation(tmp_path: Path, capsys):
    """A `q` in Perseus's apparatus note (the editors' own, which a translation need not have) was
    required of the translation, by a pointer to "#None"."""
    from tei_edition.cli import main
    latin = ('<text><body><p xml:id="p1">Quod <q xml:id="q1">precor</q> a <q>Iove</q><note type="editorial">'
             'eodem <q xml:id="q9" rend="italic">cod. Lamb.</q></note>.</p></body></text>')
    english = '<text><body><p xml:id="p1" corresp="doc.xml#p1">What I pray for.</p></body></text>'
    project = edition(tmp_path, latin, lang="la", translation=english)
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 1
    said = capsys.readouterr().err
    assert 'the quotation doc.xml#q1 (line 2) has no translation: a <q corresp="doc.xml#q1">' in said
    assert "None" not in said and said.count("has no translation") == 1


def test_one_fault_on_many_lines_is_said_once_with_its_lines(tmp_path: Path, capsys):
    """Every TCP file points to a responsibility its header does not declare (`resp="#TECH"`), once per
    correction: 80 identical messages, one per line. Said once, with the lines it is on."""
    from tei_edition.cli import main
    paragraphs = "".join(f'<p>Word{n} <corr resp="#TECH">fixed</corr>.</p>\n' for n in range(12))
    project = edition(tmp_path, f"<text><body>\n{paragraphs}</body></text>", lang="en")
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 1
    said = capsys.readouterr().err
    lines = [line for line in said.splitlines() if 'resp="#TECH"' in line]
    assert len(lines) == 1 and lines[0].endswith("(and 11 more, on lines 4, 5, 6, 7, 8, 9, 10, 11, ...)"), lines
    assert ":3: " in lines[0] and "12 error(s); nothing was written" in said


def test_many_faults_of_one_kind_are_said_once_with_their_lines_and_a_few_each_on_its_own(tmp_path: Path, capsys):
    """A TEI Simple print's 384 page images that its facsimile lacks, `facs="#f0027"`, `"#f0028"`...:
    one message a line. More than three of a kind, differing only in the value they quote, are said
    once, the first whole, with the lines of the others; three or fewer each on its own line."""
    from tei_edition.cli import main
    pages = "".join(f'<pb n="{n}" facs="#f{n:04d}"/><p>Page {n}.</p>\n' for n in range(1, 6))
    project = edition(tmp_path / "five", f"<text><body>\n{pages}</body></text>", lang="en")
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 1
    said = [line for line in capsys.readouterr().err.splitlines() if "points to no image" in line]
    assert len(said) == 1 and ':3: pb facs="#f0001" points to no image' in said[0], said
    assert said[0].endswith("(and 4 more of this kind, on lines 4, 5, 6, 7)"), said
    pages = "".join(f'<pb n="{n}" facs="#f{n:04d}"/><p>Page {n}.</p>\n' for n in range(1, 4))
    project = edition(tmp_path / "three", f"<text><body>\n{pages}</body></text>", lang="en")
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 1
    said = [line for line in capsys.readouterr().err.splitlines() if "points to no image" in line]
    assert [line.split(": pb ")[1][:17] for line in said] == ['facs="#f0001" poi', 'facs="#f0002" poi',
                                                              'facs="#f0003" poi'], said


def test_a_word_broken_at_a_line_end_as_the_tcp_marks_it_reads_whole(tmp_path: Path, capsys):
    """TCP's `SEDI<g ref="char:EOLhyphen"/>TIOUS` read "SEDI[?]TIOUS", with a warning each time."""
    text = ('<text><body><p>A SEDI<g ref="char:EOLhyphen"/>TIOUS and HY<g ref="char:EOLhyphen"/>\n'
            'pocriticall a<g ref="char:EOLunhyphen"/>gainst them.</p></body></text>')
    page = _page(build(edition(tmp_path, text, lang="en")))
    assert " ".join(page.xpath("string(//p[@class='para'])").split()) == "A SEDITIOUS and HYpocriticall against them."
    assert "shows nothing" not in capsys.readouterr().err


def test_a_source_with_two_copies_online_links_each(tmp_path: Path):
    """Perseus's source names its copies at the Internet Archive and at HathiTrust: with two web
    addresses, neither was linked."""
    header = ('<teiHeader><fileDesc><titleStmt><title>Post reditum</title></titleStmt><publicationStmt><p>Test.</p>'
              '</publicationStmt><sourceDesc><bibl><title>Orations</title>, London, 1891 (<ref target="https://'
              'archive.org/details/orations">Internet Archive</ref>; <ref target="https://babel.hathitrust.org/x">'
              'HathiTrust</ref>).</bibl></sourceDesc></fileDesc></teiHeader>')
    page = _page(build(edition(tmp_path, "<text><body><p>Quod.</p></body></text>", lang="la", header=header)))
    source = page.xpath("//section[@class='document-metadata']//dt[.='Source']/following-sibling::dd[1]")[0]
    assert " ".join(source.xpath("string()").split()) == "Orations, London, 1891 (Internet Archive; HathiTrust)."
    assert [(a.text, a.get("href")) for a in source.xpath("a")] == [
        ("Internet Archive", "https://archive.org/details/orations"), ("HathiTrust", "https://babel.hathitrust.org/x")]


def test_an_untranslated_note_is_told_it_may_be_the_editors(tmp_path: Path, capsys):
    """After `ids`, Perseus's Latin apparatus notes (untyped) each wanted a translation: the message
    said only to add one; an apparatus no translation carries is the editors' (type="editorial")."""
    from tei_edition.cli import main
    latin = '<text><body><p xml:id="p1">Quod<note xml:id="note-1">et in <hi>dett.</hi></note> precor.</p></body></text>'
    english = '<text><body><p xml:id="p1" corresp="doc.xml#p1">What I pray for.</p></body></text>'
    project = edition(tmp_path, latin, lang="la", translation=english)
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 1
    assert "no translation of doc.xml#note-1 (at doc.xml:2): add an element with xml:id=\"note-1\" here; or, if it " \
           "is the editors' note (an apparatus) that no translation carries, give it type=\"editorial\" in the " \
           "original" in capsys.readouterr().err
    latin_file = project / "edition" / "doc.xml"
    latin_file.write_text(latin_file.read_text(encoding="utf-8").replace('<note xml:id="note-1">',
                                                                          '<note xml:id="note-1" type="editorial">'),
                          encoding="utf-8")
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 0


def test_a_translators_note_without_an_id_stands_in_its_own_row_of_the_parallel_view(tmp_path: Path):
    """Perseus's English notes have no ids, nor have the Latin apparatus notes: the parallel view paired
    the translator's note of § 2 with the Latin note of § 1, the first of each (their pages' ids). A
    note without an id pairs only with one of its own row; one alone is named apart, its marker too."""
    latin = ('<text><body><p xml:id="p1">Quod precatus<note>et in dett.</note> a Iove.</p><p xml:id="p2">Itaque.'
             '</p></body></text>')
    english = ('<text><body><p xml:id="p1" corresp="doc.xml#p1">What I prayed for.</p><p xml:id="p2" '
               'corresp="doc.xml#p2">And so<note>His name was Serranus.</note>.</p></body></text>')
    site = build(edition(tmp_path, latin, lang="la", translation=english))
    parallel = parse_html(site / "en" / "doc" / "parallel" / "index.html")
    rows = {row.get("id"): " ".join(row.xpath("string()").split())
            for row in parallel.xpath("//section[contains(@class, 'parallel-note')]")}
    assert set(rows) == {"note-1", "en-note-1"}
    assert "dett." in rows["note-1"] and "Serranus" not in rows["note-1"] and "Serranus" in rows["en-note-1"]
    markers = parallel.xpath("//div[@lang='en']//a[contains(@class, 'noteref')]/@href")
    assert markers == ["#en-note-1"], markers


def test_a_note_on_a_running_head_is_a_note_and_furniture_glues_no_words(tmp_path: Path):
    """The Whitman Archive's note on a running head (`fw`, hidden on the reading page) was numbered by
    the ledger but not by the page: the build stopped ("anchor #note-2 … is not on the page"),
    located in the built page; the note itself was lost. And DTA's catchword between two line
    ends, `aufrichtigen<lb/><fw type="catch">Leib-</fw><lb/>…Leib-Artzt`, glued the words around it."""
    text = ('<text><body><pb n="4"/><p>Nun den aufrichtigen<lb/><fw type="catch">Leib-</fw><lb/><pb n="5"/><fw '
            'type="header">Vorrede.<note type="project">The head is narrower.</note></fw><lb/>Leib-Artzt vor.</p>'
            '<p>Trippers<note>A note.</note>.</p></body></text>')
    page = _page(build(edition(tmp_path, text, lang="de")))
    assert "aufrichtigen Leib-Artzt" in " ".join(page.xpath("string(//p[contains(@class, 'para')])").split())
    notes = [" ".join(note.xpath("string(span[@class='note-text'])").split()) for note in page.xpath("//li[@id]")]
    assert notes == ["The head is narrower.", "A note."]


def test_a_references_parts_with_nothing_between_are_set_apart(tmp_path: Path):
    """An Arnamagnaean catalogue's `<bibl><title>Fornmanna sögur</title><biblScope>I</biblScope>
    <biblScope>71-306</biblScope>; …</bibl>`: written with some punctuation, its parts ran together."""
    page = _page(build(edition(tmp_path, '<text><body><p><bibl><title>Fornmanna s\u00f6gur</title><biblScope unit='
                                         '"volume">I</biblScope><biblScope unit="page">71-306</biblScope>; <title>'
                                         'Flateyjarbok</title> <hi>I</hi><hi>I</hi>.</bibl></p></body></text>',
                                 lang="is")))
    assert " ".join(page.xpath("string(//p[contains(@class, 'para')])").split()) == \
        "Fornmanna s\u00f6gur, I, 71-306; Flateyjarbok II."


def test_a_readings_id_is_a_target(tmp_path: Path):
    """The Whitman variorum links to a reading (`<ref target="#r2">`): the page had no such id, and the
    build stopped, located in the built page."""
    page = _page(build(edition(tmp_path, '<text><body><lg><l>waiting for <app><rdg xml:id="r1" wit="#A">you</rdg>'
                                         '<rdgGrp xml:id="g1"><rdg xml:id="r2" wit="#B">you.</rdg></rdgGrp></app></l>'
                                         '</lg><p>See <ref target="#r2">the period</ref>, <ref target="#g1">the group'
                                         '</ref>.</p></body></text>', lang="en"), strict=False))
    assert page.xpath("//*[@id='r2']/@class") == ["rdg"] and page.xpath("//*[@id='g1']/@class") == ["anchor"]
    assert page.xpath("//span[@class='rdg'][@id='r1']")


def test_an_indented_verse_line_is_indented(open_page, tmp_path: Path):
    """Whitman's (and a Markdown line block's) `l rend="indent"`: its indentation was dropped."""
    from support.gates import serve_directory
    project = edition(tmp_path, '<text><body><lg><l>There were three ravens sat on a tree,</l><l rend="indent">Downe'
                                ' a downe,</l><l rend="indent2 italic">hay downe.</l></lg></body></text>', lang="en")
    with serve_directory(build(project)) as base:
        page = open_page()
        page.goto(f"{base.rstrip('/')}/en/doc/")
        starts = page.eval_on_selector_all(
            ".l", "lines => lines.map(l => parseFloat(getComputedStyle(l).paddingInlineStart))")
    assert starts[0] == 0 and 0 < starts[1] < starts[2]


def test_an_editions_title_ending_in_a_full_stop_takes_no_second_one(tmp_path: Path):
    """An Arnamagnaean catalogue's edition, "Catalogue of AM 62 fol.": "… fol.. Version 0.1.0"."""
    project = edition(tmp_path, '<text><body><p xml:id="p1">Text.</p></body></text>', lang="en")
    config = project / "edition" / "edition.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("title: {en: T}", 'title: {en: "Catalogue of AM 62 '
                                                                 'fol."}'), encoding="utf-8")
    cited = _page(build(project)).xpath("string(//p[@id='cite-p1'])")
    assert "fol. version 1.0.0" in cited.lower() and ".." not in cited  # (title-cased by the style: "Fol.")


def test_a_corpus_sentences_publish_with_strict(tmp_path: Path):
    """TEI Simple's "A Christmas Carol" marks its sentences (`s`): outside the ODD, a strict build stopped."""
    page = _page(build(edition(tmp_path, '<text><body><p><s>Marley was dead.</s> <s>There is <phr>no doubt</phr> '
                                         'whatever.</s></p></body></text>', lang="en")))
    assert " ".join(page.xpath("string(//p[contains(@class, 'para')])").split()) == \
        "Marley was dead. There is no doubt whatever."
    assert len(page.xpath("//span[@class='s']")) == 2


def test_an_engravers_line_in_a_figure_is_not_the_documents_byline(tmp_path: Path):
    """A TCP print's frontispiece `<figure>…<byline>G Glouer fecit.</byline></figure>` was lifted under
    the title as the document's byline, and shown again in the figure."""
    page = _page(build(edition(tmp_path, '<text><front><div><p><figure><head>The author.</head><byline>G Glouer fecit.'
                                         '</byline></figure></p></div></front><body><p>Text.</p></body></text>',
                                 lang="en")))
    assert len(page.xpath("//*[contains(., 'Glouer')][not(*[contains(., 'Glouer')])]")) == 1
    assert not page.xpath("//p[@class='byline']")


def test_a_page_break_in_verse_shows_its_number_in_the_margin(open_page, tmp_path: Path):
    """The Whitman variorum's page breaks between verse lines: on a wide screen the page's number was
    placed off the screen (no positioned block around it), and on a phone an unprinted page's number,
    "[1]", was shown "[[1]]"."""
    from support.gates import serve_directory
    project = edition(tmp_path, '<text><body><pb n="[1]"/><lg><l>The President holds a cabinet council,</l><pb '
                                'n="2"/><l>On the piazza walk five friendly matrons;</l></lg></body></text>', lang="en")
    with serve_directory(build(project)) as base:
        found = {}
        for width in (1366, 390):
            page = open_page(viewport={"width": width, "height": 900})
            page.goto(f"{base.rstrip('/')}/en/doc/")
            # (where the number, placed absolutely, begins: its containing block's left edge and its offset)
            found[width] = page.evaluate("""() => [...document.querySelectorAll('a.pagebreak')].map(a => {
                const after = getComputedStyle(a, '::after');
                let block = a.parentElement;
                while (block && getComputedStyle(block).position === 'static') block = block.parentElement;
                const left = (block ? block.getBoundingClientRect().left : 0) + parseFloat(after.insetInlineStart);
                return [a.dataset.page, after.content, after.position === 'absolute' ? left : 0]; })""")
    verse = found[1366][1]
    assert verse[0] == "2" and verse[2] >= 0, found  # (in the page, not off it)
    assert found[390][0][1] == '"[1]" / ""', found  # as it is, no second pair of brackets


def test_a_witness_description_reads_as_words_apart(tmp_path: Path):
    """The Whitman variorum's witness: its library and shelfmark, its leaf's height and width, ran
    together ("LibrariesFOLIO", "117 3/4"), and a corrected name gave both forms in one run."""
    header = ('<teiHeader><fileDesc><titleStmt><title>Leaves</title></titleStmt><publicationStmt><p>x</p>'
              '</publicationStmt><sourceDesc><listWit><witness xml:id="UI_01"><msDesc><msIdentifier><repository>'
              'University of Iowa Libraries</repository><idno>FOLIO PS3201</idno></msIdentifier><physDesc>'
              '<objectDesc><supportDesc><extent><dimensions><height>11</height><width>7 3/4</width></dimensions>'
              '</extent></supportDesc></objectDesc></physDesc><history><provenance>Marked: <choice><orig>Dr. Weir S.'
              ' Mitchel</orig><reg>Dr. S. Weir Mitchell</reg></choice>.</provenance></history></msDesc></witness>'
              '</listWit></sourceDesc></fileDesc></teiHeader>')
    page = _page(build(edition(tmp_path, '<text><body><p>x</p></body></text>', lang="en", header=header)))
    witness = " ".join(page.xpath("string(//section[@class='document-metadata']//dt[.='Witnesses']"
                                  "/following-sibling::dd[1])").split())
    assert "University of Iowa Libraries FOLIO PS3201" in witness and " 11 7 3/4 " in f"{witness} "
    assert "Marked: Dr. S. Weir Mitchell." in witness and "Mitchel " not in witness


def test_a_note_of_no_words_is_no_numbered_empty_note(tmp_path: Path, capsys):
    """The Whitman variorum's `<note type="work_relations" target="xxx.00048"/>` (thirteen): each was a
    numbered empty note, with a Cite box. Shown nowhere, said once; the next note is note 1; an id stays a target."""
    page = _page(build(edition(tmp_path, '<text><body><p xml:id="p1">Song<note type="work_relations" target="x" '
                                         'xml:id="wr"/> of myself<note> </note><note>A note.</note>.</p></body></text>',
                               lang="en"), strict=False))
    assert [" ".join(li.xpath("string(span[@class='note-text'])").split()) for li in page.xpath("//li[@id]")] == \
        ["A note."]
    assert page.xpath("//*[@id='wr']")  # (a target still)
    assert "a note with no words at all (this is the first) is shown nowhere" in capsys.readouterr().err


def test_a_table_in_a_paragraph_fits_a_phone(open_page, tmp_path: Path):
    """A TCP print's drill tables stand in its paragraphs (`<p><table>…</table></p>`, 56 of them): each
    made the page 599 pixels wide on a phone 390 wide."""
    from support.gates import serve_directory
    rows = "".join(f"<row><cell>Open</cell><cell>your Pan {n}.</cell></row>" for n in range(4))
    project = edition(tmp_path, f'<text><body><p>Then: <table>{rows}</table> and so on.</p></body></text>', lang="en")
    with serve_directory(build(project)) as base:
        page = open_page(viewport={"width": 390, "height": 844})
        page.goto(f"{base.rstrip('/')}/en/doc/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_page_image_named_under_an_xml_base_is_that_address(tmp_path: Path):
    """The Whitman Archive's `<text xml:base="https://whitmanarchive.org/media/figures/">` and `<pb
    facs="ppp.00271.001.jpg"/>`: "no such image" (beside the TEI), though a ref under it was resolved."""
    page = _page(build(edition(tmp_path, '<text xml:base="https://example.org/figures/"><body><pb n="1" facs="p1.jpg"/>'
                                         '<p>Text.</p></body></text>', lang="en")))
    assert "https://example.org/figures/p1.jpg" in page.xpath("//a/@href")


def test_a_reading_of_many_witnesses_shows_its_words_after_a_few_sigla(tmp_path: Path):
    """The Whitman variorum's readings cite 100 to 200 witnesses each, inline in a verse line: two phone
    screens of sigla before "you". Beyond ten, five sigla and the others counted (their sigla in the
    count's title); ten or fewer, all."""
    many = " ".join(f"#w{n}" for n in range(1, 191))
    page = _page(build(edition(tmp_path, f'<text><body><lg><l>waiting for <app><rdg wit="{many}">you</rdg><rdg wit='
                                         f'"#a #b #c #d #e #f #g #h #i #j">you.</rdg></app></l></lg></body></text>',
                               lang="en"), strict=False))
    first, second = page.xpath("//span[@class='rdg']")
    assert [w.text for w in first.xpath("*[contains(@class, 'wit')]")] == ["w1", "w2", "w3", "w4", "w5", "+185"]
    assert first.xpath("abbr[@class='wit-more']/@title")[0].split() == [f"w{n}" for n in range(6, 191)]
    assert len(second.xpath("*[@class='wit']")) == 10 and "you." in second.text_content()


def test_a_readings_undeclared_witness_is_said(tmp_path: Path, capsys):
    """The Whitman variorum cites some 190 sigla and declares one witness: nothing said so."""
    project = edition(tmp_path, '<text><body><p>For <app><rdg wit="#A">you</rdg><rdg wit="#B">you.</rdg></app></p>'
                                '</body></text>', lang="en")
    assert main(["build", "--strict", "--edition", str(project / "edition"), "--out", str(project / "b")]) == 1
    assert "a reading's witness (wit=\"#...\") is no witness of this file's listWit" in capsys.readouterr().err


def test_a_hand_named_by_a_pointer_to_its_scribe_shows_the_scribes_name(tmp_path: Path):
    """The Whitman variorum's `<handNote xml:id="h1" scribeRef="#ww" medium="printed"/>`: a shift to it
    showed "[hand: h1]", its id."""
    header = ('<teiHeader><fileDesc><titleStmt><title>Leaves</title><author xml:id="ww">Walt Whitman</author>'
              '</titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>'
              '<profileDesc><handNotes><handNote xml:id="h1" scribeRef="#ww" medium="printed"/></handNotes>'
              '</profileDesc></teiHeader>')
    page = _page(build(edition(tmp_path, '<text><body><p><handShift new="#h1"/>Entered according to Act.</p></body>'
                                         '</text>', lang="en", header=header)))
    assert page.xpath("//span[@class='handshift']/text()") == ["[hand: Walt Whitman]"]


def test_an_unnumbered_pages_long_image_address_is_said_whole(tmp_path: Path, capsys):
    """The Whitman Archive's IIIF addresses were cut at 60 characters inside the message's quotation
    marks ("…figures%2"): the address is said whole (a very long one by its start and its end)."""
    url = "https://example.org/iiif/2/published%2FLG%2Ffigures%2Fppp.00271.007.jpg/full/full/0/default.jpg"
    build(edition(tmp_path, f'<text><body><pb facs="{url}"/><p>Text.</p></body></text>', lang="en"), strict=False)
    assert f'pb facs="{url}" has no n' in capsys.readouterr().err


def test_a_text_within_the_text_is_a_block_where_it_stands_and_a_span_in_running_text(tmp_path: Path):
    """A letter quoted whole (`q` of a `floatingText`, its front and body) had no rule: a warning
    per element, which stops a --strict build, and its paragraphs in a span."""
    text = ('<text><body><p>The opinion:</p><q><floatingText><front><head>To W. W.</head></front><body>'
            '<p>I greet you.</p><p>R. W. E.</p></body></floatingText></q>'
            '<p>He wrote <q><floatingText><body><div><p>Come.</p></div></body></floatingText></q> and went.</p>'
            '<floatingText type="letter"><body><div type="letter"><opener><salute>Madam,</salute></opener>'
            '<p>The love I bear.</p></div></body></floatingText></body></text>')
    page = _page(build(edition(tmp_path, text, lang="en")))
    inset = page.xpath("//blockquote/div[@class='floating-text']")
    assert inset and [p.text for p in inset[0].xpath("p")] == ["I greet you.", "R. W. E."]
    assert "To W. W." in inset[0].xpath("string()")
    letter = page.xpath("//div[@class='floating-text letter']/div[@class='division letter']")  # (DocSouth's)
    assert letter and letter[0].xpath("div[@class='opener']/div[@class='salute'] and p[.='The love I bear.']")
    running = page.xpath("//p[@class='para'][starts-with(., 'He wrote')]")
    assert running and not running[0].xpath(".//div | .//p | .//blockquote"), "no block inside a paragraph"
    assert " ".join(running[0].xpath("string()").split()).endswith("Come. and went.")


def test_a_manuscripts_description_in_the_text_keeps_its_parts_apart(tmp_path: Path):
    """A catalogue's description of a manuscript in a text: its rubrics, extent and hand had no
    rule, and parts with nothing between them ran together ("SamlingAM 62 fol.")."""
    text = ('<text><body><p>The manuscript:</p><msDesc><msIdentifier><repository>Den Arnamagnaeanske Samling'
            '</repository><idno>AM 62 fol.</idno></msIdentifier><msContents><msItem><rubric>Capitulum</rubric>'
            '<incipit>En er olafr</incipit><finalRubric>Her endar</finalRubric></msItem></msContents><physDesc>'
            '<objectDesc><supportDesc><extent>53 leaves</extent></supportDesc></objectDesc><handDesc><handNote>'
            '<p>A single hand.</p></handNote></handDesc></physDesc></msDesc></body></text>')
    page = _page(build(edition(tmp_path, text, lang="en")))  # (--strict: no element without a rule)
    shown = " ".join(page.xpath("string(//span[@class='msdesc'])").split())
    assert shown == "Den Arnamagnaeanske Samling AM 62 fol. Capitulum En er olafr Her endar 53 leaves A single hand."
    assert page.xpath("//span[@class='rubric'][.='Capitulum'] and //span[@class='finalrubric'][.='Her endar']")


def test_a_page_number_the_print_repeats_is_a_page_of_its_own(tmp_path: Path):
    """A misnumbered early print (TCP's "56" twice) stopped the build ("page 56 was numbered
    before"): each page keeps its printed number and the later one has a marker id of its own."""
    text = ('<text><body><pb n="56" xml:id="p56a"/><p>Of doubling the Reere.</p><pb n="54"/><p>Front halfe-files.</p>'
            '<p>The <pb n="56" xml:id="p56b"/>Motion.</p><p>See <ref target="#p56b">the second 56</ref>.</p>'
            '</body></text>')
    page = _page(build(edition(tmp_path, text, lang="en")))
    markers = page.xpath("//a[contains(@class, 'pagebreak')]")
    assert [(m.get("data-page"), m.get("id")) for m in markers] == \
        [("56", "page-56"), ("54", "page-54"), ("56", "page-56-2")]
    assert page.xpath("//*[@id='p56b']"), "a page break's own id is still a target"


def test_parts_numbered_from_one_have_their_pages_lines_and_translation_markers(tmp_path: Path):
    """A book of two parts, each paginated from 1, with an English translation in divisions: each
    page, line and foot note of the print view has an id of its own, the translation's reading page
    marks the original's pages in its divisions (it had none: its list of pages linked to nothing),
    and the ledger records the second part's pages."""
    original = ('<text><body><div xml:id="d1"><pb n="1"/><p xml:id="a"><lb/>Parte prima, riga uno<lb/>riga due.</p>'
                '</div><div xml:id="d2"><pb n="1"/><p xml:id="b"><lb/>Parte seconda<note xml:id="n1" n="1" '
                'place="foot">Nota.</note>, riga uno<lb/>riga due.</p><pb n="2"/><p xml:id="c"><lb/>Fine.</p>'
                '</div></body></text>')
    english = ('<text><body><div xml:id="d1" corresp="doc.xml#d1"><p xml:id="a" corresp="doc.xml#a">Part one.</p>'
               '</div><div xml:id="d2" corresp="doc.xml#d2"><p xml:id="b" corresp="doc.xml#b">Part two<note '
               'xml:id="n1" corresp="doc.xml#n1">Note.</note>.</p><p xml:id="c" corresp="doc.xml#c">End.</p>'
               '</div></body></text>')
    project = edition(tmp_path, original, lang="it", translation=english)
    site = build(project)
    printed = parse_html(site / "en" / "doc" / "print" / "index.html")
    assert printed.xpath("//li[@id='page-1-2-line-1'] and //li[@id='page-1-line-1'] and //*[@id='page-1-2-note-1']")
    translation = _page(site, "en")
    assert [m.get("id") for m in translation.xpath("//a[contains(@class, 'pagebreak')]")] == \
        ["page-1", "page-1-2", "page-2"]
    assert main(["ledger", "--edition", str(project / "edition")]) == 0
    ledger = (project / "edition" / "anchors.tsv").read_text(encoding="utf-8")
    assert "doc\tpage-1-2\tp. 1\n" in ledger and "doc\tpage-1-2-line-2\tp. 1, l. 2\n" in ledger
    from tei_edition.anchors import Anchor, document_anchors
    from tei_edition.tei import parse
    published = document_anchors(parse(project / "edition" / "doc.xml"), "doc")  # (the reading page's)
    assert Anchor("doc", "page-1-2", "p. 1") in published and Anchor("doc", "b", "p. 1, l. 1") in published


def test_a_title_pages_subtitle_author_line_and_pages_stay_in_their_order(tmp_path: Path):
    """A Wright American Fiction title page: the author line was lifted above the subtitle that comes
    before it (the text check stopped the build: "text out of order"), and the title page's verso,
    a page of its own, had no marker (its print page and the list of pages linked to nothing)."""
    text = ('<text><front><titlePage><pb/><docTitle><titlePart type="main">LEAH MORDECAI.</titlePart>'
            '<titlePart type="sub">A NOVEL.</titlePart></docTitle><byline>BY <docAuthor>MRS. ABBOTT.</docAuthor>'
            '</byline><docImprint>NEW YORK</docImprint><pb n="[verso]"/><docImprint>COPYRIGHT, 1856.</docImprint>'
            '</titlePage></front><body><pb n="1"/><p><lb/>It was a day<lb/>in May.</p></body></text>')
    page = _page(build(edition(tmp_path, text, lang="en")))
    header = page.xpath("//header[@class='doc-header']")[0]
    shown = " ".join(header.xpath("string()").split())
    assert shown.index("A NOVEL.") < shown.index("BY MRS. ABBOTT.") < shown.index("NEW YORK") \
        < shown.index("COPYRIGHT")
    marker = header.xpath(".//a[contains(@class, 'pagebreak')]")
    assert [(m.get("id"), m.get("data-page")) for m in marker] == [("page-verso", "[verso]")]
    assert header.xpath("count(.//a[@id='page-verso']/../following-sibling::*[1][contains(., 'COPYRIGHT')])") == 1


def test_a_figure_the_edition_does_not_reproduce_is_marked_where_it_stands(tmp_path: Path):
    """TCP's `<figure/>`, an illustration of the print that the transcription does not reproduce, was an
    empty element: the reader was not told that the page had a picture there."""
    text = ('<text><body><p>Behold <figure/> the Motion.</p><figure/><p>After it.</p></body></text>')
    page = _page(build(edition(tmp_path, text, lang="en")))
    marks = page.xpath("//*[@class='figure']/span[@class='figure-absent']")
    assert [(m.text, m.get("lang")) for m in marks] == [("[Figure]", "en"), ("[Figure]", "en")]
    assert " ".join(page.xpath("string(//p[@class='para'][starts-with(., 'Behold')])").split()) == \
        "Behold [Figure] the Motion."


def test_an_eltec_text_description_emptied_of_its_own_vocabulary_says_what_tei_wants(tmp_path: Path, capsys):
    """An ELTeC novel's `textDesc` holds ELTeC's own elements; with them removed (as the build asks),
    libxml2 says only that the `textDesc` "is not allowed here", though it is: it lacks TEI's parts."""
    from test_elsewhere import HEADER
    header = HEADER.replace("</fileDesc>", "</fileDesc><profileDesc><textDesc>\n</textDesc></profileDesc>")
    project = edition(tmp_path, "<text><body><p>Roman.</p></body></text>", lang="sl", header=header)
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 1
    said = capsys.readouterr().err
    assert "<textDesc> is not allowed here (the schema: Did not expect element textDesc there); a textDesc describes " \
        "a text's situation by all of channel, constitution, derivation, domain, factuality, interaction, " \
        "preparedness and purpose, in that order: complete it, or remove it" in said, said
