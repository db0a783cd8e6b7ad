"""The generator, not only this edition: tiny editions (tests/roots/) built in tmp_path, read with XPath.

- article: born digital, nested divisions, lists, a figure, a bibliography, notes without ids, no pb;
- essay-pl: Polish, a language with no interface strings, plain footnotes, no translation;
- letter: German with French and English translations, an edition in three languages;
- rtl: a letter in Hebrew (right to left) with an English translation, in an English edition (test_directions.py);
- drama: a scene of a play, valid TEI with elements the ODD leaves out (test_outside_the_odd.py).
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, parse_html
from lxml import etree

from tei_edition import rules as rules_module
from tei_edition.cli import main
from tei_edition.tei import TEI_NS as TEI

ROOTS = Path(__file__).parent / "roots"
GOLDEN = Path(__file__).parent / "golden"


def make_edition(tmp_path: Path, name: str) -> Path:
    """A copy of tests/roots/<name> with the project's templates: what a user of the generator has."""
    project = tmp_path / name
    shutil.copytree(ROOTS / name, project)
    shutil.copytree(ROOT / "templates", project / "templates")
    return project


def build_root(tmp_path: Path, name: str, *extra: str, strict: bool = True) -> Path:
    project = make_edition(tmp_path, name)
    assert main(["build", *(["--strict"] if strict else []), "--edition", str(project / "edition"),
                 "--out", str(project / "build"), *extra]) == 0
    return project / "build"


# --- a born-digital article ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def article_site(tmp_path_factory, request) -> Path:
    from conftest import build_with_fixed_date
    project = make_edition(tmp_path_factory.mktemp("roots"), "article")
    build_with_fixed_date(project / "edition", project / "build")
    return project / "build"


@pytest.fixture(scope="module")
def article(article_site: Path):
    return parse_html(article_site / "en" / "born-digital" / "index.html")


def test_the_title_comes_from_the_header_without_a_title_page(article):
    assert article.xpath("string(//h1)") == "Rivers & Roads: A Born-Digital Essay"


def test_divisions_nest_with_their_headings(article):
    assert article.xpath("//section[@id='sec-1']/h2[@class='division-head']/i[.='section']")
    assert article.xpath("//section[@id='sec-1']//section[@id='sec-1-1']/h3[.='A nested section']")
    assert article.xpath("//div[@class='doc-front']/section[@id='preface']/h2[.='Preface']")


def test_a_table_of_contents_lists_the_sections(article):
    entries = article.xpath("//nav[@class='wayfinding']//div[@class='toc']//a")
    assert [(a.get("href"), a.text) for a in entries] == [
        ("#preface", "Preface"), ("#sec-1", "First section"), ("#sec-1-1", "A nested section"),
        ("#sec-2", "Second section"), ("#table-1", "Distances"), ("#bibliography", "Works cited"),
        ("#endnotes-title", "Notes"), ("#document-metadata-title", "About this document")]
    assert article.xpath("//nav[@class='wayfinding']//div[@class='toc']//li[@class='toc-level-2']/a[@href='#sec-1-1']")


def test_lists_figures_quotations_verse_and_tables(article, article_site: Path):
    assert article.xpath("//ul[@id='list-1']/li") and len(article.xpath("//ul[@id='list-1']/li")) == 3
    assert article.xpath("//p[@class='list-head'][.='Three kinds of road']")
    assert article.xpath("//dl[contains(@class,'gloss')]/dt[.='via']/following-sibling::dd[1][.='road (Latin)']")
    image = article.xpath("//figure[@id='fig-1']/img")[0]
    assert image.get("alt") == "Three lines crossing on a brown ground."
    assert (article_site / "en" / "born-digital" / image.get("src")).resolve() == \
        (article_site / "media" / "images" / "map.png").resolve()
    assert (article_site / "media" / "images" / "map.png").is_file()
    assert article.xpath("string(//figure[@id='fig-1']/figcaption)") == "Figure 1. A map of the roads"
    assert article.xpath("//blockquote[@id='quote-1']/p[.='A block quotation, with its own paragraph.']")
    assert article.xpath("//blockquote[@id='quote-2'][.='A quotation standing alone between blocks.']")
    # Inline: the browser adds the language's marks where the text types none (CSS: q.quote-marks).
    assert article.xpath("//q[@class='quote-marks'][.='an inline quotation']")
    assert article.xpath("//q[@class='quote'][.='one with its marks typed']")
    assert [line.text for line in article.xpath("//*[@id='verse-1']/span[@class='l']")] == [
        "The road goes ever on,", "down from the door."]
    assert article.xpath("//table[@id='table-1']/thead//th[.='Miles']")
    # cell@rows and @cols span rows and columns. A header is what the TEI marks role="label" (the
    # cell's own role, else its row's): it heads its row (the rows it spans), or in a row of labels
    # only, its column; a first cell that is data stays data.
    body = article.xpath("//table[@id='table-1']/tbody")
    assert len(body) == 1 and [len(row.xpath("th|td")) for row in body[0].xpath("tr")] == [3, 2, 1, 3, 2]
    assert body[0].xpath("tr[1]/th[@rowspan='2'][@scope='rowgroup'][.='Ford']")
    assert body[0].xpath("tr[2]/td[1][.='Bridge']") and not body[0].xpath("tr[2]/th")
    assert body[0].xpath("tr[3]/th[@colspan='3'][@scope='col'][.='Way back']")
    assert body[0].xpath("tr[4]/td[1][.='Mill']") and not body[0].xpath("tr[4]/th")
    assert body[0].xpath("tr[5]/th[@colspan='2'][@scope='row'][.='Total']")
    assert article.xpath("//table[@id='table-1'][@class='tei-table']")
    # A numbered list inside a paragraph: spans, numbered by the stylesheet.
    assert article.xpath("//p[contains(., 'Numbers:')]/span[@class='list ordered']/span[@class='item'][.='two']")


# Elements HTML allows only where a block may stand (not in a paragraph, a span, a link or a quotation).
BLOCKS = " or ".join(f"self::{tag}" for tag in ("div", "p", "blockquote", "figure", "figcaption", "table", "ul",
                                                 "ol", "dl", "li", "pre", "section", "h1", "h2", "h3", "h4"))


def test_no_block_stands_inside_running_text(article_site: Path, article):
    """A quotation with its source (cit) inside a paragraph is running text, as everything in it is;
    a browser would otherwise end the paragraph at the block and scatter the rest of it."""
    assert article.xpath("//p[contains(., 'A clue:')]/span[@class='cit']/q[.='Guard dog kept within sight (6)']")
    for page in article_site.rglob("*.html"):
        tree = parse_html(page)
        assert not tree.xpath(f"//*[self::p or self::span or self::a or self::q or self::code]//*[{BLOCKS}]"), page


def test_a_table_in_a_figure_and_other_elements_of_converted_documents(article):
    figure = article.xpath("//figure[@id='fig-2']")[0]
    region = figure.xpath("div[@class='table-scroll'][@role='region']")[0]
    assert region.get("aria-label") == "Clues and answers" and figure.xpath("figcaption[.='Clues and answers']")
    assert region.xpath("table/tr[1]/th[@scope='col']/text()") == ["Clue", "Answer"]
    assert region.xpath("table/tr[2]/td/text()") == ["Guard dog", "Collie"]
    # A gap's description is shown in its brackets; an edition statement in a reference is kept.
    assert article.xpath("string(//span[@class='gap'][@title='damage'])") == "[…: two lines torn away]"
    assert article.xpath("//li/span[@class='edition'][.='2nd ed.']")
    # An example of markup (egXML) is its markup as XML writes it (its "&" as "&amp;": copied, it is
    # well-formed), as a block or within the sentence.
    example = etree.parse(str(ROOTS / "article" / "edition" / "article.xml")).find(
        ".//{http://www.tei-c.org/ns/Examples}egXML")
    shown = article.xpath("string(//pre[@class='egxml']/code)")
    assert shown == '<p xml:id="ex">An <hi rend="italic">example</hi> &amp; more.</p>'
    assert "".join(example.itertext()) == "An example & more."
    assert article.xpath("//p[contains(., 'Inline,')]/code[@class='egxml'][.='<lb/>']")


def test_a_reference_reaches_any_element_with_an_id(article):
    """`ref target="#…"` to a bibliography entry, a division's heading or a segment: each id is on the
    page once, where its element begins (an empty anchor where the element's rule writes none)."""
    for target in ("poe", "head-2", "seg-1"):
        assert article.xpath("//a[@class='ref'][@href=$href]", href=f"#{target}"), target
        assert len(article.xpath("//*[@id=$id]", id=target)) == 1, target
    assert article.xpath("//h2[@id='head-2'][.='Second section']")
    assert article.xpath("//li[span[@class='anchor'][@id='poe']][contains(., 'Maps')]")
    # A note inside a link: its marker just after the link (a link holds no other); its paragraphs
    # are spans in the note's text.
    link = article.xpath("//a[@class='ref'][@href='#poe']")[0]
    assert link.xpath("string()") == "Poe (2003)" and link.getnext().get("href") == "#note-4"
    assert [p.text for p in article.xpath("//li[@id='note-4']//span[@class='p']")] == [
        "A note of two paragraphs,", "inside a link."]
    # A pointer has no text: it shows its target's heading.
    assert article.xpath("//a[@class='ptr'][@href='#fig-2'][.='Clues and answers']")


def test_links_and_editorial_marks(article):
    assert article.xpath("//a[@class='ref'][@href='https://example.org/roads'][.='a survey']")
    assert article.xpath("//a[@class='ref'][@href='#sec-2']") and article.xpath("//*[@id='sec-2']")
    # A misprint (choice of sic and corr) stays as in the source, marked, with its marker; the
    # editors' correction is in their note beside the paragraph.
    assert article.xpath("//p[@class='para']/span[@class='sic'][.='teh']"
                         "/following-sibling::*[1][self::a][@href='#ed1'][@data-number='*1']")
    assert not article.xpath("//p[@class='para'][contains(., 'The the text')]")
    note = article.xpath("//aside[@class='sidenotes']//li[@id='ed1'][@class='note note-editorial']")
    assert note and note[0].xpath("string(.//span[@class='corr'])") == "the"
    assert " ".join(note[0].xpath("string(.//span[@class='note-text'])").split()) == \
        "Thus in the source: “teh”. The editors' correction: “the”."
    assert article.xpath("//span[@class='gap'][.='[…]']") and article.xpath("//del[.='deleted']")
    assert article.xpath("//ins[.='added']") and article.xpath("//span[@class='unclear'][.='unclear']")


def test_notes_of_any_place_without_ids_are_numbered_and_linked(article):
    notes = article.xpath("//li[contains(@class,'note')][not(contains(@class,'note-editorial'))]")
    assert sorted(n.get("id") for n in notes) == ["note-1", "note-2", "note-3", "note-4"]
    assert article.xpath("//a[@class='noteref'][@href='#note-1']") and article.xpath("//a[@href='#note-2']")
    # A foot note beside its paragraph; an end note (place="end") with the others after the text.
    assert article.xpath("//aside[@class='sidenotes']//li[@id='note-2']")
    end = article.xpath("//section[@class='endnotes']//li[@id='note-1']")
    assert end and "An end note without an id." in end[0].text_content()
    assert not article.xpath("//aside//li[@id='note-1']")
    # A note written in the source's margin (place="margin") stands beside its text too, and says so.
    margin = article.xpath("//aside[@class='sidenotes']//li[@id='note-3'][contains(@class, 'note-margin')]")
    assert margin and margin[0].xpath("string(span[@class='note-printed note-place'])") == "(in the margin)"
    assert "Written in the margin." in margin[0].text_content()
    assert not article.xpath("//li[@id='note-2']//*[contains(@class, 'note-place')]")


def test_the_bibliography_in_back_is_published(article):
    entries = article.xpath("//div[@class='doc-back']//section[@id='bibliography']//ul/li")
    assert len(entries) == 3 and "Journal of Ways" in entries[1].text_content()  # (an empty bibl: no bullet)


def test_the_home_page_names_a_born_digital_documents_author_and_no_empty_source(article_site: Path):
    home = parse_html(article_site / "index.html")
    (item,) = home.xpath("//ul[@class='home-documents']/li[a[contains(@href, 'born-digital')]]")
    assert item.xpath("string(span[@class='home-source'])") == "Ann Example"  # the header's <author>


def test_the_citation_line_of_a_born_digital_document_names_its_author_and_ends_its_title(article):
    line = " ".join(article.xpath("string(//footer/p[@class='cite-as'])").split())
    assert line.endswith(": Ann Example. Rivers & Roads: A Born-Digital Essay. Digital edition, version 1.0.0 "
                         "of 2025-11-25."), line


def test_check_compares_no_print_lines_of_a_document_without_a_source(tmp_path: Path, capsys):
    project = make_edition(tmp_path, "article")
    assert main(["ledger", "--edition", str(project / "edition")]) == 0
    assert main(["check", "--edition", str(project / "edition")]) == 0
    out = capsys.readouterr().out
    assert "links:" in out and "fidelity" not in out, out


def test_a_document_without_print_or_archives_has_no_print_furniture(article, article_site: Path):
    assert not article.xpath("//*[contains(@class,'pagebreak')] | //p[@class='edition-note']")
    assert not (article_site / "en" / "archives").exists() and not article.xpath("//a[contains(@href,'archives')]")
    assert not (article_site / "en" / "born-digital" / "parallel").exists()
    assert (article_site / "tei" / "born-digital.xml").is_file()
    # No table declared as data (no `data:` in edition.yaml): no /data/, no data page, no link to one.
    assert not (article_site / "data").exists() and not (article_site / "en" / "data").exists()
    assert not article.xpath("//p[@class='table-data']") and article.xpath("//table")


def test_a_rule_that_drops_text_fails_the_build(tmp_path: Path, monkeypatch, capsys):
    """The text-preservation check, proved: <emph> made to lose its text stops the build."""
    broken = rules_module.Rule("emph", lambda tx, element, out: None)
    monkeypatch.setattr("tei_edition.inline.RULES", rules_module_rules().replaced("emph", broken))
    project = make_edition(tmp_path, "article")
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 1
    err = capsys.readouterr().err
    # Greedy matching finds the loss at the first character that cannot be matched: in the paragraph.
    text = (project / "edition" / "article.xml").read_text(encoding="utf-8").split("\n")
    start = next(n for n, line in enumerate(text, start=1) if '<p xml:id="intro">' in line)
    end = next(n for n, line in enumerate(text, start=1) if n >= start and "</p>" in line)
    line = int(re.search(r"article\.xml:(\d+): text lost: «", err).group(1))
    assert start <= line <= end and "a rendering rule drops it" in err


def rules_module_rules():
    from tei_edition.inline import RULES
    return RULES


def test_an_element_without_a_rule_is_a_warning_and_strict_makes_it_an_error(tmp_path: Path, capsys, monkeypatch):
    # Every element of the ODD has a rule: <district>'s taken away stands for one a newer ODD adds.
    table = rules_module_rules()
    monkeypatch.setattr("tei_edition.inline.RULES",
                        rules_module.RuleTable(tuple(rule for rule in table.rules if rule.element != "district")))
    project = make_edition(tmp_path, "article")
    tei = project / "edition" / "article.xml"
    text = tei.read_text(encoding="utf-8").replace("A word before", "A <district>word</district> before")
    tei.write_text(text, encoding="utf-8")
    line = next(n for n, content in enumerate(text.split("\n"), start=1) if "<district>" in content)
    args = ["build", "--edition", str(project / "edition"), "--out", str(project / "build")]
    assert main(args) == 0
    assert f"article.xml:{line}: warning: <district> has no rendering rule: shown as its text, in order (this is " \
           f"its first place); to render it as you want, add a rule in rules.py" in capsys.readouterr().err
    page = parse_html(project / "build" / "en" / "born-digital" / "index.html")
    assert page.xpath("//span[@class='tei-district'][.='word']"), "its text is kept, in order"
    assert main([*args, "--strict"]) == 1


@pytest.mark.parametrize("broken, message", [
    ('<ref target="https://example.org/roads">', '<ref target="javascript:alert(1)">'),
    ('<graphic url="images/map.png"/>', '<graphic url="../../secret.png"/>'),
])
def test_unsafe_links_and_images_are_located_errors(tmp_path: Path, capsys, broken, message):
    project = make_edition(tmp_path, "article")
    tei = project / "edition" / "article.xml"
    text = tei.read_text(encoding="utf-8").replace(broken, message)
    tei.write_text(text, encoding="utf-8")
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 1
    line = next(n for n, content in enumerate(text.split("\n"), start=1) if message in content)
    assert f"article.xml:{line}: " in capsys.readouterr().err


# --- a Polish essay, a language without interface strings -------------------------------------

def test_a_document_in_another_language_is_shown_in_it(tmp_path: Path):
    site = build_root(tmp_path, "essay-pl")
    page = parse_html(site / "en" / "esej" / "index.html")
    assert page.get("lang") == "en"
    assert page.xpath("//h1[@lang='pl'][.='O drogach i rzekach']")
    assert page.xpath("//div[@class='doc-body'][@lang='pl']//p[contains(., 'Zażółć gęślą jaźń')]")
    assert [n.get("id") for n in page.xpath("//li[contains(@class,'note')]")] == ["note-1", "note-2"]
    assert page.xpath("//li[@id='note-2']//b[.='pogrubieniem']")


def test_golden_page_of_the_polish_essay(tmp_path: Path):
    """One small golden: the essay's <main>. Regenerate with `python tests/regenerate_golden.py`."""
    site = build_root(tmp_path, "essay-pl")
    assert main_of(site / "en" / "esej" / "index.html") == (GOLDEN / "essay-pl.main.html").read_text(encoding="utf-8")


def main_of(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    return text[text.index("<main"):text.index("</main>") + len("</main>")] + "\n"


# --- interface strings: the generator's, and an edition's own ----------------------------------

def generator_strings(lang: str) -> dict:
    import yaml
    return yaml.safe_load((ROOT / "src" / "tei_edition" / "i18n" / f"{lang}.yaml").read_text(encoding="utf-8"))


def test_an_edition_needs_no_strings_of_its_own_in_a_language_the_generator_has(tmp_path: Path):
    project = make_edition(tmp_path, "article")
    shutil.rmtree(project / "edition" / "i18n")
    page = built_page(project)
    english = generator_strings("en")
    assert page.xpath("string(//a[@class='skip-link'])") == english["skip_to_content"]
    assert page.xpath("//nav//a[.=$name]", name=english["article"])


def test_an_editions_file_replaces_only_the_strings_it_gives(tmp_path: Path):
    project = make_edition(tmp_path, "article")
    (project / "edition" / "i18n" / "en.yaml").write_text("article: Essay\n", encoding="utf-8")
    page = built_page(project)
    english = generator_strings("en")
    assert page.xpath("//nav//a[.='Essay']") and not page.xpath("//nav//a[.=$name]", name=english["article"])
    assert page.xpath("string(//a[@class='skip-link'])") == english["skip_to_content"]


def test_a_language_the_generator_has_no_strings_in_gets_them_all_from_the_edition(tmp_path: Path, capsys):
    """The letter's German file without two strings: one error naming both, at the file."""
    project = make_edition(tmp_path, "letter")
    german = project / "edition" / "i18n" / "de.yaml"
    text = german.read_text(encoding="utf-8")
    german.write_text(re.sub(r"^(home|skip_to_content):.*\n", "", text, flags=re.M), encoding="utf-8")
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 1
    err = capsys.readouterr().err
    assert f"{german}: 2 interface string(s) missing: home, skip_to_content. The generator has no 'de' strings" \
           in err and err.count("interface string") == 1, err


# --- a letter in three languages --------------------------------------------------------------

def test_a_letter_in_three_languages(tmp_path: Path):
    site = build_root(tmp_path, "letter")
    german = parse_html(site / "de" / "brief" / "index.html")
    french = parse_html(site / "fr" / "brief" / "index.html")
    english = parse_html(site / "en" / "brief" / "index.html")
    assert german.xpath("//div[@class='salute'][contains(., 'Liebe')]/span[@class='persname'][.='Marie']")
    assert german.xpath("//div[@class='dateline']/time[@datetime='1890-05-01']")
    assert german.xpath("//div[@class='closer']/div[@class='signed'][contains(., 'Karl')]")
    assert german.xpath("//div[@class='postscript']//p[@id='ps']")
    assert french.get("lang") == "fr" and french.xpath("//p[@id='p1'][contains(., 'la route de')]")
    assert english.xpath("//p[@id='p1'][contains(., 'the road to')]")
    for lang in ("de", "fr", "en"):
        switch = parse_html(site / lang / "brief" / "index.html").xpath("//a[@class='lang-switch']/@hreflang")
        assert sorted(switch) == sorted({"de", "fr", "en"} - {lang})
    parallel = parse_html(site / "fr" / "brief" / "parallel" / "index.html")
    assert parallel.xpath("//section[@id='p1']/div[@class='parallel-cell']/div[@lang='de']")
    assert parallel.xpath("//section[@id='p1']/div[@class='parallel-cell']/div[@lang='fr'][contains(., 'route')]")
    # Every character of both bodies but white space and notes, the opener, closer and postscript (which have
    # no id) included, in its own column, in order; the opener beside the translation's opener.
    for lang, tei_file in (("de", "brief.xml"), ("fr", "brief.fr.xml")):
        body = etree.parse(str(ROOTS / "letter" / "edition" / tei_file)).find(f"{{{TEI}}}text/{{{TEI}}}body")
        etree.strip_elements(body, f"{{{TEI}}}note", with_tail=False)  # in rows of their own
        column = parallel.xpath(f"//section[not(@id='title')]/div/div[@class='parallel-text'][@lang='{lang}']")
        for added in parallel.xpath("//span[@class='readings']//*[@class='wit' or @class='omitted']"):
            added.drop_tree()  # the apparatus's sigla and "om." (its brackets, semicolons: below)
        shown = "".join(cell.text_content() for cell in column)
        assert re.sub(r"\s+", "", "".join(body.itertext())) == re.sub(r"[\s\[\];]", "", shown)
    # A note in the closer, which has no id: its row, and back to the nearest row above with one.
    closer_note = parallel.xpath("//section[@id='n2']")[0]
    assert "son frère" in closer_note.text_content() and closer_note.xpath(".//a[@class='note-backref']/@href") \
        == ["#lg1", "#lg1"]
    note = parallel.xpath("//section[@id='n1']")[0]  # a born-digital note has no printed page to give
    assert "sœur" in note.text_content() and not note.xpath(".//*[@class='note-printed']")
    opener = parallel.xpath("//section[contains(@class, 'parallel-unnumbered')]")[0]
    assert "Liebe" in opener.xpath("string(div[1])") and "Chère" in opener.xpath("string(div[2])")
    # Translators: a person (editor role="translator", persName with surname and forename) and an
    # organisation (respStmt xml:id="translator", orgName), each as what it is for a reference manager.
    for lang, kind, csl, bib in (
            ("en", "Person", {"family": "Lindqvist", "given": "Ada"}, "translator = {Lindqvist, Ada}"),
            ("fr", "Organization", {"literal": "Atelier Babel & Cie"}, r"translator = {{Atelier Babel \& Cie}}")):
        work = json.loads(parse_html(site / lang / "brief" / "index.html").xpath(
            "string(//script[@type='application/ld+json'])"))
        assert [t["@type"] for t in work["translator"]] == [kind]
        items = json.loads((site / "cite" / f"brief.{lang}.json").read_text(encoding="utf-8"))
        assert [item["translator"] for item in items if "translator" in item] == [[csl]]
        assert bib in (site / "cite" / f"brief.{lang}.bib").read_text(encoding="utf-8")



def test_a_translation_that_leaves_out_a_block_without_an_id_is_a_located_error(tmp_path: Path, capsys):
    """The letter's closer has no id: a translation without it would pass the units' check unnoticed."""
    project = make_edition(tmp_path, "letter")
    french = project / "edition" / "brief.fr.xml"
    text = french.read_text(encoding="utf-8")
    broken = re.sub(r"<closer>.*?</closer>", "", text, flags=re.S)
    french.write_text(broken, encoding="utf-8")
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 1
    line = broken[:broken.index("<postscript")].count("\n") + 1
    original = (project / "edition" / "brief.xml").read_text(encoding="utf-8")
    closer = original[:original.index("<closer>")].count("\n") + 1
    assert f"{french}:{line}: after #lg1, brief.xml (line {closer}) has <closer>, <postscript> without an xml:id, " \
           f"this translation <postscript>" in capsys.readouterr().err


def test_a_verse_group_with_an_id_is_translated_with_it(tmp_path: Path, capsys):
    """`tei-edition ids` gives verse groups, figures and divisions ids: the translation must carry them
    (the parallel view pairs them, and each is an anchor of every language's page)."""
    project = make_edition(tmp_path, "letter")
    french = project / "edition" / "brief.fr.xml"
    french.write_text(french.read_text(encoding="utf-8").replace(' xml:id="lg1" corresp="brief.xml#lg1"', ""),
                      encoding="utf-8")
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 1
    original = (project / "edition" / "brief.xml").read_text(encoding="utf-8")
    verse = original[:original.index('<lg xml:id="lg1"')].count("\n") + 1
    assert f"{french}: no translation of brief.xml#lg1 (at brief.xml:{verse})" in capsys.readouterr().err


def test_a_document_without_a_translation_links_no_parallel_view(tmp_path: Path):
    """In an edition of several languages, a document that has no translation is shown in its own
    language under each interface, and has no parallel view to link (nor a broken link to one)."""
    project = make_edition(tmp_path, "letter")
    config = project / "edition" / "edition.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text[:text.index("    translations:")], encoding="utf-8")
    assert main(["build", "--strict", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 0
    for lang in ("de", "fr", "en"):
        page = parse_html(project / "build" / lang / "brief" / "index.html")
        assert page.xpath("//main//p[@id='p1'][@lang='de' or ancestor::*[@lang='de']]")
        assert not page.xpath("//a[contains(@href, 'parallel')]")
        assert not (project / "build" / lang / "brief" / "parallel").exists()
        # Its other languages' pages show the same text: no passage "in another language" to offer.
        assert page.xpath("//details[@class='cite']") and not page.xpath("//p[@class='passage-in']")
        # The boxes and labels in the page's language say so, inside the German text.
        boxes = page.xpath("//details[@class='cite']/@lang") + page.xpath("//a[@class='para-number']/@lang")
        assert set(boxes) == ({lang} if lang != "de" else set()) and (lang == "de" or len(boxes) > 2)
    home = parse_html(project / "build" / "index.html")  # its German title, marked as German under each language
    assert home.xpath("//section[@lang='fr']//a[contains(@href, 'brief')]/@lang") == ["de"]
    assert home.xpath("//section[@lang='de']//a[contains(@href, 'brief')][not(@lang)]")

# --- ids, once, then protected by the ledger -------------------------------------------------

def test_ids_are_written_once_and_the_ledger_protects_them(tmp_path: Path, capsys):
    project = make_edition(tmp_path, "article")
    tei = project / "edition" / "article.xml"
    before = tei.read_text(encoding="utf-8")
    edition = ["--edition", str(project / "edition")]
    assert main(["ids", *edition]) == 0
    after = tei.read_text(encoding="utf-8")
    # Only ids were added: removing them gives the file back, byte for byte.
    written = r' xml:id="(?:p|para|div|note-|table|fig|lg)[0-9]+"'
    units = (f"{{{TEI}}}{name}" for name in ("p", "div", "note", "table", "figure", "lg"))
    lacking = [e for e in etree.fromstring(before.encode()).find(f"{{{TEI}}}text").iter(*units)
               if e.get("{http://www.w3.org/XML/1998/namespace}id") is None]
    assert len(re.findall(written, after)) == len(lacking) > 0 and re.sub(written, "", after) == re.sub(
        written, "", before)
    assert main(["ids", *edition]) == 0 and tei.read_text(encoding="utf-8") == after, "a second run changes nothing"
    assert main(["ledger", *edition]) == 0
    out = ["--out", str(project / "build")]
    assert main(["build", "--strict", *edition, *out]) == 0
    page = parse_html(project / "build" / "en" / "born-digital" / "index.html")
    # The body's paragraphs are p1…pN as the page numbers them (the first has its own id, intro).
    # (a note of a document that is no print keeps the id its page gave it: note-2)
    assert page.xpath("//p[@id='p2'][a[@class='para-number']/@data-number='2']") and page.xpath("//li[@id='note-2']")
    assert page.xpath("//*[@id='para1'][contains(., 'A word before the essay.')]")  # the preface's
    # A paragraph inserted before p3 changes no other id's meaning; deleting p3 breaks a promise.
    tei.write_text(after.replace('<p xml:id="p3">', '<p xml:id="p-new">A new paragraph.</p><p xml:id="p3">'),
                   encoding="utf-8")
    assert main(["ledger", *edition]) == 0 and main(["build", "--strict", *edition, *out]) == 0
    tei.write_text(after.replace('<p xml:id="p3">', "<p>"), encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "--strict", *edition, *out]) == 1
    assert "published anchor born-digital#p3 (p) has disappeared" in capsys.readouterr().err


def test_the_header_is_shown(article, tmp_path: Path):
    """Title, authors, responsibility, publication, source description and correspondence."""
    about = {dt.text: [dd.text for dd in dt.itersiblings() if dd.tag == "dd"][:1]
             for dt in article.xpath("//section[@class='document-metadata']//dt")}
    assert about["Title"] == ["Rivers & Roads: A Born-Digital Essay"] and about["Author"] == ["Ann Example"]
    assert about["Publication"] == ["Written for the tests of tei-edition."]
    assert about["Source"] == ["Born digital."]
    letter = parse_html(build_root(tmp_path, "letter") / "de" / "brief" / "index.html")
    sent = letter.xpath("//section[@class='document-metadata']//dt[.='Sent']/following-sibling::dd")
    assert [dd.text for dd in sent[:3]] == ["Karl Beispiel", "Wien", "1. Mai 1890"]
    # A series (seriesStmt) and a manuscript's identifier, its parts apart.
    about = {dt.text: [dd.text for dd in dt.xpath("following-sibling::dd[preceding-sibling::dt[1] = $dt]", dt=dt)]
             for dt in letter.xpath("//section[@class='document-metadata']//dt")}
    assert about["Series"][0] == "Briefe der Familie Beispiel, 2"
    assert about["Source"] == ["Wien, Stadtarchiv, Briefe 12"]

    assert about["Witnesses"] == ["A: Der abgesandte Brief", "B: Der Entwurf", "C¹: Die Abschrift der Schwester"]


def test_a_critical_apparatus_shows_the_lemma_and_every_reading_with_its_witnesses(tmp_path: Path):
    """The letter's `app`: the lemma in the text, then each reading after its sigla (titled with the
    witness's description from `listWit`; a number `n` before the id), an empty reading as "om.";
    without its readings the text-preservation check refuses the page."""
    project = make_edition(tmp_path, "letter")
    build = ["build", "--strict", "--edition", str(project / "edition"), "--out", str(project / "build")]
    assert main(build) == 0
    page = parse_html(project / "build" / "de" / "brief" / "index.html")
    app, = page.xpath("//p[@id='p1']//span[@class='app']")
    assert app.xpath("string(span[@class='lem'])") == "überschwemmt"
    assert " ".join(app.xpath("string(span[@class='readings'])").split()) == "[A; B überflutet; C¹ om.]"
    sigla = app.xpath("span[@class='readings']//abbr[@class='wit']")
    assert [(a.text, a.get("title")) for a in sigla] == [
        ("A", "Der abgesandte Brief"), ("B", "Der Entwurf"), ("C¹", "Die Abschrift der Schwester")]
    assert app.xpath("string(.//span[@class='rdg'][2]/i[@class='omitted'])") == "om."
    # A lemma without witnesses, a reading whose witness the header does not list: the siglum alone.
    tei = project / "edition" / "brief.xml"
    text = tei.read_text(encoding="utf-8")
    tei.write_text(text.replace('<lem wit="#A">', "<lem>").replace('wit="#B"', 'wit="#D"'), encoding="utf-8")
    assert main(build) == 1  # (--strict: the undeclared witness's warning stops it)
    assert main([argument for argument in build if argument != "--strict"]) == 0
    app, = parse_html(project / "build" / "de" / "brief" / "index.html").xpath("//span[@class='app']")
    assert " ".join(app.xpath("string(span[@class='readings'])").split()) == "[D überflutet; C¹ om.]"
    assert app.xpath("span[@class='readings']/span[1]/span[@class='wit']/text()") == ["D"]


def test_a_reading_the_page_does_not_show_is_text_lost(tmp_path: Path, capsys, monkeypatch):
    """A rule that shows only the lemma loses the readings: the build stops, at the reading's line."""
    from tei_edition import inline, rules
    only_lemma = rules.Rule("app", lambda tx, element, out: tx.children(element.find(f"{{{TEI}}}lem"), out))
    monkeypatch.setattr(inline, "RULES", inline.RULES.replaced("app", only_lemma))
    project = make_edition(tmp_path, "letter")
    assert main(["build", "--strict", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 1
    err = capsys.readouterr().err
    assert "text lost" in err and "brief.xml:" in err, err


# --- a table declared as data, in another edition ------------------------------------------------

DUTY_TABLE = """<table xml:id="table-1">
          <head>Duties</head>
          <row role="label"><cell>No.</cell><cell>Goods</cell><cell>Duty</cell></row>
          <row><cell>1</cell><cell xml:id="g1">Tea <measure type="basis" quantity="1" unit="lb">per lb</measure></cell>
            <cell><measure type="duty" quantity="2" unit="shilling" corresp="#g1">2 s.</measure></cell></row>
          <row><cell>2</cell><cell xml:id="g2">Raw silk</cell>
            <cell><measure type="duty-free" corresp="#g2">Free</measure></cell></row>
          <row><cell>3</cell>
            <cell xml:id="g3">Cloth <measure type="basis" quantity="1" unit="yard">per yard</measure></cell>
            <cell><measure type="duty" quantity="6" unit="penny" corresp="#g3">6 d.</measure></cell></row>
        </table>"""
DATA_YAML = """tables:
  - name: duties
    document: born-digital
    table: table-1
    title: {en: Duties}
    columns: [number, goods, duty]
    money: {unit: penny, factors: {shilling: 12, penny: 1}}
    weights: {lb: "0.45359237"}
    schema_language: en
    fields:
""" + "".join(f"      {name}: {{en: The {name}}}\n" for name in (
    "line", "number", "item", "sub_item", "goods_en", "duty_free", "duty_printed", "rate", "unit", "rate_per_kg",
    "flags", "class", "class_basis"))


def test_any_edition_can_publish_a_table_of_its_own_as_data(tmp_path: Path):
    """Other columns, another currency and weight, no translation, no classes: the same generator."""
    import json
    project = make_edition(tmp_path, "article")
    tei = project / "edition" / "article.xml"
    text = tei.read_text(encoding="utf-8")
    start, end = text.index('<table xml:id="table-1">'), text.index("</table>") + len("</table>")
    tei.write_text(text[:start] + DUTY_TABLE + text[end:], encoding="utf-8")
    (project / "edition" / "data.yaml").write_text(DATA_YAML, encoding="utf-8")
    config = project / "edition" / "edition.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "data: data.yaml\n", encoding="utf-8")
    assert main(["build", "--strict", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 0
    records = json.loads((project / "build" / "data" / "duties.json").read_text(encoding="utf-8"))
    assert [(r["line"], r["number"], r["goods_en"], r["rate"], r["unit"], r["rate_per_kg"], r["flags"])
            for r in records] == [
        ("g1", "1", "Tea per lb", 24, "lb", round(24 / 0.45359237, 4), None),
        ("g2", "2", "Raw silk", None, None, None, None),
        ("g3", "3", "Cloth per yard", 6, "yard", None, "no-factor"),  # no weight factor: no guess
    ]
    assert (project / "build" / "data" / "duties.en.svg").is_file()
    page = parse_html(project / "build" / "en" / "data" / "index.html")
    assert page.get_element_by_id("data-duties") is not None
    article = parse_html(project / "build" / "en" / "born-digital" / "index.html")
    assert article.xpath("//p[@class='table-data']/a/@href") == ["../data/#data-duties"]


def test_nu_html_checker_finds_no_error_in_the_test_roots(tmp_path: Path):
    """The generator's output for other documents (a born-digital article with every kind of block,
    a letter in three languages, a Polish essay, a Hebrew letter, a play whose drama elements no rule
    renders), not only this edition's, is valid HTML."""
    from support.gates import format_vnu_errors, run_vnu
    for name in ("article", "letter", "essay-pl", "rtl", "drama"):
        build_root(tmp_path, name, strict=name != "drama")
        shutil.rmtree(tmp_path / name / "templates")  # only the built pages are checked
        shutil.rmtree(tmp_path / name / "edition")
    errors = run_vnu(tmp_path)
    assert errors == [], format_vnu_errors(errors)


# --- page breaks of documents that are not prints ---------------------------------------------------

def with_pages(tmp_path: Path, pages: str) -> tuple[Path, Path, str]:
    """The article root with page breaks in its first paragraph (it has none): (project, TEI, text)."""
    project = make_edition(tmp_path, "article")
    tei = project / "edition" / "article.xml"
    text = tei.read_text(encoding="utf-8").replace("Roads are <emph>", f"Roads {pages}are <emph>")
    tei.write_text(text, encoding="utf-8")
    return project, tei, text


def test_a_page_s_image_is_linked_from_its_marker(tmp_path: Path, capsys):
    """`pb/@facs`: the page's marker links to its image, one beside the TEI (copied into the site) or a
    surface of the facsimile whose graphic is elsewhere (a link: the page loads nothing from there), in a
    paragraph and between blocks; a page without one keeps its own address."""
    project, tei, text = with_pages(tmp_path, '<pb n="1v" facs="images/map.png"/>and <pb n="2r"/>')
    text = text.replace("</teiHeader>", '</teiHeader><facsimile><surface xml:id="s2"><graphic '
                        'url="https://example.org/iiif/2/full/max/0/default.jpg"/></surface></facsimile>', 1)
    text = text.replace('<div xml:id="sec-1">', '<div xml:id="sec-1"><pb n="1r" facs="#s2"/>', 1)
    tei.write_text(text, encoding="utf-8")
    page = built_page(project)
    markers = page.xpath("//a[contains(@class, 'pagebreak')]")
    assert [(a.get("data-page"), a.get("href"), a.get("aria-label"), a.get("id")) for a in markers] == [
        ("1r", "https://example.org/iiif/2/full/max/0/default.jpg", "Facsimile of page 1r", "page-1r"),
        ("1v", "../../media/images/map.png", "Facsimile of page 1v", "page-1v"),
        ("2r", "#page-2r", "Page 2r", "page-2r")]
    assert markers[0].xpath("parent::div[@class='pagebreak-block']")
    assert (project / "build" / "media" / "images" / "map.png").is_file()
    # A facs that leads to no image is a located error, each one.
    tei.write_text(text.replace('facs="images/map.png"', 'facs="images/missing.png"')
                   .replace('facs="#s2"', 'facs="#sec-1"'), encoding="utf-8")
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 1
    err = capsys.readouterr().err
    assert 'pb facs="images/missing.png": no such image' in err and 'pb facs="#sec-1" points to no image' in err


def test_a_manuscripts_folios_and_unnumbered_breaks(tmp_path: Path):
    """Folio numbers, page breaks without an id or a number, and one inside furniture (a signature mark)."""
    project, _, _ = with_pages(tmp_path, '<pb n="1v"/>and <pb/>here <fw type="sig">A2<pb n="2r" xml:id="f2r"/></fw>')
    page = built_page(project)
    assert [a.get("id") for a in page.xpath("//a[contains(@class, 'pagebreak')]")] == ["page-1v", "page-2r"]
    assert page.xpath("//*[@id='f2r']") and "A2" not in page.xpath("string(//p[@id='intro'])")
    # Not a print: no note about a print's pages and printed note numbers.
    assert not page.xpath("//*[@id='edition-note']")


def test_two_paginations_are_told_apart(tmp_path: Path):
    """A page of another edition's pagination (`ed`: a reprint's, another foliation) is marked as that
    edition's ("A-5": #page-A-5), so the same number in two paginations is two addresses; a number
    a pagination repeats (a misnumbered reprint) is a page of its own, #page-A-5-2."""
    project, _, _ = with_pages(tmp_path, '<pb n="1v"/>and <pb n="5" ed="A"/>here <pb n="1v" ed="B"/>'
                                         'then <pb n="5" ed="A"/>')
    page = built_page(project)
    markers = page.xpath("//a[contains(@class, 'pagebreak')]")
    assert [(a.get("id"), a.get("data-page"), a.get("aria-label")) for a in markers] == [
        ("page-1v", "1v", "Page 1v"), ("page-A-5", "A-5", "Page A-5"), ("page-B-1v", "B-1v", "Page B-1v"),
        ("page-A-5-2", "A-5", "Page A-5")]


def test_a_page_label_of_words_or_another_script_is_its_address_with_hyphens(tmp_path: Path):
    """DocSouth's plates ("plate after page 10"), its corrected numbers ("161[261]", "267 [sic]") and a
    Russian archive's verso ("5 об.") stopped the build: a page number was letters, digits, '.',
    '_' or '-' only."""
    project, _, _ = with_pages(tmp_path, '<pb n="10"/>and <pb n="plate facing page 104 (verso)"/>here <pb n="5 об."/>'
                                         'there <pb n="1" ed="first ed."/>a <pb n="161[261]"/>b <pb n="267 [sic]"/>')
    markers = built_page(project).xpath("//a[contains(@class, 'pagebreak')]")
    assert [(a.get("id"), a.get("data-page")) for a in markers] == [
        ("page-10", "10"), ("page-plate-facing-page-104-(verso)", "plate facing page 104 (verso)"),
        ("page-5-об.", "5 об."), ("page-first-ed.-1", "first ed.-1"), ("page-161-261", "161[261]"),
        ("page-267-sic", "267 [sic]")]


@pytest.mark.parametrize("pages, message", [
    (f'<pb n="{"x" * 41}"/>', f'pb n="{"x" * 40}": a page or folio number, and an edition\'s name, is at most 40 '
                              f'characters, with a letter or digit'),
    ('<pb n="1"/>x <pb n="3" ed="[ ]"/>', 'pb ed="[ ]": a page or folio number, and an edition\'s'),
    ('<pb n="--"/>', 'pb n="--": a page or folio number'),
])
def test_a_page_number_that_cannot_be_an_address_is_a_located_error(tmp_path: Path, capsys, pages, message):
    project, tei, text = with_pages(tmp_path, pages)
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 1
    line = next(n for n, content in enumerate(text.split("\n"), start=1) if "<pb" in content)
    assert f"{tei}:{line}: {message.format(line=line)}" in capsys.readouterr().err


def test_every_missing_image_and_unsafe_link_is_reported_at_once(tmp_path: Path, capsys):
    project = make_edition(tmp_path, "article")
    tei = project / "edition" / "article.xml"
    text = tei.read_text(encoding="utf-8").replace('<graphic url="images/map.png"/>',
                                                     '<graphic url="images/gone.png"/><graphic url="images/lost.png"/>')
    text = text.replace('<ref target="https://example.org/roads">', '<ref target="letters/K_0588.xml">')
    tei.write_text(text, encoding="utf-8")
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 1
    err = capsys.readouterr().err
    line_of = {key: next(n for n, content in enumerate(text.split("\n"), start=1) if key in content)
               for key in ("gone.png", "K_0588")}
    assert f'{tei}:{line_of["gone.png"]}: graphic url="images/gone.png": no such image' in err
    assert f'{tei}:{line_of["gone.png"]}: graphic url="images/lost.png": no such image' in err
    assert f'{tei}:{line_of["K_0588"]}: <ref target="letters/K_0588.xml">: a link must be #id' in err
    assert err.splitlines()[-1] == "3 error(s); nothing was written"


# --- more documents written elsewhere (a sermon edition, an OpenEdition article, an inscription) ---

def edited(tmp_path: Path, *replacements: tuple[str, str]) -> tuple[Path, Path]:
    """The article root with its TEI changed: (project, TEI file)."""
    project = make_edition(tmp_path, "article")
    tei = project / "edition" / "article.xml"
    text = tei.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    tei.write_text(text, encoding="utf-8")
    return project, tei


def built_page(project: Path):
    """The article's reading page, built with --strict (which must succeed)."""
    assert main(["build", "--strict", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 0
    return parse_html(project / "build" / "en" / "born-digital" / "index.html")


def test_a_note_standing_apart_is_read_where_it_points(tmp_path: Path):
    """Notes with a `target`, written in the back: each marker at the end of the paragraph, inside the
    bibliography entry, in the heading of the division it annotates, and its text beside it; the
    division they were written in keeps its heading and shows no marker."""
    project, _ = edited(tmp_path, ("<back>", '<back><div type="notes" xml:id="comments"><head>Comments</head>'
                                             '<p>Three: <note target="#intro">On the first paragraph.</note> '
                                             '<note target="#poe">On Poe.</note> <note target="#sec-2">On the '
                                             'second section.</note> end.</p></div>'))
    page = built_page(project)

    def marked(text: str) -> list[str]:
        """Where the marker of the note with this text stands: its parent's tag and id (or its class)."""
        note_id = page.xpath("//li[contains(@class, 'note')][contains(., $t)]/@id", t=text)[0]
        ref = page.xpath("//a[@class='noteref'][@href=$h]", h=f"#{note_id}")[0]
        parent = ref.getparent()
        return [parent.tag, parent.get("id") or parent.get("class")]

    assert marked("On the first paragraph.") == ["p", "intro"]
    assert marked("On Poe.")[0] == "li" and page.xpath("//li[span[@id='poe']]/a[@class='noteref']")
    assert marked("On the second section.") == ["h2", "head-2"]
    comments = page.xpath("//section[@id='comments']")[0]
    assert comments.xpath("string(h2)") == "Comments" and not comments.xpath(".//a[@class='noteref']")
    assert " ".join(comments.xpath("string(.//p)").split()) == "Three: end."


def test_ids_of_units_of_a_born_digital_text_are_its_own(tmp_path: Path):
    """A note whose id looks like a print's (n2) numbers nothing: notes are numbered in reading order;
    a page break between blocks is marked (#page-<n>); one line break does not make a print, whose
    ledger would record no division or verse group."""
    project, tei = edited(tmp_path, ('<note place="end">An end', '<note place="end" xml:id="n2">An end'),
                          ('<div xml:id="sec-1">', '<div xml:id="sec-1"><pb n="3" xml:id="pg3"/>'))
    edition = ["--edition", str(project / "edition")]
    assert main(["ids", *edition]) == 0 and main(["ledger", *edition]) == 0
    ledger = (project / "edition" / "anchors.tsv").read_text(encoding="utf-8")
    assert "born-digital\tsec-1\tdiv\n" in ledger and "born-digital\tverse-1\tlg\n" in ledger
    assert "born-digital\tpage-3\tp. 3\n" in ledger and "born-digital\tn2\tnote\n" in ledger
    assert main(["build", "--strict", *edition, "--out", str(project / "build")]) == 0
    page = parse_html(project / "build" / "en" / "born-digital" / "index.html")
    assert page.xpath("//a[@id='nref-1'][@href='#n2']")  # (it was numbered 2, as the next one is: twice nref-2)
    second = page.xpath("string(//a[@id='nref-2']/@href)")
    assert second not in ("", "#n2") and page.xpath("//li[@id=$id]", id=second[1:])
    assert page.xpath("//a[@id='page-3']")
    # Lines without numbered pages are no print either: the ledger still names each unit's kind.
    project, tei = edited(tmp_path / "lines", ("A word before the essay.", "A word<lb/>before the essay."))
    edition = ["--edition", str(project / "edition")]
    assert main(["ids", *edition]) == 0 and main(["ledger", *edition]) == 0
    ledger = (project / "edition" / "anchors.tsv").read_text(encoding="utf-8")
    assert "born-digital\tsec-1\tdiv\n" in ledger and "born-digital\tverse-1\tlg\n" in ledger


def test_an_authors_affiliation_is_not_their_name(tmp_path: Path):
    project, _ = edited(tmp_path, ("<author>Ann Example</author>",
                                   "<author><persName><forename>Ann</forename><surname>Example</surname></persName>"
                                   "<affiliation>University of Somewhere, France</affiliation></author>"))
    assert main(["build", "--strict", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 0
    items = json.loads((project / "build" / "cite" / "born-digital.en.json").read_text(encoding="utf-8"))
    assert [item["author"] for item in items] == [[{"family": "Example", "given": "Ann"}]]


def test_an_originals_supplied_words_block_quotations_in_q_and_an_inscriptions_lines(tmp_path: Path):
    project, _ = edited(tmp_path, ("A word before the essay.",
                                   'A word <supplied reason="lost">before</supplied> the essay.'),
                        ('<quote xml:id="quote-2">A quotation standing alone between blocks.</quote>',
                         '<q rend="block"><lg><l>One line,</l><l>another.</l></lg></q>'
                         '<ab><lb n="1"/>D M<lb n="2"/>SANCTISSIMAE</ab>'))
    page = built_page(project)
    assert page.xpath("//span[@class='supplied'][@title='Supplied by the editors: lost'][.='[before]']")
    assert page.xpath("//blockquote[@class='quote']//span[@class='l'][.='One line,']")
    ab = page.xpath("//*[contains(@class, 'ab') or self::p][contains(., 'SANCTISSIMAE')]")[-1]
    assert len(ab.findall("br")) == 1, "a line break between the two lines, none before the first"


def test_ids_leaves_a_file_the_schema_refuses_as_it_is(tmp_path: Path, capsys):
    project, tei = edited(tmp_path, ("<p>A word before the essay.</p>", "<p>A word <frob>before</frob> the essay.</p>"))
    before = tei.read_bytes()
    assert main(["ids", "--edition", str(project / "edition")]) == 1
    assert f"{tei}:" in capsys.readouterr().err and tei.read_bytes() == before


def test_names_keyed_to_another_index_without_registers_are_names(tmp_path: Path):
    """A name's ref into the project's own prosopography (a key, another file) where the edition keeps
    no registers of names: shown as the name, no link, no error."""
    project, _ = edited(tmp_path, ("<said>agreed</said>", '<said>agreed</said> with <persName '
                                   'ref="persons.xml#roe">Rita Roe</persName>'))
    page = built_page(project)
    assert page.xpath("//span[@class='persname'][.='Rita Roe']") and not page.xpath("//a[contains(@class, 'mention')]")


def test_a_headers_volume_title_and_structured_source(tmp_path: Path):
    """The heading is the document's title, not its volume's; a source given as parts reads as parts."""
    project, _ = edited(tmp_path, ('<title type="main">Rivers &amp; Roads: A Born-Digital Essay</title>',
                                   '<title type="volume">Collected Essays</title>'
                                   '<title type="formal">Rivers &amp; Roads: A Born-Digital Essay</title>'),
                        ("<sourceDesc><p>Born digital.</p></sourceDesc>",
                         "<sourceDesc><bibl><author>Ann Example</author><title>Roads</title><pubPlace>Basel"
                         "</pubPlace><date>2018</date></bibl></sourceDesc>"))
    page = built_page(project)
    assert page.xpath("string(//h1)") == "Rivers & Roads: A Born-Digital Essay"
    assert page.xpath("//dt[.='Source']/following-sibling::dd[1][.='Ann Example, Roads, Basel, 2018']")


def test_a_publishing_platforms_renditions_an_expansion_and_a_facsimile(tmp_path: Path):
    """hi rendition="#T1" reads the CSS the header's tagsDecl declares; an editor's expansion (ex) is
    in parentheses, as Leiden prints it; a facsimile beside the text is kept, not shown."""
    project, _ = edited(tmp_path,
                        ("</fileDesc>", '</fileDesc><encodingDesc><tagsDecl><rendition xml:id="T1" scheme="css">'
                                        "font-style: italic;</rendition></tagsDecl></encodingDesc>"),
                        ("</teiHeader>", '</teiHeader><facsimile><surface xml:id="s1"><graphic url="images/map.png"/>'
                                         "</surface></facsimile>"),
                        ("Roads are <emph>older</emph>", 'Roads are <hi rendition="#T1">older</hi>'),
                        ("A word before the essay.", "A word before the essay, <expan>D<ex>is</ex></expan>."))
    page = built_page(project)
    assert page.xpath("//p[@id='intro']/i[contains(@class, 'hi')][.='older']")
    assert page.xpath("//span[@class='expan'][.='D(is)']/span[@class='ex'][.='(is)']")


def test_a_language_tag_written_as_iso_639_2_is_a_located_error_with_the_bcp_47_tag(tmp_path: Path, capsys):
    """"ger" for German: browsers, screen readers and the Nu checker read only "de"; the error names it,
    and a root without xml:lang is told the tag its langUsage means."""
    project, tei = edited(tmp_path, ('<foreign xml:lang="la">via</foreign>', '<foreign xml:lang="ger">via</foreign>'))
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 1
    lines = tei.read_text(encoding="utf-8").split("\n")
    line = next(n for n, content in enumerate(lines, start=1) if '"ger"' in content)
    assert f"{tei}:{line}: xml:lang: 'ger' is an ISO 639-2 code: BCP 47 writes this language 'de'" \
        in capsys.readouterr().err
    text = tei.read_text(encoding="utf-8").replace('xml:lang="ger"', 'xml:lang="la"')
    tei.write_text(text.replace('<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">',
                                '<TEI xmlns="http://www.tei-c.org/ns/1.0">').replace(
        "</fileDesc>", '</fileDesc><profileDesc><langUsage><language ident="eng">English</language></langUsage>'
                       "</profileDesc>"), encoding="utf-8")
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 1
    assert 'e.g. <TEI xml:lang="en">' in capsys.readouterr().err
