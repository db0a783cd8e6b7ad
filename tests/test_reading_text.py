"""What a reader selects, copies, finds and hears is the text, whole: no page number, ¶ sign, note
number or link label inside it, and no word cut by a print page (real Chromium over HTTP)."""
from __future__ import annotations

import re

import pytest
from conftest import ROOT
from lxml import etree

from tei_edition.tei import NS, TEI_NS

DOCUMENT = "shemetova-2020"
TEI = {"ru": ROOT / "edition" / f"{DOCUMENT}.xml", "en": ROOT / "edition" / f"{DOCUMENT}.en.xml"}
GLUE = "\x00"


def _walk(element: etree._Element) -> str:
    """A paragraph's reading text from its TEI: notes left out (they stand beside it), a misprint as
    printed (the editors' correction is in their note), a line end
    inside a word joins it (`break="no"`), a print page is no text, and the translator's
    additions are shown in square brackets."""
    name = etree.QName(element).localname
    if name == "note" or (name in ("corr", "reg", "expan") and etree.QName(element.getparent()).localname == "choice"):
        inner = ""  # notes stand beside the text; of a choice, the page reads what the print has
    elif name in ("lb", "pb"):
        inner = GLUE if element.get("break") == "no" else (" " if name == "lb" else "")
    else:
        inner = (element.text or "") + "".join(_walk(child) for child in element)
        if name == "supplied":
            inner = f"[{inner}]"
    return inner + (element.tail or "") if element.getparent() is not None else inner


def reading_text(paragraph: etree._Element) -> str:
    text = (paragraph.text or "") + "".join(_walk(child) for child in paragraph)
    return " ".join(re.sub(r"\s*\x00\s*", "", text).split())


def paragraphs(lang: str) -> dict[str, str]:
    tree = etree.parse(str(TEI[lang]))
    return {p.get("{http://www.w3.org/XML/1998/namespace}id"): reading_text(p)
            for p in tree.iterfind(".//t:body//t:p", NS)}


def words_across_pages() -> list[tuple[str, str]]:
    """(the word a print page breaks, the words that follow it) for every `pb break="no"`."""
    tree = etree.parse(str(TEI["ru"]))
    found = []
    for pb in tree.iter(f"{{{TEI_NS}}}pb"):
        if pb.get("break") != "no":
            continue
        paragraph = next(pb.iterancestors(f"{{{TEI_NS}}}p"))
        marker = "\ue000"  # a private-use character, which no text of the edition has
        pb.tail = marker + (pb.tail or "")
        text = reading_text(paragraph)
        pb.tail = pb.tail[1:]
        before, after = text.split(marker)
        found.append((before.split()[-1] + after.split()[0], " ".join((before.split()[-1] + after).split()[:4])))
    return found


def select_text(page, element_id: str) -> str:
    return page.evaluate("""id => { const range = document.createRange();
        range.selectNodeContents(document.getElementById(id));
        const selection = window.getSelection(); selection.removeAllRanges(); selection.addRange(range);
        return selection.toString(); }""", element_id)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_selected_paragraph_is_its_reading_text(browser, site_url, lang):
    expected = paragraphs(lang)
    assert len(expected) == 28
    page = browser.new_page()
    page.goto(f"{site_url}/{lang}/{DOCUMENT}/")
    for paragraph_id, text in expected.items():
        assert " ".join(select_text(page, paragraph_id).split()) == text, paragraph_id
    page.close()


def test_find_in_page_finds_every_word_a_print_page_breaks(browser, site_url):
    broken = words_across_pages()
    assert {word for word, _ in broken} >= {"Советский", "Урянхайским"}
    page = browser.new_page()
    page.goto(f"{site_url}/ru/{DOCUMENT}/")
    for word, phrase in broken:
        for wanted in (word, phrase):
            page.evaluate("window.getSelection().removeAllRanges()")
            assert page.evaluate("w => window.find(w, false, false, true)", wanted), wanted
    page.close()


def test_a_screen_reader_hears_the_broken_word_whole_and_the_page_once(browser, site_url):
    page = browser.new_page()
    page.goto(f"{site_url}/ru/{DOCUMENT}/")
    tree = page.locator("#p4").aria_snapshot()
    assert re.search(r"\bСоветский Союз\b", tree) or re.search(r"\bСоветский\n", tree), tree
    assert not re.search(r"\bСо\n", tree) and "ветский" not in tree.replace("Советский", "")
    assert tree.count("Страница 167") == 1 and "167167" not in tree and "¶" not in tree
    page.close()


def test_text_a_rule_moves_is_said_to_be_out_of_order_where_it_is():
    """A title page's byline shown after the title it stands above: the check's greedy match blamed
    a character of the preface, far below ("text lost: «Vorrede…»"). A run the page has, but only
    before the text that precedes it, is said to be out of order, at its own line."""
    from pathlib import Path

    from tei_edition.errors import EditionError
    from tei_edition.preservation import Stream, _check_in_order
    stream = Stream()
    for text, line in (("D. Henrici Abelii,", 3), ("Wohlerfahrner Leib-Medicus", 4), ("Vorrede. Es ist", 6)):
        stream.add(text, line)
    page = "".join("Wohlerfahrner Leib-Medicus D. Henrici Abelii, Vorrede. Es ist".split())
    with pytest.raises(EditionError) as raised:
        _check_in_order(stream, page, Path("abel.xml"), "en/abel/index.html", "text")
    assert str(raised.value.diagnostics[0]) == (
        "abel.xml:4: text out of order: «WohlerfahrnerLeib-Medicus…» of the text reaches en/abel/index.html before "
        "«D.HenriciAbelii,…», which comes before it in the TEI: a rendering rule moves it")
    with pytest.raises(EditionError) as lost:  # (a run the page lacks altogether is lost, where it is)
        _check_in_order(stream, "D.HenriciAbelii,WohlerfahrnerLeib-MedicusEsist", Path("abel.xml"),
                        "en/abel/index.html", "text")
    assert "abel.xml:6: text lost: «Vorrede.Esist…»" in str(lost.value.diagnostics[0])
