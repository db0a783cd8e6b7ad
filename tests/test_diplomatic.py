"""The print view (/{lang}/shemetova-2020/print/) and the page concordance (issue 10): the print's
pages and lines from the same TEI, compared with the seed line by line; the links between the print
view and the reading page; any printed document (tests/roots/printed), and none for a document
without print pages."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
from conftest import ROOT, build_with_fixed_date, parse_html
from lxml import etree
from test_roots import build_root, make_edition

from tei_edition.anchors import document_anchors
from tei_edition.cli import main
from tei_edition.fidelity import declared_furniture
from tei_edition.tei import normalize_space

PRINT = {"ru": "ru/shemetova-2020/print/index.html", "en": "en/shemetova-2020/print/index.html"}
READING = {"ru": "ru/shemetova-2020/index.html", "en": "en/shemetova-2020/index.html"}
TEI = ROOT / "edition" / "shemetova-2020.xml"
SEED = ROOT / "seeds" / "000_18c5ebe104e7b172.txt"
# Where each print page begins in the seed (FACTS.md, verified by reading its layout), pages 165-174.
SEED_PAGE_STARTS = (1, 43, 89, 139, 268, 321, 371, 420, 464, 500)
LOST = {1, 2, 3, 4, 5, 6, 10, 11, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28}


def text(element) -> str:
    return normalize_space(element.text_content())


def view_pages(page) -> dict[str, list[str]]:
    """Page number -> what the print view shows as its lines: the numbered lines, then the notes at
    its foot that kept their text (a lost note is marked, but the print's line of it is not known),
    each normalised as the fidelity check normalises (`normalize_space`)."""
    pages = {}
    for section in page.xpath("//section[contains(@class, 'print-page')]"):
        lines = section.xpath(".//ol[@class='print-lines']/li/span[@class='line-text'] | "
                              ".//li[@class='print-note']/span[@class='line-text']")
        pages[section.get("id").removeprefix("page-")] = [text(line) for line in lines]
    return pages


def seed_pages() -> dict[str, list[str]]:
    """Page number -> the seed's lines on it, without blank lines and the page furniture the TEI
    header declares (as `tei-edition check` compares them)."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    furniture = declared_furniture(etree.parse(str(TEI)))
    bounds = (*SEED_PAGE_STARTS, len(lines) + 1)
    return {str(165 + k): [normalize_space(lines[n - 1]) for n in range(bounds[k], bounds[k + 1])
                           if lines[n - 1].strip() and n not in furniture]
            for k in range(len(SEED_PAGE_STARTS))}


def differences(view: dict[str, list[str]], seed: dict[str, list[str]]) -> list[str]:
    problems = [f"pages: view {sorted(view)}, seed {sorted(seed)}"] if sorted(view) != sorted(seed) else []
    for number in sorted(seed):
        shown = view.get(number, [])
        for n in range(max(len(shown), len(seed[number]))):
            got = shown[n] if n < len(shown) else "(no line)"
            want = seed[number][n] if n < len(seed[number]) else "(no line)"
            if got != want:
                problems.append(f"p. {number}, line {n + 1}:\n  seed: {want}\n  view: {got}")
                break  # one per page: the rest of the page follows from it
    return problems


@pytest.fixture(scope="module")
def printed(built_site: Path):
    return {lang: parse_html(built_site / path) for lang, path in PRINT.items()}


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_print_views_lines_are_the_seeds_lines_page_by_page(printed, lang):
    """The fidelity proof, as readers see it: every page of the view has the seed's lines of that
    page, in order, none dropped, added or moved to another page."""
    view, seed = view_pages(printed[lang]), seed_pages()
    counts = ", ".join(f"{n}: {len(view.get(n, []))}/{len(seed[n])}" for n in sorted(seed))
    print(f"lines per print page (view/seed): {counts}")
    assert differences(view, seed) == []
    assert sum(map(len, view.values())) == sum(map(len, seed.values())) == 417


def test_the_comparison_fails_when_a_line_is_dropped_or_moved(printed):
    """The comparison above would see a line dropped, or moved to the next page."""
    dropped = copy.deepcopy(printed["ru"])
    line = dropped.get_element_by_id("page-169-line-12")
    line.getparent().remove(line)
    assert differences(view_pages(dropped), seed_pages())[0].startswith("p. 169, line 12:")
    moved = copy.deepcopy(printed["ru"])
    last = moved.get_element_by_id("page-170-line-43")
    moved.get_element_by_id("page-171-line-1").addprevious(last)
    problems = differences(view_pages(moved), seed_pages())
    assert [p.split(":")[0] for p in problems] == ["p. 170, line 43", "p. 171, line 1"]


def test_lines_are_numbered_per_page_as_the_ledger_locates_paragraphs(printed):
    """`p12` means "p. 169, l. 34" in the ledger: that line of the view starts ¶ 12 and links to it."""
    page = printed["ru"]
    located = [a for a in document_anchors(etree.parse(str(TEI)), "shemetova-2020")
               if a.meaning.count(",") == 1 and ", l. " in a.meaning and not a.id.startswith("q")]
    assert len(located) >= 28
    for anchor in located:
        number, line = anchor.meaning.removeprefix("p. ").split(", l. ")
        item = page.get_element_by_id(f"page-{number}-line-{line}")
        assert "unit-start" in item.get("class").split(), anchor
        assert item.xpath("string(a[@class='line-number']/@href)") == f"../#{anchor.id}", anchor
    for item in page.xpath("//li[contains(@class, 'print-line')]"):
        page_number = item.xpath("string(ancestor::section/@id)").removeprefix("page-")
        assert item.get("id") == f"page-{page_number}-line-{item.get('value')}"
        assert item.xpath("string(a[@class='line-number'])") == item.get("value")


def test_every_line_links_to_its_unit_on_the_reading_page(built_site, printed):
    reading = parse_html(built_site / READING["en"])
    ids = set(reading.xpath("//@id"))
    targets = printed["en"].xpath("//a[@class='line-number']/@href | //a[@class='note-to-reading']/@href")
    assert len(targets) == 410 + 28
    assert {t.partition("#")[2] for t in targets} <= ids
    first = printed["ru"].get_element_by_id("page-165-line-1")  # the rubric: the reading page's title
    assert first.xpath("string(a/@href)") == "../#doc-title"
    assert printed["ru"].get_element_by_id("page-168-line-1").xpath("string(a/@href)") == "../#tariff-1923"
    assert printed["ru"].get_element_by_id("page-174-line-1").xpath("string(span[@class='line-text']/@lang)") == "en"


def test_hyphens_misprints_and_names_as_printed(printed):
    page = printed["ru"]
    line = page.get_element_by_id("page-165-line-7")  # the abstract's first line
    assert text(line.xpath("span[@class='line-text']")[0]).endswith("руково-")
    assert line.xpath("span[@class='line-text']/span[@class='hyphen']")
    title = page.get_element_by_id("page-165-line-5")
    assert text(title.xpath("span[@class='line-text']")[0]) == "в 1921–1923 г."  # the sic, not the corr
    assert not page.xpath("//*[starts-with(@id, 'edref')] | //a[contains(@class, 'editorial-noteref')]")
    # A name broken across two lines: a link on each, to the same entry of the register.
    broken = page.xpath("//li[@id='page-166-line-32' or @id='page-166-line-33']"
                        "//a[contains(@class, 'mention')][@data-entity='china']/@href")
    assert broken == ["../../../ru/places/#china"] * 2


def test_notes_stand_at_the_foot_of_their_page_numbered_per_page(printed):
    page = printed["ru"]
    notes = page.xpath("//li[contains(@class, 'print-note')]")
    assert len(notes) == 28
    lost = [n for n in notes if "lost" in n.get("class").split()]
    assert len(lost) == len(LOST)
    for note in lost:
        assert note.xpath("string(a[@class='note-lost-text']/@href)") == "#edition-note"
    for section in page.xpath("//section[contains(@class, 'print-page')]"):
        foot = section.xpath(".//li[contains(@class, 'print-note')]")
        printed_numbers = [li.get("id").rpartition("-")[2] for li in foot]
        assert printed_numbers == [str(n) for n in range(1, len(printed_numbers) + 1)]
        markers = section.xpath(".//a[contains(@class, 'print-noteref')]")
        assert [m.get("href") for m in markers] == [f"#{section.get('id')}-note-{n}" for n in printed_numbers]
        assert [text(m) for m in markers] == printed_numbers
    kept = page.get_element_by_id("page-167-note-2")
    assert text(kept.xpath("span[@class='line-text']")[0]) == "2. РГАЭ. Ф. 413. Оп. 3. Д. 1399. Л. 4."
    assert kept.xpath("string(a[@class='note-to-reading']/@href)") == "../#n7"
    assert kept.xpath(".//a[@class='archival']/@href") == ["../../../ru/archives/#rgae-413-3-1399"]


def test_the_running_head_is_shown_as_furniture(printed):
    heads = printed["ru"].xpath("//p[@class='running-head']")
    assert len(heads) == 1 and heads[0].xpath("string(ancestor::section/@id)") == "page-165"
    assert text(heads[0].xpath("span[@class='fw']")[0]) == normalize_space(SEED.read_text().split("\n")[1])


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_page_markers_link_to_the_print_view_and_back(built_site, printed, lang):
    reading = parse_html(built_site / READING[lang])
    markers = reading.xpath("//a[contains(@class, 'pagebreak')]")
    assert [m.get("id") for m in markers] == [f"page-{n}" for n in range(165, 175)]
    assert [m.get("href") for m in markers] == [f"print/#page-{n}" for n in range(165, 175)]
    heads = printed[lang].xpath("//h2[@class='print-page-head']/a/@href")
    assert heads == [f"../#page-{n}" for n in range(165, 175)]
    assert reading.xpath("//p[@class='tei-link']/a[@href='print/']")


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_page_concordance_on_both_pages(built_site, printed, lang):
    reading = parse_html(built_site / READING[lang])
    for page, to_reading, to_print in ((reading, "", "print/"), (printed[lang], "../", "")):
        rows = page.xpath("//table[@class='concordance-table']/tbody/tr")
        assert [r.xpath("string(th/a/@href)") for r in rows] == [f"{to_print}#page-{n}" for n in range(165, 175)]
        units = [[a.get("href").removeprefix(to_reading) for a in r.xpath("td[2]/a")] for r in rows]
        notes = [[a.get("href").removeprefix(to_reading) for a in r.xpath("td[3]/a")] for r in rows]
        assert units[0] == ["#doc-title", "#abstract-ru-1", "#p1"]
        assert units[3] == ["#tariff-1923", "#p7"] and notes[3] == ["#n8"]
        assert units[9] == ["#summary-en"]
        # Every paragraph on the page(s) it spans, in order; every note once, on its page.
        paragraphs = [h for row in units for h in row if h.startswith("#p")]
        assert sorted(set(paragraphs), key=lambda h: int(h[2:])) == [f"#p{n}" for n in range(1, 29)]
        assert [h for row in notes for h in row] == [f"#n{n}" for n in range(1, 29)]
        assert [int(r.xpath("string(td[1])")) for r in rows] == [29, 43, 47, 76, 44, 43, 43, 39, 33, 13]
    assert reading.xpath("//nav[@class='wayfinding']//a[@href='#concordance']")


# --- cutting the HTML into lines ------------------------------------------------------------------
def test_cut_lines_closes_and_reopens_what_is_open_at_a_cut():
    from tei_edition.diplomatic_html import cut_lines
    cut = "\x01{}\x01".format
    html = (f" {cut(0)}one <a href='#x' class='m'>na<i>me{cut(1)}rest</i></a> two<br>{cut(2)}"
            f"<a class='mention-link' aria-label='entry'></a><span class='q'>{cut(3)}</span>end")
    assert cut_lines(html, 5) == [
        "one <a href='#x' class='m'>na<i>me</i></a>",
        "<a href='#x' class='m'><i>rest</i></a> two<br>",
        "<a class='mention-link' aria-label='entry'></a>",  # a link empty by design stays
        "end",  # the span the cut left empty is dropped
        ""]


def test_cut_lines_refuses_lines_out_of_order():
    from tei_edition.diplomatic_html import cut_lines
    with pytest.raises(RuntimeError, match="print line 1 cut as line 0"):
        cut_lines("\x011\x01a\x010\x01b", 2)


# --- any printed document, and none without print pages ---------------------------------------------
@pytest.fixture(scope="module")
def pamphlet(tmp_path_factory) -> Path:
    project = make_edition(tmp_path_factory.mktemp("roots"), "printed")
    build_with_fixed_date(project / "edition", project / "build")
    return project / "build"


def test_a_printed_document_of_any_edition_gets_its_print_view(pamphlet):
    page = parse_html(pamphlet / "en/pamphlet/print/index.html")
    assert view_pages(page) == {
        "7": ["The first line of a para-", "graph, with a note1", "and a mispint kept as printed, then a lost2 note.",
              "A second paragraph that runs over the page to the next one", "1. A kept note."],
        "8": ["page, where it ends1.", "<script>alert(1)</script> stays text.", "1. Numbered 1 again."]}
    # The italic word broken by the page break: italic on both pages.
    assert page.xpath("//li[@id='page-7-line-4']//i[.='one'] and //li[@id='page-8-line-1']//i[.='page']")
    assert not page.xpath("//script[not(@src)]")  # the TEI's text stays text
    assert text(page.xpath("//span[@class='fw']")[0]) == "Pamphlets & <Co>"
    assert page.xpath("//li[@id='page-7-note-2'][contains(@class, 'lost')]")
    reading = parse_html(pamphlet / "en/pamphlet/index.html")
    assert reading.xpath("//a[@id='page-8']/@href") == ["print/#page-8"]
    assert [a.get("href") for a in reading.xpath("//table[@class='concordance-table']//td[2]/a")] == \
        ["#p1", "#p2", "#p2", "#p3"]


def test_a_printed_documents_notes_keep_their_own_ids(tmp_path):
    """Notes in a document with print lines need no n<N> ids: the ledger records the ids the page has,
    each meaning its print page and printed number (or, without one, its line)."""
    project = make_edition(tmp_path, "printed")
    tei = project / "edition" / "pamphlet.xml"
    text = tei.read_text(encoding="utf-8").replace('xml:id="n3"', 'xml:id="fn-b"').replace(' n="2" xml:id="n2"', "")
    tei.write_text(text, encoding="utf-8")
    edition = ["--edition", str(project / "edition")]
    assert main(["ledger", *edition]) == 0
    rows = {tuple(line.split("\t")[1:]) for line in (project / "edition" / "anchors.tsv").read_text().splitlines()
            if line.startswith("pamphlet\t")}
    assert {("n1", "p. 7, note 1"), ("note-2", "p. 7, l. 3, note"), ("nref-2", "p. 7, l. 3, note"),
            ("fn-b", "p. 8, note 1"), ("nref-3", "p. 8, note 1")} <= rows
    assert main(["build", "--strict", *edition, "--out", str(project / "build")]) == 0
    reading = parse_html(project / "build" / "en" / "pamphlet" / "index.html")
    assert reading.xpath("//li[@id='fn-b']") and reading.xpath("//a[@id='nref-3'][@href='#fn-b']")


@pytest.mark.parametrize("root, document", [("article", "born-digital"), ("essay-pl", "esej")])
def test_a_document_without_print_pages_has_no_print_view(tmp_path, root, document):
    site = build_root(tmp_path, root)
    assert not (site / "en" / document / "print").exists()
    reading = parse_html(site / "en" / document / "index.html")
    assert not reading.xpath("//*[@id='concordance'] | //a[contains(@href, 'print/')]")


# --- in the browser -------------------------------------------------------------------------------
def test_a_page_marker_leads_to_its_print_page_and_a_line_back_to_its_paragraph(browser, site_url, review_dir):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{site_url}/ru/shemetova-2020/")
    page.click("#page-169")
    page.wait_for_url("**/ru/shemetova-2020/print/#page-169")
    assert page.evaluate("document.getElementById('page-169').getBoundingClientRect().top") < 100
    page.screenshot(path=str(review_dir / "print-desktop.png"))
    page.click("#page-169-line-34 a.line-number")  # the first line of p12 ("p. 169, l. 34")
    page.wait_for_url("**/ru/shemetova-2020/#p12")
    assert 0 <= page.evaluate("document.getElementById('p12').getBoundingClientRect().top") < 200
    page.close()


@pytest.mark.parametrize("media", ["screen", "print"])
def test_print_lines_wrap_under_themselves_on_a_phone(browser, site_url, review_dir, media):
    page = browser.new_page(viewport={"width": 375, "height": 800}, java_script_enabled=False)
    page.emulate_media(media=media)
    page.goto(f"{site_url}/ru/shemetova-2020/print/#page-166")
    if media == "screen":
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
    line = page.locator("#page-166-line-13")
    number, text_ = line.locator("a.line-number").bounding_box(), line.locator(".line-text").bounding_box()
    assert number["x"] + number["width"] <= text_["x"]  # the number beside its text, never over it
    if media == "screen":  # a long print line wraps, indented under its own text
        height = line.locator(".line-text").evaluate("e => parseFloat(getComputedStyle(e).lineHeight)")
        assert text_["height"] > 1.8 * height and text_["x"] + text_["width"] <= 375
        page.screenshot(path=str(review_dir / "print-phone.png"))
    page.close()


def test_the_generators_note_on_a_print_says_lost_texts_only_where_there_are(tmp_path):
    """The generator's `edition_note` (an edition that does not reword it): its sentence on lost note
    texts only where a note lost its text."""
    import re as regex
    project = make_edition(tmp_path, "printed")
    strings = project / "edition" / "i18n" / "en.yaml"
    strings.write_text(regex.sub(r"^edition_note: .*\n", "", strings.read_text(encoding="utf-8"), flags=regex.M),
                       encoding="utf-8")
    build_with_fixed_date(project / "edition", project / "build")
    note = parse_html(project / "build" / "en" / "pamphlet" / "index.html").xpath("string(//*[@id='edition-note'])")
    assert "notes are numbered continuously (1–3)" in note and "lost the text of 1 of them" in note
    tei = project / "edition" / "pamphlet.xml"
    tei.write_text(tei.read_text(encoding="utf-8").replace('<gap reason="lost"/>', "A note kept."), encoding="utf-8")
    build_with_fixed_date(project / "edition", project / "build")
    note = parse_html(project / "build" / "en" / "pamphlet" / "index.html").xpath("string(//*[@id='edition-note'])")
    assert "notes are numbered continuously" in note and "lost" not in note and "keeps" not in note
