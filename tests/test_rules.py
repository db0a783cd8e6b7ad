"""Each rendering rule on a TEI snippet: the HTML it writes, its text kept, nothing unescaped."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT
from lxml import etree

from tei_edition import apparatus
from tei_edition.config import load_config
from tei_edition.errors import EditionError
from tei_edition.inline import RULES, PageContext, Transformer
from tei_edition.rules import Rule, RuleTable, choice
from tei_edition.units import Note

TEI = "http://www.tei-c.org/ns/1.0"
STRINGS = load_config(ROOT / "edition").strings("en")


def page_transformer() -> Transformer:
    """A transformer that writes HTML for a page at the site root."""
    return Transformer(Path("snippet.xml"), {}, page=PageContext(STRINGS, root=""))


def render(snippet: str, parent: str = "p") -> str:
    """The HTML of the snippet's first element, rendered inside a TEI `parent`."""
    root = etree.fromstring(f'<{parent} xmlns="{TEI}">{snippet}</{parent}>')
    return str(page_transformer().inline_element(root[0]))


@pytest.mark.parametrize("snippet, html", [
    ('<hi rend="italic">a</hi>', '<i class="hi italic">a</i>'),
    ('<hi rend="bold smallcaps">a</hi>', '<b class="hi bold smallcaps">a</b>'),
    ('<hi rend="sup">2</hi>', '<sup class="hi sup">2</sup>'),
    # A hi that says nothing of how it looks is italic, as TEI Simple renders it (EEBO-TCP's: it was plain).
    ('<hi>a</hi>', '<i class="hi">a</i>'),
    # ... not one that says how it looks in a way not read here (a Word conversion's font size): plain.
    ('<hi style="font-size:9pt">144</hi>', '<span class="hi">144</span>'),
    ('<hi rend="fontFamily:Antiqua;">Lucubrationibus</hi>', '<span class="hi">Lucubrationibus</span>'),
    # A space the source leaves is shown as one (it was one space, as between any two words).
    ('<seg>a<space quantity="3" unit="chars"/>b</seg>',
     '<span class="seg">a <span class="space chars-3"></span> b</span>'),
    ('<seg>a<space unit="lines"/>b</seg>', '<span class="seg">a <span class="space lines"></span> b</span>'),
    # Each rendition a class the style sheet shows (a Word conversion's: only the italic showed).
    ('<hi rend="italic bold strikethrough underline">a</hi>',
     '<i class="hi italic bold strikethrough underline">a</i>'),
    # Transkribus's key:value pairs: what is true (it was "strikethrough-true fontsize-0-0 kerning-0").
    ('<hi rend="strikethrough:true; fontSize:0.0; kerning:0;">)(</hi>', '<s class="hi strikethrough">)(</s>'),
    ('<hi rendition="simple:smallcaps">a</hi>', '<span class="hi smallcaps">a</span>'),
    ('<hi rend="spaced-out">Arthur Schnitzler</hi>', '<span class="hi spaced-out">Arthur Schnitzler</span>'),
    ('<emph>a</emph>', '<em class="emph">a</em>'),
    ('<title level="m">Book</title>', '<cite class="title m">Book</cite>'),
    # An article's or a chapter's title: upright, in its language's marks (DHQ's rend="quotes"); none
    # added to marks the text types.
    ('<title level="a">Paper</title>', '<cite class="title-a quote-marks">Paper</cite>'),
    ('<title rend="quotes">Genres</title>', '<cite class="title-a quote-marks">Genres</cite>'),
    ('<title level="a" xml:lang="fr">«\u00a0Titre\u00a0»</title>',
     '<cite class="title-a" lang="fr">«\u00a0Titre\u00a0»</cite>'),
    ('<foreign xml:lang="la">via</foreign>', '<i class="foreign" lang="la">via</i>'),
    ('<ref target="https://example.org/?a=1&amp;b=2">x</ref>', '<a class="ref" href="https://example.org/?a=1&amp;b=2">x</a>'),
    ('<ref target="#s2">x</ref>', '<a class="ref" href="#s2">x</a>'),
    ('<ptr target="https://example.org/"/>', '<a class="ptr" href="https://example.org/">https://example.org/</a>'),
    ('<choice><orig>colr</orig><reg>color</reg></choice>',
     '<span class="choice"><span class="reg">color</span> <span class="choice-alternative orig">[colr]</span></span>'),
    ('<gap reason="illegible"/>', '<span class="gap" title="illegible">[…]</span>'),
    ('<del>x</del>', '<del class="del">x</del>'),
    ('<add>x</add>', '<ins class="add">x</ins>'),
    ('<unclear>x</unclear>', '<span class="unclear">x</span>'),
    ('<persName>Ann</persName>', '<span class="persname">Ann</span>'),
    ('<date when="1890-05-01">1 May</date>', '<time datetime="1890-05-01">1 May</time>'),
    ('<date>spring</date>', '<span class="date">spring</span>'),
    ('<lg><l>one</l><l>two</l></lg>', '<span class="lg"><span class="l">one</span><span class="l">two</span></span>'),
    # A play's lines: numbered by act, scene and line, every fifth shown; a line split between speakers.
    ('<lg><l n="1.1.4">a</l><l n="1.1.5" part="I">b</l></lg>',
     '<span class="lg"><span class="l">a</span><span class="l part-i" data-line="1.1.5">b</span></span>'),
    ('<l n="10a" part="f">c</l>', '<span class="l part-f" data-line="10a">c</span>'),
    ('<quote>short</quote>', '<q class="quote quote-marks">short</q>'),  # no marks typed: the browser's
    ('«<quote>typed</quote>»', '<q class="quote">typed</q>'),  # marks typed around it: none added
    ('<q>said</q>', '<q class="quote-marks">said</q>'),
    ('<said>Go</said>', '<q class="said quote-marks">Go</q>'),
    ('<said direct="false">that he would go</said>', '<span class="said indirect">that he would go</span>'),
    ('<genName>Jr.</genName>', '<span class="genname">Jr.</span>'),
    ('<code>&lt;p&gt;</code>', '<code>&lt;p&gt;</code>'),
    ('<fw type="header">Running head</fw>', ''),
    ('<milestone unit="section"/>', ''),
    ('<anchor xml:id="here"/>', '<span class="anchor" id="here"></span>'),
])
def test_inline_rules(snippet, html):
    assert render(snippet) == html


@pytest.mark.parametrize("snippet, parent, html", [
    ('<list><item>a</item><item>b</item></list>', "div",
     '<ul class="list"><li class="item">a</li><li class="item">b</li></ul>'),
    ('<list type="ordered"><item>a</item></list>', "div", '<ol class="list ordered"><li class="item">a</li></ol>'),
    ('<list><item>a</item></list>', "p", '<span class="list"><span class="item">a</span></span>'),
    ('<list type="gloss"><label>via</label><item>road</item></list>', "div",
     '<dl class="list gloss"><dt class="label">via</dt><dd class="item">road</dd></dl>'),
    ('<quote><p>long</p></quote>', "div", '<blockquote class="quote"><p class="p">long</p></blockquote>'),
    ('<closer><salute>Yours,</salute><signed>K.</signed></closer>', "div",
     '<div class="closer"><div class="salute">Yours,</div><div class="signed">K.</div></div>'),
    ('<address><addrLine>1 Road</addrLine><lb/><addrLine>Town</addrLine></address>', "div",
     '<span class="address"><span class="addrline">1 Road</span><br><span class="addrline">Town</span></span>'),
    ('<listBibl><bibl>One</bibl><bibl>Two</bibl></listBibl>', "div",
     '<ul class="list"><li>One</li><li>Two</li></ul>'),
    # No image to stand for: the description is the figure, shown (it was lost).
    ('<figure><head>Panel</head><figDesc>Three buttons.</figDesc></figure>', "div",
     '<figure class="figure"><p class="figdesc">Three buttons.</p><figcaption class="caption">'
     '<span class="head">Panel</span></figcaption></figure>'),
])
def test_block_rules(snippet, parent, html):
    assert render(snippet, parent) == html


def test_lb_in_prose_is_a_space_and_joins_a_broken_word():
    assert render('<seg>one<lb/>two wo<lb break="no"/>rd</seg>') == '<span class="seg">one two word</span>'


@pytest.mark.parametrize("snippet, html", [
    # A page that begins in mid-word is marked after the word (and its punctuation stays after it).
    ('<seg>Со\n<pb n="167" break="no"/>\n<lb break="no"/>ветский Союз</seg>', 'Советский{167} Союз'),
    ('<seg>торгово-эконо<pb n="9" break="no"/>мических, и</seg>', 'торгово-экономических{9}, и'),
    ('<seg>word <pb n="9"/>next</seg>', 'word {9}next'),
    ('<seg>end<pb n="9" break="no"/></seg>', 'end{9}'),
    ('<seg>be<pb n="9" break="no"/><hi>fore</hi></seg>', 'be{9}<i class="hi">fore</i>'),
])
def test_a_page_break_is_marked_at_the_end_of_the_word_it_falls_in(snippet, html):
    marker = re.compile(r'<a class="pagebreak" data-page="([0-9]+)" aria-label="Page \1" id="page-\1" '
                        r'href="#page-\1"></a>')
    rendered = render(snippet).removeprefix('<span class="seg">').removesuffix("</span>")
    assert marker.sub(lambda m: "{" + m.group(1) + "}", rendered) == html


def test_text_is_escaped():
    assert render('<emph>&lt;script&gt;alert(1)&lt;/script&gt; &amp; "q"</emph>') == \
        '<em class="emph">&lt;script&gt;alert(1)&lt;/script&gt; &amp; "q"</em>'


@pytest.mark.parametrize("target", ["javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "../x.html"])
def test_unsafe_link_targets_are_errors(target):
    with pytest.raises(EditionError, match="a link must be #id, http"):
        render(f'<ref target="{target}">x</ref>')


def test_an_element_without_a_rule_keeps_its_text_and_warns():
    # <stamp> (TEI's transcr module) is outside the ODD, which gives each of its elements a rule.
    root = etree.fromstring(f'<p xmlns="{TEI}"><stamp>Mitte</stamp></p>')
    assert str(page_transformer().inline_element(root[0])) == '<span class="tei-stamp">Mitte</span>'
    model_walk = Transformer(Path("snippet.xml"), {})  # the model's walk: it writes no HTML, it warns
    assert model_walk.inline_element(root[0]) == ""
    assert [w.message for w in model_walk.warnings] == [
        "warning: <stamp> has no rendering rule (valid TEI P5, outside tei-edition.odd): shown as its text, in "
        "order (this is its first place); to render it as you want, add it to the ODD with a rule (README, "
        "'Publishing your own TEI document')"]


def test_conditions_pick_the_first_rule_that_applies():
    translator = etree.fromstring(f'<p xmlns="{TEI}"><note type="translator">t</note></p>')[0]
    foot = etree.fromstring(f'<p xmlns="{TEI}"><note place="foot">f</note></p>')[0]
    assert RULES.find(translator).behaviour is Transformer.translator_note
    assert RULES.find(foot).behaviour is Transformer.note


def test_two_unconditional_rules_for_one_element_are_refused():
    with pytest.raises(ValueError, match="two unconditional rules for <hi>"):
        RuleTable((Rule("hi", lambda tx, e, out: None), Rule("hi", lambda tx, e, out: None)))


# --- misprints (apparatus.py): the text as printed, marked, and the editors' note -----------------

def render_with_notes(snippet: str) -> tuple[str, list[Note]]:
    """The snippet's HTML as a page shows it after the model's walk has collected its notes."""
    root = etree.fromstring(f'<p xmlns="{TEI}" xmlns:xml="http://www.w3.org/XML/1998/namespace">{snippet}</p>')
    model = Transformer(Path("snippet.xml"), {})
    model.inline(root)
    notes = list(model.state.notes)
    page = Transformer(Path("snippet.xml"), {}, page=PageContext(STRINGS, root=""),
                       notes={note.element: note for note in notes if note.element is not None})
    return str(page.inline(root)), notes


MARKER = ('<a class="noteref editorial-noteref" id="edref-1" href="#ed1" role="doc-noteref" '
          'aria-label="Editors&#x27; note *1" data-number="*1"></a>')


def test_a_corrected_misprint_shows_the_print_and_puts_the_correction_in_a_note():
    html, notes = render_with_notes('a <choice><sic>teh</sic><corr resp="#editors" cert="high">the</corr></choice> b')
    assert html == f'a <span class="sic">teh</span>{MARKER} b'  # the printed text, not the correction
    [note] = notes
    assert (note.id, note.kind, note.label) == ("ed1", "editorial", "*1")
    assert note.emendation is not None and note.emendation.corrected
    assert note.emendation.proposed is not None and note.emendation.proposed.element.text == "the"
    assert note.emendation.printed.element.text == "teh"


def test_a_misprint_broken_across_a_line_end_stays_one_word():
    html, _ = render_with_notes('<choice><sic>доста<lb break="no" rend="hyphen"/>точна</sic>'
                                '<corr>достаточно</corr></choice> дешевой')
    assert html == f'<span class="sic">достаточна</span>{MARKER} дешевой'


def test_an_uncorrected_misprint_takes_the_editors_conjecture_from_the_note_pointing_to_it():
    html, notes = render_with_notes('<sic xml:id="sic-1">нормализовать</sic><note type="editorial" '
                                    'subtype="conjecture" resp="#editors" cert="low" target="#sic-1">'
                                    '<mentioned>нейтрализовать</mentioned></note> влияние')
    # The note: nothing in the text; the misprint keeps its id, the note's target.
    assert html == f'<span class="sic" id="sic-1">нормализовать</span>{MARKER} влияние'
    [note] = notes
    assert note.emendation is not None and not note.emendation.corrected
    assert note.emendation.proposed is not None and note.emendation.proposed.element.get("subtype") == "conjecture"


def test_a_misprint_without_correction_or_conjecture_still_has_its_note():
    html, notes = render_with_notes('<sic>пуша</sic>')
    assert html == f'<span class="sic">пуша</span>{MARKER}'
    assert notes[0].emendation is not None and notes[0].emendation.proposed is None


def test_misprint_rules_are_chosen_by_condition():
    choice_with_sic = etree.fromstring(f'<choice xmlns="{TEI}"><sic>a</sic><corr>b</corr></choice>')
    choice_regularised = etree.fromstring(f'<choice xmlns="{TEI}"><orig>a</orig><reg>b</reg></choice>')
    text = etree.fromstring(f'<p xmlns="{TEI}"><sic xml:id="s1">a</sic><note type="editorial" subtype="conjecture" '
                            f'target="#s1">b</note><note type="editorial">c</note></p>')
    conjecture, apparatus_note = text[1], text[2]
    assert RULES.find(choice_with_sic).behaviour is apparatus.misprint and RULES.find(choice_with_sic).reorders
    assert RULES.find(choice_regularised).behaviour is choice
    assert RULES.find(conjecture).behaviour is apparatus.shown_with_its_sic
    # An editorial note on no misprint (an apparatus note) is a note as any.
    assert RULES.find(apparatus_note).behaviour is not apparatus.shown_with_its_sic


def test_a_name_pointing_to_a_register_entry_links_to_its_entry():
    """persName, placeName, orgName with a register `ref` (README, "Registers of names"); more in test_names.py."""
    tx = Transformer(Path("snippet.xml"), {}, page=PageContext(STRINGS, root="../../", lang="ru"))
    root = etree.fromstring(f'<p xmlns="{TEI}"><orgName ref="registers.xml#nkid">НКИД</orgName></p>')
    assert str(tx.inline_element(root[0])) == ('<a class="mention orgname" href="../../ru/organisations/#nkid" '
                                                'data-entity="nkid">НКИД</a>')


# Elements the model places itself (the document's structure, the registers' entries), not the rule table.
STRUCTURE = {"TEI", "text", "front", "body", "back", "group", "div", "div1", "div2", "div3", "div4", "div5",
             "titlePage", "row", "cell", "standOff", "listPerson", "listPlace", "listOrg", "person", "place", "org",
             "facsimile", "surface", "surfaceGrp", "sourceDoc"}  # (a facsimile beside the text; a sourceDoc's pages)


def test_every_element_of_the_odd_outside_the_header_has_a_rule():
    """`--strict` (this edition's build and CI) refuses an element without a rule: an element the ODD
    lets a document use must never be one."""
    odd = etree.parse(str(Path(__file__).parent.parent / "src" / "tei_edition" / "schemas" / "tei-edition.odd"))
    allowed = {name for module in odd.iter(f"{{{TEI}}}moduleRef") if module.get("key") != "header"
               for name in (module.get("include") or "").split()}
    # textcrit's: how the header says variants are encoded; spoken's: the recording of a transcript
    header_only = {"variantEncoding", "recordingStmt", "recording", "equipment", "broadcast",
                   "charDecl", "char", "glyph", "charName", "glyphName", "mapping"}  # (gaiji's declarations)
    assert allowed - STRUCTURE - header_only - set(RULES.index) == set()
