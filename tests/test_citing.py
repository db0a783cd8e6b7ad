"""Citing: a reference manager reads each reading page's metadata; every passage has a full
citation with its print page and address; search engines get a sitemap."""
from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import ROOT, parse_html
from lxml import etree

from tei_edition.tei import NS

BASE = "https://example.org/shemetova-2020/"
TEI = {"ru": ROOT / "edition" / "shemetova-2020.xml", "en": ROOT / "edition" / "shemetova-2020.en.xml"}


def zotero_item(page) -> dict:
    """The item Zotero's "Embedded Metadata" translator makes of a page, by its rules: Highwire
    `citation_*` tags first (a `citation_journal_title` makes a journal article; each
    `citation_author` one author, "Family, Given" split at the comma; pages from first and last
    page), then Dublin Core for what they leave empty (creators from DC.creator, contributors from
    DC.contributor), the URL from `citation_public_url`, else the canonical link."""
    tags: dict[str, list[str]] = {}
    for meta in page.xpath("//head/meta[@name][@content]"):
        tags.setdefault(meta.get("name"), []).append(meta.get("content"))
    first = {name: values[0] for name, values in tags.items()}

    def person(name: str, kind: str) -> dict:
        family, _, given = name.partition(", ")
        return {"lastName": family, "firstName": given, "creatorType": kind} if given else \
            {"lastName": name, "fieldMode": 1, "creatorType": kind}
    item = {"itemType": "journalArticle" if "citation_journal_title" in first else "webpage",
            "title": first.get("citation_title") or first.get("DC.title"),
            "creators": [person(n, "author") for n in tags.get("citation_author") or tags.get("DC.creator", [])]
            + [person(n, "contributor") for n in tags.get("DC.contributor", [])],
            "publicationTitle": first.get("citation_journal_title"), "issue": first.get("citation_issue"),
            "pages": "-".join(p for p in (first.get("citation_firstpage"), first.get("citation_lastpage")) if p),
            "date": first.get("citation_publication_date") or first.get("DC.date"),
            "DOI": first.get("citation_doi"), "language": first.get("citation_language") or first.get("DC.language"),
            "url": first.get("citation_public_url") or (page.xpath("//link[@rel='canonical']/@href") or [None])[0]}
    return item


def test_the_english_page_is_a_complete_journal_article_for_zotero(built_site: Path):
    item = zotero_item(parse_html(built_site / "en/shemetova-2020/index.html"))
    author_title = etree.parse(str(TEI["ru"])).xpath("string(//t:titleStmt/t:title[@xml:lang='en'])", namespaces=NS)
    assert item == {
        "itemType": "journalArticle", "title": author_title,  # the author's printed English title
        "creators": [{"lastName": "Shemetova", "firstName": "Tamara A.", "creatorType": "author"},
                     {"lastName": "The tei-edition project", "fieldMode": 1, "creatorType": "contributor"}],
        "publicationTitle": "Problemy Dal'nego Vostoka", "issue": "2", "pages": "165-174", "date": "2020",
        "DOI": "10.31857/S013128120009755-1", "language": "en", "url": f"{BASE}en/shemetova-2020/"}


def test_the_russian_page_is_the_article_as_printed(built_site: Path):
    item = zotero_item(parse_html(built_site / "ru/shemetova-2020/index.html"))
    assert item["title"].startswith("О формах и методах") and item["publicationTitle"] == "Проблемы Дальнего Востока"
    assert item["creators"] == [{"lastName": "Шеметова", "firstName": "Т. А.", "creatorType": "author"}]
    assert (item["itemType"], item["pages"], item["language"], item["url"]) == \
        ("journalArticle", "165-174", "ru", f"{BASE}ru/shemetova-2020/")


def test_json_ld_says_the_english_text_is_a_translation_by_the_edition(built_site: Path):
    page = parse_html(built_site / "en/shemetova-2020/index.html")
    data = json.loads(page.xpath("//script[@type='application/ld+json']")[0].text)
    assert data["@type"] == "ScholarlyArticle" and data["inLanguage"] == "en"
    assert data["translationOfWork"]["@id"] == f"{BASE}ru/shemetova-2020/"
    assert data["translationOfWork"]["isPartOf"]["isPartOf"]["name"] == "Problemy Dal'nego Vostoka"
    assert data["translator"] == [{"@type": "Organization", "name": "The tei-edition project"}]
    assert data["isPartOf"]["version"] == "0.1.0"


def test_canonical_and_alternates_are_absolute(built_site: Path):
    for path in ("ru/shemetova-2020/index.html", "en/archives/index.html", "index.html"):
        page = parse_html(built_site / path)
        assert page.xpath("//link[@rel='canonical']/@href") == [BASE + path.removesuffix("index.html")]
        assert all(href.startswith(BASE) for href in page.xpath("//link[@rel='alternate']/@href"))


@pytest.mark.parametrize("lang, expected", [
    ("ru", ["Шеметова Т. А. О формах и методах", "// Проблемы Дальнего Востока. 2020. № 2. С. 166–167.",
            "Версия 0.1.0", f"URL: {BASE}ru/shemetova-2020/#p4", "(дата обращения: ДД.ММ.ГГГГ)"]),
    ("en", ["T. A. Shemetova, “O formakh i metodakh", "[On the Forms and Methods", "trans. The tei-edition project",
            "no. 2 (2020): 166–167", "Version 0.1.0", "accessed [date]", f"{BASE}en/shemetova-2020/#p4"]),
])
def test_a_paragraph_across_two_print_pages_is_cited_with_both(built_site: Path, lang, expected):
    """¶4 begins on p. 166 and runs onto p. 167 (the TEI's pb inside it)."""
    tei = etree.parse(str(TEI["ru"]))
    assert [pb.get("n") for pb in tei.xpath("//t:p[@xml:id='p4']//t:pb", namespaces=NS)] == ["167"]
    page = parse_html(built_site / f"{lang}/shemetova-2020/index.html")
    citation = " ".join(page.xpath("//p[@id='cite-p4']")[0].text_content().split())
    for part in expected:
        assert part in citation, (part, citation)
    assert page.xpath("//p[@id='cite-p4']//a/@href") == [f"{BASE}{lang}/shemetova-2020/#p4"]


def test_every_paragraph_note_and_the_table_can_be_cited(built_site: Path):
    for lang in ("ru", "en"):
        page = parse_html(built_site / f"{lang}/shemetova-2020/index.html")
        units = page.xpath("//p[@class='para']/@id") + ["tariff-1923"] + [f"n{n}" for n in range(1, 29)]
        assert len(units) == 28 + 1 + 28
        for unit in units:
            box = page.xpath(f"//p[@id='cite-{unit}']")
            assert box and box[0].getparent().tag == "details", (lang, unit)
            assert f"#{unit}" in box[0].text_content() and re.search(r"1[67][0-9]", box[0].text_content())


def test_sitemap_lists_every_page_at_its_address_and_robots_points_to_it(built_site: Path):
    pages = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")
                   if p.name != "404.html")
    sitemap = etree.parse(str(built_site / "sitemap.xml"))
    listed = sitemap.xpath("//s:loc/text()", namespaces={"s": "http://www.sitemaps.org/schemas/sitemap/0.9"})
    assert sorted(listed) == sorted(BASE + p.removesuffix("index.html") for p in pages)
    assert f"Sitemap: {BASE}sitemap.xml" in (built_site / "robots.txt").read_text(encoding="utf-8").splitlines()


def test_a_note_is_cited_at_the_page_of_its_marker(built_site: Path):
    """n7 is the second note printed on p. 167 (its marker's page: the note stands at that page's foot)."""
    tei = etree.parse(str(TEI["ru"]))
    note = tei.xpath("//t:note[@xml:id='n7']", namespaces=NS)[0]
    page_of_marker = note.xpath("string(preceding::t:pb[1]/@n)", namespaces=NS)
    citation = parse_html(built_site / "ru/shemetova-2020/index.html").xpath("//p[@id='cite-n7']")[0].text_content()
    assert f"С. {page_of_marker}." in citation and citation.count("#n7") == 1


def test_a_born_digital_citation_names_its_translator_and_keeps_the_editions_case():
    """An English document in an edition titled in German, cited for German readers: the style
    title-cases English titles only, so the edition's German title keeps its case; a translation's
    translators are named as a printed article's are."""
    from tei_edition.cite import unit_citation
    from tei_edition.model import Contributor, SourceInfo
    born_digital = SourceInfo("", "", "", "", "", ("", ""), "", lang="en")
    text = unit_citation(born_digital, "de", ("chicago-notes-bibliography", "de-DE", "note"),
                         "Reading in the Margins", (Contributor("Jane Translator"),), ("Ann Example",),
                         "Briefe und Aufsätze – eine Testedition", ". ", "[accessed]")
    # Chicago keeps given names whole (its names say initialize="false"): the author's and the translator's.
    assert "Briefe und Aufsätze – eine Testedition" in text and "übers. von Jane Translator" in text, text
    assert text.startswith("Ann Example, "), text


@pytest.mark.parametrize("locale, quoted", [("en-US", "“Reading in the Margins,” trans."),
                                            ("en-GB", "‘Reading in the Margins’, trans.")])
def test_american_english_puts_a_comma_inside_the_closing_quotation_mark(locale, quoted):
    """CSL's punctuation-in-quote: true in the American locale, false in the British."""
    from tei_edition.cite import unit_citation
    from tei_edition.model import Contributor, SourceInfo
    born_digital = SourceInfo("", "", "", "", "", ("", ""), "", lang="en")
    text = unit_citation(born_digital, "en", ("chicago-notes-bibliography", locale, "note"),
                         "Reading in the Margins", (Contributor("Jane Translator"),), ("Ann Example",),
                         "Essays", ". ", "[accessed]")
    assert quoted in text, text



@pytest.mark.parametrize("style, locale, shape, expected", [
    # CSL: the translator stands in for the missing author, once, with the author's name form and a label.
    ("chicago-notes-bibliography", "en-US", "note", "Jane Translator, trans., “A Letter,” Essays"),
    ("chicago-notes-bibliography", "en-US", "bibliography", "Translator, Jane, trans. “A Letter.” Essays"),
    ("modern-language-association", "en-US", "bibliography", "Translator, Jane, translator. “A Letter.” "),
    # APA puts the title first when no author: once, not again after the date.
    ("apa", "en-US", "bibliography", "<i>A letter</i> (J. Translator, trans.). (n.d.). Essays."),
])
def test_an_anonymous_translated_document_names_its_translator_once(style, locale, shape, expected):
    """citeproc-py suppressed what a `substitute` wrote only for its direct children: Chicago's
    translator (inside a `choose`) came out twice, "J. Translator, “A Letter,” trans. Jane Translator",
    and APA's title (a macro) twice."""
    from tei_edition.cite import unit_citation
    from tei_edition.model import Contributor, SourceInfo
    born_digital = SourceInfo("", "", "", "", "", ("", ""), "", lang="en")
    text = unit_citation(born_digital, "en", (style, locale, shape), "A letter", (Contributor("Jane Translator"),),
                         (), "Essays", ". ", "[accessed]")
    assert text.startswith(expected), text
    assert text.count("Translator") == 1 and text.lower().count("a letter") == 1, text


def test_an_anonymous_documents_reference_data_has_no_empty_author_list():
    from tei_edition.bibliography import csl_items
    from tei_edition.model import Contributor
    document = SimpleNamespace(
        id="letter", lang="en", title_text="A letter", translation=True, translators=(Contributor("Jane Translator"),),
        source=SimpleNamespace(title="", author="", author_names=lambda lang: ()))
    (item,) = csl_items(document, "Essays", "1.0", "", "2025-11-25")
    assert "author" not in item and item["translator"] == [{"family": "Translator", "given": "Jane"}], item


@pytest.mark.parametrize("name, parts", [
    ("Т.А. Шеметова", {"family": "Шеметова", "given": "Т. А."}),
    ("Anne Theodore", {"family": "Theodore", "given": "Anne"}),
    ("Eusebius of Caesarea", {"literal": "Eusebius of Caesarea"}),
    ("Bede the Venerable", {"literal": "Bede the Venerable"}),
    ("Anonymus (Ps.-Basilius Caesariensis)", {"literal": "Anonymus (Ps.-Basilius Caesariensis)"}),
    # A Roman's praenomen: one space after it ("C.  Valerius" before).
    ("C. Valerius Catullus", {"family": "Catullus", "given": "C. Valerius"}),
    # A library's heading, family name first, with dates (EEBO-TCP's): the family name is "Aylett",
    # not "1583-1655?".
    ("Aylett, Robert, 1583-1655?", {"family": "Aylett", "given": "Robert"}),
    ("Kant, Immanuel", {"family": "Kant", "given": "Immanuel"}),
    # A family name's particles are the family name's (a jTEI author was cited "Branden, Ron Van den").
    ("Ron Van den Branden", {"family": "Van den Branden", "given": "Ron"}),
    ("Jean de La Fontaine", {"family": "de La Fontaine", "given": "Jean"}),
    ("Anna Maria Smith", {"family": "Smith", "given": "Anna Maria"}),
])
def test_a_name_with_an_epithet_has_no_family_name(name, parts):
    """A premodern author named by an epithet was cited as "Caesarea, Eusebius of"."""
    from tei_edition.cite import csl_name
    assert csl_name(name) == parts


def test_an_anonymous_documents_page_names_no_author(tmp_path: Path):
    """A letter without an author: its sender is its author; without a sender either, its page's
    schema.org record has no `"author": []`, and its citation names the translator once, as the one
    who stands in for the author."""
    from test_roots import make_edition

    from tei_edition.cli import main
    project = make_edition(tmp_path, "letter")
    for tei in (project / "edition").glob("brief*.xml"):
        tei.write_text(tei.read_text(encoding="utf-8").replace("<author>Karl Beispiel</author>", ""), encoding="utf-8")
    edition = ["--edition", str(project / "edition"), "--out", str(project / "build")]
    # Its sender, named in its correspDesc only, is its author (Escher's letters name him only there).
    assert main(["build", "--strict", *edition]) == 0
    page = parse_html(project / "build" / "en" / "brief" / "index.html")
    assert page.xpath("//meta[@name='citation_author']/@content") == ["Beispiel, Karl"]
    for tei in (project / "edition").glob("brief*.xml"):  # (Escher's: the addressee named there too, typed)
        tei.write_text(tei.read_text(encoding="utf-8").replace(
            '<persName>Karl Beispiel</persName>', '<persName>Karl Beispiel</persName><persName type="addressee">'
                                                  'Marie Muster</persName>', 1), encoding="utf-8")
    assert main(["build", "--strict", *edition]) == 0
    page = parse_html(project / "build" / "en" / "brief" / "index.html")
    assert page.xpath("//meta[@name='citation_author']/@content") == ["Beispiel, Karl"]
    for tei in (project / "edition").glob("brief*.xml"):  # a letter whose sender is not named either
        tei.write_text(tei.read_text(encoding="utf-8").replace(
            '<correspAction type="sent"><persName>Karl Beispiel</persName>', '<correspAction type="sent">'),
            encoding="utf-8")
    assert main(["build", "--strict", *edition]) == 0
    page = parse_html(project / "build" / "en" / "brief" / "index.html")
    record = json.loads(page.xpath("string(//script[@type='application/ld+json'])"))
    assert "author" not in record and "author" not in record.get("translationOfWork", {}), record
    citation = page.xpath("string(//p[@id='cite-p1'])")
    assert citation.count("Lindqvist") == 1 and citation.startswith("Ada Lindqvist, trans., "), citation


def test_a_title_ending_in_a_full_stop_takes_no_comma_after_it():
    """EEBO-TCP's "… 5. Ioy." and Perseus's "… Athenians." were cited "Ioy.,”" and "Athenians.,"; an
    initial keeps its comma ("Doe, J., and")."""
    from tei_edition.cite import _formatted, _style
    style = _style("chicago-notes-bibliography", "en-US")
    titled = {"id": "x", "type": "webpage", "title": "The brides ornaments. 5. Ioy.", "container-title": "Prints"}
    cited = _formatted(style, titled, note=True)
    assert ".,\u201d" not in cited and "Ioy.\u201d" in cited, cited
    book = {"id": "x", "type": "book", "title": "Roads", "author": [{"family": "Doe", "given": "J."},
                                                                   {"family": "Roe", "given": "R."}]}
    assert _formatted(style, book).startswith("Doe, J., and R. Roe.")
