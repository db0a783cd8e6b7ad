"""Search: Pagefind's index of the reading pages, one record per passage, searched in Chromium
through the edition's search page (Russian and English stemming, a phrase across a page break,
results that lead to the passage with its print page, filters by register entry)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, parse_html
from lxml import etree

from tei_edition import search_index
from tei_edition.errors import EditionError
from tei_edition.model import Document
from tei_edition.search import Record, passage_records
from tei_edition.search_index import SearchIndex
from tei_edition.tei import NS
from tei_edition.transform import build_document

TEI = ROOT / "edition" / "shemetova-2020.xml"


def results(page, site_url: str, lang: str, query: str, **filters: str) -> list[tuple[str, str]]:
    """(passage address, print page shown) of each result, in order."""
    page.goto(f"{site_url}/{lang}/search/")
    for name, value in filters.items():
        page.select_option(f"#search-filters select[name={name}]", value)
    page.fill("#search-input", query)
    page.press("#search-input", "Enter")
    page.wait_for_function("() => document.getElementById('search-status').textContent !== ''", timeout=10000)
    return page.eval_on_selector_all(
        "#search-results li", """items => items.map(li => [li.querySelector('a').getAttribute('href'),
                                   (li.querySelector('.search-page') || {textContent: ''}).textContent])""")


def passages(found: list[tuple[str, str]]) -> set[str]:
    return {href.rsplit("#", 1)[1] for href, _ in found}


@pytest.mark.browser
def test_an_inflected_name_finds_the_same_passages(page, site_url):
    assert passages(results(page, site_url, "ru", "Карахан")) == passages(results(page, site_url, "ru", "Караханом"))
    assert passages(results(page, site_url, "ru", "Карахан"))


@pytest.mark.browser
def test_russian_and_english_words_are_found_in_their_other_forms(page, site_url, article):
    found = passages(results(page, site_url, "ru", "переговоры"))
    having = {p.get("id") for p in article.xpath("//p[@id]") if "переговоров" in p.text_content()}
    assert having and having <= found
    assert passages(results(page, site_url, "en", "negotiation")) == passages(results(page, site_url, "en",
                                                                                      "negotiations"))
    assert passages(results(page, site_url, "en", "Karakhan")) == passages(results(page, site_url, "ru", "Карахан"))


@pytest.mark.browser
def test_a_phrase_broken_across_a_print_page_is_found(page, site_url):
    """«Советский» is broken by the page break 166/167 in ¶4: the phrase is still found, on both pages."""
    found = results(page, site_url, "ru", "Советский Союз был настолько")
    assert [href.rsplit("/", 2)[-1] for href, _ in found] == ["#p4"]
    assert found[0][1].strip(" ·") == "С. 166–167"


@pytest.mark.browser
def test_a_result_leads_to_its_passage(page, site_url):
    href, shown = results(page, site_url, "en", "Karakhan")[0]
    page.click(f"#search-results a[href='{href}']")
    unit = href.rsplit("#", 1)[1]
    assert page.url.endswith(f"/en/shemetova-2020/#{unit}")
    page.wait_for_function("""unit => { const r = document.getElementById(unit).getBoundingClientRect();
                                        return r.bottom > 0 && r.top < window.innerHeight; }""", arg=unit, timeout=3000)
    assert shown.startswith(" · p. ")


@pytest.mark.browser
def test_results_can_be_narrowed_to_a_register_entry(page, site_url):
    everything = passages(results(page, site_url, "ru", "переговоры"))
    narrowed = passages(results(page, site_url, "ru", "переговоры", person="person:karakhan"))
    assert narrowed and narrowed < everything
    page.goto(f"{site_url}/ru/shemetova-2020/")
    for unit in narrowed:
        assert page.locator(f"[id='{unit}'] [data-entity='karakhan']").count() >= 1


@pytest.mark.browser
def test_a_large_edition_s_index_comes_in_parts_searched_as_one(page, tmp_path: Path, monkeypatch):
    """Pagefind holds every passage in memory until it writes its index: an edition of more passages
    than one part holds is indexed in parts of whole documents, which the search page merges."""
    from support.gates import serve_directory
    from test_roots import build_root

    def bea(site: Path) -> set[str]:
        with serve_directory(site) as base:
            return {href.rsplit("/", 2)[-2] + href[href.index("#"):]
                    for href, _ in results(page, base.rstrip("/"), "en", "Bea")}

    whole = bea(build_root(tmp_path / "whole", "collection"))
    monkeypatch.setattr(search_index, "SHARD_RECORDS", 1)  # each letter a part of its own
    site = build_root(tmp_path / "parts", "collection")
    assert (site / "pagefind" / "part-2" / "pagefind-entry.json").is_file()
    assert not (site / "pagefind" / "part-3").exists() and not (site / "pagefind" / "part-2" / "pagefind.js").exists()
    form = parse_html(site / "en" / "search" / "index.html").xpath("//form[@role='search']")[0]
    assert form.get("data-parts") == "../../pagefind/part-2/pagefind-entry.json"
    assert bea(site) == whole and {found.split("#")[0] for found in whole} == {"letter-a", "letter-b"}


@pytest.mark.browser
def test_chinese_is_found_by_any_of_its_characters_and_shown_unspaced(page, tmp_path: Path):
    """Pagefind splits words at spaces only: a Chinese sentence was one word, found by its first
    characters alone. Each character is indexed as a word; a query is split so; an excerpt joined."""
    from support.gates import serve_directory
    from test_elsewhere import build, edition
    sutra = "\u5982\u662f\u6211\u805e\u3002\u4e00\u6642\u4f5b\u5728\u820d\u885b\u570b"  # (a CBETA sutra's)
    text = f'<text><body><p xml:id="p1">{sutra}</p><p xml:id="p2">Other words.</p></body></text>'
    with serve_directory(build(edition(tmp_path, text, lang="lzh"))) as base:
        for query in (sutra[7], sutra[9:11], sutra[:2]):  # one character in the sentence, two, its first
            assert [href.rsplit("#", 1)[1] for href, _ in results(page, base.rstrip("/"), "en", query)] == ["p1"]
        excerpt = page.inner_text("#search-results .search-excerpt")
        marked = page.eval_on_selector_all("#search-results mark", "marks => marks.map(m => m.textContent)")
        assert sutra in excerpt and "".join(marked) == sutra[:2]
    assert search_index.words_apart(f"{sutra[:3]} and words") == " ".join(sutra[:3]) + " and words"


@pytest.mark.browser
def test_without_javascript_the_page_says_so_and_links_the_contents(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/en/search/")
    assert page.locator(".search-noscript").is_visible()
    assert not page.locator("#search-filters").is_visible()
    page.click(".search-noscript a")
    assert page.url.endswith("/en/shemetova-2020/#wayfinding-title")
    context.close()


def test_each_passage_is_one_record_in_its_page_language(built_site: Path):
    """The records of the reading pages: every paragraph, note and the table, each with its own
    address and (for the printed article) its print page from the TEI."""
    tree = etree.parse(str(TEI))
    model: Document = build_document(tree, TEI, "shemetova-2020", {}, None, page_lang="ru")
    page = parse_html(built_site / "ru" / "shemetova-2020" / "index.html")
    strings = {"unit_paragraph": "абзац {number}", "unit_note": "примечание {number}", "unit_table": "таблица",
               "search_page": "С. {page}"}
    records = passage_records(page, "ru/shemetova-2020/index.html", model, strings, "Статья")
    units = [r.url.rsplit("#", 1)[1] for r in records]
    body = tree.xpath("//t:body//t:p/@xml:id", namespaces=NS)
    assert set(body) <= set(units) and "tariff-1923" in units and "n7" in units
    assert len(units) == len(set(units)) and {r.language for r in records} == {"ru"}
    p4 = next(r for r in records if r.url.endswith("#p4"))
    assert "Советский Союз был настолько" in p4.content and ("page", "С. 166–167") in p4.meta
    assert "document:shemetova-2020" in p4.filters
    # A table's caption is its heading: its words are found with the table (they were found nowhere).
    table = next(r for r in records if r.url.endswith("#tariff-1923"))
    assert "ПОСТАНОВЛЕНИЕ" in table.content and "org:snk" in table.filters


def test_the_search_page_and_its_index_are_published(built_site: Path):
    for lang in ("ru", "en"):
        page = parse_html(built_site / lang / "search" / "index.html")
        bundle = page.xpath("//form[@role='search']/@data-bundle")[0]
        assert (built_site / lang / "search" / bundle).resolve().is_file()
        assert "'wasm-unsafe-eval'" in page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    article = parse_html(built_site / "ru" / "shemetova-2020" / "index.html")
    assert "wasm-unsafe-eval" not in article.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert (built_site / "pagefind" / "wasm.ru.pagefind").is_file()
    assert not list((built_site / "pagefind").glob("pagefind-ui*"))


def index_of(records: list[Record]) -> dict[str, bytes]:
    with SearchIndex() as index:
        index.add(records)
        return index.files()


SAMPLE = [Record(f"{lang}/doc/#p{n}", lang, text, (("title", "Doc"), ("unit", f"¶{n}")), ("document:doc",))
          for lang, texts in (("ru", ["переговоры с Синьцзяном", "торговый договор"]),
                              ("en", ["negotiations with Xinjiang", "a trade agreement", "the tariff"]))
          for n, text in enumerate(texts, 1)]


def test_the_index_depends_only_on_the_records_and_their_order():
    """Pagefind reading a folder of pages would take them in the folder's order, which differs
    between file systems (in memory: newest first; a small ext4 folder: oldest first): the records go
    to it in the build's order instead, and its files come back in its answer, never through a folder."""
    records = SAMPLE
    made = [index_of(records), index_of(records)]
    assert made[0] == made[1] and "pagefind/pagefind.js" in made[0]
    entry = json.loads(made[0]["pagefind/pagefind-entry.json"])
    assert {lang: value["page_count"] for lang, value in entry["languages"].items()} == {"ru": 2, "en": 3}
    assert index_of(records[::-1]) != made[0], "the order of the records is the index's order"


def test_without_pagefind_s_program_the_build_says_what_to_install(tmp_path: Path, monkeypatch):
    import pagefind_bin
    monkeypatch.setattr(pagefind_bin, "get_executable", lambda: tmp_path / "no-pagefind-here")
    with SearchIndex() as index:
        index.add(SAMPLE)
        with pytest.raises(EditionError, match=r"search index could not be made: .*no-pagefind-here.*pagefind\[bin\]"):
            index.files()
    with SearchIndex() as index:
        assert index.files() == {}  # no records, no index: nothing asked of Pagefind
