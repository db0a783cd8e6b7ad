"""Documents written elsewhere, born-digital articles: what a newcomer met publishing an article of
the Journal of the TEI (code examples, markup named in the sentence), an OpenEdition journal article
and a French essay, each on a tiny edition built in tmp_path, read with XPath."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import parse_html
from test_elsewhere import build, edition

from tei_edition.cli import main

EXAMPLE = ('<egXML xmlns="http://www.tei-c.org/ns/Examples">\n      <p xml:id="bibliography">See <ref target='
           '"#smith2000">Smith</ref>: a &lt; b &amp; c.</p>\n        <lb/>\n    </egXML>')


def _page(site: Path):
    return parse_html(site / "en" / "doc" / "index.html")


def _about(tmp_path: Path, lang: str, publication: str, source: str, profile: str = ""):
    """The page of a one-paragraph document whose header holds these (what About this document shows)."""
    header = (f"<teiHeader><fileDesc><titleStmt><title>Saggio</title></titleStmt><publicationStmt>{publication}"
              f"</publicationStmt><sourceDesc>{source}</sourceDesc></fileDesc>"
              + (f"<profileDesc>{profile}</profileDesc>" if profile else "") + "</teiHeader>")
    return _page(build(edition(tmp_path, "<text><body><p>Un.</p></body></text>", lang=lang, header=header)))


def test_an_example_of_markup_is_quoted_markup_whatever_else_the_document_holds(tmp_path: Path, capsys):
    """Every egXML was refused ("of another vocabulary") once the article held an element the ODD
    leaves out; an id inside an example clashed with the document's own ("duplicate xml:id"), and a
    pointer inside one was resolved ("points to no element"); the example lost its indentation, its
    "&lt;" and "&amp;" (copied, it was not XML), and its lines when it stood in a sentence."""
    text = (f'<text><body><p xml:id="bibliography">Select <ident>File</ident> and write: {EXAMPLE}</p>'
            f'<p xml:id="p2">{EXAMPLE} <stamp>Received</stamp></p></body></text>')
    page = _page(build(edition(tmp_path, text, lang="en"), strict=False))
    warnings = capsys.readouterr().err
    assert "<stamp> has no rendering rule (valid TEI P5, outside tei-edition.odd)" in warnings, warnings
    assert "<ident>" not in warnings  # (in the ODD, with its rule: a jTEI article's menu item, a function's name)
    inline = page.xpath("//p[@id='bibliography']/code[@class='egxml lines']")[0]  # (its lines set apart)
    assert inline.text == ('<p xml:id="bibliography">See <ref target="#smith2000">Smith</ref>: a &lt; b &amp; c.</p>'
                           '\n  <lb/>')
    assert page.xpath("//p[@id='bibliography']/code[.='File']")
    assert page.xpath("count(//*[@id='bibliography'])") == 1  # (the example's id is its text)


def test_markup_named_in_a_sentence_keeps_its_marks(tmp_path: Path):
    """`gi`, `tag` and `att` were bare code: an end tag could not be told from an element's name."""
    text = ('<text><body><p>Use <gi>div</gi>, <tag>hi rend="italic"</tag>, <tag type="empty">lb/</tag>, <tag>pb/</tag>,'
            ' <tag type="end">div</tag> and <att>xml:id</att>.</p></body></text>')
    page = _page(build(edition(tmp_path, text, lang="en")))
    assert [(code.get("class"), code.text) for code in page.xpath("//div[@class='doc-body']//p//code")] == [
        ("gi", "<div>"), ("tag", '<hi rend="italic">'), ("tag", "<lb/>"), ("tag", "<pb/>"), ("tag", "</div>"),
        ("att", "@xml:id")]


def test_code_in_a_figure_is_shown_with_its_lines_before_the_caption(tmp_path: Path):
    """An `eg` in a figure lost its lines and stood inside the figure's caption."""
    text = ('<text><body><p>A function:</p><figure xml:id="fig1"><eg>\n    declare function local:f() {\n'
            '      for $t in //title\n    };</eg><head type="legend">A simple XQuery function</head></figure>'
            '</body></text>')
    page = _page(build(edition(tmp_path, text, lang="en")))
    figure = page.xpath("//figure[@id='fig1']")[0]
    assert figure.xpath("string(pre[@class='eg']/code)") == "declare function local:f() {\n  for $t in //title\n};"
    assert figure.xpath("string(figcaption)") == "A simple XQuery function"


def test_check_of_an_edition_without_a_ledger_passes_as_its_build_does(tmp_path: Path, capsys):
    """`check` failed ("24 not in the ledger ... check FAILED", no problem listed) where `build
    --strict` passed: an edition starts its ledger when it publishes."""
    project = edition(tmp_path, '<text><body><p xml:id="p1">Uno.</p><p xml:id="p2">Due.</p></body></text>')
    folder = str(project / "edition")
    assert main(["check", "--strict", "--edition", folder]) == 0
    assert "no ledger yet: `tei-edition ledger` records the 2 anchor(s)" in capsys.readouterr().out
    assert main(["ledger", "--edition", folder]) == 0
    assert main(["check", "--edition", folder]) == 0
    tei = project / "edition" / "doc.xml"
    tei.write_text(tei.read_text(encoding="utf-8").replace("</body>", '<p xml:id="p3">Tre.</p></body>'),
                   encoding="utf-8")
    capsys.readouterr()
    assert main(["check", "--edition", folder]) == 1  # (with a ledger, a new anchor is to be recorded)
    assert "1 not in the ledger" in capsys.readouterr().out


OPENEDITION = ('<text><front><note type="publisher"><p>Le texte a \u00e9t\u00e9 g\u00e9n\u00e9r\u00e9.</p></note>'
               '<div type="abstract" xml:lang="fr"><p>R\u00e9sum\u00e9.</p></div></front><body><p xml:id="p1">Un'
               '<note place="foot" n="1">Premi\u00e8re.</note> deux<note place="foot" n="2">Deuxi\u00e8me.</note>.'
               '</p></body><back><div type="bibliography"><listBibl><biblStruct><monogr><author>Croce, Benedetto'
               '</author><title level="m">Estetica</title><imprint><pubPlace>Bari</pubPlace><publisher>Laterza'
               '</publisher><date>1902</date></imprint></monogr></biblStruct><bibl>Dante, <title>Commedia'
               '</title>.<note place="end" n="ii">Fin.</note></bibl></listBibl></div></back></text>')


def test_a_journal_articles_front_notes_numbers_and_bibliography(tmp_path: Path):
    """OpenEdition's article: its publisher's note before the abstract was a lone footnote marker; its
    notes' own numbers ("1", "ii") were replaced by a count that included the front's notes; its
    bibliography, a division without a heading, had none; a structured reference ran its parts
    together ("Croce, BenedettoEsteticaBariLaterza1902")."""
    page = _page(build(edition(tmp_path, OPENEDITION, lang="fr")))
    front = page.xpath("//aside[@class='note-block']")[0]
    assert [" ".join(p.text_content().split()) for p in front.xpath("p")] == [
        "Publisher's note", "Le texte a \u00e9t\u00e9 g\u00e9n\u00e9r\u00e9."]
    assert front.xpath("following::section[@id='abstract-fr']")  # (before the abstract, as in the TEI)
    assert [a.get("data-number") for a in page.xpath("//a[@class='noteref']")] == ["1", "2", "ii"]
    assert [a.text for a in page.xpath("//a[@class='note-backref']")] == ["1", "2", "ii"]
    assert page.xpath("string(//h2[@class='division-head'])") == "Bibliography"
    reference = page.xpath("//span[@class='bibl'][.//span[@class='author' or contains(., 'Croce')]]")[0]
    assert " ".join(reference.text_content().split()) == "Croce, Benedetto, Estetica, Bari, Laterza, 1902"


def test_an_abstract_in_the_header_is_the_documents_abstract(tmp_path: Path):
    """`profileDesc/abstract` (a publisher's export) appeared nowhere, not even in the page's description."""
    page = _about(tmp_path, "it", publication="<p>Test.</p>", source="<p>Nato digitale.</p>",
                  profile="<abstract><p>Un riassunto nel header.</p></abstract>")
    assert page.xpath("string(//section[@id='abstract-it']/p)") == "Un riassunto nel header."
    assert page.xpath("string(//meta[@name='description']/@content)") == "Un riassunto nel header."


def test_the_not_found_page_of_a_site_below_its_hosts_root(tmp_path: Path):
    """With `base_url: https://example.org/letters/` (the README's own example), 404.html still linked
    `/assets/edition.css`: a host serving it at any depth gave it no style sheet, no links that work."""
    project = edition(tmp_path, '<text><body><p>Uno.</p></body></text>')
    config = project / "edition" / "edition.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "version: 1.0.0", "version: 1.0.0\nbase_url: https://example.org/letters/"), encoding="utf-8")
    page = parse_html(build(project) / "404.html")  # (its links checked too, from the site's root)
    links = page.xpath("//link/@href | //script/@src | //a/@href")
    assert links and all(link.startswith(("/letters/", "#")) for link in links), links
    assert "/letters/assets/edition.css" in links


def test_a_figures_image_on_another_host_is_linked_and_told_to_be_downloaded(tmp_path: Path, capsys):
    """OpenEdition's figures name their images on the journal's host: the message said the url "must name
    an image file beside the TEI file ... or be an http(s) address", which it was; then the build
    stopped, told to download it. The page links to it (loading it would be a request to another
    host), its description the link's words, with a warning that says how to show it (--strict: an
    error)."""
    url = "http://journals.openedition.org/docannexe/image/9683/img-1.png"
    project = edition(tmp_path, f'<text><body><p>Uno.</p><figure><graphic url="{url}"/><head>Figure 1</head>'
                                f'<figDesc>A map of the valley</figDesc></figure><p>Due <graphic url="{url}"/>.</p>'
                                '</body></text>')
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 0
    error = capsys.readouterr().err
    assert f'doc.xml:2: warning: graphic url="{url}" is an image on another host: the page links to it' in error \
        and "(images/img-1.png)" in error and "http(s) address" not in error, error
    page = parse_html(project / "build" / "en" / "doc" / "index.html")
    assert [(a.get("href"), a.text) for a in page.xpath("//figure/p[@class='graphic-elsewhere']/a")] == \
        [(url, "A map of the valley")]
    assert page.xpath("//p//a[@class='graphic-elsewhere']/@href") == [url] and not page.xpath("//main//img")
    assert main(["build", "--strict", "--edition", str(project / "edition"), "--out", str(project / "b2")]) == 1


def test_a_root_without_a_language_is_told_at_the_line_where_it_begins(tmp_path: Path, capsys):
    """OpenEdition's `<TEI` start tag, its namespaces one a line: "no xml:lang" was told at its last line."""
    project = edition(tmp_path, '<text><body><p>Un.</p></body></text>')
    tei = project / "edition" / "doc.xml"
    tei.write_text(tei.read_text(encoding="utf-8").replace(' xml:lang="it">', '\n  xmlns:xlink="http://www.w3.org/'
                                                           '1999/xlink"\n  rend="x">', 1), encoding="utf-8")
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 1
    assert "doc.xml:2: the TEI root has no xml:lang" in capsys.readouterr().err


def test_ids_keep_the_addresses_an_articles_abstracts_have(tmp_path: Path):
    """After `tei-edition ids`, the abstracts' anchors changed from #abstract-fr, #abstract-en to #div1, #div2:
    an address a reader may have cited before the ids were written."""
    text = ('<text><front><div type="abstract" xml:lang="fr"><p>R\u00e9sum\u00e9.</p></div><div type="abstract" '
            'xml:lang="en"><p>Abstract.</p></div></front><body><div><head>Un</head><p>Texte.</p></div></body></text>')
    project = edition(tmp_path, text, lang="fr")
    sections = "//section[@class='abstract']"
    before = {section.get("id") for section in _page(build(project, strict=False)).xpath(sections)}
    assert main(["ids", "--edition", str(project / "edition")]) == 0
    tei = (project / "edition" / "doc.xml").read_text(encoding="utf-8")
    assert '<div xml:id="abstract-fr" type="abstract"' in tei and '<div xml:id="div1"><head>Un' in tei, tei
    after = {section.get("id") for section in _page(build(project)).xpath(sections)}
    assert before == after == {"abstract-fr", "abstract-en"}


def test_a_publishers_doi_and_keywords_are_shown_about_the_document(tmp_path: Path):
    """The OpenEdition article's DOI (`publicationStmt/idno type="doi"`), its eISSN and both keyword
    lists appeared nowhere."""
    page = _about(tmp_path, "fr", publication='<publisher>OpenEdition</publisher><idno type="doi">10.4000/ejrieps.9683'
                  '</idno><idno type="eISSN">2272-4192</idno><idno type="url">https://journals.openedition.org/ejrieps/'
                  '9683</idno>', source="<p>Born digital.</p>",
                  profile='<textClass><keywords xml:lang="fr"><term>sport</term><term>\u00e9ducation</term></keywords>'
                          '<keywords xml:lang="en"><list><item>sport</item><item>education</item></list></keywords>'
                          '</textClass>')  # (OpenEdition's keywords are a list)
    identifiers = page.xpath("//dt[.='Identifiers']/following-sibling::dd[position() <= 3]")
    assert [(dd.text_content(), dd.xpath("string(a/@href)")) for dd in identifiers] == [
        ("doi 10.4000/ejrieps.9683", "https://doi.org/10.4000/ejrieps.9683"), ("eISSN 2272-4192", ""),
        ("url https://journals.openedition.org/ejrieps/9683", "https://journals.openedition.org/ejrieps/9683")]
    keywords = page.xpath("//dt[.='Keywords']/following-sibling::dd[position() <= 2]")
    assert [(dd.text_content(), dd.get("lang")) for dd in keywords] == [
        ("sport, \u00e9ducation", "fr"), ("sport, education", None)]


def test_tei_markup_in_an_example_is_told_to_be_written_in_the_examples_namespace(tmp_path: Path, capsys):
    """TEI by Example's `<eg:egXML>Repugnancy <del>...</del></eg:egXML>`: the example itself was blamed
    ("of another vocabulary"); the fault is the TEI-namespace <del> inside it."""
    project = edition(tmp_path, '<text><body><p>x</p><eg:egXML xmlns:eg="http://www.tei-c.org/ns/Examples">'
                                'Repugnancy <del>a</del></eg:egXML></body></text>', lang="en")
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 1
    error = capsys.readouterr().err
    assert "doc.xml:2: not valid TEI P5: <del> (once) inside an example (egXML) is of TEI's own namespace: an " \
           "example's markup is in the namespace of TEI's examples; declare it on the egXML, " \
           'xmlns="http://www.tei-c.org/ns/Examples"' in error, error
    assert "extra content" not in error
    assert "another vocabulary" not in error


def test_a_source_description_links_to_the_copy_it_names(tmp_path: Path):
    """Rivarol's source, `<bibl>... <ref target="http://gallica.bnf.fr/...">Gallica</ref></bibl>`, lost its link."""
    page = _about(tmp_path, "fr", publication="<p>OBVIL</p>", source='<bibl>Rivarol, <title>\u0152uvres</title>, 1808, '
                  '<ref target="http://gallica.bnf.fr/ark:/12148/bpt6k5403s">Gallica</ref>.</bibl>')
    source = page.xpath("//dt[.='Source']/following-sibling::dd[1]")[0]
    assert source.xpath("a/@href") == ["http://gallica.bnf.fr/ark:/12148/bpt6k5403s"]
    assert " ".join(source.text_content().split()) == "Rivarol, \u0152uvres, 1808, Gallica."


def test_a_statement_of_rights_and_a_licence_are_two_values(tmp_path: Path):
    """The essay's availability, two paragraphs, was shown as one run of text."""
    page = _about(tmp_path, "fr", publication='<publisher>OBVIL</publisher><availability><p>Domaine public.</p>'
                  '<licence target="https://example.org/lo">Licence ouverte.</licence></availability>',
                  source="<p>Imprim\u00e9.</p>")
    values = page.xpath("//dt[.='Availability']/following-sibling::dd[position() <= 2]")
    assert [dd.text_content() for dd in values] == ["Domaine public.", "Licence ouverte."]


def test_an_image_outside_a_figure_is_shown_where_it_stands(tmp_path: Path):
    """`<p>Inline <graphic url="images/img-1.png"/> and more.</p>` read "Inline and more.": the image was
    neither copied nor shown, without a word; inside a link, the link was left empty."""
    project = edition(tmp_path, '<text><body><p xml:id="p1">Inline <graphic url="images/icon.png"><desc>An icon'
                                '</desc></graphic> and <ref target="https://example.org/"><graphic url="images/'
                                'icon.png"/></ref>.</p></body></text>', lang="en")
    (project / "edition" / "images").mkdir()
    (project / "edition" / "images" / "icon.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    site = build(project)
    images = _page(site).xpath("//p[@id='p1']//img[@class='graphic']")
    assert [(img.get("src"), img.get("alt")) for img in images] == [
        ("../../media/images/icon.png", "An icon"), ("../../media/images/icon.png", "")]
    assert images[1].getparent().tag == "a" and (site / "media" / "images" / "icon.png").is_file()


def test_ids_keep_the_addresses_a_born_digital_documents_notes_have(tmp_path: Path):
    """After `tei-edition ids`, an article's notes #note-1, #note-2 became #n1, #n2 (and after its
    front's publisher's note, #n3 ...): addresses a reader may have cited."""
    text = ('<text><front><note type="publisher"><p>Note.</p></note></front><body><p>Un<note place="foot">A.'
            '</note> deux<note place="foot">B.</note>.</p></body></text>')
    project = edition(tmp_path, text, lang="fr")
    before = _page(build(project)).xpath("//li[contains(@class, 'note')]/@id")
    assert main(["ids", "--edition", str(project / "edition")]) == 0
    after = _page(build(project)).xpath("//li[contains(@class, 'note')]/@id")
    assert before == after == ["note-1", "note-2"]
    assert 'xml:id="note-1"' in (project / "edition" / "doc.xml").read_text(encoding="utf-8")


def test_a_bodys_own_heading_an_untitled_acknowledgement_and_nothing_empty_between_blocks(tmp_path: Path):
    """A `head` of the body (not of a division) was a span in a box; a division of acknowledgements
    without a heading had none; a milestone, a column break or a running head between blocks left an
    empty box each."""
    text = ('<text><body><head>The essay <hi rend="italic">itself</hi></head><p>One.</p><milestone unit="section"/>'
            '<cb n="2"/><p>Two.</p><fw type="header">Header</fw><l>A line</l>'
            '<div type="acknowledgements"><p>Thanks.</p></div></body></text>')
    page = _page(build(edition(tmp_path, text, lang="en")))
    body = page.xpath("//div[@class='doc-body']")[0]
    assert body.xpath("h2[@class='body-head'][.='The essay itself']/i")
    assert body.xpath("section[@class='division level-1']/h2[.='Acknowledgements']")
    assert not body.xpath(".//div[@class='tei-block'][not(node())]") and body.xpath(".//div[contains(@class, "
                                                                                      "'tei-block')][.='A line']")


def _figures_page(tmp_path: Path, second_head: str):
    images = Path(__file__).parent / "roots" / "article" / "edition" / "images"
    text = ('<text><body><p xml:id="p1">As <ptr target="#fig1"/> shows, and <ref target="#fig2">this</ref>.</p>'
            '<figure xml:id="fig1"><graphic url="images/map.png"/><head>A map of the roads</head></figure>'
            '<figure xml:id="fig0"><graphic url="images/map.png"/><figDesc>An ornament</figDesc></figure>'
            f'<figure xml:id="fig2"><head>{second_head}</head><figure xml:id="fig2a"><graphic url="images/map.png"/>'
            '<head>A detail</head></figure></figure></body></text>')
    project = edition(tmp_path, text, lang="it")
    shutil.copytree(images, project / "edition" / "images")
    return _page(build(project))


def test_captioned_figures_are_numbered_and_a_pointer_to_one_names_its_number(tmp_path: Path):
    """A jTEI article's `<ptr target="#fig1"/>` printed the figure's caption, and its figures had no
    numbers; an article whose captions number their figures themselves ("Figure 2: …") keeps them."""
    page = _figures_page(tmp_path, "Another map")
    labels = page.xpath("//figure/figcaption/span[@class='figure-label']")
    assert [(label.getparent().getparent().get("id"), label.text, label.get("lang")) for label in labels] == [
        ("fig1", "Figure 1.", "en"), ("fig2", "Figure 2.", "en")]  # (not the ornament, nor a part of a figure)
    assert page.xpath("//p[@id='p1']/a[@class='ptr'][@href='#fig1']/text()") == ["Figure 1"]
    page = _figures_page(tmp_path / "own", "Fig. 2: Another map")
    assert not page.xpath("//span[@class='figure-label']")
    assert page.xpath("//p[@id='p1']/a[@class='ptr']/text()") == ["A map of the roads"]


def test_an_author_written_with_dates_or_a_gloss_is_cited_without_a_crash(tmp_path: Path):
    """ELTeC's `<author>Adamec, Antonín (1853-1913)</author>` stopped the build (KeyError 'given'): a
    name with a parenthesis was kept whole, which the page's reference-manager metadata could not invert."""
    for number, (author, cited) in enumerate((("Adamec, Antonín (1853-1913)", "Adamec, Antonín"),
                                              ("Anonymus (Ps.-Basilius)", "Anonymus (Ps.-Basilius)"))):
        header = (f"<teiHeader><fileDesc><titleStmt><title>Jakub</title><author>{author}</author></titleStmt>"
                  "<publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Print.</p></sourceDesc>"
                  "</fileDesc></teiHeader>")
        page = _page(build(edition(tmp_path / str(number), "<text><body><p>Jeden.</p></body></text>", lang="cs",
                                   header=header)))
        assert page.xpath("//meta[@name='citation_author']/@content") == [cited]
        assert page.xpath("string(//p[@class='cite-as'])").startswith(f"How to cite: {cited}. Jakub.")


PANDOC_HEADER = ('<teiHeader><fileDesc><titleStmt><title>Margins</title><author>Clara V.</author></titleStmt>'
                 '<publicationStmt><publisher>C. V.</publisher><date>2025-03-14</date></publicationStmt>'
                 '<sourceDesc><p>Produced by pandoc.</p></sourceDesc></fileDesc></teiHeader>')
PANDOC_TEXT = ('<text><body><div type="level1" xml:id="d1"><head>Verse</head><p>There were three ravens,<lb/>'
               'Downe a downe,<lb/>With a downe.</p><list type="ordered:loweralpha"><item>one</item><item>two</item>'
               '</list><p>A <seg type="code">note</seg> element:</p><ab type="codeblock">&lt;note&gt;\n  O reads'
               '\n&lt;/note&gt;</ab></div></body></text>')


def test_what_pandoc_writes_for_markdown_or_word_is_read_as_its_author_wrote_it(tmp_path: Path):
    """An essay written in Markdown (or Word) and converted by pandoc: a line block's lines (`lb`) ran
    together, a numbered list (`type="ordered:loweralpha"`) had bullets, a code block (`ab
    type="codeblock"`) and inline code (`seg type="code"`) were running serif text."""
    page = parse_html(build(edition(tmp_path, PANDOC_TEXT, lang="en", header=PANDOC_HEADER)) / "en" / "doc"
                      / "index.html")
    verse = page.xpath("//p[contains(., 'ravens')]")[0]
    assert len(verse.xpath(".//br")) == 2
    assert page.xpath("//ol[contains(@class, 'list')]/@type") == ["a"]
    assert page.xpath("//pre/code/text()") == ["<note>\n  O reads\n</note>"]
    assert page.xpath("//p[contains(., 'element:')]/code/text()") == ["note"]


def test_a_transcriptions_line_end_in_prose_stays_a_space(tmp_path: Path):
    """The same `lb` in a document no word processor made (a print's, a manuscript's line end)."""
    page = parse_html(build(edition(tmp_path, PANDOC_TEXT, lang="en", header=PANDOC_HEADER.replace(
        "Produced by pandoc.", "A manuscript."))) / "en" / "doc" / "index.html")
    assert not page.xpath("//p[contains(., 'ravens')]//br")
    assert "ravens, Downe a downe, With" in " ".join(page.xpath("string(//p[contains(., 'ravens')])").split())


def test_pandocs_faults_are_said_as_what_to_write(tmp_path: Path, capsys):
    """pandoc's `type="codeblock xml"` was "no attribute type in TEI, or not with this value" (ab has
    a type); a `signed` in a paragraph (a Schnitzler letter's) was said with a false second fault,
    "<p> holds <rs>, which TEI does not allow there"."""
    project = edition(tmp_path, '<text><body><div><ab type="codeblock xml">a = 1</ab><p>Sieg f\u00fcr <rs>Arthur'
                                '</rs>. <signed>(K.K.)</signed></p></div></body></text>', lang="de")
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 1
    err = capsys.readouterr().err
    assert 'its value "codeblock xml" holds a space, and this attribute takes one word' in err
    assert "<signed> is not allowed here" in err and "holds <rs>" not in err
    # pandoc's bare publication date: what TEI wants before it
    project = edition(tmp_path / "date", "<text><body><p>x</p></body></text>", lang="en", header=PANDOC_HEADER.replace(
        "<publisher>C. V.</publisher>", ""))
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 1
    assert "<date> is not allowed here (the schema: Did not expect element date there); a publicationStmt names who " \
           "published it (publisher, distributor or authority) before its date" in capsys.readouterr().err
    # DocSouth's place of publication before its publisher
    project = edition(tmp_path / "place", "<text><body><p>x</p></body></text>", lang="en", header=PANDOC_HEADER.replace(
        "<publisher>C. V.</publisher>", "<pubPlace>London:</pubPlace><publisher>C. V.</publisher>"))
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 1
    assert "<pubPlace> is not allowed here (the schema: Did not expect element pubPlace there); a publicationStmt " \
           "names who published it (publisher, distributor or authority) before its pubPlace, or says it all in a " \
           "<p> (move it after the <publisher>)" in capsys.readouterr().err


def test_a_figure_wrapped_in_a_paragraph_is_the_figure(tmp_path: Path):
    """pandoc (and OpenEdition) wrap each figure in a `p`: it stood inside a numbered paragraph, its
    caption run on beside the image, with a Cite box of a paragraph. It is the figure, with its
    caption under it; the paragraph's id stays a target; the paragraphs around keep ¶ 1, ¶ 2, and
    `ids` names the wrapper as no numbered paragraph."""
    project = edition(tmp_path, '<text><body><p>One.</p><p xml:id="wrap"><figure><head>A ledger.</head><figDesc>A '
                                'page.</figDesc></figure></p><p>Two, <figure><head>small</head></figure> here.</p>'
                                '<p><figure><head>Last.</head></figure></p><p><figure><head>Then</head></figure> '
                                'words.</p></body></text>', lang="en")
    assert main(["ids", "--edition", str(project / "edition")]) == 0
    text = (project / "edition" / "doc.xml").read_text(encoding="utf-8")
    assert '<p xml:id="p1">One.</p>' in text and '<p xml:id="p2">Two,' in text and '<p xml:id="para' in text
    page = parse_html(build(project) / "en" / "doc" / "index.html")
    body = page.xpath("//div[@class='doc-body']")[0]
    assert [b.get("data-number") for b in body.xpath(".//a[@class='para-number']")] == ["1", "2", "3"]
    assert body.xpath(".//*[@id='wrap']/following-sibling::figure[1]/figcaption[contains(., 'A ledger.')]")
    assert not body.xpath(".//p//figure") and body.xpath(".//p[@id='p2']/span[@class='figure']")
    assert len(body.xpath("./div[@class='tei-block']/figure")) == 2


def original_tei(tmp_path: Path, text: str) -> str:
    """The TEI file `edition` writes for `text` (the helper's header and root), without ids."""
    return (edition(tmp_path / "plain", text, lang="fr") / "edition" / "doc.xml").read_text(encoding="utf-8")


def test_a_publishers_figure_title_is_no_paragraph_of_the_text(tmp_path: Path):
    """OpenEdition's `p rend="figure-title"` before each figure (and its legend after) were numbered as
    paragraphs of the text: every later paragraph's number, and its id from `ids`, was one more than
    the publisher's own pages give it. A translation's paragraphs are numbered as the original's, past
    a paragraph that only wraps a figure (pandoc's) too."""
    original = ('<text><body><p>Un.</p><p rend="figure-title">Figure 1 : la piscine</p><p><figure><graphic '
                'url="images/a.png"/></figure></p><p rend="figure-legend">Source : auteurs</p><p>Deux.</p>'
                '</body></text>')
    project = edition(tmp_path, original, lang="fr")
    (project / "edition" / "images").mkdir()
    shutil.copy(Path(__file__).parent / "roots" / "article" / "edition" / "images" / "map.png",
                project / "edition" / "images" / "a.png")
    assert main(["ids", "--edition", str(project / "edition")]) == 0
    tei = (project / "edition" / "doc.xml").read_text(encoding="utf-8")
    assert '<p xml:id="p1">Un.' in tei and '<p xml:id="p2">Deux.' in tei, tei
    assert 'xml:id="para1" rend="figure-title"' in tei and 'rend="figure-legend"' in tei and "p3" not in tei
    english = re.sub(r' xml:id="[^"]*"', "", original_tei(tmp_path, original)).replace("Un.", "One.")
    (project / "edition" / "doc.en.xml").write_text(english.replace("Deux.", "Two.").replace(
        'xml:lang="fr"', 'xml:lang="en"'), encoding="utf-8")
    config = project / "edition" / "edition.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "    translations: {en: doc.en.xml}\n", encoding="utf-8")
    assert main(["ids", "--edition", str(project / "edition")]) == 0  # (the translation's, by the original's)
    site = build(project)  # (--strict: the figure has its title, before it, though no figDesc or head)
    for lang in ("fr", "en"):
        page = parse_html(site / lang / "doc" / "index.html")
        numbers = {p.get("id"): p.xpath("string(a[@class='para-number']/@data-number)")
                   for p in page.xpath("//p[@class='para']")}
        assert numbers == {"p1": "1", "p2": "2"}, (lang, numbers)
        assert page.xpath("//p[contains(@class, 'figure-title')][not(a[@class='para-number'])]"), lang
