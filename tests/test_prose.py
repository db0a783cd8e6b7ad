"""Prose pages written in Markdown: one per language, linked from every page's menu, HTML escaped."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import parse_html
from lxml import etree

from tei_edition.errors import EditionError
from tei_edition.prose import load_pages


def test_about_pages_in_both_languages(built_site: Path):
    for lang, title in (("ru", "Об издании"), ("en", "About this edition")):
        page = parse_html(built_site / lang / "about" / "index.html")
        assert page.get("lang") == lang
        assert page.xpath("string(//main//h1)") == title
        assert page.xpath("//a[@class='lang-switch']/@href") == [f"../../{'en' if lang == 'ru' else 'ru'}/about/"]
        article = parse_html(built_site / lang / "shemetova-2020" / "index.html")
        assert "../about/" in article.xpath("//nav//a/@href")


def test_markdown_cannot_inject_html(tmp_path: Path):
    (tmp_path / "about.ru.md").write_text("# О\n\n<script>alert(1)</script> *текст*\n", encoding="utf-8")
    (tmp_path / "about.en.md").write_text("# About\n\ntext\n", encoding="utf-8")
    page = next(p for p in load_pages(tmp_path, ("ru", "en")) if p.lang == "ru")
    assert "<script>" not in page.html and "&lt;script&gt;" in page.html and "<em>текст</em>" in page.html
    assert page.title == "О"


def test_a_page_missing_in_one_language_is_a_located_error(tmp_path: Path):
    (tmp_path / "about.ru.md").write_text("# О\n", encoding="utf-8")
    with pytest.raises(EditionError) as error:
        load_pages(tmp_path, ("ru", "en"))
    assert str(error.value) == f"{tmp_path / 'about.en.md'}: the page 'about' has no en version: write about.en.md"


def test_a_page_without_a_title_is_a_located_error(tmp_path: Path):
    (tmp_path / "about.ru.md").write_text("Текст без заголовка\n", encoding="utf-8")
    (tmp_path / "about.en.md").write_text("# About\n", encoding="utf-8")
    with pytest.raises(EditionError, match=r"about\.ru\.md:1: a prose page begins with its title"):
        load_pages(tmp_path, ("ru", "en"))


# --- the pages that explain the edition --------------------------------------------------------------
ROOT = Path(__file__).resolve().parent.parent
TEI_NS = {"t": "http://www.tei-c.org/ns/1.0"}


def words(node) -> str:
    return " ".join(node.text_content().split()) if hasattr(node, "text_content") else " ".join(str(node).split())


def reading_text(built_site: Path, lang: str) -> str:
    return words(parse_html(built_site / lang / "shemetova-2020" / "index.html").xpath("//main")[0])


def test_every_abbreviation_listed_occurs_in_the_text_and_says_where_its_full_form_comes_from(built_site: Path):
    texts = {lang: reading_text(built_site, lang) for lang in ("ru", "en")}
    for lang in ("ru", "en"):
        page = parse_html(built_site / lang / "abbreviations" / "index.html")
        rows = page.xpath("//table[@class='abbreviations']/tbody/tr[not(@class)]")
        assert [words(r.xpath("td[@lang='ru']")[0]) for r in rows] == \
            ["НКИД", "НКВТ", "СНК", "РСФСР", "РГАЭ", "Ф.", "Оп.", "Д.", "Л.", "об."]
        for row in rows:
            for cell in row.xpath("td[@lang]"):
                form = words(cell)
                note = row.getnext() is not None and row.getnext().get("class") == "abbr-note"
                assert note or form in texts[cell.get("lang")], (lang, form)
            # Each full form says where it comes from; a paragraph of the article is linked.
            assert len(row.xpath("td/span[@class='abbr-source']")) == 2
        nkvt = rows[1].xpath("td/span[@class='abbr-source']/a/@href")
        assert nkvt == [{"ru": "../shemetova-2020/#p6", "en": "../../ru/shemetova-2020/#p6"}[lang]]  # the original
        # The archive's full form is archives.yaml's, in both languages.
        assert words(rows[4].xpath("td/span[@lang='en']")[0]) == "Russian State Archive of the Economy"
        assert words(rows[4].xpath("td/span[@lang='ru']")[0]) == "Российский государственный архив экономики"
    en = parse_html(built_site / "en" / "abbreviations" / "index.html")
    assert [words(s) for s in en.xpath("//tr[td='РСФСР']//span[@class='abbr-source']")] == \
        ["(the editors' expansion)", "(the translation's glossary)"]


def test_the_glossary_page_lists_every_gloss_of_the_translation(built_site: Path):
    tei = etree.parse(str(ROOT / "edition" / "shemetova-2020.en.xml"))
    labels = [" ".join("".join(label.itertext()).split())
              for label in tei.xpath("//t:div[@type='glossary']//t:label", namespaces=TEI_NS)]
    items = tei.xpath("//t:div[@type='glossary']//t:item", namespaces=TEI_NS)
    assert len(labels) == len(items) > 20
    for lang, heading in (("ru", "Глоссарий перевода: English"), ("en", "Glossary of the translation: English")):
        page = parse_html(built_site / lang / "shemetova-2020" / "glossary" / "index.html")
        section = page.xpath("//main/section[@id='glossary-en']")[0]
        assert words(section.xpath("h2")[0]) == heading
        assert section.get("lang") == ("en" if lang == "ru" else None)
        assert [words(dt) for dt in section.xpath("dl/dt")] == labels
        assert [words(dd) for dd in section.xpath("dl/dd")] == \
            [" ".join("".join(item.itertext()).split()) for item in items]
        assert page.xpath("//nav[@class='guide-nav']//a[@aria-current='page']/text()") == [page.xpath("string(//h1)")]


def test_the_changelog_page_shows_each_release_of_the_data_file(built_site: Path):
    from tei_edition.config import load_yaml
    releases = load_yaml(ROOT / "edition" / "changelog.yaml")["releases"]
    for lang, undated in (("ru", "готовится"), ("en", "in preparation")):
        page = parse_html(built_site / lang / "changelog" / "index.html")
        sections = page.xpath("//main/section[@class='release']")
        assert len(sections) == len(releases)
        for section, release in zip(sections, releases, strict=True):
            assert section.get("id") == f"v{release['version']}"
            title = words(section.xpath("h2")[0])
            assert release["version"] in title
            assert title.endswith(release["date"] or undated)
            changes = [" ".join(change.split()) for change in release["changes"][lang]]
            assert [words(li) for li in section.xpath("ul/li")] == changes


def test_one_licence_in_every_tei_header_every_footer_and_the_about_page(built_site: Path):
    from tei_edition.config import load_config
    licence = load_config(ROOT / "edition").licence
    assert licence is not None and licence.url == "https://creativecommons.org/licenses/by/4.0/"
    published = sorted((built_site / "tei").glob("*.xml"))
    assert len(published) == 3
    for tei in published:
        targets = etree.parse(str(tei)).xpath("//t:teiHeader//t:availability/t:licence/@target", namespaces=TEI_NS)
        assert targets == [licence.url], tei.name
    for page_path in sorted(built_site.rglob("*.html")):
        page = parse_html(page_path)
        assert page.xpath("//footer//a[@rel='license']/@href") == [licence.url], page_path
        assert "© 2020" in words(page.xpath("//footer/p[@class='licence']")[0])
    for lang in ("ru", "en"):
        about = parse_html(built_site / lang / "about" / "index.html")
        assert licence.url in about.xpath("//main//a/@href")


def test_the_about_page_states_the_source_as_the_tei_has_it(built_site: Path):
    tei = etree.parse(str(ROOT / "edition" / "shemetova-2020.xml"))
    doi = tei.xpath("string(//t:sourceDesc//t:idno[@type='DOI'])", namespaces=TEI_NS)
    notes = tei.xpath("//t:text//t:note[@place='foot']", namespaces=TEI_NS)
    lost = [n for n in notes if n.xpath("t:gap[@reason='lost']", namespaces=TEI_NS)]
    pages = tei.xpath("//t:text//t:pb/@n", namespaces=TEI_NS)
    source_lines = (ROOT / "seeds" / "000_18c5ebe104e7b172.txt").read_text(encoding="utf-8").count("\n")
    stated = {"ru": (f"всех {len(notes)} примечаний", f"только {len(notes) - len(lost)}", f"Остальные {len(lost)}",
                     f"{source_lines} строки", f"с. {pages[0]}–{pages[-1]}"),
              "en": (f"all {len(notes)} notes", f"only {len(notes) - len(lost)}", f"The other {len(lost)}",
                     f"{source_lines} lines", f"pp. {pages[0]}–{pages[-1]}")}
    for lang, phrases in stated.items():
        page = parse_html(built_site / lang / "about" / "index.html")
        text = words(page.xpath("//main")[0])
        for phrase in phrases:
            assert phrase in text, (lang, phrase)
        # Where the lost notes can be read: the published article, linked once.
        assert page.xpath("//main//a/@href").count(f"https://doi.org/{doi}") == 1
        nav = page.xpath("//nav[@class='guide-nav']//a")
        assert [a.get("href") for a in nav] == ["#content", "../abbreviations/", "../shemetova-2020/glossary/",
                                                "../changelog/"]


@pytest.mark.parametrize("path", ["ru/shemetova-2020/index.html", "en/shemetova-2020/index.html",
                                  "ru/shemetova-2020/parallel/index.html", "en/shemetova-2020/parallel/index.html"])
def test_a_lost_notes_label_leads_once_to_where_the_published_article_can_be_read(built_site: Path, path: str):
    page = parse_html(built_site / path)
    labels = page.xpath("//*[contains(@class, 'note-lost-text')]/a/@href")
    assert len(set(labels)) == 1 and labels[0] == "#edition-note" and len(labels) >= 21
    explanation = page.xpath("//*[@id='edition-note']")[0]
    assert explanation.xpath(".//a/@href") == ["https://doi.org/10.31857/S013128120009755-1"]


def test_an_edition_without_the_data_has_none_of_these_pages(tmp_path: Path):
    from conftest import build_with_fixed_date
    from test_roots import make_edition
    project = make_edition(tmp_path, "article")
    build_with_fixed_date(project / "edition", project / "build")
    built = project / "build"
    assert not [p for p in built.rglob("*") if p.name in ("abbreviations", "changelog", "glossary")]
    for page_path in built.rglob("*.html"):
        page = parse_html(page_path)
        assert page.xpath("//nav[@class='guide-nav'] | //footer//*[@class='licence']") == [], page_path
