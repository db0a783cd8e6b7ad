"""Documents written elsewhere, in other scripts: what a newcomer met publishing a CBETA sutra
(classical Chinese), an Aramaic papyrus with its English translation (right to left) and a Menota
manuscript transcription (Old Norse), each on a tiny edition built in tmp_path, read with XPath."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import parse_html
from test_elsewhere import HEADER, build, edition

from tei_edition.cli import main

CHAR_DECL = ('<encodingDesc><charDecl><char xml:id="CB00762"><charName>CBETA CHARACTER CB00762</charName>'
             '<mapping type="unicode">U+3592</mapping></char><glyph xml:id="r-rot"><glyphName>LATIN SMALL LETTER R '
             'ROTUNDA</glyphName><mapping type="standard">\ua75b</mapping></glyph><char xml:id="sign"><charName>'
             'sign of the cross</charName></char></charDecl></encodingDesc>')


def _page(site: Path):
    return parse_html(site / "en" / "doc" / "index.html")


def _text(page, xpath: str = "//div[@class='doc-body']") -> str:
    return page.xpath(f"string({xpath})").strip()


def test_every_character_of_a_chinese_text_reaches_its_page_and_no_space_comes_between_its_letters(tmp_path: Path):
    """CBETA's four ideographic spaces were one ASCII space (and a no-break space a space); a line end
    given twice (the edition's and a reprint's, `<lb ed="X"/><lb ed="R150"/>`) or after a page's start
    put a space inside a word; an empty `g` whose character the header declares showed nothing."""
    text = ('<text><body><p xml:id="p1">\u660e\u6cbb\u8f9b\u4ea5\u3000\u3000\u3000\u3000\u677e\u672c \u4e0b'
            '<lb ed="X"/><lb ed="R150"/>\u5377\u4e00 \u5341\u56db<pb n="2"/><lb/>\u5e74\u8a16\n silver\u00a0(to)</p>'
            '<p xml:id="p2">\u7d93\u524d<g ref="#CB00762"/>\u553e <g ref="#r-rot"/> <g ref="#sign"/></p>'
            '</body></text>')
    site = build(edition(tmp_path, text, lang="zh", header=HEADER.replace("</fileDesc>", "</fileDesc>" + CHAR_DECL)))
    page = _page(site)
    first = _text(page, "//p[@id='p1']")
    assert "\u4ea5\u3000\u3000\u3000\u3000\u677e" in first and "silver\u00a0(to)" in first, first
    assert "\u4e0b\u5377\u4e00" in first and "\u5341\u56db\u5e74\u8a16" in first.replace(" ", "") \
        and "\u56db \u5e74" not in first, first
    glyphs = page.xpath("//p[@id='p2']/span[contains(@class, 'g')]")
    assert [(g.text, g.get("title")) for g in glyphs] == [
        ("\u3592", "CBETA CHARACTER CB00762"), ("\ua75b", "LATIN SMALL LETTER R ROTUNDA"),
        ("[sign of the cross]", "sign of the cross")]


def test_an_empty_glyph_that_says_nothing_is_marked_and_reported(tmp_path: Path, capsys):
    site = build(edition(tmp_path, '<text><body><p>Uno <g/> due</p></body></text>'), strict=False)
    assert _text(_page(site), "//span[contains(@class, 'g')]") == "[?]"
    assert "doc.xml:2: warning: <g ref=\"\"> shows nothing: declare its character" in capsys.readouterr().err


def test_a_line_end_inside_a_word_and_the_layout_between_alternatives_are_no_space(tmp_path: Path):
    """Menota's `<w>henge vigsko<lb/>rd</w>` read "vigsko rd"; a `choice` or a `mod` written over
    several lines inside a word split it (a sic and its correction in a Hebrew word, a subst)."""
    text = ('<text><body><p xml:id="p1"><w>vigsko<lb/>r\u00f0um</w> \u05d1\u05e2<choice>\n  <sic>\u05d5</sic>\n'
            '  <corr>\u05d3</corr>\n</choice>\u05d4 \u05e9\u05dc\u05d9\u05d8<mod type="subst">\n  <del>\u05d1\u05e4'
            '</del>\n  <add>\u05d4</add>\n</mod> z<subst>\n  <del>c</del>\n  <add>d</add>\n</subst>w</p></body></text>')
    page = _page(build(edition(tmp_path, text, lang="non")))
    words = _text(page, "//p[@id='p1']").split()
    assert words[0] == "vigskor\u00f0um", words
    assert words[1].startswith("\u05d1\u05e2\u05d5") and words[1].endswith("\u05d4"), words  # one word
    assert words[2:] == ["\u05e9\u05dc\u05d9\u05d8\u05d1\u05e4\u05d4", "zcdw"], words


def test_an_apparatus_written_apart_is_read_after_its_words(tmp_path: Path):
    """CBETA's `app from="#beg" to="#end"` in the back came out as one run-on paragraph, with no mark
    at its words; its witnesses showed their ids ("wit1") for their sigla; an omission written as an
    empty `space` was a blank; the lemma's sigla closed a bracket that never opened ("[A] B ...]")."""
    header = HEADER.replace("<p>Manuscript.</p>", '<listWit><witness xml:id="wit1">\u3010\u5b8b\u3011</witness>'
                                                  '<witness xml:id="wit2">\u3010\u5143\u3011</witness></listWit>')
    text = ('<text><body><p xml:id="p1">\u5929<anchor xml:id="beg1"/>\u8fa8<anchor xml:id="end1"/>\u5730 \u4e59'
            '<app><lem wit="#wit1">\u4e19</lem><rdg wit="#wit2"><space quantity="0"/></rdg></app></p></body>'
            '<back><div><listApp><app from="#beg1" to="#end1"><lem wit="#wit1">\u8fa8</lem><rdg wit="#wit2">'
            '\u8faf</rdg></app></listApp></div></back></text>')
    page = _page(build(edition(tmp_path, text, lang="zh", header=header)))
    apart, inline = page.xpath("//p[@id='p1']/span[@class='app']")
    assert _text(page, "//p[@id='p1']").startswith("\u5929\u8fa8 [\u3010\u5b8b\u3011; \u3010\u5143\u3011 \u8faf]"
                                                   "\u5730"), _text(page, "//p[@id='p1']")
    assert not apart.xpath("span[@class='lem']")  # (its lemma is the text before it)
    assert " ".join(inline.text_content().split()) == "\u4e19 [\u3010\u5b8b\u3011; \u3010\u5143\u3011 om.]"
    assert [a.get("title") for a in inline.xpath(".//abbr")] == ["\u3010\u5b8b\u3011", "\u3010\u5143\u3011"]


def test_a_note_written_in_the_line_stays_in_the_line(tmp_path: Path):
    """CBETA's small characters between a sutra's words (`note place="inline"`) were a numbered
    footnote in the margin, and the print view left them out."""
    site = build(edition(tmp_path, '<text><body><pb n="1"/><p xml:id="p1"><lb/>\u95ac\u5df7<note place="inline" '
                                   'xml:id="k1">\u4e00\u884c</note>\u5167<lb/>\u674e</p></body></text>', lang="zh"))
    page = _page(site)
    assert page.xpath("//p[@id='p1']/small[@class='note-inline'][@id='k1'][.='\u4e00\u884c']")
    assert not page.xpath("//li[contains(@class, 'note')]") and not page.xpath("//a[@class='noteref']")
    print_view = parse_html(site / "en" / "doc" / "print" / "index.html")
    lines = [li.xpath("string(span[@class='line-text'])").strip()
             for li in print_view.xpath("//li[contains(@class, 'print-line')]")]
    assert lines == ["\u95ac\u5df7\u4e00\u884c\u5167", "\u674e"], lines


def test_words_of_another_direction_in_a_right_to_left_text(tmp_path: Path):
    """In an Aramaic papyrus, the editors' English note ran right to left (".”ד“ :The editors'
    correction"), an English note too; a hand named in another file showed its raw pointer; a line
    after the page's start began with an empty line."""
    text = ('<text><body><ab xml:id="ab1"><pb n="R"/><lb n="1"/>\u05d1\u05e2<choice><sic>\u05d5</sic><corr>'
            '\u05d3</corr></choice>\u05d4 \u05e9\u05dc\u05d9\u05d8<handShift new="persons.xml#p20180"/> '
            '\u05de\u05d7\u05e8<note xml:lang="en" xml:id="n1">Endorsement at bottom of verso.</note>'
            '<lb n="2"/>\u05d5\u05d9\u05d0\u05de\u05e8<note xml:id="n2">A rather long English note, longer than '
            'the text it annotates, whose letters outweighed the Aramaic ones.</note></ab></body></text>')
    page = _page(build(edition(tmp_path, text, lang="arc")))
    assert page.xpath("//div[@class='doc-body']/@dir") == ["rtl"]  # (its notes do not count)
    assert page.xpath("//li[@id='n2']/span[@class='note-text']/@dir") == ["ltr"]  # (English without xml:lang)
    editorial = page.xpath("//li[contains(@class, 'note-editorial')]/span[@class='note-text']")[0]
    assert (editorial.get("lang"), editorial.get("dir")) == ("en", "auto")
    own = page.xpath("//li[@id='n1']/span[@class='note-text']")[0]
    assert (own.get("lang"), own.get("dir")) == ("en", "auto")
    assert _text(page, "//span[@class='handshift']") == "[another hand]"
    line = page.xpath("//*[@id='ab1']")[0]
    assert line.xpath("count(.//br)") == 1  # between its two lines, not before the first


@pytest.mark.parametrize("root_lang", ["arc", None])
def test_a_language_tag_that_is_none_is_said_once_as_what_it_should_be(tmp_path: Path, capsys, root_lang):
    """The papyrus's `xml:lang="Armi arc"` (a script and a language) was first "<ab> has no attribute lang
    in TEI, or not with this value" (the attribute is xml:lang; the value no language tag); where the
    root had no xml:lang either, that stood beside the root's fault."""
    project = edition(tmp_path, '<text><body><ab xml:lang="Armi arc">x</ab></body></text>', lang="arc")
    if root_lang is None:
        tei = project / "edition" / "doc.xml"
        tei.write_text(tei.read_text(encoding="utf-8").replace(' xml:lang="arc"', "", 1), encoding="utf-8")
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 1
    in_process = capsys.readouterr().err
    # (on the command line, the schema's verdict comes from the helper process: the same message)
    command = subprocess.run([sys.executable, "-m", "tei_edition", "build", "--edition", str(project / "edition"),
                              "--out", str(project / "build")], capture_output=True, text=True)
    for error in (in_process, command.stderr):
        assert "doc.xml:2: xml:lang: 'Armi arc' is not a language tag (BCP 47" in error
        assert "Invalid attribute lang" not in error, error
        assert ("the TEI root has no xml:lang" in error) == (root_lang is None)


def test_a_doctype_and_a_stylesheet_instruction_are_refused_in_one_round(tmp_path: Path, capsys):
    """The papyrus's DOCTYPE, then (in the next run) its xml-stylesheet instruction: one build each."""
    project = edition(tmp_path, '<text><body><p>x</p></body></text>')
    tei = project / "edition" / "doc.xml"
    tei.write_text(tei.read_text(encoding="utf-8").replace(
        "<TEI ", '<?xml-stylesheet type="text/xsl" href="https://example.org/tei.xsl"?>\n<!DOCTYPE TEI [\n'
                 '<!ENTITY x "y">\n]>\n<TEI ', 1), encoding="utf-8")
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 1
    error = capsys.readouterr().err
    assert "doc.xml:2: an xml-stylesheet instruction is not allowed: a browser" in error, error
    assert "doc.xml:3: a DOCTYPE is not allowed" in error, error


def test_a_note_without_an_id_its_translation_leaves_out_is_the_originals_only(tmp_path: Path):
    """The papyrus's notes have no ids, its translation none of them: the build failed at its built page
    ("anchor #note-1 (p. V, l. 1, note) is not on the page"), with no line of the TEI and nothing to fix;
    a note in the line is no numbered note (it took the number of the next)."""
    text = ('<text><body><ab xml:id="ab1"><pb n="R"/><lb n="1"/>\u05d1\u05e2\u05d4<note place="inline">\u05d0'
            '</note> <note>Verso.</note></ab></body></text>')
    translation = ('<text><body><ab xml:id="ab1" corresp="doc.xml#ab1"><pb n="R"/><lb n="1"/>Her husband</ab>'
                   '</body></text>')
    site = build(edition(tmp_path, text, lang="arc", translation=translation))
    original = parse_html(site / "arc" / "doc" / "index.html")
    assert original.xpath("//li[@id='note-1']") and original.xpath("//a[@id='nref-1']")
    assert not _page(site).xpath("//*[@id='note-1']")


def test_the_only_pagination_a_document_names_is_its_own_and_another_editions_lines_are_not_its(tmp_path: Path):
    """Menota writes `ed="ms"` on every page break, CBETA `ed="X"` (with a reprint's line ends, `lb
    ed="R150"`): their only pagination was taken for another edition's ("Page ms-1r", no print view),
    and the reprint's line ends were counted as lines of the print (a paragraph "on line 30" of 17)."""
    text = ('<text><body><pb ed="X" n="0001a"/><p xml:id="p1"><lb ed="X"/><lb ed="R150"/>\u5929\u5730 <lb ed="X"/>'
            '<lb ed="R150"/>\u7384\u9ec3 <lb ed="X"/>\u5b87\u5b99</p><pb ed="X" n="0001b"/><p xml:id="p2"><lb ed="X"/>'
            '\u6d2a\u8352</p></body></text>')
    site = build(edition(tmp_path, text, lang="zh"))
    markers = _page(site).xpath("//a[contains(@class, 'pagebreak')]")
    assert [(a.get("id"), a.get("aria-label")) for a in markers] == [("page-0001a", "Page 0001a"),
                                                                       ("page-0001b", "Page 0001b")]
    print_view = parse_html(site / "en" / "doc" / "print" / "index.html")
    lines = [" ".join(li.xpath("string(span[@class='line-text'])").split())
             for li in print_view.xpath("//li[contains(@class, 'print-line')]")]
    assert lines == ["\u5929\u5730", "\u7384\u9ec3", "\u5b87\u5b99", "\u6d2a\u8352"], lines


def test_a_translation_keeps_the_originals_pointers_to_other_files(tmp_path: Path, capsys):
    """The papyrus's header points to its bibliography (`<bibl corresp="literature.tei.xml#4YJ2">`);
    the translation, its header copied, was refused: "points to nothing in" the original. A pointer
    into the original to an id it lacks is still one."""
    header = HEADER.replace("<p>Manuscript.</p>", '<bibl corresp="literature.tei.xml#4YJ2JLJ9">Porten</bibl>')
    text = '<text><body><p xml:id="p1">\u05d1\u05e2\u05d4</p></body></text>'
    translation = '<text><body><p xml:id="p1" corresp="doc.xml#p1">Her husband</p></body></text>'
    project = edition(tmp_path, text, lang="arc", translation=translation, header=header)
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 0
    tei = project / "edition" / "doc.en.xml"
    tei.write_text(tei.read_text(encoding="utf-8").replace('corresp="doc.xml#p1"', 'corresp="doc.xml#p9"'),
                   encoding="utf-8")
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 1
    assert 'corresp="doc.xml#p9" points to nothing in doc.xml' in capsys.readouterr().err


def test_a_papyrus_numbers_every_fifth_line_without_putting_numbers_in_its_text(tmp_path: Path):
    """A papyrus's lines (`ab` with `lb n`) lost their numbers: every fifth is shown at its line's
    start (and one that is no plain number), drawn by the style sheet from an attribute, so that the
    text a reader copies or searches holds no number."""
    lines = "".join(f'<lb n="{n}"/>line {word} ' for n, word in
                    zip(["1", "2", "3", "4", "5", "6", "7a", "8", "9", "10"], "abcdefghij", strict=True))
    text = f'<text><body><div type="edition"><ab xml:id="ab1">{lines}</ab></div></body></text>'
    site = build(edition(tmp_path, text, lang="arc"))
    page = parse_html(site / "en" / "doc" / "index.html")
    numbers = page.xpath("//span[@class='ab']//span[@class='line-n']")
    assert [n.get("data-n") for n in numbers] == ["5", "7a", "10"] and not any(n.text for n in numbers)
    assert [n.getprevious().tag for n in numbers] == ["br"] * 3 and numbers[0].tail == "line e "
    assert not any(c.isdigit() for c in page.xpath("string(//span[@class='ab'])"))  # (nothing to copy or find)
